//! The roadmap against SPEC §11 by hand, and against a plain reading of step 3 (every `k`
//! tried from the largest down, every year total recomputed from scratch) over random needs
//! and budgets.
#![cfg(test)]

use super::*;
use crate::catalog::{Catalog, Sources};
use crate::cost::{contingency_on, cost_at};
use proptest::prelude::*;

/// Items in row order A, B, C, D; `priority` puts D first, then B, then A and C (tied: by code).
fn catalog(contingency: &str) -> Catalog {
    let src = Sources {
        catalog_toml: format!(
            "name = \"T\"\neffective = \"2025-12-01\"\nreference_year = 2025\ncurrency = \"VND\"\n\
             vat_percent = \"10\"\ncontingency_percent = \"{contingency}\"\n[channels]\nself = \"Tự mua\"\n"
        ),
        items_csv: "code,name,group,basis,norm_qty,norm_min,norm_max,blocks,levels,useful_life_years,min_config,max_unit_price,aliases,priority\n\
             A,Máy A,terminal,staff,1,,,*,*,5,,,máy a,3\n\
             B,Máy B,office,unit,1,,,*,*,5,,,máy b,2\n\
             C,Máy C,office,unit,1,,,*,*,5,,,máy c,3\n\
             D,Máy D,security,unit,1,,,*,*,5,,,máy d,1\n"
            .into(),
        prices_csv: "item,unit_price,vat_included,vat_percent,source,date\n\
             A,1000,true,,x,2025-01-01\n\
             B,333,false,,x,2025-01-01\n\
             C,455,false,8.5,x,2025-01-01\n\
             D,2500,false,0,x,2025-01-01\n"
            .into(),
        routing_csv: "item,block,level,channel,basis\n".into(),
    };
    Catalog::from_sources(&src).expect("test catalog")
}

fn unit(code: &str, block: Block, level: Level) -> PlanUnit {
    PlanUnit {
        code: code.into(),
        name: format!("Đơn vị {code}"),
        block,
        level,
    }
}

fn years(first: i32, last: i32) -> Years {
    Years { first, last }
}

/// §5 money of one year's quantities per demand: (amount, VAT, contingency, total).
fn year_money(
    req: &Request,
    c: &Catalog,
    q: &[u64],
) -> Option<(Decimal, Decimal, Decimal, Decimal)> {
    let mut per_unit = vec![Decimal::ZERO; req.units.len()];
    let (mut a, mut v) = (Decimal::ZERO, Decimal::ZERO);
    for (d, &q) in req.demands.iter().zip(q) {
        if q == 0 {
            continue;
        }
        let p = c.prices[d.item].as_ref()?;
        let cost = cost_at(q, d.unit_price, p, c)?;
        a += cost.amount?;
        v += cost.vat?;
        per_unit[d.unit] += cost.total?;
    }
    let mut k = Decimal::ZERO;
    for s in &per_unit {
        k += contingency_on(*s, c)?;
    }
    Some((a, v, k, a + v + k))
}

/// SPEC §11 read plainly: entries in order, each year tries every `k` from the largest down
/// and recomputes the year's total from scratch. Returns per year the quantities of each tier
/// of each demand.
fn reference(req: &Request, c: &Catalog, budget: u64, ys: Years) -> Vec<Vec<[u64; 2]>> {
    let mut entries = Vec::new();
    for (i, d) in req.demands.iter().enumerate() {
        let r = d.quantity.min(d.replace);
        for (tier, n) in [(0usize, r), (1, d.quantity - r)] {
            if n > 0 {
                entries.push((tier, i, n));
            }
        }
    }
    entries.sort_by(|x, y| {
        let key = |(tier, i, _): &(usize, usize, u64)| {
            let d = &req.demands[*i];
            let (it, u) = (&c.items[d.item], &req.units[d.unit]);
            (
                *tier,
                it.priority,
                it.code.clone(),
                u.block,
                u.level,
                u.code.clone(),
            )
        };
        key(x).cmp(&key(y))
    });
    let mut left: Vec<u64> = entries.iter().map(|e| e.2).collect();
    let mut out = Vec::new();
    for _ in ys.iter() {
        let mut q = vec![0u64; req.demands.len()];
        let mut tiers = vec![[0u64; 2]; req.demands.len()];
        for (j, &(tier, i, _)) in entries.iter().enumerate() {
            for k in (0..=left[j]).rev() {
                let mut t = q.clone();
                t[i] += k;
                let total = year_money(req, c, &t).unwrap().3;
                if total <= Decimal::from(budget) {
                    q = t;
                    tiers[i][tier] += k;
                    left[j] -= k;
                    break;
                }
            }
        }
        out.push(tiers);
    }
    out
}

