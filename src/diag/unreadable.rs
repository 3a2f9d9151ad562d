//! Why a file cannot be read (SPEC §3 "Files", `E-FILE-UNREADABLE`), as the officer who sent
//! it can act on it: what the file is and what to do, in English and Vietnamese. No library
//! error text reaches a message; the raw text is kept in `detail` for `RASOAT_DEBUG` only.

use super::Lang;

/// The kind of workbook a damaged file claims to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookFormat {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    /// Not known (a zip archive that cannot be opened, a reader that failed).
    Unknown,
}

/// A spreadsheet format older than anything the reader reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OldFormat {
    /// Excel 2.x, 3.0 and 4.0 worksheets and workbooks (BIFF2–BIFF4).
    Excel2To4,
    /// Quattro Pro for DOS or Windows.
    QuattroPro,
    /// Lotus 1-2-3.
    Lotus,
}

/// Why a file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The file's structure is broken: a truncated zip, malformed XML, records that run past
    /// their stream, a cell outside a sheet's grid, a reader that failed on it.
    Damaged {
        format: WorkbookFormat,
        /// The library's own words, for `RASOAT_DEBUG`; never shown in a message.
        detail: String,
    },
    Old(OldFormat),
    /// Zero bytes, or no cell in any sheet.
    Empty,
    /// Every sheet is a chart, dialog or Excel 4 macro sheet.
    NoWorksheet,
    /// Not a spreadsheet in any format the reader knows.
    NotSpreadsheet,
    /// An Office compound file that holds no workbook (a Word or PowerPoint file).
    OfficeNotWorkbook,
    /// An Excel 97-2003 or 5.0 file whose text is in a code page the reader does not know.
    Codepage(u16),
    CsvTooManyLines {
        max: u32,
    },
    CsvTooManyFields {
        line: u64,
        max: u32,
    },
    /// A device, pipe or socket named as a submission.
    NotRegularFile,
    /// The disk refused the file.
    Io {
        permission_denied: bool,
        detail: String,
    },
    /// A folder below a PATH that cannot be listed: its files are unknown.
    FolderUnlisted {
        detail: String,
    },
}

impl Unreadable {
    /// A damaged file of `format`; `detail` is the library's text, for debugging only.
    pub fn damaged(format: WorkbookFormat, detail: impl ToString) -> Unreadable {
        Unreadable::Damaged {
            format,
            detail: detail.to_string(),
        }
    }

    /// A file the disk would not give.
    pub fn io(e: &std::io::Error) -> Unreadable {
        Unreadable::Io {
            permission_denied: e.kind() == std::io::ErrorKind::PermissionDenied,
            detail: e.to_string(),
        }
    }

    /// The raw text behind the finding, when there is one (`RASOAT_DEBUG`).
    pub fn detail(&self) -> Option<&str> {
        match self {
            Unreadable::Damaged { detail, .. }
            | Unreadable::Io { detail, .. }
            | Unreadable::FolderUnlisted { detail } => Some(detail),
            _ => None,
        }
    }

    /// What the file is, then what to do.
    pub fn render(&self, lang: Lang) -> String {
        let (what, todo) = self.parts(lang);
        match lang {
            Lang::En => format!("cannot be read: {what}; {todo}"),
            Lang::Vi => format!("không đọc được tệp: {what}; {todo}"),
        }
    }

