//! `lo-trinh.xlsx`: the roadmap for the Department of Finance (SPEC §11) — lộ trình trang bị
//! theo ngân sách hằng năm.
//!
//! Three sheets: `Tổng hợp` (one row per year: quantity, amount, VAT, contingency, total, budget,
//! left; a total row; `Bằng chữ` of the funded total; a chart of the yearly totals against the
//! budget), `Chi tiết` (per year, per unit, its items and contingency, laid out as the Finance
//! detail sheet, in [`detail`]) and `Chưa bố trí` (what no year funds, in [`unfunded`]). Every
//! amount is a figure of the [`Plan`] or a sum of its figures: nothing here rounds or multiplies
//! money.

mod detail;
mod unfunded;

use super::kit::{
    blank, count, in_words_row, merged, money, motto, new_workbook, plain, plain_count, printable,
    signatures, text, Fit, RowFormats, Signer, Styles, LIST_ROWS,
};
use super::vi::{capitalise, date_vi, pct_vi, unit_of_measure};
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
        || detail::detail(&mut detail_ws, doc, &st),
        || unfunded::unfunded(&mut unfunded_ws, doc, &st),
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
