//! guichet's integration tests, in one binary to keep link time down.
//!
//! Storage and server tests run on a fresh SQLite file and, when `GUICHET_TEST_POSTGRES_URL` is
//! set, again on a PostgreSQL database of their own. `GUICHET_TEST_REQUIRE=postgres` turns a
//! skip into a failure (CI sets it). The browser suite (`browser`) runs when
//! `GUICHET_TEST_CHROMIUM` is set; `GUICHET_TEST_REQUIRE=chromium` makes its skip a failure.

mod api_support;
mod helpers;
mod page_client;
mod smtp_sink;

mod admin_catalog;
mod admin_pages;
mod admin_settings;
mod agent_actions;
mod agent_assign;
mod api_contract;
mod api_input;
mod api_queue;
mod attachments;
mod boundaries;
mod browser;
mod cli;
mod cli_accounts;
mod cli_admin;
mod cli_serve;
mod config_and_keys;
mod credentials;
mod customer_pages;
mod customer_portal;
mod dashboard;
mod db_files;
mod group_commit;
mod layers;
mod mail_fuzz;
mod mail_imap;
mod mail_ingest;
mod mail_smtp;
mod metrics;
mod migrations;
mod openapi;
mod queue;
mod queue_filters;
mod search;
mod secrets_at_rest;
mod server;
mod sign_in;
mod stats;
mod storage;
mod ticket_page;
mod timers;
mod two_factor;
mod two_processes;
mod web_errors;
