//! Attachment files on disk: received chunk by chunk into a private temporary file (hashed with
//! SHA-256 and size-checked as they arrive, so an oversized upload is cut off without ever being
//! held whole in memory), checked for their type (extension and, for images, PDF and ZIP, their
//! first bytes; text must be UTF-8), then moved to `root/ab/cdef…` by content hash.
//!
//! Content addressing makes a stored file harmless on its own: the same bytes always land on
//! the same path, so a file moved into place before a transaction that then fails is only an
//! orphan, never a wrong answer, and storing it again costs nothing.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::files;

/// The most characters kept of a file name.
pub const MAX_FILENAME_CHARS: usize = 200;

/// A kind of file the desk may accept: the extensions that name it, the content type it is
/// served with, and how its bytes are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub extensions: &'static [&'static str],
    pub content_type: &'static str,
    check: Check,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// The file must start with one of these byte strings.
    Magic(&'static [&'static [u8]]),
    /// WebP: `RIFF`, four length bytes, `WEBP`.
    Webp,
    /// Valid UTF-8 throughout.
    Utf8,
}

/// Every kind the `attachment_types` setting may name (by one of its extensions).
pub const KINDS: &[Kind] = &[
    Kind {
        extensions: &["png"],
        content_type: "image/png",
        check: Check::Magic(&[b"\x89PNG\r\n\x1a\n"]),
    },
    Kind {
        extensions: &["jpg", "jpeg"],
        content_type: "image/jpeg",
        check: Check::Magic(&[b"\xff\xd8\xff"]),
    },
    Kind {
        extensions: &["gif"],
        content_type: "image/gif",
        check: Check::Magic(&[b"GIF87a", b"GIF89a"]),
    },
    Kind {
        extensions: &["webp"],
        content_type: "image/webp",
        check: Check::Webp,
    },
    Kind {
        extensions: &["txt"],
        content_type: "text/plain; charset=utf-8",
        check: Check::Utf8,
    },
    Kind {
        extensions: &["log"],
        content_type: "text/plain; charset=utf-8",
        check: Check::Utf8,
    },
    Kind {
        extensions: &["pdf"],
        content_type: "application/pdf",
        check: Check::Magic(&[b"%PDF-"]),
    },
    Kind {
        extensions: &["zip"],
        // An empty archive starts with the end-of-directory record.
        content_type: "application/zip",
        check: Check::Magic(&[b"PK\x03\x04", b"PK\x05\x06"]),
    },
];

/// The default of `attachment_types`: every kind above.
pub const DEFAULT_TYPES: &str = "png,jpg,jpeg,gif,webp,txt,log,pdf,zip";

/// The kind named by `extension` (lower case, no dot) among all known kinds.
pub fn kind_of_extension(extension: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.extensions.contains(&extension))
}

/// Limits and allowed kinds, from the settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub max_count: usize,
    pub max_bytes: u64,
    /// Allowed extensions, lower case, each one of a [`KINDS`] entry.
    pub extensions: Vec<String>,
}

impl Rules {
    /// Parses a comma-separated list of extensions; an unknown one is an error, so a typo does
    /// not silently allow nothing.
    pub fn parse_types(list: &str) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for ext in list.split(',').map(|e| e.trim().trim_start_matches('.')) {
            if ext.is_empty() {
                continue;
            }
            let ext = ext.to_ascii_lowercase();
            if kind_of_extension(&ext).is_none() {
                return Err(format!("unknown attachment type {ext:?}"));
            }
            if !out.contains(&ext) {
                out.push(ext);
            }
        }
        Ok(out)
    }

    /// The allowed kind of a (sanitised) file name, by its extension.
    pub fn kind_for(&self, filename: &str) -> Option<&'static Kind> {
        let ext = filename.rsplit_once('.')?.1.to_ascii_lowercase();
        self.extensions
            .contains(&ext)
            .then(|| kind_of_extension(&ext))
            .flatten()
    }

    /// Whether `content_type` is one this desk serves as itself (anything else is served as
    /// `application/octet-stream`).
    pub fn serves(&self, content_type: &str) -> bool {
        self.extensions
            .iter()
            .filter_map(|e| kind_of_extension(e))
            .any(|k| k.content_type == content_type)
    }
}

/// A file name safe to store and to put in a header: no folder part, no control characters,
/// no quotes or backslashes, at most [`MAX_FILENAME_CHARS`]; `"file"` when nothing is left.
pub fn sanitise_filename(raw: &str) -> String {
    // Browsers send only the base name, but Windows ones used to send a full path.
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\'))
        .collect();
    let clean = clean.trim().trim_start_matches('.');
    let mut chars: Vec<char> = clean.chars().collect();
    if chars.len() > MAX_FILENAME_CHARS {
        // Keep the extension: the type is judged by it.
        let ext: Vec<char> = match clean.rsplit_once('.') {
            Some((_, e)) if e.chars().count() <= 10 => format!(".{e}").chars().collect(),
            _ => Vec::new(),
        };
        chars.truncate(MAX_FILENAME_CHARS - ext.len());
        chars.extend(ext);
    }
    let name: String = chars.into_iter().collect();
    if name.is_empty() { "file".into() } else { name }
}

