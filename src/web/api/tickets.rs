//! `POST /tickets`, `GET /tickets/{number}`, `POST /tickets/{number}/replies` (the customer's
//! message with a portal token, the agent's answer with an agent token).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::auth::{Principal, authenticate, authenticate_on, bearer};
use super::body::{
    self, FieldErrors, http_url, lang_code, not_blank, one_line, read_json, text_body, trim,
};
use super::views::{Audience, TicketView, view};
use super::with_conn;
use crate::app::AppState;
use crate::desk;
use crate::domain::channel::Channel;
use crate::domain::email::EmailAddress;
use crate::domain::ids::TicketId;
use crate::domain::text::normalize_newlines;
use crate::domain::version::Version;
use crate::i18n::{Lang, Msg};
use crate::intake::{self, TicketRequest};
use crate::store;
use crate::tokens::Scope;
use crate::web::error::{ErrorBody, WebError};

/// `POST /api/v1/tickets` body. Unknown fields are ignored.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct CreateTicketBody {
    /// The address used at checkout (trimmed; compared case-insensitively).
    #[validate(
        required(code = "field-required"),
        email(code = "field-not-email"),
        custom(function = "one_line")
    )]
    #[schema(value_type = String, format = Email)]
    pub email: Option<String>,
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 200, code = "field-length-range"),
        custom(function = "one_line")
    )]
    #[schema(value_type = String, min_length = 1, max_length = 200)]
    pub name: Option<String>,
    /// Product slug.
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 100, code = "field-length-range"),
        custom(function = "one_line")
    )]
    #[schema(value_type = String, min_length = 1, max_length = 100)]
    pub product: Option<String>,
    /// Installed version, e.g. `3.7.28` or `v1.7.8.10`.
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 100, code = "field-length-range"),
        custom(function = "one_line")
    )]
    #[schema(value_type = String, min_length = 1, max_length = 100, example = "3.7.28")]
    pub version: Option<String>,
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 200, code = "field-length-range"),
        custom(function = "one_line")
    )]
    #[schema(value_type = String, min_length = 1, max_length = 200)]
    pub subject: Option<String>,
    #[validate(
        required(code = "field-required"),
        length(max = 50000, code = "field-too-long"),
        custom(function = "not_blank"),
        custom(function = "text_body")
    )]
    #[schema(value_type = String, min_length = 1, max_length = 50000)]
    pub body: Option<String>,
    #[validate(
        custom(function = "http_url"),
        custom(function = "one_line"),
        length(max = 2000, code = "field-too-long")
    )]
    #[schema(pattern = "^[Hh][Tt][Tt][Pp][Ss]?://", max_length = 2000)]
    pub store_url: Option<String>,
    #[validate(
        custom(function = "http_url"),
        custom(function = "one_line"),
        length(max = 2000, code = "field-too-long")
    )]
    #[schema(pattern = "^[Hh][Tt][Tt][Pp][Ss]?://", max_length = 2000)]
    pub admin_url: Option<String>,
    #[validate(
        length(max = 100, code = "field-too-long"),
        custom(function = "one_line")
    )]
    #[schema(max_length = 100)]
    pub order_ref: Option<String>,
    /// `fr` or `en`; default from Accept-Language, then the desk's default language.
    #[validate(custom(function = "lang_code"))]
    #[schema(pattern = "^(fr|en)$")]
    pub lang: Option<String>,
}

/// `201` answer to `POST /api/v1/tickets`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedTicket {
    pub number: i64,
    pub state: String,
    /// `priority` or `standard`.
    pub lane: String,
    /// 1 = next to be served.
    pub position: Option<u32>,
    /// The customer's private page; its last segment is the ticket's portal token.
    pub portal_url: String,
}

/// `POST /api/v1/tickets/{number}/replies` body.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ReplyBody {
    #[validate(
        required(code = "field-required"),
        length(max = 50000, code = "field-too-long"),
        custom(function = "not_blank"),
        custom(function = "text_body")
    )]
    #[schema(value_type = String)]
    pub body: Option<String>,
}

