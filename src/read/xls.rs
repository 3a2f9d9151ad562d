//! SPEC §3 "Files" for Excel 97-2003: a guard in front of calamine's reader of Excel 97-2003 files (a compound file holding a
//! BIFF `Workbook` stream).
//!
//! calamine trusts the file's structure: a sector chain that loops makes it read forever (a
//! kilobyte file exhausts memory and aborts the whole run, which no `catch_unwind` can stop), a
//! `DIMENSIONS` record makes it reserve room for every declared cell, and each sheet is
//! expanded into the full grid between its first and last cells when the file is opened. This
//! module walks the same structures calamine will walk, without building anything:
//! - a chain that loops or leaves the file is refused as damaged;
//! - a declared dimension larger than the cell limit is cleared in place (SPEC §3: a declared
//!   dimension alone is never an error; calamine uses it only to reserve memory);
//! - more non-empty cells than the limit in a sheet, or grids over the limit in all, are
//!   refused as too large, as are more sheets than the limit;
//! - a password-protected file (a `FILEPASS` record, whatever its encryption) is refused as
//!   encrypted before any of these: its scrambled records would look like any of them.

use super::workbook::{Limits, OpenError};
use crate::diag::{Limit, Unreadable, WorkbookFormat};

const END: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|x| u16::from_le_bytes([x[0], x[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
}

fn damaged(what: &str) -> OpenError {
    OpenError::Unreadable(Unreadable::damaged(WorkbookFormat::Xls, what))
}

/// A stream's bytes and, for each piece of it, where that piece lies in the file.
struct Stream {
    data: Vec<u8>,
    /// (offset in the stream, offset in the file, length)
    pieces: Vec<(usize, usize, usize)>,
}

impl Stream {
    fn push(&mut self, file: &[u8], at: usize, len: usize) {
        let end = (at + len).min(file.len());
        let at = at.min(end);
        self.pieces.push((self.data.len(), at, end - at));
        self.data.extend_from_slice(&file[at..end]);
    }

    /// The file offset of stream offset `off`.
    fn file_offset(&self, off: usize) -> Option<usize> {
        let i = self.pieces.partition_point(|p| p.0 <= off).checked_sub(1)?;
        let (s, f, l) = self.pieces[i];
        (off < s + l).then_some(f + off - s)
    }
}

/// The compound file, as calamine reads it (`cfb.rs`).
struct Cfb<'a> {
    file: &'a [u8],
    size: usize,
    maxid: u32,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn sector(&self, id: u32) -> Result<(usize, usize), OpenError> {
        if id > self.maxid {
            return Err(damaged("a sector beyond the end of the file"));
        }
        Ok(((id as usize + 1) * self.size, self.size))
    }

    /// Follow a chain from `start` until `len` bytes are read or the chain ends; a chain that
    /// comes back to a sector before that would make calamine loop.
    fn chain(&self, start: u32, len: usize) -> Result<Stream, OpenError> {
        let mut s = Stream {
            data: Vec::new(),
            pieces: Vec::new(),
        };
        let mut seen = vec![false; self.maxid as usize + 1];
        let mut id = start;
        while id != END {
            let (at, size) = self.sector(id)?;
            if std::mem::replace(&mut seen[id as usize], true) {
                return Err(damaged("a sector chain that loops"));
            }
            let take = size.min(len - s.data.len());
            s.push(self.file, at, take);
            if s.data.len() >= len {
                break;
            }
            // A sector cut short by the end of the file: calamine reads nothing more from it.
            if at + take > self.file.len() && s.data.len() < len {
                return Err(damaged("a stream longer than the file"));
            }
            id = *self
                .fat
                .get(id as usize)
                .ok_or_else(|| damaged("a sector outside the allocation table"))?;
        }
        Ok(s)
    }
}

struct Entry {
    name: String,
    start: u32,
    len: usize,
}

/// The `Workbook` (or `Book`) stream, read the way calamine reads it. `None` when there is
/// none (calamine then reports the file as not an Excel file).
fn workbook_stream(file: &[u8]) -> Result<Option<Stream>, OpenError> {
    if file.len() < 512 {
        return Ok(None);
    }
    let version = u16_at(file, 26).unwrap_or(0);
    let size = match u16_at(file, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Ok(None),
    };
    let h = |at| u32_at(file, at).unwrap_or(0);
    let (dir_start, mini_fat_start, mini_fat_len, difat_start) =
        (h(48), h(60), h(64) as usize, h(68));
    let maxid = (file.len() / size) as u32;
    let mut cfb = Cfb {
        file,
        size,
        maxid,
        fat: Vec::new(),
    };
    // The DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
    let mut difat: Vec<u32> = u32s(&file[76..512]).collect();
    let mut id = difat_start;
    let mut n = 0u32;
    while id < RESERVED {
        n += 1;
        if n > maxid.saturating_add(1) {
            return Err(damaged("a DIFAT chain that loops"));
        }
        let (at, len) = cfb.sector(id)?;
        difat.extend(u32s(&file[at.min(file.len())..(at + len).min(file.len())]));
        id = difat.pop().unwrap_or(END);
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        let (at, len) = cfb.sector(id)?;
        fat.extend(u32s(&file[at.min(file.len())..(at + len).min(file.len())]));
    }
    cfb.fat = fat;
    let dirs = cfb.chain(dir_start, usize::MAX)?;
    let entries: Vec<Entry> = dirs
        .data
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|x| u16::from_le_bytes([x[0], x[1]]))
                .collect();
            let mut name = String::from_utf16_lossy(&units);
            if let Some(p) = name.find('\0') {
                name.truncate(p);
            }
            let len = if size == 512 {
                u32_at(e, 120).unwrap_or(0) as usize
            } else {
                e.get(120..128)
                    .map(|x| u64::from_le_bytes([x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]]))
                    .and_then(|v| usize::try_from(v).ok())
                    .unwrap_or(usize::MAX)
            };
            Entry {
                name,
                start: u32_at(e, 116).unwrap_or(END),
                len,
            }
        })
        .collect();
    let Some(root) = entries.first() else {
        return Ok(None);
    };
    if version != 3 && root.start == END {
        return Ok(None);
    }
    let (mini, mini_fat) = if mini_fat_len > 0 {
        let mini = cfb.chain(root.start, root.len)?;
        let mf = cfb.chain(mini_fat_start, mini_fat_len.saturating_mul(size))?;
        (Some(mini), u32s(&mf.data).collect::<Vec<u32>>())
    } else {
        (None, Vec::new())
    };
    let named = |n: &str| entries.iter().find(|e| e.name.eq_ignore_ascii_case(n));
    let Some(wb) = named("Workbook").or_else(|| named("Book")) else {
        return Ok(None);
    };
    if wb.len >= 4096 {
        return cfb.chain(wb.start, wb.len).map(Some);
    }
    // A small stream lives in the mini stream, in 64-byte sectors.
    let mini = mini.unwrap_or(Stream {
        data: Vec::new(),
        pieces: Vec::new(),
    });
    let mut s = Stream {
        data: Vec::new(),
        pieces: Vec::new(),
    };
    let mut seen = vec![false; mini_fat.len()];
    let mut id = wb.start;
    while id != END && s.data.len() < wb.len {
        let seen_it = seen
            .get_mut(id as usize)
            .ok_or_else(|| damaged("a mini sector outside the table"))?;
        if std::mem::replace(seen_it, true) {
            return Err(damaged("a mini sector chain that loops"));
        }
        let off = id as usize * 64;
        let take = 64.min(wb.len - s.data.len());
        if off + take > mini.data.len() {
            return Err(damaged("a mini sector beyond the mini stream"));
        }
        let at = mini
            .file_offset(off)
            .ok_or_else(|| damaged("a mini sector beyond the mini stream"))?;
        s.push(file, at, take);
        id = mini_fat[id as usize];
    }
    Ok(Some(s))
}

