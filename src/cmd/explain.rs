//! `rasoat explain` (SPEC §1): why a unit needs what it needs (§4, §5).

use super::{prepare, Exit, Ui};
use crate::cli::ExplainArgs;
use rasoat::pipeline;
use rasoat::report::explain;

pub fn explain(ui: &Ui, a: ExplainArgs) -> Exit {
    let (cands, catalog, mut opts) = match prepare(ui, &a.input) {
        Ok(x) => x,
        Err(e) => return e,
    };
    opts.keep_details = true;
    if let Some(code) = &a.item {
        if catalog.item_index(code).is_none() {
            ui.error(&format!(
                "{} '{code}'",
                ui.t(
                    "no such item in the catalog:",
                    "không có thiết bị này trong danh mục:"
                )
            ));
            return Exit::Usage;
        }
    }
    let est = match pipeline::estimate(&cands, &catalog, &opts, &|_| {}) {
        Ok(e) => e,
        Err(e) => {
            ui.error(&e.message(ui.lang));
            return Exit::Usage;
        }
    };
    match explain::explain(&est, &catalog, &a.unit, a.item.as_deref(), ui.lang) {
        Some(text) => {
            super::out(&text);
            Exit::Ok
        }
        None => {
            ui.error(&format!(
                "{} '{}'",
                ui.t(
                    "no accepted submission for unit",
                    "không có bản nộp hợp lệ của đơn vị"
                ),
                a.unit
            ));
            Exit::Usage
        }
    }
}
