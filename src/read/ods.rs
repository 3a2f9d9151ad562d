//! A cheap look at an ODS `content.xml` before calamine parses it.
//!
//! calamine expands every ODS sheet into a full grid when the workbook is opened: the rectangle
//! from the first to the last non-empty cell, repeated rows and columns (`number-rows-repeated`,
//! `number-columns-repeated`) written out cell by cell. Two non-empty cells far apart in a
//! one-kilobyte file thus cost gigabytes. This scanner counts, per sheet, the non-empty cells
//! and the grid calamine would build, without building anything, so that such a file is
//! refused (`E-FILE-TOO-LARGE`) instead of exhausting memory. It over-estimates rather than
//! under-estimates: a cell that is not self-closing counts as non-empty.

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

/// What the scan found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scan {
    pub tables: Vec<TableCost>,
    /// A named sheet is opened and no `</table:table>` follows: calamine would read past the
    /// end of the file forever (it does not stop at the end of the XML inside a sheet).
    pub unclosed: bool,
}

/// The cost of every sheet of an ODS `content.xml`.
pub fn scan(xml: &[u8]) -> Scan {
    let mut out = Vec::new();
    let mut unclosed = false;
    let mut t: Option<Table> = None;
    let mut i = 0;
    let n = xml.len();
    while let Some(lt) = xml[i..].iter().position(|&b| b == b'<') {
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
            tb.col = tb.col.saturating_add(r);
        }
    }
    if let Some(done) = t.take() {
        out.push(done.cost());
    }
    Scan {
        tables: out,
        unclosed,
    }
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
