//! Unit information (SPEC §3): from a unit-information sheet, then from `Label: value` cells
//! above the inventory header. The first occurrence of a field with a non-empty value wins.

use super::cell::{Sheet, Val};
use super::values::{parse_date, parse_quantity, Date};
use crate::catalog::{Block, Level};
use crate::diag::{CellRef, Code, Diagnostic, FieldProblem, Msg};
use crate::fold::{display, fold};
use serde::Serialize;

/// Folded names of a unit-information sheet.
pub const SHEET_NAMES: &[&str] = &["thong tin don vi", "thong tin", "don vi", "unit"];

/// The unit a submission describes (đơn vị).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub block: Block,
    pub level: Level,
    /// Headquarters code as written (NFC, trimmed); defaults to the unit code.
    pub site: String,
    pub staff: u64,
    pub leaders: u64,
    pub date: Option<Date>,
    pub revision: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum F {
    Code,
    Name,
    Block,
    Level,
    Site,
    Staff,
    Leaders,
    Date,
    Revision,
}

const FIELDS: &[(F, &str, &[&str])] = &[
    (F::Code, "code", &["ma don vi", "ma dv", "unit code"]),
    (F::Name, "name", &["ten don vi", "don vi", "unit"]),
    (F::Block, "block", &["khoi"]),
    (F::Level, "level", &["cap"]),
    (F::Site, "site", &["ma tru so", "tru so"]),
    (F::Staff, "staff", &["so can bo", "so cbcc", "bien che"]),
    (F::Leaders, "leaders", &["so lanh dao", "lanh dao"]),
    (F::Date, "date", &["ngay lap", "ngay bao cao"]),
    (
        F::Revision,
        "revision",
        &["lan nop", "phien ban", "revision"],
    ),
];

fn field_of(label: &str) -> Option<usize> {
    let f = fold(label);
    FIELDS
        .iter()
        .position(|(_, _, ls)| ls.contains(&f.as_str()))
}

/// A raw value with where it was found.
#[derive(Clone, Debug)]
struct Found {
    val: Val,
    sheet: Option<String>,
    cell: CellRef,
}

#[derive(Default)]
pub struct Collector {
    found: [Option<Found>; 9],
}

fn next_value(cells: &[(u32, u32, Val)], after: u32) -> Option<&(u32, u32, Val)> {
    cells.iter().find(|c| c.1 > after && !c.2.is_empty())
}

impl Collector {
    fn offer(&mut self, idx: usize, val: Val, sheet: &Option<String>, row: u32, col: u32) {
        if self.found[idx].is_none() && !val.is_empty() {
            self.found[idx] = Some(Found {
                val,
                sheet: sheet.clone(),
                cell: CellRef::new(row + 1, col),
            });
        }
    }

    /// Offer a `Label: value` text cell; the value is after the colon, else the next cell.
    fn offer_colon(
        &mut self,
        cells: &[(u32, u32, Val)],
        sheet: &Option<String>,
        r: u32,
        c: u32,
        text: &str,
    ) {
        if let Some((label, value)) = text.split_once(':') {
            if let Some(idx) = field_of(label) {
                if !value.trim().is_empty() {
                    self.offer(idx, Val::Text(value.trim().to_string()), sheet, r, c);
                } else if let Some((vr, vc, v)) = next_value(cells, c) {
                    self.offer(idx, v.clone(), sheet, *vr, *vc);
                }
            }
        }
    }

    /// A unit-information sheet: in each row the first non-empty text cell is the label.
    pub fn read_sheet(&mut self, sheet: &Sheet) {
        let cells = sheet.cells();
        let mut i = 0;
        while i < cells.len() {
            let r = cells[i].0;
            let j = i + cells[i..].iter().take_while(|c| c.0 == r).count();
            let row = &cells[i..j];
            if let Some((_, c, v)) = row.iter().find(|c| c.2.is_text()) {
                let text = v.text();
                match field_of(&text) {
                    Some(idx) => {
                        if let Some((vr, vc, val)) = next_value(row, *c) {
                            self.offer(idx, val.clone(), &sheet.name, *vr, *vc);
                        }
                    }
                    None => self.offer_colon(row, &sheet.name, r, *c, &text),
                }
            }
            i = j;
        }
    }

    /// `Label: value` cells in rows above `header_row`.
    pub fn read_colon_cells(&mut self, sheet: &Sheet, header_row: u32) {
        let cells = sheet.rows_between(0, header_row);
        let mut i = 0;
        while i < cells.len() {
            let r = cells[i].0;
            let j = i + cells[i..].iter().take_while(|c| c.0 == r).count();
            let row = &cells[i..j];
            for (_, c, v) in row {
                if let Val::Text(s) = v {
                    if s.contains(':') {
                        self.offer_colon(row, &sheet.name, r, *c, s);
                    }
                }
            }
            i = j;
        }
    }

