//! `Chi tiết`, the official estimate table of the Finance workbook: one Roman-numbered section
//! per unit with its own (`self`) lines, contingency and total (SPEC §5), then the grand total
//! and the amount in words.

use super::*;
use crate::report::kit::{blank, in_words_row, money, printable, text, Fit, RowFormats, Styles};
use crate::report::vi::{capitalise, pct_vi, roman, unit_of_measure};

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
pub(super) fn detail(
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
    table_head(ws, &mut fit, 3, st)?;
    ws.set_freeze_panes(5, 0)?;
    printable(ws, Some((3, 4)))?;

    // Line indices per unit, in catalog order of the item.
    let mut per_unit: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, l) in n.lines.iter().enumerate() {
        if &*l.channel == SELF && l.quantity > 0 {
            per_unit.entry(&*l.unit).or_default().push(i);
        }
    }
    let contingency_label = contingency_label(catalog);
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
        r = unit_rows(
            ws,
            &mut fit,
            &mut p,
            r,
            UnitRows {
                est,
                catalog,
                unit: u,
                totals: ut,
                lines: idx,
                section: Some(section),
                total_label: "Cộng",
            },
            st,
        )?;
    }
    let t = &est.totals.self_total;
    grand_total(
        ws,
        &mut fit,
        r,
        GrandTotal {
            money: [t.amount, t.vat, t.total, t.contingency],
            note: &format!("{section} đơn vị có nhu cầu tự mua sắm"),
            contingency_label: &contingency_label,
            in_words: &est.totals.in_words,
            rows_summed: "dòng Cộng của từng đơn vị",
        },
        st,
    )?;
    Ok(())
}

/// The header of the estimate table at `row` and the column numbers under it ((1), (2) …,
/// (6)=(4)×(5) …). Returns the row after them.
pub(crate) fn table_head(
    ws: &mut Worksheet,
    fit: &mut Fit,
    row: u32,
    st: &Styles,
) -> Result<u32, XlsxError> {
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
    fit.numbered_header(ws, row, &DETAIL_HEADERS, &numbers, st)?;
    Ok(row + 2)
}

/// `Dự phòng (5%)`, the percentage as the catalog gives it (`5,5` for 5.5).
pub(crate) fn contingency_label(catalog: &Catalog) -> String {
    format!("Dự phòng ({}%)", pct_vi(catalog.contingency_percent))
}

/// What one unit's part of the estimate table holds.
pub(crate) struct UnitRows<'a> {
    pub est: &'a Estimate,
    pub catalog: &'a Catalog,
    pub unit: &'a crate::needs::UnitEntry,
    pub totals: &'a crate::cost::UnitTotal,
    /// Indices of its `self` lines with something to buy, in the order to print them.
    pub lines: &'a [usize],
    /// The Roman-numbered section row that opens the part (the city-wide table), or none (a
    /// unit's own estimate).
    pub section: Option<usize>,
    /// The label of the row that closes the part (`Cộng`, `Tổng cộng`).
    pub total_label: &'a str,
}

/// One unit's part of the estimate table from row `r`: its section row, a row per line, its
/// contingency and its total. Returns the row after them.
pub(crate) fn unit_rows<'f>(
    ws: &mut Worksheet,
    fit: &mut Fit,
    p: &mut RowFormats<'f>,
    mut r: u32,
    u: UnitRows<'_>,
    st: &'f Styles,
) -> Result<u32, XlsxError> {
    let (n, catalog, ut) = (&u.est.needs, u.catalog, u.totals);
    if let Some(section) = u.section {
        let unit = &u.unit.unit;
        let note = unit_note(&unit.code, Some((unit.block, unit.level)));
        r = section_row(ws, fit, p, r, section, &unit.name, &note, st)?;
    }
    for (k, &i) in u.lines.iter().enumerate() {
        let (Some(l), Some(c)) = (n.lines.get(i), u.est.costs.get(i)) else {
            continue;
        };
        let item = &catalog.items[l.item];
        let mut note = line_note(l, catalog);
        if c.total.is_none() {
            note.push_str("; chưa có đơn giá");
        }
        let cells = LineCells {
            no: k + 1,
            name: &item.name,
            unit_of_measure: unit_of_measure(item),
            quantity: l.quantity,
            money: [c.unit_price.map(Decimal::from), c.amount, c.vat, c.total],
            note: &note,
        };
        r = line_row(ws, fit, p, r, &cells, st)?;
    }
    r = contingency_row(
        ws,
        fit,
        p,
        r,
        &contingency_label(catalog),
        ut.contingency,
        st,
    )?;
    let money = [ut.amount, ut.vat, ut.total];
    total_row(ws, fit, p, r, u.total_label, money, None, st)
}

