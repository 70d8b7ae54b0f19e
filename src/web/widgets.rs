//! What the field macros of `templates/macros.html` show: one [`Field`] per form control, with
//! its label, hint, the value as entered and its error, so every page's fields are labelled and
//! tied to their messages (`aria-describedby`, `aria-invalid`) the same way.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct Field {
    /// The control's `name`; its `id` is `f-NAME`.
    pub name: &'static str,
    pub label: String,
    pub hint: Option<String>,
    /// The value as the visitor entered it, shown again on a re-rendered form.
    pub value: String,
    pub error: Option<String>,
    pub required: bool,
}

impl Field {
    pub fn new(name: &'static str, label: String, value: &str) -> Field {
        Field {
            name,
            label,
            value: value.to_string(),
            ..Field::default()
        }
    }

    pub fn hint(mut self, hint: String) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// Takes this field's message, if any, from the form's errors.
    pub fn error_from(mut self, errors: &BTreeMap<String, String>) -> Field {
        self.error = errors.get(self.name).cloned();
        self
    }

    pub fn id(&self) -> String {
        format!("f-{}", self.name)
    }

    pub fn has_error(&self) -> bool {
        self.error.is_some()
    }

    pub fn error_text(&self) -> &str {
        self.error.as_deref().unwrap_or_default()
    }

    pub fn hint_text(&self) -> &str {
        self.hint.as_deref().unwrap_or_default()
    }

    /// The ids of the hint and the error, for `aria-describedby`; empty when there are none.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.error.is_some() {
            ids.push(format!("f-{}-error", self.name));
        }
        if self.hint.is_some() {
            ids.push(format!("f-{}-hint", self.name));
        }
        ids.join(" ")
    }

    /// Whether a checkbox was ticked.
    pub fn checked(&self) -> bool {
        !self.value.is_empty()
    }
}

/// One `<option>` of a select.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}
