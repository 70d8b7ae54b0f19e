//! Creating a ticket: the eligibility decision over stored facts, then one transaction that
//! writes the ticket, its first message, its portal token and the acknowledgment mail.
//! The web form, the API and (later) the mail channel all come through [`submit`].

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::db::DbConn;
use crate::domain::eligibility::{self, ProductFacts, PurchaseFacts, Refusal, Tier};
use crate::domain::email::EmailAddress;
use crate::domain::lifecycle::TicketState;
use crate::domain::queue::{self, WaitEstimate};
use crate::domain::version::Version;
use crate::i18n::{self, Lang};
use crate::keys::Keys;
use crate::mail::ids;
use crate::store::tickets::{Channel, NewTicket, OutboxMail};
use crate::store::{self, StoreError, models::Ticket};
use crate::tokens;

/// A ticket request, already validated and parsed at the edge.
#[derive(Debug, Clone)]
pub struct TicketRequest {
    pub email: EmailAddress,
    pub name: String,
    pub product: String,
    pub version: Version,
    pub subject: String,
    pub body: String,
    pub store_url: Option<String>,
    pub admin_url: Option<String>,
    pub platform_version: Option<String>,
    pub order_ref: Option<String>,
    pub lang: Lang,
    pub channel: Channel,
    /// The closed ticket this one follows, when a reply to it opened a new one.
    pub parent_id: Option<i64>,
}

/// A created ticket and what the customer is told.
#[derive(Debug, Clone)]
pub struct Created {
    pub ticket: Ticket,
    /// The portal token in clear: shown once, in the portal URL; only its hash is stored.
    pub portal_token: String,
    pub portal_url: String,
    pub position: Option<u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("refused: {}", .0.code())]
    Refused(Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
}

impl From<getrandom::Error> for IntakeError {
    fn from(e: getrandom::Error) -> Self {
        IntakeError::Random(e.to_string())
    }
}

/// Runs the support policy for `req` at time `now`, returning the lane or the first failing rule.
pub fn check_eligibility(
    conn: &mut DbConn,
    config: &Config,
    req: &TicketRequest,
    now: DateTime<Utc>,
) -> Result<(queue::Lane, i64), IntakeError> {
    let purchases: Vec<PurchaseFacts> = store::purchases::for_email(conn, &req.email)?
        .into_iter()
        .map(|p| PurchaseFacts {
            product_id: p.product_id,
            tier: Tier::parse(&p.tier).unwrap_or(Tier::Standard),
            support_until: p.support_until,
        })
        .collect();
    let product = match store::products::find(conn, &req.product)? {
        Some(p) => Some(ProductFacts {
            id: p.id,
            releases: store::products::release_versions(conn, p.id)?,
            releases_back: u32::try_from(p.releases_back).unwrap_or(0),
        }),
        None => None,
    };
    let today = config.business_hours.local_date(now);
    let lane = eligibility::decide(&purchases, product.as_ref(), &req.version, today)
        .map_err(IntakeError::Refused)?;
    // decide() only accepts when the product exists.
    let product_id = product
        .map(|p| p.id)
        .ok_or(IntakeError::Refused(Refusal::ProductNotPurchased))?;
    Ok((lane, product_id))
}

/// Creates the ticket if the customer is eligible.
pub fn submit(
    conn: &mut DbConn,
    config: &Config,
    keys: &Keys,
    req: &TicketRequest,
    now: DateTime<Utc>,
) -> Result<Created, IntakeError> {
    let (lane, product_id) = check_eligibility(conn, config, req, now)?;
    let (portal_token, portal_hash) = tokens::generate()?;
    let portal_url = format!("{}/t/{}", config.public_url, portal_token);
    let new = NewTicket {
        product_id: Some(product_id),
        email: req.email.as_str().to_string(),
        name: req.name.clone(),
        version: Some(req.version.to_string()),
        subject: req.subject.clone(),
        body: req.body.clone(),
        state: TicketState::Queued,
        lane,
        lang: req.lang.as_str().to_string(),
        channel: req.channel,
        order_ref: req.order_ref.clone(),
        store_url: req.store_url.clone(),
        admin_url: req.admin_url.clone(),
        platform_version: req.platform_version.clone(),
        refusal_code: None,
        parent_id: req.parent_id,
    };
    let host = ids::host_of(&config.public_url);
    let nonce = ids::Nonce::new()?;
    let ticket = store::tickets::create(conn, &new, &portal_hash, now, |t| {
        let id = ids::message_id(keys, t.id, &nonce, &host);
        vec![acknowledgment(t, req.lang, &portal_url, id)]
    })?;
    let position = store::queue::position(conn, &ticket)?;
    Ok(Created {
        ticket,
        portal_token,
        portal_url,
        position,
    })
}

/// The estimated wait at `position`: first responses over the last business days against the
/// business hours in that period. Kept out of [`submit`], since the API does not answer with
/// it: only the pages that show it pay for its query.
pub fn estimated_wait(
    conn: &mut DbConn,
    config: &Config,
    position: u32,
    now: DateTime<Utc>,
) -> Result<WaitEstimate, StoreError> {
    let since = config
        .business_hours
        .start_of_period(now, queue::ESTIMATE_PERIOD_BUSINESS_DAYS);
    let responses = store::tickets::first_responses_since(conn, since)?;
    let hours = config.business_hours.between(since, now).num_seconds() as f64 / 3600.0;
    Ok(queue::estimate_wait(position, responses, hours))
}

/// The text of an estimated wait in the customer's language.
pub fn wait_text(lang: Lang, wait: &WaitEstimate) -> String {
    match wait {
        WaitEstimate::Hours(h) => i18n::text(lang, "wait-hours", &[("hours", h.to_string())]),
        WaitEstimate::NotEnoughData => i18n::text(lang, "wait-unknown", &[]),
    }
}

fn acknowledgment(t: &Ticket, lang: Lang, portal_url: &str, message_id: String) -> OutboxMail {
    let args = [
        ("number", t.id.to_string()),
        ("subject", t.subject.clone()),
        ("name", t.name.clone()),
        ("portal_url", portal_url.to_string()),
    ];
    OutboxMail {
        kind: "acknowledgment",
        to: t.email.clone(),
        lang: lang.as_str().to_string(),
        subject: i18n::text(lang, "mail-ack-subject", &args),
        body: i18n::text(lang, "mail-ack-body", &args),
        message_id,
        in_reply_to: None,
        auto_submitted: true,
    }
}
