//! `GET /agent/stats.csv`'s body: the same figures as the page, as CSV for a spreadsheet. Apart
//! from the page because its concern is the file format: cells guarded against formulas and
//! quoted per RFC 4180, machine-readable column names, hours as decimals.

use crate::domain::stats::Stats;

/// One CSV cell: a leading `=`, `+`, `-`, `@` (or tab, CR) gets an apostrophe so a spreadsheet
/// never reads it as a formula; quoted per RFC 4180 when it holds a comma, a quote or a line
/// break.
pub fn cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn hours_text(v: Option<chrono::TimeDelta>) -> String {
    v.map(|d| format!("{:.2}", d.num_seconds() as f64 / 3600.0))
        .unwrap_or_default()
}

/// The figures as CSV: a row per day, then the summary, then the refusals per code (each part
/// with its header row, a blank line between).
pub fn csv(s: &Stats, days: u32) -> String {
    let mut out = String::new();
    let mut row = |cells: &[String]| {
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    row(&strs(&[
        "date",
        "created",
        "first_answered",
        "queue_priority",
        "queue_standard",
    ]));
    for d in &s.days {
        row(&[
            d.date.to_string(),
            d.created.to_string(),
            d.answered.to_string(),
            d.priority.to_string(),
            d.standard.to_string(),
        ]);
    }
    let sum = &s.summary;
    row(&[]);
    row(&strs(&["figure", "value"]));
    for (k, v) in [
        ("period_days", days.to_string()),
        ("first_responses", sum.answered.to_string()),
        ("median_business_hours", hours_text(sum.median)),
        ("p90_business_hours", hours_text(sum.p90)),
        ("target_business_hours", s.target.num_hours().to_string()),
        ("within_target", sum.within_target.to_string()),
        (
            "share_within_target_percent",
            sum.share_percent()
                .map(|p| p.to_string())
                .unwrap_or_default(),
        ),
    ] {
        row(&[k.to_string(), v]);
    }
    row(&[]);
    row(&strs(&["refusal_code", "refusals"]));
    for (code, count) in &s.refusals {
        row(&[code.clone(), count.to_string()]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("no_purchase"), "no_purchase");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@x"), "'@x");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=a,\"b\""), "\"'=a,\"\"b\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }
}
