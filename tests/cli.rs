//! The command-line surface: help texts, version, completions, man page, usage errors and exit
//! codes, the run summary, and atomic outputs. Each test captures status, stdout and stderr from
//! one run of the binary.

#[macro_use]
mod common;

use common::{fields, Form, C};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rasoat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .env_remove("COLUMNS")
        .args(args)
        .env_remove("LC_ALL")
        .env("LANG", "C")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/submissions")
}

/// `rasoat run examples/submissions --out OUT -q`.
fn run_examples_into(out: &Path) -> Output {
    let ex = examples();
    rasoat(&[
        "run",
        ex.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
    ])
}

/// A CSV submission of unit `code` (Đảng, Xã, 2 staff): `Label: value` lines, then the table.
fn csv_form(code: &str, header: &[&str], rows: Vec<Vec<C>>) -> String {
    Form::new()
        .labels(&fields(code, code, "Đảng", "Xã", 2))
        .header(header)
        .rows(rows)
        .csv(',')
}

#[test]
fn help_opens_with_the_commands_and_shows_examples() {
    let o = rasoat(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let h = text(&o.stdout);
    for want in [
        "run",
        "check",
        "template",
        "catalog",
        "explain",
        "Examples:",
        "rasoat run examples/submissions --out out",
        "Exit codes: 0 success",
    ] {
        assert!(h.contains(want), "{want:?} missing in help:\n{h}");
    }
    assert!(!h.contains("completions"), "hidden commands stay hidden");
    for cmd in ["run", "check", "template", "explain", "proposal"] {
        let o = rasoat(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        let h = text(&o.stdout);
        assert!(h.contains("Example:"), "{cmd} --help has no example:\n{h}");
    }
    let h = text(&rasoat(&["run", "--help"]).stdout);
    for flag in [
        "--out",
        "--catalog",
        "--as-of",
        "--strict",
        "--jobs",
        "--format",
        "--max-file-mb",
        "--lang",
        "--quiet",
    ] {
        assert!(h.contains(flag), "{flag} missing in run --help");
    }
}

#[test]
fn version_completions_and_man_page() {
    let o = rasoat(&["--version"]);
    assert_eq!(
        text(&o.stdout).trim(),
        format!("rasoat {}", env!("CARGO_PKG_VERSION"))
    );
    let o = rasoat(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).contains("_rasoat()"));
    let o = rasoat(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).contains(".TH rasoat"));
}

