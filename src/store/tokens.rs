//! API and portal tokens, by hash.

use diesel::prelude::*;

use super::models::ApiToken;
use super::rows::FirstRows;
use super::{StoreError, StoreResult, naive};
use crate::db::DbConn;
use crate::db_run;
use crate::schema::{agents, api_tokens};
use crate::tokens::Scope;

/// Stores a token's hash. `agent_id` for the agent scope, `ticket_id` for the portal scope.
pub fn insert(
    conn: &mut DbConn,
    name: &str,
    token_hash: &str,
    scope: Scope,
    agent_id: Option<i64>,
    ticket_id: Option<crate::domain::ids::TicketId>,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    db_run!(conn, c => {
        diesel::insert_into(api_tokens::table)
            .values((
                api_tokens::name.eq(name),
                api_tokens::token_hash.eq(token_hash),
                api_tokens::scope.eq(scope),
                api_tokens::agent_id.eq(agent_id),
                api_tokens::ticket_id.eq(ticket_id),
                api_tokens::created_at.eq(naive(at)),
            ))
            .execute(c)
    })?;
    Ok(())
}

/// The token with this hash. A token that acts as a deactivated agent is not found: deactivating
/// an agent must stop their tokens at once, wherever the token is checked.
///
/// Two plain lookups rather than one join: the lookup by hash is the hot path of every API
/// request, and this shape keeps it a cached statement that SQLite answers from the unique index
/// (the join cost about 56,000 more instructions per request, measured with callgrind); only
/// agent tokens pay for the second lookup, by primary key.
pub fn find_by_hash(conn: &mut DbConn, token_hash: &str) -> StoreResult<Option<ApiToken>> {
    let found = db_run!(conn, c => {
        api_tokens::table
            .filter(api_tokens::token_hash.eq(token_hash))
            .select(ApiToken::as_select())
            .first_row(c)
    })?;
    let Some(token) = found else {
        return Ok(None);
    };
    let Some(agent_id) = token.agent_id else {
        return Ok(Some(token));
    };
    let active: Option<bool> = db_run!(conn, c => {
        agents::table
            .find(agent_id)
            .select(agents::active)
            .first_row(c)
    })?;
    Ok(active.unwrap_or(false).then_some(token))
}

/// The seed of ticket `ticket_id`'s newest portal token, from which the mail sender derives
/// the link; `None` when the ticket has no portal token (revoked).
pub fn portal_seed(
    conn: &mut DbConn,
    ticket_id: crate::domain::ids::TicketId,
) -> StoreResult<Option<String>> {
    let seed = db_run!(conn, c => {
        api_tokens::table
            .filter(api_tokens::ticket_id.eq(ticket_id))
            .filter(api_tokens::scope.eq(Scope::Portal))
            .filter(api_tokens::seed.is_not_null())
            .order(api_tokens::id.desc())
            .select(api_tokens::seed)
            .first_row::<Option<String>>(c)
    })?;
    Ok(seed.flatten())
}

/// An API token as `token list` shows it: never the token or its hash.
#[derive(Debug, Clone)]
pub struct TokenLine {
    pub id: i64,
    pub name: String,
    pub scope: String,
    /// The agent's email and whether the agent is active, for agent tokens.
    pub agent: Option<(String, bool)>,
    pub created_at: chrono::NaiveDateTime,
}

/// Every API token, oldest first. Portal tokens (one per ticket, the customer's link) are not
/// API tokens and are left out.
pub fn list(conn: &mut DbConn) -> StoreResult<Vec<TokenLine>> {
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        Option<bool>,
        chrono::NaiveDateTime,
    );
    let rows: Vec<Row> = db_run!(conn, c => {
        api_tokens::table
            .left_join(agents::table.on(api_tokens::agent_id.eq(agents::id.nullable())))
            .filter(api_tokens::scope.ne(Scope::Portal))
            .order(api_tokens::id.asc())
            .select((
                api_tokens::id,
                api_tokens::name,
                api_tokens::scope,
                agents::email.nullable(),
                agents::active.nullable(),
                api_tokens::created_at,
            ))
            .load(c)
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, name, scope, email, active, created_at)| TokenLine {
            id,
            name,
            scope,
            agent: email.map(|e| (e, active.unwrap_or(false))),
            created_at,
        })
        .collect())
}

/// Deletes the API token with this id or, when `which` is not a number of one, this name.
/// A name shared by several tokens is ambiguous: nothing is deleted. Returns the token's name
/// and id. Portal tokens cannot be revoked here.
pub fn revoke(conn: &mut DbConn, which: &str) -> StoreResult<(String, i64)> {
    let candidates: Vec<(i64, String)> = db_run!(conn, c => {
        api_tokens::table
            .filter(api_tokens::scope.ne(Scope::Portal))
            .filter(api_tokens::name.eq(which))
            .select((api_tokens::id, api_tokens::name))
            .order(api_tokens::id.asc())
            .load(c)
    })?;
    let by_id: Vec<(i64, String)> = match which.parse::<i64>() {
        Ok(id) => db_run!(conn, c => {
            api_tokens::table
                .filter(api_tokens::scope.ne(Scope::Portal))
                .filter(api_tokens::id.eq(id))
                .select((api_tokens::id, api_tokens::name))
                .load(c)
        })?,
        Err(_) => Vec::new(),
    };
    // An id wins over a name that happens to be a number.
    let (id, name) = match (by_id.as_slice(), candidates.as_slice()) {
        ([one], _) | ([], [one]) => one.clone(),
        ([], []) => return Err(StoreError::UnknownToken(which.to_string())),
        _ => {
            return Err(StoreError::AmbiguousToken {
                name: which.to_string(),
                ids: candidates.iter().map(|(id, _)| *id).collect(),
            });
        }
    };
    db_run!(conn, c => {
        diesel::delete(api_tokens::table.filter(api_tokens::id.eq(id))).execute(c)
    })?;
    Ok((name, id))
}
