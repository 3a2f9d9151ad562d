//! The optional `[documents]` table of `catalog.toml` (SPEC §2): the texts of the papers
//! `rasoat proposal` drafts for each unit (SPEC §8) — place, subject, recipients, legal bases,
//! and per block the header lines, the number line and the signing capacity. A catalog without
//! the table, or without some of its keys, gets SPEC's values for them; `bases` is then empty.
//!
//! Every text is checked like the rest of the catalog, with its line: not empty, no control
//! characters (a Word document cannot hold most of them), short enough for a spreadsheet cell.

use super::{said, Block, Errors};
use crate::base::{fits_a_cell, LineIndex, MAX_TEXT};
use serde::{Deserialize, Serialize};
use toml::Spanned;

const FILE: &str = "catalog.toml";

/// One value per block (`dang`, `mttq`, `ctxh`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PerBlock<T> {
    pub dang: T,
    pub mttq: T,
    pub ctxh: T,
}

impl<T> PerBlock<T> {
    pub fn get(&self, b: Block) -> &T {
        match b {
            Block::Dang => &self.dang,
            Block::Mttq => &self.mttq,
            Block::Ctxh => &self.ctxh,
        }
    }
}

/// What a unit's tờ trình says besides its own figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Documents {
    /// `<place>, ngày … tháng … năm …`.
    pub place: String,
    /// `Về việc đề xuất nhiệm vụ và dự toán kinh phí <subject> năm <year>`.
    pub subject: String,
    /// `Kính gửi:` lines; at least one (`Kính trình <first> xem xét, cho ý kiến.`).
    pub recipients: Vec<String>,
    /// `Căn cứ <basis>;` lines, in order.
    pub bases: Vec<String>,
    /// The top-right lines: the national motto, or the Party's name.
    pub header: PerBlock<Vec<String>>,
    /// The number line, with blanks for the office (`Số       -TTr/`).
    pub number: PerBlock<String>,
    /// The signing capacity (`T/M BAN THƯỜNG VỤ`).
    pub signer: PerBlock<String>,
}

const MOTTO: [&str; 2] = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
];

impl Default for Documents {
    /// SPEC §2's values, used for whatever `[documents]` does not give.
    fn default() -> Documents {
        let motto = || MOTTO.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Documents {
            place: "Thành phố Hồ Chí Minh".into(),
            subject: "trang bị hạ tầng mạng và thiết bị đầu cuối".into(),
            recipients: vec!["Sở Tài chính".into(), "Sở Khoa học và Công nghệ".into()],
            bases: Vec::new(),
            header: PerBlock {
                dang: vec!["ĐẢNG CỘNG SẢN VIỆT NAM".into()],
                mttq: motto(),
                ctxh: motto(),
            },
            number: PerBlock {
                dang: "Số       -TTr/".into(),
                mttq: "Số:       /TTr-".into(),
                ctxh: "Số:       /TTr-".into(),
            },
            signer: PerBlock {
                dang: "T/M BAN THƯỜNG VỤ".into(),
                mttq: "T/M BAN THƯỜNG TRỰC".into(),
                ctxh: "THỦ TRƯỞNG ĐƠN VỊ".into(),
            },
        }
    }
}

/// `[documents]` as written, every value with where it stands.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Raw {
    place: Option<Spanned<String>>,
    subject: Option<Spanned<String>>,
    recipients: Option<Spanned<Vec<Spanned<String>>>>,
    bases: Option<Spanned<Vec<Spanned<String>>>>,
    header: Option<RawBlocks<Spanned<Vec<Spanned<String>>>>>,
    number: Option<RawBlocks<Spanned<String>>>,
    signer: Option<RawBlocks<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlocks<T> {
    dang: Option<T>,
    mttq: Option<T>,
    ctxh: Option<T>,
}

/// Checks the texts of `[documents]`, each finding at its line.
struct Check<'a, 'e> {
    lines: LineIndex<'a>,
    errs: &'e mut Errors,
}

