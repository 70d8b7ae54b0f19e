//! The ticket's site credentials, apart from the rest of the page because they are the one
//! secret it touches: the box on the ticket page says only whether some are kept, and
//! `POST /agent/tickets/{number}/credentials` ([`reveal`]) is the single place that opens them,
//! writing the reveal to the audit log first.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::parse_number;
use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::store::credentials::CredentialStatus;
use crate::web::agent::{Gate, Shell, gate};
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::{not_found, respond};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;

/// The credentials section: what is known of them, and the reveal button when some are kept.
pub struct CredentialsBox {
    pub title: String,
    pub text: String,
    pub kept: bool,
    pub reveal: String,
}

impl CredentialsBox {
    /// The section for a ticket whose credentials stand at `status`.
    pub fn new(lang: Lang, status: CredentialStatus) -> CredentialsBox {
        let t = |m| i18n::text(lang, m, &[]);
        let text = match status {
            CredentialStatus::Kept => Msg::AgentCredentialsKept,
            CredentialStatus::Deleted => Msg::AgentCredentialsDeleted,
            CredentialStatus::NoneGiven => Msg::AgentCredentialsNone,
        };
        CredentialsBox {
            title: t(Msg::AgentCredentialsTitle),
            text: t(text),
            kept: status == CredentialStatus::Kept,
            reveal: t(Msg::AgentCredentialsReveal),
        }
    }
}

#[derive(Template)]
#[template(path = "agent/credentials.html")]
pub struct CredentialsPage {
    pub layout: Layout,
    pub shell: Shell,
    pub title: String,
    pub number: i64,
    pub shown_once: String,
    /// (label, value) of each field given.
    pub fields: Vec<(String, String)>,
    pub none: String,
    pub back: String,
}

#[derive(Debug, serde::Deserialize)]
pub struct RevealForm {
    pub csrf: Option<String>,
}

/// `POST /agent/tickets/{number}/credentials`: shows the site credentials once, after writing
/// the reveal to the audit log. A post, never a link: a prefetch or a crawler cannot reveal
/// them, and the answer is `no-store`, so the browser keeps no copy.
pub async fn reveal(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<RevealForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(a) => a,
        Gate::Out(res) => return Ok(res),
    };
    let number = parse_number(&path)?;
    let lang = page_lang(&req, state.config.default_language);
    if !crate::web::csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        return Err(WebError::new(
            StatusCode::FORBIDDEN,
            "csrf_failed",
            i18n::text(lang, Msg::FormCsrfFailed, &[]),
        ));
    }
    let (now, agent_id) = (state.now(), agent.id);
    let st = state.clone().into_inner();
    let opened = with_conn(&state, move |c| {
        crate::desk::reveal_credentials(c, &st.keys, number, agent_id, now).map_err(|e| match e {
            crate::desk::DeskError::TicketNotFound(_) => not_found(),
            other => WebError::from(other),
        })
    })
    .await?;
    let t = |m| i18n::text(lang, m, &[]);
    let fields = opened
        .map(|creds| {
            [
                (Msg::FormAdminLogin, creds.admin_login.clone()),
                (Msg::FormAdminPassword, creds.admin_password.clone()),
                (Msg::FormFtpHost, creds.ftp_host.clone()),
                (Msg::FormFtpUser, creds.ftp_user.clone()),
                (Msg::FormFtpPassword, creds.ftp_password.clone()),
            ]
            .into_iter()
            .filter_map(|(label, value)| Some((t(label), value?)))
            .collect()
        })
        .unwrap_or_default();
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let page = CredentialsPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, &agent, &csrf, "ticket"),
        title: t(Msg::AgentCredentialsTitle),
        number: number.get(),
        shown_once: t(Msg::AgentCredentialsShownOnce),
        fields,
        none: t(Msg::AgentCredentialsDeleted),
        back: i18n::text(
            lang,
            Msg::AgentCredentialsBack,
            &[("number", number.get().to_string())],
        ),
    };
    let mut res = respond(&req, &state, StatusCode::OK, &page, Some(&csrf))?;
    res.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}
