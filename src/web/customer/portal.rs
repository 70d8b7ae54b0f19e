//! The portal at `/t/{token}`: the customer's read-only view of their ticket, reached by the
//! private link. A token that is wrong, revoked or of another scope gets the same 404 page as
//! any unknown address, so the page never tells whether a ticket exists. The route's scope adds
//! `Referrer-Policy: no-referrer` and `Cache-Control: no-store` (see `web::routes`): the token
//! is in the URL.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::portal_credentials::{CredentialsPanel, panel};
use super::{not_found, respond};
use crate::app::AppState;
use crate::domain::channel::Author;
use crate::domain::lifecycle::TicketState;
use crate::i18n::{self, Lang, Msg};
use crate::intake;
use crate::mail::outbound;
use crate::store;
use crate::tokens::{self, Scope};
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;

/// One message of the thread as the customer sees it.
#[derive(Debug, Clone)]
pub struct ThreadMessage {
    pub author: String,
    pub from_customer: bool,
    /// In the desk's time zone, for people.
    pub at: String,
    /// RFC 3339 to the second (HTML allows at most three decimals), for `<time datetime>`.
    pub datetime: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "customer/portal.html")]
pub struct PortalPage {
    pub layout: Layout,
    pub title: String,
    /// "Request #N received", just after the form.
    pub received: Option<String>,
    pub state: String,
    pub position: Option<String>,
    pub wait: Option<String>,
    pub subject: String,
    pub link: String,
    pub messages: Vec<ThreadMessage>,
    pub credentials: Option<CredentialsPanel>,
}

/// The state in words.
pub fn state_msg(state: TicketState) -> Msg {
    match state {
        TicketState::NeedsInfo => Msg::PortalStateNeedsInfo,
        TicketState::Queued => Msg::PortalStateQueued,
        TicketState::Assigned => Msg::PortalStateAssigned,
        TicketState::WaitingCustomer => Msg::PortalStateWaitingCustomer,
        TicketState::Resolved => Msg::PortalStateResolved,
        TicketState::Closed => Msg::PortalStateClosed,
    }
}

fn author_msg(author: Author) -> Msg {
    match author {
        Author::Customer => Msg::PortalAuthorCustomer,
        Author::Agent => Msg::PortalAuthorAgent,
        Author::System => Msg::PortalAuthorSystem,
    }
}

/// Whether `token` has the shape of the tokens guichet hands out (64 hex characters): anything
/// else is not looked up at all.
pub(super) fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether the query asks for the "received" line (`?new=1`, after the form).
fn just_created(req: &HttpRequest) -> bool {
    req.query_string().split('&').any(|pair| pair == "new=1")
}

/// `GET /t/{token}`.
pub async fn show(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let token = path.into_inner();
    if !well_formed(&token) {
        return Err(not_found());
    }
    let lang = page_lang(&req, state.config.default_language);
    let link = outbound::portal_url(&state.config.public_url, &token);
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let path_token = token.clone();
    let st = state.clone().into_inner();
    let (ticket, position, wait, messages) = with_conn(&state, move |c| {
        let row = store::tokens::find_by_hash(c, &tokens::hash(&token))?;
        let ticket_id = row
            .filter(|r| r.scope == Scope::Portal)
            .and_then(|r| r.ticket_id)
            .ok_or_else(not_found)?;
        let ticket = store::tickets::get(c, ticket_id)?.ok_or_else(not_found)?;
        let position = store::queue::position(c, &ticket)?;
        let wait = match position {
            Some(p) => Some(intake::estimated_wait(c, &st.config, p, st.now())?),
            None => None,
        };
        // Internal notes are for agents only.
        let messages = store::tickets::messages(c, ticket.id, false)?;
        Ok((ticket, position, wait, messages))
    })
    .await?;
    let credentials = panel(&req, &state, lang, &path_token, ticket.id, &csrf).await?;
    let number = ticket.id.to_string();
    let tz = state.config.business_hours.tz;
    let page = PortalPage {
        layout: Layout::new(lang),
        title: i18n::text(lang, Msg::PortalTitle, &[("number", number.clone())]),
        received: just_created(&req)
            .then(|| i18n::text(lang, Msg::PortalReceived, &[("number", number)])),
        state: i18n::text(lang, state_msg(ticket.state), &[]),
        position: position
            .map(|p| i18n::text(lang, Msg::PortalPosition, &[("position", p.to_string())])),
        wait: wait.map(|w| intake::wait_text(lang, &w)),
        subject: ticket.subject,
        link,
        messages: messages
            .into_iter()
            .map(|m| {
                let at = m.created_at.and_utc();
                ThreadMessage {
                    author: i18n::text(lang, author_msg(m.author), &[]),
                    from_customer: m.author == Author::Customer,
                    at: at.with_timezone(&tz).format(time_format(lang)).to_string(),
                    datetime: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    body: m.body,
                }
            })
            .collect(),
        credentials,
    };
    // Not `respond`'s CSRF handling: its Cache-Control would replace the portal's no-store.
    let mut res = respond(&req, &state, StatusCode::OK, &page, None)?;
    if let Some(cookie) = csrf.cookie(state.config.cookie_secure) {
        res.add_cookie(&cookie).map_err(|_| WebError::internal())?;
    }
    Ok(res)
}

/// How a message's time reads in each language.
fn time_format(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "%Y-%m-%d %H:%M",
        Lang::Fr => "%d/%m/%Y %H:%M",
    }
}
