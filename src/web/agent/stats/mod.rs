//! `GET /agent/stats`: the desk's figures over the last 7, 30 or 90 local days (`?days=`,
//! default 30; anything else is the default): queue length per lane at each day's end, tickets
//! created and first-answered per day, the median and 90th percentile of the first-response
//! time in business hours, the share answered within the target and eligibility refusals by
//! code. Each chart is SVG drawn here (no script, no style attribute: the CSP allows neither)
//! with a table of the same numbers beside it. `GET /agent/stats.csv` gives the same figures.
//!
//! This module reads the figures and answers both routes; the SVG drawing is in [`charts`],
//! the CSV format in [`export`].

pub mod charts;
pub mod export;

pub use charts::{Bar, Chart, Label, Line};
pub use export::{cell, csv};

use charts::{daily_chart, queue_chart, refusals_chart, share_chart};

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::queue::lane_label;
use super::{Gate, Shell, duration_text, gate};
use crate::app::AppState;
use crate::domain::queue::Lane;
use crate::domain::stats::{self, PERIODS, Stats};
use crate::i18n::{self, Msg};
use crate::store;
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;

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
