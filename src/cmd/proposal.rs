//! `rasoat proposal` (SPEC §8): the pipeline of `run`, then each unit's tờ trình and dự toán in
//! `<out>/<CODE>/`, and `<out>/proposals.json`.

use super::staging::{commit, stage, Staged};
use super::{exit_for, prepare, progress, Exit, Ui};
use crate::cli::ProposalArgs;
use rasoat::diag::Lang;
use rasoat::report::kit::Styles;
use rasoat::report::proposal::{self, docx, xlsx, Proposal};
use rasoat::report::{self, Created};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn proposal(ui: &Ui, a: ProposalArgs) -> Exit {
    let started = std::time::Instant::now();
    let (cands, catalog, mut opts) = match prepare(ui, &a.input) {
        Ok(x) => x,
        Err(e) => return e,
    };
    // Part 1 of each paper lists the unit's own counted rows: keep every verdict.
    opts.keep_details = true;
    super::timing("catalog and file list", started);
    let pb = progress(ui, cands.len());
    // No purge: writing thousands of documents allocates and frees large buffers all the
    // time, and returning each to the system at once made that phase several times slower.
    let est = match super::compute(ui, &cands, &catalog, &opts, pb.as_ref(), false) {
        Ok(e) => e,
        Err(e) => return e,
    };
    let only = (!a.unit.is_empty()).then_some(a.unit.as_slice());
    let props = match proposal::gather(&est, &catalog, only) {
        Ok(p) => p,
        Err(code) => {
            if let Some(pb) = &pb {
                pb.finish_and_clear();
            }
            ui.error(&format!(
                "{} '{code}'",
                ui.t(
                    "--unit names no accepted submission:",
                    "--unit không phải đơn vị có bản nộp hợp lệ:"
                )
            ));
            return Exit::Usage;
        }
    };
    if let Err(e) = super::create_out(ui, &a.out) {
        if let Some(pb) = &pb {
            pb.finish_and_clear();
        }
        return e;
    }
    if let Some(pb) = &pb {
        pb.set_message(ui.t("writing the papers…", "đang ghi tờ trình, dự toán…"));
        pb.set_length(props.len() as u64);
        pb.set_position(0);
    }
    let started = std::time::Instant::now();
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let created = report::creation_time(&catalog, epoch.as_deref());
    let tick = || {
        if let Some(pb) = &pb {
            pb.inc(1);
        }
    };
    let written = write_all(
        &a.out, &props, &est, &catalog, created, ui, opts.jobs, &tick,
    );
    if let Some(pb) = &pb {
        pb.finish_and_clear();
    }
    if let Err(e) = written {
        ui.error(&e);
        return Exit::Usage;
    }
    super::timing("papers", started);
    if !ui.quiet {
        let units = match ui.lang {
            Lang::En => report::en_count(props.len() as u64, "unit", "units"),
            Lang::Vi => format!("{} đơn vị", props.len()),
        };
        super::out(&format!(
            "{units}: {} {}{}\n",
            ui.t(
                "tờ trình and dự toán written to",
                "đã ghi tờ trình và dự toán vào"
            ),
            a.out.display(),
            ui.t(
                " (list in proposals.json)",
                " (danh sách trong proposals.json)"
            ),
        ));
        // The exit code follows the diagnostics, as `run`'s does: say what they are and where
        // to see them.
        let (errors, warnings) = report::summary::counts(&est);
        if errors + warnings > 0 {
            super::out(&match ui.lang {
                Lang::En => format!(
                    "{}, {} in the submissions (not on these papers): `rasoat check` on the same files lists them\n",
                    report::en_count(errors as u64, "error", "errors"),
                    report::en_count(warnings as u64, "warning", "warnings")
                ),
                Lang::Vi => format!(
                    "{errors} lỗi, {warnings} cảnh báo trong các phiếu (không ghi trên các văn bản này): lệnh `rasoat check` trên cùng các tệp liệt kê chi tiết\n"
                ),
            });
        }
    }
    let exit = exit_for(&est.needs.diagnostics, a.strict.strict);
    // As in `run`: the process ends here, nothing to free one by one.
    std::mem::forget(est);
    exit
}

const DOCX: &str = "to-trinh.docx";
const XLSX: &str = "du-toan.xlsx";
const LIST: &str = "proposals.json";

/// Write every unit's two files and the list, each under a temporary name, on `jobs` threads
/// (each file's bytes depend only on its unit); then rename them all into place. Unit folders
/// this run had to create are removed again if anything fails.
#[allow(clippy::too_many_arguments)]
fn write_all(
    out: &Path,
    props: &[Proposal<'_>],
    est: &rasoat::cost::Estimate,
    catalog: &rasoat::catalog::Catalog,
    created: Created,
    ui: &Ui,
    jobs: usize,
    tick: &(dyn Fn() + Sync),
) -> Result<(), String> {
    let st = Styles::new();
    let template = docx::Template::new(&proposal::iso_time(created));
    let made = std::sync::Mutex::new(Vec::<PathBuf>::new());
    let one = |p: &Proposal<'_>| -> [Staged; 2] {
        let dir = out.join(&p.folder);
        let fail = |name: &str, e: String| Staged {
            tmp: super::staging::tmp_name(&dir, name),
            fin: dir.join(name),
            res: Err(e),
        };
        if !dir.is_dir() {
            if let Err(e) = std::fs::create_dir(&dir) {
                let e = e.to_string();
                return [fail(DOCX, e.clone()), fail(XLSX, e)];
            }
            made.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(dir.clone());
        }
        let bytes = |b: Result<Vec<u8>, String>| {
            move |w: &mut std::io::BufWriter<std::fs::File>| {
                w.write_all(b.as_ref().map_err(String::clone)?)
                    .map_err(|e| e.to_string())
            }
        };
        let d = stage(
            &dir,
            DOCX,
            false,
            &bytes(docx::to_trinh(p, est, catalog, &template)),
        );
        let x = stage(
            &dir,
            XLSX,
            false,
            &bytes(xlsx::du_toan(p, est, catalog, created, &st).map_err(|e| e.to_string())),
        );
        tick();
        [d, x]
    };
    // Twice the workers: each spends about half its time waiting, on the file system (two
    // files and a folder a unit) and on the thread rust_xlsxwriter starts to save a workbook.
    // With one per core the cores stood idle half the time.
    let threads = match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .saturating_mul(2)
    .clamp(1, props.len().max(1));
    let mut staged: Vec<Staged> = match rayon::ThreadPoolBuilder::new().num_threads(threads).build()
    {
        Ok(pool) => pool.install(|| props.par_iter().flat_map_iter(one).collect()),
        Err(_) => props.iter().flat_map(one).collect(),
    };
    let list = proposal::proposals_json(props);
    staged.push(stage(out, LIST, false, &|w| {
        w.write_all(list.as_bytes()).map_err(|e| e.to_string())
    }));
    let res = commit(ui, &staged);
    if res.is_err() {
        let made = made
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for d in made {
            // Only if empty: nothing of the unit's previous papers is touched.
            let _ = std::fs::remove_dir(d);
        }
    }
    res
}