fn small_request() -> Request {
    Request {
        units: vec![
            unit("U2", Block::Dang, Level::Commune),
            unit("U1", Block::Mttq, Level::City),
            unit("U3", Block::Dang, Level::City),
        ],
        demands: vec![
            // U2: 3 A, 1 of them replacing; 2 D new.
            Demand {
                unit: 0,
                item: 0,
                replace: 1,
                quantity: 3,
                unit_price: 1000,
            },
            Demand {
                unit: 0,
                item: 3,
                replace: 0,
                quantity: 2,
                unit_price: 2500,
            },
            // U1: 4 B replacing (replace above quantity: a smaller request).
            Demand {
                unit: 1,
                item: 1,
                replace: 9,
                quantity: 4,
                unit_price: 333,
            },
            // U3: 2 C, both new.
            Demand {
                unit: 2,
                item: 2,
                replace: 0,
                quantity: 2,
                unit_price: 455,
            },
        ],
    }
}

/// Budget 3000 a year at 5 % contingency, worked by hand.
/// Order: tier 1 — B·U1 (4, prio 2), A·U2 (1, prio 3); tier 2 — D·U2 (2, prio 1), A·U2 (2),
/// C·U3 (2, prio 3 after A by code; U3 is dang/city).
/// 2026: B·U1 ×4: 1332 + VAT round(133.2) = 1465, contingency round(73.25) → 1538.
///   A·U2 ×1: 1000 (VAT included) + 50 → 2588. 412 left: below every other price.
/// 2027: D·U2 ×1: 2500 + VAT 0 + 125 = 2625 (×2 is 5250). 375 left: below every price.
/// Unfunded: A·U2 2 new (2000), D·U2 1 new (2500), C·U3 2 new: 910 + round(77.35) = 987.
#[test]
fn worked_example() {
    let c = catalog("5");
    let plan = allocate(&small_request(), &c, 3000, years(2026, 2027)).unwrap();
    let y: Vec<_> = plan
        .years
        .iter()
        .map(|y| (y.year, y.quantity, y.total, y.left))
        .collect();
    assert_eq!(
        y,
        [
            (2026, 5, Decimal::from(2588), Decimal::from(412)),
            (2027, 1, Decimal::from(2625), Decimal::from(375))
        ]
    );
    let l: Vec<_> = plan
        .lines
        .iter()
        .map(|l| (l.year, l.unit.as_str(), l.item.as_str(), l.replace, l.new))
        .collect();
    assert_eq!(
        l,
        [
            (2026, "U1", "B", 4, 0),
            (2026, "U2", "A", 1, 0),
            (2027, "U2", "D", 0, 1)
        ]
    );
    assert_eq!(plan.lines[0].vat, Decimal::from(133));
    assert_eq!(plan.unit_years[0].contingency, Decimal::from(73));
    assert_eq!(plan.unit_years[0].total, Decimal::from(1538));
    let u: Vec<_> = plan
        .unfunded
        .iter()
        .map(|u| (u.unit.as_str(), u.item.as_str(), u.replace, u.new, u.total))
        .collect();
    assert_eq!(
        u,
        [
            ("U2", "A", 0, 2, Decimal::from(2000)),
            ("U2", "D", 0, 1, Decimal::from(2500)),
            ("U3", "C", 0, 2, Decimal::from(987)),
        ]
    );
    assert_eq!(plan.totals.funded, Decimal::from(2588 + 2625));
    assert_eq!(plan.totals.unfunded, Decimal::from(2000 + 2500 + 987));
    assert_eq!(plan.unfunded_quantity(), 5);
    assert_eq!(
        reference(&small_request(), &c, 3000, years(2026, 2027)),
        [
            vec![[1, 0], [0, 0], [4, 0], [0, 0]],
            vec![[0, 0], [0, 1], [0, 0], [0, 0]]
        ]
    );
}

