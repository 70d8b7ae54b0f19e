//! The product and version a new request names in its subject or body.

use crate::domain::version::Version;

/// A version written as "version 3.7.28", "v3.7.28" or "3.7.28".
pub fn version(text: &str) -> Option<Version> {
    text.split_whitespace()
        .map(|w| {
            w.trim_start_matches(['v', 'V'])
                .trim_end_matches(['.', ',', ')', ';'])
        })
        .find_map(|w| Version::parse(w).ok().filter(|_| w.contains('.')))
}

/// The index in `products` (slug, name) of the one product `text` names.
pub fn product(text: &str, products: &[(&str, &str)]) -> Option<usize> {
    let lower = text.to_lowercase();
    let found: Vec<usize> = products
        .iter()
        .enumerate()
        .filter(|(_, (slug, name))| {
            lower.contains(&slug.to_lowercase()) || lower.contains(&name.to_lowercase())
        })
        .map(|(i, _)| i)
        .collect();
    (found.len() == 1).then(|| found[0])
}
