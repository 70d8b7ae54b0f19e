//! The store's side (scope purchases): `POST /purchases`, `POST /purchases/{order_ref}/extensions`,
//! `POST /products/{slug}/releases`. Only what eligibility needs is kept: unknown fields of the
//! body (addresses, phones, IPs a store may send) are ignored and never stored.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::auth::authenticate;
use super::body::{FieldErrors, one_line, read_json, trim};
use super::with_conn;
use crate::app::AppState;
use crate::domain::eligibility::Tier;
use crate::domain::email::EmailAddress;
use crate::domain::support::parse_calendar_date;
use crate::domain::version::Version;
use crate::i18n::{Lang, Msg};
use crate::store;
use crate::store::purchases::{ExtensionOutcome, NewExtension, NewPurchase, Upserted};
use crate::tokens::Scope;
use crate::web::error::{ErrorBody, WebError};

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PurchaseBody {
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 100, code = "field-length-range"),
        custom(function = "one_line")
    )]
    #[schema(value_type = String)]
    pub order_ref: Option<String>,
    #[validate(
        required(code = "field-required"),
        email(code = "field-not-email"),
        custom(function = "one_line")
    )]
    #[schema(value_type = String)]
    pub email: Option<String>,
    /// Product slug.
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 100, code = "field-length-range"),
        custom(function = "one_line")
    )]
    #[schema(value_type = String)]
    pub product: Option<String>,
    /// `YYYY-MM-DD`, or an RFC 3339 date-time taken in the desk's time zone.
    #[validate(required(code = "field-required"))]
    #[schema(value_type = String)]
    pub purchased_at: Option<String>,
    /// `standard` (default) or `priority`.
    pub tier: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PurchaseView {
    pub order_ref: String,
    pub product: String,
    pub tier: String,
    pub support_until: NaiveDate,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ExtensionBody {
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 100, code = "field-length-range"),
        custom(function = "one_line")
    )]
    #[schema(value_type = String)]
    pub extension_ref: Option<String>,
    #[validate(
        required(code = "field-required"),
        range(min = 1, max = 120, code = "field-months-range")
    )]
    #[schema(value_type = u32)]
    pub months: Option<u32>,
    /// Default: today in the desk's time zone.
    pub bought_at: Option<String>,
    /// Needed only when the order has several products.
    #[validate(custom(function = "one_line"))]
    pub product: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExtensionView {
    pub extension_ref: String,
    pub support_until: NaiveDate,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ReleaseBody {
    #[validate(required(code = "field-required"))]
    #[schema(value_type = String)]
    pub version: Option<String>,
    /// `YYYY-MM-DD` (optional).
    pub released_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseView {
    pub product: String,
    pub version: String,
    pub released_at: Option<NaiveDate>,
}

/// An optional date field: absent or empty is `None`, a bad one is recorded in `errors`.
fn date_field(
    errors: &mut FieldErrors,
    field: &str,
    text: Option<&str>,
    tz: chrono_tz::Tz,
) -> Option<NaiveDate> {
    match text {
        None | Some("") => None,
        Some(t) => errors.take_as(field, parse_calendar_date(t, tz), Msg::FieldNotDate),
    }
}

#[utoipa::path(
    post, path = "/api/v1/purchases", tag = "store",
    request_body = PurchaseBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "New purchase", body = PurchaseView),
        (status = 200, description = "Existing (order_ref, product) updated or unchanged", body = PurchaseView),
        (status = 400, description = "Body is not JSON", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not purchases", body = ErrorBody),
        (status = 422, description = "invalid_fields or unknown_product", body = ErrorBody),
    )
)]
pub async fn upsert(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    authenticate(&req, &state, &[Scope::Purchases]).await?;
    let (mut b, mut errors): (PurchaseBody, _) =
        read_json(payload, state.config.max_body_bytes).await?;
    for f in [
        &mut b.order_ref,
        &mut b.email,
        &mut b.product,
        &mut b.purchased_at,
        &mut b.tier,
    ] {
        trim(f);
    }
    errors.validate(&b);
    let tz = state.config.business_hours.tz;
    // Required: an empty value is a bad date, not an absent one.
    let purchased_at = b.purchased_at.as_deref().and_then(|d| {
        errors.take_as(
            "purchased_at",
            parse_calendar_date(d, tz),
            Msg::FieldNotDate,
        )
    });
    let tier = match b.tier.as_deref() {
        None | Some("") => Some(Tier::Standard),
        Some(t) => errors.take_as("tier", Tier::parse(t).ok_or(()), Msg::FieldNotTier),
    };
    let email = match b.email.as_deref() {
        Some(e) if !errors.contains("email") => {
            errors.take_as("email", EmailAddress::parse(e), Msg::FieldNotEmail)
        }
        _ => None,
    };
    errors.finish()?;
    let (Some(order_ref), Some(email), Some(product), Some(purchased_at), Some(tier)) =
        (b.order_ref, email, b.product, purchased_at, tier)
    else {
        // Each of these is required by the rules that just passed.
        return Err(WebError::internal());
    };
    let p = NewPurchase {
        order_ref,
        email,
        product,
        purchased_at,
        tier,
    };
    let now = state.now();
    let (row, outcome) = with_conn(&state, move |c| {
        let (row, outcome) = store::purchases::upsert(c, &p, now)?;
        Ok((
            PurchaseView {
                order_ref: row.order_ref,
                product: p.product.clone(),
                tier: row.tier.as_str().to_string(),
                support_until: row.support_until,
            },
            outcome,
        ))
    })
    .await?;
    Ok(match outcome {
        Upserted::Created => HttpResponse::Created().json(row),
        Upserted::Updated | Upserted::Unchanged => HttpResponse::Ok().json(row),
    })
}

