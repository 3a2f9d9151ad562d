//! `Tổng hợp`, the first sheet of the Finance workbook: the document header and title, the
//! program's estimate by block and by level, what every channel provides (so nothing is bought
//! twice), the grand total with contingency (SPEC §5) and the amount in words, signatures.

use super::*;
use crate::report::kit::{
    approval_signatures, blank, count, in_words_row, merged, money, printable, state_header, text,
    Fit, Styles,
};
use crate::report::vi::{date_vi, pct_vi};

/// One summary row per block (or level): its label, units, and the sums of their figures;
/// the total is the estimate's own figure for the group.
fn group_rows<K: PartialEq + Copy>(
    est: &Estimate,
    totals: &[(K, Decimal)],
    label: impl Fn(K) -> &'static str,
    of: impl Fn(&crate::needs::UnitEntry) -> K,
) -> Vec<(&'static str, u64, [Option<Decimal>; 4])> {
    totals
        .iter()
        .map(|(g, total)| {
            let (k, s) = unit_sums(est, |u| of(u) == *g);
            (
                label(*g),
                k,
                [Some(s[0]), Some(s[1]), Some(s[2]), Some(*total)],
            )
        })
        .collect()
}

/// Amount, VAT, contingency and total of the units that `keep` selects, and how many.
fn unit_sums(
    est: &Estimate,
    keep: impl Fn(&crate::needs::UnitEntry) -> bool,
) -> (u64, [Decimal; 4]) {
    let mut n = 0u64;
    let mut s = [Decimal::ZERO; 4];
    for (u, t) in est.needs.units.iter().zip(&est.unit_totals) {
        if keep(u) {
            n += 1;
            s = [
                plus(s[0], t.amount),
                plus(s[1], t.vat),
                plus(s[2], t.contingency),
                plus(s[3], t.total),
            ];
        }
    }
    (n, s)
}

/// One summary table of the program's own estimate: a row per block (or level), then `Cộng`.
/// Returns the row after the table and a blank row.
#[allow(clippy::too_many_arguments)]
fn breakdown(
    ws: &mut Worksheet,
    fit: &mut Fit,
    mut r: u32,
    st: &Styles,
    title: &str,
    first_head: &str,
    rows: &[(&str, u64, [Option<Decimal>; 4])],
    (units, all): (u64, [Option<Decimal>; 4]),
) -> Result<u32, XlsxError> {
    text(ws, r, 0, title, &st.heading)?;
    r += 1;
    let heads = [
        "STT",
        first_head,
        "Số đơn vị",
        "Thành tiền",
        "Thuế GTGT",
        "Dự phòng",
        "Cộng",
        "Ghi chú",
    ];
    fit.header(ws, r, &heads, st)?;
    r += 1;
    for (i, (label, k, m)) in rows.iter().enumerate() {
        summary_row(
            ws,
            fit,
            r,
            st,
            &(i + 1).to_string(),
            label,
            Some(*k),
            *m,
            "",
            false,
        )?;
        r += 1;
    }
    summary_row(ws, fit, r, st, "", "Cộng", Some(units), all, "", true)?;
    Ok(r + 2)
}

/// One row of a summary table: STT, label, a count, then amount, VAT, contingency, total, note.
#[allow(clippy::too_many_arguments)]
fn summary_row(
    ws: &mut Worksheet,
    fit: &mut Fit,
    r: u32,
    st: &Styles,
    stt: &str,
    label: &str,
    n: Option<u64>,
    m: [Option<Decimal>; 4],
    note: &str,
    bold: bool,
) -> Result<(), XlsxError> {
    let (tf, nf, mf) = if bold {
        (&st.cell_b, &st.qty_b, &st.amount_b)
    } else {
        (&st.cell, &st.qty, &st.amount)
    };
    fit.text(ws, r, 0, stt, &st.cell_c)?;
    fit.text(ws, r, 1, label, tf)?;
    match n {
        Some(n) => count(ws, r, 2, n, nf)?,
        None => blank(ws, r, 2, nf)?,
    }
    for (i, v) in m.iter().enumerate() {
        money(ws, r, 3 + i as u16, *v, mf)?;
    }
    fit.text(ws, r, 7, note, &st.cell)?;
    Ok(())
}

