//! Is a counted row usable? Condition, age against useful life, and minimum configuration
//! (SPEC §4). Every test is evaluated, so every warning is reported.

use crate::catalog::{Catalog, ConfigTerm};
use crate::diag::{CellRef, Code, Diagnostic, Msg};
use crate::read::{Condition, InvRow, Survey, Year};
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

/// Why a row is not usable (or what could not be checked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Condition broken or worn.
    Condition { condition: Condition },
    /// Age reached the useful life.
    TooOld { year: i32, age: i32, life: u32 },
    /// A `min_config` term not met.
    Config { term: String, found: String },
}

/// The verdict on one counted row, with where it is and what it is. The texts are shared
/// (`Arc<str>`): a city-wide run keeps the verdicts of a million rows.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub unit: Arc<str>,
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
    pub row: u32,
    pub item: usize,
    pub name: Arc<str>,
    pub config: Arc<str>,
    pub quantity: u64,
    pub usable: bool,
    pub reasons: Vec<Reason>,
    /// Tests that could not be read and counted as met (unknown year, unreadable config).
    pub assumed: Vec<String>,
}

/// Whether a row is usable, why not, and which tests were assumed met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub usable: bool,
    pub reasons: Vec<Reason>,
    pub assumed: Vec<String>,
}

fn gb(d: Decimal) -> String {
    format!("{} GB", d.normalize())
}

/// Judge one counted row; its usability warnings go to `diags`.
pub fn assess(s: &Survey, r: &InvRow, item: usize, catalog: &Catalog, as_of: i32, diags: &mut Vec<Diagnostic>) -> Verdict {
    let it = &catalog.items[item];
    let mut reasons = Vec::new();
    let mut assumed = Vec::new();
    let at = |col: u32| Some(CellRef::new(r.row, col));
    if r.condition != Condition::Good {
        reasons.push(Reason::Condition { condition: r.condition });
    }
    if let Some(life) = it.useful_life_years {
        match r.year {
            Year::Known(y) => {
                let age = (as_of - y).max(0);
                if age >= life as i32 {
                    reasons.push(Reason::TooOld { year: y, age, life });
                }
            }
            Year::Empty => {
                assumed.push("year".to_string());
                diags.push(Diagnostic::new(
                    Code::YearUnknown,
                    &s.file,
                    s.sheet.as_deref(),
                    at(r.year_col),
                    Msg::YearEmpty { item: it.code.clone(), life },
                ));
            }
            Year::Unreadable => assumed.push("year".to_string()),
        }
    }
    for term in &it.min_config {
        let c = &r.config;
        let verdict: Option<(bool, String)> = match *term {
            ConfigTerm::RamGb(n) => c.ram_gb.map(|v| (v >= Decimal::from(n), gb(v))),
            ConfigTerm::StorageGb(n) => c.storage_gb.map(|v| (v >= Decimal::from(n), gb(v))),
            ConfigTerm::Ssd => c.ssd.map(|v| (v, if v { "SSD".into() } else { "HDD".into() })),
        };
        match verdict {
            Some((true, _)) => {}
            Some((false, found)) => reasons.push(Reason::Config { term: term.to_string(), found }),
            None => {
                assumed.push(term.to_string());
                diags.push(Diagnostic::new(
                    Code::ConfigUnreadable,
                    &s.file,
                    s.sheet.as_deref(),
                    at(r.config_col),
                    Msg::ConfigUnreadable { term: term.to_string(), text: r.config_text.clone() },
                ));
            }
        }
    }
    Verdict { usable: reasons.is_empty(), reasons, assumed }
}
