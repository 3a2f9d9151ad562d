//! The standard configuration catalog (SPEC §2): items and norms, prices, routing, channels.
//!
//! A catalog is a folder of four files. [`Catalog::load`] validates it completely and returns
//! every finding at once ([`CatalogError`]), each naming the file, line and column.

mod documents;
mod findings;
mod header;
mod items;
pub mod matcher;
mod prices;
mod routing;
mod table;

use rust_decimal::Decimal;
use serde::Serialize;
use std::path::Path;

pub use crate::base::ConfigTerm;
pub use documents::{Documents, PerBlock};
pub use findings::CatalogError;
pub(crate) use findings::{said, Errors, Said};
use header::parse_header;
pub use items::{Basis, Item, Ratio};
pub use matcher::{Match, Matcher};
pub use prices::Price;
pub use routing::{Route, RouteItem};
pub(crate) use table::{folded, parse_decimal, Table};

/// Organisational block of a unit (khối).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Block {
    Dang,
    Mttq,
    Ctxh,
}

impl Block {
    pub const ALL: [Block; 3] = [Block::Dang, Block::Mttq, Block::Ctxh];
    pub fn as_str(self) -> &'static str {
        match self {
            Block::Dang => "dang",
            Block::Mttq => "mttq",
            Block::Ctxh => "ctxh",
        }
    }
    pub fn from_code(s: &str) -> Option<Block> {
        Block::ALL.into_iter().find(|b| b.as_str() == s)
    }
    /// Vietnamese name for reports.
    pub fn label_vi(self) -> &'static str {
        match self {
            Block::Dang => "Khối Đảng",
            Block::Mttq => "Mặt trận Tổ quốc",
            Block::Ctxh => "Các tổ chức chính trị - xã hội",
        }
    }
}

/// Government level of a unit (cấp).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    City,
    Commune,
}

impl Level {
    pub const ALL: [Level; 2] = [Level::City, Level::Commune];
    pub fn as_str(self) -> &'static str {
        match self {
            Level::City => "city",
            Level::Commune => "commune",
        }
    }
    pub fn from_code(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Level::City => "Cấp Thành phố",
            Level::Commune => "Cấp xã, phường, đặc khu",
        }
    }
}

/// A procurement channel: who buys (`self` = the unit itself, through this program).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Channel {
    pub id: String,
    pub label: String,
}

pub const SELF: &str = "self";

/// The text of the four catalog files.
#[derive(Debug, Clone)]
pub struct Sources {
    pub catalog_toml: String,
    pub items_csv: String,
    pub prices_csv: String,
    pub routing_csv: String,
}

impl Sources {
    /// The HCMC catalog bundled in the binary (`catalogs/hcmc-2025/`).
    pub fn bundled() -> Sources {
        Sources {
            catalog_toml: include_str!("../../catalogs/hcmc-2025/catalog.toml").into(),
            items_csv: include_str!("../../catalogs/hcmc-2025/items.csv").into(),
            prices_csv: include_str!("../../catalogs/hcmc-2025/prices.csv").into(),
            routing_csv: include_str!("../../catalogs/hcmc-2025/routing.csv").into(),
        }
    }

    /// Read the four files of a catalog folder.
    pub fn read_dir(dir: &Path) -> Result<Sources, Vec<CatalogError>> {
        let mut errs = Errors::default();
        // A folder that is not there is one finding, not four missing files.
        if !dir.is_dir() {
            let (en, vi) = if dir.exists() {
                (
                    "is a file, not a catalog folder",
                    "là tệp, không phải thư mục danh mục",
                )
            } else {
                ("no such catalog folder", "không có thư mục danh mục này")
            };
            let said = Said {
                en: en.to_string(),
                vi: vi.to_string(),
            };
            errs.push(".", None, None, said);
            return Err(errs.0);
        }
        let mut read = |name: &str| -> String {
            let p = dir.join(name);
            match std::fs::read(&p) {
                Ok(b) => match String::from_utf8(b) {
                    Ok(s) => s,
                    Err(_) => {
                        errs.push(
                            name,
                            None,
                            None,
                            said!(
                                "not UTF-8 text; save it as CSV UTF-8",
                                "không phải văn bản UTF-8; lưu lại dạng CSV UTF-8"
                            ),
                        );
                        String::new()
                    }
                },
                Err(e) => {
                    let (en, vi) = (
                        crate::diag::io_error_text(&e, crate::diag::Lang::En),
                        crate::diag::io_error_text(&e, crate::diag::Lang::Vi),
                    );
                    errs.push(
                        name,
                        None,
                        None,
                        Said {
                            en: format!("cannot read {}: {en}", p.display()),
                            vi: format!("không đọc được {}: {vi}", p.display()),
                        },
                    );
                    String::new()
                }
            }
        };
        let s = Sources {
            catalog_toml: read("catalog.toml"),
            items_csv: read("items.csv"),
            prices_csv: read("prices.csv"),
            routing_csv: read("routing.csv"),
        };
        if errs.0.is_empty() {
            Ok(s)
        } else {
            Err(errs.0)
        }
    }
}

