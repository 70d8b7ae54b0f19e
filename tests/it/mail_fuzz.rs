//! The mail path under arbitrary input (property tests; the toolchain here is stable, where
//! cargo-fuzz does not run): bytes from nothing, and the fixtures with bytes flipped, cut and
//! spliced, through parse, classify, the DMARC check, the reply text and the product and version
//! readers, and then through the whole pipeline on a real database. None may panic, and the
//! pipeline must give an outcome (a quarantine at worst), never an error. `GUICHET_FUZZ_CASES`
//! sets the cases of each property, for a longer run than CI's.

use std::path::Path;

use guichet::mail::inbound::{self, classify, dmarc, extract, reply_text};
use proptest::prelude::*;

use crate::helpers::{TestDb, conn};

/// The cases per property: `GUICHET_FUZZ_CASES`, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("GUICHET_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail");
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                .filter_map(|p| std::fs::read(p).ok())
                .collect()
        })
        .unwrap_or_default();
    out.push(
        b"From: a@example.com\r\nSubject: [#1] v3.7.28\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/html\r\n\r\n<p>Hi<br>On Mon wrote:</p>\r\n--x--\r\n"
            .to_vec(),
    );
    out
}

/// A fixture changed by `edits`: each flips a byte, cuts the tail, or repeats a slice.
fn mutate(base: &[u8], edits: &[(u8, usize, u8)]) -> Vec<u8> {
    let mut m = base.to_vec();
    for &(kind, at, byte) in edits {
        if m.is_empty() {
            m.push(byte);
            continue;
        }
        let i = at % m.len();
        match kind % 3 {
            0 => m[i] = byte,
            1 => m.truncate(i),
            _ => {
                let slice = m[i..(i + 64).min(m.len())].to_vec();
                m.splice(i..i, slice);
            }
        }
    }
    m
}

fn read_everything(raw: &[u8]) {
    if let Ok(mail) = inbound::parse(raw) {
        let _ = classify(&mail);
        let _ = dmarc::failed(&mail, "mx.desk.example");
        let visible = reply_text::visible(&mail.text);
        assert!(visible.len() <= mail.text.len() + 1 || mail.text.trim().is_empty());
        let _ = extract::version(&mail.subject);
        let _ = extract::product(&mail.text, &[("shipping-rates", "Shipping Rates Pro")]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_everything(&raw);
    }

    #[test]
    fn mutated_fixtures_never_panic(
        pick in any::<usize>(),
        edits in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..8),
    ) {
        let corpus = corpus();
        let raw = mutate(&corpus[pick % corpus.len()], &edits);
        read_everything(&raw);
    }

    #[test]
    fn arbitrary_text_bodies_keep_their_reply(lines in proptest::collection::vec("[ -~àéè>:\u{a0}]{0,60}", 0..30)) {
        let body = lines.join("\n");
        let visible = reply_text::visible(&body);
        // Stripping only removes: every kept line was in the body.
        for line in visible.lines() {
            prop_assert!(body.contains(line.trim_end()), "{line:?} is not in {body:?}");
        }
    }
}

/// The whole pipeline on a real SQLite file: every mutated mail gets an outcome.
#[test]
fn the_pipeline_gives_every_mutated_mail_an_outcome() {
    let db = TestDb::new(guichet::db::Backend::Sqlite);
    let state = crate::mail_ingest::world(&db);
    let corpus = corpus();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: cases(96),
        ..ProptestConfig::default()
    });
    let strategy = (
        any::<usize>(),
        proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..6),
    );
    runner
        .run(&strategy, |(pick, edits)| {
            let raw = mutate(&corpus[pick % corpus.len()], &edits);
            let c = &mut conn(&state);
            let outcome = guichet::inbound::receive(c, state.intake(), &raw, state.now());
            prop_assert!(outcome.is_ok(), "{outcome:?}");
            Ok(())
        })
        .expect("every mutated mail has an outcome");
}
