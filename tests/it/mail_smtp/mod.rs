//! The outbox sender against a real SMTP conversation (mailin-embedded on loopback, lettre on
//! the other side of the socket), on both databases and with a manual clock:
//! - a mail goes out once, with the headers that thread it and mark it automatic, a text and an
//!   HTML part, and the portal link filled in;
//! - a server that is down delays the mail; it goes out once when the server is back;
//! - a 550 fails the mail for good, visible in `/metrics`;
//! - automatic mails to one address stop at the limit;
//! - a sender that died holding a claim delays the mail by its lease only;
//! - two processes' states over one database send every mail once;
//! - with no SMTP server, mails become `.eml` files; `serve` runs the sender by itself.
//!
//! One mail and its failures, the limits and the headers are here, with the helpers; the
//! sender as it runs (claims, several processes, `.eml` files, `serve`) is in [`running`].

mod running;

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Duration, Utc};
use mail_parser::{HeaderValue, MimeHeaders};

use guichet::app::AppState;
use guichet::clock::ManualClock;
use guichet::domain::outbox::OutboxState;
use guichet::store::tickets::OutboxMail;
use guichet::store::{self, outbox::OutboxRow};
use guichet::workers::outbox::{SendReport, drain, send_due};

use crate::helpers::*;
use crate::mail_ingest::world_with;
use crate::smtp_sink::SmtpSink;

/// The retry pause after a first failure, in the settings below.
const RETRY_BASE_SECS: i64 = 60;

/// The fixtures' world (ticket #1 of alice, its acknowledgment waiting in the outbox), sending
/// to `smtp_url`, on a manual clock standing just after the world was made.
fn desk(db: &TestDb, smtp_url: &str, extra: &[(&str, &str)]) -> (AppState, Arc<ManualClock>) {
    let base = (RETRY_BASE_SECS * 1000).to_string();
    let mut settings = vec![
        ("smtp_url", smtp_url),
        ("smtp_timeout_ms", "5000"),
        ("outbox_retry_base_ms", base.as_str()),
        ("outbox_retry_max_ms", "3600000"),
        ("outbox_max_attempts", "4"),
        ("outbox_lease_ms", "120000"),
    ];
    settings.extend_from_slice(extra);
    let state = world_with(db, &settings);
    let clock = Arc::new(ManualClock::at(Utc::now() + Duration::seconds(1)));
    (state.with_clock(clock.clone()), clock)
}

fn outbox_of(state: &AppState, to: &str) -> Vec<OutboxRow> {
    store::outbox::for_recipient(&mut conn(state), to).expect("outbox")
}

fn report(sent: usize, retried: usize, failed: usize, suppressed: usize) -> SendReport {
    SendReport {
        sent,
        retried,
        failed,
        suppressed,
    }
}

fn header_text(m: &mail_parser::Message<'_>, name: &str) -> String {
    match m.header(name) {
        Some(HeaderValue::Text(t)) => t.to_string(),
        Some(HeaderValue::TextList(l)) => l.join(" "),
        Some(other) => format!("{other:?}"),
        None => String::new(),
    }
}

/// A nearby port nothing listens on (so connecting is refused).
fn closed_port() -> u16 {
    crate::cli_serve::free_port()
}

#[test]
fn a_mail_goes_out_once_threaded_marked_and_in_two_parts() {
    each_backend(|db| {
        let sink = SmtpSink::start(&[]);
        let (state, _clock) = desk(
            db,
            &sink.url(),
            &[
                ("mail_from", "support@desk.example"),
                ("reply_to", "replies@desk.example"),
            ],
        );
        assert_eq!(send_due(&state).expect("pass"), report(1, 0, 0, 0));
        // A second pass finds nothing to send: the mail was marked sent.
        assert_eq!(send_due(&state).expect("pass"), report(0, 0, 0, 0));
        let mails = sink.mails();
        assert_eq!(mails.len(), 1, "one mail over SMTP");
        let got = &mails[0];
        assert_eq!(got.to, vec!["alice@example.com".to_string()]);
        let m = got.parsed();
        let subject = m.subject().unwrap_or_default().to_string();
        assert!(subject.contains("[#1]"), "{subject}");
        let row = &outbox_of(&state, "alice@example.com")[0];
        assert_eq!(row.state, OutboxState::Sent);
        assert_eq!(row.attempts, 1);
        assert_eq!(
            format!("<{}>", m.message_id().unwrap_or_default()),
            row.message_id,
            "the Message-ID is the stored one, so replies thread back"
        );
        assert_eq!(header_text(&m, "Auto-Submitted"), "auto-replied");
        // The ticket came by mail: References name alice's first mail.
        let refs = header_text(&m, "References");
        assert!(refs.contains("first@alice.example"), "{refs}");
        let from = m.from().and_then(|a| a.first()).and_then(|a| a.address());
        assert_eq!(from, Some("support@desk.example"));
        let reply_to = m
            .reply_to()
            .and_then(|a| a.first())
            .and_then(|a| a.address());
        assert_eq!(reply_to, Some("replies@desk.example"));
        // Text and HTML, the same words, and the portal link filled in (never the placeholder).
        let text = m.body_text(0).unwrap_or_default().to_string();
        let html = m.body_html(0).unwrap_or_default().to_string();
        assert!(
            m.parts.iter().any(|p| p.content_type().is_some_and(|c| {
                c.ctype() == "multipart" && c.subtype() == Some("alternative")
            }))
        );
        assert!(text.contains("/t/"), "{text}");
        assert!(!text.contains("[[portal-link]]"), "{text}");
        let link = text
            .split_whitespace()
            .find(|w| w.contains("/t/"))
            .expect("portal link")
            .trim_end_matches(['.', ',', ')']);
        assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
        assert!(
            !row.body_text.contains(link),
            "the stored row holds no portal token"
        );
    });
}

