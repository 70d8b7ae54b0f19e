//! What an agent does to a ticket, through the API and `guichet::desk`, on both databases:
//! replies (mailed, threaded, optionally resolving), internal notes, resolve, close, reopen,
//! assign, with the lifecycle's refusals changing nothing and the queue counters staying exact.
//!
//! Replies and notes are here, with the helpers other suites use (`path`, `agent_reply`,
//! `ticket`, `assert_queue_exact`, ..); the state changes and the refusals are in
//! [`lifecycle`].

mod lifecycle;

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
