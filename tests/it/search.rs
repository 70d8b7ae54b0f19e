//! Search across tickets (`GET /agent/search`), on both databases: by number, customer email,
//! order reference, a word of the subject or of a later message or internal note, French words
//! with or without their accents and English ones; exact matches and subject matches first;
//! the index follows new messages (triggers); no input makes it fail.

use guichet::domain::email::EmailAddress;
use guichet::store;
use serde_json::json;

use crate::api_support::*;
use crate::helpers::*;
use crate::page_client::{Browser, csrf_of};

const PASSWORD: &str = "correct horse battery";

fn signed_in(d: &Desk) -> Browser {
    let hash = guichet::password::hash(PASSWORD).expect("hash");
    {
        let c = &mut conn(&d.app.state);
        let email = EmailAddress::parse("sam@desk.test").expect("email");
        store::agents::add(c, &email, "Sam Agent", &hash, false, clock_now()).expect("agent");
    }
    let mut b = Browser::new(&d.app.base);
    let form = b.get("/agent/login");
    let r = b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", "sam@desk.test".to_string()),
            ("password", PASSWORD.to_string()),
            ("next", String::new()),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    b
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The ticket numbers a result page links to, in order.
fn numbers(body: &str) -> Vec<i64> {
    body.split("href=\"/agent/tickets/")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

fn search(b: &mut Browser, q: &str) -> Vec<i64> {
    let r = b.get(&format!("/agent/search?q={}", encode(q)));
    assert_eq!(r.status, 200, "{q:?}: {}", r.body);
    numbers(&r.body)
}

fn ticket(d: &Desk, email: &str, order: &str, subject: &str, body: &str) -> i64 {
    let r = d.client.post(
        "/api/v1/tickets",
        Some(&d.intake),
        &json!({
            "email": email,
            "name": "Alice Martin",
            "product": "shop",
            "version": "3.7.28",
            "subject": subject,
            "body": body,
            "order_ref": order,
        }),
    );
    assert_eq!(r.status, 201, "{}", r.json);
    r.json["number"].as_i64().expect("number")
}

#[test]
fn search_finds_tickets_by_number_email_order_and_words_ranked() {
    each_backend(|db| {
        let d = desk(db);
        let t1 = ticket(
            &d,
            "alice@example.com",
            "O-1",
            "Invoices are blank",
            "Since the update every invoice is blank.",
        );
        let t2 = ticket(
            &d,
            "paula@example.com",
            "O-2",
            "Facture réglée mais statut impayé",
            "Bonjour, la commande a été facturée deux fois.",
        );
        let filler = "lorem ipsum dolor sit amet ".repeat(30);
        let t3 = ticket(
            &d,
            "alice@example.com",
            "O-1",
            "Layout broken",
            &format!("{filler} and the invoice too"),
        );
        let mut b = signed_in(&d);
        // By number, with or without '#'.
        assert_eq!(search(&mut b, &format!("#{t2}")).first(), Some(&t2));
        assert_eq!(search(&mut b, &t3.to_string()).first(), Some(&t3));
        // By the customer's email, in any case; by the order reference.
        assert_eq!(search(&mut b, "paula@example.com"), vec![t2]);
        let alice = search(&mut b, " Alice@Example.com ");
        assert!(alice.contains(&t1) && alice.contains(&t3), "{alice:?}");
        assert_eq!(search(&mut b, "O-2").first(), Some(&t2));
        // A word of the subject; French with and without accents; English.
        assert!(search(&mut b, "blank").contains(&t1));
        assert_eq!(search(&mut b, "réglée"), vec![t2]);
        assert_eq!(search(&mut b, "REGLEE"), vec![t2]);
        assert_eq!(search(&mut b, "facturé"), vec![t2]);
        assert_eq!(search(&mut b, "impayé statut"), vec![t2]);
        // (PostgreSQL's English stemmer also finds "invoice" in t3, after.)
        assert_eq!(search(&mut b, "invoices").first(), Some(&t1));
        // Ranked: the subject's match before a word deep in a message.
        assert_eq!(search(&mut b, "invoice"), vec![t1, t3]);
        // A later message and an internal note are found once written (triggers).
        assert_eq!(search(&mut b, "zygomorphic"), Vec::<i64>::new());
        let r = d.client.post(
            &format!("/api/v1/tickets/{t3}/replies"),
            Some(&d.agent),
            &json!({"body": "Please send the zygomorphic log."}),
        );
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(search(&mut b, "zygomorphic"), vec![t3]);
        // One row per ticket holds the first message and the later ones together (migration
        // 000016 writes the row with the first message, and appends the rest).
        assert_eq!(search(&mut b, "lorem zygomorphic"), vec![t3]);
        let r = d.client.post(
            &format!("/api/v1/tickets/{t2}/notes"),
            Some(&d.agent),
            &json!({"body": "Contournement secret : kumquat."}),
        );
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(search(&mut b, "kumquat"), vec![t2]);
        // The page shows the state, the customer, the subject and an escaped extract.
        let page = b.get("/agent/search?q=kumquat");
        assert!(page.body.contains("Facture réglée mais statut impayé"));
        assert!(page.body.contains("paula@example.com"));
        assert!(page.body.contains("kumquat"));
        let none = b.get("/agent/search?q=nothingmatchesthis");
        assert!(none.body.contains("No ticket matches"), "{}", none.body);
        let fr = b.get("/agent/search?q=kumquat&lang=fr");
        assert_eq!(fr.status, 200);
    });
}

#[test]
fn hostile_searches_answer_200() {
    each_backend(|db| {
        let d = desk(db);
        let t = ticket(
            &d,
            "alice@example.com",
            "O-1",
            "Invoices are blank",
            "Quote \" star * near NEAR( and AND OR NOT",
        );
        let mut b = signed_in(&d);
        let long = "x".repeat(5000);
        for q in [
            "\"",
            "*",
            "AND OR NOT",
            "NEAR(",
            "NEAR(a b",
            "-",
            ":",
            "^",
            "a:* & | !",
            "' OR 1=1; --",
            "O'Brien \"quoted",
            "\u{1}\u{7}ctl\u{1b}[0m",
            "invoices*",
            "#",
            "#99999999999999999999",
            "0",
            "@",
            "²³ ½",
            "漢字 😀",
            long.as_str(),
        ] {
            search(&mut b, q);
        }
        assert_eq!(search(&mut b, "NEAR( blank \""), vec![t]);
        assert_eq!(search(&mut b, "blank*"), vec![t]);
        // Empty and blank searches show the form only.
        let r = b.get("/agent/search");
        assert_eq!((r.status, numbers(&r.body)), (200, vec![]));
        let r = b.get("/agent/search?q=%20%20");
        assert_eq!((r.status, numbers(&r.body)), (200, vec![]));
    });
}

#[test]
fn signed_out_visitors_are_sent_to_sign_in() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let r = b.get("/agent/search?q=blank");
        assert_eq!(r.status, 303);
        assert!(
            r.header("location")
                .starts_with("/agent/login?next=/agent/search"),
            "{}",
            r.header("location")
        );
    });
}
