//! The `guichet` command line. Arguments are parsed into domain types here, once; each error
//! names the argument it is about.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::domain::eligibility::Tier;
use crate::domain::email::EmailAddress;
use crate::domain::support::parse_calendar_date;
use crate::domain::version::Version;
use crate::startup::{AppState, Application, Bootstrap};
use crate::store;
use crate::store::products::{ProductTerms, Slug};
use crate::store::purchases::{NewExtension, NewPurchase};
use crate::tokens::{self, Scope};

#[derive(Debug, Parser)]
#[command(
    name = "guichet",
    version,
    about = "Support-ticket helpdesk for vendors of software add-ons"
)]
pub struct Cli {
    /// Folder for the SQLite database, the key file, guichet.toml and attachments.
    #[arg(
        long,
        global = true,
        env = "GUICHET_DATA_DIR",
        default_value = "./data"
    )]
    pub data_dir: PathBuf,
    /// Database URL: a SQLite file path, or postgres://… (default: DATA_DIR/guichet.db).
    #[arg(long, global = true, env = "GUICHET_DATABASE_URL")]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, then serve the web pages and the API.
    Serve {
        /// Address to listen on (setting `bind`).
        #[arg(long)]
        bind: Option<String>,
        /// Seed sample products, purchases, tickets and an agent when the database is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage agents.
    #[command(subcommand)]
    Agent(AgentCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Manage products.
    #[command(subcommand)]
    Product(ProductCommand),
    /// Manage releases.
    #[command(subcommand)]
    Release(ReleaseCommand),
    /// Manage purchases.
    #[command(subcommand)]
    Purchase(PurchaseCommand),
}

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Add an agent; the password is read from standard input.
    Add {
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token and print it once, alone on standard output.
    Add {
        name: String,
        #[arg(long, value_parser = ["intake", "purchases", "agent"])]
        scope: String,
        /// The agent the token acts as (required with --scope agent).
        #[arg(long)]
        agent: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProductCommand {
    /// Add a product.
    Add {
        slug: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        free_support_days: Option<u32>,
        #[arg(long)]
        max_support_months: Option<u32>,
        #[arg(long)]
        releases_back: Option<u32>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReleaseCommand {
    /// Record a release of a product.
    Add {
        slug: String,
        version: String,
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PurchaseCommand {
    /// Record a purchase (or update the one with the same order and product).
    Add(PurchaseAdd),
    /// Record an extension of support for an order.
    Extend {
        order_ref: String,
        #[arg(long)]
        product: Option<String>,
        #[arg(long)]
        months: u32,
        #[arg(long)]
        date: Option<String>,
        /// Extension reference; without it a fresh one is made.
        #[arg(long = "ref")]
        extension_ref: Option<String>,
    },
    /// Import purchases from a CSV file (order_ref,email,product,purchased_at[,tier]).
    Import { file: PathBuf },
}

#[derive(Debug, Args)]
pub struct PurchaseAdd {
    #[arg(long)]
    pub order: String,
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub product: String,
    #[arg(long)]
    pub date: String,
    #[arg(long, default_value = "standard")]
    pub tier: String,
}

/// A command's failure, printed as `error: …` with exit status 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CliError(pub String);

impl CliError {
    fn arg(name: &str, problem: impl std::fmt::Display) -> CliError {
        CliError(format!("{name}: {problem}"))
    }
}

macro_rules! impl_from_for_cli_error {
    ($($t:ty),*) => {$(
        impl From<$t> for CliError {
            fn from(e: $t) -> Self {
                CliError(e.to_string())
            }
        }
    )*};
}
impl_from_for_cli_error!(
    crate::startup::StartError,
    store::StoreError,
    std::io::Error,
    crate::password::PasswordError,
    crate::import::ImportError,
    getrandom::Error
);

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
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
    let mut boot = Bootstrap::from_process_env(cli.data_dir.clone(), cli.database_url.clone());
    if let Command::Serve {
        bind: Some(bind), ..
    } = &cli.command
    {
        boot.flags.insert("bind".into(), bind.clone());
    }
    // Only `serve` logs at info by default; one-shot commands stay quiet unless asked.
    let default_log = if matches!(cli.command, Command::Serve { .. }) {
        "info"
    } else {
        "warn"
    };
    init_logging(
        boot.env
            .get("log")
            .map(String::as_str)
            .unwrap_or(default_log),
    );
    let state = crate::startup::prepare(&boot)?;
    let conn = &mut state.conn()?;
    match cli.command {
        Command::Serve { demo, .. } => {
            if demo {
                crate::demo::seed_if_empty(conn, &state)?;
            }
            serve(state)
        }
        Command::Migrate => {
            println!("database is up to date");
            Ok(())
        }
        Command::Agent(AgentCommand::Add { email, name, admin }) => {
            let email = EmailAddress::parse(&email).map_err(|e| CliError::arg("EMAIL", e))?;
            let name = non_empty("--name", &name)?;
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            let hash = crate::password::hash(password)
                .map_err(|e| CliError::arg("password (stdin)", e))?;
            let agent = store::agents::add(conn, &email, &name, &hash, admin)?;
            println!(
                "agent {} added{}",
                agent.id,
                if admin { " (admin)" } else { "" }
            );
            Ok(())
        }
        Command::Token(TokenCommand::Add { name, scope, agent }) => {
            let scope =
                Scope::parse(&scope).ok_or_else(|| CliError::arg("--scope", "unknown scope"))?;
            let agent_id = match (scope, agent) {
                (Scope::Agent, None) => {
                    return Err(CliError::arg("--agent", "required with --scope agent"));
                }
                (Scope::Agent, Some(email)) => {
                    let email =
                        EmailAddress::parse(&email).map_err(|e| CliError::arg("--agent", e))?;
                    let agent = store::agents::find_by_email(conn, &email)?
                        .ok_or_else(|| CliError::arg("--agent", "no agent with that email"))?;
                    Some(agent.id)
                }
                (_, Some(_)) => {
                    return Err(CliError::arg("--agent", "only valid with --scope agent"));
                }
                (_, None) => None,
            };
            let name = non_empty("NAME", &name)?;
            let (token, hash) = tokens::generate()?;
            store::tokens::insert(conn, &name, &hash, scope, agent_id, None)?;
            println!("{token}");
            Ok(())
        }
        Command::Product(ProductCommand::Add {
            slug,
            name,
            free_support_days,
            max_support_months,
            releases_back,
        }) => {
            let slug = Slug::parse(&slug).map_err(|e| CliError::arg("SLUG", e))?;
            let name = non_empty("--name", &name)?;
            let cfg = &state.config;
            let terms = ProductTerms {
                free_support_days: free_support_days.unwrap_or(cfg.free_support_days),
                max_support_months: max_support_months.unwrap_or(cfg.max_support_months),
                releases_back: releases_back.unwrap_or(cfg.releases_back),
            };
            let p = store::products::add(conn, &slug, &name, terms)?;
            println!("product {} added", p.slug);
            Ok(())
        }
        Command::Release(ReleaseCommand::Add {
            slug,
            version,
            date,
        }) => {
            let version = Version::parse(&version).map_err(|e| CliError::arg("VERSION", e))?;
            let date = date
                .map(|d| parse_calendar_date(&d, state.config.business_hours.tz))
                .transpose()
                .map_err(|e| CliError::arg("--date", e))?;
            let product = store::products::get(conn, &slug)?;
            let (release, created) =
                store::products::add_release(conn, product.id, &version, date)?;
            if created {
                println!("release {} {} added", product.slug, release.version);
            } else {
                println!("release {} {} already known", product.slug, release.version);
            }
            Ok(())
        }
        Command::Purchase(PurchaseCommand::Add(p)) => {
            let purchase = NewPurchase {
                order_ref: non_empty("--order", &p.order)?,
                email: EmailAddress::parse(&p.email).map_err(|e| CliError::arg("--email", e))?,
                product: p.product.trim().to_string(),
                purchased_at: parse_calendar_date(&p.date, state.config.business_hours.tz)
                    .map_err(|e| CliError::arg("--date", e))?,
                tier: Tier::parse(&p.tier)
                    .ok_or_else(|| CliError::arg("--tier", "expected standard or priority"))?,
            };
            let (row, outcome) = store::purchases::upsert(conn, &purchase)?;
            println!(
                "purchase {} {} {:?}: support until {}",
                row.order_ref, purchase.product, outcome, row.support_until
            );
            Ok(())
        }
        Command::Purchase(PurchaseCommand::Extend {
            order_ref,
            product,
            months,
            date,
            extension_ref,
        }) => {
            if months == 0 {
                return Err(CliError::arg("--months", "must be at least 1"));
            }
            let tz = state.config.business_hours.tz;
            let bought_at = match date {
                Some(d) => parse_calendar_date(&d, tz).map_err(|e| CliError::arg("--date", e))?,
                None => state.config.business_hours.local_date(chrono::Utc::now()),
            };
            let extension_ref = match extension_ref {
                Some(r) => non_empty("--ref", &r)?,
                None => format!("cli-{}", &tokens::generate()?.0[..16]),
            };
            let x = NewExtension {
                extension_ref,
                order_ref,
                product,
                months,
                bought_at,
            };
            let (outcome, until) = store::purchases::extend(conn, &x)?;
            println!(
                "extension {} {:?}: support until {until}",
                x.extension_ref, outcome
            );
            Ok(())
        }
        Command::Purchase(PurchaseCommand::Import { file }) => {
            let report = crate::import::import_file(conn, &state, &file)?;
            for problem in &report.problems {
                eprintln!("{}:{problem}", file.display());
            }
            println!(
                "{} rows: {} created, {} updated, {} unchanged, {} rejected",
                report.rows,
                report.created,
                report.updated,
                report.unchanged,
                report.problems.len()
            );
            if report.problems.is_empty() {
                Ok(())
            } else {
                Err(CliError(format!(
                    "{} rows were rejected",
                    report.problems.len()
                )))
            }
        }
    }
}

fn non_empty(arg: &str, value: &str) -> Result<String, CliError> {
    let v = value.trim();
    if v.is_empty() {
        Err(CliError::arg(arg, "must not be empty"))
    } else {
        Ok(v.to_string())
    }
}

fn serve(state: AppState) -> Result<(), CliError> {
    let bind = state.config.bind.clone();
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(state, &bind)?;
        tracing::info!(port = app.port(), "guichet is listening");
        app.run_until_stopped().await?;
        Ok(())
    })
}