/// `POST /api/v1/tickets/{number}/replies` body: the customer's or the agent's text.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct TicketReplyBody {
    #[validate(
        required(code = "field-required"),
        length(max = 50000, code = "field-too-long"),
        custom(function = "not_blank"),
        custom(function = "text_body")
    )]
    #[schema(value_type = String, min_length = 1, max_length = 50000)]
    pub body: Option<String>,
    /// Agent tokens only: resolve the ticket with this reply (a canned answer that settles the
    /// request). Ignored with a portal token.
    pub resolve: Option<bool>,
}

/// The language of a request: the body's `lang`, else Accept-Language, else the default.
pub fn request_lang(req: &HttpRequest, explicit: Option<&str>, default: Lang) -> Lang {
    explicit.and_then(Lang::parse).unwrap_or_else(|| {
        req.headers()
            .get(actix_web::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
            .unwrap_or(default)
    })
}

/// A ticket number from the path; anything else is the 404 of an unknown ticket.
pub(super) fn parse_number(raw: &str) -> Result<TicketId, WebError> {
    TicketId::parse(raw).ok_or_else(WebError::ticket_not_found)
}

#[utoipa::path(
    post, path = "/api/v1/tickets", tag = "tickets",
    request_body = CreateTicketBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Ticket created", body = CreatedTicket),
        (status = 400, description = "Body is not JSON", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not intake", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "invalid_fields, invalid_version, or an eligibility code: no_purchase, product_not_purchased, support_expired, version_too_old, unknown_version", body = ErrorBody),
    )
)]
pub async fn create(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    // The hot path of intake: the body is read first (bounded), then the token check, parsing
    // and the ticket all happen in one trip to the blocking pool. The order of the answers is
    // still the contract's: 401/403, then 413, 400, 422.
    let token = bearer(&req).ok_or_else(WebError::unauthorized)?;
    let raw = body::read_body(payload, state.config.max_body_bytes).await;
    let header_lang = request_lang(&req, None, state.config.default_language);
    let state = state.into_inner();
    let st = state.clone();
    let created = with_conn(&state, move |c| {
        authenticate_on(c, &token, &[Scope::Intake])?;
        let (mut b, mut errors): (CreateTicketBody, _) = body::parse_json(&raw?)?;
        for f in [
            &mut b.email,
            &mut b.name,
            &mut b.product,
            &mut b.version,
            &mut b.subject,
            &mut b.order_ref,
        ] {
            trim(f);
        }
        for f in [&mut b.store_url, &mut b.admin_url, &mut b.lang] {
            trim(f);
            if f.as_deref() == Some("") {
                *f = None;
            }
        }
        if let Some(text) = &mut b.body {
            *text = normalize_newlines(text).into_owned();
        }
        errors.validate(&b);
        let lang = b
            .lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or(header_lang);
        let ticket = parse_ticket_request(b, errors, lang)?;
        intake::submit(c, st.intake(), &ticket, st.now()).map_err(WebError::from)
    })
    .await?;
    Ok(HttpResponse::Created().json(CreatedTicket {
        number: created.ticket.id.get(),
        state: created.ticket.state.as_str().to_string(),
        lane: created.ticket.lane.as_str().to_string(),
        position: created.position,
        portal_url: created.portal_url,
    }))
}

