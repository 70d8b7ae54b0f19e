//! The queue: order, positions and take-next.
//!
//! Queue order (DESIGN "Ticket lifecycle"): lane rank, then `queued_at`, then `queue_seq`.
//! Queries repeat the exact predicates of the partial indexes `tickets_queue` (see [`in_queue`])
//! and `tickets_unassigned` (see [`unassigned`]) so SQLite's planner can use them.

use chrono::{DateTime, NaiveDateTime, Utc};
use std::sync::OnceLock;

use diesel::prelude::*;

use super::models::Ticket;
use super::rows::FirstRows;
use super::{StoreError, StoreResult, naive};
use crate::db::DbConn;
use crate::domain::lifecycle::TicketState;
use crate::domain::queue::Lane;
use crate::schema::{queue_counts, tickets};
use crate::{db_run, db_snapshot};

/// The predicate of the partial index `tickets_queue`, as literal SQL. SQLite uses a partial
/// index only when the query repeats its WHERE term verbatim; diesel's `eq_any` would send the
/// states as bound parameters, which the planner cannot match.
/// The text is built once from the domain's list of states that wait in the queue; a test holds
/// the migrations' indexes and triggers to the same list.
///
/// [`LANE_RANGE`] follows it: with `state IN (…)` alone, the bundled SQLite 3.53's planner
/// preferred the timer indexes that started with `state` (migration 000007, partial since
/// 000014) and sorted every queue entry to return the first fifty (16 ms with a million tickets
/// stored, against 0.2 ms); the range keeps the walk of `tickets_queue` in order either way.
fn in_queue() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    static PREDICATE: OnceLock<String> = OnceLock::new();
    let predicate =
        PREDICATE.get_or_init(|| format!("tickets.state IN {}{LANE_RANGE}", queued_states_sql()));
    diesel::dsl::sql::<diesel::sql_types::Bool>(predicate)
}

/// [`in_queue`] without the lane range: for questions whose own range starts past the front.
fn in_queue_states() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    static PREDICATE: OnceLock<String> = OnceLock::new();
    let predicate = PREDICATE.get_or_init(|| format!("tickets.state IN {}", queued_states_sql()));
    diesel::dsl::sql::<diesel::sql_types::Bool>(predicate)
}

/// Always true (lane ranks are 0 and up), but a range on the first column of the queue
/// indexes, which makes SQLite's planner walk them in queue order instead of sorting.
const LANE_RANGE: &str = " AND tickets.lane >= 0";

/// `('queued', 'assigned')`: the states in the queue, as an SQL list, in the domain's order.
pub fn queued_states_sql() -> String {
    let names: Vec<String> = TicketState::ALL
        .into_iter()
        .filter(|s| s.in_queue())
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!("({})", names.join(", "))
}

/// The predicate of the partial index `tickets_unassigned`: what take-next may claim.
fn unassigned() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    static PREDICATE: OnceLock<String> = OnceLock::new();
    let predicate = PREDICATE.get_or_init(|| {
        format!(
            "tickets.state = '{}' AND tickets.assignee_id IS NULL{LANE_RANGE}",
            TicketState::Queued.as_str()
        )
    });
    diesel::dsl::sql::<diesel::sql_types::Bool>(predicate)
}

/// Claiming a ticket, compiled once per connection type (see `store::tickets` for why).
trait Claim {
    fn assign(&mut self, id: i64, agent_id: i64, at: NaiveDateTime) -> QueryResult<Ticket>;
}

macro_rules! impl_claim {
    ($($conn:ty),*) => {$(
        impl Claim for $conn {
            fn assign(&mut self, id: i64, agent_id: i64, at: NaiveDateTime) -> QueryResult<Ticket> {
                diesel::update(tickets::table.find(id))
                    .set((
                        tickets::state.eq(TicketState::Assigned),
                        tickets::assignee_id.eq(Some(agent_id)),
                        tickets::updated_at.eq(at),
                    ))
                    .returning(Ticket::as_returning())
                    .get_result(self)
            }
        }
    )*};
}

impl_claim!(SqliteConnection, PgConnection);

