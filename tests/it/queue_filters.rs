//! The queue page's state and product filters, alone and together, on both databases (the lane
//! and "mine" filters are in dashboard.rs); a hand-typed unknown value shows the whole queue.

use guichet::domain::eligibility::Tier;

use crate::api_support::*;
use crate::dashboard::signed_in;
use crate::helpers::*;
use crate::page_client::csrf_of;

/// The numbers of the queue page's rows, in order.
fn numbers(body: &str) -> Vec<i64> {
    body.split("href=\"/agent/tickets/")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

#[test]
fn the_queue_filters_by_state_and_by_product() {
    each_backend(|db| {
        let d = desk(db);
        {
            let c = &mut conn(&d.app.state);
            seed_product(c, "blog");
            seed_purchase(c, "B-1", "bob@example.com", "blog", 5, Tier::Standard);
        }
        let (shop, _) = d.ticket("alice@example.com");
        let mut body = ticket_body("bob@example.com", "3.7.28");
        body["product"] = "blog".into();
        let r = d.client.post("/api/v1/tickets", Some(&d.intake), &body);
        assert_eq!(r.status, 201, "{}", r.json);
        let blog = r.json["number"].as_i64().expect("number");
        let mut b = signed_in(&d, "zoe@desk.test");
        let q = b.get("/agent");
        assert_eq!(numbers(&q.body), vec![shop, blog]);
        // The head (the shop ticket) is taken: assigned, the other still queued.
        let r = b.post("/agent/take", &[("csrf", csrf_of(&q.body))]);
        assert_eq!(r.header("location"), format!("/agent/tickets/{shop}"));
        for (query, want) in [
            ("state=assigned", vec![shop]),
            ("state=queued", vec![blog]),
            ("product=blog", vec![blog]),
            ("product=shop", vec![shop]),
            ("product=shop&state=assigned", vec![shop]),
            ("product=blog&state=assigned", vec![]),
            ("state=closed", vec![shop, blog]),
            ("state=bogus&product=nope", vec![shop, blog]),
        ] {
            let page = b.get(&format!("/agent?{query}"));
            assert_eq!(page.status, 200, "{query}: {}", page.body);
            assert_eq!(numbers(&page.body), want, "{query}");
        }
        // The filter chosen stays selected in its list.
        let page = b.get("/agent?product=blog");
        assert!(
            page.body.contains(r#"<option value="blog" selected>"#),
            "{}",
            page.body
        );
    });
}
