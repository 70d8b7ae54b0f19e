//! A mail that answers no ticket asks for a new one: the purchase check first (a sender with no
//! purchase gets one rate-limited refusal mail and no ticket), then the product (inferred when
//! the sender bought exactly one, else named in the subject or body) and the version read from
//! the text; with both, the eligibility checks of intake; without, a `needs_info` ticket whose
//! customer is sent the completion page.

use chrono::{DateTime, Utc};

use super::{InboundError, Outcome, message_text};
use crate::db::DbConn;
use crate::domain::channel::Channel;
use crate::domain::eligibility::Refusal;
use crate::domain::email::EmailAddress;
use crate::i18n::{self, Lang, Msg};
use crate::intake::{self, Desk, IntakeError, NeedsInfoRequest, TicketRequest};
use crate::mail::inbound::{ParsedMail, extract};
use crate::mail::{ids, transport::Outgoing};
use crate::store::attachments::NewAttachment;
use crate::store::{self, tickets::OutboxMail};

const MAX_SUBJECT_CHARS: usize = 200;

pub(super) fn open(
    conn: &mut DbConn,
    desk: Desk<'_>,
    mail: &ParsedMail,
    sender: &EmailAddress,
    files: Vec<NewAttachment>,
    now: DateTime<Utc>,
) -> Result<Outcome, InboundError> {
    let lang = language_of(mail, desk.config.default_language);
    let subject = subject_of(mail, lang);
    let purchases = store::purchases::for_email(conn, sender)?;
    if purchases.is_empty() {
        desk.metrics.refusal(Refusal::NoPurchase.code());
        refuse(
            conn,
            desk,
            sender,
            &subject,
            &Refusal::NoPurchase,
            lang,
            now,
        )?;
        return Ok(Outcome::Refused(Refusal::NoPurchase.code()));
    }
    let mut product_ids: Vec<i64> = purchases.iter().map(|p| p.product_id).collect();
    product_ids.sort_unstable();
    product_ids.dedup();
    let mut products = Vec::with_capacity(product_ids.len());
    for id in product_ids {
        products.push(store::products::by_id(conn, id)?);
    }
    let searched = format!("{}\n{}", mail.subject, mail.text);
    let product = if products.len() == 1 {
        products.first()
    } else {
        let named: Vec<(&str, &str)> = products
            .iter()
            .map(|p| (p.slug.as_str(), p.name.as_str()))
            .collect();
        extract::product(&searched, &named).and_then(|i| products.get(i))
    };
    let version = extract::version(&mail.subject).or_else(|| extract::version(&mail.text));
    let name = name_of(mail, sender);
    let body = message_text(mail);
    let (Some(product), Some(version)) = (product, version) else {
        let req = NeedsInfoRequest {
            email: sender.clone(),
            name,
            product_id: product.map(|p| p.id),
            subject,
            body,
            lang,
            channel: Channel::Mail,
            attachments: files,
        };
        let created = intake::submit_needs_info(conn, desk, &req, now)?;
        return Ok(Outcome::NeedsInfo(created.ticket.id));
    };
    let req = TicketRequest {
        email: sender.clone(),
        name,
        product: product.slug.clone(),
        version,
        subject: subject.clone(),
        body,
        store_url: None,
        admin_url: None,
        platform_version: None,
        order_ref: None,
        lang,
        channel: Channel::Mail,
        parent_id: None,
        credentials: None,
        attachments: files,
    };
    match intake::submit(conn, desk, &req, now) {
        Ok(created) => Ok(Outcome::Created(created.ticket.id)),
        Err(IntakeError::Refused(refusal, lang)) => {
            refuse(conn, desk, sender, &subject, &refusal, lang, now)?;
            Ok(Outcome::Refused(refusal.code()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Queues the refusal mail, unless this address was sent one within the automatic-mail window:
/// a sender who keeps writing (or a loop with another robot) gets one answer, not one per mail.
fn refuse(
    conn: &mut DbConn,
    desk: Desk<'_>,
    to: &EmailAddress,
    subject: &str,
    refusal: &Refusal,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), InboundError> {
    let window = chrono::Duration::from_std(desk.config.auto_mail_window)
        .unwrap_or(chrono::Duration::hours(3));
    if store::inbound::mails_to_since(conn, to.as_str(), "refusal", now - window)? > 0 {
        return Ok(());
    }
    let host = ids::host_of(&desk.config.public_url);
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut nonce).map_err(|e| InboundError::Random(e.to_string()))?;
    let args = [
        ("subject", subject.to_string()),
        ("reason", i18n::refusal_message(lang, refusal)),
    ];
    let mail = OutboxMail {
        kind: "refusal",
        to: to.as_str().to_string(),
        lang,
        subject: i18n::text(lang, Msg::MailRefusalSubject, &args),
        body: i18n::text(lang, Msg::MailRefusalBody, &args),
        message_id: format!("<r.{}@{host}>", hex::encode(nonce)),
        in_reply_to: None,
        auto_submitted: true,
    };
    store::inbound::queue_mail(conn, &mail, now)?;
    Ok(())
}

/// The ticket's subject: the mail's, without reply prefixes, on one line, within the limit.
fn subject_of(mail: &ParsedMail, lang: Lang) -> String {
    let mut s = Outgoing::header_safe(mail.subject.trim());
    loop {
        let lower = s.to_lowercase();
        let cut = ["re:", "fw:", "fwd:", "tr:", "aw:", "wg:", "réf :", "ref:"]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| p.len());
        match cut {
            Some(n) => s = s[n..].trim_start().to_string(),
            None => break,
        }
    }
    let s: String = s.trim().chars().take(MAX_SUBJECT_CHARS).collect();
    if s.is_empty() {
        i18n::text(lang, Msg::MailNoSubject, &[])
    } else {
        s
    }
}

fn name_of(mail: &ParsedMail, sender: &EmailAddress) -> String {
    let name = mail
        .from_name
        .as_deref()
        .map(|n| Outgoing::header_safe(n.trim()))
        .filter(|n| !n.is_empty());
    let name = name.unwrap_or_else(|| sender.as_str().split('@').next().unwrap_or("").to_string());
    name.chars().take(MAX_SUBJECT_CHARS).collect()
}

/// French when the mail says so (`Content-Language`) or reads like French; else the desk's
/// default. A wrong guess costs little: the customer can switch language on the portal.
fn language_of(mail: &ParsedMail, default: Lang) -> Lang {
    if let Some(lang) = mail
        .header("content-language")
        .and_then(|v| v.split([',', '-', '_']).next())
        .and_then(|v| Lang::parse(v.trim()))
    {
        return lang;
    }
    let head: String = mail
        .text
        .chars()
        .take(400)
        .collect::<String>()
        .to_lowercase();
    let words = [
        "bonjour",
        "merci",
        "cordialement",
        "je ",
        "j'ai",
        "j’ai",
        "votre",
        "nous ",
    ];
    let hits = words.iter().filter(|w| head.contains(*w)).count();
    if hits >= 2 { Lang::Fr } else { default }
}
