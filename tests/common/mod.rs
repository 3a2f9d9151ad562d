//! Shared harness of the integration tests: build workbooks and CSV files in code, write a small
//! test catalog (SPEC §2) into a per-test folder, run the real `rasoat` binary once per call and
//! parse what it wrote.
//!
//! Every run checks the ledger identity of SPEC §6 (`rows_read = counted + skipped +
//! unclassified + rejected`) and that `diagnostics.json` holds the same stream as `needs.json`.
#![allow(dead_code)]

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------------------------------------
// The test catalog

pub const CATALOG_TOML: &str = r#"name = "Danh mục kiểm thử tích hợp"
effective = "2025-12-01"
reference_year = 2025
currency = "VND"
vat_percent = "10"
contingency_percent = "5"

[channels]
self = "Đơn vị tự mua sắm"
centralized = "Mua sắm tập trung"
"#;

/// Items chosen for the reading rules: nested aliases (`máy tính` / `máy tính xách tay`,
/// `máy in` / `máy in đa năng`), an equal-length pair (`camera` / `webcam`) for ties, devices
/// whose names start like totals (`tổng đài`, `cổng chuyển đổi`), items with and without a
/// useful life and a minimum configuration.
pub const ITEMS_CSV: &str = "\
code,name,group,basis,norm_qty,norm_min,norm_max,blocks,levels,useful_life_years,min_config,max_unit_price,aliases
PC-DESKTOP,Máy tính để bàn,terminal,staff,1,,,*,*,5,ram_gb>=8;storage_gb>=256;ssd,,máy tính để bàn|máy tính|pc|desktop
PC-LAPTOP,Máy tính xách tay,terminal,staff,1/5,1,,*,*,5,,,máy tính xách tay|laptop
PRINTER,Máy in,office,staff,1/3,1,10,*,*,6,,,máy in|printer
MFP,Máy in đa năng,office,unit,1,,1,*,*,6,,,máy in đa năng
UPS,Bộ lưu điện,power,unit,1,,,*,*,4,,,ups|bộ lưu điện
SWITCH,Bộ chuyển mạch,network,site,1,,,*,*,7,,,switch|bộ chuyển mạch
PBX,Tổng đài IP,network,unit,1,,,*,*,,,,tổng đài
ADAPTER,Cổng chuyển đổi,av,unit,1,,,*,*,,,,cổng chuyển đổi
CAMERA,Camera,security,unit,1,,,*,*,,,,camera
WEBCAM,Webcam,av,unit,1,,,*,*,,,,webcam
SW-AV,Phần mềm diệt virus,software,staff,1,,,*,*,,,,diệt virus|antivirus
";

pub const PRICES_CSV: &str = "\
item,unit_price,vat_included,vat_percent,source,date
PC-DESKTOP,15000000,true,,Báo giá thử,2025-10-01
PC-LAPTOP,20000000,true,,Báo giá thử,2025-10-01
PRINTER,5000000,false,,Báo giá thử,2025-10-01
MFP,12000000,false,,Báo giá thử,2025-10-01
UPS,3000000,false,,Báo giá thử,2025-10-01
PBX,9000000,false,,Báo giá thử,2025-10-01
ADAPTER,500000,true,,Báo giá thử,2025-10-01
CAMERA,2000000,false,,Báo giá thử,2025-10-01
WEBCAM,1000000,false,,Báo giá thử,2025-10-01
SW-AV,400000,true,0,Báo giá thử,2025-10-01
";

/// SWITCH goes through the centralized channel, so it needs no price.
pub const ROUTING_CSV: &str = "\
item,block,level,channel,basis
SWITCH,*,*,centralized,Mua sắm tập trung thử
";

// ---------------------------------------------------------------------------------------------
// Cells, sheets and workbooks

/// A cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum C {
    /// No cell at all.
    E,
    T(String),
    N(f64),
    /// An Excel date cell (y, m, d) with a date number format.
    D(u16, u8, u8),
    /// A formula and its cached result.
    F(String, String),
}

