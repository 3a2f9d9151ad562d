//! Renderers of `rasoat check` (SPEC §1, §3 "Diagnostics"): human (compiler-style), JSON,
//! JUnit XML, GitHub annotations. All render the same diagnostic stream. Text that comes from
//! a file (file and sheet names, cell texts in messages) is escaped for the terminal in the
//! human and GitHub forms ([`super::terminal`]).

use super::terminal::escape;
use crate::diag::{Diagnostic, Lang, Severity};
use crate::needs::{FileStatus, Needs, Outcome};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;

/// `file.xlsx: Hiện trạng!F12: error[E-QTY-NEGATIVE]: message`
pub fn human_line(d: &Diagnostic, lang: Lang, color: bool) -> String {
    let mut s = String::new();
    s.push_str(&escape(d.file.as_deref().unwrap_or("-")));
    s.push_str(": ");
    match (d.sheet.as_deref().map(escape), d.cell_a1()) {
        (Some(sh), Some(c)) => {
            let _ = write!(s, "{sh}!{c}: ");
        }
        (Some(sh), None) => {
            let _ = write!(s, "{sh}: ");
        }
        (None, Some(c)) => {
            let _ = write!(s, "{c}: ");
        }
        (None, None) => {}
    }
    let sev = match (d.severity(), lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Error, Lang::Vi) => "lỗi",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Warning, Lang::Vi) => "cảnh báo",
    };
    let code = d.code.as_str();
    if color {
        let c = if d.is_error() { "31" } else { "33" };
        let _ = write!(s, "\x1b[1;{c}m{sev}[{code}]\x1b[0m: ");
    } else {
        let _ = write!(s, "{sev}[{code}]: ");
    }
    // Messages quote cell texts: the whole message is escaped (its own words hold no control).
    s.push_str(&escape(&d.msg.render(lang)));
    s
}

/// Diagnostics grouped by file, in their sorted order.
fn by_file(needs: &Needs) -> HashMap<&str, Vec<&Diagnostic>> {
    let mut m: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in &needs.diagnostics {
        m.entry(d.file.as_deref().unwrap_or(""))
            .or_default()
            .push(d);
    }
    m
}

/// (errors, warnings) of one file.
fn counts(groups: &HashMap<&str, Vec<&Diagnostic>>, file: &str) -> (usize, usize) {
    let ds = groups.get(file).map(Vec::as_slice).unwrap_or(&[]);
    let e = ds.iter().filter(|d| d.is_error()).count();
    (e, ds.len() - e)
}

fn outcome_text(o: Outcome, lang: Lang) -> &'static str {
    match (o, lang) {
        (Outcome::Accepted, Lang::En) => "accepted",
        (Outcome::Accepted, Lang::Vi) => "được tiếp nhận",
        (Outcome::Superseded, Lang::En) => "superseded by a later submission",
        (Outcome::Superseded, Lang::Vi) => "đã được thay bằng bản nộp sau",
        (Outcome::Conflict, Lang::En) => "left out: conflicting submissions",
        (Outcome::Conflict, Lang::Vi) => "bị loại: các bản nộp mâu thuẫn",
        (Outcome::LeftOut, Lang::En) => "left out",
        (Outcome::LeftOut, Lang::Vi) => "bị loại",
    }
}

/// For each superseded file, the file kept instead and whether the two are the same bytes;
/// built once for the report (a national run has thousands of files).
fn kept_instead(needs: &Needs) -> HashMap<&str, (&str, bool)> {
    let sha: HashMap<&str, [u8; 32]> = needs
        .files
        .iter()
        .filter_map(|f| Some((f.file.as_str(), f.sha256?)))
        .collect();
    needs
        .superseded
        .iter()
        .map(|s| {
            let same = matches!(
                (sha.get(s.file.as_str()), sha.get(s.by.as_str())),
                (Some(a), Some(b)) if a == b
            );
            (s.file.as_str(), (s.by.as_str(), same))
        })
        .collect()
}

/// What became of file `f`: for a superseded file, the file kept instead, and whether it is
/// the same file twice (same bytes) rather than a later revision.
fn outcome_of(f: &FileStatus, kept: &HashMap<&str, (&str, bool)>, lang: Lang) -> String {
    let found = (f.outcome == Outcome::Superseded)
        .then(|| kept.get(f.file.as_str()))
        .flatten();
    let Some(&(by, same)) = found else {
        return outcome_text(f.outcome, lang).to_string();
    };
    let by = escape(by);
    match (same, lang) {
        (true, Lang::En) => format!("an identical copy of {by}, which is used"),
        (true, Lang::Vi) => format!("là bản sao giống hệt {by}, tệp được dùng"),
        (false, Lang::En) => format!("superseded by {by}"),
        (false, Lang::Vi) => format!("đã được thay bằng {by}"),
    }
}

