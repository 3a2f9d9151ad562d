//! `ban-giao-<channel>.xlsx`: the hand-over list for a lead agency (SPEC §9). For every catalog
//! channel other than `self` (the City Police, the Digital Transformation Center, the central
//! buyer …), what that agency is expected to provide, unit by unit, so that nothing is bought
//! twice: sheet `Danh sách` (one row per need line of the channel with something to provide)
//! and sheet `Theo thiết bị` (the same summed per item).
//!
//! Prices and amounts here are *reference* figures: the catalog's price and the line's total
//! (VAT included, no contingency) as `needs.json` has them. They are not part of the program's
//! estimate, and the workbook says so. Nothing here rounds or multiplies money.

use super::kit::{blank, money, new_workbook, printable, text, Fit, RowFormats, Styles, LIST_ROWS};
use super::vi::unit_of_measure;
use super::{vi::date_vi, RunMeta};
use crate::catalog::{Basis, Catalog, Channel, SELF};
use crate::cost::money::plus;
use crate::cost::Estimate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::collections::BTreeMap;

/// The header of `Danh sách`, exactly as SPEC §9 names it.
pub const HEADERS: [&str; 11] = [
    "STT",
    "Mã đơn vị",
    "Tên đơn vị",
    "Khối",
    "Cấp",
    "Mã thiết bị",
    "Tên thiết bị",
    "Số lượng",
    "Đơn giá tham khảo",
    "Thành tiền tham khảo",
    "Ghi chú",
];

/// The header of `Theo thiết bị`.
const ITEM_HEADERS: [&str; 8] = [
    "STT",
    "Mã thiết bị",
    "Tên thiết bị",
    "ĐVT",
    "Số đơn vị",
    "Số lượng",
    "Đơn giá tham khảo",
    "Thành tiền tham khảo",
];

/// The file name of a channel's hand-over list. Channel ids are safe file-name parts: the
/// catalog check accepts only `[a-z][a-z0-9_-]*`.
pub fn file_name(channel: &str) -> String {
    format!("ban-giao-{channel}.xlsx")
}

/// The channels that get a hand-over list, in the catalog's order: every one but `self`.
pub fn channels(catalog: &Catalog) -> impl Iterator<Item = &Channel> {
    catalog.channels.iter().filter(|c| c.id != SELF)
}

/// One row of `Danh sách`: a need line of the channel with quantity > 0.
struct Row<'a> {
    line: usize,
    unit_name: &'a str,
}

/// The need lines of `channel` with something to provide, in `needs.json` order (unit, then
/// item code), with their units' names.
fn rows<'a>(est: &'a Estimate, channel: &str) -> Vec<Row<'a>> {
    let names: BTreeMap<&str, &str> = est
        .needs
        .units
        .iter()
        .map(|u| (u.unit.code.as_str(), u.unit.name.as_str()))
        .collect();
    est.needs
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| *l.channel == *channel && l.quantity > 0)
        .map(|(i, l)| Row {
            line: i,
            unit_name: names.get(&*l.unit).copied().unwrap_or(""),
        })
        .collect()
}

/// Cells of one channel's list (for scheduling the outputs).
pub fn bulk(est: &Estimate, channel: &str) -> usize {
    est.needs
        .lines
        .iter()
        .filter(|l| *l.channel == *channel && l.quantity > 0)
        .count()
        * HEADERS.len()
}

/// The workbook as bytes (tests, small runs); [`write`] streams it instead.
pub fn workbook(
    est: &Estimate,
    catalog: &Catalog,
    channel: &Channel,
    meta: &RunMeta,
) -> Result<Vec<u8>, XlsxError> {
    super::kit::in_memory(|b| write(b, est, catalog, channel, meta))
}

/// Build the hand-over list of `channel` and stream it (zipped) into `w`.
pub fn write<W: std::io::Write + Send>(
    w: W,
    est: &Estimate,
    catalog: &Catalog,
    channel: &Channel,
    meta: &RunMeta,
) -> Result<(), XlsxError> {
    let mut wb = new_workbook(
        meta.created,
        &format!("Danh sách bàn giao: {}", channel.label),
        catalog,
    )?;
    let st = Styles::new();
    st.register(&mut wb);
    let rows = rows(est, &channel.id);
    list(
        wb.add_worksheet_with_constant_memory()?
            .set_name("Danh sách")?,
        est,
        catalog,
        channel,
        &rows,
        &st,
    )?;
    by_item(
        wb.add_worksheet().set_name("Theo thiết bị")?,
        est,
        catalog,
        channel,
        &rows,
        &st,
    )?;
    wb.save_to_writer(w)
}

