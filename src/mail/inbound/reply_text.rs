//! The visible reply: what the customer wrote, without the quoted history and signature their
//! mail client added. The raw mail is kept beside it, so a wrong cut loses nothing for good.
//!
//! A line-by-line reading, in three kinds of marks:
//! - lines quoted with `>` are dropped, but the unquoted lines between them are kept (answers
//!   written between the quoted questions);
//! - an attribution line ("On … wrote:", "Le … a écrit :", possibly wrapped over three lines) is
//!   dropped; when no `>` quote follows it (Yahoo, Outlook on the web), everything after it is
//!   the quoted history;
//! - a history or signature start cuts the rest: separators ("-----Original Message-----",
//!   "-----Message d'origine-----", a line of underscores), an Outlook header block
//!   ("From:/Sent:" or "De :/Envoyé :" on consecutive lines), the "-- " delimiter, and short
//!   mobile signatures ("Sent from my iPhone", "Envoyé de mon iPhone", "Get Outlook for iOS").
//!
//! A sentence that merely begins with "On" or contains "Sent from my" is none of these.

/// The text the customer wrote in `body` (LF line ends).
pub fn visible(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if is_quoted(line) {
            i += 1;
            continue;
        }
        if cuts_here(&lines, i) {
            break;
        }
        if let Some(len) = attribution_len(&lines, i) {
            let next = lines[i + len..].iter().find(|l| !l.trim().is_empty());
            if next.is_some_and(|l| is_quoted(l)) {
                i += len;
                continue;
            }
            break;
        }
        kept.push(line.trim_end());
        i += 1;
    }
    let text = tidy(&kept);
    if text.is_empty() {
        body.trim().to_string()
    } else {
        text
    }
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// The line with no-break spaces made plain, lower-cased, trimmed.
fn plain(line: &str) -> String {
    line.replace(['\u{a0}', '\u{202f}'], " ")
        .trim()
        .to_lowercase()
}

/// Whether the history or the signature starts at line `i`.
fn cuts_here(lines: &[&str], i: usize) -> bool {
    let line = lines[i];
    if line.trim_end() == "--" || line == "-- " {
        return true;
    }
    let p = plain(line);
    if is_separator(&p) || is_mobile_signature(&p) {
        return true;
    }
    header_block_starts(lines, i)
}

fn is_separator(p: &str) -> bool {
    let core = p.trim_matches(|c| c == '-' || c == ' ');
    let dashed = p.starts_with("---") && p.ends_with("---");
    let named = [
        "original message",
        "message d'origine",
        "message d’origine",
        "message original",
        "mensaje original",
        "ursprüngliche nachricht",
        "forwarded message",
        "message transféré",
    ];
    (dashed && named.contains(&core)) || (p.len() >= 10 && p.chars().all(|c| c == '_'))
}

fn is_mobile_signature(p: &str) -> bool {
    let starts = [
        "sent from my ",
        "sent from outlook",
        "sent from mail for",
        "sent from yahoo mail",
        "envoyé de mon ",
        "envoyé depuis mon ",
        "envoyé à partir de ",
        "envoyé depuis outlook",
        "get outlook for ",
        "obtenir outlook pour ",
        "téléchargez outlook pour ",
    ];
    // A signature is a few words; a sentence that happens to start the same way is longer.
    starts.iter().any(|s| p.starts_with(s)) && p.split_whitespace().count() <= 6
}

/// An Outlook header block: a From line, then a Sent/Date line within the next two lines.
fn header_block_starts(lines: &[&str], i: usize) -> bool {
    let field = |line: &str, names: &[&str]| {
        let p = plain(line).replace('*', "");
        names.iter().any(|n| {
            p.strip_prefix(n)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    };
    if !field(lines[i], &["from", "de", "von"]) {
        return false;
    }
    lines[i + 1..]
        .iter()
        .take(2)
        .any(|l| field(l, &["sent", "date", "envoyé", "gesendet"]))
}

/// How many lines the attribution starting at line `i` spans (one to three), if one does.
fn attribution_len(lines: &[&str], i: usize) -> Option<usize> {
    let first = plain(lines[i]);
    if !(first.starts_with("on ") || first.starts_with("le ") || first.starts_with("am ")) {
        return None;
    }
    let mut joined = String::new();
    for (n, line) in lines[i..].iter().take(3).enumerate() {
        if n > 0 && (line.trim().is_empty() || is_quoted(line)) {
            return None;
        }
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(&plain(line));
        let ends = ["wrote:", "a écrit :", "a écrit:", "schrieb:", "écrit :"];
        if ends.iter().any(|e| joined.ends_with(e)) && joined.len() <= 400 {
            return Some(n + 1);
        }
    }
    None
}

/// Joined lines without leading and trailing blank lines, with runs of blank lines made one.
fn tidy(lines: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in lines {
        let blank = line.trim().is_empty();
        if blank && out.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        out.push(if blank { "" } else { line });
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_lines_go_and_answers_between_them_stay() {
        let body = "On Tue, Dec 1, 2026 at 10:00 Desk <d@x> wrote:\n> Version?\n3.7.28\n> Country?\nSpain\n";
        assert_eq!(visible(body), "3.7.28\nSpain");
    }

    #[test]
    fn an_attribution_without_quotes_cuts_the_rest() {
        let body = "Thanks.\n\nOn Tuesday, December 1, 2026, Desk <d@x> wrote:\n\nOld text\n";
        assert_eq!(visible(body), "Thanks.");
    }

    #[test]
    fn french_attribution_wrapped_with_a_no_break_space() {
        let body = "Merci.\n\nLe mar. 1 déc. 2026 à 10:00, Desk <d@x> a\nécrit\u{a0}:\n> Bonjour\n";
        assert_eq!(visible(body), "Merci.");
    }

    #[test]
    fn outlook_blocks_and_separators_cut() {
        let en = "Done.\nFrom: Desk <d@x>\nSent: Tuesday\nTo: a@x\nSubject: S\n\nOld";
        assert_eq!(visible(en), "Done.");
        let fr = "Fait.\nDe\u{a0}: Desk\nEnvoyé\u{a0}: mardi\nObjet\u{a0}: S\n\nAncien";
        assert_eq!(visible(fr), "Fait.");
        assert_eq!(visible("Yes.\n-----Message d'origine-----\nDe : x"), "Yes.");
        assert_eq!(
            visible("Yes.\n________________________________\nold"),
            "Yes."
        );
    }

    #[test]
    fn signatures_cut_but_sentences_that_look_alike_stay() {
        assert_eq!(visible("Fixed.\n\n-- \nAlice\nShop"), "Fixed.");
        assert_eq!(visible("Fixed.\n\nSent from my iPhone"), "Fixed.");
        assert_eq!(visible("Réglé.\n\nEnvoyé de mon iPhone"), "Réglé.");
        let s = "On Monday I updated it.\nSent from my office the log follows in a second mail.";
        assert_eq!(visible(s), s);
        let from = "From: the checkout page, the rates vanish.\nThen nothing.";
        assert_eq!(visible(from), from);
    }

    #[test]
    fn a_mail_that_is_only_a_quote_keeps_its_text() {
        assert_eq!(visible("> only quoted\n"), "> only quoted");
    }
}
