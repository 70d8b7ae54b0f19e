//! `/admin/settings`: the settings an admin changes from the dashboard (business hours and time
//! zone, the response target, the lifecycle timers, attachment limits, `requeue_on_reply`).
//!
//! For each one the page shows the value in force and the layer it comes from (DESIGN's order:
//! flag > environment > `guichet.toml` > saved here > default), and the value saved here, which
//! the form edits. Saving checks every value with the parser start-up uses
//! ([`config::check_saved`]); one bad value saves nothing and comes back as typed with the
//! problem named. Saved values are stored at once and apply at the next start of each process:
//! the configuration is resolved once at start-up and shared read-only by every worker, the
//! timers and the mail sender (README, Decisions). The page says so, and marks a saved value
//! that is not in force yet, or that a higher layer overrides.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::admin_gate;
use super::catalog::{Shown, posted};
use super::nav::AdminNav;
use super::products::done_flag;
use crate::app::AppState;
use crate::config::{self, Source};
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::audit::AuditAction;
use crate::store::models::Agent;
use crate::web::agent::{Shell, see_other};
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::layout::Layout;

/// The settings of the page, in its order, with their labels; `true` for a yes/no setting.
const EDITABLE: [(&str, Msg, bool); 10] = [
    ("time_zone", Msg::AdminSettingTimeZone, false),
    ("business_days", Msg::AdminSettingBusinessDays, false),
    ("business_hours", Msg::AdminSettingBusinessHours, false),
    (
        "response_target_hours",
        Msg::AdminSettingResponseTarget,
        false,
    ),
    ("autoresolve_days", Msg::AdminSettingAutoresolveDays, false),
    ("reopen_days", Msg::AdminSettingReopenDays, false),
    ("requeue_on_reply", Msg::AdminSettingRequeueOnReply, true),
    (
        "attachment_max_count",
        Msg::AdminSettingAttachmentMaxCount,
        false,
    ),
    (
        "attachment_max_bytes",
        Msg::AdminSettingAttachmentMaxBytes,
        false,
    ),
    ("attachment_types", Msg::AdminSettingAttachmentTypes, false),
];

pub struct SettingRow {
    pub key: &'static str,
    pub label: String,
    pub in_force: String,
    pub from: String,
    /// A saved value not in force: overridden, or waiting for the next start.
    pub note: Option<String>,
    pub boolean: bool,
    /// The saved-value field: as typed after a refused post, else as saved ("" for none).
    pub value: String,
    /// Why the typed value was refused: the page's words, then the parser's (in English).
    pub error: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
pub struct SettingsPage {
    pub layout: Layout,
    pub shell: Shell,
    pub nav: AdminNav,
    pub title: String,
    pub intro: String,
    pub restart: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub headings: Vec<String>,
    pub rows: Vec<SettingRow>,
    pub saved_hint: String,
    pub not_saved: String,
    pub on: String,
    pub off: String,
    pub submit: String,
}

/// Where a value comes from, for a person.
fn source_text(lang: Lang, source: &Source) -> String {
    match source {
        Source::Flag => i18n::text(lang, Msg::AdminSettingsFromFlag, &[]),
        Source::Env(var) => i18n::text(
            lang,
            Msg::AdminSettingsFromEnv,
            &[("variable", var.clone())],
        ),
        Source::File(path) => i18n::text(
            lang,
            Msg::AdminSettingsFromFile,
            &[("path", path.display().to_string())],
        ),
        Source::Saved => i18n::text(lang, Msg::AdminSettingsFromSaved, &[]),
        Source::Default => i18n::text(lang, Msg::AdminSettingsFromDefault, &[]),
    }
}

/// What a saved value (`saved`, read now) is to the value in force: overridden by a higher
/// layer, waiting for the next start, or nothing to say.
fn note(lang: Lang, state: &AppState, key: &str, saved: Option<&String>) -> Option<String> {
    let layers = &state.config.layers;
    let (_, source) = layers.get(key);
    let overridden = matches!(source, Source::Flag | Source::Env(_) | Source::File(_));
    match (saved, overridden) {
        (Some(value), true) => Some(i18n::text(
            lang,
            Msg::AdminSettingsOverridden,
            &[
                ("value", value.clone()),
                ("source", source_text(lang, &source)),
            ],
        )),
        (_, true) => None,
        (saved, false) if saved == layers.saved.get(key) => None,
        (Some(value), false) => Some(i18n::text(
            lang,
            Msg::AdminSettingsPending,
            &[("value", value.clone())],
        )),
        (None, false) => Some(i18n::text(lang, Msg::AdminSettingsRemovedPending, &[])),
    }
}

async fn page(
    req: &HttpRequest,
    state: &AppState,
    admin: &Agent,
    lang: Lang,
    shown: Shown,
) -> Result<HttpResponse, WebError> {
    let t = |m| i18n::text(lang, m, &[]);
    let saved = with_conn(state, |c| Ok(store::meta::saved_settings(c)?)).await?;
    let csrf = Csrf::for_request(req, &state.keys)?;
    let refused = shown.status.is_some();
    let rows = EDITABLE
        .iter()
        .map(|&(key, msg, boolean)| {
            let (in_force, source) = state.config.layers.get(key);
            SettingRow {
                key,
                label: t(msg),
                in_force,
                from: source_text(lang, &source),
                note: note(lang, state, key, saved.get(key)),
                boolean,
                value: if refused {
                    shown.value(key)
                } else {
                    saved.get(key).cloned().unwrap_or_default()
                },
                error: shown.errors.get(key).map(|problem| {
                    let lead = i18n::text(lang, Msg::AdminSettingsBad, &[("key", key.to_string())]);
                    (lead, problem.clone())
                }),
            }
        })
        .collect();
    let page = SettingsPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, admin, &csrf, "admin"),
        nav: AdminNav::new(lang, "settings"),
        title: t(Msg::AdminSettingsTitle),
        intro: t(Msg::AdminSettingsIntro),
        restart: t(Msg::AdminSettingsRestart),
        notice: shown.notice.clone(),
        error: shown.error.clone(),
        headings: [
            Msg::AdminSettingsColSetting,
            Msg::AdminSettingsColInForce,
            Msg::AdminSettingsColFrom,
            Msg::AdminSettingsColSaved,
        ]
        .into_iter()
        .map(t)
        .collect(),
        rows,
        saved_hint: t(Msg::AdminSettingsSavedHint),
        not_saved: t(Msg::AdminSettingsNotSaved),
        on: t(Msg::AdminSettingsOn),
        off: t(Msg::AdminSettingsOff),
        submit: t(Msg::AdminSettingsSubmit),
    };
    respond(req, state, shown.status(), &page, Some(&csrf))
}

