//! From a `needs.json` to what the roadmap phases (SPEC §11): the file must name the catalog
//! in use (`catalog.name` and `catalog.effective`); its priced `self` lines with something to
//! buy become [`Demand`]s at the price the file states.

use super::{Demand, PlanUnit, Request};
use crate::catalog::{Catalog, SELF};
use crate::diag::Lang;
use crate::needs_json::NeedsFile;
use thiserror::Error;

/// A needs.json that does not fit the catalog in use.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum MismatchError {
    #[error("{file} was computed with the catalog \"{file_name}\" effective {file_effective}, but the catalog in use is \"{name}\" effective {effective}; give --catalog the folder of the catalog the needs were computed with, or compute them again with rasoat run --catalog")]
    OtherCatalog {
        file: String,
        file_name: String,
        file_effective: String,
        name: String,
        effective: String,
    },
    #[error("{file}: `lines[{index}].item` {item} is not an item of the catalog in use; give --catalog the folder of the catalog the needs were computed with")]
    UnknownItem {
        file: String,
        index: usize,
        item: String,
    },
    #[error("{file}: `lines[{index}].unit_price` is not a price rasoat writes (at most 999999999999999 đồng); compute the needs again with rasoat run")]
    Price { file: String, index: usize },
}

impl MismatchError {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (
                MismatchError::OtherCatalog {
                    file,
                    file_name,
                    file_effective,
                    name,
                    effective,
                },
                Lang::Vi,
            ) => format!(
                "{file} được lập theo danh mục \"{file_name}\" áp dụng từ {file_effective}, còn danh mục đang dùng là \"{name}\" áp dụng từ {effective}; ghi --catalog là thư mục danh mục đã dùng để lập nhu cầu, hoặc lập lại nhu cầu bằng rasoat run --catalog"
            ),
            (MismatchError::UnknownItem { file, index, item }, Lang::Vi) => format!(
                "{file}: `lines[{index}].item` {item} không có trong danh mục đang dùng; ghi --catalog là thư mục danh mục đã dùng để lập nhu cầu"
            ),
            (MismatchError::Price { file, index }, Lang::Vi) => format!(
                "{file}: `lines[{index}].unit_price` không phải đơn giá rasoat ghi (tối đa 999999999999999 đồng); lập lại nhu cầu bằng rasoat run"
            ),
        }
    }
}

/// The units and the priced `self` lines with quantity > 0 of `nf`, which `file` names.
pub fn request(nf: &NeedsFile, catalog: &Catalog, file: &str) -> Result<Request, MismatchError> {
    if nf.catalog.name != catalog.name || nf.catalog.effective != catalog.effective {
        return Err(MismatchError::OtherCatalog {
            file: file.to_string(),
            file_name: nf.catalog.name.clone(),
            file_effective: nf.catalog.effective.clone(),
            name: catalog.name.clone(),
            effective: catalog.effective.clone(),
        });
    }
    let units: Vec<PlanUnit> = nf
        .units
        .iter()
        .map(|u| PlanUnit {
            code: u.code.clone(),
            name: u.name.clone(),
            block: u.block,
            level: u.level,
        })
        .collect();
    let unit_of: foldhash::HashMap<&str, usize> = nf
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.code.as_str(), i))
        .collect();
    let item_of: foldhash::HashMap<&str, usize> = catalog
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.code.as_str(), i))
        .collect();
    let mut demands = Vec::new();
    for (index, l) in nf.lines.iter().enumerate() {
        let Some(price) = l.unit_price else { continue };
        if l.channel != SELF || l.quantity == 0 {
            continue;
        }
        let item = *item_of
            .get(l.item.as_str())
            .ok_or_else(|| MismatchError::UnknownItem {
                file: file.to_string(),
                index,
                item: l.item.clone(),
            })?;
        let unit_price = u64::try_from(price)
            .ok()
            .filter(|&p| p <= crate::base::MAX_WORDS)
            .ok_or_else(|| MismatchError::Price {
                file: file.to_string(),
                index,
            })?;
        // The reader checked that every line names a unit of `units`.
        let Some(&unit) = unit_of.get(l.unit.as_str()) else {
            continue;
        };
        demands.push(Demand {
            unit,
            item,
            replace: l.replace,
            quantity: l.quantity,
            unit_price,
        });
    }
    Ok(Request { units, demands })
}
