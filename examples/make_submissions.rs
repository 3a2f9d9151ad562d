//! Writes the sample submissions in `examples/submissions/`: the surveys that the units of two
//! wards sharing a headquarters and a few city-level bodies send in, with the layouts and the
//! mess real files have (title rows, `Label: value` cells, sections and total rows, quantities
//! written as text, years as dates, NFD text, a CSV with `;`, a second revision, and one file
//! with real findings).
//!
//! Run from the crate root:
//!
//! ```text
//! cargo run --example make_submissions            # writes examples/submissions/
//! cargo run --example make_submissions -- DIR     # writes DIR instead
//! ```
//!
//! The files are data: [`FILES`] lists each file, its sheets and, sheet by sheet, the parts
//! written in order (widths, merged titles, blocks of cells, tables); one writer
//! ([`write_file`]) turns them into workbooks, or into the CSV file. The output is deterministic:
//! the workbook creation time is fixed, so two runs give byte-identical files. Only
//! `rust_xlsxwriter` and std are used.

use std::collections::BTreeMap;
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
};

type Res<T> = Result<T, Box<dyn Error>>;

fn main() -> Res<()> {
    let out: PathBuf = match std::env::args_os().nth(1) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/submissions")),
    };
    for sub in ["phuong-ben-nghe", "xa-binh-hung", "thanh-pho"] {
        fs::create_dir_all(out.join(sub))?;
    }
    let st = Styles::new();
    for file in FILES {
        write_file(&out, &st, file)?;
    }
    fs::write(out.join("README.md"), README)?;
    println!("wrote sample submissions to {}", out.display());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// What a file is made of
// ---------------------------------------------------------------------------------------------

/// One file of the sample set.
struct File {
    /// Path under the output folder.
    path: &'static str,
    /// The document title (workbooks only).
    title: &'static str,
    /// Every text written decomposed (NFD), as some Mac and web tools save it.
    nfd: bool,
    /// A `;`-separated CSV file, every line this many cells wide, instead of a workbook.
    csv: Option<usize>,
    /// `{name}` in the texts of the parts stands for the value (two revisions, one layout).
    vars: &'static [(&'static str, &'static str)],
    sheets: &'static [Sheet],
}

const fn xlsx(path: &'static str, title: &'static str, sheets: &'static [Sheet]) -> File {
    File {
        path,
        title,
        nfd: false,
        csv: None,
        vars: &[],
        sheets,
    }
}

/// A CSV file of one sheet, `width` cells on every line.
const fn csv(path: &'static str, width: usize, sheet: &'static [Sheet]) -> File {
    File {
        csv: Some(width),
        ..xlsx(path, "", sheet)
    }
}

impl File {
    const fn nfd(self) -> File {
        File { nfd: true, ..self }
    }

    const fn vars(self, vars: &'static [(&'static str, &'static str)]) -> File {
        File { vars, ..self }
    }
}

/// A worksheet: its name and the parts written into it, in order.
struct Sheet {
    name: &'static str,
    parts: &'static [Part],
}

const fn sheet(name: &'static str, parts: &'static [Part]) -> Sheet {
    Sheet { name, parts }
}

/// A style of [`Styles`].
#[derive(Clone, Copy)]
enum Style {
    Title,
    Cell,
    Bold,
    Label,
    Plain,
    PlainLeft,
}

