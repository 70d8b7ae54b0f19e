//! `/admin/products`: the products with their support terms and the versions supported now, and
//! a form to add one (terms default to the settings, as `guichet product add` does).
//! One product's page, with its releases, is `product.rs`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::admin_gate;
use super::catalog::{Shown, one_line, posted, whole_number};
use super::nav::AdminNav;
use crate::app::AppState;
use crate::domain::version::{Version, supported_versions};
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::models::{Agent, Product};
use crate::store::products::{ProductTerms, Slug};
use crate::web::agent::{Shell, see_other};
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::layout::Layout;
use crate::web::widgets::Field;

/// The bounds of the terms typed on the page: wider than any vendor's policy, narrow enough
/// that no date computed from them overflows.
const MAX_FREE_DAYS: u32 = 3650;
const MAX_MONTHS: u32 = 120;
const MAX_RELEASES_BACK: u32 = 100;

pub struct ProductRow {
    pub slug: String,
    pub name: String,
    pub terms: String,
    pub supported: String,
}

#[derive(Template)]
#[template(path = "admin/products.html")]
pub struct ProductsPage {
    pub layout: Layout,
    pub shell: Shell,
    pub nav: AdminNav,
    pub title: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub headings: Vec<String>,
    pub products: Vec<ProductRow>,
    pub empty: String,
    pub add_title: String,
    pub slug: Field,
    pub name: Field,
    pub free_support_days: Field,
    pub max_support_months: Field,
    pub releases_back: Field,
    pub add_submit: String,
}

pub(super) fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// The versions supported now, in one sentence: the domain's window over the stored releases.
pub(super) fn supported_text(lang: Lang, product: &Product, releases: &[Version]) -> String {
    let supported = supported_versions(releases, count(product.releases_back));
    if supported.is_empty() {
        return i18n::text(lang, Msg::AdminProductsAnyVersion, &[]);
    }
    let list = supported
        .iter()
        .rev()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    i18n::text(lang, Msg::AdminProductsSupported, &[("versions", list)])
}

pub(super) fn terms_text(lang: Lang, p: &Product) -> String {
    i18n::text(
        lang,
        Msg::AdminProductsTerms,
        &[
            ("days", p.free_support_days.to_string()),
            ("months", p.max_support_months.to_string()),
            ("back", p.releases_back.to_string()),
        ],
    )
}

async fn list_page(
    req: &HttpRequest,
    state: &AppState,
    admin: &Agent,
    lang: Lang,
    shown: Shown,
) -> Result<HttpResponse, WebError> {
    let t = |m| i18n::text(lang, m, &[]);
    let rows = with_conn(state, |c| {
        let mut rows = Vec::new();
        for p in store::products::list(c)? {
            let versions = store::products::release_versions(c, p.id)?;
            rows.push((p, versions));
        }
        Ok(rows)
    })
    .await?;
    let csrf = Csrf::for_request(req, &state.keys)?;
    let cfg = &state.config;
    let page = ProductsPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, admin, &csrf, "admin"),
        nav: AdminNav::new(lang, "products"),
        title: t(Msg::AdminProductsTitle),
        notice: shown.notice.clone(),
        error: shown.error.clone(),
        headings: [
            Msg::AdminProductsColSlug,
            Msg::AdminProductsColName,
            Msg::AdminProductsColTerms,
            Msg::AdminProductsColSupported,
        ]
        .into_iter()
        .map(t)
        .collect(),
        products: rows
            .iter()
            .map(|(p, versions)| ProductRow {
                slug: p.slug.clone(),
                name: p.name.clone(),
                terms: terms_text(lang, p),
                supported: supported_text(lang, p, versions),
            })
            .collect(),
        empty: t(Msg::AdminProductsEmpty),
        add_title: t(Msg::AdminProductsAddTitle),
        slug: shown
            .field("slug", t(Msg::AdminProductsSlug), "")
            .hint(t(Msg::AdminProductsSlugHint))
            .required(),
        name: shown
            .field("name", t(Msg::AdminProductsName), "")
            .required(),
        free_support_days: shown.field(
            "free_support_days",
            t(Msg::AdminProductsFreeDays),
            &cfg.free_support_days.to_string(),
        ),
        max_support_months: shown
            .field(
                "max_support_months",
                t(Msg::AdminProductsMaxMonths),
                &cfg.max_support_months.to_string(),
            )
            .hint(t(Msg::AdminProductsMaxMonthsHint)),
        releases_back: shown
            .field(
                "releases_back",
                t(Msg::AdminProductsReleasesBack),
                &cfg.releases_back.to_string(),
            )
            .hint(t(Msg::AdminProductsReleasesBackHint)),
        add_submit: t(Msg::AdminProductsAddSubmit),
    };
    respond(req, state, shown.status(), &page, Some(&csrf))
}

/// `GET /admin/products`.
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let shown = match done_flag(&req) {
        Some("product") => Shown::notice(i18n::text(lang, Msg::AdminProductAdded, &[])),
        _ => Shown::default(),
    };
    list_page(&req, &state, &admin, lang, shown).await
}

/// The `?done=` flag of a page reached after a post (it only picks the notice's sentence).
pub(super) fn done_flag(req: &HttpRequest) -> Option<&str> {
    req.query_string()
        .split('&')
        .find_map(|p| p.strip_prefix("done="))
}

const PRODUCT_FIELDS: [&str; 6] = [
    "csrf",
    "slug",
    "name",
    "free_support_days",
    "max_support_months",
    "releases_back",
];

/// `POST /admin/products`: adds a product.
pub async fn add(
    req: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let (mut shown, csrf_ok) = posted(&req, &state.keys, &form, &PRODUCT_FIELDS);
    if !csrf_ok {
        return list_page(&req, &state, &admin, lang, shown.csrf_refused(lang)).await;
    }
    let slug = Slug::parse(&shown.value("slug"))
        .map_err(|_| shown.bad("slug", i18n::text(lang, Msg::AdminProductsSlugHint, &[])))
        .ok();
    let name = one_line(lang, &shown.value("name"), 200)
        .map_err(|e| shown.bad("name", e))
        .ok();
    let cfg = &state.config;
    let mut number = |field: &str, default: u32, max: u32| {
        let text = shown.value(field);
        if text.is_empty() {
            return Some(default);
        }
        whole_number(lang, &text, 0, max)
            .map_err(|e| shown.bad(field, e))
            .ok()
    };
    let free = number("free_support_days", cfg.free_support_days, MAX_FREE_DAYS);
    let months = number("max_support_months", cfg.max_support_months, MAX_MONTHS);
    let back = number("releases_back", cfg.releases_back, MAX_RELEASES_BACK);
    let (Some(slug), Some(name), Some(free), Some(months), Some(back)) =
        (slug, name, free, months, back)
    else {
        return list_page(&req, &state, &admin, lang, shown.fix_fields(lang)).await;
    };
    let terms = ProductTerms {
        free_support_days: free,
        max_support_months: months,
        releases_back: back,
    };
    let now = state.now();
    let added = with_conn(&state, move |c| {
        match store::products::add(c, &slug, &name, terms, now) {
            Ok(_) => Ok(true),
            Err(store::StoreError::ProductExists(_)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    if !added {
        shown.bad("slug", i18n::text(lang, Msg::AdminProductExists, &[]));
        return list_page(&req, &state, &admin, lang, shown.fix_fields(lang)).await;
    }
    tracing::info!(by = admin.id, "product added");
    Ok(see_other("/admin/products?done=product"))
}
