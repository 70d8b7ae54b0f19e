//! Reading a JSON body: size limit (413), syntax (400 `malformed_json`), then types field by
//! field and the validator rules, every bad field gathered in one 422 `invalid_fields`.

use actix_web::web;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use validator::ValidationError;

use crate::i18n::Msg;
use crate::web::error::WebError;
pub use crate::web::fields::FieldErrors;
use crate::web::fields::rule_error;

/// Reads the raw body, refusing more than `limit` bytes.
pub async fn read_body(mut payload: web::Payload, limit: usize) -> Result<web::Bytes, WebError> {
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(WebError::malformed_json)?;
        if bytes.len() + chunk.len() > limit {
            return Err(WebError::too_large(limit));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes.freeze())
}

/// Parses a JSON object body as `T`. Only a body that is not a JSON object fails here (400); a
/// field of the wrong type is recorded in the returned [`FieldErrors`] and left out of `T` (as
/// if absent), so every bad field is named in one answer. The caller trims what it trims, then
/// runs [`FieldErrors::validate`].
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<(T, FieldErrors), WebError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(WebError::malformed_json)?;
    let serde_json::Value::Object(object) = value else {
        return Err(WebError::malformed_json("expected a JSON object"));
    };
    let mut errors = FieldErrors::default();
    // Each round drops the field that failed; a body has few fields, so few rounds.
    // The value is read by reference: a clone of the whole body per round would cost every
    // good request a copy.
    let mut value = serde_json::Value::Object(object);
    let parsed = loop {
        match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(t) => break t,
            Err(e) => {
                let field = e.path().to_string();
                let problem = e.inner().to_string();
                // serde says "invalid type: integer `5`, expected a string": keep what follows
                // the colon.
                let problem = problem
                    .split_once(": ")
                    .map(|(_, p)| p.to_string())
                    .unwrap_or(problem);
                let top = field
                    .split(['.', '['])
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let removed = value.as_object_mut().and_then(|o| o.remove(&top));
                if removed.is_none() {
                    // Not a field of the object (cannot happen for flat bodies): report it alone.
                    errors.detail(&field, problem);
                    return Err(errors.into_error());
                }
                errors.detail(&top, problem);
            }
        }
    };
    Ok((parsed, errors))
}

/// Reads the body and parses it (see [`parse_json`]).
pub async fn read_json<T: DeserializeOwned>(
    payload: web::Payload,
    limit: usize,
) -> Result<(T, FieldErrors), WebError> {
    parse_json(&read_body(payload, limit).await?)
}

/// Trims a string field in place (emails, names and subjects are trimmed before validation).
pub fn trim(field: &mut Option<String>) {
    if let Some(v) = field {
        let t = v.trim();
        if t.len() != v.len() {
            *v = t.to_string();
        }
    }
}

/// validator rule: text that is not blank once trimmed.
pub fn not_blank(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Err(rule_error(Msg::FieldBlank))
    } else {
        Ok(())
    }
}

/// validator rule: one line, no control character (names, subjects, references, URLs).
pub fn one_line(value: &str) -> Result<(), ValidationError> {
    crate::domain::text::single_line(value).map_err(text_error)
}

/// validator rule: a message body; line feeds and tabs are kept, other control characters not.
pub fn text_body(value: &str) -> Result<(), ValidationError> {
    crate::domain::text::multi_line(value).map_err(text_error)
}

fn text_error(e: crate::domain::text::TextError) -> ValidationError {
    match e {
        crate::domain::text::TextError::LineBreak => rule_error(Msg::FieldOneLine),
        crate::domain::text::TextError::ControlCharacter => rule_error(Msg::FieldControlCharacter),
    }
}

/// validator rule: an absolute http or https URL.
pub fn http_url(value: &str) -> Result<(), ValidationError> {
    use validator::ValidateUrl;
    let lower = value.to_ascii_lowercase();
    if value.validate_url() && (lower.starts_with("http://") || lower.starts_with("https://")) {
        Ok(())
    } else {
        Err(rule_error(Msg::FieldNotHttpUrl))
    }
}

/// validator rule: `fr` or `en`.
pub fn lang_code(value: &str) -> Result<(), ValidationError> {
    if crate::i18n::Lang::parse(value).is_some() {
        Ok(())
    } else {
        Err(rule_error(Msg::FieldNotLang))
    }
}
