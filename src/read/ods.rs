//! A cheap look at an ODS `content.xml` before calamine parses it (SPEC §3 "Files" limits,
//! and `E-CELL-ERROR` for ODS error cells).
//!
//! calamine expands every ODS sheet into a full grid when the workbook is opened: the rectangle
//! from the first to the last non-empty cell, repeated rows and columns (`number-rows-repeated`,
//! `number-columns-repeated`) written out cell by cell. Two non-empty cells far apart in a
//! one-kilobyte file thus cost gigabytes. This scanner counts, per sheet, the non-empty cells
//! and the grid calamine would build, without building anything, so that such a file is
//! refused (`E-FILE-TOO-LARGE`) instead of exhausting memory. It over-estimates rather than
//! under-estimates: a cell that is not self-closing counts as non-empty.
//!
//! The same pass finds the cells whose formula gave an error. LibreOffice writes them as
//! `office:value-type="string" office:string-value="" calcext:value-type="error"` with the
//! error's text (`#REF!`, `#DIV/0!`, `Err:502` …) in `<text:p>`; calamine reads them as empty
//! text, so a workbook saved as .ods would lose the `E-CELL-ERROR` its .xlsx copy gives.
//! [`overlay_errors`] puts them back into the loaded sheet.

use super::cell::Val;

/// What one sheet would cost once expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCost {
    pub name: String,
    /// Non-empty cells, repeats included.
    pub cells: u64,
    /// Cells of the grid calamine allocates: rows from the first to the last non-empty row,
    /// columns from the first column to the last non-empty one.
    pub grid: u64,
}

#[derive(Default)]
struct Table {
    name: String,
    cells: u64,
    /// Row index of the next row (repeats included).
    row: u64,
    first_row: Option<u64>,
    last_row: u64,
    /// One past the last non-empty column of any row.
    col_end: u64,
    // The row being read.
    row_repeat: u64,
    col: u64,
    row_cells: u64,
    row_end: u64,
}

impl Table {
    fn cost(&self) -> TableCost {
        let rows = self
            .first_row
            .map_or(0, |f| self.last_row.saturating_sub(f).saturating_add(1));
        TableCost {
            name: self.name.clone(),
            cells: self.cells,
            grid: rows.saturating_mul(self.col_end),
        }
    }

    fn end_row(&mut self) {
        if self.row_cells > 0 {
            self.first_row.get_or_insert(self.row);
            self.last_row = self.row.saturating_add(self.row_repeat).saturating_sub(1);
            self.col_end = self.col_end.max(self.row_end);
            self.cells = self
                .cells
                .saturating_add(self.row_cells.saturating_mul(self.row_repeat));
        }
        self.row = self.row.saturating_add(self.row_repeat);
        self.row_repeat = 0;
    }
}

/// The value of attribute `name` in the tag text `tag` (either quote style).
fn attr<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(i) = find(&tag[from..], name) {
        let mut p = from + i + name.len();
        let preceded = from + i > 0 && tag[from + i - 1].is_ascii_whitespace();
        while p < tag.len() && tag[p].is_ascii_whitespace() {
            p += 1;
        }
        if preceded && tag.get(p) == Some(&b'=') {
            p += 1;
            while p < tag.len() && tag[p].is_ascii_whitespace() {
                p += 1;
            }
            let q = *tag.get(p)?;
            if q == b'"' || q == b'\'' {
                let rest = &tag[p + 1..];
                let end = rest.iter().position(|&b| b == q)?;
                return Some(&rest[..end]);
            }
        }
        from += i + 1;
    }
    None
}

/// A repeat count; anything unreadable counts once, as calamine would fail on it anyway.
fn repeat(tag: &[u8], name: &[u8]) -> u64 {
    attr(tag, name)
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether `tag` (the text between `<` and `>`) is the element `name`.
fn is(tag: &[u8], name: &[u8]) -> bool {
    tag.starts_with(name)
        && tag
            .get(name.len())
            .is_none_or(|b| b.is_ascii_whitespace() || *b == b'/')
}

/// Error cells of one sheet: a block of `rows` × `cols` cells (repeats) from (`row`, `col`),
/// 0-based, each holding the error `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCells {
    /// The sheet's name as calamine gives it (entities decoded).
    pub sheet: String,
    pub row: u64,
    pub col: u64,
    pub rows: u64,
    pub cols: u64,
    pub text: String,
}

/// What the scan found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scan {
    pub tables: Vec<TableCost>,
    pub errors: Vec<ErrorCells>,
    /// A named sheet is opened and no `</table:table>` follows: calamine would read past the
    /// end of the file forever (it does not stop at the end of the XML inside a sheet).
    pub unclosed: bool,
}

