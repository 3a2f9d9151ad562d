//! Inventory rows (SPEC §3 "The inventory table"): every row below the header is read, then
//! classified by the first of SPEC's nine tests that applies, in SPEC's order, and counted
//! under it. Each test is a function named after it, so that a SPEC sentence leads to its rule:
//! 1. [`is_blank`], 2. [`is_repeated_header`], 3. [`is_section`], 4. [`is_total`],
//! 5. [`error_value`], 6. [`no_name`], 7. [`bad_quantity`], 8. [`unknown_code`],
//! 9. [`matched_or_unclassified`]; then [`row_values`] reads the rest of a row that is kept.

use super::cell::{Sheet, Val};
use super::header::{Field, Header};
use super::values::{
    parse_condition, parse_config, parse_quantity, parse_year, Condition, QtyError,
};
use super::{InvRow, Ledger, RowStatus, Year};
use crate::catalog::{Catalog, Match};
use crate::diag::{CellRef, Code, Diagnostic, Msg};
use crate::fold::fold;

/// Shared context of one sheet's rows.
pub struct RowCtx<'a> {
    pub file: &'a str,
    pub sheet: &'a Sheet,
    pub header: &'a Header,
    pub catalog: &'a Catalog,
    pub as_of: i32,
}

impl RowCtx<'_> {
    fn sheet_name(&self) -> Option<&str> {
        self.sheet.name.as_deref()
    }
    pub(super) fn diag(&self, code: Code, row: u32, col: u32, msg: Msg) -> Diagnostic {
        Diagnostic::new(
            code,
            self.file,
            self.sheet_name(),
            Some(CellRef::new(row + 1, col)),
            msg,
        )
    }
    /// The last row holding a non-empty cell within the table's columns.
    pub(super) fn last_row(&self) -> u32 {
        self.sheet
            .last_row_in(self.header.first_col, self.header.last_col)
            .unwrap_or(self.header.row)
    }
    /// The diagnostic of a quantity that cannot be read (test 7, and the requests table).
    pub(super) fn bad_quantity_diag(&self, row: u32, col: u32, e: QtyError, v: &Val) -> Diagnostic {
        let value = v.text();
        match e {
            QtyError::Negative => {
                self.diag(Code::QtyNegative, row, col, Msg::QtyNegative { value })
            }
            QtyError::Invalid => self.diag(Code::QtyInvalid, row, col, Msg::QtyInvalid { value }),
        }
    }
}

/// One table row: its held cells, looked up by column.
struct Row<'a> {
    /// 0-based sheet row.
    r: u32,
    cells: &'a [(u32, u32, Val)],
    header: &'a Header,
    /// The device name as shown (NFC, trimmed) and folded, made once: most tests use one.
    name: String,
    name_folded: String,
}

impl<'a> Row<'a> {
    fn new(ctx: &RowCtx<'a>, r: u32) -> Row<'a> {
        let mut row = Row {
            r,
            // This row's cells are few: look them up here rather than in the whole sheet.
            cells: ctx.sheet.row(r),
            header: ctx.header,
            name: String::new(),
            name_folded: String::new(),
        };
        row.name = row.val(Field::Name).text();
        row.name_folded = fold(&row.name);
        row
    }
    fn at(&self, c: u32) -> &'a Val {
        self.cells
            .iter()
            .find(|x| x.1 == c)
            .map_or(&Val::Empty, |x| &x.2)
    }
    fn val(&self, f: Field) -> &'a Val {
        self.header.col(f).map_or(&Val::Empty, |c| self.at(c))
    }
    /// The column of field `f`, or the name column when `f` has none (where its findings go).
    fn col_or_name(&self, f: Field) -> u32 {
        self.header.col(f).unwrap_or_else(|| self.name_col())
    }
    fn name_col(&self) -> u32 {
        self.header
            .col(Field::Name)
            .unwrap_or(self.header.first_col)
    }
    fn qty_col(&self) -> u32 {
        self.header
            .col(Field::Quantity)
            .unwrap_or(self.header.first_col)
    }
    /// "lead": the folded text of the row's first non-empty cell within the table's columns.
    fn lead(&self) -> String {
        let h = self.header;
        match self
            .cells
            .iter()
            .find(|c| c.1 >= h.first_col && c.1 <= h.last_col && !c.2.is_empty())
        {
            Some(c) if h.col(Field::Name) == Some(c.1) => self.name_folded.clone(),
            Some(c) => fold(&c.2.text()),
            None => String::new(),
        }
    }
}

