//! Matching a device name to a catalog item (SPEC §3 "Matching").
//!
//! The longest alias (in characters of its folded form) found as whole words in the folded
//! name wins; equal-length aliases of different items are a tie, resolved in catalog order.

use super::Item;
use crate::fold::fold;
use aho_corasick::{AhoCorasick, MatchKind};
use foldhash::HashMap;
use std::sync::{Arc, RwLock};

/// The outcome of matching one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    Item(usize),
    /// Several items' aliases tie; the first (catalog order) is used. Holds all tied items.
    Tie(Vec<usize>),
    None,
}

#[derive(Debug, Clone)]
pub struct Matcher {
    codes: HashMap<String, usize>,
    /// Padded folded aliases (` alias `) and, per pattern, (item, length in chars).
    ac: Option<AhoCorasick>,
    pats: Vec<(usize, usize)>,
    /// Folded names for "did you mean" suggestions: (folded, item).
    names: Vec<(String, usize)>,
    /// Suggestions already computed: unclassified names repeat across submissions.
    suggested: Arc<RwLock<HashMap<String, Option<usize>>>>,
    /// Matches already made: the same device names recur in thousands of submissions.
    matched: Arc<RwLock<HashMap<String, Match>>>,
}

/// Entries each cache holds at most (a hostile corpus of unique names must not grow it).
const CACHE_MAX: usize = 100_000;

/// `make()`'s answer for `key`, remembered in `cache` (bounded) for the next asker.
fn cached<V: Clone>(cache: &RwLock<HashMap<String, V>>, key: &str, make: impl FnOnce() -> V) -> V {
    if let Some(hit) = cache.read().ok().and_then(|m| m.get(key).cloned()) {
        return hit;
    }
    let v = make();
    if let Ok(mut m) = cache.write() {
        if m.len() < CACHE_MAX {
            m.insert(key.to_string(), v.clone());
        }
    }
    v
}

impl Matcher {
    pub fn new(items: &[Item]) -> Matcher {
        let mut codes = HashMap::default();
        let mut patterns = Vec::new();
        let mut pats = Vec::new();
        let mut names = Vec::new();
        for (i, item) in items.iter().enumerate() {
            codes.entry(item.code.to_uppercase()).or_insert(i);
            for a in &item.aliases {
                let f = fold(a);
                if f.is_empty() {
                    continue;
                }
                pats.push((i, f.chars().count()));
                patterns.push(format!(" {f} "));
                names.push((f, i));
            }
            names.push((fold(&item.name), i));
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Matcher {
            codes,
            ac,
            pats,
            names,
            suggested: Arc::default(),
            matched: Arc::default(),
        }
    }

    /// The item with this code (trimmed, any case).
    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.codes.get(&code.trim().to_uppercase()).copied()
    }

    /// Match a folded device name against the aliases.
    pub fn match_folded(&self, folded: &str) -> Match {
        cached(&self.matched, folded, || self.match_uncached(folded))
    }

    fn match_uncached(&self, folded: &str) -> Match {
        let Some(ac) = &self.ac else {
            return Match::None;
        };
        if folded.is_empty() {
            return Match::None;
        }
        let padded = format!(" {folded} ");
        let mut best_len = 0usize;
        let mut best: Vec<usize> = Vec::new();
        for m in ac.find_overlapping_iter(&padded) {
            let (item, len) = self.pats[m.pattern().as_usize()];
            if len > best_len {
                best_len = len;
                best.clear();
                best.push(item);
            } else if len == best_len && !best.contains(&item) {
                best.push(item);
            }
        }
        best.sort_unstable();
        match best.len() {
            0 => Match::None,
            1 => Match::Item(best[0]),
            _ => Match::Tie(best),
        }
    }

    /// The catalog item whose name or alias is closest to an unmatched name, if any is close.
    pub fn suggest(&self, folded: &str) -> Option<usize> {
        // A device name is a few dozen characters; a longer text is no name to suggest from,
        // and comparing it with every name would cost seconds (the distance is quadratic).
        if folded.len() > 256 {
            return None;
        }
        cached(&self.suggested, folded, || self.suggest_uncached(folded))
    }

    fn suggest_uncached(&self, folded: &str) -> Option<usize> {
        let mut best: Option<(f64, usize)> = None;
        let len = folded.chars().count();
        for (n, i) in &self.names {
            // The distance is at least the difference in length: a name that much shorter or
            // longer cannot reach the 0.6 similarity asked for below.
            let other = n.chars().count();
            if len.abs_diff(other) as f64 > 0.4 * len.max(other) as f64 {
                continue;
            }
            let s = strsim::normalized_levenshtein(folded, n);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, *i));
            }
        }
        best.filter(|(s, _)| *s >= 0.6).map(|(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::{Catalog, Sources};
    use crate::fold::fold;

    #[test]
    fn suggestions_come_from_near_names_only() {
        let c = Catalog::from_sources(&Sources::bundled()).unwrap();
        let m = &c.matcher;
        let code = |f: &str| m.suggest(&fold(f)).map(|i| c.items[i].code.as_str());
        // A typo of an alias is suggested; an unrelated text is not.
        assert_eq!(code("máy tinh đê bàn"), code("may tinh de ban"));
        assert!(code("may tinh de bann").is_some());
        assert_eq!(code("bàn ghế làm việc gỗ"), None);
        // A long text suggests nothing, at once (the distance is quadratic in its length).
        let long = "máy tính để bàn ".repeat(2_000);
        assert_eq!(code(&long), None);
    }
}