/// The cost of every sheet of an ODS `content.xml`.
pub fn scan(xml: &[u8]) -> Scan {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    // An error cell being read, and the text inside it so far.
    let mut error: Option<(ErrorCells, Vec<u8>)> = None;
    let mut unclosed = false;
    let mut t: Option<Table> = None;
    let mut i = 0;
    let n = xml.len();
    while let Some(lt) = xml[i..].iter().position(|&b| b == b'<') {
        if let Some((_, text)) = error.as_mut() {
            text.extend_from_slice(&xml[i..i + lt]);
        }
        let s = i + lt + 1;
        // Comments, CDATA and processing instructions hold no elements.
        let skip_to = |end: &[u8]| find(&xml[s..], end).map_or(n, |e| s + e + end.len());
        if xml[s..].starts_with(b"!--") {
            i = skip_to(b"-->");
            continue;
        }
        if xml[s..].starts_with(b"![CDATA[") {
            i = skip_to(b"]]>");
            continue;
        }
        if xml[s..].starts_with(b"?") {
            i = skip_to(b"?>");
            continue;
        }
        // The tag ends at the first `>` outside quotes.
        let mut e = s;
        let mut quote = 0u8;
        while e < n {
            let b = xml[e];
            if quote != 0 {
                if b == quote {
                    quote = 0;
                }
            } else if b == b'"' || b == b'\'' {
                quote = b;
            } else if b == b'>' {
                break;
            }
            e += 1;
        }
        let tag = &xml[s..e.min(n)];
        let closed = tag.ends_with(b"/");
        i = (e + 1).min(n);
        if is(tag, b"table:table") {
            if let Some(done) = t.take() {
                out.push(done.cost());
            }
            let named = attr(tag, b"table:name");
            unclosed |= named.is_some() && !closed;
            let name = named
                .map(|v| String::from_utf8_lossy(v).into_owned())
                .unwrap_or_default();
            t = Some(Table {
                name,
                ..Table::default()
            });
            continue;
        }
        if is(tag, b"/table:table") {
            // An end tag's name is all of it but trailing blanks (`</table:table cell>` does
            // not close the sheet for the XML reader).
            if tag.trim_ascii_end() == b"/table:table" {
                unclosed = false;
            }
            if let Some(done) = t.take() {
                out.push(done.cost());
            }
            continue;
        }
        let Some(tb) = t.as_mut() else { continue };
        if is(tag, b"table:table-row") {
            if tb.row_repeat > 0 {
                tb.end_row();
            }
            tb.row_repeat = repeat(tag, b"table:number-rows-repeated");
            tb.col = 0;
            tb.row_cells = 0;
            tb.row_end = 0;
            if closed {
                tb.end_row();
            }
        } else if is(tag, b"/table:table-row") {
            if tb.row_repeat > 0 {
                tb.end_row();
            }
        } else if is(tag, b"table:table-cell") || is(tag, b"table:covered-table-cell") {
            let r = repeat(tag, b"table:number-columns-repeated");
            let valued = !closed
                || attr(tag, b"office:value-type").is_some()
                || attr(tag, b"table:formula").is_some();
            if valued {
                tb.row_cells = tb.row_cells.saturating_add(r);
                tb.row_end = tb.col.saturating_add(r);
            }
            if attr(tag, b"calcext:value-type") == Some(b"error") {
                let cells = ErrorCells {
                    sheet: unescape(&tb.name),
                    row: tb.row,
                    col: tb.col,
                    rows: tb.row_repeat.max(1),
                    cols: r,
                    text: String::new(),
                };
                if closed {
                    errors.push(cells);
                } else {
                    error = Some((cells, Vec::new()));
                }
            }
            tb.col = tb.col.saturating_add(r);
        } else if is(tag, b"/table:table-cell") {
            if let Some((mut cells, text)) = error.take() {
                cells.text = unescape(&String::from_utf8_lossy(&text)).trim().to_string();
                errors.push(cells);
            }
        }
    }
    if let Some(done) = t.take() {
        out.push(done.cost());
    }
    Scan {
        tables: out,
        errors,
        unclosed,
    }
}

