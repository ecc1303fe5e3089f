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

use super::{
    DraftMeta, Report, RuleMeta, Totals, close_array, json_elements, nested_json, place,
    push_json_value, render_all, sorted_findings,
};
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
#[serde(rename_all = "camelCase")]
struct Artifact<'a> {
    location: Uri,
    properties: Lang<'a>,
    source_language: &'static str,
}

#[derive(Serialize)]
struct Uri {
    uri: String,
}

#[derive(Serialize)]
struct Lang<'a> {
    lang: &'a str,
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

/// The SARIF log: one run. Its keys come in the conventional order (`$schema`, `version`,
/// `runs`; then `tool`, `columnKind`, `results`, `artifacts`), so the results are written
/// draft by draft and the artifacts, which list every draft, come last.
pub struct Sarif {
    pub rules: Vec<RuleMeta>,
}

/// Render the checked drafts. `rules` fills `tool.driver.rules`.
pub fn render(files: &[Analysis], rules: &[RuleMeta]) -> String {
    render_all(
        &Sarif {
            rules: rules.to_vec(),
        },
        files,
    )
}

impl Report for Sarif {
    fn head(&self, _: &Totals, out: &mut String) {
        let tool = json!({ "driver": {
            "name": "crosscheck",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": self.rules.iter().map(rule).collect::<Vec<_>>(),
        }});
        out.push_str("{\n  \"$schema\": ");
        out.push_str(&nested_json(&SCHEMA, 2));
        out.push_str(",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ");
        out.push_str(&nested_json(&tool, 6));
        out.push_str(",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [");
    }

    fn joints(&self) -> (&'static str, &'static str) {
        ("\n", ",\n")
    }

    fn draft(&self, a: &Analysis) -> String {
        let rules = &self.rules;
        let results = sorted_findings(a).into_iter().map(|f| {
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
        });
        json_elements(results, 8)
    }

    fn tail(&self, totals: &Totals, out: &mut String) {
        close_array(totals, 6, out);
        out.push_str(",\n      \"artifacts\": ");
    }

    fn draft_list(&self) -> Option<usize> {
        Some(6)
    }

    fn listed(&self, d: &DraftMeta, out: &mut String) {
        // typed, not `json!`: there is an element per draft
        let artifact = Artifact {
            location: Uri { uri: uri(&d.path) },
            properties: Lang { lang: d.lang },
            source_language: if d.markup == crate::source::Markup::Markdown {
                "markdown"
            } else {
                "plaintext"
            },
        };
        push_json_value(out, &artifact, 8);
    }

    fn end(&self, _: &Totals, out: &mut String) {
        out.push_str("\n    }\n  ]\n}\n");
    }
}
