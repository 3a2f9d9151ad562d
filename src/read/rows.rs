//! Inventory and request rows (SPEC §3): classification, values and row diagnostics.

use super::cell::{Sheet, Val};
use super::header::{Field, Header};
use super::values::{
    parse_condition, parse_config, parse_quantity, parse_year, Condition, QtyError,
};
use super::{InvRow, Ledger, Request, RowStatus, Year};
use crate::catalog::{Catalog, Match};
use crate::diag::{CellRef, Code, Diagnostic, Msg};
use crate::fold::fold;

const ROMAN: &[&str] = &[
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi", "xxvii",
    "xxviii", "xxix", "xxx", "xxxi", "xxxii", "xxxiii", "xxxiv", "xxxv", "xxxvi", "xxxvii",
    "xxxviii", "xxxix",
];

fn is_numeral(w: &str) -> bool {
    ROMAN.contains(&w) || (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
}

fn is_section_lead(lead: &str) -> bool {
    let first = lead.split(' ').next().unwrap_or("");
    ROMAN.contains(&first) || (first.len() == 1 && first.as_bytes()[0].is_ascii_lowercase())
}

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
    fn diag(&self, code: Code, row: u32, col: u32, msg: Msg) -> Diagnostic {
        Diagnostic::new(
            code,
            self.file,
            self.sheet_name(),
            Some(CellRef::new(row + 1, col)),
            msg,
        )
    }
    fn last_row(&self) -> u32 {
        self.sheet
            .last_row_in(self.header.first_col, self.header.last_col)
            .unwrap_or(self.header.row)
    }
}

/// Read the inventory rows below the header.
pub fn read_inventory(
    ctx: &RowCtx<'_>,
    ledger: &mut Ledger,
    diags: &mut Vec<Diagnostic>,
) -> Vec<InvRow> {
    let h = ctx.header;
    let mut out = Vec::new();
    let name_col = h.col(Field::Name).unwrap_or(h.first_col);
    let qty_col = h.col(Field::Quantity).unwrap_or(h.first_col);
    let header_name = fold(&ctx.sheet.get(h.row, name_col).text());
    let header_qty = fold(&ctx.sheet.get(h.row, qty_col).text());
    for r in (h.row + 1..=ctx.last_row()).filter(|&r| ctx.sheet.is_row(r)) {
        let cells = ctx.sheet.row(r);
        // This row's cells are few: look them up here rather than in the whole sheet.
        let at = |c: u32| -> &Val {
            cells
                .iter()
                .find(|x| x.1 == c)
                .map_or(&Val::Empty, |x| &x.2)
        };
        let val = |f: Field| -> &Val { h.col(f).map_or(&Val::Empty, at) };
        // Every row between the header and the last table row is read, empty ones included.
        ledger.read += 1;
        // 1. blank
        if h.mapped().all(|(_, c)| at(c).is_empty()) {
            ledger.skipped += 1;
            continue;
        }
        let name_v = val(Field::Name);
        let qty_v = val(Field::Quantity);
        let item_v = val(Field::Item);
        // The name as shown (NFC, trimmed) and folded, made once: every step below uses one.
        let name = name_v.text();
        let name_folded = fold(&name);
        // 2. repeated header
        if name_folded == header_name && fold(&qty_v.text()) == header_qty {
            ledger.skipped += 1;
            continue;
        }
        let lead = match cells
            .iter()
            .find(|c| c.1 >= h.first_col && c.1 <= h.last_col && !c.2.is_empty())
        {
            Some(c) if h.col(Field::Name) == Some(c.1) => name_folded.clone(),
            Some(c) => fold(&c.2.text()),
            None => String::new(),
        };
        // 3. section
        if qty_v.is_empty() && is_section_lead(&lead) {
            ledger.skipped += 1;
            continue;
        }
        // 4. total
        if item_v.is_empty() && is_total_lead(&lead) {
            ledger.skipped += 1;
            continue;
        }
        // 5. error values
        if let Some((_, c)) = h.mapped().find(|(_, c)| matches!(at(*c), Val::Error(_))) {
            let v = at(c).text();
            diags.push(ctx.diag(Code::CellError, r, c, Msg::CellError { value: v }));
            ledger.rejected += 1;
            continue;
        }
        // 6. no name and no code
        if name_v.is_empty() && item_v.is_empty() {
            diags.push(ctx.diag(Code::RowNoName, r, name_col, Msg::RowNoName));
            ledger.rejected += 1;
            continue;
        }
        // 7. quantity
        let (quantity, qty_empty) = match parse_quantity(qty_v) {
            Ok(Some(n)) => (n, false),
            Ok(None) => (1, true),
            Err(e) => {
                let (code, msg) = match e {
                    QtyError::Negative => (
                        Code::QtyNegative,
                        Msg::QtyNegative {
                            value: qty_v.text(),
                        },
                    ),
                    QtyError::Invalid => (
                        Code::QtyInvalid,
                        Msg::QtyInvalid {
                            value: qty_v.text(),
                        },
                    ),
                };
                diags.push(ctx.diag(code, r, qty_col, msg));
                ledger.rejected += 1;
                continue;
            }
        };
        // 8./9. item
        let (item, tie) = if !item_v.is_empty() {
            match ctx.catalog.item_index(&item_v.text()) {
                Some(i) => (Some(i), None),
                None => {
                    let col = h.col(Field::Item).unwrap_or(name_col);
                    diags.push(ctx.diag(
                        Code::ItemUnknown,
                        r,
                        col,
                        Msg::ItemUnknown {
                            code: item_v.text(),
                        },
                    ));
                    ledger.rejected += 1;
                    continue;
                }
            }
        } else {
            match ctx.catalog.matcher.match_folded(&name_folded) {
                Match::Item(i) => (Some(i), None),
                Match::Tie(v) => (v.first().copied(), Some(v)),
                Match::None => (None, None),
            }
        };
        if qty_empty {
            diags.push(ctx.diag(Code::QtyEmpty, r, qty_col, Msg::QtyEmpty));
        }
        let cond_v = val(Field::Condition);
        let condition_text = cond_v.text();
        let condition = parse_condition(&condition_text);
        let year_v = val(Field::Year);
        let year = match parse_year(year_v) {
            Ok(Some(y)) => Year::Known(y),
            Ok(None) => Year::Empty,
            Err(_) => Year::Unreadable,
        };
        let year_col = h.col(Field::Year).unwrap_or(name_col);
        let config_text = val(Field::Config).text();
        let asset_v = val(Field::AssetId);
        let asset_id = (!asset_v.is_empty()).then(|| asset_v.text());
        let note = val(Field::Note).text();
        let status = match item {
            Some(i) => {
                if let Some(tied) = tie {
                    let codes = tied
                        .iter()
                        .map(|&t| ctx.catalog.items[t].code.clone())
                        .collect();
                    let chosen = ctx.catalog.items[i].code.clone();
                    diags.push(ctx.diag(
                        Code::AliasTie,
                        r,
                        name_col,
                        Msg::AliasTie(Box::new(crate::diag::AliasTie {
                            name: name.clone(),
                            items: codes,
                            chosen,
                        })),
                    ));
                }
                if condition.is_none() {
                    let col = h.col(Field::Condition).unwrap_or(name_col);
                    diags.push(ctx.diag(
                        Code::ConditionUnknown,
                        r,
                        col,
                        Msg::ConditionUnknown {
                            value: condition_text,
                        },
                    ));
                }
                match year {
                    Year::Unreadable => diags.push(ctx.diag(
                        Code::YearUnknown,
                        r,
                        year_col,
                        Msg::YearUnreadable {
                            value: year_v.text(),
                        },
                    )),
                    Year::Known(y) if y > ctx.as_of => diags.push(ctx.diag(
                        Code::YearUnknown,
                        r,
                        year_col,
                        Msg::YearFuture {
                            year: y,
                            as_of: ctx.as_of,
                        },
                    )),
                    _ => {}
                }
                ledger.counted += 1;
                RowStatus::Counted
            }
            None => {
                let suggestion = ctx.catalog.matcher.suggest(&name_folded).map(|i| {
                    let it = &ctx.catalog.items[i];
                    format!("{} ({})", it.code, it.name)
                });
                diags.push(ctx.diag(
                    Code::RowUnclassified,
                    r,
                    name_col,
                    Msg::RowUnclassified {
                        name: name.clone(),
                        suggestion,
                    },
                ));
                ledger.unclassified += 1;
                RowStatus::Unclassified
            }
        };
        out.push(InvRow {
            row: r + 1,
            status,
            item,
            name,
            name_col,
            config: parse_config(&config_text),
            config_text,
            config_col: h.col(Field::Config).unwrap_or(name_col),
            year,
            year_col,
            quantity,
            condition: condition.unwrap_or(Condition::Good),
            asset_key: asset_id.as_deref().map(fold).filter(|k| !k.is_empty()),
            asset_id,
            asset_col: h.col(Field::AssetId).unwrap_or(name_col),
            note,
        });
    }
    out
}

