//! `rasoat run` (SPEC §1, §6): the whole pipeline into `--out`, then a summary.

use super::staging::{commit, stage, tmp_name, Staged};
use super::{exit_for, prepare, progress, Exit, Ui};
use crate::cli::{RunArgs, SummaryFormat};
use rasoat::catalog::Catalog;
use rasoat::cost::Estimate;
use rasoat::pipeline;
use rasoat::report::{self, RunMeta};
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

pub fn run(ui: &Ui, a: RunArgs) -> Exit {
    let started = std::time::Instant::now();
    let (cands, catalog, opts) = match prepare(ui, &a.input) {
        Ok(x) => x,
        Err(e) => return e,
    };
    super::timing("catalog and file list", started);
    if let Err(e) = super::create_out(ui, &a.out) {
        return e;
    }
    let pb = progress(ui, cands.len());
    let est = match super::compute(ui, &cands, &catalog, &opts, pb.as_ref(), true) {
        Ok(e) => e,
        Err(e) => return e,
    };
    super::phase(
        ui,
        pb.as_ref(),
        "writing the outputs…",
        "đang ghi các tệp kết quả…",
    );
    let started = std::time::Instant::now();
    // Files the reader did not read (over the size limit) are hashed here, in pieces.
    let paths: std::collections::HashMap<&str, &Path> = cands
        .iter()
        .map(|c| (c.file.as_str(), c.path.as_path()))
        .collect();
    let files = est
        .needs
        .files
        .iter()
        .map(|f| {
            let sha = f.sha256.or_else(|| {
                let p = paths.get(f.file.as_str())?;
                pipeline::file_digest(p).ok()
            });
            (f.file.clone(), sha.map(|d| hex(&d)).unwrap_or_default())
        })
        .collect();
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let meta = RunMeta {
        files,
        created: report::creation_time(&catalog, epoch.as_deref()),
    };
    super::timing("sources", started);
    let started = std::time::Instant::now();
    let written = write_outputs(&a.out, &est, &catalog, &meta, ui, opts.jobs);
    if let Some(pb) = &pb {
        pb.finish_and_clear();
    }
    if let Err(e) = written {
        ui.error(&e);
        return Exit::Usage;
    }
    super::timing("all outputs", started);
    if !ui.quiet {
        match a.format {
            SummaryFormat::Json => {
                super::out(&format!("{}\n", report::summary::json(&est, &catalog)))
            }
            SummaryFormat::Table => super::out(&report::summary::table(&est, &catalog, ui.lang)),
        }
    }
    let exit = exit_for(&est.needs.diagnostics, a.strict.strict);
    // The process ends here: freeing a national run's millions of small objects one by one
    // would only delay the exit the system does at once.
    std::mem::forget(est);
    exit
}

fn hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    b.iter()
        .flat_map(|x| [x >> 4, x & 15].map(|d| char::from(DIGITS[usize::from(d)])))
        .collect()
}

type Writer<'a> = Box<dyn Fn(&mut BufWriter<File>) -> Result<(), String> + Sync + 'a>;

const FINANCE: &str = "du-toan-tai-chinh.xlsx";

/// A piece of the output work. The Finance workbook is three: its detail table and its other
/// sheets are filled side by side, and the thread that finishes the second runs the save.
#[derive(Clone, Copy)]
enum Task {
    FinanceDetail,
    FinanceRest,
    FinanceSave,
    Whole(usize),
}

