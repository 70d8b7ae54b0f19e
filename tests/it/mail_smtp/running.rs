//! The sender as it runs for real: a sender that died holding a claim delays the mail by its
//! lease only, two processes over one database send every mail once, with no SMTP server mails
//! become `.eml` files, and `serve` runs the sender by itself.

use super::*;

#[test]
fn a_sender_that_died_holding_a_claim_delays_the_mail_by_its_lease_only() {
    each_backend(|db| {
        let sink = SmtpSink::start(&[]);
        let (state, clock) = desk(db, &sink.url(), &[]);
        // Another process claimed the mail (two minutes' lease), then died without a word.
        let now = state.now();
        let claimed =
            store::outbox::claim_due(&mut conn(&state), now, now + Duration::minutes(2), 10)
                .expect("claim");
        assert_eq!(claimed.len(), 1);
        assert_eq!(
            send_due(&state).expect("pass"),
            report(0, 0, 0, 0),
            "leased"
        );
        clock.advance(Duration::minutes(2) + Duration::seconds(1));
        assert_eq!(send_due(&state).expect("pass"), report(1, 0, 0, 0));
        assert_eq!(sink.mails().len(), 1);
    });
}

#[test]
fn two_processes_over_one_database_send_every_mail_once() {
    each_backend(|db| {
        let sink = SmtpSink::start(&[]);
        let settings = [("auto_mail_limit", "1000")];
        let (a, _) = desk(db, &sink.url(), &settings);
        queue_automatic(&a, "alice@example.com", 59);
        // A second state over the same database: its own pool, as a second process has.
        let b = db
            .state_with(&[
                ("smtp_url", sink.url().as_str()),
                ("auto_mail_limit", "1000"),
            ])
            .with_clock(a.clock.clone());
        let senders: Vec<_> = [a.clone(), b]
            .into_iter()
            .map(|s| std::thread::spawn(move || drain(&s).expect("drain")))
            .collect();
        let reports: Vec<SendReport> = senders
            .into_iter()
            .map(|h| h.join().expect("sender"))
            .collect();
        let sent: usize = reports.iter().map(|r| r.sent).sum();
        assert_eq!(sent, 60, "{reports:?}");
        let mails = sink.mails();
        assert_eq!(mails.len(), 60);
        let ids: HashSet<String> = mails
            .iter()
            .map(|m| m.parsed().message_id().unwrap_or_default().to_string())
            .collect();
        assert_eq!(ids.len(), 60, "no mail sent twice");
        let rows = outbox_of(&a, "alice@example.com");
        assert!(
            rows.iter()
                .all(|r| r.state == OutboxState::Sent && r.attempts == 1)
        );
    });
}

#[test]
fn with_no_smtp_server_mails_become_eml_files_once() {
    each_backend(|db| {
        let state = world_with(db, &[]);
        let dir = db.data_dir().join("mail-out");
        assert_eq!(send_due(&state).expect("pass"), report(1, 0, 0, 0));
        let row = &outbox_of(&state, "alice@example.com")[0];
        let file = dir.join(guichet::mail::eml::FileMailer::file_name(&row.message_id));
        let bytes = std::fs::read(&file).expect("the .eml file");
        let m = mail_parser::MessageParser::default()
            .parse(&bytes)
            .expect("a mail");
        assert!(m.subject().unwrap_or_default().contains("[#1]"));
        assert_eq!(header_text(&m, "Auto-Submitted"), "auto-replied");
        // Only finished files are left behind, and a second pass writes nothing more.
        assert_eq!(send_due(&state).expect("pass"), report(0, 0, 0, 0));
        let names: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    });
}

#[test]
fn serve_sends_the_outbox_by_itself() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    drop(world_with(&db, &[]));
    let sink = SmtpSink::start(&[]);
    let port = crate::cli_serve::free_port().to_string();
    let served = crate::cli_serve::Served::start(
        &db.data_dir(),
        Some(&db.url),
        &["--bind", &format!("127.0.0.1:{port}")],
        &[
            ("GUICHET_SMTP_URL", sink.url().as_str()),
            ("GUICHET_OUTBOX_INTERVAL_MS", "50"),
        ],
    );
    served.log_line(|l| l.contains("sending the outbox"));
    let mails = sink.wait_for(1, 30);
    assert_eq!(mails.len(), 1, "serve sent ticket #1's acknowledgment");
    let subject = mails[0].parsed().subject().unwrap_or_default().to_string();
    assert!(subject.contains("[#1]"), "{subject}");
}

#[test]
fn two_serve_processes_over_one_database_send_every_mail_once() {
    each_backend(|db| {
        let sink = SmtpSink::start(&[]);
        let state = world_with(db, &[("auto_mail_limit", "1000")]);
        queue_automatic(&state, "bob@example.org", 149);
        let url = sink.url();
        let env = [
            ("GUICHET_SMTP_URL", url.as_str()),
            ("GUICHET_OUTBOX_INTERVAL_MS", "20"),
            ("GUICHET_AUTO_MAIL_LIMIT", "1000"),
        ];
        let ports = [
            crate::cli_serve::free_port().to_string(),
            crate::cli_serve::free_port().to_string(),
        ];
        let served: Vec<_> = ports
            .iter()
            .map(|p| {
                crate::cli_serve::Served::start(
                    &db.data_dir(),
                    Some(&db.url),
                    &["--bind", &format!("127.0.0.1:{p}")],
                    &env,
                )
            })
            .collect();
        for s in &served {
            s.log_line(|l| l.contains("sending the outbox"));
        }
        let mails = sink.wait_for(150, 60);
        // A last look after both had time for more passes: nothing arrives twice.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let mails = if sink.mails().len() > mails.len() {
            sink.mails()
        } else {
            mails
        };
        drop(served);
        assert_eq!(mails.len(), 150, "every mail, once");
        let ids: HashSet<String> = mails
            .iter()
            .map(|m| m.parsed().message_id().unwrap_or_default().to_string())
            .collect();
        assert_eq!(ids.len(), 150, "no Message-ID twice");
        let rows = outbox_of(&state, "bob@example.org");
        assert!(
            rows.iter()
                .all(|r| r.state == OutboxState::Sent && r.attempts == 1)
        );
    });
}
