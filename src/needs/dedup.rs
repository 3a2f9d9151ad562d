//! Deduplication (SPEC §4): one submission per unit, each asset counted once.

use crate::diag::{CellRef, Code, Diagnostic, Msg};
use crate::read::{Config, InvRow, RowStatus, Survey, Unit, Year};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A submission replaced by a later (or identical, earlier-sorted) one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Superseded {
    pub unit: String,
    pub file: String,
    pub by: String,
}

/// A unit left out because two submissions with equal (revision, date) differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub unit: String,
    pub files: Vec<String>,
}

/// Where a row is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowRef {
    pub unit: String,
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
}

/// A counted row whose asset id was already counted: skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub unit: String,
    pub asset_id: String,
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
    pub first: RowRef,
}

/// What makes two submissions "identical content" (positions and formats do not count).
#[derive(PartialEq, Eq)]
struct Content<'a> {
    unit: &'a Unit,
    rows: Vec<(Option<usize>, Option<String>, Config, Year, u64, crate::read::Condition, Option<&'a str>, &'a str)>,
    requests: BTreeMap<usize, u64>,
}

fn content(s: &Survey) -> Option<Content<'_>> {
    let unit = s.unit.as_ref()?;
    let rows = s
        .rows
        .iter()
        .map(|r| {
            let name = match r.status {
                RowStatus::Unclassified => Some(crate::fold::fold(&r.name)),
                RowStatus::Counted => None,
            };
            (r.item, name, r.config, r.year, r.quantity, r.condition, r.asset_key.as_deref(), r.note.as_str())
        })
        .collect();
    let mut requests = BTreeMap::new();
    for q in &s.requests {
        *requests.entry(q.item).or_insert(0u64) += q.quantity;
    }
    Some(Content { unit, rows, requests })
}

/// Choose one submission per unit. `surveys` are in sorted file order; returns the indices of
/// the accepted surveys (sorted by unit code), the superseded list and the conflicts.
pub fn choose(surveys: &[Survey], diags: &mut Vec<Diagnostic>) -> (Vec<usize>, Vec<Superseded>, Vec<Conflict>) {
    let mut by_unit: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in surveys.iter().enumerate() {
        if let Some(u) = &s.unit {
            by_unit.entry(u.code.as_str()).or_default().push(i);
        }
    }
    let mut accepted = Vec::new();
    let mut superseded = Vec::new();
    let mut conflicts = Vec::new();
    for (code, idxs) in by_unit {
        let key = |i: usize| surveys[i].unit.as_ref().map(|u| (u.revision, u.date));
        let best = idxs.iter().filter_map(|&i| key(i)).max();
        let top: Vec<usize> = idxs.iter().copied().filter(|&i| key(i) == best).collect();
        let first = top[0];
        let c0 = content(&surveys[first]);
        if top.iter().skip(1).any(|&i| content(&surveys[i]) != c0) {
            let files: Vec<String> = top.iter().map(|&i| surveys[i].file.clone()).collect();
            for &i in &top {
                let others = files.iter().filter(|f| **f != surveys[i].file).cloned().collect();
                diags.push(Diagnostic::file(
                    Code::UnitConflict,
                    &surveys[i].file,
                    Msg::UnitConflict { unit: code.to_string(), others },
                ));
            }
            conflicts.push(Conflict { unit: code.to_string(), files });
            continue;
        }
        accepted.push(first);
        for &i in &idxs {
            if i != first {
                superseded.push(Superseded {
                    unit: code.to_string(),
                    file: surveys[i].file.clone(),
                    by: surveys[first].file.clone(),
                });
            }
        }
    }
    superseded.sort_by(|a, b| (&a.unit, &a.file).cmp(&(&b.unit, &b.file)));
    (accepted, superseded, conflicts)
}

/// Mark rows whose asset id was already counted (in (unit code, file, row) order) as skipped.
/// Returns, per accepted survey, the indices of its rows that still count.
pub fn assets(
    surveys: &mut [Survey],
    accepted: &[usize],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Duplicate> {
    let mut first: HashMap<String, RowRef> = HashMap::new();
    let mut dups = Vec::new();
    for &si in accepted {
        let s = &mut surveys[si];
        let Some(unit) = s.unit.as_ref().map(|u| u.code.clone()) else { continue };
        let mut removed = 0;
        let file = s.file.clone();
        let sheet = s.sheet.clone();
        let mut keep: Vec<InvRow> = Vec::with_capacity(s.rows.len());
        for r in s.rows.drain(..) {
            if r.status == RowStatus::Counted {
                if let Some(k) = &r.asset_key {
                    if let Some(f) = first.get(k) {
                        diags.push(Diagnostic::new(
                            Code::AssetDuplicate,
                            &file,
                            sheet.as_deref(),
                            Some(CellRef::new(r.row, r.asset_col)),
                            Msg::AssetDuplicate {
                                asset_id: r.asset_id.clone().unwrap_or_default(),
                                first_file: f.file.clone(),
                                first_row: f.row,
                            },
                        ));
                        dups.push(Duplicate {
                            unit: unit.clone(),
                            asset_id: r.asset_id.clone().unwrap_or_default(),
                            file: file.clone(),
                            sheet: sheet.clone(),
                            row: r.row,
                            first: f.clone(),
                        });
                        removed += 1;
                        continue;
                    }
                    first.insert(
                        k.clone(),
                        RowRef { unit: unit.clone(), file: file.clone(), sheet: sheet.clone(), row: r.row },
                    );
                }
            }
            keep.push(r);
        }
        s.rows = keep;
        s.ledger.counted -= removed;
        s.ledger.skipped += removed;
    }
    dups
}
