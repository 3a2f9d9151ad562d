//! Needs (SPEC §4), number by number, on submission sets built in the tests and read by the
//! real binary. Submissions are CSV (a fully supported format) so each set reads at a glance.

mod common;

use common::{fields, requests_sheet, write_catalog, Book, Form, C, SHORT_HEADER};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const ITEMS: &str = "\
code,name,group,basis,norm_qty,norm_min,norm_max,blocks,levels,useful_life_years,min_config,max_unit_price,aliases
DESK,Máy tính để bàn,terminal,staff,1,,,*,*,5,ram_gb>=8;ssd,20000000,máy tính để bàn|desktop|máy bộ
LAPTOP,Máy tính xách tay lãnh đạo,terminal,leader,1,,,*,*,5,,25000000,laptop|máy tính xách tay
PRN,Máy in,office,staff,1/3,1,3,*,*,6,,10000000,máy in|printer
SW,Switch,network,site,1,1,2,dang;mttq,*,7,,,switch
VC,Hội nghị truyền hình,av,unit,1,,,*,city,7,,,hội nghị truyền hình
AV,Diệt virus,software,staff,1,,,*,*,,,,diệt virus
";

const PRICES: &str = "\
item,unit_price,vat_included,vat_percent,source,date
DESK,15000000,true,,test,2025-10-01
LAPTOP,20000000,false,,test,2025-10-01
PRN,5000000,false,,test,2025-10-01
SW,10000000,false,,test,2025-10-01
VC,90000000,true,,test,2025-10-01
AV,400000,true,0,test,2025-10-01
";

const ROUTING: &str = "\
item,block,level,channel,basis
AV,*,*,police,item row
group:network,dang,*,dxcenter,group and block row
PRN,ctxh,*,self,first match wins over the next row
*,ctxh,*,dxcenter,any item for a block
PRN,*,city,centralized,item and level row
";

const TOML: &str = "\
name = \"Needs test catalog\"
effective = \"2025-12-01\"
reference_year = 2025
currency = \"VND\"
vat_percent = \"10\"
contingency_percent = \"5\"
[channels]
self = \"Tự mua sắm\"
centralized = \"Mua sắm tập trung\"
police = \"Công an\"
dxcenter = \"Trung tâm CĐS\"
";

struct Set {
    dir: tempfile::TempDir,
}

struct Run {
    status: i32,
    stderr: String,
    needs: Value,
}

impl Set {
    fn new() -> Set {
        let dir = tempfile::tempdir().unwrap();
        write_catalog(&dir.path().join("catalog"), TOML, ITEMS, PRICES, ROUTING);
        std::fs::create_dir_all(dir.path().join("in")).unwrap();
        Set { dir }
    }

    fn input(&self) -> PathBuf {
        self.dir.path().join("in")
    }

    /// A CSV submission: a title, the unit's fields as `Label: value` lines, then the table
    /// (each row given as its comma-separated cells after STT, which is numbered).
    fn unit(&self, file: &str, fields: &[(&str, C)], rows: &[&str]) -> &Self {
        let rows = rows.iter().map(|r| r.split(',').map(C::from).collect());
        let form = Form::new()
            .title("BÁO CÁO HIỆN TRẠNG")
            .labels(fields)
            .header(&SHORT_HEADER)
            .numbered(rows.collect());
        std::fs::write(self.input().join(file), form.csv(',')).unwrap();
        self
    }

    fn run_args(&self, args: &[&str]) -> Run {
        let out = self.dir.path().join("out");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rasoat"));
        cmd.env_remove("COLUMNS");
        cmd.arg("run");
        for a in args {
            cmd.arg(a);
        }
        cmd.arg("--catalog").arg(self.dir.path().join("catalog"));
        cmd.args(["--as-of", "2025", "--quiet", "--out"]).arg(&out);
        let o = cmd.output().unwrap();
        let needs: Value =
            serde_json::from_slice(&std::fs::read(out.join("needs.json")).unwrap_or_default())
                .unwrap_or(Value::Null);
        Run {
            status: o.status.code().unwrap_or(-1),
            stderr: String::from_utf8_lossy(&o.stderr).into(),
            needs,
        }
    }

