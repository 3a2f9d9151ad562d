//! `du-toan-tai-chinh.xlsx`: the estimate for the Department of Finance (dự toán kinh phí).
//!
//! Five sheets: `Tổng hợp` (summary with the document header and the grand total in words),
//! `Chi tiết` (the official table STT | Nội dung | ĐVT | Số lượng | Đơn giá | Thành tiền |
//! Thuế GTGT | Cộng | Ghi chú, one Roman-numbered section per unit), `Loại trừ` (what is not in
//! the estimate, and why), `Lỗi dữ liệu` (every diagnostic) and `Nguồn` (catalog, prices and
//! the SHA-256 of every input file).
//!
//! Every amount printed is a figure of the estimate (a line's cost, `unit_totals`, `totals`) or
//! a sum of such figures taken the way the estimate takes it, so each table adds up on paper
//! and agrees with `needs.json` to the đồng. Nothing here rounds or multiplies money.

use super::kit::{new_workbook, Styles};
use super::RunMeta;
use crate::catalog::{Basis, Block, Catalog, Level, SELF};
use crate::cost::money::plus;
use crate::cost::Estimate;
use crate::diag::Lang;
use crate::needs::{NeedLine, Outcome};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// The document title (tên văn bản).
pub const TITLE: &str = "DỰ TOÁN KINH PHÍ TRANG BỊ HẠ TẦNG MẠNG VÀ THIẾT BỊ ĐẦU CUỐI";

/// The headers of the detail table; the first seven are the official estimate form.
pub const DETAIL_HEADERS: [&str; 9] = [
    "STT",
    "Nội dung",
    "ĐVT",
    "Số lượng",
    "Đơn giá",
    "Thành tiền",
    "Thuế GTGT",
    "Cộng",
    "Ghi chú",
];

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
    let p = Pieces::new(est, catalog, meta)?;
    let (a, b) = rayon::join(|| p.detail(), || p.rest());
    a?;
    b?;
    p.save(w)
}

/// Cells of the detail table, the workbook's bulk (for scheduling the outputs).
pub fn bulk(est: &Estimate) -> usize {
    let lines = est
        .needs
        .lines
        .iter()
        .filter(|l| &*l.channel == SELF && l.quantity > 0)
        .count();
    (lines + 3 * est.needs.units.len()) * 9
}

/// The workbook in the pieces that can be built at once on different threads: the detail
/// table (most of the work at national scale), the other sheets, and the save, which waits
/// for both. Formats are registered first, so the bytes do not depend on which piece runs
/// first or where.
pub struct Pieces<'a> {
    est: &'a Estimate,
    catalog: &'a Catalog,
    meta: &'a RunMeta,
    st: Styles,
    wb: Mutex<Option<Workbook>>,
    /// `Chi tiết`, then `Loại trừ`, `Lỗi dữ liệu` and `Nguồn`: filled on their own, added
    /// after `Tổng hợp` in this order when the workbook is saved.
    detail: Mutex<Option<Worksheet>>,
    rest: Mutex<Option<[Worksheet; 3]>>,
    /// Pieces still to fill, and whether one failed.
    left: AtomicUsize,
    failed: AtomicBool,
}

