//! `/admin/canned`: the canned responses agents insert on the ticket page, by language, with
//! the "resolves the ticket" flag. An admin adds one here, changes or deletes one on its own
//! page (`/admin/canned/{id}`, in [`super::canned_edit`]); the ticket page reads them on every
//! display, so a change shows there at once. A bad field comes back with what was typed. Every change is
//! written to the audit log (id, language, title; the text is on the page itself).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::admin_gate;
use super::catalog::{Shown, one_line, posted};
use super::nav::AdminNav;
use super::products::done_flag;
use crate::app::AppState;
use crate::domain::text;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::audit::AuditAction;
use crate::store::canned::{CannedText, Saved};
use crate::store::models::Agent;
use crate::web::agent::{Shell, see_other};
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::layout::Layout;
use crate::web::widgets::{Choice, Field};

/// The longest text of a canned response: a long mail, far below what a reply may hold.
const MAX_BODY: usize = 20_000;
const MAX_TITLE: usize = 200;

pub struct CannedRow {
    pub id: i64,
    pub title: String,
    pub resolves: String,
}

/// The responses of one language.
pub struct Group {
    pub code: &'static str,
    pub heading: String,
    pub rows: Vec<CannedRow>,
}

/// The fields of the add and edit forms (`templates/admin/canned_fields.html`).
pub struct CannedFields {
    pub lang: Field,
    pub langs: Vec<Choice>,
    pub lang_pick: String,
    pub title: Field,
    pub body: Field,
    pub resolves: Field,
}

#[derive(Template)]
#[template(path = "admin/canned.html")]
pub struct CannedPage {
    pub layout: Layout,
    pub shell: Shell,
    pub nav: AdminNav,
    pub title: String,
    pub intro: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub groups: Vec<Group>,
    pub empty_lang: String,
    pub col_title: String,
    pub col_resolves: String,
    pub add_title: String,
    pub fields: CannedFields,
    pub add_submit: String,
}

pub(super) fn lang_name(lang: Lang, of: Lang) -> String {
    let msg = match of {
        Lang::En => Msg::AdminCannedLangEn,
        Lang::Fr => Msg::AdminCannedLangFr,
    };
    i18n::text(lang, msg, &[])
}

pub(super) fn fields(lang: Lang, shown: &Shown) -> CannedFields {
    let t = |m| i18n::text(lang, m, &[]);
    CannedFields {
        lang: shown.field("lang", t(Msg::AdminCannedLang), "").required(),
        langs: Lang::ALL
            .into_iter()
            .map(|l| Choice {
                value: l.as_str().to_string(),
                label: lang_name(lang, l),
            })
            .collect(),
        lang_pick: t(Msg::AdminCannedLangPick),
        title: shown
            .field("title", t(Msg::AdminCannedTitleField), "")
            .hint(t(Msg::AdminCannedTitleHint))
            .required(),
        body: shown.field("body", t(Msg::AdminCannedBody), "").required(),
        resolves: shown.field("resolves", t(Msg::AdminCannedResolves), ""),
    }
}

async fn list_page(
    req: &HttpRequest,
    state: &AppState,
    admin: &Agent,
    lang: Lang,
    shown: Shown,
) -> Result<HttpResponse, WebError> {
    let t = |m| i18n::text(lang, m, &[]);
    let all = with_conn(state, |c| Ok(store::canned::all(c)?)).await?;
    let csrf = Csrf::for_request(req, &state.keys)?;
    let groups = Lang::ALL
        .into_iter()
        .map(|l| Group {
            code: l.as_str(),
            heading: lang_name(lang, l),
            rows: all
                .iter()
                .filter(|c| c.lang == l)
                .map(|c| CannedRow {
                    id: c.id,
                    title: c.title.clone(),
                    resolves: t(if c.resolves {
                        Msg::AdminCannedYes
                    } else {
                        Msg::AdminCannedNo
                    }),
                })
                .collect(),
        })
        .collect();
    let page = CannedPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, admin, &csrf, "admin"),
        nav: AdminNav::new(lang, "canned"),
        title: t(Msg::AdminCannedTitle),
        intro: t(Msg::AdminCannedIntro),
        notice: shown.notice.clone(),
        error: shown.error.clone(),
        groups,
        empty_lang: t(Msg::AdminCannedEmptyLang),
        col_title: t(Msg::AdminCannedColTitle),
        col_resolves: t(Msg::AdminCannedColResolves),
        add_title: t(Msg::AdminCannedAddTitle),
        fields: fields(lang, &shown),
        add_submit: t(Msg::AdminCannedAddSubmit),
    };
    respond(req, state, shown.status(), &page, Some(&csrf))
}

