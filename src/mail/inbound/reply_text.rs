//! The visible reply: what the customer wrote, without quoted history and signatures.

/// The text the customer wrote in `body`.
pub fn visible(body: &str) -> String {
    body.lines()
        .filter(|l| !l.starts_with('>'))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}
