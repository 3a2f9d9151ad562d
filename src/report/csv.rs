//! `needs.csv`: one row per need line (SPEC §6), formula-like cells neutralised.

use crate::cost::Estimate;

const HEADER: &[&str] = &[
    "unit",
    "site",
    "site_units",
    "item",
    "channel",
    "required",
    "usable",
    "unusable",
    "gap",
    "replace",
    "new",
    "requested",
    "excess",
    "quantity",
    "unit_price",
    "amount",
    "vat",
    "total",
];

/// A cell that a spreadsheet would read as a formula gets a leading `'`.
pub fn neutralise(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Write `needs.csv`: UTF-8 without BOM, `,` separated, `\n` line ends.
pub fn write_needs_csv<W: std::io::Write>(out: W, est: &Estimate) -> csv::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(HEADER)?;
    let opt = |v: Option<String>| v.unwrap_or_default();
    for l in super::json::lines(est) {
        let rec = [
            neutralise(l.unit),
            neutralise(l.site),
            neutralise(&l.site_units.join(";")),
            neutralise(l.item),
            neutralise(l.channel),
            l.required.to_string(),
            l.usable.to_string(),
            l.unusable.to_string(),
            l.gap.to_string(),
            l.replace.to_string(),
            l.new.to_string(),
            l.requested.map(|r| r.to_string()).unwrap_or_default(),
            l.excess.to_string(),
            l.quantity.to_string(),
            opt(l.unit_price),
            opt(l.amount),
            opt(l.vat),
            opt(l.total),
        ];
        w.write_record(&rec)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_starts() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@a"), "'@a");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("DU-01"), "DU-01");
    }
}
