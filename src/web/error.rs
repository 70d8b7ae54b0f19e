//! The web layer's one error type, [`WebError`], and where each layer's errors become it.
//!
//! Which error to use where:
//! - `domain` functions return their own small enums (`Refusal`, `VersionError`, `TextError`…):
//!   facts about input, no I/O.
//! - `store` returns [`StoreError`]: conflicts the user must hear about get their own variants;
//!   `Corrupt` (a stored value that no longer parses) and `Db` are server faults; `Busy` (no
//!   connection came free) is a 503 with `Retry-After`.
//! - `intake` returns [`IntakeError`]: a refusal carries the customer's language.
//! - Handlers, pages and API alike, return `WebError`. Every lower-layer error is mapped to a
//!   status and a code here, in one place. Under `/api/v1` it renders as
//!   `{"error":{"code":"…","message":"…","fields":{…}}}`; elsewhere the middleware of
//!   `web::error_page` renders the same error as the error page.
//!
//! Unexpected errors become 500 `internal` with a generic message; their details go to the log
//! only (and the log never carries request bodies or addresses).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::eligibility::Refusal;
use crate::i18n::{self, Lang, Msg};

/// A message of the API in English: the JSON API speaks English, except for eligibility
/// refusals, which are told in the customer's language.
fn en(msg: Msg, args: &[(&str, String)]) -> String {
    i18n::text(Lang::En, msg, args)
}
use crate::desk::DeskError;
use crate::domain::lifecycle::TransitionError;
use crate::intake::IntakeError;
use crate::store::StoreError;

#[derive(Debug, Clone)]
pub struct WebError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: BTreeMap<String, String>,
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `invalid_fields`, `support_expired`.
    pub code: String,
    /// Human-readable explanation (in the customer's language for eligibility refusals).
    pub message: String,
    /// For `invalid_fields`: each bad field and what is wrong with it.
    pub fields: BTreeMap<String, String>,
}

impl WebError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> WebError {
        WebError {
            status,
            code,
            message: message.into(),
            fields: BTreeMap::new(),
        }
    }

    pub fn unauthorized() -> WebError {
        WebError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            en(Msg::ApiUnauthorized, &[]),
        )
    }

    pub fn forbidden() -> WebError {
        WebError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            en(Msg::ApiForbidden, &[]),
        )
    }

    pub fn ticket_not_found() -> WebError {
        WebError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            en(Msg::ApiTicketNotFound, &[]),
        )
    }

    pub fn not_found_route() -> WebError {
        WebError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            en(Msg::ApiNoSuchRoute, &[]),
        )
    }

    pub fn malformed_json(detail: impl std::fmt::Display) -> WebError {
        WebError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            en(Msg::ApiMalformedJson, &[("detail", detail.to_string())]),
        )
    }

    pub fn too_large(limit: usize) -> WebError {
        WebError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            en(Msg::ApiPayloadTooLarge, &[("limit", limit.to_string())]),
        )
    }

    pub fn invalid_fields(fields: BTreeMap<String, String>) -> WebError {
        WebError {
            fields,
            ..WebError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_fields",
                en(Msg::ApiInvalidFields, &[]),
            )
        }
    }

    pub fn invalid_field(field: &str, problem: impl Into<String>) -> WebError {
        WebError::invalid_fields(BTreeMap::from([(field.to_string(), problem.into())]))
    }

    pub fn invalid_version(lang: Lang, field: &str) -> WebError {
        WebError {
            fields: BTreeMap::from([(field.to_string(), en(Msg::FieldNotVersion, &[]))]),
            ..WebError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_version",
                i18n::text(lang, i18n::Msg::InvalidVersion, &[]),
            )
        }
    }

    pub fn refused(lang: Lang, refusal: &Refusal) -> WebError {
        WebError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            refusal.code(),
            i18n::refusal_message(lang, refusal),
        )
    }

    pub fn unknown_product(status: StatusCode, slug: &str) -> WebError {
        WebError::new(
            status,
            "unknown_product",
            en(Msg::ApiUnknownProduct, &[("slug", slug.to_string())]),
        )
    }

    /// Every connection is in use: the client should come back shortly.
    pub fn busy() -> WebError {
        WebError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            en(Msg::ApiBusy, &[]),
        )
    }

    pub fn internal() -> WebError {
        WebError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            en(Msg::ApiInternal, &[]),
        )
    }
}

