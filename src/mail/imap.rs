//! The IMAP side of the poller: connect (plain on loopback, or TLS from the first byte with the
//! system-independent webpki roots), log in, select the mailbox, list the unseen messages, fetch
//! each with `BODY.PEEK[]` (a plain `BODY[]` would set `\Seen` before guichet has stored the
//! mail) and set `\Seen` once the caller says the mail is stored.

use std::sync::Arc;

use async_imap::Session;
use futures_util::StreamExt;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use crate::config::ImapServer;

#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    #[error("cannot reach the IMAP server: {0}")]
    Connect(String),
    #[error("the IMAP server refused the login")]
    Login,
    #[error("IMAP: {0}")]
    Protocol(String),
}

impl From<async_imap::error::Error> for ImapError {
    fn from(e: async_imap::error::Error) -> Self {
        ImapError::Protocol(e.to_string())
    }
}

/// The transport under the IMAP session: plain TCP or TLS over it.
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug> Stream for T {}

pub type Mailbox = Session<Box<dyn Stream>>;

/// A logged-in session with `server`'s mailbox selected.
pub async fn open(server: &ImapServer, timeout: std::time::Duration) -> Result<Mailbox, ImapError> {
    let connect = TcpStream::connect((server.host.as_str(), server.port));
    let tcp = tokio::time::timeout(timeout, connect)
        .await
        .map_err(|_| ImapError::Connect("timed out".into()))?
        .map_err(|e| ImapError::Connect(e.to_string()))?;
    let stream: Box<dyn Stream> = if server.tls {
        let mut roots = tokio_rustls::rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(Arc::new(
            tokio_rustls::rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| ImapError::Connect(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
        let name = tokio_rustls::rustls::pki_types::ServerName::try_from(server.host.clone())
            .map_err(|e| ImapError::Connect(e.to_string()))?;
        let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
            .map_err(|e| ImapError::Connect(e.to_string()))?;
        Box::new(tls)
    } else {
        Box::new(tcp)
    };
    let mut client = async_imap::Client::new(stream);
    // The server speaks first; login before reading its greeting confuses the parser.
    client
        .read_response()
        .await
        .map_err(|e| ImapError::Connect(e.to_string()))?
        .ok_or_else(|| ImapError::Connect("the server closed the connection".into()))?;
    let mut session = client
        .login(&server.user, &server.password)
        .await
        .map_err(|_| ImapError::Login)?;
    session.select(&server.mailbox).await?;
    Ok(session)
}

/// The UIDs of the unseen messages, oldest first.
pub async fn unseen(session: &mut Mailbox) -> Result<Vec<u32>, ImapError> {
    let mut uids: Vec<u32> = session.uid_search("UNSEEN").await?.into_iter().collect();
    uids.sort_unstable();
    Ok(uids)
}

/// The raw bytes of message `uid`, leaving its flags alone; `None` if it is gone.
pub async fn fetch(session: &mut Mailbox, uid: u32) -> Result<Option<Vec<u8>>, ImapError> {
    let fetches: Vec<_> = session
        .uid_fetch(uid.to_string(), "BODY.PEEK[]")
        .await?
        .collect()
        .await;
    for f in fetches {
        let f = f?;
        if let Some(body) = f.body() {
            return Ok(Some(body.to_vec()));
        }
    }
    Ok(None)
}

/// Marks message `uid` seen: called only after its transaction committed.
pub async fn mark_seen(session: &mut Mailbox, uid: u32) -> Result<(), ImapError> {
    let answers: Vec<_> = session
        .uid_store(uid.to_string(), "+FLAGS (\\Seen)")
        .await?
        .collect()
        .await;
    for a in answers {
        a?;
    }
    Ok(())
}

/// Puts a raw message into `mailbox` (the tests fill the mailbox this way).
pub async fn append(session: &mut Mailbox, mailbox: &str, raw: &[u8]) -> Result<(), ImapError> {
    session.append(mailbox, None, None, raw).await?;
    Ok(())
}
