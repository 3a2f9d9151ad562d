//! Parsing cell values: quantities, years, dates, conditions and configurations (SPEC §3).

use super::cell::Val;
use crate::fold::{fold, is_word_prefix};
use rust_decimal::Decimal;
use serde::Serialize;

/// Why a quantity could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QtyError {
    Negative,
    Invalid,
}

/// Largest quantity accepted on one row; anything above is not a count of devices.
pub const MAX_QTY: u64 = 1_000_000_000;

/// Read a quantity cell: a whole number, or text such as `2 cái`, `02`, `2.0`, `+3`.
/// `Ok(None)` for an empty cell.
pub fn parse_quantity(v: &Val) -> Result<Option<u64>, QtyError> {
    match v {
        Val::Empty => Ok(None),
        Val::Int(i) => {
            if *i < 0 {
                Err(QtyError::Negative)
            } else if *i as u64 > MAX_QTY {
                Err(QtyError::Invalid)
            } else {
                Ok(Some(*i as u64))
            }
        }
        Val::Float(f) => {
            if !f.is_finite() {
                Err(QtyError::Invalid)
            } else if *f < 0.0 {
                Err(QtyError::Negative)
            } else if f.fract() != 0.0 || *f > MAX_QTY as f64 {
                Err(QtyError::Invalid)
            } else {
                Ok(Some(*f as u64))
            }
        }
        Val::Text(s) => parse_quantity_text(s).map(Some),
        _ => Err(QtyError::Invalid),
    }
}

