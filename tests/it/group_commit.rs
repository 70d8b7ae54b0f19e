//! Group commit (`db::group`): concurrent writes committed together, each caller answered only
//! after its own write is durable, one write's failure never failing the others, and a server
//! killed with SIGKILL in the middle of grouped intakes losing no ticket it answered 201.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::Duration;

use diesel::prelude::*;
use guichet::db::DbConn;
use guichet::domain::channel::Channel;
use guichet::domain::eligibility::Tier;
use guichet::domain::email::EmailAddress;
use guichet::domain::version::Version;
use guichet::i18n::Lang;
use guichet::intake::TicketRequest;
use guichet::schema::products;
use guichet::store;
use guichet::tokens::{self, Scope};

use crate::cli_serve::{Served, free_port};
use crate::helpers::{clock_now, conn, each_backend, seed_product, seed_purchase};

/// Inserts a product row directly (a table with a unique column, to make writes fail).
fn insert_product(c: &mut DbConn, slug: &str) -> Result<usize, diesel::result::Error> {
    let now = clock_now().naive_utc();
    guichet::db_run!(c, c => {
        diesel::insert_into(products::table)
            .values((
                products::slug.eq(slug),
                products::name.eq(slug),
                products::created_at.eq(now),
            ))
            .execute(c)
    })
}

fn slugs(c: &mut DbConn) -> Vec<String> {
    guichet::db_run!(c, c => { products::table.select(products::slug).load(c) }).expect("slugs")
}

#[test]
fn concurrent_writes_are_each_committed_once_and_a_failing_one_fails_alone() {
    each_backend(|db| {
        // Fewer threads than the pool's 8 connections: each holds one throughout.
        const THREADS: usize = 6;
        const WRITES: usize = 20;
        let state = db.state();
        let barrier = Arc::new(Barrier::new(THREADS));
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let state = state.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    let mut c = state.pool.get().expect("connection");
                    barrier.wait();
                    let mut answers = Vec::new();
                    for i in 0..WRITES {
                        // Every fifth write of each thread takes a slug another write has
                        // taken or will take: exactly one of those succeeds.
                        let slug = if i % 5 == 4 {
                            format!("shared-{i}")
                        } else {
                            format!("own-{t}-{i}")
                        };
                        let s = slug.clone();
                        let r = state.writes.write(&mut c, move |c| insert_product(c, &s));
                        answers.push((slug, r.is_ok()));
                    }
                    answers
                })
            })
            .collect();
        let answers: Vec<(String, bool)> = handles
            .into_iter()
            .flat_map(|h| h.join().expect("writer thread"))
            .collect();
        let stored: BTreeSet<String> = slugs(&mut conn(&state)).into_iter().collect();
        let ok: Vec<&String> = answers
            .iter()
            .filter(|(_, ok)| *ok)
            .map(|(s, _)| s)
            .collect();
        let ok_set: BTreeSet<String> = ok.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            ok.len(),
            ok_set.len(),
            "two writes of one slug both succeeded"
        );
        assert_eq!(
            stored, ok_set,
            "stored rows are exactly the acknowledged writes"
        );
        // Every own slug succeeded; each shared slug exactly once.
        assert_eq!(ok_set.len(), THREADS * (WRITES - WRITES / 5) + WRITES / 5);
        let failed = answers.iter().filter(|(_, ok)| !ok).count();
        assert_eq!(failed, (THREADS - 1) * (WRITES / 5));
    });
}

#[test]
fn a_write_that_panics_panics_its_caller_only_and_the_queue_goes_on() {
    each_backend(|db| {
        let state = db.state();
        let mut c = conn(&state);
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = state.writes.write(&mut c, |c| {
                insert_product(c, "before-panic")?;
                if c.backend() == c.backend() {
                    panic!("a bug in one write");
                }
                Ok::<(), diesel::result::Error>(())
            });
        }));
        assert!(panicked.is_err(), "the caller sees the panic");
        drop(c);
        // The panicking write was rolled back; later writes, from other threads, commit.
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let state = state.clone();
                std::thread::spawn(move || {
                    let mut c = state.pool.get().expect("connection");
                    state
                        .writes
                        .write(&mut c, move |c| insert_product(c, &format!("after-{t}")))
                        .expect("write after the panic")
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().expect("thread"), 1);
        }
        let mut stored = slugs(&mut conn(&state));
        stored.sort();
        assert_eq!(stored, ["after-0", "after-1", "after-2", "after-3"]);
    });
}

fn ticket_request(subject: &str) -> TicketRequest {
    TicketRequest {
        email: EmailAddress::parse("alice@example.com").expect("email"),
        name: "Alice".into(),
        product: "shop".into(),
        version: Version::parse("3.7.28").expect("version"),
        subject: subject.into(),
        body: "Every invoice is blank.".into(),
        store_url: None,
        admin_url: None,
        platform_version: None,
        order_ref: None,
        lang: Lang::En,
        channel: Channel::Api,
        parent_id: None,
        credentials: None,
        attachments: Vec::new(),
    }
}

