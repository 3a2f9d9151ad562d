//! Needs (SPEC §4): from what each unit has to what it needs, deduplicated and routed.

pub mod assess;
pub mod condense;
pub mod dedup;
mod lines;

use crate::catalog::{Block, Catalog, Level};
use crate::diag::{self, Diagnostic};
use crate::read::Unit;
use foldhash::HashSet;
use serde::Serialize;
use std::sync::Arc;

pub use assess::{Assessment, Place, Reason, Verdict};
pub use condense::{condense, Condensed, Interner, Text};
pub use dedup::{Conflict, Duplicate, RowRef, Superseded};

/// An accepted unit and the file it came from.
#[derive(Debug, Clone, Serialize)]
pub struct UnitEntry {
    #[serde(flatten)]
    pub unit: Unit,
    pub file: String,
    /// The inventory sheet read (`None` for CSV).
    #[serde(skip)]
    pub sheet: Option<String>,
}

/// One need line (dòng nhu cầu): a unit (or a site's owner) and an applicable item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedLine {
    // Texts are shared (`Arc`): a national run has hundreds of thousands of lines.
    pub unit: Arc<str>,
    pub site: Arc<str>,
    pub site_units: Arc<[Arc<str>]>,
    pub item: usize,
    pub item_code: Arc<str>,
    pub channel: Arc<str>,
    /// Index of the routing row that chose the channel (`None`: no row matched, `self`).
    pub route: Option<usize>,
    pub block: Block,
    pub level: Level,
    /// The count the norm was applied to (staff, leaders, or 1).
    pub basis_count: u64,
    pub required: u64,
    pub usable: u64,
    pub unusable: u64,
    pub gap: u64,
    pub replace: u64,
    pub new: u64,
    pub requested: Option<u64>,
    pub excess: u64,
    pub quantity: u64,
    /// An extra line for a request of an item that does not apply to the unit.
    pub not_applicable: bool,
}

impl NeedLine {
    /// Fill gap, replace, new, quantity and excess from required, usable, unusable, requested.
    fn settle(&mut self) {
        self.gap = self.required.saturating_sub(self.usable);
        self.replace = self.gap.min(self.unusable);
        self.new = self.gap - self.replace;
        match self.requested {
            Some(r) => {
                self.quantity = r.min(self.gap);
                self.excess = r.saturating_sub(self.gap);
            }
            None => {
                self.quantity = self.gap;
                self.excess = 0;
            }
        }
    }
}

/// A row that matched no item, listed so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unclassified {
    pub unit: String,
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
    pub name: String,
}

/// Row counts over the accepted submissions (SPEC §6 `ledger`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ledger {
    pub files: u64,
    pub units: u64,
    pub rows_read: u64,
    pub rows_counted: u64,
    pub rows_skipped: u64,
    pub rows_unclassified: u64,
    pub rows_rejected: u64,
}

/// What became of one candidate file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Its unit is in the needs.
    Accepted,
    /// Replaced by another submission of the same unit.
    Superseded,
    /// Left out: equal revision and date with different content.
    Conflict,
    /// Left out: unreadable, no header, or bad unit information.
    LeftOut,
}

/// One candidate file and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct FileStatus {
    pub file: String,
    pub unit: Option<String>,
    pub outcome: Outcome,
    pub ledger: crate::read::Ledger,
    /// SHA-256 of the file's bytes (`None` if it could not be read).
    pub sha256: Option<[u8; 32]>,
}

/// The result of the needs stage.
#[derive(Debug, Clone)]
pub struct Needs {
    pub as_of: i32,
    pub units: Vec<UnitEntry>,
    pub lines: Vec<NeedLine>,
    pub unclassified: Vec<Unclassified>,
    pub superseded: Vec<Superseded>,
    pub conflicts: Vec<Conflict>,
    pub duplicates: Vec<Duplicate>,
    /// Verdicts on counted rows of accepted submissions, in (unit, file, row) order: every row
    /// that is not usable, and every row when the surveys were condensed with details.
    pub assessments: Assessments,
    pub ledger: Ledger,
    /// Every candidate file, in sorted order.
    pub files: Vec<FileStatus>,
    /// All diagnostics of the run, sorted (SPEC §3).
    pub diagnostics: Vec<Diagnostic>,
}

