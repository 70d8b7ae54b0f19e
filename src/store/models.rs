//! Rows as diesel reads them. Columns holding domain names (state, lane, tier, scope, author,
//! channel, language) are read straight into the domain's types (see `store::columns`).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::domain::channel::{Author, Channel};
use crate::domain::eligibility::Tier;
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::TicketState;
use crate::domain::queue::Lane;
use crate::i18n::Lang;
use crate::schema::*;
use crate::tokens::Scope;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = products, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Product {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub free_support_days: i32,
    pub max_support_months: i32,
    pub releases_back: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = releases, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Release {
    pub id: i64,
    pub product_id: i64,
    pub version: String,
    pub version_key: String,
    pub released_at: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = purchases, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Purchase {
    pub id: i64,
    pub order_ref: String,
    pub email: String,
    pub product_id: i64,
    pub purchased_at: NaiveDate,
    pub tier: Tier,
    pub support_until: NaiveDate,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = extensions, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct ExtensionRow {
    pub id: i64,
    pub extension_ref: String,
    pub purchase_id: i64,
    pub months: i32,
    pub bought_at: NaiveDate,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agents, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Agent {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub is_admin: bool,
    pub active: bool,
    pub created_at: NaiveDateTime,
    /// The dashboard language the agent chose; `None`: the browser's.
    pub lang: Option<crate::i18n::Lang>,
    /// The TOTP secret, sealed (`two_factor::seal`); `Some`: two-factor sign-in is on.
    pub totp_secret: Option<Vec<u8>>,
    /// The secret being enrolled, sealed the same way, until a code from it is typed.
    pub totp_pending: Option<Vec<u8>>,
    /// The last 30-second step whose code was accepted: no code of it or before works again.
    pub totp_last_step: Option<i64>,
    /// Covered by the session MAC: one more ends every session of the agent.
    pub session_epoch: i64,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tickets, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Ticket {
    pub id: TicketId,
    pub product_id: Option<i64>,
    pub email: String,
    pub name: String,
    pub version: Option<String>,
    pub subject: String,
    pub state: TicketState,
    pub lane: Lane,
    pub queued_at: NaiveDateTime,
    pub queue_seq: i64,
    pub assignee_id: Option<i64>,
    pub lang: Lang,
    pub channel: Channel,
    pub order_ref: Option<String>,
    pub store_url: Option<String>,
    pub admin_url: Option<String>,
    pub platform_version: Option<String>,
    pub refusal_code: Option<String>,
    pub parent_id: Option<TicketId>,
    pub awaiting_since: Option<NaiveDateTime>,
    pub last_agent_reply_at: Option<NaiveDateTime>,
    pub first_response_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Ticket {
    /// Whether the ticket waits in the queue (queued or assigned), per the domain's states.
    pub fn in_queue(&self) -> bool {
        self.state.in_queue()
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = messages, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Message {
    pub id: i64,
    pub ticket_id: TicketId,
    pub author: Author,
    pub agent_id: Option<i64>,
    pub body: String,
    pub internal: bool,
    pub channel: Channel,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_tokens, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub token_hash: String,
    pub scope: Scope,
    pub agent_id: Option<i64>,
    pub ticket_id: Option<TicketId>,
    pub created_at: NaiveDateTime,
    /// Portal tokens only: what the token is derived from (with the master key).
    pub seed: Option<String>,
}