/// The header's own name and quantity texts, folded, for test 2.
struct HeaderTexts {
    name: String,
    quantity: String,
}

impl HeaderTexts {
    fn of(ctx: &RowCtx<'_>) -> HeaderTexts {
        let h = ctx.header;
        let folded = |c: Option<u32>| fold(&ctx.sheet.get(h.row, c.unwrap_or(h.first_col)).text());
        HeaderTexts {
            name: folded(h.col(Field::Name)),
            quantity: folded(h.col(Field::Quantity)),
        }
    }
}

/// How a row was classified.
enum Class {
    /// Tests 1–4: not a device row.
    Skipped,
    /// Tests 5–8: an error for the row.
    Rejected(Diagnostic),
    /// Test 9: a device row, matched to an item or not.
    Kept(Kept),
}

/// What classification found out about a kept row.
struct Kept {
    quantity: u64,
    /// The quantity cell was empty and read as 1 (`W-QTY-EMPTY`).
    qty_empty: bool,
    item: Option<usize>,
    /// Every item whose aliases tied, when several did (`W-ALIAS-TIE`).
    tie: Option<Vec<usize>>,
    /// The condition as written and its class (`None`: not in the list).
    condition_text: String,
    condition: Option<Condition>,
    year: Year,
}

/// Read the inventory rows below the header: every row up to the last one holding a cell in
/// the table's columns (empty ones included) is read and counted under its class.
pub fn read_inventory(
    ctx: &RowCtx<'_>,
    ledger: &mut Ledger,
    diags: &mut Vec<Diagnostic>,
) -> Vec<InvRow> {
    let header_texts = HeaderTexts::of(ctx);
    let mut out = Vec::new();
    for r in (ctx.header.row + 1..=ctx.last_row()).filter(|&r| ctx.sheet.is_row(r)) {
        ledger.read += 1;
        let row = Row::new(ctx, r);
        match classify(ctx, &row, &header_texts) {
            Class::Skipped => ledger.skipped += 1,
            Class::Rejected(d) => {
                diags.push(d);
                ledger.rejected += 1;
            }
            Class::Kept(kept) => {
                let status = matched_or_unclassified(ctx, &row, &kept, diags);
                match status {
                    RowStatus::Counted => ledger.counted += 1,
                    RowStatus::Unclassified => ledger.unclassified += 1,
                }
                out.push(row_values(row, kept, status));
            }
        }
    }
    out
}

/// SPEC §3's tests 1–8 in order; the first that applies decides.
fn classify(ctx: &RowCtx<'_>, row: &Row<'_>, header_texts: &HeaderTexts) -> Class {
    if is_blank(row) || is_repeated_header(row, header_texts) {
        return Class::Skipped;
    }
    let lead = row.lead();
    if is_section(row, &lead) || is_total(row, &lead) {
        return Class::Skipped;
    }
    if let Some(d) = error_value(ctx, row).or_else(|| no_name(ctx, row)) {
        return Class::Rejected(d);
    }
    let (quantity, qty_empty) = match bad_quantity(ctx, row) {
        Ok(Some(n)) => (n, false),
        Ok(None) => (1, true),
        Err(d) => return Class::Rejected(d),
    };
    let (item, tie) = match unknown_code(ctx, row) {
        Ok(Some(i)) => (Some(i), None),
        Ok(None) => match ctx.catalog.matcher.match_folded(&row.name_folded) {
            Match::Item(i) => (Some(i), None),
            Match::Tie(v) => (v.first().copied(), Some(v)),
            Match::None => (None, None),
        },
        Err(d) => return Class::Rejected(d),
    };
    let condition_text = row.val(Field::Condition).text();
    Class::Kept(Kept {
        quantity,
        qty_empty,
        item,
        tie,
        condition: parse_condition(&condition_text),
        condition_text,
        year: read_year(row.val(Field::Year)),
    })
}

/// Test 1, blank: every cell of a mapped field is empty, whatever `STT` or unmapped columns hold.
fn is_blank(row: &Row<'_>) -> bool {
    row.header.mapped().all(|(_, c)| row.at(c).is_empty())
}

