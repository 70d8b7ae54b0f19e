//! Internal facts about the database (`meta`) and the settings saved from the admin pages.

use std::collections::BTreeMap;

use diesel::prelude::*;

use super::StoreResult;
use super::rows::FirstRows;
use crate::db::DbConn;
use crate::db_run;
use crate::schema::{meta, settings};

pub const KEY_CHECK: &str = "key_check";

pub fn get(conn: &mut DbConn, key: &str) -> StoreResult<Option<String>> {
    let value = db_run!(conn, c => {
        meta::table.find(key).select(meta::value).first_row::<String>(c)
    })?;
    Ok(value)
}

/// Stores `value` under `key` only when the key is absent; returns the value in force.
/// Two processes starting together agree on one value this way.
pub fn set_if_absent(conn: &mut DbConn, key: &str, value: &str) -> StoreResult<String> {
    db_run!(conn, c => {
        diesel::insert_into(meta::table)
            .values((meta::key.eq(key), meta::value.eq(value)))
            .on_conflict_do_nothing()
            .execute(c)
    })?;
    Ok(get(conn, key)?.unwrap_or_else(|| value.to_string()))
}

/// The settings saved from the admin pages, as raw text (parsed by `config`).
pub fn saved_settings(conn: &mut DbConn) -> StoreResult<BTreeMap<String, String>> {
    let rows: Vec<(String, String)> = db_run!(conn, c => {
        settings::table.select((settings::key, settings::value)).load(c)
    })?;
    Ok(rows.into_iter().collect())
}

pub fn save_setting(
    conn: &mut DbConn,
    key: &str,
    value: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    let now = super::naive(at);
    db_run!(conn, c => {
        diesel::insert_into(settings::table)
            .values((settings::key.eq(key), settings::value.eq(value), settings::updated_at.eq(now)))
            .on_conflict(settings::key)
            .do_update()
            .set((settings::value.eq(value), settings::updated_at.eq(now)))
            .execute(c)
    })?;
    Ok(())
}

/// Removes the saved value of `key`, so the layers below (the default) apply again; whether
/// there was one.
pub fn delete_setting(conn: &mut DbConn, key: &str) -> StoreResult<bool> {
    let n = db_run!(conn, c => {
        diesel::delete(settings::table.find(key)).execute(c)
    })?;
    Ok(n == 1)
}
