//! Times the pieces of reading a needs.json: the read, a bare JSON scan, the full parse.
//!
//!     cargo run --release --example needs_json_probe -- target/bench/run-2025/needs.json
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::args().nth(1).expect("a needs.json");
    let t = Instant::now();
    let bytes = std::fs::read(&path).expect("read");
    eprintln!(
        "read      {:.3} s ({} MB)",
        t.elapsed().as_secs_f64(),
        bytes.len() >> 20
    );
    let t = Instant::now();
    let _: serde::de::IgnoredAny = serde_json::from_slice(&bytes).expect("json");
    eprintln!("scan      {:.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let nf = rasoat::needs_json::parse(&bytes, &path).expect("needs.json");
    eprintln!(
        "parse     {:.3} s ({} units, {} lines)",
        t.elapsed().as_secs_f64(),
        nf.units.len(),
        nf.lines.len()
    );
    let t = Instant::now();
    drop(nf);
    eprintln!("drop      {:.3} s", t.elapsed().as_secs_f64());
}
