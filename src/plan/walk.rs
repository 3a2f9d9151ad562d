//! The yearly walk of SPEC §11 step 3, and the roadmap it gives.
//!
//! A year's total is §5 money over the year's quantities: VAT per (unit, item), contingency per
//! unit. Taking `k` devices of an entry changes only its (unit, item) and its unit, so the
//! year's new total is the old one less that unit's share plus its new share: no entry ever
//! recomputes the year. The total only grows with `k` (amount, rounded VAT and rounded
//! contingency all do), so the largest `k` that fits is found by bisection, between 0 and the
//! devices whose bare price fits in what is left. Exact decimals throughout.

use super::{
    Demand, Plan, PlanError, PlanLine, PlanTotals, Request, Unfunded, UnitYear, YearTotal, Years,
};
use crate::catalog::{Catalog, Price};
use crate::cost::money::plus;
use crate::cost::{contingency_on, cost_at};
use rust_decimal::Decimal;

/// One (tier, line) of SPEC §11 step 2: `tier` 0 replaces unusable devices, 1 buys new ones.
#[derive(Debug, Clone, Copy)]
struct Entry {
    demand: usize,
    tier: usize,
}

/// What one year has bought so far.
struct Year<'a> {
    req: &'a Request,
    catalog: &'a Catalog,
    prices: &'a [&'a Price],
    /// Per demand: devices bought this year, and their §5 total.
    qty: Vec<u64>,
    line_total: Vec<Decimal>,
    /// Per demand: devices of each tier bought this year.
    tiers: Vec<[u64; 2]>,
    /// Per unit: Σ its lines' totals, and its contingency on that sum.
    sum: Vec<Decimal>,
    contingency: Vec<Decimal>,
    total: Decimal,
}

/// The effect on a year of buying more of one demand.
struct Step {
    line_total: Decimal,
    sum: Decimal,
    contingency: Decimal,
    total: Decimal,
}

impl<'a> Year<'a> {
    fn new(req: &'a Request, catalog: &'a Catalog, prices: &'a [&'a Price]) -> Year<'a> {
        let (n, u) = (req.demands.len(), req.units.len());
        Year {
            req,
            catalog,
            prices,
            qty: vec![0; n],
            line_total: vec![Decimal::ZERO; n],
            tiers: vec![[0; 2]; n],
            sum: vec![Decimal::ZERO; u],
            contingency: vec![Decimal::ZERO; u],
            total: Decimal::ZERO,
        }
    }

    /// The year with `k` more devices of demand `i`; `None` when a figure cannot be computed
    /// (far beyond any budget).
    fn with(&self, i: usize, k: u64) -> Option<Step> {
        let d = &self.req.demands[i];
        let q = self.qty[i].checked_add(k)?;
        let line_total = cost_at(q, d.unit_price, self.prices[i], self.catalog)?.total?;
        let sum = self.sum[d.unit]
            .checked_sub(self.line_total[i])?
            .checked_add(line_total)?;
        let contingency = contingency_on(sum, self.catalog)?;
        let total = self
            .total
            .checked_sub(self.sum[d.unit])?
            .checked_sub(self.contingency[d.unit])?
            .checked_add(sum)?
            .checked_add(contingency)?;
        Some(Step {
            line_total,
            sum,
            contingency,
            total,
        })
    }

    /// The largest `k ≤ most` whose year stays within `budget`, with its step.
    fn largest_fit(&self, i: usize, most: u64, budget: Decimal) -> Option<(u64, Step)> {
        let fits = |k: u64| self.with(i, k).filter(|s| s.total <= budget);
        if let Some(s) = fits(most) {
            return Some((most, s));
        }
        // fits(lo) holds (or lo = 0, which changes nothing); fits(hi) does not.
        let (mut lo, mut hi, mut best) = (0u64, most, None);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            match fits(mid) {
                Some(s) => {
                    lo = mid;
                    best = Some(s);
                }
                None => hi = mid,
            }
        }
        best.map(|s| (lo, s))
    }

    fn take(&mut self, e: Entry, k: u64, s: Step) {
        let unit = self.req.demands[e.demand].unit;
        self.qty[e.demand] += k;
        self.tiers[e.demand][e.tier] += k;
        self.line_total[e.demand] = s.line_total;
        self.sum[unit] = s.sum;
        self.contingency[unit] = s.contingency;
        self.total = s.total;
    }
}

