//! Agents' sessions: a signed cookie, so several `serve` processes share sessions with no state
//! of their own (they share the master key).
//!
//! The cookie holds `v1.{agent id}.{issued at, unix seconds}.{nonce}.{mac}`, where the MAC is
//! HMAC-SHA256 under the session key over the rest, over a fingerprint of the agent's password
//! hash and over the agent's session epoch. So:
//! - a forged or altered cookie does not verify;
//! - a password reset ends every session of that agent (the fingerprint changes);
//! - "end sessions" (an admin's, or the agent's "sign out everywhere") ends them all at once in
//!   every process: it adds one to the epoch stored on the agent;
//! - deactivation ends them at once, because every request reads the agent row (by primary
//!   key) and refuses an inactive one;
//! - a session lasts `session_hours` from sign-in, and each sign-in gets a new nonce (the
//!   cookie is rotated, never reused from before the sign-in).
//!
//! An agent with two-factor sign-in on gets, for a right password, a second-step token instead
//! ([`issue_step`]): the same shape under another label, so it never verifies as a session,
//! valid [`STEP_MAX_AGE_SECS`] and only on the code page's path.

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::keys::Keys;
use crate::store::models::Agent;

pub const COOKIE: &str = "guichet_session";
/// The cookie of the second step of a two-factor sign-in.
pub const STEP_COOKIE: &str = "guichet_signin_step";
/// Where the second-step cookie is sent: the code page only.
pub const STEP_PATH: &str = "/agent/login/code";
/// How long a right password waits for its code.
pub const STEP_MAX_AGE_SECS: i64 = 300;

/// What a signed value is for; the label is in its MAC, so one kind never passes for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Session,
    SecondStep,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::Session => b"guichet session v1:",
            Purpose::SecondStep => b"guichet sign-in second step v1:",
        }
    }
}

/// What a cookie that verified says; the agent row is still to be read and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    pub agent_id: i64,
    pub issued_at: i64,
}

fn fingerprint(password_hash: &str) -> [u8; 32] {
    Sha256::digest(password_hash.as_bytes()).into()
}

fn mac(keys: &Keys, purpose: Purpose, body: &str, agent: &Agent) -> Hmac<Sha256> {
    // HMAC takes keys of any length: new_from_slice cannot fail.
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&keys.session).unwrap_or_else(|_| unreachable!());
    mac.update(purpose.label());
    mac.update(body.as_bytes());
    mac.update(b":");
    mac.update(&fingerprint(&agent.password_hash));
    mac.update(b":");
    mac.update(&agent.session_epoch.to_be_bytes());
    mac
}

fn sign(
    keys: &Keys,
    purpose: Purpose,
    agent: &Agent,
    now: DateTime<Utc>,
) -> Result<String, getrandom::Error> {
    let mut nonce = [0u8; 16];
    getrandom::fill(&mut nonce)?;
    let body = format!("v1.{}.{}.{}", agent.id, now.timestamp(), hex::encode(nonce));
    let tag = hex::encode(mac(keys, purpose, &body, agent).finalize().into_bytes());
    Ok(format!("{body}.{tag}"))
}

/// A new cookie value for `agent`, signed in at `now`.
pub fn issue(keys: &Keys, agent: &Agent, now: DateTime<Utc>) -> Result<String, getrandom::Error> {
    sign(keys, Purpose::Session, agent, now)
}

/// A second-step token for `agent`, whose password was right at `now`: bound to the agent,
/// their password and their session epoch, good for [`STEP_MAX_AGE_SECS`].
pub fn issue_step(
    keys: &Keys,
    agent: &Agent,
    now: DateTime<Utc>,
) -> Result<String, getrandom::Error> {
    sign(keys, Purpose::SecondStep, agent, now)
}

/// The claim of a well-formed value, before its MAC is checked (which needs the agent's row).
pub fn read(value: &str) -> Option<Claim> {
    let mut parts = value.split('.');
    let (Some("v1"), Some(id), Some(issued), Some(nonce), Some(tag), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    let well_formed = nonce.len() == 32
        && tag.len() == 64
        && nonce
            .bytes()
            .chain(tag.bytes())
            .all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return None;
    }
    Some(Claim {
        agent_id: id.parse().ok().filter(|n: &i64| *n > 0)?,
        issued_at: issued.parse().ok()?,
    })
}

/// Whether `value` is a live session of `agent` at `now`: its MAC verifies (in constant time)
/// against the agent's current password hash and session epoch, it is younger than `max_age`,
/// and the agent is active.
pub fn verify(
    keys: &Keys,
    value: &str,
    agent: &Agent,
    now: DateTime<Utc>,
    max_age: chrono::Duration,
) -> bool {
    verify_as(keys, Purpose::Session, value, agent, now, max_age)
}

/// Whether `value` is a live second-step token of `agent` at `now` (see [`issue_step`]).
pub fn verify_step(keys: &Keys, value: &str, agent: &Agent, now: DateTime<Utc>) -> bool {
    let max_age = chrono::Duration::seconds(STEP_MAX_AGE_SECS);
    verify_as(keys, Purpose::SecondStep, value, agent, now, max_age)
}

