//! `/admin/agents/{id}/…`: what an admin does to an agent's access besides the password. "Reset
//! two-factor" turns the agent's two-factor sign-in off (a lost phone: the agent signs in with
//! the password and enrols again) and ends their sessions; "end sessions" ends every session
//! of the agent in every `serve` process at once (the session MAC covers the agent's epoch).
//! Both are CSRF-checked and written to the audit log with the agent's id.

use actix_web::{HttpRequest, HttpResponse, web};

use super::admin_gate;
use super::agents::{RowForm, target};
use crate::app::AppState;
use crate::store;
use crate::store::audit::AuditAction;
use crate::web::agent::see_other;
use crate::web::api::with_conn;
use crate::web::error::WebError;

/// Runs `change` on the target agent and records `action` about them, in one transaction.
async fn act(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<RowForm>,
    state: web::Data<AppState>,
    action: AuditAction,
    change: fn(&mut crate::db::DbConn, i64) -> store::StoreResult<bool>,
    done: &str,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let agent = target(&req, &state, lang, form.csrf.as_deref(), &path).await?;
    let (admin_id, agent_id, now) = (admin.id, agent.id, state.now());
    with_conn(&state, move |c| {
        c.write(|c| {
            change(c, agent_id)?;
            let detail = format!("agent={agent_id}");
            store::audit::record(c, now, admin_id, action, None, &detail)
        })?;
        Ok(())
    })
    .await?;
    tracing::info!(
        by = admin_id,
        agent = agent_id,
        action = action.as_str(),
        "agent access changed"
    );
    Ok(see_other(&format!("/admin/agents?done={done}")))
}

/// `POST /admin/agents/{id}/two-factor/reset`.
pub async fn reset_two_factor(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<RowForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let change = store::two_factor::reset;
    act(
        req,
        path,
        form,
        state,
        AuditAction::TwoFactorReset,
        change,
        "two-factor",
    )
    .await
}

/// `POST /admin/agents/{id}/sessions/end`.
pub async fn end_sessions(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<RowForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let change = store::two_factor::end_sessions;
    act(
        req,
        path,
        form,
        state,
        AuditAction::SessionsEnded,
        change,
        "sessions",
    )
    .await
}
