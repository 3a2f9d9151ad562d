//! `rasoat diff OLD NEW`: what changed between two rounds (SPEC §10). Reads both files side by
//! side, compares them, writes the Finance workbook when asked (atomically), prints the table
//! or the JSON, and answers like diff(1): 0 no difference, 1 differences, 2 trouble.

use super::{Exit, Ui};
use crate::cli::{DiffArgs, SummaryFormat};
use rasoat::needs_json::{self, NeedsFile};
use rasoat::report::diff_table::escape;
use rasoat::report::{self, diff_xlsx};
use std::io::Write;

pub fn diff(ui: &Ui, a: DiffArgs) -> Exit {
    if let Some(Err(e)) = a.output.as_deref().map(|p| super::xlsx_name(ui, p)) {
        return e;
    }
    let started = std::time::Instant::now();
    // National files are ~150 MB each: read both at once.
    let (old, new) = rayon::join(|| needs_json::load(&a.old), || needs_json::load(&a.new));
    super::timing("read", started);
    let (old, new) = match (old, new) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            for e in [o.err(), n.err()].into_iter().flatten() {
                ui.error(&escape(&e.message(ui.lang)));
            }
            return Exit::Usage;
        }
    };
    let started = std::time::Instant::now();
    let d = rasoat::diff::diff(&old, &new);
    super::timing("diff", started);
    if let Some(path) = &a.output {
        let started = std::time::Instant::now();
        let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
        // The catalog names items and channels when it is the one NEW was made with.
        let catalog = match rasoat::catalog::Catalog::load(a.catalog.as_deref()) {
            Ok(c) => Some(c),
            Err(errs) if a.catalog.is_some() => {
                super::print_catalog_errors(ui, a.catalog.as_deref(), &errs);
                return Exit::Usage;
            }
            Err(_) => None,
        }
        .filter(|c| c.name == new.catalog.name && c.effective == new.catalog.effective);
        let meta = diff_xlsx::DiffMeta {
            old_file: &needs_json::file_of(&a.old).display().to_string(),
            new_file: &needs_json::file_of(&a.new).display().to_string(),
            created: report::creation_time_at(&new.catalog.effective, epoch.as_deref()),
            catalog: catalog.as_ref(),
        };
        let written = diff_xlsx::workbook(&d, &meta)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                super::template::write_atomic(path, &bytes)
                    .map_err(|e| rasoat::diag::io_error_text(&e, ui.lang))
            });
        if let Err(e) = written {
            ui.error(&escape(&format!(
                "{}: {e}; {}",
                path.display(),
                ui.t("nothing was written", "chưa ghi tệp nào")
            )));
            return Exit::Usage;
        }
        super::timing("workbook", started);
    }
    if !ui.quiet {
        match a.format {
            SummaryFormat::Table => super::out(&report::diff_table::table(&d, ui.lang)),
            SummaryFormat::Json => {
                // A closed pipe (`| head`) only ends the output, as `out` does.
                let mut w = std::io::BufWriter::new(std::io::stdout().lock());
                let _ = serde_json::to_writer_pretty(&mut w, &d)
                    .map_err(std::io::Error::from)
                    .and_then(|()| w.write_all(b"\n"))
                    .and_then(|()| w.flush());
            }
        }
    }
    let exit = if d.differs() {
        Exit::Findings
    } else {
        Exit::Ok
    };
    drop(d);
    // The process ends here: freeing a million small strings one by one would only delay it.
    std::mem::forget::<(NeedsFile, NeedsFile)>((old, new));
    exit
}
