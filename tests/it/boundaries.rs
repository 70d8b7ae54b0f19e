//! Every permission boundary of the dashboard and the admin pages, route by route, on both
//! databases: an anonymous visitor, a tampered session cookie, one agent's cookie relabelled
//! with another agent's id (an admin's), and a deactivated agent's cookie are all sent to sign
//! in; an agent gets 403 on every admin page and post; a post without its CSRF token, or with a
//! wrong one, is refused (403) and changes nothing. And on the API: a deactivated agent's token
//! answers 401 on every agent route.

use guichet::domain::email::EmailAddress;
use guichet::domain::ids::TicketId;
use guichet::store;
use serde_json::json;

use crate::api_support::*;
use crate::helpers::*;
use crate::page_client::{Browser, csrf_of};

const PASSWORD: &str = "correct horse battery";

fn add_agent(d: &Desk, email: &str, admin: bool) -> i64 {
    let hash = guichet::password::hash(PASSWORD).expect("hash");
    let email = EmailAddress::parse(email).expect("email");
    store::agents::add(
        &mut conn(&d.app.state),
        &email,
        "Agent",
        &hash,
        admin,
        clock_now(),
    )
    .expect("agent")
    .id
}

fn signed_in(d: &Desk, email: &str) -> Browser {
    let mut b = Browser::new(&d.app.base);
    let form = b.get("/agent/login");
    let r = b.post(
        "/agent/login",
        &[
            ("csrf", csrf_of(&form.body)),
            ("email", email.to_string()),
            ("password", PASSWORD.to_string()),
        ],
    );
    assert_eq!(r.status, 303, "{email}: {}", r.body);
    b
}

/// Every page of the dashboard and the admin pages, and every post, with `{n}` the ticket,
/// `{a}` an agent, `{t}` a token, `{c}` a canned response.
const GETS: &[&str] = &[
    "/agent",
    "/agent/account",
    "/agent/account/two-factor/qr.svg",
    "/agent/search?q=invoice",
    "/agent/stats",
    "/agent/stats.csv",
    "/agent/tickets/{n}",
    "/agent/tickets/{n}/attachments/1",
    "/admin/agents",
    "/admin/audit",
    "/admin/privacy",
    "/admin/products",
    "/admin/products/shop",
    "/admin/purchases",
    "/admin/purchases/import",
    "/admin/tokens",
    "/admin/canned",
    "/admin/canned/{c}",
    "/admin/settings",
];

const POSTS: &[&str] = &[
    "/agent/logout",
    "/agent/take",
    "/agent/account/two-factor/start",
    "/agent/account/two-factor/confirm",
    "/agent/account/two-factor/disable",
    "/agent/account/sessions/end",
    "/agent/tickets/{n}/reply",
    "/agent/tickets/{n}/note",
    "/agent/tickets/{n}/merge",
    "/agent/tickets/{n}/credentials",
    "/agent/tickets/{n}/state",
    "/admin/agents",
    "/admin/agents/{a}/deactivate",
    "/admin/agents/{a}/password",
    "/admin/agents/{a}/two-factor/reset",
    "/admin/agents/{a}/sessions/end",
    "/admin/privacy/export",
    "/admin/privacy/erase",
    "/admin/products",
    "/admin/products/shop/releases",
    "/admin/purchases",
    "/admin/purchases/extend",
    "/admin/purchases/import",
    "/admin/tokens",
    "/admin/tokens/{t}/revoke",
    "/admin/canned",
    "/admin/canned/{c}",
    "/admin/canned/{c}/delete",
    "/admin/settings",
];

/// Fields that would make each post do something, so a refusal is the boundary's doing.
fn fields(csrf: Option<&str>) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&str, String)> = vec![
        ("body", "A reply".into()),
        ("note", "A note".into()),
        ("do", "resolve".into()),
        ("into", "1".into()),
        ("code", "123456".into()),
        ("email", "alice@example.com".into()),
        ("name", "Someone".into()),
        ("password", "a long new password".into()),
        ("version", "9.9.9".into()),
        ("title", "A title".into()),
        ("lang", "en".into()),
        ("scope", "intake".into()),
        ("reopen_days", "3".into()),
        ("confirm", "alice@example.com".into()),
    ];
    if let Some(token) = csrf {
        f.push(("csrf", token.to_string()));
    }
    f
}

