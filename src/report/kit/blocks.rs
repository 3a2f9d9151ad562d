//! The blocks every official document repeats: the national motto (or the Party's) with the
//! place and date line, the `Bằng chữ: ….` line under a grand total (SPEC §5), and the
//! signature block.

use super::break_lines;
use super::{merged, Fit, Styles};
use crate::report::vi::letterhead_lines;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The header lines across columns `0..=last` from `row`: the first bold (`CỘNG HÒA XÃ HỘI CHỦ
/// NGHĨA VIỆT NAM`, or `ĐẢNG CỘNG SẢN VIỆT NAM`), the others bold and underlined (`Độc lập - Tự
/// do - Hạnh phúc`), then `place` in italics (`Thành phố Hồ Chí Minh, ngày … tháng … năm …`).
/// Returns the row after the place line.
pub fn motto(
    ws: &mut Worksheet,
    row: u32,
    last: u16,
    lines: &[&str],
    place: &str,
    st: &Styles,
) -> Result<u32, XlsxError> {
    let mut r = row;
    for (i, l) in lines.iter().enumerate() {
        let f = if i == 0 { &st.motto } else { &st.motto_u };
        merged(ws, r, 0, last, l, f)?;
        r += 1;
    }
    merged(ws, r, 0, last, place, &st.place)?;
    Ok(r + 1)
}

/// An office's own header from `row`, in two sides as on its letters: its name in bold
/// capitals over the columns `left`, broken into lines that fit them, and the block's header
/// lines and `place` ([`motto`]) over the columns `right`. Returns the row after the taller
/// side.
#[allow(clippy::too_many_arguments)] // two sides, each with its columns and texts
pub fn office_header(
    ws: &mut Worksheet,
    fit: &Fit,
    row: u32,
    left: (u16, u16),
    right: (u16, u16),
    office: &str,
    lines: &[&str],
    place: &str,
    st: &Styles,
) -> Result<u32, XlsxError> {
    // Bold capitals are about a quarter wider than the text the widths are measured in.
    let width = fit.width(left.0, left.1) * 0.75;
    let name = letterhead_lines(&office.to_uppercase(), |s| break_lines(s, width));
    // Row by row, both sides together: a constant-memory sheet drops a write to a row it has
    // left behind.
    let rows = name.len().max(lines.len() + 1);
    for i in 0..rows {
        let r = row + i as u32;
        if let Some(l) = name.get(i) {
            merged(ws, r, left.0, left.1, l, &st.motto)?;
        }
        let (text, f) = match lines.get(i) {
            Some(l) if i == 0 => (*l, &st.motto),
            Some(l) => (*l, &st.motto_u),
            None if i == lines.len() => (place, &st.place),
            None => continue,
        };
        merged(ws, r, right.0, right.1, text, f)?;
    }
    Ok(row + rows as u32)
}

/// The state bodies' header across columns `0..=last` from `row` (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA
/// VIỆT NAM`, `Độc lập - Tự do - Hạnh phúc`, then `Thành phố Hồ Chí Minh, ngày … tháng … năm …`,
/// left blank for the office). Returns the row after the place line.
pub fn state_header(
    ws: &mut Worksheet,
    row: u32,
    last: u16,
    st: &Styles,
) -> Result<u32, XlsxError> {
    motto(
        ws,
        row,
        last,
        &[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        ],
        "Thành phố Hồ Chí Minh, ngày … tháng … năm …",
        st,
    )
}

/// `Bằng chữ: <phrase>.` across columns `0..=last` of `row`, its height fitted to the text.
pub fn in_words_row(
    ws: &mut Worksheet,
    fit: &mut Fit,
    row: u32,
    last: u16,
    phrase: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    fit.span(ws, row, 0, last, &format!("Bằng chữ: {phrase}."), &st.words)
}

/// One signature: its capacity (`NGƯỜI LẬP BIỂU`), the hint under it (`(Ký, ghi rõ họ tên)`),
/// and the columns it spans.
pub struct Signer<'a> {
    pub title: &'a str,
    pub hint: &'a str,
    pub cols: (u16, u16),
}

/// The signature block at `row`: the capacities in bold, the hints in italics under them.
/// Returns the row after the hints.
pub fn signatures(
    ws: &mut Worksheet,
    row: u32,
    signers: &[Signer<'_>],
    st: &Styles,
) -> Result<u32, XlsxError> {
    for s in signers {
        merged(ws, row, s.cols.0, s.cols.1, s.title, &st.sign)?;
    }
    for s in signers {
        merged(ws, row + 1, s.cols.0, s.cols.1, s.hint, &st.sign_i)?;
    }
    Ok(row + 2)
}

/// The three signatures under a financial table: the preparer, the chief accountant and the
/// head of the unit, over the column spans `cols`. Returns the row after the hints.
pub fn approval_signatures(
    ws: &mut Worksheet,
    row: u32,
    cols: [(u16, u16); 3],
    st: &Styles,
) -> Result<u32, XlsxError> {
    const HINT: &str = "(Ký, ghi rõ họ tên)";
    let [a, b, c] = cols;
    signatures(
        ws,
        row,
        &[
            Signer {
                title: "NGƯỜI LẬP BIỂU",
                hint: HINT,
                cols: a,
            },
            Signer {
                title: "KẾ TOÁN TRƯỞNG",
                hint: HINT,
                cols: b,
            },
            Signer {
                title: "THỦ TRƯỞNG ĐƠN VỊ",
                hint: "(Ký, ghi rõ họ tên, đóng dấu)",
                cols: c,
            },
        ],
        st,
    )
}
