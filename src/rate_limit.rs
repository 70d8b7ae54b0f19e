//! The counters behind the pages' form rate limits (`web::rate_limit` applies them): a fixed
//! window per key, in memory in each process (DESIGN: rate limits are per process, so N
//! processes allow N times the limit). Here, below `app`, so the application state can hold one
//! for every worker thread without reaching into the HTTP layer.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// Which form is posted: each has its own counters, so a customer who filled the intake form a
/// few times can still reply on the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    Intake,
    Portal,
    /// The agents' sign-in: its own limits (`signin_*`), since guessing passwords is the threat.
    SignIn,
}

/// What a count is kept under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Address(Form, IpAddr),
    Email(Form, String),
}

#[derive(Debug, Clone, Copy)]
struct Window {
    start: DateTime<Utc>,
    count: u32,
}

/// Past this many keys, windows that are over are dropped, so a flood of addresses cannot grow
/// the map for ever.
const PRUNE_ABOVE: usize = 10_000;

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<Key, Window>>,
}

impl RateLimiter {
    pub fn new() -> RateLimiter {
        RateLimiter::default()
    }

    /// Counts one post under `key`; when the window already holds `limit` posts, nothing is
    /// counted and the answer is how long until the window ends.
    pub fn hit(
        &self,
        key: Key,
        limit: u32,
        window: Duration,
        now: DateTime<Utc>,
    ) -> Result<(), Duration> {
        self.count(key, limit, window, now, true)
    }

    /// What [`RateLimiter::hit`] would answer, counting nothing: for attempts that count only
    /// when they fail (a one-time code, cheap to check, is refused while the window is full).
    pub fn peek(
        &self,
        key: Key,
        limit: u32,
        window: Duration,
        now: DateTime<Utc>,
    ) -> Result<(), Duration> {
        self.count(key, limit, window, now, false)
    }

    fn count(
        &self,
        key: Key,
        limit: u32,
        window: Duration,
        now: DateTime<Utc>,
        add: bool,
    ) -> Result<(), Duration> {
        let span = chrono::Duration::from_std(window).unwrap_or(chrono::Duration::MAX);
        // A poisoned lock only means another request panicked mid-update; counters stay usable.
        let mut map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, w| now < w.start + span);
        }
        let w = map.entry(key).or_insert(Window {
            start: now,
            count: 0,
        });
        if now >= w.start + span {
            *w = Window {
                start: now,
                count: 0,
            };
        }
        if w.count >= limit {
            let left = (w.start + span - now).to_std().unwrap_or_default();
            return Err(left);
        }
        if add {
            w.count += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + secs, 0).unwrap_or_default()
    }

    #[test]
    fn a_window_allows_its_limit_then_tells_the_wait() {
        let l = RateLimiter::new();
        let key = || Key::Email(Form::Portal, "a@x.test".into());
        let window = Duration::from_secs(60);
        assert!(l.hit(key(), 2, window, at(0)).is_ok());
        assert!(l.hit(key(), 2, window, at(10)).is_ok());
        assert_eq!(
            l.hit(key(), 2, window, at(20)),
            Err(Duration::from_secs(40))
        );
        // Another form, another key: counted apart.
        assert!(
            l.hit(
                Key::Email(Form::Intake, "a@x.test".into()),
                2,
                window,
                at(20)
            )
            .is_ok()
        );
        // The window ends: a new one starts.
        assert!(l.hit(key(), 2, window, at(60)).is_ok());
        // A peek counts nothing.
        assert!(l.peek(key(), 2, window, at(61)).is_ok());
        assert!(l.peek(key(), 2, window, at(61)).is_ok());
        assert!(l.hit(key(), 2, window, at(62)).is_ok());
        assert!(l.peek(key(), 2, window, at(63)).is_err());
    }
}
