//! `rasoat template` end to end: the blank form, filled in by a spreadsheet library (not by
//! rasoat), must read back with no diagnostics and give the needs the catalog's norms say.
//!
//! How the form is filled: rust_xlsxwriter cannot edit an existing file, so the test unzips the
//! template with the zip crate, rewrites the rows it fills in the sheets' XML (inline strings
//! and numbers, keeping each cell's style and every cell it does not touch, such as the
//! `Tên theo danh mục` formulas and the data validations), and zips it again. calamine reads
//! the template to find where the labels and headers are, so the test follows the layout
//! instead of hard-coding it.
//!
//! Every run of the binary captures status, stdout and stderr from ONE process.

use calamine::{open_workbook, Data, Reader, SheetVisible, Xlsx};
use rasoat::diag::{Code, Lang, Msg};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_rasoat");

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One run of the binary, with `LC_ALL`/`LANG` cleared unless the test sets them.
fn rasoat(args: &[&str], cwd: &Path) -> Output {
    rasoat_env(args, cwd, &[])
}

fn rasoat_env(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("COLUMNS");
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run rasoat")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn make_template(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let mut args = vec!["template"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", name]);
    let o = rasoat(&args, dir);
    assert_eq!(
        code(&o),
        0,
        "stdout: {}\nstderr: {}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let p = dir.join(name);
    assert!(p.is_file());
    p
}

// ---------------------------------------------------------------- zip and sheet XML

fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).unwrap();
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        out.push((name, buf));
    }
    out
}

fn rezip(entries: &[(String, Vec<u8>)], path: &Path) {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(data).unwrap();
    }
    let bytes = w.finish().unwrap().into_inner();
    std::fs::write(path, bytes).unwrap();
}

fn entry<'a>(entries: &'a [(String, Vec<u8>)], name: &str) -> &'a str {
    let (_, b) = entries
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"));
    std::str::from_utf8(b).unwrap()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!(" {name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let end = tag[i..].find('"')?;
    Some(tag[i..i + end].to_string())
}

/// Elements `<tag …>` (start tags only) in `xml`.
fn start_tags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    let mut v = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').unwrap();
        v.push(&rest[i..i + end + 1]);
        rest = &rest[i + end + 1..];
    }
    v
}

/// `xl/worksheets/sheetN.xml` of the sheet named `sheet`, through the workbook's relationships.
fn sheet_part(entries: &[(String, Vec<u8>)], sheet: &str) -> String {
    let wb = entry(entries, "xl/workbook.xml");
    let rid = start_tags(wb, "sheet")
        .into_iter()
        .find(|t| attr(t, "name").as_deref() == Some(sheet))
        .and_then(|t| attr(t, "r:id"))
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let rels = entry(entries, "xl/_rels/workbook.xml.rels");
    let target = start_tags(rels, "Relationship")
        .into_iter()
        .find(|t| attr(t, "Id").as_deref() == Some(rid.as_str()))
        .and_then(|t| attr(t, "Target"))
        .unwrap();
    format!("xl/{}", target.trim_start_matches("/xl/"))
}

#[derive(Clone, Copy)]
enum Cell<'a> {
    Str(&'a str),
    Num(f64),
}

fn col_letters(r: &str) -> &str {
    let n = r.find(|c: char| c.is_ascii_digit()).unwrap_or(r.len());
    &r[..n]
}

fn col_index(letters: &str) -> u32 {
    letters
        .bytes()
        .fold(0, |n, b| n * 26 + (b - b'A' + 1) as u32)
        - 1
}

