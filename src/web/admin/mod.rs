//! The admin pages under `/admin`: signed-in agents with the admin role only. An anonymous
//! visitor is sent to the sign-in page; an agent without the role gets 403 on every route,
//! reads and posts alike ([`admin_gate`]).

pub mod agent_access;
pub mod agents;
pub mod audit;
pub mod nav;
pub mod privacy;
pub mod product;
// Products and releases, purchases, the CSV import.
pub mod catalog;
pub mod products;
pub mod purchase_actions;
pub mod purchase_import;
pub mod purchases;
// API tokens, canned responses, settings.
pub mod canned;
pub mod canned_edit;
pub mod settings;
pub mod tokens;

use actix_web::{HttpRequest, HttpResponse};

use crate::app::AppState;
use crate::i18n::Lang;
use crate::store::models::Agent;
use crate::web::agent::{Gate, gate, require_admin};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;

/// The signed-in admin and the page language, or the answer to send instead: a redirect to
/// sign in, or 403.
pub async fn admin_gate(
    req: &HttpRequest,
    state: &AppState,
) -> Result<Result<(Agent, Lang), HttpResponse>, WebError> {
    match gate(req, state).await? {
        Gate::Out(res) => Ok(Err(res)),
        Gate::In(agent) => {
            let lang = page_lang(req, state.config.default_language);
            require_admin(&agent, lang)?;
            Ok(Ok((agent, lang)))
        }
    }
}
