//! The application's metrics registry. Each [`AppState`](crate::app::AppState) owns one, so two
//! applications in one process (the tests start many) never see each other's counts. Counters
//! are per process; several processes on PostgreSQL each expose their own. `/metrics` (in
//! `web::metrics`) fills the gauges from the database at scrape time and encodes the registry.

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::domain::channel::Channel;
use crate::domain::outbox::OutboxState;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ChannelLabel {
    channel: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CodeLabel {
    code: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LaneLabel {
    lane: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabel {
    state: &'static str,
}

/// What one attempt to send a mail came to, as the sender counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// A temporary failure; the mail waits for its next attempt.
    Retried,
    /// A permanent refusal, or the last attempt failed.
    Failed,
    /// An automatic mail over the per-address limit, not sent.
    Suppressed,
}

impl Delivery {
    fn as_str(self) -> &'static str {
        match self {
            Delivery::Sent => "sent",
            Delivery::Retried => "retried",
            Delivery::Failed => "failed",
            Delivery::Suppressed => "suppressed",
        }
    }
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

pub struct Metrics {
    registry: Registry,
    tickets_created: Family<ChannelLabel, Counter>,
    refusals: Family<CodeLabel, Counter>,
    http: Family<RouteLabel, Histogram, fn() -> Histogram>,
    queue_length: Family<LaneLabel, Gauge>,
    outbox_backlog: Gauge,
    outbox_mails: Family<StateLabel, Gauge>,
    deliveries: Family<OutcomeLabel, Counter>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics(…)")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
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
        let outbox_mails = Family::<StateLabel, Gauge>::default();
        registry.register(
            "outbox_mails",
            "Mails in the outbox, by state (failed ones stay until an admin looks)",
            outbox_mails.clone(),
        );
        let deliveries = Family::<OutcomeLabel, Counter>::default();
        registry.register(
            "mail_deliveries",
            "Attempts of this process to send a mail, by outcome",
            deliveries.clone(),
        );
        Metrics {
            registry,
            outbox_mails,
            deliveries,
            tickets_created,
            refusals,
            http,
            queue_length,
            outbox_backlog,
        }
    }

    pub fn ticket_created(&self, channel: Channel) {
        self.tickets_created
            .get_or_create(&ChannelLabel {
                channel: channel.as_str(),
            })
            .inc();
    }

    pub fn refusal(&self, code: &'static str) {
        self.refusals.get_or_create(&CodeLabel { code }).inc();
    }

    /// Records one request; `route` is the matched pattern (e.g. `/api/v1/tickets/{number}`),
    /// never the raw path, so ticket numbers and tokens do not end up in labels.
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        self.http
            .get_or_create(&RouteLabel {
                method: method.to_string(),
                route: route.to_string(),
                status,
            })
            .observe(elapsed.as_secs_f64());
    }

    /// Sets the gauges read from the database at scrape time.
    pub fn set_queue_lengths(&self, priority: i64, standard: i64) {
        self.queue_length
            .get_or_create(&LaneLabel { lane: "priority" })
            .set(priority);
        self.queue_length
            .get_or_create(&LaneLabel { lane: "standard" })
            .set(standard);
    }

    pub fn set_outbox_backlog(&self, n: i64) {
        self.outbox_backlog.set(n);
    }

    pub fn set_outbox_counts(&self, counts: &[(OutboxState, i64)]) {
        for (state, n) in counts {
            self.outbox_mails
                .get_or_create(&StateLabel {
                    state: state.as_str(),
                })
                .set(*n);
        }
    }

    pub fn delivery(&self, outcome: Delivery) {
        self.deliveries
            .get_or_create(&OutcomeLabel {
                outcome: outcome.as_str(),
            })
            .inc();
    }

    /// The registry in the OpenMetrics text format.
    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_registries_count_apart() {
        let a = Metrics::new();
        let b = Metrics::new();
        a.ticket_created(Channel::Web);
        a.refusal("no_purchase");
        let text_a = a.encode().expect("encode");
        let text_b = b.encode().expect("encode");
        assert!(
            text_a.contains("guichet_tickets_created_total{channel=\"web\"} 1"),
            "{text_a}"
        );
        assert!(text_a.contains("guichet_eligibility_refusals_total{code=\"no_purchase\"} 1"));
        assert!(!text_b.contains("channel=\"web\""), "{text_b}");
    }
}
