//! The products side of the catalogue pages: adding products, and a release moving the
//! versions shown as supported; bad or already known versions answer 422 with the value kept.

use super::*;

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
