//! The HTTP side: one route table for pages and the JSON API.
//!
//! Errors: handlers, pages and API alike, return [`error::WebError`], the one place where
//! lower-layer errors become statuses; the JSON API renders it as JSON, `error_page` as a page.

pub mod access_log;
pub mod admin;
pub mod agent;
pub mod api;
pub mod csrf;
pub mod customer;
pub mod error;
pub mod error_page;
pub mod fields;
pub mod health;
pub mod layout;
pub mod metrics;
pub mod pages;
pub mod rate_limit;
pub mod session;
pub mod widgets;

use actix_web::web;

/// Every route guichet serves.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/metrics", web::get().to(metrics::scrape))
        .route("/static/guichet.css", web::get().to(customer::stylesheet))
        .service(
            web::resource("/")
                .route(web::get().to(customer::form::show))
                .route(web::post().to(customer::form::submit)),
        )
        .route("/privacy", web::get().to(customer::privacy))
        .service(
            // The portal's URL holds its token: no Referer may carry it elsewhere, and no cache
            // may keep the page. The headers stay on its 404 page too (see `error_page`).
            web::scope("/t")
                .wrap(
                    actix_web::middleware::DefaultHeaders::new()
                        .add(("Referrer-Policy", "no-referrer"))
                        .add(("Cache-Control", "no-store")),
                )
                .route("/{token}", web::get().to(customer::portal::show))
                .route(
                    "/{token}/attachments/{id}",
                    web::get().to(customer::attachment_file::download),
                )
                .route(
                    "/{token}/credentials/delete",
                    web::post().to(customer::portal_credentials::delete),
                )
                .route(
                    "/{token}/reply",
                    web::post().to(customer::portal_actions::reply),
                )
                .route(
                    "/{token}/solved",
                    web::post().to(customer::portal_actions::solved),
                )
                .route(
                    "/{token}/complete",
                    web::post().to(customer::portal_complete::complete),
                ),
        )
        .service(
            web::scope("/agent")
                .route("", web::get().to(agent::queue::show))
                .route("/", web::get().to(agent::queue::show))
                .service(
                    web::resource("/login")
                        .route(web::get().to(agent::sign_in::show))
                        .route(web::post().to(agent::sign_in::submit)),
                )
                .route("/logout", web::post().to(agent::sign_in::sign_out))
                // two-factor sign-in and sessions
                .service(
                    web::resource("/login/code")
                        .route(web::get().to(agent::two_step::show))
                        .route(web::post().to(agent::two_step::submit)),
                )
                .route("/account", web::get().to(agent::account::show))
                .route(
                    "/account/two-factor/start",
                    web::post().to(agent::account::start),
                )
                .route(
                    "/account/two-factor/confirm",
                    web::post().to(agent::account::confirm),
                )
                .route(
                    "/account/two-factor/disable",
                    web::post().to(agent::account::disable),
                )
                .route(
                    "/account/two-factor/qr.svg",
                    web::get().to(agent::account::qr),
                )
                .route(
                    "/account/sessions/end",
                    web::post().to(agent::account::end_sessions),
                )
                .route("/take", web::post().to(agent::queue::take))
                .route("/search", web::get().to(agent::search::show))
                .route("/stats", web::get().to(agent::stats::show))
                .route("/stats.csv", web::get().to(agent::stats::download))
                .route("/tickets/{number}", web::get().to(agent::ticket::show))
                .route(
                    "/tickets/{number}/reply",
                    web::post().to(agent::ticket_actions::reply),
                )
                .route(
                    "/tickets/{number}/note",
                    web::post().to(agent::ticket_actions::note),
                )
                .route(
                    "/tickets/{number}/merge",
                    web::post().to(agent::ticket_actions::merge),
                )
                .route(
                    "/tickets/{number}/credentials",
                    web::post().to(agent::ticket::reveal),
                )
                .route(
                    "/tickets/{number}/state",
                    web::post().to(agent::ticket_actions::change_state),
                )
                .route(
                    "/tickets/{number}/attachments/{id}",
                    web::get().to(agent::ticket::attachment),
                ),
        )
        .service(
            web::scope("/admin")
                .route("/audit", web::get().to(admin::audit::show))
                .route("/privacy", web::get().to(admin::privacy::show))
                .route("/privacy/export", web::post().to(admin::privacy::export))
                .route("/privacy/erase", web::post().to(admin::privacy::erase))
                .route("/agents", web::get().to(admin::agents::show))
                .route("/agents", web::post().to(admin::agents::add))
                .route(
                    "/agents/{id}/deactivate",
                    web::post().to(admin::agents::deactivate),
                )
                .route(
                    "/agents/{id}/password",
                    web::post().to(admin::agents::set_password),
                )
                // Products and releases, purchases, the CSV import.
                .route("/products", web::get().to(admin::products::list))
                .route("/products", web::post().to(admin::products::add))
                .route("/products/{slug}", web::get().to(admin::product::show))
                .route(
                    "/products/{slug}/releases",
                    web::post().to(admin::product::add_release),
                )
                .route("/purchases", web::get().to(admin::purchases::show))
                .route("/purchases", web::post().to(admin::purchase_actions::add))
                .route(
                    "/purchases/extend",
                    web::post().to(admin::purchase_actions::extend),
                )
                .route(
                    "/purchases/import",
                    web::get().to(admin::purchase_import::show),
                )
                .route(
                    "/purchases/import",
                    web::post().to(admin::purchase_import::import),
                )
                // two-factor sign-in and sessions
                .route(
                    "/agents/{id}/two-factor/reset",
                    web::post().to(admin::agent_access::reset_two_factor),
                )
                .route(
                    "/agents/{id}/sessions/end",
                    web::post().to(admin::agent_access::end_sessions),
                )
                // API tokens, canned responses, settings
                .route("/tokens", web::get().to(admin::tokens::show))
                .route("/tokens", web::post().to(admin::tokens::create))
                .route("/tokens/{id}/revoke", web::post().to(admin::tokens::revoke))
                .route("/canned", web::get().to(admin::canned::list))
                .route("/canned", web::post().to(admin::canned::add))
                .route("/canned/{id}", web::get().to(admin::canned_edit::edit))
                .route("/canned/{id}", web::post().to(admin::canned_edit::save))
                .route(
                    "/canned/{id}/delete",
                    web::post().to(admin::canned_edit::delete),
                )
                .route("/settings", web::get().to(admin::settings::show))
                .route("/settings", web::post().to(admin::settings::save)),
        )
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
