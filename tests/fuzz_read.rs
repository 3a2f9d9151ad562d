//! Property tests of the reader's promise "nothing panics on any input" (SPEC §3 "Files"):
//! random bytes, byte-level mutations of a valid workbook and CSV, mutated sheet XML and random
//! cell contents go through the library entry point. No panic may escape, the ledger must
//! balance, and no panic may even start inside rasoat's own code (a panic inside a dependency
//! is contained per file, by design). A few dozen cases per property: a few seconds in all.
//!
//! Longer runs: the cargo-fuzz target in `fuzz/` (see the README, "Limits and guarantees").

#[macro_use]
mod common;

use common::*;
use proptest::prelude::*;
use rasoat::catalog::Catalog;
use rasoat::read::{read_submission, Limits, ReadCtx, Survey};
use std::io::{Cursor, Read, Write};
use std::sync::{Mutex, Once, OnceLock};

/// Cases per property: 48, or `RASOAT_FUZZ_CASES` for a longer local run.
fn cases() -> u32 {
    std::env::var("RASOAT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

fn catalog() -> &'static Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    CAT.get_or_init(|| load_catalog(&Work::new()))
}

/// Panics whose location is in rasoat's own source (`src/…`), even when caught.
static OWN_PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn watch_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Some(loc) = info.location() {
                if loc.file().starts_with("src/") {
                    OWN_PANICS
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(format!("{info}"));
                }
            }
            prev(info);
        }));
    });
}

fn read(bytes: Vec<u8>, is_csv: bool) -> Survey {
    watch_panics();
    let ctx = ReadCtx {
        catalog: catalog(),
        as_of: 2025,
        limits: Limits::default(),
    };
    let s = read_submission("fuzz.xlsx", bytes, is_csv, &ctx);
    let own = OWN_PANICS.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert!(own.is_empty(), "panic in rasoat: {own:?}");
    s
}

fn check(s: &Survey) -> Result<(), TestCaseError> {
    let l = s.ledger;
    prop_assert!(l.balanced(), "{l:?}");
    prop_assert_eq!(s.rows.len() as u64, l.counted + l.unclassified);
    prop_assert!(s
        .diagnostics
        .iter()
        .all(|d| d.file.as_deref() == Some("fuzz.xlsx")));
    if s.unit.is_none() {
        prop_assert!(
            s.diagnostics.iter().any(|d| d.is_error()),
            "left out without an error"
        );
    }
    Ok(())
}

fn base_xlsx() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| {
        let mut inv = inv_sheet(vec![
            item("Máy tính để bàn", "2 cái")
                .with(COL_YEAR, "T8/2022")
                .with(COL_CONFIG, "i5/8GB/256GB SSD"),
            item("Máy in", 1)
                .with(COL_COND, "Hỏng")
                .with(COL_SERIAL, 101),
            item("Tổng cộng", 3),
            item("", "-1"),
        ]);
        inv.set(6, 2, formula("=1+1", "2"));
        let mut req = Sheet::new("Đề xuất");
        req.row(0, 0, row!["Mã loại", "Số lượng"]);
        req.row(1, 0, row!["PRINTER", 2]);
        Book::unit("DU-FZ", 3).sheet(inv).sheet(req).xlsx()
    })
}

/// A valid survey as an Excel 97-2003 file (compound file + BIFF8), stored as written, so
/// byte edits land in the sector tables, the directory and the records.
fn base_xls() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| {
        xls_survey(
            [0, 5, 0, 3],
            vec![(4, 0, X::T("Tổng cộng")), (4, 1, X::N(1.0))],
        )
    })
}

/// The `content.xml` tables of a valid ODS survey, repeated rows and columns included.
const BASE_ODS_XML: &str = concat!(
    r#"<table:table table:name="Hiện trạng"><table:table-row><table:table-cell office:value-type="string"><text:p>Mã đơn vị: DU-FZ</text:p></table:table-cell></table:table-row>"#,
    r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Tên đơn vị: A</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Khối: Đảng</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Cấp: Xã</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Số cán bộ: 2</text:p></table:table-cell></table:table-row>"#,
    r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>"#,
    r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Tên thiết bị</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Số lượng</text:p></table:table-cell></table:table-row>"#,
    r#"<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="string"><text:p>Máy in</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="2"/></table:table-row>"#,
    r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#
);

const BASE_CSV: &str = "\u{feff}Mã đơn vị: DU-FZ\r\nTên đơn vị: Đảng ủy\r\nKhối: Đảng;Cấp: Xã\r\nSố cán bộ: 3\r\n\
STT;Tên thiết bị;Số lượng;Năm sử dụng;Ghi chú\r\n1;Máy in;2 cái;2020;\"a;\r\nb\"\r\n2;Tổng cộng;2;;\r\n3;;-1;;\r\n";

/// Byte edits: (position as a fraction of the length, new byte).
fn edits() -> impl Strategy<Value = Vec<(f64, u8)>> {
    prop::collection::vec((0.0..1.0f64, any::<u8>()), 1..24)
}

fn mutate(base: &[u8], edits: &[(f64, u8)], cut: Option<f64>) -> Vec<u8> {
    let mut b = base.to_vec();
    for (at, v) in edits {
        let i = ((*at * b.len() as f64) as usize).min(b.len().saturating_sub(1));
        if let Some(x) = b.get_mut(i) {
            *x = *v;
        }
    }
    if let Some(c) = cut {
        b.truncate((c * b.len() as f64) as usize);
    }
    b
}

