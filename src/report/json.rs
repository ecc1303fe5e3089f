//! `--format json`: the stable contract other tools read (version 1).

use serde::Serialize;

use super::{
    DraftMeta, Place, Report, Totals, close_array, json_elements, place, push_json_value,
    render_all, sorted_findings,
};
use crate::analysis::Analysis;
use crate::findings::{Category, Severity};

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    name: &'a str,
    category: Category,
    severity: Severity,
    message: &'a str,
    reasoning: &'a [String],
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: &'a str,
    message: &'a str,
    primary: bool,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    lang: &'a str,
    claims: usize,
}

impl<'a> From<Place<'a>> for JsonLabel<'a> {
    fn from(p: Place<'a>) -> Self {
        JsonLabel {
            file: p.file,
            start: p.start,
            end: p.end,
            line: p.line,
            column: p.column,
            text: p.text,
            message: p.message,
            primary: p.primary,
        }
    }
}

/// The JSON report.
pub struct Json;

impl Report for Json {
    fn head(&self, _: &Totals, out: &mut String) {
        out.push_str("{\n  \"version\": 1,\n  \"findings\": [");
    }

    fn draft(&self, a: &Analysis) -> String {
        let findings = sorted_findings(a).into_iter().map(|f| JsonFinding {
            rule: &f.rule,
            name: &f.name,
            category: f.category,
            severity: f.severity,
            message: &f.message,
            reasoning: &f.reasoning,
            labels: f.labels.iter().map(|l| place(a, l).into()).collect(),
        });
        json_elements(findings, 4)
    }

    fn joints(&self) -> (&'static str, &'static str) {
        ("\n", ",\n")
    }

    fn tail(&self, totals: &Totals, out: &mut String) {
        close_array(totals, 2, out);
        out.push_str(",\n  \"files\": ");
    }

    fn draft_list(&self) -> Option<usize> {
        Some(2)
    }

    fn listed(&self, d: &DraftMeta, out: &mut String) {
        let file = JsonFile {
            path: &d.path,
            lang: d.lang,
            claims: d.claims,
        };
        push_json_value(out, &file, 4);
    }

    fn end(&self, _: &Totals, out: &mut String) {
        out.push_str("\n}\n");
    }
}

pub fn render(files: &[Analysis]) -> String {
    render_all(&Json, files)
}
