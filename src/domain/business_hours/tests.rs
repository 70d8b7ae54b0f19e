//! Business-time arithmetic: schedules parsed from their settings, deadlines across nights,
//! weekends and daylight-saving changes, opening times that do not exist or exist twice, and
//! the stats periods in local days.
//! Kept apart from the arithmetic they check so the module reads as the rules alone.

use super::*;
use chrono_tz::America::New_York;
use chrono_tz::Europe::Paris;

fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    tz.with_ymd_and_hms(y, m, d, h, mi, 0)
        .single()
        .expect("unambiguous test time")
        .with_timezone(&Utc)
}

fn paris(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    local(Paris, y, m, d, h, mi)
}

fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, mi, 0)
        .single()
        .expect("valid test time")
}

#[test]
fn default_is_weekdays_nine_to_six_in_paris() {
    let bh = BusinessHours::default();
    assert_eq!(
        bh.to_string(),
        "mon,tue,wed,thu,fri 09:00-18:00 Europe/Paris"
    );
    assert_eq!(
        BusinessHours::parse("Europe/Paris", "mon-fri", "09:00-18:00"),
        Ok(bh)
    );
}

#[test]
fn parse_accepts_lists_mixed_ranges_and_case() {
    let bh = BusinessHours::parse(" America/New_York ", "Mon, TUE,thursday", " 08:30 - 17:00 ")
        .expect("valid");
    assert_eq!(bh.tz, New_York);
    assert_eq!(bh.days, [Weekday::Mon, Weekday::Tue, Weekday::Thu]);
    assert_eq!(bh.hours_spec(), "08:30-17:00");
    let mixed = BusinessHours::parse("UTC", "mon-wed,sat", "09:00-12:00").expect("valid");
    assert_eq!(mixed.days_spec(), "mon,tue,wed,sat");
}

#[test]
fn day_range_may_wrap_around_the_week() {
    let bh = BusinessHours::parse("UTC", "fri-mon", "09:00-18:00").expect("valid");
    assert_eq!(bh.days_spec(), "mon,fri,sat,sun");
}

#[test]
fn parse_errors_name_the_bad_part() {
    assert!(matches!(
        BusinessHours::parse("Mars/Olympus", "mon-fri", "09:00-18:00"),
        Err(BusinessHoursError::TimeZone(_))
    ));
    for days in ["", "mon-", "lun-ven", "mon;tue", "mo"] {
        assert!(
            matches!(
                BusinessHours::parse("Europe/Paris", days, "09:00-18:00"),
                Err(BusinessHoursError::Days(_))
            ),
            "{days:?}"
        );
    }
    for hours in [
        "",
        "09:00",
        "18:00-09:00",
        "09:00-09:00",
        "9h-18h",
        "09:00-24:00",
    ] {
        assert!(
            matches!(
                BusinessHours::parse("Europe/Paris", "mon-fri", hours),
                Err(BusinessHoursError::Hours(_))
            ),
            "{hours:?}"
        );
    }
}

#[test]
fn friday_17h_message_is_due_monday_17h() {
    let bh = BusinessHours::default();
    let deadline = bh.response_deadline(paris(2025, 3, 7, 17, 0));
    assert_eq!(deadline, paris(2025, 3, 10, 17, 0));
}

#[test]
fn message_at_night_counts_from_next_opening() {
    let bh = BusinessHours::default();
    assert_eq!(
        bh.response_deadline(paris(2025, 3, 4, 23, 30)),
        paris(2025, 3, 5, 18, 0)
    );
    assert_eq!(
        bh.response_deadline(paris(2025, 3, 5, 6, 0)),
        paris(2025, 3, 5, 18, 0)
    );
}

#[test]
fn message_at_closing_time_is_due_next_closing() {
    let bh = BusinessHours::default();
    assert_eq!(
        bh.response_deadline(paris(2025, 3, 3, 18, 0)),
        paris(2025, 3, 4, 18, 0)
    );
}

#[test]
fn message_during_hours_is_due_same_time_next_day() {
    let bh = BusinessHours::default();
    assert_eq!(
        bh.response_deadline(paris(2025, 3, 3, 10, 15)),
        paris(2025, 3, 4, 10, 15)
    );
}

#[test]
fn weekend_is_skipped() {
    let bh = BusinessHours::default();
    assert_eq!(
        bh.response_deadline(paris(2025, 3, 8, 12, 0)),
        paris(2025, 3, 10, 18, 0)
    );
    assert_eq!(
        bh.between(paris(2025, 3, 7, 18, 0), paris(2025, 3, 10, 9, 0)),
        TimeDelta::zero()
    );
}

#[test]
fn other_time_zone_uses_its_own_wall_clock() {
    let bh = BusinessHours::parse("America/New_York", "mon-fri", "09:00-18:00").expect("valid");
    // New York moves to summer time on Sunday 2025-03-09.
    let deadline = bh.response_deadline(local(New_York, 2025, 3, 7, 17, 0));
    assert_eq!(deadline, local(New_York, 2025, 3, 10, 17, 0));
    assert_eq!(deadline, utc(2025, 3, 10, 21, 0));
}

#[test]
fn week_across_spring_dst_change_keeps_nine_hours_a_day() {
    let bh = BusinessHours::default();
    // Paris moves to summer time on Sunday 2025-03-30.
    let week = bh.between(paris(2025, 3, 27, 0, 0), paris(2025, 4, 3, 0, 0));
    assert_eq!(week, TimeDelta::hours(45));
    let monday = bh.between(paris(2025, 3, 31, 0, 0), paris(2025, 4, 1, 0, 0));
    assert_eq!(monday, TimeDelta::hours(9));
    let deadline = bh.response_deadline(paris(2025, 3, 28, 17, 0));
    assert_eq!(deadline, paris(2025, 3, 31, 17, 0));
    assert_eq!(deadline, utc(2025, 3, 31, 15, 0));
}

