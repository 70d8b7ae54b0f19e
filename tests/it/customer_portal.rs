//! The portal's posts over a real server, on both databases: the confirmed reply (and the one
//! without confirmation), a reply on a closed ticket, "my issue is solved", CSRF, and the rate
//! limits of the pages' forms.

use guichet::domain::ids::TicketId;
use guichet::domain::lifecycle::TicketState;
use guichet::store;
use guichet::store::models::Ticket;

use crate::api_support::*;
use crate::helpers::*;
use crate::page_client::*;

fn ticket(d: &TestApp, number: i64) -> Ticket {
    store::tickets::get(&mut conn(&d.state), TicketId::new(number))
        .expect("read")
        .expect("a ticket")
}

fn thread(d: &TestApp, number: i64) -> Vec<String> {
    store::tickets::messages(&mut conn(&d.state), TicketId::new(number), false)
        .expect("messages")
        .into_iter()
        .map(|m| m.body)
        .collect()
}

/// Opens the portal and returns its CSRF token.
fn open(b: &mut Browser, portal: &str) -> String {
    let page = b.get(&format!("/t/{portal}"));
    assert_eq!(page.status, 200, "{}", page.body);
    csrf_of(&page.body)
}

fn reply(csrf: &str, text: &str, confirm: bool) -> Vec<(&'static str, String)> {
    let mut form = vec![("csrf", csrf.to_string()), ("body", text.to_string())];
    if confirm {
        form.push(("confirm", "yes".into()));
    }
    form
}

#[test]
fn a_reply_without_the_confirmation_comes_back_and_stores_nothing() {
    each_backend(|db| {
        let d = desk(db);
        let (number, portal) = d.ticket("alice@example.com");
        let mut b = Browser::new(&d.app.base);
        let csrf = open(&mut b, &portal);
        let page = b.post(
            &format!("/t/{portal}/reply"),
            &reply(&csrf, "More <details> here", false),
        );
        assert_eq!(page.status, 422, "{}", page.body);
        assert!(
            page.body.contains("details&#62; here"),
            "text kept, escaped"
        );
        assert!(!page.body.contains("<details>"), "never as markup");
        assert!(
            page.body.contains("id=\"f-confirm-error\""),
            "{}",
            page.body
        );
        assert!(
            page.body.contains("aria-describedby=\"f-confirm-error\""),
            "the error is tied to the box"
        );
        assert!(page.body.contains("href=\"#f-confirm\""), "in the summary");
        assert_eq!(page.header("cache-control"), "no-store");
        // A blank message is refused with the API's rule, even when confirmed.
        let page = b.post(
            &format!("/t/{portal}/reply"),
            &reply(&csrf, "  \r\n ", true),
        );
        assert_eq!(page.status, 422);
        assert!(page.body.contains("id=\"f-body-error\""), "{}", page.body);
        assert_eq!(thread(&d.app, number).len(), 1, "nothing stored");
    });
}

#[test]
fn a_confirmed_reply_joins_the_thread_and_goes_to_the_back() {
    each_backend(|db| {
        let d = desk(db);
        let (first, portal) = d.ticket("alice@example.com");
        let (_second, _) = d.ticket("paula@example.com");
        let before = ticket(&d.app, first);
        let mut b = Browser::new(&d.app.base);
        let csrf = open(&mut b, &portal);
        let page = b.post(
            &format!("/t/{portal}/reply"),
            &reply(&csrf, "It also fails\r\non credit notes.", true),
        );
        assert_eq!(page.status, 303, "{}", page.body);
        assert_eq!(page.header("location"), format!("/t/{portal}?sent=1"));
        let thread = thread(&d.app, first);
        assert_eq!(thread.len(), 2);
        assert_eq!(thread[1], "It also fails\non credit notes.");
        let after = ticket(&d.app, first);
        assert!(after.queued_at >= before.queued_at);
        assert!(
            after.queue_seq > before.queue_seq,
            "behind the other ticket"
        );
        let page = b.get(page.header("location"));
        assert!(page.body.contains("position 2"), "{}", page.body);
        assert!(page.body.contains("on credit notes."));
    });
}

