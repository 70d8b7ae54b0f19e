//! The agents' dashboard as a browser without JavaScript uses it, on both databases: sign-in
//! (signed session cookie, CSRF, rate limits, no hint of which emails are agents, no open
//! redirect), sessions that end at once on deactivation or a password reset, sign-out, the
//! queue page (both lanes in order, positions, filters, keyset pages, take-next) and the
//! ticket page.

use guichet::domain::email::EmailAddress;
use guichet::store;

use crate::api_support::*;
use crate::helpers::*;
use crate::page_client::{Browser, Page, csrf_of};

const PASSWORD: &str = "correct horse battery";

/// An agent with a real password (argon2id), for signing in through the form.
fn agent(d: &Desk, email: &str, admin: bool) -> i64 {
    let hash = guichet::password::hash(PASSWORD).expect("hash");
    let c = &mut conn(&d.app.state);
    let email = EmailAddress::parse(email).expect("email");
    store::agents::add(c, &email, "Zoé Agent", &hash, admin, clock_now())
        .expect("agent")
        .id
}

fn sign_in_as(b: &mut Browser, email: &str, password: &str, next: &str) -> Page {
    let form = b.get("/agent/login");
    assert_eq!(form.status, 200, "{}", form.body);
    b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", email.to_string()),
            ("password", password.to_string()),
            ("next", next.to_string()),
        ],
    )
}

/// A browser signed in as a new agent `email`.
pub(crate) fn signed_in(d: &Desk, email: &str) -> Browser {
    agent(d, email, false);
    let mut b = Browser::new(&d.app.base);
    let r = sign_in_as(&mut b, email, PASSWORD, "");
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), "/agent");
    b
}

#[test]
fn anonymous_visitors_reach_nothing_and_are_sent_to_sign_in() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        for path in [
            "/agent",
            "/agent/tickets/1",
            "/agent/tickets/1/attachments/1",
        ] {
            let r = b.get(path);
            assert_eq!(r.status, 303, "{path}");
            assert!(
                r.header("location").starts_with("/agent/login?next=/agent"),
                "{path}: {}",
                r.header("location")
            );
        }
        let r = b.post("/agent/take", &[("csrf", "x".repeat(64))]);
        assert_eq!(r.status, 303);
        // The sign-in page says why, and comes back to where the agent was going.
        let r = b.get("/agent/login?next=/agent/tickets/1");
        assert_eq!(r.status, 200);
        assert!(
            r.body.contains(r#"name="next" value="/agent/tickets/1""#),
            "{}",
            r.body
        );
        assert!(r.body.contains("Please sign in"));
    });
}

#[test]
fn signing_in_sets_a_signed_http_only_cookie_and_opens_the_queue() {
    each_backend(|db| {
        let d = desk(db);
        agent(&d, "zoe@desk.test", false);
        let mut b = Browser::new(&d.app.base);
        let r = sign_in_as(&mut b, "Zoe@Desk.test ", PASSWORD, "/agent/tickets/3");
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.header("location"), "/agent/tickets/3");
        let cookie = r
            .set_cookies
            .iter()
            .find(|c| c.starts_with("guichet_session="))
            .expect("a session cookie");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(
            !cookie.contains("zoe"),
            "the cookie names no email: {cookie}"
        );
        let q = b.get("/agent");
        assert_eq!(q.status, 200, "{}", q.body);
        assert!(q.body.contains("Signed in as Zoé Agent"));
        // Signing in again gives a new value: the session is rotated at each sign-in.
        let again = b.post(
            "/agent/login",
            &[
                ("csrf", csrf_of(&q.body)),
                ("email", "zoe@desk.test".into()),
                ("password", PASSWORD.into()),
            ],
        );
        let second = again
            .set_cookies
            .iter()
            .find(|c| c.starts_with("guichet_session="))
            .expect("a new session cookie");
        assert_ne!(cookie.split(';').next(), second.split(';').next());
    });
}

#[test]
fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    each_backend(|db| {
        let d = desk(db);
        agent(&d, "zoe@desk.test", false);
        let mut b = Browser::new(&d.app.base);
        let wrong = sign_in_as(&mut b, "zoe@desk.test", "not the password", "");
        let unknown = sign_in_as(&mut b, "nobody@desk.test", PASSWORD, "");
        for r in [&wrong, &unknown] {
            assert_eq!(r.status, 401);
            assert!(
                r.body.contains("do not match an active agent"),
                "{}",
                r.body
            );
            assert!(!r.body.contains(PASSWORD) && !r.body.contains("not the password"));
            assert!(
                r.set_cookies
                    .iter()
                    .all(|c| !c.starts_with("guichet_session="))
            );
        }
        assert!(
            wrong.body.contains(r#"value="zoe@desk.test""#),
            "the email is kept"
        );
        // No CSRF token: refused before any password work.
        let r = b.post(
            "/agent/login",
            &[
                ("email", "zoe@desk.test".into()),
                ("password", PASSWORD.into()),
            ],
        );
        assert_eq!(r.status, 403);
    });
}

