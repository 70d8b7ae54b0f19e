//! The lifecycle timers: every `mail.timers_interval`, resolve the `waiting_customer` tickets the
//! customer left silent for `autoresolve_days` (with a notice mail), close the `resolved` ones
//! past `reopen_days`, and close the `needs_info` ones older than `needs_info_days`.
//!
//! The decisions and their atomicity live in `store::timers`; this module only builds the
//! notice, walks the batches and keeps the loop alive. Time comes from [`AppState::now`], so a
//! test moves a manual clock instead of waiting days.

use std::thread::JoinHandle;

use crate::app::AppState;
use crate::i18n::{self, Msg};
use crate::mail::ids;
use crate::store::models::Ticket;
use crate::store::tickets::OutboxMail;
use crate::store::timers::{self, BATCH};
use crate::store::{StoreError, StoreResult};
use crate::vault::VaultError;

/// What one pass changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimerReport {
    /// `waiting_customer` → `resolved`, each with one notice in the outbox.
    pub autoresolved: usize,
    /// `resolved` → `closed` after the reopen window.
    pub closed_resolved: usize,
    /// `needs_info` → `closed`, never completed.
    pub closed_needs_info: usize,
}

/// Batches per timer and pass: bounds one pass's work even if rows keep becoming due; what is
/// left is picked up by the next pass.
const MAX_BATCHES: usize = 100;

/// Runs every timer once at `state.now()`.
pub fn run_once(state: &AppState) -> Result<TimerReport, StoreError> {
    let now = state.now();
    let config = &state.config;
    let conn = &mut *state.conn()?;
    let host = ids::host_of(&config.public_url);
    let reopen_days = config.lifecycle.reopen_days;
    let autoresolved = in_batches(|| {
        // One nonce per batch is enough: the Message-ID also carries the ticket number, and a
        // ticket is resolved at most once per batch.
        let nonce = ids::Nonce::new().map_err(|e| VaultError::Random(e.to_string()))?;
        let notice = |t: &Ticket| {
            let message_id = ids::message_id(&state.keys, t.id, &nonce, &host);
            autoresolve_notice(t, config.autoresolve_days, reopen_days, message_id)
        };
        let changed = timers::autoresolve(conn, now, config.autoresolve_days, BATCH, notice)?;
        Ok(changed.len())
    })?;
    let closed_resolved =
        in_batches(|| Ok(timers::close_resolved(conn, now, reopen_days, BATCH)?.len()))?;
    let closed_needs_info = in_batches(|| {
        Ok(timers::close_needs_info(conn, now, config.needs_info_days, BATCH)?.len())
    })?;
    Ok(TimerReport {
        autoresolved,
        closed_resolved,
        closed_needs_info,
    })
}

/// Calls `batch` while it returns a full batch, at most [`MAX_BATCHES`] times; sums the counts.
fn in_batches(mut batch: impl FnMut() -> StoreResult<usize>) -> StoreResult<usize> {
    let full = usize::try_from(BATCH).unwrap_or(usize::MAX);
    let mut total = 0;
    for _ in 0..MAX_BATCHES {
        let n = batch()?;
        total += n;
        if n < full {
            break;
        }
    }
    Ok(total)
}

/// The mail telling the customer the ticket was resolved for lack of reply, and that a reply
/// within the reopen window brings it back. In the ticket's language, marked automatic.
fn autoresolve_notice(t: &Ticket, days: u32, reopen_days: u32, message_id: String) -> OutboxMail {
    let args = [
        ("number", t.id.to_string()),
        ("subject", t.subject.clone()),
        ("name", t.name.clone()),
        ("days", days.to_string()),
        ("reopen_days", reopen_days.to_string()),
    ];
    OutboxMail {
        kind: "autoresolve_notice",
        to: t.email.clone(),
        lang: t.lang,
        subject: i18n::text(t.lang, Msg::MailAutoresolveSubject, &args),
        body: i18n::text(t.lang, Msg::MailAutoresolveBody, &args),
        message_id,
        in_reply_to: None,
        auto_submitted: true,
    }
}

/// Runs [`run_once`] every `mail.timers_interval` on a thread of its own, for as long as the
/// process lives. An error is logged and the next pass tries again: a database that is down for
/// a while delays the timers, it does not stop them. Logs carry counts only, never addresses.
pub fn spawn(state: AppState) -> JoinHandle<()> {
    std::thread::Builder::new()
        .name("guichet-timers".into())
        .spawn(move || {
            loop {
                match run_once(&state) {
                    Ok(r) if r != TimerReport::default() => tracing::info!(
                        autoresolved = r.autoresolved,
                        closed_resolved = r.closed_resolved,
                        closed_needs_info = r.closed_needs_info,
                        "lifecycle timers"
                    ),
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "lifecycle timers failed; retrying next pass")
                    }
                }
                std::thread::sleep(state.config.mail.timers_interval);
            }
        })
        // Only fails when the OS cannot make a thread at start-up, before any work was taken.
        .expect("spawn the lifecycle timers thread")
}
