//! Every `tests/fixtures/mail/*.eml` against its `.expected.json`.

use super::{classify, dmarc, parse, reply_text};

const REF1: &str = "t1.0000000000000000.00000000000000000000000000000000@desk.example";

#[test]
fn every_mail_fixture_meets_its_expectation() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail");
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    entries.sort();
    for path in entries {
        seen += 1;
        let name = path.display().to_string();
        let raw = std::fs::read(&path).expect("eml reads");
        let raw = replace(&raw, b"[[ref:1]]", REF1.as_bytes());
        let json_path = path.with_extension("expected.json");
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&json_path).expect("json reads"))
                .expect("json parses");
        let outcome = expected["outcome"].as_str().expect("outcome");
        let parsed = parse(&raw);
        if let Some(reason) = outcome.strip_prefix("quarantined ") {
            if reason != "dmarc-fail" {
                let err = parsed.expect_err(&name);
                assert_eq!(err.reason(), reason, "{name}");
                continue;
            }
        }
        let mail = parsed.unwrap_or_else(|e| panic!("{name}: {e}"));
        if outcome == "quarantined dmarc-fail" {
            assert!(dmarc::failed(&mail, "mx.desk.example"), "{name}");
            continue;
        }
        if let Some(kind) = outcome.strip_prefix("ignored ") {
            assert_eq!(classify(&mail).map(|k| k.as_str()), Some(kind), "{name}");
            continue;
        }
        assert_eq!(classify(&mail), None, "{name}");
        assert!(!dmarc::failed(&mail, "mx.desk.example"), "{name}");
        if let Some(text) = expected["text"].as_str() {
            assert_eq!(reply_text::visible(&mail.text), text, "{name}");
        }
        if let Some(files) = expected["attachments"].as_array() {
            let names: Vec<&str> = mail
                .attachments
                .iter()
                .map(|a| a.filename.as_str())
                .collect();
            let want: Vec<&str> = files.iter().filter_map(|f| f.as_str()).collect();
            assert_eq!(names, want, "{name}");
        }
    }
    assert!(seen >= 1, "no fixtures in {}", dir.display());
}

fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}
