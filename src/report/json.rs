//! `--format json`: the stable contract other tools read (version 1).

use serde::Serialize;

use super::{Place, all_findings, place};
use crate::analysis::Analysis;
use crate::findings::{Category, Severity};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    files: Vec<JsonFile<'a>>,
}

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

pub fn render(files: &[Analysis]) -> String {
    let findings = all_findings(files)
        .into_iter()
        .map(|(a, f)| JsonFinding {
            rule: &f.rule,
            name: &f.name,
            category: f.category,
            severity: f.severity,
            message: &f.message,
            reasoning: &f.reasoning,
            labels: f.labels.iter().map(|l| place(a, l).into()).collect(),
        })
        .collect();
    let out = Output {
        version: 1,
        findings,
        files: files
            .iter()
            .map(|a| JsonFile {
                path: &a.source.path,
                lang: a.lang.code,
                claims: a.claim_count(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}
