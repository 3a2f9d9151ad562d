//! The building blocks of `to-trinh.docx` (SPEC §8): page set-up (A4, the margins of Nghị
//! định 30/2020/NĐ-CP), Times New Roman, paragraph styles, the package parts every unit's
//! document shares ([`Template`]), the document body ([`Doc`], [`Para`], tables), and
//! [`clean`], which drops the characters XML cannot hold.
//!
//! Everything is rendered by docx-rs, but each distinct shape only once: a unit's document has
//! a few hundred paragraphs in some twenty shapes (style, look, alignment, spacing) and six
//! tables, and docx-rs serialising each paragraph again was 60% of `proposal`'s time
//! (BENCHMARKS.md). [`Template`] asks docx-rs for a shape's markup with markers where the
//! paragraph id and the text go, keeps the pieces, and a document is its shapes' pieces with
//! its own ids and texts (escaped as docx-rs escapes them) in between. docx-rs packs the file.

use crate::cost::money::format_vnd;
use docx_rs::{
    AlignmentType, BuildXML, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, Style, StyleType, Table, TableCell, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, WidthType, XMLDocProps, XMLDocx,
};
use foldhash::HashMap;
use quick_xml::escape::escape;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

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
/// body (styles, settings, properties …), the document part around the body (its namespaces,
/// the page set-up), and the markup of each paragraph and table shape met so far.
pub struct Template {
    parts: XMLDocx,
    /// `word/document.xml` up to and including `<w:body>`.
    head: String,
    /// From the section properties (`<w:sectPr>`, the page) to the end.
    tail: String,
    paras: Mutex<HashMap<Shape, Arc<ParaMarkup>>>,
    tables: Mutex<HashMap<TableShape, Arc<TableMarkup>>>,
}

/// Markers docx-rs writes through unchanged (private-use characters), where a paragraph's id
/// and text go.
const ID_MARK: &str = "\u{E000}";
const TEXT_MARK: &str = "\u{E001}";
/// The id of the placeholder paragraph in each cell of a table shape.
const CELL_MARK: &str = "\u{E002}";

impl Template {
    /// `created` is the documents' creation time (`2025-12-01T00:00:00Z`), fixed so that two
    /// runs give the same bytes.
    pub fn new(created: &str) -> Template {
        let parts = styles(Docx::new())
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
        let document = String::from_utf8_lossy(&parts.document).into_owned();
        let open = document
            .find("<w:body>")
            .map_or(0, |i| i + "<w:body>".len());
        let (head, tail) = document.split_at(open);
        Template {
            head: head.to_string(),
            tail: tail.to_string(),
            parts,
            paras: Mutex::default(),
            tables: Mutex::default(),
        }
    }

    /// A new document on this template.
    pub(super) fn doc(&self) -> Doc<'_> {
        let mut xml = String::with_capacity(64 * 1024);
        xml.push_str(&self.head);
        Doc {
            template: self,
            xml,
            ids: 0,
        }
    }

    /// The markup of paragraphs of shape `s`, rendered by docx-rs the first time.
    fn para(&self, s: Shape) -> Arc<ParaMarkup> {
        let mut m = self.paras.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(m.entry(s).or_insert_with(|| Arc::new(ParaMarkup::new(s))))
    }

    /// The markup of tables of shape `s`, rendered by docx-rs the first time.
    fn table(&self, s: &TableShape) -> Arc<TableMarkup> {
        let mut m = self.tables.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(t) = m.get(s) {
            return Arc::clone(t);
        }
        let t = Arc::new(TableMarkup::new(s));
        m.insert(s.clone(), Arc::clone(&t));
        t
    }

    /// The package of the finished document `d`, packed by docx-rs.
    pub(super) fn package(&self, d: Doc<'_>) -> Result<Vec<u8>, String> {
        let mut body = d.xml;
        body.push_str(&self.tail);
        let p = &self.parts;
        let all = |v: &[Vec<u8>]| v.to_vec();
        let size = body.len() + 24 * 1024;
        let x = XMLDocx {
            content_type: p.content_type.clone(),
            rels: p.rels.clone(),
            doc_props: XMLDocProps {
                app: p.doc_props.app.clone(),
                core: p.doc_props.core.clone(),
                custom: p.doc_props.custom.clone(),
            },
            styles: p.styles.clone(),
            document: body.into_bytes(),
            comments: p.comments.clone(),
            document_rels: p.document_rels.clone(),
            settings: p.settings.clone(),
            font_table: p.font_table.clone(),
            numberings: p.numberings.clone(),
            media: p.media.clone(),
            headers: all(&p.headers),
            header_rels: all(&p.header_rels),
            footers: all(&p.footers),
            footer_rels: all(&p.footer_rels),
            comments_extended: p.comments_extended.clone(),
            taskpanes: p.taskpanes.clone(),
            taskpanes_rels: p.taskpanes_rels.clone(),
            web_extensions: all(&p.web_extensions),
            custom_items: all(&p.custom_items),
            custom_item_rels: all(&p.custom_item_rels),
            custom_item_props: all(&p.custom_item_props),
            footnotes: p.footnotes.clone(),
        };
        let mut buf = std::io::Cursor::new(Vec::with_capacity(size));
        x.pack(&mut buf).map_err(|e| e.to_string())?;
        Ok(buf.into_inner())
    }
}

