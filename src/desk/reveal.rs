//! Revealing a ticket's site credentials: an explicit action of one agent, written to the audit
//! log in the same transaction as the read, so no agent sees them without a trace. The audit row
//! says who and which ticket; it never holds the values.

use chrono::{DateTime, Utc};

use super::{DeskError, active_agent};
use crate::db::DbConn;
use crate::domain::ids::TicketId;
use crate::keys::Keys;
use crate::store;
use crate::store::audit::AuditAction;
use crate::vault::{self, SiteCredentials};

/// The credentials of ticket `number`, or `None` when none are kept (never given, or deleted
/// at resolve or close or by the customer). Only a reveal that shows something is logged.
pub fn reveal_credentials(
    conn: &mut DbConn,
    keys: &Keys,
    number: TicketId,
    agent_id: i64,
    at: DateTime<Utc>,
) -> Result<Option<SiteCredentials>, DeskError> {
    conn.write(|c| {
        active_agent(c, agent_id)?;
        if store::tickets::get(c, number)?.is_none() {
            return Err(DeskError::TicketNotFound(number));
        }
        let Some((sealed, _)) = store::credentials::sealed(c, number)? else {
            return Ok(None);
        };
        let opened = vault::open(&keys.credentials, number, &sealed)
            .map_err(|e| DeskError::Store(store::StoreError::Vault(e)))?;
        store::audit::record(
            c,
            at,
            agent_id,
            AuditAction::RevealCredentials,
            Some(number),
            "",
        )?;
        Ok(Some(opened))
    })
}
