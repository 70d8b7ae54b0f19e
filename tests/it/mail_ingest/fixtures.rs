//! Every mail of `tests/fixtures/mail/` (mail clients' shapes, automatic mail, attachments,
//! failed authentication), each received in a fresh world on both databases and compared with
//! its `.expected.json`.

use super::*;

/// Every fixture of `tests/fixtures/mail/`, each in a fresh world.
#[test]
fn the_fixture_set() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail");
    let mut emls: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    emls.sort();
    each_backend(|db_for_backend| {
        let backend = if db_for_backend.url.starts_with("postgres") {
            guichet::db::Backend::Postgres
        } else {
            guichet::db::Backend::Sqlite
        };
        let mut failures = Vec::new();
        for eml in &emls {
            let db = TestDb::new(backend);
            let state = world(&db);
            let expected: Value = serde_json::from_str(
                &std::fs::read_to_string(eml.with_extension("expected.json"))
                    .expect("expected.json"),
            )
            .expect("json");
            let raw = std::fs::read(eml).expect("read");
            let raw = replace_bytes(&raw, b"[[ref:1]]", our_id(&state, 1).as_bytes());
            let c = &mut conn(&state);
            let got = inbound::receive(c, state.intake(), &raw, state.now()).expect("stored");
            let name = eml
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("?")
                .to_string();
            let want = expected["outcome"].as_str().unwrap_or("");
            if got.to_string() != want {
                failures.push(format!("{name}: outcome {got}, expected {want}"));
                continue;
            }
            if let (Some(want), Some(n)) = (expected["attachments"].as_array(), got.ticket()) {
                let c = &mut conn(&state);
                let names: Vec<String> = store::attachments::list_for_ticket(c, n)
                    .expect("attachments")
                    .into_iter()
                    .map(|a| a.filename)
                    .collect();
                let want: Vec<String> = want
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                if names != want {
                    failures.push(format!("{name}: attachments {names:?}, expected {want:?}"));
                }
            }
            if let (Some(text), Some(n)) = (expected["text"].as_str(), got.ticket()) {
                let stored = last_message(&state, n.get());
                if stored != text {
                    failures.push(format!("{name}: stored text {stored:?}, expected {text:?}"));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} fixtures failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    });
}

/// `raw` with every `from` replaced by `to`, byte for byte: a fixture's charset is not UTF-8.
fn replace_bytes(raw: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    out
}
