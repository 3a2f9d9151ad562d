//! Reading back a `needs.json` written by `rasoat run` (SPEC §6), for `diff` (SPEC §10) and
//! `plan` (SPEC §11). Owns the checks that make a file "a needs.json of this tool": every field
//! of `catalog`, `as_of`, `units`, `lines`, `unit_totals` and `totals` present, money as integer
//! strings (`"15000000"`, `null` only where SPEC §6 allows it), unit codes unique, and every line
//! and unit total naming a unit of `units`. A file that fails gets a [`NeedsFileError`] naming
//! the file and the field (`lines[12].total`). `unclassified`, `superseded`, `duplicates`,
//! `ledger` and `diagnostics` are not read.
//!
//! Speed: a national file (25,000 units) is read with plain `serde_json`; only when that fails
//! is the file read again through `serde_path_to_error`, to name the field.

use crate::catalog::{Block, Level};
use crate::diag::Lang;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The catalog a file was made with (`catalog`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CatalogRef {
    pub name: String,
    pub effective: String,
}

/// A needs.json, every field SPEC §10 and §11 read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NeedsFile {
    pub catalog: CatalogRef,
    pub as_of: i32,
    pub units: Vec<Unit>,
    pub lines: Vec<Line>,
    pub unit_totals: Vec<UnitTotal>,
    pub totals: Totals,
}

/// One `units` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Unit {
    pub code: String,
    pub name: String,
    #[serde(deserialize_with = "block")]
    pub block: Block,
    #[serde(deserialize_with = "level")]
    pub level: Level,
    pub site: String,
    pub staff: u64,
    pub leaders: u64,
    pub revision: u64,
    pub file: String,
}

/// One `lines` entry. Money is `None` where the file has `null` (an item with no price).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Line {
    pub unit: String,
    pub site: String,
    pub site_units: Vec<String>,
    pub item: String,
    pub channel: String,
    pub required: u64,
    pub usable: u64,
    pub unusable: u64,
    pub gap: u64,
    pub replace: u64,
    pub new: u64,
    #[serde(deserialize_with = "nullable_count")]
    pub requested: Option<u64>,
    pub excess: u64,
    pub quantity: u64,
    #[serde(deserialize_with = "nullable_money")]
    pub unit_price: Option<Decimal>,
    #[serde(deserialize_with = "nullable_money")]
    pub amount: Option<Decimal>,
    #[serde(deserialize_with = "nullable_money")]
    pub vat: Option<Decimal>,
    #[serde(deserialize_with = "nullable_money")]
    pub total: Option<Decimal>,
}

/// One `unit_totals` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UnitTotal {
    pub unit: String,
    #[serde(deserialize_with = "money")]
    pub amount: Decimal,
    #[serde(deserialize_with = "money")]
    pub vat: Decimal,
    #[serde(deserialize_with = "money")]
    pub contingency: Decimal,
    #[serde(deserialize_with = "money")]
    pub total: Decimal,
}

/// `totals`: the maps keep the file's order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Totals {
    #[serde(rename = "self")]
    pub self_: SelfTotal,
    #[serde(deserialize_with = "channels")]
    pub by_channel: Vec<ChannelTotal>,
    #[serde(deserialize_with = "blocks")]
    pub by_block: Vec<(Block, Decimal)>,
    #[serde(deserialize_with = "levels")]
    pub by_level: Vec<(Level, Decimal)>,
}

/// `totals.self`: the program's estimate.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SelfTotal {
    #[serde(deserialize_with = "money")]
    pub amount: Decimal,
    #[serde(deserialize_with = "money")]
    pub vat: Decimal,
    #[serde(deserialize_with = "money")]
    pub contingency: Decimal,
    #[serde(deserialize_with = "money")]
    pub total: Decimal,
    pub in_words: String,
}

/// One `totals.by_channel` entry, its key in `channel`: the type `run` computes it in.
pub use crate::cost::ChannelTotal;

/// What is wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file (or `<folder>/needs.json`) cannot be read: the kind and the system's words.
    Io(std::io::ErrorKind, String),
    /// Not JSON at all.
    Syntax { line: usize, column: usize },
    /// A required field is absent.
    Missing,
    /// A money field that is not an integer string; `found` as serde describes it.
    NotMoney { found: String },
    /// Any other value of the wrong kind (serde's English description).
    Invalid(String),
    /// A line or unit total naming a unit that `units` lacks.
    UnknownUnit(String),
    /// A unit code given twice in `units`.
    DuplicateUnit(String),
    /// A second line for the same (unit, item).
    DuplicateLine { unit: String, item: String },
}

