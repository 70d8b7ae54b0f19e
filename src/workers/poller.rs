//! The IMAP poller: each pass reads the unseen messages of the mailbox, oldest first, stores
//! each through `inbound::receive` (one transaction per mail) and only then sets `\Seen`. A
//! crash between the commit and the flag leaves the mail unseen; the next pass finds its
//! Message-ID (or hash) already recorded and only marks it. A mail that cannot be stored (the
//! database is down) ends the pass unseen, to be retried after a pause; a bad mail is an outcome
//! (quarantine), never a reason to stop. On PostgreSQL one process at a time polls: a pass
//! runs only while it holds an advisory lock.

use std::time::Duration;

use crate::app::AppState;
use crate::config::ImapServer;
use crate::db::DbConn;
use crate::inbound::{self, InboundError, Outcome};
use crate::mail::imap::{self, ImapError};
use crate::store::StoreError;

/// The advisory lock's key: any constant that other applications of the database do not use.
const POLLER_LOCK: i64 = 0x6775_6963_6865_7401;

#[derive(Debug, thiserror::Error)]
pub enum PollError {
    #[error(transparent)]
    Imap(#[from] ImapError),
    #[error("storing a mail failed: {0}")]
    Store(#[from] InboundError),
    #[error("no database connection: {0}")]
    Busy(#[from] StoreError),
    #[error("cannot start the poller's runtime: {0}")]
    Runtime(String),
}

/// What one pass did: the outcome of each mail stored, in order; `locked_out` when another
/// process holds the poller lock.
#[derive(Debug, Default)]
pub struct PassReport {
    pub outcomes: Vec<Outcome>,
    pub locked_out: bool,
}

/// One pass over the mailbox.
pub fn poll_once(state: &AppState, server: &ImapServer) -> Result<PassReport, PollError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| PollError::Runtime(e.to_string()))?;
    let mut conn = state.conn()?;
    if !try_lock(&mut conn)? {
        return Ok(PassReport {
            locked_out: true,
            ..PassReport::default()
        });
    }
    let result = runtime.block_on(pass(state, server, &mut conn));
    unlock(&mut conn);
    result
}

async fn pass(
    state: &AppState,
    server: &ImapServer,
    conn: &mut DbConn,
) -> Result<PassReport, PollError> {
    let mut session = imap::open(server, state.config.mail.smtp_timeout).await?;
    let mut report = PassReport::default();
    for uid in imap::unseen(&mut session).await? {
        let Some(raw) = imap::fetch(&mut session, uid).await? else {
            continue;
        };
        let outcome = inbound::receive(conn, state.intake(), &raw, state.now())?;
        imap::mark_seen(&mut session, uid).await?;
        report.outcomes.push(outcome);
    }
    // A failed logout loses nothing: every stored mail is already marked.
    let _ = session.logout().await;
    Ok(report)
}

fn try_lock(conn: &mut DbConn) -> Result<bool, StoreError> {
    use diesel::prelude::*;
    match conn {
        // SQLite serves one host, and its writer lock already orders the passes.
        DbConn::Sqlite(_) => Ok(true),
        DbConn::Pg(c) => {
            #[derive(QueryableByName)]
            struct Locked {
                #[diesel(sql_type = diesel::sql_types::Bool)]
                locked: bool,
            }
            let row: Locked = diesel::sql_query("SELECT pg_try_advisory_lock($1) AS locked")
                .bind::<diesel::sql_types::BigInt, _>(POLLER_LOCK)
                .get_result(c)?;
            Ok(row.locked)
        }
    }
}

fn unlock(conn: &mut DbConn) {
    use diesel::prelude::*;
    if let DbConn::Pg(c) = conn {
        // The lock is the session's: released here so the pooled connection goes back clean.
        let _ = diesel::sql_query("SELECT pg_advisory_unlock($1)")
            .bind::<diesel::sql_types::BigInt, _>(POLLER_LOCK)
            .execute(c);
    }
}

/// Polls for ever: a pass every `imap_interval`, and after a failure a pause that doubles up
/// to `imap_retry_max`. Logs counts and errors, never an address.
pub fn run(state: &AppState, server: &ImapServer) {
    let interval = state.config.mail.imap_interval;
    let max = state.config.mail.imap_retry_max.max(interval);
    let mut pause = interval;
    loop {
        match poll_once(state, server) {
            Ok(report) => {
                if !report.outcomes.is_empty() {
                    tracing::info!(mails = report.outcomes.len(), "mailbox polled");
                }
                pause = interval;
            }
            Err(e) => {
                tracing::warn!(error = %e, retry_in_ms = pause.as_millis() as u64, "poll failed");
                std::thread::sleep(pause);
                pause = (pause * 2).min(max);
                continue;
            }
        }
        std::thread::sleep(pause.max(Duration::from_millis(10)));
    }
}

/// Starts [`run`] on its own thread when an IMAP server is configured.
pub fn spawn(state: AppState) -> Option<std::thread::JoinHandle<()>> {
    let server = state.config.mail.imap.clone()?;
    std::thread::Builder::new()
        .name("imap-poller".into())
        .spawn(move || run(&state, &server))
        .ok()
}