/// Test 2, a repeated header row: its name and quantity cells equal their headers.
fn is_repeated_header(row: &Row<'_>, header_texts: &HeaderTexts) -> bool {
    row.name_folded == header_texts.name
        && fold(&row.val(Field::Quantity).text()) == header_texts.quantity
}

/// Test 3, a section row: the lead's first word is a roman numeral or a single letter, and the
/// quantity is empty (`I`, `II. Thiết bị mạng`, `B`).
fn is_section(row: &Row<'_>, lead: &str) -> bool {
    row.val(Field::Quantity).is_empty() && is_section_lead(lead)
}

/// Test 4, a total row: no item code, and a lead that names a total (`Tổng cộng`, `Cộng I`).
fn is_total(row: &Row<'_>, lead: &str) -> bool {
    row.val(Field::Item).is_empty() && is_total_lead(lead)
}

/// Test 5, an error value (`#REF!`, `#VALUE!` …) in any mapped cell.
fn error_value(ctx: &RowCtx<'_>, row: &Row<'_>) -> Option<Diagnostic> {
    let (_, c) = row
        .header
        .mapped()
        .find(|(_, c)| matches!(row.at(*c), Val::Error(_)))?;
    let value = row.at(c).text();
    Some(ctx.diag(Code::CellError, row.r, c, Msg::CellError { value }))
}

/// Test 6, no name and no item code.
fn no_name(ctx: &RowCtx<'_>, row: &Row<'_>) -> Option<Diagnostic> {
    (row.val(Field::Name).is_empty() && row.val(Field::Item).is_empty())
        .then(|| ctx.diag(Code::RowNoName, row.r, row.name_col(), Msg::RowNoName))
}

/// Test 7, a bad quantity: negative, fractional or other text. `Ok(None)`: the cell is empty.
fn bad_quantity(ctx: &RowCtx<'_>, row: &Row<'_>) -> Result<Option<u64>, Diagnostic> {
    let v = row.val(Field::Quantity);
    parse_quantity(v).map_err(|e| ctx.bad_quantity_diag(row.r, row.qty_col(), e, v))
}

/// Test 8, an unknown item code. `Ok(None)`: no code given, the name decides.
fn unknown_code(ctx: &RowCtx<'_>, row: &Row<'_>) -> Result<Option<usize>, Diagnostic> {
    let v = row.val(Field::Item);
    if v.is_empty() {
        return Ok(None);
    }
    let code = v.text();
    match ctx.catalog.item_index(&code) {
        Some(i) => Ok(Some(i)),
        None => {
            let col = row.col_or_name(Field::Item);
            Err(ctx.diag(Code::ItemUnknown, row.r, col, Msg::ItemUnknown { code }))
        }
    }
}

/// Test 9, matched to an item → counted, with the warnings of a matched row (`W-ALIAS-TIE`,
/// `W-CONDITION-UNKNOWN`, `W-YEAR-UNKNOWN`); matching nothing → unclassified (warning).
/// `W-QTY-EMPTY` comes first: it is given only to rows that end here.
fn matched_or_unclassified(
    ctx: &RowCtx<'_>,
    row: &Row<'_>,
    kept: &Kept,
    diags: &mut Vec<Diagnostic>,
) -> RowStatus {
    if kept.qty_empty {
        diags.push(ctx.diag(Code::QtyEmpty, row.r, row.qty_col(), Msg::QtyEmpty));
    }
    let Some(i) = kept.item else {
        let suggestion = ctx.catalog.matcher.suggest(&row.name_folded).map(|i| {
            let it = &ctx.catalog.items[i];
            format!("{} ({})", it.code, it.name)
        });
        let msg = Msg::RowUnclassified {
            name: row.name.clone(),
            suggestion,
        };
        diags.push(ctx.diag(Code::RowUnclassified, row.r, row.name_col(), msg));
        return RowStatus::Unclassified;
    };
    if let Some(tied) = &kept.tie {
        let items = tied
            .iter()
            .map(|&t| ctx.catalog.items[t].code.clone())
            .collect();
        let msg = Msg::AliasTie(Box::new(crate::diag::AliasTie {
            name: row.name.clone(),
            items,
            chosen: ctx.catalog.items[i].code.clone(),
        }));
        diags.push(ctx.diag(Code::AliasTie, row.r, row.name_col(), msg));
    }
    if kept.condition.is_none() {
        let col = row.col_or_name(Field::Condition);
        let msg = Msg::ConditionUnknown {
            value: kept.condition_text.clone(),
        };
        diags.push(ctx.diag(Code::ConditionUnknown, row.r, col, msg));
    }
    let msg = match kept.year {
        Year::Unreadable => Some(Msg::YearUnreadable {
            value: row.val(Field::Year).text(),
        }),
        Year::Known(y) if y > ctx.as_of => Some(Msg::YearFuture {
            year: y,
            as_of: ctx.as_of,
        }),
        _ => None,
    };
    if let Some(msg) = msg {
        let col = row.col_or_name(Field::Year);
        diags.push(ctx.diag(Code::YearUnknown, row.r, col, msg));
    }
    RowStatus::Counted
}

