//! The one entry point for every channel (web form, API, mail): a new ticket goes through
//! [`submit`] (the eligibility decision over stored facts, then one transaction that writes the
//! ticket, its first message, its portal token and the acknowledgment mail), and a customer
//! message goes through [`customer_message`], which applies the lifecycle rule and, on a ticket
//! that is over, opens a new linked one. Both count what they did in the metrics, so no channel
//! can forget to.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::clock::Clock;
use crate::config::Config;
use crate::db::DbConn;
use crate::db::group::GroupCommit;
use crate::domain::channel::Channel;
use crate::domain::eligibility::{self, ProductFacts, PurchaseFacts, Refusal};
use crate::domain::email::EmailAddress;
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::TicketState;
use crate::domain::queue::{self, WaitEstimate};
use crate::domain::version::Version;
use crate::i18n::{self, Lang, Msg};
use crate::keys::Keys;
use crate::mail::{ids, outbound};
use crate::metrics::Metrics;
use crate::store::attachments::NewAttachment;
use crate::store::tickets::{NewTicket, OutboxMail, ReplyOutcome};
use crate::store::{self, StoreError, models::Ticket};
use crate::tokens::PortalToken;
use crate::vault::{self, SiteCredentials};

/// What intake needs of the application (see `AppState::intake`).
#[derive(Debug, Clone, Copy)]
pub struct Desk<'a> {
    pub config: &'a Config,
    pub keys: &'a Arc<Keys>,
    pub metrics: &'a Metrics,
    pub writes: &'a GroupCommit,
    /// Read again inside the grouped write: see `create`.
    pub clock: &'a Arc<dyn Clock>,
}

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
    pub parent_id: Option<TicketId>,
    /// Site credentials given with consent (web form only); sealed in the ticket's
    /// transaction, never stored in clear. `Debug` shows no value.
    pub credentials: Option<SiteCredentials>,
    /// Files given with the first message (web form only), already moved into place by
    /// content hash; their rows are written in the ticket's transaction. A file in place whose
    /// transaction then fails is a harmless orphan (`crate::attachments`).
    pub attachments: Vec<NewAttachment>,
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
    /// A support-policy rule failed; the refusal is told in the request's language.
    #[error("refused: {}", .0.code())]
    Refused(Refusal, Lang),
    /// A message on a closed ticket whose stored version no longer parses: the new ticket
    /// cannot be checked, so the customer is asked for the version (`invalid_version`).
    #[error("the earlier ticket has no readable version")]
    NoVersion(Lang),
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
            tier: p.tier,
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
    let refused = |r| IntakeError::Refused(r, req.lang);
    let lane =
        eligibility::decide(&purchases, product.as_ref(), &req.version, today).map_err(refused)?;
    // decide() only accepts when the product exists.
    let product_id = product
        .map(|p| p.id)
        .ok_or(refused(Refusal::ProductNotPurchased))?;
    Ok((lane, product_id))
}

/// Creates the ticket if the customer is eligible, and counts the outcome: a created ticket per
/// channel, a refusal per code.
pub fn submit(
    conn: &mut DbConn,
    desk: Desk<'_>,
    req: &TicketRequest,
    now: DateTime<Utc>,
) -> Result<Created, IntakeError> {
    let result = create(conn, desk, req, now);
    match &result {
        Ok(_) => desk.metrics.ticket_created(req.channel),
        Err(IntakeError::Refused(r, _)) => desk.metrics.refusal(r.code()),
        Err(_) => {}
    }
    result
}

/// Checks eligibility, then writes the ticket, its first message and its acknowledgment in a
/// grouped commit (`db::group`): the reads and the token generation run here, on the caller's
/// thread and outside the write lock, and only the inserts join the group.
fn create(
    conn: &mut DbConn,
    desk: Desk<'_>,
    req: &TicketRequest,
    now: DateTime<Utc>,
) -> Result<Created, IntakeError> {
    let (lane, product_id) = check_eligibility(conn, desk.config, req, now)?;
    let config = desk.config;
    let portal = PortalToken::generate(desk.keys)?;
    let portal_url = outbound::portal_url(&config.public_url, &portal.token);
    let new = NewTicket {
        product_id: Some(product_id),
        email: req.email.as_str().to_string(),
        name: req.name.clone(),
        version: Some(req.version.to_string()),
        subject: req.subject.clone(),
        body: req.body.clone(),
        state: TicketState::Queued,
        lane,
        lang: req.lang,
        channel: req.channel,
        order_ref: req.order_ref.clone(),
        store_url: req.store_url.clone(),
        admin_url: req.admin_url.clone(),
        platform_version: req.platform_version.clone(),
        refusal_code: None,
        parent_id: req.parent_id,
        attachments: req.attachments.clone(),
    };
    let host = ids::host_of(&config.public_url);
    let nonce = ids::Nonce::new()?;
    let credentials = req.credentials.clone().filter(|c| !c.is_empty());
    let keys = Arc::clone(desk.keys);
    let lang = req.lang;
    let (portal_hash, portal_seed) = (portal.hash, portal.seed);
    let clock = Arc::clone(desk.clock);
    let ticket = desk.writes.write(conn, move |c| {
        // A ticket takes its place in the queue when it is written, not when its request was
        // read: a request read earlier but grouped later must not land ahead of tickets already
        // answered with their position. Never earlier than the time the caller gave.
        let at = now.max(clock.now());
        store::tickets::create(
            c,
            &new,
            &portal_hash,
            &portal_seed,
            at,
            |t| {
                let id = ids::message_id(&keys, t.id, &nonce, &host);
                vec![acknowledgment(t, lang, id)]
            },
            // The ticket id is the associated data, so sealing waits for the id.
            |id| {
                credentials
                    .as_ref()
                    .map(|c| vault::seal(&keys.credentials, id, c))
                    .transpose()
            },
        )
    })?;
    let position = store::queue::position(conn, &ticket)?;
    Ok(Created {
        ticket,
        portal_token: portal.token,
        portal_url,
        position,
    })
}

