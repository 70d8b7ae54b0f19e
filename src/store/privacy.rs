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

/// What an erasure removed or changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erased {
    pub tickets: usize,
    pub messages: usize,
    pub attachments: usize,
    pub purchases: usize,
    /// Attachment files (by SHA-256) that no ticket references any more: the caller deletes
    /// them from disk once the transaction has committed.
    pub orphan_files: Vec<String>,
}

/// Stands for an erased address in the rows that are kept.
pub const ERASED_EMAIL: &str = "erased@invalid";

/// Erases what is stored about `email`, in one transaction:
/// - its tickets are kept as anonymous rows (the statistics still count them): closed, with
///   the address, name, subject, version, order and site fields blanked;
/// - their messages, attachments, sealed credentials and portal tokens are deleted;
/// - the mails received from or sent to the address, and those of its tickets, are deleted;
/// - its purchases are kept for the vendor's books (order, product, dates, tier) with the
///   address replaced, so they no longer name anybody.
pub fn erase(
    conn: &mut DbConn,
    email: &EmailAddress,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<Erased> {
    use crate::domain::lifecycle::TicketState;
    use crate::schema::{
        api_tokens, attachments, inbound_mails, outbox, purchases, ticket_credentials,
    };
    let at = super::naive(at);
    let addr = email.as_str();
    let erased = crate::db_write!(conn, c => {
        let ids: Vec<crate::domain::ids::TicketId> = tickets::table
            .filter(tickets::email.eq(addr))
            .select(tickets::id)
            .load(c)?;
        let hashes: Vec<String> = attachments::table
            .filter(attachments::ticket_id.eq_any(&ids))
            .select(attachments::sha256)
            .distinct()
            .load(c)?;
        let files = diesel::delete(attachments::table.filter(attachments::ticket_id.eq_any(&ids)))
            .execute(c)?;
        let msgs = diesel::delete(messages::table.filter(messages::ticket_id.eq_any(&ids)))
            .execute(c)?;
        diesel::delete(ticket_credentials::table.filter(ticket_credentials::ticket_id.eq_any(&ids)))
            .execute(c)?;
        diesel::delete(api_tokens::table.filter(api_tokens::ticket_id.eq_any(&ids)))
            .execute(c)?;
        diesel::delete(
            inbound_mails::table.filter(
                inbound_mails::ticket_id
                    .eq_any(&ids)
                    .or(inbound_mails::sender.eq(addr)),
            ),
        )
        .execute(c)?;
        diesel::delete(outbox::table.filter(outbox::ticket_id.eq_any(&ids).or(outbox::to_addr.eq(addr))))
            .execute(c)?;
        // Closing first lets the queue counters' triggers see a state change they know.
        diesel::update(
            tickets::table
                .filter(tickets::id.eq_any(&ids))
                .filter(tickets::state.ne(TicketState::Closed)),
        )
        .set((tickets::state.eq(TicketState::Closed), tickets::updated_at.eq(at)))
        .execute(c)?;
        diesel::update(tickets::table.filter(tickets::id.eq_any(&ids)))
            .set((
                tickets::email.eq(ERASED_EMAIL),
                tickets::name.eq(""),
                tickets::subject.eq("—"),
                tickets::version.eq(None::<String>),
                tickets::order_ref.eq(None::<String>),
                tickets::store_url.eq(None::<String>),
                tickets::admin_url.eq(None::<String>),
                tickets::platform_version.eq(None::<String>),
                tickets::updated_at.eq(at),
            ))
            .execute(c)?;
        let bought = diesel::update(purchases::table.filter(purchases::email.eq(addr)))
            .set(purchases::email.eq(ERASED_EMAIL))
            .execute(c)?;
        let mut orphans = Vec::new();
        for h in hashes {
            let still: i64 = attachments::table
                .filter(attachments::sha256.eq(&h))
                .count()
                .get_result(c)?;
            if still == 0 {
                orphans.push(h);
            }
        }
        Ok::<_, diesel::result::Error>(Erased {
            tickets: ids.len(),
            messages: msgs,
            attachments: files,
            purchases: bought,
            orphan_files: orphans,
        })
    })?;
    Ok(erased)
}
