//! Purchases and support extensions. `support_until` is derived (domain::support) and recomputed
//! in the same transaction as every change to a purchase or its extensions.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use super::models::{ExtensionRow, Product, Purchase};
use super::{StoreError, StoreResult, naive};
use crate::db::DbConn;
use crate::db_run;
use crate::db_write;
use crate::domain::eligibility::Tier;
use crate::domain::email::EmailAddress;
use crate::domain::support::{self, Extension, SupportTerms};
use crate::schema::{extensions, products, purchases};

/// A purchase as a store reports it, already parsed.
#[derive(Debug, Clone)]
pub struct NewPurchase {
    pub order_ref: String,
    pub email: EmailAddress,
    pub product: String,
    pub purchased_at: NaiveDate,
    pub tier: Tier,
}

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Created,
    Updated,
    Unchanged,
}

/// An extension as reported, already parsed.
#[derive(Debug, Clone)]
pub struct NewExtension {
    pub extension_ref: String,
    pub order_ref: String,
    pub product: Option<String>,
    pub months: u32,
    pub bought_at: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionOutcome {
    Created,
    AlreadyRecorded,
}

// Words for people (the CLI prints them), not the Rust names.
impl std::fmt::Display for Upserted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Upserted::Created => "created",
            Upserted::Updated => "updated",
            Upserted::Unchanged => "unchanged",
        })
    }
}

impl std::fmt::Display for ExtensionOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ExtensionOutcome::Created => "recorded",
            ExtensionOutcome::AlreadyRecorded => "already recorded",
        })
    }
}

/// The support terms of a product row.
pub fn terms(p: &Product) -> SupportTerms {
    SupportTerms {
        free_support_days: u32::try_from(p.free_support_days).unwrap_or(0),
        max_support_months: u32::try_from(p.max_support_months).unwrap_or(0),
    }
}

fn to_domain(rows: &[ExtensionRow]) -> Vec<Extension> {
    rows.iter()
        .map(|r| Extension {
            id: r.id,
            bought_at: r.bought_at,
            months: u32::try_from(r.months).unwrap_or(0),
        })
        .collect()
}

/// Inserts or updates the purchase of (order_ref, product). Re-sending identical data changes
/// nothing, so a store may push the same order as often as it likes.
pub fn upsert(
    conn: &mut DbConn,
    p: &NewPurchase,
    at: DateTime<Utc>,
) -> StoreResult<(Purchase, Upserted)> {
    let stamp = naive(at);
    db_write!(conn, c => {
        let product: Product = products::table
            .filter(products::slug.eq(&p.product))
            .select(Product::as_select())
            .first(c)
            .optional()?
            .ok_or_else(|| StoreError::UnknownProduct(p.product.clone()))?;
        let existing: Option<Purchase> = purchases::table
            .filter(purchases::order_ref.eq(&p.order_ref))
            .filter(purchases::product_id.eq(product.id))
            .select(Purchase::as_select())
            .first(c)
            .optional()?;
        let exts: Vec<ExtensionRow> = match &existing {
            Some(e) => extensions::table
                .filter(extensions::purchase_id.eq(e.id))
                .select(ExtensionRow::as_select())
                .load(c)?,
            None => Vec::new(),
        };
        let until = support::support_until(p.purchased_at, &terms(&product), &to_domain(&exts));
        let tier = p.tier;
        match existing {
            Some(e)
                if e.email == p.email.as_str()
                    && e.purchased_at == p.purchased_at
                    && e.tier == tier
                    && e.support_until == until =>
            {
                Ok((e, Upserted::Unchanged))
            }
            Some(e) => {
                let row = diesel::update(purchases::table.find(e.id))
                    .set((
                        purchases::email.eq(p.email.as_str()),
                        purchases::purchased_at.eq(p.purchased_at),
                        purchases::tier.eq(tier),
                        purchases::support_until.eq(until),
                        purchases::updated_at.eq(stamp),
                    ))
                    .returning(Purchase::as_returning())
                    .get_result(c)?;
                Ok((row, Upserted::Updated))
            }
            None => {
                let row = diesel::insert_into(purchases::table)
                    .values((
                        purchases::order_ref.eq(&p.order_ref),
                        purchases::email.eq(p.email.as_str()),
                        purchases::product_id.eq(product.id),
                        purchases::purchased_at.eq(p.purchased_at),
                        purchases::tier.eq(tier),
                        purchases::support_until.eq(until),
                        purchases::created_at.eq(stamp),
                        purchases::updated_at.eq(stamp),
                    ))
                    .returning(Purchase::as_returning())
                    .get_result(c)?;
                Ok((row, Upserted::Created))
            }
        }
    })
}

