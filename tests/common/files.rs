//! Hand-written file formats the writers at hand cannot make: compound files (Excel 97-2003,
//! BIFF8) and OpenDocument spreadsheets, whole or broken on purpose.

use super::INV;
use std::io::{Cursor, Write};

/// Bytes that do not compress: a fixed xorshift sequence.
pub fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// A compound file (MS-CFB, version 3, 512-byte sectors): FAT sectors first, then the
/// directory, then each stream in consecutive sectors (padded to 4096 bytes so none lives in
/// the mini stream; an empty stream has no sector). Returns the file and, per stream, its
/// first sector.
pub fn cfb(streams: &[(&str, Vec<u8>)]) -> (Vec<u8>, Vec<u32>) {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    assert!(streams.len() <= 3, "one directory sector");
    let sectors_of = |d: &Vec<u8>| {
        if d.is_empty() {
            0
        } else {
            d.len().max(4096).div_ceil(512)
        }
    };
    let data: usize = streams.iter().map(|(_, d)| sectors_of(d)).sum::<usize>() + 1;
    let mut nfat = 1;
    while data + nfat > 128 * nfat {
        nfat += 1;
    }
    assert!(nfat <= 109);
    let put32 = |b: &mut [u8], at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    let put16 = |b: &mut [u8], at: usize, v: u16| b[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put16(&mut h, 24, 0x003E); // minor version
    put16(&mut h, 26, 3); // major version
    put16(&mut h, 28, 0xFFFE); // byte order
    put16(&mut h, 30, 9); // 512-byte sectors
    put16(&mut h, 32, 6); // 64-byte mini sectors
    put32(&mut h, 44, nfat as u32);
    put32(&mut h, 48, nfat as u32); // the directory follows the FAT
    put32(&mut h, 56, 4096);
    put32(&mut h, 60, END);
    put32(&mut h, 68, END);
    for i in 0..109 {
        put32(&mut h, 76 + 4 * i, if i < nfat { i as u32 } else { FREE });
    }
    let mut fat = vec![FREE; 128 * nfat];
    for f in fat.iter_mut().take(nfat) {
        *f = 0xFFFF_FFFD;
    }
    fat[nfat] = END;
    let mut next = nfat as u32 + 1;
    let mut starts = Vec::new();
    let mut body = Vec::new();
    for (_, d) in streams {
        let n = sectors_of(d) as u32;
        if n == 0 {
            starts.push(END);
            continue;
        }
        starts.push(next);
        for k in 0..n {
            fat[(next + k) as usize] = if k + 1 == n { END } else { next + k + 1 };
        }
        let mut padded = d.clone();
        padded.resize(n as usize * 512, 0);
        body.extend(padded);
        next += n;
    }
    let mut dir = vec![0u8; 512];
    let mut entry =
        |i: usize, name: &str, kind: u8, child: u32, right: u32, start: u32, size: u32| {
            let e = &mut dir[i * 128..(i + 1) * 128];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (k, u) in units.iter().enumerate() {
                e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
            e[66] = kind;
            e[67] = 1;
            e[68..72].copy_from_slice(&FREE.to_le_bytes());
            e[72..76].copy_from_slice(&right.to_le_bytes());
            e[76..80].copy_from_slice(&child.to_le_bytes());
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
        };
    entry(0, "Root Entry", 5, 1, FREE, END, 0);
    for (i, (name, d)) in streams.iter().enumerate() {
        let right = if i + 1 < streams.len() {
            i as u32 + 2
        } else {
            FREE
        };
        entry(
            i + 1,
            name,
            2,
            FREE,
            right,
            starts[i],
            d.len().max(if d.is_empty() { 0 } else { 4096 }) as u32,
        );
    }
    let mut out = h;
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(dir);
    out.extend(body);
    (out, starts)
}

/// Set FAT entry `id` of a file written by [`cfb`] (one FAT sector).
pub fn set_fat(file: &mut [u8], id: u32, next: u32) {
    let at = 512 + 4 * id as usize;
    file[at..at + 4].copy_from_slice(&next.to_le_bytes());
}

/// The streams of an encrypted OOXML package: what Excel writes for a password.
pub fn encrypted_cfb() -> Vec<u8> {
    cfb(&[
        ("EncryptionInfo", Vec::new()),
        ("EncryptedPackage", noise(4096)),
    ])
    .0
}

/// An `.ods` package holding `tables` (`<table:table>` elements); `encrypted` marks the content
/// as encrypted in the manifest, as LibreOffice does for a password.
pub fn ods(tables: &str, encrypted: bool) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let enc = if encrypted {
        r#"<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/>"#
    } else {
        ""
    };
    z.start_file(
        "META-INF/manifest.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    write!(
        z,
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{enc}</manifest:file-entry></manifest:manifest>"#
    )
    .unwrap();
    z.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    write!(
        z,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    z.finish().unwrap().into_inner()
}

pub fn ods_text(s: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
    )
}

pub fn ods_num(v: i64) -> String {
    format!(
        r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
    )
}

pub fn ods_row(cells: &[String]) -> String {
    format!("<table:table-row>{}</table:table-row>", cells.concat())
}

pub fn ods_table(name: &str, rows: &str) -> String {
    format!(r#"<table:table table:name="{name}">{rows}</table:table>"#)
}

/// Unit labels, a header and one printer row.
pub fn ods_unit_rows() -> String {
    [
        ods_row(&[
            ods_text("Mã đơn vị: DU-ODS"),
            ods_text("Tên đơn vị: Đảng ủy ODS"),
        ]),
        ods_row(&[
            ods_text("Khối: Đảng"),
            ods_text("Cấp: Xã"),
            ods_text("Số cán bộ: 2"),
        ]),
        ods_row(&[
            ods_text("Tên thiết bị"),
            ods_text("Số lượng"),
            ods_text("Năm sử dụng"),
        ]),
        ods_row(&[ods_text("Máy in"), ods_num(1), ods_num(2024)]),
    ]
    .concat()
}

pub enum X {
    T(&'static str),
    N(f64),
}

pub fn rec(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    out.extend(typ.to_le_bytes());
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
}

pub fn bof(dt: u16) -> Vec<u8> {
    let mut d = 0x0600u16.to_le_bytes().to_vec();
    d.extend(dt.to_le_bytes());
    d.extend([0u8; 12]);
    d
}

pub fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

/// One sheet of a [`biff8`] stream: name, DIMENSIONS data, cells.
pub type Biff8Sheet<'a> = (&'a str, [u32; 4], Vec<(u16, u16, X)>);

/// A `Workbook` stream: one sheet per (name, DIMENSIONS data, cells).
pub fn biff8(sheets: &[Biff8Sheet<'_>]) -> Vec<u8> {
    let bound = |pos: u32, name: &str| {
        let mut d = pos.to_le_bytes().to_vec();
        d.extend([0u8, 0, name.encode_utf16().count() as u8, 1]);
        d.extend(utf16(name));
        d
    };
    let mut globals = Vec::new();
    rec(&mut globals, 0x0809, &bof(0x0005));
    rec(&mut globals, 0x0042, &1200u16.to_le_bytes());
    for (name, ..) in sheets {
        rec(&mut globals, 0x0085, &bound(0, name));
    }
    rec(&mut globals, 0x000A, &[]);
    let mut body = Vec::new();
    let mut positions = Vec::new();
    for (_, dims, cells) in sheets {
        positions.push((globals.len() + body.len()) as u32);
        rec(&mut body, 0x0809, &bof(0x0010));
        let mut d: Vec<u8> = dims.iter().take(2).flat_map(|v| v.to_le_bytes()).collect();
        d.extend((dims[2] as u16).to_le_bytes());
        d.extend((dims[3] as u16).to_le_bytes());
        d.extend([0, 0]);
        rec(&mut body, 0x0200, &d);
        for (r, c, v) in cells {
            let mut d = r.to_le_bytes().to_vec();
            d.extend(c.to_le_bytes());
            d.extend(0u16.to_le_bytes());
            match v {
                X::T(t) => {
                    d.extend((t.encode_utf16().count() as u16).to_le_bytes());
                    d.push(1);
                    d.extend(utf16(t));
                    rec(&mut body, 0x0204, &d);
                }
                X::N(n) => {
                    d.extend(n.to_le_bytes());
                    rec(&mut body, 0x0203, &d);
                }
            }
        }
        rec(&mut body, 0x000A, &[]);
    }
    // Now that the sheets' positions are known, write them into the BoundSheet8 records.
    let mut globals2 = Vec::new();
    rec(&mut globals2, 0x0809, &bof(0x0005));
    rec(&mut globals2, 0x0042, &1200u16.to_le_bytes());
    for ((name, ..), pos) in sheets.iter().zip(&positions) {
        rec(&mut globals2, 0x0085, &bound(*pos, name));
    }
    rec(&mut globals2, 0x000A, &[]);
    assert_eq!(globals2.len(), globals.len());
    globals2.extend(body);
    globals2
}

/// A valid survey as an .xls inventory sheet: labels, header, a printer; plus `extra` cells.
pub fn xls_survey(dims: [u32; 4], extra: Vec<(u16, u16, X)>) -> Vec<u8> {
    let mut cells = vec![
        (0, 0, X::T("Mã đơn vị: DU-XLS")),
        (0, 1, X::T("Tên đơn vị: Đảng ủy XLS")),
        (1, 0, X::T("Khối: Đảng")),
        (1, 1, X::T("Cấp: Xã")),
        (1, 2, X::T("Số cán bộ: 2")),
        (2, 0, X::T("Tên thiết bị")),
        (2, 1, X::T("Số lượng")),
        (2, 2, X::T("Năm sử dụng")),
        (3, 0, X::T("Máy in")),
        (3, 1, X::N(1.0)),
        (3, 2, X::N(2024.0)),
    ];
    cells.extend(extra);
    cfb(&[("Workbook", biff8(&[(INV, dims, cells)]))]).0
}
