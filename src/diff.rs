//! What changed between two rounds (SPEC §10): two needs.json files compared unit by unit and
//! line by line, and their totals side by side. Pure: [`diff`] takes two [`NeedsFile`]s and
//! returns a [`Diff`] that serialises exactly as `rasoat diff --format json` prints it; the
//! terminal table and the Finance workbook (`report::diff_table`, `report::diff_xlsx`) render
//! the same value.
//!
//! Units are matched by `code`, lines by (`unit`, `item`); both files are walked once in sorted
//! order, so a national pair (2 × 25,000 units, a million lines) takes a fraction of a second.

use crate::catalog::Block;
use crate::cost::money;
use crate::needs_json::{CatalogRef, Line, NeedsFile, Unit, UnitTotal};
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::ops::Range;

/// The comparison of OLD with NEW.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff<'a> {
    pub old: Side<'a>,
    pub new: Side<'a>,
    /// Added, removed and changed units, by code.
    pub units: Vec<UnitDiff<'a>>,
    pub totals: TotalsDiff<'a>,
    pub summary: Summary,
}

/// Which catalog a file was made with, and as of which year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side<'a> {
    pub catalog: CatalogJson<'a>,
    pub as_of: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogJson<'a> {
    pub name: &'a str,
    pub effective: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Changed,
}

/// A unit that is added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitDiff<'a> {
    pub code: &'a str,
    pub status: Status,
    #[serde(serialize_with = "opt_money")]
    pub old_total: Option<Decimal>,
    #[serde(serialize_with = "opt_money")]
    pub new_total: Option<Decimal>,
    #[serde(serialize_with = "money_str")]
    pub delta_total: Decimal,
    /// Which of `staff, leaders, revision, file, total` differ (`[]` when added or removed).
    pub fields: Vec<&'static str>,
    /// Added, removed and changed lines, by item.
    pub lines: Vec<LineDiff<'a>>,
    /// The unit as OLD and NEW have it (for the renderers: names, staff, revisions).
    #[serde(skip)]
    pub old_unit: Option<&'a Unit>,
    #[serde(skip)]
    pub new_unit: Option<&'a Unit>,
}

impl UnitDiff<'_> {
    /// The unit's name as NEW has it, else as OLD had it.
    pub fn name(&self) -> &str {
        self.new_unit
            .or(self.old_unit)
            .map_or("", |u| u.name.as_str())
    }
}

/// A line that is added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineDiff<'a> {
    pub item: &'a str,
    pub status: Status,
    /// Which of [`LINE_FIELDS`] differ (`[]` when added or removed).
    pub fields: Vec<&'static str>,
    pub old_quantity: Option<u64>,
    pub new_quantity: Option<u64>,
    pub delta_quantity: i128,
    #[serde(serialize_with = "opt_money")]
    pub old_total: Option<Decimal>,
    #[serde(serialize_with = "opt_money")]
    pub new_total: Option<Decimal>,
    #[serde(serialize_with = "money_str")]
    pub delta_total: Decimal,
    pub old_channel: Option<&'a str>,
    pub new_channel: Option<&'a str>,
}

/// Old, new and their difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Change {
    #[serde(serialize_with = "money_str")]
    pub old: Decimal,
    #[serde(serialize_with = "money_str")]
    pub new: Decimal,
    #[serde(serialize_with = "money_str")]
    pub delta: Decimal,
}

impl Change {
    fn of(old: Decimal, new: Decimal) -> Change {
        Change {
            old,
            new,
            delta: minus(new, old),
        }
    }
}

/// `totals`: the program's estimate, by block, by channel (each map in its order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalsDiff<'a> {
    #[serde(rename = "self")]
    pub self_: Change,
    #[serde(serialize_with = "ordered")]
    pub by_block: Vec<(Block, Change)>,
    #[serde(serialize_with = "ordered")]
    pub by_channel: Vec<(&'a str, Change)>,
}

impl TotalsDiff<'_> {
    /// Whether any total moved.
    pub fn moved(&self) -> bool {
        std::iter::once(&self.self_)
            .chain(self.by_block.iter().map(|(_, c)| c))
            .chain(self.by_channel.iter().map(|(_, c)| c))
            .any(|c| !c.delta.is_zero())
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub units_added: u64,
    pub units_removed: u64,
    pub units_changed: u64,
    pub lines_added: u64,
    pub lines_removed: u64,
    pub lines_changed: u64,
}

impl Diff<'_> {
    /// diff(1)'s answer: a unit differs or a total moved (exit 1), or not (exit 0).
    pub fn differs(&self) -> bool {
        !self.units.is_empty() || self.totals.moved()
    }

    /// The two files were made with different catalogs (name or effective date).
    pub fn catalogs_differ(&self) -> bool {
        self.old.catalog != self.new.catalog
    }

    /// The two files count ages as of different years.
    pub fn years_differ(&self) -> bool {
        self.old.as_of != self.new.as_of
    }
}

/// The line fields that make a line `changed`, in the order `fields` lists them.
pub const LINE_FIELDS: [&str; 12] = [
    "required",
    "usable",
    "unusable",
    "gap",
    "replace",
    "new",
    "requested",
    "excess",
    "quantity",
    "channel",
    "unit_price",
    "total",
];

