//! Renderers: one module per output format. They read analysed drafts and write text.
//! Byte offsets become lines and columns only here.

pub mod checkstyle;
pub mod concise;
pub mod files;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod rdjson;
pub mod sarif;
pub mod stages;
pub mod svg;

use crate::analysis::Analysis;
use crate::findings::{Category, Finding, Label, Severity};
use crate::rules::RuleSpec;

/// What a renderer needs to know about a rule (SARIF `tool.driver.rules`, help links).
#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub severity: Severity,
    pub what: String,
    pub why: String,
}

impl RuleMeta {
    pub fn from_spec(r: &RuleSpec) -> RuleMeta {
        RuleMeta {
            id: r.id.clone(),
            name: r.name.clone(),
            category: r.category,
            severity: r.severity,
            what: one_line(&r.what),
            why: one_line(&r.why),
        }
    }

    /// CC001, the finding about suppression comments.
    pub fn unused_suppression() -> RuleMeta {
        use crate::suppress::*;
        RuleMeta {
            id: RULE_ID.into(),
            name: RULE_NAME.into(),
            category: Category::Directive,
            severity: RULE_SEVERITY,
            what: RULE_WHAT.into(),
            why: RULE_WHY.into(),
        }
    }
}

/// The rules of a rule set plus CC001, sorted by id.
pub fn rule_metas(rules: &[RuleSpec]) -> Vec<RuleMeta> {
    let mut v: Vec<RuleMeta> = rules.iter().map(RuleMeta::from_spec).collect();
    v.push(RuleMeta::unused_suppression());
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

/// Collapse white space (rule texts are wrapped in their files).
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 1-based column counted in UTF-8 bytes (rdjson, checkstyle-free tools that want bytes).
pub fn byte_column(a: &Analysis, offset: usize) -> usize {
    let line = a.source.lines.line_of(offset);
    offset - a.source.lines.line_start(line) + 1
}

/// XML text and attribute escaping (JUnit, checkstyle, HTML, SVG).
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // characters XML 1.0 cannot hold
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Plural "s".
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The summary line every report ends with.
pub fn summary(files: &[Analysis]) -> String {
    let count = |s: Severity| {
        files
            .iter()
            .flat_map(|a| &a.findings)
            .filter(|f| f.severity == s)
            .count()
    };
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let claims: usize = files.iter().map(|a| a.claim_count()).sum();
    format!(
        "{} draft{}, {} claim{}: {} error{}, {} warning{}, {} info",
        files.len(),
        plural(files.len()),
        claims,
        plural(claims),
        e,
        plural(e),
        w,
        plural(w),
        i
    )
}

/// A label with its position and text, as every renderer shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Place<'a> {
    pub file: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: &'a str,
    pub message: &'a str,
    pub primary: bool,
}

pub fn place<'a>(a: &'a Analysis, l: &'a Label) -> Place<'a> {
    let (line, column) = a.source.line_col(l.start);
    let (end_line, end_column) = a.source.line_col(l.end);
    Place {
        file: &a.source.path,
        start: l.start,
        end: l.end,
        line,
        column,
        end_line,
        end_column,
        text: &a.source.text[l.start..l.end],
        message: &l.message,
        primary: l.primary,
    }
}

/// Findings at or above a severity.
pub fn count_at_or_above(files: &[Analysis], level: Severity) -> usize {
    files
        .iter()
        .flat_map(|a| a.findings.iter())
        .filter(|f| f.severity >= level)
        .count()
}

/// All findings in output order: by file, then position, then rule.
pub fn all_findings<'a>(files: &'a [Analysis<'a>]) -> Vec<(&'a Analysis<'a>, &'a Finding)> {
    let mut v: Vec<(&Analysis, &Finding)> = files
        .iter()
        .flat_map(|a| a.findings.iter().map(move |f| (a, f)))
        .collect();
    v.sort_by(|x, y| {
        (x.0.source.path.as_str(), x.1.sort_key()).cmp(&(y.0.source.path.as_str(), y.1.sort_key()))
    });
    v
}