/// Records an extension once per `extension_ref` and returns the purchase's new `support_until`.
/// The same reference with the same content is a no-op; with other content it is a conflict.
pub fn extend(
    conn: &mut DbConn,
    x: &NewExtension,
    at: DateTime<Utc>,
) -> StoreResult<(ExtensionOutcome, NaiveDate)> {
    let months = i32::try_from(x.months).map_err(|_| StoreError::OutOfRange {
        field: "months",
        problem: "too large",
    })?;
    let stamp = naive(at);
    db_write!(conn, c => {
        let mut query = purchases::table
            .inner_join(products::table)
            .filter(purchases::order_ref.eq(&x.order_ref))
            .select((Purchase::as_select(), Product::as_select()))
            .into_boxed();
        if let Some(slug) = &x.product {
            query = query.filter(products::slug.eq(slug));
        }
        let found: Vec<(Purchase, Product)> = query.load(c)?;
        let (purchase, product) = match found.len() {
            0 => {
                let has: Vec<String> = purchases::table
                    .inner_join(products::table)
                    .filter(purchases::order_ref.eq(&x.order_ref))
                    .order(products::slug.asc())
                    .select(products::slug)
                    .load(c)?;
                return Err(match &x.product {
                    Some(product) if !has.is_empty() => StoreError::NoPurchaseOfProduct {
                        order_ref: x.order_ref.clone(),
                        product: product.clone(),
                        has,
                    },
                    _ => StoreError::UnknownPurchase(x.order_ref.clone()),
                });
            }
            1 => found.into_iter().next().ok_or_else(|| StoreError::UnknownPurchase(x.order_ref.clone()))?,
            _ => return Err(StoreError::AmbiguousPurchase(x.order_ref.clone())),
        };
        let previous: Option<ExtensionRow> = extensions::table
            .filter(extensions::extension_ref.eq(&x.extension_ref))
            .select(ExtensionRow::as_select())
            .first(c)
            .optional()?;
        if let Some(prev) = previous {
            if prev.purchase_id == purchase.id && prev.months == months && prev.bought_at == x.bought_at {
                let until: NaiveDate = purchases::table
                    .find(prev.purchase_id)
                    .select(purchases::support_until)
                    .first(c)?;
                return Ok((ExtensionOutcome::AlreadyRecorded, until));
            }
            return Err(StoreError::ExtensionConflict(x.extension_ref.clone()));
        }
        diesel::insert_into(extensions::table)
            .values((
                extensions::extension_ref.eq(&x.extension_ref),
                extensions::purchase_id.eq(purchase.id),
                extensions::months.eq(months),
                extensions::bought_at.eq(x.bought_at),
                extensions::created_at.eq(stamp),
            ))
            .execute(c)?;
        let exts: Vec<ExtensionRow> = extensions::table
            .filter(extensions::purchase_id.eq(purchase.id))
            .select(ExtensionRow::as_select())
            .load(c)?;
        let until = support::support_until(purchase.purchased_at, &terms(&product), &to_domain(&exts));
        diesel::update(purchases::table.find(purchase.id))
            .set((purchases::support_until.eq(until), purchases::updated_at.eq(stamp)))
            .execute(c)?;
        Ok((ExtensionOutcome::Created, until))
    })
}

/// Every purchase made with this email, any product.
pub fn for_email(conn: &mut DbConn, email: &EmailAddress) -> StoreResult<Vec<Purchase>> {
    let rows = db_run!(conn, c => {
        purchases::table
            .filter(purchases::email.eq(email.as_str()))
            .select(Purchase::as_select())
            .load(c)
    })?;
    Ok(rows)
}

/// A purchase with its product's slug and how many extensions it has, for listings.
#[derive(Debug, Clone)]
pub struct PurchaseLine {
    pub purchase: Purchase,
    pub product: String,
    pub extensions: i64,
}

/// Every purchase made with this email, by order then product.
pub fn list_for_email(conn: &mut DbConn, email: &EmailAddress) -> StoreResult<Vec<PurchaseLine>> {
    let rows: Vec<(Purchase, String)> = db_run!(conn, c => {
        purchases::table
            .inner_join(products::table)
            .filter(purchases::email.eq(email.as_str()))
            .order((purchases::order_ref.asc(), products::slug.asc()))
            .select((Purchase::as_select(), products::slug))
            .load(c)
    })?;
    with_extension_counts(conn, rows)
}

/// Every purchase of one order reference (an order may hold several products), by product.
pub fn list_for_order(conn: &mut DbConn, order_ref: &str) -> StoreResult<Vec<PurchaseLine>> {
    let rows: Vec<(Purchase, String)> = db_run!(conn, c => {
        purchases::table
            .inner_join(products::table)
            .filter(purchases::order_ref.eq(order_ref))
            .order(products::slug.asc())
            .select((Purchase::as_select(), products::slug))
            .load(c)
    })?;
    with_extension_counts(conn, rows)
}

fn with_extension_counts(
    conn: &mut DbConn,
    rows: Vec<(Purchase, String)>,
) -> StoreResult<Vec<PurchaseLine>> {
    let ids: Vec<i64> = rows.iter().map(|(p, _)| p.id).collect();
    let counts: Vec<(i64, i64)> = db_run!(conn, c => {
        extensions::table
            .filter(extensions::purchase_id.eq_any(&ids))
            .group_by(extensions::purchase_id)
            .select((extensions::purchase_id, diesel::dsl::count_star()))
            .load(c)
    })?;
    let counts: std::collections::HashMap<i64, i64> = counts.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|(purchase, product)| PurchaseLine {
            extensions: counts.get(&purchase.id).copied().unwrap_or(0),
            purchase,
            product,
        })
        .collect())
}

pub fn count(conn: &mut DbConn) -> StoreResult<i64> {
    let n = db_run!(conn, c => { purchases::table.count().get_result(c) })?;
    Ok(n)
}
