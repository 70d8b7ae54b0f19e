//! Test databases, the app on a random port, and the CLI as a child process.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Once;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use guichet::db::{Backend, DbConn, PooledConn};
use guichet::domain::eligibility::Tier;
use guichet::domain::email::EmailAddress;
use guichet::domain::version::Version;
use guichet::startup::{AppState, Application, Bootstrap, prepare};
use guichet::store;
use guichet::store::products::{ProductTerms, Slug};
use guichet::store::purchases::NewPurchase;

pub const TEST_KEY: &str = "5d1f0c9a7b3e2d4c6a8b0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d";
pub const PG_ENV: &str = "GUICHET_TEST_POSTGRES_URL";

/// True when `GUICHET_TEST_REQUIRE` lists `suite`.
pub fn required(suite: &str) -> bool {
    std::env::var("GUICHET_TEST_REQUIRE")
        .map(|v| v.split(',').any(|s| s.trim() == suite))
        .unwrap_or(false)
}

/// The backends to run storage tests on. Announces a skipped PostgreSQL suite once.
pub fn backends() -> Vec<Backend> {
    static ANNOUNCE: Once = Once::new();
    match std::env::var(PG_ENV) {
        Ok(url) if !url.trim().is_empty() => vec![Backend::Sqlite, Backend::Postgres],
        _ => {
            if required("postgres") {
                panic!("GUICHET_TEST_REQUIRE lists postgres but {PG_ENV} is not set");
            }
            ANNOUNCE.call_once(|| {
                // Written to the real stderr handle: libtest captures eprintln! of passing tests.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "SKIPPED: PostgreSQL suite ({PG_ENV} is not set); storage and server tests ran on SQLite only"
                );
            });
            vec![Backend::Sqlite]
        }
    }
}

