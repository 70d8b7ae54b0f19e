//! The command line as a user runs it: a child process over a real database.

use crate::helpers::*;

fn setup(db: &TestDb) {
    ok(&cli(
        db,
        &["product", "add", "shop", "--name", "Shop plugin"],
        "",
    ));
    ok(&cli(
        db,
        &["release", "add", "shop", "v2.0.1", "--date", "2026-01-05"],
        "",
    ));
}

#[test]
fn agent_and_token_commands() {
    each_backend(|db| {
        let added = cli(
            db,
            &["agent", "add", "Ann@Desk.test", "--name", "Ann", "--admin"],
            "a long password\n",
        );
        ok(&added);
        let dup = cli(
            db,
            &["agent", "add", "ann@desk.test", "--name", "Ann"],
            "a long password\n",
        );
        assert!(!dup.status.success());
        assert!(stderr(&dup).contains("already exists"), "{}", stderr(&dup));
        let short = cli(
            db,
            &["agent", "add", "bo@desk.test", "--name", "Bo"],
            "short\n",
        );
        assert!(stderr(&short).contains("password"), "{}", stderr(&short));

        let no_agent = cli(db, &["token", "add", "desk", "--scope", "agent"], "");
        assert!(!no_agent.status.success());
        assert!(
            stderr(&no_agent).contains("--agent"),
            "{}",
            stderr(&no_agent)
        );
        let unknown = cli(
            db,
            &[
                "token",
                "add",
                "desk",
                "--scope",
                "agent",
                "--agent",
                "zed@desk.test",
            ],
            "",
        );
        assert!(stderr(&unknown).contains("--agent"), "{}", stderr(&unknown));

        let token = cli(
            db,
            &[
                "token",
                "add",
                "desk",
                "--scope",
                "agent",
                "--agent",
                "ann@desk.test",
            ],
            "",
        );
        ok(&token);
        let printed = stdout(&token);
        let lines: Vec<&str> = printed.lines().collect();
        assert_eq!(lines.len(), 1, "the token alone on stdout: {printed:?}");
        assert_eq!(lines[0].len(), 64);
        let state = db.state();
        let found = guichet::store::tokens::find_by_hash(
            &mut conn(&state),
            &guichet::tokens::hash(lines[0]),
        )
        .expect("lookup")
        .expect("stored by hash");
        assert_eq!(found.scope, guichet::tokens::Scope::Agent);
        assert!(found.agent_id.is_some());
    });
}

#[test]
fn product_release_and_purchase_commands_name_bad_arguments() {
    each_backend(|db| {
        setup(db);
        let again = cli(db, &["release", "add", "shop", "2.0.1.0"], "");
        ok(&again);
        assert!(stdout(&again).contains("already known"));
        let bad_version = cli(db, &["release", "add", "shop", "2.x"], "");
        assert!(
            stderr(&bad_version).contains("VERSION"),
            "{}",
            stderr(&bad_version)
        );
        let bad_slug = cli(db, &["product", "add", "Bad Slug", "--name", "x"], "");
        assert!(stderr(&bad_slug).contains("SLUG"), "{}", stderr(&bad_slug));
        let bad_date = cli(
            db,
            &[
                "purchase",
                "add",
                "--order",
                "O1",
                "--email",
                "a@b.test",
                "--product",
                "shop",
                "--date",
                "01/02/2026",
            ],
            "",
        );
        assert!(!bad_date.status.success());
        assert!(
            stderr(&bad_date).contains("--date"),
            "{}",
            stderr(&bad_date)
        );
        let bad_email = cli(
            db,
            &[
                "purchase",
                "add",
                "--order",
                "O1",
                "--email",
                "nope",
                "--product",
                "shop",
                "--date",
                "2026-02-01",
            ],
            "",
        );
        assert!(
            stderr(&bad_email).contains("--email"),
            "{}",
            stderr(&bad_email)
        );
        let added = cli(
            db,
            &[
                "purchase",
                "add",
                "--order",
                "O1",
                "--email",
                "a@b.test",
                "--product",
                "shop",
                "--date",
                "2026-01-31",
                "--tier",
                "priority",
            ],
            "",
        );
        ok(&added);
        assert!(stdout(&added).contains("2026-03-02"), "{}", stdout(&added));
        let ext = cli(
            db,
            &[
                "purchase",
                "extend",
                "O1",
                "--months",
                "1",
                "--date",
                "2026-02-10",
                "--ref",
                "X1",
            ],
            "",
        );
        ok(&ext);
        assert!(stdout(&ext).contains("2026-04-02"), "{}", stdout(&ext));
        let unknown = cli(db, &["purchase", "extend", "NOPE", "--months", "1"], "");
        assert!(stderr(&unknown).contains("NOPE"), "{}", stderr(&unknown));
    });
}

#[test]
fn csv_import_reports_bad_lines_loads_the_rest_and_is_idempotent() {
    each_backend(|db| {
        setup(db);
        let csv = "order_ref,email,product,purchased_at,tier,billing_phone\n\
                   W-1,Alice@Example.com,shop,2026-01-10,standard,+33 1 23\n\
                   W-2,bob@example.com,shop,2026-13-01,,\n\
                   W-3,carol@example.com,ghost,2026-01-10,,\n\
                   W-4,not-an-email,shop,2026-01-10,,\n\
                   W-5,dan@example.com,shop,2026-01-11T23:30:00Z,priority,\n";
        let file = db.data_dir().join("purchases.csv");
        std::fs::write(&file, csv).expect("write csv");
        let path = file.to_string_lossy().into_owned();
        let first = cli(db, &["purchase", "import", &path], "");
        let err = stderr(&first);
        assert!(
            !first.status.success(),
            "rejected rows make the import fail"
        );
        assert!(
            err.contains("line 3") && err.contains("purchased_at"),
            "{err}"
        );
        assert!(err.contains("line 4") && err.contains("ghost"), "{err}");
        assert!(err.contains("line 5") && err.contains("email"), "{err}");
        assert!(
            !err.contains("line 2:") && !err.contains("line 6:"),
            "{err}"
        );
        assert!(stdout(&first).contains("2 created"), "{}", stdout(&first));
        let second = cli(db, &["purchase", "import", &path], "");
        assert!(
            stdout(&second).contains("0 created, 0 updated, 2 unchanged"),
            "{}",
            stdout(&second)
        );
        let state = db.state();
        let c = &mut conn(&state);
        assert_eq!(guichet::store::purchases::count(c).expect("count"), 2);
        let dan = guichet::store::purchases::for_email(
            c,
            &guichet::domain::email::EmailAddress::parse("dan@example.com").expect("email"),
        )
        .expect("purchases");
        assert_eq!(
            dan[0].purchased_at.to_string(),
            "2026-01-12",
            "23:30Z is the next day in Paris"
        );
        assert_eq!(dan[0].tier, guichet::domain::eligibility::Tier::Priority);
    });
}

#[test]
fn csv_without_a_required_column_is_refused_whole() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    setup(&db);
    let file = db.data_dir().join("bad.csv");
    std::fs::write(
        &file,
        "order,email,product,purchased_at\nW-1,a@b.test,shop,2026-01-10\n",
    )
    .expect("write");
    let out = cli(&db, &["purchase", "import", &file.to_string_lossy()], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("order_ref"), "{}", stderr(&out));
}

#[test]
fn bad_database_url_is_reported_as_itself() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = cli_in(
        dir.path(),
        "postgres://nobody@127.0.0.1:1/none",
        &["migrate"],
        "",
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("PostgreSQL"), "{}", stderr(&out));
}
