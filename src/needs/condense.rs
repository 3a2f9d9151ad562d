//! A survey reduced to what the needs stage uses, right after it is read, so a run over tens of
//! thousands of files keeps a few numbers per item instead of every row.
//!
//! Rows without an asset id are summed per item as usable / unusable quantities; rows with an
//! asset id are kept one by one, because a later duplicate check may skip them. The verdict on
//! each row (SPEC §4 "usable") is taken here; its warnings wait in `pending` until the needs
//! stage knows the submission is accepted and the row still counts.

use super::assess::{assess, Assessment, Place};
use crate::catalog::Catalog;
use crate::diag::Diagnostic;
use crate::fold::fold;
use crate::read::{Ledger, Request, RowStatus, Survey, Unit, Year};
use foldhash::{HashMap, HashSet};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// A counted row with an asset id.
#[derive(Debug, Clone)]
pub struct AssetRow {
    pub row: u32,
    pub col: u32,
    pub item: u32,
    pub usable: bool,
    pub quantity: u64,
    /// Where the asset id as written (NFC, trimmed) and folded (the duplicate key) are in
    /// [`Assets::text`]: byte offset and length of each.
    id: (u32, u32),
    key: (u32, u32),
}

/// A survey's rows with asset ids, their texts in one buffer: a national run keeps
/// hundreds of thousands of them until the duplicate check, and two small allocations per
/// row would be most of their memory.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    pub rows: Vec<AssetRow>,
    text: String,
}

impl Assets {
    fn span(&mut self, s: &str) -> Option<(u32, u32)> {
        let start = u32::try_from(self.text.len()).ok()?;
        let len = u32::try_from(s.len()).ok()?;
        start.checked_add(len)?;
        self.text.push_str(s);
        Some((start, len))
    }

    fn slice(&self, (start, len): (u32, u32)) -> &str {
        let (a, b) = (start as usize, start as usize + len as usize);
        self.text.get(a..b).unwrap_or("")
    }

    /// Add a row; `false` (nothing added) if the texts would pass 4 GiB.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        row: u32,
        col: u32,
        item: usize,
        usable: bool,
        quantity: u64,
        id: &str,
        key: &str,
    ) -> bool {
        let Ok(item) = u32::try_from(item) else {
            return false;
        };
        let (Some(id), Some(key)) = (self.span(id), self.span(key)) else {
            return false;
        };
        self.rows.push(AssetRow {
            row,
            col,
            item,
            usable,
            quantity,
            id,
            key,
        });
        true
    }

    /// The asset id as written.
    pub fn id(&self, r: &AssetRow) -> &str {
        self.slice(r.id)
    }

    /// The folded asset id: rows with equal keys are the same asset.
    pub fn key(&self, r: &AssetRow) -> &str {
        self.slice(r.key)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn shrink_to_fit(&mut self) {
        self.rows.shrink_to_fit();
        self.text.shrink_to_fit();
    }
}

/// What the needs stage keeps of one submission.
#[derive(Debug, Clone)]
pub struct Condensed {
    pub file: String,
    pub unit: Option<Unit>,
    pub sheet: Option<String>,
    pub ledger: Ledger,
    /// Reading diagnostics (always reported).
    pub diagnostics: Vec<Diagnostic>,
    /// (item, usable, unusable) quantities of counted rows without an asset id, by item.
    pub totals: Vec<(usize, u64, u64)>,
    pub assets: Assets,
    /// Unclassified rows: (row, name).
    pub unclassified: Vec<(u32, String)>,
    pub requests: Vec<Request>,
    /// Digest of the content that decides "identical" submissions (SPEC §4).
    pub content: [u8; 32],
    /// SHA-256 of the file's bytes (`None` if it could not be read).
    pub sha256: Option<[u8; 32]>,
    /// Verdicts: every unusable row, and every counted row when details were asked for.
    pub details: Vec<Assessment>,
    /// Usability warnings by row, reported only for rows that count in accepted submissions.
    pub pending: Vec<(u32, Diagnostic)>,
}

/// A shared text. `Arc<String>` rather than `Arc<str>`: a thin pointer, 8 bytes where a
/// national run keeps a million verdicts naming two texts each.
pub type Text = Arc<String>;

/// Shares equal texts (device names and configurations repeat across thousands of files).
#[derive(Debug, Default)]
pub struct Interner(Mutex<HashSet<Key>>);

/// A [`Text`] looked up by its `str`.
#[derive(Debug, PartialEq, Eq)]
struct Key(Text);

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.as_str().hash(h)
    }
}

