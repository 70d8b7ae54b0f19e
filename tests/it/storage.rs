//! Storage on both backends: products, releases, purchases, extensions, eligibility facts.

use chrono::NaiveDate;
use guichet::domain::channel::Channel;
use guichet::domain::eligibility::{Refusal, Tier};
use guichet::domain::email::EmailAddress;
use guichet::domain::lifecycle::TicketState;
use guichet::domain::queue::Lane;
use guichet::domain::version::Version;
use guichet::i18n::Lang;
use guichet::intake::{self, IntakeError, TicketRequest};
use guichet::store::products::{ProductTerms, Slug};
use guichet::store::purchases::{ExtensionOutcome, NewExtension, NewPurchase, Upserted};
use guichet::store::{self, StoreError};

use crate::helpers::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

#[test]
fn equal_versions_make_one_release() {
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        let p = seed_product(c, "shop");
        let (_, created) = store::products::add_release(
            c,
            p.id,
            &Version::parse("v3.7.28.0").expect("v"),
            None,
            clock_now(),
        )
        .expect("add");
        assert!(!created, "3.7.28.0 equals the known 3.7.28");
        let (r, created) = store::products::add_release(
            c,
            p.id,
            &Version::parse("3.7.100").expect("v"),
            None,
            clock_now(),
        )
        .expect("add");
        assert!(created);
        assert_eq!(r.version, "3.7.100");
        let versions = store::products::release_versions(c, p.id).expect("list");
        assert_eq!(versions.len(), 6);
        assert_eq!(
            versions.last().map(|v| v.to_string()),
            Some("3.7.100".into()),
            "ordered by version, not text"
        );
    });
}

#[test]
fn purchase_upsert_is_idempotent_and_keyed_by_order_and_product() {
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        seed_product(c, "shop");
        seed_product(c, "other");
        let mut p = NewPurchase {
            order_ref: "A-1".into(),
            email: EmailAddress::parse(" Bob@Example.COM").expect("email"),
            product: "shop".into(),
            purchased_at: date("2026-01-31"),
            tier: Tier::Standard,
        };
        let (row, outcome) = store::purchases::upsert(c, &p, clock_now()).expect("insert");
        assert_eq!(outcome, Upserted::Created);
        assert_eq!(row.email, "bob@example.com");
        assert_eq!(row.support_until, date("2026-03-02"), "30 free days");
        assert_eq!(
            store::purchases::upsert(c, &p, clock_now())
                .expect("again")
                .1,
            Upserted::Unchanged
        );
        p.tier = Tier::Priority;
        assert_eq!(
            store::purchases::upsert(c, &p, clock_now())
                .expect("update")
                .1,
            Upserted::Updated
        );
        p.product = "other".into();
        assert_eq!(
            store::purchases::upsert(c, &p, clock_now())
                .expect("second product")
                .1,
            Upserted::Created
        );
        p.product = "nope".into();
        assert!(matches!(
            store::purchases::upsert(c, &p, clock_now()),
            Err(StoreError::UnknownProduct(_))
        ));
        assert_eq!(store::purchases::count(c).expect("count"), 2);
    });
}

#[test]
fn extensions_apply_once_and_conflicts_are_refused() {
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        seed_product(c, "shop");
        let p = NewPurchase {
            order_ref: "A-2".into(),
            email: EmailAddress::parse("carol@example.com").expect("email"),
            product: "shop".into(),
            purchased_at: date("2026-01-01"),
            tier: Tier::Standard,
        };
        store::purchases::upsert(c, &p, clock_now()).expect("insert");
        let x = NewExtension {
            extension_ref: "EXT-1".into(),
            order_ref: "A-2".into(),
            product: None,
            months: 3,
            bought_at: date("2026-01-15"),
        };
        let (outcome, until) = store::purchases::extend(c, &x, clock_now()).expect("extend");
        assert_eq!(outcome, ExtensionOutcome::Created);
        assert_eq!(
            until,
            date("2026-04-30"),
            "Jan 31 + 3 calendar months is April 30"
        );
        let (outcome, again) = store::purchases::extend(c, &x, clock_now()).expect("same again");
        assert_eq!(outcome, ExtensionOutcome::AlreadyRecorded);
        assert_eq!(again, until);
        let conflicting = NewExtension {
            months: 6,
            ..x.clone()
        };
        assert!(matches!(
            store::purchases::extend(c, &conflicting, clock_now()),
            Err(StoreError::ExtensionConflict(_))
        ));
        // A late extension cannot push support beyond 12 months after purchase.
        let late = NewExtension {
            extension_ref: "EXT-2".into(),
            months: 12,
            bought_at: date("2026-05-01"),
            ..x.clone()
        };
        let (_, capped) = store::purchases::extend(c, &late, clock_now()).expect("extend");
        assert_eq!(capped, date("2027-01-01"));
        let missing = NewExtension {
            order_ref: "NOPE".into(),
            extension_ref: "EXT-3".into(),
            ..x
        };
        assert!(matches!(
            store::purchases::extend(c, &missing, clock_now()),
            Err(StoreError::UnknownPurchase(_))
        ));
    });
}

