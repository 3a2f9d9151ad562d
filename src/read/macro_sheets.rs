//! Excel 4 macro sheets in xlsx, xlsm and xlsb workbooks (SPEC §3 "Files": a sheet that is
//! not a worksheet holds no table and is passed over).
//!
//! calamine knows worksheets, chart sheets and dialog sheets in these formats, and refuses the
//! whole workbook when it lists a macro sheet (`Unrecognized sheet:type`). The reader works on
//! a copy in memory whose workbook relationships name each macro sheet as a dialog sheet, so
//! that calamine lists it as a sheet that is not a worksheet; the macro sheet itself is never
//! read. The file on disk is never modified.

use std::io::{Cursor, Read, Write};

/// The relationship part of the workbook, and the text in it that marks a macro sheet with
/// the text that marks a dialog sheet instead (same length is not needed: the part is
/// rewritten whole).
fn rewrites(xlsb: bool) -> (&'static str, &'static [(&'static str, &'static str)]) {
    if xlsb {
        // calamine tells an xlsb sheet's kind by the folder of its part.
        (
            "xl/_rels/workbook.bin.rels",
            &[
                ("Target=\"macrosheets/", "Target=\"dialogsheets/"),
                ("Target='macrosheets/", "Target='dialogsheets/"),
            ],
        )
    } else {
        // calamine tells an xlsx sheet's kind by the end of its relationship type.
        (
            "xl/_rels/workbook.xml.rels",
            &[
                ("/xlMacrosheet\"", "/dialogsheet\""),
                ("/xlMacrosheet'", "/dialogsheet'"),
                ("/xlIntlMacrosheet\"", "/dialogsheet\""),
                ("/xlIntlMacrosheet'", "/dialogsheet'"),
            ],
        )
    }
}

/// A copy of the workbook in which macro sheets read as dialog sheets, or `None` when it has
/// none (or its parts cannot be read: calamine then reports the damage).
pub fn as_dialog_sheets(z: &mut zip::ZipArchive<Cursor<&[u8]>>, xlsb: bool) -> Option<Vec<u8>> {
    let (part, pairs) = rewrites(xlsb);
    let mut text = String::new();
    {
        let f = z.by_name(part).ok()?;
        // Its size was checked with the other entries; a relationship part is small.
        let declared = f.size();
        f.take(declared).read_to_string(&mut text).ok()?;
    }
    if !pairs.iter().any(|(from, _)| text.contains(from)) {
        return None;
    }
    for (from, to) in pairs {
        text = text.replace(from, to);
    }
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..z.len() {
        let f = z.by_index_raw(i).ok()?;
        if f.name().map_or(true, |n| n != part) {
            w.raw_copy_file(f).ok()?;
        }
    }
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file(part, stored).ok()?;
    w.write_all(text.as_bytes()).ok()?;
    w.finish().ok().map(Cursor::into_inner)
}