/// The pieces of a paragraph's markup around its id and its text.
struct ParaMarkup {
    before_id: String,
    before_text: String,
    after_text: String,
}

impl ParaMarkup {
    fn new(s: Shape) -> ParaMarkup {
        let p = paragraph(s, ID_MARK, TEXT_MARK);
        let xml = String::from_utf8_lossy(&p.build()).into_owned();
        let (before_id, rest) = xml.split_once(ID_MARK).unwrap_or((&xml, ""));
        let (before_text, after_text) = rest.split_once(TEXT_MARK).unwrap_or((rest, ""));
        ParaMarkup {
            before_id: before_id.to_string(),
            before_text: before_text.to_string(),
            after_text: after_text.to_string(),
        }
    }
}

/// A paragraph of shape `s`, as docx-rs builds it.
fn paragraph(s: Shape, id: &str, text: &str) -> Paragraph {
    let mut p = Paragraph::new().id(id).add_run(run(text, s.look));
    if let Some(style) = s.style {
        p = p.style(style);
    }
    if let Some(a) = s.align {
        p = p.align(a.docx());
    }
    if s.keep_next {
        p = p.keep_next(true);
    }
    if let Some((before, after)) = s.spacing {
        p = p.line_spacing(LineSpacing::new().before(before).after(after));
    }
    if let Some(left) = s.indent {
        p = p.indent(Some(left), None, None, None);
    }
    p
}

fn run(text: &str, look: Look) -> Run {
    let mut r = Run::new().add_text(text);
    if look.bold {
        r = r.bold();
    }
    if look.italic {
        r = r.italic();
    }
    if look.underline {
        r = r.underline("single");
    }
    if look.size != 0 {
        r = r.size(look.size);
    }
    r
}

/// What makes two tables' markup the same but for their paragraphs.
#[derive(Clone, PartialEq, Eq, Hash)]
struct TableShape {
    grid: Vec<usize>,
    /// A bordered data table (its cells centred vertically, its header row repeated on each
    /// page), or a page-layout table (no borders, no cell margins, widths on the cells).
    bordered: bool,
    /// Its rows are kept on one page.
    cant_split: bool,
}

/// The pieces of a table's markup around its cells' paragraphs.
struct TableMarkup {
    /// The table's properties and grid.
    start: String,
    /// A row's start and its first cell's start; the header row's (repeated on each page).
    row_open: String,
    head_open: String,
    /// Between the paragraphs of cell k and those of cell k + 1.
    between: Vec<String>,
    /// The last cell's end and the row's end.
    row_close: String,
    end: String,
}

