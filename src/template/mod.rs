//! The blank survey workbook (mẫu phiếu khảo sát) that units fill in (SPEC §1 `template`), and
//! the mark it carries.
//!
//! [`workbook`] builds the form from a catalog: an instructions sheet, the unit-information
//! sheet, the inventory and requests tables with dropdowns and number checks, and a hidden
//! sheet listing the item codes. Every sheet name, label and header is one the reader
//! recognises (SPEC §3), so a filled-in form reads back with no diagnostics. The catalog's name
//! and effective date are stored as custom document properties; `read::origin` reads them back
//! so that `check` can warn when a form was made from another catalog.

use crate::catalog::{Basis, Block, Catalog, Item, Level, SELF};
use crate::diag::{CellRef, Code, Diagnostic, Lang, Msg};
use crate::report::Created;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

/// Sheet names. Each folds to what the reader looks for (SPEC §3).
pub const GUIDE_SHEET: &str = "Hướng dẫn";
pub const INFO_SHEET: &str = "Thông tin đơn vị";
pub const INVENTORY_SHEET: &str = "Hiện trạng";
pub const REQUESTS_SHEET: &str = "Đề xuất";
/// The hidden sheet the item-code dropdowns read from.
pub const CATALOG_SHEET: &str = "Danh mục";

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

mod guide;
mod sheets;

pub use crate::read::origin::{PROP_CATALOG, PROP_EFFECTIVE, PROP_UNIT_TYPE};
use crate::report::vi::date_vi;
use guide::guide_sheet;
use sheets::{catalog_sheet, info_sheet, inventory_sheet, requests_sheet, Styles};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::origin::{origin, origin_diagnostic, Origin};
    use crate::report::vi::norm_bounds_vi as norm_vi;

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
