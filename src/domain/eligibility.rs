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
mod tests;