#[test]
fn plan_json_has_the_fields_of_spec_11_in_order() {
    let c = catalog("5");
    let plan = allocate(&small_request(), &c, 3000, years(2026, 2026)).unwrap();
    let v = serde_json::to_value(&plan).unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(
        keys(&v),
        [
            "budget",
            "years",
            "lines",
            "unit_years",
            "unfunded",
            "totals"
        ]
    );
    assert_eq!(v["budget"], "3000");
    assert_eq!(
        keys(&v["years"][0]),
        [
            "year",
            "quantity",
            "amount",
            "vat",
            "contingency",
            "total",
            "left"
        ]
    );
    assert_eq!(
        keys(&v["lines"][0]),
        [
            "year",
            "unit",
            "item",
            "quantity",
            "replace",
            "new",
            "unit_price",
            "amount",
            "vat",
            "total"
        ]
    );
    assert_eq!(
        keys(&v["unit_years"][0]),
        ["year", "unit", "contingency", "total"]
    );
    assert_eq!(
        keys(&v["unfunded"][0]),
        ["unit", "item", "replace", "new", "quantity", "total"]
    );
    assert_eq!(keys(&v["totals"]), ["funded", "unfunded"]);
    assert_eq!(v["years"][0]["year"], 2026);
    assert_eq!(v["lines"][0]["unit_price"], "333");
    assert_eq!(v["years"][0]["left"], "412");
}

#[test]
fn a_budget_below_every_device_funds_nothing() {
    let c = catalog("5");
    let plan = allocate(&small_request(), &c, 1, years(2026, 2028)).unwrap();
    assert_eq!(plan.years.len(), 3);
    for y in &plan.years {
        assert_eq!(
            (y.quantity, y.total, y.left),
            (0, Decimal::ZERO, Decimal::ONE)
        );
    }
    assert!(plan.lines.is_empty() && plan.unit_years.is_empty());
    assert_eq!(plan.unfunded_quantity(), 11);
}

#[test]
fn refusals() {
    let c = catalog("5");
    let mut req = small_request();
    req.demands.push(req.demands[0].clone());
    assert_eq!(
        allocate(&req, &c, 3000, years(2026, 2026)),
        Err(PlanError::TwoLines {
            unit: "U2".into(),
            item: "A".into()
        })
    );
    let mut req = small_request();
    req.demands[0].unit = 7;
    assert!(matches!(
        allocate(&req, &c, 3000, years(2026, 2026)),
        Err(PlanError::TwoLines { .. })
    ));
    let mut req = small_request();
    req.demands[0].item = 9;
    assert!(matches!(
        allocate(&req, &c, 3000, years(2026, 2026)),
        Err(PlanError::NoPrice { .. })
    ));
    let e = PlanError::NoPrice {
        unit: "U".into(),
        item: "X".into(),
    };
    assert!(e.message(Lang::Vi).contains("danh mục không có đơn giá"));
}

