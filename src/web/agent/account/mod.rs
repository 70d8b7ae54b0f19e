//! `/agent/account`: the signed-in agent's own account. Two-factor sign-in (set up, confirmed
//! with a code, turned off with a code) and "sign out everywhere".
//!
//! Enrolment keeps the new secret sealed in the database (`totp_pending`), never in a form, so
//! what the browser sends back cannot choose it; it becomes the agent's secret only when a code
//! from it is right. Turning it on ends the agent's other sessions (this browser gets a new
//! cookie); signing out everywhere ends this one too. Every post is CSRF-checked, and wrong
//! codes count against the same per-account rate limit as sign-in. The page and the QR code are
//! answered `no-store`: they show the secret.
//!
//! The page itself (its view model, the QR code, the notices) is here; the posts that change
//! the account (enrolment started and confirmed, turning it off, signing out everywhere),
//! each CSRF-checked, those taking a code rate-limited, are in [`actions`], re-exported here.

pub mod actions;

pub use actions::{AccountForm, confirm, disable, end_sessions, start};

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::two_step::code_field;
use super::{Gate, Shell, gate};
use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::store::models::Agent;
use crate::two_factor::{self, Secret};
use crate::web::csrf::Csrf;
use crate::web::customer::{not_found, respond};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;
use crate::web::widgets::Field;

/// The enrolment under way: what the agent copies into their app.
pub struct Pending {
    pub scan: String,
    pub qr_alt: String,
    pub manual: String,
    /// The secret in base32, in groups of four for reading.
    pub key: String,
    pub confirm_intro: String,
    pub confirm: String,
}

#[derive(Template)]
#[template(path = "agent/account.html")]
pub struct AccountPage {
    pub layout: Layout,
    pub shell: Shell,
    pub title: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub two_factor_title: String,
    pub two_factor_on: bool,
    pub status: String,
    pub start: String,
    pub pending: Option<Pending>,
    pub off_intro: String,
    pub turn_off: String,
    pub code: Field,
    pub sessions_title: String,
    pub sessions_intro: String,
    pub sessions_end: String,
}

/// The issuer an authenticator app shows for this desk: its host name.
fn issuer(state: &AppState) -> String {
    crate::domain::text::host_of_url(&state.config.public_url)
}

fn grouped(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The pending secret of `agent`, opened; `None` when no enrolment is under way.
fn pending_secret(state: &AppState, agent: &Agent) -> Result<Option<Secret>, WebError> {
    let Some(sealed) = &agent.totp_pending else {
        return Ok(None);
    };
    two_factor::open(&state.keys.two_factor, agent.id, sealed)
        .map(Some)
        .map_err(|e| {
            tracing::error!(agent = agent.id, error = %e, "a pending two-factor secret does not open");
            WebError::internal()
        })
}

fn render(
    req: &HttpRequest,
    state: &AppState,
    agent: &Agent,
    status: StatusCode,
    notice: Option<String>,
    error: Option<(String, bool)>,
) -> Result<HttpResponse, WebError> {
    let lang = page_lang(req, state.config.default_language);
    let t = |m| i18n::text(lang, m, &[]);
    let csrf = Csrf::for_request(req, &state.keys)?;
    let on = agent.totp_secret.is_some();
    let pending = match (on, pending_secret(state, agent)?) {
        (false, Some(secret)) => Some(Pending {
            scan: t(Msg::AgentTwoFactorScan),
            qr_alt: t(Msg::AgentTwoFactorQrAlt),
            manual: t(Msg::AgentTwoFactorManual),
            key: grouped(&secret.base32()),
            confirm_intro: t(Msg::AgentTwoFactorConfirmIntro),
            confirm: t(Msg::AgentTwoFactorConfirm),
        }),
        _ => None,
    };
    // The error is the alert's; `true` also marks the code field.
    let field_error = error.as_ref().filter(|(_, f)| *f).map(|(e, _)| e.clone());
    let page = AccountPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, agent, &csrf, "account"),
        title: t(Msg::AgentAccountTitle),
        notice,
        error: error.map(|(e, _)| e),
        two_factor_title: t(Msg::AgentTwoFactorTitle),
        two_factor_on: on,
        status: t(if on {
            Msg::AgentTwoFactorIsOn
        } else {
            Msg::AgentTwoFactorIsOff
        }),
        start: t(Msg::AgentTwoFactorStart),
        pending,
        off_intro: t(Msg::AgentTwoFactorOffIntro),
        turn_off: t(Msg::AgentTwoFactorTurnOff),
        code: code_field(lang, field_error),
        sessions_title: t(Msg::AgentSessionsTitle),
        sessions_intro: t(Msg::AgentSessionsIntro),
        sessions_end: t(Msg::AgentSessionsEnd),
    };
    let mut res = respond(req, state, status, &page, Some(&csrf))?;
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

/// The notice a `?done=` flag asks for (the flag only picks the sentence).
fn notice_of(req: &HttpRequest, lang: Lang) -> Option<String> {
    let done = req
        .query_string()
        .split('&')
        .find_map(|p| p.strip_prefix("done="))?;
    let msg = match done {
        "on" => Msg::AgentTwoFactorEnabled,
        "off" => Msg::AgentTwoFactorDisabled,
        _ => return None,
    };
    Some(i18n::text(lang, msg, &[]))
}

/// `GET /agent/account`.
pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(agent) => agent,
        Gate::Out(res) => return Ok(res),
    };
    let lang = page_lang(&req, state.config.default_language);
    let notice = notice_of(&req, lang);
    render(&req, &state, &agent, StatusCode::OK, notice, None)
}

/// `GET /agent/account/two-factor/qr.svg`: the pending secret's QR code, `no-store`.
pub async fn qr(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(agent) => agent,
        Gate::Out(res) => return Ok(res),
    };
    let Some(secret) = pending_secret(&state, &agent)?.filter(|_| agent.totp_secret.is_none())
    else {
        return Err(not_found());
    };
    let svg = two_factor::qr_svg(&secret.uri(&issuer(&state), &agent.email)).map_err(|e| {
        tracing::error!(error = %e, "cannot draw a two-factor QR code");
        WebError::internal()
    })?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(svg))
}
