//! `/metrics`: exact counts of one application, apart from any other in the same process.

use std::collections::BTreeMap;

use crate::api_support::*;
use crate::helpers::*;

/// The samples of a `/metrics` answer: series (name and labels, as printed) → value.
fn scrape(d: &Desk) -> BTreeMap<String, String> {
    let mut res = ureq::get(&format!("{}/metrics", d.app.base))
        .call()
        .expect("metrics");
    let text = res.body_mut().read_to_string().expect("body");
    assert!(!text.contains("alice@"), "no addresses in metrics");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.rsplit_once(' '))
        .map(|(series, value)| (series.to_string(), value.to_string()))
        .collect()
}

/// The samples of `name` (e.g. `guichet_tickets_created_total`), by labels.
fn family(samples: &BTreeMap<String, String>, name: &str) -> Vec<(String, String)> {
    samples
        .iter()
        .filter_map(|(series, value)| {
            let labels = series.strip_prefix(name)?;
            (labels.is_empty() || labels.starts_with('{'))
                .then(|| (labels.to_string(), value.clone()))
        })
        .collect()
}

#[test]
fn metrics_count_exactly_what_this_application_did() {
    // Two applications in one process: each must show its own counts and nothing of the other's
    // (a process-global registry would add them up).
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    let other_db = TestDb::new(guichet::db::Backend::Sqlite);
    let other = desk(&other_db);
    d.ticket("alice@example.com");
    d.ticket("paula@example.com");
    other.ticket("alice@example.com");
    for desk in [&d, &other] {
        let r = desk.client.post(
            "/api/v1/tickets",
            Some(&desk.intake),
            &ticket_body("nobody@example.com", "3.7.28"),
        );
        assert_eq!(r.status, 422);
    }
    d.client.post(
        "/api/v1/tickets",
        Some(&d.intake),
        &ticket_body("old@example.com", "3.7.28"),
    );

    let m = scrape(&d);
    let pair = |labels: &str, value: &str| (labels.to_string(), value.to_string());
    assert_eq!(
        family(&m, "guichet_tickets_created_total"),
        vec![pair("{channel=\"api\"}", "2")]
    );
    assert_eq!(
        family(&m, "guichet_eligibility_refusals_total"),
        vec![
            pair("{code=\"no_purchase\"}", "1"),
            pair("{code=\"support_expired\"}", "1"),
        ]
    );
    assert_eq!(
        family(&m, "guichet_queue_length"),
        vec![
            pair("{lane=\"priority\"}", "1"),
            pair("{lane=\"standard\"}", "1"),
        ]
    );
    assert_eq!(family(&m, "guichet_outbox_backlog"), vec![pair("", "2")]);
    let requests = family(&m, "guichet_http_request_duration_seconds_count");
    assert_eq!(
        requests,
        vec![
            pair(
                "{method=\"POST\",route=\"/api/v1/tickets\",status=\"201\"}",
                "2"
            ),
            pair(
                "{method=\"POST\",route=\"/api/v1/tickets\",status=\"422\"}",
                "2"
            ),
        ],
        "one observation per request, by route pattern and status"
    );

    let m = scrape(&other);
    assert_eq!(
        family(&m, "guichet_tickets_created_total"),
        vec![pair("{channel=\"api\"}", "1")]
    );
    assert_eq!(
        family(&m, "guichet_eligibility_refusals_total"),
        vec![pair("{code=\"no_purchase\"}", "1")]
    );
    assert_eq!(family(&m, "guichet_outbox_backlog"), vec![pair("", "1")]);
}
