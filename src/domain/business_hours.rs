//! Business-time arithmetic for the response target and the wait estimate.
//!
//! The desk promises an answer within 9 business hours, so a message sent on
//! Friday evening is not late on Saturday. Opening hours are wall-clock
//! times in the desk's time zone: each day's opening and closing instants are
//! computed in local time and only then converted to UTC, so a daylight-saving
//! change moves the UTC instants but never the length of a business day.
//!
//! Local times that do not exist or exist twice (only possible for opening
//! hours set inside a DST change, usually between 02:00 and 03:00):
//! - a time skipped by a spring-forward change is read with the offset in
//!   force before the change, i.e. it lands as far after the gap as it was
//!   inside it (02:30 in a 02:00–03:00 gap becomes 03:30);
//! - a time repeated by a fall-back change is its earlier occurrence.

use std::fmt;

use chrono::{
    DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta,
    TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;

/// The default response target: one business day of the default schedule. A desk sets its own
/// with the `response_target_hours` setting.
pub const RESPONSE_TARGET_HOURS: i64 = 9;

/// Days of the week in the order they are written back by [`BusinessHours::days_spec`].
const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

const NINE: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => panic!("09:00 is a valid time"),
};
const EIGHTEEN: NaiveTime = match NaiveTime::from_hms_opt(18, 0, 0) {
    Some(t) => t,
    None => panic!("18:00 is a valid time"),
};

/// When the desk is open.
///
/// Opening hours are one interval per business day (`open` < `close`, same
/// day); desks open overnight are not supported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusinessHours {
    /// The desk's time zone.
    pub tz: Tz,
    /// The business days.
    pub days: Vec<Weekday>,
    /// Opening time, local.
    pub open: NaiveTime,
    /// Closing time, local.
    pub close: NaiveTime,
}

/// A business-hours setting that cannot be read; each variant names the bad part.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BusinessHoursError {
    /// Not an IANA time zone name.
    #[error("unknown time zone {0:?}: use an IANA name such as Europe/Paris")]
    TimeZone(String),
    /// Not a list of days.
    #[error("invalid business days {0:?}: use day names such as mon-fri or mon,tue,thu")]
    Days(String),
    /// Not an opening interval.
    #[error(
        "invalid business hours {0:?}: use HH:MM-HH:MM with the opening before the closing, \
         such as 09:00-18:00"
    )]
    Hours(String),
}

impl Default for BusinessHours {
    /// Monday to Friday, 09:00–18:00, Europe/Paris.
    fn default() -> Self {
        BusinessHours {
            tz: chrono_tz::Europe::Paris,
            days: WEEK[..5].to_vec(),
            open: NINE,
            close: EIGHTEEN,
        }
    }
}

/// Reads `mon`, `Monday`, `TUE`… (three-letter or full English names).
fn parse_weekday(s: &str) -> Option<Weekday> {
    let s = s.trim().to_ascii_lowercase();
    let names = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    names
        .iter()
        .zip(WEEK)
        .find(|(name, _)| s == **name || (s.len() == 3 && name.starts_with(s.as_str())))
        .map(|(_, day)| day)
}

/// Reads `mon-fri`, `mon,tue,thu`, or a mix such as `mon-wed,sat`.
/// A range may wrap around the week (`fri-mon` is Friday to Monday).
fn parse_days(spec: &str) -> Option<Vec<Weekday>> {
    let mut chosen = [false; 7];
    for item in spec.split(',') {
        let (first, last) = match item.split_once('-') {
            Some((first, last)) => (parse_weekday(first)?, parse_weekday(last)?),
            None => {
                let day = parse_weekday(item)?;
                (day, day)
            }
        };
        let mut day = first;
        loop {
            chosen[day.num_days_from_monday() as usize] = true;
            if day == last {
                break;
            }
            day = day.succ();
        }
    }
    let days: Vec<Weekday> = WEEK
        .into_iter()
        .filter(|day| chosen[day.num_days_from_monday() as usize])
        .collect();
    Some(days)
}

/// Reads `09:00-18:00`; the opening must come before the closing.
fn parse_hours(spec: &str) -> Option<(NaiveTime, NaiveTime)> {
    let (open, close) = spec.split_once('-')?;
    let open = NaiveTime::parse_from_str(open.trim(), "%H:%M").ok()?;
    let close = NaiveTime::parse_from_str(close.trim(), "%H:%M").ok()?;
    (open < close).then_some((open, close))
}

impl BusinessHours {
    /// Reads the three settings as an admin writes them: a time zone such as
    /// `Europe/Paris`, days such as `mon-fri` or `mon,tue,thu`, hours such as
    /// `09:00-18:00`.
    pub fn parse(tz: &str, days: &str, hours: &str) -> Result<Self, BusinessHoursError> {
        let tz_parsed = tz
            .trim()
            .parse::<Tz>()
            .map_err(|_| BusinessHoursError::TimeZone(tz.to_owned()))?;
        let days_parsed = parse_days(days)
            .filter(|d| !d.is_empty())
            .ok_or_else(|| BusinessHoursError::Days(days.to_owned()))?;
        let (open, close) =
            parse_hours(hours).ok_or_else(|| BusinessHoursError::Hours(hours.to_owned()))?;
        Ok(BusinessHours {
            tz: tz_parsed,
            days: days_parsed,
            open,
            close,
        })
    }