#[test]
fn a_reply_on_a_closed_ticket_opens_a_linked_one() {
    each_backend(|db| {
        let d = desk(db);
        let (number, portal) = d.ticket("alice@example.com");
        {
            use diesel::prelude::*;
            use guichet::schema::tickets;
            let c = &mut conn(&d.app.state);
            guichet::db_run!(&mut **c, c => {
                diesel::update(tickets::table.find(number))
                    .set(tickets::state.eq("closed"))
                    .execute(c)
            })
            .expect("close");
        }
        let mut b = Browser::new(&d.app.base);
        let csrf = open(&mut b, &portal);
        let page = b.post(
            &format!("/t/{portal}/reply"),
            &reply(&csrf, "It is back.", true),
        );
        assert_eq!(page.status, 303, "{}", page.body);
        let location = page.header("location").to_string();
        let new_token = location
            .strip_prefix("/t/")
            .and_then(|rest| rest.strip_suffix("?new=1"))
            .expect("the new ticket's portal");
        assert_ne!(new_token, portal);
        let page = b.get(&location);
        assert_eq!(page.status, 200);
        assert!(page.body.contains("It is back."), "{}", page.body);
        assert_eq!(
            thread(&d.app, number).len(),
            1,
            "the closed ticket is untouched"
        );
        let new = ticket(&d.app, number + 1);
        assert_eq!(new.parent_id, Some(TicketId::new(number)));
        assert_eq!(new.state, TicketState::Queued);
    });
}

#[test]
fn a_refused_follow_up_comes_back_with_the_refusal_and_the_text() {
    each_backend(|db| {
        let d = desk(db);
        let (number, portal) = d.ticket("alice@example.com");
        {
            use diesel::prelude::*;
            use guichet::schema::{purchases, tickets};
            let long_ago = (clock_now() - chrono::Duration::days(800)).date_naive();
            let c = &mut conn(&d.app.state);
            guichet::db_run!(&mut **c, c => {
                diesel::update(tickets::table.find(number))
                    .set(tickets::state.eq("closed"))
                    .execute(c)
            })
            .expect("close");
            guichet::db_run!(&mut **c, c => {
                diesel::update(purchases::table.filter(purchases::email.eq("alice@example.com")))
                    .set((
                        purchases::purchased_at.eq(long_ago),
                        purchases::support_until.eq(long_ago),
                    ))
                    .execute(c)
            })
            .expect("expire");
        }
        let before = store::tickets::count(&mut conn(&d.app.state)).expect("count");
        let mut b = Browser::new(&d.app.base);
        let csrf = open(&mut b, &portal);
        let page = b.post(
            &format!("/t/{portal}/reply"),
            &reply(&csrf, "Still broken.", true),
        );
        assert_eq!(page.status, 422, "{}", page.body);
        assert!(page.body.contains("role=\"alert\""), "{}", page.body);
        assert!(page.body.contains(">Still broken.</textarea>"), "text kept");
        let after = store::tickets::count(&mut conn(&d.app.state)).expect("count");
        assert_eq!(after, before, "no ticket opened");
    });
}

#[test]
fn my_issue_is_solved_resolves_once() {
    each_backend(|db| {
        let d = desk(db);
        let (number, portal) = d.ticket("alice@example.com");
        let mut b = Browser::new(&d.app.base).french();
        let csrf = open(&mut b, &portal);
        let solved = format!("/t/{portal}/solved");
        let page = b.post(&solved, &[("csrf", csrf.clone())]);
        assert_eq!(page.status, 303, "{}", page.body);
        assert_eq!(page.header("location"), format!("/t/{portal}?solved=1"));
        let t = ticket(&d.app, number);
        assert_eq!(t.state, TicketState::Resolved);
        assert!(t.resolved_at.is_some());
        let page = b.get(page.header("location"));
        assert!(page.body.contains("marquée comme résolue"), "{}", page.body);
        assert!(!page.body.contains(&solved), "no button once solved");
        // Again: nothing changes, and the page says so.
        let page = b.post(&solved, &[("csrf", csrf)]);
        assert_eq!(page.header("location"), format!("/t/{portal}?solved=0"));
        assert_eq!(ticket(&d.app, number).resolved_at, t.resolved_at);
        let page = b.get(page.header("location"));
        assert!(page.body.contains("Rien n’a été modifié"), "{}", page.body);
    });
}

