//! Reading a page form's body: `multipart/form-data` (the pages' forms, which carry files) part
//! by part, or `application/x-www-form-urlencoded` (older pages, scripts, the tests) as before.
//!
//! Text fields are collected up to four times the JSON body limit in all. Each file streams into
//! a private temporary file (`crate::attachments::Incoming`) with its size checked as it comes:
//! a file past `attachment_max_bytes` stops the reading at once, so the rest of the upload is
//! never read, and one past `attachment_max_count` too. The whole body is thereby capped at the
//! text limit plus the files' limits. Files stay temporary until the post is accepted
//! ([`store`]); a refused post leaves nothing on disk.

use actix_multipart::Multipart;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, web};
use futures_util::StreamExt;

use super::page_error;
use crate::app::AppState;
use crate::attachments::{Incoming, Kind, sanitise_filename};
use crate::i18n::{Lang, Msg};
use crate::store::attachments::NewAttachment;
use crate::web::api::body::read_body;
use crate::web::error::WebError;

/// The form field that carries the files.
pub const FIELD: &str = "attachments";

/// Why the files of a post were not kept; told beside the file field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    TooLarge,
    TooMany,
    Type,
}

impl FileProblem {
    pub fn msg(self) -> Msg {
        match self {
            FileProblem::TooLarge => Msg::AttachmentTooLarge,
            FileProblem::TooMany => Msg::AttachmentTooMany,
            FileProblem::Type => Msg::AttachmentType,
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            FileProblem::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

/// A received file, still temporary.
#[derive(Debug)]
pub struct Pending {
    incoming: Incoming,
    kind: &'static Kind,
    filename: String,
}

/// A page post as read.
#[derive(Debug, Default)]
pub struct Posted {
    pub pairs: Vec<(String, String)>,
    pub files: Vec<Pending>,
    /// The first problem with a file; the files are then dropped (and their temporary copies
    /// removed), and the text read so far is kept for the page.
    pub problem: Option<FileProblem>,
}

impl Posted {
    /// Whether the post carried files, kept or not (the page then says to choose them again).
    pub fn had_files(&self) -> bool {
        !self.files.is_empty() || self.problem.is_some()
    }
}

fn malformed(lang: Lang) -> WebError {
    page_error(
        StatusCode::BAD_REQUEST,
        "malformed_form",
        lang,
        Msg::FormMalformed,
    )
}

/// Reads the body of a page post.
pub async fn read(
    req: &HttpRequest,
    payload: web::Payload,
    state: &AppState,
    lang: Lang,
) -> Result<Posted, WebError> {
    // Percent-encoding makes a form up to three times longer than its text.
    let text_limit = state.config.max_body_bytes.saturating_mul(4);
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !multipart {
        let raw = read_body(payload, text_limit).await.map_err(|e| {
            if e.status == StatusCode::PAYLOAD_TOO_LARGE {
                page_error(e.status, e.code, lang, Msg::FormTooLarge)
            } else {
                malformed(lang)
            }
        })?;
        let pairs = serde_urlencoded::from_bytes(&raw).map_err(|_| malformed(lang))?;
        return Ok(Posted {
            pairs,
            ..Posted::default()
        });
    }
    let rules = &state.config.attachments;
    let tmp = state.config.data_dir.join("attachments").join("tmp");
    let mut parts = Multipart::new(req.headers(), payload);
    let mut posted = Posted::default();
    let mut text_bytes = 0usize;
    while let Some(part) = parts.next().await {
        let mut part = part.map_err(|_| malformed(lang))?;
        let name = part.name().unwrap_or_default().to_string();
        let filename = part
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_string);
        let Some(filename) = filename else {
            let mut value = Vec::new();
            while let Some(chunk) = part.next().await {
                let chunk = chunk.map_err(|_| malformed(lang))?;
                text_bytes = text_bytes.saturating_add(chunk.len());
                if text_bytes > text_limit {
                    return Err(page_error(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "payload_too_large",
                        lang,
                        Msg::FormTooLarge,
                    ));
                }
                value.extend_from_slice(&chunk);
            }
            let value = String::from_utf8(value).map_err(|_| malformed(lang))?;
            posted.pairs.push((name, value));
            continue;
        };
        // A file input left empty still sends a part, with no name and no bytes.
        if filename.is_empty() || name != FIELD {
            while let Some(chunk) = part.next().await {
                chunk.map_err(|_| malformed(lang))?;
            }
            continue;
        }
        if posted.files.len() >= rules.max_count {
            posted.problem = Some(FileProblem::TooMany);
            break;
        }
        let filename = sanitise_filename(&filename);
        let kind = rules.kind_for(&filename);
        let mut incoming = Incoming::create(&tmp, rules.max_bytes).map_err(|e| {
            tracing::error!(error = %e, "cannot create a temporary attachment file");
            WebError::internal()
        })?;
        let mut too_large = false;
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|_| malformed(lang))?;
            // Small writes to a local file: quick enough on the request's thread, and they keep
            // the part's bytes flowing to disk rather than into memory.
            match incoming.write(&chunk) {
                Ok(()) => {}
                Err(crate::attachments::Refused::TooLarge) => {
                    too_large = true;
                    break;
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot write a temporary attachment file");
                    return Err(WebError::internal());
                }
            }
        }
        if too_large {
            // Stop here: the rest of the body is never read.
            posted.problem = Some(FileProblem::TooLarge);
            break;
        }
        match kind.filter(|k| incoming.matches(k)) {
            Some(kind) => posted.files.push(Pending {
                incoming,
                kind,
                filename,
            }),
            None => {
                // Read on, so the rest of the form comes back filled in.
                posted.problem.get_or_insert(FileProblem::Type);
            }
        }
    }
    if posted.problem.is_some() {
        posted.files.clear();
    }
    Ok(posted)
}

