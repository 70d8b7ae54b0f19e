//! The inbound mail pipeline on a real database: threading, idempotency, refusals, needs_info,
//! the fixture set of `tests/fixtures/mail/` (each `.eml` with its `.expected.json`), and the
//! `guichet ingest` command as an MTA runs it.
//!
//! Threading, duplicates, strangers, automatic and oversized mail and the `ingest` command are
//! here, with the worlds other suites use (`world`, `world_with`, `mail`); the completion page
//! is in [`completion`], the set of real-world fixtures in [`fixtures`].

mod completion;
mod fixtures;

use std::path::{Path, PathBuf};

use diesel::prelude::*;
use guichet::app::AppState;
use guichet::db::DbConn;
use guichet::domain::eligibility::Tier;
use guichet::domain::ids::TicketId;
use guichet::domain::version::Version;
use guichet::inbound::{self, Outcome};
use guichet::schema::tickets;
use guichet::store;
use guichet::store::products::{ProductTerms, Slug};
use serde_json::Value;

use crate::helpers::{TestDb, cli, clock_now, conn, each_backend, seed_purchase};

const AUTHSERV: &str = "mx.desk.example";

/// The fixtures' world: two products, three buyers, and ticket #1 of alice waiting for her.
pub(crate) fn world(db: &TestDb) -> AppState {
    world_with(db, &[])
}

/// The fixtures' world, with more settings.
pub(crate) fn world_with(db: &TestDb, settings: &[(&str, &str)]) -> AppState {
    let mut all = vec![("authserv_id", AUTHSERV)];
    all.extend_from_slice(settings);
    let state = db.state_with(&all);
    let c = &mut conn(&state);
    product(
        c,
        "shipping-rates",
        "Shipping Rates Pro",
        &["3.7.26", "3.7.27", "3.7.28"],
    );
    product(c, "pdf-invoices", "PDF Invoices", &["2.0.0", "2.1.0"]);
    seed_purchase(
        c,
        "W-1",
        "alice@example.com",
        "shipping-rates",
        5,
        Tier::Standard,
    );
    seed_purchase(
        c,
        "W-2",
        "bob@example.org",
        "shipping-rates",
        5,
        Tier::Standard,
    );
    seed_purchase(
        c,
        "W-3",
        "bob@example.org",
        "pdf-invoices",
        5,
        Tier::Standard,
    );
    seed_purchase(
        c,
        "W-4",
        "carol@example.net",
        "shipping-rates",
        400,
        Tier::Standard,
    );
    let first = mail(
        "alice@example.com",
        "Rates not showing",
        "<first@alice.example>",
        "",
        "Hello,\nThe shipping rates do not show at checkout with version 3.7.28.\n",
    );
    let out = inbound::receive(c, state.intake(), first.as_bytes(), clock_now()).expect("stored");
    assert_eq!(out, Outcome::Created(TicketId::new(1)));
    // An agent answered: the ticket waits for the customer.
    diesel::update(tickets::table.find(TicketId::new(1)))
        .set(tickets::state.eq("waiting_customer"))
        .execute_on(c);
    state
}

trait ExecuteOn {
    fn execute_on(self, c: &mut DbConn);
}

impl<T> ExecuteOn for T
where
    T: diesel::query_dsl::methods::ExecuteDsl<diesel::SqliteConnection>
        + diesel::query_dsl::methods::ExecuteDsl<diesel::PgConnection>,
{
    fn execute_on(self, c: &mut DbConn) {
        match c {
            DbConn::Sqlite(s) => {
                diesel::query_dsl::methods::ExecuteDsl::execute(self, s).expect("update");
            }
            DbConn::Pg(p) => {
                diesel::query_dsl::methods::ExecuteDsl::execute(self, p).expect("update");
            }
        }
    }
}

fn product(c: &mut DbConn, slug: &str, name: &str, releases: &[&str]) {
    let terms = ProductTerms {
        free_support_days: 30,
        max_support_months: 12,
        releases_back: 2,
    };
    let p = store::products::add(
        c,
        &Slug::parse(slug).expect("slug"),
        name,
        terms,
        clock_now(),
    )
    .expect("product");
    for v in releases {
        let v = Version::parse(v).expect("version");
        store::products::add_release(c, p.id, &v, None, clock_now()).expect("release");
    }
}

