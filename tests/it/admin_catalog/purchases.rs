//! The purchases side of the catalogue pages: finding a purchase by email or order, extending
//! it (the new end told, the cap saying nothing changed), and the CSV import (bad lines
//! reported by number, good ones loaded once, unreadable files refused with 422).

use super::*;

#[test]
fn purchases_are_found_by_email_or_order_and_extensions_tell_the_new_end() {
    each_backend(|db| {
        let d = desk(db);
        let mut boss = admin(&d);
        let page = boss.get("/admin/purchases?q=Alice%40Example.com");
        assert_eq!(page.status, 200);
        assert!(page.body.contains("<td>O-1</td>"), "{}", page.body);
        assert!(!page.body.contains("<td>O-2</td>"));
        let o1 = support_until(&d, "O-1");
        assert!(
            page.body.contains(&format!("{o1} (in support)")),
            "{}",
            page.body
        );
        let page = boss.get("/admin/purchases?q=O-3");
        assert!(page.body.contains("<td>old@example.com</td>"));
        assert!(page.body.contains("(expired)"));
        // The extension form starts on the order found.
        assert!(page.body.contains("name=\"order_ref\" value=\"O-3\""));
        let page = boss.get("/admin/purchases?q=o-3");
        assert!(
            page.body
                .contains("No purchase has this email or order reference.")
        );
        let csrf = csrf_of(&page.body);

        // Three months: the end moves by three months.
        let r = boss.post(
            "/admin/purchases/extend",
            &[
                ("csrf", csrf.clone()),
                ("order_ref", "O-1".into()),
                ("months", "3".into()),
                ("extension_ref", "EXT-1".into()),
            ],
        );
        assert_eq!(r.status, 200, "{}", r.body);
        let after = support_until(&d, "O-1");
        assert_eq!(after, o1 + chrono::Months::new(3));
        assert!(
            r.body.contains(&format!(
                "Extension recorded: support now ends on {after} (it ended on {o1})."
            )),
            "{}",
            r.body
        );
        assert!(
            r.body.contains(&format!("{after} (in support)")),
            "the order shown"
        );
        // The same reference again changes nothing, and says so.
        let r = boss.post(
            "/admin/purchases/extend",
            &[
                ("csrf", csrf.clone()),
                ("order_ref", "O-1".into()),
                ("months", "3".into()),
                ("extension_ref", "EXT-1".into()),
            ],
        );
        assert_eq!(r.status, 200);
        assert!(
            r.body
                .contains("The extension EXT-1 was already recorded: nothing changed.")
        );
        assert_eq!(support_until(&d, "O-1"), after);
        // Twelve more months reach the cap of 12 months after the purchase.
        let bought = store::purchases::list_for_order(&mut conn(&d.app.state), "O-1")
            .expect("read")[0]
            .purchase
            .purchased_at;
        let cap = support_cap(bought, &SupportTerms::default());
        let r = boss.post(
            "/admin/purchases/extend",
            &[
                ("csrf", csrf.clone()),
                ("order_ref", "O-1".into()),
                ("months", "12".into()),
            ],
        );
        assert_eq!(r.status, 200);
        assert_eq!(support_until(&d, "O-1"), cap);
        assert!(r.body.contains(&format!(
            "support now ends on {cap} (it ended on {after}); the cap of 12 months after the purchase stopped it there."
        )), "{}", r.body);
        // One more month changes nothing: the page says so.
        let r = boss.post(
            "/admin/purchases/extend",
            &[
                ("csrf", csrf.clone()),
                ("order_ref", "O-1".into()),
                ("months", "1".into()),
            ],
        );
        assert_eq!(r.status, 200);
        assert!(r.body.contains(&format!(
            "Extension recorded, but nothing changed: support already reaches the cap of 12 months after the purchase ({cap}), so it still ends on {cap}."
        )), "{}", r.body);
        assert_eq!(support_until(&d, "O-1"), cap);
        let fr = boss.post(
            "/admin/purchases/extend?lang=fr",
            &[
                ("csrf", csrf.clone()),
                ("order_ref", "O-1".into()),
                ("months", "1".into()),
            ],
        );
        assert!(
            fr.body
                .contains("Prolongation enregistrée, mais rien n’a changé")
        );
        // The switch is remembered: back to English.
        assert_eq!(boss.get("/admin/purchases?lang=en").status, 200);
        // Bad fields: 422 with what was typed.
        let r = boss.post(
            "/admin/purchases/extend",
            &[
                ("csrf", csrf.clone()),
                ("order_ref", "O-1".into()),
                ("months", "0".into()),
                ("date", "tomorrow".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("name=\"months\" value=\"0\""));
        assert!(r.body.contains("name=\"date\" value=\"tomorrow\""));
        assert!(r.body.contains("1 to 120 months"), "{}", r.body);
        let r = boss.post(
            "/admin/purchases/extend",
            &[
                ("csrf", csrf.clone()),
                ("order_ref", "NO-SUCH".into()),
                ("months", "1".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("no purchase has this order reference"));
        assert!(r.body.contains("name=\"order_ref\" value=\"NO-SUCH\""));
        let r = boss.post(
            "/admin/purchases/extend",
            &[
                ("csrf", csrf.clone()),
                ("order_ref", "O-1".into()),
                ("product", "other".into()),
                ("months", "1".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("this order holds: shop"));

        // A purchase by hand.
        let r = boss.post(
            "/admin/purchases",
            &[
                ("csrf", csrf.clone()),
                ("new_order", "O-9".into()),
                ("new_email", "Bob@Example.com".into()),
                ("new_product", "shop".into()),
                ("new_date", "2026-11-01".into()),
                ("new_tier", "priority".into()),
            ],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/purchases?q=O-9&done=created")
        );
        let page = boss.get("/admin/purchases?q=O-9&done=created");
        assert!(page.body.contains("The purchase was added."));
        assert!(page.body.contains(
            "<td>bob@example.com</td><td>priority</td><td>2026-11-01</td><td>2026-12-01"
        ));
        let r = boss.post(
            "/admin/purchases",
            &[
                ("csrf", csrf.clone()),
                ("new_order", "O-10".into()),
                ("new_email", "not-an-email".into()),
                ("new_product", "nope".into()),
                ("new_date", "2026-11-01".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("value=\"not-an-email\""));
        let r = boss.post(
            "/admin/purchases",
            &[
                ("csrf", csrf.clone()),
                ("new_order", "O-10".into()),
                ("new_email", "x@example.com".into()),
                ("new_product", "nope".into()),
                ("new_date", "2026-11-01".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("no product has this slug"));
        assert!(r.body.contains("name=\"new_order\" value=\"O-10\""));
    });
}

const CSV: &str = "order_ref,email,product,purchased_at,tier,address\n\
W-1,one@example.com,shop,2026-10-01,,1 Main St\n\
W-2,not-an-email,shop,2026-10-02,standard,\n\
W-3,three@example.com,shop,2026-10-03,priority,\n\
W-4,four@example.com,unknown-product,2026-10-04,,\n\
W-5,five@example.com,shop,2026-10-05T23:30:00Z,,\n";

#[test]
fn the_csv_import_reports_bad_lines_loads_the_others_and_changes_nothing_twice() {
    each_backend(|db| {
        let d = desk(db);
        let mut boss = admin(&d);
        let csrf = csrf_of(&boss.get("/admin/purchases/import").body);
        let before = purchase_count(&d);
        let r = upload(&d, &boss, &csrf, CSV.as_bytes());
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(
            r.body
                .contains("5 rows: 3 added, 0 updated, 0 unchanged, 2 rejected"),
            "{}",
            r.body
        );
        assert!(r.body.contains("<tr><td>3</td><td>`email`: "), "{}", r.body);
        assert!(
            r.body
                .contains("<tr><td>5</td><td>no product with the slug")
        );
        assert_eq!(r.body.matches("<tr><td>").count(), 2, "two bad lines");
        assert_eq!(purchase_count(&d), before + 3);
        let c = &mut conn(&d.app.state);
        let w5 = store::purchases::list_for_order(c, "W-5").expect("read");
        // 23:30 UTC is the next day in Paris.
        assert_eq!(w5[0].purchase.purchased_at.to_string(), "2026-10-06");
        // The same file again: nothing changes.
        let r = upload(&d, &boss, &csrf, CSV.as_bytes());
        assert_eq!(r.status, 200);
        assert!(
            r.body
                .contains("5 rows: 0 added, 0 updated, 3 unchanged, 2 rejected")
        );
        assert_eq!(purchase_count(&d), before + 3);
        // Pasted into the box (an urlencoded post works as well), one row changed.
        let pasted = CSV.replace("2026-10-03,priority", "2026-10-03,standard");
        let r = boss.post(
            "/admin/purchases/import",
            &[("csrf", csrf.clone()), ("csv", pasted)],
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(
            r.body
                .contains("5 rows: 0 added, 1 updated, 2 unchanged, 2 rejected")
        );
        // In French, the report speaks French around the importer's reasons.
        let r = boss.post(
            "/admin/purchases/import?lang=fr",
            &[("csrf", csrf.clone()), ("csv", CSV.to_string())],
        );
        assert!(
            r.body
                .contains("5 lignes\u{a0}: 0 ajoutée, 1 mise à jour, 2 inchangées, 2 refusées"),
            "{}",
            r.body
        );
        assert_eq!(purchase_count(&d), before + 3);
    });
}

#[test]
fn an_import_that_cannot_be_read_is_refused_with_422_and_loads_nothing() {
    each_backend(|db| {
        let d = desk(db);
        let mut boss = admin(&d);
        let csrf = csrf_of(&boss.get("/admin/purchases/import").body);
        let before = purchase_count(&d);
        // Latin-1, as an old spreadsheet saves it.
        let latin1 =
            b"order_ref,email,product,purchased_at\nL-1,ren\xe9@example.com,shop,2026-10-01\n";
        let r = upload(&d, &boss, &csrf, latin1);
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(
            r.body.contains("The CSV is not UTF-8 text (line 2)"),
            "{}",
            r.body
        );
        // Past the limit: refused whole.
        let mut big = b"order_ref,email,product,purchased_at\n".to_vec();
        while big.len() <= 2 * 1024 * 1024 {
            big.extend_from_slice(b"B-1,big@example.com,shop,2026-10-01\n");
        }
        let r = upload(&d, &boss, &csrf, &big);
        assert_eq!(r.status, 422, "{}", &r.body[..r.body.len().min(500)]);
        assert!(
            r.body
                .contains("The CSV is larger than 2 MB: nothing was imported.")
        );
        let r = boss.post(
            "/admin/purchases/import",
            &[
                ("csrf", csrf.clone()),
                ("csv", String::from_utf8(big).expect("ascii")),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("larger than 2 MB"));
        // Nothing to import, or no usable header.
        let r = upload(&d, &boss, &csrf, b"");
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Choose a CSV file or paste its text."));
        let r = boss.post(
            "/admin/purchases/import",
            &[
                ("csrf", csrf.clone()),
                ("csv", "order,mail\nX-1,x@example.com\n".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(
            r.body
                .contains("Nothing was imported: line 1: the header has no")
        );
        // The pasted text comes back in its box.
        assert!(r.body.contains("order,mail\nX-1,x@example.com"));
        assert_eq!(purchase_count(&d), before);
    });
}
