//! The completion page a buyer reaches when a mail left the ticket without product or version:
//! it asks for them, then runs the eligibility checks as intake does.

use super::*;

/// The portal link of ticket `n`, derived as the outbox sender derives it.
fn portal_of(state: &AppState, n: i64) -> String {
    let c = &mut conn(state);
    let seed = store::tokens::portal_seed(c, TicketId::new(n))
        .expect("seed")
        .expect("a portal token");
    guichet::tokens::portal_token(&state.keys, &seed)
}

#[test]
fn the_completion_page_asks_product_and_version_then_runs_the_checks() {
    use crate::page_client::{Browser, csrf_of};
    each_backend(|db| {
        let state = world(db);
        let m = mail(
            "bob@example.org",
            "Help please",
            "<c1@bob.example>",
            "",
            "My shop is broken.",
        );
        assert_eq!(receive(&state, &m), Outcome::NeedsInfo(TicketId::new(2)));
        let m = mail(
            "carol@example.net",
            "Help",
            "<c2@carol.example>",
            "",
            "Broken too.",
        );
        assert_eq!(receive(&state, &m), Outcome::NeedsInfo(TicketId::new(3)));
        let app = crate::helpers::spawn_app(db, &[]);
        let mut b = Browser::new(&app.base);
        let token = portal_of(&state, 2);
        let page = b.get(&format!("/t/{token}"));
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("Which product and version?"),
            "{}",
            page.body
        );
        assert!(page.body.contains(r#"<option value="pdf-invoices""#));
        let csrf = csrf_of(&page.body);
        let post = |b: &mut Browser, product: &str, version: &str| {
            b.post(
                &format!("/t/{token}/complete"),
                &[
                    ("csrf", csrf.clone()),
                    ("product", product.to_string()),
                    ("version", version.to_string()),
                ],
            )
        };
        let bad = post(&mut b, "pdf-invoices", "banana");
        assert_eq!(bad.status, 422);
        assert!(
            bad.body.contains(r#"value="banana""#),
            "what was typed is kept"
        );
        assert!(bad.body.contains("not a dotted version number"));
        let not_bought = post(&mut b, "not-a-product", "2.1.0");
        assert_eq!(not_bought.status, 422);
        assert!(
            not_bought
                .body
                .contains("choose one of the products you bought")
        );
        let ok = post(&mut b, "pdf-invoices", "2.1.0");
        assert_eq!(ok.status, 303, "{}", ok.body);
        let c = &mut conn(&state);
        let t = store::tickets::get(c, TicketId::new(2))
            .expect("get")
            .expect("ticket");
        assert_eq!(t.state.as_str(), "queued");
        assert_eq!(t.version.as_deref(), Some("2.1.0"));
        assert!(store::queue::position(c, &t).expect("position").is_some());
        // A second submit changes nothing more.
        assert_eq!(post(&mut b, "pdf-invoices", "2.1.0").status, 303);
        // Carol's support is over: the page says why, and the ticket is closed with the code.
        let token3 = portal_of(&state, 3);
        let page = b.get(&format!("/t/{token3}"));
        let csrf3 = csrf_of(&page.body);
        let refused = b.post(
            &format!("/t/{token3}/complete"),
            &[
                ("csrf", csrf3),
                ("product", "shipping-rates".into()),
                ("version", "3.7.28".into()),
            ],
        );
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("support period"), "{}", refused.body);
        let t = store::tickets::get(c, TicketId::new(3))
            .expect("get")
            .expect("ticket");
        assert_eq!(
            (t.state.as_str(), t.refusal_code.as_deref()),
            ("closed", Some("support_expired"))
        );
    });
}
