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
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, day, hour, 0, 0)
            .single()
            .expect("valid test instant")
    }

    fn snapshot(state: TicketState, has_assignee: bool) -> TicketSnapshot {
        TicketSnapshot {
            state,
            has_assignee,
            queued_at: at(1, 9),
            resolved_at: (state == TicketState::Resolved).then(|| at(2, 9)),
        }
    }

    fn stay(state: TicketState, queued_at: DateTime<Utc>) -> CustomerMessageEffect {
        CustomerMessageEffect::Stay { state, queued_at }
    }

    const LENIENT: LifecyclePolicy = LifecyclePolicy {
        reopen_days: 7,
        requeue_on_reply: false,
    };

    #[test]
    fn state_names_round_trip() {
        for state in TicketState::ALL {
            assert_eq!(TicketState::parse(state.as_str()), Some(state));
        }
        assert_eq!(TicketState::parse("open"), None);
    }

    #[test]
    fn only_queued_and_assigned_are_in_the_queue() {
        let in_queue: Vec<TicketState> = TicketState::ALL
            .into_iter()
            .filter(|s| s.in_queue())
            .collect();
        assert_eq!(in_queue, [TicketState::Queued, TicketState::Assigned]);
    }

    #[test]
    fn message_on_queued_stays_queued_and_goes_to_the_end() {
        let now = at(3, 10);
        let effect = on_customer_message(
            &snapshot(TicketState::Queued, false),
            now,
            &LifecyclePolicy::default(),
        );
        assert_eq!(effect, stay(TicketState::Queued, now));
    }

    #[test]
    fn message_on_assigned_keeps_assignee_and_goes_to_the_end() {
        let now = at(3, 10);
        let effect = on_customer_message(
            &snapshot(TicketState::Assigned, true),
            now,
            &LifecyclePolicy::default(),
        );
        assert_eq!(effect, stay(TicketState::Assigned, now));
    }

    #[test]
    fn message_on_waiting_customer_goes_back_to_the_assignee() {
        let now = at(3, 10);
        let effect = on_customer_message(
            &snapshot(TicketState::WaitingCustomer, true),
            now,
            &LifecyclePolicy::default(),
        );
        assert_eq!(effect, stay(TicketState::Assigned, now));
    }

    #[test]
    fn message_on_unassigned_waiting_customer_is_queued() {
        let now = at(3, 10);
        let effect = on_customer_message(
            &snapshot(TicketState::WaitingCustomer, false),
            now,
            &LifecyclePolicy::default(),
        );
        assert_eq!(effect, stay(TicketState::Queued, now));
    }

    #[test]
    fn message_on_resolved_within_window_reopens() {
        let policy = LifecyclePolicy::default();
        // Resolved on the 2nd at 09:00; the 9th at 09:00 is the last instant inside.
        for (has_assignee, state) in [(true, TicketState::Assigned), (false, TicketState::Queued)] {
            let now = at(9, 9);
            let effect =
                on_customer_message(&snapshot(TicketState::Resolved, has_assignee), now, &policy);
            assert_eq!(effect, stay(state, now));
        }
    }

    #[test]
    fn message_on_resolved_past_window_opens_new_ticket() {
        let effect = on_customer_message(
            &snapshot(TicketState::Resolved, true),
            at(9, 10),
            &LifecyclePolicy::default(),
        );
        assert_eq!(effect, CustomerMessageEffect::OpenNewTicket);
    }

    #[test]
    fn message_on_resolved_without_resolution_time_reopens() {
        let mut t = snapshot(TicketState::Resolved, false);
        t.resolved_at = None;
        let now = at(30, 9);
        let effect = on_customer_message(&t, now, &LifecyclePolicy::default());
        assert_eq!(effect, stay(TicketState::Queued, now));
    }

    #[test]
    fn message_on_closed_opens_new_ticket() {
        let effect = on_customer_message(
            &snapshot(TicketState::Closed, true),
            at(3, 10),
            &LifecyclePolicy::default(),
        );
        assert_eq!(effect, CustomerMessageEffect::OpenNewTicket);
    }

    #[test]
    fn message_on_needs_info_keeps_needs_info() {
        let effect = on_customer_message(
            &snapshot(TicketState::NeedsInfo, false),
            at(3, 10),
            &LifecyclePolicy::default(),
        );
        assert_eq!(effect, CustomerMessageEffect::KeepNeedsInfo);
    }

    #[test]
    fn without_requeue_on_reply_waiting_tickets_keep_their_place() {
        let t = snapshot(TicketState::Queued, false);
        let effect = on_customer_message(&t, at(3, 10), &LENIENT);
        assert_eq!(effect, stay(TicketState::Queued, t.queued_at));
        let t = snapshot(TicketState::Assigned, true);
        let effect = on_customer_message(&t, at(3, 10), &LENIENT);
        assert_eq!(effect, stay(TicketState::Assigned, t.queued_at));
    }

    #[test]
    fn without_requeue_on_reply_answered_tickets_still_requeue() {
        let now = at(3, 10);
        let effect = on_customer_message(
            &snapshot(TicketState::WaitingCustomer, false),
            now,
            &LENIENT,
        );
        assert_eq!(effect, stay(TicketState::Queued, now));
        let effect = on_customer_message(&snapshot(TicketState::Resolved, true), now, &LENIENT);
        assert_eq!(effect, stay(TicketState::Assigned, now));
    }

    #[test]
    fn agent_reply_waits_for_the_customer() {
        for from in [
            TicketState::Queued,
            TicketState::Assigned,
            TicketState::WaitingCustomer,
            TicketState::Resolved,
        ] {
            assert_eq!(
                on_agent_reply(from),
                Ok(TicketState::WaitingCustomer),
                "{from}"
            );
        }
    }

    #[test]
    fn agent_reply_is_refused_on_closed_and_needs_info() {
        for from in [TicketState::Closed, TicketState::NeedsInfo] {
            let err = on_agent_reply(from).expect_err("refused");
            assert!(err.to_string().contains(from.as_str()));
        }
    }

    #[test]
    fn resolve_works_from_open_states_only() {
        for from in [
            TicketState::NeedsInfo,
            TicketState::Queued,
            TicketState::Assigned,
            TicketState::WaitingCustomer,
        ] {
            assert_eq!(on_resolve(from), Ok(TicketState::Resolved), "{from}");
        }
        for from in [TicketState::Resolved, TicketState::Closed] {
            assert_eq!(
                on_resolve(from),
                Err(TransitionError::NotAllowed {
                    action: "resolve",
                    from
                })
            );
        }
    }

    #[test]
    fn customer_resolve_from_working_states_only() {
        for from in [
            TicketState::Queued,
            TicketState::Assigned,
            TicketState::WaitingCustomer,
        ] {
            assert_eq!(
                on_customer_resolve(from),
                CustomerResolve::Resolve,
                "{from}"
            );
        }
        for from in [
            TicketState::NeedsInfo,
            TicketState::Resolved,
            TicketState::Closed,
        ] {
            assert_eq!(
                on_customer_resolve(from),
                CustomerResolve::Unchanged,
                "{from}"
            );
        }
    }

    #[test]
    fn reopen_only_from_resolved() {
        for from in TicketState::ALL {
            let expected = if from == TicketState::Resolved {
                Ok(TicketState::Queued)
            } else {
                Err(TransitionError::NotAllowed {
                    action: "reopen",
                    from,
                })
            };
            assert_eq!(on_reopen(from), expected, "{from}");
        }
    }

    #[test]
    fn take_only_an_unassigned_queued_ticket() {
        assert_eq!(
            on_take(TicketState::Queued, false),
            Ok(TicketState::Assigned)
        );
        assert_eq!(
            on_take(TicketState::Queued, true),
            Err(TransitionError::AlreadyAssigned)
        );
        for from in TicketState::ALL {
            if from != TicketState::Queued {
                assert!(on_take(from, false).is_err(), "{from}");
            }
        }
    }

    #[test]
    fn close_from_every_state_but_closed() {
        for from in TicketState::ALL {
            let expected = if from == TicketState::Closed {
                Err(TransitionError::NotAllowed {
                    action: "close",
                    from,
                })
            } else {
                Ok(TicketState::Closed)
            };
            assert_eq!(on_close(from), expected, "{from}");
        }
    }

    #[test]
    fn assign_moves_only_between_queued_and_assigned() {
        use TicketState::*;
        assert_eq!(on_assign(Queued, true), Ok(Assigned));
        assert_eq!(on_assign(Assigned, false), Ok(Queued));
        assert_eq!(on_assign(Queued, false), Ok(Queued));
        assert_eq!(on_assign(Assigned, true), Ok(Assigned));
        for from in [WaitingCustomer, Resolved] {
            assert_eq!(on_assign(from, true), Ok(from));
            assert_eq!(on_assign(from, false), Ok(from));
        }
        for from in [Closed, NeedsInfo] {
            assert!(on_assign(from, true).is_err(), "{from}");
        }
    }

    #[test]
    fn merge_closes_the_duplicate_into_an_open_ticket() {
        use TicketState::*;
        assert_eq!(on_merge(Queued, WaitingCustomer), Ok(Closed));
        assert_eq!(on_merge(Resolved, Assigned), Ok(Closed));
        assert!(on_merge(Closed, Queued).is_err());
        for into in [Closed, NeedsInfo] {
            assert_eq!(
                on_merge(Queued, into),
                Err(TransitionError::NotAllowed {
                    action: "merge into",
                    from: into
                })
            );
        }
    }

    #[test]
    fn internal_note_changes_nothing() {
        for state in TicketState::ALL {
            assert_eq!(on_internal_note(state), state);
        }
    }

    #[test]
    fn autoresolve_fires_strictly_after_the_window() {
        let reply = at(1, 9);
        let state = TicketState::WaitingCustomer;
        assert!(!should_autoresolve(state, reply, at(15, 9), 14));
        assert!(should_autoresolve(
            state,
            reply,
            at(15, 9) + TimeDelta::microseconds(1),
            14
        ));
    }

    #[test]
    fn autoresolve_only_for_waiting_customer() {
        for state in TicketState::ALL {
            let fires = should_autoresolve(state, at(1, 9), at(31, 9), 14);
            assert_eq!(fires, state == TicketState::WaitingCustomer, "{state}");
        }
    }

    #[test]
    fn close_fires_strictly_after_the_reopen_window() {
        let resolved = at(2, 9);
        assert!(!should_close(TicketState::Resolved, resolved, at(9, 9), 7));
        assert!(should_close(TicketState::Resolved, resolved, at(9, 10), 7));
        assert!(!should_close(TicketState::Queued, resolved, at(20, 9), 7));
    }

    #[test]
    fn needs_info_expires_strictly_after_its_window() {
        let created = at(1, 9);
        assert!(!needs_info_expired(created, at(15, 9), 14));
        assert!(needs_info_expired(created, at(15, 10), 14));
    }

    #[test]
    fn huge_windows_never_end() {
        assert!(!should_close(
            TicketState::Resolved,
            at(1, 9),
            DateTime::<Utc>::MAX_UTC,
            u32::MAX
        ));
    }
}