/// Moves the accepted files into place by content hash, for the rows of the post's transaction.
pub async fn store(state: &AppState, files: Vec<Pending>) -> Result<Vec<NewAttachment>, WebError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let root = state.config.data_dir.join("attachments");
    let stored = web::block(move || {
        files
            .into_iter()
            .map(|p| {
                let s = p.incoming.finish(p.kind, &root)?;
                Ok(NewAttachment {
                    sha256: s.sha256,
                    filename: p.filename,
                    content_type: s.content_type,
                    size: s.size,
                })
            })
            .collect::<Result<Vec<_>, crate::attachments::Refused>>()
    })
    .await?;
    stored.map_err(|e| {
        tracing::error!(error = %e, "cannot store an attachment");
        WebError::internal()
    })
}

/// The file field of a page form, with its limits as the hint and `errors`' message for it.
pub fn field(
    lang: Lang,
    state: &AppState,
    errors: &std::collections::BTreeMap<String, String>,
) -> crate::web::widgets::Field {
    let (label, hint) = texts(lang, state);
    crate::web::widgets::Field::new(FIELD, label, "")
        .hint(hint)
        .error_from(errors)
}

fn texts(lang: Lang, state: &AppState) -> (String, String) {
    let rules = &state.config.attachments;
    let hint = crate::i18n::text(
        lang,
        Msg::FormAttachmentsHint,
        &[
            ("count", rules.max_count.to_string()),
            ("size", size_text(lang, state)),
            ("types", types_text(state)),
        ],
    );
    (crate::i18n::text(lang, Msg::FormAttachments, &[]), hint)
}

fn size_text(lang: Lang, state: &AppState) -> String {
    let max = i64::try_from(state.config.attachments.max_bytes).unwrap_or(i64::MAX);
    super::portal::human_size(lang, max)
}

fn types_text(state: &AppState) -> String {
    state.config.attachments.extensions.join(", ")
}

/// The message beside the file field for `problem`, with the limits it refers to.
pub fn problem_text(lang: Lang, state: &AppState, problem: FileProblem) -> String {
    let args = match problem {
        FileProblem::TooLarge => vec![("size", size_text(lang, state))],
        FileProblem::TooMany => vec![("count", state.config.attachments.max_count.to_string())],
        FileProblem::Type => vec![("types", types_text(state))],
    };
    crate::i18n::text(lang, problem.msg(), &args)
}

/// The alert's text, with the reminder that files must be chosen again when the post had some.
pub fn note_files(lang: Lang, text: String, had_files: bool) -> String {
    if had_files {
        format!(
            "{text} {}",
            crate::i18n::text(lang, Msg::AttachmentsChooseAgain, &[])
        )
    } else {
        text
    }
}
