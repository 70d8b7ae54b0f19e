//! A mailed request from a buyer whose product or version could not be read: the ticket waits
//! in `needs_info`, outside the queue, and the customer gets a link to the page that asks for
//! them and then runs the eligibility checks.

use chrono::{DateTime, Utc};

use super::{Created, Desk, IntakeError};
use crate::db::DbConn;
use crate::domain::channel::Channel;
use crate::domain::eligibility::Refusal;
use crate::domain::email::EmailAddress;
use crate::domain::lifecycle::TicketState;
use crate::domain::queue::Lane;
use crate::i18n::{Lang, Msg};
use crate::mail::{ids, outbound};
use crate::store::tickets::{NewTicket, OutboxMail};
use crate::store::{self, models::Ticket};
use crate::tokens::PortalToken;

#[derive(Debug, Clone)]
pub struct NeedsInfoRequest {
    pub email: EmailAddress,
    pub name: String,
    /// The product, when it could be read but the version could not.
    pub product_id: Option<i64>,
    pub subject: String,
    pub body: String,
    pub lang: Lang,
    pub channel: Channel,
    /// Files of the mail, already in place by content hash.
    pub attachments: Vec<crate::store::attachments::NewAttachment>,
}

pub fn submit_needs_info(
    conn: &mut DbConn,
    desk: Desk<'_>,
    req: &NeedsInfoRequest,
    now: DateTime<Utc>,
) -> Result<Created, IntakeError> {
    let portal = PortalToken::generate(desk.keys)?;
    let portal_url = outbound::portal_url(&desk.config.public_url, &portal.token);
    let new = NewTicket {
        product_id: req.product_id,
        email: req.email.as_str().to_string(),
        name: req.name.clone(),
        version: None,
        subject: req.subject.clone(),
        body: req.body.clone(),
        state: TicketState::NeedsInfo,
        // The lane is decided with the eligibility checks, when the page is completed.
        lane: Lane::Standard,
        lang: req.lang,
        channel: req.channel,
        order_ref: None,
        store_url: None,
        admin_url: None,
        platform_version: None,
        refusal_code: None,
        parent_id: None,
        attachments: req.attachments.clone(),
    };
    let host = ids::host_of(&desk.config.public_url);
    let nonce = ids::Nonce::new()?;
    let ticket = store::tickets::create(
        conn,
        &new,
        &portal.hash,
        &portal.seed,
        now,
        |t| {
            let id = ids::message_id(desk.keys, t.id, &nonce, &host);
            vec![ask_for_details(t, req.lang, id)]
        },
        |_| Ok(None),
    )?;
    desk.metrics.ticket_created(req.channel);
    Ok(Created {
        ticket,
        portal_token: portal.token,
        portal_url,
        position: None,
    })
}

/// The mail with the completion page's link.
fn ask_for_details(t: &Ticket, lang: Lang, message_id: String) -> OutboxMail {
    super::portal_mail(
        t,
        lang,
        message_id,
        "needs_info",
        Msg::MailNeedsInfoSubject,
        Msg::MailNeedsInfoBody,
    )
}

/// What the completion page gives: the product (one the customer bought) and the version.
#[derive(Debug, Clone)]
pub struct Completed {
    pub ticket: Ticket,
    /// Whether this call changed the ticket (a second submit does not).
    pub changed: bool,
}

/// Runs the eligibility checks for a `needs_info` ticket now that the customer named its
/// product and version: eligible → `queued` with `queued_at` = now; refused → `closed` with the
/// code, and the refusal is returned so the page can say why.
pub fn complete_needs_info(
    conn: &mut DbConn,
    desk: Desk<'_>,
    ticket: &Ticket,
    product: &str,
    version: &crate::domain::version::Version,
    now: DateTime<Utc>,
) -> Result<Completed, IntakeError> {
    use crate::store::needs_info::{Completion, complete};
    let email = EmailAddress::parse(&ticket.email).map_err(|_| {
        crate::store::StoreError::Corrupt(format!(
            "ticket {}: the customer address does not parse",
            ticket.id
        ))
    })?;
    let req = super::TicketRequest {
        email,
        name: ticket.name.clone(),
        product: product.to_string(),
        version: version.clone(),
        subject: ticket.subject.clone(),
        body: String::new(),
        store_url: None,
        admin_url: None,
        platform_version: None,
        order_ref: None,
        lang: ticket.lang,
        channel: ticket.channel,
        parent_id: None,
        credentials: None,
        attachments: Vec::new(),
    };
    let stored_version = version.to_string();
    match super::check_eligibility(conn, desk.config, &req, now) {
        Ok((lane, product_id)) => {
            let done = complete(
                conn,
                ticket.id,
                product_id,
                &stored_version,
                Completion::Queue(lane),
                now,
            )?;
            Ok(Completed {
                changed: done.is_some(),
                ticket: done.unwrap_or_else(|| ticket.clone()),
            })
        }
        Err(IntakeError::Refused(refusal, lang)) => {
            desk.metrics.refusal(refusal.code());
            // An unknown version or a product not bought is most likely a slip of the typing
            // hand: the ticket keeps waiting and the page asks again. An expired support
            // window or a version too old are facts a second try cannot change: closed.
            let definitive = matches!(
                refusal,
                Refusal::SupportExpired { .. } | Refusal::VersionTooOld { .. }
            );
            if !definitive {
                return Err(IntakeError::Refused(refusal, lang));
            }
            if let Some(p) = store::products::find(conn, product)? {
                complete(
                    conn,
                    ticket.id,
                    p.id,
                    &stored_version,
                    Completion::Close(refusal.code()),
                    now,
                )?;
            }
            Err(IntakeError::Refused(refusal, lang))
        }
        Err(e) => Err(e),
    }
}
