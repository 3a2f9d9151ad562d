//! `rasoat template` (SPEC §1): write the blank survey workbook units fill in.

use super::{load_catalog, Exit, Ui};
use crate::cli::TemplateArgs;
use rasoat::report;
use rasoat::template;
use std::io::Write;
use std::path::Path;

pub fn template(ui: &Ui, a: TemplateArgs) -> Exit {
    if let Err(e) = super::xlsx_name(ui, &a.output) {
        return e;
    }
    let catalog = match load_catalog(ui, a.catalog.as_deref()) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let unit_type = match a.unit_type.as_deref() {
        None => None,
        Some(s) => match template::parse_unit_type(s) {
            Some(t) => Some(t),
            None => {
                ui.error(&format!(
                    "{} '{s}': {}",
                    ui.t("invalid --unit-type", "--unit-type không hợp lệ"),
                    ui.t(
                        "expected BLOCK/LEVEL with BLOCK dang, mttq or ctxh and LEVEL city or commune, e.g. dang/commune",
                        "cần dạng KHỐI/CẤP, KHỐI là dang, mttq hoặc ctxh, CẤP là city hoặc commune, ví dụ dang/commune",
                    )
                ));
                return Exit::Usage;
            }
        },
    };
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let created = report::creation_time(&catalog, epoch.as_deref());
    let bytes = match template::workbook(&catalog, unit_type, created) {
        Ok(b) => b,
        Err(e) => {
            ui.error(&format!(
                "{}: {e}",
                ui.t("cannot build the workbook", "không tạo được bảng tính")
            ));
            return Exit::Usage;
        }
    };
    if let Err(e) = write_atomic(&a.output, &bytes) {
        ui.error(&format!(
            "{}: {}",
            a.output.display(),
            rasoat::diag::io_error_text(&e, ui.lang)
        ));
        return Exit::Usage;
    }
    if !ui.quiet {
        let n = template::listed_items(&catalog, unit_type).len();
        super::out(&format!(
            "{} {} ({n} {} {})\n",
            ui.t("wrote", "đã ghi"),
            a.output.display(),
            ui.t("items from", "thiết bị theo"),
            catalog.name
        ));
    }
    Exit::Ok
}

/// Write to a temporary name beside `path`, then rename it into place. Only a regular file is
/// replaced: the rename would otherwise put the workbook in place of a device, a pipe or a
/// symbolic link (`-o /dev/stdout` replaced the link, run as root `-o /dev/full` the device).
pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(md) if !md.is_file() => {
            return Err(std::io::Error::other(
                "exists and is not a regular file; give the path of a new or existing .xlsx file",
            ))
        }
        _ => {}
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let res = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
}
