//! From an outbox row to a mail ready for the transport.
//!
//! Stored rows never hold a portal token: a mail that links to the portal stores
//! [`PORTAL_LINK`] instead, and [`render`] derives the token from the ticket's stored seed with
//! the master key when the mail goes out. Every header value is made one line here, whatever is
//! stored (the edge already refuses line breaks in one-line fields; this is the second wall).

use crate::config::Config;
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

/// The mail of `row`, with its portal link filled in, its sender from the configuration and its
/// `References` from the ticket's conversation.
pub fn render(
    conn: &mut DbConn,
    config: &Config,
    keys: &Keys,
    row: &OutboxRow,
) -> StoreResult<Outgoing> {
    let public_url = config.public_url.as_str();
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
    let in_reply_to = row.in_reply_to.as_deref().map(message_id_of);
    let mut references: Vec<String> = match (&row.references_ids, row.ticket_id) {
        (Some(stored), _) => stored.split_whitespace().map(message_id_of).collect(),
        (None, Some(ticket)) => store::outbox::thread_roots(conn, ticket)?
            .iter()
            .map(|id| message_id_of(id))
            .collect(),
        (None, None) => Vec::new(),
    };
    let own = message_id_of(&row.message_id);
    references.extend(in_reply_to.clone());
    references.retain(|id| *id != own);
    let mut seen = std::collections::HashSet::new();
    references.retain(|id| seen.insert(id.clone()));
    Ok(Outgoing {
        from: config.mail.from.as_str().to_string(),
        reply_to: config
            .mail
            .reply_to
            .as_ref()
            .map(|a| a.as_str().to_string()),
        to: Outgoing::header_safe(&row.to_addr),
        lang: row.lang,
        subject: Outgoing::header_safe(&row.subject),
        body_text: body,
        message_id: own,
        in_reply_to,
        references,
        auto_submitted: row.auto_submitted,
    })
}

/// A Message-ID as a header wants it: one line, no spaces, between angle brackets. Ids read
/// from received mail are stored without them.
fn message_id_of(id: &str) -> String {
    let bare: String = Outgoing::header_safe(id)
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '<' && *c != '>')
        .collect();
    format!("<{bare}>")
}

#[cfg(test)]
mod tests {
    use super::message_id_of;

    #[test]
    fn message_ids_get_one_pair_of_brackets_and_no_line_break() {
        assert_eq!(message_id_of("abc@x"), "<abc@x>");
        assert_eq!(message_id_of("<abc@x>"), "<abc@x>");
        assert_eq!(message_id_of(" <a\r\nb@x> "), "<ab@x>");
    }
}
