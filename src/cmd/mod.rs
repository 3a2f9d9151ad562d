//! Commands (SPEC §1): thin compositions of the library's stages. Output to the terminal happens here.

mod catalog;
mod check;
mod diff;
mod explain;
mod plan;
mod proposal;
mod run;
mod staging;
mod template;

use crate::cli::{Cli, Command, InputArgs, LangArg};
use rasoat::catalog::{Catalog, CatalogError};
use rasoat::cost::Estimate;
use rasoat::diag::{Diagnostic, Lang, Severity};
use rasoat::input::{self, Candidate};
use rasoat::pipeline::{self, Options};
use rasoat::read::Limits;
use std::io::IsTerminal;
use std::path::Path;

/// Exit codes (SPEC §1), mapped in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Findings = 1,
    Usage = 2,
}

/// What every command needs to know about the terminal and the language.
pub struct Ui {
    pub lang: Lang,
    pub quiet: bool,
    pub color: bool,
}

impl Ui {
    pub fn t<'a>(&self, en: &'a str, vi: &'a str) -> &'a str {
        self.lang.pick(en, vi)
    }

    /// Print an error to stderr (always, even with --quiet). Paths and catalog texts in it
    /// come from files: their control characters are shown escaped, never obeyed.
    pub fn error(&self, msg: &str) {
        self.say(self.t("error", "lỗi"), "1;31", msg);
    }

    /// Print a warning to stderr, unless --quiet.
    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            self.say(self.t("warning", "cảnh báo"), "1;33", msg);
        }
    }

    /// `prefix: msg` on stderr, the prefix in the SGR colour `sgr` when colour is on.
    fn say(&self, prefix: &str, sgr: &str, msg: &str) {
        let msg = rasoat::report::terminal::escape_keeping_lines(msg);
        if self.color {
            eprintln!("\x1b[{sgr}m{prefix}\x1b[0m: {msg}");
        } else {
            eprintln!("{prefix}: {msg}");
        }
    }
}

pub fn dispatch(cli: Cli) -> Exit {
    let lang = match cli.lang {
        Some(LangArg::Vi) => Lang::Vi,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stderr().is_terminal();
    let ui = Ui {
        lang,
        quiet: cli.quiet,
        color,
    };
    match cli.command {
        Command::Run(a) => run::run(&ui, a),
        Command::Check(a) => check::check(&ui, a),
        Command::Template(a) => template::template(&ui, a),
        Command::Catalog(c) => catalog::catalog(&ui, c),
        Command::Explain(a) => explain::explain(&ui, a),
        Command::Diff(a) => diff::diff(&ui, a),
        Command::Plan(a) => plan::plan(&ui, a),
        Command::Proposal(a) => proposal::proposal(&ui, a),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "rasoat", &mut std::io::stdout());
            Exit::Ok
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            match clap_mangen::Man::new(cmd).render(&mut std::io::stdout()) {
                Ok(()) => Exit::Ok,
                Err(_) => Exit::Usage,
            }
        }
    }
}

/// Write to stdout. A closed pipe (`rasoat check … | head`) is not an error: the reader has
/// what it wanted, so the output simply stops.
pub fn out(text: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(text.as_bytes()).and_then(|_| o.flush());
}

/// Load the catalog (bundled when `dir` is `None`); findings are printed and give exit 2.
pub fn load_catalog(ui: &Ui, dir: Option<&Path>) -> Result<Catalog, Exit> {
    Catalog::load(dir).map_err(|errs| {
        print_catalog_errors(ui, dir, &errs);
        Exit::Usage
    })
}

pub fn print_catalog_errors(ui: &Ui, dir: Option<&Path>, errs: &[CatalogError]) {
    let where_ = dir
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "(bundled)".into());
    for e in errs {
        let r = e.render(ui.lang);
        // A finding on the folder itself (file `.`) names the folder alone.
        match r.strip_prefix(".:") {
            Some(rest) => ui.error(&format!("{where_}:{rest}")),
            None => ui.error(&format!("{where_}/{r}")),
        }
    }
    ui.error(&match ui.lang {
        Lang::En => format!(
            "{} in the catalog {where_}",
            rasoat::report::en_count(errs.len() as u64, "finding", "findings")
        ),
        Lang::Vi => format!("{} lỗi trong danh mục {where_}", errs.len()),
    });
}

/// Candidates, catalog and options from the shared input arguments.
pub fn prepare(ui: &Ui, a: &InputArgs) -> Result<(Vec<Candidate>, Catalog, Options), Exit> {
    let catalog = load_catalog(ui, a.catalog.as_deref())?;
    let cands = input::discover(&a.paths).map_err(|e| {
        ui.error(&e.message(ui.lang));
        Exit::Usage
    })?;
    if cands.is_empty() {
        // Not an error (SPEC is silent; a round may start empty), but a CI job over the wrong
        // folder must not pass unnoticed.
        let paths: Vec<String> = a.paths.iter().map(|p| p.display().to_string()).collect();
        ui.warn(&match ui.lang {
            Lang::En => format!(
                "no submission found in {} (files ending .xlsx, .xlsm, .xls, .xlsb, .ods or .csv)",
                paths.join(", ")
            ),
            Lang::Vi => format!(
                "không thấy phiếu khảo sát nào trong {} (tệp có đuôi .xlsx, .xlsm, .xls, .xlsb, .ods hoặc .csv)",
                paths.join(", ")
            ),
        });
    }
    let limits = Limits {
        max_file_bytes: a.max_file_mb.saturating_mul(1024 * 1024),
        ..Limits::default()
    };
    let opts = Options {
        as_of: a.as_of.unwrap_or(catalog.reference_year),
        limits,
        jobs: a.jobs,
        keep_details: false,
    };
    Ok((cands, catalog, opts))
}

