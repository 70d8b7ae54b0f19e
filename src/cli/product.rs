//! `guichet product …`.

use clap::Subcommand;

use super::CliError;
use super::args;
use crate::app::AppState;
use crate::domain::version::supported_versions;
use crate::store;
use crate::store::products::{ProductTerms, Slug};

#[derive(Debug, Subcommand)]
pub enum ProductCommand {
    /// Add a product. Unset terms take the settings free_support_days, max_support_months and
    /// releases_back.
    Add {
        /// Identifier in URLs, CSV files and mail: 1 to 100 lower-case letters, digits, - or _.
        slug: String,
        /// The product's name as customers know it.
        #[arg(long)]
        name: String,
        /// Days of support included with a purchase [default: setting free_support_days, 30].
        #[arg(long, value_name = "N")]
        free_support_days: Option<u32>,
        /// Cap on support, in months after the purchase, whatever the extensions
        /// [default: setting max_support_months, 12].
        #[arg(long, value_name = "N")]
        max_support_months: Option<u32>,
        /// Releases supported below the latest one [default: setting releases_back, 2].
        #[arg(long, value_name = "N")]
        releases_back: Option<u32>,
    },
    /// List products with their terms and the versions supported now.
    List,
}

pub fn run(state: &AppState, cmd: ProductCommand) -> Result<(), CliError> {
    match cmd {
        ProductCommand::Add {
            slug,
            name,
            free_support_days,
            max_support_months,
            releases_back,
        } => {
            let slug =
                Slug::parse(&args::text("SLUG", &slug)?).map_err(|e| CliError::arg("SLUG", e))?;
            let name = args::text("--name", &name)?;
            let cfg = &state.config;
            let terms = ProductTerms {
                free_support_days: free_support_days.unwrap_or(cfg.free_support_days),
                max_support_months: max_support_months.unwrap_or(cfg.max_support_months),
                releases_back: releases_back.unwrap_or(cfg.releases_back),
            };
            let p = store::products::add(&mut *state.conn()?, &slug, &name, terms, state.now())?;
            println!("product {} added", p.slug);
        }
        ProductCommand::List => {
            let conn = &mut state.conn()?;
            let products = store::products::list(conn)?;
            if products.is_empty() {
                println!("no products; add one with `guichet product add SLUG --name NAME`");
                return Ok(());
            }
            let mut rows = Vec::new();
            for p in products {
                let releases = store::products::release_versions(conn, p.id)?;
                let back = u32::try_from(p.releases_back).unwrap_or(0);
                let supported = supported_versions(&releases, back);
                let versions = if supported.is_empty() {
                    "any (no releases)".to_string()
                } else {
                    supported
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                rows.push(vec![
                    p.slug,
                    p.name,
                    versions,
                    format!(
                        "{} days free, at most {} months",
                        p.free_support_days, p.max_support_months
                    ),
                ]);
            }
            super::print_table(&["SLUG", "NAME", "SUPPORTED VERSIONS", "SUPPORT"], &rows);
        }
    }
    Ok(())
}
