//! `--format checkstyle`: Checkstyle XML (version 4.3), read by Jenkins warnings-ng,
//! reviewdog (`-f=checkstyle`), SonarQube and others. One `<file>` per draft, one `<error>`
//! per finding at its primary place; `source` is `crosscheck.<rule id>`. Columns count
//! characters.

use std::fmt::Write;

use super::{Report, Totals, place, render_all, sorted_findings, xml_escape as x};
use crate::analysis::Analysis;

/// The Checkstyle report.
pub struct Checkstyle;

pub fn render(files: &[Analysis]) -> String {
    render_all(&Checkstyle, files)
}

impl Report for Checkstyle {
    fn head(&self, _: &Totals, out: &mut String) {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    }

    fn tail(&self, _: &Totals, out: &mut String) {
        out.push_str("</checkstyle>\n");
    }

    fn draft(&self, a: &Analysis) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "  <file name=\"{}\">", x(&a.source.path));
        for f in sorted_findings(a) {
            let p = place(a, f.primary());
            let mut message = f.message.clone();
            for l in f.labels.iter().filter(|l| !l.primary) {
                let r = place(a, l);
                let _ = write!(message, " (related: line {}, column {})", r.line, r.column);
            }
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"crosscheck.{}\"/>",
                p.line,
                p.column,
                f.severity.as_str(),
                x(&message),
                x(&f.rule)
            );
        }
        out.push_str("  </file>\n");
        out
    }
}
