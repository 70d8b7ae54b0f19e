//! Queue behaviour through the API: re-queue on reply, lanes, positions, concurrent take.

use std::collections::BTreeSet;

use serde_json::json;

use guichet::domain::ids::TicketId;

use crate::api_support::*;
use crate::helpers::*;

fn queue_numbers(d: &Desk) -> Vec<(i64, i64)> {
    let r = d.client.get("/api/v1/queue", Some(&d.agent));
    assert_eq!(r.status, 200, "{}", r.json);
    r.json["tickets"]
        .as_array()
        .expect("tickets")
        .iter()
        .map(|t| {
            (
                t["number"].as_i64().expect("number"),
                t["position"].as_i64().expect("position"),
            )
        })
        .collect()
}

#[test]
fn a_customer_reply_moves_the_ticket_behind_everything_queued_before() {
    each_backend(|db| {
        let d = desk(db);
        let (first, first_portal) = d.ticket("alice@example.com");
        let (second, _) = d.ticket("alice@example.com");
        let (third, _) = d.ticket("alice@example.com");
        assert_eq!(queue_numbers(&d), vec![(first, 1), (second, 2), (third, 3)]);
        let r = d.client.post(
            &format!("/api/v1/tickets/{first}/replies"),
            Some(&first_portal),
            &json!({"body": "also this"}),
        );
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["position"], json!(3));
        assert_eq!(r.json["messages"].as_array().map(|m| m.len()), Some(2));
        assert_eq!(queue_numbers(&d), vec![(second, 1), (third, 2), (first, 3)]);
        let empty = d.client.post(
            &format!("/api/v1/tickets/{first}/replies"),
            Some(&first_portal),
            &json!({"body": "  "}),
        );
        assert_eq!(error_code(&empty), "invalid_fields");
    });
}

#[test]
fn priority_lane_is_served_first_and_positions_agree() {
    each_backend(|db| {
        let d = desk(db);
        let (standard, standard_portal) = d.ticket("alice@example.com");
        let (priority, _) = d.ticket("paula@example.com");
        let created = d
            .client
            .get(&format!("/api/v1/tickets/{priority}"), Some(&d.agent));
        assert_eq!(created.json["lane"], json!("priority"));
        assert_eq!(queue_numbers(&d), vec![(priority, 1), (standard, 2)]);
        let seen = d.client.get(
            &format!("/api/v1/tickets/{standard}"),
            Some(&standard_portal),
        );
        assert_eq!(seen.json["position"], json!(2), "portal and queue agree");
        let taken = d
            .client
            .send("POST", "/api/v1/queue/take", Some(&d.agent), None);
        assert_eq!(taken.status, 200);
        assert_eq!(taken.json["number"], json!(priority));
        assert_eq!(taken.json["state"], json!("assigned"));
        let q = d.client.get("/api/v1/queue", Some(&d.agent));
        assert_eq!(q.json["tickets"][0]["assignee"], json!("ann@desk.test"));
        assert_eq!(
            queue_numbers(&d),
            vec![(priority, 1), (standard, 2)],
            "assigned tickets keep their place"
        );
        let page = d.client.get(
            &format!("/api/v1/queue?limit=1&after={priority}"),
            Some(&d.agent),
        );
        assert_eq!(page.json["tickets"][0]["number"], json!(standard));
        assert_eq!(page.json["tickets"][0]["position"], json!(2));
        assert_eq!(page.json["tickets"].as_array().map(|t| t.len()), Some(1));
        d.client
            .send("POST", "/api/v1/queue/take", Some(&d.agent), None);
        let none = d
            .client
            .send("POST", "/api/v1/queue/take", Some(&d.agent), None);
        assert_eq!(none.status, 204);
    });
}

#[test]
fn portal_tokens_never_see_internal_notes() {
    each_backend(|db| {
        let d = desk(db);
        let (number, portal) = d.ticket("alice@example.com");
        {
            use diesel::prelude::*;
            use guichet::schema::messages;
            let c = &mut conn(&d.app.state);
            let now = guichet::store::naive(clock_now());
            guichet::db_run!(&mut **c, c => {
                diesel::insert_into(messages::table)
                    .values((
                        messages::ticket_id.eq(number),
                        messages::author.eq("agent"),
                        messages::body.eq("internal: customer is on a fork"),
                        messages::internal.eq(true),
                        messages::channel.eq("web"),
                        messages::created_at.eq(now),
                    ))
                    .execute(c)
            })
            .expect("note");
        }
        let agent_view = d
            .client
            .get(&format!("/api/v1/tickets/{number}"), Some(&d.agent));
        assert_eq!(
            agent_view.json["messages"].as_array().map(|m| m.len()),
            Some(2)
        );
        let portal_view = d
            .client
            .get(&format!("/api/v1/tickets/{number}"), Some(&portal));
        let msgs = portal_view.json["messages"].as_array().expect("messages");
        assert_eq!(msgs.len(), 1);
        assert!(msgs.iter().all(|m| m["internal"] == json!(false)));
    });
}

