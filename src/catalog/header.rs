//! `catalog.toml` (SPEC §2): name, dates, VAT and contingency, the channels (whose ids name
//! the hand-over files, SPEC §9) and the optional `[documents]` table.

use super::documents::{self, Documents};
use super::{parse_decimal, said, Channel, Errors, SELF};
use crate::base::{fits_a_cell, parse_iso_date as parse_date, MAX_TEXT};
use rust_decimal::Decimal;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Header {
    name: String,
    effective: String,
    reference_year: i32,
    currency: String,
    vat_percent: String,
    contingency_percent: String,
    channels: toml::Table,
    documents: Option<documents::Raw>,
}

pub(crate) struct ParsedHeader {
    pub(super) name: String,
    pub(super) effective: String,
    pub(super) reference_year: i32,
    pub(super) currency: String,
    pub(super) vat_percent: Decimal,
    pub(super) contingency_percent: Decimal,
    pub(super) channels: Vec<Channel>,
    pub(super) documents: Documents,
}

pub(super) fn parse_header(text: &str, errs: &mut Errors) -> Option<ParsedHeader> {
    const F: &str = "catalog.toml";
    let h: Header = match toml::from_str(text) {
        Ok(h) => h,
        Err(e) => {
            let line = e.span().map(|s| {
                text.as_bytes()[..s.start.min(text.len())]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64
                    + 1
            });
            let m = e.message();
            errs.push(
                F,
                line,
                None,
                said!("not valid TOML: {m}", "không đúng cú pháp TOML: {m}"),
            );
            return None;
        }
    };
    let before = errs.0.len();
    if !fits_a_cell(&h.name) {
        errs.push(
            F,
            None,
            Some("name"),
            said!(
                "longer than the {MAX_TEXT} characters a spreadsheet cell holds",
                "dài hơn {MAX_TEXT} ký tự, mức một ô bảng tính chứa được"
            ),
        );
    }
    let pct = |v: &str, key: &str, errs: &mut Errors| -> Decimal {
        match parse_decimal(v) {
            Some(d) if d >= Decimal::ZERO && d <= Decimal::ONE_HUNDRED => d,
            _ => {
                errs.push(
                    F,
                    None,
                    Some(key),
                    said!(
                        "'{v}' is not a percentage; write a decimal string such as \"10\"",
                        "'{v}' không phải tỷ lệ phần trăm; ghi số thập phân trong dấu nháy, ví dụ \"10\""
                    ),
                );
                Decimal::ZERO
            }
        }
    };
    let vat_percent = pct(&h.vat_percent, "vat_percent", errs);
    let contingency_percent = pct(&h.contingency_percent, "contingency_percent", errs);
    if parse_date(&h.effective).is_none() {
        errs.push(
            F,
            None,
            Some("effective"),
            said!(
                "'{}' is not a date YYYY-MM-DD",
                "'{}' không phải ngày dạng YYYY-MM-DD",
                h.effective
            ),
        );
    }
    if !(1900..=2100).contains(&h.reference_year) {
        errs.push(
            F,
            None,
            Some("reference_year"),
            said!(
                "{} is not a year",
                "{} không phải năm hợp lệ",
                h.reference_year
            ),
        );
    }
    let mut channels = Vec::new();
    for (id, label) in &h.channels {
        if !channel_id_ok(id) {
            errs.push(
                F,
                None,
                Some("channels"),
                said!(
                    "channel id '{}' is not usable: it names the file ban-giao-<id>.xlsx, so write it with lower-case letters a-z, digits, '-' and '_', starting with a letter, at most {MAX_CHANNEL_ID} characters (no '/', '\\', '..', spaces or accents)",
                    "mã kênh '{}' không dùng được: mã này đặt tên tệp ban-giao-<mã>.xlsx, nên chỉ gồm chữ thường a-z, chữ số, '-' và '_', bắt đầu bằng chữ, tối đa {MAX_CHANNEL_ID} ký tự (không có '/', '\\', '..', dấu cách hay dấu tiếng Việt)",
                    id.escape_debug()
                ),
            );
        }
        match label.as_str() {
            Some(l) => channels.push(Channel {
                id: id.clone(),
                label: l.to_string(),
            }),
            None => errs.push(
                F,
                None,
                Some("channels"),
                said!(
                    "channel '{id}' needs a text label",
                    "kênh '{id}' cần một nhãn dạng văn bản"
                ),
            ),
        }
    }
    if !channels.iter().any(|c| c.id == SELF) {
        errs.push(
            F,
            None,
            Some("channels"),
            said!(
                "[channels] must define `self`",
                "[channels] phải khai báo kênh `self`"
            ),
        );
    }
    let documents = documents::parse(text, h.documents, errs);
    if errs.0.len() > before {
        return None;
    }
    Some(ParsedHeader {
        name: h.name,
        effective: h.effective,
        reference_year: h.reference_year,
        currency: h.currency,
        vat_percent,
        contingency_percent,
        channels,
        documents,
    })
}

/// The longest channel id: it is part of a file name.
const MAX_CHANNEL_ID: usize = 64;

/// A channel id is `[a-z][a-z0-9_-]*` (SPEC §2): it names a file, `ban-giao-<id>.xlsx`, so
/// it must be a safe file-name part on every system (no separators, `..`, spaces, or the
/// characters Windows forbids).
fn channel_id_ok(id: &str) -> bool {
    let mut chars = id.chars();
    id.len() <= MAX_CHANNEL_ID
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_ids_are_safe_file_name_parts() {
        for ok in ["self", "police", "dx-center", "mua_sam_2", "a"] {
            assert!(channel_id_ok(ok), "{ok}");
        }
        let long = "a".repeat(MAX_CHANNEL_ID + 1);
        for bad in [
            "", "../x", "..", "a/b", "a\\b", "Police", "2nd", "-x", "a b", "công-an", "a:b", "a*b",
            "con|x", &long,
        ] {
            assert!(!channel_id_ok(bad), "{bad}");
        }
    }
}
