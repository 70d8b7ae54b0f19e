//! The `guichet` command line: a file per command group, each parsing its arguments into domain
//! types once and naming the argument an error is about.
//!
//! Errors: commands return [`CliError`], whose kind decides the exit status ([`ExitStatus`]):
//! 0 success, 1 failure, 2 a bad argument (as clap's own usage errors), 75 when storage
//! failed for now (busy, or the database cannot be reached), so an MTA or a script retries.

mod agent;
mod args;
mod ingest;
mod poll;
mod product;
mod purchase;
mod release;
mod serve;
mod token;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::startup::{Bootstrap, StartError};
use crate::store::StoreError;

#[derive(Debug, Parser)]
#[command(
    name = "guichet",
    version,
    about = "Support-ticket helpdesk for vendors of software add-ons",
    after_help = "Settings come from flags, GUICHET_* variables and DATA_DIR/guichet.toml; see the README."
)]
pub struct Cli {
    /// Folder for the SQLite database, the key file (secret.key), guichet.toml and attachments;
    /// created with mode 0700 when missing.
    #[arg(
        long,
        global = true,
        env = "GUICHET_DATA_DIR",
        default_value = "./data",
        value_name = "DIR"
    )]
    pub data_dir: PathBuf,
    /// Database: sqlite://PATH or a plain file path for SQLite, postgres://USER@HOST/DB for
    /// PostgreSQL [default: DATA_DIR/guichet.db].
    #[arg(long, global = true, env = "GUICHET_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, then serve the web pages and the API.
    Serve(serve::ServeArgs),
    /// Apply pending database migrations, name each one, and exit.
    Migrate,
    /// Manage agents (the people who answer tickets).
    #[command(subcommand)]
    Agent(agent::AgentCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// Manage products.
    #[command(subcommand)]
    Product(product::ProductCommand),
    /// Manage the releases of a product (they decide the supported versions).
    #[command(subcommand)]
    Release(release::ReleaseCommand),
    /// Manage purchases and support extensions.
    #[command(subcommand)]
    Purchase(purchase::PurchaseCommand),
    /// Read raw mail (files, or one message on stdin) and print one outcome line per message.
    Ingest(ingest::IngestArgs),
    /// Read the IMAP mailbox of `imap_url`: one pass with --once, else until stopped.
    Poll(poll::PollArgs),
}

/// The process exit status of each outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success = 0,
    Failure = 1,
    /// A bad argument; clap uses the same status for its own usage errors.
    Usage = 2,
    /// EX_TEMPFAIL from sysexits.h: storage failed for now, try again later.
    TempFail = 75,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

/// A command's failure, printed as `error: …`.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A bad argument value, named as the user typed it (`--email`, `SLUG`).
    #[error("{arg}: {problem}")]
    Arg { arg: String, problem: String },
    #[error("{0}")]
    Failed(String),
    /// Storage is busy or unreachable: the same command may work later.
    #[error("{0}")]
    TempFail(String),
}

impl CliError {
    pub fn arg(name: &str, problem: impl std::fmt::Display) -> CliError {
        CliError::Arg {
            arg: name.to_string(),
            problem: problem.to_string(),
        }
    }

