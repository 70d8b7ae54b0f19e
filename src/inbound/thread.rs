//! Threading: which ticket a mail answers. By its references first (Message-IDs guichet sent,
//! whose HMAC proves the ticket, or that guichet received before), then by the `[#N]` tag of
//! its subject; in both cases only when the sender is that ticket's customer, so nobody can
//! write into someone else's ticket by quoting its number.

use chrono::{DateTime, Utc};

use super::{InboundError, Outcome, message_text};
use crate::db::DbConn;
use crate::domain::channel::Channel;
use crate::domain::email::EmailAddress;
use crate::domain::ids::TicketId;
use crate::intake::{self, Desk, IntakeError, MessageOutcome};
use crate::mail::ids;
use crate::mail::inbound::ParsedMail;
use crate::store::attachments::NewAttachment;
use crate::store::{self, models::Ticket};

/// The sender's ticket this mail answers, if any.
pub(super) fn ticket_of(
    conn: &mut DbConn,
    desk: Desk<'_>,
    mail: &ParsedMail,
    sender: &EmailAddress,
) -> Result<Option<Ticket>, InboundError> {
    // The newest reference first: In-Reply-To, then References from the end.
    let referenced = mail.in_reply_to.iter().chain(mail.references.iter().rev());
    for id in referenced {
        let number = match ids::ticket_of(desk.keys, id) {
            Some(n) => Some(n),
            None => store::inbound::ticket_of_received(conn, id)?,
        };
        if let Some(ticket) = number
            .map(|n| owned_by(conn, n, sender))
            .transpose()?
            .flatten()
        {
            return Ok(Some(ticket));
        }
    }
    match subject_tag(&mail.subject) {
        Some(n) => Ok(owned_by(conn, n, sender)?),
        None => Ok(None),
    }
}

fn owned_by(
    conn: &mut DbConn,
    number: TicketId,
    sender: &EmailAddress,
) -> Result<Option<Ticket>, InboundError> {
    let ticket = store::tickets::get(conn, number)?;
    Ok(ticket.filter(|t| t.email.eq_ignore_ascii_case(sender.as_str())))
}

/// The number of the first `[#N]` in a subject.
pub(crate) fn subject_tag(subject: &str) -> Option<TicketId> {
    let mut rest = subject;
    while let Some(start) = rest.find("[#") {
        let after = &rest[start + 2..];
        if let Some(end) = after.find(']')
            && let Some(n) = TicketId::parse(after[..end].trim())
        {
            return Some(n);
        }
        rest = after;
    }
    None
}

/// The mail as a customer message on `ticket`, through intake (the lifecycle rule, and a new
/// linked ticket when this one is over).
pub(super) fn reply(
    conn: &mut DbConn,
    desk: Desk<'_>,
    ticket: Ticket,
    mail: &ParsedMail,
    files: &[NewAttachment],
    now: DateTime<Utc>,
) -> Result<Outcome, InboundError> {
    let text = message_text(mail);
    match intake::customer_message(conn, desk, ticket.id, &text, files, Channel::Mail, now) {
        Ok(MessageOutcome::Joined(t)) => Ok(Outcome::Reply(t.id)),
        Ok(MessageOutcome::FollowUp(created)) => Ok(Outcome::Created(created.ticket.id)),
        Err(IntakeError::Refused(r, _)) => Ok(Outcome::Refused(r.code())),
        Err(IntakeError::NoVersion(_)) => Ok(Outcome::Refused("invalid_version")),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_tag_finds_the_first_number_in_brackets() {
        assert_eq!(
            subject_tag("Re: [#42] Rates not showing"),
            Some(TicketId::new(42))
        );
        assert_eq!(
            subject_tag("RE: AW: [#x] then [#7]"),
            Some(TicketId::new(7))
        );
        assert_eq!(subject_tag("#42 without brackets"), None);
        assert_eq!(subject_tag("[#"), None);
    }
}
