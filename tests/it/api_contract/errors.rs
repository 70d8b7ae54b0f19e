//! The error side of the contract: each error code with its status and shape (`error.code`,
//! `error.message` in the ticket's language, `error.fields` naming every bad field at once).

use serde_json::json;

use crate::api_support::*;
use crate::helpers::*;

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
