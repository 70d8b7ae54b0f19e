//! `GET /agent/login/code` asks an agent with two-factor sign-in on for their one-time code,
//! `POST /agent/login/code` checks it and gives the session.
//!
//! The page is reached only with the second-step token a right password gave
//! ([`session::issue_step`]: bound to the agent, their password and their session epoch, five
//! minutes, sent to this path only). The post checks the CSRF token, then the token, then the
//! same per-address and per-account rate limits as the password (a code guessed is a password
//! guessed: each wrong code counts as a failed sign-in; a right one costs nothing more than its
//! password did), then the code: one of the current step or one either side, later than the
//! last one accepted, taken in one conditional update so it works once even across processes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::safe_next;
use super::sign_in::start_session;
use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::models::Agent;
use crate::two_factor::{self, Code};
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;
use crate::web::rate_limit;
use crate::web::session;
use crate::web::widgets::Field;

#[derive(Template)]
#[template(path = "agent/code.html")]
pub struct CodePage {
    pub layout: Layout,
    pub title: String,
    pub intro: String,
    pub error: Option<String>,
    pub csrf_field: &'static str,
    pub csrf_token: String,
    pub next: String,
    pub code: Field,
    pub submit: String,
    pub restart: String,
}

/// The one-time code field, empty (a code is never sent back), with its hint and `error`.
pub fn code_field(lang: Lang, error: Option<String>) -> Field {
    let t = |m| i18n::text(lang, m, &[]);
    let mut errors = std::collections::BTreeMap::new();
    if let Some(e) = error {
        errors.insert("code".to_string(), e);
    }
    Field::new("code", t(Msg::AgentCodeLabel), "")
        .hint(t(Msg::AgentCodeHint))
        .required()
        .error_from(&errors)
}

impl CodePage {
    fn new(lang: Lang, csrf: &Csrf, next: &str, error: Option<String>) -> CodePage {
        let t = |m| i18n::text(lang, m, &[]);
        CodePage {
            layout: Layout::new(lang),
            title: t(Msg::AgentSigninCodeTitle),
            intro: t(Msg::AgentSigninCodeIntro),
            error: error.clone(),
            csrf_field: csrf::FIELD,
            csrf_token: csrf.token.clone(),
            next: safe_next(next),
            code: code_field(lang, error),
            submit: t(Msg::AgentSigninSubmit),
            restart: t(Msg::AgentSigninCodeRestart),
        }
    }
}

/// What a typed code is worth against a secret.
pub enum Checked {
    /// Not six digits.
    Malformed,
    /// Not a code of the secret now, or of a step already used.
    Wrong,
    /// The code of this step.
    Right(i64),
}

/// Checks `typed` against the sealed secret `stored` of agent `agent_id`, at the app's clock,
/// refusing steps up to `last_step`. Does not take the step (the caller does, in the store).
pub fn check_code(
    state: &AppState,
    agent_id: i64,
    stored: &[u8],
    typed: &str,
    last_step: Option<i64>,
) -> Result<Checked, WebError> {
    let Some(code) = Code::parse(typed) else {
        return Ok(Checked::Malformed);
    };
    let secret = two_factor::open(&state.keys.two_factor, agent_id, stored).map_err(|e| {
        // A secret that does not open is a key or storage fault, not the agent's.
        tracing::error!(agent = agent_id, error = %e, "a two-factor secret does not open");
        WebError::internal()
    })?;
    Ok(match secret.accepts(&code, state.now(), last_step) {
        Some(step) => Checked::Right(step),
        None => Checked::Wrong,
    })
}

/// The agent whose live second-step token this request carries.
async fn stepping(req: &HttpRequest, state: &AppState) -> Result<Option<Agent>, WebError> {
    let Some((value, claim)) = session::step_from_request(req) else {
        return Ok(None);
    };
    let agent = with_conn(state, move |c| Ok(store::agents::by_id(c, claim.agent_id)?)).await?;
    Ok(agent.filter(|a| {
        a.totp_secret.is_some() && session::verify_step(&state.keys, &value, a, state.now())
    }))
}

