//! Domain types as column values. The domain stays free of SQL; this module teaches diesel to
//! write each typed name (ticket state, lane, tier, scope, author, channel, language) as its
//! stored form and to parse it back once, when a row is read. A stored value that no longer
//! parses is a deserialization error, which surfaces as a database error (a 500), never as a
//! string the rest of the code has to second-guess.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, Queryable};
use diesel::expression::AsExpression;
use diesel::internal::derives::as_expression::Bound;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{BigInt, Integer, Nullable, Text};

use crate::domain::channel::{Author, Channel};
use crate::domain::eligibility::Tier;
use crate::domain::ids::TicketId;
use crate::domain::lifecycle::TicketState;
use crate::domain::outbox::OutboxState;
use crate::domain::queue::Lane;
use crate::i18n::Lang;
use crate::tokens::Scope;

/// The expression impls diesel's `AsExpression` derive would write, for `$t` as `$st`.
macro_rules! as_expression {
    ($t:ty, $st:ty) => {
        impl AsExpression<$st> for $t {
            type Expression = Bound<$st, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }
        impl AsExpression<Nullable<$st>> for $t {
            type Expression = Bound<Nullable<$st>, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }
        impl<'a> AsExpression<$st> for &'a $t {
            type Expression = Bound<$st, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }
        impl<'a> AsExpression<Nullable<$st>> for &'a $t {
            type Expression = Bound<Nullable<$st>, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }
        impl<DB: Backend> ToSql<Nullable<$st>, DB> for $t
        where
            $t: ToSql<$st, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                ToSql::<$st, DB>::to_sql(self, out)
            }
        }
        impl<DB: Backend> Queryable<$st, DB> for $t
        where
            $t: FromSql<$st, DB>,
        {
            type Row = Self;
            fn build(row: Self) -> deserialize::Result<Self> {
                Ok(row)
            }
        }
    };
}

/// A name stored as text: `as_str` to write, `parse` to read.
macro_rules! text_column {
    ($($t:ty),*) => {$(
        as_expression!($t, Text);
        impl<DB: Backend> ToSql<Text, DB> for $t
        where
            str: ToSql<Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                ToSql::<Text, DB>::to_sql(self.as_str(), out)
            }
        }
        impl<DB: Backend> FromSql<Text, DB> for $t
        where
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, DB>>::from_sql(bytes)?;
                <$t>::parse(&text).ok_or_else(|| {
                    format!("unknown {} {text:?} in the database", stringify!($t)).into()
                })
            }
        }
    )*};
}

text_column!(TicketState, OutboxState, Tier, Scope, Author, Channel, Lang);

// A lane is stored as its rank, so an ascending index gives serving order.
as_expression!(Lane, Integer);

impl<DB: Backend> ToSql<Integer, DB> for Lane
where
    i32: ToSql<Integer, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        // The value must outlive `out`: constants, not a temporary.
        const PRIORITY: i32 = Lane::Priority.rank();
        const STANDARD: i32 = Lane::Standard.rank();
        let rank = match self {
            Lane::Priority => &PRIORITY,
            Lane::Standard => &STANDARD,
        };
        ToSql::<Integer, DB>::to_sql(rank, out)
    }
}

impl<DB: Backend> FromSql<Integer, DB> for Lane
where
    i32: FromSql<Integer, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let rank = <i32 as FromSql<Integer, DB>>::from_sql(bytes)?;
        Lane::from_rank(rank)
            .ok_or_else(|| format!("unknown lane rank {rank} in the database").into())
    }
}

as_expression!(TicketId, BigInt);

impl<DB: Backend> ToSql<BigInt, DB> for TicketId
where
    i64: ToSql<BigInt, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        // `TicketId` is a plain i64 in memory; its only field outlives `out` with `self`.
        ToSql::<BigInt, DB>::to_sql(self.as_i64_ref(), out)
    }
}

impl<DB: Backend> FromSql<BigInt, DB> for TicketId
where
    i64: FromSql<BigInt, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        Ok(TicketId::new(<i64 as FromSql<BigInt, DB>>::from_sql(
            bytes,
        )?))
    }
}