/// The validated catalog: Danh mục cấu hình tiêu chuẩn, định mức, đơn giá và phân luồng mua sắm.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub name: String,
    pub effective: String,
    pub reference_year: i32,
    pub currency: String,
    pub vat_percent: Decimal,
    pub contingency_percent: Decimal,
    pub channels: Vec<Channel>,
    pub items: Vec<Item>,
    /// Price of each item, by item index.
    pub prices: Vec<Option<Price>>,
    pub routes: Vec<Route>,
    pub matcher: Matcher,
    /// `[documents]`: the texts of each unit's proposal (SPEC §8), defaults filled in.
    pub documents: Documents,
}

impl Catalog {
    /// Load the bundled catalog, or the folder `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Catalog, Vec<CatalogError>> {
        let src = match dir {
            Some(d) => Sources::read_dir(d)?,
            None => Sources::bundled(),
        };
        Catalog::from_sources(&src)
    }

    /// Parse and validate the four files; every finding is returned at once.
    pub fn from_sources(src: &Sources) -> Result<Catalog, Vec<CatalogError>> {
        let mut errs = Errors::default();
        let header = parse_header(&src.catalog_toml, &mut errs);
        let items = items::parse(&src.items_csv, &mut errs);
        let prices = prices::parse(&src.prices_csv, &items, &mut errs);
        let channels = header
            .as_ref()
            .map(|h| h.channels.clone())
            .unwrap_or_default();
        let routes = routing::parse(&src.routing_csv, &items, &channels, &mut errs);
        let vat_default = header
            .as_ref()
            .map(|h| h.vat_percent)
            .unwrap_or(Decimal::TEN);
        prices::check_caps(&prices, &items, vat_default, &mut errs);
        if header.is_some() {
            routing::check_priced(&items, &prices, &routes, &mut errs);
        }
        match header {
            Some(h) if errs.0.is_empty() => {
                let matcher = Matcher::new(&items);
                Ok(Catalog {
                    name: h.name,
                    effective: h.effective,
                    reference_year: h.reference_year,
                    currency: h.currency,
                    vat_percent: h.vat_percent,
                    contingency_percent: h.contingency_percent,
                    channels: h.channels,
                    items,
                    prices,
                    routes,
                    matcher,
                    documents: h.documents,
                })
            }
            _ => Err(errs.0),
        }
    }

    /// Index of the item with this code (compared as trimmed text, any case).
    pub fn item_index(&self, code: &str) -> Option<usize> {
        self.matcher.by_code(code)
    }

    /// The channel (and the routing row that chose it) for an item in a block and level.
    pub fn route(&self, item: usize, block: Block, level: Level) -> (&str, Option<&Route>) {
        routing::route(&self.routes, &self.items[item], block, level)
    }

    pub fn channel_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.channels
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.label.as_str())
            .unwrap_or(id)
    }

    /// VAT percent of a price row (its own, else the catalog's).
    pub fn vat_of(&self, price: &Price) -> Decimal {
        price.vat_percent.unwrap_or(self.vat_percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_catalog_is_valid() {
        let c = Catalog::load(None);
        assert!(c.is_ok(), "{:?}", c.err());
        let c = c.unwrap();
        assert!(c.channels.iter().any(|ch| ch.id == SELF));
        assert!(!c.items.is_empty());
    }
}