#[test]
fn sign_in_attempts_are_limited_per_account() {
    each_backend(|db| {
        let d = desk_with(db, &[("signin_account_limit", "3"), ("signin_limit", "50")]);
        agent(&d, "zoe@desk.test", false);
        let mut b = Browser::new(&d.app.base);
        for _ in 0..3 {
            assert_eq!(sign_in_as(&mut b, "zoe@desk.test", "guess", "").status, 401);
        }
        // Even the right password waits now: the limit counts attempts, not failures.
        let r = sign_in_as(&mut b, "zoe@desk.test", PASSWORD, "");
        assert_eq!(r.status, 429, "{}", r.body);
        assert!(r.header("retry-after").parse::<u64>().is_ok_and(|s| s > 0));
        assert!(r.body.contains("Too many sign-in attempts"));
        // Another account from the same browser is not locked out by it.
        agent(&d, "yann@desk.test", false);
        assert_eq!(
            sign_in_as(&mut b, "yann@desk.test", PASSWORD, "").status,
            303
        );
    });
}

#[test]
fn the_next_page_after_sign_in_is_always_on_the_dashboard() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    agent(&d, "zoe@desk.test", false);
    for next in [
        "https://evil.test/",
        "//evil.test/agent",
        "/t/token",
        "/agent//x",
        "/administrator",
    ] {
        let mut b = Browser::new(&d.app.base);
        let r = sign_in_as(&mut b, "zoe@desk.test", PASSWORD, next);
        assert_eq!((r.status, r.header("location")), (303, "/agent"), "{next}");
    }
}

#[test]
fn sign_in_returns_to_the_admin_page_its_gate_sent_from() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    agent(&d, "boss@desk.test", true);
    let mut b = Browser::new(&d.app.base);
    let r = b.get("/admin/agents");
    assert_eq!(r.header("location"), "/agent/login?next=/admin/agents");
    let r = sign_in_as(&mut b, "boss@desk.test", PASSWORD, "/admin/agents");
    assert_eq!((r.status, r.header("location")), (303, "/admin/agents"));
    assert_eq!(b.get("/admin/agents").status, 200);
}

#[test]
fn deactivation_or_a_new_password_ends_the_session_at_once() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = signed_in(&d, "zoe@desk.test");
        let mut other = signed_in(&d, "yann@desk.test");
        assert_eq!(b.get("/agent").status, 200);
        let c = &mut conn(&d.app.state);
        store::agents::deactivate(c, &EmailAddress::parse("zoe@desk.test").expect("email"))
            .expect("deactivate");
        let r = b.get("/agent");
        assert_eq!(r.status, 303, "a deactivated agent's session stops");
        assert!(
            r.set_cookies
                .iter()
                .any(|c| c.starts_with("guichet_session=")),
            "and its cookie goes"
        );
        assert_eq!(
            sign_in_as(&mut b, "zoe@desk.test", PASSWORD, "").status,
            401
        );
        let hash = guichet::password::hash("another long password").expect("hash");
        store::agents::set_password(
            c,
            &EmailAddress::parse("yann@desk.test").expect("email"),
            &hash,
        )
        .expect("reset");
        assert_eq!(
            other.get("/agent").status,
            303,
            "a password reset ends the session"
        );
    });
}

#[test]
fn signing_out_needs_the_form_token_and_ends_the_session() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = signed_in(&d, "zoe@desk.test");
        let page = b.get("/agent");
        assert_eq!(
            b.post("/agent/logout", &[("csrf", "0".repeat(64))]).status,
            403
        );
        assert_eq!(b.get("/agent").status, 200, "still signed in");
        let r = b.post("/agent/logout", &[("csrf", csrf_of(&page.body))]);
        assert_eq!((r.status, r.header("location")), (303, "/agent/login"));
        assert_eq!(b.get("/agent").status, 303);
    });
}

