//! Reading one submission (SPEC §3): file → [`Survey`].
//!
//! The reader finds the unit information, the inventory table and the optional requests
//! table in whatever layout the file has, classifies every row, and reports what it could
//! not read as [`Diagnostic`]s. It knows nothing about needs or costs.

pub mod cell;
pub mod csv;
pub mod header;
mod macro_sheets;
pub mod ods;
pub mod origin;
pub mod requests;
pub mod rows;
pub mod sniff;
pub mod unit_info;
pub mod values;
pub mod workbook;
pub mod xls;

use crate::catalog::Catalog;
use crate::diag::{Code, Diagnostic, Msg, Unreadable, WorkbookFormat};
use crate::fold::fold;
use serde::Serialize;
use std::panic::{catch_unwind, AssertUnwindSafe};

pub use unit_info::Unit;

pub use crate::base::MAX_PEOPLE;
pub use values::{Condition, Config, Date};
pub use workbook::{Limits, OpenError};

/// Row counts of one submission's inventory (SPEC §6 ledger).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ledger {
    pub read: u64,
    pub counted: u64,
    pub skipped: u64,
    pub unclassified: u64,
    pub rejected: u64,
}

impl Ledger {
    pub fn add(&mut self, o: &Ledger) {
        self.read += o.read;
        self.counted += o.counted;
        self.skipped += o.skipped;
        self.unclassified += o.unclassified;
        self.rejected += o.rejected;
    }
    pub fn balanced(&self) -> bool {
        self.read == self.counted + self.skipped + self.unclassified + self.rejected
    }
}

/// The year column of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Year {
    Known(i32),
    Empty,
    Unreadable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    Counted,
    Unclassified,
}

/// One inventory row that was counted or left unclassified.
#[derive(Debug, Clone)]
pub struct InvRow {
    /// 1-based row as Excel shows it (CSV: the physical line).
    pub row: u32,
    pub status: RowStatus,
    pub item: Option<usize>,
    pub name: String,
    pub name_col: u32,
    pub config_text: String,
    pub config: Config,
    pub config_col: u32,
    pub year: Year,
    pub year_col: u32,
    pub quantity: u64,
    pub condition: Condition,
    pub asset_id: Option<String>,
    /// Folded asset id, the key for duplicate detection.
    pub asset_key: Option<String>,
    pub asset_col: u32,
    pub note: String,
}

/// A request (đề xuất) for an item, summed over the rows naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub item: usize,
    pub quantity: u64,
    pub sheet: Option<String>,
    pub row: u32,
    pub col: u32,
}

/// Everything read from one submission file (phiếu khảo sát).
#[derive(Debug, Clone)]
pub struct Survey {
    /// Path relative to the PATH argument it was found under, `/`-separated.
    pub file: String,
    /// `None` when the file is left out (unreadable, no header, bad unit fields).
    pub unit: Option<Unit>,
    /// The inventory sheet's name (`None` for CSV).
    pub sheet: Option<String>,
    pub rows: Vec<InvRow>,
    pub requests: Vec<Request>,
    pub ledger: Ledger,
    pub diagnostics: Vec<Diagnostic>,
    /// SHA-256 of the file's bytes, for the record of inputs (`None` if it could not be read).
    pub sha256: Option<[u8; 32]>,
}

/// What the reader needs besides the file.
pub struct ReadCtx<'a> {
    pub catalog: &'a Catalog,
    pub as_of: i32,
    pub limits: Limits,
}

impl Survey {
    fn failed(file: &str, d: Diagnostic) -> Survey {
        Survey {
            file: file.to_string(),
            unit: None,
            sheet: None,
            rows: Vec::new(),
            requests: Vec::new(),
            ledger: Ledger::default(),
            diagnostics: vec![d],
            sha256: None,
        }
    }
}

/// Read one submission. `is_csv`: the file is to be read as CSV when it is not a workbook.
/// Never panics: a panic inside a dependency becomes `E-FILE-UNREADABLE` for this file.
pub fn read_submission(file: &str, bytes: Vec<u8>, is_csv: bool, ctx: &ReadCtx<'_>) -> Survey {
    match catch_unwind(AssertUnwindSafe(|| read_inner(file, bytes, is_csv, ctx))) {
        Ok(s) => s,
        Err(_) => Survey::failed(
            file,
            open_error(
                file,
                OpenError::Unreadable(Unreadable::damaged(
                    WorkbookFormat::Unknown,
                    "the file's structure made the reader fail",
                )),
            ),
        ),
    }
}

/// A survey for a file that could not be read at all.
pub fn read_submission_failed(file: &str, d: Diagnostic) -> Survey {
    Survey::failed(file, d)
}

/// The diagnostic for a file that cannot be opened.
pub fn open_error(file: &str, e: OpenError) -> Diagnostic {
    match e {
        OpenError::Unreadable(why) => Diagnostic::file(
            Code::FileUnreadable,
            file,
            Msg::FileUnreadable(Box::new(why)),
        ),
        OpenError::Encrypted => Diagnostic::file(Code::FileEncrypted, file, Msg::FileEncrypted),
        OpenError::TooLarge(l) => Diagnostic::file(Code::FileTooLarge, file, Msg::FileTooLarge(l)),
    }
}

fn sheet_kind(name: &str) -> (bool, bool, bool) {
    let f = fold(name);
    let info = unit_info::SHEET_NAMES.contains(&f.as_str());
    let inventory = f.contains("hien trang") || f.contains("inventory");
    let requests = f.contains("de xuat") || f.contains("request");
    (info, inventory, requests)
}

