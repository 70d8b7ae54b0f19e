//! Ticket states and the transitions between them.
//!
//! The functions here only decide; the store layer applies the decision in
//! one transaction with the message and the outbox row it causes. Timers
//! take `now` as a parameter, so the auto-close worker and the tests agree
//! on every boundary.
//!
//! Boundaries: every timer fires strictly *after* its window. At the exact
//! instant `start + days` the ticket is still inside the window, which
//! matches [`on_customer_message`] still reopening a resolved ticket at that
//! instant: a customer message and the close timer can never both claim it.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Where a ticket stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    /// Arrived by mail without a readable product or version; waiting for the
    /// customer to complete it.
    NeedsInfo,
    /// Waiting for an agent.
    Queued,
    /// Taken by an agent who has not answered yet.
    Assigned,
    /// An agent answered; the customer owes a reply.
    WaitingCustomer,
    /// Marked solved; a customer message within the reopen window revives it.
    Resolved,
    /// Final; a later message opens a new, linked ticket.
    Closed,
}

impl TicketState {
    /// Every state, in lifecycle order.
    pub const ALL: [TicketState; 6] = [
        TicketState::NeedsInfo,
        TicketState::Queued,
        TicketState::Assigned,
        TicketState::WaitingCustomer,
        TicketState::Resolved,
        TicketState::Closed,
    ];

    /// The name stored in the database and shown in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketState::NeedsInfo => "needs_info",
            TicketState::Queued => "queued",
            TicketState::Assigned => "assigned",
            TicketState::WaitingCustomer => "waiting_customer",
            TicketState::Resolved => "resolved",
            TicketState::Closed => "closed",
        }
    }

    /// Reads a stored state name (exact, lowercase: it comes from our own columns).
    pub fn parse(s: &str) -> Option<TicketState> {
        TicketState::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
    }

    /// Whether the ticket counts in the queue: waiting for an agent's answer.
    pub fn in_queue(self) -> bool {
        matches!(self, TicketState::Queued | TicketState::Assigned)
    }
}

impl fmt::Display for TicketState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The desk settings that shape the lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LifecyclePolicy {
    /// Days after resolution during which a customer message reopens the ticket.
    pub reopen_days: u32,
    /// Whether a message on a ticket already waiting for an agent moves it to
    /// the end of the queue (the published policy; vendors may turn it off).
    pub requeue_on_reply: bool,
}

impl Default for LifecyclePolicy {
    fn default() -> Self {
        LifecyclePolicy {
            reopen_days: 7,
            requeue_on_reply: true,
        }
    }
}

/// The part of a ticket the lifecycle rules look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketSnapshot {
    /// Current state.
    pub state: TicketState,
    /// Whether an agent is assigned (kept through waiting and resolution).
    pub has_assignee: bool,
    /// When the ticket was last (re-)queued.
    pub queued_at: DateTime<Utc>,
    /// When it was last resolved, if it was.
    pub resolved_at: Option<DateTime<Utc>>,
}

/// What a customer message does to an existing ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CustomerMessageEffect {
    /// The message joins this ticket, which takes this state and `queued_at`
    /// (the caller also takes a fresh queue sequence number when `queued_at` changed).
    Stay {
        /// The state after the message.
        state: TicketState,
        /// The queue time after the message.
        queued_at: DateTime<Utc>,
    },
    /// The ticket is over: the message opens a new ticket linked to it, and
    /// eligibility runs again for that new ticket.
    OpenNewTicket,
    /// The ticket waits for its completion form; the message is kept but
    /// changes nothing until the customer names product and version.
    KeepNeedsInfo,
}

/// Whether more than `days` days have passed since `since` at `now`.
///
/// The instant exactly `days` after is still inside. A window too large to
/// represent never ends.
fn past_window(since: DateTime<Utc>, now: DateTime<Utc>, days: u32) -> bool {
    TimeDelta::try_days(i64::from(days))
        .and_then(|window| since.checked_add_signed(window))
        .is_some_and(|end| now > end)
}

