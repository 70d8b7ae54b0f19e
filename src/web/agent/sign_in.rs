//! `GET /agent/login` shows the sign-in form, `POST /agent/login` checks it, `POST
//! /agent/logout` ends the session.
//!
//! The post checks the CSRF token, then the rate limits (per client address and per typed
//! email, before any password work, so guessing costs the guesser), then the password with
//! argon2id on the blocking pool. An unknown email is verified against a dummy hash, so the
//! answer takes as long as for a real agent and says the same thing: the page never tells
//! which emails are agents. Success sets a new session cookie (rotated at every sign-in), or,
//! for an agent with two-factor sign-in on, a second-step token and a redirect to the code page
//! ([`super::two_step`]).

use std::sync::OnceLock;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{safe_next, see_other, signed_in};
use crate::app::AppState;
use crate::domain::email::EmailAddress;
use crate::i18n::{self, Lang, Msg};
use crate::password;
use crate::store;
use crate::web::csrf::{self, Csrf};
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;
use crate::web::rate_limit;
use crate::web::session;
use crate::web::widgets::Field;

#[derive(Template)]
#[template(path = "agent/login.html")]
pub struct SignInPage {
    pub layout: Layout,
    pub title: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub csrf_field: &'static str,
    pub csrf_token: String,
    pub next: String,
    pub email: Field,
    pub password: Field,
    pub submit: String,
}

impl SignInPage {
    fn new(lang: Lang, csrf: &Csrf, next: &str, email: &str) -> SignInPage {
        let t = |m| i18n::text(lang, m, &[]);
        SignInPage {
            layout: Layout::new(lang),
            title: t(Msg::AgentSigninTitle),
            notice: None,
            error: None,
            csrf_field: csrf::FIELD,
            csrf_token: csrf.token.clone(),
            next: safe_next(next),
            email: Field::new("email", t(Msg::AgentSigninEmail), email).required(),
            // A password is never sent back to the browser.
            password: Field::new("password", t(Msg::AgentSigninPassword), "").required(),
            submit: t(Msg::AgentSigninSubmit),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    pub next: Option<String>,
    /// Why the agent is back here: `everywhere` (signed out everywhere), `expired` (the code
    /// step ran out). It only picks the sentence.
    pub done: Option<String>,
}

/// `GET /agent/login`: the form; an agent already signed in goes straight on.
pub async fn show(
    req: HttpRequest,
    query: web::Query<NextQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let next = query.next.clone().unwrap_or_default();
    if signed_in(&req, &state).await?.is_some() {
        return Ok(see_other(&safe_next(&next)));
    }
    let lang = page_lang(&req, state.config.default_language);
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let mut page = SignInPage::new(lang, &csrf, &next, "");
    let notice = match query.done.as_deref() {
        Some("everywhere") => Some(Msg::AgentSignedOutEverywhere),
        Some("expired") => Some(Msg::AgentSigninCodeExpired),
        _ if !next.is_empty() => Some(Msg::AgentSigninRequired),
        _ => None,
    };
    page.notice = notice.map(|m| i18n::text(lang, m, &[]));
    respond(&req, &state, StatusCode::OK, &page, Some(&csrf))
}

#[derive(Debug, Deserialize)]
pub struct SignInForm {
    pub csrf: Option<String>,
    pub email: Option<String>,
    pub password: Option<String>,
    pub next: Option<String>,
}

/// A hash to verify unknown emails against, made once per process.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash("not the password of anybody").unwrap_or_default())
}

/// `POST /agent/login`.
pub async fn submit(
    req: HttpRequest,
    form: web::Form<SignInForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let lang = page_lang(&req, state.config.default_language);
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let typed = form.email.clone().unwrap_or_default();
    let next = form.next.clone().unwrap_or_default();
    let again = |status, error: String| {
        let mut page = SignInPage::new(lang, &csrf, &next, typed.trim());
        page.error = Some(error);
        respond(&req, &state, status, &page, Some(&csrf))
    };
    if !csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        return again(
            StatusCode::FORBIDDEN,
            i18n::text(lang, Msg::FormCsrfFailed, &[]),
        );
    }
    if let Err(wait) = rate_limit::check_sign_in(&state, &req, &typed) {
        let minutes = rate_limit::minutes(wait).to_string();
        let mut res = again(
            StatusCode::TOO_MANY_REQUESTS,
            i18n::text(lang, Msg::AgentSigninLimited, &[("minutes", minutes)]),
        )?;
        if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&wait.to_string()) {
            res.headers_mut()
                .insert(actix_web::http::header::RETRY_AFTER, v);
        }
        return Ok(res);
    }
    let email = EmailAddress::parse(&typed).ok();
    let password = form.password.unwrap_or_default();
    let agent = match email {
        Some(email) => {
            crate::web::api::with_conn(&state, move |c| {
                Ok(store::agents::find_by_email(c, &email)?)
            })
            .await?
        }
        None => None,
    };
    let stored = agent
        .as_ref()
        .map(|a| a.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let good = web::block(move || password::verify(&password, &stored)).await?;
    let agent = agent.filter(|a| good && a.active);
    let Some(agent) = agent else {
        return again(
            StatusCode::UNAUTHORIZED,
            i18n::text(lang, Msg::AgentSigninFailed, &[]),
        );
    };
    if agent.totp_secret.is_some() {
        // The password is right, but it is only the first step: no session yet.
        let value = session::issue_step(&state.keys, &agent, state.now()).map_err(|e| {
            tracing::error!(error = %e, "no randomness for a second-step token");
            WebError::internal()
        })?;
        tracing::info!(agent = agent.id, "agent password accepted, code asked");
        let mut res = see_other(&format!(
            "{}?next={}",
            session::STEP_PATH,
            super::urlencode(&safe_next(&next))
        ));
        res.add_cookie(&session::step_cookie(value, state.config.cookie_secure))
            .map_err(|_| WebError::internal())?;
        return Ok(res);
    }
    start_session(&state, &agent, &next)
}

