//! `du-toan.xlsx` (SPEC §8): a unit's own estimate as a workbook laid out like the detail sheet
//! of the Finance workbook — one sheet `Dự toán`: the block's official header, the title, the
//! estimate table (the unit's part of `Chi tiết`, closed by `Tổng cộng`), `Bằng chữ` and the
//! signatures. Every amount is a number cell written from the estimate, never a formula.

use super::Proposal;
use crate::catalog::Catalog;
use crate::cost::Estimate;
use crate::report::finance::detail::{table_head, unit_rows, UnitRows};
use crate::report::kit::{
    in_words_row, new_workbook, office_header, printable, signatures, standalone_sheet, text, Fit,
    RowFormats, Signer, Styles,
};
use crate::report::Created;
use rust_xlsxwriter::XlsxError;

/// The last column of the table (`Ghi chú`).
const LAST: u16 = 8;

/// The workbook of one unit, as the bytes of an .xlsx file. `st` is shared by every unit's
/// workbook: each registers the formats in the same order, so the bytes are the same whoever
/// writes them.
pub fn du_toan(
    p: &Proposal<'_>,
    est: &Estimate,
    catalog: &Catalog,
    created: Created,
    st: &Styles,
) -> Result<Vec<u8>, XlsxError> {
    let docs = &catalog.documents;
    let u = &p.unit.unit;
    let title = format!(
        "DỰ TOÁN KINH PHÍ {} NĂM {}",
        docs.subject.to_uppercase(),
        p.year
    );
    let mut wb = new_workbook(created, &title, catalog)?;
    st.register(&mut wb);
    let mut sheet = standalone_sheet(&mut wb, "Dự toán")?;
    let ws = &mut sheet;
    let mut fit = Fit::new(ws, &[6.0, 40.0, 10.0, 9.0, 14.0, 16.0, 14.0, 16.0, 48.0])?;
    let header: Vec<String> = docs
        .header
        .get(u.block)
        .iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { l.to_uppercase() } else { l.clone() })
        .collect();
    let lines: Vec<&str> = header.iter().map(String::as_str).collect();
    // The unit over the first four columns, the block's header over the rest.
    let mut r = office_header(
        ws,
        &fit,
        0,
        (0, 3),
        (4, LAST),
        &super::docx::clean(&u.name),
        &lines,
        &format!("{}, ngày … tháng … năm {}", docs.place, p.year),
        st,
    )?;
    r += 1;
    ws.set_row_height(r, 38)?;
    fit.span(ws, r, 0, LAST, &title, &st.title)?;
    r += 1;
    fit.span(
        ws,
        r,
        0,
        LAST,
        &format!(
            "(Kèm theo Tờ trình của {}, mã đơn vị {})",
            super::docx::clean(&u.name),
            u.code
        ),
        &st.subtitle,
    )?;
    r += 1;
    text(ws, r, LAST, "Đơn vị tính: đồng", &st.place)?;
    r += 1;
    let head = r;
    r = table_head(ws, &mut fit, r, st)?;
    printable(ws, Some((head, head + 1)))?;
    let mut rows = RowFormats::new();
    let lines = p.priced(est);
    r = unit_rows(
        ws,
        &mut fit,
        &mut rows,
        r,
        UnitRows {
            est,
            catalog,
            unit: p.unit,
            totals: p.totals,
            lines: &lines,
            section: None,
            total_label: "Tổng cộng",
        },
        st,
    )?;
    in_words_row(ws, &mut fit, r, LAST, &p.in_words, st)?;
    r += 2;
    signatures(
        ws,
        r,
        &[
            Signer {
                title: "NGƯỜI LẬP BIỂU",
                hint: "(Ký, ghi rõ họ tên)",
                cols: (0, 2),
            },
            Signer {
                title: docs.signer.get(u.block),
                hint: "(Ký, ghi rõ họ tên, đóng dấu)",
                cols: (5, LAST),
            },
        ],
        st,
    )?;
    wb.push_worksheet(sheet);
    wb.save_to_buffer()
}
