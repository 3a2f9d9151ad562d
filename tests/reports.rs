//! The two workbooks (`du-toan-tai-chinh.xlsx`, `khai-toan-khcn.xlsx`) against `needs.json`,
//! through the real binary: a small catalog and a handful of submissions are written into a
//! temporary folder, `rasoat run` is run once per check (status, stdout and stderr captured
//! from that one run), and the workbooks are read back with calamine.
//!
//! The fixture, priced by hand (VAT 10%, contingency 5%):
//! - `DV-01` (Đảng, city, 2 staff, revision 2; an older revision 1 is superseded): an old
//!   desktop (2015, useful life 5) → 2 desktops at 10.000.000 VAT included; 1 printer at
//!   1.000.045 VAT excluded → VAT 100.004,5 → 100.005; 2 office licences at 2.150.000,
//!   VAT-exempt; Σ = 25.400.050, contingency 1.270.002,5 → 1.270.003, total 26.670.053.
//!   Its printer row repeats an asset id already counted for the other unit.
//! - `=HYPERLINK("http://x","y")` (CT-XH, ward, 3 staff): 3 desktops with 4 GB RAM → 3
//!   replaced; a broken printer, 3 requested for a norm of 1 → 1 bought, 2 excess; 3 licences;
//!   a desk that matches no item. Σ = 37.550.050, contingency 1.877.502,5 → 1.877.503.
//! - Every unit's switch goes to the Digital Transformation Center, every photocopier to
//!   centralised procurement (no price), and one file is not a workbook at all.

#[macro_use]
mod common;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use common::{requests_sheet, write_catalog, Book, Form, C, INFO, INV, SHORT_HEADER};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const HYPERLINK: &str = "=HYPERLINK(\"http://x\",\"y\")";

const CATALOG_TOML: &str = r#"name = "Danh mục thử nghiệm báo cáo"
effective = "2025-12-01"
reference_year = 2025
currency = "VND"
vat_percent = "10"
contingency_percent = "5"

[channels]
self = "Đơn vị tự mua sắm"
centralized = "Mua sắm tập trung (loại trừ)"
dxcenter = "Trung tâm Chuyển đổi số Thành phố đầu tư"
"#;

const ITEMS_CSV: &str = "code,name,group,basis,norm_qty,norm_min,norm_max,blocks,levels,useful_life_years,min_config,max_unit_price,aliases
PC-DESKTOP,Máy tính để bàn,terminal,staff,1,,,*,*,5,ram_gb>=8,20000000,máy tính để bàn|pc
PRINTER,Máy in laser A4,office,staff,1/3,1,,*,*,6,,13000000,máy in
SW-OFFICE,Bản quyền phần mềm văn phòng,software,staff,1,,,*,*,,,3000000,phần mềm văn phòng
SWITCH,Bộ chuyển mạch,network,site,1,,,*,*,7,,30000000,switch|bộ chuyển mạch
PHOTOCOPY,Máy photocopy,office,site,1,,,*,*,8,,110000000,máy photocopy
";

const PRICES_CSV: &str = "item,unit_price,vat_included,vat_percent,source,date
PC-DESKTOP,10000000,true,,Báo giá Công ty A (đã gồm VAT),2025-10-15
PRINTER,1000045,false,,Báo giá Công ty B (chưa VAT),2025-10-16
SW-OFFICE,2150000,false,0,\"Bản quyền vĩnh viễn, không chịu thuế GTGT\",2025-10-17
SWITCH,5000000,false,,Báo giá Công ty C (chưa VAT),2025-10-18
";

const ROUTING_CSV: &str = "item,block,level,channel,basis
PHOTOCOPY,*,*,centralized,QĐ 24/2023/QĐ-UBND danh mục mua sắm tập trung
SWITCH,*,*,dxcenter,Trung tâm Chuyển đổi số đầu tư hạ tầng mạng
";

