//! Attachments over a real server, on both databases: files with the intake form stored by hash
//! (0600) and linked to the first message, listed on the portal and downloaded with the safe
//! headers; an oversized upload cut off without being read whole; refused types; another
//! ticket's token; a reply with a file.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use guichet::domain::ids::TicketId;
use guichet::store;
use sha2::{Digest, Sha256};

use crate::api_support::*;
use crate::helpers::*;
use crate::page_client::*;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n-not-really-an-image-but-the-magic-is-right";
const LOG: &[u8] = "2026-12-01 erreur: facture vide\n".as_bytes();

fn files_dir(d: &Desk) -> std::path::PathBuf {
    d.app.state.config.data_dir.join("attachments")
}

fn tmp_is_empty(d: &Desk) -> bool {
    match std::fs::read_dir(files_dir(d).join("tmp")) {
        Ok(entries) => entries.count() == 0,
        Err(_) => true,
    }
}

fn stored_files(d: &Desk) -> usize {
    let Ok(dirs) = std::fs::read_dir(files_dir(d)) else {
        return 0;
    };
    dirs.flatten()
        .filter(|e| e.file_name() != "tmp")
        .map(|e| std::fs::read_dir(e.path()).map(|f| f.count()).unwrap_or(0))
        .sum()
}

fn portal_of(page: &Page) -> String {
    let location = page.header("location");
    let token = location.trim_start_matches("/t/");
    token.split('?').next().unwrap_or_default().to_string()
}

fn href_of(body: &str, name: &str) -> String {
    let end = body
        .find(&format!(">{name}</a>"))
        .expect("a link to the file");
    let start = body[..end].rfind("href=\"").expect("href") + 6;
    let rest = &body[start..end];
    rest[..rest.find('"').expect("quote")].to_string()
}

#[test]
fn files_with_the_form_are_stored_listed_and_downloaded_safely() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let csrf = b.open_form();
        let page = b.post_multipart(
            "/",
            &good_form(&csrf),
            &[("screen.png", PNG), ("shop.log", LOG)],
        );
        assert_eq!(page.status, 303, "{}", page.body);
        let portal = portal_of(&page);
        let c = &mut conn(&d.app.state);
        let rows = store::attachments::list_for_ticket(c, TicketId::new(1)).expect("rows");
        assert_eq!(rows.len(), 2);
        let first = store::tickets::messages(c, TicketId::new(1), false).expect("messages");
        assert!(rows.iter().all(|r| r.message_id == Some(first[0].id)));
        for (row, bytes) in rows.iter().zip([PNG, LOG]) {
            assert_eq!(row.sha256, hex::encode(Sha256::digest(bytes)));
            let path = guichet::attachments::path_of(&files_dir(&d), &row.sha256).expect("path");
            let meta = std::fs::metadata(&path).expect("stored");
            assert_eq!(guichet::files::mode(&meta), 0o600);
            let dir = std::fs::metadata(path.parent().expect("dir")).expect("dir");
            assert_eq!(guichet::files::mode(&dir), 0o700);
        }
        assert!(tmp_is_empty(&d));
        let page = b.get(&format!("/t/{portal}"));
        assert!(page.body.contains(">screen.png</a>"), "{}", page.body);
        let href = href_of(&page.body, "shop.log");
        let (status, headers, bytes) = b.get_bytes(&href);
        assert_eq!(status, 200);
        assert_eq!(bytes, LOG);
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["cache-control"], "no-store");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert_eq!(headers["content-type"], "text/plain; charset=utf-8");
        assert_eq!(
            headers["content-disposition"],
            "attachment; filename=\"shop.log\"; filename*=UTF-8''shop.log"
        );
        // Another ticket's link cannot fetch this file: the same 404 as any unknown page.
        let (_, other) = d.ticket("paula@example.com");
        let id = href.rsplit('/').next().expect("id");
        let (status, _, _) = b.get_bytes(&format!("/t/{other}/attachments/{id}"));
        assert_eq!(status, 404);
        let (status, _, _) = b.get_bytes(&format!("/t/{portal}/attachments/999"));
        assert_eq!(status, 404);
    });
}

#[test]
fn a_refused_type_is_told_beside_the_field_and_the_form_is_kept() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base).french();
        let csrf = b.open_form();
        for (name, bytes) in [
            ("setup.exe", &b"MZ\x90\x00"[..]),
            ("fake.png", b"GIF89a..."),
        ] {
            let page = b.post_multipart("/", &good_form(&csrf), &[(name, bytes)]);
            assert_eq!(page.status, 422, "{name}: {}", page.body);
            assert!(
                page.body.contains("id=\"f-attachments-error\""),
                "{}",
                page.body
            );
            assert!(page.body.contains("n’est pas accepté"), "{}", page.body);
            assert!(page.body.contains("choisir à nouveau"), "{}", page.body);
            assert!(page.body.contains("value=\"Invoices are blank\""), "kept");
        }
        assert_eq!(
            store::tickets::count(&mut conn(&d.app.state)).expect("count"),
            0
        );
        assert_eq!(stored_files(&d), 0);
        assert!(tmp_is_empty(&d));
    });
}

