//! The benchmark floor: bare calamine opening every `.xlsx` under DIR and reading every cell of
//! every sheet, with rayon on the given number of threads. Prints files, cells and seconds.
//!
//!     cargo run --release --example calamine_floor -- DIR [THREADS]

use calamine::{open_workbook, Reader, Xlsx};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "xlsx") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("target/bench-corpus"),
    );
    let threads: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2);
    let t0 = Instant::now();
    let mut all = Vec::new();
    files(&dir, &mut all);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let cells: usize = pool.install(|| {
        all.par_iter()
            .map(|p| {
                let Ok(mut wb) = open_workbook::<Xlsx<_>, _>(p) else {
                    return 0;
                };
                let mut n = 0;
                for name in wb.sheet_names() {
                    if let Ok(r) = wb.worksheet_range(&name) {
                        n += r.used_cells().count();
                    }
                }
                n
            })
            .sum()
    });
    println!(
        "files {} cells {} seconds {:.3}",
        all.len(),
        cells,
        t0.elapsed().as_secs_f64()
    );
}
