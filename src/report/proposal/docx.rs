//! `to-trinh.docx` (SPEC §8): a unit's draft proposal (tờ trình) as a Word document in the form
//! of Nghị định 30/2020/NĐ-CP (Front and socio-political units) or Hướng dẫn 36-HD/VPTW (Party
//! units): A4, Times New Roman 14 pt, margins 20 mm top and bottom, 30 mm left, 15 mm right.
//!
//! Built with docx-rs; every text SPEC names sits in a body paragraph or a top-level table
//! cell, never in page headers, text boxes or nested tables. Texts go through [`clean`]: a
//! character XML cannot hold (a control character in a unit's name) is dropped.

use super::Proposal;
use crate::catalog::{Catalog, Documents};
use crate::cost::{money::format_vnd, Estimate};
use crate::report::finance::detail::contingency_label;
use crate::report::finance::DETAIL_HEADERS;
use crate::report::vi::unit_of_measure;
use docx_rs::{
    AlignmentType, BuildXML, Document, DocumentChild, Docx, LineSpacing, PageMargin, Paragraph,
    ParagraphChild, ParagraphProperty, ParagraphStyle, Run, RunChild, RunFonts, SpecialIndentType,
    Style, StyleType, Table, TableCell, TableCellContent, TableCellMargins, TableLayoutType,
    TableRow, Text, VAlignType, WidthType, XMLDocProps, XMLDocx,
};
use rust_decimal::Decimal;

const FONT: &str = "Times New Roman";
/// Sizes in half-points: the body 14 pt, tables 13 pt, `Nơi nhận` 12 and 11 pt (NĐ 30).
const BODY: usize = 28;
const TABLE: usize = 26;
const RECIPIENTS_HEAD: usize = 24;
const RECIPIENTS: usize = 22;
/// A4 and the margins, in twentieths of a point (1 mm = 56.7).
const PAGE: (u32, u32) = (11_906, 16_838);
const TOP: i32 = 1_134;
const BOTTOM: i32 = 1_134;
const LEFT: i32 = 1_701;
const RIGHT: i32 = 850;
/// The text's width: A4 less the left and right margins.
const WIDTH: usize = 9_355;
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
struct Doc {
    body: Document,
    ids: u32,
}

