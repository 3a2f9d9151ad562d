//! The need lines (SPEC §4), step by step as SPEC gives them: what each unit has that is usable
//! or not ([`Have`]), each applicable item's requirement by its basis ([`basis_count`]), then
//! gap, replacement and new purchases and the request ([`NeedLine::settle`]), the line per unit
//! and the extra line for a request of an item that does not apply ([`unit_lines`]), the line
//! per site over the units sharing it ([`site_lines`]), and the channel each line is routed to
//! ([`Maker::line`]).

use super::{Condensed, NeedLine};
use crate::catalog::{Basis, Catalog};
use crate::diag::{CellRef, Code, Diagnostic, Msg};
use crate::read::Unit;
use foldhash::HashSet;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Usable and unusable quantities per accepted unit (in code order) and item:
/// `have[unit × items + item]`.
pub(super) struct Have {
    counts: Vec<(u64, u64)>,
    items: usize,
}

impl Have {
    /// Sum the counted rows of the accepted submissions (the rows' verdicts were made when the
    /// surveys were condensed: condition, useful life, minimum configuration).
    pub(super) fn count(surveys: &[Condensed], accepted: &[usize], items: usize) -> Have {
        let units = accepted
            .iter()
            .filter(|&&si| surveys[si].unit.is_some())
            .count();
        let mut counts = vec![(0u64, 0u64); units * items];
        let with_unit = accepted.iter().filter(|&&si| surveys[si].unit.is_some());
        for (ui, &si) in with_unit.enumerate() {
            let s = &surveys[si];
            let base = ui * items;
            for &(item, us, un) in &s.totals {
                let Some(e) = counts.get_mut(base + item) else {
                    continue;
                };
                e.0 = e.0.saturating_add(us);
                e.1 = e.1.saturating_add(un);
            }
            for a in &s.assets.rows {
                let Some(e) = counts.get_mut(base + a.item as usize) else {
                    continue;
                };
                if a.usable {
                    e.0 = e.0.saturating_add(a.quantity);
                } else {
                    e.1 = e.1.saturating_add(a.quantity);
                }
            }
        }
        Have { counts, items }
    }

    /// (usable, unusable) of unit `ui` for item `ii`.
    fn of(&self, ui: usize, ii: usize) -> (u64, u64) {
        self.counts
            .get(ui * self.items + ii)
            .copied()
            .unwrap_or_default()
    }
}

/// The count an item's norm applies to: staff, leaders, or one per unit or site.
pub(super) fn basis_count(basis: Basis, u: &Unit) -> u64 {
    match basis {
        Basis::Staff => u.staff,
        Basis::Leader => u.leaders,
        Basis::Unit | Basis::Site => 1,
    }
}

/// Every need line of the accepted units, unsorted: per unit, then per site.
pub(super) fn need_lines(
    surveys: &[Condensed],
    accepted: &[usize],
    have: &Have,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Vec<NeedLine> {
    // Several requests of one item add up (SPEC §3).
    let reqs: Vec<BTreeMap<usize, u64>> = accepted
        .iter()
        .map(|&si| {
            let mut m = BTreeMap::new();
            for q in &surveys[si].requests {
                *m.entry(q.item).or_insert(0u64) += q.quantity;
            }
            m
        })
        .collect();
    let units: Vec<&Unit> = accepted
        .iter()
        .filter_map(|&si| surveys[si].unit.as_ref())
        .collect();
    let maker = Maker::new(&units, catalog);
    let mut lines = Vec::with_capacity(capacity(&units, &reqs, catalog));
    unit_lines(
        &maker,
        have,
        &reqs,
        |ui| &surveys[accepted[ui]],
        &mut lines,
        diags,
    );
    site_lines(&maker, have, &reqs, &mut lines);
    lines
}

/// Room for every line at once (at most, for site lines): growing by doubling would hold one
/// and a half times the lines for a moment.
fn capacity(units: &[&Unit], reqs: &[BTreeMap<usize, u64>], catalog: &Catalog) -> usize {
    let site_items = catalog
        .items
        .iter()
        .filter(|it| it.basis == Basis::Site)
        .count();
    let n_sites = units
        .iter()
        .map(|u| u.site.trim())
        .collect::<HashSet<_>>()
        .len();
    let per_unit: usize = units
        .iter()
        .zip(reqs)
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
    per_unit + n_sites * site_items
}

/// Makes lines, sharing their texts: one per unit, item and channel, however many lines name
/// them (a national run has hundreds of thousands of lines).
struct Maker<'a> {
    units: &'a [&'a Unit],
    catalog: &'a Catalog,
    codes: Vec<Arc<str>>,
    sites: Vec<Arc<str>>,
    /// Each unit's `site_units` when it is alone: just its code.
    alone: Vec<Arc<[Arc<str>]>>,
    item_codes: Vec<Arc<str>>,
    channels: Vec<Arc<str>>,
}

impl<'a> Maker<'a> {
    fn new(units: &'a [&'a Unit], catalog: &'a Catalog) -> Maker<'a> {
        let codes: Vec<Arc<str>> = units.iter().map(|u| Arc::from(u.code.as_str())).collect();
        Maker {
            units,
            catalog,
            sites: units.iter().map(|u| Arc::from(u.site.as_str())).collect(),
            alone: codes.iter().map(|c| Arc::from(vec![c.clone()])).collect(),
            codes,
            item_codes: catalog
                .items
                .iter()
                .map(|i| Arc::from(i.code.as_str()))
                .collect(),
            channels: catalog
                .channels
                .iter()
                .map(|c| Arc::from(c.id.as_str()))
                .collect(),
        }
    }

