//! The ticket page's version-window fact, on both databases: the ticket's version against the
//! product's versions supported today, which moves when a release is added after intake.

use guichet::domain::version::Version;
use guichet::store;

use crate::api_support::*;
use crate::dashboard::signed_in;
use crate::helpers::*;

#[test]
fn the_ticket_page_says_where_the_version_stands_today() {
    each_backend(|db| {
        let d = desk(db);
        // shop: releases 3.7.24 to 3.7.28, two back, so 3.7.26 to 3.7.28 are supported.
        let (n, _) = d.ticket("alice@example.com");
        let mut b = signed_in(&d, "zoe@desk.test");
        let path = format!("/agent/tickets/{n}");
        let page = b.get(&path);
        assert!(
            page.body.contains("3.7.28 is supported (3.7.26 – 3.7.28)"),
            "{}",
            page.body
        );
        // Three releases later 3.7.28 has left the window: the intake verdict stays "eligible".
        {
            let c = &mut conn(&d.app.state);
            let shop = store::products::get(c, "shop").expect("shop");
            for v in ["3.7.29", "3.7.30", "3.7.31"] {
                let v = Version::parse(v).expect("version");
                store::products::add_release(c, shop.id, &v, None, clock_now()).expect("release");
            }
        }
        let page = b.get(&path);
        assert!(
            page.body
                .contains("3.7.28 is older than the supported versions (3.7.29 – 3.7.31)"),
            "{}",
            page.body
        );
        assert!(page.body.contains("<dd>eligible</dd>"), "{}", page.body);
        let fr = b.get(&format!("{path}?lang=fr"));
        assert!(
            fr.body
                .contains("3.7.28 est plus ancienne que les versions prises en charge"),
            "{}",
            fr.body
        );
    });
}
