//! The queue on both backends: order, positions, and take-next under concurrency.

use std::collections::BTreeSet;
use std::sync::{Arc, Barrier};

use chrono::Duration;
use guichet::db::DbConn;
use guichet::domain::email::EmailAddress;
use guichet::domain::lifecycle::TicketState;
use guichet::domain::queue::Lane;
use guichet::store::tickets::{Channel, NewTicket};
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
        lang: "en".into(),
        channel: Channel::Api,
        order_ref: None,
        store_url: None,
        admin_url: None,
        platform_version: None,
        refusal_code: None,
        parent_id: None,
    }
}

fn queued(c: &mut DbConn, lane: Lane, at: chrono::DateTime<chrono::Utc>) -> Ticket {
    let (_, hash) = guichet::tokens::generate().expect("random");
    store::tickets::create(c, &new_ticket(lane), &hash, at, |_| Vec::new()).expect("ticket")
}

fn agent(c: &mut DbConn, email: &str) -> i64 {
    store::agents::add(
        c,
        &EmailAddress::parse(email).expect("email"),
        "Agent",
        "x",
        false,
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
        let t0 = store::now();
        let standard_old = queued(c, Lane::Standard, t0);
        let same_instant_1 = queued(c, Lane::Standard, t0 + Duration::seconds(5));
        let same_instant_2 = queued(c, Lane::Standard, t0 + Duration::seconds(5));
        let priority_late = queued(c, Lane::Priority, t0 + Duration::seconds(60));
        let order: Vec<i64> =
            std::iter::from_fn(|| store::tickets::take_next(c, a, store::now()).expect("take"))
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
        assert_eq!(taken.state, "assigned");
        assert_eq!(taken.assignee_id, Some(a));
    });
}

#[test]
fn positions_count_assigned_tickets_in_both_lanes() {
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        let a = agent(c, "a@desk.test");
        let t0 = store::now();
        let first = queued(c, Lane::Standard, t0);
        let second = queued(c, Lane::Standard, t0 + Duration::seconds(1));
        let prio = queued(c, Lane::Priority, t0 + Duration::seconds(2));
        let taken = store::tickets::take_next(c, a, store::now())
            .expect("take")
            .expect("one");
        assert_eq!(taken.id, prio.id);
        let pos = |c: &mut DbConn, id| {
            let t = store::tickets::get(c, id).expect("get").expect("exists");
            store::tickets::position(c, &t).expect("position")
        };
        assert_eq!(
            pos(c, prio.id),
            Some(1),
            "assigned tickets stay in the queue"
        );
        assert_eq!(pos(c, first.id), Some(2));
        assert_eq!(pos(c, second.id), Some(3));
        let page = store::tickets::queue_page(c, 100, None).expect("page");
        let listed: Vec<(i64, u32)> = page.iter().map(|(t, p)| (t.id, *p)).collect();
        assert_eq!(listed, vec![(prio.id, 1), (first.id, 2), (second.id, 3)]);
        let after = store::tickets::queue_page(c, 1, Some(first.id)).expect("page");
        assert_eq!(
            after.iter().map(|(t, p)| (t.id, *p)).collect::<Vec<_>>(),
            vec![(second.id, 3)]
        );
        assert_eq!(store::tickets::queue_lengths(c).expect("lengths"), (1, 2));
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
            let t0 = store::now();
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
                        store::tickets::take_next(&mut c, agent_id, store::now()).expect("take")
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
        let unique: BTreeSet<i64> = all.iter().copied().collect();
        assert_eq!(unique.len(), all.len(), "a ticket was claimed twice");
        assert_eq!(all.len(), TICKETS, "a ticket was skipped");
        let c = &mut conn(&state);
        assert!(
            store::tickets::take_next(c, 1, store::now())
                .expect("take")
                .is_none()
        );
    });
}
