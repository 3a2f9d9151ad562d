//! Diagnostics: one stream of located findings (SPEC §3) rendered by every reporter.
//!
//! A diagnostic carries a stable [`Code`], where it was found and a structured [`Msg`]; the
//! text is rendered on demand in English or Vietnamese, so codes and JSON fields never change
//! with the language.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

mod text;
mod unreadable;
pub use unreadable::{OldFormat, Unreadable, WorkbookFormat};

/// Language of messages meant for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    /// `vi_*` (from `LC_ALL`, then `LANG`) selects Vietnamese; anything else English.
    pub fn from_env_vars(lc_all: Option<&str>, lang: Option<&str>) -> Lang {
        let v = lc_all.filter(|s| !s.is_empty()).or(lang).unwrap_or("");
        if v.to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// [`Lang::from_env_vars`] of this process's `LC_ALL` and `LANG`.
    pub fn from_env() -> Lang {
        Lang::from_env_vars(
            std::env::var("LC_ALL").ok().as_deref(),
            std::env::var("LANG").ok().as_deref(),
        )
    }

    /// Pick the English or the Vietnamese text.
    pub fn pick<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($v:ident = $s:literal, $sev:ident;)*) => {
        /// Stable diagnostic codes (SPEC §3).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($v,)* }
        impl Code {
            /// Every code, in the order of the SPEC table.
            pub const ALL: &'static [Code] = &[$(Code::$v,)*];
            pub fn as_str(self) -> &'static str { match self { $(Code::$v => $s,)* } }
            pub fn severity(self) -> Severity { match self { $(Code::$v => Severity::$sev,)* } }
        }
    };
}

codes! {
    FileUnreadable = "E-FILE-UNREADABLE", Error;
    FileEncrypted = "E-FILE-ENCRYPTED", Error;
    FileTooLarge = "E-FILE-TOO-LARGE", Error;
    NoHeader = "E-NO-HEADER", Error;
    UnitField = "E-UNIT-FIELD", Error;
    UnitLeaders = "E-UNIT-LEADERS", Error;
    UnitConflict = "E-UNIT-CONFLICT", Error;
    CellError = "E-CELL-ERROR", Error;
    RowNoName = "E-ROW-NO-NAME", Error;
    QtyNegative = "E-QTY-NEGATIVE", Error;
    QtyInvalid = "E-QTY-INVALID", Error;
    ItemUnknown = "E-ITEM-UNKNOWN", Error;
    QtyEmpty = "W-QTY-EMPTY", Warning;
    YearUnknown = "W-YEAR-UNKNOWN", Warning;
    ConditionUnknown = "W-CONDITION-UNKNOWN", Warning;
    ConfigUnreadable = "W-CONFIG-UNREADABLE", Warning;
    RowUnclassified = "W-ROW-UNCLASSIFIED", Warning;
    AliasTie = "W-ALIAS-TIE", Warning;
    AssetDuplicate = "W-ASSET-DUPLICATE", Warning;
    ReqNotApplicable = "W-REQ-NOT-APPLICABLE", Warning;
    TemplateCatalog = "W-TEMPLATE-CATALOG", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A cell position: 1-based row as Excel shows it (CSV: the physical line), 0-based column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    pub fn new(row: u32, col: u32) -> Self {
        CellRef { row, col }
    }

    /// Column letters as Excel shows them: 0 → `A`, 26 → `AA`.
    pub fn col_name(col: u32) -> String {
        let mut n = col as u64 + 1;
        let mut s = Vec::new();
        while n > 0 {
            let r = ((n - 1) % 26) as u8;
            s.push(b'A' + r);
            n = (n - 1) / 26;
        }
        s.reverse();
        String::from_utf8(s).unwrap_or_default()
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", CellRef::col_name(self.col), self.row)
    }
}

/// Which limit a file broke (SPEC §3 "Files").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    FileSize {
        bytes: u64,
        max: u64,
    },
    EntrySize {
        entry: String,
        bytes: u64,
        max: u64,
    },
    TotalSize {
        bytes: u64,
        max: u64,
    },
    Sheets {
        count: usize,
        max: usize,
    },
    Cells {
        sheet: String,
        max: u64,
    },
    /// The sheets read from one file hold more cells in all, empty ones included, than a
    /// reader goes through for one file.
    Visited {
        max: u64,
    },
    /// A workbook part lists more styles or shared texts than any spreadsheet program writes:
    /// the reader would hold them all before reading a cell.
    Entries {
        entry: String,
        count: u64,
        max: u64,
    },
    /// The grids the sheets' cells span, which ODS and XLS readers expand in full, are over the
    /// cell limit in all; `sheet` is the largest.
    Grid {
        sheet: String,
        cells: u64,
        max: u64,
    },
}