/// What every unit's document shares, built once by docx-rs: the package parts other than the
/// body (styles, settings, properties …) and the page set-up. Each document then builds only
/// its body: with a thousand units, building the same parts again was a fifth of the time.
pub struct Template {
    parts: XMLDocx,
    page: Document,
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
struct Look {
    bold: bool,
    italic: bool,
    underline: bool,
    /// Half-points; 0 = the body size.
    size: usize,
}

const PLAIN: Look = Look {
    bold: false,
    italic: false,
    underline: false,
    size: 0,
};
const BOLD: Look = Look {
    bold: true,
    ..PLAIN
};
const ITALIC: Look = Look {
    italic: true,
    ..PLAIN
};

impl Look {
    fn size(self, size: usize) -> Look {
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
    fn para(&mut self) -> Paragraph {
        self.ids += 1;
        Paragraph::new().id(format!("{:08X}", self.ids))
    }

    /// One run of text in a paragraph aligned `align`.
    fn line(&mut self, text: &str, look: Look, align: AlignmentType) -> Paragraph {
        self.para().add_run(run(text, look)).align(align)
    }

    /// One run of text in a paragraph of style `style`, built in place.
    fn styled(&mut self, style: &str, text: &str, look: Look) -> Box<Paragraph> {
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
    fn body(&mut self, text: &str, look: Look) -> Box<Paragraph> {
        self.styled(BODY_STYLE, text, look)
    }

    fn add(&mut self, p: impl Into<Box<Paragraph>>) {
        self.body.children.push(DocumentChild::Paragraph(p.into()));
    }

    fn add_table(&mut self, t: Table) {
        self.body.children.push(DocumentChild::Table(Box::new(t)));
    }

    /// A part's heading: `1. Hiện trạng`.
    fn heading(&mut self, text: &str) {
        let mut p = self.styled(PART_STYLE, text, PLAIN);
        p.property = std::mem::take(&mut p.property).keep_next(true);
        self.add(p);
    }

    /// A cell of a bordered table holding one paragraph of style `style`.
    fn cell(&mut self, style: &str, text: &str, look: Look) -> TableCell {
        let mut c = TableCell::new();
        // No width of its own: the table's fixed grid gives it (a tenth less to write).
        c.property = std::mem::take(&mut c.property).vertical_align(VAlignType::Center);
        c.children
            .push(TableCellContent::Paragraph(self.styled(style, text, look)));
        c
    }

    /// A bordered table: the header row (bold, centred), then `rows`.
    fn table(&mut self, grid: &[usize], head: &[&str], rows: Vec<Vec<Cell>>) -> Table {
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
struct Cell {
    text: String,
    look: Look,
    /// The paragraph style: how the cell's text is aligned.
    style: &'static str,
}

fn left(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        look: PLAIN,
        style: LEFT_STYLE,
    }
}

fn centre(text: impl Into<String>) -> Cell {
    Cell {
        style: CENTRE_STYLE,
        ..left(text)
    }
}

fn amount(d: Option<Decimal>) -> Cell {
    Cell {
        style: RIGHT_STYLE,
        ..left(d.map(format_vnd).unwrap_or_default())
    }
}

fn bold(mut c: Cell) -> Cell {
    c.look.bold = true;
    c
}

fn italic(mut c: Cell) -> Cell {
    c.look.italic = true;
    c
}

/// The tờ trình of one unit, as the bytes of a .docx file.
pub fn to_trinh(
    p: &Proposal<'_>,
    est: &Estimate,
    catalog: &Catalog,
    template: &Template,
) -> Result<Vec<u8>, String> {
    let docs = &catalog.documents;
    let mut d = Doc {
        body: template.page.clone(),
        ids: 0,
    };
    header(&mut d, p, docs);
    title(&mut d, p, docs);
    part1(&mut d, p, est, catalog);
    part2(&mut d, p, est, catalog);
    part3(&mut d, p, est, catalog);
    part4(&mut d, p, est, catalog);
    closing(&mut d, p, docs);
    template.pack(d.body.build())
}

/// The two-column header: the unit and the number line; the block's header lines and the
/// place and date.
fn header(d: &mut Doc, p: &Proposal<'_>, docs: &Documents) {
    let block = p.unit.unit.block;
    let (lw, rw) = (3_300, WIDTH - 3_300);
    let mut l = TableCell::new()
        .width(lw, WidthType::Dxa)
        .add_paragraph(d.line(
            &p.unit.unit.name.to_uppercase(),
            BOLD.size(26),
            AlignmentType::Center,
        ))
        .add_paragraph(d.line("", PLAIN.size(10), AlignmentType::Center));
    l = l.add_paragraph(d.line(
        docs.number.get(block),
        PLAIN.size(26),
        AlignmentType::Center,
    ));
    let lines = docs.header.get(block);
    let mut r = TableCell::new().width(rw, WidthType::Dxa);
    for (i, h) in lines.iter().enumerate() {
        let look = if i == 0 {
            BOLD.size(26)
        } else {
            BOLD.size(BODY)
        };
        let look = Look {
            underline: i + 1 == lines.len(),
            ..look
        };
        let text = if i == 0 { h.to_uppercase() } else { h.clone() };
        r = r.add_paragraph(d.line(&text, look, AlignmentType::Center));
    }
    r = r.add_paragraph(d.line("", PLAIN.size(10), AlignmentType::Center));
    r = r.add_paragraph(d.line(
        &format!("{}, ngày … tháng … năm {}", docs.place, p.year),
        ITALIC.size(26),
        AlignmentType::Center,
    ));
    let t = Table::without_borders(vec![TableRow::new(vec![l, r])])
        .set_grid(vec![lw, rw])
        .width(WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0));
    d.add_table(t);
}

/// The title, the subject, `Kính gửi`, the bases and the opening sentence.
fn title(d: &mut Doc, p: &Proposal<'_>, docs: &Documents) {
    let spaced = |p: Paragraph, before: u32, after: u32| {
        p.line_spacing(LineSpacing::new().before(before).after(after))
    };
    let t = d.line("TỜ TRÌNH", BOLD, AlignmentType::Center);
    d.add(spaced(t, 480, 0));
    let s = d.line(
        &format!(
            "Về việc đề xuất nhiệm vụ và dự toán kinh phí {} năm {}",
            docs.subject, p.year
        ),
        BOLD,
        AlignmentType::Center,
    );
    d.add(spaced(s, 0, 360));
    match docs.recipients.as_slice() {
        [one] => {
            let k = d.line(&format!("Kính gửi: {one}."), PLAIN, AlignmentType::Center);
            d.add(spaced(k, 0, 240));
        }
        many => {
            let k = d.line("Kính gửi:", PLAIN, AlignmentType::Left).indent(
                Some(2_268),
                None,
                None,
                None,
            );
            d.add(k);
            for (i, r) in many.iter().enumerate() {
                let end = if i + 1 == many.len() { "." } else { ";" };
                let line = d
                    .line(&format!("- {r}{end}"), PLAIN, AlignmentType::Left)
                    .indent(Some(3_402), None, None, None);
                let after = if i + 1 == many.len() { 240 } else { 0 };
                d.add(spaced(line, 0, after));
            }
        }
    }
    for b in &docs.bases {
        let c = d.body(&format!("Căn cứ {b};"), PLAIN);
        d.add(c);
    }
    let intro = d.body(
        &format!(
            "{} đề xuất nhiệm vụ và dự toán kinh phí {} năm {} như sau:",
            p.unit.unit.name, docs.subject, p.year
        ),
        PLAIN,
    );
    d.add(intro);
}

/// Part 1, `Hiện trạng`: what the unit declared, by item, and what was not counted.
fn part1(d: &mut Doc, p: &Proposal<'_>, est: &Estimate, catalog: &Catalog) {
    let _ = est;
    d.heading("1. Hiện trạng");
    if p.held.is_empty() {
        let s = d.body(
            "Phiếu khảo sát của đơn vị không kê khai thiết bị nào thuộc danh mục.",
            PLAIN,
        );
        d.add(s);
    } else {
        let rows = p
            .held
            .iter()
            .map(|h| {
                let name = catalog.items.get(h.item).map_or("", |it| it.name.as_str());
                vec![
                    left(name),
                    centre(h.counted.to_string()),
                    centre(h.usable.to_string()),
                    centre(h.unusable.to_string()),
                ]
            })
            .collect();
        let t = d.table(
            &[4_855, 1_500, 1_500, 1_500],
            &[
                "Tên thiết bị",
                "Số lượng hiện có",
                "Còn sử dụng được",
                "Không sử dụng được",
            ],
            rows,
        );
        d.add_table(t);
    }
    let s = d.body(&rows_sentence(p.unclassified, p.rejected), PLAIN);
    d.add(s.line_spacing(LineSpacing::new().before(120).after(120)));
}

/// The sentence on the rows of the form that were not counted.
pub(crate) fn rows_sentence(unclassified: u64, rejected: u64) -> String {
    match (unclassified, rejected) {
        (0, 0) => "Phiếu khảo sát không có dòng nào chưa xác định được loại thiết bị hoặc bị loại \
                   do sai số liệu."
            .to_string(),
        (u, r) => format!(
            "Phiếu khảo sát có {u} dòng chưa xác định được loại thiết bị và {r} dòng bị loại do \
             sai số liệu; các dòng này không được tính vào hiện trạng."
        ),
    }
}

/// Part 2, `Nhu cầu`: the unit's `self` lines to buy, requests beyond the norm, and the shared
/// headquarters.
fn part2(d: &mut Doc, p: &Proposal<'_>, est: &Estimate, catalog: &Catalog) {
    d.heading("2. Nhu cầu");
    let n = &est.needs;
    let needed = p.needed(est);
    if needed.is_empty() {
        let s = d.body(
            "Đơn vị không có nhu cầu tự mua sắm thêm thiết bị theo tiêu chuẩn, định mức.",
            PLAIN,
        );
        d.add(s);
    } else {
        let rows = needed
            .iter()
            .filter_map(|&i| n.lines.get(i))
            .enumerate()
            .map(|(k, l)| {
                let item = catalog.items.get(l.item);
                vec![
                    centre((k + 1).to_string()),
                    left(item.map_or("", |it| it.name.as_str())),
                    centre(item.map_or("", unit_of_measure)),
                    centre(l.required.to_string()),
                    centre(l.usable.to_string()),
                    centre(l.replace.to_string()),
                    centre(l.new.to_string()),
                    centre(l.quantity.to_string()),
                ]
            })
            .collect();
        let t = d.table(
            &[650, 2_805, 950, 1_050, 1_050, 950, 950, 950],
            &[
                "STT",
                "Tên thiết bị",
                "ĐVT",
                "Theo định mức",
                "Còn sử dụng được",
                "Thay thế",
                "Mua mới",
                "Số lượng đề xuất",
            ],
            rows,
        );
        d.add_table(t);
        let s = d.body(
            "Số lượng đề xuất là số còn thiếu so với định mức (thay thế thiết bị không còn sử \
             dụng được và mua mới), không vượt số lượng đơn vị đề nghị.",
            ITALIC,
        );
        d.add(s.line_spacing(LineSpacing::new().before(120).after(120)));
    }
    for &i in &p.excess(est) {
        let Some(l) = n.lines.get(i) else { continue };
        let name = catalog.items.get(l.item).map_or("", |it| it.name.as_str());
        let s = d.body(&excess_sentence(name, l), PLAIN);
        d.add(s);
    }
    if let Some(s) = &p.site {
        let s = d.body(&site_sentence(p, s), PLAIN);
        d.add(s);
    }
}

/// A request beyond the norm: what was asked and what is not proposed.
pub(crate) fn excess_sentence(name: &str, l: &crate::needs::NeedLine) -> String {
    let requested = l.requested.unwrap_or(l.excess);
    if l.not_applicable {
        format!(
            "{name}: đơn vị đề nghị {requested}; thiết bị này không thuộc tiêu chuẩn, định mức \
             của đơn vị nên số lượng {} không được đề xuất.",
            l.excess
        )
    } else {
        format!(
            "{name}: đơn vị đề nghị {requested}, vượt {} so với số còn thiếu theo định mức; số \
             vượt không được đề xuất.",
            l.excess
        )
    }
}

/// The one sentence on a shared headquarters: which units this run read there, and who
/// proposes its shared equipment.
pub(crate) fn site_sentence(p: &Proposal<'_>, s: &super::SiteShare) -> String {
    let units = s.units.join(", ");
    let who = match &s.owner {
        Some((code, _)) if *code == p.unit.unit.code => "được đề xuất tại Tờ trình này".to_string(),
        Some((code, name)) => format!("do {name} ({code}) đề xuất"),
        None => "không có thiết bị dùng chung nào áp dụng".to_string(),
    };
    format!(
        "Thiết bị dùng chung của trụ sở {} chỉ tính cho các đơn vị cùng trụ sở có phiếu khảo sát \
         trong lần tổng hợp này ({units}) và {who}; đơn vị cùng trụ sở không có phiếu trong lần \
         tổng hợp này chưa được tính.",
        s.site
    )
}

/// Part 3, `Dự toán kinh phí`: the unit's own estimate, its contingency and total, in words.
fn part3(d: &mut Doc, p: &Proposal<'_>, est: &Estimate, catalog: &Catalog) {
    d.heading("3. Dự toán kinh phí");
    let unit = d.line(
        "Đơn vị tính: đồng",
        ITALIC.size(TABLE),
        AlignmentType::Right,
    );
    d.add(unit);
    let n = &est.needs;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (k, &i) in p.priced(est).iter().enumerate() {
        let (Some(l), Some(c)) = (n.lines.get(i), est.costs.get(i)) else {
            continue;
        };
        let item = catalog.items.get(l.item);
        rows.push(vec![
            centre((k + 1).to_string()),
            left(item.map_or("", |it| it.name.as_str())),
            centre(item.map_or("", unit_of_measure)),
            centre(l.quantity.to_string()),
            amount(c.unit_price.map(Decimal::from)),
            amount(c.amount),
            amount(c.vat),
            amount(c.total),
        ]);
    }
    let t = p.totals;
    rows.push(vec![
        centre(""),
        italic(left(contingency_label(catalog))),
        centre(""),
        centre(""),
        amount(None),
        amount(None),
        amount(None),
        italic(amount(Some(t.contingency))),
    ]);
    rows.push(vec![
        centre(""),
        bold(left("Tổng cộng")),
        centre(""),
        centre(""),
        amount(None),
        bold(amount(Some(t.amount))),
        bold(amount(Some(t.vat))),
        bold(amount(Some(t.total))),
    ]);
    let table = d.table(
        &[560, 1_725, 650, 720, 1_250, 1_560, 1_330, 1_560],
        // The Finance form's columns, without its `Ghi chú` (SPEC §8 part 3).
        &DETAIL_HEADERS[..8],
        rows,
    );
    d.add_table(table);
    let w = d.body(&format!("Bằng chữ: {}.", p.in_words), ITALIC);
    d.add(w.line_spacing(LineSpacing::new().before(120).after(120)));
}

/// Part 4: what other channels provide, for which no money is asked.
fn part4(d: &mut Doc, p: &Proposal<'_>, est: &Estimate, catalog: &Catalog) {
    d.heading("4. Phần do kênh khác bảo đảm (không đề nghị kinh phí)");
    let n = &est.needs;
    let others = p.others(est);
    if others.is_empty() {
        let s = d.body("Không có.", PLAIN);
        d.add(s);
        return;
    }
    let rows = others
        .iter()
        .filter_map(|&i| n.lines.get(i))
        .map(|l| {
            vec![
                left(catalog.items.get(l.item).map_or("", |it| it.name.as_str())),
                centre(l.quantity.to_string()),
                left(catalog.channel_label(&l.channel)),
            ]
        })
        .collect();
    let t = d.table(
        &[4_300, 1_300, 3_755],
        &["Tên thiết bị", "Số lượng", "Kênh bảo đảm"],
        rows,
    );
    d.add_table(t);
}

/// The closing request, `Nơi nhận` and the signature block.
fn closing(d: &mut Doc, p: &Proposal<'_>, docs: &Documents) {
    let first = docs.recipients.first().map_or("", String::as_str);
    let k = d.body(&format!("Kính trình {first} xem xét, cho ý kiến."), PLAIN);
    d.add(k.line_spacing(LineSpacing::new().before(120).after(240)));
    let (lw, rw) = (4_400, WIDTH - 4_400);
    let l = TableCell::new()
        .width(lw, WidthType::Dxa)
        .add_paragraph(d.line(
            "Nơi nhận:",
            Look {
                bold: true,
                italic: true,
                ..PLAIN.size(RECIPIENTS_HEAD)
            },
            AlignmentType::Left,
        ))
        .add_paragraph(d.line("- Như trên;", PLAIN.size(RECIPIENTS), AlignmentType::Left))
        .add_paragraph(d.line("- Lưu: VT.", PLAIN.size(RECIPIENTS), AlignmentType::Left));
    let mut r = TableCell::new()
        .width(rw, WidthType::Dxa)
        .add_paragraph(d.line(
            docs.signer.get(p.unit.unit.block),
            BOLD,
            AlignmentType::Center,
        ));
    // Room for the signature, the seal and the signer's name.
    for _ in 0..5 {
        r = r.add_paragraph(d.line("", PLAIN, AlignmentType::Center));
    }
    let t = Table::without_borders(vec![TableRow::new(vec![l, r]).cant_split()])
        .set_grid(vec![lw, rw])
        .width(WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0));
    d.add_table(t);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_what_xml_can_hold() {
        assert_eq!(clean("Đảng ủy\u{1} phường\u{b}"), "Đảng ủy phường");
        assert_eq!(clean("a\tb\nc\rd"), "a b c d");
        assert_eq!(clean("x\u{FFFE}\u{FFFF}\u{7F}y"), "xy");
        assert_eq!(clean("<&>"), "<&>");
    }

    #[test]
    fn sentences_on_rows_not_counted() {
        assert!(rows_sentence(0, 0).starts_with("Phiếu khảo sát không có dòng nào"));
        let s = rows_sentence(2, 1);
        assert!(
            s.contains("2 dòng chưa xác định") && s.contains("1 dòng bị loại"),
            "{s}"
        );
    }
}
