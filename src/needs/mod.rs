//! Needs (SPEC §4): from what each unit has to what it needs, deduplicated and routed.

pub mod assess;
pub mod condense;
pub mod dedup;

use crate::catalog::{Basis, Block, Catalog, Level};
use crate::diag::{self, CellRef, Code, Diagnostic, Msg};
use crate::read::Unit;
use foldhash::HashSet;
use serde::Serialize;
use std::collections::BTreeMap;
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

fn basis_count(basis: Basis, u: &Unit) -> u64 {
    match basis {
        Basis::Staff => u.staff,
        Basis::Leader => u.leaders,
        Basis::Unit | Basis::Site => 1,
    }
}

/// Compute needs from condensed surveys in sorted file order (one per candidate file).
pub fn compute(mut surveys: Vec<Condensed>, catalog: &Catalog, as_of: i32) -> Needs {
    let files = surveys.len() as u64;
    // Reserved up front: growing these by doubling would briefly hold twice their size.
    let n_diags: usize = surveys
        .iter()
        .map(|s| s.diagnostics.len() + s.pending.len())
        .sum();
    let mut diags: Vec<Diagnostic> = Vec::with_capacity(n_diags);
    let (mut accepted, superseded, conflicts) = dedup::choose(&surveys, &mut diags);
    accepted.sort_by(|&a, &b| {
        let ua = surveys[a].unit.as_ref().map(|u| u.code.as_str());
        let ub = surveys[b].unit.as_ref().map(|u| u.code.as_str());
        ua.cmp(&ub)
    });
    // Before the reading diagnostics are gathered: a duplicate row's `W-QTY-EMPTY` goes with
    // it (SPEC §3: only for rows that end counted or unclassified).
    let duplicates = dedup::assets(&mut surveys, &accepted, &mut diags);
    for s in &mut surveys {
        diags.extend(std::mem::take(&mut s.diagnostics));
    }
    let accepted_set: HashSet<usize> = accepted.iter().copied().collect();
    let superseded_set: HashSet<&str> = superseded.iter().map(|x| x.file.as_str()).collect();
    let conflict_set: HashSet<&str> = conflicts
        .iter()
        .flat_map(|c| c.files.iter().map(String::as_str))
        .collect();
    let file_status = surveys
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
        .collect();

    let mut ledger = Ledger {
        files,
        units: accepted.len() as u64,
        ..Ledger::default()
    };
    let mut units = Vec::new();
    let mut unclassified = Vec::new();
    let mut assessments = Vec::with_capacity(accepted.len());
    // (usable, unusable) by unit (in `units` order) and item: `have[ui * items + item]`.
    let n_items = catalog.items.len();
    let mut have: Vec<(u64, u64)> = Vec::new();
    for &si in &accepted {
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
    have.resize(units.len() * n_items, (0, 0));
    let mut ui = 0;
    for &si in &accepted {
        let s = &surveys[si];
        if s.unit.is_none() {
            continue;
        }
        let base = ui * n_items;
        ui += 1;
        for &(item, us, un) in &s.totals {
            let Some(e) = have.get_mut(base + item) else {
                continue;
            };
            e.0 = e.0.saturating_add(us);
            e.1 = e.1.saturating_add(un);
        }
        for a in &s.assets.rows {
            let Some(e) = have.get_mut(base + a.item as usize) else {
                continue;
            };
            if a.usable {
                e.0 = e.0.saturating_add(a.quantity);
            } else {
                e.1 = e.1.saturating_add(a.quantity);
            }
        }
    }
    // Everything the lines need of the counted rows is in `have` now: let the rows go before
    // the lines are made (a national run holds hundreds of thousands of each).
    for s in &mut surveys {
        s.assets = Default::default();
        s.totals = Vec::new();
    }

    let mut lines = Vec::new();
    let requests_of = |si: usize| -> BTreeMap<usize, u64> {
        let mut m = BTreeMap::new();
        for q in &surveys[si].requests {
            *m.entry(q.item).or_insert(0u64) += q.quantity;
        }
        m
    };
    let reqs: Vec<BTreeMap<usize, u64>> = accepted.iter().map(|&si| requests_of(si)).collect();
    let unit_refs: Vec<&Unit> = accepted
        .iter()
        .filter_map(|&si| surveys[si].unit.as_ref())
        .collect();
    // Room for every line at once (at most, for site lines): growing by doubling would
    // hold one and a half times the lines for a moment.
    let site_items = catalog
        .items
        .iter()
        .filter(|it| it.basis == Basis::Site)
        .count();
    let n_sites = unit_refs
        .iter()
        .map(|u| u.site.trim())
        .collect::<HashSet<_>>()
        .len();
    let per_unit: usize = unit_refs
        .iter()
        .zip(&reqs)
        .map(|(u, rq)| {
            let own = catalog
                .items
                .iter()
                .filter(|it| it.basis != Basis::Site && it.applies_to(u.block, u.level))
                .count();
            let other = rq
                .keys()
                .filter(|&&ii| !catalog.items[ii].applies_to(u.block, u.level))
                .count();
            own + other
        })
        .sum();
    lines.reserve_exact(per_unit + n_sites * site_items);

    // Shared texts: one per unit, item and channel, however many lines name them.
    let codes: Vec<Arc<str>> = unit_refs
        .iter()
        .map(|u| Arc::from(u.code.as_str()))
        .collect();
    let site_texts: Vec<Arc<str>> = unit_refs
        .iter()
        .map(|u| Arc::from(u.site.as_str()))
        .collect();
    let alone: Vec<Arc<[Arc<str>]>> = codes.iter().map(|c| Arc::from(vec![c.clone()])).collect();
    let item_codes: Vec<Arc<str>> = catalog
        .items
        .iter()
        .map(|i| Arc::from(i.code.as_str()))
        .collect();
    let channels: Vec<Arc<str>> = catalog
        .channels
        .iter()
        .map(|c| Arc::from(c.id.as_str()))
        .collect();
    let channel_of = |id: &str| -> Arc<str> {
        channels
            .iter()
            .find(|c| &***c == id)
            .cloned()
            .unwrap_or_else(|| Arc::from(id))
    };
    let make = |oi: usize,
                site_units: Arc<[Arc<str>]>,
                item: usize,
                count: u64,
                usable: u64,
                unusable: u64,
                requested: Option<u64>| {
        let owner = unit_refs[oi];
        let it = &catalog.items[item];
        let (channel, route) = catalog.route(item, owner.block, owner.level);
        let route = route.and_then(|r| catalog.routes.iter().position(|x| std::ptr::eq(x, r)));
        let mut l = NeedLine {
            unit: codes[oi].clone(),
            site: site_texts[oi].clone(),
            site_units,
            item,
            item_code: item_codes[item].clone(),
            channel: channel_of(channel),
            route,
            block: owner.block,
            level: owner.level,
            basis_count: count,
            required: it.required_for(count),
            usable,
            unusable,
            gap: 0,
            replace: 0,
            new: 0,
            requested,
            excess: 0,
            quantity: 0,
            not_applicable: false,
        };
        l.settle();
        l
    };

    // Per-unit items, and requests of items that do not apply.
    for (ui, u) in unit_refs.iter().enumerate() {
        for (ii, it) in catalog.items.iter().enumerate() {
            if it.basis == Basis::Site || !it.applies_to(u.block, u.level) {
                continue;
            }
            let (us, un) = have.get(ui * n_items + ii).copied().unwrap_or_default();
            let n = basis_count(it.basis, u);
            lines.push(make(
                ui,
                alone[ui].clone(),
                ii,
                n,
                us,
                un,
                reqs[ui].get(&ii).copied(),
            ));
        }
        for (&ii, &q) in &reqs[ui] {
            let it = &catalog.items[ii];
            if it.applies_to(u.block, u.level) {
                continue;
            }
            let s = &surveys[accepted[ui]];
            if let Some(rq) = s.requests.iter().find(|r| r.item == ii) {
                diags.push(Diagnostic::new(
                    Code::ReqNotApplicable,
                    &s.file,
                    rq.sheet.as_deref(),
                    Some(CellRef::new(rq.row, rq.col)),
                    Msg::ReqNotApplicable {
                        item: it.code.clone(),
                    },
                ));
            }
            let mut l = make(
                ui,
                alone[ui].clone(),
                ii,
                basis_count(it.basis, u),
                0,
                0,
                Some(q),
            );
            l.required = 0;
            l.not_applicable = true;
            l.settle();
            lines.push(l);
        }
    }

    // Per-site items: once per site over the units there to which the item applies.
    let mut sites: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (ui, u) in unit_refs.iter().enumerate() {
        sites.entry(u.site.trim()).or_default().push(ui);
    }
    for members in sites.values() {
        for (ii, it) in catalog.items.iter().enumerate() {
            if it.basis != Basis::Site {
                continue;
            }
            let mut at: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&ui| it.applies_to(unit_refs[ui].block, unit_refs[ui].level))
                .collect();
            if at.is_empty() {
                continue;
            }
            at.sort_by(|&a, &b| {
                (unit_refs[a].block, &unit_refs[a].code)
                    .cmp(&(unit_refs[b].block, &unit_refs[b].code))
            });
            let (mut us, mut un, mut rq) = (0u64, 0u64, None::<u64>);
            for &ui in &at {
                let (a, b) = have.get(ui * n_items + ii).copied().unwrap_or_default();
                us = us.saturating_add(a);
                un = un.saturating_add(b);
                if let Some(q) = reqs[ui].get(&ii) {
                    rq = Some(rq.unwrap_or(0).saturating_add(*q));
                }
            }
            let site_units = if at.len() == 1 {
                alone[at[0]].clone()
            } else {
                at.iter().map(|&ui| codes[ui].clone()).collect()
            };
            lines.push(make(at[0], site_units, ii, 1, us, un, rq));
        }
    }
    // (unit, item) is unique among lines (a site line belongs to its first unit, which has
    // no line of its own for a site item), so an in-place unstable sort gives the one order.
    lines.sort_unstable_by(|a, b| {
        (&a.unit, &a.item_code, &a.site).cmp(&(&b.unit, &b.item_code, &b.site))
    });
    unclassified.sort_by(|a, b| {
        (&a.unit, &a.file, &a.sheet, a.row).cmp(&(&b.unit, &b.file, &b.sheet, b.row))
    });
    let mut duplicates = duplicates;
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
