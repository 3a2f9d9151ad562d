//! `khai-toan-khcn.xlsx`: quantities and preliminary cost (khái toán) for the Department of
//! Science & Technology, which owns the standard configurations.
//!
//! Four sheets: `Theo thiết bị` (per catalog item: standard configuration, norm, what exists,
//! what is missing, what to buy and what it costs over every channel), `Theo khối, cấp`
//! (the same by block and level), `Thiết bị không đạt chuẩn` (every counted row that is not
//! usable, with its reasons in Vietnamese) and `Biểu đồ` (native column charts of cost by item
//! group and by block, fed from small tables on the sheet).
//!
//! Costs here are line totals (VAT included, no contingency) summed over all channels, with
//! the program's own (`self`) part beside them; the contingency-inclusive estimate is
//! Finance's workbook. Sums are exact decimals of figures the estimate computed.

use super::kit::{
    blank, count, money, new_workbook, plain, plain_count, plain_wrap, printable, text, Fit,
    Styles, LIST_ROWS,
};
use super::vi::{assumed_vi, capitalise, config_vi, group_vi, norm_vi, pct_vi, reason_vi, roman};
use super::RunMeta;
use crate::catalog::{Block, Catalog, Level, SELF};
use crate::cost::money::plus;
use crate::cost::{money as vnd, Estimate};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartType, Worksheet, XlsxError};

const CHART_SHEET: &str = "Biểu đồ";

/// The workbook as bytes (tests, small runs); [`write`] streams it instead.
pub fn workbook(est: &Estimate, catalog: &Catalog, meta: &RunMeta) -> Result<Vec<u8>, XlsxError> {
    super::kit::in_memory(|b| write(b, est, catalog, meta))
}

/// Build the workbook and stream it (zipped) into `w`, without holding the whole file.
pub fn write<W: std::io::Write + Send>(
    w: W,
    est: &Estimate,
    catalog: &Catalog,
    meta: &RunMeta,
) -> Result<(), XlsxError> {
    let mut wb = new_workbook(meta.created, "Khái toán trang thiết bị CNTT", catalog)?;
    let st = Styles::new();
    let items = per_item(est, catalog);
    let by = ByBlock::new(est, catalog);
    by_item(
        wb.add_worksheet().set_name("Theo thiết bị")?,
        est,
        catalog,
        &items,
        &st,
    )?;
    by_block_level(
        wb.add_worksheet().set_name("Theo khối, cấp")?,
        est,
        catalog,
        &by,
        &st,
    )?;
    not_usable(
        wb.add_worksheet_with_constant_memory()?
            .set_name("Thiết bị không đạt chuẩn")?,
        est,
        catalog,
        &st,
    )?;
    charts(
        wb.add_worksheet().set_name(CHART_SHEET)?,
        est,
        catalog,
        &items,
        &by,
        &st,
    )?;
    wb.save_to_writer(w)
}

/// Cells of the failing-equipment list, the workbook's bulk (for scheduling the outputs).
pub fn bulk(est: &Estimate) -> usize {
    let rows = est.needs.assessments.iter().filter(|a| !a.usable()).count();
    rows.min(LIST_ROWS as usize) * 11
}

/// Sums over the need lines of one item (or one block, level).
#[derive(Debug, Clone, Default)]
struct Agg {
    required: u64,
    usable: u64,
    unusable: u64,
    gap: u64,
    quantity: u64,
    quantity_self: u64,
    /// Σ line totals over every channel (priced lines).
    cost: Decimal,
    /// Σ line totals of `self` lines.
    cost_self: Decimal,
    /// Quantity per catalog channel, in `[channels]` order.
    per_channel: Vec<u64>,
}

