//! `/admin/agents`: the agents of the desk. An admin adds one (argon2id on the blocking pool),
//! deactivates one (their sessions and API tokens stop at once, since both read the agent row
//! on every request), or sets a new password (which ends their sessions: the session MAC covers
//! the password hash). Resetting an agent's two-factor sign-in and ending their sessions are in
//! [`super::agent_access`]. Every post is CSRF-checked; a bad field comes back with the values
//! kept, never a password.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::admin_gate;
use crate::app::AppState;
use crate::domain::email::EmailAddress;
use crate::i18n::{self, Lang, Msg};
use crate::password;
use crate::store;
use crate::store::models::Agent;
use crate::web::agent::{Shell, see_other};
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::customer::{not_found, respond};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;
use crate::web::widgets::Field;

pub struct Row {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub status: String,
    pub active: bool,
    pub two_factor: String,
    pub two_factor_on: bool,
}

#[derive(Template)]
#[template(path = "admin/agents.html")]
pub struct AgentsPage {
    pub layout: Layout,
    pub shell: Shell,
    /// The admin pages' navigation.
    pub nav: super::nav::AdminNav,
    pub title: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub headings: Vec<String>,
    pub agents: Vec<Row>,
    pub deactivate: String,
    pub reset_two_factor: String,
    pub end_sessions: String,
    pub new_password: String,
    pub reset: String,
    pub add_title: String,
    pub email: Field,
    pub name: Field,
    pub password: Field,
    pub is_admin: Field,
    pub add_submit: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct AddForm {
    pub csrf: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
    pub password: Option<String>,
    pub is_admin: Option<String>,
}

/// How the page answers: its status and what it says at the top.
struct Answer {
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
}

impl Answer {
    fn ok(notice: Option<String>) -> Answer {
        Answer {
            status: StatusCode::OK,
            notice,
            error: None,
        }
    }

    fn refused(status: StatusCode, error: String) -> Answer {
        Answer {
            status,
            notice: None,
            error: Some(error),
        }
    }
}

/// The page, with the add form holding `typed` and its `errors`.
async fn render(
    req: &HttpRequest,
    state: &AppState,
    admin: &Agent,
    answer: Answer,
    typed: &AddForm,
    errors: &BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let Answer {
        status,
        notice,
        error,
    } = answer;
    let lang = page_lang(req, state.config.default_language);
    let t = |m| i18n::text(lang, m, &[]);
    let agents = with_conn(state, |c| Ok(store::agents::list(c)?)).await?;
    let csrf = Csrf::for_request(req, &state.keys)?;
    let field = |name, msg, value: &str| Field::new(name, t(msg), value).error_from(errors);
    let page = AgentsPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, admin, &csrf, "admin"),
        nav: super::nav::AdminNav::new(lang, "agents"),
        title: t(Msg::AdminAgentsTitle),
        notice,
        error,
        headings: [
            Msg::AdminAgentsColEmail,
            Msg::AdminAgentsColName,
            Msg::AdminAgentsColRole,
            Msg::AdminAgentsColStatus,
            Msg::AdminAgentsColTwoFactor,
            Msg::AdminAgentsColActions,
        ]
        .into_iter()
        .map(t)
        .collect(),
        agents: agents
            .into_iter()
            .map(|a| Row {
                id: a.id,
                role: t(if a.is_admin {
                    Msg::AdminRoleAdmin
                } else {
                    Msg::AdminRoleAgent
                }),
                status: t(if a.active {
                    Msg::AdminActive
                } else {
                    Msg::AdminInactive
                }),
                active: a.active,
                two_factor: t(if a.totp_secret.is_some() {
                    Msg::AdminTwoFactorOn
                } else {
                    Msg::AdminTwoFactorOff
                }),
                two_factor_on: a.totp_secret.is_some(),
                email: a.email,
                name: a.name,
            })
            .collect(),
        deactivate: t(Msg::AdminDeactivate),
        reset_two_factor: t(Msg::AdminResetTwoFactor),
        end_sessions: t(Msg::AdminEndSessions),
        new_password: t(Msg::AdminNewPassword),
        reset: t(Msg::AdminResetPassword),
        add_title: t(Msg::AdminAddTitle),
        email: field(
            "email",
            Msg::AdminAddEmail,
            typed.email.as_deref().unwrap_or_default(),
        )
        .required(),
        name: field(
            "name",
            Msg::AdminAddName,
            typed.name.as_deref().unwrap_or_default(),
        )
        .required(),
        // Never sent back.
        password: field("password", Msg::AdminAddPassword, "").required(),
        is_admin: field(
            "is_admin",
            Msg::AdminAddIsAdmin,
            typed.is_admin.as_deref().unwrap_or_default(),
        ),
        add_submit: t(Msg::AdminAddSubmit),
    };
    respond(req, state, status, &page, Some(&csrf))
}

fn csrf_refused(lang: Lang) -> WebError {
    WebError::new(
        StatusCode::FORBIDDEN,
        "csrf_failed",
        i18n::text(lang, Msg::FormCsrfFailed, &[]),
    )
}

/// The notice a `?done=` flag asks for (the flag only picks the sentence).
fn notice_of(req: &HttpRequest, lang: Lang) -> Option<String> {
    let done = req
        .query_string()
        .split('&')
        .find_map(|p| p.strip_prefix("done="))?;
    let msg = match done {
        "added" => Msg::AdminAgentAdded,
        "deactivated" => Msg::AdminAgentDeactivated,
        "password" => Msg::AdminPasswordSet,
        "two-factor" => Msg::AdminTwoFactorWasReset,
        "sessions" => Msg::AdminSessionsWereEnded,
        _ => return None,
    };
    Some(i18n::text(lang, msg, &[]))
}

