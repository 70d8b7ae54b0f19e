//! The SMTP backend: lettre's blocking transport, with rustls for `smtps://` and STARTTLS.
//!
//! It runs on the outbox worker's own thread, so blocking is what we want: one mail at a time,
//! in claim order, each marked sent only after the server's `250` to the data.

use lettre::Transport;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;

use crate::config::{SmtpSecurity, SmtpServer};
use crate::mail::compose;
use crate::mail::transport::{Mailer, Outgoing, SendError};

pub struct SmtpMailer {
    transport: SmtpTransport,
    /// For logs: host and port, never the credentials.
    server: String,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("cannot set up SMTP to {server}: {reason}")]
pub struct SmtpSetupError {
    server: String,
    reason: String,
}

impl SmtpMailer {
    /// A transport for `server`; nothing connects until the first mail.
    pub fn new(server: &SmtpServer, timeout: std::time::Duration) -> Result<Self, SmtpSetupError> {
        let name = format!("{}:{}", server.host, server.port);
        let setup_error = |e: lettre::transport::smtp::Error| SmtpSetupError {
            server: name.clone(),
            reason: e.to_string(),
        };
        let builder = match server.security {
            SmtpSecurity::StartTls => {
                SmtpTransport::starttls_relay(&server.host).map_err(setup_error)?
            }
            SmtpSecurity::Tls => SmtpTransport::relay(&server.host).map_err(setup_error)?,
            SmtpSecurity::Plain => SmtpTransport::builder_dangerous(&server.host),
        };
        let mut builder = builder.port(server.port).timeout(Some(timeout));
        if let Some(user) = &server.user {
            let password = server.password.clone().unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        Ok(SmtpMailer {
            transport: builder.build(),
            server: name,
        })
    }
}

impl Mailer for SmtpMailer {
    fn send(&self, mail: &Outgoing) -> Result<(), SendError> {
        let message = compose::message(mail).map_err(|e| SendError::Permanent(e.to_string()))?;
        match self.transport.send(&message) {
            Ok(_) => Ok(()),
            // A 5xx answer: the server will never take this mail. Everything else (a refused
            // connection, a timeout, a 4xx) may pass later.
            Err(e) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
            Err(e) => Err(SendError::Temporary(e.to_string())),
        }
    }
}
