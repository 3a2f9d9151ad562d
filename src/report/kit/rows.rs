//! Speed for big tables (no SPEC section): a big table's rows given their formats by runs (see [`RowFormats`]): the Finance detail
//! table of a national run has 300,000 rows.

use super::{amount, plain, plain_count};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// The formats of one row of a big table, given by runs when the row ends. rust_xlsxwriter
/// hashes and compares a whole `Format` on every formatted write, which was half the time of
/// the Finance detail table of a national run. Here cells are written unformatted, and each run
/// of neighbouring cells that share a format gets it in one `set_range_format`. The bytes are
/// the same as writing every cell with its format.
///
/// A run stays within its row: a constant-memory sheet writes a row out as soon as a cell of a
/// later row is written, so formats cannot wait for the rows below.
pub struct RowFormats<'f> {
    pub(super) row: u32,
    /// Columns in the order they were given, with their formats.
    cells: Vec<(u16, &'f Format)>,
    /// A value went into the row, so rust_xlsxwriter holds it as its current row.
    holds: bool,
    /// Columns the sheet's used range spans so far (`set_range_format` does not widen it).
    span: Option<(u16, u16)>,
}

impl Default for RowFormats<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'f> RowFormats<'f> {
    pub fn new() -> RowFormats<'f> {
        RowFormats {
            row: 0,
            cells: Vec::with_capacity(16),
            holds: false,
            span: None,
        }
    }

    /// Start row `row`; the previous one must have ended.
    pub fn begin(&mut self, row: u32) {
        self.row = row;
        self.cells.clear();
        self.holds = false;
    }

    /// Give column `col` of the row the format `f`; an empty cell becomes a formatted blank.
    pub fn mark(&mut self, col: u16, f: &'f Format) {
        self.cells.push((col, f));
    }

    /// [`text`], formatted when the row ends.
    pub fn text(
        &mut self,
        ws: &mut Worksheet,
        col: u16,
        s: &str,
        f: &'f Format,
    ) -> Result<(), XlsxError> {
        if !s.is_empty() {
            plain(ws, self.row, col, s)?;
            self.wrote(col);
        }
        self.mark(col, f);
        Ok(())
    }

    /// [`count`], formatted when the row ends.
    pub fn count(
        &mut self,
        ws: &mut Worksheet,
        col: u16,
        n: u64,
        f: &'f Format,
    ) -> Result<(), XlsxError> {
        plain_count(ws, self.row, col, n)?;
        self.wrote(col);
        self.mark(col, f);
        Ok(())
    }

    /// [`money`], formatted when the row ends.
    pub fn money(
        &mut self,
        ws: &mut Worksheet,
        col: u16,
        d: Option<Decimal>,
        f: &'f Format,
    ) -> Result<(), XlsxError> {
        if let Some(d) = d {
            amount(ws, self.row, col, d, None)?;
            self.wrote(col);
        }
        self.mark(col, f);
        Ok(())
    }

    /// A value went into column `col` of the row.
    fn wrote(&mut self, col: u16) {
        self.holds = true;
        self.span = Some(
            self.span
                .map_or((col, col), |(a, b)| (a.min(col), b.max(col))),
        );
    }

    /// Give the row's cells their formats, one lookup per run of equal formats.
    pub fn end(&mut self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let row = self.row;
        // Later marks of a column win, as later writes would.
        self.cells.sort_by_key(|&(c, _)| c);
        let mut cells = std::mem::take(&mut self.cells);
        cells.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                earlier.1 = later.1;
                true
            } else {
                false
            }
        });
        let mut i = 0;
        while i < cells.len() {
            let (first, f) = cells[i];
            let mut j = i + 1;
            while j < cells.len() && cells[j].0 == cells[j - 1].0 + 1 && std::ptr::eq(cells[j].1, f)
            {
                j += 1;
            }
            let last = cells[j - 1].0;
            // The part of the run inside the used range so far gets its format in one call,
            // once the row is rust_xlsxwriter's current row (a value went into it). Cells
            // outside that range hold no value (every write widens it) and only a write
            // widens it: those, and every cell of a row of blanks only, are written as
            // formatted blanks one by one.
            let inside = match self.span {
                Some((a, b)) if self.holds => {
                    Some((first.max(a), last.min(b))).filter(|(x, y)| x <= y)
                }
                _ => None,
            };
            if let Some((x, y)) = inside {
                ws.set_range_format(row, x, row, y, f)?;
            }
            for c in first..=last {
                if inside.is_some_and(|(x, y)| (x..=y).contains(&c)) {
                    continue;
                }
                ws.write_blank(row, c, f)?;
                self.wrote(c);
            }
            i = j;
        }
        cells.clear();
        self.cells = cells;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::Styles;
    use super::*;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

    /// Cells given their formats by runs make the same file as cells written with them, in a
    /// constant-memory sheet: a row of values and blanks, a row of blanks only, a mark before
    /// the row's first value, an amount too large for a number cell, and a run that starts on
    /// a value and goes past the columns used so far.
    #[test]
    fn row_formats_make_the_bytes_of_formatted_writes() -> Result<(), XlsxError> {
        let st = Styles::new();
        let huge = Decimal::from(10_000_000_000_000_000i64);
        let book = |by_runs: bool| -> Result<Vec<u8>, XlsxError> {
            let mut wb = Workbook::new();
            let dt = ExcelDateTime::from_ymd(2025, 1, 1)?;
            wb.set_properties(&DocProperties::new().set_creation_datetime(&dt));
            st.register(&mut wb);
            let ws = wb.add_worksheet_with_constant_memory()?;
            if by_runs {
                let mut p = RowFormats::new();
                p.begin(0);
                p.text(ws, 0, "Máy tính", &st.cell_b)?;
                p.money(ws, 1, Some(Decimal::from(18_490_000)), &st.amount)?;
                p.money(ws, 2, None, &st.amount)?;
                p.count(ws, 3, 2, &st.qty)?;
                p.mark(4, &st.cell);
                p.text(ws, 5, "", &st.cell)?;
                p.end(ws)?;
                p.begin(1);
                p.mark(0, &st.cell);
                p.mark(1, &st.cell);
                p.mark(3, &st.cell_c);
                p.end(ws)?;
                p.begin(2);
                p.mark(2, &st.cell);
                p.text(ws, 0, "Cộng", &st.cell_b)?;
                p.money(ws, 1, Some(huge), &st.amount_b)?;
                p.end(ws)?;
                // A run that starts on a value and goes on past the used range so far.
                p.begin(3);
                p.count(ws, 5, 7, &st.qty)?;
                p.mark(6, &st.qty);
                p.mark(7, &st.qty);
                p.end(ws)?;
            } else {
                ws.write_string_with_format(0, 0, "Máy tính", &st.cell_b)?;
                ws.write_number_with_format(0, 1, 18_490_000.0, &st.amount)?;
                ws.write_blank(0, 2, &st.amount)?;
                ws.write_number_with_format(0, 3, 2.0, &st.qty)?;
                ws.write_blank(0, 4, &st.cell)?;
                ws.write_blank(0, 5, &st.cell)?;
                ws.write_blank(1, 0, &st.cell)?;
                ws.write_blank(1, 1, &st.cell)?;
                ws.write_blank(1, 3, &st.cell_c)?;
                ws.write_string_with_format(2, 0, "Cộng", &st.cell_b)?;
                let words = crate::cost::money::format_vnd(huge);
                ws.write_string_with_format(2, 1, words, &st.amount_b)?;
                ws.write_blank(2, 2, &st.cell)?;
                ws.write_number_with_format(3, 5, 7.0, &st.qty)?;
                ws.write_blank(3, 6, &st.qty)?;
                ws.write_blank(3, 7, &st.qty)?;
            }
            wb.save_to_buffer()
        };
        let (runs, cells) = (book(true)?, book(false)?);
        assert!(runs == cells, "the files differ");
        Ok(())
    }
}
