//! The building blocks of `to-trinh.docx` (SPEC §8): page set-up (A4, the margins of Nghị
//! định 30/2020/NĐ-CP), Times New Roman, paragraph styles, the package parts every unit's
//! document shares ([`Template`], built once by docx-rs), the document body written as
//! WordprocessingML as it is built ([`Doc`], [`Para`], tables), and [`clean`], which drops the
//! characters XML cannot hold.

use crate::cost::money::format_vnd;
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, RunFonts, SpecialIndentType, Style, StyleType,
};
use quick_xml::escape::partial_escape;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::io::Write as _;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const FONT: &str = "Times New Roman";
/// Sizes in half-points: the body 14 pt, tables 13 pt, `Nơi nhận` 12 and 11 pt (NĐ 30).
pub(super) const BODY: usize = 28;
pub(super) const TABLE: usize = 26;
pub(super) const RECIPIENTS_HEAD: usize = 24;
pub(super) const RECIPIENTS: usize = 22;
/// A4 and the margins, in twentieths of a point (1 mm = 56.7).
const PAGE: (u32, u32) = (11_906, 16_838);
const TOP: i32 = 1_134;
const BOTTOM: i32 = 1_134;
const LEFT: i32 = 1_701;
const RIGHT: i32 = 850;
/// The text's width: A4 less the left and right margins.
pub(super) const WIDTH: usize = 9_355;
/// First-line indent of body paragraphs (1 cm).
const INDENT: i32 = 567;

/// Text as XML can hold it: tabs and line ends become spaces, other control characters (and
/// U+FFFE, U+FFFF) are dropped.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            '\u{FFFE}' | '\u{FFFF}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// What every unit's document shares, built once by docx-rs: the package parts other than the
/// body (styles, settings, properties …), and the document part around the body (its
/// namespaces, the page set-up). Each document then writes only its body, with [`Doc`].
pub struct Template {
    /// The package's parts in docx-rs's order; `None` stands where `word/document.xml` goes.
    parts: Vec<(&'static str, Option<Vec<u8>>)>,
    /// `word/document.xml` up to and including `<w:body>`.
    head: String,
    /// From the section properties (`<w:sectPr>`, the page) to the end.
    tail: String,
}

/// The package's folders, as docx-rs lists them before its parts.
const FOLDERS: [&str; 4] = ["word/", "word/_rels", "_rels/", "docProps/"];
const DOCUMENT: &str = "word/document.xml";

impl Template {
    /// `created` is the documents' creation time (`2025-12-01T00:00:00Z`), fixed so that two
    /// runs give the same bytes.
    pub fn new(created: &str) -> Template {
        let x = styles(Docx::new())
            .page_size(PAGE.0, PAGE.1)
            .page_margin(
                PageMargin::new()
                    .top(TOP)
                    .bottom(BOTTOM)
                    .left(LEFT)
                    .right(RIGHT)
                    .header(567)
                    .footer(567),
            )
            .created_at(created)
            .updated_at(created)
            .build();
        // An empty body: `<w:body><w:sectPr>…</w:sectPr></w:body></w:document>`.
        let document = String::from_utf8_lossy(&x.document).into_owned();
        let open = document
            .find("<w:body>")
            .map_or(0, |i| i + "<w:body>".len());
        let (head, tail) = document.split_at(open);
        let parts = vec![
            ("[Content_Types].xml", Some(x.content_type)),
            ("_rels/.rels", Some(x.rels)),
            ("docProps/app.xml", Some(x.doc_props.app)),
            ("docProps/core.xml", Some(x.doc_props.core)),
            ("docProps/custom.xml", Some(x.doc_props.custom)),
            ("word/_rels/document.xml.rels", Some(x.document_rels)),
            (DOCUMENT, None),
            ("word/styles.xml", Some(x.styles)),
            ("word/settings.xml", Some(x.settings)),
            ("word/fontTable.xml", Some(x.font_table)),
            ("word/comments.xml", Some(x.comments)),
            ("word/numbering.xml", Some(x.numberings)),
            ("word/commentsExtended.xml", Some(x.comments_extended)),
            ("word/footnotes.xml", Some(x.footnotes)),
        ];
        Template {
            parts,
            head: head.to_string(),
            tail: tail.to_string(),
        }
    }

