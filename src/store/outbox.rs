//! The outbox: mails written in the same transaction as the change that causes them, and the
//! sender's side of it: claiming due mails under a lease, and recording each attempt.
//!
//! A claim sets `claimed_until`: until then no other sender (thread or process) takes the row.
//! A sender that dies mid-send leaves a lease that runs out, and the mail is sent by whoever
//! claims next. That makes delivery at-least-once across a crash between the SMTP server's
//! acceptance and [`mark_sent`]; with no crash it is exactly once.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::rows::FirstRows;
use super::{StoreResult, naive};
use crate::db::DbConn;
use crate::domain::ids::TicketId;
use crate::domain::outbox::OutboxState;
use crate::i18n::Lang;
use crate::schema::{inbound_mails, outbox};
use crate::{db_run, db_write};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct OutboxRow {
    pub id: i64,
    pub ticket_id: Option<TicketId>,
    pub kind: String,
    pub to_addr: String,
    pub lang: Lang,
    pub subject: String,
    pub body_text: String,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub references_ids: Option<String>,
    pub auto_submitted: bool,
    pub state: OutboxState,
    pub attempts: i32,
    pub last_error: Option<String>,
}

pub fn for_ticket(conn: &mut DbConn, ticket_id: TicketId) -> StoreResult<Vec<OutboxRow>> {
    let rows = db_run!(conn, c => {
        outbox::table
            .filter(outbox::ticket_id.eq(ticket_id))
            .order(outbox::id.asc())
            .select(OutboxRow::as_select())
            .load(c)
    })?;
    Ok(rows)
}

/// Every mail written to `to`, oldest first.
pub fn for_recipient(conn: &mut DbConn, to: &str) -> StoreResult<Vec<OutboxRow>> {
    let rows = db_run!(conn, c => {
        outbox::table
            .filter(outbox::to_addr.eq(to))
            .order(outbox::id.asc())
            .select(OutboxRow::as_select())
            .load(c)
    })?;
    Ok(rows)
}

/// How many mails are in each state (for /metrics), in [`OutboxState::ALL`] order.
pub fn counts(conn: &mut DbConn) -> StoreResult<Vec<(OutboxState, i64)>> {
    let rows: Vec<(OutboxState, i64)> = db_run!(conn, c => {
        outbox::table
            .group_by(outbox::state)
            .select((outbox::state, diesel::dsl::count_star()))
            .load(c)
    })?;
    Ok(OutboxState::ALL
        .into_iter()
        .map(|st| {
            let n = rows.iter().find(|(s, _)| *s == st).map_or(0, |(_, n)| *n);
            (st, n)
        })
        .collect())
}

/// The due, unclaimed mails: pending, `next_attempt_at` reached, and no live lease.
macro_rules! due {
    ($now:expr) => {
        outbox::table
            .filter(outbox::state.eq(OutboxState::Pending))
            .filter(outbox::next_attempt_at.le($now))
            .filter(
                outbox::claimed_until
                    .is_null()
                    .or(outbox::claimed_until.lt($now)),
            )
            .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
            .select(outbox::id)
    };
}

/// Sets the lease of the rows `$ids` until `$until` and reads them back.
macro_rules! lease {
    ($c:expr, $ids:expr, $until:expr) => {{
        let ids: Vec<i64> = $ids;
        if ids.is_empty() {
            Ok(Vec::new())
        } else {
            diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
                .set(outbox::claimed_until.eq(Some($until)))
                .execute($c)
                .and_then(|_| {
                    outbox::table
                        .filter(outbox::id.eq_any(&ids))
                        .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
                        .select(OutboxRow::as_select())
                        .load($c)
                })
        }
    }};
}

/// Claims up to `limit` due mails until `lease_until` and returns them, oldest due first.
///
/// PostgreSQL: the due rows are locked `FOR UPDATE SKIP LOCKED`, so two senders claiming at
/// once get different rows without waiting on each other. SQLite: the claim runs under the
/// write lock. Either way a row is claimed by one sender at a time.
pub fn claim_due(
    conn: &mut DbConn,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> StoreResult<Vec<OutboxRow>> {
    let (now, until) = (naive(now), naive(lease_until));
    let rows = match conn {
        DbConn::Pg(c) => c.transaction(|c| {
            let ids = due!(now).limit(limit).for_update().skip_locked().load(c)?;
            lease!(c, ids, until)
        }),
        conn @ DbConn::Sqlite(_) => db_write!(conn, c => {
            let ids = due!(now).limit(limit).load(c)?;
            lease!(c, ids, until)
        }),
    }?;
    Ok(rows)
}

/// The attempt on mail `id` succeeded at `at`.
pub fn mark_sent(conn: &mut DbConn, id: i64, at: DateTime<Utc>) -> StoreResult<()> {
    let at = naive(at);
    db_write!(conn, c => {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::state.eq(OutboxState::Sent),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::sent_at.eq(Some(at)),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
                outbox::last_error.eq(None::<String>),
            ))
            .execute(c)
    })?;
    Ok(())
}

