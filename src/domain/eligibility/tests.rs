//! Eligibility rules, one failing rule at a time and several at once.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date parses")
}

fn v(s: &str) -> Version {
    Version::parse(s).expect("test version parses")
}

fn purchase(product_id: i64, tier: Tier, until: &str) -> PurchaseFacts {
    PurchaseFacts {
        product_id,
        tier,
        support_until: d(until),
    }
}

fn product() -> ProductFacts {
    ProductFacts {
        id: 1,
        releases: ["3.7.26", "3.7.27", "3.7.28"]
            .iter()
            .map(|s| v(s))
            .collect(),
        releases_back: 2,
    }
}

const TODAY: &str = "2025-06-15";

#[test]
fn tier_names_round_trip() {
    for tier in Tier::ALL {
        assert_eq!(Tier::parse(tier.as_str()), Some(tier));
    }
    assert_eq!(Tier::parse(" PRIORITY "), Some(Tier::Priority));
    assert_eq!(Tier::parse("gold"), None);
}

/// The rule list of DESIGN.md ("Support policy"), copied by hand: the reference the code is
/// checked against, so it must not be built from the code's own constants.
const DESIGN_RULE_ORDER: [&str; 5] = [
    "no_purchase",
    "product_not_purchased",
    "support_expired",
    "version_too_old",
    "unknown_version",
];

#[test]
fn codes_are_listed_in_rule_order() {
    assert_eq!(ALL_CODES, DESIGN_RULE_ORDER);
    assert_eq!(Refusal::ALL_CODES, DESIGN_RULE_ORDER);
}

#[test]
fn decide_reports_the_first_failing_rule_of_several() {
    // Each request breaks every rule from one point of the list on; fixing the reported
    // rule must reveal the next one. Version too old and unknown version cannot both fail
    // for one version, so each gets its own end of the chain.
    let expired = "2025-01-01";
    let other_product = purchase(2, Tier::Priority, expired);
    let too_old = v("3.7.20");
    let unknown = v("3.7.29");
    let product = product();
    let cases: [(&[PurchaseFacts], Option<&ProductFacts>, &Version); 6] = [
        (&[], None, &too_old),
        (&[], Some(&product), &unknown),
        (
            std::slice::from_ref(&other_product),
            Some(&product),
            &too_old,
        ),
        (
            &[purchase(1, Tier::Standard, expired)],
            Some(&product),
            &unknown,
        ),
        (
            &[purchase(1, Tier::Standard, "2025-07-01")],
            Some(&product),
            &too_old,
        ),
        (
            &[purchase(1, Tier::Standard, "2025-07-01")],
            Some(&product),
            &unknown,
        ),
    ];
    let reported: Vec<&str> = cases
        .iter()
        .map(
            |(purchases, product, version)| match decide(purchases, *product, version, d(TODAY)) {
                Ok(lane) => panic!("{version} was accepted in the {lane} lane"),
                Err(refusal) => refusal.code(),
            },
        )
        .collect();
    assert_eq!(
        reported,
        [
            "no_purchase",
            "no_purchase",
            "product_not_purchased",
            "support_expired",
            "version_too_old",
            "unknown_version",
        ]
    );
    // The order the rules ran in, each code once, is the order of the policy.
    let mut order: Vec<&str> = Vec::new();
    for code in reported {
        if !order.contains(&code) {
            order.push(code);
        }
    }
    assert_eq!(order, DESIGN_RULE_ORDER);
}

#[test]
fn eligible_standard_customer_gets_standard_lane() {
    let purchases = [purchase(1, Tier::Standard, "2025-07-01")];
    let lane = decide(&purchases, Some(&product()), &v("3.7.28"), d(TODAY));
    assert_eq!(lane, Ok(Lane::Standard));
}

#[test]
fn no_purchase_at_all_is_no_purchase() {
    let result = decide(&[], Some(&product()), &v("3.7.28"), d(TODAY));
    assert_eq!(result, Err(Refusal::NoPurchase));
}

#[test]
fn no_purchase_wins_over_unknown_product() {
    assert_eq!(
        decide(&[], None, &v("0.1"), d(TODAY)),
        Err(Refusal::NoPurchase)
    );
}