#[test]
fn two_agents_taking_concurrently_never_get_the_same_ticket() {
    each_backend(|db| {
        let d = desk(db);
        let mut numbers = BTreeSet::new();
        for i in 0..30 {
            let email = if i % 3 == 0 {
                "paula@example.com"
            } else {
                "alice@example.com"
            };
            numbers.insert(d.ticket(email).0);
        }
        let take_all = |token: String, base: String| {
            std::thread::spawn(move || {
                let client = Client::new(&base);
                let mut mine = Vec::new();
                loop {
                    let r = client.send("POST", "/api/v1/queue/take", Some(&token), None);
                    match r.status {
                        200 => mine.push(r.json["number"].as_i64().expect("number")),
                        204 => break mine,
                        other => panic!("take answered {other}: {}", r.json),
                    }
                }
            })
        };
        let a = take_all(d.agent.clone(), d.app.base.clone());
        let b = take_all(d.agent2.clone(), d.app.base.clone());
        let (a, b) = (a.join().expect("agent a"), b.join().expect("agent b"));
        let all: Vec<i64> = a.iter().chain(b.iter()).copied().collect();
        let unique: BTreeSet<i64> = all.iter().copied().collect();
        assert_eq!(unique.len(), all.len(), "a ticket was taken twice");
        assert_eq!(unique, numbers, "every ticket taken exactly once");
    });
}

fn set_ticket(d: &Desk, number: i64, state: &str, resolved_days_ago: Option<i64>) {
    use diesel::prelude::*;
    use guichet::schema::tickets;
    let resolved_at = resolved_days_ago
        .map(|days| guichet::store::naive(clock_now() - chrono::Duration::days(days)));
    let c = &mut conn(&d.app.state);
    guichet::db_run!(&mut **c, c => {
        diesel::update(tickets::table.find(number))
            .set((tickets::state.eq(state), tickets::resolved_at.eq(resolved_at)))
            .execute(c)
    })
    .expect("update ticket");
}

#[test]
fn replies_reopen_resolved_tickets_and_follow_up_closed_ones() {
    each_backend(|db| {
        let d = desk(db);
        let (resolved, resolved_portal) = d.ticket("alice@example.com");
        let (closed, closed_portal) = d.ticket("alice@example.com");
        let (late, late_portal) = d.ticket("alice@example.com");
        set_ticket(&d, resolved, "resolved", Some(2));
        set_ticket(&d, closed, "closed", Some(30));
        set_ticket(&d, late, "resolved", Some(8));

        let r = d.client.post(
            &format!("/api/v1/tickets/{resolved}/replies"),
            Some(&resolved_portal),
            &json!({"body": "still broken"}),
        );
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(
            r.json["number"],
            json!(resolved),
            "within reopen_days the same ticket comes back"
        );
        assert_eq!(r.json["state"], json!("queued"));
        assert_eq!(r.json["position"], json!(1));

        for (old, portal) in [(closed, &closed_portal), (late, &late_portal)] {
            let r = d.client.post(
                &format!("/api/v1/tickets/{old}/replies"),
                Some(portal),
                &json!({"body": "it broke again"}),
            );
            assert_eq!(r.status, 200, "{}", r.json);
            let new = r.json["number"].as_i64().expect("number");
            assert_ne!(
                new, old,
                "a closed ticket (or one resolved past reopen_days) opens a new one"
            );
            assert_eq!(r.json["state"], json!("queued"));
            assert_eq!(r.json["messages"][0]["body"], json!("it broke again"));
            let parent = guichet::store::tickets::get(&mut conn(&d.app.state), TicketId::new(new))
                .expect("get")
                .expect("exists")
                .parent_id;
            assert_eq!(parent, Some(TicketId::new(old)));
        }
    });
}