#[test]
fn week_across_autumn_dst_change_keeps_nine_hours_a_day() {
    let bh = BusinessHours::default();
    // Paris moves back to winter time on Sunday 2025-10-26.
    let week = bh.between(paris(2025, 10, 23, 0, 0), paris(2025, 10, 30, 0, 0));
    assert_eq!(week, TimeDelta::hours(45));
}

#[test]
fn full_week_is_45_hours() {
    let bh = BusinessHours::default();
    assert_eq!(
        bh.between(utc(2025, 3, 3, 0, 0), utc(2025, 3, 10, 0, 0)),
        TimeDelta::hours(45)
    );
}

#[test]
fn between_counts_partial_days_and_is_half_open() {
    let bh = BusinessHours::default();
    let from = paris(2025, 3, 3, 17, 30);
    let to = paris(2025, 3, 4, 9, 45);
    assert_eq!(bh.between(from, to), TimeDelta::minutes(75));
    assert_eq!(bh.between(to, from), TimeDelta::zero());
    assert_eq!(bh.between(from, from), TimeDelta::zero());
}

#[test]
fn add_and_between_agree() {
    let bh = BusinessHours::default();
    let start = paris(2025, 3, 6, 15, 20);
    for hours in [1, 9, 20, 45, 100] {
        let end = bh.add(start, TimeDelta::hours(hours));
        assert_eq!(bh.between(start, end), TimeDelta::hours(hours), "{hours}");
    }
}

#[test]
fn opening_time_skipped_by_dst_lands_after_the_gap() {
    // 02:30 does not exist in Paris on 2025-03-30: it is read as 03:30.
    let bh = BusinessHours::parse("Europe/Paris", "sun", "02:30-10:00").expect("valid");
    let day = bh.between(paris(2025, 3, 30, 0, 0), paris(2025, 3, 31, 0, 0));
    assert_eq!(day, TimeDelta::minutes(390));
    assert_eq!(
        bh.add(utc(2025, 3, 29, 0, 0), TimeDelta::minutes(1)),
        utc(2025, 3, 30, 1, 31)
    );
}

#[test]
fn repeated_opening_time_uses_its_first_occurrence() {
    // 02:30 happens twice in Paris on 2025-10-26; the first is 00:30 UTC.
    let bh = BusinessHours::parse("Europe/Paris", "sun", "02:30-10:00").expect("valid");
    assert_eq!(
        bh.add(utc(2025, 10, 25, 0, 0), TimeDelta::minutes(1)),
        utc(2025, 10, 26, 0, 31)
    );
    let day = bh.between(utc(2025, 10, 25, 0, 0), utc(2025, 10, 27, 0, 0));
    assert_eq!(day, TimeDelta::minutes(510));
}

#[test]
fn add_nothing_returns_start() {
    let bh = BusinessHours::default();
    let start = paris(2025, 3, 8, 3, 0);
    assert_eq!(bh.add(start, TimeDelta::zero()), start);
    assert_eq!(bh.add(start, TimeDelta::hours(-3)), start);
}

#[test]
fn schedule_never_open_does_not_loop() {
    let bh = BusinessHours {
        days: vec![],
        ..BusinessHours::default()
    };
    let start = paris(2025, 3, 3, 10, 0);
    assert_eq!(bh.add(start, TimeDelta::hours(1)), DateTime::<Utc>::MAX_UTC);
    assert_eq!(
        bh.between(start, start + TimeDelta::days(7)),
        TimeDelta::zero()
    );
    assert_eq!(bh.start_of_period(start, 5), start);
}

#[test]
fn period_counts_today_once_open() {
    let bh = BusinessHours::default();
    // Wednesday 2025-03-12 at 10:00: Wed, Tue, Mon, Fri, Thu.
    assert_eq!(
        bh.start_of_period(paris(2025, 3, 12, 10, 0), 5),
        paris(2025, 3, 6, 9, 0)
    );
    // After closing, today still counts.
    assert_eq!(
        bh.start_of_period(paris(2025, 3, 12, 20, 0), 1),
        paris(2025, 3, 12, 9, 0)
    );
}

#[test]
fn period_skips_today_before_opening() {
    let bh = BusinessHours::default();
    assert_eq!(
        bh.start_of_period(paris(2025, 3, 12, 8, 0), 5),
        paris(2025, 3, 5, 9, 0)
    );
}

#[test]
fn period_from_weekend_starts_on_monday() {
    let bh = BusinessHours::default();
    let now = paris(2025, 3, 15, 12, 0);
    let start = bh.start_of_period(now, 5);
    assert_eq!(start, paris(2025, 3, 10, 9, 0));
    assert_eq!(bh.between(start, now), TimeDelta::hours(45));
}

#[test]
fn local_date_is_the_desk_calendar_date() {
    let bh = BusinessHours::default();
    let late = utc(2025, 3, 14, 23, 30);
    assert_eq!(
        bh.local_date(late),
        NaiveDate::from_ymd_opt(2025, 3, 15).expect("valid")
    );
}

#[test]
fn zero_day_period_is_empty() {
    let bh = BusinessHours::default();
    let now = paris(2025, 3, 12, 10, 0);
    assert_eq!(bh.start_of_period(now, 0), now);
}
