//! `/admin/tokens`: the API tokens, as `guichet token` manages them (the same store functions).
//! The list never holds a token or its hash; a new token is shown once, on the page that answers
//! its creation (never cached, never written to the audit log or the logs). Revoking deletes
//! the row, so the next request with that token is refused with 401. The desk records no last
//! use of a token (a write on every API request), so the page shows none.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::admin_gate;
use super::catalog::{Shown, one_line, posted};
use super::nav::AdminNav;
use super::products::done_flag;
use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::audit::AuditAction;
use crate::store::models::Agent;
use crate::tokens::{self, Scope};
use crate::web::agent::{Shell, see_other};
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::customer::portal::time_format;
use crate::web::customer::{not_found, respond};
use crate::web::error::WebError;
use crate::web::layout::Layout;
use crate::web::widgets::{Choice, Field};

/// The scopes an admin may give a token (portal tokens are made by intake, one per ticket).
const SCOPES: [(Scope, Msg); 3] = [
    (Scope::Intake, Msg::AdminTokensScopeIntake),
    (Scope::Purchases, Msg::AdminTokensScopePurchases),
    (Scope::Agent, Msg::AdminTokensScopeAgent),
];

pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub scope: String,
    pub agent: String,
    pub created: String,
    pub datetime: String,
    pub revoke_label: String,
}

/// A token just created: the one time it is shown.
pub struct NewToken {
    pub title: String,
    pub text: String,
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "admin/tokens.html")]
pub struct TokensPage {
    pub layout: Layout,
    pub shell: Shell,
    pub nav: AdminNav,
    pub title: String,
    pub intro: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub created: Option<NewToken>,
    pub headings: Vec<String>,
    pub rows: Vec<TokenRow>,
    pub empty: String,
    pub revoke: String,
    pub add_title: String,
    pub name: Field,
    pub scope: Field,
    pub scopes: Vec<Choice>,
    pub scope_pick: String,
    pub agent: Field,
    pub agents: Vec<Choice>,
    pub agent_none: String,
    pub add_submit: String,
}

async fn page(
    req: &HttpRequest,
    state: &AppState,
    admin: &Agent,
    lang: Lang,
    shown: Shown,
    created: Option<NewToken>,
) -> Result<HttpResponse, WebError> {
    let t = |m| i18n::text(lang, m, &[]);
    let (tokens, agents) = with_conn(state, |c| {
        Ok((store::tokens::list(c)?, store::agents::list(c)?))
    })
    .await?;
    let tz = state.config.business_hours.tz;
    let csrf = Csrf::for_request(req, &state.keys)?;
    let rows = tokens
        .into_iter()
        .map(|tok| {
            let at = tok.created_at.and_utc();
            let scope = Scope::parse(&tok.scope)
                .and_then(|s| SCOPES.iter().find(|(k, _)| *k == s))
                .map(|(_, m)| t(*m))
                .unwrap_or_else(|| tok.scope.clone());
            TokenRow {
                id: tok.id,
                revoke_label: i18n::text(
                    lang,
                    Msg::AdminTokensRevokeLabel,
                    &[("name", tok.name.clone())],
                ),
                name: tok.name,
                scope,
                agent: match tok.agent {
                    Some((email, true)) => email,
                    Some((email, false)) => {
                        i18n::text(lang, Msg::AdminTokensAgentInactive, &[("email", email)])
                    }
                    None => String::new(),
                },
                created: at.with_timezone(&tz).format(time_format(lang)).to_string(),
                datetime: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            }
        })
        .collect();
    let page = TokensPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, admin, &csrf, "admin"),
        nav: AdminNav::new(lang, "tokens"),
        title: t(Msg::AdminTokensTitle),
        intro: t(Msg::AdminTokensIntro),
        notice: shown.notice.clone(),
        error: shown.error.clone(),
        created,
        headings: [
            Msg::AdminTokensColName,
            Msg::AdminTokensColScope,
            Msg::AdminTokensColAgent,
            Msg::AdminTokensColCreated,
            Msg::AdminTokensColActions,
        ]
        .into_iter()
        .map(t)
        .collect(),
        rows,
        empty: t(Msg::AdminTokensEmpty),
        revoke: t(Msg::AdminTokensRevoke),
        add_title: t(Msg::AdminTokensAddTitle),
        name: shown
            .field("name", t(Msg::AdminTokensName), "")
            .hint(t(Msg::AdminTokensNameHint))
            .required(),
        scope: shown
            .field("scope", t(Msg::AdminTokensScope), "")
            .required(),
        scopes: SCOPES
            .iter()
            .map(|(s, m)| Choice {
                value: s.as_str().to_string(),
                label: t(*m),
            })
            .collect(),
        scope_pick: t(Msg::AdminTokensScopePick),
        agent: shown
            .field("agent", t(Msg::AdminTokensAgent), "")
            .hint(t(Msg::AdminTokensAgentHint)),
        agents: agents
            .iter()
            .filter(|a| a.active)
            .map(|a| Choice {
                value: a.id.to_string(),
                label: format!("{} <{}>", a.name, a.email),
            })
            .collect(),
        agent_none: t(Msg::AdminTokensAgentNone),
        add_submit: t(Msg::AdminTokensAddSubmit),
    };
    let secret_shown = page.created.is_some();
    let mut res = respond(req, state, shown.status(), &page, Some(&csrf))?;
    if secret_shown {
        // The one page that holds a token: no cache, not even the browser's, keeps it.
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        );
    }
    Ok(res)
}

