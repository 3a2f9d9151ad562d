//! `needs.json` (SPEC §6) and `diagnostics.json`.

use crate::catalog::Catalog;
use crate::cost::{money, Estimate};
use crate::diag::{Diagnostic, DiagnosticView, Lang};
use crate::needs::{Duplicate, Superseded, Unclassified};
use rust_decimal::Decimal;
use serde::Serialize;
use std::io::{self, Write};

fn m(d: Decimal) -> String {
    money::to_string(d)
}

#[derive(Serialize)]
struct CatalogRef<'a> {
    name: &'a str,
    effective: &'a str,
}

#[derive(Serialize)]
struct UnitJson<'a> {
    code: &'a str,
    name: &'a str,
    block: &'static str,
    level: &'static str,
    site: &'a str,
    staff: u64,
    leaders: u64,
    revision: u64,
    file: &'a str,
}

/// One line as SPEC §6 writes it (also the row of `needs.csv`).
#[derive(Serialize)]
pub struct LineJson<'a> {
    pub unit: &'a str,
    pub site: &'a str,
    pub site_units: &'a [std::sync::Arc<str>],
    pub item: &'a str,
    pub channel: &'a str,
    pub required: u64,
    pub usable: u64,
    pub unusable: u64,
    pub gap: u64,
    pub replace: u64,
    pub new: u64,
    pub requested: Option<u64>,
    pub excess: u64,
    pub quantity: u64,
    pub unit_price: Option<String>,
    pub amount: Option<String>,
    pub vat: Option<String>,
    pub total: Option<String>,
}

#[derive(Serialize)]
struct UnitTotalJson<'a> {
    unit: &'a str,
    amount: String,
    vat: String,
    contingency: String,
    total: String,
}

#[derive(Serialize)]
struct SelfJson {
    amount: String,
    vat: String,
    contingency: String,
    total: String,
    in_words: String,
}

#[derive(Serialize)]
struct ChannelJson {
    quantity: u64,
    amount: String,
    vat: String,
    total: String,
}

#[derive(Serialize)]
struct TotalJson {
    total: String,
}

#[derive(Serialize)]
struct Totals {
    #[serde(rename = "self")]
    self_: SelfJson,
    by_channel: serde_json::Map<String, serde_json::Value>,
    by_block: serde_json::Map<String, serde_json::Value>,
    by_level: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct NeedsJson<'a> {
    catalog: CatalogRef<'a>,
    as_of: i32,
    units: Vec<UnitJson<'a>>,
    lines: Lines<'a>,
    unit_totals: Vec<UnitTotalJson<'a>>,
    totals: Totals,
    unclassified: &'a [Unclassified],
    superseded: &'a [Superseded],
    duplicates: &'a [Duplicate],
    ledger: crate::needs::Ledger,
    diagnostics: Vec<DiagnosticView<'a>>,
}

/// The lines of an estimate in SPEC §6 form, made one at a time.
pub fn lines(est: &Estimate) -> impl Iterator<Item = LineJson<'_>> {
    est.needs
        .lines
        .iter()
        .zip(&est.costs)
        .map(|(l, c)| LineJson {
            unit: &l.unit,
            site: &l.site,
            site_units: &l.site_units,
            item: &l.item_code,
            channel: &l.channel,
            required: l.required,
            usable: l.usable,
            unusable: l.unusable,
            gap: l.gap,
            replace: l.replace,
            new: l.new,
            requested: l.requested,
            excess: l.excess,
            quantity: l.quantity,
            unit_price: c.unit_price.map(|p| p.to_string()),
            amount: c.amount.map(m),
            vat: c.vat.map(m),
            total: c.total.map(m),
        })
}

/// Serialises the lines as a JSON array without collecting them first.
struct Lines<'a>(&'a Estimate);

impl Serialize for Lines<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(lines(self.0))
    }
}

fn to_value<T: Serialize>(v: T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// Write `needs.json`, pretty-printed, ending in a newline (streamed: nothing big is built).
pub fn write_needs_json<W: Write>(
    mut w: W,
    est: &Estimate,
    catalog: &Catalog,
    lang: Lang,
) -> io::Result<()> {
    let n = &est.needs;
    let t = &est.totals;
    let units = n
        .units
        .iter()
        .map(|u| UnitJson {
            code: &u.unit.code,
            name: &u.unit.name,
            block: u.unit.block.as_str(),
            level: u.unit.level.as_str(),
            site: &u.unit.site,
            staff: u.unit.staff,
            leaders: u.unit.leaders,
            revision: u.unit.revision,
            file: &u.file,
        })
        .collect();
    let unit_totals = est
        .unit_totals
        .iter()
        .map(|u| UnitTotalJson {
            unit: &u.unit,
            amount: m(u.amount),
            vat: m(u.vat),
            contingency: m(u.contingency),
            total: m(u.total),
        })
        .collect();
    let mut by_channel = serde_json::Map::new();
    for c in &t.by_channel {
        by_channel.insert(
            c.channel.clone(),
            to_value(ChannelJson {
                quantity: c.quantity,
                amount: m(c.amount),
                vat: m(c.vat),
                total: m(c.total),
            }),
        );
    }
    let mut by_block = serde_json::Map::new();
    for (b, v) in &t.by_block {
        by_block.insert(b.as_str().into(), to_value(TotalJson { total: m(*v) }));
    }
    let mut by_level = serde_json::Map::new();
    for (l, v) in &t.by_level {
        by_level.insert(l.as_str().into(), to_value(TotalJson { total: m(*v) }));
    }
    let doc = NeedsJson {
        catalog: CatalogRef {
            name: &catalog.name,
            effective: &catalog.effective,
        },
        as_of: n.as_of,
        units,
        lines: Lines(est),
        unit_totals,
        totals: Totals {
            self_: SelfJson {
                amount: m(t.self_total.amount),
                vat: m(t.self_total.vat),
                contingency: m(t.self_total.contingency),
                total: m(t.self_total.total),
                in_words: t.in_words.clone(),
            },
            by_channel,
            by_block,
            by_level,
        },
        unclassified: &n.unclassified,
        superseded: &n.superseded,
        duplicates: &n.duplicates,
        ledger: n.ledger,
        diagnostics: n.diagnostics.iter().map(|d| d.in_lang(lang)).collect(),
    };
    serde_json::to_writer_pretty(&mut w, &doc)?;
    w.write_all(b"\n")
}

/// Write `{"diagnostics": [...]}`.
pub fn write_diagnostics_json<W: Write>(
    mut w: W,
    diags: &[Diagnostic],
    lang: Lang,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct D<'a> {
        diagnostics: Vec<DiagnosticView<'a>>,
    }
    serde_json::to_writer_pretty(
        &mut w,
        &D {
            diagnostics: diags.iter().map(|d| d.in_lang(lang)).collect(),
        },
    )?;
    w.write_all(b"\n")
}
