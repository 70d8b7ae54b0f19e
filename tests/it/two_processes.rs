//! Two `guichet serve` processes over one database, as behind a load balancer, on both
//! databases: a session signed in on one is good on the other (and a sign-out everywhere on one
//! ends it on both), and two agents taking the next ticket as fast as they can, each through
//! their own process, never get the same ticket.

use std::collections::BTreeSet;

use guichet::domain::eligibility::Tier;
use guichet::domain::email::EmailAddress;
use guichet::store;
use guichet::tokens::Scope;

use crate::api_support::{Client, ticket_body, token};
use crate::cli_serve::{Served, free_port};
use crate::helpers::*;
use crate::page_client::{Browser, csrf_of};

const PASSWORD: &str = "correct horse battery";
const TICKETS: usize = 40;

fn serve(db: &TestDb) -> (Served, String) {
    let port = free_port();
    let served = Served::start(
        &db.data_dir(),
        Some(&db.url),
        &["--bind", &format!("127.0.0.1:{port}")],
        // Every sign-in and post below comes from the one loopback address.
        &[("GUICHET_RATE_LIMITS", "false")],
    );
    served.log_line(|l| l.contains("guichet is serving"));
    (served, format!("http://127.0.0.1:{port}"))
}

#[test]
fn two_serve_processes_share_sessions_and_never_give_a_ticket_twice() {
    each_backend(|db| {
        let state = db.state_with(&[]);
        {
            let c = &mut conn(&state);
            seed_product(c, "shop");
            seed_purchase(c, "O-1", "alice@example.com", "shop", 5, Tier::Standard);
            seed_purchase(c, "O-2", "paula@example.com", "shop", 5, Tier::Priority);
            let hash = guichet::password::hash(PASSWORD).expect("hash");
            let zoe = EmailAddress::parse("zoe@desk.test").expect("email");
            store::agents::add(c, &zoe, "Zoé", &hash, false, clock_now()).expect("agent");
        }
        let intake = token(&state, Scope::Intake, None);
        let ann = token(&state, Scope::Agent, Some("ann@desk.test"));
        let ben = token(&state, Scope::Agent, Some("ben@desk.test"));
        let (_a, base_a) = serve(db);
        let (_b, base_b) = serve(db);

        // Signed in through A, the same cookie opens the queue on B.
        let mut on_a = Browser::new(&base_a);
        let form = on_a.get("/agent/login");
        let r = on_a.post(
            "/agent/login",
            &[
                ("csrf", csrf_of(&form.body)),
                ("email", "zoe@desk.test".into()),
                ("password", PASSWORD.into()),
            ],
        );
        assert_eq!(r.status, 303, "{}", r.body);
        let mut on_b = Browser::new(&base_b);
        for name in [guichet::web::session::COOKIE, guichet::web::csrf::COOKIE] {
            on_b.set_cookie(name, on_a.cookie(name).expect("cookie"));
        }
        let queue = on_b.get("/agent");
        assert_eq!(queue.status, 200, "the session of A is good on B");
        // Signing out everywhere on B ends the session on A too.
        let r = on_b.post(
            "/agent/account/sessions/end",
            &[("csrf", csrf_of(&queue.body))],
        );
        assert_eq!(r.status, 303);
        assert_eq!(on_a.get("/agent").status, 303, "ended on A as well");

        // Tickets in both lanes, through A.
        let client_a = Client::new(&base_a);
        let mut numbers = BTreeSet::new();
        for i in 0..TICKETS {
            let email = if i % 3 == 0 {
                "paula@example.com"
            } else {
                "alice@example.com"
            };
            let r = client_a.post(
                "/api/v1/tickets",
                Some(&intake),
                &ticket_body(email, "3.7.28"),
            );
            assert_eq!(r.status, 201, "{}", r.json);
            numbers.insert(r.json["number"].as_i64().expect("number"));
        }
        // Ann takes through A while Ben takes through B, until the queue is empty.
        let take_all = |token: String, base: String| {
            std::thread::spawn(move || {
                let client = Client::new(&base);
                let mut mine = Vec::new();
                loop {
                    let r = client.send("POST", "/api/v1/queue/take", Some(&token), None);
                    match r.status {
                        200 => mine.push(r.json["number"].as_i64().expect("number")),
                        204 => break mine,
                        other => panic!("take answered {other}: {}", r.json),
                    }
                }
            })
        };
        let a = take_all(ann, base_a.clone());
        let b = take_all(ben, base_b.clone());
        let (a, b) = (a.join().expect("ann"), b.join().expect("ben"));
        let all: Vec<i64> = a.iter().chain(b.iter()).copied().collect();
        let unique: BTreeSet<i64> = all.iter().copied().collect();
        assert_eq!(unique.len(), all.len(), "a ticket was taken twice");
        assert_eq!(unique, numbers, "every ticket taken exactly once");
    });
}