fn read_year(v: &Val) -> Year {
    match parse_year(v) {
        Ok(Some(y)) => Year::Known(y),
        Ok(None) => Year::Empty,
        Err(_) => Year::Unreadable,
    }
}

/// The values of a kept row: config, year, condition, asset id and note, as the needs use them.
fn row_values(row: Row<'_>, kept: Kept, status: RowStatus) -> InvRow {
    let asset_v = row.val(Field::AssetId);
    let asset_id = (!asset_v.is_empty()).then(|| asset_v.text());
    let config_text = row.val(Field::Config).text();
    InvRow {
        row: row.r + 1,
        status,
        item: kept.item,
        name_col: row.name_col(),
        config: parse_config(&config_text),
        config_text,
        config_col: row.col_or_name(Field::Config),
        year: kept.year,
        year_col: row.col_or_name(Field::Year),
        quantity: kept.quantity,
        condition: kept.condition.unwrap_or(Condition::Good),
        asset_key: asset_id.as_deref().map(fold).filter(|k| !k.is_empty()),
        asset_id,
        asset_col: row.col_or_name(Field::AssetId),
        note: row.val(Field::Note).text(),
        name: row.name,
    }
}

const ROMAN: &[&str] = &[
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi", "xxvii",
    "xxviii", "xxix", "xxx", "xxxi", "xxxii", "xxxiii", "xxxiv", "xxxv", "xxxvi", "xxxvii",
    "xxxviii", "xxxix",
];

/// A numeral: a roman numeral from I to XXXIX or an Arabic number.
fn is_numeral(w: &str) -> bool {
    ROMAN.contains(&w) || (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
}

/// The first word of the lead is a roman numeral or a single letter `a`–`z`.
fn is_section_lead(lead: &str) -> bool {
    let first = lead.split(' ').next().unwrap_or("");
    ROMAN.contains(&first) || (first.len() == 1 && first.as_bytes()[0].is_ascii_lowercase())
}

/// `tong`, `cong`, `total` or `sum` alone or followed only by a numeral, or a lead beginning
/// with the words `tong cong`, `tong so`, `cong muc`, `cong phan`, `total` or `subtotal`.
fn is_total_lead(lead: &str) -> bool {
    let mut w = lead.split(' ');
    let word = |s: &str| ["tong", "cong", "total", "sum"].contains(&s);
    match (w.next(), w.next(), w.next()) {
        (Some(a), None, _) if word(a) => return true,
        (Some(a), Some(b), None) if word(a) && is_numeral(b) => return true,
        _ => {}
    }
    [
        "tong cong",
        "tong so",
        "cong muc",
        "cong phan",
        "total",
        "subtotal",
    ]
    .iter()
    .any(|p| crate::fold::is_word_prefix(lead, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leads() {
        assert!(is_section_lead("i"));
        assert!(is_section_lead("ii thiet bi mang"));
        assert!(is_section_lead("b"));
        assert!(!is_section_lead("may in"));
        assert!(is_total_lead("tong cong"));
        assert!(is_total_lead("cong i"));
        assert!(is_total_lead("cong 2"));
        assert!(is_total_lead("cong muc ii"));
        assert!(is_total_lead("tong so may"));
        assert!(is_total_lead("total"));
        assert!(is_total_lead("sum"));
        assert!(!is_total_lead("tong dai ip"));
        assert!(!is_total_lead("cong chuyen doi hdmi"));
        assert!(!is_total_lead("cong x y"));
        assert!(!is_total_lead("cong 2 may"));
        assert!(!is_total_lead(""));
        assert!(!is_total_lead("may tong"));
    }
}
