//! One connection type over SQLite and PostgreSQL.
//!
//! guichet does not use diesel's `MultiConnection` backend for queries: its common-denominator
//! backend has no `RETURNING` and hides which database answered. Instead [`DbConn`] is a plain
//! enum and the [`db_run!`]/[`db_write!`] macros compile a query body once per backend, the way
//! vaultwarden does. The variant is chosen from the URL scheme, so a PostgreSQL error is reported
//! as itself instead of being swallowed by a fallback to a SQLite file of that name.

use std::path::Path;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub mod checkpoint;
pub mod group;
mod url;
pub use url::{ACCEPTED_URLS, DatabaseUrl};

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
    /// The backend a URL names; an unknown scheme is an error, never a SQLite file of that name.
    pub fn of_url(url: &str) -> Result<Backend, DbError> {
        DatabaseUrl::parse(url).map(|u| u.backend())
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
            // Inside `DbConn::write` the outer transaction already holds the write lock: the
            // body becomes a savepoint, and the writer mutex (not reentrant) is not taken again.
            $crate::db::DbConn::Sqlite(conn) => {
                if $crate::db::in_transaction(conn) {
                    conn.transaction(|$c| $body)
                } else {
                    let _writer = $crate::db::sqlite_writer();
                    conn.immediate_transaction(|$c| $body)
                }
            }
            $crate::db::DbConn::Pg(conn) => conn.transaction(|$c| $body),
        }
    };
}

