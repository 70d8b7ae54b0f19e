//! From an outbox row to a mail ready for the transport.
//!
//! Stored rows never hold a portal token: a mail that links to the portal stores
//! [`PORTAL_LINK`] instead, and [`render`] derives the token from the ticket's stored seed with
//! the master key when the mail goes out. Every header value is made one line here, whatever is
//! stored (the edge already refuses line breaks in one-line fields; this is the second wall).

use crate::db::DbConn;
use crate::keys::Keys;
use crate::mail::transport::Outgoing;
use crate::store::outbox::OutboxRow;
use crate::store::{self, StoreResult};
use crate::tokens;

/// Stands for the ticket's portal link in a stored body.
pub const PORTAL_LINK: &str = "[[portal-link]]";

/// The customer's page for `token`.
pub fn portal_url(public_url: &str, token: &str) -> String {
    format!("{}/t/{}", public_url.trim_end_matches('/'), token)
}

/// The mail of `row`, with its portal link filled in.
pub fn render(
    conn: &mut DbConn,
    keys: &Keys,
    public_url: &str,
    row: &OutboxRow,
) -> StoreResult<Outgoing> {
    let mut body = row.body_text.clone();
    if body.contains(PORTAL_LINK) {
        let seed = match row.ticket_id {
            Some(id) => store::tokens::portal_seed(conn, id)?,
            None => None,
        };
        // A revoked token leaves no link to give: the customer is pointed to the desk instead.
        let link = match seed {
            Some(seed) => portal_url(public_url, &tokens::portal_token(keys, &seed)),
            None => public_url.to_string(),
        };
        body = body.replace(PORTAL_LINK, &link);
    }
    Ok(Outgoing {
        to: Outgoing::header_safe(&row.to_addr),
        subject: Outgoing::header_safe(&row.subject),
        body_text: body,
        message_id: Outgoing::header_safe(&row.message_id),
        in_reply_to: row.in_reply_to.as_deref().map(Outgoing::header_safe),
        auto_submitted: row.auto_submitted,
    })
}
