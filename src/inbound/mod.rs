//! One inbound mail, from raw bytes to its stored outcome, in the order of DESIGN "Email in":
//! parse (or quarantine), idempotency, classification of automatic mail, threading, and a new
//! ticket through `intake`. `guichet ingest` and the IMAP poller both call [`receive`]; each
//! mail is one transaction, so a caller that marks it done after `receive` returned `Ok` never
//! loses it, and one that crashes before re-runs it harmlessly (the idempotency key).

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::domain::ids::TicketId;
use crate::intake::Desk;
use crate::store::StoreError;

/// What happened to one mail: the outcome lines of DESIGN's interface contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created(TicketId),
    Reply(TicketId),
    NeedsInfo(TicketId),
    /// The eligibility code (`no_purchase`, `support_expired`, …).
    Refused(&'static str),
    Ignored(crate::mail::inbound::Automatic),
    /// Seen before; the ticket of its first copy, if it made one.
    Duplicate(Option<TicketId>),
    /// Kept with its error and raw bytes; the reason word.
    Quarantined(&'static str),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Created(n) => write!(f, "created {n}"),
            Outcome::Reply(n) => write!(f, "reply {n}"),
            Outcome::NeedsInfo(n) => write!(f, "needs_info {n}"),
            Outcome::Refused(code) => write!(f, "refused {code}"),
            Outcome::Ignored(kind) => write!(f, "ignored {}", kind.as_str()),
            Outcome::Duplicate(Some(n)) => write!(f, "duplicate {n}"),
            Outcome::Duplicate(None) => write!(f, "duplicate -"),
            Outcome::Quarantined(reason) => write!(f, "quarantined {reason}"),
        }
    }
}

/// Storing failed: nothing of the mail was written, and the caller should try again later
/// (`ingest` exits 75; the poller leaves the mail unseen).
#[derive(Debug, thiserror::Error)]
pub enum InboundError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
}

/// Processes one raw mail received at `now`.
pub fn receive(
    conn: &mut DbConn,
    desk: Desk<'_>,
    raw: &[u8],
    now: DateTime<Utc>,
) -> Result<Outcome, InboundError> {
    let _ = (conn, desk, raw, now);
    Err(InboundError::Random(
        "the mail pipeline is being built".into(),
    ))
}
