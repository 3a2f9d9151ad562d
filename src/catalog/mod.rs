//! The standard configuration catalog (SPEC §2): items and norms, prices, routing, channels.
//!
//! A catalog is a folder of four files. [`Catalog::load`] validates it completely and returns
//! every finding at once ([`CatalogError`]), each naming the file, line and column.

mod documents;
mod items;
pub mod matcher;
mod prices;
mod routing;

use crate::base::{fits_a_cell, parse_iso_date as parse_date, MAX_TEXT};
use crate::fold::fold;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;
use std::path::Path;

pub use crate::base::ConfigTerm;
pub use documents::{Documents, PerBlock};
pub use items::{Basis, Item, Ratio};
pub use matcher::{Match, Matcher};
pub use prices::Price;
pub use routing::{Route, RouteItem};

/// Organisational block of a unit (khối).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Block {
    Dang,
    Mttq,
    Ctxh,
}

impl Block {
    pub const ALL: [Block; 3] = [Block::Dang, Block::Mttq, Block::Ctxh];
    pub fn as_str(self) -> &'static str {
        match self {
            Block::Dang => "dang",
            Block::Mttq => "mttq",
            Block::Ctxh => "ctxh",
        }
    }
    pub fn from_code(s: &str) -> Option<Block> {
        Block::ALL.into_iter().find(|b| b.as_str() == s)
    }
    /// Vietnamese name for reports.
    pub fn label_vi(self) -> &'static str {
        match self {
            Block::Dang => "Khối Đảng",
            Block::Mttq => "Mặt trận Tổ quốc",
            Block::Ctxh => "Các tổ chức chính trị - xã hội",
        }
    }
}

/// Government level of a unit (cấp).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    City,
    Commune,
}

impl Level {
    pub const ALL: [Level; 2] = [Level::City, Level::Commune];
    pub fn as_str(self) -> &'static str {
        match self {
            Level::City => "city",
            Level::Commune => "commune",
        }
    }
    pub fn from_code(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Level::City => "Cấp Thành phố",
            Level::Commune => "Cấp xã, phường, đặc khu",
        }
    }
}

/// A procurement channel: who buys (`self` = the unit itself, through this program).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Channel {
    pub id: String,
    pub label: String,
}

pub const SELF: &str = "self";

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
    fn header(&mut self, file: &'static str, cols: &[String]) {
        self.1.push((file, cols.to_vec()));
    }
}

/// The text of the four catalog files.
#[derive(Debug, Clone)]
pub struct Sources {
    pub catalog_toml: String,
    pub items_csv: String,
    pub prices_csv: String,
    pub routing_csv: String,
}

impl Sources {
    /// The HCMC catalog bundled in the binary (`catalogs/hcmc-2025/`).
    pub fn bundled() -> Sources {
        Sources {
            catalog_toml: include_str!("../../catalogs/hcmc-2025/catalog.toml").into(),
            items_csv: include_str!("../../catalogs/hcmc-2025/items.csv").into(),
            prices_csv: include_str!("../../catalogs/hcmc-2025/prices.csv").into(),
            routing_csv: include_str!("../../catalogs/hcmc-2025/routing.csv").into(),
        }
    }

    /// Read the four files of a catalog folder.
    pub fn read_dir(dir: &Path) -> Result<Sources, Vec<CatalogError>> {
        let mut errs = Errors::default();
        let mut read = |name: &str| -> String {
            let p = dir.join(name);
            match std::fs::read(&p) {
                Ok(b) => match String::from_utf8(b) {
                    Ok(s) => s,
                    Err(_) => {
                        errs.push(
                            name,
                            None,
                            None,
                            said!(
                                "not UTF-8 text; save it as CSV UTF-8",
                                "không phải văn bản UTF-8; lưu lại dạng CSV UTF-8"
                            ),
                        );
                        String::new()
                    }
                },
                Err(e) => {
                    errs.push(
                        name,
                        None,
                        None,
                        said!("cannot read {}: {e}", "không đọc được {}: {e}", p.display()),
                    );
                    String::new()
                }
            }
        };
        let s = Sources {
            catalog_toml: read("catalog.toml"),
            items_csv: read("items.csv"),
            prices_csv: read("prices.csv"),
            routing_csv: read("routing.csv"),
        };
        if errs.0.is_empty() {
            Ok(s)
        } else {
            Err(errs.0)
        }
    }
}

