//! Argument values shared by the commands: one-line text, emails, dates, passwords, and the clap
//! value lists of scopes and tiers.
//!
//! Text is checked here rather than in a clap value parser: clap echoes a refused value in its
//! message, and a value holding control characters must not be written back to the terminal.

use std::io::{IsTerminal, Read};

use chrono::NaiveDate;
use clap::ValueEnum;
use clap::builder::PossibleValue;

use super::CliError;
use crate::domain::eligibility::Tier;
use crate::domain::email::EmailAddress;
use crate::domain::support::parse_calendar_date;
use crate::domain::text::single_line;
use crate::tokens::Scope;

/// A one-line text argument, trimmed: not empty, no control character.
pub fn text(arg: &str, value: &str) -> Result<String, CliError> {
    let v = value.trim();
    single_line(v).map_err(|e| CliError::arg(arg, e))?;
    if v.is_empty() {
        return Err(CliError::arg(arg, "must not be empty"));
    }
    Ok(v.to_string())
}

pub fn email(arg: &str, value: &str) -> Result<EmailAddress, CliError> {
    single_line(value).map_err(|e| CliError::arg(arg, e))?;
    EmailAddress::parse(value).map_err(|e| CliError::arg(arg, e))
}

/// A calendar date, `YYYY-MM-DD` or an RFC 3339 date-time taken in the desk's time zone.
pub fn date(arg: &str, value: &str, tz: chrono_tz::Tz) -> Result<NaiveDate, CliError> {
    single_line(value).map_err(|e| CliError::arg(arg, e))?;
    parse_calendar_date(value, tz).map_err(|e| CliError::arg(arg, e))
}

/// A new password: typed twice without echo on a terminal, else read from standard input (a
/// script's `echo "$PW" | guichet agent add …`), without its final line break.
pub fn new_password() -> Result<String, CliError> {
    if !std::io::stdin().is_terminal() {
        let mut password = String::new();
        std::io::stdin().read_to_string(&mut password)?;
        return Ok(password.trim_end_matches(['\r', '\n']).to_string());
    }
    for _ in 0..3 {
        let first = rpassword::prompt_password("Password: ")?;
        if first.chars().count() < crate::password::MIN_LEN {
            eprintln!(
                "The password must be at least {} characters; try again.",
                crate::password::MIN_LEN
            );
            continue;
        }
        let second = rpassword::prompt_password("The same password again: ")?;
        if first == second {
            return Ok(first);
        }
        eprintln!("The two passwords differ; try again.");
    }
    Err(CliError::arg(
        "password",
        "no matching password after 3 tries",
    ))
}

// The domain types are the values: no parallel enums to keep in step. `Portal` is left out,
// since portal tokens are made by intake, one per ticket.
impl ValueEnum for Scope {
    fn value_variants<'a>() -> &'a [Self] {
        &[Scope::Intake, Scope::Purchases, Scope::Agent]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Scope::Intake => "create tickets (a site's contact form)",
            Scope::Purchases => "push purchases, extensions and releases (the store)",
            Scope::Agent => "act as one agent (needs --agent)",
            Scope::Portal => return None,
        };
        Some(PossibleValue::new(self.as_str()).help(help))
    }
}

impl ValueEnum for Tier {
    fn value_variants<'a>() -> &'a [Self] {
        &Tier::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Tier::Standard => "regular support",
            Tier::Priority => "paid priority support: tickets go to the priority lane",
        };
        Some(PossibleValue::new(self.as_str()).help(help))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_arguments_refuse_control_characters_and_name_the_argument() {
        assert_eq!(text("--name", "  Ann  ").ok().as_deref(), Some("Ann"));
        let err = text("--name", "Ann\u{1b}[2J").expect_err("escape refused");
        assert_eq!(err.to_string(), "--name: contains a control character");
        assert_eq!(err.status(), super::super::ExitStatus::Usage);
        let err = text("--order", "O-1\nBcc: x").expect_err("line break refused");
        assert_eq!(err.to_string(), "--order: must be on one line");
        assert!(text("NAME", "   ").is_err());
        assert!(email("--email", "a@b.test\t").is_err());
    }

    #[test]
    fn scopes_and_tiers_are_the_domain_values() {
        let names: Vec<String> = Scope::value_variants()
            .iter()
            .filter_map(|s| s.to_possible_value())
            .map(|p| p.get_name().to_string())
            .collect();
        assert_eq!(names, ["intake", "purchases", "agent"]);
        assert_eq!(Tier::from_str("Priority", true), Ok(Tier::Priority));
    }
}
