//! The agents' dashboard as a browser without JavaScript uses it, on both databases: sign-in
//! (signed session cookie, CSRF, rate limits, no hint of which emails are agents, no open
//! redirect), sessions that end at once on deactivation or a password reset, sign-out, the
//! queue page (both lanes in order, positions, filters, keyset pages, take-next) and the
//! ticket page.
//!
//! Sign-in, sessions and sign-out are here, with the sign-in helpers other suites use
//! (`signed_in`); the queue page is in [`queue`], the ticket page in [`ticket`].

mod queue;
mod ticket;

use guichet::domain::email::EmailAddress;
use guichet::store;

use crate::api_support::*;
use crate::helpers::*;
use crate::page_client::{Browser, Page, csrf_of};

const PASSWORD: &str = "correct horse battery";

/// An agent with a real password (argon2id), for signing in through the form.
fn agent(d: &Desk, email: &str, admin: bool) -> i64 {
    let hash = guichet::password::hash(PASSWORD).expect("hash");
    let c = &mut conn(&d.app.state);
    let email = EmailAddress::parse(email).expect("email");
    store::agents::add(c, &email, "Zoé Agent", &hash, admin, clock_now())
        .expect("agent")
        .id
}

fn sign_in_as(b: &mut Browser, email: &str, password: &str, next: &str) -> Page {
    let form = b.get("/agent/login");
    assert_eq!(form.status, 200, "{}", form.body);
    b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", email.to_string()),
            ("password", password.to_string()),
            ("next", next.to_string()),
        ],
    )
}

/// A browser signed in as a new agent `email`.
pub(crate) fn signed_in(d: &Desk, email: &str) -> Browser {
    agent(d, email, false);
    let mut b = Browser::new(&d.app.base);
    let r = sign_in_as(&mut b, email, PASSWORD, "");
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), "/agent");
    b
}

#[test]
fn anonymous_visitors_reach_nothing_and_are_sent_to_sign_in() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        for path in [
            "/agent",
            "/agent/tickets/1",
            "/agent/tickets/1/attachments/1",
        ] {
            let r = b.get(path);
            assert_eq!(r.status, 303, "{path}");
            assert!(
                r.header("location").starts_with("/agent/login?next=/agent"),
                "{path}: {}",
                r.header("location")
            );
        }
        let r = b.post("/agent/take", &[("csrf", "x".repeat(64))]);
        assert_eq!(r.status, 303);
        // The sign-in page says why, and comes back to where the agent was going.
        let r = b.get("/agent/login?next=/agent/tickets/1");
        assert_eq!(r.status, 200);
        assert!(
            r.body.contains(r#"name="next" value="/agent/tickets/1""#),
            "{}",
            r.body
        );
        assert!(r.body.contains("Please sign in"));
    });
}

#[test]
fn signing_in_sets_a_signed_http_only_cookie_and_opens_the_queue() {
    each_backend(|db| {
        let d = desk(db);
        agent(&d, "zoe@desk.test", false);
        let mut b = Browser::new(&d.app.base);
        let r = sign_in_as(&mut b, "Zoe@Desk.test ", PASSWORD, "/agent/tickets/3");
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.header("location"), "/agent/tickets/3");
        let cookie = r
            .set_cookies
            .iter()
            .find(|c| c.starts_with("guichet_session="))
            .expect("a session cookie");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(
            !cookie.contains("zoe"),
            "the cookie names no email: {cookie}"
        );
        let q = b.get("/agent");
        assert_eq!(q.status, 200, "{}", q.body);
        assert!(q.body.contains("Signed in as Zoé Agent"));
        // Signing in again gives a new value: the session is rotated at each sign-in.
        let again = b.post(
            "/agent/login",
            &[
                ("csrf", csrf_of(&q.body)),
                ("email", "zoe@desk.test".into()),
                ("password", PASSWORD.into()),
            ],
        );
        let second = again
            .set_cookies
            .iter()
            .find(|c| c.starts_with("guichet_session="))
            .expect("a new session cookie");
        assert_ne!(cookie.split(';').next(), second.split(';').next());
    });
}