/// Applies a customer message received at `now` (the time guichet stored it).
///
/// Every message puts the ticket at the end of the queue: `queued_at = now`.
/// The one exception is `requeue_on_reply = false` on a ticket that is
/// already queued or assigned, which keeps its place.
///
/// A resolved ticket without a resolution time (inconsistent data) is
/// treated as still in its reopen window: the customer is answered in the
/// same thread rather than losing it.
pub fn on_customer_message(
    t: &TicketSnapshot,
    now: DateTime<Utc>,
    policy: &LifecyclePolicy,
) -> CustomerMessageEffect {
    let back_in_queue = || CustomerMessageEffect::Stay {
        state: if t.has_assignee {
            TicketState::Assigned
        } else {
            TicketState::Queued
        },
        queued_at: now,
    };
    match t.state {
        TicketState::NeedsInfo => CustomerMessageEffect::KeepNeedsInfo,
        TicketState::Queued | TicketState::Assigned => CustomerMessageEffect::Stay {
            state: t.state,
            queued_at: if policy.requeue_on_reply {
                now
            } else {
                t.queued_at
            },
        },
        TicketState::WaitingCustomer => back_in_queue(),
        TicketState::Resolved => match t.resolved_at {
            Some(resolved_at) if past_window(resolved_at, now, policy.reopen_days) => {
                CustomerMessageEffect::OpenNewTicket
            }
            _ => back_in_queue(),
        },
        TicketState::Closed => CustomerMessageEffect::OpenNewTicket,
    }
}

/// An agent action that the ticket's state does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The action makes no sense in this state.
    #[error("cannot {action} a ticket that is {from}")]
    NotAllowed {
        /// What the agent tried: `reply to`, `resolve`, `reopen`, `take`, `close`, `assign`,
        /// `merge` or `merge into`.
        action: &'static str,
        /// The state the ticket is in.
        from: TicketState,
    },
    /// Another agent took the ticket first.
    #[error("cannot take a ticket that is already assigned")]
    AlreadyAssigned,
}

/// An agent's public reply: the customer now owes an answer.
///
/// Allowed from `queued`, `assigned`, `waiting_customer` (a follow-up) and
/// `resolved` (a late addition by the agent, which puts the ticket back to
/// waiting so the auto-resolve timer covers it again). Refused on `closed`,
/// which is final, and on `needs_info`, which has not passed eligibility yet.
pub fn on_agent_reply(state: TicketState) -> Result<TicketState, TransitionError> {
    match state {
        TicketState::Queued
        | TicketState::Assigned
        | TicketState::WaitingCustomer
        | TicketState::Resolved => Ok(TicketState::WaitingCustomer),
        TicketState::NeedsInfo | TicketState::Closed => Err(TransitionError::NotAllowed {
            action: "reply to",
            from: state,
        }),
    }
}

/// An agent marks the ticket solved. Allowed from every open state,
/// `needs_info` included (an agent may settle it by a canned answer);
/// refused when it is already resolved or closed.
pub fn on_resolve(state: TicketState) -> Result<TicketState, TransitionError> {
    match state {
        TicketState::Resolved | TicketState::Closed => Err(TransitionError::NotAllowed {
            action: "resolve",
            from: state,
        }),
        _ => Ok(TicketState::Resolved),
    }
}

/// What a customer's "my issue is solved" does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomerResolve {
    /// The ticket becomes `resolved`; the caller sets `resolved_at = now`.
    Resolve,
    /// Nothing to do: the ticket is already over (`resolved`, `closed`), or has not passed
    /// eligibility yet (`needs_info`, where the customer completes the form instead).
    Unchanged,
}

/// The customer says the issue is solved. Allowed from the states where someone is working on
/// it or waiting for the customer; elsewhere a no-op rather than an error, as a customer who
/// presses the button twice (or after auto-resolve) has done nothing wrong.
pub fn on_customer_resolve(state: TicketState) -> CustomerResolve {
    match state {
        TicketState::Queued | TicketState::Assigned | TicketState::WaitingCustomer => {
            CustomerResolve::Resolve
        }
        TicketState::NeedsInfo | TicketState::Resolved | TicketState::Closed => {
            CustomerResolve::Unchanged
        }
    }
}

