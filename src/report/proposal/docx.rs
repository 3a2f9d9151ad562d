//! `to-trinh.docx` (SPEC §8): a unit's draft proposal (tờ trình) as a Word document in the form
//! of Nghị định 30/2020/NĐ-CP (Front and socio-political units) or Hướng dẫn 36-HD/VPTW (Party
//! units): A4, Times New Roman 14 pt, margins 20 mm top and bottom, 30 mm left, 15 mm right.
//!
//! Each part of the document in SPEC's order, on the blocks of [`build`]; every text SPEC names
//! sits in a body paragraph or a top-level table cell, never in page headers, text boxes or
//! nested tables. Texts go through [`clean`]: a character XML cannot hold (a control character
//! in a unit's name) is dropped.

use super::Proposal;
use crate::catalog::{Catalog, Documents};
use crate::cost::Estimate;
use crate::report::finance::detail::contingency_label;
use crate::report::finance::DETAIL_HEADERS;
use crate::report::vi::unit_of_measure;
use rust_decimal::Decimal;

mod build;

use build::{
    amount, bold, centre, italic, left, Align, Cell, Doc, Layout, Look, Para, BODY, BOLD, ITALIC,
    PLAIN, RECIPIENTS, RECIPIENTS_HEAD, TABLE, WIDTH,
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
    let mut d = template.doc();
    header(&mut d, p, docs);
    title(&mut d, p, docs);
    part1(&mut d, p, catalog);
    part2(&mut d, p, est, catalog);
    part3(&mut d, p, est, catalog);
    part4(&mut d, p, est, catalog);
    closing(&mut d, p, docs);
    template.package(d)
}

/// The two-column header: the unit and the number line; the block's header lines and the
/// place and date.
fn header(d: &mut Doc, p: &Proposal<'_>, docs: &Documents) {
    let block = p.unit.unit.block;
    let name = p.unit.unit.name.to_uppercase();
    let left = vec![
        Para::line(&name, BOLD.size(26), Align::Center),
        Para::line("", PLAIN.size(10), Align::Center),
        Para::line(docs.number.get(block), PLAIN.size(26), Align::Center),
    ];
    let lines = docs.header.get(block);
    let first = lines.first().map(|h| h.to_uppercase()).unwrap_or_default();
    let date = format!("{}, ngày … tháng … năm {}", docs.place, p.year);
    let mut right = Vec::with_capacity(lines.len() + 2);
    for (i, h) in lines.iter().enumerate() {
        let look = Look {
            underline: i + 1 == lines.len(),
            ..if i == 0 {
                BOLD.size(26)
            } else {
                BOLD.size(BODY)
            }
        };
        let text = if i == 0 { first.as_str() } else { h.as_str() };
        right.push(Para::line(text, look, Align::Center));
    }
    right.push(Para::line("", PLAIN.size(10), Align::Center));
    right.push(Para::line(&date, ITALIC.size(26), Align::Center));
    d.layout(&Layout {
        grid: [3_300, WIDTH - 3_300],
        columns: [left, right],
        cant_split: false,
    });
}

/// The title, the subject, `Kính gửi`, the bases and the opening sentence.
fn title(d: &mut Doc, p: &Proposal<'_>, docs: &Documents) {
    d.add(Para::line("TỜ TRÌNH", BOLD, Align::Center).spacing(480, 0));
    let subject = format!(
        "Về việc đề xuất nhiệm vụ và dự toán kinh phí {} năm {}",
        docs.subject, p.year
    );
    d.add(Para::line(&subject, BOLD, Align::Center).spacing(0, 360));
    match docs.recipients.as_slice() {
        [one] => {
            let k = format!("Kính gửi: {one}.");
            d.add(Para::line(&k, PLAIN, Align::Center).spacing(0, 240));
        }
        many => {
            d.add(Para::line("Kính gửi:", PLAIN, Align::Left).indent(2_268));
            for (i, r) in many.iter().enumerate() {
                let last = i + 1 == many.len();
                let line = format!("- {r}{}", if last { "." } else { ";" });
                let after = if last { 240 } else { 0 };
                d.add(
                    Para::line(&line, PLAIN, Align::Left)
                        .indent(3_402)
                        .spacing(0, after),
                );
            }
        }
    }
    for b in &docs.bases {
        d.add(Para::body(&format!("Căn cứ {b};"), PLAIN));
    }
    let intro = format!(
        "{} đề xuất nhiệm vụ và dự toán kinh phí {} năm {} như sau:",
        p.unit.unit.name, docs.subject, p.year
    );
    d.add(Para::body(&intro, PLAIN));
}