fn col_name(c: u32) -> String {
    let mut n = c + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Set cells of the 1-based `row` (which the template wrote, so it exists), keeping the style of
/// each cell set and every other cell of the row as it was.
fn set_cells(xml: &str, row: u32, cells: &[(u32, Cell)]) -> String {
    let open = format!("<row r=\"{row}\"");
    let start = xml
        .match_indices(&open)
        .map(|(i, _)| i)
        .find(|i| matches!(xml.as_bytes()[i + open.len()], b' ' | b'>' | b'/'))
        .unwrap_or_else(|| panic!("row {row} not in the sheet"));
    let tag_end = start + xml[start..].find('>').unwrap();
    assert!(!xml[..tag_end].ends_with('/'), "row {row} is empty");
    let end = tag_end + xml[tag_end..].find("</row>").unwrap();
    let body = &xml[tag_end + 1..end];
    // The cells of the row: `<c …/>` or `<c …>…</c>`, by column.
    let mut old: BTreeMap<u32, (String, Option<String>)> = BTreeMap::new();
    let mut rest = body;
    while let Some(i) = rest.find("<c ") {
        let t_end = i + rest[i..].find('>').unwrap();
        let tag = &rest[i..=t_end];
        let c_end = if tag.ends_with("/>") {
            t_end + 1
        } else {
            t_end + rest[t_end..].find("</c>").unwrap() + 4
        };
        let r = attr(tag, "r").unwrap();
        old.insert(
            col_index(col_letters(&r)),
            (rest[i..c_end].to_string(), attr(tag, "s")),
        );
        rest = &rest[c_end..];
    }
    for (col, v) in cells {
        let r = format!("{}{row}", col_name(*col));
        let s = old
            .get(col)
            .and_then(|(_, s)| s.clone())
            .map(|s| format!(" s=\"{s}\""))
            .unwrap_or_default();
        let xml = match v {
            Cell::Str(t) => format!(
                "<c r=\"{r}\"{s} t=\"inlineStr\"><is><t>{}</t></is></c>",
                esc(t)
            ),
            Cell::Num(n) => format!("<c r=\"{r}\"{s}><v>{n}</v></c>"),
        };
        old.insert(*col, (xml, None));
    }
    let new_body: String = old.values().map(|(x, _)| x.as_str()).collect();
    format!("{}{}{}", &xml[..tag_end + 1], new_body, &xml[end..])
}

// ---------------------------------------------------------------- reading the template

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap()
}

/// Absolute (0-based row, 0-based col) of every text cell of a sheet.
fn text_cells(path: &Path, sheet: &str) -> Vec<(u32, u32, String)> {
    let mut wb = open(path);
    let range = wb.worksheet_range(sheet).unwrap();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .filter_map(|(r, c, d)| match d {
            Data::String(s) => Some((r0 + r as u32, c0 + c as u32, s.clone())),
            _ => None,
        })
        .collect()
}

fn find_cell(cells: &[(u32, u32, String)], text: &str) -> (u32, u32) {
    cells
        .iter()
        .find(|(_, _, s)| s == text)
        .map(|(r, c, _)| (*r, *c))
        .unwrap_or_else(|| panic!("no cell '{text}'"))
}

/// Column of each header in the header row that holds `Tên thiết bị` (or `Mã loại` on requests).
fn header_cols(path: &Path, sheet: &str, anchor: &str) -> (u32, BTreeMap<String, u32>) {
    let cells = text_cells(path, sheet);
    let (hr, _) = find_cell(&cells, anchor);
    let cols = cells
        .iter()
        .filter(|(r, _, _)| *r == hr)
        .map(|(_, c, s)| (s.clone(), *c))
        .collect();
    (hr, cols)
}

struct Fill<'a> {
    unit: Vec<(&'a str, Cell<'a>)>,
    /// Rows of (header, value).
    inventory: Vec<Vec<(&'a str, Cell<'a>)>>,
    requests: Vec<Vec<(&'a str, Cell<'a>)>>,
}

fn fill(template: &Path, out: &Path, f: &Fill) {
    let mut entries = unzip(template);
    let mut edit = |sheet: &str, rows: Vec<(u32, Vec<(u32, Cell)>)>| {
        let part = sheet_part(&entries, sheet);
        let mut xml = entry(&entries, &part).to_string();
        for (row, cells) in rows {
            xml = set_cells(&xml, row + 1, &cells);
        }
        let e = entries.iter_mut().find(|(n, _)| *n == part).unwrap();
        e.1 = xml.into_bytes();
    };
    let info = text_cells(template, "Thông tin đơn vị");
    let unit_rows = f
        .unit
        .iter()
        .map(|(label, v)| {
            let (r, c) = find_cell(&info, label);
            (r, vec![(c + 1, *v)])
        })
        .collect();
    edit("Thông tin đơn vị", unit_rows);
    for (sheet, anchor, rows) in [
        ("Hiện trạng", "Tên thiết bị", &f.inventory),
        ("Đề xuất", "Số lượng đề xuất", &f.requests),
    ] {
        let (hr, cols) = header_cols(template, sheet, anchor);
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, cells)| {
                let cells = cells.iter().map(|(h, v)| (cols[*h], *v)).collect();
                (hr + 1 + i as u32, cells)
            })
            .collect();
        edit(sheet, rows);
    }
    rezip(&entries, out);
}