/// Why a file was not kept.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("the file is larger than the limit")]
    TooLarge,
    #[error("the file's type is not accepted")]
    Type,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// A file being received into `tmp_dir`; removed on drop unless [`Incoming::finish`] kept it.
#[derive(Debug)]
pub struct Incoming {
    file: Option<std::fs::File>,
    path: PathBuf,
    hasher: Sha256,
    size: u64,
    max_bytes: u64,
    /// The first bytes, for the magic check.
    head: Vec<u8>,
    /// Whether everything so far is UTF-8, and the bytes of a character cut by a chunk edge.
    utf8: bool,
    utf8_tail: Vec<u8>,
}

const HEAD_BYTES: usize = 16;

impl Incoming {
    /// A new private temporary file (0600, in a 0700 folder) under `tmp_dir`.
    pub fn create(tmp_dir: &Path, max_bytes: u64) -> io::Result<Incoming> {
        files::create_private_dir(tmp_dir)?;
        let mut name = [0u8; 16];
        getrandom::fill(&mut name).map_err(|e| io::Error::other(e.to_string()))?;
        let path = tmp_dir.join(format!("up-{}", hex::encode(name)));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&path)?;
        Ok(Incoming {
            file: Some(file),
            path,
            hasher: Sha256::new(),
            size: 0,
            max_bytes,
            head: Vec::new(),
            utf8: true,
            utf8_tail: Vec::new(),
        })
    }

    /// Adds a chunk. Past the limit the file is refused at once, before the chunk is written.
    pub fn write(&mut self, chunk: &[u8]) -> Result<(), Refused> {
        self.size = self.size.saturating_add(chunk.len() as u64);
        if self.size > self.max_bytes {
            return Err(Refused::TooLarge);
        }
        if self.head.len() < HEAD_BYTES {
            let take = (HEAD_BYTES - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
        }
        if self.utf8 {
            self.check_utf8(chunk);
        }
        self.hasher.update(chunk);
        match self.file.as_mut() {
            Some(f) => f.write_all(chunk)?,
            None => return Err(Refused::Io(io::Error::other("file already closed"))),
        }
        Ok(())
    }

    fn check_utf8(&mut self, chunk: &[u8]) {
        let mut buf = std::mem::take(&mut self.utf8_tail);
        buf.extend_from_slice(chunk);
        match std::str::from_utf8(&buf) {
            Ok(_) => {}
            // Cut at the chunk's end: keep the partial character for the next chunk.
            Err(e) if e.error_len().is_none() => {
                self.utf8_tail = buf[e.valid_up_to()..].to_vec();
            }
            Err(_) => self.utf8 = false,
        }
    }

    /// The bytes received so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Whether the bytes received match `kind` (its first bytes, or UTF-8 throughout).
    pub fn matches(&self, kind: &Kind) -> bool {
        match kind.check {
            Check::Magic(starts) => starts.iter().any(|m| self.head.starts_with(m)),
            Check::Webp => {
                self.head.len() >= 12 && &self.head[..4] == b"RIFF" && &self.head[8..12] == b"WEBP"
            }
            Check::Utf8 => self.utf8 && self.utf8_tail.is_empty(),
        }
    }

    /// Checks the whole file against `kind` and moves it to its place under `root`.
    pub fn finish(mut self, kind: &Kind, root: &Path) -> Result<Stored, Refused> {
        if !self.matches(kind) {
            return Err(Refused::Type);
        }
        if let Some(f) = self.file.take() {
            f.sync_all()?;
        }
        let sha256 = hex::encode(std::mem::take(&mut self.hasher).finalize());
        let target =
            path_of(root, &sha256).ok_or_else(|| Refused::Io(io::Error::other("bad digest")))?;
        if let Some(dir) = target.parent() {
            files::create_private_dir(dir)?;
        }
        // Same bytes, same name: an existing file is already the right one.
        if target.exists() {
            std::fs::remove_file(&self.path)?;
        } else {
            std::fs::rename(&self.path, &target)?;
        }
        self.path = PathBuf::new();
        Ok(Stored {
            sha256,
            content_type: kind.content_type.to_string(),
            size: self.size,
        })
    }
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            // A refused or abandoned upload leaves nothing behind; a failure here only leaves
            // a temporary file, which the next start's cleanup removes.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A file in its place, ready for its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub sha256: String,
    pub content_type: String,
    pub size: u64,
}

/// Where the file with digest `sha256` lives under `root`: `root/ab/cdef…`. `None` unless the
/// digest is 64 lower-case hex digits, so a stored value can never name another path.
pub fn path_of(root: &Path, sha256: &str) -> Option<PathBuf> {
    let valid = sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    valid.then(|| root.join(&sha256[..2]).join(&sha256[2..]))
}

/// Removes what interrupted uploads left in `tmp_dir` (at startup, when none is running).
pub fn clear_tmp(tmp_dir: &Path) -> io::Result<()> {
    match std::fs::read_dir(tmp_dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let _ = std::fs::remove_file(entry.path());
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests;
