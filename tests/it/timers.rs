//! The lifecycle timers on both databases, with a manual clock instead of sleeping: a silent
//! `waiting_customer` ticket resolves after `autoresolve_days` and not a day sooner, with one
//! notice in its language; two passes, or two processes' states over one database, change each
//! ticket once and write one notice; `resolved` closes after `reopen_days`; `needs_info` closes
//! after `needs_info_days`; credentials go at each step.

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use diesel::prelude::*;

use guichet::clock::ManualClock;
use guichet::domain::lifecycle::TicketState;
use guichet::schema::{outbox, ticket_credentials, tickets};
use guichet::startup::AppState;
use guichet::workers::timers::{TimerReport, run_once};

use crate::api_support::*;
use crate::helpers::*;

/// The agent's reply, well after the tickets were created with the system clock.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 7, 9, 0, 0)
        .single()
        .expect("valid instant")
}

/// The desk's state on a clock standing at `at`.
fn at(state: &AppState, at: DateTime<Utc>) -> (AppState, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::at(at));
    (state.clone().with_clock(clock.clone()), clock)
}

/// A ticket through the API (in `lang`), then put in `waiting_customer` as an agent reply at
/// `t0` would (the reply path is not built yet), with credentials to purge.
fn waiting_ticket(d: &Desk, lang: &str) -> i64 {
    let mut body = ticket_body("alice@example.com", "3.7.28");
    body["lang"] = lang.into();
    let r = d.client.post("/api/v1/tickets", Some(&d.intake), &body);
    assert_eq!(r.status, 201, "{}", r.json);
    let n = r.json["number"].as_i64().expect("number");
    let reply = t0().naive_utc();
    set(d, |c| {
        guichet::db_run!(c, c => {
            diesel::update(tickets::table.find(n))
                .set((
                    tickets::state.eq("waiting_customer"),
                    tickets::last_agent_reply_at.eq(Some(reply)),
                    tickets::updated_at.eq(reply),
                ))
                .execute(c)
        })
    });
    give_credentials(d, n);
    n
}

fn set(d: &Desk, f: impl FnOnce(&mut guichet::db::DbConn) -> QueryResult<usize>) {
    let c = &mut conn(&d.app.state);
    assert_eq!(f(c).expect("update"), 1);
}

/// Stand-in sealed credentials: the timers only delete the row, they never open it.
fn give_credentials(d: &Desk, n: i64) {
    let stamp = t0().naive_utc();
    set(d, |c| {
        guichet::db_run!(c, c => {
            diesel::insert_into(ticket_credentials::table)
                .values((
                    ticket_credentials::ticket_id.eq(n),
                    ticket_credentials::nonce.eq(vec![1u8; 24]),
                    ticket_credentials::ciphertext.eq(vec![2u8; 40]),
                    ticket_credentials::created_at.eq(stamp),
                ))
                .execute(c)
        })
    });
}

fn has_credentials(d: &Desk, n: i64) -> bool {
    let c = &mut conn(&d.app.state);
    let count: i64 = guichet::db_run!(&mut **c, c => {
        ticket_credentials::table
            .filter(ticket_credentials::ticket_id.eq(n))
            .count()
            .get_result(c)
    })
    .expect("count");
    count > 0
}

fn state_of(d: &Desk, n: i64) -> (String, Option<chrono::NaiveDateTime>) {
    let c = &mut conn(&d.app.state);
    guichet::db_run!(&mut **c, c => {
        tickets::table
            .find(n)
            .select((tickets::state, tickets::resolved_at))
            .first(c)
    })
    .expect("ticket")
}

/// (lang, subject, body, auto_submitted, to) of the ticket's autoresolve notices.
type Notice = (String, String, String, bool, String);

fn notices(d: &Desk, n: i64) -> Vec<Notice> {
    let c = &mut conn(&d.app.state);
    guichet::db_run!(&mut **c, c => {
        outbox::table
            .filter(outbox::ticket_id.eq(n))
            .filter(outbox::kind.eq("autoresolve_notice"))
            .select((
                outbox::lang,
                outbox::subject,
                outbox::body_text,
                outbox::auto_submitted,
                outbox::to_addr,
            ))
            .load(c)
    })
    .expect("outbox")
}

fn report(autoresolved: usize, closed_resolved: usize, closed_needs_info: usize) -> TimerReport {
    TimerReport {
        autoresolved,
        closed_resolved,
        closed_needs_info,
    }
}

#[test]
fn timers_resolve_a_silent_ticket_after_the_window_and_not_before() {
    each_backend(|db| {
        let d = desk(db);
        let n = waiting_ticket(&d, "en");
        let days = d.app.state.config.autoresolve_days;
        assert_eq!(days, 14, "the default window");
        let (state, clock) = at(&d.app.state, t0() + Duration::days(i64::from(days) - 1));
        assert_eq!(run_once(&state).expect("pass"), report(0, 0, 0));
        assert_eq!(state_of(&d, n).0, "waiting_customer", "one day short stays");
        // The exact end of the window is still inside it.
        clock.set(t0() + Duration::days(i64::from(days)));
        assert_eq!(run_once(&state).expect("pass"), report(0, 0, 0));
        assert!(notices(&d, n).is_empty());
        assert!(has_credentials(&d, n));

        clock.advance(Duration::minutes(1));
        assert_eq!(run_once(&state).expect("pass"), report(1, 0, 0));
        let (now_state, resolved_at) = state_of(&d, n);
        assert_eq!(now_state, TicketState::Resolved.as_str());
        assert_eq!(resolved_at, Some(state.now().naive_utc()));
        assert!(!has_credentials(&d, n), "credentials purged on resolve");
        let sent = notices(&d, n);
        assert_eq!(sent.len(), 1, "{sent:?}");
        let (lang, subject, body, auto, to) = &sent[0];
        assert_eq!(lang, "en");
        assert!(subject.contains(&format!("[#{n}]")), "{subject}");
        assert!(body.contains("not heard back"), "{body}");
        assert!(body.contains("within 7 days"), "{body}");
        assert!(*auto, "automatic mail");
        assert_eq!(to, "alice@example.com");

        // A second pass finds nothing more to do.
        assert_eq!(run_once(&state).expect("pass"), report(0, 0, 0));
        assert_eq!(notices(&d, n).len(), 1);
    });
}

