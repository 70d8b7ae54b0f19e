//! The portal at `/t/{token}`: the customer's view of their ticket, reached by the private
//! link, with a reply form and the "my issue is solved" button (their posts are in
//! [`super::portal_actions`]). A token that is wrong, revoked or of another scope gets the same 404 page as
//! any unknown address, so the page never tells whether a ticket exists. The route's scope adds
//! `Referrer-Policy: no-referrer` and `Cache-Control: no-store` (see `web::routes`): the token
//! is in the URL.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::form::{Alert, SummaryLine};
use super::portal_credentials::{CredentialsPanel, panel};
use super::{not_found, respond};
use crate::app::AppState;
use crate::db::DbConn;
use crate::domain::channel::Author;
use crate::domain::lifecycle::TicketState;
use crate::domain::lifecycle::{CustomerResolve, on_customer_resolve};
use crate::i18n::{self, Lang, Msg};
use crate::intake;
use crate::mail::outbound;
use crate::store;
use crate::store::models::Ticket;
use crate::tokens::{self, Scope};
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;
use crate::web::widgets::Field;

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
    pub attachments: Vec<AttachmentLink>,
}

/// An attachment of a message, as a download link.
#[derive(Debug, Clone)]
pub struct AttachmentLink {
    pub href: String,
    pub name: String,
    /// For people: `12 KB`, `1.5 MB` (`1,5 Mo` in French).
    pub size: String,
}

/// A file size for people, in the page language's units and decimal mark.
pub fn human_size(lang: Lang, bytes: i64) -> String {
    let (b, k, m) = match lang {
        Lang::Fr => ("o", "Ko", "Mo"),
        _ => ("B", "KB", "MB"),
    };
    let text = if bytes < 1024 {
        format!("{bytes} {b}")
    } else if bytes < 1024 * 1024 {
        format!("{} {k}", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} {m}", bytes as f64 / (1024.0 * 1024.0))
    };
    if lang == Lang::Fr {
        text.replace('.', ",")
    } else {
        text
    }
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
    /// What the last action did ("your message was added", …).
    pub notice: Option<String>,
    /// Why a post came back, with its summary of bad fields.
    pub alert: Option<Alert>,
    pub summary: Vec<SummaryLine>,
    pub csrf_field: &'static str,
    pub csrf_token: String,
    /// The forms' actions: `/t/{token}/reply` and `/t/{token}/solved`.
    pub reply_action: String,
    pub solved_action: String,
    pub reply: Field,
    pub confirm: Field,
    /// The reply's file input.
    pub reply_files: Field,
    /// Whether "my issue is solved" would change anything (else the button is not shown).
    pub can_solve: bool,
    /// The product-and-version form, while the ticket is `needs_info`.
    pub complete: Option<super::portal_complete::CompleteForm>,
}

/// The reply form as sent, kept for a re-rendered page.
#[derive(Debug, Clone, Default)]
pub struct ReplyInput {
    pub body: String,
    pub confirm: bool,
}

