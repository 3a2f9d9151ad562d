//! Reading a submission (SPEC §3), through the real binary on workbooks and CSV files built in
//! code. Every test asserts exact diagnostic codes and cells, ledger counts and unit fields; the
//! harness checks the ledger identity on every run.

#[macro_use]
mod common;

use common::*;
use rasoat::read::{Condition, Date, RowStatus, Year};
use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

/// A workbook opening with the information sheet of `unit_fields(code, staff)` plus `extra`.
fn info_with(code: &str, staff: i32, extra: &[(&'static str, C)]) -> Book {
    let mut f = unit_fields(code, staff);
    f.extend(extra.iter().cloned());
    Book::info(&f)
}

/// The date 5 November 2025, as the forms below write it in many ways.
const NOV_5: Option<Date> = Some(Date {
    y: 2025,
    m: 11,
    d: 5,
});

fn av(qty: impl Into<C>) -> Vec<C> {
    item("Phần mềm diệt virus", qty)
}

fn unit_json(r: &Run, code: &str) -> Value {
    r.unit(code).clone()
}

// ---------------------------------------------------------------------------------------------
// Unit information

#[test]
fn unit_info_from_info_sheet() {
    let w = Work::new();
    let mut info = Sheet::new(INFO);
    info.row(0, 0, row!["THÔNG TIN ĐƠN VỊ"]);
    info.row(1, 0, row!["Mã đơn vị", "DU-INFO"]);
    // The label is the first non-empty *text* cell; the value the next non-empty cell.
    info.row(2, 0, row![1, "Tên đơn vị", "", "Đảng ủy phường Bến Thành"]);
    info.row(3, 0, row!["Khối", "Khối Đảng"]);
    info.row(4, 0, row!["Cấp", "Cấp xã"]);
    info.row(5, 0, row!["Mã trụ sở", " TS-01 "]);
    info.row(6, 0, row!["Số cán bộ", "25 người"]);
    info.row(7, 0, row!["Số lãnh đạo", 3]);
    info.row(8, 0, row!["Lần nộp", 2]);
    info.row(9, 0, vec![C::from("Ngày lập"), C::D(2025, 11, 5)]);
    // A second occurrence does not override the first.
    info.row(10, 0, row!["Tên đơn vị", "Tên khác"]);
    info.row(11, 0, row!["Số cán bộ", 99]);
    w.put(
        "info.xlsx",
        Book::new().sheet(info).inv(vec![av(25)]).xlsx(),
    );
    let r = w.run(&[]);
    assert_eq!(r.keys(), Vec::<String>::new());
    assert_eq!(
        unit_json(&r, "DU-INFO"),
        json!({"code": "DU-INFO", "name": "Đảng ủy phường Bến Thành", "block": "dang", "level": "commune",
               "site": "TS-01", "staff": 25, "leaders": 3, "revision": 2, "file": "info.xlsx"})
    );
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
    assert_eq!(r.have("DU-INFO", "SW-AV"), (25, 25, 0));
    let cat = load_catalog(&w);
    let s = read_lib(
        &cat,
        "info.xlsx",
        std::fs::read(w.subs().join("info.xlsx")).unwrap(),
        false,
    );
    assert_eq!(s.unit.unwrap().date, NOV_5);
}

#[test]
fn unit_info_from_label_cells_above_header() {
    let w = Work::new();
    let mut s = Sheet::new(INV);
    s.merge(
        0,
        0,
        0,
        8,
        "BÁO CÁO HIỆN TRẠNG THIẾT BỊ CÔNG NGHỆ THÔNG TIN",
    );
    // `Đơn vị tính` folds to `don vi tinh`, which is not the label `don vi`.
    s.row(1, 0, row!["Đơn vị tính: cái"]);
    s.row(2, 0, row!["Mã đơn vị: DU-LBL", "", "", "", "Khối: MTTQ"]);
    s.row(3, 0, row!["Tên đơn vị:", "", "Ủy ban MTTQ phường Tân Định"]);
    s.row(4, 0, row!["Cấp:", "Thành phố"]);
    s.row(5, 0, row!["Số cán bộ:  12 người"]);
    s.row(6, 0, row!["Số lãnh đạo:", 2]);
    s.row(7, 0, row!["Trụ sở: TS-9"]);
    s.row(8, 0, row!["Phiên bản: 3", "", "Kính gửi: Ban Tổ chức"]);
    s.row(9, 0, row!["Ngày báo cáo: 05/11/2025"]);
    s.row(10, 0, header_cells());
    s.rows(11, 0, vec![av(12)]);
    let bytes = Book::new().sheet(s).xlsx();
    w.put("labels.xlsx", &bytes);
    let r = w.run(&[]);
    assert_eq!(r.keys(), Vec::<String>::new());
    assert_eq!(
        unit_json(&r, "DU-LBL"),
        json!({"code": "DU-LBL", "name": "Ủy ban MTTQ phường Tân Định", "block": "mttq", "level": "city",
               "site": "TS-9", "staff": 12, "leaders": 2, "revision": 3, "file": "labels.xlsx"})
    );
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
    let s = read_lib(&load_catalog(&w), "labels.xlsx", bytes, false);
    assert_eq!(s.unit.unwrap().date, NOV_5);
}

#[test]
fn info_sheet_wins_over_label_cells() {
    let w = Work::new();
    let mut inv = Sheet::new(INV);
    inv.row(0, 0, row!["Mã đơn vị: OTHER"]);
    inv.row(1, 0, row!["Số cán bộ: 99"]);
    // Missing on the sheet: filled from the label cells.
    inv.row(2, 0, row!["Số lãnh đạo: 2"]);
    inv.row(3, 0, row!["Lần nộp:", "", 4]);
    inv.row(4, 0, header_cells());
    inv.rows(5, 0, vec![av(1)]);
    w.put("win.xlsx", Book::unit("DU-WIN", 10).sheet(inv).xlsx());
    let r = w.run(&[]);
    assert_eq!(r.keys(), Vec::<String>::new());
    assert_eq!(r.unit_codes(), ["DU-WIN"]);
    let u = unit_json(&r, "DU-WIN");
    assert_eq!(
        (&u["staff"], &u["leaders"], &u["revision"]),
        (&json!(10), &json!(2), &json!(4))
    );
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
}

#[test]
fn block_and_level_forms() {
    let w = Work::new();
    let forms = [
        ("Khối Đảng", "Cấp xã", "dang", "commune"),
        ("Mặt trận Tổ quốc", "Thành phố", "mttq", "city"),
        ("MTTQ", "TP", "mttq", "city"),
        ("Chính trị - xã hội", "Phường", "ctxh", "commune"),
        ("CT-XH", "Đặc khu", "ctxh", "commune"),
        ("Đoàn thể", "Cơ sở", "ctxh", "commune"),
        ("dang", "city", "dang", "city"),
        ("ctxh", "commune", "ctxh", "commune"),
        ("KHỐI MẶT TRẬN TỔ QUỐC", "CẤP THÀNH PHỐ", "mttq", "city"),
        ("Khối Chính trị – xã hội", "cấp phường", "ctxh", "commune"),
    ];
    for (i, (b, l, ..)) in forms.iter().enumerate() {
        let code = format!("U{i:02}");
        let unit = fields(&code, "Đơn vị", b, l, 1);
        w.put(
            &format!("{code}.xlsx"),
            Book::info(&unit).inv(vec![av(1)]).xlsx(),
        );
    }
    let r = w.run(&[]);
    assert_eq!(r.keys(), Vec::<String>::new());
    for (i, (b, l, block, level)) in forms.iter().enumerate() {
        let u = unit_json(&r, &format!("U{i:02}"));
        assert_eq!(
            (u["block"].as_str().unwrap(), u["level"].as_str().unwrap()),
            (*block, *level),
            "{b} / {l}"
        );
    }
    assert_eq!(r.ledger(), (10, 10, 0, 0, 0));
}

#[test]
fn unit_field_missing_or_invalid_leaves_the_file_out() {
    let w = Work::new();
    let base = unit_fields("DU-X", 5);
    let without = |label: &str| -> Vec<(&'static str, C)> {
        base.iter().filter(|f| f.0 != label).cloned().collect()
    };
    let replace = |label: &str, v: C| -> Vec<(&'static str, C)> {
        base.iter()
            .map(|f| {
                if f.0 == label {
                    (f.0, v.clone())
                } else {
                    f.clone()
                }
            })
            .collect()
    };
    let plus = |label: &'static str, v: C| -> Vec<(&'static str, C)> {
        let mut f = base.clone();
        f.push((label, v));
        f
    };
    let cases: Vec<(&str, Vec<(&'static str, C)>)> = vec![
        ("a_no_code", without("Mã đơn vị")),
        ("b_no_name", without("Tên đơn vị")),
        ("c_no_block", without("Khối")),
        ("d_no_level", without("Cấp")),
        ("e_no_staff", without("Số cán bộ")),
        ("f_bad_block", replace("Khối", C::from("Quận ủy"))),
        ("g_bad_level", replace("Cấp", C::from("Quận"))),
        ("h_bad_staff", replace("Số cán bộ", C::from("nhiều"))),
        ("i_neg_staff", replace("Số cán bộ", C::from(-3))),
        ("j_frac_staff", replace("Số cán bộ", C::from("2.5"))),
        ("k_bad_leaders", plus("Số lãnh đạo", C::from("abc"))),
        ("l_bad_date", plus("Ngày lập", C::from("hôm qua"))),
        ("m_bad_date2", plus("Ngày lập", C::from("31/02/2025"))),
        ("n_bad_revision", plus("Lần nộp", C::from("lần hai"))),
        ("o_empty_info", vec![]),
    ];
    for (name, fields) in &cases {
        w.put(
            &format!("{name}.xlsx"),
            Book::info(fields).inv(vec![av(1)]).xlsx(),
        );
    }
    // No info sheet: the unreadable value comes from a label cell of the inventory sheet.
    let mut inv = Sheet::new(INV);
    inv.row(0, 0, row!["Mã đơn vị: DU-Y", "Tên đơn vị: Y"]);
    inv.row(1, 0, row!["Khối: Đảng", "Cấp: Xã"]);
    inv.row(2, 0, row!["Số cán bộ: nhiều"]);
    inv.row(3, 0, row!["Số lãnh đạo:", "", "x"]);
    inv.row(4, 0, header_cells());
    inv.rows(5, 0, vec![av(1)]);
    w.put("p_labels.xlsx", Book::new().sheet(inv).xlsx());
    w.put("z_good.xlsx", standard("DU-GOOD", 3, vec![av(3)]));
    let r = w.run(&[]);
    let info = |f: &str, cell: &str| format!("E-UNIT-FIELD {f}.xlsx {INFO}!{cell}");
    let mut want = vec![
        info("a_no_code", "~"),
        info("b_no_name", "~"),
        info("c_no_block", "~"),
        info("d_no_level", "~"),
        info("e_no_staff", "~"),
        info("f_bad_block", "B4"),
        info("g_bad_level", "B5"),
        info("h_bad_staff", "B6"),
        info("i_neg_staff", "B6"),
        info("j_frac_staff", "B6"),
        info("k_bad_leaders", "B7"),
        info("l_bad_date", "B7"),
        info("m_bad_date2", "B7"),
        info("n_bad_revision", "B7"),
    ];
    want.extend(std::iter::repeat_n(info("o_empty_info", "~"), 5));
    want.push(format!("E-UNIT-FIELD p_labels.xlsx {INV}!A3"));
    want.push(format!("E-UNIT-FIELD p_labels.xlsx {INV}!C4"));
    assert_eq!(r.keys(), want);
    assert_eq!(r.unit_codes(), ["DU-GOOD"]);
    assert_eq!(r.files(), 17);
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
    assert_eq!(r.have("DU-GOOD", "SW-AV"), (3, 3, 0));
    // The messages name the field.
    let m = &r
        .diags
        .iter()
        .find(|d| d.file.as_deref() == Some("h_bad_staff.xlsx"))
        .unwrap()
        .message;
    assert!(m.contains("'Số cán bộ'") && m.contains("nhiều"), "{m}");
}

#[test]
fn leaders_above_staff() {
    let w = Work::new();
    let above = info_with("DU-L1", 2, &[("Số lãnh đạo", C::from(3))]);
    let equal = info_with("DU-L2", 2, &[("Số lãnh đạo", C::from("2 người"))]);
    w.put("above.xlsx", above.inv(vec![av(1)]).xlsx());
    w.put("equal.xlsx", equal.inv(vec![av(1)]).xlsx());
    let r = w.run(&[]);
    assert_eq!(r.keys(), [format!("E-UNIT-LEADERS above.xlsx {INFO}!B7")]);
    assert_eq!(r.unit_codes(), ["DU-L2"]);
    assert_eq!(r.unit("DU-L2")["leaders"], 2);
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
}

#[test]
fn date_forms() {
    let w = Work::new();
    let cat = load_catalog(&w);
    let forms: Vec<C> = vec![
        C::D(2025, 11, 5),
        C::from("5/11/2025"),
        C::from("05/11/2025"),
        C::from("5-11-2025"),
        C::from("2025-11-05"),
        C::from("ngày 5 tháng 11 năm 2025"),
        C::from("Ngày 05 tháng 11 năm 2025"),
        C::from(nfd("ngày 5 tháng 11 năm 2025")),
    ];
    for f in &forms {
        let bytes = info_with("DU-D", 1, &[("Ngày lập", f.clone())])
            .inv(vec![av(1)])
            .xlsx();
        let s = read_lib(&cat, "d.xlsx", bytes, false);
        assert!(s.diagnostics.is_empty(), "{f:?}: {:?}", s.diagnostics);
        assert_eq!(s.unit.unwrap().date, NOV_5, "{f:?}");
    }
    // The later date wins among equal revisions; a missing date is lowest.
    let dated = |d: Option<C>, qty: i32| {
        let extra: Vec<(&'static str, C)> = d.into_iter().map(|d| ("Ngày báo cáo", d)).collect();
        info_with("DU-D", 1, &extra).inv(vec![av(qty)]).xlsx()
    };
    w.put("a.xlsx", dated(Some(C::from("4/11/2025")), 1));
    w.put(
        "b.xlsx",
        dated(Some(C::from("ngày 5 tháng 11 năm 2025")), 2),
    );
    w.put("c.xlsx", dated(None, 3));
    w.put("d.xlsx", dated(Some(C::D(2025, 10, 30)), 4));
    let r = w.run(&[]);
    assert_eq!(r.keys(), Vec::<String>::new());
    assert_eq!(r.unit("DU-D")["file"], "b.xlsx");
    assert_eq!(
        r.needs["superseded"],
        json!([{"unit": "DU-D", "file": "a.xlsx", "by": "b.xlsx"}, {"unit": "DU-D", "file": "c.xlsx", "by": "b.xlsx"},
               {"unit": "DU-D", "file": "d.xlsx", "by": "b.xlsx"}])
    );
    assert_eq!(r.have("DU-D", "SW-AV"), (1, 2, 0));
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
}

// ---------------------------------------------------------------------------------------------
// Finding the inventory table

#[test]
fn header_after_title_rows_starting_in_column_c() {
    let w = Work::new();
    let mut s = Sheet::new("Bảng kê");
    s.merge(0, 2, 0, 9, "BÁO CÁO HIỆN TRẠNG THIẾT BỊ");
    s.row(1, 2, row!["Kính gửi: Ban Tổ chức Thành ủy"]);
    s.row(2, 2, row!["Mã đơn vị: DU-C", "", "Tên đơn vị: Đảng ủy C"]);
    s.row(
        3,
        2,
        row!["Khối: Đảng", "", "Cấp: Phường", "", "Số cán bộ: 3"],
    );
    s.row(5, 2, row!["STT", "Tên thiết bị", "Số lượng", "Tình trạng"]);
    s.row(6, 2, row![1, "Phần mềm diệt virus", 3, "Tốt"]);
    s.row(7, 2, row![2, "Bộ lưu điện", "-1", "Tốt"]);
    // Outside the table's columns: not part of the row.
    s.row(8, 0, row!["ghi chú ngoài bảng", "x"]);
    s.row(9, 2, row![3, "Máy in", 1, "Hỏng"]);
    w.put("c.xlsx", Book::new().sheet(s).xlsx());
    let r = w.run(&[]);
    // No year column: the printer's year is empty, and its item has a useful life.
    assert_eq!(
        r.keys(),
        [
            "E-QTY-NEGATIVE c.xlsx Bảng kê!E8",
            "W-YEAR-UNKNOWN c.xlsx Bảng kê!D10"
        ]
    );
    assert_eq!(r.have("DU-C", "SW-AV"), (3, 3, 0));
    assert_eq!(r.have("DU-C", "PRINTER"), (1, 0, 1));
    assert_eq!(r.have("DU-C", "UPS"), (1, 0, 0));
    // Rows 7..10: three devices and the row holding only cells outside the table.
    assert_eq!(r.ledger(), (4, 2, 1, 0, 1));
}

#[test]
fn header_variants() {
    let w = Work::new();
    let variants: &[(&str, &str, &str)] = &[
        ("a", "Ten thiet bi", "So luong"),
        ("b", "TÊN THIẾT BỊ", "SỐ LƯỢNG"),
        ("c", "Tên\nthiết bị", "Số lượng\n(cái)"),
        ("d", "Device", "Quantity"),
        ("e", "Tên tài sản", "Số lượng (cái)"),
        ("f", "Thiết bị", "SL"),
        ("g", "TEN_THIET_BI", "SO_LUONG"),
        ("h", "  Tên thiết bị  ", "Số lượng:"),
    ];
    for (code, name_h, qty_h) in variants {
        let mut s = Sheet::new(INV);
        s.row(0, 0, row!["STT", *name_h, *qty_h]);
        s.row(1, 0, row![1, "Phần mềm diệt virus", 4]);
        let code = format!("DU-{code}");
        w.put(
            &format!("{code}.xlsx"),
            Book::unit(&code, 4).sheet(s).xlsx(),
        );
    }
    // English headers, with Serial and Item code: the serial column is read (a repeated serial
    // is a duplicate asset), the code column decides the item.
    let mut s = Sheet::new("Inventory");
    s.row(
        0,
        0,
        row!["No", "Item code", "Device", "Quantity", "Serial"],
    );
    s.row(1, 0, row![1, "SW-AV", "Kaspersky", 2, "SN-1"]);
    s.row(2, 0, row![2, "", "Antivirus", 1, "sn 1"]);
    w.put("english.xlsx", Book::unit("DU-EN", 4).sheet(s).xlsx());
    let r = w.run(&[]);
    assert_eq!(r.keys(), ["W-ASSET-DUPLICATE english.xlsx Inventory!E3"]);
    for (code, ..) in variants {
        assert_eq!(r.have(&format!("DU-{code}"), "SW-AV"), (4, 4, 0), "{code}");
    }
    assert_eq!(r.have("DU-EN", "SW-AV"), (4, 2, 0));
    assert_eq!(
        r.needs["duplicates"],
        json!([{"unit": "DU-EN", "asset_id": "sn 1", "file": "english.xlsx", "sheet": "Inventory", "row": 3,
                "first": {"unit": "DU-EN", "file": "english.xlsx", "sheet": "Inventory", "row": 2}}])
    );
    // 8 one-row files + 2 rows, one of which is skipped as a duplicate.
    assert_eq!(r.ledger(), (10, 9, 1, 0, 0));
}

#[test]
fn longest_header_wins_and_first_column_keeps_its_field() {
    let w = Work::new();
    let mut s = Sheet::new(INV);
    s.row(
        0,
        0,
        row![
            "STT",
            "Mã thiết bị",
            "Thiết bị",
            "Số lượng",
            "Số lượng đề xuất",
            "Thông số kỹ thuật",
            "Năm mua"
        ],
    );
    s.row(1, 0, row![1, "", "Máy in", 2, "-5", "", 2024]);
    s.row(2, 0, row![2, "UPS", "Thiết bị lưu điện", 1, "", "", 2024]);
    s.row(3, 0, row![3, "XYZ", "Máy in", 1, "", "", 2024]);
    s.row(
        4,
        0,
        row![4, "", "Máy tính để bàn", 1, "hai", "i5/8GB/256GB SSD", 2024],
    );
    w.put("h.xlsx", Book::unit("DU-H", 3).sheet(s).xlsx());
    let r = w.run(&[]);
    assert_eq!(r.keys(), [format!("E-ITEM-UNKNOWN h.xlsx {INV}!B4")]);
    assert_eq!(r.have("DU-H", "PRINTER"), (1, 2, 0));
    assert_eq!(r.have("DU-H", "UPS"), (1, 1, 0));
    assert_eq!(r.have("DU-H", "PC-DESKTOP"), (3, 1, 0));
    assert_eq!(r.ledger(), (4, 3, 0, 0, 1));
}

#[test]
fn header_must_be_within_the_first_30_rows() {
    let w = Work::new();
    for (name, header_row) in [("row30.xlsx", 29u32), ("row31.xlsx", 30u32)] {
        let mut s = Sheet::new(INV);
        s.row(
            0,
            0,
            row![
                "Mã đơn vị: DU-30",
                "Tên đơn vị: A",
                "Khối: Đảng",
                "Cấp: Xã",
                "Số cán bộ: 1"
            ],
        );
        s.row(header_row, 0, header_cells());
        s.row(header_row + 1, 0, av(1));
        w.put(name, Book::new().sheet(s).xlsx());
    }
    let r = w.run(&[]);
    assert_eq!(r.keys(), [format!("E-NO-HEADER row31.xlsx {INV}!~")]);
    assert_eq!(r.unit("DU-30")["file"], "row30.xlsx");
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
}

#[test]
fn inventory_sheet_choice() {
    let w = Work::new();
    // No sheet named for the inventory: the first sheet with a header, skipping the
    // unit-information and requests sheets.
    let mut notes = Sheet::new("Hướng dẫn");
    notes.row(0, 0, row!["Điền Tên thiết bị và Số lượng vào sheet sau"]);
    let mut data = Sheet::new("Sheet2");
    data.row(0, 0, row!["Tên thiết bị", "Số lượng"]);
    data.row(1, 0, row!["Phần mềm diệt virus", 2]);
    w.put(
        "a.xlsx",
        Book::unit("DU-A", 2).sheet(notes).sheet(data).xlsx(),
    );
    // A sheet named for the inventory is the inventory, header or not.
    let mut named = Sheet::new("Hiện trạng CNTT");
    named.row(0, 0, row!["chưa điền"]);
    let mut other = Sheet::new("Sheet3");
    other.row(0, 0, row!["Tên thiết bị", "Số lượng"]);
    other.row(1, 0, row!["Phần mềm diệt virus", 2]);
    w.put(
        "b.xlsx",
        Book::unit("DU-B", 2).sheet(other).sheet(named).xlsx(),
    );
    let r = w.run(&[]);
    assert_eq!(r.keys(), ["E-NO-HEADER b.xlsx Hiện trạng CNTT!~"]);
    assert_eq!(r.unit_codes(), ["DU-A"]);
    assert_eq!(r.have("DU-A", "SW-AV"), (2, 2, 0));
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
}

#[test]
fn nfd_text_in_sheet_names_labels_headers_and_names() {
    let w = Work::new();
    let unit = [
        ("Mã đơn vị", "DU-NFD"),
        ("Tên đơn vị", "  Đảng ủy phường Bến Nghé "),
        ("Khối", "Khối Đảng"),
        ("Cấp", "Cấp xã"),
        ("Số cán bộ", "5 người"),
    ]
    .map(|(l, v)| (nfd(l), nfd(v)));
    let info = Form::new()
        .title("THÔNG TIN ĐƠN VỊ")
        .pairs(&unit)
        .sheet(&nfd(INFO));
    let inv = Form::new()
        .header(&HEADER.map(nfd))
        .rows(vec![
            item(&nfd("Máy tính xách tay Dell"), 1).with(COL_YEAR, 2024),
            item(&nfd("Máy in đa năng"), 1)
                .with(COL_YEAR, 2024)
                .with(COL_COND, nfd("Hỏng")),
            item(&nfd("Bàn ghế"), 1),
            item(&nfd("Bộ lưu điện"), "-1"),
        ])
        .sheet(&nfd(INV));
    w.put("nfd.xlsx", Book::new().sheet(info).sheet(inv).xlsx());
    let r = w.run(&[]);
    // Sheet names and names in outputs are NFC.
    assert_eq!(
        r.keys(),
        [
            "W-ROW-UNCLASSIFIED nfd.xlsx Hiện trạng!C4",
            "E-QTY-NEGATIVE nfd.xlsx Hiện trạng!F5"
        ]
    );
    assert_eq!(r.unit("DU-NFD")["name"], "Đảng ủy phường Bến Nghé");
    assert_eq!(
        (
            r.unit("DU-NFD")["block"].as_str(),
            r.unit("DU-NFD")["level"].as_str()
        ),
        (Some("dang"), Some("commune"))
    );
    assert_eq!(r.have("DU-NFD", "PC-LAPTOP"), (1, 1, 0));
    assert_eq!(r.have("DU-NFD", "MFP"), (1, 0, 1));
    assert_eq!(
        r.needs["unclassified"],
        json!([{"unit": "DU-NFD", "file": "nfd.xlsx", "sheet": "Hiện trạng", "row": 4, "name": "Bàn ghế"}])
    );
    assert_eq!(r.ledger(), (4, 2, 0, 1, 1));
}

#[test]
fn merged_cells_sit_in_their_top_left_cell() {
    let w = Work::new();
    let mut inv = inv_sheet(vec![]);
    // Header on row 1; a vertically merged device name over rows 2-3: row 3 has no name.
    inv.merge(1, COL_NAME as u16, 2, COL_NAME as u16, "Máy in");
    inv.set(1, COL_QTY as u16, 1).set(2, COL_QTY as u16, 2);
    inv.set(1, COL_YEAR as u16, 2024)
        .set(2, COL_YEAR as u16, 2024);
    // A section title merged across the table.
    inv.merge(3, 1, 3, 8, "II. THIẾT BỊ MẠNG");
    inv.row(4, 0, av(2));
    // The information sheet's title merged over four columns.
    let mut s = Form::new()
        .line(vec![])
        .pairs(&unit_fields("DU-M", 2))
        .sheet(INFO);
    s.merge(0, 0, 0, 3, "THÔNG TIN ĐƠN VỊ");
    w.put("m.xlsx", Book::new().sheet(s).sheet(inv).xlsx());
    let r = w.run(&[]);
    assert_eq!(r.keys(), [format!("E-ROW-NO-NAME m.xlsx {INV}!C3")]);
    assert_eq!(r.have("DU-M", "PRINTER"), (1, 1, 0));
    assert_eq!(r.have("DU-M", "SW-AV"), (2, 2, 0));
    assert_eq!(r.ledger(), (4, 2, 1, 0, 1));
}

// ---------------------------------------------------------------------------------------------
// Classifying rows

#[test]
fn skipped_rows_by_reason() {
    let w = Work::new();
    let mut inv = inv_sheet(vec![]);
    inv.row(1, 0, av(2)); // 2 counted
                          // 3: no cell at all                                         blank
    inv.row(3, 0, row![3]); // 4: only STT                         blank
    inv.row(4, 0, header_cells()); // 5: repeated header
    inv.row(5, 0, row!["I", "", "THIẾT BỊ VĂN PHÒNG"]); // 6: section
    inv.row(6, 0, row!["", "", "II. Thiết bị mạng"]); // 7: section
    inv.row(7, 0, row!["B", "", "Thiết bị khác"]); // 8: section
    inv.row(8, 0, item("Tổng cộng:", 10)); // 9: total
    inv.row(9, 0, row!["Cộng I", "", "", "", "", 5]); // 10: total
    inv.row(10, 0, item("Cộng mục II", 3)); // 11: total
    inv.row(11, 0, item("Tổng số máy", 7)); // 12: total
    inv.row(12, 0, item("Tổng đài IP Panasonic", 1)); // 13: counted PBX
    inv.row(13, 0, item("Cổng chuyển đổi HDMI", 2)); // 14: counted ADAPTER
    inv.row(14, 0, item("TOTAL", 12)); // 15: total
    inv.row(15, 0, item("C. Camera", 1)); // 16: a quantity: not a section; CAMERA
    inv.row(16, 0, item("Cộng 2", 4)); // 17: total
    inv.row(17, 0, item("Tổng", 4)); // 18: total
    inv.row(18, 0, item("Sum", 4)); // 19: total
    inv.row(19, 0, item("Subtotal mục I", 4)); // 20: total
    inv.row(20, 0, item("Cộng x y", 1)); // 21: not a total: unclassified
    inv.row(21, 0, row![22, "", "", "", "", "", "", "", "ghi chú"]); // 22: a note only: no name
    w.put("s.xlsx", Book::unit("DU-S", 2).sheet(inv).xlsx());
    let r = w.run(&[]);
    assert_eq!(
        r.keys(),
        [
            format!("W-ROW-UNCLASSIFIED s.xlsx {INV}!C21"),
            format!("E-ROW-NO-NAME s.xlsx {INV}!C22")
        ]
    );
    assert_eq!(r.have("DU-S", "SW-AV"), (2, 2, 0));
    assert_eq!(r.have("DU-S", "PBX"), (1, 1, 0));
    assert_eq!(r.have("DU-S", "ADAPTER"), (1, 2, 0));
    assert_eq!(r.have("DU-S", "CAMERA"), (1, 1, 0));
    // Rows 2..22: 4 counted, 15 skipped, 1 unclassified, 1 rejected.
    assert_eq!(r.ledger(), (21, 4, 15, 1, 1));
}

#[test]
fn quantity_forms() {
    let w = Work::new();
    let rows = vec![
        av("2 cái"),                              // 2
        av("2cái"),                               // 3
        av("02"),                                 // 4
        av("2.0"),                                // 5
        av("1.000"),                              // 6
        av("+3"),                                 // 7
        av(4),                                    // 8
        av(""),                                   // 9: empty → 1, warning
        av("0"),                                  // 10
        av("3 bộ máy"),                           // 11
        av("-1"),                                 // 12
        av("1.5"),                                // 13
        av("hai"),                                // 14
        av(-2),                                   // 15
        av(1.5),                                  // 16
        av("2,5"),                                // 17
        row![17, "", "", "", "", "", "", "SN-9"], // 18: no name, empty quantity: no W-QTY-EMPTY
        av(" 5 "),                                // 19
        av(2.0),                                  // 20
    ];
    w.put("q.xlsx", standard("DU-Q", 1, rows));
    let r = w.run(&[]);
    let f = |c: &str, cell: &str| format!("{c} q.xlsx {INV}!{cell}");
    assert_eq!(
        r.keys(),
        [
            f("W-QTY-EMPTY", "F9"),
            f("E-QTY-NEGATIVE", "F12"),
            f("E-QTY-INVALID", "F13"),
            f("E-QTY-INVALID", "F14"),
            f("E-QTY-NEGATIVE", "F15"),
            f("E-QTY-INVALID", "F16"),
            f("E-QTY-INVALID", "F17"),
            f("E-ROW-NO-NAME", "C18"),
        ]
    );
    // 2+2+2+2+1+3+4+1+0+3+5+2
    assert_eq!(r.have("DU-Q", "SW-AV"), (1, 27, 0));
    assert_eq!(r.ledger(), (19, 12, 0, 0, 7));
}

#[test]
fn year_forms() {
    let w = Work::new();
    let ups = |y: C| item("Bộ lưu điện", 1).with(COL_YEAR, y);
    let rows = vec![
        ups(C::from(2019)),                                 // 2: age 6 ≥ 4
        ups(C::D(2018, 5, 1)),                              // 3
        ups(C::from("15/03/2020")),                         // 4: age 5
        ups(C::from("T8/2022")),                            // 5: usable
        ups(C::from("Năm 2019")),                           // 6
        ups(C::from("không rõ")),                           // 7: unknown, usable
        ups(C::from(2030)),                                 // 8: future: age 0
        ups(C::E),                                          // 9: empty, life: warning
        ups(C::from(2021)),                                 // 10: age 4
        ups(C::from("2023-06-30")),                         // 11: usable
        av(1).with(COL_YEAR, "không rõ"),                   // 12: no life, unreadable: warning
        av(1),                                              // 13: no life, empty: nothing
        item("Bàn làm việc", 1).with(COL_YEAR, "không rõ"), // 14: unclassified: no year warning
        ups(C::from(1850)),                                 // 15: out of 1900–2100
        ups(C::from("mua 12/2020, lắp 2021")),              // 16: first 4-digit group: 2020
    ];
    let bytes = standard("DU-Y", 1, rows);
    w.put("y.xlsx", &bytes);
    let r = w.run(&[]);
    let f = |c: &str, cell: &str| format!("{c} y.xlsx {INV}!{cell}");
    assert_eq!(
        r.keys(),
        [
            f("W-YEAR-UNKNOWN", "E7"),
            f("W-YEAR-UNKNOWN", "E8"),
            f("W-YEAR-UNKNOWN", "E9"),
            f("W-YEAR-UNKNOWN", "E12"),
            f("W-ROW-UNCLASSIFIED", "C14"),
            f("W-YEAR-UNKNOWN", "E15"),
        ]
    );
    assert_eq!(r.have("DU-Y", "UPS"), (1, 6, 6));
    assert_eq!(r.ledger(), (15, 14, 0, 1, 0));
    let s = read_lib(&load_catalog(&w), "y.xlsx", bytes, false);
    let years: Vec<Year> = s.rows.iter().map(|r| r.year).collect();
    use Year::*;
    assert_eq!(
        years,
        [
            Known(2019),
            Known(2018),
            Known(2020),
            Known(2022),
            Known(2019),
            Unreadable,
            Known(2030),
            Empty,
            Known(2021),
            Known(2023),
            Unreadable,
            Empty,
            Unreadable,
            Unreadable,
            Known(2020)
        ]
    );
}

#[test]
fn usability_warnings_only_for_accepted_submissions() {
    let w = Work::new();
    let rows = |rev: i32| {
        info_with("DU-V", 1, &[("Lần nộp", C::from(rev))])
            .inv(vec![
                item("Bộ lưu điện", 1),                            // empty year
                item("Bộ lưu điện", 1).with(COL_YEAR, "không rõ"), // unreadable year
                item("Máy tính để bàn", 1).with(COL_YEAR, 2024),   // config unreadable ×3
                item("Bộ lưu điện", "").with(COL_YEAR, 2024),      // empty quantity
            ])
            .xlsx()
    };
    w.put("old.xlsx", rows(1));
    w.put("new.xlsx", rows(2));
    let r = w.run(&[]);
    let f = |file: &str, c: &str, cell: &str| format!("{c} {file} {INV}!{cell}");
    assert_eq!(
        r.keys(),
        [
            f("new.xlsx", "W-YEAR-UNKNOWN", "E2"),
            f("new.xlsx", "W-YEAR-UNKNOWN", "E3"),
            f("new.xlsx", "W-CONFIG-UNREADABLE", "D4"),
            f("new.xlsx", "W-CONFIG-UNREADABLE", "D4"),
            f("new.xlsx", "W-CONFIG-UNREADABLE", "D4"),
            f("new.xlsx", "W-QTY-EMPTY", "F5"),
            // The superseded file keeps its reading diagnostics only.
            f("old.xlsx", "W-YEAR-UNKNOWN", "E3"),
            f("old.xlsx", "W-QTY-EMPTY", "F5"),
        ]
    );
    assert_eq!(
        r.needs["superseded"],
        json!([{"unit": "DU-V", "file": "old.xlsx", "by": "new.xlsx"}])
    );
    assert_eq!(r.ledger(), (4, 4, 0, 0, 0));
}

#[test]
fn condition_classes() {
    let w = Work::new();
    let conds = [
        ("Tốt", Some(Condition::Good)),
        ("Bình thường", Some(Condition::Good)),
        ("Đang sử dụng", Some(Condition::Good)),
        ("", Some(Condition::Good)),
        ("Hỏng", Some(Condition::Broken)),
        ("Hư hỏng", Some(Condition::Broken)),
        ("Không sử dụng được", Some(Condition::Broken)),
        ("Hỏng màn hình", Some(Condition::Broken)),
        ("HƯ HỎNG NẶNG", Some(Condition::Broken)),
        ("Cũ", Some(Condition::Worn)),
        ("Xuống cấp", Some(Condition::Worn)),
        ("Cần thay thế", Some(Condition::Worn)),
        ("Còn dùng được", None),
        ("Tốt lắm", Some(Condition::Good)),
        ("Tốtt", None),
    ];
    let rows = conds
        .iter()
        .map(|(c, _)| av(1).with(COL_COND, *c))
        .collect();
    let bytes = standard("DU-K", 1, rows);
    w.put("k.xlsx", &bytes);
    let r = w.run(&[]);
    assert_eq!(
        r.keys(),
        [
            format!("W-CONDITION-UNKNOWN k.xlsx {INV}!G14"),
            format!("W-CONDITION-UNKNOWN k.xlsx {INV}!G16")
        ]
    );
    assert_eq!(r.have("DU-K", "SW-AV"), (1, 7, 8));
    assert_eq!(r.ledger(), (15, 15, 0, 0, 0));
    let s = read_lib(&load_catalog(&w), "k.xlsx", bytes, false);
    let got: Vec<Condition> = s.rows.iter().map(|r| r.condition).collect();
    let want: Vec<Condition> = conds
        .iter()
        .map(|(_, c)| c.unwrap_or(Condition::Good))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn config_extraction() {
    let w = Work::new();
    let pc = |cfg: &str| {
        item("Máy tính để bàn", 1)
            .with(COL_YEAR, 2024)
            .with(COL_CONFIG, cfg)
    };
    let rows = vec![
        pc("i5/8GB/256GB SSD"),       // 2: usable
        pc("RAM 4GB, SSD 256GB"),     // 3: ram too small
        pc("8 GB RAM, HDD 1TB"),      // 4: HDD
        pc("Core i5 3.6GHz"),         // 5: three unreadable terms
        pc("DDR4 16GB, NVMe 512GB"),  // 6: usable
        pc(""),                       // 7: three unreadable terms
        pc("i5-1135G7, 8GB, SSD"),    // 8: storage unreadable
        pc("8GB/128GB SSD"),          // 9: storage too small
        pc("Chip i7 – 8G – 1TB HDD"), // 10: HDD
        pc("RAM 4,5 GB; SSD 0.5 TB"), // 11: ram 4.5 too small
    ];
    let bytes = standard("DU-CF", 1, rows);
    w.put("cf.xlsx", &bytes);
    let r = w.run(&[]);
    let f = |cell: &str| format!("W-CONFIG-UNREADABLE cf.xlsx {INV}!{cell}");
    assert_eq!(
        r.keys(),
        [
            f("D5"),
            f("D5"),
            f("D5"),
            f("D7"),
            f("D7"),
            f("D7"),
            f("D8")
        ]
    );
    let msgs: Vec<&str> = r
        .diags
        .iter()
        .filter(|d| d.cell.as_deref() == Some("D5"))
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        msgs[0].contains("ram_gb>=8")
            && msgs[1].contains("storage_gb>=256")
            && msgs[2].contains("ssd"),
        "{msgs:?}"
    );
    assert_eq!(r.have("DU-CF", "PC-DESKTOP"), (1, 5, 5));
    assert_eq!(r.ledger(), (10, 10, 0, 0, 0));
    let s = read_lib(&load_catalog(&w), "cf.xlsx", bytes, false);
    let d = |n: i64| Some(rust_decimal::Decimal::from(n));
    let got: Vec<_> = s
        .rows
        .iter()
        .map(|r| (r.config.ram_gb, r.config.storage_gb, r.config.ssd))
        .collect();
    assert_eq!(
        got,
        [
            (d(8), d(256), Some(true)),
            (d(4), d(256), Some(true)),
            (d(8), d(1000), Some(false)),
            (None, None, None),
            (d(16), d(512), Some(true)),
            (None, None, None),
            (d(8), None, Some(true)),
            (d(8), d(128), Some(true)),
            (d(8), d(1000), Some(false)),
            (Some(rust_decimal::Decimal::new(45, 1)), d(500), Some(true)),
        ]
    );
}

#[test]
fn cached_formula_results_are_read() {
    let w = Work::new();
    let rows = vec![
        av(formula("=1+1", "2")), // 2
        item("", 1)
            .with(COL_NAME, formula("=\"Máy in\"", "Máy in"))
            .with(COL_YEAR, 2024), // 3
        av(formula("=A1", " ")),  // 4: blank result: empty
        av(formula("=\"3 cái\"", "3 cái")), // 5
        av(formula("=B1", "")),   // 6: no result: written as 0
    ];
    w.put("f.xlsx", standard("DU-F", 1, rows));
    let r = w.run(&[]);
    assert_eq!(r.keys(), [format!("W-QTY-EMPTY f.xlsx {INV}!F4")]);
    assert_eq!(r.have("DU-F", "SW-AV"), (1, 6, 0));
    assert_eq!(r.have("DU-F", "PRINTER"), (1, 1, 0));
    assert_eq!(r.ledger(), (5, 5, 0, 0, 0));
}

#[test]
fn error_values_reject_the_row() {
    let w = Work::new();
    let rows = vec![
        av(formula("=#REF!", "#REF!")),                       // 2: quantity
        av(1).with(COL_YEAR, formula("=1/0", "#DIV/0!")),     // 3: year
        item("", 1).with(COL_NAME, formula("=NA()", "#N/A")), // 4: name
        av(1).with(0, formula("=#REF!", "#REF!")),            // 5: STT is not mapped
        av(1).with(COL_NOTE, formula("=VALUE(\"x\")", "#VALUE!")), // 6: note
        item("Tổng cộng", formula("=SUM(F2:F6)", "#VALUE!")), // 7: a total row is skipped first
    ];
    w.put("e.xlsx", standard("DU-E", 1, rows));
    let r = w.run(&[]);
    let f = |cell: &str| format!("E-CELL-ERROR e.xlsx {INV}!{cell}");
    assert_eq!(r.keys(), [f("F2"), f("E3"), f("C4"), f("I6")]);
    let m = &r.diags[0].message;
    assert!(m.contains("#REF!"), "{m}");
    assert_eq!(r.have("DU-E", "SW-AV"), (1, 1, 0));
    assert_eq!(r.ledger(), (6, 1, 1, 0, 4));
}

#[test]
fn row_without_name_or_code() {
    let w = Work::new();
    let rows = vec![
        item("", 2).with(COL_CONFIG, "i5/8GB"), // 2: rejected
        item("", 1).with(COL_CODE, "PRINTER").with(COL_YEAR, 2024), // 3: the code is enough
        item("", "").with(COL_NOTE, "đã thanh lý"), // 4: rejected
        item("   ", 1),                         // 5: blank name: rejected
    ];
    w.put("n.xlsx", standard("DU-N", 1, rows));
    let r = w.run(&[]);
    let f = |cell: &str| format!("E-ROW-NO-NAME n.xlsx {INV}!{cell}");
    assert_eq!(r.keys(), [f("C2"), f("C4"), f("C5")]);
    assert_eq!(r.have("DU-N", "PRINTER"), (1, 1, 0));
    assert_eq!(r.ledger(), (4, 1, 0, 0, 3));
}

#[test]
fn item_codes_decide_and_unknown_codes_are_errors() {
    let w = Work::new();
    let rows = vec![
        item("Máy in", 1)
            .with(COL_CODE, "XYZ-1")
            .with(COL_YEAR, 2024), // 2: unknown
        item("Bàn ghế", 1)
            .with(COL_CODE, " printer ")
            .with(COL_YEAR, 2024), // 3: PRINTER
        item("Máy in", 1).with(COL_CODE, "UPS").with(COL_YEAR, 2024), // 4: UPS
        item("", 5).with(COL_CODE, "Tổng cộng"),                      // 5: unknown code
        item("Máy in", "-1").with(COL_CODE, "XYZ-1"),                 // 6: quantity first
    ];
    w.put("i.xlsx", standard("DU-I", 1, rows));
    let r = w.run(&[]);
    let f = |c: &str, cell: &str| format!("{c} i.xlsx {INV}!{cell}");
    assert_eq!(
        r.keys(),
        [
            f("E-ITEM-UNKNOWN", "B2"),
            f("E-ITEM-UNKNOWN", "B5"),
            f("E-QTY-NEGATIVE", "F6")
        ]
    );
    assert!(r.diags[0].message.contains("XYZ-1"));
    assert_eq!(r.have("DU-I", "PRINTER"), (1, 1, 0));
    assert_eq!(r.have("DU-I", "UPS"), (1, 1, 0));
    assert_eq!(r.ledger(), (5, 2, 0, 0, 3));
}

// ---------------------------------------------------------------------------------------------
// Requests

#[test]
fn requests_sheet() {
    let w = Work::new();
    let q = |code: &str, qty: C| vec![C::E, C::from(code), C::E, qty];
    let req = Form::new()
        .title("ĐỀ XUẤT TRANG BỊ")
        .line(vec![])
        .header(&["STT", "Mã loại", "Tên thiết bị", "Số lượng đề xuất"])
        .rows(vec![
            q("PC-DESKTOP", C::from(2)),          // 4
            q("pc-desktop", C::from("3 cái")),    // 5: adds up
            q("PRINTER", C::E),                   // 6: empty quantity: error
            q("Tổng cộng", C::from(5)),           // 7: unknown code
            q("XYZ", C::from(1)),                 // 8: unknown code
            q("UPS", C::from("-1")),              // 9
            q("UPS", C::from("1.5")),             // 10
            q("", C::from(4)),                    // 11: blank
            q("SW-AV", C::from(0)),               // 12
            q("MFP", formula("=#REF!", "#REF!")), // 13
        ])
        .sheet(REQ);
    let inv = inv_sheet(vec![item("Máy tính để bàn", 1)
        .with(COL_YEAR, 2024)
        .with(COL_CONFIG, "i5/8GB/256GB SSD")]);
    w.put("r.xlsx", Book::unit("DU-R", 4).sheet(inv).sheet(req).xlsx());
    let r = w.run(&[]);
    let f = |c: &str, cell: &str| format!("{c} r.xlsx Đề xuất!{cell}");
    assert_eq!(
        r.keys(),
        [
            f("E-QTY-INVALID", "D6"),
            f("E-ITEM-UNKNOWN", "B7"),
            f("E-ITEM-UNKNOWN", "B8"),
            f("E-QTY-NEGATIVE", "D9"),
            f("E-QTY-INVALID", "D10"),
            f("E-CELL-ERROR", "D13"),
        ]
    );
    let pc = r.line("DU-R", "PC-DESKTOP");
    assert_eq!(
        (&pc["required"], &pc["usable"], &pc["gap"]),
        (&json!(4), &json!(1), &json!(3))
    );
    assert_eq!(
        (&pc["requested"], &pc["quantity"], &pc["excess"]),
        (&json!(5), &json!(3), &json!(2))
    );
    assert_eq!(r.line("DU-R", "PRINTER")["requested"], Value::Null);
    assert_eq!(r.line("DU-R", "UPS")["requested"], Value::Null);
    assert_eq!(r.line("DU-R", "MFP")["requested"], Value::Null);
    let av = r.line("DU-R", "SW-AV");
    assert_eq!(
        (&av["requested"], &av["quantity"], &av["excess"]),
        (&json!(0), &json!(0), &json!(0))
    );
    // Requests are not inventory rows.
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
}

#[test]
fn requests_sheet_without_header_is_ignored() {
    let w = Work::new();
    let mut req = Sheet::new("De xuat");
    req.row(0, 0, row!["Ghi chú: không có đề xuất"]);
    req.row(1, 0, row!["Mã loại", "Tên thiết bị"]); // no quantity column
    req.row(2, 0, row!["XYZ", "abc"]);
    w.put(
        "r.xlsx",
        Book::unit("DU-R", 1).inv(vec![av(1)]).sheet(req).xlsx(),
    );
    let r = w.run(&[]);
    assert_eq!(r.keys(), Vec::<String>::new());
    assert!(r.lines().iter().all(|l| l["requested"].is_null()));
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
}

#[test]
fn a_requests_sheet_without_header_is_passed_over_for_the_next() {
    // SPEC §3: the first requests-named sheet *with* an item code and a quantity column.
    let w = Work::new();
    let mut notes = Sheet::new("Đề xuất (hướng dẫn)");
    notes.row(0, 0, row!["Ghi mã loại và số lượng đề xuất ở trang sau"]);
    let req = common::requests_sheet(&[("SW-AV", 3)]);
    w.put(
        "r.xlsx",
        Book::unit("DU-R", 4)
            .inv(vec![av(1)])
            .sheet(notes)
            .sheet(req)
            .xlsx(),
    );
    let r = w.run(&[]);
    assert_eq!(r.keys(), Vec::<String>::new());
    assert_eq!(r.line("DU-R", "SW-AV")["requested"], json!(3));
}

// ---------------------------------------------------------------------------------------------
// Matching

#[test]
fn alias_matching() {
    let w = Work::new();
    let y = |name: &str| item(name, 1).with(COL_YEAR, 2024);
    let rows = vec![
        y("Máy tính xách tay Dell Latitude"), // 2: PC-LAPTOP (longest)
        y("Máy in đa năng Canon"),            // 3: MFP (longest)
        y("Máy in HP LaserJet"),              // 4: PRINTER
        y("Camera Webcam Logitech"),          // 5: tie → CAMERA
        y("Bàn làm việc"),                    // 6: unclassified
        y("PCI card"),                        // 7: `pc` only inside a word
        y("Bộ lưu điện UPS"),                 // 8: UPS
        y("PC-Dell").with(COL_CONFIG, "i5/8GB/256GB SSD"), // 9: PC-DESKTOP
        y("WEBCAM"),                          // 10: WEBCAM
        y("máy inx"),                         // 11: not whole words
    ];
    w.put("a.xlsx", standard("DU-AL", 1, rows));
    let r = w.run(&[]);
    let f = |c: &str, cell: &str| format!("{c} a.xlsx {INV}!{cell}");
    assert_eq!(
        r.keys(),
        [
            f("W-ALIAS-TIE", "C5"),
            f("W-ROW-UNCLASSIFIED", "C6"),
            f("W-ROW-UNCLASSIFIED", "C7"),
            f("W-ROW-UNCLASSIFIED", "C11"),
        ]
    );
    let tie = &r.diags[0].message;
    assert!(tie.contains("CAMERA") && tie.contains("WEBCAM"), "{tie}");
    for (it, n) in [
        ("PC-LAPTOP", 1),
        ("MFP", 1),
        ("PRINTER", 1),
        ("CAMERA", 1),
        ("UPS", 1),
        ("PC-DESKTOP", 1),
        ("WEBCAM", 1),
    ] {
        assert_eq!(r.have("DU-AL", it).1, n, "{it}");
    }
    let unc = |row: u32, name: &str| json!({"unit": "DU-AL", "file": "a.xlsx", "sheet": INV, "row": row, "name": name});
    assert_eq!(
        r.needs["unclassified"],
        json!([
            unc(6, "Bàn làm việc"),
            unc(7, "PCI card"),
            unc(11, "máy inx")
        ])
    );
    assert_eq!(r.ledger(), (10, 7, 0, 3, 0));
}

// ---------------------------------------------------------------------------------------------
// CSV

fn csv_text(d: char, code: &str) -> String {
    Form::new()
        .title("BÁO CÁO HIỆN TRẠNG THIẾT BỊ")
        .labels(&[("Mã đơn vị", code)])
        .line(row!["Tên đơn vị: Đảng ủy CSV", "Khối: Đảng"])
        .line(row!["Cấp: Xã", "", "Số cán bộ: 6"])
        .line(vec![])
        .header(&["STT", "Tên thiết bị", "Số lượng", "Ghi chú"])
        .numbered(vec![
            row!["Phần mềm diệt virus", 3, "ghi chú\nhai dòng"],
            row!["Bộ lưu điện", "-1"],
            row!["Máy in", "2,5", "a, b; c"],
            row!["Phần mềm diệt virus", "2 cái"],
        ])
        .csv(d)
}

#[test]
fn csv_submissions() {
    let w = Work::new();
    let bom_crlf = format!("\u{feff}{}", csv_text(',', "DU-CSV1").replace('\n', "\r\n"));
    w.put("comma.csv", bom_crlf);
    w.put("semicolon.csv", csv_text(';', "DU-CSV2"));
    w.put("tab.csv", csv_text('\t', "DU-CSV3"));
    w.put("upper.CSV", format!("\u{feff}{}", csv_text(';', "DU-CSV4")));
    let r = w.run(&[]);
    // Line 7-8 hold one record (a quoted line break); the bad rows are lines 9 and 10.
    let mut want = Vec::new();
    for f in ["comma.csv", "semicolon.csv", "tab.csv", "upper.CSV"] {
        want.push(format!("E-QTY-NEGATIVE {f} ~!C9"));
        want.push(format!("E-QTY-INVALID {f} ~!C10"));
    }
    assert_eq!(r.keys(), want);
    for code in ["DU-CSV1", "DU-CSV2", "DU-CSV3", "DU-CSV4"] {
        assert_eq!(r.have(code, "SW-AV"), (6, 5, 0), "{code}");
        let u = r.unit(code);
        assert_eq!(
            (&u["name"], &u["block"], &u["level"], &u["staff"]),
            (
                &json!("Đảng ủy CSV"),
                &json!("dang"),
                &json!("commune"),
                &json!(6)
            )
        );
    }
    assert_eq!(r.ledger(), (16, 8, 0, 0, 8));
}

#[test]
fn a_phone_number_as_staff_count_leaves_only_its_unit_out() {
    // 903,123,456 staff would multiply into an estimate beyond what it can state and stop the
    // run; above MAX_PEOPLE the field is an error of the file, and the other units go on.
    let w = Work::new();
    let form = |code: &str, staff: &str| {
        Form::new()
            .labels(&fields(code, code, "Đảng", "Xã", staff))
            .header(&["Tên thiết bị", "Năm sử dụng", "Số lượng"])
            .rows(vec![row!["Máy in", 2024, 1]])
            .csv(',')
    };
    w.put("a.csv", form("DU-A", "0903123456"));
    w.put("b.csv", form("DU-B", "100000"));
    let r = w.run(&[]);
    assert_eq!(r.keys(), ["E-UNIT-FIELD a.csv ~!A5"]);
    assert_eq!(r.unit_codes(), ["DU-B"], "the limit itself is accepted");
}

#[test]
fn csv_error_names_are_error_values() {
    // A CSV saved from a workbook whose formulas failed holds the errors' names: SPEC §3
    // rejects such rows (E-CELL-ERROR), whichever mapped cell holds the error.
    let w = Work::new();
    let form = Form::new()
        .labels(&fields("DU-E", "E", "Đảng", "Xã", 3))
        .header(&["Tên thiết bị", "Năm sử dụng", "Số lượng", "Ghi chú"])
        .rows(vec![
            row!["Máy in", "#REF!", 1],
            row!["Máy in", 2024, "#value!"],
            row!["#N/A", 2024, 1],
            row!["Máy in", 2024, 1, " #DIV/0! "],
            row!["Máy in", 2024, 1, "#REF"],
        ]);
    w.put("e.csv", form.csv(','));
    let r = w.run(&[]);
    assert_eq!(
        r.keys(),
        [
            "E-CELL-ERROR e.csv ~!B7",
            "E-CELL-ERROR e.csv ~!C8",
            "E-CELL-ERROR e.csv ~!A9",
            "E-CELL-ERROR e.csv ~!D10",
        ]
    );
    // The last row's note is text that only looks like an error.
    assert_eq!(r.have("DU-E", "PRINTER"), (1, 1, 0));
    assert_eq!(r.ledger(), (5, 1, 0, 0, 4));
}

// ---------------------------------------------------------------------------------------------
// Files

#[test]
fn unreadable_files_never_stop_the_run() {
    let w = Work::new();
    let good = standard(
        "DU-G",
        2,
        vec![av(1), item("Máy in", 1).with(COL_YEAR, 2020)],
    );
    w.put("good.xlsx", &good);
    let alone = w.run(&[]);
    w.put("fake.xls", "this is not a spreadsheet\n");
    w.put("trunc.xlsx", &good[..good.len() / 2]);
    w.put("empty.xlsx", b"");
    let r = w.run(&[]);
    assert_eq!(
        r.keys(),
        [
            "E-FILE-UNREADABLE empty.xlsx ~!~",
            "E-FILE-UNREADABLE fake.xls ~!~",
            "E-FILE-UNREADABLE trunc.xlsx ~!~"
        ]
    );
    assert_eq!(r.files(), 4);
    assert_eq!(r.unit_codes(), ["DU-G"]);
    assert_eq!(r.lines(), alone.lines());
    assert_eq!(r.ledger(), (2, 2, 0, 0, 0));
}

#[test]
fn lock_hidden_and_other_files_are_skipped() {
    let w = Work::new();
    w.put("good.xlsx", standard("DU-G", 1, vec![av(1)]));
    w.put("~$good.xlsx", "lock");
    w.put(".hidden.xlsx", "hidden");
    w.put(".git/x.xlsx", "hidden folder");
    w.put("notes.txt", "notes");
    w.put("data.json", "{}");
    let r = w.run(&[]);
    assert_eq!(r.keys(), Vec::<String>::new());
    assert_eq!(r.files(), 1);
    assert_eq!(r.ledger(), (1, 1, 0, 0, 0));
}

// ---------------------------------------------------------------------------------------------
// `rasoat check`: formats and exit codes

fn check_fixture() -> Work {
    let w = Work::new();
    w.put("good.xlsx", standard("DU-G", 1, vec![av(1)]));
    w.put("bad.xlsx", standard("DU-B", 1, vec![av(1), av("-1")]));
    w
}

#[test]
fn check_human() {
    let w = check_fixture();
    let o = w.check("human", &[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "bad.xlsx: Hiện trạng!F3: error[E-QTY-NEGATIVE]: quantity '-1' is negative; enter a whole number of at least 0"
    );
    assert_eq!(lines[1], "");
    assert!(lines[2].starts_with("bad.xlsx: unit DU-B, accepted; 2 rows read: 1 counted, 0 skipped, 0 unclassified, 1 rejected"), "{}", lines[2]);
    assert!(
        lines[3].starts_with("good.xlsx: unit DU-G, accepted; 1 row read: 1 counted"),
        "{}",
        lines[3]
    );
    assert_eq!(lines.len(), 4, "{}", o.stdout);
}

#[test]
fn check_json() {
    let w = check_fixture();
    let (o, v) = w.check_json();
    assert_eq!(o.code, 1);
    let diags: Vec<String> = Diag::list(&v, "check").iter().map(Diag::key).collect();
    assert_eq!(diags, ["E-QTY-NEGATIVE bad.xlsx Hiện trạng!F3"]);
    let files: Vec<(&str, &str)> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["status"].as_str().unwrap()))
        .collect();
    assert_eq!(files, [("bad.xlsx", "error"), ("good.xlsx", "ok")]);
    assert_eq!(
        v["files"][0]["ledger"],
        json!({"read": 2, "counted": 1, "skipped": 0, "unclassified": 0, "rejected": 1})
    );
}

#[test]
fn check_junit() {
    let w = check_fixture();
    let o = w.check("junit", &[]);
    assert_eq!(o.code, 1);
    let x = &o.stdout;
    assert!(
        x.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"),
        "{x}"
    );
    assert!(x.contains("tests=\"2\" failures=\"1\""), "{x}");
    assert!(
        x.contains("<testcase classname=\"rasoat.check\" name=\"good.xlsx\"/>"),
        "{x}"
    );
    assert!(
        x.contains("<testcase classname=\"rasoat.check\" name=\"bad.xlsx\">"),
        "{x}"
    );
    assert!(x.contains("type=\"E-QTY-NEGATIVE\""), "{x}");
    assert!(x.trim_end().ends_with("</testsuites>"), "{x}");
}

#[test]
fn check_github() {
    let w = check_fixture();
    let form = Form::new()
        .labels(&fields("DU-C", "C", "Đảng", "Xã", 1))
        .header(&["Tên thiết bị", "Số lượng"])
        .rows(vec![row!["Máy in", "hai"]]);
    w.put("c.csv", form.csv(','));
    let o = w.check("github", &[]);
    assert_eq!(o.code, 1);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=bad.xlsx,title=E-QTY-NEGATIVE Hiện trạng!F3::quantity '-1' is negative; enter a whole number of at least 0",
            "::error file=c.csv,line=7,title=E-QTY-INVALID B7::quantity 'hai' is not a whole number from 0 to 1000000000; enter the number of devices",
        ]
    );
}