/// The five predefined XML entities and character references, as an XML reader decodes them.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').and_then(|semi| {
            let c = match &after[..semi] {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                e => e
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The error as Excel names it, the way LibreOffice itself writes it to .xlsx and .xls, so
/// that one workbook gives the same `E-CELL-ERROR` in every format: LibreOffice's own codes
/// (`Err:502`, invalid argument) become the Excel error it exports them as (`#VALUE!`).
fn excel_name(text: &str) -> String {
    let Some(code) = text
        .strip_prefix("Err:")
        .and_then(|n| n.parse::<u16>().ok())
    else {
        return if text.is_empty() { "#N/A" } else { text }.to_string();
    };
    match code {
        502 | 504 | 507 | 509 | 510 | 511 | 519 | 522 => "#VALUE!",
        503 => "#NUM!",
        521 => "#NULL!",
        524 => "#REF!",
        525..=527 => "#NAME?",
        532 => "#DIV/0!",
        _ => "#N/A",
    }
    .to_string()
}

/// Put the error cells of sheet `name` into its loaded cells (row, column, value), replacing
/// the empty text calamine read there. `None` when that would hold more than `max` cells.
pub fn overlay_errors(
    errors: &[ErrorCells],
    name: &str,
    cells: &mut Vec<(u32, u32, Val)>,
    max: u64,
) -> Option<()> {
    let mut added = false;
    for e in errors.iter().filter(|e| e.sheet == name) {
        // The sheet passed the cell limit, which counts these cells: the block is small.
        let text = excel_name(&e.text);
        for r in e.row..e.row.saturating_add(e.rows) {
            for c in e.col..e.col.saturating_add(e.cols) {
                let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                    continue;
                };
                if cells.len() as u64 >= max {
                    return None;
                }
                cells.push((r, c, Val::Error(text.clone())));
                added = true;
            }
        }
    }
    if added {
        // The error replaces whatever calamine read at its place (empty text, or a number).
        cells.sort_by_key(|c| (c.0, c.1, !matches!(c.2, Val::Error(_))));
        cells.dedup_by_key(|c| (c.0, c.1));
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(v: &str) -> String {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
        )
    }

    #[test]
    fn counts_cells_and_grid() {
        let xml = format!(
            r#"<?xml version="1.0"?><office:spreadsheet><table:table table:name="A">
            <table:table-row>{}{}</table:table-row>
            <table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>
            <!-- <table:table-row table:number-rows-repeated="99"> " -->
            <table:table-row><table:table-cell table:number-columns-repeated='4'/>{}</table:table-row>
            <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table><table:table table:name="B"><table:table-row table:number-rows-repeated="10"><table:table-cell table:number-columns-repeated="7" office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
            cell("a"),
            cell("b"),
            cell("c")
        );
        let c = scan(xml.as_bytes());
        assert!(!c.unclosed);
        assert_eq!(
            c.tables,
            [
                // Rows 0..=4 (5 rows) by columns 0..5.
                TableCost {
                    name: "A".into(),
                    cells: 3,
                    grid: 25
                },
                TableCost {
                    name: "B".into(),
                    cells: 70,
                    grid: 70
                },
            ]
        );
    }

    #[test]
    fn far_apart_cells_make_a_large_grid() {
        let xml = format!(
            r#"<table:table table:name="S"><table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated="6000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/>{}</table:table-row></table:table>"#,
            cell("x"),
            cell("y")
        );
        let c = scan(xml.as_bytes()).tables;
        assert_eq!(c[0].cells, 2);
        assert_eq!(c[0].grid, 6002 * 16001);
    }

    #[test]
    fn a_sheet_never_closed() {
        let open = r#"<table:table table:name="A"><table:table-row></table:table-row></table:tabl"#;
        assert!(scan(open.as_bytes()).unclosed);
        assert!(!scan(format!("{open}e>").as_bytes()).unclosed);
        // Unnamed sheets are not read; a self-closing one closes itself.
        assert!(!scan(b"<table:table><table:table-row>").unclosed);
        assert!(!scan(br#"<table:table table:name="A"/>"#).unclosed);
        // An end tag with more in its name does not close it.
        assert!(scan(br#"<table:table table:name="A"></table:table cell>"#).unclosed);
        assert!(!scan(br#"<table:table table:name="A"></table:table  >"#).unclosed);
        // A later sheet left open.
        assert!(scan(br#"<table:table table:name="A"></table:table><table:table table:name="B"><!-- </table:table> -->"#).unclosed);
    }

    #[test]
    fn error_cells_and_their_text() {
        let xml = r#"<table:table table:name="A &amp; B"><table:table-row><table:table-cell office:value-type="float" office:value="1"/><table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2" office:value-type="string" calcext:value-type="error"><text:p>Err:502</text:p></table:table-cell></table:table-row></table:table>"#;
        let e = scan(xml.as_bytes()).errors;
        let got: Vec<_> = e
            .iter()
            .map(|e| {
                (
                    e.sheet.as_str(),
                    e.row,
                    e.col,
                    e.rows,
                    e.cols,
                    e.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A & B", 0, 1, 1, 1, "#DIV/0!"),
                ("A & B", 1, 0, 2, 2, "Err:502")
            ]
        );
        let mut cells = vec![(0, 0, Val::Int(1)), (0, 1, Val::Text(String::new()))];
        overlay_errors(&e, "A & B", &mut cells, 100).unwrap();
        let err = |s: &str| Val::Error(s.into());
        assert_eq!(
            cells,
            [
                (0, 0, Val::Int(1)),
                (0, 1, err("#DIV/0!")),
                (1, 0, err("#VALUE!")),
                (1, 1, err("#VALUE!")),
                (2, 0, err("#VALUE!")),
                (2, 1, err("#VALUE!")),
            ]
        );
        assert!(overlay_errors(&e, "A & B", &mut Vec::new(), 3).is_none());
        assert_eq!(excel_name("Err:523"), "#N/A");
        assert_eq!(excel_name("#REF!"), "#REF!");
    }

    #[test]
    fn garbage_does_not_panic() {
        for x in [
            "",
            "<",
            "<table:table",
            "<table:table-row table:number-rows-repeated=\"",
            "<!--",
            "<table:table><table:table-cell x='",
        ] {
            let _ = scan(x.as_bytes());
        }
    }
}
