//! `/admin/privacy`: an admin downloads everything stored about one customer email as JSON
//! (tickets, messages with internal notes, purchases, the attachments list). Site credentials
//! never leave the vault this way. The download is a CSRF-checked post answered `no-store`,
//! and it is written to the audit log without the address (the log must not become a list of
//! who asked). Erasure is the next step (see README).

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::{Deserialize, Serialize};

use super::admin_gate;
use crate::app::AppState;
use crate::domain::email::EmailAddress;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::audit::AuditAction;
use crate::store::models::Agent;
use crate::web::agent::Shell;
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::layout::Layout;
use crate::web::widgets::Field;

#[derive(Template)]
#[template(path = "admin/privacy.html")]
pub struct PrivacyPage {
    pub layout: Layout,
    pub shell: Shell,
    /// The admin pages' navigation.
    pub nav: super::nav::AdminNav,
    pub title: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub intro: String,
    pub email: Field,
    pub submit: String,
    pub erase_title: String,
    pub erase_intro: String,
    pub erase_email: Field,
    pub confirm: Field,
    pub erase_submit: String,
}

/// How the page answers: its status, a notice, and the fields' values and errors (by name:
/// `email` for the export, `erase_email` and `confirm` for the erasure).
#[derive(Default)]
struct Shown {
    status: Option<StatusCode>,
    notice: Option<String>,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
}

impl Shown {
    fn refused(status: StatusCode, field: &str, typed: &str, error: String) -> Shown {
        let mut s = Shown {
            status: Some(status),
            ..Shown::default()
        };
        s.values.insert(field.to_string(), typed.to_string());
        s.errors.insert(field.to_string(), error);
        s
    }
}

fn page(
    req: &HttpRequest,
    state: &AppState,
    admin: &Agent,
    lang: Lang,
    shown: Shown,
) -> Result<HttpResponse, WebError> {
    let t = |m| i18n::text(lang, m, &[]);
    let csrf = Csrf::for_request(req, &state.keys)?;
    let Shown {
        status,
        notice,
        values,
        errors,
    } = shown;
    let value = |name: &str| values.get(name).cloned().unwrap_or_default();
    let error = errors.values().next().cloned();
    let page = PrivacyPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, admin, &csrf, "admin"),
        nav: super::nav::AdminNav::new(lang, "privacy"),
        title: t(Msg::AdminPrivacyTitle),
        notice,
        error,
        intro: t(Msg::AdminPrivacyIntro),
        email: Field::new("email", t(Msg::AdminPrivacyEmail), &value("email"))
            .error_from(&errors)
            .required(),
        submit: t(Msg::AdminPrivacyExport),
        erase_title: t(Msg::AdminEraseTitle),
        erase_intro: t(Msg::AdminEraseIntro),
        erase_email: Field::new(
            "erase_email",
            t(Msg::AdminPrivacyEmail),
            &value("erase_email"),
        )
        .error_from(&errors)
        .required(),
        confirm: Field::new("confirm", t(Msg::AdminEraseConfirm), "")
            .error_from(&errors)
            .required(),
        erase_submit: t(Msg::AdminEraseSubmit),
    };
    respond(
        req,
        state,
        status.unwrap_or(StatusCode::OK),
        &page,
        Some(&csrf),
    )
}

/// `GET /admin/privacy`.
pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    page(&req, &state, &admin, lang, Shown::default())
}

#[derive(Debug, Deserialize)]
pub struct ExportForm {
    pub csrf: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Serialize)]
struct Export {
    email: String,
    exported_at: String,
    tickets: Vec<ExportTicket>,
    purchases: Vec<ExportPurchase>,
}

#[derive(Debug, Serialize)]
struct ExportTicket {
    number: i64,
    state: &'static str,
    subject: String,
    name: String,
    version: Option<String>,
    order_ref: Option<String>,
    store_url: Option<String>,
    admin_url: Option<String>,
    platform_version: Option<String>,
    language: &'static str,
    channel: &'static str,
    created_at: String,
    messages: Vec<ExportMessage>,
    attachments: Vec<ExportAttachment>,
    credentials_kept: bool,
}

#[derive(Debug, Serialize)]
struct ExportMessage {
    author: &'static str,
    internal: bool,
    created_at: String,
    body: String,
}

#[derive(Debug, Serialize)]
struct ExportAttachment {
    filename: String,
    content_type: String,
    size_bytes: i64,
}

#[derive(Debug, Serialize)]
struct ExportPurchase {
    order_ref: String,
    product: String,
    purchased_at: String,
    tier: &'static str,
    support_until: String,
}

