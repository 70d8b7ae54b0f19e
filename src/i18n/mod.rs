//! Customer-facing text in English and French, with Fluent.
//!
//! The catalogues live in `locales/{en,fr}/guichet.ftl` and are compiled into
//! the binary, so a deployed guichet can never miss a translation file. Each
//! is parsed once, on first use. A catalogue that does not parse is a bug in
//! this repository, not a runtime condition: it panics with Fluent's message,
//! and the tests below make sure it never ships.

mod lang;

pub use lang::Lang;

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::eligibility::Refusal;
use crate::domain::version::Version;

const EN_FTL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/locales/en/guichet.ftl"
));
const FR_FTL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/locales/fr/guichet.ftl"
));

type Bundle = FluentBundle<FluentResource>;

/// The catalogue source of a language.
fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN_FTL,
        Lang::Fr => FR_FTL,
    }
}

fn build(lang: Lang) -> Bundle {
    let resource = FluentResource::try_new(source(lang).to_owned())
        .unwrap_or_else(|(_, errors)| panic!("the {lang} catalogue does not parse: {errors:?}"));
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    // Isolation marks (U+2068/U+2069) protect right-to-left text in HTML but
    // show up as garbage in plain-text mail; neither language needs them.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("the {lang} catalogue has duplicate ids: {errors:?}"));
    bundle
}

fn bundle(lang: Lang) -> &'static Bundle {
    static EN: OnceLock<Bundle> = OnceLock::new();
    static FR: OnceLock<Bundle> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| build(Lang::En)),
        Lang::Fr => FR.get_or_init(|| build(Lang::Fr)),
    }
}

