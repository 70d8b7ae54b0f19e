//! The admin pages, on both databases: roles on every route (anonymous visitors are sent to sign
//! in, agents get 403 on reads and posts alike), and the agents page: add an agent who can then
//! sign in, refuse bad fields with the values kept (never the password), deactivate (their
//! session and API token stop at once), set a new password (their session ends).
//!
//! Roles and the agents page are here, with the `admin` browser both parts use; the audit log
//! and a customer's data (export, erasure) are in [`customer_data`].

mod customer_data;

use guichet::domain::email::EmailAddress;
use guichet::store;

use crate::api_support::*;
use crate::dashboard::signed_in;
use crate::helpers::*;
use crate::page_client::{Browser, csrf_of};

const PASSWORD: &str = "correct horse battery";

/// A browser signed in as a new admin.
fn admin(d: &Desk) -> Browser {
    let hash = guichet::password::hash(PASSWORD).expect("hash");
    let email = EmailAddress::parse("boss@desk.test").expect("email");
    store::agents::add(
        &mut conn(&d.app.state),
        &email,
        "Boss",
        &hash,
        true,
        clock_now(),
    )
    .expect("admin");
    let mut b = Browser::new(&d.app.base);
    let form = b.get("/agent/login");
    let r = b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", "boss@desk.test".into()),
            ("password", PASSWORD.into()),
        ],
    );
    assert_eq!(r.status, 303);
    b
}

#[test]
fn only_admins_reach_the_admin_pages() {
    each_backend(|db| {
        let d = desk(db);
        let mut anonymous = Browser::new(&d.app.base);
        let r = anonymous.get("/admin/agents");
        assert_eq!(r.status, 303);
        assert!(
            r.header("location")
                .starts_with("/agent/login?next=/admin/agents")
        );
        let mut agent = signed_in(&d, "zoe@desk.test");
        let page = agent.get("/agent");
        assert!(
            !page.body.contains("/admin/agents"),
            "no admin link for an agent"
        );
        let csrf = csrf_of(&page.body);
        assert_eq!(agent.get("/admin/agents").status, 403);
        for path in [
            "/admin/agents",
            "/admin/agents/1/deactivate",
            "/admin/agents/1/password",
        ] {
            let r = agent.post(
                path,
                &[
                    ("csrf", csrf.clone()),
                    ("password", "x".repeat(12)),
                    ("email", "x@y.test".into()),
                    ("name", "X".into()),
                ],
            );
            assert_eq!(r.status, 403, "{path}");
        }
        let mut boss = admin(&d);
        let page = boss.get("/agent");
        assert!(
            page.body.contains("/admin/agents"),
            "the admin link for an admin"
        );
        assert_eq!(boss.get("/admin/agents").status, 200);
    });
}

#[test]
fn an_admin_adds_deactivates_and_resets_agents() {
    each_backend(|db| {
        let d = desk(db);
        let mut boss = admin(&d);
        let page = boss.get("/admin/agents");
        let csrf = csrf_of(&page.body);
        // Bad fields: all named at once, values kept, the password never sent back.
        let r = boss.post(
            "/admin/agents",
            &[
                ("csrf", csrf.clone()),
                ("email", "not-an-email".into()),
                ("name", "".into()),
                ("password", "short".into()),
            ],
        );
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains(r#"value="not-an-email""#));
        assert!(r.body.contains("At least 8 characters."));
        assert!(!r.body.contains(r#"value="short""#));
        assert_eq!(
            boss.post("/admin/agents", &[("email", "a@b.test".into())])
                .status,
            403,
            "CSRF"
        );
        // A good one: the new agent signs in.
        let r = boss.post(
            "/admin/agents",
            &[
                ("csrf", csrf.clone()),
                ("email", "New@Desk.test".into()),
                ("name", "Nina".into()),
                ("password", "a long enough password".into()),
            ],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/agents?done=added")
        );
        let again = boss.post(
            "/admin/agents",
            &[
                ("csrf", csrf.clone()),
                ("email", "new@desk.test".into()),
                ("name", "Nina".into()),
                ("password", "a long enough password".into()),
            ],
        );
        assert_eq!(again.status, 422);
        assert!(again.body.contains("exists already"));
        let mut nina = Browser::new(&d.app.base);
        let form = nina.get("/agent/login");
        let r = nina.post(
            "/agent/login",
            &[
                ("csrf", csrf_of(&form.body)),
                ("email", "new@desk.test".into()),
                ("password", "a long enough password".into()),
            ],
        );
        assert_eq!(r.status, 303);
        assert_eq!(nina.get("/agent").status, 200);
        let id = store::agents::find_by_email(
            &mut conn(&d.app.state),
            &EmailAddress::parse("new@desk.test").expect("email"),
        )
        .expect("read")
        .expect("added")
        .id;
        // A new password ends her session.
        let r = boss.post(
            &format!("/admin/agents/{id}/password"),
            &[("csrf", csrf.clone()), ("password", "short".into())],
        );
        assert_eq!(r.status, 422);
        let r = boss.post(
            &format!("/admin/agents/{id}/password"),
            &[
                ("csrf", csrf.clone()),
                ("password", "another long password".into()),
            ],
        );
        assert_eq!(r.status, 303);
        assert_eq!(nina.get("/agent").status, 303, "her session ended");
        // Deactivation stops an agent's API token at once.
        let zoe = store::agents::find_by_email(
            &mut conn(&d.app.state),
            &EmailAddress::parse("ann@desk.test").expect("email"),
        )
        .expect("read")
        .expect("the desk's agent");
        assert_eq!(d.client.get("/api/v1/queue", Some(&d.agent)).status, 200);
        let r = boss.post(
            &format!("/admin/agents/{}/deactivate", zoe.id),
            &[("csrf", csrf.clone())],
        );
        assert_eq!(r.status, 303);
        assert_eq!(d.client.get("/api/v1/queue", Some(&d.agent)).status, 401);
        assert!(
            boss.get("/admin/agents?done=deactivated")
                .body
                .contains("deactivated")
        );
        // Nobody deactivates themself; an unknown agent is 404.
        let me = store::agents::find_by_email(
            &mut conn(&d.app.state),
            &EmailAddress::parse("boss@desk.test").expect("email"),
        )
        .expect("read")
        .expect("boss")
        .id;
        assert_eq!(
            boss.post(
                &format!("/admin/agents/{me}/deactivate"),
                &[("csrf", csrf.clone())]
            )
            .status,
            409
        );
        assert_eq!(
            boss.post("/admin/agents/999999/deactivate", &[("csrf", csrf)])
                .status,
            404
        );
    });
}
