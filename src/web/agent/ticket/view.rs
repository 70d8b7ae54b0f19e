//! The ticket page's view model ([`TicketPage`]) and how it is built from what [`super::load`]
//! read: the facts beside the thread (state, lane, customer, product and where its version
//! stands, verdict at intake), the purchases with their support windows, the linked tickets and
//! the thread itself, customer messages, agent replies and internal notes apart. Apart from the
//! handlers so that the page can be built the same way after an action is refused.

use askama::Template;

use super::Loaded;
use super::credentials::CredentialsBox;
use super::forms::{ActionForm, Boxes, forms};
use crate::app::AppState;
use crate::domain::channel::Author;
use crate::domain::lifecycle::TicketState;
use crate::domain::version::{Version, VersionRefusal, check_version};
use crate::i18n::{self, Lang, Msg};
use crate::store::models::Agent;
use crate::web::agent::Shell;
use crate::web::csrf::Csrf;
use crate::web::customer::portal::{human_size, time_format};
use crate::web::layout::Layout;

/// Where the ticket's `version` stands in the product's window today (it may have moved since
/// intake, whose verdict is shown apart); `None` when the product has no release recorded or
/// the version does not parse.
fn version_window(lang: Lang, version: &str, supported: &[Version]) -> Option<String> {
    let v = Version::parse(version).ok()?;
    let (lowest, latest) = (supported.first()?, supported.last()?);
    let msg = match check_version(supported, u32::MAX, &v) {
        Ok(()) => Msg::AgentTicketVersionSupported,
        Err(VersionRefusal::TooOld { .. }) => Msg::AgentTicketVersionTooOld,
        Err(VersionRefusal::Unknown { .. }) => Msg::AgentTicketVersionUnknown,
    };
    let window = if lowest == latest {
        lowest.to_string()
    } else {
        format!("{lowest} – {latest}")
    };
    Some(i18n::text(
        lang,
        msg,
        &[("version", v.to_string()), ("window", window)],
    ))
}

pub struct ThreadMessage {
    pub class: &'static str,
    pub author: String,
    pub at: String,
    pub datetime: String,
    pub internal: bool,
    pub body: String,
    /// (href, name, size)
    pub attachments: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "agent/ticket.html")]
pub struct TicketPage {
    pub layout: Layout,
    pub shell: Shell,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub number: i64,
    pub subject: String,
    pub facts: Vec<(String, String)>,
    pub credentials: CredentialsBox,
    pub purchases_title: String,
    pub purchases: Vec<String>,
    pub linked_title: String,
    /// (number, relation)
    pub linked: Vec<(i64, String)>,
    pub thread_title: String,
    pub internal_label: String,
    pub attachments_label: String,
    pub messages: Vec<ThreadMessage>,
    pub forms: Vec<ActionForm>,
}

fn state_name(lang: Lang, s: TicketState) -> String {
    let msg = match s {
        TicketState::NeedsInfo => Msg::PortalStateNeedsInfo,
        TicketState::Queued => Msg::AgentStateQueued,
        TicketState::Assigned => Msg::AgentStateAssigned,
        TicketState::WaitingCustomer => Msg::PortalStateWaitingCustomer,
        TicketState::Resolved => Msg::PortalStateResolved,
        TicketState::Closed => Msg::PortalStateClosed,
    };
    i18n::text(lang, msg, &[])
}

