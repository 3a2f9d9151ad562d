//! Hostile files (SPEC §3 "Files"): each is an error for that file only; the good files of the
//! same run produce exactly the needs they produce without the bad ones. Nothing panics, and
//! where memory matters the run's peak RSS is bounded (measured with GNU time when present).

#[macro_use]
mod common;

use common::*;
use serde_json::Value;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

const MIB: u64 = 1024 * 1024;

fn good_xlsx() -> Vec<u8> {
    standard(
        "DU-GOOD",
        3,
        vec![
            item("Phần mềm diệt virus", 2),
            item("Máy in", 1).with(COL_YEAR, 2023),
            item("Máy tính để bàn", 2)
                .with(COL_YEAR, 2024)
                .with(COL_CONFIG, "i5/8GB/256GB SSD"),
        ],
    )
}

/// A folder with `good.xlsx`, and the needs lines of a run on it alone.
fn with_good() -> (Work, Vec<Value>) {
    let w = Work::new();
    w.put("good.xlsx", good_xlsx());
    let alone = w.run(&[]);
    assert_eq!(alone.keys(), Vec::<String>::new());
    (w, alone.lines().clone())
}

/// The good file's needs are what they are without the bad file.
fn assert_good_unchanged(r: &Run, alone: &[Value]) {
    assert!(
        r.unit_codes().contains(&"DU-GOOD".to_string()),
        "{:?}",
        r.unit_codes()
    );
    let good: Vec<&Value> = r
        .lines()
        .iter()
        .filter(|l| l["unit"] == "DU-GOOD")
        .collect();
    let alone: Vec<&Value> = alone.iter().collect();
    assert_eq!(good, alone);
}

/// `run` under GNU time: the run itself (checked and parsed like [`Work::run`]) and its peak RSS
/// in KiB.
fn run_measured(w: &Work) -> (Run, Option<u64>) {
    let (o, rss) = rasoat_with_peak_rss(&w.run_args(&[&w.subs()], &[]));
    (w.parse(o, &[]), rss)
}

fn assert_rss_below(rss: Option<u64>, mib: u64, what: &str) {
    match rss {
        Some(kib) => {
            eprintln!("{what}: peak RSS {} MiB (limit {mib} MiB)", kib / 1024);
            assert!(
                kib < mib * 1024,
                "{what}: peak RSS {} MiB, limit {mib} MiB",
                kib / 1024
            )
        }
        None => eprintln!("{what}: /usr/bin/time not available, peak memory not checked"),
    }
}

/// Copy every entry of `xlsx` into a new archive, replacing entries for which `edit` returns
/// new contents, then add `extra` entries.
fn rezip(
    xlsx: &[u8],
    edit: impl Fn(&str, &[u8]) -> Option<Vec<u8>>,
) -> zip::ZipWriter<Cursor<Vec<u8>>> {
    let mut src = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let name = src.by_index_raw(i).unwrap().name().unwrap().to_string();
        let mut data = Vec::new();
        src.by_index(i).unwrap().read_to_end(&mut data).unwrap();
        match edit(&name, &data) {
            Some(new) => {
                z.start_file(name, SimpleFileOptions::default()).unwrap();
                z.write_all(&new).unwrap();
            }
            None => {
                let f = src.by_index_raw(i).unwrap();
                z.raw_copy_file(f).unwrap();
            }
        }
    }
    z
}

