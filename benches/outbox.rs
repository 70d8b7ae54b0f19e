//! Mail out: the outbox sender draining a backlog of real acknowledgments (each with its portal
//! link derived at send time and its `References` looked up), into `.eml` files and over SMTP
//! to a server on loopback (mailin-embedded, a real SMTP conversation per mail over one pooled
//! connection). Prints one JSON line per measurement; asserts nothing about speed.
//!
//! Run: `cargo bench --bench outbox` (`GUICHET_BENCH_MAILS` to resize, `GUICHET_BENCH_SENDERS`
//! for `outbox_senders`,
//! `GUICHET_BENCH_POSTGRES_URL` for PostgreSQL).

mod common;

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use diesel::prelude::*;
use guichet::app::AppState;
use guichet::domain::eligibility::Tier;
use guichet::domain::email::EmailAddress;
use guichet::inbound;
use guichet::startup::{Bootstrap, prepare};
use guichet::store;
use guichet::store::purchases::NewPurchase;
use guichet::workers::outbox::drain;

use common::{add_shop, clock_now, commit, env_usize, temp_desk};

/// One new request per buyer: each opens a ticket and queues its acknowledgment.
fn seed(state: &AppState, n: usize) {
    let c = &mut state.pool.get().expect("connection");
    add_shop(c);
    let today = clock_now().date_naive();
    for i in 0..n {
        let p = NewPurchase {
            order_ref: format!("B-{i}"),
            email: EmailAddress::parse(&format!("buyer{i}@example.com")).expect("email"),
            product: "shop".into(),
            purchased_at: today - chrono::Duration::days(3),
            tier: Tier::Standard,
        };
        store::purchases::upsert(c, &p, clock_now()).expect("purchase");
        let raw = format!(
            "From: Buyer {i} <buyer{i}@example.com>\r\nTo: support@desk.example\r\n\
             Subject: Shipping costs wrong since version 3.7.28\r\nMessage-ID: <m{i}@client.example>\r\n\
             MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
             The shipping costs are wrong for every country outside France.\r\n"
        );
        inbound::receive(c, state.intake(), raw.as_bytes(), clock_now()).expect("stored");
    }
}

/// Every mail pending again, as before the first run.
fn reset(state: &AppState) {
    use guichet::schema::outbox;
    let c = &mut state.pool.get().expect("connection");
    guichet::db_run!(&mut **c, c => {
        diesel::update(outbox::table)
            .set((
                outbox::state.eq("pending"),
                outbox::attempts.eq(0),
                outbox::sent_at.eq(None::<chrono::NaiveDateTime>),
            ))
            .execute(c)
    })
    .expect("reset the outbox");
}

#[derive(Clone)]
struct Counter(Arc<AtomicUsize>);

impl mailin_embedded::Handler for Counter {
    fn data_end(&mut self) -> mailin_embedded::Response {
        self.0.fetch_add(1, Ordering::Relaxed);
        mailin_embedded::response::OK
    }
}

/// An SMTP server on loopback that counts what it accepts.
fn smtp_sink() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let count = Arc::new(AtomicUsize::new(0));
    let mut server = mailin_embedded::Server::new(Counter(count.clone()));
    // One thread per connection: enough for every pooled connection of every sender.
    server.with_tcp_listener(listener).with_num_threads(32);
    std::thread::spawn(move || {
        if let Err(e) = server.serve() {
            eprintln!("smtp sink stopped: {e}");
        }
    });
    (format!("smtp+plain://127.0.0.1:{port}"), count)
}

fn measure(name: &str, database: &str, state: &AppState, n: usize) {
    let started = Instant::now();
    let report = drain(state).expect("drain");
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(report.sent, n, "{report:?}");
    println!(
        "{{\"bench\":\"{name}\",\"commit\":\"{}\",\"database\":\"{database}\",\"mails\":{n},\"seconds\":{secs:.3},\"mails_per_s\":{:.0}}}",
        commit(),
        n as f64 / secs,
    );
}

fn state_with(boot: &Bootstrap, settings: &[(&str, &str)]) -> AppState {
    let mut boot = boot.clone();
    boot.env.insert("auto_mail_limit".into(), "1000000".into());
    for (k, v) in settings {
        boot.env.insert(k.to_string(), v.to_string());
    }
    prepare(&boot).expect("start-up")
}

fn main() {
    let n = env_usize("GUICHET_BENCH_MAILS", 5_000);
    let (desk, boot) = temp_desk();
    let files = state_with(&boot, &[]);
    seed(&files, n);
    measure("outbox_eml", desk.database(), &files, n);

    reset(&files);
    let (url, accepted) = smtp_sink();
    let senders = env_usize("GUICHET_BENCH_SENDERS", 4).to_string();
    let smtp = state_with(
        &boot,
        &[
            ("smtp_url", url.as_str()),
            ("outbox_senders", senders.as_str()),
        ],
    );
    let name = format!("outbox_smtp_{senders}_senders");
    measure(&name, desk.database(), &smtp, n);
    assert_eq!(
        accepted.load(Ordering::Relaxed),
        n,
        "the server got every mail"
    );
}
