//! CSRF protection for every form that changes state (the intake form now, the dashboard later).
//!
//! Double-submit with a signed token: each browser gets a random value in an HttpOnly,
//! SameSite=Lax cookie, and every form carries HMAC-SHA256(`keys.csrf`, that value) in a hidden
//! field. Another site can make a browser send the cookie, but cannot read it nor compute the
//! HMAC without the key, so it cannot fill the field. Nothing is stored on the server, so several
//! processes behind a load balancer agree (they share the master key). The cookie value is not a
//! secret from the browser's owner, and need not be.

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::keys::Keys;
use crate::web::error::WebError;

/// The cookie holding the browser's random value.
pub const COOKIE: &str = "guichet_csrf";
/// The hidden form field holding the token.
pub const FIELD: &str = "csrf";

/// The token to put in a form, and the cookie to set when the browser had none.
#[derive(Debug, Clone)]
pub struct Csrf {
    pub token: String,
    /// The new random value, when the request carried no usable cookie.
    fresh: Option<String>,
}

fn mac(keys: &Keys, value: &str) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so new_from_slice cannot fail.
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&keys.csrf).unwrap_or_else(|_| unreachable!());
    mac.update(b"guichet csrf v1:");
    mac.update(value.as_bytes());
    mac
}

/// The browser's value from its cookie, if it has the shape we hand out (64 hex characters).
fn cookie_value(req: &HttpRequest) -> Option<String> {
    let value = req.cookie(COOKIE)?.value().to_string();
    (value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())).then_some(value)
}

impl Csrf {
    /// The token for this browser, making a new random value when it has none.
    pub fn for_request(req: &HttpRequest, keys: &Keys) -> Result<Csrf, WebError> {
        let (value, fresh) = match cookie_value(req) {
            Some(v) => (v, None),
            None => {
                let mut bytes = [0u8; 32];
                getrandom::fill(&mut bytes).map_err(|e| {
                    tracing::error!(error = %e, "no randomness for a CSRF cookie");
                    WebError::internal()
                })?;
                let v = hex::encode(bytes);
                (v.clone(), Some(v))
            }
        };
        Ok(Csrf {
            token: hex::encode(mac(keys, &value).finalize().into_bytes()),
            fresh,
        })
    }

    /// The cookie to send with the page, when the browser needs one. `Secure` per the
    /// `cookie_secure` setting (off on plain-HTTP loopback, where browsers would drop it).
    pub fn cookie(&self, secure: bool) -> Option<Cookie<'static>> {
        self.fresh.as_ref().map(|v| {
            Cookie::build(COOKIE, v.clone())
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(secure)
                .finish()
        })
    }
}

/// Whether `submitted` is the token of the browser's cookie. The comparison is the HMAC crate's
/// constant-time one, so timing tells an attacker nothing about how close a guess was.
pub fn verify(req: &HttpRequest, keys: &Keys, submitted: Option<&str>) -> bool {
    let (Some(value), Some(submitted)) = (cookie_value(req), submitted) else {
        return false;
    };
    let Ok(tag) = hex::decode(submitted.trim()) else {
        return false;
    };
    mac(keys, &value).verify_slice(&tag).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn keys(byte: &str) -> Keys {
        crate::keys::MasterKey::parse(&byte.repeat(32), "test")
            .expect("key")
            .derive()
    }

    #[test]
    fn a_token_verifies_only_with_its_cookie_and_key() {
        let k = keys("01");
        let first = Csrf::for_request(&TestRequest::default().to_http_request(), &k).expect("rng");
        let cookie = first.cookie(false).expect("a new browser gets a cookie");
        assert!(cookie.http_only().unwrap_or(false));
        assert_eq!(cookie.same_site(), Some(SameSite::Lax));
        let req = TestRequest::default()
            .cookie(cookie.clone())
            .to_http_request();
        assert!(verify(&req, &k, Some(&first.token)));
        let again = Csrf::for_request(&req, &k).expect("rng");
        assert_eq!(again.token, first.token, "same browser, same token");
        assert!(again.cookie(false).is_none(), "its cookie is kept");
        assert!(!verify(&req, &keys("02"), Some(&first.token)));
        assert!(!verify(&req, &k, Some("00")));
        assert!(!verify(&req, &k, Some("not hex")));
        assert!(!verify(&req, &k, None));
        let other = TestRequest::default().to_http_request();
        assert!(!verify(&other, &k, Some(&first.token)));
    }

    #[test]
    fn the_cookie_is_secure_when_asked() {
        let k = keys("03");
        let c = Csrf::for_request(&TestRequest::default().to_http_request(), &k).expect("rng");
        assert_eq!(c.cookie(true).and_then(|c| c.secure()), Some(true));
    }
}
