//! The background work of `guichet serve`: the outbox sender, the IMAP poller and the lifecycle
//! timers. Each runs on its own thread with the application state, takes its time from the
//! clock seam, and is safe to run in several processes at once on PostgreSQL.

pub mod timers;