#[test]
fn a_down_server_delays_the_mail_which_goes_out_once_when_it_is_back() {
    each_backend(|db| {
        let port = closed_port();
        let url = format!("smtp+plain://127.0.0.1:{port}");
        let (state, clock) = desk(db, &url, &[]);
        assert_eq!(send_due(&state).expect("pass"), report(0, 1, 0, 0));
        let row = &outbox_of(&state, "alice@example.com")[0];
        assert_eq!(row.state, OutboxState::Pending, "delayed, not lost");
        assert_eq!(row.attempts, 1);
        assert!(row.last_error.as_deref().is_some_and(|e| !e.is_empty()));
        // Not due again before the pause is over.
        clock.advance(Duration::seconds(RETRY_BASE_SECS - 1));
        assert_eq!(send_due(&state).expect("pass"), report(0, 0, 0, 0));
        // The server comes back on that port; the next due pass delivers once.
        let sink = SmtpSink::start_on(port);
        clock.advance(Duration::seconds(1));
        assert_eq!(send_due(&state).expect("pass"), report(1, 0, 0, 0));
        clock.advance(Duration::hours(2));
        assert_eq!(send_due(&state).expect("pass"), report(0, 0, 0, 0));
        assert_eq!(sink.mails().len(), 1);
        let row = &outbox_of(&state, "alice@example.com")[0];
        assert_eq!((row.state, row.attempts), (OutboxState::Sent, 2));
    });
}

#[test]
fn the_pauses_double_and_the_last_attempt_fails_the_mail() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let url = format!("smtp+plain://127.0.0.1:{}", closed_port());
    let (state, clock) = desk(&db, &url, &[]);
    for (attempt, pause) in [(1, 60), (2, 120), (3, 240)] {
        assert_eq!(
            send_due(&state).expect("pass"),
            report(0, 1, 0, 0),
            "attempt {attempt}"
        );
        clock.advance(Duration::seconds(pause - 1));
        assert_eq!(
            send_due(&state).expect("pass"),
            report(0, 0, 0, 0),
            "early {attempt}"
        );
        clock.advance(Duration::seconds(1));
    }
    // The fourth of four attempts fails: the mail is given up, not retried for ever.
    assert_eq!(send_due(&state).expect("pass"), report(0, 0, 1, 0));
    clock.advance(Duration::days(2));
    assert_eq!(send_due(&state).expect("pass"), report(0, 0, 0, 0));
    let row = &outbox_of(&state, "alice@example.com")[0];
    assert_eq!((row.state, row.attempts), (OutboxState::Failed, 4));
}

#[test]
fn a_permanent_refusal_fails_the_mail_and_shows_in_metrics() {
    each_backend(|db| {
        let sink = SmtpSink::start(&["alice@example.com"]);
        let (state, clock) = desk(db, &sink.url(), &[]);
        assert_eq!(send_due(&state).expect("pass"), report(0, 0, 1, 0));
        let row = &outbox_of(&state, "alice@example.com")[0];
        assert_eq!((row.state, row.attempts), (OutboxState::Failed, 1));
        let error = row.last_error.clone().unwrap_or_default();
        assert!(
            error.contains("550"),
            "the server's answer is kept: {error}"
        );
        clock.advance(Duration::days(1));
        assert_eq!(
            send_due(&state).expect("pass"),
            report(0, 0, 0, 0),
            "never retried"
        );
        assert!(sink.mails().is_empty());
        // /metrics shows it, from this process's counter and from the database.
        let app = spawn_app(db, &[]);
        let body = ureq::get(&format!("{}/metrics", app.base))
            .call()
            .expect("metrics")
            .into_body()
            .read_to_string()
            .expect("body");
        assert!(
            body.contains("guichet_outbox_mails{state=\"failed\"} 1"),
            "{body}"
        );
        assert!(
            body.contains("guichet_outbox_mails{state=\"pending\"} 0"),
            "{body}"
        );
        let own = state.metrics.encode().expect("encode");
        assert!(
            own.contains("guichet_mail_deliveries_total{outcome=\"failed\"} 1"),
            "{own}"
        );
    });
}