#[test]
fn purchase_of_another_product_is_product_not_purchased() {
    let purchases = [purchase(2, Tier::Priority, "2026-01-01")];
    let result = decide(&purchases, Some(&product()), &v("3.7.28"), d(TODAY));
    assert_eq!(result, Err(Refusal::ProductNotPurchased));
}

#[test]
fn unknown_product_slug_is_product_not_purchased() {
    let purchases = [purchase(1, Tier::Standard, "2026-01-01")];
    let result = decide(&purchases, None, &v("3.7.28"), d(TODAY));
    assert_eq!(result, Err(Refusal::ProductNotPurchased));
}

#[test]
fn expired_support_names_the_latest_end_date() {
    let purchases = [
        purchase(1, Tier::Standard, "2025-03-01"),
        purchase(1, Tier::Standard, "2025-05-31"),
        purchase(2, Tier::Standard, "2026-01-01"),
    ];
    let result = decide(&purchases, Some(&product()), &v("3.7.28"), d(TODAY));
    assert_eq!(
        result,
        Err(Refusal::SupportExpired {
            until: d("2025-05-31")
        })
    );
}

#[test]
fn last_day_of_support_is_still_eligible() {
    let purchases = [purchase(1, Tier::Standard, TODAY)];
    let result = decide(&purchases, Some(&product()), &v("3.7.28"), d(TODAY));
    assert_eq!(result, Ok(Lane::Standard));
}

#[test]
fn one_purchase_in_window_is_enough() {
    let purchases = [
        purchase(1, Tier::Standard, "2024-01-01"),
        purchase(1, Tier::Standard, "2025-12-31"),
    ];
    let result = decide(&purchases, Some(&product()), &v("3.7.27"), d(TODAY));
    assert_eq!(result, Ok(Lane::Standard));
}

#[test]
fn old_version_is_version_too_old() {
    let purchases = [purchase(1, Tier::Standard, "2025-12-31")];
    let result = decide(&purchases, Some(&product()), &v("3.7.20"), d(TODAY));
    assert_eq!(
        result,
        Err(Refusal::VersionTooOld {
            latest: v("3.7.28")
        })
    );
}

#[test]
fn unreleased_version_is_unknown_version() {
    let purchases = [purchase(1, Tier::Standard, "2025-12-31")];
    let result = decide(&purchases, Some(&product()), &v("3.8"), d(TODAY));
    assert_eq!(
        result,
        Err(Refusal::UnknownVersion {
            supported: product().releases
        })
    );
}

#[test]
fn expired_support_is_reported_before_a_bad_version() {
    let purchases = [purchase(1, Tier::Standard, "2025-01-01")];
    let result = decide(&purchases, Some(&product()), &v("1.0"), d(TODAY));
    assert_eq!(
        result,
        Err(Refusal::SupportExpired {
            until: d("2025-01-01")
        })
    );
}

#[test]
fn product_without_releases_accepts_any_version() {
    let mut bare = product();
    bare.releases.clear();
    let purchases = [purchase(1, Tier::Standard, "2025-12-31")];
    assert_eq!(
        decide(&purchases, Some(&bare), &v("0.0.1"), d(TODAY)),
        Ok(Lane::Standard)
    );
}

#[test]
fn priority_purchase_in_window_gives_priority_lane() {
    let purchases = [
        purchase(1, Tier::Standard, "2025-12-31"),
        purchase(1, Tier::Priority, "2025-07-01"),
    ];
    let result = decide(&purchases, Some(&product()), &v("3.7.28"), d(TODAY));
    assert_eq!(result, Ok(Lane::Priority));
}

#[test]
fn expired_priority_purchase_does_not_give_priority() {
    let purchases = [
        purchase(1, Tier::Priority, "2025-06-14"),
        purchase(1, Tier::Standard, "2025-12-31"),
    ];
    let result = decide(&purchases, Some(&product()), &v("3.7.28"), d(TODAY));
    assert_eq!(result, Ok(Lane::Standard));
}

#[test]
fn priority_on_another_product_does_not_give_priority() {
    let purchases = [
        purchase(2, Tier::Priority, "2025-12-31"),
        purchase(1, Tier::Standard, "2025-12-31"),
    ];
    let result = decide(&purchases, Some(&product()), &v("3.7.28"), d(TODAY));
    assert_eq!(result, Ok(Lane::Standard));
}
