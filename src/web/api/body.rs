//! Reading a JSON body: size limit (413), syntax (400 `malformed_json`), then types field by
//! field (422 `invalid_fields` naming the field), then the validator rules.

use std::collections::BTreeMap;

use actix_web::web;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::web::error::ApiError;

/// Reads at most `limit` bytes and parses them as `T`.
pub async fn read_json<T: DeserializeOwned>(
    payload: web::Payload,
    limit: usize,
) -> Result<T, ApiError> {
    parse_json(&read_body(payload, limit).await?)
}

/// Reads the raw body, refusing more than `limit` bytes.
pub async fn read_body(mut payload: web::Payload, limit: usize) -> Result<web::Bytes, ApiError> {
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(ApiError::malformed_json)?;
        if bytes.len() + chunk.len() > limit {
            return Err(ApiError::too_large(limit));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes.freeze())
}

/// Parses a JSON object body as `T`, naming the field of a type error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(ApiError::malformed_json)?;
    if !value.is_object() {
        return Err(ApiError::malformed_json("expected a JSON object"));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let field = e.path().to_string();
        let problem = e.inner().to_string();
        // serde says "invalid type: integer `5`, expected a string": keep the part after the colon.
        let problem = problem
            .split_once(": ")
            .map(|(_, p)| p.to_string())
            .unwrap_or(problem);
        ApiError::invalid_field(&field, problem)
    })
}

/// Runs the validator rules of `T` and turns failures into `invalid_fields`.
pub fn validate<T: Validate>(value: &T) -> Result<(), ApiError> {
    value
        .validate()
        .map_err(|e| ApiError::invalid_fields(field_messages(&e)))
}

/// One message per field: the rule's message if it has one, else its code.
pub fn field_messages(errors: &ValidationErrors) -> BTreeMap<String, String> {
    errors
        .errors()
        .iter()
        .filter_map(|(field, kind)| match kind {
            ValidationErrorsKind::Field(list) => list.first().map(|e| {
                let message = e
                    .message
                    .as_ref()
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| e.code.to_string());
                (field.to_string(), message)
            }),
            _ => None,
        })
        .collect()
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
pub fn not_blank(value: &str) -> Result<(), validator::ValidationError> {
    if value.trim().is_empty() {
        Err(validator::ValidationError::new("blank").with_message("must not be empty".into()))
    } else {
        Ok(())
    }
}

/// validator rule: an absolute http or https URL.
pub fn http_url(value: &str) -> Result<(), validator::ValidationError> {
    use validator::ValidateUrl;
    let lower = value.to_ascii_lowercase();
    if value.validate_url() && (lower.starts_with("http://") || lower.starts_with("https://")) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("url")
            .with_message("must be an absolute http(s) URL".into()))
    }
}

/// validator rule: `fr` or `en`.
pub fn lang_code(value: &str) -> Result<(), validator::ValidationError> {
    if crate::i18n::Lang::parse(value).is_some() {
        Ok(())
    } else {
        Err(validator::ValidationError::new("lang").with_message("must be fr or en".into()))
    }
}
