//! What a file is when no reader takes it (SPEC §3 "Files", `E-FILE-UNREADABLE`), and what
//! each of calamine's errors means for the officer who sent the file.
//!
//! calamine's errors are library words (`Xml error: …`, `Cfb error: Codepage 8001 not
//! found`, `I/O error: failed to fill whole buffer`). Each maps here to an [`Unreadable`]
//! case or to `E-FILE-ENCRYPTED`; the library's text is kept only as a debugging detail.

use super::workbook::OpenError;
use crate::diag::{OldFormat, Unreadable, WorkbookFormat};
use calamine::{OdsError, XlsError, XlsbError, XlsxError};

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|x| u16::from_le_bytes([x[0], x[1]]))
}

/// A spreadsheet format older than the readers', recognised by its first record: Excel 2.x to
/// 4.0 (a BIFF2–4 `BOF` record outside any compound file), Lotus 1-2-3 and Quattro Pro (a
/// Lotus-style `BOF` record: type 0, 2 or 26 bytes, then the version).
pub fn old_format(bytes: &[u8]) -> Option<OldFormat> {
    let (typ, len) = (u16_at(bytes, 0)?, u16_at(bytes, 2)?);
    match (typ, len) {
        // BOF of BIFF2 (4 bytes), BIFF3 and BIFF4 (6 bytes; 8 or 16 when written by others).
        (0x0009, 4 | 6 | 8) | (0x0209 | 0x0409, 6 | 8 | 16) => Some(OldFormat::Excel2To4),
        (0x0000, 2) => match u16_at(bytes, 4)? {
            // Quattro Pro for DOS (`.wq1`, `.wq2`) and for Windows 1–2 (`.wb1`, `.wb2`).
            0x5120..=0x51FF | 0x1000..=0x10FF => Some(OldFormat::QuattroPro),
            // Lotus 1-2-3 `.wks`, `.wk1`.
            0x0404..=0x0406 => Some(OldFormat::Lotus),
            _ => None,
        },
        // Lotus 1-2-3 `.wk3`, `.wk4`, `.123`.
        (0x0000, 0x1A) => Some(OldFormat::Lotus),
        _ => None,
    }
}

/// A compound file holding Quattro Pro's main stream (`.wb3`, `.qpw`) instead of a workbook.
pub fn is_quattro_compound(bytes: &[u8]) -> bool {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    ["NativeContent_MAIN", "PerfectOffice_MAIN"]
        .iter()
        .any(|name| {
            let n = utf16(name);
            bytes.windows(n.len()).any(|w| w == n.as_slice())
        })
}

fn damaged(format: WorkbookFormat, e: impl ToString) -> OpenError {
    OpenError::Unreadable(Unreadable::damaged(format, e))
}

/// An xlsx or xlsm reader's error. Every variant but `Password` is damage to the file's zip,
/// XML or references, or a part calamine cannot follow: save it again.
pub fn from_xlsx(e: XlsxError) -> OpenError {
    match e {
        XlsxError::Password => OpenError::Encrypted,
        e => damaged(WorkbookFormat::Xlsx, e),
    }
}

/// An xlsb reader's error: as [`from_xlsx`].
pub fn from_xlsb(e: XlsbError) -> OpenError {
    match e {
        XlsbError::Password => OpenError::Encrypted,
        e => damaged(WorkbookFormat::Xlsb, e),
    }
}

/// An ODS reader's error: as [`from_xlsx`].
pub fn from_ods(e: OdsError) -> OpenError {
    match e {
        OdsError::Password => OpenError::Encrypted,
        e => damaged(WorkbookFormat::Ods, e),
    }
}

/// An Excel 97-2003 or 5.0 reader's error on `bytes`: a password; text in a code page it does
/// not know; a compound file that holds no workbook (Quattro Pro, or another Office document);
/// or damage to the compound file or its records.
pub fn from_xls(e: XlsError, bytes: &[u8]) -> OpenError {
    match e {
        XlsError::Password => OpenError::Encrypted,
        // calamine does not export its compound-file error: its words are all there is.
        XlsError::Cfb(c) => {
            let text = c.to_string();
            if let Some(cp) = unknown_codepage(&text) {
                OpenError::Unreadable(Unreadable::Codepage(cp))
            } else if text.starts_with("Cannot find") && is_quattro_compound(bytes) {
                OpenError::Unreadable(Unreadable::Old(OldFormat::QuattroPro))
            } else if text.starts_with("Cannot find") {
                OpenError::Unreadable(Unreadable::OfficeNotWorkbook)
            } else {
                damaged(WorkbookFormat::Xls, text)
            }
        }
        e => damaged(WorkbookFormat::Xls, e),
    }
}

/// `Codepage 8001 not found` (the code page in hexadecimal) → 0x8001.
fn unknown_codepage(text: &str) -> Option<u16> {
    let hex = text.strip_prefix("Codepage ")?.strip_suffix(" not found")?;
    u16::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_formats_by_their_first_record() {
        let old = |b: &[u8]| old_format(b);
        assert_eq!(
            old(&[0x09, 0, 4, 0, 2, 0, 0x10, 0]),
            Some(OldFormat::Excel2To4)
        );
        assert_eq!(
            old(&[0x09, 2, 6, 0, 0, 0, 0x10, 0, 0, 0]),
            Some(OldFormat::Excel2To4)
        );
        assert_eq!(
            old(&[0x09, 4, 6, 0, 0, 0, 0x10, 0, 0, 0]),
            Some(OldFormat::Excel2To4)
        );
        assert_eq!(old(&[0, 0, 2, 0, 0x20, 0x51]), Some(OldFormat::QuattroPro));
        assert_eq!(old(&[0, 0, 2, 0, 0x06, 0x04]), Some(OldFormat::Lotus));
        assert_eq!(old(&[0, 0, 0x1A, 0, 0, 0x10, 4, 0]), Some(OldFormat::Lotus));
        // Text, even UTF-16 text starting with a tab, is none of them.
        assert_eq!(old(b"STT,Ten thiet bi"), None);
        assert_eq!(old(&[0x09, 0, 0x53, 0, 0x54, 0]), None);
        assert_eq!(old(&[0x09]), None);
        assert_eq!(old(&[]), None);
    }

    #[test]
    fn codepage_from_calamines_words() {
        assert_eq!(unknown_codepage("Codepage 8001 not found"), Some(0x8001));
        assert_eq!(unknown_codepage("Cannot find Workbook stream"), None);
    }

    #[test]
    fn quattro_stream_names() {
        let mut b = vec![0u8; 64];
        b.extend(
            "NativeContent_MAIN"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert!(is_quattro_compound(&b));
        assert!(!is_quattro_compound(&[0u8; 64]));
    }
}
