//! Tests of the diff core (SPEC §10) on files built in code, each difference written out.
#![cfg(test)]

use super::*;
use crate::catalog::Level;
use crate::needs_json::{ChannelTotal, SelfTotal, Totals};
use serde_json::json;

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

fn unit(code: &str, staff: u64) -> Unit {
    Unit {
        code: code.into(),
        name: format!("Đơn vị {code}"),
        block: Block::Dang,
        level: Level::Commune,
        site: code.into(),
        staff,
        leaders: 1,
        revision: 1,
        file: format!("{code}.xlsx"),
    }
}

/// A `self` line of `qty` devices at 1,000 đồng, VAT included.
fn line(unit: &str, item: &str, qty: u64) -> Line {
    Line {
        unit: unit.into(),
        site: unit.into(),
        site_units: vec![unit.into()],
        item: item.into(),
        channel: "self".into(),
        required: qty,
        usable: 0,
        unusable: 0,
        gap: qty,
        replace: 0,
        new: qty,
        requested: None,
        excess: 0,
        quantity: qty,
        unit_price: Some(d(1000)),
        amount: Some(d(1000 * qty as i64)),
        vat: Some(Decimal::ZERO),
        total: Some(d(1000 * qty as i64)),
    }
}

/// A file of these units and lines, its unit totals and totals added up (no contingency).
fn file(units: Vec<Unit>, lines: Vec<Line>, as_of: i32) -> NeedsFile {
    let sum = |u: Option<&str>, ch: Option<&str>| -> Decimal {
        lines
            .iter()
            .filter(|l| u.is_none_or(|u| l.unit == u) && ch.is_none_or(|c| l.channel == c))
            .filter(|l| ch.is_some() || l.channel == "self")
            .filter_map(|l| l.total)
            .sum()
    };
    let unit_totals = units
        .iter()
        .map(|u| {
            let t = sum(Some(&u.code), None);
            UnitTotal {
                unit: u.code.clone(),
                amount: t,
                vat: Decimal::ZERO,
                contingency: Decimal::ZERO,
                total: t,
            }
        })
        .collect();
    let all = sum(None, None);
    let mut channels: Vec<String> = vec!["self".into()];
    for l in &lines {
        if !channels.contains(&l.channel) {
            channels.push(l.channel.clone());
        }
    }
    let by_channel = channels
        .iter()
        .map(|c| ChannelTotal {
            channel: c.clone(),
            quantity: lines
                .iter()
                .filter(|l| &l.channel == c)
                .map(|l| l.quantity)
                .sum(),
            amount: sum(None, Some(c)),
            vat: Decimal::ZERO,
            total: sum(None, Some(c)),
        })
        .collect();
    NeedsFile {
        catalog: CatalogRef {
            name: "Danh mục".into(),
            effective: "2025-12-01".into(),
        },
        as_of,
        units,
        lines,
        unit_totals,
        totals: Totals {
            self_: SelfTotal {
                amount: all,
                vat: Decimal::ZERO,
                contingency: Decimal::ZERO,
                total: all,
                in_words: String::new(),
            },
            by_channel,
            by_block: vec![
                (Block::Dang, all),
                (Block::Mttq, Decimal::ZERO),
                (Block::Ctxh, Decimal::ZERO),
            ],
            by_level: vec![(Level::City, Decimal::ZERO), (Level::Commune, all)],
        },
    }
}

/// Units A, B, C and their lines: B's UPS has quantity 0.
fn round_one_lines() -> (Vec<Unit>, Vec<Line>) {
    (
        vec![unit("A", 10), unit("B", 5), unit("C", 3)],
        vec![
            line("A", "PC", 3),
            line("A", "PRINTER", 1),
            line("B", "PC", 2),
            line("B", "UPS", 0),
            line("C", "PC", 1),
        ],
    )
}

fn round_one() -> NeedsFile {
    let (units, lines) = round_one_lines();
    file(units, lines, 2025)
}

#[test]
fn a_file_against_itself_has_no_difference() {
    let f = round_one();
    let x = diff(&f, &f);
    assert!(x.units.is_empty());
    assert_eq!(x.summary, Summary::default());
    assert!(!x.totals.moved());
    assert!(!x.differs());
    assert!(!x.catalogs_differ() && !x.years_differ());
}

