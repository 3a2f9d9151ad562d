//! Deterministic benchmark corpus: N city-form submissions like the examples (unit-information
//! sheet, title rows, sections, totals, 20–80 device rows named in free text, no item codes).
//!
//!     cargo run --release --example bench_corpus -- DIR N [SEED]
//!
//! The same N and SEED always give the same files.

use rasoat::template::{DEVICE_HEADERS, INFO_LABELS, INFO_SHEET, INVENTORY_SHEET};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use std::path::Path;

/// xorshift64*: a tiny seeded generator, enough for a corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
}

const DEVICES: &[(&str, &[&str])] = &[
    (
        "terminal",
        &[
            "Máy tính để bàn Dell OptiPlex 3080",
            "Máy vi tính HP ProDesk 400 G7",
            "Máy bộ lắp ráp",
            "Máy tính để bàn Lenovo ThinkCentre M70s",
            "Cây máy tính FPT Elead",
            "PC Asus ExpertCenter D500",
            "Laptop Dell Latitude 5420",
            "Máy tính xách tay HP ProBook 450 G8",
            "Máy tính bảng iPad Gen 9",
        ],
    ),
    (
        "office",
        &[
            "Máy in laser HP LaserJet Pro M404dn",
            "Máy in Canon LBP 2900",
            "Máy in Brother HL-L2321D",
            "Máy scan Canon DR-C230",
            "Máy quét tài liệu Fujitsu fi-7160",
            "Máy hủy tài liệu Silicon PS-800C",
            "Máy photocopy Toshiba e-Studio 2323AM",
            "Bộ lưu điện Santak 1KVA",
            "UPS APC 650VA",
        ],
    ),
    (
        "network",
        &[
            "Switch 24 port Cisco SG350",
            "Bộ phát wifi TP-Link EAP225",
            "Router Draytek Vigor 2927",
            "Tủ rack 10U",
            "Tường lửa FortiGate 60F",
            "Bộ hội nghị truyền hình Polycom",
            "Webcam Logitech C920",
            "Phần mềm diệt virus Kaspersky",
            "Máy điều hòa Daikin (phòng máy chủ)",
            "Tivi Samsung 55 inch",
        ],
    ),
];
/// Configurations of computers as officers write them; one in ten cannot be fully read.
const CONFIGS: &[&str] = &[
    "Core i5-10500/8GB/256GB SSD",
    "i3 4GB HDD 500GB",
    "Ryzen 5, RAM 16GB, SSD 512GB",
    "Chip i7 – 8G – 1TB HDD",
    "i5-8500, RAM 8GB, HDD 1TB",
    "Core i3 10100 / 8G / SSD 240G",
    "i7-12700, 16GB DDR4, NVMe 512GB",
    "Pentium G6400 4GB 256GB SSD",
    "i5 11400 8GB SSD 256GB",
    "Core i5",
];
const CONDITIONS: &[&str] = &[
    "Tốt",
    "Tốt",
    "Đang sử dụng",
    "Bình thường",
    "Hỏng",
    "Cũ",
    "Xuống cấp",
    "Cần thay thế",
];
const BLOCKS: &[&str] = &["Đảng", "Mặt trận Tổ quốc", "Đoàn thể", "CT-XH"];
const LEVELS: &[&str] = &["Phường", "Xã", "Thành phố", "Đặc khu"];
const ROMAN: &[&str] = &["I", "II", "III"];

fn workbook(rng: &mut Rng, i: u64) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let dt = ExcelDateTime::from_ymd(2025, 11, 20)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&dt));
    let bold = Format::new().set_bold();
    let commune = i / 7;
    let code = format!("U{i:05}");
    let staff = 3 + rng.below(40);
    {
        let info = wb.add_worksheet().set_name(INFO_SHEET)?;
        // The values of the template's labels, in their order.
        let values: [String; 9] = [
            code.clone(),
            format!("Đơn vị số {i} xã {commune}"),
            rng.pick(BLOCKS).to_string(),
            rng.pick(LEVELS).to_string(),
            format!("TS-{commune:04}"),
            format!("{staff} người"),
            (rng.below(3) + 1).min(staff).to_string(),
            "20/11/2025".to_string(),
            "1".to_string(),
        ];
        info.write_string_with_format(0, 0, "THÔNG TIN ĐƠN VỊ", &bold)?;
        for (r, (k, v)) in INFO_LABELS.iter().zip(&values).enumerate() {
            info.write_string(r as u32 + 2, 0, *k)?;
            info.write_string(r as u32 + 2, 1, v)?;
        }
    }
    let ws = wb.add_worksheet().set_name(INVENTORY_SHEET)?;
    ws.merge_range(
        0,
        0,
        0,
        8,
        "BÁO CÁO HIỆN TRẠNG TRANG THIẾT BỊ CÔNG NGHỆ THÔNG TIN",
        &bold,
    )?;
    ws.write_string(1, 0, "(Kèm theo Công văn số …/UBND-KHCN)")?;
    // STT, then the template's device columns.
    let headers = std::iter::once("STT").chain(DEVICE_HEADERS);
    for (c, h) in headers.enumerate() {
        ws.write_string_with_format(3, c as u16, h, &bold)?;
    }
    let mut row = 4u32;
    let n = 20 + rng.below(61);
    let per = n.div_ceil(3);
    let mut stt = 1;
    for (s, (group, names)) in DEVICES.iter().enumerate() {
        ws.write_string_with_format(row, 0, ROMAN[s], &bold)?;
        ws.write_string_with_format(row, 1, "Nhóm thiết bị", &bold)?;
        row += 1;
        let mut sum = 0;
        for _ in 0..per {
            let q = 1 + rng.below(4);
            sum += q;
            ws.write_number(row, 0, stt as f64)?;
            ws.write_string(row, 1, *rng.pick(names))?;
            if *group == "terminal" {
                ws.write_string(row, 2, *rng.pick(CONFIGS))?;
            }
            ws.write_number(row, 3, (2012 + rng.below(14)) as f64)?;
            ws.write_number(row, 4, q as f64)?;
            ws.write_string(row, 5, *rng.pick(CONDITIONS))?;
            if rng.below(3) == 0 {
                ws.write_string(row, 6, format!("SN{i:05}{stt:03}"))?;
            }
            row += 1;
            stt += 1;
        }
        ws.write_string(row, 1, format!("Cộng {}", ROMAN[s]))?;
        ws.write_number(row, 4, sum as f64)?;
        row += 1;
    }
    ws.write_string_with_format(row, 1, "Tổng cộng", &bold)?;
    Ok(wb)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("target/bench-corpus"),
    );
    let n: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1300);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2025);
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    for i in 0..n {
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub)?;
        let mut wb = workbook(&mut rng, i)?;
        wb.save(sub.join(format!("U{i:05}.xlsx")))?;
    }
    println!("wrote {n} submissions into {}", dir.display());
    Ok(())
}
