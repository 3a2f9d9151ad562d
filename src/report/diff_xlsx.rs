//! The comparison workbook for Finance (`rasoat diff -o FILE.xlsx`, SPEC §10), in official
//! Vietnamese: sheet `Tổng hợp` (the program's estimate by block and each channel, old / new /
//! change, the change in words, how many units and lines changed, signatures) and sheet
//! `Chi tiết` (every changed unit, a Roman-numbered section with its total, then one row per
//! changed line: quantity and amount old / new / change, what changed).
//!
//! Every amount is a figure of one of the two files or a difference of two such figures; a
//! change is written with its sign (`+13.960.001`, `-700.000.000`). When the files come from
//! different catalogs or years, each sheet says so in its first line.

use super::diff_table::{line_changes, note, status_text, unit_changes};
use super::kit::{
    approval_signatures, count, merged, money, new_workbook_for, printable, state_header, text,
    Fit, RowFormats, Styles, LAST_ROW,
};
use super::vi::{capitalise, roman};
use super::Created;
use crate::cost::money::{format_vnd, plus, words};
use crate::diag::Lang;
use crate::diff::{Change, Diff, Status, UnitDiff};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// The document title.
pub const TITLE: &str = "BẢNG SO SÁNH DỰ TOÁN KINH PHÍ GIỮA HAI LẦN TỔNG HỢP";

/// The headers of `Chi tiết`.
pub const DETAIL_HEADERS: [&str; 11] = [
    "STT",
    "Đơn vị / thiết bị",
    "Tình trạng",
    "Kênh mua sắm",
    "Số lượng lần trước",
    "Số lượng lần này",
    "Tăng (+), giảm (−)",
    "Thành tiền lần trước",
    "Thành tiền lần này",
    "Tăng (+), giảm (−)",
    "Nội dung thay đổi",
];

/// What the workbook cites besides the diff: the two files as the user named them.
pub struct DiffMeta<'a> {
    pub old_file: &'a str,
    pub new_file: &'a str,
    pub created: Created,
    /// The catalog NEW was made with, when it is at hand: items and channels by name.
    pub catalog: Option<&'a crate::catalog::Catalog>,
}

impl DiffMeta<'_> {
    /// A channel as the sheet shows it: its label and id (`Đơn vị tự mua sắm (self)`), or the
    /// id alone without the catalog.
    fn channel(&self, id: &str) -> String {
        match self.catalog {
            Some(c) if c.channel_label(id) != id => format!("{} ({id})", c.channel_label(id)),
            None if id == crate::catalog::SELF => format!("Đơn vị tự mua sắm ({id})"),
            _ => id.to_string(),
        }
    }

    /// A channel in a narrow column: its label alone with the catalog, else its id.
    fn channel_label(&self, id: &str) -> String {
        match self.catalog {
            Some(c) => c.channel_label(id).to_string(),
            None => id.to_string(),
        }
    }

    /// An item as the sheet shows it: its name and code (`Máy tính để bàn (PC-DESKTOP)`), or
    /// the code alone.
    fn item(&self, code: &str) -> String {
        match self
            .catalog
            .and_then(|c| c.items.iter().find(|i| i.code == code))
        {
            Some(i) => format!("{} ({code})", i.name),
            None => code.to_string(),
        }
    }
}

/// The formats of changes: a sign in front of every non-zero figure.
struct Signed {
    amount: Format,
    amount_b: Format,
    qty: Format,
}

const SIGNED: &str = "+#,##0;-#,##0;0";

impl Signed {
    fn new(st: &Styles, wb: &mut Workbook) -> Signed {
        let s = Signed {
            amount: st.amount.clone().set_num_format(SIGNED),
            amount_b: st.amount_b.clone().set_num_format(SIGNED),
            qty: st.qty.clone().set_num_format(SIGNED),
        };
        for f in [&s.amount, &s.amount_b, &s.qty] {
            wb.register_format(f);
        }
        s
    }
}

/// The workbook's bytes.
pub fn workbook(d: &Diff<'_>, meta: &DiffMeta<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = new_workbook_for(
        meta.created,
        "Bảng so sánh dự toán kinh phí giữa hai lần tổng hợp",
        d.new.catalog.name,
    )?;
    let st = Styles::new();
    st.register(&mut wb);
    let sg = Signed::new(&st, &mut wb);
    summary(wb.add_worksheet().set_name("Tổng hợp")?, d, meta, &st, &sg)?;
    detail(
        wb.add_worksheet().set_name("Chi tiết")?,
        d,
        meta,
        &st,
        &sg,
        LAST_ROW,
    )?;
    wb.save_to_buffer()
}

