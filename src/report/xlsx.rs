//! Shared workbook plumbing: fixed document properties, number conversion for cells, the
//! formats both workbooks use, and the small Vietnamese renderings they share (Roman numerals,
//! dates, percentages, units of measure, reasons a device is not usable).
//!
//! Text always goes through [`text`] (rust_xlsxwriter's `write_string`), so a unit named
//! `=HYPERLINK(...)` stays inert text; amounts always go through [`money`] as numbers with a
//! `#,##0` format, never as preformatted strings.

use super::Created;
use crate::catalog::{Basis, ConfigTerm, Item};
use crate::diag::Severity;
use crate::needs::{Outcome, Reason};
use crate::read::Condition;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, FormatUnderline,
    Workbook, Worksheet, XlsxError,
};

/// A new workbook whose properties (and so its bytes) do not depend on the clock.
pub fn new_workbook(
    created: Created,
    title: &str,
    catalog: &crate::catalog::Catalog,
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
        .set_company(clip(&catalog.name))
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

/// Excel's limit on the length of a cell's text, in UTF-16 code units.
pub const MAX_TEXT: usize = 32_767;

/// Whether one Excel cell can hold `s` whole.
pub fn fits_a_cell(s: &str) -> bool {
    // A UTF-8 string has at least as many bytes as UTF-16 units: short ones need no count.
    s.len() <= MAX_TEXT || s.encode_utf16().count() <= MAX_TEXT
}

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

/// Write list text unformatted when it fits a column `width` characters wide, and wrapped
/// (`st.list_wrap`) when it does not: Excel and LibreOffice then make the row tall enough, on
/// screen and on paper, since list rows have no set height. Most cells fit and cost nothing.
pub fn plain_wrap(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    width: f64,
    st: &Styles,
) -> Result<(), XlsxError> {
    // A character is about one unit of column width in the documents' font; a string has at
    // least as many bytes as characters, so most need no count.
    if s.len() as f64 <= width || s.chars().count() as f64 <= width {
        plain(ws, row, col, s)
    } else {
        text(ws, row, col, s, &st.list_wrap)
    }
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

/// The formats of one row of a big table, given by runs when the row ends. rust_xlsxwriter
/// hashes and compares a whole `Format` on every formatted write, which was half the time of
/// the Finance detail table of a national run. Here cells are written unformatted, and each run
/// of neighbouring cells that share a format gets it in one `set_range_format`. The bytes are
/// the same as writing every cell with its format.
///
/// A run stays within its row: a constant-memory sheet writes a row out as soon as a cell of a
/// later row is written, so formats cannot wait for the rows below.
pub struct RowFormats<'f> {
    row: u32,
    /// Columns in the order they were given, with their formats.
    cells: Vec<(u16, &'f Format)>,
    /// A value went into the row, so rust_xlsxwriter holds it as its current row.
    holds: bool,
    /// Columns the sheet's used range spans so far (`set_range_format` does not widen it).
    span: Option<(u16, u16)>,
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

/// Column widths, in characters, from column A on.
pub fn widths(ws: &mut Worksheet, w: &[f64]) -> Result<(), XlsxError> {
    for (i, &x) in w.iter().enumerate() {
        ws.set_column_width(i as u16, x)?;
    }
    Ok(())
}

/// Printable: A4 landscape, fit to one page wide, `header_rows` repeated on every page,
/// page numbers in the footer.
pub fn printable(ws: &mut Worksheet, header_rows: Option<(u32, u32)>) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&CTrang &P/&N");
    if let Some((a, b)) = header_rows {
        ws.set_repeat_rows(a, b)?;
    }
    Ok(())
}

/// Row heights for wrapped text. Neither Excel nor LibreOffice re-measures rows of a written
/// file, so a long note would spill over the next row; rows are sized here from the text's
/// length and the column widths instead.
pub struct Fit {
    widths: Vec<f64>,
    /// Row → lines of 12-point text it needs, for rows that need more than one (most rows
    /// need one: the Finance detail sheet of a national run has 300,000 of them).
    lines: foldhash::HashMap<u32, u32>,
}

/// Height of one line of 12-point Times New Roman, in points.
const LINE_PT: f64 = 15.6;

impl Fit {
    /// Set the column widths (in characters, from column A on) and start measuring.
    pub fn new(ws: &mut Worksheet, w: &[f64]) -> Result<Fit, XlsxError> {
        widths(ws, w)?;
        Ok(Fit {
            widths: w.to_vec(),
            lines: foldhash::HashMap::default(),
        })
    }

    fn width(&self, first: u16, last: u16) -> f64 {
        (first..=last)
            .map(|c| self.widths.get(c as usize).copied().unwrap_or(8.43))
            .sum()
    }

    /// Remember the lines `s` needs and size its row at once: in constant-memory sheets a row
    /// is written out when a later row starts, so its height cannot wait until the end.
    fn measure(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        width: f64,
        s: &str,
    ) -> Result<(), XlsxError> {
        let n = lines_for(s, width);
        if n <= 1 {
            return Ok(());
        }
        let e = self.lines.entry(row).or_insert(1);
        if n > *e {
            *e = n;
            ws.set_row_height(row, n as f64 * LINE_PT + 2.0)?;
        }
        Ok(())
    }

    /// [`text`] in a wrapping cell, remembering how tall its row must be.
    pub fn text(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        s: &str,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.measure(ws, row, self.width(col, col), s)?;
        text(ws, row, col, s, f)
    }

    /// [`RowFormats::text`] in a wrapping cell, remembering how tall its row must be.
    pub fn text_in<'f>(
        &mut self,
        ws: &mut Worksheet,
        row: &mut RowFormats<'f>,
        col: u16,
        s: &str,
        f: &'f Format,
    ) -> Result<(), XlsxError> {
        self.measure(ws, row.row, self.width(col, col), s)?;
        row.text(ws, col, s, f)
    }

    /// A sheet's title (row 0) and the note under it (row 1), across columns `0..=last`.
    pub fn titles(
        &mut self,
        ws: &mut Worksheet,
        last: u16,
        title: &str,
        subtitle: &str,
        st: &Styles,
    ) -> Result<(), XlsxError> {
        merged(ws, 0, 0, last, title, &st.title)?;
        self.span(ws, 1, 0, last, subtitle, &st.subtitle)
    }

    /// [`merged`] in a wrapping cell, remembering how tall its row must be.
    pub fn span(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        first: u16,
        last: u16,
        s: &str,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.measure(ws, row, self.width(first, last), s)?;
        merged(ws, row, first, last, s, f)
    }

    /// The header row of a table.
    pub fn header(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        heads: &[&str],
        st: &Styles,
    ) -> Result<(), XlsxError> {
        for (c, h) in heads.iter().enumerate() {
            self.text(ws, row, c as u16, h, &st.head)?;
        }
        Ok(())
    }

    /// The header of a long list, in row 3: frozen on screen and repeated on every printed page.
    pub fn list_header(
        &mut self,
        ws: &mut Worksheet,
        heads: &[&str],
        st: &Styles,
    ) -> Result<(), XlsxError> {
        self.header(ws, 3, heads, st)?;
        ws.set_freeze_panes(4, 0)?;
        printable(ws, Some((3, 3)))
    }
}

/// Lines `s` takes in a wrapped cell `width` characters wide. The width unit is a Calibri
/// digit; 12-point Times New Roman text is a little narrower, and wrapping at word boundaries
/// wastes some of that back: about 1.05 characters per unit.
pub fn lines_for(s: &str, width: f64) -> u32 {
    let per = ((width * 1.05).floor() as usize).max(1);
    // Fewer bytes than fit on a line: fewer characters too, so one line (most cells).
    if s.len() <= per && !s.contains('\n') {
        return 1;
    }
    s.split('\n')
        .map(|line| {
            // Greedy word wrap, as a spreadsheet does it.
            let mut n = 1u32;
            let mut used = 0usize;
            for word in line.split(' ') {
                let w = word.chars().count();
                if used == 0 {
                    used = w;
                } else if used + 1 + w <= per {
                    used += 1 + w;
                } else {
                    n += 1;
                    used = w;
                }
                while used > per {
                    n += 1;
                    used -= per;
                }
            }
            n
        })
        .sum::<u32>()
        .max(1)
}

const FONT: &str = "Times New Roman";

/// The formats of both workbooks: Times New Roman, as administrative documents are typed.
pub struct Styles {
    /// Plain text outside tables.
    pub plain: Format,
    /// Bold centred (the national motto lines).
    pub motto: Format,
    /// Bold centred and underlined ("Độc lập - Tự do - Hạnh phúc").
    pub motto_u: Format,
    /// Italic, right-aligned ("…, ngày … tháng … năm …", "Đơn vị tính: đồng").
    pub place: Format,
    /// The document title.
    pub title: Format,
    /// Italic centred under the title.
    pub subtitle: Format,
    /// A bold heading outside tables (I., II. …).
    pub heading: Format,
    /// Bold italic, for `Bằng chữ: ….`.
    pub words: Format,
    /// Italic, for notes.
    pub note: Format,
    /// Table header cells.
    pub head: Format,
    /// Italic centred column numbers under a header ((1), (2) …).
    pub colno: Format,
    pub cell: Format,
    pub cell_c: Format,
    pub cell_b: Format,
    pub cell_bc: Format,
    pub cell_i: Format,
    pub amount: Format,
    pub amount_b: Format,
    pub amount_i: Format,
    /// An amount in a long list (no border, no wrap: see [`plain`]).
    pub list_amount: Format,
    /// Text in a long list that is wider than its column (see [`plain_wrap`]).
    pub list_wrap: Format,
    pub qty: Format,
    pub qty_b: Format,
    /// Bold centred, for signature titles.
    pub sign: Format,
    /// Italic centred, for "(Ký, ghi rõ họ tên)".
    pub sign_i: Format,
}

impl Styles {
    /// Give every format its workbook-wide index now, in this fixed order. Sheets filled on
    /// several threads at once then look indices up and never assign them, so which thread
    /// writes first cannot change the file's bytes.
    pub fn register(&self, wb: &mut Workbook) {
        for f in [
            &self.plain,
            &self.motto,
            &self.motto_u,
            &self.place,
            &self.title,
            &self.subtitle,
            &self.heading,
            &self.words,
            &self.note,
            &self.head,
            &self.colno,
            &self.cell,
            &self.cell_c,
            &self.cell_b,
            &self.cell_bc,
            &self.cell_i,
            &self.amount,
            &self.amount_b,
            &self.amount_i,
            &self.list_amount,
            &self.list_wrap,
            &self.qty,
            &self.qty_b,
            &self.sign,
            &self.sign_i,
        ] {
            wb.register_format(f);
        }
    }

    pub fn new() -> Styles {
        let base = || Format::new().set_font_name(FONT).set_font_size(12);
        let cell = || {
            base()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
        };
        let amount = || cell().set_num_format("#,##0");
        Styles {
            plain: base(),
            motto: base().set_bold().set_align(FormatAlign::Center),
            motto_u: base()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_underline(FormatUnderline::Single),
            place: base().set_italic().set_align(FormatAlign::Right),
            title: base()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            subtitle: base()
                .set_italic()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            heading: base().set_bold(),
            words: base()
                .set_bold()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            note: base()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            head: cell()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0x00E7_E6E6)),
            colno: cell()
                .set_italic()
                .set_font_size(10)
                .set_align(FormatAlign::Center),
            cell: cell(),
            cell_c: cell().set_align(FormatAlign::Center),
            cell_b: cell().set_bold(),
            cell_bc: cell().set_bold().set_align(FormatAlign::Center),
            cell_i: cell().set_italic(),
            amount: amount(),
            amount_b: amount().set_bold(),
            amount_i: amount().set_italic(),
            list_amount: base().set_num_format("#,##0"),
            list_wrap: base().set_text_wrap(),
            qty: amount().set_align(FormatAlign::Center),
            qty_b: amount().set_bold().set_align(FormatAlign::Center),
            sign: base().set_bold().set_align(FormatAlign::Center),
            sign_i: base().set_italic().set_align(FormatAlign::Center),
        }
    }
}

