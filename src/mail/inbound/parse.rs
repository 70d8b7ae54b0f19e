//! Raw RFC 822 bytes into a [`ParsedMail`].

use mail_parser::MimeHeaders;

use crate::domain::email::EmailAddress;
use crate::domain::text::normalize_newlines;

#[path = "parse_html.rs"]
mod html;

/// What guichet reads from a mail.
#[derive(Debug, Clone, Default)]
pub struct ParsedMail {
    /// The Message-ID without its angle brackets; `None` when absent or empty.
    pub message_id: Option<String>,
    pub from: Option<EmailAddress>,
    pub from_name: Option<String>,
    /// Decoded, on one line.
    pub subject: String,
    /// Message-IDs without angle brackets.
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    /// The readable body: the text/plain part, else the HTML part turned into text; LF line
    /// ends, no control characters but newlines and tabs.
    pub text: String,
    pub attachments: Vec<InboundFile>,
    /// Header values the classification and DMARC checks read, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The top-level content type, lower-cased (`multipart/report` for bounces).
    pub content_type: String,
}

impl ParsedMail {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundFile {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the message cannot be parsed as RFC 822")]
    Unparsable,
    #[error("the message has no readable From address")]
    NoSender,
}

impl ParseError {
    /// The REASON of the `quarantined REASON` outcome line.
    pub fn reason(&self) -> &'static str {
        match self {
            ParseError::Unparsable => "unparsable",
            ParseError::NoSender => "no-sender",
        }
    }
}

pub fn parse(raw: &[u8]) -> Result<ParsedMail, ParseError> {
    let msg = mail_parser::MessageParser::default()
        .parse(raw)
        .ok_or(ParseError::Unparsable)?;
    // mail-parser accepts almost anything, including bytes with no header at all (it then
    // reads garbage as one odd header): a mail without a single known RFC header is not a mail.
    if msg
        .headers()
        .iter()
        .all(|h| matches!(h.name, mail_parser::HeaderName::Other(_)))
    {
        return Err(ParseError::Unparsable);
    }
    let from = msg
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .and_then(|a| EmailAddress::parse(a.trim()).ok())
        .ok_or(ParseError::NoSender)?;
    let ids = |v: &mail_parser::HeaderValue<'_>| -> Vec<String> {
        v.as_text_list()
            .map(|l| {
                l.iter()
                    .map(|s| s.trim().trim_matches(['<', '>']).to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let headers = msg
        .headers()
        .iter()
        .map(|h| {
            let start = h.offset_start() as usize;
            let end = h.offset_end() as usize;
            let value = raw
                .get(start..end)
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            (h.name().to_ascii_lowercase(), unfold(&value))
        })
        .collect();
    let content_type = msg
        .content_type()
        .map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub),
            None => ct.ctype().to_string(),
        })
        .unwrap_or_else(|| "text/plain".to_string())
        .to_ascii_lowercase();
    Ok(ParsedMail {
        message_id: msg
            .message_id()
            .map(|s| s.trim().trim_matches(['<', '>']).to_string())
            .filter(|s| !s.is_empty()),
        from: Some(from),
        from_name: msg
            .from()
            .and_then(|a| a.first())
            .and_then(|a| a.name())
            .map(|n| one_line(n).trim().to_string())
            .filter(|n| !n.is_empty()),
        subject: one_line(msg.subject().unwrap_or("")).trim().to_string(),
        in_reply_to: ids(msg.in_reply_to()),
        references: ids(msg.references()),
        text: clean_body(&body_text(&msg)),
        attachments: attachments(&msg),
        headers,
        content_type,
    })
}

/// The readable body: the first text/plain part, else the first HTML part as text.
fn body_text(msg: &mail_parser::Message<'_>) -> String {
    if let Some(part) = msg.text_bodies().find(|p| !p.is_text_html()) {
        if let mail_parser::PartType::Text(t) = &part.body {
            return t.to_string();
        }
    }
    if let Some(part) = msg.html_bodies().next() {
        if let mail_parser::PartType::Html(h) = &part.body {
            return html::to_text(h);
        }
    }
    String::new()
}

/// Every part that is not the inline body: named parts, and unnamed parts that are not text.
fn attachments(msg: &mail_parser::Message<'_>) -> Vec<InboundFile> {
    msg.attachments()
        .filter_map(|part| {
            let content_type = part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_string(),
                })
                .unwrap_or_else(|| "application/octet-stream".to_string())
                .to_ascii_lowercase();
            let name = part
                .attachment_name()
                .map(|n| one_line(n).trim().to_string());
            let filename = match name.filter(|n| !n.is_empty()) {
                Some(n) => n,
                None if part.is_text() => return None,
                None => "attachment".to_string(),
            };
            Some(InboundFile {
                filename,
                content_type,
                bytes: part.contents().to_vec(),
            })
        })
        .collect()
}

/// A raw header value on one line: folding (CRLF + white space) becomes one space.
fn unfold(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, line) in value.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if i > 0 {
            out.push(' ');
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
    }
    out.trim().to_string()
}

/// Control characters (line breaks included) become spaces: a subject is stored on one line.
fn one_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// LF line ends and no control characters but newlines and tabs, as a stored body must be.
fn clean_body(text: &str) -> String {
    normalize_newlines(text)
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect()
}
