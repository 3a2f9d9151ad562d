//! `du-toan-tai-chinh.xlsx`: the estimate for the Department of Finance (dự toán kinh phí).
//!
//! Five sheets: `Tổng hợp` (summary with the document header and the grand total in words),
//! `Chi tiết` (the official table STT | Nội dung | ĐVT | Số lượng | Đơn giá | Thành tiền |
//! Thuế GTGT | Cộng | Ghi chú, one Roman-numbered section per unit), `Loại trừ` (what is not in
//! the estimate, and why), `Lỗi dữ liệu` (every diagnostic) and `Nguồn` (catalog, prices and
//! the SHA-256 of every input file).
//!
//! Every amount printed is a figure of the estimate (a line's cost, `unit_totals`, `totals`) or
//! a sum of such figures taken the way the estimate takes it, so each table adds up on paper
//! and agrees with `needs.json` to the đồng. Nothing here rounds or multiplies money.

use super::kit::{
    approval_signatures, blank, count, in_words_row, merged, money, new_workbook, plain,
    plain_count, plain_wrap, printable, state_header, text, Fit, RowFormats, Styles, LAST_ROW,
    LIST_ROWS,
};
use super::vi::{capitalise, date_vi, outcome_vi, pct_vi, roman, severity_vi, unit_of_measure};
use super::RunMeta;
use crate::catalog::{Basis, Block, Catalog, Level, SELF};
use crate::cost::money::plus;
use crate::cost::Estimate;
use crate::diag::Lang;
use crate::needs::{NeedLine, Outcome};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// The document title (tên văn bản).
pub const TITLE: &str = "DỰ TOÁN KINH PHÍ TRANG BỊ HẠ TẦNG MẠNG VÀ THIẾT BỊ ĐẦU CUỐI";

/// The headers of the detail table; the first seven are the official estimate form.
pub const DETAIL_HEADERS: [&str; 9] = [
    "STT",
    "Nội dung",
    "ĐVT",
    "Số lượng",
    "Đơn giá",
    "Thành tiền",
    "Thuế GTGT",
    "Cộng",
    "Ghi chú",
];

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
    let p = Pieces::new(est, catalog, meta)?;
    let (a, b) = rayon::join(|| p.detail(), || p.rest());
    a?;
    b?;
    p.save(w)
}

/// Cells of the detail table, the workbook's bulk (for scheduling the outputs).
pub fn bulk(est: &Estimate) -> usize {
    let lines = est
        .needs
        .lines
        .iter()
        .filter(|l| &*l.channel == SELF && l.quantity > 0)
        .count();
    (lines + 3 * est.needs.units.len()) * 9
}

/// The workbook in the pieces that can be built at once on different threads: the detail
/// table (most of the work at national scale), the other sheets, and the save, which waits
/// for both. Formats are registered first, so the bytes do not depend on which piece runs
/// first or where.
pub struct Pieces<'a> {
    est: &'a Estimate,
    catalog: &'a Catalog,
    meta: &'a RunMeta,
    st: Styles,
    wb: Mutex<Option<Workbook>>,
    /// `Chi tiết`, then `Loại trừ`, `Lỗi dữ liệu` and `Nguồn`: filled on their own, added
    /// after `Tổng hợp` in this order when the workbook is saved.
    detail: Mutex<Option<Worksheet>>,
    rest: Mutex<Option<[Worksheet; 3]>>,
    /// Pieces still to fill, and whether one failed.
    left: AtomicUsize,
    failed: AtomicBool,
}

