//! `rasoat catalog check|show` (SPEC §2): one broken copy of a valid catalog per rejection,
//! each asserting the file, line and column named in the message.

#[macro_use]
mod common;

use common::{fields, write_catalog, Form};
use std::path::Path;
use std::process::{Command, Output};

const TOML: &str = "name = \"Test\"\neffective = \"2025-12-01\"\nreference_year = 2025\ncurrency = \"VND\"\nvat_percent = \"10\"\ncontingency_percent = \"5\"\n[channels]\nself = \"Tự mua sắm\"\ncentralized = \"Tập trung\"\n";
const ITEMS: &str = "code,name,group,basis,norm_qty,norm_min,norm_max,blocks,levels,useful_life_years,min_config,max_unit_price,aliases
PC,Máy tính,terminal,staff,1,,,*,*,5,ram_gb>=8;ssd,20000000,máy tính để bàn|pc
PRN,Máy in,office,staff,1/3,1,3,dang;mttq,city,6,,13000000,máy in
COPY,Máy photocopy,office,site,1,,,*,*,8,,,photocopy
";
const PRICES: &str = "item,unit_price,vat_included,vat_percent,source,date
PC,18000000,true,,Báo giá,2025-10-01
PRN,11000000,false,,Báo giá,2025-10-01
";
const ROUTING: &str = "item,block,level,channel,basis
COPY,*,*,centralized,QĐ 24/2023
";

/// One run of the binary, in the environment the tests run in.
fn rasoat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .env_remove("COLUMNS")
        .args(args)
        .output()
        .unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Write the valid catalog into `dir`, `file` holding `text` instead.
fn catalog_with(dir: &Path, file: &str, text: &str) {
    let pick = |name: &str, valid| if name == file { text } else { valid };
    write_catalog(
        dir,
        pick("catalog.toml", TOML),
        pick("items.csv", ITEMS),
        pick("prices.csv", PRICES),
        pick("routing.csv", ROUTING),
    );
}

/// `catalog check DIR` in `lang`: the exit code and stderr, the folder written `DIR`.
fn catalog_check(dir: &Path, lang: &str) -> (i32, String) {
    let o = rasoat(&["--lang", lang, "catalog", "check", path(dir)]);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).replace(&dir.display().to_string(), "DIR"),
    )
}

/// `run SUB --catalog CATALOG --out OUT` plus `extra`.
fn run(sub: &Path, catalog: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "run",
        path(sub),
        "--catalog",
        path(catalog),
        "--out",
        path(out),
    ];
    args.extend(extra);
    rasoat(&args)
}

/// Run `catalog check` on a copy of the valid catalog with one file replaced.
fn check_with(file: &str, text: &str) -> (i32, String) {
    let d = tempfile::tempdir().unwrap();
    catalog_with(d.path(), file, text);
    catalog_check(d.path(), "en")
}

fn rejects(file: &str, text: &str, wanted: &[&str]) {
    let (code, err) = check_with(file, text);
    assert_eq!(code, 2, "{err}");
    for w in wanted {
        assert!(err.contains(w), "expected {w:?} in:\n{err}");
    }
}

