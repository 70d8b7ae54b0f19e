//! What the admin pages show and do about customers' data rather than agents: the audit log
//! (admins only, filtered and paged), the export of what is stored about one customer, and
//! erasing a customer while keeping the anonymous rows and the books.

use super::*;

#[test]
fn the_audit_log_is_for_admins_filtered_and_paged() {
    each_backend(|db| {
        let d = desk(db);
        let (n, _) = d.ticket("alice@example.com");
        let mut agent = signed_in(&d, "zoe@desk.test");
        assert_eq!(agent.get("/admin/audit").status, 403);
        let mut boss = admin(&d);
        let zoe = store::agents::find_by_email(
            &mut conn(&d.app.state),
            &EmailAddress::parse("zoe@desk.test").expect("email"),
        )
        .expect("read")
        .expect("zoe")
        .id;
        let ticket = guichet::domain::ids::TicketId::new(n);
        for _ in 0..105 {
            store::audit::record(
                &mut conn(&d.app.state),
                clock_now(),
                zoe,
                store::audit::AuditAction::RevealCredentials,
                Some(ticket),
                "",
            )
            .expect("record");
        }
        let page = boss.get("/admin/audit");
        assert_eq!(page.status, 200);
        assert_eq!(
            page.body
                .matches("showed the site credentials</td>")
                .count(),
            100
        );
        assert!(page.body.contains("zoe@desk.test"));
        assert!(page.body.contains(&format!("/agent/tickets/{n}")));
        let next = page
            .body
            .split("href=\"")
            .find(|s| s.starts_with("/admin/audit?before="))
            .and_then(|s| s.split('"').next())
            .expect("a next page")
            .replace("&amp;", "&");
        let second = boss.get(&next);
        assert_eq!(
            second
                .body
                .matches("showed the site credentials</td>")
                .count(),
            5
        );
        let filtered = boss.get(&format!(
            "/admin/audit?action=reveal_credentials&agent={zoe}"
        ));
        assert_eq!(
            filtered
                .body
                .matches("showed the site credentials</td>")
                .count(),
            100
        );
        let nobody = boss.get("/admin/audit?agent=999999");
        assert!(nobody.body.contains("Nothing recorded matches."));
        let junk = boss.get("/admin/audit?action=%27;DROP&agent=x&before=-");
        assert_eq!(junk.status, 200, "a bad filter shows the whole log");
    });
}

