//! Automatic mail: what guichet never answers and never turns into a ticket.

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

/// Subject prefixes of vacation replies from servers that set no header saying so.
const VACATION_PREFIXES: &[&str] = &[
    "auto:",
    "automatic reply",
    "autoreply",
    "auto-reply",
    "auto reply",
    "out of office",
    "out of the office",
    "réponse automatique",
    "reponse automatique",
    "absence",
    "absent",
    "abwesenheitsnotiz",
    "automatische antwort",
];

/// Bounces come first (a DSN may also carry Auto-Submitted), then auto-replies, then lists.
/// `Precedence: bulk` and `junk` are read as lists: vacation responders that set them also set
/// Auto-Submitted or a vacation subject, which are checked before.
pub fn classify(mail: &ParsedMail) -> Option<Automatic> {
    let header = |name: &str| mail.header(name).map(str::trim);
    if header("return-path").is_some_and(|v| v.trim_matches(['<', '>', ' ']).is_empty())
        || mail.content_type == "multipart/report"
        || mail.from.as_ref().is_some_and(|f| {
            let local = f
                .as_str()
                .split('@')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            local == "mailer-daemon" || local == "postmaster"
        })
    {
        return Some(Automatic::Bounce);
    }
    if header("auto-submitted").is_some_and(|v| !v.eq_ignore_ascii_case("no"))
        || ["x-autoreply", "x-autorespond", "x-autoresponder"]
            .iter()
            .any(|h| header(h).is_some())
        || is_vacation_subject(&mail.subject)
    {
        return Some(Automatic::AutoReply);
    }
    if header("precedence").is_some_and(|v| {
        ["bulk", "junk", "list"]
            .iter()
            .any(|p| v.eq_ignore_ascii_case(p))
    }) || header("list-id").is_some()
        || header("list-unsubscribe").is_some()
    {
        return Some(Automatic::List);
    }
    None
}

/// A subject that starts with a vacation prefix (after any "Re:"), not one that mentions it.
fn is_vacation_subject(subject: &str) -> bool {
    let lower = subject.trim().to_lowercase();
    VACATION_PREFIXES.iter().any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            // "Absent" must not match "Absentee ballot": the prefix ends at a word boundary.
            rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(headers: &[(&str, &str)], subject: &str) -> ParsedMail {
        ParsedMail {
            subject: subject.into(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            content_type: "text/plain".into(),
            ..Default::default()
        }
    }

    #[test]
    fn auto_submitted_no_is_human() {
        assert_eq!(classify(&mail(&[("auto-submitted", "no")], "Hi")), None);
        assert_eq!(
            classify(&mail(&[("auto-submitted", "auto-replied")], "Hi")),
            Some(Automatic::AutoReply)
        );
    }

    #[test]
    fn auto_response_suppress_is_not_automatic() {
        assert_eq!(
            classify(&mail(&[("x-auto-response-suppress", "All")], "Rates")),
            None
        );
    }

    #[test]
    fn vacation_subject_prefix_only() {
        assert!(is_vacation_subject("Out of Office: back Monday"));
        assert!(is_vacation_subject("Réponse automatique : absent"));
        assert!(!is_vacation_subject("Question about out of office hours"));
        assert!(!is_vacation_subject("Absentee list export"));
    }

    #[test]
    fn empty_return_path_is_bounce_and_list_id_is_list() {
        assert_eq!(
            classify(&mail(&[("return-path", "<>")], "x")),
            Some(Automatic::Bounce)
        );
        assert_eq!(
            classify(&mail(&[("list-id", "<news.example>")], "x")),
            Some(Automatic::List)
        );
    }
}