/// Write every output to a temporary name in `dir`, then rename them all into place, so a
/// crash never leaves a half-written file under its final name. Outputs are streamed, and
/// written side by side on up to `jobs` threads (each file's bytes depend only on the
/// estimate, never on which thread wrote it). Tasks start longest first, and a workbook's
/// save runs as soon as its sheets are filled, so no thread idles at the end while another
/// still has a queue.
fn write_outputs(
    dir: &Path,
    est: &Estimate,
    catalog: &Catalog,
    meta: &RunMeta,
    ui: &Ui,
    jobs: usize,
) -> Result<(), String> {
    let lang = ui.lang;
    let io = |e: std::io::Error| e.to_string();
    let xlsx = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let started = std::time::Instant::now();
    let finance = report::finance::Pieces::new(est, catalog, meta)
        .map_err(|e| format!("{}: {e}", dir.join(FINANCE).display()))?;
    // Longest first, so the short ones fill in beside them.
    let mut whole: Vec<(String, Writer<'_>)> = vec![
        (
            "khai-toan-khcn.xlsx".into(),
            Box::new(move |w| report::science::write(w, est, catalog, meta).map_err(xlsx)),
        ),
        (
            "needs.json".into(),
            Box::new(move |w| report::json::write_needs_json(w, est, catalog, lang).map_err(io)),
        ),
        (
            "diagnostics.json".into(),
            Box::new(move |w| {
                report::json::write_diagnostics_json(w, &est.needs.diagnostics, lang).map_err(io)
            }),
        ),
        (
            "needs.csv".into(),
            Box::new(move |w| report::csv::write_needs_csv(w, est).map_err(|e| e.to_string())),
        ),
    ];
    // One hand-over list per channel other than `self` (SPEC §9), after the others.
    for ch in report::handover::channels(catalog) {
        whole.push((
            report::handover::file_name(&ch.id),
            Box::new(move |w| report::handover::write(w, est, catalog, ch, meta).map_err(xlsx)),
        ));
    }
    // (output and piece, the file staged)
    let done = std::sync::Mutex::new(Vec::<((usize, u8), Staged)>::new());
    let record = |order: (usize, u8), s: Staged| {
        let mut d = done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        d.push((order, s));
    };
    let write_file =
        |order: (usize, u8),
         name: &str,
         since: std::time::Instant,
         write: &dyn Fn(&mut BufWriter<File>) -> Result<(), String>| {
            let s = stage(dir, name, true, write);
            super::timing(name, since);
            record(order, s);
        };
    let fin = whole.len();
    // Runs a task; returns the one it makes ready.
    let run = |t: Task| -> Option<Task> {
        let piece = match t {
            Task::FinanceDetail => finance.detail(),
            Task::FinanceRest => finance.rest(),
            Task::FinanceSave => {
                write_file((fin, 2), FINANCE, started, &|w| {
                    finance.save(w).map_err(xlsx)
                });
                return None;
            }
            Task::Whole(i) => {
                let (name, write) = &whole[i];
                write_file((i, 0), name, std::time::Instant::now(), write);
                return None;
            }
        };
        match piece {
            Ok(true) => Some(Task::FinanceSave),
            Ok(false) => None,
            Err(e) => {
                let piece = if matches!(t, Task::FinanceDetail) {
                    0
                } else {
                    1
                };
                record(
                    (fin, piece),
                    Staged {
                        tmp: tmp_name(dir, FINANCE),
                        fin: dir.join(FINANCE),
                        res: Err(e.to_string()),
                    },
                );
                None
            }
        }
    };
    // A task, then the one it made ready (a save, run at once by the thread that filled the
    // workbook's last sheet).
    let chain = |t: Task| {
        let mut next = Some(t);
        while let Some(t) = next {
            next = run(t);
        }
    };
    // The two big tables cost about the same per cell: the larger starts first (the Finance
    // detail table at national scale, the failing-equipment list in a city).
    let mut order = vec![Task::FinanceDetail, Task::FinanceRest];
    order.extend((0..whole.len()).map(Task::Whole));
    if report::science::bulk(est) > report::finance::bulk(est) {
        order.retain(|t| !matches!(t, Task::Whole(0)));
        order.insert(0, Task::Whole(0));
    }
    // No more threads than tasks: `--jobs 100000` would otherwise start them all.
    let threads = if jobs == 0 { 0 } else { jobs.min(order.len()) };
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        // FIFO: tasks start in the order given, whichever thread takes them.
        Ok(pool) => pool.install(|| {
            rayon::scope_fifo(|s| {
                for &t in &order {
                    let chain = &chain;
                    s.spawn_fifo(move |_| chain(t));
                }
            })
        }),
        Err(_) => order.iter().for_each(|&t| chain(t)),
    }
    let mut done = done
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Reported in a fixed order, whatever order the threads finished in.
    done.sort_by_key(|d| d.0);
    let staged: Vec<Staged> = done.into_iter().map(|d| d.1).collect();
    commit(ui, &staged)
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        assert_eq!(super::hex(&[0x00, 0x0f, 0xa0, 0xff, 0x5c]), "000fa0ff5c");
        assert_eq!(super::hex(&[]), "");
    }
}
