//! `GET /healthz`: the process is up and the database answers.

use actix_web::{HttpResponse, web};

use crate::app::AppState;
use crate::db_run;

pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let state = state.into_inner();
    let ok = web::block(move || -> bool {
        let Ok(mut conn) = state.pool.get() else {
            return false;
        };
        use diesel::connection::SimpleConnection;
        db_run!(&mut *conn, c => { c.batch_execute("SELECT 1").is_ok() })
    })
    .await
    .unwrap_or(false);
    if ok {
        HttpResponse::Ok().content_type("text/plain").body("ok\n")
    } else {
        HttpResponse::ServiceUnavailable()
            .content_type("text/plain")
            .body("database unavailable\n")
    }
}
