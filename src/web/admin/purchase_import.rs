//! `/admin/purchases/import`: a store's CSV export of purchases, uploaded as a file or pasted,
//! loaded by `crate::import` as `guichet purchase import` does: each row is its own upsert, a bad
//! row is listed with its line number and the others still load, and the same file again
//! changes nothing. The page then shows the counts and every rejected line.
//!
//! The CSV may be at most [`MAX_BYTES`]; larger exports go through the command line, which has
//! no request to hold open. A body past the limit is read on a little (up to [`DRAIN_BYTES`]) and
//! thrown away, so the browser, still sending, gets the 422 page rather than a broken
//! connection; past that the connection is cut.

use actix_multipart::Multipart;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use futures_util::StreamExt;

use super::admin_gate;
use super::catalog::Shown;
use super::nav::AdminNav;
use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::import::{ImportError, ImportReport};
use crate::store::models::Agent;
use crate::web::agent::Shell;
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::customer::{page_error, respond};
use crate::web::error::WebError;
use crate::web::layout::Layout;
use crate::web::widgets::Field;

/// The largest CSV the page takes: about 25,000 rows of a typical export.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// How much of an oversized body is read (and dropped) before the answer.
const DRAIN_BYTES: usize = 4 * MAX_BYTES;

pub struct ProblemRow {
    pub line: u64,
    pub reason: String,
}

/// The report of an import, in the page language.
pub struct Report {
    pub summary: String,
    pub problems_title: String,
    pub line_heading: String,
    pub reason_heading: String,
    pub problems: Vec<ProblemRow>,
}

#[derive(Template)]
#[template(path = "admin/import.html")]
pub struct ImportPage {
    pub layout: Layout,
    pub shell: Shell,
    pub nav: AdminNav,
    pub title: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub intro: String,
    pub file: Field,
    pub csv: Field,
    pub submit: String,
    pub report: Option<Report>,
}

fn render(
    req: &HttpRequest,
    state: &AppState,
    admin: &Agent,
    lang: Lang,
    shown: Shown,
    report: Option<Report>,
) -> Result<HttpResponse, WebError> {
    let t = |m| i18n::text(lang, m, &[]);
    let csrf = Csrf::for_request(req, &state.keys)?;
    let page = ImportPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, admin, &csrf, "admin"),
        nav: AdminNav::new(lang, "import"),
        title: t(Msg::AdminImportTitle),
        notice: shown.notice.clone(),
        error: shown.error.clone(),
        intro: i18n::text(
            lang,
            Msg::AdminImportIntro,
            &[("size", (MAX_BYTES / (1024 * 1024)).to_string())],
        ),
        file: shown.field("file", t(Msg::AdminImportFile), ""),
        csv: shown.field("csv", t(Msg::AdminImportPaste), ""),
        submit: t(Msg::AdminImportSubmit),
        report,
    };
    respond(req, state, shown.status(), &page, Some(&csrf))
}

/// `GET /admin/purchases/import`.
pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    render(&req, &state, &admin, lang, Shown::default(), None)
}

/// What the post carried.
#[derive(Default)]
struct Posted {
    csrf: Option<String>,
    /// The pasted text, kept for the page when it comes back.
    pasted: Vec<u8>,
    /// The uploaded file's bytes (empty when no file was chosen).
    file: Vec<u8>,
    too_large: bool,
}

fn malformed(lang: Lang) -> WebError {
    page_error(
        StatusCode::BAD_REQUEST,
        "malformed_form",
        lang,
        Msg::FormMalformed,
    )
}

/// Reads a multipart post (the page's form) or an urlencoded one (scripts), at most
/// [`MAX_BYTES`] of CSV in all.
async fn read(
    req: &HttpRequest,
    mut payload: web::Payload,
    lang: Lang,
) -> Result<Posted, WebError> {
    let mut posted = Posted::default();
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !multipart {
        // Percent-encoding makes the text up to three times longer.
        let limit = MAX_BYTES.saturating_mul(3) + 4096;
        let mut raw = Vec::new();
        let mut seen = 0usize;
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|_| malformed(lang))?;
            seen = seen.saturating_add(chunk.len());
            if seen > limit {
                posted.too_large = true;
                if seen > DRAIN_BYTES {
                    break;
                }
                continue;
            }
            raw.extend_from_slice(&chunk);
        }
        if posted.too_large {
            return Ok(posted);
        }
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&raw).map_err(|_| malformed(lang))?;
        for (k, v) in pairs {
            match k.as_str() {
                "csrf" if posted.csrf.is_none() => posted.csrf = Some(v),
                "csv" if posted.pasted.is_empty() => posted.pasted = v.into_bytes(),
                _ => {}
            }
        }
        posted.too_large = posted.pasted.len() > MAX_BYTES;
        return Ok(posted);
    }
    let mut parts = Multipart::new(req.headers(), payload);
    let mut seen = 0usize;
    while let Some(part) = parts.next().await {
        let mut part = part.map_err(|_| malformed(lang))?;
        let name = part.name().unwrap_or_default().to_string();
        let mut value = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|_| malformed(lang))?;
            seen = seen.saturating_add(chunk.len());
            if seen > MAX_BYTES {
                posted.too_large = true;
                if seen > DRAIN_BYTES {
                    return Ok(posted);
                }
                continue;
            }
            value.extend_from_slice(&chunk);
        }
        if posted.too_large {
            continue;
        }
        match name.as_str() {
            "csrf" if posted.csrf.is_none() => {
                posted.csrf = Some(String::from_utf8_lossy(&value).into_owned());
            }
            "csv" if posted.pasted.is_empty() => posted.pasted = value,
            "file" if posted.file.is_empty() => posted.file = value,
            _ => {}
        }
    }
    Ok(posted)
}