/// Back to the password form, the stale token removed.
fn start_again(state: &AppState, next: &str, expired: bool) -> Result<HttpResponse, WebError> {
    let mut location = format!("/agent/login?next={}", super::urlencode(&safe_next(next)));
    if expired {
        location.push_str("&done=expired");
    }
    let mut res = super::see_other(&location);
    res.add_cookie(&session::step_removal(state.config.cookie_secure))
        .map_err(|_| WebError::internal())?;
    Ok(res)
}

#[derive(Debug, Deserialize)]
pub struct CodeQuery {
    pub next: Option<String>,
}

/// `GET /agent/login/code`.
pub async fn show(
    req: HttpRequest,
    query: web::Query<CodeQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let next = query.next.clone().unwrap_or_default();
    if stepping(&req, &state).await?.is_none() {
        let had_one = req.cookie(session::STEP_COOKIE).is_some();
        return start_again(&state, &next, had_one);
    }
    let lang = page_lang(&req, state.config.default_language);
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let page = CodePage::new(lang, &csrf, &next, None);
    respond(&req, &state, StatusCode::OK, &page, Some(&csrf))
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    pub csrf: Option<String>,
    pub code: Option<String>,
    pub next: Option<String>,
}

/// `POST /agent/login/code`.
pub async fn submit(
    req: HttpRequest,
    form: web::Form<CodeForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let lang = page_lang(&req, state.config.default_language);
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let next = form.next.clone().unwrap_or_default();
    let again = |status, error: Msg| {
        let page = CodePage::new(lang, &csrf, &next, Some(i18n::text(lang, error, &[])));
        respond(&req, &state, status, &page, Some(&csrf))
    };
    if !csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        return again(StatusCode::FORBIDDEN, Msg::FormCsrfFailed);
    }
    let Some(agent) = stepping(&req, &state).await? else {
        return start_again(&state, &next, true);
    };
    if let Err(wait) = rate_limit::may_try_code(&state, &req, &agent.email) {
        let minutes = rate_limit::minutes(wait).to_string();
        let text = i18n::text(lang, Msg::AgentSigninLimited, &[("minutes", minutes)]);
        let page = CodePage::new(lang, &csrf, &next, Some(text));
        let mut res = respond(
            &req,
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            &page,
            Some(&csrf),
        )?;
        if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&wait.to_string()) {
            res.headers_mut()
                .insert(actix_web::http::header::RETRY_AFTER, v);
        }
        return Ok(res);
    }
    let stored = agent.totp_secret.clone().unwrap_or_default();
    let typed = form.code.unwrap_or_default();
    let checked = check_code(&state, agent.id, &stored, &typed, agent.totp_last_step)?;
    if !matches!(checked, Checked::Right(_)) {
        rate_limit::code_failed(&state, &req, &agent.email);
    }
    let step = match checked {
        Checked::Malformed => {
            return again(StatusCode::UNPROCESSABLE_ENTITY, Msg::AgentCodeMalformed);
        }
        Checked::Wrong => return again(StatusCode::UNAUTHORIZED, Msg::AgentCodeWrong),
        Checked::Right(step) => step,
    };
    let id = agent.id;
    let taken = with_conn(&state, move |c| {
        Ok(store::two_factor::take_step(c, id, step)?)
    })
    .await?;
    if !taken {
        // Another request used this code first.
        rate_limit::code_failed(&state, &req, &agent.email);
        return again(StatusCode::UNAUTHORIZED, Msg::AgentCodeWrong);
    }
    let mut res = start_session(&state, &agent, &next)?;
    res.add_cookie(&session::step_removal(state.config.cookie_secure))
        .map_err(|_| WebError::internal())?;
    Ok(res)
}
