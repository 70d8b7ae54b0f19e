//! One error type, two renderings: JSON under `/api/v1`, the error page everywhere else, in the
//! visitor's language; security headers on every response.

use crate::helpers::*;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

#[test]
fn an_unknown_page_is_the_error_page_in_the_visitors_language() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let app = spawn_app(&db, &[]);
    let mut fr = agent()
        .get(&format!("{}/t/not-a-token", app.base))
        .header("Accept-Language", "fr")
        .call()
        .expect("page");
    assert_eq!(fr.status(), 404);
    let content_type = fr
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap_or_default().to_string());
    assert_eq!(content_type.as_deref(), Some("text/html; charset=utf-8"));
    let csp = fr
        .headers()
        .get("content-security-policy")
        .map(|v| v.to_str().unwrap_or_default().to_string())
        .unwrap_or_default();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    let body = fr.body_mut().read_to_string().expect("body");
    assert!(body.contains("Page introuvable"), "{body}");
    assert!(body.contains("lang=\"fr\""), "{body}");

    let mut en = agent()
        .get(&format!("{}/no/such/page", app.base))
        .call()
        .expect("page");
    assert_eq!(en.status(), 404);
    assert!(
        en.body_mut()
            .read_to_string()
            .expect("body")
            .contains("Page not found")
    );

    let mut api = agent()
        .get(&format!("{}/api/v1/no-such-route", app.base))
        .call()
        .expect("api");
    assert_eq!(api.status(), 404);
    let json: serde_json::Value =
        serde_json::from_str(&api.body_mut().read_to_string().expect("body")).expect("json");
    assert_eq!(json["error"]["code"], "not_found");
    assert_eq!(
        api.headers()
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
}

#[test]
fn a_wrong_method_on_a_page_is_a_page_and_healthz_keeps_its_text() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let app = spawn_app(&db, &[]);
    let mut res = agent()
        .post(&format!("{}/", app.base))
        .send("x")
        .expect("post");
    assert!(res.status().is_client_error(), "{}", res.status());
    let body = res.body_mut().read_to_string().expect("body");
    assert!(body.contains("<html"), "{body}");
    let mut health = agent()
        .get(&format!("{}/healthz", app.base))
        .call()
        .expect("healthz");
    assert_eq!(health.body_mut().read_to_string().expect("body"), "ok\n");
}

#[test]
fn an_exhausted_pool_answers_503_with_retry_after() {
    each_backend(|db| {
        let app = spawn_app(db, &[("pool_size", "1"), ("pool_wait_ms", "50")]);
        let (token, hash) = guichet::tokens::generate().expect("random");
        guichet::store::tokens::insert(
            &mut conn(&app.state),
            "test",
            &hash,
            guichet::tokens::Scope::Intake,
            None,
            None,
            clock_now(),
        )
        .expect("token");
        // The one connection is held, as a long request would hold it.
        let held = conn(&app.state);
        let mut res = agent()
            .post(&format!("{}/api/v1/tickets", app.base))
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", "application/json")
            .send("{}")
            .expect("request");
        assert_eq!(res.status(), 503);
        assert_eq!(
            res.headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
            Some("1")
        );
        let json: serde_json::Value =
            serde_json::from_str(&res.body_mut().read_to_string().expect("body")).expect("json");
        assert_eq!(json["error"]["code"], "busy");
        drop(held);
        let res = agent()
            .post(&format!("{}/api/v1/tickets", app.base))
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", "application/json")
            .send("{}")
            .expect("request");
        assert_eq!(res.status(), 422, "served again once a connection is free");
    });
}
