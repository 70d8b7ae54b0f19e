//! The outbox: mails written in the same transaction as the change that causes them. The
//! sending worker (mail issue) claims and sends them; this module reads them.

use diesel::prelude::*;

use super::StoreResult;
use crate::db::DbConn;
use crate::db_run;
use crate::schema::outbox;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct OutboxRow {
    pub id: i64,
    pub ticket_id: Option<i64>,
    pub kind: String,
    pub to_addr: String,
    pub lang: crate::i18n::Lang,
    pub subject: String,
    pub body_text: String,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub auto_submitted: bool,
    pub state: String,
    pub attempts: i32,
}

pub fn for_ticket(conn: &mut DbConn, ticket_id: i64) -> StoreResult<Vec<OutboxRow>> {
    let rows = db_run!(conn, c => {
        outbox::table
            .filter(outbox::ticket_id.eq(ticket_id))
            .order(outbox::id.asc())
            .select(OutboxRow::as_select())
            .load(c)
    })?;
    Ok(rows)
}

/// Mails not yet sent (for /metrics).
pub fn backlog(conn: &mut DbConn) -> StoreResult<i64> {
    let n = db_run!(conn, c => {
        outbox::table.filter(outbox::state.eq("pending")).count().get_result(c)
    })?;
    Ok(n)
}
