//! Diagnostics: one stream of located findings (SPEC §3) rendered by every reporter.
//!
//! A diagnostic carries a stable [`Code`], where it was found and a structured [`Msg`]; the
//! text is rendered on demand in English or Vietnamese, so codes and JSON fields never change
//! with the language.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// Language of messages meant for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    /// `vi_*` (from `LC_ALL`, then `LANG`) selects Vietnamese; anything else English.
    pub fn from_env_vars(lc_all: Option<&str>, lang: Option<&str>) -> Lang {
        let v = lc_all.filter(|s| !s.is_empty()).or(lang).unwrap_or("");
        if v.to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// Pick the English or the Vietnamese text.
    pub fn pick<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($v:ident = $s:literal, $sev:ident;)*) => {
        /// Stable diagnostic codes (SPEC §3).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($v,)* }
        impl Code {
            /// Every code, in the order of the SPEC table.
            pub const ALL: &'static [Code] = &[$(Code::$v,)*];
            pub fn as_str(self) -> &'static str { match self { $(Code::$v => $s,)* } }
            pub fn severity(self) -> Severity { match self { $(Code::$v => Severity::$sev,)* } }
        }
    };
}

codes! {
    FileUnreadable = "E-FILE-UNREADABLE", Error;
    FileEncrypted = "E-FILE-ENCRYPTED", Error;
    FileTooLarge = "E-FILE-TOO-LARGE", Error;
    NoHeader = "E-NO-HEADER", Error;
    UnitField = "E-UNIT-FIELD", Error;
    UnitLeaders = "E-UNIT-LEADERS", Error;
    UnitConflict = "E-UNIT-CONFLICT", Error;
    CellError = "E-CELL-ERROR", Error;
    RowNoName = "E-ROW-NO-NAME", Error;
    QtyNegative = "E-QTY-NEGATIVE", Error;
    QtyInvalid = "E-QTY-INVALID", Error;
    ItemUnknown = "E-ITEM-UNKNOWN", Error;
    QtyEmpty = "W-QTY-EMPTY", Warning;
    YearUnknown = "W-YEAR-UNKNOWN", Warning;
    ConditionUnknown = "W-CONDITION-UNKNOWN", Warning;
    ConfigUnreadable = "W-CONFIG-UNREADABLE", Warning;
    RowUnclassified = "W-ROW-UNCLASSIFIED", Warning;
    AliasTie = "W-ALIAS-TIE", Warning;
    AssetDuplicate = "W-ASSET-DUPLICATE", Warning;
    ReqNotApplicable = "W-REQ-NOT-APPLICABLE", Warning;
    TemplateCatalog = "W-TEMPLATE-CATALOG", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A cell position: 1-based row as Excel shows it (CSV: the physical line), 0-based column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    pub fn new(row: u32, col: u32) -> Self {
        CellRef { row, col }
    }

    /// Column letters as Excel shows them: 0 → `A`, 26 → `AA`.
    pub fn col_name(col: u32) -> String {
        let mut n = col as u64 + 1;
        let mut s = Vec::new();
        while n > 0 {
            let r = ((n - 1) % 26) as u8;
            s.push(b'A' + r);
            n = (n - 1) / 26;
        }
        s.reverse();
        String::from_utf8(s).unwrap_or_default()
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", CellRef::col_name(self.col), self.row)
    }
}

/// Which limit a file broke (SPEC §3 "Files").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    FileSize {
        bytes: u64,
        max: u64,
    },
    EntrySize {
        entry: String,
        bytes: u64,
        max: u64,
    },
    TotalSize {
        bytes: u64,
        max: u64,
    },
    Sheets {
        count: usize,
        max: usize,
    },
    Cells {
        sheet: String,
        max: u64,
    },
    /// The sheets read from one file hold more cells in all, empty ones included, than a
    /// reader goes through for one file.
    Visited {
        max: u64,
    },
    /// A workbook part lists more styles or shared texts than any spreadsheet program writes:
    /// the reader would hold them all before reading a cell.
    Entries {
        entry: String,
        count: u64,
        max: u64,
    },
    /// The grids the sheets' cells span, which ODS and XLS readers expand in full, are over the
    /// cell limit in all; `sheet` is the largest.
    Grid {
        sheet: String,
        cells: u64,
        max: u64,
    },
}

/// What a unit-information field lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    Missing,
    Unreadable(String),
    /// A number of people above [`crate::base::MAX_PEOPLE`]: a pasted phone or ID number.
    TooLarge(String),
}

