//! The portal's posts: `POST /t/{token}/reply` adds a customer message through
//! `intake::customer_message` (the API's lifecycle rule: a closed ticket opens a new linked one),
//! and `POST /t/{token}/solved` marks the ticket solved through `intake::customer_resolved`.
//! Both check the CSRF token and the rate limits; every answer that is not a redirect shows the
//! portal again with what was typed. The token, as on `GET`, answers 404 when it is not valid.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use super::form::Alert;
use super::portal::{Outcome, ReplyInput, path_token, render, ticket_of};
use super::upload;
use crate::app::AppState;
use crate::domain::channel::Channel;
use crate::domain::text::normalize_newlines;
use crate::i18n::{self, Lang, Msg};
use crate::intake::{self, IntakeError, MessageOutcome};
use crate::store::models::Ticket;
use crate::web::api::tickets::ReplyBody;
use crate::web::api::with_conn;
use crate::web::csrf;
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::fields::FieldErrors;
use crate::web::rate_limit::{self, Form};

/// The fields of a portal post, as sent. A repeated field keeps its first value.
#[derive(Debug, Default)]
struct Posted {
    body: String,
    confirm: bool,
    csrf: Option<String>,
    files: Vec<upload::Pending>,
    problem: Option<upload::FileProblem>,
    had_files: bool,
}

/// Reads the body, urlencoded or multipart (`upload::read`).
async fn read_form(
    req: &HttpRequest,
    payload: web::Payload,
    state: &AppState,
    lang: Lang,
) -> Result<Posted, WebError> {
    let read = upload::read(req, payload, state, lang).await?;
    let mut posted = Posted {
        had_files: read.had_files(),
        problem: read.problem,
        files: read.files,
        ..Posted::default()
    };
    let mut seen = std::collections::HashSet::new();
    for (key, value) in read.pairs {
        if !seen.insert(key.clone()) {
            continue;
        }
        match key.as_str() {
            "body" => posted.body = normalize_newlines(&value).into_owned(),
            "confirm" => posted.confirm = !value.is_empty(),
            csrf::FIELD => posted.csrf = Some(value),
            _ => {}
        }
    }
    Ok(posted)
}

fn alert(lang: Lang, title: Msg, text: String) -> Option<Alert> {
    Some(Alert {
        title: i18n::text(lang, title, &[]),
        text,
    })
}

/// The page again when the CSRF token is wrong (403), or a limit is reached (429 with
/// `Retry-After`); `None` when the post may go on.
async fn refuse_early(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    token: &str,
    posted: &Posted,
    email: &str,
) -> Result<Option<HttpResponse>, WebError> {
    let lang = page_lang(req, state.config.default_language);
    let input = ReplyInput {
        body: posted.body.clone(),
        confirm: posted.confirm,
    };
    if !csrf::verify(req, &state.keys, posted.csrf.as_deref()) {
        let outcome = Outcome {
            complete: Default::default(),
            input,
            errors: BTreeMap::new(),
            alert: alert(
                lang,
                Msg::FormErrorsTitle,
                upload::note_files(
                    lang,
                    i18n::text(lang, Msg::FormCsrfFailed, &[]),
                    posted.had_files,
                ),
            ),
        };
        return Ok(Some(
            render(req, state, token, StatusCode::FORBIDDEN, outcome).await?,
        ));
    }
    if let Err(secs) = rate_limit::check(state, req, Form::Portal, Some(email)) {
        let minutes = rate_limit::minutes(secs).to_string();
        let text = i18n::text(lang, Msg::RateLimited, &[("minutes", minutes)]);
        let text = upload::note_files(lang, text, posted.had_files);
        let outcome = Outcome {
            complete: Default::default(),
            input,
            errors: BTreeMap::new(),
            alert: alert(lang, Msg::RateLimitedTitle, text),
        };
        let mut res = render(req, state, token, StatusCode::TOO_MANY_REQUESTS, outcome).await?;
        res.headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from(secs));
        return Ok(Some(res));
    }
    Ok(None)
}

/// A portal post that may go on: its token, the page language, the form as sent, the ticket.
struct Accepted {
    token: String,
    lang: Lang,
    posted: Posted,
    ticket: Ticket,
}

