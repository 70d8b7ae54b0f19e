//! What the benchmarks share: a temporary desk, the release server as a child process, a pool of
//! keep-alive client threads, and the figures they print (percentiles, peak RSS, CPU time).

#![allow(dead_code)] // each bench uses its own subset

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use guichet::startup::Bootstrap;

/// The product every benchmark sells: `shop`, releases 3.7.24 to 3.7.28.
pub fn add_shop(conn: &mut guichet::db::DbConn) -> guichet::store::models::Product {
    use guichet::domain::version::Version;
    use guichet::store::products::{self, ProductTerms, Slug};
    let terms = ProductTerms {
        free_support_days: 30,
        max_support_months: 12,
        releases_back: 2,
    };
    let product = products::add(
        conn,
        &Slug::parse("shop").expect("slug"),
        "Shop",
        terms,
        clock_now(),
    )
    .expect("product");
    for v in ["3.7.24", "3.7.25", "3.7.26", "3.7.27", "3.7.28"] {
        products::add_release(
            conn,
            product.id,
            &Version::parse(v).expect("version"),
            None,
            clock_now(),
        )
        .expect("release");
    }
    product
}

pub const KEY: &str = "9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The commit being measured, for the JSON lines.
pub fn commit() -> String {
    Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// A fresh desk: a temporary data directory and a fixed key, over a SQLite file there or, when
/// `GUICHET_BENCH_POSTGRES_URL` is set, over a PostgreSQL database created for the run (and
/// dropped when the returned guard goes).
pub fn temp_desk() -> (Desk, Bootstrap) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let pg = std::env::var("GUICHET_BENCH_POSTGRES_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .map(|base| {
            use diesel::Connection;
            use diesel::connection::SimpleConnection;
            let name = format!(
                "guichet_bench_{}",
                &guichet::tokens::generate().expect("random").0[..12]
            );
            let mut admin = diesel::PgConnection::establish(&base).expect("connect to PostgreSQL");
            admin
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .expect("create the benchmark database");
            let url = match base.rsplit_once('/') {
                Some((head, _)) => format!("{head}/{name}"),
                None => panic!("GUICHET_BENCH_POSTGRES_URL must end in /DATABASE"),
            };
            (base, name, url)
        });
    let boot = Bootstrap {
        data_dir: dir.path().to_path_buf(),
        database_url: pg.as_ref().map(|(_, _, url)| url.clone()),
        flags: Default::default(),
        env: Default::default(),
        secret_key: Some(KEY.into()),
    };
    let pg = pg.map(|(base, name, _)| (base, name));
    (Desk { _dir: dir, pg }, boot)
}

/// Keeps the benchmark's data alive; drops its PostgreSQL database at the end.
pub struct Desk {
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl Desk {
    pub fn database(&self) -> &'static str {
        if self.pg.is_some() {
            "postgres"
        } else {
            "sqlite"
        }
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        use diesel::Connection;
        use diesel::connection::SimpleConnection;
        if let Some((base, name)) = &self.pg
            && let Ok(mut admin) = diesel::PgConnection::establish(base)
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// The release `guichet serve` over this desk, rate limits off; returns it and its base URL.
pub fn start_server(boot: &Bootstrap) -> (Child, String) {
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_guichet"));
    command.arg("--data-dir").arg(&boot.data_dir);
    if let Some(url) = &boot.database_url {
        command.arg("--database-url").arg(url);
    }
    let mut child = command
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("GUICHET_SECRET_KEY", KEY)
        .env("GUICHET_RATE_LIMITS", "false")
        .env("GUICHET_LOG", "warn")
        .env_remove("GUICHET_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start guichet");
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if ureq::get(&format!("{base}/healthz")).call().is_ok() {
            return (child, base);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("guichet did not start");
}

/// Peak resident memory of a process, from /proc (Linux), in MiB.
pub fn peak_rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

/// CPU time (user + system) a process has used, in seconds, from /proc (Linux; 100 ticks/s).
pub fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may contain spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// What one run measured.
pub struct Run {
    pub per_second: f64,
    /// Sorted.
    pub latencies: Vec<Duration>,
    /// Server CPU per request, in microseconds.
    pub server_cpu_us: Option<f64>,
}

impl Run {
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let n = self.latencies.len();
        let idx = ((n as f64 * p).ceil() as usize).clamp(1, n) - 1;
        (self.latencies[idx].as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0
    }
}

/// Sends `total` requests from `concurrency` threads, each with its own keep-alive agent.
/// `request(agent, i)` performs request `i` and must read the response body to the end (that is
/// what returns the connection to the agent); it returns false to stop early.
pub fn run_clients<F>(server_pid: u32, concurrency: usize, total: usize, request: F) -> Run
where
    F: Fn(&ureq::Agent, usize) -> bool + Send + Sync + 'static,
{
    let request = Arc::new(request);
    let next = Arc::new(AtomicUsize::new(0));
    let cpu_before = cpu_seconds(server_pid);
    let started = Instant::now();
    let handles: Vec<_> = (0..concurrency)
        .map(|_| {
            let next = next.clone();
            let request = request.clone();
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build()
                    .into();
                let mut latencies = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break latencies;
                    }
                    let t = Instant::now();
                    if !request(&agent, i) {
                        break latencies;
                    }
                    latencies.push(t.elapsed());
                }
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(total);
    for h in handles {
        latencies.extend(h.join().expect("client thread"));
    }
    let secs = started.elapsed().as_secs_f64();
    latencies.sort();
    let done = latencies.len().max(1) as f64;
    let server_cpu_us = cpu_before
        .zip(cpu_seconds(server_pid))
        .map(|(before, after)| ((after - before) * 1e6 / done).round());
    Run {
        per_second: (latencies.len() as f64 / secs * 10.0).round() / 10.0,
        latencies,
        server_cpu_us,
    }
}

/// The time now, from the system clock.
pub fn clock_now() -> chrono::DateTime<chrono::Utc> {
    use guichet::clock::Clock;
    guichet::clock::SystemClock.now()
}
