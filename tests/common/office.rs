//! Files as office programs save them (`tests/office_files.rs`, `tests/spec_rev4.rs`): the
//! committed LibreOffice fixtures, the unit sheet those workbooks open with, and zip edits of a
//! built workbook (an Excel 4 macro sheet).

use super::{fields, Diag, Form, Sheet, C, INFO};
use serde_json::Value;
use std::io::{Cursor, Read, Write};
use std::path::Path;

/// The committed LibreOffice fixtures (see `tests/fixtures/libreoffice/make.sh`).
pub fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/libreoffice")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The unit sheet of unit `code` (block Đảng, commune level) with `staff` staff and one leader:
/// label | value pairs from A1, no title line.
pub fn unit_pairs(code: &str, staff: i32) -> Sheet {
    let mut f = fields(code, "Đảng ủy phường Kiểm Thử", "Đảng", "Phường", staff);
    f.push(("Số lãnh đạo", C::from(1)));
    Form::new().pairs(&f).sheet(INFO)
}

/// The text `field` of each entry of the list `v`.
pub fn texts<'a>(v: &'a Value, field: &str) -> Vec<&'a str> {
    v.as_array()
        .map(|a| a.iter().filter_map(|e| e[field].as_str()).collect())
        .unwrap_or_default()
}

/// The message of the only diagnostic.
pub fn only_message(diags: &[Diag]) -> String {
    assert_eq!(diags.len(), 1, "{diags:#?}");
    diags[0].message.clone()
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