#[test]
fn the_valid_test_catalog_and_the_bundled_one_pass() {
    let (code, err) = check_with("items.csv", ITEMS);
    assert_eq!(code, 0, "{err}");
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs/hcmc-2025");
    let o = rasoat(&["catalog", "check", path(&bundled)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("ok"));
}

#[test]
fn missing_and_unknown_columns() {
    rejects(
        "prices.csv",
        &PRICES.replace("source,", "").replace("Báo giá,", ""),
        &["DIR/prices.csv:1: column 'source': missing column"],
    );
    rejects(
        "items.csv",
        &ITEMS.replacen("aliases", "aliases,colour", 1),
        &["DIR/items.csv:1: column 'colour' (cell N1): unknown column"],
    );
}

#[test]
fn duplicate_codes() {
    let t = format!("{ITEMS}PC,Máy tính 2,terminal,staff,1,,,*,*,5,,,pc2\n");
    rejects(
        "items.csv",
        &t,
        &["DIR/items.csv:5: column 'code' (cell A5): duplicate code 'PC'"],
    );
    // One finding: the second row is not also reported as an item without a price.
    let (_, err) = check_with("items.csv", &t);
    assert!(!err.contains("has no price"), "{err}");
    assert!(err.contains("1 finding in the catalog"), "{err}");
}

#[test]
fn bad_numbers() {
    rejects(
        "items.csv",
        &ITEMS.replace("1/3,1,3", "1/x,1,3"),
        &["DIR/items.csv:3: column 'norm_qty' (cell E3): '1/x' is not a norm"],
    );
    // Catalog texts go into workbook cells: none may pass what a cell holds.
    let long = "x".repeat(32_768);
    rejects(
        "items.csv",
        &ITEMS.replace(",office,", &format!(",{long},")),
        &["DIR/items.csv:3: column 'group' (cell C3): longer than the 32767 characters"],
    );
    rejects(
        "catalog.toml",
        &TOML.replace("name = \"Test\"", &format!("name = \"{long}\"")),
        &["DIR/catalog.toml: column 'name': longer than the 32767 characters"],
    );
    // A typo in a norm would multiply into an estimate too large to state and stop every run.
    rejects(
        "items.csv",
        &ITEMS.replace("1/3,1,3", "1000,1,3"),
        &["DIR/items.csv:3: column 'norm_qty' (cell E3): '1000' is above 100 per staff member"],
    );
    rejects(
        "items.csv",
        &ITEMS.replace("1/3,1,3", "1/3,1,100001"),
        &["DIR/items.csv:3: column 'norm_max' (cell G3): 100001 is above 100000"],
    );
    rejects(
        "items.csv",
        &ITEMS.replace("20000000,máy", "20tr,máy"),
        &["DIR/items.csv:2: column 'max_unit_price' (cell L2): '20tr' is not a whole number"],
    );
    rejects(
        "prices.csv",
        &PRICES.replace("18000000", "18.000.000"),
        &["DIR/prices.csv:2: column 'unit_price' (cell B2): '18.000.000' is not a whole number"],
    );
    // Excel on Windows saves CSV with CRLF: the line is still the physical line.
    rejects(
        "prices.csv",
        &PRICES.replace("11000000", "11tr").replace('\n', "\r\n"),
        &["DIR/prices.csv:3: column 'unit_price' (cell B3): '11tr' is not a whole number"],
    );
    rejects(
        "prices.csv",
        &PRICES.replace("18000000", "1000000000000000"),
        &["DIR/prices.csv:2: column 'unit_price' (cell B2): '1000000000000000' is above the largest price an estimate can state, 999999999999999 đồng"],
    );
    rejects(
        "catalog.toml",
        &TOML.replace("\"10\"", "\"ten\""),
        &["DIR/catalog.toml: column 'vat_percent'"],
    );
    rejects(
        "prices.csv",
        &PRICES.replace("2025-10-01\nPRN", "2025-13-01\nPRN"),
        &["DIR/prices.csv:2: column 'date' (cell F2)"],
    );
}

#[test]
fn norm_min_above_norm_max() {
    rejects(
        "items.csv",
        &ITEMS.replace("1/3,1,3", "1/3,4,3"),
        &["DIR/items.csv:3: column 'norm_min' (cell F3): norm_min 4 is above norm_max 3"],
    );
}

#[test]
fn unknown_blocks_levels_and_channels() {
    rejects(
        "items.csv",
        &ITEMS.replace("dang;mttq,city", "dang;party,city"),
        &["DIR/items.csv:3: column 'blocks' (cell H3): 'party'"],
    );
    rejects(
        "items.csv",
        &ITEMS.replace("dang;mttq,city", "dang;mttq,ward"),
        &["DIR/items.csv:3: column 'levels' (cell I3): 'ward'"],
    );
    rejects(
        "routing.csv",
        &ROUTING.replace("centralized", "finance"),
        &["DIR/routing.csv:2: column 'channel' (cell D2): 'finance' is not a channel"],
    );
    rejects(
        "routing.csv",
        &ROUTING.replace("COPY,*,*", "COPY,doan,*"),
        &["DIR/routing.csv:2: column 'block' (cell B2)"],
    );
    rejects(
        "catalog.toml",
        &TOML.replace("self = ", "own = "),
        &["[channels] must define `self`"],
    );
}

#[test]
fn routing_rows_naming_unknown_items_or_groups() {
    rejects(
        "routing.csv",
        &format!("{ROUTING}SCANNER,*,*,self,x\n"),
        &["DIR/routing.csv:3: column 'item' (cell A3): 'SCANNER' is not an item code"],
    );
    rejects(
        "routing.csv",
        &format!("{ROUTING}group:network,*,*,self,x\n"),
        &["DIR/routing.csv:3: column 'item' (cell A3): no item has group 'network'"],
    );
}

#[test]
fn price_rows_for_unknown_items_or_twice() {
    rejects(
        "prices.csv",
        &format!("{PRICES}FAX,100,true,,x,2025-10-01\n"),
        &["DIR/prices.csv:4: column 'item' (cell A4): 'FAX' is not an item code"],
    );
    rejects(
        "prices.csv",
        &format!("{PRICES}PC,100,true,,x,2025-10-01\n"),
        &["DIR/prices.csv:4: column 'item' (cell A4): a second price row for 'PC'"],
    );
}

#[test]
fn price_above_the_cap_including_vat() {
    // 12,000,000 + 10% = 13,200,000 > 13,000,000 (the cap includes VAT).
    rejects("prices.csv", &PRICES.replace("11000000", "12000000"), &["DIR/prices.csv:3: column 'unit_price' (cell B3): PRN: 13200000 đồng including VAT is above the norm cap"]);
    // VAT-inclusive price at exactly the cap is fine.
    let (code, err) = check_with("prices.csv", &PRICES.replace("18000000", "20000000"));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn self_routed_item_without_price() {
    rejects(
        "prices.csv",
        "item,unit_price,vat_included,vat_percent,source,date\nPC,1,true,,x,2025-10-01\n",
        &["PRN has no price but is bought by the unit itself"],
    );
    // COPY routes to centralized everywhere: no price needed (the valid catalog has none).
}

#[test]
fn an_alias_that_folds_to_nothing() {
    rejects(
        "items.csv",
        &ITEMS.replace("máy tính để bàn|pc", "máy tính để bàn|--"),
        &["DIR/items.csv:2: column 'aliases' (cell M2): alias '--' has no letters or digits"],
    );
}

#[test]
fn all_findings_are_reported_at_once() {
    let t = ITEMS
        .replace("1/3,1,3", "1/3,4,3")
        .replace("dang;mttq,city", "dang;party,city");
    let (code, err) = check_with("items.csv", &t);
    assert_eq!(code, 2);
    assert!(
        err.contains("norm_min 4") && err.contains("'party'"),
        "{err}"
    );
    assert!(err.contains("2 findings in the catalog"), "{err}");
}

#[test]
fn every_command_refuses_an_invalid_catalog_with_exit_2() {
    let d = tempfile::tempdir().unwrap();
    catalog_with(d.path(), "items.csv", &ITEMS.replace("1/3,1,3", "1/3,4,3"));
    let sub = d.path().join("s.csv");
    std::fs::write(&sub, "x\n").unwrap();
    let out = d.path().join("out");
    let o = run(&sub, d.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists(), "nothing written");
}

#[test]
fn show_json_round_trips_the_catalog() {
    let d = tempfile::tempdir().unwrap();
    catalog_with(d.path(), "items.csv", ITEMS);
    let o = rasoat(&["catalog", "show", path(d.path()), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["name"], "Test");
    assert_eq!(v["effective"], "2025-12-01");
    assert_eq!(v["vat_percent"], "10");
    assert_eq!(v["channels"][1]["id"], "centralized");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[1]["code"], "PRN");
    assert_eq!(items[1]["norm_qty"], "1/3");
    assert_eq!(items[1]["norm_min"], 1);
    assert_eq!(items[1]["norm_max"], 3);
    assert_eq!(items[1]["blocks"], serde_json::json!(["dang", "mttq"]));
    assert_eq!(items[1]["levels"], serde_json::json!(["city"]));
    assert_eq!(items[1]["useful_life_years"], 6);
    assert_eq!(
        items[0]["min_config"],
        serde_json::json!(["ram_gb>=8", "ssd"])
    );
    assert_eq!(
        items[0]["aliases"],
        serde_json::json!(["máy tính để bàn", "pc"])
    );
    assert_eq!(items[1]["price"]["unit_price"], 11000000);
    assert_eq!(items[1]["price"]["vat_included"], false);
    assert_eq!(items[2]["price"], serde_json::Value::Null);
    assert_eq!(items[2]["channels"], serde_json::json!(["centralized"]));
    assert_eq!(v["routes"][0]["channel"], "centralized");
    // The table form lists every item.
    let o = rasoat(&["catalog", "show", path(d.path())]);
    let t = String::from_utf8_lossy(&o.stdout);
    for code in [
        "PC",
        "PRN",
        "COPY",
        "1/3 / staff, min 1, max 3",
        "18.000.000",
    ] {
        assert!(t.contains(code), "{code} missing in\n{t}");
    }
}

#[test]
fn fractions_and_nfd_aliases_match_as_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let d = tempfile::tempdir().unwrap();
    let nfd_items = ITEMS.replace("máy in", &"máy in".nfd().collect::<String>());
    catalog_with(d.path(), "items.csv", &nfd_items);
    let sub = d.path().join("u.csv");
    let form = Form::new()
        .labels(&fields("U", "U", "Đảng", "Thành phố", 7))
        .header(&["Tên thiết bị", "Số lượng"])
        .rows(vec![row!["MÁY IN HP", 1]]);
    std::fs::write(&sub, form.csv(',')).unwrap();
    let out = d.path().join("out");
    let o = run(&sub, d.path(), &out, &["-q"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("needs.json")).unwrap()).unwrap();
    let prn = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["item"] == "PRN")
        .unwrap();
    assert_eq!(prn["required"], 3, "1/3 × 7 staff = 3");
    assert_eq!(prn["usable"], 1, "an NFD alias matches NFC text");
}