    /// Parse the collected fields; `None` (with diagnostics) when the unit is unusable.
    pub fn finish(
        self,
        file: &str,
        default_sheet: Option<&str>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Unit> {
        let before = diags.len();
        let get = |f: F| self.found[FIELDS.iter().position(|x| x.0 == f).unwrap_or(0)].as_ref();
        let name_of = |f: F| FIELDS.iter().find(|x| x.0 == f).map(|x| x.1).unwrap_or("");
        let mut bad = |f: F, found: Option<&Found>, problem: FieldProblem| {
            let (sheet, cell) = match found {
                Some(x) => (x.sheet.as_deref(), Some(x.cell)),
                None => (default_sheet, None),
            };
            diags.push(Diagnostic::new(
                Code::UnitField,
                file,
                sheet,
                cell,
                Msg::UnitField {
                    field: name_of(f),
                    problem,
                },
            ));
        };
        let unreadable = |x: &Found| FieldProblem::Unreadable(x.val.text());

        let code = match get(F::Code) {
            Some(x) => Some(x.val.text()),
            None => {
                bad(F::Code, None, FieldProblem::Missing);
                None
            }
        };
        let name = match get(F::Name) {
            Some(x) => Some(display(&x.val.text())),
            None => {
                bad(F::Name, None, FieldProblem::Missing);
                None
            }
        };
        let block = match get(F::Block) {
            Some(x) => {
                let b = parse_block(&x.val.text());
                if b.is_none() {
                    bad(F::Block, Some(x), unreadable(x));
                }
                b
            }
            None => {
                bad(F::Block, None, FieldProblem::Missing);
                None
            }
        };
        let level = match get(F::Level) {
            Some(x) => {
                let l = parse_level(&x.val.text());
                if l.is_none() {
                    bad(F::Level, Some(x), unreadable(x));
                }
                l
            }
            None => {
                bad(F::Level, None, FieldProblem::Missing);
                None
            }
        };
        let mut count = |f: F, required: bool, default: u64| -> Option<u64> {
            match get(f) {
                Some(x) => match parse_quantity(&x.val) {
                    Ok(Some(n)) if n > super::MAX_PEOPLE && matches!(f, F::Staff | F::Leaders) => {
                        bad(f, Some(x), FieldProblem::TooLarge(n.to_string()));
                        None
                    }
                    Ok(Some(n)) => Some(n),
                    _ => {
                        bad(f, Some(x), unreadable(x));
                        None
                    }
                },
                None if required => {
                    bad(f, None, FieldProblem::Missing);
                    None
                }
                None => Some(default),
            }
        };
        let staff = count(F::Staff, true, 0);
        let leaders = count(F::Leaders, false, 0);
        let revision = count(F::Revision, false, 1);
        let date = match get(F::Date) {
            Some(x) => match parse_date(&x.val) {
                Some(d) => Some(Some(d)),
                None => {
                    bad(F::Date, Some(x), unreadable(x));
                    None
                }
            },
            None => Some(None),
        };
        let site = get(F::Site).map(|x| display(&x.val.text()));
        if diags.len() > before {
            return None;
        }
        let (code, name, block, level, staff, leaders, date, revision) = (
            code?, name?, block?, level?, staff?, leaders?, date?, revision?,
        );
        if leaders > staff {
            let x = get(F::Leaders);
            diags.push(Diagnostic::new(
                Code::UnitLeaders,
                file,
                x.and_then(|x| x.sheet.as_deref()).or(default_sheet),
                x.map(|x| x.cell),
                Msg::UnitLeaders { leaders, staff },
            ));
            return None;
        }
        let code = code.trim().to_string();
        Some(Unit {
            site: site.unwrap_or_else(|| code.clone()),
            code,
            name,
            block,
            level,
            staff,
            leaders,
            date,
            revision,
        })
    }
}

/// Drop a leading `khoi`/`cap` word when more words follow.
fn strip_prefix_word(f: &str, word: &str) -> String {
    match f.strip_prefix(word) {
        Some(rest) if rest.starts_with(' ') && rest.len() > 1 => rest[1..].to_string(),
        _ => f.to_string(),
    }
}

pub fn parse_block(text: &str) -> Option<Block> {
    match strip_prefix_word(&fold(text), "khoi").as_str() {
        "dang" => Some(Block::Dang),
        "mat tran to quoc" | "mttq" => Some(Block::Mttq),
        "chinh tri xa hoi" | "ct xh" | "doan the" | "ctxh" => Some(Block::Ctxh),
        _ => None,
    }
}

pub fn parse_level(text: &str) -> Option<Level> {
    match strip_prefix_word(&fold(text), "cap").as_str() {
        "thanh pho" | "tp" | "city" => Some(Level::City),
        "phuong" | "xa" | "dac khu" | "co so" | "commune" => Some(Level::Commune),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_levels() {
        assert_eq!(parse_block("Khối Đảng"), Some(Block::Dang));
        assert_eq!(parse_block("Đảng"), Some(Block::Dang));
        assert_eq!(parse_block("MTTQ"), Some(Block::Mttq));
        assert_eq!(parse_block("Mặt trận Tổ quốc"), Some(Block::Mttq));
        assert_eq!(parse_block("CT-XH"), Some(Block::Ctxh));
        assert_eq!(parse_block("Chính trị - xã hội"), Some(Block::Ctxh));
        assert_eq!(parse_block("Đoàn thể"), Some(Block::Ctxh));
        assert_eq!(parse_block("ctxh"), Some(Block::Ctxh));
        assert_eq!(parse_block("Khối"), None);
        assert_eq!(parse_level("Cấp xã"), Some(Level::Commune));
        assert_eq!(parse_level("Đặc khu"), Some(Level::Commune));
        assert_eq!(parse_level("TP"), Some(Level::City));
        assert_eq!(parse_level("Thành phố"), Some(Level::City));
        assert_eq!(parse_level("Quận"), None);
    }

    fn sheet(rows: &[&[Val]]) -> Sheet {
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                cells.push((r as u32, c as u32, v.clone()));
            }
        }
        Sheet::new(Some("Thông tin đơn vị".into()), cells)
    }