impl<'a> Pieces<'a> {
    /// The workbook with its summary sheet, and the sheets the pieces fill.
    pub fn new(
        est: &'a Estimate,
        catalog: &'a Catalog,
        meta: &'a RunMeta,
    ) -> Result<Pieces<'a>, XlsxError> {
        let mut wb = new_workbook(
            meta.created,
            "Dự toán kinh phí trang bị hạ tầng mạng và thiết bị đầu cuối",
            catalog,
        )?;
        let st = Styles::new();
        st.register(&mut wb);
        summary(wb.add_worksheet().set_name("Tổng hợp")?, est, catalog, &st)?;
        let detail = super::kit::standalone_sheet(&mut wb, "Chi tiết")?;
        let rest = [
            super::kit::standalone_sheet(&mut wb, "Loại trừ")?,
            super::kit::standalone_sheet(&mut wb, "Lỗi dữ liệu")?,
            super::kit::standalone_sheet(&mut wb, "Nguồn")?,
        ];
        Ok(Pieces {
            est,
            catalog,
            meta,
            st,
            wb: Mutex::new(Some(wb)),
            detail: Mutex::new(Some(detail)),
            rest: Mutex::new(Some(rest)),
            left: AtomicUsize::new(2),
            failed: AtomicBool::new(false),
        })
    }

    /// Fill the detail table. `Ok(true)`: every piece is filled, the workbook can be saved.
    pub fn detail(&self) -> Result<bool, XlsxError> {
        let r = match lock(&self.detail).as_mut() {
            Some(ws) => detail(ws, self.est, self.catalog, &self.st),
            None => Ok(()),
        };
        self.filled(r)
    }

    /// Fill the other sheets. `Ok(true)`: every piece is filled, the workbook can be saved.
    pub fn rest(&self) -> Result<bool, XlsxError> {
        let r = match lock(&self.rest).as_mut() {
            Some([exc, diag, src]) => excluded(exc, self.est, self.catalog, &self.st)
                .and_then(|()| diagnostics(diag, self.est, &self.st))
                .and_then(|()| sources(src, self.est, self.catalog, self.meta, &self.st)),
            None => Ok(()),
        };
        self.filled(r)
    }

    fn filled(&self, r: Result<(), XlsxError>) -> Result<bool, XlsxError> {
        if r.is_err() {
            self.failed.store(true, Ordering::SeqCst);
        }
        let last = self.left.fetch_sub(1, Ordering::SeqCst) == 1;
        r.map(|()| last && !self.failed.load(Ordering::SeqCst))
    }

    /// Add the filled sheets in their order and stream the workbook (zipped) into `w`.
    pub fn save<W: std::io::Write + Send>(&self, w: W) -> Result<(), XlsxError> {
        let mut wb = lock(&self.wb).take().ok_or_else(already_saved)?;
        let detail = lock(&self.detail).take().ok_or_else(already_saved)?;
        let rest = lock(&self.rest).take().ok_or_else(already_saved)?;
        wb.push_worksheet(detail);
        for ws in rest {
            wb.push_worksheet(ws);
        }
        wb.save_to_writer(w)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Poisoning is ignored: no piece can panic, and a panic in one would end the run anyway
    // (rayon passes it on once the other tasks are done).
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn already_saved() -> XlsxError {
    XlsxError::ParameterError("the Finance workbook was already saved".into())
}

pub(crate) mod detail;
mod lists;
mod summary;

use detail::detail;
use lists::{diagnostics, excluded, sources};
use summary::summary;

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces in any order make the workbook `write` makes; only the last piece to finish
    /// says the workbook can be saved, and it is saved once.
    #[test]
    fn pieces_in_either_order_make_the_same_workbook() -> Result<(), Box<dyn std::error::Error>> {
        let catalog = Catalog::load(None).map_err(|e| format!("{e:?}"))?;
        let needs = crate::needs::compute(Vec::new(), &catalog, 2025);
        let est = crate::cost::estimate(needs, &catalog).map_err(|e| e.message(Lang::En))?;
        let meta = RunMeta {
            files: vec![("a.xlsx".into(), "00".repeat(32))],
            created: super::super::creation_time(&catalog, Some("1700000000")),
        };
        let whole = workbook(&est, &catalog, &meta)?;
        let p = Pieces::new(&est, &catalog, &meta)?;
        assert!(!p.rest()?, "one piece is still to fill");
        assert!(p.detail()?, "the last piece says the workbook can be saved");
        let mut bytes = Vec::new();
        p.save(&mut bytes)?;
        assert!(bytes == whole, "the pieces make another workbook");
        assert!(p.save(Vec::new()).is_err(), "a workbook is saved once");
        Ok(())
    }
}