/// Catalog findings are told in Vietnamese too, with the same file, line, column and cell.
#[test]
fn findings_are_told_in_vietnamese() {
    let d = tempfile::tempdir().unwrap();
    let prices = PRICES.replace("PC,18000000", "PC,18tr");
    catalog_with(d.path(), "prices.csv", &prices);
    let run = |lang: &str| {
        let (code, err) = catalog_check(d.path(), lang);
        assert_eq!(code, 2);
        err
    };
    let vi = run("vi");
    assert!(
        vi.contains("DIR/prices.csv:2: cột 'unit_price' (ô B2): '18tr' không phải số đồng nguyên"),
        "{vi}"
    );
    let en = run("en");
    assert!(
        en.contains(
            "DIR/prices.csv:2: column 'unit_price' (cell B2): '18tr' is not a whole number of đồng"
        ),
        "{en}"
    );
}

/// The optional `priority` column (SPEC §2): a whole number ≥ 1, or empty for the row order;
/// anything else is a finding with its file, line, column and cell.
#[test]
fn priority_column_is_checked_and_defaults_to_the_row_order() {
    let with = |p: [&str; 3]| {
        let mut lines = ITEMS.lines();
        let mut t = format!("{},priority\n", lines.next().unwrap());
        for (l, p) in lines.zip(p) {
            t.push_str(&format!("{l},{p}\n"));
        }
        t
    };
    for (bad, why) in [
        ("0", "'0'"),
        ("-1", "'-1'"),
        ("1.5", "'1.5'"),
        ("cao", "'cao'"),
    ] {
        rejects(
            "items.csv",
            &with(["1", bad, ""]),
            &[&format!(
                "DIR/items.csv:3: column 'priority' (cell N3): {why} is not a priority: write a whole number from 1"
            )],
        );
    }
    let (code, err) = check_with("items.csv", &with(["3", "", "1"]));
    assert_eq!(code, 0, "{err}");

    // `catalog show --format json` gives each item its priority: written, or its row position.
    assert_eq!(priorities(&with(["3", "", "1"])), [3, 2, 1]);
    // Without the column, the row order.
    assert_eq!(priorities(ITEMS), [1, 2, 3]);
}

