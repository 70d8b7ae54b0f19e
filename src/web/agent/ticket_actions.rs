//! The ticket page's forms: `POST /agent/tickets/{number}/reply` (send, or send and resolve),
//! `/note` (internal) and `/state` (assign to me, unassign, resolve, close, reopen). Each checks
//! the session and the CSRF token, then calls the same `desk` function as the agent API, so the
//! page and a script do exactly the same thing. Success answers 303 back to the ticket with a
//! notice; an empty text or a transition the state forbids shows the page again with the text
//! kept and the reason.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::ticket::{Boxes, load, note_field, page, parse_number, reply_field};
use super::{Gate, gate, see_other};
use crate::app::AppState;
use crate::desk::{self, DeskError};
use crate::domain::ids::TicketId;
use crate::i18n::{self, Lang, Msg};
use crate::store::models::Agent;
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::customer::{not_found, respond};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;

#[derive(Debug, Deserialize)]
pub struct ActionForm {
    pub csrf: Option<String>,
    pub body: Option<String>,
    pub note: Option<String>,
    #[serde(rename = "do")]
    pub action: Option<String>,
    pub canned: Option<String>,
    pub into: Option<String>,
}

/// Which of the page's forms was posted (one route each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormKind {
    Reply,
    Note,
    Merge,
    State,
}

/// What a post asks for, read once from the form.
enum Action {
    Reply {
        text: String,
        resolve: bool,
    },
    /// Put canned response `id` in the reply box (the page again, nothing sent).
    Insert(i64),
    /// Send canned response `id` as it is (resolving when it says so).
    SendCanned(i64),
    Note(String),
    Assign,
    Unassign,
    Resolve,
    Close,
    Reopen,
    /// This ticket is a duplicate of ticket `into`.
    Merge(TicketId),
}

fn text_of(raw: Option<&str>) -> String {
    raw.unwrap_or_default()
        .replace("\r\n", "\n")
        .trim()
        .to_string()
}

/// The ticket page again, `status`, with `error` at the top and the typed texts kept.
async fn again(
    req: &HttpRequest,
    state: &AppState,
    agent: &Agent,
    number: TicketId,
    status: StatusCode,
    error: String,
    form: &ActionForm,
) -> Result<HttpResponse, WebError> {
    let answer = Answer {
        status,
        error: Some(error),
        notice: None,
        reply_text: None,
    };
    show_again(req, state, agent, number, answer, form).await
}

/// How the page comes back after a post.
struct Answer<'a> {
    status: StatusCode,
    error: Option<String>,
    notice: Option<String>,
    /// What the reply box holds instead of the typed text (an inserted canned response).
    reply_text: Option<&'a str>,
}

/// The ticket page again with the answer's notice or error, the typed texts kept (or the reply
/// box holding `reply_text`), and the canned response picked before still selected.
async fn show_again(
    req: &HttpRequest,
    state: &AppState,
    agent: &Agent,
    number: TicketId,
    answer: Answer<'_>,
    form: &ActionForm,
) -> Result<HttpResponse, WebError> {
    let Answer {
        status,
        error,
        notice,
        reply_text,
    } = answer;
    let lang = page_lang(req, state.config.default_language);
    let loaded = with_conn(state, move |c| load(c, number))
        .await?
        .ok_or_else(not_found)?;
    let csrf = Csrf::for_request(req, &state.keys)?;
    let typed = reply_text.or(form.body.as_deref()).unwrap_or_default();
    let mut reply = reply_field(lang, typed);
    let mut note = note_field(lang, form.note.as_deref().unwrap_or_default());
    if status == StatusCode::UNPROCESSABLE_ENTITY
        && form.action.as_deref() != Some("insert")
        && form.action.as_deref() != Some("canned_send")
    {
        // Tie the message to the box that was empty, for screen readers too.
        let empty = i18n::text(lang, Msg::AgentTextRequired, &[]);
        if form.note.is_some() {
            note.error = Some(empty);
        } else {
            reply.error = Some(empty);
        }
    }
    let chosen = form.canned.as_deref().and_then(|v| v.parse().ok());
    let boxes = Boxes {
        reply,
        note,
        canned: chosen,
    };
    let mut page = page(state, lang, agent, &csrf, loaded, boxes);
    page.error = error;
    page.notice = notice;
    respond(req, state, status, &page, Some(&csrf))
}

fn desk_error(lang: Lang, e: DeskError) -> Result<(StatusCode, String), WebError> {
    Ok(match e {
        DeskError::TicketNotFound(_) => return Err(not_found()),
        DeskError::Transition(_) => (
            StatusCode::CONFLICT,
            i18n::text(lang, Msg::AgentNotAllowed, &[]),
        ),
        DeskError::InactiveAgent(_) => return Err(WebError::forbidden()),
        DeskError::MergeIntoItself(_) | DeskError::NotSameCustomer(..) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            i18n::text(lang, Msg::AgentMergeBadNumber, &[]),
        ),
        other => return Err(WebError::from(other)),
    })
}

