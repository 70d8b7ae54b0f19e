//! Search across tickets for the dashboard: by number, customer email, order reference, subject
//! and the text of every message (internal notes included: only agents search).
//!
//! The user's text is parsed once into a [`SearchQuery`]: trimmed, bounded, split into words of
//! letters and digits only, so no input can reach the full-text syntax of either database and
//! make a query fail. Exact matches come first (the ticket of that number, the tickets of that
//! order reference, the tickets of that customer), then the full-text hits, the best of the
//! newest [`RANKED`] matches first (ranking every match of a common word does not scale): bm25 over
//! the FTS5 table `ticket_search` on SQLite, `ts_rank` over the GIN-indexed tsvector of the
//! table of the same name on PostgreSQL (migration `000009_search`, kept in step by triggers:
//! since `000016` a ticket's row is written with its first message and later ones append).
//! Every word is a prefix on both databases (SQLite has no French stemmer): "factur" finds
//! "facturé" and "factures"; accents are ignored. An email address is searched as a phrase.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Text};

use super::StoreResult;
use super::models::Ticket;
use crate::db::DbConn;
use crate::db_run;
use crate::domain::email::EmailAddress;
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::TicketState;
use crate::schema::tickets;

/// The longest query kept, in characters; the rest is dropped.
pub const MAX_CHARS: usize = 200;
/// The most words kept for the full-text part.
pub const MAX_TERMS: usize = 8;
/// The most results a search returns.
pub const LIMIT: i64 = 50;

/// A search as typed by an agent, parsed once at the edge.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchQuery {
    text: String,
    number: Option<TicketId>,
    email: Option<String>,
    order_ref: Option<String>,
    terms: Vec<String>,
}

impl SearchQuery {
    /// Never fails: control characters become spaces, the text is trimmed and cut to
    /// [`MAX_CHARS`], and the words keep only letters and digits (folded: lower case, French
    /// accents off).
    pub fn parse(input: &str) -> SearchQuery {
        let cleaned: String = input
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(MAX_CHARS)
            .collect();
        let text = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
        let single = !text.is_empty() && !text.contains(' ');
        let number = single
            .then(|| text.strip_prefix('#').unwrap_or(&text))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse::<i64>().ok())
            .filter(|n| *n > 0)
            .map(TicketId::new);
        let email = single
            .then(|| EmailAddress::parse(&text).ok())
            .flatten()
            .map(|e| e.as_str().to_string());
        let order_ref = (single && number.is_none() && email.is_none() && text.len() <= 100)
            .then(|| text.clone());
        let mut terms: Vec<String> = Vec::new();
        for word in fold(&text).split(|c: char| !is_word_char(c)) {
            if !word.is_empty() && !terms.iter().any(|t| t == word) && terms.len() < MAX_TERMS {
                terms.push(word.to_string());
            }
        }
        SearchQuery {
            text,
            number,
            email,
            order_ref,
            terms,
        }
    }

    /// The text as kept (trimmed, bounded), to show back in the search box.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The words of the full-text part, folded.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The FTS5 query: each word quoted, a prefix when two characters or more (a one-letter
    /// prefix would expand to most of the index), all required. An email address is one
    /// phrase of its words instead: "example" and "com" are in every ticket's customer column,
    /// and requiring them one by one made SQLite merge a million-entry list for each.
    fn fts5(&self) -> Option<String> {
        if self.email.is_some() && !self.terms.is_empty() {
            return Some(format!("\"{}\"", self.terms.join(" ")));
        }
        let parts: Vec<String> = self
            .terms
            .iter()
            .map(|t| {
                if t.chars().count() > 1 {
                    format!("\"{t}\"*")
                } else {
                    format!("\"{t}\"")
                }
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The `to_tsquery` text, the same terms as [`SearchQuery::fts5`] (an email address as a
    /// phrase, its words adjacent).
    fn tsquery(&self) -> Option<String> {
        if self.email.is_some() && !self.terms.is_empty() {
            return Some(self.terms.join(" <-> "));
        }
        let parts: Vec<String> = self
            .terms
            .iter()
            .map(|t| {
                if t.chars().count() > 1 {
                    format!("{t}:*")
                } else {
                    t.clone()
                }
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" & "))
    }
}

/// Letters and ASCII digits make words; everything else separates them (as SQLite's unicode61
/// and the PostgreSQL fold of the migration do).
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit()
}

/// Lower case with the French accents off, one character for one (so positions still match
/// the original text); the same letters as `guichet_search_fold` in the PostgreSQL migration.
fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'î' | 'ï' | 'ì' => 'i',
        'ó' | 'ô' | 'ö' | 'ò' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// How a hit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    Number,
    OrderRef,
    Email,
    Text,
}

/// One result: the ticket's summary, how it was found, its full-text rank (higher is better;
/// `None` for an exact match) and a short plain-text extract of its messages.
#[derive(Debug, Clone)]
pub struct Hit {
    pub number: TicketId,
    pub subject: String,
    pub state: TicketState,
    pub email: String,
    pub name: String,
    pub order_ref: Option<String>,
    pub matched: Matched,
    pub rank: Option<f64>,
    pub snippet: String,
}

#[derive(QueryableByName)]
struct Ranked {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Double)]
    score: f64,
}

