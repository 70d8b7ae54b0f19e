//! What the desk stores about one customer email, read for a privacy export.

use diesel::prelude::*;

use super::StoreResult;
use super::models::{Message, Ticket};
use crate::db::DbConn;
use crate::db_run;
use crate::domain::email::EmailAddress;
use crate::schema::{messages, tickets};

/// The customer's tickets (by number) and all their messages, internal notes included (they are
/// about the customer too), oldest first.
pub fn tickets_and_messages(
    conn: &mut DbConn,
    email: &EmailAddress,
) -> StoreResult<(Vec<Ticket>, Vec<Message>)> {
    let found = db_run!(conn, c => {
        let ts: Vec<Ticket> = tickets::table
            .filter(tickets::email.eq(email.as_str()))
            .order(tickets::id.asc())
            .select(Ticket::as_select())
            .load(c)?;
        let ids: Vec<_> = ts.iter().map(|t| t.id).collect();
        let ms: Vec<Message> = messages::table
            .filter(messages::ticket_id.eq_any(&ids))
            .order((messages::ticket_id.asc(), messages::created_at.asc(), messages::id.asc()))
            .select(Message::as_select())
            .load(c)?;
        Ok::<_, diesel::result::Error>((ts, ms))
    })?;
    Ok(found)
}