fn sample_fill<'a>(block: &'a str, level: &'a str) -> Fill<'a> {
    use Cell::{Num, Str};
    Fill {
        unit: vec![
            ("Mã đơn vị", Str("DU-P-THU")),
            ("Tên đơn vị", Str("Đảng ủy phường Thử Nghiệm")),
            ("Khối", Str(block)),
            ("Cấp", Str(level)),
            ("Mã trụ sở", Str("TS-THU")),
            ("Số cán bộ", Num(12.0)),
            ("Số lãnh đạo", Num(2.0)),
            ("Ngày lập", Num(45976.0)), // 15/11/2025 as an Excel date, in the cell's date format
            ("Lần nộp", Num(1.0)),
        ],
        inventory: vec![
            vec![
                ("STT", Num(1.0)),
                ("Mã loại", Str("PC-DESKTOP")),
                ("Tên thiết bị", Str("Máy tính để bàn Dell OptiPlex 3000")),
                ("Cấu hình", Str("i5/8GB/256GB SSD")),
                ("Năm sử dụng", Num(2022.0)),
                ("Số lượng", Num(8.0)),
                ("Tình trạng", Str("Tốt")),
            ],
            vec![
                ("STT", Num(2.0)),
                ("Mã loại", Str("PC-DESKTOP")),
                ("Tên thiết bị", Str("Máy tính để bàn HP")),
                ("Cấu hình", Str("Pentium/4GB/500GB HDD")),
                ("Năm sử dụng", Num(2016.0)),
                ("Số lượng", Num(3.0)),
                ("Tình trạng", Str("Cũ")),
                ("Ghi chú", Str("Chạy chậm")),
            ],
            vec![
                ("STT", Num(3.0)),
                ("Tên thiết bị", Str("Máy in laser HP M404")),
                ("Năm sử dụng", Num(2021.0)),
                ("Số lượng", Num(2.0)),
                ("Tình trạng", Str("Đang sử dụng")),
                ("Số serial", Str("VNB3K12345")),
            ],
            vec![
                ("STT", Num(4.0)),
                ("Mã loại", Str("SWITCH")),
                ("Tên thiết bị", Str("Switch 24 port")),
                ("Năm sử dụng", Num(2020.0)),
                ("Số lượng", Num(1.0)),
                ("Tình trạng", Str("Hỏng")),
            ],
        ],
        requests: vec![vec![
            ("Mã loại", Str("PC-DESKTOP")),
            ("Số lượng đề xuất", Num(5.0)),
            ("Lý do", Str("Thay máy cũ")),
        ]],
    }
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            text(&o.stdout),
            text(&o.stderr)
        )
    })
}

// ---------------------------------------------------------------- tests

