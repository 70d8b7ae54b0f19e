//! API and portal tokens, by hash.

use diesel::prelude::*;

use super::models::ApiToken;
use super::{StoreResult, naive, now};
use crate::db::DbConn;
use crate::db_run;
use crate::schema::api_tokens;
use crate::tokens::Scope;

/// Stores a token's hash. `agent_id` for the agent scope, `ticket_id` for the portal scope.
pub fn insert(
    conn: &mut DbConn,
    name: &str,
    token_hash: &str,
    scope: Scope,
    agent_id: Option<i64>,
    ticket_id: Option<i64>,
) -> StoreResult<()> {
    db_run!(conn, c => {
        diesel::insert_into(api_tokens::table)
            .values((
                api_tokens::name.eq(name),
                api_tokens::token_hash.eq(token_hash),
                api_tokens::scope.eq(scope),
                api_tokens::agent_id.eq(agent_id),
                api_tokens::ticket_id.eq(ticket_id),
                api_tokens::created_at.eq(naive(now())),
            ))
            .execute(c)
    })?;
    Ok(())
}

pub fn find_by_hash(conn: &mut DbConn, token_hash: &str) -> StoreResult<Option<ApiToken>> {
    let found = db_run!(conn, c => {
        api_tokens::table
            .filter(api_tokens::token_hash.eq(token_hash))
            .select(ApiToken::as_select())
            .first(c)
            .optional()
    })?;
    Ok(found)
}

/// The seed of ticket `ticket_id`'s newest portal token, from which the mail sender derives
/// the link; `None` when the ticket has no portal token (revoked).
pub fn portal_seed(conn: &mut DbConn, ticket_id: i64) -> StoreResult<Option<String>> {
    let seed = db_run!(conn, c => {
        api_tokens::table
            .filter(api_tokens::ticket_id.eq(ticket_id))
            .filter(api_tokens::scope.eq(Scope::Portal))
            .filter(api_tokens::seed.is_not_null())
            .order(api_tokens::id.desc())
            .select(api_tokens::seed)
            .first::<Option<String>>(c)
            .optional()
    })?;
    Ok(seed.flatten())
}
