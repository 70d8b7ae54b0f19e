//! The posts of `/admin/purchases`: a support extension (`POST /admin/purchases/extend`) and a
//! purchase added by hand (`POST /admin/purchases`). Both go through the store functions the CLI
//! and the API use, so the support window is computed in one place (`domain::support`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;

use super::admin_gate;
use super::catalog::{Shown, one_line, posted, whole_number};
use super::purchases::page;
use crate::app::AppState;
use crate::domain::eligibility::Tier;
use crate::domain::email::EmailAddress;
use crate::domain::support::{parse_calendar_date, support_cap};
use crate::i18n::{self, Lang, Msg};
use crate::store::purchases::{ExtensionOutcome, NewExtension, NewPurchase};
use crate::store::{self, StoreError};
use crate::web::agent::see_other;
use crate::web::api::with_conn;
use crate::web::error::WebError;

/// The months one extension may add, as the API allows.
const MAX_MONTHS: u32 = 120;

const EXTEND_FIELDS: [&str; 6] = [
    "csrf",
    "order_ref",
    "product",
    "months",
    "date",
    "extension_ref",
];

/// What an extension did, for the notice.
struct Extended {
    outcome: ExtensionOutcome,
    before: NaiveDate,
    until: NaiveDate,
    cap: NaiveDate,
    cap_months: i32,
}

/// The notice after an extension: the new end, or why it did not move.
fn extended_text(lang: Lang, x: &NewExtension, e: &Extended) -> String {
    let until = ("until", e.until.to_string());
    let (msg, args) = match e.outcome {
        ExtensionOutcome::AlreadyRecorded => (
            Msg::AdminExtendAlreadyRecorded,
            vec![("reference", x.extension_ref.clone()), until],
        ),
        ExtensionOutcome::Created if e.until == e.before => (
            Msg::AdminExtendCapped,
            vec![
                ("months", e.cap_months.to_string()),
                ("cap", e.cap.to_string()),
                until,
            ],
        ),
        ExtensionOutcome::Created if e.until == e.cap => (
            Msg::AdminExtendReachedCap,
            vec![
                ("before", e.before.to_string()),
                ("months", e.cap_months.to_string()),
                until,
            ],
        ),
        ExtensionOutcome::Created => (
            Msg::AdminExtended,
            vec![("before", e.before.to_string()), until],
        ),
    };
    i18n::text(lang, msg, &args)
}

/// An optional one-line field: empty is `None`; a bad value is recorded on `shown`.
fn optional_line(shown: &mut Shown, lang: Lang, name: &str) -> Option<Option<String>> {
    let text = shown.value(name);
    if text.is_empty() {
        return Some(None);
    }
    one_line(lang, &text, 100)
        .map(Some)
        .map_err(|e| shown.bad(name, e))
        .ok()
}

/// `POST /admin/purchases/extend`: records an extension and shows the order with its new
/// support end. Without a reference a fresh one is made, so each post records one more
/// extension; with the store's reference, posting it again changes nothing.
pub async fn extend(
    req: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let (mut shown, csrf_ok) = posted(&req, &state.keys, &form, &EXTEND_FIELDS);
    let q = shown.value("order_ref");
    if !csrf_ok {
        return page(&req, &state, &admin, lang, q, shown.csrf_refused(lang)).await;
    }
    let order_ref = one_line(lang, &q, 100)
        .map_err(|e| shown.bad("order_ref", e))
        .ok();
    let product = optional_line(&mut shown, lang, "product");
    let months = whole_number(lang, &shown.value("months"), 1, MAX_MONTHS)
        .map_err(|_| {
            let text = i18n::text(
                lang,
                Msg::FieldMonthsRange,
                &[("min", "1".into()), ("max", MAX_MONTHS.to_string())],
            );
            shown.bad("months", text);
        })
        .ok();
    let tz = state.config.business_hours.tz;
    let bought_at = match shown.value("date").as_str() {
        "" => Some(state.config.business_hours.local_date(state.now())),
        d => parse_calendar_date(d, tz)
            .map_err(|_| shown.bad("date", i18n::text(lang, Msg::FieldNotDate, &[])))
            .ok(),
    };
    let extension_ref = optional_line(&mut shown, lang, "extension_ref");
    let (Some(order_ref), Some(product), Some(months), Some(bought_at), Some(extension_ref)) =
        (order_ref, product, months, bought_at, extension_ref)
    else {
        return page(&req, &state, &admin, lang, q, shown.fix_fields(lang)).await;
    };
    let extension_ref = match extension_ref {
        Some(r) => r,
        None => {
            let (random, _) = crate::tokens::generate().map_err(|_| WebError::internal())?;
            format!("web-{}", &random[..16])
        }
    };
    let x = NewExtension {
        extension_ref,
        order_ref: order_ref.clone(),
        product,
        months,
        bought_at,
    };
    let now = state.now();
    let x2 = x.clone();
    let done = with_conn(&state, move |c| {
        // The end before, and the cap, of the purchase the extension applies to (the store
        // picks it the same way: the order's one purchase, or the one of `product`).
        let lines: Vec<_> = store::purchases::list_for_order(c, &x2.order_ref)?
            .into_iter()
            .filter(|l| x2.product.as_ref().is_none_or(|p| *p == l.product))
            .collect();
        let before = match lines.as_slice() {
            [one] => {
                let product = store::products::get(c, &one.product)?;
                let terms = store::purchases::terms(&product);
                Some((
                    one.purchase.support_until,
                    support_cap(one.purchase.purchased_at, &terms),
                    product.max_support_months,
                ))
            }
            _ => None,
        };
        match store::purchases::extend(c, &x2, now) {
            Ok((outcome, until)) => {
                let (before, cap, cap_months) = before.unwrap_or((until, until, 0));
                Ok(Ok(Extended {
                    outcome,
                    before,
                    until,
                    cap,
                    cap_months,
                }))
            }
            Err(e) => match e {
                StoreError::UnknownPurchase(_)
                | StoreError::NoPurchaseOfProduct { .. }
                | StoreError::AmbiguousPurchase(_)
                | StoreError::ExtensionConflict(_) => Ok(Err(e)),
                e => Err(e.into()),
            },
        }
    })
    .await?;
    match done {
        Ok(e) => {
            tracing::info!(by = admin.id, "support extension recorded");
            let shown = Shown::notice(extended_text(lang, &x, &e));
            page(&req, &state, &admin, lang, order_ref, shown).await
        }
        Err(e) => {
            let (field, text) = match e {
                StoreError::NoPurchaseOfProduct { has, .. } => (
                    "product",
                    i18n::text(
                        lang,
                        Msg::AdminExtendOrderHas,
                        &[("products", has.join(", "))],
                    ),
                ),
                StoreError::AmbiguousPurchase(_) => {
                    ("product", i18n::text(lang, Msg::FieldProductAmbiguous, &[]))
                }
                StoreError::ExtensionConflict(_) => (
                    "extension_ref",
                    i18n::text(lang, Msg::AdminExtendRefConflict, &[]),
                ),
                _ => (
                    "order_ref",
                    i18n::text(lang, Msg::AdminExtendUnknownOrder, &[]),
                ),
            };
            shown.bad(field, text);
            page(&req, &state, &admin, lang, q, shown.fix_fields(lang)).await
        }
    }
}

