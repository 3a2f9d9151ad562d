//! `lo-trinh.xlsx`: the roadmap for the Department of Finance (SPEC §11) — lộ trình trang bị
//! theo ngân sách hằng năm.
//!
//! Three sheets: `Tổng hợp` (one row per year: quantity, amount, VAT, contingency, total, budget,
//! left; a total row; `Bằng chữ` of the funded total; a chart of the yearly totals against the
//! budget), `Chi tiết` (per year, per unit, its items and contingency, laid out as the Finance
//! detail sheet) and `Chưa bố trí` (what no year funds). Every amount is a figure of the
//! [`Plan`] or a sum of its figures: nothing here rounds or multiplies money.

use super::finance::DETAIL_HEADERS;
use super::kit::{
    blank, count, in_words_row, merged, money, motto, new_workbook, plain, plain_count, plain_wrap,
    printable, signatures, text, Fit, RowFormats, Signer, Styles, LIST_ROWS,
};
use super::vi::{capitalise, date_vi, pct_vi, roman, unit_of_measure};
use super::Created;
use crate::catalog::Catalog;
use crate::cost::money::{format_vnd, plus, words};
use crate::plan::{Plan, PlanLine, PlanUnit, Request, Years};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartFont, ChartLegendPosition, ChartType, Worksheet, XlsxError};

/// The file `plan` writes.
pub const FILE: &str = "lo-trinh.xlsx";

/// Everything the workbook shows.
pub struct Doc<'a> {
    pub plan: &'a Plan,
    /// The units (names, blocks, levels).
    pub req: &'a Request,
    pub catalog: &'a Catalog,
    pub years: Years,
    pub created: Created,
}

impl Doc<'_> {
    /// The units by code (a national roadmap names 25,000 of them).
    fn units(&self) -> foldhash::HashMap<&str, &PlanUnit> {
        self.req
            .units
            .iter()
            .map(|u| (u.code.as_str(), u))
            .collect()
    }

    /// The catalog's items by code.
    fn items(&self) -> foldhash::HashMap<&str, usize> {
        self.catalog
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.code.as_str(), i))
            .collect()
    }

    /// `GIAI ĐOẠN 2026 - 2030`, or `NĂM 2026`.
    fn period(&self) -> String {
        if self.years.first == self.years.last {
            format!("NĂM {}", self.years.first)
        } else {
            format!("GIAI ĐOẠN {} - {}", self.years.first, self.years.last)
        }
    }
}

const TITLE: &str = "LỘ TRÌNH TRANG BỊ HẠ TẦNG MẠNG VÀ THIẾT BỊ ĐẦU CUỐI";
const SIGN_HINT: &str = "(Ký, ghi rõ họ tên)";

/// The workbook as bytes (tests); [`write`] streams it instead.
pub fn workbook(doc: &Doc<'_>) -> Result<Vec<u8>, XlsxError> {
    super::kit::in_memory(|b| write(b, doc))
}

/// Build the workbook and stream it (zipped) into `w`.
pub fn write<W: std::io::Write + Send>(w: W, doc: &Doc<'_>) -> Result<(), XlsxError> {
    let mut wb = new_workbook(
        doc.created,
        "Lộ trình trang bị hạ tầng mạng và thiết bị đầu cuối",
        doc.catalog,
    )?;
    let st = Styles::new();
    st.register(&mut wb);
    summary(wb.add_worksheet().set_name("Tổng hợp")?, doc, &st)?;
    let mut detail_ws = super::kit::standalone_sheet(&mut wb, "Chi tiết")?;
    let mut unfunded_ws = super::kit::standalone_sheet(&mut wb, "Chưa bố trí")?;
    // The two long sheets fill side by side; formats were registered first, so the bytes do
    // not depend on which finishes first.
    let (a, b) = rayon::join(
        || detail(&mut detail_ws, doc, &st),
        || unfunded(&mut unfunded_ws, doc, &st),
    );
    a?;
    b?;
    wb.push_worksheet(detail_ws);
    wb.push_worksheet(unfunded_ws);
    wb.save_to_writer(w)
}

