//! The queue page, as a browser without JavaScript uses it: both lanes in order, take-next
//! claiming the head, keyset pages following on with exact positions.

use super::*;

/// The numbers of the queue page's rows, in order.
fn numbers(body: &str) -> Vec<i64> {
    body.split("href=\"/agent/tickets/")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

#[test]
fn the_queue_shows_both_lanes_in_order_and_take_next_claims_the_head() {
    each_backend(|db| {
        let d = desk(db);
        let (a1, _) = d.ticket("alice@example.com");
        let (p1, _) = d.ticket("paula@example.com");
        let mut b = signed_in(&d, "zoe@desk.test");
        let q = b.get("/agent");
        assert_eq!(q.status, 200);
        assert_eq!(numbers(&q.body), vec![p1, a1], "priority lane first");
        assert!(q.body.contains("1 priority, 1 standard"), "{}", q.body);
        assert!(q.body.contains("Invoices are blank"));
        assert!(q.body.contains("alice@example.com"));
        assert!(
            q.body.contains(" left") || q.body.contains("overdue by"),
            "the response target"
        );
        let r = b.post("/agent/take", &[("csrf", csrf_of(&q.body))]);
        assert_eq!(
            (r.status, r.header("location")),
            (303, format!("/agent/tickets/{p1}").as_str())
        );
        let t = b.get(&format!("/agent/tickets/{p1}"));
        assert_eq!(t.status, 200, "{}", t.body);
        assert!(t.body.contains("zoe@desk.test"), "assigned to the agent");
        // Filters: the agent's own tickets, or one lane.
        let mine = b.get("/agent?mine=1");
        assert_eq!(numbers(&mine.body), vec![p1]);
        let standard = b.get("/agent?lane=standard");
        assert_eq!(numbers(&standard.body), vec![a1]);
        // Take next again, then once more on an empty unassigned queue.
        let q = b.get("/agent");
        b.post("/agent/take", &[("csrf", csrf_of(&q.body))]);
        let r = b.post("/agent/take", &[("csrf", csrf_of(&q.body))]);
        assert_eq!((r.status, r.header("location")), (303, "/agent?empty=1"));
        assert!(
            b.get("/agent?empty=1")
                .body
                .contains("No unassigned ticket is waiting.")
        );
    });
}

#[test]
fn queue_pages_follow_on_with_exact_positions() {
    each_backend(|db| {
        let d = desk(db);
        let made: Vec<i64> = (0..57).map(|_| d.ticket("alice@example.com").0).collect();
        let mut b = signed_in(&d, "zoe@desk.test");
        let first = b.get("/agent");
        assert_eq!(numbers(&first.body), made[..50].to_vec());
        let next = first
            .body
            .split("href=\"")
            .find(|s| s.starts_with("/agent?after="))
            .and_then(|s| s.split('"').next())
            .expect("a next-page link")
            .replace("&amp;", "&");
        let second = b.get(&next);
        assert_eq!(numbers(&second.body), made[50..].to_vec());
        assert!(
            second.body.contains("<td>51</td>"),
            "positions go on from the first page"
        );
        assert!(!second.body.contains("rel=\"next\""));
    });
}