    /// A new document on this template.
    pub(super) fn doc(&self) -> Doc {
        let mut xml = String::with_capacity(64 * 1024);
        xml.push_str(&self.head);
        Doc { xml, ids: 0 }
    }

    /// The package of the finished document `d`.
    pub(super) fn package(&self, mut d: Doc) -> Result<Vec<u8>, String> {
        d.xml.push_str(&self.tail);
        let size = d.xml.len() / 4 + 24 * 1024;
        let mut z = ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(size)));
        let e = |e: zip::result::ZipError| e.to_string();
        let dir = SimpleFileOptions::default();
        for f in FOLDERS {
            z.add_directory(f, dir).map_err(e)?;
        }
        let stored = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .unix_permissions(0o755);
        // The body is most of the file and repeats itself: compressed, at the fastest level.
        let deflated = stored
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(1));
        for (name, bytes) in &self.parts {
            match bytes {
                Some(b) => {
                    z.start_file(*name, stored).map_err(e)?;
                    z.write_all(b).map_err(|e| e.to_string())?;
                }
                None => {
                    z.start_file(*name, deflated).map_err(e)?;
                    z.write_all(d.xml.as_bytes()).map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(z.finish().map_err(e)?.into_inner())
    }
}

/// How a piece of text looks.
#[derive(Clone, Copy, Default)]
pub(super) struct Look {
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) underline: bool,
    /// Half-points; 0 = the body size.
    pub(super) size: usize,
}

pub(super) const PLAIN: Look = Look {
    bold: false,
    italic: false,
    underline: false,
    size: 0,
};
pub(super) const BOLD: Look = Look {
    bold: true,
    ..PLAIN
};
pub(super) const ITALIC: Look = Look {
    italic: true,
    ..PLAIN
};

impl Look {
    pub(super) fn size(self, size: usize) -> Look {
        Look { size, ..self }
    }
}

/// Paragraph styles: a document of a few hundred paragraphs names its style in each instead of
/// repeating the properties (the file is a third of the size, and written as much faster).
const BODY_STYLE: &str = "Body";
const PART_STYLE: &str = "Part";
const LEFT_STYLE: &str = "CellL";
const CENTRE_STYLE: &str = "CellC";
const RIGHT_STYLE: &str = "CellR";
const CELL_STYLE: [(&str, AlignmentType); 3] = [
    (LEFT_STYLE, AlignmentType::Left),
    (CENTRE_STYLE, AlignmentType::Center),
    (RIGHT_STYLE, AlignmentType::Right),
];
const HEAD_STYLE: &str = "CellH";

fn styles(docx: Docx) -> Docx {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT);
    let first_line = Some(SpecialIndentType::FirstLine(INDENT));
    let mut docx = docx
        .default_fonts(fonts.clone())
        .default_size(BODY)
        .default_line_spacing(LineSpacing::new().before(0).after(0))
        .add_style(
            Style::new("Normal", StyleType::Paragraph)
                .name("Normal")
                .fonts(fonts)
                .size(BODY),
        )
        .add_style(
            Style::new(BODY_STYLE, StyleType::Paragraph)
                .name("Body Text")
                .based_on("Normal")
                .align(AlignmentType::Both)
                .indent(None, first_line, None, None)
                .line_spacing(LineSpacing::new().before(0).after(120)),
        )
        .add_style(
            Style::new(PART_STYLE, StyleType::Paragraph)
                .name("Part Heading")
                .based_on("Normal")
                .bold()
                .align(AlignmentType::Both)
                .indent(None, first_line, None, None)
                .line_spacing(LineSpacing::new().before(120).after(120)),
        )
        .add_style(
            Style::new(HEAD_STYLE, StyleType::Paragraph)
                .name("Table Head")
                .based_on("Normal")
                .size(TABLE)
                .bold()
                .align(AlignmentType::Center),
        );
    for (id, align) in CELL_STYLE {
        docx = docx.add_style(
            Style::new(id, StyleType::Paragraph)
                .name(format!("Table {id}"))
                .based_on("Normal")
                .size(TABLE)
                .align(align),
        );
    }
    docx
}

