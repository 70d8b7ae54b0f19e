//! Tickets, their messages, and the queue.
//!
//! Queue order (DESIGN "Ticket lifecycle"): lane rank, then `queued_at`, then `queue_seq`.
//! Queries that read the queue repeat the exact predicate of the partial index `tickets_queue`
//! (`state IN ('queued', 'assigned')`, see [`in_queue`]) so SQLite's planner can use it.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::models::{Message, Ticket};
use super::{StoreError, StoreResult, naive};
use crate::db::DbConn;
use crate::domain::lifecycle::{
    CustomerMessageEffect, LifecyclePolicy, TicketSnapshot, TicketState, on_customer_message,
};
use crate::domain::queue::Lane;
use crate::schema::{api_tokens, messages, outbox, queue_counts, tickets};
use crate::tokens::Scope;
use crate::{db_run, db_snapshot, db_write};

pub const IN_QUEUE: [&str; 2] = ["queued", "assigned"];

/// The predicate of the partial index `tickets_queue`, as literal SQL. SQLite uses a partial
/// index only when the query repeats its WHERE term verbatim; diesel's `eq_any` would send the
/// states as bound parameters, which the planner cannot match.
fn in_queue() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql::<diesel::sql_types::Bool>("tickets.state IN ('queued', 'assigned')")
}

/// The predicate of the partial index `tickets_unassigned`: what take-next may claim.
fn unassigned() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql::<diesel::sql_types::Bool>(
        "tickets.state = 'queued' AND tickets.assignee_id IS NULL",
    )
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    Customer,
    Agent,
    System,
}

impl Author {
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Customer => "customer",
            Author::Agent => "agent",
            Author::System => "system",
        }
    }
}

/// Where a ticket or message came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Web,
    Api,
    Mail,
    Demo,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Api => "api",
            Channel::Mail => "mail",
            Channel::Demo => "demo",
        }
    }
}

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
    pub lang: String,
    pub channel: Channel,
    pub order_ref: Option<String>,
    pub store_url: Option<String>,
    pub admin_url: Option<String>,
    pub platform_version: Option<String>,
    pub refusal_code: Option<String>,
    pub parent_id: Option<i64>,
}

/// A mail to write to the outbox in the same transaction as the change that causes it.
#[derive(Debug, Clone)]
pub struct OutboxMail {
    pub kind: &'static str,
    pub to: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub auto_submitted: bool,
}

/// Takes the next value of the queue counter (a sequence on PostgreSQL, a counter row on SQLite).
trait QueueSeq {
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
trait TicketWrites {
    fn insert_outbox(
        &mut self,
        ticket_id: i64,
        mails: &[OutboxMail],
        at: NaiveDateTime,
    ) -> QueryResult<()>;
    fn assign(&mut self, id: i64, agent_id: i64, at: NaiveDateTime) -> QueryResult<Ticket>;
}

macro_rules! impl_ticket_writes {
    ($($conn:ty),*) => {$(
        impl TicketWrites for $conn {
            fn insert_outbox(&mut self, ticket_id: i64, mails: &[OutboxMail], at: NaiveDateTime) -> QueryResult<()> {
                let rows: Vec<OutboxValues<'_>> =
                    mails.iter().map(|m| OutboxValues::of(ticket_id, m, at)).collect();
                if !rows.is_empty() {
                    diesel::insert_into(outbox::table).values(rows).execute(self)?;
                }
                Ok(())
            }

            fn assign(&mut self, id: i64, agent_id: i64, at: NaiveDateTime) -> QueryResult<Ticket> {
                diesel::update(tickets::table.find(id))
                    .set((
                        tickets::state.eq(TicketState::Assigned.as_str()),
                        tickets::assignee_id.eq(Some(agent_id)),
                        tickets::updated_at.eq(at),
                    ))
                    .returning(Ticket::as_returning())
                    .get_result(self)
            }
        }
    )*};
}

impl_ticket_writes!(SqliteConnection, PgConnection);

#[derive(Insertable)]
#[diesel(table_name = outbox)]
pub struct OutboxValues<'a> {
    ticket_id: Option<i64>,
    kind: &'a str,
    to_addr: &'a str,
    lang: &'a str,
    subject: &'a str,
    body_text: &'a str,
    message_id: &'a str,
    in_reply_to: Option<&'a str>,
    auto_submitted: bool,
    state: &'a str,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    created_at: NaiveDateTime,
}

