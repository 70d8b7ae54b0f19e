//! One access-log line per request, at info: method, route pattern, status and time in ms.
//!
//! The route pattern (`/api/v1/tickets/{number}`), never the path: a path can carry a portal
//! token or an order reference. No peer address, header or query string is logged either, so the
//! log holds no IP, email or token (DESIGN.md, "Confidential data").

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

/// The middleware, for `actix_web::middleware::from_fn`.
pub async fn log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req.match_pattern().unwrap_or_else(|| "unmatched".into());
    let result = next.call(req).await;
    let status = match &result {
        Ok(res) => res.status(),
        Err(e) => e.as_response_error().status_code(),
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        target: "guichet::access",
        "{method} {route} {} {ms:.1}ms",
        status.as_u16()
    );
    result
}
