//! Tests of the needs.json reader: what it accepts, and the field each refusal names.
#![cfg(test)]

use super::*;
use serde_json::{json, Value};

/// A small needs.json as `run` writes it: two units, three lines (one unpriced).
pub(crate) fn sample() -> Value {
    json!({
        "catalog": {"name": "Danh mục thử", "effective": "2025-12-01"},
        "as_of": 2025,
        "units": [
            {"code": "U1", "name": "Đảng ủy U1", "block": "dang", "level": "commune", "site": "S1",
             "staff": 10, "leaders": 2, "revision": 1, "file": "U1.xlsx"},
            {"code": "U2", "name": "Mặt trận U2", "block": "mttq", "level": "city", "site": "U2",
             "staff": 5, "leaders": 0, "revision": 2, "file": "sub/U2.csv"}
        ],
        "lines": [
            {"unit": "U1", "site": "S1", "site_units": ["U1"], "item": "PC", "channel": "self",
             "required": 10, "usable": 7, "unusable": 2, "gap": 3, "replace": 2, "new": 1,
             "requested": null, "excess": 0, "quantity": 3, "unit_price": "15000000",
             "amount": "45000000", "vat": "0", "total": "45000000"},
            {"unit": "U1", "site": "S1", "site_units": ["U1", "U2"], "item": "SWITCH",
             "channel": "centralized", "required": 1, "usable": 0, "unusable": 0, "gap": 1,
             "replace": 0, "new": 1, "requested": 2, "excess": 1, "quantity": 1,
             "unit_price": null, "amount": null, "vat": null, "total": null},
            {"unit": "U2", "site": "U2", "site_units": ["U2"], "item": "PC", "channel": "self",
             "required": 5, "usable": 5, "unusable": 0, "gap": 0, "replace": 0, "new": 0,
             "requested": null, "excess": 0, "quantity": 0, "unit_price": "15000000",
             "amount": "0", "vat": "0", "total": "0"}
        ],
        "unit_totals": [
            {"unit": "U1", "amount": "45000000", "vat": "0", "contingency": "2250000", "total": "47250000"},
            {"unit": "U2", "amount": "0", "vat": "0", "contingency": "0", "total": "0"}
        ],
        "totals": {
            "self": {"amount": "45000000", "vat": "0", "contingency": "2250000",
                     "total": "47250000", "in_words": "Bốn mươi bảy triệu, hai trăm năm mươi nghìn đồng"},
            "by_channel": {
                "self": {"quantity": 3, "amount": "45000000", "vat": "0", "total": "45000000"},
                "centralized": {"quantity": 1, "amount": "0", "vat": "0", "total": "0"}
            },
            "by_block": {"dang": {"total": "47250000"}, "mttq": {"total": "0"}, "ctxh": {"total": "0"}},
            "by_level": {"city": {"total": "0"}, "commune": {"total": "47250000"}}
        },
        "unclassified": [], "superseded": [], "duplicates": [],
        "ledger": {"files": 2}, "diagnostics": []
    })
}

fn read(v: &Value) -> Result<NeedsFile, NeedsFileError> {
    parse(&serde_json::to_vec(v).unwrap(), "old/needs.json")
}

/// The (path, problem) a broken file is refused with.
fn refusal(v: &Value) -> (Option<String>, Problem) {
    let e = read(v).expect_err("refused");
    assert_eq!(e.file, "old/needs.json");
    (e.path, e.problem)
}

fn not_money(found: &str) -> Problem {
    Problem::NotMoney {
        found: found.into(),
    }
}

#[test]
fn reads_every_field_in_the_files_order() {
    let nf = read(&sample()).unwrap();
    assert_eq!(nf.catalog.name, "Danh mục thử");
    assert_eq!(nf.catalog.effective, "2025-12-01");
    assert_eq!(nf.as_of, 2025);
    assert_eq!(nf.units.len(), 2);
    assert_eq!(nf.units[1].block, Block::Mttq);
    assert_eq!(nf.units[1].level, Level::City);
    assert_eq!(nf.units[1].file, "sub/U2.csv");
    assert_eq!(nf.units[0].leaders, 2);
    let l = &nf.lines[1];
    assert_eq!(l.site_units, ["U1", "U2"]);
    assert_eq!(l.requested, Some(2));
    assert_eq!((l.unit_price, l.total), (None, None));
    assert_eq!(nf.lines[0].total, Some(Decimal::from(45_000_000)));
    assert_eq!(nf.lines[0].requested, None);
    assert_eq!(nf.unit_totals[0].contingency, Decimal::from(2_250_000));
    assert_eq!(nf.totals.self_.total, Decimal::from(47_250_000));
    let ch: Vec<&str> = nf
        .totals
        .by_channel
        .iter()
        .map(|c| c.channel.as_str())
        .collect();
    assert_eq!(ch, ["self", "centralized"]);
    assert_eq!(nf.totals.by_channel[1].quantity, 1);
    assert_eq!(
        nf.totals.by_block,
        [
            (Block::Dang, Decimal::from(47_250_000)),
            (Block::Mttq, Decimal::ZERO),
            (Block::Ctxh, Decimal::ZERO)
        ]
    );
    assert_eq!(
        nf.totals.by_level[1],
        (Level::Commune, Decimal::from(47_250_000))
    );
}

