//! The default output: rustc-style diagnostics with both places of a contradiction labelled,
//! the reasoning as notes, and a summary line.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Report, Totals, plural, render_all, sorted_findings};
use crate::analysis::Analysis;
use crate::findings::{Finding, Severity};

/// The human report; `styled` adds colours.
pub struct Human {
    pub styled: bool,
}

pub fn render(files: &[Analysis], styled: bool) -> String {
    render_all(&Human { styled }, files)
}

impl Report for Human {
    fn draft(&self, a: &Analysis) -> String {
        let renderer = if self.styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        for f in sorted_findings(a) {
            finding(a, f, &renderer, &mut out);
        }
        out
    }

    fn tail(&self, totals: &Totals, out: &mut String) {
        let (claims, e, w, i) = (totals.claims, totals.errors, totals.warnings, totals.infos);
        let drafts = totals.count;
        out.push_str(&format!(
            "crosscheck: {} draft{}, {} claim{}: {} error{}, {} warning{}, {} info\n",
            drafts,
            plural(drafts),
            claims,
            plural(claims),
            e,
            plural(e),
            w,
            plural(w),
            i
        ));
    }
}

/// One finding, rustc-style.
fn finding(a: &Analysis, f: &Finding, renderer: &Renderer, out: &mut String) {
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    // Only the lines the labels are on are shown (fold), so a snippet is those lines:
    // handing the renderer the whole draft for every finding made rendering quadratic.
    // Labels far apart (two paragraphs of a long draft) get one snippet each, so a finding
    // costs its labels' lines, not the text between them.
    let parts = parts(a, f);
    let snippet_of = |p: &Part| {
        let mut snippet = Snippet::source(&a.source.text[p.start..p.end])
            .line_start(p.first_line)
            .fold(true);
        for l in f
            .labels
            .iter()
            .filter(|l| p.start <= l.start && l.end <= p.end)
        {
            let kind = if l.primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            snippet = snippet.annotation(
                kind.span(l.start - p.start..l.end - p.start)
                    .label(l.message.as_str()),
            );
        }
        snippet
    };
    let title = format!("{} [{}]", f.message, f.name);
    let title = level.primary_title(title).id(f.rule.as_str());
    let whole = parts.len() == 1 && parts[0].whole;
    let mut group = if whole {
        title.element(snippet_of(&parts[0]).path(a.source.path.as_str()))
    } else {
        // an excerpt that starts inside a line, or several: say where the finding is
        // ourselves
        let (line, column) = a.source.line_col(f.primary().start);
        let mut g = title.element(
            Origin::path(a.source.path.as_str())
                .line(line)
                .char_column(column),
        );
        for p in &parts {
            g = g.element(snippet_of(p));
        }
        g
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

/// Longest run of whole lines shown for one finding; past it (a draft written as one huge
/// line), the snippet is the labels with `CONTEXT` bytes around them, so each finding costs its
/// labels' length, not its line's: rendering stays linear in the size of the draft.
const MAX_EXCERPT: usize = 16 * 1024;
const CONTEXT: usize = 240;

/// A part of the draft a finding's snippet shows: `start..end`, the 1-based number of its
/// first line, and whether it is whole lines (else an excerpt that starts inside a line).
#[derive(Debug, PartialEq)]
struct Part {
    start: usize,
    end: usize,
    first_line: usize,
    whole: bool,
}

/// The parts of the draft a finding shows. Labels whose lines, together, are at most
/// `MAX_EXCERPT` long share one part: the whole lines from the first one's line to the last
/// one's. A part longer than that (a draft written as one huge line) is cut to excerpts of the
/// labels with `CONTEXT` bytes around them. Without labels, the whole draft.
fn parts(a: &Analysis, f: &crate::findings::Finding) -> Vec<Part> {
    let text = a.source.text.as_str();
    let mut spans: Vec<(usize, usize)> = f
        .labels
        .iter()
        .map(|l| (l.start, l.end))
        .filter(|&(s, e)| s <= e && e <= text.len())
        .collect();
    if spans.is_empty() || spans.len() != f.labels.len() {
        return vec![Part {
            start: 0,
            end: text.len(),
            first_line: 1,
            whole: true,
        }];
    }
    spans.sort_unstable();
    let line_span = |(s, e): (usize, usize)| {
        let line = a.source.lines.line_of(s);
        let start = a.source.lines.line_start(line);
        let end = memchr::memchr(b'\n', &text.as_bytes()[e..]).map_or(text.len(), |i| e + i + 1);
        (start, end, line)
    };
    // labels grouped while their lines fit in one excerpt: (start, end, first line, labels)
    type LabelGroup = (usize, usize, usize, Vec<(usize, usize)>);
    let mut groups: Vec<LabelGroup> = Vec::new();
    for sp in spans {
        let (ls, le, line) = line_span(sp);
        match groups.last_mut() {
            Some(g) if le.max(g.1) - g.0 <= MAX_EXCERPT || ls < g.1 => {
                g.1 = g.1.max(le);
                g.3.push(sp);
            }
            _ => groups.push((ls, le, line, vec![sp])),
        }
    }
    let mut out = Vec::new();
    for (ls, le, line, labels) in groups {
        if le - ls <= MAX_EXCERPT {
            out.push(Part {
                start: ls,
                end: le,
                first_line: line + 1,
                whole: true,
            });
            continue;
        }
        // one long line: an excerpt around each run of nearby labels
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (s, e) in labels {
            match runs.last_mut() {
                Some(r) if s <= r.1 + 2 * CONTEXT => r.1 = r.1.max(e),
                _ => runs.push((s, e)),
            }
        }
        for (lo, hi) in runs {
            let mut ws = lo.saturating_sub(CONTEXT).max(ls);
            while !text.is_char_boundary(ws) {
                ws += 1;
            }
            let mut we = (hi + CONTEXT).min(le);
            while !text.is_char_boundary(we) {
                we -= 1;
            }
            out.push(Part {
                start: ws,
                end: we,
                first_line: a.source.lines.line_of(ws) + 1,
                whole: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Options;
    use crate::rules::RuleSet;
    use crate::source::{Markup, Source};

    fn checked<'r>(text: &str, rules: &'r RuleSet) -> Analysis<'r> {
        let src = Source::new("far.md", text, Markup::Markdown);
        let mut a = Analysis::new(src, rules, &Options::default()).unwrap();
        a.check(&rules.rules);
        a
    }

    #[test]
    fn labels_far_apart_get_a_part_each() {
        let rules = RuleSet::embedded().unwrap();
        let first = "Reports emerged that the ex-president had left Kazakhstan on Friday.\n";
        let last =
            "But on Saturday a spokesman for the ex-president said he was still in the capital.\n";
        let mut text = format!("{first}\n");
        for i in 0..2000 {
            text.push_str(&format!(
                "Line {i} of the appendix lists the river levels.\n\n"
            ));
        }
        text.push_str(last);
        let a = checked(&text, &rules);
        let f = a.findings.iter().find(|f| f.rule == "CC101").unwrap();
        let p = parts(&a, f);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(&text[p[0].start..p[0].end], first);
        assert_eq!(&text[p[1].start..p[1].end], last);
        assert_eq!((p[0].first_line, p[1].first_line), (1, 4003));
        assert!(p[0].whole && p[1].whole);
    }

    #[test]
    fn labels_close_together_share_their_lines() {
        let rules = RuleSet::embedded().unwrap();
        let text = "Reports emerged that the ex-president had left Kazakhstan on Friday.\n\nA note.\n\nBut on Saturday a spokesman for the ex-president said he was still in the capital.\n";
        let a = checked(text, &rules);
        let f = a.findings.iter().find(|f| f.rule == "CC101").unwrap();
        let p = parts(&a, f);
        assert_eq!(
            p,
            vec![Part {
                start: 0,
                end: text.len(),
                first_line: 1,
                whole: true
            }]
        );
    }
}
