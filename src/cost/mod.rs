//! Costs (SPEC §5): exact amounts, VAT, contingency and totals — Dự toán kinh phí.
//!
//! Money is `rust_decimal`, exact; the only rounding is [`money::round`] (whole đồng, half away
//! from zero) where SPEC says. Every total is the exact sum of the rounded figures below it.

pub mod money;
pub mod words;

use crate::catalog::{Block, Catalog, Level, Price, SELF};
use crate::needs::Needs;
use foldhash::HashMap;
use rust_decimal::Decimal;
use thiserror::Error;

/// The money of one need line (`None` fields: the item has no price).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineCost {
    pub unit_price: Option<u64>,
    pub amount: Option<Decimal>,
    pub vat: Option<Decimal>,
    pub total: Option<Decimal>,
}

/// A unit's own estimate over its `self` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTotal {
    pub unit: String,
    pub amount: Decimal,
    pub vat: Decimal,
    pub contingency: Decimal,
    pub total: Decimal,
}

/// Quantities and money of one channel (no contingency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelTotal {
    pub channel: String,
    pub quantity: u64,
    pub amount: Decimal,
    pub vat: Decimal,
    pub total: Decimal,
}

/// The program's own estimate (`self` lines, contingency included).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SelfTotal {
    pub amount: Decimal,
    pub vat: Decimal,
    pub contingency: Decimal,
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub self_total: SelfTotal,
    pub in_words: String,
    pub by_channel: Vec<ChannelTotal>,
    pub by_block: Vec<(Block, Decimal)>,
    pub by_level: Vec<(Level, Decimal)>,
}

/// Needs with their money: the estimate Finance signs (dự toán).
#[derive(Debug, Clone)]
pub struct Estimate {
    pub needs: Needs,
    /// One per `needs.lines` entry, same order.
    pub costs: Vec<LineCost>,
    /// One per `needs.units` entry, same order.
    pub unit_totals: Vec<UnitTotal>,
    pub totals: Totals,
}

/// A priced need line named in an error: `UNIT / ITEM: quantity × price đồng`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRef {
    pub unit: String,
    pub item: String,
    pub quantity: u64,
    pub unit_price: u64,
}

impl LineRef {
    fn of(l: &crate::needs::NeedLine, p: &Price) -> LineRef {
        LineRef {
            unit: l.unit.to_string(),
            item: l.item_code.to_string(),
            quantity: l.quantity,
            unit_price: p.unit_price,
        }
    }
}

impl std::fmt::Display for LineRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let LineRef {
            unit,
            item,
            quantity,
            unit_price,
        } = self;
        write!(f, "{unit} / {item}: {quantity} × {unit_price} đồng")
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum CostError {
    #[error("the amount of {0} is too large to compute; check the quantity and the price")]
    Overflow(LineRef),
    #[error("the totals are too large to compute; check the quantities and prices")]
    TotalOverflow,
    #[error("the estimate reaches {total} đồng, more than 999999999999999 đồng, the most it can state in words and in a spreadsheet cell; its largest line is {line}; check the quantity and the price")]
    TooLarge { total: Decimal, line: LineRef },
}

impl CostError {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: crate::diag::Lang) -> String {
        match (self, lang) {
            (_, crate::diag::Lang::En) => self.to_string(),
            (CostError::Overflow(line), crate::diag::Lang::Vi) => format!(
                "thành tiền của {line} quá lớn, không tính được; kiểm tra số lượng và đơn giá"
            ),
            (CostError::TotalOverflow, crate::diag::Lang::Vi) => {
                "các tổng cộng quá lớn, không tính được; kiểm tra số lượng và đơn giá".to_string()
            }
            (CostError::TooLarge { total, line }, crate::diag::Lang::Vi) => format!(
                "dự toán lên tới {total} đồng, vượt 999999999999999 đồng, mức lớn nhất ghi được bằng chữ và trong ô bảng tính; dòng lớn nhất là {line}; kiểm tra số lượng và đơn giá"
            ),
        }
    }
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal, CostError> {
    a.checked_add(b).ok_or(CostError::TotalOverflow)
}

/// What `quantity` of an item at price `p` costs (SPEC §5): amount = quantity × price; VAT on
/// the amount, rounded to the đồng, unless the price includes it; total = amount + VAT.
/// `None` if a figure cannot be computed.
pub fn cost_of(quantity: u64, p: &Price, catalog: &Catalog) -> Option<LineCost> {
    cost_at(quantity, p.unit_price, p, catalog)
}

/// [`cost_of`] at `unit_price` rather than the price row's own (a `needs.json` states the
/// price it used; `plan` buys at that price), VAT as the price row `p` says.
pub fn cost_at(quantity: u64, unit_price: u64, p: &Price, catalog: &Catalog) -> Option<LineCost> {
    let amount = Decimal::from(quantity).checked_mul(Decimal::from(unit_price))?;
    let vat = if p.vat_included || quantity == 0 {
        Decimal::ZERO
    } else {
        money::round(amount.checked_mul(catalog.vat_of(p))? / Decimal::ONE_HUNDRED)
    };
    Some(LineCost {
        unit_price: Some(unit_price),
        amount: Some(amount),
        vat: Some(vat),
        total: Some(amount.checked_add(vat)?),
    })
}

