//! What an agent does to a ticket, through the API and `guichet::desk`, on both databases:
//! replies (mailed, threaded, optionally resolving), internal notes, resolve, close, reopen,
//! assign, with the lifecycle's refusals changing nothing and the queue counters staying exact.

use serde_json::{Value, json};

use guichet::desk;
use guichet::domain::channel::Channel;
use guichet::domain::email::EmailAddress;
use guichet::domain::ids::TicketId;
use guichet::domain::version::Version;
use guichet::i18n::Lang;
use guichet::inbound::{self, Outcome};
use guichet::intake::{self, TicketRequest};
use guichet::mail::outbound::PORTAL_LINK;
use guichet::store::{self, credentials::CredentialStatus};
use guichet::vault::SiteCredentials;

use crate::api_support::*;
use crate::helpers::*;
use crate::mail_ingest::mail;

pub(crate) fn path(n: i64, action: &str) -> String {
    format!("/api/v1/tickets/{n}/{action}")
}

pub(crate) fn agent_reply(d: &Desk, n: i64, body: Value) -> Reply {
    d.client.post(&path(n, "replies"), Some(&d.agent), &body)
}

pub(crate) fn outbox_of(d: &Desk, n: i64) -> Vec<store::outbox::OutboxRow> {
    store::outbox::for_ticket(&mut conn(&d.app.state), TicketId::new(n)).expect("outbox")
}

pub(crate) fn ticket(d: &Desk, n: i64) -> store::models::Ticket {
    store::tickets::get(&mut conn(&d.app.state), TicketId::new(n))
        .expect("get")
        .expect("ticket")
}

pub(crate) fn agent_id(d: &Desk, email: &str) -> i64 {
    let email = EmailAddress::parse(email).expect("email");
    store::agents::find_by_email(&mut conn(&d.app.state), &email)
        .expect("lookup")
        .expect("agent")
        .id
}

/// Every queue entry's position and both lane lengths agree with counting.
pub(crate) fn assert_queue_exact(d: &Desk) {
    let c = &mut conn(&d.app.state);
    assert_eq!(
        store::queue::lengths(c).expect("lengths"),
        store::queue::lengths_by_counting(c).expect("counted"),
        "lane counters"
    );
    for (t, pos) in store::queue::page(c, 500, None).expect("page") {
        let counted = store::queue::position_by_counting(c, &t).expect("count");
        assert_eq!(Some(pos), counted, "ticket {}", t.id);
        assert_eq!(store::queue::position(c, &t).expect("pos"), counted);
    }
}

#[test]
fn an_agent_reply_is_mailed_in_the_tickets_language_and_waits_for_the_customer() {
    each_backend(|db| {
        let d = desk(db);
        let mut body = ticket_body("alice@example.com", "3.7.28");
        body["lang"] = json!("fr");
        let created = d.client.post("/api/v1/tickets", Some(&d.intake), &body);
        assert_eq!(created.status, 201, "{}", created.json);
        let n = created.json["number"].as_i64().expect("number");
        let before = outbox_of(&d, n).len();

        let r = agent_reply(&d, n, json!({"body": "Please update to 3.7.28.\r\nThanks"}));
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["state"], json!("waiting_customer"));
        assert_eq!(r.json["position"], Value::Null);
        assert_eq!(
            r.json["assignee"],
            json!("ann@desk.test"),
            "the replier holds it"
        );
        let last = &r.json["messages"][1];
        assert_eq!(last["author"], json!("agent"));
        assert_eq!(last["internal"], json!(false));
        assert_eq!(last["body"], json!("Please update to 3.7.28.\nThanks"));

        let out = outbox_of(&d, n);
        assert_eq!(out.len(), before + 1, "exactly one mail");
        let m = out.iter().find(|m| m.kind == "agent_reply").expect("reply");
        assert_eq!(m.lang, Lang::Fr);
        assert_eq!(m.to_addr, "alice@example.com");
        assert_eq!(m.subject, format!("Re: [#{n}] Invoices are blank"));
        assert!(!m.auto_submitted);
        assert!(m.body_text.starts_with("Please update to 3.7.28.\nThanks"));
        assert!(m.body_text.contains(PORTAL_LINK), "{}", m.body_text);
        assert!(m.body_text.contains("répondez"), "French footer");
        assert_eq!(m.in_reply_to, None, "an API ticket has no mail to answer");
        let state = &d.app.state;
        assert_eq!(
            guichet::mail::ids::ticket_of(&state.keys, &m.message_id),
            Some(TicketId::new(n)),
            "our own HMAC'd id"
        );

        let t = ticket(&d, n);
        assert!(t.first_response_at.is_some());
        assert_eq!(t.last_agent_reply_at, t.first_response_at);
        assert_eq!(t.awaiting_since, None);
        // A second reply keeps the first response time.
        let again = agent_reply(&d, n, json!({"body": "One more thing."}));
        assert_eq!(again.status, 200, "{}", again.json);
        let t2 = ticket(&d, n);
        assert_eq!(t2.first_response_at, t.first_response_at);
        assert!(t2.last_agent_reply_at >= t.last_agent_reply_at);
        assert_queue_exact(&d);
    });
}

