//! `--format junit`: JUnit XML for CI systems that show test reports. One test case per draft,
//! one `<failure>` per finding (type = rule id), in a single test suite.

use std::fmt::Write;

use super::{place, xml_escape as x};
use crate::analysis::Analysis;

pub fn render(files: &[Analysis]) -> String {
    let failures: usize = files.iter().map(|a| a.findings.len()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"crosscheck\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        files.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"crosscheck\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        files.len()
    );
    for a in files {
        let path = x(&a.source.path);
        if a.findings.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase name=\"{path}\" classname=\"crosscheck\" file=\"{path}\"/>"
            );
            continue;
        }
        let _ = writeln!(
            out,
            "    <testcase name=\"{path}\" classname=\"crosscheck\" file=\"{path}\">"
        );
        let mut findings: Vec<_> = a.findings.iter().collect();
        findings.sort_by_key(|f| f.sort_key());
        for f in findings {
            let p = place(a, f.primary());
            let mut body = format!(
                "{}:{}:{}: {}[{}] {}\n",
                p.file,
                p.line,
                p.column,
                f.severity.as_str(),
                f.rule,
                f.message
            );
            for l in &f.labels {
                let q = place(a, l);
                let _ = writeln!(
                    body,
                    "  {}:{}: {} \"{}\"",
                    q.line,
                    q.column,
                    q.message,
                    super::one_line(q.text)
                );
            }
            for n in &f.reasoning {
                let _ = writeln!(body, "  note: {n}");
            }
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}:{}: {}\">{}</failure>",
                x(&f.rule),
                p.line,
                p.column,
                x(&f.message),
                x(&body)
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
