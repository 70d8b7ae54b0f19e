//! `GET /admin/audit`: who did what, when, newest first, filtered by action and agent, in
//! keyset pages of 100 (`?before=ID`). Admins only. The rows name agents and tickets and say
//! what changed (a setting's new value, a token's name); they hold no secret, so the page
//! shows everything a row has.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::admin_gate;
use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::audit::AuditAction;
use crate::web::agent::Shell;
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::portal::time_format;
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::layout::Layout;

const PAGE: i64 = 100;

pub struct Row {
    pub at: String,
    pub datetime: String,
    pub agent: String,
    pub action: String,
    pub ticket: Option<i64>,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    pub layout: Layout,
    pub shell: Shell,
    /// The admin pages' navigation.
    pub nav: super::nav::AdminNav,
    pub title: String,
    pub filters: String,
    pub action_label: String,
    pub agent_label: String,
    pub apply: String,
    /// (value, label); the first is "any".
    pub actions: Vec<(String, String)>,
    pub action: String,
    pub agents: Vec<(String, String)>,
    pub agent: String,
    pub headings: Vec<String>,
    pub rows: Vec<Row>,
    pub empty: String,
    pub next_page: Option<String>,
    pub next_label: String,
}

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    pub action: Option<String>,
    pub agent: Option<String>,
    pub before: Option<String>,
}

fn action_text(lang: Lang, a: AuditAction) -> String {
    let msg = match a {
        AuditAction::RevealCredentials => Msg::AdminAuditRevealCredentials,
        AuditAction::PrivacyExport => Msg::AdminAuditPrivacyExport,
        AuditAction::PrivacyErase => Msg::AdminAuditPrivacyErase,
        AuditAction::TwoFactorOn => Msg::AdminAuditTwoFactorOn,
        AuditAction::TwoFactorOff => Msg::AdminAuditTwoFactorOff,
        AuditAction::TwoFactorReset => Msg::AdminAuditTwoFactorReset,
        AuditAction::SessionsEnded => Msg::AdminAuditSessionsEnded,
        AuditAction::TokenCreated => Msg::AdminAuditTokenCreated,
        AuditAction::TokenRevoked => Msg::AdminAuditTokenRevoked,
        AuditAction::CannedAdded => Msg::AdminAuditCannedAdded,
        AuditAction::CannedEdited => Msg::AdminAuditCannedEdited,
        AuditAction::CannedDeleted => Msg::AdminAuditCannedDeleted,
        AuditAction::SettingSaved => Msg::AdminAuditSettingSaved,
        AuditAction::SettingCleared => Msg::AdminAuditSettingCleared,
    };
    i18n::text(lang, msg, &[])
}

pub async fn show(
    req: HttpRequest,
    query: web::Query<AuditQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let q = query.into_inner();
    // Unknown filter values show the whole log rather than an error page.
    let action = q.action.as_deref().and_then(AuditAction::parse);
    let agent: Option<i64> = q.agent.as_deref().and_then(|v| v.parse().ok());
    let before: Option<i64> = q.before.as_deref().and_then(|v| v.parse().ok());
    let (rows, agents) = with_conn(&state, move |c| {
        let rows = store::audit::page(c, action, agent, before, PAGE + 1)?;
        Ok((rows, store::agents::list(c)?))
    })
    .await?;
    let t = |m| i18n::text(lang, m, &[]);
    let emails: HashMap<i64, String> = agents.iter().map(|a| (a.id, a.email.clone())).collect();
    let tz = state.config.business_hours.tz;
    let has_more = rows.len() as i64 > PAGE;
    let rows: Vec<_> = rows.into_iter().take(PAGE as usize).collect();
    let filters: String = [
        action.map(|a| format!("action={}", a.as_str())),
        agent.map(|a| format!("agent={a}")),
    ]
    .into_iter()
    .flatten()
    .map(|p| format!("{p}&"))
    .collect();
    let next_page = has_more
        .then(|| {
            rows.last()
                .map(|r| format!("/admin/audit?{filters}before={}", r.id))
        })
        .flatten();
    let any = (String::new(), t(Msg::AgentQueueFilterAny));
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let page = AuditPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, &admin, &csrf, "admin"),
        nav: super::nav::AdminNav::new(lang, "audit"),
        title: t(Msg::AdminAuditTitle),
        filters: t(Msg::AgentQueueFilters),
        action_label: t(Msg::AdminAuditFilterAction),
        agent_label: t(Msg::AdminAuditFilterAgent),
        apply: t(Msg::AgentQueueFilterApply),
        actions: std::iter::once(any.clone())
            .chain(AuditAction::ALL.map(|a| (a.as_str().to_string(), action_text(lang, a))))
            .collect(),
        action: action.map(|a| a.as_str().to_string()).unwrap_or_default(),
        agents: std::iter::once(any)
            .chain(agents.iter().map(|a| (a.id.to_string(), a.email.clone())))
            .collect(),
        agent: agent.map(|a| a.to_string()).unwrap_or_default(),
        headings: [
            Msg::AdminAuditColAt,
            Msg::AdminAuditColAgent,
            Msg::AdminAuditColAction,
            Msg::AdminAuditColTicket,
            Msg::AdminAuditColDetail,
        ]
        .into_iter()
        .map(t)
        .collect(),
        rows: rows
            .into_iter()
            .map(|r| {
                let at = r.at.and_utc();
                Row {
                    at: at.with_timezone(&tz).format(time_format(lang)).to_string(),
                    datetime: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    agent: r
                        .agent_id
                        .and_then(|id| emails.get(&id).cloned())
                        .unwrap_or_default(),
                    action: AuditAction::parse(&r.action)
                        .map(|a| action_text(lang, a))
                        .unwrap_or(r.action),
                    ticket: r.ticket_id,
                    detail: r.detail,
                }
            })
            .collect(),
        empty: t(Msg::AdminAuditEmpty),
        next_page,
        next_label: t(Msg::AgentQueueNextPage),
    };
    respond(&req, &state, StatusCode::OK, &page, Some(&csrf))
}
