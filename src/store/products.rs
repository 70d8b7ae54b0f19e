//! Products and their releases.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use super::models::{Product, Release};
use super::rows::FirstRows;
use super::{StoreError, StoreResult, is_unique_violation, naive};
use crate::db::DbConn;
use crate::domain::version::Version;
use crate::schema::{products, releases};
use crate::{db_run, db_write};

/// A product's identifier in URLs, CSV files and mail: lower-case letters, digits and dashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    pub fn parse(text: &str) -> Result<Slug, String> {
        let t = text.trim();
        let ok = !t.is_empty()
            && t.len() <= 100
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if ok {
            Ok(Slug(t.to_string()))
        } else {
            Err(format!(
                "{text:?} is not a product slug: use 1 to 100 lower-case letters, digits, '-' or '_'"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The support terms a product is created with.
#[derive(Debug, Clone, Copy)]
pub struct ProductTerms {
    pub free_support_days: u32,
    pub max_support_months: u32,
    pub releases_back: u32,
}

fn to_i32(n: u32, field: &'static str) -> StoreResult<i32> {
    i32::try_from(n).map_err(|_| StoreError::OutOfRange {
        field,
        problem: "too large",
    })
}

pub fn add(
    conn: &mut DbConn,
    slug: &Slug,
    name: &str,
    terms: ProductTerms,
    at: DateTime<Utc>,
) -> StoreResult<Product> {
    let values = (
        products::slug.eq(slug.as_str()),
        products::name.eq(name),
        products::free_support_days.eq(to_i32(terms.free_support_days, "free_support_days")?),
        products::max_support_months.eq(to_i32(terms.max_support_months, "max_support_months")?),
        products::releases_back.eq(to_i32(terms.releases_back, "releases_back")?),
        products::created_at.eq(naive(at)),
    );
    let inserted = db_run!(conn, c => {
        diesel::insert_into(products::table)
            .values(values)
            .returning(Product::as_returning())
            .get_result(c)
    });
    inserted.map_err(|e| {
        if is_unique_violation(&e) {
            StoreError::ProductExists(slug.as_str().to_string())
        } else {
            e.into()
        }
    })
}

pub fn find(conn: &mut DbConn, slug: &str) -> StoreResult<Option<Product>> {
    let found = db_run!(conn, c => {
        products::table
            .filter(products::slug.eq(slug))
            .select(Product::as_select())
            .first_row(c)
    })?;
    Ok(found)
}

pub fn get(conn: &mut DbConn, slug: &str) -> StoreResult<Product> {
    find(conn, slug)?.ok_or_else(|| StoreError::UnknownProduct(slug.to_string()))
}

pub fn by_id(conn: &mut DbConn, id: i64) -> StoreResult<Product> {
    let p = db_run!(conn, c => {
        products::table.find(id).select(Product::as_select()).first(c)
    })?;
    Ok(p)
}

/// Records a release; a version equal to a known one (1.2 = 1.2.0) changes nothing.
/// Returns the release as stored and whether it is new.
pub fn add_release(
    conn: &mut DbConn,
    product_id: i64,
    version: &Version,
    released_at: Option<NaiveDate>,
    at: DateTime<Utc>,
) -> StoreResult<(Release, bool)> {
    let key = version.sort_key();
    let text = version.to_string();
    let created_at = naive(at);
    let result = db_write!(conn, c => {
        let inserted = diesel::insert_into(releases::table)
            .values((
                releases::product_id.eq(product_id),
                releases::version.eq(&text),
                releases::version_key.eq(&key),
                releases::released_at.eq(released_at),
                releases::created_at.eq(created_at),
            ))
            .on_conflict((releases::product_id, releases::version_key))
            .do_nothing()
            .execute(c)?;
        let row = releases::table
            .filter(releases::product_id.eq(product_id))
            .filter(releases::version_key.eq(&key))
            .select(Release::as_select())
            .first(c)?;
        Ok::<_, diesel::result::Error>((row, inserted == 1))
    })?;
    Ok(result)
}

/// Every product, by slug.
pub fn list(conn: &mut DbConn) -> StoreResult<Vec<Product>> {
    let rows = db_run!(conn, c => {
        products::table
            .order(products::slug.asc())
            .select(Product::as_select())
            .load(c)
    })?;
    Ok(rows)
}

/// Every release of a product, lowest version first.
pub fn releases(conn: &mut DbConn, product_id: i64) -> StoreResult<Vec<Release>> {
    let rows = db_run!(conn, c => {
        releases::table
            .filter(releases::product_id.eq(product_id))
            .order(releases::version_key.asc())
            .select(Release::as_select())
            .load(c)
    })?;
    Ok(rows)
}

/// The releases as versions. A stored text that no longer parses is skipped: it was validated on
/// the way in, so this only guards against hand-edited rows.
pub fn release_versions(conn: &mut DbConn, product_id: i64) -> StoreResult<Vec<Version>> {
    Ok(releases(conn, product_id)?
        .iter()
        .filter_map(|r| Version::parse(&r.version).ok())
        .collect())
}

/// Every product's slug by id. A desk sells tens of products, not thousands, so a page that
/// names products reads them all once instead of once per row.
pub fn slugs(conn: &mut DbConn) -> StoreResult<std::collections::HashMap<i64, String>> {
    let rows: Vec<(i64, String)> = db_run!(conn, c => {
        products::table.select((products::id, products::slug)).load(c)
    })?;
    Ok(rows.into_iter().collect())
}
