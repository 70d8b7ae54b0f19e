//! Two-factor sign-in and ending sessions, through HTTP on both databases: enrolment confirmed
//! by a code (computed here with `totp-rs` from the key the page shows), the code step of the
//! sign-in (wrong, replayed, another agent's, rate limited, expired, no session by itself, CSRF),
//! turning it off, the admin's reset and "end sessions", the agent's "sign out everywhere", and
//! the secret never stored in clear.

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
fn sign_in_then_needs_a_fresh_code_of_the_agents_own_secret() {
    each_backend(|db| {
        let d = desk(db);
        let (_, other_secret) = enrolled(&d, "yann@desk.test");
        let (_, secret) = enrolled(&d, "zoe@desk.test");
        let mut b = d.browser();
        let r = password_step(&mut b, "zoe@desk.test", "/agent/search");
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.header("location"), "/agent/login/code?next=/agent/search");
        assert!(!session_set(&r), "a right password alone gives no session");
        let step = r
            .set_cookies
            .iter()
            .find(|c| c.starts_with("guichet_signin_step="))
            .expect("a second-step cookie");
        assert!(
            step.contains("HttpOnly") && step.contains("Path=/agent/login/code"),
            "{step}"
        );
        assert_eq!(b.get("/agent").status, 303, "the step is not signed in");

        let page = b.get("/agent/login/code");
        assert!(page.body.contains("Enter your code"), "{}", page.body);
        assert!(page.body.contains(r#"autocomplete="one-time-code""#));
        // The form token is needed.
        let r = b.post("/agent/login/code", &[("code", code(&secret, d.now()))]);
        assert_eq!(r.status, 403);
        // Wrong, malformed, another agent's, and the code already used to enrol (the step
        // before): all refused.
        let r = code_step(&mut b, "12");
        assert_eq!(r.status, 422, "{}", r.body);
        let theirs = code(&other_secret, d.now());
        if theirs != code(&secret, d.now()) {
            assert_eq!(
                code_step(&mut b, &theirs).status,
                401,
                "another agent's code"
            );
        }
        let enrolment_code = code(&secret, d.now() - Duration::seconds(30));
        let r = code_step(&mut b, &enrolment_code);
        assert_eq!(r.status, 401, "a used code: {}", r.body);
        assert!(r.body.contains("was used already"));
        assert!(!session_set(&r));

        let good = code(&secret, d.now());
        let r = code_step(&mut b, &good);
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/agent/search"),
            "{}",
            r.body
        );
        assert!(session_set(&r));
        assert_eq!(b.get("/agent").status, 200);
        // The same code again, from another browser with the right password: refused.
        let mut thief = d.browser();
        assert_eq!(password_step(&mut thief, "zoe@desk.test", "").status, 303);
        assert_eq!(code_step(&mut thief, &good).status, 401, "a replayed code");
        // One step later (a phone a little ahead is fine too), a new code works.
        let ahead = code(&secret, d.now() + Duration::seconds(30));
        assert_eq!(code_step(&mut thief, &ahead).status, 303);
        let c = &mut conn(&d.app.state);
        let all = everything_stored(db, c);
        assert!(!contains(&all, &good), "no code is logged in the database");
    });
}