/// `GET /admin/canned`.
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let msg = match done_flag(&req) {
        Some("added") => Some(Msg::AdminCannedAdded),
        Some("saved") => Some(Msg::AdminCannedSaved),
        Some("deleted") => Some(Msg::AdminCannedDeleted),
        _ => None,
    };
    let shown = msg
        .map(|m| Shown::notice(i18n::text(lang, m, &[])))
        .unwrap_or_default();
    list_page(&req, &state, &admin, lang, shown).await
}

pub(super) const FIELDS: [&str; 5] = ["csrf", "lang", "title", "body", "resolves"];

/// The posted response, checked; the bad fields are recorded in `shown`.
pub(super) fn checked(lang: Lang, shown: &mut Shown) -> Option<CannedText> {
    let written_in = Lang::ALL
        .into_iter()
        .find(|l| l.as_str() == shown.value("lang"));
    if written_in.is_none() {
        shown.bad("lang", i18n::text(lang, Msg::AdminCannedLangUnknown, &[]));
    }
    let title = one_line(lang, &shown.value("title"), MAX_TITLE)
        .map_err(|e| shown.bad("title", e))
        .ok();
    let body = text::normalize_newlines(&shown.value("body")).into_owned();
    let body = if body.is_empty() {
        Err(Msg::FieldRequired)
    } else if text::multi_line(&body).is_err() {
        Err(Msg::FieldControlCharacter)
    } else if body.chars().count() > MAX_BODY {
        Err(Msg::FieldTooLong)
    } else {
        Ok(body)
    };
    let body = body
        .map_err(|m| {
            let max = [("max", MAX_BODY.to_string())];
            let args: &[(&str, String)] = if m == Msg::FieldTooLong { &max } else { &[] };
            shown.bad("body", i18n::text(lang, m, args))
        })
        .ok();
    let resolves = !shown.value("resolves").is_empty();
    Some(CannedText {
        lang: written_in?,
        title: title?,
        body: body?,
        resolves,
    })
}

pub(super) fn detail(id: i64, text: &CannedText) -> String {
    format!(
        "canned={id} lang={} title={}",
        text.lang.as_str(),
        text.title
    )
}

/// `POST /admin/canned`: adds a response.
pub async fn add(
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
        return list_page(&req, &state, &admin, lang, shown.csrf_refused(lang)).await;
    }
    let Some(new) = checked(lang, &mut shown) else {
        return list_page(&req, &state, &admin, lang, shown.fix_fields(lang)).await;
    };
    let (now, admin_id) = (state.now(), admin.id);
    let saved = with_conn(&state, move |c| {
        let saved = c.write(|c| {
            let saved = store::canned::add(c, &new, now)?;
            if let Saved::Done(id) = saved {
                let detail = detail(id, &new);
                store::audit::record(c, now, admin_id, AuditAction::CannedAdded, None, &detail)?;
            }
            Ok::<_, store::StoreError>(saved)
        })?;
        Ok(saved)
    })
    .await?;
    match saved {
        Saved::Done(_) => Ok(see_other("/admin/canned?done=added")),
        _ => {
            shown.bad("title", i18n::text(lang, Msg::AdminCannedTitleTaken, &[]));
            list_page(&req, &state, &admin, lang, shown.fix_fields(lang)).await
        }
    }
}