#[test]
fn an_admin_exports_what_is_stored_about_one_customer() {
    each_backend(|db| {
        let d = desk(db);
        let (n, _) = d.ticket("alice@example.com");
        let (other, _) = d.ticket("paula@example.com");
        let note = serde_json::json!({"body": "Customer seems to run an old PHP."});
        assert_eq!(
            d.client
                .post(&format!("/api/v1/tickets/{n}/notes"), Some(&d.agent), &note)
                .status,
            200
        );
        let mut agent = signed_in(&d, "zoe@desk.test");
        let csrf = csrf_of(&agent.get("/agent").body);
        assert_eq!(
            agent
                .post(
                    "/admin/privacy/export",
                    &[("csrf", csrf), ("email", "alice@example.com".into())]
                )
                .status,
            403
        );
        let mut boss = admin(&d);
        let page = boss.get("/admin/privacy");
        assert_eq!(page.status, 200);
        let csrf = csrf_of(&page.body);
        let bad = boss.post(
            "/admin/privacy/export",
            &[("csrf", csrf.clone()), ("email", "not-an-email".into())],
        );
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains(r#"value="not-an-email""#));
        assert_eq!(
            boss.post(
                "/admin/privacy/export",
                &[("email", "alice@example.com".into())]
            )
            .status,
            403
        );
        let r = boss.post(
            "/admin/privacy/export",
            &[("csrf", csrf), ("email", " Alice@Example.com".into())],
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(
            r.header("content-disposition")
                .starts_with("attachment; filename=\"guichet-export-")
        );
        assert_eq!(r.header("cache-control"), "no-store");
        let json: serde_json::Value = serde_json::from_str(&r.body).expect("json");
        assert_eq!(json["email"], "alice@example.com");
        let tickets = json["tickets"].as_array().expect("tickets");
        assert_eq!(tickets.len(), 1, "only hers");
        assert_eq!(tickets[0]["number"].as_i64(), Some(n));
        assert_ne!(tickets[0]["number"].as_i64(), Some(other));
        let messages = tickets[0]["messages"].as_array().expect("messages");
        assert!(
            messages
                .iter()
                .any(|m| m["body"] == "Since the update every invoice is blank.")
        );
        assert!(
            messages
                .iter()
                .any(|m| m["internal"] == true && m["body"] == "Customer seems to run an old PHP.")
        );
        assert_eq!(json["purchases"][0]["order_ref"], "O-1");
        assert!(!r.body.contains("paula"));
        // Logged, without the address.
        let rows = store::audit::page(
            &mut conn(&d.app.state),
            Some(store::audit::AuditAction::PrivacyExport),
            None,
            None,
            10,
        )
        .expect("audit");
        assert_eq!(rows.len(), 1);
        assert!(!rows[0].detail.contains("alice"));
        assert!(
            boss.get("/admin/audit")
                .body
                .contains("exported a customer")
        );
    });
}

#[test]
fn an_admin_erases_a_customer_and_keeps_anonymous_rows_and_the_books() {
    each_backend(|db| {
        let d = desk(db);
        let (n, _) = d.ticket("alice@example.com");
        let (kept, _) = d.ticket("paula@example.com");
        let reply = serde_json::json!({"body": "Please send the log."});
        assert_eq!(
            d.client
                .post(
                    &format!("/api/v1/tickets/{n}/replies"),
                    Some(&d.agent),
                    &reply
                )
                .status,
            200
        );
        let mut boss = admin(&d);
        let csrf = csrf_of(&boss.get("/admin/privacy").body);
        let unconfirmed = boss.post(
            "/admin/privacy/erase",
            &[
                ("csrf", csrf.clone()),
                ("erase_email", "alice@example.com".into()),
            ],
        );
        assert_eq!(unconfirmed.status, 422);
        assert!(unconfirmed.body.contains("Tick the box to confirm."));
        assert!(unconfirmed.body.contains(r#"value="alice@example.com""#));
        let ticket = guichet::domain::ids::TicketId::new(n);
        assert_eq!(
            store::tickets::messages(&mut conn(&d.app.state), ticket, true)
                .expect("read")
                .len(),
            2
        );

        let r = boss.post(
            "/admin/privacy/erase",
            &[
                ("csrf", csrf),
                ("erase_email", "alice@example.com".into()),
                ("confirm", "yes".into()),
            ],
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(
            r.body.contains(
                "Erased: 1 ticket(s) anonymised, 2 message(s) deleted, 1 purchase(s) kept"
            ),
            "{}",
            r.body
        );
        let c = &mut conn(&d.app.state);
        let t = store::tickets::get(c, ticket)
            .expect("read")
            .expect("the row is kept");
        assert_eq!(t.state.as_str(), "closed");
        assert_eq!(t.email, "erased@invalid");
        assert!(t.name.is_empty() && t.store_url.is_none());
        assert!(
            store::tickets::messages(c, ticket, true)
                .expect("read")
                .is_empty()
        );
        assert!(
            store::outbox::for_recipient(c, "alice@example.com")
                .expect("read")
                .is_empty()
        );
        assert!(
            store::outbox::for_ticket(c, ticket)
                .expect("read")
                .is_empty()
        );
        let alice = EmailAddress::parse("alice@example.com").expect("email");
        assert!(
            store::purchases::for_email(c, &alice)
                .expect("read")
                .is_empty()
        );
        let books =
            store::purchases::for_email(c, &EmailAddress::parse("erased@invalid").expect("email"))
                .expect("read");
        assert_eq!(books.len(), 1, "the purchase stays for the accounts");
        assert_eq!(books[0].order_ref, "O-1");
        // Nothing of hers is found by search any more; Paula's same subject still is.
        let hits =
            store::search::tickets(c, &store::search::SearchQuery::parse("blank invoices"), 50)
                .expect("search");
        assert!(
            hits.iter().all(|h| h.number != ticket),
            "the erased ticket is not found"
        );
        assert!(hits.iter().any(|h| h.number.get() == kept));
        // Paula's ticket is untouched, and the queue counters still match counting.
        assert!(
            store::tickets::get(c, guichet::domain::ids::TicketId::new(kept))
                .expect("read")
                .is_some_and(|t| t.email == "paula@example.com")
        );
        assert_eq!(
            store::queue::lengths(c).expect("lengths"),
            store::queue::lengths_by_counting(c).expect("counting")
        );
        // Logged with counts, never the address.
        let rows = store::audit::page(
            c,
            Some(store::audit::AuditAction::PrivacyErase),
            None,
            None,
            10,
        )
        .expect("audit");
        assert_eq!(rows.len(), 1);
        assert!(!rows[0].detail.contains("alice"), "{}", rows[0].detail);
        // She is no longer a buyer: a new request is refused.
        let again = d.client.post(
            "/api/v1/tickets",
            Some(&d.intake),
            &ticket_body("alice@example.com", "3.7.28"),
        );
        assert_eq!(again.status, 422);
    });
}
