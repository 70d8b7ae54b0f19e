//! The writes of an agent's work on a ticket (replies, notes, resolve, close, reopen, assign,
//! merge).
//! `crate::desk` decides with the domain's lifecycle functions and calls these inside one
//! `DbConn::write`, so the decision and every write it causes commit together; each function
//! here is then a savepoint of that transaction.
//!
//! [`locked`] reads the ticket the decision is made on: on PostgreSQL with `FOR UPDATE`, so a
//! concurrent customer message or timer waits for this transaction instead of deciding on the
//! same old state; on SQLite the transaction already holds the database's one write lock.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::credentials::delete_for;
use super::models::Ticket;
use super::tickets::{OutboxMail, QueueSeq, TicketWrites};
use super::{StoreError, StoreResult, naive};
use crate::db::DbConn;
use crate::domain::channel::{Author, Channel};
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::TicketState;
use crate::schema::{attachments, inbound_mails, messages, tickets};
use crate::{db_run, db_write};

/// The ticket `number`, locked for the rest of the caller's transaction.
pub fn locked(conn: &mut DbConn, number: TicketId) -> StoreResult<Ticket> {
    let found = match conn {
        DbConn::Pg(c) => tickets::table
            .find(number)
            .select(Ticket::as_select())
            .for_update()
            .first(c)
            .optional(),
        DbConn::Sqlite(c) => tickets::table
            .find(number)
            .select(Ticket::as_select())
            .first(c)
            .optional(),
    }?;
    found.ok_or(StoreError::UnknownTicket(number))
}

/// An agent's message on a ticket: public (`internal = false`, mailed to the customer by the
/// caller) or an internal note. Agents write on the desk, so the channel is `web`.
pub fn add_agent_message(
    conn: &mut DbConn,
    ticket: TicketId,
    agent_id: i64,
    body: &str,
    internal: bool,
    at: DateTime<Utc>,
) -> StoreResult<i64> {
    let at = naive(at);
    let id = db_write!(conn, c => {
        diesel::insert_into(messages::table)
            .values((
                messages::ticket_id.eq(ticket),
                messages::author.eq(Author::Agent),
                messages::agent_id.eq(Some(agent_id)),
                messages::body.eq(body),
                messages::internal.eq(internal),
                messages::channel.eq(Channel::Web),
                messages::created_at.eq(at),
            ))
            .returning(messages::id)
            .get_result::<i64>(c)
    })?;
    Ok(id)
}

/// Records an agent's public reply on `t`: the new state, the reply times (the first response
/// only once), the replying agent as holder when nobody held it, and no customer message left
/// unanswered (`awaiting_since` cleared, so the response target stops counting).
pub fn record_reply(
    conn: &mut DbConn,
    t: &Ticket,
    agent_id: i64,
    state: TicketState,
    at: DateTime<Utc>,
) -> StoreResult<Ticket> {
    let at = naive(at);
    let updated = db_write!(conn, c => {
        diesel::update(tickets::table.find(t.id))
            .set((
                tickets::state.eq(state),
                tickets::assignee_id.eq(t.assignee_id.or(Some(agent_id))),
                tickets::last_agent_reply_at.eq(Some(at)),
                tickets::first_response_at.eq(t.first_response_at.or(Some(at))),
                tickets::awaiting_since.eq(None::<NaiveDateTime>),
                tickets::resolved_at.eq(None::<NaiveDateTime>),
                tickets::updated_at.eq(at),
            ))
            .returning(Ticket::as_returning())
            .get_result(c)
    })?;
    Ok(updated)
}

/// Resolves the ticket and deletes its credentials (DESIGN: on every resolve).
pub fn set_resolved(conn: &mut DbConn, id: TicketId, at: DateTime<Utc>) -> StoreResult<Ticket> {
    let at = naive(at);
    db_write!(conn, c => {
        let t = diesel::update(tickets::table.find(id))
            .set((
                tickets::state.eq(TicketState::Resolved),
                tickets::resolved_at.eq(Some(at)),
                tickets::updated_at.eq(at),
            ))
            .returning(Ticket::as_returning())
            .get_result(c)?;
        delete_for(c, id)?;
        Ok::<_, StoreError>(t)
    })
}

/// Closes the ticket and deletes its credentials (DESIGN: on every close).
pub fn set_closed(conn: &mut DbConn, id: TicketId, at: DateTime<Utc>) -> StoreResult<Ticket> {
    let at = naive(at);
    db_write!(conn, c => {
        let t = diesel::update(tickets::table.find(id))
            .set((
                tickets::state.eq(TicketState::Closed),
                tickets::updated_at.eq(at),
            ))
            .returning(Ticket::as_returning())
            .get_result(c)?;
        delete_for(c, id)?;
        Ok::<_, StoreError>(t)
    })
}

