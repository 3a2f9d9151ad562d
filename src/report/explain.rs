//! `rasoat explain` (SPEC §1, §4, §5): the chain of reasoning behind a unit's need lines, in plain words, so a
//! finance officer can defend every number.

use super::terminal::{escape as esc, escape_keeping_lines};
use crate::catalog::{Basis, Catalog};
use crate::cost::{money, Estimate, LineCost};
use crate::diag::Lang;
use crate::needs::{NeedLine, Reason};
use std::fmt::Write;

fn reason_text(r: &Reason, lang: Lang) -> String {
    match (r, lang) {
        (Reason::Condition { condition }, Lang::En) => {
            format!("condition {}", serde_plain(condition))
        }
        (Reason::Condition { condition }, Lang::Vi) => match serde_plain(condition).as_str() {
            "broken" => "hỏng".into(),
            _ => "cũ, xuống cấp".into(),
        },
        (Reason::TooOld { year, age, life }, Lang::En) => {
            format!("{age} years old (in use since {year}) ≥ useful life {life}")
        }
        (Reason::TooOld { year, age, life }, Lang::Vi) => {
            format!("đã sử dụng {age} năm (từ {year}) ≥ thời gian sử dụng {life} năm")
        }
        (Reason::Config { term, found }, Lang::En) => format!("{found} does not meet {term}"),
        (Reason::Config { term, found }, Lang::Vi) => format!("{found} không đạt {term}"),
    }
}

fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn basis_text(b: Basis, lang: Lang) -> &'static str {
    match (b, lang) {
        (Basis::Staff, Lang::En) => "per staff member",
        (Basis::Staff, Lang::Vi) => "cho mỗi cán bộ",
        (Basis::Leader, Lang::En) => "per leader",
        (Basis::Leader, Lang::Vi) => "cho mỗi lãnh đạo",
        (Basis::Unit, Lang::En) => "per unit",
        (Basis::Unit, Lang::Vi) => "cho mỗi đơn vị",
        (Basis::Site, Lang::En) => "per headquarters",
        (Basis::Site, Lang::Vi) => "cho mỗi trụ sở",
    }
}

fn explain_line(
    est: &Estimate,
    catalog: &Catalog,
    l: &NeedLine,
    c: &LineCost,
    lang: Lang,
    out: &mut String,
) {
    let it = &catalog.items[l.item];
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let _ = writeln!(out, "\n{} — {}", it.code, it.name);
    if l.site_units.len() > 1 || it.basis == Basis::Site {
        let _ = writeln!(
            out,
            "  {} {}: {} ({} {})",
            t("site", "trụ sở"),
            l.site,
            l.site_units.join(", "),
            t("line owned by", "dòng thuộc"),
            l.unit
        );
    }
    // required
    if l.not_applicable {
        let _ = writeln!(
            out,
            "  {}",
            t(
                "required 0: the item does not apply to this unit's block and level",
                "tiêu chuẩn 0: thiết bị không áp dụng cho khối, cấp của đơn vị"
            )
        );
    } else {
        let who = match (it.basis, lang) {
            (Basis::Staff, Lang::En) => format!(" × {} staff", l.basis_count),
            (Basis::Staff, Lang::Vi) => format!(" × {} cán bộ", l.basis_count),
            (Basis::Leader, Lang::En) => format!(" × {} leaders", l.basis_count),
            (Basis::Leader, Lang::Vi) => format!(" × {} lãnh đạo", l.basis_count),
            _ => String::new(),
        };
        let raw = it.norm_qty.ceil_mul(l.basis_count);
        let mut clamp = String::new();
        if raw < it.norm_min {
            let _ = write!(
                clamp,
                ", {} {}",
                t("raised to the minimum", "nâng lên mức tối thiểu"),
                it.norm_min
            );
        }
        if let Some(m) = it.norm_max {
            if raw > m {
                let _ = write!(
                    clamp,
                    ", {} {m}",
                    t("capped at the maximum", "giới hạn ở mức tối đa")
                );
            }
        }
        let _ = writeln!(
            out,
            "  {} {}: {} {} {}{who} → {} {raw}{clamp}",
            t("required", "tiêu chuẩn"),
            l.required,
            t("norm", "định mức"),
            it.norm_qty,
            basis_text(it.basis, lang),
            t("rounded up", "làm tròn lên"),
        );
    }
    // counted rows
    let rows: Vec<_> = est
        .needs
        .assessments
        .iter()
        .filter(|a| {
            a.item == l.item
                && est
                    .needs
                    .source(a)
                    .is_some_and(|u| l.site_units.iter().any(|s| **s == *u.unit.code))
        })
        .collect();
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            t(
                "no counted rows of this item",
                "không có dòng hiện trạng nào của thiết bị này"
            )
        );
    }
    for a in rows {
        let (file, sheet) = est
            .needs
            .source(a)
            .map(|u| (u.file.as_str(), u.sheet.as_deref()))
            .unwrap_or(("", None));
        let where_ = format!(
            "{} {}{} {}",
            esc(file),
            sheet.map(|s| format!("{} ", esc(s))).unwrap_or_default(),
            t("row", "dòng"),
            a.row
        );
        let reasons = a.reasons(catalog, est.needs.as_of);
        let assumed = a.assumed(catalog);
        let verdict = if a.usable() {
            t("usable", "còn dùng được").to_string()
        } else {
            format!(
                "{}: {}",
                t("not usable", "không dùng được"),
                reasons
                    .iter()
                    .map(|r| reason_text(r, lang))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        };
        let assumed = if assumed.is_empty() {
            String::new()
        } else {
            format!(
                " ({} {})",
                t("assumed met:", "coi như đạt:"),
                assumed.join(", ")
            )
        };
        let _ = writeln!(
            out,
            "  - {where_}: '{}' × {} — {verdict}{assumed}",
            esc(&a.name),
            a.quantity
        );
    }
    let _ = writeln!(
        out,
        "  {} {}, {} {} → {} = max(0, {} − {}) = {}; {} = min({}, {}) = {}; {} = {}",
        t("usable", "còn dùng được"),
        l.usable,
        t("unusable", "không dùng được"),
        l.unusable,
        t("gap", "thiếu"),
        l.required,
        l.usable,
        l.gap,
        t("replace", "thay thế"),
        l.gap,
        l.unusable,
        l.replace,
        t("new", "mua mới"),
        l.new
    );
    match l.requested {
        Some(r) => {
            let _ = writeln!(
                out,
                "  {} {r} → {} = min({r}, {}) = {}; {} = {}",
                t("requested", "đề xuất"),
                t("quantity", "số lượng"),
                l.gap,
                l.quantity,
                t("excess over the norm", "vượt định mức"),
                l.excess
            );
        }
        None => {
            let _ = writeln!(
                out,
                "  {} → {} = {}",
                t("no request", "không có đề xuất"),
                t("quantity = gap", "số lượng = thiếu"),
                l.quantity
            );
        }
    }
    let route = match l.route.and_then(|i| catalog.routes.get(i)) {
        Some(r) => format!("{} ({})", r.describe(), r.basis),
        None => t(
            "no routing row matched: the unit buys it itself",
            "không có dòng phân luồng nào khớp: đơn vị tự mua sắm",
        )
        .to_string(),
    };
    let _ = writeln!(
        out,
        "  {} {} — {}; {route}",
        t("channel", "kênh"),
        l.channel,
        catalog.channel_label(&l.channel)
    );
    if let (Some(p), Some(a), Some(v), Some(tot)) = (c.unit_price, c.amount, c.vat, c.total) {
        let vat_note = match &catalog.prices[l.item] {
            Some(pr) if pr.vat_included => {
                t("VAT (included in the price)", "VAT (đã gồm trong đơn giá)").to_string()
            }
            Some(pr) => format!("VAT {}%", catalog.vat_of(pr).normalize()),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "  {} {} × {} = {}; {vat_note}: {}; {} {}",
            t("cost", "kinh phí"),
            l.quantity,
            money::format_vnd(p.into()),
            money::format_vnd(a),
            money::format_vnd(v),
            t("total", "cộng"),
            money::format_vnd(tot)
        );
    } else {
        let _ = writeln!(
            out,
            "  {}",
            t("no price in the catalog", "danh mục không có đơn giá")
        );
    }
}