#[test]
fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    each_backend(|db| {
        let d = desk(db);
        agent(&d, "zoe@desk.test", false);
        let mut b = Browser::new(&d.app.base);
        let wrong = sign_in_as(&mut b, "zoe@desk.test", "not the password", "");
        let unknown = sign_in_as(&mut b, "nobody@desk.test", PASSWORD, "");
        for r in [&wrong, &unknown] {
            assert_eq!(r.status, 401);
            assert!(
                r.body.contains("do not match an active agent"),
                "{}",
                r.body
            );
            assert!(!r.body.contains(PASSWORD) && !r.body.contains("not the password"));
            assert!(
                r.set_cookies
                    .iter()
                    .all(|c| !c.starts_with("guichet_session="))
            );
        }
        assert!(
            wrong.body.contains(r#"value="zoe@desk.test""#),
            "the email is kept"
        );
        // No CSRF token: refused before any password work.
        let r = b.post(
            "/agent/login",
            &[
                ("email", "zoe@desk.test".into()),
                ("password", PASSWORD.into()),
            ],
        );
        assert_eq!(r.status, 403);
    });
}

#[test]
fn sign_in_attempts_are_limited_per_account() {
    each_backend(|db| {
        let d = desk_with(db, &[("signin_account_limit", "3"), ("signin_limit", "50")]);
        agent(&d, "zoe@desk.test", false);
        let mut b = Browser::new(&d.app.base);
        for _ in 0..3 {
            assert_eq!(sign_in_as(&mut b, "zoe@desk.test", "guess", "").status, 401);
        }
        // Even the right password waits now: the limit counts attempts, not failures.
        let r = sign_in_as(&mut b, "zoe@desk.test", PASSWORD, "");
        assert_eq!(r.status, 429, "{}", r.body);
        assert!(r.header("retry-after").parse::<u64>().is_ok_and(|s| s > 0));
        assert!(r.body.contains("Too many sign-in attempts"));
        // Another account from the same browser is not locked out by it.
        agent(&d, "yann@desk.test", false);
        assert_eq!(
            sign_in_as(&mut b, "yann@desk.test", PASSWORD, "").status,
            303
        );
    });
}

#[test]
fn the_next_page_after_sign_in_is_always_on_the_dashboard() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    agent(&d, "zoe@desk.test", false);
    for next in [
        "https://evil.test/",
        "//evil.test/agent",
        "/t/token",
        "/agent//x",
        "/administrator",
    ] {
        let mut b = Browser::new(&d.app.base);
        let r = sign_in_as(&mut b, "zoe@desk.test", PASSWORD, next);
        assert_eq!((r.status, r.header("location")), (303, "/agent"), "{next}");
    }
}

#[test]
fn sign_in_returns_to_the_admin_page_its_gate_sent_from() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    agent(&d, "boss@desk.test", true);
    let mut b = Browser::new(&d.app.base);
    let r = b.get("/admin/agents");
    assert_eq!(r.header("location"), "/agent/login?next=/admin/agents");
    let r = sign_in_as(&mut b, "boss@desk.test", PASSWORD, "/admin/agents");
    assert_eq!((r.status, r.header("location")), (303, "/admin/agents"));
    assert_eq!(b.get("/admin/agents").status, 200);
}

#[test]
fn deactivation_or_a_new_password_ends_the_session_at_once() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = signed_in(&d, "zoe@desk.test");
        let mut other = signed_in(&d, "yann@desk.test");
        assert_eq!(b.get("/agent").status, 200);
        let c = &mut conn(&d.app.state);
        store::agents::deactivate(c, &EmailAddress::parse("zoe@desk.test").expect("email"))
            .expect("deactivate");
        let r = b.get("/agent");
        assert_eq!(r.status, 303, "a deactivated agent's session stops");
        assert!(
            r.set_cookies
                .iter()
                .any(|c| c.starts_with("guichet_session=")),
            "and its cookie goes"
        );
        assert_eq!(
            sign_in_as(&mut b, "zoe@desk.test", PASSWORD, "").status,
            401
        );
        let hash = guichet::password::hash("another long password").expect("hash");
        store::agents::set_password(
            c,
            &EmailAddress::parse("yann@desk.test").expect("email"),
            &hash,
        )
        .expect("reset");
        assert_eq!(
            other.get("/agent").status,
            303,
            "a password reset ends the session"
        );
    });
}

#[test]
fn signing_out_needs_the_form_token_and_ends_the_session() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = signed_in(&d, "zoe@desk.test");
        let page = b.get("/agent");
        assert_eq!(
            b.post("/agent/logout", &[("csrf", "0".repeat(64))]).status,
            403
        );
        assert_eq!(b.get("/agent").status, 200, "still signed in");
        let r = b.post("/agent/logout", &[("csrf", csrf_of(&page.body))]);
        assert_eq!((r.status, r.header("location")), (303, "/agent/login"));
        assert_eq!(b.get("/agent").status, 303);
    });
}
