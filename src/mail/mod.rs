//! Mail: identifiers and the texts of automatic mails. Sending (the outbox worker) and reading
//! (the IMAP poller, `guichet ingest`) build on these.

pub mod ids;
pub mod imap;
pub mod inbound;
pub mod outbound;
pub mod transport;
