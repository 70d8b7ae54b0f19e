//! Where outgoing mail goes: the seam between the outbox and the world.
//!
//! The outbox worker hands each mail to the application's [`Mailer`]: [`crate::mail::smtp`]
//! when an SMTP server is configured, [`crate::mail::eml`] (files under the data directory)
//! when none is. [`MemoryMailer`] keeps what was sent in memory, for unit tests of what is
//! sent; the mail suite itself talks to a real SMTP server.

use std::sync::{Arc, Mutex};

use crate::i18n::Lang;

/// One mail, rendered and ready for a transport. Header values never contain a line break:
/// [`Outgoing::header_safe`] is applied when the mail is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub from: String,
    pub reply_to: Option<String>,
    pub to: String,
    /// The language of the text, for the HTML part's `lang` and `Content-Language`.
    pub lang: Lang,
    pub subject: String,
    pub body_text: String,
    /// `<…@…>`, ours.
    pub message_id: String,
    pub in_reply_to: Option<String>,
    /// The conversation so far, oldest first (In-Reply-To last when there is one).
    pub references: Vec<String>,
    /// Marks an automatic mail (`Auto-Submitted: auto-replied`), so robots do not answer it.
    pub auto_submitted: bool,
}

impl Outgoing {
    /// A value fit for one header line: every control character (CR and LF included) becomes a
    /// space, so whatever is stored can never start a header of its own.
    pub fn header_safe(value: &str) -> String {
        value
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later (connection refused, 4xx).
    #[error("temporary failure: {0}")]
    Temporary(String),
    /// The server refused the mail for good (5xx).
    #[error("permanent failure: {0}")]
    Permanent(String),
}

pub trait Mailer: Send + Sync + std::fmt::Debug {
    fn send(&self, mail: &Outgoing) -> Result<(), SendError>;
}

/// Keeps every mail it is given.
#[derive(Debug, Default, Clone)]
pub struct MemoryMailer {
    sent: Arc<Mutex<Vec<Outgoing>>>,
}

impl MemoryMailer {
    pub fn new() -> MemoryMailer {
        MemoryMailer::default()
    }

    /// The mails sent so far, oldest first.
    pub fn sent(&self) -> Vec<Outgoing> {
        self.sent.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Mailer for MemoryMailer {
    fn send(&self, mail: &Outgoing) -> Result<(), SendError> {
        self.sent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(mail.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_lose_their_line_breaks() {
        let safe = Outgoing::header_safe("Help\r\nBcc: evil@attacker.test\u{0}");
        assert!(!safe.contains(['\r', '\n', '\0']), "{safe:?}");
        assert_eq!(safe, "Help  Bcc: evil@attacker.test ");
    }

    #[test]
    fn memory_mailer_keeps_what_it_sends() {
        let m = MemoryMailer::new();
        let mail = Outgoing {
            from: "support@desk.test".into(),
            reply_to: None,
            to: "a@example.com".into(),
            lang: Lang::En,
            subject: "[#1] Hello".into(),
            body_text: "Hi".into(),
            message_id: "<t1.x.y@desk>".into(),
            in_reply_to: None,
            references: Vec::new(),
            auto_submitted: true,
        };
        m.send(&mail).expect("send");
        assert_eq!(m.sent(), vec![mail]);
    }
}
