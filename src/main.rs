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
            if wants_vietnamese() {
                if let Some(text) = usage_error_vi(&e) {
                    eprint!("{text}");
                    return ExitCode::from(cmd::Exit::Usage as u8);
                }
            }
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

/// Messages in Vietnamese: `--lang vi` on the command line, else `LC_ALL` / `LANG` (as
/// `dispatch` decides once the line is parsed).
fn wants_vietnamese() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let given = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned().unwrap_or_default()))
    });
    match given.as_deref() {
        Some("vi") => true,
        Some(_) => false,
        None => rasoat::diag::Lang::from_env() == rasoat::diag::Lang::Vi,
    }
}

/// A usage error of the command line in Vietnamese (clap speaks English only), with clap's
/// usage line; `None` for the kinds left to clap.
fn usage_error_vi(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| -> Option<String> {
        match e.get(k)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join(", ")),
            other => Some(other.to_string()),
        }
    };
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let mut msg = match e.kind() {
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc: {arg}"),
        ErrorKind::UnknownArgument => format!("không có tham số '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh '{}'", ctx(ContextKind::InvalidSubcommand)?)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
            format!("giá trị '{value}' không hợp lệ cho {arg}")
        }
        ErrorKind::NoEquals => format!("{arg} cần giá trị sau dấu '='"),
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!("tham số không hợp lệ: {arg}")
        }
        _ => return None,
    };
    if let Some(valid) = ctx(ContextKind::ValidValue) {
        msg.push_str(&format!(" (giá trị được nhận: {valid})"));
    }
    if let Some(s) =
        ctx(ContextKind::SuggestedArg).or_else(|| ctx(ContextKind::SuggestedSubcommand))
    {
        msg.push_str(&format!("; có phải ý bạn là '{s}'?"));
    }
    // The validator's words: the usual ones in Vietnamese (`0 is not in 1900..=2100` → `phải
    // từ 1900 đến 2100`), any other as it is, in brackets.
    if e.kind() == ErrorKind::ValueValidation {
        if let Some(src) = std::error::Error::source(e) {
            let src = src.to_string();
            let said = match src.split_once(" is not in ") {
                Some((_, range)) => match range.split_once("..=") {
                    Some((a, b)) => format!("phải từ {a} đến {b}"),
                    None => src.clone(),
                },
                None if src.contains("invalid digit") => "không phải số nguyên".to_string(),
                None if src.contains("empty string") => "để trống".to_string(),
                None => src.clone(),
            };
            msg.push_str(&format!(" ({said})"));
        }
    }
    let english = e.render().to_string();
    let usage: Vec<&str> = english
        .lines()
        .skip_while(|l| !l.starts_with("Usage:"))
        .take_while(|l| !l.is_empty())
        .collect();
    let mut out = format!("lỗi: {msg}\n");
    if !usage.is_empty() {
        out.push('\n');
        out.push_str(&usage.join("\n").replacen("Usage:", "Cách dùng:", 1));
        out.push('\n');
    }
    out.push_str("\nXem thêm: rasoat --help (hoặc rasoat <lệnh> --help)\n");
    Some(out)
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
