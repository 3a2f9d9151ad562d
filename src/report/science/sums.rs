//! Sums of the need lines (SPEC §4 lines, §5 totals) per catalog item and per block and level, exact decimals of figures
//! the estimate computed (line totals, VAT included, no contingency).

use super::*;

/// Sums over the need lines of one item (or one block, level).
#[derive(Debug, Clone, Default)]
pub(super) struct Agg {
    pub(super) required: u64,
    pub(super) usable: u64,
    pub(super) unusable: u64,
    pub(super) gap: u64,
    pub(super) quantity: u64,
    pub(super) quantity_self: u64,
    /// Σ line totals over every channel (priced lines).
    pub(super) cost: Decimal,
    /// Σ line totals of `self` lines.
    pub(super) cost_self: Decimal,
    /// Quantity per catalog channel, in `[channels]` order.
    pub(super) per_channel: Vec<u64>,
}

impl Agg {
    pub(super) fn add(
        &mut self,
        l: &crate::needs::NeedLine,
        total: Option<Decimal>,
        catalog: &Catalog,
    ) {
        self.required = self.required.saturating_add(l.required);
        self.usable = self.usable.saturating_add(l.usable);
        self.unusable = self.unusable.saturating_add(l.unusable);
        self.gap = self.gap.saturating_add(l.gap);
        self.quantity = self.quantity.saturating_add(l.quantity);
        let own = &*l.channel == SELF;
        if own {
            self.quantity_self = self.quantity_self.saturating_add(l.quantity);
        }
        if let Some(t) = total {
            self.cost = plus(self.cost, t);
            if own {
                self.cost_self = plus(self.cost_self, t);
            }
        }
        if self.per_channel.len() != catalog.channels.len() {
            self.per_channel = vec![0; catalog.channels.len()];
        }
        if let Some(i) = catalog.channels.iter().position(|c| *c.id == *l.channel) {
            self.per_channel[i] = self.per_channel[i].saturating_add(l.quantity);
        }
    }

    pub(super) fn merge(&mut self, o: &Agg) {
        self.required = self.required.saturating_add(o.required);
        self.usable = self.usable.saturating_add(o.usable);
        self.unusable = self.unusable.saturating_add(o.unusable);
        self.gap = self.gap.saturating_add(o.gap);
        self.quantity = self.quantity.saturating_add(o.quantity);
        self.quantity_self = self.quantity_self.saturating_add(o.quantity_self);
        self.cost = plus(self.cost, o.cost);
        self.cost_self = plus(self.cost_self, o.cost_self);
    }
}

/// One aggregate per catalog item, in catalog order.
pub(super) fn per_item(est: &Estimate, catalog: &Catalog) -> Vec<Agg> {
    let mut v = vec![Agg::default(); catalog.items.len()];
    for (l, c) in est.needs.lines.iter().zip(&est.costs) {
        if let Some(a) = v.get_mut(l.item) {
            a.add(l, c.total, catalog);
        }
    }
    v
}

/// The aggregate of the lines whose owner is in `block` (and `level`, when given).
/// Sums by block and by block and level, in one pass over the lines (a national run has a
/// million of them).
pub(super) struct ByBlock {
    pub(super) block: Vec<Agg>,
    pub(super) level: Vec<Agg>,
}

impl ByBlock {
    pub(super) fn new(est: &Estimate, catalog: &Catalog) -> ByBlock {
        let nl = Level::ALL.len();
        let mut by = ByBlock {
            block: vec![Agg::default(); Block::ALL.len()],
            level: vec![Agg::default(); Block::ALL.len() * nl],
        };
        for (l, c) in est.needs.lines.iter().zip(&est.costs) {
            let Some(b) = Block::ALL.iter().position(|&b| b == l.block) else {
                continue;
            };
            by.block[b].add(l, c.total, catalog);
            if let Some(lv) = Level::ALL.iter().position(|&lv| lv == l.level) {
                by.level[b * nl + lv].add(l, c.total, catalog);
            }
        }
        by
    }

    /// The sums of `block`, or of `block` at `level`.
    pub(super) fn get(&self, block: Block, level: Option<Level>) -> Agg {
        let b = Block::ALL.iter().position(|&x| x == block);
        let found = match (b, level) {
            (Some(b), None) => self.block.get(b),
            (Some(b), Some(level)) => Level::ALL
                .iter()
                .position(|&x| x == level)
                .and_then(|lv| self.level.get(b * Level::ALL.len() + lv)),
            (None, _) => None,
        };
        found.cloned().unwrap_or_default()
    }
}

/// `Đơn vị tự mua sắm: 12; Công an Thành phố trang bị: 3` (channels with something to buy).
pub(super) fn channels_text(a: &Agg, catalog: &Catalog) -> String {
    let parts: Vec<String> = catalog
        .channels
        .iter()
        .zip(&a.per_channel)
        .filter(|(_, &q)| q > 0)
        .map(|(c, q)| format!("{}: {q}", c.label))
        .collect();
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join("\n")
    }
}
