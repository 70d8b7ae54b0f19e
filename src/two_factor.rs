//! Two-factor sign-in with time-based one-time codes (RFC 6238): HMAC-SHA1, 30-second steps,
//! six digits, which is what authenticator apps expect by default. The arithmetic is `totp-rs`;
//! this module decides which steps a code may come from, seals the secret for the database, and
//! draws the enrolment QR code as SVG.
//!
//! A code is accepted for the current step or one step either side (a phone's clock a little
//! off), and only for a step later than the last one accepted for that agent, so a code seen
//! over a shoulder or replayed from a log does not work a second time.

use chrono::{DateTime, Utc};
use totp_rs::{Algorithm, TOTP};
use zeroize::{Zeroize, Zeroizing};

use crate::vault::{self, Sealed, VaultError};

/// Seconds in a step.
pub const STEP_SECS: i64 = 30;
/// Digits in a code.
pub const DIGITS: usize = 6;
/// Bytes of a secret: 160 bits, RFC 4226's recommended length and what SHA-1 apps use.
pub const SECRET_LEN: usize = 20;

/// An agent's TOTP secret in clear; wiped when dropped, never printed.
#[derive(Clone)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Six digits as typed, spaces taken out (apps show "123 456").
#[derive(Clone, PartialEq, Eq)]
pub struct Code(String);

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Code(…)")
    }
}

impl Code {
    /// Exactly six ASCII digits once spaces are removed; anything else is `None`.
    pub fn parse(typed: &str) -> Option<Code> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit()))
            .then_some(Code(digits))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TwoFactorError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error("the enrolment address is too long for a QR code")]
    Qr,
}

/// The 30-second step `at` falls in.
pub fn step_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(STEP_SECS)
}

impl Secret {
    /// A new random secret.
    pub fn generate() -> Result<Secret, TwoFactorError> {
        let mut bytes = Zeroizing::new(vec![0u8; SECRET_LEN]);
        getrandom::fill(&mut bytes).map_err(|e| VaultError::Random(e.to_string()))?;
        Ok(Secret(bytes))
    }

    fn totp(&self) -> TOTP {
        // `new_unchecked`: the length is ours (SECRET_LEN, over the 128 bits `new` asks for),
        // and no skew, because the steps tried are chosen in `accepts`.
        TOTP::new_unchecked(
            Algorithm::SHA1,
            DIGITS,
            0,
            STEP_SECS as u64,
            self.0.to_vec(),
        )
    }

    /// The secret in base32 (RFC 4648, no padding), as apps take it when typed by hand.
    pub fn base32(&self) -> String {
        self.totp().get_secret_base32()
    }

    /// The code of `step`.
    pub fn code_at(&self, step: i64) -> String {
        self.totp()
            .generate(u64::try_from(step).unwrap_or_default() * STEP_SECS as u64)
    }

    /// The step `code` belongs to, if it is the code of the step of `now` or one either side,
    /// and that step is later than `last_step` (the last accepted); otherwise `None`. Every
    /// candidate is compared in constant time.
    pub fn accepts(&self, code: &Code, now: DateTime<Utc>, last_step: Option<i64>) -> Option<i64> {
        let totp = self.totp();
        let current = step_of(now);
        let mut found = None;
        for step in [current - 1, current, current + 1] {
            let fresh = last_step.is_none_or(|last| step > last);
            let Ok(at) = u64::try_from(step * STEP_SECS) else {
                continue;
            };
            // `check` compares in constant time; all three are computed whatever matched.
            if totp.check(&code.0, at) && fresh && found.is_none() {
                found = Some(step);
            }
        }
        found
    }