/// The validated catalog: Danh mục cấu hình tiêu chuẩn, định mức, đơn giá và phân luồng mua sắm.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub name: String,
    pub effective: String,
    pub reference_year: i32,
    pub currency: String,
    pub vat_percent: Decimal,
    pub contingency_percent: Decimal,
    pub channels: Vec<Channel>,
    pub items: Vec<Item>,
    /// Price of each item, by item index.
    pub prices: Vec<Option<Price>>,
    pub routes: Vec<Route>,
    pub matcher: Matcher,
    /// `[documents]`: the texts of each unit's proposal (SPEC §8), defaults filled in.
    pub documents: Documents,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    name: String,
    effective: String,
    reference_year: i32,
    currency: String,
    vat_percent: String,
    contingency_percent: String,
    channels: toml::Table,
    documents: Option<documents::Raw>,
}

impl Catalog {
    /// Load the bundled catalog, or the folder `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Catalog, Vec<CatalogError>> {
        let src = match dir {
            Some(d) => Sources::read_dir(d)?,
            None => Sources::bundled(),
        };
        Catalog::from_sources(&src)
    }

    /// Parse and validate the four files; every finding is returned at once.
    pub fn from_sources(src: &Sources) -> Result<Catalog, Vec<CatalogError>> {
        let mut errs = Errors::default();
        let header = parse_header(&src.catalog_toml, &mut errs);
        let items = items::parse(&src.items_csv, &mut errs);
        let prices = prices::parse(&src.prices_csv, &items, &mut errs);
        let channels = header
            .as_ref()
            .map(|h| h.channels.clone())
            .unwrap_or_default();
        let routes = routing::parse(&src.routing_csv, &items, &channels, &mut errs);
        let vat_default = header
            .as_ref()
            .map(|h| h.vat_percent)
            .unwrap_or(Decimal::TEN);
        prices::check_caps(&prices, &items, vat_default, &mut errs);
        if header.is_some() {
            routing::check_priced(&items, &prices, &routes, &mut errs);
        }
        match header {
            Some(h) if errs.0.is_empty() => {
                let matcher = Matcher::new(&items);
                Ok(Catalog {
                    name: h.name,
                    effective: h.effective,
                    reference_year: h.reference_year,
                    currency: h.currency,
                    vat_percent: h.vat_percent,
                    contingency_percent: h.contingency_percent,
                    channels: h.channels,
                    items,
                    prices,
                    routes,
                    matcher,
                    documents: h.documents,
                })
            }
            _ => Err(errs.0),
        }
    }

    /// Index of the item with this code (compared as trimmed text, any case).
    pub fn item_index(&self, code: &str) -> Option<usize> {
        self.matcher.by_code(code)
    }

    /// The channel (and the routing row that chose it) for an item in a block and level.
    pub fn route(&self, item: usize, block: Block, level: Level) -> (&str, Option<&Route>) {
        routing::route(&self.routes, &self.items[item], block, level)
    }

    pub fn channel_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.channels
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.label.as_str())
            .unwrap_or(id)
    }

    /// VAT percent of a price row (its own, else the catalog's).
    pub fn vat_of(&self, price: &Price) -> Decimal {
        price.vat_percent.unwrap_or(self.vat_percent)
    }
}

pub(crate) struct ParsedHeader {
    name: String,
    effective: String,
    reference_year: i32,
    currency: String,
    vat_percent: Decimal,
    contingency_percent: Decimal,
    channels: Vec<Channel>,
    documents: Documents,
}

