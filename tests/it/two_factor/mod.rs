//! Two-factor sign-in and ending sessions, through HTTP on both databases: enrolment confirmed
//! by a code (computed here with `totp-rs` from the key the page shows), the code step of the
//! sign-in (wrong, replayed, another agent's, rate limited, expired, no session by itself, CSRF),
//! turning it off, the admin's reset and "end sessions", the agent's "sign out everywhere", and
//! the secret never stored in clear.
//!
//! Enrolment and turning it off are here, with the helpers; the sign-in code step is in
//! [`code_step`], ending sessions in [`sessions`].

mod code_step;
mod sessions;

use std::sync::Arc;

use chrono::{DateTime, Duration, DurationRound, Utc};
use guichet::clock::ManualClock;
use guichet::domain::email::EmailAddress;
use guichet::startup::Application;
use guichet::store;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::helpers::*;
use crate::page_client::{Browser, Page, csrf_of};
use crate::secrets_at_rest::{contains, everything_stored};

const PASSWORD: &str = "correct horse battery";

struct Desk {
    app: TestApp,
    clock: Arc<ManualClock>,
}

/// The app on a clock standing 5 s into a 30-second step, so codes are chosen by the test.
fn desk_with(db: &TestDb, settings: &[(&str, &str)]) -> Desk {
    let start = Utc::now()
        .duration_trunc(Duration::seconds(30))
        .expect("truncate")
        + Duration::seconds(5);
    let clock = Arc::new(ManualClock::at(start));
    let state = db.state_with(settings).with_clock(clock.clone());
    let app_state = state.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = Application::build(app_state, "127.0.0.1:0").expect("bind");
            tx.send(app.port()).expect("send port");
            let _ = app.run_until_stopped().await;
        })
    });
    let port = rx.recv().expect("server started");
    Desk {
        app: TestApp {
            base: format!("http://127.0.0.1:{port}"),
            state,
        },
        clock,
    }
}

/// A desk whose per-account sign-in limit leaves room for the tests' many sign-ins (the limit
/// itself is tested with its default-like value apart).
fn desk(db: &TestDb) -> Desk {
    desk_with(db, &[("signin_account_limit", "20")])
}

impl Desk {
    fn now(&self) -> DateTime<Utc> {
        use guichet::clock::Clock;
        self.clock.now()
    }

    fn agent(&self, email: &str, admin: bool) -> i64 {
        let hash = guichet::password::hash(PASSWORD).expect("hash");
        let c = &mut conn(&self.app.state);
        let email = EmailAddress::parse(email).expect("email");
        store::agents::add(c, &email, "Zoé Agent", &hash, admin, clock_now())
            .expect("agent")
            .id
    }

    fn row(&self, id: i64) -> store::models::Agent {
        store::agents::by_id(&mut conn(&self.app.state), id)
            .expect("read")
            .expect("agent")
    }

    fn browser(&self) -> Browser {
        Browser::new(&self.app.base)
    }
}

/// The code of `secret` at `at`, as an authenticator app shows it.
fn code(secret: &[u8], at: DateTime<Utc>) -> String {
    TOTP::new(Algorithm::SHA1, 6, 1, 30, secret.to_vec())
        .expect("totp")
        .generate(u64::try_from(at.timestamp()).expect("after 1970"))
}

fn password_step(b: &mut Browser, email: &str, next: &str) -> Page {
    let form = b.get("/agent/login");
    assert_eq!(form.status, 200, "{}", form.body);
    b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", email.to_string()),
            ("password", PASSWORD.to_string()),
            ("next", next.to_string()),
        ],
    )
}

fn session_set(p: &Page) -> bool {
    p.set_cookies
        .iter()
        .any(|c| c.starts_with("guichet_session=") && !c.starts_with("guichet_session=;"))
}

/// A browser signed in as `email` with the password alone (two-factor off).
fn signed_in(d: &Desk, email: &str) -> Browser {
    let mut b = d.browser();
    let r = password_step(&mut b, email, "");
    assert_eq!(
        (r.status, r.header("location")),
        (303, "/agent"),
        "{}",
        r.body
    );
    assert!(session_set(&r));
    b
}

/// Posts the code step with `code`.
fn code_step(b: &mut Browser, code: &str) -> Page {
    let page = b.get("/agent/login/code");
    assert_eq!(page.status, 200, "{}", page.body);
    b.post(
        "/agent/login/code",
        &[
            ("csrf", csrf_of(&page.body)),
            ("code", code.to_string()),
            ("next", "/agent/search".into()),
        ],
    )
}

/// The key the account page shows during enrolment, decoded.
fn shown_key(body: &str) -> (String, Vec<u8>) {
    let marker = "<code class=\"secret-key\">";
    let start = body.find(marker).expect("the key is shown") + marker.len();
    let end = start + body[start..].find("</code>").expect("end of the key");
    let key: String = body[start..end].split_whitespace().collect();
    let bytes = Secret::Encoded(key.clone()).to_bytes().expect("base32");
    (key, bytes)
}

/// Starts enrolment in `b` and returns the secret the page shows (base32 and bytes).
fn start_enrolment(b: &mut Browser) -> (String, Vec<u8>) {
    let page = b.get("/agent/account");
    assert_eq!(page.status, 200, "{}", page.body);
    let r = b.post(
        "/agent/account/two-factor/start",
        &[("csrf", csrf_of(&page.body))],
    );
    assert_eq!((r.status, r.header("location")), (303, "/agent/account"));
    let page = b.get("/agent/account");
    assert_eq!(page.status, 200);
    shown_key(&page.body)
}

