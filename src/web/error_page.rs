//! The error page: the one [`WebError`] type, rendered as HTML for everything outside
//! `/api/v1`. Handlers of every kind return the same error; [`for_pages`] (a middleware
//! on the whole application) turns an error response of a page route, actix's own extractor
//! errors and the unmatched-route 404 included, into this page in the visitor's language. The
//! JSON API keeps its JSON body.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::i18n::{self, Lang, Msg};
use crate::web::error::WebError;
use crate::web::layout::Layout;

/// The cookie that remembers the language chosen with the switch.
pub const LANG_COOKIE: &str = "lang";

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    title: String,
    message: String,
    back: String,
}

/// The language asked for with the switch (`?lang=fr|en`), if any.
pub fn query_lang(req: &HttpRequest) -> Option<Lang> {
    req.query_string()
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::parse)
}

/// The language of a page request: `?lang=`, else the `lang` cookie (the switch's choice),
/// else Accept-Language, else the desk's default.
pub fn page_lang(req: &HttpRequest, default: Lang) -> Lang {
    query_lang(req)
        .or_else(|| req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())))
        .or_else(|| {
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(default)
}

/// The page for an error of `status`; `error` gives the detail of a client error.
pub fn render(lang: Lang, status: StatusCode, error: Option<&WebError>) -> HttpResponse {
    let (title, message) = match status {
        StatusCode::NOT_FOUND => (
            i18n::text(lang, Msg::ErrorPageNotFoundTitle, &[]),
            i18n::text(lang, Msg::ErrorPageNotFound, &[]),
        ),
        StatusCode::SERVICE_UNAVAILABLE => (
            i18n::text(lang, Msg::ErrorPageTitle, &[]),
            i18n::text(lang, Msg::ErrorPageBusy, &[]),
        ),
        s if s.is_server_error() => (
            i18n::text(lang, Msg::ErrorPageTitle, &[]),
            i18n::text(lang, Msg::ErrorInternal, &[]),
        ),
        _ => (
            i18n::text(lang, Msg::ErrorPageTitle, &[]),
            error.map(|e| e.message.clone()).unwrap_or_default(),
        ),
    };
    let page = ErrorPage {
        layout: Layout::new(lang),
        title,
        message,
        back: i18n::text(lang, Msg::ErrorPageBack, &[]),
    };
    let mut res = HttpResponse::build(status);
    if status == StatusCode::SERVICE_UNAVAILABLE {
        res.insert_header((actix_web::http::header::RETRY_AFTER, "1"));
    }
    match page.render() {
        Ok(html) => res.content_type("text/html; charset=utf-8").body(html),
        // The template is compiled in; failing to fill it leaves a plain-text answer.
        Err(_) => res
            .content_type("text/plain; charset=utf-8")
            .body(status.to_string()),
    }
}

/// Whether a request is answered in JSON rather than with pages.
pub fn is_api(req: &ServiceRequest) -> bool {
    req.path() == "/api/v1" || req.path().starts_with("/api/v1/")
}

/// For the middleware in `startup`: an error response outside the API becomes the error page.
/// Responses that carry no error (a 503 from `/healthz`, a page that sets its own status) are
/// left alone.
pub fn for_pages<B>(
    api: bool,
    res: ServiceResponse<B>,
    default_lang: Lang,
) -> ServiceResponse<BoxBody>
where
    B: MessageBody + 'static,
{
    if api || res.response().error().is_none() {
        return res.map_into_boxed_body();
    }
    let status = res.status();
    let detail = res
        .response()
        .error()
        .and_then(|e| e.as_error::<WebError>())
        .cloned();
    // Headers a route set for its own reasons (the portal's no-referrer and no-store, since its
    // URL holds a token) stay on its error page.
    let kept: Vec<_> = [header::CACHE_CONTROL, header::REFERRER_POLICY]
        .into_iter()
        .filter_map(|name| {
            let value = res.response().headers().get(&name)?.clone();
            Some((name, value))
        })
        .collect();
    let (req, _) = res.into_parts();
    let lang = page_lang(&req, default_lang);
    let mut page = render(lang, status, detail.as_ref());
    for (name, value) in kept {
        page.headers_mut().insert(name, value);
    }
    ServiceResponse::new(req, page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::cookie::Cookie;
    use actix_web::test::TestRequest;

    #[test]
    fn the_switch_beats_the_cookie_which_beats_the_browser() {
        let fr_browser = || TestRequest::default().insert_header(("Accept-Language", "fr"));
        let lang = |r: TestRequest| page_lang(&r.to_http_request(), Lang::En);
        assert_eq!(lang(TestRequest::default()), Lang::En);
        assert_eq!(lang(fr_browser()), Lang::Fr);
        assert_eq!(
            lang(fr_browser().cookie(Cookie::new(LANG_COOKIE, "en"))),
            Lang::En
        );
        let switched = fr_browser()
            .uri("/?new=1&lang=en")
            .cookie(Cookie::new(LANG_COOKIE, "fr"));
        assert_eq!(lang(switched), Lang::En);
        assert_eq!(
            lang(fr_browser().uri("/?lang=de")),
            Lang::Fr,
            "unknown codes are ignored"
        );
        assert_eq!(
            page_lang(&TestRequest::default().to_http_request(), Lang::Fr),
            Lang::Fr
        );
    }
}
