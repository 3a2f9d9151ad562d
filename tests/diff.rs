//! `rasoat diff` (SPEC §10) through the real binary.
//!
//! Two rounds made by `rasoat run` from the bundled examples:
//! - round 1: the examples without `DU-X-BINHHUNG_lan2.xlsx` (Đảng ủy xã Bình Hưng at revision 1);
//! - round 2: all the examples (revision 2 wins: desktops 5 → 7 good ones, self-built PCs 3 → 2,
//!   Wi-Fi 2 → 3), without `HCCB-TP.xlsx` (a removed unit), and the Hội Nông dân's staff 3 → 6.
//!
//! The expected differences, worked out by hand from the catalog `catalogs/hcmc-2025`
//! (PC-DESKTOP 18.490.000 VAT incl., staff basis; PRINTER-A4 6.290.000 + 10%, 1 per 3 staff, at
//! least 1; UPS 2.390.000 + 10%, staff basis; SW-ENDPOINT 450.000, no VAT, police; WIFI-AP 2 per
//! site; contingency 5%):
//! - DU-X-BINHHUNG: PC-DESKTOP required 12, usable 7 → 9, unusable 3 → 2: gap 5 → 3, replace
//!   3 → 2, new 2 → 1, quantity 5 → 3, total 92.450.000 → 55.470.000 (−36.980.000). WIFI-AP:
//!   unusable 2 → 3, nothing else (gap 2, replace min(2, 3) = 2). Unit total −36.980.000 × 1,05
//!   = −38.829.000; revision 1 → 2 and file changed.
//! - HND-X-BINHHUNG, staff 3 → 6: PC-DESKTOP required 6, usable 1 → gap, quantity 2 → 5
//!   (+55.470.000); PRINTER-A4 ceil(6/3) = 2 → quantity 1 → 2 (+6.919.000); UPS 3 → 6
//!   (+7.887.000); SW-ENDPOINT 3 → 6 (+1.350.000, police). Unit total (55.470.000 + 6.919.000 +
//!   7.887.000) × 1,05 = +73.789.800.
//! - HCCB-TP removed: its 16 lines, its total 582.033.900 (self lines 554.318.000 × 1,05).
//! - Program estimate −38.829.000 − 582.033.900 + 73.789.800 = −547.073.100; Đảng −38.829.000,
//!   CT-XH −508.244.100; channel self −36.980.000 − 554.318.000 + 70.276.000 = −521.022.000,
//!   police +1.350.000.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{rasoat, Out};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

struct Rounds {
    dir: tempfile::TempDir,
}

