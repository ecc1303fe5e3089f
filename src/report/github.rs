//! `--format github`: GitHub Actions workflow commands, one annotation per finding:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
//!
//! Escaping follows actions/toolkit (`packages/core/src/command.ts`): in the message `%`,
//! `\r` and `\n` become `%25`, `%0D`, `%0A`; in properties `:` and `,` also become `%3A` and
//! `%2C`. `col`/`endColumn` are sent only when the finding starts and ends on one line (GitHub
//! ignores them otherwise). The related place is written into the message on its own line, as
//! annotations have one location. Columns count characters. Severity: error → `error`,
//! warning → `warning`, info → `notice`.

use std::fmt::Write;

use super::{Report, place, render_all, sorted_findings};
use crate::analysis::Analysis;
use crate::findings::Severity;

/// Escape workflow-command data (the message).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow-command property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The GitHub annotations report.
pub struct Github;

pub fn render(files: &[Analysis]) -> String {
    render_all(&Github, files)
}

impl Report for Github {
    fn draft(&self, a: &Analysis) -> String {
        let mut out = String::new();
        for f in sorted_findings(a) {
            let p = place(a, f.primary());
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = format!("file={},line={}", escape_property(p.file), p.line);
            if p.line == p.end_line {
                let _ = write!(props, ",col={}", p.column);
            }
            let _ = write!(props, ",endLine={}", p.end_line);
            if p.line == p.end_line {
                let _ = write!(props, ",endColumn={}", p.end_column);
            }
            let _ = write!(
                props,
                ",title={}",
                escape_property(&format!("{} {}", f.rule, f.name))
            );
            let mut message = format!("{}\n{}: {}", f.message, "here", p.message);
            for l in f.labels.iter().filter(|l| !l.primary) {
                let r = place(a, l);
                let _ = write!(
                    message,
                    "\nrelated: {}:{}:{}: {} (\"{}\")",
                    r.file,
                    r.line,
                    r.column,
                    r.message,
                    super::one_line(r.text)
                );
            }
            for n in &f.reasoning {
                let _ = write!(message, "\nnote: {n}");
            }
            let _ = writeln!(out, "::{command} {props}::{}", escape_data(&message));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_toolkit() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(
            escape_property("dir/a: b,c%.md\n"),
            "dir/a%3A b%2Cc%25.md%0A"
        );
    }
}
