//! Canned responses: ready answers in each language (migration `000008_canned` seeds the
//! out-of-scope cases of the support policy). The ticket page offers those of the ticket's
//! language, since a reply is written in it.

use diesel::prelude::*;

use super::StoreResult;
use crate::db::DbConn;
use crate::i18n::Lang;
use crate::schema::canned_responses;
use crate::{db_run, db_write};

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

/// Every canned response, by language then title (the admin page).
pub fn all(conn: &mut DbConn) -> StoreResult<Vec<Canned>> {
    let rows = db_run!(conn, c => {
        canned_responses::table
            .order((canned_responses::lang.asc(), canned_responses::title.asc()))
            .select(Canned::as_select())
            .load(c)
    })?;
    Ok(rows)
}

/// A canned response as an admin writes it (checked by the caller: one-line title, body text).
#[derive(Debug, Clone)]
pub struct CannedText {
    pub lang: Lang,
    pub title: String,
    pub body: String,
    pub resolves: bool,
}

/// What saving a canned response came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Done(i64),
    /// Another response in the language has this title: the picker would show two alike.
    TitleTaken,
    /// No response with this id (deleted meanwhile).
    Missing,
}

/// The slug of a title: lower-case ASCII letters and digits, words joined by `-`, at most 60
/// characters (`response` when nothing is left, as with a title in another script).
pub fn slug_of(title: &str) -> String {
    let mut out = String::new();
    for ch in title.chars().flat_map(char::to_lowercase) {
        // The accented letters of French titles, as their plain letter.
        let ch = match ch {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        };
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "response".into()
    } else {
        out.to_string()
    }
}

/// `base`, or `base-2`, `base-3`… whichever is not among `taken`.
fn free_slug(base: &str, taken: &[String]) -> String {
    let mut candidate = base.to_string();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

/// Adds a canned response. The slug (unique per language, as the seeded rows' are) is made
/// from the title. A title already used in the language is [`Saved::TitleTaken`].
pub fn add(
    conn: &mut DbConn,
    text: &CannedText,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<Saved> {
    let now = super::naive(at);
    let saved = db_write!(conn, c => {
        let others: Vec<(String, String)> = canned_responses::table
            .filter(canned_responses::lang.eq(text.lang))
            .select((canned_responses::slug, canned_responses::title))
            .load(c)?;
        if others.iter().any(|(_, t)| *t == text.title) {
            return Ok::<_, diesel::result::Error>(Saved::TitleTaken);
        }
        let slugs: Vec<String> = others.into_iter().map(|(s, _)| s).collect();
        let slug = free_slug(&slug_of(&text.title), &slugs);
        let id = diesel::insert_into(canned_responses::table)
            .values((
                canned_responses::slug.eq(&slug),
                canned_responses::lang.eq(text.lang),
                canned_responses::title.eq(&text.title),
                canned_responses::body.eq(&text.body),
                canned_responses::resolves.eq(text.resolves),
                canned_responses::created_at.eq(now),
                canned_responses::updated_at.eq(now),
            ))
            .returning(canned_responses::id)
            .get_result::<i64>(c)?;
        Ok(Saved::Done(id))
    })?;
    Ok(saved)
}

/// Changes canned response `id` to `text`. A move to another language keeps the slug when it
/// is free there, and takes a free one otherwise.
pub fn update(
    conn: &mut DbConn,
    id: i64,
    text: &CannedText,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<Saved> {
    let now = super::naive(at);
    let saved = db_write!(conn, c => {
        let current: Option<String> = canned_responses::table
            .find(id)
            .select(canned_responses::slug)
            .first(c)
            .optional()?;
        let Some(slug) = current else {
            return Ok::<_, diesel::result::Error>(Saved::Missing);
        };
        let others: Vec<(String, String)> = canned_responses::table
            .filter(canned_responses::lang.eq(text.lang))
            .filter(canned_responses::id.ne(id))
            .select((canned_responses::slug, canned_responses::title))
            .load(c)?;
        if others.iter().any(|(_, t)| *t == text.title) {
            return Ok(Saved::TitleTaken);
        }
        let slugs: Vec<String> = others.into_iter().map(|(s, _)| s).collect();
        let slug = free_slug(&slug, &slugs);
        diesel::update(canned_responses::table.find(id))
            .set((
                canned_responses::slug.eq(&slug),
                canned_responses::lang.eq(text.lang),
                canned_responses::title.eq(&text.title),
                canned_responses::body.eq(&text.body),
                canned_responses::resolves.eq(text.resolves),
                canned_responses::updated_at.eq(now),
            ))
            .execute(c)?;
        Ok(Saved::Done(id))
    })?;
    Ok(saved)
}

/// Deletes canned response `id`; whether there was one. Replies sent with it keep their text:
/// a message stores what was sent, not a reference.
pub fn delete(conn: &mut DbConn, id: i64) -> StoreResult<bool> {
    let n = db_run!(conn, c => {
        diesel::delete(canned_responses::table.find(id)).execute(c)
    })?;
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_words_and_free() {
        assert_eq!(slug_of("Out of scope: SEO!"), "out-of-scope-seo");
        assert_eq!(
            slug_of("  Hors assistance : référencement "),
            "hors-assistance-referencement"
        );
        assert_eq!(slug_of("日本"), "response");
        assert!(slug_of(&"a".repeat(100)).len() <= 60);
        let taken = vec!["seo".to_string(), "seo-2".to_string()];
        assert_eq!(free_slug("seo", &taken), "seo-3");
        assert_eq!(free_slug("faq", &taken), "faq");
    }
}