impl TableMarkup {
    fn new(s: &TableShape) -> TableMarkup {
        let cell = |w: usize| {
            let c = TableCell::new().add_paragraph(Paragraph::new().id(CELL_MARK));
            if s.bordered {
                // No width of its own: the table's fixed grid gives it.
                c.vertical_align(VAlignType::Center)
            } else {
                c.width(w, WidthType::Dxa)
            }
        };
        let mut row = TableRow::new(s.grid.iter().map(|&w| cell(w)).collect());
        if s.cant_split {
            row = row.cant_split();
        }
        let (table, margins) = if s.bordered {
            (
                Table::new(vec![row]),
                TableCellMargins::new().margin(20, 30, 20, 30),
            )
        } else {
            (
                Table::without_borders(vec![row]),
                TableCellMargins::new().margin(0, 0, 0, 0),
            )
        };
        let table = table
            .set_grid(s.grid.clone())
            .width(s.grid.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(margins);
        let xml = String::from_utf8_lossy(&table.build()).into_owned();
        // Cut out each placeholder paragraph: what stays between them is the glue.
        let mut glue = Vec::with_capacity(s.grid.len() + 1);
        let mut rest = xml.as_str();
        let open = format!("<w:p w14:paraId=\"{CELL_MARK}\"");
        while let Some(i) = rest.find(&open) {
            glue.push(rest[..i].to_string());
            let after = &rest[i..];
            rest = after
                .find("</w:p>")
                .map_or("", |j| &after[j + "</w:p>".len()..]);
        }
        glue.push(rest.to_string());
        let first = glue.first().cloned().unwrap_or_default();
        let last = glue.last().cloned().unwrap_or_default();
        let (start, row_open) = match first.find("<w:tr>") {
            Some(i) => (first[..i].to_string(), first[i..].to_string()),
            None => (first, String::new()),
        };
        let (row_close, end) = match last.rfind("</w:tr>").map(|i| i + "</w:tr>".len()) {
            Some(i) => (last[..i].to_string(), last[i..].to_string()),
            None => (String::new(), last),
        };
        // docx-rs has no repeated header row: `w:tblHeader` goes into the row's properties.
        let head_open = if s.bordered {
            match row_open.find("</w:trPr>") {
                Some(i) => format!("{}<w:tblHeader />{}", &row_open[..i], &row_open[i..]),
                None => row_open.replacen("<w:tr>", "<w:tr><w:trPr><w:tblHeader /></w:trPr>", 1),
            }
        } else {
            row_open.clone()
        };
        let between = glue
            .get(1..glue.len().saturating_sub(1))
            .unwrap_or_default()
            .to_vec();
        TableMarkup {
            start,
            row_open,
            head_open,
            between,
            row_close,
            end,
        }
    }
}

/// How a piece of text looks.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
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
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    fn docx(self) -> AlignmentType {
        match self {
            Align::Left => AlignmentType::Left,
            Align::Center => AlignmentType::Center,
            Align::Right => AlignmentType::Right,
        }
    }
}

/// How a paragraph looks and sits, whatever it says.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Shape {
    look: Look,
    style: Option<&'static str>,
    align: Option<Align>,
    keep_next: bool,
    /// Space before and after, in twentieths of a point.
    spacing: Option<(u32, u32)>,
    /// Left indent, in twentieths of a point.
    indent: Option<i32>,
}

/// One paragraph of one run of text.
#[derive(Clone, Copy)]
pub(super) struct Para<'a> {
    text: &'a str,
    shape: Shape,
}

impl<'a> Para<'a> {
    /// `text` aligned `align`, with no style but the document's defaults.
    pub(super) fn line(text: &'a str, look: Look, align: Align) -> Para<'a> {
        let shape = Shape {
            look,
            style: None,
            align: Some(align),
            keep_next: false,
            spacing: None,
            indent: None,
        };
        Para { text, shape }
    }

    /// A body paragraph: justified, first line indented, 6 pt after.
    pub(super) fn body(text: &'a str, look: Look) -> Para<'a> {
        Para::styled(BODY_STYLE, text, look)
    }

    fn styled(style: &'static str, text: &'a str, look: Look) -> Para<'a> {
        let mut p = Para::line(text, look, Align::Left);
        p.shape.style = Some(style);
        p.shape.align = None;
        p
    }

    pub(super) fn spacing(mut self, before: u32, after: u32) -> Para<'a> {
        self.shape.spacing = Some((before, after));
        self
    }

