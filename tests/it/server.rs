//! The server on a random port, and the demo as the README starts it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::*;

#[test]
fn healthz_answers_on_both_backends() {
    each_backend(|db| {
        let app = spawn_app(db, &[]);
        let mut res = ureq::get(&format!("{}/healthz", app.base))
            .call()
            .expect("healthz");
        assert_eq!(res.status(), 200);
        assert_eq!(res.body_mut().read_to_string().expect("body"), "ok\n");
    });
}

#[test]
fn home_page_speaks_the_browser_language() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let app = spawn_app(&db, &[]);
    let mut fr = ureq::get(&format!("{}/", app.base))
        .header("Accept-Language", "fr-FR,fr;q=0.9")
        .call()
        .expect("home");
    let body = fr.body_mut().read_to_string().expect("body");
    assert!(body.contains("lang=\"fr\""), "{body}");
    let mut en = ureq::get(&format!("{}/", app.base)).call().expect("home");
    assert!(
        en.body_mut()
            .read_to_string()
            .expect("body")
            .contains("lang=\"en\"")
    );
}

#[test]
fn serve_demo_seeds_data_prints_the_login_and_answers_healthz() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
        l.local_addr().expect("addr").port()
    };
    let bind = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_guichet"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--demo", "--bind", &bind])
        .env_remove("GUICHET_DATABASE_URL")
        .env_remove("GUICHET_SECRET_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve --demo");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut healthy = false;
    while Instant::now() < deadline {
        if let Ok(res) = ureq::get(&format!("http://{bind}/healthz")).call()
            && res.status() == 200
        {
            healthy = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    let lines = reader.join().expect("reader");
    assert!(
        healthy,
        "the demo server did not answer /healthz; it printed {lines:?}"
    );
    let text = lines.join("\n");
    assert!(text.contains("agent login"), "{text}");
    assert!(text.contains("password"), "{text}");
    assert!(
        dir.path().join("guichet.db").exists(),
        "SQLite by default in the data directory"
    );
    assert!(dir.path().join("secret.key").exists());
}

#[test]
fn default_language_setting_applies_without_accept_language() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let app = spawn_app(&db, &[("default_language", "fr")]);
    assert_eq!(app.state.config.default_language, guichet::i18n::Lang::Fr);
    let mut res = ureq::get(&format!("{}/", app.base)).call().expect("home");
    assert!(
        res.body_mut()
            .read_to_string()
            .expect("body")
            .contains("lang=\"fr\"")
    );
}
