//! The one builder of the test forms: cells ([`C`]), sheets ([`Sheet`]) and workbooks ([`Book`])
//! written as xlsx with rust_xlsxwriter, and the usual shape of a survey form ([`Form`]: title
//! lines, `Label: value` cells or label | value pairs, a header, rows) written as a sheet or as
//! CSV text. The standard layout (SPEC §3) sits on top: [`HEADER`], [`item`], [`info_sheet`],
//! [`inv_sheet`], [`requests_sheet`], [`standard`].

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Cells

/// A cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum C {
    /// No cell at all.
    E,
    T(String),
    N(f64),
    /// An Excel date cell (y, m, d) with a date number format.
    D(u16, u8, u8),
    /// A formula and its cached result.
    F(String, String),
}

impl C {
    /// What the cell reads as in a `Label: value` cell or a CSV field.
    pub fn text(&self) -> String {
        match self {
            C::E => String::new(),
            C::T(t) => t.clone(),
            C::N(n) => n.to_string(),
            C::D(y, m, d) => format!("{d:02}/{m:02}/{y}"),
            C::F(_, result) => result.clone(),
        }
    }
}

impl From<&str> for C {
    fn from(s: &str) -> C {
        if s.is_empty() {
            C::E
        } else {
            C::T(s.to_string())
        }
    }
}
impl From<String> for C {
    fn from(s: String) -> C {
        C::from(s.as_str())
    }
}
impl From<&String> for C {
    fn from(s: &String) -> C {
        C::from(s.as_str())
    }
}
impl From<i32> for C {
    fn from(n: i32) -> C {
        C::N(n as f64)
    }
}
impl From<f64> for C {
    fn from(n: f64) -> C {
        C::N(n)
    }
}

/// A text cell written exactly as given (even when empty or blank).
pub fn raw(s: &str) -> C {
    C::T(s.to_string())
}

pub fn formula(f: &str, result: &str) -> C {
    C::F(f.to_string(), result.to_string())
}

/// `row![a, b, c]`: a row of cells from anything that converts into [`C`].
macro_rules! row {
    ($($x:expr),* $(,)?) => { vec![$($crate::common::C::from($x)),*] };
}

// ---------------------------------------------------------------------------------------------
// Sheets and workbooks

/// One worksheet: cells by (row, col), 0-based, plus merged ranges.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub cells: BTreeMap<(u32, u16), C>,
    pub merges: Vec<(u32, u16, u32, u16, String)>,
}

impl Sheet {
    pub fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            ..Sheet::default()
        }
    }

    pub fn set(&mut self, r: u32, c: u16, v: impl Into<C>) -> &mut Sheet {
        let v = v.into();
        if v == C::E {
            self.cells.remove(&(r, c));
        } else {
            self.cells.insert((r, c), v);
        }
        self
    }

    /// Write `vals` into row `r` from column `c0`.
    pub fn row(&mut self, r: u32, c0: u16, vals: Vec<C>) -> &mut Sheet {
        for (i, v) in vals.into_iter().enumerate() {
            self.set(r, c0 + i as u16, v);
        }
        self
    }

    /// Write `rows` from row `r0`, column `c0`; returns the next free row.
    pub fn rows(&mut self, r0: u32, c0: u16, rows: Vec<Vec<C>>) -> u32 {
        let mut r = r0;
        for vals in rows {
            self.row(r, c0, vals);
            r += 1;
        }
        r
    }

    pub fn merge(&mut self, r1: u32, c1: u16, r2: u32, c2: u16, text: &str) -> &mut Sheet {
        self.merges.push((r1, c1, r2, c2, text.to_string()));
        self
    }
}

/// A workbook made of [`Sheet`]s, in order.
#[derive(Debug, Clone, Default)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

impl Book {
    pub fn new() -> Book {
        Book::default()
    }

    /// A workbook opening with the information sheet of `fields`.
    pub fn info(fields: &[(&str, C)]) -> Book {
        Book::new().sheet(info_sheet(fields))
    }

    /// A workbook opening with the information sheet of a valid unit ([`unit_fields`]).
    pub fn unit(code: &str, staff: i32) -> Book {
        Book::info(&unit_fields(code, staff))
    }

    pub fn sheet(mut self, s: Sheet) -> Book {
        self.sheets.push(s);
        self
    }

    /// Add the inventory sheet of the standard layout ([`inv_sheet`]).
    pub fn inv(self, rows: Vec<Vec<C>>) -> Book {
        self.sheet(inv_sheet(rows))
    }

