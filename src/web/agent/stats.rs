//! `GET /agent/stats`: the desk's figures over the last 7, 30 or 90 local days (`?days=`,
//! default 30; anything else is the default): queue length per lane at each day's end, tickets
//! created and first-answered per day, the median and 90th percentile of the first-response
//! time in business hours, the share answered within the target and eligibility refusals by
//! code. Each chart is SVG drawn here (no script, no style attribute: the CSP allows neither)
//! with a table of the same numbers beside it. `GET /agent/stats.csv` gives the same figures.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::queue::lane_label;
use super::{Gate, Shell, duration_text, gate};
use crate::app::AppState;
use crate::domain::queue::Lane;
use crate::domain::stats::{self, PERIODS, Stats};
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;

/// The drawing area of every chart, in SVG user units.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 170.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;

#[derive(Debug, Clone)]
pub struct Line {
    pub points: String,
    pub class: &'static str,
}

#[derive(Debug, Clone)]
pub struct Bar {
    pub x: String,
    pub y: String,
    pub w: String,
    pub h: String,
    pub class: &'static str,
}

#[derive(Debug, Clone)]
pub struct Label {
    pub x: String,
    pub y: String,
    pub text: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
}

/// One inline SVG chart, its coordinates computed here.
#[derive(Debug, Clone)]
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub desc: String,
    pub width: u32,
    pub height: u32,
    pub axis: String,
    pub lines: Vec<Line>,
    pub bars: Vec<Bar>,
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone)]
pub struct DayRow {
    pub date: String,
    pub created: u32,
    pub answered: u32,
    pub priority: u32,
    pub standard: u32,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: u32,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "agent/stats.html")]
pub struct StatsPage {
    pub layout: Layout,
    pub shell: Shell,
    pub title: String,
    pub range: String,
    pub period_label: String,
    pub choices: Vec<Choice>,
    pub show: String,
    pub csv_href: String,
    pub csv_label: String,
    pub no_data: String,
    pub any_ticket: bool,
    pub queue_chart: Chart,
    pub daily_chart: Chart,
    pub share_chart: Option<Chart>,
    pub refusals_chart: Option<Chart>,
    pub queue_title: String,
    pub daily_title: String,
    pub response_title: String,
    pub response_desc: String,
    pub refusals_title: String,
    pub refusals_desc: String,
    pub col_day: String,
    pub col_created: String,
    pub col_answered: String,
    pub col_priority: String,
    pub col_standard: String,
    pub col_figure: String,
    pub col_value: String,
    pub col_code: String,
    pub col_count: String,
    pub days: Vec<DayRow>,
    pub summary: Vec<(String, String)>,
    pub refusals: Vec<(String, u32)>,
}

/// The `days` of the query string, read by hand so a repeated or odd parameter is the default
/// rather than a 400.
fn days_of(req: &HttpRequest) -> u32 {
    let asked = req
        .query_string()
        .split('&')
        .find_map(|pair| pair.strip_prefix("days="));
    stats::period_days(asked)
}

async fn figures(state: &AppState, days: u32) -> Result<Stats, WebError> {
    let hours = state.config.business_hours.clone();
    let period = stats::period(&hours, state.now(), days);
    let (facts, codes) = with_conn(state, move |c| {
        let facts = store::stats::ticket_facts(c, period.start, period.end)?;
        let codes = store::stats::refusal_codes(c, period.start, period.end)?;
        Ok((facts, codes))
    })
    .await?;
    let target = chrono::TimeDelta::hours(i64::from(state.config.response_target_hours));
    Ok(stats::compute(&hours, target, period, &facts, &codes))
}

fn n(v: f64) -> String {
    format!("{v:.1}")
}

/// The top of a chart's scale: the largest value, at least 1.
fn scale(max: u32) -> f64 {
    f64::from(max.max(1))
}

fn plot_w() -> f64 {
    WIDTH - LEFT - RIGHT
}

fn plot_h() -> f64 {
    HEIGHT - TOP - BOTTOM
}