impl From<&str> for C {
    fn from(s: &str) -> C {
        if s.is_empty() {
            C::E
        } else {
            C::T(s.to_string())
        }
    }
}
impl From<String> for C {
    fn from(s: String) -> C {
        C::from(s.as_str())
    }
}
impl From<&String> for C {
    fn from(s: &String) -> C {
        C::from(s.as_str())
    }
}
impl From<i32> for C {
    fn from(n: i32) -> C {
        C::N(n as f64)
    }
}
impl From<f64> for C {
    fn from(n: f64) -> C {
        C::N(n)
    }
}

/// A text cell written exactly as given (even when empty or blank).
pub fn raw(s: &str) -> C {
    C::T(s.to_string())
}

pub fn formula(f: &str, result: &str) -> C {
    C::F(f.to_string(), result.to_string())
}

/// `row![a, b, c]`: a row of cells from anything that converts into [`C`].
macro_rules! row {
    ($($x:expr),* $(,)?) => { vec![$($crate::common::C::from($x)),*] };
}

/// One worksheet: cells by (row, col), 0-based, plus merged ranges.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub cells: BTreeMap<(u32, u16), C>,
    pub merges: Vec<(u32, u16, u32, u16, String)>,
}

impl Sheet {
    pub fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            ..Sheet::default()
        }
    }

    pub fn set(&mut self, r: u32, c: u16, v: impl Into<C>) -> &mut Sheet {
        let v = v.into();
        if v == C::E {
            self.cells.remove(&(r, c));
        } else {
            self.cells.insert((r, c), v);
        }
        self
    }

    /// Write `vals` into row `r` from column `c0`.
    pub fn row(&mut self, r: u32, c0: u16, vals: Vec<C>) -> &mut Sheet {
        for (i, v) in vals.into_iter().enumerate() {
            self.set(r, c0 + i as u16, v);
        }
        self
    }

    /// Write `rows` from row `r0`, column `c0`; returns the next free row.
    pub fn rows(&mut self, r0: u32, c0: u16, rows: Vec<Vec<C>>) -> u32 {
        let mut r = r0;
        for vals in rows {
            self.row(r, c0, vals);
            r += 1;
        }
        r
    }

    pub fn merge(&mut self, r1: u32, c1: u16, r2: u32, c2: u16, text: &str) -> &mut Sheet {
        self.merges.push((r1, c1, r2, c2, text.to_string()));
        self
    }
}

/// A workbook made of [`Sheet`]s.
#[derive(Debug, Clone, Default)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

impl Book {
    pub fn new() -> Book {
        Book::default()
    }

    pub fn sheet(mut self, s: Sheet) -> Book {
        self.sheets.push(s);
        self
    }

    pub fn xlsx(&self) -> Vec<u8> {
        let mut wb = Workbook::new();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        for s in &self.sheets {
            let ws = wb.add_worksheet();
            ws.set_name(&s.name).unwrap();
            for ((r, c), v) in &s.cells {
                match v {
                    C::E => {}
                    C::T(t) => {
                        ws.write_string(*r, *c, t).unwrap();
                    }
                    C::N(n) => {
                        ws.write_number(*r, *c, *n).unwrap();
                    }
                    C::D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(*r, *c, &dt, &date).unwrap();
                    }
                    C::F(f, res) => {
                        ws.write_formula(*r, *c, Formula::new(f).set_result(res))
                            .unwrap();
                    }
                }
            }
            for (r1, c1, r2, c2, t) in &s.merges {
                ws.merge_range(*r1, *c1, *r2, *c2, t, &Format::new())
                    .unwrap();
            }
        }
        wb.save_to_buffer().unwrap()
    }
}

// ---------------------------------------------------------------------------------------------
// The standard submission layout

