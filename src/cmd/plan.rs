//! `rasoat plan`: phase a needs.json over years within a yearly budget (SPEC §11), writing
//! `plan.json` and `lo-trinh.xlsx` into `--out`, then the years table.

use super::{load_catalog, Exit, Ui};
use crate::cli::{PlanArgs, SummaryFormat};
use rasoat::plan;
use rasoat::report::{self, plan_xlsx};
use rayon::prelude::*;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

pub fn plan(ui: &Ui, a: PlanArgs) -> Exit {
    match run(ui, &a) {
        Ok(()) => Exit::Ok,
        Err(msg) => {
            if !msg.is_empty() {
                ui.error(&msg);
            }
            Exit::Usage
        }
    }
}

fn run(ui: &Ui, a: &PlanArgs) -> Result<(), String> {
    let started = std::time::Instant::now();
    let lang = ui.lang;
    let budget = plan::parse_budget(&a.budget).map_err(|e| e.message(lang))?;
    let years = plan::parse_years(&a.years).map_err(|e| e.message(lang))?;
    // Catalog findings are printed as they are found: nothing more to say.
    let catalog = load_catalog(ui, a.catalog.as_deref()).map_err(|_| String::new())?;
    let needs = rasoat::needs_json::load(&a.needs).map_err(|e| e.message(lang))?;
    let file = rasoat::needs_json::file_of(&a.needs).display().to_string();
    let req = plan::request(&needs, &catalog, &file).map_err(|e| e.message(lang))?;
    // Allowed (SPEC §11 sets no bound), but a roadmap that starts in or before the year the
    // needs were counted is most likely a typing slip.
    if years.first <= needs.as_of {
        ui.warn(&match lang {
            rasoat::diag::Lang::En => format!(
                "the roadmap starts in {}, not after {}, the year the needs were counted as of",
                years.first, needs.as_of
            ),
            rasoat::diag::Lang::Vi => format!(
                "lộ trình bắt đầu từ năm {}, không sau năm {} là năm tính nhu cầu",
                years.first, needs.as_of
            ),
        });
    }
    // A national file is a million small allocations: freed beside the work, not before it.
    let freed = std::thread::spawn(move || drop(needs));
    super::timing("read needs", started);
    let started = std::time::Instant::now();
    let roadmap = plan::allocate(&req, &catalog, budget, years).map_err(|e| e.message(lang))?;
    super::timing("plan", started);
    let _ = freed.join();
    let started = std::time::Instant::now();
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let doc = plan_xlsx::Doc {
        plan: &roadmap,
        req: &req,
        catalog: &catalog,
        years,
        created: report::creation_time(&catalog, epoch.as_deref()),
    };
    let json: Writer<'_> = &|w| report::json::write_records(w, &roadmap).map_err(|e| e.to_string());
    let xlsx: Writer<'_> = &|w| plan_xlsx::write(w, &doc).map_err(|e| e.to_string());
    write_atomically(ui, &a.out, &[("plan.json", json), (plan_xlsx::FILE, xlsx)])?;
    super::timing("outputs", started);
    if !ui.quiet {
        match a.format {
            SummaryFormat::Json => {
                super::out(&format!("{}\n", report::plan_summary::json(&roadmap)))
            }
            SummaryFormat::Table => super::out(&report::plan_summary::table(&roadmap, lang)),
        }
    }
    Ok(())
}

/// Writes one output file.
type Writer<'a> = &'a (dyn Fn(&mut BufWriter<File>) -> Result<(), String> + Sync);

/// Create `dir` when missing, write every file to a temporary name in it (side by side, each on
/// its own thread), then rename them all into place: a crash never leaves a half-written file
/// under its final name, and a failure leaves none of them.
fn write_atomically(ui: &Ui, dir: &Path, files: &[(&str, Writer<'_>)]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| {
        format!(
            "{}: {} {}",
            dir.display(),
            ui.t(
                "cannot create the output folder:",
                "không tạo được thư mục kết quả:"
            ),
            rasoat::diag::io_error_text(&e, ui.lang)
        )
    })?;
    let pid = std::process::id();
    let tmp: Vec<_> = files
        .iter()
        .map(|(name, _)| dir.join(format!(".{name}.{pid}.tmp")))
        .collect();
    let cleanup = || {
        for t in &tmp {
            let _ = std::fs::remove_file(t);
        }
    };
    let written: Vec<Result<(), String>> = files
        .par_iter()
        .zip(&tmp)
        .map(|((name, write), t)| {
            let res = File::create(t).map_err(|e| e.to_string()).and_then(|f| {
                let mut w = BufWriter::with_capacity(1 << 16, f);
                write(&mut w)?;
                let f = w.into_inner().map_err(|e| e.to_string())?;
                f.sync_all().map_err(|e| e.to_string())
            });
            res.map_err(|e| format!("{}: {e}", dir.join(name).display()))
        })
        .collect();
    if let Some(Err(e)) = written.into_iter().find(Result::is_err) {
        cleanup();
        return Err(e);
    }
    // A final name held by a folder would refuse its rename after the others: check first.
    for (name, _) in files {
        if std::fs::symlink_metadata(dir.join(name)).is_ok_and(|m| m.is_dir()) {
            cleanup();
            return Err(format!(
                "{}: {}",
                dir.join(name).display(),
                ui.t(
                    "is a folder; nothing was written",
                    "là một thư mục; chưa ghi tệp nào"
                )
            ));
        }
    }
    for ((name, _), t) in files.iter().zip(&tmp) {
        if let Err(e) = std::fs::rename(t, dir.join(name)) {
            cleanup();
            return Err(format!("{}: {e}", dir.join(name).display()));
        }
    }
    Ok(())
}
