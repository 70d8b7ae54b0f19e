//! Server-rendered pages. The intake form replaces the home placeholder in the customer-side
//! issue; until then `/` says what this server is.

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;

use crate::app::AppState;
use crate::i18n::Lang;

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct Home {
    pub lang: &'static str,
    pub french: bool,
}

pub async fn home(req: HttpRequest, state: web::Data<AppState>) -> Home {
    let lang = req
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or(state.config.default_language);
    Home {
        lang: lang.as_str(),
        french: lang == Lang::Fr,
    }
}

/// Any path no route matches (outside the API, which has its own): the 404 page.
pub async fn not_found() -> Result<actix_web::HttpResponse, crate::web::error::WebError> {
    Err(crate::web::error::WebError::new(
        actix_web::http::StatusCode::NOT_FOUND,
        "not_found",
        "no such page",
    ))
}
