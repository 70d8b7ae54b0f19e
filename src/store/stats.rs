//! What the statistics page reads: the few columns of the tickets that can count in a period,
//! and the eligibility refusal codes recorded in it. Bounded by the period: closed tickets that
//! left before it and tickets answered before it are not read.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::{StoreResult, naive, utc};
use crate::db::DbConn;
use crate::db_run;
use crate::domain::lifecycle::TicketState;
use crate::domain::queue::Lane;
use crate::domain::stats::TicketFacts;
use crate::schema::{inbound_mails, tickets};

type FactRow = (
    NaiveDateTime,
    Option<NaiveDateTime>,
    Lane,
    TicketState,
    Option<NaiveDateTime>,
    NaiveDateTime,
    Option<String>,
);

/// The tickets created before `to` that were still unanswered at `from` or answered since, less
/// the resolved and closed ones last changed before `from`.
pub fn ticket_facts(
    conn: &mut DbConn,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<TicketFacts>> {
    let (from, to) = (naive(from), naive(to));
    let over = [TicketState::Resolved, TicketState::Closed];
    let rows: Vec<FactRow> = db_run!(conn, c => {
        tickets::table
            .filter(tickets::created_at.lt(to))
            .filter(
                tickets::first_response_at
                    .is_null()
                    .or(tickets::first_response_at.ge(from)),
            )
            .filter(
                tickets::state
                    .ne_all(over)
                    .or(tickets::updated_at.ge(from))
                    .or(tickets::first_response_at.ge(from)),
            )
            .select((
                tickets::created_at,
                tickets::first_response_at,
                tickets::lane,
                tickets::state,
                tickets::resolved_at,
                tickets::updated_at,
                tickets::refusal_code,
            ))
            .load(c)
    })?;
    Ok(rows
        .into_iter()
        .map(
            |(created, first, lane, state, resolved, updated, refusal)| TicketFacts {
                created_at: utc(created),
                first_response_at: first.map(utc),
                lane,
                left_at: over
                    .contains(&state)
                    .then(|| utc(resolved.unwrap_or(updated))),
                never_queued: state == TicketState::NeedsInfo || refusal.is_some(),
            },
        )
        .collect())
}

/// Eligibility refusal codes recorded in `[from, to)`: `needs_info` tickets closed by a refusal
/// (at their last change) and mail senders refused without a ticket (`refused CODE` outcomes).
pub fn refusal_codes(
    conn: &mut DbConn,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<String>> {
    let (from, to) = (naive(from), naive(to));
    let (mut codes, outcomes): (Vec<String>, Vec<String>) = db_run!(conn, c => {
        let codes: Vec<Option<String>> = tickets::table
            .filter(tickets::refusal_code.is_not_null())
            .filter(tickets::updated_at.ge(from))
            .filter(tickets::updated_at.lt(to))
            .select(tickets::refusal_code)
            .load(c)?;
        let outcomes: Vec<String> = inbound_mails::table
            .filter(inbound_mails::outcome.like("refused %"))
            .filter(inbound_mails::received_at.ge(from))
            .filter(inbound_mails::received_at.lt(to))
            .select(inbound_mails::outcome)
            .load(c)?;
        Ok::<_, diesel::result::Error>((codes.into_iter().flatten().collect(), outcomes))
    })?;
    codes.extend(
        outcomes
            .into_iter()
            .filter_map(|o| o.strip_prefix("refused ").map(|c| c.trim().to_string())),
    );
    Ok(codes)
}