struct Ids {
    n: i64,
    a: i64,
    t: i64,
    c: i64,
}

fn fill(path: &str, ids: &Ids) -> String {
    path.replace("{n}", &ids.n.to_string())
        .replace("{a}", &ids.a.to_string())
        .replace("{t}", &ids.t.to_string())
        .replace("{c}", &ids.c.to_string())
}

/// What the desk holds, in one string: a refused post must leave it as it was.
fn snapshot(d: &Desk, n: i64) -> String {
    let c = &mut conn(&d.app.state);
    let n = TicketId::new(n);
    format!(
        "{:?}",
        (
            store::agents::list(c).expect("agents"),
            store::tickets::get(c, n).expect("ticket"),
            store::tickets::count(c).expect("tickets"),
            store::tokens::list(c).expect("tokens").len(),
            store::canned::all(c).expect("canned"),
            store::products::list(c).expect("products"),
            store::purchases::count(c).expect("purchases"),
            store::meta::saved_settings(c).expect("settings"),
            store::audit::page(c, None, None, None, 10_000)
                .expect("audit")
                .len(),
            store::outbox::counts(c).expect("outbox"),
        )
    )
}

/// Sent to sign in, the way every visitor without a good session is.
fn to_sign_in(r: &crate::page_client::Page) -> bool {
    r.status == 303 && r.header("location").starts_with("/agent/login")
}

