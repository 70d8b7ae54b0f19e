//! Message-IDs that guichet generates carry an HMAC of the ticket number under a derived key, so
//! a reply's In-Reply-To can be trusted to name its ticket: a forged reference does not verify.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::domain::ids::TicketId;
use crate::keys::{Keys, hmac_sha256};

/// `<t{ticket}.{nonce}.{mac}@{host}>`, where mac = HMAC(ticket "." nonce), cut to 16 bytes.
/// The nonce is made apart from the id so a caller can draw it before a transaction and build
/// the id inside it, once the ticket number is known.
pub fn message_id(keys: &Keys, ticket: TicketId, nonce: &Nonce, host: &str) -> String {
    format!(
        "<t{ticket}.{}.{}@{host}>",
        nonce.0,
        mac(keys, ticket, &nonce.0)
    )
}

/// Eight random bytes, hex-encoded.
pub struct Nonce(String);

impl Nonce {
    pub fn new() -> Result<Nonce, getrandom::Error> {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes)?;
        Ok(Nonce(hex::encode(bytes)))
    }
}

pub fn new_message_id(
    keys: &Keys,
    ticket: TicketId,
    host: &str,
) -> Result<String, getrandom::Error> {
    Ok(message_id(keys, ticket, &Nonce::new()?, host))
}

fn mac(keys: &Keys, ticket: TicketId, nonce: &str) -> String {
    let full = hmac_sha256(&keys.message_id, format!("{ticket}.{nonce}").as_bytes());
    hex::encode(&full[..16])
}

/// The ticket a Message-ID of ours names, if the MAC verifies.
pub fn ticket_of(keys: &Keys, message_id: &str) -> Option<TicketId> {
    let inner = message_id
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>');
    let (local, _host) = inner.split_once('@')?;
    let mut parts = local.splitn(3, '.');
    let ticket = TicketId::parse(parts.next()?.strip_prefix('t')?)?;
    let nonce = parts.next()?;
    let given = parts.next()?;
    let tag = hex::decode(given).ok().filter(|t| t.len() == 16)?;
    // verify_truncated_left compares in constant time.
    let mut check = <Hmac<Sha256> as Mac>::new_from_slice(&keys.message_id).ok()?;
    check.update(format!("{ticket}.{nonce}").as_bytes());
    check.verify_truncated_left(&tag).ok().map(|()| ticket)
}

/// The host part for generated Message-IDs: the public URL's host.
pub fn host_of(public_url: &str) -> String {
    crate::domain::text::host_of_url(public_url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::MasterKey;

    fn keys() -> Keys {
        MasterKey::parse(&"07".repeat(32), "test")
            .expect("valid")
            .derive()
    }

    #[test]
    fn generated_id_names_its_ticket() {
        let k = keys();
        let id = new_message_id(&k, TicketId::new(42), "desk.example").expect("random");
        assert!(id.ends_with("@desk.example>"));
        assert_eq!(ticket_of(&k, &id), Some(TicketId::new(42)));
    }

    #[test]
    fn forged_reference_does_not_verify() {
        let k = keys();
        let id = new_message_id(&k, TicketId::new(42), "desk.example").expect("random");
        let forged = id.replacen("<t42.", "<t43.", 1);
        assert_eq!(ticket_of(&k, &forged), None);
        let other = MasterKey::parse(&"08".repeat(32), "test")
            .expect("valid")
            .derive();
        assert_eq!(ticket_of(&other, &id), None);
        assert_eq!(ticket_of(&k, "<random@elsewhere>"), None);
    }

    #[test]
    fn host_comes_from_public_url() {
        assert_eq!(host_of("https://help.example.com/desk"), "help.example.com");
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1");
    }
}
