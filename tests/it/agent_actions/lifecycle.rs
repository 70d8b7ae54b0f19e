//! Moving a ticket through its states through the API (resolve, close, reopen), each refusal
//! of the lifecycle a 409 that changes nothing and mails nobody; only agent tokens may act, a
//! missing ticket is 404 and a bad body names its field.

use super::*;

/// Asserts a 409 `invalid_transition` that left the ticket as it was.
fn assert_refused(d: &Desk, n: i64, action: &str, body: Option<&str>) {
    let show = format!("/api/v1/tickets/{n}");
    let before = d.client.get(&show, Some(&d.agent)).json;
    let mails = outbox_of(d, n).len();
    let r = d
        .client
        .send("POST", &path(n, action), Some(&d.agent), body);
    assert_eq!(r.status, 409, "{action}: {}", r.json);
    assert_eq!(error_code(&r), "invalid_transition");
    assert!(
        r.json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains(before["state"].as_str().unwrap_or("?"))),
        "{}",
        r.json
    );
    assert_eq!(d.client.get(&show, Some(&d.agent)).json, before, "{action}");
    assert_eq!(outbox_of(d, n).len(), mails, "{action} mailed nothing");
}

#[test]
fn resolve_close_and_reopen_follow_the_lifecycle() {
    each_backend(|db| {
        let d = desk(db);
        let (n, _) = d.ticket("alice@example.com");
        let (later, _) = d.ticket("alice@example.com");
        let taken = d
            .client
            .send("POST", "/api/v1/queue/take", Some(&d.agent), None);
        assert_eq!(taken.json["number"], json!(n));

        let r = d
            .client
            .send("POST", &path(n, "resolve"), Some(&d.agent), None);
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["state"], json!("resolved"));
        assert_eq!(r.json["position"], Value::Null);
        assert!(ticket(&d, n).resolved_at.is_some());
        assert_refused(&d, n, "resolve", None);
        assert_queue_exact(&d);

        let r = d
            .client
            .send("POST", &path(n, "reopen"), Some(&d.agent), Some("{}"));
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["state"], json!("queued"));
        assert_eq!(r.json["assignee"], Value::Null, "any agent can take it");
        assert_eq!(
            r.json["position"],
            json!(2),
            "behind the ticket queued after it"
        );
        let t = ticket(&d, n);
        assert!(t.queue_seq > ticket(&d, later).queue_seq);
        assert_eq!(t.resolved_at, None);
        assert_refused(&d, n, "reopen", None);
        assert_queue_exact(&d);

        let r = d
            .client
            .send("POST", &path(n, "close"), Some(&d.agent), None);
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["state"], json!("closed"));
        assert_queue_exact(&d);
        for action in ["close", "resolve", "reopen"] {
            assert_refused(&d, n, action, None);
        }
        assert_refused(&d, n, "replies", Some(r#"{"body":"too late"}"#));
        assert_refused(&d, n, "assign", Some(r#"{"agent":"ann@desk.test"}"#));
        assert_queue_exact(&d);
    });
}

#[test]
fn only_agent_tokens_act_and_a_missing_ticket_is_404() {
    each_backend(|db| {
        let d = desk(db);
        let (n, portal) = d.ticket("alice@example.com");
        let routes = [
            ("notes", r#"{"body":"x"}"#),
            ("resolve", ""),
            ("close", "{}"),
            ("reopen", ""),
            ("assign", r#"{"agent":null}"#),
        ];
        for (action, body) in routes {
            for token in [&d.intake, &d.purchases, &portal] {
                let r = d
                    .client
                    .send("POST", &path(n, action), Some(token), Some(body));
                assert_eq!(r.status, 403, "{action}: {}", r.json);
                assert_eq!(error_code(&r), "forbidden");
                // Even for a ticket that does not exist.
                let r = d
                    .client
                    .send("POST", &path(999_999, action), Some(token), Some(body));
                assert_eq!(r.status, 403, "{action}: {}", r.json);
            }
            let r = d.client.send("POST", &path(n, action), None, Some(body));
            assert_eq!(r.status, 401, "{action}");
            for missing in [999_999_i64, 0] {
                let r = d
                    .client
                    .send("POST", &path(missing, action), Some(&d.agent), Some(body));
                assert_eq!(r.status, 404, "{action} {missing}: {}", r.json);
                assert_eq!(error_code(&r), "not_found");
            }
        }
        let r = d.client.send(
            "POST",
            "/api/v1/tickets/abc/notes",
            Some(&d.agent),
            Some(r#"{"body":"x"}"#),
        );
        assert_eq!(r.status, 404);
        assert_eq!(ticket(&d, n).state.as_str(), "queued", "nothing acted");
    });
}

#[test]
fn bad_bodies_are_4xx_naming_the_field() {
    each_backend(|db| {
        let d = desk_with(db, &[("max_body_bytes", "70000")]);
        let (n, _) = d.ticket("alice@example.com");
        let long = "a".repeat(50_001);
        let text_cases: Vec<(String, &str)> = vec![
            ("{}".into(), "body"),
            (r#"{"body":""}"#.into(), "body"),
            (r#"{"body":"   \n "}"#.into(), "body"),
            (r#"{"body":42}"#.into(), "body"),
            (r#"{"body":"nul \u0000 here"}"#.into(), "body"),
            (r#"{"body":"bell \u0007"}"#.into(), "body"),
            (json!({ "body": long }).to_string(), "body"),
            (r#"{"body":"ok","resolve":"yes"}"#.into(), "resolve"),
        ];
        for action in ["notes", "replies"] {
            for (body, field) in &text_cases {
                if action == "notes" && *field == "resolve" {
                    continue;
                }
                let r = d
                    .client
                    .send("POST", &path(n, action), Some(&d.agent), Some(body));
                assert_eq!(r.status, 422, "{action} {body:.40}: {}", r.json);
                assert_eq!(error_code(&r), "invalid_fields");
                assert!(r.json["error"]["fields"][field].is_string(), "{}", r.json);
            }
        }
        let assign_cases = [
            (r#"{}"#, 422),
            (r#"{"agent":"not an email"}"#, 422),
            (r#"{"agent":"ann@desk.test\nx"}"#, 422),
            (r#"{"agent":7}"#, 422),
            (r#"{"agent":"ghost@desk.test"}"#, 422),
        ];
        for (body, status) in assign_cases {
            let r = d
                .client
                .send("POST", &path(n, "assign"), Some(&d.agent), Some(body));
            assert_eq!(r.status, status, "assign {body}: {}", r.json);
            assert!(r.json["error"]["fields"]["agent"].is_string(), "{}", r.json);
        }
        for action in ["notes", "resolve", "close", "reopen", "assign", "replies"] {
            for body in ["not json", "[1]", "\"x\""] {
                let r = d
                    .client
                    .send("POST", &path(n, action), Some(&d.agent), Some(body));
                assert_eq!(r.status, 400, "{action} {body}: {}", r.json);
                assert_eq!(error_code(&r), "malformed_json");
            }
            let huge = json!({ "body": "b".repeat(80_000) }).to_string();
            let r = d
                .client
                .send("POST", &path(n, action), Some(&d.agent), Some(&huge));
            assert_eq!(r.status, 413, "{action}: {}", r.json);
        }
        // Bad bodies come before the ticket: a missing ticket with a bad body is 422.
        let r = d
            .client
            .send("POST", &path(999_999, "notes"), Some(&d.agent), Some("{}"));
        assert_eq!(r.status, 422, "{}", r.json);
        let t = ticket(&d, n);
        assert_eq!(t.state.as_str(), "queued");
        let c = &mut conn(&d.app.state);
        let msgs = store::tickets::messages(c, TicketId::new(n), true).expect("messages");
        assert_eq!(msgs.len(), 1, "nothing was stored");
    });
}
