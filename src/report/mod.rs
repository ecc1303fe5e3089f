//! Renderers: one module per output format. They read analysed drafts and write text.
//! Byte offsets become lines and columns only here.

pub mod human;
pub mod json;
pub mod stages;

use crate::analysis::Analysis;
use crate::findings::{Finding, Label, Severity};

/// A label with its position and text, as every renderer shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Place<'a> {
    pub file: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: &'a str,
    pub message: &'a str,
    pub primary: bool,
}

pub fn place<'a>(a: &'a Analysis, l: &'a Label) -> Place<'a> {
    let (line, column) = a.source.line_col(l.start);
    let (end_line, end_column) = a.source.line_col(l.end);
    Place {
        file: &a.source.path,
        start: l.start,
        end: l.end,
        line,
        column,
        end_line,
        end_column,
        text: &a.source.text[l.start..l.end],
        message: &l.message,
        primary: l.primary,
    }
}

/// Findings at or above a severity.
pub fn count_at_or_above(files: &[Analysis], level: Severity) -> usize {
    files
        .iter()
        .flat_map(|a| a.findings.iter())
        .filter(|f| f.severity >= level)
        .count()
}

/// All findings in output order: by file, then position, then rule.
pub fn all_findings<'a>(files: &'a [Analysis<'a>]) -> Vec<(&'a Analysis<'a>, &'a Finding)> {
    let mut v: Vec<(&Analysis, &Finding)> = files
        .iter()
        .flat_map(|a| a.findings.iter().map(move |f| (a, f)))
        .collect();
    v.sort_by(|x, y| {
        (x.0.source.path.as_str(), x.1.sort_key()).cmp(&(y.0.source.path.as_str(), y.1.sort_key()))
    });
    v
}
