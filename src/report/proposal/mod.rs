//! `rasoat proposal` (SPEC §8): each unit's own papers — the draft tờ trình ([`docx`]), the
//! unit's estimate in the Finance form ([`xlsx`]) and the list of them all (`proposals.json`).
//!
//! Here: the facts of one unit's proposal, gathered from the [`Estimate`] that `run` computes
//! (never a second computation), so every figure on the unit's papers is a figure of
//! `needs.json`: what the unit declared (its own counted rows, by item), its need lines, their
//! costs, what other channels provide, what it asked beyond the norm, and its `unit_totals`.

pub mod docx;
pub mod xlsx;

use crate::catalog::{Basis, Catalog, SELF};
use crate::cost::{money, Estimate, UnitTotal};
use crate::needs::{NeedLine, UnitEntry};
use foldhash::{HashMap, HashSet};
use serde::Serialize;

/// What a unit declared of one item: its own counted rows (SPEC §4 usability per row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub item: usize,
    pub counted: u64,
    pub usable: u64,
    pub unusable: u64,
}

/// The headquarters a unit named on its form, and who proposes its shared equipment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteShare {
    pub site: String,
    /// Codes of the units at the site that this run read, in owner order.
    pub units: Vec<String>,
    /// The unit whose lines hold the site's equipment (code, name); `None` when no site item
    /// applies there.
    pub owner: Option<(String, String)>,
}

/// The facts of one unit's proposal.
#[derive(Debug, Clone)]
pub struct Proposal<'a> {
    pub unit: &'a UnitEntry,
    pub totals: &'a UnitTotal,
    /// The folder under `--out` (SPEC §8's rule, made unique).
    pub folder: String,
    /// The year proposed for: `as_of + 1`.
    pub year: i32,
    /// Its counted rows by item, in catalog order.
    pub held: Vec<Held>,
    pub unclassified: u64,
    pub rejected: u64,
    /// Indices into the estimate's lines: the unit's own lines (it owns them), catalog order.
    pub lines: Vec<usize>,
    /// `Some` when the form names a headquarters other than the unit itself.
    pub site: Option<SiteShare>,
    /// `unit_totals.total` in words.
    pub in_words: String,
}

impl Proposal<'_> {
    /// The unit's lines with the estimate's money, those that `keep` selects.
    fn select(
        &self,
        est: &Estimate,
        keep: impl Fn(&NeedLine, &crate::cost::LineCost) -> bool,
    ) -> Vec<usize> {
        self.lines
            .iter()
            .copied()
            .filter(|&i| match (est.needs.lines.get(i), est.costs.get(i)) {
                (Some(l), Some(c)) => keep(l, c),
                _ => false,
            })
            .collect()
    }

    /// Part 2: `self` lines with something to buy.
    pub fn needed(&self, est: &Estimate) -> Vec<usize> {
        self.select(est, |l, _| &*l.channel == SELF && l.quantity > 0)
    }

    /// Part 3: priced `self` lines with something to buy (the unit's `unit_totals`).
    pub fn priced(&self, est: &Estimate) -> Vec<usize> {
        self.select(est, |l, c| {
            &*l.channel == SELF && l.quantity > 0 && c.total.is_some()
        })
    }

    /// Requests beyond the norm, any channel: not proposed.
    pub fn excess(&self, est: &Estimate) -> Vec<usize> {
        self.select(est, |l, _| l.excess > 0)
    }

    /// Part 4: what other channels provide.
    pub fn others(&self, est: &Estimate) -> Vec<usize> {
        self.select(est, |l, _| &*l.channel != SELF && l.quantity > 0)
    }
}

/// The folder name of a unit code (SPEC §8): the code as is when it is made of `A-Z a-z 0-9
/// . _ -` and is not `.` or `..`; otherwise every other character becomes `_` (and `.`, `..`
/// become `_`, `__`). Cut to 100 characters, so a hostile code cannot make a name the file
/// system refuses.
pub fn folder_name(code: &str) -> String {
    const MAX: usize = 100;
    let name: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .take(MAX)
        .collect();
    if name.is_empty() || name.chars().all(|c| c == '.') {
        "_".repeat(name.len().max(1))
    } else {
        name
    }
}