/// A progress bar on stderr for long runs, only when stderr is a terminal.
pub fn progress(ui: &Ui, n: usize) -> Option<indicatif::ProgressBar> {
    if ui.quiet || n < 20 || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {rate} ETA {eta} {wide_msg}")
    {
        // Files per second as a whole number (indicatif's `per_sec` prints four decimals).
        let rate = |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}/s", s.per_sec());
        };
        pb.set_style(style.with_key("rate", rate));
    }
    Some(pb)
}

/// `-o FILE.xlsx` must name an .xlsx file: workbook bytes under `.csv` or `.txt` open as
/// garbage, or not at all. A usage error, before anything is read or written.
pub fn xlsx_name(ui: &Ui, path: &Path) -> Result<(), Exit> {
    let ok = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if ok {
        return Ok(());
    }
    ui.error(&format!(
        "{}: {}",
        path.display(),
        ui.t(
            "the workbook is an .xlsx file: give a name ending in .xlsx; nothing was written",
            "bảng tính là tệp .xlsx: đặt tên tệp có đuôi .xlsx; chưa ghi tệp nào"
        )
    ));
    Err(Exit::Usage)
}

/// Create the output folder (`--out`); a folder that cannot be made is a usage error.
pub fn create_out(ui: &Ui, out: &Path) -> Result<(), Exit> {
    std::fs::create_dir_all(out).map_err(|e| {
        ui.error(&format!(
            "{}: {} {}",
            out.display(),
            ui.t(
                "cannot create the output folder:",
                "không tạo được thư mục kết quả:"
            ),
            rasoat::diag::io_error_text(&e, ui.lang)
        ));
        Exit::Usage
    })
}

/// Show on the bar (if any) what the run is doing now, redrawn on a timer: no file ticks it.
pub fn phase(ui: &Ui, pb: Option<&indicatif::ProgressBar>, en: &str, vi: &str) {
    if let Some(pb) = pb {
        pb.set_message(ui.t(en, vi).to_string());
        pb.enable_steady_tick(std::time::Duration::from_millis(250));
    }
}

/// Read every candidate (ticking the progress bar) and compute the needs: `check`, and the
/// first half of [`compute`]. `purge`: return the readers' memory to the system at once (only
/// when no other thread of ours runs; see `purge_at_once`).
pub fn read_needs(
    ui: &Ui,
    cands: &[Candidate],
    catalog: &Catalog,
    opts: &Options,
    pb: Option<&indicatif::ProgressBar>,
    purge: bool,
) -> rasoat::needs::Needs {
    let tick = |f: &str| {
        if let Some(pb) = pb {
            // A file's name is file-derived text: escaped for the terminal.
            pb.set_message(rasoat::report::terminal::escape(f).into_owned());
            pb.inc(1);
        }
    };
    let started = std::time::Instant::now();
    let surveys = pipeline::read_all(cands, catalog, opts, &tick);
    if purge {
        crate::purge_at_once();
    }
    timing("read", started);
    // The bar stays up after reading: a national run then works for seconds more.
    phase(
        ui,
        pb,
        "computing needs and costs…",
        "đang tính nhu cầu và kinh phí…",
    );
    let started = std::time::Instant::now();
    let needs = rasoat::needs::compute(surveys, catalog, opts.as_of);
    timing("needs", started);
    needs
}

/// Read, compute needs and cost them, as `run` and `proposal` share it (SPEC §8: the same
/// figures). An estimate too large to state is a usage error, said here.
pub fn compute(
    ui: &Ui,
    cands: &[Candidate],
    catalog: &Catalog,
    opts: &Options,
    pb: Option<&indicatif::ProgressBar>,
    purge: bool,
) -> Result<Estimate, Exit> {
    let needs = read_needs(ui, cands, catalog, opts, pb, purge);
    let started = std::time::Instant::now();
    let est = rasoat::cost::estimate(needs, catalog).map_err(|e| {
        if let Some(pb) = pb {
            pb.finish_and_clear();
        }
        ui.error(&e.message(ui.lang));
        Exit::Usage
    })?;
    timing("costs", started);
    Ok(est)
}

/// Exit code from diagnostics: 1 on any error (or any warning with --strict).
pub fn exit_for(diags: &[Diagnostic], strict: bool) -> Exit {
    let bad = diags
        .iter()
        .any(|d| d.severity() == Severity::Error || (strict && d.severity() == Severity::Warning));
    if bad {
        Exit::Findings
    } else {
        Exit::Ok
    }
}

/// With `RASOAT_TIMINGS` set, print how long a phase took and the process's memory (resident
/// now, and its peak so far; Linux only) on stderr. Used by `scripts/bench.sh`.
pub fn timing(phase: &str, started: std::time::Instant) {
    if std::env::var_os("RASOAT_TIMINGS").is_none() {
        return;
    }
    let secs = started.elapsed().as_secs_f64();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse::<u64>().ok()
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(rss), Some(peak)) => eprintln!(
            "timing: {phase} {secs:.3} s (resident {} MiB, peak {} MiB)",
            rss / 1024,
            peak / 1024
        ),
        _ => eprintln!("timing: {phase} {secs:.3} s"),
    }
}
