//! Catalogue tests: both languages parse, carry exactly the messages of [`Msg`] with the
//! arguments it declares, and say what the policy needs said.

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
fn every_msg_has_a_value_in_every_catalogue() {
    for lang in Lang::ALL {
        for msg in Msg::ALL {
            let value = bundle(lang).get_message(msg.id()).and_then(|m| m.value());
            assert!(
                value.is_some(),
                "{lang} has no value for {msg:?} ({})",
                msg.id()
            );
        }
    }
}

#[test]
fn every_catalogue_message_is_a_msg() {
    let known: BTreeSet<&str> = Msg::ALL.iter().map(|m| m.id()).collect();
    assert_eq!(known.len(), Msg::ALL.len(), "two variants share an id");
    for lang in Lang::ALL {
        // Terms (`-name`) are shared pieces, not messages a caller can ask for.
        let ids: BTreeSet<String> = entries(source(lang))
            .into_keys()
            .filter(|id| !id.starts_with('-'))
            .collect();
        let unlisted: Vec<&String> = ids
            .iter()
            .filter(|id| !known.contains(id.as_str()))
            .collect();
        assert!(
            unlisted.is_empty(),
            "{lang} messages without a Msg: {unlisted:?}"
        );
    }
}

#[test]
fn every_msg_declares_the_arguments_its_messages_use() {
    for lang in Lang::ALL {
        let found = entries(source(lang));
        for msg in Msg::ALL {
            let declared: BTreeSet<String> = msg.args().iter().map(|a| a.to_string()).collect();
            assert_eq!(
                found.get(msg.id()),
                Some(&declared),
                "{lang} {} uses other arguments than {msg:?} declares",
                msg.id()
            );
        }
    }
}

#[test]
#[should_panic(expected = "takes")]
fn an_undeclared_argument_is_caught_in_debug_builds() {
    let _ = text(Lang::En, Msg::WaitHours, &[("hour", "3".to_owned())]);
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
        for msg in Msg::ALL {
            let args: Vec<(&str, String)> =
                msg.args().iter().map(|a| (*a, format!("<{a}>"))).collect();
            let rendered = text(lang, *msg, &args);
            assert!(
                !rendered.trim().is_empty() && rendered != msg.id(),
                "{lang} {msg:?}"
            );
            assert!(
                !rendered.contains('{'),
                "{lang} {msg:?} left a placeable: {rendered}"
            );
            for (name, value) in &args {
                assert!(
                    rendered.contains(value.as_str()),
                    "{lang} {msg:?} drops ${name}"
                );
            }
        }
    }
}

#[test]
fn french_api_messages_are_french() {
    // Each pair is distinctive words of the two languages: a message copied untranslated into
    // the French catalogue, or French left in the English one, fails here.
    let cases = [
        (Msg::ApiUnauthorized, "token", "jeton"),
        (Msg::ApiForbidden, "scope", "portée"),
        (Msg::ApiNoSuchRoute, "no such", "n’existe pas"),
        (Msg::ApiInvalidFields, "missing", "manquants"),
        (Msg::ApiBusy, "busy", "occupé"),
        (Msg::ApiInternal, "logged", "journal"),
        (Msg::FieldRequired, "required", "obligatoire"),
        (Msg::FieldBlank, "empty", "vide"),
        (Msg::FieldOneLine, "one line", "une seule ligne"),
        (
            Msg::FieldControlCharacter,
            "control character",
            "caractère de contrôle",
        ),
    ];
    for (msg, en, fr) in cases {
        let en_text = text(Lang::En, msg, &[]);
        let fr_text = text(Lang::Fr, msg, &[]);
        assert!(
            en_text.contains(en) && !en_text.contains(fr),
            "{msg:?}: {en_text}"
        );
        assert!(
            fr_text.contains(fr) && !fr_text.contains(en),
            "{msg:?}: {fr_text}"
        );
    }
}

/// `msg` in `lang` with text arguments.
fn say(lang: Lang, msg: Msg, args: &[(&str, &str)]) -> String {
    let args: Vec<(&str, String)> = args.iter().map(|(k, v)| (*k, v.to_string())).collect();
    text(lang, msg, &args)
}

#[test]
fn api_messages_keep_their_english_wording() {
    // The API answered these texts before they moved into the catalogue; clients may match them.
    let en = |msg, args: &[(&str, &str)]| say(Lang::En, msg, args);
    assert_eq!(
        en(Msg::ApiUnauthorized, &[]),
        "a valid bearer token is required"
    );
    assert_eq!(en(Msg::ApiNoSuchRoute, &[]), "no such API route");
    assert_eq!(
        en(Msg::ApiMethodNotAllowed, &[("allow", "GET")]),
        "this route accepts GET only"
    );
    assert_eq!(
        en(Msg::ApiMalformedJson, &[("detail", "EOF at line 1")]),
        "the body is not valid JSON: EOF at line 1"
    );
    assert_eq!(
        en(Msg::ApiPayloadTooLarge, &[("limit", "65536")]),
        "the body is larger than 65536 bytes"
    );
    assert_eq!(
        en(Msg::FieldLengthRange, &[("min", "1"), ("max", "200")]),
        "1 to 200 characters"
    );
    assert_eq!(
        en(Msg::FieldTooLong, &[("max", "50000")]),
        "at most 50000 characters"
    );
    assert_eq!(
        say(Lang::Fr, Msg::ApiPayloadTooLarge, &[("limit", "65536")]),
        "le corps de la requête dépasse 65536 octets"
    );
}

#[test]
fn arguments_are_filled_without_isolation_marks() {
    let rendered = text(
        Lang::En,
        Msg::RefusalVersionTooOld,
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
            assert_ne!(message, refusal_msg(refusal).id(), "{lang} missing");
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
    let one = text(Lang::En, Msg::WaitHours, &[("hours", "1".to_owned())]);
    let many = text(Lang::En, Msg::WaitHours, &[("hours", "3".to_owned())]);
    assert!(one.contains("1 business hour."), "{one}");
    assert!(many.contains("3 business hours."), "{many}");
    let fr = text(Lang::Fr, Msg::WaitHours, &[("hours", "1".to_owned())]);
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
        Msg::MailAckSubject,
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
        let subject = text(lang, Msg::MailAckSubject, &args);
        assert!(subject.starts_with("[#42] "), "{subject}");
        let body = text(lang, Msg::MailAckBody, &args);
        for (_, value) in &args {
            assert!(body.contains(value.as_str()), "{lang}: {body}");
        }
        assert!(body.contains("\n\n"), "paragraphs are kept: {body}");
        assert!(!body.contains("\n    "), "indentation is stripped: {body}");
    }
    let en = text(Lang::En, Msg::MailAckBody, &args);
    assert!(en.contains("one message") && en.contains("end of the queue"));
    let fr = text(Lang::Fr, Msg::MailAckBody, &args);
    assert!(fr.contains("un seul message") && fr.contains("fin de file"));
}
