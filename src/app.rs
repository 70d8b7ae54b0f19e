//! The application state that every request handler, worker and command shares: the database
//! pool, the resolved configuration, the derived keys, the clock, the mailer and the metrics.
//!
//! It lives below `web`, so the workers and the CLI use it without reaching into the HTTP layer.
//! Tests build it with their own [`Clock`] and [`Mailer`] (see [`AppState::with_clock`]).

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::db::group::GroupCommit;
use crate::db::{self, Pool};
use crate::intake;
use crate::keys::Keys;
use crate::mail::transport::{Mailer, MemoryMailer};
use crate::metrics::Metrics;
use crate::rate_limit::RateLimiter;
use crate::store::StoreError;

#[derive(Clone, Debug)]
pub struct AppState {
    pub pool: Pool,
    pub config: Arc<Config>,
    pub keys: Arc<Keys>,
    pub clock: Arc<dyn Clock>,
    pub mailer: Arc<dyn Mailer>,
    pub metrics: Arc<Metrics>,
    /// The pages' form rate limits, in memory and per process (DESIGN). Shared by every worker
    /// thread of the server, hence here and not per handler.
    pub limiter: Arc<RateLimiter>,
    /// Concurrent intakes of this process committed together (`db::group`); one queue per
    /// pool, as a group runs on one connection of that pool.
    pub writes: Arc<GroupCommit>,
}

impl AppState {
    /// The state of a desk: the system clock, a fresh metrics registry, and a mailer that keeps
    /// mail in memory. Start-up gives a running desk the configured one
    /// ([`crate::mail::mailer_for`]); tests give theirs with [`AppState::with_mailer`].
    pub fn new(pool: Pool, config: Config, keys: Keys) -> AppState {
        AppState {
            pool,
            config: Arc::new(config),
            keys: Arc::new(keys),
            clock: Arc::new(SystemClock),
            mailer: Arc::new(MemoryMailer::new()),
            metrics: Arc::new(Metrics::new()),
            limiter: Arc::new(RateLimiter::new()),
            writes: Arc::new(GroupCommit::new()),
        }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> AppState {
        self.clock = clock;
        self
    }

    pub fn with_mailer(mut self, mailer: Arc<dyn Mailer>) -> AppState {
        self.mailer = mailer;
        self
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A pooled connection. An exhausted pool is [`StoreError::Busy`], which the web layer
    /// answers with 503 and `Retry-After`.
    pub fn conn(&self) -> Result<db::PooledConn, StoreError> {
        self.pool.get().map_err(|e| StoreError::Busy(e.to_string()))
    }

    /// What intake needs of the application, for any channel.
    pub fn intake(&self) -> intake::Desk<'_> {
        intake::Desk {
            config: &self.config,
            keys: &self.keys,
            metrics: &self.metrics,
            writes: &self.writes,
            clock: &self.clock,
        }
    }
}
