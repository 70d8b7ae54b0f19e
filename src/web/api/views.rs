//! What the API shows of a ticket, and to whom. An agent sees everything the desk keeps about
//! the request; the customer (a portal token) sees their own request and the visible thread,
//! never internal notes and never who on the desk holds it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbConn;
use crate::domain::ids::TicketId;
use crate::store::{self, models::Ticket};
use crate::tokens::Scope;
use crate::web::error::WebError;

/// Who a view is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Agent,
    Customer,
}

impl Audience {
    pub fn of(scope: Scope) -> Audience {
        if scope == Scope::Agent {
            Audience::Agent
        } else {
            Audience::Customer
        }
    }
}

/// A ticket as `GET /api/v1/tickets/{number}` shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketView {
    pub number: i64,
    /// `needs_info`, `queued`, `assigned`, `waiting_customer`, `resolved` or `closed`.
    pub state: String,
    /// `priority` or `standard`.
    pub lane: String,
    /// Null when the ticket is not in the queue.
    pub position: Option<u32>,
    pub queued_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub subject: String,
    /// The customer's name and address.
    pub name: String,
    pub email: String,
    /// `fr` or `en`: the language of the customer's mails and pages.
    pub lang: String,
    /// Product slug.
    pub product: Option<String>,
    pub version: Option<String>,
    pub platform_version: Option<String>,
    pub order_ref: Option<String>,
    pub store_url: Option<String>,
    pub admin_url: Option<String>,
    /// The assigned agent's email; always null for the customer.
    pub assignee: Option<String>,
    /// The closed ticket this one follows, if a reply to it opened this one.
    pub follows: Option<i64>,
    pub messages: Vec<MessageView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageView {
    /// `customer`, `agent` or `system`.
    pub author: String,
    /// The visible text, quoted history stripped.
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// Internal notes are shown to agents only.
    pub internal: bool,
}

/// Builds the view of `t` for `audience`.
pub fn view(c: &mut DbConn, t: Ticket, audience: Audience) -> Result<TicketView, WebError> {
    let agent = audience == Audience::Agent;
    let position = store::queue::position(c, &t)?;
    let product = match t.product_id {
        Some(id) => Some(store::products::by_id(c, id)?.slug),
        None => None,
    };
    let assignee = match t.assignee_id {
        Some(id) if agent => store::agents::by_id(c, id)?.map(|a| a.email),
        _ => None,
    };
    let messages = store::tickets::messages(c, t.id, agent)?
        .into_iter()
        .map(|m| MessageView {
            author: m.author.as_str().to_string(),
            body: m.body,
            created_at: m.created_at.and_utc(),
            internal: m.internal,
        })
        .collect();
    Ok(TicketView {
        number: t.id.get(),
        state: t.state.as_str().to_string(),
        lane: t.lane.as_str().to_string(),
        position,
        queued_at: t.queued_at.and_utc(),
        created_at: t.created_at.and_utc(),
        subject: t.subject,
        name: t.name,
        email: t.email,
        lang: t.lang.as_str().to_string(),
        product,
        version: t.version,
        platform_version: t.platform_version,
        order_ref: t.order_ref,
        store_url: t.store_url,
        admin_url: t.admin_url,
        assignee,
        follows: t.parent_id.map(TicketId::get),
        messages,
    })
}
