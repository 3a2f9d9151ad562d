//! `rasoat check` (SPEC §1): read every submission and report findings (no outputs written).

use super::{exit_for, prepare, progress, Exit, Ui};
use crate::cli::{CheckArgs, CheckFormat};
use rasoat::report::check_report;

pub fn check(ui: &Ui, a: CheckArgs) -> Exit {
    let (cands, catalog, opts) = match prepare(ui, &a.input) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let pb = progress(ui, cands.len());
    let needs = super::read_needs(ui, &cands, &catalog, &opts, pb.as_ref(), true);
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    let text = match a.format {
        CheckFormat::Human => check_report::human(
            &needs,
            ui.lang,
            ui.color && std::io::IsTerminal::is_terminal(&std::io::stdout()),
        ),
        CheckFormat::Json => check_report::json(&needs, ui.lang),
        CheckFormat::Junit => check_report::junit(&needs, ui.lang),
        CheckFormat::Github => check_report::github(&needs, ui.lang),
    };
    if !ui.quiet || a.format != CheckFormat::Human {
        super::out(&text);
    } else {
        // --quiet: only the errors.
        for d in needs.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("{}", check_report::human_line(d, ui.lang, false));
        }
    }
    debug_details(&needs.diagnostics);
    exit_for(&needs.diagnostics, a.strict.strict)
}

/// `RASOAT_DEBUG=1`: the library's own words behind each unreadable file, on stderr. They
/// never appear in a message: an officer can act on none of them.
fn debug_details(diags: &[rasoat::diag::Diagnostic]) {
    if std::env::var_os("RASOAT_DEBUG").is_none_or(|v| v.is_empty()) {
        return;
    }
    for d in diags {
        if let rasoat::diag::Msg::FileUnreadable(u) = &d.msg {
            if let Some(detail) = u.detail() {
                let file = d.file.as_deref().unwrap_or("-");
                eprintln!(
                    "debug: {}: {}",
                    rasoat::report::terminal::escape(file),
                    rasoat::report::terminal::escape(detail)
                );
            }
        }
    }
}
