//! Finding the submission files named on the command line (SPEC §1).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"];

/// One file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Path relative to the PATH argument it was found under, `/`-separated
    /// (a PATH that is a file gives its file name).
    pub file: String,
    pub path: PathBuf,
    /// Position of the PATH argument, to break ties.
    pub arg: usize,
    /// Read as CSV when the content is not a workbook.
    pub csv: bool,
    /// A folder below a PATH that could not be listed (its files are unknown): reported as an
    /// unreadable input, and the run goes on.
    pub unlisted: Option<String>,
}

#[derive(Debug, Error)]
pub enum InputError {
    #[error("no such file or folder: {0}")]
    Missing(PathBuf),
    #[error("cannot read folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl InputError {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: crate::diag::Lang) -> String {
        match (self, lang) {
            (_, crate::diag::Lang::En) => self.to_string(),
            (InputError::Missing(p), crate::diag::Lang::Vi) => {
                format!("không có tệp hay thư mục: {}", p.display())
            }
            (InputError::Folder { path, source }, crate::diag::Lang::Vi) => {
                format!("không đọc được thư mục {}: {source}", path.display())
            }
        }
    }
}

fn ext_of(p: &Path) -> Option<String> {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

fn is_hidden_or_lock(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$")
}

fn walk(root: &Path, dir: &Path, arg: usize, out: &mut Vec<Candidate>) -> Result<(), InputError> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        // The PATH itself must be readable; a folder below it that is not is one more input
        // that cannot be read, not a reason to stop.
        Err(e) if dir != root => {
            out.push(Candidate {
                file: relative(root, dir),
                path: dir.to_path_buf(),
                arg,
                csv: false,
                unlisted: Some(format!("cannot list the folder: {e}")),
            });
            return Ok(());
        }
        Err(e) => {
            return Err(InputError::Folder {
                path: dir.to_path_buf(),
                source: e,
            })
        }
    };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().to_string();
        if is_hidden_or_lock(&name) {
            continue;
        }
        let Ok(ft) = e.file_type() else { continue };
        let p = e.path();
        if ft.is_symlink() {
            continue;
        }
        if ft.is_dir() {
            walk(root, &p, arg, out)?;
        } else if ft.is_file() {
            let Some(ext) = ext_of(&p) else { continue };
            if !EXTENSIONS.contains(&ext.as_str()) {
                continue;
            }
            out.push(Candidate {
                file: relative(root, &p),
                path: p,
                arg,
                csv: ext == "csv",
                unlisted: None,
            });
        }
    }
    Ok(())
}

/// `path` relative to `root`, `/`-separated (SPEC §6 `file`).
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every candidate file under `paths`, each once, in sorted order of `file` then argument.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Candidate>, InputError> {
    let mut all = Vec::new();
    for (arg, p) in paths.iter().enumerate() {
        let md = std::fs::metadata(p).map_err(|_| InputError::Missing(p.clone()))?;
        if md.is_dir() {
            walk(p, p, arg, &mut all)?;
        } else {
            let file = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let csv = !matches!(
                ext_of(p).as_deref(),
                Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
            );
            all.push(Candidate {
                file,
                path: p.clone(),
                arg,
                csv,
                unlisted: None,
            });
        }
    }
    // A file reached twice (its resolved path is the same) counts once, under the first PATH
    // argument that reaches it. Resolving every path walks each of its components, so paths
    // are resolved only when a device and inode repeat: hard links (two names, one inode) stay
    // two files, as before, and so do files of a file system whose inodes are not unique.
    let mut seen: HashMap<Identity, Vec<(PathBuf, Option<PathBuf>)>> = HashMap::new();
    let mut out: Vec<Candidate> = Vec::new();
    let mut by_arg = all;
    by_arg.sort_by_key(|c| c.arg);
    for c in by_arg {
        let same = seen.entry(identity(&c.path)).or_default();
        if !same.is_empty() {
            let resolve = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            let mine = resolve(&c.path);
            let mut dup = false;
            for (path, canon) in same.iter_mut() {
                if canon.get_or_insert_with(|| resolve(path)) == &mine {
                    dup = true;
                    break;
                }
            }
            if dup {
                continue;
            }
            same.push((c.path.clone(), Some(mine)));
        } else {
            same.push((c.path.clone(), None));
        }
        out.push(c);
    }
    out.sort_by(|a, b| (a.file.as_bytes(), a.arg).cmp(&(b.file.as_bytes(), b.arg)));
    Ok(out)
}

/// A first, cheap test of whether two paths may be the same file.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Identity {
    /// Device and inode: one `stat` per file, where resolving the path walks every component.
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    Path(PathBuf),
}

#[cfg(unix)]
fn identity(p: &Path) -> Identity {
    use std::os::unix::fs::MetadataExt;
    match std::fs::metadata(p) {
        Ok(m) => Identity::Inode(m.dev(), m.ino()),
        Err(_) => Identity::Path(p.to_path_buf()),
    }
}

#[cfg(not(unix))]
fn identity(p: &Path) -> Identity {
    Identity::Path(std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()))
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn hard_links_are_two_files_and_a_file_named_twice_is_one() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a.csv");
        std::fs::write(&a, "x").unwrap();
        std::fs::hard_link(&a, d.path().join("b.csv")).unwrap();
        let found = super::discover(&[d.path().to_path_buf(), a.clone()]).unwrap();
        let files: Vec<&str> = found.iter().map(|c| c.file.as_str()).collect();
        // a.csv through the folder (first argument) and b.csv; a.csv named again is the same.
        assert_eq!(files, ["a.csv", "b.csv"]);
        assert!(found.iter().all(|c| c.arg == 0));
    }

    use super::*;

    #[test]
    fn walks_sorted_skipping_hidden_lock_and_other() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir_all(r.join("b/.hidden")).unwrap();
        for f in [
            "b/x.XLSX",
            "a.csv",
            "~$a.xlsx",
            ".h.xlsx",
            "notes.txt",
            "b/.hidden/y.xlsx",
        ] {
            std::fs::write(r.join(f), b"x").unwrap();
        }
        let c = discover(&[r.to_path_buf(), r.join("a.csv")]).unwrap();
        let files: Vec<_> = c.iter().map(|c| c.file.as_str()).collect();
        assert_eq!(files, ["a.csv", "b/x.XLSX"]);
        assert!(c[0].csv && !c[1].csv);
        assert!(discover(&[r.join("nope")]).is_err());
    }

    #[test]
    fn named_file_is_candidate_whatever_extension() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("data.txt");
        std::fs::write(&p, b"x").unwrap();
        let c = discover(&[p]).unwrap();
        assert_eq!(c[0].file, "data.txt");
        assert!(c[0].csv);
    }
}

#[cfg(all(test, unix))]
mod unlisted_tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A folder below PATH that cannot be listed is a candidate that says so; the PATH's
    /// other files are still found. (Checked only where permissions bind: not as root.)
    #[test]
    fn an_unreadable_subfolder_is_one_unreadable_input() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.csv"), b"x").unwrap();
        let locked = d.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::write(locked.join("b.csv"), b"x").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let binds = std::fs::read_dir(&locked).is_err();
        let found = discover(&[d.path().to_path_buf()]);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        let found = found.unwrap();
        if !binds {
            eprintln!("running as root: the folder stays readable, nothing to check");
            return;
        }
        let got: Vec<(&str, bool)> = found
            .iter()
            .map(|c| (c.file.as_str(), c.unlisted.is_some()))
            .collect();
        assert_eq!(got, [("a.csv", false), ("locked", true)]);
    }
}
