//! Matching the contradiction checks' words ([`super::words`]) against a draft. Kept apart
//! from `words.rs`, which `build.rs` also compiles (to load the lexicons at build time) and
//! which must therefore not depend on the analysis.

use crate::analysis::Analysis;

use super::words::{ContraWords, PhraseSet};

impl PhraseSet {
    /// The longest phrase starting at token `k` and ending before `end`: its length in tokens.
    pub fn at(&self, a: &Analysis, k: usize, end: usize) -> Option<usize> {
        if k >= end {
            return None;
        }
        let first = a.tokens.lower(k);
        if !self.may_open(first) {
            return None;
        }
        let list = self.by_first.get(first)?;
        list.iter()
            .find(|w| {
                k + w.len() <= end
                    && w.iter()
                        .enumerate()
                        .all(|(i, x)| a.tokens.lower(k + i) == x)
            })
            .map(|w| w.len())
    }

    /// Does a phrase end exactly at token `end` (exclusive), starting at or after `from`?
    pub fn ending_at(&self, a: &Analysis, from: usize, end: usize) -> Option<usize> {
        (from..end)
            .rev()
            .take(6)
            .find(|&s| self.at(a, s, end) == Some(end - s))
    }

    /// The first phrase in `[from, end)`: (start, length).
    pub fn find(&self, a: &Analysis, from: usize, end: usize) -> Option<(usize, usize)> {
        (from..end).find_map(|k| self.at(a, k, end).map(|n| (k, n)))
    }
}

impl ContraWords {
    /// A currency named at token `k`: (code, tokens used).
    pub fn currency_at(&self, a: &Analysis, k: usize, end: usize) -> Option<(&str, usize)> {
        if k >= end {
            return None;
        }
        for (words, code) in &self.currency_phrases {
            if k + words.len() <= end
                && words
                    .iter()
                    .enumerate()
                    .all(|(i, w)| a.tokens.lower(k + i) == w)
            {
                return Some((code.as_str(), words.len()));
            }
        }
        self.currencies
            .get(a.tokens.lower(k))
            .map(|c| (c.as_str(), 1))
    }
}