#[test]
fn template_writes_the_expected_sheets() {
    let tmp = tempfile::tempdir().unwrap();
    let o = rasoat(&["template", "-o", "t.xlsx"], tmp.path());
    assert_eq!(code(&o), 0, "stderr: {}", text(&o.stderr));
    assert!(text(&o.stdout).contains("t.xlsx"));
    let p = tmp.path().join("t.xlsx");
    let wb = open(&p);
    let names: Vec<(String, SheetVisible)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Hướng dẫn".to_string(), SheetVisible::Visible),
            ("Thông tin đơn vị".to_string(), SheetVisible::Visible),
            ("Hiện trạng".to_string(), SheetVisible::Visible),
            ("Đề xuất".to_string(), SheetVisible::Visible),
            ("Danh mục".to_string(), SheetVisible::Hidden),
        ]
    );
    // Unit-information labels of SPEC §3, in column A, values in B; Lần nộp prefilled 1.
    let info = text_cells(&p, "Thông tin đơn vị");
    for l in rasoat::template::INFO_LABELS {
        let (_, c) = find_cell(&info, l);
        assert_eq!(c, 0, "{l}");
    }
    // Inventory headers, in order, in one row within the first 30.
    let (hr, cols) = header_cols(&p, "Hiện trạng", "Tên thiết bị");
    assert!(hr < 30);
    let mut in_order: Vec<(u32, String)> = cols.iter().map(|(h, c)| (*c, h.clone())).collect();
    in_order.sort();
    let heads: Vec<&str> = in_order.iter().map(|(_, h)| h.as_str()).collect();
    assert_eq!(
        heads,
        [
            "STT",
            "Mã loại",
            "Tên theo danh mục",
            "Tên thiết bị",
            "Cấu hình",
            "Năm sử dụng",
            "Số lượng",
            "Tình trạng",
            "Số serial",
            "Ghi chú"
        ]
    );
    // No `:` above the header on the inventory sheet (SPEC §3 `Label: value` cells).
    for (r, _, s) in text_cells(&p, "Hiện trạng") {
        assert!(r >= hr || !s.contains(':'), "'{s}' above the header");
    }
    let (_, rcols) = header_cols(&p, "Đề xuất", "Số lượng đề xuất");
    assert_eq!(rcols.len(), 4);
    // The lookup formula of the catalog name.
    let mut wb = open(&p);
    let f = wb.worksheet_formula("Hiện trạng").unwrap();
    let (f0r, f0c) = f.start().unwrap();
    let lookup = f
        .get_value((hr + 1, cols["Tên theo danh mục"]))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        lookup,
        format!(
            "IFERROR(VLOOKUP(B{},'Danh mục'!$A:$B,2,FALSE),\"\")",
            hr + 2
        ),
        "formula range starts at {f0r},{f0c}"
    );
    // The guide covers what an officer needs.
    let guide: String = text_cells(&p, "Hướng dẫn")
        .into_iter()
        .map(|(_, _, s)| s + "\n")
        .collect();
    for needle in [
        "i5/8GB/256GB SSD",
        "Tốt hoặc Đang sử dụng",
        "Hỏng, Hư hỏng hoặc Không sử dụng được",
        "Cũ, Xuống cấp hoặc Cần thay thế",
        "Mã trụ sở",
        "máy photocopy",
        "Lần nộp",
        "rasoat check",
        "lỗi[E-QTY-INVALID]",
    ] {
        assert!(guide.contains(needle), "guide lacks '{needle}'");
    }
    // Catalog named in the document properties.
    let entries = unzip(&p);
    let custom = entry(&entries, "docProps/custom.xml");
    assert!(custom.contains("name=\"rasoat_catalog\""));
    assert!(custom.contains("Danh mục trang bị CNTT hệ thống chính trị TP.HCM 2025"));
    assert!(custom.contains("name=\"rasoat_catalog_effective\"><vt:lpwstr>2025-12-01<"));
    let core = entry(&entries, "docProps/core.xml");
    assert!(core.contains("2025-12-01"), "{core}");
    assert!(core.contains("<cp:keywords>"), "{core}");
}

#[test]
fn template_is_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let a = make_template(tmp.path(), "a.xlsx", &[]);
    let b = make_template(tmp.path(), "b.xlsx", &[]);
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    // Nothing but the output is left behind (the temporary file was renamed).
    let mut left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["a.xlsx", "b.xlsx"]);
}