/// The inventory sheet and its header (SPEC §3 "The inventory table"): the sheet named for it,
/// else the first other sheet with a header row. Without one, `E-NO-HEADER` naming every sheet
/// searched, or `E-FILE-UNREADABLE` when no sheet of the file holds a cell at all.
fn find_inventory(
    file: &str,
    book: &mut workbook::Book,
    names: &[String],
    kinds: &[(bool, bool, bool)],
    is_csv_book: bool,
    ctx: &ReadCtx<'_>,
    visits: &mut u64,
) -> Result<(cell::Sheet, header::Header), Diagnostic> {
    let required = [header::Field::Name, header::Field::Quantity];
    let named = if is_csv_book {
        Some(0)
    } else {
        kinds.iter().position(|k| k.1)
    };
    let searched: Vec<usize> = match named {
        Some(i) => vec![i],
        None => (0..names.len())
            .filter(|&i| !kinds[i].0 && !kinds[i].2)
            .collect(),
    };
    let mut any_cell = false;
    for &i in &searched {
        let sheet = book
            .load(&names[i], ctx.limits.max_cells, visits)
            .map_err(|e| open_error(file, e))?;
        any_cell |= sheet.cell_count() > 0;
        if let Some(h) = header::find(&sheet, header::INVENTORY, &required) {
            return Ok((sheet, h));
        }
    }
    // A file with no cell in any sheet is empty, not a table without its header; the sheets
    // not searched are loaded to tell (each sheet of a file is still loaded at most once).
    let rest = (0..names.len()).filter(|i| !searched.contains(i));
    for i in rest {
        if any_cell {
            break;
        }
        any_cell |= book
            .load(&names[i], ctx.limits.max_cells, visits)
            .map_err(|e| open_error(file, e))?
            .cell_count()
            > 0;
    }
    if !any_cell {
        return Err(open_error(file, OpenError::Unreadable(Unreadable::Empty)));
    }
    let shown: Vec<String> = searched
        .iter()
        .map(|&i| crate::fold::display(&names[i]))
        .collect();
    let sheet = match named {
        Some(_) => shown.first().cloned(),
        None => names
            .iter()
            .zip(kinds)
            .find(|(_, k)| !k.0 && !k.2)
            .map(|(n, _)| crate::fold::display(n)),
    };
    let sheets = (!is_csv_book).then_some(shown);
    Err(Diagnostic::new(
        Code::NoHeader,
        file,
        sheet.as_deref().filter(|_| !is_csv_book),
        None,
        Msg::NoHeader { sheets },
    ))
}

fn read_inner(file: &str, bytes: Vec<u8>, is_csv: bool, ctx: &ReadCtx<'_>) -> Survey {
    // A form made from another catalog's template (xlsx custom properties; SPEC §7).
    let origin =
        origin::origin(&bytes).and_then(|o| origin::origin_diagnostic(file, &o, ctx.catalog));
    let mut book = match workbook::open(bytes, is_csv, &ctx.limits) {
        Ok(b) => b,
        Err(e) => return Survey::failed(file, open_error(file, e)),
    };
    let is_csv_book = matches!(book, workbook::Book::Csv(_));
    let names = book.sheet_names();
    let max_cells = ctx.limits.max_cells;
    let mut visits = workbook::MAX_VISITS;
    let mut diags: Vec<Diagnostic> = origin.into_iter().collect();
    let kinds: Vec<(bool, bool, bool)> = names.iter().map(|n| sheet_kind(n)).collect();

    // The inventory sheet and its header.
    let (sheet, header) = match find_inventory(
        file,
        &mut book,
        &names,
        &kinds,
        is_csv_book,
        ctx,
        &mut visits,
    ) {
        Ok(found) => found,
        Err(d) => return Survey::failed(file, d),
    };

    // Unit information: the sheet first, then `Label: value` cells above the table.
    let mut collector = unit_info::Collector::default();
    let info_idx = if is_csv_book {
        None
    } else {
        kinds.iter().position(|k| k.0)
    };
    let mut info_name = None;
    if let Some(i) = info_idx {
        match book.load(&names[i], max_cells, &mut visits) {
            Ok(s) => {
                collector.read_sheet(&s);
                info_name = s.name.clone();
            }
            Err(e) => return Survey::failed(file, open_error(file, e)),
        }
    }
    collector.read_colon_cells(&sheet, header.row);
    let unit = collector.finish(
        file,
        info_name.as_deref().or(sheet.name.as_deref()),
        &mut diags,
    );

    // Inventory rows.
    let mut ledger = Ledger::default();
    let row_ctx = rows::RowCtx {
        file,
        sheet: &sheet,
        header: &header,
        catalog: ctx.catalog,
        as_of: ctx.as_of,
    };
    let inv_rows = rows::read_inventory(&row_ctx, &mut ledger, &mut diags);

    // Requests: the first requests-named sheet that has their header (SPEC §3); one without
    // it, such as a sheet of instructions, is passed over.
    let mut requests = Vec::new();
    // A CSV has no requests sheet.
    let request_sheets = kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| !is_csv_book && k.2 && !k.1);
    for (i, _) in request_sheets {
        match book.load(&names[i], max_cells, &mut visits) {
            Ok(rs) => {
                let req = [header::Field::Item, header::Field::Quantity];
                if let Some(rh) = header::find(&rs, header::REQUESTS, &req) {
                    let rctx = rows::RowCtx {
                        file,
                        sheet: &rs,
                        header: &rh,
                        catalog: ctx.catalog,
                        as_of: ctx.as_of,
                    };
                    requests = requests::read_requests(&rctx, &mut diags);
                    break;
                }
            }
            Err(e) => diags.push(open_error(file, e)),
        }
    }
    Survey {
        file: file.to_string(),
        unit,
        sheet: sheet.name.clone(),
        rows: inv_rows,
        requests,
        ledger,
        diagnostics: diags,
        sha256: None,
    }
}
