//! CSV submissions: UTF-8 with or without BOM, or UTF-16 with BOM; `,` `;` or tab detected; cells
//! keyed by the physical line of each record (SPEC §3: a CSV `cell` uses the physical line as its
//! row).

use super::cell::{Sheet, Val};
use super::workbook::{Limits, OpenError};
use crate::base::LineIndex;
use crate::diag::{Limit, Unreadable, WorkbookFormat};

/// Pick the delimiter that occurs (outside quotes) on the most lines, then most often.
pub fn detect_delimiter(text: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b';', b'\t'] {
        let (mut lines, mut total) = (0, 0);
        for line in text.lines().take(200) {
            let mut inq = false;
            let mut n = 0;
            for b in line.bytes() {
                if b == b'"' {
                    inq = !inq;
                } else if b == d && !inq {
                    n += 1;
                }
            }
            if n > 0 {
                lines += 1;
                total += n;
            }
        }
        if (lines, total) > (best.1, best.2) {
            best = (d, lines, total);
        }
    }
    best.0
}

/// The text of a CSV file: UTF-16 when it starts with a UTF-16 byte-order mark (Excel's
/// "Unicode text"), else UTF-8 with or without BOM. Invalid sequences are replaced rather than
/// rejected: the rest of the file stays readable.
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let pairs = rest.chunks_exact(2);
        let odd = !pairs.remainder().is_empty();
        let units = pairs.map(|c| unit([c[0], c[1]]));
        let mut text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        if odd {
            text.push(char::REPLACEMENT_CHARACTER);
        }
        text.into()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

/// Refuse, before parsing, a CSV with more lines or more fields in a line than a spreadsheet
/// has rows or columns: 45 MB of commas or of line breaks (under the size limit) made the
/// parser hold gigabytes of field and line positions for cells that are all empty.
fn check_shape(text: &str, delim: u8) -> Result<(), OpenError> {
    use super::workbook::{EXCEL_COLS, EXCEL_ROWS};
    let bytes = text.as_bytes();
    let (mut lines, mut fields, mut quoted) = (1u64, 1u64, false);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if quoted {
            // Inside quotes a delimiter or a line break belongs to the field.
        } else if b == delim {
            fields += 1;
            if fields > u64::from(EXCEL_COLS) {
                return Err(OpenError::Unreadable(Unreadable::CsvTooManyFields {
                    line: lines,
                    max: EXCEL_COLS,
                }));
            }
        } else if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            lines += 1;
            fields = 1;
            if lines > u64::from(EXCEL_ROWS) + 1 {
                return Err(OpenError::Unreadable(Unreadable::CsvTooManyLines {
                    max: EXCEL_ROWS,
                }));
            }
        }
    }
    Ok(())
}

pub fn read(bytes: &[u8], limits: &Limits) -> Result<Sheet, OpenError> {
    let text = decode(bytes);
    let delim = detect_delimiter(&text);
    check_shape(&text, delim)?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let mut cells = Vec::new();
    let mut continuation = Vec::new();
    let mut rec = csv::StringRecord::new();
    let lines = LineIndex::new(&text);
    let line_of = |pos: usize| lines.line_of(pos);
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(OpenError::Unreadable(Unreadable::damaged(
                    WorkbookFormat::Unknown,
                    e,
                )))
            }
        }
        let line = rec
            .position()
            .map(|p| line_of(p.byte() as usize))
            .unwrap_or(1);
        let row = u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX);
        // A quoted field holding line breaks spans several physical lines: one row, not several.
        let breaks = rec
            .iter()
            .map(|f| f.matches('\n').count() as u32)
            .sum::<u32>();
        continuation.extend((1..=breaks).map(|k| row.saturating_add(k)));
        for (col, f) in rec.iter().enumerate() {
            if f.trim().is_empty() {
                continue;
            }
            if cells.len() as u64 >= limits.max_cells {
                return Err(OpenError::TooLarge(Limit::Cells {
                    sheet: "CSV".into(),
                    max: limits.max_cells,
                }));
            }
            cells.push((row, col as u32, value(f)));
        }
    }
    Ok(Sheet::new(None, cells).with_continuation(continuation))
}

/// The error values a spreadsheet writes into CSV as their names (and reads back as errors).
const ERROR_VALUES: [&str; 15] = [
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#UNKNOWN!",
    "#BUSY!",
];

