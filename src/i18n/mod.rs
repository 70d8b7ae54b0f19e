//! Customer-facing text in English and French, with Fluent.
//!
//! The catalogues live in `locales/{en,fr}/guichet.ftl` and are compiled into
//! the binary, so a deployed guichet can never miss a translation file. Each
//! is parsed once, on first use. A catalogue that does not parse is a bug in
//! this repository, not a runtime condition: it panics with Fluent's message,
//! and the tests below make sure it never ships.

mod lang;
mod msg;

pub use lang::Lang;
pub use msg::Msg;

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

/// The message `msg` in `lang`, with `args` filled in.
///
/// A message missing from a catalogue returns its id, so a page still
/// renders something recognisable; the catalogue tests are what keep that
/// from happening. Leaving out an argument the message declares (a typo'd
/// name does that too) is a bug at the call site: debug builds, and so every
/// test, stop on it. Extra arguments are fine, so one set can serve a mail's
/// subject and body.
///
/// Arguments are strings: dates and versions are formatted by the caller
/// the way the policy wants them (YYYY-MM-DD, dotted numbers). A small
/// plain integer (see [`as_count`]) is passed to Fluent as a number instead,
/// so that plural variants (`[one]`, `*[other]`) can select on it; it
/// prints exactly the same.
pub fn text(lang: Lang, msg: Msg, args: &[(&str, String)]) -> String {
    debug_assert!(
        msg.args()
            .iter()
            .all(|arg| args.iter().any(|(name, _)| name == arg)),
        "{msg:?} takes {:?}, was given {:?}",
        msg.args(),
        args.iter().map(|(name, _)| name).collect::<Vec<_>>()
    );
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(msg.id()).and_then(|m| m.value()) else {
        return msg.id().to_owned();
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

/// The catalogue message for a refusal.
pub fn refusal_msg(refusal: &Refusal) -> Msg {
    match refusal {
        Refusal::NoPurchase => Msg::RefusalNoPurchase,
        Refusal::ProductNotPurchased => Msg::RefusalProductNotPurchased,
        Refusal::SupportExpired { .. } => Msg::RefusalSupportExpired,
        Refusal::VersionTooOld { .. } => Msg::RefusalVersionTooOld,
        Refusal::UnknownVersion { .. } => Msg::RefusalUnknownVersion,
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
    text(lang, refusal_msg(refusal), &args)
}

#[cfg(test)]
mod tests;