impl<'a> OutboxValues<'a> {
    fn of(ticket_id: i64, m: &'a OutboxMail, at: NaiveDateTime) -> Self {
        OutboxValues {
            ticket_id: Some(ticket_id),
            kind: m.kind,
            to_addr: &m.to,
            lang: &m.lang,
            subject: &m.subject,
            body_text: &m.body,
            message_id: &m.message_id,
            in_reply_to: m.in_reply_to.as_deref(),
            auto_submitted: m.auto_submitted,
            state: "pending",
            attempts: 0,
            next_attempt_at: at,
            created_at: at,
        }
    }
}

/// Creates a ticket with its first customer message, its portal token (hash) and the mails it
/// causes, all in one transaction. `mails` gets the new ticket so subjects can carry its number.
pub fn create(
    conn: &mut DbConn,
    t: &NewTicket,
    portal_token_hash: &str,
    at: DateTime<Utc>,
    mails: impl FnOnce(&Ticket) -> Vec<OutboxMail>,
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
                tickets::state.eq(t.state.as_str()),
                tickets::lane.eq(t.lane.rank()),
                tickets::queued_at.eq(at),
                tickets::queue_seq.eq(seq),
                tickets::lang.eq(&t.lang),
                tickets::channel.eq(t.channel.as_str()),
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
        diesel::insert_into(messages::table)
            .values((
                messages::ticket_id.eq(ticket.id),
                messages::author.eq(Author::Customer.as_str()),
                messages::body.eq(&t.body),
                messages::internal.eq(false),
                messages::channel.eq(t.channel.as_str()),
                messages::created_at.eq(at),
            ))
            .execute(c)?;
        diesel::insert_into(api_tokens::table)
            .values((
                api_tokens::name.eq("portal"),
                api_tokens::token_hash.eq(portal_token_hash),
                api_tokens::scope.eq(Scope::Portal.as_str()),
                api_tokens::ticket_id.eq(Some(ticket.id)),
                api_tokens::created_at.eq(at),
            ))
            .execute(c)?;
        c.insert_outbox(ticket.id, &mails(&ticket), at)?;
        Ok::<_, StoreError>(ticket)
    })?;
    Ok(ticket)
}

pub fn get(conn: &mut DbConn, number: i64) -> StoreResult<Option<Ticket>> {
    let found = db_run!(conn, c => {
        tickets::table.find(number).select(Ticket::as_select()).first(c).optional()
    })?;
    Ok(found)
}

