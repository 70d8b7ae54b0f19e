//! A mailed request from a buyer whose product or version could not be read: the ticket waits
//! in `needs_info`, outside the queue, and the customer gets a link to the page that asks for
//! them and then runs the eligibility checks.

use chrono::{DateTime, Utc};

use super::{Created, Desk, IntakeError};
use crate::db::DbConn;
use crate::domain::channel::Channel;
use crate::domain::email::EmailAddress;
use crate::domain::lifecycle::TicketState;
use crate::domain::queue::Lane;
use crate::i18n::{self, Lang, Msg};
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
        attachments: Vec::new(),
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

/// The mail with the completion page's link (a placeholder, as in every stored mail).
fn ask_for_details(t: &Ticket, lang: Lang, message_id: String) -> OutboxMail {
    let args = [
        ("number", t.id.to_string()),
        ("subject", t.subject.clone()),
        ("name", t.name.clone()),
        ("portal_url", outbound::PORTAL_LINK.to_string()),
    ];
    OutboxMail {
        kind: "needs_info",
        to: t.email.clone(),
        lang,
        subject: i18n::text(lang, Msg::MailNeedsInfoSubject, &args),
        body: i18n::text(lang, Msg::MailNeedsInfoBody, &args),
        message_id,
        in_reply_to: None,
        auto_submitted: true,
    }
}
