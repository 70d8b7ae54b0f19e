//! Reading the first rows of a query without a `LIMIT`.
//!
//! diesel sends `.first()`'s and `.limit(n)`'s count as a bound parameter, and the bundled
//! SQLite (3.53) plans with the value of a bound `LIMIT`: binding it marks the statement as
//! dependent on that value, so it is parsed and planned again at every execution instead of
//! being reused from diesel's statement cache (a probe of `… WHERE token_hash = ? LIMIT ?`
//! re-prepared on each of 100 runs; the same text with `LIMIT 1`, or none, never did). On the
//! intake path that was about a tenth of the server's CPU.
//!
//! Used on the intake and mail paths and for the lookups by primary or unique key that most
//! pages make (a ticket by number, an agent by id or email, a meta value). Not for take-next:
//! there the `LIMIT 1` bounds what `FOR UPDATE SKIP LOCKED` locks on PostgreSQL, which loads a
//! whole result before diesel's iterator sees it.
//!
//! For a query that finds at most a few rows (a unique key, one ticket's rows), reading rows
//! from diesel's row iterator and stopping gives the same answer with a statement that stays
//! prepared: the iterator is dropped after the rows wanted, which resets the statement, so
//! SQLite never produces the rest. PostgreSQL gets the same queries; it has no such cost and
//! these queries no use for a LIMIT there either.

use diesel::connection::DefaultLoadingMode;
use diesel::query_dsl::LoadQuery;
use diesel::{QueryResult, RunQueryDsl};

/// `first_row` and `first_rows` for every diesel query.
pub trait FirstRows<Conn>: RunQueryDsl<Conn> + Sized {
    /// The first row, if any: `.first(c).optional()` without the `LIMIT`.
    fn first_row<'q, U>(self, conn: &mut Conn) -> QueryResult<Option<U>>
    where
        Self: LoadQuery<'q, Conn, U, DefaultLoadingMode> + 'q,
        U: 'q,
    {
        self.load_iter::<U, DefaultLoadingMode>(conn)?
            .next()
            .transpose()
    }

    /// Up to `n` first rows: `.limit(n).load(c)` without the `LIMIT`.
    fn first_rows<'q, U>(self, conn: &mut Conn, n: usize) -> QueryResult<Vec<U>>
    where
        Self: LoadQuery<'q, Conn, U, DefaultLoadingMode> + 'q,
        U: 'q,
    {
        self.load_iter::<U, DefaultLoadingMode>(conn)?
            .take(n)
            .collect()
    }
}

impl<Q, Conn> FirstRows<Conn> for Q where Q: RunQueryDsl<Conn> {}