/// An agent reopens a resolved ticket; the caller sets `queued_at = now`.
/// Only `resolved` can be reopened: a closed ticket is final.
pub fn on_reopen(state: TicketState) -> Result<TicketState, TransitionError> {
    match state {
        TicketState::Resolved => Ok(TicketState::Queued),
        _ => Err(TransitionError::NotAllowed {
            action: "reopen",
            from: state,
        }),
    }
}

/// An agent takes a ticket: only an unassigned queued ticket can be taken,
/// so two agents racing for the same ticket cannot both win.
pub fn on_take(state: TicketState, has_assignee: bool) -> Result<TicketState, TransitionError> {
    match state {
        TicketState::Queued if has_assignee => Err(TransitionError::AlreadyAssigned),
        TicketState::Queued => Ok(TicketState::Assigned),
        _ => Err(TransitionError::NotAllowed {
            action: "take",
            from: state,
        }),
    }
}

/// An agent closes the ticket at once (spam, a duplicate, a request that needs no answer):
/// allowed from every state but `closed`, which is already final.
pub fn on_close(state: TicketState) -> Result<TicketState, TransitionError> {
    match state {
        TicketState::Closed => Err(TransitionError::NotAllowed {
            action: "close",
            from: state,
        }),
        _ => Ok(TicketState::Closed),
    }
}

/// An agent gives the ticket to an agent (`to_someone`) or takes it back from whoever holds it.
/// Only the queue states change: a `queued` ticket given to someone becomes `assigned`, an
/// `assigned` one taken back is `queued` again (its place in the queue is kept by the caller).
/// Elsewhere the holder changes and the state stays. A closed ticket is final and keeps its
/// holder; a `needs_info` one is not the desk's yet.
pub fn on_assign(state: TicketState, to_someone: bool) -> Result<TicketState, TransitionError> {
    match (state, to_someone) {
        (TicketState::Closed | TicketState::NeedsInfo, _) => Err(TransitionError::NotAllowed {
            action: "assign",
            from: state,
        }),
        (TicketState::Queued, true) => Ok(TicketState::Assigned),
        (TicketState::Assigned, false) => Ok(TicketState::Queued),
        (other, _) => Ok(other),
    }
}

/// An agent merges ticket `duplicate` into `into`: the duplicate is closed (so it must be
/// closable), and `into` receives its messages, so it must still be open to the conversation:
/// not `closed` (final) nor `needs_info` (not the desk's yet). Returns the duplicate's new state.
pub fn on_merge(duplicate: TicketState, into: TicketState) -> Result<TicketState, TransitionError> {
    if matches!(into, TicketState::Closed | TicketState::NeedsInfo) {
        return Err(TransitionError::NotAllowed {
            action: "merge into",
            from: into,
        });
    }
    on_close(duplicate).map_err(|_| TransitionError::NotAllowed {
        action: "merge",
        from: duplicate,
    })
}

/// An internal note is for agents only: the customer has not been answered,
/// so neither the state nor the queue position changes.
pub fn on_internal_note(state: TicketState) -> TicketState {
    state
}

/// Whether a `waiting_customer` ticket has had no customer message for more
/// than `autoresolve_days` since the agent's last reply.
pub fn should_autoresolve(
    state: TicketState,
    last_agent_reply_at: DateTime<Utc>,
    now: DateTime<Utc>,
    autoresolve_days: u32,
) -> bool {
    state == TicketState::WaitingCustomer && past_window(last_agent_reply_at, now, autoresolve_days)
}

/// Whether a `resolved` ticket's reopen window is over, so it becomes `closed`.
pub fn should_close(
    state: TicketState,
    resolved_at: DateTime<Utc>,
    now: DateTime<Utc>,
    reopen_days: u32,
) -> bool {
    state == TicketState::Resolved && past_window(resolved_at, now, reopen_days)
}

/// Whether a `needs_info` ticket created at `created_at` was left
/// uncompleted for more than `days` days and should be closed. The caller
/// checks the state.
pub fn needs_info_expired(created_at: DateTime<Utc>, now: DateTime<Utc>, days: u32) -> bool {
    past_window(created_at, now, days)
}

#[cfg(test)]
mod tests;