/// The id of the first unassigned queued ticket, in queue order (a query to finish).
macro_rules! queue_head {
    () => {
        tickets::table
            .filter(unassigned())
            .order((
                tickets::lane.asc(),
                tickets::queued_at.asc(),
                tickets::queue_seq.asc(),
            ))
            .select(tickets::id)
    };
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
            let head: Option<i64> = queue_head!()
                .for_update()
                .skip_locked()
                .first(c)
                .optional()?;
            head.map(|id| c.assign(id, agent_id, at)).transpose()
        }),
        DbConn::Sqlite(c) => {
            let take = |c: &mut SqliteConnection| {
                let head: Option<i64> = queue_head!().first(c).optional()?;
                head.map(|id| c.assign(id, agent_id, at)).transpose()
            };
            if crate::db::in_transaction(c) {
                c.transaction(take)
            } else {
                let _writer = crate::db::sqlite_writer();
                c.immediate_transaction(take)
            }
        }
    };
    Ok(claimed?)
}

/// A ticket's place in the queue order.
#[derive(Debug, Clone, Copy)]
struct Key {
    lane: Lane,
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
        in_queue().and(key_cmp!($k, $op))
    };
}

/// `(lane, queued_at, queue_seq) <op> key`, without the queue predicate (see [`queue_cmp`]).
macro_rules! key_cmp {
    ($k:expr, $op:literal) => {
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
        .sql(")")
    };
}

macro_rules! ahead_of {
    ($k:expr) => {
        queue_cmp!($k, "<")
    };
}