/// Whether `conn` is inside a transaction already.
pub fn in_transaction<C>(conn: &mut C) -> bool
where
    C: diesel::Connection<TransactionManager = diesel::connection::AnsiTransactionManager>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    matches!(
        AnsiTransactionManager::transaction_manager_status_mut(conn).transaction_depth(),
        Ok(Some(_))
    )
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
            // Inside `DbConn::write` the outer transaction's isolation applies; PostgreSQL
            // cannot change it once a transaction has begun.
            $crate::db::DbConn::Pg(conn) => {
                if $crate::db::in_transaction(conn) {
                    conn.transaction(|$c| $body)
                } else {
                    conn.build_transaction()
                        .repeatable_read()
                        .read_only()
                        .run(|$c| $body)
                }
            }
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
    /// Runs `f` in one write transaction over the whole connection, so work made of several
    /// store calls (an inbound mail: its ticket and its idempotency record) commits or rolls
    /// back as one. The store calls inside become savepoints (see [`db_write!`]). On SQLite the
    /// transaction is `BEGIN IMMEDIATE` under this process's writer mutex, as for `db_write!`.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&mut DbConn) -> Result<T, E>) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        let _writer = match self {
            DbConn::Sqlite(conn) => {
                let guard = sqlite_writer();
                AnsiTransactionManager::begin_transaction_sql(conn, "BEGIN IMMEDIATE")?;
                Some(guard)
            }
            DbConn::Pg(conn) => {
                AnsiTransactionManager::begin_transaction(conn)?;
                None
            }
        };
        self.run_then_end(f)
    }

    /// Runs `f` in a savepoint of the transaction already open on this connection: its writes
    /// are undone when it fails, and the transaction goes on. Used by group commit, where each
    /// caller's write must fail alone.
    pub fn savepoint<T, E>(&mut self, f: impl FnOnce(&mut DbConn) -> Result<T, E>) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        match self {
            DbConn::Sqlite(conn) => AnsiTransactionManager::begin_transaction(conn)?,
            DbConn::Pg(conn) => AnsiTransactionManager::begin_transaction(conn)?,
        }
        self.run_then_end(f)
    }

    /// Runs `f` in the transaction (or savepoint) just opened, then commits it when `f`
    /// succeeded and rolls it back otherwise. A panic in `f` rolls back too before it goes on,
    /// so the connection goes back to the pool usable and with nothing of `f` in it.
    fn run_then_end<T, E>(&mut self, f: impl FnOnce(&mut DbConn) -> Result<T, E>) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut *self)));
        let result = ran.unwrap_or_else(|panic| {
            // The rollback's own error cannot be told to anyone: the panic is the news.
            let _ = self.end_transaction(false);
            std::panic::resume_unwind(panic)
        });
        let end = self.end_transaction(result.is_ok());
        match (result, end) {
            (Ok(v), Ok(())) => Ok(v),
            (Ok(_), Err(e)) => Err(e.into()),
            // The body's own error says more than a failed rollback.
            (Err(e), _) => Err(e),
        }
    }

    /// Commits (or rolls back) the innermost transaction or savepoint.
    fn end_transaction(&mut self, commit: bool) -> Result<(), diesel::result::Error> {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        match (self, commit) {
            (DbConn::Sqlite(conn), true) => AnsiTransactionManager::commit_transaction(conn),
            (DbConn::Sqlite(conn), false) => AnsiTransactionManager::rollback_transaction(conn),
            (DbConn::Pg(conn), true) => AnsiTransactionManager::commit_transaction(conn),
            (DbConn::Pg(conn), false) => AnsiTransactionManager::rollback_transaction(conn),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Sqlite(_) => Backend::Sqlite,
            DbConn::Pg(_) => Backend::Postgres,
        }
    }

    /// Applies every pending migration of this backend's set; returns their names (the
    /// migration folders), oldest first, so a user is told what changed.
    pub fn run_migrations(&mut self) -> Result<Vec<String>, DbError> {
        fn run<DB: diesel::backend::Backend>(
            c: &mut impl MigrationHarness<DB>,
            source: EmbeddedMigrations,
        ) -> diesel::migration::Result<Vec<String>> {
            let pending = c.pending_migrations(source)?;
            let mut applied = Vec::with_capacity(pending.len());
            for m in &pending {
                c.run_migration(m.as_ref())?;
                applied.push(m.name().to_string());
            }
            Ok(applied)
        }
        let applied = match self {
            DbConn::Sqlite(c) => run(c, SQLITE_MIGRATIONS),
            DbConn::Pg(c) => run(c, POSTGRES_MIGRATIONS),
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
    #[error("{problem}; use {accepted}")]
    BadUrl {
        problem: String,
        accepted: &'static str,
    },
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

/// r2d2 manager that opens the backend named by the URL and sets SQLite's pragmas.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
    sqlite_sync: SqliteSync,
    /// For a SQLite file: the thread that checkpoints its WAL, stopped and joined when the pool
    /// (which owns the manager) is dropped. Its connections then never checkpoint themselves.
    checkpointer: Option<std::sync::Arc<checkpoint::Checkpointer>>,
}

fn sqlite_error(message: impl std::fmt::Display) -> DbError {
    DbError::Connect {
        backend: "SQLite",
        message: message.to_string(),
    }
}

/// Opens a SQLite connection with its per-connection pragmas.
fn open_sqlite(path: &Path, sync: SqliteSync) -> Result<SqliteConnection, DbError> {
    let text = path
        .to_str()
        .ok_or_else(|| sqlite_error(format!("the path {} is not UTF-8", path.display())))?;
    let mut conn = SqliteConnection::establish(text).map_err(sqlite_error)?;
    // The busy timeout goes first and alone: any later statement may need a lock (another
    // process checkpointing, writing, or switching the journal mode), and only a connection that
    // already has the timeout waits for it instead of failing at once with "database is locked".
    conn.batch_execute("PRAGMA busy_timeout = 10000")
        .map_err(sqlite_error)?;
    let sync = match sync {
        SqliteSync::Normal => "NORMAL",
        SqliteSync::Full => "FULL",
    };
    conn.batch_execute(&format!(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = {sync};"
    ))
    .map_err(sqlite_error)?;
    Ok(conn)
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = DbError;

    fn connect(&self) -> Result<DbConn, DbError> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                PgConnection::establish(url)
                    .map(DbConn::Pg)
                    .map_err(|e| DbError::Connect {
                        backend: "PostgreSQL",
                        message: e.to_string(),
                    })
            }
            DatabaseUrl::Sqlite(path) => {
                let mut conn = open_sqlite(path, self.sqlite_sync)?;
                if self.checkpointer.is_some() {
                    conn.batch_execute(&checkpoint::connection_pragmas())
                        .map_err(sqlite_error)?;
                }
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

/// Prepares a SQLite file before the pool opens it: the folder is created 0700 and the file 0600
/// (its -wal and -shm files get the same mode from SQLite), and the journal switches to WAL once,
/// on one connection, since the mode is stored in the file and changing it takes a lock.
fn prepare_sqlite(path: &Path, sync: SqliteSync) -> Result<(), DbError> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        crate::files::create_private_dir(parent)
            .map_err(|e| sqlite_error(format!("cannot create {}: {e}", parent.display())))?;
    }
    if path != Path::new(":memory:") {
        crate::files::create_private_file(path)
            .map_err(|e| sqlite_error(format!("cannot create {}: {e}", path.display())))?;
    }
    let mut conn = open_sqlite(path, sync)?;
    conn.batch_execute("PRAGMA journal_mode = WAL")
        .map_err(sqlite_error)?;
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        // Best effort: a file this user cannot chmod (another owner's) is still usable.
        if let Err(e) = crate::files::restrict_to_owner(Path::new(&file)) {
            tracing::warn!(
                file = %Path::new(&file).display(),
                error = %e,
                "cannot make the database file private to its owner"
            );
        }
    }
    Ok(())
}

