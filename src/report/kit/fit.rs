//! Print-ready sheets (no SPEC section; the brief asks every workbook to print): column widths, row heights for wrapped text, and print setup (A4 landscape, fitted to the
//! page width, header rows repeated on every page, frozen panes).

use super::{merged, plain, text, RowFormats, Styles};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

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
    /// Lines every row of the sheet is tall by default ([`Fit::default_lines`]): rows that
    /// need no more get no height of their own.
    default_lines: u32,
    /// Rows being written are the sheet's top (titles, header): they get exactly the height
    /// they need, not the taller default of the list below.
    exact: bool,
}

/// Rows of a long list whose texts decide its usual row height ([`usual_lines`]).
pub const SAMPLE_ROWS: usize = 2_000;

/// How many lines most rows of a sample need (each row: the most any of its cells needs),
/// the fewer on a tie; 1 for no rows. A long list is made that tall by default.
pub fn usual_lines(rows: impl IntoIterator<Item = u32>) -> u32 {
    let mut count: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    for n in rows {
        *count.entry(n.max(1)).or_default() += 1;
    }
    // `max_by_key` keeps the last of equals: walk from the most lines down.
    count
        .into_iter()
        .rev()
        .max_by_key(|&(_, k)| k)
        .map_or(1, |(n, _)| n)
}

/// Height of one line of 12-point Times New Roman, in points.
const LINE_PT: f64 = 15.6;
/// Height of a title's line (14-point bold), in points.
const TITLE_PT: f64 = 21.0;

impl Fit {
    /// Set the column widths (in characters, from column A on) and start measuring.
    pub fn new(ws: &mut Worksheet, w: &[f64]) -> Result<Fit, XlsxError> {
        widths(ws, w)?;
        Ok(Fit {
            widths: w.to_vec(),
            lines: foldhash::HashMap::default(),
            default_lines: 1,
            exact: false,
        })
    }

    /// Make every row of the sheet `n` lines tall unless it needs more: only the taller rows
    /// then carry a height of their own. rust_xlsxwriter keeps each row height it is given
    /// (some 200 bytes) until the workbook is saved, even in a constant-memory sheet: a
    /// national run's lists, where nearly every row wraps, held 90 MiB of them.
    pub fn default_lines(&mut self, ws: &mut Worksheet, n: u32) {
        if n > 1 {
            ws.set_default_row_height(n as f64 * LINE_PT + 2.0);
            self.default_lines = n;
        }
    }

    /// The lines `s` takes in column `col`.
    pub fn lines_in(&self, col: u16, s: &str) -> u32 {
        lines_for(s, self.width(col, col))
    }

    /// The width of columns `first..=last`, in characters.
    pub fn width(&self, first: u16, last: u16) -> f64 {
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
        let floor = if self.exact { 0 } else { self.default_lines };
        if n <= floor {
            return Ok(());
        }
        let e = self.lines.entry(row).or_insert(floor);
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

    /// List text: unformatted when it fits its column, else wrapped (`st.list_wrap`) with its
    /// row made tall enough. Neither Excel nor LibreOffice grows a row of a written file, so
    /// without the height a long reason would spill over the next rows, on screen and on paper.
    /// Most cells fit and cost nothing.
    pub fn list_text(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        s: &str,
        st: &Styles,
    ) -> Result<(), XlsxError> {
        let width = self.width(col, col);
        // One rule decides both the wrap and the height ([`lines_for`]): a cell wrapped but
        // left one line tall would be cut on paper.
        if lines_for(s, width) <= 1 {
            plain(ws, row, col, s)
        } else {
            self.measure(ws, row, width, s)?;
            text(ws, row, col, s, &st.list_wrap)
        }
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
        self.top(ws, |fit, ws| {
            if fit.default_lines > 1 {
                ws.set_row_height(0, TITLE_PT)?;
            }
            merged(ws, 0, 0, last, title, &st.title)?;
            fit.span(ws, 1, 0, last, subtitle, &st.subtitle)
        })
    }

    /// Write the sheet's top with `write`: its rows get exactly the height they need when the
    /// rows below are taller by default.
    fn top(
        &mut self,
        ws: &mut Worksheet,
        write: impl FnOnce(&mut Fit, &mut Worksheet) -> Result<(), XlsxError>,
    ) -> Result<(), XlsxError> {
        self.exact = self.default_lines > 1;
        let r = write(self, ws);
        self.exact = false;
        r
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
        self.top(ws, |fit, ws| {
            for (c, h) in heads.iter().enumerate() {
                fit.text(ws, row, c as u16, h, &st.head)?;
            }
            Ok(())
        })
    }

    /// The header row of a table and, under it, the column numbers (`(1)`, `(6)=(4)×(5)` …) of
    /// the official forms.
    pub fn numbered_header(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        heads: &[&str],
        numbers: &[&str],
        st: &Styles,
    ) -> Result<(), XlsxError> {
        self.header(ws, row, heads, st)?;
        for (c, s) in numbers.iter().enumerate() {
            self.text(ws, row + 1, c as u16, s, &st.colno)?;
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
        if self.default_lines > 1 {
            // The empty row between the titles and the header.
            ws.set_row_height(2, LINE_PT + 2.0)?;
        }
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

/// `s` broken at spaces into lines of at most `width` characters (as [`lines_for`] counts
/// them), each filled as far as it goes; a word longer than a line stands alone.
pub fn break_lines(s: &str, width: f64) -> Vec<String> {
    greedy(s, ((width * 1.05).floor() as usize).max(1))
}

/// `s` broken at spaces, each line filled as far as `per` characters allow.
fn greedy(s: &str, per: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut used = 0usize;
    for word in s.split_whitespace() {
        let w = word.chars().count();
        match lines.last_mut() {
            Some(line) if used + 1 + w <= per => {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
            }
            _ => {
                lines.push(word.to_string());
                used = w;
            }
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_within_the_width() {
        assert_eq!(break_lines("", 10.0), [""]);
        assert_eq!(break_lines("ĐẢNG ỦY PHƯỜNG", 20.0), ["ĐẢNG ỦY PHƯỜNG"]);
        assert_eq!(
            break_lines("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG BẾN NGHÉ", 20.0),
            ["ỦY BAN MẶT TRẬN TỔ", "QUỐC VIỆT NAM PHƯỜNG", "BẾN NGHÉ"]
        );
        assert_eq!(
            break_lines("aaaa bbbb cccc", 10.0).len(),
            lines_for("aaaa bbbb cccc", 10.0) as usize
        );
        assert_eq!(break_lines(&"x".repeat(30), 10.0), ["x".repeat(30)]);
    }

    #[test]
    fn usual_lines_are_the_most_common_the_fewer_on_a_tie() {
        assert_eq!(usual_lines([]), 1);
        assert_eq!(usual_lines([2, 3, 2, 1]), 2);
        assert_eq!(usual_lines([3, 2, 3, 2]), 2);
        assert_eq!(usual_lines([0, 0, 4]), 1);
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
}
