//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, with the
//! related place in brackets. Columns count characters, as in the human output.

use std::fmt::Write;

use super::{Report, headline, place, render_all, sorted_findings};
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
            out.push_str(&headline(&p, f));
            for l in f.labels.iter().filter(|l| !l.primary) {
                let r = place(a, l);
                let _ = write!(out, " (see {}:{})", r.line, r.column);
            }
            out.push('\n');
        }
        out
    }
}