/// The answer that signs `agent` in: a new session cookie, the agent's saved language, and a
/// redirect to `next` (when it is a dashboard path).
pub fn start_session(
    state: &AppState,
    agent: &store::models::Agent,
    next: &str,
) -> Result<HttpResponse, WebError> {
    let value = session::issue(&state.keys, agent, state.now()).map_err(|e| {
        tracing::error!(error = %e, "no randomness for a session");
        WebError::internal()
    })?;
    // Logs name the agent by id, never by email.
    tracing::info!(agent = agent.id, "agent signed in");
    let mut res = see_other(&safe_next(next));
    res.add_cookie(&session::cookie(value, state.config.cookie_secure))
        .map_err(|_| WebError::internal())?;
    if let Some(lang) = agent.lang {
        res.add_cookie(&crate::web::customer::remembered_lang(
            lang,
            state.config.cookie_secure,
        ))
        .map_err(|_| WebError::internal())?;
    }
    Ok(res)
}

#[derive(Debug, Deserialize)]
pub struct SignOutForm {
    pub csrf: Option<String>,
}

/// `POST /agent/logout`: removes the cookie. CSRF-checked, so another site cannot sign an agent
/// out. The session value itself stays valid until it expires (it is stateless); removing it
/// from the browser is what signing out means here, and a password reset ends every session.
pub async fn sign_out(
    req: HttpRequest,
    form: web::Form<SignOutForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let lang = page_lang(&req, state.config.default_language);
    if !csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        return Err(WebError::new(
            StatusCode::FORBIDDEN,
            "csrf_failed",
            i18n::text(lang, Msg::FormCsrfFailed, &[]),
        ));
    }
    let mut res = see_other("/agent/login");
    res.add_cookie(&session::removal(state.config.cookie_secure))
        .map_err(|_| WebError::internal())?;
    Ok(res)
}
