//! Who may call what: every route with each kind of token (none, bad, intake, purchases,
//! agent, the ticket's portal token, another ticket's), in one table of expected statuses,
//! then the exact JSON keys of each success body. One test, because the key checks read what
//! the table's calls created.

use serde_json::json;

use super::{TICKET_VIEW_KEYS, sorted};
use crate::api_support::*;
use crate::helpers::*;

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
