//! The `plan` flags (SPEC §11): `--budget AMOUNT` (whole đồng, at least 1, digits optionally
//! grouped in threes by `.`) and `--years Y1-Y2` or `--years Y` (Y1 ≤ Y2 ≤ Y1 + 9). Each
//! refusal says what to write instead.

use crate::base::MAX_WORDS;
use crate::cost::money;
use crate::diag::Lang;
use rust_decimal::Decimal;

/// The most years one roadmap covers.
pub const MAX_YEARS: i32 = 10;

/// The years a roadmap covers, `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Years {
    pub first: i32,
    pub last: i32,
}

impl Years {
    pub fn iter(self) -> impl Iterator<Item = i32> {
        self.first..=self.last
    }
}

/// A `--budget` or `--years` value that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgError {
    /// Not digits, nor digits grouped in threes by `.`; `suggestion` is the number when the
    /// text groups its thousands otherwise (`5,000,000`).
    Budget {
        given: String,
        suggestion: Option<u64>,
    },
    BudgetZero,
    BudgetTooLarge {
        given: String,
    },
    Years {
        given: String,
    },
    YearsReversed {
        first: i32,
        last: i32,
    },
    TooManyYears {
        first: i32,
        last: i32,
        count: i32,
    },
}

impl std::error::Error for ArgError {}

impl std::fmt::Display for ArgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl ArgError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (or, eg) = match lang {
            Lang::En => ("or", "e.g."),
            Lang::Vi => ("hoặc", "ví dụ"),
        };
        match (self, lang) {
            (ArgError::Budget { given, suggestion }, _) => {
                let hint = match suggestion {
                    Some(n) => format!("{n} {or} {}", money::format_vnd(Decimal::from(*n))),
                    None => format!(
                        "{}, {eg} 5000000000 {or} 5.000.000.000",
                        lang.pick(
                            "digits only, or grouped in threes by '.'",
                            "chỉ chữ số, hoặc nhóm ba chữ số cách nhau bởi dấu '.'"
                        )
                    ),
                };
                match lang {
                    Lang::En => format!("--budget '{given}' is not a whole number of đồng; write {hint}"),
                    Lang::Vi => format!("--budget '{given}' không phải số đồng nguyên; ghi {hint}"),
                }
            }
            (ArgError::BudgetZero, Lang::En) => "--budget must be at least 1 đồng; write the most to spend a year, e.g. 5000000000 or 5.000.000.000".into(),
            (ArgError::BudgetZero, Lang::Vi) => "--budget phải từ 1 đồng trở lên; ghi số tiền tối đa được chi mỗi năm, ví dụ 5000000000 hoặc 5.000.000.000".into(),
            (ArgError::BudgetTooLarge { given }, Lang::En) => format!(
                "--budget {given} is above 999.999.999.999.999 đồng, the most a document states in words; write at most 999.999.999.999.999"
            ),
            (ArgError::BudgetTooLarge { given }, Lang::Vi) => format!(
                "--budget {given} vượt 999.999.999.999.999 đồng, mức lớn nhất ghi được bằng chữ; ghi tối đa 999.999.999.999.999"
            ),
            (ArgError::Years { given }, Lang::En) => format!(
                "--years '{given}' is not a year or a range of years; write Y1-Y2, e.g. 2026-2030, or one year, e.g. 2026 (years 1900 to 2100)"
            ),
            (ArgError::Years { given }, Lang::Vi) => format!(
                "--years '{given}' không phải một năm hay một khoảng năm; ghi Y1-Y2, ví dụ 2026-2030, hoặc một năm, ví dụ 2026 (từ năm 1900 đến 2100)"
            ),
            (ArgError::YearsReversed { first, last }, Lang::En) => {
                format!("--years {first}-{last} runs backwards; write {last}-{first}")
            }
            (ArgError::YearsReversed { first, last }, Lang::Vi) => {
                format!("--years {first}-{last} bị ngược; ghi {last}-{first}")
            }
            (ArgError::TooManyYears { first, last, count }, Lang::En) => format!(
                "--years {first}-{last} is {count} years; a roadmap covers at most {MAX_YEARS}; write e.g. {first}-{}",
                first + MAX_YEARS - 1
            ),
            (ArgError::TooManyYears { first, last, count }, Lang::Vi) => format!(
                "--years {first}-{last} gồm {count} năm; lộ trình tối đa {MAX_YEARS} năm; ghi ví dụ {first}-{}",
                first + MAX_YEARS - 1
            ),
        }
    }
}

/// The digits of `s` when it is digit groups joined by `sep`, every group after the first of
/// exactly three digits (`5.000.000`, `5,000,000`, `5 000 000`).
fn grouped_digits(s: &str, sep: char) -> Option<String> {
    let mut groups = s.split(sep);
    let first = groups.next()?;
    let ok_first = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
    let mut digits = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(g);
    }
    ok_first.then_some(digits)
}

