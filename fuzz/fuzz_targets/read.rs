//! Feed arbitrary bytes to the reader. The first byte chooses whether a file that is not a
//! workbook is read as CSV (as for a `.csv` name). libFuzzer's panic hook aborts on any panic,
//! including one that `read_submission` would contain, so dependency panics surface here too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasoat::catalog::Catalog;
use rasoat::read::{read_submission, Limits, ReadCtx};
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    CAT.get_or_init(|| match Catalog::load(None) {
        Ok(c) => c,
        Err(e) => panic!("the bundled catalog is invalid: {e:?}"),
    })
}

fuzz_target!(|data: &[u8]| {
    let (is_csv, bytes) = match data.split_first() {
        Some((flag, rest)) => (flag & 1 == 1, rest),
        None => (false, data),
    };
    let ctx = ReadCtx {
        catalog: catalog(),
        as_of: 2025,
        limits: Limits::default(),
    };
    let s = read_submission("fuzz.xlsx", bytes.to_vec(), is_csv, &ctx);
    assert!(s.ledger.balanced(), "{:?}", s.ledger);
    assert_eq!(
        s.rows.len() as u64,
        s.ledger.counted + s.ledger.unclassified
    );
});