/// How a portal page comes back after a post: its status, the form as sent, each bad field's
/// message and the alert at the top.
#[derive(Debug, Default)]
pub struct Outcome {
    pub input: ReplyInput,
    /// The completion form as sent (needs_info tickets).
    pub complete: super::portal_complete::CompleteInput,
    pub errors: BTreeMap<String, String>,
    pub alert: Option<Alert>,
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

/// The ticket of a portal token, or the 404 that does not tell whether it exists.
pub fn ticket_of(c: &mut DbConn, token: &str) -> Result<Ticket, WebError> {
    let row = store::tokens::find_by_hash(c, &tokens::hash(token))?;
    let ticket_id = row
        .filter(|r| r.scope == Scope::Portal)
        .and_then(|r| r.ticket_id)
        .ok_or_else(not_found)?;
    store::tickets::get(c, ticket_id)?.ok_or_else(not_found)
}

/// The token from the path, if it is worth looking up.
pub fn path_token(path: web::Path<String>) -> Result<String, WebError> {
    checked_token(path.into_inner())
}

/// `token` if it is worth looking up.
pub fn checked_token(token: String) -> Result<String, WebError> {
    if well_formed(&token) {
        Ok(token)
    } else {
        Err(not_found())
    }
}

/// The notice asked for by the query after a post (`?sent=1`, `?solved=1`, `?solved=0`). Anyone
/// may type these into the address bar: they only choose a sentence, never change anything.
fn notice(req: &HttpRequest, lang: Lang, ticket: &Ticket, position: Option<u32>) -> Option<String> {
    let q: Vec<&str> = req.query_string().split('&').collect();
    if q.contains(&"sent=1") {
        return Some(match position {
            Some(p) => i18n::text(lang, Msg::PortalReplySent, &[("position", p.to_string())]),
            None => i18n::text(lang, Msg::PortalReplySentNoQueue, &[]),
        });
    }
    if q.contains(&"completed=1") && ticket.state.in_queue() {
        return Some(i18n::text(lang, Msg::PortalCompleteDone, &[]));
    }
    if q.contains(&"solved=1") {
        return Some(i18n::text(lang, Msg::PortalSolvedDone, &[]));
    }
    if q.contains(&"solved=0") {
        let state = i18n::text(lang, state_msg(ticket.state), &[]);
        return Some(i18n::text(
            lang,
            Msg::PortalSolvedUnchanged,
            &[("state", state)],
        ));
    }
    None
}

/// `GET /t/{token}`.
pub async fn show(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let token = path_token(path)?;
    render(&req, &state, &token, StatusCode::OK, Outcome::default()).await
}

/// The portal page of `token` with `status`, showing `outcome` (the form as sent, its errors).
pub async fn render(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    token: &str,
    status: StatusCode,
    outcome: Outcome,
) -> Result<HttpResponse, WebError> {
    let lang = page_lang(req, state.config.default_language);
    let link = outbound::portal_url(&state.config.public_url, token);
    let st = state.clone().into_inner();
    let token_owned = token.to_string();
    let (ticket, position, wait, (messages, files, choices)) = with_conn(state, move |c| {
        let ticket = ticket_of(c, &token_owned)?;
        let position = store::queue::position(c, &ticket)?;
        let wait = match position {
            Some(p) => Some(intake::estimated_wait(c, &st.config, p, st.now())?),
            None => None,
        };
        // Internal notes are for agents only.
        let messages = store::tickets::messages(c, ticket.id, false)?;
        let files = store::attachments::list_for_ticket(c, ticket.id)?;
        let choices = if ticket.state == TicketState::NeedsInfo {
            Some(super::portal_complete::choices_for(c, &ticket.email)?)
        } else {
            None
        };
        Ok((ticket, position, wait, (messages, files, choices)))
    })
    .await?;
    let csrf = Csrf::for_request(req, &state.keys)?;
    let credentials = panel(req, state, lang, token, ticket.id, &csrf).await?;
    let number = ticket.id.to_string();
    let tz = state.config.business_hours.tz;
    let t = |msg| i18n::text(lang, msg, &[]);
    let reply = Field::new("body", t(Msg::PortalReplyMessage), &outcome.input.body)
        .error_from(&outcome.errors)
        .required();
    let mut confirm = Field::new("confirm", t(Msg::PortalReplyConfirm), "")
        .error_from(&outcome.errors)
        .required();
    if outcome.input.confirm {
        confirm.value = "yes".into();
    }
    // French sets a no-break space before a colon.
    let colon = if lang == Lang::Fr { "\u{a0}:" } else { ":" };
    let reply_files = super::upload::field(lang, state, &outcome.errors);
    let summary = [&reply, &confirm, &reply_files]
        .into_iter()
        .filter_map(|f| {
            Some(SummaryLine {
                id: f.id(),
                text: format!("{}{colon} {}", f.label, f.error.as_ref()?),
            })
        })
        .collect();
    let page = PortalPage {
        layout: Layout::new(lang),
        title: i18n::text(lang, Msg::PortalTitle, &[("number", number.clone())]),
        received: just_created(req)
            .then(|| i18n::text(lang, Msg::PortalReceived, &[("number", number)])),
        state: i18n::text(lang, state_msg(ticket.state), &[]),
        position: position
            .map(|p| i18n::text(lang, Msg::PortalPosition, &[("position", p.to_string())])),
        wait: wait.map(|w| intake::wait_text(lang, &w)),
        notice: notice(req, lang, &ticket, position),
        credentials,
        can_solve: on_customer_resolve(ticket.state) == CustomerResolve::Resolve,
        complete: choices.map(|choices| {
            super::portal_complete::form(lang, token, choices, &outcome.complete, &outcome.errors)
        }),
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
                    attachments: files
                        .iter()
                        .filter(|f| f.message_id == Some(m.id))
                        .map(|f| AttachmentLink {
                            href: format!("/t/{token}/attachments/{}", f.id),
                            name: f.filename.clone(),
                            size: human_size(lang, f.size_bytes),
                        })
                        .collect(),
                }
            })
            .collect(),
        alert: outcome.alert,
        summary,
        csrf_field: csrf::FIELD,
        csrf_token: csrf.token.clone(),
        reply_action: format!("/t/{token}/reply"),
        solved_action: format!("/t/{token}/solved"),
        reply,
        confirm,
        reply_files,
    };
    let mut res = respond(req, state, status, &page, Some(&csrf))?;
    // `respond` marks a page with a CSRF token private; the portal's URL holds its token, so
    // the scope's `no-store` must win: no cache at all may keep it.
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

/// How a message's time reads in each language.
pub fn time_format(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "%Y-%m-%d %H:%M",
        Lang::Fr => "%d/%m/%Y %H:%M",
    }
}
