//! The terminal summary of a run (SPEC §1): a table fitted to the terminal, or JSON.

use crate::catalog::Catalog;
use crate::cost::{money, Estimate};
use crate::diag::{Lang, Severity};
use serde_json::json;
use tabled::settings::{object::Columns, Alignment, Style, Width};
use tabled::{builder::Builder, settings::Modify};

/// Errors and warnings among the estimate's diagnostics.
pub fn counts(est: &Estimate) -> (usize, usize) {
    let e = est
        .needs
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    (e, est.needs.diagnostics.len() - e)
}

/// The summary as JSON (one object, stable keys).
pub fn json(est: &Estimate, catalog: &Catalog) -> String {
    let (errors, warnings) = counts(est);
    let n = &est.needs;
    let t = &est.totals;
    let by_channel: Vec<_> = t
        .by_channel
        .iter()
        .map(|c| {
            json!({"channel": c.channel, "label": catalog.channel_label(&c.channel), "quantity": c.quantity,
                   "total": money::to_string(c.total)})
        })
        .collect();
    let by_block: Vec<_> = t
        .by_block
        .iter()
        .map(|(b, v)| json!({"block": b.as_str(), "total": money::to_string(*v)}))
        .collect();
    let v = json!({
        "files": n.ledger.files,
        "units": n.ledger.units,
        "lines": n.lines.len(),
        "superseded": n.superseded.len(),
        "conflicts": n.conflicts.len(),
        "unclassified": n.unclassified.len(),
        "duplicates": n.duplicates.len(),
        "errors": errors,
        "warnings": warnings,
        "self_total": money::to_string(t.self_total.total),
        "in_words": t.in_words,
        "by_block": by_block,
        "by_channel": by_channel,
        "handover": handover(est, catalog)
            .map(|(c, file, q)| json!({"channel": c, "file": file, "quantity": q}))
            .collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// The hand-over lists `run` writes (SPEC §9): channel id, file name, devices it lists.
fn handover<'a>(
    est: &'a Estimate,
    catalog: &'a Catalog,
) -> impl Iterator<Item = (&'a str, String, u64)> + 'a {
    super::handover::channels(catalog).map(|c| {
        let q = est
            .totals
            .by_channel
            .iter()
            .find(|t| t.channel == c.id)
            .map_or(0, |t| t.quantity);
        (c.id.as_str(), super::handover::file_name(&c.id), q)
    })
}

fn fit(b: Builder, right_from: usize) -> String {
    let mut t = b.build();
    t.with(Style::rounded());
    for c in right_from..8 {
        t.with(Modify::new(Columns::one(c)).with(Alignment::right()));
    }
    if let Some(w) = super::terminal::width() {
        t.with(Width::wrap(w).keep_words(true));
    }
    t.to_string()
}

/// The summary as tables: totals by block, by channel, and the counts.
pub fn table(est: &Estimate, catalog: &Catalog, lang: Lang) -> String {
    let n = &est.needs;
    let t = &est.totals;
    let (errors, warnings) = counts(est);
    let mut out = String::new();

    let mut b = Builder::default();
    b.push_record([
        lang.pick("Block", "Khối"),
        lang.pick("Total (VND)", "Tổng (đồng)"),
    ]);
    for (blk, v) in &t.by_block {
        b.push_record([blk.label_vi().to_string(), money::format_vnd(*v)]);
    }
    b.push_record([
        lang.pick("Program estimate", "Dự toán chương trình")
            .to_string(),
        money::format_vnd(t.self_total.total),
    ]);
    out.push_str(&fit(b, 1));
    out.push('\n');

    let mut b = Builder::default();
    b.push_record([
        lang.pick("Channel", "Kênh mua sắm"),
        lang.pick("Quantity", "Số lượng"),
        lang.pick("Total (VND)", "Tổng (đồng)"),
    ]);
    for c in &t.by_channel {
        b.push_record([
            super::terminal::escape(catalog.channel_label(&c.channel)).into_owned(),
            c.quantity.to_string(),
            money::format_vnd(c.total),
        ]);
    }
    out.push_str(&fit(b, 1));
    out.push('\n');
    out.push_str(&format!(
        "{}: {}.\n",
        lang.pick("In words", "Bằng chữ"),
        t.in_words
    ));
    let lists: Vec<String> = handover(est, catalog)
        .map(|(_, file, q)| match lang {
            Lang::En => format!("{file} ({})", super::en_count(q, "device", "devices")),
            Lang::Vi => format!("{file} ({q} thiết bị)"),
        })
        .collect();
    if !lists.is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            lang.pick("Hand-over lists", "Danh sách bàn giao"),
            lists.join(", ")
        ));
    }
    out.push_str(&match lang {
        Lang::En => {
            let c = |n: usize, one: &str, many: &str| super::en_count(n as u64, one, many);
            format!(
                "{}, {}, {}; {} superseded, {}, {}, {}; {}, {}\n",
                c(n.ledger.files as usize, "file", "files"),
                c(n.ledger.units as usize, "unit", "units"),
                c(n.lines.len(), "need line", "need lines"),
                n.superseded.len(),
                c(n.conflicts.len(), "conflict", "conflicts"),
                c(n.unclassified.len(), "unclassified row", "unclassified rows"),
                c(n.duplicates.len(), "duplicate asset", "duplicate assets"),
                c(errors, "error", "errors"),
                c(warnings, "warning", "warnings")
            )
        }
        Lang::Vi => format!(
            "{} tệp, {} đơn vị, {} dòng nhu cầu; {} bản bị thay thế, {} xung đột, {} dòng chưa phân loại, {} tài sản trùng; {} lỗi, {} cảnh báo\n",
            n.ledger.files, n.ledger.units, n.lines.len(), n.superseded.len(), n.conflicts.len(),
            n.unclassified.len(), n.duplicates.len(), errors, warnings
        ),
    });
    out
}