    pub fn xlsx(&self) -> Vec<u8> {
        self.xlsx_with(|_| {})
    }

    /// The workbook with `first` applied to it before the sheets are added: what the cells
    /// cannot say, such as a chart sheet ahead of the data.
    pub fn xlsx_with(&self, first: impl FnOnce(&mut Workbook)) -> Vec<u8> {
        let mut wb = Workbook::new();
        first(&mut wb);
        let date = Format::new().set_num_format("dd/mm/yyyy");
        for s in &self.sheets {
            let ws = wb.add_worksheet();
            ws.set_name(&s.name).unwrap();
            for ((r, c), v) in &s.cells {
                match v {
                    C::E => {}
                    C::T(t) => {
                        ws.write_string(*r, *c, t).unwrap();
                    }
                    C::N(n) => {
                        ws.write_number(*r, *c, *n).unwrap();
                    }
                    C::D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(*r, *c, &dt, &date).unwrap();
                    }
                    C::F(f, res) => {
                        ws.write_formula(*r, *c, Formula::new(f).set_result(res))
                            .unwrap();
                    }
                }
            }
            for (r1, c1, r2, c2, t) in &s.merges {
                ws.merge_range(*r1, *c1, *r2, *c2, t, &Format::new())
                    .unwrap();
            }
        }
        wb.save_to_buffer().unwrap()
    }
}

// ---------------------------------------------------------------------------------------------
// The shape of a form: lines above the table, the header, the rows

/// A one-sheet survey form from column A down: lines above the table (titles, `Label: value`
/// cells, label | value pairs, anything else), then the header, then the rows.
#[derive(Debug, Clone, Default)]
pub struct Form {
    top: Vec<Vec<C>>,
    header: Vec<C>,
    rows: Vec<Vec<C>>,
}

impl Form {
    pub fn new() -> Form {
        Form::default()
    }

    /// A line of any cells above the table; `vec![]` is a blank line.
    pub fn line(mut self, cells: Vec<C>) -> Form {
        self.top.push(cells);
        self
    }

    /// A line holding one text cell.
    pub fn title(self, text: &str) -> Form {
        self.line(vec![C::from(text)])
    }

    /// One `Label: value` cell per line.
    pub fn labels<L: AsRef<str>, V: Clone + Into<C>>(self, fields: &[(L, V)]) -> Form {
        fields.iter().fold(self, |f, (label, v)| {
            let text = format!("{}: {}", label.as_ref(), v.clone().into().text());
            f.line(vec![C::T(text)])
        })
    }

    /// One `label | value` pair of cells per line.
    pub fn pairs<L: AsRef<str>, V: Clone + Into<C>>(self, fields: &[(L, V)]) -> Form {
        fields.iter().fold(self, |f, (label, v)| {
            f.line(vec![C::from(label.as_ref()), v.clone().into()])
        })
    }

    pub fn header<H: AsRef<str>>(mut self, header: &[H]) -> Form {
        self.header = header.iter().map(|h| C::from(h.as_ref())).collect();
        self
    }

    pub fn rows(mut self, rows: Vec<Vec<C>>) -> Form {
        self.rows.extend(rows);
        self
    }

