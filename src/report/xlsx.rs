//! Shared workbook plumbing: fixed document properties and number conversion for cells.

use super::Created;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

/// A new workbook whose properties (and so its bytes) do not depend on the clock.
pub fn new_workbook(created: Created, title: &str, catalog: &crate::catalog::Catalog) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let dt = ExcelDateTime::from_ymd(created.y, created.m, created.d)?.and_hms(created.hh as u16, created.mm, created.ss as f64)?;
    let props = DocProperties::new()
        .set_title(title)
        .set_author("rasoat")
        .set_company(&catalog.name)
        .set_creation_datetime(&dt);
    wb.set_properties(&props);
    Ok(wb)
}

/// A number cell for an exact amount. Amounts up to 10^15 are exact in f64; the value is
/// only displayed, never computed with.
pub fn num(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}
