//! `guichet purchase import FILE.csv`: a store's export of purchases.
//!
//! Columns are found by header name (order_ref, email, product, purchased_at, and optional tier),
//! so a store may add columns of its own; those are ignored and never stored. Each row is its own
//! upsert: a bad row is reported with its line number and the others still load, and importing
//! the same file again changes nothing.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::app::AppState;
use crate::db::DbConn;
use crate::domain::eligibility::Tier;
use crate::domain::email::EmailAddress;
use crate::domain::support::parse_calendar_date;
use crate::domain::text::single_line;
use crate::store::StoreError;
use crate::store::purchases::{NewPurchase, Upserted, upsert};

#[derive(Debug, Default)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// One per rejected row; shown as `line N: reason`.
    pub problems: Vec<Problem>,
}

/// A rejected row: its line in the file (1 is the header) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

struct Columns {
    order_ref: usize,
    email: usize,
    product: usize,
    purchased_at: usize,
    tier: Option<usize>,
}

fn columns(headers: &csv::StringRecord) -> Result<Columns, String> {
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let need =
        |name: &str| find(name).ok_or_else(|| format!("line 1: the header has no `{name}` column"));
    Ok(Columns {
        order_ref: need("order_ref")?,
        email: need("email")?,
        product: need("product")?,
        purchased_at: need("purchased_at")?,
        tier: find("tier"),
    })
}

fn parse_row(
    row: &csv::StringRecord,
    cols: &Columns,
    tz: chrono_tz::Tz,
) -> Result<NewPurchase, String> {
    // Only the cells guichet reads are checked: the columns it ignores are never stored, and a
    // store's quoted address cell may well hold a line break.
    let cell = |i: usize, name: &str| -> Result<Option<&str>, String> {
        let value = row.get(i).map(str::trim).filter(|v| !v.is_empty());
        if let Some(v) = value {
            single_line(v).map_err(|e| format!("column {} (`{name}`): {e}", i + 1))?;
        }
        Ok(value)
    };
    let field = |i: usize, name: &str| cell(i, name)?.ok_or_else(|| format!("`{name}` is empty"));
    let tier = match cols.tier.map(|i| cell(i, "tier")).transpose()?.flatten() {
        None => Tier::Standard,
        Some(t) => Tier::parse(t)
            .ok_or_else(|| format!("`tier` must be standard or priority, not {t:?}"))?,
    };
    Ok(NewPurchase {
        order_ref: field(cols.order_ref, "order_ref")?.to_string(),
        email: EmailAddress::parse(field(cols.email, "email")?)
            .map_err(|e| format!("`email`: {e}"))?,
        product: field(cols.product, "product")?.to_string(),
        purchased_at: parse_calendar_date(field(cols.purchased_at, "purchased_at")?, tz)
            .map_err(|e| format!("`purchased_at`: {e}"))?,
        tier,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_character_is_reported_with_its_line_and_column() {
        let mut reader = csv::ReaderBuilder::new().from_reader(
            "order_ref,email,product,purchased_at\nW\u{0}1,a@b.test,shop,2026-01-10\n".as_bytes(),
        );
        let headers = reader.headers().expect("headers").clone();
        let cols = columns(&headers).expect("columns");
        let row = reader.records().next().expect("a row").expect("parses");
        let err = parse_row(&row, &cols, chrono_tz::Europe::Paris).expect_err("NUL refused");
        assert_eq!(err, "column 1 (`order_ref`): contains a control character");
    }
}

/// Why a whole file could not be imported (a bad row is a problem in the report instead).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("line 1: {0}")]
    Header(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub fn import_file(
    conn: &mut DbConn,
    state: &AppState,
    path: &Path,
) -> Result<ImportReport, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    // Rows are counted up front so the bar has a length; a newline count is a good estimate
    // and costs one pass over bytes already in memory.
    let estimate = bytecount_lines(&bytes).saturating_sub(1);
    let bar = ProgressBar::new(estimate as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} rows {per_sec} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let report = import_rows(
        conn,
        state.config.business_hours.tz,
        &bytes,
        state.now(),
        &bar,
    );
    bar.finish_and_clear();
    report
}

/// The same import without a progress bar, for the admin page (a server's terminal is no
/// place to draw one).
pub fn import_bytes(
    conn: &mut DbConn,
    tz: chrono_tz::Tz,
    bytes: &[u8],
    at: chrono::DateTime<chrono::Utc>,
) -> Result<ImportReport, ImportError> {
    import_rows(conn, tz, bytes, at, &ProgressBar::hidden())
}

fn import_rows(
    conn: &mut DbConn,
    tz: chrono_tz::Tz,
    bytes: &[u8],
    at: chrono::DateTime<chrono::Utc>,
    bar: &ProgressBar,
) -> Result<ImportReport, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| ImportError::Header(e.to_string()))?
        .clone();
    let cols = columns(&headers).map_err(ImportError::Header)?;
    let mut report = ImportReport::default();
    for record in reader.records() {
        bar.inc(1);
        report.rows += 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                report.problems.push(Problem {
                    line,
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let purchase = match parse_row(&record, &cols, tz) {
            Ok(p) => p,
            Err(reason) => {
                report.problems.push(Problem { line, reason });
                continue;
            }
        };
        match upsert(conn, &purchase, at) {
            Ok((_, Upserted::Created)) => report.created += 1,
            Ok((_, Upserted::Updated)) => report.updated += 1,
            Ok((_, Upserted::Unchanged)) => report.unchanged += 1,
            Err(StoreError::UnknownProduct(slug)) => {
                report.problems.push(Problem {
                    line,
                    reason: format!("no product with the slug {slug:?}"),
                });
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(report)
}

fn bytecount_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}