/// `+`? digits (`.` zeros)? then optional unit words (letters and spaces only).
pub fn parse_quantity_text(s: &str) -> Result<u64, QtyError> {
    let s = s.trim();
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if digits_end == 0 {
        return Err(QtyError::Invalid);
    }
    let digits = &rest[..digits_end];
    let mut tail = &rest[digits_end..];
    let mut fractional = false;
    if let Some(t) = tail.strip_prefix('.') {
        let zeros_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        if zeros_end == 0 {
            return Err(QtyError::Invalid);
        }
        if !t[..zeros_end].bytes().all(|b| b == b'0') {
            fractional = true;
        }
        tail = &t[zeros_end..];
    }
    // Unit words: letters and spaces only ("cái", " bộ máy").
    if !tail
        .chars()
        .all(|c| c.is_alphabetic() || c.is_whitespace() || is_mark(c))
    {
        return Err(QtyError::Invalid);
    }
    if !tail.is_empty()
        && !tail.starts_with(|c: char| c.is_whitespace())
        && !tail.starts_with(char::is_alphabetic)
    {
        return Err(QtyError::Invalid);
    }
    let n: u64 = digits.parse().map_err(|_| QtyError::Invalid)?;
    // Below zero is negative whatever else is wrong, as for a number cell (`-0.5`, `-1.5`).
    if neg && (n > 0 || fractional) {
        return Err(QtyError::Negative);
    }
    if fractional || n > MAX_QTY {
        return Err(QtyError::Invalid);
    }
    Ok(n)
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

pub use crate::base::valid_ymd;

fn mk(y: i32, m: u32, d: u32) -> Option<Date> {
    valid_ymd(y, m, d).then_some(Date { y, m, d })
}

/// A date cell, or text `d/m/yyyy`, `d-m-yyyy`, `yyyy-mm-dd`, `ngày d tháng m năm yyyy`.
pub fn parse_date(v: &Val) -> Option<Date> {
    match v {
        Val::Date(d) => Some(*d),
        Val::Text(s) => parse_date_text(s.trim()),
        _ => None,
    }
}

/// The whole text is a date.
pub fn parse_date_text(s: &str) -> Option<Date> {
    let s = s.trim();
    // ISO date-times from ODS: keep the date part.
    let s = match s.split_once('T') {
        Some((a, b)) if a.len() == 10 && b.starts_with(|c: char| c.is_ascii_digit()) => a,
        _ => s,
    };
    let f = fold(s);
    let w: Vec<&str> = f.split(' ').collect();
    if w.len() == 6 && w[0] == "ngay" && w[2] == "thang" && w[4] == "nam" {
        let n = |x: &str| x.parse::<u32>().ok();
        if w[5].len() == 4 {
            return mk(w[5].parse().ok()?, n(w[3])?, n(w[1])?);
        }
        return None;
    }
    find_date(s)
        .filter(|(a, b, _)| *a == 0 && *b == s.len())
        .map(|(_, _, d)| d)
}

/// The first date written inside `s` as `d/m/yyyy`, `d-m-yyyy` or `yyyy-mm-dd`
/// (not glued to other digits): (start, end, date).
pub fn find_date(s: &str) -> Option<(usize, usize, Date)> {
    let b = s.as_bytes();
    let n = b.len();
    let digits_at =
        |i: usize| -> usize { b[i..].iter().take_while(|c| c.is_ascii_digit()).count() };
    let mut i = 0;
    while i < n {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let l1 = digits_at(i);
        let j = i + l1;
        if j < n && (b[j] == b'/' || b[j] == b'-') {
            let sep = b[j];
            let l2 = digits_at(j + 1);
            let k = j + 1 + l2;
            if (1..=2).contains(&l2) && k < n && b[k] == sep {
                let l3 = digits_at(k + 1);
                let end = k + 1 + l3;
                let num = |a: usize, l: usize| s[a..a + l].parse::<u32>().ok();
                if l1 <= 2 && l3 == 4 {
                    if let (Some(d), Some(m), Some(y)) =
                        (num(i, l1), num(j + 1, l2), num(k + 1, l3))
                    {
                        if let Some(dt) = mk(y as i32, m, d) {
                            return Some((i, end, dt));
                        }
                    }
                } else if l1 == 4 && sep == b'-' && (1..=2).contains(&l3) {
                    if let (Some(y), Some(m), Some(d)) =
                        (num(i, l1), num(j + 1, l2), num(k + 1, l3))
                    {
                        if let Some(dt) = mk(y as i32, m, d) {
                            return Some((i, end, dt));
                        }
                    }
                }
            }
        }
        i = j.max(i + 1);
    }
    None
}

/// A year that cannot be read (or is outside 1900–2100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearUnreadable;

/// The year column (SPEC §3): `Ok(None)` when empty, `Err` when unreadable.
pub fn parse_year(v: &Val) -> Result<Option<i32>, YearUnreadable> {
    let y = match v {
        Val::Empty => return Ok(None),
        Val::Int(i) => i32::try_from(*i).map_err(|_| YearUnreadable)?,
        Val::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e9 => *f as i32,
        Val::Date(d) => d.y,
        Val::Text(s) => {
            if let Some((_, _, d)) = find_date(s) {
                d.y
            } else {
                first_year_group(s).ok_or(YearUnreadable)?
            }
        }
        _ => return Err(YearUnreadable),
    };
    if (1900..=2100).contains(&y) {
        Ok(Some(y))
    } else {
        Err(YearUnreadable)
    }
}

/// The first group of exactly four digits not glued to other digits.
fn first_year_group(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let l = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if l == 4 {
                return s[i..i + 4].parse().ok();
            }
            i += l;
        } else {
            i += 1;
        }
    }
    None
}

/// Condition class of a device (tình trạng).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Condition {
    Good,
    Broken,
    Worn,
}

const CONDITIONS: &[(&str, Condition)] = &[
    ("tot", Condition::Good),
    ("binh thuong", Condition::Good),
    ("dang su dung", Condition::Good),
    ("hong", Condition::Broken),
    ("hu hong", Condition::Broken),
    ("khong su dung duoc", Condition::Broken),
    ("cu", Condition::Worn),
    ("xuong cap", Condition::Worn),
    ("can thay the", Condition::Worn),
];

/// Classify a condition text; `None` when it is not in the list (read as good, warned).
pub fn parse_condition(text: &str) -> Option<Condition> {
    let f = fold(text);
    if f.is_empty() {
        return Some(Condition::Good);
    }
    CONDITIONS
        .iter()
        .filter(|(k, _)| is_word_prefix(&f, k))
        .max_by_key(|(k, _)| k.len())
        .map(|(_, c)| *c)
}

