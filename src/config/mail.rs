//! The mail settings, parsed once: the SMTP and IMAP servers as typed values (a bad URL stops
//! start-up naming its key), the addresses mail is sent from, and the workers' timings.

use std::time::Duration;

use super::{ConfigError, Layers, parse_u32};
use crate::domain::email::EmailAddress;

#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `None`: no SMTP server; mail is written as `.eml` files under `DATA_DIR/mail-out`.
    pub smtp: Option<SmtpServer>,
    pub smtp_timeout: Duration,
    pub from: EmailAddress,
    pub reply_to: Option<EmailAddress>,
    pub outbox_interval: Duration,
    pub outbox_retry_base: Duration,
    pub outbox_retry_max: Duration,
    pub outbox_max_attempts: u32,
    pub outbox_lease: Duration,
    /// Mails in flight at once per process, at least 1.
    pub outbox_senders: usize,
    /// `None`: no poller.
    pub imap: Option<ImapServer>,
    pub imap_interval: Duration,
    pub imap_retry_max: Duration,
    pub max_bytes: usize,
    /// The authserv-id whose `Authentication-Results` header is trusted; `None` trusts none.
    pub authserv_id: Option<String>,
    pub timers_interval: Duration,
}

impl MailConfig {
    pub(super) fn resolve(layers: &Layers, public_url: &str) -> Result<MailConfig, ConfigError> {
        let millis = |key: &str| -> Result<Duration, ConfigError> {
            Ok(Duration::from_millis(u64::from(
                layers.parse(key, parse_u32)?,
            )))
        };
        let host = crate::domain::text::host_of_url(public_url);
        let from = layers.parse("mail_from", |s| {
            let s = if s.is_empty() {
                format!("support@{host}")
            } else {
                s.to_string()
            };
            EmailAddress::parse(&s).map_err(|_| format!("expected an email address, got {s:?}"))
        })?;
        let reply_to = layers.parse("reply_to", |s| {
            if s.is_empty() {
                Ok(None)
            } else {
                EmailAddress::parse(s)
                    .map(Some)
                    .map_err(|_| format!("expected an email address, got {s:?}"))
            }
        })?;
        Ok(MailConfig {
            smtp: layers.parse("smtp_url", SmtpServer::parse_setting)?,
            smtp_timeout: millis("smtp_timeout_ms")?,
            from,
            reply_to,
            outbox_interval: millis("outbox_interval_ms")?,
            outbox_retry_base: millis("outbox_retry_base_ms")?,
            outbox_retry_max: millis("outbox_retry_max_ms")?,
            outbox_max_attempts: layers.parse("outbox_max_attempts", parse_u32)?.max(1),
            outbox_lease: millis("outbox_lease_ms")?,
            outbox_senders: layers.parse("outbox_senders", parse_u32)?.clamp(1, 64) as usize,
            imap: layers.parse("imap_url", ImapServer::parse_setting)?,
            imap_interval: millis("imap_interval_ms")?,
            imap_retry_max: millis("imap_retry_max_ms")?,
            max_bytes: layers.parse("mail_max_bytes", parse_u32)? as usize,
            authserv_id: layers.parse("authserv_id", |s| {
                Ok(Some(s.to_string()).filter(|s| !s.is_empty()))
            })?,
            timers_interval: millis("timers_interval_ms")?,
        })
    }
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// `smtp://`: STARTTLS, required.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Tls,
    /// `smtp+plain://`: no TLS at all; for a relay on loopback.
    Plain,
}

#[derive(Clone, PartialEq, Eq)]
pub struct SmtpServer {
    pub security: SmtpSecurity,
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    pub password: Option<String>,
}

// The password never reaches a log line.
impl std::fmt::Debug for SmtpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpServer")
            .field("security", &self.security)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl SmtpServer {
    fn parse_setting(s: &str) -> Result<Option<SmtpServer>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        let url = ServerUrl::parse(s)?;
        let (security, default_port) = match url.scheme.as_str() {
            "smtp" => (SmtpSecurity::StartTls, 587),
            "smtps" => (SmtpSecurity::Tls, 465),
            "smtp+plain" => (SmtpSecurity::Plain, 25),
            other => {
                return Err(format!(
                    "expected smtp://, smtps:// or smtp+plain://, got {other}://"
                ));
            }
        };
        Ok(Some(SmtpServer {
            security,
            host: url.host,
            port: url.port.unwrap_or(default_port),
            user: url.user,
            password: url.password,
        }))
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct ImapServer {
    /// `imaps://`: TLS from the first byte; `imap://`: plain (loopback or a trusted network).
    pub tls: bool,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
    pub mailbox: String,
}

impl std::fmt::Debug for ImapServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImapServer")
            .field("tls", &self.tls)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("mailbox", &self.mailbox)
            .finish_non_exhaustive()
    }
}

