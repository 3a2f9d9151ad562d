//! Finding a table's header row (SPEC §3): the first row within the first 30 that has the
//! required columns; each header cell belongs to the field whose header fits it longest.

use super::cell::Sheet;
use crate::fold::{fold, is_word_prefix};

/// Columns of the inventory and requests tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Item,
    Name,
    Config,
    Year,
    Quantity,
    Condition,
    AssetId,
    Note,
}

impl Field {
    pub const COUNT: usize = 8;
    fn idx(self) -> usize {
        self as usize
    }
}

/// Field headers, already folded.
pub type HeaderTable = &'static [(Field, &'static [&'static str])];

pub const INVENTORY: HeaderTable = &[
    (Field::Item, &["ma loai", "ma thiet bi", "item code"]),
    (
        Field::Name,
        &["ten thiet bi", "ten tai san", "thiet bi", "device"],
    ),
    (
        Field::Config,
        &["cau hinh", "thong so", "thong so ky thuat"],
    ),
    (
        Field::Year,
        &[
            "nam su dung",
            "nam dua vao su dung",
            "nam mua",
            "nam trang bi",
        ],
    ),
    (Field::Quantity, &["so luong", "sl", "quantity"]),
    (Field::Condition, &["tinh trang", "hien trang"]),
    (
        Field::AssetId,
        &["so serial", "serial", "ma tai san", "so hieu"],
    ),
    (Field::Note, &["ghi chu"]),
];

pub const REQUESTS: HeaderTable = &[
    (Field::Item, &["ma loai", "ma thiet bi", "item code"]),
    (Field::Quantity, &["so luong de xuat", "so luong"]),
];

/// How many rows are searched for a header.
pub const HEADER_ROWS: u32 = 30;

/// A header row and the columns of its fields.
#[derive(Debug, Clone)]
pub struct Header {
    pub row: u32,
    pub first_col: u32,
    pub last_col: u32,
    cols: [Option<u32>; Field::COUNT],
}

impl Header {
    pub fn col(&self, f: Field) -> Option<u32> {
        self.cols[f.idx()]
    }

    /// Columns of every mapped field.
    pub fn mapped(&self) -> impl Iterator<Item = (Field, u32)> + '_ {
        const ALL: [Field; Field::COUNT] = [
            Field::Item,
            Field::Name,
            Field::Config,
            Field::Year,
            Field::Quantity,
            Field::Condition,
            Field::AssetId,
            Field::Note,
        ];
        ALL.into_iter().filter_map(|f| self.col(f).map(|c| (f, c)))
    }
}

/// The field a header cell belongs to: the longest fitting header wins.
fn field_of(folded: &str, table: HeaderTable) -> Option<Field> {
    let mut best: Option<(usize, Field)> = None;
    for (f, hs) in table {
        for h in *hs {
            if is_word_prefix(folded, h) && best.is_none_or(|(l, _)| h.len() > l) {
                best = Some((h.len(), *f));
            }
        }
    }
    best.map(|(_, f)| f)
}

/// The first row (of the first 30) holding every `required` field.
pub fn find(sheet: &Sheet, table: HeaderTable, required: &[Field]) -> Option<Header> {
    let mut current: Option<u32> = None;
    let mut cols = [None; Field::COUNT];
    let (mut first, mut last) = (u32::MAX, 0);
    let check =
        |row: u32, cols: &[Option<u32>; Field::COUNT], first: u32, last: u32| -> Option<Header> {
            required
                .iter()
                .all(|f| cols[f.idx()].is_some())
                .then_some(Header {
                    row,
                    first_col: first,
                    last_col: last,
                    cols: *cols,
                })
        };
    for (r, c, v) in sheet.rows_between(0, HEADER_ROWS) {
        if current != Some(*r) {
            if let Some(row) = current {
                if let Some(h) = check(row, &cols, first, last) {
                    return Some(h);
                }
            }
            current = Some(*r);
            cols = [None; Field::COUNT];
            first = u32::MAX;
            last = 0;
        }
        first = first.min(*c);
        last = last.max(*c);
        if v.is_text() {
            let f = fold(&v.text());
            if let Some(field) = field_of(&f, table) {
                cols[field.idx()].get_or_insert(*c);
            }
        }
    }
    current.and_then(|row| check(row, &cols, first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::cell::Val;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                cells.push((r as u32, c as u32, Val::Text(v.to_string())));
            }
        }
        Sheet::new(Some("S".into()), cells)
    }

    #[test]
    fn finds_header_with_variants() {
        let s = sheet(&[
            &["BÁO CÁO HIỆN TRẠNG"],
            &[
                "",
                "STT",
                "Tên thiết bị",
                "Số lượng (cái)",
                "Thông số kỹ thuật",
                "Số lượng đề xuất",
            ],
        ]);
        let h = find(&s, INVENTORY, &[Field::Name, Field::Quantity]).unwrap();
        assert_eq!(h.row, 1);
        assert_eq!(h.col(Field::Name), Some(2));
        assert_eq!(h.col(Field::Quantity), Some(3));
        assert_eq!(h.col(Field::Config), Some(4));
        assert_eq!((h.first_col, h.last_col), (1, 5));
    }

    #[test]
    fn longest_header_wins() {
        // "Thiết bị" (name) vs "Mã thiết bị" (item): the longer one claims the cell.
        assert_eq!(field_of("ma thiet bi", INVENTORY), Some(Field::Item));
        assert_eq!(field_of("thiet bi", INVENTORY), Some(Field::Name));
        assert_eq!(
            field_of("so luong de xuat", REQUESTS),
            Some(Field::Quantity)
        );
        assert_eq!(field_of("don vi tinh", INVENTORY), None);
    }

    #[test]
    fn no_header() {
        let s = sheet(&[&["a", "b"], &["Tên thiết bị"]]);
        assert!(find(&s, INVENTORY, &[Field::Name, Field::Quantity]).is_none());
    }
}
