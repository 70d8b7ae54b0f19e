//! guichet: a support-ticket helpdesk for vendors of software add-ons.
//!
//! Layers, lowest first; each module uses only its own layer and those before it (a test in
//! `tests/it/layers.rs` holds the imports to this list):
//! 1. [`domain`] (the support policy: versions, windows, eligibility, lifecycle, queue, business
//!    hours, text rules), pure and clock-free; [`i18n`] (the French and English catalogues);
//!    [`clock`], [`keys`], [`vault`] (sealing site credentials), [`tokens`], [`password`],
//!    [`metrics`], [`files`], [`attachments`] (attachment files by content hash), [`rate_limit`],
//!    [`two_factor`] (one-time codes, their sealed secrets, the enrolment QR code): small parts
//!    with no storage.
//! 2. [`config`] (settings resolved once), [`db`], [`schema`], [`store`]: diesel over SQLite and
//!    PostgreSQL, rows read into domain types.
//! 3. [`mail`]: Message-IDs, rendering outbox rows, the transport seam.
//! 4. [`intake`]: the one entry point of every channel (new tickets, customer messages).
//! 5. [`inbound`]: one inbound mail from raw bytes to its outcome, through intake.
//! 6. [`desk`]: what an agent does to a ticket (reply, note, resolve, close, reopen, assign).
//! 7. [`app`]: the state every handler, worker and command shares.
//! 8. [`demo`], [`import`]: seeding and CSV import, for the commands; [`workers`]: the outbox
//!    sender, the IMAP poller and the lifecycle timers.
//! 9. [`web`]: the actix routes, pages and the JSON API.
//! 10. [`startup`] and [`cli`]: the application builder and the commands.

pub mod app;
pub mod attachments;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod desk;
pub mod domain;
pub mod files;
pub mod i18n;
pub mod import;
pub mod inbound;
pub mod intake;
pub mod keys;
pub mod mail;
pub mod metrics;
pub mod password;
pub mod rate_limit;
pub mod schema;
pub mod startup;
pub mod store;
pub mod tokens;
pub mod two_factor;
pub mod vault;
pub mod web;
pub mod workers;