#[test]
fn filled_template_checks_clean_and_gives_the_expected_needs() {
    let tmp = tempfile::tempdir().unwrap();
    let t = make_template(tmp.path(), "mau.xlsx", &[]);
    let filled = tmp.path().join("DU-P-THU.xlsx");
    fill(&t, &filled, &sample_fill("Đảng", "Phường"));

    let o = rasoat(&["check", "DU-P-THU.xlsx", "--format", "json"], tmp.path());
    let v = json(&o);
    assert_eq!(v["diagnostics"], Value::Array(vec![]), "{v:#}");
    assert_eq!(code(&o), 0, "stderr: {}", text(&o.stderr));
    let file = &v["files"][0];
    assert_eq!(file["unit"], "DU-P-THU");
    assert_eq!(file["outcome"], "accepted");
    // Only the four filled rows are read: the 196 prepared rows and their formulas are empty.
    assert_eq!(file["ledger"]["read"], 4, "{file:#}");
    assert_eq!(file["ledger"]["counted"], 4, "{file:#}");

    let o = rasoat(&["run", "DU-P-THU.xlsx", "--out", "out"], tmp.path());
    assert_eq!(
        code(&o),
        0,
        "stdout: {}\nstderr: {}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let needs: Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("out/needs.json")).unwrap()).unwrap();
    assert_eq!(needs["diagnostics"], Value::Array(vec![]));
    let unit = &needs["units"][0];
    assert_eq!(
        (
            &unit["block"],
            &unit["level"],
            &unit["site"],
            &unit["staff"],
            &unit["leaders"]
        ),
        (
            &Value::from("dang"),
            &Value::from("commune"),
            &Value::from("TS-THU"),
            &Value::from(12),
            &Value::from(2)
        )
    );
    let line = |item: &str| -> Value {
        needs["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["item"] == item)
            .cloned()
            .unwrap_or_else(|| panic!("no line for {item}"))
    };
    let nums = |l: &Value| -> Vec<Value> {
        [
            "required",
            "usable",
            "unusable",
            "gap",
            "replace",
            "new",
            "requested",
            "excess",
            "quantity",
        ]
        .iter()
        .map(|k| l[*k].clone())
        .collect()
    };
    let j = |v: &[i64]| -> Vec<Value> { v.iter().map(|n| Value::from(*n)).collect() };
    // PC-DESKTOP, 1 per staff member: 12 required; 8 good; 3 old (worn, HDD, 9 years > 7):
    // gap 4 = 3 replacements + 1 new; 5 requested → 4 granted, 1 excess.
    assert_eq!(nums(&line("PC-DESKTOP")), j(&[12, 8, 3, 4, 3, 1, 5, 1, 4]));
    // PRINTER-A4, 1 per 3 staff (matched by its name, no code): ceil(12/3) = 4; 2 good.
    let mut p = j(&[4, 2, 0, 2, 0, 2]);
    p.extend([Value::Null, Value::from(0), Value::from(2)]);
    assert_eq!(nums(&line("PRINTER-A4")), p);
    // PC-LAPTOP-LD, 1 per leader: 2 leaders, none held.
    let mut l = j(&[2, 0, 0, 2, 0, 2]);
    l.extend([Value::Null, Value::from(0), Value::from(2)]);
    assert_eq!(nums(&line("PC-LAPTOP-LD")), l);
    // SWITCH, 1 per site, broken: one replacement, bought for Party bodies by the DX centre.
    let sw = line("SWITCH");
    assert_eq!(sw["site"], "TS-THU");
    assert_eq!(sw["channel"], "dxcenter");
    let mut s = j(&[1, 0, 1, 1, 1, 0]);
    s.extend([Value::Null, Value::from(0), Value::from(1)]);
    assert_eq!(nums(&sw), s);
    // Money of a self line: PC-DESKTOP is 18,490,000 VAT included.
    assert_eq!(line("PC-DESKTOP")["channel"], "self");
    assert_eq!(line("PC-DESKTOP")["total"], "73960000");
}

#[test]
fn item_code_dropdown_covers_every_catalog_item() {
    let tmp = tempfile::tempdir().unwrap();
    let t = make_template(tmp.path(), "t.xlsx", &[]);
    let mut wb = open(&t);
    let list = wb.worksheet_range("Danh mục").unwrap();
    let codes: Vec<String> = list.rows().skip(1).map(|r| r[0].to_string()).collect();
    let catalog = rasoat::catalog::Catalog::load(None).unwrap();
    let expected: Vec<String> = catalog.items.iter().map(|i| i.code.clone()).collect();
    assert_eq!(codes, expected);
    assert_eq!(list.start(), Some((0, 0)));
    let last_row = list.height(); // header in row 1, codes in rows 2..=height

    let entries = unzip(&t);
    for (sheet, col) in [("Hiện trạng", "B"), ("Đề xuất", "A")] {
        let xml = entry(&entries, &sheet_part(&entries, sheet)).to_string();
        let dvs: Vec<&str> = start_tags(&xml, "dataValidation")
            .into_iter()
            .filter(|t| attr(t, "type").as_deref() == Some("list"))
            .filter(|t| attr(t, "sqref").is_some_and(|s| s.starts_with(col)))
            .collect();
        assert_eq!(dvs.len(), 1, "{sheet}: {dvs:?}");
        let at = xml.find(dvs[0]).unwrap() + dvs[0].len();
        let formula = &xml[at..at + xml[at..].find("</formula1>").unwrap()];
        assert_eq!(
            formula.trim_start_matches("<formula1>"),
            format!("'Danh mục'!$A$2:$A${last_row}"),
            "{sheet}"
        );
        // ~200 prepared rows (inventory) carry the dropdown.
        let sqref = attr(dvs[0], "sqref").unwrap();
        let (a, b) = sqref.split_once(':').unwrap();
        let rows: u32 = b[1..].parse::<u32>().unwrap() - a[1..].parse::<u32>().unwrap() + 1;
        assert!(rows >= 50, "{sheet}: {sqref}");
    }
    // Condition dropdown, year and quantity checks on the inventory.
    let xml = entry(&entries, &sheet_part(&entries, "Hiện trạng")).to_string();
    assert!(xml.contains("<formula1>\"Tốt,Đang sử dụng,Hỏng,Hư hỏng,Không sử dụng được,Cũ,Xuống cấp,Cần thay thế\"</formula1>"));
    assert!(xml.contains("<formula1>1990</formula1><formula2>2100</formula2>"));
    assert!(xml.contains("<pane ") && xml.contains("state=\"frozen\""));
}

/// A catalog where VC-KIT applies to city-level Party bodies only and WEBCAM not to the Party.
fn restricted_catalog(dir: &Path, name: Option<&str>) -> PathBuf {
    let src = crate_dir().join("catalogs/hcmc-2025");
    let dst = dir.join("catalog");
    std::fs::create_dir_all(&dst).unwrap();
    for f in ["catalog.toml", "items.csv", "prices.csv", "routing.csv"] {
        let mut s = std::fs::read_to_string(src.join(f)).unwrap();
        if f == "items.csv" {
            s = s
                .lines()
                .map(|l| {
                    let mut cols: Vec<String> = l.split(',').map(str::to_string).collect();
                    match cols[0].as_str() {
                        "VC-KIT" => {
                            cols[7] = "dang".into();
                            cols[8] = "city".into();
                        }
                        "WEBCAM" => cols[7] = "mttq;ctxh".into(),
                        _ => {}
                    }
                    cols.join(",") + "\n"
                })
                .collect();
        }
        if let (Some(n), "catalog.toml") = (name, f) {
            s = s.replace(
                "name = \"Danh mục trang bị CNTT hệ thống chính trị TP.HCM 2025\"",
                &format!("name = \"{n}\""),
            );
            assert!(s.contains(n));
        }
        std::fs::write(dst.join(f), s).unwrap();
    }
    let o = rasoat(&["catalog", "check", "catalog"], dir);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    dst
}

/// `check` of the filled form `f.xlsx` against the catalog in `catalog/`, as JSON.
const CHECK_FILLED: [&str; 6] = [
    "check",
    "f.xlsx",
    "--catalog",
    "catalog",
    "--format",
    "json",
];

fn listed_codes(p: &Path) -> Vec<String> {
    let mut wb = open(p);
    wb.worksheet_range("Danh mục")
        .unwrap()
        .rows()
        .skip(1)
        .map(|r| r[0].to_string())
        .collect()
}

#[test]
fn unit_type_lists_only_applicable_items() {
    let tmp = tempfile::tempdir().unwrap();
    restricted_catalog(tmp.path(), None);
    let all = make_template(tmp.path(), "all.xlsx", &["--catalog", "catalog"]);
    let dang = make_template(
        tmp.path(),
        "dang.xlsx",
        &["--catalog", "catalog", "--unit-type", "dang/commune"],
    );
    let mttq = make_template(
        tmp.path(),
        "mttq.xlsx",
        &["--catalog", "catalog", "--unit-type", "mttq/city"],
    );
    let all = listed_codes(&all);
    assert_eq!(all.len(), 16);
    let dang_codes = listed_codes(&dang);
    assert_eq!(dang_codes.len(), 14);
    assert!(
        !dang_codes.contains(&"VC-KIT".to_string()) && !dang_codes.contains(&"WEBCAM".to_string())
    );
    let mttq_codes = listed_codes(&mttq);
    assert!(
        mttq_codes.contains(&"WEBCAM".to_string()) && !mttq_codes.contains(&"VC-KIT".to_string())
    );
    assert_eq!(mttq_codes.len(), 15);
    // The dropdown range follows the shorter list.
    let entries = unzip(&dang);
    let xml = entry(&entries, &sheet_part(&entries, "Hiện trạng")).to_string();
    assert!(xml.contains("<formula1>'Danh mục'!$A$2:$A$15</formula1>"));
    // Khối and Cấp are prefilled, and their dropdowns hold only the matching values.
    let mut wb = open(&dang);
    let info = wb.worksheet_range("Thông tin đơn vị").unwrap();
    let value_of = |label: &str| -> String {
        info.rows()
            .find(|r| r.first().map(|c| c.to_string()).as_deref() == Some(label))
            .and_then(|r| r.get(1).map(|c| c.to_string()))
            .unwrap_or_default()
    };
    assert_eq!(value_of("Khối"), "Đảng");
    assert_eq!(value_of("Cấp"), "Xã");
    let xml = entry(&entries, &sheet_part(&entries, "Thông tin đơn vị")).to_string();
    assert!(xml.contains("<formula1>\"Đảng\"</formula1>"), "{xml}");
    assert!(xml.contains("<formula1>\"Phường,Xã,Đặc khu\"</formula1>"));
    // The bundled catalog: every item applies to Party bodies of communes.
    let bundled = make_template(tmp.path(), "b.xlsx", &["--unit-type", "dang/commune"]);
    assert_eq!(listed_codes(&bundled).len(), 16);
    // A prefilled template, filled in, still reads back clean.
    let filled = tmp.path().join("f.xlsx");
    let mut f = sample_fill("Đảng", "Xã");
    f.unit.retain(|(l, _)| *l != "Khối" && *l != "Cấp");
    fill(&dang, &filled, &f);
    let o = rasoat(&CHECK_FILLED, tmp.path());
    let v = json(&o);
    assert_eq!(v["diagnostics"], Value::Array(vec![]), "{v:#}");
    assert_eq!(code(&o), 0);
}

#[test]
fn bad_unit_type_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    for bad in ["dang", "party/city", "dang/ward", "dang/commune/x"] {
        let o = rasoat(
            &["template", "--unit-type", bad, "-o", "t.xlsx"],
            tmp.path(),
        );
        assert_eq!(code(&o), 2, "{bad}");
        let err = text(&o.stderr);
        assert!(err.contains("--unit-type") && err.contains(bad), "{err}");
        assert!(text(&o.stdout).is_empty());
        assert!(!tmp.path().join("t.xlsx").exists());
    }
    let o = rasoat(
        &[
            "--lang",
            "vi",
            "template",
            "--unit-type",
            "x/y",
            "-o",
            "t.xlsx",
        ],
        tmp.path(),
    );
    assert_eq!(code(&o), 2);
    assert!(
        text(&o.stderr).contains("không hợp lệ"),
        "{}",
        text(&o.stderr)
    );
    // An output folder that does not exist: nothing written, exit 2.
    let o = rasoat(&["template", "-o", "no/such/dir/t.xlsx"], tmp.path());
    assert_eq!(code(&o), 2);
    assert!(!text(&o.stderr).is_empty());
}

#[test]
fn form_from_another_catalog_is_flagged() {
    let tmp = tempfile::tempdir().unwrap();
    restricted_catalog(tmp.path(), Some("Danh mục thử nghiệm 2024"));
    let t = make_template(tmp.path(), "t.xlsx", &["--catalog", "catalog"]);
    let filled = tmp.path().join("f.xlsx");
    fill(&t, &filled, &sample_fill("Đảng", "Phường"));
    // Checked against its own catalog: clean.
    let o = rasoat(&CHECK_FILLED, tmp.path());
    assert_eq!(json(&o)["diagnostics"], Value::Array(vec![]));
    // Against the bundled one: one file-level warning, exit 0 (1 with --strict).
    let o = rasoat(&["check", "f.xlsx", "--format", "json"], tmp.path());
    assert_eq!(code(&o), 0);
    let v = json(&o);
    let d = v["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!(d[0]["code"], "W-TEMPLATE-CATALOG");
    assert_eq!(d[0]["severity"], "warning");
    assert_eq!(d[0]["sheet"], Value::Null);
    assert!(d[0]["message"]
        .as_str()
        .unwrap()
        .contains("Danh mục thử nghiệm 2024"));
    let o = rasoat(&["--lang", "vi", "check", "f.xlsx", "--strict"], tmp.path());
    assert_eq!(code(&o), 1);
    assert!(text(&o.stdout)
        .contains("cảnh báo[W-TEMPLATE-CATALOG]: phiếu được lập từ mẫu của danh mục khác"));
    // Files without the property (the examples) get no such warning.
    let o = rasoat(
        &["check", "examples/submissions", "--format", "json"],
        &crate_dir(),
    );
    let v = json(&o);
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["code"] != "W-TEMPLATE-CATALOG"));
}

