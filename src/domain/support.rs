//! The support window of a purchase.
//!
//! Vendors give a free period after purchase and sell extensions in whole
//! months. Dates here are calendar dates in the desk's time zone: converting
//! instants to dates is the caller's job, so these rules never depend on
//! where the server runs.

use chrono::{DateTime, Days, Months, NaiveDate};
use chrono_tz::Tz;

/// The per-product terms that bound the support window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SupportTerms {
    /// Days of support included with the purchase.
    pub free_support_days: u32,
    /// The latest support may reach, counted in calendar months from the
    /// purchase date, however many extensions are bought.
    pub max_support_months: u32,
}

impl Default for SupportTerms {
    fn default() -> Self {
        SupportTerms {
            free_support_days: 30,
            max_support_months: 12,
        }
    }
}

/// One purchased extension of support.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extension {
    /// Database id: breaks ties between extensions bought the same day, so
    /// the result never depends on the order rows come back in.
    pub id: i64,
    /// The day the extension was bought.
    pub bought_at: NaiveDate,
    /// Calendar months of support it adds.
    pub months: u32,
}

/// Adds calendar months, clamping to the end of the month (Jan 31 + 1 month
/// is Feb 28 or 29) and saturating at the latest representable date.
fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The last day of support of a purchase.
///
/// The free period comes first. Extensions then apply in purchase order
/// (`bought_at`, then `id`): one bought before the window ends extends it
/// from its end, one bought after a lapse starts from its own purchase date
/// (the customer pays for months they can use, not for the gap). No
/// extension can carry support past `purchased_at + max_support_months`.
///
/// Two choices the design leaves open:
/// - the cap bounds what extensions reach, not the free period, so odd terms
///   (more free days than the cap) keep the free period they promise;
/// - an extension never shortens support, even when the cap is already behind.
pub fn support_until(
    purchased_at: NaiveDate,
    terms: &SupportTerms,
    extensions: &[Extension],
) -> NaiveDate {
    let cap = support_cap(purchased_at, terms);
    let mut until = purchased_at
        .checked_add_days(Days::new(u64::from(terms.free_support_days)))
        .unwrap_or(NaiveDate::MAX);

    let mut ordered = extensions.to_vec();
    ordered.sort_by_key(|e| (e.bought_at, e.id));
    for extension in &ordered {
        let extended = add_months(until.max(extension.bought_at), extension.months).min(cap);
        until = until.max(extended);
    }
    until
}

/// The latest day extensions can carry support to: `max_support_months` calendar months after
/// the purchase.
pub fn support_cap(purchased_at: NaiveDate, terms: &SupportTerms) -> NaiveDate {
    add_months(purchased_at, terms.max_support_months)
}

/// Whether `today` is inside a window that ends on `until`: the last day
/// still counts, because customers read "support until March 3" that way.
pub fn is_inside(until: NaiveDate, today: NaiveDate) -> bool {
    today <= until
}

/// A purchase or extension date that is neither `YYYY-MM-DD` nor RFC 3339.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid date {input:?}: use YYYY-MM-DD or an RFC 3339 date-time \
     such as 2025-03-14T10:30:00+01:00"
)]
pub struct InvalidDate {
    /// The rejected text.
    pub input: String,
}

