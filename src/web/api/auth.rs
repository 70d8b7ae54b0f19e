//! Bearer tokens: 401 when missing or unknown, 403 when valid but of a scope the route does not
//! accept (checked before the ticket is looked up, so a wrong scope learns nothing about which
//! tickets exist).

use actix_web::HttpRequest;
use actix_web::http::header;

use super::with_conn;
use crate::app::AppState;
use crate::db::DbConn;
use crate::domain::ids::TicketId;
use crate::store;
use crate::tokens::{self, Scope};
use crate::web::error::WebError;

/// Who is calling.
#[derive(Debug, Clone, Copy)]
pub struct Principal {
    pub scope: Scope,
    /// The agent an agent-scope token acts as.
    pub agent_id: Option<i64>,
    /// The one ticket a portal token grants.
    pub ticket_id: Option<TicketId>,
}

impl Principal {
    /// Whether this principal may read ticket `number`.
    pub fn grants_ticket(&self, number: TicketId) -> bool {
        match self.scope {
            Scope::Agent => true,
            Scope::Portal => self.ticket_id == Some(number),
            Scope::Intake | Scope::Purchases => false,
        }
    }
}

pub fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_string())
}

pub async fn authenticate(
    req: &HttpRequest,
    state: &AppState,
    accepted: &[Scope],
) -> Result<Principal, WebError> {
    let token = bearer(req).ok_or_else(WebError::unauthorized)?;
    let accepted = accepted.to_vec();
    with_conn(state, move |c| authenticate_on(c, &token, &accepted)).await
}

/// The same check on a connection the caller already holds, so a handler can authenticate and
/// act in one trip to the blocking pool.
pub fn authenticate_on(
    c: &mut DbConn,
    token: &str,
    accepted: &[Scope],
) -> Result<Principal, WebError> {
    let row = store::tokens::find_by_hash(c, &tokens::hash(token))?;
    let row = row.ok_or_else(WebError::unauthorized)?;
    let scope = row.scope;
    if !accepted.contains(&scope) {
        return Err(WebError::forbidden());
    }
    Ok(Principal {
        scope,
        agent_id: row.agent_id,
        ticket_id: row.ticket_id,
    })
}