#[test]
fn money_is_a_canonical_integer_string() {
    assert_eq!(parse_money("0"), Some(Decimal::ZERO));
    assert_eq!(parse_money("15000000"), Some(Decimal::from(15_000_000)));
    let big = "9".repeat(28);
    assert_eq!(parse_money(&big).map(|d| d.to_string()), Some(big.clone()));
    for bad in [
        "",
        "-5",
        "+5",
        "15.5",
        "1e6",
        "007",
        " 5",
        "5 ",
        "١٢",
        &"9".repeat(29),
    ] {
        assert_eq!(parse_money(bad), None, "{bad:?}");
    }
}

#[test]
fn a_missing_field_is_named_with_its_path() {
    let mut v = sample();
    v["lines"][2].as_object_mut().unwrap().remove("total");
    assert_eq!(
        refusal(&v),
        (Some("lines[2].total".into()), Problem::Missing)
    );
    let mut v = sample();
    v["lines"][0].as_object_mut().unwrap().remove("requested");
    assert_eq!(
        refusal(&v),
        (Some("lines[0].requested".into()), Problem::Missing)
    );
    let mut v = sample();
    v.as_object_mut().unwrap().remove("unit_totals");
    assert_eq!(refusal(&v), (Some("unit_totals".into()), Problem::Missing));
    let mut v = sample();
    v["totals"]["by_channel"]["centralized"]
        .as_object_mut()
        .unwrap()
        .remove("vat");
    assert_eq!(
        refusal(&v),
        (
            Some("totals.by_channel.centralized.vat".into()),
            Problem::Missing
        )
    );
    // What diff and plan do not read may be absent.
    let mut v = sample();
    for k in [
        "unclassified",
        "superseded",
        "duplicates",
        "ledger",
        "diagnostics",
    ] {
        v.as_object_mut().unwrap().remove(k);
    }
    assert!(read(&v).is_ok());
}

#[test]
fn money_that_is_not_an_integer_string_is_refused() {
    let cases = [
        ("lines[0].total", json!(45000000), "integer `45000000`"),
        (
            "lines[0].amount",
            json!("45000000.0"),
            "string \"45000000.0\"",
        ),
        (
            "lines[0].unit_price",
            json!("-15000000"),
            "string \"-15000000\"",
        ),
        ("unit_totals[1].total", json!(null), "null"),
        ("totals.self.total", json!("4,725"), "string \"4,725\""),
        (
            "totals.by_block.mttq.total",
            json!(0.0),
            "floating point `0.0`",
        ),
    ];
    for (path, value, found) in cases {
        let mut v = sample();
        *v.pointer_mut(&pointer(path)).unwrap() = value;
        assert_eq!(refusal(&v), (Some(path.into()), not_money(found)), "{path}");
    }
}

/// `lines[0].total` → `/lines/0/total`.
fn pointer(path: &str) -> String {
    let mut p = String::new();
    for part in path.split('.') {
        match part.split_once('[') {
            Some((name, idx)) => {
                p.push_str(&format!("/{name}/{}", idx.trim_end_matches(']')));
            }
            None => p.push_str(&format!("/{part}")),
        }
    }
    p
}

#[test]
fn other_wrong_values_name_their_field() {
    let mut v = sample();
    v["units"][0]["staff"] = json!(-1);
    let (path, problem) = refusal(&v);
    assert_eq!(path.as_deref(), Some("units[0].staff"));
    assert!(
        matches!(problem, Problem::Invalid(ref e) if e.contains("-1")),
        "{problem:?}"
    );
    let mut v = sample();
    v["units"][1]["block"] = json!("khoi dang");
    assert_eq!(refusal(&v).0.as_deref(), Some("units[1].block"));
    let mut v = sample();
    v["totals"]["by_block"] = json!({"dang": {"total": "1"}, "party": {"total": "0"}});
    let (path, problem) = refusal(&v);
    assert_eq!(path.as_deref(), Some("totals.by_block"));
    assert!(
        matches!(problem, Problem::Invalid(ref e) if e.contains("\"party\"")),
        "{problem:?}"
    );
    let mut v = sample();
    v["lines"] = json!({});
    assert_eq!(refusal(&v).0.as_deref(), Some("lines"));
}