/// The first line of a sheet when the files differ in catalog or year; returns the next row.
fn note_row(
    ws: &mut Worksheet,
    fit: &mut Fit,
    d: &Diff<'_>,
    last: u16,
    st: &Styles,
) -> Result<u32, XlsxError> {
    match note(d, Lang::Vi) {
        Some(n) => {
            fit.span(ws, 0, 0, last, &n, &st.words)?;
            Ok(1)
        }
        None => Ok(0),
    }
}

/// A change in words: `tăng hai trăm triệu đồng`, `giảm …`, `không thay đổi`.
fn change_in_words(delta: Decimal) -> String {
    let lower = |s: String| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    if delta > Decimal::ZERO {
        format!("tăng {}", lower(words(delta)))
    } else if delta < Decimal::ZERO {
        format!("giảm {}", lower(words(-delta)))
    } else {
        "không thay đổi".into()
    }
}

/// One row of a `Tổng hợp` table: STT, label, old, new, change, note.
#[allow(clippy::too_many_arguments)]
fn change_row(
    ws: &mut Worksheet,
    fit: &mut Fit,
    r: u32,
    stt: &str,
    label: &str,
    c: &Change,
    note: &str,
    bold: bool,
    st: &Styles,
    sg: &Signed,
) -> Result<(), XlsxError> {
    let (tf, mf, df) = if bold {
        (&st.cell_b, &st.amount_b, &sg.amount_b)
    } else {
        (&st.cell, &st.amount, &sg.amount)
    };
    fit.text(ws, r, 0, stt, &st.cell_c)?;
    fit.text(ws, r, 1, label, tf)?;
    money(ws, r, 2, Some(c.old), mf)?;
    money(ws, r, 3, Some(c.new), mf)?;
    money(ws, r, 4, Some(c.delta), df)?;
    fit.text(ws, r, 5, note, &st.cell)
}

const SUMMARY_HEADS: [&str; 6] = [
    "STT",
    "Nội dung",
    "Lần trước",
    "Lần này",
    "Tăng (+), giảm (−)",
    "Ghi chú",
];

