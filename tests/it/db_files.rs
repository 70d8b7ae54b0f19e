//! Opening the database: URLs, migrations, concurrency on one SQLite file, file permissions,
//! exit statuses and start-up warnings.

use std::os::unix::fs::PermissionsExt;

use guichet::db::Backend;
use guichet::startup::prepare;

use crate::helpers::*;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn an_unknown_scheme_is_refused_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = TestDb::new(Backend::Sqlite);
    let run = |url: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_guichet"))
            .arg("--data-dir")
            .arg(db.data_dir())
            .args(["--database-url", url, "migrate"])
            .current_dir(dir.path())
            .env("GUICHET_SECRET_KEY", TEST_KEY)
            .output()
            .expect("run guichet")
    };
    let out = run("mysql://root@localhost/desk");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("--database-url: unknown database scheme `mysql:`"),
        "{err}"
    );
    assert!(
        err.contains("sqlite://PATH") && err.contains("postgres://"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("list").count(),
        0,
        "no mysql: file"
    );
    // sqlite://PATH names the same database as the plain path.
    let out = run(&format!("sqlite://{}", db.url));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::path::Path::new(&db.url).exists());
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
}

#[test]
fn migrate_names_what_it_applied() {
    each_backend(|db| {
        let first = cli(db, &["migrate"], "");
        assert!(first.status.success(), "{}", stderr(&first));
        let text = stdout(&first);
        assert!(
            text.contains("applied migration 2026-11-22-000001_init"),
            "{text}"
        );
        assert!(!text.contains("up to date"), "{text}");
        let again = stdout(&cli(db, &["migrate"], ""));
        assert!(again.contains("already up to date"), "{again}");
        assert!(!again.contains("applied migration"), "{again}");
    });
}

#[test]
fn exit_statuses_tell_usage_failure_and_temporary_failure_apart() {
    let db = TestDb::new(Backend::Sqlite);
    let usage = cli(&db, &["token", "add", "x", "--scope", "root"], "");
    assert_eq!(usage.status.code(), Some(2), "clap's usage error");
    let bad_arg = cli(
        &db,
        &["agent", "add", "not-an-email", "--name", "X"],
        "a long password\n",
    );
    assert_eq!(bad_arg.status.code(), Some(2), "{}", stderr(&bad_arg));
    let added = cli(
        &db,
        &["agent", "add", "a@desk.test", "--name", "A"],
        "a long password\n",
    );
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    let dup = cli(
        &db,
        &["agent", "add", "a@desk.test", "--name", "A"],
        "a long password\n",
    );
    assert_eq!(dup.status.code(), Some(1), "{}", stderr(&dup));
    let dir = tempfile::tempdir().expect("tempdir");
    let down = cli_in(
        dir.path(),
        "postgres://nobody@127.0.0.1:1/none",
        &["migrate"],
        "",
    );
    assert_eq!(
        down.status.code(),
        Some(75),
        "EX_TEMPFAIL: {}",
        stderr(&down)
    );
}

