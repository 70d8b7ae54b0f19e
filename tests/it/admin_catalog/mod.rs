//! The catalogue's admin pages, on both databases: who reaches them (anonymous visitors are sent
//! to sign in, agents get 403 on reads and posts, a post without its CSRF token is refused and
//! changes nothing); products and releases (adding a release moves the versions shown as
//! supported; bad or known versions answer 422 with the value kept); purchases (found by email
//! and by order, extended with the new end told, the cap saying nothing changed); and the CSV
//! import (bad lines reported by number while the good ones load, idempotent, a file too large
//! or not UTF-8 refused with 422).

use chrono::NaiveDate;
use guichet::domain::email::EmailAddress;
use guichet::domain::support::{SupportTerms, support_cap};
use guichet::store;

use crate::api_support::*;
use crate::dashboard::signed_in;
use crate::helpers::*;
use crate::page_client::{Browser, Page, csrf_of};

const PASSWORD: &str = "correct horse battery";
const BOUNDARY: &str = "----guichet-catalog-boundary";

/// A browser signed in as a new admin.
fn admin(d: &Desk) -> Browser {
    let hash = guichet::password::hash(PASSWORD).expect("hash");
    let email = EmailAddress::parse("chief@desk.test").expect("email");
    store::agents::add(
        &mut conn(&d.app.state),
        &email,
        "Chief",
        &hash,
        true,
        clock_now(),
    )
    .expect("admin");
    let mut b = Browser::new(&d.app.base);
    let form = b.get("/agent/login");
    let r = b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", "chief@desk.test".into()),
            ("password", PASSWORD.into()),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    b
}

/// A `multipart/form-data` body: text fields, then files as (field, file name, bytes).
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (field, name, bytes) in files {
        out.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

/// Posts a CSV file to the import page as the browser's form does, with `b`'s cookies.
fn upload(d: &Desk, b: &Browser, csrf: &str, csv: &[u8]) -> Page {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let body = multipart(
        &[("csrf", csrf), ("csv", "")],
        &[("file", "orders.csv", csv)],
    );
    let mut res = agent
        .post(&format!("{}/admin/purchases/import", d.app.base))
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("Cookie", &b.cookie_line())
        .send(&body[..])
        .expect("response");
    Page {
        status: res.status().as_u16(),
        headers: Default::default(),
        set_cookies: Vec::new(),
        body: res.body_mut().read_to_string().unwrap_or_default(),
    }
}

fn support_until(d: &Desk, order: &str) -> NaiveDate {
    let lines = store::purchases::list_for_order(&mut conn(&d.app.state), order).expect("read");
    assert_eq!(lines.len(), 1, "{order}");
    lines[0].purchase.support_until
}

fn purchase_count(d: &Desk) -> i64 {
    store::purchases::count(&mut conn(&d.app.state)).expect("count")
}

const GETS: [&str; 4] = [
    "/admin/products",
    "/admin/products/shop",
    "/admin/purchases",
    "/admin/purchases/import",
];

/// Each post with a form that would change something if it were allowed.
fn posts() -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    vec![
        (
            "/admin/products",
            vec![("slug", "sneaky".into()), ("name", "Sneaky".into())],
        ),
        (
            "/admin/products/shop/releases",
            vec![("version", "9.9.9".into())],
        ),
        (
            "/admin/purchases",
            vec![
                ("new_order", "SNEAK-1".into()),
                ("new_email", "sneak@example.com".into()),
                ("new_product", "shop".into()),
                ("new_date", "2026-01-01".into()),
            ],
        ),
        (
            "/admin/purchases/extend",
            vec![("order_ref", "O-1".into()), ("months", "3".into())],
        ),
        (
            "/admin/purchases/import",
            vec![(
                "csv",
                "order_ref,email,product,purchased_at\nSNEAK-2,s@example.com,shop,2026-01-01\n"
                    .into(),
            )],
        ),
    ]
}

/// What the posts above would change: the products, the releases of shop, the purchases and
/// O-1's support end.
fn snapshot(d: &Desk) -> (usize, usize, i64, NaiveDate) {
    let c = &mut conn(&d.app.state);
    let products = store::products::list(c).expect("products");
    let shop = store::products::get(c, "shop").expect("shop");
    let releases = store::products::releases(c, shop.id)
        .expect("releases")
        .len();
    (
        products.len(),
        releases,
        store::purchases::count(c).expect("count"),
        support_until(d, "O-1"),
    )
}

