//! Attachment rows (`attachments`): one per file given with a ticket's message. The file itself
//! is on disk by content hash (`crate::attachments`); a row only names it. Rows are written in
//! the transaction of their message; [`find_for_ticket`] is the one lookup that decides whether
//! an attachment belongs to a ticket, for the portal now and the agents' dashboard later.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::StoreResult;
use crate::db::DbConn;
use crate::db_run;
use crate::domain::ids::TicketId;
use crate::schema::attachments;

/// A stored file to record with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub sha256: String,
    /// Already sanitised (`crate::attachments::sanitise_filename`).
    pub filename: String,
    pub content_type: String,
    pub size: u64,
}

/// An attachment as read back.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = attachments)]
pub struct Attachment {
    pub id: i64,
    pub ticket_id: i64,
    pub message_id: Option<i64>,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: NaiveDateTime,
}

/// The write, for a concrete connection inside a transaction of the caller's.
pub trait AttachmentWrites {
    fn insert_attachments(
        &mut self,
        ticket: TicketId,
        message: i64,
        files: &[NewAttachment],
        at: NaiveDateTime,
    ) -> QueryResult<()>;
}

macro_rules! impl_attachment_writes {
    ($($conn:ty),*) => {$(
        impl AttachmentWrites for $conn {
            fn insert_attachments(
                &mut self,
                ticket: TicketId,
                message: i64,
                files: &[NewAttachment],
                at: NaiveDateTime,
            ) -> QueryResult<()> {
                for f in files {
                    diesel::insert_into(attachments::table)
                        .values((
                            attachments::ticket_id.eq(ticket.get()),
                            attachments::message_id.eq(Some(message)),
                            attachments::filename.eq(&f.filename),
                            attachments::content_type.eq(&f.content_type),
                            // A file is at most the attachment limit, far below i64::MAX.
                            attachments::size_bytes.eq(i64::try_from(f.size).unwrap_or(i64::MAX)),
                            attachments::sha256.eq(&f.sha256),
                            attachments::created_at.eq(at),
                        ))
                        .execute(self)?;
                }
                Ok(())
            }
        }
    )*};
}

impl_attachment_writes!(SqliteConnection, PgConnection);

/// Records `files` as attachments of `message` of `ticket`, inside the caller's transaction.
pub fn insert_for(
    c: &mut impl AttachmentWrites,
    ticket: TicketId,
    message: i64,
    files: &[NewAttachment],
    at: NaiveDateTime,
) -> QueryResult<()> {
    if files.is_empty() {
        return Ok(());
    }
    c.insert_attachments(ticket, message, files, at)
}

/// Every attachment of `ticket`, oldest first.
pub fn list_for_ticket(conn: &mut DbConn, ticket: TicketId) -> StoreResult<Vec<Attachment>> {
    let rows = db_run!(conn, c => {
        attachments::table
            .filter(attachments::ticket_id.eq(ticket.get()))
            .order(attachments::id.asc())
            .select(Attachment::as_select())
            .load(c)
    })?;
    Ok(rows)
}

/// Attachment `id` if it belongs to `ticket`; `None` otherwise, the same answer whether it does
/// not exist or belongs to another ticket, so a caller cannot tell the two apart.
pub fn find_for_ticket(
    conn: &mut DbConn,
    ticket: TicketId,
    id: i64,
) -> StoreResult<Option<Attachment>> {
    let row = db_run!(conn, c => {
        attachments::table
            .filter(attachments::id.eq(id))
            .filter(attachments::ticket_id.eq(ticket.get()))
            .select(Attachment::as_select())
            .first(c)
            .optional()
    })?;
    Ok(row)
}
