//! The JSON API under `/api/v1` (DESIGN "Interface contract").
//!
//! Every handler follows the same order, which the contract relies on: authenticate (401), check
//! the scope (403), read and validate the body (400/413/422), then find the resource (404) and
//! act. Storage runs on the blocking pool through [`with_conn`].

pub mod auth;
pub mod body;
pub mod openapi;
pub mod purchases;
pub mod queue;
pub mod tickets;

use actix_web::web;

use crate::db::DbConn;
use crate::startup::AppState;
use crate::web::error::ApiError;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/openapi.json", web::get().to(openapi::document))
            .route("/tickets", web::post().to(tickets::create))
            .route("/tickets/{number}", web::get().to(tickets::show))
            .route("/tickets/{number}/replies", web::post().to(tickets::reply))
            .route("/queue", web::get().to(queue::list))
            .route("/queue/take", web::post().to(queue::take))
            .route("/purchases", web::post().to(purchases::upsert))
            .route(
                "/purchases/{order_ref}/extensions",
                web::post().to(purchases::extend),
            )
            .route(
                "/products/{slug}/releases",
                web::post().to(purchases::add_release),
            )
            .default_service(web::to(not_found)),
    );
}

async fn not_found() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::new(
        actix_web::http::StatusCode::NOT_FOUND,
        "not_found",
        "no such API route",
    ))
}

/// Runs `f` with a pooled connection on the blocking pool.
pub async fn with_conn<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
{
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = pool.get().map_err(|e| {
            tracing::error!(error = %e, "no database connection");
            ApiError::internal()
        })?;
        f(&mut conn)
    })
    .await?
}