impl Check<'_, '_> {
    fn line<T>(&self, v: &Spanned<T>) -> Option<u64> {
        Some(self.lines.line_of(v.span().start))
    }

    /// A text of the document: trimmed; findings for an empty one, a control character, or
    /// one too long for a cell.
    fn text(&mut self, key: &str, v: &Spanned<String>) -> String {
        let s = v.get_ref().trim();
        let line = self.line(v);
        if s.is_empty() {
            self.errs.push(
                FILE,
                line,
                Some(key),
                said!(
                    "empty text; write the text, or remove the key to use the default",
                    "văn bản trống; ghi nội dung, hoặc bỏ khóa này để dùng giá trị mặc định"
                ),
            );
        } else if let Some(c) = s.chars().find(|c| c.is_control()) {
            let code = c as u32;
            self.errs.push(
                FILE,
                line,
                Some(key),
                said!(
                    "holds the control character U+{code:04X}, which a document cannot show",
                    "chứa ký tự điều khiển U+{code:04X}, văn bản không hiển thị được"
                ),
            );
        } else if !fits_a_cell(s) {
            self.errs.push(
                FILE,
                line,
                Some(key),
                said!(
                    "longer than the {MAX_TEXT} characters a spreadsheet cell holds",
                    "dài hơn {MAX_TEXT} ký tự, mức một ô bảng tính chứa được"
                ),
            );
        }
        s.to_string()
    }

    /// A list of texts; `at_least_one` for lists the document cannot do without.
    fn list(
        &mut self,
        key: &str,
        v: &Spanned<Vec<Spanned<String>>>,
        at_least_one: bool,
    ) -> Vec<String> {
        if at_least_one && v.get_ref().is_empty() {
            let line = self.line(v);
            self.errs.push(
                FILE,
                line,
                Some(key),
                said!("needs at least one line", "cần ít nhất một dòng"),
            );
        }
        v.get_ref().iter().map(|s| self.text(key, s)).collect()
    }

    /// A basis is printed as `Căn cứ <basis>;`: it must not carry those words itself.
    fn basis(&mut self, v: &Spanned<String>) -> String {
        let s = self.text("documents.bases", v);
        let line = self.line(v);
        if crate::fold::fold(&s).starts_with("can cu ") {
            self.errs.push(
                FILE,
                line,
                Some("documents.bases"),
                said!(
                    "starts with 'Căn cứ', which the document adds; write the document's name only",
                    "bắt đầu bằng 'Căn cứ', từ này văn bản tự thêm; chỉ ghi tên văn bản"
                ),
            );
        } else if let Some(end) = s.chars().last().filter(|c| matches!(c, ';' | '.' | ',')) {
            self.errs.push(
                FILE,
                line,
                Some("documents.bases"),
                said!(
                    "ends with '{end}'; the document adds ';' after each basis",
                    "kết thúc bằng '{end}'; văn bản tự thêm ';' sau mỗi căn cứ"
                ),
            );
        }
        s
    }
}

/// The documents of a catalog: `raw` checked, SPEC's values for what it lacks.
pub(super) fn parse(text: &str, raw: Option<Raw>, errs: &mut Errors) -> Documents {
    let mut d = Documents::default();
    let Some(raw) = raw else {
        return d;
    };
    let mut c = Check {
        lines: LineIndex::new(text),
        errs,
    };
    if let Some(v) = &raw.place {
        d.place = c.text("documents.place", v);
    }
    if let Some(v) = &raw.subject {
        d.subject = c.text("documents.subject", v);
    }
    if let Some(v) = &raw.recipients {
        d.recipients = c.list("documents.recipients", v, true);
    }
    if let Some(v) = &raw.bases {
        d.bases = v.get_ref().iter().map(|b| c.basis(b)).collect();
    }
    if let Some(h) = &raw.header {
        per_block(&mut d.header, h, |b, v| {
            c.list(&format!("documents.header.{b}"), v, true)
        });
    }
    if let Some(n) = &raw.number {
        per_block(&mut d.number, n, |b, v| {
            c.text(&format!("documents.number.{b}"), v)
        });
    }
    if let Some(s) = &raw.signer {
        per_block(&mut d.signer, s, |b, v| {
            c.text(&format!("documents.signer.{b}"), v)
        });
    }
    d
}

