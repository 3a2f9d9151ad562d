//! Amounts of đồng in Vietnamese words (SPEC §5, `in_words`).
//!
//! Groups of three digits are read with `nghìn`, `triệu`, `tỷ`. Above 10^9 the count of tỷ
//! (at most 999.999) is read as a number of its own and followed by one `tỷ`, so 10^12 is
//! `một nghìn tỷ` and 1.005.000.000.000 is `một nghìn không trăm linh năm tỷ` (not
//! `một nghìn tỷ, năm tỷ`). The comma follows the scale word `tỷ` or `triệu` when more words
//! follow: the `nghìn` inside `nghìn tỷ` takes none, just as a plain `nghìn` takes none, so
//! 1.000.000.000.005 is `Một nghìn tỷ, không trăm linh năm đồng`.

pub use crate::base::MAX_WORDS;

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Spell `amount` đồng in Vietnamese: the bare phrase, first letter capitalised, ending in "đồng",
/// no prefix, no final period. Returns None above MAX_WORDS.
pub fn in_words(amount: u64) -> Option<String> {
    if amount > MAX_WORDS {
        return None;
    }
    let mut words = Vec::new();
    if amount == 0 {
        words.push("không");
    } else {
        let (billions, rest) = (amount / 1_000_000_000, amount % 1_000_000_000);
        if billions > 0 {
            below_billion(billions, false, &mut words);
            words.push("tỷ");
        }
        below_billion(rest, billions > 0, &mut words);
    }
    let mut phrase = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            // `tỷ`/`triệu` only ever occur as scale words, and nothing but `đồng` follows the
            // last word, so "followed by more words" means "not the last word here".
            phrase.push_str(if matches!(words[i - 1], "tỷ" | "triệu") {
                ", "
            } else {
                " "
            });
        }
        phrase.push_str(word);
    }
    phrase.push_str(" đồng");
    let mut chars = phrase.chars();
    Some(match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => phrase,
    })
}

/// Pushes the words for `n` (< 10^9), skipping zero groups. `inner`: something was already said
/// before `n`, so even its first group is inside the number.
fn below_billion(n: u64, mut inner: bool, out: &mut Vec<&'static str>) {
    for (unit, scale) in [
        (1_000_000, Some("triệu")),
        (1_000, Some("nghìn")),
        (1, None),
    ] {
        let g = n / unit % 1000;
        if g == 0 {
            continue;
        }
        group(g, inner, out);
        out.extend(scale);
        inner = true;
    }
}

