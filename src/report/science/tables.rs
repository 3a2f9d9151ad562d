//! `Theo thiết bị` and `Theo khối, cấp` (S&T workbook, SPEC §4–§5 figures): per item its standard configuration, norm, what exists,
//! what is missing and what it costs over every channel; the same by block and level.

use super::sums::{channels_text, Agg, ByBlock};
use super::*;

/// Sheet 1, `Theo thiết bị`.
pub(super) fn by_item(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    items: &[Agg],
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 17;
    let mut fit = Fit::new(
        ws,
        &[
            5.0, 14.0, 26.0, 18.0, 24.0, 13.0, 8.0, 8.0, 9.0, 10.0, 10.0, 10.0, 10.0, 10.0, 13.0,
            16.0, 16.0, 32.0,
        ],
    )?;
    ws.set_row_height(0, 30)?;
    fit.titles(ws, LAST, "KHÁI TOÁN TRANG THIẾT BỊ CÔNG NGHỆ THÔNG TIN THEO DANH MỤC CẤU HÌNH TIÊU CHUẨN", &format!(
            "(Theo {}; năm tính thời gian sử dụng: {}; khái toán = số lượng cần mua × đơn giá, cộng thuế GTGT khi đơn giá ghi chưa gồm thuế, chưa gồm dự phòng; đơn vị tính tiền: đồng)",
            catalog.name, est.needs.as_of
        ), st)?;
    let heads = [
        "STT",
        "Mã",
        "Tên thiết bị",
        "Nhóm",
        "Cấu hình tiêu chuẩn tối thiểu",
        "Định mức",
        "Tối thiểu",
        "Tối đa",
        "Thời gian sử dụng (năm)",
        "Nhu cầu theo định mức",
        "Hiện có đạt chuẩn",
        "Hiện có không đạt chuẩn",
        "Còn thiếu",
        "Số lượng cần mua",
        "Đơn giá (như bảng giá ghi)",
        "Khái toán (mọi kênh)",
        "Trong đó: đơn vị tự mua sắm",
        "Kênh mua sắm (số lượng)",
    ];
    fit.header(ws, 3, &heads, st)?;
    ws.set_freeze_panes(4, 3)?;
    printable(ws, Some((3, 3)))?;
    let mut r = 4u32;
    let mut total = Agg::default();
    for (i, (item, a)) in catalog.items.iter().zip(items).enumerate() {
        fit.text(ws, r, 0, &(i + 1).to_string(), &st.cell_c)?;
        fit.text(ws, r, 1, &item.code, &st.cell)?;
        fit.text(ws, r, 2, &item.name, &st.cell)?;
        fit.text(ws, r, 3, &group_vi(&item.group), &st.cell)?;
        fit.text(ws, r, 4, &config_vi(item), &st.cell)?;
        fit.text(ws, r, 5, &norm_vi(item), &st.cell_c)?;
        match item.norm_min {
            0 => blank(ws, r, 6, &st.qty)?,
            m => count(ws, r, 6, m, &st.qty)?,
        }
        match item.norm_max {
            Some(m) => count(ws, r, 7, m, &st.qty)?,
            None => blank(ws, r, 7, &st.qty)?,
        }
        match item.useful_life_years {
            Some(y) => count(ws, r, 8, y as u64, &st.qty)?,
            None => blank(ws, r, 8, &st.qty)?,
        }
        count(ws, r, 9, a.required, &st.qty)?;
        count(ws, r, 10, a.usable, &st.qty)?;
        count(ws, r, 11, a.unusable, &st.qty)?;
        count(ws, r, 12, a.gap, &st.qty)?;
        count(ws, r, 13, a.quantity, &st.qty)?;
        let price = catalog.prices[i].as_ref();
        money(
            ws,
            r,
            14,
            price.map(|p| Decimal::from(p.unit_price)),
            &st.amount,
        )?;
        // An item without a price has no cost to show (not a cost of zero).
        money(ws, r, 15, price.map(|_| a.cost), &st.amount)?;
        money(ws, r, 16, price.map(|_| a.cost_self), &st.amount)?;
        let mut channels = channels_text(a, catalog);
        if price.is_none() && a.quantity > 0 {
            channels.push_str("\n(chưa có đơn giá)");
        }
        fit.text(ws, r, 17, &channels, &st.cell)?;
        total.merge(a);
        r += 1;
    }
    blank(ws, r, 0, &st.cell)?;
    fit.span(ws, r, 1, 8, "Tổng cộng", &st.cell_bc)?;
    count(ws, r, 9, total.required, &st.qty_b)?;
    count(ws, r, 10, total.usable, &st.qty_b)?;
    count(ws, r, 11, total.unusable, &st.qty_b)?;
    count(ws, r, 12, total.gap, &st.qty_b)?;
    count(ws, r, 13, total.quantity, &st.qty_b)?;
    blank(ws, r, 14, &st.cell)?;
    money(ws, r, 15, Some(total.cost), &st.amount_b)?;
    money(ws, r, 16, Some(total.cost_self), &st.amount_b)?;
    blank(ws, r, 17, &st.cell)?;
    r += 2;
    let t = &est.totals.self_total;
    fit.span(
        ws,
        r,
        0,
        LAST,
        &format!(
            "Ghi chú: Giá không có ở bảng giá thì chưa tính tiền. Dự toán của chương trình (phần đơn vị tự mua sắm, gồm \
             dự phòng {}%) là {} đồng — chi tiết ở tệp du-toan-tai-chinh.xlsx. Thiết bị do kênh khác trang bị được nêu \
             để các cơ quan phối hợp, không mua trùng.",
            pct_vi(catalog.contingency_percent),
            vnd::format_vnd(t.total)
        ),
        &st.note,
    )?;
    Ok(())
}