pub fn messages(
    conn: &mut DbConn,
    ticket_id: i64,
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

/// Atomically gives the head of the unassigned `queued` tickets to `agent_id`.
/// PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent callers each get a different row without
/// waiting on each other. SQLite: the whole claim runs under the write lock (`BEGIN IMMEDIATE`).
pub fn take_next(
    conn: &mut DbConn,
    agent_id: i64,
    at: DateTime<Utc>,
) -> StoreResult<Option<Ticket>> {
    let at = naive(at);
    let claimed = match conn {
        DbConn::Pg(c) => c.transaction(|c| {
            let head: Option<i64> = tickets::table
                .filter(unassigned())
                .order((
                    tickets::lane.asc(),
                    tickets::queued_at.asc(),
                    tickets::queue_seq.asc(),
                ))
                .select(tickets::id)
                .for_update()
                .skip_locked()
                .first(c)
                .optional()?;
            head.map(|id| c.assign(id, agent_id, at)).transpose()
        }),
        DbConn::Sqlite(c) => {
            let _writer = crate::db::sqlite_writer();
            c.immediate_transaction(|c| {
                let head: Option<i64> = tickets::table
                    .filter(unassigned())
                    .order((
                        tickets::lane.asc(),
                        tickets::queued_at.asc(),
                        tickets::queue_seq.asc(),
                    ))
                    .select(tickets::id)
                    .first(c)
                    .optional()?;
                head.map(|id| c.assign(id, agent_id, at)).transpose()
            })
        }
    };
    Ok(claimed?)
}

/// A ticket's place in the queue order.
#[derive(Debug, Clone, Copy)]
struct Key {
    lane: i32,
    queued_at: NaiveDateTime,
    seq: i64,
}

impl Key {
    fn of(t: &Ticket) -> Key {
        Key {
            lane: t.lane,
            queued_at: t.queued_at,
            seq: t.queue_seq,
        }
    }
}

/// `state IN ('queued','assigned') AND (lane, queued_at, queue_seq) <op> key`.
///
/// A row-value comparison (both databases have them) lets the planner walk the `tickets_queue`
/// index as one range, where the equivalent chain of ORs makes SQLite test every queue entry.
/// diesel's DSL has no row values, hence the SQL fragment.
macro_rules! queue_cmp {
    ($k:expr, $op:literal) => {
        in_queue().and(
            diesel::dsl::sql::<diesel::sql_types::Bool>(concat!(
                "(tickets.lane, tickets.queued_at, tickets.queue_seq) ",
                $op,
                " ("
            ))
            .bind::<diesel::sql_types::Integer, _>($k.lane)
            .sql(", ")
            .bind::<diesel::sql_types::Timestamp, _>($k.queued_at)
            .sql(", ")
            .bind::<diesel::sql_types::BigInt, _>($k.seq)
            .sql(")"),
        )
    };
}

macro_rules! ahead_of {
    ($k:expr) => {
        queue_cmp!($k, "<")
    };
}

macro_rules! behind {
    ($k:expr) => {
        queue_cmp!($k, ">")
    };
}

/// A ticket this close to the back of the queue gets its position from the lane counters.
const TAIL: i64 = 64;

/// The position of the queue entry with key `k`: 1 + the entries ahead of it.
///
/// Counting the entries ahead costs one step per entry, and a new ticket (the common question)
/// has the whole queue ahead. So the entries *behind* it are counted first, up to [`TAIL`]:
/// when there are that few, position = (entries in the lanes served before) + (entries in its
/// own lane, itself included) − (entries behind it), all from the trigger-kept `queue_counts`.
/// Both reads run in one snapshot.
fn position_of(conn: &mut DbConn, k: Key) -> StoreResult<u32> {
    let n: i64 = db_snapshot!(conn, c => {
        let behind: Vec<i64> = tickets::table
            .filter(behind!(k))
            .select(tickets::id)
            .limit(TAIL + 1)
            .load(c)?;
        let behind = behind.len() as i64;
        if behind <= TAIL {
            let counts: Vec<(i32, i64)> = queue_counts::table
                .filter(queue_counts::lane.le(k.lane))
                .select((queue_counts::lane, queue_counts::n))
                .load(c)?;
            Ok::<i64, diesel::result::Error>(counts.iter().map(|(_, n)| n).sum::<i64>() - behind)
        } else {
            let ahead: i64 = tickets::table.filter(ahead_of!(k)).count().get_result(c)?;
            Ok(ahead + 1)
        }
    })?;
    Ok(u32::try_from(n.max(1)).unwrap_or(u32::MAX))
}

/// 1 + the queued and assigned tickets ahead, in both lanes; None when not in the queue.
pub fn position(conn: &mut DbConn, t: &Ticket) -> StoreResult<Option<u32>> {
    if !IN_QUEUE.contains(&t.state.as_str()) {
        return Ok(None);
    }
    Ok(Some(position_of(conn, Key::of(t))?))
}

/// The position by counting every entry ahead: the reference the counters are tested against.
pub fn position_by_counting(conn: &mut DbConn, t: &Ticket) -> StoreResult<Option<u32>> {
    if !IN_QUEUE.contains(&t.state.as_str()) {
        return Ok(None);
    }
    let k = Key::of(t);
    let ahead: i64 = db_run!(conn, c => {
        tickets::table.filter(ahead_of!(k)).count().get_result(c)
    })?;
    Ok(Some(u32::try_from(ahead + 1).unwrap_or(u32::MAX)))
}

/// Up to `limit` queue entries in order with their positions, starting after ticket `after`
/// (which must be in the queue). Positions are counted once for the first entry and then
/// incremented, so a page costs one count and one index range scan.
pub fn queue_page(
    conn: &mut DbConn,
    limit: i64,
    after: Option<i64>,
) -> StoreResult<Vec<(Ticket, u32)>> {
    let start = match after {
        Some(number) => {
            let t = get(conn, number)?.ok_or(StoreError::UnknownTicket(number))?;
            if !IN_QUEUE.contains(&t.state.as_str()) {
                return Err(StoreError::Invalid(format!(
                    "ticket {number} is not in the queue"
                )));
            }
            Some(Key::of(&t))
        }
        None => None,
    };
    let rows: Vec<Ticket> = db_run!(conn, c => {
        let mut q = tickets::table
            .filter(in_queue())
            .order((tickets::lane.asc(), tickets::queued_at.asc(), tickets::queue_seq.asc()))
            .limit(limit)
            .select(Ticket::as_select())
            .into_boxed();
        if let Some(k) = start {
            q = q.filter(behind!(k));
        }
        q.load(c)
    })?;
    let Some(first) = rows.as_slice().first() else {
        return Ok(Vec::new());
    };
    let mut pos = position_of(conn, Key::of(first))?;
    let mut out = Vec::with_capacity(rows.len());
    for t in rows {
        out.push((t, pos));
        pos = pos.saturating_add(1);
    }
    Ok(out)
}

/// Tickets waiting in each lane: (priority, standard), from the trigger-kept counters.
pub fn queue_lengths(conn: &mut DbConn) -> StoreResult<(i64, i64)> {
    let rows: Vec<(i32, i64)> = db_run!(conn, c => {
        queue_counts::table.select((queue_counts::lane, queue_counts::n)).load(c)
    })?;
    let mut out = (0, 0);
    for (lane, n) in rows {
        match Lane::from_rank(lane) {
            Some(Lane::Priority) => out.0 += n,
            _ => out.1 += n,
        }
    }
    Ok(out)
}

/// The same lengths by counting tickets (the reference for the counters).
pub fn queue_lengths_by_counting(conn: &mut DbConn) -> StoreResult<(i64, i64)> {
    let rows: Vec<(i32, i64)> = db_run!(conn, c => {
        tickets::table
            .filter(in_queue())
            .group_by(tickets::lane)
            .select((tickets::lane, diesel::dsl::count_star()))
            .load(c)
    })?;
    let mut out = (0, 0);
    for (lane, n) in rows {
        match Lane::from_rank(lane) {
            Some(Lane::Priority) => out.0 += n,
            _ => out.1 += n,
        }
    }
    Ok(out)
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
    ticket_id: i64,
    body: &str,
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
        let state = TicketState::parse(&t.state)
            .ok_or_else(|| StoreError::Invalid(format!("ticket {ticket_id} has an unknown state")))?;
        let snapshot = TicketSnapshot {
            state,
            has_assignee: t.assignee_id.is_some(),
            queued_at: t.queued_at.and_utc(),
            resolved_at: t.resolved_at.map(|r| r.and_utc()),
        };
        let effect = on_customer_message(&snapshot, at, policy);
        if effect == CustomerMessageEffect::OpenNewTicket {
            return Ok(ReplyOutcome::TicketOver(t));
        }
        diesel::insert_into(messages::table)
            .values((
                messages::ticket_id.eq(t.id),
                messages::author.eq(Author::Customer.as_str()),
                messages::body.eq(body),
                messages::internal.eq(false),
                messages::channel.eq(channel.as_str()),
                messages::created_at.eq(stamp),
            ))
            .execute(c)?;
        let CustomerMessageEffect::Stay { state, queued_at } = effect else {
            // needs_info: the message is kept; the ticket waits for its completion form.
            return Ok(ReplyOutcome::Joined(t));
        };
        let queued_at = naive(queued_at);
        // A new queue position takes a fresh sequence number, so two re-queues in the same
        // microsecond keep their order.
        let seq = if queued_at != t.queued_at || !t_in_queue(&t) { c.next_queue_seq()? } else { t.queue_seq };
        let updated: Ticket = diesel::update(tickets::table.find(t.id))
            .set((
                tickets::state.eq(state.as_str()),
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

fn t_in_queue(t: &Ticket) -> bool {
    IN_QUEUE.contains(&t.state.as_str())
}