/// `GET /admin/tokens`.
pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let shown = match done_flag(&req) {
        Some("revoked") => Shown::notice(i18n::text(lang, Msg::AdminTokenRevoked, &[])),
        _ => Shown::default(),
    };
    page(&req, &state, &admin, lang, shown, None).await
}

const FIELDS: [&str; 4] = ["csrf", "name", "scope", "agent"];

/// `POST /admin/tokens`: creates a token and shows it, once.
pub async fn create(
    req: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let (mut shown, csrf_ok) = posted(&req, &state.keys, &form, &FIELDS);
    if !csrf_ok {
        return page(&req, &state, &admin, lang, shown.csrf_refused(lang), None).await;
    }
    let t = |m| i18n::text(lang, m, &[]);
    let name = one_line(lang, &shown.value("name"), 200)
        .map_err(|e| shown.bad("name", e))
        .ok();
    let scope = Scope::parse(&shown.value("scope")).filter(|s| *s != Scope::Portal);
    if scope.is_none() {
        shown.bad("scope", t(Msg::AdminTokensScopeRequired));
    }
    let agent_text = shown.value("agent");
    let agents = with_conn(&state, |c| Ok(store::agents::list(c)?)).await?;
    let agent = agent_text
        .parse::<i64>()
        .ok()
        .and_then(|id| agents.iter().find(|a| a.id == id && a.active));
    let agent_id = match (scope, agent_text.is_empty()) {
        (Some(Scope::Agent), _) if agent.is_none() => {
            shown.bad("agent", t(Msg::AdminTokensAgentRequired));
            None
        }
        (Some(Scope::Agent), _) => agent.map(|a| a.id),
        (_, false) => {
            shown.bad("agent", t(Msg::AdminTokensAgentNotAllowed));
            None
        }
        (_, true) => None,
    };
    let (Some(name), Some(scope), false) = (name, scope, shown.has_errors()) else {
        return page(&req, &state, &admin, lang, shown.fix_fields(lang), None).await;
    };
    let (secret, hash) = tokens::generate().map_err(|e| {
        tracing::error!(error = %e, "no randomness for a token");
        WebError::internal()
    })?;
    let (now, admin_id, stored_name) = (state.now(), admin.id, name.clone());
    with_conn(&state, move |c| {
        c.write(|c| {
            store::tokens::insert(c, &stored_name, &hash, scope, agent_id, None, now)?;
            let id = store::tokens::find_by_hash(c, &hash)?
                .map(|tok| tok.id)
                .unwrap_or_default();
            let mut detail = format!("token={id} scope={} name={stored_name}", scope.as_str());
            if let Some(agent) = agent_id {
                detail.push_str(&format!(" agent={agent}"));
            }
            store::audit::record(c, now, admin_id, AuditAction::TokenCreated, None, &detail)
        })?;
        Ok(())
    })
    .await?;
    tracing::info!(by = admin.id, scope = scope.as_str(), "API token created");
    let created = NewToken {
        title: t(Msg::AdminTokenCreatedTitle),
        text: i18n::text(lang, Msg::AdminTokenCreated, &[("name", name)]),
        label: t(Msg::AdminTokenValue),
        value: secret,
    };
    page(&req, &state, &admin, lang, Shown::default(), Some(created)).await
}

#[derive(Debug, serde::Deserialize)]
pub struct RevokeForm {
    pub csrf: Option<String>,
}

/// `POST /admin/tokens/{id}/revoke`: deletes the token; the next request with it gets 401.
pub async fn revoke(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<RevokeForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    if !csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        let shown = Shown::default().csrf_refused(lang);
        return page(&req, &state, &admin, lang, shown, None).await;
    }
    let id: i64 = path.parse().map_err(|_| not_found())?;
    let (now, admin_id) = (state.now(), admin.id);
    let revoked = with_conn(&state, move |c| {
        let done = c.write(|c| {
            // By id only: `revoke` also takes a name, and a token may be named "12".
            if !store::tokens::list(c)?.iter().any(|tok| tok.id == id) {
                return Ok::<_, store::StoreError>(false);
            }
            let (name, id) = store::tokens::revoke(c, &id.to_string())?;
            let detail = format!("token={id} name={name}");
            store::audit::record(c, now, admin_id, AuditAction::TokenRevoked, None, &detail)?;
            Ok(true)
        })?;
        Ok(done)
    })
    .await?;
    if !revoked {
        let text = i18n::text(lang, Msg::AdminTokenUnknown, &[]);
        let shown = Shown::default().refuse(StatusCode::NOT_FOUND, text);
        return page(&req, &state, &admin, lang, shown, None).await;
    }
    tracing::info!(by = admin.id, token = id, "API token revoked");
    Ok(see_other("/admin/tokens?done=revoked"))
}
