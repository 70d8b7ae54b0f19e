//! The pages a customer sees: the intake form at `/` ([`form`]), the portal at `/t/{token}`
//! ([`portal`]) and `/privacy`. Each handler sits beside its askama page struct; the pages use
//! `templates/base.html` and the field macros of `templates/macros.html`.

pub mod attachment_file;
pub mod credentials;
pub mod form;
pub mod input;
pub mod portal;
pub mod portal_actions;
pub mod portal_complete;
pub mod portal_credentials;
pub mod upload;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::web::csrf::Csrf;
use crate::web::error::WebError;
use crate::web::error_page::{LANG_COOKIE, page_lang, query_lang};
use crate::web::layout::Layout;

/// Renders `page` with `status`, setting the cookies the visit needs: the language chosen with
/// the switch (`?lang=`), and the CSRF cookie of a browser that had none.
pub fn respond(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    page: &impl Template,
    csrf: Option<&Csrf>,
) -> Result<HttpResponse, WebError> {
    let html = page.render().map_err(|e| {
        tracing::error!(error = %e, "a page template failed to render");
        WebError::internal()
    })?;
    let mut res = HttpResponse::build(status);
    res.content_type("text/html; charset=utf-8");
    let secure = state.config.cookie_secure;
    if let Some(cookie) = lang_cookie(req, secure) {
        res.cookie(cookie);
    }
    if let Some(csrf) = csrf {
        // The page holds this browser's CSRF token: no shared cache may hand it to another.
        res.insert_header((header::CACHE_CONTROL, "private, no-cache"));
        if let Some(cookie) = csrf.cookie(secure) {
            res.cookie(cookie);
        }
    }
    Ok(res.body(html))
}

/// The cookie that remembers `?lang=` for a year, so the choice sticks across pages.
pub fn lang_cookie(req: &HttpRequest, secure: bool) -> Option<Cookie<'static>> {
    query_lang(req).map(|lang| remembered_lang(lang, secure))
}

/// The cookie that makes `lang` the page language for a year (the switch, or an agent's saved
/// choice at sign-in).
pub fn remembered_lang(lang: Lang, secure: bool) -> Cookie<'static> {
    {
        Cookie::build(LANG_COOKIE, lang.as_str())
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(secure)
            .max_age(actix_web::cookie::time::Duration::days(365))
            .finish()
    }
}

/// The stylesheet, compiled into the binary: a desk may have no internet, and the CSP allows
/// only the desk's own styles.
const STYLESHEET: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/guichet.css"));

pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        // An hour: long enough to spare repeat requests, short enough that an upgrade's new
        // styles arrive the same day without versioned URLs.
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(STYLESHEET)
}

#[derive(Template)]
#[template(path = "customer/privacy.html")]
pub struct PrivacyPage {
    pub layout: Layout,
    pub title: String,
    pub intro: String,
    pub items: Vec<String>,
}

/// `GET /privacy`: what the desk keeps about a customer.
pub async fn privacy(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let lang = page_lang(&req, state.config.default_language);
    let t = |msg| i18n::text(lang, msg, &[]);
    let items = [
        Msg::PrivacyPurchases,
        Msg::PrivacyTickets,
        Msg::PrivacyMessages,
        Msg::PrivacyPortal,
        Msg::PrivacyMail,
        Msg::PrivacyCredentials,
        Msg::PrivacyAttachments,
        Msg::PrivacyCookies,
        Msg::PrivacyLogs,
        Msg::PrivacyNotKept,
    ]
    .into_iter()
    .map(t)
    .collect();
    let page = PrivacyPage {
        layout: Layout::new(lang),
        title: t(Msg::PrivacyTitle),
        intro: t(Msg::PrivacyIntro),
        items,
    };
    respond(&req, &state, StatusCode::OK, &page, None)
}

/// The answer for a page that does not exist or must not say whether it exists.
pub fn not_found() -> WebError {
    WebError::new(StatusCode::NOT_FOUND, "not_found", "no such page")
}

/// A client error told on the error page in the visitor's language.
pub fn page_error(status: StatusCode, code: &'static str, lang: Lang, msg: Msg) -> WebError {
    WebError::new(status, code, i18n::text(lang, msg, &[]))
}
