//! The IMAP poller against a real Dovecot (`.ci/dovecot/start.sh`; its URL in
//! `GUICHET_TEST_IMAP_URL`): `poll --once` stores each unseen mail and only then marks it seen,
//! and a batch survives the poller being killed with SIGKILL again and again, with no mail lost
//! and none stored twice. Each test works in a mailbox of its own.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use guichet::mail::imap;

use crate::helpers::{TEST_KEY, TestDb, cli_env, conn, ok, required};
use crate::mail_ingest::{mail, world};

const IMAP_ENV: &str = "GUICHET_TEST_IMAP_URL";

/// The server's URL with a fresh mailbox of this name, or `None` (skipped) when unset.
fn mailbox(name: &str) -> Option<String> {
    let Ok(url) = std::env::var(IMAP_ENV) else {
        assert!(
            !required("imap"),
            "{IMAP_ENV} is not set but GUICHET_TEST_REQUIRE lists imap"
        );
        eprintln!("skipped: {IMAP_ENV} is not set (the IMAP poller suite needs a Dovecot)");
        return None;
    };
    let base = url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&url)
        .to_string();
    let unique = format!(
        "{name}{}",
        &guichet::tokens::generate().expect("random").0[..8]
    );
    Some(format!("{base}/{unique}"))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// Creates the mailbox of `url` and appends `mails` to it.
fn fill(db: &TestDb, url: &str, mails: &[String]) {
    let state = db.state_with(&[("imap_url", url)]);
    let server = state.config.mail.imap.clone().expect("imap configured");
    runtime().block_on(async {
        let mut inbox_server = server.clone();
        inbox_server.mailbox = "INBOX".into();
        let mut s = imap::open(&inbox_server, Duration::from_secs(10))
            .await
            .expect("login");
        s.create(&server.mailbox).await.expect("create mailbox");
        for m in mails {
            imap::append(&mut s, &server.mailbox, m.as_bytes())
                .await
                .expect("append");
        }
        let _ = s.logout().await;
    });
}

fn unseen(db: &TestDb, url: &str) -> usize {
    let state = db.state_with(&[("imap_url", url)]);
    let server = state.config.mail.imap.clone().expect("imap configured");
    runtime().block_on(async {
        let mut s = imap::open(&server, Duration::from_secs(10))
            .await
            .expect("login");
        imap::unseen(&mut s).await.expect("search").len()
    })
}

#[test]
fn poll_once_stores_each_mail_then_marks_it_seen() {
    let Some(url) = mailbox("once") else { return };
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    drop(world(&db));
    let mails = vec![
        mail(
            "alice@example.com",
            "Re: [#1] Rates not showing",
            "<p1@alice.example>",
            "",
            "Here is the log.",
        ),
        mail(
            "bob@example.org",
            "PDF Invoices 2.1.0 prints blank pages",
            "<p2@bob.example>",
            "",
            "Blank.",
        ),
        mail(
            "alice@example.com",
            "Out of office",
            "<p3@alice.example>",
            "Auto-Submitted: auto-replied\r\n",
            "Away.",
        ),
        "this is not a mail at all\r\n".to_string(),
    ];
    fill(&db, &url, &mails);
    assert_eq!(unseen(&db, &url), 4);
    let env = [("GUICHET_IMAP_URL", url.as_str())];
    let out = ok(&cli_env(&db, &["poll", "--once"], &env, &db.data_dir()));
    assert_eq!(
        out,
        "reply 1\ncreated 2\nignored auto-reply\nquarantined unparsable\n"
    );
    assert_eq!(unseen(&db, &url), 0, "every stored mail is marked seen");
    // Nothing unseen is left, so a second pass does nothing.
    assert_eq!(
        ok(&cli_env(&db, &["poll", "--once"], &env, &db.data_dir())),
        ""
    );
}

#[test]
fn poll_without_a_reachable_server_exits_75() {
    if mailbox("down").is_none() {
        return;
    }
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let env = [("GUICHET_IMAP_URL", "imap://desk:x@127.0.0.1:1/INBOX")];
    let out = cli_env(&db, &["poll", "--once"], &env, &db.data_dir());
    assert_eq!(out.status.code(), Some(75));
}

/// A few hundred mails, the poller killed with SIGKILL after every few commits and started
/// again: afterwards each mail is in exactly one ticket message.
#[test]
fn a_poller_killed_again_and_again_loses_and_doubles_nothing() {
    let Some(url) = mailbox("crash") else { return };
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    drop(world(&db));
    const MAILS: usize = 240;
    // A fixed seed: every run kills at the same counts.
    let mut seed: u64 = 20261202;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mails: Vec<String> = (0..MAILS)
        .map(|i| {
            mail(
                "alice@example.com",
                "Re: [#1] Rates not showing",
                &format!("<crash{i}@alice.example>"),
                "",
                &format!("Crash marker {i:04}."),
            )
        })
        .collect();
    fill(&db, &url, &mails);
    let state = db.state();
    let stored = || -> i64 {
        let c = &mut conn(&state);
        let guichet::db::DbConn::Sqlite(s) = &mut **c else {
            panic!("sqlite")
        };
        guichet::schema::inbound_mails::table
            .count()
            .get_result(s)
            .expect("count")
    };
    let base = stored();
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut kills = 0;
    while stored() - base < MAILS as i64 {
        assert!(Instant::now() < deadline, "the poller made no progress");
        let mut child = Command::new(env!("CARGO_BIN_EXE_guichet"))
            .arg("--data-dir")
            .arg(db.data_dir())
            .arg("--database-url")
            .arg(&db.url)
            .arg("poll")
            .env("GUICHET_SECRET_KEY", TEST_KEY)
            .env("GUICHET_IMAP_URL", &url)
            .env("GUICHET_IMAP_INTERVAL_MS", "20")
            .env("GUICHET_IMAP_RETRY_MAX_MS", "200")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the poller");
        let target = stored() + 1 + (next() % 30) as i64;
        while stored() < target && stored() - base < MAILS as i64 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        kills += 1;
    }
    assert!(kills >= 5, "the poller was killed {kills} times only");
    // One last pass marks any mail stored just before a kill; it stores nothing new.
    let env = [("GUICHET_IMAP_URL", url.as_str())];
    let last = ok(&cli_env(&db, &["poll", "--once"], &env, &db.data_dir()));
    assert!(last.lines().all(|l| l.starts_with("duplicate")), "{last}");
    assert_eq!(unseen(&db, &url), 0);
    let c = &mut conn(&state);
    let messages =
        guichet::store::tickets::messages(c, guichet::domain::ids::TicketId::new(1), true)
            .expect("messages");
    for i in 0..MAILS {
        let marker = format!("Crash marker {i:04}.");
        let n = messages.iter().filter(|m| m.body == marker).count();
        assert_eq!(n, 1, "mail {i} is in {n} messages");
    }
}
