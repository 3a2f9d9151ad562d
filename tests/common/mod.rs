//! Shared harness of the integration tests: build forms in code ([`form`]: the one builder of
//! xlsx and CSV submissions; [`files`]: formats written by hand; [`office`]: fixtures saved by
//! office programs and zip edits of built workbooks), write a small test catalog (SPEC §2) into a
//! per-test folder, run the real `rasoat` binary once per call and parse what it wrote.
//!
//! Every run checks the ledger identity of SPEC §6 (`rows_read = counted + skipped +
//! unclassified + rejected`) and that `diagnostics.json` holds the same stream as `needs.json`.
#![allow(dead_code)]

#[macro_use]
pub mod form;
pub mod files;
pub mod office;

#[allow(unused_imports)] // each test crate uses part of the harness
pub use {files::*, form::*, office::*};

use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// `program`, with the environment of every run: English messages, no colour, no `COLUMNS`
/// (tables are not wrapped).
fn command(program: impl AsRef<OsStr>) -> Command {
    let mut c = Command::new(program);
    c.env("LC_ALL", "C")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    c
}

fn out_of(o: Output) -> Out {
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Run `rasoat args…` once, English messages, no colour.
pub fn rasoat<S: AsRef<OsStr>>(args: &[S]) -> Out {
    out_of(command(bin()).args(args).output().expect("run rasoat"))
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

    /// The `diagnostics` array of `doc` (the JSON file `what`).
    pub fn list(doc: &Value, what: &str) -> Vec<Diag> {
        let list = doc["diagnostics"].as_array();
        let list = list.unwrap_or_else(|| panic!("no diagnostics array in {what}"));
        list.iter().map(Diag::from_json).collect()
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

/// Every diagnostic of `diags` as [`Diag::key`], in order.
pub fn keys(diags: &[Diag]) -> Vec<String> {
    diags.iter().map(Diag::key).collect()
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
        keys(&self.diags)
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

/// Write a catalog folder `dir` (created if missing) from the texts of its four files.
pub fn write_catalog(dir: &Path, toml: &str, items: &str, prices: &str, routing: &str) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in [
        ("catalog.toml", toml),
        ("items.csv", items),
        ("prices.csv", prices),
        ("routing.csv", routing),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// A per-test folder: `subs/` for submissions, `catalog/`, `out/`.
pub struct Work {
    pub dir: tempfile::TempDir,
    /// Runs name the test catalog in `catalog/` (`--catalog`); without it they use the catalog
    /// bundled in the binary.
    test_catalog: bool,
}

impl Default for Work {
    fn default() -> Self {
        Work::new()
    }
}

impl Work {
    pub fn new() -> Work {
        let w = Work::with_catalog(true);
        w.write_catalog(CATALOG_TOML, ITEMS_CSV, PRICES_CSV, ROUTING_CSV);
        w
    }

    /// A folder whose runs and checks use the catalog bundled in the binary: no `catalog/`, no
    /// `--catalog`.
    pub fn bundled() -> Work {
        Work::with_catalog(false)
    }

    fn with_catalog(test_catalog: bool) -> Work {
        let dir = tempfile::tempdir().expect("tempdir");
        let w = Work { dir, test_catalog };
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
        write_catalog(&self.catalog(), toml, items, prices, routing);
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
        let o = rasoat(&self.run_args(paths, extra));
        self.parse(o, extra)
    }

    /// `--catalog catalog/`, or nothing for the bundled catalog ([`Work::bundled`]).
    fn catalog_args(&self) -> Vec<String> {
        if self.test_catalog {
            vec!["--catalog".into(), self.catalog().to_str().unwrap().into()]
        } else {
            vec![]
        }
    }

    /// The arguments of [`Work::run_paths`]; `out/` is removed first.
    pub fn run_args(&self, paths: &[&Path], extra: &[&str]) -> Vec<String> {
        let out = self.out();
        let _ = std::fs::remove_dir_all(&out);
        let mut args = vec!["run".to_string()];
        args.extend(paths.iter().map(|p| p.to_str().unwrap().to_string()));
        args.extend(self.catalog_args());
        args.extend(["--as-of".into(), "2025".into()]);
        args.extend(["--out".into(), out.to_str().unwrap().into()]);
        args.extend(extra.iter().map(|a| a.to_string()));
        args
    }

    /// What the run `o` wrote into `out/`, with the checks every run gets: the exit code is 0 or
    /// 1 and follows the diagnostics (`extra` may hold `--strict`), `diagnostics.json` and
    /// `needs.json` agree, the ledger balances.
    pub fn parse(&self, o: Out, extra: &[&str]) -> Run {
        let out = self.out();
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
        let diags = Diag::list(&dj, "diagnostics.json");
        let in_needs = Diag::list(&needs, "needs.json");
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
        let mut args = vec!["check".to_string(), self.subs().to_str().unwrap().into()];
        args.extend(self.catalog_args());
        args.extend(["--as-of", "2025", "--format", format].map(String::from));
        args.extend(extra.iter().map(|a| a.to_string()));
        rasoat(&args)
    }

    /// `check --format json`, parsed, ledgers checked.
    pub fn check_json(&self) -> (Out, Value) {
        self.check_json_with(&[])
    }

    /// `check --format json` plus `extra` (`--lang vi`, …), parsed, ledgers checked.
    pub fn check_json_with(&self, extra: &[&str]) -> (Out, Value) {
        let o = self.check("json", extra);
        let v: Value =
            serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", o.stdout));
        assert_check_ledgers(&v);
        (o, v)
    }

    /// The diagnostics of `check --format json` plus `extra`.
    pub fn check_diags(&self, extra: &[&str]) -> Vec<Diag> {
        Diag::list(&self.check_json_with(extra).1, "check --format json")
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
pub fn rasoat_with_peak_rss<S: AsRef<OsStr>>(args: &[S]) -> (Out, Option<u64>) {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return (rasoat(args), None);
    }
    let o = command(time).arg("-v").arg(bin()).args(args).output();
    let out = out_of(o.expect("run rasoat under time"));
    let rss = out
        .stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok());
    (out, rss)
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