/// A file that cannot be read as a needs.json of this tool.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct NeedsFileError {
    /// The file as named to the user (a folder's `needs.json` included).
    pub file: String,
    /// The field, as `lines[12].total`; `None` for the whole file.
    pub path: Option<String>,
    pub problem: Problem,
}

impl NeedsFileError {
    pub fn message(&self, lang: Lang) -> String {
        let f = &self.file;
        let p = self.path.as_deref().unwrap_or(".");
        let what = match (&self.problem, lang) {
            (Problem::Io(kind, e), Lang::En) => {
                return format!("{f}: cannot read: {}", crate::diag::io_text(*kind, e, lang))
            }
            (Problem::Io(kind, e), Lang::Vi) => {
                return format!("{f}: không đọc được: {}", crate::diag::io_text(*kind, e, lang))
            }
            (Problem::Syntax { line, column }, Lang::En) => {
                format!("not JSON (line {line}, column {column})")
            }
            (Problem::Syntax { line, column }, Lang::Vi) => {
                format!("không phải JSON (dòng {line}, cột {column})")
            }
            (Problem::Missing, Lang::En) => format!("`{p}` is missing"),
            (Problem::Missing, Lang::Vi) => format!("thiếu trường `{p}`"),
            (Problem::NotMoney { found }, Lang::En) => format!(
                "`{p}` must be an amount written as an integer string such as \"15000000\", not {found}"
            ),
            (Problem::NotMoney { found }, Lang::Vi) => format!(
                "`{p}` phải là số tiền viết thành chuỗi số nguyên, ví dụ \"15000000\", không phải {found}"
            ),
            (Problem::Invalid(e), lang) => format!("`{p}`: {}", serde_words(e, lang)),
            (Problem::UnknownUnit(u), Lang::En) => {
                format!("`{p}` names unit {u:?}, which `units` does not list")
            }
            (Problem::UnknownUnit(u), Lang::Vi) => {
                format!("`{p}` ghi đơn vị {u:?}, không có trong `units`")
            }
            (Problem::DuplicateUnit(u), Lang::En) => format!("`{p}`: unit {u:?} is listed twice"),
            (Problem::DuplicateUnit(u), Lang::Vi) => format!("`{p}`: đơn vị {u:?} có hai lần"),
            (Problem::DuplicateLine { unit, item }, Lang::En) => {
                format!("`{p}`: a second line for unit {unit:?} and item {item:?}")
            }
            (Problem::DuplicateLine { unit, item }, Lang::Vi) => {
                format!("`{p}`: dòng thứ hai của đơn vị {unit:?}, thiết bị {item:?}")
            }
        };
        match lang {
            Lang::En => format!("{f}: not a needs.json written by rasoat: {what}"),
            Lang::Vi => format!("{f}: không phải tệp needs.json do rasoat lập: {what}"),
        }
    }
}

/// The file a path names: a folder means its `needs.json`.
pub fn file_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("needs.json")
    } else {
        path.to_path_buf()
    }
}

/// Read `path` (a needs.json, or a folder holding one).
pub fn load(path: &Path) -> Result<NeedsFile, NeedsFileError> {
    let file = file_of(path);
    let name = file.display().to_string();
    match std::fs::read(&file) {
        Ok(bytes) => parse(&bytes, &name),
        Err(e) => Err(NeedsFileError {
            file: name,
            path: None,
            problem: Problem::Io(e.kind(), e.to_string()),
        }),
    }
}

/// Read a needs.json from its bytes; `name` is what errors call the file.
pub fn parse(bytes: &[u8], name: &str) -> Result<NeedsFile, NeedsFileError> {
    let nf: NeedsFile = match serde_json::from_slice(bytes) {
        Ok(nf) => nf,
        Err(_) => return Err(locate(bytes, name)),
    };
    check(&nf).map_err(|(path, problem)| NeedsFileError {
        file: name.to_string(),
        path: Some(path),
        problem,
    })?;
    Ok(nf)
}

/// Read the file again, tracking where the reader is, to name the field that failed.
fn locate(bytes: &[u8], name: &str) -> NeedsFileError {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let err = match serde_path_to_error::deserialize::<_, NeedsFile>(&mut de) {
        Ok(_) => {
            // The plain read failed on something the tracked one accepts: trailing data.
            return de.end().err().map_or_else(
                || error(name, None, Problem::Syntax { line: 0, column: 0 }),
                |e| syntax(name, &e),
            );
        }
        Err(e) => e,
    };
    let path = err.path().to_string();
    let inner = err.into_inner();
    if !matches!(inner.classify(), serde_json::error::Category::Data) {
        return syntax(name, &inner);
    }
    // serde_json appends " at line L column C" to data errors: the path says it better.
    let text = inner.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text).to_string();
    let at = |field: &str| match path.as_str() {
        "." => field.to_string(),
        p => format!("{p}.{field}"),
    };
    if let Some(field) = text
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return error(name, Some(at(field)), Problem::Missing);
    }
    if text.contains(MONEY_EXPECTED) {
        let found = text
            .split(", expected")
            .next()
            .unwrap_or(&text)
            .trim_start_matches("invalid type: ")
            .trim_start_matches("invalid value: ")
            .to_string();
        return error(name, Some(path), Problem::NotMoney { found });
    }
    error(name, Some(path), Problem::Invalid(text))
}

