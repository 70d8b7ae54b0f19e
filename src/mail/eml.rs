//! The backend with no SMTP server: each mail becomes an `.eml` file under
//! `DATA_DIR/mail-out`, which any mail client opens and any MTA can send later.
//!
//! A file is written under a temporary name and renamed once complete, so a reader never sees
//! half a mail; it is named after the Message-ID, so writing the same mail twice (a retry after
//! a crash) leaves one file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::mail::compose;
use crate::mail::transport::{Mailer, Outgoing, SendError};

#[derive(Debug, Clone)]
pub struct FileMailer {
    dir: PathBuf,
}

impl FileMailer {
    pub fn new(dir: PathBuf) -> FileMailer {
        FileMailer { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file name of the mail with `message_id`: its characters that are safe in a file
    /// name on every system, the rest dropped.
    pub fn file_name(message_id: &str) -> String {
        let stem: String = message_id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
            .collect();
        format!("{}.eml", stem.trim_start_matches('.'))
    }

    fn write(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let tmp = self.dir.join(format!(".{name}.tmp"));
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, self.dir.join(name))
    }
}

impl Mailer for FileMailer {
    fn send(&self, mail: &Outgoing) -> Result<(), SendError> {
        let message = compose::message(mail).map_err(|e| SendError::Permanent(e.to_string()))?;
        let name = FileMailer::file_name(&mail.message_id);
        // A full disk or a missing permission may be fixed: worth another try.
        self.write(&name, &message.formatted())
            .map_err(|e| SendError::Temporary(format!("{}: {e}", self.dir.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(
            FileMailer::file_name("<t1.ab.cd@desk.test>"),
            "t1.ab.cd@desk.test.eml"
        );
        assert_eq!(FileMailer::file_name("<../../etc/passwd>"), "etcpasswd.eml");
    }
}
