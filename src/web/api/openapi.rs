//! The OpenAPI 3 document, generated from the handlers' annotations and the body types, served
//! without a token at `GET /api/v1/openapi.json`.

use std::sync::OnceLock;

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{actions, merge, purchases, queue, tickets, views};
use crate::web::error::{ErrorBody, ErrorDetail};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "guichet API",
        version = "1",
        description = "Tickets, the agents' actions on them, the queue, and the store's purchases. Errors are \
            {\"error\":{\"code\",\"message\",\"fields\"}}. Tokens: intake, purchases, agent, \
            or a ticket's portal token (the last segment of its portal_url)."
    ),
    paths(
        tickets::create,
        tickets::show,
        tickets::reply,
        actions::note,
        actions::resolve,
        actions::close,
        actions::reopen,
        actions::assign,
        merge::merge,
        queue::list,
        queue::take,
        purchases::upsert,
        purchases::extend,
        purchases::add_release,
    ),
    components(schemas(
        ErrorBody,
        ErrorDetail,
        tickets::CreateTicketBody,
        tickets::CreatedTicket,
        views::TicketView,
        views::MessageView,
        tickets::ReplyBody,
        tickets::TicketReplyBody,
        actions::NoteBody,
        actions::EmptyBody,
        actions::AssignBody,
        merge::MergeBody,
        queue::QueuePage,
        queue::QueueEntry,
        purchases::PurchaseBody,
        purchases::PurchaseView,
        purchases::ExtensionBody,
        purchases::ExtensionView,
        purchases::ReleaseBody,
        purchases::ReleaseView,
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn json() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|_| "{}".to_string())
    })
}

pub async fn document() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(json())
}
