//! Physical line numbers of CSV text, for diagnostics that name a line (SPEC §3: a CSV `cell`
//! uses the physical line as its row) and catalog findings (`items.csv:12`).

/// Physical line numbers of CSV records. The csv crate can leave a CRLF's `\n` in front of the
/// next record (its own line count is then one short), so lines are counted from the bytes.
pub struct LineIndex<'a> {
    bytes: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        // A line ends at `\n`, or at a `\r` not followed by one (old Mac files), as the csv
        // crate reads them.
        let newlines = bytes
            .iter()
            .enumerate()
            .filter(|&(i, b)| *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
            .map(|(i, _)| i)
            .collect();
        LineIndex { bytes, newlines }
    }

    /// The 1-based line of the record the csv crate says starts at byte `pos`.
    pub fn line_of(&self, pos: usize) -> u64 {
        let mut p = pos;
        while p < self.bytes.len() && (self.bytes[p] == b'\n' || self.bytes[p] == b'\r') {
            p += 1;
        }
        self.newlines.partition_point(|&n| n < p) as u64 + 1
    }
}
