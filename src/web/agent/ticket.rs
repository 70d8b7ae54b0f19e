//! `GET /agent/tickets/{number}`: the ticket as an agent works it. The thread shows customer
//! messages, agent replies and internal notes apart; beside it the customer's purchases with
//! their support windows, the eligibility verdict at intake and the linked tickets. The forms
//! (reply, internal note, state) post to the routes of [`super::ticket_actions`].

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Gate, Shell, gate};
use crate::app::AppState;
use crate::domain::channel::Author;
use crate::domain::email::EmailAddress;
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::TicketState;
use crate::domain::version::{Version, VersionRefusal, check_version, supported_versions};
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::models::{Agent, Message, Ticket};
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::portal::{human_size, time_format};
use crate::web::customer::{not_found, respond};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;
use crate::web::widgets::Field;

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

pub struct Canned {
    pub label: String,
    pub none: String,
    /// (value, label)
    pub options: Vec<(String, String)>,
    /// The option chosen before (after an insert), as its value.
    pub selected: String,
    pub insert: String,
    pub send_now: String,
}

/// One form of the page: a text box (or none), buttons as (`do` value, label).
pub struct ActionForm {
    pub id: &'static str,
    pub title: String,
    pub action: String,
    pub text: Option<Field>,
    pub canned: Option<Canned>,
    pub buttons: Vec<(&'static str, String)>,
}

/// The credentials section: what is known of them, and the reveal button when some are kept.
pub struct CredentialsBox {
    pub title: String,
    pub text: String,
    pub kept: bool,
    pub reveal: String,
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

/// What the page reads, in one go on the blocking pool.
pub struct Loaded {
    pub ticket: Ticket,
    pub position: Option<u32>,
    pub messages: Vec<Message>,
    pub files: Vec<store::attachments::Attachment>,
    pub purchases: Vec<store::purchases::PurchaseLine>,
    pub product: Option<String>,
    /// The product's versions supported now (`domain::version::supported_versions`), ascending.
    pub supported: Vec<Version>,
    pub assignee: Option<String>,
    pub authors: std::collections::HashMap<i64, String>,
    pub followers: Vec<TicketId>,
    pub canned: Vec<store::canned::Canned>,
    pub credentials: store::credentials::CredentialStatus,
}

pub fn load(c: &mut crate::db::DbConn, number: TicketId) -> Result<Option<Loaded>, WebError> {
    let Some(ticket) = store::tickets::get(c, number)? else {
        return Ok(None);
    };
    let position = store::queue::position(c, &ticket)?;
    let messages = store::tickets::messages(c, number, true)?;
    let files = store::attachments::list_for_ticket(c, number)?;
    let purchases = match EmailAddress::parse(&ticket.email) {
        Ok(email) => store::purchases::list_for_email(c, &email)?,
        Err(_) => Vec::new(),
    };
    let (product, supported) = match ticket.product_id {
        Some(id) => {
            let p = store::products::by_id(c, id)?;
            let releases = store::products::release_versions(c, id)?;
            let back = u32::try_from(p.releases_back).unwrap_or(0);
            (Some(p.slug), supported_versions(&releases, back))
        }
        None => (None, Vec::new()),
    };
    let mut ids: Vec<i64> = messages.iter().filter_map(|m| m.agent_id).collect();
    ids.extend(ticket.assignee_id);
    let authors = store::agents::emails(c, &ids)?;
    let assignee = ticket.assignee_id.and_then(|id| authors.get(&id).cloned());
    let followers = store::tickets::followers(c, number)?;
    let canned = store::canned::for_lang(c, ticket.lang)?;
    let credentials = store::credentials::status(c, number)?;
    Ok(Some(Loaded {
        ticket,
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
    }))
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

/// What the page's forms hold: the reply and note boxes (kept after a bad post) and the canned
/// response picked before, if any.
pub struct Boxes {
    pub reply: Field,
    pub note: Field,
    pub canned: Option<i64>,
}

impl Boxes {
    pub fn empty(lang: Lang) -> Boxes {
        Boxes {
            reply: reply_field(lang, ""),
            note: note_field(lang, ""),
            canned: None,
        }
    }
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
    let Boxes {
        reply,
        note,
        canned: chosen,
    } = boxes;
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
            super::queue::lane_label(lang, tk.lane),
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
    let action = |what: &str| format!("/agent/tickets/{number}/{what}");
    let mut state_buttons = Vec::new();
    if tk.assignee_id != Some(agent.id) && tk.state.in_queue() {
        state_buttons.push(("assign", t(Msg::AgentActionAssignMe)));
    }
    if tk.assignee_id.is_some() && tk.state.in_queue() {
        state_buttons.push(("unassign", t(Msg::AgentActionUnassign)));
    }
    if !matches!(tk.state, TicketState::Resolved | TicketState::Closed) {
        state_buttons.push(("resolve", t(Msg::AgentActionResolve)));
    }
    if tk.state != TicketState::Closed {
        state_buttons.push(("close", t(Msg::AgentActionClose)));
    }
    if matches!(tk.state, TicketState::Resolved | TicketState::Closed) {
        state_buttons.push(("reopen", t(Msg::AgentActionReopen)));
    }
    let forms = vec![
        ActionForm {
            id: "reply",
            title: t(Msg::AgentReplyTitle),
            action: action("reply"),
            text: Some(reply),
            canned: Some(Canned {
                label: t(Msg::AgentCannedLabel),
                none: t(Msg::AgentCannedNone),
                options: canned
                    .into_iter()
                    .map(|c| {
                        let label = if c.resolves {
                            i18n::text(lang, Msg::AgentCannedResolves, &[("title", c.title)])
                        } else {
                            c.title
                        };
                        (c.id.to_string(), label)
                    })
                    .collect(),
                selected: chosen.map(|id| id.to_string()).unwrap_or_default(),
                insert: t(Msg::AgentCannedInsert),
                send_now: t(Msg::AgentCannedSendNow),
            }),
            buttons: vec![
                ("send", t(Msg::AgentReplySend)),
                ("send_resolve", t(Msg::AgentReplySendResolve)),
            ],
        },
        ActionForm {
            id: "note",
            title: t(Msg::AgentNoteTitle),
            action: action("note"),
            text: Some(note),
            canned: None,
            buttons: vec![("note", t(Msg::AgentNoteAdd))],
        },
        ActionForm {
            id: "merge",
            title: t(Msg::AgentMergeTitle),
            action: action("merge"),
            text: Some(Field::new("into", t(Msg::AgentMergeInto), "")),
            canned: None,
            buttons: vec![("merge", t(Msg::AgentMergeSubmit))],
        },
        ActionForm {
            id: "state",
            title: t(Msg::AgentActionsTitle),
            action: action("state"),
            text: None,
            canned: None,
            buttons: state_buttons,
        },
    ];
    TicketPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, agent, csrf, "ticket"),
        notice: None,
        error: None,
        number,
        subject: tk.subject,
        facts,
        credentials: {
            use store::credentials::CredentialStatus;
            let text = match credentials {
                CredentialStatus::Kept => Msg::AgentCredentialsKept,
                CredentialStatus::Deleted => Msg::AgentCredentialsDeleted,
                CredentialStatus::NoneGiven => Msg::AgentCredentialsNone,
            };
            CredentialsBox {
                title: t(Msg::AgentCredentialsTitle),
                text: t(text),
                kept: credentials == CredentialStatus::Kept,
                reveal: t(Msg::AgentCredentialsReveal),
            }
        },
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

pub fn reply_field(lang: Lang, value: &str) -> Field {
    Field::new("body", i18n::text(lang, Msg::AgentReplyText, &[]), value)
}

pub fn note_field(lang: Lang, value: &str) -> Field {
    Field::new("note", i18n::text(lang, Msg::AgentNoteText, &[]), value)
}

/// The notice a `?done=` flag after an action asks for (the flag only picks the sentence).
fn notice_of(req: &HttpRequest, lang: Lang) -> Option<String> {
    let done = req
        .query_string()
        .split('&')
        .find_map(|p| p.strip_prefix("done="))?;
    let msg = match done {
        "reply" => Msg::AgentReplySent,
        "note" => Msg::AgentNoteAdded,
        "merge" => Msg::AgentMerged,
        _ => Msg::AgentDone,
    };
    Some(i18n::text(lang, msg, &[]))
}

pub fn parse_number(raw: &str) -> Result<TicketId, WebError> {
    TicketId::parse(raw).ok_or_else(not_found)
}

pub async fn show(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(a) => a,
        Gate::Out(res) => return Ok(res),
    };
    let number = parse_number(&path)?;
    let lang = page_lang(&req, state.config.default_language);
    let loaded = with_conn(&state, move |c| load(c, number))
        .await?
        .ok_or_else(not_found)?;
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let mut page = page(&state, lang, &agent, &csrf, loaded, Boxes::empty(lang));
    page.notice = notice_of(&req, lang);
    respond(&req, &state, StatusCode::OK, &page, Some(&csrf))
}

/// `GET /agent/tickets/{number}/attachments/{id}`: an attachment, for signed-in agents.
pub async fn attachment(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    if let Gate::Out(res) = gate(&req, &state).await? {
        return Ok(res);
    }
    let (number, id) = path.into_inner();
    let number = parse_number(&number)?;
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let found = with_conn(&state, move |c| {
        Ok(store::attachments::find_for_ticket(c, number, id)?)
    })
    .await?
    .ok_or_else(not_found)?;
    crate::web::customer::attachment_file::serve(&state, found).await
}

#[derive(Template)]
#[template(path = "agent/credentials.html")]
pub struct CredentialsPage {
    pub layout: Layout,
    pub shell: Shell,
    pub title: String,
    pub number: i64,
    pub shown_once: String,
    /// (label, value) of each field given.
    pub fields: Vec<(String, String)>,
    pub none: String,
    pub back: String,
}

#[derive(Debug, serde::Deserialize)]
pub struct RevealForm {
    pub csrf: Option<String>,
}

/// `POST /agent/tickets/{number}/credentials`: shows the site credentials once, after writing
/// the reveal to the audit log. A post, never a link: a prefetch or a crawler cannot reveal
/// them, and the answer is `no-store`, so the browser keeps no copy.
pub async fn reveal(
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<RevealForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let agent = match gate(&req, &state).await? {
        Gate::In(a) => a,
        Gate::Out(res) => return Ok(res),
    };
    let number = parse_number(&path)?;
    let lang = page_lang(&req, state.config.default_language);
    if !crate::web::csrf::verify(&req, &state.keys, form.csrf.as_deref()) {
        return Err(WebError::new(
            StatusCode::FORBIDDEN,
            "csrf_failed",
            i18n::text(lang, Msg::FormCsrfFailed, &[]),
        ));
    }
    let (now, agent_id) = (state.now(), agent.id);
    let st = state.clone().into_inner();
    let opened = with_conn(&state, move |c| {
        crate::desk::reveal_credentials(c, &st.keys, number, agent_id, now).map_err(|e| match e {
            crate::desk::DeskError::TicketNotFound(_) => not_found(),
            other => WebError::from(other),
        })
    })
    .await?;
    let t = |m| i18n::text(lang, m, &[]);
    let fields = opened
        .map(|creds| {
            [
                (Msg::FormAdminLogin, creds.admin_login.clone()),
                (Msg::FormAdminPassword, creds.admin_password.clone()),
                (Msg::FormFtpHost, creds.ftp_host.clone()),
                (Msg::FormFtpUser, creds.ftp_user.clone()),
                (Msg::FormFtpPassword, creds.ftp_password.clone()),
            ]
            .into_iter()
            .filter_map(|(label, value)| Some((t(label), value?)))
            .collect()
        })
        .unwrap_or_default();
    let csrf = Csrf::for_request(&req, &state.keys)?;
    let page = CredentialsPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, &agent, &csrf, "ticket"),
        title: t(Msg::AgentCredentialsTitle),
        number: number.get(),
        shown_once: t(Msg::AgentCredentialsShownOnce),
        fields,
        none: t(Msg::AgentCredentialsDeleted),
        back: i18n::text(
            lang,
            Msg::AgentCredentialsBack,
            &[("number", number.get().to_string())],
        ),
    };
    let mut res = respond(&req, &state, StatusCode::OK, &page, Some(&csrf))?;
    res.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}