    /// The `otpauth://` address an app reads from the QR code: the desk's name as issuer, the
    /// agent's email as account.
    pub fn uri(&self, issuer: &str, account: &str) -> String {
        let mut secret = self.base32();
        let uri = format!(
            "otpauth://totp/{issuer_label}:{account}?secret={secret}&issuer={issuer}\
             &algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
            issuer_label = percent(issuer),
            account = percent(account),
            issuer = percent(issuer),
        );
        secret.zeroize();
        uri
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn percent(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The associated data of agent `agent_id`'s secret: a sealed secret copied onto another
/// agent's row does not open.
fn associated_data(agent_id: i64) -> Vec<u8> {
    let mut aad = b"guichet two-factor secret v1:".to_vec();
    aad.extend_from_slice(&agent_id.to_be_bytes());
    aad
}

/// `secret` sealed for agent `agent_id` under `key` (`keys.two_factor`), as stored.
pub fn seal(key: &[u8; 32], agent_id: i64, secret: &Secret) -> Result<Vec<u8>, TwoFactorError> {
    Ok(vault::seal_bytes(key, &associated_data(agent_id), &secret.0)?.to_bytes())
}

/// What [`seal`] stored for agent `agent_id`.
pub fn open(key: &[u8; 32], agent_id: i64, stored: &[u8]) -> Result<Secret, TwoFactorError> {
    let sealed = Sealed::from_bytes(stored)?;
    let plain = vault::open_bytes(key, &associated_data(agent_id), &sealed)?;
    Ok(Secret(plain))
}

/// `uri` as a QR code in SVG, ready to serve as `image/svg+xml`: black modules on white, a
/// quiet zone, no style attribute and no script (the page's CSP allows neither inline).
pub fn qr_svg(uri: &str) -> Result<String, TwoFactorError> {
    let code = qrcode::QrCode::with_error_correction_level(uri, qrcode::EcLevel::M)
        .map_err(|_| TwoFactorError::Qr)?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// RFC 6238's SHA-1 test secret ("12345678901234567890") and its vectors, cut to six
    /// digits.
    fn rfc_secret() -> Secret {
        Secret(Zeroizing::new(b"12345678901234567890".to_vec()))
    }

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(secs, 0).single().expect("instant")
    }

    #[test]
    fn codes_match_the_rfc_vectors() {
        let s = rfc_secret();
        assert_eq!(s.code_at(step_of(at(59))), "287082");
        assert_eq!(s.code_at(step_of(at(1_111_111_109))), "081804");
        assert_eq!(s.code_at(step_of(at(2_000_000_000))), "279037");
        assert_eq!(s.base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    #[test]
    fn a_code_is_good_one_step_either_side_and_only_once() {
        let s = rfc_secret();
        let now = at(1_111_111_109);
        let step = step_of(now);
        let code = Code::parse(&s.code_at(step)).expect("six digits");
        assert_eq!(s.accepts(&code, now, None), Some(step));
        assert_eq!(s.accepts(&code, at(1_111_111_109 + 30), None), Some(step));
        assert_eq!(s.accepts(&code, at(1_111_111_109 - 30), None), Some(step));
        assert_eq!(
            s.accepts(&code, at(1_111_111_109 + 61), None),
            None,
            "two steps late"
        );
        assert_eq!(s.accepts(&code, now, Some(step)), None, "already used");
        assert_eq!(s.accepts(&code, now, Some(step - 1)), Some(step));
        let other = Secret::generate().expect("rng");
        assert_eq!(other.accepts(&code, now, None), None, "another secret");
    }

    #[test]
    fn only_six_digits_parse() {
        assert!(Code::parse("123 456").is_some());
        assert!(Code::parse(" 123456\n").is_some());
        for bad in ["", "12345", "1234567", "12345a", "١٢٣٤٥٦", "+12345"] {
            assert!(Code::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn a_sealed_secret_opens_only_for_its_agent() {
        let key = [3u8; 32];
        let s = Secret::generate().expect("rng");
        let stored = seal(&key, 7, &s).expect("seal");
        assert!(!stored.windows(SECRET_LEN).any(|w| w == s.0.as_slice()));
        assert_eq!(open(&key, 7, &stored).expect("open").base32(), s.base32());
        assert!(open(&key, 8, &stored).is_err(), "another agent's row");
        assert!(open(&[4u8; 32], 7, &stored).is_err(), "another key");
        assert!(open(&key, 7, &stored[..10]).is_err(), "cut short");
        assert_eq!(format!("{s:?}"), "Secret(…)");
    }

    #[test]
    fn the_qr_code_is_plain_svg_of_the_uri() {
        let s = rfc_secret();
        let uri = s.uri("Acme Desk", "zoé@desk.test");
        assert!(uri.starts_with("otpauth://totp/Acme%20Desk:zo%C3%A9%40desk.test?secret="));
        assert!(uri.contains("&issuer=Acme%20Desk&algorithm=SHA1&digits=6&period=30"));
        let svg = qr_svg(&uri).expect("svg");
        assert!(svg.contains("<svg"), "{svg}");
        assert!(!svg.contains("style"), "{svg}");
        assert!(!svg.contains("script"), "{svg}");
    }
}
