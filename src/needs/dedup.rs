//! Deduplication (SPEC §4): one submission per unit, each asset counted once.

use super::condense::Condensed;
use crate::diag::{CellRef, Code, Diagnostic, Msg};
use foldhash::HashMap;
use serde::Serialize;
use std::collections::hash_map::Entry;
use std::collections::BTreeMap;

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

/// Choose one submission per unit. `surveys` are in sorted file order; returns the indices of
/// the accepted surveys (sorted by unit code), the superseded list and the conflicts.
pub fn choose(
    surveys: &[Condensed],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<usize>, Vec<Superseded>, Vec<Conflict>) {
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
        if top
            .iter()
            .skip(1)
            .any(|&i| surveys[i].content != surveys[first].content)
        {
            let files: Vec<String> = top.iter().map(|&i| surveys[i].file.clone()).collect();
            for &i in &top {
                let others = files
                    .iter()
                    .filter(|f| **f != surveys[i].file)
                    .cloned()
                    .collect();
                diags.push(Diagnostic::file(
                    Code::UnitConflict,
                    &surveys[i].file,
                    Msg::UnitConflict {
                        unit: code.to_string(),
                        others,
                    },
                ));
            }
            conflicts.push(Conflict {
                unit: code.to_string(),
                files,
            });
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

/// Skip counted rows whose asset id was already counted, in (unit code, file, row) order:
/// `accepted` is sorted by unit code and holds one file per unit. A skipped row leaves the
/// ledger's counted rows for its skipped rows and takes its pending warnings and verdict along.
pub fn assets(
    surveys: &mut [Condensed],
    accepted: &[usize],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Duplicate> {
    // Pass 1, reading only: the first (survey, row) of every key, and each later row with that
    // key as (survey, index in its assets, first survey, first row). Keys are borrowed, so a
    // national run holds one small entry per asset rather than copies of its texts.
    let mut repeats: Vec<(usize, usize, usize, u32)> = Vec::new();
    {
        let n: usize = accepted.iter().map(|&si| surveys[si].assets.len()).sum();
        let mut first: HashMap<&str, (usize, u32)> =
            HashMap::with_capacity_and_hasher(n, Default::default());
        for &si in accepted {
            let s = &surveys[si];
            if s.unit.is_none() {
                continue;
            }
            for (ai, r) in s.assets.rows.iter().enumerate() {
                match first.entry(s.assets.key(r)) {
                    Entry::Occupied(e) => {
                        let &(fs, frow) = e.get();
                        repeats.push((si, ai, fs, frow));
                    }
                    Entry::Vacant(e) => {
                        e.insert((si, r.row));
                    }
                }
            }
        }
    }
    // Pass 2: report and drop the repeats, survey by survey (each survey's repeats are
    // consecutive, in row order, since `accepted` visits each survey once).
    let mut dups = Vec::new();
    for group in repeats.chunk_by(|a, b| a.0 == b.0) {
        let si = group[0].0;
        let mut dropped: Vec<u32> = Vec::with_capacity(group.len());
        for &(_, ai, fs, frow) in group {
            let (s, f) = (&surveys[si], &surveys[fs]);
            let (Some(unit), Some(first_unit)) = (&s.unit, &f.unit) else {
                continue;
            };
            let r = &s.assets.rows[ai];
            diags.push(Diagnostic::new(
                Code::AssetDuplicate,
                &s.file,
                s.sheet.as_deref(),
                Some(CellRef::new(r.row, r.col)),
                Msg::AssetDuplicate {
                    asset_id: s.assets.id(r).to_string(),
                    first_file: f.file.clone(),
                    first_row: frow,
                },
            ));
            dups.push(Duplicate {
                unit: unit.code.clone(),
                asset_id: s.assets.id(r).to_string(),
                file: s.file.clone(),
                sheet: s.sheet.clone(),
                row: r.row,
                first: RowRef {
                    unit: first_unit.code.clone(),
                    file: f.file.clone(),
                    sheet: f.sheet.clone(),
                    row: frow,
                },
            });
            dropped.push(r.row);
        }
        let s = &mut surveys[si];
        let mut ai = 0;
        let mut next = group.iter().map(|g| g.1).peekable();
        s.assets.rows.retain(|_| {
            let drop = next.peek() == Some(&ai);
            if drop {
                next.next();
            }
            ai += 1;
            !drop
        });
        if !dropped.is_empty() {
            dropped.sort_unstable();
            let is_dropped = |row: u32| dropped.binary_search(&row).is_ok();
            s.ledger.counted -= dropped.len() as u64;
            s.ledger.skipped += dropped.len() as u64;
            s.pending.retain(|(row, _)| !is_dropped(*row));
            s.details.retain(|a| !is_dropped(a.row));
            // The row ends skipped, so it has no empty-quantity warning (SPEC §3).
            let sheet = s.sheet.as_deref();
            s.diagnostics.retain(|d| {
                let on_row = |c: &CellRef| d.sheet.as_deref() == sheet && is_dropped(c.row);
                !(d.code == Code::QtyEmpty && d.cell.as_ref().is_some_and(on_row))
            });
        }
    }
    dups
}
