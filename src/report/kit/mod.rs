//! The workbook kit (no SPEC section of its own; SPEC §5 says how amounts read): everything a document module needs to put an official Vietnamese table on
//! paper, so that each document (Finance, S&T, hand-over lists, diff, roadmap, a unit's own
//! estimate) holds only its own layout. Here: fixed document properties, number conversion and
//! the cell writers; [`rows`] gives a big table's rows their formats by runs, [`fit`] sizes
//! columns and wrapped rows and sets up printing, [`styles`] holds the formats, [`blocks`] the
//! official header, the `Bằng chữ` line and the signature block.
//!
//! Text always goes through [`text`] (rust_xlsxwriter's `write_string`), so a unit named
//! `=HYPERLINK(...)` stays inert text; amounts always go through [`money`] as numbers with a
//! `#,##0` format, never as preformatted strings. The Vietnamese renderings of the domain
//! (Roman numerals, dates, reasons …) are in [`super::vi`], which knows nothing of xlsx.

mod blocks;
mod fit;
mod rows;
mod styles;

pub use blocks::{
    approval_signatures, in_words_row, motto, office_header, signatures, state_header, Signer,
};
pub use fit::{break_lines, lines_for, printable, usual_lines, widths, Fit, SAMPLE_ROWS};
pub use rows::RowFormats;
pub use styles::Styles;
use styles::FONT;

use super::Created;
use crate::base::{fits_a_cell, MAX_TEXT};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// A new workbook whose properties (and so its bytes) do not depend on the clock.
pub fn new_workbook(
    created: Created,
    title: &str,
    catalog: &crate::catalog::Catalog,
) -> Result<Workbook, XlsxError> {
    new_workbook_for(created, title, &catalog.name)
}

/// [`new_workbook`] for a document made without a catalog at hand (`diff` reads two
/// needs.json files): `company` is the catalog name they carry.
pub fn new_workbook_for(
    created: Created,
    title: &str,
    company: &str,
) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    // Fast compression: these workbooks are written on every run, often over thousands of units.
    wb.set_zip_compression_level(1);
    wb.set_default_format(&default_format(), DEFAULT_ROW_PX, DEFAULT_COL_PX)?;
    let dt = ExcelDateTime::from_ymd(created.y, created.m, created.d)?.and_hms(
        created.hh as u16,
        created.mm,
        created.ss as f64,
    )?;
    let props = DocProperties::new()
        .set_title(title)
        .set_author("rasoat")
        .set_company(clip(company))
        .set_creation_datetime(&dt);
    wb.set_properties(&props);
    Ok(wb)
}

/// Run a streaming workbook writer into a buffer.
pub fn in_memory(
    write: impl FnOnce(&mut Vec<u8>) -> Result<(), XlsxError>,
) -> Result<Vec<u8>, XlsxError> {
    let mut b = Vec::new();
    write(&mut b)?;
    Ok(b)
}

/// The format of cells written without one (the long lists): the documents' font, Times New
/// Roman 12, whose digits are 8 px wide (a default column is 72 px) in rows 21 px tall.
pub fn default_format() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12)
}
pub const DEFAULT_ROW_PX: u32 = 21;
pub const DEFAULT_COL_PX: u32 = 72;

/// A standalone constant-memory sheet of `wb` (to be filled on another thread and pushed
/// later). rust_xlsxwriter gives such sheets the stock default format, not the workbook's.
pub fn standalone_sheet(wb: &mut Workbook, name: &str) -> Result<Worksheet, XlsxError> {
    let mut ws = wb.new_worksheet_with_constant_memory()?;
    ws.set_default_format(&default_format(), DEFAULT_ROW_PX, DEFAULT_COL_PX)?;
    ws.set_name(name)?;
    Ok(ws)
}

/// The largest amount a spreadsheet number cell shows to the đồng: Excel keeps 15
/// significant digits (its cells are IEEE doubles).
const EXACT_IN_A_CELL: i64 = 999_999_999_999_999;

/// The amount as a spreadsheet number, when the cell shows it exactly. This is the only
/// place money leaves `Decimal`, and only to be displayed.
pub fn cell_number(d: Decimal) -> Option<f64> {
    if d.abs() > Decimal::from(EXACT_IN_A_CELL) || !d.fract().is_zero() {
        return None;
    }
    d.to_f64()
}

/// Last row a list sheet writes to; Excel has 1,048,576 rows. Longer lists end with a note
/// pointing to the JSON outputs instead of failing the whole workbook.
pub const LAST_ROW: u32 = 1_048_000;

/// Rows a list sheet (excluded lines, diagnostics, failing equipment) holds before it stops
/// with a note. A city-wide run stays well below; a national run would otherwise write a
/// million rows nobody can use in a spreadsheet (the JSON outputs and `rasoat explain` have all).
pub const LIST_ROWS: u32 = 100_000;

/// `s`, cut (with `…`) to what one Excel cell can hold. Hostile inputs carry long names.
pub fn clip(s: &str) -> String {
    if fits_a_cell(s) {
        return s.to_string();
    }
    let mut out = String::new();
    let mut n = 0;
    for c in s.chars() {
        n += c.len_utf16();
        if n > MAX_TEXT - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Write text as a string cell (never a formula, whatever it starts with).
pub fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, f: &Format) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, col, clip(s), f)?;
    Ok(())
}

