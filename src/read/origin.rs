//! The mark a survey form made by `rasoat template` carries: the catalog's name and effective
//! date as custom document properties, read back so that `check` warns when a form was made
//! from another catalog (`W-TEMPLATE-CATALOG`; SPEC §7: calamine cannot read them, so this
//! reads `docProps/custom.xml` from the xlsx archive itself).

use crate::catalog::Catalog;
use crate::diag::{Code, Diagnostic, Msg};
use std::io::{Cursor, Read};

/// Custom document properties naming the catalog a form was made from.
pub const PROP_CATALOG: &str = "rasoat_catalog";
pub const PROP_EFFECTIVE: &str = "rasoat_catalog_effective";
pub const PROP_UNIT_TYPE: &str = "rasoat_unit_type";

/// The catalog a form says it was made from (custom document properties).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub catalog: String,
    pub effective: Option<String>,
}

/// Largest `docProps/custom.xml` read; a bigger one is ignored.
const MAX_CUSTOM_XML: u64 = 1024 * 1024;

/// The catalog named in an xlsx's custom properties, `None` when there is none (or the bytes
/// are not a zip, or the part is over 1 MiB). Reads only `docProps/custom.xml`.
pub fn origin(bytes: &[u8]) -> Option<Origin> {
    if !bytes.starts_with(b"PK") {
        return None;
    }
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let f = z.by_name("docProps/custom.xml").ok()?;
    if f.size() > MAX_CUSTOM_XML {
        return None;
    }
    let mut buf = Vec::new();
    f.take(MAX_CUSTOM_XML).read_to_end(&mut buf).ok()?;
    let xml = String::from_utf8(buf).ok()?;
    let props = custom_properties(&xml);
    let get = |name: &str| {
        props
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim().to_string())
    };
    let catalog = get(PROP_CATALOG).filter(|s| !s.is_empty())?;
    Some(Origin {
        catalog,
        effective: get(PROP_EFFECTIVE).filter(|s| !s.is_empty()),
    })
}

/// `W-TEMPLATE-CATALOG` when the form was made from another catalog (name or effective date).
pub fn origin_diagnostic(file: &str, origin: &Origin, catalog: &Catalog) -> Option<Diagnostic> {
    let same_name = crate::fold::display(&origin.catalog) == crate::fold::display(&catalog.name);
    let same_date = origin
        .effective
        .as_deref()
        .is_none_or(|e| e == catalog.effective.trim());
    if same_name && same_date {
        return None;
    }
    Some(Diagnostic::file(
        Code::TemplateCatalog,
        file,
        Msg::TemplateCatalog(Box::new(crate::diag::TemplateOrigin {
            template: origin.catalog.clone(),
            template_effective: origin.effective.clone(),
            catalog: catalog.name.clone(),
            catalog_effective: catalog.effective.clone(),
        })),
    ))
}

/// `(name, value)` of each `<property name="…"><vt:…>value</vt:…></property>`.
fn custom_properties(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<property") {
        rest = &rest[i + "<property".len()..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        if tag.ends_with('/') {
            // An empty `<property …/>` has no value.
            rest = &rest[tag_end..];
            continue;
        }
        let body_end = rest.find("</property>").unwrap_or(rest.len());
        if body_end < tag_end {
            continue;
        }
        let body = &rest[tag_end + 1..body_end];
        if let Some(name) = attr(tag, "name") {
            // The value is the text of the single typed child element.
            let value = body
                .find('<')
                .and_then(|a| body[a..].find('>').map(|b| a + b + 1))
                .map(|start| {
                    let end = body[start..].find('<').map_or(body.len(), |e| start + e);
                    &body[start..end]
                })
                .unwrap_or("");
            out.push((unescape(&name), unescape(value)));
        }
        rest = &rest[body_end..];
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    loop {
        let i = rest.find(name)?;
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = rest[i + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let q = v.chars().next()?;
                if q == '"' || q == '\'' {
                    let end = v[1..].find(q)?;
                    return Some(v[1..1 + end].to_string());
                }
            }
        }
        rest = &rest[i + name.len()..];
    }
}

/// XML character and entity references.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let n = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                    u32::from_str_radix(h, 16).ok()
                } else {
                    ent.strip_prefix('#').and_then(|d| d.parse().ok())
                };
                n.and_then(char::from_u32)
            }
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn reads_custom_properties() {
        let xml = r#"<?xml version="1.0"?><Properties xmlns="x" xmlns:vt="y"><property fmtid="{D5}" pid="2" name="rasoat_catalog"><vt:lpwstr>A &amp; B &#272;</vt:lpwstr></property><property fmtid="{D5}" pid="3" name='rasoat_catalog_effective'><vt:lpwstr>2025-12-01</vt:lpwstr></property><property pid="4" name="empty"><vt:lpwstr/></property></Properties>"#;
        let p = custom_properties(xml);
        assert_eq!(p[0], ("rasoat_catalog".to_string(), "A & B Đ".to_string()));
        assert_eq!(
            p[1],
            (
                "rasoat_catalog_effective".to_string(),
                "2025-12-01".to_string()
            )
        );
        assert_eq!(p[2].0, "empty");
    }
}
