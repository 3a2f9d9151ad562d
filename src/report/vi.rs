//! Vietnamese renderings of the domain for documents (SPEC §5 conventions, §8): Roman numerals, dates, percentages, item
//! groups, units of measure, norms and configurations in words, reasons a device is not usable,
//! severities and outcomes. Plain strings, no spreadsheet or word-processor types, so every
//! document writer (xlsx or docx) says things the same way.

use crate::catalog::{Basis, ConfigTerm, Item};
use crate::diag::Severity;
use crate::needs::{Outcome, Reason};
use crate::read::Condition;
use rust_decimal::Decimal;

/// `n` in Roman numerals (section numbers: I, II, … XXXIX …). Excel-era documents never
/// reach 4000 sections in one table, but a national run might: from 4000 on the Arabic
/// number is written instead, and 0 is `0`.
pub fn roman(n: usize) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// `2025-12-01` → `01/12/2025`; anything else as written.
pub fn date_vi(iso: &str) -> String {
    match crate::base::parse_iso_date(iso) {
        Some((y, m, d)) => format!("{d:02}/{m:02}/{y:04}"),
        None => iso.to_string(),
    }
}

/// A percentage as Vietnamese documents write it: `8.5` → `8,5`, `10` → `10`.
pub fn pct_vi(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// A decimal size as Vietnamese documents write it (`0.5 GB` → `0,5 GB`).
fn decimal_vi(s: &str) -> String {
    s.replace('.', ",")
}

/// Vietnamese name of an item group of the catalog (`terminal` → `Thiết bị đầu cuối`);
/// a group the catalog invents is shown as written.
pub fn group_vi(group: &str) -> String {
    match group {
        "terminal" => "Thiết bị đầu cuối".into(),
        "network" => "Thiết bị mạng".into(),
        "security" => "An toàn thông tin".into(),
        "av" => "Thiết bị hội nghị, nghe nhìn".into(),
        "software" => "Phần mềm".into(),
        "office" => "Thiết bị văn phòng".into(),
        "power" => "Thiết bị nguồn, lưu điện".into(),
        "facility" => "Hạ tầng phòng máy".into(),
        other => other.to_string(),
    }
}

/// Unit of measure (đơn vị tính) of an item, derived from its group and name, kept simple:
/// software is counted in licences (`Bản quyền`); audio-visual kits, and items whose name
/// says it is a set (`Bộ …`) or that are desktop computers (case, monitor, keyboard and mouse
/// go together), in sets (`Bộ`); every other device in pieces (`Cái`).
pub fn unit_of_measure(item: &Item) -> &'static str {
    let name = crate::fold::fold(&item.name);
    if item.group == "software" {
        "Bản quyền"
    } else if item.group == "av" || name.starts_with("bo ") || name.starts_with("may tinh de ban") {
        "Bộ"
    } else {
        "Cái"
    }
}

/// What the norm is counted per, in Vietnamese.
pub fn basis_vi(b: Basis) -> &'static str {
    match b {
        Basis::Staff => "cán bộ",
        Basis::Leader => "lãnh đạo",
        Basis::Unit => "đơn vị",
        Basis::Site => "trụ sở",
    }
}

/// The norm as a phrase: `1 / cán bộ`, `1 / 3 cán bộ`, `2 / trụ sở`.
pub fn norm_vi(item: &Item) -> String {
    let r = item.norm_qty;
    let per = basis_vi(item.basis);
    if r.q == 1 {
        format!("{} / {per}", r.p)
    } else {
        format!("{} / {} {per}", r.p, r.q)
    }
}

/// The norm with its bounds, as the survey form explains it: `1 / 3 cán bộ (tối thiểu 1)`,
/// `1 / trụ sở (dùng chung) (tối đa 2)`.
pub fn norm_bounds_vi(item: &Item) -> String {
    let mut s = norm_vi(item);
    if item.basis == Basis::Site {
        s.push_str(" (dùng chung)");
    }
    match (item.norm_min, item.norm_max) {
        (0, None) => {}
        (min, None) => s.push_str(&format!(" (tối thiểu {min})")),
        (0, Some(max)) => s.push_str(&format!(" (tối đa {max})")),
        (min, Some(max)) => s.push_str(&format!(" (tối thiểu {min}, tối đa {max})")),
    }
    s
}

/// The standard (minimum) configuration of an item, in Vietnamese; empty when none.
pub fn config_vi(item: &Item) -> String {
    config_list_vi(item, "; ")
}

/// The terms of an item's standard configuration in Vietnamese, joined by `sep`.
pub fn config_list_vi(item: &Item, sep: &str) -> String {
    item.min_config
        .iter()
        .map(|t| t.describe_vi())
        .collect::<Vec<_>>()
        .join(sep)
}

/// Why a counted row is not usable, in Vietnamese (`hỏng`, `đã sử dụng 9 năm …`,
/// `RAM 4 GB < 8 GB`).
pub fn reason_vi(r: &Reason, item: &Item) -> String {
    match r {
        Reason::Condition {
            condition: Condition::Broken,
        } => "hỏng".into(),
        Reason::Condition {
            condition: Condition::Worn,
        } => "cũ, xuống cấp".into(),
        Reason::Condition {
            condition: Condition::Good,
        } => "tình trạng tốt".into(),
        Reason::TooOld { year, age, life } => {
            format!("đã sử dụng {age} năm (từ năm {year}) ≥ thời gian sử dụng {life} năm")
        }
        Reason::Config { term, found } => {
            let found = decimal_vi(found);
            match item.min_config.iter().find(|t| t.to_string() == *term) {
                Some(ConfigTerm::RamGb(n)) => format!("RAM {found} < {n} GB"),
                Some(ConfigTerm::StorageGb(n)) => format!("ổ cứng {found} < {n} GB"),
                Some(ConfigTerm::Ssd) => format!("ổ cứng {found}, không phải SSD"),
                None => format!("{found} không đạt {term}"),
            }
        }
    }
}