/// What a configuration text says (SPEC §3 "Config").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Config {
    pub ram_gb: Option<Decimal>,
    pub storage_gb: Option<Decimal>,
    pub ssd: Option<bool>,
}

/// Parse sizes, drives and SSD from the NFC, lower-cased text.
pub fn parse_config(text: &str) -> Config {
    let lower = text.to_lowercase();
    let t: Vec<char> = lower.chars().collect();
    let sizes = find_sizes(&t);
    let mut ram = None;
    let mut storage = None;
    for s in &sizes {
        if is_drive_size(&t, s, &sizes) {
            storage.get_or_insert(s.gb);
        } else {
            ram.get_or_insert(s.gb);
        }
    }
    let ssd = if lower.contains("ssd") || lower.contains("nvme") {
        Some(true)
    } else if lower.contains("hdd") {
        Some(false)
    } else {
        None
    };
    Config {
        ram_gb: ram,
        storage_gb: storage,
        ssd,
    }
}

/// A size in a configuration text: chars `start..end` (number and unit), in GB.
struct Size {
    start: usize,
    end: usize,
    gb: Decimal,
}

const DRIVE_WORDS: [&str; 3] = ["ssd", "hdd", "nvme"];

/// Whether `t[i..]` starts with the ASCII word `w` (one char for each byte).
fn starts_with_at(t: &[char], i: usize, w: &str) -> bool {
    i + w.len() <= t.len()
        && t[i..i + w.len()]
            .iter()
            .zip(w.bytes())
            .all(|(&c, b)| c == b as char)
}

/// `i` itself, or one past it when `t[i]` is a space: "at most one space character between".
fn skip_space(t: &[char], i: usize) -> usize {
    if t.get(i) == Some(&' ') {
        i + 1
    } else {
        i
    }
}

/// A size is a drive when a drive word stands right before it, or right after it unless that
/// drive word is itself directly followed by a size, which it then claims instead
/// (`8GB SSD 256GB`: the SSD is the 256 GB, and the 8 GB is RAM).
fn is_drive_size(t: &[char], s: &Size, sizes: &[Size]) -> bool {
    let before = if s.start > 0 && t[s.start - 1] == ' ' {
        s.start - 1
    } else {
        s.start
    };
    let word_before = DRIVE_WORDS
        .iter()
        .any(|w| before >= w.len() && starts_with_at(t, before - w.len(), w));
    if word_before {
        return true;
    }
    let a = skip_space(t, s.end);
    DRIVE_WORDS.iter().any(|w| {
        starts_with_at(t, a, w) && {
            let next = skip_space(t, a + w.len());
            !sizes.iter().any(|o| o.start == next)
        }
    })
}

