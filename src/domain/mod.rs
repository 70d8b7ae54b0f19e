//! The policy core of guichet.
//!
//! Everything in here is pure: no database, no network, no mail and no
//! clock. The current date or instant is always a parameter, so each rule of
//! the support policy (DESIGN.md) can be proven by a fast unit test, and the
//! storage and web layers only have to apply the decisions made here.

pub mod business_hours;
pub mod channel;
pub mod eligibility;
pub mod email;
pub mod ids;
pub mod lifecycle;
pub mod outbox;
pub mod queue;
pub mod stats;
pub mod support;
pub mod text;
pub mod version;
