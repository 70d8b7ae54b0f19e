//! `/admin/products/{slug}`: one product's releases, each marked supported or not by the version
//! window (`domain::version::supported_versions`, the same rule eligibility applies), and a form
//! to add a release, after which the page shows the moved window.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::admin_gate;
use super::catalog::{Shown, posted};
use super::nav::AdminNav;
use super::products::{count, done_flag, supported_text};
use crate::app::AppState;
use crate::domain::support::parse_calendar_date;
use crate::domain::version::{Version, supported_versions};
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::models::{Agent, Product, Release};
use crate::web::agent::{Shell, see_other};
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::{not_found, respond};
use crate::web::error::WebError;
use crate::web::layout::Layout;
use crate::web::widgets::Field;

pub struct ReleaseRow {
    pub version: String,
    pub date: String,
    pub supported: bool,
    pub status: String,
}

#[derive(Template)]
#[template(path = "admin/product.html")]
pub struct ProductPage {
    pub layout: Layout,
    pub shell: Shell,
    pub nav: AdminNav,
    pub title: String,
    pub slug: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    /// (term, value) pairs of the product's settings.
    pub facts: Vec<(String, String)>,
    pub supported: String,
    pub releases_title: String,
    pub headings: Vec<String>,
    pub releases: Vec<ReleaseRow>,
    pub no_releases: String,
    pub add_title: String,
    pub version: Field,
    pub date: Field,
    pub add_submit: String,
}

async fn product_page(
    req: &HttpRequest,
    state: &AppState,
    admin: &Agent,
    lang: Lang,
    slug: String,
    shown: Shown,
) -> Result<HttpResponse, WebError> {
    let t = |m| i18n::text(lang, m, &[]);
    let found: Option<(Product, Vec<Release>)> = with_conn(state, move |c| {
        let Some(p) = store::products::find(c, &slug)? else {
            return Ok(None);
        };
        let releases = store::products::releases(c, p.id)?;
        Ok(Some((p, releases)))
    })
    .await?;
    let (product, releases) = found.ok_or_else(not_found)?;
    let versions: Vec<Version> = releases
        .iter()
        .filter_map(|r| Version::parse(&r.version).ok())
        .collect();
    let window = supported_versions(&versions, count(product.releases_back));
    let csrf = Csrf::for_request(req, &state.keys)?;
    let page = ProductPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, admin, &csrf, "admin"),
        nav: AdminNav::new(lang, ""),
        title: i18n::text(
            lang,
            Msg::AdminProductTitle,
            &[("name", product.name.clone())],
        ),
        notice: shown.notice.clone(),
        error: shown.error.clone(),
        facts: vec![
            (t(Msg::AdminProductsColSlug), product.slug.clone()),
            (
                t(Msg::AdminProductsFreeDays),
                product.free_support_days.to_string(),
            ),
            (
                t(Msg::AdminProductsMaxMonths),
                product.max_support_months.to_string(),
            ),
            (
                t(Msg::AdminProductsReleasesBack),
                product.releases_back.to_string(),
            ),
        ],
        supported: supported_text(lang, &product, &versions),
        releases_title: t(Msg::AdminReleasesTitle),
        headings: [
            Msg::AdminReleasesColVersion,
            Msg::AdminReleasesColDate,
            Msg::AdminReleasesColStatus,
        ]
        .into_iter()
        .map(t)
        .collect(),
        // Newest first: the window is at the top.
        releases: releases
            .iter()
            .rev()
            .map(|r| {
                let supported = Version::parse(&r.version).is_ok_and(|v| window.contains(&v));
                ReleaseRow {
                    version: r.version.clone(),
                    date: r.released_at.map(|d| d.to_string()).unwrap_or_default(),
                    supported,
                    status: t(if supported {
                        Msg::AdminReleaseSupported
                    } else {
                        Msg::AdminReleaseNotSupported
                    }),
                }
            })
            .collect(),
        no_releases: t(Msg::AdminReleasesEmpty),
        add_title: t(Msg::AdminReleaseAddTitle),
        version: shown
            .field("version", t(Msg::AdminReleaseVersion), "")
            .hint(t(Msg::AdminReleaseVersionHint))
            .required(),
        date: shown
            .field("date", t(Msg::AdminReleaseDate), "")
            .hint(t(Msg::AdminReleaseDateHint)),
        add_submit: t(Msg::AdminReleaseAddSubmit),
        slug: product.slug,
    };
    respond(req, state, shown.status(), &page, Some(&csrf))
}

/// `GET /admin/products/{slug}`.
pub async fn show(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let shown = match done_flag(&req) {
        Some("release") => Shown::notice(i18n::text(lang, Msg::AdminReleaseAdded, &[])),
        _ => Shown::default(),
    };
    product_page(&req, &state, &admin, lang, path.into_inner(), shown).await
}

/// `POST /admin/products/{slug}/releases`: records a release. A version equal to a known one
/// (2.0 = 2.0.0) is refused with 422 and changes nothing.
pub async fn add_release(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let slug = path.into_inner();
    let (mut shown, csrf_ok) = posted(&req, &state.keys, &form, &["csrf", "version", "date"]);
    if !csrf_ok {
        let shown = shown.csrf_refused(lang);
        return product_page(&req, &state, &admin, lang, slug, shown).await;
    }
    let version = Version::parse(&shown.value("version"))
        .map_err(|_| shown.bad("version", i18n::text(lang, Msg::InvalidVersion, &[])))
        .ok();
    let tz = state.config.business_hours.tz;
    let date = match shown.value("date").as_str() {
        "" => Some(None),
        d => parse_calendar_date(d, tz)
            .map(Some)
            .map_err(|_| shown.bad("date", i18n::text(lang, Msg::FieldNotDate, &[])))
            .ok(),
    };
    let (Some(version), Some(date)) = (version, date) else {
        return product_page(&req, &state, &admin, lang, slug, shown.fix_fields(lang)).await;
    };
    let now = state.now();
    let (s2, v2) = (slug.clone(), version.clone());
    let added = with_conn(&state, move |c| {
        let Some(p) = store::products::find(c, &s2)? else {
            return Ok(None);
        };
        let (release, created) = store::products::add_release(c, p.id, &v2, date, now)?;
        Ok(Some((release.version, created)))
    })
    .await?;
    let Some((known, created)) = added else {
        return Err(not_found());
    };
    if !created {
        shown.bad(
            "version",
            i18n::text(lang, Msg::AdminReleaseExists, &[("version", known)]),
        );
        let shown = shown.refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            i18n::text(lang, Msg::AdminFixFields, &[]),
        );
        return product_page(&req, &state, &admin, lang, slug, shown).await;
    }
    tracing::info!(by = admin.id, "release added");
    Ok(see_other(&format!("/admin/products/{slug}?done=release")))
}