    fn channel(&self, id: &str) -> Arc<str> {
        self.channels
            .iter()
            .find(|c| &***c == id)
            .cloned()
            .unwrap_or_else(|| Arc::from(id))
    }

    /// The line of item `item` owned by unit `oi`: `required` from the norm applied to
    /// `count`, the counts it has, the request, and the channel routing.csv gives for the
    /// owner's block and level (SPEC §2 routing, first matching row).
    fn line(&self, oi: usize, site_units: Arc<[Arc<str>]>, item: usize, have: Counts) -> NeedLine {
        let owner = self.units[oi];
        let it = &self.catalog.items[item];
        let (channel, route) = self.catalog.route(item, owner.block, owner.level);
        let route = route.and_then(|r| self.catalog.routes.iter().position(|x| std::ptr::eq(x, r)));
        let mut l = NeedLine {
            unit: self.codes[oi].clone(),
            site: self.sites[oi].clone(),
            site_units,
            item,
            item_code: self.item_codes[item].clone(),
            channel: self.channel(channel),
            route,
            block: owner.block,
            level: owner.level,
            basis_count: have.basis,
            required: it.required_for(have.basis),
            usable: have.usable,
            unusable: have.unusable,
            gap: 0,
            replace: 0,
            new: 0,
            requested: have.requested,
            excess: 0,
            quantity: 0,
            not_applicable: false,
        };
        l.settle();
        l
    }
}

/// What a line starts from: the count the norm applies to, what is there, what is asked.
struct Counts {
    basis: u64,
    usable: u64,
    unusable: u64,
    requested: Option<u64>,
}

/// Per unit, a line for each item of basis staff, leader or unit that applies to its block and
/// level, and an extra line (`W-REQ-NOT-APPLICABLE`) for each request of an item that does not
/// apply: everything zero but the request, which is all excess.
fn unit_lines<'s>(
    m: &Maker<'_>,
    have: &Have,
    reqs: &[BTreeMap<usize, u64>],
    survey: impl Fn(usize) -> &'s Condensed,
    lines: &mut Vec<NeedLine>,
    diags: &mut Vec<Diagnostic>,
) {
    for (ui, u) in m.units.iter().enumerate() {
        for (ii, it) in m.catalog.items.iter().enumerate() {
            if it.basis == Basis::Site || !it.applies_to(u.block, u.level) {
                continue;
            }
            let (usable, unusable) = have.of(ui, ii);
            let counts = Counts {
                basis: basis_count(it.basis, u),
                usable,
                unusable,
                requested: reqs[ui].get(&ii).copied(),
            };
            lines.push(m.line(ui, m.alone[ui].clone(), ii, counts));
        }
        for (&ii, &q) in &reqs[ui] {
            let it = &m.catalog.items[ii];
            if it.applies_to(u.block, u.level) {
                continue;
            }
            let s = survey(ui);
            // Once per item, at its first row (SPEC §3).
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
            let counts = Counts {
                basis: basis_count(it.basis, u),
                usable: 0,
                unusable: 0,
                requested: Some(q),
            };
            let mut l = m.line(ui, m.alone[ui].clone(), ii, counts);
            l.required = 0;
            l.not_applicable = true;
            l.settle();
            lines.push(l);
        }
    }
}

/// Per site (site codes compared trimmed), a line for each item of basis site over the units
/// there to which it applies: their usable, unusable and requested quantities summed, owned by
/// the first of them in (block, code) order, whose block and level route it.
fn site_lines(
    m: &Maker<'_>,
    have: &Have,
    reqs: &[BTreeMap<usize, u64>],
    lines: &mut Vec<NeedLine>,
) {
    let units = m.units;
    let mut sites: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (ui, u) in units.iter().enumerate() {
        sites.entry(u.site.trim()).or_default().push(ui);
    }
    for members in sites.values() {
        for (ii, it) in m.catalog.items.iter().enumerate() {
            if it.basis != Basis::Site {
                continue;
            }
            let mut at: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&ui| it.applies_to(units[ui].block, units[ui].level))
                .collect();
            if at.is_empty() {
                continue;
            }
            at.sort_by(|&a, &b| {
                (units[a].block, &units[a].code).cmp(&(units[b].block, &units[b].code))
            });
            let mut counts = Counts {
                basis: 1,
                usable: 0,
                unusable: 0,
                requested: None,
            };
            for &ui in &at {
                let (a, b) = have.of(ui, ii);
                counts.usable = counts.usable.saturating_add(a);
                counts.unusable = counts.unusable.saturating_add(b);
                if let Some(q) = reqs[ui].get(&ii) {
                    counts.requested = Some(counts.requested.unwrap_or(0).saturating_add(*q));
                }
            }
            let site_units = if at.len() == 1 {
                m.alone[at[0]].clone()
            } else {
                at.iter().map(|&ui| m.codes[ui].clone()).collect()
            };
            lines.push(m.line(at[0], site_units, ii, counts));
        }
    }
}
