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

/// From now on, return freed pages to the system at once (mimalloc's `purge_delay` = 0).
///
/// Called when reading is done. The readers' memory lives on worker threads' pages; with the
/// default delay the later phases, on the main thread, took fresh pages while those were
/// still held, and resident memory became the sum of the phases (468 MiB instead of 225 at
/// 25,000 files). Reading itself keeps the default: purging at once there costs time.
///
/// Call it only while no other thread runs: mimalloc's options are plain variables that its
/// threads read without synchronisation. `pipeline::read_all` joins its workers before it
/// returns, and the outputs' threads start later.
pub fn purge_at_once() {
    // `mi_option_purge_delay` in mimalloc 3's `mi_option_e`; the Rust bindings do not name it.
    // Its default (options.c) is 1000 ms: set it only when it reads so, i.e. when the number
    // really is that option (mimalloc 2, the `v2` feature, has another default and is left
    // alone) and nobody set it through MIMALLOC_PURGE_DELAY.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: the option calls take no pointers; the caller runs them with no other thread
    // alive (see above), so the plain write cannot race with mimalloc's reads.
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

#[cfg(test)]
mod tests {
    /// Guards the option number against a mimalloc upgrade that renumbers its options.
    #[test]
    fn purge_delay_is_the_option_set() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        super::purge_at_once();
        // SAFETY: a plain getter.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(15) }, 0);
    }
}