fn finish(z: zip::ZipWriter<Cursor<Vec<u8>>>) -> Vec<u8> {
    z.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------------------------

#[test]
fn truncated_zip() {
    let (w, alone) = with_good();
    let bytes = good_xlsx();
    for (name, cut) in [
        ("half.xlsx", bytes.len() / 2),
        ("head.xlsx", 30),
        ("tail-cut.xlsx", bytes.len() - 10),
    ] {
        w.put(name, &bytes[..cut]);
    }
    let r = w.run(&[]);
    assert_eq!(
        r.keys(),
        [
            "E-FILE-UNREADABLE half.xlsx ~!~",
            "E-FILE-UNREADABLE head.xlsx ~!~",
            "E-FILE-UNREADABLE tail-cut.xlsx ~!~"
        ]
    );
    assert_eq!(r.files(), 4);
    assert_good_unchanged(&r, &alone);
}

/// A Word or PowerPoint document saved as `.xlsx` (its parts are `word/…` or `ppt/…`, with no
/// `xl/` part) is said to be an Office document that is not a workbook, not a damaged one.
#[test]
fn word_document_named_xlsx() {
    let (w, alone) = with_good();
    for (name, part) in [
        ("to-trinh.xlsx", "word/document.xml"),
        ("slides.xlsx", "ppt/presentation.xml"),
    ] {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        z.start_file("[Content_Types].xml", SimpleFileOptions::default())
            .unwrap();
        z.write_all(b"<Types/>").unwrap();
        z.start_file(part, SimpleFileOptions::default()).unwrap();
        z.write_all(b"<document/>").unwrap();
        w.put(name, finish(z));
    }
    let r = w.run(&[]);
    assert_eq!(
        r.keys(),
        [
            "E-FILE-UNREADABLE slides.xlsx ~!~",
            "E-FILE-UNREADABLE to-trinh.xlsx ~!~"
        ]
    );
    for d in r.diags.iter().filter(|d| d.code == "E-FILE-UNREADABLE") {
        assert!(
            d.message.contains("an Office document but not a workbook"),
            "{}",
            d.message
        );
    }
    assert_good_unchanged(&r, &alone);
}

#[test]
fn text_file_named_xlsx() {
    let (w, alone) = with_good();
    w.put(
        "notes.xlsx",
        "Mã đơn vị: DU-T\nTên thiết bị,Số lượng\nMáy in,1\n",
    );
    w.put("PKnot-a-zip.xlsm", "PK but not a zip at all");
    let r = w.run(&[]);
    assert_eq!(
        r.keys(),
        [
            "E-FILE-UNREADABLE PKnot-a-zip.xlsm ~!~",
            "E-FILE-UNREADABLE notes.xlsx ~!~"
        ]
    );
    assert!(
        r.diags[1].message.contains("not a spreadsheet"),
        "{}",
        r.diags[1].message
    );
    assert_good_unchanged(&r, &alone);
}

#[test]
fn zip_bomb_is_refused_before_decompression() {
    let (w, alone) = with_good();
    // A real bomb: one entry of 1.1 GiB of zeros, deflated to about a megabyte.
    let mut z = rezip(&good_xlsx(), |_, _| None);
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    z.start_file("xl/media/image1.bin", opts).unwrap();
    let chunk = vec![0u8; MIB as usize];
    for _ in 0..1126 {
        z.write_all(&chunk).unwrap();
    }
    let bomb = finish(z);
    assert!((bomb.len() as u64) < 50 * MIB, "{} bytes", bomb.len());
    w.put("bomb.xlsx", &bomb);
    let (r, rss) = run_measured(&w);
    assert_eq!(r.keys(), ["E-FILE-TOO-LARGE bomb.xlsx ~!~"]);
    let m = &r.diags[0].message;
    assert!(
        m.contains("xl/media/image1.bin") && m.contains("1126 MiB"),
        "{m}"
    );
    assert_good_unchanged(&r, &alone);
    assert_rss_below(rss, 300, "zip bomb");
}

#[test]
fn declared_dimension_alone_is_not_an_error() {
    let (w, alone) = with_good();
    // Both sheets declare a million rows; they hold a handful of cells.
    let patched = finish(rezip(&good_xlsx(), |name, data| {
        if !name.starts_with("xl/worksheets/sheet") {
            return None;
        }
        let xml = String::from_utf8(data.to_vec()).unwrap();
        let start = xml.find("<dimension ref=\"").unwrap() + "<dimension ref=\"".len();
        let end = start + xml[start..].find('"').unwrap();
        Some(format!("{}A1:XFD1048576{}", &xml[..start], &xml[end..]).into_bytes())
    }));
    w.remove("good.xlsx");
    w.put("good.xlsx", &patched);
    let (r, rss) = run_measured(&w);
    assert_eq!(r.keys(), Vec::<String>::new());
    assert_eq!(r.lines(), &alone);
    assert_eq!(r.ledger(), (3, 3, 0, 0, 0));
    assert_rss_below(rss, 200, "declared dimension");
}

#[test]
fn sheet_holding_more_cells_than_the_limit() {
    let (w, alone) = with_good();
    // 1,000,000 number cells plus the 9 header cells, written in constant-memory mode.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory().unwrap();
    ws.set_name(INV).unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=100_000u32 {
        for c in 0..10u16 {
            ws.write_number(r, c, 1.0).unwrap();
        }
    }
    let big = wb.save_to_buffer().unwrap();
    w.put("cells.xlsx", &big);
    let (r, rss) = run_measured(&w);
    assert_eq!(r.keys(), ["E-FILE-TOO-LARGE cells.xlsx ~!~"]);
    let m = &r.diags[0].message;
    assert!(m.contains(INV) && m.contains("1000000"), "{m}");
    assert_good_unchanged(&r, &alone);
    assert_rss_below(rss, 300, "1,000,009 cells");
}

#[test]
fn cell_limit_boundary_and_sheet_count() {
    // The cell limit counts non-empty cells actually held: exactly at the limit reads.
    let w = Work::new();
    let cat = load_catalog(&w);
    let bytes = standard("DU-C", 1, vec![item("Phần mềm diệt virus", 1)]);
    // 2 + 10 cells on the info sheet, 9 + 2 on the inventory sheet.
    let ctx = |max_cells| rasoat::read::ReadCtx {
        catalog: &cat,
        as_of: 2025,
        limits: rasoat::read::Limits {
            max_cells,
            ..rasoat::read::Limits::default()
        },
    };
    let at = rasoat::read::read_submission("c.xlsx", bytes.clone(), false, &ctx(11));
    assert!(
        at.unit.is_some() && at.diagnostics.is_empty(),
        "{:?}",
        at.diagnostics
    );
    let over = rasoat::read::read_submission("c.xlsx", bytes, false, &ctx(10));
    let codes: Vec<&str> = over.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["E-FILE-TOO-LARGE"]);
    assert!(over.unit.is_none() && over.ledger.balanced());

    // At most 255 sheets.
    let (w, alone) = with_good();
    let mut b = Book::unit("DU-S", 1).inv(vec![]);
    for i in 0..254 {
        b = b.sheet(Sheet::new(&format!("S{i}")));
    }
    w.put("sheets.xlsx", b.xlsx());
    let r = w.run(&[]);
    assert_eq!(r.keys(), ["E-FILE-TOO-LARGE sheets.xlsx ~!~"]);
    assert!(r.diags[0].message.contains("256"), "{}", r.diags[0].message);
    assert_good_unchanged(&r, &alone);
}

