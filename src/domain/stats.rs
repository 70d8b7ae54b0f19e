//! The statistics page's figures, from ticket facts read by `store::stats`: per local day of the
//! desk's time zone, tickets created, tickets first-answered and the queue length per lane at
//! the day's end; over the period, the median and 90th percentile of the first-response time in
//! business hours, the share answered within the response target, and refusals by code.
//!
//! Pure: the instant "now" and the rows are parameters.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, TimeDelta, Utc};

use super::business_hours::BusinessHours;
use super::queue::Lane;

/// The periods the page offers, in days.
pub const PERIODS: [u32; 3] = [7, 30, 90];
/// The period when none (or a bad one) is asked for.
pub const DEFAULT_DAYS: u32 = 30;

/// The period a `?days=` value asks for: one of [`PERIODS`], else [`DEFAULT_DAYS`].
pub fn period_days(asked: Option<&str>) -> u32 {
    asked
        .and_then(|s| s.trim().parse::<u32>().ok())
        .filter(|d| PERIODS.contains(d))
        .unwrap_or(DEFAULT_DAYS)
}

/// `days` local days ending today: `[start, end)` in UTC, `end` being now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// The instant a local date begins in the desk's time zone.
pub fn day_start(hours: &BusinessHours, date: NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    match hours.tz.from_local_datetime(&midnight) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        // A zone that skips midnight: the day begins an hour later.
        chrono::LocalResult::None => {
            let later = midnight + TimeDelta::hours(1);
            hours
                .tz
                .from_local_datetime(&later)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
        }
    }
}

/// The last `days` local days up to `now`'s, today included.
pub fn period(hours: &BusinessHours, now: DateTime<Utc>, days: u32) -> Period {
    let last = hours.local_date(now);
    let first = last
        .checked_sub_days(Days::new(u64::from(days.max(1) - 1)))
        .unwrap_or(last);
    Period {
        first,
        last,
        start: day_start(hours, first),
        end: now,
    }
}

/// What the figures need of one ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketFacts {
    pub created_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub lane: Lane,
    /// When it left the desk without being answered, as far as stored: the resolve or close
    /// time of a resolved or closed ticket; `None` while it is open.
    pub left_at: Option<DateTime<Utc>>,
    /// Never in the queue: a `needs_info` ticket, or one closed by an eligibility refusal.
    pub never_queued: bool,
}

/// One local day's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    /// Tickets created that day.
    pub created: u32,
    /// Tickets whose first agent reply came that day.
    pub answered: u32,
    /// Tickets waiting for a first response at the day's end (now, for today), per lane.
    pub priority: u32,
    pub standard: u32,
}

/// The period's summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// First responses in the period.
    pub answered: u32,
    /// Business time from creation to first response: median and 90th percentile.
    pub median: Option<TimeDelta>,
    pub p90: Option<TimeDelta>,
    /// First responses at or before the response deadline.
    pub within_target: u32,
}

