//! Text from files on the terminal (SPEC §1 `check` and `run` output; issue 14): file names,
//! sheet names and cell texts are written by whoever made the file, and an ESC sequence or a C1
//! control among them would drive the officer's terminal (move the cursor, rewrite lines,
//! change the title). Every C0 and C1 control character and DEL in such text is shown escaped,
//! as `\u{1b}`; tab and newline too, since a file's newline would forge a line of the report.
//! JSON and JUnit outputs escape by their own rules.

use std::borrow::Cow;
use std::fmt::Write;

/// The width tables are fitted to: `COLUMNS` when it is set to a number (an explicit choice,
/// also for output that is not a terminal), else the terminal's width when stdout is one (and
/// it reports a size), else none: output to files and pipes is never wrapped.
pub fn width() -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n >= 20)
    {
        return Some(n);
    }
    terminal_size::terminal_size()
        .map(|(terminal_size::Width(w), _)| usize::from(w))
        .filter(|&w| w > 0)
}

fn is_control(c: char) -> bool {
    c.is_control()
}

/// `s` with every control character (C0, DEL, C1) written as `\u{..}`.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_but(s, None)
}

/// [`escape`] for a whole report whose own line breaks are `\n`: those stay, every other
/// control character is escaped. File-derived fields in it must have been escaped with
/// [`escape`] already, so that their newlines are not taken for the report's.
pub fn escape_keeping_lines(s: &str) -> Cow<'_, str> {
    escape_but(s, Some('\n'))
}

fn escape_but(s: &str, keep: Option<char>) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c) && Some(c) != keep) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_control(c) && Some(c) != keep {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(escape("Máy in"), "Máy in");
        assert!(matches!(escape("Máy in"), Cow::Borrowed(_)));
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("x\u{9b}31m\u{7f}"), "x\\u{9b}31m\\u{7f}");
        assert_eq!(escape("tab\there\nnext\r"), "tab\\u{9}here\\u{a}next\\u{d}");
        assert_eq!(escape_keeping_lines("l1\nl2\u{7}\t"), "l1\nl2\\u{7}\\u{9}");
    }
}
