//! `guichet serve --demo`: sample data for a first look, written only into an empty database.

use chrono::Duration;

use crate::app::AppState;
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

/// Why the demo data could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A built-in sample that does not pass its own checks (a bug in this file).
    #[error("demo data: {0}")]
    Data(String),
    #[error("demo data: the demo agent exists already")]
    AgentExists,
    #[error("demo data: {0}")]
    Password(#[from] crate::password::PasswordError),
    #[error("demo data: no random numbers from the operating system: {0}")]
    Random(String),
}

impl From<getrandom::Error> for DemoError {
    fn from(e: getrandom::Error) -> Self {
        DemoError::Random(e.to_string())
    }
}

fn demo_err(e: impl std::fmt::Display) -> DemoError {
    DemoError::Data(e.to_string())
}

/// What `seed_if_empty` did.
#[derive(Debug)]
pub enum Seeded {
    /// The database already had products or agents; nothing was written.
    AlreadyHadData,
    Demo(DemoData),
}

/// What the demo wrote, for the user to try it with.
#[derive(Debug)]
pub struct DemoData {
    /// (slug, name, releases lowest first)
    pub products: Vec<(&'static str, &'static str, &'static [&'static str])>,
    /// (order, email, product, tier, support until)
    pub purchases: Vec<(
        &'static str,
        &'static str,
        &'static str,
        Tier,
        chrono::NaiveDate,
    )>,
    /// (ticket number, email, subject)
    pub tickets: Vec<(crate::domain::ids::TicketId, &'static str, &'static str)>,
    pub agent_email: &'static str,
    pub agent_password: String,
    pub agent_token: String,
    pub portal_url: Option<String>,
}

/// Seeds the demo data unless the database already has products or agents.
pub fn seed_if_empty(conn: &mut DbConn, state: &AppState) -> Result<Seeded, DemoError> {
    if store::agents::count(conn)? > 0 || !store::products::list(conn)?.is_empty() {
        return Ok(Seeded::AlreadyHadData);
    }
    let tz = state.config.business_hours.tz;
    let today = state.now().with_timezone(&tz).date_naive();
    for p in PRODUCTS {
        let slug = Slug::parse(p.slug).map_err(demo_err)?;
        let terms = ProductTerms {
            free_support_days: state.config.free_support_days,
            max_support_months: state.config.max_support_months,
            releases_back: state.config.releases_back,
        };
        let product = store::products::add(conn, &slug, p.name, terms, state.now())?;
        for v in p.releases {
            let version = Version::parse(v).map_err(demo_err)?;
            store::products::add_release(conn, product.id, &version, None, state.now())?;
        }
    }
    let mut purchases = Vec::new();
    for (order, email, product, days_ago, tier) in PURCHASES {
        let purchase = NewPurchase {
            order_ref: order.to_string(),
            email: EmailAddress::parse(email).map_err(demo_err)?,
            product: product.to_string(),
            purchased_at: today - Duration::days(*days_ago),
            tier: *tier,
        };
        let (row, _) = store::purchases::upsert(conn, &purchase, state.now())?;
        purchases.push((*order, *email, *product, *tier, row.support_until));
    }
    let mut portal_url = None;
    let mut tickets = Vec::new();
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
            credentials: None,
            attachments: Vec::new(),
        };
        match intake::submit(conn, state.intake(), &req, state.now()) {
            Ok(created) => {
                tickets.push((created.ticket.id, *email, *subject));
                portal_url.get_or_insert(created.portal_url);
            }
            Err(IntakeError::Store(e)) => return Err(e.into()),
            Err(e) => return Err(demo_err(e)),
        }
    }
    let agent_password = tokens::generate()?.0[..20].to_string();
    let hash = crate::password::hash(&agent_password)?;
    let email = EmailAddress::parse(DEMO_AGENT).map_err(demo_err)?;
    let agent = match store::agents::add(conn, &email, "Demo Agent", &hash, true, state.now()) {
        Ok(a) => a,
        Err(StoreError::AgentExists) => return Err(DemoError::AgentExists),
        Err(e) => return Err(e.into()),
    };
    let (agent_token, api_hash) = tokens::generate()?;
    store::tokens::insert(
        conn,
        "demo agent",
        &api_hash,
        Scope::Agent,
        Some(agent.id),
        None,
        state.now(),
    )?;
    Ok(Seeded::Demo(DemoData {
        products: PRODUCTS
            .iter()
            .map(|p| (p.slug, p.name, p.releases))
            .collect(),
        purchases,
        tickets,
        agent_email: DEMO_AGENT,
        agent_password,
        agent_token,
        portal_url,
    }))
}