/// serde's words for a value of the wrong kind (`invalid type: string "2025", expected i32`)
/// for a person, in `lang`: `string "2025" is the wrong kind of value; expected a whole number`,
/// `giá trị chuỗi "2025" không đúng kiểu, cần số nguyên`. Other messages keep serde's words.
fn serde_words(e: &str, lang: Lang) -> String {
    let kind = |k: &str| -> String {
        let k = k.trim();
        let words = [
            ("string ", "string ", "chuỗi "),
            ("floating point ", "decimal number ", "số thực "),
            ("integer ", "integer ", "số nguyên "),
            ("boolean ", "boolean ", "giá trị đúng/sai "),
        ];
        for (serde, en, vi) in words {
            if let Some(v) = k.strip_prefix(serde) {
                return format!("{}{}", lang.pick(en, vi), v.trim_matches('`'));
            }
        }
        let (en, vi) = match k {
            "null" => ("null", "null"),
            "sequence" | "a sequence" => ("a list", "danh sách"),
            "map" | "a map" => ("an object", "đối tượng"),
            "a string" => ("a string", "chuỗi"),
            "a boolean" => ("true or false", "giá trị đúng/sai"),
            "i8" | "i16" | "i32" | "i64" | "i128" => ("a whole number", "số nguyên"),
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => {
                ("a whole number of at least 0", "số nguyên không âm")
            }
            k if k.starts_with("struct ") => ("an object", "đối tượng"),
            k => (k, k),
        };
        lang.pick(en, vi).to_string()
    };
    let parts = e
        .strip_prefix("invalid type: ")
        .map(|r| (true, r))
        .or_else(|| e.strip_prefix("invalid value: ").map(|r| (false, r)));
    match parts.and_then(|(ty, r)| r.split_once(", expected ").map(|(f, x)| (ty, f, x))) {
        Some((ty, found, expected)) => {
            let (found, expected) = (kind(found), kind(expected));
            match (lang, ty) {
                (Lang::En, true) => {
                    format!("{found} is the wrong kind of value; expected {expected}")
                }
                (Lang::En, false) => format!("{found} is not valid here; expected {expected}"),
                (Lang::Vi, true) => format!("giá trị {found} không đúng kiểu, cần {expected}"),
                (Lang::Vi, false) => format!("giá trị {found} không hợp lệ, cần {expected}"),
            }
        }
        None => match lang {
            Lang::En => e.to_string(),
            Lang::Vi => format!("giá trị không hợp lệ ({e})"),
        },
    }
}

fn error(name: &str, path: Option<String>, problem: Problem) -> NeedsFileError {
    NeedsFileError {
        file: name.to_string(),
        path,
        problem,
    }
}

fn syntax(name: &str, e: &serde_json::Error) -> NeedsFileError {
    error(
        name,
        None,
        Problem::Syntax {
            line: e.line(),
            column: e.column(),
        },
    )
}