/// Replace the values of the blocks `raw` gives.
fn per_block<R, T>(d: &mut PerBlock<T>, raw: &RawBlocks<R>, mut f: impl FnMut(&str, &R) -> T) {
    for (b, v) in [
        (Block::Dang, &raw.dang),
        (Block::Mttq, &raw.mttq),
        (Block::Ctxh, &raw.ctxh),
    ] {
        if let Some(v) = v {
            let slot = match b {
                Block::Dang => &mut d.dang,
                Block::Mttq => &mut d.mttq,
                Block::Ctxh => &mut d.ctxh,
            };
            *slot = f(b.as_str(), v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Wrap {
        documents: Option<Raw>,
    }

    fn parse_str(text: &str) -> (Documents, Vec<super::super::CatalogError>) {
        let w: Wrap = toml::from_str(text).expect("valid TOML");
        let mut errs = Errors::default();
        let d = parse(text, w.documents, &mut errs);
        (d, errs.0)
    }

    #[test]
    fn defaults_are_specs_values() {
        let (d, errs) = parse_str("");
        assert!(errs.is_empty());
        assert_eq!(d, Documents::default());
        assert_eq!(d.header.get(Block::Dang), &["ĐẢNG CỘNG SẢN VIỆT NAM"]);
        assert_eq!(d.number.get(Block::Mttq), "Số:       /TTr-");
        assert_eq!(d.signer.get(Block::Ctxh), "THỦ TRƯỞNG ĐƠN VỊ");
        assert!(d.bases.is_empty());
    }

    #[test]
    fn given_keys_replace_defaults_one_by_one() {
        let (d, errs) = parse_str(
            "[documents]\nplace = \" Thành phố Thủ Đức \"\nbases = [\"Luật A\", \"Luật B\"]\n\
             [documents.signer]\nctxh = \"T/M BAN CHẤP HÀNH\"\n",
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(d.place, "Thành phố Thủ Đức");
        assert_eq!(d.bases, ["Luật A", "Luật B"]);
        assert_eq!(d.signer.ctxh, "T/M BAN CHẤP HÀNH");
        assert_eq!(d.signer.dang, "T/M BAN THƯỜNG VỤ");
        assert_eq!(d.subject, Documents::default().subject);
    }

    #[test]
    fn findings_name_the_line_and_key() {
        let text = "x = 1\n[documents]\nsubject = \"  \"\nrecipients = []\nbases = [\n  \"Căn cứ Luật A\",\n  \"Luật B;\",\n  \"Luật\\u0007C\",\n]\n[documents.header]\nmttq = []\n";
        let (_, errs) = parse_str(&text.replacen("x = 1\n", "", 1));
        let got: Vec<(Option<u64>, Option<&str>)> =
            errs.iter().map(|e| (e.line, e.column.as_deref())).collect();
        assert_eq!(
            got,
            [
                (Some(2), Some("documents.subject")),
                (Some(3), Some("documents.recipients")),
                (Some(5), Some("documents.bases")),
                (Some(6), Some("documents.bases")),
                (Some(7), Some("documents.bases")),
                (Some(10), Some("documents.header.mttq")),
            ]
        );
        assert!(errs[2].message.contains("Căn cứ"), "{:?}", errs[2]);
        assert!(errs[4].message.contains("U+0007"), "{:?}", errs[4]);
    }

    #[test]
    fn unknown_keys_and_blocks_are_refused() {
        assert!(toml::from_str::<Wrap>("[documents]\nplaces = \"x\"\n").is_err());
        assert!(toml::from_str::<Wrap>("[documents.number]\nubnd = \"x\"\n").is_err());
        assert!(toml::from_str::<Wrap>("[documents]\nbases = \"x\"\n").is_err());
    }
}
