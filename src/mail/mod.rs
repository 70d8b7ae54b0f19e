//! Mail: identifiers, reading received mail, and sending ours. The outbox rows become
//! [`transport::Outgoing`] mails in [`outbound`], bytes in [`compose`], and leave through a
//! [`transport::Mailer`]: [`smtp`] or [`eml`] files.

pub mod compose;
pub mod eml;
pub mod ids;
pub mod imap;
pub mod inbound;
pub mod outbound;
pub mod smtp;
pub mod transport;

use std::sync::Arc;

use crate::config::Config;
use transport::Mailer;

/// The mailer the configuration asks for: SMTP when `smtp_url` is set, else `.eml` files under
/// `DATA_DIR/mail-out`.
pub fn mailer_for(config: &Config) -> Result<Arc<dyn Mailer>, smtp::SmtpSetupError> {
    Ok(match &config.mail.smtp {
        Some(server) => Arc::new(smtp::SmtpMailer::new(server, config.mail.smtp_timeout)?),
        None => Arc::new(eml::FileMailer::new(config.data_dir.join("mail-out"))),
    })
}
