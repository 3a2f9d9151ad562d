//! A sheet as the reader sees it (SPEC §3: a cell is empty when …; rows read to the last
//! non-empty cell): the non-empty cells it actually holds, in row-major order.

use super::values::Date;
use crate::fold::display;

/// A cell value, independent of the file format.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(Date),
    Error(String),
}

impl Val {
    /// SPEC §3: no value, or text empty after trimming.
    pub fn is_empty(&self) -> bool {
        match self {
            Val::Empty => true,
            Val::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    pub fn is_text(&self) -> bool {
        matches!(self, Val::Text(s) if !s.trim().is_empty())
    }

    /// The value as text for display and matching: NFC, trimmed; whole numbers as digits.
    pub fn text(&self) -> String {
        match self {
            Val::Empty => String::new(),
            Val::Text(s) => display(s),
            Val::Int(i) => i.to_string(),
            Val::Float(f) => {
                if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
                    format!("{}", *f as i64)
                } else {
                    format!("{f}")
                }
            }
            Val::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Val::Date(d) => d.to_string(),
            Val::Error(e) => e.clone(),
        }
    }
}

/// The held cells of one sheet (CSV: `name` is `None`), rows and columns 0-based.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: Option<String>,
    cells: Vec<(u32, u32, Val)>,
    /// CSV: physical lines that continue a quoted field of the record above; they are not rows.
    continuation: Vec<u32>,
}

static EMPTY: Val = Val::Empty;

impl Sheet {
    /// Build from cells in any order; empty cells are dropped.
    pub fn new(name: Option<String>, mut cells: Vec<(u32, u32, Val)>) -> Sheet {
        cells.retain(|c| !c.2.is_empty());
        if !cells
            .windows(2)
            .all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1))
        {
            cells.sort_by_key(|c| (c.0, c.1));
            cells.dedup_by_key(|c| (c.0, c.1));
        }
        Sheet {
            name,
            cells,
            continuation: Vec::new(),
        }
    }

    /// Mark physical lines that belong to the record above them (CSV quoted line breaks).
    pub fn with_continuation(mut self, mut rows: Vec<u32>) -> Sheet {
        rows.sort_unstable();
        rows.dedup();
        self.continuation = rows;
        self
    }

    /// Whether `row` is a row of its own (not the continuation of a CSV record).
    pub fn is_row(&self, row: u32) -> bool {
        self.continuation.binary_search(&row).is_err()
    }

    pub fn cell_count(&self) -> usize {
        self.cells.len()
    }

    /// The value at (row, col), `Empty` when not held.
    pub fn get(&self, row: u32, col: u32) -> &Val {
        match self.cells.binary_search_by_key(&(row, col), |c| (c.0, c.1)) {
            Ok(i) => &self.cells[i].2,
            Err(_) => &EMPTY,
        }
    }

    /// The held cells of one row, in column order.
    pub fn row(&self, row: u32) -> &[(u32, u32, Val)] {
        let a = self.cells.partition_point(|c| c.0 < row);
        let b = self.cells.partition_point(|c| c.0 <= row);
        &self.cells[a..b]
    }

    /// The held cells of rows `from..to`.
    pub fn rows_between(&self, from: u32, to: u32) -> &[(u32, u32, Val)] {
        let a = self.cells.partition_point(|c| c.0 < from);
        let b = self.cells.partition_point(|c| c.0 < to);
        &self.cells[a..b]
    }

    /// All held cells, row-major.
    pub fn cells(&self) -> &[(u32, u32, Val)] {
        &self.cells
    }

    /// The last row holding a non-empty cell in columns `c0..=c1`.
    pub fn last_row_in(&self, c0: u32, c1: u32) -> Option<u32> {
        self.cells
            .iter()
            .rev()
            .find(|c| c.1 >= c0 && c.1 <= c1)
            .map(|c| c.0)
    }
}