#[test]
fn the_french_code_page_and_the_second_step_is_no_session_and_expires() {
    each_backend(|db| {
        let d = desk(db);
        let (_, secret) = enrolled(&d, "zoe@desk.test");
        let mut b = d.browser().french();
        let r = password_step(&mut b, "zoe@desk.test", "");
        let value = r
            .set_cookies
            .iter()
            .find_map(|c| c.strip_prefix("guichet_signin_step="))
            .and_then(|c| c.split(';').next())
            .expect("step cookie")
            .to_string();
        let page = b.get("/agent/login/code");
        assert!(page.body.contains("Saisissez votre code"), "{}", page.body);
        assert!(page.body.contains("Code à 6 chiffres"));
        // The token in the session cookie's place opens nothing.
        let res = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .new_agent()
            .get(&format!("{}/agent", d.app.base))
            .header("Cookie", &format!("guichet_session={value}"))
            .call()
            .expect("response");
        assert_eq!(res.status().as_u16(), 303);
        // Five minutes later it is gone: back to the password.
        d.clock.advance(Duration::seconds(301));
        let page_token = csrf_of(&page.body);
        let r = b.post(
            "/agent/login/code",
            &[("csrf", page_token), ("code", code(&secret, d.now()))],
        );
        assert_eq!(r.status, 303);
        assert!(
            r.header("location").starts_with("/agent/login?"),
            "{}",
            r.header("location")
        );
        assert!(r.header("location").ends_with("&done=expired"));
        assert!(!session_set(&r));
        let r = b.get("/agent/login?done=expired");
        assert!(
            r.body.contains("La connexion a pris trop de temps"),
            "{}",
            r.body
        );
        assert_eq!(b.get("/agent/login/code").status, 303);
    });
}