    fn run(&self) -> Run {
        let input = self.input();
        self.run_args(&[input.to_str().unwrap()])
    }
}

/// A unit named by its code, with a site and leaders: the seven fields the needs depend on.
fn unit_fields(
    code: &str,
    block: &str,
    level: &str,
    site: &str,
    staff: &str,
    leaders: &str,
) -> Vec<(&'static str, C)> {
    let mut f = fields(code, code, block, level, staff);
    f.insert(4, ("Mã trụ sở", C::from(site)));
    f.push(("Số lãnh đạo", C::from(leaders)));
    f
}

impl Run {
    fn line(&self, unit: &str, item: &str) -> &Value {
        self.needs["lines"]
            .as_array()
            .and_then(|ls| ls.iter().find(|l| l["unit"] == unit && l["item"] == item))
            .unwrap_or_else(|| panic!("no line {unit}/{item}: {}", self.stderr))
    }

    fn has_line(&self, unit: &str, item: &str) -> bool {
        self.needs["lines"]
            .as_array()
            .is_some_and(|ls| ls.iter().any(|l| l["unit"] == unit && l["item"] == item))
    }

    /// (required, usable, unusable, gap, replace, new, quantity, excess)
    fn q(&self, unit: &str, item: &str) -> [u64; 8] {
        let l = self.line(unit, item);
        [
            "required", "usable", "unusable", "gap", "replace", "new", "quantity", "excess",
        ]
        .map(|f| {
            l[f].as_u64()
                .unwrap_or_else(|| panic!("{f} of {unit}/{item}"))
        })
    }

