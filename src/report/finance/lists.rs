//! The Finance workbook's lists: `Loại trừ` (everything not in the estimate, and why), `Lỗi dữ
//! liệu` (every diagnostic, SPEC §3) and `Nguồn` (catalog, prices and the SHA-256 of every
//! input file).

use super::*;
use crate::report::kit::{
    merged, money, plain, plain_count, printable, text, usual_lines, Fit, Styles, LAST_ROW,
    LIST_ROWS, SAMPLE_ROWS,
};
use crate::report::vi::{date_vi, outcome_vi, pct_vi, severity_vi};
use crate::report::RunMeta;

/// One row of the `Loại trừ` sheet.
#[derive(Default)]
struct Excluded {
    kind: &'static str,
    unit: String,
    what: String,
    qty: Option<u64>,
    amount: Option<Decimal>,
    action: String,
    why: String,
    file: String,
    sheet: String,
    row: Option<u32>,
}

impl Excluded {
    /// The row's texts that may wrap, by column.
    fn texts(&self) -> [(u16, &str); 6] {
        [
            (2, &self.unit),
            (3, &self.what),
            (6, &self.action),
            (7, &self.why),
            (8, &self.file),
            (9, &self.sheet),
        ]
    }
}

/// Everything that is not in the estimate, in a fixed order: routed lines, excess requests,
/// unclassified rows, superseded and conflicting submissions, duplicate assets, files left out.
fn excluded_rows(est: &Estimate, catalog: &Catalog, out: &mut dyn FnMut(Excluded)) {
    let n = &est.needs;
    // Lookups by key, not by scanning: a national run has 25,000 units and as many files.
    let files: BTreeMap<&str, &str> = n
        .units
        .iter()
        .map(|u| (u.unit.code.as_str(), u.file.as_str()))
        .collect();
    let file_of = |unit: &str| files.get(unit).map(|f| f.to_string()).unwrap_or_default();
    let mut errors: BTreeMap<&str, Vec<&crate::diag::Diagnostic>> = BTreeMap::new();
    for d in n.diagnostics.iter().filter(|d| d.is_error()) {
        if let Some(f) = d.file.as_deref() {
            errors.entry(f).or_default().push(d);
        }
    }
    for (l, c) in n.lines.iter().zip(&est.costs) {
        if &*l.channel == SELF || l.quantity == 0 {
            continue;
        }
        let route = l.route.and_then(|r| catalog.routes.get(r));
        out(Excluded {
            kind: "Do kênh khác trang bị",
            unit: l.unit.to_string(),
            what: format!("{} ({})", catalog.items[l.item].name, l.item_code),
            qty: Some(l.quantity),
            amount: c.total,
            action: catalog.channel_label(&l.channel).to_string(),
            why: route.map_or(String::new(), |r| {
                format!("{} (routing.csv dòng {})", r.basis, r.line)
            }),
            file: file_of(&l.unit),
            ..Excluded::default()
        });
    }
    for l in n.lines.iter().filter(|l| l.excess > 0) {
        let why = if l.not_applicable {
            format!(
                "Đơn vị đề xuất {}, nhưng thiết bị không thuộc tiêu chuẩn trang bị của đơn vị",
                l.requested.unwrap_or(l.excess)
            )
        } else {
            format!(
                "Đề xuất {}; định mức {}, hiện có đạt chuẩn {}, còn thiếu {}",
                l.requested.unwrap_or(0),
                l.required,
                l.usable,
                l.gap
            )
        };
        // What the excess would have cost, priced as a line is.
        let amount = catalog.prices[l.item]
            .as_ref()
            .and_then(|p| crate::cost::cost_of(l.excess, p, catalog)?.total);
        out(Excluded {
            kind: "Vượt định mức",
            unit: l.unit.to_string(),
            what: format!("{} ({})", catalog.items[l.item].name, l.item_code),
            qty: Some(l.excess),
            amount,
            action: "Không đưa vào dự toán".into(),
            why,
            file: file_of(&l.unit),
            ..Excluded::default()
        });
    }
    for u in &n.unclassified {
        out(Excluded {
            kind: "Không phân loại được",
            unit: u.unit.clone(),
            what: u.name.clone(),
            action: "Không tính vào nhu cầu".into(),
            why: "Không khớp thiết bị nào trong danh mục; nếu là thiết bị CNTT, ghi mã loại rồi nộp lại".into(),
            file: u.file.clone(),
            sheet: u.sheet.clone().unwrap_or_default(),
            row: Some(u.row),
            ..Excluded::default()
        });
    }
    for s in &n.superseded {
        out(Excluded {
            kind: "Bản nộp bị thay thế",
            unit: s.unit.clone(),
            what: s.file.clone(),
            action: format!("Dùng bản nộp {}", s.by),
            why: "Bản nộp kia có lần nộp, ngày lập mới hơn, hoặc trùng nội dung".into(),
            file: s.file.clone(),
            ..Excluded::default()
        });
    }
    for c in &n.conflicts {
        for f in &c.files {
            let others: Vec<&str> = c
                .files
                .iter()
                .filter(|x| *x != f)
                .map(String::as_str)
                .collect();
            out(Excluded {
                kind: "Bản nộp mâu thuẫn",
                unit: c.unit.clone(),
                what: f.clone(),
                action: "Đơn vị chưa được tổng hợp".into(),
                why: format!(
                    "Cùng lần nộp và ngày lập với {} nhưng nội dung khác; tăng Lần nộp ở bản đã sửa rồi nộp lại",
                    others.join(", ")
                ),
                file: f.clone(),
                ..Excluded::default()
            });
        }
    }
    for d in &n.duplicates {
        out(Excluded {
            kind: "Tài sản trùng",
            unit: d.unit.clone(),
            what: format!("Mã tài sản {}", d.asset_id),
            action: "Không tính lại".into(),
            why: format!(
                "Đã tính ở đơn vị {}, tệp {}, dòng {}",
                d.first.unit, d.first.file, d.first.row
            ),
            file: d.file.clone(),
            sheet: d.sheet.clone().unwrap_or_default(),
            row: Some(d.row),
            ..Excluded::default()
        });
    }
    for f in n.files.iter().filter(|f| f.outcome == Outcome::LeftOut) {
        let msgs: Vec<String> = errors
            .get(f.file.as_str())
            .map(|ds| {
                ds.iter()
                    .map(|d| format!("{}: {}", d.code, d.msg.render(Lang::Vi)))
                    .collect()
            })
            .unwrap_or_default();
        let mut why = msgs.iter().take(5).cloned().collect::<Vec<_>>().join("\n");
        if msgs.len() > 5 {
            why.push_str(&format!(
                "\n… và {} lỗi khác (trang Lỗi dữ liệu)",
                msgs.len() - 5
            ));
        }
        out(Excluded {
            kind: "Tệp không tổng hợp được",
            unit: f.unit.clone().unwrap_or_default(),
            what: f.file.clone(),
            action: "Sửa lỗi rồi nộp lại".into(),
            why,
            file: f.file.clone(),
            ..Excluded::default()
        });
    }
}

