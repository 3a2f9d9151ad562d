//! Opening a file as a book of worksheets (SPEC §3 "Files"): xlsx/xlsm/xlsb/xls/ods through
//! calamine, CSV through the csv crate. Limits are checked before anything is decompressed;
//! chart, dialog and macro sheets are not worksheets and are passed over.

use super::cell::{Sheet, Val};
use super::sniff;
use super::values::{parse_date_text, valid_ymd, Date};
use crate::diag::{Limit, Unreadable, WorkbookFormat};
use calamine::{CellErrorType, Data, DataRef, Ods, Reader, SheetType, Xls, Xlsb, Xlsx};
use std::io::Cursor;

/// Per-file limits (SPEC §3 "Files").
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_entry_bytes: u64,
    pub max_total_bytes: u64,
    pub max_sheets: usize,
    pub max_cells: u64,
}

impl Default for Limits {
    fn default() -> Self {
        const MIB: u64 = 1024 * 1024;
        Limits {
            max_file_bytes: 50 * MIB,
            max_entry_bytes: 100 * MIB,
            max_total_bytes: 300 * MIB,
            max_sheets: 255,
            max_cells: 1_000_000,
        }
    }
}

/// Why a file could not be opened or a sheet loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    Unreadable(Unreadable),
    Encrypted,
    TooLarge(Limit),
}

type Rs = Cursor<Vec<u8>>;

/// An opened workbook (or CSV file) whose sheets load on demand.
pub enum Book {
    Xlsx(Box<Xlsx<Rs>>),
    Xlsb(Box<Xlsb<Rs>>),
    Xls(Box<Xls<Rs>>),
    /// With the error cells calamine reads as empty text (see [`super::ods`]).
    Ods(Box<Ods<Rs>>, Vec<super::ods::ErrorCells>),
    Csv(Sheet),
}

const ZIP_MAGIC: &[u8] = b"PK";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Open `bytes`; `csv_ext` says the file is named `.csv` (or is a named file of another kind).
pub fn open(bytes: Vec<u8>, is_csv: bool, limits: &Limits) -> Result<Book, OpenError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(OpenError::TooLarge(Limit::FileSize {
            bytes: bytes.len() as u64,
            max: limits.max_file_bytes,
        }));
    }
    if bytes.is_empty() {
        return Err(OpenError::Unreadable(Unreadable::Empty));
    }
    if bytes.starts_with(ZIP_MAGIC) {
        return open_zip(bytes, limits).and_then(|b| b.checked(limits));
    }
    if bytes.starts_with(CFB_MAGIC) {
        return open_cfb(bytes, limits).and_then(|b| b.checked(limits));
    }
    if let Some(old) = sniff::old_format(&bytes) {
        return Err(OpenError::Unreadable(Unreadable::Old(old)));
    }
    if is_csv {
        return super::csv::read(&bytes, limits).map(Book::Csv);
    }
    Err(OpenError::Unreadable(Unreadable::NotSpreadsheet))
}

fn open_zip(bytes: Vec<u8>, limits: &Limits) -> Result<Book, OpenError> {
    // Check the sizes the archive declares before anything is decompressed.
    let (is_xlsb, is_ods, ods_errors, patched) = {
        let damaged = |e: zip::result::ZipError| {
            OpenError::Unreadable(Unreadable::damaged(WorkbookFormat::Unknown, e))
        };
        let mut z = zip::ZipArchive::new(Cursor::new(&bytes[..])).map_err(damaged)?;
        let mut total: u64 = 0;
        let (mut xlsb, mut ods) = (false, false);
        // A Word or PowerPoint document (`.docx`, `.pptx`) renamed or saved by mistake: it has
        // `word/` or `ppt/` parts and no `xl/` part.
        let (mut workbook_parts, mut other_office) = (false, false);
        for i in 0..z.len() {
            let f = z.by_index_raw(i).map_err(damaged)?;
            let size = f.size();
            let name = f.name().map(|n| n.to_string()).unwrap_or_default();
            if size > limits.max_entry_bytes {
                return Err(OpenError::TooLarge(Limit::EntrySize {
                    entry: name,
                    bytes: size,
                    max: limits.max_entry_bytes,
                }));
            }
            total = total.saturating_add(size);
            workbook_parts |= name.starts_with("xl/");
            other_office |= name.starts_with("word/") || name.starts_with("ppt/");
            match name.as_str() {
                "xl/workbook.bin" => xlsb = true,
                "content.xml" | "mimetype" => ods = true,
                _ => {}
            }
        }
        if other_office && !workbook_parts && !ods {
            return Err(OpenError::Unreadable(Unreadable::OfficeNotWorkbook));
        }
        if total > limits.max_total_bytes {
            return Err(OpenError::TooLarge(Limit::TotalSize {
                bytes: total,
                max: limits.max_total_bytes,
            }));
        }
        let mut ods_errors = Vec::new();
        let mut patched = None;
        if ods {
            ods_errors = ods_grid(&mut z, limits)?;
        } else {
            for (entry, tag, max) in PARTS_COUNTED {
                count_entries(&mut z, entry, tag, max)?;
            }
            patched = super::macro_sheets::as_dialog_sheets(&mut z, xlsb);
        }
        (xlsb, ods, ods_errors, patched)
    };
    let cur = Cursor::new(patched.unwrap_or(bytes));
    Ok(if is_xlsb {
        Book::Xlsb(Box::new(Xlsb::new(cur).map_err(sniff::from_xlsb)?))
    } else if is_ods {
        Book::Ods(
            Box::new(Ods::new(cur).map_err(sniff::from_ods)?),
            ods_errors,
        )
    } else {
        Book::Xlsx(Box::new(Xlsx::new(cur).map_err(sniff::from_xlsx)?))
    })
}

