//! `--format rdjson`: reviewdog's Diagnostic Format (`DiagnosticResult` of
//! `proto/rdf/reviewdog.proto`), with the second claim in `related_locations`.
//!
//! Columns here are **UTF-8 byte** columns starting at 1 and range ends are exclusive, as the
//! proto says; SARIF and the human output count characters instead.

use serde::Serialize;

use super::{all_findings, byte_column, one_line, place};
use crate::analysis::Analysis;
use crate::findings::{Label, Severity};

#[derive(Serialize)]
struct Result<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code<'a>,
    related_locations: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Related<'a> {
    message: String,
    location: Location<'a>,
}

const SOURCE: Source = Source { name: "crosscheck" };

fn location<'a>(a: &'a Analysis, l: &Label) -> Location<'a> {
    let p = place(a, l);
    Location {
        path: &a.source.path,
        range: Range {
            start: Position {
                line: p.line,
                column: byte_column(a, l.start),
            },
            end: Position {
                line: p.end_line,
                column: byte_column(a, l.end),
            },
        },
    }
}

pub fn render(files: &[Analysis]) -> String {
    let diagnostics = all_findings(files)
        .into_iter()
        .map(|(a, f)| Diagnostic {
            message: format!("{} [{}]", f.message, f.name),
            location: location(a, f.primary()),
            severity: match f.severity {
                Severity::Error => "ERROR",
                Severity::Warning => "WARNING",
                Severity::Info => "INFO",
            },
            source: SOURCE,
            code: Code { value: &f.rule },
            related_locations: f
                .labels
                .iter()
                .filter(|l| !l.primary)
                .map(|l| Related {
                    message: format!(
                        "{} (\"{}\")",
                        l.message,
                        one_line(&a.source.text[l.start..l.end])
                    ),
                    location: location(a, l),
                })
                .collect(),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&Result {
        source: SOURCE,
        diagnostics,
    })
    .unwrap_or_default();
    s.push('\n');
    s
}
