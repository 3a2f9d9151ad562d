//! The words of every diagnostic (SPEC §3 "Diagnostics"): each [`Msg`] rendered in English
//! and in Vietnamese, saying what is wrong and what to do.

use super::{
    AliasTie, Code, FieldProblem, Lang, Limit, Msg, TemplateOrigin, Unreadable, WorkbookFormat,
};
use std::sync::Arc;

fn field_vi(field: &str) -> &str {
    match field {
        "code" => "Mã đơn vị",
        "name" => "Tên đơn vị",
        "block" => "Khối",
        "level" => "Cấp",
        "site" => "Mã trụ sở",
        "staff" => "Số cán bộ",
        "leaders" => "Số lãnh đạo",
        "date" => "Ngày lập",
        "revision" => "Lần nộp",
        other => other,
    }
}

fn field_hint(field: &str, lang: Lang) -> String {
    match (field, lang) {
        ("block", Lang::En) => "write Đảng, Mặt trận Tổ quốc or Chính trị - xã hội".into(),
        ("block", Lang::Vi) => "ghi Đảng, Mặt trận Tổ quốc hoặc Chính trị - xã hội".into(),
        ("level", Lang::En) => "write Thành phố, Phường, Xã or Đặc khu".into(),
        ("level", Lang::Vi) => "ghi Thành phố, Phường, Xã hoặc Đặc khu".into(),
        ("staff" | "leaders" | "revision", Lang::En) => "enter a whole number of at least 0".into(),
        ("staff" | "leaders" | "revision", Lang::Vi) => "nhập số nguyên không âm".into(),
        ("date", Lang::En) => "enter a date such as 15/11/2025".into(),
        ("date", Lang::Vi) => "nhập ngày dạng 15/11/2025".into(),
        // A CSV has no sheets: the line above the table is the way there.
        (f, Lang::En) => format!(
            "fill it in on the Thông tin đơn vị sheet, or in a line '{}: …' above the table",
            field_vi(f)
        ),
        (f, Lang::Vi) => format!(
            "điền vào trang Thông tin đơn vị, hoặc một dòng '{}: …' phía trên bảng kê",
            field_vi(f)
        ),
    }
}

