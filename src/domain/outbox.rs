//! The life of an outgoing mail: its states, and what happens after a failed attempt.
//!
//! A mail is written `Pending` in the transaction of the change that causes it. The sender
//! moves it to `Sent` once the SMTP server accepted it (or its `.eml` file is on disk), to
//! `Failed` after a permanent refusal or when its attempts are used up, and to `Suppressed`
//! when an automatic mail would pass the per-address limit. Only `Pending` mails are sent.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxState {
    Pending,
    Sent,
    Failed,
    Suppressed,
}

impl OutboxState {
    pub const ALL: [OutboxState; 4] = [
        OutboxState::Pending,
        OutboxState::Sent,
        OutboxState::Failed,
        OutboxState::Suppressed,
    ];

    /// The stored name, also the `state` label of the outbox gauge.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Pending => "pending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
            OutboxState::Suppressed => "suppressed",
        }
    }

    pub fn parse(s: &str) -> Option<OutboxState> {
        OutboxState::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// What to do with a mail whose attempt just failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Try again after this pause.
    RetryIn(Duration),
    /// Give up: the refusal was permanent, or this was the last allowed attempt.
    Fail,
}

/// The retry policy of the sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The pause after the first failed attempt; each further failure doubles it.
    pub base: Duration,
    /// No pause is longer than this.
    pub max: Duration,
    /// Attempts in all, the first included (at least 1).
    pub max_attempts: u32,
}

impl RetryPolicy {
    /// `attempts` counts the attempts made so far, the failed one included (so at least 1).
    pub fn after_failure(&self, attempts: u32, permanent: bool) -> AfterFailure {
        if permanent || attempts >= self.max_attempts.max(1) {
            return AfterFailure::Fail;
        }
        // base · 2^(attempts-1), saturating: after 30 doublings any base is past any sane max.
        let doublings = attempts.saturating_sub(1).min(30);
        let pause = self.base.saturating_mul(1u32 << doublings).min(self.max);
        AfterFailure::RetryIn(pause)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: RetryPolicy = RetryPolicy {
        base: Duration::from_secs(30),
        max: Duration::from_secs(3600),
        max_attempts: 8,
    };

    #[test]
    fn states_round_trip_through_their_stored_names() {
        for st in OutboxState::ALL {
            assert_eq!(OutboxState::parse(st.as_str()), Some(st));
        }
        assert_eq!(OutboxState::parse("Sent"), None);
    }

    #[test]
    fn pauses_double_up_to_the_maximum() {
        let pauses: Vec<_> = (1..8)
            .map(|n| match POLICY.after_failure(n, false) {
                AfterFailure::RetryIn(d) => d.as_secs(),
                AfterFailure::Fail => 0,
            })
            .collect();
        assert_eq!(pauses, vec![30, 60, 120, 240, 480, 960, 1920]);
        let long = RetryPolicy {
            max_attempts: 100,
            ..POLICY
        };
        assert_eq!(
            long.after_failure(40, false),
            AfterFailure::RetryIn(Duration::from_secs(3600))
        );
    }

    #[test]
    fn a_permanent_refusal_or_the_last_attempt_fails_the_mail() {
        assert_eq!(POLICY.after_failure(1, true), AfterFailure::Fail);
        assert_eq!(POLICY.after_failure(8, false), AfterFailure::Fail);
        let once = RetryPolicy {
            max_attempts: 0,
            ..POLICY
        };
        assert_eq!(once.after_failure(1, false), AfterFailure::Fail);
    }
}