/// One step of writing a sheet.
enum Part {
    /// Column widths.
    Widths(&'static [(u16, f64)]),
    /// A row height.
    Height(u32, f64),
    /// A merged range (first row, first column, last row, last column) holding a text.
    Merge(u32, u16, u32, u16, Style, &'static str),
    /// Cells from a row down: one line of the text a row, `|` between cells (blank lines are
    /// passed over); the i-th cell of a line goes into the column and style `cols[i]`. Cells
    /// are written as [`put`] reads them.
    Cells(u32, &'static [(u16, Style)], &'static str),
    /// A table: its header, then one row a line of the text (see [`Row`]).
    Table(Table, &'static str),
    /// An information sheet's `Label | value` rows from A1 (see [`PAIRS`]), columns A and B
    /// this wide.
    Pairs(f64, f64, &'static str),
}

/// `Label | value` rows from column A, label bold.
const PAIRS: &[(u16, Style)] = &[(0, Style::Label), (1, Style::Plain)];
/// Plain text in column A.
const COL_A: &[(u16, Style)] = &[(0, Style::Plain)];

/// Where a table sits and what its columns are.
#[derive(Clone, Copy)]
struct Table {
    /// 0-based row of the header.
    header_row: u32,
    /// 0-based first column of the table.
    first_col: u16,
    /// The header cells, `|` between them.
    headers: &'static str,
    /// The first column is STT and is numbered automatically on device rows.
    stt: bool,
    /// Restart the numbering at each section.
    stt_restart: bool,
    /// Index in the headers of the device-name column (where section and total labels go).
    name: usize,
    /// Index in the headers of the quantity column.
    qty: usize,
}

/// An inventory from column A: STT, the device name in the second column, the quantity in the
/// fifth.
const fn inventory(header_row: u32, headers: &'static str) -> Table {
    Table {
        header_row,
        first_col: 0,
        headers,
        stt: true,
        stt_restart: false,
        name: 1,
        qty: 4,
    }
}

impl Table {
    const fn at_col(self, first_col: u16) -> Table {
        Table { first_col, ..self }
    }

    const fn restart(self) -> Table {
        Table {
            stt_restart: true,
            ..self
        }
    }

    const fn no_stt(self) -> Table {
        Table { stt: false, ..self }
    }

    /// The name and quantity columns, as indices in the headers.
    const fn cols(self, name: usize, qty: usize) -> Table {
        Table { name, qty, ..self }
    }
}

/// One row of a table, as a line of its text says.
enum Row<'a> {
    /// A device: the cells after the STT column (when `Table::stt`), else all cells.
    Dev(Vec<&'a str>),
    /// `[section] II. Thiết bị mạng`: a section heading in the name column.
    Section(&'a str),
    /// `[section] I | Thiết bị …`: a heading split as STT numeral + text in the name column.
    SectionStt(&'a str, &'a str),
    /// `[subtotal] Cộng I`: a subtotal over the devices since the last section or subtotal.
    Sub(&'a str),
    /// `[total] Tổng cộng`: a SUM over the subtotals when there are any, else over the devices.
    Total(&'a str),
    /// `[header]`: the header again (page 2 of a printed form).
    Header,
}

impl<'a> Row<'a> {
    fn parse(line: &'a str) -> Res<Row<'a>> {
        let row = if let Some(rest) = line.strip_prefix("[section]") {
            match cells(rest).as_slice() {
                [text] => Row::Section(text),
                [numeral, text] => Row::SectionStt(numeral, text),
                _ => return Err(format!("bad section line {line}").into()),
            }
        } else if let Some(label) = line.strip_prefix("[subtotal]") {
            Row::Sub(label.trim())
        } else if let Some(label) = line.strip_prefix("[total]") {
            Row::Total(label.trim())
        } else if line == "[header]" {
            Row::Header
        } else {
            Row::Dev(cells(line))
        };
        Ok(row)
    }
}

/// The non-blank lines of a text block, trimmed.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The cells of a line, `|` between them, trimmed.
fn cells(line: &str) -> Vec<&str> {
    line.split('|').map(str::trim).collect()
}

/// `text` with every `{name}` of `vars` replaced by its value.
fn expand(text: &str, vars: &[(&str, &str)]) -> Res<String> {
    let mut s = text.to_string();
    for (name, value) in vars {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    if s.contains('{') {
        return Err(format!("a placeholder without a value in {s}").into());
    }
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// The files
// ---------------------------------------------------------------------------------------------

/// The standard inventory header.
const HEADERS_STD: &str =
    "STT | Tên thiết bị | Cấu hình | Năm sử dụng | Số lượng | Tình trạng | Số serial | Ghi chú";
/// The standard header without the serial column.
const HEADERS_NO_SERIAL: &str =
    "STT | Tên thiết bị | Cấu hình | Năm sử dụng | Số lượng | Tình trạng | Ghi chú";

/// Every file of the sample set.
#[rustfmt::skip] // the data reads best one cell block per part and one device per line
const FILES: &[File] = &[
    // ---------------------------------------------------------------------------------------------
    // Phường Bến Nghé: four units at one headquarters, TS-PBN

    // Đảng ủy phường Bến Nghé: an information sheet plus a classic inventory with a merged title,
    // sections, a subtotal per section and a SUM total.
    xlsx("phuong-ben-nghe/DU-P-BENNGHE.xlsx", "Hiện trạng CNTT - Đảng ủy phường Bến Nghé", &[
        sheet("Thông tin đơn vị", &[
            Part::Widths(&[(0, 22.0), (1, 42.0)]),
            Part::Merge(0, 0, 0, 1, Style::Title, "THÔNG TIN ĐƠN VỊ"),
            Part::Cells(2, PAIRS, "
                Mã đơn vị | DU-P-BENNGHE
                Tên đơn vị | Đảng ủy phường Bến Nghé
                Khối | Đảng
                Cấp | Phường
                Mã trụ sở | TS-PBN
                Số cán bộ | 14
                Số lãnh đạo | 2
                Ngày lập | @2025-10-15
                Lần nộp | 1
                Người lập biểu | Nguyễn Thị Thu Hà
                Điện thoại liên hệ | '0283 822 0101
            "),
        ]),
        sheet("Hiện trạng", &[
            Part::Merge(0, 0, 0, 7, Style::Title, "BÁO CÁO HIỆN TRẠNG TRANG THIẾT BỊ CÔNG NGHỆ THÔNG TIN"),
            Part::Merge(1, 0, 1, 7, Style::Plain, "(Số liệu tính đến ngày 15/10/2025)"),
            Part::Height(0, 24.0),
            Part::Table(inventory(3, HEADERS_STD), "
                [section] I. Thiết bị đầu cuối
                Máy tính để bàn Dell OptiPlex 3080 | Core i5-10500/8GB/256GB SSD | 2021 | 6 | Tốt | | Phòng Văn phòng
                Máy vi tính HP ProDesk 400 G7 | Core i5-10500/8GB/256GB SSD | 2022 | 3 | Đang sử dụng | |
                Máy bộ lắp ráp | i3 / 4GB / HDD 500GB | 2016 | 2 | Xuống cấp | | Chậm, hay treo
                Máy bộ lắp ráp | Chip i7 – 8G – 1TB HDD | 2018 | 1 | Cũ | |
                Laptop Dell Latitude 5420 | Core i7-1185G7, RAM 16GB, SSD 512GB | 2022 | 1 | Tốt | 7XK2Q53 | Bí thư
                Máy tính xách tay HP ProBook 450 | Core i5-8250U, RAM 8GB, SSD 256GB | 2019 | 1 | Hư hỏng màn hình | 5CD9034KLM | Phó Bí thư
                Máy in laser HP LaserJet Pro M404dn | | 2021 | 3 | Tốt | |
                Máy in Canon LBP 2900 | | 2015 | 2 | Hỏng | | Kẹt giấy, không sửa được
                Máy scan Canon DR-C230 | | 2020 | 1 | Tốt | |
                Máy hủy tài liệu Silicon PS-800C | | 2019 | 1 | Đang sử dụng | |
                Bộ lưu điện Santak 1KVA | | 2017 | 2 | Cần thay thế | | Ắc quy chai
                UPS APC 650VA | | 2022 | 4 | Tốt | |
                Webcam Logitech C920 | | 2021 | 2 | Tốt | | Họp trực tuyến
                Phần mềm diệt virus Kaspersky | Bản quyền 12 tháng | 2025 | 14 | Đang sử dụng | |
                [subtotal] Cộng I
                [section] II. Thiết bị mạng
                Switch 24 port Cisco | Cisco CBS250-24T | 2020 | 1 | Tốt | | Dùng chung trụ sở
                Bộ phát wifi TP-Link | EAP225 | 2020 | 2 | Tốt | |
                Router Draytek Vigor 2927 | | 2021 | 1 | Tốt | |
                Tủ rack 10U | | 2020 | 1 | Tốt | |
                Tường lửa FortiGate 60F | | 2023 | 1 | Tốt | |
                [subtotal] Cộng II
                [total] Tổng cộng
            "),
        ]),
    ]),
    // Ủy ban MTTQ phường Bến Nghé: `Label: value` cells above a header in row 9 that starts in
    // column B, headers typed without diacritics, a decoy `Đơn vị tính: cái`.
    xlsx("phuong-ben-nghe/MTTQ-P-BENNGHE.xlsx", "Bao cao hien trang CNTT - MTTQ phuong Ben Nghe", &[
        sheet("Bao cao", &[
            Part::Widths(&[(0, 3.0)]),
            Part::Merge(0, 1, 0, 6, Style::Title, "BÁO CÁO HIỆN TRẠNG THIẾT BỊ CÔNG NGHỆ THÔNG TIN"),
            Part::Cells(0, &[(7, Style::Plain)], "Đơn vị tính: cái"),
            Part::Cells(1, &[(1, Style::Plain)], "
                Mã đơn vị: MTTQ-P-BENNGHE
                Tên đơn vị: Ủy ban MTTQ phường Bến Nghé
                Khối: Mặt trận Tổ quốc
                Cấp: Phường
                Trụ sở: TS-PBN
                Số cán bộ: 8 người
                Số lãnh đạo: 1
            "),
            Part::Cells(7, &[(5, Style::Plain)], "Ngày báo cáo: 16/10/2025"),
            Part::Table(inventory(8, "STT | Ten thiet bi | Cau hinh | Nam su dung | So luong | Tinh trang | Ghi chu").at_col(1), "
                Máy vi tính HP ProDesk 400 G7 | Core i5-10500/8GB/256GB SSD | 2022 | 4 | Tot |
                Máy tính để bàn Lenovo ThinkCentre M75s | Ryzen 5, RAM 16GB, SSD 512GB | 2023 | 2 | Tốt |
                Máy bộ lắp ráp | i3 / 4GB / HDD 500GB | 2014 | 2 | Cu | Máy cũ từ phường cũ chuyển về
                Laptop Dell Latitude 5420 | Core i5-1145G7, RAM 16GB, SSD 256GB | 2022 | 1 | Tot | Chủ tịch
                Máy in Canon LBP 2900 | | 2017 | 2 | Dang su dung |
                Máy in laser HP LaserJet Pro M404dn | | 2023 | 1 | Tot |
                Máy scan Canon DR-C230 | | 2021 | 1 | Binh thuong |
                UPS APC 650VA | | 2019 | 3 | Xuong cap |
                Máy hủy tài liệu Silicon PS-800C | | 2020 | 1 | Tot |
                Phần mềm diệt virus Kaspersky | | 2025 | 8 | |
                [total] Tong cong
            "),
        ]),
    ]),
    // Hội LHPN phường Bến Nghé: an information sheet named `Đơn vị` with numbered rows and the
    // values two cells to the right; quantities written as text (`2 cái`, `02`, `1 bộ`). Excel's
    // SUM ignores the quantities written as text: the cached total is 1.
    xlsx("phuong-ben-nghe/HLHPN-P-BENNGHE.xlsx", "Hiện trạng CNTT - Hội LHPN phường Bến Nghé", &[
        sheet("Đơn vị", &[
            Part::Widths(&[(0, 5.0), (1, 18.0), (2, 3.0), (3, 44.0)]),
            Part::Cells(0, &[(0, Style::Label)], "Thông tin chung"),
            Part::Cells(2, &[(0, Style::Cell), (1, Style::Cell), (2, Style::Cell), (3, Style::Cell)], "
                1 | Mã đơn vị | | HLHPN-P-BENNGHE
                2 | Tên đơn vị | | Hội Liên hiệp Phụ nữ phường Bến Nghé
                3 | Khối | | Đoàn thể
                4 | Cấp | | Phường
                5 | Trụ sở | | TS-PBN
                6 | Biên chế | | 04 người
                7 | Ngày lập | | ngày 17 tháng 10 năm 2025
            "),
        ]),
        sheet("Hiện trạng TB", &[
            Part::Merge(0, 0, 0, 6, Style::Title, "HIỆN TRẠNG MÁY MÓC, THIẾT BỊ TIN HỌC"),
            Part::Table(inventory(2, HEADERS_NO_SERIAL), "
                Máy tính để bàn Dell OptiPlex 3080 | Core i5-10500/8GB/256GB SSD | 2021 | 2 cái | Tốt |
                Máy bộ lắp ráp | i3 / 4GB / HDD 500GB | 2015 | 01 | Hỏng | Không lên nguồn
                Laptop Acer Aspire 5 | Core i5-1135G7, RAM 8GB, SSD 512GB | 2022 | 1 cái | Tốt | Chủ tịch Hội dùng
                Máy in Canon LBP 2900 | | 2018 | 02 | Cũ |
                Bộ lưu điện Santak 1KVA | | 2021 | 1 bộ | Tốt |
                Webcam Logitech C920 | | 2022 | 1 | Tốt |
                [total] Tổng cộng
            "),
        ]),
    ]),
    // Đoàn Thanh niên phường Bến Nghé: `Label:` cells with the value in a later cell (column B
    // is left empty: the value sits in C), a date cell for Ngày lập, and a requests sheet.
    xlsx("phuong-ben-nghe/DTN-P-BENNGHE.xlsx", "Hiện trạng CNTT - Đoàn Thanh niên phường Bến Nghé", &[
        sheet("Hiện trạng", &[
            Part::Merge(0, 0, 0, 6, Style::Title, "BÁO CÁO HIỆN TRẠNG THIẾT BỊ CNTT"),
            Part::Cells(1, &[(0, Style::Label), (2, Style::PlainLeft)], "
                Mã đơn vị: | DTN-P-BENNGHE
                Tên đơn vị: | Đoàn TNCS Hồ Chí Minh phường Bến Nghé
                Khối: | CT-XH
                Cấp: | Phường
                Mã trụ sở: | TS-PBN
                Số cán bộ: | 5
                Số lãnh đạo: | 1
                Ngày lập: | @2025-10-18
                Lần nộp: | 1
            "),
            Part::Table(inventory(11, HEADERS_NO_SERIAL), "
                Máy vi tính HP ProDesk 400 G7 | Core i5-10500/8GB/256GB SSD | 2022 | 1 | Tốt |
                Máy bộ lắp ráp | Chip i7 – 8G – 1TB HDD | 2017 | 1 | Cần thay thế |
                Máy bộ lắp ráp | i3 / 4GB / HDD 500GB | 2014 | 1 | Hỏng | Hỏng main
                Máy in Canon LBP 2900 | | 2016 | 1 | Hư hỏng |
                Bộ lưu điện Santak 1KVA | | 2018 | 1 | Xuống cấp |
                [total] Tổng cộng
            "),
        ]),
        sheet("Đề xuất", &[
            Part::Merge(0, 0, 0, 3, Style::Title, "ĐỀ XUẤT TRANG BỊ BỔ SUNG NĂM 2026"),
            Part::Table(inventory(2, "Mã thiết bị | Tên thiết bị | Số lượng đề xuất | Lý do").no_stt().cols(1, 2), "
                PC-DESKTOP | Máy tính để bàn | 3 | Thay 2 máy lắp ráp hỏng, cũ (2014, 2017) và bổ sung 1 máy
                PC-LAPTOP-LD | Máy tính xách tay cho lãnh đạo | 2 | Phục vụ Bí thư, Phó Bí thư đi cơ sở
                PRINTER-A4 | Máy in laser A4 | 1 | Máy in Canon LBP 2900 đã hỏng
            "),
            Part::Widths(&[(3, 50.0)]),
        ]),
    ]),
    // ---------------------------------------------------------------------------------------------
    // Xã Bình Hưng: three units at TS-XBH

    // Đảng ủy xã Bình Hưng, revision 1 (no Lần nộp: default 1) or revision 2 (Lần nộp 2, later
    // date, corrected quantities). Letter sections, `Cộng mục A` subtotals, `Tổng cộng:`.
    xlsx("xa-binh-hung/DU-X-BINHHUNG.xlsx", "Hiện trạng CNTT - Đảng ủy xã Bình Hưng", DU_X_BINHHUNG).vars(&[
        ("dated", "Ngày lập | ngày 10 tháng 10 năm 2025"),
        ("pcs", "5"), ("pc_note", ""),
        ("diy", "3"), ("diy_note", ""),
        ("wifi", "2"), ("wifi_note", ""),
    ]),
    xlsx("xa-binh-hung/DU-X-BINHHUNG_lan2.xlsx", "Hiện trạng CNTT - Đảng ủy xã Bình Hưng", DU_X_BINHHUNG).vars(&[
        ("dated", "Ngày lập | 2025-10-24
                   Lần nộp | 2
                   Ghi chú | Nộp lại, điều chỉnh số lượng máy tính và wifi"),
        ("pcs", "7"), ("pc_note", "Điều chỉnh: bổ sung 2 máy chưa kê khai"),
        ("diy", "2"), ("diy_note", "Điều chỉnh: 1 máy đã thanh lý"),
        ("wifi", "3"), ("wifi_note", "Điều chỉnh: thiếu 1 bộ tầng 2"),
    ]),
    // Ủy ban MTTQ xã Bình Hưng: an unrenamed `Sheet1` (plus an empty `Sheet2`), `Label: value`
    // cells in two columns with short labels, abbreviated/English headers, years in every form.
    xlsx("xa-binh-hung/MTTQ-X-BINHHUNG.xlsx", "", &[
        sheet("Sheet1", &[
            Part::Cells(0, &[(0, Style::Label)], "ỦY BAN MTTQ VIỆT NAM XÃ BÌNH HƯNG"),
            Part::Cells(2, COL_A, "
                Ma DV: MTTQ-X-BINHHUNG
                Đơn vị: Ủy ban MTTQ Việt Nam xã Bình Hưng
                Khối: MTTQ
                Cấp: Xã
                Trụ sở: TS-XBH
            "),
            Part::Cells(2, &[(4, Style::Plain)], "
                Số CBCC: 7
                Lãnh đạo: 1
                Ngày báo cáo: 20-10-2025
                Phiên bản: 1
            "),
            Part::Table(inventory(8, "STT | Device | Thông số | Năm mua | SL | Hiện trạng | Ghi chú"), "
                Máy vi tính HP ProDesk 400 G7 | Core i5-10500/8GB/256GB SSD | T8/2019 | 3 | Tốt |
                Máy tính để bàn Dell OptiPlex 3080 | Core i5-10500/8GB/256GB SSD | 2021 | 2 | Tốt |
                Máy bộ lắp ráp | Chip i7 – 8G – 1TB HDD | @2016-05-12 | 1 | Cũ |
                Laptop Dell Latitude 5420 | RAM 16GB, SSD 512GB | 15/03/2020 | 1 | Hư hỏng màn hình | Chủ tịch
                Máy in Canon LBP 2900 | | Năm 2018 | 2 | Tốt |
                Máy in laser HP LaserJet Pro M404dn | | @2022-09-01 | 1 | Tốt |
                Máy scan Canon DR-C230 | | 2023 | 1 | Tốt |
                UPS APC 650VA | | T12/2021 | 3 | Tốt |
                Webcam Logitech C920 | | 2021 | 1 | Tốt |
                Phần mềm diệt virus Kaspersky | | 2025 | 7 | Tốt | Gia hạn hằng năm
                [total] Tổng
            "),
            Part::Widths(&[(3, 14.0)]),
        ]),
        sheet("Sheet2", &[]),
    ]),
    // Hội Nông dân xã Bình Hưng: a `;`-separated UTF-8 CSV with a BOM and CRLF line ends, as
    // Excel's "CSV UTF-8" export writes it in a Vietnamese locale (every line padded with `;`).
    csv("xa-binh-hung/HND-X-BINHHUNG.csv", 7, &[
        sheet("", &[
            Part::Cells(0, COL_A, "
                HỘI NÔNG DÂN XÃ BÌNH HƯNG
                BÁO CÁO HIỆN TRẠNG TRANG THIẾT BỊ CÔNG NGHỆ THÔNG TIN
            "),
            Part::Cells(3, COL_A, "
                Mã đơn vị: HND-X-BINHHUNG
                Tên đơn vị: Hội Nông dân xã Bình Hưng
                Khối: Chính trị - xã hội
                Cấp: Xã
                Mã trụ sở: TS-XBH
                Số cán bộ: 3
                Ngày lập: 21/10/2025
            "),
            Part::Table(inventory(11, HEADERS_NO_SERIAL), "
                Máy tính để bàn Dell OptiPlex 3080 | Core i5-10500/8GB/256GB SSD | 2021 | 1 | Tốt |
                Máy bộ lắp ráp | i3 / 4GB / HDD 500GB | 2014 | 2 | Hỏng | 1 máy không khởi động được; 1 máy chậm
                Máy in Canon LBP 2900 | | 2017 | 1 | Cũ |
                UPS APC 650VA | | 2020 | 1 | Đang sử dụng |
                [total] Tổng cộng
            "),
        ]),
    ]),
    // ---------------------------------------------------------------------------------------------
    // City level

    // Văn phòng Thành ủy: numbered information rows, an item-code column `Mã loại` filled on some
    // rows, whole-number asset ids, roman sections in the STT column, a header repeated mid-table
    // (page 2 of the printed form), and two things no catalog item covers (TV, desk phones).
    xlsx("thanh-pho/VP-THANHUY.xlsx", "Hiện trạng CNTT - Văn phòng Thành ủy", &[
        sheet("Thong tin", &[
            Part::Widths(&[(0, 5.0), (1, 20.0), (2, 48.0)]),
            Part::Merge(0, 0, 0, 2, Style::Title, "THÔNG TIN ĐƠN VỊ BÁO CÁO"),
            Part::Cells(2, &[(0, Style::Cell), (1, Style::Bold), (2, Style::Cell)], "
                1 | Mã đơn vị | VP-THANHUY
                2 | Tên đơn vị | Văn phòng Thành ủy Thành phố Hồ Chí Minh
                3 | Khối | Đảng
                4 | Cấp | Thành phố
                5 | Mã trụ sở | TS-THANHUY
                6 | Số cán bộ | 60 người
                7 | Số lãnh đạo | 6
                8 | Ngày lập | 05/11/2025
                9 | Lần nộp | 1
            "),
        ]),
        sheet("Hiện trạng CNTT", &[
            Part::Merge(0, 0, 0, 8, Style::Label, "ĐẢNG CỘNG SẢN VIỆT NAM"),
            Part::Merge(1, 0, 1, 8, Style::Title, "BẢNG TỔNG HỢP HIỆN TRẠNG TRANG THIẾT BỊ CÔNG NGHỆ THÔNG TIN"),
            Part::Table(inventory(3, "STT | Mã loại | Tên tài sản | Thông số kỹ thuật | Năm đưa vào sử dụng | Số lượng (cái) | Tình trạng | Mã tài sản | Ghi chú").cols(2, 5), "
                [section] I | Thiết bị đầu cuối, văn phòng
                PC-DESKTOP | Máy tính để bàn Dell OptiPlex 7090 | Core i5-11500/8GB/256GB SSD | 2022 | 25 | Tốt | |
                PC-DESKTOP | Máy vi tính HP ProDesk 400 G7 | Core i5-10500/8GB/256GB SSD | 2021 | 15 | Đang sử dụng | |
                 | Máy vi tính HP ProDesk 400 G4 | i3 / 4GB / HDD 500GB | 2017 | 12 | Cũ | | Đề nghị thanh lý
                 | Máy bộ lắp ráp | Chip i7 – 8G – 1TB HDD | 2016 | 4 | Xuống cấp | |
                PC-LAPTOP-LD | Laptop Dell Latitude 5420 | Core i7-1185G7, RAM 16GB, SSD 512GB | 2022 | 1 | Tốt | 100234 | Chánh Văn phòng
                PC-LAPTOP-LD | Laptop Dell Latitude 5420 | Core i7-1185G7, RAM 16GB, SSD 512GB | 2022 | 1 | Tốt | 100235 | Phó Chánh Văn phòng
                PC-LAPTOP-LD | Laptop Dell Latitude 5420 | Core i7-1185G7, RAM 16GB, SSD 512GB | 2022 | 1 | Tốt | 100236 | Phó Chánh Văn phòng
                PC-LAPTOP-LD | Máy tính xách tay HP ProBook 450 | Core i5-8250U, RAM 8GB, SSD 256GB | 2018 | 2 | Cần thay thế | |
                PRINTER-A4 | Máy in laser HP LaserJet Pro M404dn | | 2021 | 12 | Tốt | |
                 | Máy in Canon LBP 2900 | | 2015 | 8 | Hỏng | |
                SCANNER | Máy scan Canon DR-C230 | | 2020 | 3 | Tốt | |
                SHREDDER | Máy hủy tài liệu Silicon PS-800C | | 2019 | 2 | Tốt | |
                 | Máy photocopy Toshiba e-Studio 2323AM | | 2018 | 2 | Xuống cấp | |
                UPS | Bộ lưu điện Santak 1KVA | | 2020 | 10 | Tốt | |
                 | Phần mềm diệt virus Kaspersky | Bản quyền năm 2025 | 2025 | 60 | Đang sử dụng | |
                [header]
                [section] II | Mạng và an toàn thông tin
                SWITCH | Switch 24 port Cisco | Cisco Catalyst 9200L-24T | 2022 | 4 | Tốt | |
                ROUTER | Router Draytek Vigor 2927 | | 2021 | 1 | Tốt | |
                WIFI-AP | Bộ phát wifi TP-Link | EAP245 | 2021 | 6 | Tốt | |
                NET-CABINET | Tủ rack 10U | | 2019 | 2 | Tốt | | Tầng 2, tầng 4
                FIREWALL | Tường lửa FortiGate 60F | | 2020 | 1 | Tốt | |
                 | Tường lửa FortiGate 100F | | 2023 | 1 | Tốt | | Dự phòng
                AIRCON-SERVER | Máy điều hòa Daikin 1.5HP (phòng máy chủ) | | 2016 | 2 | Cần thay thế | |
                [section] III | Hội nghị truyền hình và thiết bị khác
                VC-KIT | Bộ hội nghị truyền hình Polycom | Polycom RealPresence Group 500 | 2019 | 2 | Tốt | |
                WEBCAM | Webcam Logitech C920 | | 2021 | 6 | Tốt | |
                 | Tivi Samsung 55 inch | Phòng họp tầng 3 | 2020 | 2 | Tốt | |
                 | Điện thoại bàn Panasonic | | 2018 | 15 | Tốt | |
                [total] Tổng cộng
            "),
        ]),
    ]),
    // Ban Tổ chức Thành ủy: an instructions sheet first, the form on `Biểu 01` with `Label: value`
    // cells in two columns above the table, `Số hiệu` as the asset-id header.
    xlsx("thanh-pho/BAN-TC-THANHUY.xlsx", "Biểu 01 - Ban Tổ chức Thành ủy", &[
        sheet("Hướng dẫn", &[
            Part::Widths(&[(0, 100.0)]),
            Part::Cells(0, &[(0, Style::Label)], "HƯỚNG DẪN ĐIỀN BIỂU"),
            Part::Cells(1, COL_A, "
                1. Điền đầy đủ thông tin đơn vị ở phần đầu Biểu 01.
                2. Mỗi dòng một loại thiết bị; thiết bị có số hiệu riêng thì ghi mỗi thiết bị một dòng.
                3. Cột số lượng ghi bằng số; không ghi đơn vị tính.
                4. Tình trạng ghi một trong: Tốt, Hỏng, Cũ, Xuống cấp, Cần thay thế.
            "),
        ]),
        sheet("Biểu 01", &[
            Part::Cells(0, &[(0, Style::Label), (4, Style::Label)], "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH | ĐẢNG CỘNG SẢN VIỆT NAM"),
            Part::Cells(1, &[(0, Style::Plain), (4, Style::Plain)], "
                Mã đơn vị: BAN-TC-THANHUY | TP. Hồ Chí Minh, ngày 28 tháng 10 năm 2025
                Tên đơn vị: Ban Tổ chức Thành ủy | Ngày lập: 28/10/2025
                Khối: Đảng | Cấp: Thành phố
                Mã trụ sở: TS-THANHUY | Lần nộp: 1
                Số cán bộ: 35 | Số lãnh đạo: 4
            "),
            Part::Merge(6, 0, 6, 7, Style::Title, "BIỂU TỔNG HỢP HIỆN TRẠNG THIẾT BỊ CÔNG NGHỆ THÔNG TIN"),
            Part::Table(inventory(7, "STT | Tên thiết bị | Cấu hình | Năm sử dụng | Số lượng | Tình trạng | Số hiệu | Ghi chú"), "
                Máy tính để bàn Dell OptiPlex 3080 | Core i5-10500/8GB/256GB SSD | 2021 | 20 | Tốt | |
                Máy vi tính HP ProDesk 400 G7 | Core i5-10500, RAM 8GB, SSD 256GB | 2022 | 8 | Tốt | |
                Máy bộ lắp ráp | i3 / 4GB / HDD 500GB | 2015 | 5 | Cũ | |
                Laptop Dell Latitude 5420 | i7/16GB/512GB SSD | 2022 | 1 | Tốt | TC-LT-001 | Trưởng Ban
                Laptop Dell Latitude 5420 | i7/16GB/512GB SSD | 2022 | 1 | Tốt | TC-LT-002 | Phó Trưởng Ban
                Máy tính xách tay HP ProBook 450 | Ryzen 5, RAM 16GB, SSD 512GB | 2023 | 2 | Tốt | | Phó Trưởng Ban
                Máy in laser HP LaserJet Pro M404dn | | 2021 | 8 | Tốt | |
                Máy in Canon LBP 2900 | | 2016 | 4 | Hỏng | |
                Máy scan Canon DR-C230 | | 2022 | 2 | Tốt | |
                Máy hủy tài liệu Silicon PS-800C | | 2020 | 2 | Tốt | |
                Bộ lưu điện Santak 1KVA | | 2019 | 6 | Xuống cấp | |
                UPS APC 650VA | | 2023 | 4 | Tốt | |
                Webcam Logitech C920 | | 2021 | 2 | Tốt | |
                Phần mềm diệt virus Kaspersky | | 2025 | 35 | Đang sử dụng | |
                Bộ phát wifi TP-Link | | 2022 | 2 | Tốt | | Tầng 5
                [total] Tổng cộng
            "),
        ]),
    ]),
    // Ủy ban MTTQ Thành phố: information sheet with the alternative labels, roman sections with
    // subtotals, and a requests sheet with two rows for one item and a total row without a code.
    xlsx("thanh-pho/UBMTTQ-TP.xlsx", "Hiện trạng CNTT - Ủy ban MTTQ Thành phố", &[
        sheet("Thông tin đơn vị", &[
            Part::Pairs(20.0, 60.0, "
                Mã đơn vị | UBMTTQ-TP
                Tên đơn vị | Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Hồ Chí Minh
                Khối | Mặt trận Tổ quốc
                Cấp | TP
                Mã trụ sở | TS-MTTQTP
                Biên chế | 45
                Lãnh đạo | 5
                Ngày báo cáo | @2025-11-03
                Phiên bản | 1
            "),
        ]),
        sheet("Hiện trạng", &[
            Part::Merge(0, 0, 0, 7, Style::Title, "HIỆN TRẠNG TRANG THIẾT BỊ CÔNG NGHỆ THÔNG TIN"),
            Part::Table(inventory(2, "STT | Tên thiết bị | Cấu hình | Năm trang bị | Số lượng | Tình trạng | Serial | Ghi chú").restart(), "
                [section] I. THIẾT BỊ ĐẦU CUỐI VÀ VĂN PHÒNG
                Máy tính để bàn Dell OptiPlex 3080 | Core i5-10500/8GB/256GB SSD | 2021 | 18 | Tốt | |
                Máy vi tính HP ProDesk 400 G7 | Core i5-10500/8GB/256GB SSD | 2020 | 10 | Đang sử dụng | |
                Máy bộ lắp ráp | i3 / 4GB / HDD 500GB | 2014 | 6 | Cần thay thế | |
                Máy bộ lắp ráp | Chip i7 – 8G – 1TB HDD | 2018 | 4 | Cũ | |
                Laptop Dell Latitude 5420 | Core i7-1185G7, RAM 16GB, SSD 512GB | 2022 | 3 | Tốt | | Lãnh đạo Ủy ban
                Máy tính xách tay HP ProBook 450 | Core i5-8250U, RAM 8GB, SSD 256GB | 2018 | 2 | Hư hỏng bàn phím | |
                Máy in laser HP LaserJet Pro M404dn | | 2022 | 10 | Tốt | |
                Máy in Canon LBP 2900 | | 2015 | 5 | Hỏng | |
                Máy scan Canon DR-C230 | | 2019 | 2 | Tốt | |
                Máy hủy tài liệu Silicon PS-800C | | 2021 | 2 | Tốt | |
                Máy photocopy Toshiba e-Studio 2323AM | | 2016 | 1 | Xuống cấp | |
                UPS APC 650VA | | 2021 | 12 | Tốt | |
                Phần mềm diệt virus Kaspersky | | 2025 | 45 | Tốt | |
                [subtotal] Cộng I
                [section] II. MẠNG, HỘI NGHỊ TRUYỀN HÌNH
                Switch 24 port Cisco | | 2017 | 2 | Cũ | FOC2117X0AB |
                Router Draytek Vigor 2927 | | 2020 | 1 | Tốt | |
                Bộ phát wifi TP-Link | | 2019 | 4 | Tốt | |
                Tủ rack 10U | | 2017 | 1 | Tốt | |
                Bộ hội nghị truyền hình Polycom | | 2016 | 1 | Hỏng | | Hỏng camera
                Webcam Logitech C920 | | 2021 | 3 | Tốt | |
                Máy điều hòa Daikin 1.5HP (phòng máy chủ) | | 2019 | 1 | Tốt | |
                [subtotal] Cộng II
                [total] Tổng cộng
            "),
        ]),
        sheet("Đề xuất", &[
            Part::Merge(0, 0, 0, 4, Style::Title, "ĐỀ XUẤT TRANG BỊ NĂM 2026"),
            Part::Table(inventory(2, "STT | Mã loại | Tên thiết bị | Số lượng đề xuất | Lý do").cols(2, 3), "
                PC-DESKTOP | Máy tính để bàn (Ban Tuyên giáo) | 6 | Thay máy lắp ráp mua năm 2014
                PC-DESKTOP | Máy tính để bàn (Văn phòng) | 4 | Thay máy lắp ráp mua năm 2018
                PC-LAPTOP-LD | Máy tính xách tay cho lãnh đạo | 2 | Thay máy HP ProBook hỏng bàn phím
                VC-KIT | Bộ thiết bị hội nghị truyền hình | 1 | Thiết bị Polycom hỏng camera
                FIREWALL | Tường lửa | 1 | Trụ sở chưa có tường lửa
                SCANNER | Máy quét tài liệu | 1 | Số hóa hồ sơ
                [total] Tổng cộng
            "),
            Part::Widths(&[(4, 40.0)]),
        ]),
    ]),
    // Thành Đoàn: the inventory sheet is `Inventory` (first) with English headers, unit info on a
    // `Unit` sheet with English labels; an unmapped `Note` column.
    xlsx("thanh-pho/THANHDOAN-TP.xlsx", "IT inventory - Thanh Doan TP.HCM", &[
        sheet("Inventory", &[
            Part::Merge(0, 0, 0, 7, Style::Title, "IT EQUIPMENT INVENTORY / HIỆN TRẠNG THIẾT BỊ CNTT"),
            Part::Table(inventory(2, "No. | Device | Thông số | Năm trang bị | Quantity | Tình trạng | Serial | Note"), "
                Máy tính để bàn Dell OptiPlex 3080 | Core i5-10500/8GB/256GB SSD | 2021 | 15 | Tốt | |
                Máy vi tính HP ProDesk 400 G7 | i5 10500 / RAM 8GB / SSD 256GB | 2022 | 06 | Tốt | |
                Máy bộ lắp ráp | Chip i7 – 8G – 1TB HDD | 2017 | 5 | Cũ | | Phòng Phong trào
                Laptop Dell Latitude 5420 | Core i7-1185G7, RAM 16GB, SSD 512GB | 2022 | 1 | Tốt | HXK2Q53 | Bí thư Thành Đoàn
                Laptop Dell Latitude 5420 | Core i7-1185G7, RAM 16GB, SSD 512GB | 2022 | 1 | Tốt | JXK2Q53 | Phó Bí thư
                Máy tính xách tay HP ProBook 450 | Core i5-8250U, RAM 8GB, SSD 256GB | 2018 | 1 | Cần thay thế | 5CD8123ABC | Phó Bí thư
                Máy in laser HP LaserJet Pro M404dn | | 2021 | 6 | Tốt | |
                Máy in Canon LBP 2900 | | 2016 | 3 | Hỏng | |
                Máy scan Canon DR-C230 | | 2021 | 2 | Tốt | |
                Bộ lưu điện Santak 1KVA | | 2018 | 6 | Xuống cấp | |
                Switch 24 port Cisco | | 2020 | 2 | Tốt | |
                Bộ phát wifi TP-Link | | 2022 | 4 | Tốt | |
                Router Draytek Vigor 2927 | | 2022 | 1 | Tốt | |
                Phần mềm diệt virus Kaspersky | | 2025 | 30 | Tốt | | License 1 year
                [total] Total
            "),
        ]),
        sheet("Unit", &[
            Part::Pairs(16.0, 44.0, "
                Unit code | THANHDOAN-TP
                Unit | Thành Đoàn Thành phố Hồ Chí Minh
                Khối | CT-XH
                Cấp | TP
                Trụ sở | TS-THANHDOAN
                Biên chế | 30
                Lãnh đạo | 3
                Ngày báo cáo | 2025-10-30
                Revision | 1
            "),
        ]),
    ]),
    // Liên đoàn Lao động Thành phố: every Vietnamese text (sheet names, labels, headers, device
    // names, conditions) written decomposed (NFD), as some Mac and web tools save it. No site:
    // the site defaults to the unit code.
    xlsx("thanh-pho/CONGDOAN-TP.xlsx", "Hiện trạng CNTT - Liên đoàn Lao động TP", &[
        sheet("Thông tin đơn vị", &[
            Part::Pairs(20.0, 48.0, "
                Mã đơn vị | CONGDOAN-TP
                Tên đơn vị | Liên đoàn Lao động Thành phố Hồ Chí Minh
                Khối | Chính trị - xã hội
                Cấp | Thành phố
                Số cán bộ | 25
                Số lãnh đạo | 3
                Ngày lập | 03/11/2025
            "),
        ]),
        sheet("Hiện trạng", &[
            Part::Merge(0, 0, 0, 6, Style::Title, "BÁO CÁO HIỆN TRẠNG THIẾT BỊ CÔNG NGHỆ THÔNG TIN"),
            Part::Table(inventory(2, HEADERS_NO_SERIAL), "
                Máy tính để bàn Dell OptiPlex 3080 | Core i5-10500/8GB/256GB SSD | 2021 | 12 | Tốt |
                Máy vi tính HP ProDesk 400 G7 | Core i5-10500/8GB/256GB SSD | 2020 | 6 | Đang sử dụng |
                Máy bộ lắp ráp | i3 / 4GB / HDD 500GB | 2015 | 7 | Cũ | Đề nghị thay thế
                Máy tính xách tay HP ProBook 450 | Ryzen 5, RAM 16GB, SSD 512GB | 2023 | 3 | Tốt | Thường trực
                Máy in laser HP LaserJet Pro M404dn | | 2020 | 5 | Tốt |
                Máy in Canon LBP 2900 | | 2014 | 3 | Hỏng |
                Máy scan Canon DR-C230 | | 2019 | 1 | Tốt |
                Máy hủy tài liệu Silicon PS-800C | | 2018 | 1 | Xuống cấp |
                Bộ lưu điện Santak 1KVA | | 2021 | 5 | Tốt |
                Switch 24 port Cisco | | 2016 | 1 | Cần thay thế |
                Bộ phát wifi TP-Link | | 2021 | 2 | Tốt |
                Tường lửa FortiGate 60F | | 2022 | 1 | Tốt |
                Phần mềm diệt virus Kaspersky | | 2025 | 25 | Tốt |
                [total] Tổng cộng
            "),
        ]),
    ]).nfd(),
    // Hội Cựu chiến binh Thành phố: a well-formed file whose rows carry real findings for
    // `rasoat check` (see README.md for the list and cells); row 6 repeats the serial of row 5:
    // the officer copied the line.
    xlsx("thanh-pho/HCCB-TP.xlsx", "Hiện trạng CNTT - Hội Cựu chiến binh TP", &[
        sheet("Thông tin đơn vị", &[
            Part::Pairs(20.0, 48.0, "
                Mã đơn vị | HCCB-TP
                Tên đơn vị | Hội Cựu chiến binh Thành phố Hồ Chí Minh
                Khối | Đoàn thể
                Cấp | TP
                Mã trụ sở | TS-HCCB
                Số cán bộ | 20
                Số lãnh đạo | 2
                Ngày lập | 04/11/2025
                Lần nộp | 1
            "),
        ]),
        sheet("Hiện trạng", &[
            Part::Merge(0, 0, 0, 7, Style::Title, "BÁO CÁO HIỆN TRẠNG TRANG THIẾT BỊ CÔNG NGHỆ THÔNG TIN"),
            Part::Table(inventory(2, HEADERS_STD), "
                Máy tính để bàn Dell OptiPlex 3080 | Core i5-10500/8GB/256GB SSD | 2021 | 8 | Tốt | |
                Máy vi tính HP ProDesk 400 G7 | Core i5-10500/8GB/256GB SSD | 2022 | 1 | Tốt | 4CE2231XYZ | Phòng Tổ chức
                Máy vi tính HP ProDesk 400 G7 | Core i5-10500/8GB/256GB SSD | 2022 | 1 | Tốt | 4CE2231XYZ | Phòng Kiểm tra
                Máy bộ lắp ráp | i3 / 4GB / HDD 500GB | 2015 | 4 | Cũ | |
                Laptop Dell Latitude 5420 | Core i7-1185G7, RAM 16GB, SSD 512GB | 2022 | -1 | Tốt | | Đã chuyển 1 máy cho Hội cấp xã
                Máy in Canon LBP 2900 | | 2016 | 1.5 | Hỏng | |
                Máy in laser HP LaserJet Pro M404dn | | 2020 | 3 | Còn dùng tạm | |
                Máy scan Canon DR-C230 | | 2021 | | Tốt | | Chưa kiểm đếm
                Bộ lưu điện Santak 1KVA | | 2019 | 3 | Xuống cấp | |
                Switch 24 port Cisco | | 2020 | 1 | Tốt | |
                Tủ đựng hồ sơ | | 2015 | 2 | Tốt | |
                Máy chiếu Epson EB-X06 | | 2018 | 1 | Cũ | | Phòng họp
                Phần mềm diệt virus Kaspersky | | 2025 | 20 | Tốt | |
                [total] Tổng cộng
            "),
        ]),
    ]),
];

/// The sheets of both revisions of DU-X-BINHHUNG (see [`FILES`]).
#[rustfmt::skip]
const DU_X_BINHHUNG: &[Sheet] = &[
    sheet("Thông tin đơn vị", &[
        Part::Pairs(20.0, 40.0, "
            Mã đơn vị | DU-X-BINHHUNG
            Tên đơn vị | Đảng ủy xã Bình Hưng
            Khối | Khối Đảng
            Cấp | Cấp xã
            Mã trụ sở | TS-XBH
            Số CBCC | 12
            Số lãnh đạo | 2
            {dated}
        "),
    ]),
    sheet("Hiện trạng", &[
        Part::Merge(0, 0, 0, 7, Style::Label, "ĐẢNG BỘ XÃ BÌNH HƯNG"),
        Part::Merge(1, 0, 1, 7, Style::Title, "BÁO CÁO RÀ SOÁT HIỆN TRẠNG TRANG THIẾT BỊ CNTT"),
        Part::Table(inventory(3, "STT | Tên thiết bị | Cấu hình | Năm đưa vào sử dụng | Số lượng | Tình trạng | Số serial | Ghi chú").restart(), "
            [section] A | THIẾT BỊ TIN HỌC VĂN PHÒNG
            Máy tính để bàn Dell OptiPlex 3080 | Core i5-10500/8GB/256GB SSD | 2021 | {pcs} | Tốt | | {pc_note}
            Máy vi tính HP ProDesk 405 G6 | Ryzen 5, RAM 16GB, SSD 512GB | 2022 | 2 | Đang sử dụng | |
            Máy bộ lắp ráp | i3 / 4GB / HDD 500GB | 2015 | {diy} | Cũ | | {diy_note}
            Laptop Dell Latitude 5420 | Core i7-1185G7, RAM 16GB, SSD 512GB | 2022 | 1 | Tốt | HXK7Q53 | Bí thư
            Laptop Dell Latitude 5420 | Core i7-1185G7, RAM 16GB, SSD 512GB | 2022 | 1 | Tốt | JXK7Q53 | Phó Bí thư thường trực
            Máy in laser HP LaserJet Pro M404dn | | 2021 | 2 | Tốt | |
            Máy in Canon LBP 2900 | | 2014 | 2 | Hỏng | |
            Máy scan Canon DR-C230 | | 2023 | 1 | Tốt | |
            Máy photocopy Toshiba e-Studio 2323AM | | 2017 | 1 | Xuống cấp | | Dùng chung các đơn vị
            Bộ lưu điện Santak 1KVA | | 2020 | 4 | Tốt | |
            Bộ hội nghị truyền hình Polycom | Polycom Group 310 | 2021 | 1 | Tốt | |
            [subtotal] Cộng mục A
            [section] B | THIẾT BỊ MẠNG, AN NINH
            Switch 24 port Cisco | | 2019 | 1 | Tốt | |
            Router Draytek Vigor 2927 | | 2021 | 1 | Tốt | |
            Bộ phát wifi TP-Link | | 2018 | {wifi} | Cũ | | {wifi_note}
            Tủ rack 10U | | 2019 | 1 | Tốt | |
            Máy điều hòa Daikin 1.5HP (phòng máy chủ) | | 2016 | 1 | Cần thay thế | |
            [subtotal] Cộng mục B
            [total] Tổng cộng:
        "),
    ]),
];

// ---------------------------------------------------------------------------------------------
// The writer
// ---------------------------------------------------------------------------------------------

/// Write one file of [`FILES`] under `out`.
fn write_file(out: &Path, st: &Styles, file: &File) -> Res<()> {
    let tx: fn(&str) -> String = if file.nfd { nfd } else { same };
    if let Some(width) = file.csv {
        let mut grid = Grid::default();
        for s in file.sheets {
            write_parts(&mut grid, st, s.parts, tx, file.vars)?;
        }
        fs::write(out.join(file.path), grid.csv(width))?;
        return Ok(());
    }
    let mut wb = Workbook::new();
    for s in file.sheets {
        let mut ws = Worksheet::new();
        ws.set_name(tx(s.name))?;
        write_parts(&mut ws, st, s.parts, tx, file.vars)?;
        wb.push_worksheet(ws);
    }
    let props = DocProperties::new()
        .set_title(tx(file.title))
        .set_author("rasoat examples")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 11, 20)?);
    wb.set_properties(&props);
    wb.save(out.join(file.path))?;
    Ok(())
}

/// Write `parts` in order; every text goes through `tx` after `vars` are put in.
fn write_parts(
    ws: &mut impl Target,
    st: &Styles,
    parts: &[Part],
    tx: fn(&str) -> String,
    vars: &[(&str, &str)],
) -> Res<()> {
    for part in parts {
        match part {
            Part::Widths(widths) => {
                for (c, w) in *widths {
                    ws.width(*c, *w)?;
                }
            }
            Part::Height(r, h) => ws.height(*r, *h)?,
            Part::Merge(r1, c1, r2, c2, style, text) => {
                ws.merge(*r1, *c1, *r2, *c2, &tx(text), st.get(*style))?;
            }
            Part::Cells(r0, cols, text) => {
                let text = expand(text, vars)?;
                for (i, line) in lines(&text).enumerate() {
                    let cells = cells(line);
                    if cells.len() != cols.len() {
                        return Err(format!("{} columns for the line {line}", cols.len()).into());
                    }
                    for (v, (c, style)) in cells.iter().zip(*cols) {
                        ws.put(r0 + i as u32, *c, &tx(v), st.get(*style))?;
                    }
                }
            }
            Part::Pairs(a, b, text) => {
                ws.width(0, *a)?;
                ws.width(1, *b)?;
                write_parts(ws, st, &[Part::Cells(0, PAIRS, text)], tx, vars)?;
            }
            Part::Table(table, text) => {
                let text = expand(text, vars)?;
                let rows = lines(&text).map(Row::parse).collect::<Res<Vec<_>>>()?;
                write_table(ws, st, table, &rows, tx)?;
            }
        }
    }
    Ok(())
}

struct Styles {
    title: Format,
    header: Format,
    cell: Format,
    bold: Format,
    label: Format,
    plain: Format,
    plain_left: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = Format::new().set_border(FormatBorder::Thin);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(13)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: border
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(0xD9D9D9),
            bold: border.clone().set_bold(),
            cell: border,
            label: Format::new().set_bold(),
            plain: Format::new(),
            plain_left: Format::new().set_align(FormatAlign::Left),
        }
    }

    fn get(&self, style: Style) -> &Format {
        match style {
            Style::Title => &self.title,
            Style::Cell => &self.cell,
            Style::Bold => &self.bold,
            Style::Label => &self.label,
            Style::Plain => &self.plain,
            Style::PlainLeft => &self.plain_left,
        }
    }
}

/// Where the parts are written: a worksheet, or the grid of the CSV file.
trait Target {
    /// One cell from a compact description, see [`put`].
    fn put(&mut self, r: u32, c: u16, v: &str, f: &Format) -> Res<()>;
    fn blank(&mut self, r: u32, c: u16, f: &Format) -> Res<()>;
    fn merge(&mut self, r1: u32, c1: u16, r2: u32, c2: u16, text: &str, f: &Format) -> Res<()>;
    fn width(&mut self, c: u16, w: f64) -> Res<()>;
    fn height(&mut self, r: u32, h: f64) -> Res<()>;
}

impl Target for Worksheet {
    fn put(&mut self, r: u32, c: u16, v: &str, f: &Format) -> Res<()> {
        put(self, r, c, v, f)
    }
    fn blank(&mut self, r: u32, c: u16, f: &Format) -> Res<()> {
        self.write_blank(r, c, f)?;
        Ok(())
    }
    fn merge(&mut self, r1: u32, c1: u16, r2: u32, c2: u16, text: &str, f: &Format) -> Res<()> {
        self.merge_range(r1, c1, r2, c2, text, f)?;
        Ok(())
    }
    fn width(&mut self, c: u16, w: f64) -> Res<()> {
        self.set_column_width(c, w)?;
        Ok(())
    }
    fn height(&mut self, r: u32, h: f64) -> Res<()> {
        self.set_row_height(r, h)?;
        Ok(())
    }
}

/// The cells of a CSV file, as text: what a spreadsheet would export (a formula's cached result,
/// a forced text without its `'`).
#[derive(Default)]
struct Grid(BTreeMap<(u32, u16), String>);

impl Target for Grid {
    fn put(&mut self, r: u32, c: u16, v: &str, _: &Format) -> Res<()> {
        let text = if let Some(text) = v.strip_prefix('\'') {
            text
        } else if let Some(formula) = v.strip_prefix('=') {
            formula.split_once('|').map_or("", |(_, cached)| cached)
        } else {
            v.strip_prefix('@').unwrap_or(v)
        };
        if !text.is_empty() {
            self.0.insert((r, c), text.to_string());
        }
        Ok(())
    }
    fn blank(&mut self, _: u32, _: u16, _: &Format) -> Res<()> {
        Ok(())
    }
    fn merge(&mut self, r1: u32, c1: u16, _: u32, _: u16, text: &str, f: &Format) -> Res<()> {
        self.put(r1, c1, text, f)
    }
    fn width(&mut self, _: u16, _: f64) -> Res<()> {
        Ok(())
    }
    fn height(&mut self, _: u32, _: f64) -> Res<()> {
        Ok(())
    }
}

impl Grid {
    /// UTF-8 with a BOM, `;` between cells, CRLF line ends, every line `width` cells wide.
    fn csv(&self, width: usize) -> String {
        let last = self.0.keys().next_back().map_or(0, |(r, _)| r + 1);
        let mut text = String::from("\u{FEFF}");
        for r in 0..last {
            let cells: Vec<String> = (0..width as u16)
                .map(|c| csv_cell(self.0.get(&(r, c)).map_or("", String::as_str)))
                .collect();
            text.push_str(&cells.join(";"));
            text.push_str("\r\n");
        }
        text
    }
}

/// Quotes a CSV field when it holds the separator, a quote or a line break.
fn csv_cell(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Identity text transform (most files).
fn same(s: &str) -> String {
    s.to_string()
}

/// A plain number as a spreadsheet would hold it: no leading zero (`02` stays text), no `+`.
fn is_plain_number(v: &str) -> bool {
    let digits = v.strip_prefix('-').unwrap_or(v);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !(digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0."))
        && v.parse::<f64>().is_ok()
}

/// Writes one cell from a compact description:
/// `""` blank (formatted), `'text` forced text, `=EXPR|cached` formula with a cached result,
/// `@yyyy-mm-dd` a date cell, a plain number a number cell, anything else text.
fn put(ws: &mut Worksheet, r: u32, c: u16, v: &str, f: &Format) -> Res<()> {
    if v.is_empty() {
        ws.write_blank(r, c, f)?;
    } else if let Some(text) = v.strip_prefix('\'') {
        ws.write_string_with_format(r, c, text, f)?;
    } else if let Some(formula) = v.strip_prefix('=') {
        let (expr, cached) = formula.split_once('|').unwrap_or((formula, ""));
        let formula = Formula::new(format!("={expr}")).set_result(cached);
        ws.write_formula_with_format(r, c, formula, f)?;
    } else if let Some(date) = v.strip_prefix('@') {
        let mut parts = date.split('-').map(|p| p.parse::<u16>());
        let (y, m, d) = match (parts.next(), parts.next(), parts.next()) {
            (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => (y, m as u8, d as u8),
            _ => return Err(format!("bad date literal {v}").into()),
        };
        let date_format = f.clone().set_num_format("dd/mm/yyyy");
        ws.write_datetime_with_format(r, c, &ExcelDateTime::from_ymd(y, m, d)?, &date_format)?;
    } else if is_plain_number(v) {
        ws.write_number_with_format(r, c, v.parse::<f64>()?, f)?;
    } else {
        ws.write_string_with_format(r, c, v, f)?;
    }
    Ok(())
}

/// Writes `cells` along row `r` from column `c0`.
fn put_row(
    ws: &mut impl Target,
    r: u32,
    c0: u16,
    cells: &[&str],
    f: &Format,
    tx: fn(&str) -> String,
) -> Res<()> {
    for (i, v) in cells.iter().enumerate() {
        ws.put(r, c0 + i as u16, &tx(v), f)?;
    }
    Ok(())
}

/// Excel column letters for a 0-based column.
fn col_name(c: u16) -> String {
    let mut n = c as u32 + 1;
    let mut s = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        s.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A quantity total formatted as Excel caches it (`12`, `-1.5`).
fn num_text(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Writes the header and the rows; returns the 0-based row after the table.
fn write_table(
    ws: &mut impl Target,
    st: &Styles,
    t: &Table,
    rows: &[Row],
    tx: fn(&str) -> String,
) -> Res<u32> {
    let headers = cells(t.headers);
    let width = headers.len();
    put_row(ws, t.header_row, t.first_col, &headers, &st.header, tx)?;
    ws.height(t.header_row, 32.0)?;
    for (i, h) in headers.iter().enumerate() {
        let folded = h.to_lowercase();
        let w = if i == t.name {
            40.0
        } else if folded.contains("cấu hình")
            || folded.contains("thông số")
            || folded.contains("cau hinh")
        {
            32.0
        } else if folded.contains("ghi chú") || folded.contains("ghi chu") || folded == "note" {
            22.0
        } else if i == 0 && t.stt {
            6.0
        } else {
            13.0
        };
        ws.width(t.first_col + i as u16, w)?;
    }

    let qcol = col_name(t.first_col + t.qty as u16);
    let mut r = t.header_row + 1;
    let mut n = 0u32;
    let mut block: Option<(u32, u32)> = None; // device rows of the current block (1-based)
    let mut block_sum = 0.0;
    let mut total_sum = 0.0;
    let mut all_devs: Option<(u32, u32)> = None;
    let mut subs: Vec<u32> = Vec::new();

    for row in rows {
        match row {
            Row::Dev(cells) => {
                n += 1;
                let mut c = t.first_col;
                if t.stt {
                    ws.put(r, c, &n.to_string(), &st.cell)?;
                    c += 1;
                }
                if cells.len() + usize::from(t.stt) != width {
                    return Err(format!("row width in {cells:?}").into());
                }
                put_row(ws, r, c, cells, &st.cell, tx)?;
                let q = cells[t.qty - usize::from(t.stt)];
                if is_plain_number(q) {
                    let x: f64 = q.parse()?;
                    block_sum += x;
                    total_sum += x;
                }
                let excel_row = r + 1;
                block = Some(block.map_or((excel_row, excel_row), |(a, _)| (a, excel_row)));
                all_devs = Some(all_devs.map_or((excel_row, excel_row), |(a, _)| (a, excel_row)));
            }
            Row::Section(text) | Row::SectionStt(_, text) => {
                blank_line(ws, r, t.first_col, width, &st.bold)?;
                if let Row::SectionStt(numeral, _) = row {
                    ws.put(r, t.first_col, &tx(numeral), &st.bold)?;
                }
                ws.put(r, t.first_col + t.name as u16, &tx(text), &st.bold)?;
                if t.stt_restart {
                    n = 0;
                }
                block = None;
                block_sum = 0.0;
            }
            Row::Sub(label) => {
                blank_line(ws, r, t.first_col, width, &st.bold)?;
                ws.put(r, t.first_col + t.name as u16, &tx(label), &st.bold)?;
                if let Some((a, b)) = block {
                    let f = format!("=SUM({qcol}{a}:{qcol}{b})|{}", num_text(block_sum));
                    ws.put(r, t.first_col + t.qty as u16, &f, &st.bold)?;
                }
                subs.push(r + 1);
                block = None;
                block_sum = 0.0;
            }
            Row::Total(label) => {
                blank_line(ws, r, t.first_col, width, &st.bold)?;
                ws.put(r, t.first_col + t.name as u16, &tx(label), &st.bold)?;
                let args = if subs.is_empty() {
                    all_devs
                        .map(|(a, b)| format!("{qcol}{a}:{qcol}{b}"))
                        .unwrap_or_default()
                } else {
                    subs.iter()
                        .map(|s| format!("{qcol}{s}"))
                        .collect::<Vec<_>>()
                        .join(",")
                };
                let f = format!("=SUM({args})|{}", num_text(total_sum));
                ws.put(r, t.first_col + t.qty as u16, &f, &st.bold)?;
            }
            Row::Header => {
                put_row(ws, r, t.first_col, &headers, &st.cell, tx)?;
            }
        }
        r += 1;
    }
    Ok(r)
}

/// Blank cells with format `f` along row `r`, `width` of them from column `c0`.
fn blank_line(ws: &mut impl Target, r: u32, c0: u16, width: usize, f: &Format) -> Res<()> {
    for c in 0..width {
        ws.blank(r, c0 + c as u16, f)?;
    }
    Ok(())
}

/// Canonical decomposition (NFD) of Vietnamese letters, written out by hand because std has
/// no Unicode normalisation: base letter, then the vowel mark (breve, circumflex, horn) and the
/// tone mark, ordered by canonical combining class (horn 216 < dot below 220 < the others 230).
fn nfd(s: &str) -> String {
    const ROWS: [(&str, char, Option<char>); 12] = [
        ("aàáảãạ", 'a', None),
        ("ăằắẳẵặ", 'a', Some('\u{306}')),
        ("âầấẩẫậ", 'a', Some('\u{302}')),
        ("eèéẻẽẹ", 'e', None),
        ("êềếểễệ", 'e', Some('\u{302}')),
        ("iìíỉĩị", 'i', None),
        ("oòóỏõọ", 'o', None),
        ("ôồốổỗộ", 'o', Some('\u{302}')),
        ("ơờớởỡợ", 'o', Some('\u{31B}')),
        ("uùúủũụ", 'u', None),
        ("ưừứửữự", 'u', Some('\u{31B}')),
        ("yỳýỷỹỵ", 'y', None),
    ];
    const TONES: [Option<char>; 6] = [
        None,
        Some('\u{300}'),
        Some('\u{301}'),
        Some('\u{309}'),
        Some('\u{303}'),
        Some('\u{323}'),
    ];
    fn class(c: char) -> u8 {
        match c {
            '\u{31B}' => 216,
            '\u{323}' => 220,
            _ => 230,
        }
    }
    let mut out = String::with_capacity(s.len() * 2);
    'chars: for ch in s.chars() {
        for (letters, base, vowel_mark) in ROWS {
            for (tone, letter) in letters.chars().enumerate() {
                let upper = letter.to_uppercase().next().unwrap_or(letter);
                if ch != letter && ch != upper {
                    continue;
                }
                out.push(if ch == letter {
                    base
                } else {
                    base.to_ascii_uppercase()
                });
                let mut marks: Vec<char> = vowel_mark.into_iter().chain(TONES[tone]).collect();
                marks.sort_by_key(|&m| class(m)); // stable: breve/circumflex stay before the tone
                out.extend(marks);
                continue 'chars;
            }
        }
        out.push(ch);
    }
    out
}

// ---------------------------------------------------------------------------------------------

/// `examples/submissions/README.md`, written with the files so that it stays in step with them.
const README: &str = r#"# Sample submissions

Made-up but realistic IT-equipment surveys, as units of Ho Chi Minh City's political system send
them in. They are the input of the quick start:

    rasoat check examples/submissions
    rasoat run examples/submissions --out out

**Do not edit these files by hand.** They are written by `examples/make_submissions.rs`; change
the generator and run it again from the crate root:

    cargo run --example make_submissions            # rewrites examples/submissions/
    cargo run --example make_submissions -- DIR     # writes the same set into DIR

The output is deterministic (the workbook creation time is fixed at 2025-11-20), so two runs give
byte-identical files and a diff of this folder shows only real changes. All names, serial numbers
and figures are invented.

## The units

Two wards whose units share one headquarters each (network gear, photocopiers and other `site`
items are computed once per site), plus city-level bodies.

| file | unit (code) | block / level | site | staff / leaders |
|---|---|---|---|---|
| `phuong-ben-nghe/DU-P-BENNGHE.xlsx` | Đảng ủy phường Bến Nghé (`DU-P-BENNGHE`) | dang / commune | TS-PBN | 14 / 2 |
| `phuong-ben-nghe/MTTQ-P-BENNGHE.xlsx` | Ủy ban MTTQ phường Bến Nghé (`MTTQ-P-BENNGHE`) | mttq / commune | TS-PBN | 8 / 1 |
| `phuong-ben-nghe/HLHPN-P-BENNGHE.xlsx` | Hội Liên hiệp Phụ nữ phường Bến Nghé (`HLHPN-P-BENNGHE`) | ctxh / commune | TS-PBN | 4 / 0 |
| `phuong-ben-nghe/DTN-P-BENNGHE.xlsx` | Đoàn TNCS Hồ Chí Minh phường Bến Nghé (`DTN-P-BENNGHE`) | ctxh / commune | TS-PBN | 5 / 1 |
| `xa-binh-hung/DU-X-BINHHUNG.xlsx` | Đảng ủy xã Bình Hưng (`DU-X-BINHHUNG`), revision 1 | dang / commune | TS-XBH | 12 / 2 |
| `xa-binh-hung/DU-X-BINHHUNG_lan2.xlsx` | the same unit, revision 2 | dang / commune | TS-XBH | 12 / 2 |
| `xa-binh-hung/MTTQ-X-BINHHUNG.xlsx` | Ủy ban MTTQ Việt Nam xã Bình Hưng (`MTTQ-X-BINHHUNG`) | mttq / commune | TS-XBH | 7 / 1 |
| `xa-binh-hung/HND-X-BINHHUNG.csv` | Hội Nông dân xã Bình Hưng (`HND-X-BINHHUNG`) | ctxh / commune | TS-XBH | 3 / 0 |
| `thanh-pho/VP-THANHUY.xlsx` | Văn phòng Thành ủy (`VP-THANHUY`) | dang / city | TS-THANHUY | 60 / 6 |
| `thanh-pho/BAN-TC-THANHUY.xlsx` | Ban Tổ chức Thành ủy (`BAN-TC-THANHUY`) | dang / city | TS-THANHUY | 35 / 4 |
| `thanh-pho/UBMTTQ-TP.xlsx` | Ủy ban MTTQ Việt Nam Thành phố (`UBMTTQ-TP`) | mttq / city | TS-MTTQTP | 45 / 5 |
| `thanh-pho/THANHDOAN-TP.xlsx` | Thành Đoàn TP.HCM (`THANHDOAN-TP`) | ctxh / city | TS-THANHDOAN | 30 / 3 |
| `thanh-pho/CONGDOAN-TP.xlsx` | Liên đoàn Lao động TP.HCM (`CONGDOAN-TP`) | ctxh / city | none given: `CONGDOAN-TP` | 25 / 3 |
| `thanh-pho/HCCB-TP.xlsx` | Hội Cựu chiến binh TP.HCM (`HCCB-TP`) | ctxh / city | TS-HCCB | 20 / 2 |

Sites shared: `TS-PBN` (4 units, owner `DU-P-BENNGHE`), `TS-XBH` (3 units once the revision is
resolved, owner `DU-X-BINHHUNG`), `TS-THANHUY` (2 units, owner `BAN-TC-THANHUY`: same block, lower
code). Only the Party committee of each ward lists the network gear, as in real surveys.

## What each file demonstrates

| file | layout and mess |
|---|---|
| `DU-P-BENNGHE.xlsx` | the "standard" form: a `Thông tin đơn vị` sheet (`Label` \| value rows, Ngày lập as an Excel date cell, extra rows such as Người lập biểu that match no field); a `Hiện trạng` sheet with a merged title, a subtitle, the header in row 4, section rows `I. Thiết bị đầu cuối` / `II. Thiết bị mạng` in the name column, subtotal rows `Cộng I` / `Cộng II` and a `Tổng cộng` row, all three with SUM formulas and cached results |
| `MTTQ-P-BENNGHE.xlsx` | no information sheet: `Label: value` cells above the header (`Số cán bộ: 8 người`, `Trụ sở: TS-PBN`, `Ngày báo cáo: 16/10/2025` in another column); a decoy `Đơn vị tính: cái` that is *not* the `Đơn vị` label; sheet named `Bao cao`; header in row 9 starting in column B; headers typed without diacritics (`Ten thiet bi`, `So luong`, `Tinh trang`, `Nam su dung`, `Cau hinh`) and conditions too (`Tot`, `Cu`, `Xuong cap`, `Binh thuong`); an empty condition (reads as good) |
| `HLHPN-P-BENNGHE.xlsx` | information sheet named `Đơn vị` with a number column before the labels and the value two cells to the right; `Biên chế: 04 người`; `Ngày lập` written `ngày 17 tháng 10 năm 2025`; no leaders given (0); quantities as text `2 cái`, `01`, `1 cái`, `02`, `1 bộ` (so Excel's own `Tổng cộng` SUM caches 1, which must be ignored) |
| `DTN-P-BENNGHE.xlsx` | `Label:` cells whose value sits in a later cell (column C, column B empty), one of them a date cell; `Khối: CT-XH`; a `Đề xuất` requests sheet (`Mã thiết bị \| Tên thiết bị \| Số lượng đề xuất \| Lý do`): PC-DESKTOP 3, PC-LAPTOP-LD 2, PRINTER-A4 1 — with 1 leader the laptop request should leave an excess |
| `DU-X-BINHHUNG.xlsx` | revision 1 (no `Lần nộp`: defaults to 1; `Ngày lập: ngày 10 tháng 10 năm 2025`), `Khối Đảng` and `Cấp xã` with the leading word to drop, `Số CBCC`; letter sections `A` / `B` split over the STT and name columns, numbering restarting per section, `Cộng mục A` / `Cộng mục B` subtotals, `Tổng cộng:` with a colon. Superseded by `_lan2` |
| `DU-X-BINHHUNG_lan2.xlsx` | revision 2 of the same unit (`Lần nộp 2`, `Ngày lập 2025-10-24`): desktops 5 → 7, self-built PCs 3 → 2, Wi-Fi 2 → 3, each with a `Ghi chú` saying so. Wins over revision 1 |
| `MTTQ-X-BINHHUNG.xlsx` | unrenamed `Sheet1` plus an empty `Sheet2`; short labels `Ma DV`, `Đơn vị`, `Khối: MTTQ`, `Số CBCC`, `Lãnh đạo`, `Phiên bản`, `Ngày báo cáo: 20-10-2025`, in two columns; headers `Device`, `Thông số`, `Năm mua`, `SL`, `Hiện trạng`; years as `T8/2019`, `2021`, an Excel date cell, `15/03/2020`, `Năm 2018`, `T12/2021`; a total row reading just `Tổng` |
| `HND-X-BINHHUNG.csv` | Excel's "CSV UTF-8" export in a Vietnamese locale: `;`-separated, UTF-8 with a BOM, CRLF line ends, every line padded with `;`; two title lines, `Label: value` lines, a blank line, then the table; a quoted field holding a `;`; a `Tổng cộng` line |
| `VP-THANHUY.xlsx` | information sheet `Thong tin` with a number column before the labels and `60 người`; an item-code column `Mã loại` filled on some rows only (codes PC-DESKTOP, PC-LAPTOP-LD, PRINTER-A4, SCANNER, SHREDDER, UPS, SWITCH, ROUTER, WIFI-AP, NET-CABINET, FIREWALL, AIRCON-SERVER, VC-KIT, WEBCAM); `Tên tài sản`, `Thông số kỹ thuật`, `Năm đưa vào sử dụng`, `Số lượng (cái)`, `Mã tài sản` headers; asset ids as number cells (`100234`); roman numerals `I`, `II`, `III` in the STT column; the header row repeated mid-table (page 2 of the printed form); two rows nothing in the catalog covers (`Tivi Samsung 55 inch`, `Điện thoại bàn Panasonic`: expected `W-ROW-UNCLASSIFIED` at rows 33 and 34) |
| `BAN-TC-THANHUY.xlsx` | an instructions sheet `Hướng dẫn` first (no header row, so it is skipped); the form on `Biểu 01` with `Label: value` cells in two columns beside the letterhead (`TP. Hồ Chí Minh, ngày 28 tháng 10 năm 2025` is not a label); `Số hiệu` as the asset-id header; shares site TS-THANHUY with the Văn phòng |
| `UBMTTQ-TP.xlsx` | alternative labels `Biên chế`, `Lãnh đạo`, `Ngày báo cáo` (date cell), `Phiên bản`; `Cấp: TP`; `Năm trang bị`, `Serial` headers; a condition `Hư hỏng bàn phím` (broken, by prefix); a `Đề xuất` sheet with an STT column, two PC-DESKTOP rows that add up (6 + 4), PC-LAPTOP-LD 2, VC-KIT 1, FIREWALL 1, SCANNER 1, and a `Tổng cộng` row with an empty code (blank, not an error) |
| `THANHDOAN-TP.xlsx` | the inventory sheet is named `Inventory` and comes first; unit information on a `Unit` sheet with English labels `Unit code`, `Unit`, `Revision`; headers `No.`, `Device`, `Thông số`, `Năm trang bị`, `Quantity`, `Serial`, and an unmapped `Note`; a quantity `06`; `Total` row |
| `CONGDOAN-TP.xlsx` | every Vietnamese string (sheet names, labels, values, headers, device names, conditions) in decomposed form (NFD, combining marks), as some Mac and web tools save it; no site given, so the site is the unit code |
| `HCCB-TP.xlsx` | a tidy file whose *rows* have real findings (below) |

## Findings `HCCB-TP.xlsx` should produce

Sheet `Hiện trạng`, header in row 3 (`STT | Tên thiết bị | Cấu hình | Năm sử dụng | Số lượng |
Tình trạng | Số serial | Ghi chú`):

| row | what is written | finding |
|---|---|---|
| 6 | `Máy vi tính HP ProDesk 400 G7`, serial `4CE2231XYZ`, the same serial as row 5 | `W-ASSET-DUPLICATE`; row 6 is skipped and listed in `duplicates` with `first` = row 5 |
| 8 | `Laptop Dell Latitude 5420`, quantity `-1` | `E-QTY-NEGATIVE` (row rejected) |
| 9 | `Máy in Canon LBP 2900`, quantity `1.5` | `E-QTY-INVALID` (row rejected) |
| 10 | `Máy in laser HP LaserJet Pro M404dn`, condition `Còn dùng tạm` | `W-CONDITION-UNKNOWN` (counted as good) |
| 11 | `Máy scan Canon DR-C230`, quantity empty | `W-QTY-EMPTY` (read as 1) |
| 14 | `Tủ đựng hồ sơ` | `W-ROW-UNCLASSIFIED` |
| 15 | `Máy chiếu Epson EB-X06` | `W-ROW-UNCLASSIFIED` |

So `rasoat check examples/submissions` exits 1 (two errors, both in HCCB-TP); the unit itself is
still accepted. Excel's own `Tổng cộng` (row 17) caches 44.5 because it adds the `-1` and `1.5`.

Everything else should read without errors. Apart from HCCB-TP, the only warnings expected with the
bundled catalog are the two unclassified rows of `VP-THANHUY.xlsx` (plus `W-REQ-NOT-APPLICABLE` if a
catalog does not apply a requested item to the requesting unit); `DU-X-BINHHUNG.xlsx` is listed in `superseded` (by
`DU-X-BINHHUNG_lan2.xlsx`). All configurations of computers are readable (RAM, drive size and
SSD/HDD are given), and every device row has a year, so no `W-CONFIG-UNREADABLE` or
`W-YEAR-UNKNOWN` arises from the usability tests.

## Device names and the items they are meant to match

The names are free text as officers write them; the bundled catalog's aliases should classify
them as follows (anything else is a catalog gap worth fixing):

| written as | item |
|---|---|
| Máy tính để bàn Dell OptiPlex 3080 / 7090, Máy tính để bàn Lenovo ThinkCentre M75s, Máy vi tính HP ProDesk 400 G4 / 400 G7 / 405 G6, Máy bộ lắp ráp | PC-DESKTOP |
| Laptop Dell Latitude 5420, Laptop Acer Aspire 5, Máy tính xách tay HP ProBook 450 | PC-LAPTOP-LD |
| Máy in laser HP LaserJet Pro M404dn, Máy in Canon LBP 2900 | PRINTER-A4 |
| Máy scan Canon DR-C230 | SCANNER |
| Máy hủy tài liệu Silicon PS-800C | SHREDDER |
| Bộ lưu điện Santak 1KVA, UPS APC 650VA | UPS |
| Webcam Logitech C920 | WEBCAM |
| Switch 24 port Cisco | SWITCH |
| Router Draytek Vigor 2927 | ROUTER |
| Bộ phát wifi TP-Link | WIFI-AP |
| Tủ rack 10U | NET-CABINET |
| Tường lửa FortiGate 60F / 100F | FIREWALL |
| Bộ hội nghị truyền hình Polycom | VC-KIT |
| Phần mềm diệt virus Kaspersky | SW-ENDPOINT |
| Máy photocopy Toshiba e-Studio 2323AM | PHOTOCOPY |
| Máy điều hòa Daikin 1.5HP (phòng máy chủ) | AIRCON-SERVER |
| Tivi Samsung 55 inch, Điện thoại bàn Panasonic, Tủ đựng hồ sơ, Máy chiếu Epson EB-X06 | none (unclassified) |

Configurations are written as they are in the wild (`Core i5-10500/8GB/256GB SSD`,
`i3 / 4GB / HDD 500GB`, `Ryzen 5, RAM 16GB, SSD 512GB`, `Chip i7 – 8G – 1TB HDD`,
`i7/16GB/512GB SSD`), empty for printers and other peripherals. Years run from 2014 to 2025, so
some computers and printers are past a 7-year useful life as of 2025.
"#;
