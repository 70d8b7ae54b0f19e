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
                api_tokens::scope.eq(scope.as_str()),
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
