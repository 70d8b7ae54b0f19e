//! Assignment and merging through the API and `guichet::desk`, on both databases: queue
//! positions and lane counters stay exact, refusals change nothing.

use serde_json::{Value, json};

use guichet::desk;
use guichet::domain::email::EmailAddress;
use guichet::domain::ids::TicketId;
use guichet::mail::outbound::PORTAL_LINK;
use guichet::store;

use crate::agent_actions::{agent_id, agent_reply, assert_queue_exact, outbox_of, path, ticket};
use crate::api_support::*;
use crate::helpers::*;

fn assign(d: &Desk, n: i64, agent: Value) -> Reply {
    d.client.post(
        &path(n, "assign"),
        Some(&d.agent),
        &json!({ "agent": agent }),
    )
}

fn positions(d: &Desk) -> Vec<(i64, i64)> {
    let q = d.client.get("/api/v1/queue", Some(&d.agent));
    q.json["tickets"]
        .as_array()
        .expect("tickets")
        .iter()
        .map(|t| {
            (
                t["number"].as_i64().unwrap_or(0),
                t["position"].as_i64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn assigning_and_unassigning_keep_queue_positions_and_lane_counts() {
    each_backend(|db| {
        let d = desk(db);
        let (a, _) = d.ticket("alice@example.com");
        let (b, _) = d.ticket("alice@example.com");
        let (p, _) = d.ticket("paula@example.com");
        let (c, _) = d.ticket("alice@example.com");
        let order = positions(&d);
        assert_eq!(order, vec![(p, 1), (a, 2), (b, 3), (c, 4)]);

        let r = assign(&d, b, json!("ben@desk.test"));
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["state"], json!("assigned"));
        assert_eq!(r.json["assignee"], json!("ben@desk.test"));
        assert_eq!(r.json["position"], json!(3));
        assert_eq!(positions(&d), order);
        assert_queue_exact(&d);

        let r = assign(&d, b, json!(" Ann@Desk.test "));
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["assignee"], json!("ann@desk.test"), "reassigned");
        assert_eq!(r.json["state"], json!("assigned"));

        let r = assign(&d, b, Value::Null);
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["state"], json!("queued"));
        assert_eq!(r.json["assignee"], Value::Null);
        assert_eq!(positions(&d), order, "its place is kept");
        assert_queue_exact(&d);
        // Unassigned again, it is what take-next gets once the ones ahead are taken.
        let first = d
            .client
            .send("POST", "/api/v1/queue/take", Some(&d.agent), None);
        assert_eq!(first.json["number"], json!(p));
        let r = assign(&d, p, json!("ben@desk.test"));
        assert_eq!(r.json["assignee"], json!("ben@desk.test"));
        assert_queue_exact(&d);

        // A waiting ticket changes holder and keeps its state.
        assert_eq!(
            agent_reply(&d, c, json!({"body": "Which theme?"})).status,
            200
        );
        let r = assign(&d, c, json!("ben@desk.test"));
        assert_eq!(r.json["state"], json!("waiting_customer"));
        assert_eq!(r.json["assignee"], json!("ben@desk.test"));
        assert_queue_exact(&d);
    });
}

#[test]
fn an_unknown_or_inactive_assignee_is_a_bad_field() {
    each_backend(|db| {
        let d = desk(db);
        let (n, _) = d.ticket("alice@example.com");
        let r = assign(&d, n, json!("nobody@desk.test"));
        assert_eq!(r.status, 422, "{}", r.json);
        assert_eq!(error_code(&r), "invalid_fields");
        assert!(r.json["error"]["fields"]["agent"].is_string());
        let email = EmailAddress::parse("ben@desk.test").expect("email");
        store::agents::deactivate(&mut conn(&d.app.state), &email).expect("deactivate");
        let r = assign(&d, n, json!("ben@desk.test"));
        assert_eq!(r.status, 422, "{}", r.json);
        assert!(r.json["error"]["fields"]["agent"].is_string());
        assert_eq!(ticket(&d, n).assignee_id, None);
        // The token of a deactivated agent no longer authenticates at all.
        let r = d
            .client
            .send("POST", &path(n, "resolve"), Some(&d.agent2), None);
        assert!([401, 422].contains(&r.status), "{}", r.json);
        assert_eq!(ticket(&d, n).state.as_str(), "queued");
    });
}

#[test]
fn merging_moves_the_thread_closes_the_duplicate_and_tells_the_customer_once() {
    each_backend(|db| {
        let d = desk(db);
        let (into, _) = d.ticket("alice@example.com");
        let (dup, dup_portal) = d.ticket("alice@example.com");
        let (other, _) = d.ticket("paula@example.com");
        let r = d.client.post(
            &path(dup, "replies"),
            Some(&dup_portal),
            &json!({"body": "Same problem as my other request."}),
        );
        assert_eq!(r.status, 200, "{}", r.json);
        let state = &d.app.state;
        let ann = agent_id(&d, "ann@desk.test");
        let c = &mut conn(state);
        let (dup_id, into_id) = (TicketId::new(dup), TicketId::new(into));
        let mails_before = outbox_of(&d, into).len();

        let refused = desk::merge(
            c,
            state.intake(),
            dup_id,
            TicketId::new(other),
            ann,
            state.now(),
        );
        assert!(
            matches!(refused, Err(desk::DeskError::NotSameCustomer(..))),
            "{refused:?}"
        );
        let itself = desk::merge(c, state.intake(), dup_id, dup_id, ann, state.now());
        assert!(
            matches!(itself, Err(desk::DeskError::MergeIntoItself(_))),
            "{itself:?}"
        );
        assert_eq!(
            ticket(&d, dup).state.as_str(),
            "queued",
            "refusals change nothing"
        );

        let t = desk::merge(c, state.intake(), dup_id, into_id, ann, state.now()).expect("merged");
        assert_eq!(t.id, into_id);
        let thread = store::tickets::messages(c, into_id, true).expect("messages");
        assert_eq!(thread.len(), 3, "both first messages and the reply");
        let left = store::tickets::messages(c, dup_id, true).expect("messages");
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].author.as_str(), "system");
        assert!(left[0].body.contains(&format!("#{into}")));
        let merged = ticket(&d, dup);
        assert_eq!(merged.state.as_str(), "closed");
        assert_eq!(merged.parent_id, Some(into_id));
        let seen = d
            .client
            .get(&format!("/api/v1/tickets/{dup}"), Some(&dup_portal));
        assert_eq!(seen.json["follows"], json!(into));
        let out = outbox_of(&d, into);
        assert_eq!(out.len(), mails_before + 1, "one mail");
        let notice = out.last().expect("notice");
        assert_eq!(notice.kind, "merge_notice");
        assert_eq!(notice.subject, format!("[#{into}] Invoices are blank"));
        assert!(notice.body_text.contains(&format!("#{dup}")));
        assert!(notice.body_text.contains(PORTAL_LINK));
        assert_queue_exact(&d);

        // A closed ticket can neither be merged again nor receive a merge.
        let again = desk::merge(c, state.intake(), dup_id, into_id, ann, state.now());
        assert!(
            matches!(again, Err(desk::DeskError::Transition(_))),
            "{again:?}"
        );
        let (third, _) = d.ticket("alice@example.com");
        let into_closed = desk::merge(
            c,
            state.intake(),
            TicketId::new(third),
            dup_id,
            ann,
            state.now(),
        );
        assert!(
            matches!(into_closed, Err(desk::DeskError::Transition(_))),
            "{into_closed:?}"
        );
        assert_eq!(ticket(&d, third).state.as_str(), "queued");
    });
}