fn stamp(at: chrono::NaiveDateTime) -> String {
    at.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `POST /admin/privacy/export`: the JSON download.
pub async fn export(
    req: HttpRequest,
    form: web::Form<ExportForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let typed = form.email.clone().unwrap_or_default();
    if !csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        let error = i18n::text(lang, Msg::FormCsrfFailed, &[]);
        let shown = Shown::refused(StatusCode::FORBIDDEN, "email", &typed, error);
        return page(&req, &state, &admin, lang, shown);
    }
    let Ok(email) = EmailAddress::parse(&typed) else {
        let error = i18n::text(lang, Msg::FieldNotEmail, &[]);
        let shown = Shown::refused(StatusCode::UNPROCESSABLE_ENTITY, "email", &typed, error);
        return page(&req, &state, &admin, lang, shown);
    };
    let now = state.now();
    let admin_id = admin.id;
    let e2 = email.clone();
    let export = with_conn(&state, move |c| {
        let (tickets, messages) = store::privacy::tickets_and_messages(c, &e2)?;
        let purchases = store::purchases::list_for_email(c, &e2)?;
        let mut out = Vec::with_capacity(tickets.len());
        for t in tickets {
            let files = store::attachments::list_for_ticket(c, t.id)?;
            let kept =
                store::credentials::status(c, t.id)? == store::credentials::CredentialStatus::Kept;
            out.push(ExportTicket {
                number: t.id.get(),
                state: t.state.as_str(),
                subject: t.subject,
                name: t.name,
                version: t.version,
                order_ref: t.order_ref,
                store_url: t.store_url,
                admin_url: t.admin_url,
                platform_version: t.platform_version,
                language: t.lang.as_str(),
                channel: t.channel.as_str(),
                created_at: stamp(t.created_at),
                messages: messages
                    .iter()
                    .filter(|m| m.ticket_id == t.id)
                    .map(|m| ExportMessage {
                        author: m.author.as_str(),
                        internal: m.internal,
                        created_at: stamp(m.created_at),
                        body: m.body.clone(),
                    })
                    .collect(),
                attachments: files
                    .into_iter()
                    .map(|f| ExportAttachment {
                        filename: f.filename,
                        content_type: f.content_type,
                        size_bytes: f.size_bytes,
                    })
                    .collect(),
                credentials_kept: kept,
            });
        }
        store::audit::record(c, now, admin_id, AuditAction::PrivacyExport, None, "")?;
        Ok(Export {
            email: e2.as_str().to_string(),
            exported_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            tickets: out,
            purchases: purchases
                .into_iter()
                .map(|p| ExportPurchase {
                    order_ref: p.purchase.order_ref,
                    product: p.product,
                    purchased_at: p.purchase.purchased_at.to_string(),
                    tier: p.purchase.tier.as_str(),
                    support_until: p.purchase.support_until.to_string(),
                })
                .collect(),
        })
    })
    .await?;
    let body = serde_json::to_string_pretty(&export).map_err(|_| WebError::internal())?;
    tracing::info!(by = admin.id, "privacy export");
    Ok(HttpResponse::Ok()
        .content_type("application/json; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"guichet-export-{}.json\"",
                now.format("%Y-%m-%d")
            ),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

#[derive(Debug, Deserialize)]
pub struct EraseForm {
    pub csrf: Option<String>,
    pub erase_email: Option<String>,
    pub confirm: Option<String>,
}

/// `POST /admin/privacy/erase`: erases what is stored about one email (see
/// `store::privacy::erase`), after the confirmation box; then deletes the attachment files no
/// ticket references any more, and writes the counts, not the address, to the audit log.
pub async fn erase(
    req: HttpRequest,
    form: web::Form<EraseForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let typed = form.erase_email.clone().unwrap_or_default();
    if !csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        let error = i18n::text(lang, Msg::FormCsrfFailed, &[]);
        let shown = Shown::refused(StatusCode::FORBIDDEN, "erase_email", &typed, error);
        return page(&req, &state, &admin, lang, shown);
    }
    let Ok(email) = EmailAddress::parse(&typed) else {
        let error = i18n::text(lang, Msg::FieldNotEmail, &[]);
        let shown = Shown::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "erase_email",
            &typed,
            error,
        );
        return page(&req, &state, &admin, lang, shown);
    };
    if form.confirm.as_deref().is_none_or(str::is_empty) {
        let mut shown = Shown::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "confirm",
            "",
            i18n::text(lang, Msg::AdminEraseConfirmMissing, &[]),
        );
        shown.values.insert("erase_email".into(), typed.clone());
        return page(&req, &state, &admin, lang, shown);
    }
    let now = state.now();
    let admin_id = admin.id;
    let erased = with_conn(&state, move |c| {
        let erased = c.write(|c| {
            let erased = store::privacy::erase(c, &email, now)?;
            let detail = format!(
                "tickets={} messages={} attachments={} purchases={}",
                erased.tickets, erased.messages, erased.attachments, erased.purchases
            );
            store::audit::record(c, now, admin_id, AuditAction::PrivacyErase, None, &detail)?;
            Ok::<_, store::StoreError>(erased)
        })?;
        Ok(erased)
    })
    .await?;
    // The files go after the commit: a file deleted for a transaction that then failed would
    // be lost; a file left by a failed deletion is only an unreferenced blob.
    let root = state.config.data_dir.join("attachments");
    for hash in &erased.orphan_files {
        if let Some(path) = crate::attachments::path_of(&root, hash)
            && let Err(e) = std::fs::remove_file(&path)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(error = %e, "an erased attachment's file could not be deleted");
        }
    }
    tracing::info!(by = admin.id, tickets = erased.tickets, "privacy erasure");
    let shown = Shown {
        notice: Some(i18n::text(
            lang,
            Msg::AdminErased,
            &[
                ("tickets", erased.tickets.to_string()),
                ("messages", erased.messages.to_string()),
                ("purchases", erased.purchases.to_string()),
            ],
        )),
        ..Shown::default()
    };
    page(&req, &state, &admin, lang, shown)
}
