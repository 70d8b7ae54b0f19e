//! `GET /queue` and `POST /queue/take` (agent tokens).

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::authenticate;
use super::views::{Audience, view};
use super::with_conn;
use crate::app::AppState;
use crate::domain::ids::TicketId;
use crate::store;
use crate::tokens::Scope;
use crate::web::error::{ErrorBody, WebError};

pub const DEFAULT_LIMIT: i64 = 100;
pub const MAX_LIMIT: i64 = 500;

/// Query of `GET /api/v1/queue`. Read as text so a bad value is a 422 naming the parameter, but
/// documented as what a client must send: optional integers in the query string. Without
/// `parameter_in`, utoipa documents the fields as required path parameters of type string.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// How many tickets, 1 to 500 (default 100).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Continue after this ticket number (which must be in the queue).
    #[param(value_type = Option<i64>, minimum = 1)]
    pub after: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuePage {
    pub tickets: Vec<QueueEntry>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueueEntry {
    pub number: i64,
    pub lane: String,
    pub state: String,
    pub queued_at: DateTime<Utc>,
    pub position: u32,
    pub subject: String,
    /// Product slug (null for a ticket still waiting for its product).
    pub product: Option<String>,
    /// The assigned agent's email, or null.
    pub assignee: Option<String>,
}

fn parse_query(q: &QueueQuery) -> Result<(i64, Option<TicketId>), WebError> {
    let limit = match q.limit.as_deref() {
        None => DEFAULT_LIMIT,
        Some(s) => match s.trim().parse::<i64>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                return Err(WebError::invalid_field(
                    "limit",
                    crate::i18n::text(
                        crate::i18n::Lang::En,
                        crate::i18n::Msg::FieldWholeNumberRange,
                        &[("min", "1".to_string()), ("max", MAX_LIMIT.to_string())],
                    ),
                ));
            }
        },
    };
    let after = match q.after.as_deref() {
        None => None,
        Some(s) => Some(TicketId::parse(s.trim()).ok_or_else(|| {
            WebError::invalid_field(
                "after",
                crate::i18n::text(
                    crate::i18n::Lang::En,
                    crate::i18n::Msg::FieldNotTicketNumber,
                    &[],
                ),
            )
        })?),
    };
    Ok((limit, after))
}

#[utoipa::path(
    get, path = "/api/v1/queue", tag = "queue",
    params(QueueQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Queued and assigned tickets in queue order", body = QueuePage),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not agent", body = ErrorBody),
        (status = 422, description = "Bad limit or after", body = ErrorBody),
    )
)]
pub async fn list(
    req: HttpRequest,
    query: web::Query<QueueQuery>,
    state: web::Data<AppState>,
) -> Result<web::Json<QueuePage>, WebError> {
    authenticate(&req, &state, &[Scope::Agent]).await?;
    let (limit, after) = parse_query(&query)?;
    let page = with_conn(&state, move |c| {
        let rows = store::queue::page(c, limit, after).map_err(|e| match e {
            store::StoreError::UnknownTicket(_) | store::StoreError::NotQueued(_) => {
                WebError::invalid_field("after", "not a ticket in the queue")
            }
            other => other.into(),
        })?;
        let ids: Vec<i64> = rows.iter().filter_map(|(t, _)| t.assignee_id).collect();
        let emails: HashMap<i64, String> = store::agents::emails(c, &ids)?;
        let slugs = store::products::slugs(c)?;
        Ok(rows
            .into_iter()
            .map(|(t, position)| QueueEntry {
                number: t.id.get(),
                lane: t.lane.as_str().to_string(),
                state: t.state.as_str().to_string(),
                queued_at: t.queued_at.and_utc(),
                position,
                product: t.product_id.and_then(|id| slugs.get(&id).cloned()),
                subject: t.subject,
                assignee: t.assignee_id.and_then(|id| emails.get(&id).cloned()),
            })
            .collect())
    })
    .await?;
    Ok(web::Json(QueuePage { tickets: page }))
}

#[utoipa::path(
    post, path = "/api/v1/queue/take", tag = "queue",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The head of the unassigned queued tickets, now assigned to the token's agent", body = super::views::TicketView),
        (status = 204, description = "The queue is empty"),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not agent", body = ErrorBody),
    )
)]
pub async fn take(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let who = authenticate(&req, &state, &[Scope::Agent]).await?;
    let agent_id = who.agent_id.ok_or_else(WebError::forbidden)?;
    let now = state.now();
    let taken = with_conn(&state, move |c| {
        match store::queue::take_next(c, agent_id, now)? {
            Some(t) => Ok(Some(view(c, t, Audience::Agent)?)),
            None => Ok(None),
        }
    })
    .await?;
    Ok(match taken {
        Some(v) => HttpResponse::Ok().json(v),
        None => HttpResponse::NoContent().finish(),
    })
}