    fn t(s: &str) -> Val {
        Val::Text(s.into())
    }

    #[test]
    fn reads_sheet_and_colon_cells() {
        let info = sheet(&[
            &[t("THÔNG TIN ĐƠN VỊ")],
            &[t("Mã đơn vị"), t("DU-01")],
            &[
                Val::Int(1),
                t("Tên đơn vị"),
                Val::Empty,
                t("Đảng ủy phường A"),
            ],
            &[t("Khối"), t("Đảng")],
            &[t("Số cán bộ"), t("25 người")],
            &[t("Đơn vị tính: cái")],
        ]);
        let inv = Sheet::new(
            Some("Hiện trạng".into()),
            vec![
                (0, 0, t("Cấp: Phường")),
                (1, 0, t("Mã đơn vị: OTHER")),
                (2, 0, t("Số lãnh đạo:")),
                (2, 2, Val::Int(3)),
                (3, 0, t("Tên thiết bị")),
            ],
        );
        let mut c = Collector::default();
        c.read_sheet(&info);
        c.read_colon_cells(&inv, 3);
        let mut d = Vec::new();
        let u = c.finish("f.xlsx", None, &mut d).unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(u.code, "DU-01");
        assert_eq!(u.name, "Đảng ủy phường A");
        assert_eq!(u.level, Level::Commune);
        assert_eq!(u.staff, 25);
        assert_eq!(u.leaders, 3);
        assert_eq!(u.site, "DU-01");
        assert_eq!(u.revision, 1);
    }

    #[test]
    fn missing_and_bad_fields() {
        let inv = Sheet::new(
            Some("S".into()),
            vec![
                (0, 0, t("Mã đơn vị: X")),
                (1, 0, t("Số cán bộ: nhiều")),
                (2, 0, t("Khối: Đảng")),
            ],
        );
        let mut c = Collector::default();
        c.read_colon_cells(&inv, 5);
        let mut d = Vec::new();
        assert!(c.finish("f.xlsx", Some("S"), &mut d).is_none());
        let codes: Vec<_> = d.iter().map(|x| (x.code, x.cell_a1())).collect();
        assert_eq!(codes.len(), 3, "{d:?}"); // name, level missing; staff unreadable
        assert!(codes.contains(&(Code::UnitField, Some("A2".into()))));
    }

    #[test]
    fn leaders_above_staff() {
        let inv = Sheet::new(
            Some("S".into()),
            vec![
                (0, 0, t("Mã đơn vị: X")),
                (1, 0, t("Tên đơn vị: Y")),
                (2, 0, t("Khối: MTTQ")),
                (3, 0, t("Cấp: Xã")),
                (4, 0, t("Số cán bộ: 2")),
                (5, 0, t("Số lãnh đạo: 3")),
            ],
        );
        let mut c = Collector::default();
        c.read_colon_cells(&inv, 9);
        let mut d = Vec::new();
        assert!(c.finish("f.xlsx", Some("S"), &mut d).is_none());
        assert_eq!(d[0].code, Code::UnitLeaders);
        assert_eq!(d[0].cell_a1().as_deref(), Some("A6"));
    }
}