/// The page for `loaded`, its forms holding `boxes`.
pub fn page(
    state: &AppState,
    lang: Lang,
    agent: &Agent,
    csrf: &Csrf,
    loaded: Loaded,
    boxes: Boxes,
) -> TicketPage {
    let t = |m| i18n::text(lang, m, &[]);
    let tz = state.config.business_hours.tz;
    let when = |at: chrono::NaiveDateTime| {
        at.and_utc()
            .with_timezone(&tz)
            .format(time_format(lang))
            .to_string()
    };
    let Loaded {
        ticket: tk,
        position,
        messages,
        files,
        purchases,
        product,
        supported,
        assignee,
        authors,
        followers,
        canned,
        credentials,
    } = loaded;
    let number = tk.id.get();
    let mut facts = vec![
        (t(Msg::AgentTicketState), state_name(lang, tk.state)),
        (
            t(Msg::AgentTicketLane),
            crate::web::agent::queue::lane_label(lang, tk.lane),
        ),
    ];
    if let Some(p) = position {
        facts.push((t(Msg::AgentTicketPosition), p.to_string()));
    }
    facts.push((
        t(Msg::AgentTicketCustomer),
        format!("{} <{}>", tk.name, tk.email),
    ));
    facts.push((
        t(Msg::AgentTicketProduct),
        format!(
            "{} {}",
            product.unwrap_or_else(|| "—".into()),
            tk.version.clone().unwrap_or_default()
        ),
    ));
    if let Some(window) = tk
        .version
        .as_deref()
        .and_then(|v| version_window(lang, v, &supported))
    {
        facts.push((t(Msg::AgentTicketVersionWindow), window));
    }
    if let Some(order) = &tk.order_ref {
        facts.push((t(Msg::AgentTicketOrder), order.clone()));
    }
    let site: Vec<&str> = [tk.store_url.as_deref(), tk.admin_url.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !site.is_empty() {
        facts.push((t(Msg::AgentTicketSite), site.join(" · ")));
    }
    if let Some(p) = &tk.platform_version {
        facts.push((t(Msg::AgentTicketPlatform), p.clone()));
    }
    facts.push((t(Msg::AgentTicketLanguage), tk.lang.as_str().to_string()));
    facts.push((t(Msg::AgentTicketChannel), tk.channel.as_str().to_string()));
    facts.push((
        t(Msg::AgentTicketAssignee),
        assignee.unwrap_or_else(|| t(Msg::AgentUnassigned)),
    ));
    facts.push((t(Msg::AgentTicketCreated), when(tk.created_at)));
    facts.push((
        t(Msg::AgentTicketVerdict),
        match &tk.refusal_code {
            Some(code) => i18n::text(lang, Msg::AgentTicketRefused, &[("code", code.clone())]),
            None => t(Msg::AgentTicketEligible),
        },
    ));
    let today = state.now().with_timezone(&tz).date_naive();
    let purchases = purchases
        .into_iter()
        .map(|p| {
            let status = if p.purchase.support_until >= today {
                t(Msg::AgentTicketSupportActive)
            } else {
                t(Msg::AgentTicketSupportExpired)
            };
            i18n::text(
                lang,
                Msg::AgentTicketPurchaseLine,
                &[
                    ("product", p.product),
                    ("order", p.purchase.order_ref),
                    ("until", p.purchase.support_until.to_string()),
                    ("status", status),
                ],
            )
        })
        .collect();
    let mut linked: Vec<(i64, String)> = tk
        .parent_id
        .map(|p| (p.get(), t(Msg::AgentTicketFollows)))
        .into_iter()
        .collect();
    linked.extend(
        followers
            .into_iter()
            .map(|f| (f.get(), t(Msg::AgentTicketFollowedBy))),
    );
    let messages = messages
        .into_iter()
        .map(|m| {
            let at = m.created_at.and_utc();
            ThreadMessage {
                class: match (m.author, m.internal) {
                    (_, true) => "internal",
                    (Author::Customer, _) => "customer",
                    (Author::Agent, _) => "agent",
                    (Author::System, _) => "system",
                },
                author: match m.author {
                    Author::Customer => format!("{} ({})", tk.name, t(Msg::AgentAuthorCustomer)),
                    Author::Agent => m
                        .agent_id
                        .and_then(|id| authors.get(&id).cloned())
                        .unwrap_or_default(),
                    Author::System => t(Msg::AgentAuthorSystem),
                },
                at: when(m.created_at),
                datetime: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                internal: m.internal,
                attachments: files
                    .iter()
                    .filter(|f| f.message_id == Some(m.id))
                    .map(|f| {
                        (
                            format!("/agent/tickets/{number}/attachments/{}", f.id),
                            f.filename.clone(),
                            human_size(lang, f.size_bytes),
                        )
                    })
                    .collect(),
                body: m.body,
            }
        })
        .collect();
    let forms = forms(lang, agent, &tk, boxes, canned);
    TicketPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, agent, csrf, "ticket"),
        notice: None,
        error: None,
        number,
        subject: tk.subject,
        facts,
        credentials: CredentialsBox::new(lang, credentials),
        purchases_title: t(Msg::AgentTicketPurchases),
        purchases,
        linked_title: t(Msg::AgentTicketLinked),
        linked,
        thread_title: t(Msg::AgentTicketThread),
        internal_label: t(Msg::AgentTicketInternal),
        attachments_label: t(Msg::AgentTicketAttachments),
        messages,
        forms,
    }
}
