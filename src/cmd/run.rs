//! `rasoat run`: the whole pipeline into `--out`, then a summary.

use super::{exit_for, prepare, progress, Exit, Ui};
use crate::cli::{RunArgs, SummaryFormat};
use rasoat::catalog::Catalog;
use rasoat::cost::Estimate;
use rasoat::pipeline;
use rasoat::report::{self, RunMeta};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufWriter, Write};
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
    let est = match pipeline::estimate(&cands, &catalog, &opts, &tick) {
        Ok(e) => e,
        Err(e) => {
            ui.error(&e.to_string());
            return Exit::Usage;
        }
    };
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    if std::env::var_os("RASOAT_TIMINGS").is_some() {
        eprintln!(
            "timing: read, needs and costs {:.3} s",
            started.elapsed().as_secs_f64()
        );
    }
    let files = cands
        .iter()
        .map(|c| {
            let sha = std::fs::read(&c.path)
                .map(|b| hex(&Sha256::digest(&b)))
                .unwrap_or_default();
            (c.file.clone(), sha)
        })
        .collect();
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let meta = RunMeta {
        files,
        created: report::creation_time(&catalog, epoch.as_deref()),
    };
    if let Err(e) = write_outputs(&a.out, &est, &catalog, &meta, ui) {
        ui.error(&e);
        return Exit::Usage;
    }
    if !ui.quiet {
        match a.format {
            SummaryFormat::Json => {
                super::out(&format!("{}\n", report::summary::json(&est, &catalog)))
            }
            SummaryFormat::Table => super::out(&report::summary::table(&est, &catalog, ui.lang)),
        }
    }
    exit_for(&est.needs.diagnostics, a.input.strict)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

type Writer<'a> = Box<dyn Fn(&mut BufWriter<File>) -> Result<(), String> + 'a>;

/// Write every output to a temporary name in `dir`, then rename them all into place, so a
/// crash never leaves a half-written file under its final name. Outputs are streamed.
fn write_outputs(
    dir: &Path,
    est: &Estimate,
    catalog: &Catalog,
    meta: &RunMeta,
    ui: &Ui,
) -> Result<(), String> {
    let lang = ui.lang;
    let io = |e: std::io::Error| e.to_string();
    let outputs: Vec<(&str, Writer<'_>)> = vec![
        (
            "needs.json",
            Box::new(move |w| report::json::write_needs_json(w, est, catalog, lang).map_err(io)),
        ),
        (
            "needs.csv",
            Box::new(move |w| report::csv::write_needs_csv(w, est).map_err(|e| e.to_string())),
        ),
        (
            "du-toan-tai-chinh.xlsx",
            Box::new(move |w| {
                let b = report::finance::workbook(est, catalog, meta).map_err(|e| e.to_string())?;
                w.write_all(&b).map_err(io)
            }),
        ),
        (
            "khai-toan-khcn.xlsx",
            Box::new(move |w| {
                let b = report::science::workbook(est, catalog, meta).map_err(|e| e.to_string())?;
                w.write_all(&b).map_err(io)
            }),
        ),
        (
            "diagnostics.json",
            Box::new(move |w| {
                report::json::write_diagnostics_json(w, &est.needs.diagnostics, lang).map_err(io)
            }),
        ),
    ];
    let pid = std::process::id();
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |temps: &[(PathBuf, PathBuf)]| {
        for (t, _) in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    let timings = std::env::var_os("RASOAT_TIMINGS").is_some();
    for (name, write) in &outputs {
        let started = std::time::Instant::now();
        let tmp = dir.join(format!(".{name}.{pid}.tmp"));
        let res = File::create(&tmp).map_err(io).and_then(|f| {
            let mut w = BufWriter::new(f);
            write(&mut w)?;
            let f = w.into_inner().map_err(|e| e.to_string())?;
            f.sync_all().map_err(io)
        });
        temps.push((tmp.clone(), dir.join(name)));
        if timings {
            eprintln!("timing: {name} {:.3} s", started.elapsed().as_secs_f64());
        }
        if let Err(e) = res {
            cleanup(&temps);
            return Err(format!("{}: {e}", dir.join(name).display()));
        }
    }
    for (tmp, fin) in &temps {
        if let Err(e) = std::fs::rename(tmp, fin) {
            cleanup(&temps);
            return Err(format!("{}: {e}", fin.display()));
        }
    }
    Ok(())
}