/// How a pool is opened.
#[derive(Debug, Clone, Copy)]
pub struct PoolOptions {
    pub size: u32,
    /// How long a caller waits for a free connection before `pool.get()` fails.
    pub wait: Duration,
    pub sqlite_sync: SqliteSync,
}

impl PoolOptions {
    /// `size` connections, the default wait, SQLite's NORMAL durability.
    pub fn with_size(size: u32) -> PoolOptions {
        PoolOptions {
            size,
            wait: Duration::from_secs(5),
            sqlite_sync: SqliteSync::Normal,
        }
    }
}

/// Opens a pool. For SQLite the file is prepared first (see `prepare_sqlite`).
pub fn connect(url: &str, options: PoolOptions) -> Result<Pool, DbError> {
    let PoolOptions {
        size,
        wait,
        sqlite_sync,
    } = options;
    let url = DatabaseUrl::parse(url)?;
    let mut checkpointer = None;
    if let DatabaseUrl::Sqlite(path) = &url {
        prepare_sqlite(path, sqlite_sync)?;
        // An in-memory database has no WAL to checkpoint.
        if path != Path::new(":memory:") {
            checkpointer = Some(std::sync::Arc::new(checkpoint::Checkpointer::start(
                path,
                sqlite_sync,
            )?));
        }
    }
    // r2d2 runs `is_valid` (a `SELECT 1`) on every checkout by default. A SQLite file cannot go
    // away under an open connection, so for SQLite that is a parse and a step per request for
    // nothing; a PostgreSQL connection can (a server restart), and keeps the check.
    let test_on_check_out = matches!(url, DatabaseUrl::Postgres(_));
    let manager = Manager {
        url,
        sqlite_sync,
        checkpointer,
    };
    // Try once up front so a bad URL fails with the database's own message, not a pool timeout.
    let first = manager.connect()?;
    drop(first);
    // Connections are opened on demand, by the caller that waits for one, and never on r2d2's
    // background threads: a one-shot command needs one connection, not `size`; a background
    // failure is only logged (the "ERROR r2d2 … database is locked" of old); and a background
    // connect still running when the process exits crashes in libpq's exit handlers (seen as a
    // segfault after `product add` on PostgreSQL with a minimum of one idle connection).
    r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(0))
        .test_on_check_out(test_on_check_out)
        .connection_timeout(wait)
        .build(manager)
        .map_err(|e| DbError::Pool(e.to_string()))
}

/// Connects and applies pending migrations; returns the pool and the names of the migrations
/// that ran (empty when the database was up to date).
pub fn connect_and_migrate(
    url: &str,
    options: PoolOptions,
) -> Result<(Pool, Vec<String>), DbError> {
    let pool = connect(url, options)?;
    let mut conn = pool.get().map_err(|e| DbError::Pool(e.to_string()))?;
    let applied = conn.run_migrations()?;
    drop(conn);
    Ok((pool, applied))
}