#[derive(QueryableByName)]
struct Body {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    body: String,
}

/// How many full-text matches are ranked at most. Ranking reads every match's document, so a
/// common word ("invoice", in a quarter of the tickets) cost 200 ms (SQLite) to 1 s (PostgreSQL)
/// per search with a million tickets stored; now a thousand matches are ranked and the best of
/// them shown.
pub const RANKED: i64 = 1000;

/// bm25 weights of subject, customer, order reference and messages: a word of the subject
/// counts ten times one of the thread. FTS5 walks its matches newest first (rowid order) and
/// stops at [`RANKED`]; only those are scored.
const SQLITE_FTS: &str = "SELECT id, score FROM (SELECT rowid AS id, \
     -bm25(ticket_search, 10.0, 4.0, 4.0, 1.0) AS score FROM ticket_search \
     WHERE ticket_search MATCH ? ORDER BY rowid DESC LIMIT ?) AS w \
     ORDER BY score DESC, id DESC LIMIT ?";
/// The weights are the setweight classes of the migration: A subject, B customer and order
/// reference, D messages. The tsquery is written out in the WHERE clause (it was joined from a
/// subquery, and the planner then scanned the whole table) so that the planner can weigh the
/// GIN index; the first [`RANKED`] matches found are ranked. They are not ordered newest first
/// as on SQLite: `ORDER BY ticket_id DESC` made the planner walk the primary key backwards
/// testing every row, 2.5 s for a rare phrase such as an email address.
const PG_FTS: &str = "SELECT w.id, ts_rank(w.doc, to_tsquery('simple', $1) \
     || to_tsquery('english', $1) || to_tsquery('french', $1))::float8 AS score \
     FROM (SELECT s.ticket_id AS id, s.doc FROM ticket_search s \
           WHERE s.doc @@ (to_tsquery('simple', $1) || to_tsquery('english', $1) \
                           || to_tsquery('french', $1)) \
           LIMIT $3) AS w \
     ORDER BY score DESC, w.id DESC LIMIT $2";

/// The tickets matching `query`, exact matches first, then full-text hits by rank; at most
/// `limit` (capped at [`LIMIT`]). An empty query finds nothing.
pub fn tickets(conn: &mut DbConn, query: &SearchQuery, limit: i64) -> StoreResult<Vec<Hit>> {
    let limit = limit.clamp(0, LIMIT);
    if query.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let (ordered, rows, bodies) = db_run!(conn, c => {
        let mut ordered: Vec<(i64, Matched, Option<f64>)> = Vec::new();
        let push = |ordered: &mut Vec<(i64, Matched, Option<f64>)>, id: i64, m: Matched, r: Option<f64>| {
            if !ordered.iter().any(|(i, _, _)| *i == id) {
                ordered.push((id, m, r));
            }
        };
        if let Some(n) = query.number {
            let found: Option<i64> = tickets::table
                .find(n)
                .select(tickets::id)
                .first(c)
                .optional()?;
            if let Some(id) = found {
                push(&mut ordered, id, Matched::Number, None);
            }
        }
        if let Some(r) = &query.order_ref {
            let refs = [r.clone(), r.to_uppercase()];
            let ids: Vec<i64> = tickets::table
                .filter(tickets::order_ref.eq_any(refs))
                .order(tickets::id.desc())
                .select(tickets::id)
                .limit(limit)
                .load(c)?;
            for id in ids {
                push(&mut ordered, id, Matched::OrderRef, None);
            }
        }
        if let Some(e) = &query.email {
            let ids: Vec<i64> = tickets::table
                .filter(tickets::email.eq(e))
                .order(tickets::id.desc())
                .select(tickets::id)
                .limit(limit)
                .load(c)?;
            for id in ids {
                push(&mut ordered, id, Matched::Email, None);
            }
        }
        let ranked: Vec<Ranked> = full_text(c, query, limit)?;
        for r in ranked {
            push(&mut ordered, r.id, Matched::Text, Some(r.score));
        }
        ordered.truncate(limit as usize);
        let ids: Vec<i64> = ordered.iter().map(|(i, _, _)| *i).collect();
        let rows: Vec<Ticket> = tickets::table
            .filter(tickets::id.eq_any(&ids))
            .select(Ticket::as_select())
            .load(c)?;
        let bodies = bodies_of(c, &ids)?;
        Ok::<_, diesel::result::Error>((ordered, rows, bodies))
    })?;
    let mut by_id: HashMap<i64, Ticket> = rows.into_iter().map(|t| (t.id.get(), t)).collect();
    let mut bodies: HashMap<i64, String> = bodies.into_iter().map(|b| (b.id, b.body)).collect();
    let hits = ordered
        .into_iter()
        .filter_map(|(id, matched, rank)| {
            let t = by_id.remove(&id)?;
            let body = bodies.remove(&id).unwrap_or_default();
            Some(Hit {
                number: t.id,
                snippet: snippet(&body, query.terms()),
                subject: t.subject,
                state: t.state,
                email: t.email,
                name: t.name,
                order_ref: t.order_ref,
                matched,
                rank,
            })
        })
        .collect();
    Ok(hits)
}

