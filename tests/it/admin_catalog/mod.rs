//! The catalogue's admin pages, on both databases: who reaches them (anonymous visitors are sent
//! to sign in, agents get 403 on reads and posts, a post without its CSRF token is refused and
//! changes nothing); products and releases (adding a release moves the versions shown as
//! supported; bad or known versions answer 422 with the value kept); purchases (found by email
//! and by order, extended with the new end told, the cap saying nothing changed); and the CSV
//! import (bad lines reported by number while the good ones load, idempotent, a file too large
//! or not UTF-8 refused with 422).
//!
//! Split by what the pages manage: who reaches them is checked here, with the shared helpers
//! (admin browser, multipart upload, snapshots); products and releases are in [`products`],
//! purchases and the import in [`purchases`].

mod products;
mod purchases;

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