/// Explain every line of `unit` (or only `item`); `None` when the unit has no accepted submission.
pub fn explain(
    est: &Estimate,
    catalog: &Catalog,
    unit: &str,
    item: Option<&str>,
    lang: Lang,
) -> Option<String> {
    let u = est.needs.unit(unit.trim())?;
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let mut out = String::new();
    let un = &u.unit;
    let _ = writeln!(
        out,
        "{} {} — {} ({}, {}); {} {}; {} {}, {} {}; {} {} ({} {})",
        t("Unit", "Đơn vị"),
        esc(&un.code),
        esc(&un.name),
        un.block.as_str(),
        un.level.as_str(),
        t("site", "trụ sở"),
        esc(&un.site),
        un.staff,
        t("staff", "cán bộ"),
        un.leaders,
        t("leaders", "lãnh đạo"),
        t("file", "tệp"),
        esc(&u.file),
        t("revision", "lần nộp"),
        un.revision
    );
    for s in est.needs.superseded.iter().filter(|s| s.unit == un.code) {
        let _ = writeln!(
            out,
            "  {} {} {}",
            esc(&s.file),
            t("superseded by", "được thay bằng"),
            esc(&s.by)
        );
    }
    for d in est.needs.duplicates.iter().filter(|d| d.unit == un.code) {
        let _ = writeln!(
            out,
            "  {} '{}' ({} {}) {} {} {} {}",
            t("asset", "tài sản"),
            esc(&d.asset_id),
            t("row", "dòng"),
            d.row,
            t(
                "not counted again: first counted in",
                "không tính lại: đã tính ở"
            ),
            esc(&d.first.file),
            t("row", "dòng"),
            d.first.row
        );
    }
    let want = item.map(|i| i.trim().to_uppercase());
    let mut any = false;
    for (l, c) in est.needs.lines.iter().zip(&est.costs) {
        if !l.site_units.iter().any(|s| **s == *un.code) {
            continue;
        }
        if let Some(w) = &want {
            if l.item_code.to_uppercase() != *w {
                continue;
            }
        }
        any = true;
        explain_line(est, catalog, l, c, lang, &mut out);
    }
    if !any {
        let _ = writeln!(
            out,
            "\n{}",
            t(
                "no need line for this item: it does not apply to the unit",
                "không có dòng nhu cầu: thiết bị không áp dụng cho đơn vị"
            )
        );
    }
    if item.is_none() {
        if let Some(ut) = est.unit_totals.iter().find(|x| x.unit == un.code) {
            let _ = writeln!(
                out,
                "\n{}: {} + VAT {} + {} {} = {}",
                t(
                    "Unit estimate (channel self)",
                    "Dự toán của đơn vị (tự mua sắm)"
                ),
                money::format_vnd(ut.amount),
                money::format_vnd(ut.vat),
                t("contingency", "dự phòng"),
                money::format_vnd(ut.contingency),
                money::format_vnd(ut.total)
            );
        }
    }
    // Every other control character, in text from files that no field above escaped.
    Some(escape_keeping_lines(&out).into_owned())
}
