//! Reports (SPEC §1, §6, §8–§11): the estimate rendered for people and machines. Every renderer is a pure function
//! from the estimate to bytes or text; the commands write them.

pub mod catalog_view;
pub mod check_report;
pub mod csv;
pub mod diff_table;
pub mod diff_xlsx;
pub mod explain;
pub mod finance;
pub mod handover;
pub mod json;
pub mod kit;
pub mod plan_summary;
pub mod plan_xlsx;
pub mod proposal;
pub mod science;
pub mod summary;
pub mod terminal;
pub mod vi;

use crate::catalog::Catalog;

/// `n` things in English: `1 error`, `2 errors`, `0 errors` (Vietnamese has no plural).
pub fn en_count(n: impl Into<u64>, one: &str, many: &str) -> String {
    match n.into() {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// A fixed timestamp for workbook properties, so two runs give identical bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    pub y: u16,
    pub m: u8,
    pub d: u8,
    pub hh: u8,
    pub mm: u8,
    pub ss: u8,
}

/// Facts about the run that reports cite.
#[derive(Debug, Clone)]
pub struct RunMeta {
    /// Every candidate file with its SHA-256 (hex), in sorted order.
    pub files: Vec<(String, String)>,
    pub created: Created,
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when given and valid, else the catalog's
/// effective date at midnight.
pub fn creation_time(catalog: &Catalog, source_date_epoch: Option<&str>) -> Created {
    creation_time_at(&catalog.effective, source_date_epoch)
}

/// [`creation_time`] from an effective date (`YYYY-MM-DD`) alone, for documents made from
/// files rather than a catalog (`diff`); a date that does not parse gives 2025-01-01.
pub fn creation_time_at(effective: &str, source_date_epoch: Option<&str>) -> Created {
    if let Some(secs) = source_date_epoch.and_then(|s| s.trim().parse::<i64>().ok()) {
        if (0..253_402_300_800).contains(&secs) {
            let days = secs.div_euclid(86_400);
            let rem = secs.rem_euclid(86_400);
            let (y, m, d) = civil_from_days(days);
            return Created {
                y: y as u16,
                m: m as u8,
                d: d as u8,
                hh: (rem / 3600) as u8,
                mm: (rem % 3600 / 60) as u8,
                ss: (rem % 60) as u8,
            };
        }
    }
    let (y, m, d) = crate::base::parse_iso_date(effective).unwrap_or((2025, 1, 1));
    Created {
        y: y as u16,
        m: m as u8,
        d: d as u8,
        hh: 0,
        mm: 0,
        ss: 0,
    }
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_413), (2025, 11, 21));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