#[test]
fn a_wrong_csrf_token_changes_nothing() {
    each_backend(|db| {
        let d = desk(db);
        let (number, portal) = d.ticket("alice@example.com");
        let mut b = Browser::new(&d.app.base);
        let _ = open(&mut b, &portal);
        let bad = "0".repeat(64);
        let page = b.post(&format!("/t/{portal}/reply"), &reply(&bad, "Hello", true));
        assert_eq!(page.status, 403, "{}", page.body);
        assert!(page.body.contains("expired"), "{}", page.body);
        assert!(page.body.contains(">Hello</textarea>"), "text kept");
        let page = b.post(&format!("/t/{portal}/solved"), &[("csrf", bad)]);
        assert_eq!(page.status, 403);
        // Another browser without the cookie cannot use this one's token.
        let token = open(&mut b, &portal);
        let mut other = Browser::new(&d.app.base);
        let page = other.post(&format!("/t/{portal}/solved"), &[("csrf", token)]);
        assert_eq!(page.status, 403);
        assert_eq!(thread(&d.app, number).len(), 1);
        assert_eq!(ticket(&d.app, number).state, TicketState::Queued);
        // A token that opens nothing is the plain 404, before any other check.
        let page = b.post(&format!("/t/{}/solved", "a".repeat(64)), &[]);
        assert_eq!(page.status, 404);
    });
}

/// A server with `settings` over a desk where alice may open tickets; returns it and one portal.
fn limited(db: &TestDb, settings: &[(&str, &str)]) -> (TestApp, String) {
    let app = spawn_app(db, settings);
    {
        let c = &mut conn(&app.state);
        seed_product(c, "shop");
        seed_purchase(
            c,
            "O-1",
            "alice@example.com",
            "shop",
            5,
            guichet::domain::eligibility::Tier::Standard,
        );
    }
    let mut b = Browser::new(&app.base);
    let csrf = b.open_form();
    let page = b.post("/", &good_form(&csrf));
    assert_eq!(page.status, 303, "{}", page.body);
    let portal = page
        .header("location")
        .strip_prefix("/t/")
        .and_then(|rest| rest.strip_suffix("?new=1"))
        .expect("a portal link")
        .to_string();
    (app, portal)
}

#[test]
fn over_the_limit_is_429_with_retry_after_and_the_text_kept() {
    each_backend(|db| {
        let (app, portal) = limited(db, &[("form_limit", "1"), ("form_window_minutes", "5")]);
        let mut b = Browser::new(&app.base);
        let csrf = open(&mut b, &portal);
        let path = format!("/t/{portal}/reply");
        assert_eq!(b.post(&path, &reply(&csrf, "One", true)).status, 303);
        let page = b.post(&path, &reply(&csrf, "Two", true));
        assert_eq!(page.status, 429, "{}", page.body);
        let retry: u64 = page.header("retry-after").parse().expect("seconds");
        assert!((1..=300).contains(&retry), "{retry}");
        assert!(page.body.contains(">Two</textarea>"), "{}", page.body);
        assert!(page.body.contains("5 minutes"), "{}", page.body);
        assert_eq!(thread(&app, 1).len(), 2, "the second was not stored");
        // The intake form has its own count, and the same answer when over it.
        let csrf = b.open_form();
        let page = b.post("/", &good_form(&csrf));
        assert_eq!(page.status, 429, "the setup used the one form post");
        assert!(page.body.contains("value=\"Alice Martin\""), "values kept");
        assert!(!page.header("retry-after").is_empty());
    });
}

#[test]
fn the_email_limit_holds_across_addresses_and_rate_limits_false_lifts_all() {
    each_backend(|db| {
        let (app, portal) = limited(db, &[("form_limit", "100"), ("form_email_limit", "1")]);
        let mut b = Browser::new(&app.base).french();
        let csrf = open(&mut b, &portal);
        let solved = format!("/t/{portal}/solved");
        assert_eq!(b.post(&solved, &[("csrf", csrf.clone())]).status, 303);
        let page = b.post(&solved, &[("csrf", csrf)]);
        assert_eq!(page.status, 429);
        assert!(page.body.contains("Merci de patienter"), "{}", page.body);
    });
    each_backend(|db| {
        let (app, portal) = limited(db, &[("form_limit", "1"), ("rate_limits", "false")]);
        let mut b = Browser::new(&app.base);
        let csrf = open(&mut b, &portal);
        let path = format!("/t/{portal}/reply");
        for text in ["One", "Two", "Three"] {
            assert_eq!(b.post(&path, &reply(&csrf, text, true)).status, 303);
        }
    });
}
