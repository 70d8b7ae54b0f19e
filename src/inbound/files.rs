//! A mail's attachments, kept under the same rules as the pages' uploads (count, size, types
//! checked by content): each accepted file goes into place by content hash before the mail's
//! transaction, exactly as an upload does, and a refused one is left out and named in the
//! mail's record (`inbound_mails.error`) for an admin to see.

use crate::attachments::{Incoming, Refused, sanitise_filename};
use crate::config::Config;
use crate::mail::inbound::InboundFile;
use crate::store::attachments::NewAttachment;

use super::InboundError;

/// The files kept, and the names of those left out.
pub(super) fn keep(
    config: &Config,
    files: &[InboundFile],
) -> Result<(Vec<NewAttachment>, Vec<String>), InboundError> {
    let rules = &config.attachments;
    let root = config.data_dir.join("attachments");
    let tmp = root.join("tmp");
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    for file in files {
        let filename = sanitise_filename(&file.filename);
        let Some(kind) = rules
            .kind_for(&filename)
            .filter(|_| kept.len() < rules.max_count)
        else {
            left_out.push(filename);
            continue;
        };
        let io = |e: std::io::Error| InboundError::Files(e.to_string());
        let mut incoming = Incoming::create(&tmp, rules.max_bytes).map_err(io)?;
        let stored = match incoming.write(&file.bytes) {
            Ok(()) => incoming.finish(kind, &root),
            Err(e) => Err(e),
        };
        match stored {
            Ok(s) => kept.push(NewAttachment {
                sha256: s.sha256,
                filename,
                content_type: s.content_type,
                size: s.size,
            }),
            Err(Refused::TooLarge | Refused::Type) => left_out.push(filename),
            Err(Refused::Io(e)) => return Err(io(e)),
        }
    }
    Ok((kept, left_out))
}
