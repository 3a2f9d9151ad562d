//! Files as office programs save them (SPEC §3 "Files"; issue 14): one workbook saved by
//! LibreOffice as .xlsx, .xls and .ods reads the same; password-protected .xls, chart and
//! macro sheets, old formats and damaged files each get the finding an officer can act on.

#[macro_use]
mod common;

use common::*;
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
        let w = Work::bundled();
        w.put(
            &format!("loi-cong-thuc.{ext}"),
            fixture(&format!("loi-cong-thuc.{ext}")),
        );
        let needs = w.run(&[]).needs;
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
    let w = Work::bundled();
    for ext in ["xlsx", "xls", "ods"] {
        w.put(
            &format!("loi-cong-thuc.{ext}"),
            fixture(&format!("loi-cong-thuc.{ext}")),
        );
    }
    let needs = w.run(&[]).needs;
    assert_eq!(needs["units"][0]["file"], "loi-cong-thuc.ods");
    assert_eq!(
        texts(&needs["superseded"], "file"),
        ["loi-cong-thuc.xls", "loi-cong-thuc.xlsx"]
    );
}

#[test]
fn a_password_protected_xls_is_encrypted_whatever_its_encryption() {
    let w = Work::bundled();
    // Saved by LibreOffice with a password (RC4): its scrambled records used to make it
    // E-FILE-TOO-LARGE with nonsense sheet names.
    let rc4 = fixture("mat-khau.xls");
    w.put("rc4.xls", &rc4);
    // The same FILEPASS record declaring XOR obfuscation, which calamine does not flag.
    let at = rc4
        .windows(6)
        .position(|w| w[..2] == [0x2F, 0] && w[4..] == [1, 0])
        .expect("FILEPASS record");
    let mut xor = rc4.clone();
    xor[at + 4] = 0;
    w.put("xor.xls", &xor);
    let diags = w.check_diags(&[]);
    assert_eq!(
        keys(&diags),
        [
            "E-FILE-ENCRYPTED rc4.xls ~!~",
            "E-FILE-ENCRYPTED xor.xls ~!~"
        ]
    );
    assert_eq!(
        diags[0].message,
        "the workbook is password-protected; remove the password and resubmit"
    );
}

#[test]
fn a_password_protected_excel_5_workbook_is_encrypted() {
    let w = Work::bundled();
    // Excel 5.0/95 (BIFF5, stream `Book`): BOF, then FILEPASS with XOR obfuscation (key and
    // hash, four bytes; BIFF5 has no other kind).
    let mut bof = 0x0500u16.to_le_bytes().to_vec();
    bof.extend(0x0005u16.to_le_bytes());
    bof.extend([0u8; 4]);
    let mut book = Vec::new();
    rec(&mut book, 0x0809, &bof);
    rec(&mut book, 0x002F, &[0x34, 0x12, 0x78, 0x56]);
    rec(&mut book, 0x000A, &[]);
    w.put("excel5.xls", &cfb(&[("Book", book)]).0);
    assert_eq!(
        keys(&w.check_diags(&[])),
        ["E-FILE-ENCRYPTED excel5.xls ~!~"]
    );
}

/// A survey workbook whose first sheet is a chart sheet, as officers make them.
fn with_chart_sheet_first() -> Vec<u8> {
    let book = Book::new().sheet(unit_pairs("DU-P-CHART", 3)).inv(vec![
        row![1, "", "Máy in", "", 2024, 2, "Tốt"],
        row![2, "", "Máy scan", "", 2024, 1, "Tốt"],
    ]);
    book.xlsx_with(|wb| {
        let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Column);
        chart.add_series().set_values("'Hiện trạng'!$F$2:$F$3");
        wb.add_chartsheet()
            .set_name("Biểu đồ")
            .expect("name")
            .insert_chart(0, 0, &chart)
            .expect("chart");
    })
}

/// A sheet `Macro1` holding `=HALT()` as text in A1, made a macro sheet by [`as_macro_sheet`].
fn macro_sheet() -> Sheet {
    Form::new().title("=HALT()").sheet("Macro1")
}