/// `GET /admin/agents`.
pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let notice = notice_of(&req, lang);
    render(
        &req,
        &state,
        &admin,
        Answer::ok(notice),
        &AddForm::default(),
        &BTreeMap::new(),
    )
    .await
}

/// `POST /admin/agents`: adds an agent.
pub async fn add(
    req: HttpRequest,
    form: web::Form<AddForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let form = form.into_inner();
    if !csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        return Err(csrf_refused(lang));
    }
    let t = |m| i18n::text(lang, m, &[]);
    let mut errors = BTreeMap::new();
    let email = EmailAddress::parse(form.email.as_deref().unwrap_or_default()).ok();
    if email.is_none() {
        errors.insert("email".to_string(), t(Msg::FieldNotEmail));
    }
    let name = form.name.as_deref().unwrap_or_default().trim().to_string();
    if name.is_empty() || name.chars().any(char::is_control) || name.chars().count() > 200 {
        errors.insert("name".to_string(), t(Msg::FieldRequired));
    }
    let pw = form.password.clone().unwrap_or_default();
    if pw.chars().count() < password::MIN_LEN {
        errors.insert("password".to_string(), t(Msg::AdminPasswordTooShort));
    }
    let (Some(email), true) = (email, errors.is_empty()) else {
        let answer = Answer::refused(StatusCode::UNPROCESSABLE_ENTITY, t(Msg::AdminFixFields));
        return render(&req, &state, &admin, answer, &form, &errors).await;
    };
    let hash = hashed(pw).await?;
    let is_admin = form.is_admin.as_deref().is_some_and(|v| !v.is_empty());
    let now = state.now();
    let (e2, n2) = (email.clone(), name.clone());
    let added = with_conn(&state, move |c| {
        match store::agents::add(c, &e2, &n2, &hash, is_admin, now) {
            Ok(a) => Ok(Some(a)),
            Err(store::StoreError::AgentExists) => Ok(None),
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    if added.is_none() {
        errors.insert("email".to_string(), t(Msg::AdminAgentExists));
        let answer = Answer::refused(StatusCode::UNPROCESSABLE_ENTITY, t(Msg::AdminFixFields));
        return render(&req, &state, &admin, answer, &form, &errors).await;
    }
    // Logs name agents by id, never by email.
    tracing::info!(by = admin.id, "agent added");
    Ok(see_other("/admin/agents?done=added"))
}

#[derive(Debug, Deserialize)]
pub struct RowForm {
    pub csrf: Option<String>,
    pub password: Option<String>,
}

/// `pw` hashed with argon2id, on the blocking pool (it is slow on purpose).
async fn hashed(pw: String) -> Result<String, WebError> {
    web::block(move || password::hash(&pw)).await?.map_err(|e| {
        tracing::error!(error = %e, "cannot hash a password");
        WebError::internal()
    })
}

/// The agent a row's form acts on, once the post's CSRF token is checked.
pub(super) async fn target(
    req: &HttpRequest,
    state: &AppState,
    lang: Lang,
    csrf_token: Option<&str>,
    raw: &str,
) -> Result<Agent, WebError> {
    if !csrf::verify(req, &state.keys, csrf_token) {
        return Err(csrf_refused(lang));
    }
    let id: i64 = raw.parse().map_err(|_| not_found())?;
    with_conn(state, move |c| Ok(store::agents::by_id(c, id)?))
        .await?
        .ok_or_else(not_found)
}

/// `POST /admin/agents/{id}/deactivate`.
pub async fn deactivate(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<RowForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let agent = target(&req, &state, lang, form.csrf.as_deref(), &path).await?;
    if agent.id == admin.id {
        // The last admin could lock everybody out; nobody deactivates themself.
        let answer = Answer::refused(
            StatusCode::CONFLICT,
            i18n::text(lang, Msg::AdminNotYourself, &[]),
        );
        return render(
            &req,
            &state,
            &admin,
            answer,
            &AddForm::default(),
            &BTreeMap::new(),
        )
        .await;
    }
    let email = EmailAddress::parse(&agent.email).map_err(|_| WebError::internal())?;
    with_conn(&state, move |c| Ok(store::agents::deactivate(c, &email)?)).await?;
    tracing::info!(by = admin.id, agent = agent.id, "agent deactivated");
    Ok(see_other("/admin/agents?done=deactivated"))
}

/// `POST /admin/agents/{id}/password`.
pub async fn set_password(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<RowForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let form = form.into_inner();
    let agent = target(&req, &state, lang, form.csrf.as_deref(), &path).await?;
    let pw = form.password.unwrap_or_default();
    if pw.chars().count() < password::MIN_LEN {
        let answer = Answer::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            i18n::text(lang, Msg::AdminPasswordTooShort, &[]),
        );
        return render(
            &req,
            &state,
            &admin,
            answer,
            &AddForm::default(),
            &BTreeMap::new(),
        )
        .await;
    }
    let hash = hashed(pw).await?;
    let email = EmailAddress::parse(&agent.email).map_err(|_| WebError::internal())?;
    with_conn(&state, move |c| {
        Ok(store::agents::set_password(c, &email, &hash)?)
    })
    .await?;
    tracing::info!(by = admin.id, agent = agent.id, "agent password set");
    Ok(see_other("/admin/agents?done=password"))
}