/// The title of both sheets: it names the channel.
fn title(channel: &Channel) -> String {
    format!("DANH SÁCH THIẾT BỊ BÀN GIAO CHO KÊNH: {}", channel.label)
}

/// The line under the title: the catalog, and `what` the list holds (or that it holds none).
fn subtitle(catalog: &Catalog, quantity: u64, what: String) -> String {
    let what = if quantity == 0 {
        "không có thiết bị nào do kênh này bảo đảm".to_string()
    } else {
        what
    };
    format!(
        "(Nhu cầu tổng hợp từ khảo sát theo {}, áp dụng từ ngày {}: {what})",
        catalog.name,
        date_vi(&catalog.effective)
    )
}

/// The note under the table: what the reference figures are, and what they are not.
fn reference_note(unpriced: u64) -> String {
    let mut s = "Ghi chú: Đơn giá tham khảo và thành tiền tham khảo (gồm thuế GTGT, chưa gồm dự \
                 phòng) lấy theo bảng giá của danh mục, chỉ để kênh trang bị tham khảo; các khoản \
                 này không thuộc dự toán kinh phí của chương trình."
        .to_string();
    if unpriced > 0 {
        s.push_str(&format!(
            " Có {unpriced} thiết bị chưa có đơn giá tham khảo (ô để trống)."
        ));
    }
    s
}

