//! Calendar dates as the reader (SPEC §3 `date`) and the catalog (`effective`, price dates)
//! validate them.

/// Whether (y, m, d) is a real day of the proleptic Gregorian calendar, years 1–9999.
pub fn valid_ymd(y: i32, m: u32, d: u32) -> bool {
    if !(1..=12).contains(&m) || d == 0 || !(1..=9999).contains(&y) {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

/// `YYYY-MM-DD` → (y, m, d), validated.
pub fn parse_iso_date(s: &str) -> Option<(i32, u32, u32)> {
    let p: Vec<&str> = s.trim().split('-').collect();
    if p.len() != 3 || p[0].len() != 4 || p[1].len() != 2 || p[2].len() != 2 {
        return None;
    }
    let y = p[0].parse().ok()?;
    let m = p[1].parse().ok()?;
    let d = p[2].parse().ok()?;
    valid_ymd(y, m, d).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_and_month_ends() {
        assert!(valid_ymd(2024, 2, 29));
        assert!(!valid_ymd(2025, 2, 29));
        assert!(!valid_ymd(1900, 2, 29));
        assert!(valid_ymd(2000, 2, 29));
        assert!(!valid_ymd(2025, 4, 31));
        assert!(!valid_ymd(2025, 13, 1));
        assert!(!valid_ymd(0, 1, 1));
    }

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso_date(" 2025-12-01 "), Some((2025, 12, 1)));
        assert_eq!(parse_iso_date("2025-2-01"), None);
        assert_eq!(parse_iso_date("2025-02-30"), None);
        assert_eq!(parse_iso_date("01/12/2025"), None);
    }
}