/// Puts a resolved ticket back at the end of the queue, unassigned (README: any agent can take
/// it), with a fresh queue sequence number; the response target counts from now.
pub fn requeue(conn: &mut DbConn, id: TicketId, at: DateTime<Utc>) -> StoreResult<Ticket> {
    let at = naive(at);
    db_write!(conn, c => {
        let seq = c.next_queue_seq()?;
        let t = diesel::update(tickets::table.find(id))
            .set((
                tickets::state.eq(TicketState::Queued),
                tickets::assignee_id.eq(None::<i64>),
                tickets::queued_at.eq(at),
                tickets::queue_seq.eq(seq),
                tickets::awaiting_since.eq(Some(at)),
                tickets::resolved_at.eq(None::<NaiveDateTime>),
                tickets::updated_at.eq(at),
            ))
            .returning(Ticket::as_returning())
            .get_result(c)?;
        Ok::<_, StoreError>(t)
    })
}

/// Sets the holder and the state the domain chose. `queued_at` and `queue_seq` are left alone:
/// (un)assigning never moves a ticket in the queue, and queued ↔ assigned keeps it in its lane,
/// so the trigger-kept `queue_counts` do not change either.
pub fn set_assignee(
    conn: &mut DbConn,
    id: TicketId,
    assignee: Option<i64>,
    state: TicketState,
    at: DateTime<Utc>,
) -> StoreResult<Ticket> {
    let at = naive(at);
    let t = db_write!(conn, c => {
        diesel::update(tickets::table.find(id))
            .set((
                tickets::state.eq(state),
                tickets::assignee_id.eq(assignee),
                tickets::updated_at.eq(at),
            ))
            .returning(Ticket::as_returning())
            .get_result(c)
    })?;
    Ok(t)
}

/// Writes `mails` about ticket `id` to the outbox.
pub fn queue_mails(
    conn: &mut DbConn,
    id: TicketId,
    mails: &[OutboxMail],
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let at = naive(at);
    db_write!(conn, c => { c.insert_outbox(id, mails, at) })?;
    Ok(())
}

/// The Message-ID of the last mail the customer sent us about ticket `id` (stored without angle
/// brackets), for the reply's `In-Reply-To`. Mails without a Message-ID are keyed by a hash of
/// their bytes, and quarantined ones never reached the ticket: neither is an answerable id.
pub fn last_customer_mail_id(conn: &mut DbConn, id: TicketId) -> StoreResult<Option<String>> {
    let found = db_run!(conn, c => {
        inbound_mails::table
            .filter(inbound_mails::ticket_id.eq(id))
            .filter(inbound_mails::message_key.not_like("sha256:%"))
            .filter(inbound_mails::outcome.not_like("quarantined%"))
            .order(inbound_mails::id.desc())
            .select(inbound_mails::message_key)
            .first::<String>(c)
            .optional()
    })?;
    Ok(found)
}

/// Moves every message of `from` (with their attachments) to `into`; returns how many moved.
/// The thread of `into` reads in time order, so the moved messages fall into place.
pub fn move_messages(conn: &mut DbConn, from: TicketId, into: TicketId) -> StoreResult<usize> {
    db_write!(conn, c => {
        let n = diesel::update(messages::table.filter(messages::ticket_id.eq(from)))
            .set(messages::ticket_id.eq(into))
            .execute(c)?;
        diesel::update(attachments::table.filter(attachments::ticket_id.eq(from)))
            .set(attachments::ticket_id.eq(into))
            .execute(c)?;
        Ok::<_, StoreError>(n)
    })
}

/// Links a merged duplicate to the ticket it went into, by the `parent_id` the API shows as
/// `follows`, so its customer (and a later message on it) finds the conversation again.
pub fn link_to(conn: &mut DbConn, id: TicketId, into: TicketId) -> StoreResult<()> {
    db_write!(conn, c => {
        diesel::update(tickets::table.find(id))
            .set(tickets::parent_id.eq(Some(into)))
            .execute(c)
    })?;
    Ok(())
}

/// A message from guichet itself (`system`), visible to the customer.
pub fn add_system_message(
    conn: &mut DbConn,
    ticket: TicketId,
    body: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let at = naive(at);
    db_write!(conn, c => {
        diesel::insert_into(messages::table)
            .values((
                messages::ticket_id.eq(ticket),
                messages::author.eq(Author::System),
                messages::body.eq(body),
                messages::internal.eq(false),
                messages::channel.eq(Channel::Web),
                messages::created_at.eq(at),
            ))
            .execute(c)
    })?;
    Ok(())
}
