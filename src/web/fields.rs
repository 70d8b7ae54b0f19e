//! Bad fields of one request (an API body, a form), gathered so one answer names them all.
//!
//! A problem is kept as a catalogue message with its arguments, so the same check reads in
//! English in the JSON API and in the customer's language on a form. Only what the catalogue
//! cannot know (a type error in the words of the JSON parser, a date parser's detail) is kept
//! as text.

use std::collections::BTreeMap;

use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::domain::text::TextError;
use crate::i18n::{self, Lang, Msg};
use crate::web::error::WebError;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    Msg(Msg, Vec<(&'static str, String)>),
    Detail(String),
}

impl FieldProblem {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            FieldProblem::Msg(msg, args) => {
                let args: Vec<(&str, String)> = args.iter().map(|(k, v)| (*k, v.clone())).collect();
                i18n::text(lang, *msg, &args)
            }
            FieldProblem::Detail(text) => text.clone(),
        }
    }
}

impl From<Msg> for FieldProblem {
    fn from(msg: Msg) -> Self {
        FieldProblem::Msg(msg, Vec::new())
    }
}

impl From<TextError> for FieldProblem {
    fn from(e: TextError) -> Self {
        match e {
            TextError::LineBreak => Msg::FieldOneLine.into(),
            TextError::ControlCharacter => Msg::FieldControlCharacter.into(),
        }
    }
}

#[derive(Debug, Default)]
pub struct FieldErrors(BTreeMap<String, FieldProblem>);

impl FieldErrors {
    /// Records a problem, unless the field already has one (the first is the most precise: a
    /// type error before the "required" that nulling the field causes).
    pub fn add(&mut self, field: &str, problem: impl Into<FieldProblem>) {
        self.0
            .entry(field.to_string())
            .or_insert_with(|| problem.into());
    }

    /// Records a problem told in words the catalogue does not have.
    pub fn detail(&mut self, field: &str, text: impl std::fmt::Display) {
        self.add(field, FieldProblem::Detail(text.to_string()));
    }

    /// The value of `result`, or `None` with its error recorded against `field`.
    pub fn take<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        result: Result<T, E>,
    ) -> Option<T> {
        result.map_err(|e| self.detail(field, e)).ok()
    }

    /// The value of `result`, or `None` with `msg` recorded against `field`.
    pub fn take_as<T, E>(&mut self, field: &str, result: Result<T, E>, msg: Msg) -> Option<T> {
        result.map_err(|_| self.add(field, msg)).ok()
    }

    /// Checks a single-line text field.
    pub fn one_line(&mut self, field: &str, value: Option<&str>) {
        if let Some(Err(e)) = value.map(crate::domain::text::single_line) {
            self.add(field, e);
        }
    }

    /// Runs the validator rules of `value`. Each rule names its catalogue message by `code`
    /// (e.g. `field-required`); the rule's parameters (`min`, `max`) fill the message.
    pub fn validate<T: Validate>(&mut self, value: &T) {
        if let Err(e) = value.validate() {
            for (field, problem) in problems(&e) {
                self.add(&field, problem);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// Each field's problem in `lang`.
    pub fn messages(&self, lang: Lang) -> BTreeMap<String, String> {
        self.0
            .iter()
            .map(|(field, problem)| (field.clone(), problem.text(lang)))
            .collect()
    }

    /// `invalid_fields` naming every field recorded, in English (the API's language).
    pub fn into_error(self) -> WebError {
        WebError::invalid_fields(self.messages(Lang::En))
    }

    /// `Ok` when no field was recorded, else [`FieldErrors::into_error`].
    pub fn finish(self) -> Result<(), WebError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.into_error())
        }
    }
}

/// One problem per field, from the first failing rule.
fn problems(errors: &ValidationErrors) -> Vec<(String, FieldProblem)> {
    errors
        .errors()
        .iter()
        .filter_map(|(field, kind)| match kind {
            ValidationErrorsKind::Field(list) => {
                list.first().map(|e| (field.to_string(), problem_of(e)))
            }
            _ => None,
        })
        .collect()
}

fn problem_of(e: &validator::ValidationError) -> FieldProblem {
    let Some(msg) = Msg::ALL.iter().copied().find(|m| m.id() == e.code) else {
        // A rule without a catalogue code: its message, else its code.
        let text = e
            .message
            .as_ref()
            .map(|m| m.to_string())
            .unwrap_or_else(|| e.code.to_string());
        return FieldProblem::Detail(text);
    };
    let args = msg
        .args()
        .iter()
        .map(|name| {
            let value = e.params.get(*name).map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            (*name, value.unwrap_or_default())
        })
        .collect();
    FieldProblem::Msg(msg, args)
}

/// A validator rule's error for a catalogue message (for `custom` rules).
pub fn rule_error(msg: Msg) -> validator::ValidationError {
    validator::ValidationError::new(msg.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Validate)]
    struct Body {
        #[validate(required(code = "field-required"))]
        email: Option<String>,
        #[validate(length(min = 1, max = 200, code = "field-length-range"))]
        name: String,
    }

    #[test]
    fn problems_read_in_either_language() {
        let mut errors = FieldErrors::default();
        errors.validate(&Body {
            email: None,
            name: String::new(),
        });
        errors.add("subject", TextError::LineBreak);
        let en = errors.messages(Lang::En);
        assert_eq!(en["email"], "required");
        assert_eq!(en["name"], "1 to 200 characters");
        assert_eq!(en["subject"], "must be on one line");
        let fr = errors.messages(Lang::Fr);
        assert_ne!(fr["name"], en["name"]);
        assert!(fr["name"].contains("200"), "{}", fr["name"]);
        assert_ne!(fr["subject"], en["subject"]);
    }
}
