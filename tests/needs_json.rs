//! The needs.json reader (SPEC §6, used by `diff` and `plan`) reads back what `rasoat run`
//! writes, field for field.

mod common;

use common::rasoat;
use rasoat::needs_json::{self, Problem};
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::Path;

fn money(v: &Value) -> Option<Decimal> {
    v.as_str().map(|s| s.parse().unwrap())
}

/// Every field the reader keeps equals the file's own value.
fn assert_same(nf: &needs_json::NeedsFile, v: &Value) {
    assert_eq!(nf.catalog.name, v["catalog"]["name"].as_str().unwrap());
    assert_eq!(nf.as_of as i64, v["as_of"].as_i64().unwrap());
    let units = v["units"].as_array().unwrap();
    assert_eq!(nf.units.len(), units.len());
    for (u, j) in nf.units.iter().zip(units) {
        assert_eq!(u.code, j["code"].as_str().unwrap());
        assert_eq!(u.block.as_str(), j["block"].as_str().unwrap());
        assert_eq!(u.level.as_str(), j["level"].as_str().unwrap());
        assert_eq!(u.staff, j["staff"].as_u64().unwrap());
        assert_eq!(u.revision, j["revision"].as_u64().unwrap());
        assert_eq!(u.file, j["file"].as_str().unwrap());
    }
    let lines = v["lines"].as_array().unwrap();
    assert_eq!(nf.lines.len(), lines.len());
    for (l, j) in nf.lines.iter().zip(lines) {
        assert_eq!(l.unit, j["unit"].as_str().unwrap());
        assert_eq!(l.item, j["item"].as_str().unwrap());
        assert_eq!(l.channel, j["channel"].as_str().unwrap());
        assert_eq!(
            l.site_units.len(),
            j["site_units"].as_array().unwrap().len()
        );
        assert_eq!(l.quantity, j["quantity"].as_u64().unwrap());
        assert_eq!(l.replace, j["replace"].as_u64().unwrap());
        assert_eq!(l.requested, j["requested"].as_u64());
        assert_eq!(l.unit_price, money(&j["unit_price"]));
        assert_eq!(l.total, money(&j["total"]));
    }
    for (t, j) in nf
        .unit_totals
        .iter()
        .zip(v["unit_totals"].as_array().unwrap())
    {
        assert_eq!(t.unit, j["unit"].as_str().unwrap());
        assert_eq!(Some(t.total), money(&j["total"]));
    }
    let totals = &v["totals"];
    assert_eq!(Some(nf.totals.self_.total), money(&totals["self"]["total"]));
    let ids: Vec<&str> = totals["by_channel"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let got: Vec<&str> = nf
        .totals
        .by_channel
        .iter()
        .map(|c| c.channel.as_str())
        .collect();
    assert_eq!(got, ids);
    for c in &nf.totals.by_channel {
        assert_eq!(
            Some(c.total),
            money(&totals["by_channel"][&c.channel]["total"])
        );
    }
    assert_eq!(nf.totals.by_block.len(), 3);
    assert_eq!(nf.totals.by_level.len(), 2);
}

#[test]
fn reads_back_what_run_writes() {
    let out = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/submissions");
    let o = rasoat(&[
        "run",
        examples.to_str().unwrap(),
        "--quiet",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.code == 0 || o.code == 1, "{o:?}");
    let nf = needs_json::load(out.path()).expect("the folder's needs.json");
    let v: Value =
        serde_json::from_slice(&std::fs::read(out.path().join("needs.json")).unwrap()).unwrap();
    assert!(!nf.lines.is_empty());
    assert!(
        nf.lines.iter().any(|l| l.total.is_none()) || nf.lines.iter().all(|l| l.total.is_some())
    );
    assert_same(&nf, &v);
}

#[test]
fn reads_the_conformance_answers_when_present() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    for name in ["expected-needs.json", "expected-needs-2026.json"] {
        let p = shared.join(name);
        let Ok(bytes) = std::fs::read(&p) else {
            eprintln!("skipped: {} not present", p.display());
            continue;
        };
        let nf = needs_json::parse(&bytes, name).unwrap_or_else(|e| panic!("{e}"));
        assert_same(&nf, &serde_json::from_slice(&bytes).unwrap());
    }
}

#[test]
fn a_file_that_is_not_a_needs_json_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("diagnostics.json");
    std::fs::write(&p, "{\"diagnostics\": []}\n").unwrap();
    let e = needs_json::load(&p).unwrap_err();
    assert_eq!(e.problem, Problem::Missing);
    assert_eq!(e.path.as_deref(), Some("catalog"));
    assert_eq!(e.file, p.display().to_string());
}
