//! The queue on both backends: order, positions, and take-next under concurrency.

use std::collections::BTreeSet;
use std::sync::{Arc, Barrier};

use chrono::Duration;
use guichet::db::DbConn;
use guichet::domain::channel::Channel;
use guichet::domain::email::EmailAddress;
use guichet::domain::ids::TicketId;
use guichet::domain::lifecycle::TicketState;
use guichet::domain::queue::{self as queue, Lane, QueueKey};
use guichet::store::tickets::NewTicket;
use guichet::store::{self, models::Ticket};

use crate::helpers::*;

fn new_ticket(lane: Lane) -> NewTicket {
    NewTicket {
        product_id: None,
        email: "customer@example.com".into(),
        name: "Customer".into(),
        version: None,
        subject: "Help".into(),
        body: "Body".into(),
        state: TicketState::Queued,
        lane,
        lang: guichet::i18n::Lang::En,
        channel: Channel::Api,
        order_ref: None,
        store_url: None,
        admin_url: None,
        platform_version: None,
        refusal_code: None,
        parent_id: None,
        attachments: Vec::new(),
    }
}

fn queued(c: &mut DbConn, lane: Lane, at: chrono::DateTime<chrono::Utc>) -> Ticket {
    let (_, hash) = guichet::tokens::generate().expect("random");
    store::tickets::create(
        c,
        &new_ticket(lane),
        &hash,
        &hash[..32],
        at,
        |_| Vec::new(),
        |_| Ok(None),
    )
    .expect("ticket")
}

fn agent(c: &mut DbConn, email: &str) -> i64 {
    store::agents::add(
        c,
        &EmailAddress::parse(email).expect("email"),
        "Agent",
        "x",
        false,
        clock_now(),
    )
    .expect("agent")
    .id
}

#[test]
fn take_next_serves_priority_lane_then_fifo_then_sequence() {
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        let a = agent(c, "a@desk.test");
        let t0 = clock_now();
        let standard_old = queued(c, Lane::Standard, t0);
        let same_instant_1 = queued(c, Lane::Standard, t0 + Duration::seconds(5));
        let same_instant_2 = queued(c, Lane::Standard, t0 + Duration::seconds(5));
        let priority_late = queued(c, Lane::Priority, t0 + Duration::seconds(60));
        let order: Vec<TicketId> =
            std::iter::from_fn(|| store::queue::take_next(c, a, clock_now()).expect("take"))
                .map(|t| t.id)
                .collect();
        assert_eq!(
            order,
            vec![
                priority_late.id,
                standard_old.id,
                same_instant_1.id,
                same_instant_2.id
            ]
        );
        let taken = store::tickets::get(c, priority_late.id)
            .expect("get")
            .expect("exists");
        assert_eq!(taken.state, TicketState::Assigned);
        assert_eq!(taken.assignee_id, Some(a));
    });
}

#[test]
fn positions_count_assigned_tickets_in_both_lanes() {
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        let a = agent(c, "a@desk.test");
        let t0 = clock_now();
        let first = queued(c, Lane::Standard, t0);
        let second = queued(c, Lane::Standard, t0 + Duration::seconds(1));
        let prio = queued(c, Lane::Priority, t0 + Duration::seconds(2));
        let taken = store::queue::take_next(c, a, clock_now())
            .expect("take")
            .expect("one");
        assert_eq!(taken.id, prio.id);
        let pos = |c: &mut DbConn, id| {
            let t = store::tickets::get(c, id).expect("get").expect("exists");
            store::queue::position(c, &t).expect("position")
        };
        assert_eq!(
            pos(c, prio.id),
            Some(1),
            "assigned tickets stay in the queue"
        );
        assert_eq!(pos(c, first.id), Some(2));
        assert_eq!(pos(c, second.id), Some(3));
        let page = store::queue::page(c, 100, None).expect("page");
        let listed: Vec<(TicketId, u32)> = page.iter().map(|(t, p)| (t.id, *p)).collect();
        assert_eq!(listed, vec![(prio.id, 1), (first.id, 2), (second.id, 3)]);
        let after = store::queue::page(c, 1, Some(first.id)).expect("page");
        assert_eq!(
            after.iter().map(|(t, p)| (t.id, *p)).collect::<Vec<_>>(),
            vec![(second.id, 3)]
        );
        assert_eq!(store::queue::lengths(c).expect("lengths"), (1, 2));
        assert_positions_match_counting(c);
    });
}

