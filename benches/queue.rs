//! The agents' side at scale: `GET /api/v1/queue`, a ticket's position, and take-next
//! (`POST /api/v1/queue/take`) with a million tickets stored.
//!
//! Seeds a fresh SQLite database in bulk (`GUICHET_BENCH_TICKETS` tickets with one message each,
//! the newest `GUICHET_BENCH_QUEUED` of them waiting, one in ten in the priority lane), starts the
//! release server, and prints one JSON line per measurement. DESIGN's target: queue page and
//! take-next p99 under 5 ms with 1,000,000 tickets stored.
//!
//! Run: `cargo bench --bench queue`. This measures; it asserts nothing about speed.

mod common;

use std::time::Instant;

use diesel::RunQueryDsl;
use guichet::db::DbConn;
use guichet::domain::email::EmailAddress;
use guichet::startup::{Bootstrap, prepare};
use guichet::store;
use guichet::tokens::{self, Scope};

use common::{
    add_shop, clock_now, commit, env_usize, peak_rss_mib, run_clients, start_server, temp_desk,
};

/// Bulk-loads tickets and messages with SQL (a million single inserts would take minutes);
/// returns an agent token, the number of the newest waiting ticket, and the portal tokens of
/// the newest and of a middle waiting ticket.
fn seed(boot: &Bootstrap, total: usize, queued: usize) -> (String, i64, [String; 2]) {
    let state = prepare(boot).expect("start-up");
    let mut pooled = state.pool.get().expect("connection");
    let conn: &mut DbConn = &mut pooled;
    let product = add_shop(conn);
    let started = Instant::now();
    let DbConn::Sqlite(c) = conn else {
        panic!("the queue benchmark seeds SQLite");
    };
    let first_queued = total.saturating_sub(queued);
    let sql = format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {total}) \
         INSERT INTO tickets (product_id, email, name, version, subject, state, lane, queued_at, \
             queue_seq, lang, channel, created_at, updated_at) \
         SELECT {pid}, 'buyer' || (i % 50000) || '@example.com', 'Buyer', '3.7.28', 'Stored ticket', \
             CASE WHEN i > {first_queued} THEN 'queued' ELSE 'closed' END, \
             CASE WHEN i % 10 = 0 THEN 0 ELSE 1 END, \
             strftime('%Y-%m-%d %H:%M:%f', '2025-01-01', '+' || i || ' seconds'), i, 'en', 'api', \
             strftime('%Y-%m-%d %H:%M:%f', '2025-01-01', '+' || i || ' seconds'), \
             strftime('%Y-%m-%d %H:%M:%f', '2025-01-01', '+' || i || ' seconds') \
         FROM n",
        pid = product.id
    );
    diesel::sql_query(sql).execute(c).expect("bulk tickets");
    diesel::sql_query(
        "INSERT INTO messages (ticket_id, author, body, internal, channel, created_at) \
         SELECT id, 'customer', 'A message stored before the benchmark, of a typical length for a first \
         description of a problem with steps and an error message.', 0, 'api', created_at FROM tickets",
    )
    .execute(c)
    .expect("bulk messages");
    diesel::sql_query(format!(
        "UPDATE counters SET value = {total} WHERE name = 'queue_seq'"
    ))
    .execute(c)
    .expect("counter");
    diesel::sql_query("ANALYZE").execute(c).expect("analyze");
    eprintln!(
        "seeded {total} tickets and messages in {:.1?}",
        started.elapsed()
    );
    let agent = store::agents::add(
        conn,
        &EmailAddress::parse("agent@bench.test").expect("email"),
        "Agent",
        "x",
        false,
        clock_now(),
    )
    .expect("agent");
    let (token, hash) = tokens::generate().expect("random");
    store::tokens::insert(
        conn,
        "bench",
        &hash,
        Scope::Agent,
        Some(agent.id),
        None,
        clock_now(),
    )
    .expect("token");
    // Portal tokens as intake makes them: a stored seed, the token derived under the master key.
    let keys = &state.keys;
    let portal = [total as i64, (total - queued / 2) as i64].map(|n| {
        let p = tokens::PortalToken::generate(keys).expect("random");
        guichet::db_run!(conn, c => {
            use diesel::ExpressionMethods;
            use guichet::schema::api_tokens;
            diesel::insert_into(api_tokens::table)
                .values((
                    api_tokens::name.eq("portal"),
                    api_tokens::token_hash.eq(&p.hash),
                    api_tokens::scope.eq(Scope::Portal),
                    api_tokens::ticket_id.eq(Some(guichet::domain::ids::TicketId::new(n))),
                    api_tokens::created_at.eq(guichet::store::naive(clock_now())),
                    api_tokens::seed.eq(Some(&p.seed)),
                ))
                .execute(c)
        })
        .expect("portal token");
        p.token
    });
    (token, total as i64, portal)
}

