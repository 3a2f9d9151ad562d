//! The sheets units fill in (SPEC §3 labels and headers): unit information, inventory and requests with their dropdowns and
//! number checks, and the hidden list of item codes that feeds the dropdowns; and their formats.

use super::*;
use crate::report::vi::{date_vi, norm_bounds_vi as norm_vi};

/// Text above a header must not look like `Label: value` to the reader (SPEC §3).
fn no_colon(s: &str) -> String {
    s.replace(':', " -")
}

pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) subtitle: Format,
    pub(super) heading: Format,
    pub(super) text: Format,
    pub(super) header: Format,
    pub(super) label: Format,
    pub(super) input: Format,
    pub(super) input_date: Format,
    pub(super) lookup: Format,
    pub(super) table_cell: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let border = |f: Format| {
            f.set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0x9E9E9E))
        };
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            heading: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(Color::RGB(0x1F4E79)),
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            header: border(
                Format::new()
                    .set_bold()
                    .set_text_wrap()
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_background_color(Color::RGB(0xDDEBF7)),
            ),
            label: border(
                Format::new()
                    .set_bold()
                    .set_align(FormatAlign::VerticalCenter),
            ),
            input: border(
                Format::new()
                    .set_background_color(Color::RGB(0xFFF9E5))
                    .set_unlocked(),
            ),
            input_date: border(
                Format::new()
                    .set_background_color(Color::RGB(0xFFF9E5))
                    .set_num_format("dd/mm/yyyy")
                    .set_unlocked(),
            ),
            lookup: border(
                Format::new()
                    .set_italic()
                    .set_font_color(Color::RGB(0x595959)),
            ),
            table_cell: border(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
        }
    }
}

/// An input message (and, for checks, an error message) in Vietnamese.
fn with_messages(
    dv: DataValidation,
    title: &str,
    input: &str,
) -> Result<DataValidation, XlsxError> {
    dv.set_input_title(title)?.set_input_message(input)
}

fn with_error(dv: DataValidation, title: &str, msg: &str) -> Result<DataValidation, XlsxError> {
    dv.set_error_title(title)?.set_error_message(msg)
}

fn item_code_validation(n_items: usize, title: &str) -> Result<Option<DataValidation>, XlsxError> {
    if n_items == 0 {
        return Ok(None);
    }
    // A range reference (not an inline list): it holds any number of codes.
    let formula = format!("='{CATALOG_SHEET}'!$A$2:$A${}", n_items + 1);
    let dv = DataValidation::new().allow_list_formula(Formula::new(formula));
    let dv = with_messages(
        dv,
        title,
        "Chọn mã thiết bị trong danh sách (bảng mã ở trang Hướng dẫn). Có thể để trống nếu đã ghi rõ Tên thiết bị.",
    )?;
    let dv = with_error(
        dv,
        "Mã loại không có trong danh mục",
        "Chọn mã trong danh sách, hoặc để trống ô này và ghi rõ Tên thiết bị.",
    )?;
    Ok(Some(dv))
}

fn whole_number(
    min: i32,
    max: Option<i32>,
    title: &str,
    input: &str,
) -> Result<DataValidation, XlsxError> {
    let rule = match max {
        Some(max) => DataValidationRule::Between(min, max),
        None => DataValidationRule::GreaterThanOrEqualTo(min),
    };
    let dv = with_messages(DataValidation::new().allow_whole_number(rule), title, input)?;
    let msg = match max {
        Some(max) => format!("Nhập số nguyên từ {min} đến {max}."),
        None => format!("Nhập số nguyên từ {min} trở lên, không ghi chữ hoặc số thập phân."),
    };
    with_error(dv, "Giá trị không hợp lệ", &msg)
}

fn any_value(title: &str, input: &str) -> Result<DataValidation, XlsxError> {
    with_messages(DataValidation::new().allow_any_value(), title, input)
}

fn list(values: &[&str], title: &str, input: &str) -> Result<DataValidation, XlsxError> {
    let dv = with_messages(
        DataValidation::new().allow_list_strings(values)?,
        title,
        input,
    )?;
    with_error(
        dv,
        "Giá trị không có trong danh sách",
        "Chọn một giá trị trong danh sách.",
    )
}

