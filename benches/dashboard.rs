//! The agents' dashboard with a million tickets stored: the queue page (HTML), "Take next" and
//! search, through HTTP with a signed-in agent's session cookie, on SQLite or PostgreSQL.
//!
//! Seeds the desk in bulk (`dashboard_seed`), starts the release `guichet serve` over it with
//! rate limits off, signs in through `/agent/login` like a browser, then measures one request
//! at a time over a keep-alive connection and prints one JSON line per measurement with p50,
//! p99 and the slowest request. DESIGN's targets: queue page and take-next p99 under 5 ms,
//! search p99 under 50 ms.
//!
//! Run: `cargo bench --bench dashboard` (SQLite file in a temporary folder), or with
//! `GUICHET_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres` on a database
//! `guichet_bench` created beside the one named and dropped at the end.
//! `GUICHET_BENCH_KEEP=1` keeps the seeded desk (SQLite in `GUICHET_BENCH_DATA_DIR`, default
//! `/var/tmp/guichet-dashboard-bench`; PostgreSQL's `guichet_bench`) and reuses it on the next
//! run, after putting back in the queue what take-next claimed. This measures; it asserts
//! nothing about speed.

mod common;
mod dashboard_seed;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use diesel::Connection;
use diesel::connection::SimpleConnection;
use guichet::startup::{Bootstrap, prepare};

use common::{KEY, commit, cpu_seconds, env_usize, peak_rss_mib, start_server};
use dashboard_seed::Mix;

/// Where the desk lives, and what to clean up after.
struct Target {
    boot: Bootstrap,
    database: &'static str,
    keep: bool,
    _tmp: Option<tempfile::TempDir>,
    /// The PostgreSQL server's URL (another database) and the benchmark's database name.
    pg: Option<(String, String)>,
}

const PG_DATABASE: &str = "guichet_bench";