/// A page (no bearer token): the portal.
fn page(agent: &ureq::Agent, url: &str) -> bool {
    match agent.get(url).call() {
        Ok(mut r) if r.status().as_u16() == 200 => {
            let _ = r.body_mut().read_to_vec();
            true
        }
        Ok(r) => panic!("GET {url}: status {}", r.status()),
        Err(e) => panic!("GET {url}: {e}"),
    }
}

fn get(agent: &ureq::Agent, url: &str, auth: &str) -> bool {
    match agent.get(url).header("Authorization", auth).call() {
        Ok(mut r) if r.status().as_u16() == 200 => {
            let _ = r.body_mut().read_to_vec();
            true
        }
        Ok(r) => panic!("GET {url}: status {}", r.status()),
        Err(e) => panic!("GET {url}: {e}"),
    }
}

fn take(agent: &ureq::Agent, url: &str, auth: &str) -> bool {
    match agent.post(url).header("Authorization", auth).send_empty() {
        Ok(mut r) if r.status().as_u16() == 200 => {
            let _ = r.body_mut().read_to_vec();
            true
        }
        Ok(r) if r.status().as_u16() == 204 => false,
        Ok(r) => panic!("take: status {}", r.status()),
        Err(e) => panic!("take: {e}"),
    }
}

fn main() {
    let total = env_usize("GUICHET_BENCH_TICKETS", 1_000_000);
    let queued = env_usize("GUICHET_BENCH_QUEUED", 5_000);
    let requests = env_usize("GUICHET_BENCH_REQUESTS", 2_000);
    let (desk, boot) = temp_desk();
    assert_eq!(
        desk.database(),
        "sqlite",
        "the queue benchmark bulk-loads SQLite only"
    );
    let (token, newest, portal) = seed(&boot, total, queued);
    let (mut server, base) = start_server(&boot);
    let auth = format!("Bearer {token}");
    let commit = commit();
    let report =
        |name: &str, concurrency: usize, run: &common::Run, server: &std::process::Child| {
            let line = serde_json::json!({
                "bench": name,
                "commit": commit,
                "database": "sqlite",
                "tickets_stored": total,
                "tickets_queued": queued,
                "concurrency": concurrency,
                "requests": run.latencies.len(),
                "per_s": run.per_second,
                "p50_ms": run.percentile_ms(0.50),
                "p99_ms": run.percentile_ms(0.99),
                "server_cpu_us_per_request": run.server_cpu_us,
                "server_peak_rss_mib": peak_rss_mib(server.id()),
            });
            println!("{line}");
        };

    let (url, a) = (format!("{base}/api/v1/queue?limit=100"), auth.clone());
    let run = run_clients(server.id(), 1, requests, move |agent, _| {
        get(agent, &url, &a)
    });
    report("api_queue_page_100", 1, &run, &server);

    // The newest waiting ticket: the whole queue is ahead of it.
    let (url, a) = (format!("{base}/api/v1/tickets/{newest}"), auth.clone());
    let run = run_clients(server.id(), 1, requests, move |agent, _| {
        get(agent, &url, &a)
    });
    report("api_ticket_at_back_of_queue", 1, &run, &server);

    // A ticket in the middle of the queue, too far from the back for the lane counters.
    let middle = newest - (queued as i64) / 2;
    let (url, a) = (format!("{base}/api/v1/tickets/{middle}"), auth.clone());
    let run = run_clients(server.id(), 1, requests, move |agent, _| {
        get(agent, &url, &a)
    });
    report("api_ticket_mid_queue", 1, &run, &server);

    // The customer's portal page (position, estimated wait, thread), for the newest waiting
    // ticket and for one in the middle of the queue.
    for (name, token) in [
        ("portal_page_back_of_queue", &portal[0]),
        ("portal_page_mid_queue", &portal[1]),
    ] {
        let url = format!("{base}/t/{token}");
        let run = run_clients(server.id(), 1, requests, move |agent, _| page(agent, &url));
        report(name, 1, &run, &server);
    }

    for concurrency in [1usize, 16] {
        let (url, a) = (format!("{base}/api/v1/queue/take"), auth.clone());
        let run = run_clients(server.id(), concurrency, queued / 2, move |agent, _| {
            take(agent, &url, &a)
        });
        report("api_take_next", concurrency, &run, &server);
    }
    let _ = server.kill();
    let _ = server.wait();
}
