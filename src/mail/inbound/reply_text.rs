//! The visible reply: what the customer wrote, without quoted history and signatures.

/// Lines that end the reply when a whole line is one of them (case-insensitive, after
/// trimming): mobile signatures and the separators clients put above the quoted mail.
const CUT_PREFIXES: &[&str] = &[
    "sent from my ",
    "envoyé de mon ",
    "envoyé depuis mon ",
    "sent from outlook for ",
    "get outlook for ",
    "obtenir outlook pour ",
    "sent from yahoo mail",
    "envoyé de yahoo mail",
    "sent from mail for windows",
];

const SEPARATORS: &[&str] = &[
    "-----original message-----",
    "-----message d'origine-----",
    "-------- original message --------",
    "-------- message original --------",
    "-------- forwarded message --------",
    "---------- forwarded message ---------",
    "-------- message transféré --------",
];

/// Names of the header lines Outlook writes above the quoted mail, English and French.
const HEADER_NAMES: &[&str] = &[
    "from", "sent", "to", "subject", "date", "cc", "de", "envoyé", "à", "objet", "a",
];

/// The text the customer wrote in `body`.
pub fn visible(body: &str) -> String {
    let lines: Vec<String> = body.lines().map(normalize).collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if starts_history(&lines, i) {
            break;
        }
        if line.trim_start().starts_with('>') {
            continue;
        }
        kept.push(body.lines().nth(i).unwrap_or(""));
    }
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    while kept.first().is_some_and(|l| l.trim().is_empty()) {
        kept.remove(0);
    }
    let text = kept
        .iter()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n");
    if text.trim().is_empty() {
        body.trim().to_string()
    } else {
        text
    }
}

/// Non-breaking spaces (French typography puts them before colons) read as plain spaces.
fn normalize(line: &str) -> String {
    line.replace(['\u{a0}', '\u{202f}'], " ")
}

/// Whether line `i` begins the quoted history or a signature.
fn starts_history(lines: &[String], i: usize) -> bool {
    let line = lines[i].trim_end();
    let lower = line.trim().to_lowercase();
    if line == "-- " || line == "--" {
        return true;
    }
    if CUT_PREFIXES.iter().any(|p| lower.starts_with(p)) || SEPARATORS.contains(&lower.as_str()) {
        return true;
    }
    // Outlook's underscore line, or a header block ("From: …" then "Sent: …").
    if lower.len() >= 10 && lower.chars().all(|c| c == '_') {
        return true;
    }
    if is_header_line(&lower, &["from", "de"]) {
        let next = lines[i + 1..]
            .iter()
            .take(4)
            .map(|l| l.trim().to_lowercase());
        if next.filter(|l| is_header_line(l, HEADER_NAMES)).count() >= 2 {
            return true;
        }
    }
    is_attribution(lines, i)
}

/// `name:` or `name :` at the start of a line, with `name` one of `names`.
fn is_header_line(lower: &str, names: &[&str]) -> bool {
    let l = lower.trim_start_matches('*');
    names.iter().any(|n| {
        l.strip_prefix(n)
            .map(|r| r.trim_start_matches('*').trim_start())
            .is_some_and(|r| r.starts_with(':'))
    })
}

/// "On … wrote:" or "Le … a écrit :", possibly wrapped over up to three lines.
fn is_attribution(lines: &[String], i: usize) -> bool {
    let first = lines[i].trim().to_lowercase();
    let english = first.starts_with("on ");
    let french = first.starts_with("le ");
    if !english && !french {
        return false;
    }
    let mut joined = String::new();
    for line in lines[i..].iter().take(3) {
        if line.trim().is_empty() {
            return false;
        }
        joined.push_str(line.trim());
        joined.push(' ');
        let j = joined.trim_end().to_lowercase();
        if (english && j.ends_with("wrote:"))
            || (french && (j.ends_with("a écrit :") || j.ends_with("a écrit:")))
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_attribution_is_cut() {
        let body = "Thanks, it works.\n\nOn Mon, 1 Dec 2026 at 10:00, Desk <support@desk.example> wrote:\n> Hello";
        assert_eq!(visible(body), "Thanks, it works.");
    }

    #[test]
    fn french_attribution_over_two_lines_with_nbsp() {
        let body = "Merci.\n\nLe lun. 1 déc. 2026 à 10:00, Desk <support@desk.example>\na écrit\u{a0}:\n> Bonjour";
        assert_eq!(visible(body), "Merci.");
    }

    #[test]
    fn sentence_starting_with_on_is_kept() {
        let body = "On Monday I updated the plugin.\nIt still fails.";
        assert_eq!(visible(body), body);
    }

    #[test]
    fn interleaved_answers_are_kept() {
        let body = "> Which version?\n3.7.28\n> Which carrier?\nUPS\n\n-- \nAlice";
        assert_eq!(visible(body), "3.7.28\nUPS");
    }

    #[test]
    fn outlook_header_block_is_cut() {
        let body = "Done.\n\nDe : Support <s@desk.example>\nEnvoyé : lundi\nÀ : Alice\nObjet : Re";
        assert_eq!(visible(body), "Done.");
    }

    #[test]
    fn only_quote_returns_original() {
        assert_eq!(visible("> only\n> quote\n"), "> only\n> quote");
    }

    #[test]
    fn sent_from_my_in_the_middle_is_kept() {
        let body = "The mail was sent from my shop, not Sent from my iPhone.";
        assert_eq!(visible(body), body);
    }
}
