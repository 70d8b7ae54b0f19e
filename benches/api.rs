//! guichet-bench: ticket intake through `POST /api/v1/tickets`, end to end.
//!
//! Seeds a fresh SQLite database (products, purchases, stored tickets) through the library,
//! starts the release `guichet serve` binary over it with rate limits off, then creates tickets
//! at concurrency 1 and 16 over keep-alive connections and prints one JSON line per run.
//!
//! Run: `cargo bench --bench api` (parameters: GUICHET_BENCH_PURCHASES, GUICHET_BENCH_TICKETS,
//! GUICHET_BENCH_REQUESTS, GUICHET_BENCH_QUEUED; GUICHET_BENCH_POSTGRES_URL to run on a fresh
//! PostgreSQL database instead of SQLite). Results go in BENCHMARKS.md. This measures; it
//! asserts nothing about speed.

mod common;

use std::time::Instant;

use chrono::Utc;
use guichet::domain::channel::Channel;
use guichet::domain::eligibility::Tier;
use guichet::domain::email::EmailAddress;
use guichet::domain::lifecycle::TicketState;
use guichet::domain::queue::Lane;
use guichet::startup::{Bootstrap, prepare};
use guichet::store;
use guichet::store::purchases::NewPurchase;
use guichet::store::tickets::NewTicket;
use guichet::tokens::{self, Scope};

use common::{
    add_shop, clock_now, commit, env_usize, peak_rss_mib, run_clients, start_server, temp_desk,
};

struct Params {
    purchases: usize,
    stored_tickets: usize,
    queued: usize,
    requests: usize,
}

fn buyer(i: usize) -> String {
    format!("buyer{i}@example.com")
}

/// Products, purchases and stored tickets; returns an intake token.
fn seed(boot: &Bootstrap, p: &Params) -> String {
    let state = prepare(boot).expect("start-up");
    let c = &mut state.pool.get().expect("connection");
    let product = add_shop(c);
    let today = Utc::now().date_naive();
    let started = Instant::now();
    for i in 0..p.purchases {
        let np = NewPurchase {
            order_ref: format!("B-{i}"),
            email: EmailAddress::parse(&buyer(i)).expect("email"),
            product: "shop".into(),
            purchased_at: today - chrono::Duration::days((i % 20) as i64),
            tier: if i % 10 == 0 {
                Tier::Priority
            } else {
                Tier::Standard
            },
        };
        store::purchases::upsert(c, &np, clock_now()).expect("purchase");
    }
    eprintln!(
        "seeded {} purchases in {:.1?}",
        p.purchases,
        started.elapsed()
    );
    let started = Instant::now();
    let base = clock_now() - chrono::Duration::days(30);
    for i in 0..p.stored_tickets {
        let state = if i < p.queued {
            TicketState::Queued
        } else {
            TicketState::Closed
        };
        let t = NewTicket {
            product_id: Some(product.id),
            email: buyer(i % p.purchases.max(1)),
            name: "Buyer".into(),
            version: Some("3.7.28".into()),
            subject: "Stored ticket".into(),
            body: "A message stored before the benchmark.".into(),
            state,
            lane: if i % 10 == 0 {
                Lane::Priority
            } else {
                Lane::Standard
            },
            lang: guichet::i18n::Lang::En,
            channel: Channel::Api,
            order_ref: None,
            store_url: None,
            admin_url: None,
            platform_version: None,
            refusal_code: None,
            parent_id: None,
            attachments: Vec::new(),
        };
        let (_, hash) = tokens::generate().expect("random");
        let at = base + chrono::Duration::milliseconds(i as i64);
        store::tickets::create(c, &t, &hash, &hash[..32], at, |_| Vec::new(), |_| Ok(None))
            .expect("ticket");
    }
    eprintln!(
        "seeded {} tickets in {:.1?}",
        p.stored_tickets,
        started.elapsed()
    );
    let (token, hash) = tokens::generate().expect("random");
    store::tokens::insert(c, "bench", &hash, Scope::Intake, None, None, clock_now())
        .expect("token");
    token
}

/// One intake request; false (stop) never happens: any answer but 201 is a broken benchmark.
fn create_ticket(agent: &ureq::Agent, url: &str, auth: &str, email: &str) -> bool {
    let body = serde_json::json!({
        "email": email,
        "name": "Bench Buyer",
        "product": "shop",
        "version": "3.7.28",
        "subject": "Invoices are blank",
        "body": "Since the update every invoice is blank. Steps: open an order, print the invoice.",
        "store_url": "https://shop.example.com",
    })
    .to_string();
    match agent
        .post(url)
        .header("Authorization", auth)
        .header("Content-Type", "application/json")
        .send(body.as_str())
    {
        Ok(mut r) if r.status().as_u16() == 201 => {
            let _ = r.body_mut().read_to_vec();
            true
        }
        Ok(r) => panic!("unexpected status {}", r.status()),
        Err(e) => panic!("request failed: {e}"),
    }
}

fn main() {
    let params = Params {
        purchases: env_usize("GUICHET_BENCH_PURCHASES", 100_000),
        stored_tickets: env_usize("GUICHET_BENCH_TICKETS", 100_000),
        queued: env_usize("GUICHET_BENCH_QUEUED", 1_000),
        requests: env_usize("GUICHET_BENCH_REQUESTS", 8_000),
    };
    let (desk, boot) = temp_desk();
    let token = seed(&boot, &params);
    let (mut server, base) = start_server(&boot);
    let commit = commit();
    let url = format!("{base}/api/v1/tickets");
    let auth = format!("Bearer {token}");
    let buyers = params.purchases.max(1);
    let mut offset = 0;
    for concurrency in [1usize, 16] {
        let requests = if concurrency == 1 {
            params.requests / 4
        } else {
            params.requests
        };
        let (url, auth) = (url.clone(), auth.clone());
        let run = run_clients(server.id(), concurrency, requests, move |agent, i| {
            create_ticket(agent, &url, &auth, &buyer((i + offset) % buyers))
        });
        offset += requests;
        let line = serde_json::json!({
            "bench": "api_create_ticket",
            "commit": commit,
            "database": desk.database(),
            "purchases": params.purchases,
            "tickets_stored": params.stored_tickets,
            "tickets_queued_before": params.queued,
            "concurrency": concurrency,
            "requests": requests,
            "tickets_per_s": run.per_second,
            "p50_ms": run.percentile_ms(0.50),
            "p99_ms": run.percentile_ms(0.99),
            "server_cpu_us_per_ticket": run.server_cpu_us,
            "server_peak_rss_mib": peak_rss_mib(server.id()),
        });
        println!("{line}");
    }
    let _ = server.kill();
    let _ = server.wait();
}