fn confirm(b: &mut Browser, code: &str) -> Page {
    let page = b.get("/agent/account");
    b.post(
        "/agent/account/two-factor/confirm",
        &[("csrf", csrf_of(&page.body)), ("code", code.to_string())],
    )
}

/// An agent `email` with two-factor sign-in on, and its secret; the clock is moved to the next
/// step, so the enrolment code is not the current one any more.
fn enrolled(d: &Desk, email: &str) -> (i64, Vec<u8>) {
    let id = d.agent(email, false);
    let mut b = signed_in(d, email);
    let (_, secret) = start_enrolment(&mut b);
    let r = confirm(&mut b, &code(&secret, d.now()));
    assert_eq!(r.status, 303, "{}", r.body);
    d.clock.advance(Duration::seconds(30));
    (id, secret)
}

#[test]
fn enrolment_turns_on_only_with_a_right_code_and_keeps_the_secret_sealed() {
    each_backend(|db| {
        let d = desk(db);
        let id = d.agent("zoe@desk.test", false);
        let mut b = signed_in(&d, "zoe@desk.test");
        let mut elsewhere = signed_in(&d, "zoe@desk.test");
        let page = b.get("/agent/account");
        assert_eq!(page.status, 200);
        assert_eq!(page.header("cache-control"), "no-store");
        assert!(
            page.body.contains("Two-factor sign-in is off"),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains(r#"href="/agent/account" aria-current="page""#)
        );
        // No enrolment without the form token.
        let r = b.post("/agent/account/two-factor/start", &[]);
        assert_eq!(r.status, 403);
        assert!(d.row(id).totp_pending.is_none());

        let (key, secret) = start_enrolment(&mut b);
        assert_eq!(secret.len(), 20);
        let (status, headers, svg) = b.get_bytes("/agent/account/two-factor/qr.svg");
        assert_eq!(status, 200);
        assert_eq!(
            headers.get("cache-control").map(String::as_str),
            Some("no-store")
        );
        assert_eq!(
            headers.get("content-type").map(String::as_str),
            Some("image/svg+xml")
        );
        let svg = String::from_utf8(svg).expect("text");
        assert!(svg.contains("<svg") && !svg.contains("style"), "{svg}");

        // A wrong code, a malformed one, or none at all: still off.
        let wrong = if code(&secret, d.now()) == "000000" {
            "111111"
        } else {
            "000000"
        };
        let r = confirm(&mut b, wrong);
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains("That code is not right"), "{}", r.body);
        assert!(r.body.contains(&key[..4]), "the key is still shown");
        assert_eq!(confirm(&mut b, "12a456").status, 422);
        let r = b.post(
            "/agent/account/two-factor/confirm",
            &[("code", code(&secret, d.now()))],
        );
        assert_eq!(r.status, 403, "no form token");
        let row = d.row(id);
        assert!(row.totp_secret.is_none() && row.totp_pending.is_some());

        let r = confirm(&mut b, &code(&secret, d.now()));
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/agent/account?done=on")
        );
        // This browser keeps a session; the one signed in elsewhere before is ended.
        let page = b.get("/agent/account?done=on");
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("Two-factor sign-in is on"));
        assert!(
            !page.body.contains("secret-key"),
            "the key is not shown any more"
        );
        assert_eq!(elsewhere.get("/agent").status, 303);
        assert_eq!(b.get_bytes("/agent/account/two-factor/qr.svg").0, 404);

        // Sealed at rest: neither the bytes nor the base32 key are anywhere in the database.
        let row = d.row(id);
        let stored = row.totp_secret.clone().expect("on");
        assert!(row.totp_pending.is_none());
        assert!(stored.len() > secret.len());
        assert!(!stored.windows(secret.len()).any(|w| w == secret.as_slice()));
        let c = &mut conn(&d.app.state);
        let all = everything_stored(db, c);
        assert!(!contains(&all, &key), "the base32 key is stored in clear");
        assert!(!all.windows(secret.len()).any(|w| w == secret.as_slice()));
        let audit = store::audit::page(c, None, Some(id), None, 10).expect("audit");
        assert!(audit.iter().any(|r| r.action == "two_factor_on"));
    });
}

#[test]
fn turning_it_off_needs_a_current_code() {
    each_backend(|db| {
        let d = desk(db);
        let (id, secret) = enrolled(&d, "zoe@desk.test");
        let mut b = d.browser();
        password_step(&mut b, "zoe@desk.test", "");
        assert_eq!(code_step(&mut b, &code(&secret, d.now())).status, 303);
        let page = b.get("/agent/account");
        let off = |b: &mut Browser, code: String| {
            b.post(
                "/agent/account/two-factor/disable",
                &[("csrf", csrf_of(&page.body)), ("code", code)],
            )
        };
        // The code just used to sign in does not turn it off either.
        assert_eq!(off(&mut b, code(&secret, d.now())).status, 422);
        assert_eq!(off(&mut b, "abc".into()).status, 422);
        let r = b.post(
            "/agent/account/two-factor/disable",
            &[("code", code(&secret, d.now()))],
        );
        assert_eq!(r.status, 403);
        assert!(d.row(id).totp_secret.is_some());
        d.clock.advance(Duration::seconds(30));
        let r = off(&mut b, code(&secret, d.now()));
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/agent/account?done=off")
        );
        assert!(
            b.get("/agent/account?done=off")
                .body
                .contains("Two-factor sign-in is off.")
        );
        let row = d.row(id);
        assert!(row.totp_secret.is_none() && row.totp_last_step.is_none());
        signed_in(&d, "zoe@desk.test");
    });
}
