//! Rate limits on the pages' forms (the intake form, the portal's posts): a fixed window per
//! client address and per email address, counted by [`crate::rate_limit::RateLimiter`] in the
//! application state, in memory in each process (DESIGN: rate limits are per process). The
//! settings are `form_limit`, `form_email_limit` and `form_window_minutes`; `rate_limits = false`
//! turns them off.
//!
//! Addresses and emails stay in the limiter's map only: they are never logged, and an
//! over-limit answer writes no log line that could name them.

use actix_web::HttpRequest;

use crate::app::AppState;
pub use crate::rate_limit::Form;
use crate::rate_limit::Key;

/// Counts a post of `form` from this request's client and for `email`, when limits are on.
/// `Err` carries the seconds to put in `Retry-After` (at least 1). The client is actix's peer
/// address: behind a reverse proxy every client shares the proxy's (see README decisions).
pub fn check(
    state: &AppState,
    req: &HttpRequest,
    form: Form,
    email: Option<&str>,
) -> Result<(), u64> {
    let c = &state.config;
    let limits = Limits {
        address: c.form_limit,
        email: c.form_email_limit,
        window: c.form_window,
    };
    count(state, req, form, email, limits)
}

/// Counts a sign-in attempt from this client and for the typed agent email, under the
/// `signin_*` settings.
pub fn check_sign_in(state: &AppState, req: &HttpRequest, email: &str) -> Result<(), u64> {
    count(state, req, Form::SignIn, Some(email), sign_in_limits(state))
}

/// Whether this client and agent email may try a one-time code now, counting nothing: a code
/// counts only when it is wrong ([`code_failed`]), so a right one costs no attempt (the
/// password before it did).
pub fn may_try_code(state: &AppState, req: &HttpRequest, email: &str) -> Result<(), u64> {
    tally(
        state,
        req,
        Form::SignIn,
        Some(email),
        sign_in_limits(state),
        false,
    )
}

/// Counts a wrong one-time code as a failed sign-in attempt.
pub fn code_failed(state: &AppState, req: &HttpRequest, email: &str) {
    // Over the limit already: the next attempt is refused by `may_try_code` anyway.
    let _ = tally(
        state,
        req,
        Form::SignIn,
        Some(email),
        sign_in_limits(state),
        true,
    );
}

fn sign_in_limits(state: &AppState) -> Limits {
    let c = &state.config;
    Limits {
        address: c.signin_limit,
        email: c.signin_account_limit,
        window: c.signin_window,
    }
}

#[derive(Debug, Clone, Copy)]
struct Limits {
    address: u32,
    email: u32,
    window: std::time::Duration,
}

fn count(
    state: &AppState,
    req: &HttpRequest,
    form: Form,
    email: Option<&str>,
    limits: Limits,
) -> Result<(), u64> {
    tally(state, req, form, email, limits, true)
}

/// Counts (`add`) or only checks the limits of this request.
fn tally(
    state: &AppState,
    req: &HttpRequest,
    form: Form,
    email: Option<&str>,
    limits: Limits,
    add: bool,
) -> Result<(), u64> {
    let c = &state.config;
    let hit = |key, limit, window, now| {
        if add {
            state.limiter.hit(key, limit, window, now)
        } else {
            state.limiter.peek(key, limit, window, now)
        }
    };
    if !c.rate_limits {
        return Ok(());
    }
    let now = state.now();
    let mut wait = None;
    if let Some(peer) = req.peer_addr()
        && limits.address > 0
        && let Err(w) = hit(
            Key::Address(form, peer.ip()),
            limits.address,
            limits.window,
            now,
        )
    {
        wait = Some(w);
    }
    let email = email
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty());
    if wait.is_none()
        && let Some(email) = email
        && limits.email > 0
        && let Err(w) = hit(Key::Email(form, email), limits.email, limits.window, now)
    {
        wait = Some(w);
    }
    match wait {
        None => Ok(()),
        Some(w) => Err(w.as_secs().max(1)),
    }
}

/// Whole minutes to tell a person, rounded up so "in 1 minute" is never too early.
pub fn minutes(retry_after_secs: u64) -> u64 {
    retry_after_secs.div_ceil(60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_round_up() {
        assert_eq!(minutes(1), 1);
        assert_eq!(minutes(60), 1);
        assert_eq!(minutes(61), 2);
    }
}
