//! The roadmap within a yearly budget (SPEC §11) — lộ trình trang bị theo ngân sách hằng năm.
//!
//! The estimate says what the units need; a year's budget rarely covers it. [`allocate`] phases
//! the purchases: devices that replace what a unit cannot use first (tier 1), then new ones up
//! to the norm (tier 2), each tier in the catalog's `priority` order, each year taking, entry by
//! entry, as many devices as keep the year's total (§5 money: VAT per unit and item,
//! contingency per unit) within the budget. Pure: the command reads `needs.json`, builds a
//! [`Request`] and writes the [`Plan`] (`plan.json`, the workbook, the terminal table).
//!
//! [`args`] reads the `--budget` and `--years` flags.

pub mod args;
mod request;
mod walk;

use crate::catalog::{Block, Catalog, Level};
use crate::cost::money;
use crate::diag::Lang;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use thiserror::Error;

pub use args::{parse_budget, parse_years, ArgError, Years, MAX_YEARS};
pub use request::{request, MismatchError};

/// A unit as the roadmap orders it (SPEC §11 step 2: block, then level, then code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanUnit {
    pub code: String,
    pub name: String,
    pub block: Block,
    pub level: Level,
}

/// A priced `self` line with something to buy (SPEC §11 step 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demand {
    /// Index into [`Request::units`].
    pub unit: usize,
    /// Index into the catalog's items.
    pub item: usize,
    /// The line's `replace`: devices that replace ones the unit cannot use.
    pub replace: u64,
    pub quantity: u64,
    /// The price `needs.json` states, whole đồng.
    pub unit_price: u64,
}

/// What to phase: the units and their priced `self` lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    pub units: Vec<PlanUnit>,
    pub demands: Vec<Demand>,
}

fn as_money<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&money::to_string(*d))
}

/// One year of the roadmap (`plan.json` `years`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearTotal {
    pub year: i32,
    pub quantity: u64,
    #[serde(serialize_with = "as_money")]
    pub amount: Decimal,
    #[serde(serialize_with = "as_money")]
    pub vat: Decimal,
    #[serde(serialize_with = "as_money")]
    pub contingency: Decimal,
    #[serde(serialize_with = "as_money")]
    pub total: Decimal,
    /// Budget − total.
    #[serde(serialize_with = "as_money")]
    pub left: Decimal,
}

/// What a year buys for one (unit, item) (`plan.json` `lines`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanLine {
    pub year: i32,
    pub unit: String,
    pub item: String,
    pub quantity: u64,
    /// Tier-1 devices in `quantity`.
    pub replace: u64,
    /// Tier-2 devices in `quantity`.
    pub new: u64,
    #[serde(serialize_with = "as_money")]
    pub unit_price: Decimal,
    #[serde(serialize_with = "as_money")]
    pub amount: Decimal,
    #[serde(serialize_with = "as_money")]
    pub vat: Decimal,
    #[serde(serialize_with = "as_money")]
    pub total: Decimal,
}

/// A unit's share of a year: its contingency and total (`plan.json` `unit_years`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitYear {
    pub year: i32,
    pub unit: String,
    #[serde(serialize_with = "as_money")]
    pub contingency: Decimal,
    /// Its lines' totals + its contingency.
    #[serde(serialize_with = "as_money")]
    pub total: Decimal,
}

/// Devices of a (unit, item) that no year funds (`plan.json` `unfunded`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unfunded {
    pub unit: String,
    pub item: String,
    pub replace: u64,
    pub new: u64,
    pub quantity: u64,
    /// The §5 line total of `quantity` (VAT, no contingency).
    #[serde(serialize_with = "as_money")]
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanTotals {
    /// Σ year totals.
    #[serde(serialize_with = "as_money")]
    pub funded: Decimal,
    /// Σ unfunded totals (no contingency).
    #[serde(serialize_with = "as_money")]
    pub unfunded: Decimal,
}

/// The roadmap, field for field `plan.json` (SPEC §11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    #[serde(serialize_with = "as_money")]
    pub budget: Decimal,
    pub years: Vec<YearTotal>,
    /// Sorted by year, unit code, item code.
    pub lines: Vec<PlanLine>,
    /// Sorted by year, unit code.
    pub unit_years: Vec<UnitYear>,
    /// Sorted by unit code, item code.
    pub unfunded: Vec<Unfunded>,
    pub totals: PlanTotals,
}

impl Plan {
    /// Devices no year funds.
    pub fn unfunded_quantity(&self) -> u64 {
        self.unfunded
            .iter()
            .fold(0u64, |s, u| s.saturating_add(u.quantity))
    }
}

/// Why a roadmap cannot be made from a request.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum PlanError {
    /// The catalog has no price row for an item a line buys: its VAT rule is unknown.
    #[error("the catalog has no price for item {item} (unit {unit} buys it), so its VAT is not known; use the catalog the needs were computed with")]
    NoPrice { unit: String, item: String },
    /// Two lines for one (unit, item).
    #[error("unit {unit} has two lines for item {item}; a needs.json of rasoat has one; write the file again with rasoat run")]
    TwoLines { unit: String, item: String },
    /// A figure too large to compute.
    #[error("the money of unit {unit}, item {item} is too large to compute; check its quantity and price")]
    Overflow { unit: String, item: String },
}

impl PlanError {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (PlanError::NoPrice { unit, item }, Lang::Vi) => format!(
                "danh mục không có đơn giá của thiết bị {item} (đơn vị {unit} cần mua), nên không biết cách tính thuế GTGT; dùng đúng danh mục đã lập nhu cầu"
            ),
            (PlanError::TwoLines { unit, item }, Lang::Vi) => format!(
                "đơn vị {unit} có hai dòng cho thiết bị {item}; needs.json của rasoat chỉ có một; lập lại tệp bằng rasoat run"
            ),
            (PlanError::Overflow { unit, item }, Lang::Vi) => format!(
                "số tiền của đơn vị {unit}, thiết bị {item} quá lớn, không tính được; kiểm tra số lượng và đơn giá"
            ),
        }
    }
}

/// Phase `req` over `years` within `budget` đồng a year (SPEC §11 steps 1–4).
pub fn allocate(
    req: &Request,
    catalog: &Catalog,
    budget: u64,
    years: Years,
) -> Result<Plan, PlanError> {
    walk::allocate(req, catalog, budget, years)
}

#[cfg(test)]
mod tests;