/// Inventory header of the standard layout (row 1): A STT … I Ghi chú.
pub const HEADER: [&str; 9] = [
    "STT",
    "Mã loại",
    "Tên thiết bị",
    "Cấu hình",
    "Năm sử dụng",
    "Số lượng",
    "Tình trạng",
    "Số serial",
    "Ghi chú",
];
pub const COL_CODE: usize = 1;
pub const COL_NAME: usize = 2;
pub const COL_CONFIG: usize = 3;
pub const COL_YEAR: usize = 4;
pub const COL_QTY: usize = 5;
pub const COL_COND: usize = 6;
pub const COL_SERIAL: usize = 7;
pub const COL_NOTE: usize = 8;

pub const INV: &str = "Hiện trạng";
pub const INFO: &str = "Thông tin đơn vị";

/// A standard inventory row: a device name and a quantity, everything else empty.
pub fn item(name: &str, qty: impl Into<C>) -> Vec<C> {
    let mut v = vec![C::E; 9];
    v[COL_NAME] = C::from(name);
    v[COL_QTY] = qty.into();
    v
}

/// Change one cell of a row.
pub trait With {
    fn with(self, col: usize, v: impl Into<C>) -> Self;
}
impl With for Vec<C> {
    fn with(mut self, col: usize, v: impl Into<C>) -> Self {
        if self.len() <= col {
            self.resize(col + 1, C::E);
        }
        self[col] = v.into();
        self
    }
}

/// The label/value pairs of a valid unit of block Đảng, level commune.
pub fn unit_fields(code: &str, staff: i32) -> Vec<(&'static str, C)> {
    vec![
        ("Mã đơn vị", C::from(code)),
        ("Tên đơn vị", C::from(format!("Đảng ủy {code}"))),
        ("Khối", C::from("Đảng")),
        ("Cấp", C::from("Phường")),
        ("Số cán bộ", C::from(staff)),
    ]
}

/// A unit-information sheet: one label/value pair per row.
pub fn info_sheet(fields: &[(&str, C)]) -> Sheet {
    let mut s = Sheet::new(INFO);
    s.row(0, 0, row!["THÔNG TIN ĐƠN VỊ"]);
    for (i, (label, v)) in fields.iter().enumerate() {
        s.row(i as u32 + 1, 0, vec![C::from(*label), v.clone()]);
    }
    s
}

/// The inventory sheet of the standard layout: header on row 1, `rows` from row 2.
pub fn inv_sheet(rows: Vec<Vec<C>>) -> Sheet {
    let mut s = Sheet::new(INV);
    s.row(0, 0, HEADER.iter().map(|h| C::from(*h)).collect());
    s.rows(1, 0, rows);
    s
}

/// A standard two-sheet submission for unit `code` with `staff` staff.
pub fn standard(code: &str, staff: i32, rows: Vec<Vec<C>>) -> Vec<u8> {
    Book::new()
        .sheet(info_sheet(&unit_fields(code, staff)))
        .sheet(inv_sheet(rows))
        .xlsx()
}

// ---------------------------------------------------------------------------------------------
// Running the binary

/// Status, stdout and stderr of ONE run of the binary.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_rasoat")
}

/// Run `rasoat args…` once, English messages, no colour.
pub fn rasoat(args: &[&str]) -> Out {
    let o = Command::new(bin())
        .args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .output()
        .expect("run rasoat");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// One diagnostic as JSON carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub severity: String,
    pub code: String,
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub cell: Option<String>,
    pub message: String,
}

impl Diag {
    pub fn from_json(v: &Value) -> Diag {
        let o = v.as_object().expect("diagnostic object");
        let keys: Vec<&str> = o.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["severity", "code", "file", "sheet", "cell", "message"],
            "diagnostic fields"
        );
        let s = |k: &str| v[k].as_str().map(str::to_string);
        let d = Diag {
            severity: s("severity").unwrap(),
            code: s("code").unwrap(),
            file: s("file"),
            sheet: s("sheet"),
            cell: s("cell"),
            message: s("message").unwrap(),
        };
        let want = if d.code.starts_with("E-") {
            "error"
        } else {
            "warning"
        };
        assert_eq!(d.severity, want, "{d:?}");
        d
    }

    /// `CODE file sheet!cell`, `~` for null: compact and exact.
    pub fn key(&self) -> String {
        format!(
            "{} {} {}!{}",
            self.code,
            self.file.as_deref().unwrap_or("~"),
            self.sheet.as_deref().unwrap_or("~"),
            self.cell.as_deref().unwrap_or("~")
        )
    }
}

