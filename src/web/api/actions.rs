//! The agents' actions on a ticket (agent tokens only): `POST /tickets/{number}/notes`,
//! `/resolve`, `/close`, `/reopen`, `/assign`; the agent's reply is `POST …/replies`
//! (`tickets::reply`). Each runs `crate::desk` and answers the ticket as an agent sees it.
//!
//! Order of the answers, as everywhere in the API: 401, 403, then the body (400/413/422), then
//! the ticket (404), then the action (409 when its state refuses it).

use actix_web::{HttpRequest, web};
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;
use validator::Validate;

use super::auth::{Principal, authenticate};
use super::body::{self, not_blank, parse_json, read_body, text_body};
use super::tickets::parse_number;
use super::views::{Audience, TicketView, view};
use super::with_conn;
use crate::app::AppState;
use crate::desk;
use crate::domain::email::EmailAddress;
use crate::domain::text::normalize_newlines;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::tokens::Scope;
use crate::web::error::{ErrorBody, WebError};

/// `POST /api/v1/tickets/{number}/notes` body.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct NoteBody {
    /// The note; never shown to the customer.
    #[validate(
        required(code = "field-required"),
        length(max = 50000, code = "field-too-long"),
        custom(function = "not_blank"),
        custom(function = "text_body")
    )]
    #[schema(value_type = String, min_length = 1, max_length = 50000)]
    pub body: Option<String>,
}

/// The body of `/resolve`, `/close` and `/reopen`: empty, or a JSON object (fields ignored).
#[derive(Debug, Deserialize, ToSchema)]
pub struct EmptyBody {}

/// `POST /api/v1/tickets/{number}/assign` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignBody {
    /// The email of the active agent who gets the ticket, or null to unassign it. Required.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = Email)]
    pub agent: Option<Option<String>>,
}

/// Tells a null `agent` (unassign) from a missing one (a bad body).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// 422 on `agent`: no agent has that address (an inactive one is told the same by `desk`).
fn unknown_agent() -> WebError {
    WebError::invalid_field("agent", i18n::text(Lang::En, Msg::FieldUnknownAgent, &[]))
}

/// The agent an agent token acts as (a token of that scope always names one).
fn acting_agent(who: &Principal) -> Result<i64, WebError> {
    who.agent_id.ok_or_else(WebError::forbidden)
}

pub(super) async fn agent_call(req: &HttpRequest, state: &AppState) -> Result<i64, WebError> {
    let who = authenticate(req, state, &[Scope::Agent]).await?;
    acting_agent(&who)
}

/// Reads an optional empty body: nothing, or a JSON object.
async fn empty_body(payload: web::Payload, limit: usize) -> Result<(), WebError> {
    let raw = read_body(payload, limit).await?;
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    let (_, errors): (EmptyBody, _) = parse_json(&raw)?;
    errors.finish()
}

