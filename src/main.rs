//! The `rasoat` binary: parse the command line, run the command, map the outcome to an exit
//! code (SPEC §1: 0 success, 1 error diagnostics, 2 usage / catalog / output errors).

mod cli;
mod cmd;

use clap::Parser;
use std::process::ExitCode;

// Many small per-row allocations freed between long-lived results fragment glibc's heap;
// mimalloc keeps the resident size close to what is actually in use.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Give memory freed by a finished phase back to the system now. Reading frees most of what
/// it allocates, on worker threads; without this, mimalloc keeps those pages for a while and
/// the next phase (on the main thread) takes new ones, so the resident size adds up phases.
pub fn release_memory() {
    // SAFETY: mi_collect only walks the allocator's own structures; it takes no pointers.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// From now on, return freed pages to the system at once (mimalloc's `purge_delay` = 0).
pub fn purge_at_once() {
    // `mi_option_purge_delay` in mimalloc 3's `mi_option_e`; the Rust bindings do not name it.
    // Its default (options.c) is 1000 ms: set it only when it reads so, i.e. when the number
    // really is that option and nobody set it through MIMALLOC_PURGE_DELAY.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: plain getters and setters of the allocator's options.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == 1000 {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        }
    }
}

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // clap's own exits: help and version are success, anything else is a usage error.
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(cmd::Exit::Usage as u8),
            };
        }
    };
    ExitCode::from(cmd::dispatch(cli) as u8)
}