/// Steps 1 and 2: every priced line with something to buy as its tier-1 and tier-2 entries,
/// in the order tier, item priority, item code, unit (block, level, code).
fn entries(req: &Request, catalog: &Catalog) -> (Vec<Entry>, Vec<[u64; 2]>) {
    let mut item_rank: Vec<usize> = (0..catalog.items.len()).collect();
    item_rank.sort_by(|&a, &b| {
        let (x, y) = (&catalog.items[a], &catalog.items[b]);
        (x.priority, &x.code).cmp(&(y.priority, &y.code))
    });
    let mut rank_of_item = vec![0usize; catalog.items.len()];
    for (r, &i) in item_rank.iter().enumerate() {
        rank_of_item[i] = r;
    }
    let mut unit_rank: Vec<usize> = (0..req.units.len()).collect();
    unit_rank.sort_by(|&a, &b| {
        let (x, y) = (&req.units[a], &req.units[b]);
        (x.block, x.level, &x.code).cmp(&(y.block, y.level, &y.code))
    });
    let mut rank_of_unit = vec![0usize; req.units.len()];
    for (r, &u) in unit_rank.iter().enumerate() {
        rank_of_unit[u] = r;
    }
    let mut out = Vec::with_capacity(req.demands.len() * 2);
    let mut left = Vec::with_capacity(req.demands.len());
    for (i, d) in req.demands.iter().enumerate() {
        let r = d.quantity.min(d.replace);
        let tiers = [r, d.quantity - r];
        for (tier, n) in tiers.iter().enumerate() {
            if *n > 0 {
                out.push(Entry { demand: i, tier });
            }
        }
        left.push(tiers);
    }
    out.sort_by_key(|e| {
        let d = &req.demands[e.demand];
        (
            e.tier,
            rank_of_item.get(d.item).copied().unwrap_or(usize::MAX),
            rank_of_unit.get(d.unit).copied().unwrap_or(usize::MAX),
            e.demand,
        )
    });
    (out, left)
}

/// The catalog price row of every demand (its VAT rule); one line per (unit, item).
fn price_rows<'c>(req: &Request, catalog: &'c Catalog) -> Result<Vec<&'c Price>, PlanError> {
    let names = |d: &Demand| {
        (
            req.units
                .get(d.unit)
                .map(|u| u.code.clone())
                .unwrap_or_default(),
            catalog
                .items
                .get(d.item)
                .map(|i| i.code.clone())
                .unwrap_or_default(),
        )
    };
    let mut seen = foldhash::HashSet::default();
    let mut rows = Vec::with_capacity(req.demands.len());
    for d in &req.demands {
        if d.unit >= req.units.len() || !seen.insert((d.unit, d.item)) {
            let (unit, item) = names(d);
            return Err(PlanError::TwoLines { unit, item });
        }
        match catalog.prices.get(d.item).and_then(Option::as_ref) {
            Some(p) => rows.push(p),
            None => {
                let (unit, item) = names(d);
                return Err(PlanError::NoPrice { unit, item });
            }
        }
    }
    Ok(rows)
}