/// The structured content of a diagnostic; rendered by [`Msg::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    FileUnreadable {
        reason: String,
    },
    FileEncrypted,
    FileTooLarge(Limit),
    NoHeader,
    UnitField {
        field: &'static str,
        problem: FieldProblem,
    },
    UnitLeaders {
        leaders: u64,
        staff: u64,
    },
    UnitConflict {
        unit: String,
        others: Vec<String>,
    },
    CellError {
        value: String,
    },
    RowNoName,
    QtyNegative {
        value: String,
    },
    QtyInvalid {
        value: String,
    },
    QtyRequestEmpty,
    ItemUnknown {
        code: String,
    },
    QtyEmpty,
    YearUnreadable {
        value: String,
    },
    YearFuture {
        year: i32,
        as_of: i32,
    },
    YearEmpty {
        item: String,
        life: u32,
    },
    ConditionUnknown {
        value: String,
    },
    ConfigUnreadable {
        term: crate::base::ConfigTerm,
        /// The configuration as written (shared with the row's verdict).
        text: Arc<String>,
    },
    RowUnclassified {
        name: String,
        suggestion: Option<String>,
    },
    /// Boxed, as are other rare, large messages: every finding carries a `Msg`.
    AliasTie(Box<AliasTie>),
    AssetDuplicate {
        asset_id: String,
        first_file: String,
        first_row: u32,
    },
    ReqNotApplicable {
        item: String,
    },
    /// The form was made from the template of another catalog (xlsx custom properties).
    TemplateCatalog(Box<TemplateOrigin>),
}

/// A name that matches several catalog items equally well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasTie {
    pub name: String,
    pub items: Vec<String>,
    pub chosen: String,
}

/// The catalog a form's template came from, and the one it is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateOrigin {
    pub template: String,
    pub template_effective: Option<String>,
    pub catalog: String,
    pub catalog_effective: String,
}

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

fn field_hint(field: &str, lang: Lang) -> &'static str {
    match (field, lang) {
        ("block", Lang::En) => "write Đảng, Mặt trận Tổ quốc or Chính trị - xã hội",
        ("block", Lang::Vi) => "ghi Đảng, Mặt trận Tổ quốc hoặc Chính trị - xã hội",
        ("level", Lang::En) => "write Thành phố, Phường, Xã or Đặc khu",
        ("level", Lang::Vi) => "ghi Thành phố, Phường, Xã hoặc Đặc khu",
        ("staff" | "leaders" | "revision", Lang::En) => "enter a whole number of at least 0",
        ("staff" | "leaders" | "revision", Lang::Vi) => "nhập số nguyên không âm",
        ("date", Lang::En) => "enter a date such as 15/11/2025",
        ("date", Lang::Vi) => "nhập ngày dạng 15/11/2025",
        (_, Lang::En) => "fill it in on the unit-information sheet",
        (_, Lang::Vi) => "điền vào trang Thông tin đơn vị",
    }
}

