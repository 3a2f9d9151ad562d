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

/// The layout of the JSON files rasoat writes: the top-level fields one per line, each element
/// of a top-level array or object on a line of its own, and everything deeper written compactly
/// on that line. One need, unit or diagnostic per line is what `grep` and `diff` want, and the
/// file is about a third of its fully indented size (205 MB → 70 MB at 25,000 submissions).
#[derive(Default)]
struct Records {
    /// How many arrays and objects are open.
    depth: usize,
    /// Whether the innermost open array or object written in the open layout has an element.
    has_value: bool,
}

impl Records {
    /// Nesting levels whose elements each start a new line.
    const OPEN: usize = 2;

    fn begin<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        if self.depth <= Self::OPEN && self.has_value {
            self.newline(w, self.depth - 1)?;
        }
        self.depth -= 1;
        w.write_all(bracket)
    }

    fn element<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.depth <= Self::OPEN {
            self.newline(w, self.depth)?;
        }
        Ok(())
    }

    fn newline<W: ?Sized + Write>(&self, w: &mut W, indent: usize) -> io::Result<()> {
        const SPACES: &[u8] = b"\n        ";
        // `indent` never exceeds OPEN, so the slice is within SPACES.
        w.write_all(&SPACES[..1 + 2 * indent.min(Self::OPEN)])
    }
}

impl serde_json::ser::Formatter for Records {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.element(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.element(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(if self.depth <= Self::OPEN {
            b": "
        } else {
            b":"
        })
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Write `value` in the [`Records`] layout, ending in a newline (also `plan.json`).
pub fn write_records<W: Write, T: Serialize>(mut w: W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut w, Records::default());
    value.serialize(&mut ser)?;
    w.write_all(b"\n")
}

/// Write `needs.json` in the [`Records`] layout (streamed: nothing big is built).
pub fn write_needs_json<W: Write>(
    w: W,
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
    write_records(w, &doc)
}

/// Write `{"diagnostics": [...]}`.
pub fn write_diagnostics_json<W: Write>(w: W, diags: &[Diagnostic], lang: Lang) -> io::Result<()> {
    #[derive(Serialize)]
    struct D<'a> {
        diagnostics: Vec<DiagnosticView<'a>>,
    }
    write_records(
        w,
        &D {
            diagnostics: diags.iter().map(|d| d.in_lang(lang)).collect(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn records(v: &Value) -> String {
        let mut out = Vec::new();
        write_records(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn top_fields_and_their_elements_each_take_a_line() {
        let v = json!({
            "as_of": 2025,
            "lines": [{"unit": "U1", "site_units": ["U1", "U2"], "x": {}}, {"unit": "U2"}],
            "totals": {"self": {"total": "10"}, "by_block": {}},
            "empty": [],
            "none": {}
        });
        let want = "{\n  \"as_of\": 2025,\n  \"lines\": [\n    \
            {\"unit\":\"U1\",\"site_units\":[\"U1\",\"U2\"],\"x\":{}},\n    {\"unit\":\"U2\"}\n  ],\n  \
            \"totals\": {\n    \"self\": {\"total\":\"10\"},\n    \"by_block\": {}\n  },\n  \
            \"empty\": [],\n  \"none\": {}\n}\n";
        assert_eq!(records(&v), want);
    }

    #[test]
    fn scalars_and_empty_top_levels_stay_on_one_line() {
        assert_eq!(records(&json!([])), "[]\n");
        assert_eq!(records(&json!({})), "{}\n");
        assert_eq!(
            records(&json!("=HYPERLINK(\"x\")")),
            "\"=HYPERLINK(\\\"x\\\")\"\n"
        );
        assert_eq!(
            records(&json!([1, [2, [3]]])),
            "[\n  1,\n  [\n    2,\n    [3]\n  ]\n]\n"
        );
    }

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            ".{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((".{0,4}", inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Whatever the nesting, the layout reads back as the same value, and nothing deeper
        /// than the open levels starts a line of its own.
        #[test]
        fn reads_back_as_written(v in any_json()) {
            let text = records(&v);
            let back: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&back, &v);
            for line in text.lines() {
                let indent = line.len() - line.trim_start_matches(' ').len();
                prop_assert!(indent <= 2 * Records::OPEN, "{:?}", line);
            }
        }
    }
}
