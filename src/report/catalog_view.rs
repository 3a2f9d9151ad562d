//! `rasoat catalog show` (SPEC §1, §2): the catalog as a table or as JSON.

use super::terminal::escape;
use crate::catalog::{Block, Catalog, Level};
use crate::cost::money;
use crate::diag::Lang;
use serde_json::json;
use tabled::builder::Builder;
use tabled::settings::{Style, Width};

/// Channels an item is routed to, over the blocks and levels it applies to.
fn channels_of(c: &Catalog, i: usize) -> Vec<String> {
    let it = &c.items[i];
    let mut out: Vec<String> = Vec::new();
    for b in Block::ALL {
        for l in Level::ALL {
            if it.applies_to(b, l) {
                let ch = c.route(i, b, l).0.to_string();
                if !out.contains(&ch) {
                    out.push(ch);
                }
            }
        }
    }
    out
}

/// The whole catalog as JSON: header, channels, items (with price), routing rows.
pub fn json(c: &Catalog) -> String {
    let items: Vec<_> = c
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let mut v = serde_json::to_value(it).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                o.insert(
                    "price".into(),
                    serde_json::to_value(&c.prices[i]).unwrap_or_default(),
                );
                o.insert("channels".into(), json!(channels_of(c, i)));
            }
            v
        })
        .collect();
    let v = json!({
        "name": c.name,
        "effective": c.effective,
        "reference_year": c.reference_year,
        "currency": c.currency,
        "vat_percent": c.vat_percent.normalize().to_string(),
        "contingency_percent": c.contingency_percent.normalize().to_string(),
        "channels": c.channels,
        "items": items,
        "routes": c.routes,
        "documents": c.documents,
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// The items as a terminal table, fitted to the terminal width.
pub fn table(c: &Catalog, lang: Lang) -> String {
    let mut b = Builder::default();
    b.push_record([
        lang.pick("Code", "Mã"),
        lang.pick("Name", "Tên"),
        lang.pick("Norm", "Định mức"),
        lang.pick("Price", "Đơn giá"),
        "VAT",
        lang.pick("Channel", "Kênh"),
        lang.pick("Life", "Số năm SD"),
        lang.pick("Priority", "Ưu tiên"),
    ]);
    for (i, it) in c.items.iter().enumerate() {
        let norm = format!(
            "{} / {}{}{}",
            it.norm_qty,
            it.basis.as_str(),
            if it.norm_min > 0 {
                format!(", min {}", it.norm_min)
            } else {
                String::new()
            },
            it.norm_max
                .map(|m| format!(", max {m}"))
                .unwrap_or_default()
        );
        let (price, vat) = match &c.prices[i] {
            Some(p) => (
                money::format_vnd(p.unit_price.into()),
                if p.vat_included {
                    lang.pick("incl.", "đã gồm").to_string()
                } else {
                    format!("+{}%", c.vat_of(p).normalize())
                },
            ),
            None => ("—".into(), "—".into()),
        };
        // Catalog texts come from files too: shown, never obeyed by the terminal.
        b.push_record([
            escape(&it.code).into_owned(),
            escape(&it.name).into_owned(),
            norm,
            price,
            vat,
            escape(&channels_of(c, i).join(", ")).into_owned(),
            it.useful_life_years
                .map(|l| l.to_string())
                .unwrap_or_else(|| "—".into()),
            it.priority.to_string(),
        ]);
    }
    let mut t = b.build();
    t.with(Style::rounded());
    if let Some(w) = super::terminal::width() {
        t.with(Width::wrap(w).keep_words(true));
    }
    format!(
        "{}\n{} — {} {}\n",
        t,
        escape(&c.name),
        lang.pick("effective", "hiệu lực từ"),
        c.effective
    )
}