impl Target {
    fn open(keep: bool) -> Target {
        let pg_base = std::env::var("GUICHET_BENCH_POSTGRES_URL")
            .ok()
            .filter(|u| !u.trim().is_empty());
        let (data_dir, tmp) = if keep {
            let dir = std::env::var("GUICHET_BENCH_DATA_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|_| PathBuf::from("/var/tmp/guichet-dashboard-bench"));
            let dir = if pg_base.is_some() {
                dir.join("postgres")
            } else {
                dir.join("sqlite")
            };
            std::fs::create_dir_all(&dir).expect("data folder");
            (dir, None)
        } else {
            let tmp = tempfile::tempdir().expect("temporary folder");
            (tmp.path().to_path_buf(), Some(tmp))
        };
        let pg = pg_base.map(|base| {
            let mut admin = diesel::PgConnection::establish(&base).expect("connect to PostgreSQL");
            if !keep {
                admin
                    .batch_execute(&format!(
                        "DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"
                    ))
                    .expect("drop the old benchmark database");
            }
            // Fails harmlessly when a kept database is there already.
            let _ = admin.batch_execute(&format!("CREATE DATABASE {PG_DATABASE}"));
            (base, PG_DATABASE.to_string())
        });
        let database_url = pg.as_ref().map(|(base, name)| match base.rsplit_once('/') {
            Some((head, _)) => format!("{head}/{name}"),
            None => panic!("GUICHET_BENCH_POSTGRES_URL must end in /DATABASE"),
        });
        Target {
            database: if pg.is_some() { "postgres" } else { "sqlite" },
            boot: Bootstrap {
                data_dir,
                database_url,
                flags: Default::default(),
                env: Default::default(),
                secret_key: Some(KEY.into()),
            },
            keep,
            _tmp: tmp,
            pg,
        }
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        if let Some((base, name)) = &self.pg
            && let Ok(mut admin) = diesel::PgConnection::establish(base)
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// Seeds the desk unless a kept one holds the mix already; returns what the requests need.
fn prepare_desk(t: &Target, mix: Mix) -> dashboard_seed::Seeded {
    let state = prepare(&t.boot).expect("start-up");
    let mut pooled = state.pool.get().expect("connection");
    let conn: &mut guichet::db::DbConn = &mut pooled;
    if dashboard_seed::already_seeded(conn, mix) {
        eprintln!("reusing the kept desk in {}", t.boot.data_dir.display());
        dashboard_seed::reset_takes(conn, mix);
    } else {
        dashboard_seed::seed(conn, mix);
    }
    dashboard_seed::seeded(mix)
}

/// A browser: one keep-alive connection, its cookies, no redirects followed.
struct Browser {
    agent: ureq::Agent,
    base: String,
    cookies: Vec<(String, String)>,
    csrf: String,
}

fn form_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    Some(rest[..rest.find('"')?].to_string())
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Browser {
    fn new(base: &str) -> Browser {
        Browser {
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .build()
                .into(),
            base: base.into(),
            cookies: Vec::new(),
            csrf: String::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, r: &ureq::http::Response<ureq::Body>) {
        for h in r.headers().get_all("set-cookie") {
            let Ok(h) = h.to_str() else { continue };
            let pair = h.split(';').next().unwrap_or("");
            if let Some((k, v)) = pair.split_once('=') {
                self.cookies.retain(|(n, _)| n != k);
                if !v.is_empty() {
                    self.cookies.push((k.to_string(), v.to_string()));
                }
            }
        }
    }

    /// GET `path`, 200 expected; returns the body.
    fn get(&mut self, path: &str) -> String {
        let url = format!("{}{path}", self.base);
        let mut r = self
            .agent
            .get(&url)
            .header("Cookie", self.cookie_header())
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let status = r.status().as_u16();
        self.keep_cookies(&r);
        let body = r.body_mut().read_to_string().expect("body");
        assert_eq!(status, 200, "GET {path}");
        body
    }

    /// POST a form; returns the status and the Location.
    fn post(&mut self, path: &str, form: &str) -> (u16, String) {
        let url = format!("{}{path}", self.base);
        let mut r = self
            .agent
            .post(&url)
            .header("Cookie", self.cookie_header())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(form)
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        self.keep_cookies(&r);
        let location = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .unwrap_or("")
            .to_string();
        let _ = r.body_mut().read_to_vec();
        (r.status().as_u16(), location)
    }

    fn sign_in(&mut self, email: &str, password: &str) {
        let page = self.get("/agent/login");
        let csrf = form_value(&page, "csrf").expect("the sign-in form's CSRF token");
        let (status, location) = self.post(
            "/agent/login",
            &format!(
                "csrf={csrf}&email={}&password={}",
                urlencode(email),
                urlencode(password)
            ),
        );
        assert_eq!(status, 303, "sign-in");
        assert!(!location.contains("login"), "signed in: {location}");
        let queue = self.get("/agent");
        self.csrf = form_value(&queue, "csrf").expect("the queue page's CSRF token");
    }
}

/// What one measurement gave: latencies sorted, and the server's CPU per request.
struct Figures {
    latencies: Vec<Duration>,
    cpu_us: Option<f64>,
}

impl Figures {
    fn ms(&self, p: f64) -> f64 {
        let n = self.latencies.len();
        if n == 0 {
            return 0.0;
        }
        let idx = ((n as f64 * p).ceil() as usize).clamp(1, n) - 1;
        (self.latencies[idx].as_secs_f64() * 1e6).round() / 1000.0
    }
}

/// Runs `request` up to `n` times or for `budget`, whichever ends first (a slow query before a
/// fix must not take an hour); `request` returns false to stop early.
fn measure(
    pid: u32,
    n: usize,
    budget: Duration,
    mut request: impl FnMut(usize) -> bool,
) -> Figures {
    // One untimed request first: the plan cache and the page cache, as an agent's second visit.
    request(usize::MAX);
    let cpu_before = cpu_seconds(pid);
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        if !request(i) {
            break;
        }
        latencies.push(t.elapsed());
        if started.elapsed() > budget {
            break;
        }
    }
    latencies.sort();
    let done = latencies.len().max(1) as f64;
    let cpu_us = cpu_before
        .zip(cpu_seconds(pid))
        .map(|(b, a)| ((a - b) * 1e6 / done).round());
    Figures { latencies, cpu_us }
}

fn main() {
    let mix = Mix {
        total: env_usize("GUICHET_BENCH_TICKETS", 1_000_000) as i64,
        queued: env_usize("GUICHET_BENCH_QUEUED", 20_000) as i64,
    };
    let requests = env_usize("GUICHET_BENCH_REQUESTS", 1_000);
    let searches = env_usize("GUICHET_BENCH_SEARCHES", 300);
    let takes = env_usize("GUICHET_BENCH_TAKES", 2_000);
    let budget = Duration::from_secs(env_usize("GUICHET_BENCH_BUDGET_SECS", 30) as u64);
    let keep = std::env::var("GUICHET_BENCH_KEEP").is_ok_and(|v| v == "1");
    let target = Target::open(keep);
    let started = Instant::now();
    let seeded = prepare_desk(&target, mix);
    eprintln!("desk ready in {:.1?}", started.elapsed());
    let (mut server, base) = start_server(&target.boot);
    let pid = server.id();
    let mut b = Browser::new(&base);
    b.sign_in(&seeded.email, &seeded.password);
    let commit = commit();
    // `GUICHET_BENCH_ONLY=queue_page,take` runs the measurements whose names start so.
    let only: Vec<String> = std::env::var("GUICHET_BENCH_ONLY")
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| name.starts_with(o.as_str()));
    let report = |name: &str, path: &str, f: &Figures| {
        let line = serde_json::json!({
            "bench": name,
            "path": path,
            "commit": commit,
            "database": target.database,
            "tickets_stored": mix.total,
            "tickets_queued": mix.queued,
            "requests": f.latencies.len(),
            "p50_ms": f.ms(0.50),
            "p99_ms": f.ms(0.99),
            "max_ms": f.ms(1.0),
            "server_cpu_us_per_request": f.cpu_us,
            "server_peak_rss_mib": peak_rss_mib(pid),
        });
        println!("{line}");
    };

    // A ticket near the middle of the standard lane: a later keyset page starts after it.
    let middle = seeded.first_queued + mix.queued / 2;
    let middle = middle - middle % 10 + 1;
    let pages = [
        ("queue_page_first", "/agent".to_string()),
        ("queue_page_later", format!("/agent?after={middle}")),
        ("queue_page_product", "/agent?product=agenda".to_string()),
        (
            "queue_page_product_later",
            format!("/agent?product=agenda&after={middle}"),
        ),
        ("queue_page_lane", "/agent?lane=priority".to_string()),
        ("queue_page_assigned", "/agent?state=assigned".to_string()),
        ("queue_page_mine", "/agent?mine=1".to_string()),
        (
            "queue_page_mine_later",
            format!("/agent?mine=1&after={middle}"),
        ),
    ];
    for (name, path) in pages.iter().filter(|(n, _)| wanted(n)) {
        let f = measure(pid, requests, budget, |_| {
            b.get(path);
            true
        });
        report(name, path, &f);
    }

    let number = seeded.first_queued - 12_345;
    let searches_list = [
        ("search_number", format!("#{number}")),
        ("search_email", seeded.customer.clone()),
        ("search_word_en", "invoice".to_string()),
        ("search_word_fr", "facture".to_string()),
        ("search_phrase_en", "blank invoice".to_string()),
        ("search_phrase_fr", "facture vierge".to_string()),
        ("search_rare_fr", "gabarit manquant".to_string()),
    ];
    for (name, q) in searches_list.iter().filter(|(n, _)| wanted(n)) {
        let path = format!("/agent/search?q={}", urlencode(q));
        let f = measure(pid, searches, budget, |_| {
            b.get(&path);
            true
        });
        report(name, &path, &f);
    }

    // Take next: each POST claims the head of the unassigned queue, answered 303 to the ticket.
    let csrf = format!("csrf={}", b.csrf);
    if !wanted("take_next") {
        let _ = server.kill();
        let _ = server.wait();
        return;
    }
    let f = measure(pid, takes, budget, |_| {
        let (status, location) = b.post("/agent/take", &csrf);
        assert_eq!(status, 303, "take");
        location.starts_with("/agent/tickets/")
    });
    report("take_next", "POST /agent/take", &f);
    // The queue page again, now that the head is the signed-in agent's.
    let f = measure(pid, requests, budget, |_| {
        b.get("/agent");
        true
    });
    report("queue_page_first_after_takes", "/agent", &f);

    let _ = server.kill();
    let _ = server.wait();
}