fn summary_line(
    f: &FileStatus,
    kept: &HashMap<&str, (&str, bool)>,
    groups: &HashMap<&str, Vec<&Diagnostic>>,
    lang: Lang,
) -> String {
    let (e, w) = counts(groups, &f.file);
    let l = &f.ledger;
    let unit = escape(f.unit.as_deref().unwrap_or("?"));
    let file = escape(&f.file);
    let outcome = outcome_of(f, kept, lang);
    match lang {
        Lang::En => format!(
            "{}: unit {unit}, {outcome}; {} read: {} counted, {} skipped, {} unclassified, {} rejected; {}, {}",
            file,
            super::en_count(l.read, "row", "rows"),
            l.counted,
            l.skipped,
            l.unclassified,
            l.rejected,
            super::en_count(e as u64, "error", "errors"),
            super::en_count(w as u64, "warning", "warnings")
        ),
        Lang::Vi => format!(
            "{}: đơn vị {unit}, {outcome}; đọc {} dòng: {} được tính, {} bỏ qua, {} chưa phân loại, {} bị loại; {e} lỗi, {w} cảnh báo",
            file,
            l.read,
            l.counted,
            l.skipped,
            l.unclassified,
            l.rejected
        ),
    }
}

/// Compiler-style findings, then one summary line per file.
pub fn human(needs: &Needs, lang: Lang, color: bool) -> String {
    let mut s = String::new();
    for d in &needs.diagnostics {
        s.push_str(&human_line(d, lang, color));
        s.push('\n');
    }
    if !needs.diagnostics.is_empty() {
        s.push('\n');
    }
    let groups = by_file(needs);
    let kept = kept_instead(needs);
    for f in &needs.files {
        s.push_str(&summary_line(f, &kept, &groups, lang));
        s.push('\n');
    }
    s
}

#[derive(Serialize)]
struct FileJson<'a> {
    file: &'a str,
    unit: Option<&'a str>,
    status: &'static str,
    outcome: Outcome,
    errors: usize,
    warnings: usize,
    ledger: crate::read::Ledger,
}

fn status(e: usize, w: usize) -> &'static str {
    if e > 0 {
        "error"
    } else if w > 0 {
        "warning"
    } else {
        "ok"
    }
}

/// `{"files": [...], "diagnostics": [...]}`.
pub fn json(needs: &Needs, lang: Lang) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        files: Vec<FileJson<'a>>,
        diagnostics: Vec<crate::diag::DiagnosticView<'a>>,
    }
    let groups = by_file(needs);
    let files = needs
        .files
        .iter()
        .map(|f| {
            let (e, w) = counts(&groups, &f.file);
            FileJson {
                file: &f.file,
                unit: f.unit.as_deref(),
                status: status(e, w),
                outcome: f.outcome,
                errors: e,
                warnings: w,
                ledger: f.ledger,
            }
        })
        .collect();
    let doc = Doc {
        files,
        diagnostics: needs.diagnostics.iter().map(|d| d.in_lang(lang)).collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Characters XML 1.0 cannot hold.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' && c != '\r' => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// One test case per file; a file with error diagnostics fails.
pub fn junit(needs: &Needs, lang: Lang) -> String {
    let groups = by_file(needs);
    let failures = needs
        .files
        .iter()
        .filter(|f| counts(&groups, &f.file).0 > 0)
        .count();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"rasoat check\" tests=\"{}\" failures=\"{failures}\">",
        needs.files.len()
    );
    let _ = writeln!(
        s,
        "  <testsuite name=\"submissions\" tests=\"{}\" failures=\"{failures}\">",
        needs.files.len()
    );
    for f in &needs.files {
        let _ = write!(
            s,
            "    <testcase classname=\"rasoat.check\" name=\"{}\"",
            xml_escape(&f.file)
        );
        let ds: &[&Diagnostic] = groups
            .get(f.file.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let errors: Vec<&&Diagnostic> = ds.iter().filter(|d| d.is_error()).collect();
        if ds.is_empty() {
            s.push_str("/>\n");
            continue;
        }
        s.push_str(">\n");
        if !errors.is_empty() {
            let _ = writeln!(
                s,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                xml_escape(&errors[0].msg.render(lang)),
                errors[0].code.as_str(),
                xml_escape(
                    &errors
                        .iter()
                        .map(|d| human_line(d, lang, false))
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            );
        }
        let _ = writeln!(
            s,
            "      <system-out>{}</system-out>",
            xml_escape(
                &ds.iter()
                    .map(|d| human_line(d, lang, false))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        );
        s.push_str("    </testcase>\n");
    }
    s.push_str("  </testsuite>\n</testsuites>\n");
    s
}

/// GitHub Actions workflow commands escape `%`, CR and LF in data, plus `:` and `,` in properties.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=…,title=…::message` lines.
pub fn github(needs: &Needs, lang: Lang) -> String {
    let mut s = String::new();
    for d in &needs.diagnostics {
        let kind = if d.is_error() { "error" } else { "warning" };
        let place = match (d.sheet.as_deref().map(escape), d.cell_a1()) {
            (Some(sh), Some(c)) => format!(" {sh}!{c}"),
            (None, Some(c)) => format!(" {c}"),
            (Some(sh), None) => format!(" {sh}"),
            (None, None) => String::new(),
        };
        let title = format!("{}{place}", d.code.as_str());
        let line = match (&d.sheet, d.cell) {
            (None, Some(c)) => format!(",line={}", c.row),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "::{kind} file={}{line},title={}::{}",
            gh_prop(&escape(d.file.as_deref().unwrap_or(""))),
            gh_prop(&title),
            gh_data(&escape(&d.msg.render(lang)))
        );
    }
    s
}
