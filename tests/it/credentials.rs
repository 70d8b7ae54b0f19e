//! The credentials vault over a real server, on both databases: credentials given with consent
//! are stored only as ciphertext (every table, and on SQLite the database and WAL files, are
//! searched for them); without consent the form comes back (422) without the passwords; the
//! portal says whether they are kept; the customer's delete, a resolve and a close remove them;
//! a ciphertext moved to another ticket does not open.

use diesel::prelude::*;

use guichet::domain::ids::TicketId;
use guichet::schema::{ticket_credentials, tickets};
use guichet::store::credentials::{self, CredentialStatus};
use guichet::vault;

use crate::api_support::*;
use crate::helpers::*;
use crate::page_client::*;
use crate::secrets_at_rest::{contains, everything_stored};

const LOGIN: &str = "shopadmin-login-7f3";
const ADMIN_PW: &str = "Adm1n-S3cret-pw-9k2";
const FTP_HOST: &str = "ftp.secret-host-4q8.example";
const FTP_PW: &str = "Ftp-S3cret-pw-5m1";
const SECRETS: [&str; 4] = [LOGIN, ADMIN_PW, FTP_HOST, FTP_PW];

fn with_credentials(csrf: &str, consent: bool) -> Vec<(&'static str, String)> {
    let mut form = good_form(csrf);
    form.extend([
        ("admin_login", LOGIN.to_string()),
        ("admin_password", ADMIN_PW.to_string()),
        ("ftp_host", FTP_HOST.to_string()),
        ("ftp_user", String::new()),
        ("ftp_password", FTP_PW.to_string()),
    ]);
    if consent {
        form.push(("credentials_consent", "yes".into()));
    }
    form
}

/// Sends the form with credentials and consent; returns the portal path `/t/TOKEN`.
fn submit_with_credentials(b: &mut Browser) -> String {
    let token = b.open_form();
    let page = b.post("/", &with_credentials(&token, true));
    assert_eq!(page.status, 303, "{}", page.body);
    let location = page.header("location");
    location
        .strip_suffix("?new=1")
        .expect("the portal link")
        .to_string()
}

fn status(d: &Desk, n: i64) -> CredentialStatus {
    credentials::status(&mut conn(&d.app.state), TicketId::new(n)).expect("status")
}

fn rows(d: &Desk) -> i64 {
    let c = &mut conn(&d.app.state);
    guichet::db_run!(&mut **c, c => {
        ticket_credentials::table.count().get_result::<i64>(c)
    })
    .expect("count")
}

#[test]
fn credentials_with_consent_are_stored_only_as_ciphertext() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let portal = submit_with_credentials(&mut b);
        let state = &d.app.state;
        let c = &mut conn(state);
        let (sealed, _) = credentials::sealed(c, TicketId::new(1))
            .expect("read")
            .expect("a row");
        let opened = vault::open(&state.keys.credentials, TicketId::new(1), &sealed)
            .expect("opens for its ticket");
        assert_eq!(opened.admin_password.as_deref(), Some(ADMIN_PW));
        assert_eq!(opened.ftp_user, None, "an empty field is not stored");
        let stored = everything_stored(db, &mut *c);
        assert!(
            contains(&stored, "Invoices are blank"),
            "the search finds stored text"
        );
        for secret in SECRETS {
            assert!(!contains(&stored, secret), "{secret} is stored in clear");
        }
        // The portal says they are kept, and shows none of them.
        let page = b.get(&portal);
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("They are kept encrypted"),
            "{}",
            page.body
        );
        assert!(page.body.contains("/credentials/delete"));
        for secret in SECRETS {
            assert!(!page.body.contains(secret), "{secret} on the portal");
        }
        // Nor does the API.
        let token = portal.trim_start_matches("/t/");
        let api = d.client.get("/api/v1/tickets/1", Some(token));
        assert_eq!(api.status, 200);
        for secret in SECRETS {
            assert!(!api.json.to_string().contains(secret));
        }
    });
}

