//! `guichet poll [--once]`: the IMAP poller in the foreground. `--once` does one pass and prints
//! one outcome line per mail, as `ingest` does; without it, it polls until stopped.

use clap::Args;

use super::CliError;
use crate::app::AppState;
use crate::workers::poller::{self, PollError};

#[derive(Debug, Args)]
pub struct PollArgs {
    /// One pass over the mailbox, then exit (75 when a mail could not be stored).
    #[arg(long)]
    once: bool,
}

pub fn run(state: &AppState, args: PollArgs) -> Result<(), CliError> {
    let Some(server) = state.config.mail.imap.clone() else {
        return Err(CliError::arg(
            "GUICHET_IMAP_URL",
            "no mailbox configured: set imap_url (imap://user:password@host:port/INBOX)",
        ));
    };
    if !args.once {
        poller::run(state, &server);
        return Ok(());
    }
    match poller::poll_once(state, &server) {
        Ok(report) if report.locked_out => {
            eprintln!("another process is polling this mailbox; nothing done");
            Ok(())
        }
        Ok(report) => {
            for outcome in report.outcomes {
                println!("{outcome}");
            }
            Ok(())
        }
        Err(PollError::Imap(e)) => Err(CliError::TempFail(e.to_string())),
        Err(e) => Err(CliError::TempFail(e.to_string())),
    }
}
