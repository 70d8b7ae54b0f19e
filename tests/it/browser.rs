//! The browser suite: every page in headless Chromium, through `tests/browser/pages.mjs`
//! (Playwright and axe-core from `npm ci`), against the app over a seeded desk.
//!
//! Runs when `GUICHET_TEST_CHROMIUM` names a Chromium binary; otherwise it says it was skipped,
//! and `GUICHET_TEST_REQUIRE=chromium` turns that skip into a failure (CI sets it).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use guichet::db::Backend;

use crate::api_support::desk_with;
use crate::helpers::*;

const CHROMIUM_ENV: &str = "GUICHET_TEST_CHROMIUM";
/// Longer than the script's own limit (300 s), so its report comes first.
const NODE_TIMEOUT: Duration = Duration::from_secs(360);

/// Says why the suite did not run, on the real stderr handle (libtest captures `eprintln!` of
/// passing tests), or fails if the suite is required.
fn skip(reason: &str) {
    if required("chromium") {
        panic!("GUICHET_TEST_REQUIRE lists chromium but {reason}");
    }
    let _ = writeln!(std::io::stderr(), "SKIPPED: browser suite ({reason})");
}

#[test]
fn every_page_passes_the_browser_suite() {
    let chromium = match std::env::var(CHROMIUM_ENV) {
        Ok(path) if !path.trim().is_empty() => path,
        _ => return skip(&format!("{CHROMIUM_ENV} is not set")),
    };
    if !Path::new(&chromium).is_file() {
        return skip(&format!("{CHROMIUM_ENV}={chromium} is not a file"));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for package in ["playwright-core", "axe-core"] {
        if !root.join("node_modules").join(package).is_dir() {
            return skip(&format!("node_modules/{package} is missing: run `npm ci`"));
        }
    }

    let db = TestDb::new(Backend::Sqlite);
    // Every flow posts from the one loopback address: the form limits (tested on their own in
    // customer_portal.rs) would cut the suite short.
    let desk = desk_with(&db, &[("rate_limits", "false")]);
    let (number, portal_token) = desk.ticket("alice@example.com");
    // An agent who signs in through the dashboard's form.
    let agent_password = "a long browser password";
    {
        let hash = guichet::password::hash(agent_password).expect("hash");
        let email = guichet::domain::email::EmailAddress::parse("zoe@desk.test").expect("email");
        guichet::store::agents::add(
            &mut conn(&desk.app.state),
            &email,
            "Zoé",
            &hash,
            false,
            clock_now(),
        )
        .expect("agent");
        // And an admin, for the admin pages.
        let boss = guichet::domain::email::EmailAddress::parse("boss@desk.test").expect("email");
        guichet::store::agents::add(
            &mut conn(&desk.app.state),
            &boss,
            "Boss",
            &hash,
            true,
            clock_now(),
        )
        .expect("admin");
        // An agent of the two-factor flow's own: turning it on never changes how the other
        // flows' agent signs in.
        let tess = guichet::domain::email::EmailAddress::parse("tess@desk.test").expect("email");
        guichet::store::agents::add(
            &mut conn(&desk.app.state),
            &tess,
            "Tess",
            &hash,
            false,
            clock_now(),
        )
        .expect("two-factor agent");
    }
    // What flows may need to reach pages behind a token; pages.mjs hands it over as ctx.data.
    let data = serde_json::json!({
        "product": "shop",
        "customer_email": "alice@example.com",
        "ticket_number": number,
        "portal_token": portal_token,
        "agent_email": "zoe@desk.test",
        "admin_email": "boss@desk.test",
        "two_factor_email": "tess@desk.test",
        "agent_password": agent_password,
    });

    let out_dir = tempfile::tempdir().expect("temporary folder");
    let stdout = std::fs::File::create(out_dir.path().join("stdout")).expect("stdout file");
    let stderr = std::fs::File::create(out_dir.path().join("stderr")).expect("stderr file");
    let spawned = Command::new("node")
        .arg(root.join("tests/browser/pages.mjs"))
        .arg(&desk.app.base)
        // Some flows only, by name, while working on them (`GUICHET_BROWSER_FLOWS="two-factor"`).
        .args(
            std::env::var("GUICHET_BROWSER_FLOWS")
                .unwrap_or_default()
                .split_whitespace(),
        )
        .current_dir(root)
        .env(CHROMIUM_ENV, &chromium)
        .env("GUICHET_BROWSER_DATA", data.to_string())
        // Screenshots of every checked state, for a person to look at (the flows photograph
        // the form, its errors, the success page and the portal on a desktop and a phone).
        .env(
            "GUICHET_BROWSER_SHOTS",
            std::env::var_os("GUICHET_BROWSER_SHOTS")
                .unwrap_or_else(|| root.join("target/screenshots").into_os_string()),
        )
        .env_remove("GUICHET_BROWSER_BASE")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return skip(&format!("node could not be started: {e}")),
    };
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break Some(status);
        }
        if started.elapsed() > NODE_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let read = |name: &str| std::fs::read_to_string(out_dir.path().join(name)).unwrap_or_default();
    let report = format!(
        "--- node stdout\n{}\n--- node stderr\n{}",
        read("stdout"),
        read("stderr")
    );
    match status {
        Some(s) if s.success() => {}
        Some(s) => panic!("the browser suite failed ({s})\n{report}"),
        None => panic!("the browser suite took longer than {NODE_TIMEOUT:?}\n{report}"),
    }
    // The work-queue flow took a ticket and sent a canned response that resolves it: resolved,
    // and its reply mail queued for the customer.
    let taken: Vec<i64> = read("stdout")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("took #")?.parse().ok())
        .collect();
    let picked = std::env::var("GUICHET_BROWSER_FLOWS").unwrap_or_default();
    if picked.trim().is_empty() || picked.split_whitespace().any(|f| f == "work-queue") {
        assert_eq!(
            taken.len(),
            1,
            "the work-queue flow says which ticket it took\n{report}"
        );
    }
    for number in taken {
        let c = &mut conn(&desk.app.state);
        let ticket = guichet::store::tickets::get(c, guichet::domain::ids::TicketId::new(number))
            .expect("read")
            .expect("the ticket taken");
        assert_eq!(ticket.state.as_str(), "resolved", "#{number}");
        let mails =
            guichet::store::outbox::for_ticket(c, guichet::domain::ids::TicketId::new(number))
                .expect("outbox");
        assert!(
            mails
                .iter()
                .any(|m| m.kind == "agent_reply" && m.to_addr == ticket.email),
            "#{number}: no reply mail queued: {:?}",
            mails.iter().map(|m| &m.kind).collect::<Vec<_>>()
        );
    }
}
