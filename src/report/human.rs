//! The default output: rustc-style diagnostics with both places of a contradiction labelled,
//! the reasoning as notes, and a summary line.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::all_findings;
use crate::analysis::Analysis;
use crate::findings::Severity;

pub fn render(files: &[Analysis], styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for (a, f) in all_findings(files) {
        let level = match f.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        // Only the lines the labels are on are shown (fold), so the snippet is those lines:
        // handing the renderer the whole draft for every finding made rendering quadratic.
        let (ws, we, first_line, whole) = window(a, f);
        let mut snippet = Snippet::source(&a.source.text[ws..we])
            .line_start(first_line)
            .fold(true);
        for l in &f.labels {
            let kind = if l.primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            snippet = snippet.annotation(
                kind.span(l.start - ws..l.end - ws)
                    .label(l.message.as_str()),
            );
        }
        let title = format!("{} [{}]", f.message, f.name);
        let title = level.primary_title(title).id(f.rule.as_str());
        let mut group = if whole {
            title.element(snippet.path(a.source.path.as_str()))
        } else {
            // the excerpt starts inside a line: say where the finding is ourselves
            let (line, column) = a.source.line_col(f.primary().start);
            title
                .element(
                    Origin::path(a.source.path.as_str())
                        .line(line)
                        .char_column(column),
                )
                .element(snippet)
        };
        for r in &f.reasoning {
            group = group.element(Level::NOTE.message(r.as_str()));
        }
        let report: Vec<Group> = vec![group];
        let rendered = renderer.render(&report);
        if whole {
            out.push_str(&rendered);
        } else {
            // our origin line is the primary one; the path-less snippet after it would add an
            // empty secondary origin (" ::: "): drop it
            for line in rendered.split_inclusive('\n') {
                if anstream::adapter::strip_str(line).to_string().trim() != ":::" {
                    out.push_str(line);
                }
            }
        }
        out.push_str("\n\n");
    }
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
    let claims: usize = files.iter().map(|a| a.claims.len()).sum();
    out.push_str(&format!(
        "crosscheck: {} draft{}, {} claim{}: {} error{}, {} warning{}, {} info\n",
        files.len(),
        plural(files.len()),
        claims,
        plural(claims),
        e,
        plural(e),
        w,
        plural(w),
        i
    ));
    out
}

/// Longest run of whole lines shown for one finding; past it (a draft written as one huge
/// line), the snippet is the labels with `CONTEXT` bytes around them, so each finding costs its
/// labels' length, not its line's: rendering stays linear in the size of the draft.
const MAX_EXCERPT: usize = 16 * 1024;
const CONTEXT: usize = 240;

/// The whole lines from the first label's line to the last label's line: (start, end, 1-based
/// number of the first line, true). Without labels, the whole draft. When those lines are
/// longer than `MAX_EXCERPT`, an excerpt around the labels that starts inside the first line
/// (false).
fn window(a: &Analysis, f: &crate::findings::Finding) -> (usize, usize, usize, bool) {
    let text = a.source.text.as_str();
    let (Some(lo), Some(hi)) = (
        f.labels.iter().map(|l| l.start).min(),
        f.labels.iter().map(|l| l.end).max(),
    ) else {
        return (0, text.len(), 1, true);
    };
    if lo > hi || hi > text.len() {
        return (0, text.len(), 1, true);
    }
    let line = a.source.lines.line_of(lo);
    let start = a.source.lines.line_start(line);
    let end = memchr::memchr(b'\n', &text.as_bytes()[hi..]).map_or(text.len(), |i| hi + i + 1);
    if end - start <= MAX_EXCERPT {
        return (start, end, line + 1, true);
    }
    let mut ws = lo.saturating_sub(CONTEXT).max(start);
    while !text.is_char_boundary(ws) {
        ws += 1;
    }
    let mut we = (hi + CONTEXT).min(end);
    while !text.is_char_boundary(we) {
        we -= 1;
    }
    (ws, we, line + 1, false)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
