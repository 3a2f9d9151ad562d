//! `khai-toan-khcn.xlsx` (SPEC §1): quantities and preliminary cost (khái toán) for the Department of
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
    blank, count, money, new_workbook, plain_count, printable, text, Fit, Styles, LIST_ROWS,
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

mod charts;
mod failing;
mod sums;
mod tables;

use charts::charts;
use failing::not_usable;
use sums::{per_item, ByBlock};
use tables::{by_block_level, by_item};