fn request(email: &str, product: &str, version: &str) -> TicketRequest {
    TicketRequest {
        email: EmailAddress::parse(email).expect("email"),
        name: "Alice".into(),
        product: product.into(),
        version: Version::parse(version).expect("version"),
        subject: "It broke".into(),
        body: "Details".into(),
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
fn eligibility_runs_on_stored_facts_in_design_order() {
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        seed_product(c, "shop");
        seed_product(c, "other");
        seed_purchase(c, "O-1", "alice@example.com", "shop", 5, Tier::Standard);
        seed_purchase(c, "O-2", "old@example.com", "shop", 400, Tier::Standard);
        let now = clock_now();
        let code =
            |req: &TicketRequest, c: &mut guichet::db::DbConn| match intake::check_eligibility(
                c,
                &state.config,
                req,
                now,
            ) {
                Ok(_) => "ok".to_string(),
                Err(IntakeError::Refused(r, _)) => r.code().to_string(),
                Err(e) => panic!("unexpected {e}"),
            };
        assert_eq!(
            code(&request("Alice@Example.COM ", "shop", "3.7.28"), c),
            "ok",
            "emails compare case-insensitively"
        );
        assert_eq!(
            code(&request("nobody@example.com", "shop", "3.7.28"), c),
            "no_purchase"
        );
        assert_eq!(
            code(&request("alice@example.com", "other", "3.7.28"), c),
            "product_not_purchased"
        );
        assert_eq!(
            code(&request("alice@example.com", "ghost", "3.7.28"), c),
            "product_not_purchased"
        );
        assert_eq!(
            code(&request("old@example.com", "shop", "3.7.10"), c),
            "support_expired",
            "first failing rule wins"
        );
        assert_eq!(
            code(&request("alice@example.com", "shop", "3.7.25"), c),
            "version_too_old"
        );
        assert_eq!(
            code(&request("alice@example.com", "shop", "3.7.29"), c),
            "unknown_version"
        );
        assert_eq!(
            code(&request("alice@example.com", "shop", "3.7.26"), c),
            "ok"
        );
    });
}

#[test]
fn submit_writes_ticket_message_token_and_acknowledgment_together() {
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        seed_product(c, "shop");
        seed_purchase(c, "O-1", "alice@example.com", "shop", 5, Tier::Priority);
        let created = intake::submit(
            c,
            state.intake(),
            &request("alice@example.com", "shop", "3.7.27"),
            clock_now(),
        )
        .expect("created");
        assert_eq!(created.ticket.state, TicketState::Queued);
        assert_eq!(
            created.ticket.lane,
            Lane::Priority,
            "priority tier goes to the priority lane"
        );
        assert_eq!(created.position, Some(1));
        assert!(created.portal_url.ends_with(&created.portal_token));
        let token = store::tokens::find_by_hash(c, &guichet::tokens::hash(&created.portal_token))
            .expect("lookup")
            .expect("portal token stored by hash");
        assert_eq!(token.ticket_id, Some(created.ticket.id));
        assert!(
            store::tokens::find_by_hash(c, &created.portal_token)
                .expect("lookup")
                .is_none(),
            "clear token not stored"
        );
        let msgs = store::tickets::messages(c, created.ticket.id, true).expect("messages");
        assert_eq!(msgs.len(), 1);
        assert_eq!(msgs[0].author, guichet::domain::channel::Author::Customer);
        let outbox = store::outbox::for_ticket(c, created.ticket.id).expect("outbox");
        assert_eq!(outbox.len(), 1);
        assert!(
            outbox[0]
                .subject
                .contains(&format!("[#{}]", created.ticket.id)),
            "{}",
            outbox[0].subject
        );
        assert!(outbox[0].auto_submitted);
        assert_eq!(outbox[0].to_addr, "alice@example.com");
        let refused = intake::submit(
            c,
            state.intake(),
            &request("alice@example.com", "shop", "1.0"),
            clock_now(),
        );
        assert!(matches!(
            refused,
            Err(IntakeError::Refused(Refusal::VersionTooOld { .. }, _))
        ));
        assert_eq!(
            store::tickets::count(c).expect("count"),
            1,
            "a refusal stores no ticket"
        );
    });
}

#[test]
fn product_slugs_are_validated_and_unique() {
    each_backend(|db| {
        let state = db.state();
        let c = &mut conn(&state);
        assert!(Slug::parse("Bad Slug").is_err());
        let terms = ProductTerms {
            free_support_days: 30,
            max_support_months: 12,
            releases_back: 2,
        };
        let slug = Slug::parse("good-slug").expect("valid");
        store::products::add(c, &slug, "Good", terms, clock_now()).expect("first");
        assert!(matches!(
            store::products::add(c, &slug, "Again", terms, clock_now()),
            Err(StoreError::ProductExists(_))
        ));
    });
}

#[derive(diesel::QueryableByName)]
struct Pragma {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

fn pragma(c: &mut guichet::db::DbConn, name: &str) -> String {
    use diesel::RunQueryDsl;
    // The table-valued pragma functions name their column after the pragma, but busy_timeout's
    // is `timeout`.
    let column = if name == "busy_timeout" {
        "timeout"
    } else {
        name
    };
    match c {
        guichet::db::DbConn::Sqlite(c) => {
            diesel::sql_query(format!(
                "SELECT CAST({column} AS TEXT) AS value FROM pragma_{name}"
            ))
            .get_result::<Pragma>(c)
            .expect("pragma")
            .value
        }
        guichet::db::DbConn::Pg(_) => panic!("not SQLite"),
    }
}

#[test]
fn sqlite_runs_in_wal_with_foreign_keys_and_the_configured_durability() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let state = db.state();
    let c = &mut conn(&state);
    assert_eq!(pragma(c, "journal_mode"), "wal");
    assert_eq!(pragma(c, "foreign_keys"), "1");
    assert_eq!(pragma(c, "synchronous"), "1", "NORMAL by default");
    assert_ne!(pragma(c, "busy_timeout"), "0");
    let full = db.state_with(&[("sqlite_synchronous", "full")]);
    assert_eq!(
        pragma(&mut conn(&full), "synchronous"),
        "2",
        "FULL when configured"
    );
}