/// The result of `rasoat run`.
#[derive(Debug)]
pub struct Run {
    pub out: Out,
    pub needs: Value,
    pub diags: Vec<Diag>,
    pub csv: String,
}

impl Run {
    /// Every diagnostic as [`Diag::key`], in output order.
    pub fn keys(&self) -> Vec<String> {
        self.diags.iter().map(Diag::key).collect()
    }

    /// Diagnostic keys of one code.
    pub fn keys_of(&self, code: &str) -> Vec<String> {
        self.diags
            .iter()
            .filter(|d| d.code == code)
            .map(Diag::key)
            .collect()
    }

    pub fn lines(&self) -> &Vec<Value> {
        self.needs["lines"].as_array().expect("lines")
    }

    /// The line of (unit, item).
    pub fn line(&self, unit: &str, item: &str) -> &Value {
        self.lines()
            .iter()
            .find(|l| l["unit"] == unit && l["item"] == item)
            .unwrap_or_else(|| panic!("no line {unit}/{item} in {:#?}", self.needs["lines"]))
    }

    /// (required, usable, unusable) of a line.
    pub fn have(&self, unit: &str, item: &str) -> (u64, u64, u64) {
        let l = self.line(unit, item);
        (
            l["required"].as_u64().unwrap(),
            l["usable"].as_u64().unwrap(),
            l["unusable"].as_u64().unwrap(),
        )
    }

