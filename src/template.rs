//! The blank survey workbook (mẫu phiếu khảo sát) that units fill in, and the mark it carries.
//!
//! [`workbook`] builds the form from a catalog: an instructions sheet, the unit-information
//! sheet, the inventory and requests tables with dropdowns and number checks, and a hidden
//! sheet listing the item codes. Every sheet name, label and header is one the reader
//! recognises (SPEC §3), so a filled-in form reads back with no diagnostics. The catalog's name
//! and effective date are stored as custom document properties; [`origin`] reads them back so
//! `check` can warn when a form was made from another catalog (SPEC §7: calamine cannot).

use crate::catalog::{Basis, Block, Catalog, Item, Level, SELF};
use crate::diag::{CellRef, Code, Diagnostic, Lang, Msg};
use crate::report::Created;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use std::io::{Cursor, Read};

/// Sheet names. Each folds to what the reader looks for (SPEC §3).
pub const GUIDE_SHEET: &str = "Hướng dẫn";
pub const INFO_SHEET: &str = "Thông tin đơn vị";
pub const INVENTORY_SHEET: &str = "Hiện trạng";
pub const REQUESTS_SHEET: &str = "Đề xuất";
/// The hidden sheet the item-code dropdowns read from.
pub const CATALOG_SHEET: &str = "Danh mục";

/// Custom document properties naming the catalog a form was made from.
pub const PROP_CATALOG: &str = "rasoat_catalog";
pub const PROP_EFFECTIVE: &str = "rasoat_catalog_effective";
pub const PROP_UNIT_TYPE: &str = "rasoat_unit_type";

/// The headers of what a unit writes about each device (SPEC §3), in the form's column order:
/// the inventory's last seven columns. Sample and test forms build their headers from it.
pub const DEVICE_HEADERS: [&str; 7] = [
    "Tên thiết bị",
    "Cấu hình",
    "Năm sử dụng",
    "Số lượng",
    "Tình trạng",
    "Số serial",
    "Ghi chú",
];
/// Inventory headers (SPEC §3), in column order from A. `Tên theo danh mục` is not a field
/// header: the reader ignores it, and its formula cells read as empty.
pub const INVENTORY_HEADERS: [&str; 10] = {
    let d = DEVICE_HEADERS;
    [
        "STT",
        "Mã loại",
        "Tên theo danh mục",
        d[0],
        d[1],
        d[2],
        d[3],
        d[4],
        d[5],
        d[6],
    ]
};
/// 0-based row of the inventory header (Excel row 4).
pub const INVENTORY_HEADER_ROW: u32 = 3;
/// Rows prepared with dropdowns and checks below the inventory header.
pub const INVENTORY_ROWS: u32 = 200;

pub const REQUEST_HEADERS: [&str; 4] =
    ["Mã loại", "Tên theo danh mục", "Số lượng đề xuất", "Lý do"];
/// 0-based row of the requests header (Excel row 3).
pub const REQUEST_HEADER_ROW: u32 = 2;
pub const REQUEST_ROWS: u32 = 50;

/// Unit-information labels (SPEC §3), one per row from Excel row 4, values in column B.
pub const INFO_LABELS: [&str; 9] = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Khối",
    "Cấp",
    "Mã trụ sở",
    "Số cán bộ",
    "Số lãnh đạo",
    "Ngày lập",
    "Lần nộp",
];
/// 0-based row of the first unit-information label.
pub const INFO_FIRST_ROW: u32 = 3;

/// Condition values offered in the dropdown, grouped as the reader classes them.
const CONDITIONS: [&str; 8] = [
    "Tốt",
    "Đang sử dụng",
    "Hỏng",
    "Hư hỏng",
    "Không sử dụng được",
    "Cũ",
    "Xuống cấp",
    "Cần thay thế",
];

