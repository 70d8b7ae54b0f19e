//! Start-up: the master key check and configuration errors.

use guichet::startup::{StartError, prepare};

use crate::helpers::*;

#[test]
fn a_wrong_key_stops_start_up() {
    each_backend(|db| {
        db.state();
        let mut boot = db.bootstrap();
        boot.secret_key = Some("ab".repeat(32));
        match prepare(&boot) {
            Err(e @ StartError::Key(_)) => assert!(e.to_string().contains("does not match"), "{e}"),
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => panic!("a wrong key must stop start-up"),
        }
        boot.secret_key = Some(TEST_KEY.into());
        assert!(prepare(&boot).is_ok(), "the right key still works");
    });
}

#[test]
fn key_file_is_created_on_a_fresh_database_and_reused() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let mut boot = db.bootstrap();
    boot.secret_key = None;
    prepare(&boot).expect("first start creates the key file");
    let key_file = db.data_dir().join("secret.key");
    let key = std::fs::read_to_string(&key_file).expect("key file");
    assert_eq!(key.trim().len(), 64);
    prepare(&boot).expect("second start reads it");
    std::fs::remove_file(&key_file).expect("remove");
    assert!(
        matches!(prepare(&boot), Err(StartError::Key(_))),
        "no silent new key for a used database"
    );
}

#[test]
fn a_bad_setting_names_its_key_and_source() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    std::fs::write(
        db.data_dir().join("guichet.toml"),
        "reopen_days = \"a week\"\n",
    )
    .expect("write");
    let err = prepare(&db.bootstrap()).expect_err("must fail").to_string();
    assert!(
        err.contains("reopen_days") && err.contains("guichet.toml"),
        "{err}"
    );
}

#[test]
fn saved_settings_rank_below_the_file() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let state = db.state();
    guichet::store::meta::save_setting(&mut conn(&state), "reopen_days", "3", clock_now())
        .expect("save");
    assert_eq!(db.state().config.lifecycle.reopen_days, 3);
    std::fs::write(db.data_dir().join("guichet.toml"), "reopen_days = 5\n").expect("write");
    assert_eq!(db.state().config.lifecycle.reopen_days, 5);
    assert_eq!(
        db.state_with(&[("reopen_days", "9")])
            .config
            .lifecycle
            .reopen_days,
        9
    );
}
