//! What the admin pages share: how a page answers a post (its status, a notice or an error, and
//! each form field's value as typed and its message), and the checks of typed text and numbers.

use std::collections::BTreeMap;

use actix_web::HttpRequest;
use actix_web::http::StatusCode;

use crate::i18n::{self, Lang, Msg};
use crate::keys::Keys;
use crate::web::csrf;
use crate::web::widgets::Field;

/// How a page answers: its status, what it says at the top, and the forms' fields by name.
#[derive(Default)]
pub struct Shown {
    pub status: Option<StatusCode>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub values: BTreeMap<String, String>,
    pub errors: BTreeMap<String, String>,
}

impl Shown {
    pub fn notice(text: String) -> Shown {
        Shown {
            notice: Some(text),
            ..Shown::default()
        }
    }

    /// The page again with the values as typed (never a password: these pages have none).
    pub fn typed(values: BTreeMap<String, String>) -> Shown {
        Shown {
            values,
            ..Shown::default()
        }
    }

    /// Refused with `status` and `error` at the top.
    pub fn refuse(mut self, status: StatusCode, error: String) -> Shown {
        self.status = Some(status);
        self.error = Some(error);
        self
    }

    /// The 403 of a missing or wrong CSRF token: the form again, values kept.
    pub fn csrf_refused(self, lang: Lang) -> Shown {
        let text = i18n::text(lang, Msg::FormCsrfFailed, &[]);
        self.refuse(StatusCode::FORBIDDEN, text)
    }

    /// The 422 of bad fields, when some were recorded with [`Shown::bad`].
    pub fn fix_fields(self, lang: Lang) -> Shown {
        let text = i18n::text(lang, Msg::AdminFixFields, &[]);
        self.refuse(StatusCode::UNPROCESSABLE_ENTITY, text)
    }

    pub fn bad(&mut self, field: &str, message: String) {
        self.errors.insert(field.to_string(), message);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    pub fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }

    /// The field `name` with its typed value (or `default` when nothing was typed) and error.
    pub fn field(&self, name: &'static str, label: String, default: &str) -> Field {
        let value = self.values.get(name).map(String::as_str).unwrap_or(default);
        Field::new(name, label, value).error_from(&self.errors)
    }

    pub fn status(&self) -> StatusCode {
        self.status.unwrap_or(StatusCode::OK)
    }
}

/// A posted admin form: its fields as typed (the page again keeps them) and whether its CSRF
/// token verified. Every admin post starts here.
pub fn posted(
    req: &HttpRequest,
    keys: &Keys,
    pairs: &[(String, String)],
    names: &[&str],
) -> (Shown, bool) {
    let mut values = typed(pairs, names);
    let token = values.remove("csrf");
    let verified = csrf::verify(req, keys, token.as_deref());
    (Shown::typed(values), verified)
}

/// The posted fields as typed, trimmed, for [`Shown::typed`]. A repeated field keeps its
/// first value.
pub fn typed(pairs: &[(String, String)], names: &[&str]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (k, v) in pairs {
        if names.contains(&k.as_str()) && !out.contains_key(k) {
            out.insert(k.clone(), v.trim().to_string());
        }
    }
    out
}

/// A one-line text of at most `max` characters, or the message that says what is wrong.
pub fn one_line(lang: Lang, text: &str, max: usize) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(i18n::text(lang, Msg::FieldRequired, &[]));
    }
    if let Err(e) = crate::domain::text::single_line(t) {
        let msg = match e {
            crate::domain::text::TextError::LineBreak => Msg::FieldOneLine,
            _ => Msg::FieldControlCharacter,
        };
        return Err(i18n::text(lang, msg, &[]));
    }
    if t.chars().count() > max {
        return Err(i18n::text(
            lang,
            Msg::FieldTooLong,
            &[("max", max.to_string())],
        ));
    }
    Ok(t.to_string())
}

/// A whole number from `min` to `max`, or the message that says so.
pub fn whole_number(lang: Lang, text: &str, min: u32, max: u32) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            i18n::text(
                lang,
                Msg::FieldWholeNumberRange,
                &[("min", min.to_string()), ("max", max.to_string())],
            )
        })
}
