//! `du-toan-tai-chinh.xlsx`: the estimate for the Department of Finance.

use super::xlsx::{new_workbook, num};
use super::RunMeta;
use crate::catalog::Catalog;
use crate::cost::Estimate;
use rust_xlsxwriter::{Format, XlsxError};

pub fn workbook(est: &Estimate, catalog: &Catalog, meta: &RunMeta) -> Result<Vec<u8>, XlsxError> {
    let mut wb = new_workbook(meta.created, "Dự toán kinh phí trang bị CNTT", catalog)?;
    let money = Format::new().set_num_format("#,##0");
    let ws = wb.add_worksheet().set_name("Tổng hợp")?;
    ws.write_string(0, 0, "Tổng cộng")?;
    ws.write_number_with_format(0, 1, num(est.totals.self_total.total), &money)?;
    ws.write_string(1, 0, format!("Bằng chữ: {}.", est.totals.in_words))?;
    wb.save_to_buffer()
}
