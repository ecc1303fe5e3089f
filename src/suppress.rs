//! Inline suppressions: HTML comments in a draft that silence findings.
//!
//! - `<!-- crosscheck-disable -->` or `<!-- crosscheck-disable CC101 CC102 -->` … up to
//!   `<!-- crosscheck-enable -->` (or `<!-- crosscheck-enable CC101 -->`, or the end of the
//!   draft): findings whose primary place starts in between are dropped.
//! - `<!-- crosscheck-disable-next-line [IDS] -->`: findings whose primary place starts on the
//!   next non-blank line are dropped.
//!
//! Markdown drafts: any HTML comment (block or inline). Plain-text drafts: a line that holds
//! nothing but one such comment (it is masked, so it is never read as prose).
//!
//! A suppression that suppresses nothing, an unknown rule id in one, and a misspelt
//! `crosscheck-…` directive are reported as `CC001` (info), so stale suppressions do not pile up.

use std::ops::Range;

use crate::analysis::Analysis;
use crate::findings::{Category, Finding, Label, Severity};

/// The id, name and default severity of the finding about suppressions themselves.
pub const RULE_ID: &str = "CC001";
pub const RULE_NAME: &str = "unused-suppression";
pub const RULE_SEVERITY: Severity = Severity::Info;
pub const RULE_WHAT: &str = "A `crosscheck-disable` comment that suppresses no finding, names an unknown rule, or is not a known directive.";
pub const RULE_WHY: &str = "Stale suppressions hide the next real contradiction at that place; remove the comment or fix its rule id.";

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
}

#[derive(Clone, Debug)]
struct Directive {
    kind: Kind,
    /// Rule ids; empty means every rule.
    ids: Vec<String>,
    comment: Range<usize>,
}

/// Parse `<!-- crosscheck-… -->`; `None` for other comments, `Err` for a misspelt directive.
fn parse(text: &str, range: Range<usize>) -> Option<Result<Directive, String>> {
    let body = text[range.clone()]
        .trim()
        .strip_prefix("<!--")?
        .trim_end_matches("-->")
        .trim();
    let mut words = body.split(|c: char| c.is_whitespace() || c == ',');
    let first = words.next()?;
    if !first.starts_with("crosscheck-") && first != "crosscheck" {
        return None;
    }
    let kind = match first {
        "crosscheck-disable" => Kind::Disable,
        "crosscheck-enable" => Kind::Enable,
        "crosscheck-disable-next-line" => Kind::NextLine,
        other => {
            return Some(Err(format!(
                "unknown directive {other:?} (known: crosscheck-disable, crosscheck-enable, crosscheck-disable-next-line)"
            )));
        }
    };
    let ids = words
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_uppercase())
        .collect();
    Some(Ok(Directive {
        kind,
        ids,
        comment: range,
    }))
}

struct Region {
    ids: Vec<String>,
    /// Every id it names is unknown (already reported as such).
    unknown: bool,
    range: Range<usize>,
    comment: Range<usize>,
    used: bool,
}

/// The byte range of the first non-blank line after `offset`'s line.
fn next_line(text: &str, offset: usize) -> Range<usize> {
    let mut pos = match text[offset..].find('\n') {
        Some(i) => offset + i + 1,
        None => return text.len()..text.len(),
    };
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(text.len());
        if !text[pos..end].trim().is_empty() {
            return pos..end;
        }
        pos = end + 1;
    }
    text.len()..text.len()
}

/// Drop suppressed findings of a checked draft and add a CC001 finding for each suppression
/// that suppressed nothing. `known` lists every rule id the run knows; `report_unused` is
/// false when CC001 is turned off.
pub fn apply(a: &mut Analysis, known: &[String], report_unused: Option<Severity>) {
    let text = a.source.text.as_str();
    let mut regions: Vec<Region> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut problems: Vec<(Range<usize>, String)> = Vec::new();
    let mut comments = a.prose.comments.clone();
    comments.sort_by_key(|r| (r.start, r.end));
    for c in comments {
        let d = match parse(text, c.clone()) {
            None => continue,
            Some(Err(msg)) => {
                problems.push((c, msg));
                continue;
            }
            Some(Ok(d)) => d,
        };
        let unknown = !d.ids.is_empty() && d.ids.iter().all(|id| !known.contains(id));
        for id in &d.ids {
            if !known.iter().any(|k| k == id) {
                problems.push((
                    d.comment.clone(),
                    format!("unknown rule {id:?} in a crosscheck comment"),
                ));
            }
        }
        match d.kind {
            Kind::Disable => {
                open.push(regions.len());
                regions.push(Region {
                    ids: d.ids,
                    unknown,
                    range: d.comment.end..text.len(),
                    comment: d.comment,
                    used: false,
                });
            }
            Kind::NextLine => regions.push(Region {
                ids: d.ids,
                unknown,
                range: next_line(text, d.comment.end),
                comment: d.comment,
                used: false,
            }),
            Kind::Enable => {
                let mut closed = false;
                open.retain(|&i| {
                    let r = &mut regions[i];
                    let close = d.ids.is_empty() || d.ids.iter().any(|id| r.ids.contains(id));
                    if close {
                        r.range.end = d.comment.start;
                        closed = true;
                    }
                    !close
                });
                if !closed {
                    problems.push((
                        d.comment.clone(),
                        "crosscheck-enable without a matching crosscheck-disable".into(),
                    ));
                }
            }
        }
    }
    if regions.is_empty() && problems.is_empty() {
        return;
    }
    a.findings.retain(|f| {
        let at = f.primary().start;
        let mut keep = true;
        for r in regions.iter_mut() {
            if r.range.contains(&at) && (r.ids.is_empty() || r.ids.contains(&f.rule)) {
                r.used = true;
                keep = false;
            }
        }
        keep
    });
    let Some(severity) = report_unused else {
        return;
    };
    for r in regions.iter().filter(|r| !r.used && !r.unknown) {
        let what = clip(&text[r.comment.clone()]);
        problems.push((r.comment.clone(), format!("{what} suppresses nothing")));
    }
    problems.sort_by(|x, y| (x.0.start, &x.1).cmp(&(y.0.start, &y.1)));
    problems.dedup();
    for (range, message) in problems {
        a.findings.push(Finding {
            rule: RULE_ID.into(),
            name: RULE_NAME.into(),
            category: Category::Directive,
            severity,
            message: message.clone(),
            reasoning: Vec::new(),
            labels: vec![Label {
                start: range.start,
                end: range.end,
                message: "this comment".into(),
                primary: true,
            }],
            claims: Vec::new(),
        });
    }
    a.findings.sort_by_key(|f| f.sort_key());
}

fn clip(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(79).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives() {
        let t = "<!-- crosscheck-disable CC101, cc102 -->";
        let d = parse(t, 0..t.len()).unwrap().unwrap();
        assert_eq!(d.kind, Kind::Disable);
        assert_eq!(d.ids, vec!["CC101", "CC102"]);
        let t = "<!-- just a note -->";
        assert!(parse(t, 0..t.len()).is_none());
        let t = "<!-- crosscheck-disabel -->";
        assert!(parse(t, 0..t.len()).unwrap().is_err());
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let t = "<!-- x -->\n\n  \nThe line.\nOther.";
        let r = next_line(t, 10);
        assert_eq!(&t[r], "The line.");
    }
}
