//! Mail in: `guichet ingest` over a batch of realistic mails, as one process for the batch and as
//! one process per mail (how an MTA's pipe runs it). DESIGN's targets on 2 cores, SQLite: 2,000
//! mails/s in a batch, 200/s one process per mail.
//!
//! The mails: half open new tickets (a buyer, a version in the subject), a third are replies to
//! tickets of the batch by their customer (`[#N]` in the subject, quoted history below), the rest
//! automatic (auto-replies and bounces, dropped without an answer). Each mail has its own
//! Message-ID. Prints one JSON line per measurement; asserts nothing about speed.
//!
//! Run: `cargo bench --bench ingest` (`GUICHET_BENCH_MAILS`, `GUICHET_BENCH_PIPED` to resize).

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use guichet::domain::eligibility::Tier;
use guichet::domain::email::EmailAddress;
use guichet::startup::{Bootstrap, prepare};
use guichet::store;
use guichet::store::purchases::NewPurchase;

use common::{add_shop, clock_now, commit, env_usize, temp_desk};

const BUYERS: usize = 1000;

fn seed(boot: &Bootstrap) {
    let state = prepare(boot).expect("start-up");
    let c = &mut state.pool.get().expect("connection");
    add_shop(c);
    let today = clock_now().date_naive();
    for i in 0..BUYERS {
        let p = NewPurchase {
            order_ref: format!("B-{i}"),
            email: EmailAddress::parse(&format!("buyer{i}@example.com")).expect("email"),
            product: "shop".into(),
            purchased_at: today - chrono::Duration::days(3),
            tier: Tier::Standard,
        };
        store::purchases::upsert(c, &p, clock_now()).expect("purchase");
    }
}

/// A deterministic mix of mails; ticket numbers follow creation order from `first_ticket`.
fn mails(n: usize, first_ticket: usize, tag: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    let mut owners: Vec<usize> = Vec::new();
    let mut rng: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for i in 0..n {
        let kind = i % 20;
        let id = format!("<{tag}.{i}@client.example>");
        let mail = if kind < 10 || owners.is_empty() {
            let buyer = (next() % BUYERS as u64) as usize;
            owners.push(buyer);
            format!(
                "From: Buyer {buyer} <buyer{buyer}@example.com>\r\nTo: support@desk.example\r\n\
                 Subject: Shipping costs wrong since version 3.7.28\r\nMessage-ID: {id}\r\n\
                 Date: Wed, 02 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n\
                 Content-Type: text/plain; charset=utf-8\r\n\r\n\
                 Hello,\r\n\r\nSince I updated to 3.7.28 the shipping costs at checkout are wrong for\r\n\
                 every country outside France. I cleared the cache and disabled the other plugins.\r\n\r\n\
                 Regards,\r\nBuyer {buyer}\r\n"
            )
        } else if kind < 17 {
            let k = (next() % owners.len() as u64) as usize;
            let buyer = owners[k];
            let number = first_ticket + k;
            format!(
                "From: Buyer {buyer} <buyer{buyer}@example.com>\r\nTo: support@desk.example\r\n\
                 Subject: Re: [#{number}] Shipping costs wrong\r\nMessage-ID: {id}\r\n\
                 Date: Wed, 02 Dec 2026 11:00:00 +0100\r\nMIME-Version: 1.0\r\n\
                 Content-Type: text/plain; charset=utf-8\r\n\r\n\
                 Here is the log you asked for; the error appears at each checkout.\r\n\r\n\
                 On Wed, 2 Dec 2026 at 10:30, Support <support@desk.example> wrote:\r\n\
                 > Could you send us the log of an order?\r\n> \r\n> Thank you.\r\n"
            )
        } else {
            let buyer = (next() % BUYERS as u64) as usize;
            format!(
                "From: Buyer {buyer} <buyer{buyer}@example.com>\r\nTo: support@desk.example\r\n\
                 Subject: Automatic reply: Shipping costs wrong\r\nMessage-ID: {id}\r\n\
                 Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n\
                 Content-Type: text/plain; charset=utf-8\r\n\r\nI am out of the office until Monday.\r\n"
            )
        };
        out.push(mail);
    }
    out
}

fn write_all(dir: &Path, mails: &[String]) -> Vec<PathBuf> {
    mails
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let p = dir.join(format!("{i:06}.eml"));
            std::fs::write(&p, m).expect("write mail");
            p
        })
        .collect()
}

fn guichet(boot: &Bootstrap) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_guichet"));
    c.arg("--data-dir").arg(&boot.data_dir);
    if let Some(url) = &boot.database_url {
        c.arg("--database-url").arg(url);
    }
    c.env("GUICHET_SECRET_KEY", common::KEY);
    c
}

fn main() {
    let batch = env_usize("GUICHET_BENCH_MAILS", 10_000);
    let piped = env_usize("GUICHET_BENCH_PIPED", 500);
    let (desk, boot) = temp_desk();
    seed(&boot);
    let dir = tempfile::tempdir().expect("mail folder");
    let mails_batch = mails(batch, 1, "batch");
    let files = write_all(dir.path(), &mails_batch);
    let created = mails_batch
        .iter()
        .filter(|m| !m.contains("Re: [#") && !m.contains("Auto-Submitted"))
        .count();

    let started = Instant::now();
    let out = guichet(&boot)
        .arg("ingest")
        .args(&files)
        .output()
        .expect("run ingest");
    let secs = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = String::from_utf8_lossy(&out.stdout);
    let count = |prefix: &str| lines.lines().filter(|l| l.starts_with(prefix)).count();
    println!(
        "{{\"bench\":\"ingest_batch\",\"commit\":\"{}\",\"database\":\"{}\",\"mails\":{batch},\"seconds\":{secs:.3},\"mails_per_s\":{:.0},\"created\":{},\"replies\":{},\"ignored\":{},\"expected_created\":{created}}}",
        commit(),
        desk.database(),
        batch as f64 / secs,
        count("created"),
        count("reply"),
        count("ignored"),
    );

    // One process per mail, the message on stdin, as an MTA's pipe delivers it.
    let first = count("created") + 1;
    let mails_piped = mails(piped, first, "piped");
    let started = Instant::now();
    for m in &mails_piped {
        let mut child = guichet(&boot)
            .arg("ingest")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn ingest");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(m.as_bytes())
            .expect("pipe the mail");
        let status = child.wait().expect("ingest ends");
        assert!(status.success(), "ingest failed");
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{{\"bench\":\"ingest_piped\",\"commit\":\"{}\",\"database\":\"{}\",\"mails\":{piped},\"seconds\":{secs:.3},\"mails_per_s\":{:.0}}}",
        commit(),
        desk.database(),
        piped as f64 / secs,
    );
}