/// Write one submission: a unit-information sheet (label | value from A1), an inventory under a
/// title (header on row 3, rows numbered), and the requests when there are any.
fn submission(path: &Path, info: &[(&str, &str)], rows: Vec<Vec<C>>, requests: &[(&str, i32)]) {
    let inv = Form::new()
        .title("BẢNG KÊ HIỆN TRẠNG THIẾT BỊ")
        .line(vec![])
        .header(&SHORT_HEADER)
        .numbered(rows);
    let mut book = Book::new()
        .sheet(Form::new().pairs(info).sheet(INFO))
        .sheet(inv.sheet(INV));
    if !requests.is_empty() {
        book = book.sheet(requests_sheet(requests));
    }
    std::fs::write(path, book.xlsx()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// The catalog folder and the submissions folder of the fixture.
struct Fixture {
    dir: tempfile::TempDir,
    catalog: PathBuf,
    subs: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let catalog = dir.path().join("catalog");
        let subs = dir.path().join("submissions");
        write_catalog(&catalog, CATALOG_TOML, ITEMS_CSV, PRICES_CSV, ROUTING_CSV);
        std::fs::create_dir_all(&subs).expect("submissions dir");
        // The 2015 desktop PC-7, in both revisions of DV-01.
        let desktop = || {
            row![
                "Máy tính để bàn",
                "i5/8GB/256GB SSD",
                2015,
                1,
                "Tốt",
                "PC-7"
            ]
        };
        submission(
            &subs.join("dv-01.xlsx"),
            &[
                ("Mã đơn vị", "DV-01"),
                ("Tên đơn vị", "Ban Tuyên giáo Thành ủy"),
                ("Khối", "Đảng"),
                ("Cấp", "Thành phố"),
                ("Số cán bộ", "2"),
                ("Số lãnh đạo", "0"),
                ("Lần nộp", "2"),
            ],
            vec![desktop(), row!["Máy in laser", "", 2020, 1, "Tốt", "SN-9"]],
            &[],
        );
        submission(
            &subs.join("dv-01-cu.xlsx"),
            &[
                ("Mã đơn vị", "DV-01"),
                ("Tên đơn vị", "Ban Tuyên giáo Thành ủy"),
                ("Khối", "Đảng"),
                ("Cấp", "Thành phố"),
                ("Số cán bộ", "1"),
                ("Lần nộp", "1"),
            ],
            vec![desktop()],
            &[],
        );
        submission(
            &subs.join("hyperlink.xlsx"),
            &[
                ("Mã đơn vị", HYPERLINK),
                ("Tên đơn vị", HYPERLINK),
                ("Khối", "Đoàn thể"),
                ("Cấp", "Phường"),
                ("Số cán bộ", "3"),
            ],
            vec![
                row![
                    "Máy tính để bàn",
                    "Core i3, RAM 4GB, HDD 500GB",
                    2023,
                    3,
                    "Tốt",
                    ""
                ],
                row!["Máy in", "", 2021, 1, "Hỏng", "SN-9"],
                row!["Bàn làm việc", "", 2020, 2, "Tốt", ""],
            ],
            &[("PRINTER", 3)],
        );
        std::fs::write(subs.join("hong.xlsx"), b"this is not a workbook").expect("hong.xlsx");
        Fixture { dir, catalog, subs }
    }

    /// One run of the binary into `out` (a folder under the fixture).
    fn run(&self, out: &str) -> (Output, PathBuf) {
        self.run_with(out, &[])
    }

    /// [`Fixture::run`] with more arguments.
    fn run_with(&self, out: &str, more: &[&str]) -> (Output, PathBuf) {
        let out = self.dir.path().join(out);
        let o = Command::new(env!("CARGO_BIN_EXE_rasoat"))
            .env_remove("COLUMNS")
            .arg("run")
            .arg(&self.subs)
            .arg("--catalog")
            .arg(&self.catalog)
            .args(more)
            .args(["--as-of", "2025", "--out"])
            .arg(&out)
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1")
            .output()
            .expect("run rasoat");
        (o, out)
    }
}

/// Run once and check the run itself: exit 1 (the broken file is an error), outputs written.
fn run_ok(f: &Fixture, out: &str) -> PathBuf {
    let (o, out) = f.run(out);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(1),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    for name in [
        "needs.json",
        "needs.csv",
        "du-toan-tai-chinh.xlsx",
        "khai-toan-khcn.xlsx",
        "diagnostics.json",
    ] {
        assert!(
            out.join(name).is_file(),
            "{name} missing; stderr:\n{stderr}"
        );
    }
    out
}

fn needs_json(out: &Path) -> Value {
    let text = std::fs::read_to_string(out.join("needs.json")).expect("needs.json");
    serde_json::from_str(&text).expect("needs.json parses")
}

fn money_of(v: &Value) -> f64 {
    v.as_str()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("not a money string: {v}"))
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sheet(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Range<Data> {
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"))
}

fn s(d: &Data) -> &str {
    match d {
        Data::String(s) => s,
        _ => "",
    }
}

fn f(d: &Data) -> Option<f64> {
    match d {
        Data::Float(x) => Some(*x),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn rows(r: &Range<Data>) -> Vec<Vec<Data>> {
    r.rows().map(|row| row.to_vec()).collect()
}

/// The first row whose column `col` holds exactly `text`.
fn find<'a>(rows: &'a [Vec<Data>], col: usize, text: &str) -> &'a [Data] {
    rows.iter()
        .find(|r| r.get(col).map(s) == Some(text))
        .unwrap_or_else(|| panic!("no row with '{text}' in column {col}"))
}

fn any_cell(rows: &[Vec<Data>], pred: impl Fn(&str) -> bool) -> bool {
    rows.iter().flatten().any(|d| pred(s(d)))
}

#[test]
fn finance_workbook_agrees_with_needs_json() {
    let fx = Fixture::new();
    let out = run_ok(&fx, "out");
    let j = needs_json(&out);
    let mut wb = open(&out.join("du-toan-tai-chinh.xlsx"));
    assert_eq!(
        wb.sheet_names(),
        ["Tổng hợp", "Chi tiết", "Loại trừ", "Lỗi dữ liệu", "Nguồn"]
    );
    let grand = money_of(&j["totals"]["self"]["total"]);
    let words = format!(
        "Bằng chữ: {}.",
        j["totals"]["self"]["in_words"].as_str().expect("in_words")
    );

    // Summary: the header, the title, the grand total and the amount in words under it.
    let sum = rows(&sheet(&mut wb, "Tổng hợp"));
    assert_eq!(s(&sum[0][0]), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(s(&sum[1][0]), "Độc lập - Tự do - Hạnh phúc");
    assert!(any_cell(&sum, |c| {
        c == "DỰ TOÁN KINH PHÍ TRANG BỊ HẠ TẦNG MẠNG VÀ THIẾT BỊ ĐẦU CUỐI"
    }));
    // The three signatures of an estimate: who drew it up, the chief accountant, the head.
    let signs = sum
        .iter()
        .find(|r| r.first().map(s) == Some("NGƯỜI LẬP BIỂU"))
        .expect("signature row");
    let signs: Vec<&str> = signs.iter().map(s).filter(|t| !t.is_empty()).collect();
    assert_eq!(
        signs,
        ["NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"]
    );
    let at = sum
        .iter()
        .position(|r| s(&r[1]) == "TỔNG CỘNG")
        .expect("TỔNG CỘNG row");
    assert_eq!(
        f(&sum[at][3]),
        Some(money_of(&j["totals"]["self"]["amount"]))
    );
    assert_eq!(f(&sum[at][4]), Some(money_of(&j["totals"]["self"]["vat"])));
    assert_eq!(
        f(&sum[at][5]),
        Some(money_of(&j["totals"]["self"]["contingency"]))
    );
    assert_eq!(f(&sum[at][6]), Some(grand));
    assert_eq!(s(&sum[at + 1][0]), words);
    // Every channel, in catalog order, with its quantity and total.
    for (id, label) in [
        ("self", "Đơn vị tự mua sắm"),
        ("centralized", "Mua sắm tập trung (loại trừ)"),
        ("dxcenter", "Trung tâm Chuyển đổi số Thành phố đầu tư"),
    ] {
        let r = find(&sum, 1, label);
        assert_eq!(
            f(&r[2]),
            j["totals"]["by_channel"][id]["quantity"].as_f64(),
            "{id}"
        );
        assert_eq!(
            f(&r[6]),
            Some(money_of(&j["totals"]["by_channel"][id]["total"])),
            "{id}"
        );
    }
    assert_eq!(
        f(&find(&sum, 1, "Khối Đảng")[6]),
        Some(money_of(&j["totals"]["by_block"]["dang"]["total"]))
    );
    assert_eq!(
        f(&find(&sum, 1, "Cấp Thành phố")[6]),
        Some(money_of(&j["totals"]["by_level"]["city"]["total"]))
    );

    // Detail: the official headers, one section per unit ending in its Cộng.
    let det = rows(&sheet(&mut wb, "Chi tiết"));
    let h = det
        .iter()
        .position(|r| s(&r[0]) == "STT")
        .expect("header row");
    let heads: Vec<&str> = det[h].iter().map(s).collect();
    let official = [
        "STT",
        "Nội dung",
        "ĐVT",
        "Số lượng",
        "Đơn giá",
        "Thành tiền",
        "Ghi chú",
    ];
    let mut pos = official.iter().map(|o| {
        heads
            .iter()
            .position(|x| x == o)
            .unwrap_or_else(|| panic!("no {o}"))
    });
    let mut last = None;
    for p in pos.by_ref() {
        assert!(
            last.is_none_or(|l| p > l),
            "headers out of order: {heads:?}"
        );
        last = Some(p);
    }
    assert_eq!(&heads[..6], &official[..6]);
    assert_eq!(heads.last(), Some(&"Ghi chú"));
    let col = |name: &str| heads.iter().position(|x| *x == name).expect("column");
    let (c_amount, c_total, c_note) = (col("Thành tiền"), heads.len() - 2, col("Ghi chú"));
    assert_eq!(heads[c_total], "Cộng");

    let units = j["units"].as_array().expect("units");
    let unit_totals = j["unit_totals"].as_array().expect("unit_totals");
    let mut sections = 0;
    let mut i = h + 1;
    let mut numerals = Vec::new();
    while i < det.len() {
        let note = s(&det[i][c_note]);
        if let Some(code) = note.strip_prefix("Mã đơn vị: ") {
            let code = code.lines().next().unwrap_or_default();
            numerals.push(s(&det[i][0]).to_string());
            let k = units
                .iter()
                .position(|u| u["code"] == code)
                .unwrap_or_else(|| panic!("unit {code}"));
            assert_eq!(s(&det[i][1]), units[k]["name"].as_str().expect("name"));
            let ut = &unit_totals[k];
            assert_eq!(ut["unit"], code);
            // Lines, then the contingency row, then Cộng.
            let mut j2 = i + 1;
            let mut lines_total = 0.0;
            let mut lines_amount = 0.0;
            while s(&det[j2][1]) != "Cộng" {
                if s(&det[j2][1]).starts_with("Dự phòng") {
                    assert_eq!(
                        f(&det[j2][c_total]),
                        Some(money_of(&ut["contingency"])),
                        "{code}"
                    );
                } else {
                    lines_amount += f(&det[j2][c_amount]).expect("amount");
                }
                lines_total += f(&det[j2][c_total]).expect("total");
                j2 += 1;
            }
            assert_eq!(
                f(&det[j2][c_total]),
                Some(money_of(&ut["total"])),
                "Cộng of {code}"
            );
            assert_eq!(
                f(&det[j2][c_amount]),
                Some(money_of(&ut["amount"])),
                "amount of {code}"
            );
            assert_eq!(
                lines_total,
                money_of(&ut["total"]),
                "lines of {code} add up"
            );
            assert_eq!(
                lines_amount,
                money_of(&ut["amount"]),
                "amounts of {code} add up"
            );
            sections += 1;
            i = j2;
        }
        i += 1;
    }
    assert_eq!(sections, 2);
    assert_eq!(numerals, ["I", "II"]);
    let t = find(&det, 1, "TỔNG CỘNG");
    assert_eq!(f(&t[c_total]), Some(grand));
    let at = det
        .iter()
        .position(|r| s(&r[1]) == "TỔNG CỘNG")
        .expect("TỔNG CỘNG");
    assert!(
        det[at + 1..].iter().any(|r| s(&r[0]) == words),
        "Bằng chữ under the grand total"
    );
    // Contingency sits in column (8) only; a note under the table says how (8) adds up.
    assert!(
        det[at + 1..]
            .iter()
            .any(|r| s(&r[0]).starts_with("Ghi chú: (8) = (6) + (7) ở các dòng thiết bị.")),
        "the column note under the table"
    );
    // Units of measure and notes.
    let pcs: Vec<&Vec<Data>> = det
        .iter()
        .filter(|r| s(&r[1]) == "Máy tính để bàn")
        .collect();
    assert_eq!(pcs.len(), 2);
    assert!(pcs.iter().all(|r| s(&r[2]) == "Bộ"));
    let notes: Vec<&str> = pcs.iter().map(|r| s(&r[c_note])).collect();
    assert_eq!(notes[0], "Thay thế 3; giá đã gồm thuế GTGT (PC-DESKTOP)");
    assert_eq!(
        notes[1],
        "Thay thế 1, mua mới 1; giá đã gồm thuế GTGT (PC-DESKTOP)"
    );
    let sw = det
        .iter()
        .find(|r| s(&r[1]) == "Bản quyền phần mềm văn phòng")
        .expect("licence line");
    assert_eq!(s(&sw[2]), "Bản quyền");
    assert!(s(&sw[c_note]).contains("không chịu thuế GTGT"));

    // Excluded: routed lines with the channel and the legal basis, excess, unclassified rows,
    // the superseded submission, the duplicate asset and the unreadable file.
    let ex = rows(&sheet(&mut wb, "Loại trừ"));
    // Unlike the estimate's tables, this sheet's amounts include VAT, and the header says so.
    assert_eq!(s(&find(&ex, 0, "STT")[5]), "Thành tiền (gồm thuế GTGT)");
    let routed: Vec<&Vec<Data>> = ex
        .iter()
        .filter(|r| s(&r[1]) == "Do kênh khác trang bị")
        .collect();
    assert_eq!(routed.len(), 4, "two switches and two photocopiers");
    let sw = routed
        .iter()
        .find(|r| s(&r[2]) == "DV-01" && s(&r[3]).contains("SWITCH"))
        .expect("DV-01 switch");
    assert_eq!(f(&sw[4]), Some(1.0));
    assert_eq!(f(&sw[5]), Some(5_500_000.0));
    assert_eq!(s(&sw[6]), "Trung tâm Chuyển đổi số Thành phố đầu tư");
    assert!(s(&sw[7]).starts_with("Trung tâm Chuyển đổi số đầu tư hạ tầng mạng"));
    let excess = find(&ex, 1, "Vượt định mức");
    assert_eq!(s(&excess[2]), HYPERLINK);
    assert_eq!(f(&excess[4]), Some(2.0));
    // What the excess would cost, VAT included: 2 × 1,000,045 + 10% = 2,000,090 + 200,009.
    assert_eq!(f(&excess[5]), Some(2_200_099.0));
    assert_eq!(s(&find(&ex, 1, "Không phân loại được")[3]), "Bàn làm việc");
    assert_eq!(s(&find(&ex, 1, "Bản nộp bị thay thế")[3]), "dv-01-cu.xlsx");
    assert_eq!(s(&find(&ex, 1, "Tài sản trùng")[2]), "DV-01");
    let bad = find(&ex, 1, "Tệp không tổng hợp được");
    assert_eq!(s(&bad[3]), "hong.xlsx");
    assert!(s(&bad[7]).contains("E-FILE-UNREADABLE"), "{}", s(&bad[7]));

    // Diagnostics: one row per diagnostic, messages in Vietnamese.
    let dg = rows(&sheet(&mut wb, "Lỗi dữ liệu"));
    let diags = j["diagnostics"].as_array().expect("diagnostics");
    let listed = dg
        .iter()
        .filter(|r| matches!(s(&r[1]), "Lỗi" | "Cảnh báo"))
        .count();
    assert_eq!(listed, diags.len());
    assert!(dg
        .iter()
        .any(|r| s(&r[2]) == "W-ROW-UNCLASSIFIED" && s(&r[6]).contains("không khớp")));

    // Sources: the prices and the SHA-256 of every input file.
    let src = rows(&sheet(&mut wb, "Nguồn"));
    assert_eq!(f(&find(&src, 1, "PRINTER")[3]), Some(1_000_045.0));
    for name in ["dv-01.xlsx", "dv-01-cu.xlsx", "hyperlink.xlsx", "hong.xlsx"] {
        let bytes = std::fs::read(fx.subs.join(name)).expect("input");
        let sha: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let r = find(&src, 2, name);
        assert!(r.iter().any(|c| s(c) == sha), "SHA-256 of {name}");
    }
}

#[test]
fn science_workbook_has_items_blocks_unusable_rows_and_charts() {
    let fx = Fixture::new();
    let out = run_ok(&fx, "out");
    let j = needs_json(&out);
    let path = out.join("khai-toan-khcn.xlsx");
    let mut wb = open(&path);
    assert_eq!(
        wb.sheet_names(),
        [
            "Theo thiết bị",
            "Theo khối, cấp",
            "Thiết bị không đạt chuẩn",
            "Biểu đồ"
        ]
    );

    let it = rows(&sheet(&mut wb, "Theo thiết bị"));
    let h = it.iter().position(|r| s(&r[0]) == "STT").expect("header");
    let heads: Vec<&str> = it[h].iter().map(s).collect();
    let col = |name: &str| {
        heads
            .iter()
            .position(|x| *x == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let pc = find(&it, 1, "PC-DESKTOP");
    assert_eq!(s(&pc[col("Cấu hình tiêu chuẩn tối thiểu")]), "RAM ≥ 8 GB");
    assert_eq!(s(&pc[col("Định mức")]), "1 / cán bộ");
    assert_eq!(f(&pc[col("Nhu cầu theo định mức")]), Some(5.0));
    assert_eq!(f(&pc[col("Hiện có không đạt chuẩn")]), Some(4.0));
    assert_eq!(f(&pc[col("Số lượng cần mua")]), Some(5.0));
    assert_eq!(f(&pc[col("Khái toán (mọi kênh)")]), Some(50_000_000.0));
    assert_eq!(s(&find(&it, 1, "PRINTER")[col("Định mức")]), "1 / 3 cán bộ");
    let switch = find(&it, 1, "SWITCH");
    assert_eq!(f(&switch[col("Khái toán (mọi kênh)")]), Some(11_000_000.0));
    assert_eq!(f(&switch[col("Trong đó: đơn vị tự mua sắm")]), Some(0.0));
    assert!(s(&switch[col("Kênh mua sắm (số lượng)")])
        .contains("Trung tâm Chuyển đổi số Thành phố đầu tư: 2"));
    let total = find(&it, 1, "Tổng cộng");
    assert_eq!(
        f(&total[col("Trong đó: đơn vị tự mua sắm")]),
        Some(money_of(&j["totals"]["by_channel"]["self"]["total"]))
    );
    let all_channels: f64 = ["self", "centralized", "dxcenter"]
        .iter()
        .map(|c| money_of(&j["totals"]["by_channel"][c]["total"]))
        .sum();
    assert_eq!(f(&total[col("Khái toán (mọi kênh)")]), Some(all_channels));

    let bl = rows(&sheet(&mut wb, "Theo khối, cấp"));
    assert_eq!(
        f(&find(&bl, 1, "Tổng cộng")[8]),
        Some(money_of(&j["totals"]["self"]["total"]))
    );
    assert_eq!(
        f(&find(&bl, 1, "Khối Đảng")[8]),
        Some(money_of(&j["totals"]["by_block"]["dang"]["total"]))
    );

    let nu = rows(&sheet(&mut wb, "Thiết bị không đạt chuẩn"));
    let old = nu
        .iter()
        .find(|r| s(&r[1]) == "DV-01" && s(&r[5]) == "PC-DESKTOP")
        .expect("old desktop");
    assert_eq!(
        s(&old[9]),
        "Đã sử dụng 10 năm (từ năm 2015) ≥ thời gian sử dụng 5 năm"
    );
    let weak = nu
        .iter()
        .find(|r| s(&r[1]) == HYPERLINK && s(&r[5]) == "PC-DESKTOP")
        .expect("weak desktops");
    assert_eq!(s(&weak[9]), "RAM 4 GB < 8 GB");
    assert_eq!(f(&weak[8]), Some(3.0));
    let broken = nu
        .iter()
        .find(|r| s(&r[5]) == "PRINTER")
        .expect("broken printer");
    assert_eq!(s(&broken[9]), "Hỏng");
    let unusable = j["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter_map(|l| l["unusable"].as_u64())
        .sum::<u64>();
    assert_eq!(f(&find(&nu, 6, "Cộng")[8]), Some(unusable as f64));

    // Two native column charts on the chart sheet.
    let file = std::fs::File::open(&path).expect("xlsx");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    for n in ["xl/charts/chart1.xml", "xl/charts/chart2.xml"] {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(n).expect(n), &mut xml).expect("chart xml");
        assert!(
            xml.contains("<c:barChart>") && xml.contains("<c:barDir val=\"col\"/>"),
            "{n} is a column chart"
        );
        assert!(xml.contains("Biểu đồ"), "{n} reads the chart sheet");
    }
}

#[test]
fn workbooks_are_byte_identical_across_runs() {
    let fx = Fixture::new();
    let a = run_ok(&fx, "a");
    let b = run_ok(&fx, "b");
    // One thread runs the output tasks in turn; four run them at once, in another order.
    let (o1, one) = fx.run_with("one", &["--jobs", "1"]);
    let (o4, four) = fx.run_with("four", &["--jobs", "4"]);
    assert_eq!(
        o1.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o1.stderr)
    );
    assert_eq!(
        o4.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o4.stderr)
    );
    for name in [
        "du-toan-tai-chinh.xlsx",
        "khai-toan-khcn.xlsx",
        "needs.json",
        "needs.csv",
        "diagnostics.json",
    ] {
        let x = std::fs::read(a.join(name)).expect("first");
        for (other, what) in [(&b, "two runs"), (&one, "--jobs 1"), (&four, "--jobs 4")] {
            let y = std::fs::read(other.join(name)).expect("other");
            assert!(x == y, "{name} differs between {what}");
        }
    }
}

#[test]
fn formula_like_unit_name_stays_text() {
    let fx = Fixture::new();
    let out = run_ok(&fx, "out");
    for (book, sheets) in [
        (
            "du-toan-tai-chinh.xlsx",
            &["Chi tiết", "Loại trừ", "Nguồn"][..],
        ),
        ("khai-toan-khcn.xlsx", &["Thiết bị không đạt chuẩn"][..]),
    ] {
        let mut wb = open(&out.join(book));
        for name in wb.sheet_names() {
            let formulas = wb.worksheet_formula(&name).expect("formulas");
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "{book}/{name} holds a formula"
            );
        }
        for sh in sheets {
            let r = rows(&sheet(&mut wb, sh));
            assert!(
                r.iter()
                    .flatten()
                    .any(|d| matches!(d, Data::String(x) if x == HYPERLINK)),
                "{book}/{sh}: the unit name is not a plain string cell"
            );
        }
    }
    let csv = std::fs::read(out.join("needs.csv")).expect("needs.csv");
    let mut rdr = csv::ReaderBuilder::new().from_reader(&csv[..]);
    let units: Vec<String> = rdr
        .records()
        .map(|r| r.expect("csv record")[0].to_string())
        .collect();
    assert!(
        units.iter().any(|u| *u == format!("'{HYPERLINK}")),
        "{units:?}"
    );
    assert!(!units.iter().any(|u| u == HYPERLINK));
}

#[test]
fn costs_by_hand() {
    let fx = Fixture::new();
    let out = run_ok(&fx, "out");
    let j = needs_json(&out);
    let line = |unit: &str, item: &str| -> Vec<String> {
        let l = j["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .find(|l| l["unit"] == unit && l["item"] == item)
            .unwrap_or_else(|| panic!("line {unit} {item}"));
        ["quantity", "unit_price", "amount", "vat", "total"]
            .iter()
            .map(|k| match &l[*k] {
                Value::String(s) => s.clone(),
                v => v.to_string(),
            })
            .collect()
    };
    // VAT included: no VAT on top.
    assert_eq!(
        line("DV-01", "PC-DESKTOP"),
        ["2", "10000000", "20000000", "0", "20000000"]
    );
    // VAT excluded: 10% of 1.000.045 = 100.004,5 → 100.005 (half away from zero).
    assert_eq!(
        line("DV-01", "PRINTER"),
        ["1", "1000045", "1000045", "100005", "1100050"]
    );
    // VAT-exempt software (vat_percent 0).
    assert_eq!(
        line("DV-01", "SW-OFFICE"),
        ["2", "2150000", "4300000", "0", "4300000"]
    );
    // Routed lines are costed but stay out of the unit's estimate; unpriced lines are null.
    assert_eq!(
        line("DV-01", "SWITCH"),
        ["1", "5000000", "5000000", "500000", "5500000"]
    );
    assert_eq!(
        line("DV-01", "PHOTOCOPY"),
        ["1", "null", "null", "null", "null"]
    );
    assert_eq!(
        line(HYPERLINK, "PC-DESKTOP"),
        ["3", "10000000", "30000000", "0", "30000000"]
    );
    assert_eq!(
        line(HYPERLINK, "PRINTER"),
        ["1", "1000045", "1000045", "100005", "1100050"]
    );

    let ut = |code: &str| -> Vec<String> {
        let u = j["unit_totals"]
            .as_array()
            .expect("unit_totals")
            .iter()
            .find(|u| u["unit"] == code)
            .unwrap_or_else(|| panic!("unit_totals {code}"));
        ["amount", "vat", "contingency", "total"]
            .iter()
            .map(|k| u[*k].as_str().unwrap_or("?").to_string())
            .collect()
    };
    // Σ total 25.400.050 × 5% = 1.270.002,5 → 1.270.003.
    assert_eq!(ut("DV-01"), ["25300045", "100005", "1270003", "26670053"]);
    // Σ total 37.550.050 × 5% = 1.877.502,5 → 1.877.503.
    assert_eq!(ut(HYPERLINK), ["37450045", "100005", "1877503", "39427553"]);
    let t = &j["totals"]["self"];
    assert_eq!(t["amount"], "62750090");
    assert_eq!(t["vat"], "200010");
    assert_eq!(t["contingency"], "3147506");
    assert_eq!(t["total"], "66097606");
    assert_eq!(
        t["in_words"],
        "Sáu mươi sáu triệu, không trăm chín mươi bảy nghìn sáu trăm linh sáu đồng"
    );
    assert_eq!(j["totals"]["by_channel"]["dxcenter"]["total"], "11000000");
    assert_eq!(j["totals"]["by_channel"]["centralized"]["quantity"], 2);
    assert_eq!(j["totals"]["by_block"]["ctxh"]["total"], "39427553");
    assert_eq!(j["totals"]["by_level"]["city"]["total"], "26670053");
}

/// Every sheet of both workbooks uses the documents' default format (Times New Roman 12, rows
/// 15.75 pt, or the lines a long list's rows usually need), the Finance sheets filled on their
/// own thread included.
#[test]
fn every_sheet_has_the_documents_default_format() {
    use std::io::Read;
    let fx = Fixture::new();
    let out = run_ok(&fx, "out");
    for book in ["du-toan-tai-chinh.xlsx", "khai-toan-khcn.xlsx"] {
        let file = std::fs::File::open(out.join(book)).expect("workbook");
        let mut z = zip::ZipArchive::new(file).expect("zip");
        let mut sheets = 0;
        for i in 0..z.len() {
            let mut e = z.by_index(i).expect("entry");
            let name = e.name().map(|n| n.to_string()).unwrap_or_default();
            if !name.starts_with("xl/worksheets/sheet") {
                continue;
            }
            let mut xml = String::new();
            e.read_to_string(&mut xml).expect("sheet xml");
            // A long list whose rows usually wrap is that many lines tall by default, which
            // rust_xlsxwriter writes as a custom default height.
            assert!(
                xml.contains(r#"<sheetFormatPr defaultRowHeight="15.75""#)
                    || xml.contains(r#"customHeight="1"/>"#) && xml.contains("<sheetFormatPr"),
                "{book}/{name}: {}",
                &xml[..xml.len().min(400)]
            );
            sheets += 1;
        }
        assert!(sheets >= 4, "{book}: {sheets} sheets");
    }
}

/// A file over --max-file-mb is not read, but `run` still records its SHA-256 in `Nguồn`.
#[test]
fn a_file_over_the_size_limit_is_recorded_with_its_digest() {
    let fx = Fixture::new();
    let big = vec![b'x'; 1_200_000];
    std::fs::write(fx.subs.join("big.csv"), &big).expect("big.csv");
    let (o, out) = fx.run_with("out-big", &["--max-file-mb", "1", "--quiet"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let sha: String = Sha256::digest(&big)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut wb = open(&out.join("du-toan-tai-chinh.xlsx"));
    let src = rows(&sheet(&mut wb, "Nguồn"));
    let r = find(&src, 2, "big.csv");
    assert!(r.iter().any(|c| s(c) == sha), "SHA-256 of big.csv: {r:?}");
    let diags = std::fs::read_to_string(out.join("diagnostics.json")).expect("diagnostics");
    assert!(diags.contains("E-FILE-TOO-LARGE"), "{diags}");
}

#[test]
fn an_estimate_beyond_what_it_can_state_is_a_clear_error() {
    // Desktops at 999,999,999,999,999 đồng: the total passes 10^15 − 1, the most the estimate
    // can write in words or in a number cell. The run names the largest line and writes nothing.
    let f = Fixture::new();
    let items = ITEMS_CSV.replace(",ram_gb>=8,20000000,", ",ram_gb>=8,,");
    let prices = PRICES_CSV.replace("PC-DESKTOP,10000000,", "PC-DESKTOP,999999999999999,");
    std::fs::write(f.catalog.join("items.csv"), items).unwrap();
    std::fs::write(f.catalog.join("prices.csv"), prices).unwrap();
    for (lang, says) in [
        ("en", "the estimate reaches 5250000013597599 đồng"),
        ("vi", "dự toán lên tới 5250000013597599 đồng"),
    ] {
        let (o, out) = f.run_with(lang, &["--lang", lang]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        // The largest line: the fixture's unit of 3 staff needs 3 desktops.
        assert!(
            stderr.contains("/ PC-DESKTOP: 3 × 999999999999999 đồng"),
            "{stderr}"
        );
        assert!(!out.join("needs.json").exists());
        assert!(!out.join("du-toan-tai-chinh.xlsx").exists());
    }
    // At 10^13 đồng a desktop the whole estimate stays within bounds.
    let prices = PRICES_CSV.replace("PC-DESKTOP,10000000,", "PC-DESKTOP,10000000000000,");
    std::fs::write(f.catalog.join("prices.csv"), prices).unwrap();
    run_ok(&f, "within");
}