/// The `priority` of every item, as `catalog show --format json` gives it, of the test catalog
/// with `items` as its items.csv.
fn priorities(items: &str) -> Vec<serde_json::Value> {
    let d = tempfile::tempdir().unwrap();
    write_catalog(d.path(), TOML, items, PRICES, ROUTING);
    let o = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .env_remove("COLUMNS")
        .args(["catalog", "show"])
        .arg(d.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["priority"].clone())
        .collect()
}

#[test]
fn a_missing_catalog_folder_is_one_finding() {
    let o = rasoat(&[
        "catalog",
        "check",
        "/nonexistent/rasoat-catalog",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("/nonexistent/rasoat-catalog: no such catalog folder"),
        "{err}"
    );
    assert!(err.contains("1 finding in the catalog"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn a_csv_saved_with_semicolons_is_one_finding() {
    // As a spreadsheet with a ';' list separator saves it: fields holding ';' quoted.
    let semi: String = ITEMS
        .lines()
        .map(|l| {
            l.split(',')
                .map(|f| {
                    if f.contains(';') {
                        format!("\"{f}\"")
                    } else {
                        f.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(";")
                + "\n"
        })
        .collect();
    let (code, err) = check_with("items.csv", &semi);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("items.csv:1: the columns are separated by ';'"),
        "{err}"
    );
    assert!(err.contains("1 finding in the catalog"), "{err}");
}