/// Verdicts on counted rows, unit by unit. Each unit keeps the vector its submission was
/// condensed into: a national run has a million of them, and joining them into one vector
/// would hold them twice for a moment.
#[derive(Debug, Clone, Default)]
pub struct Assessments(Vec<Vec<Assessment>>);

impl Assessments {
    /// Every verdict, in (unit, file, row) order.
    pub fn iter(&self) -> impl Iterator<Item = &Assessment> {
        self.0.iter().flatten()
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Vec::is_empty)
    }
}

impl Needs {
    pub fn unit(&self, code: &str) -> Option<&UnitEntry> {
        self.units.iter().find(|u| u.unit.code == code)
    }

    /// The unit (code, file, sheet) an assessed row belongs to.
    pub fn source(&self, a: &Assessment) -> Option<&UnitEntry> {
        self.units.get(a.source as usize)
    }
}

/// Compute needs from condensed surveys in sorted file order (one per candidate file), in
/// SPEC §4's order: which submission of each unit counts, which asset rows count once, what
/// each unit has that is usable or not, then the need lines (per unit, per site; requirement,
/// gap, replacement, requests, routing) and the sorted lists.
pub fn compute(mut surveys: Vec<Condensed>, catalog: &Catalog, as_of: i32) -> Needs {
    let files = surveys.len() as u64;
    // Reserved up front: growing these by doubling would briefly hold twice their size.
    let n_diags: usize = surveys
        .iter()
        .map(|s| s.diagnostics.len() + s.pending.len())
        .sum();
    let mut diags: Vec<Diagnostic> = Vec::with_capacity(n_diags);
    // §4 ¶1: the submission of each unit that counts (revision, date, identical content).
    let (mut accepted, superseded, conflicts) = dedup::choose(&surveys, &mut diags);
    accepted.sort_by(|&a, &b| {
        let ua = surveys[a].unit.as_ref().map(|u| u.code.as_str());
        let ub = surveys[b].unit.as_ref().map(|u| u.code.as_str());
        ua.cmp(&ub)
    });
    // §4 ¶1: rows with the same asset id count once. Before the reading diagnostics are
    // gathered: a duplicate row's `W-QTY-EMPTY` goes with it (SPEC §3: only for rows that end
    // counted or unclassified).
    let mut duplicates = dedup::assets(&mut surveys, &accepted, &mut diags);
    for s in &mut surveys {
        diags.extend(std::mem::take(&mut s.diagnostics));
    }
    let file_status = file_outcomes(&surveys, &accepted, &superseded, &conflicts);
    let mut ledger = Ledger {
        files,
        units: accepted.len() as u64,
        ..Ledger::default()
    };
    let Accepted {
        units,
        mut unclassified,
        assessments,
    } = gather_accepted(&mut surveys, &accepted, &mut ledger, &mut diags);
    // §4: usable and unusable quantities per unit and item.
    let have = lines::Have::count(&surveys, &accepted, catalog.items.len());
    // Everything the lines need of the counted rows is in `have` now: let the rows go before
    // the lines are made (a national run holds hundreds of thousands of each).
    for s in &mut surveys {
        s.assets = Default::default();
        s.totals = Vec::new();
    }
    let mut lines = lines::need_lines(&surveys, &accepted, &have, catalog, &mut diags);
    // (unit, item) is unique among lines (a site line belongs to its first unit, which has
    // no line of its own for a site item), so an in-place unstable sort gives the one order.
    lines.sort_unstable_by(|a, b| {
        (&a.unit, &a.item_code, &a.site).cmp(&(&b.unit, &b.item_code, &b.site))
    });
    unclassified.sort_by(|a, b| {
        (&a.unit, &a.file, &a.sheet, a.row).cmp(&(&b.unit, &b.file, &b.sheet, b.row))
    });
    duplicates.sort_by(|a, b| {
        (&a.unit, &a.file, &a.sheet, a.row).cmp(&(&b.unit, &b.file, &b.sheet, b.row))
    });
    diag::sort(&mut diags);
    Needs {
        as_of,
        units,
        lines,
        unclassified,
        superseded,
        conflicts,
        duplicates,
        assessments: Assessments(assessments),
        ledger,
        files: file_status,
        diagnostics: diags,
    }
}