#[test]
fn usage_errors_exit_2() {
    // No PATH.
    let o = rasoat(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("PATH"), "{}", text(&o.stderr));
    // A PATH that does not exist.
    let o = rasoat(&["check", "/nonexistent/rasoat-input"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no such file or folder: /nonexistent/rasoat-input"),
        "{}",
        text(&o.stderr)
    );
    let o = rasoat(&["check", "/nonexistent/rasoat-input", "--lang", "vi"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("không có tệp hay thư mục: /nonexistent/rasoat-input"),
        "{}",
        text(&o.stderr)
    );
    // run without --out; unknown flag; bad --as-of; bad format.
    assert_eq!(rasoat(&["run", "x"]).status.code(), Some(2));
    assert_eq!(
        rasoat(&["check", "x", "--frobnicate"]).status.code(),
        Some(2)
    );
    assert_eq!(
        rasoat(&["check", "x", "--as-of", "12"]).status.code(),
        Some(2)
    );
    assert_eq!(
        rasoat(&["check", "x", "--format", "xml"]).status.code(),
        Some(2)
    );
    // explain for an item the catalog does not have.
    let ex = examples();
    let o = rasoat(&[
        "explain",
        ex.to_str().unwrap(),
        "--unit",
        "DU-P-BENNGHE",
        "--item",
        "NOPE",
    ]);
    assert_eq!(o.status.code(), Some(2));
    // Usage errors in Vietnamese when asked, with clap's usage line.
    let o = rasoat(&["--lang", "vi", "run", "x"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("thiếu tham số bắt buộc: --out <DIR>"), "{err}");
    let o = rasoat(&["--lang", "vi", "check", "x", "--as-of", "0"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("giá trị '0' không hợp lệ cho --as-of <YEAR> (phải từ 1900 đến 2100)"),
        "{err}"
    );
    let o = rasoat(&["--lang", "vi", "chek", "x"]);
    assert!(
        text(&o.stderr).contains("có phải ý bạn là 'check'?"),
        "{}",
        text(&o.stderr)
    );
    // -o names an .xlsx file, or nothing is written.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("form.csv");
    let o = rasoat(&["template", "-o", csv.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("give a name ending in .xlsx"),
        "{}",
        text(&o.stderr)
    );
    assert!(!csv.exists());
    // explain's exit code does not follow the findings: it takes no --strict.
    let o = rasoat(&[
        "explain",
        ex.to_str().unwrap(),
        "--unit",
        "HCCB-TP",
        "--strict",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--strict"), "{}", text(&o.stderr));
}

#[test]
fn an_output_folder_that_cannot_be_written_exits_2_and_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let blocker = d.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let o = run_examples_into(&blocker.join("out"));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("cannot create the output folder"));
}

#[test]
fn an_output_name_held_by_a_folder_exits_2_before_any_file_is_replaced() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    std::fs::create_dir_all(out.join("needs.json")).unwrap();
    std::fs::write(out.join("needs.csv"), "old").unwrap();
    let o = run_examples_into(&out);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("is a folder"),
        "{}",
        text(&o.stderr)
    );
    // Nothing of this run is left: the old file stands, no other output, no temporary.
    let mut left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["needs.csv", "needs.json"]);
    assert_eq!(
        std::fs::read_to_string(out.join("needs.csv")).unwrap(),
        "old"
    );
}

#[test]
fn exit_codes_follow_the_findings() {
    let d = tempfile::tempdir().unwrap();
    let name_qty = ["Tên thiết bị", "Số lượng"];
    let clean = d.path().join("clean.csv");
    let year = ["Tên thiết bị", "Số lượng", "Năm sử dụng"];
    std::fs::write(
        &clean,
        csv_form("U1", &year, vec![row!["Máy in HP", 1, 2024]]),
    )
    .unwrap();
    let warn = d.path().join("warn.csv");
    std::fs::write(&warn, csv_form("U2", &name_qty, vec![row!["Tủ hồ sơ", 1]])).unwrap();
    let bad = d.path().join("bad.csv");
    std::fs::write(&bad, csv_form("U3", &name_qty, vec![row!["Máy in", "-2"]])).unwrap();
    let p = |f: &PathBuf| f.to_str().unwrap().to_string();
    assert_eq!(rasoat(&["check", &p(&clean)]).status.code(), Some(0));
    assert_eq!(
        rasoat(&["check", &p(&warn)]).status.code(),
        Some(0),
        "warnings alone pass"
    );
    assert_eq!(
        rasoat(&["check", &p(&warn), "--strict"]).status.code(),
        Some(1),
        "--strict fails on warnings"
    );
    let o = rasoat(&["check", &p(&bad), &p(&clean)]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("bad.csv: B7: error[E-QTY-NEGATIVE]: quantity '-2' is negative"),
        "{out}"
    );
    assert!(
        out.contains("clean.csv: unit U1, accepted; 1 row read: 1 counted"),
        "{out}"
    );
    // run with errors still writes every output.
    let outdir = d.path().join("out");
    let o = rasoat(&[
        "run",
        &p(&bad),
        &p(&clean),
        "--out",
        outdir.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).is_empty(),
        "--quiet prints nothing on stdout"
    );
    for f in [
        "needs.json",
        "needs.csv",
        "du-toan-tai-chinh.xlsx",
        "khai-toan-khcn.xlsx",
        "diagnostics.json",
    ] {
        assert!(outdir.join(f).is_file(), "{f} not written");
    }
    let left: Vec<_> = std::fs::read_dir(&outdir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left behind");
}

#[test]
fn run_prints_a_summary_table_or_json() {
    let d = tempfile::tempdir().unwrap();
    let ex = examples();
    let out = d.path().join("out");
    let o = rasoat(&["run", ex.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "HCCB-TP has two errors");
    let t = text(&o.stdout);
    for want in [
        "Khối Đảng",
        "Program estimate",
        "Đơn vị tự mua sắm",
        "In words:",
        "14 files, 13 units",
    ] {
        assert!(t.contains(want), "{want:?} missing in:\n{t}");
    }
    let o = rasoat(&[
        "run",
        ex.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files"], 14);
    assert_eq!(v["units"], 13);
    assert_eq!(v["superseded"], 1);
    assert_eq!(v["errors"], 2);
    let needs: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("needs.json")).unwrap()).unwrap();
    assert_eq!(v["self_total"], needs["totals"]["self"]["total"]);
    assert_eq!(v["in_words"], needs["totals"]["self"]["in_words"]);
}

#[test]
fn check_formats() {
    let ex = examples().join("thanh-pho/HCCB-TP.xlsx");
    let f = ex.to_str().unwrap();
    let o = rasoat(&["check", f, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["file"], "HCCB-TP.xlsx");
    assert_eq!(v["files"][0]["unit"], "HCCB-TP");
    assert_eq!(v["files"][0]["status"], "error");
    assert_eq!(v["files"][0]["ledger"]["read"], 14);
    let d = v["diagnostics"].as_array().unwrap();
    assert!(d
        .iter()
        .any(|x| x["code"] == "E-QTY-NEGATIVE" && x["sheet"] == "Hiện trạng" && x["cell"] == "E8"));
    for x in d {
        let keys: Vec<&String> = x.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["severity", "code", "file", "sheet", "cell", "message"]
        );
    }
    let o = rasoat(&["check", f, "--format", "junit"]);
    let x = text(&o.stdout);
    assert!(x.starts_with("<?xml"));
    assert!(x.contains("<testcase classname=\"rasoat.check\" name=\"HCCB-TP.xlsx\""));
    assert!(
        x.contains("<failure message=\"quantity &apos;-1&apos; is negative"),
        "{x}"
    );
    let o = rasoat(&["check", f, "--format", "github"]);
    let g = text(&o.stdout);
    assert!(g.contains("::error file=HCCB-TP.xlsx,title=E-QTY-NEGATIVE Hiện trạng!E8::quantity '-1' is negative"), "{g}");
    assert!(
        g.contains("::warning file=HCCB-TP.xlsx,title=W-QTY-EMPTY Hiện trạng!E11::"),
        "{g}"
    );
}

#[test]
fn a_file_named_twice_counts_once_under_the_first_argument() {
    let ex = examples();
    let file = ex.join("thanh-pho/UBMTTQ-TP.xlsx");
    let o = rasoat(&[
        "check",
        ex.to_str().unwrap(),
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files
            .iter()
            .filter(|f| f.ends_with("UBMTTQ-TP.xlsx"))
            .count(),
        1
    );
    assert!(files.contains(&"thanh-pho/UBMTTQ-TP.xlsx"));
    assert_eq!(files.len(), 14);
}

#[test]
fn a_folder_without_submissions_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a form").unwrap();
    let o = rasoat(&["check", d, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stderr).contains("warning: no submission found in"),
        "{}",
        text(&o.stderr)
    );
    let o = rasoat(&["check", d, "--quiet"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stderr), "");
}

#[test]
fn a_superseded_file_names_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let src = examples().join("phuong-ben-nghe/DTN-P-BENNGHE.xlsx");
    std::fs::copy(&src, dir.path().join("a.xlsx")).unwrap();
    std::fs::copy(&src, dir.path().join("b.xlsx")).unwrap();
    let o = rasoat(&["check", dir.path().to_str().unwrap(), "--lang", "en"]);
    let out = text(&o.stdout);
    assert!(
        out.contains("b.xlsx: unit DTN-P-BENNGHE, an identical copy of a.xlsx, which is used;"),
        "{out}"
    );
    let o = rasoat(&["check", examples().to_str().unwrap(), "--lang", "en"]);
    let out = text(&o.stdout);
    assert!(
        out.contains("DU-X-BINHHUNG.xlsx: unit DU-X-BINHHUNG, superseded by xa-binh-hung/DU-X-BINHHUNG_lan2.xlsx;"),
        "{out}"
    );
}
