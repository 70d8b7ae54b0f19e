//! The HTTP side: one route table for pages and the JSON API.
//!
//! Errors: API handlers return [`error::WebError`], the one place where lower-layer errors become
//! statuses and JSON bodies.

pub mod access_log;
pub mod api;
pub mod error;
pub mod error_page;
pub mod fields;
pub mod health;
pub mod metrics;
pub mod pages;

use actix_web::web;

/// Every route guichet serves.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/metrics", web::get().to(metrics::scrape))
        .route("/", web::get().to(pages::home))
        .configure(api::routes)
        .default_service(web::to(pages::not_found));
}

/// Headers on every response. The CSP allows only the desk's own scripts, styles and images
/// (the binary serves its assets; no CDN) and no framing; `nosniff` keeps a browser from
/// reading a download as a page.
pub fn security_headers() -> actix_web::middleware::DefaultHeaders {
    actix_web::middleware::DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
}
