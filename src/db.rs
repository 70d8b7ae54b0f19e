//! One connection type over SQLite and PostgreSQL.
//!
//! guichet does not use diesel's `MultiConnection` backend for queries: its common-denominator
//! backend has no `RETURNING` and hides which database answered. Instead [`DbConn`] is a plain
//! enum and the [`db_run!`]/[`db_write!`] macros compile a query body once per backend, the way
//! vaultwarden does. The variant is chosen from the URL scheme, so a PostgreSQL error is reported
//! as itself instead of being swallowed by a fallback to a SQLite file of that name.

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A live connection to one of the two supported databases.
pub enum DbConn {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// How hard SQLite flushes to disk. NORMAL in WAL mode loses nothing committed when the process
/// is killed; FULL also survives a power loss, at a cost per commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteSync {
    Normal,
    Full,
}

/// Runs `$body` with `$c` bound to the concrete connection, whichever backend it is.
#[macro_export]
macro_rules! db_run {
    ($conn:expr, $c:ident => $body:block) => {
        match $conn {
            $crate::db::DbConn::Sqlite($c) => $body,
            $crate::db::DbConn::Pg($c) => $body,
        }
    };
}

/// Runs `$body` in a write transaction. On SQLite it is `BEGIN IMMEDIATE`, which takes the write
/// lock up front: a deferred transaction that reads and then writes can fail with SQLITE_BUSY
/// when another connection wrote in between, and busy_timeout cannot save it.
#[macro_export]
macro_rules! db_write {
    ($conn:expr, $c:ident => $body:block) => {
        match $conn {
            $crate::db::DbConn::Sqlite(conn) => {
                let _writer = $crate::db::sqlite_writer();
                conn.immediate_transaction(|$c| $body)
            }
            $crate::db::DbConn::Pg(conn) => conn.transaction(|$c| $body),
        }
    };
}

/// Runs `$body` in a read-only transaction that sees one snapshot of the database, for answers
/// computed from several queries (a position from counters and a range count). SQLite's deferred
/// transaction gives that; PostgreSQL needs REPEATABLE READ, as READ COMMITTED takes a new
/// snapshot per statement.
#[macro_export]
macro_rules! db_snapshot {
    ($conn:expr, $c:ident => $body:block) => {
        match $conn {
            $crate::db::DbConn::Sqlite(conn) => conn.transaction(|$c| $body),
            $crate::db::DbConn::Pg(conn) => conn
                .build_transaction()
                .repeatable_read()
                .read_only()
                .run(|$c| $body),
        }
    };
}

/// SQLite has one writer at a time. When several threads of this process want the write lock,
/// SQLite's busy handler makes the losers sleep in growing steps (up to 100 ms), which at 16
/// concurrent requests costs far more than the writes themselves. Queueing the writers of this
/// process on a mutex first hands the lock over without sleeping; busy_timeout still covers
/// other processes (the CLI) writing to the same file.
pub fn sqlite_writer() -> std::sync::MutexGuard<'static, ()> {
    static WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());
    // A panic while holding the guard poisons it, but the guarded state is empty: go on.
    WRITER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl DbConn {
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Sqlite(_) => Backend::Sqlite,
            DbConn::Pg(_) => Backend::Postgres,
        }
    }

    /// Applies every pending migration of this backend's set.
    pub fn run_migrations(&mut self) -> Result<usize, DbError> {
        let applied = match self {
            DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
            DbConn::Pg(c) => c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.len()),
        };
        applied.map_err(|e| DbError::Migration(e.to_string()))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot connect to the {backend} database: {message}")]
    Connect {
        backend: &'static str,
        message: String,
    },
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("database pool: {0}")]
    Pool(String),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

/// r2d2 manager that opens the backend named by the URL and sets SQLite's pragmas.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    sqlite_sync: SqliteSync,
}

impl Manager {
    fn sqlite_path(&self) -> &str {
        self.url.strip_prefix("sqlite://").unwrap_or(&self.url)
    }
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = DbError;

    fn connect(&self) -> Result<DbConn, DbError> {
        match Backend::of_url(&self.url) {
            Backend::Postgres => PgConnection::establish(&self.url)
                .map(DbConn::Pg)
                .map_err(|e| DbError::Connect {
                    backend: "PostgreSQL",
                    message: e.to_string(),
                }),
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(self.sqlite_path()).map_err(|e| {
                    DbError::Connect {
                        backend: "SQLite",
                        message: e.to_string(),
                    }
                })?;
                let sync = match self.sqlite_sync {
                    SqliteSync::Normal => "NORMAL",
                    SqliteSync::Full => "FULL",
                };
                // WAL lets readers run beside the single writer; the busy timeout makes writers
                // queue for the lock instead of failing at once.
                conn.batch_execute(&format!(
                    "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
                     PRAGMA foreign_keys = ON; PRAGMA synchronous = {sync};"
                ))
                .map_err(|e| DbError::Connect {
                    backend: "SQLite",
                    message: e.to_string(),
                })?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), DbError> {
        db_run!(conn, c => { c.batch_execute("SELECT 1") }).map_err(DbError::from)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Opens a pool. For SQLite the parent folder of the file is created first.
pub fn connect(url: &str, size: u32, sqlite_sync: SqliteSync) -> Result<Pool, DbError> {
    let manager = Manager {
        url: url.to_string(),
        sqlite_sync,
    };
    if Backend::of_url(url) == Backend::Sqlite
        && let Some(parent) = std::path::Path::new(manager.sqlite_path()).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| DbError::Connect {
            backend: "SQLite",
            message: format!("cannot create {}: {e}", parent.display()),
        })?;
    }
    // Try once up front so a bad URL fails with the database's own message, not a pool timeout.
    let first = manager.connect()?;
    drop(first);
    r2d2::Pool::builder()
        .max_size(size)
        .connection_timeout(Duration::from_secs(30))
        .build(manager)
        .map_err(|e| DbError::Pool(e.to_string()))
}

/// Connects and applies pending migrations; returns the pool and how many migrations ran.
pub fn connect_and_migrate(
    url: &str,
    size: u32,
    sqlite_sync: SqliteSync,
) -> Result<(Pool, usize), DbError> {
    let pool = connect(url, size, sqlite_sync)?;
    let mut conn = pool.get().map_err(|e| DbError::Pool(e.to_string()))?;
    let applied = conn.run_migrations()?;
    drop(conn);
    Ok((pool, applied))
}
