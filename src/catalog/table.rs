//! Reading the catalog's CSV files (SPEC §2) by column name, with the line of every record,
//! and the strict decimals and folded texts the catalog compares.

use super::{said, Errors};
use crate::base::{fits_a_cell, MAX_TEXT};
use crate::fold::fold;
use rust_decimal::Decimal;

/// Strict decimal: digits with an optional `.` fraction, no sign, no exponent.
pub(crate) fn parse_decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    let ok = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && s.matches('.').count() <= 1
        && !s.starts_with('.')
        && !s.ends_with('.');
    if !ok {
        return None;
    }
    s.parse::<Decimal>().ok()
}

/// A CSV file of the catalog, read by column name.
pub(crate) struct Table {
    pub cols: Vec<String>,
    pub rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// Parse `text`; check that every `required` column is present and no column is unknown.
    pub fn parse(
        file: &'static str,
        text: &str,
        required: &[&str],
        optional: &[&str],
        errs: &mut Errors,
    ) -> Table {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines = crate::base::LineIndex::new(text);
        // A spreadsheet saved with a Vietnamese or European list separator writes `;`: one
        // finding that says so, and the file read with it, rather than a finding on every row.
        let header = text.lines().next().unwrap_or("");
        let semicolons = header.contains(';') && !header.contains(',');
        if semicolons {
            errs.push(
                file,
                Some(1),
                None,
                said!(
                    "the columns are separated by ';'; save the file as CSV with commas (,)",
                    "các cột được phân cách bằng ';'; lưu lại tệp dạng CSV phân cách bằng dấu phẩy (,)"
                ),
            );
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(if semicolons { b';' } else { b',' })
            .from_reader(text.as_bytes());
        let mut t = Table {
            cols: Vec::new(),
            rows: Vec::new(),
        };
        let mut first = true;
        for rec in rdr.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| lines.line_of(p.byte() as usize));
                    errs.push(
                        file,
                        line,
                        None,
                        said!("not valid CSV: {e}", "không đúng định dạng CSV: {e}"),
                    );
                    continue;
                }
            };
            let line = rec
                .position()
                .map(|p| lines.line_of(p.byte() as usize))
                .unwrap_or(0);
            let vals: Vec<String> = rec.iter().map(|v| v.trim().to_string()).collect();
            if first {
                first = false;
                t.cols = vals;
                errs.header(file, &t.cols);
                for c in &t.cols {
                    if !required.contains(&c.as_str()) && !optional.contains(&c.as_str()) {
                        errs.push(
                            file,
                            Some(line),
                            Some(c),
                            said!(
                                "unknown column; the columns are {}",
                                "cột không có trong danh mục; các cột là {}",
                                required
                                    .iter()
                                    .chain(optional)
                                    .copied()
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        );
                    }
                }
                for r in required {
                    if !t.cols.iter().any(|c| c == r) {
                        errs.push(
                            file,
                            Some(line),
                            Some(r),
                            said!("missing column", "thiếu cột"),
                        );
                    }
                }
                continue;
            }
            if vals.iter().all(|v| v.is_empty()) {
                continue;
            }
            if vals.len() > t.cols.len() {
                errs.push(
                    file,
                    Some(line),
                    None,
                    said!(
                        "{} fields, more than the {} columns",
                        "{} ô, nhiều hơn {} cột",
                        vals.len(),
                        t.cols.len()
                    ),
                );
            }
            // Catalog texts go into workbook cells (the template, both reports).
            for (col, v) in t.cols.iter().zip(&vals) {
                if !fits_a_cell(v) {
                    errs.push(
                        file,
                        Some(line),
                        Some(col),
                        said!(
                            "longer than the {MAX_TEXT} characters a spreadsheet cell holds",
                            "dài hơn {MAX_TEXT} ký tự, mức một ô bảng tính chứa được"
                        ),
                    );
                }
            }
            t.rows.push((line, vals));
        }
        if first {
            errs.push(
                file,
                None,
                None,
                said!(
                    "empty file: the header row is missing",
                    "tệp rỗng: thiếu dòng tiêu đề"
                ),
            );
        }
        t
    }

    /// The value of column `name` in a row ("" when absent).
    pub fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        self.cols
            .iter()
            .position(|c| c == name)
            .and_then(|i| row.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// Fold an alias, a code or a group for lookups.
pub(crate) fn folded(s: &str) -> String {
    fold(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_decimals() {
        assert_eq!(parse_decimal("10"), Some(Decimal::TEN));
        assert_eq!(parse_decimal("8.5"), Some(Decimal::new(85, 1)));
        assert_eq!(parse_decimal("-1"), None);
        assert_eq!(parse_decimal("1e3"), None);
        assert_eq!(parse_decimal("."), None);
    }
}
