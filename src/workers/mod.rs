//! The background work of `guichet serve`: the outbox sender, the IMAP poller and the lifecycle
//! timers. Each runs on its own thread with the application state, takes its time from the
//! clock seam, and is safe to run in several processes at once on PostgreSQL.

pub mod outbox;
pub mod poller;
pub mod timers;

use crate::app::AppState;

/// Starts every worker `serve` runs beside the web server. Each thread owns a clone of the
/// state and runs until the process ends.
pub fn start(state: &AppState) {
    if outbox::spawn(state.clone()).is_some() {
        tracing::info!(mailer = ?state.mailer, "sending the outbox");
    }
    if poller::spawn(state.clone()).is_some() {
        tracing::info!("polling the IMAP mailbox");
    }
    timers::spawn(state.clone());
}
