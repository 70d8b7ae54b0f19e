//! The everyday commands (lists, revoke, deactivate, password reset), their wording, and the
//! refusal of control characters in arguments and CSV cells.

use guichet::domain::email::EmailAddress;

use crate::helpers::*;

fn ok(o: &std::process::Output) -> String {
    assert!(
        o.status.success(),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    stdout(o)
}

fn seed(db: &TestDb) {
    ok(&cli(
        db,
        &["product", "add", "shop", "--name", "Shop plugin"],
        "",
    ));
    for v in ["2.0.0", "2.1.0", "2.2.0", "2.3.0"] {
        ok(&cli(db, &["release", "add", "shop", v], ""));
    }
    ok(&cli(
        db,
        &["product", "add", "pdf-invoices", "--name", "PDF Invoices"],
        "",
    ));
}

fn purchase(db: &TestDb, order: &str, product: &str) -> String {
    ok(&cli(
        db,
        &[
            "purchase",
            "add",
            "--order",
            order,
            "--email",
            "ann@shop.test",
            "--product",
            product,
            "--date",
            "2026-01-10",
        ],
        "",
    ))
}

#[test]
fn outcomes_are_printed_as_words() {
    each_backend(|db| {
        seed(db);
        assert!(purchase(db, "O-1", "shop").contains("purchase O-1 shop created:"));
        assert!(purchase(db, "O-1", "shop").contains("purchase O-1 shop unchanged:"));
        let ext = [
            "purchase",
            "extend",
            "O-1",
            "--months",
            "1",
            "--date",
            "2026-01-20",
            "--ref",
            "X",
        ];
        let first = ok(&cli(db, &ext, ""));
        assert!(
            first.contains("extension X recorded: support until"),
            "{first}"
        );
        let again = ok(&cli(db, &ext, ""));
        assert!(again.contains("extension X already recorded:"), "{again}");
        let file = db.data_dir().join("one.csv");
        std::fs::write(
            &file,
            "order_ref,email,product,purchased_at\nO-2,b@shop.test,shop,2026-01-11\n",
        )
        .expect("write");
        let out = ok(&cli(
            db,
            &["purchase", "import", &file.to_string_lossy()],
            "",
        ));
        assert!(
            out.starts_with("1 row: 1 created, 0 updated, 0 unchanged, 0 rejected"),
            "{out}"
        );
        for printed in [first, again, out] {
            assert!(!printed.contains("Created") && !printed.contains("AlreadyRecorded"));
        }
    });
}

#[test]
fn extend_names_the_missing_product_of_an_existing_order() {
    each_backend(|db| {
        seed(db);
        purchase(db, "O-1", "shop");
        let out = cli(
            db,
            &[
                "purchase",
                "extend",
                "O-1",
                "--product",
                "pdf-invoices",
                "--months",
                "1",
            ],
            "",
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out)
                .contains(r#"order "O-1" has no purchase of product "pdf-invoices"; it has: shop"#),
            "{}",
            stderr(&out)
        );
        let none = cli(
            db,
            &[
                "purchase",
                "extend",
                "O-9",
                "--product",
                "shop",
                "--months",
                "1",
            ],
            "",
        );
        assert!(
            stderr(&none).contains(r#"no purchase with the order reference "O-9""#),
            "{}",
            stderr(&none)
        );
    });
}

#[test]
fn product_and_purchase_lists() {
    each_backend(|db| {
        seed(db);
        purchase(db, "O-1", "shop");
        purchase(db, "O-1", "pdf-invoices");
        let products = ok(&cli(db, &["product", "list"], ""));
        let shop = products
            .lines()
            .find(|l| l.starts_with("shop "))
            .expect("shop listed");
        assert!(
            shop.contains("2.1.0, 2.2.0, 2.3.0") && !shop.contains("2.0.0"),
            "{products}"
        );
        let pdf = products
            .lines()
            .find(|l| l.starts_with("pdf-invoices"))
            .expect("pdf listed");
        assert!(pdf.contains("any (no releases)"), "{products}");
        let list = ok(&cli(
            db,
            &["purchase", "list", "--email", "ANN@shop.test"],
            "",
        ));
        let lines: Vec<&str> = list.lines().collect();
        assert_eq!(lines.len(), 3, "a header and two purchases: {list}");
        assert!(
            lines[1].starts_with("O-1") && lines[1].contains("pdf-invoices"),
            "{list}"
        );
        assert!(
            lines[2].contains("shop") && lines[2].contains("2026-02-09 (expired)"),
            "{list}"
        );
        let nobody = ok(&cli(
            db,
            &["purchase", "list", "--email", "zed@shop.test"],
            "",
        ));
        assert!(nobody.contains("no purchases"), "{nobody}");
    });
}

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

#[test]
fn control_characters_in_arguments_are_refused_by_name() {
    each_backend(|db| {
        seed(db);
        let out = cli(
            db,
            &["product", "add", "other", "--name", "Evil\u{1b}[2J"],
            "",
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("--name: contains a control character"),
            "{}",
            stderr(&out)
        );
        assert!(
            !stderr(&out).contains('\u{1b}'),
            "the bad value is not echoed"
        );
        let out = cli(
            db,
            &[
                "purchase",
                "add",
                "--order",
                "O-1\r\nX",
                "--email",
                "a@b.test",
                "--product",
                "shop",
                "--date",
                "2026-01-10",
            ],
            "",
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("--order: must be on one line"),
            "{}",
            stderr(&out)
        );
        let out = cli(db, &["token", "add", "tab\there", "--scope", "intake"], "");
        assert!(
            stderr(&out).contains("NAME: contains a control character"),
            "{}",
            stderr(&out)
        );
        let state = db.state();
        assert_eq!(
            guichet::store::purchases::count(&mut conn(&state)).expect("count"),
            0
        );
    });
}

#[test]
fn a_control_character_in_a_csv_cell_is_reported_and_the_other_rows_load() {
    each_backend(|db| {
        seed(db);
        let csv = "order_ref,email,product,purchased_at,notes\n\
                   W-1,a@shop.test,shop,2026-01-10,\"line one\nline two\"\n\
                   W\u{7}2,b@shop.test,shop,2026-01-10,\n\
                   W-3,c@shop.test,sh\u{0}op,2026-01-10,\n\
                   W-4,d@shop.test,shop,2026-01-10,\n";
        let file = db.data_dir().join("controls.csv");
        std::fs::write(&file, csv).expect("write");
        let out = cli(db, &["purchase", "import", &file.to_string_lossy()], "");
        let err = stderr(&out);
        assert!(
            err.contains("line 4: column 1 (`order_ref`): contains a control character"),
            "{err}"
        );
        assert!(
            err.contains("line 5: column 3 (`product`): contains a control character"),
            "{err}"
        );
        assert!(stdout(&out).contains("2 created"), "{}", stdout(&out));
        let state = db.state();
        assert_eq!(
            guichet::store::purchases::count(&mut conn(&state)).expect("count"),
            2
        );
    });
}

#[test]
fn the_api_names_the_missing_product_of_an_existing_order_too() {
    use crate::api_support::{desk, error_code};
    each_backend(|db| {
        let d = desk(db);
        seed_product(&mut conn(&d.app.state), "other");
        let r = d.client.post(
            "/api/v1/purchases/O-1/extensions",
            Some(&d.purchases),
            &serde_json::json!({"extension_ref": "E-1", "months": 1, "product": "other"}),
        );
        assert_eq!(
            (r.status, error_code(&r).as_str()),
            (404, "unknown_purchase")
        );
        let message = r.json["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            message.contains(r#"order "O-1" has no purchase of product "other"; it has: shop"#),
            "{message}"
        );
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
    wait_for("Password: ", 1);
    input.write_all(b"terminal secret\n").expect("type");
    wait_for("again: ", 1);
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
