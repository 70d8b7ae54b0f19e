//! `guichet serve` as a user starts it: what it logs and prints, `--bind` by name, the demo, the
//! access log, and a pool that serve does not keep a connection of.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::helpers::*;

/// A running `guichet serve` whose stdout and stderr lines are collected as they come.
pub(crate) struct Served {
    child: Child,
    out: Arc<Mutex<Vec<String>>>,
    err: Arc<Mutex<Vec<String>>>,
}

fn collect(stream: impl std::io::Read + Send + 'static) -> Arc<Mutex<Vec<String>>> {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            sink.lock().expect("lines").push(line);
        }
    });
    lines
}

pub(crate) fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
    l.local_addr().expect("addr").port()
}

impl Served {
    pub(crate) fn start(
        data_dir: &std::path::Path,
        url: Option<&str>,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Served {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_guichet"));
        cmd.arg("--data-dir").arg(data_dir);
        if let Some(url) = url {
            cmd.args(["--database-url", url]);
        }
        cmd.arg("serve")
            .args(args)
            .env_remove("GUICHET_DATABASE_URL")
            .env_remove("GUICHET_LOG")
            .env("GUICHET_SECRET_KEY", TEST_KEY)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start serve");
        let out = collect(child.stdout.take().expect("stdout"));
        let err = collect(child.stderr.take().expect("stderr"));
        Served { child, out, err }
    }

    /// Waits until a stderr line matches, and returns it.
    pub(crate) fn log_line(&self, what: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Some(l) = self.err.lock().expect("lines").iter().find(|l| what(l)) {
                return l.clone();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "no such log line; stderr: {:?}",
            self.err.lock().expect("lines")
        );
    }

    fn stdout(&self) -> String {
        self.out.lock().expect("lines").join("\n")
    }

    /// Waits until stdout holds a line matching `what` (stdout and stderr are read by separate
    /// threads, so a log line can arrive before the printed text), then returns all of stdout.
    fn stdout_once(&self, what: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if self.out.lock().expect("lines").iter().any(|l| what(l)) {
                return self.stdout();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("no such stdout line; stdout: {}", self.stdout());
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get(url: &str, token: Option<&str>) -> u16 {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .new_agent();
    let mut req = agent.get(url);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    req.call().map(|r| r.status().as_u16()).unwrap_or(0)
}

#[test]
fn serve_binds_a_host_name_and_logs_url_database_and_data_dir() {
    each_backend(|db| {
        let port = free_port();
        // With a password in the URL (PostgreSQL here trusts local connections, so any
        // password works): it must not reach the log.
        let url = db
            .url
            .replacen("postgres://postgres@", "postgres://postgres:hunter2@", 1);
        let served = Served::start(
            &db.data_dir(),
            Some(&url),
            &["--bind", &format!("localhost:{port}")],
            &[],
        );
        let line = served.log_line(|l| l.contains("guichet is serving"));
        assert!(line.contains(&format!("http://localhost:{port}")), "{line}");
        assert!(
            line.contains(&db.data_dir().display().to_string()),
            "{line}"
        );
        assert!(line.contains("database="), "{line}");
        assert!(!line.contains("hunter2"), "{line}");
        assert_eq!(get(&format!("http://localhost:{port}/healthz"), None), 200);
        let all = served.err.lock().expect("lines").join("\n");
        assert!(!all.contains("hunter2"), "{all}");
    });
}

#[test]
fn one_access_log_line_per_request_without_ip_or_token() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let port = free_port();
    let served = Served::start(
        &db.data_dir(),
        Some(&db.url),
        &["--bind", &format!("127.0.0.1:{port}")],
        &[],
    );
    served.log_line(|l| l.contains("guichet is serving"));
    let secret = "0123456789abcdef".repeat(4);
    assert_eq!(
        get(
            &format!("http://127.0.0.1:{port}/api/v1/tickets/42"),
            Some(&secret)
        ),
        401
    );
    assert_eq!(get(&format!("http://127.0.0.1:{port}/healthz"), None), 200);
    let ticket = served.log_line(|l| l.contains("/api/v1/tickets/"));
    assert!(ticket.contains("INFO"), "{ticket}");
    assert!(
        ticket.contains("GET /api/v1/tickets/{number} 401") && ticket.contains("ms"),
        "{ticket}"
    );
    assert!(
        !ticket.contains("/tickets/42"),
        "the pattern, not the path: {ticket}"
    );
    served.log_line(|l| l.contains("GET /healthz 200"));
    let all = served.err.lock().expect("lines").clone();
    let access: Vec<&String> = all
        .iter()
        .filter(|l| l.contains("guichet::access"))
        .collect();
    assert_eq!(access.len(), 2, "{access:?}");
    for l in access {
        assert!(!l.contains(&secret) && !l.contains("127.0.0.1"), "{l}");
    }
}

#[test]
fn serve_demo_prints_what_it_seeded_and_keeps_no_connection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    // One connection in the pool: if serve kept one for itself, no request could get any.
    let env = [("GUICHET_POOL_SIZE", "1")];
    let token = {
        let served = Served::start(dir.path(), None, &["--demo", "--bind", &bind], &env);
        served.log_line(|l| l.contains("guichet is serving"));
        let text = served.stdout_once(|l| l.contains("/api/v1/queue"));
        for expected in [
            "pdf-invoices",
            "3.7.24, 3.7.25, 3.7.26, 3.7.27, 3.7.28",
            "1.7.8.10",
            "WC-1001",
            "alice@example.com",
            "PS-2001",
            "dora@example.org",
            "agent login",
            "password",
        ] {
            assert!(text.contains(expected), "{expected} missing from {text}");
        }
        let token = text
            .lines()
            .find_map(|l| l.strip_prefix("demo: agent API token "))
            .expect("token printed")
            .trim()
            .to_string();
        assert_eq!(
            get(&format!("http://{bind}/api/v1/queue"), Some(&token)),
            200
        );
        // The printed login opens the dashboard.
        let field = |prefix: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(prefix))
                .expect("printed")
                .trim()
                .to_string()
        };
        let mut browser = crate::page_client::Browser::new(&format!("http://{bind}"));
        let form = browser.get("/agent/login");
        let signed_in = browser.post(
            "/agent/login",
            &[
                ("csrf", crate::page_client::csrf_of(&form.body)),
                ("email", field("demo: agent login ")),
                ("password", field("demo: password ")),
            ],
        );
        assert_eq!(signed_in.status, 303, "{}", signed_in.body);
        let queue = browser.get("/agent");
        assert_eq!(queue.status, 200);
        assert!(
            queue.body.contains("/agent/tickets/1"),
            "the demo tickets are listed"
        );
        token
    };
    let served = Served::start(dir.path(), None, &["--demo", "--bind", &bind], &env);
    served.log_line(|l| l.contains("guichet is serving"));
    let text = served.stdout_once(|l| l.contains("fresh data directory"));
    assert!(
        text.contains("nothing was seeded") && text.contains("fresh data directory"),
        "{text}"
    );
    assert!(!text.contains(&token));
    assert_eq!(
        get(&format!("http://{bind}/api/v1/queue"), Some(&token)),
        200
    );
}
