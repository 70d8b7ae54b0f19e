//! The sealed site credentials of a ticket (`ticket_credentials`): written with the ticket,
//! deleted when it is resolved or closed, or when the customer asks. Only ciphertext passes
//! through here; sealing and opening are `vault`'s.
//!
//! Every path that makes a ticket `resolved` or `closed` calls [`delete_for`] inside the same
//! transaction. The migration's trigger deletes them too, as a safety net for a path that
//! forgets.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::StoreResult;
use crate::db::DbConn;
use crate::db_write;
use crate::domain::ids::TicketId;
use crate::schema::{ticket_credentials, tickets};
use crate::vault::Sealed;

/// The writes, for a concrete connection inside a transaction of the caller's.
pub trait CredentialWrites {
    /// Stores `sealed` for `ticket` and marks the ticket as having been given credentials.
    fn insert_credentials(
        &mut self,
        ticket: TicketId,
        sealed: &Sealed,
        at: NaiveDateTime,
    ) -> QueryResult<()>;
    /// Deletes the ticket's credentials; true when there were some.
    fn delete_credentials(&mut self, ticket: TicketId) -> QueryResult<bool>;
}

macro_rules! impl_credential_writes {
    ($($conn:ty),*) => {$(
        impl CredentialWrites for $conn {
            fn insert_credentials(&mut self, ticket: TicketId, sealed: &Sealed, at: NaiveDateTime) -> QueryResult<()> {
                diesel::insert_into(ticket_credentials::table)
                    .values((
                        ticket_credentials::ticket_id.eq(ticket),
                        ticket_credentials::nonce.eq(&sealed.nonce),
                        ticket_credentials::ciphertext.eq(&sealed.ciphertext),
                        ticket_credentials::created_at.eq(at),
                    ))
                    .execute(self)?;
                diesel::update(tickets::table.find(ticket))
                    .set(tickets::credentials_given.eq(true))
                    .execute(self)?;
                Ok(())
            }

            fn delete_credentials(&mut self, ticket: TicketId) -> QueryResult<bool> {
                let n = diesel::delete(ticket_credentials::table.find(ticket)).execute(self)?;
                Ok(n > 0)
            }
        }
    )*};
}

impl_credential_writes!(SqliteConnection, PgConnection);

/// Deletes `ticket`'s credentials inside the caller's transaction (`c` is the connection a
/// `db_write!` body gets). Call it wherever a ticket becomes `resolved` or `closed`.
pub fn delete_for(c: &mut impl CredentialWrites, ticket: TicketId) -> QueryResult<bool> {
    c.delete_credentials(ticket)
}

/// The customer's "delete my credentials now": true when there were some to delete.
pub fn delete_now(conn: &mut DbConn, ticket: TicketId) -> StoreResult<bool> {
    let deleted = db_write!(conn, c => { delete_for(c, ticket) })?;
    Ok(deleted)
}

/// What the portal may say about a ticket's credentials (never their values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialStatus {
    NoneGiven,
    Kept,
    /// Given, and deleted since (resolved, closed, or at the customer's request).
    Deleted,
}

pub fn status(conn: &mut DbConn, ticket: TicketId) -> StoreResult<CredentialStatus> {
    let (given, kept): (bool, i64) = crate::db_run!(conn, c => {
        let given = tickets::table
            .find(ticket)
            .select(tickets::credentials_given)
            .first::<bool>(c)
            .optional()?
            .unwrap_or(false);
        let kept = ticket_credentials::table
            .filter(ticket_credentials::ticket_id.eq(ticket))
            .count()
            .get_result::<i64>(c)?;
        Ok::<_, diesel::result::Error>((given, kept))
    })?;
    Ok(match (given, kept > 0) {
        (_, true) => CredentialStatus::Kept,
        (true, false) => CredentialStatus::Deleted,
        (false, false) => CredentialStatus::NoneGiven,
    })
}

/// The stored ciphertext of a ticket, for the agent's audited reveal (and tests).
pub fn sealed(conn: &mut DbConn, ticket: TicketId) -> StoreResult<Option<(Sealed, DateTime<Utc>)>> {
    let row: Option<(Vec<u8>, Vec<u8>, NaiveDateTime)> = crate::db_run!(conn, c => {
        ticket_credentials::table
            .find(ticket)
            .select((
                ticket_credentials::nonce,
                ticket_credentials::ciphertext,
                ticket_credentials::created_at,
            ))
            .first(c)
            .optional()
    })?;
    Ok(row.map(|(nonce, ciphertext, at)| (Sealed { nonce, ciphertext }, at.and_utc())))
}
