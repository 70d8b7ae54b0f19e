//! Input at the edge of the API: control characters, line breaks in one-line fields, every bad
//! field named in one answer, and actix's own extractor errors in the JSON shape. On both
//! databases: PostgreSQL refuses a NUL byte with a 500 when one gets through.

use serde_json::{Value, json};

use crate::api_support::*;
use crate::helpers::*;

fn fields(r: &Reply) -> Vec<String> {
    keys(&r.json["error"]["fields"])
}

#[test]
fn control_characters_are_refused_in_every_text_field() {
    each_backend(|db| {
        let d = desk(db);
        for field in [
            "email",
            "name",
            "product",
            "version",
            "subject",
            "body",
            "store_url",
            "admin_url",
            "order_ref",
        ] {
            let mut body = ticket_body("alice@example.com", "3.7.28");
            body["order_ref"] = json!("O-1");
            body["admin_url"] = json!("https://shop.example.com/wp-admin");
            let value = body[field].as_str().expect("text").to_string();
            body[field] = json!(format!("{value}\u{0}x"));
            let r = d.client.post("/api/v1/tickets", Some(&d.intake), &body);
            assert_eq!(r.status, 422, "{field}: {}", r.json);
            assert_eq!(error_code(&r), "invalid_fields", "{field}");
            assert_eq!(fields(&r), vec![field.to_string()], "{field}: {}", r.json);
        }
        let (number, portal) = d.ticket("alice@example.com");
        let r = d.client.post(
            &format!("/api/v1/tickets/{number}/replies"),
            Some(&portal),
            &json!({"body": "more\u{0}"}),
        );
        assert_eq!(r.status, 422, "{}", r.json);
        assert_eq!(fields(&r), vec!["body"]);

        let purchase = json!({
            "order_ref": "W-1\u{0}", "email": "x@example.com\u{7}", "product": "shop\u{0}",
            "purchased_at": "2026-01-01\u{0}", "tier": "standard\u{0}"
        });
        let r = d
            .client
            .post("/api/v1/purchases", Some(&d.purchases), &purchase);
        assert_eq!(r.status, 422, "{}", r.json);
        assert_eq!(
            fields(&r),
            vec!["email", "order_ref", "product", "purchased_at", "tier"]
        );
        let r = d.client.post(
            "/api/v1/purchases/ORD%00X/extensions",
            Some(&d.purchases),
            &json!({"extension_ref": "E-1", "months": 1}),
        );
        assert_eq!(r.status, 422, "{}", r.json);
        assert_eq!(fields(&r), vec!["order_ref"]);
        let r = d.client.post(
            "/api/v1/purchases/O-1/extensions",
            Some(&d.purchases),
            &json!({"extension_ref": "E\u{0}", "months": 1, "product": "shop\u{0}"}),
        );
        assert_eq!(fields(&r), vec!["extension_ref", "product"], "{}", r.json);
        let r = d.client.post(
            "/api/v1/products/sh%00op/releases",
            Some(&d.purchases),
            &json!({"version": "3.8.0"}),
        );
        assert_eq!(r.status, 422, "{}", r.json);
        assert_eq!(fields(&r), vec!["slug"]);
    });
}

#[test]
fn bodies_keep_newlines_and_tabs_and_read_crlf_as_lf() {
    each_backend(|db| {
        let d = desk(db);
        let mut body = ticket_body("alice@example.com", "3.7.28");
        body["body"] = json!("Steps:\r\n\t1. open\r\n\t2. print");
        let r = d.client.post("/api/v1/tickets", Some(&d.intake), &body);
        assert_eq!(r.status, 201, "{}", r.json);
        let number = r.json["number"].as_i64().expect("number");
        let t = d
            .client
            .get(&format!("/api/v1/tickets/{number}"), Some(&d.agent));
        assert_eq!(
            t.json["messages"][0]["body"],
            json!("Steps:\n\t1. open\n\t2. print")
        );
    });
}

#[test]
fn one_line_fields_refuse_line_breaks() {
    each_backend(|db| {
        let d = desk(db);
        for field in ["subject", "name"] {
            let mut body = ticket_body("alice@example.com", "3.7.28");
            body[field] = json!("Help\r\nBcc: evil@attacker.test");
            let r = d.client.post("/api/v1/tickets", Some(&d.intake), &body);
            assert_eq!(r.status, 422, "{}", r.json);
            assert_eq!(fields(&r), vec![field.to_string()]);
            assert_eq!(
                r.json["error"]["fields"][field],
                json!("must be on one line")
            );
        }
        let c = &mut conn(&d.app.state);
        assert_eq!(guichet::store::tickets::count(c).expect("count"), 0);
    });
}