impl<'a> Pieces<'a> {
    /// The workbook with its summary sheet, and the sheets the pieces fill.
    pub fn new(
        est: &'a Estimate,
        catalog: &'a Catalog,
        meta: &'a RunMeta,
    ) -> Result<Pieces<'a>, XlsxError> {
        let mut wb = new_workbook(
            meta.created,
            "Dự toán kinh phí trang bị hạ tầng mạng và thiết bị đầu cuối",
            catalog,
        )?;
        let st = Styles::new();
        st.register(&mut wb);
        summary(wb.add_worksheet().set_name("Tổng hợp")?, est, catalog, &st)?;
        let detail = super::kit::standalone_sheet(&mut wb, "Chi tiết")?;
        let rest = [
            super::kit::standalone_sheet(&mut wb, "Loại trừ")?,
            super::kit::standalone_sheet(&mut wb, "Lỗi dữ liệu")?,
            super::kit::standalone_sheet(&mut wb, "Nguồn")?,
        ];
        Ok(Pieces {
            est,
            catalog,
            meta,
            st,
            wb: Mutex::new(Some(wb)),
            detail: Mutex::new(Some(detail)),
            rest: Mutex::new(Some(rest)),
            left: AtomicUsize::new(2),
            failed: AtomicBool::new(false),
        })
    }

    /// Fill the detail table. `Ok(true)`: every piece is filled, the workbook can be saved.
    pub fn detail(&self) -> Result<bool, XlsxError> {
        let r = match lock(&self.detail).as_mut() {
            Some(ws) => detail(ws, self.est, self.catalog, &self.st),
            None => Ok(()),
        };
        self.filled(r)
    }

    /// Fill the other sheets. `Ok(true)`: every piece is filled, the workbook can be saved.
    pub fn rest(&self) -> Result<bool, XlsxError> {
        let r = match lock(&self.rest).as_mut() {
            Some([exc, diag, src]) => excluded(exc, self.est, self.catalog, &self.st)
                .and_then(|()| diagnostics(diag, self.est, &self.st))
                .and_then(|()| sources(src, self.est, self.catalog, self.meta, &self.st)),
            None => Ok(()),
        };
        self.filled(r)
    }

    fn filled(&self, r: Result<(), XlsxError>) -> Result<bool, XlsxError> {
        if r.is_err() {
            self.failed.store(true, Ordering::SeqCst);
        }
        let last = self.left.fetch_sub(1, Ordering::SeqCst) == 1;
        r.map(|()| last && !self.failed.load(Ordering::SeqCst))
    }

    /// Add the filled sheets in their order and stream the workbook (zipped) into `w`.
    pub fn save<W: std::io::Write + Send>(&self, w: W) -> Result<(), XlsxError> {
        let mut wb = lock(&self.wb).take().ok_or_else(already_saved)?;
        let detail = lock(&self.detail).take().ok_or_else(already_saved)?;
        let rest = lock(&self.rest).take().ok_or_else(already_saved)?;
        wb.push_worksheet(detail);
        for ws in rest {
            wb.push_worksheet(ws);
        }
        wb.save_to_writer(w)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Poisoning is ignored: no piece can panic, and a panic in one would end the run anyway
    // (rayon passes it on once the other tasks are done).
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn already_saved() -> XlsxError {
    XlsxError::ParameterError("the Finance workbook was already saved".into())
}

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
fn summary(
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

/// The note of a detail line: replacements and new purchases, a smaller request, the site it
/// serves and how its price treats VAT.
fn line_note(l: &NeedLine, catalog: &Catalog) -> String {
    let item = &catalog.items[l.item];
    let mut parts = Vec::new();
    let mut split = Vec::new();
    if l.replace > 0 {
        split.push(format!("thay thế {}", l.replace));
    }
    if l.new > 0 {
        split.push(format!("mua mới {}", l.new));
    }
    if l.quantity == l.gap {
        if !split.is_empty() {
            parts.push(split.join(", "));
        }
    } else {
        parts.push(format!(
            "đơn vị đề xuất {}; còn thiếu {} ({})",
            l.quantity,
            l.gap,
            split.join(", ")
        ));
    }
    if item.basis == Basis::Site {
        if l.site_units.len() > 1 {
            parts.push(format!(
                "dùng chung trụ sở {}: {}",
                l.site,
                l.site_units.join(", ")
            ));
        } else {
            parts.push(format!("trụ sở {}", l.site));
        }
    }
    if let Some(p) = &catalog.prices[l.item] {
        if p.vat_included {
            parts.push("giá đã gồm thuế GTGT".into());
        } else if catalog.vat_of(p).is_zero() {
            parts.push("không chịu thuế GTGT".into());
        }
    }
    let head = capitalise(&parts.join("; "));
    if head.is_empty() {
        format!("({})", item.code)
    } else {
        format!("{head} ({})", item.code)
    }
}

/// Sheet 2, `Chi tiết`: per unit, its own (`self`) lines with something to buy, its
/// contingency and its total; the grand total and the amount in words at the end.
fn detail(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 8;
    let mut fit = Fit::new(ws, &[6.0, 40.0, 10.0, 9.0, 14.0, 16.0, 14.0, 16.0, 48.0])?;
    let n = &est.needs;
    ws.set_row_height(0, 38)?;
    fit.titles(
        ws,
        LAST,
        &format!("BẢNG CHI TIẾT {TITLE}"),
        "(Phần đơn vị tự mua sắm, theo từng đơn vị)",
        st,
    )?;
    text(ws, 2, LAST, "Đơn vị tính: đồng", &st.place)?;
    fit.header(ws, 3, &DETAIL_HEADERS, st)?;
    let numbers = [
        "(1)",
        "(2)",
        "(3)",
        "(4)",
        "(5)",
        "(6)=(4)×(5)",
        "(7)",
        "(8)=(6)+(7)",
        "(9)",
    ];
    for (c, s) in numbers.iter().enumerate() {
        fit.text(ws, 4, c as u16, s, &st.colno)?;
    }
    ws.set_freeze_panes(5, 0)?;
    printable(ws, Some((3, 4)))?;

    // Line indices per unit, in catalog order of the item.
    let mut per_unit: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, l) in n.lines.iter().enumerate() {
        if &*l.channel == SELF && l.quantity > 0 {
            per_unit.entry(&*l.unit).or_default().push(i);
        }
    }
    let contingency_label = format!("Dự phòng ({}%)", pct_vi(catalog.contingency_percent));
    // A national run has 300,000 rows here: formats go on by runs (see `RowFormats`).
    let mut p = RowFormats::new();
    let mut r = 5u32;
    let mut section = 0usize;
    for (u, ut) in n.units.iter().zip(&est.unit_totals) {
        let Some(idx) = per_unit.get_mut(u.unit.code.as_str()) else {
            continue;
        };
        idx.sort_by_key(|&i| (n.lines[i].item, i));
        section += 1;
        p.begin(r);
        fit.text_in(ws, &mut p, 0, &roman(section), &st.cell_bc)?;
        fit.text_in(ws, &mut p, 1, &u.unit.name, &st.cell_b)?;
        for c in 2..LAST {
            p.mark(c, &st.cell);
        }
        fit.text_in(
            ws,
            &mut p,
            LAST,
            &format!(
                "Mã đơn vị: {}\n{}, {}",
                u.unit.code,
                u.unit.block.label_vi(),
                u.unit.level.label_vi()
            ),
            &st.cell,
        )?;
        p.end(ws)?;
        r += 1;
        for (k, &i) in idx.iter().enumerate() {
            let l = &n.lines[i];
            let c = &est.costs[i];
            let item = &catalog.items[l.item];
            p.begin(r);
            fit.text_in(ws, &mut p, 0, &(k + 1).to_string(), &st.cell_c)?;
            fit.text_in(ws, &mut p, 1, &item.name, &st.cell)?;
            fit.text_in(ws, &mut p, 2, unit_of_measure(item), &st.cell_c)?;
            p.count(ws, 3, l.quantity, &st.qty)?;
            p.money(ws, 4, c.unit_price.map(Decimal::from), &st.amount)?;
            p.money(ws, 5, c.amount, &st.amount)?;
            p.money(ws, 6, c.vat, &st.amount)?;
            p.money(ws, 7, c.total, &st.amount)?;
            let mut note = line_note(l, catalog);
            if c.total.is_none() {
                note.push_str("; chưa có đơn giá");
            }
            fit.text_in(ws, &mut p, 8, &note, &st.cell)?;
            p.end(ws)?;
            r += 1;
        }
        p.begin(r);
        p.mark(0, &st.cell);
        fit.text_in(ws, &mut p, 1, &contingency_label, &st.cell_i)?;
        for c in 2..7 {
            p.mark(c, &st.cell);
        }
        p.money(ws, 7, Some(ut.contingency), &st.amount_i)?;
        p.mark(8, &st.cell);
        p.end(ws)?;
        r += 1;
        p.begin(r);
        p.mark(0, &st.cell);
        fit.text_in(ws, &mut p, 1, "Cộng", &st.cell_b)?;
        for c in 2..5 {
            p.mark(c, &st.cell);
        }
        p.money(ws, 5, Some(ut.amount), &st.amount_b)?;
        p.money(ws, 6, Some(ut.vat), &st.amount_b)?;
        p.money(ws, 7, Some(ut.total), &st.amount_b)?;
        p.mark(8, &st.cell);
        p.end(ws)?;
        r += 1;
    }
    let t = &est.totals.self_total;
    blank(ws, r, 0, &st.cell)?;
    fit.text(ws, r, 1, "TỔNG CỘNG", &st.cell_b)?;
    for c in 2..5 {
        blank(ws, r, c, &st.cell)?;
    }
    money(ws, r, 5, Some(t.amount), &st.amount_b)?;
    money(ws, r, 6, Some(t.vat), &st.amount_b)?;
    money(ws, r, 7, Some(t.total), &st.amount_b)?;
    fit.text(
        ws,
        r,
        8,
        &format!("{section} đơn vị có nhu cầu tự mua sắm"),
        &st.cell,
    )?;
    r += 1;
    blank(ws, r, 0, &st.cell)?;
    fit.text(
        ws,
        r,
        1,
        &format!("Trong đó: {}", contingency_label.to_lowercase()),
        &st.cell_i,
    )?;
    for c in 2..7 {
        blank(ws, r, c, &st.cell)?;
    }
    money(ws, r, 7, Some(t.contingency), &st.amount_i)?;
    blank(ws, r, 8, &st.cell)?;
    r += 1;
    in_words_row(ws, &mut fit, r, LAST, &est.totals.in_words, st)?;
    // Contingency has no price, VAT or column of its own: say how column (8) then adds up.
    r += 1;
    fit.span(
        ws,
        r,
        0,
        LAST,
        "Ghi chú: (8) = (6) + (7) ở các dòng thiết bị. Dự phòng chỉ ghi ở cột (8), nên ở dòng Cộng \
         của từng đơn vị và dòng TỔNG CỘNG, (8) = (6) + (7) + dự phòng.",
        &st.note,
    )?;
    Ok(())
}

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
    r: u32,
    n: usize,
    x: &Excluded,
    st: &Styles,
) -> Result<(), XlsxError> {
    plain_count(ws, r, 0, n as u64)?;
    plain(ws, r, 1, x.kind)?;
    plain(ws, r, 2, &x.unit)?;
    plain_wrap(ws, r, 3, &x.what, EXCLUDED_WIDTHS[3], st)?;
    if let Some(q) = x.qty {
        plain_count(ws, r, 4, q)?;
    }
    if let Some(a) = x.amount {
        money(ws, r, 5, Some(a), &st.list_amount)?;
    }
    plain(ws, r, 6, &x.action)?;
    plain_wrap(ws, r, 7, &x.why, EXCLUDED_WIDTHS[7], st)?;
    plain(ws, r, 8, &x.file)?;
    plain(ws, r, 9, &x.sheet)?;
    if let Some(q) = x.row {
        plain_count(ws, r, 10, q as u64)?;
    }
    Ok(())
}

