//! `rasoat proposal` (SPEC §8) through the real binary: the figures of every unit's tờ trình and
//! dự toán equal `run`'s `unit_totals` (bundled examples, conformance set), the texts SPEC names
//! stand in body paragraphs or top-level table cells, in order, for a Party and a Front unit;
//! a unit with nothing to buy, a name with control characters, `--unit`, folder names, and
//! byte-identical output whatever the thread count.

mod common;

use calamine::{Data, Reader};
use common::*;
use rasoat::cost::money::{format_vnd, words};
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/submissions")
}

/// One part of a zip package, as text.
fn part(path: &Path, name: &str) -> String {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of every paragraph of `word/document.xml`, in order (runs joined). The documents
/// hold no nested tables, text boxes or page headers: a paragraph is a body paragraph or sits in
/// a top-level table cell (checked).
fn paragraphs(docx: &Path) -> Vec<String> {
    let xml = part(docx, "word/document.xml");
    assert!(!xml.contains("<w:txbxContent"), "no text boxes");
    for t in xml.split("<w:tc>").skip(1) {
        let cell = t.split("</w:tc>").next().unwrap();
        assert!(!cell.contains("<w:tbl>"), "no nested tables");
    }
    let mut out = Vec::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:p ").or_else(|| rest.find("<w:p>")) {
        let after = &rest[i..];
        let end = after.find("</w:p>").expect("closed paragraph");
        let p = &after[..end];
        let mut text = String::new();
        let mut r = p;
        while let Some(j) = r.find("<w:t ").or_else(|| r.find("<w:t>")) {
            let t = &r[j..];
            let open = t.find('>').unwrap();
            if t[..open].ends_with('/') {
                r = &t[open + 1..];
                continue;
            }
            let close = t.find("</w:t>").unwrap();
            text.push_str(&unescape(&t[open + 1..close]));
            r = &t[close..];
        }
        out.push(text);
        rest = &after[end..];
    }
    out
}

/// `rasoat proposal ARGS…`, English messages.
fn proposal(args: &[&str]) -> Out {
    let mut a = vec!["proposal"];
    a.extend(args);
    rasoat(&a)
}

