//! Bounds every stage agrees on: what a figure or a text may be before it is refused (SPEC §3
//! "Files" and unit fields, §5 amounts in words; rasoat's own limits where SPEC is silent).

/// The most people (`Số cán bộ`, `Số lãnh đạo`) one unit can have: no unit of the political
/// system comes near it, and a figure above it is a pasted phone or ID number, which would
/// otherwise multiply into an estimate no one can state. The reader refuses a unit field above
/// it; the catalog check refuses a norm that would pass it.
pub const MAX_PEOPLE: u64 = 100_000;

/// The largest amount said in words (SPEC §5): just under a million tỷ đồng, which is also the
/// largest a spreadsheet number cell shows to the đồng. Prices and totals above it are refused.
pub const MAX_WORDS: u64 = 999_999_999_999_999;

/// Excel's limit on the length of a cell's text, in UTF-16 code units.
pub const MAX_TEXT: usize = 32_767;

/// Whether one Excel cell can hold `s` whole.
pub fn fits_a_cell(s: &str) -> bool {
    // A UTF-8 string has at least as many bytes as UTF-16 units: short ones need no count.
    s.len() <= MAX_TEXT || s.encode_utf16().count() <= MAX_TEXT
}

#[cfg(test)]
mod tests {
    #[test]
    fn cell_length_counts_utf16_units() {
        assert!(super::fits_a_cell(&"đ".repeat(super::MAX_TEXT)));
        assert!(!super::fits_a_cell(&"đ".repeat(super::MAX_TEXT + 1)));
        // One character outside the BMP is two UTF-16 units.
        assert!(!super::fits_a_cell(&"😀".repeat(super::MAX_TEXT / 2 + 1)));
    }
}