pub(super) fn info_sheet(
    ws: &mut Worksheet,
    unit_type: Option<(Block, Level)>,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(INFO_SHEET)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 46)?;
    // Nothing but the label and its value on a row: the reader takes the next non-empty cell
    // to the right of a label as its value, so a hint in column C would be read as one.
    ws.write_string_with_format(0, 0, "THÔNG TIN ĐƠN VỊ", &st.title)?;
    ws.merge_range(
        1,
        0,
        1,
        1,
        "Điền cột Giá trị. Chọn ô để xem hướng dẫn; Khối và Cấp chọn trong danh sách.",
        &st.subtitle,
    )?;
    ws.set_row_height(1, 30)?;
    ws.write_string_with_format(2, 0, "Thông tin", &st.header)?;
    ws.write_string_with_format(2, 1, "Giá trị", &st.header)?;

    let blocks: Vec<&str> = BLOCK_VALUES
        .iter()
        .filter(|(b, _)| unit_type.is_none_or(|(ub, _)| ub == *b))
        .map(|(_, s)| *s)
        .collect();
    let levels: Vec<&str> = LEVEL_VALUES
        .iter()
        .filter(|(l, _)| unit_type.is_none_or(|(_, ul)| ul == *l))
        .map(|(_, s)| *s)
        .collect();
    for (i, label) in INFO_LABELS.iter().enumerate() {
        let r = INFO_FIRST_ROW + i as u32;
        ws.write_string_with_format(r, 0, *label, &st.label)?;
        ws.set_row_height(r, 20)?;
        let fmt = if *label == "Ngày lập" {
            &st.input_date
        } else {
            &st.input
        };
        ws.write_blank(r, 1, fmt)?;
        let dv = match *label {
            "Mã đơn vị" => any_value(
                "Mã đơn vị (bắt buộc)",
                "Mã do cơ quan tổng hợp cấp, ví dụ DU-P-BENNGHE. Giữ nguyên mã này ở mọi lần nộp.",
            )?,
            "Tên đơn vị" => any_value("Tên đơn vị (bắt buộc)", "Tên đầy đủ, ví dụ Đảng ủy phường Bến Nghé.")?,
            "Khối" => list(
                &blocks,
                "Khối (bắt buộc)",
                "Chọn Đảng, Mặt trận Tổ quốc hoặc Chính trị - xã hội (các hội, đoàn thể).",
            )?,
            "Cấp" => list(
                &levels,
                "Cấp (bắt buộc)",
                "Chọn Thành phố, Phường, Xã hoặc Đặc khu. Phường, Xã và Đặc khu đều là cấp xã.",
            )?,
            "Mã trụ sở" => any_value(
                "Mã trụ sở",
                "Các đơn vị làm việc chung một trụ sở ghi cùng một mã, ví dụ TS-PBN. Để trống nếu đơn vị có trụ sở riêng.",
            )?,
            "Số cán bộ" => whole_number(0, None, "Số cán bộ (bắt buộc)", "Tổng biên chế của đơn vị, số nguyên.")?,
            "Số lãnh đạo" => whole_number(
                0,
                None,
                "Số lãnh đạo",
                "Số lãnh đạo được trang bị thêm máy tính xách tay hoặc máy tính bảng (nhóm I-VI). Không lớn hơn Số cán bộ.",
            )?,
            "Ngày lập" => any_value("Ngày lập", "Ngày lập phiếu, dạng ngày/tháng/năm, ví dụ 15/11/2025.")?,
            _ => whole_number(
                1,
                None,
                "Lần nộp",
                "1 cho lần nộp đầu tiên. Khi gửi bản sửa, tăng thêm 1 và cập nhật Ngày lập.",
            )?,
        };
        ws.add_data_validation(r, 1, r, 1, &dv)?;
    }
    let row_of = |label: &str| {
        INFO_FIRST_ROW + INFO_LABELS.iter().position(|l| *l == label).unwrap_or(0) as u32
    };
    if let Some((b, l)) = unit_type {
        let bv = BLOCK_VALUES
            .iter()
            .find(|(x, _)| *x == b)
            .map(|(_, s)| *s)
            .unwrap_or("");
        let lv = match l {
            Level::City => "Thành phố",
            Level::Commune => COMMUNE_PREFILL,
        };
        ws.write_string_with_format(row_of("Khối"), 1, bv, &st.input)?;
        ws.write_string_with_format(row_of("Cấp"), 1, lv, &st.input)?;
    }
    ws.write_number_with_format(row_of("Lần nộp"), 1, 1, &st.input)?;
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