/// Parts calamine reads whole when it opens an xlsx, with the tag of one of their entries and
/// the most entries accepted: Excel writes at most 64,000 cell formats, and a sheet holds at
/// most `max_cells` cells, so two million shared texts leave ample room.
const PARTS_COUNTED: [(&str, &[u8], u64); 2] = [
    ("xl/styles.xml", b"<xf", 200_000),
    ("xl/sharedStrings.xml", b"<si", 2_000_000),
];

/// Refuse a part that lists more than `max` entries (`<xf`, `<si`): a few hundred kilobytes
/// of empty `<xf/>` made calamine hold gigabytes. Parts under 1 MiB as declared cannot hold
/// enough to matter and are not read here.
fn count_entries(
    z: &mut zip::ZipArchive<Cursor<&[u8]>>,
    entry: &str,
    tag: &[u8],
    max: u64,
) -> Result<(), OpenError> {
    use std::io::Read;
    let Ok(f) = z.by_name(entry) else {
        return Ok(());
    };
    let declared = f.size();
    if declared <= 1 << 20 {
        return Ok(());
    }
    let Ok(finder) = aho_corasick::AhoCorasick::new([tag]) else {
        return Ok(());
    };
    // No further than declared (and checked against the entry limit), whatever it inflates to;
    // the stream search finds a tag that straddles two reads.
    let mut count = 0u64;
    for found in finder.stream_find_iter(f.take(declared)) {
        // A damaged entry is left for calamine to report.
        if found.is_err() {
            return Ok(());
        }
        count += 1;
        if count > max {
            return Err(OpenError::TooLarge(Limit::Entries {
                entry: entry.to_string(),
                count,
                max,
            }));
        }
    }
    Ok(())
}

/// calamine expands every ODS sheet into its full grid when the file is opened: refuse a
/// sheet with more non-empty cells than the limit, or grids over the limit in all, before that;
/// and a sheet that is never closed, which calamine would read forever. The same pass finds
/// the error cells, which calamine reads as empty text.
fn ods_grid(
    z: &mut zip::ZipArchive<Cursor<&[u8]>>,
    limits: &Limits,
) -> Result<Vec<super::ods::ErrorCells>, OpenError> {
    use std::io::Read;
    let mut xml = Vec::new();
    match z.by_name("content.xml") {
        Ok(mut f) => {
            // A damaged entry is left for calamine to report.
            if f.read_to_end(&mut xml).is_err() {
                return Ok(Vec::new());
            }
        }
        Err(_) => return Ok(Vec::new()),
    }
    let super::ods::Scan {
        tables,
        unclosed,
        errors,
    } = super::ods::scan(&xml);
    if unclosed {
        return Err(OpenError::Unreadable(Unreadable::damaged(
            WorkbookFormat::Ods,
            "a sheet is never closed",
        )));
    }
    let max = limits.max_cells;
    if let Some(t) = tables.iter().find(|t| t.cells > max) {
        return Err(OpenError::TooLarge(Limit::Cells {
            sheet: crate::fold::display(&t.name),
            max,
        }));
    }
    // Every sheet is expanded when the file is opened: the grids count together.
    let total = tables.iter().fold(0u64, |a, t| a.saturating_add(t.grid));
    if total > max {
        let largest = tables
            .iter()
            .max_by_key(|t| t.grid)
            .map(|t| crate::fold::display(&t.name))
            .unwrap_or_default();
        return Err(OpenError::TooLarge(Limit::Grid {
            sheet: largest,
            cells: total,
            max,
        }));
    }
    Ok(errors)
}

