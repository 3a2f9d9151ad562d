//! The whole job as one call (SPEC §1, §3–§5): read every candidate (in parallel), compute needs and costs.
//! File reading happens here, at the edge; everything it calls is pure.

use crate::catalog::Catalog;
use crate::cost::{self, CostError, Estimate};
use crate::diag::{Code, Diagnostic, Limit, Msg, Unreadable};
use crate::input::Candidate;
use crate::needs::{self, Condensed, Needs};
use crate::read::{self, Limits, ReadCtx, Survey};
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicUsize, Ordering};

/// SHA-256 of a file, read in pieces (for files the reader did not read, such as those over
/// the size limit: `run` still records them).
pub fn file_digest(path: &std::path::Path) -> std::io::Result<[u8; 32]> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let mut h = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut h)?;
    Ok(h.finalize().into())
}

/// Options shared by `run`, `check` and `explain`.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub as_of: i32,
    pub limits: Limits,
    /// Worker threads; 0 = one per core.
    pub jobs: usize,
    /// Keep the verdict of every counted row, not only of those that fail (for `explain`).
    pub keep_details: bool,
}

/// A device, pipe or socket named as a submission: its size is unknown, reading it may never
/// end (`/dev/zero`) or never start (a pipe without a writer).
fn not_regular() -> std::io::Error {
    std::io::Error::other("not a regular file (a device, pipe or socket)")
}

/// Read a regular file of at most `max` bytes; `Ok(Err(len))` when it holds more (it may have
/// grown since it was measured as `size`), having read no more than `max + 1` bytes of it.
fn read_at_most(
    path: &std::path::Path,
    size: u64,
    max: u64,
) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    // Room for the measured size and the byte that would show growth: one allocation.
    let mut bytes =
        Vec::with_capacity(usize::try_from(size.min(max).saturating_add(1)).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(if bytes.len() as u64 > max {
        Err(bytes.len() as u64)
    } else {
        Ok(bytes)
    })
}

/// Read one candidate from disk.
pub fn read_candidate(c: &Candidate, ctx: &ReadCtx<'_>) -> Survey {
    let fail = |d: Diagnostic| read::read_submission_failed(&c.file, d);
    let unreadable = |why: Unreadable| {
        fail(Diagnostic::file(
            Code::FileUnreadable,
            &c.file,
            Msg::FileUnreadable(Box::new(why)),
        ))
    };
    let too_large = |bytes: u64| {
        fail(Diagnostic::file(
            Code::FileTooLarge,
            &c.file,
            Msg::FileTooLarge(Limit::FileSize {
                bytes,
                max: ctx.limits.max_file_bytes,
            }),
        ))
    };
    if let Some(why) = &c.unlisted {
        return unreadable(Unreadable::FolderUnlisted {
            detail: why.clone(),
        });
    }
    let size = match std::fs::metadata(&c.path) {
        Ok(md) if !md.is_file() => return unreadable(Unreadable::NotRegularFile),
        Ok(md) if md.len() > ctx.limits.max_file_bytes => return too_large(md.len()),
        Ok(md) => md.len(),
        Err(e) => return unreadable(Unreadable::io(&e)),
    };
    match read_at_most(&c.path, size, ctx.limits.max_file_bytes) {
        Ok(Err(len)) => too_large(len),
        Ok(Ok(bytes)) => {
            let sha: [u8; 32] = Sha256::digest(&bytes).into();
            let mut s = read::read_submission(&c.file, bytes, c.csv, ctx);
            s.sha256 = Some(sha);
            s
        }
        Err(e) => unreadable(Unreadable::io(&e)),
    }
}

/// Read and condense every candidate; the result is in candidate order whatever the thread
/// count. Each file's full survey lives only while its worker condenses it.
///
/// Workers are scoped threads taking the next file from a shared counter: they have all ended
/// when this returns, so nothing else runs while the caller moves to the next phase.
pub fn read_all(
    cands: &[Candidate],
    catalog: &Catalog,
    opts: &Options,
    tick: &(dyn Fn(&str) + Sync),
) -> Vec<Condensed> {
    let ctx = ReadCtx {
        catalog,
        as_of: opts.as_of,
        limits: opts.limits,
    };
    let texts = needs::Interner::default();
    let next = AtomicUsize::new(0);
    let work = || -> Vec<(usize, Condensed)> {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(c) = cands.get(i) else {
                return done;
            };
            let s = needs::condense(
                read_candidate(c, &ctx),
                catalog,
                opts.as_of,
                opts.keep_details,
                &texts,
            );
            tick(&c.file);
            done.push((i, s));
        }
    };
    let jobs = match opts.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .clamp(1, cands.len().max(1));
    // This thread works too, beside `jobs - 1` others (fewer if the system refuses threads).
    let mut all: Vec<(usize, Condensed)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..jobs)
            .map_while(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut all = work();
        for w in workers {
            match w.join() {
                Ok(done) => all.extend(done),
                // A reader panic is caught per file; anything else is a bug: pass it on.
                Err(p) => std::panic::resume_unwind(p),
            }
        }
        all
    });
    all.sort_unstable_by_key(|x| x.0);
    all.into_iter().map(|x| x.1).collect()
}

/// Read and compute needs.
pub fn needs(
    cands: &[Candidate],
    catalog: &Catalog,
    opts: &Options,
    tick: &(dyn Fn(&str) + Sync),
) -> Needs {
    let surveys = read_all(cands, catalog, opts, tick);
    needs::compute(surveys, catalog, opts.as_of)
}

/// Read, compute needs and cost them.
pub fn estimate(
    cands: &[Candidate],
    catalog: &Catalog,
    opts: &Options,
    tick: &(dyn Fn(&str) + Sync),
) -> Result<Estimate, CostError> {
    cost::estimate(needs(cands, catalog, opts, tick), catalog)
}
