//! One inbound mail, from raw bytes to its stored outcome, in the order of DESIGN "Email in":
//! parse (or quarantine), idempotency, classification of automatic mail, threading, and a new
//! ticket through `intake`. `guichet ingest` and the IMAP poller both call [`receive`]; each
//! mail is one transaction, so a caller that marks it done after `receive` returned `Ok` never
//! loses it, and one that crashes before re-runs it harmlessly (the idempotency key).

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::domain::ids::TicketId;
use crate::intake::{Desk, IntakeError};
use crate::mail::inbound::{ParseError, ParsedMail, classify, dmarc, parse, reply_text};
use crate::store::inbound::Record;
use crate::store::{self, StoreError};

mod files;
mod new_request;
mod thread;

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
    /// An attachment could not be written to the data directory (a full disk).
    #[error("cannot keep an attachment: {0}")]
    Files(String),
}

impl From<diesel::result::Error> for InboundError {
    fn from(e: diesel::result::Error) -> Self {
        InboundError::Store(e.into())
    }
}

impl From<IntakeError> for InboundError {
    fn from(e: IntakeError) -> Self {
        match e {
            IntakeError::Store(e) => InboundError::Store(e),
            IntakeError::Random(e) => InboundError::Random(e),
            // Refusals are outcomes, handled where a request is made; any other is a bug.
            other => InboundError::Random(format!("unexpected intake answer: {other}")),
        }
    }
}

/// Processes one raw mail received at `now`, in one transaction: its record and whatever it
/// caused (a message, a ticket, mails) commit together or not at all.
pub fn receive(
    conn: &mut DbConn,
    desk: Desk<'_>,
    raw: &[u8],
    now: DateTime<Utc>,
) -> Result<Outcome, InboundError> {
    conn.write(|conn| receive_in_transaction(conn, desk, raw, now))
}

fn receive_in_transaction(
    conn: &mut DbConn,
    desk: Desk<'_>,
    raw: &[u8],
    now: DateTime<Utc>,
) -> Result<Outcome, InboundError> {
    let quarantine = |conn: &mut DbConn, key: &str, reason: &'static str, error: String| {
        let outcome = Outcome::Quarantined(reason);
        let line = outcome.to_string();
        let rec = Record {
            key,
            ticket_id: None,
            outcome: &line,
            error: Some(&error),
            raw,
            sender: None,
        };
        store::inbound::record(conn, &rec, now).map(|()| outcome)
    };
    if raw.len() > desk.config.mail.max_bytes {
        let key = raw_key(raw);
        if let Some(seen) = store::inbound::find(conn, &key)? {
            return Ok(Outcome::Duplicate(seen.ticket_id));
        }
        let error = format!(
            "the mail has {} bytes; the limit (mail_max_bytes) is {}",
            raw.len(),
            desk.config.mail.max_bytes
        );
        return Ok(quarantine(conn, &key, "too-large", error)?);
    }
    let mail = match parse(raw) {
        Ok(mail) => mail,
        Err(e) => {
            let key = raw_key(raw);
            if let Some(seen) = store::inbound::find(conn, &key)? {
                return Ok(Outcome::Duplicate(seen.ticket_id));
            }
            return Ok(quarantine(conn, &key, e.reason(), e.to_string())?);
        }
    };
    let key = mail.message_id.clone().unwrap_or_else(|| raw_key(raw));
    if let Some(seen) = store::inbound::find(conn, &key)? {
        return Ok(Outcome::Duplicate(seen.ticket_id));
    }
    let Some(sender) = mail.from.clone() else {
        return Ok(quarantine(
            conn,
            &key,
            "no-sender",
            ParseError::NoSender.to_string(),
        )?);
    };
    if let Some(authserv) = &desk.config.mail.authserv_id
        && dmarc::failed(&mail, authserv)
    {
        let error = "the trusted Authentication-Results header says dmarc=fail".to_string();
        return Ok(quarantine(conn, &key, "dmarc-fail", error)?);
    }
    let mut left_out = Vec::new();
    let outcome = match classify(&mail) {
        Some(kind) => Outcome::Ignored(kind),
        None => {
            let (kept, refused) = files::keep(desk.config, &mail.attachments)?;
            left_out = refused;
            match thread::ticket_of(conn, desk, &mail, &sender)? {
                Some(ticket) => thread::reply(conn, desk, ticket, &mail, &kept, now)?,
                None => new_request::open(conn, desk, &mail, &sender, kept, now)?,
            }
        }
    };
    let line = outcome.to_string();
    let note = (!left_out.is_empty()).then(|| {
        format!(
            "attachments left out (limits or type): {}",
            left_out.join(", ")
        )
    });
    let rec = Record {
        key: &key,
        ticket_id: outcome.ticket(),
        outcome: &line,
        error: note.as_deref(),
        raw,
        sender: Some(sender.as_str()),
    };
    store::inbound::record(conn, &rec, now)?;
    Ok(outcome)
}

impl Outcome {
    /// The ticket the mail went to, if any.
    pub fn ticket(&self) -> Option<TicketId> {
        match self {
            Outcome::Created(n) | Outcome::Reply(n) | Outcome::NeedsInfo(n) => Some(*n),
            Outcome::Duplicate(n) => *n,
            Outcome::Refused(_) | Outcome::Ignored(_) | Outcome::Quarantined(_) => None,
        }
    }
}

/// The idempotency key of a mail without a Message-ID: a hash of its bytes.
fn raw_key(raw: &[u8]) -> String {
    use sha2::Digest;
    format!("sha256:{}", hex::encode(sha2::Sha256::digest(raw)))
}

/// The stored text of a mail's message: the visible reply, within the API's limits (never
/// empty, at most 50,000 characters), so every channel stores the same kind of text.
fn message_text(mail: &ParsedMail) -> String {
    let visible = reply_text::visible(&mail.text);
    let text = if visible.trim().is_empty() {
        mail.subject.trim().to_string()
    } else {
        visible
    };
    let text = if text.is_empty() {
        "(no text)".to_string()
    } else {
        text
    };
    text.chars().take(MAX_BODY_CHARS).collect()
}

const MAX_BODY_CHARS: usize = 50_000;
