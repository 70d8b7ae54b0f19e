//! `guichet serve --demo`: sample data for a first look, written only into an empty database.

use chrono::{Duration, Utc};

use crate::app::AppState;
use crate::cli::CliError;
use crate::db::DbConn;
use crate::domain::channel::Channel;
use crate::domain::eligibility::Tier;
use crate::domain::email::EmailAddress;
use crate::domain::version::Version;
use crate::i18n::Lang;
use crate::intake::{self, IntakeError, TicketRequest};
use crate::store::products::{ProductTerms, Slug};
use crate::store::purchases::NewPurchase;
use crate::store::{self, StoreError};
use crate::tokens::{self, Scope};

pub const DEMO_AGENT: &str = "agent@demo.guichet.test";

struct DemoProduct {
    slug: &'static str,
    name: &'static str,
    releases: &'static [&'static str],
}

const PRODUCTS: &[DemoProduct] = &[
    DemoProduct {
        slug: "pdf-invoices",
        name: "PDF Invoices for WooCommerce",
        releases: &["3.7.24", "3.7.25", "3.7.26", "3.7.27", "3.7.28"],
    },
    DemoProduct {
        slug: "faceted-search",
        name: "Faceted Search for PrestaShop",
        releases: &["1.7.8.8", "1.7.8.9", "1.7.8.10"],
    },
];

/// (order, email, product, days ago, tier)
const PURCHASES: &[(&str, &str, &str, i64, Tier)] = &[
    (
        "WC-1001",
        "alice@example.com",
        "pdf-invoices",
        10,
        Tier::Standard,
    ),
    (
        "WC-1002",
        "bruno@example.fr",
        "pdf-invoices",
        5,
        Tier::Priority,
    ),
    (
        "WC-0917",
        "carol@example.com",
        "pdf-invoices",
        400,
        Tier::Standard,
    ),
    (
        "PS-2001",
        "dora@example.org",
        "faceted-search",
        3,
        Tier::Standard,
    ),
];

/// (email, name, product, version, subject, body, lang)
const TICKETS: &[(&str, &str, &str, &str, &str, &str, Lang)] = &[
    (
        "alice@example.com",
        "Alice Martin",
        "pdf-invoices",
        "3.7.28",
        "Invoice numbers restart at 1",
        "Since the update to 3.7.28 the invoice counter went back to 1. Steps: update, create an order, open the invoice.",
        Lang::En,
    ),
    (
        "bruno@example.fr",
        "Bruno Petit",
        "pdf-invoices",
        "3.7.27",
        "Logo absent du PDF",
        "Le logo de la boutique n’apparaît plus sur les factures depuis hier. Aucun message d’erreur.",
        Lang::Fr,
    ),
    (
        "dora@example.org",
        "Dora Keller",
        "faceted-search",
        "1.7.8.10",
        "Price filter ignores tax",
        "The price slider filters on prices without tax while the shop displays prices with tax.",
        Lang::En,
    ),
];

fn demo_err(e: impl std::fmt::Display) -> CliError {
    CliError(format!("demo data: {e}"))
}

/// Seeds the demo data unless the database already has products or agents.
pub fn seed_if_empty(conn: &mut DbConn, state: &AppState) -> Result<(), CliError> {
    if store::agents::count(conn)? > 0 || store::products::find(conn, PRODUCTS[0].slug)?.is_some() {
        println!("demo: the database already has data; nothing seeded");
        return Ok(());
    }
    let tz = state.config.business_hours.tz;
    let today = Utc::now().with_timezone(&tz).date_naive();
    for p in PRODUCTS {
        let slug = Slug::parse(p.slug).map_err(demo_err)?;
        let terms = ProductTerms {
            free_support_days: state.config.free_support_days,
            max_support_months: state.config.max_support_months,
            releases_back: state.config.releases_back,
        };
        let product = store::products::add(conn, &slug, p.name, terms)?;
        for v in p.releases {
            let version = Version::parse(v).map_err(demo_err)?;
            store::products::add_release(conn, product.id, &version, None)?;
        }
    }
    for (order, email, product, days_ago, tier) in PURCHASES {
        let purchase = NewPurchase {
            order_ref: order.to_string(),
            email: EmailAddress::parse(email).map_err(demo_err)?,
            product: product.to_string(),
            purchased_at: today - Duration::days(*days_ago),
            tier: *tier,
        };
        store::purchases::upsert(conn, &purchase)?;
    }
    let mut first_portal = None;
    for (email, name, product, version, subject, body, lang) in TICKETS {
        let req = TicketRequest {
            email: EmailAddress::parse(email).map_err(demo_err)?,
            name: name.to_string(),
            product: product.to_string(),
            version: Version::parse(version).map_err(demo_err)?,
            subject: subject.to_string(),
            body: body.to_string(),
            store_url: Some("https://shop.example.com".into()),
            admin_url: Some("https://shop.example.com/wp-admin".into()),
            platform_version: None,
            order_ref: None,
            lang: *lang,
            channel: Channel::Demo,
            parent_id: None,
        };
        match intake::submit(conn, state.intake(), &req, state.now()) {
            Ok(created) => {
                first_portal.get_or_insert(created.portal_url);
            }
            Err(IntakeError::Store(e)) => return Err(e.into()),
            Err(e) => return Err(demo_err(e)),
        }
    }
    let password = tokens::generate()?.0[..20].to_string();
    let hash = crate::password::hash(&password)?;
    let email = EmailAddress::parse(DEMO_AGENT).map_err(demo_err)?;
    let agent = match store::agents::add(conn, &email, "Demo Agent", &hash, true) {
        Ok(a) => a,
        Err(StoreError::AgentExists) => return Err(demo_err("the demo agent exists already")),
        Err(e) => return Err(e.into()),
    };
    let (api_token, api_hash) = tokens::generate()?;
    store::tokens::insert(
        conn,
        "demo agent",
        &api_hash,
        Scope::Agent,
        Some(agent.id),
        None,
    )?;
    println!(
        "demo: seeded {} products, {} purchases, {} tickets",
        PRODUCTS.len(),
        PURCHASES.len(),
        TICKETS.len()
    );
    println!("demo: agent login  {DEMO_AGENT}");
    println!("demo: password     {password}");
    println!("demo: agent API token {api_token}");
    if let Some(url) = first_portal {
        println!("demo: a customer portal  {url}");
    }
    Ok(())
}