/// Every size of the text, in order: a number not glued to a preceding digit, `.` or `,`
/// (either may be its decimal point), then after at most one space `gb`, `g` or `tb` not
/// followed by a letter or digit (so `3.6GHz`, `1.5 Gbps` and `i5-1135G7` hold no size).
fn find_sizes(t: &[char]) -> Vec<Size> {
    let n = t.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let glued = i > 0 && (t[i - 1].is_ascii_digit() || t[i - 1] == '.' || t[i - 1] == ',');
        if !t[i].is_ascii_digit() || glued {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && t[j].is_ascii_digit() {
            j += 1;
        }
        let mut num: String = t[i..j].iter().collect();
        if j + 1 < n && (t[j] == '.' || t[j] == ',') && t[j + 1].is_ascii_digit() {
            let mut k = j + 1;
            while k < n && t[k].is_ascii_digit() {
                k += 1;
            }
            num.push('.');
            num.extend(&t[j + 1..k]);
            j = k;
        }
        let u = skip_space(t, j);
        let free = |k: usize| k >= n || !t[k].is_alphanumeric();
        let unit = if starts_with_at(t, u, "gb") && free(u + 2) {
            Some((u + 2, 1))
        } else if starts_with_at(t, u, "g") && free(u + 1) {
            Some((u + 1, 1))
        } else if starts_with_at(t, u, "tb") && free(u + 2) {
            Some((u + 2, 1000))
        } else {
            None
        };
        if let (Some((end, mult)), Ok(v)) = (unit, num.parse::<Decimal>()) {
            let gb = v.checked_mul(Decimal::from(mult)).unwrap_or(v);
            out.push(Size { start: i, end, gb });
            i = end;
            continue;
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Val {
        Val::Text(s.into())
    }

    #[test]
    fn quantities() {
        for (s, n) in [
            ("2", 2),
            ("2 cái", 2),
            ("2cái", 2),
            ("3 bộ máy", 3),
            ("02", 2),
            ("2.0", 2),
            ("1.000", 1),
            ("+4", 4),
            ("0", 0),
            (" 7 ", 7),
        ] {
            assert_eq!(parse_quantity(&t(s)), Ok(Some(n)), "{s}");
        }
        assert_eq!(parse_quantity(&t("-2")), Err(QtyError::Negative));
        assert_eq!(parse_quantity(&t("-1 cái")), Err(QtyError::Negative));
        assert_eq!(parse_quantity(&t("1.5")), Err(QtyError::Invalid));
        assert_eq!(parse_quantity(&t("2,5")), Err(QtyError::Invalid));
        assert_eq!(parse_quantity(&t("hai")), Err(QtyError::Invalid));
        assert_eq!(parse_quantity(&t("2 (cái)")), Err(QtyError::Invalid));
        assert_eq!(
            parse_quantity(&t("99999999999999999999999")),
            Err(QtyError::Invalid)
        );
        assert_eq!(parse_quantity(&Val::Int(-3)), Err(QtyError::Negative));
        assert_eq!(parse_quantity(&Val::Float(2.0)), Ok(Some(2)));
        assert_eq!(parse_quantity(&Val::Float(1.5)), Err(QtyError::Invalid));
        assert_eq!(parse_quantity(&Val::Float(-0.5)), Err(QtyError::Negative));
        // Text below zero is negative like a number cell, fractional or not; minus zero is 0.
        assert_eq!(parse_quantity(&t("-0.5")), Err(QtyError::Negative));
        assert_eq!(parse_quantity(&t("-1.5")), Err(QtyError::Negative));
        assert_eq!(parse_quantity(&t("-0")), Ok(Some(0)));
        assert_eq!(parse_quantity(&t("-0.00")), Ok(Some(0)));
        assert_eq!(parse_quantity(&Val::Empty), Ok(None));
        assert_eq!(parse_quantity(&Val::Bool(true)), Err(QtyError::Invalid));
    }

    #[test]
    fn years() {
        assert_eq!(parse_year(&Val::Int(2019)), Ok(Some(2019)));
        assert_eq!(parse_year(&Val::Float(2019.0)), Ok(Some(2019)));
        assert_eq!(parse_year(&t("T8/2022")), Ok(Some(2022)));
        assert_eq!(parse_year(&t("Năm 2019")), Ok(Some(2019)));
        assert_eq!(parse_year(&t("15/03/2020")), Ok(Some(2020)));
        assert_eq!(parse_year(&t("2020-03-15")), Ok(Some(2020)));
        assert_eq!(parse_year(&t("không rõ")), Err(YearUnreadable));
        assert_eq!(parse_year(&t("12345")), Err(YearUnreadable));
        assert_eq!(parse_year(&Val::Int(1850)), Err(YearUnreadable));
        assert_eq!(
            parse_year(&Val::Date(Date {
                y: 2018,
                m: 5,
                d: 1
            })),
            Ok(Some(2018))
        );
        assert_eq!(parse_year(&Val::Empty), Ok(None));
        assert_eq!(parse_year(&Val::Float(2019.5)), Err(YearUnreadable));
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date_text("15/11/2025"),
            Some(Date {
                y: 2025,
                m: 11,
                d: 15
            })
        );
        assert_eq!(
            parse_date_text("5-1-2025"),
            Some(Date {
                y: 2025,
                m: 1,
                d: 5
            })
        );
        assert_eq!(
            parse_date_text("2025-11-05"),
            Some(Date {
                y: 2025,
                m: 11,
                d: 5
            })
        );
        assert_eq!(
            parse_date_text("ngày 20 tháng 11 năm 2025"),
            Some(Date {
                y: 2025,
                m: 11,
                d: 20
            })
        );
        assert_eq!(parse_date_text("31/02/2025"), None);
        assert_eq!(parse_date_text("hôm qua"), None);
    }

    #[test]
    fn conditions() {
        assert_eq!(parse_condition("Tốt"), Some(Condition::Good));
        assert_eq!(parse_condition(""), Some(Condition::Good));
        assert_eq!(parse_condition("Hỏng màn hình"), Some(Condition::Broken));
        assert_eq!(parse_condition("Hư hỏng"), Some(Condition::Broken));
        assert_eq!(
            parse_condition("KHÔNG SỬ DỤNG ĐƯỢC"),
            Some(Condition::Broken)
        );
        assert_eq!(parse_condition("Cũ"), Some(Condition::Worn));
        assert_eq!(parse_condition("Cần thay thế"), Some(Condition::Worn));
        assert_eq!(parse_condition("Còn dùng được"), None);
        assert_eq!(parse_condition("Tốtt"), None);
    }

    #[test]
    fn configs() {
        let d = |n: i64| Some(Decimal::from(n));
        let c = parse_config("i5/8GB/256GB SSD");
        assert_eq!((c.ram_gb, c.storage_gb, c.ssd), (d(8), d(256), Some(true)));
        let c = parse_config("RAM 8GB");
        assert_eq!(c.ram_gb, d(8));
        let c = parse_config("8 GB RAM, HDD 1TB");
        assert_eq!(
            (c.ram_gb, c.storage_gb, c.ssd),
            (d(8), d(1000), Some(false))
        );
        let c = parse_config("DDR4 16GB");
        assert_eq!(c.ram_gb, d(16));
        let c = parse_config("Core i5-1135G7 3.6GHz, 1.5 Gbps");
        assert_eq!((c.ram_gb, c.storage_gb, c.ssd), (None, None, None));
        let c = parse_config("Chip i7 – 8G – 1TB HDD");
        assert_eq!((c.ram_gb, c.storage_gb), (d(8), d(1000)));
        let c = parse_config("NVMe 512GB, RAM 4,5 GB");
        assert_eq!(
            (c.ram_gb, c.storage_gb, c.ssd),
            (Some(Decimal::new(45, 1)), d(512), Some(true))
        );
        assert_eq!(parse_config(""), Config::default());
    }

    /// SPEC §3 (rev. 4): a drive word directly followed by a size claims that size, not the
    /// one before it.
    #[test]
    fn a_drive_word_claims_the_size_after_it() {
        let d = |n: i64| Some(Decimal::from(n));
        let c = |s: &str| {
            let c = parse_config(s);
            (c.ram_gb, c.storage_gb)
        };
        assert_eq!(c("Core i5 8GB SSD 256GB"), (d(8), d(256)));
        assert_eq!(c("8GB SSD 256GB"), (d(8), d(256)));
        assert_eq!(c("8GB SSD256GB"), (d(8), d(256)));
        assert_eq!(c("4GB HDD 1TB"), (d(4), d(1000)));
        // A size before the drive word with nothing after it is still the drive.
        assert_eq!(c("RAM 8GB, 256GB SSD"), (d(8), d(256)));
        assert_eq!(c("8GB 256GB SSD"), (d(8), d(256)));
        // A drive word before a size holds it whatever follows.
        assert_eq!(c("SSD 512GB HDD 1TB, 16GB"), (d(16), d(512)));
        // More than one space is not "directly".
        assert_eq!(c("8GB SSD  256GB"), (d(256), d(8)));
    }
}
