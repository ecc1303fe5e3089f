//! Baselines: today's findings, recorded so that CI reports only new ones.
//!
//! A finding's fingerprint is built from its rule and the normalised text of the places it
//! points at (its claims), never from line numbers: an edit elsewhere in the draft keeps it.
//! Text is normalised by lower-casing, keeping letters and digits, and collapsing the rest to
//! single spaces. The hash is 64-bit FNV-1a, written as 16 hex digits (stable across versions
//! and machines).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::error::{Error, RuleError, line_col};
use crate::findings::Finding;

/// Lower-case letters and digits, everything else one space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The fingerprint of a finding in a draft.
pub fn fingerprint(a: &Analysis, f: &Finding) -> String {
    let mut h = fnv1a(f.rule.as_bytes(), 0xcbf2_9ce4_8422_2325);
    for l in &f.labels {
        h = fnv1a(&[0], h);
        h = fnv1a(normalise(&a.source.text[l.start..l.end]).as_bytes(), h);
    }
    format!("{h:016x}")
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub fingerprint: String,
    pub rule: String,
    /// For people reading the file; not compared.
    pub message: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

impl Baseline {
    /// A baseline of entries gathered draft by draft (see [`entries`]).
    pub fn from_entries(mut findings: Vec<Entry>) -> Baseline {
        findings.sort();
        Baseline {
            version: 1,
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn read(path: &Path) -> Result<Baseline, Error> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Usage(format!("{display}: cannot read the baseline: {e}")))?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| {
            // serde_json gives 1-based line and column
            let (line, column) = if e.line() > 0 {
                (e.line(), e.column().max(1))
            } else {
                line_col(&text, 0)
            };
            Error::Rule(RuleError::Syntax {
                file: display.clone(),
                line,
                column,
                message: format!("not a crosscheck baseline: {e}"),
            })
        })?;
        if b.version != 1 {
            return Err(Error::Usage(format!(
                "{display}: baseline version {} is not supported (expected 1)",
                b.version
            )));
        }
        Ok(b)
    }

    /// The fingerprints of the baseline, by draft.
    pub fn by_file(&self) -> BTreeMap<&str, Vec<&str>> {
        let mut m: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for e in &self.findings {
            m.entry(e.file.as_str()).or_default().push(&e.fingerprint);
        }
        m
    }
}

/// The baseline entries of one checked draft.
pub fn entries(a: &Analysis) -> Vec<Entry> {
    a.findings
        .iter()
        .map(|f| Entry {
            file: a.source.path.clone(),
            fingerprint: fingerprint(a, f),
            rule: f.rule.clone(),
            message: f.message.clone(),
        })
        .collect()
}

/// Drop from one draft the findings its baseline fingerprints (`prints`, from
/// [`Baseline::by_file`]) already hold: each recorded entry absorbs one finding with the same
/// fingerprint, so a second copy of a known problem is still new. Returns how many were
/// dropped.
pub fn filter_draft(prints: &[&str], a: &mut Analysis) -> usize {
    if prints.is_empty() {
        return 0;
    }
    let mut budget: BTreeMap<&str, usize> = BTreeMap::new();
    for p in prints {
        *budget.entry(p).or_default() += 1;
    }
    let keys: Vec<String> = a.findings.iter().map(|f| fingerprint(a, f)).collect();
    let mut keys = keys.into_iter();
    let mut dropped = 0;
    a.findings.retain(|_| {
        let key = keys.next().unwrap_or_default();
        match budget.get_mut(key.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                dropped += 1;
                false
            }
            _ => true,
        }
    });
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_space_and_punctuation() {
        assert_eq!(
            normalise("  He was STILL in\n the capital,  Nur-Sultan. "),
            "he was still in the capital nur sultan"
        );
        assert_eq!(normalise("Ação — já!"), "ação já");
    }

    #[test]
    fn fnv_is_stable() {
        // FNV-1a 64 of "a" is af63dc4c8601ec8c
        assert_eq!(
            format!("{:016x}", fnv1a(b"a", 0xcbf2_9ce4_8422_2325)),
            "af63dc4c8601ec8c"
        );
    }
}
