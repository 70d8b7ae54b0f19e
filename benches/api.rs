//! guichet-bench: ticket intake through `POST /api/v1/tickets`, end to end.
//!
//! Seeds a fresh SQLite database (products, purchases, stored tickets) through the library,
//! starts the release `guichet serve` binary over it with rate limits off, then creates tickets
//! at concurrency 1 and 16 over keep-alive connections and prints one JSON line per run.
//!
//! Run: `cargo bench --bench api` (parameters: GUICHET_BENCH_PURCHASES, GUICHET_BENCH_TICKETS,
//! GUICHET_BENCH_REQUESTS, GUICHET_BENCH_QUEUED). Results go in BENCHMARKS.md. This measures;
//! it asserts nothing about speed.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use guichet::domain::eligibility::Tier;
use guichet::domain::email::EmailAddress;
use guichet::domain::lifecycle::TicketState;
use guichet::domain::queue::Lane;
use guichet::domain::version::Version;
use guichet::startup::{Bootstrap, prepare};
use guichet::store;
use guichet::store::products::{ProductTerms, Slug};
use guichet::store::purchases::NewPurchase;
use guichet::store::tickets::{Channel, NewTicket};
use guichet::tokens::{self, Scope};

const KEY: &str = "9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Params {
    purchases: usize,
    stored_tickets: usize,
    queued: usize,
    requests: usize,
}

fn commit() -> String {
    Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn buyer(i: usize) -> String {
    format!("buyer{i}@example.com")
}

/// Products, purchases and stored tickets; returns an intake token.
fn seed(boot: &Bootstrap, p: &Params) -> String {
    let state = prepare(boot).expect("start-up");
    let c = &mut state.pool.get().expect("connection");
    let terms = ProductTerms {
        free_support_days: 30,
        max_support_months: 12,
        releases_back: 2,
    };
    let product = store::products::add(c, &Slug::parse("shop").expect("slug"), "Shop", terms)
        .expect("product");
    for v in ["3.7.24", "3.7.25", "3.7.26", "3.7.27", "3.7.28"] {
        store::products::add_release(c, product.id, &Version::parse(v).expect("v"), None)
            .expect("release");
    }
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
        store::purchases::upsert(c, &np).expect("purchase");
    }
    eprintln!(
        "seeded {} purchases in {:.1?}",
        p.purchases,
        started.elapsed()
    );
    let started = Instant::now();
    let base = store::now() - chrono::Duration::days(30);
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
            lang: "en".into(),
            channel: Channel::Api,
            order_ref: None,
            store_url: None,
            admin_url: None,
            platform_version: None,
            refusal_code: None,
            parent_id: None,
        };
        let (_, hash) = tokens::generate().expect("random");
        let at = base + chrono::Duration::milliseconds(i as i64);
        store::tickets::create(c, &t, &hash, at, |_| Vec::new()).expect("ticket");
    }
    eprintln!(
        "seeded {} tickets in {:.1?}",
        p.stored_tickets,
        started.elapsed()
    );
    let (token, hash) = tokens::generate().expect("random");
    store::tokens::insert(c, "bench", &hash, Scope::Intake, None, None).expect("token");
    token
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn start_server(boot: &Bootstrap, port: u16) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_guichet"))
        .arg("--data-dir")
        .arg(&boot.data_dir)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("GUICHET_SECRET_KEY", KEY)
        .env("GUICHET_RATE_LIMITS", "false")
        .env("GUICHET_LOG", "warn")
        .env_remove("GUICHET_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start guichet");
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if ureq::get(&format!("http://127.0.0.1:{port}/healthz"))
            .call()
            .is_ok()
        {
            return child;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("guichet did not start");
}

