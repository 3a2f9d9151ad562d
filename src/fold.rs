//! Text folding (SPEC §3): how labels, headers, values, aliases and asset ids are compared.
//!
//! Folding is NFD + combining marks removed, lower case, `đ` → `d` (it has no decomposition),
//! every non-alphanumeric character turned into a space, runs of spaces collapsed, ends trimmed.
//! NFC and NFD input therefore fold to the same text.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Fold `s` for comparison: `Số lượng (cái)` → `so luong cai`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Pending space: emitted only before the next kept character, so runs collapse and ends trim.
    let mut space = false;
    let mut push = |l: char, out: &mut String| {
        if l.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(l);
        } else {
            space = true;
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), &mut out);
            continue;
        }
        match known(c).map(|k| k.fold) {
            Some(Folds::Nothing) => {}
            Some(Folds::To(l)) => push(l, &mut out),
            Some(Folds::Several) | None => fold_char(c, |l| push(l, &mut out)),
        }
    }
    out
}

/// The characters `c` folds to, before spaces are collapsed: its canonical decomposition
/// without combining marks, lower-cased, `đ` as `d`. Marks are dropped, so canonical
/// reordering (full NFD) is not needed: each character can be decomposed on its own.
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            d.to_lowercase()
                .for_each(|l| emit(if l == 'đ' { 'd' } else { l }));
        }
    });
}

/// What [`fold_char`] gives for one character.
#[derive(Clone, Copy)]
enum Folds {
    Nothing,
    To(char),
    Several,
}

/// What is known in advance of a character of U+0080..U+1FFF (Latin-1 to Latin Extended
/// Additional with the combining marks: every letter of Vietnamese).
#[derive(Clone, Copy)]
struct Known {
    fold: Folds,
    /// Any text it is in stays NFC: its NFC quick check is "yes" and it combines with
    /// nothing before it. Vietnamese written in NFC has only such characters.
    stays_nfc: bool,
}

const KNOWN_FROM: u32 = 0x80;
const KNOWN_TO: u32 = 0x2000;

/// Looked up instead of decomposed and checked, in a table built once.
fn known(c: char) -> Option<Known> {
    static TABLE: std::sync::OnceLock<Vec<Known>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (KNOWN_FROM..KNOWN_TO)
            .map(|u| match char::from_u32(u) {
                Some(c) => {
                    let mut folded = Vec::new();
                    fold_char(c, |l| folded.push(l));
                    Known {
                        fold: match folded.as_slice() {
                            [] => Folds::Nothing,
                            [l] => Folds::To(*l),
                            _ => Folds::Several,
                        },
                        stays_nfc: unicode_normalization::char::canonical_combining_class(c) == 0
                            && unicode_normalization::is_nfc_quick(std::iter::once(c))
                                == unicode_normalization::IsNormalized::Yes,
                    }
                }
                // Surrogates are not chars: never looked up.
                None => Known {
                    fold: Folds::Several,
                    stays_nfc: false,
                },
            })
            .collect()
    });
    let i = (c as u32).checked_sub(KNOWN_FROM)?;
    table.get(i as usize).copied()
}

/// Text as shown in outputs: NFC, trimmed.
pub fn display(s: &str) -> String {
    let t = s.trim();
    if t.chars()
        .all(|c| c.is_ascii() || known(c).is_some_and(|k| k.stays_nfc))
        || unicode_normalization::is_nfc_quick(t.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return t.to_string();
    }
    t.nfc().collect::<String>().trim().to_string()
}

/// `text` equals `prefix` or starts with it followed by a space (both folded).
pub fn is_word_prefix(text: &str, prefix: &str) -> bool {
    text == prefix
        || (text.len() > prefix.len()
            && text.starts_with(prefix)
            && text.as_bytes()[prefix.len()] == b' ')
}

