//! The formats of the documents (SPEC §5: amounts with thousands separators): Times New Roman, as administrative documents are typed.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, FormatUnderline, Workbook};

pub(super) const FONT: &str = "Times New Roman";

/// The formats of both workbooks: Times New Roman, as administrative documents are typed.
pub struct Styles {
    /// Plain text outside tables.
    pub plain: Format,
    /// Bold centred (the national motto lines).
    pub motto: Format,
    /// Bold centred and underlined ("Độc lập - Tự do - Hạnh phúc").
    pub motto_u: Format,
    /// Italic, right-aligned ("…, ngày … tháng … năm …", "Đơn vị tính: đồng").
    pub place: Format,
    /// The document title.
    pub title: Format,
    /// Italic centred under the title.
    pub subtitle: Format,
    /// A bold heading outside tables (I., II. …).
    pub heading: Format,
    /// Bold italic, for `Bằng chữ: ….`.
    pub words: Format,
    /// Italic, for notes.
    pub note: Format,
    /// Table header cells.
    pub head: Format,
    /// Italic centred column numbers under a header ((1), (2) …).
    pub colno: Format,
    pub cell: Format,
    pub cell_c: Format,
    pub cell_b: Format,
    pub cell_bc: Format,
    pub cell_i: Format,
    pub amount: Format,
    pub amount_b: Format,
    pub amount_i: Format,
    /// An amount in a long list (no border, no wrap: see [`plain`]).
    pub list_amount: Format,
    /// Text in a long list that is wider than its column (see [`super::Fit::list_text`]).
    pub list_wrap: Format,
    pub qty: Format,
    pub qty_b: Format,
    /// Bold centred, for signature titles.
    pub sign: Format,
    /// Italic centred, for "(Ký, ghi rõ họ tên)".
    pub sign_i: Format,
}

impl Default for Styles {
    fn default() -> Self {
        Self::new()
    }
}

impl Styles {
    /// Give every format its workbook-wide index now, in this fixed order. Sheets filled on
    /// several threads at once then look indices up and never assign them, so which thread
    /// writes first cannot change the file's bytes.
    pub fn register(&self, wb: &mut Workbook) {
        for f in [
            &self.plain,
            &self.motto,
            &self.motto_u,
            &self.place,
            &self.title,
            &self.subtitle,
            &self.heading,
            &self.words,
            &self.note,
            &self.head,
            &self.colno,
            &self.cell,
            &self.cell_c,
            &self.cell_b,
            &self.cell_bc,
            &self.cell_i,
            &self.amount,
            &self.amount_b,
            &self.amount_i,
            &self.list_amount,
            &self.list_wrap,
            &self.qty,
            &self.qty_b,
            &self.sign,
            &self.sign_i,
        ] {
            wb.register_format(f);
        }
    }

    pub fn new() -> Styles {
        let base = || Format::new().set_font_name(FONT).set_font_size(12);
        let cell = || {
            base()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
        };
        let amount = || cell().set_num_format("#,##0");
        Styles {
            plain: base(),
            motto: base().set_bold().set_align(FormatAlign::Center),
            motto_u: base()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_underline(FormatUnderline::Single),
            place: base().set_italic().set_align(FormatAlign::Right),
            title: base()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            subtitle: base()
                .set_italic()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            heading: base().set_bold(),
            words: base()
                .set_bold()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            note: base()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            head: cell()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0x00E7_E6E6)),
            colno: cell()
                .set_italic()
                .set_font_size(10)
                .set_align(FormatAlign::Center),
            cell: cell(),
            cell_c: cell().set_align(FormatAlign::Center),
            cell_b: cell().set_bold(),
            cell_bc: cell().set_bold().set_align(FormatAlign::Center),
            cell_i: cell().set_italic(),
            amount: amount(),
            amount_b: amount().set_bold(),
            amount_i: amount().set_italic(),
            list_amount: base().set_num_format("#,##0"),
            list_wrap: base().set_text_wrap(),
            qty: amount().set_align(FormatAlign::Center),
            qty_b: amount().set_bold().set_align(FormatAlign::Center),
            sign: base().set_bold().set_align(FormatAlign::Center),
            sign_i: base().set_italic().set_align(FormatAlign::Center),
        }
    }
}