impl Msg {
    /// The message in `lang`: what is wrong and how to fix it.
    pub fn render(&self, lang: Lang) -> String {
        use Lang::{En, Vi};
        match (self, lang) {
            (Msg::FileUnreadable { reason }, En) => format!("cannot be read: {reason}"),
            (Msg::FileUnreadable { reason }, Vi) => {
                format!("không đọc được tệp bảng tính: {reason}; lưu lại bằng Excel (.xlsx) rồi gửi lại")
            }
            (Msg::FileEncrypted, En) => {
                "the workbook is password-protected; remove the password and resubmit".into()
            }
            (Msg::FileEncrypted, Vi) => {
                "tệp được đặt mật khẩu; gỡ mật khẩu rồi gửi lại".into()
            }
            (Msg::FileTooLarge(l), lang) => limit_text(l, lang),
            (Msg::NoHeader, En) => "no inventory header row (a device-name and a quantity column) in the first 30 rows".into(),
            (Msg::NoHeader, Vi) => "không thấy dòng tiêu đề bảng kê (cột Tên thiết bị và cột Số lượng) trong 30 dòng đầu".into(),
            (Msg::UnitField { field, problem: FieldProblem::Missing }, En) => {
                format!("unit field '{field}' is missing; {}", field_hint(field, En))
            }
            (Msg::UnitField { field, problem: FieldProblem::Missing }, Vi) => {
                format!("thiếu thông tin '{}'; {}", field_vi(field), field_hint(field, Vi))
            }
            (Msg::UnitField { field, problem: FieldProblem::Unreadable(v) }, En) => {
                format!("unit field '{field}' cannot be read from '{v}'; {}", field_hint(field, En))
            }
            (Msg::UnitField { field, problem: FieldProblem::Unreadable(v) }, Vi) => {
                format!("không đọc được '{}' từ giá trị '{v}'; {}", field_vi(field), field_hint(field, Vi))
            }
            (Msg::UnitField { field, problem: FieldProblem::TooLarge(v) }, En) => {
                format!("unit field '{field}' is {v}, more than {} people in one unit; enter the real figure (a phone or ID number pasted here?)", crate::base::MAX_PEOPLE)
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
            Code::FileUnreadable => Msg::FileUnreadable {
                reason: s("damaged or truncated zip archive"),
            },
            Code::FileEncrypted => Msg::FileEncrypted,
            Code::FileTooLarge => Msg::FileTooLarge(Limit::FileSize {
                bytes: 60 << 20,
                max: 50 << 20,
            }),
            Code::NoHeader => Msg::NoHeader,
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

/// One finding, located in a file, sheet and cell (each `None` where unknown).
///
/// File and sheet names are shared: a national run has hundreds of thousands of findings in
/// tens of thousands of files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub file: Option<Arc<str>>,
    pub sheet: Option<Arc<str>>,
    pub cell: Option<CellRef>,
    pub msg: Msg,
}

impl Diagnostic {
    pub fn new(
        code: Code,
        file: &str,
        sheet: Option<&str>,
        cell: Option<CellRef>,
        msg: Msg,
    ) -> Self {
        Diagnostic {
            code,
            file: Some(Arc::from(file)),
            sheet: sheet.map(Arc::from),
            cell,
            msg,
        }
    }

    /// [`Diagnostic::new`] with names the caller already holds, shared rather than copied.
    pub fn shared(
        code: Code,
        file: &Arc<str>,
        sheet: Option<&Arc<str>>,
        cell: Option<CellRef>,
        msg: Msg,
    ) -> Self {
        Diagnostic {
            code,
            file: Some(file.clone()),
            sheet: sheet.cloned(),
            cell,
            msg,
        }
    }

    /// A file-level finding (no sheet, no cell).
    pub fn file(code: Code, file: &str, msg: Msg) -> Self {
        Diagnostic::new(code, file, None, None, msg)
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// The A1 reference, e.g. `F12`.
    pub fn cell_a1(&self) -> Option<String> {
        self.cell.map(|c| c.to_string())
    }

    /// Sort key of SPEC §3: (file, sheet, row, column, code), `None` first.
    fn key(
        &self,
    ) -> (
        Option<&str>,
        Option<&str>,
        Option<u32>,
        Option<u32>,
        &'static str,
    ) {
        (
            self.file.as_deref(),
            self.sheet.as_deref(),
            self.cell.map(|c| c.row),
            self.cell.map(|c| c.col),
            self.code.as_str(),
        )
    }

    /// A view that serialises with the message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> DiagnosticView<'_> {
        DiagnosticView { d: self, lang }
    }
}

/// Sort diagnostics as SPEC §3 says; ties keep the order found (stable sort).
///
/// A national run holds a quarter of a million diagnostics: a stable sort of the values would
/// borrow a buffer of half their size, so their positions are sorted instead (a stable sort of
/// `u32`s) and the values moved once, in place.
pub fn sort(diags: &mut [Diagnostic]) {
    let mut order: Vec<u32> = (0..diags.len() as u32).collect();
    if order.len() != diags.len() {
        // More than 4 billion diagnostics cannot be held anyway; keep the plain sort.
        diags.sort_by(|a, b| a.key().cmp(&b.key()));
        return;
    }
    // Stable, so ties keep the order found; and diagnostics arrive file by file, mostly in
    // order already, which a merge sort of runs takes in one sweep.
    order.sort_by(|&a, &b| diags[a as usize].key().cmp(&diags[b as usize].key()));
    permute(diags, order);
}

/// Rearrange `v` so that position `i` holds what was at `order[i]` (`order` a permutation of
/// `0..v.len()`), following each cycle with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    const DONE: u32 = u32::MAX;
    for start in 0..v.len() {
        if order[start] == DONE {
            continue;
        }
        let mut j = start;
        loop {
            let k = order[j] as usize;
            order[j] = DONE;
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// A diagnostic together with the language its message is rendered in.
pub struct DiagnosticView<'a> {
    pub d: &'a Diagnostic,
    pub lang: Lang,
}

impl Serialize for DiagnosticView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.d;
        let mut st = s.serialize_struct("Diagnostic", 6)?;
        st.serialize_field("severity", &d.severity())?;
        st.serialize_field("code", d.code.as_str())?;
        st.serialize_field("file", &d.file)?;
        st.serialize_field("sheet", &d.sheet)?;
        st.serialize_field("cell", &d.cell_a1())?;
        st.serialize_field("message", &d.msg.render(self.lang))?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn permute_follows_every_cycle() {
        let mut v: Vec<char> = "abcdefg".chars().collect();
        // new[i] = old[order[i]]: cycles (0 3 5), (1 6), (2), (4)
        super::permute(&mut v, vec![3, 6, 2, 5, 4, 0, 1]);
        assert_eq!(v.iter().collect::<String>(), "dgcfeab");
    }

    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(CellRef::col_name(0), "A");
        assert_eq!(CellRef::col_name(25), "Z");
        assert_eq!(CellRef::col_name(26), "AA");
        assert_eq!(CellRef::col_name(701), "ZZ");
        assert_eq!(CellRef::col_name(702), "AAA");
        assert_eq!(CellRef::new(12, 5).to_string(), "F12");
    }

    #[test]
    fn lang_from_env() {
        assert_eq!(Lang::from_env_vars(None, Some("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(
            Lang::from_env_vars(Some("en_US.UTF-8"), Some("vi_VN")),
            Lang::En
        );
        assert_eq!(Lang::from_env_vars(Some(""), Some("vi_VN")), Lang::Vi);
        assert_eq!(Lang::from_env_vars(None, None), Lang::En);
    }

    #[test]
    fn ties_keep_the_order_found() {
        let mk = |f: &str, reason: &str| Diagnostic {
            code: Code::FileUnreadable,
            file: Some(Arc::from(f)),
            sheet: None,
            cell: None,
            msg: Msg::FileUnreadable {
                reason: reason.into(),
            },
        };
        let mut v: Vec<Diagnostic> = (0..50)
            .map(|i| mk(if i % 3 == 0 { "b" } else { "a" }, &i.to_string()))
            .collect();
        sort(&mut v);
        let reasons = |file: &str| -> Vec<u32> {
            v.iter()
                .filter(|d| d.file.as_deref() == Some(file))
                .filter_map(|d| match &d.msg {
                    Msg::FileUnreadable { reason } => reason.parse().ok(),
                    _ => None,
                })
                .collect()
        };
        let (a, b) = (reasons("a"), reasons("b"));
        assert!(a.windows(2).all(|w| w[0] < w[1]), "{a:?}");
        assert!(b.windows(2).all(|w| w[0] < w[1]), "{b:?}");
        assert_eq!(v.first().and_then(|d| d.file.as_deref()), Some("a"));
        assert_eq!((a.len(), b.len()), (33, 17));
    }

    #[test]
    fn sorted_with_none_first() {
        let mk = |f: Option<&str>, s: Option<&str>, c: Option<CellRef>, code| Diagnostic {
            code,
            file: f.map(Arc::from),
            sheet: s.map(Arc::from),
            cell: c,
            msg: Msg::RowNoName,
        };
        let mut v = vec![
            mk(
                Some("b"),
                Some("S"),
                Some(CellRef::new(3, 1)),
                Code::QtyEmpty,
            ),
            mk(
                Some("a"),
                Some("S"),
                Some(CellRef::new(3, 1)),
                Code::QtyEmpty,
            ),
            mk(Some("b"), None, None, Code::FileUnreadable),
            mk(
                Some("b"),
                Some("S"),
                Some(CellRef::new(3, 0)),
                Code::RowNoName,
            ),
        ];
        sort(&mut v);
        let got: Vec<_> = v
            .iter()
            .map(|d| (d.file.clone().unwrap(), d.cell_a1()))
            .collect();
        assert_eq!(&*got[0].0, "a");
        assert_eq!(got[1].1, None);
        assert_eq!(got[2].1.as_deref(), Some("A3"));
        assert_eq!(got[3].1.as_deref(), Some("B3"));
    }

    #[test]
    fn vietnamese_names_configuration_terms_in_words() {
        let m = Msg::ConfigUnreadable {
            term: crate::base::ConfigTerm::RamGb(8),
            text: Arc::new("i3 4GB HDD 500GB".into()),
        };
        let vi = m.render(Lang::Vi);
        assert!(
            vi.contains("điều kiện RAM ≥ 8 GB từ cấu hình 'i3 4GB HDD 500GB'"),
            "{vi}"
        );
        assert!(m.render(Lang::En).starts_with("ram_gb>=8 cannot be read"));
    }

    #[test]
    fn every_code_renders_in_both_languages() {
        // Each code's representative message differs between the languages.
        for m in [
            Msg::NoHeader,
            Msg::RowNoName,
            Msg::QtyEmpty,
            Msg::FileEncrypted,
        ] {
            assert_ne!(m.render(Lang::En), m.render(Lang::Vi));
        }
    }
}