#[test]
fn changed_added_and_removed_units_and_lines() {
    let old = round_one();
    // A: PC 3 → 5, PRINTER dropped, SCANNER added. B removed (with its quantity-0 line).
    // C: only its staff changes. D: added.
    let mut c = unit("C", 4);
    c.revision = 2;
    let new = file(
        vec![unit("A", 10), c, unit("D", 2)],
        vec![
            line("A", "PC", 5),
            line("A", "SCANNER", 1),
            line("C", "PC", 1),
            line("D", "PC", 2),
        ],
        2025,
    );
    let x = diff(&old, &new);
    let codes: Vec<(&str, Status)> = x.units.iter().map(|u| (u.code, u.status)).collect();
    assert_eq!(
        codes,
        [
            ("A", Status::Changed),
            ("B", Status::Removed),
            ("C", Status::Changed),
            ("D", Status::Added)
        ]
    );
    let a = &x.units[0];
    assert_eq!(a.fields, ["total"]);
    assert_eq!((a.old_total, a.new_total), (Some(d(4000)), Some(d(6000))));
    assert_eq!(a.delta_total, d(2000));
    let items: Vec<(&str, Status)> = a.lines.iter().map(|l| (l.item, l.status)).collect();
    assert_eq!(
        items,
        [
            ("PC", Status::Changed),
            ("PRINTER", Status::Removed),
            ("SCANNER", Status::Added)
        ]
    );
    let pc = &a.lines[0];
    assert_eq!(pc.fields, ["required", "gap", "new", "quantity", "total"]);
    assert_eq!(
        (pc.old_quantity, pc.new_quantity, pc.delta_quantity),
        (Some(3), Some(5), 2)
    );
    assert_eq!(
        (pc.old_total, pc.new_total, pc.delta_total),
        (Some(d(3000)), Some(d(5000)), d(2000))
    );
    assert_eq!(
        (pc.old_channel, pc.new_channel),
        (Some("self"), Some("self"))
    );
    let printer = &a.lines[1];
    assert!(printer.fields.is_empty());
    assert_eq!(
        (
            printer.old_quantity,
            printer.new_quantity,
            printer.delta_quantity
        ),
        (Some(1), None, -1)
    );
    assert_eq!((printer.new_total, printer.delta_total), (None, d(-1000)));
    assert_eq!(
        (printer.old_channel, printer.new_channel),
        (Some("self"), None)
    );

    let b = &x.units[1];
    assert!(b.fields.is_empty());
    assert_eq!(
        (b.old_total, b.new_total, b.delta_total),
        (Some(d(2000)), None, d(-2000))
    );
    let items: Vec<(&str, Status, i128)> = b
        .lines
        .iter()
        .map(|l| (l.item, l.status, l.delta_quantity))
        .collect();
    assert_eq!(
        items,
        [("PC", Status::Removed, -2), ("UPS", Status::Removed, 0)]
    );

    let c = &x.units[2];
    assert_eq!(c.fields, ["staff", "revision"]);
    assert!(c.lines.is_empty());
    assert_eq!(c.delta_total, Decimal::ZERO);

    let dd = &x.units[3];
    assert_eq!((dd.old_total, dd.new_total), (None, Some(d(2000))));
    assert_eq!(dd.name(), "Đơn vị D");

    assert_eq!(
        x.summary,
        Summary {
            units_added: 1,
            units_removed: 1,
            units_changed: 2,
            lines_added: 2,
            lines_removed: 3,
            lines_changed: 1
        }
    );
    assert_eq!(
        x.totals.self_,
        Change {
            old: d(7000),
            new: d(9000),
            delta: d(2000)
        }
    );
    assert!(x.differs());
}

#[test]
fn a_site_line_that_changes_owner_moves_between_units() {
    let mut s_old = line("A", "SWITCH", 1);
    s_old.site_units = vec!["A".into(), "B".into()];
    let mut s_new = line("B", "SWITCH", 1);
    s_new.site_units = vec!["B".into()];
    let old = file(vec![unit("A", 1), unit("B", 1)], vec![s_old], 2025);
    let new = file(vec![unit("A", 1), unit("B", 1)], vec![s_new], 2025);
    let x = diff(&old, &new);
    let got: Vec<(&str, Status, &str, Status)> = x
        .units
        .iter()
        .flat_map(|u| {
            u.lines
                .iter()
                .map(move |l| (u.code, u.status, l.item, l.status))
        })
        .collect();
    assert_eq!(
        got,
        [
            ("A", Status::Changed, "SWITCH", Status::Removed),
            ("B", Status::Changed, "SWITCH", Status::Added)
        ]
    );
    assert!(!x.totals.moved(), "the program's totals did not move");
    // site_units alone is not compared.
    let mut again = old.clone();
    again.lines[0].site_units = vec!["A".into()];
    assert!(!diff(&old, &again).differs());
}

#[test]
fn null_and_zero_differ_but_deltas_read_null_as_zero() {
    let old = round_one();
    let mut new = old.clone();
    // C's PC loses its price: unit_price, amount, vat and total become null.
    for l in new.lines.iter_mut().filter(|l| l.unit == "C") {
        (l.unit_price, l.amount, l.vat, l.total) = (None, None, None, None);
    }
    // B's UPS (0 devices, "0" đồng) gets a request of 0: null → 0 differs.
    new.lines[3].requested = Some(0);
    let x = diff(&old, &new);
    let b = x.units.iter().find(|u| u.code == "B").unwrap();
    assert_eq!(b.lines[0].fields, ["requested"]);
    assert_eq!(b.lines[0].delta_total, Decimal::ZERO);
    assert!(b.fields.is_empty());
    let c = x.units.iter().find(|u| u.code == "C").unwrap();
    assert_eq!(c.lines[0].fields, ["unit_price", "total"]);
    assert_eq!(
        (c.lines[0].old_total, c.lines[0].new_total),
        (Some(d(1000)), None)
    );
    assert_eq!(c.lines[0].delta_total, d(-1000));
}