/// BIFF records as calamine iterates them: (type, offset of the data in the stream, data).
fn records(stream: &[u8], from: usize) -> impl Iterator<Item = (u16, usize, &[u8])> {
    let mut pos = from;
    std::iter::from_fn(move || {
        let typ = u16_at(stream, pos)?;
        let len = u16_at(stream, pos + 2)? as usize;
        let data = stream.get(pos + 4..pos + 4 + len)?;
        let at = pos + 4;
        pos += 4 + len;
        Some((typ, at, data))
    })
}

/// Rows × columns calamine reserves for a `DIMENSIONS` record (`parse_dimensions`, then
/// `end - start + 1` in `u32`, which wraps in a release build: a first row above the last
/// asks for about four billion rows).
fn declared_cells(d: &[u8]) -> u64 {
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (
            u16_at(d, 0).unwrap_or(0) as u32,
            u16_at(d, 2).unwrap_or(0) as u32,
            u16_at(d, 4).unwrap_or(0) as u32,
            u16_at(d, 6).unwrap_or(0) as u32,
        ),
        14 | 16 => (
            u32_at(d, 0).unwrap_or(0),
            u32_at(d, 4).unwrap_or(0),
            u16_at(d, 8).unwrap_or(0) as u32,
            u16_at(d, 10).unwrap_or(0) as u32,
        ),
        _ => return 0,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let end = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    let rows = end.0.wrapping_sub(rf).wrapping_add(1) as u64;
    let cols = end.1.wrapping_sub(cf).wrapping_add(1) as u64;
    rows.saturating_mul(cols)
}

/// Cells and grid of one sheet substream starting at `pos`; dimension records to clear.
struct SheetScan {
    cells: u64,
    bounds: Option<(u32, u32, u32, u32)>,
    clear: Vec<(usize, usize)>,
}