impl Agg {
    fn add(&mut self, l: &crate::needs::NeedLine, total: Option<Decimal>, catalog: &Catalog) {
        self.required = self.required.saturating_add(l.required);
        self.usable = self.usable.saturating_add(l.usable);
        self.unusable = self.unusable.saturating_add(l.unusable);
        self.gap = self.gap.saturating_add(l.gap);
        self.quantity = self.quantity.saturating_add(l.quantity);
        let own = &*l.channel == SELF;
        if own {
            self.quantity_self = self.quantity_self.saturating_add(l.quantity);
        }
        if let Some(t) = total {
            self.cost = plus(self.cost, t);
            if own {
                self.cost_self = plus(self.cost_self, t);
            }
        }
        if self.per_channel.len() != catalog.channels.len() {
            self.per_channel = vec![0; catalog.channels.len()];
        }
        if let Some(i) = catalog.channels.iter().position(|c| *c.id == *l.channel) {
            self.per_channel[i] = self.per_channel[i].saturating_add(l.quantity);
        }
    }

    fn merge(&mut self, o: &Agg) {
        self.required = self.required.saturating_add(o.required);
        self.usable = self.usable.saturating_add(o.usable);
        self.unusable = self.unusable.saturating_add(o.unusable);
        self.gap = self.gap.saturating_add(o.gap);
        self.quantity = self.quantity.saturating_add(o.quantity);
        self.quantity_self = self.quantity_self.saturating_add(o.quantity_self);
        self.cost = plus(self.cost, o.cost);
        self.cost_self = plus(self.cost_self, o.cost_self);
    }
}

/// One aggregate per catalog item, in catalog order.
fn per_item(est: &Estimate, catalog: &Catalog) -> Vec<Agg> {
    let mut v = vec![Agg::default(); catalog.items.len()];
    for (l, c) in est.needs.lines.iter().zip(&est.costs) {
        if let Some(a) = v.get_mut(l.item) {
            a.add(l, c.total, catalog);
        }
    }
    v
}

/// The aggregate of the lines whose owner is in `block` (and `level`, when given).
/// Sums by block and by block and level, in one pass over the lines (a national run has a
/// million of them).
struct ByBlock {
    block: Vec<Agg>,
    level: Vec<Agg>,
}

impl ByBlock {
    fn new(est: &Estimate, catalog: &Catalog) -> ByBlock {
        let nl = Level::ALL.len();
        let mut by = ByBlock {
            block: vec![Agg::default(); Block::ALL.len()],
            level: vec![Agg::default(); Block::ALL.len() * nl],
        };
        for (l, c) in est.needs.lines.iter().zip(&est.costs) {
            let Some(b) = Block::ALL.iter().position(|&b| b == l.block) else {
                continue;
            };
            by.block[b].add(l, c.total, catalog);
            if let Some(lv) = Level::ALL.iter().position(|&lv| lv == l.level) {
                by.level[b * nl + lv].add(l, c.total, catalog);
            }
        }
        by
    }

    /// The sums of `block`, or of `block` at `level`.
    fn get(&self, block: Block, level: Option<Level>) -> Agg {
        let b = Block::ALL.iter().position(|&x| x == block);
        let found = match (b, level) {
            (Some(b), None) => self.block.get(b),
            (Some(b), Some(level)) => Level::ALL
                .iter()
                .position(|&x| x == level)
                .and_then(|lv| self.level.get(b * Level::ALL.len() + lv)),
            (None, _) => None,
        };
        found.cloned().unwrap_or_default()
    }
}

/// `Đơn vị tự mua sắm: 12; Công an Thành phố trang bị: 3` (channels with something to buy).
fn channels_text(a: &Agg, catalog: &Catalog) -> String {
    let parts: Vec<String> = catalog
        .channels
        .iter()
        .zip(&a.per_channel)
        .filter(|(_, &q)| q > 0)
        .map(|(c, q)| format!("{}: {q}", c.label))
        .collect();
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join("\n")
    }
}

