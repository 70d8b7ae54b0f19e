//! Group commit: concurrent writes of one process committed together.
//!
//! SQLite has one writer at a time, and a commit has a fixed cost however little it writes:
//! taking the file locks, appending the WAL frames of every page touched (the same index pages,
//! the same counter row, ticket after ticket) and, with `synchronous = FULL`, an fsync. When
//! writes arrive while one is being committed, they queue on the writer mutex and each pays that
//! cost alone. Here they queue in a [`GroupCommit`] instead, and whoever finds no commit running
//! becomes the *leader*: it takes everything queued (up to [`MAX_GROUP`]), runs each write in
//! a savepoint of one transaction on its own connection, commits once, and hands each result
//! back. Writes that arrived meanwhile form the next group, led by one of their own callers.
//!
//! What each caller is promised does not change: its answer comes only after the commit that
//! made its write durable to the configured level, and a write that fails (a constraint, a
//! refusal) rolls back its own savepoint only, never the others of its group. A commit that
//! fails fails every write of its group, each told so.
//!
//! PostgreSQL groups concurrent commits itself and runs writes of different connections in
//! parallel, so there [`GroupCommit::write`] is a plain [`DbConn::write`].

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::{Backend, DbConn};

/// The most writes one commit carries, so that the first callers of a long burst are answered
/// without waiting for the whole burst.
pub const MAX_GROUP: usize = 64;

/// How the commit of a group ended, handed to each of its writes.
type Commit = Result<(), String>;
/// A queued write: run it in the leader's transaction; what it returns delivers its result
/// once the group's commit has ended.
type Run = Box<dyn FnOnce(&mut DbConn) -> Finish + Send>;
/// Delivers one write's result once the group's commit has ended.
type Finish = Box<dyn FnOnce(&Commit) + Send>;

/// What the leader tells a queued caller.
enum Turn {
    /// Your write is committed (or failed): its result is in your result channel.
    Done,
    /// Your write is still queued and no one leads: lead the next group.
    Lead,
}

struct Queued {
    run: Run,
    turn: SyncSender<Turn>,
}

#[derive(Default)]
struct Queue {
    writes: Vec<Queued>,
    /// A caller is leading a group (or has been handed the lead and is waking up).
    leading: bool,
}

/// The write queue of one database (one per pool: writes of another database must never run
/// on this one's connection).
#[derive(Default)]
pub struct GroupCommit {
    queue: Mutex<Queue>,
}

impl std::fmt::Debug for GroupCommit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupCommit").finish_non_exhaustive()
    }
}

impl GroupCommit {
    pub fn new() -> GroupCommit {
        GroupCommit::default()
    }

