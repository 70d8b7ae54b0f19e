//! The agents' dashboard under `/agent`: sign-in ([`sign_in`], and its code step
//! [`two_step`]), the queue ([`queue`]), the ticket page ([`ticket`]) and the agent's own
//! account ([`account`]: two-factor sign-in, signing out everywhere). Every page but the sign-in form needs a live session
//! ([`crate::web::session`]); without one the answer is a redirect to the sign-in page, which
//! comes back to where the agent was going.

pub mod account;
pub mod queue;
pub mod search;
pub mod sign_in;
pub mod stats;
pub mod ticket;
pub mod ticket_actions;
pub mod two_step;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::models::Agent;
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::error::WebError;
use crate::web::session;

/// What the dashboard's layout (`templates/agent/layout.html`) shows around every page.
#[derive(Debug, Clone)]
pub struct Shell {
    pub nav_label: String,
    pub queue: String,
    pub search: String,
    pub stats: String,
    pub account: String,
    /// The admin link, for admins only.
    pub admin: Option<String>,
    pub signed_in_as: String,
    pub sign_out: String,
    pub csrf_field: &'static str,
    pub csrf_token: String,
    /// Which navigation link is the current page.
    pub current: &'static str,
}

impl Shell {
    pub fn new(lang: Lang, agent: &Agent, csrf: &Csrf, current: &'static str) -> Shell {
        let t = |m| i18n::text(lang, m, &[]);
        Shell {
            nav_label: t(Msg::AgentNavLabel),
            queue: t(Msg::AgentNavQueue),
            search: t(Msg::AgentSearchTitle),
            stats: t(Msg::AgentStatsTitle),
            account: t(Msg::AgentNavAccount),
            admin: agent.is_admin.then(|| t(Msg::AdminNav)),
            signed_in_as: i18n::text(lang, Msg::AgentSignedInAs, &[("name", agent.name.clone())]),
            sign_out: t(Msg::AgentSignout),
            csrf_field: csrf::FIELD,
            csrf_token: csrf.token.clone(),
            current,
        }
    }
}

/// The agent whose live session this request carries, if any. Reads the agent row on every
/// request (by primary key), so a deactivation or a password reset takes effect at once.
pub async fn signed_in(req: &HttpRequest, state: &AppState) -> Result<Option<Agent>, WebError> {
    let Some((value, claim)) = session::from_request(req) else {
        return Ok(None);
    };
    let agent = with_conn(state, move |c| Ok(store::agents::by_id(c, claim.agent_id)?)).await?;
    let max_age = chrono::Duration::from_std(state.config.session_max_age)
        .unwrap_or(chrono::Duration::hours(12));
    Ok(agent.filter(|a| session::verify(&state.keys, &value, a, state.now(), max_age)))
}

/// Either the signed-in agent, or the answer to send instead (to the sign-in page).
pub enum Gate {
    In(Agent),
    Out(HttpResponse),
}

/// [`signed_in`], or a redirect to the sign-in page that comes back to this page. A stale
/// cookie is removed on the way.
pub async fn gate(req: &HttpRequest, state: &AppState) -> Result<Gate, WebError> {
    if let Some(mut agent) = signed_in(req, state).await? {
        // The language switch, used while signed in, is also the agent's saved choice: it comes
        // back with them at their next sign-in, on any browser.
        if let Some(lang) = crate::web::error_page::query_lang(req)
            && agent.lang != Some(lang)
        {
            let id = agent.id;
            with_conn(state, move |c| Ok(store::agents::set_lang(c, id, lang)?)).await?;
            agent.lang = Some(lang);
        }
        return Ok(Gate::In(agent));
    }
    let here = match req.uri().path_and_query() {
        Some(pq) => pq.as_str().to_string(),
        None => "/agent".to_string(),
    };
    let mut res = HttpResponse::SeeOther();
    res.insert_header((
        header::LOCATION,
        format!("/agent/login?next={}", urlencode(&here)),
    ));
    if req.cookie(session::COOKIE).is_some() {
        res.cookie(session::removal(state.config.cookie_secure));
    }
    Ok(Gate::Out(res.finish()))
}

/// Admin pages: the signed-in agent when an admin, else 403 (an agent reaches no admin page).
pub fn require_admin(agent: &Agent, lang: Lang) -> Result<(), WebError> {
    if agent.is_admin {
        Ok(())
    } else {
        Err(WebError::new(
            actix_web::http::StatusCode::FORBIDDEN,
            "forbidden",
            i18n::text(lang, Msg::AgentForbidden, &[]),
        ))
    }
}

/// A local path of the dashboard or the admin pages to go back to after sign-in (the gate of
/// both sends there with it); anything else (another site, `//host`, a path outside `/agent`
/// and `/admin`) is the queue. This keeps the sign-in page from being an open redirect.
pub fn safe_next(next: &str) -> String {
    let under = |root: &str| {
        next.strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
    };
    let ok = (under("/agent") || under("/admin"))
        && !next.starts_with("/agent/login")
        && !next.contains("//")
        && !next.contains('\\')
        && next.chars().all(|c| c.is_ascii_graphic());
    if ok {
        next.to_string()
    } else {
        "/agent".to_string()
    }
}

pub(crate) fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A 303 to `location` (after a post).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_string()))
        .finish()
}

/// A business-time span for a person: "3 h 05 min", or "2 d 4 h" past a day.
pub fn duration_text(lang: Lang, span: chrono::TimeDelta) -> String {
    let minutes = span.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, (minutes / 60) % 24, minutes % 60);
    if days > 0 {
        i18n::text(
            lang,
            Msg::AgentDurationDays,
            &[("days", days.to_string()), ("hours", hours.to_string())],
        )
    } else {
        i18n::text(
            lang,
            Msg::AgentDurationHm,
            &[
                ("hours", (minutes / 60).to_string()),
                ("minutes", format!("{mins:02}")),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dashboard_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/agent/tickets/4?x=1"), "/agent/tickets/4?x=1");
        assert_eq!(safe_next("/agent?lane=standard"), "/agent?lane=standard");
        assert_eq!(safe_next("/admin/agents"), "/admin/agents");
        assert_eq!(safe_next("/admin"), "/admin");
        for bad in [
            "/agentx",
            "/administrator",
            "/admin//evil.test",
            "https://evil.test/",
            "//evil.test/agent",
            "/agent//evil",
            "/t/abc",
            "/agent/login?next=/agent",
            "/agent\\evil",
            "",
        ] {
            assert_eq!(safe_next(bad), "/agent", "{bad}");
        }
    }

    #[test]
    fn durations_read_as_hours_then_days() {
        let en = |m| duration_text(Lang::En, chrono::Duration::minutes(m));
        assert_eq!(en(5), "0 h 05 min");
        assert_eq!(en(185), "3 h 05 min");
        assert_eq!(en(60 * 50), "2 d 2 h");
        assert_eq!(en(-3), "0 h 00 min");
    }
}