impl Summary {
    /// The share within the target in whole percent, rounded half up; `None` with no answer.
    pub fn share_percent(&self) -> Option<u32> {
        (self.answered > 0).then(|| {
            let (w, n) = (u64::from(self.within_target), u64::from(self.answered));
            u32::try_from((w * 200 + n) / (2 * n)).unwrap_or(100)
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub period: Period,
    /// The response target the summary counts against.
    pub target: TimeDelta,
    pub days: Vec<Day>,
    pub summary: Summary,
    /// Refusals per code, by code.
    pub refusals: Vec<(String, u32)>,
}

/// The nearest-rank percentile (`pct` in 1..=100) of durations sorted ascending: the smallest
/// value with at least `pct` % of the values at or below it. Always one of the values; `None`
/// for no values.
pub fn percentile(sorted: &[TimeDelta], pct: u32) -> Option<TimeDelta> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    let rank = (n * pct.clamp(1, 100) as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Whether a ticket waited for its first response at `instant`.
fn waiting_at(t: &TicketFacts, instant: DateTime<Utc>) -> bool {
    !t.never_queued
        && t.created_at < instant
        && t.first_response_at.is_none_or(|r| r >= instant)
        && t.left_at.is_none_or(|l| l >= instant)
}

/// Every figure of the period from the facts of the tickets that may count in it and the
/// refusal codes recorded in it; a first response counts as within the target when it came at
/// most `target` business hours after the ticket was created.
pub fn compute(
    hours: &BusinessHours,
    target: TimeDelta,
    period: Period,
    facts: &[TicketFacts],
    refusal_codes: &[String],
) -> Stats {
    let in_period = |t: DateTime<Utc>| t >= period.start && t < period.end;
    let mut days: Vec<Day> = Vec::new();
    let mut index = BTreeMap::new();
    for (i, date) in period
        .first
        .iter_days()
        .take_while(|d| *d <= period.last)
        .enumerate()
    {
        index.insert(date, i);
        let end = date
            .succ_opt()
            .map(|next| day_start(hours, next))
            .unwrap_or(period.end)
            .min(period.end);
        let (mut priority, mut standard) = (0, 0);
        for t in facts.iter().filter(|t| waiting_at(t, end)) {
            match t.lane {
                Lane::Priority => priority += 1,
                Lane::Standard => standard += 1,
            }
        }
        days.push(Day {
            date,
            created: 0,
            answered: 0,
            priority,
            standard,
        });
    }
    let mut spans = Vec::new();
    let mut within_target = 0;
    for t in facts {
        if in_period(t.created_at)
            && let Some(&i) = index.get(&hours.local_date(t.created_at))
        {
            days[i].created += 1;
        }
        if let Some(r) = t.first_response_at.filter(|r| in_period(*r)) {
            if let Some(&i) = index.get(&hours.local_date(r)) {
                days[i].answered += 1;
            }
            spans.push(hours.between(t.created_at, r));
            if r <= hours.response_deadline_with(t.created_at, target) {
                within_target += 1;
            }
        }
    }
    spans.sort();
    let mut refusals: BTreeMap<String, u32> = BTreeMap::new();
    for code in refusal_codes {
        *refusals.entry(code.clone()).or_default() += 1;
    }
    Stats {
        period,
        target,
        days,
        summary: Summary {
            answered: u32::try_from(spans.len()).unwrap_or(u32::MAX),
            median: percentile(&spans, 50),
            p90: percentile(&spans, 90),
            within_target,
        },
        refusals: refusals.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, TimeZone};

    fn h(n: i64) -> TimeDelta {
        TimeDelta::hours(n)
    }

    /// The default target.
    fn nine() -> TimeDelta {
        h(crate::domain::business_hours::RESPONSE_TARGET_HOURS)
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[h(3)], 50), Some(h(3)));
        assert_eq!(percentile(&[h(3)], 90), Some(h(3)));
        let four = [h(2), h(3), h(9), h(14)];
        assert_eq!(percentile(&four, 50), Some(h(3)));
        assert_eq!(percentile(&four, 90), Some(h(14)));
        let ties = [h(1), h(5), h(5), h(5), h(7)];
        assert_eq!(percentile(&ties, 50), Some(h(5)));
        assert_eq!(percentile(&ties, 90), Some(h(7)));
        let ten: Vec<_> = (1..=10).map(h).collect();
        assert_eq!(percentile(&ten, 50), Some(h(5)));
        assert_eq!(percentile(&ten, 90), Some(h(9)));
    }

    #[test]
    fn bad_periods_fall_back_to_thirty_days() {
        assert_eq!(period_days(Some("7")), 7);
        assert_eq!(period_days(Some("90")), 90);
        for bad in [
            None,
            Some(""),
            Some("8"),
            Some("-7"),
            Some("x"),
            Some("99999999999"),
        ] {
            assert_eq!(period_days(bad), DEFAULT_DAYS, "{bad:?}");
        }
    }

    #[test]
    fn share_rounds_half_up_and_is_none_without_answers() {
        let s = |answered, within_target| Summary {
            answered,
            median: None,
            p90: None,
            within_target,
        };
        assert_eq!(s(0, 0).share_percent(), None);
        assert_eq!(s(4, 3).share_percent(), Some(75));
        assert_eq!(s(8, 1).share_percent(), Some(13));
        assert_eq!(s(3, 3).share_percent(), Some(100));
    }

    fn paris(y: i32, m: u32, d: u32, hh: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Paris
            .with_ymd_and_hms(y, m, d, hh, 0, 0)
            .single()
            .expect("a local time")
            .with_timezone(&Utc)
    }

    #[test]
    fn days_are_local_and_figures_follow_the_target() {
        let hours = BusinessHours::default();
        // Wednesday 2026-03-11 at 12:00, Paris; a 7-day period starts Thursday 03-05.
        let now = paris(2026, 3, 11, 12);
        let p = period(&hours, now, 7);
        assert_eq!(p.first, NaiveDate::from_ymd_opt(2026, 3, 5).expect("date"));
        assert_eq!(p.start, paris(2026, 3, 5, 0));
        let monday = |hh| paris(2026, 3, 9, hh);
        let t = |created, answered: Option<DateTime<Utc>>, lane| TicketFacts {
            created_at: created,
            first_response_at: answered,
            lane,
            left_at: None,
            never_queued: false,
        };
        let facts = [
            t(monday(10), Some(monday(12)), Lane::Standard), // 2 h
            t(monday(10), Some(monday(13)), Lane::Standard), // 3 h
            t(monday(10), Some(paris(2026, 3, 10, 10)), Lane::Priority), // 9 h: on time
            t(monday(10), Some(paris(2026, 3, 10, 15)), Lane::Standard), // 14 h: late
            t(monday(10), None, Lane::Priority),
            // 23:30 local on Sunday is Sunday, though 22:30 UTC.
            t(
                paris(2026, 3, 8, 23) + TimeDelta::minutes(30),
                None,
                Lane::Standard,
            ),
            // Before the period: counts in the queue only.
            t(paris(2026, 3, 2, 10), None, Lane::Standard),
        ];
        let codes = [
            "no_purchase".to_string(),
            "support_expired".into(),
            "no_purchase".into(),
        ];
        let s = compute(&hours, nine(), p, &facts, &codes);
        assert_eq!(s.days.len(), 7);
        let day = |d: u32| s.days.iter().find(|x| x.date.day() == d).expect("day");
        assert_eq!(day(8).created, 1);
        assert_eq!(day(9).created, 5);
        assert_eq!(day(9).answered, 2);
        assert_eq!(day(10).answered, 2);
        assert_eq!((day(5).priority, day(5).standard), (0, 1));
        assert_eq!((day(8).priority, day(8).standard), (0, 2));
        // Monday's end: ticket 3, 4 and 5 still wait (1 standard answered on Tuesday).
        assert_eq!((day(9).priority, day(9).standard), (2, 3));
        assert_eq!((day(11).priority, day(11).standard), (1, 2));
        assert_eq!(s.summary.answered, 4);
        assert_eq!(s.summary.median, Some(h(3)));
        assert_eq!(s.summary.p90, Some(h(14)));
        assert_eq!(s.summary.within_target, 3);
        assert_eq!(s.summary.share_percent(), Some(75));
        assert_eq!(
            s.refusals,
            vec![
                ("no_purchase".to_string(), 2),
                ("support_expired".to_string(), 1)
            ]
        );
    }

    #[test]
    fn an_empty_desk_has_zero_days_and_no_percentiles() {
        let hours = BusinessHours::default();
        let p = period(&hours, paris(2026, 3, 11, 12), 30);
        let s = compute(&hours, nine(), p, &[], &[]);
        assert_eq!(s.days.len(), 30);
        assert!(
            s.days
                .iter()
                .all(|d| d.created + d.answered + d.priority + d.standard == 0)
        );
        assert_eq!(s.summary.median, None);
        assert_eq!(s.summary.share_percent(), None);
        assert!(s.refusals.is_empty());
    }

    #[test]
    fn a_ticket_that_left_unanswered_stops_counting() {
        let hours = BusinessHours::default();
        let p = period(&hours, paris(2026, 3, 11, 12), 7);
        let facts = [TicketFacts {
            created_at: paris(2026, 3, 9, 10),
            first_response_at: None,
            lane: Lane::Standard,
            left_at: Some(paris(2026, 3, 10, 11)),
            never_queued: false,
        }];
        let s = compute(&hours, nine(), p, &facts, &[]);
        let standard: Vec<u32> = s.days.iter().map(|d| d.standard).collect();
        assert_eq!(standard, vec![0, 0, 0, 0, 1, 0, 0]);
    }
}