/// Sheet 1, `Tổng hợp`.
fn summary(
    ws: &mut Worksheet,
    d: &Diff<'_>,
    meta: &DiffMeta<'_>,
    st: &Styles,
    sg: &Signed,
) -> Result<(), XlsxError> {
    const LAST: u16 = 5;
    let mut fit = Fit::new(ws, &[6.0, 46.0, 18.0, 18.0, 18.0, 42.0])?;
    printable(ws, None)?;
    let mut r = note_row(ws, &mut fit, d, LAST, st)?;
    r = state_header(ws, r, LAST, st)?;
    r += 1;
    ws.set_row_height(r, 38)?;
    merged(ws, r, 0, LAST, TITLE, &st.title)?;
    r += 1;
    let side = |s: &crate::diff::Side<'_>| format!("{}, năm tính {}", s.catalog.name, s.as_of);
    fit.span(
        ws,
        r,
        0,
        LAST,
        &format!("(Lần trước: {}; lần này: {})", side(&d.old), side(&d.new)),
        &st.subtitle,
    )?;
    r += 2;
    text(ws, r, LAST, "Đơn vị tính: đồng", &st.place)?;
    r += 1;

    text(
        ws,
        r,
        0,
        "I. DỰ TOÁN CỦA CHƯƠNG TRÌNH (ĐƠN VỊ TỰ MUA SẮM, GỒM DỰ PHÒNG) THEO KHỐI",
        &st.heading,
    )?;
    r += 1;
    let mut heads = SUMMARY_HEADS;
    heads[1] = "Khối";
    fit.header(ws, r, &heads, st)?;
    r += 1;
    for (i, (b, c)) in d.totals.by_block.iter().enumerate() {
        change_row(
            ws,
            &mut fit,
            r,
            &(i + 1).to_string(),
            b.label_vi(),
            c,
            "",
            false,
            st,
            sg,
        )?;
        r += 1;
    }
    change_row(
        ws,
        &mut fit,
        r,
        "",
        "TỔNG DỰ TOÁN",
        &d.totals.self_,
        "",
        true,
        st,
        sg,
    )?;
    r += 1;
    fit.span(
        ws,
        r,
        0,
        LAST,
        &format!(
            "Chênh lệch bằng chữ: {}.",
            change_in_words(d.totals.self_.delta)
        ),
        &st.words,
    )?;
    r += 2;

    text(
        ws,
        r,
        0,
        "II. THEO KÊNH MUA SẮM (GỒM THUẾ GTGT, CHƯA GỒM DỰ PHÒNG)",
        &st.heading,
    )?;
    r += 1;
    heads[1] = "Kênh mua sắm";
    fit.header(ws, r, &heads, st)?;
    r += 1;
    for (i, (k, c)) in d.totals.by_channel.iter().enumerate() {
        let note = if *k == crate::catalog::SELF {
            "Thuộc dự toán của chương trình"
        } else {
            "Không tính vào dự toán của chương trình"
        };
        let label = meta.channel(k);
        change_row(
            ws,
            &mut fit,
            r,
            &(i + 1).to_string(),
            &label,
            c,
            note,
            false,
            st,
            sg,
        )?;
        r += 1;
    }
    r += 1;

    text(
        ws,
        r,
        0,
        "III. SỐ ĐƠN VỊ VÀ DÒNG NHU CẦU THAY ĐỔI",
        &st.heading,
    )?;
    r += 1;
    fit.header(
        ws,
        r,
        &[
            "STT",
            "Nội dung",
            "Số đơn vị",
            "Số dòng nhu cầu",
            "",
            "Ghi chú",
        ],
        st,
    )?;
    r += 1;
    let s = &d.summary;
    let counts = [
        ("Thêm mới (chỉ có ở lần này)", s.units_added, s.lines_added),
        (
            "Bị bỏ (chỉ có ở lần trước)",
            s.units_removed,
            s.lines_removed,
        ),
        ("Thay đổi", s.units_changed, s.lines_changed),
    ];
    for (i, (label, u, l)) in counts.iter().enumerate() {
        fit.text(ws, r, 0, &(i + 1).to_string(), &st.cell_c)?;
        fit.text(ws, r, 1, label, &st.cell)?;
        count(ws, r, 2, *u, &st.qty)?;
        count(ws, r, 3, *l, &st.qty)?;
        fit.text(ws, r, 4, "", &st.cell)?;
        fit.text(ws, r, 5, "", &st.cell)?;
        r += 1;
    }
    r += 1;
    fit.span(
        ws,
        r,
        0,
        LAST,
        &format!(
            "Ghi chú: Lần trước là tệp {}; lần này là tệp {}. Tăng (+), giảm (−) = lần này − lần trước. \
             Tổng dự toán và các khối gồm dự phòng; các kênh mua sắm gồm thuế GTGT, chưa gồm dự phòng. \
             Từng đơn vị và từng thiết bị thay đổi ở trang Chi tiết.",
            meta.old_file, meta.new_file
        ),
        &st.note,
    )?;
    r += 2;
    approval_signatures(ws, r, [(0, 1), (2, 3), (4, LAST)], st)?;
    Ok(())
}

/// What changed in a unit, in Vietnamese, for its section row.
fn unit_note(u: &UnitDiff<'_>) -> String {
    let mut s = format!("Mã đơn vị: {}", u.code);
    let changes = unit_changes(u, Lang::Vi);
    if !changes.is_empty() {
        s.push_str("\nThay đổi: ");
        s.push_str(&changes);
    }
    s
}

