//! `GET /agent`: both lanes in queue order, with each ticket's position, age, the time left to
//! (or past) the first-response target in business hours, and its assignee; filters by lane,
//! state, product and "mine"; keyset pages (`?after=N`) that cost the same deep in a large
//! queue. `POST /agent/take` claims the head of the unassigned queue (the atomic claim the API
//! uses) and opens it.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{Gate, Shell, duration_text, gate, see_other};
use crate::app::AppState;
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::TicketState;
use crate::domain::queue::Lane;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::queue::QueueFilter;
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;

/// Tickets per page.
pub const PAGE: i64 = 50;

#[derive(Debug, Clone)]
pub struct Row {
    pub position: u32,
    pub number: i64,
    pub lane: String,
    pub state: String,
    pub subject: String,
    pub product: String,
    pub customer: String,
    pub age: String,
    pub target: String,
    pub overdue: bool,
    pub assignee: String,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Select {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone)]
pub struct Filters {
    pub legend: String,
    pub selects: Vec<Select>,
    pub mine: bool,
    pub mine_label: String,
    pub apply: String,
}

#[derive(Template)]
#[template(path = "agent/queue.html")]
pub struct QueuePage {
    pub layout: Layout,
    pub shell: Shell,
    pub title: String,
    pub notice: Option<String>,
    pub summary: String,
    pub take_next: String,
    pub filters: Filters,
    pub headings: Vec<String>,
    pub rows: Vec<Row>,
    pub empty: String,
    pub next_page: Option<String>,
    pub next_label: String,
    pub first_page: Option<String>,
    pub first_label: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    pub lane: Option<String>,
    pub state: Option<String>,
    pub product: Option<String>,
    pub mine: Option<String>,
    pub after: Option<String>,
    pub empty: Option<String>,
}

/// The filter a query asks for. Unknown values are ignored (the select offers only good ones;
/// a hand-typed bad value shows the unfiltered queue rather than an error page).
fn filter_of(q: &QueueQuery, agent_id: i64, products: &[(i64, String)]) -> QueueFilter {
    QueueFilter {
        lane: q.lane.as_deref().and_then(Lane::parse),
        state: q
            .state
            .as_deref()
            .and_then(TicketState::parse)
            .filter(|s| s.in_queue()),
        product_id: q
            .product
            .as_deref()
            .and_then(|slug| products.iter().find(|(_, s)| s == slug).map(|(id, _)| *id)),
        assignee_id: q.mine.as_deref().filter(|v| *v == "1").map(|_| agent_id),
    }
}

pub fn lane_label(lang: Lang, lane: Lane) -> String {
    let msg = match lane {
        Lane::Priority => Msg::AgentLanePriority,
        Lane::Standard => Msg::AgentLaneStandard,
    };
    i18n::text(lang, msg, &[])
}

fn state_text(lang: Lang, state: TicketState) -> String {
    match state {
        TicketState::Assigned => i18n::text(lang, Msg::AgentStateAssigned, &[]),
        _ => i18n::text(lang, Msg::AgentStateQueued, &[]),
    }
}

/// The query string of the current filters, for the pager's links.
fn query_of(q: &QueueQuery) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("lane", &q.lane),
        ("state", &q.state),
        ("product", &q.product),
    ] {
        if let Some(v) = v.as_deref().filter(|v| {
            !v.is_empty()
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }) {
            parts.push(format!("{k}={v}"));
        }
    }
    if q.mine.as_deref() == Some("1") {
        parts.push("mine=1".into());
    }
    parts.join("&")
}