/// How a paragraph is aligned.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    fn xml(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        }
    }
}

/// One paragraph of one run of text: what it says, how it looks and how it sits.
#[derive(Clone, Copy)]
pub(super) struct Para<'a> {
    text: &'a str,
    look: Look,
    style: Option<&'static str>,
    align: Option<Align>,
    keep_next: bool,
    /// Space before and after, in twentieths of a point.
    spacing: Option<(u32, u32)>,
    /// Left indent, in twentieths of a point.
    indent: Option<u32>,
}

impl<'a> Para<'a> {
    /// `text` aligned `align`, with no style but the document's defaults.
    pub(super) fn line(text: &'a str, look: Look, align: Align) -> Para<'a> {
        Para {
            text,
            look,
            style: None,
            align: Some(align),
            keep_next: false,
            spacing: None,
            indent: None,
        }
    }

    /// A body paragraph: justified, first line indented, 6 pt after.
    pub(super) fn body(text: &'a str, look: Look) -> Para<'a> {
        Para::styled(BODY_STYLE, text, look)
    }

    fn styled(style: &'static str, text: &'a str, look: Look) -> Para<'a> {
        Para {
            style: Some(style),
            align: None,
            ..Para::line(text, look, Align::Left)
        }
    }

    pub(super) fn spacing(self, before: u32, after: u32) -> Para<'a> {
        Para {
            spacing: Some((before, after)),
            ..self
        }
    }

    pub(super) fn indent(self, left: u32) -> Para<'a> {
        Para {
            indent: Some(left),
            ..self
        }
    }
}

/// A table without borders that lays the page out (the header, the signature block): its
/// column widths and, per column, the paragraphs of its one cell.
pub(super) struct Layout<'a> {
    pub(super) grid: [usize; 2],
    pub(super) columns: [Vec<Para<'a>>; 2],
    /// The row is kept on one page.
    pub(super) cant_split: bool,
}

/// The document under construction: `word/document.xml`, written as it is built. Paragraphs
/// get their ids in order, so the bytes do not depend on the thread that builds them.
///
/// WordprocessingML is written here rather than through docx-rs's object tree: a unit's
/// document has a few hundred paragraphs, and building and serialising each as docx-rs does was
/// 60% of `proposal`'s time (BENCHMARKS.md). Elements follow the schema's order (ECMA-376
/// part 1, §17.3.1.26 `pPr`, §17.3.2.28 `rPr`, §17.4.60 `tblPr`).
pub(super) struct Doc {
    xml: String,
    ids: u32,
}

