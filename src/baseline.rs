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
    /// Record every finding of the checked drafts.
    pub fn record(files: &[Analysis]) -> Baseline {
        let mut findings: Vec<Entry> = files
            .iter()
            .flat_map(|a| {
                a.findings.iter().map(move |f| Entry {
                    file: a.source.path.clone(),
                    fingerprint: fingerprint(a, f),
                    rule: f.rule.clone(),
                    message: f.message.clone(),
                })
            })
            .collect();
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

    /// Drop the findings the baseline already holds. Each recorded entry absorbs one finding
    /// with the same file and fingerprint, so a second copy of a known problem is still new.
    /// Returns how many were dropped.
    pub fn filter(&self, files: &mut [Analysis]) -> usize {
        let mut budget: BTreeMap<(String, String), usize> = BTreeMap::new();
        for e in &self.findings {
            *budget
                .entry((e.file.clone(), e.fingerprint.clone()))
                .or_default() += 1;
        }
        let mut dropped = 0;
        for a in files.iter_mut() {
            let prints: Vec<String> = a.findings.iter().map(|f| fingerprint(a, f)).collect();
            let path = a.source.path.clone();
            let mut keys = prints.into_iter();
            a.findings.retain(|_| {
                let key = (path.clone(), keys.next().unwrap_or_default());
                match budget.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        dropped += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        dropped
    }
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
