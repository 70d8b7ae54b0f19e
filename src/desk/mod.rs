//! What an agent does to a ticket: reply (optionally resolving, as a canned answer does), write
//! an internal note, resolve, close, reopen, assign, merge. Every function is one transaction
//! (`DbConn::write`): it reads the ticket locked (`store::work::locked`), lets the domain's
//! lifecycle function decide, then writes the change, the message and the mail it causes, so a
//! refused action changes nothing and an accepted one commits whole. The time comes from the
//! caller, never from the system clock, so tests and workers agree on every instant.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::{self, TransitionError};
use crate::i18n::{self, Msg};
use crate::intake;
use crate::mail::{ids, outbound};
use crate::store::models::Ticket;
use crate::store::tickets::OutboxMail;
use crate::store::{self, StoreError};

mod reveal;
pub use reveal::reveal_credentials;

/// Why an agent action did not happen.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("no ticket {0}")]
    TicketNotFound(TicketId),
    /// The ticket's state does not allow the action (the domain's decision).
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// The agent to assign does not exist or is deactivated.
    #[error("no active agent {0}")]
    UnknownAssignee(i64),
    /// The agent acting is not (or no longer) an active agent.
    #[error("agent {0} is not active")]
    InactiveAgent(i64),
    /// A ticket merged into itself.
    #[error("ticket {0} cannot be merged into itself")]
    MergeIntoItself(TicketId),
    /// A merge of tickets of two different customers.
    #[error("tickets {0} and {1} belong to different customers")]
    NotSameCustomer(TicketId, TicketId),
    #[error(transparent)]
    Store(StoreError),
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
}

impl From<StoreError> for DeskError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::UnknownTicket(n) => DeskError::TicketNotFound(n),
            other => DeskError::Store(other),
        }
    }
}

impl From<diesel::result::Error> for DeskError {
    fn from(e: diesel::result::Error) -> Self {
        DeskError::Store(StoreError::Db(e))
    }
}

impl From<getrandom::Error> for DeskError {
    fn from(e: getrandom::Error) -> Self {
        DeskError::Random(e.to_string())
    }
}

/// The acting agent must be active: a token outlives nothing, but a session or a token read just
/// before a deactivation could still arrive.
pub(crate) fn active_agent(conn: &mut DbConn, agent_id: i64) -> Result<(), DeskError> {
    match store::agents::by_id(conn, agent_id)? {
        Some(a) if a.active => Ok(()),
        _ => Err(DeskError::InactiveAgent(agent_id)),
    }
}

/// An agent's public reply to the customer. The message is stored, the reply mail queued in the
/// ticket's language (threaded on the customer's last mail when there is one), the ticket moves
/// to `waiting_customer` (`lifecycle::on_agent_reply`) and goes to the replying agent when nobody
/// held it. With `resolve`, it is then resolved in the same transaction (a canned answer that
/// settles the request), its credentials deleted.
pub fn reply(
    conn: &mut DbConn,
    desk: intake::Desk<'_>,
    number: TicketId,
    agent_id: i64,
    text: &str,
    resolve: bool,
    at: DateTime<Utc>,
) -> Result<Ticket, DeskError> {
    // Drawn before the transaction: no randomness failure can leave it half done.
    let host = ids::host_of(&desk.config.public_url);
    let message_id = ids::new_message_id(desk.keys, number, &host)?;
    conn.write(|c| {
        active_agent(c, agent_id)?;
        let t = store::work::locked(c, number)?;
        let state = lifecycle::on_agent_reply(t.state)?;
        if resolve {
            // Checked before anything is written, so a refused resolve refuses the reply too.
            lifecycle::on_resolve(state)?;
        }
        store::work::add_agent_message(c, t.id, agent_id, text, false, at)?;
        let in_reply_to = store::work::last_customer_mail_id(c, t.id)?;
        let mail = reply_mail(&t, text, message_id, in_reply_to);
        store::work::queue_mails(c, t.id, &[mail], at)?;
        let replied = store::work::record_reply(c, &t, agent_id, state, at)?;
        if resolve {
            return Ok(store::work::set_resolved(c, replied.id, at)?);
        }
        Ok(replied)
    })
}

/// The mail of an agent's reply: the agent's text, then a footer with the portal link
/// (a placeholder the sender fills in) in the ticket's language. Written by a person, so it is
/// not `Auto-Submitted` and no automatic-mail limit holds it back.
fn reply_mail(
    t: &Ticket,
    text: &str,
    message_id: String,
    in_reply_to: Option<String>,
) -> OutboxMail {
    let lang = t.lang;
    let subject = i18n::text(
        lang,
        Msg::MailAgentReplySubject,
        &[("number", t.id.to_string()), ("subject", t.subject.clone())],
    );
    let footer = i18n::text(
        lang,
        Msg::MailAgentReplyFooter,
        &[("portal_url", outbound::PORTAL_LINK.to_string())],
    );
    OutboxMail {
        kind: "agent_reply",
        to: t.email.clone(),
        lang,
        subject,
        body: format!("{}\n\n{footer}", text.trim_end()),
        message_id,
        in_reply_to,
        auto_submitted: false,
    }
}

/// An internal note: for agents only (stored `internal`, which the portal and the customer's
/// API view leave out); the state stays what `lifecycle::on_internal_note` says.
pub fn note(
    conn: &mut DbConn,
    number: TicketId,
    agent_id: i64,
    text: &str,
    at: DateTime<Utc>,
) -> Result<Ticket, DeskError> {
    conn.write(|c| {
        active_agent(c, agent_id)?;
        let t = store::work::locked(c, number)?;
        let state = lifecycle::on_internal_note(t.state);
        debug_assert_eq!(state, t.state, "a note never changes the state");
        store::work::add_agent_message(c, t.id, agent_id, text, true, at)?;
        Ok(t)
    })
}