#[test]
fn every_bad_field_is_named_in_one_answer() {
    each_backend(|db| {
        let d = desk(db);
        let r = d.client.post(
            "/api/v1/purchases",
            Some(&d.purchases),
            &json!({"order_ref": 5, "email": "a@example.com", "product": "shop",
                    "purchased_at": "yesterday", "tier": "gold"}),
        );
        assert_eq!(r.status, 422, "{}", r.json);
        assert_eq!(fields(&r), vec!["order_ref", "purchased_at", "tier"]);

        let mut body = ticket_body("not-an-email", "abc");
        body["name"] = json!("");
        body["store_url"] = json!(12);
        let r = d.client.post("/api/v1/tickets", Some(&d.intake), &body);
        assert_eq!(r.status, 422, "{}", r.json);
        assert_eq!(error_code(&r), "invalid_fields");
        assert_eq!(fields(&r), vec!["email", "name", "store_url", "version"]);

        // A bad version alone keeps its own code.
        let r = d.client.post(
            "/api/v1/tickets",
            Some(&d.intake),
            &ticket_body("alice@example.com", "abc"),
        );
        assert_eq!(error_code(&r), "invalid_version", "{}", r.json);

        let r = d.client.post(
            "/api/v1/products/shop/releases",
            Some(&d.purchases),
            &json!({"version": "x.y", "released_at": "soon"}),
        );
        assert_eq!(fields(&r), vec!["released_at", "version"], "{}", r.json);
        let r = d.client.post(
            "/api/v1/purchases",
            Some(&d.purchases),
            &json!({"order_ref": "W-9", "email": "a@example.com", "product": "shop",
                    "purchased_at": ""}),
        );
        assert_eq!(fields(&r), vec!["purchased_at"], "{}", r.json);
    });
}

#[test]
fn extractor_errors_answer_in_the_json_shape() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    let r = d
        .client
        .get("/api/v1/queue?after=1&after=2", Some(&d.agent));
    assert_eq!(r.status, 422, "{:?}", r);
    assert_eq!(error_code(&r), "invalid_fields");
    assert_eq!(fields(&r), vec!["after"]);
    assert_ne!(r.json, Value::Null);
    // An empty `after` is not a ticket number either (the document says integer ≥ 1).
    let r = d.client.get("/api/v1/queue?after=", Some(&d.agent));
    assert_eq!(r.status, 422, "{:?}", r);
    assert_eq!(fields(&r), vec!["after"]);
}

#[test]
fn a_ticket_shows_what_agents_and_customers_need() {
    each_backend(|db| {
        let d = desk(db);
        let mut body = ticket_body("alice@example.com", "3.7.28");
        body["order_ref"] = json!("O-1");
        body["admin_url"] = json!("https://shop.example.com/wp-admin");
        body["lang"] = json!("fr");
        let r = d.client.post("/api/v1/tickets", Some(&d.intake), &body);
        assert_eq!(r.status, 201, "{}", r.json);
        let number = r.json["number"].as_i64().expect("number");
        let portal = r.json["portal_url"]
            .as_str()
            .and_then(|u| u.rsplit('/').next())
            .expect("token")
            .to_string();
        let taken = d
            .client
            .post("/api/v1/queue/take", Some(&d.agent), &json!({}));
        assert_eq!(taken.status, 200, "{}", taken.json);

        let agent = d
            .client
            .get(&format!("/api/v1/tickets/{number}"), Some(&d.agent));
        let v = &agent.json;
        assert_eq!(v["subject"], json!("Invoices are blank"));
        assert_eq!(v["name"], json!("Alice Martin"));
        assert_eq!(v["order_ref"], json!("O-1"));
        assert_eq!(v["store_url"], json!("https://shop.example.com"));
        assert_eq!(v["admin_url"], json!("https://shop.example.com/wp-admin"));
        assert_eq!(v["lang"], json!("fr"));
        assert_eq!(v["product"], json!("shop"));
        assert_eq!(v["assignee"], json!("ann@desk.test"));
        assert_eq!(v["state"], json!("assigned"));
        assert_eq!(v["follows"], Value::Null);

        let own = d
            .client
            .get(&format!("/api/v1/tickets/{number}"), Some(&portal));
        assert_eq!(own.json["subject"], json!("Invoices are blank"));
        assert_eq!(own.json["order_ref"], json!("O-1"));
        assert_eq!(
            own.json["assignee"],
            Value::Null,
            "the customer is not told who holds the ticket"
        );

        d.ticket("paula@example.com");
        let q = d.client.get("/api/v1/queue", Some(&d.agent));
        let entries = q.json["tickets"].as_array().expect("entries");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1]["subject"], json!("Invoices are blank"));
        assert_eq!(entries[1]["product"], json!("shop"));
    });
}