#[test]
fn file_over_max_file_mb() {
    let (w, alone) = with_good();
    let mut z = rezip(&good_xlsx(), |_, _| None);
    z.start_file(
        "xl/media/image1.png",
        SimpleFileOptions::default().compression_method(CompressionMethod::Stored),
    )
    .unwrap();
    z.write_all(&noise(2 * MIB as usize)).unwrap();
    let big = finish(z);
    assert!(big.len() as u64 > 2 * MIB);
    w.put("big.xlsx", &big);
    let r = w.run(&["--max-file-mb", "1"]);
    assert_eq!(r.keys(), ["E-FILE-TOO-LARGE big.xlsx ~!~"]);
    assert!(
        r.diags[0].message.contains("1 MiB"),
        "{}",
        r.diags[0].message
    );
    assert_good_unchanged(&r, &alone);
    // Under the default limit the same file reads normally.
    let r = w.run(&[]);
    assert_eq!(r.keys(), Vec::<String>::new());
}

#[test]
fn password_protected_file() {
    let (w, alone) = with_good();
    w.put("secret.xlsx", encrypted_cfb());
    w.put("secret-old.xls", encrypted_cfb());
    // An Excel 97-2003 workbook with a FILEPASS record (RC4 encryption) after its BOF.
    let mut wb = biff8(&[(INV, [0, 1, 0, 1], vec![(0, 0, X::T("x"))])]);
    let mut filepass = Vec::new();
    rec(&mut filepass, 0x002F, &[1, 0, 1, 0, 1, 0]);
    wb.splice(20..20, filepass);
    w.put("secret-biff.xls", cfb(&[("Workbook", wb)]).0);
    w.put("secret.ods", ods(&ods_table(INV, &ods_unit_rows()), true));
    let r = w.run(&[]);
    assert_eq!(
        r.keys(),
        [
            "E-FILE-ENCRYPTED secret-biff.xls ~!~",
            "E-FILE-ENCRYPTED secret-old.xls ~!~",
            "E-FILE-ENCRYPTED secret.ods ~!~",
            "E-FILE-ENCRYPTED secret.xlsx ~!~"
        ]
    );
    assert!(
        r.diags[0]
            .message
            .contains("remove the password and resubmit"),
        "{}",
        r.diags[0].message
    );
    assert_good_unchanged(&r, &alone);
}

