use super::*;

fn layers() -> Layers {
    Layers::default()
}

#[test]
fn defaults_resolve() {
    let c = Config::resolve("d".into(), "d/guichet.db".into(), &layers()).expect("defaults parse");
    assert_eq!(c.bind, "127.0.0.1:8080");
    assert_eq!(c.public_url, "http://127.0.0.1:8080");
    assert_eq!(c.lifecycle.reopen_days, 7);
    assert!(c.lifecycle.requeue_on_reply);
    assert_eq!(c.sqlite_sync, SqliteSync::Normal);
    assert!(!c.cookie_secure);
}

#[test]
fn flag_beats_env_beats_file_beats_saved() {
    let mut l = layers();
    l.saved.insert("reopen_days".into(), "1".into());
    assert_eq!(l.get("reopen_days").0, "1");
    l.file.insert("reopen_days".into(), "2".into());
    assert_eq!(l.get("reopen_days").0, "2");
    l.env.insert("reopen_days".into(), "3".into());
    assert_eq!(l.get("reopen_days").0, "3");
    l.flags.insert("reopen_days".into(), "4".into());
    assert_eq!(l.get("reopen_days"), ("4".into(), Source::Flag));
}

#[test]
fn bad_value_names_key_and_source() {
    let mut l = layers();
    l.env.insert("reopen_days".into(), "seven".into());
    let err = Config::resolve("d".into(), "x".into(), &l).expect_err("must fail");
    let text = err.to_string();
    assert!(text.contains("reopen_days"), "{text}");
    assert!(text.contains("GUICHET_REOPEN_DAYS"), "{text}");
}

#[test]
fn a_bad_business_hours_part_names_its_own_key_and_source() {
    let mut l = layers();
    l.env.insert("business_hours".into(), "9-18".into());
    let err = Config::resolve("d".into(), "x".into(), &l)
        .expect_err("9-18 is not HH:MM-HH:MM")
        .to_string();
    assert!(
        err.starts_with(
            "setting `business_hours` from environment variable GUICHET_BUSINESS_HOURS:"
        ),
        "{err}"
    );
    assert!(
        !err.contains("time_zone") && !err.contains("business_days"),
        "{err}"
    );
    let mut l = layers();
    l.file.insert("time_zone".into(), "Mars/Olympus".into());
    let err = Config::resolve("d".into(), "x".into(), &l)
        .expect_err("no such zone")
        .to_string();
    assert!(
        err.starts_with("setting `time_zone` from guichet.toml:"),
        "{err}"
    );
    let mut l = layers();
    l.flags.insert("business_days".into(), "someday".into());
    let err = Config::resolve("d".into(), "x".into(), &l)
        .expect_err("no such day")
        .to_string();
    assert!(
        err.starts_with("setting `business_days` from the command line:"),
        "{err}"
    );
}

#[test]
fn unknown_guichet_variables_are_named() {
    let names = [
        "GUICHET_REOPEN_DAYZ",
        "GUICHET_REOPEN_DAYS",
        "GUICHET_DATA_DIR",
        "GUICHET_DATABASE_URL",
        "GUICHET_SECRET_KEY",
        "GUICHET_TEST_POSTGRES_URL",
        "HOME",
    ];
    assert_eq!(unknown_variables(names), vec!["GUICHET_REOPEN_DAYZ"]);
}

#[test]
fn a_toml_syntax_error_gives_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("guichet.toml"),
        "reopen_days = 3\n# a comment\nbusiness_hours = 09:00-18:00\n",
    )
    .expect("write");
    let err = Layers::read_file(dir.path())
        .expect_err("unquoted time range")
        .to_string();
    assert!(err.contains("guichet.toml: line 3:"), "{err}");
}

#[test]
fn bind_accepts_host_names() {
    assert_eq!(
        parse_bind("localhost:8096").as_deref(),
        Ok("localhost:8096")
    );
    assert_eq!(parse_bind("[::1]:80").as_deref(), Ok("[::1]:80"));
    assert!(parse_bind("localhost").is_err());
    assert!(parse_bind("localhost:http").is_err());
    assert!(parse_bind(":8080").is_err());
}

#[test]
fn unknown_key_in_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("guichet.toml"), "reopen_dayz = 3\n").expect("write");
    let err = Layers::read_file(dir.path()).expect_err("must fail");
    assert!(err.to_string().contains("reopen_dayz"));
}

#[test]
fn file_values_of_any_scalar_type_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("guichet.toml"),
        "reopen_days = 3\nrequeue_on_reply = false\ntime_zone = \"America/New_York\"\n",
    )
    .expect("write");
    let (file, path) = Layers::read_file(dir.path()).expect("reads");
    assert!(path.is_some());
    let l = Layers {
        file,
        file_path: path,
        ..Layers::default()
    };
    let c = Config::resolve("d".into(), "x".into(), &l).expect("parses");
    assert_eq!(c.lifecycle.reopen_days, 3);
    assert!(!c.lifecycle.requeue_on_reply);
}

#[test]
fn form_limits_default_and_a_zero_window_is_a_minute() {
    let c = Config::resolve("d".into(), "x".into(), &layers()).expect("defaults parse");
    assert_eq!((c.form_limit, c.form_email_limit), (10, 5));
    assert_eq!(c.form_window, Duration::from_secs(3600));
    let mut l = layers();
    l.env.insert("form_window_minutes".into(), "0".into());
    let c = Config::resolve("d".into(), "x".into(), &l).expect("parses");
    assert_eq!(c.form_window, Duration::from_secs(60));
}
