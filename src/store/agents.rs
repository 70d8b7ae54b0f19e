//! Agents (and admins: agents with the admin role).

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::models::Agent;
use super::rows::FirstRows;
use super::{StoreError, StoreResult, is_unique_violation, naive};
use crate::db::DbConn;
use crate::db_run;
use crate::domain::email::EmailAddress;
use crate::schema::agents;

/// Adds an agent; `password_hash` comes from `password::hash`.
pub fn add(
    conn: &mut DbConn,
    email: &EmailAddress,
    name: &str,
    password_hash: &str,
    is_admin: bool,
    at: DateTime<Utc>,
) -> StoreResult<Agent> {
    let values = (
        agents::email.eq(email.as_str()),
        agents::name.eq(name),
        agents::password_hash.eq(password_hash),
        agents::is_admin.eq(is_admin),
        agents::active.eq(true),
        agents::created_at.eq(naive(at)),
    );
    let inserted = db_run!(conn, c => {
        diesel::insert_into(agents::table)
            .values(values)
            .returning(Agent::as_returning())
            .get_result(c)
    });
    inserted.map_err(|e| {
        if is_unique_violation(&e) {
            StoreError::AgentExists
        } else {
            e.into()
        }
    })
}

pub fn find_by_email(conn: &mut DbConn, email: &EmailAddress) -> StoreResult<Option<Agent>> {
    let found = db_run!(conn, c => {
        agents::table
            .filter(agents::email.eq(email.as_str()))
            .select(Agent::as_select())
            .first_row(c)
    })?;
    Ok(found)
}

pub fn by_id(conn: &mut DbConn, id: i64) -> StoreResult<Option<Agent>> {
    let found = db_run!(conn, c => {
        agents::table.find(id).select(Agent::as_select()).first_row(c)
    })?;
    Ok(found)
}

/// Every agent, by email.
pub fn list(conn: &mut DbConn) -> StoreResult<Vec<Agent>> {
    let rows = db_run!(conn, c => {
        agents::table
            .order(agents::email.asc())
            .select(Agent::as_select())
            .load(c)
    })?;
    Ok(rows)
}

/// Marks the agent inactive: they can no longer log in, and their API tokens stop working
/// (`tokens::find_by_hash`). Their tickets and replies stay. Returns whether they were active.
pub fn deactivate(conn: &mut DbConn, email: &EmailAddress) -> StoreResult<bool> {
    let agent = find_by_email(conn, email)?
        .ok_or_else(|| StoreError::UnknownAgent(email.as_str().to_string()))?;
    if agent.active {
        db_run!(conn, c => {
            diesel::update(agents::table.find(agent.id))
                .set(agents::active.eq(false))
                .execute(c)
        })?;
    }
    Ok(agent.active)
}

/// Replaces the agent's password hash (from `password::hash`).
pub fn set_password(
    conn: &mut DbConn,
    email: &EmailAddress,
    password_hash: &str,
) -> StoreResult<Agent> {
    let updated = db_run!(conn, c => {
        diesel::update(agents::table.filter(agents::email.eq(email.as_str())))
            .set(agents::password_hash.eq(password_hash))
            .returning(Agent::as_returning())
            .get_result(c)
            .optional()
    })?;
    updated.ok_or_else(|| StoreError::UnknownAgent(email.as_str().to_string()))
}

/// Remembers the dashboard language agent `id` chose.
pub fn set_lang(conn: &mut DbConn, id: i64, lang: crate::i18n::Lang) -> StoreResult<()> {
    db_run!(conn, c => {
        diesel::update(agents::table.find(id)).set(agents::lang.eq(Some(lang))).execute(c)
    })?;
    Ok(())
}

pub fn count(conn: &mut DbConn) -> StoreResult<i64> {
    let n = db_run!(conn, c => { agents::table.count().get_result(c) })?;
    Ok(n)
}

/// The emails of these agents, by id (for the queue's assignee column).
pub fn emails(
    conn: &mut DbConn,
    ids: &[i64],
) -> StoreResult<std::collections::HashMap<i64, String>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(i64, String)> = db_run!(conn, c => {
        agents::table
            .filter(agents::id.eq_any(ids))
            .select((agents::id, agents::email))
            .load(c)
    })?;
    Ok(rows.into_iter().collect())
}
