//! The outbox sender: every `mail.outbox_interval`, claim the due mails, send each through the
//! application's [`Mailer`], and record what came of it.
//!
//! - Sent: marked sent only after the transport accepted it (SMTP `250`, or the `.eml` file
//!   renamed into place).
//! - A temporary failure (connection refused, timeout, 4xx): tried again after a pause that
//!   doubles from `outbox_retry_base` up to `outbox_retry_max`, until `outbox_max_attempts`.
//! - A permanent refusal (5xx) or the last attempt failing: `failed`, with the server's answer,
//!   counted in `/metrics`; never retried.
//! - An automatic mail to an address that already got `auto_mail_limit` automatic mails within
//!   `auto_mail_window`: `suppressed`, not sent. This is the last wall against mail loops; the
//!   first is that automatic mail received is never answered (`inbound`).
//!
//! Claims carry a lease (`outbox_lease`), so several processes share the outbox and a mail
//! whose sender died is sent by another once the lease has run out.

use std::time::Duration;

use crate::app::AppState;
use crate::domain::outbox::{AfterFailure, OutboxState, RetryPolicy};
use crate::mail::outbound;
use crate::mail::transport::SendError;
use crate::metrics::Delivery;
use crate::store::StoreError;
use crate::store::outbox::{self, OutboxRow};

/// Mails claimed per pass. A pass sends them one by one, so this bounds how long a claimed
/// mail waits behind the others: keep it well inside the lease.
pub const BATCH: i64 = 50;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub suppressed: usize,
}

impl SendReport {
    pub fn handled(&self) -> usize {
        self.sent + self.retried + self.failed + self.suppressed
    }

    fn add(&mut self, other: SendReport) {
        self.sent += other.sent;
        self.retried += other.retried;
        self.failed += other.failed;
        self.suppressed += other.suppressed;
    }

    fn count(&mut self, d: Delivery) {
        match d {
            Delivery::Sent => self.sent += 1,
            Delivery::Retried => self.retried += 1,
            Delivery::Failed => self.failed += 1,
            Delivery::Suppressed => self.suppressed += 1,
        }
    }
}

/// Claims one batch of due mails at `state.now()` and sends them, `outbox_senders` at a time.
///
/// Sending is spread over threads because one SMTP exchange spends most of its time waiting
/// (see BENCHMARKS.md). The batch is split by recipient, so all mails to one address are sent
/// in order by one thread, and its automatic-mail count is never raced by another.
pub fn send_due(state: &AppState) -> Result<SendReport, StoreError> {
    let config = &state.config;
    let now = state.now();
    let lease = chrono::Duration::from_std(config.mail.outbox_lease)
        .unwrap_or(chrono::Duration::minutes(5));
    let rows = outbox::claim_due(&mut *state.conn()?, now, now + lease, BATCH)?;
    let lanes = by_recipient(rows, config.mail.outbox_senders);
    let results: Vec<Result<SendReport, StoreError>> = match lanes.as_slice() {
        [] => Vec::new(),
        [one] => vec![send_lane(state, one)],
        many => std::thread::scope(|s| {
            let running: Vec<_> = many
                .iter()
                .map(|lane| s.spawn(|| send_lane(state, lane)))
                .collect();
            running
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(StoreError::Busy("a sender thread panicked".into()))
                    })
                })
                .collect()
        }),
    };
    // A lane that failed leaves its unsent mails claimed; their lease runs out and the next
    // pass takes them. What the other lanes sent is counted either way.
    let mut report = SendReport::default();
    let mut first_error = None;
    for r in results {
        match r {
            Ok(r) => report.add(r),
            Err(e) => first_error = first_error.or(Some(e)),
        }
    }
    match first_error {
        Some(e) if report.handled() == 0 => Err(e),
        Some(e) => {
            tracing::warn!(error = %e, "part of an outbox pass failed");
            Ok(report)
        }
        None => Ok(report),
    }
}

/// Splits `rows` into at most `n` lanes, every mail to one address in the same lane, each lane
/// in claim order.
fn by_recipient(rows: Vec<OutboxRow>, n: usize) -> Vec<Vec<OutboxRow>> {
    let n = n.clamp(1, rows.len().max(1));
    let mut lanes: Vec<Vec<OutboxRow>> = (0..n).map(|_| Vec::new()).collect();
    for row in rows {
        // FNV-1a: stable across runs and processes, and enough to spread addresses.
        let hash = row
            .to_addr
            .to_lowercase()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
        let lane = usize::try_from(hash % n as u64).unwrap_or(0);
        lanes[lane].push(row);
    }
    lanes.retain(|l| !l.is_empty());
    lanes
}

fn send_lane(state: &AppState, rows: &[OutboxRow]) -> Result<SendReport, StoreError> {
    let conn = &mut *state.conn()?;
    let mut report = SendReport::default();
    for row in rows {
        let delivery = send_one(state, conn, row)?;
        state.metrics.delivery(delivery);
        report.count(delivery);
    }
    Ok(report)
}

/// Sends every due mail, batch after batch, until none is due (tests and `--once` runs).
pub fn drain(state: &AppState) -> Result<SendReport, StoreError> {
    let mut total = SendReport::default();
    loop {
        let r = send_due(state)?;
        total.add(r);
        if r.handled() < BATCH as usize {
            return Ok(total);
        }
    }
}

