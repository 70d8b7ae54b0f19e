//! The portal's credentials section: whether site credentials were given and whether they are
//! still kept (never their values), and "delete my credentials now" (`POST
//! /t/{token}/credentials/delete`, with a CSRF token), which deletes them and answers 303 back
//! to the portal with a notice.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use super::page_error;
use super::portal::well_formed;
use crate::app::AppState;
use crate::domain::ids::TicketId;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::credentials::CredentialStatus;
use crate::tokens::{self, Scope};
use crate::web::api::body::read_body;
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;

/// What `templates/customer/portal_credentials.html` shows.
#[derive(Debug, Clone)]
pub struct CredentialsPanel {
    pub status: String,
    /// The delete form, while they are kept.
    pub delete: Option<DeleteForm>,
    /// "Deleted", just after the button.
    pub notice: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DeleteForm {
    pub action: String,
    pub csrf_field: &'static str,
    pub csrf_token: String,
    pub button: String,
}

/// The query the delete answer redirects to, for the notice.
const DELETED_QUERY: &str = "credentials=deleted";

/// The section for `ticket`, or `None` when no credentials were ever given (nothing to say).
pub async fn panel(
    req: &HttpRequest,
    state: &AppState,
    lang: Lang,
    token: &str,
    ticket: TicketId,
    csrf: &Csrf,
) -> Result<Option<CredentialsPanel>, WebError> {
    let status = with_conn(state, move |c| Ok(store::credentials::status(c, ticket)?)).await?;
    let t = |msg| i18n::text(lang, msg, &[]);
    let notice = req
        .query_string()
        .split('&')
        .any(|pair| pair == DELETED_QUERY)
        .then(|| t(Msg::PortalCredentialsDeletedNotice));
    Ok(match status {
        CredentialStatus::NoneGiven => None,
        CredentialStatus::Kept => Some(CredentialsPanel {
            status: t(Msg::PortalCredentialsKept),
            delete: Some(DeleteForm {
                action: format!("/t/{token}/credentials/delete"),
                csrf_field: csrf::FIELD,
                csrf_token: csrf.token.clone(),
                button: t(Msg::PortalCredentialsDelete),
            }),
            notice: None,
        }),
        CredentialStatus::Deleted => Some(CredentialsPanel {
            status: t(Msg::PortalCredentialsDeleted),
            delete: None,
            notice,
        }),
    })
}

/// `POST /t/{token}/credentials/delete`.
pub async fn delete(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let token = path.into_inner();
    if !well_formed(&token) {
        return Err(super::not_found());
    }
    let lang = page_lang(&req, state.config.default_language);
    let malformed = || {
        page_error(
            StatusCode::BAD_REQUEST,
            "malformed_form",
            lang,
            Msg::FormMalformed,
        )
    };
    // The form holds one CSRF token: a few hundred bytes is plenty.
    let raw = read_body(payload, 4096).await.map_err(|_| malformed())?;
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&raw).map_err(|_| malformed())?;
    let submitted = pairs
        .iter()
        .find(|(k, _)| k == csrf::FIELD)
        .map(|(_, v)| v.as_str());
    if !csrf::verify(&req, &state.keys, submitted) {
        return Err(page_error(
            StatusCode::FORBIDDEN,
            "csrf_failed",
            lang,
            Msg::FormCsrfFailed,
        ));
    }
    let hash = tokens::hash(&token);
    with_conn(&state, move |c| {
        let ticket = store::tokens::find_by_hash(c, &hash)?
            .filter(|r| r.scope == Scope::Portal)
            .and_then(|r| r.ticket_id)
            .ok_or_else(super::not_found)?;
        store::credentials::delete_now(c, ticket)?;
        Ok(())
    })
    .await?;
    // Deleting twice is fine: the second time there is nothing left, and the notice is true.
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/t/{token}?{DELETED_QUERY}")))
        .finish())
}