/// An agent marks the ticket solved (`lifecycle::on_resolve`); its credentials are deleted.
pub fn resolve(
    conn: &mut DbConn,
    number: TicketId,
    agent_id: i64,
    at: DateTime<Utc>,
) -> Result<Ticket, DeskError> {
    conn.write(|c| {
        active_agent(c, agent_id)?;
        let t = store::work::locked(c, number)?;
        lifecycle::on_resolve(t.state)?;
        Ok(store::work::set_resolved(c, t.id, at)?)
    })
}

/// An agent closes the ticket now (`lifecycle::on_close`); its credentials are deleted.
pub fn close(
    conn: &mut DbConn,
    number: TicketId,
    agent_id: i64,
    at: DateTime<Utc>,
) -> Result<Ticket, DeskError> {
    conn.write(|c| {
        active_agent(c, agent_id)?;
        let t = store::work::locked(c, number)?;
        lifecycle::on_close(t.state)?;
        Ok(store::work::set_closed(c, t.id, at)?)
    })
}

/// An agent reopens a resolved ticket (`lifecycle::on_reopen`): back at the end of the queue,
/// unassigned, so any agent can take it.
pub fn reopen(
    conn: &mut DbConn,
    number: TicketId,
    agent_id: i64,
    at: DateTime<Utc>,
) -> Result<Ticket, DeskError> {
    conn.write(|c| {
        active_agent(c, agent_id)?;
        let t = store::work::locked(c, number)?;
        lifecycle::on_reopen(t.state)?;
        Ok(store::work::requeue(c, t.id, at)?)
    })
}

/// Gives the ticket to `assignee` (an active agent), or to nobody with `None`; `by` is the agent
/// acting. The queue position is kept (`lifecycle::on_assign` decides the state).
pub fn assign(
    conn: &mut DbConn,
    number: TicketId,
    assignee: Option<i64>,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Ticket, DeskError> {
    conn.write(|c| {
        active_agent(c, by)?;
        if let Some(id) = assignee {
            match store::agents::by_id(c, id)? {
                Some(a) if a.active => {}
                _ => return Err(DeskError::UnknownAssignee(id)),
            }
        }
        let t = store::work::locked(c, number)?;
        let state = lifecycle::on_assign(t.state, assignee.is_some())?;
        if state == t.state && assignee == t.assignee_id {
            return Ok(t);
        }
        Ok(store::work::set_assignee(c, t.id, assignee, state, at)?)
    })
}

/// Merges ticket `duplicate` into `into` (same customer only; `lifecycle::on_merge` decides the
/// states): its messages and their files move to `into`, it is closed (its credentials deleted)
/// with a system message saying where the conversation went and linked to `into` (`follows`),
/// and the customer gets one mail about it, in `into`'s language. Returns `into`.
pub fn merge(
    conn: &mut DbConn,
    desk: intake::Desk<'_>,
    duplicate: TicketId,
    into: TicketId,
    agent_id: i64,
    at: DateTime<Utc>,
) -> Result<Ticket, DeskError> {
    if duplicate == into {
        return Err(DeskError::MergeIntoItself(into));
    }
    let host = ids::host_of(&desk.config.public_url);
    let message_id = ids::new_message_id(desk.keys, into, &host)?;
    conn.write(|c| {
        active_agent(c, agent_id)?;
        // Locked in number order, so two merges of the same pair cannot deadlock each other.
        let (dup, target) = if duplicate.get() < into.get() {
            let d = store::work::locked(c, duplicate)?;
            (d, store::work::locked(c, into)?)
        } else {
            let t = store::work::locked(c, into)?;
            (store::work::locked(c, duplicate)?, t)
        };
        // Emails are stored lower-cased, so equality is the policy's case-insensitive match.
        if dup.email != target.email {
            return Err(DeskError::NotSameCustomer(duplicate, into));
        }
        lifecycle::on_merge(dup.state, target.state)?;
        store::work::move_messages(c, dup.id, target.id)?;
        let note = i18n::text(dup.lang, Msg::MergedInto, &[("number", into.to_string())]);
        store::work::add_system_message(c, dup.id, &note, at)?;
        store::work::set_closed(c, dup.id, at)?;
        store::work::link_to(c, dup.id, target.id)?;
        let mail = merge_mail(&target, duplicate, message_id);
        store::work::queue_mails(c, target.id, &[mail], at)?;
        // Only its thread grew: the row read under the lock is still the ticket's state.
        Ok(target)
    })
}

/// The mail that tells the customer two of their requests are now one. Its portal link is
/// `into`'s (the outbox row belongs to `into`).
fn merge_mail(into: &Ticket, duplicate: TicketId, message_id: String) -> OutboxMail {
    let lang = into.lang;
    let args = [
        ("name", into.name.clone()),
        ("duplicate", duplicate.to_string()),
        ("number", into.id.to_string()),
        ("subject", into.subject.clone()),
        ("portal_url", outbound::PORTAL_LINK.to_string()),
    ];
    OutboxMail {
        kind: "merge_notice",
        to: into.email.clone(),
        lang,
        subject: i18n::text(lang, Msg::MailMergedSubject, &args),
        body: i18n::text(lang, Msg::MailMergedBody, &args),
        message_id,
        in_reply_to: None,
        // A notice of guichet's, not a person's answer.
        auto_submitted: true,
    }
}