/// Sheet 1, `Tổng hợp`: one row per year against the budget, the total, the chart.
fn summary(ws: &mut Worksheet, doc: &Doc<'_>, st: &Styles) -> Result<(), XlsxError> {
    const LAST: u16 = 8;
    let plan = doc.plan;
    let mut fit = Fit::new(ws, &[6.0, 14.0, 11.0, 17.0, 15.0, 15.0, 17.0, 17.0, 17.0])?;
    printable(ws, None)?;
    motto(
        ws,
        0,
        LAST,
        &[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        ],
        "Thành phố Hồ Chí Minh, ngày … tháng … năm …",
        st,
    )?;
    ws.set_row_height(4, 38)?;
    merged(
        ws,
        4,
        0,
        LAST,
        &format!("{TITLE} {}", doc.period()),
        &st.title,
    )?;
    fit.span(
        ws,
        5,
        0,
        LAST,
        &format!(
            "(Theo {}, áp dụng từ ngày {}; ngân sách tối đa mỗi năm {} đồng, gồm dự phòng)",
            doc.catalog.name,
            date_vi(&doc.catalog.effective),
            format_vnd(plan.budget)
        ),
        &st.subtitle,
    )?;
    fit.span(
        ws,
        6,
        0,
        LAST,
        "Mỗi năm bố trí trước thiết bị thay thế thiết bị hỏng, không còn sử dụng được, sau đó thiết bị \
         mua mới cho đủ định mức; trong mỗi nhóm theo thứ tự ưu tiên của danh mục, rồi theo đơn vị",
        &st.subtitle,
    )?;
    text(ws, 8, LAST, "Đơn vị tính: đồng", &st.place)?;
    let heads = [
        "STT",
        "Năm",
        "Số lượng thiết bị",
        "Thành tiền",
        "Thuế GTGT",
        "Dự phòng",
        "Cộng",
        "Ngân sách",
        "Còn lại",
    ];
    let numbers = [
        "(1)",
        "(2)",
        "(3)",
        "(4)",
        "(5)",
        "(6)",
        "(7)=(4)+(5)+(6)",
        "(8)",
        "(9)=(8)-(7)",
    ];
    fit.numbered_header(ws, 9, &heads, &numbers, st)?;
    let first = 11u32;
    let mut r = first;
    let mut q = 0u64;
    let mut sums = [Decimal::ZERO; 6];
    for (i, y) in plan.years.iter().enumerate() {
        let m = [y.amount, y.vat, y.contingency, y.total, plan.budget, y.left];
        fit.text(ws, r, 0, &(i + 1).to_string(), &st.cell_c)?;
        fit.text(ws, r, 1, &format!("Năm {}", y.year), &st.cell_c)?;
        count(ws, r, 2, y.quantity, &st.qty)?;
        for (c, v) in m.iter().enumerate() {
            money(ws, r, 3 + c as u16, Some(*v), &st.amount)?;
        }
        q = q.saturating_add(y.quantity);
        for (s, v) in sums.iter_mut().zip(m) {
            *s = plus(*s, v);
        }
        r += 1;
    }
    let last_year_row = r - 1;
    blank(ws, r, 0, &st.cell)?;
    fit.text(ws, r, 1, "Cộng", &st.cell_bc)?;
    count(ws, r, 2, q, &st.qty_b)?;
    for (c, v) in sums.iter().enumerate() {
        money(ws, r, 3 + c as u16, Some(*v), &st.amount_b)?;
    }
    r += 1;
    in_words_row(ws, &mut fit, r, LAST, &words(plan.totals.funded), st)?;
    r += 1;
    let n = plan.unfunded_quantity();
    let rest = if n == 0 {
        "Mọi thiết bị trong nhu cầu đều được bố trí trong lộ trình.".to_string()
    } else {
        format!(
            "Chưa bố trí được: {n} thiết bị, {} đồng (gồm thuế GTGT, chưa gồm dự phòng); chi tiết ở trang Chưa bố trí.",
            format_vnd(plan.totals.unfunded)
        )
    };
    fit.span(ws, r, 0, LAST, &rest, &st.note)?;
    r += 1;
    fit.span(
        ws,
        r,
        0,
        LAST,
        &format!(
            "Ghi chú: Thành tiền, thuế GTGT tính cho số thiết bị của từng đơn vị trong từng năm, làm tròn đến đồng; \
             dự phòng {}% tính cho từng đơn vị trong từng năm. Chi tiết theo năm và đơn vị ở trang Chi tiết.",
            pct_vi(doc.catalog.contingency_percent)
        ),
        &st.note,
    )?;
    r += 2;

    r = signatures(
        ws,
        r,
        &[
            Signer {
                title: "NGƯỜI LẬP BIỂU",
                hint: SIGN_HINT,
                cols: (0, 2),
            },
            Signer {
                title: "KẾ TOÁN TRƯỞNG",
                hint: SIGN_HINT,
                cols: (3, 5),
            },
            Signer {
                title: "THỦ TRƯỞNG ĐƠN VỊ",
                hint: "(Ký, ghi rõ họ tên, đóng dấu)",
                cols: (6, LAST),
            },
        ],
        st,
    )?;

    // On a page of its own: the yearly totals as columns, the budget as a line across them.
    r += 4;
    ws.set_page_breaks(&[r])?;
    const SHEET: &str = "Tổng hợp";
    let mut font = ChartFont::new();
    font.set_name("Times New Roman");
    let mut title_font = font.clone();
    title_font.set_size(13).set_bold();
    let mut chart = Chart::new(ChartType::Column);
    chart
        .title()
        .set_name("Kinh phí bố trí hằng năm so với ngân sách (đồng)")
        .set_font(&title_font);
    chart
        .add_series()
        .set_name("Kinh phí bố trí (gồm dự phòng)")
        .set_categories((SHEET, first, 1, last_year_row, 1))
        .set_values((SHEET, first, 6, last_year_row, 6));
    let mut line = Chart::new(ChartType::Line);
    line.add_series()
        .set_name("Ngân sách")
        .set_categories((SHEET, first, 1, last_year_row, 1))
        .set_values((SHEET, first, 7, last_year_row, 7));
    chart.combine(&line);
    chart.x_axis().set_font(&font);
    chart
        .y_axis()
        .set_num_format("#,##0")
        .set_min(0)
        .set_font(&font);
    chart
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(&font);
    chart.set_width(900).set_height(420);
    ws.insert_chart(r, 0, &chart)?;
    Ok(())
}