impl Doc {
    /// Write paragraph `p`.
    pub(super) fn add(&mut self, p: Para<'_>) {
        self.ids += 1;
        let x = &mut self.xml;
        // `w14:paraId` as Word writes it: eight hex digits, below 0x80000000.
        let _ = write!(x, "<w:p w14:paraId=\"{:08X}\">", self.ids);
        let has_props = p.style.is_some()
            || p.keep_next
            || p.spacing.is_some()
            || p.indent.is_some()
            || p.align.is_some();
        if has_props {
            x.push_str("<w:pPr>");
            if let Some(s) = p.style {
                let _ = write!(x, "<w:pStyle w:val=\"{s}\"/>");
            }
            if p.keep_next {
                x.push_str("<w:keepNext/>");
            }
            if let Some((before, after)) = p.spacing {
                let _ = write!(x, "<w:spacing w:before=\"{before}\" w:after=\"{after}\"/>");
            }
            if let Some(left) = p.indent {
                let _ = write!(x, "<w:ind w:left=\"{left}\"/>");
            }
            if let Some(a) = p.align {
                let _ = write!(x, "<w:jc w:val=\"{}\"/>", a.xml());
            }
            x.push_str("</w:pPr>");
        }
        x.push_str("<w:r>");
        let l = p.look;
        if l.bold || l.italic || l.underline || l.size != 0 {
            x.push_str("<w:rPr>");
            if l.bold {
                x.push_str("<w:b/><w:bCs/>");
            }
            if l.italic {
                x.push_str("<w:i/><w:iCs/>");
            }
            if l.size != 0 {
                let _ = write!(x, "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", l.size);
            }
            if l.underline {
                x.push_str("<w:u w:val=\"single\"/>");
            }
            x.push_str("</w:rPr>");
        }
        x.push_str("<w:t xml:space=\"preserve\">");
        x.push_str(&partial_escape(clean(p.text)));
        x.push_str("</w:t></w:r></w:p>");
    }

    /// A part's heading: `1. Hiện trạng`, kept with what follows.
    pub(super) fn heading(&mut self, text: &str) {
        self.add(Para {
            keep_next: true,
            ..Para::styled(PART_STYLE, text, PLAIN)
        });
    }

    /// The start of a table `grid` wide (twentieths of a point), with borders or without, and
    /// cell margins (top, left, bottom, right).
    fn table_start(&mut self, grid: &[usize], borders: bool, margins: [u32; 4]) {
        let x = &mut self.xml;
        let width: usize = grid.iter().sum();
        let _ = write!(
            x,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{width}\" w:type=\"dxa\"/><w:jc w:val=\"left\"/>"
        );
        if borders {
            x.push_str("<w:tblBorders>");
            for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                let _ = write!(
                    x,
                    "<w:{side} w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\"/>"
                );
            }
            x.push_str("</w:tblBorders>");
        }
        x.push_str("<w:tblLayout w:type=\"fixed\"/><w:tblCellMar>");
        for (side, m) in ["top", "left", "bottom", "right"].iter().zip(margins) {
            let _ = write!(x, "<w:{side} w:w=\"{m}\" w:type=\"dxa\"/>");
        }
        x.push_str("</w:tblCellMar></w:tblPr><w:tblGrid>");
        for w in grid {
            let _ = write!(x, "<w:gridCol w:w=\"{w}\"/>");
        }
        x.push_str("</w:tblGrid>");
    }

    /// A page-layout table ([`Layout`]): no borders, no cell margins.
    pub(super) fn layout(&mut self, t: &Layout<'_>) {
        self.table_start(&t.grid, false, [0; 4]);
        self.xml.push_str(if t.cant_split {
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        } else {
            "<w:tr>"
        });
        for (w, paras) in t.grid.iter().zip(&t.columns) {
            let _ = write!(
                self.xml,
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>"
            );
            for p in paras {
                self.add(*p);
            }
            self.xml.push_str("</w:tc>");
        }
        self.xml.push_str("</w:tr></w:tbl>");
    }

    /// A row of a bordered table, kept on one page, its cells centred vertically; a `head`
    /// row is repeated at the top of each page the table runs onto.
    fn row<'c>(&mut self, head: bool, cells: impl Iterator<Item = Para<'c>>) {
        self.xml.push_str(if head {
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        } else {
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        });
        for p in cells {
            // No width of its own: the table's fixed grid gives it.
            self.xml
                .push_str("<w:tc><w:tcPr><w:vAlign w:val=\"center\"/></w:tcPr>");
            self.add(p);
            self.xml.push_str("</w:tc>");
        }
        self.xml.push_str("</w:tr>");
    }

    /// A bordered table: the header row (bold, centred, repeated on each page), then `rows`.
    pub(super) fn table(&mut self, grid: &[usize], head: &[&str], rows: &[Vec<Cell>]) {
        self.table_start(grid, true, [20, 30, 20, 30]);
        self.row(
            true,
            head.iter().map(|h| Para::styled(HEAD_STYLE, h, PLAIN)),
        );
        for r in rows {
            self.row(
                false,
                r.iter().map(|c| Para::styled(c.style, &c.text, c.look)),
            );
        }
        self.xml.push_str("</w:tbl>");
    }
}

