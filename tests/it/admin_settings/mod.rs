//! The last admin pages, on both databases: API tokens (created on the page and shown once, then
//! working on /api/v1 until revoked), canned responses (added, changed and deleted, and the
//! ticket page's picker following), and settings (where each value comes from, a saved value
//! applying at the next start unless a higher layer sets it, bad values refused as typed, the
//! response target moving the statistics). Every route: anonymous visitors are sent to sign
//! in, agents get 403, a post without its CSRF token is refused and changes nothing.
//!
//! Split by page: who reaches them and the API tokens are here, with the admin browser and
//! helpers; canned responses are in [`canned`], the settings' values in [`values`].

mod canned;
mod values;

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use diesel::prelude::*;
use guichet::domain::email::EmailAddress;
use guichet::schema::tickets;
use guichet::store;

use crate::api_support::*;
use crate::dashboard::signed_in;
use crate::helpers::*;
use crate::page_client::{Browser, Page, csrf_of};

const PASSWORD: &str = "correct horse battery";
const BOSS: &str = "boss@desk.test";

/// Adds the admin `boss@desk.test` to the desk's database.
fn add_admin(d: &Desk) {
    let hash = guichet::password::hash(PASSWORD).expect("hash");
    let email = EmailAddress::parse(BOSS).expect("email");
    store::agents::add(
        &mut conn(&d.app.state),
        &email,
        "Boss",
        &hash,
        true,
        clock_now(),
    )
    .expect("admin");
}

/// A browser signed in as the admin on the app at `base`.
fn admin_at(base: &str) -> Browser {
    let mut b = Browser::new(base);
    let form = b.get("/agent/login");
    let r = b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", BOSS.into()),
            ("password", PASSWORD.into()),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    b
}

fn admin(d: &Desk) -> Browser {
    add_admin(d);
    admin_at(&d.app.base)
}

/// The HTML of the settings row of `key`.
fn row<'a>(page: &'a Page, key: &str) -> &'a str {
    let marker = format!("id=\"setting-{key}\"");
    let start = page.body.find(&marker).expect("the setting's row");
    let rest = &page.body[start..];
    &rest[..rest.find("</tr>").expect("row end")]
}

/// The token shown on a creation answer.
fn shown_token(page: &Page) -> String {
    let marker = "id=\"new-token\" value=\"";
    let start = page.body.find(marker).expect("the new token") + marker.len();
    page.body[start..start + 64].to_string()
}

fn saved(d: &Desk) -> std::collections::BTreeMap<String, String> {
    store::meta::saved_settings(&mut conn(&d.app.state)).expect("saved settings")
}

#[test]
fn the_new_admin_pages_are_for_admins_only() {
    each_backend(|db| {
        let d = desk(db);
        let reads = [
            "/admin/tokens",
            "/admin/canned",
            "/admin/canned/1",
            "/admin/settings",
        ];
        let posts = [
            "/admin/tokens",
            "/admin/tokens/1/revoke",
            "/admin/canned",
            "/admin/canned/1",
            "/admin/canned/1/delete",
            "/admin/settings",
        ];
        let mut anonymous = Browser::new(&d.app.base);
        for path in reads {
            let r = anonymous.get(path);
            assert_eq!(r.status, 303, "{path}");
            assert!(
                r.header("location")
                    .starts_with(&format!("/agent/login?next={path}")),
                "{path}: {}",
                r.header("location")
            );
        }
        for path in posts {
            let r = anonymous.post(path, &[("csrf", "x".repeat(64))]);
            assert_eq!(r.status, 303, "{path}");
            assert!(r.header("location").starts_with("/agent/login"), "{path}");
        }
        let mut agent = signed_in(&d, "zoe@desk.test");
        let csrf = csrf_of(&agent.get("/agent").body);
        for path in reads {
            assert_eq!(agent.get(path).status, 403, "{path}");
        }
        let fields = |csrf: &str| {
            vec![
                ("csrf", csrf.to_string()),
                ("name", "sneaky".to_string()),
                ("scope", "intake".to_string()),
                ("lang", "en".to_string()),
                ("title", "Sneaky".to_string()),
                ("body", "Sneaky".to_string()),
                ("reopen_days", "99".to_string()),
            ]
        };
        for path in posts {
            assert_eq!(agent.post(path, &fields(&csrf)).status, 403, "{path}");
        }
        let mut boss = admin(&d);
        for path in reads {
            assert_eq!(boss.get(path).status, 200, "{path}");
        }
        // Without the CSRF token nothing changes.
        let canned_before = store::canned::all(&mut conn(&d.app.state)).expect("canned");
        let tokens_before = store::tokens::list(&mut conn(&d.app.state)).expect("tokens");
        for path in posts {
            let mut f = fields("");
            f.remove(0);
            assert_eq!(boss.post(path, &f).status, 403, "{path} without CSRF");
            let r = boss.post(path, &fields(&"0".repeat(64)));
            assert_eq!(r.status, 403, "{path} with a wrong CSRF token");
        }
        let canned_after = store::canned::all(&mut conn(&d.app.state)).expect("canned");
        let tokens_after = store::tokens::list(&mut conn(&d.app.state)).expect("tokens");
        assert_eq!(canned_before.len(), canned_after.len());
        assert_eq!(
            canned_before.iter().map(|c| &c.title).collect::<Vec<_>>(),
            canned_after.iter().map(|c| &c.title).collect::<Vec<_>>()
        );
        assert_eq!(tokens_before.len(), tokens_after.len());
        assert!(saved(&d).is_empty(), "no setting saved");
        // One navigation on every admin page, the current page marked.
        for (path, link) in [
            ("/admin/tokens", "/admin/tokens"),
            ("/admin/canned", "/admin/canned"),
            ("/admin/settings", "/admin/settings"),
            ("/admin/agents", "/admin/agents"),
            ("/admin/audit", "/admin/audit"),
            ("/admin/privacy", "/admin/privacy"),
            ("/admin/products", "/admin/products"),
            ("/admin/purchases", "/admin/purchases"),
            ("/admin/purchases/import", "/admin/purchases/import"),
        ] {
            let body = boss.get(path).body;
            assert_eq!(
                body.matches("<nav class=\"admin-nav\"").count(),
                1,
                "{path}"
            );
            assert!(
                body.contains(&format!("<a href=\"{link}\" aria-current=\"page\">")),
                "{path} marks itself"
            );
            assert_eq!(body.matches("aria-current=\"page\"").count(), 2, "{path}");
        }
    });
}

