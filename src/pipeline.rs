//! The whole job as one call: read every candidate (in parallel), compute needs and costs.
//! File reading happens here, at the edge; everything it calls is pure.

use crate::catalog::Catalog;
use crate::cost::{self, CostError, Estimate};
use crate::diag::{Code, Diagnostic, Limit, Msg};
use crate::input::Candidate;
use crate::needs::{self, Condensed, Needs};
use crate::read::{self, Limits, ReadCtx, Survey};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// SHA-256 of a file, read in pieces.
fn stream_digest(path: &std::path::Path) -> std::io::Result<[u8; 32]> {
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

/// Read one candidate from disk.
pub fn read_candidate(c: &Candidate, ctx: &ReadCtx<'_>) -> Survey {
    let fail = |d: Diagnostic| read::read_submission_failed(&c.file, d);
    match std::fs::metadata(&c.path) {
        Ok(md) if md.len() > ctx.limits.max_file_bytes => {
            // Not read, but still recorded: its digest is taken without holding it.
            let mut s = fail(Diagnostic::file(
                Code::FileTooLarge,
                &c.file,
                Msg::FileTooLarge(Limit::FileSize {
                    bytes: md.len(),
                    max: ctx.limits.max_file_bytes,
                }),
            ));
            s.sha256 = stream_digest(&c.path).ok();
            return s;
        }
        Ok(_) => {}
        Err(e) => {
            return fail(Diagnostic::file(
                Code::FileUnreadable,
                &c.file,
                Msg::FileUnreadable {
                    reason: e.to_string(),
                },
            ))
        }
    }
    match std::fs::read(&c.path) {
        Ok(bytes) => {
            let sha: [u8; 32] = Sha256::digest(&bytes).into();
            let mut s = read::read_submission(&c.file, bytes, c.csv, ctx);
            s.sha256 = Some(sha);
            s
        }
        Err(e) => fail(Diagnostic::file(
            Code::FileUnreadable,
            &c.file,
            Msg::FileUnreadable {
                reason: e.to_string(),
            },
        )),
    }
}

/// Read and condense every candidate; the result is in candidate order whatever the thread
/// count. Each file's full survey lives only while its worker condenses it.
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
    let work = || -> Vec<Condensed> {
        cands
            .par_iter()
            .map(|c| {
                let s = needs::condense(
                    read_candidate(c, &ctx),
                    catalog,
                    opts.as_of,
                    opts.keep_details,
                    &texts,
                );
                tick(&c.file);
                s
            })
            .collect()
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
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
