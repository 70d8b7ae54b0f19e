//! The API contract: every route with each kind of token, statuses and exact JSON keys.

use serde_json::json;

use crate::api_support::*;
use crate::helpers::*;

const TICKET_VIEW_KEYS: [&str; 19] = [
    "admin_url",
    "assignee",
    "created_at",
    "email",
    "follows",
    "lane",
    "lang",
    "messages",
    "name",
    "number",
    "order_ref",
    "platform_version",
    "position",
    "product",
    "queued_at",
    "state",
    "store_url",
    "subject",
    "version",
];

fn sorted(k: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = k.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn every_route_checks_token_then_scope_then_ticket() {
    each_backend(|db| {
        let d = desk(db);
        let (mine, my_portal) = d.ticket("alice@example.com");
        let (_other, other_portal) = d.ticket("paula@example.com");
        let (spare, _) = d.ticket("alice@example.com");
        let (duplicate, _) = d.ticket("alice@example.com");
        let act = |action: &str, n: i64| format!("/api/v1/tickets/{n}/{action}");
        let agent_only = [401, 401, 403, 403, 200, 403, 403];
        let agent_missing = [401, 401, 403, 403, 404, 403, 403];
        let bad = "0".repeat(64);
        // (kind, token)
        let kinds: Vec<(&str, Option<&str>)> = vec![
            ("none", None),
            ("bad", Some(bad.as_str())),
            ("intake", Some(d.intake.as_str())),
            ("purchases", Some(d.purchases.as_str())),
            ("agent", Some(d.agent.as_str())),
            ("portal", Some(my_portal.as_str())),
            ("other_portal", Some(other_portal.as_str())),
        ];
        let show = format!("/api/v1/tickets/{mine}");
        let replies = format!("/api/v1/tickets/{mine}/replies");
        let reply_body = json!({"body": "More details"}).to_string();
        let ticket = ticket_body("alice@example.com", "3.7.27").to_string();
        let purchase = json!({"order_ref": "N-1", "email": "new@example.com", "product": "shop", "purchased_at": "2026-11-01"}).to_string();
        let extension =
            json!({"extension_ref": "E-1", "months": 6, "bought_at": "2026-11-02"}).to_string();
        let release = json!({"version": "3.7.29"}).to_string();
        // (method, path, body, expected status per kind in the order above)
        let table: Vec<(&str, String, Option<String>, [u16; 7])> = vec![
            (
                "POST",
                "/api/v1/tickets".into(),
                Some(ticket),
                [401, 401, 201, 403, 403, 403, 403],
            ),
            (
                "GET",
                show.clone(),
                None,
                [401, 401, 403, 403, 200, 200, 404],
            ),
            (
                "GET",
                "/api/v1/tickets/999999".into(),
                None,
                [401, 401, 403, 403, 404, 404, 404],
            ),
            (
                "GET",
                "/api/v1/tickets/not-a-number".into(),
                None,
                [401, 401, 403, 403, 404, 404, 404],
            ),
            // An agent token answers the customer; the portal token then writes again.
            (
                "POST",
                replies,
                Some(reply_body),
                [401, 401, 403, 403, 200, 200, 404],
            ),
            (
                "POST",
                act("notes", mine),
                Some(json!({"body": "internal"}).to_string()),
                agent_only,
            ),
            (
                "POST",
                act("assign", mine),
                Some(json!({"agent": null}).to_string()),
                agent_only,
            ),
            ("POST", act("resolve", spare), None, agent_only),
            ("POST", act("reopen", spare), Some("{}".into()), agent_only),
            ("POST", act("close", spare), None, agent_only),
            ("POST", act("resolve", 999_999), None, agent_missing),
            (
                "POST",
                act("merge", duplicate),
                Some(json!({"into": mine}).to_string()),
                agent_only,
            ),
            (
                "POST",
                act("merge", 999_999),
                Some(json!({"into": mine}).to_string()),
                agent_missing,
            ),
            (
                "POST",
                act("notes", 999_999),
                Some(json!({"body": "x"}).to_string()),
                agent_missing,
            ),
            (
                "GET",
                "/api/v1/queue".into(),
                None,
                [401, 401, 403, 403, 200, 403, 403],
            ),
            (
                "POST",
                "/api/v1/purchases".into(),
                Some(purchase),
                [401, 401, 403, 201, 403, 403, 403],
            ),
            (
                "POST",
                "/api/v1/purchases/N-1/extensions".into(),
                Some(extension),
                [401, 401, 403, 201, 403, 403, 403],
            ),
            (
                "POST",
                "/api/v1/products/shop/releases".into(),
                Some(release),
                [401, 401, 403, 201, 403, 403, 403],
            ),
            (
                "POST",
                "/api/v1/queue/take".into(),
                None,
                [401, 401, 403, 403, 200, 403, 403],
            ),
        ];
        for (method, path, body, expected) in &table {
            for ((kind, token), want) in kinds.iter().zip(expected) {
                let r = d.client.send(method, path, *token, body.as_deref());
                assert_eq!(
                    r.status, *want,
                    "{method} {path} with {kind} token: {}",
                    r.json
                );
                match r.status {
                    401 => assert_eq!(error_code(&r), "unauthorized"),
                    403 => assert_eq!(error_code(&r), "forbidden"),
                    404 => assert_eq!(error_code(&r), "not_found"),
                    _ => {}
                }
            }
        }
        // Success bodies carry exactly the documented keys.
        let created = d.client.post(
            "/api/v1/tickets",
            Some(&d.intake),
            &ticket_body("alice@example.com", "3.7.28"),
        );
        assert_eq!(
            keys(&created.json),
            sorted(&["lane", "number", "portal_url", "position", "state"])
        );
        let viewed = d.client.get(&show, Some(&d.agent));
        assert_eq!(keys(&viewed.json), sorted(&TICKET_VIEW_KEYS));
        assert_eq!(
            keys(&viewed.json["messages"][0]),
            sorted(&["author", "body", "created_at", "internal"])
        );
        let queue = d.client.get("/api/v1/queue", Some(&d.agent));
        assert_eq!(keys(&queue.json), vec!["tickets"]);
        assert_eq!(
            keys(&queue.json["tickets"][0]),
            sorted(&[
                "assignee",
                "lane",
                "number",
                "position",
                "product",
                "queued_at",
                "state",
                "subject"
            ])
        );
        let p = d.client.post(
            "/api/v1/purchases",
            Some(&d.purchases),
            &json!({"order_ref": "N-1", "email": "new@example.com", "product": "shop", "purchased_at": "2026-11-01"}),
        );
        assert_eq!(p.status, 200, "same purchase again: {}", p.json);
        assert_eq!(
            keys(&p.json),
            sorted(&["order_ref", "product", "support_until", "tier"])
        );
        let x = d.client.post(
            "/api/v1/purchases/N-1/extensions",
            Some(&d.purchases),
            &json!({"extension_ref": "E-1", "months": 6, "bought_at": "2026-11-02"}),
        );
        assert_eq!(x.status, 200, "same extension again: {}", x.json);
        assert_eq!(keys(&x.json), sorted(&["extension_ref", "support_until"]));
        let rel = d.client.post(
            "/api/v1/products/shop/releases",
            Some(&d.purchases),
            &json!({"version": "3.7.29.0"}),
        );
        assert_eq!(rel.status, 200, "equal version already known: {}", rel.json);
        assert_eq!(
            keys(&rel.json),
            sorted(&["product", "released_at", "version"])
        );
    });
}

#[test]
fn error_codes_have_their_statuses_and_shape() {
    each_backend(|db| {
        let d = desk(db);
        let c = &d.client;
        let post_raw =
            |path: &str, token: &str, body: &str| c.send("POST", path, Some(token), Some(body));

        let r = post_raw("/api/v1/tickets", &d.intake, "{not json");
        assert_eq!((r.status, error_code(&r).as_str()), (400, "malformed_json"));
        let r = post_raw("/api/v1/tickets", &d.intake, "[1,2]");
        assert_eq!((r.status, error_code(&r).as_str()), (400, "malformed_json"));

        let r = c.post("/api/v1/tickets", Some(&d.intake), &json!({"email": " x ", "name": "", "subject": "s", "body": "   ", "version": 3, "store_url": "ftp://x"}));
        assert_eq!((r.status, error_code(&r).as_str()), (422, "invalid_fields"));
        assert_eq!(
            keys(&r.json["error"]["fields"]),
            vec!["body", "email", "name", "product", "store_url", "version"],
            "a wrong type is named with every other bad field: {}",
            r.json
        );
        assert_eq!(
            r.json["error"]["fields"]["version"],
            json!("integer `3`, expected a string")
        );

        let r = c.post("/api/v1/tickets", Some(&d.intake), &json!({"email": " x ", "name": "", "subject": "s", "body": "   ", "version": "1", "store_url": "ftp://x"}));
        assert_eq!((r.status, error_code(&r).as_str()), (422, "invalid_fields"));
        assert_eq!(
            keys(&r.json["error"]["fields"]),
            vec!["body", "email", "name", "product", "store_url"],
            "{}",
            r.json
        );

        let mut long = ticket_body("alice@example.com", "3.7.28");
        long["subject"] = json!("s".repeat(201));
        long["body"] = json!("b".repeat(50_001));
        let r = c.post("/api/v1/tickets", Some(&d.intake), &long);
        assert_eq!(
            keys(&r.json["error"]["fields"]),
            vec!["body", "subject"],
            "{}",
            r.json
        );
        long["subject"] = json!("s".repeat(200));
        long["body"] = json!("b".repeat(50_000));
        assert_eq!(
            c.post("/api/v1/tickets", Some(&d.intake), &long).status,
            201,
            "limits are inclusive"
        );

        let huge = format!("{{\"body\": \"{}\"}}", "x".repeat(300_000));
        let r = post_raw("/api/v1/tickets", &d.intake, &huge);
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (413, "payload_too_large")
        );

        let r = c.post(
            "/api/v1/tickets",
            Some(&d.intake),
            &ticket_body("Alice@Example.COM ", "3.x"),
        );
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (422, "invalid_version")
        );

        for (email, version, code) in [
            ("nobody@example.com", "3.7.28", "no_purchase"),
            ("old@example.com", "3.7.28", "support_expired"),
            ("alice@example.com", "3.7.25", "version_too_old"),
            ("alice@example.com", "3.7.29", "unknown_version"),
        ] {
            let r = c.post(
                "/api/v1/tickets",
                Some(&d.intake),
                &ticket_body(email, version),
            );
            assert_eq!(
                (r.status, error_code(&r)),
                (422, code.to_string()),
                "{}",
                r.json
            );
        }
        let mut ghost = ticket_body("alice@example.com", "3.7.28");
        ghost["product"] = json!("ghost");
        let r = c.post("/api/v1/tickets", Some(&d.intake), &ghost);
        assert_eq!(error_code(&r), "product_not_purchased");

        let mut fr = ticket_body("alice@example.com", "3.7.25");
        fr["lang"] = json!("fr");
        let r = c.post("/api/v1/tickets", Some(&d.intake), &fr);
        let msg = r.json["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        // Words of each language that the other's message lacks: "version" and the version
        // number are in both, so they cannot tell French from English.
        assert!(
            msg.contains("3.7.28")
                && msg.contains("dernière version")
                && msg.contains("prise en charge")
                && !msg.contains("supported")
                && !msg.contains("update"),
            "French message names the version to update to: {msg}"
        );
        let r = c.send(
            "POST",
            "/api/v1/tickets",
            Some(&d.intake),
            Some(&ticket_body("alice@example.com", "3.7.25").to_string()),
        );
        let en = r.json["error"]["message"].as_str().unwrap_or_default();
        assert!(
            en.contains("3.7.28")
                && en.contains("latest version")
                && en.contains("no longer supported")
                && !en.contains("dernière")
                && !en.contains("prise en charge"),
            "English by default: {en}"
        );

        let r = c.post("/api/v1/purchases", Some(&d.purchases), &json!({"order_ref": "X", "email": "x@example.com", "product": "ghost", "purchased_at": "2026-01-01"}));
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (422, "unknown_product")
        );
        let r = c.post("/api/v1/purchases", Some(&d.purchases), &json!({"order_ref": "X", "email": "x@example.com", "product": "shop", "purchased_at": "01/01/2026"}));
        assert_eq!(keys(&r.json["error"]["fields"]), vec!["purchased_at"]);
        let r = c.post(
            "/api/v1/purchases/NOPE/extensions",
            Some(&d.purchases),
            &json!({"extension_ref": "E-9", "months": 1}),
        );
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (404, "unknown_purchase")
        );
        c.post(
            "/api/v1/purchases/O-1/extensions",
            Some(&d.purchases),
            &json!({"extension_ref": "E-2", "months": 1, "bought_at": "2026-11-01"}),
        );
        let r = c.post(
            "/api/v1/purchases/O-1/extensions",
            Some(&d.purchases),
            &json!({"extension_ref": "E-2", "months": 2, "bought_at": "2026-11-01"}),
        );
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (409, "extension_conflict")
        );
        let r = c.post(
            "/api/v1/products/ghost/releases",
            Some(&d.purchases),
            &json!({"version": "1.0"}),
        );
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (404, "unknown_product")
        );
        let r = c.post(
            "/api/v1/products/shop/releases",
            Some(&d.purchases),
            &json!({"version": "one"}),
        );
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (422, "invalid_version")
        );
        let r = c.get("/api/v1/queue?limit=501", Some(&d.agent));
        assert_eq!(keys(&r.json["error"]["fields"]), vec!["limit"]);
        let r = c.get("/api/v1/queue?limit=0", Some(&d.agent));
        assert_eq!(r.status, 422);
        let r = c.get("/api/v1/tickets", Some(&d.intake));
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (405, "method_not_allowed")
        );
        let r = c.send("POST", "/api/v1/nowhere", Some(&d.intake), Some("{}"));
        assert_eq!((r.status, error_code(&r).as_str()), (404, "not_found"));
    });
}

#[test]
fn purchases_keep_only_what_eligibility_needs() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    let r = d.client.post(
        "/api/v1/purchases",
        Some(&d.purchases),
        &json!({
            "order_ref": "W-77", "email": " Zoe@Example.com", "product": "shop",
            "purchased_at": "2026-01-31T23:30:00Z", "tier": "priority",
            "billing_address": "1 rue de la Paix", "phone": "+33 6 00 00 00 00", "customer_ip": "203.0.113.9"
        }),
    );
    assert_eq!(r.status, 201, "{}", r.json);
    assert_eq!(
        r.json["support_until"],
        json!("2026-03-03"),
        "Feb 1 in Paris + 30 days"
    );
    assert_eq!(r.json["tier"], json!("priority"));
    let dump = std::fs::read(db.data_dir().join("guichet.db")).expect("db file");
    let wal = std::fs::read(db.data_dir().join("guichet.db-wal")).unwrap_or_default();
    for needle in ["rue de la Paix", "+33 6", "203.0.113.9"] {
        let found = [&dump, &wal]
            .iter()
            .any(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()));
        assert!(!found, "{needle} was stored");
    }
}