/// Peak resident memory of a process, from /proc (Linux), in MiB.
fn peak_rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time (user + system) a process has used, in seconds, from /proc (Linux; 100 ticks/s).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may contain spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn run(
    base: &str,
    token: &str,
    concurrency: usize,
    requests: usize,
    buyers: usize,
    offset: usize,
) -> (f64, Vec<Duration>) {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let handles: Vec<_> = (0..concurrency)
        .map(|_| {
            let next = next.clone();
            let url = format!("{base}/api/v1/tickets");
            let auth = format!("Bearer {token}");
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
                let mut latencies = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests {
                        break latencies;
                    }
                    let body = format!(
                        "{{\"email\":\"{}\",\"name\":\"Bench Buyer\",\"product\":\"shop\",\"version\":\"3.7.28\",\
                         \"subject\":\"Invoices are blank\",\"body\":\"Since the update every invoice is blank. Steps: open an order.\",\
                         \"store_url\":\"https://shop.example.com\"}}",
                        buyer((i + offset) % buyers)
                    );
                    let t = Instant::now();
                    let res = agent
                        .post(&url)
                        .header("Authorization", &auth)
                        .header("Content-Type", "application/json")
                        .send(body.as_str());
                    match res {
                        // Reading the body to the end is what returns the connection to the
                        // agent's pool; without it every request would open a new connection.
                        Ok(mut r) if r.status().as_u16() == 201 => {
                            let _ = r.body_mut().read_to_vec();
                            latencies.push(t.elapsed());
                        }
                        Ok(r) => panic!("unexpected status {}", r.status()),
                        Err(e) => panic!("request failed: {e}"),
                    }
                }
            })
        })
        .collect();
    let mut all = Vec::with_capacity(requests);
    for h in handles {
        all.extend(h.join().expect("client thread"));
    }
    let secs = started.elapsed().as_secs_f64();
    all.sort();
    (all.len() as f64 / secs, all)
}

fn percentile_ms(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[idx].as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes --bench; there is nothing to filter.
    let params = Params {
        purchases: env_usize("GUICHET_BENCH_PURCHASES", 100_000),
        stored_tickets: env_usize("GUICHET_BENCH_TICKETS", 100_000),
        queued: env_usize("GUICHET_BENCH_QUEUED", 1_000),
        requests: env_usize("GUICHET_BENCH_REQUESTS", 8_000),
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let boot = Bootstrap {
        data_dir: dir.path().to_path_buf(),
        database_url: None,
        flags: Default::default(),
        env: Default::default(),
        secret_key: Some(KEY.into()),
    };
    let token = seed(&boot, &params);
    let port = free_port();
    let mut server = start_server(&boot, port);
    let base = format!("http://127.0.0.1:{port}");
    let commit = commit();
    let mut offset = 0;
    for concurrency in [1usize, 16] {
        let requests = if concurrency == 1 {
            params.requests / 4
        } else {
            params.requests
        };
        let cpu_before = cpu_seconds(server.id());
        let (rate, latencies) = run(
            &base,
            &token,
            concurrency,
            requests,
            params.purchases.max(1),
            offset,
        );
        let server_cpu_us = cpu_before
            .zip(cpu_seconds(server.id()))
            .map(|(before, after)| ((after - before) * 1e6 / requests as f64).round());
        offset += requests;
        let line = serde_json::json!({
            "bench": "api_create_ticket",
            "commit": commit,
            "database": "sqlite",
            "purchases": params.purchases,
            "tickets_stored": params.stored_tickets,
            "tickets_queued_before": params.queued,
            "concurrency": concurrency,
            "requests": requests,
            "tickets_per_s": (rate * 10.0).round() / 10.0,
            "p50_ms": (percentile_ms(&latencies, 0.50) * 1000.0).round() / 1000.0,
            "p99_ms": (percentile_ms(&latencies, 0.99) * 1000.0).round() / 1000.0,
            "server_cpu_us_per_ticket": server_cpu_us,
            "server_peak_rss_mib": peak_rss_mib(server.id()).map(|m| (m * 10.0).round() / 10.0),
        });
        println!("{line}");
    }
    let _ = server.kill();
    let _ = server.wait();
}
