//! A small JSON client for API tests, and a desk seeded with a product, purchases and tokens.

use serde_json::Value;

use guichet::domain::eligibility::Tier;
use guichet::domain::email::EmailAddress;
use guichet::store;
use guichet::tokens::{self, Scope};

use crate::helpers::*;

pub struct Client {
    agent: ureq::Agent,
    pub base: String,
}

/// A response: status and JSON body (Null when empty or not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub json: Value,
}

impl Client {
    pub fn new(base: &str) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build();
        Client {
            agent: config.into(),
            base: base.to_string(),
        }
    }

    pub fn send(&self, method: &str, path: &str, token: Option<&str>, body: Option<&str>) -> Reply {
        let url = format!("{}{}", self.base, path);
        let auth = token.map(|t| format!("Bearer {t}"));
        let result = match method {
            "GET" => {
                let mut req = self.agent.get(&url);
                if let Some(a) = &auth {
                    req = req.header("Authorization", a);
                }
                req.call()
            }
            "POST" => {
                let mut req = self
                    .agent
                    .post(&url)
                    .header("Content-Type", "application/json");
                if let Some(a) = &auth {
                    req = req.header("Authorization", a);
                }
                req.send(body.unwrap_or(""))
            }
            other => panic!("unsupported method {other}"),
        };
        let mut res = result.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = res.status().as_u16();
        let text = res.body_mut().read_to_string().unwrap_or_default();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status, json }
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send("GET", path, token, None)
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Reply {
        self.send("POST", path, token, Some(&body.to_string()))
    }
}

/// The sorted keys of a JSON object.
pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    k.sort();
    k
}

/// Asserts the documented error shape and returns the code.
pub fn error_code(r: &Reply) -> String {
    assert_eq!(keys(&r.json), vec!["error"], "error body {}", r.json);
    assert_eq!(
        keys(&r.json["error"]),
        vec!["code", "fields", "message"],
        "error body {}",
        r.json
    );
    r.json["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

pub struct Desk {
    pub app: TestApp,
    pub client: Client,
    pub intake: String,
    pub purchases: String,
    pub agent: String,
    pub agent2: String,
}

/// A new API token of `scope` (for the agent `agent_email`, added with no password if new).
pub(crate) fn token(
    state: &guichet::startup::AppState,
    scope: Scope,
    agent_email: Option<&str>,
) -> String {
    let c = &mut conn(state);
    let agent_id = agent_email.map(|e| {
        let email = EmailAddress::parse(e).expect("email");
        match store::agents::find_by_email(c, &email).expect("lookup") {
            Some(a) => a.id,
            None => {
                store::agents::add(c, &email, "Agent", "x", false, clock_now())
                    .expect("agent")
                    .id
            }
        }
    });
    let (t, hash) = tokens::generate().expect("random");
    store::tokens::insert(c, "test", &hash, scope, agent_id, None, clock_now()).expect("token");
    t
}

/// A desk with product `shop` (releases 3.7.24–3.7.28), buyers alice (standard), paula
/// (priority), old (expired), and one token of each scope.
pub fn desk(db: &TestDb) -> Desk {
    desk_with(db, &[])
}

/// The same desk with these settings.
pub fn desk_with(db: &TestDb, settings: &[(&str, &str)]) -> Desk {
    let app = spawn_app(db, settings);
    {
        let c = &mut conn(&app.state);
        seed_product(c, "shop");
        seed_purchase(c, "O-1", "alice@example.com", "shop", 5, Tier::Standard);
        seed_purchase(c, "O-2", "paula@example.com", "shop", 5, Tier::Priority);
        seed_purchase(c, "O-3", "old@example.com", "shop", 400, Tier::Standard);
    }
    let intake = token(&app.state, Scope::Intake, None);
    let purchases = token(&app.state, Scope::Purchases, None);
    let agent = token(&app.state, Scope::Agent, Some("ann@desk.test"));
    let agent2 = token(&app.state, Scope::Agent, Some("ben@desk.test"));
    let client = Client::new(&app.base);
    Desk {
        app,
        client,
        intake,
        purchases,
        agent,
        agent2,
    }
}

pub fn ticket_body(email: &str, version: &str) -> Value {
    serde_json::json!({
        "email": email,
        "name": "Alice Martin",
        "product": "shop",
        "version": version,
        "subject": "Invoices are blank",
        "body": "Since the update every invoice is blank.",
        "store_url": "https://shop.example.com",
    })
}

impl Desk {
    /// Creates a ticket through the API; returns (number, portal token).
    pub fn ticket(&self, email: &str) -> (i64, String) {
        let r = self.client.post(
            "/api/v1/tickets",
            Some(&self.intake),
            &ticket_body(email, "3.7.28"),
        );
        assert_eq!(r.status, 201, "{}", r.json);
        let number = r.json["number"].as_i64().expect("number");
        let url = r.json["portal_url"].as_str().expect("portal_url");
        let token = url.rsplit('/').next().expect("token").to_string();
        (number, token)
    }
}