/// `GET /admin/settings`.
pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let shown = match done_flag(&req) {
        Some("saved") => Shown::notice(i18n::text(lang, Msg::AdminSettingsSaved, &[])),
        Some("unchanged") => Shown::notice(i18n::text(lang, Msg::AdminSettingsUnchanged, &[])),
        _ => Shown::default(),
    };
    page(&req, &state, &admin, lang, shown).await
}

/// What a post changes: values to save, and keys whose saved value goes.
#[derive(Default)]
struct Changes {
    set: BTreeMap<String, String>,
    clear: Vec<String>,
}

/// The changes from the saved values `saved` to the typed ones: an emptied field removes the
/// saved value; a field not posted at all changes nothing.
fn changes(typed: &BTreeMap<String, String>, saved: &BTreeMap<String, String>) -> Changes {
    let mut out = Changes::default();
    for (key, _, _) in EDITABLE {
        let Some(value) = typed.get(key) else {
            continue;
        };
        match (value.is_empty(), saved.get(key)) {
            (true, Some(_)) => out.clear.push(key.to_string()),
            (true, None) => {}
            (false, Some(old)) if old == value => {}
            (false, _) => {
                out.set.insert(key.to_string(), value.clone());
            }
        }
    }
    out
}

/// `POST /admin/settings`: saves the changed values, all or none.
pub async fn save(
    req: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let names: Vec<&str> = std::iter::once("csrf")
        .chain(EDITABLE.iter().map(|(k, _, _)| *k))
        .collect();
    let (mut shown, csrf_ok) = posted(&req, &state.keys, &form, &names);
    if !csrf_ok {
        return page(&req, &state, &admin, lang, shown.csrf_refused(lang)).await;
    }
    // Control characters never reach the database (PostgreSQL refuses NUL outright).
    for (key, value) in &shown.values.clone() {
        if crate::domain::text::single_line(value).is_err() {
            shown.bad(key, i18n::text(lang, Msg::FieldControlCharacter, &[]));
        }
    }
    if shown.has_errors() {
        return page(&req, &state, &admin, lang, shown.fix_fields(lang)).await;
    }
    let saved = with_conn(&state, |c| Ok(store::meta::saved_settings(c)?)).await?;
    let todo = changes(&shown.values, &saved);
    for (key, problem) in config::check_saved(&state.config, &todo.set) {
        shown.bad(&key, problem);
    }
    if shown.has_errors() {
        return page(&req, &state, &admin, lang, shown.fix_fields(lang)).await;
    }
    if todo.set.is_empty() && todo.clear.is_empty() {
        return Ok(see_other("/admin/settings?done=unchanged"));
    }
    let (now, admin_id) = (state.now(), admin.id);
    let count = todo.set.len() + todo.clear.len();
    with_conn(&state, move |c| {
        c.write(|c| {
            for (key, value) in &todo.set {
                store::meta::save_setting(c, key, value, now)?;
                let detail = format!("{key}={value}");
                store::audit::record(c, now, admin_id, AuditAction::SettingSaved, None, &detail)?;
            }
            for key in &todo.clear {
                store::meta::delete_setting(c, key)?;
                store::audit::record(c, now, admin_id, AuditAction::SettingCleared, None, key)?;
            }
            Ok::<_, store::StoreError>(())
        })?;
        Ok(())
    })
    .await?;
    tracing::info!(by = admin.id, count, "settings saved");
    Ok(see_other("/admin/settings?done=saved"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn only_changed_values_are_saved_and_emptied_ones_cleared() {
        let saved = map(&[
            ("reopen_days", "7"),
            ("autoresolve_days", "10"),
            ("time_zone", "UTC"),
        ]);
        let typed = map(&[
            ("reopen_days", "7"),
            ("autoresolve_days", ""),
            ("response_target_hours", "6"),
            ("bind", "0.0.0.0:80"),
        ]);
        let c = changes(&typed, &saved);
        assert_eq!(c.set, map(&[("response_target_hours", "6")]));
        // time_zone was not posted: its saved value stays.
        assert_eq!(c.clear, vec!["autoresolve_days".to_string()]);
    }
}