/// What a unit-information field lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    Missing,
    Unreadable(String),
    /// A number of people above [`crate::base::MAX_PEOPLE`]: a pasted phone or ID number.
    TooLarge(String),
}

/// The structured content of a diagnostic; rendered by [`Msg::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// Boxed: rare, and every finding carries a `Msg`.
    FileUnreadable(Box<Unreadable>),
    FileEncrypted,
    FileTooLarge(Limit),
    /// The sheets searched for the inventory header, in workbook order (`None` for CSV).
    NoHeader {
        sheets: Option<Vec<String>>,
    },
    UnitField {
        field: &'static str,
        problem: FieldProblem,
    },
    UnitLeaders {
        leaders: u64,
        staff: u64,
    },
    UnitConflict {
        unit: String,
        others: Vec<String>,
    },
    CellError {
        value: String,
    },
    RowNoName,
    QtyNegative {
        value: String,
    },
    QtyInvalid {
        value: String,
    },
    QtyRequestEmpty,
    ItemUnknown {
        code: String,
    },
    QtyEmpty,
    YearUnreadable {
        value: String,
    },
    YearFuture {
        year: i32,
        as_of: i32,
    },
    YearEmpty {
        item: String,
        life: u32,
    },
    ConditionUnknown {
        value: String,
    },
    ConfigUnreadable {
        term: crate::base::ConfigTerm,
        /// The configuration as written (shared with the row's verdict).
        text: Arc<String>,
    },
    RowUnclassified {
        name: String,
        suggestion: Option<String>,
    },
    /// Boxed, as are other rare, large messages: every finding carries a `Msg`.
    AliasTie(Box<AliasTie>),
    AssetDuplicate {
        asset_id: String,
        first_file: String,
        first_row: u32,
    },
    ReqNotApplicable {
        item: String,
    },
    /// The form was made from the template of another catalog (xlsx custom properties).
    TemplateCatalog(Box<TemplateOrigin>),
}

/// A name that matches several catalog items equally well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasTie {
    pub name: String,
    pub items: Vec<String>,
    pub chosen: String,
}

/// The catalog a form's template came from, and the one it is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateOrigin {
    pub template: String,
    pub template_effective: Option<String>,
    pub catalog: String,
    pub catalog_effective: String,
}

/// One finding, located in a file, sheet and cell (each `None` where unknown).
///
/// File and sheet names are shared: a national run has hundreds of thousands of findings in
/// tens of thousands of files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub file: Option<Arc<str>>,
    pub sheet: Option<Arc<str>>,
    pub cell: Option<CellRef>,
    pub msg: Msg,
}

impl Diagnostic {
    pub fn new(
        code: Code,
        file: &str,
        sheet: Option<&str>,
        cell: Option<CellRef>,
        msg: Msg,
    ) -> Self {
        Diagnostic {
            code,
            file: Some(Arc::from(file)),
            sheet: sheet.map(Arc::from),
            cell,
            msg,
        }
    }

    /// [`Diagnostic::new`] with names the caller already holds, shared rather than copied.
    pub fn shared(
        code: Code,
        file: &Arc<str>,
        sheet: Option<&Arc<str>>,
        cell: Option<CellRef>,
        msg: Msg,
    ) -> Self {
        Diagnostic {
            code,
            file: Some(file.clone()),
            sheet: sheet.cloned(),
            cell,
            msg,
        }
    }

    /// A file-level finding (no sheet, no cell).
    pub fn file(code: Code, file: &str, msg: Msg) -> Self {
        Diagnostic::new(code, file, None, None, msg)
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// The A1 reference, e.g. `F12`.
    pub fn cell_a1(&self) -> Option<String> {
        self.cell.map(|c| c.to_string())
    }

    /// Sort key of SPEC §3: (file, sheet, row, column, code), `None` first.
    fn key(
        &self,
    ) -> (
        Option<&str>,
        Option<&str>,
        Option<u32>,
        Option<u32>,
        &'static str,
    ) {
        (
            self.file.as_deref(),
            self.sheet.as_deref(),
            self.cell.map(|c| c.row),
            self.cell.map(|c| c.col),
            self.code.as_str(),
        )
    }

    /// A view that serialises with the message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> DiagnosticView<'_> {
        DiagnosticView { d: self, lang }
    }
}

