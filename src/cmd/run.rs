//! `rasoat run`: the whole pipeline into `--out`, then a summary.

use super::{exit_for, prepare, progress, Exit, Ui};
use crate::cli::{RunArgs, SummaryFormat};
use rasoat::catalog::Catalog;
use rasoat::cost::Estimate;
use rasoat::pipeline;
use rasoat::report::{self, RunMeta};
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

pub fn run(ui: &Ui, a: RunArgs) -> Exit {
    let (cands, catalog, opts) = match prepare(ui, &a.input) {
        Ok(x) => x,
        Err(e) => return e,
    };
    if let Err(e) = std::fs::create_dir_all(&a.out) {
        ui.error(&format!(
            "{}: {} {e}",
            a.out.display(),
            ui.t(
                "cannot create the output folder:",
                "không tạo được thư mục kết quả:"
            )
        ));
        return Exit::Usage;
    }
    let pb = progress(ui, cands.len());
    let tick = |f: &str| {
        if let Some(pb) = &pb {
            pb.set_message(f.to_string());
            pb.inc(1);
        }
    };
    let started = std::time::Instant::now();
    let surveys = pipeline::read_all(&cands, &catalog, &opts, &tick);
    crate::purge_at_once();
    super::timing("read", started);
    // The bar stays up after reading: a national run then works for seconds more.
    let phase = |en: &str, vi: &str| {
        if let Some(pb) = &pb {
            pb.set_message(ui.t(en, vi).to_string());
            // Redrawn on a timer: no file ticks it any more.
            pb.enable_steady_tick(std::time::Duration::from_millis(250));
        }
    };
    phase(
        "computing needs and costs…",
        "đang tính nhu cầu và kinh phí…",
    );
    let started = std::time::Instant::now();
    let needs = rasoat::needs::compute(surveys, &catalog, opts.as_of);
    super::timing("needs", started);
    let started = std::time::Instant::now();
    let est = match rasoat::cost::estimate(needs, &catalog) {
        Ok(e) => e,
        Err(e) => {
            if let Some(pb) = &pb {
                pb.finish_and_clear();
            }
            ui.error(&e.message(ui.lang));
            return Exit::Usage;
        }
    };
    super::timing("costs", started);
    phase("writing the outputs…", "đang ghi các tệp kết quả…");
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
    let exit = exit_for(&est.needs.diagnostics, a.input.strict);
    // The process ends here: freeing a national run's millions of small objects one by one
    // would only delay the exit the system does at once.
    std::mem::forget(est);
    exit
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

type Writer<'a> = Box<dyn Fn(&mut BufWriter<File>) -> Result<(), String> + Sync + 'a>;

/// Write every output to a temporary name in `dir`, then rename them all into place, so a
/// crash never leaves a half-written file under its final name. Outputs are streamed, and
/// written side by side on up to `jobs` threads (each file's bytes depend only on the
/// estimate, never on which thread wrote it).
fn write_outputs(
    dir: &Path,
    est: &Estimate,
    catalog: &Catalog,
    meta: &RunMeta,
    ui: &Ui,
    jobs: usize,
) -> Result<(), String> {
    use rayon::prelude::*;
    let lang = ui.lang;
    let io = |e: std::io::Error| e.to_string();
    let xlsx = |e: rust_xlsxwriter::XlsxError| e.to_string();
    // Longest first, so the short ones fill in beside them.
    let outputs: Vec<(&str, Writer<'_>)> = vec![
        (
            "khai-toan-khcn.xlsx",
            Box::new(move |w| report::science::write(w, est, catalog, meta).map_err(xlsx)),
        ),
        (
            "du-toan-tai-chinh.xlsx",
            Box::new(move |w| report::finance::write(w, est, catalog, meta).map_err(xlsx)),
        ),
        (
            "needs.json",
            Box::new(move |w| report::json::write_needs_json(w, est, catalog, lang).map_err(io)),
        ),
        (
            "diagnostics.json",
            Box::new(move |w| {
                report::json::write_diagnostics_json(w, &est.needs.diagnostics, lang).map_err(io)
            }),
        ),
        (
            "needs.csv",
            Box::new(move |w| report::csv::write_needs_csv(w, est).map_err(|e| e.to_string())),
        ),
    ];
    let pid = std::process::id();
    let write_one = |(name, write): &(&str, Writer<'_>)| -> (PathBuf, PathBuf, Result<(), String>) {
        let started = std::time::Instant::now();
        let tmp = dir.join(format!(".{name}.{pid}.tmp"));
        let res = File::create(&tmp).map_err(io).and_then(|f| {
            let mut w = BufWriter::with_capacity(1 << 16, f);
            write(&mut w)?;
            let f = w.into_inner().map_err(|e| e.to_string())?;
            f.sync_all().map_err(io)
        });
        super::timing(name, started);
        (tmp, dir.join(name), res)
    };
    let done: Vec<(PathBuf, PathBuf, Result<(), String>)> = match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
    {
        Ok(pool) => pool.install(|| outputs.par_iter().with_max_len(1).map(write_one).collect()),
        Err(_) => outputs.iter().map(write_one).collect(),
    };
    let cleanup = || {
        for (t, _, _) in &done {
            let _ = std::fs::remove_file(t);
        }
    };
    for (_, fin, res) in &done {
        if let Err(e) = res {
            cleanup();
            return Err(format!("{}: {e}", fin.display()));
        }
    }
    for (tmp, fin, _) in &done {
        if let Err(e) = std::fs::rename(tmp, fin) {
            cleanup();
            return Err(format!("{}: {e}", fin.display()));
        }
    }
    Ok(())
}
