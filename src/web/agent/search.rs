//! `GET /agent/search?q=…`: tickets by number, customer email, order reference, subject or
//! message text (internal notes included), exact matches first, then the full-text hits best
//! first ([`crate::store::search`]). A plain GET form: it works without JavaScript, and any
//! text gives a page, never an error.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{Gate, Shell, gate};
use crate::app::AppState;
use crate::domain::lifecycle::TicketState;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::search::SearchQuery;
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;

#[derive(Debug, Clone)]
pub struct Row {
    pub number: i64,
    pub state: String,
    pub customer: String,
    pub subject: String,
    pub snippet: String,
}

#[derive(Template)]
#[template(path = "agent/search.html")]
pub struct SearchPage {
    pub layout: Layout,
    pub shell: Shell,
    pub title: String,
    pub label: String,
    pub submit: String,
    pub query: String,
    /// Whether a search was asked for (a query was typed).
    pub searched: bool,
    pub summary: String,
    pub none: String,
    pub headings: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
}

fn state_name(lang: Lang, s: TicketState) -> String {
    let msg = match s {
        TicketState::NeedsInfo => Msg::PortalStateNeedsInfo,
        TicketState::Queued => Msg::AgentStateQueued,
        TicketState::Assigned => Msg::AgentStateAssigned,
        TicketState::WaitingCustomer => Msg::PortalStateWaitingCustomer,
        TicketState::Resolved => Msg::PortalStateResolved,
        TicketState::Closed => Msg::PortalStateClosed,
    };
    i18n::text(lang, msg, &[])
}

pub async fn show(
    req: HttpRequest,
    params: web::Query<SearchParams>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(a) => a,
        Gate::Out(res) => return Ok(res),
    };
    let lang = page_lang(&req, state.config.default_language);
    let query = SearchQuery::parse(params.q.as_deref().unwrap_or(""));
    let q2 = query.clone();
    let hits = with_conn(&state, move |c| {
        Ok(store::search::tickets(c, &q2, store::search::LIMIT)?)
    })
    .await?;
    let t = |m| i18n::text(lang, m, &[]);
    let rows: Vec<Row> = hits
        .into_iter()
        .map(|h| Row {
            number: h.number.get(),
            state: state_name(lang, h.state),
            customer: format!("{} <{}>", h.name, h.email),
            subject: h.subject,
            snippet: h.snippet,
        })
        .collect();
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let page = SearchPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, &agent, &csrf, "search"),
        title: t(Msg::AgentSearchTitle),
        label: t(Msg::AgentSearchLabel),
        submit: t(Msg::AgentSearchSubmit),
        searched: !query.is_empty(),
        summary: i18n::text(
            lang,
            Msg::AgentSearchCount,
            &[("count", rows.len().to_string())],
        ),
        none: i18n::text(
            lang,
            Msg::AgentSearchNone,
            &[("query", query.text().to_string())],
        ),
        query: query.text().to_string(),
        headings: [
            Msg::AgentSearchColTicket,
            Msg::AgentSearchColState,
            Msg::AgentSearchColCustomer,
            Msg::AgentSearchColSubject,
            Msg::AgentSearchColExtract,
        ]
        .into_iter()
        .map(t)
        .collect(),
        rows,
    };
    respond(&req, &state, StatusCode::OK, &page, Some(&csrf))
}