#[test]
fn an_oversized_upload_is_cut_off_without_reading_it_whole() {
    each_backend(|db| {
        let d = desk_with(db, &[("attachment_max_bytes", "1048576")]);
        let mut b = Browser::new(&d.app.base);
        let csrf = b.open_form();
        let mut head = multipart_body(&good_form(&csrf), &[]);
        // Drop the closing boundary: a file part follows.
        head.truncate(head.len() - format!("--{BOUNDARY}--\r\n").len());
        head.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"big.log\"\r\n\r\n"
            )
            .as_bytes(),
        );
        let file_len: usize = (1 + 50) * 1024 * 1024;
        let total = head.len() + file_len + 64;
        let addr = d.app.base.trim_start_matches("http://").to_string();
        let mut s = std::net::TcpStream::connect(&addr).expect("connect");
        s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .expect("timeout");
        let request = format!(
            "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {total}\r\nCookie: {}\r\nConnection: close\r\n\r\n",
            b.cookie_line()
        );
        s.write_all(request.as_bytes()).expect("headers");
        s.write_all(&head).expect("fields");
        // The answer is read while the upload is still being sent: it must come before the
        // end of the body, which proves the server did not wait for (or keep) the whole file.
        let sent = std::sync::Arc::new(AtomicUsize::new(0));
        let mut reader = s.try_clone().expect("clone");
        let seen = sent.clone();
        let answered = std::thread::spawn(move || {
            let mut first = [0u8; 1];
            reader.read_exact(&mut first).expect("an answer");
            let at = seen.load(Ordering::SeqCst);
            let mut rest = Vec::new();
            let _ = reader.read_to_end(&mut rest);
            let mut answer = first.to_vec();
            answer.extend(rest);
            (at, String::from_utf8_lossy(&answer).into_owned())
        });
        let chunk = vec![b'a'; 64 * 1024];
        while sent.load(Ordering::SeqCst) < file_len {
            // Once the server has answered it may stop reading: a failed write is fine.
            if s.write_all(&chunk).is_err() {
                break;
            }
            sent.fetch_add(chunk.len(), Ordering::SeqCst);
            if answered.is_finished() {
                break;
            }
        }
        let _ = s.shutdown(std::net::Shutdown::Write);
        let (at, answer) = answered.join().expect("reader");
        assert!(
            answer.starts_with("HTTP/1.1 413") || answer.starts_with("HTTP/1.1 422"),
            "{}",
            &answer[..answer.len().min(300)]
        );
        assert!(answer.contains("id=\"f-attachments-error\""), "{answer}");
        assert!(
            answer.contains("value=\"Invoices are blank\""),
            "values kept"
        );
        assert!(
            at < file_len,
            "answered after {at} of {file_len} bytes: the whole upload was read first"
        );
        assert_eq!(
            store::tickets::count(&mut conn(&d.app.state)).expect("count"),
            0
        );
        assert_eq!(stored_files(&d), 0);
        assert!(tmp_is_empty(&d));
    });
}

#[test]
fn a_portal_reply_carries_a_file() {
    each_backend(|db| {
        let d = desk(db);
        let (number, portal) = d.ticket("alice@example.com");
        let mut b = Browser::new(&d.app.base);
        let page = b.get(&format!("/t/{portal}"));
        let csrf = csrf_of(&page.body);
        let fields = vec![
            ("csrf", csrf),
            ("body", "The log you asked for".to_string()),
            ("confirm", "yes".to_string()),
        ];
        let page = b.post_multipart(&format!("/t/{portal}/reply"), &fields, &[("more.txt", LOG)]);
        assert_eq!(page.status, 303, "{}", page.body);
        let c = &mut conn(&d.app.state);
        let messages = store::tickets::messages(c, TicketId::new(number), false).expect("messages");
        let rows = store::attachments::list_for_ticket(c, TicketId::new(number)).expect("rows");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].message_id, Some(messages[1].id));
        let page = b.get(&format!("/t/{portal}"));
        let (status, _, bytes) = b.get_bytes(&href_of(&page.body, "more.txt"));
        assert_eq!((status, bytes.as_slice()), (200, LOG));
    });
}
