//! `rasoat run`: the whole pipeline into `--out`, then a summary.

use super::{exit_for, prepare, progress, Exit, Ui};
use crate::cli::{RunArgs, SummaryFormat};
use rasoat::catalog::Catalog;
use rasoat::cost::Estimate;
use rasoat::pipeline;
use rasoat::report::{self, RunMeta};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(ui: &Ui, a: RunArgs) -> Exit {
    let (cands, catalog, opts) = match prepare(ui, &a.input) {
        Ok(x) => x,
        Err(e) => return e,
    };
    if let Err(e) = std::fs::create_dir_all(&a.out) {
        ui.error(&format!("{}: {} {e}", a.out.display(), ui.t("cannot create the output folder:", "không tạo được thư mục kết quả:")));
        return Exit::Usage;
    }
    let pb = progress(ui, cands.len());
    let tick = |f: &str| {
        if let Some(pb) = &pb {
            pb.set_message(f.to_string());
            pb.inc(1);
        }
    };
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
    let files = cands
        .iter()
        .map(|c| {
            let sha = std::fs::read(&c.path).map(|b| hex(&Sha256::digest(&b))).unwrap_or_default();
            (c.file.clone(), sha)
        })
        .collect();
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let meta = RunMeta { files, created: report::creation_time(&catalog, epoch.as_deref()) };
    let outputs = match render(&est, &catalog, &meta, ui) {
        Ok(o) => o,
        Err(e) => {
            ui.error(&e);
            return Exit::Usage;
        }
    };
    if let Err(e) = write_all(&a.out, &outputs) {
        ui.error(&e);
        return Exit::Usage;
    }
    if !ui.quiet {
        match a.format {
            SummaryFormat::Json => println!("{}", report::summary::json(&est, &catalog)),
            SummaryFormat::Table => print!("{}", report::summary::table(&est, &catalog, ui.lang)),
        }
    }
    exit_for(&est.needs.diagnostics, a.input.strict)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn render(est: &Estimate, catalog: &Catalog, meta: &RunMeta, ui: &Ui) -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    let lang = ui.lang;
    let finance = report::finance::workbook(est, catalog, meta).map_err(|e| format!("du-toan-tai-chinh.xlsx: {e}"))?;
    let science = report::science::workbook(est, catalog, meta).map_err(|e| format!("khai-toan-khcn.xlsx: {e}"))?;
    Ok(vec![
        ("needs.json", report::json::needs_json(est, catalog, lang).into_bytes()),
        ("needs.csv", report::csv::needs_csv(est)),
        ("du-toan-tai-chinh.xlsx", finance),
        ("khai-toan-khcn.xlsx", science),
        ("diagnostics.json", report::json::diagnostics_json(&est.needs.diagnostics, lang).into_bytes()),
    ])
}

/// Write every output to a temporary name, then rename them all into place.
fn write_all(dir: &Path, outputs: &[(&'static str, Vec<u8>)]) -> Result<(), String> {
    let pid = std::process::id();
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |temps: &[(PathBuf, PathBuf)]| {
        for (t, _) in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for (name, bytes) in outputs {
        let tmp = dir.join(format!(".{name}.{pid}.tmp"));
        let res = std::fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        });
        if let Err(e) = res {
            cleanup(&temps);
            let _ = std::fs::remove_file(&tmp);
            return Err(format!("{}: {e}", tmp.display()));
        }
        temps.push((tmp, dir.join(name)));
    }
    for (tmp, fin) in &temps {
        if let Err(e) = std::fs::rename(tmp, fin) {
            cleanup(&temps);
            return Err(format!("{}: {e}", fin.display()));
        }
    }
    Ok(())
}