    fn parts(&self, lang: Lang) -> (String, &'static str) {
        use Lang::{En, Vi};
        const SAVE_AGAIN_EN: &str = "open it in Excel or LibreOffice and save it again";
        const SAVE_AGAIN_VI: &str = "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại";
        const SAVE_XLSX_EN: &str = "open it in Excel or LibreOffice and save it as .xlsx";
        const SAVE_XLSX_VI: &str = "mở tệp bằng Excel hoặc LibreOffice rồi lưu thành .xlsx";
        let s = |t: &str| t.to_string();
        match (self, lang) {
            (Unreadable::Damaged { format, .. }, En) => {
                (format!("{} is damaged", format_en(*format)), SAVE_AGAIN_EN)
            }
            (Unreadable::Damaged { format, .. }, Vi) => {
                (format!("{} bị hỏng", format_vi(*format)), SAVE_AGAIN_VI)
            }
            (Unreadable::Old(o), En) => (
                format!("the file is in an old format ({}) that cannot be read", old_name(*o)),
                SAVE_XLSX_EN,
            ),
            (Unreadable::Old(o), Vi) => (
                format!("tệp ở định dạng cũ ({}), không đọc được", old_name(*o)),
                SAVE_XLSX_VI,
            ),
            (Unreadable::Empty, En) => (
                s("the file is empty, it holds no cell"),
                "fill in the survey form and send it again",
            ),
            (Unreadable::Empty, Vi) => (
                s("tệp trống, không có ô dữ liệu nào"),
                "điền phiếu khảo sát rồi gửi lại",
            ),
            (Unreadable::NoWorksheet, En) => (
                s("the workbook holds no worksheet, only chart, dialog or macro sheets"),
                "put the survey table on a worksheet, or fill in the survey form",
            ),
            (Unreadable::NoWorksheet, Vi) => (
                s("tệp không có trang tính dữ liệu nào, chỉ có trang biểu đồ, hộp thoại hoặc macro"),
                "đưa bảng khảo sát vào một trang tính, hoặc điền vào mẫu phiếu",
            ),
            (Unreadable::NotSpreadsheet, En) => (
                s("the file is not a spreadsheet (.xlsx, .xlsm, .xlsb, .ods, .xls or .csv)"),
                "save the survey as .xlsx and send it again",
            ),
            (Unreadable::NotSpreadsheet, Vi) => (
                s("tệp không phải bảng tính (.xlsx, .xlsm, .xlsb, .ods, .xls hoặc .csv)"),
                "lưu phiếu khảo sát thành .xlsx rồi gửi lại",
            ),
            (Unreadable::OfficeNotWorkbook, En) => (
                s("the file is an Office document but not a workbook (a Word or PowerPoint file?)"),
                "send the survey workbook (.xlsx) instead",
            ),
            (Unreadable::OfficeNotWorkbook, Vi) => (
                s("tệp là tài liệu Office nhưng không phải bảng tính (tệp Word hay PowerPoint?)"),
                "gửi đúng tệp phiếu khảo sát (.xlsx)",
            ),
            (Unreadable::Codepage(cp), En) => (
                format!("the workbook's text is in a code page the reader does not know ({cp})"),
                SAVE_XLSX_EN,
            ),
            (Unreadable::Codepage(cp), Vi) => (
                format!("văn bản trong tệp dùng bảng mã không đọc được ({cp})"),
                SAVE_XLSX_VI,
            ),
            (Unreadable::CsvTooManyLines { max }, En) => (
                format!("the CSV file has more than {max} lines, the rows of a spreadsheet"),
                "delete the empty lines at its end, or send the survey as .xlsx",
            ),
            (Unreadable::CsvTooManyLines { max }, Vi) => (
                format!("tệp CSV có hơn {max} dòng, nhiều hơn số dòng của một trang tính"),
                "xóa các dòng trống ở cuối tệp, hoặc gửi phiếu dạng .xlsx",
            ),
            (Unreadable::CsvTooManyFields { line, max }, En) => (
                format!("line {line} of the CSV file has more than {max} fields, the columns of a spreadsheet"),
                "check the separators of that line, or send the survey as .xlsx",
            ),
            (Unreadable::CsvTooManyFields { line, max }, Vi) => (
                format!("dòng {line} của tệp CSV có hơn {max} trường, nhiều hơn số cột của một trang tính"),
                "kiểm tra dấu phân cách ở dòng đó, hoặc gửi phiếu dạng .xlsx",
            ),
            (Unreadable::NotRegularFile, En) => (
                s("not a regular file (a device, pipe or socket)"),
                "name the survey file itself",
            ),
            (Unreadable::NotRegularFile, Vi) => (
                s("không phải tệp thông thường (thiết bị, đường ống hoặc socket)"),
                "chỉ định đúng tệp phiếu khảo sát",
            ),
            (Unreadable::Io { permission_denied: true, .. }, En) => (
                s("no permission to read the file"),
                "give read access to it, or copy it to a folder that can be read",
            ),
            (Unreadable::Io { permission_denied: true, .. }, Vi) => (
                s("không có quyền đọc tệp"),
                "cấp quyền đọc, hoặc sao chép tệp vào thư mục đọc được",
            ),
            (Unreadable::Io { .. }, En) => (
                s("the disk did not give the file's contents"),
                "copy the file again and rerun",
            ),
            (Unreadable::Io { .. }, Vi) => (
                s("không đọc được nội dung tệp từ ổ đĩa"),
                "sao chép lại tệp rồi chạy lại",
            ),
            (Unreadable::FolderUnlisted { .. }, En) => (
                s("the folder cannot be listed, so its files are unknown"),
                "give read access to the folder and rerun",
            ),
            (Unreadable::FolderUnlisted { .. }, Vi) => (
                s("không liệt kê được thư mục nên không biết các tệp bên trong"),
                "cấp quyền đọc thư mục rồi chạy lại",
            ),
        }
    }
}

