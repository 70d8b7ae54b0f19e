//! The credentials vault: the site credentials a customer gives with a ticket, sealed with
//! XChaCha20-Poly1305 under `keys.credentials` before they reach the database.
//!
//! Each seal takes a fresh random 24-byte nonce (XChaCha's nonce is long enough that random
//! nonces never collide in practice, so no counter has to be kept in step across processes).
//! The ticket id is the associated data: a ciphertext copied to another ticket's row fails to
//! open instead of revealing one customer's passwords on another's ticket. The plaintext is
//! JSON, so fields can be added later without a new format, and it is wiped from memory once
//! sealed or dropped.

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::domain::ids::TicketId;

/// The nonce length of XChaCha20-Poly1305.
pub const NONCE_LEN: usize = 24;

/// What a customer may give so the support team can log in to their site. Every field is
/// optional; the values never leave this type in clear except through [`open`].
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteCredentials {
    pub admin_login: Option<String>,
    pub admin_password: Option<String>,
    pub ftp_host: Option<String>,
    pub ftp_user: Option<String>,
    pub ftp_password: Option<String>,
}

impl SiteCredentials {
    fn fields(&self) -> [(&'static str, &Option<String>); 5] {
        [
            ("admin_login", &self.admin_login),
            ("admin_password", &self.admin_password),
            ("ftp_host", &self.ftp_host),
            ("ftp_user", &self.ftp_user),
            ("ftp_password", &self.ftp_password),
        ]
    }

    /// Whether nothing at all was given (then nothing is stored).
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, v)| v.is_none())
    }
}

/// Says which fields were given, never what they hold: a `{:?}` in a log line or a panic
/// message must not leak a password.
impl std::fmt::Debug for SiteCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("SiteCredentials");
        for (name, value) in self.fields() {
            s.field(name, &value.as_ref().map(|_| Redacted));
        }
        s.finish()
    }
}

struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("…")
    }
}

impl Drop for SiteCredentials {
    fn drop(&mut self) {
        for value in [
            &mut self.admin_login,
            &mut self.admin_password,
            &mut self.ftp_host,
            &mut self.ftp_user,
            &mut self.ftp_password,
        ]
        .into_iter()
        .flatten()
        {
            value.zeroize();
        }
    }
}

/// Sealed credentials as stored: the nonce and the ciphertext (with its 16-byte tag).
#[derive(Clone, PartialEq, Eq)]
pub struct Sealed {
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealed({} bytes)", self.ciphertext.len())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// Wrong key, wrong ticket, or altered bytes: AEAD cannot tell which, and neither do we.
    #[error("the stored credentials do not open with this key for this ticket")]
    Unopenable,
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
    /// Only reachable with a plaintext the cipher refuses (over 256 GiB) or a broken serializer.
    #[error("the credentials could not be sealed")]
    Seal,
}

/// The associated data: binds a ciphertext to its ticket, with a label and version so the same
/// key could one day seal something else without confusion.
fn associated_data(ticket: TicketId) -> [u8; 36] {
    let mut aad = [0u8; 36];
    let label = b"guichet site credentials v1:";
    aad[..label.len()].copy_from_slice(label);
    aad[label.len()..].copy_from_slice(&ticket.get().to_be_bytes());
    aad
}

fn cipher(key: &[u8; 32]) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(&(*key).into())
}

/// Seals `creds` for `ticket` under `key` (`keys.credentials`), with a fresh random nonce.
pub fn seal(
    key: &[u8; 32],
    ticket: TicketId,
    creds: &SiteCredentials,
) -> Result<Sealed, VaultError> {
    let mut plain = serde_json::to_vec(creds).map_err(|_| VaultError::Seal)?;
    let sealed = seal_bytes(key, &associated_data(ticket), &plain);
    plain.zeroize();
    sealed
}

/// Opens what [`seal`] made for `ticket`; anything else (another ticket's row, another key,
/// altered bytes) is [`VaultError::Unopenable`].
pub fn open(
    key: &[u8; 32],
    ticket: TicketId,
    sealed: &Sealed,
) -> Result<SiteCredentials, VaultError> {
    let plain = open_bytes(key, &associated_data(ticket), sealed)?;
    serde_json::from_slice(&plain).map_err(|_| VaultError::Unopenable)
}

/// Seals `plain` under `key`, bound to `aad`, with a fresh random nonce: the one sealing of the
/// vault, for the site credentials and for other secrets at rest (the agents' two-factor
/// secrets), each with its own key and associated data.
pub fn seal_bytes(key: &[u8; 32], aad: &[u8], plain: &[u8]) -> Result<Sealed, VaultError> {
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(|e| VaultError::Random(e.to_string()))?;
    let sealed = cipher(key).encrypt(&XNonce::from(nonce), Payload { msg: plain, aad });
    Ok(Sealed {
        nonce: nonce.to_vec(),
        ciphertext: sealed.map_err(|_| VaultError::Seal)?,
    })
}

