//! Email addresses as the purchase rule needs them.
//!
//! Support is tied to the address used at checkout, and stores, mail clients
//! and customers disagree about case and stray spaces. Normalising once, at
//! the edge, lets every later comparison be a plain string equality (and a
//! plain index lookup in the database).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use validator::ValidateEmail;

/// A syntactically valid email address, trimmed and lowercased.
///
/// Lowercasing the local part is not what RFC 5321 says, but it is what the
/// policy says: two spellings of one mailbox must match the same purchase.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress(String);

/// Input that is not an email address.
///
/// The rejected text is deliberately not part of the error: errors end up in
/// logs, and logs carry no email addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a valid email address")]
pub struct InvalidEmail;

impl EmailAddress {
    /// Trims, validates and lowercases an address.
    pub fn parse(input: &str) -> Result<EmailAddress, InvalidEmail> {
        let trimmed = input.trim();
        if trimmed.validate_email() {
            Ok(EmailAddress(trimmed.to_lowercase()))
        } else {
            Err(InvalidEmail)
        }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The normalised address, owned.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl AsRef<str> for EmailAddress {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for EmailAddress {
    type Err = InvalidEmail;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EmailAddress::parse(s)
    }
}

impl Serialize for EmailAddress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for EmailAddress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        EmailAddress::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_surrounding_spaces_do_not_matter() {
        let a = EmailAddress::parse("Alice@Example.COM ").expect("valid");
        let b = EmailAddress::parse("alice@example.com").expect("valid");
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "alice@example.com");
        assert_eq!(a.to_string(), "alice@example.com");
        assert_eq!(a.into_inner(), "alice@example.com");
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for bad in [
            "",
            "   ",
            "alice",
            "alice@",
            "@example.com",
            "a b@example.com",
            "a@b@c",
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(InvalidEmail), "{bad:?}");
        }
    }

    #[test]
    fn error_does_not_repeat_the_address() {
        let err = EmailAddress::parse("secret-person@").expect_err("invalid");
        assert!(!err.to_string().contains("secret-person"));
    }

    #[test]
    fn serde_normalises_on_the_way_in() {
        let parsed: EmailAddress =
            serde_json::from_str("\" Bob@Example.org\"").expect("deserialises");
        assert_eq!(parsed.as_str(), "bob@example.org");
        assert_eq!(
            serde_json::to_string(&parsed).expect("serialises"),
            "\"bob@example.org\""
        );
        assert!(serde_json::from_str::<EmailAddress>("\"nope\"").is_err());
    }
}