#[test]
fn credentials_without_consent_come_back_without_the_passwords() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let token = b.open_form();
        let page = b.post("/", &with_credentials(&token, false));
        assert_eq!(page.status, 422, "{}", page.body);
        let body = &page.body;
        assert!(
            body.contains("id=\"f-credentials_consent-error\""),
            "{body}"
        );
        assert!(
            body.contains("href=\"#f-credentials_consent\""),
            "in the summary"
        );
        assert!(body.contains("Tick this box"));
        assert!(
            body.contains(&format!("value=\"{LOGIN}\"")),
            "the login is kept"
        );
        assert!(body.contains(&format!("value=\"{FTP_HOST}\"")));
        assert!(!body.contains(ADMIN_PW) && !body.contains(FTP_PW), "{body}");
        assert!(body.contains("type=\"password\""));
        assert_eq!(
            guichet::store::tickets::count(&mut conn(&d.app.state)).expect("n"),
            0
        );
        assert_eq!(rows(&d), 0);
    });
}

#[test]
fn consent_without_credentials_stores_nothing() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let token = b.open_form();
        let mut form = good_form(&token);
        form.push(("credentials_consent", "yes".into()));
        form.push(("admin_password", "   ".into()));
        let page = b.post("/", &form);
        assert_eq!(page.status, 303, "{}", page.body);
        assert_eq!(rows(&d), 0);
        assert_eq!(status(&d, 1), CredentialStatus::NoneGiven);
        let portal = b.get(page.header("location"));
        assert!(!portal.body.contains("credentials-title"), "no section");
        let privacy = b.get("/privacy");
        assert!(
            privacy.body.contains("access details to your site"),
            "{}",
            privacy.body
        );
    });
}

#[test]
fn the_customer_deletes_them_from_the_portal() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let portal = submit_with_credentials(&mut b);
        let page = b.get(&portal);
        let csrf = csrf_of(&page.body);
        let action = format!("{portal}/credentials/delete");
        // Without the token of this browser: refused, nothing deleted.
        let mut other = Browser::new(&d.app.base);
        let refused = other.post(&action, &[("csrf", csrf.clone())]);
        assert_eq!(refused.status, 403, "{}", refused.body);
        let wrong = b.post(
            &format!("/t/{}/credentials/delete", "0".repeat(64)),
            &[("csrf", csrf.clone())],
        );
        assert_eq!(wrong.status, 404);
        assert_eq!(status(&d, 1), CredentialStatus::Kept);

        let done = b.post(&action, &[("csrf", csrf)]);
        assert_eq!(done.status, 303, "{}", done.body);
        let back = done.header("location").to_string();
        assert!(back.starts_with(&portal), "{back}");
        assert_eq!(status(&d, 1), CredentialStatus::Deleted);
        assert_eq!(rows(&d), 0);
        let page = b.get(&back);
        assert!(page.body.contains("Your access details have been deleted"));
        assert!(
            page.body.contains("They have been deleted"),
            "{}",
            page.body
        );
        assert!(!page.body.contains("/credentials/delete"), "no button left");
    });
}

/// Sets a ticket's state the way a resolve or close path does (none is built on this branch:
/// the migration's trigger and `delete_for` cover the ones to come).
fn set_state(d: &Desk, n: i64, state: &str) {
    let c = &mut conn(&d.app.state);
    guichet::db_write!(&mut **c, c => {
        diesel::update(tickets::table.find(n))
            .set(tickets::state.eq(state))
            .execute(c)
    })
    .expect("update");
}

#[test]
fn resolving_or_closing_deletes_them() {
    each_backend(|db| {
        let d = desk(db);
        for _ in 0..4 {
            submit_with_credentials(&mut Browser::new(&d.app.base));
        }
        assert_eq!(rows(&d), 4);
        set_state(&d, 1, "waiting_customer");
        assert_eq!(
            status(&d, 1),
            CredentialStatus::Kept,
            "other states keep them"
        );
        set_state(&d, 1, "resolved");
        assert_eq!(status(&d, 1), CredentialStatus::Deleted);
        set_state(&d, 2, "closed");
        assert_eq!(status(&d, 2), CredentialStatus::Deleted);
        // The helper every resolve path calls in its transaction.
        let c = &mut conn(&d.app.state);
        let deleted = guichet::db_write!(&mut **c, c => {
            credentials::delete_for(c, TicketId::new(3))
        })
        .expect("delete");
        assert!(deleted);
        assert_eq!(status(&d, 3), CredentialStatus::Deleted);
        assert_eq!(status(&d, 4), CredentialStatus::Kept);
        assert_eq!(rows(&d), 1);
    });
}