impl SheetScan {
    /// `n` cells from (`row`, `col`) rightwards.
    fn add(&mut self, row: u32, col: u32, n: u32) {
        if n == 0 {
            return;
        }
        self.cells = self.cells.saturating_add(n as u64);
        let last = col.saturating_add(n - 1);
        self.bounds = Some(match self.bounds {
            None => (row, row, col, last),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(last)),
        });
    }
}

fn scan_sheet(stream: &[u8], pos: usize, max: u64) -> SheetScan {
    let mut s = SheetScan {
        cells: 0,
        bounds: None,
        clear: Vec::new(),
    };
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (typ, at, d) in records(stream, pos) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let rc = || Some((u16_at(d, 0)? as u32, u16_at(d, 2)? as u32));
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 if declared_cells(d) > max => s.clear.push((at, d.len())),
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let Some((r, c)) = rc() {
                    s.add(r, c, 1);
                }
            }
            0x00BD if d.len() >= 6 => {
                if let Some((r, c)) = rc() {
                    s.add(r, c, ((d.len() - 6) / 6) as u32);
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    s
}

/// Check (and where needed defuse) an Excel 97-2003 file before calamine opens it.
pub fn guard(file: &mut [u8], limits: &Limits) -> Result<(), OpenError> {
    let Some(stream) = workbook_stream(file)? else {
        return Ok(());
    };
    let wb = &stream.data;
    // The globals: sheet positions (BoundSheet8), up to the first EOF.
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for (typ, _, d) in records(wb, 0) {
        match typ {
            0x0085 if d.len() >= 8 => {
                let pos = u32_at(d, 0).unwrap_or(0) as usize;
                let cch = d[6] as usize;
                let name = if d[7] & 1 == 1 {
                    let units: Vec<u16> = d[8..]
                        .chunks_exact(2)
                        .take(cch)
                        .map(|x| u16::from_le_bytes([x[0], x[1]]))
                        .collect();
                    String::from_utf16_lossy(&units)
                } else {
                    d[8..].iter().take(cch).map(|&b| b as char).collect()
                };
                sheets.push((pos, name));
            }
            // FILEPASS: the records after it are scrambled (RC4, RC4 CryptoAPI or XOR
            // obfuscation, which calamine does not flag), their positions and sizes too.
            0x002F => return Err(OpenError::Encrypted),
            0x000A => break,
            _ => {}
        }
    }
    if sheets.len() > limits.max_sheets {
        return Err(OpenError::TooLarge(Limit::Sheets {
            count: sheets.len(),
            max: limits.max_sheets,
        }));
    }
    let max = limits.max_cells;
    let (mut total, mut largest) = (0u64, (0u64, String::new()));
    let mut clear = Vec::new();
    for (pos, name) in &sheets {
        let s = scan_sheet(wb, *pos, max);
        let name = crate::fold::display(name);
        if s.cells > max {
            return Err(OpenError::TooLarge(Limit::Cells { sheet: name, max }));
        }
        let grid = s.bounds.map_or(0, |(r0, r1, c0, c1)| {
            ((r1 - r0) as u64 + 1) * ((c1 - c0) as u64 + 1)
        });
        total = total.saturating_add(grid);
        if grid > largest.0 {
            largest = (grid, name);
        }
        clear.extend(s.clear);
    }
    if total > max {
        return Err(OpenError::TooLarge(Limit::Grid {
            sheet: largest.1,
            cells: total,
            max,
        }));
    }
    // Clear oversized declared dimensions in place: calamine then reserves nothing for them.
    for (at, len) in clear {
        for off in at..at + len {
            if let Some(f) = stream.file_offset(off) {
                if let Some(b) = file.get_mut(f) {
                    *b = 0;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
        let mut d = rf.to_le_bytes().to_vec();
        d.extend(rl.to_le_bytes());
        d.extend(cf.to_le_bytes());
        d.extend(cl.to_le_bytes());
        d.extend([0, 0]);
        d
    }

    #[test]
    fn declared_cells_as_calamine_computes_them() {
        assert_eq!(declared_cells(&dims(0, 5, 0, 3)), 15);
        assert_eq!(declared_cells(&dims(0, 0, 0, 0)), 1);
        assert_eq!(
            declared_cells(&dims(0, 1_048_576, 0, 65_535)),
            1_048_576 * 65_535
        );
        // A first row above the last wraps around.
        assert_eq!(
            declared_cells(&dims(11_534_336, 5, 0, 3)),
            (4u32.wrapping_sub(11_534_336) as u64 + 1) * 3
        );
        assert_eq!(declared_cells(&[1, 2, 3]), 0);
    }

    #[test]
    fn garbage_is_left_to_calamine_or_refused_without_panicking() {
        let mut x: u64 = 7;
        for n in [0usize, 100, 512, 513, 1024, 1600, 5000] {
            let mut b: Vec<u8> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect();
            if b.len() >= 8 {
                b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
            }
            let _ = guard(&mut b, &Limits::default());
        }
    }
}