fn open_cfb(mut bytes: Vec<u8>, limits: &Limits) -> Result<Book, OpenError> {
    // calamine trusts a compound file's chains and dimensions: check them first.
    super::xls::guard(&mut bytes, limits)?;
    match Xls::new(Cursor::new(bytes.clone())) {
        Ok(x) => Ok(Book::Xls(Box::new(x))),
        Err(e) => {
            let why = sniff::from_xls(e, &bytes);
            // An encrypted xlsx is a compound file holding an `EncryptedPackage`.
            match Xlsx::new(Cursor::new(bytes)) {
                Err(calamine::XlsxError::Password) => Err(OpenError::Encrypted),
                _ => Err(why),
            }
        }
    }
}

/// The cells, empty ones included, that the reader goes through in one file's sheets.
pub const MAX_VISITS: u64 = 20_000_000;

/// Rows and columns of an Excel sheet (1,048,576 × 16,384).
pub(crate) const EXCEL_ROWS: u32 = 1 << 20;
pub(crate) const EXCEL_COLS: u32 = 1 << 14;

/// Read a sheet's held cells one by one (xlsx and xlsb readers have the same shape but no
/// common trait), keeping the non-empty ones up to the cell limit.
macro_rules! stream_cells {
    ($book:expr, $name:expr, $cells:expr, $max:expr, $too_many:expr, $visits:expr, $format:expr, $err:expr) => {{
        let mut r = $book.worksheet_cells_reader($name).map_err($err)?;
        while let Some(c) = r.next_cell().map_err($err)? {
            // Empty cells cost time too: 255 sheets of empty `<c/>` took minutes.
            *$visits = $visits
                .checked_sub(1)
                .ok_or(OpenError::TooLarge(Limit::Visited { max: MAX_VISITS }))?;
            let v = from_ref(c.get_value());
            if !v.is_empty() {
                if $cells.len() as u64 >= $max {
                    return Err($too_many());
                }
                let (row, col) = c.get_position();
                // Past Excel's last row or column no spreadsheet program wrote the cell, and
                // reading down to row 4,294,967,295 would take minutes.
                if row >= EXCEL_ROWS || col >= EXCEL_COLS {
                    return Err(OpenError::Unreadable(Unreadable::damaged(
                        $format,
                        format!(
                            "a cell lies outside a spreadsheet's grid (row {}, column {})",
                            u64::from(row) + 1,
                            u64::from(col) + 1
                        ),
                    )));
                }
                $cells.push((row, col, v));
            }
        }
    }};
}

impl Book {
    /// Every sheet of the workbook, worksheet or not (CSV: none).
    fn all_sheets(&self) -> &[calamine::Sheet] {
        match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xlsb(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(b, _) => b.sheets_metadata(),
            Book::Csv(_) => &[],
        }
    }

    /// The worksheets' names, in workbook order: chart, dialog and Excel 4 macro sheets and
    /// VBA modules hold no table (officers add charts) and are passed over.
    pub fn sheet_names(&self) -> Vec<String> {
        if let Book::Csv(_) = self {
            return vec![String::new()];
        }
        self.all_sheets()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect()
    }

    /// At most the sheet limit, and at least one worksheet.
    fn checked(self, limits: &Limits) -> Result<Book, OpenError> {
        let all = self.all_sheets().len();
        if all > limits.max_sheets {
            return Err(OpenError::TooLarge(Limit::Sheets {
                count: all,
                max: limits.max_sheets,
            }));
        }
        if self.sheet_names().is_empty() {
            let why = if all == 0 {
                Unreadable::Empty
            } else {
                Unreadable::NoWorksheet
            };
            return Err(OpenError::Unreadable(why));
        }
        Ok(self)
    }

