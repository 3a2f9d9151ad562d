//! `to-trinh.docx` (SPEC §8): a unit's draft proposal (tờ trình) as a Word document in the form
//! of Nghị định 30/2020/NĐ-CP (Front and socio-political units) or Hướng dẫn 36-HD/VPTW (Party
//! units): A4, Times New Roman 14 pt, margins 20 mm top and bottom, 30 mm left, 15 mm right.
//!
//! Built with docx-rs; every text SPEC names sits in a body paragraph or a top-level table
//! cell, never in page headers, text boxes or nested tables. Texts go through [`clean`]: a
//! character XML cannot hold (a control character in a unit's name) is dropped.

use super::Proposal;
use crate::catalog::{Catalog, Documents};
use crate::cost::Estimate;
use crate::report::finance::detail::contingency_label;
use crate::report::finance::DETAIL_HEADERS;
use crate::report::vi::unit_of_measure;
use docx_rs::{
    AlignmentType, LineSpacing, Paragraph, Table, TableCell, TableCellMargins, TableLayoutType,
    TableRow, WidthType,
};
use rust_decimal::Decimal;

mod build;

use build::{
    amount, bold, centre, italic, left, Cell, Doc, Look, BODY, BOLD, ITALIC, PLAIN, RECIPIENTS,
    RECIPIENTS_HEAD, TABLE, WIDTH,
};
pub use build::{clean, Template};

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
    template.package(&d.body)
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
