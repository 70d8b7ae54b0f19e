//! The served OpenAPI document against the real routes: every parameter is where the route
//! reads it, and the documented paths and methods are exactly the ones routed, each reaching
//! its handler.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use guichet::i18n::{self, Lang, Msg};

use crate::api_support::*;
use crate::helpers::*;

/// The names in `{…}` of a path template.
fn template_params(path: &str) -> BTreeSet<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

/// (path, METHOD) of every operation of the document.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if method != "parameters" {
                ops.push((path.clone(), method.to_ascii_uppercase(), op.clone()));
            }
        }
    }
    ops
}

/// The parameters of an operation, with those declared on its path item.
fn parameters(doc: &Value, path: &str, op: &Value) -> Vec<Value> {
    let shared = doc["paths"][path]["parameters"].as_array().cloned();
    let own = op["parameters"].as_array().cloned();
    shared.into_iter().chain(own).flatten().collect()
}

/// (path, METHOD) of every `resource("PATH", "METHODS")` in the route table. Read from the
/// source, since actix cannot list its routes; the test below also checks each one answers.
fn routed() -> BTreeSet<(String, String)> {
    let source =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/api/mod.rs"))
            .expect("route table source");
    let mut routes = BTreeSet::new();
    for rest in source.split("resource(\"").skip(1) {
        let (path, rest) = rest.split_once('"').expect("path literal");
        let methods = rest
            .strip_prefix(", \"")
            .and_then(|r| r.split_once('"'))
            .map(|(m, _)| m)
            .expect("allowed methods literal");
        for method in methods.split(',') {
            routes.insert((format!("/api/v1{path}"), method.trim().to_string()));
        }
    }
    assert!(routes.len() > 5, "the route table was not read: {routes:?}");
    routes
}

#[test]
fn every_parameter_is_where_its_route_reads_it() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let app = spawn_app(&db, &[]);
    let doc = Client::new(&app.base)
        .get("/api/v1/openapi.json", None)
        .json;
    for (path, method, op) in operations(&doc) {
        let what = format!("{method} {path}");
        let params = parameters(&doc, &path, &op);
        let in_path: BTreeSet<String> = params
            .iter()
            .filter(|p| p["in"] == "path")
            .map(|p| p["name"].as_str().expect("name").to_string())
            .collect();
        assert_eq!(in_path, template_params(&path), "path parameters of {what}");
        for p in &params {
            let name = p["name"].as_str().unwrap_or_default();
            match p["in"].as_str() {
                Some("path") => assert_eq!(p["required"], true, "{what}: {name} is required"),
                // The API reads nothing from headers or cookies but the bearer token, which is
                // a security scheme, not a parameter.
                other => assert_eq!(other, Some("query"), "{what}: {name} is in {other:?}"),
            }
            assert!(p["schema"].is_object(), "{what}: {name} has no schema");
        }
    }

    let queue = &doc["paths"]["/api/v1/queue"]["get"]["parameters"];
    for name in ["limit", "after"] {
        let p = queue
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == name))
            .unwrap_or_else(|| panic!("GET /queue documents no {name}: {queue}"));
        assert_eq!(p["in"], "query", "{name}");
        assert_ne!(p["required"], true, "{name} is optional");
        assert_eq!(p["schema"]["type"], "integer", "{name}: {p}");
    }
    let limit = queue
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "limit"))
        .expect("limit");
    assert_eq!(limit["schema"]["minimum"], 1);
    assert_eq!(
        limit["schema"]["maximum"],
        guichet::web::api::queue::MAX_LIMIT
    );
}

/// A value for each path parameter that names something the desk has.
fn fill(path: &str, number: i64) -> String {
    let values = BTreeMap::from([
        ("number", number.to_string()),
        ("order_ref", "O-1".to_string()),
        ("slug", "shop".to_string()),
    ]);
    let mut filled = path.to_string();
    for name in template_params(path) {
        let value = values
            .get(name.as_str())
            .unwrap_or_else(|| panic!("{path}: give the test a value for {{{name}}}"));
        filled = filled.replace(&format!("{{{name}}}"), value);
    }
    filled
}

