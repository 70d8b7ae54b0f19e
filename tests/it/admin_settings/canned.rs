//! The canned responses page: responses added, changed and deleted, and the ticket page's
//! picker following each change.

use super::*;

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