/// Folder names for `codes` (sorted), unique even on file systems that ignore case: the
/// first unit of a clash keeps the name, the next get `-2`, `-3` … (a suffix no other unit's
/// name takes).
pub fn folder_names<'c>(codes: impl IntoIterator<Item = &'c str>) -> Vec<String> {
    let base: Vec<String> = codes.into_iter().map(folder_name).collect();
    let mut taken: HashSet<String> = HashSet::default();
    let mut seen: HashSet<String> = HashSet::default();
    let wanted: HashSet<String> = base.iter().map(|b| b.to_ascii_lowercase()).collect();
    base.into_iter()
        .map(|b| {
            let key = b.to_ascii_lowercase();
            if seen.insert(key.clone()) {
                taken.insert(key);
                return b;
            }
            let mut k = 2u64;
            loop {
                let name = format!("{b}-{k}");
                let key = name.to_ascii_lowercase();
                if !wanted.contains(&key) && taken.insert(key) {
                    return name;
                }
                k += 1;
            }
        })
        .collect()
}

/// The proposals of the units `only` names (every accepted unit when `None`), in unit order.
/// Every name must be an accepted unit's code (compared trimmed): `Err` names the first that
/// is not.
pub fn gather<'a>(
    est: &'a Estimate,
    catalog: &Catalog,
    only: Option<&[String]>,
) -> Result<Vec<Proposal<'a>>, String> {
    let n = &est.needs;
    let index: HashMap<&str, usize> = n
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.unit.code.as_str(), i))
        .collect();
    let chosen: Vec<usize> = match only {
        None => (0..n.units.len()).collect(),
        Some(codes) => {
            let mut v = Vec::with_capacity(codes.len());
            for c in codes {
                match index.get(c.trim()) {
                    Some(&i) => v.push(i),
                    None => return Err(c.clone()),
                }
            }
            v.sort_unstable();
            v.dedup();
            v
        }
    };
    // Folder names are made over every accepted unit, so a unit's folder does not depend on
    // which others `--unit` names.
    let folders = folder_names(n.units.iter().map(|u| u.unit.code.as_str()));
    let wanted: HashSet<usize> = chosen.iter().copied().collect();
    // The counted rows of the chosen units, by item.
    let mut held: HashMap<usize, Vec<Held>> = HashMap::default();
    for a in n.assessments.iter() {
        let ui = a.source as usize;
        if !wanted.contains(&ui) {
            continue;
        }
        let v = held.entry(ui).or_default();
        let h = match v.iter_mut().find(|h| h.item == a.item) {
            Some(h) => h,
            None => {
                v.push(Held {
                    item: a.item,
                    counted: 0,
                    usable: 0,
                    unusable: 0,
                });
                let last = v.len() - 1;
                &mut v[last]
            }
        };
        h.counted = h.counted.saturating_add(a.quantity);
        if a.usable() {
            h.usable = h.usable.saturating_add(a.quantity);
        } else {
            h.unusable = h.unusable.saturating_add(a.quantity);
        }
    }
    // Lines are sorted by unit: each unit's lines are one run.
    let mut lines: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, l) in n.lines.iter().enumerate() {
        lines.entry(&*l.unit).or_default().push(i);
    }
    let ledgers: HashMap<&str, &crate::read::Ledger> = n
        .files
        .iter()
        .map(|f| (f.file.as_str(), &f.ledger))
        .collect();
    let sites = Sites::new(est, catalog);
    let mut out = Vec::with_capacity(chosen.len());
    for ui in chosen {
        let (Some(u), Some(t), Some(folder)) =
            (n.units.get(ui), est.unit_totals.get(ui), folders.get(ui))
        else {
            continue;
        };
        let mut own = lines.remove(u.unit.code.as_str()).unwrap_or_default();
        own.sort_by_key(|&i| (n.lines[i].item, i));
        let mut h = held.remove(&ui).unwrap_or_default();
        h.sort_by_key(|h| h.item);
        let ledger = ledgers.get(u.file.as_str());
        out.push(Proposal {
            unit: u,
            totals: t,
            folder: folder.clone(),
            year: n.as_of.saturating_add(1),
            held: h,
            unclassified: ledger.map_or(0, |l| l.unclassified),
            rejected: ledger.map_or(0, |l| l.rejected),
            lines: own,
            site: sites.share(est, &index, u),
            in_words: money::words(t.total),
        });
    }
    Ok(out)
}

