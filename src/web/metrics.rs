//! `GET /metrics` in Prometheus text format: the application's registry ([`crate::metrics`]),
//! with queue lengths and the outbox's mails by state read from the database at scrape time, so they are
//! the same whichever process answers.

use actix_web::{HttpResponse, web};

use crate::app::AppState;
use crate::domain::outbox::OutboxState;
use crate::store;

pub async fn scrape(state: web::Data<AppState>) -> HttpResponse {
    let state = state.into_inner();
    let st = state.clone();
    let read = web::block(move || -> Result<_, store::StoreError> {
        let mut c = st.conn()?;
        Ok((
            store::queue::lengths(&mut c)?,
            store::outbox::counts(&mut c)?,
        ))
    })
    .await;
    let m = &state.metrics;
    match read {
        Ok(Ok(((priority, standard), outbox))) => {
            m.set_queue_lengths(priority, standard);
            let backlog = outbox
                .iter()
                .find(|(s, _)| *s == OutboxState::Pending)
                .map_or(0, |(_, n)| *n);
            m.set_outbox_backlog(backlog);
            m.set_outbox_counts(&outbox);
        }
        Ok(Err(e)) => tracing::warn!(error = %e, "metrics: cannot read queue lengths"),
        Err(_) => tracing::warn!("metrics: blocking task failed"),
    }
    let Ok(text) = m.encode() else {
        return HttpResponse::InternalServerError().finish();
    };
    HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(text)
}