/// Where the first byte that is not UTF-8 is, as a line number, for the message.
fn utf8_line(bytes: &[u8]) -> Option<usize> {
    match std::str::from_utf8(bytes) {
        Ok(_) => None,
        Err(e) => Some(
            bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1,
        ),
    }
}

fn report_of(lang: Lang, r: ImportReport) -> Report {
    let t = |m| i18n::text(lang, m, &[]);
    Report {
        summary: i18n::text(
            lang,
            Msg::AdminImportReport,
            &[
                ("rows", r.rows.to_string()),
                ("created", r.created.to_string()),
                ("updated", r.updated.to_string()),
                ("unchanged", r.unchanged.to_string()),
                ("rejected", r.problems.len().to_string()),
            ],
        ),
        problems_title: t(Msg::AdminImportProblems),
        line_heading: t(Msg::AdminImportColLine),
        reason_heading: t(Msg::AdminImportColProblem),
        problems: r
            .problems
            .into_iter()
            .map(|p| ProblemRow {
                line: p.line,
                reason: p.reason,
            })
            .collect(),
    }
}

/// `POST /admin/purchases/import`.
pub async fn import(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let posted = read(&req, payload, lang).await?;
    let t = |m| i18n::text(lang, m, &[]);
    // The pasted text comes back in its box; a file must be chosen again (browsers never
    // refill a file input).
    let mut values = std::collections::BTreeMap::new();
    if !posted.too_large
        && let Ok(text) = std::str::from_utf8(&posted.pasted)
    {
        values.insert("csv".to_string(), text.to_string());
    }
    let mut shown = Shown::typed(values);
    if !csrf::verify(&req, &state.keys, posted.csrf.as_deref()) {
        return render(&req, &state, &admin, lang, shown.csrf_refused(lang), None);
    }
    let (field, bytes) = if posted.file.is_empty() {
        ("csv", posted.pasted)
    } else {
        ("file", posted.file)
    };
    let refused = if posted.too_large {
        Some((
            field,
            i18n::text(
                lang,
                Msg::AdminImportTooLarge,
                &[("size", (MAX_BYTES / (1024 * 1024)).to_string())],
            ),
        ))
    } else if bytes.iter().all(u8::is_ascii_whitespace) {
        Some(("file", t(Msg::AdminImportEmpty)))
    } else {
        utf8_line(&bytes).map(|line| {
            (
                field,
                i18n::text(lang, Msg::AdminImportNotUtf8, &[("line", line.to_string())]),
            )
        })
    };
    if let Some((field, text)) = refused {
        shown.bad(field, text.clone());
        let shown = shown.refuse(StatusCode::UNPROCESSABLE_ENTITY, text);
        return render(&req, &state, &admin, lang, shown, None);
    }
    let tz = state.config.business_hours.tz;
    let now = state.now();
    let outcome = with_conn(&state, move |c| {
        match crate::import::import_bytes(c, tz, &bytes, now) {
            Ok(report) => Ok(Ok(report)),
            Err(ImportError::Header(problem)) => Ok(Err(problem)),
            Err(ImportError::Store(e)) => Err(e.into()),
            Err(ImportError::Read { .. }) => Err(WebError::internal()),
        }
    })
    .await?;
    match outcome {
        Ok(report) => {
            tracing::info!(
                by = admin.id,
                rows = report.rows,
                rejected = report.problems.len(),
                "purchases imported"
            );
            // The file is loaded: the page starts afresh, with the report below the form.
            render(
                &req,
                &state,
                &admin,
                lang,
                Shown::notice(t(Msg::AdminImportDone)),
                Some(report_of(lang, report)),
            )
        }
        Err(problem) => {
            let text = i18n::text(lang, Msg::AdminImportBadHeader, &[("problem", problem)]);
            shown.bad(field, text.clone());
            let shown = shown.refuse(StatusCode::UNPROCESSABLE_ENTITY, text);
            render(&req, &state, &admin, lang, shown, None)
        }
    }
}
