//! `guichet ingest [FILE…]`: raw RFC 822 messages from files, or one from stdin (an MTA's
//! pipe), each through the same pipeline as the IMAP poller. One outcome line per stored
//! message on stdout; a message that could not be stored is named on stderr and makes the
//! exit status 75, so the MTA keeps it and tries again.

use std::io::Read;
use std::path::PathBuf;

use clap::Args;

use super::CliError;
use crate::app::AppState;
use crate::inbound;

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files holding one raw message each; without any, one message is read from stdin.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub fn run(state: &AppState, args: IngestArgs) -> Result<(), CliError> {
    let mut stored_all = true;
    let mut unreadable = Vec::new();
    let mut one = |raw: &[u8], name: &str| -> Result<(), CliError> {
        let conn = &mut state.conn()?;
        match inbound::receive(conn, state.intake(), raw, state.now()) {
            Ok(outcome) => println!("{outcome}"),
            Err(e) => {
                eprintln!("error: {name}: not stored, try again later: {e}");
                stored_all = false;
            }
        }
        Ok(())
    };
    if args.files.is_empty() {
        let mut raw = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut raw)
            .map_err(|e| CliError::TempFail(format!("stdin: {e}")))?;
        one(&raw, "stdin")?;
    } else {
        for path in &args.files {
            match std::fs::read(path) {
                Ok(raw) => one(&raw, &path.display().to_string())?,
                Err(e) => unreadable.push(format!("{}: {e}", path.display())),
            }
        }
    }
    if !stored_all {
        return Err(CliError::TempFail(
            "some messages were not stored; nothing of them was written".into(),
        ));
    }
    if !unreadable.is_empty() {
        return Err(CliError::Failed(format!(
            "cannot read {}",
            unreadable.join("; ")
        )));
    }
    Ok(())
}
