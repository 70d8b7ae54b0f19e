//! guichet-bench: tickets through the web form, as a browser sends them.
//!
//! Each submission is what a customer's browser does: `GET /` (the form, with a fresh CSRF
//! cookie and token), then `POST /` urlencoded with the cookie, answered 303 to the portal.
//! Seeds a fresh SQLite database (one product, `GUICHET_BENCH_PURCHASES` buyers), starts the
//! release `guichet serve` with rate limits off, and runs at concurrency 1 and 16 over
//! keep-alive connections, printing one JSON line per run. It measures; it asserts nothing.
//!
//! Run: `cargo bench --bench form` (GUICHET_BENCH_PURCHASES, GUICHET_BENCH_REQUESTS).

mod common;

use chrono::Utc;
use guichet::domain::eligibility::Tier;
use guichet::domain::email::EmailAddress;
use guichet::startup::{Bootstrap, prepare};
use guichet::store;
use guichet::store::purchases::NewPurchase;

use common::{
    add_shop, clock_now, commit, env_usize, peak_rss_mib, run_clients, start_server, temp_desk,
};

fn buyer(i: usize) -> String {
    format!("buyer{i}@example.com")
}

fn seed(boot: &Bootstrap, purchases: usize) {
    let state = prepare(boot).expect("start-up");
    let c = &mut state.pool.get().expect("connection");
    add_shop(c);
    let today = Utc::now().date_naive();
    for i in 0..purchases {
        let p = NewPurchase {
            order_ref: format!("B-{i}"),
            email: EmailAddress::parse(&buyer(i)).expect("email"),
            product: "shop".into(),
            purchased_at: today,
            tier: Tier::Standard,
        };
        store::purchases::upsert(c, &p, clock_now()).expect("purchase");
    }
}

/// The value of `name="csrf"`'s hidden input in the form's HTML.
fn csrf_token(html: &str) -> String {
    let at = html
        .find("name=\"csrf\" value=\"")
        .expect("the form has a CSRF field");
    let rest = &html[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').expect("end of the value")].to_string()
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One submission: the form, then its post. Any answer but 200 and 303 breaks the benchmark.
fn submit(agent: &ureq::Agent, base: &str, email: &str) -> bool {
    let mut form = agent.get(&format!("{base}/")).call().expect("GET /");
    assert_eq!(form.status().as_u16(), 200);
    let cookie = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("guichet_csrf="))
        .and_then(|v| v.split(';').next())
        .expect("a CSRF cookie")
        .to_string();
    let html = form.body_mut().read_to_string().expect("form");
    let fields = [
        ("csrf", csrf_token(&html)),
        ("email", email.to_string()),
        ("name", "Bench Buyer".into()),
        ("product", "shop".into()),
        ("version", "3.7.28".into()),
        ("order_ref", String::new()),
        ("subject", "Invoices are blank".into()),
        (
            "description",
            "Since the update every invoice is blank.\r\nSteps: open an order, print the invoice."
                .into(),
        ),
        ("store_url", "https://shop.example.com".into()),
        ("admin_url", "https://shop.example.com/wp-admin".into()),
        ("platform_version", "WordPress 6.7, WooCommerce 9.4".into()),
        ("website", String::new()),
    ];
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    let posted = agent
        .post(&format!("{base}/"))
        .header("Cookie", &cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .config()
        .max_redirects(0)
        .build()
        .send(body.join("&").as_str());
    match posted {
        Ok(mut r) if r.status().as_u16() == 303 => {
            let _ = r.body_mut().read_to_vec();
            true
        }
        Ok(mut r) => panic!(
            "POST /: status {}: {}",
            r.status(),
            r.body_mut().read_to_string().unwrap_or_default()
        ),
        Err(e) => panic!("POST /: {e}"),
    }
}

fn main() {
    let purchases = env_usize("GUICHET_BENCH_PURCHASES", 10_000);
    let requests = env_usize("GUICHET_BENCH_REQUESTS", 4_000);
    let (desk, boot) = temp_desk();
    seed(&boot, purchases);
    let (mut server, base) = start_server(&boot);
    let commit = commit();
    let mut offset = 0;
    for concurrency in [1usize, 16] {
        let n = if concurrency == 1 {
            requests / 4
        } else {
            requests
        };
        let b = base.clone();
        let run = run_clients(server.id(), concurrency, n, move |agent, i| {
            submit(agent, &b, &buyer((i + offset) % purchases.max(1)))
        });
        offset += n;
        let line = serde_json::json!({
            "bench": "form_submit_ticket",
            "commit": commit,
            "database": desk.database(),
            "purchases": purchases,
            "concurrency": concurrency,
            "submissions": n,
            "submissions_per_s": run.per_second,
            "p50_ms": run.percentile_ms(0.50),
            "p99_ms": run.percentile_ms(0.99),
            "server_cpu_us_per_submission": run.server_cpu_us,
            "server_peak_rss_mib": peak_rss_mib(server.id()),
        });
        println!("{line}");
    }
    let _ = server.kill();
    let _ = server.wait();
}
