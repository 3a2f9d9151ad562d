//! The hand-over lists for the lead agencies (SPEC §9): one `ban-giao-<channel>.xlsx` per
//! channel other than `self`, whose rows equal the channel's lines of `needs.json`.

mod common;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

/// The cells of one sheet of an xlsx file, as text (numbers without a fraction as integers).
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// `UNIT|ITEM` → (quantity, reference amount) of the data rows of `Danh sách`, and the header.
type Rows = BTreeMap<String, (u64, Option<String>)>;
fn list_rows(path: &Path) -> (Vec<String>, Rows, Vec<Vec<String>>) {
    let cells = sheet(path, "Danh sách");
    let at = cells
        .iter()
        .position(|r| r.first().map(String::as_str) == Some("STT"))
        .expect("a header row");
    let header = cells[at].clone();
    let mut rows = Rows::new();
    let mut rest = Vec::new();
    for r in &cells[at + 1..] {
        if r.len() > 9 && !r[1].is_empty() && !r[5].is_empty() {
            let amount = (!r[9].is_empty()).then(|| r[9].clone());
            rows.insert(
                format!("{}|{}", r[1], r[5]),
                (r[7].parse().unwrap(), amount),
            );
        } else {
            rest.push(r.clone());
        }
    }
    (header, rows, rest)
}

/// The lines of `channel` with quantity > 0 in needs.json, as `list_rows` gives them.
fn needs_rows(needs: &Value, channel: &str) -> Rows {
    needs["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["channel"] == channel && l["quantity"].as_u64().unwrap() > 0)
        .map(|l| {
            (
                format!(
                    "{}|{}",
                    l["unit"].as_str().unwrap(),
                    l["item"].as_str().unwrap()
                ),
                (
                    l["quantity"].as_u64().unwrap(),
                    l["total"].as_str().map(str::to_string),
                ),
            )
        })
        .collect()
}

fn examples() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/submissions"))
}