/// What a customer message did.
#[derive(Debug, Clone)]
pub enum MessageOutcome {
    /// The message joined its ticket, now in this state.
    Joined(Ticket),
    /// The ticket was over (closed, or resolved past its window): a new ticket linked to it was
    /// opened, with eligibility checked again.
    FollowUp(Created),
}

impl MessageOutcome {
    /// The ticket the customer now follows.
    pub fn ticket(&self) -> &Ticket {
        match self {
            MessageOutcome::Joined(t) => t,
            MessageOutcome::FollowUp(created) => &created.ticket,
        }
    }
}

/// A customer message on ticket `number`: the lifecycle rule for it, in one transaction; on a
/// ticket that is over, a new linked ticket through [`submit`].
pub fn customer_message(
    conn: &mut DbConn,
    desk: Desk<'_>,
    number: TicketId,
    text: &str,
    files: &[NewAttachment],
    channel: Channel,
    now: DateTime<Utc>,
) -> Result<MessageOutcome, IntakeError> {
    let lifecycle = &desk.config.lifecycle;
    match store::tickets::customer_reply(conn, number, text, files, channel, now, lifecycle)? {
        ReplyOutcome::Joined(t) => Ok(MessageOutcome::Joined(t)),
        ReplyOutcome::TicketOver(old) => {
            let mut req = follow_up_request(conn, old, text, channel)?;
            // The files go with the message, into the ticket it opens.
            req.attachments = files.to_vec();
            Ok(MessageOutcome::FollowUp(submit(conn, desk, &req, now)?))
        }
    }
}

/// The customer says the issue is solved (the portal's button today; a mail command could
/// follow). It goes through intake, like [`customer_message`], so every customer action of every
/// channel has one entry point; it writes no message and opens no ticket, so it is the store's
/// one transaction and nothing more. Returns the ticket and whether it changed.
pub fn customer_resolved(
    conn: &mut DbConn,
    number: TicketId,
    now: DateTime<Utc>,
) -> Result<(Ticket, bool), IntakeError> {
    Ok(store::tickets::customer_resolve(conn, number, now)?)
}

/// The request for the ticket that follows `old`: the same customer, product and version, with
/// the new message as its description.
fn follow_up_request(
    conn: &mut DbConn,
    old: Ticket,
    text: &str,
    channel: Channel,
) -> Result<TicketRequest, IntakeError> {
    let lang = old.lang;
    let product = match old.product_id {
        Some(id) => store::products::by_id(conn, id)?.slug,
        None => String::new(),
    };
    let version = old
        .version
        .as_deref()
        .and_then(|v| Version::parse(v).ok())
        .ok_or(IntakeError::NoVersion(lang))?;
    // The address was parsed when the ticket was created; failing here means a hand-edited row.
    let email = EmailAddress::parse(&old.email).map_err(|_| {
        StoreError::Corrupt(format!(
            "ticket {}: the customer address does not parse",
            old.id
        ))
    })?;
    Ok(TicketRequest {
        email,
        name: old.name,
        product,
        version,
        subject: old.subject,
        body: text.to_string(),
        store_url: old.store_url,
        admin_url: old.admin_url,
        platform_version: old.platform_version,
        order_ref: old.order_ref,
        lang,
        channel,
        parent_id: Some(old.id),
        // Credentials belong to the ticket they were given with, which is over.
        credentials: None,
        attachments: Vec::new(),
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
        WaitEstimate::Hours(h) => i18n::text(lang, Msg::WaitHours, &[("hours", h.to_string())]),
        WaitEstimate::NotEnoughData => i18n::text(lang, Msg::WaitUnknown, &[]),
    }
}

/// The acknowledgment mail.
fn acknowledgment(t: &Ticket, lang: Lang, message_id: String) -> OutboxMail {
    portal_mail(
        t,
        lang,
        message_id,
        "acknowledgment",
        Msg::MailAckSubject,
        Msg::MailAckBody,
    )
}

/// An automatic mail about ticket `t` that links to its portal. The link is a placeholder:
/// the token is derived again when the mail is sent, so the stored row cannot open the portal.
fn portal_mail(
    t: &Ticket,
    lang: Lang,
    message_id: String,
    kind: &'static str,
    subject: Msg,
    body: Msg,
) -> OutboxMail {
    let args = [
        ("number", t.id.to_string()),
        ("subject", t.subject.clone()),
        ("name", t.name.clone()),
        ("portal_url", outbound::PORTAL_LINK.to_string()),
    ];
    OutboxMail {
        kind,
        to: t.email.clone(),
        lang,
        subject: i18n::text(lang, subject, &args),
        body: i18n::text(lang, body, &args),
        message_id,
        in_reply_to: None,
        auto_submitted: true,
    }
}

mod needs_info;
pub use needs_info::{Completed, NeedsInfoRequest, complete_needs_info, submit_needs_info};
