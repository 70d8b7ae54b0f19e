//! The HTTP side: one route table for pages and the JSON API.
//!
//! Errors: API handlers return [`error::ApiError`], the one place where lower-layer errors become
//! statuses and JSON bodies.

pub mod access_log;
pub mod api;
pub mod error;
pub mod health;
pub mod metrics;
pub mod pages;

use actix_web::web;

/// Every route guichet serves.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/metrics", web::get().to(metrics::scrape))
        .route("/", web::get().to(pages::home))
        .configure(api::routes);
}
