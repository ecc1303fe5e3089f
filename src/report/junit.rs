//! `--format junit`: JUnit XML for CI systems that show test reports. One test case per draft,
//! one `<failure>` per finding (type = rule id), in a single test suite.

use std::fmt::Write;

use super::{Report, Totals, headline, place, render_all, sorted_findings, xml_escape as x};
use crate::analysis::Analysis;

/// The JUnit report. Its head holds the counts, so it is written once every draft is in.
pub struct Junit;

pub fn render(files: &[Analysis]) -> String {
    render_all(&Junit, files)
}

impl Report for Junit {
    fn totals_first(&self) -> bool {
        true
    }

    fn head(&self, totals: &Totals, out: &mut String) {
        let (tests, failures) = (totals.count, totals.findings());
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"crosscheck\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
        );
        let _ = writeln!(
            out,
            "  <testsuite name=\"crosscheck\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">"
        );
    }

    fn tail(&self, _: &Totals, out: &mut String) {
        out.push_str("  </testsuite>\n</testsuites>\n");
    }

    fn draft(&self, a: &Analysis) -> String {
        let mut out = String::new();
        let path = x(&a.source.path);
        if a.findings.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase name=\"{path}\" classname=\"crosscheck\" file=\"{path}\"/>"
            );
            return out;
        }
        let _ = writeln!(
            out,
            "    <testcase name=\"{path}\" classname=\"crosscheck\" file=\"{path}\">"
        );
        for f in sorted_findings(a) {
            let p = place(a, f.primary());
            let mut body = headline(&p, f);
            body.push('\n');
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
        out
    }
}
