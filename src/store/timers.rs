//! The lifecycle timers' writes: `waiting_customer` → `resolved` after `autoresolve_days` of
//! silence (with a notice to the customer), `resolved` → `closed` after `reopen_days`, and
//! `needs_info` → `closed` after `needs_info_days`.
//!
//! Each function handles one bounded batch in one write transaction: it picks the due tickets,
//! then changes them with a conditional UPDATE that repeats the whole due condition (state and
//! cut-off). Several processes may run the timers at once: on PostgreSQL a second UPDATE waits
//! for the first one's row locks and then re-checks its WHERE, which no longer matches; SQLite has
//! one writer at a time. Either way a ticket changes once, and only the transaction whose UPDATE
//! returned the ticket writes its notice, so no second mail can be sent. A customer message or an
//! agent reply that lands between the pick and the UPDATE is respected the same way.
//!
//! The cut-offs are the ones the domain's predicates (`should_autoresolve`, `should_close`,
//! `needs_info_expired`) imply: a timer fires strictly after its window, so a ticket is due
//! when its start is *before* `now - days`. The unit tests below pin that equivalence.

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use diesel::prelude::*;

use super::credentials::delete_for;
use super::models::Ticket;
use super::tickets::{OutboxMail, TicketWrites};
use super::{StoreError, StoreResult, naive};
use crate::db::DbConn;
use crate::db_write;
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::TicketState;
use crate::schema::tickets;

/// `tickets.state = '<state>'`, with the state written into the SQL rather than bound: each timer
/// has a partial index `WHERE state = '<its state>'` (migration 000014), and a planner can only
/// match a partial index's WHERE against a literal.
fn state_is(state: TicketState) -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql::<diesel::sql_types::Bool>(&format!("tickets.state = '{}'", state.as_str()))
}

/// How many tickets one call changes at most: keeps each write transaction (and, on SQLite, the
/// time the write lock is held) short; the caller calls again while batches come back full.
pub const BATCH: i64 = 500;

/// The latest start that is still inside a window of `days` ending at `at`: a ticket whose start
/// is strictly before it is due. `None` when the window reaches before the representable past,
/// so nothing can be due (the domain's "a window too large to represent never ends").
pub fn cutoff(at: DateTime<Utc>, days: u32) -> Option<NaiveDateTime> {
    TimeDelta::try_days(i64::from(days))
        .and_then(|window| at.checked_sub_signed(window))
        .map(naive)
}

/// Resolves up to `limit` `waiting_customer` tickets whose agent's last reply (or, for a ticket
/// that has none recorded, its last change) is more than `days` days before `at`. Sets
/// `resolved_at`, deletes their credentials, and writes the notice `notice` builds for each into
/// the outbox, all in one transaction. Returns the tickets as changed.
pub fn autoresolve(
    conn: &mut DbConn,
    at: DateTime<Utc>,
    days: u32,
    limit: i64,
    notice: impl Fn(&Ticket) -> OutboxMail,
) -> StoreResult<Vec<Ticket>> {
    let Some(cut) = cutoff(at, days) else {
        return Ok(Vec::new());
    };
    let stamp = naive(at);
    db_write!(conn, c => {
        // The fallback to `updated_at` covers rows older than `last_agent_reply_at`; spelled as
        // an OR rather than COALESCE so the (last_agent_reply_at, updated_at) index serves it.
        let silent = tickets::last_agent_reply_at
            .lt(cut)
            .or(tickets::last_agent_reply_at.is_null().and(tickets::updated_at.lt(cut)).nullable());
        let ids: Vec<TicketId> = tickets::table
            .filter(state_is(TicketState::WaitingCustomer))
            .filter(silent)
            // The partial index's order: ordering by id would walk the whole table.
            .order((tickets::last_agent_reply_at.asc(), tickets::updated_at.asc()))
            .limit(limit)
            .select(tickets::id)
            .load(c)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let changed: Vec<Ticket> = diesel::update(
            tickets::table
                .filter(tickets::id.eq_any(&ids))
                .filter(state_is(TicketState::WaitingCustomer))
                .filter(silent),
        )
        .set((
            tickets::state.eq(TicketState::Resolved),
            tickets::resolved_at.eq(Some(stamp)),
            tickets::updated_at.eq(stamp),
        ))
        .returning(Ticket::as_returning())
        .get_results(c)?;
        for t in &changed {
            delete_for(c, t.id)?;
            c.insert_outbox(t.id, &[notice(t)], stamp)?;
        }
        Ok::<_, StoreError>(changed)
    })
}