/// Sheet 1, `Theo thiết bị`.
fn by_item(
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
fn by_block_level(
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
fn not_usable(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 10;
    const WIDTHS: [f64; 11] = [
        6.0, 16.0, 24.0, 14.0, 7.0, 14.0, 26.0, 24.0, 9.0, 40.0, 22.0,
    ];
    let mut fit = Fit::new(ws, &WIDTHS)?;
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
    let rows = || est.needs.assessments.iter().filter(|a| !a.usable());
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
        plain(ws, r, 1, &src.unit.code)?;
        plain(ws, r, 2, &src.file)?;
        plain(ws, r, 3, src.sheet.as_deref().unwrap_or(""))?;
        plain_count(ws, r, 4, a.row as u64)?;
        plain(ws, r, 5, &item.code)?;
        plain(ws, r, 6, &a.name)?;
        plain(ws, r, 7, &a.config)?;
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
        plain_wrap(ws, r, 9, why, WIDTHS[9], st)?;
        plain_wrap(ws, r, 10, unchecked, WIDTHS[10], st)?;
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

/// Sheet 4, `Biểu đồ`: cost by item group and by block, as tables and native column charts.
fn charts(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    items: &[Agg],
    by: &ByBlock,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut fit = Fit::new(ws, &[30.0, 18.0, 18.0])?;
    printable(ws, None)?;
    // Groups in order of first appearance in the catalog.
    let mut groups: Vec<(&str, Agg)> = Vec::new();
    for (item, a) in catalog.items.iter().zip(items) {
        match groups.iter_mut().find(|(g, _)| *g == item.group) {
            Some((_, g)) => g.merge(a),
            None => {
                let mut g = Agg::default();
                g.merge(a);
                groups.push((item.group.as_str(), g));
            }
        }
    }
    text(
        ws,
        0,
        0,
        "1. Khái toán theo nhóm thiết bị (đồng)",
        &st.heading,
    )?;
    fit.header(
        ws,
        1,
        &[
            "Nhóm thiết bị",
            "Khái toán (mọi kênh)",
            "Trong đó: đơn vị tự mua sắm",
        ],
        st,
    )?;
    let first = 2u32;
    let mut r = first;
    for (g, a) in &groups {
        fit.text(ws, r, 0, &group_vi(g), &st.cell)?;
        money(ws, r, 1, Some(a.cost), &st.amount)?;
        money(ws, r, 2, Some(a.cost_self), &st.amount)?;
        r += 1;
    }
    if r > first {
        let mut chart = Chart::new(ChartType::Column);
        chart.title().set_name("Khái toán theo nhóm thiết bị");
        for col in 1..=2u16 {
            chart
                .add_series()
                .set_name((CHART_SHEET, 1, col))
                .set_categories((CHART_SHEET, first, 0, r - 1, 0))
                .set_values((CHART_SHEET, first, col, r - 1, col));
        }
        chart.y_axis().set_num_format("#,##0").set_name("đồng");
        chart.set_width(720).set_height(320);
        ws.insert_chart(1, 4, &chart)?;
    }

    let top = r.max(first) + 2;
    text(ws, top, 0, "2. Khái toán theo khối (đồng)", &st.heading)?;
    fit.header(
        ws,
        top + 1,
        &[
            "Khối",
            "Khái toán mọi kênh (chưa gồm dự phòng)",
            "Dự toán tự mua sắm (gồm dự phòng)",
        ],
        st,
    )?;
    let bfirst = top + 2;
    let mut r = bfirst;
    for (b, total) in &est.totals.by_block {
        let a = by.get(*b, None);
        fit.text(ws, r, 0, b.label_vi(), &st.cell)?;
        money(ws, r, 1, Some(a.cost), &st.amount)?;
        money(ws, r, 2, Some(*total), &st.amount)?;
        r += 1;
    }
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name("Khái toán theo khối");
    for col in 1..=2u16 {
        chart
            .add_series()
            .set_name((CHART_SHEET, top + 1, col))
            .set_categories((CHART_SHEET, bfirst, 0, r - 1, 0))
            .set_values((CHART_SHEET, bfirst, col, r - 1, col));
    }
    chart.y_axis().set_num_format("#,##0").set_name("đồng");
    chart.set_width(720).set_height(320);
    ws.insert_chart(top.max(19), 4, &chart)?;
    Ok(())
}
