//! The settings page proper: where each value in force comes from, a saved value applying at
//! the next start unless a higher layer sets it, bad values refused as typed with nothing
//! saved, and the response target moving the statistics and the queue.

use super::*;

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