/// A cell of a table row.
pub(super) struct Cell {
    pub(super) text: String,
    pub(super) look: Look,
    /// The paragraph style: how the cell's text is aligned.
    pub(super) style: &'static str,
}

pub(super) fn left(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        look: PLAIN,
        style: LEFT_STYLE,
    }
}

pub(super) fn centre(text: impl Into<String>) -> Cell {
    Cell {
        style: CENTRE_STYLE,
        ..left(text)
    }
}

pub(super) fn amount(d: Option<Decimal>) -> Cell {
    Cell {
        style: RIGHT_STYLE,
        ..left(d.map(format_vnd).unwrap_or_default())
    }
}

pub(super) fn bold(mut c: Cell) -> Cell {
    c.look.bold = true;
    c
}

pub(super) fn italic(mut c: Cell) -> Cell {
    c.look.italic = true;
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn document(package: &[u8]) -> (Vec<String>, String) {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(package)).expect("zip");
        let names = z
            .file_names()
            .map(|n| n.expect("entry name").into_owned())
            .collect();
        let mut xml = String::new();
        z.by_name(DOCUMENT)
            .expect("document part")
            .read_to_string(&mut xml)
            .expect("utf-8");
        (names, xml)
    }

    #[test]
    fn paragraphs_write_their_properties_in_schema_order_and_escape_text() {
        let t = Template::new("2025-12-01T00:00:00Z");
        let mut d = t.doc();
        d.add(
            Para::line("a < b & c > d", BOLD.size(26), Align::Center)
                .indent(2_268)
                .spacing(0, 240),
        );
        d.heading("1. Hiện trạng");
        let (names, xml) = document(&t.package(d).expect("package"));
        assert!(names.iter().any(|n| n == "word/styles.xml"), "{names:?}");
        assert!(xml.starts_with("<?xml"), "{xml}");
        assert!(xml.ends_with("</w:document>"), "{xml}");
        assert!(xml.contains(
            "<w:p w14:paraId=\"00000001\"><w:pPr><w:spacing w:before=\"0\" w:after=\"240\"/>\
             <w:ind w:left=\"2268\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/>\
             <w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr>\
             <w:t xml:space=\"preserve\">a &lt; b &amp; c &gt; d</w:t></w:r></w:p>"
        ));
        assert!(xml.contains(
            "<w:pPr><w:pStyle w:val=\"Part\"/><w:keepNext/></w:pPr><w:r>\
             <w:t xml:space=\"preserve\">1. Hiện trạng</w:t>"
        ));
        // The page set-up closes the body.
        let sect = xml.find("<w:sectPr>").expect("sectPr");
        assert!(sect > xml.find("1. Hiện trạng").expect("heading"));
    }

    #[test]
    fn tables_follow_their_grid() {
        let t = Template::new("2025-12-01T00:00:00Z");
        let mut d = t.doc();
        d.table(&[100, 200], &["A", "B"], &[vec![left("x"), amount(None)]]);
        let (_, xml) = document(&t.package(d).expect("package"));
        assert!(
            xml.contains("<w:tblW w:w=\"300\" w:type=\"dxa\"/>"),
            "{xml}"
        );
        assert!(xml.contains("<w:gridCol w:w=\"100\"/><w:gridCol w:w=\"200\"/>"));
        assert_eq!(xml.matches("<w:tr>").count(), 2);
        assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
        assert_eq!(xml.matches("<w:tc>").count(), 4);
    }
}
