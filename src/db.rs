//! One connection type over SQLite and PostgreSQL.
//!
//! guichet does not use diesel's `MultiConnection` backend for queries: its common-denominator
//! backend has no `RETURNING` and hides which database answered. Instead [`DbConn`] is a plain
//! enum and the [`db_run!`]/[`db_write!`] macros compile a query body once per backend, the way
//! vaultwarden does. The variant is chosen from the URL scheme, so a PostgreSQL error is reported
//! as itself instead of being swallowed by a fallback to a SQLite file of that name.

use std::path::{Path, PathBuf};
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

/// A database URL, parsed once: `sqlite://PATH`, a plain file path, or `postgres://…`
/// (`postgresql://…`).
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

/// What `--database-url` accepts, for error messages.
pub const ACCEPTED_URLS: &str = "sqlite://PATH, a plain file path, or postgres://USER@HOST/DB";

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, DbError> {
        let bad = |problem: String| DbError::BadUrl {
            problem,
            accepted: ACCEPTED_URLS,
        };
        let url = url.trim();
        if url.is_empty() {
            return Err(bad("the database URL is empty".into()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_string()));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(bad("sqlite:// names no file".into()));
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if let Some(scheme) = scheme_of(url) {
            return Err(bad(format!("unknown database scheme `{scheme}:`")));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(url)))
    }

    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        }
    }

    /// The URL for logs and messages: a PostgreSQL password is replaced by `***`.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => path.display().to_string(),
            DatabaseUrl::Postgres(url) => redact_password(url),
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    // Debug output ends up in logs: never show a password there either.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted())
    }
}

/// `scheme` when `text` starts with an RFC 3986 scheme and `:` (`mysql://…`, `file:x`). A single
/// letter is a Windows drive (`C:\db`), not a scheme.
fn scheme_of(text: &str) -> Option<&str> {
    let (scheme, _) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && scheme.len() > 1).then_some(scheme)
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
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
            DatabaseUrl::Sqlite(path) => open_sqlite(path, self.sqlite_sync).map(DbConn::Sqlite),
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
        crate::files::restrict_to_owner(Path::new(&file)).map_err(|e| {
            sqlite_error(format!(
                "cannot restrict {}: {e}",
                Path::new(&file).display()
            ))
        })?;
    }
    Ok(())
}

/// Opens a pool. For SQLite the file is prepared first (see `prepare_sqlite`).
pub fn connect(url: &str, size: u32, sqlite_sync: SqliteSync) -> Result<Pool, DbError> {
    let url = DatabaseUrl::parse(url)?;
    if let DatabaseUrl::Sqlite(path) = &url {
        prepare_sqlite(path, sqlite_sync)?;
    }
    let manager = Manager { url, sqlite_sync };
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
        .connection_timeout(Duration::from_secs(30))
        .build(manager)
        .map_err(|e| DbError::Pool(e.to_string()))
}

/// Connects and applies pending migrations; returns the pool and the names of the migrations
/// that ran (empty when the database was up to date).
pub fn connect_and_migrate(
    url: &str,
    size: u32,
    sqlite_sync: SqliteSync,
) -> Result<(Pool, Vec<String>), DbError> {
    let pool = connect(url, size, sqlite_sync)?;
    let mut conn = pool.get().map_err(|e| DbError::Pool(e.to_string()))?;
    let applied = conn.run_migrations()?;
    drop(conn);
    Ok((pool, applied))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_backend_and_unknown_schemes_are_refused() {
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/g.db").ok(),
            Some(DatabaseUrl::Sqlite("/var/lib/g.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("data/guichet.db").ok(),
            Some(DatabaseUrl::Sqlite("data/guichet.db".into()))
        );
        assert_eq!(
            Backend::of_url("postgresql://h/db").ok(),
            Some(Backend::Postgres)
        );
        for bad in ["mysql://root@localhost/x", "file:x.db", "sqlite://", " "] {
            let err = DatabaseUrl::parse(bad).expect_err(bad).to_string();
            assert!(
                err.contains("sqlite://PATH") && err.contains("postgres://"),
                "{err}"
            );
        }
        let err = DatabaseUrl::parse("mysql://root@localhost/x")
            .expect_err("mysql")
            .to_string();
        assert!(err.contains("`mysql:`"), "{err}");
    }

    #[test]
    fn a_password_never_shows() {
        let url = DatabaseUrl::parse("postgres://app:s3cret@db.internal:5432/desk?sslmode=require")
            .expect("url");
        assert_eq!(
            url.redacted(),
            "postgres://app:***@db.internal:5432/desk?sslmode=require"
        );
        assert!(!format!("{url:?}").contains("s3cret"));
        let plain = DatabaseUrl::parse("postgres://postgres@127.0.0.1/test").expect("url");
        assert_eq!(plain.redacted(), "postgres://postgres@127.0.0.1/test");
    }
}
