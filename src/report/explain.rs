//! `rasoat explain`: the chain of reasoning behind a unit's need lines.

use crate::catalog::Catalog;
use crate::cost::Estimate;
use crate::diag::Lang;

/// Explain every line of `unit` (or only `item`); `None` when the unit is unknown.
pub fn explain(_est: &Estimate, _catalog: &Catalog, _unit: &str, _item: Option<&str>, _lang: Lang) -> Option<String> {
    None
}
