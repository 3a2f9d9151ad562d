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