/// Whether folded `phrase` occurs in folded `text` as whole words.
pub fn contains_words(text: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    let mut start = 0;
    while let Some(i) = text[start..].find(phrase) {
        let a = start + i;
        let b = a + phrase.len();
        let left_ok = a == 0 || text.as_bytes()[a - 1] == b' ';
        let right_ok = b == text.len() || text.as_bytes()[b] == b' ';
        if left_ok && right_ok {
            return true;
        }
        start = a + 1;
        while !text.is_char_boundary(start) {
            start += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_spec_examples() {
        assert_eq!(fold("Số lượng (cái)"), "so luong cai");
        assert_eq!(fold("CT-XH"), "ct xh");
        assert_eq!(fold("SO_LUONG"), "so luong");
        assert_eq!(fold("  Đảng  ủy\nphường "), "dang uy phuong");
        assert_eq!(fold("ĐOÀN THỂ"), "doan the");
        assert_eq!(fold("Mã đơn vị:"), "ma don vi");
        assert_eq!(fold("---"), "");
    }

    #[test]
    fn the_table_folds_every_character_as_full_nfd_does() {
        let mut looked_up = 0;
        for u in KNOWN_FROM..KNOWN_TO {
            let Some(c) = char::from_u32(u) else { continue };
            // Letters around it show whether it folds to a letter, a space or nothing.
            for t in [format!("a{c}b"), format!("{c}"), format!("{c}{c} x")] {
                assert_eq!(fold(&t), fold_reference(&t), "U+{u:04X} in {t:?}");
            }
            if known(c).is_some_and(|k| !matches!(k.fold, Folds::Several)) {
                looked_up += 1;
            }
        }
        assert!(looked_up > 7000, "the table covers the range ({looked_up})");
    }

    #[test]
    fn display_keeps_nfc_text_and_composes_the_rest() {
        let nfc = "Máy tính để bàn Ủy ban MTTQ phường Đa Kao";
        assert_eq!(display(&format!("  {nfc} ")), nfc);
        let nfd: String = nfc.nfd().collect();
        assert_eq!(display(&nfd), nfc);
        // Every character of the table's range on its own, and after a letter it may
        // combine with: the shortcut agrees with composing.
        for u in KNOWN_FROM..KNOWN_TO {
            let Some(c) = char::from_u32(u) else { continue };
            for t in [format!("x{c}y"), format!("a{c}"), format!("{c}{c}")] {
                let want: String = t.nfc().collect();
                assert_eq!(display(&t), want.trim(), "U+{u:04X} in {t:?}");
            }
        }
    }

    /// Folding by full NFD, the definition (SPEC §3).
    fn fold_reference(t: &str) -> String {
        t.nfd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(|c| {
                if c == 'đ' {
                    'd'
                } else if c.is_alphanumeric() {
                    c
                } else {
                    ' '
                }
            })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn nfd_and_nfc_fold_alike() {
        let nfc = "Máy tính để bàn";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(fold(nfc), fold(&nfd));
        assert_eq!(fold(&nfd), "may tinh de ban");
    }

    #[test]
    fn folds_like_full_nfd() {
        // The per-character fold equals stripping marks from the full NFD.
        for t in [
            "Ủy ban MTTQ",
            "Hư hỏng",
            "ĐẶC KHU Côn Đảo",
            "Ω≈ç√ café",
            "Tiếng Việt có dấu",
            "ǅ ǈ ß İ",
        ] {
            assert_eq!(fold(t), fold_reference(t), "{t}");
        }
    }

    #[test]
    fn display_is_nfc_trimmed() {
        let nfd: String = " Hiện trạng ".nfd().collect();
        assert_eq!(display(&nfd), "Hiện trạng");
    }

    #[test]
    fn word_prefix_and_contains() {
        assert!(is_word_prefix("so luong cai", "so luong"));
        assert!(is_word_prefix("so luong", "so luong"));
        assert!(!is_word_prefix("so luongx", "so luong"));
        assert!(contains_words("may in laser hp", "may in"));
        assert!(!contains_words("may inx", "may in"));
        assert!(contains_words("laptop dell", "laptop"));
        assert!(!contains_words("xpc", "pc"));
        assert!(contains_words("a pc pc", "pc"));
    }
}
