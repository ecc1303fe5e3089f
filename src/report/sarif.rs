//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! - one run; `tool.driver.rules` lists every rule from the rule files (and CC001) with its
//!   description, rationale and default level; results point at them by `ruleId`/`ruleIndex`;
//! - the primary place is `locations[0]`, the second claim of a contradiction goes in
//!   `relatedLocations` (with its label as message, and an `id` referred to from the message);
//! - `partialFingerprints["crosscheck/v1"]` is the baseline fingerprint (rule + normalised
//!   claim text), so code scanning tracks a finding across edits elsewhere in the draft;
//! - columns count Unicode code points (`columnKind: unicodeCodePoints`); every region also
//!   carries the exact `byteOffset`/`byteLength` and the text as `snippet`.
//!
//! The output is checked against the official SARIF 2.1.0 schema in `tests/formats.rs`.

use serde::Serialize;
use serde_json::{Value, json};

use super::{RuleMeta, all_findings, place};
use crate::analysis::Analysis;
use crate::findings::{Label, Severity};

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/` kept, anything outside the unreserved set
/// percent-encoded (UTF-8). Absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
    snippet: Text<'a>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

fn location(a: &Analysis, l: &Label, id: Option<usize>) -> Value {
    let p = place(a, l);
    let region = Region {
        start_line: p.line,
        start_column: p.column,
        end_line: p.end_line,
        end_column: p.end_column,
        byte_offset: l.start,
        byte_length: l.end - l.start,
        snippet: Text { text: p.text },
    };
    let mut v = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&a.source.path) },
            "region": region,
        },
        "message": { "text": l.message },
    });
    if let Some(id) = id {
        v["id"] = json!(id);
    }
    v
}

fn rule(r: &RuleMeta) -> Value {
    json!({
        "id": r.id,
        "name": r.name,
        "shortDescription": { "text": r.name.replace('-', " ") },
        "fullDescription": { "text": r.what },
        "help": { "text": format!("{} {}", r.what, r.why), "markdown": format!("**What it catches.** {}\n\n**Why it matters.** {}\n\nRun `crosscheck explain {}` for examples.", r.what, r.why, r.id) },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "category": format!("{:?}", r.category).to_lowercase(), "tags": ["news", format!("{:?}", r.category).to_lowercase()] },
    })
}

/// Render the checked drafts. `rules` fills `tool.driver.rules`.
pub fn render(files: &[Analysis], rules: &[RuleMeta]) -> String {
    let results: Vec<Value> = all_findings(files)
        .into_iter()
        .map(|(a, f)| {
            let index = rules.iter().position(|r| r.id == f.rule);
            let related: Vec<Value> = f
                .labels
                .iter()
                .filter(|l| !l.primary)
                .enumerate()
                .map(|(i, l)| location(a, l, Some(i + 1)))
                .collect();
            let mut text = f.message.clone();
            if !related.is_empty() {
                // SARIF message links: [text](id) points at relatedLocations[id]
                let links: Vec<String> = (1..=related.len())
                    .map(|i| format!("[the other claim]({i})"))
                    .collect();
                text.push_str(&format!(" (see {})", links.join(", ")));
            }
            let mut r = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [location(a, f.primary(), None)],
                "partialFingerprints": { "crosscheck/v1": crate::baseline::fingerprint(a, f) },
                "properties": { "name": f.name, "reasoning": f.reasoning },
            });
            if let Some(i) = index {
                r["ruleIndex"] = json!(i);
            }
            if !related.is_empty() {
                r["relatedLocations"] = Value::Array(related);
            }
            r
        })
        .collect();
    let artifacts: Vec<Value> = files
        .iter()
        .map(|a| {
            json!({
                "location": { "uri": uri(&a.source.path) },
                "sourceLanguage": if a.source.markup == crate::source::Markup::Markdown { "markdown" } else { "plaintext" },
                "properties": { "lang": a.lang.code },
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "crosscheck",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(rule).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