/// The unit fields that make a unit `changed` (besides its lines), in the order `fields`
/// lists them; `total` is its `unit_totals.total`.
pub const UNIT_FIELDS: [&str; 5] = ["staff", "leaders", "revision", "file", "total"];

/// Compare OLD with NEW (SPEC §10).
pub fn diff<'a>(old: &'a NeedsFile, new: &'a NeedsFile) -> Diff<'a> {
    let (o, n) = (Round::of(old), Round::of(new));
    let mut units = Vec::new();
    let mut summary = Summary::default();
    let (mut i, mut j) = (0, 0);
    while i < o.units.len() || j < n.units.len() {
        let ou = o.units.get(i);
        let nu = n.units.get(j);
        let (a, b) = match (ou, nu) {
            (Some(a), Some(b)) if a.0.code == b.0.code => (Some(a), Some(b)),
            (Some(a), Some(b)) if a.0.code < b.0.code => (Some(a), None),
            (Some(a), None) => (Some(a), None),
            (_, b) => (None, b),
        };
        i += usize::from(a.is_some());
        j += usize::from(b.is_some());
        if let Some(u) = unit_diff(&o, a, &n, b, &mut summary) {
            units.push(u);
        }
    }
    let self_ = Change::of(old.totals.self_.total, new.totals.self_.total);
    let by_block = side_by_side(&old.totals.by_block, &new.totals.by_block);
    let channels = |f: &'a NeedsFile| -> Vec<(&'a str, Decimal)> {
        f.totals
            .by_channel
            .iter()
            .map(|c| (c.channel.as_str(), c.total))
            .collect()
    };
    let by_channel = side_by_side(&channels(old), &channels(new));
    Diff {
        old: side(old),
        new: side(new),
        units,
        totals: TotalsDiff {
            self_,
            by_block,
            by_channel,
        },
        summary,
    }
}

fn side(f: &NeedsFile) -> Side<'_> {
    let CatalogRef { name, effective } = &f.catalog;
    Side {
        catalog: CatalogJson { name, effective },
        as_of: f.as_of,
    }
}

/// The keys of OLD in their order, then those only NEW has; a key a file lacks reads 0.
fn side_by_side<K: PartialEq + Copy>(
    old: &[(K, Decimal)],
    new: &[(K, Decimal)],
) -> Vec<(K, Change)> {
    let value = |v: &[(K, Decimal)], k: K| {
        v.iter()
            .find(|(x, _)| *x == k)
            .map_or(Decimal::ZERO, |(_, d)| *d)
    };
    let mut keys: Vec<K> = Vec::new();
    for (k, _) in old.iter().chain(new) {
        if !keys.contains(k) {
            keys.push(*k);
        }
    }
    keys.into_iter()
        .map(|k| (k, Change::of(value(old, k), value(new, k))))
        .collect()
}

/// One file's units and lines in sorted order: units by code, each with its lines by item.
struct Round<'a> {
    /// Each unit with its `unit_totals` entry and the range of its lines in `lines`.
    units: Vec<(&'a Unit, Option<&'a UnitTotal>, Range<usize>)>,
    lines: Vec<&'a Line>,
}