/// The full-text part, per backend (diesel's DSL has neither MATCH nor `@@`).
trait FullText {
    fn full_text(&mut self, query: &SearchQuery, limit: i64) -> QueryResult<Vec<Ranked>>;
    fn bodies(&mut self, ids: &str) -> QueryResult<Vec<Body>>;
}

impl FullText for SqliteConnection {
    fn full_text(&mut self, query: &SearchQuery, limit: i64) -> QueryResult<Vec<Ranked>> {
        let Some(q) = query.fts5() else {
            return Ok(Vec::new());
        };
        diesel::sql_query(SQLITE_FTS)
            .bind::<Text, _>(q)
            .bind::<BigInt, _>(RANKED)
            .bind::<BigInt, _>(limit)
            .load(self)
    }

    fn bodies(&mut self, ids: &str) -> QueryResult<Vec<Body>> {
        diesel::sql_query(format!(
            "SELECT rowid AS id, body FROM ticket_search WHERE rowid IN ({ids})"
        ))
        .load(self)
    }
}

impl FullText for PgConnection {
    fn full_text(&mut self, query: &SearchQuery, limit: i64) -> QueryResult<Vec<Ranked>> {
        let Some(q) = query.tsquery() else {
            return Ok(Vec::new());
        };
        diesel::sql_query(PG_FTS)
            .bind::<Text, _>(q)
            .bind::<BigInt, _>(limit)
            .bind::<BigInt, _>(RANKED)
            .load(self)
    }

    fn bodies(&mut self, ids: &str) -> QueryResult<Vec<Body>> {
        diesel::sql_query(format!(
            "SELECT ticket_id AS id, body FROM ticket_search WHERE ticket_id IN ({ids})"
        ))
        .load(self)
    }
}

fn full_text<C: FullText>(c: &mut C, query: &SearchQuery, limit: i64) -> QueryResult<Vec<Ranked>> {
    c.full_text(query, limit)
}

/// The indexed text of the threads of `ids` (numbers only go into the SQL).
fn bodies_of<C: FullText>(c: &mut C, ids: &[i64]) -> QueryResult<Vec<Body>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    c.bodies(&list.join(", "))
}

/// Words of context either side of the first match in a snippet.
const CONTEXT_WORDS: usize = 8;

/// A short extract of `body` around the first word that starts with one of `terms` (the start
/// of the thread when none does), with "…" where text was cut. Plain text: the page escapes it.
pub fn snippet(body: &str, terms: &[String]) -> String {
    let words: Vec<&str> = body.split_whitespace().collect();
    let hit = words.iter().position(|w| {
        let folded = fold(w);
        folded
            .split(|c: char| !is_word_char(c))
            .any(|part| !part.is_empty() && terms.iter().any(|t| part.starts_with(t.as_str())))
    });
    let (start, end) = match hit {
        Some(i) => (
            i.saturating_sub(CONTEXT_WORDS),
            (i + CONTEXT_WORDS + 1).min(words.len()),
        ),
        None => (0, (2 * CONTEXT_WORDS).min(words.len())),
    };
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    out.push_str(&words[start..end].join(" "));
    if end < words.len() {
        out.push_str(" …");
    }
    // A single enormous "word" (a pasted log line) is cut too.
    if out.chars().count() > 300 {
        out = out.chars().take(300).collect::<String>() + "…";
    }
    out
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
