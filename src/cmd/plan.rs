//! `rasoat plan`: phase a needs.json over years within a yearly budget (SPEC §11), writing
//! `plan.json` and `lo-trinh.xlsx` into `--out`, then the years table.

use super::{load_catalog, Exit, Ui};
use crate::cli::{PlanArgs, SummaryFormat};
use rasoat::plan;
use rasoat::report::{self, plan_xlsx};
use std::io::Write;
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
    // Catalog findings are printed by `load_catalog`; the exit code says the rest.
    // Catalog findings are printed as they are found: nothing more to say.
    let catalog = load_catalog(ui, a.catalog.as_deref()).map_err(|_| String::new())?;
    let needs = rasoat::needs_json::load(&a.needs).map_err(|e| e.message(lang))?;
    let file = rasoat::needs_json::file_of(&a.needs).display().to_string();
    let req = plan::request(&needs, &catalog, &file).map_err(|e| e.message(lang))?;
    drop(needs);
    super::timing("read needs", started);
    let started = std::time::Instant::now();
    let roadmap = plan::allocate(&req, &catalog, budget, years).map_err(|e| e.message(lang))?;
    super::timing("plan", started);
    let started = std::time::Instant::now();
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let created = report::creation_time(&catalog, epoch.as_deref());
    let doc = plan_xlsx::Doc {
        plan: &roadmap,
        req: &req,
        catalog: &catalog,
        years,
        created,
    };
    // plan.json and the workbook side by side (the workbook fills its two long sheets side by
    // side too).
    let (json, xlsx) = rayon::join(
        || {
            let mut b = Vec::new();
            report::json::write_records(&mut b, &roadmap).map(|()| b)
        },
        || plan_xlsx::workbook(&doc),
    );
    let json = json.map_err(|e| format!("{}: {e}", a.out.join("plan.json").display()))?;
    let xlsx = xlsx.map_err(|e| format!("{}: {e}", a.out.join(plan_xlsx::FILE).display()))?;
    super::timing("outputs built", started);
    let started = std::time::Instant::now();
    write_atomically(
        ui,
        &a.out,
        &[("plan.json", &json), (plan_xlsx::FILE, &xlsx)],
    )?;
    super::timing("outputs written", started);
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

/// Create `dir` when missing, write every file to a temporary name in it, then rename them all
/// into place: a crash never leaves a half-written file under its final name, and a failure
/// leaves none of them.
fn write_atomically(ui: &Ui, dir: &Path, files: &[(&str, &[u8])]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| {
        format!(
            "{}: {} {e}",
            dir.display(),
            ui.t(
                "cannot create the output folder:",
                "không tạo được thư mục kết quả:"
            )
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
    for ((name, bytes), t) in files.iter().zip(&tmp) {
        let written = std::fs::File::create(t).and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        });
        if let Err(e) = written {
            cleanup();
            return Err(format!("{}: {e}", dir.join(name).display()));
        }
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