async fn act(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
    state: web::Data<AppState>,
    kind: FormKind,
) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(a) => a,
        Gate::Out(res) => return Ok(res),
    };
    let number = parse_number(&path)?;
    let lang = page_lang(&req, state.config.default_language);
    let form = form.into_inner();
    if !csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        let text = i18n::text(lang, Msg::FormCsrfFailed, &[]);
        return again(
            &req,
            &state,
            &agent,
            number,
            StatusCode::FORBIDDEN,
            text,
            &form,
        )
        .await;
    }
    let canned: Option<i64> = form.canned.as_deref().and_then(|v| v.trim().parse().ok());
    let action = match (kind, form.action.as_deref()) {
        (FormKind::Reply, Some(what @ ("insert" | "canned_send"))) => match canned {
            Some(id) if what == "insert" => Action::Insert(id),
            Some(id) => Action::SendCanned(id),
            None => {
                let text = i18n::text(lang, Msg::AgentCannedChoose, &[]);
                return again(
                    &req,
                    &state,
                    &agent,
                    number,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    text,
                    &form,
                )
                .await;
            }
        },
        (FormKind::Reply, what) => Action::Reply {
            text: text_of(form.body.as_deref()),
            resolve: what == Some("send_resolve"),
        },
        (FormKind::Note, _) => Action::Note(text_of(form.note.as_deref())),
        (FormKind::Merge, _) => {
            let into = form
                .into
                .as_deref()
                .map(|v| v.trim().trim_start_matches('#'))
                .and_then(TicketId::parse);
            match into {
                Some(into) => Action::Merge(into),
                None => {
                    let text = i18n::text(lang, Msg::AgentMergeBadNumber, &[]);
                    return again(
                        &req,
                        &state,
                        &agent,
                        number,
                        StatusCode::UNPROCESSABLE_ENTITY,
                        text,
                        &form,
                    )
                    .await;
                }
            }
        }
        (FormKind::State, Some("assign")) => Action::Assign,
        (FormKind::State, Some("unassign")) => Action::Unassign,
        (FormKind::State, Some("resolve")) => Action::Resolve,
        (FormKind::State, Some("close")) => Action::Close,
        (FormKind::State, Some("reopen")) => Action::Reopen,
        _ => {
            let text = i18n::text(lang, Msg::AgentNotAllowed, &[]);
            return again(
                &req,
                &state,
                &agent,
                number,
                StatusCode::BAD_REQUEST,
                text,
                &form,
            )
            .await;
        }
    };
    if let Action::Reply { text, .. } | Action::Note(text) = &action
        && text.is_empty()
    {
        let text = i18n::text(lang, Msg::AgentTextRequired, &[]);
        return again(
            &req,
            &state,
            &agent,
            number,
            StatusCode::UNPROCESSABLE_ENTITY,
            text,
            &form,
        )
        .await;
    }
    // A canned response is read once, here; an unknown id is as if none was chosen.
    let action = match action {
        Action::Insert(id) | Action::SendCanned(id) => {
            let found = with_conn(&state, move |c| Ok(crate::store::canned::get(c, id)?)).await?;
            let Some(canned) = found else {
                let text = i18n::text(lang, Msg::AgentCannedChoose, &[]);
                return again(
                    &req,
                    &state,
                    &agent,
                    number,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    text,
                    &form,
                )
                .await;
            };
            if matches!(action, Action::Insert(_)) {
                let notice = i18n::text(lang, Msg::AgentCannedInserted, &[]);
                let answer = Answer {
                    status: StatusCode::OK,
                    error: None,
                    notice: Some(notice),
                    reply_text: Some(&canned.body),
                };
                return show_again(&req, &state, &agent, number, answer, &form).await;
            }
            Action::Reply {
                text: canned.body,
                resolve: canned.resolves,
            }
        }
        other => other,
    };
    let now = state.now();
    let st = state.clone().into_inner();
    let agent_id = agent.id;
    let (done, goes_to) = match action {
        Action::Reply { .. } => ("reply", number),
        Action::Note(_) => ("note", number),
        Action::Merge(into) => ("merge", into),
        _ => ("state", number),
    };
    let outcome = web::block(move || -> Result<Result<(), DeskError>, WebError> {
        let mut c = st.conn()?;
        let c = &mut *c;
        Ok(match action {
            Action::Reply { text, resolve } => {
                desk::reply(c, st.intake(), number, agent_id, &text, resolve, now).map(|_| ())
            }
            Action::Note(text) => desk::note(c, number, agent_id, &text, now).map(|_| ()),
            Action::Assign => desk::assign(c, number, Some(agent_id), agent_id, now).map(|_| ()),
            Action::Unassign => desk::assign(c, number, None, agent_id, now).map(|_| ()),
            Action::Resolve => desk::resolve(c, number, agent_id, now).map(|_| ()),
            Action::Close => desk::close(c, number, agent_id, now).map(|_| ()),
            Action::Reopen => desk::reopen(c, number, agent_id, now).map(|_| ()),
            Action::Merge(into) => {
                desk::merge(c, st.intake(), number, into, agent_id, now).map(|_| ())
            }
            // Read into a reply above.
            Action::Insert(_) | Action::SendCanned(_) => Ok(()),
        })
    })
    .await??;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/agent/tickets/{goes_to}?done={done}"))),
        Err(e) => {
            let (status, text) = desk_error(lang, e)?;
            again(&req, &state, &agent, number, status, text, &form).await
        }
    }
}

pub async fn reply(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    act(req, path, form, state, FormKind::Reply).await
}

pub async fn note(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    act(req, path, form, state, FormKind::Note).await
}

pub async fn merge(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    act(req, path, form, state, FormKind::Merge).await
}

pub async fn change_state(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    act(req, path, form, state, FormKind::State).await
}