#[test]
fn csv_with_nul_bytes_and_invalid_utf8() {
    let (w, alone) = with_good();
    let mut b: Vec<u8> = Vec::new();
    b.extend(
        "Mã đơn vị: DU-NUL\nTên đơn vị: Đơn vị\0 thử\nKhối: Đảng\nCấp: Xã\nSố cán bộ: 2\n"
            .as_bytes(),
    );
    b.extend("Tên thiết bị,Số lượng,Năm sử dụng\n".as_bytes()); // line 6
    b.extend("Máy in\0,1,2024\n".as_bytes()); // 7
    b.extend("Phần mềm diệt virus".as_bytes()); // 8
    b.extend(b"\xff\xfe,2,\n");
    b.extend(b"\xff\xff\xc3,1,\n"); // 9: unclassified
    b.extend("Bộ lưu điện,2\0,2024\n".as_bytes()); // 10: bad quantity
    b.extend(b"\0\0\0\n"); // 11: a name of NUL bytes: unclassified
    w.put("nul.csv", &b);
    // Pure binary noise named .csv: read as CSV, no header.
    w.put("noise.csv", noise(5000));
    let r = w.run(&[]);
    assert_eq!(
        r.keys(),
        [
            "E-NO-HEADER noise.csv ~!~",
            "W-ROW-UNCLASSIFIED nul.csv ~!A9",
            "E-QTY-INVALID nul.csv ~!B10",
            "W-ROW-UNCLASSIFIED nul.csv ~!A11",
            "W-QTY-EMPTY nul.csv ~!B11",
        ]
    );
    assert_eq!(r.unit("DU-NUL")["name"], "Đơn vị\u{0} thử");
    assert_eq!(r.have("DU-NUL", "PRINTER"), (1, 1, 0));
    assert_eq!(r.have("DU-NUL", "SW-AV"), (2, 2, 0));
    assert_eq!(
        r.needs["unclassified"][0]["name"],
        "\u{fffd}\u{fffd}\u{fffd}"
    );
    assert_good_unchanged(&r, &alone);
    assert_eq!(r.ledger(), (3 + 5, 3 + 2, 0, 2, 1));
}

#[test]
fn five_thousand_rows() {
    let (w, alone) = with_good();
    let mut rows = Vec::new();
    for i in 0..5000 {
        if i % 500 == 499 {
            rows.push(item("Tổng cộng", 499));
        } else {
            rows.push(
                item("Phần mềm diệt virus", 1)
                    .with(0, i + 1)
                    .with(COL_SERIAL, format!("SN-{i:05}"))
                    .with(COL_NOTE, "cài đặt năm 2024"),
            );
        }
    }
    w.put("big.xlsx", standard("DU-5000", 5000, rows));
    let r = w.run(&[]);
    assert_eq!(r.keys(), Vec::<String>::new());
    assert_eq!(r.have("DU-5000", "SW-AV"), (5000, 4990, 0));
    assert_eq!(r.ledger(), (3 + 5000, 3 + 4990, 10, 0, 0));
    assert_good_unchanged(&r, &alone);
}

