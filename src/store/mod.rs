//! Storage: diesel over both databases. Functions here take a `&mut DbConn`, apply a decision the
//! domain layer made, and keep every write that belongs together in one transaction.
//!
//! Errors: [`StoreError`] is this layer's one error type. Conflicts the caller must tell the user
//! about (unknown product, conflicting extension…) are variants of their own; anything else is a
//! database failure.

pub mod agents;
pub mod attachments;
pub mod audit;
pub mod canned;
pub mod columns;
pub mod credentials;
pub mod inbound;
pub mod meta;
pub mod models;
pub mod needs_info;
pub mod outbox;
pub mod privacy;
pub mod products;
pub mod purchases;
pub mod queue;
pub mod rows;
pub mod search;
pub mod stats;
pub mod tickets;
pub mod timers;
pub mod tokens;
pub mod two_factor;
pub mod work;

use chrono::{DateTime, NaiveDateTime, Utc};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no product with the slug {0:?}")]
    UnknownProduct(String),
    #[error("no purchase with the order reference {0:?}")]
    UnknownPurchase(String),
    /// The order exists, but not for the product named: say which products it has.
    #[error(
        "order {order_ref:?} has no purchase of product {product:?}; it has: {}",
        has.join(", ")
    )]
    NoPurchaseOfProduct {
        order_ref: String,
        product: String,
        has: Vec<String>,
    },
    #[error("order {0:?} has several products; name one with --product")]
    AmbiguousPurchase(String),
    #[error("extension {0:?} was already recorded with other content")]
    ExtensionConflict(String),
    #[error("an agent with that email already exists")]
    AgentExists,
    #[error("no agent with the email {0:?}")]
    UnknownAgent(String),
    #[error("no API token named {0:?} (or with that id)")]
    UnknownToken(String),
    /// Several tokens share the name: the caller must pick one by id.
    #[error("several API tokens are named {name:?} (ids {}); revoke one by its id", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))]
    AmbiguousToken { name: String, ids: Vec<i64> },
    #[error("a product with the slug {0:?} already exists")]
    ProductExists(String),
    #[error("no ticket {0}")]
    UnknownTicket(crate::domain::ids::TicketId),
    /// A value the caller passed that the database cannot hold (a number out of range): the
    /// caller's fault, answered as a bad field.
    #[error("{field}: {problem}")]
    OutOfRange {
        field: &'static str,
        problem: &'static str,
    },
    /// The queue page was asked to start after a ticket that is not in the queue.
    #[error("ticket {0} is not in the queue")]
    NotQueued(crate::domain::ids::TicketId),
    /// A stored value that no longer parses (a hand-edited row): a server fault, never a 422.
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
    /// Credentials could not be sealed (no randomness); never carries their values.
    #[error("credentials: {0}")]
    Vault(#[from] crate::vault::VaultError),
    #[error("database: {0}")]
    Db(#[from] diesel::result::Error),
    /// No connection came free in time.
    #[error("database busy: {0}")]
    Busy(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

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
