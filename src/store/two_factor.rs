//! An agent's two-factor secret and session epoch. The secrets arrive sealed
//! (`two_factor::seal`): this module never sees one in clear.
//!
//! Accepting a code is one conditional `UPDATE` of the last accepted step, so two requests with
//! the same code (in one process or in two) cannot both succeed: the second finds the step
//! already taken.

use diesel::prelude::*;

use super::StoreResult;
use crate::db::DbConn;
use crate::db_run;
use crate::schema::agents;

/// Keeps `sealed` as the secret agent `id` is enrolling (replacing one being enrolled before).
pub fn set_pending(conn: &mut DbConn, id: i64, sealed: &[u8]) -> StoreResult<()> {
    db_run!(conn, c => {
        diesel::update(agents::table.find(id))
            .set(agents::totp_pending.eq(Some(sealed)))
            .execute(c)
    })?;
    Ok(())
}

/// Turns two-factor sign-in on for agent `id` with the pending secret `pending` (the one the
/// confirming code was checked against), takes `step` as used, and ends every other session
/// (one more epoch). `false` when the pending secret changed meanwhile (a second enrolment
/// started in another tab): nothing is changed then.
pub fn enable(conn: &mut DbConn, id: i64, pending: &[u8], step: i64) -> StoreResult<bool> {
    let n = db_run!(conn, c => {
        diesel::update(
            agents::table
                .find(id)
                .filter(agents::totp_pending.eq(pending)),
        )
        .set((
            agents::totp_secret.eq(Some(pending)),
            agents::totp_pending.eq(None::<Vec<u8>>),
            agents::totp_last_step.eq(Some(step)),
            agents::session_epoch.eq(agents::session_epoch + 1),
        ))
        .execute(c)
    })?;
    Ok(n == 1)
}

/// Takes `step` as used by agent `id`, if it is later than the last one taken. `false`: that
/// code (or a later one) was used already.
pub fn take_step(conn: &mut DbConn, id: i64, step: i64) -> StoreResult<bool> {
    let n = db_run!(conn, c => {
        diesel::update(
            agents::table
                .find(id)
                .filter(agents::totp_secret.is_not_null())
                .filter(
                    agents::totp_last_step
                        .is_null()
                        .or(agents::totp_last_step.lt(step)),
                ),
        )
        .set(agents::totp_last_step.eq(Some(step)))
        .execute(c)
    })?;
    Ok(n == 1)
}

/// Turns two-factor sign-in off for agent `id` (the agent's choice, after a code), forgetting
/// the secret and any enrolment under way. Returns whether it was on.
pub fn disable(conn: &mut DbConn, id: i64) -> StoreResult<bool> {
    let n = db_run!(conn, c => {
        diesel::update(agents::table.find(id).filter(agents::totp_secret.is_not_null()))
            .set((
                agents::totp_secret.eq(None::<Vec<u8>>),
                agents::totp_pending.eq(None::<Vec<u8>>),
                agents::totp_last_step.eq(None::<i64>),
            ))
            .execute(c)
    })?;
    Ok(n == 1)
}

/// An admin's reset: two-factor off and any enrolment forgotten (the agent enrols again if
/// they want it), and every session of the agent ended. Returns whether the agent exists.
pub fn reset(conn: &mut DbConn, id: i64) -> StoreResult<bool> {
    let n = db_run!(conn, c => {
        diesel::update(agents::table.find(id))
            .set((
                agents::totp_secret.eq(None::<Vec<u8>>),
                agents::totp_pending.eq(None::<Vec<u8>>),
                agents::totp_last_step.eq(None::<i64>),
                agents::session_epoch.eq(agents::session_epoch + 1),
            ))
            .execute(c)
    })?;
    Ok(n == 1)
}

/// Ends every session of agent `id`, in every process: the session MAC covers the epoch.
/// Returns whether the agent exists.
pub fn end_sessions(conn: &mut DbConn, id: i64) -> StoreResult<bool> {
    let n = db_run!(conn, c => {
        diesel::update(agents::table.find(id))
            .set(agents::session_epoch.eq(agents::session_epoch + 1))
            .execute(c)
    })?;
    Ok(n == 1)
}
