//! `GET /metrics` in Prometheus text format. Counters live in this process (several processes
//! on PostgreSQL each expose their own); queue lengths and the outbox backlog are read from the
//! database at scrape time, so they are the same whichever process answers.

use std::sync::OnceLock;
use std::time::Duration;

use actix_web::{HttpResponse, web};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::startup::AppState;
use crate::store;
use crate::store::tickets::Channel;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ChannelLabel {
    channel: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CodeLabel {
    code: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LaneLabel {
    lane: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabel {
    method: String,
    route: String,
    status: u16,
}

fn latency_histogram() -> Histogram {
    // 0.1 ms to ~3 s.
    Histogram::new(exponential_buckets(0.0001, 2.0, 16))
}

struct Metrics {
    registry: Registry,
    tickets_created: Family<ChannelLabel, Counter>,
    refusals: Family<CodeLabel, Counter>,
    http: Family<RouteLabel, Histogram, fn() -> Histogram>,
    queue_length: Family<LaneLabel, Gauge>,
    outbox_backlog: Gauge,
}

fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| {
        let mut registry = Registry::with_prefix("guichet");
        let tickets_created = Family::<ChannelLabel, Counter>::default();
        registry.register(
            "tickets_created",
            "Tickets created, by channel",
            tickets_created.clone(),
        );
        let refusals = Family::<CodeLabel, Counter>::default();
        registry.register(
            "eligibility_refusals",
            "Ticket requests refused, by code",
            refusals.clone(),
        );
        let http = Family::<RouteLabel, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency, by route",
            http.clone(),
        );
        let queue_length = Family::<LaneLabel, Gauge>::default();
        registry.register(
            "queue_length",
            "Tickets queued or assigned, by lane",
            queue_length.clone(),
        );
        let outbox_backlog = Gauge::default();
        registry.register(
            "outbox_backlog",
            "Mails waiting to be sent",
            outbox_backlog.clone(),
        );
        Metrics {
            registry,
            tickets_created,
            refusals,
            http,
            queue_length,
            outbox_backlog,
        }
    })
}

pub fn ticket_created(channel: Channel) {
    metrics()
        .tickets_created
        .get_or_create(&ChannelLabel {
            channel: channel.as_str(),
        })
        .inc();
}

pub fn refusal(code: &str) {
    metrics()
        .refusals
        .get_or_create(&CodeLabel {
            code: code.to_string(),
        })
        .inc();
}

/// Records one request; `route` is the matched pattern (e.g. `/api/v1/tickets/{number}`), never
/// the raw path, so ticket numbers and tokens do not end up in labels.
pub fn observe(method: &str, route: &str, status: u16, elapsed: Duration) {
    metrics()
        .http
        .get_or_create(&RouteLabel {
            method: method.to_string(),
            route: route.to_string(),
            status,
        })
        .observe(elapsed.as_secs_f64());
}

pub async fn scrape(state: web::Data<AppState>) -> HttpResponse {
    let state = state.into_inner();
    let read = web::block(move || -> Result<((i64, i64), i64), store::StoreError> {
        let mut c = state.conn()?;
        Ok((
            store::queue::lengths(&mut c)?,
            store::outbox::backlog(&mut c)?,
        ))
    })
    .await;
    let m = metrics();
    match read {
        Ok(Ok(((priority, standard), backlog))) => {
            m.queue_length
                .get_or_create(&LaneLabel { lane: "priority" })
                .set(priority);
            m.queue_length
                .get_or_create(&LaneLabel { lane: "standard" })
                .set(standard);
            m.outbox_backlog.set(backlog);
        }
        Ok(Err(e)) => tracing::warn!(error = %e, "metrics: cannot read queue lengths"),
        Err(_) => tracing::warn!("metrics: blocking task failed"),
    }
    let mut text = String::new();
    if encode(&mut text, &m.registry).is_err() {
        return HttpResponse::InternalServerError().finish();
    }
    HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(text)
}