const BLOCK_VALUES: [(Block, &str); 3] = [
    (Block::Dang, "Đảng"),
    (Block::Mttq, "Mặt trận Tổ quốc"),
    (Block::Ctxh, "Chính trị - xã hội"),
];
const LEVEL_VALUES: [(Level, &str); 4] = [
    (Level::City, "Thành phố"),
    (Level::Commune, "Phường"),
    (Level::Commune, "Xã"),
    (Level::Commune, "Đặc khu"),
];
/// The level value written when a commune-level template is asked for.
const COMMUNE_PREFILL: &str = "Xã";

/// Parse `--unit-type`: `BLOCK/LEVEL` with BLOCK `dang|mttq|ctxh`, LEVEL `city|commune`.
pub fn parse_unit_type(s: &str) -> Option<(Block, Level)> {
    let (b, l) = s.trim().split_once('/')?;
    let b = Block::from_code(&b.trim().to_ascii_lowercase())?;
    let l = Level::from_code(&l.trim().to_ascii_lowercase())?;
    Some((b, l))
}

/// The items a form lists: all, or those that apply to `unit_type`, in catalog order.
pub fn listed_items(catalog: &Catalog, unit_type: Option<(Block, Level)>) -> Vec<&Item> {
    catalog
        .items
        .iter()
        .filter(|it| unit_type.is_none_or(|(b, l)| it.applies_to(b, l)))
        .collect()
}

/// `2025-12-01` → `01/12/2025` (as written when it is not a date).
fn date_vi(iso: &str) -> String {
    match crate::catalog::parse_date(iso) {
        Some((y, m, d)) => format!("{d:02}/{m:02}/{y}"),
        None => iso.to_string(),
    }
}

/// The norm in words: `1 / 3 cán bộ (tối thiểu 1)`.
pub fn norm_vi(it: &Item) -> String {
    let r = it.norm_qty;
    let per = match it.basis {
        Basis::Staff => "cán bộ",
        Basis::Leader => "lãnh đạo",
        Basis::Unit => "đơn vị",
        Basis::Site => "trụ sở (dùng chung)",
    };
    let mut s = if r.q == 1 {
        format!("{} / {per}", r.p)
    } else {
        format!("{} / {} {per}", r.p, r.q)
    };
    match (it.norm_min, it.norm_max) {
        (0, None) => {}
        (min, None) => s.push_str(&format!(" (tối thiểu {min})")),
        (0, Some(max)) => s.push_str(&format!(" (tối đa {max})")),
        (min, Some(max)) => s.push_str(&format!(" (tối thiểu {min}, tối đa {max})")),
    }
    s
}

