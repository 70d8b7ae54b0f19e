//! Tickets and their messages: creation (with the portal token and the outbox rows it causes)
//! and customer replies. The queue itself (order, positions, take-next) is in `store::queue`.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::attachments::{NewAttachment, insert_for};
use super::credentials::CredentialWrites;
use super::models::{Message, Ticket};
use super::rows::FirstRows;
use super::{StoreError, StoreResult, naive};
use crate::db::DbConn;
use crate::domain::channel::{Author, Channel};
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::{
    CustomerMessageEffect, CustomerResolve, LifecyclePolicy, TicketSnapshot, TicketState,
    on_customer_message, on_customer_resolve,
};
use crate::domain::outbox::OutboxState;
use crate::domain::queue::Lane;
use crate::i18n::Lang;
use crate::schema::{api_tokens, messages, outbox, tickets};
use crate::tokens::Scope;
use crate::vault::{Sealed, VaultError};
use crate::{db_run, db_write};

/// A ticket about to be created, after validation and the eligibility decision.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub product_id: Option<i64>,
    pub email: String,
    pub name: String,
    pub version: Option<String>,
    pub subject: String,
    pub body: String,
    pub state: TicketState,
    pub lane: Lane,
    pub lang: Lang,
    pub channel: Channel,
    pub order_ref: Option<String>,
    pub store_url: Option<String>,
    pub admin_url: Option<String>,
    pub platform_version: Option<String>,
    pub refusal_code: Option<String>,
    pub parent_id: Option<TicketId>,
    /// Files given with the first message, already in place on disk.
    pub attachments: Vec<NewAttachment>,
}

/// A mail to write to the outbox in the same transaction as the change that causes it.
#[derive(Debug, Clone)]
pub struct OutboxMail {
    pub kind: &'static str,
    pub to: String,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub auto_submitted: bool,
}

/// Takes the next value of the queue counter (a sequence on PostgreSQL, a counter row on SQLite).
pub(super) trait QueueSeq {
    fn next_queue_seq(&mut self) -> QueryResult<i64>;
}

diesel::define_sql_function!(fn nextval(name: diesel::sql_types::Text) -> diesel::sql_types::BigInt);

impl QueueSeq for SqliteConnection {
    fn next_queue_seq(&mut self) -> QueryResult<i64> {
        use crate::schema::counters;
        diesel::update(counters::table.find("queue_seq"))
            .set(counters::value.eq(counters::value + 1))
            .returning(counters::value)
            .get_result(self)
    }
}

impl QueueSeq for PgConnection {
    fn next_queue_seq(&mut self) -> QueryResult<i64> {
        diesel::select(nextval("queue_seq")).get_result(self)
    }
}

/// Writes both backends share, compiled once per connection type: diesel's generic bounds
/// over "any connection" are unreadable, a macro-made impl is not.
pub(super) trait TicketWrites {
    fn insert_outbox(
        &mut self,
        ticket_id: TicketId,
        mails: &[OutboxMail],
        at: NaiveDateTime,
    ) -> QueryResult<()>;
}

macro_rules! impl_ticket_writes {
    ($($conn:ty),*) => {$(
        impl TicketWrites for $conn {
            fn insert_outbox(&mut self, ticket_id: TicketId, mails: &[OutboxMail], at: NaiveDateTime) -> QueryResult<()> {
                // One row per statement: a single-row insert is one statement text, prepared
                // once per connection and kept in diesel's cache, where a multi-row insert's
                // text depends on its length and is parsed again on every call (an intake
                // writes one mail, rarely more).
                for m in mails {
                    diesel::insert_into(outbox::table)
                        .values(OutboxValues::of(ticket_id, m, at))
                        .execute(self)?;
                }
                Ok(())
            }

        }
    )*};
}

impl_ticket_writes!(SqliteConnection, PgConnection);

#[derive(Insertable)]
#[diesel(table_name = outbox)]
pub struct OutboxValues<'a> {
    ticket_id: Option<TicketId>,
    kind: &'a str,
    to_addr: &'a str,
    lang: Lang,
    subject: &'a str,
    body_text: &'a str,
    message_id: &'a str,
    in_reply_to: Option<&'a str>,
    auto_submitted: bool,
    state: OutboxState,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    created_at: NaiveDateTime,
}

impl<'a> OutboxValues<'a> {
    fn of(ticket_id: TicketId, m: &'a OutboxMail, at: NaiveDateTime) -> Self {
        OutboxValues {
            ticket_id: Some(ticket_id),
            kind: m.kind,
            to_addr: &m.to,
            lang: m.lang,
            subject: &m.subject,
            body_text: &m.body,
            message_id: &m.message_id,
            in_reply_to: m.in_reply_to.as_deref(),
            auto_submitted: m.auto_submitted,
            state: OutboxState::Pending,
            attempts: 0,
            next_attempt_at: at,
            created_at: at,
        }
    }
}

