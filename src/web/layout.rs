//! What every page's layout (`templates/base.html`) needs: the page language and the texts of
//! the header and footer. Each page struct carries one as `layout`.

use crate::i18n::{self, Lang, Msg};

#[derive(Debug, Clone)]
pub struct Layout {
    pub lang: Lang,
    pub desk: String,
    pub language: String,
    pub skip: String,
    pub privacy: String,
}

impl Layout {
    pub fn new(lang: Lang) -> Layout {
        Layout {
            lang,
            desk: i18n::text(lang, Msg::LayoutDeskName, &[]),
            language: i18n::text(lang, Msg::LayoutLanguage, &[]),
            skip: i18n::text(lang, Msg::LayoutSkip, &[]),
            privacy: i18n::text(lang, Msg::LayoutPrivacy, &[]),
        }
    }

    /// The `lang` attribute of the page.
    pub fn code(&self) -> &'static str {
        self.lang.as_str()
    }

    pub fn is_fr(&self) -> bool {
        self.lang == Lang::Fr
    }

    /// A message without arguments in the page language (for templates).
    pub fn t(&self, msg: Msg) -> String {
        i18n::text(self.lang, msg, &[])
    }
}