/// The message `id` in `lang`, with `args` filled in.
///
/// A missing id returns the id itself, so a page still renders something
/// recognisable; the catalogue tests are what keep that from happening.
///
/// Arguments are strings: dates and versions are formatted by the caller
/// the way the policy wants them (YYYY-MM-DD, dotted numbers). A small
/// plain integer (see [`as_count`]) is passed to Fluent as a number instead,
/// so that plural variants (`[one]`, `*[other]`) can select on it; it
/// prints exactly the same.
pub fn text(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match as_count(value) {
            Some(n) => FluentValue::from(n),
            None => FluentValue::from(value.clone()),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// Reads a count: one to nine ASCII digits without a leading zero (or `0`).
///
/// Anything else stays text. The limits keep identifiers intact: `007`
/// would lose its zeros and a long order number its precision as a float.
fn as_count(value: &str) -> Option<u32> {
    let plain = !value.is_empty()
        && value.len() <= 9
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    if plain { value.parse().ok() } else { None }
}

/// The catalogue id of the message for a refusal.
pub fn refusal_message_id(refusal: &Refusal) -> &'static str {
    match refusal {
        Refusal::NoPurchase => "refusal-no-purchase",
        Refusal::ProductNotPurchased => "refusal-product-not-purchased",
        Refusal::SupportExpired { .. } => "refusal-support-expired",
        Refusal::VersionTooOld { .. } => "refusal-version-too-old",
        Refusal::UnknownVersion { .. } => "refusal-unknown-version",
    }
}

fn version_list(versions: &[Version]) -> String {
    versions
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a refused customer reads: why, and what to do about it.
pub fn refusal_message(lang: Lang, refusal: &Refusal) -> String {
    let args: Vec<(&str, String)> = match refusal {
        Refusal::NoPurchase | Refusal::ProductNotPurchased => Vec::new(),
        Refusal::SupportExpired { until } => {
            vec![("until", until.format("%Y-%m-%d").to_string())]
        }
        Refusal::VersionTooOld { latest } => vec![("latest", latest.to_string())],
        Refusal::UnknownVersion { supported } => vec![("supported", version_list(supported))],
    };
    text(lang, refusal_message_id(refusal), &args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    use chrono::NaiveDate;

    /// Message (and term) ids of a catalogue, each with the variables it uses.
    ///
    /// A plain scan of the source is enough for our catalogues: an entry
    /// starts at column 0 with `id =`, continues on indented (or blank)
    /// lines until a comment or the next entry, and variables are written
    /// `$name`.
    fn entries(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut entries: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for line in source.lines() {
            let starts_entry = line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '-');
            if starts_entry {
                let id = line.split('=').next().unwrap_or_default().trim().to_owned();
                entries.entry(id.clone()).or_default();
                current = Some(id);
            } else if line.starts_with('#') {
                current = None;
                continue;
            }
            if let Some(id) = &current {
                let vars = line.split('$').skip(1).map(|rest| {
                    rest.chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect::<String>()
                });
                entries.entry(id.clone()).or_default().extend(vars);
            }
        }
        entries
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date parses")
    }

    fn v(s: &str) -> Version {
        Version::parse(s).expect("test version parses")
    }

    #[test]
    fn every_catalogue_parses() {
        for lang in Lang::ALL {
            assert!(
                FluentResource::try_new(source(lang).to_owned()).is_ok(),
                "{lang}"
            );
            // Building the bundle also rejects duplicate ids.
            let _ = bundle(lang);
        }
    }

    #[test]
    fn catalogues_have_the_same_ids_and_variables() {
        let en = entries(EN_FTL);
        let fr = entries(FR_FTL);
        assert!(!en.is_empty());
        let en_ids: BTreeSet<&String> = en.keys().collect();
        let fr_ids: BTreeSet<&String> = fr.keys().collect();
        assert_eq!(
            en_ids.symmetric_difference(&fr_ids).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "ids present in one language only"
        );
        for (id, vars) in &en {
            assert_eq!(Some(vars), fr.get(id), "variables of {id}");
        }
    }

    #[test]
    fn scan_finds_ids_and_variables() {
        let found = entries(
            "# comment\nhello = Hi { $name }\n\n    and { $other }.\n\nbye = Bye\n# { $not_a_var }\n",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(
            found["hello"],
            BTreeSet::from(["name".to_owned(), "other".to_owned()])
        );
        assert!(found["bye"].is_empty());
    }

    #[test]
    fn every_message_renders_in_every_language() {
        for lang in Lang::ALL {
            for id in entries(source(lang))
                .keys()
                .filter(|id| !id.starts_with('-'))
            {
                let rendered = text(lang, id, &[]);
                assert!(!rendered.is_empty() && rendered != *id, "{lang} {id}");
            }
        }
    }

    #[test]
    fn missing_message_returns_its_id() {
        assert_eq!(text(Lang::Fr, "no-such-message", &[]), "no-such-message");
    }

    #[test]
    fn arguments_are_filled_without_isolation_marks() {
        let rendered = text(
            Lang::En,
            "refusal-version-too-old",
            &[("latest", "3.7.28".to_owned())],
        );
        assert!(rendered.contains("3.7.28"));
        assert!(!rendered.contains(['\u{2068}', '\u{2069}']));
    }

    #[test]
    fn every_refusal_renders_with_its_parameters_in_both_languages() {
        let cases: [(Refusal, &[&str]); 5] = [
            (Refusal::NoPurchase, &[]),
            (Refusal::ProductNotPurchased, &[]),
            (
                Refusal::SupportExpired {
                    until: d("2025-03-09"),
                },
                &["2025-03-09"],
            ),
            (
                Refusal::VersionTooOld {
                    latest: v("3.7.28"),
                },
                &["3.7.28"],
            ),
            (
                Refusal::UnknownVersion {
                    supported: vec![v("3.7.26"), v("3.7.27"), v("3.7.28")],
                },
                &["3.7.26, 3.7.27, 3.7.28"],
            ),
        ];
        let codes: Vec<&str> = cases.iter().map(|(r, _)| r.code()).collect();
        assert_eq!(codes, Refusal::ALL_CODES, "every code has a case");
        for lang in Lang::ALL {
            for (refusal, params) in &cases {
                let message = refusal_message(lang, refusal);
                assert!(!message.trim().is_empty(), "{lang} {}", refusal.code());
                assert_ne!(message, refusal_message_id(refusal), "{lang} missing");
                assert!(!message.contains('{'), "{lang} unfilled: {message}");
                for param in *params {
                    assert!(message.contains(param), "{lang} {message} lacks {param}");
                }
            }
        }
    }

    #[test]
    fn refusal_messages_say_what_to_do() {
        let expired = Refusal::SupportExpired {
            until: d("2025-03-09"),
        };
        assert!(refusal_message(Lang::En, &expired).contains("extension"));
        assert!(refusal_message(Lang::Fr, &expired).contains("extension"));
        assert!(refusal_message(Lang::En, &Refusal::NoPurchase).contains("checkout"));
        assert!(refusal_message(Lang::Fr, &Refusal::NoPurchase).contains("commande"));
    }

    #[test]
    fn french_punctuation_is_not_split_from_its_word() {
        // A plain space before : ; ? ! lets a line break strand the sign.
        for line in FR_FTL.lines().filter(|l| !l.starts_with('#')) {
            for sign in [" :", " ;", " ?", " !"] {
                assert!(!line.contains(sign), "plain space before {sign:?}: {line}");
            }
            assert!(!line.contains('\''), "typewriter apostrophe: {line}");
        }
    }

    #[test]
    fn counts_select_plural_variants() {
        let one = text(Lang::En, "wait-hours", &[("hours", "1".to_owned())]);
        let many = text(Lang::En, "wait-hours", &[("hours", "3".to_owned())]);
        assert!(one.contains("1 business hour."), "{one}");
        assert!(many.contains("3 business hours."), "{many}");
        let fr = text(Lang::Fr, "wait-hours", &[("hours", "1".to_owned())]);
        assert!(fr.contains("1\u{a0}heure ouvrée."), "{fr}");
    }

    #[test]
    fn only_small_plain_integers_become_numbers() {
        assert_eq!(as_count("0"), Some(0));
        assert_eq!(as_count("42"), Some(42));
        assert_eq!(as_count("999999999"), Some(999_999_999));
        for text in ["", "007", "1234567890", "3.7", "-1", "+1", " 1", "1e3"] {
            assert_eq!(as_count(text), None, "{text:?}");
        }
    }

    #[test]
    fn identifiers_keep_their_spelling() {
        let rendered = text(
            Lang::En,
            "mail-ack-subject",
            &[
                ("number", "1234567".to_owned()),
                ("subject", "007".to_owned()),
            ],
        );
        assert_eq!(rendered, "[#1234567] Request received: 007");
    }

    #[test]
    fn acknowledgment_asks_for_one_message_in_both_languages() {
        let args = [
            ("number", "42".to_owned()),
            ("subject", "PDF is blank".to_owned()),
            ("name", "Alice".to_owned()),
            ("portal_url", "https://desk.example/t/abc".to_owned()),
        ];
        for lang in Lang::ALL {
            let subject = text(lang, "mail-ack-subject", &args);
            assert!(subject.starts_with("[#42] "), "{subject}");
            let body = text(lang, "mail-ack-body", &args);
            for (_, value) in &args {
                assert!(body.contains(value.as_str()), "{lang}: {body}");
            }
            assert!(body.contains("\n\n"), "paragraphs are kept: {body}");
            assert!(!body.contains("\n    "), "indentation is stripped: {body}");
        }
        let en = text(Lang::En, "mail-ack-body", &args);
        assert!(en.contains("one message") && en.contains("end of the queue"));
        let fr = text(Lang::Fr, "mail-ack-body", &args);
        assert!(fr.contains("un seul message") && fr.contains("fin de file"));
    }

    #[test]
    fn required_messages_exist() {
        for lang in Lang::ALL {
            for id in ["invalid-version", "invalid-fields", "error-internal"] {
                assert_ne!(text(lang, id, &[]), id, "{lang} {id}");
            }
        }
    }
}
