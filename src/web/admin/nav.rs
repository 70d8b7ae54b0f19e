//! The one navigation between the admin pages (`templates/admin/nav.html`), shown at the top
//! of every admin page with the current page marked `aria-current`.

use crate::i18n::{self, Lang, Msg};

/// One link of the navigation.
pub struct NavLink {
    pub href: &'static str,
    pub text: String,
    pub current: bool,
}

/// The admin navigation, for `templates/admin/nav.html`.
pub struct AdminNav {
    /// The landmark's name (`aria-label`), apart from the agents' navigation above it.
    pub label: String,
    pub links: Vec<NavLink>,
}

/// Every admin page: its name in `AdminNav::new`, its path and its link text.
const PAGES: [(&str, &str, Msg); 9] = [
    ("agents", "/admin/agents", Msg::AdminNavAgents),
    ("tokens", "/admin/tokens", Msg::AdminNavTokens),
    ("canned", "/admin/canned", Msg::AdminNavCanned),
    ("settings", "/admin/settings", Msg::AdminNavSettings),
    ("products", "/admin/products", Msg::AdminNavProducts),
    ("purchases", "/admin/purchases", Msg::AdminNavPurchases),
    ("import", "/admin/purchases/import", Msg::AdminNavImport),
    ("audit", "/admin/audit", Msg::AdminAuditTitle),
    ("privacy", "/admin/privacy", Msg::AdminNavPrivacy),
];

impl AdminNav {
    /// The navigation with `current` (one of the names above, or `""` for a page that is none
    /// of them, such as one product's page) marked.
    pub fn new(lang: Lang, current: &str) -> AdminNav {
        AdminNav {
            label: i18n::text(lang, Msg::AdminNavLabel, &[]),
            links: PAGES
                .iter()
                .map(|&(name, href, msg)| NavLink {
                    href,
                    text: i18n::text(lang, msg, &[]),
                    current: name == current,
                })
                .collect(),
        }
    }
}
