//! The API contract: every route with each kind of token, statuses and exact JSON keys.
//!
//! Split by what is checked: [`access`] holds the route × token table and the keys of the
//! success bodies, [`errors`] the error codes; what both share (the ticket view's keys) and
//! the check that purchases keep only what eligibility needs stay here.

mod access;
mod errors;

use serde_json::json;

use crate::api_support::*;
use crate::helpers::*;

pub(super) const TICKET_VIEW_KEYS: [&str; 19] = [
    "admin_url",
    "assignee",
    "created_at",
    "email",
    "follows",
    "lane",
    "lang",
    "messages",
    "name",
    "number",
    "order_ref",
    "platform_version",
    "position",
    "product",
    "queued_at",
    "state",
    "store_url",
    "subject",
    "version",
];

pub(super) fn sorted(k: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = k.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn purchases_keep_only_what_eligibility_needs() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let d = desk(&db);
    let r = d.client.post(
        "/api/v1/purchases",
        Some(&d.purchases),
        &json!({
            "order_ref": "W-77", "email": " Zoe@Example.com", "product": "shop",
            "purchased_at": "2026-01-31T23:30:00Z", "tier": "priority",
            "billing_address": "1 rue de la Paix", "phone": "+33 6 00 00 00 00", "customer_ip": "203.0.113.9"
        }),
    );
    assert_eq!(r.status, 201, "{}", r.json);
    assert_eq!(
        r.json["support_until"],
        json!("2026-03-03"),
        "Feb 1 in Paris + 30 days"
    );
    assert_eq!(r.json["tier"], json!("priority"));
    let dump = std::fs::read(db.data_dir().join("guichet.db")).expect("db file");
    let wal = std::fs::read(db.data_dir().join("guichet.db-wal")).unwrap_or_default();
    for needle in ["rue de la Paix", "+33 6", "203.0.113.9"] {
        let found = [&dump, &wal]
            .iter()
            .any(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()));
        assert!(!found, "{needle} was stored");
    }
}