#[test]
fn a_token_created_on_the_page_works_until_revoked_and_is_shown_once() {
    each_backend(|db| {
        let d = desk(db);
        let mut boss = admin(&d);
        let page = boss.get("/admin/tokens");
        let csrf = csrf_of(&page.body);
        let ann = store::agents::find_by_email(
            &mut conn(&d.app.state),
            &EmailAddress::parse("ann@desk.test").expect("email"),
        )
        .expect("read")
        .expect("the desk's agent");
        // Bad fields come back as typed.
        let r = boss.post(
            "/admin/tokens",
            &[
                ("csrf", csrf.clone()),
                ("name", "desk script".into()),
                ("scope", "agent".into()),
                ("agent", "".into()),
            ],
        );
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains(r#"value="desk script""#));
        assert!(r.body.contains("Choose the active agent"));
        let r = boss.post(
            "/admin/tokens",
            &[
                ("csrf", csrf.clone()),
                ("name", "".into()),
                ("scope", "portal".into()),
                ("agent", ann.id.to_string()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Choose what the token may do."));
        assert!(!r.body.contains("id=\"new-token\""));
        // A good one: shown once, never cached.
        let r = boss.post(
            "/admin/tokens",
            &[
                ("csrf", csrf.clone()),
                ("name", "desk script".into()),
                ("scope", "agent".into()),
                ("agent", ann.id.to_string()),
            ],
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body.contains("Copy it now: it will not be shown again."));
        assert_eq!(r.header("cache-control"), "no-store");
        let secret = shown_token(&r);
        assert!(secret.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(d.client.get("/api/v1/queue", Some(&secret)).status, 200);
        // Nowhere else: not on the list, not in the audit log, not in the database.
        let list = boss.get("/admin/tokens");
        assert!(list.body.contains("desk script"));
        assert!(list.body.contains("ann@desk.test"));
        assert!(!list.body.contains(&secret));
        let audit = boss.get("/admin/audit?action=token_created");
        assert!(audit.body.contains("Created an API token"));
        assert!(audit.body.contains("name=desk script"));
        assert!(!audit.body.contains(&secret));
        let rows =
            store::audit::page(&mut conn(&d.app.state), None, None, None, 100).expect("audit");
        assert!(rows.iter().all(|r| !r.detail.contains(&secret)));
        let stored = store::tokens::list(&mut conn(&d.app.state)).expect("tokens");
        let mine = stored
            .iter()
            .find(|t| t.name == "desk script")
            .expect("listed")
            .id;
        // Revoked: refused at once.
        let r = boss.post(
            &format!("/admin/tokens/{mine}/revoke"),
            &[("csrf", csrf.clone())],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/tokens?done=revoked")
        );
        assert_eq!(d.client.get("/api/v1/queue", Some(&secret)).status, 401);
        let list = boss.get("/admin/tokens?done=revoked");
        assert!(list.body.contains("The token was revoked"));
        assert!(!list.body.contains("desk script"));
        assert!(
            boss.get("/admin/audit?action=token_revoked")
                .body
                .contains(&format!("token={mine} name=desk script"))
        );
        // Again, or an unknown id: 404, nothing else revoked.
        let r = boss.post(
            &format!("/admin/tokens/{mine}/revoke"),
            &[("csrf", csrf.clone())],
        );
        assert_eq!(r.status, 404);
        assert_eq!(
            boss.post("/admin/tokens/x/revoke", &[("csrf", csrf)])
                .status,
            404
        );
        assert_eq!(d.client.get("/api/v1/queue", Some(&d.agent)).status, 200);
    });
}
