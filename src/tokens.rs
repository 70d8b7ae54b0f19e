//! Bearer tokens (API and portal): 256 random bits shown once, stored as a SHA-256 hash.
//! A fast hash is right here: the token has full entropy, so there is nothing to brute-force,
//! and every API request checks one.

use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Creates tickets (a store's or a site's contact form).
    Intake,
    /// Pushes purchases, extensions and releases (the store).
    Purchases,
    /// Acts as one agent.
    Agent,
    /// One ticket's customer (the last segment of the portal URL).
    Portal,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Intake => "intake",
            Scope::Purchases => "purchases",
            Scope::Agent => "agent",
            Scope::Portal => "portal",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "intake" => Some(Scope::Intake),
            "purchases" => Some(Scope::Purchases),
            "agent" => Some(Scope::Agent),
            "portal" => Some(Scope::Portal),
            _ => None,
        }
    }
}

/// A fresh token as text (64 hex characters) and its hash for storage.
pub fn generate() -> Result<(String, String), getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let token = hex::encode(bytes);
    let hash = hash(&token);
    Ok((token, hash))
}

pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_fresh_and_hash_to_what_is_stored() {
        let (a, ha) = generate().expect("random");
        let (b, _) = generate().expect("random");
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash(&a), ha);
        assert_ne!(ha, a);
    }

    #[test]
    fn scope_round_trips() {
        for s in [Scope::Intake, Scope::Purchases, Scope::Agent, Scope::Portal] {
            assert_eq!(Scope::parse(s.as_str()), Some(s));
        }
        assert_eq!(Scope::parse("admin"), None);
    }
}
