//! Is a counted row usable? Condition, age against useful life, and minimum configuration
//! (SPEC §4). Every test is evaluated, so every warning is reported.

use super::Text;
use crate::catalog::{Catalog, ConfigTerm};
use crate::diag::{CellRef, Code, Diagnostic, Msg};
use crate::read::values::parse_config;
use crate::read::{Condition, InvRow, Year};
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

/// The verdict on one row, compact: flags over the item's tests. The texts of the reasons are
/// made on demand ([`Assessment::reasons`]), since a national run keeps a million verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Verdict {
    pub condition: Condition,
    /// The year put into use, when the row reached the item's useful life.
    pub too_old: Option<u16>,
    /// Bit i: the item's `min_config` term i is not met.
    pub config_fails: u32,
    /// Bit i: term i could not be read (counted as met); [`YEAR_ASSUMED`]: the year is unknown.
    pub assumed: u32,
}

/// The `assumed` bit for an unknown year.
pub const YEAR_ASSUMED: u32 = 1 << 31;

impl Verdict {
    pub fn usable(&self) -> bool {
        self.condition == Condition::Good && self.too_old.is_none() && self.config_fails == 0
    }
}

/// The verdict on one counted row, with where it is and what it is.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// Index of the row's unit in [`super::Needs::units`] (its code, file and sheet).
    pub source: u32,
    pub row: u32,
    pub item: usize,
    pub quantity: u64,
    pub verdict: Verdict,
    /// The device name and configuration as written (shared: they repeat across files).
    pub name: Text,
    pub config: Text,
}

impl Assessment {
    /// The row is usable as it is (the verdict found nothing).
    pub fn usable(&self) -> bool {
        self.verdict.usable()
    }

    /// Why the row is not usable, in the order the tests run.
    pub fn reasons(&self, catalog: &Catalog, as_of: i32) -> Vec<Reason> {
        let mut out = Vec::new();
        let Some(it) = catalog.items.get(self.item) else {
            return out;
        };
        let v = &self.verdict;
        if v.condition != Condition::Good {
            out.push(Reason::Condition {
                condition: v.condition,
            });
        }
        if let (Some(y), Some(life)) = (v.too_old, it.useful_life_years) {
            let y = i32::from(y);
            out.push(Reason::TooOld {
                year: y,
                age: (as_of - y).max(0),
                life,
            });
        }
        if v.config_fails != 0 {
            let c = parse_config(&self.config);
            for (i, term) in it.min_config.iter().enumerate() {
                if i < 31 && v.config_fails & (1 << i) != 0 {
                    let found = match term {
                        ConfigTerm::RamGb(_) => c.ram_gb.map(gb),
                        ConfigTerm::StorageGb(_) => c.storage_gb.map(gb),
                        ConfigTerm::Ssd => {
                            c.ssd.map(|s| if s { "SSD".into() } else { "HDD".into() })
                        }
                    };
                    out.push(Reason::Config {
                        term: term.to_string(),
                        found: found.unwrap_or_default(),
                    });
                }
            }
        }
        out
    }

    /// Tests that could not be read and were counted as met: `year` or a `min_config` term.
    pub fn assumed(&self, catalog: &Catalog) -> Vec<String> {
        let mut out = Vec::new();
        let Some(it) = catalog.items.get(self.item) else {
            return out;
        };
        if self.verdict.assumed & YEAR_ASSUMED != 0 {
            out.push("year".to_string());
        }
        for (i, term) in it.min_config.iter().enumerate() {
            if i < 31 && self.verdict.assumed & (1 << i) != 0 {
                out.push(term.to_string());
            }
        }
        out
    }
}

fn gb(d: Decimal) -> String {
    format!("{} GB", d.normalize())
}

/// The file and sheet a survey's findings are in, shared by all of them.
#[derive(Debug, Clone)]
pub struct Place {
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
}

/// Judge one counted row; its usability warnings go to `diags`, their texts through `intern`.
pub fn assess<'a>(
    at_file: &Place,
    r: &'a InvRow,
    item: usize,
    catalog: &Catalog,
    as_of: i32,
    intern: &mut dyn FnMut(&'a str) -> Text,
    diags: &mut Vec<Diagnostic>,
) -> Verdict {
    let it = &catalog.items[item];
    let mut v = Verdict {
        condition: r.condition,
        too_old: None,
        config_fails: 0,
        assumed: 0,
    };
    let at = |col: u32| Some(CellRef::new(r.row, col));
    if let Some(life) = it.useful_life_years {
        match r.year {
            Year::Known(y) => {
                if (as_of - y).max(0) >= life as i32 {
                    // Known years are 1900..=2100 (the reader checks).
                    v.too_old = Some(y.clamp(0, i32::from(u16::MAX)) as u16);
                }
            }
            Year::Empty => {
                v.assumed |= YEAR_ASSUMED;
                diags.push(Diagnostic::shared(
                    Code::YearUnknown,
                    &at_file.file,
                    at_file.sheet.as_ref(),
                    at(r.year_col),
                    Msg::YearEmpty {
                        item: it.code.clone(),
                        life,
                    },
                ));
            }
            Year::Unreadable => v.assumed |= YEAR_ASSUMED,
        }
    }
    for (i, term) in it.min_config.iter().enumerate() {
        let c = &r.config;
        let met: Option<bool> = match *term {
            ConfigTerm::RamGb(n) => c.ram_gb.map(|v| v >= Decimal::from(n)),
            ConfigTerm::StorageGb(n) => c.storage_gb.map(|v| v >= Decimal::from(n)),
            ConfigTerm::Ssd => c.ssd,
        };
        let bit = if i < 31 { 1u32 << i } else { 0 };
        match met {
            Some(true) => {}
            Some(false) => v.config_fails |= bit,
            None => {
                v.assumed |= bit;
                diags.push(Diagnostic::shared(
                    Code::ConfigUnreadable,
                    &at_file.file,
                    at_file.sheet.as_ref(),
                    at(r.config_col),
                    Msg::ConfigUnreadable {
                        term: *term,
                        text: intern(&r.config_text),
                    },
                ));
            }
        }
    }
    v
}