#[test]
fn grouped_intakes_get_exact_positions() {
    each_backend(|db| {
        const THREADS: usize = 6;
        const EACH: usize = 12;
        let state = db.state();
        {
            let c = &mut conn(&state);
            seed_product(c, "shop");
            seed_purchase(c, "O-1", "alice@example.com", "shop", 5, Tier::Standard);
        }
        let barrier = Arc::new(Barrier::new(THREADS));
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let state = state.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    let mut c = state.pool.get().expect("connection");
                    barrier.wait();
                    (0..EACH)
                        .map(|i| {
                            let req = ticket_request(&format!("Grouped {t}-{i}"));
                            let created =
                                guichet::intake::submit(&mut c, state.intake(), &req, clock_now())
                                    .expect("intake");
                            (created.ticket.id, created.position.expect("in the queue"))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut created: Vec<_> = handles
            .into_iter()
            .flat_map(|h| h.join().expect("intake thread"))
            .collect();
        created.sort();
        let c = &mut conn(&state);
        let n = u32::try_from(THREADS * EACH).expect("small");
        let now: Vec<u32> = created
            .iter()
            .map(|(id, _)| {
                let t = store::tickets::get(c, *id).expect("get").expect("stored");
                store::queue::position(c, &t)
                    .expect("position")
                    .expect("queued")
            })
            .collect();
        let mut places = now.clone();
        places.sort();
        assert_eq!(places, (1..=n).collect::<Vec<u32>>(), "one place each");
        let answered: Vec<u32> = created.iter().map(|(_, p)| *p).collect();
        if c.backend() == guichet::db::Backend::Sqlite {
            // Grouped writes take their place when written, in id order, and nothing leaves
            // the queue here: the place each caller was told is its place now.
            assert_eq!(answered, now);
        } else {
            // PostgreSQL commits concurrent intakes in parallel: a ticket whose transaction
            // started first may commit after another was told its place, which then moves one
            // back. A customer may wait longer than told by those few, never shorter.
            for (a, p) in answered.iter().zip(&now) {
                assert!(a <= p, "told {a}, now {p}");
            }
        }
        let c = &mut conn(&state);
        assert_eq!(
            store::queue::lengths(c).expect("lengths"),
            store::queue::lengths_by_counting(c).expect("counting")
        );
    });
}

/// Posts tickets until `stop`, recording the subject of every 201.
fn poster(
    base: String,
    token: String,
    t: usize,
    stop: Arc<AtomicBool>,
    acked: Arc<Mutex<Vec<String>>>,
) {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .new_agent();
    let mut i = 0;
    while !stop.load(Ordering::Relaxed) {
        let subject = format!("Crash {t}-{i}");
        i += 1;
        let body = serde_json::json!({
            "email": "alice@example.com", "name": "Alice", "product": "shop",
            "version": "3.7.28", "subject": subject,
            "body": "Every invoice is blank since the update.",
        });
        let r = agent
            .post(&format!("{base}/api/v1/tickets"))
            .header("Authorization", format!("Bearer {token}"))
            .send_json(&body);
        match r {
            Ok(r) if r.status().as_u16() == 201 => acked.lock().expect("acked").push(subject),
            // The server is gone: stop.
            Err(_) => return,
            Ok(_) => {}
        }
    }
}

#[test]
fn sigkill_during_grouped_intakes_loses_no_acknowledged_ticket_and_stores_none_twice() {
    each_backend(|db| {
        let token = {
            let state = db.state();
            let c = &mut conn(&state);
            seed_product(c, "shop");
            seed_purchase(c, "O-1", "alice@example.com", "shop", 5, Tier::Standard);
            let (token, hash) = tokens::generate().expect("random");
            store::tokens::insert(c, "crash", &hash, Scope::Intake, None, None, clock_now())
                .expect("token");
            token
        };
        let port = free_port();
        let served = Served::start(
            &db.data_dir(),
            Some(&db.url),
            &["--bind", &format!("127.0.0.1:{port}")],
            &[("GUICHET_RATE_LIMITS", "false")],
        );
        served.log_line(|l| l.contains("guichet is serving"));
        let base = format!("http://127.0.0.1:{port}");
        let stop = Arc::new(AtomicBool::new(false));
        let acked = Arc::new(Mutex::new(Vec::new()));
        let posters: Vec<_> = (0..8)
            .map(|t| {
                let (base, token, stop, acked) =
                    (base.clone(), token.clone(), stop.clone(), acked.clone());
                std::thread::spawn(move || poster(base, token, t, stop, acked))
            })
            .collect();
        // Kill once a few hundred tickets are in, with eight writers still going.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while acked.lock().expect("acked").len() < 300 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        drop(served); // SIGKILL, then wait
        stop.store(true, Ordering::Relaxed);
        for p in posters {
            p.join().expect("poster");
        }
        let acked: Vec<String> = acked.lock().expect("acked").clone();
        assert!(
            acked.len() >= 300,
            "only {} tickets before the deadline",
            acked.len()
        );
        let state = db.state();
        let c = &mut conn(&state);
        let stored: Vec<String> = guichet::db_run!(&mut **c, c => {
            guichet::schema::tickets::table
                .select(guichet::schema::tickets::subject)
                .load(c)
        })
        .expect("subjects");
        let unique: BTreeSet<&String> = stored.iter().collect();
        assert_eq!(unique.len(), stored.len(), "a ticket was stored twice");
        let missing: Vec<&String> = acked.iter().filter(|s| !unique.contains(s)).collect();
        assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
        assert_eq!(
            store::queue::lengths(c).expect("lengths"),
            store::queue::lengths_by_counting(c).expect("counting")
        );
    });
}