/// What every portal post starts with: the token, the form and the ticket, then the early
/// refusals (a bad CSRF token, a limit reached), which answer with the page itself (`Err`).
async fn accept(
    req: &HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: &web::Data<AppState>,
) -> Result<Result<Accepted, HttpResponse>, WebError> {
    let token = path_token(path)?;
    let lang = page_lang(req, state.config.default_language);
    let posted = read_form(req, payload, state, lang).await?;
    let t = token.clone();
    let ticket = with_conn(state, move |c| ticket_of(c, &t)).await?;
    if let Some(res) = refuse_early(req, state, &token, &posted, &ticket.email).await? {
        return Ok(Err(res));
    }
    Ok(Ok(Accepted {
        token,
        lang,
        posted,
        ticket,
    }))
}

fn see_other(location: String) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// `POST /t/{token}/reply`.
pub async fn reply(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let Accepted {
        token,
        lang,
        posted,
        ticket,
    } = match accept(&req, path, payload, &state).await? {
        Ok(accepted) => accepted,
        Err(refusal) => return Ok(refusal),
    };
    // The API's rules for a reply body, then the confirmation the page asks for.
    let body = ReplyBody {
        body: Some(posted.body.clone()),
    };
    let mut errors = FieldErrors::default();
    errors.validate(&body);
    let mut messages = errors.messages(lang);
    if !posted.confirm {
        messages.insert(
            "confirm".into(),
            i18n::text(lang, Msg::PortalReplyConfirmMissing, &[]),
        );
    }
    if let Some(p) = posted.problem {
        messages.insert(upload::FIELD.into(), upload::problem_text(lang, &state, p));
    }
    let had_files = posted.had_files;
    let input = ReplyInput {
        body: posted.body.clone(),
        confirm: posted.confirm,
    };
    if !messages.is_empty() {
        let outcome = Outcome {
            complete: Default::default(),
            input,
            errors: messages,
            alert: alert(
                lang,
                Msg::FormErrorsTitle,
                upload::note_files(lang, i18n::text(lang, Msg::InvalidFields, &[]), had_files),
            ),
        };
        let status = posted
            .problem
            .map_or(StatusCode::UNPROCESSABLE_ENTITY, |p| p.status());
        return render(&req, &state, &token, status, outcome).await;
    }
    let files = upload::store(&state, posted.files).await?;
    let st = state.clone().into_inner();
    let text = posted.body;
    let number = ticket.id;
    let result = with_conn(&state, move |c| {
        Ok(intake::customer_message(
            c,
            st.intake(),
            number,
            &text,
            &files,
            Channel::Web,
            st.now(),
        ))
    })
    .await?;
    let refused = |text| Outcome {
        complete: Default::default(),
        input: input.clone(),
        errors: BTreeMap::new(),
        alert: alert(
            lang,
            Msg::FormRefusedTitle,
            upload::note_files(lang, text, had_files),
        ),
    };
    // A follow-up that cannot be opened: the page again, with why.
    let refusal = match &result {
        Err(IntakeError::Refused(refusal, lang)) => Some(i18n::refusal_message(*lang, refusal)),
        Err(IntakeError::NoVersion(lang)) => Some(i18n::text(*lang, Msg::InvalidVersion, &[])),
        _ => None,
    };
    if let Some(text) = refusal {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return render(&req, &state, &token, status, refused(text)).await;
    }
    match result {
        Ok(MessageOutcome::Joined(_)) => Ok(see_other(format!("/t/{token}?sent=1"))),
        // The ticket was over: the message opened a new ticket, which the customer now follows.
        Ok(MessageOutcome::FollowUp(created)) => {
            Ok(see_other(format!("/t/{}?new=1", created.portal_token)))
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /t/{token}/solved`.
pub async fn solved(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let Accepted { token, ticket, .. } = match accept(&req, path, payload, &state).await? {
        Ok(accepted) => accepted,
        Err(refusal) => return Ok(refusal),
    };
    let st = state.clone().into_inner();
    let number = ticket.id;
    let (_, changed) = with_conn(&state, move |c| {
        Ok(intake::customer_resolved(c, number, st.now())?)
    })
    .await?;
    let flag = if changed { 1 } else { 0 };
    Ok(see_other(format!("/t/{token}?solved={flag}")))
}