/// Without [`LANE_RANGE`]: the entries behind a key are one range of `tickets_queue` that starts
/// at the key, and SQLite's planner takes a single lower bound for the index walk. Given both
/// `lane >= 0` and the row value, it chose the lane and walked the whole queue to find the few
/// entries behind a new ticket (0.8 ms at 12,000 queued, against 0.03 ms).
macro_rules! behind {
    ($k:expr) => {
        in_queue_states().and(key_cmp!($k, ">"))
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
            .first_rows(c, TAIL as usize + 1)?;
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
    if !t.in_queue() {
        return Ok(None);
    }
    Ok(Some(position_of(conn, Key::of(t))?))
}

/// The position by counting every entry ahead: the reference the counters are tested against.
pub fn position_by_counting(conn: &mut DbConn, t: &Ticket) -> StoreResult<Option<u32>> {
    if !t.in_queue() {
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
pub fn page(
    conn: &mut DbConn,
    limit: i64,
    after: Option<crate::domain::ids::TicketId>,
) -> StoreResult<Vec<(Ticket, u32)>> {
    let start = start_after(conn, after)?;
    let rows: Vec<Ticket> = db_run!(conn, c => {
        let mut q = tickets::table
            .filter(in_queue())
            .order((tickets::lane.asc(), tickets::queued_at.asc(), tickets::queue_seq.asc()))
            .limit(limit)
            .select(Ticket::as_select())
            .into_boxed();
        if let Some(k) = start {
            q = q.filter(key_cmp!(k, ">")); // in_queue() is there already: once only
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

/// The key a page starts after: that of ticket `after`, which must be in the queue.
fn start_after(
    conn: &mut DbConn,
    after: Option<crate::domain::ids::TicketId>,
) -> StoreResult<Option<Key>> {
    let Some(number) = after else {
        return Ok(None);
    };
    let t = super::tickets::get(conn, number)?.ok_or(StoreError::UnknownTicket(number))?;
    if !t.in_queue() {
        return Err(StoreError::NotQueued(number));
    }
    Ok(Some(Key::of(&t)))
}

/// Which queue entries a filtered page shows. `Default` shows every one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub lane: Option<Lane>,
    /// `queued` or `assigned` (other states are not in the queue).
    pub state: Option<TicketState>,
    pub product_id: Option<i64>,
    pub assignee_id: Option<i64>,
}

/// [`page`] with a filter. The entries of a filtered page are not consecutive in the queue (see
/// [`positions_of_sparse`] for their positions); without a filter this is [`page`] itself.
pub fn page_where(
    conn: &mut DbConn,
    filter: QueueFilter,
    limit: i64,
    after: Option<crate::domain::ids::TicketId>,
) -> StoreResult<Vec<(Ticket, u32)>> {
    if filter == QueueFilter::default() {
        return page(conn, limit, after);
    }
    let start = start_after(conn, after)?;
    let rows: Vec<Ticket> = db_run!(conn, c => {
        let mut q = tickets::table
            .filter(in_queue())
            .order((tickets::lane.asc(), tickets::queued_at.asc(), tickets::queue_seq.asc()))
            .limit(limit)
            .select(Ticket::as_select())
            .into_boxed();
        if let Some(k) = start {
            q = q.filter(key_cmp!(k, ">")); // in_queue() is there already: once only
        }
        if let Some(lane) = filter.lane {
            q = q.filter(tickets::lane.eq(lane));
        }
        if let Some(state) = filter.state {
            // Behind a CASE, which no index can serve: a plain `state = ?` made SQLite's
            // planner take a timer index (state first) and sort the whole state.
            q = q.filter(
                diesel::dsl::sql::<diesel::sql_types::Bool>("(CASE WHEN tickets.state = ")
                    .bind::<diesel::sql_types::Text, _>(state.as_str())
                    .sql(" THEN 1 ELSE 0 END) = 1"),
            );
        }
        if let Some(product) = filter.product_id {
            q = q.filter(tickets::product_id.eq(product));
        }
        if let Some(agent) = filter.assignee_id {
            q = q.filter(tickets::assignee_id.eq(agent));
        }
        q.load(c)
    })?;
    positions_of_sparse(conn, rows)
}

/// Positions for queue entries in queue order but not consecutive (a filtered page): the first
/// one's position is counted once, and each later one's is the first's plus its rank among every
/// queue entry from the first row to itself, read in one index range scan of ids. Counting each
/// row's position on its own cost a count of the whole queue ahead per row (70 ms for a page
/// from the middle of a queue of 20,000). A row that left the queue between the two reads gets
/// its own count.
fn positions_of_sparse(conn: &mut DbConn, rows: Vec<Ticket>) -> StoreResult<Vec<(Ticket, u32)>> {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Ok(Vec::new());
    };
    let (lo, hi) = (Key::of(first), Key::of(last));
    let first_pos = position_of(conn, lo)?;
    let span: Vec<i64> = db_run!(conn, c => {
        tickets::table
            // The queue predicate once: repeated, PostgreSQL's planner squared its selectivity,
            // took a timer index and filtered the whole queue (22 ms instead of 0.7).
            .filter(queue_cmp!(lo, ">=").and(key_cmp!(hi, "<=")))
            .order((tickets::lane.asc(), tickets::queued_at.asc(), tickets::queue_seq.asc()))
            .select(tickets::id)
            .load(c)
    })?;
    let rank: std::collections::HashMap<i64, usize> = span
        .into_iter()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    rows.into_iter()
        .map(|t| {
            let pos = match rank.get(&t.id.get()) {
                Some(&i) => first_pos.saturating_add(u32::try_from(i).unwrap_or(u32::MAX)),
                None => position_of(conn, Key::of(&t))?,
            };
            Ok((t, pos))
        })
        .collect()
}

/// (lane, count) rows as (priority, standard).
fn by_lane(rows: Vec<(Lane, i64)>) -> (i64, i64) {
    rows.into_iter()
        .fold((0, 0), |(p, s), (lane, n)| match lane {
            Lane::Priority => (p + n, s),
            Lane::Standard => (p, s + n),
        })
}

/// Tickets waiting in each lane: (priority, standard), from the trigger-kept counters.
pub fn lengths(conn: &mut DbConn) -> StoreResult<(i64, i64)> {
    let rows: Vec<(Lane, i64)> = db_run!(conn, c => {
        queue_counts::table.select((queue_counts::lane, queue_counts::n)).load(c)
    })?;
    Ok(by_lane(rows))
}

/// The same lengths by counting tickets (the reference for the counters).
pub fn lengths_by_counting(conn: &mut DbConn) -> StoreResult<(i64, i64)> {
    let rows: Vec<(Lane, i64)> = db_run!(conn, c => {
        tickets::table
            .filter(in_queue())
            .group_by(tickets::lane)
            .select((tickets::lane, diesel::dsl::count_star()))
            .load(c)
    })?;
    Ok(by_lane(rows))
}

#[cfg(test)]
#[path = "queue_tests.rs"]
mod tests;