/// `n` in Roman numerals (section numbers: I, II, … XXXIX …). Excel-era documents never
/// reach 4000 sections in one table, but a national run might: from 4000 on the Arabic
/// number is written instead, and 0 is `0`.
pub fn roman(n: usize) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// `2025-12-01` → `01/12/2025`; anything else as written.
pub fn date_vi(iso: &str) -> String {
    match crate::catalog::parse_date(iso) {
        Some((y, m, d)) => format!("{d:02}/{m:02}/{y:04}"),
        None => iso.to_string(),
    }
}

/// A percentage as Vietnamese documents write it: `8.5` → `8,5`, `10` → `10`.
pub fn pct_vi(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// A decimal size as Vietnamese documents write it (`0.5 GB` → `0,5 GB`).
fn decimal_vi(s: &str) -> String {
    s.replace('.', ",")
}

/// Vietnamese name of an item group of the catalog (`terminal` → `Thiết bị đầu cuối`);
/// a group the catalog invents is shown as written.
pub fn group_vi(group: &str) -> String {
    match group {
        "terminal" => "Thiết bị đầu cuối".into(),
        "network" => "Thiết bị mạng".into(),
        "security" => "An toàn thông tin".into(),
        "av" => "Thiết bị hội nghị, nghe nhìn".into(),
        "software" => "Phần mềm".into(),
        "office" => "Thiết bị văn phòng".into(),
        "power" => "Thiết bị nguồn, lưu điện".into(),
        "facility" => "Hạ tầng phòng máy".into(),
        other => other.to_string(),
    }
}

/// Unit of measure (đơn vị tính) of an item, derived from its group and name, kept simple:
/// software is counted in licences (`Bản quyền`); audio-visual kits, and items whose name
/// says it is a set (`Bộ …`) or that are desktop computers (case, monitor, keyboard and mouse
/// go together), in sets (`Bộ`); every other device in pieces (`Cái`).
pub fn unit_of_measure(item: &Item) -> &'static str {
    let name = crate::fold::fold(&item.name);
    if item.group == "software" {
        "Bản quyền"
    } else if item.group == "av" || name.starts_with("bo ") || name.starts_with("may tinh de ban") {
        "Bộ"
    } else {
        "Cái"
    }
}

