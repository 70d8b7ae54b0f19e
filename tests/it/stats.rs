//! The statistics page and its CSV on both databases: known tickets with fixed timestamps
//! written to their rows give exactly the expected daily counts, queue lengths, median, 90th
//! percentile, share within the target and refusals by code; an empty desk shows zeros and "no
//! data"; a bad `days` is the default; signed-out visitors are sent to sign in.

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use diesel::prelude::*;
use guichet::domain::email::EmailAddress;
use guichet::schema::tickets;
use guichet::store;

use crate::api_support::*;
use crate::helpers::*;
use crate::page_client::{Browser, csrf_of};

const PASSWORD: &str = "correct horse battery";

fn signed_in(d: &Desk, french: bool) -> Browser {
    let hash = guichet::password::hash(PASSWORD).expect("hash");
    {
        let c = &mut conn(&d.app.state);
        let email = EmailAddress::parse("stats@desk.test").expect("email");
        store::agents::add(c, &email, "Zoé Agent", &hash, false, clock_now()).expect("agent");
    }
    let mut b = Browser::new(&d.app.base);
    if french {
        b = b.french();
    }
    let form = b.get("/agent/login");
    let r = b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", "stats@desk.test".into()),
            ("password", PASSWORD.into()),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    b
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

fn set(
    d: &Desk,
    number: i64,
    state: &str,
    created: DateTime<Utc>,
    answered: Option<DateTime<Utc>>,
    refusal: Option<&str>,
) {
    let c = &mut conn(&d.app.state);
    let created = store::naive(created);
    let answered = answered.map(store::naive);
    guichet::db_run!(&mut **c, c => {
        diesel::update(tickets::table.find(number))
            .set((
                tickets::state.eq(state),
                tickets::created_at.eq(created),
                tickets::queued_at.eq(created),
                tickets::first_response_at.eq(answered),
                tickets::refusal_code.eq(refusal),
            ))
            .execute(c)
    })
    .expect("update ticket");
}

fn refused_mail(d: &Desk, key: &str, outcome: &str, at: DateTime<Utc>) {
    let c = &mut conn(&d.app.state);
    store::inbound::record(
        c,
        &store::inbound::Record {
            key,
            ticket_id: None,
            outcome,
            error: None,
            raw: b"",
            sender: None,
        },
        at,
    )
    .expect("record");
}

/// Four first responses after 2, 3, 9 (on time, exactly) and 14 business hours; one ticket
/// still waiting in the priority lane; one closed by a refusal; three refused mail senders.
fn seed(d: &Desk) -> NaiveDate {
    let mon = a_past_monday();
    let tue = mon.succ_opt().expect("date");
    let at = |h| paris(mon, h);
    let answered = [
        ("alice@example.com", Some(at(12))),
        ("alice@example.com", Some(at(13))),
        ("paula@example.com", Some(paris(tue, 10))),
        ("alice@example.com", Some(paris(tue, 15))),
        ("paula@example.com", None),
    ];
    for (email, first) in answered {
        let (n, _) = d.ticket(email);
        let state = if first.is_some() {
            "waiting_customer"
        } else {
            "queued"
        };
        set(d, n, state, at(10), first, None);
    }
    let (n, _) = d.ticket("alice@example.com");
    set(d, n, "closed", at(10), None, Some("support_expired"));
    refused_mail(d, "k1", "refused no_purchase", at(11));
    refused_mail(d, "k2", "refused no_purchase", at(11));
    refused_mail(d, "k3", "refused =cmd", at(11));
    refused_mail(d, "k4", "created 1", at(11));
    mon
}

fn day_rows(csv: &str) -> Vec<&str> {
    csv.split("\r\n\r\n")
        .next()
        .expect("days")
        .lines()
        .skip(1)
        .collect()
}

#[test]
fn the_page_and_the_csv_show_the_known_figures() {
    each_backend(|db| {
        let d = desk(db);
        let mon = seed(&d);
        let tue = mon.succ_opt().expect("date");
        let mut b = signed_in(&d, false);
        let page = b.get("/agent/stats");
        assert_eq!(page.status, 200, "{}", page.body);
        let body = &page.body;
        for want in [
            "<h1>Statistics</h1>",
            r#"role="img""#,
            r#"aria-labelledby="chart-queue-title chart-queue-desc""#,
            "<th scope=\"row\">Median</th><td>3 h 00 min</td>",
            "<th scope=\"row\">90th percentile</th><td>14 h 00 min</td>",
            "<th scope=\"row\">First responses</th><td>4</td>",
            "<td>75% (3 of 4)</td>",
            "<th scope=\"row\"><code>no_purchase</code></th><td>2</td>",
            "<th scope=\"row\"><code>support_expired</code></th><td>1</td>",
            "<th scope=\"row\"><code>=cmd</code></th><td>1</td>",
            &format!("<th scope=\"row\">{mon}</th><td>6</td><td>2</td>"),
            &format!("<th scope=\"row\">{mon}</th><td>2</td><td>1</td>"),
            &format!("<th scope=\"row\">{tue}</th><td>0</td><td>2</td>"),
            r#"<option value="30" selected>"#,
            r#"href="/agent/stats.csv?days=30""#,
        ] {
            assert!(body.contains(want), "{want} missing in:\n{body}");
        }
        assert!(!body.contains("<script"), "no script");
        assert!(!body.contains("style="), "no style attribute (CSP)");
        assert!(!body.contains("No data for this period."));

        let csv = b.get("/agent/stats.csv");
        assert_eq!(csv.status, 200);
        assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
        let today = clock_now()
            .with_timezone(&chrono_tz::Europe::Paris)
            .date_naive();
        assert_eq!(
            csv.header("content-disposition"),
            format!("attachment; filename=\"guichet-stats-{today}.csv\"")
        );
        let text = &csv.body;
        assert!(
            text.starts_with("date,created,first_answered,queue_priority,queue_standard\r\n"),
            "{text}"
        );
        let rows = day_rows(text);
        assert_eq!(rows.len(), 30, "{text}");
        assert!(rows.contains(&format!("{mon},6,2,2,1").as_str()), "{text}");
        assert!(rows.contains(&format!("{tue},0,2,1,0").as_str()), "{text}");
        assert_eq!(rows.last(), Some(&format!("{today},0,0,1,0").as_str()));
        for want in [
            "\r\nfigure,value\r\nperiod_days,30\r\nfirst_responses,4\r\n\
             median_business_hours,3.00\r\np90_business_hours,14.00\r\n\
             target_business_hours,9\r\nwithin_target,3\r\nshare_within_target_percent,75\r\n",
            "\r\nrefusal_code,refusals\r\n'=cmd,1\r\nno_purchase,2\r\nsupport_expired,1\r\n",
        ] {
            assert!(text.contains(want), "{want:?} missing in:\n{text}");
        }

        // French: the same figures, with French typography.
        let mut fr = signed_in_again(&d, true);
        let page = fr.get("/agent/stats?days=90");
        assert_eq!(page.status, 200);
        assert!(page.body.contains("<h1>Statistiques</h1>"), "{}", page.body);
        assert!(
            page.body.contains("<td>75\u{a0}% (3 sur 4)</td>"),
            "{}",
            page.body
        );
        assert!(page.body.contains(r#"<option value="90" selected>"#));
        let csv = fr.get("/agent/stats.csv?days=90");
        assert_eq!(day_rows(&csv.body).len(), 90);
    });
}

/// A second browser for the agent [`signed_in`] made.
fn signed_in_again(d: &Desk, french: bool) -> Browser {
    let mut b = Browser::new(&d.app.base);
    if french {
        b = b.french();
    }
    let form = b.get("/agent/login");
    let r = b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", "stats@desk.test".into()),
            ("password", PASSWORD.into()),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    b
}

#[test]
fn an_empty_desk_shows_zeros_and_bad_periods_are_the_default() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = signed_in(&d, false);
        let page = b.get("/agent/stats");
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(
            page.body.contains("No data for this period."),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains("<th scope=\"row\">First responses</th><td>0</td>")
        );
        assert!(
            page.body
                .contains("<th scope=\"row\">Median</th><td>No data for this period.</td>")
        );
        let csv = b.get("/agent/stats.csv");
        assert_eq!(csv.status, 200);
        let rows = day_rows(&csv.body);
        assert_eq!(rows.len(), 30);
        assert!(rows.iter().all(|r| r.ends_with(",0,0,0,0")), "{}", csv.body);
        assert!(
            csv.body
                .contains("\r\nfirst_responses,0\r\nmedian_business_hours,\r\n")
        );
        assert!(
            csv.body.ends_with("refusal_code,refusals\r\n"),
            "{}",
            csv.body
        );

        for bad in [
            "abc",
            "8",
            "-1",
            "0",
            "%ZZ",
            "99999999999999999999",
            "7.0",
            "",
        ] {
            let page = b.get(&format!("/agent/stats?days={bad}"));
            assert_eq!(page.status, 200, "{bad}");
            assert!(
                page.body.contains(r#"<option value="30" selected>"#),
                "{bad}"
            );
            let csv = b.get(&format!("/agent/stats.csv?days={bad}"));
            assert_eq!(csv.status, 200, "{bad}");
            assert_eq!(day_rows(&csv.body).len(), 30, "{bad}");
        }
        let csv = b.get("/agent/stats.csv?days=7&days=90&x=1");
        assert_eq!(csv.status, 200);
        assert_eq!(day_rows(&csv.body).len(), 7);
    });
}

#[test]
fn signed_out_visitors_are_sent_to_sign_in() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        for (path, next) in [
            ("/agent/stats", "/agent/stats"),
            ("/agent/stats.csv?days=7", "/agent/stats.csv%3Fdays%3D7"),
        ] {
            let r = b.get(path);
            assert_eq!(r.status, 303, "{path}");
            assert_eq!(
                r.header("location"),
                format!("/agent/login?next={next}"),
                "{path}"
            );
        }
    });
}