/// Read the requests table: rows with a code and a quantity; several rows for one item add up.
pub fn read_requests(ctx: &RowCtx<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Request> {
    let h = ctx.header;
    let mut out: Vec<Request> = Vec::new();
    let (Some(code_col), Some(qty_col)) = (h.col(Field::Item), h.col(Field::Quantity)) else {
        return out;
    };
    for r in h.row + 1..=ctx.last_row() {
        let code_v = ctx.sheet.get(r, code_col);
        if code_v.is_empty() {
            continue;
        }
        if let Val::Error(e) = code_v {
            diags.push(ctx.diag(
                Code::CellError,
                r,
                code_col,
                Msg::CellError { value: e.clone() },
            ));
            continue;
        }
        let Some(item) = ctx.catalog.item_index(&code_v.text()) else {
            diags.push(ctx.diag(
                Code::ItemUnknown,
                r,
                code_col,
                Msg::ItemUnknown {
                    code: code_v.text(),
                },
            ));
            continue;
        };
        let qty_v = ctx.sheet.get(r, qty_col);
        let qty = match (qty_v, parse_quantity(qty_v)) {
            (Val::Error(e), _) => {
                diags.push(ctx.diag(
                    Code::CellError,
                    r,
                    qty_col,
                    Msg::CellError { value: e.clone() },
                ));
                continue;
            }
            (_, Ok(Some(n))) => n,
            (_, Ok(None)) => {
                diags.push(ctx.diag(Code::QtyInvalid, r, qty_col, Msg::QtyRequestEmpty));
                continue;
            }
            (_, Err(QtyError::Negative)) => {
                diags.push(ctx.diag(
                    Code::QtyNegative,
                    r,
                    qty_col,
                    Msg::QtyNegative {
                        value: qty_v.text(),
                    },
                ));
                continue;
            }
            (_, Err(QtyError::Invalid)) => {
                diags.push(ctx.diag(
                    Code::QtyInvalid,
                    r,
                    qty_col,
                    Msg::QtyInvalid {
                        value: qty_v.text(),
                    },
                ));
                continue;
            }
        };
        match out.iter_mut().find(|q| q.item == item) {
            Some(q) => q.quantity = q.quantity.saturating_add(qty),
            None => out.push(Request {
                item,
                quantity: qty,
                sheet: ctx.sheet.name.clone(),
                row: r + 1,
                col: code_col,
            }),
        }
    }
    out
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