fn send_one(
    state: &AppState,
    conn: &mut crate::db::DbConn,
    row: &OutboxRow,
) -> Result<Delivery, StoreError> {
    let config = &state.config;
    let now = state.now();
    if row.auto_submitted && over_limit(state, conn, row)? {
        let reason = format!(
            "automatic-mail limit: {} per {} minutes to this address",
            config.auto_mail_limit,
            config.auto_mail_window.as_secs() / 60
        );
        let id = row.id;
        state.writes.write(conn, move |c| {
            outbox::give_up(c, id, OutboxState::Suppressed, false, &reason)
        })?;
        return Ok(Delivery::Suppressed);
    }
    let mail = outbound::render(conn, config, &state.keys, row)?;
    let error = match state.mailer.send(&mail) {
        Ok(()) => {
            // Through group commit, like every mark below: with intake running, the marks of the
            // sender threads join the tickets' commits instead of each taking SQLite's write
            // lock (and emptying every other connection's page cache) for one row.
            let (id, at) = (row.id, state.now());
            state
                .writes
                .write(conn, move |c| outbox::mark_sent(c, id, at))?;
            return Ok(Delivery::Sent);
        }
        Err(e) => e,
    };
    let policy = RetryPolicy {
        base: config.mail.outbox_retry_base,
        max: config.mail.outbox_retry_max,
        max_attempts: config.mail.outbox_max_attempts,
    };
    let attempts = u32::try_from(row.attempts).unwrap_or(0).saturating_add(1);
    let permanent = matches!(error, SendError::Permanent(_));
    // Logs name the mail by id and kind, never by address.
    match policy.after_failure(attempts, permanent) {
        AfterFailure::RetryIn(pause) => {
            tracing::info!(mail = row.id, kind = %row.kind, attempts, error = %error,
                retry_in_ms = pause.as_millis() as u64, "mail delayed");
            let next =
                now + chrono::Duration::from_std(pause).unwrap_or(chrono::Duration::hours(1));
            let (id, error) = (row.id, error.to_string());
            state
                .writes
                .write(conn, move |c| outbox::retry_later(c, id, next, &error))?;
            Ok(Delivery::Retried)
        }
        AfterFailure::Fail => {
            tracing::warn!(mail = row.id, kind = %row.kind, attempts, error = %error, "mail failed");
            let (id, error) = (row.id, error.to_string());
            state.writes.write(conn, move |c| {
                outbox::give_up(c, id, OutboxState::Failed, true, &error)
            })?;
            Ok(Delivery::Failed)
        }
    }
}

/// Whether `row`'s address already got its share of automatic mails within the window.
fn over_limit(
    state: &AppState,
    conn: &mut crate::db::DbConn,
    row: &OutboxRow,
) -> Result<bool, StoreError> {
    let window = chrono::Duration::from_std(state.config.auto_mail_window)
        .unwrap_or(chrono::Duration::hours(3));
    let sent = outbox::automatic_sent_since(conn, &row.to_addr, state.now() - window)?;
    Ok(sent >= i64::from(state.config.auto_mail_limit))
}

/// Sends for ever: a pass every `outbox_interval`, straight away again after a full batch, and
/// after a database failure a pause that doubles up to `outbox_retry_max`.
pub fn run(state: &AppState) {
    let interval = state
        .config
        .mail
        .outbox_interval
        .max(Duration::from_millis(10));
    let max = state.config.mail.outbox_retry_max.max(interval);
    let mut pause = interval;
    loop {
        match send_due(state) {
            Ok(report) => {
                pause = interval;
                if report.handled() > 0 {
                    tracing::info!(
                        sent = report.sent,
                        retried = report.retried,
                        failed = report.failed,
                        suppressed = report.suppressed,
                        "outbox pass"
                    );
                }
                if report.handled() >= BATCH as usize {
                    continue;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, retry_in_ms = pause.as_millis() as u64, "outbox pass failed");
                std::thread::sleep(pause);
                pause = (pause * 2).min(max);
                continue;
            }
        }
        std::thread::sleep(interval);
    }
}

/// Starts [`run`] on its own thread.
pub fn spawn(state: AppState) -> Option<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("outbox".into())
        .spawn(move || run(&state))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outbox::OutboxState;
    use crate::i18n::Lang;

    fn row(id: i64, to: &str) -> OutboxRow {
        OutboxRow {
            id,
            ticket_id: None,
            kind: "refusal".into(),
            to_addr: to.into(),
            lang: Lang::En,
            subject: String::new(),
            body_text: String::new(),
            message_id: format!("<{id}@desk>"),
            in_reply_to: None,
            references_ids: None,
            auto_submitted: true,
            state: OutboxState::Pending,
            attempts: 0,
            last_error: None,
        }
    }

    #[test]
    fn one_address_stays_in_one_lane_in_claim_order() {
        let rows: Vec<_> = (0..40)
            .map(|i| row(i, &format!("user{}@example.com", i % 7)))
            .collect();
        let lanes = by_recipient(rows, 4);
        assert!(lanes.len() <= 4 && lanes.len() > 1, "{}", lanes.len());
        assert_eq!(lanes.iter().map(Vec::len).sum::<usize>(), 40);
        for addr in 0..7 {
            let to = format!("user{addr}@example.com");
            let holding: Vec<_> = lanes
                .iter()
                .filter(|l| l.iter().any(|r| r.to_addr == to))
                .collect();
            assert_eq!(holding.len(), 1, "{to} is in one lane");
            let ids: Vec<i64> = holding[0]
                .iter()
                .filter(|r| r.to_addr == to)
                .map(|r| r.id)
                .collect();
            assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        }
    }

    #[test]
    fn one_sender_or_few_mails_make_one_lane() {
        let rows: Vec<_> = (0..5)
            .map(|i| row(i, &format!("u{i}@example.com")))
            .collect();
        assert_eq!(by_recipient(rows.clone(), 1).len(), 1);
        assert!(by_recipient(rows, 64).len() <= 5);
        assert!(by_recipient(Vec::new(), 4).is_empty());
    }
}