#[test]
fn every_dashboard_and_admin_route_holds_its_boundaries() {
    each_backend(|db| {
        let d = desk(db);
        let (n, _) = d.ticket("alice@example.com");
        let zoe = add_agent(&d, "zoe@desk.test", false);
        let boss = add_agent(&d, "boss@desk.test", true);
        add_agent(&d, "dee@desk.test", false);
        let c = &mut conn(&d.app.state);
        let ids = Ids {
            n,
            a: zoe,
            t: store::tokens::list(c).expect("tokens")[0].id,
            c: store::canned::all(c).expect("canned")[0].id,
        };
        let mut agent = signed_in(&d, "zoe@desk.test");
        let mut admin = signed_in(&d, "boss@desk.test");
        let mut dee = signed_in(&d, "dee@desk.test");
        assert_eq!(dee.get("/agent").status, 200);
        let dee_email = EmailAddress::parse("dee@desk.test").expect("email");
        store::agents::deactivate(c, &dee_email).expect("deactivate");

        // The outsiders: no cookie, zoe's cookie with its MAC altered, zoe's cookie claiming
        // to be the admin's, the deactivated agent's own cookie.
        let cookie = agent
            .cookie(guichet::web::session::COOKIE)
            .expect("session cookie")
            .to_string();
        let mut tampered_value = cookie.clone();
        let last = tampered_value.pop().expect("non-empty");
        tampered_value.push(if last == 'A' { 'B' } else { 'A' });
        let parts: Vec<&str> = cookie.split('.').collect();
        assert_eq!(parts[..2], ["v1", zoe.to_string().as_str()], "{cookie}");
        let relabelled_value = format!("v1.{boss}.{}", parts[2..].join("."));
        let mut outsiders = vec![("anonymous", Browser::new(&d.app.base))];
        for (who, value) in [
            ("tampered", tampered_value),
            ("relabelled", relabelled_value),
        ] {
            let mut b = Browser::new(&d.app.base);
            b.set_cookie(guichet::web::session::COOKIE, &value);
            outsiders.push((who, b));
        }
        outsiders.push(("deactivated", dee));
        let before = snapshot(&d, n);
        let mut wrong = Vec::new();
        for (who, b) in &mut outsiders {
            // A CSRF token of their own browser, so only the session is at fault.
            let csrf = csrf_of(&b.get("/agent/login").body);
            for path in GETS {
                let r = b.get(&fill(path, &ids));
                if !to_sign_in(&r) {
                    wrong.push(format!("{who} GET {path}: {}", r.status));
                }
            }
            for path in POSTS {
                let r = b.post(&fill(path, &ids), &fields(Some(&csrf)));
                if !to_sign_in(&r) {
                    wrong.push(format!("{who} POST {path}: {}", r.status));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "not sent to sign in:\n{}",
            wrong.join("\n")
        );
        assert_eq!(snapshot(&d, n), before, "an outsider changed something");

        // An agent reaches no admin page and no admin post.
        let csrf = csrf_of(&agent.get("/agent").body);
        for path in GETS.iter().filter(|p| p.starts_with("/admin")) {
            let r = agent.get(&fill(path, &ids));
            if r.status != 403 {
                wrong.push(format!("agent GET {path}: {}", r.status));
            }
        }
        for path in POSTS.iter().filter(|p| p.starts_with("/admin")) {
            let r = agent.post(&fill(path, &ids), &fields(Some(&csrf)));
            if r.status != 403 {
                wrong.push(format!("agent POST {path}: {}", r.status));
            }
        }
        assert!(
            wrong.is_empty(),
            "an agent on admin routes:\n{}",
            wrong.join("\n")
        );
        assert_eq!(snapshot(&d, n), before, "an agent changed something");

        // Signed in as the admin, every post without its CSRF token or with a wrong one.
        let forged = "0".repeat(64);
        for path in POSTS {
            for csrf in [None, Some(forged.as_str())] {
                let r = admin.post(&fill(path, &ids), &fields(csrf));
                if r.status != 403 {
                    let how = if csrf.is_some() { "wrong" } else { "no" };
                    wrong.push(format!("admin POST {path} with {how} CSRF: {}", r.status));
                }
            }
        }
        assert!(wrong.is_empty(), "CSRF not checked:\n{}", wrong.join("\n"));
        assert_eq!(
            snapshot(&d, n),
            before,
            "a post without CSRF changed something"
        );
        // And both are still signed in (nothing above signed them out).
        assert_eq!(admin.get("/admin/agents").status, 200);
        assert_eq!(agent.get("/agent").status, 200);
    });
}

#[test]
fn a_deactivated_agents_token_stops_on_every_agent_route() {
    each_backend(|db| {
        let d = desk(db);
        let (n, _) = d.ticket("alice@example.com");
        let (dup, _) = d.ticket("alice@example.com");
        // It worked before.
        assert_eq!(d.client.get("/api/v1/queue", Some(&d.agent2)).status, 200);
        let ben = EmailAddress::parse("ben@desk.test").expect("email");
        store::agents::deactivate(&mut conn(&d.app.state), &ben).expect("deactivate");
        let at = |a: &str| format!("/api/v1/tickets/{n}/{a}");
        let routes: Vec<(&str, String, Option<String>)> = vec![
            ("GET", format!("/api/v1/tickets/{n}"), None),
            ("GET", "/api/v1/queue".into(), None),
            ("POST", "/api/v1/queue/take".into(), None),
            (
                "POST",
                at("replies"),
                Some(json!({"body": "Hello"}).to_string()),
            ),
            (
                "POST",
                at("notes"),
                Some(json!({"body": "Note"}).to_string()),
            ),
            (
                "POST",
                at("assign"),
                Some(json!({"agent": null}).to_string()),
            ),
            ("POST", at("resolve"), None),
            ("POST", at("close"), None),
            ("POST", at("reopen"), Some("{}".into())),
            (
                "POST",
                format!("/api/v1/tickets/{dup}/merge"),
                Some(json!({"into": n}).to_string()),
            ),
        ];
        let before = snapshot(&d, n);
        for (method, path, body) in &routes {
            let r = d
                .client
                .send(method, path, Some(&d.agent2), body.as_deref());
            assert_eq!(r.status, 401, "{method} {path}: {}", r.json);
            assert_eq!(error_code(&r), "unauthorized", "{method} {path}");
        }
        assert_eq!(
            snapshot(&d, n),
            before,
            "a deactivated agent's token changed something"
        );
        let c = &mut conn(&d.app.state);
        let dup = store::tickets::get(c, TicketId::new(dup))
            .expect("read")
            .expect("ticket");
        assert_eq!(dup.state.as_str(), "queued", "not merged");
    });
}