#[test]
fn formula_injection_stays_plain_text() {
    let (w, alone) = with_good();
    let evil = "=HYPERLINK(\"http://evil\",\"x\")";
    let a = fields(evil, "+cmd", "Đảng", "Xã", 2);
    let rows = vec![
        item("-2+3", 1),
        item("@SUM(A1)", 1),
        item(evil, 1),
        item("Máy in", 1)
            .with(COL_YEAR, 2024)
            .with(COL_CONFIG, "=1+1")
            .with(COL_NOTE, "=cmd|' /C calc'!A0")
            .with(COL_SERIAL, "@SUM(A1)"),
        item("Máy in", 1)
            .with(COL_YEAR, 2024)
            .with(COL_SERIAL, "@SUM(A1)"),
    ];
    w.put("a.xlsx", Book::info(&a).inv(rows).xlsx());
    let mut b = fields("-2+3", "=1+1", "Đảng", "Xã", 1);
    b.push(("Mã trụ sở", C::from("+cmd")));
    w.put(
        "b.xlsx",
        Book::info(&b)
            .inv(vec![item("Phần mềm diệt virus", 1)])
            .xlsx(),
    );
    let r = w.run(&[]);
    assert_eq!(
        r.keys(),
        [
            format!("W-ROW-UNCLASSIFIED a.xlsx {INV}!C2"),
            format!("W-ROW-UNCLASSIFIED a.xlsx {INV}!C3"),
            format!("W-ROW-UNCLASSIFIED a.xlsx {INV}!C4"),
            format!("W-ASSET-DUPLICATE a.xlsx {INV}!H6"),
        ]
    );
    assert_good_unchanged(&r, &alone);
    // needs.json carries the text as plain strings.
    assert_eq!(r.unit(evil)["name"], "+cmd");
    assert_eq!(r.unit("-2+3")["name"], "=1+1");
    assert_eq!(r.unit("-2+3")["site"], "+cmd");
    let names: Vec<&str> = r.needs["unclassified"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["-2+3", "@SUM(A1)", evil]);
    assert_eq!(r.needs["duplicates"][0]["asset_id"], "@SUM(A1)");
    assert_eq!(r.line(evil, "PRINTER")["site"], evil);
    // needs.csv neutralises every cell that a spreadsheet would read as a formula.
    let mut rdr = csv::ReaderBuilder::new().from_reader(r.csv.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let recs: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), r.lines().len());
    for rec in &recs {
        for cell in rec.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {rec:?}"
            );
        }
    }
    let cells = |unit: &str| -> Vec<(String, String, String)> {
        recs.iter()
            .filter(|r| r[col("unit")] == *unit)
            .map(|r| {
                (
                    r[col("unit")].to_string(),
                    r[col("site")].to_string(),
                    r[col("site_units")].to_string(),
                )
            })
            .collect()
    };
    let a_cells = cells(&format!("'{evil}"));
    assert!(!a_cells.is_empty());
    assert!(
        a_cells
            .iter()
            .all(|c| c == &(format!("'{evil}"), format!("'{evil}"), format!("'{evil}"))),
        "{a_cells:?}"
    );
    let b_cells = cells("'-2+3");
    assert!(!b_cells.is_empty());
    assert!(
        b_cells.iter().all(|c| c
            == &(
                "'-2+3".to_string(),
                "'+cmd".to_string(),
                "'-2+3".to_string()
            )),
        "{b_cells:?}"
    );
    // The workbooks hold the text as strings, never as formulas.
    for book in ["du-toan-tai-chinh.xlsx", "khai-toan-khcn.xlsx"] {
        let bytes = std::fs::read(w.out().join(book)).unwrap();
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        for i in 0..z.len() {
            let mut f = z.by_index(i).unwrap();
            let mut xml = String::new();
            f.read_to_string(&mut xml).unwrap();
            for bad in ["<f>HYPERLINK", "<f>cmd", "<f>SUM(A1)", "<f>1+1", "<f>2+3"] {
                assert!(
                    !xml.contains(bad),
                    "{book}: {} holds {bad}",
                    f.name().unwrap()
                );
            }
        }
    }
}