/// `rasoat proposal subs/ --catalog … --as-of 2025 --out out/` in a test folder.
fn proposal_in(w: &Work) -> (Out, PathBuf) {
    let out = w.out();
    let o = proposal(&[
        w.subs().to_str().unwrap(),
        "--catalog",
        w.catalog().to_str().unwrap(),
        "--as-of",
        "2025",
        "--out",
        out.to_str().unwrap(),
    ]);
    (o, out)
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// The amounts of the `Tổng cộng` row and the `Bằng chữ` line of a du-toan.xlsx, its sheets,
/// and the text of its top-left cells (the unit's name, in as many rows as it takes).
fn workbook_total(p: &Path) -> (f64, String, Vec<String>, String) {
    let mut wb = calamine::open_workbook_auto(p).unwrap();
    let names = wb.sheet_names().to_vec();
    let ws = wb.worksheet_range(&names[0]).unwrap();
    // The block's header stands at the top right, whatever the length of the unit's name.
    let top: Vec<&Data> = ws.rows().take(3).flatten().collect();
    assert!(
        top.iter().any(|c| matches!(c, Data::String(s) if s == "ĐẢNG CỘNG SẢN VIỆT NAM" || s == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        "{}: {top:?}",
        p.display()
    );
    let office = ws
        .rows()
        .map_while(|r| match r.first() {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut total = None;
    let mut in_words = String::new();
    for row in ws.rows() {
        if row.get(1) == Some(&Data::String("Tổng cộng".into())) {
            match row.get(7) {
                Some(Data::Float(f)) => total = Some(*f),
                other => panic!("total is not a number cell: {other:?}"),
            }
        }
        for c in row {
            if let Data::String(s) = c {
                if s.starts_with("Bằng chữ: ") {
                    in_words = s.clone();
                }
            }
        }
    }
    (total.expect("a Tổng cộng row"), in_words, names, office)
}

/// Every unit of `run`'s needs.json has its folder, and the totals and words of its papers are
/// its `unit_totals` entry.
fn assert_papers_match_run(subs: &Path, catalog: Option<&Path>) {
    let dir = tempfile::tempdir().unwrap();
    let (run_out, prop_out) = (dir.path().join("run"), dir.path().join("prop"));
    let mut common_args: Vec<String> = vec![subs.display().to_string()];
    if let Some(c) = catalog {
        common_args.extend(["--catalog".into(), c.display().to_string()]);
    }
    common_args.extend(["--as-of".into(), "2025".into(), "--quiet".into()]);
    let args = |out: &Path| {
        let mut a = common_args.clone();
        a.extend(["--out".into(), out.display().to_string()]);
        a
    };
    let r = {
        let mut a = vec!["run".to_string()];
        a.extend(args(&run_out));
        rasoat(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let p = {
        let mut a = vec!["proposal".to_string()];
        a.extend(args(&prop_out));
        rasoat(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    assert_eq!(p.code, r.code, "exit codes as run\n{}", p.stderr);
    // Nothing from a library reaches the terminal (rust_xlsxwriter warns on stderr when a
    // constant-memory sheet is written out of order).
    assert!(!p.stderr.contains("Ignoring"), "{}", p.stderr);
    let needs = read_json(&run_out.join("needs.json"));
    let list = read_json(&prop_out.join("proposals.json"));
    let list = list.as_array().expect("an array");
    let totals = needs["unit_totals"].as_array().unwrap();
    assert_eq!(list.len(), totals.len(), "one entry per accepted unit");
    assert!(!list.is_empty());
    for (e, t) in list.iter().zip(totals) {
        let keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["unit", "folder", "total", "in_words"]);
        assert_eq!(e["unit"], t["unit"]);
        assert_eq!(e["total"], t["total"], "{}", e["unit"]);
        let total: Decimal = t["total"].as_str().unwrap().parse().unwrap();
        let phrase = words(total);
        assert_eq!(e["in_words"], phrase.as_str());
        let folder = prop_out.join(e["folder"].as_str().unwrap());
        let ps = paragraphs(&folder.join("to-trinh.docx"));
        let said = format!("Bằng chữ: {phrase}.");
        assert!(ps.contains(&said), "{}: {said} missing", e["unit"]);
        let i = ps
            .iter()
            .position(|p| p == "Tổng cộng")
            .expect("Tổng cộng row");
        assert_eq!(
            ps[i + 6],
            format_vnd(total),
            "{}: Cộng of Tổng cộng",
            e["unit"]
        );
        let (x, xw, sheets, office) = workbook_total(&folder.join("du-toan.xlsx"));
        assert_eq!(sheets[0], "Dự toán");
        // The unit heads its estimate as it heads its tờ trình.
        assert_eq!(office, ps[0], "{}", e["unit"]);
        assert_eq!(Decimal::try_from(x).unwrap(), total, "{}", e["unit"]);
        assert_eq!(xw, said);
    }
}

#[test]
fn papers_equal_run_on_the_examples() {
    assert_papers_match_run(&examples(), None);
}

#[test]
fn papers_equal_run_on_the_conformance_set_when_present() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    if !shared.join("submissions").exists() {
        eprintln!("skipped: ../shared/conformance not present");
        return;
    }
    assert_papers_match_run(&shared.join("submissions"), Some(&shared.join("catalog")));
}

/// The texts of SPEC §8, in their order, each a whole paragraph where SPEC gives it whole.
fn assert_in_order(ps: &[String], want: &[&str]) {
    let mut at = 0;
    for w in want {
        match ps[at..].iter().position(|p| p.contains(w)) {
            Some(i) => at += i + 1,
            None => panic!("{w:?} missing after paragraph {at}:\n{ps:#?}"),
        }
    }
}

#[test]
fn a_party_and_a_front_unit_have_the_official_layout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    let o = proposal(&[
        examples().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--unit",
        "DU-P-BENNGHE",
        "--unit",
        "MTTQ-P-BENNGHE",
    ]);
    // As `run`: an error in any file read (the example HCCB-TP has some) gives 1.
    assert_eq!(o.code, 1, "{}", o.stderr);
    let mut dirs: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(dirs, ["DU-P-BENNGHE", "MTTQ-P-BENNGHE", "proposals.json"]);
    let common_parts = |ps: &[String], signer: &str| {
        assert_in_order(
            ps,
            &[
                "TỜ TRÌNH",
                "Về việc đề xuất nhiệm vụ và dự toán kinh phí trang bị hạ tầng mạng và thiết bị đầu cuối năm 2026",
                "Kính gửi:",
                "Sở Tài chính",
                "Sở Khoa học và Công nghệ",
                "Căn cứ Quyết định số 15/2025/QĐ-TTg",
                "Căn cứ Văn bản số …… ngày ……",
                "1. Hiện trạng",
                "2. Nhu cầu",
                "3. Dự toán kinh phí",
                "Dự phòng (5%)",
                "Tổng cộng",
                "Bằng chữ: ",
                "4. Phần do kênh khác bảo đảm (không đề nghị kinh phí)",
                "Kính trình Sở Tài chính xem xét, cho ý kiến.",
                "Nơi nhận:",
                "- Như trên;",
                "- Lưu: VT.",
                signer,
            ],
        );
        for exact in [
            "TỜ TRÌNH",
            "Kính trình Sở Tài chính xem xét, cho ý kiến.",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT.",
            signer,
        ] {
            assert!(
                ps.iter().any(|p| p == exact),
                "{exact:?} is not a paragraph"
            );
        }
        let bases: Vec<&String> = ps.iter().filter(|p| p.starts_with("Căn cứ ")).collect();
        assert_eq!(bases.len(), 3, "{bases:?}");
        assert!(bases.iter().all(|b| b.ends_with(';')), "{bases:?}");
        let heads = &rasoat::report::finance::DETAIL_HEADERS[..8];
        let i = ps
            .iter()
            .position(|p| p == "Nội dung")
            .expect("estimate table");
        assert_eq!(&ps[i - 1..i + 7], heads);
    };
    let party = paragraphs(&out.join("DU-P-BENNGHE/to-trinh.docx"));
    assert_in_order(
        &party,
        &[
            "ĐẢNG ỦY PHƯỜNG BẾN NGHÉ",
            "Số       -TTr/",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Thành phố Hồ Chí Minh, ngày … tháng … năm 2026",
        ],
    );
    assert_eq!(party[0], "ĐẢNG ỦY PHƯỜNG BẾN NGHÉ");
    common_parts(&party, "T/M BAN THƯỜNG VỤ");
    // The Party unit owns its ward's shared equipment: one sentence says whose it is.
    let shared = |ps: &[String]| {
        ps.iter()
            .find(|p| p.starts_with("Thiết bị dùng chung của trụ sở"))
            .cloned()
            .unwrap_or_else(|| panic!("no site sentence in {ps:#?}"))
    };
    let s = shared(&party);
    assert!(
        s.contains("(DU-P-BENNGHE, MTTQ-P-BENNGHE, DTN-P-BENNGHE, HLHPN-P-BENNGHE)")
            && s.contains("được đề xuất tại Tờ trình này"),
        "{s}"
    );
    let front = paragraphs(&out.join("MTTQ-P-BENNGHE/to-trinh.docx"));
    assert_in_order(
        &front,
        &[
            "Số:       /TTr-",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Thành phố Hồ Chí Minh, ngày … tháng … năm 2026",
        ],
    );
    assert!(front[0].chars().all(|c| !c.is_lowercase()), "{}", front[0]);
    common_parts(&front, "T/M BAN THƯỜNG TRỰC");
    let s = shared(&front);
    assert!(s.contains("(DU-P-BENNGHE) đề xuất"), "{s}");
    // A4, the decree's margins, Times New Roman 14 pt.
    let xml = part(&out.join("DU-P-BENNGHE/to-trinh.docx"), "word/document.xml");
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    for m in [
        r#"w:top="1134""#,
        r#"w:bottom="1134""#,
        r#"w:left="1701""#,
        r#"w:right="850""#,
    ] {
        assert!(xml.contains(m), "{m}");
    }
    // Every bordered table's header row repeats on each page it runs onto; the page-layout
    // tables (header, signature) have none.
    let tables: Vec<&str> = xml.split("<w:tbl>").skip(1).collect();
    assert_eq!(tables.len(), 6, "header, parts 1-4, signature");
    for t in &tables {
        let bordered = t.contains("<w:tblBorders>");
        let first_row = t.split("</w:tr>").next().unwrap();
        assert_eq!(
            first_row.contains("<w:tblHeader />"),
            bordered,
            "{first_row}"
        );
    }
    let styles = part(&out.join("DU-P-BENNGHE/to-trinh.docx"), "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#), "{styles}");
    assert!(styles.contains(r#"<w:sz w:val="28" />"#), "{styles}");
}

/// A Party unit at a headquarters that also counts usable equipment for everything it needs,
/// apart from what another channel provides: both papers, estimate 0, `Không đồng`.
#[test]
fn a_unit_with_nothing_to_buy_still_gets_both_papers() {
    let w = Work::new();
    let year = |r: Vec<common::C>| r.with(COL_YEAR, 2024);
    let rows = vec![
        year(item("Máy tính xách tay", 1)),
        year(item("Máy in", 1)),
        year(item("Máy in đa năng", 1)),
        year(item("Bộ lưu điện", 1)),
        year(item("Tổng đài IP", 1)),
        year(item("Cổng chuyển đổi HDMI", 1)),
        year(item("Camera", 1)),
        year(item("Webcam", 1)),
    ];
    w.put("du-0.xlsx", standard("DU-0", 0, rows));
    let (o, out) = proposal_in(&w);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let list = read_json(&out.join("proposals.json"));
    assert_eq!(
        list,
        serde_json::json!([{"unit": "DU-0", "folder": "DU-0", "total": "0", "in_words": "Không đồng"}])
    );
    let ps = paragraphs(&out.join("DU-0/to-trinh.docx"));
    assert!(ps.contains(&"Bằng chữ: Không đồng.".to_string()), "{ps:#?}");
    // The switch is bought centrally: part 4 lists it.
    assert!(ps.contains(&"Bộ chuyển mạch".to_string()), "{ps:#?}");
    assert!(ps.contains(&"Mua sắm tập trung".to_string()), "{ps:#?}");
    let (total, in_words, _, _) = workbook_total(&out.join("DU-0/du-toan.xlsx"));
    assert_eq!(total, 0.0);
    assert_eq!(in_words, "Bằng chữ: Không đồng.");
}

/// A name holding characters XML cannot hold, and a code that cannot name a folder.
#[test]
fn control_characters_are_dropped_and_codes_make_safe_folders() {
    let w = Work::new();
    let csv = "Mã đơn vị: ĐU/01 X\nTên đơn vị: Đảng ủy\u{1} phường\u{b} Một\nKhối: Đảng\nCấp: Phường\nSố cán bộ: 3\n\
               STT,Tên thiết bị,Số lượng\n1,Máy tính để bàn,1\n";
    w.put("a.csv", csv);
    let (o, out) = proposal_in(&w);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let list = read_json(&out.join("proposals.json"));
    assert_eq!(list[0]["unit"], "ĐU/01 X");
    assert_eq!(list[0]["folder"], "_U_01_X");
    let docx = out.join("_U_01_X/to-trinh.docx");
    let xml = part(&docx, "word/document.xml");
    assert!(!xml
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r'));
    let ps = paragraphs(&docx);
    assert_eq!(ps[0], "ĐẢNG ỦY PHƯỜNG MỘT");
}

#[test]
fn unit_names_must_be_accepted_units() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never");
    let o = proposal(&[
        examples().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--unit",
        "DU-P-BENNGHE",
        "--unit",
        "NO-SUCH-UNIT",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("'NO-SUCH-UNIT'"), "{}", o.stderr);
    assert!(!out.exists(), "nothing written");
}

#[test]
fn papers_are_the_same_bytes_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for (out, jobs) in [(&a, "1"), (&b, "3")] {
        let o = proposal(&[
            examples().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
            "--jobs",
            jobs,
        ]);
        assert_eq!(o.code, 1, "one example has deliberate errors\n{}", o.stderr);
        assert!(o.stdout.is_empty(), "--quiet");
    }
    let mut files = 0;
    for e in std::fs::read_dir(&a).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        if e.path().is_dir() {
            for f in ["to-trinh.docx", "du-toan.xlsx"] {
                let (x, y) = (e.path().join(f), b.join(&name).join(f));
                assert!(
                    std::fs::read(&x).unwrap() == std::fs::read(&y).unwrap(),
                    "{x:?}"
                );
                files += 1;
            }
            let left: Vec<_> = std::fs::read_dir(e.path()).unwrap().collect();
            assert_eq!(left.len(), 2, "no temporary file left in {name:?}");
        }
    }
    assert_eq!(files, 26);
    assert_eq!(
        std::fs::read(a.join("proposals.json")).unwrap(),
        std::fs::read(b.join("proposals.json")).unwrap()
    );
}

#[test]
fn a_bad_documents_table_is_a_catalog_finding_with_its_line() {
    let w = Work::new();
    let toml =
        format!("{CATALOG_TOML}\n[documents]\nrecipients = []\nbases = [\"Căn cứ Luật A\"]\n");
    w.write_catalog(&toml, ITEMS_CSV, PRICES_CSV, ROUTING_CSV);
    let o = rasoat(&["catalog", "check", w.catalog().to_str().unwrap()]);
    assert_eq!(o.code, 2);
    let line = CATALOG_TOML.lines().count() + 3;
    assert!(
        o.stderr.contains(&format!(
            "catalog.toml:{line}: column 'documents.recipients'"
        )),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains(&format!(
            "catalog.toml:{}: column 'documents.bases'",
            line + 1
        )),
        "{}",
        o.stderr
    );
    let o = rasoat(&["catalog", "show", "--format", "json"]);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["documents"]["signer"]["mttq"], "T/M BAN THƯỜNG TRỰC");
    assert_eq!(v["documents"]["bases"].as_array().unwrap().len(), 3);
}

/// Part 1 is each unit's own counted rows: for an item counted per unit (not per site), its
/// usable and unusable quantities are those of the unit's need line.
#[test]
fn part_one_agrees_with_the_need_lines() {
    let catalog = rasoat::catalog::Catalog::load(None).unwrap();
    let cands = rasoat::input::discover(&[examples()]).unwrap();
    let opts = rasoat::pipeline::Options {
        as_of: 2025,
        limits: Default::default(),
        jobs: 1,
        keep_details: true,
    };
    let est = rasoat::pipeline::estimate(&cands, &catalog, &opts, &|_| {}).unwrap();
    let props = rasoat::report::proposal::gather(&est, &catalog, None).unwrap();
    assert_eq!(props.len(), est.needs.units.len());
    let mut checked = 0;
    for p in &props {
        for l in est
            .needs
            .lines
            .iter()
            .filter(|l| *l.unit == *p.unit.unit.code)
        {
            if catalog.items[l.item].basis == rasoat::catalog::Basis::Site {
                continue;
            }
            let h = p.held.iter().find(|h| h.item == l.item);
            let (us, un) = h.map_or((0, 0), |h| (h.usable, h.unusable));
            assert_eq!(
                (us, un),
                (l.usable, l.unusable),
                "{} {}",
                l.unit,
                l.item_code
            );
            if let Some(h) = h {
                assert_eq!(h.counted, h.usable + h.unusable);
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "{checked}");
}