/// `Mã đơn vị: CODE` and, when known, the unit's block and level: the note of a unit's
/// section row.
pub(crate) fn unit_note(code: &str, kind: Option<(Block, Level)>) -> String {
    match kind {
        Some((block, level)) => format!(
            "Mã đơn vị: {code}\n{}, {}",
            block.label_vi(),
            level.label_vi()
        ),
        None => format!("Mã đơn vị: {code}"),
    }
}

/// The row at `r` that opens a unit's part: its Roman number, its name in bold and `note` in
/// the last column. Returns the row after it.
#[allow(clippy::too_many_arguments)] // the cells of one row, each its own
pub(crate) fn section_row<'f>(
    ws: &mut Worksheet,
    fit: &mut Fit,
    p: &mut RowFormats<'f>,
    r: u32,
    section: usize,
    name: &str,
    note: &str,
    st: &'f Styles,
) -> Result<u32, XlsxError> {
    const LAST: u16 = 8;
    p.begin(r);
    fit.text_in(ws, p, 0, &roman(section), &st.cell_bc)?;
    fit.text_in(ws, p, 1, name, &st.cell_b)?;
    for c in 2..LAST {
        p.mark(c, &st.cell);
    }
    fit.text_in(ws, p, LAST, note, &st.cell)?;
    p.end(ws)?;
    Ok(r + 1)
}

/// The cells of one item line of an estimate table.
pub(crate) struct LineCells<'a> {
    /// Its number within the unit (1, 2 …).
    pub no: usize,
    pub name: &'a str,
    pub unit_of_measure: &'a str,
    pub quantity: u64,
    /// Unit price, amount, VAT and total; none is an empty cell.
    pub money: [Option<Decimal>; 4],
    pub note: &'a str,
}

/// One item line at `r`; returns the row after it.
pub(crate) fn line_row<'f>(
    ws: &mut Worksheet,
    fit: &mut Fit,
    p: &mut RowFormats<'f>,
    r: u32,
    l: &LineCells<'_>,
    st: &'f Styles,
) -> Result<u32, XlsxError> {
    p.begin(r);
    fit.text_in(ws, p, 0, &l.no.to_string(), &st.cell_c)?;
    fit.text_in(ws, p, 1, l.name, &st.cell)?;
    fit.text_in(ws, p, 2, l.unit_of_measure, &st.cell_c)?;
    p.count(ws, 3, l.quantity, &st.qty)?;
    for (c, m) in (4..).zip(l.money) {
        p.money(ws, c, m, &st.amount)?;
    }
    fit.text_in(ws, p, 8, l.note, &st.cell)?;
    p.end(ws)?;
    Ok(r + 1)
}

/// A unit's contingency row at `r` (`Dự phòng (5%)`, in italics); returns the row after it.
pub(crate) fn contingency_row<'f>(
    ws: &mut Worksheet,
    fit: &mut Fit,
    p: &mut RowFormats<'f>,
    r: u32,
    label: &str,
    contingency: Decimal,
    st: &'f Styles,
) -> Result<u32, XlsxError> {
    p.begin(r);
    p.mark(0, &st.cell);
    fit.text_in(ws, p, 1, label, &st.cell_i)?;
    for c in 2..7 {
        p.mark(c, &st.cell);
    }
    p.money(ws, 7, Some(contingency), &st.amount_i)?;
    p.mark(8, &st.cell);
    p.end(ws)?;
    Ok(r + 1)
}

