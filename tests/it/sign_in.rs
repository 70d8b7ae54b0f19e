//! Sign-in details beside dashboard.rs, on both databases: the session cookie is `Secure`
//! exactly when `cookie_secure` says so, and sign-in attempts are also limited per client
//! address (several accounts tried from one address), with a 429 and `Retry-After`.

use guichet::domain::email::EmailAddress;
use guichet::store;

use crate::api_support::*;
use crate::helpers::*;
use crate::page_client::{Browser, Page, csrf_of};

const PASSWORD: &str = "correct horse battery";

fn add_agent(d: &Desk, email: &str) {
    let hash = guichet::password::hash(PASSWORD).expect("hash");
    let email = EmailAddress::parse(email).expect("email");
    store::agents::add(
        &mut conn(&d.app.state),
        &email,
        "Agent",
        &hash,
        false,
        clock_now(),
    )
    .expect("agent");
}

fn sign_in(b: &mut Browser, email: &str, password: &str) -> Page {
    let form = b.get("/agent/login");
    b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", email.to_string()),
            ("password", password.to_string()),
        ],
    )
}

fn session_cookie(r: &Page) -> String {
    r.set_cookies
        .iter()
        .find(|c| c.starts_with("guichet_session="))
        .cloned()
        .expect("a session cookie")
}

#[test]
fn the_session_cookie_is_secure_when_cookie_secure_says_so() {
    for (setting, secure) in [("true", true), ("false", false)] {
        each_backend(|db| {
            let d = desk_with(db, &[("cookie_secure", setting)]);
            let email = format!("zoe-{setting}@desk.test");
            add_agent(&d, &email);
            let r = sign_in(&mut Browser::new(&d.app.base), &email, PASSWORD);
            assert_eq!(r.status, 303, "{}", r.body);
            let cookie = session_cookie(&r);
            let flags: Vec<&str> = cookie.split(';').map(str::trim).collect();
            assert_eq!(flags.contains(&"Secure"), secure, "{setting}: {cookie}");
            assert!(flags.contains(&"HttpOnly"), "{cookie}");
        });
    }
}

#[test]
fn sign_in_attempts_are_limited_per_client_address() {
    each_backend(|db| {
        let d = desk_with(db, &[("signin_limit", "3"), ("signin_account_limit", "50")]);
        add_agent(&d, "zoe@desk.test");
        let mut b = Browser::new(&d.app.base);
        for email in ["a@desk.test", "b@desk.test", "c@desk.test"] {
            assert_eq!(sign_in(&mut b, email, "guess").status, 401, "{email}");
        }
        // A fourth account from the same address waits, even with its right password.
        let r = sign_in(&mut b, "zoe@desk.test", PASSWORD);
        assert_eq!(r.status, 429, "{}", r.body);
        assert!(r.header("retry-after").parse::<u64>().is_ok_and(|s| s > 0));
        assert!(
            r.set_cookies
                .iter()
                .all(|c| !c.starts_with("guichet_session="))
        );
    });
}
