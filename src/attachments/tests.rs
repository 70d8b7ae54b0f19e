use super::*;

fn rules() -> Rules {
    Rules {
        max_count: 5,
        max_bytes: 64,
        extensions: Rules::parse_types(DEFAULT_TYPES).expect("defaults"),
    }
}

#[test]
fn names_lose_folders_controls_and_length() {
    assert_eq!(sanitise_filename("C:\\Users\\a\\shot.png"), "shot.png");
    assert_eq!(sanitise_filename("../../etc/passwd"), "passwd");
    assert_eq!(sanitise_filename("a\u{0}b\r\n\"c\".txt"), "abc.txt");
    assert_eq!(sanitise_filename(".."), "file");
    let long = format!("{}.log", "x".repeat(300));
    let cut = sanitise_filename(&long);
    assert_eq!(cut.chars().count(), MAX_FILENAME_CHARS);
    assert!(cut.ends_with(".log"));
}

#[test]
fn types_come_from_the_extension_and_unknown_ones_are_errors() {
    let r = rules();
    assert_eq!(
        r.kind_for("A.PNG").map(|k| k.content_type),
        Some("image/png")
    );
    assert!(r.kind_for("setup.exe").is_none());
    assert!(r.kind_for("noext").is_none());
    assert!(Rules::parse_types("png,exe").is_err());
    assert!(r.serves("application/pdf"));
    assert!(!r.serves("text/html"));
}

fn receive(dir: &Path, name: &str, chunks: &[&[u8]]) -> Result<Stored, Refused> {
    let r = rules();
    let mut up = Incoming::create(&dir.join("tmp"), r.max_bytes)?;
    for c in chunks {
        up.write(c)?;
    }
    let kind = r.kind_for(name).ok_or(Refused::Type)?;
    up.finish(kind, dir)
}

#[test]
fn a_good_file_lands_by_hash_privately_and_no_temp_file_remains() {
    let dir = tempfile::tempdir().expect("tmp");
    let stored = receive(dir.path(), "a.png", &[b"\x89PNG\r\n", b"\x1a\nrest"]).expect("kept");
    let path = path_of(dir.path(), &stored.sha256).expect("path");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"\x89PNG\r\n\x1a\nrest"
    );
    assert_eq!(stored.size, 12);
    let meta = std::fs::metadata(&path).expect("meta");
    assert_eq!(files::mode(&meta), 0o600);
    assert_eq!(
        std::fs::read_dir(dir.path().join("tmp"))
            .expect("tmp")
            .count(),
        0
    );
}

#[test]
fn wrong_magic_bad_utf8_and_oversize_are_refused_and_leave_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    assert!(matches!(
        receive(dir.path(), "a.png", &[b"MZ\x90\x00"]),
        Err(Refused::Type)
    ));
    assert!(matches!(
        receive(dir.path(), "a.txt", &[b"ok \xff"]),
        Err(Refused::Type)
    ));
    let big = [b'a'; 40];
    assert!(matches!(
        receive(dir.path(), "a.txt", &[&big, &big]),
        Err(Refused::TooLarge)
    ));
    assert_eq!(
        std::fs::read_dir(dir.path().join("tmp"))
            .expect("tmp")
            .count(),
        0
    );
}

#[test]
fn a_character_cut_by_a_chunk_edge_is_still_utf8() {
    let dir = tempfile::tempdir().expect("tmp");
    let e = "é".as_bytes();
    receive(dir.path(), "a.log", &[&e[..1], &e[1..]]).expect("kept");
}

#[test]
fn only_hex_digests_name_a_path() {
    assert!(path_of(Path::new("/x"), "../etc").is_none());
    let h = "ab".repeat(32);
    assert_eq!(
        path_of(Path::new("/x"), &h),
        Some(PathBuf::from(format!("/x/ab/{}", &h[2..])))
    );
}
