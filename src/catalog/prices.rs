//! `prices.csv` (SPEC §2, §5): unit prices (owned by Finance).

use super::{parse_decimal, said, Errors, Item, Said, Table};
use crate::base::parse_iso_date as parse_date;
use crate::base::MAX_WORDS;
use rust_decimal::Decimal;
use serde::Serialize;

const FILE: &str = "prices.csv";
const REQUIRED: &[&str] = &["item", "unit_price", "vat_included", "source", "date"];
const OPTIONAL: &[&str] = &["vat_percent"];

/// A unit price as Finance wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Price {
    /// Integer đồng, exactly as written.
    pub unit_price: u64,
    pub vat_included: bool,
    /// Overrides the catalog's VAT (e.g. `0` for VAT-exempt software).
    pub vat_percent: Option<Decimal>,
    pub source: String,
    pub date: String,
    #[serde(skip)]
    pub line: u64,
}

impl Price {
    /// The VAT-inclusive unit price, compared with the norm cap.
    pub fn vat_inclusive(&self, default_vat: Decimal) -> Decimal {
        let p = Decimal::from(self.unit_price);
        if self.vat_included {
            p
        } else {
            let vat = self.vat_percent.unwrap_or(default_vat);
            p + p * vat / Decimal::ONE_HUNDRED
        }
    }
}

pub(super) fn parse(text: &str, items: &[Item], errs: &mut Errors) -> Vec<Option<Price>> {
    let t = Table::parse(FILE, text, REQUIRED, OPTIONAL, errs);
    let mut prices: Vec<Option<Price>> = vec![None; items.len()];
    for (line, row) in &t.rows {
        let line = *line;
        let get = |c: &str| t.get(row, c);
        let mut e = |col: &str, msg: Said| errs.push(FILE, Some(line), Some(col), msg);
        let code = get("item");
        let idx = items.iter().position(|i| i.code == code);
        if idx.is_none() {
            e(
                "item",
                said!(
                    "'{code}' is not an item code of items.csv",
                    "'{code}' không phải mã thiết bị trong items.csv"
                ),
            );
        }
        let unit_price = match get("unit_price").parse::<u64>() {
            Ok(p) if p <= MAX_WORDS => p,
            Ok(_) => {
                e(
                    "unit_price",
                    said!(
                        "'{}' is above the largest price an estimate can state, 999999999999999 đồng",
                        "'{}' vượt đơn giá lớn nhất mà dự toán ghi được, 999999999999999 đồng",
                        get("unit_price")
                    ),
                );
                0
            }
            Err(_) => {
                e(
                    "unit_price",
                    said!(
                        "'{}' is not a whole number of đồng; write digits only, e.g. 15990000",
                        "'{}' không phải số đồng nguyên; chỉ ghi chữ số, ví dụ 15990000",
                        get("unit_price")
                    ),
                );
                0
            }
        };
        let vat_included = match get("vat_included").to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            other => {
                e(
                    "vat_included",
                    said!(
                        "'{other}' must be true or false",
                        "'{other}' phải là true hoặc false"
                    ),
                );
                false
            }
        };
        let vat_percent = match get("vat_percent") {
            "" => None,
            v => match parse_decimal(v) {
                Some(d) if d <= Decimal::ONE_HUNDRED => Some(d),
                _ => {
                    e(
                        "vat_percent",
                        said!(
                            "'{v}' is not a percentage; write a decimal such as 10 or 0, or leave it empty",
                            "'{v}' không phải tỷ lệ phần trăm; ghi số như 10 hoặc 0, hoặc để trống"
                        ),
                    );
                    None
                }
            },
        };
        let date = get("date").to_string();
        if parse_date(&date).is_none() {
            e(
                "date",
                said!(
                    "'{date}' is not a date YYYY-MM-DD",
                    "'{date}' không phải ngày dạng YYYY-MM-DD"
                ),
            );
        }
        if let Some(i) = idx {
            if prices[i].is_some() {
                e(
                    "item",
                    said!(
                        "a second price row for '{code}'; keep one row per item",
                        "dòng đơn giá thứ hai của '{code}'; mỗi thiết bị chỉ giữ một dòng"
                    ),
                );
                continue;
            }
            prices[i] = Some(Price {
                unit_price,
                vat_included,
                vat_percent,
                source: get("source").to_string(),
                date,
                line,
            });
        }
    }
    prices
}

/// A price whose VAT-inclusive value is above the item's norm cap is an error.
pub(super) fn check_caps(
    prices: &[Option<Price>],
    items: &[Item],
    default_vat: Decimal,
    errs: &mut Errors,
) {
    for (item, price) in items.iter().zip(prices) {
        if let (Some(cap), Some(p)) = (item.max_unit_price, price) {
            let incl = p.vat_inclusive(default_vat);
            if incl > Decimal::from(cap) {
                errs.push(
                    FILE,
                    Some(p.line),
                    Some("unit_price"),
                    said!(
                        "{}: {} đồng including VAT is above the norm cap of {} đồng (max_unit_price in items.csv)",
                        "{}: {} đồng (đã gồm thuế GTGT) vượt mức giá tối đa {} đồng (max_unit_price trong items.csv)",
                        item.code,
                        incl.normalize(),
                        cap
                    ),
                );
            }
        }
    }
}
