//! What text guichet accepts. Every text that comes in (API bodies, form fields, command-line
//! arguments, CSV cells, path segments) is checked here at the edge, before it is stored:
//! PostgreSQL refuses a NUL byte outright, and a CR or LF in a one-line field could end up in a
//! mail header.
//!
//! - A **single-line** value (a name, a subject, an email, a URL, a reference) has no control
//!   character at all.
//! - A **multi-line** value (a message body) may hold line feeds and tabs; a CR LF pair, as
//!   browsers send from a text area, is first turned into a plain LF by [`normalize_newlines`].

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("must be on one line")]
    LineBreak,
    #[error("contains a control character")]
    ControlCharacter,
}

/// Checks a one-line value.
pub fn single_line(value: &str) -> Result<(), TextError> {
    match value.chars().find(|c| c.is_control()) {
        None => Ok(()),
        Some('\r' | '\n' | '\u{85}') => Err(TextError::LineBreak),
        Some(_) => Err(TextError::ControlCharacter),
    }
}

/// Checks a message body (after [`normalize_newlines`]): line feeds and tabs are kept.
pub fn multi_line(value: &str) -> Result<(), TextError> {
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        Err(TextError::ControlCharacter)
    } else {
        Ok(())
    }
}

/// CR LF and lone CR become LF, so a body reads the same whichever client sent it.
pub fn normalize_newlines(value: &str) -> std::borrow::Cow<'_, str> {
    if value.contains('\r') {
        value.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        value.into()
    }
}

/// The host of an http(s) URL (`localhost` when it has none), for Message-IDs and the default
/// sender address.
pub fn host_of_url(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() {
        "localhost".into()
    } else {
        host.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_line_refuses_breaks_and_controls() {
        assert_eq!(single_line("Help with invoices"), Ok(()));
        assert_eq!(single_line("Émile Zoé — 日本"), Ok(()));
        assert_eq!(
            single_line("Help\r\nBcc: evil@attacker.test"),
            Err(TextError::LineBreak)
        );
        assert_eq!(single_line("a\nb"), Err(TextError::LineBreak));
        assert_eq!(single_line("ORD\u{0}X"), Err(TextError::ControlCharacter));
        assert_eq!(single_line("tab\there"), Err(TextError::ControlCharacter));
        assert_eq!(single_line("del\u{7f}"), Err(TextError::ControlCharacter));
        assert_eq!(single_line("c1\u{9b}"), Err(TextError::ControlCharacter));
    }

    #[test]
    fn multi_line_keeps_newlines_and_tabs_only() {
        assert_eq!(multi_line("line 1\n\tline 2\n"), Ok(()));
        assert_eq!(multi_line("nul\u{0}"), Err(TextError::ControlCharacter));
        assert_eq!(multi_line("bell\u{7}"), Err(TextError::ControlCharacter));
        assert_eq!(multi_line("cr\r"), Err(TextError::ControlCharacter));
    }

    #[test]
    fn newlines_are_normalized_before_the_check() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(multi_line(&normalize_newlines("a\r\nb")), Ok(()));
        assert!(matches!(
            normalize_newlines("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