/// A database of its own for one test: a SQLite file in a temporary folder, or a PostgreSQL
/// database created for the test and dropped after it.
pub struct TestDb {
    pub url: String,
    pub dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub fn new(backend: Backend) -> TestDb {
        let dir = tempfile::tempdir().expect("temporary folder");
        match backend {
            Backend::Sqlite => {
                let url = dir.path().join("guichet.db").to_string_lossy().into_owned();
                TestDb { url, dir, pg: None }
            }
            Backend::Postgres => {
                let base = std::env::var(PG_ENV).expect("PostgreSQL URL");
                let name = format!(
                    "guichet_t_{}",
                    &guichet::tokens::generate().expect("random").0[..16]
                );
                let mut admin = PgConnection::establish(&base).expect("connect to PostgreSQL");
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                let url = replace_db_name(&base, &name);
                TestDb {
                    url,
                    dir,
                    pg: Some((base, name)),
                }
            }
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    pub fn bootstrap(&self) -> Bootstrap {
        Bootstrap {
            data_dir: self.data_dir(),
            database_url: Some(self.url.clone()),
            flags: BTreeMap::new(),
            env: BTreeMap::new(),
            secret_key: Some(TEST_KEY.to_string()),
        }
    }

    /// The application state over this database, migrated.
    pub fn state(&self) -> AppState {
        prepare(&self.bootstrap()).expect("start-up")
    }

    pub fn state_with(&self, settings: &[(&str, &str)]) -> AppState {
        let mut boot = self.bootstrap();
        for (k, v) in settings {
            boot.env.insert(k.to_string(), v.to_string());
        }
        prepare(&boot).expect("start-up")
    }
}

fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let head = match base.rfind('/') {
        Some(i)
            if base[..i].contains("://") && i > base.find("://").map(|j| j + 2).unwrap_or(0) =>
        {
            &base[..i]
        }
        _ => base,
    };
    match query {
        Some(q) => format!("{head}/{name}?{q}"),
        None => format!("{head}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, name)) = &self.pg
            && let Ok(mut admin) = PgConnection::establish(base)
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// Runs `test` once per backend, each time on a fresh database.
pub fn each_backend(test: impl Fn(&TestDb)) {
    for backend in backends() {
        eprintln!("-- on {}", backend.as_str());
        let db = TestDb::new(backend);
        test(&db);
    }
}

pub fn conn(state: &AppState) -> PooledConn {
    state.pool.get().expect("pooled connection")
}

/// A product with releases 3.7.24–3.7.28 and a purchase for `email`.
pub fn seed_product(conn: &mut DbConn, slug: &str) -> store::models::Product {
    let terms = ProductTerms {
        free_support_days: 30,
        max_support_months: 12,
        releases_back: 2,
    };
    let p = store::products::add(
        conn,
        &Slug::parse(slug).expect("slug"),
        "Test product",
        terms,
        clock_now(),
    )
    .expect("product");
    for v in ["3.7.24", "3.7.25", "3.7.26", "3.7.27", "3.7.28"] {
        store::products::add_release(
            conn,
            p.id,
            &Version::parse(v).expect("version"),
            None,
            clock_now(),
        )
        .expect("release");
    }
    p
}

pub fn seed_purchase(
    conn: &mut DbConn,
    order: &str,
    email: &str,
    product: &str,
    days_ago: i64,
    tier: Tier,
) {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let p = NewPurchase {
        order_ref: order.into(),
        email: EmailAddress::parse(email).expect("email"),
        product: product.into(),
        purchased_at: today - chrono::Duration::days(days_ago),
        tier,
    };
    store::purchases::upsert(conn, &p, clock_now()).expect("purchase");
}

/// A running server on a random port over this database.
pub struct TestApp {
    pub base: String,
    pub state: AppState,
}

pub fn spawn_app(db: &TestDb, settings: &[(&str, &str)]) -> TestApp {
    let state = db.state_with(settings);
    let app_state = state.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = Application::build(app_state, "127.0.0.1:0").expect("bind");
            tx.send(app.port()).expect("send port");
            let _ = app.run_until_stopped().await;
        })
    });
    let port = rx.recv().expect("server started");
    TestApp {
        base: format!("http://127.0.0.1:{port}"),
        state,
    }
}

/// Runs the `guichet` binary over this database with `stdin` as input.
pub fn cli(db: &TestDb, args: &[&str], stdin: &str) -> Output {
    cli_in(&db.data_dir(), &db.url, args, stdin)
}

pub fn cli_in(data_dir: &Path, url: &str, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_guichet"))
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--database-url")
        .arg(url)
        .args(args)
        .env("GUICHET_SECRET_KEY", TEST_KEY)
        .env_remove("GUICHET_DATA_DIR")
        .env_remove("GUICHET_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run guichet");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("guichet output")
}

/// Asserts that a command succeeded and returns what it printed.
pub fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    stdout(o)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn replace_db_name_keeps_query() {
    assert_eq!(
        replace_db_name("postgres://postgres@127.0.0.1:5432/test", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        replace_db_name("postgres://u@h/test?sslmode=disable", "x"),
        "postgres://u@h/x?sslmode=disable"
    );
}

/// [`cli`] with extra environment variables, run in `cwd` (a relative path lands there).
pub fn cli_env(db: &TestDb, args: &[&str], env: &[(&str, &str)], cwd: &Path) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_guichet"));
    cmd.arg("--data-dir")
        .arg(db.data_dir())
        .arg("--database-url")
        .arg(&db.url)
        .args(args)
        .current_dir(cwd)
        .env("GUICHET_SECRET_KEY", TEST_KEY)
        .env_remove("GUICHET_DATA_DIR")
        .env_remove("GUICHET_DATABASE_URL")
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run guichet")
}

/// The time now, from the system clock (tests that move time build a `ManualClock`).
pub fn clock_now() -> chrono::DateTime<chrono::Utc> {
    use guichet::clock::Clock;
    guichet::clock::SystemClock.now()
}