#[test]
fn every_other_channel_gets_a_list_that_equals_needs_json() {
    let out = tempfile::tempdir().unwrap();
    let o = rasoat(&[
        "run",
        examples().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let needs: Value =
        serde_json::from_slice(&std::fs::read(out.path().join("needs.json")).unwrap()).unwrap();
    let mut listed = 0;
    for ch in ["centralized", "police", "dxcenter"] {
        let file = out.path().join(format!("ban-giao-{ch}.xlsx"));
        assert!(
            o.stdout.contains(&format!("ban-giao-{ch}.xlsx")),
            "the summary names {ch}'s list: {}",
            o.stdout
        );
        let (header, rows, rest) = list_rows(&file);
        assert_eq!(
            header,
            [
                "STT",
                "Mã đơn vị",
                "Tên đơn vị",
                "Khối",
                "Cấp",
                "Mã thiết bị",
                "Tên thiết bị",
                "Số lượng",
                "Đơn giá tham khảo",
                "Thành tiền tham khảo",
                "Ghi chú"
            ]
        );
        let expected = needs_rows(&needs, ch);
        assert_eq!(rows, expected, "{ch}");
        listed += rows.len();
        // The total row: the quantities and the reference amounts summed.
        let total = rest
            .iter()
            .find(|r| r.get(2).map(String::as_str) == Some("Tổng cộng"))
            .expect("a total row");
        assert!(total[1].is_empty() && total[5].is_empty(), "{total:?}");
        let q: u64 = expected.values().map(|v| v.0).sum();
        assert_eq!(total[7], q.to_string());
        let amounts: Vec<i64> = expected
            .values()
            .filter_map(|v| v.1.as_ref().map(|a| a.parse().unwrap()))
            .collect();
        let want = if amounts.is_empty() {
            String::new()
        } else {
            amounts.iter().sum::<i64>().to_string()
        };
        assert_eq!(total[9], want, "{ch}");
        // Theo thiết bị: the same per item.
        let by_item = sheet(&file, "Theo thiết bị");
        let mut per_item: BTreeMap<String, u64> = BTreeMap::new();
        for (k, v) in &expected {
            *per_item
                .entry(k.split('|').nth(1).unwrap().into())
                .or_default() += v.0;
        }
        let got: BTreeMap<String, u64> = by_item
            .iter()
            .filter(|r| r.len() > 5 && r[0].parse::<u64>().is_ok())
            .map(|r| (r[1].clone(), r[5].parse().unwrap()))
            .collect();
        assert_eq!(got, per_item, "{ch}");
    }
    assert!(
        listed > 0,
        "the examples route some needs to other channels"
    );
    // The Khối and Cấp columns are in words.
    let cells = sheet(&out.path().join("ban-giao-police.xlsx"), "Danh sách");
    assert!(cells
        .iter()
        .any(|r| r.get(3).is_some_and(|c| c == "Khối Đảng")));
    assert!(!out.path().join("ban-giao-self.xlsx").exists());
}

#[test]
fn a_fifth_channel_gets_a_fifth_list_even_when_empty() {
    let w = Work::new();
    let toml = CATALOG_TOML.replace(
        "[channels]",
        "[channels]\ncyber-ops = \"Bộ Tư lệnh tác chiến không gian mạng\"",
    );
    w.write_catalog(&toml, ITEMS_CSV, PRICES_CSV, ROUTING_CSV);
    w.put(
        "a.xlsx",
        standard("DV-A", 10, vec![item("Máy tính để bàn", 2)]),
    );
    let o = rasoat(&[
        "run",
        w.subs().to_str().unwrap(),
        "--catalog",
        w.catalog().to_str().unwrap(),
        "--out",
        w.out().to_str().unwrap(),
    ]);
    assert!(o.code <= 1, "{}", o.stderr);
    let file = w.out().join("ban-giao-cyber-ops.xlsx");
    let cells = sheet(&file, "Danh sách");
    assert!(
        cells[0][0].contains("Bộ Tư lệnh tác chiến không gian mạng"),
        "the title names the channel: {:?}",
        cells[0]
    );
    assert!(
        cells[1][0].contains("không có thiết bị nào"),
        "the title says the list is empty: {:?}",
        cells[1]
    );
    let (_, rows, _) = list_rows(&file);
    assert!(rows.is_empty());
}

#[test]
fn lists_are_byte_identical_whatever_the_thread_count() {
    let runs: Vec<tempfile::TempDir> = ["1", "2"]
        .iter()
        .map(|jobs| {
            let out = tempfile::tempdir().unwrap();
            let o = rasoat(&[
                "run",
                examples().to_str().unwrap(),
                "--jobs",
                jobs,
                "--quiet",
                "--out",
                out.path().to_str().unwrap(),
            ]);
            assert_eq!(o.code, 1, "{}", o.stderr);
            out
        })
        .collect();
    for ch in ["centralized", "police", "dxcenter"] {
        let name = format!("ban-giao-{ch}.xlsx");
        let a = std::fs::read(runs[0].path().join(&name)).unwrap();
        let b = std::fs::read(runs[1].path().join(&name)).unwrap();
        assert!(a == b, "{name} differs between --jobs 1 and 2");
    }
}

#[test]
fn a_channel_id_that_is_not_a_safe_file_name_is_a_catalog_finding() {
    for bad in ["../evil", "a/b", "Police", "công-an", "x y"] {
        let w = Work::new();
        let toml = CATALOG_TOML.replace("[channels]", &format!("[channels]\n\"{bad}\" = \"X\""));
        w.write_catalog(&toml, ITEMS_CSV, PRICES_CSV, ROUTING_CSV);
        let o = rasoat(&["catalog", "check", w.catalog().to_str().unwrap()]);
        assert_eq!(o.code, 2, "{bad}: {}", o.stderr);
        assert!(
            o.stderr.contains("catalog.toml") && o.stderr.contains("ban-giao-<id>.xlsx"),
            "{bad}: {}",
            o.stderr
        );
    }
}

#[test]
fn conformance_hand_over_lists_match_when_present() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    let Ok(expected) = std::fs::read(shared.join("expected-handover.json")) else {
        eprintln!("skipped: ../shared/conformance not present");
        return;
    };
    let expected: BTreeMap<String, BTreeMap<String, (u64, Option<String>)>> =
        serde_json::from_slice(&expected).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = rasoat(&[
        "run",
        shared.join("submissions").to_str().unwrap(),
        "--catalog",
        shared.join("catalog").to_str().unwrap(),
        "--as-of",
        "2025",
        "--quiet",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    for (ch, want) in expected {
        let (_, rows, _) = list_rows(&out.path().join(format!("ban-giao-{ch}.xlsx")));
        assert_eq!(rows, want, "{ch}");
    }
}