/// Sheet 1, `Danh sách`.
fn list(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    channel: &Channel,
    rows: &[Row<'_>],
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 10;
    let mut fit = Fit::new(
        ws,
        &[
            6.0, 19.0, 32.0, 17.0, 22.0, 14.0, 30.0, 9.0, 14.0, 16.0, 14.0,
        ],
    )?;
    let n = &est.needs;
    let quantity = rows
        .iter()
        .fold(0u64, |s, r| s.saturating_add(n.lines[r.line].quantity));
    let units = {
        let mut u: Vec<&str> = rows.iter().map(|r| &*n.lines[r.line].unit).collect();
        u.dedup();
        u.len()
    };
    ws.set_row_height(0, 38)?;
    let what = format!("{quantity} thiết bị cho {units} đơn vị");
    fit.titles(
        ws,
        LAST,
        &title(channel),
        &subtitle(catalog, quantity, what),
        st,
    )?;
    text(ws, 2, LAST, "Đơn vị tính: đồng", &st.place)?;
    fit.header(ws, 3, &HEADERS, st)?;
    ws.set_freeze_panes(4, 0)?;
    printable(ws, Some((3, 3)))?;
    let mut p = RowFormats::new();
    let mut r = 4u32;
    let mut amount = Decimal::ZERO;
    let mut priced = false;
    let mut unpriced = 0u64;
    for (k, row) in rows.iter().enumerate() {
        let l = &n.lines[row.line];
        let c = &est.costs[row.line];
        let item = &catalog.items[l.item];
        if r >= LIST_ROWS {
            fit.span(
                ws,
                r,
                0,
                LAST,
                &format!("… còn {} dòng, xem needs.json", rows.len() - k),
                &st.note,
            )?;
            r += 1;
            break;
        }
        p.begin(r);
        fit.text_in(ws, &mut p, 0, &(k + 1).to_string(), &st.cell_c)?;
        fit.text_in(ws, &mut p, 1, &l.unit, &st.cell)?;
        fit.text_in(ws, &mut p, 2, row.unit_name, &st.cell)?;
        fit.text_in(ws, &mut p, 3, l.block.label_vi(), &st.cell)?;
        fit.text_in(ws, &mut p, 4, l.level.label_vi(), &st.cell)?;
        fit.text_in(ws, &mut p, 5, &l.item_code, &st.cell)?;
        fit.text_in(ws, &mut p, 6, &item.name, &st.cell)?;
        p.count(ws, 7, l.quantity, &st.qty)?;
        p.money(ws, 8, c.unit_price.map(Decimal::from), &st.amount)?;
        p.money(ws, 9, c.total, &st.amount)?;
        let note = if item.basis == Basis::Site {
            &*l.site
        } else {
            ""
        };
        fit.text_in(ws, &mut p, 10, note, &st.cell)?;
        p.end(ws)?;
        match c.total {
            Some(t) => {
                amount = plus(amount, t);
                priced = true;
            }
            None => unpriced = unpriced.saturating_add(l.quantity),
        }
        r += 1;
    }
    total_row(
        ws,
        &mut fit,
        r,
        (LAST, 7, 9),
        quantity,
        priced.then_some(amount),
        st,
    )?;
    r += 1;
    if rows.is_empty() {
        fit.span(
            ws,
            r,
            0,
            LAST,
            "Không có thiết bị nào do kênh này bảo đảm.",
            &st.note,
        )?;
        r += 1;
    }
    fit.span(ws, r + 1, 0, LAST, &reference_note(unpriced), &st.note)
}

/// The total row: `Tổng cộng` over the code columns' left, the quantity in column `qty_col`,
/// the reference amount (when any line is priced) in `amount_col`, bordered blanks elsewhere.
fn total_row(
    ws: &mut Worksheet,
    fit: &mut Fit,
    r: u32,
    (last, qty_col, amount_col): (u16, u16, u16),
    quantity: u64,
    amount: Option<Decimal>,
    st: &Styles,
) -> Result<(), XlsxError> {
    for c in 0..=last {
        match c {
            0 => blank(ws, r, c, &st.cell)?,
            2 => fit.text(ws, r, c, "Tổng cộng", &st.cell_b)?,
            c if c == qty_col => super::kit::count(ws, r, c, quantity, &st.qty_b)?,
            c if c == amount_col => money(ws, r, c, amount, &st.amount_b)?,
            _ => blank(ws, r, c, &st.cell)?,
        }
    }
    Ok(())
}

/// Per item of the channel: units, quantity, reference price and amount.
#[derive(Default)]
struct ItemSum {
    units: u64,
    quantity: u64,
    amount: Option<Decimal>,
    unit_price: Option<u64>,
}

/// Sheet 2, `Theo thiết bị`: the list summed per item, by item code.
fn by_item(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    channel: &Channel,
    rows: &[Row<'_>],
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 7;
    let mut fit = Fit::new(ws, &[6.0, 16.0, 40.0, 10.0, 11.0, 11.0, 18.0, 20.0])?;
    let n = &est.needs;
    let mut sums: BTreeMap<&str, (usize, ItemSum)> = BTreeMap::new();
    for row in rows {
        let l = &n.lines[row.line];
        let c = &est.costs[row.line];
        let (_, s) = sums
            .entry(&l.item_code)
            .or_insert_with(|| (l.item, ItemSum::default()));
        s.units = s.units.saturating_add(1);
        s.quantity = s.quantity.saturating_add(l.quantity);
        s.unit_price = c.unit_price;
        if let Some(t) = c.total {
            s.amount = Some(plus(s.amount.unwrap_or(Decimal::ZERO), t));
        }
    }
    let quantity = sums
        .values()
        .fold(0u64, |a, (_, s)| a.saturating_add(s.quantity));
    ws.set_row_height(0, 38)?;
    fit.titles(
        ws,
        LAST,
        &title(channel),
        &subtitle(
            catalog,
            quantity,
            format!("{quantity} thiết bị thuộc {} loại", sums.len()),
        ),
        st,
    )?;
    text(ws, 2, LAST, "Đơn vị tính: đồng", &st.place)?;
    fit.header(ws, 3, &ITEM_HEADERS, st)?;
    ws.set_freeze_panes(4, 0)?;
    printable(ws, Some((3, 3)))?;
    let mut r = 4u32;
    let mut amount: Option<Decimal> = None;
    for (k, (code, (item, s))) in sums.iter().enumerate() {
        let it = &catalog.items[*item];
        fit.text(ws, r, 0, &(k + 1).to_string(), &st.cell_c)?;
        fit.text(ws, r, 1, code, &st.cell)?;
        fit.text(ws, r, 2, &it.name, &st.cell)?;
        fit.text(ws, r, 3, unit_of_measure(it), &st.cell_c)?;
        super::kit::count(ws, r, 4, s.units, &st.qty)?;
        super::kit::count(ws, r, 5, s.quantity, &st.qty)?;
        money(ws, r, 6, s.unit_price.map(Decimal::from), &st.amount)?;
        money(ws, r, 7, s.amount, &st.amount)?;
        if let Some(a) = s.amount {
            amount = Some(plus(amount.unwrap_or(Decimal::ZERO), a));
        }
        r += 1;
    }
    total_row(ws, &mut fit, r, (LAST, 5, 7), quantity, amount, st)?;
    let unpriced = sums
        .values()
        .filter(|(_, s)| s.amount.is_none())
        .fold(0u64, |a, (_, s)| a.saturating_add(s.quantity));
    fit.span(ws, r + 2, 0, LAST, &reference_note(unpriced), &st.note)
}
