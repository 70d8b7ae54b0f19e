//! Ticket states and transitions: what a customer message does in each state, which agent
//! transitions are allowed and refused, and each timer just at and just past its window.
//! Kept apart from the rules they check so the module reads as the rules alone.

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