pub(super) fn inventory_sheet(
    ws: &mut Worksheet,
    catalog: &Catalog,
    n_items: usize,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(INVENTORY_SHEET)?;
    // Formulas get an empty cached result, which the reader sees as an empty cell (SPEC §7).
    ws.set_formula_result_default("");
    let widths = [6.0, 16.0, 34.0, 34.0, 26.0, 11.0, 10.0, 17.0, 18.0, 28.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let last_col = (INVENTORY_HEADERS.len() - 1) as u16;
    // Rows above the header hold no `:` (SPEC §3 `Label: value` cells).
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        "BẢNG KÊ HIỆN TRẠNG TRANG THIẾT BỊ CÔNG NGHỆ THÔNG TIN",
        &st.title,
    )?;
    let sub = no_colon(&format!(
        "Danh mục áp dụng - {} (hiệu lực từ {}). Kê mọi thiết bị CNTT đơn vị đang có, kể cả thiết bị hỏng, cũ; cách ghi xem trang Hướng dẫn.",
        catalog.name,
        date_vi(&catalog.effective)
    ));
    ws.merge_range(1, 0, 1, last_col, &sub, &st.subtitle)?;
    ws.set_row_height(1, 30)?;
    let h = INVENTORY_HEADER_ROW;
    for (c, text) in INVENTORY_HEADERS.iter().enumerate() {
        ws.write_string_with_format(h, c as u16, *text, &st.header)?;
    }
    ws.set_row_height(h, 32)?;
    ws.set_freeze_panes(h + 1, 0)?;
    ws.set_repeat_rows(h, h)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);

    let (first, last) = (h + 1, h + INVENTORY_ROWS);
    for r in first..=last {
        for c in 0..=last_col {
            if c == 2 {
                let f = format!(
                    "=IFERROR(VLOOKUP(B{},'{CATALOG_SHEET}'!$A:$B,2,FALSE),\"\")",
                    r + 1
                );
                ws.write_formula_with_format(r, c, Formula::new(f).set_result(""), &st.lookup)?;
            } else {
                ws.write_blank(r, c, &st.input)?;
            }
        }
    }
    if let Some(dv) = item_code_validation(n_items, "Mã loại")? {
        ws.add_data_validation(first, 1, last, 1, &dv)?;
    }
    let name = any_value(
        "Tên thiết bị",
        "Tên như trên sổ tài sản, ví dụ Máy tính để bàn Dell OptiPlex 3000. Bắt buộc khi không có Mã loại.",
    )?;
    ws.add_data_validation(first, 3, last, 3, &name)?;
    let config = any_value(
        "Cấu hình",
        "Bộ xử lý/RAM/ổ cứng, ví dụ i5/8GB/256GB SSD. Ghi rõ SSD hoặc HDD cạnh dung lượng ổ cứng.",
    )?;
    ws.add_data_validation(first, 4, last, 4, &config)?;
    let year = whole_number(
        1990,
        Some(2100),
        "Năm sử dụng",
        "Năm đưa vào sử dụng, 4 chữ số, ví dụ 2019.",
    )?;
    ws.add_data_validation(first, 5, last, 5, &year)?;
    let qty = whole_number(0, None, "Số lượng", "Số nguyên không âm: 0, 1, 2...")?;
    ws.add_data_validation(first, 6, last, 6, &qty)?;
    let cond = list(
        &CONDITIONS,
        "Tình trạng",
        "Tốt, Đang sử dụng = dùng tốt. Hỏng, Hư hỏng, Không sử dụng được = hỏng. Cũ, Xuống cấp, Cần thay thế = cũ. Chi tiết ghi ở Ghi chú.",
    )?;
    ws.add_data_validation(first, 7, last, 7, &cond)?;
    let serial = any_value(
        "Số serial",
        "Số serial hoặc mã tài sản. Mỗi thiết bị chỉ kê một lần trong tất cả các phiếu.",
    )?;
    ws.add_data_validation(first, 8, last, 8, &serial)?;
    Ok(())
}

pub(super) fn requests_sheet(
    ws: &mut Worksheet,
    n_items: usize,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(REQUESTS_SHEET)?;
    ws.set_formula_result_default("");
    for (c, w) in [16.0, 40.0, 16.0, 50.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.merge_range(0, 0, 0, 3, "ĐỀ XUẤT TRANG BỊ (không bắt buộc)", &st.title)?;
    ws.merge_range(
        1,
        0,
        1,
        3,
        "Mỗi dòng một mã loại và số lượng đơn vị đề nghị trang bị thêm. Số được duyệt không vượt quá phần còn thiếu so với định mức.",
        &st.subtitle,
    )?;
    ws.set_row_height(1, 30)?;
    let h = REQUEST_HEADER_ROW;
    for (c, text) in REQUEST_HEADERS.iter().enumerate() {
        ws.write_string_with_format(h, c as u16, *text, &st.header)?;
    }
    ws.set_freeze_panes(h + 1, 0)?;
    let (first, last) = (h + 1, h + REQUEST_ROWS);
    for r in first..=last {
        for c in 0..4u16 {
            if c == 1 {
                let f = format!(
                    "=IFERROR(VLOOKUP(A{},'{CATALOG_SHEET}'!$A:$B,2,FALSE),\"\")",
                    r + 1
                );
                ws.write_formula_with_format(r, c, Formula::new(f).set_result(""), &st.lookup)?;
            } else {
                ws.write_blank(r, c, &st.input)?;
            }
        }
    }
    if let Some(dv) = item_code_validation(n_items, "Mã loại")? {
        ws.add_data_validation(first, 0, last, 0, &dv)?;
    }
    let qty = whole_number(
        0,
        None,
        "Số lượng đề xuất",
        "Số nguyên không âm: số thiết bị đề nghị trang bị thêm.",
    )?;
    ws.add_data_validation(first, 2, last, 2, &qty)?;
    Ok(())
}

pub(super) fn catalog_sheet(
    ws: &mut Worksheet,
    items: &[&Item],
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(CATALOG_SHEET)?;
    for (c, text) in ["Mã loại", "Tên thiết bị", "Nhóm", "Định mức"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *text, &st.header)?;
    }
    for (i, it) in items.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &it.code)?;
        ws.write_string(r, 1, &it.name)?;
        ws.write_string(r, 2, &it.group)?;
        ws.write_string(r, 3, norm_vi(it))?;
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 50)?;
    ws.set_column_width(2, 12)?;
    ws.set_column_width(3, 30)?;
    ws.set_hidden(true);
    Ok(())
}
