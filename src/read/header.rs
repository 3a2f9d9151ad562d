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

/// The headers of one field, already folded. A table may list a field twice: the earlier
/// entry outranks the later one wherever its column stands.
pub struct FieldHeaders {
    pub field: Field,
    pub headers: &'static [&'static str],
    /// Words that, right after a header, make the cell not fit it (`Số lượng hiện có`).
    pub not_followed_by: &'static [&'static str],
}

/// The headers of a table's fields.
pub type HeaderTable = &'static [FieldHeaders];

const fn fh(field: Field, headers: &'static [&'static str]) -> FieldHeaders {
    FieldHeaders {
        field,
        headers,
        not_followed_by: &[],
    }
}

const ITEM_HEADERS: &[&str] = &["ma loai", "ma thiet bi", "item code"];

pub const INVENTORY: HeaderTable = &[
    fh(Field::Item, ITEM_HEADERS),
    fh(
        Field::Name,
        &["ten thiet bi", "ten tai san", "thiet bi", "device"],
    ),
    fh(
        Field::Config,
        &["cau hinh", "thong so", "thong so ky thuat"],
    ),
    fh(
        Field::Year,
        &[
            "nam su dung",
            "nam dua vao su dung",
            "nam mua",
            "nam trang bi",
        ],
    ),
    fh(Field::Quantity, &["so luong", "sl", "quantity"]),
    fh(Field::Condition, &["tinh trang", "hien trang"]),
    fh(
        Field::AssetId,
        &["so serial", "serial", "ma tai san", "so hieu"],
    ),
    fh(Field::Note, &["ghi chu"]),
];

/// SPEC §3 "Requests": the requested quantity wherever it stands; a plain quantity only when
/// there is none, and never one that says what the unit has.
pub const REQUESTS: HeaderTable = &[
    fh(Field::Item, ITEM_HEADERS),
    fh(
        Field::Quantity,
        &[
            "so luong de xuat",
            "so luong de nghi",
            "sl de xuat",
            "requested quantity",
        ],
    ),
    FieldHeaders {
        field: Field::Quantity,
        headers: &["so luong", "sl", "quantity"],
        not_followed_by: &[
            "hien co", "hien tai", "da co", "dang co", "current", "existing",
        ],
    },
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

/// The entry of `table` a header cell belongs to: the longest fitting header wins.
fn entry_of(folded: &str, table: HeaderTable) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (e, fhs) in table.iter().enumerate() {
        for h in fhs.headers {
            if fits(folded, h, fhs.not_followed_by) && best.is_none_or(|(l, _)| h.len() > l) {
                best = Some((h.len(), e));
            }
        }
    }
    best.map(|(_, e)| e)
}

/// `folded` equals `header` or starts with it followed by a space, and what follows does not
/// begin with one of `not_followed_by`.
fn fits(folded: &str, header: &str, not_followed_by: &[&str]) -> bool {
    is_word_prefix(folded, header)
        && !folded.get(header.len()..).is_some_and(|rest| {
            let rest = rest.trim_start();
            not_followed_by.iter().any(|w| is_word_prefix(rest, w))
        })
}

#[cfg(test)]
fn field_of(folded: &str, table: HeaderTable) -> Option<Field> {
    entry_of(folded, table).map(|e| table[e].field)
}

/// The first row (of the first 30) holding every `required` field. In a row, a field's
/// column is the first claimed by its highest-ranked entry.
pub fn find(sheet: &Sheet, table: HeaderTable, required: &[Field]) -> Option<Header> {
    let mut current: Option<u32> = None;
    // (entry, column) of each field.
    let mut claims: [Option<(usize, u32)>; Field::COUNT] = [None; Field::COUNT];
    let (mut first, mut last) = (u32::MAX, 0);
    let check = |row: u32,
                 claims: &[Option<(usize, u32)>; Field::COUNT],
                 first: u32,
                 last: u32|
     -> Option<Header> {
        let cols = claims.map(|c| c.map(|(_, col)| col));
        required
            .iter()
            .all(|f| cols[f.idx()].is_some())
            .then_some(Header {
                row,
                first_col: first,
                last_col: last,
                cols,
            })
    };
    for (r, c, v) in sheet.rows_between(0, HEADER_ROWS) {
        if current != Some(*r) {
            if let Some(row) = current {
                if let Some(h) = check(row, &claims, first, last) {
                    return Some(h);
                }
            }
            current = Some(*r);
            claims = [None; Field::COUNT];
            first = u32::MAX;
            last = 0;
        }
        first = first.min(*c);
        last = last.max(*c);
        if v.is_text() {
            let f = fold(&v.text());
            if let Some(e) = entry_of(&f, table) {
                let claim = &mut claims[table[e].field.idx()];
                if claim.is_none_or(|(held, _)| e < held) {
                    *claim = Some((e, *c));
                }
            }
        }
    }
    current.and_then(|row| check(row, &claims, first, last))
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

    /// SPEC §3 "Requests": the requested quantity wherever it stands; a plain quantity only
    /// when there is none, never one that holds what the unit has.
    #[test]
    fn requests_quantity_column() {
        let req = [Field::Item, Field::Quantity];
        let qty = |cells: &[&str]| {
            find(&sheet(&[cells]), REQUESTS, &req).and_then(|h| h.col(Field::Quantity))
        };
        assert_eq!(
            qty(&["Mã loại", "Số lượng hiện có", "Số lượng đề xuất"]),
            Some(2)
        );
        assert_eq!(qty(&["Mã loại", "Số lượng", "SL đề xuất"]), Some(2));
        assert_eq!(qty(&["Mã loại", "Số lượng", "Số lượng đề nghị"]), Some(2));
        assert_eq!(qty(&["Mã loại", "Requested quantity", "Quantity"]), Some(1));
        assert_eq!(qty(&["Mã loại", "Số lượng (cái)"]), Some(1));
        assert_eq!(qty(&["Mã loại", "Số lượng hiện có", "Số lượng"]), Some(2));
        assert_eq!(qty(&["Mã loại", "SL đã có", "Quantity (current)"]), None);
        assert_eq!(
            qty(&["Item code", "Existing quantity", "Quantity existing"]),
            None
        );
        // The inventory's own quantity is what the unit has: no exception there.
        let h = find(
            &sheet(&[&["Tên thiết bị", "Số lượng hiện có"]]),
            INVENTORY,
            &[Field::Name, Field::Quantity],
        );
        assert_eq!(h.and_then(|h| h.col(Field::Quantity)), Some(1));
    }

    #[test]
    fn no_header() {
        let s = sheet(&[&["a", "b"], &["Tên thiết bị"]]);
        assert!(find(&s, INVENTORY, &[Field::Name, Field::Quantity]).is_none());
    }
}
