//! The unit tests of `store::search`, apart to keep that file short.

use super::*;

#[test]
fn parse_reads_numbers_emails_order_refs_and_words() {
    let q = SearchQuery::parse("  #42 ");
    assert_eq!(q.number, Some(TicketId::new(42)));
    assert_eq!(q.terms(), ["42"]);
    let q = SearchQuery::parse("Alice@Example.com");
    assert_eq!(q.email.as_deref(), Some("alice@example.com"));
    assert_eq!(q.terms(), ["alice", "example", "com"]);
    let q = SearchQuery::parse("WC-1001");
    assert_eq!(q.order_ref.as_deref(), Some("WC-1001"));
    let q = SearchQuery::parse("Facture RÉGLÉE facture");
    assert_eq!(q.terms(), ["facture", "reglee"]);
    assert_eq!(q.order_ref, None);
}

#[test]
fn hostile_input_only_gives_plain_words() {
    for input in [
        "\"",
        "*",
        "AND OR NOT",
        "NEAR(",
        "-",
        ":",
        "a'b\" OR 1=1; --",
        "\u{0}\u{7}x\u{1b}[31m",
        "^col:* & | ! <-> (",
    ] {
        let q = SearchQuery::parse(input);
        for t in q.terms() {
            assert!(t.chars().all(is_word_char), "{input:?} gave {t:?}");
        }
        if let Some(f) = q.fts5() {
            assert!(!f.contains(['(', ':', '^', '-']), "{f}");
        }
    }
    let long = "é".repeat(5000);
    assert_eq!(SearchQuery::parse(&long).text().chars().count(), MAX_CHARS);
    let many = "a b c d e f g h i j k l";
    assert_eq!(SearchQuery::parse(many).terms().len(), MAX_TERMS);
    assert!(SearchQuery::parse(" \t\n").is_empty());
}

#[test]
fn snippets_show_the_first_match_with_context() {
    let body = (0..40)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let body = body.replace("w20", "Facturé");
    let s = snippet(&body, &["factur".to_string()]);
    assert!(s.starts_with("… w12 "), "{s}");
    assert!(s.contains("Facturé") && s.ends_with(" …"), "{s}");
    assert_eq!(snippet("short text", &["zzz".to_string()]), "short text");
}