fn y_of(v: u32, top: f64) -> f64 {
    TOP + plot_h() - f64::from(v) / top * plot_h()
}

fn axis() -> String {
    format!(
        "M{l},{t} V{b} H{r}",
        l = n(LEFT),
        t = n(TOP),
        b = n(TOP + plot_h()),
        r = n(LEFT + plot_w())
    )
}

/// The scale's labels (0 and the top) and the first and last dates under the plot.
fn frame_labels(top: u32, first: &str, last: &str) -> Vec<Label> {
    vec![
        Label {
            x: n(LEFT - 6.0),
            y: n(TOP + plot_h() + 4.0),
            text: "0".into(),
            anchor: "end",
        },
        Label {
            x: n(LEFT - 6.0),
            y: n(TOP + 4.0),
            text: top.to_string(),
            anchor: "end",
        },
        Label {
            x: n(LEFT),
            y: n(HEIGHT - 8.0),
            text: first.to_string(),
            anchor: "start",
        },
        Label {
            x: n(LEFT + plot_w()),
            y: n(HEIGHT - 8.0),
            text: last.to_string(),
            anchor: "end",
        },
    ]
}

fn queue_chart(lang: Lang, s: &Stats) -> Chart {
    let t = |m| i18n::text(lang, m, &[]);
    let max = s
        .days
        .iter()
        .map(|d| d.priority.max(d.standard))
        .max()
        .unwrap_or(0)
        .max(1);
    let top = scale(max);
    let step = plot_w() / (s.days.len().max(2) - 1) as f64;
    let x_of = |i: usize| LEFT + step * i as f64;
    let mut lines = Vec::new();
    let mut labels = frame_labels(max, &s.period.first.to_string(), &s.period.last.to_string());
    for (lane, class) in [
        (Lane::Priority, "chart-line-priority"),
        (Lane::Standard, "chart-line-standard"),
    ] {
        let value = |d: &stats::Day| match lane {
            Lane::Priority => d.priority,
            Lane::Standard => d.standard,
        };
        let points: Vec<String> = s
            .days
            .iter()
            .enumerate()
            .map(|(i, d)| format!("{},{}", n(x_of(i)), n(y_of(value(d), top))))
            .collect();
        let last = s.days.last().map(value).unwrap_or(0);
        // The lane's name at the line's end: the lines differ by label and dash, not colour only.
        labels.push(Label {
            x: n(LEFT + plot_w() + 6.0),
            y: n(y_of(last, top) + if lane == Lane::Priority { -4.0 } else { 12.0 }),
            text: format!("{} ({last})", lane_label(lang, lane)),
            anchor: "start",
        });
        lines.push(Line {
            points: points.join(" "),
            class,
        });
    }
    Chart {
        id: "chart-queue",
        title: t(Msg::AgentStatsQueueTitle),
        desc: t(Msg::AgentStatsQueueDesc),
        width: WIDTH as u32,
        height: HEIGHT as u32,
        axis: axis(),
        lines,
        bars: Vec::new(),
        labels,
    }
}

