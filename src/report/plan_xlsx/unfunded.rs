//! `Chưa bố trí` of the roadmap (SPEC §11 step 4): what no year funds.

use super::*;

/// Column widths of `Chưa bố trí`, in characters.
const UNFUNDED_WIDTHS: [f64; 11] = [6.0, 21.0, 34.0, 15.0, 34.0, 10.0, 9.0, 9.0, 9.0, 14.0, 17.0];

/// Sheet 3, `Chưa bố trí`: the devices no year funds, with their §5 line totals (VAT, no
/// contingency), by unit then item as `plan.json` lists them.
pub(super) fn unfunded(ws: &mut Worksheet, doc: &Doc<'_>, st: &Styles) -> Result<(), XlsxError> {
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
        fit.list_text(ws, r, 1, &u.unit, st)?;
        let name = unit_of.get(u.unit.as_str()).map_or("", |x| x.name.as_str());
        fit.list_text(ws, r, 2, name, st)?;
        fit.list_text(ws, r, 3, &u.item, st)?;
        fit.list_text(ws, r, 4, item.map_or("", |i| i.name.as_str()), st)?;
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
