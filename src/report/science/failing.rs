//! `Thiết bị không đạt chuẩn`: every counted row that is not usable (SPEC §4), with its reasons
//! in Vietnamese.

use super::*;
use crate::report::kit::{usual_lines, SAMPLE_ROWS};

/// Why a row fails the standard, and what could not be checked, in Vietnamese.
fn reason_texts(
    a: &crate::needs::Assessment,
    item: &crate::catalog::Item,
    catalog: &Catalog,
    as_of: i32,
) -> (String, String) {
    let reasons: Vec<String> = a
        .reasons(catalog, as_of)
        .iter()
        .map(|x| reason_vi(x, item))
        .collect();
    let assumed: Vec<String> = a
        .assumed(catalog)
        .iter()
        .map(|x| assumed_vi(x, item))
        .collect();
    (
        capitalise(&reasons.join("; ")),
        capitalise(&assumed.join("; ")),
    )
}

/// Sheet 3, `Thiết bị không đạt chuẩn`: every counted row that is not usable.
pub(super) fn not_usable(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 10;
    const WIDTHS: [f64; 11] = [
        6.0, 18.0, 24.0, 14.0, 7.0, 15.0, 26.0, 24.0, 9.0, 40.0, 22.0,
    ];
    let mut fit = Fit::new(ws, &WIDTHS)?;
    let rows = || est.needs.assessments.iter().filter(|a| !a.usable());
    // The rows' usual height, from the first ones.
    let lines = rows().take(SAMPLE_ROWS).filter_map(|a| {
        let item = catalog.items.get(a.item)?;
        let src = est.needs.source(a)?;
        let (why, unchecked) = reason_texts(a, item, catalog, est.needs.as_of);
        let texts = [
            (1, src.unit.code.as_str()),
            (2, &src.file),
            (3, src.sheet.as_deref().unwrap_or("")),
            (5, &item.code),
            (6, &a.name),
            (7, &a.config),
            (9, &why),
            (10, &unchecked),
        ];
        texts.iter().map(|&(c, t)| fit.lines_in(c, t)).max()
    });
    let usual = usual_lines(lines);
    fit.default_lines(ws, usual);
    fit.titles(ws, LAST, "THIẾT BỊ HIỆN CÓ KHÔNG ĐẠT CHUẨN", &format!(
            "(Hỏng, cũ, hết thời gian sử dụng tính đến năm {} hoặc cấu hình thấp hơn cấu hình tiêu chuẩn; được thay thế trong nhu cầu)",
            est.needs.as_of
        ), st)?;
    let heads = [
        "STT",
        "Đơn vị",
        "Tệp",
        "Trang tính",
        "Dòng",
        "Mã loại",
        "Tên thiết bị (theo đơn vị)",
        "Cấu hình (theo đơn vị)",
        "Số lượng",
        "Lý do không đạt chuẩn",
        "Chưa kiểm tra được",
    ];
    fit.list_header(ws, &heads, st)?;
    let n_rows = rows().count();
    // Bounded: a list of all-different configurations must not hold them all.
    const TEXTS_KEPT: usize = 4096;
    type Key = (usize, crate::needs::Verdict, *const String);
    let mut texts: foldhash::HashMap<Key, (String, String)> = foldhash::HashMap::default();
    let mut r = 4u32;
    let mut qty = 0u64;
    for (i, a) in rows().enumerate() {
        if r >= LIST_ROWS {
            fit.span(
                ws,
                r,
                0,
                LAST,
                &format!(
                    "… còn {} dòng; xem từng đơn vị bằng lệnh rasoat explain --unit MÃ_ĐƠN_VỊ",
                    n_rows - i
                ),
                &st.note,
            )?;
            return Ok(());
        }
        let Some(item) = catalog.items.get(a.item) else {
            continue;
        };
        let Some(src) = est.needs.source(a) else {
            continue;
        };
        plain_count(ws, r, 0, i as u64 + 1)?;
        fit.list_text(ws, r, 1, &src.unit.code, st)?;
        fit.list_text(ws, r, 2, &src.file, st)?;
        fit.list_text(ws, r, 3, src.sheet.as_deref().unwrap_or(""), st)?;
        plain_count(ws, r, 4, a.row as u64)?;
        fit.list_text(ws, r, 5, &item.code, st)?;
        fit.list_text(ws, r, 6, &a.name, st)?;
        fit.list_text(ws, r, 7, &a.config, st)?;
        plain_count(ws, r, 8, a.quantity)?;
        // The texts depend only on the item, the verdict and the configuration, which repeat
        // from row to row (configurations are shared texts): each is written once.
        let key = (a.item, a.verdict, std::sync::Arc::as_ptr(&a.config));
        if texts.len() >= TEXTS_KEPT && !texts.contains_key(&key) {
            texts.clear();
        }
        let (why, unchecked) = texts
            .entry(key)
            .or_insert_with(|| reason_texts(a, item, catalog, est.needs.as_of));
        fit.list_text(ws, r, 9, why, st)?;
        fit.list_text(ws, r, 10, unchecked, st)?;
        qty = qty.saturating_add(a.quantity);
        r += 1;
    }
    if n_rows == 0 {
        fit.span(
            ws,
            r,
            0,
            LAST,
            "Không có thiết bị nào không đạt chuẩn.",
            &st.note,
        )?;
        return Ok(());
    }
    ws.autofilter(3, 0, r - 1, LAST)?;
    for c in 0..8 {
        blank(ws, r, c, &st.cell)?;
    }
    fit.text(ws, r, 6, "Cộng", &st.cell_bc)?;
    count(ws, r, 8, qty, &st.qty_b)?;
    blank(ws, r, 9, &st.cell)?;
    blank(ws, r, 10, &st.cell)?;
    Ok(())
}