#[test]
fn chart_and_macro_sheets_are_passed_over_and_the_rest_is_read() {
    let w = Work::bundled();
    w.put("chart.xlsx", with_chart_sheet_first());
    // A workbook whose first sheet is an Excel 4 macro sheet: calamine refused it whole.
    let book = Book::new()
        .sheet(macro_sheet())
        .sheet(unit_pairs("DU-P-MACRO", 3))
        .inv(vec![row![1, "", "Máy in", "", 2024, 2, "Tốt"]]);
    w.put("macro.xlsm", as_macro_sheet(&book.xlsx(), 1));
    let r = w.run(&[]);
    let needs = &r.needs;
    assert_eq!(needs["diagnostics"], serde_json::json!([]));
    assert_eq!(r.unit_codes(), ["DU-P-CHART", "DU-P-MACRO"]);
    assert_eq!(needs["ledger"]["rows_counted"], 3);
}

#[test]
fn a_workbook_of_only_charts_or_macro_sheets_says_so() {
    let w = Work::bundled();
    let book = Book::new().sheet(macro_sheet());
    w.put("macro-only.xlsm", as_macro_sheet(&book.xlsx(), 1));
    let diags = w.check_diags(&["--lang", "en"]);
    assert_eq!(keys(&diags), ["E-FILE-UNREADABLE macro-only.xlsm ~!~"]);
    assert_eq!(
        only_message(&diags),
        "cannot be read: the workbook holds no worksheet, only chart, dialog or macro sheets; put the survey table on a worksheet, or fill in the survey form"
    );
    assert_eq!(
        only_message(&w.check_diags(&["--lang", "vi"])),
        "không đọc được tệp: tệp không có trang tính dữ liệu nào, chỉ có trang biểu đồ, hộp thoại hoặc macro; đưa bảng khảo sát vào một trang tính, hoặc điền vào mẫu phiếu"
    );
}

/// One unreadable file per case: the English and Vietnamese messages, with no library words.
#[test]
fn every_unreadable_case_says_what_the_file_is_and_what_to_do() {
    let good = with_chart_sheet_first();
    // Two sheets with no cell, named as Excel names new sheets.
    let empty_sheets = Book::new()
        .sheet(Sheet::new("Sheet1"))
        .sheet(Sheet::new("Sheet2"));
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
            empty_sheets.xlsx(),
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
    let w = Work::bundled();
    for (name, bytes, _, _) in &cases {
        w.put(name, bytes);
    }
    let by_file = |diags: Vec<Diag>| -> Vec<(String, String, String)> {
        diags
            .into_iter()
            .map(|d| (d.file.unwrap_or_default(), d.code, d.message))
            .collect()
    };
    let en = by_file(w.check_diags(&["--lang", "en"]));
    let vi = by_file(w.check_diags(&["--lang", "vi"]));
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
    let w = Work::bundled();
    let book = Book::new()
        .sheet(Form::new().pairs(&[("Mã đơn vị", "DU-P-X")]).sheet(INFO))
        .sheet(Form::new().title("Kính gửi").sheet("Tờ trình"))
        .sheet(
            Form::new()
                .line(row!["Thiết bị", "Ghi chú"])
                .sheet("Bảng kê"),
        );
    w.put("no-header.xlsx", book.xlsx());
    let diags = w.check_diags(&[]);
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
    let inv = Form::new().header(&HEADER).rows(vec![
        row![1, "", "Máy lạ\u{1b}]0;pwned\u{7}\tx\ny", "", 2024, 1, "Tốt"],
        row![2, "", "Máy in", "", 2024, 1, "Tốt\u{1b}[2J"],
    ]);
    let book = Book::new()
        .sheet(unit_pairs("DU-P-ESC", 3))
        .sheet(inv.sheet("Hiện trạng\u{9b}2J"));
    let w = Work::bundled();
    let name = "khảo sát\u{1b}[31m.xlsx";
    w.put(name, book.xlsx());
    let input = w.subs();
    let input = input.to_str().expect("utf-8");
    for format in ["human", "github"] {
        let o = w.check(format, &["--lang", "en"]);
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
    let o = rasoat(&["explain", input, "--unit", "DU-P-ESC", "--lang", "en"]);
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