#[test]
fn concurrent_take_next_never_claims_twice_nor_skips() {
    each_backend(|db| {
        const TICKETS: usize = 60;
        const AGENTS: usize = 6;
        let state = db.state();
        let agent_ids: Vec<i64> = {
            let c = &mut conn(&state);
            let t0 = clock_now();
            for i in 0..TICKETS {
                let lane = if i % 5 == 0 {
                    Lane::Priority
                } else {
                    Lane::Standard
                };
                queued(c, lane, t0 + Duration::milliseconds(i as i64));
            }
            (0..AGENTS)
                .map(|i| agent(c, &format!("agent{i}@desk.test")))
                .collect()
        };
        let barrier = Arc::new(Barrier::new(AGENTS));
        let handles: Vec<_> = agent_ids
            .into_iter()
            .map(|agent_id| {
                let state = state.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    let mut c = state.pool.get().expect("connection");
                    barrier.wait();
                    let mut mine = Vec::new();
                    while let Some(t) =
                        store::queue::take_next(&mut c, agent_id, clock_now()).expect("take")
                    {
                        assert_eq!(t.assignee_id, Some(agent_id));
                        mine.push(t.id);
                    }
                    mine
                })
            })
            .collect();
        let mut all = Vec::new();
        for h in handles {
            all.extend(h.join().expect("thread"));
        }
        let unique: BTreeSet<TicketId> = all.iter().copied().collect();
        assert_eq!(unique.len(), all.len(), "a ticket was claimed twice");
        assert_eq!(all.len(), TICKETS, "a ticket was skipped");
        let c = &mut conn(&state);
        assert!(
            store::queue::take_next(c, 1, clock_now())
                .expect("take")
                .is_none()
        );
    });
}

/// Moves a ticket out of the queue as an agent reply would (the dashboard issue adds the real
/// action; the counters must follow any UPDATE of state).
fn set_state(c: &mut DbConn, id: TicketId, state: &str) {
    use diesel::prelude::*;
    use guichet::schema::tickets;
    guichet::db_run!(c, c => {
        diesel::update(tickets::table.find(id)).set(tickets::state.eq(state)).execute(c)
    })
    .expect("update state");
}

/// Where the domain's reference order puts a stored ticket.
fn domain_key(t: &Ticket) -> QueueKey {
    QueueKey {
        lane: t.lane,
        queued_at: t.queued_at.and_utc(),
        seq: t.queue_seq,
    }
}

/// Every stored position (counters, counting, and the queue page) is the one the domain's
/// `position` gives over the same tickets: the domain is the reference, the SQL the fast path.
fn assert_positions_match_counting(c: &mut DbConn) {
    let all: Vec<Ticket> = (1..=store::tickets::count(c).expect("count") + 5)
        .filter_map(|id| store::tickets::get(c, TicketId::new(id)).expect("get"))
        .collect();
    let waiting: Vec<QueueKey> = all
        .iter()
        .filter(|t| t.in_queue())
        .map(domain_key)
        .collect();
    assert!(!waiting.is_empty(), "the test needs a queue");
    let mut expected = std::collections::BTreeMap::new();
    for t in &all {
        let reference = t
            .in_queue()
            .then(|| queue::position(&domain_key(t), &waiting));
        let fast = store::queue::position(c, t).expect("position");
        let slow = store::queue::position_by_counting(c, t).expect("counting");
        let what = format!("ticket {} ({}, lane {})", t.id, t.state, t.lane);
        assert_eq!(fast, reference, "counters vs domain: {what}");
        assert_eq!(slow, reference, "counting vs domain: {what}");
        if let Some(p) = reference {
            expected.insert(p, t.id);
        }
    }
    let listed: Vec<(u32, TicketId)> = store::queue::page(c, 500, None)
        .expect("page")
        .iter()
        .map(|(t, p)| (*p, t.id))
        .collect();
    let reference: Vec<(u32, TicketId)> = expected.into_iter().collect();
    assert_eq!(
        listed, reference,
        "the queue page is the domain's order and positions"
    );
    // Filtered pages number their rows from the first row's position and the queue between
    // (store::queue::positions_of_sparse): each must still be the domain's position, from the
    // head and from a keyset page further on.
    let assignee = all.iter().find_map(|t| t.assignee_id);
    let filters = [
        store::queue::QueueFilter {
            lane: Some(Lane::Standard),
            ..Default::default()
        },
        store::queue::QueueFilter {
            state: Some(TicketState::Assigned),
            ..Default::default()
        },
        store::queue::QueueFilter {
            state: Some(TicketState::Queued),
            lane: Some(Lane::Priority),
            ..Default::default()
        },
        store::queue::QueueFilter {
            assignee_id: assignee,
            ..Default::default()
        },
    ];
    let after = reference.get(reference.len() / 3).map(|(_, id)| *id);
    for f in filters {
        for start in [None, after] {
            let rows = store::queue::page_where(c, f, 40, start).expect("filtered page");
            for (t, p) in &rows {
                let expected = queue::position(&domain_key(t), &waiting);
                assert_eq!(
                    *p, expected,
                    "filter {f:?} after {start:?}: ticket {}",
                    t.id
                );
            }
        }
    }
    let by_lane = |lane| waiting.iter().filter(|k| k.lane == lane).count() as i64;
    let lengths = (by_lane(Lane::Priority), by_lane(Lane::Standard));
    assert_eq!(store::queue::lengths(c).expect("counters"), lengths);
    assert_eq!(
        store::queue::lengths_by_counting(c).expect("counting"),
        lengths
    );
}

