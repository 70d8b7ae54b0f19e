//! Who gets support, and in which lane.
//!
//! Eligibility runs once, when a ticket is created, over facts the store
//! layer has already loaded. The rules run in the order of the policy and
//! the first failing one is reported, so a customer always gets the one
//! thing they need to fix first.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::queue::Lane;
use super::support::is_inside;
use super::version::{Version, VersionRefusal, check_version};

/// The support plan bought with a purchase.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Regular support.
    #[default]
    Standard,
    /// A paid plan that puts tickets in the priority lane.
    Priority,
}

impl Tier {
    /// Both tiers.
    pub const ALL: [Tier; 2] = [Tier::Standard, Tier::Priority];

    /// The name used in the API, the CSV import and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Standard => "standard",
            Tier::Priority => "priority",
        }
    }

    /// Reads a tier name, ignoring case and surrounding whitespace.
    pub fn parse(s: &str) -> Option<Tier> {
        let s = s.trim();
        Tier::ALL
            .into_iter()
            .find(|tier| tier.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What eligibility needs to know about one purchase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurchaseFacts {
    /// The product bought.
    pub product_id: i64,
    /// The plan bought with it.
    pub tier: Tier,
    /// The last day of support, extensions included.
    pub support_until: NaiveDate,
}

/// What eligibility needs to know about the product a ticket is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductFacts {
    /// The product id, matched against [`PurchaseFacts::product_id`].
    pub id: i64,
    /// Every known release, in any order.
    pub releases: Vec<Version>,
    /// How many releases below the latest are still supported.
    pub releases_back: u32,
}

/// Why a ticket is refused, in the order the rules run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The address has no purchase at all.
    #[error("no purchase for this address")]
    NoPurchase,
    /// The address bought something, but not this product (or the product does not exist).
    #[error("this product was not purchased with this address")]
    ProductNotPurchased,
    /// Every purchase of the product is past its support window.
    #[error("support ended on {until}")]
    SupportExpired {
        /// The latest `support_until` among the purchases of this product.
        until: NaiveDate,
    },
    /// The version is below the supported window.
    #[error("version too old; latest is {latest}")]
    VersionTooOld {
        /// The release to update to.
        latest: Version,
    },
    /// The version is not one of the supported releases.
    #[error("unknown version")]
    UnknownVersion {
        /// The supported releases, ascending.
        supported: Vec<Version>,
    },
}

/// Every refusal code, in rule order: the API documents them and the
/// translation tests make sure each has a message.
pub const ALL_CODES: [&str; 5] = [
    "no_purchase",
    "product_not_purchased",
    "support_expired",
    "version_too_old",
    "unknown_version",
];

impl Refusal {
    /// Every refusal code, in rule order (the same list as the module constant).
    pub const ALL_CODES: [&'static str; 5] = ALL_CODES;

    /// The stable machine-readable code, used in the API and stored on refused tickets.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NoPurchase => "no_purchase",
            Refusal::ProductNotPurchased => "product_not_purchased",
            Refusal::SupportExpired { .. } => "support_expired",
            Refusal::VersionTooOld { .. } => "version_too_old",
            Refusal::UnknownVersion { .. } => "unknown_version",
        }
    }
}

impl From<VersionRefusal> for Refusal {
    fn from(refusal: VersionRefusal) -> Self {
        match refusal {
            VersionRefusal::TooOld { latest } => Refusal::VersionTooOld { latest },
            VersionRefusal::Unknown { supported } => Refusal::UnknownVersion { supported },
        }
    }
}

/// Decides whether a customer gets support for `version` of `product` on
/// `today`, and in which lane.
///
/// `customer_purchases` are all purchases made with the customer's address,
/// for any product; `product` is `None` when the slug named no product,
/// which the customer cannot tell apart from a product they did not buy.
///
/// The lane is priority only when a purchase of this product that is still
/// inside its own window has the priority tier: an expired priority plan
/// does not ride along with a current standard purchase.
pub fn decide(
    customer_purchases: &[PurchaseFacts],
    product: Option<&ProductFacts>,
    version: &Version,
    today: NaiveDate,
) -> Result<Lane, Refusal> {
    if customer_purchases.is_empty() {
        return Err(Refusal::NoPurchase);
    }
    let product = product.ok_or(Refusal::ProductNotPurchased)?;
    let of_product: Vec<&PurchaseFacts> = customer_purchases
        .iter()
        .filter(|p| p.product_id == product.id)
        .collect();
    let latest_until = of_product
        .iter()
        .map(|p| p.support_until)
        .max()
        .ok_or(Refusal::ProductNotPurchased)?;
    if !is_inside(latest_until, today) {
        return Err(Refusal::SupportExpired {
            until: latest_until,
        });
    }
    check_version(&product.releases, product.releases_back, version)?;

    let priority = of_product
        .iter()
        .any(|p| p.tier == Tier::Priority && is_inside(p.support_until, today));
    Ok(if priority {
        Lane::Priority
    } else {
        Lane::Standard
    })
}

#[cfg(test)]
mod tests {
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
            .map(|(purchases, product, version)| {
                match decide(purchases, *product, version, d(TODAY)) {
                    Ok(lane) => panic!("{version} was accepted in the {lane} lane"),
                    Err(refusal) => refusal.code(),
                }
            })
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
}