#[test]
fn wrong_codes_count_against_the_sign_in_limit() {
    each_backend(|db| {
        let d = desk_with(db, &[("signin_account_limit", "4"), ("signin_limit", "50")]);
        let (_, secret) = enrolled(&d, "zoe@desk.test");
        let mut b = d.browser();
        // The enrolment's sign-in was attempt 1 (its right code cost nothing), this password
        // attempt 2, and each wrong code one more.
        assert_eq!(password_step(&mut b, "zoe@desk.test", "").status, 303);
        let wrong = if code(&secret, d.now()) == "000000" {
            "111111"
        } else {
            "000000"
        };
        assert_eq!(code_step(&mut b, wrong).status, 401);
        assert_eq!(code_step(&mut b, wrong).status, 401);
        // Even the right code waits now.
        let r = code_step(&mut b, &code(&secret, d.now()));
        assert_eq!(r.status, 429, "{}", r.body);
        assert!(r.header("retry-after").parse::<u64>().is_ok_and(|s| s > 0));
        assert!(!session_set(&r));
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

#[test]
fn admins_reset_two_factor_and_end_sessions_agents_cannot() {
    each_backend(|db| {
        let d = desk(db);
        let (zoe, secret) = enrolled(&d, "zoe@desk.test");
        d.agent("adam@desk.test", true);
        d.agent("yann@desk.test", false);
        let reset = format!("/admin/agents/{zoe}/two-factor/reset");
        let end = format!("/admin/agents/{zoe}/sessions/end");
        // Anonymous: to the sign-in page. An agent: 403, token or not.
        let mut anon = d.browser();
        for path in [&reset, &end] {
            let r = anon.post(path, &[("csrf", "x".repeat(64))]);
            assert_eq!(r.status, 303, "{path}");
            assert!(r.header("location").starts_with("/agent/login"));
        }
        let mut yann = signed_in(&d, "yann@desk.test");
        let token = csrf_of(&yann.get("/agent").body);
        for path in [&reset, &end] {
            assert_eq!(
                yann.post(path, &[("csrf", token.clone())]).status,
                403,
                "{path}"
            );
        }
        assert!(d.row(zoe).totp_secret.is_some());

        // Zoé signed in (password and code) before the admin acts.
        let mut zoe_b = d.browser();
        password_step(&mut zoe_b, "zoe@desk.test", "");
        assert_eq!(code_step(&mut zoe_b, &code(&secret, d.now())).status, 303);
        assert_eq!(zoe_b.get("/agent").status, 200);

        let mut adam = signed_in(&d, "adam@desk.test");
        let page = adam.get("/admin/agents");
        assert!(
            page.body.contains(&format!(r#"action="{reset}""#)),
            "{}",
            page.body
        );
        assert!(page.body.contains("Two-factor"));
        assert_eq!(adam.post(&end, &[]).status, 403, "no form token");
        assert_eq!(zoe_b.get("/agent").status, 200);
        let token = csrf_of(&page.body);
        let r = adam.post(&end, &[("csrf", token.clone())]);
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/agents?done=sessions")
        );
        assert_eq!(zoe_b.get("/agent").status, 303, "her session ended");
        assert!(
            adam.get("/admin/agents?done=sessions")
                .body
                .contains("Every session")
        );

        // Sign in again, then the reset: off, and that session ends too.
        d.clock.advance(Duration::seconds(30));
        password_step(&mut zoe_b, "zoe@desk.test", "");
        assert_eq!(code_step(&mut zoe_b, &code(&secret, d.now())).status, 303);
        assert_eq!(zoe_b.get("/agent").status, 200);
        let r = adam.post(&reset, &[("csrf", token)]);
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/agents?done=two-factor")
        );
        assert_eq!(zoe_b.get("/agent").status, 303);
        let row = d.row(zoe);
        assert!(row.totp_secret.is_none() && row.totp_pending.is_none());
        // The password alone signs her in now; she may enrol again.
        let mut again = signed_in(&d, "zoe@desk.test");
        assert!(
            again
                .get("/agent/account")
                .body
                .contains("Set up two-factor sign-in")
        );

        let c = &mut conn(&d.app.state);
        let rows = store::audit::page(c, None, None, None, 20).expect("audit");
        for action in ["two_factor_reset", "sessions_ended"] {
            let row = rows.iter().find(|r| r.action == action).expect(action);
            assert_eq!(row.detail, format!("agent={zoe}"));
            assert_ne!(row.agent_id, Some(zoe), "the admin is who did it");
        }
        let audit = adam.get("/admin/audit");
        assert!(
            audit.body.contains("Reset an agent’s two-factor sign-in"),
            "{}",
            audit.body
        );
    });
}

#[test]
fn signing_out_everywhere_ends_every_session_of_the_agent() {
    each_backend(|db| {
        let d = desk(db);
        d.agent("zoe@desk.test", false);
        d.agent("yann@desk.test", false);
        let mut here = signed_in(&d, "zoe@desk.test");
        let mut there = signed_in(&d, "zoe@desk.test");
        let mut yann = signed_in(&d, "yann@desk.test");
        // Anonymous visitors reach none of it.
        let mut anon = d.browser();
        for path in ["/agent/account", "/agent/account/two-factor/qr.svg"] {
            let r = anon.get(path);
            assert_eq!(r.status, 303, "{path}");
            assert!(
                r.header("location")
                    .starts_with("/agent/login?next=/agent/account")
            );
        }
        for path in [
            "/agent/account/sessions/end",
            "/agent/account/two-factor/start",
            "/agent/account/two-factor/confirm",
            "/agent/account/two-factor/disable",
        ] {
            assert_eq!(
                anon.post(path, &[("csrf", "x".repeat(64))]).status,
                303,
                "{path}"
            );
        }
        assert_eq!(
            here.get_bytes("/agent/account/two-factor/qr.svg").0,
            404,
            "nothing pending"
        );
        assert_eq!(here.post("/agent/account/sessions/end", &[]).status, 403);
        assert_eq!(there.get("/agent").status, 200);
        let page = here.get("/agent/account");
        let r = here.post(
            "/agent/account/sessions/end",
            &[("csrf", csrf_of(&page.body))],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/agent/login?done=everywhere")
        );
        assert!(
            here.get("/agent/login?done=everywhere")
                .body
                .contains("signed out everywhere")
        );
        assert_eq!(here.get("/agent").status, 303, "this browser too");
        assert_eq!(there.get("/agent").status, 303, "and the other one");
        assert_eq!(yann.get("/agent").status, 200, "another agent keeps theirs");
        signed_in(&d, "zoe@desk.test");
    });
}
