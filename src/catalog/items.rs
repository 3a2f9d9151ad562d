//! `items.csv` (SPEC §2): the standard configurations and their norms (owned by Science &
//! Technology).

use super::{folded, said, Block, Errors, Level, Said, Table};
use crate::base::ConfigTerm;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;

const FILE: &str = "items.csv";
const COLUMNS: &[&str] = &[
    "code",
    "name",
    "group",
    "basis",
    "norm_qty",
    "norm_min",
    "norm_max",
    "blocks",
    "levels",
    "useful_life_years",
    "min_config",
    "max_unit_price",
    "aliases",
];
/// Optional columns (SPEC §2): `priority`, read by `plan` (§11).
const OPTIONAL: &[&str] = &["priority"];

/// What a norm is counted per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Per staff member (biên chế).
    Staff,
    /// Per leader entitled to a second device.
    Leader,
    /// Per unit.
    Unit,
    /// Per headquarters: units sharing a site share it.
    Site,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Staff => "staff",
            Basis::Leader => "leader",
            Basis::Unit => "unit",
            Basis::Site => "site",
        }
    }
}

/// An exact non-negative rational `p/q` (`1/3`, `0.5` = `1/2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub p: u64,
    pub q: u64,
}

/// The largest norm per staff member, leader, unit or site (`norm_qty`).
pub const MAX_NORM: u64 = 100;

impl Ratio {
    /// `ceil(self × n)` in integers; saturates rather than overflowing.
    pub fn ceil_mul(self, n: u64) -> u64 {
        let num = self.p as u128 * n as u128;
        let q = self.q.max(1) as u128;
        u64::try_from(num.div_ceil(q)).unwrap_or(u64::MAX)
    }

    /// Parse `1`, `0.5` or `1/3`.
    pub fn parse(s: &str) -> Option<Ratio> {
        let s = s.trim();
        let (p, q) = if let Some((a, b)) = s.split_once('/') {
            (a.trim().parse::<u64>().ok()?, b.trim().parse::<u64>().ok()?)
        } else if let Some((a, b)) = s.split_once('.') {
            if b.is_empty() || b.len() > 9 || !b.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let q = 10u64.pow(b.len() as u32);
            let a: u64 = if a.is_empty() {
                return None;
            } else {
                a.parse().ok()?
            };
            (a.checked_mul(q)?.checked_add(b.parse::<u64>().ok()?)?, q)
        } else {
            (s.parse::<u64>().ok()?, 1)
        };
        if q == 0 {
            return None;
        }
        let g = gcd(p, q);
        Some(Ratio {
            p: p / g.max(1),
            q: q / g.max(1),
        })
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.q == 1 {
            write!(f, "{}", self.p)
        } else {
            write!(f, "{}/{}", self.p, self.q)
        }
    }
}

impl Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A catalog item: a standard configuration with its norm.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub code: String,
    pub name: String,
    pub group: String,
    pub basis: Basis,
    pub norm_qty: Ratio,
    pub norm_min: u64,
    pub norm_max: Option<u64>,
    pub blocks: Vec<Block>,
    pub levels: Vec<Level>,
    pub useful_life_years: Option<u32>,
    pub min_config: Vec<ConfigTerm>,
    pub max_unit_price: Option<u64>,
    pub aliases: Vec<String>,
    /// Order of purchase in a roadmap (`plan`, SPEC §11): lower first. The `priority` column,
    /// or, when it is empty or absent, the item's 1-based position among the data rows.
    pub priority: u64,
    #[serde(skip)]
    pub line: u64,
}

impl Item {
    pub fn applies_to(&self, block: Block, level: Level) -> bool {
        self.blocks.contains(&block) && self.levels.contains(&level)
    }

    /// `clamp(ceil(norm_qty × n), norm_min, norm_max)`.
    pub fn required_for(&self, n: u64) -> u64 {
        let r = self.norm_qty.ceil_mul(n).max(self.norm_min);
        match self.norm_max {
            Some(m) => r.min(m),
            None => r,
        }
    }
}

fn set_of<T: Copy>(v: &str, all: &[T], from: fn(&str) -> Option<T>) -> Result<Vec<T>, String> {
    let v = v.trim();
    if v == "*" {
        return Ok(all.to_vec());
    }
    let mut out = Vec::new();
    for part in v.split(';') {
        match from(part.trim()) {
            Some(x) => out.push(x),
            // The value that is not allowed.
            None => return Err(part.trim().to_string()),
        }
    }
    Ok(out)
}

