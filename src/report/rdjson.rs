//! `--format rdjson`: reviewdog's Diagnostic Format (`DiagnosticResult` of
//! `proto/rdf/reviewdog.proto`), with the second claim in `related_locations`.
//!
//! Columns here are **UTF-8 byte** columns starting at 1 and range ends are exclusive, as the
//! proto says; SARIF and the human output count characters instead.

use serde::Serialize;

use super::{
    Report, Totals, byte_column, close_array, json_elements, nested_json, one_line, place,
    render_all, sorted_findings,
};
use crate::analysis::Analysis;
use crate::findings::{Label, Severity};

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

/// reviewdog's diagnostic result: one JSON object.
pub struct Rdjson;

pub fn render(files: &[Analysis]) -> String {
    render_all(&Rdjson, files)
}

impl Report for Rdjson {
    fn head(&self, _: &Totals, out: &mut String) {
        out.push_str("{\n  \"source\": ");
        out.push_str(&nested_json(&SOURCE, 2));
        out.push_str(",\n  \"diagnostics\": [");
    }

    fn joints(&self) -> (&'static str, &'static str) {
        ("\n", ",\n")
    }

    fn tail(&self, totals: &Totals, out: &mut String) {
        close_array(totals, 2, out);
        out.push_str("\n}\n");
    }

    fn draft(&self, a: &Analysis) -> String {
        let diagnostics = sorted_findings(a).into_iter().map(|f| Diagnostic {
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
        });
        json_elements(diagnostics, 4)
    }
}
