//! The write half of the benchmark's I/O floor: the cells and bytes of a `rasoat run` output
//! folder written again, bare. Every `.xlsx` under OUT is read back (not timed) and each of its
//! cells is written, with the same value and type and no format, into a new workbook by
//! rust_xlsxwriter in constant-memory mode, one workbook a task, with rayon on the given
//! number of threads; every other file is written again as the same bytes. Prints workbooks,
//! cells, bytes and seconds.
//!
//!     cargo run --release --example write_floor -- OUT [THREADS]
//!
//! `scripts/bench.sh` adds this to `calamine_floor` (the read half): "reading the inputs plus
//! writing as many cells as its outputs hold".

use calamine::{open_workbook, Data, Reader, Xlsx};
use rayon::prelude::*;
use rust_xlsxwriter::Workbook;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What one output file holds: a workbook's sheets, or plain bytes.
enum Output {
    Book(Vec<(String, calamine::Range<Data>)>),
    Bytes(Vec<u8>),
}

fn load(p: &Path) -> Output {
    if p.extension().is_some_and(|x| x == "xlsx") {
        let mut wb: Xlsx<_> = open_workbook(p).expect("an xlsx rasoat wrote");
        let sheets = wb
            .sheet_names()
            .into_iter()
            .map(|n| {
                let r = wb.worksheet_range(&n).expect("a sheet");
                (n, r)
            })
            .collect();
        Output::Book(sheets)
    } else {
        Output::Bytes(std::fs::read(p).expect("an output file"))
    }
}

/// Write `o` into `to`; returns the cells written.
fn write(o: &Output, to: &Path) -> usize {
    match o {
        Output::Bytes(b) => {
            std::fs::write(to, b).expect("write");
            0
        }
        Output::Book(sheets) => {
            let mut wb = Workbook::new();
            let mut n = 0;
            for (name, range) in sheets {
                let ws = wb
                    .add_worksheet_with_constant_memory()
                    .expect("a constant-memory sheet");
                ws.set_name(name).expect("sheet name");
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, row) in range.rows().enumerate() {
                    for (c, cell) in row.iter().enumerate() {
                        let (r, c) = (r0 + r as u32, (c0 as usize + c) as u16);
                        let done = match cell {
                            Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                            Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
                            Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
                            Data::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                            Data::Empty => continue,
                            other => ws.write_string(r, c, other.to_string()).map(|_| ()),
                        };
                        done.expect("write cell");
                        n += 1;
                    }
                }
            }
            wb.save(to).expect("save");
            n
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("target/bench/out"),
    );
    let threads: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2);
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the output folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    let outputs: Vec<(PathBuf, Output)> = names.iter().map(|p| (p.clone(), load(p))).collect();
    let bytes: usize = names
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len() as usize)
        .sum();
    let to = tempfile::tempdir().expect("tempdir");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let t0 = Instant::now();
    let cells: usize = pool.install(|| {
        outputs
            .par_iter()
            .map(|(p, o)| write(o, &to.path().join(p.file_name().expect("a file name"))))
            .sum()
    });
    let secs = t0.elapsed().as_secs_f64();
    let books = outputs
        .iter()
        .filter(|(_, o)| matches!(o, Output::Book(_)))
        .count();
    println!("workbooks {books} cells {cells} bytes {bytes} seconds {secs:.3}");
}