fn daily_chart(lang: Lang, s: &Stats) -> Chart {
    let t = |m| i18n::text(lang, m, &[]);
    let max = s
        .days
        .iter()
        .map(|d| d.created.max(d.answered))
        .max()
        .unwrap_or(0)
        .max(1);
    let top = scale(max);
    let slot = plot_w() / s.days.len().max(1) as f64;
    let bar = (slot * 0.4).max(0.5);
    let mut bars = Vec::new();
    for (i, d) in s.days.iter().enumerate() {
        let x = LEFT + slot * i as f64 + slot * 0.1;
        for (k, (v, class)) in [
            (d.created, "chart-bar-created"),
            (d.answered, "chart-bar-answered"),
        ]
        .into_iter()
        .enumerate()
        {
            if v == 0 {
                continue;
            }
            let y = y_of(v, top);
            bars.push(Bar {
                x: n(x + bar * k as f64),
                y: n(y),
                w: n(bar),
                h: n(TOP + plot_h() - y),
                class,
            });
        }
    }
    let mut labels = frame_labels(max, &s.period.first.to_string(), &s.period.last.to_string());
    let total = |f: fn(&stats::Day) -> u32| s.days.iter().map(f).sum::<u32>();
    labels.push(Label {
        x: n(LEFT + plot_w() + 6.0),
        y: n(TOP + 12.0),
        text: format!(
            "{} ({})",
            t(Msg::AgentStatsColCreated),
            total(|d| d.created)
        ),
        anchor: "start",
    });
    labels.push(Label {
        x: n(LEFT + plot_w() + 6.0),
        y: n(TOP + 30.0),
        text: format!(
            "{} ({})",
            t(Msg::AgentStatsColAnswered),
            total(|d| d.answered)
        ),
        anchor: "start",
    });
    Chart {
        id: "chart-daily",
        title: t(Msg::AgentStatsDailyTitle),
        desc: t(Msg::AgentStatsDailyDesc),
        width: WIDTH as u32,
        height: HEIGHT as u32,
        axis: axis(),
        lines: Vec::new(),
        bars,
        labels,
    }
}

/// One horizontal bar from 0 to 100 %.
fn share_chart(lang: Lang, percent: u32) -> Chart {
    let (w, h) = (WIDTH, 48.0);
    let full = w - LEFT - RIGHT;
    let title = i18n::text(
        lang,
        Msg::AgentStatsShareChart,
        &[("percent", percent.to_string())],
    );
    Chart {
        id: "chart-share",
        desc: title.clone(),
        title,
        width: w as u32,
        height: h as u32,
        axis: format!("M{},8 V32", n(LEFT)),
        lines: Vec::new(),
        bars: vec![
            Bar {
                x: n(LEFT),
                y: "8.0".into(),
                w: n(full),
                h: "24.0".into(),
                class: "chart-bar-track",
            },
            Bar {
                x: n(LEFT),
                y: "8.0".into(),
                w: n(full * f64::from(percent.min(100)) / 100.0),
                h: "24.0".into(),
                class: "chart-bar-created",
            },
        ],
        labels: vec![Label {
            x: n(LEFT + full + 6.0),
            y: "25.0".into(),
            text: match lang {
                Lang::Fr => format!("{percent}\u{a0}%"),
                _ => format!("{percent}%"),
            },
            anchor: "start",
        }],
    }
}

/// A horizontal bar per refusal code, its name and count beside it.
fn refusals_chart(lang: Lang, refusals: &[(String, u32)]) -> Chart {
    let t = |m| i18n::text(lang, m, &[]);
    let row = 26.0;
    let label_w = 190.0;
    let h = row * refusals.len() as f64 + 8.0;
    let full = WIDTH - label_w - 60.0;
    let max = scale(refusals.iter().map(|(_, c)| *c).max().unwrap_or(0));
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    for (i, (code, count)) in refusals.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        bars.push(Bar {
            x: n(label_w),
            y: n(y + 3.0),
            w: n((full * f64::from(*count) / max).max(1.0)),
            h: n(row - 8.0),
            class: "chart-bar-refused",
        });
        labels.push(Label {
            x: n(label_w - 6.0),
            y: n(y + row / 2.0 + 3.0),
            text: code.clone(),
            anchor: "end",
        });
        labels.push(Label {
            x: n(label_w + full * f64::from(*count) / max + 6.0),
            y: n(y + row / 2.0 + 3.0),
            text: count.to_string(),
            anchor: "start",
        });
    }
    Chart {
        id: "chart-refusals",
        title: t(Msg::AgentStatsRefusalsTitle),
        desc: t(Msg::AgentStatsRefusalsDesc),
        width: WIDTH as u32,
        height: h as u32,
        axis: format!("M{},2 V{}", n(label_w), n(h - 2.0)),
        lines: Vec::new(),
        bars,
        labels,
    }
}

pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(a) => a,
        Gate::Out(res) => return Ok(res),
    };
    let lang = page_lang(&req, state.config.default_language);
    let days = days_of(&req);
    let s = figures(&state, days).await?;
    let t = |m| i18n::text(lang, m, &[]);
    let no_data = t(Msg::AgentStatsNoData);
    let span = |v: Option<chrono::TimeDelta>| {
        v.map(|d| duration_text(lang, d))
            .unwrap_or_else(|| no_data.clone())
    };
    let sum = &s.summary;
    let share = sum.share_percent();
    let summary = vec![
        (t(Msg::AgentStatsAnswered), sum.answered.to_string()),
        (t(Msg::AgentStatsMedian), span(sum.median)),
        (t(Msg::AgentStatsP90), span(sum.p90)),
        (
            i18n::text(
                lang,
                Msg::AgentStatsWithin,
                &[("hours", s.target.num_hours().to_string())],
            ),
            share
                .map(|p| {
                    i18n::text(
                        lang,
                        Msg::AgentStatsPercent,
                        &[
                            ("percent", p.to_string()),
                            ("within", sum.within_target.to_string()),
                            ("answered", sum.answered.to_string()),
                        ],
                    )
                })
                .unwrap_or_else(|| no_data.clone()),
        ),
    ];
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let page = StatsPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, &agent, &csrf, "stats"),
        title: t(Msg::AgentStatsTitle),
        range: i18n::text(
            lang,
            Msg::AgentStatsRange,
            &[
                ("first", s.period.first.to_string()),
                ("last", s.period.last.to_string()),
            ],
        ),
        period_label: t(Msg::AgentStatsPeriodLabel),
        choices: PERIODS
            .iter()
            .map(|&d| Choice {
                value: d,
                label: i18n::text(lang, Msg::AgentStatsPeriod, &[("days", d.to_string())]),
                selected: d == days,
            })
            .collect(),
        show: t(Msg::AgentStatsShow),
        csv_href: format!("/agent/stats.csv?days={days}"),
        csv_label: t(Msg::AgentStatsCsv),
        any_ticket: s
            .days
            .iter()
            .any(|d| d.created + d.answered + d.priority + d.standard > 0),
        queue_chart: queue_chart(lang, &s),
        daily_chart: daily_chart(lang, &s),
        share_chart: share.map(|p| share_chart(lang, p)),
        refusals_chart: (!s.refusals.is_empty()).then(|| refusals_chart(lang, &s.refusals)),
        queue_title: t(Msg::AgentStatsQueueTitle),
        daily_title: t(Msg::AgentStatsDailyTitle),
        response_title: t(Msg::AgentStatsResponseTitle),
        response_desc: t(Msg::AgentStatsResponseDesc),
        refusals_title: t(Msg::AgentStatsRefusalsTitle),
        refusals_desc: t(Msg::AgentStatsRefusalsDesc),
        col_day: t(Msg::AgentStatsColDay),
        col_created: t(Msg::AgentStatsColCreated),
        col_answered: t(Msg::AgentStatsColAnswered),
        col_priority: lane_label(lang, Lane::Priority),
        col_standard: lane_label(lang, Lane::Standard),
        col_figure: t(Msg::AgentStatsColFigure),
        col_value: t(Msg::AgentStatsColValue),
        col_code: t(Msg::AgentStatsColCode),
        col_count: t(Msg::AgentStatsColCount),
        days: s
            .days
            .iter()
            .map(|d| DayRow {
                date: d.date.to_string(),
                created: d.created,
                answered: d.answered,
                priority: d.priority,
                standard: d.standard,
            })
            .collect(),
        summary,
        refusals: s.refusals.clone(),
        no_data,
    };
    respond(&req, &state, StatusCode::OK, &page, Some(&csrf))
}

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

pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    if let Gate::Out(res) = gate(&req, &state).await? {
        return Ok(res);
    }
    let days = days_of(&req);
    let s = figures(&state, days).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"guichet-stats-{}.csv\"",
                s.period.last
            ),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(csv(&s, days)))
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
