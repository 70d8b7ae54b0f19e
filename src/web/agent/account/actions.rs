//! The posts of the account page: enrolment started and confirmed with a code, two-factor
//! sign-in turned off with a code, and signing out everywhere. Apart from the page because each
//! is a change to the account: CSRF-checked, wrong codes counted against the sign-in rate limit,
//! written to the audit log, answered with a redirect or the page again with the reason.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::render;
use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::audit::AuditAction;
use crate::store::models::Agent;
use crate::two_factor::{self, Secret};
use crate::web::agent::two_step::{Checked, check_code};
use crate::web::agent::{Gate, gate, see_other};
use crate::web::api::with_conn;
use crate::web::csrf;
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::rate_limit;
use crate::web::session;

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