impl Rounds {
    /// Both rounds run once; their `run --out` folders are `o1` and `o2`.
    fn new() -> Rounds {
        let dir = tempfile::tempdir().unwrap();
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/submissions");
        for r in ["r1", "r2"] {
            copy_dir(&examples, &dir.path().join(r));
        }
        let p = dir.path();
        std::fs::remove_file(p.join("r1/xa-binh-hung/DU-X-BINHHUNG_lan2.xlsx")).unwrap();
        std::fs::remove_file(p.join("r2/thanh-pho/HCCB-TP.xlsx")).unwrap();
        let csv = p.join("r2/xa-binh-hung/HND-X-BINHHUNG.csv");
        let text = std::fs::read_to_string(&csv).unwrap();
        assert!(text.contains("Số cán bộ: 3;"));
        std::fs::write(&csv, text.replace("Số cán bộ: 3;", "Số cán bộ: 6;")).unwrap();
        for (r, o) in [("r1", "o1"), ("r2", "o2")] {
            let out = rasoat(&[
                "run",
                p.join(r).to_str().unwrap(),
                "--quiet",
                "--out",
                p.join(o).to_str().unwrap(),
            ]);
            assert!(out.code == 0 || out.code == 1, "{out:?}");
        }
        Rounds { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn arg(&self, rel: &str) -> String {
        self.path(rel).to_str().unwrap().to_string()
    }

    fn diff(&self, old: &str, new: &str, extra: &[&str]) -> Out {
        let (o, n) = (self.arg(old), self.arg(new));
        let mut args = vec!["diff", o.as_str(), n.as_str()];
        args.extend(extra);
        rasoat(&args)
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn json_of(o: &Out) -> Value {
    serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", o.stdout))
}

/// A changed line as SPEC §10 prints it, on the `self` channel unless given.
#[allow(clippy::too_many_arguments)]
fn changed(
    item: &str,
    fields: &[&str],
    q: (u64, u64),
    t: (&str, &str),
    dt: &str,
    ch: &str,
) -> Value {
    json!({"item": item, "status": "changed", "fields": fields,
           "old_quantity": q.0, "new_quantity": q.1, "delta_quantity": q.1 as i64 - q.0 as i64,
           "old_total": t.0, "new_total": t.1, "delta_total": dt,
           "old_channel": ch, "new_channel": ch})
}

#[test]
fn two_rounds_differ_as_worked_out_by_hand() {
    let r = Rounds::new();
    let o = r.diff("o1", "o2", &["--format", "json"]);
    assert_eq!(o.code, 1, "{o:?}");
    let v = json_of(&o);
    let units = v["units"].as_array().unwrap();
    let codes: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u["code"].as_str().unwrap(), u["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("DU-X-BINHHUNG", "changed"),
            ("HCCB-TP", "removed"),
            ("HND-X-BINHHUNG", "changed")
        ]
    );
    let pc = [
        "usable", "unusable", "gap", "replace", "new", "quantity", "total",
    ];
    assert_eq!(
        units[0],
        json!({"code": "DU-X-BINHHUNG", "status": "changed",
        "old_total": units[0]["old_total"], "new_total": units[0]["new_total"],
        "delta_total": "-38829000", "fields": ["revision", "file", "total"],
        "lines": [
            changed("PC-DESKTOP", &pc, (5, 3), ("92450000", "55470000"), "-36980000", "self"),
            changed("WIFI-AP", &["unusable"], (2, 2), ("6380000", "6380000"), "0", "dxcenter")
        ]})
    );
    let grown = ["required", "gap", "new", "quantity", "total"];
    assert_eq!(
        units[2],
        json!({"code": "HND-X-BINHHUNG", "status": "changed",
        "old_total": units[2]["old_total"], "new_total": units[2]["new_total"],
        "delta_total": "73789800", "fields": ["staff", "total"],
        "lines": [
            changed("PC-DESKTOP", &grown, (2, 5), ("36980000", "92450000"), "55470000", "self"),
            changed("PRINTER-A4", &grown, (1, 2), ("6919000", "13838000"), "6919000", "self"),
            changed("SW-ENDPOINT", &grown, (3, 6), ("1350000", "2700000"), "1350000", "police"),
            changed("UPS", &grown, (3, 6), ("7887000", "15774000"), "7887000", "self")
        ]})
    );
    let old_total = |u: &Value| -> i64 { u["old_total"].as_str().unwrap().parse().unwrap() };
    let new_total = |u: &Value| -> i64 { u["new_total"].as_str().unwrap().parse().unwrap() };
    assert_eq!(new_total(&units[0]) - old_total(&units[0]), -38_829_000);
    assert_eq!(new_total(&units[2]) - old_total(&units[2]), 73_789_800);

    let hccb = &units[1];
    assert_eq!(hccb["old_total"], "582033900");
    assert_eq!(hccb["new_total"], Value::Null);
    assert_eq!(hccb["delta_total"], "-582033900");
    assert_eq!(hccb["fields"], json!([]));
    let lines = hccb["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 16, "every line, quantity-0 ones included");
    for l in lines {
        assert_eq!(l["status"], "removed");
        assert_eq!(l["fields"], json!([]));
        assert_eq!(l["new_quantity"], Value::Null);
        assert_eq!(l["new_total"], Value::Null);
        assert_eq!(l["new_channel"], Value::Null);
        assert_eq!(
            l["delta_quantity"].as_i64().unwrap(),
            -l["old_quantity"].as_i64().unwrap()
        );
    }
    let endpoint = lines.iter().find(|l| l["item"] == "SW-ENDPOINT").unwrap();
    assert_eq!(
        (
            endpoint["old_quantity"].as_u64(),
            endpoint["delta_total"].as_str()
        ),
        (Some(0), Some("0"))
    );

    let t = &v["totals"];
    assert_eq!(t["self"]["delta"], "-547073100");
    assert_eq!(t["by_block"]["dang"]["delta"], "-38829000");
    assert_eq!(t["by_block"]["mttq"]["delta"], "0");
    assert_eq!(t["by_block"]["ctxh"]["delta"], "-508244100");
    let channels: Vec<&str> = t["by_channel"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(channels, ["self", "centralized", "police", "dxcenter"]);
    assert_eq!(t["by_channel"]["self"]["delta"], "-521022000");
    assert_eq!(t["by_channel"]["police"]["delta"], "1350000");
    assert_eq!(t["by_channel"]["dxcenter"]["delta"], "0");
    assert_eq!(
        v["summary"],
        json!({"units_added": 0, "units_removed": 1, "units_changed": 2,
               "lines_added": 0, "lines_removed": 16, "lines_changed": 6})
    );
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["old", "new", "units", "totals", "summary"]);
    assert_eq!(v["old"], v["new"], "same catalog, same year");

    // NEW against OLD: the removed unit is added, every sign turns.
    let back = json_of(&r.diff("o2", "o1", &["--format", "json"]));
    assert_eq!(back["units"][1]["status"], "added");
    assert_eq!(back["units"][1]["old_total"], Value::Null);
    assert_eq!(back["totals"]["self"]["delta"], "547073100");
    assert_eq!(back["summary"]["lines_added"], 16);
}

#[test]
fn the_table_leads_with_the_totals_then_each_changed_unit() {
    let r = Rounds::new();
    let o = r.diff("o1", "o2", &["--lang", "en"]);
    assert_eq!(o.code, 1, "{o:?}");
    let t = &o.stdout;
    assert!(
        t.starts_with('╭'),
        "no note when catalogs and years agree:\n{t}"
    );
    let at = |s: &str| t.find(s).unwrap_or_else(|| panic!("{s:?} not in\n{t}"));
    assert!(at("Program estimate") < at("Channel") && at("Channel") < at("Units: 2 changed"));
    assert!(
        t.contains("3.925.677.000") && t.contains("-547.073.100"),
        "{t}"
    );
    assert!(at("DU-X-BINHHUNG Đảng ủy xã Bình Hưng") < at("HCCB-TP"));
    assert!(t.contains("revision 1 → 2"), "{t}");
    assert!(t.contains("staff 3 → 6"), "{t}");
    assert!(t.contains("5 → 3") && t.contains("-36.980.000"), "{t}");
    let vi = r.diff("o1", "o2", &["--lang", "vi"]);
    assert!(
        vi.stdout.contains("Dự toán chương trình (gồm dự phòng)"),
        "{}",
        vi.stdout
    );
    assert!(vi.stdout.contains("số cán bộ 3 → 6"), "{}", vi.stdout);
    assert!(vi.stdout.contains("bị bỏ"), "{}", vi.stdout);
}

#[test]
fn a_file_against_itself_gives_exit_0() {
    let r = Rounds::new();
    // A folder and the needs.json in it are the same file.
    let o = r.diff("o1", "o1/needs.json", &["--format", "json"]);
    assert_eq!(o.code, 0, "{o:?}");
    let v = json_of(&o);
    assert_eq!(v["units"], json!([]));
    assert_eq!(v["totals"]["self"]["delta"], "0");
    assert!(v["summary"].as_object().unwrap().values().all(|n| n == 0));
    let t = r.diff("o2", "o2", &["--lang", "en"]);
    assert_eq!(t.code, 0);
    assert!(t.stdout.ends_with("No differences.\n"), "{}", t.stdout);
    let q = r.diff("o2", "o1", &["--quiet"]);
    assert_eq!((q.code, q.stdout.as_str()), (1, ""));
}

/// A needs.json that is not one of this tool's: exit 2, the file and the field named, no
/// workbook written.
#[test]
fn a_broken_file_is_trouble_and_nothing_is_written() {
    let r = Rounds::new();
    let text = std::fs::read_to_string(r.path("o2/needs.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["lines"][3]["total"] = json!(12.5);
    std::fs::write(r.path("bad.json"), serde_json::to_vec(&v).unwrap()).unwrap();
    let xlsx = r.arg("so-sanh.xlsx");
    let o = r.diff("o1", "bad.json", &["-o", &xlsx, "--lang", "en"]);
    assert_eq!(o.code, 2, "{o:?}");
    assert_eq!(o.stdout, "");
    assert!(o.stderr.contains("bad.json"), "{}", o.stderr);
    assert!(o.stderr.contains("lines[3].total"), "{}", o.stderr);
    assert!(o.stderr.contains("integer string"), "{}", o.stderr);
    assert!(!Path::new(&xlsx).exists());

    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["unit_totals"].as_array_mut().unwrap().push(json!(
        {"unit": "NOBODY", "amount": "0", "vat": "0", "contingency": "0", "total": "0"}));
    std::fs::write(r.path("orphan.json"), serde_json::to_vec(&v).unwrap()).unwrap();
    let o = r.diff("orphan.json", "o1", &["--lang", "vi"]);
    assert_eq!(o.code, 2, "{o:?}");
    assert!(
        o.stderr.contains("orphan.json") && o.stderr.contains("NOBODY"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("không có trong `units`"), "{}", o.stderr);

    std::fs::write(r.path("cut.json"), &text[..text.len() / 2]).unwrap();
    let o = r.diff("o1", "cut.json", &["--lang", "en"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("cut.json") && o.stderr.contains("not JSON"),
        "{}",
        o.stderr
    );
    let o = r.diff("o1", "missing-folder", &[]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("missing-folder"), "{}", o.stderr);
    // Both files wrong: both named.
    let o = r.diff("cut.json", "bad.json", &[]);
    assert!(
        o.stderr.contains("cut.json") && o.stderr.contains("bad.json"),
        "{}",
        o.stderr
    );
}

#[test]
fn the_workbook_is_written_atomically_and_the_same_every_time() {
    let r = Rounds::new();
    let xlsx = r.arg("so-sanh.xlsx");
    let o = r.diff("o1", "o2", &["-o", &xlsx, "--quiet"]);
    assert_eq!(o.code, 1, "{o:?}");
    let first = std::fs::read(&xlsx).unwrap();
    let o = r.diff("o1", "o2", &["-o", &xlsx, "--quiet"]);
    assert_eq!(o.code, 1);
    assert!(first == std::fs::read(&xlsx).unwrap(), "byte-identical");
    let leftovers: Vec<_> = std::fs::read_dir(r.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(wb.sheet_names(), ["Tổng hợp", "Chi tiết"]);
    let rows = |wb: &mut Xlsx<_>, name: &str| -> Vec<Vec<Data>> {
        wb.worksheet_range(name)
            .unwrap()
            .rows()
            .map(<[Data]>::to_vec)
            .collect()
    };
    let summary = rows(&mut wb, "Tổng hợp");
    let total = summary
        .iter()
        .find(|r| r.get(1) == Some(&Data::String("TỔNG DỰ TOÁN".into())))
        .expect("the total row");
    assert_eq!(
        total[2..5],
        [
            Data::Float(3_925_677_000.0),
            Data::Float(3_378_603_900.0),
            Data::Float(-547_073_100.0)
        ]
    );
    // Channels and items by name (the bundled catalog made both files).
    let channel_cells: Vec<&Data> = summary.iter().filter_map(|r| r.get(1)).collect();
    for label in [
        "Đơn vị tự mua sắm (self)",
        "Trung tâm Chuyển đổi số Thành phố đầu tư (dxcenter)",
    ] {
        assert!(
            channel_cells.contains(&&Data::String(label.into())),
            "{label}: {channel_cells:?}"
        );
    }
    let detail = rows(&mut wb, "Chi tiết");
    let unit = detail
        .iter()
        .find(|r| {
            r.get(1)
                == Some(&Data::String(
                    "Hội Cựu chiến binh Thành phố Hồ Chí Minh".into(),
                ))
        })
        .expect("the removed unit's section");
    assert_eq!(unit[2], Data::String("Bị bỏ".into()));
    assert_eq!(
        unit[7..10],
        [
            Data::Float(582_033_900.0),
            Data::Empty,
            Data::Float(-582_033_900.0)
        ]
    );
    let pc = detail
        .iter()
        .find(|r| r.get(1) == Some(&Data::String("Máy tính để bàn (PC-DESKTOP)".into())))
        .expect("a PC-DESKTOP line");
    assert_eq!(
        pc[4..10]
            .iter()
            .filter_map(|d| match d {
                Data::Float(x) => Some(*x),
                _ => None,
            })
            .collect::<Vec<_>>(),
        [5.0, 3.0, -2.0, 92_450_000.0, 55_470_000.0, -36_980_000.0]
    );

    // A folder in the way, or a folder that does not exist: exit 2, nothing written.
    std::fs::create_dir(r.path("a-folder.xlsx")).unwrap();
    let o = r.diff("o1", "o2", &["-o", &r.arg("a-folder.xlsx")]);
    assert_eq!(o.code, 2, "{o:?}");
    assert!(o.stderr.contains("a-folder.xlsx"), "{}", o.stderr);
    let o = r.diff("o1", "o2", &["-o", &r.arg("nowhere/x.xlsx")]);
    assert_eq!(o.code, 2, "{o:?}");
    assert!(!r.path("nowhere").exists());
}

#[test]
fn files_of_different_years_say_so_first() {
    let r = Rounds::new();
    let o = rasoat(&[
        "run",
        r.arg("r1").as_str(),
        "--as-of",
        "2027",
        "--quiet",
        "--out",
        r.arg("o3").as_str(),
    ]);
    assert!(o.code < 2, "{o:?}");
    let t = r.diff("o1", "o3", &["--lang", "en"]);
    let first = t.stdout.lines().next().unwrap();
    assert!(first.starts_with("Note: the two files were made with ages counted as of different years (old: 2025; new: 2027)"), "{first}");
    let xlsx = r.arg("years.xlsx");
    r.diff("o1", "o3", &["-o", &xlsx, "-q"]);
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    for name in ["Tổng hợp", "Chi tiết"] {
        let range = wb.worksheet_range(name).unwrap();
        let a1 = range
            .get_value((0, 0))
            .and_then(|d| match d {
                Data::String(s) => Some(s.clone()),
                _ => None,
            })
            .unwrap_or_default();
        assert!(
            a1.starts_with("Lưu ý: hai tệp được lập với năm tính"),
            "{name}: {a1}"
        );
    }
    let j = json_of(&r.diff("o1", "o3", &["--format", "json"]));
    assert_eq!(
        (j["old"]["as_of"].as_i64(), j["new"]["as_of"].as_i64()),
        (Some(2025), Some(2027))
    );
}

#[test]
fn conformance_diff_matches_when_present() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    if !shared.join("expected-diff.json").exists() {
        eprintln!("skipped: ../shared/conformance not present");
        return;
    }
    let o = rasoat(&[
        "diff",
        shared.join("expected-needs.json").to_str().unwrap(),
        shared.join("expected-needs-2026.json").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.code, 1, "{o:?}");
    let out = tempfile::tempdir().unwrap();
    let got = out.path().join("diff.json");
    std::fs::write(&got, &o.stdout).unwrap();
    let Some((code, report)) = common::run_compare(
        &shared.join("compare_json.py"),
        &[&shared.join("expected-diff.json"), &got],
        &["old", "new", "units", "totals", "summary"],
    ) else {
        eprintln!("skipped compare: no python3");
        return;
    };
    assert_eq!(code, Some(0), "{report}");
}

#[test]
fn columns_fits_the_table_without_cutting_codes_or_figures() {
    let r = Rounds::new();
    let (o, n) = (r.arg("o1"), r.arg("o2"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(["diff", &o, &n, "--lang", "en"])
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let wide = |l: &&str| l.chars().count();
    let widest = text.lines().map(|l| wide(&l)).max().unwrap();
    // The detail table's figures and codes cannot all fit 80 columns; it comes within a few.
    assert!(widest <= 90, "{widest}:\n{text}");
    assert!(
        text.contains("Units: 2 changed, 0 added, 1 removed.\nNeed lines:"),
        "{text}"
    );
    // Every signed figure stands whole on one line.
    for l in text.lines() {
        for w in l.split(['│', ' ']) {
            if let Some(rest) = w.strip_prefix('+').or_else(|| w.strip_prefix('-')) {
                if rest.contains('.') {
                    assert!(
                        rest.split('.').skip(1).all(|g| g.len() == 3),
                        "cut figure {w} in {l}"
                    );
                }
            }
        }
    }
    assert!(text.contains("HND-X-BINHHUNG"), "{text}");
}