/// Creates a ticket with its first customer message, its portal token (hash), the mails it
/// causes and its sealed credentials, all in one transaction. `mails` gets the new ticket so
/// subjects can carry its number; `credentials` gets its id, the associated data they are
/// sealed with (`vault`), and gives `None` when there are none.
pub fn create(
    conn: &mut DbConn,
    t: &NewTicket,
    portal_token_hash: &str,
    portal_seed: &str,
    at: DateTime<Utc>,
    mails: impl FnOnce(&Ticket) -> Vec<OutboxMail>,
    credentials: impl FnOnce(TicketId) -> Result<Option<Sealed>, VaultError>,
) -> StoreResult<Ticket> {
    let at = naive(at);
    let waits = t.state.in_queue();
    let ticket = db_write!(conn, c => {
        let seq = if waits { c.next_queue_seq()? } else { 0 };
        let ticket: Ticket = diesel::insert_into(tickets::table)
            .values((
                tickets::product_id.eq(t.product_id),
                tickets::email.eq(&t.email),
                tickets::name.eq(&t.name),
                tickets::version.eq(&t.version),
                tickets::subject.eq(&t.subject),
                tickets::state.eq(t.state),
                tickets::lane.eq(t.lane),
                tickets::queued_at.eq(at),
                tickets::queue_seq.eq(seq),
                tickets::lang.eq(t.lang),
                tickets::channel.eq(t.channel),
                tickets::order_ref.eq(&t.order_ref),
                tickets::store_url.eq(&t.store_url),
                tickets::admin_url.eq(&t.admin_url),
                tickets::platform_version.eq(&t.platform_version),
                tickets::refusal_code.eq(&t.refusal_code),
                tickets::parent_id.eq(t.parent_id),
                tickets::awaiting_since.eq(if waits { Some(at) } else { None }),
                tickets::created_at.eq(at),
                tickets::updated_at.eq(at),
            ))
            .returning(Ticket::as_returning())
            .get_result(c)?;
        let message_id = diesel::insert_into(messages::table)
            .values((
                messages::ticket_id.eq(ticket.id),
                messages::author.eq(Author::Customer),
                messages::body.eq(&t.body),
                messages::internal.eq(false),
                messages::channel.eq(t.channel),
                messages::created_at.eq(at),
            ))
            .returning(messages::id)
            .get_result::<i64>(c)?;
        insert_for(c, ticket.id, message_id, &t.attachments, at)?;
        diesel::insert_into(api_tokens::table)
            .values((
                api_tokens::name.eq("portal"),
                api_tokens::token_hash.eq(portal_token_hash),
                api_tokens::seed.eq(Some(portal_seed)),
                api_tokens::scope.eq(Scope::Portal),
                api_tokens::ticket_id.eq(Some(ticket.id)),
                api_tokens::created_at.eq(at),
            ))
            .execute(c)?;
        c.insert_outbox(ticket.id, &mails(&ticket), at)?;
        if let Some(sealed) = credentials(ticket.id)? {
            c.insert_credentials(ticket.id, &sealed, at)?;
        }
        Ok::<_, StoreError>(ticket)
    })?;
    Ok(ticket)
}

pub fn get(conn: &mut DbConn, number: TicketId) -> StoreResult<Option<Ticket>> {
    let found = db_run!(conn, c => {
        tickets::table.find(number).select(Ticket::as_select()).first_row(c)
    })?;
    Ok(found)
}

pub fn messages(
    conn: &mut DbConn,
    ticket_id: TicketId,
    include_internal: bool,
) -> StoreResult<Vec<Message>> {
    let rows = db_run!(conn, c => {
        let mut q = messages::table
            .filter(messages::ticket_id.eq(ticket_id))
            .order((messages::created_at.asc(), messages::id.asc()))
            .select(Message::as_select())
            .into_boxed();
        if !include_internal {
            q = q.filter(messages::internal.eq(false));
        }
        q.load(c)
    })?;
    Ok(rows)
}

/// The tickets opened as follow-ups of `ticket` (a message on it after it was closed).
pub fn followers(conn: &mut DbConn, ticket: TicketId) -> StoreResult<Vec<TicketId>> {
    let rows = db_run!(conn, c => {
        tickets::table
            .filter(tickets::parent_id.eq(ticket))
            .order(tickets::id.asc())
            .select(tickets::id)
            .load(c)
    })?;
    Ok(rows)
}

pub fn count(conn: &mut DbConn) -> StoreResult<i64> {
    let n = db_run!(conn, c => { tickets::table.count().get_result(c) })?;
    Ok(n)
}