/// Column widths of `Loại trừ`, in characters.
const EXCLUDED_WIDTHS: [f64; 11] = [
    6.0, 20.0, 19.0, 32.0, 9.0, 15.0, 26.0, 46.0, 26.0, 16.0, 7.0,
];

/// One row of the `Loại trừ` sheet; `n` is its number (STT).
fn excluded_row(
    ws: &mut Worksheet,
    fit: &mut Fit,
    r: u32,
    n: usize,
    x: &Excluded,
    st: &Styles,
) -> Result<(), XlsxError> {
    plain_count(ws, r, 0, n as u64)?;
    plain(ws, r, 1, x.kind)?;
    for (c, t) in x.texts() {
        fit.list_text(ws, r, c, t, st)?;
    }
    if let Some(q) = x.qty {
        plain_count(ws, r, 4, q)?;
    }
    if let Some(a) = x.amount {
        money(ws, r, 5, Some(a), &st.list_amount)?;
    }
    if let Some(q) = x.row {
        plain_count(ws, r, 10, q as u64)?;
    }
    Ok(())
}

/// Sheet 3, `Loại trừ`.
pub(super) fn excluded(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 10;
    let mut fit = Fit::new(ws, &EXCLUDED_WIDTHS)?;
    // The rows' usual height, from the first ones (the list is made as it is written).
    let mut lines = Vec::with_capacity(SAMPLE_ROWS);
    excluded_rows(est, catalog, &mut |x: Excluded| {
        if lines.len() < SAMPLE_ROWS {
            let n = x.texts().iter().map(|&(c, t)| fit.lines_in(c, t)).max();
            lines.push(n.unwrap_or(1));
        }
    });
    let usual = usual_lines(lines);
    fit.default_lines(ws, usual);
    fit.titles(
        ws,
        LAST,
        "CÁC KHOẢN KHÔNG ĐƯA VÀO DỰ TOÁN VÀ LÝ DO",
        "(Thiết bị do kênh khác trang bị, đề xuất vượt định mức, dòng không phân loại được, bản nộp bị thay thế \
         hoặc mâu thuẫn, tài sản trùng, tệp không tổng hợp được; Thành tiền gồm thuế GTGT, chưa gồm dự phòng)",
        st,
    )?;
    let heads = [
        "STT",
        "Loại",
        "Đơn vị",
        "Nội dung",
        "Số lượng",
        "Thành tiền (gồm thuế GTGT)",
        "Xử lý",
        "Căn cứ, lý do",
        "Tệp",
        "Trang tính",
        "Dòng",
    ];
    fit.list_header(ws, &heads, st)?;
    let first = 4u32;
    let mut r = first;
    let mut written = 0usize;
    let mut total = 0usize;
    let mut failed: Option<XlsxError> = None;
    // Rows are written as they are found; past the sheet's cap they are only counted.
    excluded_rows(est, catalog, &mut |x: Excluded| {
        total += 1;
        if r >= LIST_ROWS || failed.is_some() {
            return;
        }
        match excluded_row(ws, &mut fit, r, total, &x, st) {
            Ok(()) => {
                written += 1;
                r += 1;
            }
            Err(e) => failed = Some(e),
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    if total > written {
        fit.span(
            ws,
            r,
            0,
            LAST,
            &format!("… còn {} dòng, xem needs.json", total - written),
            &st.note,
        )?;
        r += 1;
    }
    if total == 0 {
        fit.span(ws, r, 0, LAST, "Không có khoản nào bị loại trừ.", &st.note)?;
    } else {
        ws.autofilter(3, 0, r - 1, LAST)?;
    }
    Ok(())
}

/// Sheet 4, `Lỗi dữ liệu`: every diagnostic, in the order of diagnostics.json.
pub(super) fn diagnostics(
    ws: &mut Worksheet,
    est: &Estimate,
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 6;
    const WIDTHS: [f64; 7] = [6.0, 10.0, 25.0, 30.0, 18.0, 7.0, 68.0];
    let mut fit = Fit::new(ws, &WIDTHS)?;
    let diags = &est.needs.diagnostics;
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let lines = diags.iter().take(SAMPLE_ROWS).map(|d| {
        let texts = [
            (3, d.file.as_deref().unwrap_or("")),
            (4, d.sheet.as_deref().unwrap_or("")),
        ];
        let msg = fit.lines_in(6, &d.msg.render(Lang::Vi));
        texts
            .iter()
            .map(|&(c, t)| fit.lines_in(c, t))
            .fold(msg, u32::max)
    });
    let usual = usual_lines(lines);
    fit.default_lines(ws, usual);
    fit.titles(
        ws,
        LAST,
        "LỖI VÀ CẢNH BÁO VỀ SỐ LIỆU KHẢO SÁT",
        &format!(
            "({} lỗi, {} cảnh báo; lỗi làm dòng hoặc tệp không được tính, cảnh báo thì vẫn tính)",
            errors,
            diags.len() - errors
        ),
        st,
    )?;
    fit.list_header(
        ws,
        &["STT", "Mức độ", "Mã", "Tệp", "Trang tính", "Ô", "Nội dung"],
        st,
    )?;
    let mut r = 4u32;
    for (i, d) in diags.iter().enumerate() {
        if r >= LIST_ROWS {
            fit.span(
                ws,
                r,
                0,
                LAST,
                &format!("… còn {} dòng, xem diagnostics.json", diags.len() - i),
                &st.note,
            )?;
            r += 1;
            break;
        }
        plain_count(ws, r, 0, i as u64 + 1)?;
        plain(ws, r, 1, severity_vi(d.severity()))?;
        plain(ws, r, 2, d.code.as_str())?;
        fit.list_text(ws, r, 3, d.file.as_deref().unwrap_or(""), st)?;
        fit.list_text(ws, r, 4, d.sheet.as_deref().unwrap_or(""), st)?;
        plain(ws, r, 5, &d.cell_a1().unwrap_or_default())?;
        fit.list_text(ws, r, 6, &d.msg.render(Lang::Vi), st)?;
        r += 1;
    }
    if diags.is_empty() {
        fit.span(ws, r, 0, LAST, "Không có lỗi hay cảnh báo nào.", &st.note)?;
    } else {
        ws.autofilter(3, 0, r - 1, LAST)?;
    }
    Ok(())
}

/// Sheet 5, `Nguồn`: the catalog, VAT and contingency, every price row, every input file.
pub(super) fn sources(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    meta: &RunMeta,
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 8;
    let mut fit = Fit::new(ws, &[6.0, 19.0, 36.0, 15.0, 12.0, 10.0, 40.0, 12.0, 18.0])?;
    printable(ws, None)?;
    merged(
        ws,
        0,
        0,
        LAST,
        "NGUỒN SỐ LIỆU, ĐƠN GIÁ VÀ TỆP KHẢO SÁT",
        &st.title,
    )?;
    let facts = [
        ("Danh mục", catalog.name.clone()),
        ("Áp dụng từ ngày", date_vi(&catalog.effective)),
        (
            "Thuế GTGT mặc định",
            format!("{}%", pct_vi(catalog.vat_percent)),
        ),
        (
            "Dự phòng",
            format!("{}%", pct_vi(catalog.contingency_percent)),
        ),
        ("Đồng tiền", catalog.currency.clone()),
        ("Năm tính tuổi thiết bị", est.needs.as_of.to_string()),
    ];
    let mut r = 2u32;
    for (k, v) in facts {
        merged(ws, r, 0, 1, k, &st.heading)?;
        merged(ws, r, 2, LAST, &v, &st.plain)?;
        r += 1;
    }
    r += 1;
    text(ws, r, 0, "I. ĐƠN GIÁ", &st.heading)?;
    r += 1;
    fit.header(
        ws,
        r,
        &[
            "STT",
            "Mã",
            "Thiết bị",
            "Đơn giá (đồng)",
            "Đã gồm thuế GTGT",
            "Thuế GTGT (%)",
            "Nguồn giá",
            "Ngày",
            "Giá tối đa theo định mức (gồm thuế)",
        ],
        st,
    )?;
    r += 1;
    let mut k = 0;
    for (item, price) in catalog.items.iter().zip(&catalog.prices) {
        let Some(p) = price else { continue };
        k += 1;
        fit.text(ws, r, 0, &k.to_string(), &st.cell_c)?;
        fit.text(ws, r, 1, &item.code, &st.cell)?;
        fit.text(ws, r, 2, &item.name, &st.cell)?;
        money(ws, r, 3, Some(Decimal::from(p.unit_price)), &st.amount)?;
        fit.text(
            ws,
            r,
            4,
            if p.vat_included { "Có" } else { "Không" },
            &st.cell_c,
        )?;
        if p.vat_included {
            // The amount already holds the VAT; the rate is not used (SPEC §5).
            fit.text(ws, r, 5, "", &st.cell_c)?;
        } else {
            fit.text(ws, r, 5, &pct_vi(catalog.vat_of(p)), &st.cell_c)?;
        }
        fit.text(ws, r, 6, &p.source, &st.cell)?;
        fit.text(ws, r, 7, &date_vi(&p.date), &st.cell_c)?;
        money(ws, r, 8, item.max_unit_price.map(Decimal::from), &st.amount)?;
        r += 1;
    }
    let unpriced: Vec<&str> = catalog
        .items
        .iter()
        .zip(&catalog.prices)
        .filter(|(_, p)| p.is_none())
        .map(|(i, _)| i.code.as_str())
        .collect();
    if !unpriced.is_empty() {
        fit.span(
            ws,
            r,
            0,
            LAST,
            &format!(
                "Chưa có đơn giá (không do đơn vị tự mua sắm): {}",
                unpriced.join(", ")
            ),
            &st.note,
        )?;
        r += 1;
    }
    r += 1;
    text(ws, r, 0, "II. TỆP KHẢO SÁT", &st.heading)?;
    r += 1;
    fit.header(ws, r, &["STT", "Đơn vị", "Tệp"], st)?;
    ws.merge_range(r, 3, r, 5, "Kết quả", &st.head)?;
    ws.merge_range(r, 6, r, 8, "SHA-256", &st.head)?;
    r += 1;
    let status: BTreeMap<&str, &crate::needs::FileStatus> = est
        .needs
        .files
        .iter()
        .map(|f| (f.file.as_str(), f))
        .collect();
    for (i, (file, sha)) in meta.files.iter().enumerate() {
        if r >= LAST_ROW {
            fit.span(
                ws,
                r,
                0,
                LAST,
                &format!("… còn {} tệp", meta.files.len() - i),
                &st.note,
            )?;
            break;
        }
        // One row per input file (25,000 in a national run): plain cells, no merges.
        let fs = status.get(file.as_str());
        plain_count(ws, r, 0, i as u64 + 1)?;
        fit.list_text(
            ws,
            r,
            1,
            fs.and_then(|f| f.unit.as_deref()).unwrap_or(""),
            st,
        )?;
        fit.list_text(ws, r, 2, file, st)?;
        plain(ws, r, 3, fs.map_or("", |f| outcome_vi(f.outcome)))?;
        plain(ws, r, 6, sha)?;
        r += 1;
    }
    Ok(())
}