#[test]
fn a_reply_to_a_mailed_ticket_answers_the_customers_last_mail() {
    each_backend(|db| {
        let d = desk(db);
        let state = &d.app.state;
        let first = mail(
            "alice@example.com",
            "Invoices blank on version 3.7.28",
            "<first@alice.example>",
            "",
            "Every invoice is blank.",
        );
        let c = &mut conn(state);
        let outcome =
            inbound::receive(c, state.intake(), first.as_bytes(), state.now()).expect("stored");
        let Outcome::Created(n) = outcome else {
            panic!("not created: {outcome}");
        };
        let follow = mail(
            "alice@example.com",
            &format!("Re: [#{n}] Invoices blank on version 3.7.28"),
            "<second@alice.example>",
            "",
            "Also the totals.",
        );
        let outcome =
            inbound::receive(c, state.intake(), follow.as_bytes(), state.now()).expect("stored");
        assert_eq!(outcome, Outcome::Reply(n));
        let ann = agent_id(&d, "ann@desk.test");
        let t = desk::reply(
            c,
            state.intake(),
            n,
            ann,
            "Fixed in 3.7.29.",
            false,
            state.now(),
        )
        .expect("reply");
        assert_eq!(t.state.as_str(), "waiting_customer");
        let out = outbox_of(&d, n.get());
        let replies: Vec<_> = out.iter().filter(|m| m.kind == "agent_reply").collect();
        assert_eq!(replies.len(), 1);
        assert_eq!(
            replies[0].in_reply_to.as_deref(),
            Some("second@alice.example")
        );
        assert_eq!(replies[0].lang, Lang::En);
    });
}

fn request_with_credentials() -> TicketRequest {
    TicketRequest {
        email: EmailAddress::parse("alice@example.com").expect("email"),
        name: "Alice".into(),
        product: "shop".into(),
        version: Version::parse("3.7.28").expect("version"),
        subject: "Blank invoices".into(),
        body: "Blank.".into(),
        store_url: None,
        admin_url: None,
        platform_version: None,
        order_ref: None,
        lang: Lang::En,
        channel: Channel::Web,
        parent_id: None,
        credentials: Some(SiteCredentials {
            admin_login: Some("admin".into()),
            admin_password: Some("secret".into()),
            ftp_host: None,
            ftp_user: None,
            ftp_password: None,
        }),
        attachments: Vec::new(),
    }
}

#[test]
fn a_resolving_reply_resolves_and_deletes_the_credentials() {
    each_backend(|db| {
        let d = desk(db);
        let state = &d.app.state;
        let c = &mut conn(state);
        let n = intake::submit(c, state.intake(), &request_with_credentials(), state.now())
            .expect("created")
            .ticket
            .id;
        assert_eq!(
            store::credentials::status(c, n).expect("status"),
            CredentialStatus::Kept
        );
        let r = agent_reply(
            &d,
            n.get(),
            json!({"body": "This is out of scope, sorry.", "resolve": true}),
        );
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["state"], json!("resolved"));
        let t = ticket(&d, n.get());
        assert!(t.resolved_at.is_some() && t.first_response_at.is_some());
        assert_eq!(
            store::credentials::status(c, n).expect("status"),
            CredentialStatus::Deleted
        );
        let replies = outbox_of(&d, n.get())
            .into_iter()
            .filter(|m| m.kind == "agent_reply")
            .count();
        assert_eq!(replies, 1, "the customer is still answered");
        assert_queue_exact(&d);
    });
}

#[test]
fn a_note_is_for_agents_only_and_changes_nothing() {
    each_backend(|db| {
        let d = desk(db);
        let (n, portal) = d.ticket("alice@example.com");
        let before = d
            .client
            .get(&format!("/api/v1/tickets/{n}"), Some(&d.agent));
        let r = d.client.post(
            &path(n, "notes"),
            Some(&d.agent),
            &json!({"body": "Customer is on a forked theme."}),
        );
        assert_eq!(r.status, 200, "{}", r.json);
        for key in ["state", "position", "queued_at", "assignee"] {
            assert_eq!(r.json[key], before.json[key], "{key}");
        }
        let notes: Vec<&Value> = r.json["messages"]
            .as_array()
            .expect("messages")
            .iter()
            .filter(|m| m["internal"] == json!(true))
            .collect();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0]["author"], json!("agent"));
        let seen = d.client.get(&format!("/api/v1/tickets/{n}"), Some(&portal));
        assert_eq!(seen.status, 200);
        let bodies = seen.json["messages"].to_string();
        assert!(!bodies.contains("forked theme"), "{bodies}");
        assert_eq!(seen.json["messages"].as_array().map(Vec::len), Some(1));
        let c = &mut conn(&d.app.state);
        let visible = store::tickets::messages(c, TicketId::new(n), false).expect("messages");
        assert!(visible.iter().all(|m| !m.internal));
        assert_eq!(
            outbox_of(&d, n).len(),
            1,
            "only the acknowledgment: a note mails nobody"
        );
        assert_queue_exact(&d);
    });
}

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
