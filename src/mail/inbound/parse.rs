//! Raw RFC 822 bytes into a [`ParsedMail`].

use mail_parser::MimeHeaders;

use crate::domain::email::EmailAddress;

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
    // The parser is lenient and reads any bytes as a body; a "mail" without a single header
    // is not one.
    if msg.headers().is_empty() {
        return Err(ParseError::Unparsable);
    }
    let from = msg
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .and_then(|a| EmailAddress::parse(a).ok())
        .ok_or(ParseError::NoSender)?;
    let ids = |v: &mail_parser::HeaderValue<'_>| -> Vec<String> {
        v.as_text_list()
            .map(|l| l.iter().map(|s| s.trim().to_string()).collect())
            .unwrap_or_default()
    };
    Ok(ParsedMail {
        message_id: msg
            .message_id()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        from: Some(from),
        from_name: msg
            .from()
            .and_then(|a| a.first())
            .and_then(|a| a.name())
            .map(str::to_string),
        subject: msg.subject().unwrap_or("").to_string(),
        in_reply_to: ids(msg.in_reply_to()),
        references: ids(msg.references()),
        text: msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        attachments: Vec::new(),
        headers: headers(&msg, raw),
        content_type: msg
            .content_type()
            .map(|ct| match ct.subtype() {
                Some(sub) => format!("{}/{}", ct.ctype(), sub),
                None => ct.ctype().to_string(),
            })
            .unwrap_or_else(|| "text/plain".into())
            .to_ascii_lowercase(),
    })
}

/// Every top-level header: its name lower-cased and its raw value unfolded and trimmed.
fn headers(msg: &mail_parser::Message<'_>, raw: &[u8]) -> Vec<(String, String)> {
    msg.headers()
        .iter()
        .map(|h| {
            let start = (h.offset_start as usize).min(raw.len());
            let end = (h.offset_end as usize).clamp(start, raw.len());
            let value = String::from_utf8_lossy(&raw[start..end])
                .replace("\r\n", " ")
                .replace(['\r', '\n'], " ");
            (h.name.as_str().to_ascii_lowercase(), value.trim().to_string())
        })
        .collect()
}
