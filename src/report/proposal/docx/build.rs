//! The building blocks of `to-trinh.docx` (SPEC §8): page set-up (A4, the margins of Nghị
//! định 30/2020/NĐ-CP), Times New Roman, paragraph styles, the package parts every unit's
//! document shares ([`Template`]), paragraphs and table cells built in place, and [`clean`],
//! which drops the characters XML cannot hold.

use crate::cost::money::format_vnd;
use docx_rs::{
    AlignmentType, BuildXML, Document, DocumentChild, Docx, LineSpacing, PageMargin, Paragraph,
    ParagraphChild, ParagraphProperty, ParagraphStyle, Run, RunChild, RunFonts, SpecialIndentType,
    Style, StyleType, Table, TableCell, TableCellContent, TableCellMargins, TableLayoutType,
    TableRow, Text, VAlignType, WidthType, XMLDocProps, XMLDocx,
};
use rust_decimal::Decimal;

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

/// The document under construction: paragraphs get their ids here, in order, so the bytes do
/// not depend on the thread that builds the document (docx-rs counts per thread).
pub(super) struct Doc {
    pub(super) body: Document,
    pub(super) ids: u32,
}

/// What every unit's document shares, built once by docx-rs: the package parts other than the
/// body (styles, settings, properties …) and the page set-up. Each document then builds only
/// its body: with a thousand units, building the same parts again was a fifth of the time.
pub struct Template {
    parts: XMLDocx,
    pub(super) page: Document,
}

impl Template {
    /// `created` is the documents' creation time (`2025-12-01T00:00:00Z`), fixed so that two
    /// runs give the same bytes.
    pub fn new(created: &str) -> Template {
        let mut docx = styles(Docx::new())
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
            .updated_at(created);
        let page = std::mem::take(&mut docx.document);
        docx.document = page.clone();
        Template {
            parts: docx.build(),
            page,
        }
    }

    /// The package with `body` as its document.
    pub(super) fn package(&self, body: &Document) -> Result<Vec<u8>, String> {
        self.pack(body.build())
    }

    /// The package with `body` (a built `word/document.xml`) as its document.
    fn pack(&self, body: Vec<u8>) -> Result<Vec<u8>, String> {
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
            document: body,
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

// docx-rs builds by value, and a paragraph is 2.4 KB: the hundreds of paragraphs of each
// document are filled in place instead, which made the documents several times faster.

fn run(text: &str, look: Look) -> Run {
    let mut r = Run::new();
    r.children.push(RunChild::Text(Text::new(clean(text))));
    if look.bold || look.italic || look.underline || look.size != 0 {
        let mut rp = std::mem::take(&mut r.run_property);
        if look.bold {
            rp = rp.bold();
        }
        if look.italic {
            rp = rp.italic();
        }
        if look.underline {
            rp = rp.underline("single");
        }
        if look.size != 0 {
            rp = rp.size(look.size);
        }
        r.run_property = rp;
    }
    r
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

impl Doc {
    pub(super) fn para(&mut self) -> Paragraph {
        self.ids += 1;
        Paragraph::new().id(format!("{:08X}", self.ids))
    }

    /// One run of text in a paragraph aligned `align`.
    pub(super) fn line(&mut self, text: &str, look: Look, align: AlignmentType) -> Paragraph {
        self.para().add_run(run(text, look)).align(align)
    }

    /// One run of text in a paragraph of style `style`, built in place.
    pub(super) fn styled(&mut self, style: &str, text: &str, look: Look) -> Box<Paragraph> {
        self.ids += 1;
        let mut property = ParagraphProperty::new();
        property.style = Some(ParagraphStyle::new(Some(style)));
        Box::new(Paragraph {
            id: format!("{:08X}", self.ids),
            children: vec![ParagraphChild::Run(Box::new(run(text, look)))],
            property,
            has_numbering: false,
        })
    }

    /// A body paragraph: justified, first line indented, 6 pt after.
    pub(super) fn body(&mut self, text: &str, look: Look) -> Box<Paragraph> {
        self.styled(BODY_STYLE, text, look)
    }

    pub(super) fn add(&mut self, p: impl Into<Box<Paragraph>>) {
        self.body.children.push(DocumentChild::Paragraph(p.into()));
    }

    pub(super) fn add_table(&mut self, t: Table) {
        self.body.children.push(DocumentChild::Table(Box::new(t)));
    }

    /// A part's heading: `1. Hiện trạng`.
    pub(super) fn heading(&mut self, text: &str) {
        let mut p = self.styled(PART_STYLE, text, PLAIN);
        p.property = std::mem::take(&mut p.property).keep_next(true);
        self.add(p);
    }

    /// A cell of a bordered table holding one paragraph of style `style`.
    pub(super) fn cell(&mut self, style: &str, text: &str, look: Look) -> TableCell {
        let mut c = TableCell::new();
        // No width of its own: the table's fixed grid gives it (a tenth less to write).
        c.property = std::mem::take(&mut c.property).vertical_align(VAlignType::Center);
        c.children
            .push(TableCellContent::Paragraph(self.styled(style, text, look)));
        c
    }

    /// A bordered table: the header row (bold, centred), then `rows`.
    pub(super) fn table(&mut self, grid: &[usize], head: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        let mut trs = Vec::with_capacity(rows.len() + 1);
        let cells = head
            .iter()
            .map(|h| self.cell(HEAD_STYLE, h, PLAIN))
            .collect();
        trs.push(TableRow::new(cells).cant_split());
        for r in rows {
            let cells = r
                .iter()
                .map(|c| self.cell(c.style, &c.text, c.look))
                .collect();
            trs.push(TableRow::new(cells).cant_split());
        }
        Table::new(trs)
            .set_grid(grid.to_vec())
            .width(grid.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(20, 30, 20, 30))
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
