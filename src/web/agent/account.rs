//! `/agent/account`: the signed-in agent's own account. Two-factor sign-in (set up, confirmed
//! with a code, turned off with a code) and "sign out everywhere".
//!
//! Enrolment keeps the new secret sealed in the database (`totp_pending`), never in a form, so
//! what the browser sends back cannot choose it; it becomes the agent's secret only when a code
//! from it is right. Turning it on ends the agent's other sessions (this browser gets a new
//! cookie); signing out everywhere ends this one too. Every post is CSRF-checked, and wrong
//! codes count against the same per-account rate limit as sign-in. The page and the QR code are
//! answered `no-store`: they show the secret.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::two_step::{Checked, check_code, code_field};
use super::{Gate, Shell, gate, see_other};
use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::audit::AuditAction;
use crate::store::models::Agent;
use crate::two_factor::{self, Secret};
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::customer::{not_found, respond};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;
use crate::web::rate_limit;
use crate::web::session;
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

#[derive(Debug, Deserialize)]
pub struct AccountForm {
    pub csrf: Option<String>,
    pub code: Option<String>,
}

/// The signed-in agent of a post whose CSRF token is right, or the answer to send instead.
async fn posted(
    req: &HttpRequest,
    state: &AppState,
    form: &AccountForm,
) -> Result<Result<(Agent, Lang), HttpResponse>, WebError> {
    let agent = match gate(req, state).await? {
        Gate::In(agent) => agent,
        Gate::Out(res) => return Ok(Err(res)),
    };
    let lang = page_lang(req, state.config.default_language);
    if !csrf::verify(req, &state.keys, form.csrf.as_deref()) {
        return Err(WebError::new(
            StatusCode::FORBIDDEN,
            "csrf_failed",
            i18n::text(lang, Msg::FormCsrfFailed, &[]),
        ));
    }
    Ok(Ok((agent, lang)))
}

/// The answer when the typed code was not good (or when codes are being guessed too fast).
fn refused(
    req: &HttpRequest,
    state: &AppState,
    agent: &Agent,
    status: StatusCode,
    error: String,
) -> Result<HttpResponse, WebError> {
    render(req, state, agent, status, None, Some((error, true)))
}

/// The 429 page when the sign-in limits are reached (wrong codes count there).
fn limited(
    req: &HttpRequest,
    state: &AppState,
    agent: &Agent,
    lang: Lang,
) -> Result<Option<HttpResponse>, WebError> {
    match rate_limit::may_try_code(state, req, &agent.email) {
        Ok(()) => Ok(None),
        Err(wait) => {
            let minutes = rate_limit::minutes(wait).to_string();
            let text = i18n::text(lang, Msg::AgentSigninLimited, &[("minutes", minutes)]);
            refused(req, state, agent, StatusCode::TOO_MANY_REQUESTS, text).map(Some)
        }
    }
}

fn code_refusal(checked: &Checked) -> Option<Msg> {
    match checked {
        Checked::Malformed => Some(Msg::AgentCodeMalformed),
        Checked::Wrong => Some(Msg::AgentCodeWrong),
        Checked::Right(_) => None,
    }
}

/// `POST /agent/account/two-factor/start`: a new secret to enrol, sealed in the database.
pub async fn start(
    req: HttpRequest,
    form: web::Form<AccountForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (agent, _) = match posted(&req, &state, &form).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    if agent.totp_secret.is_none() {
        let secret = Secret::generate().map_err(|e| {
            tracing::error!(error = %e, "no randomness for a two-factor secret");
            WebError::internal()
        })?;
        let sealed = two_factor::seal(&state.keys.two_factor, agent.id, &secret)
            .map_err(|_| WebError::internal())?;
        let id = agent.id;
        with_conn(&state, move |c| {
            Ok(store::two_factor::set_pending(c, id, &sealed)?)
        })
        .await?;
    }
    Ok(see_other("/agent/account"))
}

