//! The terminal table of `rasoat diff` (SPEC §10), in English or Vietnamese: a note when the
//! two files come from different catalogs or years, the totals old/new/change (the program's
//! estimate, each block, each channel), the counts, then every changed unit with its changed
//! lines (quantity and money changes with their sign, the fields that changed). Fitted to the
//! terminal's width.
//!
//! Text from the files (names, codes, file names) goes through [`escape`]: a unit named with
//! terminal control sequences must not drive the terminal.

use crate::cost::money;
use crate::diag::Lang;
use crate::diff::{Change, Diff, LineDiff, Status, UnitDiff};
use rust_decimal::Decimal;
use std::borrow::Cow;
use tabled::builder::Builder;
use tabled::settings::{object::Columns, Alignment, Modify, Style, Width};

/// `s` with every control character written as `\u{…}` (so `\x1b[31m` shows as text).
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// The first line when the files come from different catalogs or count ages as of different
/// years: they are compared all the same (SPEC §10).
pub fn note(d: &Diff<'_>, lang: Lang) -> Option<String> {
    let (o, n) = (&d.old, &d.new);
    let catalogs = d.catalogs_differ().then(|| {
        let c = |s: &crate::diff::Side<'_>| {
            format!(
                "“{}”, {} {}",
                escape(s.catalog.name),
                lang.pick("effective", "áp dụng từ"),
                escape(s.catalog.effective)
            )
        };
        match lang {
            Lang::En => format!("different catalogs (old: {}; new: {})", c(o), c(n)),
            Lang::Vi => format!(
                "danh mục khác nhau (lần trước: {}; lần này: {})",
                c(o),
                c(n)
            ),
        }
    });
    let years = d.years_differ().then(|| match lang {
        Lang::En => format!(
            "ages counted as of different years (old: {}; new: {})",
            o.as_of, n.as_of
        ),
        Lang::Vi => format!(
            "năm tính thời gian sử dụng khác nhau (lần trước: {}; lần này: {})",
            o.as_of, n.as_of
        ),
    });
    let what: Vec<String> = catalogs.into_iter().chain(years).collect();
    if what.is_empty() {
        return None;
    }
    Some(match lang {
        Lang::En => format!(
            "Note: the two files were made with {}; they are compared all the same.",
            what.join(" and ")
        ),
        Lang::Vi => format!(
            "Lưu ý: hai tệp được lập với {}; vẫn so sánh như bình thường.",
            what.join(" và ")
        ),
    })
}

/// A change with its sign: `+13.960.001`, `-700.000.000`, `0`.
pub fn signed_vnd(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{}", money::format_vnd(d))
    } else {
        money::format_vnd(d)
    }
}

fn signed_count(n: i128) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

pub fn status_text(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Added, Lang::En) => "added",
        (Status::Removed, Lang::En) => "removed",
        (Status::Changed, Lang::En) => "changed",
        (Status::Added, Lang::Vi) => "thêm mới",
        (Status::Removed, Lang::Vi) => "bị bỏ",
        (Status::Changed, Lang::Vi) => "thay đổi",
    }
}

/// A field of SPEC §10 in words: the JSON name in English, the Finance term in Vietnamese.
pub fn field_text(f: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return f;
    }
    match f {
        "required" => "định mức",
        "usable" => "dùng được",
        "unusable" => "không dùng được",
        "gap" => "còn thiếu",
        "replace" => "thay thế",
        "new" => "mua mới",
        "requested" => "đề xuất",
        "excess" => "vượt nhu cầu",
        "quantity" => "số lượng",
        "channel" => "kênh mua sắm",
        "unit_price" => "đơn giá",
        "total" => "thành tiền",
        "staff" => "số cán bộ",
        "leaders" => "số lãnh đạo",
        "revision" => "lần nộp",
        "file" => "tệp",
        other => other,
    }
}