#[utoipa::path(
    post, path = "/api/v1/tickets/{number}/notes", tag = "agent actions",
    params(("number" = i64, Path, description = "Ticket number")),
    request_body = NoteBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket with the internal note (state unchanged)", body = TicketView),
        (status = 400, description = "Body is not JSON", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not agent", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "invalid_fields, or agent_inactive", body = ErrorBody),
    )
)]
pub async fn note(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<TicketView>, WebError> {
    let agent_id = agent_call(&req, &state).await?;
    let (mut b, mut errors): (NoteBody, _) =
        body::read_json(payload, state.config.max_body_bytes).await?;
    if let Some(text) = &mut b.body {
        *text = normalize_newlines(text).into_owned();
    }
    errors.validate(&b);
    errors.finish()?;
    // Validation requires the body, so it is there.
    let text = b.body.ok_or_else(WebError::internal)?;
    let number = parse_number(&path)?;
    let now = state.now();
    let v = with_conn(&state, move |c| {
        let t = desk::note(c, number, agent_id, &text, now)?;
        view(c, t, Audience::Agent)
    })
    .await?;
    Ok(web::Json(v))
}

/// Which bodiless action a route runs.
#[derive(Debug, Clone, Copy)]
enum Action {
    Resolve,
    Close,
    Reopen,
}

async fn act(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
    action: Action,
) -> Result<web::Json<TicketView>, WebError> {
    let agent_id = agent_call(&req, &state).await?;
    empty_body(payload, state.config.max_body_bytes).await?;
    let number = parse_number(&path)?;
    let now = state.now();
    let v = with_conn(&state, move |c| {
        let t = match action {
            Action::Resolve => desk::resolve(c, number, agent_id, now)?,
            Action::Close => desk::close(c, number, agent_id, now)?,
            Action::Reopen => desk::reopen(c, number, agent_id, now)?,
        };
        view(c, t, Audience::Agent)
    })
    .await?;
    Ok(web::Json(v))
}

#[utoipa::path(
    post, path = "/api/v1/tickets/{number}/resolve", tag = "agent actions",
    params(("number" = i64, Path, description = "Ticket number")),
    request_body(content = Option<EmptyBody>, description = "Empty, or {}"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket, resolved (its credentials deleted)", body = TicketView),
        (status = 400, description = "Body is not a JSON object", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not agent", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
        (status = 409, description = "invalid_transition: already resolved or closed", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
    )
)]
pub async fn resolve(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<TicketView>, WebError> {
    act(req, path, payload, state, Action::Resolve).await
}

#[utoipa::path(
    post, path = "/api/v1/tickets/{number}/close", tag = "agent actions",
    params(("number" = i64, Path, description = "Ticket number")),
    request_body(content = Option<EmptyBody>, description = "Empty, or {}"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket, closed (its credentials deleted)", body = TicketView),
        (status = 400, description = "Body is not a JSON object", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not agent", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
        (status = 409, description = "invalid_transition: already closed", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
    )
)]
pub async fn close(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<TicketView>, WebError> {
    act(req, path, payload, state, Action::Close).await
}

#[utoipa::path(
    post, path = "/api/v1/tickets/{number}/reopen", tag = "agent actions",
    params(("number" = i64, Path, description = "Ticket number")),
    request_body(content = Option<EmptyBody>, description = "Empty, or {}"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket, back at the end of the queue and unassigned", body = TicketView),
        (status = 400, description = "Body is not a JSON object", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not agent", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
        (status = 409, description = "invalid_transition: only a resolved ticket reopens", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
    )
)]
pub async fn reopen(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<TicketView>, WebError> {
    act(req, path, payload, state, Action::Reopen).await
}

#[utoipa::path(
    post, path = "/api/v1/tickets/{number}/assign", tag = "agent actions",
    params(("number" = i64, Path, description = "Ticket number")),
    request_body = AssignBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket with its new holder; its queue position is kept", body = TicketView),
        (status = 400, description = "Body is not JSON", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not agent", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
        (status = 409, description = "invalid_transition: a closed or needs_info ticket", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "invalid_fields: agent missing, not an email, or no active agent", body = ErrorBody),
    )
)]
pub async fn assign(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<TicketView>, WebError> {
    let by = agent_call(&req, &state).await?;
    let (b, mut errors): (AssignBody, _) =
        body::read_json(payload, state.config.max_body_bytes).await?;
    let email = match b.agent {
        None => {
            errors.add("agent", Msg::FieldRequired);
            None
        }
        Some(None) => None,
        Some(Some(raw)) => {
            let raw = raw.trim().to_string();
            errors.one_line("agent", Some(&raw));
            if errors.contains("agent") {
                None
            } else {
                errors.take_as("agent", EmailAddress::parse(&raw), Msg::FieldNotEmail)
            }
        }
    };
    errors.finish()?;
    let number = parse_number(&path)?;
    let now = state.now();
    let v = with_conn(&state, move |c| {
        let assignee = match email {
            Some(e) => match store::agents::find_by_email(c, &e)? {
                Some(a) => Some(a.id),
                None => return Err(unknown_agent()),
            },
            None => None,
        };
        let t = desk::assign(c, number, assignee, by, now)?;
        view(c, t, Audience::Agent)
    })
    .await?;
    Ok(web::Json(v))
}
