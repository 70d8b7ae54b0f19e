//! What a stolen copy of the database can open: no portal. Every table (and, on SQLite, the
//! database, WAL and shared-memory files byte for byte) is searched for the live portal tokens,
//! and the mail sender still gives each customer a working link.

use diesel::prelude::*;
use diesel::sql_types::Text;
use serde_json::json;

use guichet::db::DbConn;
use guichet::domain::ids::TicketId;
use guichet::mail::outbound;
use guichet::store;

use crate::api_support::*;
use crate::helpers::*;

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// Every row of every table as text (PostgreSQL), or every byte of the files (SQLite).
pub fn everything_stored(db: &TestDb, c: &mut DbConn) -> Vec<u8> {
    match c {
        DbConn::Pg(pg) => {
            let tables: Vec<Line> = diesel::sql_query(
                "SELECT table_name::text AS line FROM information_schema.tables \
                 WHERE table_schema = 'public'",
            )
            .load(pg)
            .expect("tables");
            assert!(tables.len() > 5, "the schema's tables are listed");
            let mut all = Vec::new();
            for t in tables {
                let rows: Vec<Line> =
                    diesel::sql_query(format!("SELECT t::text AS line FROM \"{}\" t", t.line))
                        .load(pg)
                        .expect("rows");
                for r in rows {
                    all.extend_from_slice(r.line.as_bytes());
                    all.push(b'\n');
                }
            }
            all
        }
        DbConn::Sqlite(_) => {
            let mut all = Vec::new();
            let mut files = 0;
            for suffix in ["", "-wal", "-shm"] {
                if let Ok(bytes) = std::fs::read(format!("{}{suffix}", db.url)) {
                    files += 1;
                    all.extend(bytes);
                }
            }
            assert!(files >= 2, "the database and its WAL are read");
            all
        }
    }
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn no_live_portal_token_is_stored_anywhere() {
    each_backend(|db| {
        let d = desk(db);
        let mut tokens = Vec::new();
        for email in [
            "alice@example.com",
            "paula@example.com",
            "alice@example.com",
        ] {
            tokens.push(d.ticket(email));
        }
        let (number, portal) = &tokens[0];
        let r = d.client.post(
            &format!("/api/v1/tickets/{number}/replies"),
            Some(portal),
            &json!({"body": "One more detail."}),
        );
        assert_eq!(r.status, 200, "{}", r.json);

        let state = &d.app.state;
        let c = &mut conn(state);
        let stored = everything_stored(db, &mut *c);
        assert!(
            contains(&stored, &guichet::tokens::hash(&tokens[0].1)),
            "the search does find stored values (the token's hash)"
        );
        for (n, token) in &tokens {
            assert!(
                !contains(&stored, token),
                "ticket {n}'s portal token is stored"
            );
        }

        // The sender gives every customer the link that opens their ticket.
        for (n, token) in &tokens {
            let rows = store::outbox::for_ticket(c, TicketId::new(*n)).expect("outbox");
            assert_eq!(rows.len(), 1);
            assert!(rows[0].body_text.contains(outbound::PORTAL_LINK));
            let mail = outbound::render(c, &state.config, &state.keys, &rows[0]).expect("render");
            let link = outbound::portal_url(&state.config.public_url, token);
            assert!(mail.body_text.contains(&link), "{}", mail.body_text);
            assert!(!mail.body_text.contains(outbound::PORTAL_LINK));
            let seen = d.client.get(&format!("/api/v1/tickets/{n}"), Some(token));
            assert_eq!(seen.status, 200);
        }
    });
}

#[test]
fn a_stored_line_break_never_reaches_a_header() {
    each_backend(|db| {
        let d = desk(db);
        let (number, _) = d.ticket("alice@example.com");
        let state = &d.app.state;
        let c = &mut conn(state);
        // A row written before the edge refused line breaks, or edited by hand.
        guichet::db_run!(&mut **c, c => {
            diesel::update(guichet::schema::outbox::table)
                .set(guichet::schema::outbox::subject.eq("Help\r\nBcc: evil@attacker.test"))
                .execute(c)
        })
        .expect("update");
        let rows = store::outbox::for_ticket(c, TicketId::new(number)).expect("outbox");
        let mail = outbound::render(c, &state.config, &state.keys, &rows[0]).expect("render");
        assert!(!mail.subject.contains(['\r', '\n']), "{:?}", mail.subject);
        assert!(mail.subject.contains("Bcc: evil@attacker.test"));
    });
}
