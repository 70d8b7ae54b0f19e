//! Storage: diesel over both databases. Functions here take a `&mut DbConn`, apply a decision the
//! domain layer made, and keep every write that belongs together in one transaction.
//!
//! Errors: [`StoreError`] is this layer's one error type. Conflicts the caller must tell the user
//! about (unknown product, conflicting extension…) are variants of their own; anything else is a
//! database failure.

pub mod agents;
pub mod meta;
pub mod models;
pub mod outbox;
pub mod products;
pub mod purchases;
pub mod queue;
pub mod tickets;
pub mod tokens;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no product with the slug {0:?}")]
    UnknownProduct(String),
    #[error("no purchase with the order reference {0:?}")]
    UnknownPurchase(String),
    #[error("order {0:?} has several products; name one with --product")]
    AmbiguousPurchase(String),
    #[error("extension {0:?} was already recorded with other content")]
    ExtensionConflict(String),
    #[error("an agent with that email already exists")]
    AgentExists,
    #[error("a product with the slug {0:?} already exists")]
    ProductExists(String),
    #[error("no ticket {0}")]
    UnknownTicket(i64),
    #[error("{0}")]
    Invalid(String),
    #[error("database: {0}")]
    Db(#[from] diesel::result::Error),
    #[error("database pool: {0}")]
    Pool(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The current time, cut to microseconds: both databases keep exactly this precision, so a value
/// read back compares equal to the one written.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

pub fn naive(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// True when the error is a unique-constraint violation (a lost race on an upsert).
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}
