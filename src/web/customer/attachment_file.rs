//! `GET /t/{token}/attachments/{id}`: an attachment of the portal's ticket, always as a
//! download. The token must own the ticket the attachment belongs to; anything else (bad token,
//! unknown id, another ticket's file, a file missing on disk) gets the same 404 page, so the
//! answer never tells whether an attachment exists.
//!
//! The file is never shown inline: `Content-Disposition: attachment`, `nosniff`, and a content
//! type taken from the allowed list only, so an uploaded file cannot run as a page of the desk.

use std::io::Read;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use futures_util::stream;

use super::not_found;
use super::portal::{checked_token, ticket_of};
use crate::app::AppState;
use crate::attachments;
use crate::store;
use crate::web::api::with_conn;
use crate::web::error::WebError;

/// Bytes read per chunk of the streamed body.
const CHUNK: usize = 64 * 1024;

/// The `Content-Disposition` value: an ASCII fallback name, and the exact name in RFC 5987
/// form for browsers that read it.
pub fn disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = filename
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// `GET /t/{token}/attachments/{id}`.
pub async fn download(
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (token, id) = path.into_inner();
    let token = checked_token(token)?;
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let found = with_conn(&state, move |c| {
        let ticket = ticket_of(c, &token)?;
        Ok(store::attachments::find_for_ticket(c, ticket.id, id)?)
    })
    .await?
    .ok_or_else(not_found)?;
    serve(&state, found).await
}

/// The file of attachment `found` as a download (shared with the dashboard's route).
pub async fn serve(
    state: &AppState,
    found: store::attachments::Attachment,
) -> Result<HttpResponse, WebError> {
    let root = state.config.data_dir.join("attachments");
    let file_path = attachments::path_of(&root, &found.sha256).ok_or_else(not_found)?;
    let file = web::block(move || std::fs::File::open(file_path))
        .await?
        .map_err(|_| not_found())?;
    let content_type = if state.config.attachments.serves(&found.content_type) {
        found.content_type.clone()
    } else {
        "application/octet-stream".to_string()
    };
    // Read on the blocking pool chunk by chunk: a large file is never held whole in memory.
    let body = stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let read = web::block(move || {
            let mut buf = vec![0u8; CHUNK];
            let n = file.read(&mut buf)?;
            buf.truncate(n);
            Ok::<_, std::io::Error>((buf, file))
        })
        .await;
        match read {
            Ok(Ok((buf, _))) if buf.is_empty() => None,
            Ok(Ok((buf, file))) => Some((Ok(web::Bytes::from(buf)), Some(file))),
            Ok(Err(e)) => Some((Err(e), None)),
            Err(e) => Some((Err(std::io::Error::other(e.to_string())), None)),
        }
    });
    let size = u64::try_from(found.size_bytes).unwrap_or(0);
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, disposition(&found.filename)))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .body(actix_web::body::SizedStream::new(size, Box::pin(body))))
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn the_name_is_quoted_safely_and_encoded_exactly() {
        assert_eq!(
            disposition("rapport été.pdf"),
            "attachment; filename=\"rapport _t_.pdf\"; filename*=UTF-8''rapport%20%C3%A9t%C3%A9.pdf"
        );
    }
}
