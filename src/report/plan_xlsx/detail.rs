//! `Chi tiết` of the roadmap (SPEC §11): per year, per unit, its items, contingency and total, laid out as
//! the Finance detail sheet.

use super::*;
use crate::report::finance::detail::{
    contingency_label, contingency_row, grand_total, line_row, section_row, table_head, total_row,
    unit_note, GrandTotal, LineCells,
};

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
pub(super) fn detail(ws: &mut Worksheet, doc: &Doc<'_>, st: &Styles) -> Result<(), XlsxError> {
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
    table_head(ws, &mut fit, 3, st)?;
    ws.set_freeze_panes(5, 0)?;
    printable(ws, Some((3, 4)))?;

    let item_of = doc.items();
    let unit_of = doc.units();
    let contingency_label = contingency_label(catalog);
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
            let name = unit.map_or(uy.unit.as_str(), |u| u.name.as_str());
            let note = unit_note(&uy.unit, unit.map(|u| (u.block, u.level)));
            r = section_row(ws, &mut fit, &mut p, r, section, name, &note, st)?;
            let (mut amount, mut vat) = (Decimal::ZERO, Decimal::ZERO);
            for (k, &(i, l)) in own.iter().enumerate() {
                let item = catalog.items.get(i);
                let cells = LineCells {
                    no: k + 1,
                    name: item.map_or(l.item.as_str(), |it| it.name.as_str()),
                    unit_of_measure: item.map_or("", unit_of_measure),
                    quantity: l.quantity,
                    money: [l.unit_price, l.amount, l.vat, l.total].map(Some),
                    note: &line_note(l, catalog, i),
                };
                r = line_row(ws, &mut fit, &mut p, r, &cells, st)?;
                (amount, vat) = (plus(amount, l.amount), plus(vat, l.vat));
            }
            r = contingency_row(
                ws,
                &mut fit,
                &mut p,
                r,
                &contingency_label,
                uy.contingency,
                st,
            )?;
            let money = [amount, vat, uy.total];
            r = total_row(ws, &mut fit, &mut p, r, "Cộng", money, None, st)?;
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
        let note = format!(
            "{} thiết bị, {section} đơn vị; gồm dự phòng {} đồng; ngân sách còn lại {} đồng",
            y.quantity,
            format_vnd(y.contingency),
            format_vnd(y.left)
        );
        let label = format!("Cộng năm {}", y.year);
        let money = [y.amount, y.vat, y.total];
        r = total_row(ws, &mut fit, &mut p, r, &label, money, Some(&note), st)?;
    }
    let sum = |f: fn(&crate::plan::YearTotal) -> Decimal| {
        plan.years.iter().fold(Decimal::ZERO, |s, y| plus(s, f(y)))
    };
    grand_total(
        ws,
        &mut fit,
        r,
        GrandTotal {
            money: [
                sum(|y| y.amount),
                sum(|y| y.vat),
                plan.totals.funded,
                sum(|y| y.contingency),
            ],
            note: &format!(
                "{} năm; {units_funded} lượt đơn vị được bố trí",
                plan.years.len()
            ),
            contingency_label: &contingency_label,
            in_words: &words(plan.totals.funded),
            rows_summed: "dòng Cộng của từng đơn vị, dòng Cộng năm",
        },
        st,
    )?;
    Ok(())
}
