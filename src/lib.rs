//! guichet: a support-ticket helpdesk for vendors of software add-ons.
//!
//! Layers, each using only those listed before it:
//! - [`domain`]: the support policy (versions, windows, eligibility, lifecycle, queue, business
//!   hours), pure and clock-free; [`i18n`]: the French and English catalogues.
//! - [`db`], [`schema`], [`store`]: diesel over SQLite and PostgreSQL.
//! - [`intake`]: creating tickets (validation → eligibility → storage with the outbox row).
//! - [`web`]: the actix routes, pages and the JSON API.
//! - [`startup`] and [`cli`]: configuration, the application builder and the commands.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod files;
pub mod i18n;
pub mod import;
pub mod intake;
pub mod keys;
pub mod mail;
pub mod metrics;
pub mod password;
pub mod schema;
pub mod startup;
pub mod store;
pub mod tokens;
pub mod web;