/// A unit's contingency on the sum of its lines' totals (SPEC §5), rounded to the đồng.
pub fn contingency_on(sum: Decimal, catalog: &Catalog) -> Option<Decimal> {
    Some(money::round(
        sum.checked_mul(catalog.contingency_percent)? / Decimal::ONE_HUNDRED,
    ))
}

/// Cost every line and total them (SPEC §5).
pub fn estimate(needs: Needs, catalog: &Catalog) -> Result<Estimate, CostError> {
    let mut costs = Vec::with_capacity(needs.lines.len());
    for l in &needs.lines {
        let Some(p) = &catalog.prices[l.item] else {
            costs.push(LineCost::default());
            continue;
        };
        let cost = cost_of(l.quantity, p, catalog)
            .ok_or_else(|| CostError::Overflow(LineRef::of(l, p)))?;
        costs.push(cost);
    }

    // Per unit, over its self lines.
    let mut per_unit: HashMap<&str, (Decimal, Decimal, Decimal)> = HashMap::default();
    for (l, c) in needs.lines.iter().zip(&costs) {
        if &*l.channel != SELF {
            continue;
        }
        if let (Some(a), Some(v), Some(t)) = (c.amount, c.vat, c.total) {
            let e = per_unit.entry(&*l.unit).or_default();
            *e = (add(e.0, a)?, add(e.1, v)?, add(e.2, t)?);
        }
    }
    let mut unit_totals = Vec::with_capacity(needs.units.len());
    let mut self_total = SelfTotal::default();
    let mut by_block: Vec<(Block, Decimal)> =
        Block::ALL.iter().map(|&b| (b, Decimal::ZERO)).collect();
    let mut by_level: Vec<(Level, Decimal)> =
        Level::ALL.iter().map(|&l| (l, Decimal::ZERO)).collect();
    for u in &needs.units {
        let (amount, vat, sum) = per_unit
            .get(u.unit.code.as_str())
            .copied()
            .unwrap_or_default();
        let contingency = contingency_on(sum, catalog).ok_or(CostError::TotalOverflow)?;
        let total = add(sum, contingency)?;
        self_total.amount = add(self_total.amount, amount)?;
        self_total.vat = add(self_total.vat, vat)?;
        self_total.contingency = add(self_total.contingency, contingency)?;
        self_total.total = add(self_total.total, total)?;
        for (b, t) in by_block.iter_mut() {
            if *b == u.unit.block {
                *t = add(*t, total)?;
            }
        }
        for (lv, t) in by_level.iter_mut() {
            if *lv == u.unit.level {
                *t = add(*t, total)?;
            }
        }
        unit_totals.push(UnitTotal {
            unit: u.unit.code.clone(),
            amount,
            vat,
            contingency,
            total,
        });
    }

    let mut by_channel: Vec<ChannelTotal> = catalog
        .channels
        .iter()
        .map(|c| ChannelTotal {
            channel: c.id.clone(),
            quantity: 0,
            amount: Decimal::ZERO,
            vat: Decimal::ZERO,
            total: Decimal::ZERO,
        })
        .collect();
    for (l, c) in needs.lines.iter().zip(&costs) {
        if let Some(ch) = by_channel.iter_mut().find(|ch| *ch.channel == *l.channel) {
            ch.quantity = ch.quantity.saturating_add(l.quantity);
            if let (Some(a), Some(v), Some(t)) = (c.amount, c.vat, c.total) {
                ch.amount = add(ch.amount, a)?;
                ch.vat = add(ch.vat, v)?;
                ch.total = add(ch.total, t)?;
            }
        }
    }
    // No figure may reach 10^15 đồng: the total is stated in words up to there, and a
    // spreadsheet number cell holds 15 digits. Such a figure comes from an absurd quantity or
    // price, so the error names the largest line.
    let largest = by_channel
        .iter()
        .map(|c| c.total)
        .chain([self_total.total])
        .max()
        .unwrap_or_default();
    if largest > Decimal::from(words::MAX_WORDS) {
        let top = needs
            .lines
            .iter()
            .zip(&costs)
            .filter_map(|(l, c)| Some((c.total?, l, catalog.prices[l.item].as_ref()?)))
            .reduce(|a, b| if b.0 > a.0 { b } else { a });
        return Err(match top {
            Some((_, l, p)) => CostError::TooLarge {
                total: largest,
                line: LineRef::of(l, p),
            },
            None => CostError::TotalOverflow,
        });
    }
    let in_words = money::words(self_total.total);
    Ok(Estimate {
        needs,
        costs,
        unit_totals,
        totals: Totals {
            self_total,
            in_words,
            by_channel,
            by_block,
            by_level,
        },
    })
}