#[test]
fn exit_codes() {
    let w = Work::new();
    w.put("good.xlsx", standard("DU-G", 1, vec![av(1)]));
    let r = w.run(&[]);
    assert_eq!((r.out.code, r.keys().len()), (0, 0));
    assert_eq!(w.check("human", &[]).code, 0);
    assert_eq!(w.check("human", &["--strict"]).code, 0);
    // Warnings: 0, or 1 with --strict.
    w.put("warn.xlsx", standard("DU-W", 1, vec![av("")]));
    let r = w.run(&[]);
    assert_eq!(r.keys(), [format!("W-QTY-EMPTY warn.xlsx {INV}!F2")]);
    assert_eq!(r.out.code, 0);
    assert_eq!(w.check("human", &[]).code, 0);
    assert_eq!(w.check("github", &["--strict"]).code, 1);
    let strict = w.run(&["--strict"]);
    assert_eq!(strict.out.code, 1);
    // --strict changes only the exit code.
    assert_eq!(strict.needs, r.needs);
    // Errors: 1, outputs still written.
    w.put("bad.xlsx", standard("DU-B", 1, vec![av("-1")]));
    let r = w.run(&[]);
    assert_eq!(r.out.code, 1);
    assert_eq!(r.unit_codes(), ["DU-B", "DU-G", "DU-W"]);
    // Usage errors: 2, nothing written.
    let cat = w.catalog();
    let out = w.path().join("out2");
    let missing = w.path().join("nope");
    for args in [
        vec![
            "run",
            missing.to_str().unwrap(),
            "--catalog",
            cat.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        vec![
            "check",
            missing.to_str().unwrap(),
            "--catalog",
            cat.to_str().unwrap(),
        ],
        vec!["check", "--catalog", cat.to_str().unwrap()],
        vec![
            "run",
            w.subs().to_str().unwrap(),
            "--as-of",
            "1800",
            "--out",
            out.to_str().unwrap(),
        ],
    ] {
        let o = rasoat(&args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(!o.stderr.is_empty(), "{args:?}");
    }
    assert!(!out.join("needs.json").exists());
    // A catalog with a finding: 2, nothing written.
    let bad = Work::new();
    let items = format!("{ITEMS_CSV}SW-AV,Trùng mã,software,staff,1,,,*,*,,,,trùng\n");
    bad.write_catalog(CATALOG_TOML, &items, PRICES_CSV, ROUTING_CSV);
    let bcat = bad.catalog();
    let o = rasoat(&[
        "run",
        w.subs().to_str().unwrap(),
        "--catalog",
        bcat.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("items.csv"), "{}", o.stderr);
    assert!(!out.join("needs.json").exists());
    assert_eq!(
        rasoat(&[
            "check",
            w.subs().to_str().unwrap(),
            "--catalog",
            bcat.to_str().unwrap()
        ])
        .code,
        2
    );
    // An output folder that cannot be created: 2.
    let file = w.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = rasoat(&[
        "run",
        w.subs().to_str().unwrap(),
        "--catalog",
        cat.to_str().unwrap(),
        "--out",
        file.join("sub").to_str().unwrap(),
    ]);
    assert_eq!(o.code, 2, "{}", o.stderr);
}

#[test]
fn library_reader_rows_are_exact() {
    // The parsed rows of one file, straight from the library entry point.
    let w = Work::new();
    let bytes = standard(
        "DU-LIB",
        2,
        vec![
            item("Máy in", "2 cái")
                .with(COL_YEAR, "T8/2022")
                .with(COL_COND, "Hỏng màn hình")
                .with(COL_SERIAL, 101)
                .with(COL_NOTE, " ghi chú "),
            item("Bàn", 1),
        ],
    );
    let cat = load_catalog(&w);
    let s = read_lib(&cat, "lib.xlsx", bytes, false);
    assert_eq!(s.sheet.as_deref(), Some(INV));
    let r = &s.rows[0];
    assert_eq!(
        (r.row, r.status, r.quantity, r.year, r.condition),
        (
            2,
            RowStatus::Counted,
            2,
            Year::Known(2022),
            Condition::Broken
        )
    );
    assert_eq!(cat.items[r.item.unwrap()].code, "PRINTER");
    // A whole-number cell reads as its digits.
    assert_eq!(r.asset_id.as_deref(), Some("101"));
    assert_eq!(r.note, "ghi chú");
    assert_eq!(
        (s.rows[1].status, s.rows[1].item),
        (RowStatus::Unclassified, None)
    );
    assert_eq!(
        (s.ledger.read, s.ledger.counted, s.ledger.unclassified),
        (2, 1, 1)
    );
}
