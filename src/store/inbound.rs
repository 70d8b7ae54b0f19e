//! Inbound mail records: one row per mail ever received, keyed by its Message-ID (or a hash of
//! its bytes), with its outcome and raw bytes. The key's uniqueness is what makes processing
//! idempotent; quarantined mail keeps its error beside the bytes for an admin to look at.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::{StoreResult, naive};
use crate::db::DbConn;
use crate::domain::ids::TicketId;
use crate::domain::outbox::OutboxState;
use crate::schema::{inbound_mails, outbox};
use crate::store::tickets::OutboxMail;
use crate::{db_run, db_write};

/// A mail seen before: what it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub outcome: String,
    pub ticket_id: Option<TicketId>,
}

pub fn find(conn: &mut DbConn, key: &str) -> StoreResult<Option<Seen>> {
    let found: Option<(String, Option<TicketId>)> = db_run!(conn, c => {
        inbound_mails::table
            .filter(inbound_mails::message_key.eq(key))
            .select((inbound_mails::outcome, inbound_mails::ticket_id))
            .first(c)
            .optional()
    })?;
    Ok(found.map(|(outcome, ticket_id)| Seen { outcome, ticket_id }))
}

/// One mail's record.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    pub key: &'a str,
    pub ticket_id: Option<TicketId>,
    /// The outcome line (`created 4`, `ignored bounce`, …).
    pub outcome: &'a str,
    pub error: Option<&'a str>,
    pub raw: &'a [u8],
    pub sender: Option<&'a str>,
}

pub fn record(conn: &mut DbConn, r: &Record<'_>, at: DateTime<Utc>) -> StoreResult<()> {
    let at = naive(at);
    db_write!(conn, c => {
        diesel::insert_into(inbound_mails::table)
            .values((
                inbound_mails::message_key.eq(r.key),
                inbound_mails::ticket_id.eq(r.ticket_id),
                inbound_mails::outcome.eq(r.outcome),
                inbound_mails::error.eq(r.error),
                inbound_mails::raw.eq(r.raw),
                inbound_mails::sender.eq(r.sender),
                inbound_mails::received_at.eq(at),
            ))
            .execute(c)
    })?;
    Ok(())
}

/// The ticket that a mail received earlier with Message-ID `key` went to.
pub fn ticket_of_received(conn: &mut DbConn, key: &str) -> StoreResult<Option<TicketId>> {
    Ok(find(conn, key)?.and_then(|s| s.ticket_id))
}

/// Mails of `kind` written to `to` since `since` (the refusal mail's rate limit).
pub fn mails_to_since(
    conn: &mut DbConn,
    to: &str,
    kind: &str,
    since: DateTime<Utc>,
) -> StoreResult<i64> {
    let since = naive(since);
    let n = db_run!(conn, c => {
        outbox::table
            .filter(outbox::to_addr.eq(to))
            .filter(outbox::kind.eq(kind))
            .filter(outbox::created_at.ge(since))
            .count()
            .get_result(c)
    })?;
    Ok(n)
}

/// Queues a mail that belongs to no ticket (the refusal of a sender with no purchase).
pub fn queue_mail(conn: &mut DbConn, m: &OutboxMail, at: DateTime<Utc>) -> StoreResult<()> {
    let at = naive(at);
    db_write!(conn, c => {
        diesel::insert_into(outbox::table)
            .values((
                outbox::kind.eq(m.kind),
                outbox::to_addr.eq(&m.to),
                outbox::lang.eq(m.lang),
                outbox::subject.eq(&m.subject),
                outbox::body_text.eq(&m.body),
                outbox::message_id.eq(&m.message_id),
                outbox::in_reply_to.eq(&m.in_reply_to),
                outbox::auto_submitted.eq(m.auto_submitted),
                outbox::state.eq(OutboxState::Pending),
                outbox::attempts.eq(0),
                outbox::next_attempt_at.eq(at),
                outbox::created_at.eq(at),
            ))
            .execute(c)
    })?;
    Ok(())
}