/// A total row at `r` in bold: `label`, amount, VAT and total (contingency included), and
/// `note` or an empty last cell. Returns the row after it.
#[allow(clippy::too_many_arguments)] // the cells of one row, each its own
pub(crate) fn total_row<'f>(
    ws: &mut Worksheet,
    fit: &mut Fit,
    p: &mut RowFormats<'f>,
    r: u32,
    label: &str,
    [amount, vat, total]: [Decimal; 3],
    note: Option<&str>,
    st: &'f Styles,
) -> Result<u32, XlsxError> {
    p.begin(r);
    p.mark(0, &st.cell);
    fit.text_in(ws, p, 1, label, &st.cell_b)?;
    for c in 2..5 {
        p.mark(c, &st.cell);
    }
    p.money(ws, 5, Some(amount), &st.amount_b)?;
    p.money(ws, 6, Some(vat), &st.amount_b)?;
    p.money(ws, 7, Some(total), &st.amount_b)?;
    match note {
        Some(note) => fit.text_in(ws, p, 8, note, &st.cell)?,
        None => p.mark(8, &st.cell),
    }
    p.end(ws)?;
    Ok(r + 1)
}

/// The end of an estimate table: the grand total, its contingency, `Bằng chữ`, and the note on
/// how column (8) adds up.
pub(crate) struct GrandTotal<'a> {
    /// Amount, VAT, total (contingency included) and contingency.
    pub money: [Decimal; 4],
    /// What the total row's note column says (how many units, years …).
    pub note: &'a str,
    pub contingency_label: &'a str,
    pub in_words: &'a str,
    /// The rows whose (8) also holds contingency, besides `TỔNG CỘNG` (`dòng Cộng của từng
    /// đơn vị`).
    pub rows_summed: &'a str,
}

/// Write [`GrandTotal`] from row `r`; returns the row after the note.
pub(crate) fn grand_total(
    ws: &mut Worksheet,
    fit: &mut Fit,
    mut r: u32,
    g: GrandTotal<'_>,
    st: &Styles,
) -> Result<u32, XlsxError> {
    const LAST: u16 = 8;
    let [amount, vat, total, contingency] = g.money;
    blank(ws, r, 0, &st.cell)?;
    fit.text(ws, r, 1, "TỔNG CỘNG", &st.cell_b)?;
    for c in 2..5 {
        blank(ws, r, c, &st.cell)?;
    }
    money(ws, r, 5, Some(amount), &st.amount_b)?;
    money(ws, r, 6, Some(vat), &st.amount_b)?;
    money(ws, r, 7, Some(total), &st.amount_b)?;
    fit.text(ws, r, 8, g.note, &st.cell)?;
    r += 1;
    blank(ws, r, 0, &st.cell)?;
    fit.text(
        ws,
        r,
        1,
        &format!("Trong đó: {}", g.contingency_label.to_lowercase()),
        &st.cell_i,
    )?;
    for c in 2..7 {
        blank(ws, r, c, &st.cell)?;
    }
    money(ws, r, 7, Some(contingency), &st.amount_i)?;
    blank(ws, r, 8, &st.cell)?;
    r += 1;
    in_words_row(ws, fit, r, LAST, g.in_words, st)?;
    // Contingency has no price, VAT or column of its own: say how column (8) then adds up.
    r += 1;
    fit.span(
        ws,
        r,
        0,
        LAST,
        &format!(
            "Ghi chú: (8) = (6) + (7) ở các dòng thiết bị. Dự phòng chỉ ghi ở cột (8), nên ở {} \
             và dòng TỔNG CỘNG, (8) = (6) + (7) + dự phòng.",
            g.rows_summed
        ),
        &st.note,
    )?;
    Ok(r + 1)
}
