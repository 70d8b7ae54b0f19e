//! `POST /api/v1/tickets/{number}/merge` (agent tokens): ticket `number` is a duplicate of
//! ticket `into` of the same customer. Its messages move to `into`, it is closed and linked,
//! and the customer is told by one mail (`desk::merge`). Answers `into` as an agent sees it.

use actix_web::{HttpRequest, web};
use serde::Deserialize;
use utoipa::ToSchema;

use super::actions::agent_call;
use super::body;
use super::tickets::parse_number;
use super::views::{Audience, TicketView, view};
use super::with_conn;
use crate::app::AppState;
use crate::desk;
use crate::domain::ids::TicketId;
use crate::i18n::Msg;
use crate::web::error::{ErrorBody, WebError};

/// `POST /api/v1/tickets/{number}/merge` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeBody {
    /// The number of the ticket the duplicate goes into (same customer). Required.
    #[schema(value_type = i64, minimum = 1)]
    pub into: Option<serde_json::Value>,
}

#[utoipa::path(
    post, path = "/api/v1/tickets/{number}/merge", tag = "agent actions",
    params(("number" = i64, Path, description = "The duplicate's number")),
    request_body = MergeBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket the duplicate went into", body = TicketView),
        (status = 400, description = "Body is not JSON", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not agent", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
        (status = 409, description = "invalid_transition: a ticket whose state cannot be merged", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "invalid_fields (into missing or not a ticket number), merge_into_itself, not_same_customer", body = ErrorBody),
    )
)]
pub async fn merge(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<TicketView>, WebError> {
    let agent = agent_call(&req, &state).await?;
    let (b, mut errors): (MergeBody, _) =
        body::read_json(payload, state.config.max_body_bytes).await?;
    // A number, or a string of digits as a form would send it; anything else names the field.
    let into = match &b.into {
        None => {
            errors.add("into", Msg::FieldRequired);
            None
        }
        Some(v) => {
            let parsed = match v {
                serde_json::Value::Number(n) => {
                    n.as_i64().and_then(|n| TicketId::parse(&n.to_string()))
                }
                serde_json::Value::String(s) => TicketId::parse(s.trim().trim_start_matches('#')),
                _ => None,
            };
            if parsed.is_none() {
                errors.add("into", Msg::FieldNotTicketNumber);
            }
            parsed
        }
    };
    errors.finish()?;
    let number = parse_number(&path)?;
    let into = into.ok_or_else(WebError::ticket_not_found)?;
    let now = state.now();
    let st = state.clone().into_inner();
    let v = with_conn(&state, move |c| {
        let t = desk::merge(c, st.intake(), number, into, agent, now)?;
        view(c, t, Audience::Agent)
    })
    .await?;
    Ok(web::Json(v))
}