/// Sheet 3, `Loại trừ`.
fn excluded(
    ws: &mut Worksheet,
    est: &Estimate,
    catalog: &Catalog,
    st: &Styles,
) -> Result<(), XlsxError> {
    const LAST: u16 = 10;
    let mut fit = Fit::new(ws, &EXCLUDED_WIDTHS)?;
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
        match excluded_row(ws, r, total, &x, st) {
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
fn diagnostics(ws: &mut Worksheet, est: &Estimate, st: &Styles) -> Result<(), XlsxError> {
    const LAST: u16 = 6;
    const WIDTHS: [f64; 7] = [6.0, 10.0, 25.0, 30.0, 18.0, 7.0, 68.0];
    let mut fit = Fit::new(ws, &WIDTHS)?;
    let diags = &est.needs.diagnostics;
    let errors = diags.iter().filter(|d| d.is_error()).count();
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
        plain(ws, r, 3, d.file.as_deref().unwrap_or(""))?;
        plain(ws, r, 4, d.sheet.as_deref().unwrap_or(""))?;
        plain(ws, r, 5, &d.cell_a1().unwrap_or_default())?;
        plain_wrap(ws, r, 6, &d.msg.render(Lang::Vi), WIDTHS[6], st)?;
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
fn sources(
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
        plain(ws, r, 1, fs.and_then(|f| f.unit.as_deref()).unwrap_or(""))?;
        plain(ws, r, 2, file)?;
        plain(ws, r, 3, fs.map_or("", |f| outcome_vi(f.outcome)))?;
        plain(ws, r, 6, sha)?;
        r += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces in any order make the workbook `write` makes; only the last piece to finish
    /// says the workbook can be saved, and it is saved once.
    #[test]
    fn pieces_in_either_order_make_the_same_workbook() -> Result<(), Box<dyn std::error::Error>> {
        let catalog = Catalog::load(None).map_err(|e| format!("{e:?}"))?;
        let needs = crate::needs::compute(Vec::new(), &catalog, 2025);
        let est = crate::cost::estimate(needs, &catalog).map_err(|e| e.message(Lang::En))?;
        let meta = RunMeta {
            files: vec![("a.xlsx".into(), "00".repeat(32))],
            created: super::super::creation_time(&catalog, Some("1700000000")),
        };
        let whole = workbook(&est, &catalog, &meta)?;
        let p = Pieces::new(&est, &catalog, &meta)?;
        assert!(!p.rest()?, "one piece is still to fill");
        assert!(p.detail()?, "the last piece says the workbook can be saved");
        let mut bytes = Vec::new();
        p.save(&mut bytes)?;
        assert!(bytes == whole, "the pieces make another workbook");
        assert!(p.save(Vec::new()).is_err(), "a workbook is saved once");
        Ok(())
    }
}
