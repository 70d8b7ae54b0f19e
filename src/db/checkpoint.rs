//! SQLite's WAL checkpoints, moved off the request path.
//!
//! Left to itself, SQLite checkpoints automatically: the commit that takes the WAL past 1,000
//! pages copies the WAL back into the database file and fsyncs it, inside that request, while
//! this process's writer mutex is held, so every writer queued behind it waits too. At intake
//! rates that was one request in fifty or so taking tens of milliseconds instead of one.
//!
//! Instead each pool on a SQLite file owns a [`Checkpointer`]: its connections run with
//! `wal_autocheckpoint = 0`, and a thread with a connection of its own runs a `PASSIVE`
//! checkpoint every [`INTERVAL`]. A passive checkpoint takes no lock a writer needs, so commits
//! go on while it copies and syncs. When the WAL has reached [`RESTART_PAGES`] anyway (a reader
//! holding an old snapshot keeps a passive checkpoint from finishing, and so the WAL from being
//! reused), one `RESTART` checkpoint waits for the readers and brings the WAL back to its start;
//! `journal_size_limit` then truncates the file. That bounds the WAL to roughly
//! `RESTART_PAGES` pages plus what arrives during one interval.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::Integer;

use super::{DbError, SqliteSync, open_sqlite};

/// How often the background thread checkpoints. At 1,000 tickets/s the WAL gains about 30
/// pages per 100 ms, so a quarter second keeps each checkpoint short.
pub const INTERVAL: Duration = Duration::from_millis(250);

/// WAL size (in pages of 4 KiB: 64 MiB) past which a checkpoint waits for readers.
pub const RESTART_PAGES: i32 = 16_384;

/// The WAL file is truncated to this size after a checkpoint reset it.
pub const JOURNAL_SIZE_LIMIT: i64 = 64 * 1024 * 1024;

/// The pragmas every connection of a pool with a checkpointer runs.
pub(super) fn connection_pragmas() -> String {
    format!("PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT};")
}

/// The answer of `PRAGMA wal_checkpoint`.
#[derive(QueryableByName, Debug)]
struct Outcome {
    /// 1 when the checkpoint could not finish (a RESTART that gave up waiting).
    #[diesel(sql_type = Integer)]
    busy: i32,
    /// Pages in the WAL.
    #[diesel(sql_type = Integer)]
    log: i32,
    /// Pages of the WAL now copied into the database file.
    #[diesel(sql_type = Integer)]
    checkpointed: i32,
}

/// The background checkpoint thread of one SQLite pool; stopping it (on drop) runs one last
/// passive checkpoint and joins the thread.
pub struct Checkpointer {
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Checkpointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checkpointer").finish_non_exhaustive()
    }
}

impl Checkpointer {
    /// Opens the thread's own connection (so a bad file fails here, not in the thread) and
    /// starts checkpointing `path`.
    pub fn start(path: &Path, sync: SqliteSync) -> Result<Checkpointer, DbError> {
        let mut conn = open_sqlite(path, sync)?;
        use diesel::connection::SimpleConnection;
        conn.batch_execute(&connection_pragmas())?;
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let flag = Arc::clone(&stop);
        let file: PathBuf = path.to_owned();
        let thread = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || run(conn, &flag, &file))
            .map_err(|e| DbError::Pool(format!("cannot start the checkpoint thread: {e}")))?;
        Ok(Checkpointer {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let (lock, wake) = &*self.stop;
        *lock.lock().unwrap_or_else(|p| p.into_inner()) = true;
        wake.notify_one();
        if let Some(thread) = self.thread.take() {
            // A panic in the thread was logged by the panic hook already.
            let _ = thread.join();
        }
    }
}

fn run(mut conn: SqliteConnection, stop: &(Mutex<bool>, Condvar), file: &Path) {
    let (lock, wake) = stop;
    loop {
        let stopping = {
            let guard = lock.lock().unwrap_or_else(|p| p.into_inner());
            let (guard, _) = wake
                .wait_timeout_while(guard, INTERVAL, |stop| !*stop)
                .unwrap_or_else(|p| p.into_inner());
            *guard
        };
        checkpoint(&mut conn, file);
        if stopping {
            return;
        }
    }
}

/// One passive checkpoint, then a restarting one when the WAL has grown past the bound.
fn checkpoint(conn: &mut SqliteConnection, file: &Path) {
    let passive = diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)").get_result::<Outcome>(conn);
    match passive {
        Ok(o) if o.log >= RESTART_PAGES => {
            let restart =
                diesel::sql_query("PRAGMA wal_checkpoint(RESTART)").get_result::<Outcome>(conn);
            match restart {
                Ok(r) if r.busy == 0 => {
                    tracing::debug!(
                        pages = r.log,
                        "WAL past its bound: checkpointed and restarted"
                    )
                }
                Ok(r) => tracing::warn!(
                    file = %file.display(),
                    pages = r.log,
                    copied = r.checkpointed,
                    "the WAL is past its bound and readers kept it from restarting"
                ),
                Err(e) => {
                    tracing::warn!(file = %file.display(), error = %e, "WAL checkpoint failed")
                }
            }
        }
        Ok(_) => {}
        // SQLITE_BUSY from another process's checkpoint, or a file gone: try at the next tick.
        Err(e) => tracing::debug!(file = %file.display(), error = %e, "WAL checkpoint skipped"),
    }
}
