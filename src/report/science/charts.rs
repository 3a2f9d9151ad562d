//! `Biểu đồ` (S&T workbook, SPEC §1): native column charts of cost by item group and by block, fed from small tables on
//! the sheet.

use super::sums::{Agg, ByBlock};
use super::*;

/// Sheet 4, `Biểu đồ`: cost by item group and by block, as tables and native column charts.
pub(super) fn charts(
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