    fn codes(&self) -> Vec<(String, String)> {
        self.needs["diagnostics"]
            .as_array()
            .map(|d| {
                d.iter()
                    .map(|x| {
                        (
                            x["code"].as_str().unwrap_or("").to_string(),
                            x["cell"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn ledger_balances(&self) {
        let l = &self.needs["ledger"];
        let n = |f: &str| l[f].as_u64().unwrap();
        assert_eq!(
            n("rows_read"),
            n("rows_counted") + n("rows_skipped") + n("rows_unclassified") + n("rows_rejected")
        );
        assert_eq!(
            n("units") as usize,
            self.needs["units"].as_array().unwrap().len()
        );
    }
}

#[test]
fn each_basis_gives_its_required_quantity() {
    let s = Set::new();
    s.unit(
        "a.csv",
        &unit_fields("U-CITY", "Đảng", "Thành phố", "S1", "7", "2"),
        &[],
    );
    s.unit(
        "b.csv",
        &unit_fields("U-WARD", "MTTQ", "Phường", "S2", "10", "0"),
        &[],
    );
    let r = s.run();
    assert_eq!(r.status, 0, "{}", r.stderr);
    // staff: 1 × 7; leader: 1 × 2; staff 1/3 × 7 = ceil(2.33) = 3 (max 3); unit: 1; site: 1 (min 1).
    assert_eq!(r.q("U-CITY", "DESK")[0], 7);
    assert_eq!(r.q("U-CITY", "LAPTOP")[0], 2);
    assert_eq!(r.q("U-CITY", "PRN")[0], 3);
    assert_eq!(r.q("U-CITY", "VC")[0], 1);
    assert_eq!(r.q("U-CITY", "SW")[0], 1);
    // 1/3 × 10 = ceil(3.33) = 4, capped at norm_max 3; leaders 0 → 0; VC is city-only.
    assert_eq!(r.q("U-WARD", "PRN")[0], 3);
    assert_eq!(r.q("U-WARD", "LAPTOP")[0], 0);
    assert!(!r.has_line("U-WARD", "VC"));
    r.ledger_balances();
}

#[test]
fn age_exactly_at_the_useful_life_is_not_usable() {
    let s = Set::new();
    s.unit(
        "a.csv",
        &unit_fields("U1", "Đảng", "Xã", "S1", "5", "1"),
        &[
            "Máy tính để bàn Dell,i5/8GB/256GB SSD,2020,2,Tốt,",
            "Máy tính để bàn HP,i5/8GB/256GB SSD,2021,1,Tốt,",
        ],
    );
    let r = s.run();
    // 2025 − 2020 = 5 = life → unusable; 2021 → 4 < 5 → usable.
    assert_eq!(r.q("U1", "DESK"), [5, 1, 2, 4, 2, 2, 4, 0]);
    r.ledger_balances();
}

#[test]
fn unknown_year_and_unreadable_config_count_as_usable_with_warnings() {
    let s = Set::new();
    s.unit(
        "a.csv",
        &unit_fields("U1", "Đảng", "Xã", "S1", "3", "0"),
        &[
            "Máy tính để bàn Dell,,,1,Tốt,",
            "Máy tính để bàn HP,Core i5,không rõ,1,Tốt,",
        ],
    );
    let r = s.run();
    assert_eq!(r.q("U1", "DESK")[1], 2, "both rows usable");
    let codes = r.codes();
    // Row 10: empty year (item has a life) and both min_config terms unreadable.
    assert!(
        codes.contains(&("W-YEAR-UNKNOWN".into(), "D10".into())),
        "{codes:?}"
    );
    assert_eq!(
        codes
            .iter()
            .filter(|c| c.0 == "W-CONFIG-UNREADABLE" && c.1 == "C10")
            .count(),
        2
    );
    // Row 11: unreadable year text, config without RAM or SSD.
    assert!(codes.contains(&("W-YEAR-UNKNOWN".into(), "D11".into())));
    assert_eq!(
        codes
            .iter()
            .filter(|c| c.0 == "W-CONFIG-UNREADABLE" && c.1 == "C11")
            .count(),
        2
    );
    assert_eq!(r.status, 0, "warnings only");
}

#[test]
fn every_condition_class() {
    let s = Set::new();
    s.unit(
        "a.csv",
        &unit_fields("U1", "Đảng", "Xã", "S1", "9", "0"),
        &[
            "Máy in HP,,2024,1,Tốt,",
            "Máy in Canon,,2024,1,Hỏng màn hình,",
            "Máy in Brother,,2024,1,Cũ,",
            "Máy in Epson,,2024,1,Không sử dụng được,",
            "Máy in Ricoh,,2024,1,Còn dùng tạm,",
        ],
    );
    let r = s.run();
    // good + unknown(→ good) usable; broken, worn, broken unusable. Required ceil(9/3)=3.
    assert_eq!(r.q("U1", "PRN"), [3, 2, 3, 1, 1, 0, 1, 0]);
    assert!(r
        .codes()
        .contains(&("W-CONDITION-UNKNOWN".into(), "F14".into())));
}

#[test]
fn requests_below_above_and_inapplicable() {
    let s = Set::new();
    s.unit(
        "a.csv",
        &unit_fields("U1", "Đảng", "Xã", "S1", "6", "2"),
        &[],
    );
    // CSV has no requests sheet: build an xlsx for requests.
    let mut info = fields("U2", "U2", "Đảng", "Xã", "6");
    info.push(("Số lãnh đạo", C::from("2")));
    let inv = Form::new()
        .labels(&info)
        .line(vec![])
        .line(vec![])
        .header(&["Tên thiết bị", "Số lượng"]);
    let req = requests_sheet(&[("DESK", 4), ("LAPTOP", 3), ("VC", 2), ("LAPTOP", 2)]);
    let book = Book::new().sheet(inv.sheet("Hiện trạng")).sheet(req);
    std::fs::write(s.input().join("b.xlsx"), book.xlsx()).unwrap();
    let r = s.run();
    // Below the gap: quantity = requested.
    assert_eq!(r.q("U2", "DESK"), [6, 0, 0, 6, 0, 6, 4, 0]);
    assert_eq!(r.line("U2", "DESK")["requested"], 4);
    // Two rows for LAPTOP add up to 5, above the gap of 2: excess 3.
    assert_eq!(r.q("U2", "LAPTOP"), [2, 0, 0, 2, 0, 2, 2, 3]);
    // VC is city-only: an extra line with everything 0 but excess.
    assert_eq!(r.q("U2", "VC"), [0, 0, 0, 0, 0, 0, 0, 2]);
    assert_eq!(r.line("U2", "VC")["requested"], 2);
    assert_eq!(r.line("U2", "VC")["amount"], "0");
    assert!(r.codes().iter().any(|c| c.0 == "W-REQ-NOT-APPLICABLE"));
    // Without a request: requested null, quantity = gap.
    assert_eq!(r.line("U1", "DESK")["requested"], Value::Null);
    assert_eq!(r.q("U1", "DESK")[6], 6);
    for l in r.needs["lines"].as_array().unwrap() {
        if let Some(req) = l["requested"].as_u64() {
            assert_eq!(
                l["quantity"].as_u64().unwrap() + l["excess"].as_u64().unwrap(),
                req
            );
        }
    }
}

#[test]
fn superseded_and_conflicting_revisions() {
    let s = Set::new();
    let mut f1 = unit_fields("U1", "Đảng", "Xã", "S1", "4", "0");
    f1.push(("Lần nộp", C::from("1")));
    let mut f2 = unit_fields("U1", "Đảng", "Xã", "S1", "4", "0");
    f2.push(("Lần nộp", C::from("2")));
    s.unit(
        "u1-a.csv",
        &f1,
        &["Máy tính để bàn,i5/8GB/256GB SSD,2024,1,Tốt,"],
    );
    s.unit(
        "u1-b.csv",
        &f2,
        &["Máy tính để bàn,i5/8GB/256GB SSD,2024,3,Tốt,"],
    );
    // Same revision and date, identical content: the first in sorted order wins.
    s.unit(
        "u2-a.csv",
        &unit_fields("U2", "Đảng", "Xã", "S2", "4", "0"),
        &["Máy in,,2024,1,Tốt,"],
    );
    s.unit(
        "u2-b.csv",
        &unit_fields("U2", "Đảng", "Xã", "S2", "4", "0"),
        &["Máy in,,2024,1,Tốt,"],
    );
    // Same revision and date, different content: conflict, unit left out.
    s.unit(
        "u3-a.csv",
        &unit_fields("U3", "Đảng", "Xã", "S3", "4", "0"),
        &["Máy in,,2024,1,Tốt,"],
    );
    s.unit(
        "u3-b.csv",
        &unit_fields("U3", "Đảng", "Xã", "S3", "4", "0"),
        &["Máy in,,2024,2,Tốt,"],
    );
    let r = s.run();
    assert_eq!(r.status, 1, "a conflict is an error");
    let sup: Vec<(String, String, String)> = r.needs["superseded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["unit"].as_str().unwrap().into(),
                x["file"].as_str().unwrap().into(),
                x["by"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        sup,
        [
            ("U1".into(), "u1-a.csv".into(), "u1-b.csv".into()),
            ("U2".into(), "u2-b.csv".into(), "u2-a.csv".into())
        ]
    );
    assert_eq!(r.q("U1", "DESK")[1], 3, "revision 2 counted");
    let units: Vec<&str> = r.needs["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(units, ["U1", "U2"]);
    let conflicts: Vec<_> = r.needs["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "E-UNIT-CONFLICT")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(conflicts, ["u3-a.csv", "u3-b.csv"]);
    assert_eq!(r.needs["ledger"]["files"], 6);
    r.ledger_balances();
}

#[test]
fn a_later_date_wins_at_equal_revision() {
    let s = Set::new();
    let mut f1 = unit_fields("U1", "Đảng", "Xã", "S1", "4", "0");
    f1.push(("Ngày lập", C::from("20/11/2025")));
    let mut f2 = unit_fields("U1", "Đảng", "Xã", "S1", "4", "0");
    f2.push(("Ngày lập", C::from("2025-11-21")));
    s.unit("z.csv", &f1, &["Máy in,,2024,1,Tốt,"]);
    s.unit("a.csv", &f2, &["Máy in,,2024,2,Tốt,"]);
    let r = s.run();
    assert_eq!(r.needs["superseded"][0]["file"], "z.csv");
    assert_eq!(r.needs["superseded"][0]["by"], "a.csv");
    assert_eq!(r.q("U1", "PRN")[1], 2);
}

#[test]
fn a_duplicated_asset_id_across_two_units_counts_once() {
    let s = Set::new();
    s.unit(
        "a.csv",
        &unit_fields("U-A", "Đảng", "Xã", "S1", "2", "0"),
        &["Máy tính để bàn,i5/8GB/256GB SSD,2024,1,Tốt,SN-001"],
    );
    s.unit(
        "b.csv",
        &unit_fields("U-B", "Đảng", "Xã", "S2", "2", "0"),
        &[
            "Máy tính để bàn,i5/8GB/256GB SSD,2024,1,Tốt, sn-001 ",
            "Máy tính để bàn,i5/8GB/256GB SSD,2024,1,Tốt,SN-002",
        ],
    );
    let r = s.run();
    assert_eq!(r.q("U-A", "DESK")[1], 1);
    assert_eq!(
        r.q("U-B", "DESK")[1],
        1,
        "the duplicate is not counted again"
    );
    let d = &r.needs["duplicates"][0];
    assert_eq!(d["unit"], "U-B");
    assert_eq!(d["asset_id"], "sn-001");
    assert_eq!(d["file"], "b.csv");
    assert_eq!(d["row"], 10);
    assert_eq!(d["first"]["unit"], "U-A");
    assert_eq!(d["first"]["row"], 10);
    assert_eq!(r.needs["ledger"]["rows_skipped"], 1);
    assert!(r
        .codes()
        .contains(&("W-ASSET-DUPLICATE".into(), "G10".into())));
    r.ledger_balances();
}

#[test]
fn a_duplicate_row_with_no_quantity_has_no_empty_quantity_warning() {
    // SPEC §3: `W-QTY-EMPTY` only for rows that end counted or unclassified; a duplicate
    // asset's row ends skipped.
    let s = Set::new();
    let row = "Máy tính để bàn,i5/8GB/256GB SSD,2024,,Tốt,SN-001";
    s.unit(
        "a.csv",
        &unit_fields("U-A", "Đảng", "Xã", "S1", "2", "0"),
        &[row],
    );
    s.unit(
        "b.csv",
        &unit_fields("U-B", "Đảng", "Xã", "S2", "2", "0"),
        &[row],
    );
    let r = s.run();
    assert_eq!(r.needs["duplicates"][0]["file"], "b.csv");
    let warned: Vec<(&str, &str)> = r.needs["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "W-QTY-EMPTY" || d["code"] == "W-ASSET-DUPLICATE")
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        warned,
        [("W-QTY-EMPTY", "a.csv"), ("W-ASSET-DUPLICATE", "b.csv")]
    );
    r.ledger_balances();
}

#[test]
fn three_units_share_a_site_and_one_item_applies_to_two() {
    let s = Set::new();
    s.unit(
        "ctxh.csv",
        &unit_fields("A-CTXH", "Đoàn thể", "Phường", "TS-1", "3", "0"),
        &["Switch TP-Link,,2024,1,Tốt,"],
    );
    s.unit(
        "mttq.csv",
        &unit_fields("B-MTTQ", "MTTQ", "Phường", "TS-1", "3", "0"),
        &["Switch Cisco,,2024,1,Hỏng,"],
    );
    s.unit(
        "dang.csv",
        &unit_fields("Z-DANG", "Đảng", "Phường", " TS-1 ", "3", "0"),
        &[],
    );
    let r = s.run();
    // SW applies to dang and mttq only: one line owned by the Đảng unit (block order first).
    let l = r.line("Z-DANG", "SW");
    assert_eq!(l["site_units"], serde_json::json!(["Z-DANG", "B-MTTQ"]));
    assert_eq!(l["site"], "TS-1");
    // The ctxh unit's switch does not count for the site; the mttq one is broken.
    assert_eq!(r.q("Z-DANG", "SW"), [1, 0, 1, 1, 1, 0, 1, 0]);
    assert_eq!(l["channel"], "dxcenter", "routed by the owner's block");
    assert!(!r.has_line("B-MTTQ", "SW"));
    assert!(!r.has_line("A-CTXH", "SW"));
}

#[test]
fn every_routing_form_and_first_match_wins() {
    let s = Set::new();
    s.unit(
        "a.csv",
        &unit_fields("C-CITY", "MTTQ", "Thành phố", "S1", "3", "1"),
        &[],
    );
    s.unit(
        "b.csv",
        &unit_fields("D-DANG", "Đảng", "Xã", "S2", "3", "1"),
        &[],
    );
    s.unit(
        "c.csv",
        &unit_fields("E-CTXH", "CT-XH", "Xã", "S3", "3", "1"),
        &[],
    );
    let r = s.run();
    let ch = |u: &str, i: &str| r.line(u, i)["channel"].as_str().unwrap().to_string();
    assert_eq!(ch("D-DANG", "AV"), "police", "item row");
    assert_eq!(ch("D-DANG", "SW"), "dxcenter", "group + block row");
    assert_eq!(
        ch("C-CITY", "SW"),
        "self",
        "group row does not match mttq: no row → self"
    );
    assert_eq!(
        ch("E-CTXH", "PRN"),
        "self",
        "first match wins over the `*` row below it"
    );
    assert_eq!(ch("E-CTXH", "DESK"), "dxcenter", "`*` item with a block");
    assert_eq!(ch("C-CITY", "PRN"), "centralized", "item + level row");
    assert_eq!(ch("D-DANG", "PRN"), "self");
    // Only self lines are in unit totals; by_channel lists every channel.
    let keys: Vec<&String> = r.needs["totals"]["by_channel"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys, ["self", "centralized", "police", "dxcenter"]);
}

#[test]
fn output_does_not_depend_on_argument_order_or_jobs() {
    let s = Set::new();
    for (f, code, block, site) in [
        ("x.csv", "U1", "Đảng", "S"),
        ("y.csv", "U2", "MTTQ", "S"),
        ("z.csv", "U3", "CT-XH", "T"),
    ] {
        s.unit(
            f,
            &unit_fields(code, block, "Xã", site, "4", "1"),
            &[
                "Máy tính để bàn,i5/8GB/256GB SSD,2019,2,Tốt,SN-9",
                "Switch,,2022,1,Tốt,",
                "Máy in,,2020,1,Cũ,",
            ],
        );
    }
    let p = |f: &str| s.input().join(f).to_str().unwrap().to_string();
    let (x, y, z) = (p("x.csv"), p("y.csv"), p("z.csv"));
    let out = s.dir.path().join("out");
    let mut seen = Vec::new();
    for (args, jobs) in [
        ([&x, &y, &z], "1"),
        ([&z, &x, &y], "2"),
        ([&y, &z, &x], "4"),
        // Far more threads than files or outputs: as many are used as there is work for.
        ([&x, &z, &y], "100000"),
    ] {
        let mut a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
        a.extend(["--jobs", jobs]);
        let r = s.run_args(&a);
        assert_eq!(r.status, 0, "{}", r.stderr);
        let bytes: Vec<Vec<u8>> = [
            "needs.json",
            "needs.csv",
            "diagnostics.json",
            "du-toan-tai-chinh.xlsx",
            "khai-toan-khcn.xlsx",
        ]
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect();
        seen.push(bytes);
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[0], seen[2]);
    assert_eq!(seen[0], seen[3]);
}

fn money(v: &Value) -> i128 {
    v.as_str()
        .unwrap_or_else(|| panic!("money must be a string: {v}"))
        .parse()
        .unwrap()
}

/// Every total is the exact sum of the figures below it (SPEC §5, §6).
fn assert_totals_add_up(needs: &Value) {
    let lines = needs["lines"].as_array().unwrap();
    let mut self_sum = (0i128, 0i128, 0i128, 0i128);
    for u in needs["unit_totals"].as_array().unwrap() {
        let mine: Vec<&Value> = lines
            .iter()
            .filter(|l| l["unit"] == u["unit"] && l["channel"] == "self" && !l["total"].is_null())
            .collect();
        let amount: i128 = mine.iter().map(|l| money(&l["amount"])).sum();
        let total: i128 = mine.iter().map(|l| money(&l["total"])).sum();
        assert_eq!(money(&u["amount"]), amount);
        assert_eq!(money(&u["total"]), total + money(&u["contingency"]));
        self_sum.0 += money(&u["amount"]);
        self_sum.1 += money(&u["vat"]);
        self_sum.2 += money(&u["contingency"]);
        self_sum.3 += money(&u["total"]);
    }
    let t = &needs["totals"];
    assert_eq!(
        (
            money(&t["self"]["amount"]),
            money(&t["self"]["vat"]),
            money(&t["self"]["contingency"]),
            money(&t["self"]["total"])
        ),
        self_sum
    );
    let blocks: i128 = t["by_block"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| money(&v["total"]))
        .sum();
    let levels: i128 = t["by_level"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| money(&v["total"]))
        .sum();
    assert_eq!(blocks, self_sum.3);
    assert_eq!(levels, self_sum.3);
    for (ch, v) in t["by_channel"].as_object().unwrap() {
        let of: Vec<&Value> = lines
            .iter()
            .filter(|l| l["channel"] == ch.as_str())
            .collect();
        assert_eq!(
            v["quantity"].as_u64().unwrap(),
            of.iter()
                .map(|l| l["quantity"].as_u64().unwrap())
                .sum::<u64>()
        );
        let priced: Vec<&&Value> = of.iter().filter(|l| !l["total"].is_null()).collect();
        assert_eq!(
            money(&v["total"]),
            priced.iter().map(|l| money(&l["total"])).sum::<i128>()
        );
    }
    for l in lines {
        if l["unit_price"].is_null() {
            continue;
        }
        let amount = money(&l["amount"]);
        assert_eq!(
            amount,
            l["quantity"].as_u64().unwrap() as i128 * money(&l["unit_price"])
        );
        assert_eq!(money(&l["total"]), amount + money(&l["vat"]));
    }
}

fn assert_invariants(needs: &Value) {
    assert_totals_add_up(needs);
    for l in needs["lines"].as_array().unwrap() {
        let n = |f: &str| {
            l[f].as_u64()
                .unwrap_or_else(|| panic!("{f} negative or missing in {l}"))
        };
        let gap = n("required").saturating_sub(n("usable"));
        assert_eq!(n("gap"), gap);
        assert_eq!(n("replace"), gap.min(n("unusable")));
        assert_eq!(n("replace") + n("new"), gap);
        match l["requested"].as_u64() {
            Some(r) => assert_eq!(n("quantity") + n("excess"), r),
            None => assert_eq!((n("quantity"), n("excess")), (gap, 0)),
        }
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn row() -> impl Strategy<Value = String> {
        let names = prop::sample::select(vec![
            "Máy tính để bàn",
            "Laptop",
            "Máy in",
            "Switch",
            "Tủ hồ sơ",
            "Diệt virus",
        ]);
        let conds = prop::sample::select(vec!["Tốt", "Hỏng", "Cũ", "", "??"]);
        let cfg = prop::sample::select(vec!["i5/8GB/256GB SSD", "4GB HDD", ""]);
        let qty = prop::sample::select(vec!["1", "2", "0", "-1", "1.5", "", "3 cái"]);
        (names, cfg, 2010u32..2027, qty, conds, 0u8..4).prop_map(|(n, c, y, q, k, sn)| {
            format!(
                "{n},{c},{y},{q},{k},{}",
                if sn == 0 {
                    String::new()
                } else {
                    format!("SN{sn}")
                }
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
        #[test]
        fn ledger_balances_and_lines_are_consistent(
            units in prop::collection::vec((0usize..3, 0usize..3, 0u64..30, prop::collection::vec(row(), 0..8)), 1..5)
        ) {
            let s = Set::new();
            let blocks = ["Đảng", "MTTQ", "CT-XH"];
            let sites = ["S1", "S2", "S3"];
            for (i, (b, site, staff, rows)) in units.iter().enumerate() {
                let code = format!("U{i}");
                let staff = staff.to_string();
                let rows: Vec<&str> = rows.iter().map(|r| r.as_str()).collect();
                s.unit(&format!("{code}.csv"), &unit_fields(&code, blocks[*b], "Xã", sites[*site], &staff, "0"), &rows);
            }
            let r = s.run();
            prop_assert!(r.status == 0 || r.status == 1, "{}", r.stderr);
            r.ledger_balances();
            assert_invariants(&r.needs);
        }
    }
}

#[test]
fn explain_justifies_a_line() {
    let s = Set::new();
    s.unit(
        "a.csv",
        &unit_fields("U1", "Đảng", "Xã", "S1", "5", "1"),
        &[
            "Máy tính để bàn Dell,i3/4GB/500GB HDD,2016,2,Hỏng,",
            "Máy tính để bàn HP,i5/8GB/256GB SSD,2024,1,Tốt,",
        ],
    );
    let input = s.input();
    let o = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .env_remove("COLUMNS")
        .args(["--lang", "en", "explain"])
        .arg(&input)
        .arg("--catalog")
        .arg(s.dir.path().join("catalog"))
        .args(["--as-of", "2025", "--unit", "U1", "--item", "DESK"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        text.contains("required 5: norm 1 per staff member × 5 staff"),
        "{text}"
    );
    assert!(text.contains("a.csv row 10: 'Máy tính để bàn Dell' × 2 — not usable: condition broken; 9 years old (in use since 2016) ≥ useful life 5; 4 GB does not meet ram_gb>=8; HDD does not meet ssd"), "{text}");
    assert!(
        text.contains(
            "usable 1, unusable 2 → gap = max(0, 5 − 1) = 4; replace = min(4, 2) = 2; new = 2"
        ),
        "{text}"
    );
    assert!(text.contains("no routing row matched"), "{text}");
    assert!(text.contains("cost 4 × 15.000.000 = 60.000.000"), "{text}");
    let o = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .env_remove("COLUMNS")
        .arg("explain")
        .arg(&input)
        .arg("--catalog")
        .arg(s.dir.path().join("catalog"))
        .args(["--unit", "NOPE"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn conformance_set_matches_when_present() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    if !shared.join("compare.py").exists() {
        eprintln!("skipped: ../shared/conformance not present");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .env_remove("COLUMNS")
        .arg("run")
        .arg(shared.join("submissions"))
        .arg("--catalog")
        .arg(shared.join("catalog"))
        .args(["--as-of", "2025", "--quiet", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "the set has unreadable files");
    let Some((code, report)) = common::run_compare(
        &shared.join("compare.py"),
        &[
            &shared.join("expected-needs.json"),
            &out.path().join("needs.json"),
        ],
        &[],
    ) else {
        eprintln!("skipped compare: no python3");
        return;
    };
    assert_eq!(code, Some(0), "{report}");
}