/// Set the uncompressed size an archive declares for `entry` (local header and central
/// directory) to `size`, leaving the data as it is.
fn lie_about_size(zip: &mut [u8], entry: &str, size: u32) {
    let name = entry.as_bytes();
    let mut patched = 0;
    let mut i = 0;
    while i + 46 <= zip.len() {
        if zip[i..i + 4] == *b"PK\x01\x02" {
            let n = u16::from_le_bytes([zip[i + 28], zip[i + 29]]) as usize;
            if &zip[i + 46..i + 46 + n] == name {
                zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
                let local = u32::from_le_bytes(zip[i + 42..i + 46].try_into().unwrap()) as usize;
                assert_eq!(&zip[local..local + 4], b"PK\x03\x04");
                zip[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
        }
        i += 1;
    }
    assert_eq!(patched, 1, "{entry}");
}

#[test]
fn zip_entry_lying_about_its_size() {
    let (w, alone) = with_good();
    // The inventory sheet declares its real (small) size but inflates to 1.1 GiB: a megabyte
    // of deflated whitespace inside the XML.
    let good = good_xlsx();
    let mut z = rezip(&good, |name, _| {
        (name == "xl/worksheets/sheet2.xml").then(Vec::new)
    });
    let mut src = zip::ZipArchive::new(Cursor::new(&good[..])).unwrap();
    let mut xml = String::new();
    src.by_name("xl/worksheets/sheet2.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let declared = xml.len() as u32;
    let at = xml.find("<sheetData>").unwrap() + "<sheetData>".len();
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    // `rezip` already wrote an empty sheet2.xml: write the real one under another name, then
    // swap the names' bytes (same length).
    z.start_file("xl/worksheets/sheet9.xml", opts).unwrap();
    z.write_all(&xml.as_bytes()[..at]).unwrap();
    let spaces = vec![b' '; MIB as usize];
    for _ in 0..1126 {
        z.write_all(&spaces).unwrap();
    }
    z.write_all(&xml.as_bytes()[at..]).unwrap();
    let mut bytes = finish(z);
    // Drop the empty stand-in by renaming it, and give the big one the sheet's name.
    let rename = |b: &mut Vec<u8>, from: &str, to: &str| {
        let (f, t) = (from.as_bytes(), to.as_bytes());
        let mut n = 0;
        for i in 0..b.len().saturating_sub(f.len()) {
            if &b[i..i + f.len()] == f {
                b[i..i + t.len()].copy_from_slice(t);
                n += 1;
            }
        }
        assert_eq!(n, 2, "{from}");
    };
    rename(
        &mut bytes,
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet8.xml",
    );
    rename(
        &mut bytes,
        "xl/worksheets/sheet9.xml",
        "xl/worksheets/sheet2.xml",
    );
    lie_about_size(&mut bytes, "xl/worksheets/sheet2.xml", declared);
    w.put("liar.xlsx", &bytes);
    let (r, rss) = run_measured(&w);
    assert_eq!(r.keys(), ["E-FILE-UNREADABLE liar.xlsx ~!~"]);
    assert_good_unchanged(&r, &alone);
    assert_rss_below(rss, 300, "lying zip entry");
}

// ---------------------------------------------------------------------------------------------
// OpenDocument spreadsheets, written by hand: calamine expands a sheet's repeated rows and
// columns into a full grid when the file is opened.

#[test]
fn ods_sheets_expanding_to_huge_grids_or_never_closed() {
    let (w, alone) = with_good();
    // What LibreOffice writes: the used rows, then the rest of the sheet as one repeated
    // empty row. Read normally.
    let tail = r#"<table:table-row table:number-rows-repeated="1048572"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    w.put(
        "libre.ods",
        ods(
            &ods_table(INV, &format!("{}{tail}", ods_unit_rows())),
            false,
        ),
    );
    // Two non-empty cells 6,000 rows and 16,000 columns apart: under a kilobyte on disk,
    // gigabytes once expanded.
    let far = format!(
        r#"{}<table:table-row table:number-rows-repeated="6000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/>{}</table:table-row>"#,
        ods_unit_rows(),
        ods_num(1)
    );
    w.put("far.ods", ods(&ods_table(INV, &far), false));
    // One value repeated over 1,200,000 cells.
    let many = format!(
        r#"{}<table:table-row table:number-rows-repeated="2000"><table:table-cell table:number-columns-repeated="600" office:value-type="float" office:value="1"/></table:table-row>"#,
        ods_unit_rows()
    );
    w.put("many.ods", ods(&ods_table("Khác", &many), false));
    // A sheet that is never closed (`</table:table cell>` is no end of it): calamine would read
    // past the end of the XML forever.
    let open = format!(
        r#"<table:table table:name="{INV}">{}</table:table cell>"#,
        ods_unit_rows()
    );
    w.put("open.ods", ods(&open, false));
    let (r, rss) = run_measured(&w);
    assert_eq!(
        r.keys(),
        [
            "E-FILE-TOO-LARGE far.ods ~!~",
            "E-FILE-TOO-LARGE many.ods ~!~",
            "E-FILE-UNREADABLE open.ods ~!~"
        ]
    );
    assert!(
        r.diags[0].message.contains("grid"),
        "{}",
        r.diags[0].message
    );
    assert!(
        r.diags[1].message.contains("'Khác'") && r.diags[1].message.contains("1000000"),
        "{}",
        r.diags[1].message
    );
    assert_eq!(r.unit("DU-ODS")["file"], "libre.ods");
    assert_eq!(r.have("DU-ODS", "PRINTER"), (1, 1, 0));
    assert_good_unchanged(&r, &alone);
    assert_eq!(r.ledger(), (3 + 1, 3 + 1, 0, 0, 0));
    assert_rss_below(rss, 200, "ODS grids");
}

// ---------------------------------------------------------------------------------------------
// Excel 97-2003 (BIFF8) workbooks, written record by record.

#[test]
fn xls_files_whose_structure_would_exhaust_memory() {
    let (w, alone) = with_good();
    // A plain .xls survey reads.
    w.put("plain.xls", xls_survey([0, 4, 0, 3], vec![]));
    // A declared dimension of a million rows by 65,535 columns: calamine would reserve room
    // for every declared cell. Cleared before reading: read normally.
    w.put(
        "declared.xls",
        xls_survey([0, 1_048_576, 0, 65_535], vec![]),
    );
    // Two cells 65,535 rows and columns apart: a grid of 4 billion cells.
    w.put(
        "far.xls",
        xls_survey([0, 4, 0, 3], vec![(65_535, 65_535, X::N(1.0))]),
    );
    // The directory's sector chain loops: calamine would read it forever.
    let (mut looped, _) = cfb(&[("Workbook", biff8(&[(INV, [0, 4, 0, 3], vec![])]))]);
    set_fat(&mut looped, 1, 1);
    w.put("loop.xls", &looped);
    // The workbook stream declares 4 GB and its chain loops back to its first sector.
    let (mut big, starts) = cfb(&[("Workbook", biff8(&[(INV, [0, 4, 0, 3], vec![])]))]);
    let entry = 2 * 512 + 128 + 120; // directory in sector 1, entry 1, size field
    big[entry..entry + 4].copy_from_slice(&0xFFFF_FF00u32.to_le_bytes());
    set_fat(&mut big, starts[0] + 7, starts[0]);
    w.put("stream-loop.xls", &big);
    let (r, rss) = run_measured(&w);
    assert_eq!(
        r.keys(),
        [
            "E-FILE-TOO-LARGE far.xls ~!~",
            "E-FILE-UNREADABLE loop.xls ~!~",
            "E-FILE-UNREADABLE stream-loop.xls ~!~",
        ]
    );
    assert!(
        r.diags[0].message.contains("grid"),
        "{}",
        r.diags[0].message
    );
    // A damaged file, in the officer's words: what it is and what to do.
    assert_eq!(
        r.diags[1].message,
        "cannot be read: the Excel 97-2003 workbook (.xls) is damaged; open it in Excel or LibreOffice and save it again"
    );
    // plain.xls and declared.xls: the same unit, identical content: the first is kept.
    assert_eq!(r.unit("DU-XLS")["file"], "declared.xls");
    assert_eq!(r.needs["superseded"][0]["file"], "plain.xls");
    assert_eq!(r.have("DU-XLS", "PRINTER"), (1, 1, 0));
    assert_good_unchanged(&r, &alone);
    assert_eq!(r.ledger(), (3 + 1, 3 + 1, 0, 0, 0));
    assert_rss_below(rss, 200, "XLS structures");
}

/// A device or a pipe named as a submission is refused before it is read: `/dev/zero` would
/// fill memory, a pipe without a writer would block forever.
#[cfg(unix)]
#[test]
fn devices_and_pipes_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.xlsx");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let mut paths = vec!["/dev/zero".to_string()];
    if made {
        paths.push(fifo.to_string_lossy().into_owned());
    }
    for p in &paths {
        let o = rasoat(&["check", p, "--format", "json"]);
        assert_eq!(o.code, 1, "{p}: {}", o.stderr);
        assert!(o.stdout.contains("E-FILE-UNREADABLE"), "{p}: {}", o.stdout);
        assert!(o.stdout.contains("not a regular file"), "{p}: {}", o.stdout);
    }
}

/// A cell placed past Excel's last row (a one-kilobyte file): reading every row down to it
/// took a minute; it is refused as unreadable at once, and the good file is unchanged.
#[test]
fn a_cell_past_the_last_row_of_a_sheet() {
    let (w, alone) = with_good();
    let patched = finish(rezip(&good_xlsx(), |name, data| {
        if !name.starts_with("xl/worksheets/sheet") {
            return None;
        }
        let xml = String::from_utf8(data.to_vec()).unwrap();
        let far =
            r#"<row r="4294967295"><c r="A4294967295" t="inlineStr"><is><t>x</t></is></c></row>"#;
        Some(
            xml.replace("</sheetData>", &format!("{far}</sheetData>"))
                .into_bytes(),
        )
    }));
    w.put("far.xlsx", &patched);
    let r = w.run(&[]);
    assert_eq!(r.keys(), ["E-FILE-UNREADABLE far.xlsx ~!~"]);
    assert_good_unchanged(&r, &alone);
}

/// Hundreds of kilobytes of empty styles or shared texts: calamine would hold millions of
/// them (gigabytes) before reading a cell. They are counted first, from the archive.
#[test]
fn millions_of_empty_styles_or_shared_texts() {
    let (w, alone) = with_good();
    for (part, tag, n) in [
        ("xl/styles.xml", "<xf/>", 250_000),
        ("xl/sharedStrings.xml", "<si/>", 2_100_000),
    ] {
        let patched = finish(rezip(&good_xlsx(), |name, data| {
            if name != part {
                return None;
            }
            let xml = String::from_utf8(data.to_vec()).unwrap();
            // Just before the part's last closing tag.
            let at = xml.rfind("</").unwrap();
            Some(format!("{}{}{}", &xml[..at], tag.repeat(n), &xml[at..]).into_bytes())
        }));
        w.put("many.xlsx", &patched);
        let (r, rss) = run_measured(&w);
        assert_eq!(r.keys(), ["E-FILE-TOO-LARGE many.xlsx ~!~"], "{part}");
        assert_good_unchanged(&r, &alone);
        assert_rss_below(rss, 150, part);
    }
}