#[utoipa::path(
    post, path = "/api/v1/purchases/{order_ref}/extensions", tag = "store",
    params(("order_ref" = String, Path, description = "Order reference")),
    request_body = ExtensionBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Extension recorded", body = ExtensionView),
        (status = 200, description = "Same extension_ref with the same content: nothing changed", body = ExtensionView),
        (status = 400, description = "Body is not JSON", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not purchases", body = ErrorBody),
        (status = 404, description = "unknown_purchase", body = ErrorBody),
        (status = 409, description = "extension_conflict: same extension_ref, other content", body = ErrorBody),
        (status = 422, description = "invalid_fields", body = ErrorBody),
    )
)]
pub async fn extend(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    authenticate(&req, &state, &[Scope::Purchases]).await?;
    let (mut b, mut errors): (ExtensionBody, _) =
        read_json(payload, state.config.max_body_bytes).await?;
    for f in [&mut b.extension_ref, &mut b.bought_at, &mut b.product] {
        trim(f);
    }
    let order_ref = path.into_inner();
    errors.one_line("order_ref", Some(&order_ref));
    errors.validate(&b);
    let tz = state.config.business_hours.tz;
    let bought_at = date_field(&mut errors, "bought_at", b.bought_at.as_deref(), tz)
        .unwrap_or_else(|| state.config.business_hours.local_date(state.now()));
    errors.finish()?;
    let x = NewExtension {
        extension_ref: b.extension_ref.unwrap_or_default(),
        order_ref,
        product: b.product.filter(|p| !p.is_empty()),
        months: b.months.unwrap_or_default(),
        bought_at,
    };
    let now = state.now();
    let (outcome, view) = with_conn(&state, move |c| {
        let (outcome, until) = store::purchases::extend(c, &x, now)?;
        Ok((
            outcome,
            ExtensionView {
                extension_ref: x.extension_ref,
                support_until: until,
            },
        ))
    })
    .await?;
    Ok(match outcome {
        ExtensionOutcome::Created => HttpResponse::Created().json(view),
        ExtensionOutcome::AlreadyRecorded => HttpResponse::Ok().json(view),
    })
}

#[utoipa::path(
    post, path = "/api/v1/products/{slug}/releases", tag = "store",
    params(("slug" = String, Path, description = "Product slug")),
    request_body = ReleaseBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "New release", body = ReleaseView),
        (status = 200, description = "An equal version is already known", body = ReleaseView),
        (status = 400, description = "Body is not JSON", body = ErrorBody),
        (status = 401, description = "Missing or invalid token", body = ErrorBody),
        (status = 403, description = "Token scope is not purchases", body = ErrorBody),
        (status = 404, description = "unknown_product", body = ErrorBody),
        (status = 422, description = "invalid_fields or invalid_version", body = ErrorBody),
    )
)]
pub async fn add_release(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    authenticate(&req, &state, &[Scope::Purchases]).await?;
    let (mut b, mut errors): (ReleaseBody, _) =
        read_json(payload, state.config.max_body_bytes).await?;
    trim(&mut b.version);
    trim(&mut b.released_at);
    let slug = path.into_inner();
    errors.one_line("slug", Some(&slug));
    errors.validate(&b);
    let tz = state.config.business_hours.tz;
    let released_at = date_field(&mut errors, "released_at", b.released_at.as_deref(), tz);
    let version = match b.version.as_deref().map(Version::parse) {
        Some(Err(_)) if errors.is_empty() => {
            return Err(WebError::invalid_version(Lang::En, "version"));
        }
        Some(parsed) => errors.take_as("version", parsed, Msg::FieldNotVersion),
        None => None,
    };
    errors.finish()?;
    let Some(version) = version else {
        return Err(WebError::internal());
    };
    let now = state.now();
    let (view, created) = with_conn(&state, move |c| {
        let product = store::products::find(c, &slug)?.ok_or_else(|| {
            WebError::unknown_product(actix_web::http::StatusCode::NOT_FOUND, &slug)
        })?;
        let (release, created) =
            store::products::add_release(c, product.id, &version, released_at, now)?;
        Ok((
            ReleaseView {
                product: product.slug,
                version: release.version,
                released_at: release.released_at,
            },
            created,
        ))
    })
    .await?;
    Ok(if created {
        HttpResponse::Created().json(view)
    } else {
        HttpResponse::Ok().json(view)
    })
}