/// Opens what [`seal_bytes`] made with the same `key` and `aad`; the plaintext is wiped when
/// dropped.
pub fn open_bytes(
    key: &[u8; 32],
    aad: &[u8],
    sealed: &Sealed,
) -> Result<zeroize::Zeroizing<Vec<u8>>, VaultError> {
    let nonce: [u8; NONCE_LEN] = sealed
        .nonce
        .as_slice()
        .try_into()
        .map_err(|_| VaultError::Unopenable)?;
    cipher(key)
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &sealed.ciphertext,
                aad,
            },
        )
        .map(zeroize::Zeroizing::new)
        .map_err(|_| VaultError::Unopenable)
}

impl Sealed {
    /// One column's worth: the nonce, then the ciphertext.
    pub fn to_bytes(&self) -> Vec<u8> {
        [self.nonce.as_slice(), self.ciphertext.as_slice()].concat()
    }

    /// What [`Sealed::to_bytes`] wrote; too short to hold a nonce and a tag is unopenable.
    pub fn from_bytes(bytes: &[u8]) -> Result<Sealed, VaultError> {
        if bytes.len() < NONCE_LEN + 16 {
            return Err(VaultError::Unopenable);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        Ok(Sealed {
            nonce: nonce.to_vec(),
            ciphertext: ciphertext.to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7; 32];

    fn creds() -> SiteCredentials {
        SiteCredentials {
            admin_login: Some("shopadmin".into()),
            admin_password: Some("hunter2-Secret!".into()),
            ftp_host: Some("ftp.shop.example.com".into()),
            ftp_user: None,
            ftp_password: Some("ftp-Pa55word".into()),
        }
    }

    #[test]
    fn sealed_credentials_open_for_their_ticket() {
        let sealed = seal(&KEY, TicketId::new(42), &creds()).expect("seal");
        assert_eq!(sealed.nonce.len(), NONCE_LEN);
        let text = String::from_utf8_lossy(&sealed.ciphertext);
        assert!(
            !text.contains("hunter2"),
            "the ciphertext is not the plaintext"
        );
        let opened = open(&KEY, TicketId::new(42), &sealed).expect("open");
        assert_eq!(opened, creds());
    }

    #[test]
    fn each_seal_takes_a_fresh_nonce() {
        let a = seal(&KEY, TicketId::new(1), &creds()).expect("seal");
        let b = seal(&KEY, TicketId::new(1), &creds()).expect("seal");
        assert_ne!(a.nonce, b.nonce);
        assert_ne!(a.ciphertext, b.ciphertext);
    }

    #[test]
    fn a_ciphertext_moved_to_another_ticket_does_not_open() {
        let sealed = seal(&KEY, TicketId::new(42), &creds()).expect("seal");
        assert!(matches!(
            open(&KEY, TicketId::new(43), &sealed),
            Err(VaultError::Unopenable)
        ));
    }

    #[test]
    fn another_key_does_not_open() {
        let sealed = seal(&KEY, TicketId::new(42), &creds()).expect("seal");
        assert!(open(&[8; 32], TicketId::new(42), &sealed).is_err());
    }

    #[test]
    fn altered_bytes_do_not_open() {
        let sealed = seal(&KEY, TicketId::new(42), &creds()).expect("seal");
        for i in [0, sealed.ciphertext.len() / 2, sealed.ciphertext.len() - 1] {
            let mut bad = sealed.clone();
            bad.ciphertext[i] ^= 1;
            assert!(open(&KEY, TicketId::new(42), &bad).is_err(), "byte {i}");
        }
        let mut bad = sealed.clone();
        bad.nonce[0] ^= 1;
        assert!(open(&KEY, TicketId::new(42), &bad).is_err());
        let short = Sealed {
            nonce: sealed.nonce[..12].to_vec(),
            ..sealed.clone()
        };
        assert!(open(&KEY, TicketId::new(42), &short).is_err());
        let cut = Sealed {
            ciphertext: sealed.ciphertext[..10].to_vec(),
            ..sealed
        };
        assert!(open(&KEY, TicketId::new(42), &cut).is_err());
    }

    #[test]
    fn debug_shows_which_fields_were_given_but_no_value() {
        let text = format!("{:?}", creds());
        for secret in ["shopadmin", "hunter2", "ftp.shop", "Pa55word"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains("admin_password: Some(…)"), "{text}");
        assert!(text.contains("ftp_user: None"), "{text}");
        let sealed = seal(&KEY, TicketId::new(1), &creds()).expect("seal");
        assert!(format!("{sealed:?}").starts_with("Sealed("));
        assert!(SiteCredentials::default().is_empty());
        assert!(!creds().is_empty());
    }
}
