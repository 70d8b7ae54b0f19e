//! `guichet agent …`: the people who answer tickets.

use clap::Subcommand;

use super::CliError;
use super::args;
use crate::app::AppState;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Add an agent. On a terminal the password is asked twice, without echo; otherwise it is
    /// read from standard input (at least 8 characters; a final line break is dropped).
    Add {
        /// The agent's email, their login (stored lower-case).
        email: String,
        /// The name customers see on replies.
        #[arg(long)]
        name: String,
        /// Make the agent an admin (manages products, agents and settings).
        #[arg(long)]
        admin: bool,
    },
    /// List agents: email, name, role and whether they are active.
    List,
    /// Deactivate an agent: they can no longer log in and their API tokens stop working; their
    /// tickets and replies stay.
    Deactivate {
        /// The agent's email.
        email: String,
    },
    /// Set a new password for an agent, asked as for `agent add`.
    Password {
        /// The agent's email.
        email: String,
    },
}

pub fn run(state: &AppState, cmd: AgentCommand) -> Result<(), CliError> {
    match cmd {
        AgentCommand::Add { email, name, admin } => {
            let email = args::email("EMAIL", &email)?;
            let name = args::text("--name", &name)?;
            let hash = hash(&args::new_password()?)?;
            let agent = store::agents::add(
                &mut *state.conn()?,
                &email,
                &name,
                &hash,
                admin,
                state.now(),
            )?;
            let role = if admin { " (admin)" } else { "" };
            println!("agent {} added{role}: {}", agent.id, agent.email);
        }
        AgentCommand::List => {
            let agents = store::agents::list(&mut *state.conn()?)?;
            if agents.is_empty() {
                println!("no agents; add one with `guichet agent add EMAIL --name NAME`");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = agents
                .into_iter()
                .map(|a| {
                    vec![
                        a.email,
                        a.name,
                        if a.is_admin { "admin" } else { "agent" }.into(),
                        if a.active { "active" } else { "inactive" }.into(),
                    ]
                })
                .collect();
            super::print_table(&["EMAIL", "NAME", "ROLE", "STATUS"], &rows);
        }
        AgentCommand::Deactivate { email } => {
            let email = args::email("EMAIL", &email)?;
            if store::agents::deactivate(&mut *state.conn()?, &email)? {
                println!("agent {email} deactivated; their API tokens no longer work");
            } else {
                println!("agent {email} was already inactive");
            }
        }
        AgentCommand::Password { email } => {
            let email = args::email("EMAIL", &email)?;
            // Checked before the prompt, so nobody types a password for a typo'd address.
            if store::agents::find_by_email(&mut *state.conn()?, &email)?.is_none() {
                return Err(store::StoreError::UnknownAgent(email.into_inner()).into());
            }
            let hash = hash(&args::new_password()?)?;
            store::agents::set_password(&mut *state.conn()?, &email, &hash)?;
            println!("password of agent {email} changed");
        }
    }
    Ok(())
}

fn hash(password: &str) -> Result<String, CliError> {
    crate::password::hash(password).map_err(|e| match e {
        crate::password::PasswordError::TooShort => CliError::arg("password", e),
        other => CliError::Failed(other.to_string()),
    })
}