/// What changed in a unit, with the old and new values: `staff 12 → 14; total 1.000 → 2.000`.
pub fn unit_changes(u: &UnitDiff<'_>, lang: Lang) -> String {
    let (Some(a), Some(b)) = (u.old_unit, u.new_unit) else {
        return String::new();
    };
    let opt = |d: Option<Decimal>| d.map_or_else(|| "null".to_string(), money::format_vnd);
    u.fields
        .iter()
        .map(|f| {
            let (x, y) = match *f {
                "staff" => (a.staff.to_string(), b.staff.to_string()),
                "leaders" => (a.leaders.to_string(), b.leaders.to_string()),
                "revision" => (a.revision.to_string(), b.revision.to_string()),
                "file" => (escape(&a.file).into_owned(), escape(&b.file).into_owned()),
                _ => (opt(u.old_total), opt(u.new_total)),
            };
            let name = if *f == "total" {
                lang.pick("total", "tổng kinh phí")
            } else {
                field_text(f, lang)
            };
            format!("{name} {x} → {y}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What changed in a line: its fields, and the channels when the channel changed.
pub fn line_changes(l: &LineDiff<'_>, lang: Lang) -> String {
    let mut s = l
        .fields
        .iter()
        .map(|f| field_text(f, lang))
        .collect::<Vec<_>>()
        .join(", ");
    if let (Some(a), Some(b)) = (l.old_channel, l.new_channel) {
        if a != b {
            s.push_str(&format!(" ({} → {})", escape(a), escape(b)));
        }
    }
    s
}

/// Columns a table of this width needs: each column's widest line, plus borders and padding.
fn widths(rows: &[Vec<String>]) -> Vec<usize> {
    let mut w: Vec<usize> = Vec::new();
    for r in rows {
        for (c, cell) in r.iter().enumerate() {
            let n = cell.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            match w.get_mut(c) {
                Some(x) => *x = (*x).max(n),
                None => w.push(n),
            }
        }
    }
    w
}

/// The rows as a rounded table, columns `right` aligned right. When the terminal is narrower
/// than the table, text columns wrap, each step of `shrink` (column, narrowest width) taken in
/// turn until the table fits: figures are never cut in the middle.
fn fit(rows: Vec<Vec<String>>, right: std::ops::Range<usize>, shrink: &[(usize, usize)]) -> String {
    let mut w = widths(&rows);
    let mut b = Builder::default();
    for r in rows {
        b.push_record(r);
    }
    let mut t = b.build();
    t.with(Style::rounded());
    for c in right {
        t.with(Modify::new(Columns::one(c)).with(Alignment::right()));
    }
    if let Some(term) = super::terminal::width() {
        // Each column adds a border and two spaces of padding; the table one more border.
        let natural = w.clone();
        let total = w.iter().map(|x| x + 3).sum::<usize>() + 1;
        let mut excess = total.saturating_sub(term);
        for &(c, min) in shrink {
            if let Some(x) = w.get_mut(c) {
                let give = excess.min(x.saturating_sub(min));
                *x -= give;
                excess -= give;
            }
        }
        for (c, (x, n)) in w.iter().zip(&natural).enumerate() {
            if x < n {
                t.with(Modify::new(Columns::one(c)).with(Width::wrap(*x).keep_words(true)));
            }
        }
    }
    t.to_string()
}

fn totals_table<K>(
    head: &str,
    rows: impl Iterator<Item = (K, Change)>,
    label: impl Fn(K) -> String,
    lang: Lang,
) -> String {
    let mut out = vec![vec![
        head.to_string(),
        lang.pick("Old (VND)", "Lần trước (đồng)").to_string(),
        lang.pick("New (VND)", "Lần này (đồng)").to_string(),
        lang.pick("Change", "Chênh lệch").to_string(),
    ]];
    for (k, c) in rows {
        out.push(vec![
            label(k),
            money::format_vnd(c.old),
            money::format_vnd(c.new),
            signed_vnd(c.delta),
        ]);
    }
    fit(out, 1..4, &[(0, 16)])
}

/// The whole table output.
pub fn table(d: &Diff<'_>, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(n) = note(d, lang) {
        // Wrapped at spaces on a narrow terminal, like the tables below it.
        let lines = match super::terminal::width() {
            Some(w) => super::kit::break_lines(&n, w as f64 / 1.05),
            None => vec![n],
        };
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    let program = lang.pick(
        "Program estimate (incl. contingency)",
        "Dự toán chương trình (gồm dự phòng)",
    );
    let blocks = std::iter::once((None, d.totals.self_))
        .chain(d.totals.by_block.iter().map(|(b, c)| (Some(*b), *c)));
    out.push_str(&totals_table(
        lang.pick("Estimate", "Dự toán"),
        blocks,
        |b| b.map_or(program.to_string(), |b| b.label_vi().to_string()),
        lang,
    ));
    out.push('\n');
    out.push_str(&totals_table(
        lang.pick(
            "Channel (VAT incl., no contingency)",
            "Kênh mua sắm (gồm thuế, chưa gồm dự phòng)",
        ),
        d.totals.by_channel.iter().map(|(k, c)| (*k, *c)),
        |k| escape(k).into_owned(),
        lang,
    ));
    out.push('\n');
    let s = &d.summary;
    out.push_str(&match lang {
        Lang::En => format!(
            "Units: {} changed, {} added, {} removed.\nNeed lines: {} changed, {} added, {} removed.\n",
            s.units_changed, s.units_added, s.units_removed, s.lines_changed, s.lines_added, s.lines_removed
        ),
        Lang::Vi => format!(
            "Đơn vị: {} thay đổi, {} thêm mới, {} bị bỏ.\nDòng nhu cầu: {} thay đổi, {} thêm mới, {} bị bỏ.\n",
            s.units_changed, s.units_added, s.units_removed, s.lines_changed, s.lines_added, s.lines_removed
        ),
    });
    if !d.differs() {
        out.push_str(lang.pick("No differences.\n", "Không có khác biệt.\n"));
        return out;
    }
    if d.units.is_empty() {
        return out;
    }
    out.push_str(&units_table(d, lang));
    out.push('\n');
    out
}

/// Every changed unit, then its changed lines under it.
fn units_table(d: &Diff<'_>, lang: Lang) -> String {
    let head = [
        lang.pick("Unit / item", "Đơn vị / thiết bị"),
        lang.pick("Status", "Trạng thái"),
        lang.pick("Quantity", "Số lượng"),
        lang.pick("± quantity", "± số lượng"),
        lang.pick("± total (VND)", "± tiền (đồng)"),
        lang.pick("What changed", "Nội dung thay đổi"),
    ];
    let mut rows = vec![head.map(str::to_string).to_vec()];
    let qty = |q: Option<u64>| q.map_or_else(|| "–".to_string(), |q| q.to_string());
    for u in &d.units {
        rows.push(vec![
            format!("{} {}", escape(u.code), escape(u.name())),
            status_text(u.status, lang).to_string(),
            String::new(),
            String::new(),
            signed_vnd(u.delta_total),
            unit_changes(u, lang),
        ]);
        for l in &u.lines {
            rows.push(vec![
                format!("  {}", escape(l.item)),
                status_text(l.status, lang).to_string(),
                format!("{} → {}", qty(l.old_quantity), qty(l.new_quantity)),
                signed_count(l.delta_quantity),
                signed_vnd(l.delta_total),
                line_changes(l, lang),
            ]);
        }
    }
    fit(rows, 2..5, &[(5, 30), (0, 18), (5, 14), (0, 14)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(escape("Đảng ủy"), "Đảng ủy");
        assert_eq!(escape("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\u{a}");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed_vnd(Decimal::from(13_960_001)), "+13.960.001");
        assert_eq!(signed_vnd(Decimal::from(-700_000_000)), "-700.000.000");
        assert_eq!(signed_vnd(Decimal::ZERO), "0");
        assert_eq!(signed_count(2), "+2");
        assert_eq!(signed_count(-1), "-1");
        assert_eq!(signed_count(0), "0");
    }
}
