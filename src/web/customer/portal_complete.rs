//! The completion form of a `needs_info` ticket on the portal: the customer picks one of the
//! products they bought and types the installed version; `POST /t/{token}/complete` runs the
//! eligibility checks through `intake::complete_needs_info`. Eligible → back to the portal
//! with the ticket in the queue; refused → the portal again with the refusal's reason and what
//! was typed.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use super::form::Alert;
use super::portal::{Outcome, path_token, render, ticket_of};
use crate::app::AppState;
use crate::db::DbConn;
use crate::domain::email::EmailAddress;
use crate::domain::version::Version;
use crate::i18n::{self, Lang, Msg};
use crate::intake::{self, IntakeError};
use crate::store::{self, StoreError};
use crate::web::api::with_conn;
use crate::web::csrf;
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::widgets::{Choice, Field};

/// The form as sent, kept for a re-rendered page.
#[derive(Debug, Clone, Default)]
pub struct CompleteInput {
    pub product: String,
    pub version: String,
}

/// The form on the page.
#[derive(Debug, Clone)]
pub struct CompleteForm {
    pub action: String,
    pub product: Field,
    pub choices: Vec<Choice>,
    pub placeholder: String,
    pub version: Field,
}

/// The products `email` bought, as choices.
pub fn choices_for(c: &mut DbConn, email: &str) -> Result<Vec<Choice>, StoreError> {
    let Ok(email) = EmailAddress::parse(email) else {
        return Ok(Vec::new());
    };
    let mut ids: Vec<i64> = store::purchases::for_email(c, &email)?
        .into_iter()
        .map(|p| p.product_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut choices = Vec::with_capacity(ids.len());
    for id in ids {
        let p = store::products::by_id(c, id)?;
        choices.push(Choice {
            value: p.slug,
            label: p.name,
        });
    }
    choices.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(choices)
}

pub fn form(
    lang: Lang,
    token: &str,
    choices: Vec<Choice>,
    input: &CompleteInput,
    errors: &BTreeMap<String, String>,
) -> CompleteForm {
    let t = |msg| i18n::text(lang, msg, &[]);
    // With one product there is nothing to choose: it is chosen already.
    let chosen = match (input.product.is_empty(), choices.as_slice()) {
        (true, [only]) => only.value.clone(),
        _ => input.product.clone(),
    };
    CompleteForm {
        action: format!("/t/{token}/complete"),
        product: Field::new("product", t(Msg::FormProduct), &chosen)
            .error_from(errors)
            .required(),
        choices,
        placeholder: t(Msg::FormProductChoose),
        version: Field::new("version", t(Msg::FormVersion), &input.version)
            .error_from(errors)
            .required(),
    }
}

/// `POST /t/{token}/complete`.
pub async fn complete(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let token = path_token(path)?;
    let lang = page_lang(&req, state.config.default_language);
    let mut input = CompleteInput::default();
    let mut sent_csrf = None;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    for (key, value) in pairs {
        match key.as_str() {
            "product" if input.product.is_empty() => input.product = value.trim().to_string(),
            "version" if input.version.is_empty() => input.version = value.trim().to_string(),
            csrf::FIELD if sent_csrf.is_none() => sent_csrf = Some(value),
            _ => {}
        }
    }
    let again = |status, errors, alert| {
        let outcome = Outcome {
            complete: input.clone(),
            errors,
            alert,
            ..Outcome::default()
        };
        let (req, state, token) = (req.clone(), state.clone(), token.clone());
        async move { render(&req, &state, &token, status, outcome).await }
    };
    let t = |msg| i18n::text(lang, msg, &[]);
    if !csrf::verify(&req, &state.keys, sent_csrf.as_deref()) {
        let alert = Alert {
            title: t(Msg::FormErrorsTitle),
            text: t(Msg::FormCsrfFailed),
        };
        return again(StatusCode::FORBIDDEN, BTreeMap::new(), Some(alert)).await;
    }
    let tok = token.clone();
    let (ticket, choices) = with_conn(&state, move |c| {
        let ticket = ticket_of(c, &tok)?;
        let choices = choices_for(c, &ticket.email)?;
        Ok((ticket, choices))
    })
    .await?;
    let mut errors = BTreeMap::new();
    if input.product.is_empty() {
        errors.insert("product".into(), t(Msg::FieldRequired));
    } else if !choices.iter().any(|c| c.value == input.product) {
        errors.insert("product".into(), t(Msg::FieldNotYourProduct));
    }
    let version = match Version::parse(&input.version) {
        _ if input.version.is_empty() => {
            errors.insert("version".into(), t(Msg::FieldRequired));
            None
        }
        Ok(v) => Some(v),
        Err(_) => {
            errors.insert("version".into(), t(Msg::FieldNotVersion));
            None
        }
    };
    let Some(version) = version.filter(|_| errors.is_empty()) else {
        let alert = Alert {
            title: t(Msg::FormErrorsTitle),
            text: t(Msg::InvalidFields),
        };
        return again(StatusCode::UNPROCESSABLE_ENTITY, errors, Some(alert)).await;
    };
    let st = state.clone().into_inner();
    let product = input.product.clone();
    let result = with_conn(&state, move |c| {
        match intake::complete_needs_info(c, st.intake(), &ticket, &product, &version, st.now()) {
            Ok(done) => Ok(Ok(done)),
            Err(IntakeError::Refused(r, _)) => Ok(Err(r)),
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    match result {
        Ok(_) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/t/{token}?completed=1")))
            .finish()),
        Err(refusal) => {
            let alert = Alert {
                title: t(Msg::FormRefusedTitle),
                text: i18n::refusal_message(lang, &refusal),
            };
            again(
                StatusCode::UNPROCESSABLE_ENTITY,
                BTreeMap::new(),
                Some(alert),
            )
            .await
        }
    }
}