/// A CSV field as a cell: text, or an error value when the field is exactly an error's name
/// (any case, spaces around it ignored). A formula that failed in the workbook a CSV was saved
/// from arrives this way, and SPEC §3 rejects a row with an error value in a mapped cell.
fn value(f: &str) -> Val {
    let t = f.trim();
    if !t.starts_with('#') {
        return Val::Text(f.to_string());
    }
    match ERROR_VALUES.iter().find(|e| e.eq_ignore_ascii_case(t)) {
        Some(e) => Val::Error((*e).to_string()),
        None => Val::Text(f.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_lines_or_fields_than_a_sheet_has_rows_or_columns_are_refused() {
        let limits = Limits::default();
        let wide = format!("a{}\n", ",".repeat(16_384));
        assert!(matches!(
            read(wide.as_bytes(), &limits),
            Err(OpenError::Unreadable(_))
        ));
        let widest = format!("a{}\n", ",".repeat(16_383));
        assert!(read(widest.as_bytes(), &limits).is_ok());
        // Commas and line breaks inside quotes are the field's own.
        let quoted = format!("\"{}\"\n", ",\n".repeat(20_000));
        assert!(read(quoted.as_bytes(), &limits).is_ok());
        // 1,048,576 lines, most of them empty (the cell limit is another matter).
        let long = format!("x\n{}", "\n".repeat((1 << 20) - 1));
        assert!(read(long.as_bytes(), &limits).is_ok());
        let longer = format!("{long}x\n");
        assert!(matches!(
            read(longer.as_bytes(), &limits),
            Err(OpenError::Unreadable(_))
        ));
    }

    #[test]
    fn lines_end_at_lf_crlf_or_a_lone_cr() {
        for text in [
            "a,1\nb,2\n\nc,3\n",
            "a,1\r\nb,2\r\n\r\nc,3\r\n",
            "a,1\rb,2\r\rc,3\r",
        ] {
            let s = read(text.as_bytes(), &Limits::default()).unwrap();
            assert_eq!(s.get(0, 0), &Val::Text("a".into()), "{text:?}");
            assert_eq!(s.get(1, 0), &Val::Text("b".into()), "{text:?}");
            assert_eq!(s.get(3, 0), &Val::Text("c".into()), "{text:?}");
        }
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let text = "Tên thiết bị\tSố lượng\nMáy in\t2\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le, be] {
            assert_eq!(decode(&bytes), text);
            let s = read(&bytes, &Limits::default()).unwrap();
            assert_eq!(s.get(1, 0), &Val::Text("Máy in".into()));
            assert_eq!(s.get(1, 1), &Val::Text("2".into()));
        }
        // An odd last byte and a lone surrogate are replaced, not fatal.
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42]),
            "A\u{FFFD}\u{FFFD}"
        );
        assert_eq!(decode(b"\xEF\xBB\xBFa,b"), "a,b");
    }

    #[test]
    fn error_names_are_error_values_and_nothing_else_is() {
        assert_eq!(value("#REF!"), Val::Error("#REF!".into()));
        assert_eq!(value(" #n/a "), Val::Error("#N/A".into()));
        assert_eq!(value("#DIV/0!"), Val::Error("#DIV/0!".into()));
        for text in ["#REF", "REF!", "#REF! x", "# REF!", "#1", "N/A", "#"] {
            assert_eq!(value(text), Val::Text(text.into()), "{text}");
        }
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(detect_delimiter("a,b,c\n1,\"2;5\",3\n"), b',');
        assert_eq!(detect_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(detect_delimiter("Title\nMã: X\n"), b',');
    }

    #[test]
    fn rows_are_physical_lines() {
        let s = read(
            "\u{feff}T\r\n\r\na,\"b\nc\",d\r\ne,f\r\n".as_bytes(),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(s.get(0, 0), &Val::Text("T".into()));
        assert_eq!(s.get(2, 1), &Val::Text("b\nc".into()));
        assert_eq!(s.get(4, 0), &Val::Text("e".into()));
        assert!(s.is_row(2) && !s.is_row(3) && s.is_row(4));
    }

    #[test]
    fn invalid_utf8_and_nul_do_not_fail() {
        let s = read(b"a,\xff\x00b\n", &Limits::default()).unwrap();
        assert_eq!(s.get(0, 0), &Val::Text("a".into()));
    }
}
