//! SPEC rev. 4's settled points (issue 14, item 7), conformance-style: one submission read by
//! the real binary with the bundled catalog, every number worked out by hand below.

#[macro_use]
mod common;

use common::*;
use serde_json::{json as j, Value};

fn line<'a>(needs: &'a Value, item: &str) -> &'a Value {
    needs["lines"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["item"] == item))
        .unwrap_or_else(|| panic!("no line for {item}"))
}

/// Unit DU-P-SO (Đảng, commune), 4 staff, as_of 2025, bundled catalog:
/// - PC-DESKTOP (1 per staff, min_config ram_gb>=8;storage_gb>=256;ssd, life 7): four desktops
///   `Core i5 8GB SSD 256GB` from 2023, good. The SSD claims the 256 GB after it, so RAM 8,
///   storage 256: all four usable. required 4, usable 4, gap 0, quantity 0. (Read as storage
///   8 they were unusable and all four replaced: quantity 4, 73,960,000 đồng.)
/// - PRINTER-A4 (1/3 per staff, min 1; 6,290,000 excl. VAT 10%): one good printer from 2024.
///   required ceil(4/3) = 2, usable 1, gap 1, replace 0, new 1. The requests sheet reads
///   `Mã loại | Số lượng hiện có | Số lượng đề xuất` = `PRINTER-A4 | 1 | 2`: requested 2 (not
///   the 1 the unit has), quantity min(2, 1) = 1, excess 1; amount 6,290,000, VAT 629,000,
///   total 6,919,000.
#[test]
fn drive_sizes_and_the_requested_quantity_column_by_hand() {
    let requests = Form::new()
        .header(&["Mã loại", "Số lượng hiện có", "Số lượng đề xuất"])
        .rows(vec![row!["PRINTER-A4", 1, 2]]);
    let book = Book::new()
        .sheet(unit_pairs("DU-P-SO", 4))
        .inv(vec![
            row![
                1,
                "",
                "Máy tính để bàn",
                "Core i5 8GB SSD 256GB",
                2023,
                4,
                "Tốt"
            ],
            row![2, "", "Máy in", "", 2024, 1, "Tốt"],
        ])
        .sheet(requests.sheet(REQ));
    let w = Work::bundled();
    w.put("DU-P-SO.xlsx", book.xlsx());
    let needs = w.run(&[]).needs;
    assert_eq!(needs["diagnostics"], serde_json::json!([]));
    let pick = |l: &Value, fields: &[&str]| -> Vec<Value> {
        fields.iter().map(|f| l[*f].clone()).collect()
    };
    let fields = [
        "required",
        "usable",
        "unusable",
        "gap",
        "replace",
        "new",
        "requested",
        "excess",
        "quantity",
        "amount",
        "vat",
        "total",
    ];
    assert_eq!(
        pick(line(&needs, "PC-DESKTOP"), &fields),
        [
            j!(4),
            j!(4),
            j!(0),
            j!(0),
            j!(0),
            j!(0),
            Value::Null,
            j!(0),
            j!(0),
            j!("0"),
            j!("0"),
            j!("0")
        ]
    );
    assert_eq!(
        pick(line(&needs, "PRINTER-A4"), &fields),
        [
            j!(2),
            j!(1),
            j!(0),
            j!(1),
            j!(0),
            j!(1),
            j!(2),
            j!(1),
            j!(1),
            j!("6290000"),
            j!("629000"),
            j!("6919000")
        ]
    );
}
