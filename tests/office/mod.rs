//! Helpers of the tests on files as office programs save them (`tests/office_files.rs`):
//! the committed LibreOffice fixtures, workbooks built with rust_xlsxwriter and edited as a
//! zip (chart and macro sheets), and ONE run of the real binary per call. Kept apart from
//! `tests/common` so that the two sets of builders change independently.

#![allow(dead_code)]

use rust_xlsxwriter::{Workbook, Worksheet};
use serde_json::Value;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The committed LibreOffice fixtures (see `tests/fixtures/libreoffice/make.sh`).
pub fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/libreoffice")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Status, stdout and stderr of one run.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run the binary once with `lang` messages (`en`, `vi`) and no colour.
pub fn rasoat_in(lang: &str, args: &[&str]) -> Out {
    let o = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(args)
        .args(["--lang", lang])
        .env("NO_COLOR", "1")
        .output()
        .expect("run rasoat");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// A folder of submissions and an output folder.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("tempdir"),
        }
    }
    pub fn put(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.tmp.path().join("in").join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, bytes).expect("write");
        p
    }
    /// `rasoat run <in> --as-of 2025 --out <out>` with the bundled catalog: needs.json.
    pub fn run(&self) -> Value {
        let out = self.tmp.path().join("out");
        let input = self.tmp.path().join("in");
        let o = rasoat_in(
            "en",
            &[
                "run",
                input.to_str().expect("utf-8"),
                "--as-of",
                "2025",
                "--out",
                out.to_str().expect("utf-8"),
                "--quiet",
            ],
        );
        assert!(o.code == 0 || o.code == 1, "exit {}: {}", o.code, o.stderr);
        let text = std::fs::read_to_string(out.join("needs.json")).expect("needs.json");
        serde_json::from_str(&text).expect("json")
    }
    /// `rasoat check <in> --format json` in `lang`: the diagnostics.
    pub fn check(&self, lang: &str) -> Vec<Value> {
        let input = self.tmp.path().join("in");
        let o = rasoat_in(
            lang,
            &["check", input.to_str().expect("utf-8"), "--format", "json"],
        );
        let v: Value = serde_json::from_str(&o.stdout).expect("check json");
        v["diagnostics"].as_array().cloned().unwrap_or_default()
    }
}

/// `code file sheet!cell` of each diagnostic, the message apart.
pub fn keys(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            format!(
                "{} {} {}!{}",
                d["code"].as_str().unwrap_or("?"),
                d["file"].as_str().unwrap_or("~"),
                d["sheet"].as_str().unwrap_or("~"),
                d["cell"].as_str().unwrap_or("~")
            )
        })
        .collect()
}

/// The text `field` of each entry of the list `v`.
pub fn texts<'a>(v: &'a Value, field: &str) -> Vec<&'a str> {
    v.as_array()
        .map(|a| a.iter().filter_map(|e| e[field].as_str()).collect())
        .unwrap_or_default()
}

/// The message of the only diagnostic.
pub fn only_message(diags: &[Value]) -> String {
    assert_eq!(diags.len(), 1, "{diags:#?}");
    diags[0]["message"].as_str().unwrap_or("").to_string()
}

/// Write `rows` (text, or whole numbers when they parse) from cell A1 of `ws`.
pub fn fill(ws: &mut Worksheet, rows: &[&[&str]]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v.parse::<i64>() {
                Ok(n) => ws.write_number(r, c, n as f64).map(|_| ()),
                Err(_) if v.is_empty() => Ok(()),
                Err(_) => ws.write_string(r, c, *v).map(|_| ()),
            }
            .expect("write cell");
        }
    }
}

/// The unit sheet of unit `code` (block Đảng, commune level) with `staff` staff.
pub fn info_rows(code: &str, staff: &str) -> Vec<Vec<String>> {
    [
        ["Mã đơn vị", code],
        ["Tên đơn vị", "Đảng ủy phường Kiểm Thử"],
        ["Khối", "Đảng"],
        ["Cấp", "Phường"],
        ["Số cán bộ", staff],
        ["Số lãnh đạo", "1"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect()
}

pub const INV_HEADER: [&str; 9] = [
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

/// Add the unit sheet and an inventory sheet holding `rows` below the standard header.
pub fn survey_sheets(wb: &mut Workbook, code: &str, staff: &str, rows: &[&[&str]]) {
    let info = info_rows(code, staff);
    let info: Vec<Vec<&str>> = info
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let info: Vec<&[&str]> = info.iter().map(Vec::as_slice).collect();
    let ws = wb
        .add_worksheet()
        .set_name("Thông tin đơn vị")
        .expect("name");
    fill(ws, &info);
    let ws = wb.add_worksheet().set_name("Hiện trạng").expect("name");
    let mut all: Vec<&[&str]> = vec![&INV_HEADER];
    all.extend_from_slice(rows);
    fill(ws, &all);
}

/// A copy of the zip `bytes` with `edit` applied to the text of entry `name`.
pub fn edit_entry(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        let entry = f.name().expect("entry name").to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("read entry");
        if entry == name {
            data = edit(&String::from_utf8(data).expect("utf-8")).into_bytes();
        }
        w.start_file(entry, opts).expect("start");
        w.write_all(&data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// A copy of the xlsx `bytes` whose sheet `n` (1-based, `sheetN.xml`) is listed as an Excel 4
/// macro sheet, as Excel writes one in an .xlsm.
pub fn as_macro_sheet(bytes: &[u8], n: usize) -> Vec<u8> {
    edit_entry(bytes, "xl/_rels/workbook.xml.rels", |rels| {
        let target = format!("Target=\"worksheets/sheet{n}.xml\"");
        rels.split("<Relationship ")
            .map(|r| {
                if r.contains(&target) {
                    r.replace(
                        "officeDocument/2006/relationships/worksheet\"",
                        "office/2006/relationships/xlMacrosheet\"",
                    )
                } else {
                    r.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("<Relationship ")
    })
}
