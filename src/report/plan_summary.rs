//! The terminal summary of `rasoat plan` (SPEC §11): the years table, or JSON.

use crate::cost::money;
use crate::diag::Lang;
use crate::plan::Plan;
use serde_json::json;
use tabled::builder::Builder;
use tabled::settings::{object::Columns, Alignment, Modify, Style, Width};

/// The summary as JSON: the budget, the years and the totals of `plan.json`, and how many
/// devices no year funds.
pub fn json(plan: &Plan) -> String {
    let v = json!({
        "budget": money::to_string(plan.budget),
        "years": plan.years,
        "totals": plan.totals,
        "unfunded_quantity": plan.unfunded_quantity(),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// The years table: one row per year, a total row, then what is left unfunded.
pub fn table(plan: &Plan, lang: Lang) -> String {
    let mut b = Builder::default();
    b.push_record([
        lang.pick("Year", "Năm"),
        lang.pick("Devices", "Số lượng"),
        lang.pick("Amount", "Thành tiền"),
        lang.pick("VAT", "Thuế GTGT"),
        lang.pick("Contingency", "Dự phòng"),
        lang.pick("Total", "Cộng"),
        lang.pick("Left of budget", "Còn lại"),
    ]);
    let v = money::format_vnd;
    let mut sum = [rust_decimal::Decimal::ZERO; 5];
    let mut quantity = 0u64;
    for y in &plan.years {
        b.push_record([
            y.year.to_string(),
            y.quantity.to_string(),
            v(y.amount),
            v(y.vat),
            v(y.contingency),
            v(y.total),
            v(y.left),
        ]);
        quantity = quantity.saturating_add(y.quantity);
        for (s, x) in sum
            .iter_mut()
            .zip([y.amount, y.vat, y.contingency, y.total, y.left])
        {
            *s = money::plus(*s, x);
        }
    }
    b.push_record([
        lang.pick("Total", "Cộng").to_string(),
        quantity.to_string(),
        v(sum[0]),
        v(sum[1]),
        v(sum[2]),
        v(sum[3]),
        v(sum[4]),
    ]);
    let mut out = String::new();
    let mut t = b.build();
    t.with(Style::rounded());
    t.with(Modify::new(Columns::new(1..)).with(Alignment::right()));
    if let Some(w) = super::terminal::width() {
        t.with(Width::wrap(w).keep_words(true));
    }
    out.push_str(&t.to_string());
    out.push('\n');
    let (n, u) = (plan.unfunded_quantity(), plan.totals.unfunded);
    out.push_str(&match lang {
        Lang::En => format!(
            "Budget {} đồng a year, contingency included. Funded {} đồng; not funded: {}, {} đồng (VAT included, no contingency).\n",
            v(plan.budget),
            v(plan.totals.funded),
            super::en_count(n, "device", "devices"),
            v(u)
        ),
        Lang::Vi => format!(
            "Ngân sách mỗi năm {} đồng, gồm dự phòng. Đã bố trí {} đồng; chưa bố trí: {n} thiết bị, {} đồng (gồm thuế GTGT, chưa gồm dự phòng).\n",
            v(plan.budget),
            v(plan.totals.funded),
            v(u)
        ),
    });
    out
}