/// Reads a date as stores send it: `YYYY-MM-DD`, or an RFC 3339 date-time
/// taken as its calendar date in the desk's time zone `tz` (a purchase at
/// 23:30 UTC is a purchase of the next day in Paris).
///
/// Looser spellings (`2025-3-4`, `14/03/2025`, a bare year) are refused
/// rather than guessed: a wrong date silently shortens someone's support.
pub fn parse_calendar_date(input: &str, tz: Tz) -> Result<NaiveDate, InvalidDate> {
    let text = input.trim();
    let invalid = || InvalidDate {
        input: input.to_owned(),
    };
    let is_plain_date = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if is_plain_date {
        return NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| invalid());
    }
    DateTime::parse_from_rfc3339(text)
        .map(|instant| instant.with_timezone(&tz).date_naive())
        .map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date parses")
    }

    fn ext(id: i64, bought_at: &str, months: u32) -> Extension {
        Extension {
            id,
            bought_at: d(bought_at),
            months,
        }
    }

    #[test]
    fn free_days_only() {
        let until = support_until(d("2025-01-10"), &SupportTerms::default(), &[]);
        assert_eq!(until, d("2025-02-09"));
    }

    #[test]
    fn extension_bought_before_expiry_extends_from_expiry() {
        let until = support_until(
            d("2025-01-10"),
            &SupportTerms::default(),
            &[ext(1, "2025-02-01", 3)],
        );
        assert_eq!(until, d("2025-05-09"));
    }

    #[test]
    fn extension_bought_after_lapse_extends_from_its_purchase_date() {
        let until = support_until(
            d("2025-01-10"),
            &SupportTerms::default(),
            &[ext(1, "2025-04-15", 2)],
        );
        assert_eq!(until, d("2025-06-15"));
    }

    #[test]
    fn extensions_recorded_out_of_order_give_the_same_result() {
        let terms = SupportTerms::default();
        let in_order = [ext(1, "2025-02-01", 1), ext(2, "2025-06-20", 2)];
        let reversed = [ext(2, "2025-06-20", 2), ext(1, "2025-02-01", 1)];
        let a = support_until(d("2025-01-10"), &terms, &in_order);
        let b = support_until(d("2025-01-10"), &terms, &reversed);
        assert_eq!(a, b);
        // First extends 2025-02-09 to 2025-03-09; the second comes after a lapse.
        assert_eq!(a, d("2025-08-20"));
    }

    #[test]
    fn extensions_bought_the_same_day_apply_in_id_order() {
        let terms = SupportTerms::default();
        let a = support_until(
            d("2025-01-10"),
            &terms,
            &[ext(7, "2025-02-01", 1), ext(3, "2025-02-01", 1)],
        );
        assert_eq!(a, d("2025-04-09"));
    }

    #[test]
    fn january_31_plus_one_month_is_end_of_february() {
        let terms = SupportTerms {
            free_support_days: 0,
            max_support_months: 12,
        };
        let until = support_until(d("2025-01-31"), &terms, &[ext(1, "2025-01-31", 1)]);
        assert_eq!(until, d("2025-02-28"));
    }

    #[test]
    fn leap_year_february_has_29_days() {
        let terms = SupportTerms {
            free_support_days: 0,
            max_support_months: 12,
        };
        let until = support_until(d("2024-01-31"), &terms, &[ext(1, "2024-01-31", 1)]);
        assert_eq!(until, d("2024-02-29"));
        let free = support_until(d("2024-02-01"), &SupportTerms::default(), &[]);
        assert_eq!(free, d("2024-03-02"));
    }

    #[test]
    fn extensions_cannot_pass_twelve_months_after_purchase() {
        let until = support_until(
            d("2025-01-10"),
            &SupportTerms::default(),
            &[ext(1, "2025-02-01", 6), ext(2, "2025-07-01", 6)],
        );
        assert_eq!(until, d("2026-01-10"));
    }

    #[test]
    fn extension_bought_late_is_capped_at_twelve_months_after_purchase() {
        let until = support_until(
            d("2025-01-10"),
            &SupportTerms::default(),
            &[ext(1, "2025-12-01", 3)],
        );
        assert_eq!(until, d("2026-01-10"));
    }

    #[test]
    fn extension_never_shortens_support() {
        let terms = SupportTerms {
            free_support_days: 400,
            max_support_months: 12,
        };
        let free_only = support_until(d("2025-01-10"), &terms, &[]);
        let extended = support_until(d("2025-01-10"), &terms, &[ext(1, "2025-02-01", 1)]);
        assert_eq!(free_only, d("2026-02-14"));
        assert_eq!(extended, free_only);
    }

    #[test]
    fn huge_terms_saturate_instead_of_overflowing() {
        let terms = SupportTerms {
            free_support_days: u32::MAX,
            max_support_months: u32::MAX,
        };
        let until = support_until(d("2025-01-10"), &terms, &[ext(1, "2025-02-01", u32::MAX)]);
        assert_eq!(until, NaiveDate::MAX);
    }

    #[test]
    fn plain_dates_are_read_as_written() {
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(
            parse_calendar_date(" 2025-03-14 ", paris),
            Ok(d("2025-03-14"))
        );
    }

    #[test]
    fn rfc3339_dates_take_the_calendar_date_of_the_desk() {
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(
            parse_calendar_date("2025-03-14T23:30:00Z", paris),
            Ok(d("2025-03-15"))
        );
        assert_eq!(
            parse_calendar_date("2025-03-14T20:00:00-05:00", paris),
            Ok(d("2025-03-15"))
        );
        assert_eq!(
            parse_calendar_date("2025-03-14T10:00:00.123+01:00", paris),
            Ok(d("2025-03-14"))
        );
    }

    #[test]
    fn other_date_spellings_are_refused() {
        let paris = chrono_tz::Europe::Paris;
        for bad in [
            "",
            "2025-3-14",
            "14/03/2025",
            "2025-02-30",
            "2025",
            "+2025-03-14",
            "2025-03-14 10:00",
        ] {
            let err = parse_calendar_date(bad, paris).expect_err(bad);
            assert!(err.to_string().contains("YYYY-MM-DD"));
        }
    }

    #[test]
    fn last_day_is_still_inside_and_the_next_is_outside() {
        let until = d("2025-02-09");
        assert!(is_inside(until, d("2025-02-08")));
        assert!(is_inside(until, until));
        assert!(!is_inside(until, d("2025-02-10")));
    }
}