    /// Runs `f` in a write transaction, grouped with the writes queued beside it (SQLite), and
    /// returns once that transaction has ended. `conn` is the caller's connection: the group is
    /// run on it when the caller leads. A panic in `f` is raised again in the caller's thread.
    pub fn write<T, E, F>(&self, conn: &mut DbConn, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<diesel::result::Error> + Send + 'static,
    {
        if conn.backend() == Backend::Postgres {
            return conn.write(f);
        }
        // Already inside a transaction (a mail's, opened by `DbConn::write`): the write belongs
        // to it, and this thread holds the writer lock a group would wait for.
        if let DbConn::Sqlite(c) = conn
            && super::in_transaction(c)
        {
            return conn.savepoint(f);
        }
        let (result_tx, result_rx) = sync_channel::<std::thread::Result<Result<T, E>>>(1);
        let run: Run = Box::new(move |c: &mut DbConn| {
            // A panic is caught inside the savepoint, so that the savepoint is rolled back and
            // the transaction stays usable for the rest of the group.
            let written = c.savepoint(|c| match catch_unwind(AssertUnwindSafe(|| f(c))) {
                Ok(Ok(v)) => Ok(v),
                Ok(Err(e)) => Err(Failed::Write(e)),
                Err(panic) => Err(Failed::Panic(panic)),
            });
            Box::new(move |commit: &Commit| {
                let delivered = match (written, commit) {
                    (Ok(v), Ok(())) => Ok(Ok(v)),
                    (Ok(_), Err(message)) => Ok(Err(E::from(commit_failed(message)))),
                    (Err(Failed::Write(e)), _) => Ok(Err(e)),
                    (Err(Failed::Savepoint(e)), _) => Ok(Err(E::from(e))),
                    (Err(Failed::Panic(panic)), _) => Err(panic),
                };
                // The caller waits on the other end until it has this.
                let _ = result_tx.send(delivered);
            })
        });
        let (turn_tx, turn_rx) = sync_channel::<Turn>(1);
        let lead_now = {
            let mut q = self.lock();
            q.writes.push(Queued { run, turn: turn_tx });
            !std::mem::replace(&mut q.leading, true)
        };
        if lead_now || wait_turn(&turn_rx) {
            self.lead(conn);
        }
        match result_rx.recv() {
            Ok(Ok(result)) => result,
            Ok(Err(panic)) => resume_unwind(panic),
            // The leader's thread died with our write in hand (a panic outside any write).
            Err(_) => Err(E::from(commit_failed("the group's leader stopped"))),
        }
    }

    /// Commits one group (the caller's own write is in it), tells each of its callers, and
    /// hands the lead to a queued caller if writes arrived meanwhile.
    fn lead(&self, conn: &mut DbConn) {
        let group: Vec<Queued> = {
            let mut q = self.lock();
            let n = q.writes.len().min(MAX_GROUP);
            q.writes.drain(..n).collect()
        };
        let mut turns = Vec::with_capacity(group.len());
        let mut runs = Vec::with_capacity(group.len());
        for Queued { run, turn } in group {
            runs.push(run);
            turns.push(turn);
        }
        // Each write catches its own panic; this one catches a panic of the commit itself, so
        // that the lead is handed on (or given up) whatever happens: a queue left "leading"
        // with no leader would stop every write of the process.
        let ran = catch_unwind(AssertUnwindSafe(|| {
            let mut finishers: Vec<Finish> = Vec::with_capacity(runs.len());
            let commit: Commit = conn
                .write(|c| {
                    for run in runs {
                        finishers.push(run(c));
                    }
                    Ok::<(), diesel::result::Error>(())
                })
                .map_err(|e| e.to_string());
            for finish in finishers {
                finish(&commit);
            }
        }));
        for turn in turns {
            let _ = turn.send(Turn::Done);
        }
        self.hand_on();
        if let Err(panic) = ran {
            resume_unwind(panic);
        }
    }

    /// Gives the lead to the first queued caller, or marks the queue as led by no one.
    fn hand_on(&self) {
        let mut q = self.lock();
        match q.writes.first() {
            Some(next) => {
                // Still leading until the next caller takes over.
                let _ = next.turn.send(Turn::Lead);
            }
            None => q.leading = false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        // The queue stays consistent across a panic: pushes and drains are single calls.
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Why one write of a group failed.
enum Failed<E> {
    Write(E),
    /// Opening or ending its savepoint.
    Savepoint(diesel::result::Error),
    Panic(Box<dyn std::any::Any + Send>),
}

impl<E> From<diesel::result::Error> for Failed<E> {
    fn from(e: diesel::result::Error) -> Self {
        Failed::Savepoint(e)
    }
}

/// Waits for the leader's word; true when this caller must lead.
fn wait_turn(turn: &Receiver<Turn>) -> bool {
    matches!(turn.recv(), Ok(Turn::Lead))
}

fn commit_failed(message: &str) -> diesel::result::Error {
    diesel::result::Error::DatabaseError(
        diesel::result::DatabaseErrorKind::Unknown,
        Box::new(format!("the grouped commit failed: {message}")),
    )
}