#[test]
fn lane_counters_give_the_same_positions_as_counting() {
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        let a = agent(c, "a@desk.test");
        let t0 = clock_now();
        // More than 64 tickets, so both ways of computing a position are used.
        let mut ids = Vec::new();
        for i in 0..150i64 {
            let lane = if i % 7 == 0 {
                Lane::Priority
            } else {
                Lane::Standard
            };
            // Groups of three share an instant: the sequence number orders them.
            ids.push(queued(c, lane, t0 + Duration::milliseconds(i / 3)).id);
        }
        assert_positions_match_counting(c);
        for _ in 0..10 {
            store::queue::take_next(c, a, clock_now()).expect("take");
        }
        assert_positions_match_counting(c);
        let policy = state.config.lifecycle;
        for id in ids.iter().step_by(11) {
            store::tickets::customer_reply(
                c,
                *id,
                "more",
                &[],
                guichet::domain::channel::Channel::Api,
                clock_now(),
                &policy,
            )
            .expect("reply");
        }
        assert_positions_match_counting(c);
        for id in ids.iter().skip(3).step_by(5) {
            set_state(c, *id, "waiting_customer");
        }
        set_state(c, ids[1], "resolved");
        assert_positions_match_counting(c);
        for id in ids.iter().skip(3).step_by(10) {
            store::tickets::customer_reply(
                c,
                *id,
                "back",
                &[],
                guichet::domain::channel::Channel::Api,
                clock_now(),
                &policy,
            )
            .expect("reply");
        }
        assert_positions_match_counting(c);
        {
            use diesel::prelude::*;
            use guichet::schema::{api_tokens, messages, outbox, tickets};
            let victim = ids[100];
            let deleted: Result<usize, diesel::result::Error> = guichet::db_run!(&mut **c, c => {
                (|| {
                    diesel::delete(messages::table.filter(messages::ticket_id.eq(victim))).execute(c)?;
                    diesel::delete(api_tokens::table.filter(api_tokens::ticket_id.eq(victim))).execute(c)?;
                    diesel::delete(outbox::table.filter(outbox::ticket_id.eq(victim))).execute(c)?;
                    diesel::delete(tickets::table.find(victim)).execute(c)
                })()
            });
            assert_eq!(deleted.expect("delete"), 1);
        }
        assert_positions_match_counting(c);
    });
}

#[test]
fn estimated_wait_needs_ten_recent_first_responses() {
    use chrono::{TimeZone, Utc};
    use guichet::domain::queue::WaitEstimate;
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        // The arithmetic below assumes the default desk: Mon–Fri 09:00–18:00 in Paris.
        assert_eq!(
            state.config.business_hours.to_string(),
            "mon,tue,wed,thu,fri 09:00-18:00 Europe/Paris"
        );
        // Friday 7 March 2025, 15:00 in Paris (UTC+1). The last five business days start on
        // Monday 3 March at 09:00 (08:00 UTC) and hold 4 × 9 + 6 = 42 business hours.
        let now = Utc
            .with_ymd_and_hms(2025, 3, 7, 14, 0, 0)
            .single()
            .expect("instant");
        let since = Utc
            .with_ymd_and_hms(2025, 3, 3, 8, 0, 0)
            .single()
            .expect("instant");
        let numbers: Vec<TicketId> = (0..12).map(|_| queued(c, Lane::Standard, now).id).collect();
        let answer = |c: &mut guichet::db::DbConn, ids: &[TicketId], at: chrono::DateTime<Utc>| {
            use diesel::prelude::*;
            use guichet::schema::tickets;
            let at = store::naive(at);
            let updated = guichet::db_run!(c, c => {
                diesel::update(tickets::table.filter(tickets::id.eq_any(ids)))
                    .set(tickets::first_response_at.eq(Some(at)))
                    .execute(c)
            })
            .expect("first responses");
            assert_eq!(updated, ids.len());
        };
        let wait = |c: &mut guichet::db::DbConn, position| {
            guichet::intake::estimated_wait(c, &state.config, position, now).expect("estimate")
        };
        assert_eq!(wait(c, 3), WaitEstimate::NotEnoughData, "no answers yet");

        answer(c, &numbers[..9], now - chrono::Duration::minutes(1));
        assert_eq!(wait(c, 3), WaitEstimate::NotEnoughData, "nine is too few");

        // Ten first responses in 42 hours: 3 × 42 / 10 = 12.6 → 13 hours.
        answer(c, &numbers[9..10], since + chrono::Duration::hours(30));
        assert_eq!(wait(c, 3), WaitEstimate::Hours(13));

        // The first instant of the period counts: 3 × 42 / 11 = 11.45 → 12; 14 × 42 / 11 → 54.
        answer(c, &numbers[10..11], since);
        assert_eq!(wait(c, 3), WaitEstimate::Hours(12));
        assert_eq!(wait(c, 14), WaitEstimate::Hours(54));

        // An answer just before the period does not (with it, 3 × 42 / 12 would give 11).
        answer(
            c,
            &numbers[11..12],
            since - chrono::Duration::microseconds(1),
        );
        assert_eq!(wait(c, 3), WaitEstimate::Hours(12));
    });
}