/// Rewrite the inventory sheet's XML through `f`, storing the archive uncompressed so the
/// mutation reaches the XML parser instead of failing the inflater.
fn with_sheet_xml(f: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let base = base_xlsx();
    let mut src = zip::ZipArchive::new(Cursor::new(base)).unwrap();
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        let data = if name == "xl/worksheets/sheet2.xml" || name == "xl/sharedStrings.xml" {
            f(&data)
        } else {
            data
        };
        z.start_file(name, opts).unwrap();
        z.write_all(&data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// Cell contents that exercise the reader: header words, labels, numbers, quantities, dates,
/// section and total leads, error texts, odd Unicode.
fn cell() -> impl Strategy<Value = C> {
    prop_oneof![
        Just(C::E),
        prop::sample::select(vec![
            "Tên thiết bị",
            "Số lượng",
            "Mã loại",
            "Năm sử dụng",
            "Tình trạng",
            "Cấu hình",
            "Mã đơn vị: X",
            "Số cán bộ: 2",
            "Khối: Đảng",
            "Cấp: Xã",
            "Tên đơn vị:",
            "Máy in",
            "Máy tính để bàn",
            "Tổng cộng",
            "II. Thiết bị",
            "2 cái",
            "-1",
            "1.5",
            "T8/2022",
            "ngày 5 tháng 11 năm 2025",
            "31/02/2025",
            "#REF!",
            "PRINTER",
            "i5/8GB/256GB SSD",
            "Hỏng",
            "\u{0}",
            "Ma\u{300}y in",
            "𝔐𝔞𝔶 🖨",
        ])
        .prop_map(C::from),
        any::<String>().prop_map(C::from),
        any::<f64>().prop_map(C::N),
        (-5i32..5000).prop_map(C::from),
        (1900u16..2100, 1u8..13, 1u8..29).prop_map(|(y, m, d)| C::D(y, m, d)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096), is_csv in any::<bool>()) {
        check(&read(bytes, is_csv))?;
    }

    #[test]
    fn zip_magic_then_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut b = b"PK\x03\x04".to_vec();
        b.extend(bytes);
        check(&read(b, false))?;
    }

    #[test]
    fn mutated_xlsx(e in edits(), cut in prop::option::of(0.0..1.0f64)) {
        check(&read(mutate(base_xlsx(), &e, cut), false))?;
    }

    #[test]
    fn mutated_sheet_xml(e in edits(), cut in prop::option::of(0.5..1.0f64)) {
        let bytes = with_sheet_xml(|xml| mutate(xml, &e, cut));
        check(&read(bytes, false))?;
    }

    #[test]
    fn mutated_xls(e in edits(), cut in prop::option::of(0.5..1.0f64)) {
        check(&read(mutate(base_xls(), &e, cut), false))?;
    }

    #[test]
    fn mutated_ods_xml(e in edits()) {
        let xml = mutate(BASE_ODS_XML.as_bytes(), &e, None);
        check(&read(ods(&String::from_utf8_lossy(&xml), false), false))?;
    }

    #[test]
    fn mutated_csv(e in edits(), cut in prop::option::of(0.0..1.0f64), is_csv in any::<bool>()) {
        check(&read(mutate(BASE_CSV.as_bytes(), &e, cut), is_csv))?;
    }

    #[test]
    fn random_cells(cells in prop::collection::vec(((0u32..40), (0u16..12), cell()), 0..120)) {
        let mut inv = Sheet::new("Hiện trạng");
        for (r, c, v) in cells {
            inv.set(r, c, v);
        }
        let bytes = Book::new().sheet(inv).xlsx();
        check(&read(bytes, false))?;
    }

    #[test]
    fn random_csv_cells(rows in prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..40),
                        delim in prop::sample::select(vec![",", ";", "\t"])) {
        let text: String = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        C::T(t) => format!("\"{}\"", t.replace('"', "\"\"")),
                        C::N(n) => n.to_string(),
                        C::D(y, m, d) => format!("{d}/{m}/{y}"),
                        _ => String::new(),
                    })
                    .collect::<Vec<_>>()
                    .join(delim)
            })
            .collect::<Vec<_>>()
            .join("\n");
        check(&read(text.into_bytes(), true))?;
    }
}

#[test]
fn the_bases_read_cleanly() {
    // The mutations start from files that read: a panic-free reader on them is not vacuous.
    let s = read(base_xlsx().to_vec(), false);
    assert_eq!(s.unit.as_ref().map(|u| u.code.as_str()), Some("DU-FZ"));
    let l = s.ledger;
    assert_eq!(
        (l.read, l.counted, l.skipped, l.unclassified, l.rejected),
        (6, 2, 2, 1, 1)
    );
    assert_eq!(s.requests.len(), 1);
    let s = read(base_xls().to_vec(), false);
    assert_eq!(s.unit.as_ref().map(|u| u.code.as_str()), Some("DU-XLS"));
    assert_eq!(
        (s.ledger.read, s.ledger.counted, s.ledger.skipped),
        (2, 1, 1)
    );
    let s = read(ods(BASE_ODS_XML, false), false);
    assert_eq!(s.unit.as_ref().map(|u| u.code.as_str()), Some("DU-FZ"));
    assert_eq!((s.ledger.read, s.ledger.counted), (3, 3));
    let s = read(BASE_CSV.as_bytes().to_vec(), true);
    assert_eq!(s.unit.as_ref().map(|u| u.code.as_str()), Some("DU-FZ"));
    // `2;Tổng cộng;…`: the lead is the STT `2`, so the row is no total: unclassified.
    let l = s.ledger;
    assert_eq!(
        (l.read, l.counted, l.skipped, l.unclassified, l.rejected),
        (3, 1, 0, 1, 1)
    );
}