#[test]
fn a_ciphertext_moved_to_another_ticket_does_not_open() {
    each_backend(|db| {
        let d = desk(db);
        submit_with_credentials(&mut Browser::new(&d.app.base));
        submit_with_credentials(&mut Browser::new(&d.app.base));
        let state = &d.app.state;
        let c = &mut conn(state);
        let (first, _) = credentials::sealed(c, TicketId::new(1))
            .expect("read")
            .expect("row");
        // Someone with database access copies ticket 1's credentials onto ticket 2.
        guichet::db_write!(&mut **c, c => {
            diesel::update(ticket_credentials::table.find(2_i64))
                .set((
                    ticket_credentials::nonce.eq(&first.nonce),
                    ticket_credentials::ciphertext.eq(&first.ciphertext),
                ))
                .execute(c)
        })
        .expect("update");
        let (moved, _) = credentials::sealed(c, TicketId::new(2))
            .expect("read")
            .expect("row");
        assert!(vault::open(&state.keys.credentials, TicketId::new(2), &moved).is_err());
        assert!(vault::open(&state.keys.credentials, TicketId::new(1), &moved).is_ok());
    });
}

fn audit_rows(d: &Desk, n: i64) -> Vec<guichet::store::audit::AuditRow> {
    guichet::store::audit::for_ticket(&mut conn(&d.app.state), TicketId::new(n)).expect("audit")
}

#[test]
fn an_agent_reveals_them_once_by_an_explicit_post_written_to_the_audit_log() {
    each_backend(|db| {
        let d = desk(db);
        let mut customer = Browser::new(&d.app.base);
        submit_with_credentials(&mut customer);
        let n = 1;
        let mut agent = crate::dashboard::signed_in(&d, "zoe@desk.test");
        let page = agent.get(&format!("/agent/tickets/{n}"));
        assert!(page.body.contains("Show the credentials"), "{}", page.body);
        for secret in SECRETS {
            assert!(
                !page.body.contains(secret),
                "the ticket page never shows {secret}"
            );
        }
        let csrf = csrf_of(&page.body);
        let path = format!("/agent/tickets/{n}/credentials");
        assert_eq!(agent.post(&path, &[("csrf", "0".repeat(64))]).status, 403);
        assert_eq!(
            agent.get(&path).status,
            404,
            "no link reveals them, only a post"
        );
        assert!(audit_rows(&d, n).is_empty());

        let shown = agent.post(&path, &[("csrf", csrf.clone())]);
        assert_eq!(shown.status, 200, "{}", shown.body);
        for secret in [LOGIN, ADMIN_PW, FTP_HOST, FTP_PW] {
            assert!(shown.body.contains(secret), "{secret} shown");
        }
        assert_eq!(shown.header("cache-control"), "no-store");
        let rows = audit_rows(&d, n);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].action, "reveal_credentials");
        assert!(rows[0].agent_id.is_some());
        assert!(SECRETS.iter().all(|s| !rows[0].detail.contains(s)));
        // Each showing is logged again.
        agent.post(&path, &[("csrf", csrf.clone())]);
        assert_eq!(audit_rows(&d, n).len(), 2);
        // Once resolved they are gone: nothing to show, nothing more logged.
        set_state(&d, n, "resolved");
        let gone = agent.post(&path, &[("csrf", csrf)]);
        assert_eq!(gone.status, 200);
        assert!(gone.body.contains("have been deleted"));
        assert!(!gone.body.contains(ADMIN_PW));
        assert_eq!(audit_rows(&d, n).len(), 2);
    });
}
