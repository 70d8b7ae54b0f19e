//! The last admin pages, on both databases: API tokens (created on the page and shown once, then
//! working on /api/v1 until revoked), canned responses (added, changed and deleted, and the
//! ticket page's picker following), and settings (where each value comes from, a saved value
//! applying at the next start unless a higher layer sets it, bad values refused as typed, the
//! response target moving the statistics). Every route: anonymous visitors are sent to sign
//! in, agents get 403, a post without its CSRF token is refused and changes nothing.

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

#[test]
fn canned_changes_show_on_the_ticket_page() {
    each_backend(|db| {
        let d = desk(db);
        let (number, _) = d.ticket("alice@example.com");
        let mut zoe = signed_in(&d, "zoe@desk.test");
        let ticket = format!("/agent/tickets/{number}");
        let mut boss = admin(&d);
        let csrf = csrf_of(&boss.get("/admin/canned").body);
        // Bad input keeps what was typed.
        let r = boss.post(
            "/admin/canned",
            &[
                ("csrf", csrf.clone()),
                ("lang", "de".into()),
                ("title", "".into()),
                ("body", "Kept body text".into()),
            ],
        );
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains("Kept body text"));
        assert!(r.body.contains("Choose English or French."));
        assert!(r.body.contains("id=\"f-title\""));
        assert!(r.body.contains("aria-invalid=\"true\""));
        let r = boss.post(
            "/admin/canned",
            &[
                ("csrf", csrf.clone()),
                ("lang", "en".into()),
                ("title", "Refunds Alpha".into()),
                ("body", "".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains(r#"value="Refunds Alpha""#));
        // Added: on the ticket page at once.
        let r = boss.post(
            "/admin/canned",
            &[
                ("csrf", csrf.clone()),
                ("lang", "en".into()),
                ("title", "Refunds Alpha".into()),
                ("body", "We refund within 14 days.\r\nBest regards".into()),
                ("resolves", "yes".into()),
            ],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/canned?done=added")
        );
        let r = boss.post(
            "/admin/canned",
            &[
                ("csrf", csrf.clone()),
                ("lang", "fr".into()),
                ("title", "Remboursements Bêta".into()),
                ("body", "Nous remboursons sous 14 jours.".into()),
            ],
        );
        assert_eq!(r.status, 303);
        assert!(zoe.get(&ticket).body.contains("Refunds Alpha"));
        assert!(
            !zoe.get(&ticket).body.contains("Remboursements Bêta"),
            "an English ticket offers English responses"
        );
        let added = store::canned::all(&mut conn(&d.app.state))
            .expect("canned")
            .into_iter()
            .find(|c| c.title == "Refunds Alpha")
            .expect("stored");
        assert!(added.resolves);
        assert_eq!(added.body, "We refund within 14 days.\nBest regards");
        // The same title twice in a language is refused.
        let r = boss.post(
            "/admin/canned",
            &[
                ("csrf", csrf.clone()),
                ("lang", "en".into()),
                ("title", "Refunds Alpha".into()),
                ("body", "Another".into()),
            ],
        );
        assert_eq!(r.status, 422);
        // Changed.
        let edit = boss.get(&format!("/admin/canned/{}", added.id));
        assert!(edit.body.contains("We refund within 14 days."));
        let r = boss.post(
            &format!("/admin/canned/{}", added.id),
            &[
                ("csrf", csrf.clone()),
                ("lang", "en".into()),
                ("title", "Refunds Omega".into()),
                ("body", "We refund within 30 days.".into()),
            ],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/canned?done=saved")
        );
        let page = zoe.get(&ticket).body;
        assert!(page.contains("Refunds Omega"));
        assert!(!page.contains("Refunds Alpha"));
        let changed = store::canned::get(&mut conn(&d.app.state), added.id)
            .expect("read")
            .expect("still there");
        assert!(!changed.resolves, "the box was left unticked");
        let r = boss.post(
            &format!("/admin/canned/{}", added.id),
            &[
                ("csrf", csrf.clone()),
                ("lang", "en".into()),
                ("title", "Line\nbreak".into()),
                ("body", "Kept on a bad edit".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Kept on a bad edit"));
        // Deleted.
        let r = boss.post(
            &format!("/admin/canned/{}/delete", added.id),
            &[("csrf", csrf.clone())],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/canned?done=deleted")
        );
        assert!(!zoe.get(&ticket).body.contains("Refunds Omega"));
        assert_eq!(boss.get(&format!("/admin/canned/{}", added.id)).status, 404);
        let r = boss.post(
            &format!("/admin/canned/{}/delete", added.id),
            &[("csrf", csrf.clone())],
        );
        assert_eq!(r.status, 404);
        assert_eq!(boss.get("/admin/canned/nope").status, 404);
        // Audited.
        let audit = boss.get("/admin/audit").body;
        assert!(audit.contains("Added a canned response"));
        assert!(audit.contains("Changed a canned response"));
        assert!(audit.contains("Deleted a canned response"));
        assert!(audit.contains("title=Refunds Omega"));
    });
}

#[test]
fn settings_say_where_each_value_comes_from() {
    each_backend(|db| {
        let env = [("autoresolve_days", "20")];
        let d = desk_with(db, &env);
        let mut boss = admin(&d);
        let page = boss.get("/admin/settings");
        assert!(page.body.contains("applies when guichet next starts"));
        let r = row(&page, "autoresolve_days");
        assert!(r.contains("<code>20</code>"), "{r}");
        assert!(r.contains("environment variable GUICHET_AUTORESOLVE_DAYS"));
        let r = row(&page, "requeue_on_reply");
        assert!(
            r.contains("<code>true</code>") && r.contains("default"),
            "{r}"
        );
        let csrf = csrf_of(&page.body);
        let r = boss.post(
            "/admin/settings",
            &[
                ("csrf", csrf.clone()),
                ("autoresolve_days", "10".into()),
                ("reopen_days", "3".into()),
                ("requeue_on_reply", "false".into()),
                ("time_zone", "".into()),
            ],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/settings?done=saved")
        );
        let stored = saved(&d);
        assert_eq!(stored.get("reopen_days").map(String::as_str), Some("3"));
        assert_eq!(
            stored.get("autoresolve_days").map(String::as_str),
            Some("10")
        );
        assert_eq!(stored.len(), 3, "{stored:?}");
        let page = boss.get("/admin/settings?done=saved");
        let r = row(&page, "reopen_days");
        assert!(
            r.contains("<code>7</code>"),
            "still the default until a restart: {r}"
        );
        assert!(r.contains("Saved: 3 applies at the next restart."), "{r}");
        assert!(r.contains(r#"value="3""#));
        let r = row(&page, "autoresolve_days");
        assert!(
            r.contains("The saved value 10 is not in force: the environment variable GUICHET_AUTORESOLVE_DAYS overrides it."),
            "{r}"
        );
        assert!(
            boss.get("/admin/audit?action=setting_saved")
                .body
                .contains("reopen_days=3")
        );
        // The next start: the saved values are in force, below the environment.
        let again = spawn_app(db, &env);
        assert_eq!(again.state.config.lifecycle.reopen_days, 3);
        assert!(!again.state.config.lifecycle.requeue_on_reply);
        assert_eq!(again.state.config.autoresolve_days, 20);
        let mut boss = admin_at(&again.base);
        let page = boss.get("/admin/settings");
        let r = row(&page, "reopen_days");
        assert!(
            r.contains("<code>3</code>") && r.contains("saved on this page"),
            "{r}"
        );
        assert!(!r.contains("class=\"note\""), "{r}");
        let r = row(&page, "autoresolve_days");
        assert!(
            r.contains("<code>20</code>") && r.contains("is not in force"),
            "{r}"
        );
        // guichet.toml ranks above the saved settings too.
        std::fs::write(db.data_dir().join("guichet.toml"), "reopen_days = 5\n").expect("toml");
        let third = spawn_app(db, &env);
        assert_eq!(third.state.config.lifecycle.reopen_days, 5);
        let mut boss = admin_at(&third.base);
        let page = boss.get("/admin/settings");
        let r = row(&page, "reopen_days");
        assert!(
            r.contains("<code>5</code>") && r.contains("guichet.toml"),
            "{r}"
        );
        assert!(
            r.contains("The saved value 3 is not in force: the file "),
            "{r}"
        );
        // An emptied field removes the saved value.
        let csrf = csrf_of(&page.body);
        let r = boss.post(
            "/admin/settings",
            &[
                ("csrf", csrf.clone()),
                ("autoresolve_days", "10".into()),
                ("reopen_days", "".into()),
                ("requeue_on_reply", "false".into()),
            ],
        );
        assert_eq!(r.status, 303);
        assert_eq!(saved(&d).get("reopen_days"), None);
        assert!(
            boss.get("/admin/audit?action=setting_cleared")
                .body
                .contains("reopen_days")
        );
        // Nothing changed: nothing saved, and said so.
        let r = boss.post(
            "/admin/settings",
            &[
                ("csrf", csrf),
                ("autoresolve_days", "10".into()),
                ("requeue_on_reply", "false".into()),
            ],
        );
        assert_eq!(r.header("location"), "/admin/settings?done=unchanged");
    });
}

#[test]
fn a_bad_setting_value_is_refused_as_typed_and_nothing_is_saved() {
    each_backend(|db| {
        let d = desk(db);
        let mut boss = admin(&d);
        let csrf = csrf_of(&boss.get("/admin/settings").body);
        let r = boss.post(
            "/admin/settings",
            &[
                ("csrf", csrf.clone()),
                ("response_target_hours", "nine".into()),
                ("time_zone", "Mars/Olympus".into()),
                ("attachment_types", "png,exe".into()),
                ("reopen_days", "5".into()),
            ],
        );
        assert_eq!(r.status, 422, "{}", r.body);
        let target = row(&r, "response_target_hours");
        assert!(target.contains(r#"value="nine""#), "{target}");
        assert!(target.contains("Not a valid value for response_target_hours:"));
        assert!(target.contains("expected a whole number"));
        assert!(target.contains("aria-invalid=\"true\""));
        let tz = row(&r, "time_zone");
        assert!(tz.contains(r#"value="Mars/Olympus""#) && tz.contains("class=\"error\""));
        assert!(row(&r, "attachment_types").contains("exe"));
        assert!(row(&r, "reopen_days").contains(r#"value="5""#));
        assert!(!row(&r, "reopen_days").contains("class=\"error\""));
        assert!(saved(&d).is_empty(), "one bad value saves nothing");
        for (key, value) in [
            ("response_target_hours", "0"),
            ("business_hours", "18:00-09:00"),
            ("requeue_on_reply", "maybe"),
            ("autoresolve_days", "-1"),
            ("business_days", "mon\u{0}"),
        ] {
            let r = boss.post(
                "/admin/settings",
                &[("csrf", csrf.clone()), (key, value.into())],
            );
            assert_eq!(r.status, 422, "{key}={value:?}");
            assert!(row(&r, key).contains("class=\"error\""), "{key}");
        }
        assert!(saved(&d).is_empty());
        // In French too, the parser's own words marked as English.
        let mut french = admin_at(&d.app.base).french();
        let csrf = csrf_of(&french.get("/admin/settings?lang=fr").body);
        let r = french.post(
            "/admin/settings",
            &[("csrf", csrf), ("reopen_days", "sept".into())],
        );
        assert_eq!(r.status, 422);
        let reopen = row(&r, "reopen_days");
        assert!(
            reopen.contains("Valeur refusée pour reopen_days"),
            "{reopen}"
        );
        assert!(reopen.contains("<span lang=\"en\">"));
    });
}

/// The Monday at least 7 local days before today (Europe/Paris, the default desk zone).
fn a_past_monday() -> NaiveDate {
    let today = clock_now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let mut day = today.checked_sub_days(Days::new(7)).expect("date");
    while day.weekday() != chrono::Weekday::Mon {
        day = day.pred_opt().expect("date");
    }
    day
}

fn paris(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Paris
        .from_local_datetime(&date.and_hms_opt(hour, 0, 0).expect("time"))
        .single()
        .expect("a local time")
        .with_timezone(&Utc)
}

#[test]
fn the_response_target_moves_the_statistics_and_the_queue() {
    each_backend(|db| {
        let d = desk(db);
        // One ticket answered 5 business hours after it came (Monday 10:00 to 15:00), and one
        // waiting since then (5 to 10 business days: overdue unless the target is far longer).
        let monday = a_past_monday();
        let at = |h| store::naive(paris(monday, h));
        let (answered, _) = d.ticket("alice@example.com");
        let (waiting, _) = d.ticket("paula@example.com");
        for (number, state, first) in [
            (answered, "waiting_customer", Some(at(15))),
            (waiting, "queued", None),
        ] {
            let pooled = &mut conn(&d.app.state);
            guichet::db_run!(&mut **pooled, c => {
                diesel::update(tickets::table.find(number))
                    .set((
                        tickets::state.eq(state),
                        tickets::created_at.eq(at(10)),
                        tickets::queued_at.eq(at(10)),
                        tickets::awaiting_since.eq(Some(at(10))),
                        tickets::first_response_at.eq(first),
                    ))
                    .execute(c)
            })
            .expect("update ticket");
        }
        let mut boss = admin(&d);
        let stats = boss.get("/agent/stats?days=30").body;
        assert!(
            stats.contains("Answered within the target (9 business hours)"),
            "{stats}"
        );
        assert!(stats.contains("100% (1 of 1)"));
        assert!(boss.get("/agent").body.contains("class=\"overdue\""));
        let csrf = csrf_of(&boss.get("/admin/settings").body);
        let r = boss.post(
            "/admin/settings",
            &[("csrf", csrf), ("response_target_hours", "4".into())],
        );
        assert_eq!(r.status, 303);
        // Applied at the next start.
        let again = spawn_app(db, &[]);
        assert_eq!(again.state.config.response_target_hours, 4);
        let mut boss = admin_at(&again.base);
        let stats = boss.get("/agent/stats?days=30").body;
        assert!(
            stats.contains("Answered within the target (4 business hours)"),
            "{stats}"
        );
        assert!(stats.contains("0% (0 of 1)"));
        let (status, _, csv) = boss.get_bytes("/agent/stats.csv?days=30");
        assert_eq!(status, 200);
        let csv = String::from_utf8(csv).expect("utf-8");
        assert!(csv.contains("target_business_hours,4\r\n"), "{csv}");
        assert!(csv.contains("within_target,0\r\n"));
        assert!(
            row(&boss.get("/admin/settings"), "response_target_hours").contains("<code>4</code>")
        );
    });
}