/// Pushes the words for one group `g` (1..=999). Inside a number the hundreds are always said
/// (`không trăm`), and a lone unit after said hundreds takes `linh`.
fn group(g: u64, inner: bool, out: &mut Vec<&'static str>) {
    let (h, t, u) = (
        (g / 100) as usize,
        (g / 10 % 10) as usize,
        (g % 10) as usize,
    );
    let hundreds = h > 0 || inner;
    if hundreds {
        out.extend([DIGITS[h], "trăm"]);
    }
    match t {
        0 if u == 0 => {}
        0 => {
            if hundreds {
                out.push("linh");
            }
            out.push(DIGITS[u]); // 5 stays `năm` with no ten before it
        }
        1 => {
            out.push("mười");
            match u {
                0 => {}
                5 => out.push("lăm"),
                _ => out.push(DIGITS[u]), // 11 `mười một`, 14 `mười bốn`
            }
        }
        _ => {
            out.extend([DIGITS[t], "mươi"]);
            match u {
                0 => {}
                1 => out.push("mốt"),
                4 => out.push("tư"),
                5 => out.push("lăm"),
                _ => out.push(DIGITS[u]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(u64, &str)] = &[
            (0, "Không đồng"),
            (1, "Một đồng"),
            (5, "Năm đồng"),
            (10, "Mười đồng"),
            (11, "Mười một đồng"),
            (14, "Mười bốn đồng"),
            (15, "Mười lăm đồng"),
            (20, "Hai mươi đồng"),
            (21, "Hai mươi mốt đồng"),
            (24, "Hai mươi tư đồng"),
            (25, "Hai mươi lăm đồng"),
            (30, "Ba mươi đồng"),
            (31, "Ba mươi mốt đồng"),
            (41, "Bốn mươi mốt đồng"),
            (44, "Bốn mươi tư đồng"),
            (45, "Bốn mươi lăm đồng"),
            (55, "Năm mươi lăm đồng"),
            (94, "Chín mươi tư đồng"),
            (100, "Một trăm đồng"),
            (101, "Một trăm linh một đồng"),
            (105, "Một trăm linh năm đồng"),
            (110, "Một trăm mười đồng"),
            (115, "Một trăm mười lăm đồng"),
            (205, "Hai trăm linh năm đồng"),
            (999, "Chín trăm chín mươi chín đồng"),
            (1_000, "Một nghìn đồng"),
            (1_001, "Một nghìn không trăm linh một đồng"),
            (1_005, "Một nghìn không trăm linh năm đồng"),
            (1_010, "Một nghìn không trăm mười đồng"),
            (1_015, "Một nghìn không trăm mười lăm đồng"),
            (1_100, "Một nghìn một trăm đồng"),
            (10_000, "Mười nghìn đồng"),
            (15_000, "Mười lăm nghìn đồng"),
            (21_000, "Hai mươi mốt nghìn đồng"),
            (100_000, "Một trăm nghìn đồng"),
            (105_000, "Một trăm linh năm nghìn đồng"),
            (1_000_000, "Một triệu đồng"),
            (1_000_005, "Một triệu, không trăm linh năm đồng"),
            (1_001_000, "Một triệu, không trăm linh một nghìn đồng"),
            (7_000_000, "Bảy triệu đồng"),
            (10_000_000, "Mười triệu đồng"),
            (1_000_000_000, "Một tỷ đồng"),
            (1_000_000_001, "Một tỷ, không trăm linh một đồng"),
            (1_000_001_000, "Một tỷ, không trăm linh một nghìn đồng"),
            (2_000_000_015, "Hai tỷ, không trăm mười lăm đồng"),
            (3_000_000_700, "Ba tỷ, bảy trăm đồng"),
            (12_000_300_000, "Mười hai tỷ, ba trăm nghìn đồng"),
            (50_000_000_000, "Năm mươi tỷ đồng"),
            (
                5_601_119_964,
                "Năm tỷ, sáu trăm linh một triệu, một trăm mười chín nghìn chín trăm sáu mươi tư đồng",
            ),
            (
                48_368_719_416,
                "Bốn mươi tám tỷ, ba trăm sáu mươi tám triệu, bảy trăm mười chín nghìn bốn trăm mười sáu đồng",
            ),
            (1_000_000_000_000, "Một nghìn tỷ đồng"),
            (1_000_000_000_005, "Một nghìn tỷ, không trăm linh năm đồng"),
            (1_005_000_000_000, "Một nghìn không trăm linh năm tỷ đồng"),
            (
                1_234_567_890_123,
                "Một nghìn hai trăm ba mươi tư tỷ, năm trăm sáu mươi bảy triệu, tám trăm chín mươi nghìn một trăm hai mươi ba đồng",
            ),
            (
                999_999_999_999_999,
                "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ, chín trăm chín mươi chín triệu, chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng",
            ),
        ];
        for &(amount, expected) in cases {
            assert_eq!(
                in_words(amount).as_deref(),
                Some(expected),
                "amount {amount}"
            );
        }
    }

    #[test]
    fn above_max_is_none() {
        assert!(in_words(MAX_WORDS).is_some());
        assert_eq!(in_words(MAX_WORDS + 1), None);
        assert_eq!(in_words(u64::MAX), None);
    }
}
