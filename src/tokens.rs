//! Bearer tokens (API and portal): 256 random bits shown once, stored as a SHA-256 hash.
//! A fast hash is right here: the token has full entropy, so there is nothing to brute-force,
//! and every API request checks one.

use sha2::{Digest, Sha256};

use crate::keys::{Keys, hmac_sha256};

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

/// A new portal token. Unlike API tokens it can be made again, by the mail sender, from the
/// stored `seed` and the master key; the database alone holds only the seed and the hash.
#[derive(Debug, Clone)]
pub struct PortalToken {
    pub token: String,
    pub hash: String,
    pub seed: String,
}

impl PortalToken {
    pub fn generate(keys: &Keys) -> Result<PortalToken, getrandom::Error> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)?;
        let seed = hex::encode(bytes);
        let token = portal_token(keys, &seed);
        Ok(PortalToken {
            hash: hash(&token),
            token,
            seed,
        })
    }
}

/// The portal token of `seed`: 256 bits of HMAC, as 64 hex characters like every token.
pub fn portal_token(keys: &Keys, seed: &str) -> String {
    hex::encode(hmac_sha256(
        &keys.portal,
        format!("portal token:{seed}").as_bytes(),
    ))
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
    fn portal_tokens_come_again_from_their_seed_only_with_the_key() {
        let keys = crate::keys::MasterKey::parse(&"07".repeat(32), "test")
            .expect("key")
            .derive();
        let other = crate::keys::MasterKey::parse(&"08".repeat(32), "test")
            .expect("key")
            .derive();
        let p = PortalToken::generate(&keys).expect("random");
        assert_eq!(p.token.len(), 64);
        assert_eq!(portal_token(&keys, &p.seed), p.token);
        assert_eq!(hash(&p.token), p.hash);
        assert_ne!(portal_token(&other, &p.seed), p.token);
        assert!(!p.token.contains(&p.seed) && !p.hash.contains(&p.seed));
        assert_ne!(PortalToken::generate(&keys).expect("random").token, p.token);
    }

    #[test]
    fn scope_round_trips() {
        for s in [Scope::Intake, Scope::Purchases, Scope::Agent, Scope::Portal] {
            assert_eq!(Scope::parse(s.as_str()), Some(s));
        }
        assert_eq!(Scope::parse("admin"), None);
    }
}