/// A test that could not be read and was counted as met (`year`, or a `min_config` term).
pub fn assumed_vi(a: &str, item: &Item) -> String {
    if a == "year" {
        return "không rõ năm sử dụng".into();
    }
    match item.min_config.iter().find(|t| t.to_string() == a) {
        Some(t) => format!("không đọc được {}", t.describe_vi()),
        None => format!("không đọc được {a}"),
    }
}

pub fn severity_vi(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Lỗi",
        Severity::Warning => "Cảnh báo",
    }
}

pub fn outcome_vi(o: Outcome) -> &'static str {
    match o {
        Outcome::Accepted => "Đã tổng hợp",
        Outcome::Superseded => "Bị thay thế bởi bản nộp khác",
        Outcome::Conflict => "Mâu thuẫn, không tổng hợp",
        Outcome::LeftOut => "Không tổng hợp được",
    }
}

/// Capitalise the first letter of a phrase.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Words that open the place part of an office's name (`ĐẢNG ỦY` | `PHƯỜNG BẾN NGHÉ`, `ỦY BAN
/// MẶT TRẬN TỔ QUỐC VIỆT NAM` | `THÀNH PHỐ HỒ CHÍ MINH`), in capitals. `XÃ` only when it is not
/// `XÃ HỘI` (`CHÍNH TRỊ - XÃ HỘI`).
const PLACE_WORDS: [&str; 8] = [
    "THÀNH PHỐ ",
    "PHƯỜNG ",
    "XÃ ",
    "ĐẶC KHU ",
    "THỊ XÃ ",
    "QUẬN ",
    "HUYỆN ",
    "TỈNH ",
];

/// Where the place part of an office's name (in capitals) begins: the byte offset of the
/// first place word that is not the name's first word, if any.
pub fn place_start(name: &str) -> Option<usize> {
    PLACE_WORDS
        .iter()
        .filter_map(|w| {
            name.match_indices(w).map(|(i, _)| i).find(|&i| {
                i > 0
                    && name[..i].ends_with(' ')
                    && !(w.starts_with("XÃ") && name[i..].starts_with("XÃ HỘI"))
            })
        })
        .min()
}

/// An office's name in capitals as lines of at most `per` characters for a letterhead: on one
/// line when it fits, else broken before its place part when that part and what precedes it
/// each fit ([`place_start`]), else filled line by line (`break_lines`).
pub fn letterhead_lines(name: &str, break_lines: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    let whole = break_lines(name);
    if whole.len() <= 1 {
        return whole;
    }
    match place_start(name) {
        Some(i) => {
            let (head, place) = (name[..i].trim_end(), &name[i..]);
            let mut lines = break_lines(head);
            lines.extend(break_lines(place));
            if lines.len() <= whole.len() {
                lines
            } else {
                whole
            }
        }
        None => whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        let cases = [
            (1, "I"),
            (2, "II"),
            (3, "III"),
            (4, "IV"),
            (5, "V"),
            (9, "IX"),
            (10, "X"),
            (14, "XIV"),
            (19, "XIX"),
            (39, "XXXIX"),
            (40, "XL"),
            (49, "XLIX"),
            (90, "XC"),
            (400, "CD"),
            (1994, "MCMXCIV"),
            (2025, "MMXXV"),
            (3999, "MMMCMXCIX"),
        ];
        for (n, r) in cases {
            assert_eq!(roman(n), r, "{n}");
        }
        assert_eq!(roman(0), "0");
        assert_eq!(roman(4000), "4000");
    }

    #[test]
    fn vietnamese_renderings() {
        assert_eq!(date_vi("2025-12-01"), "01/12/2025");
        assert_eq!(date_vi("soon"), "soon");
        assert_eq!(pct_vi(Decimal::new(85, 1)), "8,5");
        assert_eq!(pct_vi(Decimal::new(1000, 2)), "10");
        assert_eq!(capitalise("thay thế 1"), "Thay thế 1");
    }

    #[test]
    fn letterheads_break_before_the_place() {
        let fill =
            |per: usize| move |s: &str| crate::report::kit::break_lines(s, per as f64 / 1.05);
        let name = "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM THÀNH PHỐ HỒ CHÍ MINH";
        assert_eq!(
            letterhead_lines(name, fill(48)),
            ["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "THÀNH PHỐ HỒ CHÍ MINH"]
        );
        assert_eq!(letterhead_lines(name, fill(60)), [name]);
        assert_eq!(
            letterhead_lines("ĐẢNG ỦY PHƯỜNG BẾN NGHÉ", fill(12)),
            ["ĐẢNG ỦY", "PHƯỜNG BẾN", "NGHÉ"]
        );
        // `XÃ HỘI` is not a place; a name that opens with a place word is not broken there.
        let front = "BAN CHÍNH TRỊ - XÃ HỘI XÃ AN";
        assert_eq!(place_start(front), front.find("XÃ AN"));
        assert_eq!(place_start("PHƯỜNG BẾN NGHÉ"), None);
        assert_eq!(place_start("VĂN PHÒNG THÀNH ỦY"), None);
    }
}