/// What the norm is counted per, in Vietnamese.
pub fn basis_vi(b: Basis) -> &'static str {
    match b {
        Basis::Staff => "cán bộ",
        Basis::Leader => "lãnh đạo",
        Basis::Unit => "đơn vị",
        Basis::Site => "trụ sở",
    }
}

/// The norm as a phrase: `1 / cán bộ`, `1 / 3 cán bộ`, `2 / trụ sở`.
pub fn norm_vi(item: &Item) -> String {
    let r = item.norm_qty;
    let per = basis_vi(item.basis);
    if r.q == 1 {
        format!("{} / {per}", r.p)
    } else {
        format!("{} / {} {per}", r.p, r.q)
    }
}

/// The standard (minimum) configuration of an item, in Vietnamese; empty when none.
pub fn config_vi(item: &Item) -> String {
    item.min_config
        .iter()
        .map(|t| t.describe_vi())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a counted row is not usable, in Vietnamese (`hỏng`, `đã sử dụng 9 năm …`,
/// `RAM 4 GB < 8 GB`).
pub fn reason_vi(r: &Reason, item: &Item) -> String {
    match r {
        Reason::Condition {
            condition: Condition::Broken,
        } => "hỏng".into(),
        Reason::Condition {
            condition: Condition::Worn,
        } => "cũ, xuống cấp".into(),
        Reason::Condition {
            condition: Condition::Good,
        } => "tình trạng tốt".into(),
        Reason::TooOld { year, age, life } => {
            format!("đã sử dụng {age} năm (từ năm {year}) ≥ thời gian sử dụng {life} năm")
        }
        Reason::Config { term, found } => {
            let found = decimal_vi(found);
            match item.min_config.iter().find(|t| t.to_string() == *term) {
                Some(ConfigTerm::RamGb(n)) => format!("RAM {found} < {n} GB"),
                Some(ConfigTerm::StorageGb(n)) => format!("ổ cứng {found} < {n} GB"),
                Some(ConfigTerm::Ssd) => format!("ổ cứng {found}, không phải SSD"),
                None => format!("{found} không đạt {term}"),
            }
        }
    }
}

/// A test that could not be read and was counted as met (`year`, or a `min_config` term).
pub fn assumed_vi(a: &str, item: &Item) -> String {
    if a == "year" {
        return "không rõ năm sử dụng".into();
    }
    match item.min_config.iter().find(|t| t.to_string() == a) {
        Some(t) => format!("không đọc được {}", t.describe_vi()),
        None => format!("không đọc được {a}"),
    }
}

pub fn severity_vi(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Lỗi",
        Severity::Warning => "Cảnh báo",
    }
}

pub fn outcome_vi(o: Outcome) -> &'static str {
    match o {
        Outcome::Accepted => "Đã tổng hợp",
        Outcome::Superseded => "Bị thay thế bởi bản nộp khác",
        Outcome::Conflict => "Mâu thuẫn, không tổng hợp",
        Outcome::LeftOut => "Không tổng hợp được",
    }
}

