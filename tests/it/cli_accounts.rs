//! Accounts from the command line: API tokens (list, revoke) and agents (list, deactivate,
//! password reset, the password prompt on a terminal).

use guichet::domain::email::EmailAddress;

use crate::helpers::*;

#[test]
fn tokens_are_listed_without_their_value_and_revoked_by_name_or_id() {
    each_backend(|db| {
        ok(&cli(
            db,
            &["agent", "add", "ann@desk.test", "--name", "Ann"],
            "a long password\n",
        ));
        let store_token = ok(&cli(
            db,
            &["token", "add", "store", "--scope", "purchases"],
            "",
        ));
        let agent_token = ok(&cli(
            db,
            &[
                "token",
                "add",
                "ann",
                "--scope",
                "AGENT",
                "--agent",
                "ann@desk.test",
            ],
            "",
        ));
        ok(&cli(db, &["token", "add", "twin", "--scope", "intake"], ""));
        ok(&cli(db, &["token", "add", "twin", "--scope", "intake"], ""));
        let list = ok(&cli(db, &["token", "list"], ""));
        assert!(list.starts_with("ID"), "{list}");
        assert!(
            list.contains("store") && list.contains("purchases"),
            "{list}"
        );
        assert!(list.contains("ann@desk.test"), "{list}");
        assert!(!list.contains(store_token.trim()) && !list.contains(agent_token.trim()));
        assert!(!list.contains(&guichet::tokens::hash(store_token.trim())));

        let twin = cli(db, &["token", "revoke", "twin"], "");
        assert_eq!(twin.status.code(), Some(1), "a shared name is ambiguous");
        assert!(
            stderr(&twin).contains("revoke one by its id"),
            "{}",
            stderr(&twin)
        );
        let revoked = ok(&cli(db, &["token", "revoke", "store"], ""));
        assert!(revoked.contains("(store) revoked"), "{revoked}");
        let state = db.state();
        let c = &mut conn(&state);
        let hash = guichet::tokens::hash(store_token.trim());
        assert!(
            guichet::store::tokens::find_by_hash(c, &hash)
                .expect("lookup")
                .is_none()
        );
        let twins: Vec<i64> = guichet::store::tokens::list(c)
            .expect("list")
            .into_iter()
            .filter(|t| t.name == "twin")
            .map(|t| t.id)
            .collect();
        ok(&cli(db, &["token", "revoke", &twins[0].to_string()], ""));
        let unknown = cli(db, &["token", "revoke", "nope"], "");
        assert!(
            stderr(&unknown).contains(r#"no API token named "nope""#),
            "{}",
            stderr(&unknown)
        );
    });
}

#[test]
fn agents_are_listed_deactivated_and_given_a_new_password() {
    each_backend(|db| {
        ok(&cli(
            db,
            &["agent", "add", "ann@desk.test", "--name", "Ann", "--admin"],
            "first password\n",
        ));
        ok(&cli(
            db,
            &["agent", "add", "bob@desk.test", "--name", "Bob"],
            "bob password\n",
        ));
        let token = ok(&cli(
            db,
            &[
                "token",
                "add",
                "bob",
                "--scope",
                "agent",
                "--agent",
                "bob@desk.test",
            ],
            "",
        ));
        let list = ok(&cli(db, &["agent", "list"], ""));
        assert!(
            list.lines().any(|l| l.starts_with("ann@desk.test")
                && l.contains("admin")
                && l.contains("active")),
            "{list}"
        );

        let changed = ok(&cli(
            db,
            &["agent", "password", "ann@desk.test"],
            "second password\n",
        ));
        assert!(
            changed.contains("password of agent ann@desk.test changed"),
            "{changed}"
        );
        let state = db.state();
        let c = &mut conn(&state);
        let ann = guichet::store::agents::find_by_email(
            c,
            &EmailAddress::parse("ann@desk.test").expect("email"),
        )
        .expect("lookup")
        .expect("ann");
        assert!(guichet::password::verify(
            "second password",
            &ann.password_hash
        ));
        assert!(!guichet::password::verify(
            "first password",
            &ann.password_hash
        ));
        let nobody = cli(
            db,
            &["agent", "password", "zed@desk.test"],
            "whatever password\n",
        );
        assert!(
            stderr(&nobody).contains("no agent with the email"),
            "{}",
            stderr(&nobody)
        );

        let hash = guichet::tokens::hash(token.trim());
        assert!(
            guichet::store::tokens::find_by_hash(c, &hash)
                .expect("lookup")
                .is_some()
        );
        let off = ok(&cli(db, &["agent", "deactivate", "bob@desk.test"], ""));
        assert!(off.contains("deactivated"), "{off}");
        assert!(
            guichet::store::tokens::find_by_hash(c, &hash)
                .expect("lookup")
                .is_none(),
            "a deactivated agent's token stops working"
        );
        let list = ok(&cli(db, &["agent", "list"], ""));
        assert!(
            list.lines()
                .any(|l| l.starts_with("bob@desk.test") && l.contains("inactive")),
            "{list}"
        );
        let again = ok(&cli(db, &["agent", "deactivate", "bob@desk.test"], ""));
        assert!(again.contains("already inactive"), "{again}");
    });
}

/// On a terminal the password is asked twice and not echoed. `script` gives the command a
/// pseudo-terminal; its output is what the user's terminal would show.
#[test]
fn on_a_terminal_the_password_is_asked_twice_without_echo() {
    use std::io::{Read, Write};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: no `script` command for a pseudo-terminal");
        return;
    }
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let command = format!(
        "{} --data-dir {} --database-url {} agent add tty@desk.test --name Tty",
        env!("CARGO_BIN_EXE_guichet"),
        db.data_dir().display(),
        db.url
    );
    let mut child = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("GUICHET_SECRET_KEY", TEST_KEY)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script");
    let screen = Arc::new(Mutex::new(String::new()));
    let mut out = child.stdout.take().expect("stdout");
    let sink = screen.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 256];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .expect("screen")
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let wait_for = |text: &str, count: usize| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while screen.lock().expect("screen").matches(text).count() < count {
            assert!(
                Instant::now() < deadline,
                "no {text:?}: {}",
                screen.lock().expect("screen")
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let mut input = child.stdin.take().expect("stdin");
    // rpassword prints its prompt, then turns the echo off: a person types after that, but a
    // script typing the instant the prompt shows can beat it on a loaded machine, and the
    // terminal would echo what it typed before the echo went off. Type as a person would.
    let pause = Duration::from_millis(500);
    wait_for("Password: ", 1);
    std::thread::sleep(pause);
    input.write_all(b"terminal secret\n").expect("type");
    wait_for("again: ", 1);
    std::thread::sleep(pause);
    input.write_all(b"terminal secret\n").expect("type");
    let status = child.wait().expect("wait");
    std::thread::sleep(Duration::from_millis(100));
    let shown = screen.lock().expect("screen").clone();
    assert!(status.success(), "{shown}");
    assert!(shown.contains("agent 1 added"), "{shown}");
    assert!(
        !shown.contains("terminal secret"),
        "the password is not echoed: {shown}"
    );
    let state = db.state();
    let agent = guichet::store::agents::find_by_email(
        &mut conn(&state),
        &EmailAddress::parse("tty@desk.test").expect("email"),
    )
    .expect("lookup")
    .expect("added");
    assert!(guichet::password::verify(
        "terminal secret",
        &agent.password_hash
    ));
}