impl Msg {
    /// The message in `lang`: what is wrong and how to fix it.
    pub fn render(&self, lang: Lang) -> String {
        use Lang::{En, Vi};
        match (self, lang) {
            (Msg::FileUnreadable(u), lang) => u.render(lang),
            (Msg::FileEncrypted, En) => {
                "the workbook is password-protected; remove the password and resubmit".into()
            }
            (Msg::FileEncrypted, Vi) => {
                "tệp được đặt mật khẩu; gỡ mật khẩu rồi gửi lại".into()
            }
            (Msg::FileTooLarge(l), lang) => limit_text(l, lang),
            (Msg::NoHeader { sheets }, En) => format!(
                "no inventory header row (a device-name and a quantity column) in the first 30 rows{}; put Tên thiết bị and Số lượng in one row above the table",
                searched(sheets, En)
            ),
            (Msg::NoHeader { sheets }, Vi) => format!(
                "không thấy dòng tiêu đề bảng kê (cột Tên thiết bị và cột Số lượng) trong 30 dòng đầu{}; ghi Tên thiết bị và Số lượng trên cùng một dòng phía trên bảng",
                searched(sheets, Vi)
            ),
            (Msg::UnitField { field, problem: FieldProblem::Missing }, En) => {
                format!("unit field '{}' is missing; {}", field_vi(field), field_hint(field, En))
            }
            (Msg::UnitField { field, problem: FieldProblem::Missing }, Vi) => {
                format!("thiếu thông tin '{}'; {}", field_vi(field), field_hint(field, Vi))
            }
            (Msg::UnitField { field, problem: FieldProblem::Unreadable(v) }, En) => {
                format!("unit field '{}' cannot be read from '{v}'; {}", field_vi(field), field_hint(field, En))
            }
            (Msg::UnitField { field, problem: FieldProblem::Unreadable(v) }, Vi) => {
                format!("không đọc được '{}' từ giá trị '{v}'; {}", field_vi(field), field_hint(field, Vi))
            }
            (Msg::UnitField { field, problem: FieldProblem::TooLarge(v) }, En) => {
                format!("unit field '{}' is {v}, more than {} people in one unit; enter the real figure (a phone or ID number pasted here?)", field_vi(field), crate::base::MAX_PEOPLE)
            }
            (Msg::UnitField { field, problem: FieldProblem::TooLarge(v) }, Vi) => {
                format!("'{}' là {v}, hơn {} người trong một đơn vị; nhập đúng số (có nhầm số điện thoại hay số định danh?)", field_vi(field), crate::base::MAX_PEOPLE)
            }
            (Msg::UnitLeaders { leaders, staff }, En) => {
                format!("{leaders} leaders is more than the {staff} staff; correct Số lãnh đạo or Số cán bộ")
            }
            (Msg::UnitLeaders { leaders, staff }, Vi) => {
                format!("số lãnh đạo {leaders} lớn hơn số cán bộ {staff}; sửa Số lãnh đạo hoặc Số cán bộ")
            }
            (Msg::UnitConflict { unit, others }, En) => format!(
                "unit {unit} has another submission with the same revision and date but different content ({}); raise Lần nộp on the corrected one",
                others.join(", ")
            ),
            (Msg::UnitConflict { unit, others }, Vi) => format!(
                "đơn vị {unit} có bản nộp khác cùng lần nộp và ngày lập nhưng nội dung khác ({}); tăng Lần nộp ở bản đã sửa",
                others.join(", ")
            ),
            (Msg::CellError { value }, En) => format!("the cell holds the error value {value}; fix the formula or type the value"),
            (Msg::CellError { value }, Vi) => format!("ô có giá trị lỗi {value}; sửa công thức hoặc nhập giá trị"),
            (Msg::RowNoName, En) => "the row has no device name and no item code; fill in Tên thiết bị".into(),
            (Msg::RowNoName, Vi) => "dòng không có tên thiết bị và mã loại; điền Tên thiết bị".into(),
            (Msg::QtyNegative { value }, En) => format!("quantity '{value}' is negative; enter a whole number of at least 0"),
            (Msg::QtyNegative { value }, Vi) => format!("số lượng '{value}' là số âm; nhập số nguyên không âm"),
            (Msg::QtyInvalid { value }, En) => format!("quantity '{value}' is not a whole number from 0 to 1000000000; enter the number of devices"),
            (Msg::QtyInvalid { value }, Vi) => format!("số lượng '{value}' không hợp lệ; nhập số thiết bị, là số nguyên từ 0 đến 1000000000"),
            (Msg::QtyRequestEmpty, En) => "empty requested quantity; enter how many are requested".into(),
            (Msg::QtyRequestEmpty, Vi) => "chưa nhập số lượng đề xuất; nhập số lượng".into(),
            (Msg::ItemUnknown { code }, En) => format!("unknown item code '{code}'; use a code from the catalog (rasoat catalog show)"),
            (Msg::ItemUnknown { code }, Vi) => format!("mã loại '{code}' không có trong danh mục; dùng mã trong danh mục (rasoat catalog show)"),
            (Msg::QtyEmpty, En) => "empty quantity read as 1; enter the quantity".into(),
            (Msg::QtyEmpty, Vi) => "số lượng để trống, tính là 1; nhập số lượng".into(),
            (Msg::YearUnreadable { value }, En) => format!("cannot read year '{value}'; the device is counted as usable; enter a year such as 2021"),
            (Msg::YearUnreadable { value }, Vi) => format!("không đọc được năm '{value}'; thiết bị được coi là còn dùng được; nhập năm, ví dụ 2021"),
            (Msg::YearFuture { year, as_of }, En) => format!("year {year} is after {as_of}; counted as new (age 0); check the year"),
            (Msg::YearFuture { year, as_of }, Vi) => format!("năm {year} sau năm {as_of}; tính là thiết bị mới; kiểm tra lại năm"),
            (Msg::YearEmpty { item, life }, En) => format!("no year for a {item} (useful life {life} years); counted as usable; enter the year it was put into use"),
            (Msg::YearEmpty { item, life }, Vi) => format!("chưa có năm sử dụng của {item} (thời gian sử dụng {life} năm); coi là còn dùng được; nhập năm đưa vào sử dụng"),
            (Msg::ConditionUnknown { value }, En) => format!("unknown condition '{value}' read as good; write Tốt, Hỏng or Cũ"),
            (Msg::ConditionUnknown { value }, Vi) => format!("tình trạng '{value}' không rõ, coi là Tốt; ghi Tốt, Hỏng hoặc Cũ"),
            (Msg::ConfigUnreadable { term, text }, En) => format!("{term} cannot be read from '{text}'; counted as met; describe the configuration, e.g. 'i5/8GB/256GB SSD'"),
            (Msg::ConfigUnreadable { term, text }, Vi) => format!("không xác định được điều kiện {} từ cấu hình '{text}'; coi là đạt; ghi cấu hình, ví dụ 'i5/8GB/256GB SSD'", term.describe_vi()),
            (Msg::RowUnclassified { name, suggestion }, En) => match suggestion {
                Some(s) => format!("'{name}' matches no catalog item (did you mean {s}?); write the item code in Mã loại"),
                None => format!("'{name}' matches no catalog item; write the item code in Mã loại if it is IT equipment"),
            },
            (Msg::RowUnclassified { name, suggestion }, Vi) => match suggestion {
                Some(s) => format!("'{name}' không khớp thiết bị nào trong danh mục (có phải {s}?); ghi mã loại vào cột Mã loại"),
                None => format!("'{name}' không khớp thiết bị nào trong danh mục; nếu là thiết bị CNTT, ghi mã loại vào cột Mã loại"),
            },
            (Msg::AliasTie(t), En) => format!(
                "'{}' matches several items equally ({}); using {}; write the item code in Mã loại",
                t.name, t.items.join(", "), t.chosen
            ),
            (Msg::AliasTie(t), Vi) => format!(
                "'{}' khớp nhiều thiết bị như nhau ({}); dùng {}; ghi mã loại vào cột Mã loại",
                t.name, t.items.join(", "), t.chosen
            ),
            (Msg::AssetDuplicate { asset_id, first_file, first_row }, En) => format!(
                "asset id '{asset_id}' already counted in {first_file} row {first_row}; this row is not counted again"
            ),
            (Msg::AssetDuplicate { asset_id, first_file, first_row }, Vi) => format!(
                "mã tài sản '{asset_id}' đã được tính ở {first_file} dòng {first_row}; dòng này không được tính lại"
            ),
            (Msg::ReqNotApplicable { item }, En) => format!("request for {item}, which does not apply to this unit; all of it is excess"),
            (Msg::ReqNotApplicable { item }, Vi) => format!("đề xuất {item} không thuộc tiêu chuẩn của đơn vị; toàn bộ là vượt định mức"),
            (Msg::TemplateCatalog(t), En) => format!(
                "the form was made from another catalog's template ('{}'{}) but is checked against '{}' (effective {}); item codes and norms may differ: fill in a template made with rasoat template, or check with the matching --catalog",
                t.template,
                t.template_effective.as_deref().map(|e| format!(", effective {e}")).unwrap_or_default(),
                t.catalog,
                t.catalog_effective
            ),
            (Msg::TemplateCatalog(t), Vi) => format!(
                "phiếu được lập từ mẫu của danh mục khác ('{}'{}) nhưng đang được kiểm tra theo danh mục '{}' (hiệu lực {}); mã loại và định mức có thể khác: điền lại vào mẫu mới tạo bằng lệnh rasoat template, hoặc kiểm tra với --catalog tương ứng",
                t.template,
                t.template_effective.as_deref().map(|e| format!(", hiệu lực {e}")).unwrap_or_default(),
                t.catalog,
                t.catalog_effective
            ),
        }
    }