/// The cross-references serde cannot check: unique unit codes, lines and unit totals naming a
/// unit of `units`, one line per (unit, item).
fn check(nf: &NeedsFile) -> Result<(), (String, Problem)> {
    let mut units = foldhash::HashSet::default();
    units.reserve(nf.units.len());
    for (i, u) in nf.units.iter().enumerate() {
        if !units.insert(u.code.as_str()) {
            return Err((
                format!("units[{i}].code"),
                Problem::DuplicateUnit(u.code.clone()),
            ));
        }
    }
    let mut pairs = foldhash::HashSet::default();
    pairs.reserve(nf.lines.len());
    for (i, l) in nf.lines.iter().enumerate() {
        if !units.contains(l.unit.as_str()) {
            return Err((
                format!("lines[{i}].unit"),
                Problem::UnknownUnit(l.unit.clone()),
            ));
        }
        if !pairs.insert((l.unit.as_str(), l.item.as_str())) {
            return Err((
                format!("lines[{i}].item"),
                Problem::DuplicateLine {
                    unit: l.unit.clone(),
                    item: l.item.clone(),
                },
            ));
        }
    }
    for (i, t) in nf.unit_totals.iter().enumerate() {
        if !units.contains(t.unit.as_str()) {
            return Err((
                format!("unit_totals[{i}].unit"),
                Problem::UnknownUnit(t.unit.clone()),
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Field readers

/// What a money field must be; errors that say it are classified as [`Problem::NotMoney`].
const MONEY_EXPECTED: &str = "an integer string of đồng";

/// An amount as SPEC §6 writes it: `0` or digits without a leading zero (no sign, no
/// fraction, no exponent), at most 28 digits (what `Decimal` holds).
fn parse_money(s: &str) -> Option<Decimal> {
    let b = s.as_bytes();
    let canonical = !b.is_empty()
        && b.len() <= 28
        && b.iter().all(u8::is_ascii_digit)
        && (b.len() == 1 || b.first() != Some(&b'0'));
    if !canonical {
        return None;
    }
    let v = s.parse::<u128>().ok()?;
    Decimal::try_from_i128_with_scale(i128::try_from(v).ok()?, 0).ok()
}

struct MoneyVisitor;

impl<'de> Visitor<'de> for MoneyVisitor {
    type Value = Decimal;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{MONEY_EXPECTED} (\"15000000\")")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Decimal, E> {
        parse_money(s).ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
    }
}

struct NullableMoney;

impl<'de> Visitor<'de> for NullableMoney {
    type Value = Option<Decimal>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{MONEY_EXPECTED} (\"15000000\") or null")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(MoneyVisitor).map(Some)
    }
}

fn money<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_str(MoneyVisitor)
}

fn nullable_money<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_option(NullableMoney)
}

/// `requested`: a count or `null`, but present (a plain `Option` would default when absent).
fn nullable_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Option::<u64>::deserialize(d)
}

fn code_of<'de, D, T>(d: D, from: fn(&str) -> Option<T>, what: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
    from(&s).ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&s), &what))
}

fn block<'de, D: Deserializer<'de>>(d: D) -> Result<Block, D::Error> {
    code_of(d, Block::from_code, "one of dang, mttq, ctxh")
}

fn level<'de, D: Deserializer<'de>>(d: D) -> Result<Level, D::Error> {
    code_of(d, Level::from_code, "one of city, commune")
}

/// An object read into a list in the file's order, each key made into `K` by `key`.
struct Ordered<K, V> {
    key: fn(&str) -> Option<K>,
    what: &'static str,
    _v: std::marker::PhantomData<V>,
}

impl<'de, K, V: Deserialize<'de>> Visitor<'de> for Ordered<K, V> {
    type Value = Vec<(K, V)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object whose keys are {}", self.what)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let key = (self.key)(&k)
                .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&k), &self.what))?;
            out.push((key, map.next_value::<V>()?));
        }
        Ok(out)
    }
}

fn ordered<'de, D, K, V>(
    d: D,
    key: fn(&str) -> Option<K>,
    what: &'static str,
) -> Result<Vec<(K, V)>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    d.deserialize_map(Ordered {
        key,
        what,
        _v: std::marker::PhantomData,
    })
}

/// `{"total": "…"}` of `by_block` and `by_level`.
#[derive(Deserialize)]
struct TotalOnly {
    #[serde(deserialize_with = "money")]
    total: Decimal,
}

/// A `by_channel` value.
#[derive(Deserialize)]
struct ChannelJson {
    quantity: u64,
    #[serde(deserialize_with = "money")]
    amount: Decimal,
    #[serde(deserialize_with = "money")]
    vat: Decimal,
    #[serde(deserialize_with = "money")]
    total: Decimal,
}

fn channels<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ChannelTotal>, D::Error> {
    let v: Vec<(String, ChannelJson)> = ordered(d, |s| Some(s.to_string()), "channel ids")?;
    Ok(v.into_iter()
        .map(|(channel, c)| ChannelTotal {
            channel,
            quantity: c.quantity,
            amount: c.amount,
            vat: c.vat,
            total: c.total,
        })
        .collect())
}

fn blocks<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(Block, Decimal)>, D::Error> {
    let v: Vec<(Block, TotalOnly)> = ordered(d, Block::from_code, "dang, mttq, ctxh")?;
    Ok(v.into_iter().map(|(b, t)| (b, t.total)).collect())
}

fn levels<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(Level, Decimal)>, D::Error> {
    let v: Vec<(Level, TotalOnly)> = ordered(d, Level::from_code, "city, commune")?;
    Ok(v.into_iter().map(|(l, t)| (l, t.total)).collect())
}

#[cfg(test)]
mod tests;
