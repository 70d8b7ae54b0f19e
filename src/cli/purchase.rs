//! `guichet purchase …`: purchases, support extensions and the CSV import.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::args;
use super::{CliError, plural};
use crate::app::AppState;
use crate::domain::eligibility::Tier;
use crate::domain::support::is_inside;
use crate::store;
use crate::store::purchases::{NewExtension, NewPurchase};
use crate::tokens;

#[derive(Debug, Subcommand)]
pub enum PurchaseCommand {
    /// Record a purchase, or update the one with the same order and product.
    Add(PurchaseAdd),
    /// Record an extension of support for a purchase; prints the new end of support.
    Extend(PurchaseExtend),
    /// Import purchases from a CSV file with a header row: order_ref, email, product,
    /// purchased_at and an optional tier; other columns are ignored and never stored. A bad row
    /// is reported with its line (and column) and the others still load; importing the same file
    /// again changes nothing.
    Import {
        /// The CSV file.
        file: PathBuf,
    },
    /// List the purchases made with an email: order, product, tier, dates and extensions.
    List {
        /// The buyer's email, as used at checkout.
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Args)]
pub struct PurchaseAdd {
    /// The store's order reference (one order may hold several products).
    #[arg(long, value_name = "REF")]
    order: String,
    /// The buyer's email, as used at checkout.
    #[arg(long)]
    email: String,
    /// The product's slug.
    #[arg(long, value_name = "SLUG")]
    product: String,
    /// Purchase date, YYYY-MM-DD (or an RFC 3339 date-time, taken in the desk's time zone).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: String,
    /// The support plan bought.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Tier::Standard)]
    tier: Tier,
}

#[derive(Debug, Args)]
pub struct PurchaseExtend {
    /// The order reference of the purchase to extend.
    order_ref: String,
    /// The product's slug; needed only when the order holds several products.
    #[arg(long, value_name = "SLUG")]
    product: Option<String>,
    /// Months of support bought (calendar months), at least 1.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    months: u32,
    /// Date the extension was bought, YYYY-MM-DD [default: today in the desk's time zone].
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// The store's reference of the extension: recording the same one twice changes nothing.
    /// Without it a fresh reference is made, so each call records one more extension.
    #[arg(long = "ref", value_name = "EXTENSION_REF")]
    extension_ref: Option<String>,
}

pub fn run(state: &AppState, cmd: PurchaseCommand) -> Result<(), CliError> {
    let tz = state.config.business_hours.tz;
    match cmd {
        PurchaseCommand::Add(p) => {
            let purchase = NewPurchase {
                order_ref: args::text("--order", &p.order)?,
                email: args::email("--email", &p.email)?,
                product: args::text("--product", &p.product)?,
                purchased_at: args::date("--date", &p.date, tz)?,
                tier: p.tier,
            };
            let (row, outcome) =
                store::purchases::upsert(&mut *state.conn()?, &purchase, state.now())?;
            println!(
                "purchase {} {} {outcome}: support until {}",
                row.order_ref, purchase.product, row.support_until
            );
        }
        PurchaseCommand::Extend(x) => {
            let bought_at = match x.date {
                Some(d) => args::date("--date", &d, tz)?,
                None => state.config.business_hours.local_date(state.now()),
            };
            let extension_ref = match x.extension_ref {
                Some(r) => args::text("--ref", &r)?,
                None => format!("cli-{}", &tokens::generate()?.0[..16]),
            };
            let x = NewExtension {
                extension_ref,
                order_ref: args::text("REF", &x.order_ref)?,
                product: x.product.map(|p| args::text("--product", &p)).transpose()?,
                months: x.months,
                bought_at,
            };
            let (outcome, until) = store::purchases::extend(&mut *state.conn()?, &x, state.now())?;
            println!(
                "extension {} {outcome}: support until {until}",
                x.extension_ref
            );
        }
        PurchaseCommand::Import { file } => {
            let report = crate::import::import_file(&mut *state.conn()?, state, &file)?;
            for problem in &report.problems {
                eprintln!("{}:{problem}", file.display());
            }
            println!(
                "{}: {} created, {} updated, {} unchanged, {} rejected",
                plural(report.rows, "row", "rows"),
                report.created,
                report.updated,
                report.unchanged,
                report.problems.len()
            );
            if !report.problems.is_empty() {
                return Err(CliError::Failed(format!(
                    "{} rejected",
                    plural(report.problems.len(), "row was", "rows were")
                )));
            }
        }
        PurchaseCommand::List { email } => {
            let email = args::email("--email", &email)?;
            let lines = store::purchases::list_for_email(&mut *state.conn()?, &email)?;
            if lines.is_empty() {
                println!("no purchases with the email {email}");
                return Ok(());
            }
            let today = state.config.business_hours.local_date(state.now());
            let rows: Vec<Vec<String>> = lines
                .into_iter()
                .map(|l| {
                    let p = l.purchase;
                    let status = if is_inside(p.support_until, today) {
                        "active"
                    } else {
                        "expired"
                    };
                    vec![
                        p.order_ref,
                        l.product,
                        p.tier.as_str().to_string(),
                        p.purchased_at.to_string(),
                        format!("{} ({status})", p.support_until),
                        l.extensions.to_string(),
                    ]
                })
                .collect();
            super::print_table(
                &[
                    "ORDER",
                    "PRODUCT",
                    "TIER",
                    "BOUGHT",
                    "SUPPORT UNTIL",
                    "EXTENSIONS",
                ],
                &rows,
            );
        }
    }
    Ok(())
}