impl std::borrow::Borrow<str> for Key {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl Interner {
    pub fn intern(&self, s: &str) -> Text {
        match self.0.lock() {
            Ok(mut set) => {
                if let Some(a) = set.get(s) {
                    return a.0.clone();
                }
                let a: Text = Arc::new(s.to_string());
                set.insert(Key(a.clone()));
                a
            }
            Err(_) => Arc::new(s.to_string()),
        }
    }
}

fn content_digest(s: &Survey) -> [u8; 32] {
    // Fields are fed as bytes, each text with its length first, so two different contents
    // cannot run together into the same stream. Only equality of digests matters.
    fn text(h: &mut Sha256, t: &str) {
        h.update((t.len() as u64).to_le_bytes());
        h.update(t.as_bytes());
    }
    fn opt<T>(h: &mut Sha256, v: Option<T>, f: impl FnOnce(&mut Sha256, T)) {
        match v {
            None => h.update([0u8]),
            Some(x) => {
                h.update([1u8]);
                f(h, x);
            }
        }
    }
    fn dec(h: &mut Sha256, d: Option<Decimal>) {
        opt(h, d, |h, d| h.update(d.normalize().serialize()));
    }
    let mut h = Sha256::new();
    text(&mut h, &format!("{:?}", s.unit));
    for r in &s.rows {
        match r.status {
            RowStatus::Counted => {
                h.update([1u8]);
                opt(&mut h, r.item, |h, i| h.update((i as u64).to_le_bytes()));
            }
            RowStatus::Unclassified => {
                h.update([2u8]);
                text(&mut h, &fold(&r.name));
            }
        }
        let c = &r.config;
        dec(&mut h, c.ram_gb);
        dec(&mut h, c.storage_gb);
        opt(&mut h, c.ssd, |h, b| h.update([u8::from(b)]));
        match r.year {
            Year::Known(y) => {
                h.update([1u8]);
                h.update(y.to_le_bytes());
            }
            Year::Empty => h.update([2u8]),
            Year::Unreadable => h.update([3u8]),
        }
        h.update(r.quantity.to_le_bytes());
        h.update([r.condition as u8]);
        opt(&mut h, r.asset_key.as_deref(), text);
        text(&mut h, &r.note);
    }
    let mut req: BTreeMap<usize, u64> = BTreeMap::new();
    for q in &s.requests {
        *req.entry(q.item).or_default() += q.quantity;
    }
    for (item, q) in req {
        h.update((item as u64).to_le_bytes());
        h.update(q.to_le_bytes());
    }
    h.finalize().into()
}

/// Texts repeat within a file (a few device names, a few configurations): each is looked up
/// in the shared interner once per file. The file's own map is keyed by the row's text, which
/// is in cache, rather than by the shared copy two pointers away.
fn per_file<'t, 'r>(texts: &'t Interner) -> impl FnMut(&'r str) -> Text + use<'t, 'r> {
    let mut seen: HashMap<&'r str, Text> = HashMap::default();
    move |t| {
        if let Some(x) = seen.get(t) {
            return x.clone();
        }
        let x = texts.intern(t);
        seen.insert(t, x.clone());
        x
    }
}

/// Condense a survey. `keep_details`: keep the verdict of every counted row (for `explain`).
pub fn condense(
    s: Survey,
    catalog: &Catalog,
    as_of: i32,
    keep_details: bool,
    texts: &Interner,
) -> Condensed {
    let content = content_digest(&s);
    let mut out = Condensed {
        file: s.file.clone(),
        unit: s.unit.clone(),
        sheet: s.sheet.clone(),
        ledger: s.ledger,
        diagnostics: Vec::new(),
        totals: Vec::new(),
        assets: Assets::default(),
        unclassified: Vec::new(),
        requests: s.requests.clone(),
        content,
        sha256: s.sha256,
        details: Vec::new(),
        pending: Vec::new(),
    };
    let place = Place {
        file: Arc::from(s.file.as_str()),
        sheet: s.sheet.as_deref().map(Arc::from),
    };
    let mut intern = per_file(texts);
    for r in &s.rows {
        let item = match (r.status, r.item) {
            (RowStatus::Counted, Some(i)) => i,
            _ => {
                out.unclassified.push((r.row, r.name.clone()));
                continue;
            }
        };
        let mut warnings = Vec::new();
        let v = assess(&place, r, item, catalog, as_of, &mut intern, &mut warnings);
        let usable = v.usable();
        out.pending.extend(warnings.into_iter().map(|w| (r.row, w)));
        match (&r.asset_id, &r.asset_key) {
            (Some(id), Some(key))
                if out
                    .assets
                    .push(r.row, r.asset_col, item, usable, r.quantity, id, key) => {}
            _ => {
                let i = match out.totals.iter().position(|t| t.0 == item) {
                    Some(i) => i,
                    None => {
                        out.totals.push((item, 0, 0));
                        out.totals.len() - 1
                    }
                };
                let e = &mut out.totals[i];
                if usable {
                    e.1 = e.1.saturating_add(r.quantity);
                } else {
                    e.2 = e.2.saturating_add(r.quantity);
                }
            }
        }
        if keep_details || !usable {
            out.details.push(Assessment {
                source: 0,
                row: r.row,
                item,
                quantity: r.quantity,
                verdict: v,
                name: intern(&r.name),
                config: intern(&r.config_text),
            });
        }
    }
    out.diagnostics = s.diagnostics;
    out.totals.sort_unstable();
    out.totals.shrink_to_fit();
    out.assets.shrink_to_fit();
    out.details.shrink_to_fit();
    out.pending.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_texts_come_back_from_the_shared_buffer() {
        let mut a = Assets::default();
        assert!(a.push(5, 6, 2, true, 1, "SN-Ấ1", "sn a1"));
        assert!(a.push(9, 6, 3, false, 4, "", ""));
        assert!(a.push(12, 6, 2, true, 2, "ab", "ab"));
        a.shrink_to_fit();
        let got: Vec<(u32, &str, &str)> =
            a.rows.iter().map(|r| (r.row, a.id(r), a.key(r))).collect();
        assert_eq!(got, [(5, "SN-Ấ1", "sn a1"), (9, "", ""), (12, "ab", "ab")]);
        assert_eq!(a.len(), 3);
        assert_eq!(a.rows[1].item, 3);
    }

    #[test]
    fn interner_shares_equal_texts() {
        let i = Interner::default();
        let (x, y, z) = (
            i.intern("Core i5"),
            i.intern("Core i5"),
            i.intern("Core i7"),
        );
        assert!(Arc::ptr_eq(&x, &y));
        assert!(!Arc::ptr_eq(&x, &z));
        assert_eq!(z.as_str(), "Core i7");
    }
}
