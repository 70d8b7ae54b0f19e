//! Where a ticket or a message came from, and who wrote a message.

/// The way a ticket or message reached the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Web,
    Api,
    Mail,
    Demo,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Web, Channel::Api, Channel::Mail, Channel::Demo];

    /// The name stored in the database and used as a metrics label.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Api => "api",
            Channel::Mail => "mail",
            Channel::Demo => "demo",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Author {
    Customer,
    Agent,
    System,
}

impl Author {
    pub const ALL: [Author; 3] = [Author::Customer, Author::Agent, Author::System];

    /// The name stored in the database and shown in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Customer => "customer",
            Author::Agent => "agent",
            Author::System => "system",
        }
    }

    pub fn parse(s: &str) -> Option<Author> {
        Author::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        for a in Author::ALL {
            assert_eq!(Author::parse(a.as_str()), Some(a));
        }
        assert_eq!(Channel::parse("Web"), None);
        assert_eq!(Author::parse(""), None);
    }
}
