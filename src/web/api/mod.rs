//! The JSON API under `/api/v1` (DESIGN "Interface contract").
//!
//! Every handler follows the same order, which the contract relies on: authenticate (401), check
//! the scope (403), read and validate the body (400/413/422), then find the resource (404) and
//! act. Storage runs on the blocking pool through [`with_conn`].

pub mod actions;
pub mod auth;
pub mod body;
pub mod merge;
pub mod openapi;
pub mod purchases;
pub mod queue;
pub mod tickets;
pub mod views;

use actix_web::web;

use crate::app::AppState;
use crate::db::DbConn;
use crate::web::error::WebError;

pub fn routes(cfg: &mut web::ServiceConfig) {
    // Each path is one resource, so another method on a known path answers 405, not 404.
    fn resource(path: &str, allow: &'static str) -> actix_web::Resource {
        web::resource(path).default_service(web::to(move || method_not_allowed(allow)))
    }
    cfg.service(
        web::scope("/api/v1")
            // actix's own extractor errors are answered in the API's JSON shape too.
            .app_data(web::QueryConfig::default().error_handler(|e, _| query_error(&e).into()))
            .app_data(
                web::PathConfig::default().error_handler(|_, _| WebError::not_found_route().into()),
            )
            .service(resource("/openapi.json", "GET").route(web::get().to(openapi::document)))
            .service(resource("/tickets", "POST").route(web::post().to(tickets::create)))
            .service(resource("/tickets/{number}", "GET").route(web::get().to(tickets::show)))
            .service(
                resource("/tickets/{number}/replies", "POST").route(web::post().to(tickets::reply)),
            )
            .service(
                resource("/tickets/{number}/notes", "POST").route(web::post().to(actions::note)),
            )
            .service(
                resource("/tickets/{number}/resolve", "POST")
                    .route(web::post().to(actions::resolve)),
            )
            .service(
                resource("/tickets/{number}/close", "POST").route(web::post().to(actions::close)),
            )
            .service(
                resource("/tickets/{number}/reopen", "POST").route(web::post().to(actions::reopen)),
            )
            .service(
                resource("/tickets/{number}/assign", "POST").route(web::post().to(actions::assign)),
            )
            .service(
                resource("/tickets/{number}/merge", "POST").route(web::post().to(merge::merge)),
            )
            .service(resource("/queue", "GET").route(web::get().to(queue::list)))
            .service(resource("/queue/take", "POST").route(web::post().to(queue::take)))
            .service(resource("/purchases", "POST").route(web::post().to(purchases::upsert)))
            .service(
                resource("/purchases/{order_ref}/extensions", "POST")
                    .route(web::post().to(purchases::extend)),
            )
            .service(
                resource("/products/{slug}/releases", "POST")
                    .route(web::post().to(purchases::add_release)),
            )
            .default_service(web::to(not_found)),
    );
}

async fn not_found() -> Result<actix_web::HttpResponse, WebError> {
    Err(WebError::not_found_route())
}

/// A query string that does not fit the route's parameters (a repeated key, a value of the wrong
/// type): 422 naming the parameter when serde names it.
fn query_error(e: &actix_web::error::QueryPayloadError) -> WebError {
    let text = match e {
        actix_web::error::QueryPayloadError::Deserialize(d) => d.to_string(),
        other => other.to_string(),
    };
    // serde_urlencoded says "duplicate field `after`": the parameter is between backticks.
    let param = text
        .split('`')
        .nth(1)
        .filter(|p| !p.is_empty())
        .unwrap_or("query");
    WebError::invalid_field(param, text.clone())
}

async fn method_not_allowed(allow: &'static str) -> actix_web::HttpResponse {
    use actix_web::ResponseError;
    let mut res = WebError::new(
        actix_web::http::StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        crate::i18n::text(
            crate::i18n::Lang::En,
            crate::i18n::Msg::ApiMethodNotAllowed,
            &[("allow", allow.to_string())],
        ),
    )
    .error_response();
    res.headers_mut().insert(
        actix_web::http::header::ALLOW,
        actix_web::http::header::HeaderValue::from_static(allow),
    );
    res
}

/// Runs `f` with a pooled connection on the blocking pool.
pub async fn with_conn<T, F>(state: &AppState, f: F) -> Result<T, WebError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConn) -> Result<T, WebError> + Send + 'static,
{
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = pool.get().map_err(|e| {
            tracing::warn!(error = %e, "no database connection came free");
            WebError::busy()
        })?;
        f(&mut conn)
    })
    .await?
}
