//! Queue order, position and the estimated wait.
//!
//! The database sorts the real queue with an index on (lane rank,
//! `queued_at`, `queue_seq`); this module is the reference definition of that
//! order, so the SQL and the rule can be checked against each other.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Fewer first responses than this in the period, and an estimate would be noise.
pub const MIN_FIRST_RESPONSES: u32 = 10;

/// How many business days of first responses the estimate looks at.
pub const ESTIMATE_PERIOD_BUSINESS_DAYS: u32 = 5;

/// The two lanes of the queue; the priority lane is served first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lane {
    /// Customers with a paid priority plan inside its window.
    Priority,
    /// Everyone else.
    Standard,
}

impl Lane {
    /// Both lanes, in serving order.
    pub const ALL: [Lane; 2] = [Lane::Priority, Lane::Standard];

    /// The number stored in the database: a smaller rank is served first, so
    /// an ascending index on it gives queue order directly.
    pub const fn rank(self) -> i32 {
        match self {
            Lane::Priority => 0,
            Lane::Standard => 1,
        }
    }

    /// The lane stored as `rank`, or `None` for a number no lane uses.
    pub fn from_rank(rank: i32) -> Option<Lane> {
        Lane::ALL.into_iter().find(|lane| lane.rank() == rank)
    }

    /// The name used in the API and in templates.
    pub fn as_str(self) -> &'static str {
        match self {
            Lane::Priority => "priority",
            Lane::Standard => "standard",
        }
    }

    /// Reads a lane name, ignoring case and surrounding whitespace.
    pub fn parse(s: &str) -> Option<Lane> {
        let s = s.trim();
        Lane::ALL
            .into_iter()
            .find(|lane| lane.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Lane {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a ticket sits in the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueKey {
    /// The lane decided at creation.
    pub lane: Lane,
    /// The time of the last customer message that (re-)queued the ticket.
    pub queued_at: DateTime<Utc>,
    /// A counter taken at every (re-)queue, so that two tickets queued in the
    /// same microsecond keep the order in which they were queued.
    pub seq: i64,
}

impl Ord for QueueKey {
    /// Lane first, then first come first served, then the tie-breaking counter.
    fn cmp(&self, other: &Self) -> Ordering {
        (self.lane.rank(), self.queued_at, self.seq).cmp(&(
            other.lane.rank(),
            other.queued_at,
            other.seq,
        ))
    }
}

impl PartialOrd for QueueKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The 1-based position of `key`: one plus the tickets strictly ahead of it.
///
/// Callers pass every ticket in the queue, queued and assigned alike and
/// from both lanes: an assigned ticket still stands between the customer and
/// an answer. `key` itself may or may not be in `queue`.
pub fn position(key: &QueueKey, queue: &[QueueKey]) -> u32 {
    let ahead = queue.iter().filter(|other| *other < key).count();
    u32::try_from(ahead).unwrap_or(u32::MAX).saturating_add(1)
}

/// What to tell a customer about the wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitEstimate {
    /// About this many business hours, rounded up.
    Hours(u32),
    /// Too few recent answers to say anything honest.
    NotEnoughData,
}

/// Estimated wait for the ticket at `position`, from the pace of first
/// responses over a recent period of `business_hours_in_period` hours.
///
/// Wait = position ÷ (first responses per business hour), rounded up to a
/// whole hour. It is computed as `position × hours ÷ responses`, which keeps
/// exact cases exact; a tiny tolerance stops float noise from rounding 9.0000001
/// up to 10. A period without business hours gives no estimate.
pub fn estimate_wait(
    position: u32,
    first_responses: u32,
    business_hours_in_period: f64,
) -> WaitEstimate {
    if first_responses < MIN_FIRST_RESPONSES
        || !business_hours_in_period.is_finite()
        || business_hours_in_period <= 0.0
    {
        return WaitEstimate::NotEnoughData;
    }
    let hours = f64::from(position) * business_hours_in_period / f64::from(first_responses);
    let rounded = (hours - 1e-9).ceil().max(0.0);
    // `as` saturates for floats beyond u32, which is the right answer here.
    WaitEstimate::Hours(rounded as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 3, 9, minute, 0)
            .single()
            .expect("valid test instant")
    }

    fn key(lane: Lane, minute: u32, seq: i64) -> QueueKey {
        QueueKey {
            lane,
            queued_at: at(minute),
            seq,
        }
    }

    #[test]
    fn lane_rank_round_trips() {
        for lane in Lane::ALL {
            assert_eq!(Lane::from_rank(lane.rank()), Some(lane));
            assert_eq!(Lane::parse(lane.as_str()), Some(lane));
        }
        assert_eq!(Lane::from_rank(2), None);
        assert_eq!(Lane::parse(" Priority "), Some(Lane::Priority));
        assert_eq!(Lane::parse("urgent"), None);
    }

    #[test]
    fn priority_lane_comes_first_even_when_queued_later() {
        let standard_early = key(Lane::Standard, 0, 1);
        let priority_late = key(Lane::Priority, 50, 2);
        assert!(priority_late < standard_early);
        assert_eq!(
            position(&priority_late, std::slice::from_ref(&standard_early)),
            1
        );
        assert_eq!(position(&standard_early, &[priority_late]), 2);
    }

    #[test]
    fn same_instant_is_ordered_by_seq() {
        let first = key(Lane::Standard, 5, 10);
        let second = key(Lane::Standard, 5, 11);
        assert!(first < second);
        let queue = [second.clone(), first.clone()];
        assert_eq!(position(&first, &queue), 1);
        assert_eq!(position(&second, &queue), 2);
    }

    #[test]
    fn earlier_queued_at_wins_within_a_lane() {
        assert!(key(Lane::Standard, 1, 99) < key(Lane::Standard, 2, 1));
    }

    #[test]
    fn position_counts_every_key_passed_including_assigned_ones() {
        // Two assigned and one queued ticket ahead: the function only counts keys.
        let me = key(Lane::Standard, 30, 4);
        let queue = [
            key(Lane::Standard, 1, 1),
            key(Lane::Standard, 2, 2),
            key(Lane::Priority, 40, 3),
            me.clone(),
            key(Lane::Standard, 31, 5),
        ];
        assert_eq!(position(&me, &queue), 4);
    }

    #[test]
    fn empty_queue_gives_position_one() {
        assert_eq!(position(&key(Lane::Standard, 0, 1), &[]), 1);
    }

    #[test]
    fn fewer_than_ten_first_responses_is_not_enough_data() {
        assert_eq!(estimate_wait(3, 9, 45.0), WaitEstimate::NotEnoughData);
        assert_eq!(estimate_wait(3, 0, 45.0), WaitEstimate::NotEnoughData);
        assert_eq!(estimate_wait(3, 10, 45.0), WaitEstimate::Hours(14));
    }

    #[test]
    fn estimate_rounds_up_to_whole_hours() {
        // 15 answers in 45 hours: one every 3 hours.
        assert_eq!(estimate_wait(3, 15, 45.0), WaitEstimate::Hours(9));
        assert_eq!(estimate_wait(1, 20, 45.0), WaitEstimate::Hours(3));
        assert_eq!(estimate_wait(1, 45, 45.0), WaitEstimate::Hours(1));
        assert_eq!(estimate_wait(1, 100, 45.0), WaitEstimate::Hours(1));
    }

    #[test]
    fn estimate_without_business_hours_is_not_enough_data() {
        assert_eq!(estimate_wait(1, 50, 0.0), WaitEstimate::NotEnoughData);
        assert_eq!(estimate_wait(1, 50, f64::NAN), WaitEstimate::NotEnoughData);
        assert_eq!(estimate_wait(1, 50, -3.0), WaitEstimate::NotEnoughData);
    }
}