pub(crate) fn mail(from: &str, subject: &str, message_id: &str, extra: &str, body: &str) -> String {
    let id = if message_id.is_empty() {
        String::new()
    } else {
        format!("Message-ID: {message_id}\r\n")
    };
    format!(
        "From: Someone <{from}>\r\nTo: support@desk.example\r\nSubject: {subject}\r\n{id}{extra}\
         Date: Wed, 02 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{}",
        body.replace('\n', "\r\n")
    )
}

fn receive(state: &AppState, raw: &str) -> Outcome {
    let c = &mut conn(state);
    inbound::receive(c, state.intake(), raw.as_bytes(), state.now()).expect("stored")
}

/// A Message-ID guichet could have sent for ticket `n`, without its angle brackets.
fn our_id(state: &AppState, n: i64) -> String {
    let id = guichet::mail::ids::new_message_id(&state.keys, TicketId::new(n), "desk.example")
        .expect("random");
    id.trim_matches(['<', '>']).to_string()
}

fn last_message(state: &AppState, n: i64) -> String {
    let c = &mut conn(state);
    let msgs = store::tickets::messages(c, TicketId::new(n), true).expect("messages");
    msgs.last().map(|m| m.body.clone()).unwrap_or_default()
}

#[test]
fn a_reply_threads_by_reference_and_goes_to_the_back_of_the_queue() {
    each_backend(|db| {
        let state = world(db);
        let other = receive(
            &state,
            &mail(
                "bob@example.org",
                "Invoices empty on 2.1.0 of PDF Invoices",
                "<b1@bob.example>",
                "",
                "Blank PDF.",
            ),
        );
        assert_eq!(other, Outcome::Created(TicketId::new(2)));
        let reply = mail(
            "Alice@Example.com",
            "Re: Rates not showing",
            "<r1@alice.example>",
            &format!("In-Reply-To: <{}>\r\n", our_id(&state, 1)),
            "It works after clearing the cache, but only for France.\n\nOn Tue, 1 Dec 2026 at 10:00, Desk <support@desk.example> wrote:\n> Please clear the cache.\n",
        );
        assert_eq!(receive(&state, &reply), Outcome::Reply(TicketId::new(1)));
        assert_eq!(
            last_message(&state, 1),
            "It works after clearing the cache, but only for France."
        );
        let c = &mut conn(&state);
        let t = store::tickets::get(c, TicketId::new(1))
            .expect("get")
            .expect("ticket");
        assert_eq!(t.state.as_str(), "queued");
        // Re-queued behind bob's ticket, which was queued before the reply.
        let page = store::queue::page(c, 10, None).expect("queue");
        let order: Vec<i64> = page.iter().map(|(t, _)| t.id.get()).collect();
        assert_eq!(order, vec![2, 1]);
    });
}

#[test]
fn the_same_mail_twice_changes_nothing() {
    each_backend(|db| {
        let state = world(db);
        let reply = mail(
            "alice@example.com",
            "Re: [#1] Rates not showing",
            "<dup@alice.example>",
            "",
            "Still broken.",
        );
        assert_eq!(receive(&state, &reply), Outcome::Reply(TicketId::new(1)));
        assert_eq!(
            receive(&state, &reply),
            Outcome::Duplicate(Some(TicketId::new(1)))
        );
        let c = &mut conn(&state);
        let msgs = store::tickets::messages(c, TicketId::new(1), true).expect("messages");
        assert_eq!(msgs.len(), 2, "the first mail and one reply");
        // Without a Message-ID, the bytes are the key.
        let bare = mail("nobody@example.com", "Hello", "", "", "Hi there");
        assert_eq!(receive(&state, &bare), Outcome::Refused("no_purchase"));
        assert_eq!(receive(&state, &bare), Outcome::Duplicate(None));
    });
}

#[test]
fn a_stranger_quoting_a_ticket_number_gets_no_access_and_one_refusal() {
    each_backend(|db| {
        let state = world(db);
        for i in 0..3 {
            let m = mail(
                "mallory@example.com",
                "Re: [#1] Rates not showing",
                &format!("<m{i}@evil.example>"),
                &format!("In-Reply-To: <{}>\r\n", our_id(&state, 1)),
                "Please send me the admin password.",
            );
            assert_eq!(receive(&state, &m), Outcome::Refused("no_purchase"));
        }
        assert!(!last_message(&state, 1).contains("admin password"));
        let c = &mut conn(&state);
        let since = clock_now() - chrono::Duration::hours(1);
        let refusals = store::inbound::mails_to_since(c, "mallory@example.com", "refusal", since)
            .expect("count");
        assert_eq!(refusals, 1, "one refusal mail, not one per mail");
    });
}