#[test]
fn a_channel_change_is_a_field_and_shows_both_channels() {
    let old = round_one();
    let mut new = old.clone();
    new.lines[0].channel = "centralized".into();
    let x = diff(&old, &new);
    let l = &x.units[0].lines[0];
    assert_eq!(l.fields, ["channel"]);
    assert_eq!(
        (l.old_channel, l.new_channel),
        (Some("self"), Some("centralized"))
    );
}

#[test]
fn channels_of_old_come_first_and_a_missing_one_reads_zero() {
    let mut old = round_one();
    old.totals.by_channel.push(ChannelTotal {
        channel: "police".into(),
        quantity: 1,
        amount: d(7),
        vat: d(0),
        total: d(7),
    });
    let mut new = round_one();
    new.totals.by_channel.insert(
        0,
        ChannelTotal {
            channel: "dxcenter".into(),
            quantity: 2,
            amount: d(5),
            vat: d(0),
            total: d(5),
        },
    );
    let x = diff(&old, &new);
    let keys: Vec<(&str, Decimal, Decimal, Decimal)> = x
        .totals
        .by_channel
        .iter()
        .map(|(k, c)| (*k, c.old, c.new, c.delta))
        .collect();
    assert_eq!(
        keys,
        [
            ("self", d(7000), d(7000), d(0)),
            ("police", d(7), d(0), d(-7)),
            ("dxcenter", d(0), d(5), d(5))
        ]
    );
    assert!(x.units.is_empty());
    assert!(x.differs(), "a total that moved is a difference");
}

#[test]
fn lines_are_matched_whatever_their_order_in_the_file() {
    let old = round_one();
    let mut new = old.clone();
    new.lines.reverse();
    new.units.reverse();
    assert!(!diff(&old, &new).differs());
}

#[test]
fn serialises_exactly_as_spec_10_prints_it() {
    let old = round_one();
    let (units, mut lines) = round_one_lines();
    lines[2] = line("B", "PC", 1);
    let mut new = file(units, lines, 2026);
    new.catalog.name = "Danh mục 2026".into();
    let x = diff(&old, &new);
    assert!(x.catalogs_differ() && x.years_differ());
    let v = serde_json::to_value(&x).unwrap();
    let want = json!({
        "old": {"catalog": {"name": "Danh mục", "effective": "2025-12-01"}, "as_of": 2025},
        "new": {"catalog": {"name": "Danh mục 2026", "effective": "2025-12-01"}, "as_of": 2026},
        "units": [{
            "code": "B", "status": "changed", "old_total": "2000", "new_total": "1000",
            "delta_total": "-1000", "fields": ["total"],
            "lines": [{"item": "PC", "status": "changed",
                       "fields": ["required", "gap", "new", "quantity", "total"],
                       "old_quantity": 2, "new_quantity": 1, "delta_quantity": -1,
                       "old_total": "2000", "new_total": "1000", "delta_total": "-1000",
                       "old_channel": "self", "new_channel": "self"}]
        }],
        "totals": {
            "self": {"old": "7000", "new": "6000", "delta": "-1000"},
            "by_block": {"dang": {"old": "7000", "new": "6000", "delta": "-1000"},
                         "mttq": {"old": "0", "new": "0", "delta": "0"},
                         "ctxh": {"old": "0", "new": "0", "delta": "0"}},
            "by_channel": {"self": {"old": "7000", "new": "6000", "delta": "-1000"}}
        },
        "summary": {"units_added": 0, "units_removed": 0, "units_changed": 1,
                    "lines_added": 0, "lines_removed": 0, "lines_changed": 1}
    });
    assert_eq!(v, want);
    // Key order as SPEC §10 lists it.
    let text = serde_json::to_string(&x).unwrap();
    let at = |k: &str| text.find(k).unwrap();
    assert!(at("\"old\"") < at("\"new\"") && at("\"new\"") < at("\"units\""));
    assert!(at("\"units\"") < at("\"totals\"") && at("\"totals\"") < at("\"summary\""));
    assert!(
        at("\"self\":{\"old\"") < at("\"by_block\"") && at("\"by_block\"") < at("\"by_channel\"")
    );
}

/// A `NeedsFile` built in code is not checked by the reader: a line naming no unit is passed
/// over and the other units keep their lines.
#[test]
fn a_line_of_no_unit_does_not_shift_the_others() {
    let old = round_one();
    let mut new = old.clone();
    new.lines.insert(0, line("0-NOBODY", "PC", 9));
    new.lines.push(line("AB", "PC", 9));
    assert!(!diff(&old, &new).differs());
}
