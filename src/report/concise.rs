//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, with the
//! related place in brackets. Columns count characters, as in the human output.

use std::fmt::Write;

use super::{all_findings, place};
use crate::analysis::Analysis;

pub fn render(files: &[Analysis]) -> String {
    let mut out = String::new();
    for (a, f) in all_findings(files) {
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