fn min_config_vi(it: &Item) -> String {
    it.min_config
        .iter()
        .map(|t| t.describe_vi())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text above a header must not look like `Label: value` to the reader (SPEC §3).
fn no_colon(s: &str) -> String {
    s.replace(':', " -")
}

struct Styles {
    title: Format,
    subtitle: Format,
    heading: Format,
    text: Format,
    header: Format,
    label: Format,
    input: Format,
    input_date: Format,
    lookup: Format,
    table_cell: Format,
}

impl Styles {
    fn new() -> Styles {
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

/// The survey workbook for `catalog` (only the items applying to `unit_type` when given), as
/// xlsx bytes. `created` fixes the document's creation time so the output is deterministic.
pub fn workbook(
    catalog: &Catalog,
    unit_type: Option<(Block, Level)>,
    created: Created,
) -> Result<Vec<u8>, XlsxError> {
    let items = listed_items(catalog, unit_type);
    let st = Styles::new();
    let mut wb = Workbook::new();
    let dt = ExcelDateTime::from_ymd(created.y, created.m, created.d)?.and_hms(
        created.hh as u16,
        created.mm,
        created.ss as f64,
    )?;
    let effective = date_vi(&catalog.effective);
    let mut props = DocProperties::new()
        .set_title("Phiếu khảo sát hiện trạng trang thiết bị công nghệ thông tin")
        .set_subject(format!("{} (hiệu lực từ {effective})", catalog.name))
        .set_keywords(format!(
            "rasoat; mẫu khảo sát; {}; {}",
            catalog.name, catalog.effective
        ))
        .set_author("rasoat")
        .set_company(&catalog.name)
        .set_comment("Tạo bằng lệnh rasoat template. Kiểm tra phiếu bằng lệnh rasoat check.")
        .set_creation_datetime(&dt)
        .set_custom_property(PROP_CATALOG, catalog.name.as_str())
        .set_custom_property(PROP_EFFECTIVE, catalog.effective.as_str());
    if let Some((b, l)) = unit_type {
        props = props.set_custom_property(
            PROP_UNIT_TYPE,
            format!("{}/{}", b.as_str(), l.as_str()).as_str(),
        );
    }
    wb.set_properties(&props);

    guide_sheet(wb.add_worksheet(), catalog, &items, unit_type, &st)?;
    info_sheet(wb.add_worksheet(), unit_type, &st)?;
    inventory_sheet(wb.add_worksheet(), catalog, items.len(), &st)?;
    requests_sheet(wb.add_worksheet(), items.len(), &st)?;
    catalog_sheet(wb.add_worksheet(), &items, &st)?;
    wb.save_to_buffer()
}

fn info_sheet(
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

fn inventory_sheet(
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

fn requests_sheet(ws: &mut Worksheet, n_items: usize, st: &Styles) -> Result<(), XlsxError> {
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

fn catalog_sheet(ws: &mut Worksheet, items: &[&Item], st: &Styles) -> Result<(), XlsxError> {
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

/// One line of the instructions sheet.
enum Line {
    Title(String),
    Sub(String),
    Heading(String),
    Para(String),
    Bullet(String),
    Blank,
}

/// Vietnamese names of the blocks and levels in `pairs` (those an item routes somewhere for).
fn scope_vi(it: &Item, pairs: &[(Block, Level)]) -> String {
    let blocks: Vec<Block> = Block::ALL
        .into_iter()
        .filter(|b| pairs.iter().any(|p| p.0 == *b))
        .collect();
    let levels: Vec<Level> = Level::ALL
        .into_iter()
        .filter(|l| pairs.iter().any(|p| p.1 == *l))
        .collect();
    let mut parts = Vec::new();
    if blocks.len() < it.blocks.len() {
        parts.push(
            blocks
                .iter()
                .map(|b| b.label_vi())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if levels.len() < it.levels.len() {
        parts.push(
            levels
                .iter()
                .map(|l| l.label_vi())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

fn guide_lines(catalog: &Catalog, items: &[&Item], unit_type: Option<(Block, Level)>) -> Vec<Line> {
    use Line::*;
    let mut v = vec![
        Title("HƯỚNG DẪN ĐIỀN PHIẾU KHẢO SÁT HIỆN TRẠNG TRANG THIẾT BỊ CÔNG NGHỆ THÔNG TIN".into()),
        Sub(format!(
            "Danh mục áp dụng: {}, hiệu lực từ ngày {}.",
            catalog.name,
            date_vi(&catalog.effective)
        )),
    ];
    if let Some((b, l)) = unit_type {
        v.push(Sub(format!(
            "Mẫu dành cho đơn vị thuộc {} - {}: danh sách Mã loại chỉ gồm các thiết bị áp dụng cho loại đơn vị này.",
            b.label_vi(),
            l.label_vi()
        )));
    }
    v.push(Blank);
    v.push(Heading("1. Phiếu gồm những trang nào".into()));
    v.extend([
        Bullet("Thông tin đơn vị: mã, tên, khối, cấp, trụ sở, số cán bộ, số lãnh đạo, ngày lập, lần nộp.".into()),
        Bullet("Hiện trạng: bảng kê toàn bộ trang thiết bị công nghệ thông tin đơn vị đang quản lý, sử dụng, kể cả thiết bị hỏng, cũ.".into()),
        Bullet("Đề xuất (không bắt buộc): số lượng đơn vị đề nghị trang bị thêm cho từng mã loại, kèm lý do.".into()),
        Bullet("Danh mục (trang ẩn): danh sách mã loại cho các ô chọn; không sửa, không xóa.".into()),
        Para("Không đổi tên các trang, không xóa hoặc đổi tên cột tiêu đề, không gộp ô trong bảng. Bảng đã chuẩn bị sẵn 200 dòng; cần thêm thì chèn dòng ở cuối bảng. Các ô có ô chọn hoặc kiểm tra số sẽ hiện hướng dẫn khi chọn ô.".into()),
        Blank,
        Heading("2. Trang Thông tin đơn vị".into()),
        Bullet("Mã đơn vị (bắt buộc): mã do cơ quan tổng hợp cấp, ví dụ DU-P-BENNGHE; giữ nguyên ở mọi lần nộp.".into()),
        Bullet("Tên đơn vị (bắt buộc): tên đầy đủ, ví dụ Đảng ủy phường Bến Nghé.".into()),
        Bullet("Khối (bắt buộc): chọn Đảng, Mặt trận Tổ quốc hoặc Chính trị - xã hội (các hội, đoàn thể).".into()),
        Bullet("Cấp (bắt buộc): chọn Thành phố, Phường, Xã hoặc Đặc khu.".into()),
        Bullet("Mã trụ sở: xem mục 6; để trống nếu đơn vị có trụ sở riêng.".into()),
        Bullet("Số cán bộ (bắt buộc): tổng biên chế, số nguyên; định mức máy tính, máy in, máy scan... tính theo số này.".into()),
        Bullet("Số lãnh đạo: số lãnh đạo thuộc nhóm được trang bị thêm máy tính xách tay hoặc máy tính bảng (nhóm I-VI); không lớn hơn Số cán bộ; để trống là 0.".into()),
        Bullet("Ngày lập: ngày lập phiếu, dạng ngày/tháng/năm, ví dụ 15/11/2025.".into()),
        Bullet("Lần nộp: 1 cho lần nộp đầu tiên; xem mục 8 khi gửi bản sửa.".into()),
        Blank,
        Heading("3. Trang Hiện trạng".into()),
        Para("Mỗi dòng ghi một nhóm thiết bị giống nhau về loại, cấu hình, năm sử dụng và tình trạng; khác nhau thì tách thành nhiều dòng. Cũng có thể ghi mỗi thiết bị một dòng kèm số serial.".into()),
        Bullet("STT: số thứ tự, tùy ý.".into()),
        Bullet("Mã loại: chọn trong danh sách (bảng mã ở mục 10); cột Tên theo danh mục tự hiện tên thiết bị của mã đã chọn. Không rõ mã thì để trống và ghi rõ Tên thiết bị: phiếu được nhận diện theo tên (máy tính để bàn, laptop, máy in, máy scan, switch, router...).".into()),
        Bullet("Tên thiết bị: tên như trên sổ tài sản, ví dụ Máy tính để bàn Dell OptiPlex 3000; bắt buộc khi không có Mã loại.".into()),
        Bullet("Cấu hình: xem mục 4.".into()),
        Bullet("Năm sử dụng: năm đưa vào sử dụng, 4 chữ số, ví dụ 2019. Thiết bị đã dùng hết thời gian sử dụng theo danh mục (mục 10) được tính là cần thay thế. Nên ghi năm cho mọi thiết bị.".into()),
        Bullet("Số lượng: số nguyên không âm (0, 1, 2...), không ghi chữ, không ghi số thập phân, không để trống.".into()),
        Bullet("Tình trạng: chọn trong danh sách, xem mục 5.".into()),
        Bullet("Số serial: số serial hoặc mã tài sản; mỗi thiết bị chỉ được kê một lần trong tất cả các phiếu.".into()),
        Bullet("Ghi chú: thông tin thêm, ví dụ chi tiết hư hỏng.".into()),
        Para("Không kê tài sản không phải thiết bị công nghệ thông tin (bàn ghế, tủ hồ sơ...). Có thể chia bảng thành các phần: dòng tiêu đề phần ghi số La Mã (I, II...) ở cột STT, tên phần ở cột Tên thiết bị và để trống Số lượng; dòng Cộng, Tổng cộng ghi ở cột Tên thiết bị, không ghi Mã loại. Các dòng này không được tính là thiết bị.".into()),
        Blank,
        Heading("4. Cách ghi cấu hình".into()),
        Para("Ghi theo thứ tự bộ xử lý/RAM/ổ cứng, ví dụ i5/8GB/256GB SSD, hoặc Core i7, RAM 16GB, SSD 512GB. Dung lượng ghi kèm GB hoặc TB (1TB = 1000GB). Ổ cứng ghi rõ SSD, NVMe hoặc HDD ngay cạnh dung lượng (256GB SSD, HDD 500GB). Không ghi được cấu hình thì thiết bị được coi là đạt, kèm cảnh báo.".into()),
    ]);
    let with_config: Vec<&&Item> = items
        .iter()
        .filter(|it| !it.min_config.is_empty())
        .collect();
    if !with_config.is_empty() {
        v.push(Para(
            "Cấu hình tối thiểu theo danh mục; thiết bị thấp hơn được tính là cần thay thế:".into(),
        ));
        for it in with_config {
            v.push(Bullet(format!(
                "{} ({}): {}.",
                it.name,
                it.code,
                min_config_vi(it)
            )));
        }
    }
    v.extend([
        Blank,
        Heading("5. Tình trạng".into()),
        Bullet("Tốt hoặc Đang sử dụng: thiết bị hoạt động bình thường (để trống cũng được hiểu là Tốt).".into()),
        Bullet("Hỏng, Hư hỏng hoặc Không sử dụng được: thiết bị không dùng được, cần thay thế.".into()),
        Bullet("Cũ, Xuống cấp hoặc Cần thay thế: thiết bị còn chạy nhưng đã xuống cấp, cần thay thế.".into()),
        Para("Chi tiết hư hỏng ghi vào cột Ghi chú. Thiết bị hỏng, cũ, hết thời gian sử dụng hoặc thấp hơn cấu hình tối thiểu không được tính là đủ định mức; phần còn thiếu được đề nghị thay thế hoặc trang bị mới.".into()),
        Blank,
        Heading("6. Trụ sở dùng chung".into()),
        Para("Các đơn vị làm việc chung một trụ sở (ví dụ Đảng ủy, Ủy ban MTTQ và các đoàn thể của cùng một phường) thống nhất một Mã trụ sở (ví dụ TS-PBN) và cùng ghi mã đó ở trang Thông tin đơn vị.".into()),
    ]);
    let shared: Vec<String> = items
        .iter()
        .filter(|it| it.basis == Basis::Site)
        .map(|it| it.name.clone())
        .collect();
    if !shared.is_empty() {
        v.push(Para(format!(
            "Thiết bị dùng chung của trụ sở chỉ do một đơn vị kê, một lần; các đơn vị khác không kê lại. Nhu cầu các thiết bị này được tính một lần cho cả trụ sở. Thiết bị dùng chung gồm: {}.",
            shared.join("; ")
        )));
    }
    v.push(Para(
        "Thiết bị riêng của từng đơn vị (máy tính, máy in...) thì mỗi đơn vị tự kê.".into(),
    ));

    // Items bought through another channel: still inventoried, so the need is computed right.
    let pairs: Vec<(Block, Level)> = match unit_type {
        Some(p) => vec![p],
        None => Block::ALL
            .into_iter()
            .flat_map(|b| Level::ALL.into_iter().map(move |l| (b, l)))
            .collect(),
    };
    let mut channel_lines = Vec::new();
    for ch in catalog.channels.iter().filter(|c| c.id != SELF) {
        let mut names = Vec::new();
        for it in items {
            let Some(idx) = catalog.item_index(&it.code) else {
                continue;
            };
            let hits: Vec<(Block, Level)> = pairs
                .iter()
                .copied()
                .filter(|(b, l)| it.applies_to(*b, *l) && catalog.route(idx, *b, *l).0 == ch.id)
                .collect();
            if !hits.is_empty() {
                let scope = if unit_type.is_some() {
                    String::new()
                } else {
                    scope_vi(it, &hits)
                };
                names.push(format!("{}{scope}", it.name));
            }
        }
        if !names.is_empty() {
            channel_lines.push(Bullet(format!("{}: {}.", ch.label, names.join("; "))));
        }
    }
    v.push(Blank);
    v.push(Heading(
        "7. Thiết bị mua sắm tập trung hoặc do cơ quan khác trang bị".into(),
    ));
    v.push(Para("Thiết bị thuộc danh mục mua sắm tập trung (ví dụ máy photocopy, máy điều hòa không khí) hoặc do cơ quan khác trang bị vẫn phải kê đầy đủ trong trang Hiện trạng. Nhu cầu của các thiết bị này được chuyển cho đơn vị mua sắm tương ứng và không tính vào dự toán đơn vị tự mua sắm, nên không bị mua trùng.".into()));
    if !channel_lines.is_empty() {
        v.push(Para("Theo danh mục hiện hành:".into()));
        v.extend(channel_lines);
    }
    let example = Diagnostic::new(
        Code::QtyInvalid,
        "DU-P-BENNGHE.xlsx",
        Some(INVENTORY_SHEET),
        Some(CellRef::new(12, 6)),
        Msg::QtyInvalid {
            value: "1,5".into(),
        },
    );
    v.extend([
        Blank,
        Heading("8. Gửi bản sửa".into()),
        Para("Khi cần sửa phiếu đã gửi, sửa trên chính tệp đó, tăng Lần nộp thêm 1 (1 thành 2, 2 thành 3...) và cập nhật Ngày lập, rồi gửi lại toàn bộ phiếu, không gửi riêng phần sửa. Bản có Lần nộp lớn hơn (cùng Lần nộp thì bản có Ngày lập muộn hơn) thay thế bản trước. Hai bản cùng Lần nộp và Ngày lập nhưng nội dung khác nhau bị báo lỗi E-UNIT-CONFLICT và đơn vị chưa được tổng hợp.".into()),
        Blank,
        Heading("9. Tự kiểm tra phiếu trước khi gửi".into()),
        Para("Chạy lệnh rasoat check <tên tệp>.xlsx --lang vi (ví dụ rasoat check DU-P-BENNGHE.xlsx --lang vi). Mỗi thông báo ghi tên tệp, trang và ô, mức độ, mã thông báo và cách sửa, ví dụ:".into()),
        Bullet(crate::report::check_report::human_line(&example, Lang::Vi, false)),
        Bullet("lỗi: phải sửa; dòng hoặc cả phiếu có lỗi không được tổng hợp.".into()),
        Bullet("cảnh báo: nên xem lại; phiếu vẫn được tổng hợp nhưng số liệu có thể chưa đúng ý đơn vị.".into()),
        Para("Phiếu đạt khi lệnh báo 0 lỗi; nên sửa hết cả cảnh báo trước khi gửi.".into()),
        Blank,
        Heading("10. Danh mục thiết bị".into()),
    ]);
    v
}

fn guide_sheet(
    ws: &mut Worksheet,
    catalog: &Catalog,
    items: &[&Item],
    unit_type: Option<(Block, Level)>,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(GUIDE_SHEET)?;
    // The item table below uses the columns; paragraphs span all of them.
    let widths = [16.0, 44.0, 24.0, 12.0, 40.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let last_col = (widths.len() - 1) as u16;
    let chars_per_line = 125usize;
    let mut r = 0u32;
    for line in guide_lines(catalog, items, unit_type) {
        let (text, fmt) = match &line {
            Line::Title(t) => (t.clone(), &st.title),
            Line::Sub(t) => (t.clone(), &st.subtitle),
            Line::Heading(t) => (t.clone(), &st.heading),
            Line::Para(t) => (t.clone(), &st.text),
            Line::Bullet(t) => (format!("•  {t}"), &st.text),
            Line::Blank => {
                r += 1;
                continue;
            }
        };
        ws.merge_range(r, 0, r, last_col, &text, fmt)?;
        let lines = text.chars().count().div_ceil(chars_per_line).max(1);
        let base = if matches!(line, Line::Title(_)) {
            20.0
        } else {
            15.5
        };
        ws.set_row_height(r, base * lines as f64 + 2.0)?;
        r += 1;
    }
    let headers = [
        "Mã loại",
        "Tên thiết bị",
        "Định mức",
        "Thời gian sử dụng (năm)",
        "Cấu hình tối thiểu",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(r, 30)?;
    r += 1;
    for it in items {
        ws.write_string_with_format(r, 0, &it.code, &st.table_cell)?;
        ws.write_string_with_format(r, 1, &it.name, &st.table_cell)?;
        ws.write_string_with_format(r, 2, norm_vi(it), &st.table_cell)?;
        match it.useful_life_years {
            Some(y) => ws.write_number_with_format(r, 3, y, &st.table_cell)?,
            None => ws.write_string_with_format(r, 3, "", &st.table_cell)?,
        };
        ws.write_string_with_format(r, 4, min_config_vi(it), &st.table_cell)?;
        if it.name.chars().count() > 44 {
            ws.set_row_height(r, 31)?;
        }
        r += 1;
    }
    if items.is_empty() {
        ws.merge_range(
            r,
            0,
            r,
            last_col,
            "Danh mục không có thiết bị nào áp dụng cho loại đơn vị này.",
            &st.text,
        )?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_active(true);
    Ok(())
}

/// The catalog a form says it was made from (custom document properties).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub catalog: String,
    pub effective: Option<String>,
}

/// Largest `docProps/custom.xml` read; a bigger one is ignored.
const MAX_CUSTOM_XML: u64 = 1024 * 1024;

/// The catalog named in an xlsx's custom properties, `None` when there is none (or the bytes
/// are not a zip, or the part is over 1 MiB). Reads only `docProps/custom.xml`.
pub fn origin(bytes: &[u8]) -> Option<Origin> {
    if !bytes.starts_with(b"PK") {
        return None;
    }
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let f = z.by_name("docProps/custom.xml").ok()?;
    if f.size() > MAX_CUSTOM_XML {
        return None;
    }
    let mut buf = Vec::new();
    f.take(MAX_CUSTOM_XML).read_to_end(&mut buf).ok()?;
    let xml = String::from_utf8(buf).ok()?;
    let props = custom_properties(&xml);
    let get = |name: &str| {
        props
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim().to_string())
    };
    let catalog = get(PROP_CATALOG).filter(|s| !s.is_empty())?;
    Some(Origin {
        catalog,
        effective: get(PROP_EFFECTIVE).filter(|s| !s.is_empty()),
    })
}

/// `W-TEMPLATE-CATALOG` when the form was made from another catalog (name or effective date).
pub fn origin_diagnostic(file: &str, origin: &Origin, catalog: &Catalog) -> Option<Diagnostic> {
    let same_name = crate::fold::display(&origin.catalog) == crate::fold::display(&catalog.name);
    let same_date = origin
        .effective
        .as_deref()
        .is_none_or(|e| e == catalog.effective.trim());
    if same_name && same_date {
        return None;
    }
    Some(Diagnostic::file(
        Code::TemplateCatalog,
        file,
        Msg::TemplateCatalog(Box::new(crate::diag::TemplateOrigin {
            template: origin.catalog.clone(),
            template_effective: origin.effective.clone(),
            catalog: catalog.name.clone(),
            catalog_effective: catalog.effective.clone(),
        })),
    ))
}

/// `(name, value)` of each `<property name="…"><vt:…>value</vt:…></property>`.
fn custom_properties(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<property") {
        rest = &rest[i + "<property".len()..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        if tag.ends_with('/') {
            // An empty `<property …/>` has no value.
            rest = &rest[tag_end..];
            continue;
        }
        let body_end = rest.find("</property>").unwrap_or(rest.len());
        if body_end < tag_end {
            continue;
        }
        let body = &rest[tag_end + 1..body_end];
        if let Some(name) = attr(tag, "name") {
            // The value is the text of the single typed child element.
            let value = body
                .find('<')
                .and_then(|a| body[a..].find('>').map(|b| a + b + 1))
                .map(|start| {
                    let end = body[start..].find('<').map_or(body.len(), |e| start + e);
                    &body[start..end]
                })
                .unwrap_or("");
            out.push((unescape(&name), unescape(value)));
        }
        rest = &rest[body_end..];
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    loop {
        let i = rest.find(name)?;
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = rest[i + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let q = v.chars().next()?;
                if q == '"' || q == '\'' {
                    let end = v[1..].find(q)?;
                    return Some(v[1..1 + end].to_string());
                }
            }
        }
        rest = &rest[i + name.len()..];
    }
}

/// XML character and entity references.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let n = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                    u32::from_str_radix(h, 16).ok()
                } else {
                    ent.strip_prefix('#').and_then(|d| d.parse().ok())
                };
                n.and_then(char::from_u32)
            }
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_types() {
        assert_eq!(
            parse_unit_type("dang/commune"),
            Some((Block::Dang, Level::Commune))
        );
        assert_eq!(
            parse_unit_type(" MTTQ / City "),
            Some((Block::Mttq, Level::City))
        );
        assert_eq!(parse_unit_type("ctxh"), None);
        assert_eq!(parse_unit_type("dang/ward"), None);
        assert_eq!(parse_unit_type("party/city"), None);
    }

    #[test]
    fn reads_custom_properties() {
        let xml = r#"<?xml version="1.0"?><Properties xmlns="x" xmlns:vt="y"><property fmtid="{D5}" pid="2" name="rasoat_catalog"><vt:lpwstr>A &amp; B &#272;</vt:lpwstr></property><property fmtid="{D5}" pid="3" name='rasoat_catalog_effective'><vt:lpwstr>2025-12-01</vt:lpwstr></property><property pid="4" name="empty"><vt:lpwstr/></property></Properties>"#;
        let p = custom_properties(xml);
        assert_eq!(p[0], ("rasoat_catalog".to_string(), "A & B Đ".to_string()));
        assert_eq!(
            p[1],
            (
                "rasoat_catalog_effective".to_string(),
                "2025-12-01".to_string()
            )
        );
        assert_eq!(p[2].0, "empty");
    }

    #[test]
    fn template_round_trips_its_origin() {
        let cat = Catalog::load(None).unwrap();
        let created = crate::report::creation_time(&cat, None);
        let bytes = workbook(&cat, None, created).unwrap();
        let o = origin(&bytes).unwrap();
        assert_eq!(o.catalog, cat.name);
        assert_eq!(o.effective.as_deref(), Some(cat.effective.as_str()));
        assert!(origin_diagnostic("f.xlsx", &o, &cat).is_none());
        let other = Origin {
            catalog: "Khác".into(),
            effective: None,
        };
        assert_eq!(
            origin_diagnostic("f.xlsx", &other, &cat).map(|d| d.code),
            Some(Code::TemplateCatalog)
        );
        assert_eq!(origin(b"not a zip"), None);
    }

    #[test]
    fn norms_in_words() {
        let cat = Catalog::load(None).unwrap();
        let printer = cat.items.iter().find(|i| i.code == "PRINTER-A4").unwrap();
        assert_eq!(norm_vi(printer), "1 / 3 cán bộ (tối thiểu 1)");
    }
}
