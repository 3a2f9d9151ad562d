//! The findings of `rasoat catalog check` (SPEC §2: every finding with its file, line and
//! column), in English and Vietnamese, and the spreadsheet cell for people who edit the CSV
//! files in Excel.

use serde::Serialize;
use std::fmt;

/// One finding of `catalog check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogError {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<String>,
    /// The spreadsheet cell (`B5`) when the line and column are known, for people who edit
    /// the CSV files in Excel.
    pub cell: Option<String>,
    pub message: String,
    /// The same in Vietnamese.
    pub message_vi: String,
}

/// A catalog finding's text in English and in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Said {
    pub en: String,
    pub vi: String,
}

/// `said!("English {x}", "Tiếng Việt {x}", args…)`: both texts, formatted alike.
macro_rules! said {
    ($en:literal, $vi:literal $(, $arg:expr)* $(,)?) => {
        $crate::catalog::Said {
            en: format!($en $(, $arg)*),
            vi: format!($vi $(, $arg)*),
        }
    };
}
pub(crate) use said;

impl CatalogError {
    /// The finding in `lang`: `file:line: column 'c' (cell B5): message`.
    pub fn render(&self, lang: crate::diag::Lang) -> String {
        use crate::diag::Lang;
        let mut s = self.file.clone();
        if let Some(l) = self.line {
            s.push_str(&format!(":{l}"));
        }
        let (column, cell, message) = match lang {
            Lang::En => ("column", "cell", &self.message),
            Lang::Vi => ("cột", "ô", &self.message_vi),
        };
        if let Some(c) = &self.column {
            s.push_str(&format!(": {column} '{c}'"));
        }
        if let Some(c) = &self.cell {
            s.push_str(&format!(" ({cell} {c})"));
        }
        s.push_str(&format!(": {message}"));
        s
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ": column '{c}'")?;
        }
        if let Some(c) = &self.cell {
            write!(f, " (cell {c})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Collects catalog findings.
#[derive(Default)]
pub(crate) struct Errors(pub Vec<CatalogError>, Vec<(&'static str, Vec<String>)>);

impl Errors {
    pub fn push(&mut self, file: &str, line: Option<u64>, column: Option<&str>, message: Said) {
        let cell = match (line, column) {
            (Some(l), Some(c)) => self
                .1
                .iter()
                .find(|(f, _)| *f == file)
                .and_then(|(_, cols)| cols.iter().position(|x| x == c))
                .map(|i| format!("{}{l}", crate::diag::CellRef::col_name(i as u32))),
            _ => None,
        };
        self.0.push(CatalogError {
            file: file.to_string(),
            line,
            column: column.map(str::to_string),
            cell,
            message: message.en,
            message_vi: message.vi,
        });
    }

    /// Remember a CSV file's header so findings can name the spreadsheet cell.
    pub(super) fn header(&mut self, file: &'static str, cols: &[String]) {
        self.1.push((file, cols.to_vec()));
    }
}
