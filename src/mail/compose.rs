//! From an [`Outgoing`] mail to the bytes a transport sends: RFC 5322 headers, each encoded by
//! lettre (RFC 2047 for anything not plain ASCII), and a `multipart/alternative` body with the
//! plain text and an HTML rendering of the same text.
//!
//! The HTML part is made from the text, not written apart: the two can never say different
//! things, and the catalogue keeps one message per mail. Links become anchors; everything else
//! is escaped by askama.

use askama::Template;
use lettre::Message;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};

use crate::mail::transport::Outgoing;

#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("bad address {0:?}")]
    Address(String),
    #[error("the mail cannot be built: {0}")]
    Build(String),
    #[error("the HTML part cannot be rendered: {0}")]
    Render(String),
}

/// The whole mail, ready for SMTP or a `.eml` file.
pub fn message(mail: &Outgoing) -> Result<Message, ComposeError> {
    let mailbox = |a: &str| {
        a.parse::<Mailbox>()
            .map_err(|_| ComposeError::Address(a.to_string()))
    };
    let mut builder = Message::builder()
        .from(mailbox(&mail.from)?)
        .to(mailbox(&mail.to)?)
        .subject(mail.subject.as_str())
        .message_id(Some(mail.message_id.clone()))
        .header(ContentLanguage(mail.lang.as_str()));
    if let Some(reply_to) = &mail.reply_to {
        builder = builder.reply_to(mailbox(reply_to)?);
    }
    if let Some(parent) = &mail.in_reply_to {
        builder = builder.in_reply_to(parent.clone());
    }
    if !mail.references.is_empty() {
        builder = builder.references(mail.references.join(" "));
    }
    if mail.auto_submitted {
        builder = builder.header(AutoSubmitted);
    }
    let html = html_of(mail)?;
    let body = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body_text.clone()),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(html),
        );
    builder
        .multipart(body)
        .map_err(|e| ComposeError::Build(e.to_string()))
}

/// `Auto-Submitted: auto-replied` (RFC 3834): robots that honour it do not answer.
#[derive(Debug, Clone, Copy)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-replied".to_string())
    }
}

/// `Content-Language`, from the ticket's language.
#[derive(Debug, Clone, Copy)]
struct ContentLanguage(&'static str);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        match s.trim() {
            "fr" => Ok(ContentLanguage("fr")),
            "en" => Ok(ContentLanguage("en")),
            other => Err(format!("unknown language {other:?}").into()),
        }
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.to_string())
    }
}

/// A piece of a line of the HTML part.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Link(String),
}

#[derive(Template)]
#[template(path = "mail/message.html")]
struct MessageHtml<'a> {
    lang: &'a str,
    subject: &'a str,
    /// Paragraphs (split at blank lines) of lines of parts.
    paragraphs: Vec<Vec<Vec<Part>>>,
}

fn html_of(mail: &Outgoing) -> Result<String, ComposeError> {
    let text = mail.body_text.replace("\r\n", "\n");
    let paragraphs = text
        .split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.lines().map(parts_of).collect())
        .collect();
    MessageHtml {
        lang: mail.lang.as_str(),
        subject: &mail.subject,
        paragraphs,
    }
    .render()
    .map_err(|e| ComposeError::Render(e.to_string()))
}

/// Splits a line into text and the `http(s)://` links in it. Punctuation that ends a sentence
/// right after a link is left out of the link.
fn parts_of(line: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(start) = find_link(rest) {
        let (before, from) = rest.split_at(start);
        let end = from.find(char::is_whitespace).unwrap_or(from.len());
        let candidate = &from[..end];
        let url = candidate.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»', '"', '\'']);
        if !before.is_empty() {
            parts.push(Part::Text(before.to_string()));
        }
        parts.push(Part::Link(url.to_string()));
        rest = &from[url.len()..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_string()));
    }
    parts
}

fn find_link(s: &str) -> Option<usize> {
    let at = [s.find("https://"), s.find("http://")]
        .into_iter()
        .flatten()
        .min()?;
    // A bare scheme with nothing after it is not a link.
    let after = &s[at..];
    let scheme_len = if after.starts_with("https://") { 8 } else { 7 };
    after[scheme_len..]
        .chars()
        .next()
        .filter(|c| !c.is_whitespace())
        .map(|_| at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn mail() -> Outgoing {
        Outgoing {
            from: "support@desk.test".into(),
            reply_to: Some("replies@desk.test".into()),
            to: "Alice <alice@example.com>".into(),
            lang: Lang::Fr,
            subject: "[#7] Réponse à votre demande".into(),
            body_text:
                "Bonjour Alice,\n\nVotre page : https://desk.test/t/abc.\nÀ bientôt <b>!</b>\n"
                    .into(),
            message_id: "<t7.n.m@desk.test>".into(),
            in_reply_to: Some("<c1@example.com>".into()),
            references: vec!["<c0@example.com>".into(), "<c1@example.com>".into()],
            auto_submitted: true,
        }
    }

    fn formatted(m: &Outgoing) -> String {
        String::from_utf8(message(m).expect("message").formatted()).expect("utf-8")
    }

    #[test]
    fn the_headers_thread_and_mark_the_mail() {
        let text = formatted(&mail());
        let head = text.split("\r\n\r\n").next().unwrap_or_default();
        for want in [
            "From: support@desk.test",
            "Reply-To: replies@desk.test",
            "Message-ID: <t7.n.m@desk.test>",
            "In-Reply-To: <c1@example.com>",
            "References: <c0@example.com> <c1@example.com>",
            "Auto-Submitted: auto-replied",
            "Content-Language: fr",
        ] {
            assert!(head.contains(want), "{want} missing in\n{head}");
        }
        // The French words of the subject are encoded words, never raw 8-bit in a header.
        assert!(head.contains("Subject: [#7] =?utf-8?"), "{head}");
        assert!(head.is_ascii(), "{head}");
    }

    #[test]
    fn a_mail_from_an_agent_is_not_marked_automatic() {
        let text = formatted(&Outgoing {
            auto_submitted: false,
            ..mail()
        });
        assert!(!text.contains("Auto-Submitted"));
    }

    #[test]
    fn the_html_part_escapes_the_text_and_links_the_urls() {
        let html = html_of(&mail()).expect("html");
        assert!(html.contains(r#"<html lang="fr">"#), "{html}");
        assert!(
            html.contains(r#"<a href="https://desk.test/t/abc" "#),
            "{html}"
        );
        assert!(html.contains("&#60;b&#62;!&#60;/b&#62;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert_eq!(html.matches("<p ").count(), 2, "{html}");
    }

    #[test]
    fn links_leave_the_closing_punctuation_out() {
        assert_eq!(
            parts_of("see (https://a.test/x), then"),
            vec![
                Part::Text("see (".into()),
                Part::Link("https://a.test/x".into()),
                Part::Text("), then".into()),
            ]
        );
        assert_eq!(
            parts_of("http:// alone"),
            vec![Part::Text("http:// alone".into())]
        );
    }

    #[test]
    fn a_bad_stored_address_is_an_error_not_a_panic() {
        let bad = Outgoing {
            to: "not an address".into(),
            ..mail()
        };
        assert!(matches!(message(&bad), Err(ComposeError::Address(_))));
    }
}