#[test]
fn documented_operations_are_exactly_the_routes_and_reach_their_handlers() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    let (number, portal) = d.ticket("alice@example.com");
    let doc = d.client.get("/api/v1/openapi.json", None).json;
    let no_route = i18n::text(Lang::En, Msg::ApiNoSuchRoute, &[]);

    // The unrouted answer, so that it can be told apart from a handler's own 404.
    let r = d.client.get("/api/v1/no-such-thing", Some(&d.agent));
    assert_eq!(
        (r.status, r.json["error"]["message"].as_str()),
        (404, Some(no_route.as_str()))
    );

    let ops = operations(&doc);
    let documented: BTreeSet<(String, String)> =
        ops.iter().map(|(p, m, _)| (p.clone(), m.clone())).collect();
    let mut expected = routed();
    // The document itself is served beside the API, not described in it.
    assert!(expected.remove(&("/api/v1/openapi.json".to_string(), "GET".to_string())));
    assert_eq!(
        documented, expected,
        "documented operations vs the route table"
    );

    let tokens = [&d.intake, &d.purchases, &d.agent, &portal];
    for (path, method, _) in &ops {
        let url = fill(path, number);
        let body = (method == "POST").then_some("{}");
        let statuses: Vec<u16> = tokens
            .iter()
            .map(|token| {
                let r = d.client.send(method, &url, Some(token), body);
                assert_ne!(r.status, 405, "{method} {url}: {}", r.json);
                let unrouted = r.status == 404 && r.json["error"]["message"] == no_route.as_str();
                assert!(!unrouted, "{method} {url} is not routed");
                r.status
            })
            .collect();
        // Some token's scope is the route's: past authentication, the handler answers itself.
        assert!(
            statuses.iter().any(|s| ![401, 403].contains(s)),
            "{method} {url}: no token got past authentication: {statuses:?}"
        );
    }
}

#[test]
fn another_method_on_a_documented_path_is_405_with_the_documented_allow() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    let doc = d.client.get("/api/v1/openapi.json", None).json;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut by_path: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, method, _) in operations(&doc) {
        by_path.entry(path).or_default().insert(method);
    }
    for (path, methods) in by_path {
        let url = format!("{}{}", d.app.base, fill(&path, 1));
        let res = if methods.contains("GET") {
            agent.delete(&url).call()
        } else {
            agent.get(&url).call()
        }
        .expect("request");
        assert_eq!(res.status().as_u16(), 405, "{path}");
        let allow: BTreeSet<String> = res
            .headers()
            .get("allow")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .split(',')
            .map(|m| m.trim().to_string())
            .collect();
        assert_eq!(allow, methods, "Allow of {path}");
    }
}

#[test]
fn every_documented_integer_query_parameter_is_read_by_its_handler() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    let doc = d.client.get("/api/v1/openapi.json", None).json;
    let mut checked = 0;
    for (path, method, op) in operations(&doc) {
        for p in parameters(&doc, &path, &op) {
            if p["in"] != "query" || p["schema"]["type"] != "integer" {
                continue;
            }
            let name = p["name"].as_str().expect("name");
            // A value no integer parameter accepts: the handler must refuse it by name, which a
            // parameter documented in the wrong place (or under the wrong name) would not be.
            let url = format!("{}?{name}=not-a-number", fill(&path, 1));
            let r = d.client.send(&method, &url, Some(&d.agent), None);
            assert_eq!(
                (r.status, error_code(&r).as_str()),
                (422, "invalid_fields"),
                "{method} {url}"
            );
            assert!(
                r.json["error"]["fields"][name].is_string(),
                "{url}: {}",
                r.json
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "limit and after of GET /queue at least");
}

#[test]
fn openapi_document_lists_every_route_without_a_token() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let app = spawn_app(&db, &[]);
    let c = Client::new(&app.base);
    let r = c.get("/api/v1/openapi.json", None);
    assert_eq!(r.status, 200);
    assert!(
        r.json["openapi"]
            .as_str()
            .unwrap_or_default()
            .starts_with("3.")
    );
    let paths = keys(&r.json["paths"]);
    for p in [
        "/api/v1/tickets",
        "/api/v1/tickets/{number}",
        "/api/v1/tickets/{number}/replies",
        "/api/v1/tickets/{number}/notes",
        "/api/v1/tickets/{number}/resolve",
        "/api/v1/tickets/{number}/close",
        "/api/v1/tickets/{number}/reopen",
        "/api/v1/tickets/{number}/assign",
        "/api/v1/tickets/{number}/merge",
        "/api/v1/queue",
        "/api/v1/queue/take",
        "/api/v1/purchases",
        "/api/v1/purchases/{order_ref}/extensions",
        "/api/v1/products/{slug}/releases",
    ] {
        assert!(paths.contains(&p.to_string()), "{p} missing from {paths:?}");
    }
    assert!(r.json["components"]["securitySchemes"]["bearer"].is_object());
    let required = r.json["components"]["schemas"]["CreateTicketBody"]["required"].clone();
    for field in ["email", "name", "product", "version", "subject", "body"] {
        assert!(
            required
                .as_array()
                .is_some_and(|r| r.contains(&json!(field))),
            "{field} not required: {required}"
        );
    }
    assert!(
        !required
            .as_array()
            .is_some_and(|r| r.contains(&json!("store_url")))
    );
}