/// Sheet 2, `Chi tiết`, its units stopping before row `last_row`.
fn detail(
    ws: &mut Worksheet,
    d: &Diff<'_>,
    meta: &DiffMeta<'_>,
    st: &Styles,
    sg: &Signed,
    last_row: u32,
) -> Result<(), XlsxError> {
    const LAST: u16 = 10;
    let mut fit = Fit::new(
        ws,
        &[
            6.0, 34.0, 11.0, 22.0, 10.0, 10.0, 10.0, 15.0, 15.0, 15.0, 40.0,
        ],
    )?;
    let top = note_row(ws, &mut fit, d, LAST, st)?;
    ws.set_row_height(top, 38)?;
    merged(
        ws,
        top,
        0,
        LAST,
        "BẢNG CHI TIẾT CÁC THAY ĐỔI GIỮA HAI LẦN TỔNG HỢP",
        &st.title,
    )?;
    fit.span(
        ws,
        top + 1,
        0,
        LAST,
        "(Từng đơn vị có thay đổi, rồi từng dòng nhu cầu thay đổi của đơn vị; thành tiền của dòng gồm thuế GTGT, tổng của đơn vị gồm dự phòng)",
        &st.subtitle,
    )?;
    text(ws, top + 2, LAST, "Đơn vị tính: đồng", &st.place)?;
    let head = top + 3;
    fit.header(ws, head, &DETAIL_HEADERS, st)?;
    let numbers = [
        "(1)",
        "(2)",
        "(3)",
        "(4)",
        "(5)",
        "(6)",
        "(7)=(6)−(5)",
        "(8)",
        "(9)",
        "(10)=(9)−(8)",
        "(11)",
    ];
    for (c, s) in numbers.iter().enumerate() {
        fit.text(ws, head + 1, c as u16, s, &st.colno)?;
    }
    ws.set_freeze_panes(head + 2, 0)?;
    printable(ws, Some((head, head + 1)))?;

    let mut r = head + 2;
    let mut p = RowFormats::new();
    let (mut old_sum, mut new_sum, mut delta_sum) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (k, u) in d.units.iter().enumerate() {
        // Excel holds about a million rows: past them the JSON output has the rest.
        if r.saturating_add(u32::try_from(u.lines.len()).unwrap_or(u32::MAX)) >= last_row {
            fit.span(
                ws,
                r,
                0,
                LAST,
                &format!(
                    "Bảng dừng ở đây vì quá số dòng một trang tính chứa được: còn {} đơn vị thay đổi, \
                     xem đầy đủ bằng rasoat diff --format json. Dòng cộng dưới đây chỉ gồm các đơn vị ở trên.",
                    d.units.len() - k
                ),
                &st.cell_i,
            )?;
            r += 1;
            break;
        }
        p.begin(r);
        fit.text_in(ws, &mut p, 0, &roman(k + 1), &st.cell_bc)?;
        fit.text_in(ws, &mut p, 1, u.name(), &st.cell_b)?;
        fit.text_in(
            ws,
            &mut p,
            2,
            &capitalise(status_text(u.status, Lang::Vi)),
            &st.cell_c,
        )?;
        for c in 3..7 {
            p.mark(c, &st.cell);
        }
        p.money(ws, 7, u.old_total, &st.amount_b)?;
        p.money(ws, 8, u.new_total, &st.amount_b)?;
        p.money(ws, 9, Some(u.delta_total), &sg.amount_b)?;
        fit.text_in(ws, &mut p, 10, &unit_note(u), &st.cell)?;
        p.end(ws)?;
        r += 1;
        old_sum = plus(old_sum, u.old_total.unwrap_or_default());
        new_sum = plus(new_sum, u.new_total.unwrap_or_default());
        delta_sum = plus(delta_sum, u.delta_total);
        for (i, l) in u.lines.iter().enumerate() {
            p.begin(r);
            fit.text_in(ws, &mut p, 0, &(i + 1).to_string(), &st.cell_c)?;
            fit.text_in(ws, &mut p, 1, &meta.item(l.item), &st.cell)?;
            fit.text_in(
                ws,
                &mut p,
                2,
                &capitalise(status_text(l.status, Lang::Vi)),
                &st.cell_c,
            )?;
            let channel = match (l.old_channel, l.new_channel) {
                (Some(a), Some(b)) if a != b => {
                    format!("{} → {}", meta.channel_label(a), meta.channel_label(b))
                }
                (a, b) => b.or(a).map(|c| meta.channel_label(c)).unwrap_or_default(),
            };
            fit.text_in(ws, &mut p, 3, &channel, &st.cell_c)?;
            match l.old_quantity {
                Some(q) => p.count(ws, 4, q, &st.qty)?,
                None => p.mark(4, &st.qty),
            }
            match l.new_quantity {
                Some(q) => p.count(ws, 5, q, &st.qty)?,
                None => p.mark(5, &st.qty),
            }
            p.money(ws, 6, Some(Decimal::from(l.delta_quantity)), &sg.qty)?;
            p.money(ws, 7, l.old_total, &st.amount)?;
            p.money(ws, 8, l.new_total, &st.amount)?;
            p.money(ws, 9, Some(l.delta_total), &sg.amount)?;
            let note = match l.status {
                Status::Changed => capitalise(&line_changes(l, Lang::Vi)),
                Status::Added => "Dòng mới ở lần này".into(),
                Status::Removed => "Không còn ở lần này".into(),
            };
            fit.text_in(ws, &mut p, 10, &note, &st.cell)?;
            p.end(ws)?;
            r += 1;
        }
    }
    if d.units.is_empty() {
        fit.span(ws, r, 0, LAST, "Không có đơn vị nào thay đổi.", &st.cell_i)?;
        r += 1;
    }
    p.begin(r);
    p.mark(0, &st.cell);
    fit.text_in(ws, &mut p, 1, "Cộng các đơn vị có thay đổi", &st.cell_b)?;
    for c in 2..7 {
        p.mark(c, &st.cell);
    }
    p.money(ws, 7, Some(old_sum), &st.amount_b)?;
    p.money(ws, 8, Some(new_sum), &st.amount_b)?;
    p.money(ws, 9, Some(delta_sum), &sg.amount_b)?;
    fit.text_in(
        ws,
        &mut p,
        10,
        &format!(
            "Tổng dự toán: {} → {}",
            format_vnd(d.totals.self_.old),
            format_vnd(d.totals.self_.new)
        ),
        &st.cell,
    )?;
    p.end(ws)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::needs_json::parse;
    use calamine::{Data, Reader, Xlsx};

    /// A needs.json of units `U0…` with one `self` PC line each, `qty` devices at 1.000 đồng.
    fn file(units: usize, qty: u64) -> Vec<u8> {
        let code = |i: usize| format!("U{i}");
        let units_json: Vec<String> = (0..units)
            .map(|i| format!(r#"{{"code":"{}","name":"Đơn vị {i}","block":"dang","level":"city","site":"S","staff":1,"leaders":0,"revision":1,"file":"f"}}"#, code(i)))
            .collect();
        let t = 1000 * qty;
        let lines: Vec<String> = (0..units)
            .map(|i| format!(r#"{{"unit":"{}","site":"S","site_units":[],"item":"PC","channel":"self","required":0,"usable":0,"unusable":0,"gap":0,"replace":0,"new":0,"requested":null,"excess":0,"quantity":{qty},"unit_price":"1000","amount":"{t}","vat":"0","total":"{t}"}}"#, code(i)))
            .collect();
        let totals: Vec<String> = (0..units)
            .map(|i| {
                format!(
                    r#"{{"unit":"{}","amount":"{t}","vat":"0","contingency":"0","total":"{t}"}}"#,
                    code(i)
                )
            })
            .collect();
        let all = t * units as u64;
        format!(
            r#"{{"catalog":{{"name":"C","effective":"2025-12-01"}},"as_of":2025,"units":[{}],"lines":[{}],"unit_totals":[{}],
              "totals":{{"self":{{"amount":"{all}","vat":"0","contingency":"0","total":"{all}","in_words":""}},
              "by_channel":{{"self":{{"quantity":0,"amount":"{all}","vat":"0","total":"{all}"}}}},
              "by_block":{{"dang":{{"total":"{all}"}}}},"by_level":{{"city":{{"total":"{all}"}}}}}}}}"#,
            units_json.join(","),
            lines.join(","),
            totals.join(",")
        )
        .into_bytes()
    }

    /// Past the rows a sheet holds, `Chi tiết` stops with a note instead of failing.
    #[test]
    fn the_detail_stops_with_a_note_where_a_sheet_ends() -> Result<(), XlsxError> {
        let old = parse(&file(5, 1), "old").unwrap();
        let new = parse(&file(5, 2), "new").unwrap();
        let d = crate::diff::diff(&old, &new);
        assert_eq!(d.units.len(), 5);
        let st = Styles::new();
        let mut wb = Workbook::new();
        st.register(&mut wb);
        let sg = Signed::new(&st, &mut wb);
        // Header rows 0–4, then two rows per unit: rows 5–8 hold two units, the third stops.
        let meta = DiffMeta {
            old_file: "old",
            new_file: "new",
            created: crate::report::creation_time_at("2025-12-01", None),
            catalog: None,
        };
        detail(
            wb.add_worksheet().set_name("Chi tiết")?,
            &d,
            &meta,
            &st,
            &sg,
            10,
        )?;
        let bytes = wb.save_to_buffer()?;
        let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = x.worksheet_range("Chi tiết").unwrap();
        let col1: Vec<String> = range
            .rows()
            .filter_map(|r| match (r.first(), r.get(1)) {
                (Some(Data::String(a)), _) if a.starts_with("Bảng dừng") => Some(a.clone()),
                (_, Some(Data::String(b))) => Some(b.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(col1[2..], ["Đơn vị 0", "PC", "Đơn vị 1", "PC"]
            .iter()
            .map(|s| s.to_string())
            .chain([
                "Bảng dừng ở đây vì quá số dòng một trang tính chứa được: còn 3 đơn vị thay đổi, xem đầy đủ bằng rasoat diff --format json. Dòng cộng dưới đây chỉ gồm các đơn vị ở trên.".to_string(),
                "Cộng các đơn vị có thay đổi".to_string(),
            ])
            .collect::<Vec<_>>()[..]);
        Ok(())
    }
}