impl std::fmt::Display for WebError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message.clone(),
                fields: self.fields.clone(),
            },
        };
        let mut res = HttpResponse::build(self.status);
        if self.status == StatusCode::UNAUTHORIZED {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            res.insert_header((header::RETRY_AFTER, "1"));
        }
        res.json(body)
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            // A product named in a body is a bad field value (422); a product in the URL is a
            // missing resource (404, see `unknown_product`).
            StoreError::UnknownProduct(slug) => {
                WebError::unknown_product(StatusCode::UNPROCESSABLE_ENTITY, &slug)
            }
            StoreError::UnknownPurchase(order) => WebError::new(
                StatusCode::NOT_FOUND,
                "unknown_purchase",
                en(Msg::ApiUnknownPurchase, &[("order", order)]),
            ),
            e @ StoreError::NoPurchaseOfProduct { .. } => {
                WebError::new(StatusCode::NOT_FOUND, "unknown_purchase", e.to_string())
            }
            StoreError::AmbiguousPurchase(_) => {
                WebError::invalid_field("product", en(Msg::FieldProductAmbiguous, &[]))
            }
            StoreError::ExtensionConflict(r) => WebError::new(
                StatusCode::CONFLICT,
                "extension_conflict",
                en(Msg::ApiExtensionConflict, &[("extension", r)]),
            ),
            StoreError::UnknownTicket(_) => WebError::ticket_not_found(),
            StoreError::OutOfRange { field, problem } => WebError::invalid_field(field, problem),
            StoreError::NotQueued(_) => {
                WebError::invalid_field("after", en(Msg::FieldNotInQueue, &[]))
            }
            StoreError::Busy(detail) => {
                tracing::warn!(%detail, "no database connection came free");
                WebError::busy()
            }
            other => {
                tracing::error!(error = %other, "storage failure");
                WebError::internal()
            }
        }
    }
}

impl From<IntakeError> for WebError {
    /// Refusals are told in the customer's language.
    fn from(e: IntakeError) -> WebError {
        match e {
            IntakeError::Refused(r, lang) => WebError::refused(lang, &r),
            IntakeError::NoVersion(lang) => WebError::invalid_version(lang, "version"),
            IntakeError::Store(s) => s.into(),
            IntakeError::Random(detail) => {
                tracing::error!(%detail, "no randomness");
                WebError::internal()
            }
        }
    }
}

impl From<DeskError> for WebError {
    /// An agent action: 404 for a missing ticket, 409 for what the ticket's state refuses (the
    /// state is unchanged), 422 for an assignee that cannot hold tickets.
    fn from(e: DeskError) -> WebError {
        match e {
            DeskError::TicketNotFound(_) => WebError::ticket_not_found(),
            DeskError::Transition(TransitionError::NotAllowed { action, from }) => WebError::new(
                StatusCode::CONFLICT,
                "invalid_transition",
                en(
                    Msg::ApiInvalidTransition,
                    &[("action", action.to_string()), ("state", from.to_string())],
                ),
            ),
            DeskError::Transition(TransitionError::AlreadyAssigned) => WebError::new(
                StatusCode::CONFLICT,
                "already_assigned",
                en(Msg::ApiAlreadyAssigned, &[]),
            ),
            DeskError::UnknownAssignee(_) => {
                WebError::invalid_field("agent", en(Msg::FieldUnknownAgent, &[]))
            }
            DeskError::InactiveAgent(_) => WebError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "agent_inactive",
                en(Msg::ApiAgentInactive, &[]),
            ),
            DeskError::MergeIntoItself(_) => WebError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "merge_into_itself",
                en(Msg::ApiMergeIntoItself, &[]),
            ),
            DeskError::NotSameCustomer(..) => WebError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not_same_customer",
                en(Msg::ApiNotSameCustomer, &[]),
            ),
            DeskError::Store(s) => s.into(),
            DeskError::Random(detail) => {
                tracing::error!(%detail, "no randomness");
                WebError::internal()
            }
        }
    }
}

impl From<actix_web::error::BlockingError> for WebError {
    fn from(_: actix_web::error::BlockingError) -> Self {
        tracing::error!("blocking task failed");
        WebError::internal()
    }
}
