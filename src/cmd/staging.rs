//! Atomic outputs (SPEC §1): every file is written under a temporary name beside its final
//! one, and only when all are written are they renamed into place, so a crash never leaves a
//! half-written file under its final name and a failure leaves the previous outputs intact.

use super::Ui;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// An output written under a temporary name, or the reason it could not be.
pub struct Staged {
    pub tmp: PathBuf,
    pub fin: PathBuf,
    pub res: Result<(), String>,
}

/// The temporary name of `name` in `dir`: hidden, and marked with the process id.
pub fn tmp_name(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Write `name` in `dir` under its temporary name through `write`; with `sync`, flush it to
/// disk before returning.
pub fn stage(
    dir: &Path,
    name: &str,
    sync: bool,
    write: &dyn Fn(&mut BufWriter<File>) -> Result<(), String>,
) -> Staged {
    let tmp = tmp_name(dir, name);
    let res = File::create(&tmp).map_err(|e| e.to_string()).and_then(|f| {
        let mut w = BufWriter::with_capacity(1 << 16, f);
        write(&mut w)?;
        let f = w.into_inner().map_err(|e| e.to_string())?;
        if sync {
            f.sync_all().map_err(|e| e.to_string())?;
        }
        Ok(())
    });
    Staged {
        tmp,
        fin: dir.join(name),
        res,
    }
}

/// Rename every staged file into place, or none: on a failed write, or a final name held by a
/// folder (whose rename would fail after others had replaced their files), every temporary
/// file is removed and the error names the file.
pub fn commit(ui: &Ui, staged: &[Staged]) -> Result<(), String> {
    let cleanup = || {
        for s in staged {
            let _ = std::fs::remove_file(&s.tmp);
        }
    };
    for s in staged {
        if let Err(e) = &s.res {
            cleanup();
            return Err(format!("{}: {e}", s.fin.display()));
        }
    }
    for s in staged {
        if std::fs::symlink_metadata(&s.fin).is_ok_and(|m| m.is_dir()) {
            cleanup();
            return Err(format!(
                "{}: {}",
                s.fin.display(),
                ui.t(
                    "is a folder; nothing was written",
                    "là một thư mục; chưa ghi tệp nào"
                )
            ));
        }
    }
    for s in staged {
        if let Err(e) = std::fs::rename(&s.tmp, &s.fin) {
            cleanup();
            return Err(format!("{}: {e}", s.fin.display()));
        }
    }
    Ok(())
}
