//! The stats page's charts, drawn here as inline SVG: coordinates computed on the server, no
//! script and no style attribute (the CSP allows neither). Apart from the page because the
//! drawing (scales, axes, labels) is geometry that the figures and the page text do not need;
//! the page puts each chart beside a table of the same numbers.

use super::lane_label;
use crate::domain::queue::Lane;
use crate::domain::stats::{self, Stats};
use crate::i18n::{self, Lang, Msg};

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

pub(super) fn queue_chart(lang: Lang, s: &Stats) -> Chart {
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

pub(super) fn daily_chart(lang: Lang, s: &Stats) -> Chart {
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
pub(super) fn share_chart(lang: Lang, percent: u32) -> Chart {
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
pub(super) fn refusals_chart(lang: Lang, refusals: &[(String, u32)]) -> Chart {
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