/// `n` more automatic mails to `to`, belonging to no ticket (as refusals do).
fn queue_automatic(state: &AppState, to: &str, n: usize) {
    for _ in 0..n {
        let nonce = guichet::mail::ids::Nonce::new().expect("random");
        let id = guichet::mail::ids::message_id(
            &state.keys,
            guichet::domain::ids::TicketId::new(999),
            &nonce,
            "desk.example",
        );
        let m = OutboxMail {
            kind: "refusal",
            to: to.to_string(),
            lang: guichet::i18n::Lang::En,
            subject: "About your message".into(),
            body: "We could not find a purchase for this address.".into(),
            message_id: id,
            in_reply_to: None,
            auto_submitted: true,
        };
        store::inbound::queue_mail(&mut conn(state), &m, state.now()).expect("queued");
    }
}

#[test]
fn no_stored_value_can_add_a_header_or_a_recipient() {
    each_backend(|db| {
        let sink = SmtpSink::start(&[]);
        let (state, _clock) = desk(db, &sink.url(), &[]);
        // Written past the edge's checks, as a bad migration or a hand edit could.
        let m = OutboxMail {
            kind: "refusal",
            to: "carol@example.net\r\nBcc: evil@attacker.test".into(),
            lang: guichet::i18n::Lang::Fr,
            subject: "Bonjour\r\nBcc: evil@attacker.test\r\n\r\nfake body".into(),
            body: "Texte.".into(),
            message_id: "<x1@desk.example>\r\nX-Evil: 1".into(),
            in_reply_to: Some("<y@client.example>\nX-Evil: 2".into()),
            auto_submitted: true,
        };
        store::inbound::queue_mail(&mut conn(&state), &m, state.now()).expect("queued");
        let r = drain(&state).expect("drain");
        // Ticket #1's acknowledgment goes; the bad address cannot be parsed and fails for good.
        assert_eq!(r, report(1, 0, 1, 0));
        let mails = sink.mails();
        assert_eq!(mails.len(), 1);
        assert!(
            mails
                .iter()
                .all(|m| !m.to.iter().any(|t| t.contains("attacker")))
        );
        // With a good address, the other values are kept on their own lines.
        let m = OutboxMail {
            to: "carol@example.net".into(),
            message_id: "<x2@desk.example>\r\nX-Evil: 1".into(),
            ..m
        };
        store::inbound::queue_mail(&mut conn(&state), &m, state.now()).expect("queued");
        assert_eq!(drain(&state).expect("drain"), report(1, 0, 0, 0));
        let mails = sink.mails();
        let got = mails.last().expect("mail");
        assert_eq!(got.to, vec!["carol@example.net".to_string()]);
        let parsed = got.parsed();
        for name in ["Bcc", "X-Evil"] {
            assert!(parsed.header(name).is_none(), "{name} was injected");
        }
        assert!(parsed.body_text(0).unwrap_or_default().contains("Texte."));
    });
}

#[test]
fn automatic_mails_to_one_address_stop_at_the_limit() {
    each_backend(|db| {
        let sink = SmtpSink::start(&[]);
        let (state, clock) = desk(
            db,
            &sink.url(),
            &[("auto_mail_limit", "3"), ("auto_mail_window_minutes", "60")],
        );
        queue_automatic(&state, "alice@example.com", 3);
        // Four automatic mails to alice (ticket #1's acknowledgment and three more): three go.
        assert_eq!(send_due(&state).expect("pass"), report(3, 0, 0, 1));
        assert_eq!(sink.mails().len(), 3);
        let states: Vec<_> = outbox_of(&state, "alice@example.com")
            .iter()
            .map(|r| r.state)
            .collect();
        assert_eq!(
            states
                .iter()
                .filter(|s| **s == OutboxState::Suppressed)
                .count(),
            1
        );
        // Past the window, automatic mail to her flows again.
        clock.advance(Duration::minutes(61));
        queue_automatic(&state, "alice@example.com", 1);
        assert_eq!(send_due(&state).expect("pass"), report(1, 0, 0, 0));
        assert_eq!(sink.mails().len(), 4);
    });
}