/// Write text as an unformatted string cell. Long lists use these: rust_xlsxwriter hashes a
/// cell's `Format` on every write, which made formatted lists most of a run's time.
pub fn plain(ws: &mut Worksheet, row: u32, col: u16, s: &str) -> Result<(), XlsxError> {
    ws.write_string(row, col, clip(s))?;
    Ok(())
}

/// Write a count as an unformatted number cell.
pub fn plain_count(ws: &mut Worksheet, row: u32, col: u16, n: u64) -> Result<(), XlsxError> {
    ws.write_number(row, col, n as f64)?;
    Ok(())
}

/// Write an amount as a number cell; `None` (no price) leaves a formatted blank.
pub fn money(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    d: Option<Decimal>,
    f: &Format,
) -> Result<(), XlsxError> {
    match d {
        Some(d) => amount(ws, row, col, d, Some(f)),
        None => {
            ws.write_blank(row, col, f)?;
            Ok(())
        }
    }
}

/// An amount as a number cell, or, over 15 digits (which a number cell would round), as its
/// digits in a text cell.
fn amount(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    d: Decimal,
    f: Option<&Format>,
) -> Result<(), XlsxError> {
    match (cell_number(d), f) {
        (Some(x), Some(f)) => ws.write_number_with_format(row, col, x, f)?,
        (Some(x), None) => ws.write_number(row, col, x)?,
        (None, Some(f)) => {
            ws.write_string_with_format(row, col, crate::cost::money::format_vnd(d), f)?
        }
        (None, None) => ws.write_string(row, col, crate::cost::money::format_vnd(d))?,
    };
    Ok(())
}

/// Write a count as a number cell.
pub fn count(ws: &mut Worksheet, row: u32, col: u16, n: u64, f: &Format) -> Result<(), XlsxError> {
    ws.write_number_with_format(row, col, n as f64, f)?;
    Ok(())
}

/// A formatted empty cell (keeps the table's borders).
pub fn blank(ws: &mut Worksheet, row: u32, col: u16, f: &Format) -> Result<(), XlsxError> {
    ws.write_blank(row, col, f)?;
    Ok(())
}

/// Merge `first..=last` columns of a row into one cell holding `s`.
pub fn merged(
    ws: &mut Worksheet,
    row: u32,
    first: u16,
    last: u16,
    s: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if first == last {
        return text(ws, row, first, s, f);
    }
    ws.merge_range(row, first, row, last, &clip(s), f)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_become_cell_numbers_only_when_exact() {
        assert_eq!(
            cell_number(Decimal::from(48_368_719_416i64)),
            Some(48_368_719_416.0)
        );
        assert_eq!(
            cell_number(Decimal::from(999_999_999_999_999i64)),
            Some(999_999_999_999_999.0)
        );
        assert_eq!(cell_number(Decimal::from(1_000_000_000_000_000i64)), None);
        assert_eq!(cell_number(Decimal::new(15, 1)), None);
        assert_eq!(cell_number(Decimal::from(-5)), Some(-5.0));
    }

    /// One part of a saved workbook, as text.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        xml
    }

    /// Text that fits its column stays an unformatted cell; longer text is wrapped, and its
    /// row gets the height of its lines (LibreOffice does not grow a row of a written file).
    #[test]
    fn list_text_wraps_only_when_wider_than_its_column() -> Result<(), XlsxError> {
        let st = Styles::new();
        let mut wb = Workbook::new();
        st.register(&mut wb);
        let ws = wb.add_worksheet();
        let mut fit = Fit::new(ws, &[6.0])?;
        fit.list_text(ws, 0, 0, "Hỏng", &st)?;
        fit.list_text(ws, 1, 0, "Hết thời gian sử dụng", &st)?;
        let bytes = wb.save_to_buffer()?;
        let xml = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(xml.contains(r#"<c r="A1" t="s">"#), "{xml}");
        let head = r#"<c r="A2" s=""#;
        let at = xml.find(head).expect("A2 has a format") + head.len();
        let index: usize = xml[at..].split('"').next().unwrap().parse().unwrap();
        let styles = part(&bytes, "xl/styles.xml");
        let xfs = &styles[styles.find("<cellXfs").unwrap()..];
        let xf = xfs.split("<xf ").nth(index + 1).unwrap();
        assert!(xf.contains(r#"wrapText="1""#), "{xf}");
        // Row 1 keeps the default height; row 2 is five lines of text tall (a word a line).
        let row = |n: u32| {
            let at = xml.find(&format!(r#"<row r="{n}""#)).unwrap();
            xml[at..at + xml[at..].find('>').unwrap()].to_string()
        };
        assert!(!row(1).contains("customHeight"), "{}", row(1));
        assert!(
            row(2).contains(r#"ht="80.25""#) && row(2).contains(r#"customHeight="1""#),
            "{}",
            row(2)
        );
        Ok(())
    }

    #[test]
    fn clip_keeps_cells_within_excel_limits() {
        assert_eq!(clip("abc"), "abc");
        let long = "đ".repeat(40_000);
        let c = clip(&long);
        assert!(c.encode_utf16().count() <= MAX_TEXT);
        assert!(c.ends_with('…'));
    }
}