const ADD_FIELDS: [&str; 6] = [
    "csrf",
    "new_order",
    "new_email",
    "new_product",
    "new_date",
    "new_tier",
];

/// `POST /admin/purchases`: records a purchase, or updates the one with the same order and
/// product; then shows that order.
pub async fn add(
    req: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let (mut shown, csrf_ok) = posted(&req, &state.keys, &form, &ADD_FIELDS);
    if !csrf_ok {
        let shown = shown.csrf_refused(lang);
        return page(&req, &state, &admin, lang, String::new(), shown).await;
    }
    let t = |m| i18n::text(lang, m, &[]);
    let order_ref = one_line(lang, &shown.value("new_order"), 100)
        .map_err(|e| shown.bad("new_order", e))
        .ok();
    let email = EmailAddress::parse(&shown.value("new_email"))
        .map_err(|_| shown.bad("new_email", t(Msg::FieldNotEmail)))
        .ok();
    let product = one_line(lang, &shown.value("new_product"), 100)
        .map_err(|e| shown.bad("new_product", e))
        .ok();
    let tz = state.config.business_hours.tz;
    let purchased_at = parse_calendar_date(&shown.value("new_date"), tz)
        .map_err(|_| shown.bad("new_date", t(Msg::FieldNotDate)))
        .ok();
    let tier = match shown.value("new_tier").as_str() {
        "" => Some(Tier::Standard),
        v => Tier::parse(v)
            .ok_or_else(|| shown.bad("new_tier", t(Msg::FieldNotTier)))
            .ok(),
    };
    let (Some(order_ref), Some(email), Some(product), Some(purchased_at), Some(tier)) =
        (order_ref, email, product, purchased_at, tier)
    else {
        return page(
            &req,
            &state,
            &admin,
            lang,
            String::new(),
            shown.fix_fields(lang),
        )
        .await;
    };
    let p = NewPurchase {
        order_ref: order_ref.clone(),
        email,
        product,
        purchased_at,
        tier,
    };
    let now = state.now();
    let done = with_conn(&state, move |c| {
        match store::purchases::upsert(c, &p, now) {
            Ok((_, outcome)) => Ok(Some(outcome)),
            Err(StoreError::UnknownProduct(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    let Some(outcome) = done else {
        shown.bad("new_product", t(Msg::AdminPurchaseUnknownProduct));
        let shown = shown.refuse(StatusCode::UNPROCESSABLE_ENTITY, t(Msg::AdminFixFields));
        return page(&req, &state, &admin, lang, String::new(), shown).await;
    };
    tracing::info!(by = admin.id, "purchase recorded by hand");
    let query =
        serde_urlencoded::to_string([("q", order_ref.as_str()), ("done", &outcome.to_string())])
            .map_err(|_| WebError::internal())?;
    Ok(see_other(&format!("/admin/purchases?{query}")))
}