pub async fn show(
    req: HttpRequest,
    query: web::Query<QueueQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(a) => a,
        Gate::Out(res) => return Ok(res),
    };
    let lang = page_lang(&req, state.config.default_language);
    let q = query.into_inner();
    let after = q.after.as_deref().and_then(TicketId::parse);
    let agent_id = agent.id;
    let q2 = QueueQuery {
        lane: q.lane.clone(),
        state: q.state.clone(),
        product: q.product.clone(),
        mine: q.mine.clone(),
        after: None,
        empty: None,
    };
    let (rows, lengths, products, emails) = with_conn(&state, move |c| {
        let slugs = store::products::slugs(c)?;
        let mut products: Vec<(i64, String)> = slugs.into_iter().collect();
        products.sort_by(|a, b| a.1.cmp(&b.1));
        let filter = filter_of(&q2, agent_id, &products);
        // One more than a page tells whether there is a next one.
        let rows = match store::queue::page_where(c, filter, PAGE + 1, after) {
            Ok(rows) => rows,
            // A stale `after` (the ticket left the queue): start from the head.
            Err(store::StoreError::UnknownTicket(_) | store::StoreError::NotQueued(_)) => {
                store::queue::page_where(c, filter, PAGE + 1, None)?
            }
            Err(e) => return Err(e.into()),
        };
        let ids: Vec<i64> = rows.iter().filter_map(|(t, _)| t.assignee_id).collect();
        let emails = store::agents::emails(c, &ids)?;
        let lengths = store::queue::lengths(c)?;
        Ok((rows, lengths, products, emails))
    })
    .await?;
    let now = state.now();
    let hours = &state.config.business_hours;
    let target = chrono::TimeDelta::hours(i64::from(state.config.response_target_hours));
    let slug_of: HashMap<i64, String> = products.iter().cloned().collect();
    let has_more = rows.len() as i64 > PAGE;
    let rows: Vec<_> = rows.into_iter().take(PAGE as usize).collect();
    let next_page = has_more.then(|| {
        let last = rows.last().map(|(t, _)| t.id.get()).unwrap_or_default();
        let filters = query_of(&q);
        let sep = if filters.is_empty() { "" } else { "&" };
        format!("/agent?{filters}{sep}after={last}")
    });
    let first_page = after.map(|_| {
        let filters = query_of(&q);
        if filters.is_empty() {
            "/agent".to_string()
        } else {
            format!("/agent?{filters}")
        }
    });
    let rows = rows
        .into_iter()
        .map(|(t, position)| {
            let waiting_since = t.awaiting_since.unwrap_or(t.queued_at).and_utc();
            let deadline = hours.response_deadline_with(waiting_since, target);
            let (overdue, target) = if now >= deadline {
                let late = duration_text(lang, hours.between(deadline, now));
                (
                    true,
                    i18n::text(lang, Msg::AgentQueueOverdue, &[("time", late)]),
                )
            } else {
                let left = duration_text(lang, hours.between(now, deadline));
                (
                    false,
                    i18n::text(lang, Msg::AgentQueueLeft, &[("time", left)]),
                )
            };
            Row {
                position,
                number: t.id.get(),
                lane: lane_label(lang, t.lane),
                state: state_text(lang, t.state),
                product: t
                    .product_id
                    .and_then(|id| slug_of.get(&id).cloned())
                    .unwrap_or_default(),
                customer: format!("{} <{}>", t.name, t.email),
                age: duration_text(lang, now - t.queued_at.and_utc()),
                target,
                overdue,
                assignee: t
                    .assignee_id
                    .and_then(|id| emails.get(&id).cloned())
                    .unwrap_or_else(|| i18n::text(lang, Msg::AgentUnassigned, &[])),
                subject: t.subject,
            }
        })
        .collect();
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let t = |m| i18n::text(lang, m, &[]);
    let any = Choice {
        value: String::new(),
        label: t(Msg::AgentQueueFilterAny),
    };
    let selects = vec![
        Select {
            name: "lane",
            label: t(Msg::AgentQueueFilterLane),
            value: q.lane.clone().unwrap_or_default(),
            choices: std::iter::once(any.clone())
                .chain([Lane::Priority, Lane::Standard].map(|l| Choice {
                    value: l.as_str().to_string(),
                    label: lane_label(lang, l),
                }))
                .collect(),
        },
        Select {
            name: "state",
            label: t(Msg::AgentQueueFilterState),
            value: q.state.clone().unwrap_or_default(),
            choices: std::iter::once(any.clone())
                .chain(
                    [TicketState::Queued, TicketState::Assigned].map(|s| Choice {
                        value: s.as_str().to_string(),
                        label: state_text(lang, s),
                    }),
                )
                .collect(),
        },
        Select {
            name: "product",
            label: t(Msg::AgentQueueFilterProduct),
            value: q.product.clone().unwrap_or_default(),
            choices: std::iter::once(any)
                .chain(products.iter().map(|(_, slug)| Choice {
                    value: slug.clone(),
                    label: slug.clone(),
                }))
                .collect(),
        },
    ];
    let page = QueuePage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, &agent, &csrf, "queue"),
        title: t(Msg::AgentQueueTitle),
        notice: q.empty.as_deref().map(|_| t(Msg::AgentQueueNothingToTake)),
        summary: i18n::text(
            lang,
            Msg::AgentQueueSummary,
            &[
                ("priority", lengths.0.to_string()),
                ("standard", lengths.1.to_string()),
            ],
        ),
        take_next: t(Msg::AgentQueueTakeNext),
        filters: Filters {
            legend: t(Msg::AgentQueueFilters),
            selects,
            mine: q.mine.as_deref() == Some("1"),
            mine_label: t(Msg::AgentQueueFilterMine),
            apply: t(Msg::AgentQueueFilterApply),
        },
        headings: [
            Msg::AgentQueueColPosition,
            Msg::AgentQueueColNumber,
            Msg::AgentQueueColSubject,
            Msg::AgentQueueColProduct,
            Msg::AgentQueueColCustomer,
            Msg::AgentQueueColAge,
            Msg::AgentQueueColTarget,
            Msg::AgentQueueColAssignee,
        ]
        .into_iter()
        .map(t)
        .collect(),
        rows,
        empty: t(Msg::AgentQueueEmpty),
        next_page,
        next_label: t(Msg::AgentQueueNextPage),
        first_page,
        first_label: t(Msg::AgentQueueFirstPage),
    };
    respond(&req, &state, StatusCode::OK, &page, Some(&csrf))
}

#[derive(Debug, Deserialize)]
pub struct TakeForm {
    pub csrf: Option<String>,
}

/// `POST /agent/take`: the head of the unassigned queue becomes the agent's, and opens; an
/// empty queue comes back to the queue page saying so.
pub async fn take(
    req: HttpRequest,
    form: web::Form<TakeForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(a) => a,
        Gate::Out(res) => return Ok(res),
    };
    let lang = page_lang(&req, state.config.default_language);
    if !csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        return Err(WebError::new(
            StatusCode::FORBIDDEN,
            "csrf_failed",
            i18n::text(lang, Msg::FormCsrfFailed, &[]),
        ));
    }
    let now = state.now();
    let agent_id = agent.id;
    let taken = with_conn(&state, move |c| {
        Ok(store::queue::take_next(c, agent_id, now)?)
    })
    .await?;
    Ok(match taken {
        Some(t) => see_other(&format!("/agent/tickets/{}", t.id)),
        None => see_other("/agent?empty=1"),
    })
}