/// An operating-system error in `lang`, for a person: the usual kinds in words (`no such file
/// or folder`, `không có quyền truy cập`), any other as the system words it, without its
/// `(os error N)`.
pub fn io_text(kind: std::io::ErrorKind, system: &str, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (en, vi) = match kind {
        K::NotFound => ("no such file or folder", "không có tệp hay thư mục này"),
        K::PermissionDenied => ("permission denied", "không có quyền truy cập"),
        K::NotADirectory => (
            "a part of the path is a file, not a folder",
            "một phần của đường dẫn là tệp, không phải thư mục",
        ),
        K::IsADirectory => (
            "it is a folder, not a file",
            "đây là thư mục, không phải tệp",
        ),
        K::AlreadyExists => ("it already exists", "đã có sẵn"),
        K::StorageFull => ("the disk is full", "ổ đĩa đã đầy"),
        K::ReadOnlyFilesystem => ("the disk is read-only", "ổ đĩa chỉ cho phép đọc"),
        _ => {
            let plain = match system.rfind(" (os error ") {
                Some(i) if system.ends_with(')') => &system[..i],
                _ => system,
            };
            return plain.to_string();
        }
    };
    lang.pick(en, vi).to_string()
}

/// [`io_text`] of an error.
pub fn io_error_text(e: &std::io::Error, lang: Lang) -> String {
    io_text(e.kind(), &e.to_string(), lang)
}

/// Sort diagnostics as SPEC §3 says; ties keep the order found (stable sort).
///
/// A national run holds a quarter of a million diagnostics: a stable sort of the values would
/// borrow a buffer of half their size, so their positions are sorted instead (a stable sort of
/// `u32`s) and the values moved once, in place.
pub fn sort(diags: &mut [Diagnostic]) {
    let mut order: Vec<u32> = (0..diags.len() as u32).collect();
    if order.len() != diags.len() {
        // More than 4 billion diagnostics cannot be held anyway; keep the plain sort.
        diags.sort_by(|a, b| a.key().cmp(&b.key()));
        return;
    }
    // Stable, so ties keep the order found; and diagnostics arrive file by file, mostly in
    // order already, which a merge sort of runs takes in one sweep.
    order.sort_by(|&a, &b| diags[a as usize].key().cmp(&diags[b as usize].key()));
    permute(diags, order);
}