fn arb_request() -> impl Strategy<Value = Request> {
    let units = prop::collection::vec((0usize..3, 0usize..2), 1..5);
    units.prop_flat_map(|us| {
        let n = us.len();
        let demands = prop::collection::vec(
            (
                0..n,
                0usize..4,
                0u64..6,
                0u64..7,
                prop::sample::select(vec![0u64, 1, 333, 455, 999, 1000, 2500, 7777]),
            ),
            0..12,
        );
        (Just(us), demands).prop_map(|(us, ds)| {
            let units = us
                .iter()
                .enumerate()
                .map(|(i, &(b, l))| unit(&format!("U{i}"), Block::ALL[b], Level::ALL[l]))
                .collect();
            let mut seen = std::collections::HashSet::new();
            let demands = ds
                .into_iter()
                .filter(|d| d.3 > 0 && seen.insert((d.0, d.1)))
                .map(|(unit, item, replace, quantity, unit_price)| Demand {
                    unit,
                    item,
                    replace,
                    quantity,
                    unit_price,
                })
                .collect();
            Request { units, demands }
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// No year over budget, nothing lost, nothing twice; the same choices as the plain
    /// reading of step 3; every figure the §5 money of the quantities below it.
    #[test]
    fn the_walk_is_step_3(
        req in arb_request(),
        budget in prop::sample::select(vec![1u64, 400, 999, 1500, 3000, 5000, 12345, 100000]),
        span in 0i32..4,
        contingency in prop::sample::select(vec!["5", "0", "7.5"]),
    ) {
        let c = catalog(contingency);
        let ys = years(2026, 2026 + span);
        let plan = allocate(&req, &c, budget, ys).unwrap();
        let want = reference(&req, &c, budget, ys);
        prop_assert_eq!(plan.years.len(), want.len());
        let mut funded = vec![[0u64; 2]; req.demands.len()];
        let mut funded_total = Decimal::ZERO;
        for (y, tiers) in plan.years.iter().zip(&want) {
            let q: Vec<u64> = tiers.iter().map(|t| t[0] + t[1]).collect();
            let (a, v, k, t) = year_money(&req, &c, &q).unwrap();
            prop_assert_eq!((y.amount, y.vat, y.contingency, y.total), (a, v, k, t));
            prop_assert!(y.total <= Decimal::from(budget));
            prop_assert_eq!(y.left, Decimal::from(budget) - y.total);
            prop_assert_eq!(y.quantity, q.iter().sum::<u64>());
            funded_total += y.total;
            // The year's lines are exactly its non-zero quantities, split into tiers.
            let lines: Vec<_> = plan.lines.iter().filter(|l| l.year == y.year).collect();
            prop_assert_eq!(lines.len(), q.iter().filter(|&&n| n > 0).count());
            for l in lines {
                let i = req.demands.iter().position(|d| {
                    req.units[d.unit].code == l.unit && c.items[d.item].code == l.item
                }).unwrap();
                prop_assert_eq!([l.replace, l.new], tiers[i]);
                prop_assert_eq!(l.quantity, l.replace + l.new);
                funded[i][0] += l.replace;
                funded[i][1] += l.new;
            }
            let units: Decimal = plan.unit_years.iter().filter(|u| u.year == y.year).map(|u| u.total).sum();
            prop_assert_eq!(units, y.total);
        }
        prop_assert_eq!(plan.totals.funded, funded_total);
        // Funded plus unfunded is every device of needs, once.
        let mut unfunded_total = Decimal::ZERO;
        for (i, d) in req.demands.iter().enumerate() {
            let u = plan.unfunded.iter().find(|u| {
                req.units[d.unit].code == u.unit && c.items[d.item].code == u.item
            });
            let (ur, un) = u.map_or((0, 0), |u| (u.replace, u.new));
            let r = d.quantity.min(d.replace);
            prop_assert_eq!(funded[i][0] + ur, r);
            prop_assert_eq!(funded[i][1] + un, d.quantity - r);
            if let Some(u) = u {
                prop_assert!(u.quantity > 0);
                unfunded_total += u.total;
            }
        }
        prop_assert_eq!(plan.totals.unfunded, unfunded_total);
        // Sorted as SPEC §11 says.
        prop_assert!(plan.lines.windows(2).all(|w| (w[0].year, &w[0].unit, &w[0].item) < (w[1].year, &w[1].unit, &w[1].item)));
        prop_assert!(plan.unit_years.windows(2).all(|w| (w[0].year, &w[0].unit) < (w[1].year, &w[1].unit)));
        prop_assert!(plan.unfunded.windows(2).all(|w| (&w[0].unit, &w[0].item) < (&w[1].unit, &w[1].item)));
    }

    /// The check that follows step 4: one year with a budget at least the estimate funds it all,
    /// at the estimate's own figures.
    #[test]
    fn one_year_with_enough_budget_is_the_estimate(req in arb_request()) {
        let c = catalog("5");
        let q: Vec<u64> = req.demands.iter().map(|d| d.quantity).collect();
        let (a, v, k, t) = year_money(&req, &c, &q).unwrap();
        let budget = u64::try_from(t).unwrap().max(1);
        let plan = allocate(&req, &c, budget, years(2026, 2026)).unwrap();
        let y = &plan.years[0];
        prop_assert_eq!((y.amount, y.vat, y.contingency, y.total), (a, v, k, t));
        prop_assert_eq!(y.quantity, q.iter().sum::<u64>());
        prop_assert!(plan.unfunded.is_empty());
    }
}
