//! The master key and the keys derived from it.
//!
//! One 32-byte master key, written as 64 hex characters, comes from `GUICHET_SECRET_KEY` or
//! `DATA_DIR/secret.key`. Each purpose gets its own key through HKDF-SHA256, so a leak of, say,
//! the cookie key reveals nothing about the credential key. The database keeps an HMAC of a fixed
//! label under a derived key (the key-check value): a wrong key is caught at start-up before any
//! data is written under it.

use std::io::Write;
use std::path::{Path, PathBuf};

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const KEY_ENV: &str = "GUICHET_SECRET_KEY";
pub const KEY_FILE: &str = "secret.key";

/// The master key; never printed, never logged.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(…)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the secret key from {origin} must be 64 hexadecimal characters (32 bytes)")]
    Malformed { origin: String },
    #[error(
        "the database holds data encrypted with a secret key, but neither {KEY_ENV} nor {path} \
         provides one; restore the key that was used before"
    )]
    Missing { path: PathBuf },
    #[error(
        "the secret key from {origin} does not match the key this database was set up with; \
         start-up stopped so nothing is written under the wrong key"
    )]
    Mismatch { origin: String },
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} can be read by other users (mode {mode:04o}); the secret key must be private: \
         run `chmod 600 {path}`"
    )]
    NotPrivate { path: PathBuf, mode: u32 },
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
}

/// Keys for each purpose, derived once at start-up.
#[derive(Clone)]
pub struct Keys {
    pub credentials: [u8; 32],
    pub message_id: [u8; 32],
    pub csrf: [u8; 32],
    /// Portal tokens are derived under it from a stored seed.
    pub portal: [u8; 32],
    /// actix-session's cookie key must be 64 bytes (signing + encryption halves).
    pub session: [u8; 64],
    /// Seals the agents' two-factor secrets.
    pub two_factor: [u8; 32],
    check: [u8; 32],
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(…)")
    }
}

impl MasterKey {
    pub fn parse(text: &str, origin: &str) -> Result<MasterKey, KeyError> {
        let malformed = || KeyError::Malformed {
            origin: origin.to_string(),
        };
        let bytes = hex::decode(text.trim()).map_err(|_| malformed())?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| malformed())?;
        Ok(MasterKey(key))
    }

    pub fn generate() -> Result<MasterKey, KeyError> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(MasterKey(key))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    pub fn derive(&self) -> Keys {
        let hk = Hkdf::<Sha256>::new(Some(b"guichet"), &self.0);
        let expand32 = |label: &[u8]| {
            let mut out = [0u8; 32];
            // 32 and 64 bytes are far below HKDF-SHA256's 8160-byte limit, so expand cannot fail.
            let _ = hk.expand(label, &mut out);
            out
        };
        let mut session = [0u8; 64];
        let _ = hk.expand(b"session cookies v1", &mut session);
        Keys {
            credentials: expand32(b"site credentials v1"),
            message_id: expand32(b"message-id hmac v1"),
            csrf: expand32(b"csrf tokens v1"),
            portal: expand32(b"portal tokens v1"),
            session,
            two_factor: expand32(b"two-factor secrets v1"),
            check: expand32(b"key check v1"),
        }
    }
}

impl Keys {
    /// The value stored in the database to recognise the key later.
    pub fn check_value(&self) -> String {
        hex::encode(hmac_sha256(&self.check, b"guichet key check"))
    }
}

pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so new_from_slice cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Where the key came from, for messages.
pub enum KeySource {
    Env(String),
    File(PathBuf),
    Absent(PathBuf),
}

