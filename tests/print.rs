//! Workbooks print as well in LibreOffice as in Excel: LibreOffice does not grow a row of a
//! written file to fit its wrapped text, so every row that holds wrapped text must carry its
//! height, or the text overlaps the rows below on screen and on paper (issue 14).

mod common;

use common::rasoat;
use std::io::Read;
use std::path::Path;

/// One part of an xlsx archive, as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The indices of the cell formats that wrap text outside a table's borders: those a list
/// gives a text too long for its column (a bordered cell may wrap a short text in one line).
fn wrapping_styles(styles: &str) -> Vec<usize> {
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    xfs.split("<xf ")
        .skip(1)
        .enumerate()
        .filter(|(_, xf)| {
            let xf = xf.split("</xf>").next().unwrap();
            xf.contains(r#"wrapText="1""#) && xf.contains(r#"borderId="0""#)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The rows of a list's XML below its header (row 4) that hold a wrapping cell but no height
/// of their own. (The titles above span the whole width: they need one line.)
fn unsized_wrapped_rows(sheet: &str, wrapping: &[usize]) -> Vec<String> {
    sheet
        .split("<row ")
        .skip(1)
        .filter(|row| {
            let head = &row[..row.find('>').unwrap()];
            let r: u32 = head[3..].split('"').next().unwrap().parse().unwrap();
            if r <= 4 {
                return false;
            }
            let wraps = wrapping.iter().any(|i| {
                row.split("</row>")
                    .next()
                    .unwrap()
                    .contains(&format!(r#" s="{i}""#))
            });
            wraps && !head.contains("customHeight")
        })
        .map(|row| row[..row.find('>').unwrap()].to_string())
        .collect()
}

#[test]
fn list_sheets_size_their_wrapped_rows() {
    let out = tempfile::tempdir().unwrap();
    let examples = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/submissions"));
    let o = rasoat(&[
        "run",
        examples.to_str().unwrap(),
        "--quiet",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    // (workbook, sheet file) of the lists: Loại trừ, Lỗi dữ liệu; Thiết bị không đạt chuẩn.
    for (book, sheets) in [
        ("du-toan-tai-chinh.xlsx", &["sheet3.xml", "sheet4.xml"][..]),
        ("khai-toan-khcn.xlsx", &["sheet3.xml"][..]),
    ] {
        let path = out.path().join(book);
        let wrapping = wrapping_styles(&part(&path, "xl/styles.xml"));
        assert!(!wrapping.is_empty());
        for s in sheets {
            let xml = part(&path, &format!("xl/worksheets/{s}"));
            assert!(
                wrapping
                    .iter()
                    .any(|i| xml.contains(&format!(r#" s="{i}""#))),
                "{book} {s} has wrapped text to test"
            );
            let bad = unsized_wrapped_rows(&xml, &wrapping);
            assert!(bad.is_empty(), "{book} {s}: rows without a height: {bad:?}");
            // The header row is repeated on every printed page and frozen on screen.
            assert!(
                xml.contains(r#"<pane ySplit="4""#),
                "{book} {s}: frozen header"
            );
            assert!(
                xml.contains("<pageSetup") && xml.contains(r#"fitToWidth="1""#)
                    || xml.contains("fitToPage"),
                "{book} {s}: fitted to the page"
            );
        }
        let wb = part(&path, "xl/workbook.xml");
        assert!(
            wb.contains("_xlnm.Print_Titles"),
            "{book}: header rows repeated on print"
        );
    }
}
