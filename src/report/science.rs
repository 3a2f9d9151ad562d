//! `khai-toan-khcn.xlsx`: quantities and preliminary cost for the Department of Science & Technology.

use super::xlsx::{new_workbook, num};
use super::RunMeta;
use crate::catalog::Catalog;
use crate::cost::Estimate;
use rust_xlsxwriter::{Format, XlsxError};

pub fn workbook(est: &Estimate, catalog: &Catalog, meta: &RunMeta) -> Result<Vec<u8>, XlsxError> {
    let mut wb = new_workbook(meta.created, "Khái toán trang thiết bị CNTT", catalog)?;
    let money = Format::new().set_num_format("#,##0");
    let ws = wb.add_worksheet().set_name("Theo thiết bị")?;
    ws.write_string(0, 0, "Tổng cộng")?;
    ws.write_number_with_format(0, 1, num(est.totals.self_total.total), &money)?;
    wb.save_to_buffer()
}
