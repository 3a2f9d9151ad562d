//! The one place money is rounded and formatted.

use rust_decimal::{Decimal, RoundingStrategy};

/// Round to whole đồng, half away from zero (SPEC §5).
pub fn round(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// The amount as a JSON money string: an integer, no exponent, no fraction.
pub fn to_string(d: Decimal) -> String {
    round(d).normalize().to_string()
}

/// `48368719416` → `48.368.719.416` (Vietnamese thousands separator).
pub fn format_vnd(d: Decimal) -> String {
    let s = to_string(d);
    let (sign, digits) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// The amount in words (`Bằng chữ`), or a plain statement when it is out of range.
pub fn words(d: Decimal) -> String {
    let n = round(d);
    match u64::try_from(n).ok().and_then(super::words::in_words) {
        Some(w) => w,
        None => format!("{} đồng", format_vnd(n)),
    }
}

/// `a + b` without ever panicking (sums of amounts the estimate already computed).
pub fn plus(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or(Decimal::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round(Decimal::new(25, 1)), Decimal::from(3));
        assert_eq!(round(Decimal::new(24, 1)), Decimal::from(2));
        assert_eq!(round(Decimal::new(-25, 1)), Decimal::from(-3));
        assert_eq!(to_string(Decimal::new(139210005, 1)), "13921001");
        assert_eq!(to_string(Decimal::new(139210000500, 4)), "13921000");
        assert_eq!(to_string(Decimal::new(1500, 2)), "15");
    }

    #[test]
    fn formats() {
        assert_eq!(format_vnd(Decimal::from(48368719416u64)), "48.368.719.416");
        assert_eq!(format_vnd(Decimal::from(0)), "0");
        assert_eq!(format_vnd(Decimal::from(100)), "100");
        assert_eq!(format_vnd(Decimal::from(1000)), "1.000");
        assert_eq!(words(Decimal::from(14)), "Mười bốn đồng");
    }
}