/// Sheet 1, `Tổng hợp`: header, title, the program's estimate by block and level, every
/// channel, the grand total and the amount in words.
pub(super) fn summary(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 7;
    let mut fit = Fit::new(ws, &[6.0, 44.0, 11.0, 17.0, 15.0, 15.0, 17.0, 34.0])?;
    printable(ws, None)?;
    let n = &est.needs;
    let t = &est.totals.self_total;
    state_header(ws, 0, LAST, st)?;
    ws.set_row_height(4, 38)?;
    merged(ws, 4, 0, LAST, TITLE, &st.title)?;
    fit.span(
        ws,
        5,
        0,
        LAST,
        &format!(
            "(Theo {}, áp dụng từ ngày {})",
            catalog.name,
            date_vi(&catalog.effective)
        ),
        &st.subtitle,
    )?;
    fit.span(
        ws,
        6,
        0,
        LAST,
        &format!(
            "Tổng hợp {} đơn vị từ {} tệp khảo sát; năm tính thời gian sử dụng thiết bị: {}",
            n.ledger.units, n.ledger.files, n.as_of
        ),
        &st.subtitle,
    )?;
    text(ws, 8, LAST, "Đơn vị tính: đồng", &st.place)?;

    let mut r = 9;
    let all = [
        Some(t.amount),
        Some(t.vat),
        Some(t.contingency),
        Some(t.total),
    ];
    let by_block = group_rows(est, &est.totals.by_block, Block::label_vi, |u| u.unit.block);
    r = breakdown(
        ws,
        &mut fit,
        r,
        st,
        "I. DỰ TOÁN CỦA CHƯƠNG TRÌNH (ĐƠN VỊ TỰ MUA SẮM) THEO KHỐI",
        "Khối",
        &by_block,
        (n.units.len() as u64, all),
    )?;
    let by_level = group_rows(est, &est.totals.by_level, Level::label_vi, |u| u.unit.level);
    r = breakdown(
        ws,
        &mut fit,
        r,
        st,
        "II. DỰ TOÁN CỦA CHƯƠNG TRÌNH (ĐƠN VỊ TỰ MUA SẮM) THEO CẤP",
        "Cấp",
        &by_level,
        (n.units.len() as u64, all),
    )?;

    text(
        ws,
        r,
        0,
        "III. NHU CẦU THEO KÊNH MUA SẮM (ĐỂ KHÔNG MUA TRÙNG)",
        &st.heading,
    )?;
    r += 1;
    fit.header(
        ws,
        r,
        &[
            "STT",
            "Kênh mua sắm",
            "Số lượng",
            "Thành tiền",
            "Thuế GTGT",
            "Dự phòng",
            "Cộng",
            "Ghi chú",
        ],
        st,
    )?;
    r += 1;
    let (mut q, mut a, mut v, mut tt) = (0u64, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (i, ch) in est.totals.by_channel.iter().enumerate() {
        let unpriced: u64 = n
            .lines
            .iter()
            .zip(&est.costs)
            .filter(|(l, c)| *l.channel == *ch.channel && c.total.is_none())
            .fold(0u64, |s, (l, _)| s.saturating_add(l.quantity));
        let mut note = if ch.channel == SELF {
            "Thuộc dự toán này (dự phòng tính ở mục IV)".to_string()
        } else {
            "Không tính vào dự toán này; do kênh này trang bị".to_string()
        };
        if unpriced > 0 {
            note.push_str(&format!(
                "; {unpriced} thiết bị chưa có đơn giá, chưa tính tiền"
            ));
        }
        let label = catalog.channel_label(&ch.channel);
        let m = [Some(ch.amount), Some(ch.vat), None, Some(ch.total)];
        summary_row(
            ws,
            &mut fit,
            r,
            st,
            &(i + 1).to_string(),
            label,
            Some(ch.quantity),
            m,
            &note,
            false,
        )?;
        q = q.saturating_add(ch.quantity);
        (a, v, tt) = (plus(a, ch.amount), plus(v, ch.vat), plus(tt, ch.total));
        r += 1;
    }
    summary_row(
        ws,
        &mut fit,
        r,
        st,
        "",
        "Cộng các kênh",
        Some(q),
        [Some(a), Some(v), None, Some(tt)],
        "Chưa gồm dự phòng",
        true,
    )?;
    r += 2;

    text(ws, r, 0, "IV. TỔNG HỢP DỰ TOÁN KINH PHÍ", &st.heading)?;
    r += 1;
    fit.header(
        ws,
        r,
        &[
            "STT",
            "Nội dung",
            "Số lượng",
            "Thành tiền",
            "Thuế GTGT",
            "Dự phòng",
            "Cộng",
            "Ghi chú",
        ],
        st,
    )?;
    r += 1;
    let own = est.totals.by_channel.iter().find(|c| c.channel == SELF);
    let own_qty = own.map_or(0, |c| c.quantity);
    let own_total = own.map_or(plus(t.amount, t.vat), |c| c.total);
    summary_row(
        ws,
        &mut fit,
        r,
        st,
        "1",
        "Kinh phí mua sắm thiết bị, bản quyền phần mềm",
        Some(own_qty),
        [Some(t.amount), Some(t.vat), None, Some(own_total)],
        "Chi tiết theo đơn vị ở trang Chi tiết",
        false,
    )?;
    r += 1;
    summary_row(
        ws,
        &mut fit,
        r,
        st,
        "2",
        &format!("Dự phòng ({}%)", pct_vi(catalog.contingency_percent)),
        None,
        [None, None, Some(t.contingency), Some(t.contingency)],
        "Tính trên cộng thành tiền và thuế của từng đơn vị, làm tròn đến đồng",
        false,
    )?;
    r += 1;
    summary_row(ws, &mut fit, r, st, "", "TỔNG CỘNG", None, all, "", true)?;
    r += 1;
    in_words_row(ws, &mut fit, r, LAST, &est.totals.in_words, st)?;
    r += 2;

    fit.span(
        ws,
        r,
        0,
        LAST,
        &format!(
            "Ghi chú: Thành tiền = Số lượng × Đơn giá. Thuế GTGT chỉ tính thêm với đơn giá chưa gồm thuế ({}% \
             nếu bảng giá không ghi mức khác), làm tròn đến đồng; đơn giá đã gồm thuế thì thuế nằm trong thành tiền. \
             Dự phòng {}% tính cho từng đơn vị. Thiết bị do kênh khác trang bị (mục III) không tính vào dự toán này. \
             Chi tiết từng đơn vị ở trang Chi tiết; các khoản không đưa vào dự toán ở trang Loại trừ; lỗi số liệu ở \
             trang Lỗi dữ liệu; nguồn đơn giá và tệp khảo sát ở trang Nguồn.",
            pct_vi(catalog.vat_percent),
            pct_vi(catalog.contingency_percent)
        ),
        &st.note,
    )?;
    r += 2;
    approval_signatures(ws, r, [(0, 2), (3, 4), (5, LAST)], st)?;
    Ok(())
}
