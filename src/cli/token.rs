//! `guichet token …`: API tokens. A token is printed once; only its SHA-256 is stored.

use clap::Subcommand;

use super::CliError;
use super::args;
use crate::app::AppState;
use crate::store;
use crate::tokens::{self, Scope};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token and print it once, alone on standard output.
    Add {
        /// A name to recognise the token by in `token list` (e.g. the store or site using it).
        name: String,
        /// What the token may do.
        #[arg(long, value_enum, ignore_case = true)]
        scope: Scope,
        /// Email of the agent the token acts as; required with --scope agent, refused otherwise.
        #[arg(long, value_name = "EMAIL", required_if_eq("scope", "agent"))]
        agent: Option<String>,
    },
    /// List API tokens: id, name, scope, agent and creation time (never the token itself).
    List,
    /// Revoke (delete) an API token; requests using it are refused from now on.
    Revoke {
        /// The token's id or name, as `token list` shows them (a shared name needs the id).
        token: String,
    },
}

pub fn run(state: &AppState, cmd: TokenCommand) -> Result<(), CliError> {
    match cmd {
        TokenCommand::Add { name, scope, agent } => {
            let name = args::text("NAME", &name)?;
            let conn = &mut state.conn()?;
            let agent_id = match (scope, agent) {
                (Scope::Agent, None) => {
                    return Err(CliError::arg("--agent", "required with --scope agent"));
                }
                (Scope::Agent, Some(email)) => {
                    let email = args::email("--agent", &email)?;
                    let agent = store::agents::find_by_email(conn, &email)?
                        .ok_or_else(|| CliError::arg("--agent", "no agent with that email"))?;
                    if !agent.active {
                        return Err(CliError::arg("--agent", "that agent is deactivated"));
                    }
                    Some(agent.id)
                }
                (_, Some(_)) => {
                    return Err(CliError::arg("--agent", "only valid with --scope agent"));
                }
                (_, None) => None,
            };
            let (token, hash) = tokens::generate()?;
            store::tokens::insert(conn, &name, &hash, scope, agent_id, None, state.now())?;
            println!("{token}");
        }
        TokenCommand::List => {
            let tokens = store::tokens::list(&mut *state.conn()?)?;
            if tokens.is_empty() {
                println!("no API tokens; create one with `guichet token add NAME --scope SCOPE`");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = tokens
                .into_iter()
                .map(|t| {
                    let agent = match t.agent {
                        Some((email, true)) => email,
                        Some((email, false)) => format!("{email} (inactive)"),
                        None => "-".into(),
                    };
                    vec![
                        t.id.to_string(),
                        t.name,
                        t.scope,
                        agent,
                        t.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                    ]
                })
                .collect();
            super::print_table(&["ID", "NAME", "SCOPE", "AGENT", "CREATED"], &rows);
        }
        TokenCommand::Revoke { token } => {
            let which = args::text("TOKEN", &token)?;
            let (name, id) = store::tokens::revoke(&mut *state.conn()?, &which)?;
            println!("token {id} ({name}) revoked");
        }
    }
    Ok(())
}
