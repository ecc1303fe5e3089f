//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, with the
//! related place in brackets. Columns count characters, as in the human output.

use std::fmt::Write;

use super::{Report, place, render_all, sorted_findings};
use crate::analysis::Analysis;

/// The concise report.
pub struct Concise;

pub fn render(files: &[Analysis]) -> String {
    render_all(&Concise, files)
}

impl Report for Concise {
    fn draft(&self, a: &Analysis) -> String {
        let mut out = String::new();
        for f in sorted_findings(a) {
            let p = place(a, f.primary());
            let _ = write!(
                out,
                "{}:{}:{}: {}[{}] {}",
                p.file,
                p.line,
                p.column,
                f.severity.as_str(),
                f.rule,
                f.message
            );
            for l in f.labels.iter().filter(|l| !l.primary) {
                let r = place(a, l);
                let _ = write!(out, " (see {}:{})", r.line, r.column);
            }
            out.push('\n');
        }
        out
    }
}
