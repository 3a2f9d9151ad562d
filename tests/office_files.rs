//! Files as office programs save them (SPEC §3 "Files"; issue 14): one workbook saved by
//! LibreOffice as .xlsx, .xls and .ods reads the same; password-protected .xls, chart and
//! macro sheets, old formats and damaged files each get the finding an officer can act on.

mod office;

use office::*;
use serde_json::Value;

/// needs.json without the `file` fields (they name each copy differently).
fn without_files(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| k.as_str() != "file")
                .map(|(k, v)| (k.clone(), without_files(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_files).collect()),
        other => other.clone(),
    }
}

#[test]
fn one_workbook_saved_by_libreoffice_as_xlsx_xls_and_ods_reads_the_same() {
    let mut seen: Vec<(String, Value)> = Vec::new();
    for ext in ["xlsx", "xls", "ods"] {
        let d = Dir::new();
        d.put(
            &format!("loi-cong-thuc.{ext}"),
            &fixture(&format!("loi-cong-thuc.{ext}")),
        );
        let needs = d.run();
        let file = format!("loi-cong-thuc.{ext}");
        // Every formula error of a mapped cell rejects its row with E-CELL-ERROR (LibreOffice's
        // own Err:502 reads as the #VALUE! it exports), in every format.
        let diags = needs["diagnostics"].as_array().cloned().unwrap_or_default();
        let found: Vec<(String, String)> = diags
            .iter()
            .map(|d| {
                let m = d["message"].as_str().unwrap_or("");
                let value = m
                    .trim_start_matches("the cell holds the error value ")
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .to_string();
                (
                    format!(
                        "{} {}",
                        d["code"].as_str().unwrap_or(""),
                        d["cell"].as_str().unwrap_or("")
                    ),
                    value,
                )
            })
            .collect();
        let want = [
            ("E-CELL-ERROR F3", "#DIV/0!"),
            ("E-CELL-ERROR C4", "#N/A"),
            ("E-CELL-ERROR E5", "#VALUE!"),
            ("E-CELL-ERROR F6", "#REF!"),
            ("E-CELL-ERROR I7", "#NAME?"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(found, want, "{ext}");
        assert!(
            diags
                .iter()
                .all(|d| d["file"] == file.as_str() && d["sheet"] == "Hiện trạng"),
            "{ext}"
        );
        // 7 rows: the desktops (a formula giving 5) and the shredder counted, 5 rejected.
        assert_eq!(
            needs["ledger"],
            serde_json::json!({"files": 1, "units": 1, "rows_read": 7, "rows_counted": 2,
                "rows_skipped": 0, "rows_unclassified": 0, "rows_rejected": 5}),
            "{ext}"
        );
        assert_eq!(needs["units"][0]["code"], "DU-P-LOI", "{ext}");
        // The requests sheet reads `Mã loại | Số lượng hiện có | Số lượng đề xuất`: 8 asked,
        // not the 5 the unit has.
        let desktop = needs["lines"]
            .as_array()
            .and_then(|l| l.iter().find(|l| l["item"] == "PC-DESKTOP"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(desktop["requested"], 8, "{ext}");
        seen.push((ext.to_string(), without_files(&needs)));
    }
    // Identical needs, ledger and diagnostics, whatever the format.
    for (ext, v) in &seen[1..] {
        assert_eq!(v, &seen[0].1, "{ext} differs from xlsx");
    }
    // Sent together, the copies are one submission: the first kept, the others superseded;
    // the .ods copy used to differ (empty cells) and drop the unit with E-UNIT-CONFLICT.
    let d = Dir::new();
    for ext in ["xlsx", "xls", "ods"] {
        d.put(
            &format!("loi-cong-thuc.{ext}"),
            &fixture(&format!("loi-cong-thuc.{ext}")),
        );
    }
    let needs = d.run();
    assert_eq!(needs["units"][0]["file"], "loi-cong-thuc.ods");
    assert_eq!(
        texts(&needs["superseded"], "file"),
        ["loi-cong-thuc.xls", "loi-cong-thuc.xlsx"]
    );
}

#[test]
fn a_password_protected_xls_is_encrypted_whatever_its_encryption() {
    let d = Dir::new();
    // Saved by LibreOffice with a password (RC4): its scrambled records used to make it
    // E-FILE-TOO-LARGE with nonsense sheet names.
    let rc4 = fixture("mat-khau.xls");
    d.put("rc4.xls", &rc4);
    // The same FILEPASS record declaring XOR obfuscation, which calamine does not flag.
    let at = rc4
        .windows(6)
        .position(|w| w[..2] == [0x2F, 0] && w[4..] == [1, 0])
        .expect("FILEPASS record");
    let mut xor = rc4.clone();
    xor[at + 4] = 0;
    d.put("xor.xls", &xor);
    let diags = d.check("en");
    assert_eq!(
        keys(&diags),
        [
            "E-FILE-ENCRYPTED rc4.xls ~!~",
            "E-FILE-ENCRYPTED xor.xls ~!~"
        ]
    );
    assert_eq!(
        diags[0]["message"],
        "the workbook is password-protected; remove the password and resubmit"
    );
}

/// A survey workbook whose first sheet is a chart sheet, as officers make them.
fn with_chart_sheet_first() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Column);
    chart.add_series().set_values("'Hiện trạng'!$F$2:$F$3");
    wb.add_chartsheet()
        .set_name("Biểu đồ")
        .expect("name")
        .insert_chart(0, 0, &chart)
        .expect("chart");
    survey_sheets(
        &mut wb,
        "DU-P-CHART",
        "3",
        &[
            &["1", "", "Máy in", "", "2024", "2", "Tốt"],
            &["2", "", "Máy scan", "", "2024", "1", "Tốt"],
        ],
    );
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn chart_and_macro_sheets_are_passed_over_and_the_rest_is_read() {
    let d = Dir::new();
    d.put("chart.xlsx", &with_chart_sheet_first());
    // A workbook whose first sheet is an Excel 4 macro sheet: calamine refused it whole.
    let mut wb = rust_xlsxwriter::Workbook::new();
    fill(
        wb.add_worksheet().set_name("Macro1").expect("name"),
        &[&["=HALT()"]],
    );
    survey_sheets(
        &mut wb,
        "DU-P-MACRO",
        "3",
        &[&["1", "", "Máy in", "", "2024", "2", "Tốt"]],
    );
    d.put(
        "macro.xlsm",
        &as_macro_sheet(&wb.save_to_buffer().expect("xlsx"), 1),
    );
    let needs = d.run();
    assert_eq!(needs["diagnostics"], serde_json::json!([]));
    assert_eq!(texts(&needs["units"], "code"), ["DU-P-CHART", "DU-P-MACRO"]);
    assert_eq!(needs["ledger"]["rows_counted"], 3);
}

#[test]
fn a_workbook_of_only_charts_or_macro_sheets_says_so() {
    let d = Dir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    fill(
        wb.add_worksheet().set_name("Macro1").expect("name"),
        &[&["=HALT()"]],
    );
    d.put(
        "macro-only.xlsm",
        &as_macro_sheet(&wb.save_to_buffer().expect("xlsx"), 1),
    );
    let diags = d.check("en");
    assert_eq!(keys(&diags), ["E-FILE-UNREADABLE macro-only.xlsm ~!~"]);
    assert_eq!(
        only_message(&diags),
        "cannot be read: the workbook holds no worksheet, only chart, dialog or macro sheets; put the survey table on a worksheet, or fill in the survey form"
    );
    assert_eq!(
        only_message(&d.check("vi")),
        "không đọc được tệp: tệp không có trang tính dữ liệu nào, chỉ có trang biểu đồ, hộp thoại hoặc macro; đưa bảng khảo sát vào một trang tính, hoặc điền vào mẫu phiếu"
    );
}

/// One unreadable file per case: the English and Vietnamese messages, with no library words.
#[test]
fn every_unreadable_case_says_what_the_file_is_and_what_to_do() {
    let good = with_chart_sheet_first();
    let mut empty_sheets = rust_xlsxwriter::Workbook::new();
    empty_sheets.add_worksheet();
    empty_sheets.add_worksheet();
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "truncated.xlsx",
            good[..good.len() / 2].to_vec(),
            "cannot be read: the file is damaged; open it in Excel or LibreOffice and save it again",
            "không đọc được tệp: tệp bị hỏng; mở tệp bằng Excel hoặc LibreOffice rồi lưu lại",
        ),
        (
            "zero.xlsx",
            Vec::new(),
            "cannot be read: the file is empty, it holds no cell; fill in the survey form and send it again",
            "không đọc được tệp: tệp trống, không có ô dữ liệu nào; điền phiếu khảo sát rồi gửi lại",
        ),
        (
            "no-cells.xlsx",
            empty_sheets.save_to_buffer().expect("xlsx"),
            "cannot be read: the file is empty, it holds no cell; fill in the survey form and send it again",
            "không đọc được tệp: tệp trống, không có ô dữ liệu nào; điền phiếu khảo sát rồi gửi lại",
        ),
        (
            "excel4.xls",
            // BIFF4 BOF (worksheet), then EOF.
            vec![0x09, 0x04, 6, 0, 0, 0, 0x10, 0, 0, 0, 0x0A, 0, 0, 0],
            "cannot be read: the file is in an old format (Excel 2.x–4.0) that cannot be read; open it in Excel or LibreOffice and save it as .xlsx",
            "không đọc được tệp: tệp ở định dạng cũ (Excel 2.x–4.0), không đọc được; mở tệp bằng Excel hoặc LibreOffice rồi lưu thành .xlsx",
        ),
        (
            "quattro.xls",
            vec![0, 0, 2, 0, 0x20, 0x51, 1, 0, 0, 0],
            "cannot be read: the file is in an old format (Quattro Pro) that cannot be read; open it in Excel or LibreOffice and save it as .xlsx",
            "không đọc được tệp: tệp ở định dạng cũ (Quattro Pro), không đọc được; mở tệp bằng Excel hoặc LibreOffice rồi lưu thành .xlsx",
        ),
        (
            "notes.xlsx",
            "Báo cáo hiện trạng: xem tệp đính kèm".as_bytes().to_vec(),
            "cannot be read: the file is not a spreadsheet (.xlsx, .xlsm, .xlsb, .ods, .xls or .csv); save the survey as .xlsx and send it again",
            "không đọc được tệp: tệp không phải bảng tính (.xlsx, .xlsm, .xlsb, .ods, .xls hoặc .csv); lưu phiếu khảo sát thành .xlsx rồi gửi lại",
        ),
        (
            "blank.csv",
            b" \n\n ; \n".to_vec(),
            "cannot be read: the file is empty, it holds no cell; fill in the survey form and send it again",
            "không đọc được tệp: tệp trống, không có ô dữ liệu nào; điền phiếu khảo sát rồi gửi lại",
        ),
    ];
    let d = Dir::new();
    for (name, bytes, _, _) in &cases {
        d.put(name, bytes);
    }
    let by_file = |diags: Vec<Value>| -> Vec<(String, String, String)> {
        diags
            .iter()
            .map(|d| {
                (
                    d["file"].as_str().unwrap_or("").to_string(),
                    d["code"].as_str().unwrap_or("").to_string(),
                    d["message"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let (en, vi) = (by_file(d.check("en")), by_file(d.check("vi")));
    let mut want_en: Vec<(String, String, String)> = cases
        .iter()
        .map(|(f, _, m, _)| (f.to_string(), "E-FILE-UNREADABLE".into(), m.to_string()))
        .collect();
    let mut want_vi: Vec<(String, String, String)> = cases
        .iter()
        .map(|(f, _, _, m)| (f.to_string(), "E-FILE-UNREADABLE".into(), m.to_string()))
        .collect();
    want_en.sort();
    want_vi.sort();
    assert_eq!(en, want_en);
    assert_eq!(vi, want_vi);
}

#[test]
fn no_header_names_every_sheet_searched() {
    let d = Dir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    fill(
        wb.add_worksheet()
            .set_name("Thông tin đơn vị")
            .expect("name"),
        &[&["Mã đơn vị", "DU-P-X"]],
    );
    fill(
        wb.add_worksheet().set_name("Tờ trình").expect("name"),
        &[&["Kính gửi"]],
    );
    fill(
        wb.add_worksheet().set_name("Bảng kê").expect("name"),
        &[&["Thiết bị", "Ghi chú"]],
    );
    d.put("no-header.xlsx", &wb.save_to_buffer().expect("xlsx"));
    let diags = d.check("en");
    assert_eq!(keys(&diags), ["E-NO-HEADER no-header.xlsx Tờ trình!~"]);
    assert_eq!(
        only_message(&diags),
        "no inventory header row (a device-name and a quantity column) in the first 30 rows of the sheets searched: 'Tờ trình', 'Bảng kê'; put Tên thiết bị and Số lượng in one row above the table"
    );
}

/// Nothing from a file drives the terminal: a file name, a sheet name and cell texts holding
/// ESC sequences, C1 controls, tabs and newlines are shown escaped in human, GitHub and
/// `explain` output (JSON and JUnit escape by their own rules).
#[test]
fn control_characters_from_files_are_shown_escaped() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let info = info_rows("DU-P-ESC", "3");
    let info: Vec<Vec<&str>> = info
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let info: Vec<&[&str]> = info.iter().map(Vec::as_slice).collect();
    fill(
        wb.add_worksheet()
            .set_name("Thông tin đơn vị")
            .expect("name"),
        &info,
    );
    let ws = wb
        .add_worksheet()
        .set_name("Hiện trạng\u{9b}2J")
        .expect("name");
    fill(
        ws,
        &[
            &INV_HEADER,
            &[
                "1",
                "",
                "Máy lạ\u{1b}]0;pwned\u{7}\tx\ny",
                "",
                "2024",
                "1",
                "Tốt",
            ],
            &["2", "", "Máy in", "", "2024", "1", "Tốt\u{1b}[2J"],
        ],
    );
    let d = Dir::new();
    let name = "khảo sát\u{1b}[31m.xlsx";
    d.put(name, &wb.save_to_buffer().expect("xlsx"));
    let input = d.tmp.path().join("in");
    let input = input.to_str().expect("utf-8");
    for format in ["human", "github"] {
        let o = rasoat_in("en", &["check", input, "--format", format]);
        let out = o.stdout;
        for c in out.chars() {
            assert!(
                c == '\n' || !c.is_control(),
                "{format}: raw {:?} in {out}",
                c
            );
        }
        assert!(out.contains("khảo sát\\u{1b}[31m.xlsx"), "{format}: {out}");
        assert!(out.contains("Hiện trạng\\u{9b}2J"), "{format}: {out}");
        assert!(
            out.contains("Máy lạ\\u{1b}]0;pwned\\u{7}\\u{9}x\\u{a}y"),
            "{format}: {out}"
        );
    }
    let o = rasoat_in("en", &["explain", input, "--unit", "DU-P-ESC"]);
    assert!(
        o.stdout.contains("khảo sát\\u{1b}[31m.xlsx"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.chars().all(|c| c == '\n' || !c.is_control()),
        "{}",
        o.stdout
    );
}
