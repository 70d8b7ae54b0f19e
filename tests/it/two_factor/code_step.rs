//! The code step of the sign-in: a fresh code of the agent's own secret (wrong, replayed or
//! another agent's refused), the French page, no session from the second step alone and its
//! expiry, and wrong codes counting against the sign-in limit.

use super::*;

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