/// The attempt on mail `id` failed for a reason worth another try at `next_at`.
pub fn retry_later(
    conn: &mut DbConn,
    id: i64,
    next_at: DateTime<Utc>,
    error: &str,
) -> StoreResult<()> {
    let next_at = naive(next_at);
    db_write!(conn, c => {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::next_attempt_at.eq(next_at),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
                outbox::last_error.eq(Some(error)),
            ))
            .execute(c)
    })?;
    Ok(())
}

/// Mail `id` is given up: `Failed` (with the server's answer) or `Suppressed` (with the
/// reason). `attempted` says whether this pass made an attempt that counts.
pub fn give_up(
    conn: &mut DbConn,
    id: i64,
    state: OutboxState,
    attempted: bool,
    reason: &str,
) -> StoreResult<()> {
    let add = i32::from(attempted);
    db_write!(conn, c => {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::state.eq(state),
                outbox::attempts.eq(outbox::attempts + add),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
                outbox::last_error.eq(Some(reason)),
            ))
            .execute(c)
    })?;
    Ok(())
}

/// The WHERE of the partial index `outbox_auto_sent`: automatic mails that were sent.
const AUTO_SENT: &str = "outbox.state = 'sent' AND outbox.auto_submitted";

/// Automatic mails sent to `to` since `since`: the per-address limit counts these.
pub fn automatic_sent_since(conn: &mut DbConn, to: &str, since: DateTime<Utc>) -> StoreResult<i64> {
    let since = naive(since);
    let n = db_run!(conn, c => {
        // Literal, to match the partial index `outbox_auto_sent` (migration 000015), which
        // answers from the index alone; bound values cannot be matched against its WHERE.
        outbox::table
            .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(AUTO_SENT))
            .filter(outbox::to_addr.eq(to))
            .filter(outbox::sent_at.ge(since))
            .count()
            .get_result(c)
    })?;
    Ok(n)
}

/// The Message-IDs that start ticket `ticket`'s conversation, for `References`: the first mail
/// the customer sent us about it (when it came by mail and had a Message-ID), then the first
/// mail we sent about it.
pub fn thread_roots(conn: &mut DbConn, ticket: TicketId) -> StoreResult<Vec<String>> {
    let (first_in, first_out): (Option<String>, Option<String>) = db_run!(conn, c => {
        let first_in = inbound_mails::table
            .filter(inbound_mails::ticket_id.eq(ticket))
            .filter(inbound_mails::message_key.not_like("sha256:%"))
            .order(inbound_mails::id.asc())
            .select(inbound_mails::message_key)
            .first_row::<String>(c)?;
        let first_out = outbox::table
            .filter(outbox::ticket_id.eq(ticket))
            .order(outbox::id.asc())
            .select(outbox::message_id)
            .first_row::<String>(c)?;
        Ok::<_, diesel::result::Error>((first_in, first_out))
    })?;
    Ok(first_in.into_iter().chain(first_out).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count's literal WHERE names the domain's state and is, word for word, the WHERE of
    /// the partial index on both databases: otherwise no planner would use the index.
    #[test]
    fn the_automatic_sent_filter_is_the_partial_index_where() {
        assert!(AUTO_SENT.contains(&format!("'{}'", OutboxState::Sent.as_str())));
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let unqualified = AUTO_SENT.replace("outbox.", "");
        for backend in ["sqlite", "postgres"] {
            let up = root
                .join(backend)
                .join("2026-12-03-000015_outbox_indexes/up.sql");
            let sql = std::fs::read_to_string(&up).expect("the migration");
            assert!(
                sql.contains(&format!("WHERE {unqualified};")),
                "{}",
                up.display()
            );
        }
    }
}