    /// The `units` entry of a code.
    pub fn unit(&self, code: &str) -> &Value {
        self.needs["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["code"] == code)
            .unwrap_or_else(|| panic!("no unit {code} in {:#?}", self.needs["units"]))
    }

    pub fn unit_codes(&self) -> Vec<String> {
        self.needs["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["code"].as_str().unwrap().to_string())
            .collect()
    }

    /// (rows_read, counted, skipped, unclassified, rejected).
    pub fn ledger(&self) -> (u64, u64, u64, u64, u64) {
        ledger_of(&self.needs["ledger"])
    }

    pub fn files(&self) -> u64 {
        self.needs["ledger"]["files"].as_u64().unwrap()
    }
}

fn ledger_of(l: &Value) -> (u64, u64, u64, u64, u64) {
    let n = |k: &str| l[k].as_u64().unwrap_or_else(|| panic!("ledger.{k} in {l}"));
    (
        n("rows_read"),
        n("rows_counted"),
        n("rows_skipped"),
        n("rows_unclassified"),
        n("rows_rejected"),
    )
}

/// SPEC §6: `rows_read = rows_counted + rows_skipped + rows_unclassified + rows_rejected`.
pub fn assert_ledger(needs: &Value) {
    let (read, counted, skipped, unclassified, rejected) = ledger_of(&needs["ledger"]);
    assert_eq!(
        read,
        counted + skipped + unclassified + rejected,
        "ledger identity broken: {}",
        needs["ledger"]
    );
    let units = needs["units"].as_array().map(Vec::len).unwrap_or(0) as u64;
    assert_eq!(
        needs["ledger"]["units"].as_u64(),
        Some(units),
        "ledger.units"
    );
    assert_eq!(
        needs["unclassified"].as_array().map(Vec::len).unwrap_or(0) as u64,
        unclassified,
        "one unclassified entry per unclassified row"
    );
}

/// The per-file ledgers of `check --format json` balance too.
pub fn assert_check_ledgers(check: &Value) {
    for f in check["files"].as_array().expect("files") {
        let l = &f["ledger"];
        let n = |k: &str| l[k].as_u64().unwrap();
        assert_eq!(
            n("read"),
            n("counted") + n("skipped") + n("unclassified") + n("rejected"),
            "{f}"
        );
    }
}

/// A per-test folder: `subs/` for submissions, `catalog/`, `out/`.
pub struct Work {
    pub dir: tempfile::TempDir,
}

impl Default for Work {
    fn default() -> Self {
        Work::new()
    }
}

impl Work {
    pub fn new() -> Work {
        let dir = tempfile::tempdir().expect("tempdir");
        let w = Work { dir };
        w.write_catalog(CATALOG_TOML, ITEMS_CSV, PRICES_CSV, ROUTING_CSV);
        std::fs::create_dir_all(w.subs()).unwrap();
        w
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
    pub fn subs(&self) -> PathBuf {
        self.path().join("subs")
    }
    pub fn catalog(&self) -> PathBuf {
        self.path().join("catalog")
    }
    pub fn out(&self) -> PathBuf {
        self.path().join("out")
    }

    pub fn write_catalog(&self, toml: &str, items: &str, prices: &str, routing: &str) {
        let d = self.catalog();
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("catalog.toml"), toml).unwrap();
        std::fs::write(d.join("items.csv"), items).unwrap();
        std::fs::write(d.join("prices.csv"), prices).unwrap();
        std::fs::write(d.join("routing.csv"), routing).unwrap();
    }

    /// Write a submission under `subs/` (parent folders created).
    pub fn put(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.subs().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.subs().join(rel)).unwrap();
    }

    /// `rasoat run subs/ --catalog … --as-of 2025 --out …` plus `extra`.
    pub fn run(&self, extra: &[&str]) -> Run {
        let subs = self.subs();
        self.run_paths(&[subs.as_path()], extra)
    }

    /// `rasoat run PATHS… --catalog … --as-of 2025 --out …` plus `extra`.
    pub fn run_paths(&self, paths: &[&Path], extra: &[&str]) -> Run {
        let out = self.out();
        let _ = std::fs::remove_dir_all(&out);
        let cat = self.catalog();
        let mut args: Vec<&str> = vec!["run"];
        for p in paths {
            args.push(p.to_str().unwrap());
        }
        args.extend([
            "--catalog",
            cat.to_str().unwrap(),
            "--as-of",
            "2025",
            "--out",
            out.to_str().unwrap(),
        ]);
        args.extend(extra);
        let o = rasoat(&args);
        assert!(
            o.code == 0 || o.code == 1,
            "rasoat run exited {}\nstdout:\n{}\nstderr:\n{}",
            o.code,
            o.stdout,
            o.stderr
        );
        let read = |name: &str| {
            std::fs::read_to_string(out.join(name))
                .unwrap_or_else(|e| panic!("{name}: {e}\nstderr:\n{}", o.stderr))
        };
        let needs: Value = serde_json::from_str(&read("needs.json")).expect("needs.json is JSON");
        let dj: Value =
            serde_json::from_str(&read("diagnostics.json")).expect("diagnostics.json is JSON");
        let diags: Vec<Diag> = dj["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(Diag::from_json)
            .collect();
        let in_needs: Vec<Diag> = needs["diagnostics"]
            .as_array()
            .expect("needs.diagnostics")
            .iter()
            .map(Diag::from_json)
            .collect();
        assert_eq!(diags, in_needs, "diagnostics.json and needs.json disagree");
        assert_ledger(&needs);
        let strict = extra.contains(&"--strict");
        let failing = diags
            .iter()
            .any(|d| d.severity == "error" || (strict && d.severity == "warning"));
        assert_eq!(
            o.code,
            i32::from(failing),
            "exit code vs diagnostics\n{}",
            o.stderr
        );
        let csv = read("needs.csv");
        Run {
            out: o,
            needs,
            diags,
            csv,
        }
    }

    /// `rasoat check subs/ --catalog … --as-of 2025 --format FORMAT` plus `extra`.
    pub fn check(&self, format: &str, extra: &[&str]) -> Out {
        let subs = self.subs();
        let cat = self.catalog();
        let mut args = vec![
            "check",
            subs.to_str().unwrap(),
            "--catalog",
            cat.to_str().unwrap(),
            "--as-of",
            "2025",
            "--format",
            format,
        ];
        args.extend(extra);
        rasoat(&args)
    }

    /// `check --format json`, parsed, ledgers checked.
    pub fn check_json(&self) -> (Out, Value) {
        let o = self.check("json", &[]);
        let v: Value =
            serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", o.stdout));
        assert_check_ledgers(&v);
        (o, v)
    }
}

// ---------------------------------------------------------------------------------------------
// The library, for exact parsed values

pub fn load_catalog(w: &Work) -> rasoat::catalog::Catalog {
    rasoat::catalog::Catalog::load(Some(&w.catalog())).expect("test catalog is valid")
}

/// Read one file through the library entry point; the ledger must balance.
pub fn read_lib(
    cat: &rasoat::catalog::Catalog,
    file: &str,
    bytes: Vec<u8>,
    is_csv: bool,
) -> rasoat::read::Survey {
    let ctx = rasoat::read::ReadCtx {
        catalog: cat,
        as_of: 2025,
        limits: rasoat::read::Limits::default(),
    };
    let s = rasoat::read::read_submission(file, bytes, is_csv, &ctx);
    assert!(s.ledger.balanced(), "{:?}", s.ledger);
    s
}

/// Peak resident set size (KiB) of one run of the binary, measured by GNU time when it exists.
/// Returns the run and `None` when `/usr/bin/time` is not available.
pub fn rasoat_with_peak_rss(args: &[&str]) -> (Out, Option<u64>) {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return (rasoat(args), None);
    }
    let o = Command::new(time)
        .arg("-v")
        .arg(bin())
        .args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .output()
        .expect("run rasoat under time");
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let rss = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok());
    let out = Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr,
    };
    (out, rss)
}