fn verify_as(
    keys: &Keys,
    purpose: Purpose,
    value: &str,
    agent: &Agent,
    now: DateTime<Utc>,
    max_age: chrono::Duration,
) -> bool {
    let Some(claim) = read(value) else {
        return false;
    };
    let Some((body, tag)) = value.rsplit_once('.') else {
        return false;
    };
    let Ok(tag) = hex::decode(tag) else {
        return false;
    };
    let age = now.timestamp() - claim.issued_at;
    claim.agent_id == agent.id
        && agent.active
        && (0..max_age.num_seconds()).contains(&age)
        && mac(keys, purpose, body, agent).verify_slice(&tag).is_ok()
}

/// The session cookie of this request, if it has one of the right shape.
pub fn from_request(req: &HttpRequest) -> Option<(String, Claim)> {
    let value = req.cookie(COOKIE)?.value().to_string();
    let claim = read(&value)?;
    Some((value, claim))
}

/// The cookie that carries `value`: HttpOnly, SameSite=Lax, `Secure` per `cookie_secure`, no
/// `Max-Age` (it ends with the browser; the server ends it after `session_hours` anyway).
pub fn cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build(COOKIE, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .finish()
}

/// The cookie that removes the session from the browser.
pub fn removal(secure: bool) -> Cookie<'static> {
    let mut c = cookie(String::new(), secure);
    c.make_removal();
    c
}

/// The second-step token of this request, if it has one of the right shape.
pub fn step_from_request(req: &HttpRequest) -> Option<(String, Claim)> {
    let value = req.cookie(STEP_COOKIE)?.value().to_string();
    let claim = read(&value)?;
    Some((value, claim))
}

/// The cookie that carries a second-step token: like the session's, but sent to the code page
/// only and kept by the browser no longer than the token lives.
pub fn step_cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build(STEP_COOKIE, value)
        .path(STEP_PATH)
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(actix_web::cookie::time::Duration::seconds(
            STEP_MAX_AGE_SECS,
        ))
        .finish()
}

/// The cookie that removes a second-step token.
pub fn step_removal(secure: bool) -> Cookie<'static> {
    let mut c = step_cookie(String::new(), secure);
    c.make_removal();
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn keys(byte: &str) -> Keys {
        crate::keys::MasterKey::parse(&byte.repeat(32), "test")
            .expect("key")
            .derive()
    }

    fn agent() -> Agent {
        Agent {
            id: 7,
            email: "ana@desk.test".into(),
            name: "Ana".into(),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
            is_admin: false,
            active: true,
            created_at: chrono::NaiveDateTime::default(),
            lang: None,
            totp_secret: None,
            totp_pending: None,
            totp_last_step: None,
            session_epoch: 0,
        }
    }

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 1, 1, h, 0, 0)
            .single()
            .expect("instant")
    }

    const DAY: chrono::TimeDelta = chrono::Duration::hours(12);

    #[test]
    fn a_session_verifies_for_its_agent_until_it_is_too_old() {
        let k = keys("0a");
        let a = agent();
        let v = issue(&k, &a, at(8)).expect("rng");
        assert!(verify(&k, &v, &a, at(8), DAY));
        assert!(verify(&k, &v, &a, at(19), DAY));
        assert!(!verify(&k, &v, &a, at(20), DAY), "12 hours later");
        assert_ne!(
            v,
            issue(&k, &a, at(8)).expect("rng"),
            "each sign-in is a new value"
        );
    }

    #[test]
    fn forged_altered_or_outdated_sessions_do_not_verify() {
        let k = keys("0b");
        let a = agent();
        let v = issue(&k, &a, at(8)).expect("rng");
        assert!(!verify(&keys("0c"), &v, &a, at(9), DAY), "another key");
        let other = Agent { id: 8, ..a.clone() };
        assert!(!verify(
            &k,
            &v.replacen("v1.7.", "v1.8.", 1),
            &other,
            at(9),
            DAY
        ));
        let reset = Agent {
            password_hash: "$argon2id$new".into(),
            ..a.clone()
        };
        assert!(
            !verify(&k, &v, &reset, at(9), DAY),
            "a password reset ends it"
        );
        let gone = Agent {
            active: false,
            ..a.clone()
        };
        assert!(!verify(&k, &v, &gone, at(9), DAY), "deactivation ends it");
        let ended = Agent {
            session_epoch: 1,
            ..a.clone()
        };
        assert!(
            !verify(&k, &v, &ended, at(9), DAY),
            "ending sessions ends it"
        );
        for bad in ["", "v1", "v1.7.1.2.3", "v2.7.1.00.00", &format!("{v}.x")] {
            assert!(!verify(&k, bad, &a, at(9), DAY), "{bad:?}");
        }
    }

    #[test]
    fn a_second_step_token_is_no_session_and_lives_five_minutes() {
        let k = keys("0d");
        let a = agent();
        let step = issue_step(&k, &a, at(8)).expect("rng");
        assert!(verify_step(&k, &step, &a, at(8)));
        assert!(!verify(&k, &step, &a, at(8), DAY), "not a session");
        let session = issue(&k, &a, at(8)).expect("rng");
        assert!(
            !verify_step(&k, &session, &a, at(8)),
            "a session is no step"
        );
        let later = at(8) + chrono::Duration::seconds(STEP_MAX_AGE_SECS);
        assert!(!verify_step(&k, &step, &a, later), "expired");
        let ended = Agent {
            session_epoch: 1,
            ..a.clone()
        };
        assert!(!verify_step(&k, &step, &ended, at(8)));
    }
}