/// Who is at each headquarters, for [`SiteShare`]: the units (by trimmed site code) and the
/// lines of site items, each looked up once.
struct Sites<'a> {
    units: HashMap<&'a str, Vec<usize>>,
    lines: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Sites<'a> {
    fn new(est: &'a Estimate, catalog: &Catalog) -> Sites<'a> {
        let n = &est.needs;
        let mut units: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, u) in n.units.iter().enumerate() {
            units.entry(u.unit.site.trim()).or_default().push(i);
        }
        let mut lines: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, l) in n.lines.iter().enumerate() {
            if catalog
                .items
                .get(l.item)
                .is_some_and(|it| it.basis == Basis::Site)
            {
                lines.entry(l.site.trim()).or_default().push(i);
            }
        }
        Sites { units, lines }
    }

    /// The headquarters the form names, when it is not the unit itself: who else this run
    /// read there, and who owns its shared equipment.
    fn share(
        &self,
        est: &Estimate,
        index: &HashMap<&str, usize>,
        u: &UnitEntry,
    ) -> Option<SiteShare> {
        let site = u.unit.site.trim();
        if site == u.unit.code.trim() {
            return None;
        }
        let n = &est.needs;
        let line = self
            .lines
            .get(site)
            .into_iter()
            .flatten()
            .filter_map(|&i| n.lines.get(i))
            .find(|l| l.site_units.iter().any(|c| **c == *u.unit.code));
        let (units, owner) = match line {
            Some(l) => (
                l.site_units.iter().map(|c| c.to_string()).collect(),
                index
                    .get(&*l.unit)
                    .and_then(|&i| n.units.get(i))
                    .map(|o| (o.unit.code.clone(), o.unit.name.clone())),
            ),
            None => (
                self.units
                    .get(site)
                    .into_iter()
                    .flatten()
                    .filter_map(|&i| n.units.get(i))
                    .map(|x| x.unit.code.clone())
                    .collect(),
                None,
            ),
        };
        Some(SiteShare {
            site: site.to_string(),
            units,
            owner,
        })
    }
}

/// A fixed creation time as documents write it: `2025-12-01T00:00:00Z`.
pub fn iso_time(c: crate::report::Created) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.y, c.m, c.d, c.hh, c.mm, c.ss
    )
}

/// One entry of `proposals.json`.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    unit: &'a str,
    folder: &'a str,
    total: String,
    in_words: &'a str,
}

/// `proposals.json`: `[{"unit","folder","total","in_words"}]`, sorted by unit, one entry a line.
pub fn proposals_json(props: &[Proposal<'_>]) -> String {
    let mut s = String::from("[");
    for (i, p) in props.iter().enumerate() {
        let e = Entry {
            unit: &p.unit.unit.code,
            folder: &p.folder,
            total: money::to_string(p.totals.total),
            in_words: &p.in_words,
        };
        s.push_str(if i == 0 { "\n  " } else { ",\n  " });
        s.push_str(&serde_json::to_string(&e).unwrap_or_default());
    }
    s.push_str(if props.is_empty() { "]\n" } else { "\n]\n" });
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_follow_spec_and_stay_unique() {
        assert_eq!(folder_name("DU-P-BENNGHE"), "DU-P-BENNGHE");
        assert_eq!(folder_name("a.b_c-1"), "a.b_c-1");
        assert_eq!(folder_name("ĐU/01 X"), "_U_01_X");
        assert_eq!(folder_name("."), "_");
        assert_eq!(folder_name(".."), "__");
        assert_eq!(folder_name("../x"), ".._x");
        assert_eq!(folder_name(&"A".repeat(300)).len(), 100);
        let got = folder_names(["A B", "A_B", "a_b", "A_B-2", "ĐU"]);
        assert_eq!(got, ["A_B", "A_B-3", "a_b-4", "A_B-2", "_U"]);
    }

    #[test]
    fn creation_time_as_documents_write_it() {
        let c = crate::report::Created {
            y: 2025,
            m: 12,
            d: 1,
            hh: 7,
            mm: 5,
            ss: 9,
        };
        assert_eq!(iso_time(c), "2025-12-01T07:05:09Z");
    }
}