// ---------------------------------------------------------------------------------------------
// Hand-written file formats: compound files (Excel 97-2003) and OpenDocument spreadsheets

/// Bytes that do not compress: a fixed xorshift sequence.
pub fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// A compound file (MS-CFB, version 3, 512-byte sectors): FAT sectors first, then the
/// directory, then each stream in consecutive sectors (padded to 4096 bytes so none lives in
/// the mini stream; an empty stream has no sector). Returns the file and, per stream, its
/// first sector.
pub fn cfb(streams: &[(&str, Vec<u8>)]) -> (Vec<u8>, Vec<u32>) {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    assert!(streams.len() <= 3, "one directory sector");
    let sectors_of = |d: &Vec<u8>| {
        if d.is_empty() {
            0
        } else {
            d.len().max(4096).div_ceil(512)
        }
    };
    let data: usize = streams.iter().map(|(_, d)| sectors_of(d)).sum::<usize>() + 1;
    let mut nfat = 1;
    while data + nfat > 128 * nfat {
        nfat += 1;
    }
    assert!(nfat <= 109);
    let put32 = |b: &mut [u8], at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    let put16 = |b: &mut [u8], at: usize, v: u16| b[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put16(&mut h, 24, 0x003E); // minor version
    put16(&mut h, 26, 3); // major version
    put16(&mut h, 28, 0xFFFE); // byte order
    put16(&mut h, 30, 9); // 512-byte sectors
    put16(&mut h, 32, 6); // 64-byte mini sectors
    put32(&mut h, 44, nfat as u32);
    put32(&mut h, 48, nfat as u32); // the directory follows the FAT
    put32(&mut h, 56, 4096);
    put32(&mut h, 60, END);
    put32(&mut h, 68, END);
    for i in 0..109 {
        put32(&mut h, 76 + 4 * i, if i < nfat { i as u32 } else { FREE });
    }
    let mut fat = vec![FREE; 128 * nfat];
    for f in fat.iter_mut().take(nfat) {
        *f = 0xFFFF_FFFD;
    }
    fat[nfat] = END;
    let mut next = nfat as u32 + 1;
    let mut starts = Vec::new();
    let mut body = Vec::new();
    for (_, d) in streams {
        let n = sectors_of(d) as u32;
        if n == 0 {
            starts.push(END);
            continue;
        }
        starts.push(next);
        for k in 0..n {
            fat[(next + k) as usize] = if k + 1 == n { END } else { next + k + 1 };
        }
        let mut padded = d.clone();
        padded.resize(n as usize * 512, 0);
        body.extend(padded);
        next += n;
    }
    let mut dir = vec![0u8; 512];
    let mut entry =
        |i: usize, name: &str, kind: u8, child: u32, right: u32, start: u32, size: u32| {
            let e = &mut dir[i * 128..(i + 1) * 128];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (k, u) in units.iter().enumerate() {
                e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
            e[66] = kind;
            e[67] = 1;
            e[68..72].copy_from_slice(&FREE.to_le_bytes());
            e[72..76].copy_from_slice(&right.to_le_bytes());
            e[76..80].copy_from_slice(&child.to_le_bytes());
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
        };
    entry(0, "Root Entry", 5, 1, FREE, END, 0);
    for (i, (name, d)) in streams.iter().enumerate() {
        let right = if i + 1 < streams.len() {
            i as u32 + 2
        } else {
            FREE
        };
        entry(
            i + 1,
            name,
            2,
            FREE,
            right,
            starts[i],
            d.len().max(if d.is_empty() { 0 } else { 4096 }) as u32,
        );
    }
    let mut out = h;
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(dir);
    out.extend(body);
    (out, starts)
}

/// Set FAT entry `id` of a file written by [`cfb`] (one FAT sector).
pub fn set_fat(file: &mut [u8], id: u32, next: u32) {
    let at = 512 + 4 * id as usize;
    file[at..at + 4].copy_from_slice(&next.to_le_bytes());
}

/// The streams of an encrypted OOXML package: what Excel writes for a password.
pub fn encrypted_cfb() -> Vec<u8> {
    cfb(&[
        ("EncryptionInfo", Vec::new()),
        ("EncryptedPackage", noise(4096)),
    ])
    .0
}

/// An `.ods` package holding `tables` (`<table:table>` elements); `encrypted` marks the content
/// as encrypted in the manifest, as LibreOffice does for a password.
pub fn ods(tables: &str, encrypted: bool) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let enc = if encrypted {
        r#"<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/>"#
    } else {
        ""
    };
    z.start_file(
        "META-INF/manifest.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    write!(
        z,
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{enc}</manifest:file-entry></manifest:manifest>"#
    )
    .unwrap();
    z.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    write!(
        z,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    z.finish().unwrap().into_inner()
}

pub fn ods_text(s: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
    )
}

pub fn ods_num(v: i64) -> String {
    format!(
        r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
    )
}

pub fn ods_row(cells: &[String]) -> String {
    format!("<table:table-row>{}</table:table-row>", cells.concat())
}

pub fn ods_table(name: &str, rows: &str) -> String {
    format!(r#"<table:table table:name="{name}">{rows}</table:table>"#)
}

/// Unit labels, a header and one printer row.
pub fn ods_unit_rows() -> String {
    [
        ods_row(&[
            ods_text("Mã đơn vị: DU-ODS"),
            ods_text("Tên đơn vị: Đảng ủy ODS"),
        ]),
        ods_row(&[
            ods_text("Khối: Đảng"),
            ods_text("Cấp: Xã"),
            ods_text("Số cán bộ: 2"),
        ]),
        ods_row(&[
            ods_text("Tên thiết bị"),
            ods_text("Số lượng"),
            ods_text("Năm sử dụng"),
        ]),
        ods_row(&[ods_text("Máy in"), ods_num(1), ods_num(2024)]),
    ]
    .concat()
}

pub enum X {
    T(&'static str),
    N(f64),
}

pub fn rec(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    out.extend(typ.to_le_bytes());
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
}

pub fn bof(dt: u16) -> Vec<u8> {
    let mut d = 0x0600u16.to_le_bytes().to_vec();
    d.extend(dt.to_le_bytes());
    d.extend([0u8; 12]);
    d
}

pub fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

/// One sheet of a [`biff8`] stream: name, DIMENSIONS data, cells.
pub type Biff8Sheet<'a> = (&'a str, [u32; 4], Vec<(u16, u16, X)>);

/// A `Workbook` stream: one sheet per (name, DIMENSIONS data, cells).
pub fn biff8(sheets: &[Biff8Sheet<'_>]) -> Vec<u8> {
    let bound = |pos: u32, name: &str| {
        let mut d = pos.to_le_bytes().to_vec();
        d.extend([0u8, 0, name.encode_utf16().count() as u8, 1]);
        d.extend(utf16(name));
        d
    };
    let mut globals = Vec::new();
    rec(&mut globals, 0x0809, &bof(0x0005));
    rec(&mut globals, 0x0042, &1200u16.to_le_bytes());
    for (name, ..) in sheets {
        rec(&mut globals, 0x0085, &bound(0, name));
    }
    rec(&mut globals, 0x000A, &[]);
    let mut body = Vec::new();
    let mut positions = Vec::new();
    for (_, dims, cells) in sheets {
        positions.push((globals.len() + body.len()) as u32);
        rec(&mut body, 0x0809, &bof(0x0010));
        let mut d: Vec<u8> = dims.iter().take(2).flat_map(|v| v.to_le_bytes()).collect();
        d.extend((dims[2] as u16).to_le_bytes());
        d.extend((dims[3] as u16).to_le_bytes());
        d.extend([0, 0]);
        rec(&mut body, 0x0200, &d);
        for (r, c, v) in cells {
            let mut d = r.to_le_bytes().to_vec();
            d.extend(c.to_le_bytes());
            d.extend(0u16.to_le_bytes());
            match v {
                X::T(t) => {
                    d.extend((t.encode_utf16().count() as u16).to_le_bytes());
                    d.push(1);
                    d.extend(utf16(t));
                    rec(&mut body, 0x0204, &d);
                }
                X::N(n) => {
                    d.extend(n.to_le_bytes());
                    rec(&mut body, 0x0203, &d);
                }
            }
        }
        rec(&mut body, 0x000A, &[]);
    }
    // Now that the sheets' positions are known, write them into the BoundSheet8 records.
    let mut globals2 = Vec::new();
    rec(&mut globals2, 0x0809, &bof(0x0005));
    rec(&mut globals2, 0x0042, &1200u16.to_le_bytes());
    for ((name, ..), pos) in sheets.iter().zip(&positions) {
        rec(&mut globals2, 0x0085, &bound(*pos, name));
    }
    rec(&mut globals2, 0x000A, &[]);
    assert_eq!(globals2.len(), globals.len());
    globals2.extend(body);
    globals2
}

/// A valid survey as an .xls inventory sheet: labels, header, a printer; plus `extra` cells.
pub fn xls_survey(dims: [u32; 4], extra: Vec<(u16, u16, X)>) -> Vec<u8> {
    let mut cells = vec![
        (0, 0, X::T("Mã đơn vị: DU-XLS")),
        (0, 1, X::T("Tên đơn vị: Đảng ủy XLS")),
        (1, 0, X::T("Khối: Đảng")),
        (1, 1, X::T("Cấp: Xã")),
        (1, 2, X::T("Số cán bộ: 2")),
        (2, 0, X::T("Tên thiết bị")),
        (2, 1, X::T("Số lượng")),
        (2, 2, X::T("Năm sử dụng")),
        (3, 0, X::T("Máy in")),
        (3, 1, X::N(1.0)),
        (3, 2, X::N(2024.0)),
    ];
    cells.extend(extra);
    cfb(&[("Workbook", biff8(&[(INV, dims, cells)]))]).0
}

/// Run a compare script of `../shared/conformance` (`compare.py`, `compare_json.py`) with
/// `args`: its exit code and report, or `None` (the caller skips) when python3 is missing.
pub fn run_compare(script: &Path, args: &[&Path], keys: &[&str]) -> Option<(Option<i32>, String)> {
    let py = Command::new("python3")
        .arg(script)
        .args(args)
        .args(keys)
        .output()
        .ok()?;
    Some((
        py.status.code(),
        String::from_utf8_lossy(&py.stdout).into_owned(),
    ))
}