    pub fn status(&self) -> ExitStatus {
        match self {
            CliError::Arg { .. } => ExitStatus::Usage,
            CliError::Failed(_) => ExitStatus::Failure,
            CliError::TempFail(_) => ExitStatus::TempFail,
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        let temporary = match &e {
            StoreError::Busy(_) => true,
            // SQLite's "database is locked" after the busy timeout: another process held the
            // write lock for too long.
            StoreError::Db(diesel::result::Error::DatabaseError(_, info)) => {
                info.message().contains("database is locked")
            }
            _ => false,
        };
        if temporary {
            CliError::TempFail(e.to_string())
        } else {
            CliError::Failed(e.to_string())
        }
    }
}

impl From<crate::db::DbError> for CliError {
    fn from(e: crate::db::DbError) -> Self {
        use crate::db::DbError;
        match e {
            DbError::Connect { .. } | DbError::Pool(_) => CliError::TempFail(e.to_string()),
            DbError::BadUrl { .. } => CliError::arg("--database-url", e),
            DbError::Query(q) => StoreError::Db(q).into(),
            DbError::Migration(_) => CliError::Failed(e.to_string()),
        }
    }
}

impl From<StartError> for CliError {
    fn from(e: StartError) -> Self {
        match e {
            StartError::Db(db) => db.into(),
            StartError::Store(s) => s.into(),
            other => CliError::Failed(other.to_string()),
        }
    }
}

impl From<crate::import::ImportError> for CliError {
    fn from(e: crate::import::ImportError) -> Self {
        match e {
            crate::import::ImportError::Store(s) => s.into(),
            other => CliError::Failed(other.to_string()),
        }
    }
}

impl From<crate::demo::DemoError> for CliError {
    fn from(e: crate::demo::DemoError) -> Self {
        match e {
            crate::demo::DemoError::Store(s) => s.into(),
            other => CliError::Failed(other.to_string()),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Failed(e.to_string())
    }
}

impl From<getrandom::Error> for CliError {
    fn from(e: getrandom::Error) -> Self {
        CliError::Failed(format!("no random numbers from the operating system: {e}"))
    }
}

pub fn main() -> ExitCode {
    // clap prints its own usage errors and exits 2, --help and --version exit 0.
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitStatus::Success.into(),
        Err(e) => {
            eprintln!("error: {e}");
            e.status().into()
        }
    }
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Logs go to stderr: commands such as `token add` print their result alone on stdout.
    use std::io::IsTerminal;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .try_init();
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    if let Some(url) = &cli.database_url {
        // Before anything is created: `mysql://…` must not become a SQLite file of that name.
        crate::db::DatabaseUrl::parse(url).map_err(|e| CliError::arg("--database-url", e))?;
    }
    // Only `serve` logs at info by default; one-shot commands stay quiet unless asked. The
    // filter is read before the bootstrap so its warnings (unknown variables) are shown.
    let default_log = if matches!(cli.command, Command::Serve(_)) {
        "info"
    } else {
        "warn"
    };
    let log = std::env::var(crate::config::env_var("log")).unwrap_or_else(|_| default_log.into());
    init_logging(&log);
    let mut boot = Bootstrap::from_process_env(cli.data_dir.clone(), cli.database_url.clone());
    match cli.command {
        Command::Serve(a) => serve::serve(&mut boot, a),
        Command::Migrate => serve::migrate(&boot),
        Command::Agent(c) => agent::run(&prepare(&boot)?, c),
        Command::Token(c) => token::run(&prepare(&boot)?, c),
        Command::Product(c) => product::run(&prepare(&boot)?, c),
        Command::Release(c) => release::run(&prepare(&boot)?, c),
        Command::Purchase(c) => purchase::run(&prepare(&boot)?, c),
        Command::Ingest(a) => ingest::run(&prepare(&boot)?, a),
        Command::Poll(a) => poll::run(&prepare(&boot)?, a),
    }
}

fn prepare(boot: &Bootstrap) -> Result<crate::app::AppState, CliError> {
    Ok(crate::startup::prepare(boot)?)
}

/// `1 row`, `2 rows`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prints rows as aligned columns under a header.
pub(crate) fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every argument of every subcommand says what it is, in `--help`.
    #[test]
    fn every_argument_is_described() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", cmd.get_name());
            if cmd.get_about().is_none() {
                missing.push(path.clone());
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id != "help" && id != "version" && arg.get_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_name() != "help" {
                    walk(sub, &path, missing);
                }
            }
        }
        let mut missing = Vec::new();
        walk(&super::Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "undescribed: {missing:?}");
        super::Cli::command().debug_assert();
    }

    #[test]
    fn exit_statuses_are_the_documented_numbers() {
        use super::ExitStatus::*;
        let codes: Vec<u8> = [Success, Failure, Usage, TempFail]
            .iter()
            .map(|s| *s as u8)
            .collect();
        assert_eq!(codes, [0, 1, 2, 75]);
        let busy: super::CliError = crate::store::StoreError::Busy("pool".into()).into();
        assert_eq!(busy.status(), TempFail);
    }
}
