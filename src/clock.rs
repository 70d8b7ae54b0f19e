//! The one source of "now". Every component that stamps a row or runs a timer asks the
//! application's [`Clock`], so a test can move time forward (a resolved ticket closing after
//! `reopen_days`, a backoff expiring) without sleeping.

use std::sync::Mutex;

use chrono::{DateTime, Duration, SubsecRound, Utc};

/// Tells the time, cut to microseconds: both databases keep exactly this precision, so a value
/// read back compares equal to the one written.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

/// The system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(6)
    }
}

/// A clock that stands still until told to move; for tests.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn at(t: DateTime<Utc>) -> ManualClock {
        ManualClock(Mutex::new(t.trunc_subsecs(6)))
    }

    pub fn set(&self, t: DateTime<Utc>) {
        *self.lock() = t.trunc_subsecs(6);
    }

    pub fn advance(&self, by: Duration) {
        let mut t = self.lock();
        *t = (*t + by).trunc_subsecs(6);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DateTime<Utc>> {
        // The guarded value is a plain timestamp: a panic elsewhere cannot leave it half-written.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.lock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told() {
        let t0 = DateTime::parse_from_rfc3339("2026-03-02T09:00:00.1234567Z")
            .expect("date")
            .with_timezone(&Utc);
        let clock = ManualClock::at(t0);
        assert_eq!(clock.now().timestamp_subsec_nanos(), 123_456_000);
        assert_eq!(clock.now(), clock.now());
        clock.advance(Duration::days(8));
        assert_eq!(clock.now() - t0.trunc_subsecs(6), Duration::days(8));
    }

    #[test]
    fn system_clock_keeps_microseconds() {
        assert_eq!(SystemClock.now().timestamp_subsec_nanos() % 1000, 0);
    }
}