impl ImapServer {
    fn parse_setting(s: &str) -> Result<Option<ImapServer>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        let url = ServerUrl::parse(s)?;
        let (tls, default_port) = match url.scheme.as_str() {
            "imap" => (false, 143),
            "imaps" => (true, 993),
            other => return Err(format!("expected imap:// or imaps://, got {other}://")),
        };
        let (Some(user), Some(password)) = (url.user, url.password) else {
            return Err("expected a user and a password: imap://user:password@host/MAILBOX".into());
        };
        Ok(Some(ImapServer {
            tls,
            host: url.host,
            port: url.port.unwrap_or(default_port),
            user,
            password,
            mailbox: Some(url.path)
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| "INBOX".into()),
        }))
    }
}

/// `scheme://[user[:password]@]host[:port][/path]`, with percent-escapes decoded in the user,
/// password and path.
struct ServerUrl {
    scheme: String,
    user: Option<String>,
    password: Option<String>,
    host: String,
    port: Option<u16>,
    path: String,
}

impl ServerUrl {
    fn parse(s: &str) -> Result<ServerUrl, String> {
        let (scheme, rest) = s
            .split_once("://")
            .ok_or_else(|| "expected a URL such as smtp://host:587".to_string())?;
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (user, password) = match userinfo {
            Some(u) => match u.split_once(':') {
                Some((user, pw)) => (Some(decode(user)?), Some(decode(pw)?)),
                None => (Some(decode(u)?), None),
            },
            None => (None, None),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => {
                let port = p
                    .parse::<u16>()
                    .map_err(|_| format!("expected a port number, got {p:?}"))?;
                (h, Some(port))
            }
            _ => (hostport, None),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() {
            return Err("the URL names no host".into());
        }
        Ok(ServerUrl {
            scheme: scheme.to_ascii_lowercase(),
            user: user.filter(|u| !u.is_empty()),
            password,
            host: host.to_string(),
            port,
            path: decode(path)?,
        })
    }
}

fn decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| "a % in the URL is not followed by two hex digits".to_string())?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "the URL's escapes are not UTF-8".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_parse_with_their_security() {
        let s = SmtpServer::parse_setting("smtp://u%40x:p%3Aw@mail.example:2525")
            .expect("parses")
            .expect("some");
        assert_eq!(s.security, SmtpSecurity::StartTls);
        assert_eq!((s.host.as_str(), s.port), ("mail.example", 2525));
        assert_eq!(s.user.as_deref(), Some("u@x"));
        assert_eq!(s.password.as_deref(), Some("p:w"));
        let s = SmtpServer::parse_setting("smtps://mail.example")
            .expect("ok")
            .expect("some");
        assert_eq!((s.security, s.port), (SmtpSecurity::Tls, 465));
        let s = SmtpServer::parse_setting("smtp+plain://127.0.0.1:2525")
            .expect("ok")
            .expect("some");
        assert_eq!(
            (s.security, s.port, s.user),
            (SmtpSecurity::Plain, 2525, None)
        );
        assert_eq!(SmtpServer::parse_setting("").expect("ok"), None);
        assert!(SmtpServer::parse_setting("http://x").is_err());
        assert!(SmtpServer::parse_setting("smtp://x:port").is_err());
        assert!(SmtpServer::parse_setting("smtp://").is_err());
    }

    #[test]
    fn imap_urls_need_credentials_and_default_to_inbox() {
        let i = ImapServer::parse_setting("imap://desk:secret@127.0.0.1:1143/Support%20Mail")
            .expect("parses")
            .expect("some");
        assert!(!i.tls);
        assert_eq!((i.host.as_str(), i.port), ("127.0.0.1", 1143));
        assert_eq!((i.user.as_str(), i.password.as_str()), ("desk", "secret"));
        assert_eq!(i.mailbox, "Support Mail");
        let i = ImapServer::parse_setting("imaps://a:hunter2@mail.example")
            .expect("ok")
            .expect("some");
        assert_eq!((i.tls, i.port, i.mailbox.as_str()), (true, 993, "INBOX"));
        assert!(ImapServer::parse_setting("imap://mail.example/INBOX").is_err());
        let shown = format!("{i:?}");
        assert!(
            shown.contains("mail.example") && !shown.contains("hunter2"),
            "{shown}"
        );
    }
}
