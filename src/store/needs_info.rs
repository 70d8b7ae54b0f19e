//! Completing a `needs_info` ticket: the customer named the product and version, and the
//! eligibility checks decided. The update is conditional on the state, so a double submit (or
//! a timer closing the ticket meanwhile) changes it once.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::models::Ticket;
use super::tickets::QueueSeq;
use super::{StoreError, StoreResult, naive};
use crate::db::DbConn;
use crate::db_write;
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::TicketState;
use crate::domain::queue::Lane;
use crate::schema::tickets;

/// What the checks decided.
#[derive(Debug, Clone, Copy)]
pub enum Completion<'a> {
    /// Eligible: the ticket joins the queue in this lane, `queued_at` = the completion time.
    Queue(Lane),
    /// Refused: the ticket is closed with this code.
    Close(&'a str),
}

/// Records the product and version of ticket `id` and its fate; `None` when the ticket was no
/// longer waiting for them.
pub fn complete(
    conn: &mut DbConn,
    id: TicketId,
    product_id: i64,
    version: &str,
    completion: Completion<'_>,
    at: DateTime<Utc>,
) -> StoreResult<Option<Ticket>> {
    let stamp = naive(at);
    db_write!(conn, c => {
        let waiting = tickets::table
            .find(id)
            .filter(tickets::state.eq(TicketState::NeedsInfo));
        let updated: Option<Ticket> = match completion {
            Completion::Queue(lane) => {
                let seq = c.next_queue_seq()?;
                diesel::update(waiting)
                    .set((
                        tickets::product_id.eq(Some(product_id)),
                        tickets::version.eq(Some(version)),
                        tickets::state.eq(TicketState::Queued),
                        tickets::lane.eq(lane),
                        tickets::queued_at.eq(stamp),
                        tickets::queue_seq.eq(seq),
                        tickets::awaiting_since.eq(Some(stamp)),
                        tickets::updated_at.eq(stamp),
                    ))
                    .returning(Ticket::as_returning())
                    .get_result(c)
                    .optional()?
            }
            Completion::Close(code) => diesel::update(waiting)
                .set((
                    tickets::product_id.eq(Some(product_id)),
                    tickets::version.eq(Some(version)),
                    tickets::state.eq(TicketState::Closed),
                    tickets::refusal_code.eq(Some(code)),
                    tickets::resolved_at.eq(None::<NaiveDateTime>),
                    tickets::updated_at.eq(stamp),
                ))
                .returning(Ticket::as_returning())
                .get_result(c)
                .optional()?,
        };
        Ok::<_, StoreError>(updated)
    })
}
