//! The audit log: who did what, when, to which ticket. Rows name agents and tickets by id and
//! say what was done; they never hold a secret or a customer's message.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::{StoreResult, naive};
use crate::db::DbConn;
use crate::domain::ids::TicketId;
use crate::schema::audit_log;
use crate::{db_run, db_write};

/// What an audit row records. Stored by name, so the log reads without the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// An agent displayed a ticket's site credentials.
    RevealCredentials,
    /// An admin downloaded what is stored about one customer (the address is not logged).
    PrivacyExport,
    /// An admin erased what was stored about one customer (the address is not logged).
    PrivacyErase,
    /// An agent turned two-factor sign-in on for themself.
    TwoFactorOn,
    /// An agent turned two-factor sign-in off for themself.
    TwoFactorOff,
    /// An admin turned an agent's two-factor sign-in off (detail: `agent=ID`).
    TwoFactorReset,
    /// Every session of an agent was ended, by an admin or by the agent (detail: `agent=ID`).
    SessionsEnded,
    /// An admin created an API token (detail: its id, name, scope and agent; never the token).
    TokenCreated,
    /// An admin revoked an API token (detail: its id and name).
    TokenRevoked,
    /// An admin added, changed or deleted a canned response (detail: its id, language, title).
    CannedAdded,
    CannedEdited,
    CannedDeleted,
    /// An admin saved a setting (detail: `KEY=VALUE`), or removed a saved one (detail: `KEY`).
    SettingSaved,
    SettingCleared,
}

impl AuditAction {
    pub const ALL: [AuditAction; 14] = [
        AuditAction::RevealCredentials,
        AuditAction::PrivacyExport,
        AuditAction::PrivacyErase,
        AuditAction::TwoFactorOn,
        AuditAction::TwoFactorOff,
        AuditAction::TwoFactorReset,
        AuditAction::SessionsEnded,
        AuditAction::TokenCreated,
        AuditAction::TokenRevoked,
        AuditAction::CannedAdded,
        AuditAction::CannedEdited,
        AuditAction::CannedDeleted,
        AuditAction::SettingSaved,
        AuditAction::SettingCleared,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::RevealCredentials => "reveal_credentials",
            AuditAction::PrivacyExport => "privacy_export",
            AuditAction::PrivacyErase => "privacy_erase",
            AuditAction::TwoFactorOn => "two_factor_on",
            AuditAction::TwoFactorOff => "two_factor_off",
            AuditAction::TwoFactorReset => "two_factor_reset",
            AuditAction::SessionsEnded => "sessions_ended",
            AuditAction::TokenCreated => "token_created",
            AuditAction::TokenRevoked => "token_revoked",
            AuditAction::CannedAdded => "canned_added",
            AuditAction::CannedEdited => "canned_edited",
            AuditAction::CannedDeleted => "canned_deleted",
            AuditAction::SettingSaved => "setting_saved",
            AuditAction::SettingCleared => "setting_cleared",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[derive(Debug, Clone, Queryable)]
pub struct AuditRow {
    pub id: i64,
    pub at: NaiveDateTime,
    pub agent_id: Option<i64>,
    pub action: String,
    pub ticket_id: Option<i64>,
    pub detail: String,
}

/// Writes one row (inside the caller's transaction when there is one).
pub fn record(
    conn: &mut DbConn,
    at: DateTime<Utc>,
    agent_id: i64,
    action: AuditAction,
    ticket: Option<TicketId>,
    detail: &str,
) -> StoreResult<()> {
    let at = naive(at);
    db_write!(conn, c => {
        diesel::insert_into(audit_log::table)
            .values((
                audit_log::at.eq(at),
                audit_log::agent_id.eq(Some(agent_id)),
                audit_log::action.eq(action.as_str()),
                audit_log::ticket_id.eq(ticket.map(|t| t.get())),
                audit_log::detail.eq(detail),
            ))
            .execute(c)
    })?;
    Ok(())
}

/// The rows about `ticket`, oldest first.
pub fn for_ticket(conn: &mut DbConn, ticket: TicketId) -> StoreResult<Vec<AuditRow>> {
    let rows = db_run!(conn, c => {
        audit_log::table
            .filter(audit_log::ticket_id.eq(ticket.get()))
            .order(audit_log::id.asc())
            .load(c)
    })?;
    Ok(rows)
}

/// Up to `limit` rows, newest first, older than row `before` when given, of `action` and by
/// `agent` when given (the audit log page: keyset pages on the primary key).
pub fn page(
    conn: &mut DbConn,
    action: Option<AuditAction>,
    agent: Option<i64>,
    before: Option<i64>,
    limit: i64,
) -> StoreResult<Vec<AuditRow>> {
    let rows = db_run!(conn, c => {
        let mut q = audit_log::table
            .order(audit_log::id.desc())
            .limit(limit)
            .into_boxed();
        if let Some(a) = action {
            q = q.filter(audit_log::action.eq(a.as_str()));
        }
        if let Some(agent) = agent {
            q = q.filter(audit_log::agent_id.eq(agent));
        }
        if let Some(before) = before {
            q = q.filter(audit_log::id.lt(before));
        }
        q.load(c)
    })?;
    Ok(rows)
}