    /// Load one sheet's held cells; more than `max_cells` non-empty cells is an error, and so
    /// is going through more cells than `visits` has left (it counts them down: one per file).
    pub fn load(
        &mut self,
        name: &str,
        max_cells: u64,
        visits: &mut u64,
    ) -> Result<Sheet, OpenError> {
        let too_many = || {
            OpenError::TooLarge(Limit::Cells {
                sheet: name.to_string(),
                max: max_cells,
            })
        };
        let mut cells = Vec::new();
        match self {
            Book::Csv(s) => return Ok(s.clone()),
            // xlsx and xlsb stream the cells a sheet holds; a declared dimension costs nothing.
            Book::Xlsx(b) => stream_cells!(
                b,
                name,
                cells,
                max_cells,
                too_many,
                visits,
                WorkbookFormat::Xlsx,
                sniff::from_xlsx
            ),
            Book::Xlsb(b) => stream_cells!(
                b,
                name,
                cells,
                max_cells,
                too_many,
                visits,
                WorkbookFormat::Xlsb,
                sniff::from_xlsb
            ),
            Book::Xls(b) => {
                let range = b
                    .worksheet_range(name)
                    .map_err(|e| sniff::from_xls(e, &[]))?;
                dense(&range, &mut cells, max_cells).ok_or_else(too_many)?;
            }
            Book::Ods(b, errors) => {
                let range = b.worksheet_range(name).map_err(sniff::from_ods)?;
                dense(&range, &mut cells, max_cells).ok_or_else(too_many)?;
                super::ods::overlay_errors(errors, name, &mut cells, max_cells)
                    .ok_or_else(too_many)?;
            }
        }
        // Sheet names are shown in outputs: NFC, trimmed (SPEC §3), like every other text.
        Ok(Sheet::new(Some(crate::fold::display(name)), cells))
    }
}

fn dense(range: &calamine::Range<Data>, out: &mut Vec<(u32, u32, Val)>, max: u64) -> Option<()> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, d) in range.used_cells() {
        let v = from_data(d);
        if !v.is_empty() {
            if out.len() as u64 >= max {
                return None;
            }
            out.push((r0 + r as u32, c0 + c as u32, v));
        }
    }
    Some(())
}

fn err_text(e: &CellErrorType) -> String {
    e.to_string()
}

fn date_of(d: &calamine::ExcelDateTime) -> Val {
    let f = d.as_f64();
    if d.is_duration() || !f.is_finite() || !(0.0..2_958_466.0).contains(&f) {
        return Val::Float(f);
    }
    let (y, m, dd, ..) = d.to_ymd_hms_milli();
    if valid_ymd(y as i32, m as u32, dd as u32) {
        Val::Date(Date {
            y: y as i32,
            m: m as u32,
            d: dd as u32,
        })
    } else {
        Val::Float(f)
    }
}

fn iso(s: &str) -> Val {
    match parse_date_text(s) {
        Some(d) => Val::Date(d),
        None => Val::Text(s.to_string()),
    }
}

fn from_ref(d: &DataRef<'_>) -> Val {
    match d {
        DataRef::Int(i) => Val::Int(*i),
        DataRef::Float(f) => Val::Float(*f),
        DataRef::String(s) => Val::Text(s.clone()),
        DataRef::SharedString(s) => Val::Text((*s).to_string()),
        DataRef::Bool(b) => Val::Bool(*b),
        DataRef::DateTime(dt) => date_of(dt),
        DataRef::DateTimeIso(s) => iso(s),
        DataRef::DurationIso(s) => Val::Text(s.clone()),
        DataRef::Error(e) => Val::Error(err_text(e)),
        DataRef::Empty => Val::Empty,
    }
}

fn from_data(d: &Data) -> Val {
    match d {
        Data::Int(i) => Val::Int(*i),
        Data::Float(f) => Val::Float(*f),
        Data::String(s) => Val::Text(s.clone()),
        Data::Bool(b) => Val::Bool(*b),
        Data::DateTime(dt) => date_of(dt),
        Data::DateTimeIso(s) => iso(s),
        Data::DurationIso(s) => Val::Text(s.clone()),
        Data::Error(e) => Val::Error(err_text(e)),
        Data::Empty => Val::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells gone through, empty ones included, count down across the sheets of a file;
    /// the sheet that runs out is refused whatever it holds.
    #[test]
    fn visits_are_counted_across_sheets_and_include_empty_cells() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let blank = rust_xlsxwriter::Format::new().set_bold();
        for name in ["a", "b"] {
            let ws = wb.add_worksheet().set_name(name).unwrap();
            ws.write_number(0, 0, 1.0).unwrap();
            // Nine formatted empty cells: `<c r=".." s=".."/>`, held by the sheet.
            for c in 1..10 {
                ws.write_blank(0, c, &blank).unwrap();
            }
        }
        let bytes = wb.save_to_buffer().unwrap();
        let mut book = open(bytes, false, &Limits::default()).unwrap();
        let mut visits = 15;
        let a = book.load("a", 1_000, &mut visits).unwrap();
        assert_eq!(a.get(0, 0), &Val::Float(1.0));
        assert_eq!(visits, 5, "ten cells of sheet a, nine of them empty");
        assert!(matches!(
            book.load("b", 1_000, &mut visits),
            Err(OpenError::TooLarge(Limit::Visited { .. }))
        ));
    }
}