#[test]
fn timers_notice_is_in_the_tickets_language() {
    each_backend(|db| {
        let d = desk(db);
        let n = waiting_ticket(&d, "fr");
        let (state, _) = at(&d.app.state, t0() + Duration::days(15));
        assert_eq!(run_once(&state).expect("pass"), report(1, 0, 0));
        let sent = notices(&d, n);
        assert_eq!(sent.len(), 1, "{sent:?}");
        let (lang, subject, body, _, _) = &sent[0];
        assert_eq!(lang, "fr");
        assert!(
            subject.starts_with(&format!("[#{n}] Demande résolue")),
            "{subject}"
        );
        assert!(body.contains("Bonjour Alice Martin"), "{body}");
        assert!(body.contains("dans les 7 jours"), "{body}");
        assert!(
            !body.contains(" :"),
            "no-break space before the colon: {body}"
        );
    });
}

#[test]
fn timers_from_two_states_change_each_ticket_once() {
    each_backend(|db| {
        let d = desk(db);
        let numbers: Vec<i64> = (0..4).map(|_| waiting_ticket(&d, "en")).collect();
        let when = t0() + Duration::days(15);
        let (first, _) = at(&d.app.state, when);
        // A second process: its own pool and configuration over the same database.
        let (second, _) = at(&db.state(), when);
        let results: Vec<TimerReport> = std::thread::scope(|s| {
            let a = s.spawn(|| run_once(&first).expect("pass"));
            let b = s.spawn(|| run_once(&second).expect("pass"));
            vec![a.join().expect("first"), b.join().expect("second")]
        });
        let total: usize = results.iter().map(|r| r.autoresolved).sum();
        assert_eq!(total, numbers.len(), "{results:?}");
        for n in &numbers {
            assert_eq!(state_of(&d, *n).0, "resolved");
            assert_eq!(notices(&d, *n).len(), 1, "ticket {n}");
        }
        assert_eq!(run_once(&first).expect("pass"), report(0, 0, 0));
        assert_eq!(run_once(&second).expect("pass"), report(0, 0, 0));
    });
}

#[test]
fn timers_close_resolved_tickets_after_the_reopen_window() {
    each_backend(|db| {
        let d = desk(db);
        let n = waiting_ticket(&d, "en");
        let (state, clock) = at(&d.app.state, t0() + Duration::days(15));
        assert_eq!(run_once(&state).expect("pass"), report(1, 0, 0));
        let resolved = state.now();
        give_credentials(&d, n);
        let reopen = i64::from(state.config.lifecycle.reopen_days);
        clock.set(resolved + Duration::days(reopen));
        assert_eq!(run_once(&state).expect("pass"), report(0, 0, 0));
        assert_eq!(state_of(&d, n).0, "resolved", "the last instant is inside");
        clock.advance(Duration::microseconds(1));
        assert_eq!(run_once(&state).expect("pass"), report(0, 1, 0));
        assert_eq!(state_of(&d, n).0, "closed");
        assert!(!has_credentials(&d, n), "credentials purged on close");
        assert_eq!(notices(&d, n).len(), 1, "closing sends no mail");
        assert_eq!(run_once(&state).expect("pass"), report(0, 0, 0));
    });
}

#[test]
fn timers_close_needs_info_after_its_window() {
    each_backend(|db| {
        let d = desk(db);
        let (n, _) = d.ticket("alice@example.com");
        let created = t0().naive_utc();
        set(&d, |c| {
            guichet::db_run!(c, c => {
                diesel::update(tickets::table.find(n))
                    .set((tickets::state.eq("needs_info"), tickets::created_at.eq(created)))
                    .execute(c)
            })
        });
        give_credentials(&d, n);
        let days = i64::from(d.app.state.config.needs_info_days);
        let (state, clock) = at(&d.app.state, t0() + Duration::days(days - 1));
        assert_eq!(run_once(&state).expect("pass"), report(0, 0, 0));
        assert_eq!(state_of(&d, n).0, "needs_info");
        clock.set(t0() + Duration::days(days) + Duration::hours(1));
        assert_eq!(run_once(&state).expect("pass"), report(0, 0, 1));
        assert_eq!(state_of(&d, n), ("closed".to_string(), None));
        assert!(!has_credentials(&d, n));
        let c = &mut conn(&d.app.state);
        let code: Option<String> = guichet::db_run!(&mut **c, c => {
            tickets::table.find(n).select(tickets::refusal_code).first(c)
        })
        .expect("ticket");
        assert_eq!(code, None, "an expired form is not an eligibility refusal");
    });
}
