//! Identifiers that cross layers, typed so a ticket number cannot be passed where an agent or a
//! product id is expected.

/// A ticket's number: its database id, shown to customers as `#N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TicketId(i64);

impl TicketId {
    pub const fn new(n: i64) -> TicketId {
        TicketId(n)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    /// The number by reference, for writers that borrow the value they write.
    pub fn as_i64_ref(&self) -> &i64 {
        &self.0
    }

    /// A number as written in a URL, a subject tag or a command: digits only, at least 1.
    pub fn parse(text: &str) -> Option<TicketId> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse::<i64>().ok().filter(|n| *n > 0).map(TicketId)
    }
}

impl std::fmt::Display for TicketId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_from_digits_only() {
        assert_eq!(TicketId::parse("42"), Some(TicketId::new(42)));
        assert_eq!(TicketId::parse("0"), None);
        assert_eq!(TicketId::parse("-3"), None);
        assert_eq!(TicketId::parse("+3"), None);
        assert_eq!(TicketId::parse(" 3"), None);
        assert_eq!(TicketId::parse("99999999999999999999"), None);
        assert_eq!(TicketId::new(7).to_string(), "7");
    }
}
