//! `--format checkstyle`: Checkstyle XML (version 4.3), read by Jenkins warnings-ng,
//! reviewdog (`-f=checkstyle`), SonarQube and others. One `<file>` per draft, one `<error>`
//! per finding at its primary place; `source` is `crosscheck.<rule id>`. Columns count
//! characters.

use std::fmt::Write;

use super::{place, xml_escape as x};
use crate::analysis::Analysis;

pub fn render(files: &[Analysis]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for a in files {
        let _ = writeln!(out, "  <file name=\"{}\">", x(&a.source.path));
        let mut findings: Vec<_> = a.findings.iter().collect();
        findings.sort_by_key(|f| f.sort_key());
        for f in findings {
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
    }
    out.push_str("</checkstyle>\n");
    out
}