    /// The days written back in the form [`parse`](Self::parse) reads, e.g. `mon,tue,wed,thu,fri`.
    pub fn days_spec(&self) -> String {
        WEEK.iter()
            .filter(|day| self.days.contains(day))
            .map(|day| day.to_string().to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The hours written back in the form [`parse`](Self::parse) reads, e.g. `09:00-18:00`.
    pub fn hours_spec(&self) -> String {
        format!(
            "{}-{}",
            self.open.format("%H:%M"),
            self.close.format("%H:%M")
        )
    }

    /// A schedule with no open time at all (only reachable by building the
    /// struct by hand): every computation would search forever.
    fn never_open(&self) -> bool {
        self.days.is_empty() || self.open >= self.close
    }

    /// The calendar date of `instant` in the desk's time zone: what "today"
    /// means for support windows.
    pub fn local_date(&self, instant: DateTime<Utc>) -> NaiveDate {
        instant.with_timezone(&self.tz).date_naive()
    }

    /// Converts a wall-clock time to UTC following the module's rules for
    /// skipped and repeated times.
    fn local_to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(earliest, _) => earliest.with_timezone(&Utc),
            LocalResult::None => {
                // A day earlier is safely before the gap: changes are months apart.
                let before = local.checked_sub_days(Days::new(1)).unwrap_or(local);
                let offset = self.tz.offset_from_utc_datetime(&before).fix();
                let utc = local.checked_sub_offset(offset).unwrap_or(local);
                Utc.from_utc_datetime(&utc)
            }
        }
    }

    /// The open interval of a local date, if it is a business day.
    fn opening(&self, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if !self.days.contains(&date.weekday()) {
            return None;
        }
        let open = self.local_to_utc(date.and_time(self.open));
        let close = self.local_to_utc(date.and_time(self.close));
        (open < close).then_some((open, close))
    }

    /// Open intervals from the day before `from`'s local date onwards, in
    /// order and never overlapping (even if a time zone skips a whole date).
    /// Starting a day early means an interval containing `from` is never missed.
    fn openings_from(
        &self,
        from: DateTime<Utc>,
    ) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + '_ {
        let date = self.local_date(from);
        let first = date.pred_opt().unwrap_or(date);
        let mut floor = DateTime::<Utc>::MIN_UTC;
        first.iter_days().filter_map(move |date| {
            let (open, close) = self.opening(date)?;
            let open = open.max(floor);
            if open >= close {
                return None;
            }
            floor = close;
            Some((open, close))
        })
    }

    /// The instant at which `hours` of business time have elapsed after `start`.
    ///
    /// Time outside business hours does not count, so a start at night
    /// counts from the next opening; a result at a closing time stays there
    /// rather than jumping to the next opening. Zero or negative `hours`
    /// give `start`; a schedule that is never open gives the latest instant.
    pub fn add(&self, start: DateTime<Utc>, hours: TimeDelta) -> DateTime<Utc> {
        if hours <= TimeDelta::zero() {
            return start;
        }
        if self.never_open() {
            return DateTime::<Utc>::MAX_UTC;
        }
        let mut remaining = hours;
        for (open, close) in self.openings_from(start) {
            let from = open.max(start);
            if from >= close {
                continue;
            }
            let available = close - from;
            if remaining <= available {
                return from + remaining;
            }
            remaining -= available;
        }
        DateTime::<Utc>::MAX_UTC
    }

    /// Business time inside `[from, to)`; zero when `to <= from`.
    pub fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> TimeDelta {
        let mut total = TimeDelta::zero();
        if to <= from || self.never_open() {
            return total;
        }
        for (open, close) in self.openings_from(from) {
            if open >= to {
                break;
            }
            let start = open.max(from);
            let end = close.min(to);
            if start < end {
                total += end - start;
            }
        }
        total
    }

    /// When the oldest unanswered customer message becomes overdue:
    /// [`RESPONSE_TARGET_HOURS`] business hours after it.
    pub fn response_deadline(&self, oldest_unanswered: DateTime<Utc>) -> DateTime<Utc> {
        self.response_deadline_with(oldest_unanswered, TimeDelta::hours(RESPONSE_TARGET_HOURS))
    }

    /// [`response_deadline`](Self::response_deadline) with another target, for
    /// desks that promise something other than 9 hours.
    pub fn response_deadline_with(
        &self,
        oldest_unanswered: DateTime<Utc>,
        target: TimeDelta,
    ) -> DateTime<Utc> {
        self.add(oldest_unanswered, target)
    }

    /// The opening of the business day `business_days` business days back,
    /// counting today when today is a business day that has already opened.
    ///
    /// With `business_days = 5` on a Wednesday at 10:00 the period starts on
    /// the previous Thursday at opening; on a Wednesday at 08:00, on the
    /// previous Wednesday. Zero days, or a schedule that is never open, give
    /// `now` (an empty period, which yields no estimate).
    pub fn start_of_period(&self, now: DateTime<Utc>, business_days: u32) -> DateTime<Utc> {
        if business_days == 0 || self.never_open() {
            return now;
        }
        let mut counted = 0;
        let dates = std::iter::successors(Some(self.local_date(now)), |d| d.pred_opt());
        for date in dates {
            if let Some((open, _)) = self.opening(date)
                && open <= now
            {
                counted += 1;
                if counted == business_days {
                    return open;
                }
            }
        }
        DateTime::<Utc>::MIN_UTC
    }
}

impl fmt::Display for BusinessHours {
    /// `mon,tue,wed,thu,fri 09:00-18:00 Europe/Paris`, for settings pages and logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.days_spec(),
            self.hours_spec(),
            self.tz.name()
        )
    }
}

#[cfg(test)]
mod tests;
