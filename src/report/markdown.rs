//! `crosscheck report`: a Markdown report per draft that an editor reads in a pull request,
//! committed next to the draft. It holds a summary line, the findings with the quoted text,
//! a who-said-what table and the graph as a Mermaid diagram (contradictions in red).
//!
//! Byte-for-byte deterministic: no dates, no versions, no absolute paths, no hash order.
//! [`Rows`] is the content both this and the HTML report show.

use std::fmt::Write;

use super::{one_line, place, plural};
use crate::analysis::Analysis;
use crate::claims::Certainty;
use crate::findings::{Finding, Severity};

/// One row of the who-said-what table.
pub struct ClaimRow {
    pub id: usize,
    pub line: usize,
    pub speaker: String,
    pub cue: String,
    pub content: String,
    pub time: String,
    pub certainty: &'static str,
    /// Part of a finding.
    pub flagged: bool,
}

/// The table of who said what, in text order.
pub fn claim_rows(a: &Analysis) -> Vec<ClaimRow> {
    let flagged: std::collections::BTreeSet<usize> = a
        .findings
        .iter()
        .flat_map(|f| f.claims.iter().copied())
        .collect();
    a.claims
        .iter()
        .map(|c| {
            let (line, _) = a.source.line_col(c.content.0);
            let said = c
                .statement_day
                .map(|d| format!("said {}", super::stages::day_text(&a.anchor, &d)));
            let event = c
                .props
                .iter()
                .find_map(|p| p.day)
                .map(|d| format!("event {}", super::stages::day_text(&a.anchor, &d)));
            let time: Vec<String> = [said, event].into_iter().flatten().collect();
            ClaimRow {
                id: c.id,
                line,
                speaker: crate::checks::source_desc(a, c),
                cue: c
                    .cue
                    .map(|(s, e)| one_line(&a.source.text[s..e]))
                    .unwrap_or_default(),
                content: clip(&a.source.text[c.content.0..c.content.1], 160),
                time: time.join("; "),
                certainty: match c.certainty {
                    Certainty::Asserted => "asserted",
                    Certainty::Hedged => "hedged",
                    Certainty::Reported => "reported",
                },
                flagged: flagged.contains(&c.id),
            }
        })
        .collect()
}

pub fn clip(s: &str, n: usize) -> String {
    let s = one_line(s);
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// "1 error, 0 warnings, 0 info in 16 claims (pt)".
pub fn summary_line(a: &Analysis) -> String {
    let count = |s: Severity| a.findings.iter().filter(|f| f.severity == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    format!(
        "{e} error{}, {w} warning{}, {i} info in {} claim{} (language: {})",
        plural(e),
        plural(w),
        a.claims.len(),
        plural(a.claims.len()),
        a.lang.code
    )
}

/// Findings in report order.
pub fn findings<'a>(a: &'a Analysis) -> Vec<&'a Finding> {
    let mut v: Vec<&Finding> = a.findings.iter().collect();
    // the most severe first, so notes never push an error down the page
    v.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.sort_key()));
    v
}

fn cell(s: &str) -> String {
    let s = one_line(s).replace('|', "\\|");
    if s.is_empty() { "–".into() } else { s }
}

/// Quote source text as a Markdown block quote (one line, characters that would start
/// Markdown syntax escaped).
fn quote(s: &str) -> String {
    let mut out = String::new();
    for c in one_line(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The Markdown report of one checked draft.
pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# crosscheck report: `{}`\n", a.source.path);
    let _ = writeln!(
        out,
        "<!-- Written by `crosscheck report`; do not edit. `crosscheck report --check` fails when it is out of date. -->\n"
    );
    let _ = writeln!(out, "**Summary:** {}\n", summary_line(a));
    out.push_str("## Findings\n\n");
    let fs = findings(a);
    if fs.is_empty() {
        out.push_str("No findings.\n\n");
    }
    for (k, f) in fs.iter().enumerate() {
        let p = place(a, f.primary());
        let _ = writeln!(
            out,
            "### {}. {} {} `{}` (line {})\n",
            k + 1,
            f.severity.as_str(),
            f.rule,
            f.name,
            p.line
        );
        let _ = writeln!(out, "{}\n", quote(&f.message));
        for l in &f.labels {
            let q = place(a, l);
            let _ = writeln!(
                out,
                "- line {}, column {}{}: {}\n\n  > {}\n",
                q.line,
                q.column,
                if l.primary { " (reported here)" } else { "" },
                quote(&l.message),
                quote(q.text)
            );
        }
        if !f.reasoning.is_empty() {
            out.push_str("Reasoning:\n\n");
            for r in &f.reasoning {
                let _ = writeln!(out, "- {}", quote(r));
            }
            out.push('\n');
        }
    }
    out.push_str("## Who said what\n\n");
    let rows = claim_rows(a);
    if rows.is_empty() {
        out.push_str("No attributed claims.\n\n");
    } else {
        out.push_str("| claim | line | speaker | cue | content | time | certainty |\n");
        out.push_str("|---|---|---|---|---|---|---|\n");
        for r in &rows {
            let _ = writeln!(
                out,
                "| c{}{} | {} | {} | {} | {} | {} | {} |",
                r.id,
                if r.flagged { " ⚠" } else { "" },
                r.line,
                cell(&r.speaker),
                cell(&r.cue),
                cell(&r.content),
                cell(&r.time),
                r.certainty
            );
        }
        out.push('\n');
    }
    out.push_str(
        "## Graph\n\nSources, claims, people and places; contradictions are the red links.\n\n",
    );
    let g = crate::graph::build(a);
    let _ = writeln!(out, "```mermaid\n{}```", crate::graph::to_mermaid(&g));
    out
}
