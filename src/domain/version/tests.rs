//! The version window: parsing what customers type, ordering dotted versions of any length,
//! the supported window and the refusals it gives. Kept apart from the rules they check so the
//! module reads as the rules alone.

use super::*;
use std::collections::HashSet;

fn v(s: &str) -> Version {
    Version::parse(s).expect("test version parses")
}

fn vs(list: &[&str]) -> Vec<Version> {
    list.iter().map(|s| v(s)).collect()
}

#[test]
fn version_with_missing_parts_equals_zero_padded() {
    assert_eq!(v("1.7.8"), v("1.7.8.0"));
    assert_eq!(v("1"), v("1.0.0.0"));
    assert_eq!(v("1.7.8").cmp(&v("1.7.8.0")), Ordering::Equal);
}

#[test]
fn equal_versions_hash_alike() {
    let set: HashSet<Version> = [v("1.2"), v("1.2.0"), v("v1.2.0.0")].into();
    assert_eq!(set.len(), 1);
}

#[test]
fn parts_compare_numerically_not_as_text() {
    assert!(v("1.7.8.10") > v("1.7.8.9"));
    assert!(v("3.10") > v("3.9"));
    assert!(v("1.7.8.1") > v("1.7.8"));
    assert!(v("1.0.1") > v("1"));
    assert!(v("2") > v("1.99.99"));
}

#[test]
fn leading_v_and_whitespace_are_ignored() {
    assert_eq!(v("  v3.7.28\n"), v("3.7.28"));
    assert_eq!(v("V1.2"), v("1.2"));
    assert_eq!(v("v3.7.28").to_string(), "3.7.28");
}

#[test]
fn malformed_versions_are_refused() {
    for bad in [
        "",
        "   ",
        "v",
        "V",
        "1..2",
        "1.x",
        "-1",
        "+1",
        "1.2.",
        ".1",
        "99999999999",
        "4294967296",
        "1 .2",
        "vv1",
        "1,2",
        "١.٢",
    ] {
        assert!(Version::parse(bad).is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn largest_part_fits_in_u32() {
    assert_eq!(v("4294967295").parts(), &[u32::MAX]);
}

#[test]
fn error_message_says_what_a_version_looks_like() {
    let err = Version::parse("1.x").expect_err("1.x is not a version");
    let message = err.to_string();
    assert!(message.contains("1.x"));
    assert!(message.contains("3.7.28"));
}

#[test]
fn display_keeps_parts_as_parsed() {
    assert_eq!(v("1.7.8.0").to_string(), "1.7.8.0");
    assert_eq!(v("01.2").to_string(), "1.2");
}

#[test]
fn from_str_matches_parse() {
    assert_eq!("v2.0".parse::<Version>(), Ok(v("2")));
}

#[test]
fn serde_uses_a_string() {
    let json = serde_json::to_string(&v("v1.7.8.10")).expect("serialises");
    assert_eq!(json, "\"1.7.8.10\"");
    let back: Version = serde_json::from_str("\"v3.7\"").expect("deserialises");
    assert_eq!(back, v("3.7"));
    assert!(serde_json::from_str::<Version>("\"3.x\"").is_err());
}

#[test]
fn sort_key_is_equal_for_equal_versions() {
    assert_eq!(v("1.7.8").sort_key(), v("1.7.8.0").sort_key());
    assert_eq!(v("1.7.8").sort_key(), "0000000001.0000000007.0000000008");
    assert_eq!(v("0").sort_key(), v("0.0.0").sort_key());
    assert!(!v("0").sort_key().is_empty());
}

#[test]
fn sort_key_byte_order_matches_version_order() {
    let mut list = vs(&[
        "1.7.8.10",
        "1.7.8.9",
        "0",
        "0.0.1",
        "10",
        "9.99",
        "1.7.8",
        "1.7.8.0.1",
        "4294967295",
        "1.10",
        "1.9",
    ]);
    list.sort();
    let keys: Vec<String> = list.iter().map(Version::sort_key).collect();
    let mut sorted_keys = keys.clone();
    sorted_keys.sort();
    assert_eq!(keys, sorted_keys);
}

#[test]
fn window_example_from_the_design() {
    let releases = vs(&["3.7.24", "3.7.25", "3.7.26", "3.7.27", "3.7.28"]);
    for ok in ["3.7.26", "3.7.27", "3.7.28", "3.7.26.0"] {
        assert_eq!(check_version(&releases, 2, &v(ok)), Ok(()), "{ok}");
    }
    assert_eq!(
        check_version(&releases, 2, &v("3.7.25")),
        Err(VersionRefusal::TooOld {
            latest: v("3.7.28")
        })
    );
    assert_eq!(
        check_version(&releases, 2, &v("3.7.29")),
        Err(VersionRefusal::Unknown {
            supported: vs(&["3.7.26", "3.7.27", "3.7.28"])
        })
    );
}

#[test]
fn version_inside_window_that_is_not_a_release_is_unknown() {
    let releases = vs(&["2.0", "2.2", "2.4"]);
    assert!(matches!(
        check_version(&releases, 2, &v("2.3")),
        Err(VersionRefusal::Unknown { .. })
    ));
}

#[test]
fn product_without_releases_has_no_version_check() {
    assert_eq!(check_version(&[], 2, &v("0.0.1")), Ok(()));
}

#[test]
fn window_counts_distinct_versions_in_any_order() {
    let releases = vs(&["3.7.28", "3.7.26", "3.7.28.0", "3.7.27", "3.7.25", "3.7.27"]);
    assert_eq!(
        supported_versions(&releases, 2),
        vs(&["3.7.26", "3.7.27", "3.7.28"])
    );
}

#[test]
fn window_is_by_version_not_by_release_date() {
    // A hotfix of an old branch published last is still the oldest version.
    let releases = vs(&["2.1", "2.2", "2.3", "1.9.1"]);
    assert_eq!(supported_versions(&releases, 2), vs(&["2.1", "2.2", "2.3"]));
}

#[test]
fn zero_releases_back_supports_only_the_latest() {
    let releases = vs(&["1.0", "1.1"]);
    assert_eq!(check_version(&releases, 0, &v("1.1")), Ok(()));
    assert_eq!(
        check_version(&releases, 0, &v("1.0")),
        Err(VersionRefusal::TooOld { latest: v("1.1") })
    );
}

#[test]
fn huge_releases_back_supports_every_release() {
    let releases = vs(&["1.0", "1.1"]);
    assert_eq!(supported_versions(&releases, u32::MAX), releases);
    assert!(matches!(
        check_version(&releases, u32::MAX, &v("0.9")),
        Err(VersionRefusal::TooOld { .. })
    ));
}