fn parse_header(text: &str, errs: &mut Errors) -> Option<ParsedHeader> {
    const F: &str = "catalog.toml";
    let h: Header = match toml::from_str(text) {
        Ok(h) => h,
        Err(e) => {
            let line = e.span().map(|s| {
                text.as_bytes()[..s.start.min(text.len())]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64
                    + 1
            });
            let m = e.message();
            errs.push(
                F,
                line,
                None,
                said!("not valid TOML: {m}", "không đúng cú pháp TOML: {m}"),
            );
            return None;
        }
    };
    let before = errs.0.len();
    if !fits_a_cell(&h.name) {
        errs.push(
            F,
            None,
            Some("name"),
            said!(
                "longer than the {MAX_TEXT} characters a spreadsheet cell holds",
                "dài hơn {MAX_TEXT} ký tự, mức một ô bảng tính chứa được"
            ),
        );
    }
    let pct = |v: &str, key: &str, errs: &mut Errors| -> Decimal {
        match parse_decimal(v) {
            Some(d) if d >= Decimal::ZERO && d <= Decimal::ONE_HUNDRED => d,
            _ => {
                errs.push(
                    F,
                    None,
                    Some(key),
                    said!(
                        "'{v}' is not a percentage; write a decimal string such as \"10\"",
                        "'{v}' không phải tỷ lệ phần trăm; ghi số thập phân trong dấu nháy, ví dụ \"10\""
                    ),
                );
                Decimal::ZERO
            }
        }
    };
    let vat_percent = pct(&h.vat_percent, "vat_percent", errs);
    let contingency_percent = pct(&h.contingency_percent, "contingency_percent", errs);
    if parse_date(&h.effective).is_none() {
        errs.push(
            F,
            None,
            Some("effective"),
            said!(
                "'{}' is not a date YYYY-MM-DD",
                "'{}' không phải ngày dạng YYYY-MM-DD",
                h.effective
            ),
        );
    }
    if !(1900..=2100).contains(&h.reference_year) {
        errs.push(
            F,
            None,
            Some("reference_year"),
            said!(
                "{} is not a year",
                "{} không phải năm hợp lệ",
                h.reference_year
            ),
        );
    }
    let mut channels = Vec::new();
    for (id, label) in &h.channels {
        if !channel_id_ok(id) {
            errs.push(
                F,
                None,
                Some("channels"),
                said!(
                    "channel id '{}' is not usable: it names the file ban-giao-<id>.xlsx, so write it with lower-case letters a-z, digits, '-' and '_', starting with a letter, at most {MAX_CHANNEL_ID} characters (no '/', '\\', '..', spaces or accents)",
                    "mã kênh '{}' không dùng được: mã này đặt tên tệp ban-giao-<mã>.xlsx, nên chỉ gồm chữ thường a-z, chữ số, '-' và '_', bắt đầu bằng chữ, tối đa {MAX_CHANNEL_ID} ký tự (không có '/', '\\', '..', dấu cách hay dấu tiếng Việt)",
                    id.escape_debug()
                ),
            );
        }
        match label.as_str() {
            Some(l) => channels.push(Channel {
                id: id.clone(),
                label: l.to_string(),
            }),
            None => errs.push(
                F,
                None,
                Some("channels"),
                said!(
                    "channel '{id}' needs a text label",
                    "kênh '{id}' cần một nhãn dạng văn bản"
                ),
            ),
        }
    }
    if !channels.iter().any(|c| c.id == SELF) {
        errs.push(
            F,
            None,
            Some("channels"),
            said!(
                "[channels] must define `self`",
                "[channels] phải khai báo kênh `self`"
            ),
        );
    }
    let documents = documents::parse(text, h.documents, errs);
    if errs.0.len() > before {
        return None;
    }
    Some(ParsedHeader {
        name: h.name,
        effective: h.effective,
        reference_year: h.reference_year,
        currency: h.currency,
        vat_percent,
        contingency_percent,
        channels,
        documents,
    })
}

/// The longest channel id: it is part of a file name.
const MAX_CHANNEL_ID: usize = 64;

/// A channel id is `[a-z][a-z0-9_-]*` (SPEC §2): it names a file, `ban-giao-<id>.xlsx`, so
/// it must be a safe file-name part on every system (no separators, `..`, spaces, or the
/// characters Windows forbids).
fn channel_id_ok(id: &str) -> bool {
    let mut chars = id.chars();
    id.len() <= MAX_CHANNEL_ID
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Strict decimal: digits with an optional `.` fraction, no sign, no exponent.
pub(crate) fn parse_decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    let ok = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && s.matches('.').count() <= 1
        && !s.starts_with('.')
        && !s.ends_with('.');
    if !ok {
        return None;
    }
    s.parse::<Decimal>().ok()
}

