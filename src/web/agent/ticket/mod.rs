//! `GET /agent/tickets/{number}`: the ticket as an agent works it. The thread shows customer
//! messages, agent replies and internal notes apart; beside it the customer's purchases with
//! their support windows, the eligibility verdict at intake and the linked tickets. The forms
//! (reply, internal note, state) post to the routes of [`super::ticket_actions`].
//!
//! The page is split along what each part holds: this module reads the ticket ([`load`]) and
//! answers the page and its attachments; [`view`] builds the view model from what was read;
//! [`forms`] holds the forms and the boxes kept after a refused post; [`credentials`] the one
//! secret of the ticket and its reveal. The names the rest of the dashboard uses are
//! re-exported here, so `agent::ticket::{page, Boxes, reveal, ..}` keep working.

pub mod credentials;
pub mod forms;
pub mod view;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

pub use credentials::{CredentialsBox, CredentialsPage, RevealForm, reveal};
pub use forms::{ActionForm, Boxes, Canned, note_field, reply_field};
pub use view::{ThreadMessage, TicketPage, page};

use super::{Gate, gate};
use crate::app::AppState;
use crate::domain::email::EmailAddress;
use crate::domain::ids::TicketId;
use crate::domain::version::{Version, supported_versions};
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::models::{Message, Ticket};
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::{not_found, respond};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;

/// What the page reads, in one go on the blocking pool.
pub struct Loaded {
    pub ticket: Ticket,
    pub position: Option<u32>,
    pub messages: Vec<Message>,
    pub files: Vec<store::attachments::Attachment>,
    pub purchases: Vec<store::purchases::PurchaseLine>,
    pub product: Option<String>,
    /// The product's versions supported now (`domain::version::supported_versions`), ascending.
    pub supported: Vec<Version>,
    pub assignee: Option<String>,
    pub authors: std::collections::HashMap<i64, String>,
    pub followers: Vec<TicketId>,
    pub canned: Vec<store::canned::Canned>,
    pub credentials: store::credentials::CredentialStatus,
}

pub fn load(c: &mut crate::db::DbConn, number: TicketId) -> Result<Option<Loaded>, WebError> {
    let Some(ticket) = store::tickets::get(c, number)? else {
        return Ok(None);
    };
    let position = store::queue::position(c, &ticket)?;
    let messages = store::tickets::messages(c, number, true)?;
    let files = store::attachments::list_for_ticket(c, number)?;
    let purchases = match EmailAddress::parse(&ticket.email) {
        Ok(email) => store::purchases::list_for_email(c, &email)?,
        Err(_) => Vec::new(),
    };
    let (product, supported) = match ticket.product_id {
        Some(id) => {
            let p = store::products::by_id(c, id)?;
            let releases = store::products::release_versions(c, id)?;
            let back = u32::try_from(p.releases_back).unwrap_or(0);
            (Some(p.slug), supported_versions(&releases, back))
        }
        None => (None, Vec::new()),
    };
    let mut ids: Vec<i64> = messages.iter().filter_map(|m| m.agent_id).collect();
    ids.extend(ticket.assignee_id);
    let authors = store::agents::emails(c, &ids)?;
    let assignee = ticket.assignee_id.and_then(|id| authors.get(&id).cloned());
    let followers = store::tickets::followers(c, number)?;
    let canned = store::canned::for_lang(c, ticket.lang)?;
    let credentials = store::credentials::status(c, number)?;
    Ok(Some(Loaded {
        ticket,
        position,
        messages,
        files,
        purchases,
        product,
        supported,
        assignee,
        authors,
        followers,
        canned,
        credentials,
    }))
}

/// The notice a `?done=` flag after an action asks for (the flag only picks the sentence).
fn notice_of(req: &HttpRequest, lang: Lang) -> Option<String> {
    let done = req
        .query_string()
        .split('&')
        .find_map(|p| p.strip_prefix("done="))?;
    let msg = match done {
        "reply" => Msg::AgentReplySent,
        "note" => Msg::AgentNoteAdded,
        "merge" => Msg::AgentMerged,
        _ => Msg::AgentDone,
    };
    Some(i18n::text(lang, msg, &[]))
}

pub fn parse_number(raw: &str) -> Result<TicketId, WebError> {
    TicketId::parse(raw).ok_or_else(not_found)
}

pub async fn show(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(a) => a,
        Gate::Out(res) => return Ok(res),
    };
    let number = parse_number(&path)?;
    let lang = page_lang(&req, state.config.default_language);
    let loaded = with_conn(&state, move |c| load(c, number))
        .await?
        .ok_or_else(not_found)?;
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let mut page = page(&state, lang, &agent, &csrf, loaded, Boxes::empty(lang));
    page.notice = notice_of(&req, lang);
    respond(&req, &state, StatusCode::OK, &page, Some(&csrf))
}

/// `GET /agent/tickets/{number}/attachments/{id}`: an attachment, for signed-in agents.
pub async fn attachment(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    if let Gate::Out(res) = gate(&req, &state).await? {
        return Ok(res);
    }
    let (number, id) = path.into_inner();
    let number = parse_number(&number)?;
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let found = with_conn(&state, move |c| {
        Ok(store::attachments::find_for_ticket(c, number, id)?)
    })
    .await?
    .ok_or_else(not_found)?;
    crate::web::customer::attachment_file::serve(&state, found).await
}