/// The numbers of the queue page's rows, in order.
fn numbers(body: &str) -> Vec<i64> {
    body.split("href=\"/agent/tickets/")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

#[test]
fn the_queue_shows_both_lanes_in_order_and_take_next_claims_the_head() {
    each_backend(|db| {
        let d = desk(db);
        let (a1, _) = d.ticket("alice@example.com");
        let (p1, _) = d.ticket("paula@example.com");
        let mut b = signed_in(&d, "zoe@desk.test");
        let q = b.get("/agent");
        assert_eq!(q.status, 200);
        assert_eq!(numbers(&q.body), vec![p1, a1], "priority lane first");
        assert!(q.body.contains("1 priority, 1 standard"), "{}", q.body);
        assert!(q.body.contains("Invoices are blank"));
        assert!(q.body.contains("alice@example.com"));
        assert!(
            q.body.contains(" left") || q.body.contains("overdue by"),
            "the response target"
        );
        let r = b.post("/agent/take", &[("csrf", csrf_of(&q.body))]);
        assert_eq!(
            (r.status, r.header("location")),
            (303, format!("/agent/tickets/{p1}").as_str())
        );
        let t = b.get(&format!("/agent/tickets/{p1}"));
        assert_eq!(t.status, 200, "{}", t.body);
        assert!(t.body.contains("zoe@desk.test"), "assigned to the agent");
        // Filters: the agent's own tickets, or one lane.
        let mine = b.get("/agent?mine=1");
        assert_eq!(numbers(&mine.body), vec![p1]);
        let standard = b.get("/agent?lane=standard");
        assert_eq!(numbers(&standard.body), vec![a1]);
        // Take next again, then once more on an empty unassigned queue.
        let q = b.get("/agent");
        b.post("/agent/take", &[("csrf", csrf_of(&q.body))]);
        let r = b.post("/agent/take", &[("csrf", csrf_of(&q.body))]);
        assert_eq!((r.status, r.header("location")), (303, "/agent?empty=1"));
        assert!(
            b.get("/agent?empty=1")
                .body
                .contains("No unassigned ticket is waiting.")
        );
    });
}

#[test]
fn queue_pages_follow_on_with_exact_positions() {
    each_backend(|db| {
        let d = desk(db);
        let made: Vec<i64> = (0..57).map(|_| d.ticket("alice@example.com").0).collect();
        let mut b = signed_in(&d, "zoe@desk.test");
        let first = b.get("/agent");
        assert_eq!(numbers(&first.body), made[..50].to_vec());
        let next = first
            .body
            .split("href=\"")
            .find(|s| s.starts_with("/agent?after="))
            .and_then(|s| s.split('"').next())
            .expect("a next-page link")
            .replace("&amp;", "&");
        let second = b.get(&next);
        assert_eq!(numbers(&second.body), made[50..].to_vec());
        assert!(
            second.body.contains("<td>51</td>"),
            "positions go on from the first page"
        );
        assert!(!second.body.contains("rel=\"next\""));
    });
}

#[test]
fn the_ticket_page_shows_the_thread_purchases_and_verdict() {
    each_backend(|db| {
        let d = desk(db);
        let (n, _) = d.ticket("alice@example.com");
        let mut b = signed_in(&d, "zoe@desk.test");
        let t = b.get(&format!("/agent/tickets/{n}"));
        assert_eq!(t.status, 200);
        for want in [
            "Since the update every invoice is blank.",
            "order O-1",
            "in support",
            "eligible",
            "Reply to the customer",
            "Internal note",
        ] {
            assert!(t.body.contains(want), "{want} missing");
        }
        assert_eq!(b.get("/agent/tickets/999999").status, 404);
        assert_eq!(b.get("/agent/tickets/x").status, 404);
        let fr = b.get(&format!("/agent/tickets/{n}?lang=fr"));
        assert!(fr.body.contains("Répondre au client"));
    });
}

fn ticket_state(d: &Desk, n: i64) -> String {
    let c = &mut conn(&d.app.state);
    store::tickets::get(c, guichet::domain::ids::TicketId::new(n))
        .expect("read")
        .expect("ticket")
        .state
        .as_str()
        .to_string()
}

#[test]
fn the_ticket_page_replies_notes_and_changes_state_like_the_api() {
    each_backend(|db| {
        let d = desk(db);
        let (n, _) = d.ticket("alice@example.com");
        let mut b = signed_in(&d, "zoe@desk.test");
        let path = format!("/agent/tickets/{n}");
        let page = b.get(&path);
        let csrf = csrf_of(&page.body);

        // An empty reply comes back with the reason beside the box; a bad token keeps the text.
        let r = b.post(
            &format!("{path}/reply"),
            &[
                ("csrf", csrf.clone()),
                ("body", "  ".into()),
                ("do", "send".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Write something first."));
        let r = b.post(
            &format!("{path}/reply"),
            &[
                ("csrf", "0".repeat(64)),
                ("body", "Kept text".into()),
                ("do", "send".into()),
            ],
        );
        assert_eq!(r.status, 403);
        assert!(r.body.contains("Kept text"), "the typed reply is kept");
        assert_eq!(ticket_state(&d, n), "queued", "nothing changed");

        // A note stays inside the team.
        let r = b.post(
            &format!("{path}/note"),
            &[
                ("csrf", csrf.clone()),
                ("note", "Looks like the PDF library.".into()),
            ],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, format!("{path}?done=note").as_str())
        );
        let shown = b.get(&format!("{path}?done=note"));
        assert!(shown.body.contains("The note was added."));
        assert!(shown.body.contains("message internal"));
        assert!(shown.body.contains("Looks like the PDF library."));

        // A reply queues one mail and waits for the customer.
        let r = b.post(
            &format!("{path}/reply"),
            &[
                ("csrf", csrf.clone()),
                ("body", "Please update to 3.7.28.".into()),
                ("do", "send".into()),
            ],
        );
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(ticket_state(&d, n), "waiting_customer");
        let rows = store::outbox::for_ticket(
            &mut conn(&d.app.state),
            guichet::domain::ids::TicketId::new(n),
        )
        .expect("outbox");
        let replies: Vec<_> = rows.iter().filter(|r| r.kind == "agent_reply").collect();
        assert_eq!(replies.len(), 1);
        assert!(replies[0].body_text.contains("Please update to 3.7.28."));

        // Resolve, then a second resolve is refused with the page again, then reopen.
        let state = |b: &mut Browser, what: &str| {
            b.post(
                &format!("{path}/state"),
                &[("csrf", csrf.clone()), ("do", what.into())],
            )
        };
        assert_eq!(state(&mut b, "resolve").status, 303);
        assert_eq!(ticket_state(&d, n), "resolved");
        let again = state(&mut b, "resolve");
        assert_eq!(again.status, 409);
        assert!(again.body.contains("cannot be done in the ticket"));
        assert_eq!(state(&mut b, "reopen").status, 303);
        assert_eq!(ticket_state(&d, n), "queued");
        assert_eq!(state(&mut b, "assign").status, 303);
        assert_eq!(ticket_state(&d, n), "assigned");
        assert_eq!(state(&mut b, "unassign").status, 303);
        assert_eq!(ticket_state(&d, n), "queued");
        assert_eq!(state(&mut b, "dance").status, 400);
        // Send and resolve: the reply goes and the ticket is resolved in the same step.
        let r = b.post(
            &format!("{path}/reply"),
            &[
                ("csrf", csrf.clone()),
                ("body", "Fixed in 3.7.28.".into()),
                ("do", "send_resolve".into()),
            ],
        );
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(ticket_state(&d, n), "resolved");
    });
}

#[test]
fn canned_responses_in_the_tickets_language_insert_or_send_and_resolve() {
    each_backend(|db| {
        let d = desk(db);
        // Seeded by the migration: the out-of-scope cases, in both languages.
        for lang in [guichet::i18n::Lang::En, guichet::i18n::Lang::Fr] {
            let all = store::canned::for_lang(&mut conn(&d.app.state), lang).expect("canned");
            let slugs: Vec<_> = all.iter().map(|c| c.slug.as_str()).collect();
            for want in [
                "customisation",
                "seo",
                "platform-help",
                "migration",
                "third-party",
            ] {
                assert!(slugs.contains(&want), "{want} in {lang:?}");
            }
            assert!(all.iter().all(|c| c.resolves && !c.body.is_empty()));
        }
        let (n, _) = d.ticket("alice@example.com");
        let mut b = signed_in(&d, "zoe@desk.test");
        let path = format!("/agent/tickets/{n}");
        let page = b.get(&path);
        assert!(
            page.body
                .contains("Out of scope: SEO (resolves the ticket)"),
            "English for an English ticket"
        );
        assert!(!page.body.contains("Hors assistance"));
        let csrf = csrf_of(&page.body);
        let seo = store::canned::for_lang(&mut conn(&d.app.state), guichet::i18n::Lang::En)
            .expect("canned")
            .into_iter()
            .find(|c| c.slug == "seo")
            .expect("seo");
        // Insert: the page again with the answer in the reply box, nothing sent.
        let r = b.post(
            &format!("{path}/reply"),
            &[
                ("csrf", csrf.clone()),
                ("body", String::new()),
                ("canned", seo.id.to_string()),
                ("do", "insert".into()),
            ],
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(
            r.body
                .contains("Search-engine ranking depends on your content")
        );
        assert!(r.body.contains("review it, then send"));
        assert_eq!(ticket_state(&d, n), "queued");
        // No choice: told so.
        let r = b.post(
            &format!("{path}/reply"),
            &[
                ("csrf", csrf.clone()),
                ("canned", String::new()),
                ("do", "canned_send".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Choose a canned response first."));
        // Send as it is: mailed, and the ticket resolved in the same step.
        let r = b.post(
            &format!("{path}/reply"),
            &[
                ("csrf", csrf),
                ("canned", seo.id.to_string()),
                ("do", "canned_send".into()),
            ],
        );
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(ticket_state(&d, n), "resolved");
        let rows = store::outbox::for_ticket(
            &mut conn(&d.app.state),
            guichet::domain::ids::TicketId::new(n),
        )
        .expect("outbox");
        assert!(
            rows.iter()
                .any(|r| r.kind == "agent_reply" && r.body_text.contains("Search-engine ranking"))
        );
    });
}

#[test]
fn a_duplicate_is_merged_from_the_page_or_the_api() {
    each_backend(|db| {
        let d = desk(db);
        let (first, _) = d.ticket("alice@example.com");
        let (dup, _) = d.ticket("alice@example.com");
        let (other, _) = d.ticket("paula@example.com");
        let mut b = signed_in(&d, "zoe@desk.test");
        let path = format!("/agent/tickets/{dup}");
        let csrf = csrf_of(&b.get(&path).body);
        let merge = |b: &mut Browser, into: &str| {
            b.post(
                &format!("{path}/merge"),
                &[
                    ("csrf", csrf.clone()),
                    ("into", into.into()),
                    ("do", "merge".into()),
                ],
            )
        };
        for bad in ["", "abc", &dup.to_string(), &other.to_string()] {
            let r = merge(&mut b, bad);
            assert_eq!(r.status, 422, "{bad}: {}", r.body);
            assert!(r.body.contains("another ticket of this customer"));
        }
        let r = merge(&mut b, &format!("#{first}"));
        assert_eq!(
            (r.status, r.header("location")),
            (303, format!("/agent/tickets/{first}?done=merge").as_str())
        );
        assert_eq!(ticket_state(&d, dup), "closed");
        assert!(
            b.get(&format!("/agent/tickets/{first}?done=merge"))
                .body
                .contains("merged into this ticket")
        );

        // The same through the API, for scripts.
        let (third, _) = d.ticket("alice@example.com");
        let api = format!("/api/v1/tickets/{third}/merge");
        let body = serde_json::json!({"into": first});
        assert_eq!(d.client.post(&api, Some(&d.intake), &body).status, 403);
        assert_eq!(
            d.client
                .post(&api, Some(&d.agent), &serde_json::json!({}))
                .status,
            422
        );
        assert_eq!(
            d.client
                .post(&api, Some(&d.agent), &serde_json::json!({"into": "x"}))
                .status,
            422
        );
        let r = d.client.post(&api, Some(&d.agent), &body);
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["number"].as_i64(), Some(first));
        assert_eq!(ticket_state(&d, third), "closed");
    });
}

#[test]
fn an_agents_language_choice_follows_them_to_another_browser() {
    each_backend(|db| {
        let d = desk(db);
        let mut first = signed_in(&d, "zoe@desk.test");
        assert!(first.get("/agent").body.contains("<h1>Queue</h1>"));
        assert!(
            first
                .get("/agent?lang=fr")
                .body
                .contains("<h1>File d’attente</h1>")
        );
        // Another browser, no cookie, an English Accept-Language: the saved choice wins.
        let mut second = Browser::new(&d.app.base);
        let r = sign_in_as(&mut second, "zoe@desk.test", PASSWORD, "");
        assert_eq!(r.status, 303);
        assert!(
            r.set_cookies.iter().any(|c| c.starts_with("lang=fr")),
            "{:?}",
            r.set_cookies
        );
        assert!(
            second
                .get("/agent")
                .body
                .contains("<h1>File d’attente</h1>")
        );
        // Switching back is saved too.
        second.get("/agent?lang=en");
        let agent = store::agents::find_by_email(
            &mut conn(&d.app.state),
            &EmailAddress::parse("zoe@desk.test").expect("email"),
        )
        .expect("read")
        .expect("zoe");
        assert_eq!(agent.lang, Some(guichet::i18n::Lang::En));
    });
}