/// Closes up to `limit` `resolved` tickets resolved more than `days` (the reopen window) before
/// `at`, deleting their credentials. A resolved ticket without `resolved_at` (inconsistent data)
/// is never closed here, as the domain keeps it inside its reopen window. Returns their numbers.
pub fn close_resolved(
    conn: &mut DbConn,
    at: DateTime<Utc>,
    days: u32,
    limit: i64,
) -> StoreResult<Vec<TicketId>> {
    let Some(cut) = cutoff(at, days) else {
        return Ok(Vec::new());
    };
    let stamp = naive(at);
    db_write!(conn, c => {
        let ids: Vec<TicketId> = tickets::table
            .filter(state_is(TicketState::Resolved))
            .filter(tickets::resolved_at.lt(cut))
            // The partial index's order: ordering by id would walk the whole table.
            .order(tickets::resolved_at.asc())
            .limit(limit)
            .select(tickets::id)
            .load(c)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let closed: Vec<TicketId> = diesel::update(
            tickets::table
                .filter(tickets::id.eq_any(&ids))
                .filter(state_is(TicketState::Resolved))
                .filter(tickets::resolved_at.lt(cut)),
        )
        .set((
            tickets::state.eq(TicketState::Closed),
            tickets::updated_at.eq(stamp),
        ))
        .returning(tickets::id)
        .get_results(c)?;
        for id in &closed {
            delete_for(c, *id)?;
        }
        Ok::<_, StoreError>(closed)
    })
}

/// Closes up to `limit` `needs_info` tickets created more than `days` before `at` and never
/// completed, deleting their credentials. Returns their numbers.
///
/// `refusal_code` stays null: it records an eligibility refusal (a rule the purchase failed),
/// and an abandoned completion form is not one. The expired ticket is told apart by being
/// `closed` with no `resolved_at` and no refusal code.
pub fn close_needs_info(
    conn: &mut DbConn,
    at: DateTime<Utc>,
    days: u32,
    limit: i64,
) -> StoreResult<Vec<TicketId>> {
    let Some(cut) = cutoff(at, days) else {
        return Ok(Vec::new());
    };
    let stamp = naive(at);
    db_write!(conn, c => {
        let ids: Vec<TicketId> = tickets::table
            .filter(state_is(TicketState::NeedsInfo))
            .filter(tickets::created_at.lt(cut))
            // The partial index's order: ordering by id would walk the whole table.
            .order(tickets::created_at.asc())
            .limit(limit)
            .select(tickets::id)
            .load(c)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let closed: Vec<TicketId> = diesel::update(
            tickets::table
                .filter(tickets::id.eq_any(&ids))
                .filter(state_is(TicketState::NeedsInfo))
                .filter(tickets::created_at.lt(cut)),
        )
        .set((
            tickets::state.eq(TicketState::Closed),
            tickets::updated_at.eq(stamp),
        ))
        .returning(tickets::id)
        .get_results(c)?;
        for id in &closed {
            delete_for(c, *id)?;
        }
        Ok::<_, StoreError>(closed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{needs_info_expired, should_autoresolve, should_close};
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0)
            .single()
            .expect("valid test instant")
    }

    /// What the SQL condition decides: start strictly before the cut-off.
    fn due(start: DateTime<Utc>, now: DateTime<Utc>, days: u32) -> bool {
        cutoff(now, days).is_some_and(|cut| naive(start) < cut)
    }

    #[test]
    fn the_cutoff_agrees_with_the_domain_predicates() {
        let start = at(1, 9);
        let micro = TimeDelta::microseconds(1);
        for now in [at(15, 9) - micro, at(15, 9), at(15, 9) + micro, at(20, 0)] {
            let waiting = TicketState::WaitingCustomer;
            assert_eq!(
                due(start, now, 14),
                should_autoresolve(waiting, start, now, 14),
                "{now}"
            );
            assert_eq!(
                due(start, now, 14),
                needs_info_expired(start, now, 14),
                "{now}"
            );
        }
        for now in [at(8, 9), at(8, 9) + micro] {
            let resolved = TicketState::Resolved;
            assert_eq!(
                due(start, now, 7),
                should_close(resolved, start, now, 7),
                "{now}"
            );
        }
    }

    #[test]
    fn a_window_too_large_has_no_cutoff() {
        assert_eq!(cutoff(at(1, 9), u32::MAX), None);
    }
}
