//! The product and version a mailed request names in its subject or body. The version is read
//! with care: a number right after the word "version" (or "v") wins, then a bare dotted number;
//! dates (12.05.2024) and IP addresses are not versions.

use crate::domain::version::Version;

/// Words after which a number is the version, lower-cased, in English and French.
const VERSION_WORDS: &[&str] = &["version", "ver", "v", "release", "versión"];

/// The version `text` names, if it names one.
pub fn version(text: &str) -> Option<Version> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    // "version 3.7.28", "version: 3.7.28", "Version : 3.7.28"
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_end_matches([':', '\u{a0}']).to_lowercase();
        if VERSION_WORDS.contains(&bare.as_str()) {
            let next = words
                .get(i + 1)
                .filter(|n| **n != ":")
                .or_else(|| words.get(i + 2));
            if let Some(v) = next.and_then(|n| dotted(n)) {
                return Some(v);
            }
        }
    }
    // "v3.7.28"
    if let Some(v) = words
        .iter()
        .find_map(|w| w.strip_prefix(['v', 'V']).and_then(dotted))
    {
        return Some(v);
    }
    words.iter().find_map(|w| dotted(w))
}

/// A dotted version of two to three numbers, or four when it cannot be an IP address.
fn dotted(word: &str) -> Option<Version> {
    let w = word.trim_end_matches(['.', ':', '!', '?', '"', '\'', '»', '”']);
    let w = w.trim_start_matches(['"', '\'', '«', '“']);
    let parts: Vec<&str> = w.split('.').collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    // A date: a part of four digits (12.05.2024, 2024.05.12).
    if parts.iter().any(|p| p.len() >= 4) {
        return None;
    }
    // An IPv4 address: four parts, the first at least 10 (1.7.8.10 is a PrestaShop version).
    if parts.len() == 4 && parts[0].len() >= 2 {
        return None;
    }
    Version::parse(w).ok()
}

/// The index in `products` (slug, name) of the one product `text` names, on word boundaries;
/// `None` when it names none or several.
pub fn product(text: &str, products: &[(&str, &str)]) -> Option<usize> {
    let lower = text.to_lowercase();
    let found: Vec<usize> = products
        .iter()
        .enumerate()
        .filter(|(_, (slug, name))| {
            names(&lower, &slug.to_lowercase()) || names(&lower, &name.to_lowercase())
        })
        .map(|(i, _)| i)
        .collect();
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Whether `needle` occurs in `hay` with no letter or digit right before or after it.
fn names(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut start = 0;
    while let Some(i) = hay[start..].find(needle) {
        let at = start + i;
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if edge(before) && edge(after) {
            return true;
        }
        start = at + needle.len();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Option<String> {
        version(text).map(|v| v.to_string())
    }

    #[test]
    fn a_number_after_the_word_version_wins() {
        assert_eq!(
            v("Since 12.05.2024 with version 3.7.28 it fails"),
            Some("3.7.28".into())
        );
        assert_eq!(v("Version: 3.7.28"), Some("3.7.28".into()));
        assert_eq!(v("version : 3.7"), Some("3.7".into()));
        assert_eq!(
            v("upgraded from 3.7.26 to version 3.7.28"),
            Some("3.7.28".into())
        );
    }

    #[test]
    fn v_prefixed_then_bare_numbers() {
        assert_eq!(v("Crash in v3.7.28."), Some("3.7.28".into()));
        assert_eq!(v("Bug in 3.7.28, checkout"), Some("3.7.28".into()));
        assert_eq!(
            v("PrestaShop module 1.7.8.10 broken"),
            Some("1.7.8.10".into())
        );
    }

    #[test]
    fn dates_and_addresses_are_not_versions() {
        assert_eq!(v("Since 12.05.2024 nothing works"), None);
        assert_eq!(v("server 192.168.1.10 refuses"), None);
        assert_eq!(v("It costs 3 euros."), None);
        assert_eq!(v("Help please"), None);
    }

    #[test]
    fn a_product_is_named_by_slug_or_name_on_word_boundaries() {
        let products = [
            ("shipping-rates", "Shipping Rates Pro"),
            ("pdf-invoices", "PDF Invoices"),
        ];
        assert_eq!(
            product("Problem with PDF Invoices 2.1.0", &products),
            Some(1)
        );
        assert_eq!(product("shipping-rates: wrong cost", &products), Some(0));
        assert_eq!(
            product("both Shipping Rates Pro and PDF Invoices", &products),
            None
        );
        assert_eq!(product("my pdf-invoicesx plugin", &products), None);
        assert_eq!(product("nothing named", &products), None);
    }
}