/// Rearrange `v` so that position `i` holds what was at `order[i]` (`order` a permutation of
/// `0..v.len()`), following each cycle with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    const DONE: u32 = u32::MAX;
    for start in 0..v.len() {
        if order[start] == DONE {
            continue;
        }
        let mut j = start;
        loop {
            let k = order[j] as usize;
            order[j] = DONE;
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// A diagnostic together with the language its message is rendered in.
pub struct DiagnosticView<'a> {
    pub d: &'a Diagnostic,
    pub lang: Lang,
}

impl Serialize for DiagnosticView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.d;
        let mut st = s.serialize_struct("Diagnostic", 6)?;
        st.serialize_field("severity", &d.severity())?;
        st.serialize_field("code", d.code.as_str())?;
        st.serialize_field("file", &d.file)?;
        st.serialize_field("sheet", &d.sheet)?;
        st.serialize_field("cell", &d.cell_a1())?;
        st.serialize_field("message", &d.msg.render(self.lang))?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn permute_follows_every_cycle() {
        let mut v: Vec<char> = "abcdefg".chars().collect();
        // new[i] = old[order[i]]: cycles (0 3 5), (1 6), (2), (4)
        super::permute(&mut v, vec![3, 6, 2, 5, 4, 0, 1]);
        assert_eq!(v.iter().collect::<String>(), "dgcfeab");
    }

    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(CellRef::col_name(0), "A");
        assert_eq!(CellRef::col_name(25), "Z");
        assert_eq!(CellRef::col_name(26), "AA");
        assert_eq!(CellRef::col_name(701), "ZZ");
        assert_eq!(CellRef::col_name(702), "AAA");
        assert_eq!(CellRef::new(12, 5).to_string(), "F12");
    }

    #[test]
    fn lang_from_env() {
        assert_eq!(Lang::from_env_vars(None, Some("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(
            Lang::from_env_vars(Some("en_US.UTF-8"), Some("vi_VN")),
            Lang::En
        );
        assert_eq!(Lang::from_env_vars(Some(""), Some("vi_VN")), Lang::Vi);
        assert_eq!(Lang::from_env_vars(None, None), Lang::En);
    }

    #[test]
    fn ties_keep_the_order_found() {
        let mk = |f: &str, reason: &str| Diagnostic {
            code: Code::FileUnreadable,
            file: Some(Arc::from(f)),
            sheet: None,
            cell: None,
            msg: Msg::FileUnreadable(Box::new(Unreadable::damaged(
                WorkbookFormat::Unknown,
                reason,
            ))),
        };
        let mut v: Vec<Diagnostic> = (0..50)
            .map(|i| mk(if i % 3 == 0 { "b" } else { "a" }, &i.to_string()))
            .collect();
        sort(&mut v);
        let reasons = |file: &str| -> Vec<u32> {
            v.iter()
                .filter(|d| d.file.as_deref() == Some(file))
                .filter_map(|d| match &d.msg {
                    Msg::FileUnreadable(u) => u.detail().and_then(|d| d.parse().ok()),
                    _ => None,
                })
                .collect()
        };
        let (a, b) = (reasons("a"), reasons("b"));
        assert!(a.windows(2).all(|w| w[0] < w[1]), "{a:?}");
        assert!(b.windows(2).all(|w| w[0] < w[1]), "{b:?}");
        assert_eq!(v.first().and_then(|d| d.file.as_deref()), Some("a"));
        assert_eq!((a.len(), b.len()), (33, 17));
    }

    #[test]
    fn sorted_with_none_first() {
        let mk = |f: Option<&str>, s: Option<&str>, c: Option<CellRef>, code| Diagnostic {
            code,
            file: f.map(Arc::from),
            sheet: s.map(Arc::from),
            cell: c,
            msg: Msg::RowNoName,
        };
        let mut v = vec![
            mk(
                Some("b"),
                Some("S"),
                Some(CellRef::new(3, 1)),
                Code::QtyEmpty,
            ),
            mk(
                Some("a"),
                Some("S"),
                Some(CellRef::new(3, 1)),
                Code::QtyEmpty,
            ),
            mk(Some("b"), None, None, Code::FileUnreadable),
            mk(
                Some("b"),
                Some("S"),
                Some(CellRef::new(3, 0)),
                Code::RowNoName,
            ),
        ];
        sort(&mut v);
        let got: Vec<_> = v
            .iter()
            .map(|d| (d.file.clone().unwrap(), d.cell_a1()))
            .collect();
        assert_eq!(&*got[0].0, "a");
        assert_eq!(got[1].1, None);
        assert_eq!(got[2].1.as_deref(), Some("A3"));
        assert_eq!(got[3].1.as_deref(), Some("B3"));
    }

    #[test]
    fn vietnamese_names_configuration_terms_in_words() {
        let m = Msg::ConfigUnreadable {
            term: crate::base::ConfigTerm::RamGb(8),
            text: Arc::new("i3 4GB HDD 500GB".into()),
        };
        let vi = m.render(Lang::Vi);
        assert!(
            vi.contains("điều kiện RAM ≥ 8 GB từ cấu hình 'i3 4GB HDD 500GB'"),
            "{vi}"
        );
        assert!(m.render(Lang::En).starts_with("ram_gb>=8 cannot be read"));
    }

    #[test]
    fn every_code_renders_in_both_languages() {
        // Each code's representative message differs between the languages.
        for m in [
            Msg::NoHeader { sheets: None },
            Msg::RowNoName,
            Msg::QtyEmpty,
            Msg::FileEncrypted,
        ] {
            assert_ne!(m.render(Lang::En), m.render(Lang::Vi));
        }
    }

    #[test]
    fn system_errors_in_words() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_error_text(&e, Lang::Vi), "không có tệp hay thư mục này");
        assert_eq!(io_error_text(&e, Lang::En), "no such file or folder");
        let odd = std::io::Error::other("disk on fire (os error 999)");
        assert_eq!(io_error_text(&odd, Lang::En), "disk on fire");
    }
}