/// Sheet 2, `Theo khối, cấp`: a summary by block and level, then quantities per item by
/// block and level.
pub(super) fn by_block_level(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    by: &ByBlock,
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 9;
    let mut fit = Fit::new(
        ws,
        &[6.0, 27.0, 30.0, 13.0, 13.0, 13.0, 16.0, 16.0, 17.0, 12.0],
    )?;
    printable(ws, None)?;
    fit.titles(
        ws,
        LAST,
        "SỐ LƯỢNG VÀ KHÁI TOÁN THEO KHỐI, CẤP",
        "(Đơn vị tính tiền: đồng; khái toán gồm thuế GTGT, chưa gồm dự phòng)",
        st,
    )?;
    let mut r = 3u32;
    text(ws, r, 0, "I. TỔNG HỢP THEO KHỐI, CẤP", &st.heading)?;
    r += 1;
    let heads = [
        "STT",
        "Khối",
        "Cấp",
        "Số đơn vị",
        "Số lượng cần mua (mọi kênh)",
        "Trong đó: đơn vị tự mua sắm",
        "Khái toán (mọi kênh)",
        "Trong đó: đơn vị tự mua sắm",
        "Dự toán tự mua sắm (gồm dự phòng)",
    ];
    fit.header(ws, r, &heads, st)?;
    ws.set_freeze_panes(r + 1, 0)?;
    r += 1;
    let units = |b: Block, lv: Option<Level>| -> (u64, Decimal) {
        let mut n = 0u64;
        let mut t = Decimal::ZERO;
        for (u, ut) in est.needs.units.iter().zip(&est.unit_totals) {
            if u.unit.block == b && lv.is_none_or(|l| l == u.unit.level) {
                n += 1;
                t = plus(t, ut.total);
            }
        }
        (n, t)
    };
    let row = |ws: &mut Worksheet,
               fit: &mut Fit,
               r: u32,
               stt: &str,
               b: &str,
               l: &str,
               n: u64,
               a: &Agg,
               total: Decimal,
               bold: bool| {
        let (tf, qf, mf) = if bold {
            (&st.cell_b, &st.qty_b, &st.amount_b)
        } else {
            (&st.cell, &st.qty, &st.amount)
        };
        fit.text(ws, r, 0, stt, if bold { &st.cell_bc } else { &st.cell_c })?;
        fit.text(ws, r, 1, b, tf)?;
        fit.text(ws, r, 2, l, tf)?;
        count(ws, r, 3, n, qf)?;
        count(ws, r, 4, a.quantity, qf)?;
        count(ws, r, 5, a.quantity_self, qf)?;
        money(ws, r, 6, Some(a.cost), mf)?;
        money(ws, r, 7, Some(a.cost_self), mf)?;
        money(ws, r, 8, Some(total), mf)
    };
    let mut all = Agg::default();
    for (bi, (b, block_total)) in est.totals.by_block.iter().enumerate() {
        let a = by.get(*b, None);
        let (n, _) = units(*b, None);
        row(
            ws,
            &mut fit,
            r,
            &roman(bi + 1),
            b.label_vi(),
            "",
            n,
            &a,
            *block_total,
            true,
        )?;
        all.merge(&a);
        r += 1;
        for (li, lv) in Level::ALL.iter().enumerate() {
            let a = by.get(*b, Some(*lv));
            let (n, t) = units(*b, Some(*lv));
            row(
                ws,
                &mut fit,
                r,
                &(li + 1).to_string(),
                "",
                lv.label_vi(),
                n,
                &a,
                t,
                false,
            )?;
            r += 1;
        }
    }
    for (lv, level_total) in &est.totals.by_level {
        let mut a = Agg::default();
        let mut n = 0u64;
        for b in Block::ALL {
            a.merge(&by.get(b, Some(*lv)));
            n += units(b, Some(*lv)).0;
        }
        row(
            ws,
            &mut fit,
            r,
            "",
            "Cộng theo cấp",
            lv.label_vi(),
            n,
            &a,
            *level_total,
            false,
        )?;
        r += 1;
    }
    let n_all = est.needs.units.len() as u64;
    row(
        ws,
        &mut fit,
        r,
        "",
        "Tổng cộng",
        "",
        n_all,
        &all,
        est.totals.self_total.total,
        true,
    )?;
    r += 3;

    text(
        ws,
        r,
        0,
        "II. SỐ LƯỢNG CẦN MUA THEO THIẾT BỊ, KHỐI VÀ CẤP (MỌI KÊNH)",
        &st.heading,
    )?;
    r += 1;
    let h = r;
    for (c, s) in [(0u16, "STT"), (1, "Mã"), (2, "Thiết bị"), (9, "Cộng")] {
        ws.merge_range(h, c, h + 1, c, s, &st.head)?;
    }
    for (bi, b) in Block::ALL.iter().enumerate() {
        let c = 3 + 2 * bi as u16;
        ws.merge_range(h, c, h, c + 1, b.label_vi(), &st.head)?;
        for (li, lv) in Level::ALL.iter().enumerate() {
            fit.text(ws, h + 1, c + li as u16, lv.label_vi(), &st.head)?;
        }
    }
    r += 2;
    // Quantity per item and (block, level), in one pass over the lines.
    let cell_of = |b: Block, lv: Level| -> usize {
        let bi = Block::ALL.iter().position(|x| *x == b).unwrap_or(0);
        let li = Level::ALL.iter().position(|x| *x == lv).unwrap_or(0);
        2 * bi + li
    };
    let mut matrix = vec![[0u64; 6]; catalog.items.len()];
    for l in &est.needs.lines {
        if let Some(row) = matrix.get_mut(l.item) {
            let k = cell_of(l.block, l.level);
            row[k] = row[k].saturating_add(l.quantity);
        }
    }
    let mut col_totals = [0u64; 7];
    for (ii, item) in catalog.items.iter().enumerate() {
        fit.text(ws, r, 0, &(ii + 1).to_string(), &st.cell_c)?;
        fit.text(ws, r, 1, &item.code, &st.cell)?;
        fit.text(ws, r, 2, &item.name, &st.cell)?;
        let mut sum = 0u64;
        for (k, &q) in matrix[ii].iter().enumerate() {
            count(ws, r, 3 + k as u16, q, &st.qty)?;
            col_totals[k] = col_totals[k].saturating_add(q);
            sum = sum.saturating_add(q);
        }
        count(ws, r, 9, sum, &st.qty_b)?;
        col_totals[6] = col_totals[6].saturating_add(sum);
        r += 1;
    }
    blank(ws, r, 0, &st.cell)?;
    fit.span(ws, r, 1, 2, "Cộng", &st.cell_bc)?;
    for (k, q) in col_totals.iter().enumerate() {
        count(ws, r, 3 + k as u16, *q, &st.qty_b)?;
    }
    Ok(())
}
