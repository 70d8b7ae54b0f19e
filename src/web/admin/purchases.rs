//! `/admin/purchases`: find purchases by customer email or order reference (exact matches, as
//! the desk stores them), with their support end and extensions; record a support extension
//! (`purchase_actions::extend`, as `guichet purchase extend` does) and see the new end, or that
//! the cap left it where it was; add one purchase by hand (`purchase_actions::add`, an upsert
//! like `guichet purchase add`).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::admin_gate;
use super::catalog::Shown;
use super::nav::AdminNav;
use crate::app::AppState;
use crate::domain::email::EmailAddress;
use crate::domain::support::is_inside;
use crate::i18n::{self, Lang, Msg};
use crate::store;
use crate::store::models::Agent;
use crate::store::purchases::PurchaseLine;
use crate::web::agent::Shell;
use crate::web::api::with_conn;
use crate::web::csrf::Csrf;
use crate::web::customer::respond;
use crate::web::error::WebError;
use crate::web::layout::Layout;
use crate::web::widgets::{Choice, Field};

pub struct Row {
    pub order_ref: String,
    pub product: String,
    pub email: String,
    pub tier: String,
    pub purchased_at: String,
    pub support_until: String,
    pub status: String,
    pub extensions: i64,
}

#[derive(Template)]
#[template(path = "admin/purchases.html")]
pub struct PurchasesPage {
    pub layout: Layout,
    pub shell: Shell,
    pub nav: AdminNav,
    pub title: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub search_label: String,
    pub search_hint: String,
    pub q: String,
    pub search_submit: String,
    /// The results' heading, when something was searched.
    pub results_title: Option<String>,
    pub headings: Vec<String>,
    pub rows: Vec<Row>,
    pub none: String,
    pub extend_title: String,
    pub extend_intro: String,
    pub order_ref: Field,
    pub product: Field,
    pub months: Field,
    pub date: Field,
    pub extension_ref: Field,
    pub extend_submit: String,
    pub add_title: String,
    pub new_order: Field,
    pub new_email: Field,
    pub new_product: Field,
    pub products: Vec<Choice>,
    pub choose: String,
    pub new_date: Field,
    pub new_tier: Field,
    pub tiers: Vec<Choice>,
    pub standard: String,
    pub add_submit: String,
}

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    pub done: Option<String>,
}

/// The purchases a search finds: those of the email, when it is one, and those of the order
/// reference as typed. Both are exact: the store keeps emails lower-cased and references as
/// the shop sent them.
fn search(c: &mut crate::db::DbConn, q: &str) -> store::StoreResult<Vec<PurchaseLine>> {
    if q.is_empty() || crate::domain::text::single_line(q).is_err() {
        return Ok(Vec::new());
    }
    let mut lines = match EmailAddress::parse(q) {
        Ok(email) => store::purchases::list_for_email(c, &email)?,
        Err(_) => Vec::new(),
    };
    for line in store::purchases::list_for_order(c, q)? {
        if !lines.iter().any(|l| l.purchase.id == line.purchase.id) {
            lines.push(line);
        }
    }
    Ok(lines)
}