#[test]
fn references_to_units_are_checked() {
    let mut v = sample();
    v["lines"][2]["unit"] = json!("U9");
    assert_eq!(
        refusal(&v),
        (
            Some("lines[2].unit".into()),
            Problem::UnknownUnit("U9".into())
        )
    );
    let mut v = sample();
    v["unit_totals"][1]["unit"] = json!("U9");
    assert_eq!(
        refusal(&v),
        (
            Some("unit_totals[1].unit".into()),
            Problem::UnknownUnit("U9".into())
        )
    );
    let mut v = sample();
    v["units"][1]["code"] = json!("U1");
    v["lines"][2]["unit"] = json!("U1");
    assert_eq!(
        refusal(&v),
        (
            Some("units[1].code".into()),
            Problem::DuplicateUnit("U1".into())
        )
    );
    let mut v = sample();
    v["lines"][1]["item"] = json!("PC");
    assert_eq!(
        refusal(&v),
        (
            Some("lines[1].item".into()),
            Problem::DuplicateLine {
                unit: "U1".into(),
                item: "PC".into()
            }
        )
    );
}

#[test]
fn text_that_is_not_json_says_where() {
    let e = parse(b"{\"catalog\": \n [", "x.json").unwrap_err();
    assert!(
        matches!(e.problem, Problem::Syntax { line: 2, .. }),
        "{e:?}"
    );
    let mut bytes = serde_json::to_vec(&sample()).unwrap();
    bytes.extend_from_slice(b" {}");
    let e = parse(&bytes, "x.json").unwrap_err();
    assert!(
        matches!(e.problem, Problem::Syntax { line: 1, .. }),
        "{e:?}"
    );
    assert!(matches!(
        parse(b"", "x.json").unwrap_err().problem,
        Problem::Syntax { .. }
    ));
    let e = parse(b"[1, 2]", "x.json").unwrap_err();
    assert_eq!(e.path.as_deref(), Some("[0]"), "{e:?}");
}

#[test]
fn messages_name_the_file_and_the_field_in_both_languages() {
    let mut v = sample();
    v["lines"][0]["total"] = json!("1.5");
    let e = read(&v).unwrap_err();
    assert_eq!(
        e.message(Lang::En),
        "old/needs.json: not a needs.json written by rasoat: `lines[0].total` must be an amount \
         written as an integer string such as \"15000000\", not string \"1.5\""
    );
    assert_eq!(
        e.message(Lang::Vi),
        "old/needs.json: không phải tệp needs.json do rasoat lập: `lines[0].total` phải là số \
         tiền viết thành chuỗi số nguyên, ví dụ \"15000000\", không phải string \"1.5\""
    );
    assert_eq!(e.to_string(), e.message(Lang::En));
    // A unit code with a control character is shown escaped.
    let mut v = sample();
    v["lines"][2]["unit"] = json!("U\u{1b}[31m");
    let m = read(&v).unwrap_err().message(Lang::En);
    assert!(m.contains("\"U\\u{1b}[31m\""), "{m}");
}

#[test]
fn a_folder_means_its_needs_json() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = serde_json::to_vec(&sample()).unwrap();
    std::fs::write(dir.path().join("needs.json"), &bytes).unwrap();
    let nf = load(dir.path()).unwrap();
    assert_eq!(nf, load(&dir.path().join("needs.json")).unwrap());
    let e = load(&dir.path().join("nope")).unwrap_err();
    assert!(matches!(e.problem, Problem::Io(..)), "{e:?}");
    assert!(e.message(Lang::En).contains("cannot read"), "{e:?}");
    let empty = tempfile::tempdir().unwrap();
    let e = load(empty.path()).unwrap_err();
    assert_eq!(
        e.file,
        empty.path().join("needs.json").display().to_string()
    );
}

#[test]
fn wrong_kinds_of_values_are_said_in_vietnamese() {
    assert_eq!(
        serde_words("invalid type: string \"2025\", expected i32", Lang::Vi),
        "giá trị chuỗi \"2025\" không đúng kiểu, cần số nguyên"
    );
    assert_eq!(
        serde_words(
            "invalid type: floating point `1e30`, expected u64",
            Lang::Vi
        ),
        "giá trị số thực 1e30 không đúng kiểu, cần số nguyên không âm"
    );
    assert_eq!(
        serde_words("invalid value: integer `-1`, expected u64", Lang::Vi),
        "giá trị số nguyên -1 không hợp lệ, cần số nguyên không âm"
    );
    assert_eq!(
        serde_words("something else", Lang::Vi),
        "giá trị không hợp lệ (something else)"
    );
    assert_eq!(
        serde_words(
            "invalid type: floating point `1e30`, expected u64",
            Lang::En
        ),
        "decimal number 1e30 is the wrong kind of value; expected a whole number of at least 0"
    );
}