/// Finds the configured key text without creating anything. `env_value` is the content of
/// `GUICHET_SECRET_KEY`, read by the caller (so tests can run side by side without touching the
/// process environment).
pub fn locate(data_dir: &Path, env_value: Option<&str>) -> Result<KeySource, KeyError> {
    if let Some(text) = env_value
        && !text.trim().is_empty()
    {
        return Ok(KeySource::Env(text.to_string()));
    }
    let path = data_dir.join(KEY_FILE);
    match std::fs::read_to_string(&path) {
        Ok(_) => Ok(KeySource::File(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(KeySource::Absent(path)),
        Err(source) => Err(KeyError::Io {
            action: "read",
            path,
            source,
        }),
    }
}

/// Loads the master key and checks it against the stored check value.
///
/// `stored_check` is the database's key-check value, if it has one. A new key file is created
/// (mode 0600) only when the database has none, i.e. holds nothing encrypted yet. Returns the key
/// and, when the database had no check value, the one to store.
pub fn load(
    data_dir: &Path,
    env_value: Option<&str>,
    stored_check: Option<&str>,
) -> Result<(MasterKey, Option<String>), KeyError> {
    let (key, origin) = match locate(data_dir, env_value)? {
        KeySource::Env(text) => (MasterKey::parse(&text, KEY_ENV)?, KEY_ENV.to_string()),
        KeySource::File(path) => {
            let origin = path.display().to_string();
            refuse_if_shared(&path)?;
            let text = std::fs::read_to_string(&path).map_err(|source| KeyError::Io {
                action: "read",
                path: path.clone(),
                source,
            })?;
            (MasterKey::parse(&text, &origin)?, origin)
        }
        KeySource::Absent(path) => {
            if stored_check.is_some() {
                return Err(KeyError::Missing { path });
            }
            let key = MasterKey::generate()?;
            write_key_file(&path, &key)?;
            let origin = path.display().to_string();
            (key, origin)
        }
    };
    let check = key.derive().check_value();
    match stored_check {
        Some(stored) if stored == check => Ok((key, None)),
        Some(_) => Err(KeyError::Mismatch { origin }),
        None => Ok((key, Some(check))),
    }
}

/// A key file that group or others may read is refused rather than fixed: someone may already
/// have copied it, and the owner should know (and perhaps change the key).
fn refuse_if_shared(path: &Path) -> Result<(), KeyError> {
    let meta = std::fs::metadata(path).map_err(|source| KeyError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    if crate::files::open_to_others(&meta) != 0 {
        return Err(KeyError::NotPrivate {
            path: path.to_path_buf(),
            mode: crate::files::mode(&meta),
        });
    }
    Ok(())
}

fn write_key_file(path: &Path, key: &MasterKey) -> Result<(), KeyError> {
    let io = |action, source| KeyError::Io {
        action,
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        crate::files::create_private_dir(parent).map_err(|e| io("create the folder of", e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| io("create", e))?;
    writeln!(file, "{}", key.to_hex()).map_err(|e| io("write", e))?;
    file.sync_all().map_err(|e| io("write", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_key_is_refused_with_its_origin() {
        let err = MasterKey::parse("abc", "the test").expect_err("too short");
        assert!(err.to_string().contains("the test"));
        assert!(MasterKey::parse(&"zz".repeat(32), "x").is_err());
        assert!(MasterKey::parse(&"ab".repeat(32), "x").is_ok());
    }

    #[test]
    fn derived_keys_differ_by_purpose_and_are_stable() {
        let k = MasterKey::parse(&"01".repeat(32), "x")
            .expect("valid")
            .derive();
        assert_ne!(k.credentials, k.message_id);
        assert_ne!(k.csrf, k.credentials);
        assert_ne!(k.two_factor, k.credentials);
        let again = MasterKey::parse(&"01".repeat(32), "x")
            .expect("valid")
            .derive();
        assert_eq!(k.check_value(), again.check_value());
    }

    #[test]
    fn key_file_is_created_private_and_then_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (key, check) = load(dir.path(), None, None).expect("created");
        let check = check.expect("a fresh database gets a check value");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .expect("exists")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (again, new_check) = load(dir.path(), None, Some(&check)).expect("same key");
        assert_eq!(again.to_hex(), key.to_hex());
        assert!(new_check.is_none());
        assert!(matches!(
            load(dir.path(), None, Some("00")),
            Err(KeyError::Mismatch { .. })
        ));
    }

    #[test]
    fn missing_key_with_encrypted_data_stops() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            load(dir.path(), None, Some("abcd")),
            Err(KeyError::Missing { .. })
        ));
        assert!(!dir.path().join(KEY_FILE).exists());
    }
}