#[test]
fn the_catalogue_pages_are_for_admins_only_and_every_post_needs_its_token() {
    each_backend(|db| {
        let d = desk(db);
        let before = snapshot(&d);
        let mut anonymous = Browser::new(&d.app.base);
        for path in GETS {
            let r = anonymous.get(path);
            assert_eq!(r.status, 303, "{path}");
            assert!(
                r.header("location")
                    .starts_with(&format!("/agent/login?next={path}")),
                "{path}: {}",
                r.header("location")
            );
        }
        for (path, fields) in posts() {
            let mut fields = fields;
            fields.push(("csrf", "x".repeat(64)));
            let r = anonymous.post(path, &fields);
            assert_eq!(r.status, 303, "{path}");
            assert!(r.header("location").starts_with("/agent/login"), "{path}");
        }
        let mut agent = signed_in(&d, "zoe@desk.test");
        let csrf = csrf_of(&agent.get("/agent").body);
        for path in GETS {
            assert_eq!(agent.get(path).status, 403, "{path}");
        }
        for (path, fields) in posts() {
            let mut fields = fields;
            fields.push(("csrf", csrf.clone()));
            assert_eq!(agent.post(path, &fields).status, 403, "{path}");
        }
        let mut boss = admin(&d);
        for path in GETS {
            let r = boss.get(path);
            assert_eq!(r.status, 200, "{path}: {}", r.body);
            for link in [
                "href=\"/admin/products\"",
                "href=\"/admin/purchases\"",
                "href=\"/admin/purchases/import\"",
                "href=\"/admin/agents\"",
            ] {
                assert!(r.body.contains(link), "{path} links {link}");
            }
        }
        // The older admin pages link to these.
        for path in ["/admin/agents", "/admin/audit", "/admin/privacy"] {
            let r = boss.get(path);
            assert!(
                r.body.contains("href=\"/admin/purchases/import\""),
                "{path}"
            );
        }
        // Without the token, or with a wrong one: 403, the form again with what was typed.
        for (path, fields) in posts() {
            let r = boss.post(path, &fields);
            assert_eq!(r.status, 403, "{path}: {}", r.body);
            assert!(r.body.contains("This form has expired"), "{path}");
            let mut wrong = fields.clone();
            wrong.push(("csrf", "0".repeat(64)));
            assert_eq!(boss.post(path, &wrong).status, 403, "{path}");
        }
        let r = boss.post("/admin/products", &posts()[0].1);
        assert!(r.body.contains("value=\"sneaky\""), "values kept");
        let r = upload(
            &d,
            &boss,
            &"0".repeat(64),
            b"order_ref,email,product,purchased_at\nSNEAK-3,s@example.com,shop,2026-01-01\n",
        );
        assert_eq!(r.status, 403, "{}", r.body);
        assert_eq!(snapshot(&d), before, "nothing changed");
    });
}

