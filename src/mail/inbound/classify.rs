//! Automatic mail: what guichet never answers and never turns into a ticket. Checked before
//! threading, so an out-of-office reply to one of our mails cannot re-queue its ticket, and two
//! robots cannot answer each other for ever.

use super::ParsedMail;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Automatic {
    AutoReply,
    Bounce,
    List,
}

impl Automatic {
    /// The word of the `ignored …` outcome line.
    pub fn as_str(self) -> &'static str {
        match self {
            Automatic::AutoReply => "auto-reply",
            Automatic::Bounce => "bounce",
            Automatic::List => "list",
        }
    }
}

/// Subject openings of vacation and out-of-office replies, lower-cased, for servers that send
/// them without any of the standard headers. Matched at the start only: "Re: out of office
/// hours, the plugin fails" is a customer's mail.
const VACATION_SUBJECTS: &[&str] = &[
    "auto:",
    "automatic reply",
    "auto-reply",
    "autoreply",
    "auto reply",
    "out of office",
    "out of the office",
    "ooo:",
    "away from the office",
    "on vacation",
    "vacation reply",
    "réponse automatique",
    "reponse automatique",
    "réponse auto",
    "absence du bureau",
    "absent du bureau",
    "absente du bureau",
    "message d'absence",
    "message d’absence",
    "en congé",
    "en congés",
    "abwesenheitsnotiz",
    "automatische antwort",
    "respuesta automática",
    "risposta automatica",
];

/// The kind of automatic mail `mail` is, or `None` for a person's mail.
pub fn classify(mail: &ParsedMail) -> Option<Automatic> {
    bounce(mail)
        .or_else(|| list(mail))
        .or_else(|| auto_reply(mail))
}

fn header_is(mail: &ParsedMail, name: &str) -> Option<String> {
    mail.header(name).map(|v| v.trim().to_ascii_lowercase())
}

fn bounce(mail: &ParsedMail) -> Option<Automatic> {
    // A delivery report: multipart/report (RFC 6522), or the null reverse path of RFC 5321.
    if mail.content_type.starts_with("multipart/report") {
        return Some(Automatic::Bounce);
    }
    if let Some(path) = header_is(mail, "return-path") {
        let bare: String = path.chars().filter(|c| !c.is_whitespace()).collect();
        if bare == "<>" || bare.is_empty() {
            return Some(Automatic::Bounce);
        }
    }
    let local = mail
        .from
        .as_ref()
        .and_then(|f| f.as_str().split('@').next().map(str::to_string))
        .unwrap_or_default();
    if ["mailer-daemon", "postmaster", "mail-daemon", "maildaemon"].contains(&local.as_str()) {
        return Some(Automatic::Bounce);
    }
    None
}

fn list(mail: &ParsedMail) -> Option<Automatic> {
    if let Some(p) = header_is(mail, "precedence")
        && ["bulk", "list", "junk"].contains(&p.as_str())
    {
        return Some(Automatic::List);
    }
    if mail.header("list-id").is_some() || mail.header("list-unsubscribe").is_some() {
        return Some(Automatic::List);
    }
    None
}

fn auto_reply(mail: &ParsedMail) -> Option<Automatic> {
    if let Some(v) = header_is(mail, "auto-submitted")
        && v.split(';').next().map(str::trim) != Some("no")
    {
        return Some(Automatic::AutoReply);
    }
    // `X-Auto-Response-Suppress` is deliberately absent: Outlook puts it on ordinary mail to ask
    // robots not to answer, which says nothing about the mail itself.
    for name in [
        "x-autoreply",
        "x-autorespond",
        "x-autoresponder",
        "x-auto-reply",
    ] {
        if mail.header(name).is_some() {
            return Some(Automatic::AutoReply);
        }
    }
    if header_is(mail, "x-ms-exchange-generated-message-source")
        .is_some_and(|v| v.contains("autoreply"))
    {
        return Some(Automatic::AutoReply);
    }
    let subject = mail.subject.trim_start().to_lowercase();
    if VACATION_SUBJECTS.iter().any(|p| subject.starts_with(p)) {
        return Some(Automatic::AutoReply);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::email::EmailAddress;

    fn mail(from: &str, subject: &str, headers: &[(&str, &str)]) -> ParsedMail {
        ParsedMail {
            from: EmailAddress::parse(from).ok(),
            subject: subject.into(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_ascii_lowercase(), v.to_string()))
                .collect(),
            content_type: "text/plain".into(),
            ..ParsedMail::default()
        }
    }

    #[test]
    fn auto_submitted_other_than_no_is_an_auto_reply() {
        let m = mail("a@example.com", "Hi", &[("Auto-Submitted", "auto-replied")]);
        assert_eq!(classify(&m), Some(Automatic::AutoReply));
        let m = mail(
            "a@example.com",
            "Hi",
            &[("Auto-Submitted", "auto-generated; owner-email=x")],
        );
        assert_eq!(classify(&m), Some(Automatic::AutoReply));
        let m = mail("a@example.com", "Hi", &[("Auto-Submitted", "No")]);
        assert_eq!(classify(&m), None);
    }

    #[test]
    fn precedence_and_list_headers_are_list_mail() {
        for p in ["bulk", "list", "junk", " Bulk "] {
            let m = mail("a@example.com", "News", &[("Precedence", p)]);
            assert_eq!(classify(&m), Some(Automatic::List), "{p}");
        }
        let m = mail(
            "a@example.com",
            "News",
            &[("List-Id", "<news.example.com>")],
        );
        assert_eq!(classify(&m), Some(Automatic::List));
    }

    #[test]
    fn bounces_by_report_type_null_path_or_daemon_sender() {
        let mut m = mail("a@example.com", "Undelivered", &[]);
        m.content_type = "multipart/report".into();
        assert_eq!(classify(&m), Some(Automatic::Bounce));
        let m = mail("a@example.com", "Hi", &[("Return-Path", "<>")]);
        assert_eq!(classify(&m), Some(Automatic::Bounce));
        let m = mail("MAILER-DAEMON@mx.example.com", "Failure", &[]);
        assert_eq!(classify(&m), Some(Automatic::Bounce));
        let m = mail("postmaster@example.com", "Failure", &[]);
        assert_eq!(classify(&m), Some(Automatic::Bounce));
    }

    #[test]
    fn vacation_subjects_without_headers_in_english_and_french() {
        for s in [
            "Automatic reply: Rates not showing",
            "Out of Office: back Monday",
            "Réponse automatique : [#4] Rates",
            "Absence du bureau",
            "Auto: Re: invoice",
        ] {
            assert_eq!(
                classify(&mail("a@example.com", s, &[])),
                Some(Automatic::AutoReply),
                "{s}"
            );
        }
    }

    #[test]
    fn mails_that_only_look_automatic_are_not() {
        let m = mail(
            "a@example.com",
            "Re: [#4] Rates",
            &[("X-Auto-Response-Suppress", "All")],
        );
        assert_eq!(classify(&m), None);
        let m = mail(
            "a@example.com",
            "Re: out of office hours the shipping rates vanish",
            &[],
        );
        assert_eq!(classify(&m), None);
        let m = mail(
            "daemon.fan@example.com",
            "Automatically generated invoices are blank",
            &[],
        );
        assert_eq!(classify(&m), None);
        let m = mail("a@example.com", "Hi", &[("Return-Path", "<a@example.com>")]);
        assert_eq!(classify(&m), None);
    }
}