/// Many processes and pools opening one idle SQLite file at once: none may see "database is
/// locked". Each round starts on an idle database (every connection closed), where the first
/// connection rebuilds the WAL index under an exclusive lock: a connection that runs any pragma
/// before its busy timeout is set fails then instead of waiting.
#[test]
fn concurrent_opens_of_one_sqlite_file_never_fail() {
    let db = TestDb::new(Backend::Sqlite);
    drop(db.state());
    for round in 0..6 {
        let threads: Vec<_> = (0..6)
            .map(|_| {
                let url = db.url.clone();
                std::thread::spawn(move || {
                    let pool = guichet::db::connect(&url, guichet::db::PoolOptions::with_size(8))?;
                    let mut c = pool
                        .get()
                        .map_err(|e| guichet::db::DbError::Pool(e.to_string()))?;
                    guichet::store::meta::save_setting(&mut c, "reopen_days", "3", clock_now())
                        .map_err(|e| guichet::db::DbError::Pool(e.to_string()))?;
                    Ok::<(), guichet::db::DbError>(())
                })
            })
            .collect();
        let children: Vec<_> = (0..8)
            .map(|_| {
                std::process::Command::new(env!("CARGO_BIN_EXE_guichet"))
                    .arg("--data-dir")
                    .arg(db.data_dir())
                    .args(["--database-url", &db.url, "product", "list"])
                    .env("GUICHET_SECRET_KEY", TEST_KEY)
                    .env_remove("GUICHET_LOG")
                    .stderr(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for t in threads {
            t.join()
                .expect("thread")
                .unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
        for child in children {
            let out = child.wait_with_output().expect("wait");
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
            assert!(
                stderr(&out).is_empty(),
                "round {round}, nothing logged: {}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn the_data_directory_and_database_files_are_private() {
    let parent = tempfile::tempdir().expect("tempdir");
    let data_dir = parent.path().join("fresh").join("data");
    let mut boot = TestDb::new(Backend::Sqlite).bootstrap();
    boot.data_dir = data_dir.clone();
    boot.database_url = None;
    boot.secret_key = None;
    let state = prepare(&boot).expect("start-up");
    drop(state);
    assert_eq!(mode(&data_dir), 0o700);
    assert_eq!(mode(&data_dir.join("guichet.db")), 0o600);
    assert_eq!(mode(&data_dir.join("secret.key")), 0o600);
    for suffix in ["-wal", "-shm"] {
        let side = data_dir.join(format!("guichet.db{suffix}"));
        if side.exists() {
            assert_eq!(mode(&side), 0o600, "{}", side.display());
        }
    }
    // A database left readable by others (an older version, a restore) is tightened.
    std::fs::set_permissions(
        data_dir.join("guichet.db"),
        std::fs::Permissions::from_mode(0o644),
    )
    .expect("chmod");
    prepare(&boot).expect("start-up again");
    assert_eq!(mode(&data_dir.join("guichet.db")), 0o600);
}

#[test]
fn a_key_file_readable_by_others_is_refused_with_the_fix() {
    let db = TestDb::new(Backend::Sqlite);
    let mut boot = db.bootstrap();
    boot.secret_key = None;
    prepare(&boot).expect("creates the key file");
    let key = db.data_dir().join("secret.key");
    for loose in [0o640, 0o604] {
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(loose)).expect("chmod");
        let err = prepare(&boot).expect_err("refused").to_string();
        assert!(
            err.contains(&format!("chmod 600 {}", key.display())),
            "{err}"
        );
        assert!(err.contains(&format!("{loose:04o}")), "{err}");
    }
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    assert!(prepare(&boot).is_ok());
}

#[test]
fn unknown_guichet_variables_are_warned_about_by_name() {
    let db = TestDb::new(Backend::Sqlite);
    let out = cli_env(
        &db,
        &["product", "list"],
        &[
            ("GUICHET_REOPEN_DAYZ", "3"),
            ("GUICHET_TEST_ANYTHING", "x"),
            ("GUICHET_REOPEN_DAYS", "3"),
        ],
        &db.data_dir(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("GUICHET_REOPEN_DAYZ"), "{err}");
    assert!(
        !err.contains("GUICHET_TEST_ANYTHING") && !err.contains("GUICHET_REOPEN_DAYS "),
        "{err}"
    );
    let bad = cli_env(
        &db,
        &["product", "list"],
        &[("GUICHET_BUSINESS_HOURS", "9-18")],
        &db.data_dir(),
    );
    assert_eq!(bad.status.code(), Some(1));
    let err = stderr(&bad);
    assert!(
        err.contains("setting `business_hours` from environment variable GUICHET_BUSINESS_HOURS"),
        "{err}"
    );
    assert!(!err.contains("time_zone"), "{err}");
}
