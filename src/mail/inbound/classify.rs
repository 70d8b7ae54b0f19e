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

pub fn classify(mail: &ParsedMail) -> Option<Automatic> {
    mail.header("auto-submitted")
        .filter(|v| !v.trim().eq_ignore_ascii_case("no"))
        .map(|_| Automatic::AutoReply)
}