/// Read `--budget`: `5000000000` or `5.000.000.000`, at least 1, at most [`MAX_WORDS`].
pub fn parse_budget(s: &str) -> Result<u64, ArgError> {
    let t = s.trim();
    let digits = if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        Some(t.to_string())
    } else {
        grouped_digits(t, '.')
    };
    let Some(digits) = digits else {
        // Thousands written with another separator: say the same number as it is accepted.
        let suggestion = [',', ' ', '\u{a0}', '_']
            .into_iter()
            .find_map(|sep| grouped_digits(t, sep))
            .and_then(|d| d.parse::<u64>().ok())
            .filter(|&n| (1..=MAX_WORDS).contains(&n));
        return Err(ArgError::Budget {
            given: t.to_string(),
            suggestion,
        });
    };
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Err(ArgError::BudgetZero);
    }
    match digits.parse::<u64>() {
        Ok(n) if n <= MAX_WORDS => Ok(n),
        _ => Err(ArgError::BudgetTooLarge {
            given: t.to_string(),
        }),
    }
}

/// Read `--years`: `2026-2030` (also with an en dash) or `2026`.
pub fn parse_years(s: &str) -> Result<Years, ArgError> {
    let t = s.trim();
    let bad = || ArgError::Years {
        given: t.to_string(),
    };
    let year = |y: &str| -> Result<i32, ArgError> {
        let y = y.trim();
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        y.parse::<i32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
            .ok_or_else(bad)
    };
    let (first, last) = match t.split_once(['-', '–']) {
        Some((a, b)) => (year(a)?, year(b)?),
        None => {
            let y = year(t)?;
            (y, y)
        }
    };
    if first > last {
        return Err(ArgError::YearsReversed { first, last });
    }
    let count = last - first + 1;
    if count > MAX_YEARS {
        return Err(ArgError::TooManyYears { first, last, count });
    }
    Ok(Years { first, last })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets() {
        assert_eq!(parse_budget("5000000000"), Ok(5_000_000_000));
        assert_eq!(parse_budget("5.000.000.000"), Ok(5_000_000_000));
        assert_eq!(parse_budget(" 1500000000 "), Ok(1_500_000_000));
        assert_eq!(parse_budget("1"), Ok(1));
        assert_eq!(parse_budget("999.999.999.999.999"), Ok(MAX_WORDS));
        assert_eq!(parse_budget("0"), Err(ArgError::BudgetZero));
        assert_eq!(parse_budget("0.000"), Err(ArgError::BudgetZero));
        assert!(matches!(
            parse_budget("1.000.000.000.000.000"),
            Err(ArgError::BudgetTooLarge { .. })
        ));
        assert!(matches!(
            parse_budget("99999999999999999999999"),
            Err(ArgError::BudgetTooLarge { .. })
        ));
        // Thousands by commas or spaces: the message gives the same number as accepted.
        let e = parse_budget("5,000,000,000").unwrap_err();
        assert_eq!(
            e.message(Lang::En),
            "--budget '5,000,000,000' is not a whole number of đồng; write 5000000000 or 5.000.000.000"
        );
        assert_eq!(
            e.message(Lang::Vi),
            "--budget '5,000,000,000' không phải số đồng nguyên; ghi 5000000000 hoặc 5.000.000.000"
        );
        let e = parse_budget("5 000 000").unwrap_err();
        assert!(e.message(Lang::En).ends_with("write 5000000 or 5.000.000"));
        for bad in [
            "",
            "-5",
            "5e9",
            "1.5",
            "5.00.000",
            "5000.000.000",
            "1.500.000.000,50",
            "5 tỷ",
            "+5",
            ".000",
            "5.",
        ] {
            let e = parse_budget(bad).unwrap_err();
            assert!(
                e.message(Lang::En)
                    .contains("e.g. 5000000000 or 5.000.000.000"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn years() {
        assert_eq!(
            parse_years("2026-2027"),
            Ok(Years {
                first: 2026,
                last: 2027
            })
        );
        assert_eq!(
            parse_years("2026"),
            Ok(Years {
                first: 2026,
                last: 2026
            })
        );
        assert_eq!(
            parse_years("2026 – 2035"),
            Ok(Years {
                first: 2026,
                last: 2035
            })
        );
        assert_eq!(
            parse_years("2027-2026").unwrap_err().message(Lang::En),
            "--years 2027-2026 runs backwards; write 2026-2027"
        );
        assert_eq!(
            parse_years("2026-2036").unwrap_err().message(Lang::En),
            "--years 2026-2036 is 11 years; a roadmap covers at most 10; write e.g. 2026-2035"
        );
        assert_eq!(
            parse_years("2026-2036").unwrap_err().message(Lang::Vi),
            "--years 2026-2036 gồm 11 năm; lộ trình tối đa 10 năm; ghi ví dụ 2026-2035"
        );
        for bad in [
            "",
            "26-27",
            "2026-",
            "2026..2027",
            "năm 2026",
            "1800",
            "2026-2027-2028",
        ] {
            assert!(
                matches!(parse_years(bad), Err(ArgError::Years { .. })),
                "{bad}"
            );
        }
    }
}
