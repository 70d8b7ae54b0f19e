//! The ticket page, as a browser without JavaScript uses it: the thread, purchases and
//! verdict; replies, notes and state changes doing what the API does; canned responses in the
//! ticket's language; merging a duplicate; and the agent's language following them.

use super::*;

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