/// `POST /agent/account/two-factor/confirm`: a right code from the pending secret turns
/// two-factor sign-in on and ends the other sessions; this browser gets a new session.
pub async fn confirm(
    req: HttpRequest,
    form: web::Form<AccountForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (agent, lang) = match posted(&req, &state, &form).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let Some(pending) = agent
        .totp_pending
        .clone()
        .filter(|_| agent.totp_secret.is_none())
    else {
        return Ok(see_other("/agent/account"));
    };
    if let Some(res) = limited(&req, &state, &agent, lang)? {
        return Ok(res);
    }
    let typed = form.code.clone().unwrap_or_default();
    let checked = check_code(&state, agent.id, &pending, &typed, agent.totp_last_step)?;
    let Checked::Right(step) = checked else {
        rate_limit::code_failed(&state, &req, &agent.email);
        let msg = code_refusal(&checked).unwrap_or(Msg::AgentCodeWrong);
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refused(&req, &state, &agent, status, i18n::text(lang, msg, &[]));
    };
    let (id, now) = (agent.id, state.now());
    let enabled = with_conn(&state, move |c| {
        let agent = c.write(|c| {
            if !store::two_factor::enable(c, id, &pending, step)? {
                return Ok::<_, store::StoreError>(None);
            }
            store::audit::record(c, now, id, AuditAction::TwoFactorOn, None, "")?;
            store::agents::by_id(c, id)
        })?;
        Ok(agent)
    })
    .await?;
    let Some(agent) = enabled else {
        // The enrolment was restarted meanwhile: the code was for the old secret.
        let text = i18n::text(lang, Msg::AgentCodeWrong, &[]);
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refused(&req, &state, &agent, status, text);
    };
    tracing::info!(agent = agent.id, "two-factor sign-in turned on");
    // The epoch moved on, which ended every session; this browser gets one of the new epoch.
    let value =
        session::issue(&state.keys, &agent, state.now()).map_err(|_| WebError::internal())?;
    let mut res = see_other("/agent/account?done=on");
    res.add_cookie(&session::cookie(value, state.config.cookie_secure))
        .map_err(|_| WebError::internal())?;
    Ok(res)
}

/// `POST /agent/account/two-factor/disable`: a right current code turns it off.
pub async fn disable(
    req: HttpRequest,
    form: web::Form<AccountForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (agent, lang) = match posted(&req, &state, &form).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let Some(secret) = agent.totp_secret.clone() else {
        return Ok(see_other("/agent/account"));
    };
    if let Some(res) = limited(&req, &state, &agent, lang)? {
        return Ok(res);
    }
    let typed = form.code.clone().unwrap_or_default();
    let checked = check_code(&state, agent.id, &secret, &typed, agent.totp_last_step)?;
    let (id, now) = (agent.id, state.now());
    let done = match checked {
        Checked::Right(step) => {
            with_conn(&state, move |c| {
                let done = c.write(|c| {
                    if !store::two_factor::take_step(c, id, step)? {
                        return Ok::<_, store::StoreError>(false);
                    }
                    store::two_factor::disable(c, id)?;
                    store::audit::record(c, now, id, AuditAction::TwoFactorOff, None, "")?;
                    Ok(true)
                })?;
                Ok(done)
            })
            .await?
        }
        _ => false,
    };
    if !done {
        rate_limit::code_failed(&state, &req, &agent.email);
        let msg = code_refusal(&checked).unwrap_or(Msg::AgentCodeWrong);
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refused(&req, &state, &agent, status, i18n::text(lang, msg, &[]));
    }
    tracing::info!(agent = agent.id, "two-factor sign-in turned off");
    Ok(see_other("/agent/account?done=off"))
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

/// `POST /agent/account/sessions/end`: signs the agent out everywhere, this browser included.
pub async fn end_sessions(
    req: HttpRequest,
    form: web::Form<AccountForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (agent, _) = match posted(&req, &state, &form).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let (id, now) = (agent.id, state.now());
    with_conn(&state, move |c| {
        c.write(|c| {
            store::two_factor::end_sessions(c, id)?;
            let detail = format!("agent={id}");
            store::audit::record(c, now, id, AuditAction::SessionsEnded, None, &detail)
        })?;
        Ok(())
    })
    .await?;
    tracing::info!(agent = id, "agent signed out everywhere");
    let mut res = see_other("/agent/login?done=everywhere");
    res.add_cookie(&session::removal(state.config.cookie_secure))
        .map_err(|_| WebError::internal())?;
    Ok(res)
}