/// A CSV file of the catalog, read by column name.
pub(crate) struct Table {
    pub cols: Vec<String>,
    pub rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// Parse `text`; check that every `required` column is present and no column is unknown.
    pub fn parse(
        file: &'static str,
        text: &str,
        required: &[&str],
        optional: &[&str],
        errs: &mut Errors,
    ) -> Table {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines = crate::base::LineIndex::new(text);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut t = Table {
            cols: Vec::new(),
            rows: Vec::new(),
        };
        let mut first = true;
        for rec in rdr.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| lines.line_of(p.byte() as usize));
                    errs.push(
                        file,
                        line,
                        None,
                        said!("not valid CSV: {e}", "không đúng định dạng CSV: {e}"),
                    );
                    continue;
                }
            };
            let line = rec
                .position()
                .map(|p| lines.line_of(p.byte() as usize))
                .unwrap_or(0);
            let vals: Vec<String> = rec.iter().map(|v| v.trim().to_string()).collect();
            if first {
                first = false;
                t.cols = vals;
                errs.header(file, &t.cols);
                for c in &t.cols {
                    if !required.contains(&c.as_str()) && !optional.contains(&c.as_str()) {
                        errs.push(
                            file,
                            Some(line),
                            Some(c),
                            said!(
                                "unknown column; the columns are {}",
                                "cột không có trong danh mục; các cột là {}",
                                required
                                    .iter()
                                    .chain(optional)
                                    .copied()
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        );
                    }
                }
                for r in required {
                    if !t.cols.iter().any(|c| c == r) {
                        errs.push(
                            file,
                            Some(line),
                            Some(r),
                            said!("missing column", "thiếu cột"),
                        );
                    }
                }
                continue;
            }
            if vals.iter().all(|v| v.is_empty()) {
                continue;
            }
            if vals.len() > t.cols.len() {
                errs.push(
                    file,
                    Some(line),
                    None,
                    said!(
                        "{} fields, more than the {} columns",
                        "{} ô, nhiều hơn {} cột",
                        vals.len(),
                        t.cols.len()
                    ),
                );
            }
            // Catalog texts go into workbook cells (the template, both reports).
            for (col, v) in t.cols.iter().zip(&vals) {
                if !fits_a_cell(v) {
                    errs.push(
                        file,
                        Some(line),
                        Some(col),
                        said!(
                            "longer than the {MAX_TEXT} characters a spreadsheet cell holds",
                            "dài hơn {MAX_TEXT} ký tự, mức một ô bảng tính chứa được"
                        ),
                    );
                }
            }
            t.rows.push((line, vals));
        }
        if first {
            errs.push(
                file,
                None,
                None,
                said!(
                    "empty file: the header row is missing",
                    "tệp rỗng: thiếu dòng tiêu đề"
                ),
            );
        }
        t
    }

    /// The value of column `name` in a row ("" when absent).
    pub fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        self.cols
            .iter()
            .position(|c| c == name)
            .and_then(|i| row.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// Fold an alias, a code or a group for lookups.
pub(crate) fn folded(s: &str) -> String {
    fold(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_catalog_is_valid() {
        let c = Catalog::load(None);
        assert!(c.is_ok(), "{:?}", c.err());
        let c = c.unwrap();
        assert!(c.channels.iter().any(|ch| ch.id == SELF));
        assert!(!c.items.is_empty());
    }

    #[test]
    fn strict_decimals() {
        assert_eq!(parse_decimal("10"), Some(Decimal::TEN));
        assert_eq!(parse_decimal("8.5"), Some(Decimal::new(85, 1)));
        assert_eq!(parse_decimal("-1"), None);
        assert_eq!(parse_decimal("1e3"), None);
        assert_eq!(parse_decimal("."), None);
    }

    #[test]
    fn channel_ids_are_safe_file_name_parts() {
        for ok in ["self", "police", "dx-center", "mua_sam_2", "a"] {
            assert!(channel_id_ok(ok), "{ok}");
        }
        let long = "a".repeat(MAX_CHANNEL_ID + 1);
        for bad in [
            "", "../x", "..", "a/b", "a\\b", "Police", "2nd", "-x", "a b", "công-an", "a:b", "a*b",
            "con|x", &long,
        ] {
            assert!(!channel_id_ok(bad), "{bad}");
        }
    }
}
