//! The languages guichet speaks, and how to pick one from a request.

use std::fmt;

use serde::{Deserialize, Serialize};
use unic_langid::{LanguageIdentifier, langid};

/// A language every page and mail exists in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English, the fallback when nothing better is known.
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Every supported language.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The code stored on tickets and used in the API (`en`, `fr`).
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Reads a language tag such as `fr`, `fr-FR`, `fr_CA` or `EN`: only the
    /// primary language matters, since both catalogues are region-neutral.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|lang| lang.as_str().eq_ignore_ascii_case(primary))
    }

    /// The best supported language of an `Accept-Language` header.
    ///
    /// Ranges are taken by descending q-value, ties in the order written; the
    /// first one we support wins. `q=0` means "not this one". A malformed
    /// q-value drops that range rather than the whole header. `*` is not
    /// resolved here: `None` lets the caller fall back to the desk's default
    /// language.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranges: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|item| {
                let mut pieces = item.split(';');
                let tag = pieces.next()?.trim();
                let mut q = 1.0_f32;
                for param in pieces {
                    let (name, value) = param.split_once('=')?;
                    if name.trim().eq_ignore_ascii_case("q") {
                        q = value
                            .trim()
                            .parse()
                            .ok()
                            .filter(|q: &f32| (0.0..=1.0).contains(q))?;
                    }
                }
                (!tag.is_empty() && q > 0.0).then_some((q, tag))
            })
            .collect();
        // A stable sort keeps the written order among equal q-values.
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranges.into_iter().find_map(|(_, tag)| Lang::parse(tag))
    }

    /// The Fluent locale of the language.
    pub fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::En => langid!("en"),
            Lang::Fr => langid!("fr"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_with_regions_and_any_case_are_read() {
        assert_eq!(Lang::parse("fr"), Some(Lang::Fr));
        assert_eq!(Lang::parse("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::parse("fr_CA"), Some(Lang::Fr));
        assert_eq!(Lang::parse(" EN "), Some(Lang::En));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse("french"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn codes_round_trip_and_default_is_english() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.as_str()), Some(lang));
        }
        assert_eq!(Lang::default(), Lang::En);
    }

    #[test]
    fn swiss_french_browser_gets_french() {
        assert_eq!(
            Lang::from_accept_language("fr-CH, fr;q=0.9, en;q=0.8"),
            Some(Lang::Fr)
        );
    }

    #[test]
    fn unsupported_first_choice_falls_to_next_supported() {
        assert_eq!(Lang::from_accept_language("de, en;q=0.5"), Some(Lang::En));
    }

    #[test]
    fn nothing_supported_gives_none() {
        assert_eq!(Lang::from_accept_language("de"), None);
        assert_eq!(Lang::from_accept_language(""), None);
        assert_eq!(Lang::from_accept_language("*"), None);
    }

    #[test]
    fn q_values_beat_written_order() {
        assert_eq!(
            Lang::from_accept_language("en;q=0.3, de;q=0.9, fr;q=0.7"),
            Some(Lang::Fr)
        );
    }

    #[test]
    fn equal_q_values_keep_written_order() {
        assert_eq!(
            Lang::from_accept_language("fr;q=0.5, en;q=0.5"),
            Some(Lang::Fr)
        );
    }

    #[test]
    fn q_zero_refuses_a_language() {
        assert_eq!(
            Lang::from_accept_language("fr;q=0, en;q=0.1"),
            Some(Lang::En)
        );
    }

    #[test]
    fn malformed_q_drops_only_that_range() {
        assert_eq!(
            Lang::from_accept_language("fr;q=abc, en;q=0.2"),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_accept_language("fr;q=2, en;q=0.2"),
            Some(Lang::En)
        );
    }
}
