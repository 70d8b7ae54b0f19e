//! Product versions and the version window.
//!
//! Vendors number releases with dotted integers of any length (PrestaShop
//! modules use four parts, WordPress plugins usually three). Customers type
//! them by hand, often with a leading `v`, so parsing is forgiving about that
//! prefix and surrounding whitespace but strict about everything else: a
//! version we cannot compare is a version we cannot support.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Width of one zero-padded part in [`Version::sort_key`]: `u32::MAX` has ten
/// decimal digits, so every part fits.
const SORT_KEY_PART_WIDTH: usize = 10;

/// A dotted version number such as `3.7.28` or `1.7.8.10`.
///
/// Equality, ordering and hashing use the numeric value with missing parts
/// read as zero, so `1.7.8 == 1.7.8.0`: customers and stores disagree on how
/// many trailing zeros to write, and neither spelling should be refused.
/// The parts are kept as parsed so that [`Display`](fmt::Display) shows the
/// version the way it was entered (minus the `v` and leading zeros).
#[derive(Clone, Debug)]
pub struct Version {
    parts: Vec<u32>,
}

/// Input that is not a dotted version number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid version {input:?}: a version is one or more numbers separated by dots, \
     such as 3.7.28 or v1.7.8.10"
)]
pub struct InvalidVersion {
    /// The rejected text, for logs and error pages (a version is not personal data).
    pub input: String,
}

impl Version {
    /// Parses a version, accepting surrounding whitespace and one leading `v` or `V`.
    ///
    /// Each part must be plain ASCII digits (no sign, no empty part) and fit in
    /// a `u32`, as the policy says.
    pub fn parse(input: &str) -> Result<Version, InvalidVersion> {
        let invalid = || InvalidVersion {
            input: input.to_owned(),
        };
        let trimmed = input.trim();
        let digits = trimmed.strip_prefix(['v', 'V']).unwrap_or(trimmed);
        let parts = digits
            .split('.')
            .map(|part| {
                // `u32::from_str` would accept a leading `+`; the policy does not.
                if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                part.parse::<u32>().ok()
            })
            .collect::<Option<Vec<u32>>>()
            .ok_or_else(invalid)?;
        Ok(Version { parts })
    }

    /// The parts as parsed, trailing zeros included.
    pub fn parts(&self) -> &[u32] {
        &self.parts
    }

    /// The parts without trailing zeros: the canonical form that equality,
    /// ordering and hashing all agree on.
    fn significant(&self) -> &[u32] {
        let len = self
            .parts
            .iter()
            .rposition(|&p| p != 0)
            .map_or(0, |last| last + 1);
        &self.parts[..len]
    }

    /// A string whose byte order is the version order, equal for equal versions.
    ///
    /// The database stores it so that a unique index keeps one release per
    /// numeric value and `ORDER BY` sorts releases without parsing them.
    /// Trailing zero parts are dropped (but at least one part is kept, so the
    /// key is never empty) and each part is zero-padded to ten digits.
    pub fn sort_key(&self) -> String {
        let significant = self.significant();
        let parts: &[u32] = if significant.is_empty() {
            &[0]
        } else {
            significant
        };
        parts
            .iter()
            .map(|p| format!("{p:0width$}", width = SORT_KEY_PART_WIDTH))
            .collect::<Vec<_>>()
            .join(".")
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.significant() == other.significant()
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    /// Comparing the trimmed parts lexicographically is the same as comparing
    /// zero-padded parts: when one trimmed list is a prefix of the other, the
    /// longer one ends with a non-zero part and therefore is the greater.
    fn cmp(&self, other: &Self) -> Ordering {
        self.significant().cmp(other.significant())
    }
}

impl Hash for Version {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.significant().hash(state);
    }
}

impl FromStr for Version {
    type Err = InvalidVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Version::parse(s)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{part}")?;
        }
        Ok(())
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Version::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Why a version is refused by [`check_version`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VersionRefusal {
    /// Below the oldest supported release: the customer should update.
    #[error("version too old; the latest release is {latest}")]
    TooOld {
        /// The highest release, the one to update to.
        latest: Version,
    },
    /// Inside or above the window but not a release (a typo, a beta, a fork).
    #[error("unknown version; supported versions: {}", join(supported))]
    Unknown {
        /// The supported releases, ascending.
        supported: Vec<Version>,
    },
}

fn join(versions: &[Version]) -> String {
    versions
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The supported releases, ascending: the highest release and the
/// `releases_back` distinct releases just below it.
///
/// Releases may come in any order and with duplicates (`1.2` and `1.2.0` are
/// one release); the window is counted by version, not by release date, so a
/// late hotfix of an old branch does not push the current release out.
pub fn supported_versions(releases: &[Version], releases_back: u32) -> Vec<Version> {
    let mut distinct = releases.to_vec();
    distinct.sort();
    distinct.dedup();
    let window = usize::try_from(releases_back)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    let first = distinct.len().saturating_sub(window);
    distinct.split_off(first)
}

/// Checks `v` against the version window of a product.
///
/// A product without releases has no version check. Otherwise a version
/// below the window is [`VersionRefusal::TooOld`], and any version that is
/// not one of the supported releases is [`VersionRefusal::Unknown`].
pub fn check_version(
    releases: &[Version],
    releases_back: u32,
    v: &Version,
) -> Result<(), VersionRefusal> {
    let supported = supported_versions(releases, releases_back);
    let (Some(lowest), Some(latest)) = (supported.first(), supported.last()) else {
        return Ok(());
    };
    if v < lowest {
        return Err(VersionRefusal::TooOld {
            latest: latest.clone(),
        });
    }
    if supported.contains(v) {
        Ok(())
    } else {
        Err(VersionRefusal::Unknown { supported })
    }
}

#[cfg(test)]
mod tests;
