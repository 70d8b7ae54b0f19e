//! Ending sessions: an admin resets an agent's two-factor sign-in and ends their sessions
//! (agents cannot), and an agent signs out everywhere.

use super::*;

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