/// Part 1, `Hiện trạng`: what the unit declared, by item, and what was not counted.
fn part1(d: &mut Doc, p: &Proposal<'_>, catalog: &Catalog) {
    d.heading("1. Hiện trạng");
    if p.held.is_empty() {
        d.add(Para::body(
            "Phiếu khảo sát của đơn vị không kê khai thiết bị nào thuộc danh mục.",
            PLAIN,
        ));
    } else {
        let rows: Vec<Vec<Cell>> = p
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
        d.table(
            &[4_855, 1_500, 1_500, 1_500],
            &[
                "Tên thiết bị",
                "Số lượng hiện có",
                "Còn sử dụng được",
                "Không sử dụng được",
            ],
            &rows,
        );
    }
    let s = rows_sentence(p.unclassified, p.rejected);
    d.add(Para::body(&s, PLAIN).spacing(120, 120));
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
        d.add(Para::body(
            "Đơn vị không có nhu cầu tự mua sắm thêm thiết bị theo tiêu chuẩn, định mức.",
            PLAIN,
        ));
    } else {
        let rows: Vec<Vec<Cell>> = needed
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
        d.table(
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
            &rows,
        );
        d.add(
            Para::body(
                "Số lượng đề xuất là số còn thiếu so với định mức (thay thế thiết bị không còn \
                 sử dụng được và mua mới), không vượt số lượng đơn vị đề nghị.",
                ITALIC,
            )
            .spacing(120, 120),
        );
    }
    for &i in &p.excess(est) {
        let Some(l) = n.lines.get(i) else { continue };
        let name = catalog.items.get(l.item).map_or("", |it| it.name.as_str());
        d.add(Para::body(&excess_sentence(name, l), PLAIN));
    }
    if let Some(s) = &p.site {
        d.add(Para::body(&site_sentence(p, s), PLAIN));
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
    d.add(Para::line(
        "Đơn vị tính: đồng",
        ITALIC.size(TABLE),
        Align::Right,
    ));
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
    d.table(
        &[560, 1_725, 650, 720, 1_250, 1_560, 1_330, 1_560],
        // The Finance form's columns, without its `Ghi chú` (SPEC §8 part 3).
        &DETAIL_HEADERS[..8],
        &rows,
    );
    let w = format!("Bằng chữ: {}.", p.in_words);
    d.add(Para::body(&w, ITALIC).spacing(120, 120));
}

/// Part 4: what other channels provide, for which no money is asked.
fn part4(d: &mut Doc, p: &Proposal<'_>, est: &Estimate, catalog: &Catalog) {
    d.heading("4. Phần do kênh khác bảo đảm (không đề nghị kinh phí)");
    let n = &est.needs;
    let others = p.others(est);
    if others.is_empty() {
        d.add(Para::body("Không có.", PLAIN));
        return;
    }
    let rows: Vec<Vec<Cell>> = others
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
    d.table(
        &[4_300, 1_300, 3_755],
        &["Tên thiết bị", "Số lượng", "Kênh bảo đảm"],
        &rows,
    );
}

/// The closing request, `Nơi nhận` and the signature block.
fn closing(d: &mut Doc, p: &Proposal<'_>, docs: &Documents) {
    let first = docs.recipients.first().map_or("", String::as_str);
    let k = format!("Kính trình {first} xem xét, cho ý kiến.");
    d.add(Para::body(&k, PLAIN).spacing(120, 240));
    let head = Look {
        bold: true,
        italic: true,
        ..PLAIN.size(RECIPIENTS_HEAD)
    };
    let left = vec![
        Para::line("Nơi nhận:", head, Align::Left),
        Para::line("- Như trên;", PLAIN.size(RECIPIENTS), Align::Left),
        Para::line("- Lưu: VT.", PLAIN.size(RECIPIENTS), Align::Left),
    ];
    let mut right = vec![Para::line(
        docs.signer.get(p.unit.unit.block),
        BOLD,
        Align::Center,
    )];
    // Room for the signature, the seal and the signer's name.
    right.extend([Para::line("", PLAIN, Align::Center); 5]);
    d.layout(&Layout {
        grid: [4_400, WIDTH - 4_400],
        columns: [left, right],
        cant_split: true,
    });
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