    /// A representative message for `code`, for documentation and tests of the renderers.
    pub fn example(code: Code) -> Msg {
        let s = |t: &str| t.to_string();
        match code {
            Code::FileUnreadable => Msg::FileUnreadable(Box::new(Unreadable::damaged(
                WorkbookFormat::Xlsx,
                "invalid Zip archive",
            ))),
            Code::FileEncrypted => Msg::FileEncrypted,
            Code::FileTooLarge => Msg::FileTooLarge(Limit::FileSize {
                bytes: 60 << 20,
                max: 50 << 20,
            }),
            Code::NoHeader => Msg::NoHeader {
                sheets: Some(vec![s("Sheet1"), s("Sheet2")]),
            },
            Code::UnitField => Msg::UnitField {
                field: "staff",
                problem: FieldProblem::Missing,
            },
            Code::UnitLeaders => Msg::UnitLeaders {
                leaders: 5,
                staff: 3,
            },
            Code::UnitConflict => Msg::UnitConflict {
                unit: s("DU-P-BENNGHE"),
                others: vec![s("a.xlsx"), s("b.xlsx")],
            },
            Code::CellError => Msg::CellError { value: s("#REF!") },
            Code::RowNoName => Msg::RowNoName,
            Code::QtyNegative => Msg::QtyNegative { value: s("-1") },
            Code::QtyInvalid => Msg::QtyInvalid { value: s("1,5") },
            Code::ItemUnknown => Msg::ItemUnknown { code: s("PC-XYZ") },
            Code::QtyEmpty => Msg::QtyEmpty,
            Code::YearUnknown => Msg::YearUnreadable { value: s("cũ") },
            Code::ConditionUnknown => Msg::ConditionUnknown {
                value: s("Còn dùng tạm"),
            },
            Code::ConfigUnreadable => Msg::ConfigUnreadable {
                term: crate::base::ConfigTerm::RamGb(8),
                text: Arc::new("Core i5".to_string()),
            },
            Code::RowUnclassified => Msg::RowUnclassified {
                name: s("Tủ đựng hồ sơ"),
                suggestion: None,
            },
            Code::AliasTie => Msg::AliasTie(Box::new(AliasTie {
                name: s("Máy in scan"),
                items: vec![s("PRINTER-A4"), s("SCANNER")],
                chosen: s("PRINTER-A4"),
            })),
            Code::AssetDuplicate => Msg::AssetDuplicate {
                asset_id: s("4CE2231XYZ"),
                first_file: s("a.xlsx"),
                first_row: 5,
            },
            Code::ReqNotApplicable => Msg::ReqNotApplicable { item: s("VC-KIT") },
            Code::TemplateCatalog => Msg::TemplateCatalog(Box::new(TemplateOrigin {
                template: s("Danh mục 2024"),
                template_effective: Some(s("2024-01-01")),
                catalog: s("Danh mục 2025"),
                catalog_effective: s("2025-12-01"),
            })),
        }
    }
}