    /// Rows numbered 1, 2, … in an STT cell before their cells.
    pub fn numbered(self, rows: Vec<Vec<C>>) -> Form {
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| std::iter::once(C::from(i as i32 + 1)).chain(r).collect())
            .collect();
        self.rows(rows)
    }

    fn lines(&self) -> impl Iterator<Item = (&Vec<C>, bool)> {
        let header = (!self.header.is_empty()).then_some(&self.header);
        let top = self.top.iter().chain(header).map(|l| (l, false));
        top.chain(self.rows.iter().map(|l| (l, true)))
    }

    /// The form as the sheet `name`, from cell A1.
    pub fn sheet(&self, name: &str) -> Sheet {
        let mut s = Sheet::new(name);
        for (r, (cells, _)) in self.lines().enumerate() {
            s.row(r as u32, 0, cells.clone());
        }
        s
    }

    /// The form as a workbook of one sheet, `name`.
    pub fn xlsx(&self, name: &str) -> Vec<u8> {
        Book::new().sheet(self.sheet(name)).xlsx()
    }

    /// The form as CSV text, `sep` between cells and `\n` after every line. A line ends at its
    /// last cell, except that the table's rows are as wide as the header; a cell holding a
    /// separator of any dialect (`,` `;` tab), a quote or a line break is quoted.
    pub fn csv(&self, sep: char) -> String {
        let mut out = String::new();
        for (cells, in_table) in self.lines() {
            let used = cells.iter().rposition(|c| *c != C::E).map_or(0, |i| i + 1);
            let width = if in_table {
                used.max(self.header.len())
            } else {
                used
            };
            let fields: Vec<String> = (0..width)
                .map(|i| csv_field(&cells.get(i).map(C::text).unwrap_or_default()))
                .collect();
            out.push_str(&fields.join(&sep.to_string()));
            out.push('\n');
        }
        out
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', ';', '\t', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// The standard submission layout

/// Inventory header of the standard layout (row 1): A STT, B Mã loại, then the template's
/// device columns, C Tên thiết bị … I Ghi chú.
pub const HEADER: [&str; 9] = {
    let d = rasoat::template::DEVICE_HEADERS;
    ["STT", "Mã loại", d[0], d[1], d[2], d[3], d[4], d[5], d[6]]
};
/// The header of a short form: STT and the device columns up to Số serial (no item code, no
/// note).
pub const SHORT_HEADER: [&str; 7] = {
    let d = rasoat::template::DEVICE_HEADERS;
    ["STT", d[0], d[1], d[2], d[3], d[4], d[5]]
};
pub const COL_CODE: usize = 1;
pub const COL_NAME: usize = 2;
pub const COL_CONFIG: usize = 3;
pub const COL_YEAR: usize = 4;
pub const COL_QTY: usize = 5;
pub const COL_COND: usize = 6;
pub const COL_SERIAL: usize = 7;
pub const COL_NOTE: usize = 8;

pub const INV: &str = "Hiện trạng";
pub const INFO: &str = "Thông tin đơn vị";
pub const REQ: &str = "Đề xuất";

/// The cells of [`HEADER`].
pub fn header_cells() -> Vec<C> {
    HEADER.iter().map(|h| C::from(*h)).collect()
}

/// A standard inventory row: a device name and a quantity, everything else empty.
pub fn item(name: &str, qty: impl Into<C>) -> Vec<C> {
    let mut v = vec![C::E; 9];
    v[COL_NAME] = C::from(name);
    v[COL_QTY] = qty.into();
    v
}

/// Change one cell of a row.
pub trait With {
    fn with(self, col: usize, v: impl Into<C>) -> Self;
}
impl With for Vec<C> {
    fn with(mut self, col: usize, v: impl Into<C>) -> Self {
        if self.len() <= col {
            self.resize(col + 1, C::E);
        }
        self[col] = v.into();
        self
    }
}

/// The label/value pairs of a unit's required fields: code, name, block, level, staff.
pub fn fields(
    code: &str,
    name: &str,
    block: &str,
    level: &str,
    staff: impl Into<C>,
) -> Vec<(&'static str, C)> {
    vec![
        ("Mã đơn vị", C::from(code)),
        ("Tên đơn vị", C::from(name)),
        ("Khối", C::from(block)),
        ("Cấp", C::from(level)),
        ("Số cán bộ", staff.into()),
    ]
}

/// The label/value pairs of a valid unit of block Đảng, level commune.
pub fn unit_fields(code: &str, staff: i32) -> Vec<(&'static str, C)> {
    fields(code, &format!("Đảng ủy {code}"), "Đảng", "Phường", staff)
}

/// A unit-information sheet: a title, then one label/value pair per row.
pub fn info_sheet(fields: &[(&str, C)]) -> Sheet {
    Form::new()
        .title("THÔNG TIN ĐƠN VỊ")
        .pairs(fields)
        .sheet(INFO)
}

/// The inventory sheet of the standard layout: header on row 1, `rows` from row 2.
pub fn inv_sheet(rows: Vec<Vec<C>>) -> Sheet {
    Form::new().header(&HEADER).rows(rows).sheet(INV)
}

/// A requests sheet: `Mã loại | Số lượng đề xuất` on row 1, one (code, quantity) per row below.
pub fn requests_sheet(rows: &[(&str, i32)]) -> Sheet {
    let rows = rows.iter().map(|(code, qty)| row![*code, *qty]).collect();
    Form::new()
        .header(&["Mã loại", "Số lượng đề xuất"])
        .rows(rows)
        .sheet(REQ)
}

/// A standard two-sheet submission for unit `code` with `staff` staff.
pub fn standard(code: &str, staff: i32, rows: Vec<Vec<C>>) -> Vec<u8> {
    Book::unit(code, staff).inv(rows).xlsx()
}