/// `HCCB-TP.xlsx` holds a negative quantity in E8.
fn hccb(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut a = args.to_vec();
    a.extend(["check", "examples/submissions/thanh-pho/HCCB-TP.xlsx"]);
    rasoat_env(&a, &crate_dir(), env)
}

const VI_NEG: &str = "lỗi[E-QTY-NEGATIVE]: số lượng '-1' là số âm; nhập số nguyên không âm";
const EN_NEG: &str =
    "error[E-QTY-NEGATIVE]: quantity '-1' is negative; enter a whole number of at least 0";

#[test]
fn messages_follow_the_language() {
    let o = hccb(&["--lang", "vi"], &[]);
    assert_eq!(code(&o), 1);
    let out = text(&o.stdout);
    assert!(out.contains(&format!("Hiện trạng!E8: {VI_NEG}")), "{out}");
    assert!(!out.contains("is negative"));

    let o = hccb(&[], &[("LANG", "vi_VN.UTF-8")]);
    assert_eq!(code(&o), 1);
    assert!(text(&o.stdout).contains(VI_NEG), "{}", text(&o.stdout));

    let o = hccb(&["--lang", "en"], &[("LANG", "vi_VN.UTF-8")]);
    assert_eq!(code(&o), 1);
    let out = text(&o.stdout);
    assert!(out.contains(&format!("Hiện trạng!E8: {EN_NEG}")), "{out}");
    assert!(!out.contains("số âm"));

    // LC_ALL wins over LANG.
    let o = hccb(&[], &[("LANG", "vi_VN.UTF-8"), ("LC_ALL", "C")]);
    assert!(text(&o.stdout).contains(EN_NEG));
    let o = hccb(&[], &[]);
    assert!(text(&o.stdout).contains(EN_NEG));
}