fn limit_text(l: &Limit, lang: Lang) -> String {
    const MIB: u64 = 1024 * 1024;
    let mib = |b: u64| b.div_ceil(MIB);
    match (l, lang) {
        (Limit::FileSize { bytes, max }, Lang::En) => {
            format!("file is {} MiB, over the {} MiB limit (--max-file-mb)", mib(*bytes), mib(*max))
        }
        (Limit::FileSize { bytes, max }, Lang::Vi) => {
            format!("tệp {} MiB, vượt giới hạn {} MiB (--max-file-mb)", mib(*bytes), mib(*max))
        }
        (Limit::EntrySize { entry, bytes, max }, Lang::En) => format!(
            "workbook part '{entry}' declares {} MiB uncompressed, over the {} MiB limit",
            mib(*bytes),
            mib(*max)
        ),
        (Limit::EntrySize { entry, bytes, max }, Lang::Vi) => format!(
            "thành phần '{entry}' khai báo {} MiB khi giải nén, vượt giới hạn {} MiB",
            mib(*bytes),
            mib(*max)
        ),
        (Limit::TotalSize { bytes, max }, Lang::En) => format!(
            "workbook declares {} MiB uncompressed, over the {} MiB limit",
            mib(*bytes),
            mib(*max)
        ),
        (Limit::TotalSize { bytes, max }, Lang::Vi) => format!(
            "tệp khai báo {} MiB khi giải nén, vượt giới hạn {} MiB",
            mib(*bytes),
            mib(*max)
        ),
        (Limit::Sheets { count, max }, Lang::En) => format!("workbook has {count} sheets, over the limit of {max}"),
        (Limit::Sheets { count, max }, Lang::Vi) => format!("tệp có {count} trang tính, vượt giới hạn {max}"),
        (Limit::Cells { sheet, max }, Lang::En) => format!("sheet '{sheet}' holds more than {max} non-empty cells"),
        (Limit::Cells { sheet, max }, Lang::Vi) => format!("trang '{sheet}' có hơn {max} ô có dữ liệu"),
        (Limit::Visited { max }, Lang::En) => format!(
            "the sheets read hold more than {max} cells in all, empty ones included; delete the empty formatted cells and the sheets not needed"
        ),
        (Limit::Visited { max }, Lang::Vi) => format!(
            "các trang được đọc có tổng cộng hơn {max} ô, kể cả ô trống; xóa các ô trống đã định dạng và các trang không cần"
        ),
        (Limit::Entries { entry, count, max }, Lang::En) => format!(
            "'{entry}' lists {count} or more styles or shared texts, more than the {max} a spreadsheet program writes; save the file again from Excel or LibreOffice"
        ),
        (Limit::Entries { entry, count, max }, Lang::Vi) => format!(
            "'{entry}' liệt kê từ {count} định dạng hoặc chuỗi dùng chung trở lên, nhiều hơn mức {max} mà phần mềm bảng tính ghi; lưu lại tệp bằng Excel hoặc LibreOffice"
        ),
        (Limit::Grid { sheet, cells, max }, Lang::En) => format!(
            "the sheets spread their cells over a grid of {cells} cells in all (the largest: '{sheet}'), over the limit of {max}; delete stray cells far from the table, or save the file as .xlsx"
        ),
        (Limit::Grid { sheet, cells, max }, Lang::Vi) => format!(
            "các trang trải dữ liệu trên lưới tổng cộng {cells} ô (lớn nhất: '{sheet}'), vượt giới hạn {max}; xóa các ô lạc xa bảng hoặc lưu tệp dạng .xlsx"
        ),
    }
}

/// `in the sheets 'A', 'B'`: the sheets searched, or none but information and requests.
fn searched(sheets: &Option<Vec<String>>, lang: Lang) -> String {
    let Some(sheets) = sheets else {
        return String::new();
    };
    let names = sheets
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ");
    match (sheets.len(), lang) {
        (0, Lang::En) => {
            " of any sheet (there is none besides unit information and requests)".into()
        }
        (0, Lang::Vi) => {
            " của trang nào (không có trang nào ngoài thông tin đơn vị và đề xuất)".into()
        }
        (1, Lang::En) => format!(" of sheet {names}"),
        (1, Lang::Vi) => format!(" của trang {names}"),
        (_, Lang::En) => format!(" of the sheets searched: {names}"),
        (_, Lang::Vi) => format!(" của các trang đã tìm: {names}"),
    }
}