fn format_en(f: WorkbookFormat) -> &'static str {
    match f {
        WorkbookFormat::Xlsx => "the Excel workbook (.xlsx)",
        WorkbookFormat::Xlsb => "the Excel binary workbook (.xlsb)",
        WorkbookFormat::Xls => "the Excel 97-2003 workbook (.xls)",
        WorkbookFormat::Ods => "the OpenDocument spreadsheet (.ods)",
        WorkbookFormat::Unknown => "the file",
    }
}

fn format_vi(f: WorkbookFormat) -> &'static str {
    match f {
        WorkbookFormat::Xlsx => "tệp Excel (.xlsx)",
        WorkbookFormat::Xlsb => "tệp Excel nhị phân (.xlsb)",
        WorkbookFormat::Xls => "tệp Excel 97-2003 (.xls)",
        WorkbookFormat::Ods => "tệp bảng tính OpenDocument (.ods)",
        WorkbookFormat::Unknown => "tệp",
    }
}

fn old_name(o: OldFormat) -> &'static str {
    match o {
        OldFormat::Excel2To4 => "Excel 2.x–4.0",
        OldFormat::QuattroPro => "Quattro Pro",
        OldFormat::Lotus => "Lotus 1-2-3",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_library_words_and_both_languages() {
        let cases = [
            Unreadable::damaged(WorkbookFormat::Xlsx, "Xml error: ill-formed document"),
            Unreadable::damaged(
                WorkbookFormat::Unknown,
                "I/O error: failed to fill whole buffer",
            ),
            Unreadable::Old(OldFormat::Excel2To4),
            Unreadable::Old(OldFormat::QuattroPro),
            Unreadable::Empty,
            Unreadable::NoWorksheet,
            Unreadable::NotSpreadsheet,
            Unreadable::OfficeNotWorkbook,
            Unreadable::Codepage(8001),
            Unreadable::io(&std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
        ];
        for u in cases {
            let (en, vi) = (u.render(Lang::En), u.render(Lang::Vi));
            assert_ne!(en, vi);
            for m in [&en, &vi] {
                for jargon in ["Xml", "I/O", "Cfb", "error:", "buffer", "os error"] {
                    assert!(!m.contains(jargon), "{m}");
                }
            }
        }
        assert_eq!(
            Unreadable::damaged(WorkbookFormat::Unknown, "zip: invalid").render(Lang::En),
            "cannot be read: the file is damaged; open it in Excel or LibreOffice and save it again"
        );
    }
}