#[test]
fn an_admin_adds_products_and_a_release_moves_the_supported_versions() {
    each_backend(|db| {
        let d = desk(db);
        let mut boss = admin(&d);
        let page = boss.get("/admin/products");
        assert!(
            page.body.contains("Supported now: 3.7.28, 3.7.27, 3.7.26."),
            "{}",
            page.body
        );
        let csrf = csrf_of(&page.body);
        // The defaults come from the settings.
        assert!(
            page.body
                .contains("name=\"free_support_days\" value=\"30\"")
        );
        assert!(
            page.body
                .contains("name=\"max_support_months\" value=\"12\"")
        );
        assert!(page.body.contains("name=\"releases_back\" value=\"2\""));
        // Bad fields: 422, each named, what was typed kept.
        let r = boss.post(
            "/admin/products",
            &[
                ("csrf", csrf.clone()),
                ("slug", "Bad Slug".into()),
                ("name", "".into()),
                ("releases_back", "two".into()),
            ],
        );
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains("value=\"Bad Slug\""));
        assert!(r.body.contains("value=\"two\""));
        assert!(r.body.contains("id=\"f-slug-error\""));
        assert!(r.body.contains("id=\"f-name-error\""));
        assert!(r.body.contains("a whole number from 0 to 100"));
        let r = boss.post(
            "/admin/products",
            &[
                ("csrf", csrf.clone()),
                ("slug", "shop".into()),
                ("name", "Again".into()),
            ],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("A product with this slug exists already."));
        let r = boss.post(
            "/admin/products",
            &[
                ("csrf", csrf.clone()),
                ("slug", "invoices".into()),
                ("name", "Invoice Pro".into()),
                ("free_support_days", "60".into()),
                ("max_support_months", "".into()),
                ("releases_back", "1".into()),
            ],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/products?done=product")
        );
        let invoices = store::products::get(&mut conn(&d.app.state), "invoices").expect("added");
        assert_eq!(
            (
                invoices.name.as_str(),
                invoices.free_support_days,
                invoices.max_support_months,
                invoices.releases_back
            ),
            ("Invoice Pro", 60, 12, 1)
        );
        let page = boss.get("/admin/products?done=product");
        assert!(page.body.contains("The product was added."));
        assert!(
            page.body
                .contains("No release yet: every version is accepted.")
        );

        // A release moves the window: 3.7.26 drops out, 3.7.29 comes in.
        let page = boss.get("/admin/products/shop");
        assert!(page.body.contains("Supported now: 3.7.28, 3.7.27, 3.7.26."));
        assert!(
            page.body
                .contains("<td>3.7.26</td><td></td><td>supported</td>")
        );
        let r = boss.post(
            "/admin/products/shop/releases",
            &[
                ("csrf", csrf.clone()),
                ("version", "v3.7.29".into()),
                ("date", "2026-11-30".into()),
            ],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, "/admin/products/shop?done=release")
        );
        let page = boss.get("/admin/products/shop?done=release");
        assert!(page.body.contains("The release was added"));
        assert!(
            page.body.contains("Supported now: 3.7.29, 3.7.28, 3.7.27."),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains("<td>3.7.29</td><td>2026-11-30</td><td>supported</td>")
        );
        assert!(
            page.body
                .contains("<td>3.7.26</td><td></td><td>not supported (too old)</td>")
        );
        assert!(
            boss.get("/admin/products")
                .body
                .contains("Supported now: 3.7.29, 3.7.28, 3.7.27.")
        );
        // An invalid version, a bad date, a known version: 422 with what was typed.
        let r = boss.post(
            "/admin/products/shop/releases",
            &[
                ("csrf", csrf.clone()),
                ("version", "3.7.x".into()),
                ("date", "30/11/2026".into()),
            ],
        );
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains("value=\"3.7.x\""));
        assert!(r.body.contains("value=\"30/11/2026\""));
        assert!(r.body.contains("This is not a valid version number."));
        assert!(r.body.contains("use YYYY-MM-DD"));
        let r = boss.post(
            "/admin/products/shop/releases",
            &[("csrf", csrf.clone()), ("version", "3.7.28.0".into())],
        );
        assert_eq!(r.status, 422);
        assert!(r.body.contains("value=\"3.7.28.0\""));
        assert!(
            r.body
                .contains("Version 3.7.28 is already a release of this product")
        );
        let shop = store::products::get(&mut conn(&d.app.state), "shop").expect("shop");
        assert_eq!(
            store::products::releases(&mut conn(&d.app.state), shop.id)
                .expect("releases")
                .len(),
            6
        );
        // An unknown product has no page, and takes no release.
        assert_eq!(boss.get("/admin/products/nope").status, 404);
        let r = boss.post(
            "/admin/products/nope/releases",
            &[("csrf", csrf.clone()), ("version", "1.0".into())],
        );
        assert_eq!(r.status, 404);
        // In French.
        let mut fr = boss;
        let page = fr.get("/admin/products/shop?lang=fr");
        assert!(
            page.body
                .contains("Prises en charge actuellement\u{a0}: 3.7.29, 3.7.28, 3.7.27."),
            "{}",
            page.body
        );
        assert!(page.body.contains("non prise en charge (trop ancienne)"));
    });
}

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