fn opt_u64(v: &str) -> Result<Option<u64>, ()> {
    if v.is_empty() {
        Ok(None)
    } else {
        v.parse::<u64>().map(Some).map_err(|_| ())
    }
}

pub(super) fn parse(text: &str, errs: &mut Errors) -> Vec<Item> {
    let t = Table::parse(FILE, text, COLUMNS, OPTIONAL, errs);
    let mut items = Vec::new();
    let mut seen = HashSet::new();
    for (position, (line, row)) in (1u64..).zip(&t.rows) {
        let line = *line;
        let get = |c: &str| t.get(row, c);
        let mut e = |col: &str, msg: Said| errs.push(FILE, Some(line), Some(col), msg);
        let code = get("code").to_string();
        if code.is_empty()
            || !code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        {
            e(
                "code",
                said!(
                    "'{code}' is not a code: use capital letters, digits and '-', e.g. PC-DESKTOP",
                    "'{code}' không phải mã: dùng chữ in hoa, chữ số và '-', ví dụ PC-DESKTOP"
                ),
            );
        } else if !seen.insert(code.clone()) {
            e(
                "code",
                said!("duplicate code '{code}'", "mã '{code}' bị trùng"),
            );
        }
        let name = get("name").to_string();
        if name.is_empty() {
            e(
                "name",
                said!("the item needs a name", "thiết bị cần có tên"),
            );
        }
        let group = get("group").to_string();
        if group.is_empty() {
            e(
                "group",
                said!(
                    "the item needs a group, e.g. terminal or network",
                    "thiết bị cần có nhóm, ví dụ terminal hoặc network"
                ),
            );
        }
        let basis = match get("basis") {
            "staff" => Basis::Staff,
            "leader" => Basis::Leader,
            "unit" => Basis::Unit,
            "site" => Basis::Site,
            other => {
                e(
                    "basis",
                    said!(
                        "'{other}' is not a basis; use staff, leader, unit or site",
                        "'{other}' không phải căn cứ định mức; dùng staff, leader, unit hoặc site"
                    ),
                );
                Basis::Unit
            }
        };
        let norm_qty = Ratio::parse(get("norm_qty")).unwrap_or_else(|| {
            e(
                "norm_qty",
                said!(
                    "'{}' is not a norm; write a decimal such as 1 or 0.5, or a fraction such as 1/3",
                    "'{}' không phải định mức; ghi số thập phân như 1 hoặc 0.5, hoặc phân số như 1/3",
                    get("norm_qty")
                ),
            );
            Ratio { p: 0, q: 1 }
        });
        let norm_min = opt_u64(get("norm_min")).unwrap_or_else(|_| {
            e(
                "norm_min",
                said!(
                    "'{}' is not a whole number",
                    "'{}' không phải số nguyên",
                    get("norm_min")
                ),
            );
            None
        });
        let norm_max = opt_u64(get("norm_max")).unwrap_or_else(|_| {
            e(
                "norm_max",
                said!(
                    "'{}' is not a whole number",
                    "'{}' không phải số nguyên",
                    get("norm_max")
                ),
            );
            None
        });
        // Bounds that no norm comes near, so that a typo cannot multiply into an estimate
        // too large to state, which would stop every run.
        if u128::from(norm_qty.p) > u128::from(MAX_NORM) * u128::from(norm_qty.q) {
            e(
                "norm_qty",
                said!(
                    "'{}' is above {MAX_NORM} per staff member, leader, unit or site",
                    "'{}' vượt {MAX_NORM} cho mỗi cán bộ, lãnh đạo, đơn vị hoặc trụ sở",
                    get("norm_qty")
                ),
            );
        }
        for (col, v) in [("norm_min", norm_min), ("norm_max", norm_max)] {
            if let Some(n) = v.filter(|&n| n > crate::base::MAX_PEOPLE) {
                e(
                    col,
                    said!(
                        "{n} is above {}, more devices than a unit has people",
                        "{n} vượt {}, nhiều thiết bị hơn số người của một đơn vị",
                        crate::base::MAX_PEOPLE
                    ),
                );
            }
        }
        if let (Some(a), Some(b)) = (norm_min, norm_max) {
            if a > b {
                e(
                    "norm_min",
                    said!(
                        "norm_min {a} is above norm_max {b}",
                        "norm_min {a} lớn hơn norm_max {b}"
                    ),
                );
            }
        }
        let blocks = set_of(get("blocks"), &Block::ALL, Block::from_code).unwrap_or_else(|m| {
            e(
                "blocks",
                said!(
                    "'{m}' is not one of the allowed values; use dang, mttq, ctxh separated by ';', or *",
                    "'{m}' không phải giá trị hợp lệ; dùng dang, mttq, ctxh cách nhau bởi ';', hoặc *"
                ),
            );
            Vec::new()
        });
        let levels = set_of(get("levels"), &Level::ALL, Level::from_code).unwrap_or_else(|m| {
            e(
                "levels",
                said!(
                    "'{m}' is not one of the allowed values; use city, commune separated by ';', or *",
                    "'{m}' không phải giá trị hợp lệ; dùng city, commune cách nhau bởi ';', hoặc *"
                ),
            );
            Vec::new()
        });
        let life = opt_u64(get("useful_life_years")).unwrap_or_else(|_| {
            e(
                "useful_life_years",
                said!(
                    "'{}' is not a whole number of years",
                    "'{}' không phải số năm nguyên",
                    get("useful_life_years")
                ),
            );
            None
        });
        let mut min_config = Vec::new();
        for term in get("min_config")
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match ConfigTerm::parse(term) {
                Some(c) => min_config.push(c),
                None => e(
                    "min_config",
                    said!(
                        "'{term}' is not a term; use ram_gb>=N, storage_gb>=N or ssd",
                        "'{term}' không phải điều kiện cấu hình; dùng ram_gb>=N, storage_gb>=N hoặc ssd"
                    ),
                ),
            }
        }
        let max_unit_price = opt_u64(get("max_unit_price")).unwrap_or_else(|_| {
            e(
                "max_unit_price",
                said!(
                    "'{}' is not a whole number of đồng",
                    "'{}' không phải số đồng nguyên",
                    get("max_unit_price")
                ),
            );
            None
        });
        let mut aliases = Vec::new();
        let raw_aliases = get("aliases");
        if !raw_aliases.trim().is_empty() {
            for a in raw_aliases.split('|') {
                if folded(a).is_empty() {
                    e(
                        "aliases",
                        said!(
                            "alias '{a}' has no letters or digits",
                            "tên gọi khác '{a}' không có chữ cái hay chữ số nào"
                        ),
                    );
                } else {
                    aliases.push(a.trim().to_string());
                }
            }
        }
        let priority = match get("priority") {
            "" => position,
            v => match v.parse::<u64>() {
                Ok(p) if p >= 1 => p,
                _ => {
                    e(
                        "priority",
                        said!(
                            "'{v}' is not a priority: write a whole number from 1 (bought first), or leave it empty to use the row order",
                            "'{v}' không phải thứ tự ưu tiên: ghi số nguyên từ 1 (mua trước), hoặc để trống để theo thứ tự dòng"
                        ),
                    );
                    position
                }
            },
        };
        items.push(Item {
            code,
            name,
            group,
            basis,
            norm_qty,
            norm_min: norm_min.unwrap_or(0),
            norm_max,
            blocks,
            levels,
            useful_life_years: life.map(|l| l.min(u32::MAX as u64) as u32),
            min_config,
            max_unit_price,
            aliases,
            priority,
            line,
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_exact() {
        let third = Ratio::parse("1/3").unwrap();
        assert_eq!(third.ceil_mul(7), 3);
        assert_eq!(third.ceil_mul(6), 2);
        assert_eq!(third.ceil_mul(0), 0);
        let fifth = Ratio::parse("0.2").unwrap();
        assert_eq!(fifth, Ratio { p: 1, q: 5 });
        assert_eq!(fifth.ceil_mul(11), 3);
        assert_eq!(Ratio::parse("1/15").unwrap().ceil_mul(16), 2);
        assert_eq!(Ratio::parse("2").unwrap().ceil_mul(1), 2);
        assert_eq!(Ratio::parse("1/0"), None);
        assert_eq!(Ratio::parse("x"), None);
        assert_eq!(Ratio::parse("-1"), None);
    }

    #[test]
    fn config_terms() {
        assert_eq!(ConfigTerm::parse("ram_gb>=8"), Some(ConfigTerm::RamGb(8)));
        assert_eq!(
            ConfigTerm::parse(" storage_gb >= 256 "),
            Some(ConfigTerm::StorageGb(256))
        );
        assert_eq!(ConfigTerm::parse("SSD"), Some(ConfigTerm::Ssd));
        assert_eq!(ConfigTerm::parse("cpu>=i5"), None);
    }
}
