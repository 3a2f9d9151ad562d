//! `rasoat plan` (SPEC §11) through the real binary: the roadmap of a needs.json that `rasoat
//! run` wrote, its outputs, and the refusals (exit 2, nothing written).

mod common;

use calamine::{Data, Reader, Xlsx};
use common::rasoat;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The folder where `rasoat run examples/submissions` wrote its outputs (once per test run).
fn run_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().unwrap().keep();
        let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/submissions");
        let o = rasoat(&[
            "run",
            ex.to_str().unwrap(),
            "--out",
            d.join("run").to_str().unwrap(),
            "-q",
        ]);
        assert!(o.code == 0 || o.code == 1, "{}", o.stderr);
        d.join("run")
    })
}

fn needs() -> Value {
    serde_json::from_slice(&std::fs::read(run_dir().join("needs.json")).unwrap()).unwrap()
}

fn read_json(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn int(v: &Value) -> i128 {
    v.as_str()
        .unwrap_or_else(|| panic!("{v} is not a money string"))
        .parse()
        .unwrap()
}

/// `plan` of the examples' needs.json into a fresh folder: (exit, stdout, stderr, folder).
fn plan(extra: &[&str]) -> (common::Out, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let needs = run_dir().join("needs.json");
    let mut args = vec![
        "plan",
        needs.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    (rasoat(&args), out)
}

#[test]
fn conformance_plan_matches_when_present() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    if !shared.join("expected-plan.json").exists() {
        eprintln!("skipped: ../shared/conformance not present");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let o = rasoat(&[
        "plan",
        shared.join("expected-needs.json").to_str().unwrap(),
        "--catalog",
        shared.join("catalog").to_str().unwrap(),
        "--budget",
        "1500000000",
        "--years",
        "2026-2027",
        "--out",
        out.path().to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let got = read_json(&out.path().join("plan.json"));
    let want = read_json(&shared.join("expected-plan.json"));
    // Value equality is exact: types included (1, "1" and 1.0 differ).
    for key in [
        "budget",
        "years",
        "lines",
        "unit_years",
        "unfunded",
        "totals",
    ] {
        assert_eq!(got[key], want[key], "plan.json `{key}` differs");
    }
    assert_eq!(got, want);
}

/// SPEC §11, the check that follows: one year with a budget at least the estimate is the
/// estimate, to the đồng, and nothing is left unfunded.
#[test]
fn one_year_with_the_estimate_as_budget_is_the_estimate() {
    let n = needs();
    let own = &n["totals"]["self"];
    let estimate = own["total"].as_str().unwrap().to_string();
    let twice = (int(&own["total"]) * 2).to_string();
    for budget in [estimate.as_str(), twice.as_str()] {
        let (o, out) = plan(&["--budget", budget, "--years", "2026", "-q"]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        let p = read_json(&out.path().join("plan.json"));
        let y = &p["years"][0];
        for f in ["amount", "vat", "contingency", "total"] {
            assert_eq!(y[f], own[f], "years[0].{f}");
        }
        assert_eq!(y["quantity"], n["totals"]["by_channel"]["self"]["quantity"]);
        assert_eq!(p["unfunded"], Value::Array(vec![]));
        assert_eq!(p["totals"]["funded"], own["total"]);
        assert_eq!(p["totals"]["unfunded"], "0");
        // Each unit's year is its estimate.
        let per_unit: BTreeMap<&str, &Value> = n["unit_totals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["unit"].as_str().unwrap(), t))
            .collect();
        for uy in p["unit_years"].as_array().unwrap() {
            let t = per_unit[uy["unit"].as_str().unwrap()];
            assert_eq!(uy["contingency"], t["contingency"]);
            assert_eq!(uy["total"], t["total"]);
        }
    }
}

/// Every device of every priced `self` line is funded in exactly one year or unfunded, no
/// year is over budget, and every figure adds up.
#[test]
fn funded_and_unfunded_are_the_needs_within_the_budget() {
    let n = needs();
    let estimate = int(&n["totals"]["self"]["total"]);
    // (unit, item) → (replace devices, new devices) of needs.json.
    let mut want: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
    for l in n["lines"].as_array().unwrap() {
        let q = l["quantity"].as_i64().unwrap();
        if l["channel"] != "self" || l["unit_price"].is_null() || q == 0 {
            continue;
        }
        let r = q.min(l["replace"].as_i64().unwrap());
        let key = (
            l["unit"].as_str().unwrap().into(),
            l["item"].as_str().unwrap().into(),
        );
        want.insert(key, (r, q - r));
    }
    assert!(!want.is_empty());
    for budget in [1, 25_000_000, 300_000_000, estimate / 3, estimate] {
        let b = budget.to_string();
        let (o, out) = plan(&["--budget", &b, "--years", "2026-2030", "-q"]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        let p = read_json(&out.path().join("plan.json"));
        assert_eq!(p["budget"], Value::String(b.clone()));
        let mut got: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
        let years = p["years"].as_array().unwrap();
        assert_eq!(years.len(), 5);
        let mut funded = 0;
        for (i, y) in years.iter().enumerate() {
            assert_eq!(y["year"], 2026 + i as i64);
            let total = int(&y["total"]);
            assert!(total <= budget, "{budget}: year {} over budget", y["year"]);
            assert_eq!(int(&y["left"]), budget - total);
            assert_eq!(
                total,
                int(&y["amount"]) + int(&y["vat"]) + int(&y["contingency"])
            );
            funded += total;
        }
        assert_eq!(int(&p["totals"]["funded"]), funded);
        for l in p["lines"].as_array().unwrap() {
            let key = (
                l["unit"].as_str().unwrap().into(),
                l["item"].as_str().unwrap().into(),
            );
            let e = got.entry(key).or_default();
            e.0 += l["replace"].as_i64().unwrap();
            e.1 += l["new"].as_i64().unwrap();
            assert_eq!(
                l["quantity"].as_i64().unwrap(),
                l["replace"].as_i64().unwrap() + l["new"].as_i64().unwrap()
            );
        }
        let mut unfunded = 0;
        for u in p["unfunded"].as_array().unwrap() {
            let key = (
                u["unit"].as_str().unwrap().into(),
                u["item"].as_str().unwrap().into(),
            );
            let e = got.entry(key).or_default();
            e.0 += u["replace"].as_i64().unwrap();
            e.1 += u["new"].as_i64().unwrap();
            unfunded += int(&u["total"]);
        }
        assert_eq!(int(&p["totals"]["unfunded"]), unfunded);
        assert_eq!(got, want, "budget {budget}: devices lost or counted twice");
        if budget == 1 {
            assert_eq!(funded, 0);
            assert!(p["lines"].as_array().unwrap().is_empty());
        }
    }
}

fn sheet(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<Vec<String>> {
    let r = wb.worksheet_range(name).unwrap();
    r.rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The workbook's sheets hold the roadmap's figures; two runs write the same bytes; the
/// terminal shows the years.
#[test]
fn outputs_are_the_roadmap_and_deterministic() {
    let n = needs();
    let budget = (int(&n["totals"]["self"]["total"]) / 3).to_string();
    let (o, out) = plan(&["--budget", &budget, "--years", "2026-2027"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    for want in ["2026", "2027", "Total", "Budget"] {
        assert!(o.stdout.contains(want), "{want} missing in\n{}", o.stdout);
    }
    let (o2, out2) = plan(&["--budget", &budget, "--years", "2026-2027", "-q"]);
    assert_eq!(o2.code, 0);
    assert!(o2.stdout.is_empty(), "--quiet prints nothing");
    for f in ["plan.json", "lo-trinh.xlsx"] {
        assert!(
            std::fs::read(out.path().join(f)).unwrap()
                == std::fs::read(out2.path().join(f)).unwrap(),
            "{f} differs between two runs"
        );
    }
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");

    let p = read_json(&out.path().join("plan.json"));
    let mut wb: Xlsx<_> = calamine::open_workbook(out.path().join("lo-trinh.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["Tổng hợp", "Chi tiết", "Chưa bố trí"]);
    let summary = sheet(&mut wb, "Tổng hợp");
    for y in p["years"].as_array().unwrap() {
        let label = format!("Năm {}", y["year"]);
        let row = summary
            .iter()
            .find(|r| r.get(1) == Some(&label))
            .unwrap_or_else(|| panic!("{label} missing"));
        assert_eq!(row[2], y["quantity"].to_string());
        for (c, f) in [
            (3, "amount"),
            (4, "vat"),
            (5, "contingency"),
            (6, "total"),
            (8, "left"),
        ] {
            assert_eq!(row[c], y[f].as_str().unwrap(), "{label} {f}");
        }
        assert_eq!(row[7], budget);
    }
    let total = summary
        .iter()
        .find(|r| r.get(1).map(String::as_str) == Some("Cộng"))
        .unwrap();
    assert_eq!(total[6], p["totals"]["funded"].as_str().unwrap());
    assert!(summary
        .iter()
        .flatten()
        .any(|c| c.starts_with("Bằng chữ: ") && c.ends_with(" đồng.")));

    let detail = sheet(&mut wb, "Chi tiết");
    for y in p["years"].as_array().unwrap() {
        let label = format!("Cộng năm {}", y["year"]);
        let row = detail.iter().find(|r| r.get(1) == Some(&label)).unwrap();
        assert_eq!(row[7], y["total"].as_str().unwrap(), "{label}");
    }
    let grand = detail
        .iter()
        .find(|r| r.get(1).map(String::as_str) == Some("TỔNG CỘNG"))
        .unwrap();
    assert_eq!(grand[7], p["totals"]["funded"].as_str().unwrap());
    // Every funded line is a row (only item rows have a unit of measure) under its year.
    let rows = detail
        .iter()
        .skip(5)
        .filter(|r| r.get(2).is_some_and(|u| !u.is_empty()))
        .count();
    assert_eq!(rows, p["lines"].as_array().unwrap().len());

    let left = sheet(&mut wb, "Chưa bố trí");
    let unfunded = p["unfunded"].as_array().unwrap();
    assert!(
        !unfunded.is_empty(),
        "two years of a third of the estimate leave something"
    );
    for u in unfunded {
        assert!(
            left.iter()
                .any(|r| r.get(1).map(String::as_str) == u["unit"].as_str()
                    && r.get(3).map(String::as_str) == u["item"].as_str()
                    && r.get(10).map(String::as_str) == u["total"].as_str()),
            "{u} missing in Chưa bố trí"
        );
    }
    let last = left
        .iter()
        .rev()
        .find(|r| r.get(1).map(String::as_str) == Some("Cộng"))
        .unwrap();
    assert_eq!(last[10], p["totals"]["unfunded"].as_str().unwrap());

    // --format json: the budget, the years and the totals of plan.json.
    let (o, _out) = plan(&[
        "--budget",
        &budget,
        "--years",
        "2026-2027",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["years"], p["years"]);
    assert_eq!(v["totals"], p["totals"]);
    assert_eq!(v["budget"], p["budget"]);
}

/// A folder holding needs.json is read as the file; a budget grouped by '.' is read as digits.
#[test]
fn a_folder_and_a_grouped_budget() {
    let out = tempfile::tempdir().unwrap();
    let o = rasoat(&[
        "plan",
        run_dir().to_str().unwrap(),
        "--budget",
        "1.000.000.000",
        "--years",
        "2026-2027",
        "--out",
        out.path().join("new/folder").to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let p = read_json(&out.path().join("new/folder/plan.json"));
    assert_eq!(p["budget"], "1000000000");
}

/// Bad flags and files: exit 2, a message that says what to write instead, nothing written.
#[test]
fn refusals_exit_2_and_write_nothing() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--budget", "5,000,000,000", "--years", "2026"],
            "--budget '5,000,000,000' is not a whole number of đồng; write 5000000000 or 5.000.000.000",
        ),
        (
            &["--budget", "0", "--years", "2026"],
            "--budget must be at least 1 đồng",
        ),
        (
            &["--budget", "1500000000.5", "--years", "2026"],
            "e.g. 5000000000 or 5.000.000.000",
        ),
        (
            &["--budget", "1000", "--years", "2027-2026"],
            "--years 2027-2026 runs backwards; write 2026-2027",
        ),
        (
            &["--budget", "1000", "--years", "2026-2040"],
            "--years 2026-2040 is 15 years; a roadmap covers at most 10; write e.g. 2026-2035",
        ),
        (
            &["--budget", "1000", "--years", "26"],
            "write Y1-Y2, e.g. 2026-2030, or one year, e.g. 2026",
        ),
    ];
    for (args, want) in cases {
        let out = tempfile::tempdir().unwrap();
        let dest = out.path().join("out");
        let needs = run_dir().join("needs.json");
        let mut a = vec![
            "plan",
            needs.to_str().unwrap(),
            "--out",
            dest.to_str().unwrap(),
        ];
        a.extend_from_slice(args);
        let o = rasoat(&a);
        assert_eq!(o.code, 2, "{args:?}");
        assert!(
            o.stderr.contains(want),
            "{args:?}: want {want:?} in\n{}",
            o.stderr
        );
        assert!(!dest.exists(), "{args:?}: nothing written");
    }

    // In Vietnamese.
    let out = tempfile::tempdir().unwrap();
    let file = run_dir().join("needs.json");
    let o = rasoat(&[
        "--lang",
        "vi",
        "plan",
        file.to_str().unwrap(),
        "--budget",
        "1000",
        "--years",
        "2027-2026",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .contains("--years 2027-2026 bị ngược; ghi 2026-2027"),
        "{}",
        o.stderr
    );

    // A needs.json of another catalog: both catalogs named.
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("needs.json");
    let dest = d.path().join("out");
    // `plan` of `file` (budget 1000, 2026) into `dest`: exit 2, nothing written, its stderr.
    let refused = |file: &Path| -> String {
        let o = rasoat(&[
            "plan",
            file.to_str().unwrap(),
            "--budget",
            "1000",
            "--years",
            "2026",
            "--out",
            dest.to_str().unwrap(),
        ]);
        assert_eq!(o.code, 2, "{}", o.stderr);
        assert!(!dest.exists(), "nothing written");
        o.stderr
    };
    let mut other = needs();
    other["catalog"]["effective"] = Value::String("2024-01-01".into());
    std::fs::write(&f, serde_json::to_vec(&other).unwrap()).unwrap();
    let err = refused(&f);
    let name = other["catalog"]["name"].as_str().unwrap();
    for want in [
        format!("was computed with the catalog \"{name}\" effective 2024-01-01"),
        format!("the catalog in use is \"{name}\" effective 2025-12-01"),
        "give --catalog the folder of the catalog the needs were computed with".into(),
    ] {
        assert!(err.contains(&want), "want {want:?} in\n{err}");
    }

    // Not a needs.json of this tool; no file at all.
    let mut broken = needs();
    broken["lines"][0]["total"] = Value::from(15);
    std::fs::write(&f, serde_json::to_vec(&broken).unwrap()).unwrap();
    let err = refused(&f);
    assert!(
        err.contains("not a needs.json written by rasoat") && err.contains("lines[0].total"),
        "{err}"
    );
    let err = refused(Path::new("/nonexistent/needs.json"));
    assert!(err.contains("/nonexistent/needs.json"), "{err}");
}

#[test]
fn help_shows_examples_and_flags() {
    let o = rasoat(&["plan", "--help"]);
    assert_eq!(o.code, 0);
    for want in [
        "Example:",
        "rasoat plan out/needs.json --budget 5.000.000.000 --years 2026-2030 --out lo-trinh",
        "--budget",
        "--years",
        "--catalog",
        "--out",
        "--format",
    ] {
        assert!(o.stdout.contains(want), "{want:?} missing in\n{}", o.stdout);
    }
    let o = rasoat(&["--help"]);
    assert!(o.stdout.contains("plan"), "{}", o.stdout);
    // Without --budget: clap's usage error, exit 2.
    assert_eq!(
        rasoat(&["plan", "x.json", "--years", "2026", "--out", "o"]).code,
        2
    );
}

#[test]
fn a_roadmap_before_the_needs_year_is_made_with_a_warning() {
    let (o, out) = plan(&["--budget", "1000000000", "--years", "2024-2025"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("warning: the roadmap starts in 2024, not after 2025"),
        "{}",
        o.stderr
    );
    assert!(out.path().join("plan.json").exists());
    let (o, _) = plan(&["--budget", "1000000000", "--years", "2026"]);
    assert_eq!(o.stderr, "", "no warning for the year after");
}