    pub(super) fn indent(mut self, left: i32) -> Para<'a> {
        self.shape.indent = Some(left);
        self
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

/// The document under construction: `word/document.xml`, assembled from its shapes' markup
/// as it is built. Paragraphs get their ids in order, so the bytes do not depend on the thread
/// that builds them (docx-rs counts per thread).
pub(super) struct Doc<'t> {
    template: &'t Template,
    xml: String,
    ids: u32,
}

impl Doc<'_> {
    /// Write paragraph `p`.
    pub(super) fn add(&mut self, p: Para<'_>) {
        let m = self.template.para(p.shape);
        self.ids += 1;
        self.xml.push_str(&m.before_id);
        let _ = write!(self.xml, "{:08X}", self.ids);
        self.xml.push_str(&m.before_text);
        self.xml.push_str(&escape(clean(p.text)));
        self.xml.push_str(&m.after_text);
    }

    /// A part's heading: `1. Hiện trạng`, kept with what follows.
    pub(super) fn heading(&mut self, text: &str) {
        let mut p = Para::styled(PART_STYLE, text, PLAIN);
        p.shape.keep_next = true;
        self.add(p);
    }

    /// The rows of a table of shape `s`: per row, whether it is the header row, and per cell
    /// its paragraphs.
    fn rows<'p>(&mut self, s: &TableShape, rows: impl Iterator<Item = (bool, Vec<Vec<Para<'p>>>)>) {
        let t = self.template.table(s);
        self.xml.push_str(&t.start);
        for (head, cells) in rows {
            self.xml
                .push_str(if head { &t.head_open } else { &t.row_open });
            for (k, paras) in cells.into_iter().enumerate() {
                if k > 0 {
                    self.xml
                        .push_str(t.between.get(k - 1).map_or("", String::as_str));
                }
                for p in paras {
                    self.add(p);
                }
            }
            self.xml.push_str(&t.row_close);
        }
        self.xml.push_str(&t.end);
    }

    /// A page-layout table ([`Layout`]): no borders, no cell margins.
    pub(super) fn layout(&mut self, l: &Layout<'_>) {
        let s = TableShape {
            grid: l.grid.to_vec(),
            bordered: false,
            cant_split: l.cant_split,
        };
        let cells = l.columns.to_vec();
        self.rows(&s, std::iter::once((false, cells)));
    }

    /// A bordered table: the header row (bold, centred, repeated on each page), then `rows`.
    pub(super) fn table(&mut self, grid: &[usize], head: &[&str], rows: &[Vec<Cell>]) {
        let s = TableShape {
            grid: grid.to_vec(),
            bordered: true,
            cant_split: true,
        };
        let head_row = head
            .iter()
            .map(|h| vec![Para::styled(HEAD_STYLE, h, PLAIN)])
            .collect();
        let body = rows.iter().map(|r| {
            let cells = r
                .iter()
                .map(|c| vec![Para::styled(c.style, &c.text, c.look)])
                .collect();
            (false, cells)
        });
        self.rows(&s, std::iter::once((true, head_row)).chain(body));
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

    fn document(package: &[u8]) -> String {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(package)).expect("zip");
        let mut xml = String::new();
        z.by_name("word/document.xml")
            .expect("document part")
            .read_to_string(&mut xml)
            .expect("utf-8");
        xml
    }

    /// What docx-rs writes for paragraph `p` with id `id`, built directly.
    fn direct(p: &Para<'_>, id: u32) -> String {
        let d = paragraph(p.shape, &format!("{id:08X}"), &clean(p.text));
        String::from_utf8(d.build()).expect("utf-8")
    }

    #[test]
    fn paragraphs_are_what_docx_rs_writes_for_them() {
        let t = Template::new("2025-12-01T00:00:00Z");
        let paras = [
            Para::line("a < b & c > \"d\" 'e'", BOLD.size(26), Align::Center)
                .indent(2_268)
                .spacing(0, 240),
            Para::body("Căn cứ\u{1} Quyết định;", ITALIC),
            Para::line("", PLAIN.size(10), Align::Right),
            Para::body("a < b & c > \"d\" 'e'", BOLD.size(26)),
        ];
        let mut d = t.doc();
        let mut want = t.head.clone();
        for (i, p) in paras.iter().enumerate() {
            d.add(*p);
            want.push_str(&direct(p, i as u32 + 1));
        }
        d.heading("1. Hiện trạng");
        let mut h = Para::styled(PART_STYLE, "1. Hiện trạng", PLAIN);
        h.shape.keep_next = true;
        want.push_str(&direct(&h, 5));
        want.push_str(&t.tail);
        let xml = document(&t.package(d).expect("package"));
        assert_eq!(xml, want);
        assert!(xml.contains("a &lt; b &amp; c &gt;"), "{xml}");
        assert!(
            xml.contains("Căn cứ Quyết định;"),
            "control character dropped"
        );
        assert!(xml.contains("<w:keepNext />"), "{xml}");
    }

    #[test]
    fn tables_are_what_docx_rs_writes_for_them_with_a_repeated_header() {
        let t = Template::new("2025-12-01T00:00:00Z");
        let grid = [1_000, 2_000, 3_000];
        let rows = vec![
            vec![
                centre("1"),
                left("Máy tính"),
                amount(Some(Decimal::from(1_500))),
            ],
            vec![centre("2"), bold(left("Tổng")), amount(None)],
        ];
        let mut d = t.doc();
        d.table(&grid, &["STT", "Tên", "Cộng"], &rows);
        d.table(&grid, &["STT", "Tên", "Cộng"], &rows);
        let xml = document(&t.package(d).expect("package"));
        // The same table directly with docx-rs.
        let mut id = 0u32;
        let mut cell = |text: &str, style: &str, look: Look| {
            id += 1;
            let p = Paragraph::new()
                .id(format!("{id:08X}"))
                .add_run(run(text, look))
                .style(style);
            TableCell::new()
                .vertical_align(VAlignType::Center)
                .add_paragraph(p)
        };
        let mut table = || {
            let mut trs = vec![TableRow::new(
                ["STT", "Tên", "Cộng"]
                    .iter()
                    .map(|h| cell(h, HEAD_STYLE, PLAIN))
                    .collect(),
            )
            .cant_split()];
            for r in &rows {
                let cells = r.iter().map(|c| cell(&c.text, c.style, c.look)).collect();
                trs.push(TableRow::new(cells).cant_split());
            }
            let t = Table::new(trs)
                .set_grid(grid.to_vec())
                .width(6_000, WidthType::Dxa)
                .layout(TableLayoutType::Fixed)
                .margins(TableCellMargins::new().margin(20, 30, 20, 30));
            String::from_utf8(t.build()).expect("utf-8")
        };
        let want = format!("{}{}{}{}", t.head, table(), table(), t.tail);
        assert_eq!(xml.matches("<w:tblHeader />").count(), 2, "{xml}");
        assert_eq!(xml.replace("<w:tblHeader />", ""), want);
        assert!(xml.contains("1.500"), "{xml}");
    }

    #[test]
    fn layout_tables_are_what_docx_rs_writes_for_them() {
        let t = Template::new("2025-12-01T00:00:00Z");
        let mut d = t.doc();
        d.layout(&Layout {
            grid: [3_000, 6_355],
            columns: [
                vec![Para::line("A", BOLD, Align::Center)],
                vec![
                    Para::line("B", PLAIN, Align::Center),
                    Para::line("C", ITALIC, Align::Center),
                ],
            ],
            cant_split: true,
        });
        let xml = document(&t.package(d).expect("package"));
        let p = |id: u32, text: &str, look: Look| {
            Paragraph::new()
                .id(format!("{id:08X}"))
                .add_run(run(text, look))
                .align(AlignmentType::Center)
        };
        let l = TableCell::new()
            .width(3_000, WidthType::Dxa)
            .add_paragraph(p(1, "A", BOLD));
        let r = TableCell::new()
            .width(6_355, WidthType::Dxa)
            .add_paragraph(p(2, "B", PLAIN))
            .add_paragraph(p(3, "C", ITALIC));
        let table = Table::without_borders(vec![TableRow::new(vec![l, r]).cant_split()])
            .set_grid(vec![3_000, 6_355])
            .width(9_355, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, 0, 0, 0));
        let want = format!(
            "{}{}{}",
            t.head,
            String::from_utf8(table.build()).expect("utf-8"),
            t.tail
        );
        assert_eq!(xml, want);
    }
}
