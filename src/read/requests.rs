//! The requests table (SPEC §3 "Requests"): rows with an item code and a quantity; several
//! rows for one item add up.

use super::cell::Val;
use super::header::Field;
use super::rows::RowCtx;
use super::values::parse_quantity;
use super::Request;
use crate::diag::{Code, Diagnostic, Msg};

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
            (_, Err(e)) => {
                diags.push(ctx.bad_quantity_diag(r, qty_col, e, qty_v));
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
