//! Canned responses: ready answers in each language (migration `000008_canned` seeds the
//! out-of-scope cases of the support policy). The ticket page offers those of the ticket's
//! language, since a reply is written in it.

use diesel::prelude::*;

use super::StoreResult;
use crate::db::DbConn;
use crate::db_run;
use crate::i18n::Lang;
use crate::schema::canned_responses;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = canned_responses, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Canned {
    pub id: i64,
    pub slug: String,
    pub lang: Lang,
    pub title: String,
    pub body: String,
    /// Sending it settles the request: the ticket is resolved with the reply.
    pub resolves: bool,
}

/// The canned responses written in `lang`, by title.
pub fn for_lang(conn: &mut DbConn, lang: Lang) -> StoreResult<Vec<Canned>> {
    let rows = db_run!(conn, c => {
        canned_responses::table
            .filter(canned_responses::lang.eq(lang))
            .order(canned_responses::title.asc())
            .select(Canned::as_select())
            .load(c)
    })?;
    Ok(rows)
}

/// One canned response, by id.
pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<Option<Canned>> {
    let row = db_run!(conn, c => {
        canned_responses::table
            .find(id)
            .select(Canned::as_select())
            .first(c)
            .optional()
    })?;
    Ok(row)
}