/// What became of every candidate file (SPEC §4 dedup): accepted, superseded, in conflict, or
/// left out (unreadable, no header, bad unit information).
fn file_outcomes(
    surveys: &[Condensed],
    accepted: &[usize],
    superseded: &[Superseded],
    conflicts: &[Conflict],
) -> Vec<FileStatus> {
    let accepted_set: HashSet<usize> = accepted.iter().copied().collect();
    let superseded_set: HashSet<&str> = superseded.iter().map(|x| x.file.as_str()).collect();
    let conflict_set: HashSet<&str> = conflicts
        .iter()
        .flat_map(|c| c.files.iter().map(String::as_str))
        .collect();
    surveys
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let unit = s.unit.as_ref().map(|u| u.code.clone());
            let outcome = if accepted_set.contains(&i) {
                Outcome::Accepted
            } else if superseded_set.contains(s.file.as_str()) {
                Outcome::Superseded
            } else if conflict_set.contains(s.file.as_str()) {
                Outcome::Conflict
            } else {
                Outcome::LeftOut
            };
            FileStatus {
                file: s.file.clone(),
                unit,
                outcome,
                ledger: s.ledger,
                sha256: s.sha256,
            }
        })
        .collect()
}

/// What the accepted submissions bring besides their lines.
struct Accepted {
    units: Vec<UnitEntry>,
    unclassified: Vec<Unclassified>,
    assessments: Vec<Vec<Assessment>>,
}

/// The accepted units in code order, their unclassified rows and verdicts; their rows added
/// to the ledger (SPEC §6) and their pending diagnostics (the usability warnings SPEC §3 keeps
/// for counted rows of accepted submissions only) released.
fn gather_accepted(
    surveys: &mut [Condensed],
    accepted: &[usize],
    ledger: &mut Ledger,
    diags: &mut Vec<Diagnostic>,
) -> Accepted {
    let mut units = Vec::new();
    let mut unclassified = Vec::new();
    let mut assessments = Vec::with_capacity(accepted.len());
    for &si in accepted {
        let s = &mut surveys[si];
        let Some(u) = &s.unit else { continue };
        let source = units.len() as u32;
        units.push(UnitEntry {
            unit: u.clone(),
            file: s.file.clone(),
            sheet: s.sheet.clone(),
        });
        ledger.rows_read += s.ledger.read;
        ledger.rows_counted += s.ledger.counted;
        ledger.rows_skipped += s.ledger.skipped;
        ledger.rows_unclassified += s.ledger.unclassified;
        ledger.rows_rejected += s.ledger.rejected;
        diags.extend(std::mem::take(&mut s.pending).into_iter().map(|(_, d)| d));
        // Copied, not moved: the reading threads' pages then empty out as the surveys go,
        // and are returned to the system, instead of each holding a few verdicts.
        let mut details = s.details.to_vec();
        s.details = Vec::new();
        for a in &mut details {
            a.source = source;
        }
        assessments.push(details);
        for (row, name) in &s.unclassified {
            unclassified.push(Unclassified {
                unit: u.code.clone(),
                file: s.file.clone(),
                sheet: s.sheet.clone(),
                row: *row,
                name: name.clone(),
            });
        }
    }
    Accepted {
        units,
        unclassified,
        assessments,
    }
}
