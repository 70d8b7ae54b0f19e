//! `guichet release …`: the releases of a product, which decide its supported versions.

use clap::Subcommand;

use super::CliError;
use super::args;
use crate::app::AppState;
use crate::domain::version::Version;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum ReleaseCommand {
    /// Record a release of a product; an equal version (2.0 = 2.0.0) changes nothing.
    Add {
        /// The product's slug.
        slug: String,
        /// Dotted numbers such as 3.7.28 or 1.7.8.10; a leading v is ignored.
        version: String,
        /// Release date, YYYY-MM-DD (or an RFC 3339 date-time, taken in the desk's time zone);
        /// informative only, the version order decides what is supported.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

pub fn run(state: &AppState, cmd: ReleaseCommand) -> Result<(), CliError> {
    match cmd {
        ReleaseCommand::Add {
            slug,
            version,
            date,
        } => {
            let slug = args::text("SLUG", &slug)?;
            let version = Version::parse(&version).map_err(|e| CliError::arg("VERSION", e))?;
            let tz = state.config.business_hours.tz;
            let date = date.map(|d| args::date("--date", &d, tz)).transpose()?;
            let conn = &mut state.conn()?;
            let product = store::products::get(conn, &slug)?;
            let (release, created) =
                store::products::add_release(conn, product.id, &version, date, state.now())?;
            if created {
                println!("release {} {} added", product.slug, release.version);
            } else {
                println!("release {} {} already known", product.slug, release.version);
            }
        }
    }
    Ok(())
}