/// The note of a roadmap line: replacements and new purchases, and how its price treats VAT.
fn line_note(l: &PlanLine, catalog: &Catalog, item: usize) -> String {
    let mut parts = Vec::new();
    if l.replace > 0 {
        parts.push(format!("thay thế {}", l.replace));
    }
    if l.new > 0 {
        parts.push(format!("mua mới {}", l.new));
    }
    let mut s = capitalise(&parts.join(", "));
    if let Some(p) = catalog.prices.get(item).and_then(Option::as_ref) {
        if p.vat_included {
            s.push_str("; giá đã gồm thuế GTGT");
        } else if catalog.vat_of(p).is_zero() {
            s.push_str("; không chịu thuế GTGT");
        }
    }
    format!("{s} ({})", l.item)
}

/// Letters for the years (A, B, … J): a roadmap has at most ten.
fn year_letter(i: usize) -> String {
    char::from_u32(u32::from(b'A') + i as u32)
        .filter(char::is_ascii_uppercase)
        .map_or_else(|| (i + 1).to_string(), String::from)
}

/// Sheet 2, `Chi tiết`: per year (A, B …), per unit (I, II …), its items (1, 2 …), its
/// contingency and its total; the year's total; the grand total and the amount in words.
fn detail(ws: &mut Worksheet, doc: &Doc<'_>, st: &Styles) -> Result<(), XlsxError> {
    const LAST: u16 = 8;
    let (plan, catalog) = (doc.plan, doc.catalog);
    let mut fit = Fit::new(ws, &[6.0, 40.0, 10.0, 9.0, 14.0, 16.0, 14.0, 16.0, 48.0])?;
    ws.set_row_height(0, 38)?;
    fit.titles(
        ws,
        LAST,
        &format!("BẢNG CHI TIẾT {TITLE} {}", doc.period()),
        &format!(
            "(Theo từng năm, từng đơn vị; ngân sách tối đa mỗi năm {} đồng, gồm dự phòng)",
            format_vnd(plan.budget)
        ),
        st,
    )?;
    text(ws, 2, LAST, "Đơn vị tính: đồng", &st.place)?;
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
    fit.numbered_header(ws, 3, &DETAIL_HEADERS, &numbers, st)?;
    ws.set_freeze_panes(5, 0)?;
    printable(ws, Some((3, 4)))?;

    let item_of = doc.items();
    let unit_of = doc.units();
    let contingency_label = format!("Dự phòng ({}%)", pct_vi(catalog.contingency_percent));
    // A national roadmap has hundreds of thousands of rows here: formats go on by runs.
    let mut p = RowFormats::new();
    let mut r = 5u32;
    // `lines` and `unit_years` are both sorted by year, then unit: walk them side by side.
    let mut lines = plan.lines.iter().peekable();
    let mut unit_years = plan.unit_years.iter().peekable();
    let mut units_funded = 0usize;
    for (yi, y) in plan.years.iter().enumerate() {
        p.begin(r);
        fit.text_in(ws, &mut p, 0, &year_letter(yi), &st.cell_bc)?;
        fit.text_in(ws, &mut p, 1, &format!("NĂM {}", y.year), &st.cell_b)?;
        for c in 2..=LAST {
            p.mark(c, &st.cell);
        }
        p.end(ws)?;
        r += 1;
        let mut section = 0usize;
        while let Some(uy) = unit_years.next_if(|u| u.year == y.year) {
            section += 1;
            let mut own: Vec<(usize, &PlanLine)> = Vec::new();
            while let Some(l) = lines.next_if(|l| l.year == y.year && l.unit == uy.unit) {
                own.push((
                    item_of.get(l.item.as_str()).copied().unwrap_or(usize::MAX),
                    l,
                ));
            }
            // Items in catalog order, as the Finance detail sheet lists them.
            own.sort_by_key(|&(i, _)| i);
            let unit = unit_of.get(uy.unit.as_str()).copied();
            p.begin(r);
            fit.text_in(ws, &mut p, 0, &roman(section), &st.cell_bc)?;
            fit.text_in(
                ws,
                &mut p,
                1,
                unit.map_or(uy.unit.as_str(), |u| u.name.as_str()),
                &st.cell_b,
            )?;
            for c in 2..LAST {
                p.mark(c, &st.cell);
            }
            let note = match unit {
                Some(u) => format!(
                    "Mã đơn vị: {}\n{}, {}",
                    u.code,
                    u.block.label_vi(),
                    u.level.label_vi()
                ),
                None => format!("Mã đơn vị: {}", uy.unit),
            };
            fit.text_in(ws, &mut p, LAST, &note, &st.cell)?;
            p.end(ws)?;
            r += 1;
            let (mut amount, mut vat) = (Decimal::ZERO, Decimal::ZERO);
            for (k, &(i, l)) in own.iter().enumerate() {
                let item = catalog.items.get(i);
                p.begin(r);
                fit.text_in(ws, &mut p, 0, &(k + 1).to_string(), &st.cell_c)?;
                fit.text_in(
                    ws,
                    &mut p,
                    1,
                    item.map_or(l.item.as_str(), |it| it.name.as_str()),
                    &st.cell,
                )?;
                fit.text_in(ws, &mut p, 2, item.map_or("", unit_of_measure), &st.cell_c)?;
                p.count(ws, 3, l.quantity, &st.qty)?;
                p.money(ws, 4, Some(l.unit_price), &st.amount)?;
                p.money(ws, 5, Some(l.amount), &st.amount)?;
                p.money(ws, 6, Some(l.vat), &st.amount)?;
                p.money(ws, 7, Some(l.total), &st.amount)?;
                fit.text_in(ws, &mut p, 8, &line_note(l, catalog, i), &st.cell)?;
                p.end(ws)?;
                (amount, vat) = (plus(amount, l.amount), plus(vat, l.vat));
                r += 1;
            }
            p.begin(r);
            p.mark(0, &st.cell);
            fit.text_in(ws, &mut p, 1, &contingency_label, &st.cell_i)?;
            for c in 2..7 {
                p.mark(c, &st.cell);
            }
            p.money(ws, 7, Some(uy.contingency), &st.amount_i)?;
            p.mark(8, &st.cell);
            p.end(ws)?;
            r += 1;
            p.begin(r);
            p.mark(0, &st.cell);
            fit.text_in(ws, &mut p, 1, "Cộng", &st.cell_b)?;
            for c in 2..5 {
                p.mark(c, &st.cell);
            }
            p.money(ws, 5, Some(amount), &st.amount_b)?;
            p.money(ws, 6, Some(vat), &st.amount_b)?;
            p.money(ws, 7, Some(uy.total), &st.amount_b)?;
            p.mark(8, &st.cell);
            p.end(ws)?;
            r += 1;
        }
        units_funded += section;
        if section == 0 {
            p.begin(r);
            p.mark(0, &st.cell);
            fit.text_in(ws, &mut p, 1, "Không bố trí được thiết bị nào", &st.cell_i)?;
            for c in 2..LAST {
                p.mark(c, &st.cell);
            }
            fit.text_in(
                ws,
                &mut p,
                LAST,
                "Ngân sách còn lại thấp hơn giá của mọi thiết bị chưa bố trí",
                &st.cell,
            )?;
            p.end(ws)?;
            r += 1;
        }
        p.begin(r);
        p.mark(0, &st.cell);
        fit.text_in(ws, &mut p, 1, &format!("Cộng năm {}", y.year), &st.cell_b)?;
        for c in 2..5 {
            p.mark(c, &st.cell);
        }
        p.money(ws, 5, Some(y.amount), &st.amount_b)?;
        p.money(ws, 6, Some(y.vat), &st.amount_b)?;
        p.money(ws, 7, Some(y.total), &st.amount_b)?;
        fit.text_in(
            ws,
            &mut p,
            8,
            &format!(
                "{} thiết bị, {section} đơn vị; gồm dự phòng {} đồng; ngân sách còn lại {} đồng",
                y.quantity,
                format_vnd(y.contingency),
                format_vnd(y.left)
            ),
            &st.cell,
        )?;
        p.end(ws)?;
        r += 1;
    }
    let sum = |f: fn(&crate::plan::YearTotal) -> Decimal| {
        plan.years.iter().fold(Decimal::ZERO, |s, y| plus(s, f(y)))
    };
    blank(ws, r, 0, &st.cell)?;
    fit.text(ws, r, 1, "TỔNG CỘNG", &st.cell_b)?;
    for c in 2..5 {
        blank(ws, r, c, &st.cell)?;
    }
    money(ws, r, 5, Some(sum(|y| y.amount)), &st.amount_b)?;
    money(ws, r, 6, Some(sum(|y| y.vat)), &st.amount_b)?;
    money(ws, r, 7, Some(plan.totals.funded), &st.amount_b)?;
    fit.text(
        ws,
        r,
        8,
        &format!(
            "{} năm; {units_funded} lượt đơn vị được bố trí",
            plan.years.len()
        ),
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
    money(ws, r, 7, Some(sum(|y| y.contingency)), &st.amount_i)?;
    blank(ws, r, 8, &st.cell)?;
    r += 1;
    in_words_row(ws, &mut fit, r, LAST, &words(plan.totals.funded), st)?;
    r += 1;
    fit.span(
        ws,
        r,
        0,
        LAST,
        "Ghi chú: (8) = (6) + (7) ở các dòng thiết bị. Dự phòng chỉ ghi ở cột (8), nên ở dòng Cộng \
         của từng đơn vị, dòng Cộng năm và dòng TỔNG CỘNG, (8) = (6) + (7) + dự phòng.",
        &st.note,
    )?;
    Ok(())
}

/// Column widths of `Chưa bố trí`, in characters.
const UNFUNDED_WIDTHS: [f64; 11] = [6.0, 21.0, 34.0, 15.0, 34.0, 10.0, 9.0, 9.0, 9.0, 14.0, 17.0];

/// Sheet 3, `Chưa bố trí`: the devices no year funds, with their §5 line totals (VAT, no
/// contingency), by unit then item as `plan.json` lists them.
fn unfunded(ws: &mut Worksheet, doc: &Doc<'_>, st: &Styles) -> Result<(), XlsxError> {
    const LAST: u16 = 10;
    let (plan, catalog) = (doc.plan, doc.catalog);
    let mut fit = Fit::new(ws, &UNFUNDED_WIDTHS)?;
    fit.titles(
        ws,
        LAST,
        &format!("THIẾT BỊ CHƯA BỐ TRÍ ĐƯỢC TRONG LỘ TRÌNH {}", doc.period()),
        &format!(
            "(Ngân sách tối đa mỗi năm {} đồng không đủ; Cộng gồm thuế GTGT, chưa gồm dự phòng)",
            format_vnd(plan.budget)
        ),
        st,
    )?;
    let heads = [
        "STT",
        "Mã đơn vị",
        "Tên đơn vị",
        "Mã thiết bị",
        "Tên thiết bị",
        "ĐVT",
        "Thay thế",
        "Mua mới",
        "Số lượng",
        "Đơn giá",
        "Cộng (gồm thuế GTGT)",
    ];
    fit.list_header(ws, &heads, st)?;
    let item_of = doc.items();
    let unit_of = doc.units();
    let price_of: foldhash::HashMap<(&str, &str), u64> = doc
        .req
        .demands
        .iter()
        .filter_map(|d| {
            let u = doc.req.units.get(d.unit)?;
            let it = catalog.items.get(d.item)?;
            Some(((u.code.as_str(), it.code.as_str()), d.unit_price))
        })
        .collect();
    let mut r = 4u32;
    let (mut replace, mut new, mut quantity) = (0u64, 0u64, 0u64);
    for (n, u) in plan.unfunded.iter().enumerate() {
        (replace, new, quantity) = (
            replace.saturating_add(u.replace),
            new.saturating_add(u.new),
            quantity.saturating_add(u.quantity),
        );
        if r >= LIST_ROWS {
            continue;
        }
        let item = item_of
            .get(u.item.as_str())
            .and_then(|&i| catalog.items.get(i));
        plain_count(ws, r, 0, n as u64 + 1)?;
        plain(ws, r, 1, &u.unit)?;
        let name = unit_of.get(u.unit.as_str()).map_or("", |x| x.name.as_str());
        plain_wrap(ws, r, 2, name, UNFUNDED_WIDTHS[2], st)?;
        plain(ws, r, 3, &u.item)?;
        plain_wrap(
            ws,
            r,
            4,
            item.map_or("", |i| i.name.as_str()),
            UNFUNDED_WIDTHS[4],
            st,
        )?;
        plain(ws, r, 5, item.map_or("", unit_of_measure))?;
        plain_count(ws, r, 6, u.replace)?;
        plain_count(ws, r, 7, u.new)?;
        plain_count(ws, r, 8, u.quantity)?;
        let price = price_of.get(&(u.unit.as_str(), u.item.as_str())).copied();
        money(ws, r, 9, price.map(Decimal::from), &st.list_amount)?;
        money(ws, r, 10, Some(u.total), &st.list_amount)?;
        r += 1;
    }
    let listed = r - 4;
    if plan.unfunded.len() > listed as usize {
        fit.span(
            ws,
            r,
            0,
            LAST,
            &format!(
                "… còn {} dòng, xem plan.json",
                plan.unfunded.len() - listed as usize
            ),
            &st.note,
        )?;
        r += 1;
    }
    if plan.unfunded.is_empty() {
        fit.span(
            ws,
            r,
            0,
            LAST,
            "Mọi thiết bị trong nhu cầu đều được bố trí trong lộ trình.",
            &st.note,
        )?;
        return Ok(());
    }
    ws.autofilter(3, 0, r - 1, LAST)?;
    blank(ws, r, 0, &st.cell)?;
    fit.text(ws, r, 1, "Cộng", &st.cell_b)?;
    for c in 2..6 {
        blank(ws, r, c, &st.cell)?;
    }
    count(ws, r, 6, replace, &st.qty_b)?;
    count(ws, r, 7, new, &st.qty_b)?;
    count(ws, r, 8, quantity, &st.qty_b)?;
    blank(ws, r, 9, &st.cell)?;
    money(ws, r, 10, Some(plan.totals.unfunded), &st.amount_b)?;
    Ok(())
}
