//! The HTTP side: one route table for pages and the JSON API.

pub mod health;
pub mod pages;

use actix_web::web;

/// Every route guichet serves.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/", web::get().to(pages::home));
}