/// Tickets whose first agent response came at or after `since` (for the wait estimate).
pub fn first_responses_since(conn: &mut DbConn, since: DateTime<Utc>) -> StoreResult<u32> {
    let since = naive(since);
    let n: i64 = db_run!(conn, c => {
        tickets::table
            .filter(tickets::first_response_at.ge(since))
            .count()
            .get_result(c)
    })?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// What a customer message did to its ticket.
#[derive(Debug, Clone)]
pub enum ReplyOutcome {
    /// The message joined the ticket, now in this state.
    Joined(Ticket),
    /// The ticket is over (closed, or resolved past its reopen window): nothing was written;
    /// the caller opens a new ticket linked to this one, with eligibility.
    TicketOver(Ticket),
}

/// Adds a customer message and applies the lifecycle rule for it, in one transaction.
pub fn customer_reply(
    conn: &mut DbConn,
    ticket_id: TicketId,
    body: &str,
    files: &[NewAttachment],
    channel: Channel,
    at: DateTime<Utc>,
    policy: &LifecyclePolicy,
) -> StoreResult<ReplyOutcome> {
    let stamp = naive(at);
    db_write!(conn, c => {
        let t: Ticket = tickets::table
            .find(ticket_id)
            .select(Ticket::as_select())
            .first(c)
            .optional()?
            .ok_or(StoreError::UnknownTicket(ticket_id))?;
        let snapshot = TicketSnapshot {
            state: t.state,
            has_assignee: t.assignee_id.is_some(),
            queued_at: t.queued_at.and_utc(),
            resolved_at: t.resolved_at.map(|r| r.and_utc()),
        };
        let effect = on_customer_message(&snapshot, at, policy);
        if effect == CustomerMessageEffect::OpenNewTicket {
            return Ok(ReplyOutcome::TicketOver(t));
        }
        let message_id = diesel::insert_into(messages::table)
            .values((
                messages::ticket_id.eq(t.id),
                messages::author.eq(Author::Customer),
                messages::body.eq(body),
                messages::internal.eq(false),
                messages::channel.eq(channel),
                messages::created_at.eq(stamp),
            ))
            .returning(messages::id)
            .get_result::<i64>(c)?;
        insert_for(c, t.id, message_id, files, stamp)?;
        let CustomerMessageEffect::Stay { state, queued_at } = effect else {
            // needs_info: the message is kept; the ticket waits for its completion form.
            return Ok(ReplyOutcome::Joined(t));
        };
        let queued_at = naive(queued_at);
        // A new queue position takes a fresh sequence number, so two re-queues in the same
        // microsecond keep their order.
        let seq = if queued_at != t.queued_at || !t.in_queue() { c.next_queue_seq()? } else { t.queue_seq };
        let updated: Ticket = diesel::update(tickets::table.find(t.id))
            .set((
                tickets::state.eq(state),
                tickets::queued_at.eq(queued_at),
                tickets::queue_seq.eq(seq),
                tickets::awaiting_since.eq(t.awaiting_since.or(Some(stamp))),
                tickets::resolved_at.eq(None::<NaiveDateTime>),
                tickets::updated_at.eq(stamp),
            ))
            .returning(Ticket::as_returning())
            .get_result(c)?;
        Ok(ReplyOutcome::Joined(updated))
    })
}

/// The customer marks the ticket solved, in one transaction so a concurrent agent action cannot
/// slip between the state read and the write. Returns the ticket and whether it changed (the
/// domain's [`on_customer_resolve`] decides). The ticket's credentials are deleted in the same
/// transaction, as DESIGN asks of every resolve.
pub fn customer_resolve(
    conn: &mut DbConn,
    ticket_id: TicketId,
    at: DateTime<Utc>,
) -> StoreResult<(Ticket, bool)> {
    let stamp = naive(at);
    db_write!(conn, c => {
        let t: Ticket = tickets::table
            .find(ticket_id)
            .select(Ticket::as_select())
            .first(c)
            .optional()?
            .ok_or(StoreError::UnknownTicket(ticket_id))?;
        if on_customer_resolve(t.state) == CustomerResolve::Unchanged {
            return Ok((t, false));
        }
        let updated: Ticket = diesel::update(tickets::table.find(t.id))
            .set((
                tickets::state.eq(TicketState::Resolved),
                tickets::resolved_at.eq(Some(stamp)),
                tickets::updated_at.eq(stamp),
            ))
            .returning(Ticket::as_returning())
            .get_result(c)?;
        // DESIGN: credentials go when the ticket is resolved, in the same transaction (the
        // trigger of migration 000004 is the safety net for paths that forget).
        super::credentials::delete_for(c, t.id)?;
        Ok((updated, true))
    })
}