/// The page, showing the purchases found for `q` and the forms as `shown` has them.
pub async fn page(
    req: &HttpRequest,
    state: &AppState,
    admin: &Agent,
    lang: Lang,
    q: String,
    shown: Shown,
) -> Result<HttpResponse, WebError> {
    let t = |m| i18n::text(lang, m, &[]);
    let q = q.trim().to_string();
    let q2 = q.clone();
    let (lines, products) = with_conn(state, move |c| {
        Ok((search(c, &q2)?, store::products::list(c)?))
    })
    .await?;
    let today = state.config.business_hours.local_date(state.now());
    // The extension form starts on the order found, when the search found one order.
    let mut orders: Vec<&str> = lines
        .iter()
        .map(|l| l.purchase.order_ref.as_str())
        .collect();
    orders.dedup();
    let found_order = match orders.as_slice() {
        [one] => one.to_string(),
        _ => String::new(),
    };
    let csrf = Csrf::for_request(req, &state.keys)?;
    let page = PurchasesPage {
        layout: Layout::new(lang),
        shell: Shell::new(lang, admin, &csrf, "admin"),
        nav: AdminNav::new(lang, "purchases"),
        title: t(Msg::AdminPurchasesTitle),
        notice: shown.notice.clone(),
        error: shown.error.clone(),
        search_label: t(Msg::AdminPurchasesSearch),
        search_hint: t(Msg::AdminPurchasesSearchHint),
        search_submit: t(Msg::AgentSearchSubmit),
        results_title: (!q.is_empty())
            .then(|| i18n::text(lang, Msg::AdminPurchasesFound, &[("query", q.clone())])),
        q,
        headings: [
            Msg::AdminPurchasesColOrder,
            Msg::AdminPurchasesColProduct,
            Msg::AdminPurchasesColEmail,
            Msg::AdminPurchasesColTier,
            Msg::AdminPurchasesColBought,
            Msg::AdminPurchasesColUntil,
            Msg::AdminPurchasesColExtensions,
        ]
        .into_iter()
        .map(t)
        .collect(),
        rows: lines
            .into_iter()
            .map(|l| {
                let p = l.purchase;
                Row {
                    status: t(if is_inside(p.support_until, today) {
                        Msg::AgentTicketSupportActive
                    } else {
                        Msg::AgentTicketSupportExpired
                    }),
                    order_ref: p.order_ref,
                    product: l.product,
                    email: p.email,
                    tier: p.tier.as_str().to_string(),
                    purchased_at: p.purchased_at.to_string(),
                    support_until: p.support_until.to_string(),
                    extensions: l.extensions,
                }
            })
            .collect(),
        none: t(Msg::AdminPurchasesNone),
        extend_title: t(Msg::AdminExtendTitle),
        extend_intro: t(Msg::AdminExtendIntro),
        order_ref: shown
            .field("order_ref", t(Msg::AdminPurchasesColOrder), &found_order)
            .required(),
        product: shown
            .field("product", t(Msg::AdminPurchasesColProduct), "")
            .hint(t(Msg::AdminExtendProductHint)),
        months: shown
            .field("months", t(Msg::AdminExtendMonths), "")
            .required(),
        date: shown
            .field("date", t(Msg::AdminExtendDate), "")
            .hint(t(Msg::AdminExtendDateHint)),
        extension_ref: shown
            .field("extension_ref", t(Msg::AdminExtendRef), "")
            .hint(t(Msg::AdminExtendRefHint)),
        extend_submit: t(Msg::AdminExtendSubmit),
        add_title: t(Msg::AdminPurchaseAddTitle),
        new_order: shown
            .field("new_order", t(Msg::AdminPurchasesColOrder), "")
            .required(),
        new_email: shown
            .field("new_email", t(Msg::AdminPurchasesColEmail), "")
            .required(),
        new_product: shown
            .field("new_product", t(Msg::AdminPurchasesColProduct), "")
            .required(),
        products: products
            .into_iter()
            .map(|p| Choice {
                label: format!("{} ({})", p.name, p.slug),
                value: p.slug,
            })
            .collect(),
        choose: t(Msg::AdminPurchaseChooseProduct),
        new_date: shown
            .field("new_date", t(Msg::AdminPurchasesColBought), "")
            .hint(t(Msg::AdminReleaseDateHint))
            .required(),
        // The select's first, empty, choice is `standard`, the default.
        new_tier: shown.field("new_tier", t(Msg::AdminPurchasesColTier), ""),
        tiers: vec![Choice {
            value: "priority".to_string(),
            label: "priority".to_string(),
        }],
        standard: "standard".to_string(),
        add_submit: t(Msg::AdminPurchaseAddSubmit),
    };
    respond(req, state, shown.status(), &page, Some(&csrf))
}

/// `GET /admin/purchases?q=EMAIL-OR-ORDER`.
pub async fn show(
    req: HttpRequest,
    query: web::Query<SearchQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (admin, lang) = match admin_gate(&req, &state).await? {
        Ok(signed_in) => signed_in,
        Err(res) => return Ok(res),
    };
    let q = query.into_inner();
    let shown = match q.done.as_deref() {
        Some("created") => Shown::notice(i18n::text(lang, Msg::AdminPurchaseCreated, &[])),
        Some("updated") => Shown::notice(i18n::text(lang, Msg::AdminPurchaseUpdated, &[])),
        Some("unchanged") => Shown::notice(i18n::text(lang, Msg::AdminPurchaseUnchanged, &[])),
        _ => Shown::default(),
    };
    page(&req, &state, &admin, lang, q.q.unwrap_or_default(), shown).await
}