/// From a checked body to the domain request. A bad version alone is `invalid_version`; with
/// other bad fields it is named among them in `invalid_fields`, so one answer lists everything.
fn parse_ticket_request(
    b: CreateTicketBody,
    mut errors: FieldErrors,
    lang: Lang,
) -> Result<TicketRequest, WebError> {
    let email = b
        .email
        .filter(|_| !errors.contains("email"))
        .and_then(|e| errors.take_as("email", EmailAddress::parse(&e), Msg::FieldNotEmail));
    let version = b.version.filter(|_| !errors.contains("version"));
    let version = match version.as_deref().map(Version::parse) {
        Some(Err(_)) if errors.is_empty() => {
            return Err(WebError::invalid_version(lang, "version"));
        }
        Some(parsed) => errors.take_as("version", parsed, Msg::FieldNotVersion),
        None => None,
    };
    errors.finish()?;
    // Every required field passed validation, so each is present.
    let (Some(email), Some(version), Some(name), Some(product), Some(subject), Some(body)) =
        (email, version, b.name, b.product, b.subject, b.body)
    else {
        return Err(WebError::internal());
    };
    Ok(TicketRequest {
        email,
        name,
        product,
        version,
        subject,
        body,
        store_url: b.store_url,
        admin_url: b.admin_url,
        platform_version: None,
        order_ref: b.order_ref.filter(|o| !o.is_empty()),
        lang,
        channel: Channel::Api,
        parent_id: None,
        credentials: None,
        attachments: Vec::new(),
    })
}

#[utoipa::path(
    get, path = "/api/v1/tickets/{number}", tag = "tickets",
    params(("number" = i64, Path, description = "Ticket number")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket; internal notes only for agent tokens", body = TicketView),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is neither agent nor portal", body = ErrorBody),
        (status = 404, description = "No such ticket, or not this portal token's ticket", body = ErrorBody),
    )
)]
pub async fn show(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<TicketView>, WebError> {
    let who = authenticate(&req, &state, &[Scope::Agent, Scope::Portal]).await?;
    let number = parse_number(&path)?;
    if !who.grants_ticket(number) {
        return Err(WebError::ticket_not_found());
    }
    let audience = Audience::of(who.scope);
    let v = with_conn(&state, move |c| {
        let t = store::tickets::get(c, number)?.ok_or_else(WebError::ticket_not_found)?;
        view(c, t, audience)
    })
    .await?;
    Ok(web::Json(v))
}

#[utoipa::path(
    post, path = "/api/v1/tickets/{number}/replies", tag = "tickets",
    params(("number" = i64, Path, description = "Ticket number")),
    request_body = TicketReplyBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket after the reply. Portal token: the customer's message (the ticket goes to the back of the queue). Agent token: the agent's answer, mailed to the customer (the ticket waits for the customer, or is resolved with resolve = true)", body = TicketView),
        (status = 400, description = "Body is not JSON", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is neither portal nor agent", body = ErrorBody),
        (status = 404, description = "No such ticket, or not this portal token's ticket", body = ErrorBody),
        (status = 409, description = "invalid_transition: an agent reply on a closed or needs_info ticket", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "invalid_fields, or an eligibility code when a customer's reply to a closed ticket opens a new one", body = ErrorBody),
    )
)]
pub async fn reply(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<TicketView>, WebError> {
    let who: Principal = authenticate(&req, &state, &[Scope::Portal, Scope::Agent]).await?;
    let number = parse_number(&path)?;
    if !who.grants_ticket(number) {
        return Err(WebError::ticket_not_found());
    }
    let (mut b, mut errors): (TicketReplyBody, _) =
        read_json(payload, state.config.max_body_bytes).await?;
    if let Some(text) = &mut b.body {
        *text = normalize_newlines(text).into_owned();
    }
    errors.validate(&b);
    errors.finish()?;
    let text = b.body.unwrap_or_default();
    let resolve = b.resolve.unwrap_or(false);
    let state = state.into_inner();
    let st = state.clone();
    let v = with_conn(&state, move |c| {
        if who.scope == Scope::Agent {
            let agent_id = who.agent_id.ok_or_else(WebError::forbidden)?;
            let t = desk::reply(c, st.intake(), number, agent_id, &text, resolve, st.now())?;
            return view(c, t, Audience::Agent);
        }
        let outcome =
            intake::customer_message(c, st.intake(), number, &text, &[], Channel::Api, st.now())?;
        view(c, outcome.ticket().clone(), Audience::Customer)
    })
    .await?;
    Ok(web::Json(v))
}
