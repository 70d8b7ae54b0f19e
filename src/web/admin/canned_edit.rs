//! `/admin/canned/{id}`: one canned response's page, to change it (the same fields and checks
//! as the add form of [`super::canned`]) or delete it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::admin_gate;
use super::canned::{CannedFields, FIELDS, checked, detail, fields};
use super::catalog::{Shown, posted};
use super::nav::AdminNav;
use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::audit::AuditAction;
use crate::store::canned::{Canned, Saved};
use crate::store::models::Agent;
use crate::web::agent::{Shell, see_other};
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::customer::{not_found, respond};
use crate::web::error::WebError;
use crate::web::layout::Layout;

#[derive(Template)]
#[template(path = "admin/canned_edit.html")]
pub struct CannedEditPage {
    pub layout: Layout,
    pub shell: Shell,
    pub nav: AdminNav,
    pub title: String,
    pub error: Option<String>,
    pub id: i64,
    pub fields: CannedFields,
    pub save_submit: String,
    pub delete_title: String,
    pub delete_intro: String,
    pub delete_submit: String,
}

/// The values a stored response puts in the edit form.
fn typed_of(c: &Canned) -> Shown {
    let mut values = std::collections::BTreeMap::new();
    values.insert("lang".to_string(), c.lang.as_str().to_string());
    values.insert("title".to_string(), c.title.clone());
    values.insert("body".to_string(), c.body.clone());
    if c.resolves {
        values.insert("resolves".to_string(), "yes".to_string());
    }
    Shown::typed(values)
}

fn edit_page(
    req: &HttpRequest,
    state: &AppState,
    admin: &Agent,
    lang: Lang,
    id: i64,
    shown: Shown,
) -> Result<HttpResponse, WebError> {
    let t = |m| i18n::text(lang, m, &[]);
    let csrf = Csrf::for_request(req, &state.keys)?;
    let page = CannedEditPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, admin, &csrf, "admin"),
        nav: AdminNav::new(lang, ""),
        title: t(Msg::AdminCannedEditTitle),
        error: shown.error.clone(),
        id,
        fields: fields(lang, &shown),
        save_submit: t(Msg::AdminCannedSaveSubmit),
        delete_title: t(Msg::AdminCannedDeleteTitle),
        delete_intro: t(Msg::AdminCannedDeleteIntro),
        delete_submit: t(Msg::AdminCannedDelete),
    };
    respond(req, state, shown.status(), &page, Some(&csrf))
}

fn id_of(raw: &str) -> Result<i64, WebError> {
    raw.parse().map_err(|_| not_found())
}

/// `GET /admin/canned/{id}`: one response's edit page.
pub async fn edit(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let id = id_of(&path)?;
    let found = with_conn(&state, move |c| Ok(store::canned::get(c, id)?))
        .await?
        .ok_or_else(not_found)?;
    edit_page(&req, &state, &admin, lang, id, typed_of(&found))
}

/// `POST /admin/canned/{id}`: saves the changes.
pub async fn save(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let id = id_of(&path)?;
    let (mut shown, csrf_ok) = posted(&req, &state.keys, &form, &FIELDS);
    if !csrf_ok {
        return edit_page(&req, &state, &admin, lang, id, shown.csrf_refused(lang));
    }
    let Some(new) = checked(lang, &mut shown) else {
        return edit_page(&req, &state, &admin, lang, id, shown.fix_fields(lang));
    };
    let (now, admin_id) = (state.now(), admin.id);
    let saved = with_conn(&state, move |c| {
        let saved = c.write(|c| {
            let saved = store::canned::update(c, id, &new, now)?;
            if saved == Saved::Done(id) {
                let detail = detail(id, &new);
                store::audit::record(c, now, admin_id, AuditAction::CannedEdited, None, &detail)?;
            }
            Ok::<_, store::StoreError>(saved)
        })?;
        Ok(saved)
    })
    .await?;
    match saved {
        Saved::Done(_) => Ok(see_other("/admin/canned?done=saved")),
        Saved::Missing => Err(not_found()),
        Saved::TitleTaken => {
            shown.bad("title", i18n::text(lang, Msg::AdminCannedTitleTaken, &[]));
            edit_page(&req, &state, &admin, lang, id, shown.fix_fields(lang))
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct DeleteForm {
    pub csrf: Option<String>,
}

/// `POST /admin/canned/{id}/delete`.
pub async fn delete(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<DeleteForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let id = id_of(&path)?;
    if !csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        let found = with_conn(&state, move |c| Ok(store::canned::get(c, id)?))
            .await?
            .ok_or_else(not_found)?;
        let shown = typed_of(&found).refuse(
            StatusCode::FORBIDDEN,
            i18n::text(lang, Msg::FormCsrfFailed, &[]),
        );
        return edit_page(&req, &state, &admin, lang, id, shown);
    }
    let (now, admin_id) = (state.now(), admin.id);
    let deleted = with_conn(&state, move |c| {
        let deleted = c.write(|c| {
            let Some(found) = store::canned::get(c, id)? else {
                return Ok::<_, store::StoreError>(false);
            };
            store::canned::delete(c, id)?;
            let detail = format!(
                "canned={id} lang={} title={}",
                found.lang.as_str(),
                found.title
            );
            store::audit::record(c, now, admin_id, AuditAction::CannedDeleted, None, &detail)?;
            Ok(true)
        })?;
        Ok(deleted)
    })
    .await?;
    if !deleted {
        return Err(not_found());
    }
    Ok(see_other("/admin/canned?done=deleted"))
}