#[test]
fn every_code_has_distinct_messages_in_both_languages() {
    let mut en_seen = HashSet::new();
    let mut vi_seen = HashSet::new();
    for &c in Code::ALL {
        let m = Msg::example(c);
        let (en, vi) = (m.render(Lang::En), m.render(Lang::Vi));
        assert!(!en.trim().is_empty() && !vi.trim().is_empty(), "{c}");
        assert_ne!(en, vi, "{c}: the same text in both languages");
        assert!(
            en_seen.insert(en.clone()),
            "{c}: English message shared with another code: {en}"
        );
        assert!(
            vi_seen.insert(vi.clone()),
            "{c}: Vietnamese message shared with another code: {vi}"
        );
    }
    assert!(Code::ALL.iter().any(|c| c.as_str() == "W-TEMPLATE-CATALOG"));
    // Codes are unique.
    let codes: HashSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes.len(), Code::ALL.len());
}

/// `-o` replaces a regular file only: a symbolic link, a directory or a device stays as it is.
#[cfg(unix)]
#[test]
fn the_template_never_replaces_what_is_not_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.xlsx");
    std::fs::write(&target, b"keep").unwrap();
    let link = dir.path().join("link.xlsx");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let folder = dir.path().join("folder.xlsx");
    std::fs::create_dir(&folder).unwrap();
    for p in [&link, &folder] {
        let o = rasoat(&["template", "-o", p.to_str().unwrap()], dir.path());
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read(&target).unwrap(), b"keep");
    // A regular file is replaced, as before.
    let o = rasoat(&["template", "-o", target.to_str().unwrap()], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read(&target).unwrap().starts_with(b"PK"));
}