/// Capitalise the first letter of a phrase.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `a + b` without ever panicking (sums of amounts the estimate already computed).
pub fn plus(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or(Decimal::MAX)
}

#[cfg(test)]
mod tests {
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

    use super::*;

    /// One part of a saved workbook, as text.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        xml
    }

    /// Text that fits its column stays an unformatted cell; longer text is wrapped, so that
    /// spreadsheets size the row to it.
    #[test]
    fn list_text_wraps_only_when_wider_than_its_column() -> Result<(), XlsxError> {
        let st = Styles::new();
        let mut wb = Workbook::new();
        st.register(&mut wb);
        let ws = wb.add_worksheet();
        plain_wrap(ws, 0, 0, "Hỏng", 6.0, &st)?;
        plain_wrap(ws, 1, 0, "Hết thời gian sử dụng", 6.0, &st)?;
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
        Ok(())
    }

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

    #[test]
    fn roman_numerals() {
        let cases = [
            (1, "I"),
            (2, "II"),
            (3, "III"),
            (4, "IV"),
            (5, "V"),
            (9, "IX"),
            (10, "X"),
            (14, "XIV"),
            (19, "XIX"),
            (39, "XXXIX"),
            (40, "XL"),
            (49, "XLIX"),
            (90, "XC"),
            (400, "CD"),
            (1994, "MCMXCIV"),
            (2025, "MMXXV"),
            (3999, "MMMCMXCIX"),
        ];
        for (n, r) in cases {
            assert_eq!(roman(n), r, "{n}");
        }
        assert_eq!(roman(0), "0");
        assert_eq!(roman(4000), "4000");
    }

    #[test]
    fn vietnamese_renderings() {
        assert_eq!(date_vi("2025-12-01"), "01/12/2025");
        assert_eq!(date_vi("soon"), "soon");
        assert_eq!(pct_vi(Decimal::new(85, 1)), "8,5");
        assert_eq!(pct_vi(Decimal::new(1000, 2)), "10");
        assert_eq!(capitalise("thay thế 1"), "Thay thế 1");
    }

    #[test]
    fn wrapped_lines() {
        assert_eq!(lines_for("", 10.0), 1);
        assert_eq!(lines_for("abc", 10.0), 1);
        assert_eq!(lines_for("aaaa bbbb cccc", 10.0), 2);
        assert_eq!(lines_for("a\nb", 10.0), 2);
        assert_eq!(lines_for(&"x".repeat(20), 10.0), 2);
        assert_eq!(lines_for(&"x".repeat(21), 10.0), 3);
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