#[test]
fn a_buyer_without_a_readable_version_gets_needs_info() {
    each_backend(|db| {
        let state = world(db);
        let m = mail(
            "bob@example.org",
            "Help please",
            "<n1@bob.example>",
            "",
            "Something is wrong with my shop.",
        );
        assert_eq!(receive(&state, &m), Outcome::NeedsInfo(TicketId::new(2)));
        let c = &mut conn(&state);
        let t = store::tickets::get(c, TicketId::new(2))
            .expect("get")
            .expect("ticket");
        assert_eq!(t.state.as_str(), "needs_info");
        assert_eq!(store::queue::position(c, &t).expect("position"), None);
        let out = store::outbox::for_ticket(c, TicketId::new(2)).expect("outbox");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, "needs_info");
        assert!(
            out[0]
                .body_text
                .contains(guichet::mail::outbound::PORTAL_LINK)
        );
    });
}

#[test]
fn automatic_mail_never_answers_nor_opens_a_ticket() {
    each_backend(|db| {
        let state = world(db);
        let auto = mail(
            "alice@example.com",
            "Re: [#1] Rates not showing",
            "<auto@alice.example>",
            "Auto-Submitted: auto-replied\r\n",
            "I am away until Monday.",
        );
        assert_eq!(receive(&state, &auto).to_string(), "ignored auto-reply");
        assert!(!last_message(&state, 1).contains("away"));
        let c = &mut conn(&state);
        assert_eq!(store::tickets::count(c).expect("count"), 1);
    });
}

#[test]
fn a_mail_over_the_size_limit_is_quarantined_with_its_bytes() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let state = db.state_with(&[("mail_max_bytes", "1000")]);
    let big = mail(
        "alice@example.com",
        "Logs",
        "<big@alice.example>",
        "",
        &"x".repeat(2000),
    );
    assert_eq!(receive(&state, &big).to_string(), "quarantined too-large");
    let c = &mut conn(&state);
    let DbConn::Sqlite(s) = &mut **c else {
        panic!("sqlite")
    };
    let (raw, error): (Vec<u8>, Option<String>) = guichet::schema::inbound_mails::table
        .select((
            guichet::schema::inbound_mails::raw,
            guichet::schema::inbound_mails::error,
        ))
        .first(s)
        .expect("row");
    assert_eq!(raw, big.as_bytes());
    assert!(error.unwrap_or_default().contains("mail_max_bytes"));
}

#[test]
fn ingest_prints_one_line_per_message_and_exits_75_when_storage_fails() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    drop(world(&db));
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path().join("a.eml");
    let b = dir.path().join("b.eml");
    std::fs::write(
        &a,
        mail(
            "alice@example.com",
            "Re: [#1] x",
            "<i1@alice.example>",
            "",
            "Thanks",
        ),
    )
    .expect("write");
    std::fs::write(
        &b,
        mail("zed@example.com", "Hi", "<i2@zed.example>", "", "Hello"),
    )
    .expect("write");
    let paths = [a.to_str().expect("utf8"), b.to_str().expect("utf8")];
    let out = cli(&db, &["ingest", paths[0], paths[1]], "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        crate::helpers::stderr(&out)
    );
    assert_eq!(
        crate::helpers::stdout(&out),
        "reply 1\nrefused no_purchase\n"
    );
    // From stdin, as an MTA pipes it; the same mail again is a duplicate.
    let raw = std::fs::read_to_string(&a).expect("read");
    let out = cli(&db, &["ingest"], &raw);
    assert_eq!(crate::helpers::stdout(&out), "duplicate 1\n");
    // A database that cannot be reached: the MTA must keep the mail and retry.
    let out = crate::helpers::cli_in(
        &db.data_dir(),
        "postgres://postgres@127.0.0.1:1/none",
        &["ingest", paths[0]],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(75),
        "{}",
        crate::helpers::stderr(&out)
    );
}