impl<'a> Round<'a> {
    fn of(f: &'a NeedsFile) -> Round<'a> {
        let mut lines: Vec<&Line> = f.lines.iter().collect();
        // Already in this order in a file `run` wrote; the sort then costs one pass.
        lines.sort_by(|a, b| (&a.unit, &a.item).cmp(&(&b.unit, &b.item)));
        let mut totals: foldhash::HashMap<&str, &UnitTotal> = foldhash::HashMap::default();
        for t in &f.unit_totals {
            totals.entry(t.unit.as_str()).or_insert(t);
        }
        let mut units: Vec<&Unit> = f.units.iter().collect();
        units.sort_by(|a, b| a.code.cmp(&b.code));
        // The sorted lines come in runs, one per unit, in the units' order. A line naming no
        // unit of `units` (the reader refuses such files) is passed over.
        let mut at = 0;
        let units = units
            .into_iter()
            .map(|u| {
                while lines.get(at).is_some_and(|l| l.unit < u.code) {
                    at += 1;
                }
                let start = at;
                while lines.get(at).is_some_and(|l| l.unit == u.code) {
                    at += 1;
                }
                (u, totals.get(u.code.as_str()).copied(), start..at)
            })
            .collect();
        Round { units, lines }
    }

    fn lines_of(&self, r: &Range<usize>) -> &[&'a Line] {
        self.lines.get(r.clone()).unwrap_or(&[])
    }
}

type UnitAt<'r, 'a> = &'r (&'a Unit, Option<&'a UnitTotal>, Range<usize>);

/// The difference of one unit, `None` when it is unchanged.
fn unit_diff<'a>(
    o: &Round<'a>,
    a: Option<UnitAt<'_, 'a>>,
    n: &Round<'a>,
    b: Option<UnitAt<'_, 'a>>,
    summary: &mut Summary,
) -> Option<UnitDiff<'a>> {
    let old_lines = a.map_or(&[][..], |u| o.lines_of(&u.2));
    let new_lines = b.map_or(&[][..], |u| n.lines_of(&u.2));
    let lines = line_diffs(old_lines, new_lines);
    let old_total = a.and_then(|u| u.1).map(|t| t.total);
    let new_total = b.and_then(|u| u.1).map(|t| t.total);
    let (status, fields) = match (a, b) {
        (Some(_), None) => (Status::Removed, Vec::new()),
        (None, Some(_)) => (Status::Added, Vec::new()),
        (Some(x), Some(y)) => {
            let (x, y) = (x.0, y.0);
            let differ = [
                x.staff != y.staff,
                x.leaders != y.leaders,
                x.revision != y.revision,
                x.file != y.file,
                old_total != new_total,
            ];
            let fields: Vec<&'static str> = UNIT_FIELDS
                .iter()
                .zip(differ)
                .filter(|(_, d)| *d)
                .map(|(f, _)| *f)
                .collect();
            if fields.is_empty() && lines.is_empty() {
                return None;
            }
            (Status::Changed, fields)
        }
        (None, None) => return None,
    };
    match status {
        Status::Added => summary.units_added += 1,
        Status::Removed => summary.units_removed += 1,
        Status::Changed => summary.units_changed += 1,
    }
    for l in &lines {
        match l.status {
            Status::Added => summary.lines_added += 1,
            Status::Removed => summary.lines_removed += 1,
            Status::Changed => summary.lines_changed += 1,
        }
    }
    let code = a.or(b).map_or("", |u| u.0.code.as_str());
    Some(UnitDiff {
        code,
        status,
        old_total,
        new_total,
        delta_total: minus(or_zero(new_total), or_zero(old_total)),
        fields,
        lines,
        old_unit: a.map(|u| u.0),
        new_unit: b.map(|u| u.0),
    })
}

/// The added, removed and changed lines of one unit, both lists sorted by item.
fn line_diffs<'a>(old: &[&'a Line], new: &[&'a Line]) -> Vec<LineDiff<'a>> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        let (a, b) = match (old.get(i).copied(), new.get(j).copied()) {
            (Some(a), Some(b)) if a.item == b.item => (Some(a), Some(b)),
            (Some(a), Some(b)) if a.item < b.item => (Some(a), None),
            (Some(a), None) => (Some(a), None),
            (_, b) => (None, b),
        };
        i += usize::from(a.is_some());
        j += usize::from(b.is_some());
        let (status, fields) = match (a, b) {
            (Some(x), Some(y)) => {
                let fields = changed_fields(x, y);
                if fields.is_empty() {
                    continue;
                }
                (Status::Changed, fields)
            }
            (Some(_), None) => (Status::Removed, Vec::new()),
            (None, Some(_)) => (Status::Added, Vec::new()),
            (None, None) => continue,
        };
        let q = |l: Option<&Line>| l.map(|l| l.quantity);
        let t = |l: Option<&Line>| l.and_then(|l| l.total);
        out.push(LineDiff {
            item: a.or(b).map_or("", |l| l.item.as_str()),
            status,
            fields,
            old_quantity: q(a),
            new_quantity: q(b),
            delta_quantity: i128::from(q(b).unwrap_or(0)) - i128::from(q(a).unwrap_or(0)),
            old_total: t(a),
            new_total: t(b),
            delta_total: minus(or_zero(t(b)), or_zero(t(a))),
            old_channel: a.map(|l| l.channel.as_str()),
            new_channel: b.map(|l| l.channel.as_str()),
        });
    }
    out
}

/// Which of [`LINE_FIELDS`] differ between two lines (as JSON values: `null` is not `0`).
fn changed_fields(a: &Line, b: &Line) -> Vec<&'static str> {
    let differ = [
        a.required != b.required,
        a.usable != b.usable,
        a.unusable != b.unusable,
        a.gap != b.gap,
        a.replace != b.replace,
        a.new != b.new,
        a.requested != b.requested,
        a.excess != b.excess,
        a.quantity != b.quantity,
        a.channel != b.channel,
        a.unit_price != b.unit_price,
        a.total != b.total,
    ];
    LINE_FIELDS
        .iter()
        .zip(differ)
        .filter(|(_, d)| *d)
        .map(|(f, _)| *f)
        .collect()
}

fn or_zero(d: Option<Decimal>) -> Decimal {
    d.unwrap_or(Decimal::ZERO)
}

/// `a − b`. Amounts hold at most 28 digits, so the difference always fits; the fallback only
/// keeps the function total.
fn minus(a: Decimal, b: Decimal) -> Decimal {
    a.checked_sub(b).unwrap_or(Decimal::MAX)
}

fn money_str<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&money::to_string(*d))
}

fn opt_money<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => money_str(d, s),
        None => s.serialize_none(),
    }
}

fn ordered<S: Serializer, K: Serialize>(v: &[(K, Change)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(v.len()))?;
    for (k, c) in v {
        m.serialize_entry(k, c)?;
    }
    m.end()
}

#[cfg(test)]
mod tests;