pub(super) fn allocate(
    req: &Request,
    catalog: &Catalog,
    budget: u64,
    years: Years,
) -> Result<Plan, PlanError> {
    let prices = price_rows(req, catalog)?;
    let (entries, mut left) = entries(req, catalog);
    let overflow = |i: usize| {
        let d = &req.demands[i];
        PlanError::Overflow {
            unit: req.units[d.unit].code.clone(),
            item: catalog.items[d.item].code.clone(),
        }
    };
    let cap = Decimal::from(budget);
    let mut year_rows = Vec::new();
    let mut lines = Vec::new();
    let mut unit_years = Vec::new();
    let mut funded = Decimal::ZERO;
    for year in years.iter() {
        let mut y = Year::new(req, catalog, &prices);
        // No device costs less than its bare price: once what is left is below the cheapest
        // price still wanted, the year is full.
        let cheapest = entries
            .iter()
            .filter(|e| left[e.demand][e.tier] > 0)
            .map(|e| req.demands[e.demand].unit_price)
            .min();
        if let Some(cheapest) = cheapest {
            for &e in &entries {
                let remaining = left[e.demand][e.tier];
                if remaining == 0 {
                    continue;
                }
                // The year's total never exceeds the budget, so this is whole đồng ≥ 0.
                let room = u64::try_from(cap - y.total).unwrap_or(0);
                if room < cheapest {
                    break;
                }
                let price = req.demands[e.demand].unit_price;
                let most = match room.checked_div(price) {
                    Some(n) => remaining.min(n),
                    None => remaining,
                };
                if most == 0 {
                    continue;
                }
                if let Some((k, step)) = y.largest_fit(e.demand, most, cap) {
                    left[e.demand][e.tier] -= k;
                    y.take(e, k, step);
                }
            }
        }
        // The year's lines, units and totals.
        let (mut quantity, mut amount, mut vat, mut contingency) =
            (0u64, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        let mut units_of_year = Vec::new();
        for (i, d) in req.demands.iter().enumerate() {
            let q = y.qty[i];
            if q == 0 {
                continue;
            }
            let c = cost_at(q, d.unit_price, prices[i], catalog).ok_or_else(|| overflow(i))?;
            let (a, v, t) = (
                c.amount.unwrap_or_default(),
                c.vat.unwrap_or_default(),
                c.total.unwrap_or_default(),
            );
            quantity = quantity.saturating_add(q);
            amount = amount.checked_add(a).ok_or_else(|| overflow(i))?;
            vat = vat.checked_add(v).ok_or_else(|| overflow(i))?;
            units_of_year.push(d.unit);
            lines.push(PlanLine {
                year,
                unit: req.units[d.unit].code.clone(),
                item: catalog.items[d.item].code.clone(),
                quantity: q,
                replace: y.tiers[i][0],
                new: y.tiers[i][1],
                unit_price: Decimal::from(d.unit_price),
                amount: a,
                vat: v,
                total: t,
            });
        }
        units_of_year.sort_unstable();
        units_of_year.dedup();
        // Shares of a year's total, which is within the budget: these sums cannot overflow.
        for u in units_of_year {
            contingency = plus(contingency, y.contingency[u]);
            unit_years.push(UnitYear {
                year,
                unit: req.units[u].code.clone(),
                contingency: y.contingency[u],
                total: plus(y.sum[u], y.contingency[u]),
            });
        }
        funded = plus(funded, y.total);
        year_rows.push(YearTotal {
            year,
            quantity,
            amount,
            vat,
            contingency,
            total: y.total,
            left: cap - y.total,
        });
    }
    lines.sort_by(|a, b| (a.year, &a.unit, &a.item).cmp(&(b.year, &b.unit, &b.item)));
    unit_years.sort_by(|a, b| (a.year, &a.unit).cmp(&(b.year, &b.unit)));

    // Step 4: what no year funds.
    let mut unfunded = Vec::new();
    let mut unfunded_total = Decimal::ZERO;
    for (i, d) in req.demands.iter().enumerate() {
        let [r, n] = left[i];
        let q = r + n;
        if q == 0 {
            continue;
        }
        let total = cost_at(q, d.unit_price, prices[i], catalog)
            .and_then(|c| c.total)
            .ok_or_else(|| overflow(i))?;
        unfunded_total = unfunded_total
            .checked_add(total)
            .ok_or_else(|| overflow(i))?;
        unfunded.push(Unfunded {
            unit: req.units[d.unit].code.clone(),
            item: catalog.items[d.item].code.clone(),
            replace: r,
            new: n,
            quantity: q,
            total,
        });
    }
    unfunded.sort_by(|a, b| (&a.unit, &a.item).cmp(&(&b.unit, &b.item)));
    Ok(Plan {
        budget: cap,
        years: year_rows,
        lines,
        unit_years,
        unfunded,
        totals: PlanTotals {
            funded,
            unfunded: unfunded_total,
        },
    })
}
