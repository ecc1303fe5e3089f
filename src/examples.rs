//! The examples inside rule files are tests: a must-flag example fires the rule once, on the
//! spans marked `<m>…</m>` (primary) and `<r>…</r>` (related); a must-not-flag example does
//! not fire it. `cargo test` runs every example of every rule; `crosscheck explain` prints them.

use crate::analysis::{Analysis, Options};
use crate::findings::Finding;
use crate::rules::{RuleSet, RuleSpec};
use crate::source::{Markup, Source};

/// An example's text with its markers removed and their byte ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub primary: Vec<(usize, usize)>,
    pub related: Vec<(usize, usize)>,
}

pub fn strip_markers(s: &str) -> Result<Marked, String> {
    let mut text = String::with_capacity(s.len());
    let mut primary = Vec::new();
    let mut related = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let tag = ["<m>", "</m>", "<r>", "</r>"]
            .iter()
            .find(|t| rest.starts_with(**t));
        match tag {
            Some(&t) => {
                let kind = t.chars().find(|c| *c == 'm' || *c == 'r').unwrap_or('m');
                if t.starts_with("</") {
                    let Some(pos) = open.iter().rposition(|(k, _)| *k == kind) else {
                        return Err(format!("closing {t} without an opening marker"));
                    };
                    let (_, start) = open.remove(pos);
                    let range = (start, text.len());
                    if kind == 'm' {
                        primary.push(range);
                    } else {
                        related.push(range);
                    }
                } else {
                    open.push((kind, text.len()));
                }
                rest = &rest[t.len()..];
            }
            None => {
                let c = rest.chars().next().unwrap_or(' ');
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if let Some((k, _)) = open.first() {
        return Err(format!("unclosed <{k}> marker"));
    }
    Ok(Marked {
        text,
        primary,
        related,
    })
}

#[derive(Clone, Debug)]
pub struct ExampleResult {
    pub rule: String,
    pub index: usize,
    pub lang: String,
    pub expect: String,
    pub passed: bool,
    /// What went wrong, with what was found.
    pub problem: Option<String>,
    pub text: String,
    pub findings: Vec<Finding>,
}

/// Run one rule on one example text.
pub fn run_example(
    rules: &RuleSet,
    rule: &RuleSpec,
    lang: &str,
    text: &str,
) -> Result<Vec<Finding>, String> {
    let src = Source::new("example.md", text, Markup::Markdown);
    let opts = Options {
        lang: Some(lang.to_string()),
        default_lang: None,
    };
    let mut a = Analysis::new(src, rules, &opts).map_err(|e| e.to_string())?;
    a.check(std::slice::from_ref(rule));
    Ok(a.findings)
}

/// Run every example of a rule.
pub fn run_rule(rules: &RuleSet, rule: &RuleSpec) -> Vec<ExampleResult> {
    let mut out = Vec::new();
    for (index, ex) in rule.examples.iter().enumerate() {
        let mut r = ExampleResult {
            rule: rule.id.clone(),
            index,
            lang: ex.lang.clone(),
            expect: ex.expect.clone(),
            passed: false,
            problem: None,
            text: ex.text.clone(),
            findings: Vec::new(),
        };
        let marked = match strip_markers(&ex.text) {
            Ok(m) => m,
            Err(e) => {
                r.problem = Some(e);
                out.push(r);
                continue;
            }
        };
        match run_example(rules, rule, &ex.lang, &marked.text) {
            Err(e) => r.problem = Some(format!("the example could not be analysed: {e}")),
            Ok(findings) => {
                let describe = |f: &Finding| {
                    let spans: Vec<String> = f
                        .labels
                        .iter()
                        .map(|l| {
                            format!(
                                "{}:{:?}",
                                if l.primary { "m" } else { "r" },
                                &marked.text[l.start..l.end]
                            )
                        })
                        .collect();
                    format!("{} [{}]", f.message, spans.join(", "))
                };
                let found: Vec<String> = findings.iter().map(describe).collect();
                if ex.expect == "none" {
                    if !findings.is_empty() {
                        r.problem =
                            Some(format!("expected no finding, found: {}", found.join("; ")));
                    }
                } else if findings.len() != 1 {
                    r.problem = Some(format!(
                        "expected 1 finding, found {}: {}",
                        findings.len(),
                        found.join("; ")
                    ));
                } else {
                    let f = &findings[0];
                    let prim: Vec<(usize, usize)> = f
                        .labels
                        .iter()
                        .filter(|l| l.primary)
                        .map(|l| (l.start, l.end))
                        .collect();
                    let rel: Vec<(usize, usize)> = f
                        .labels
                        .iter()
                        .filter(|l| !l.primary)
                        .map(|l| (l.start, l.end))
                        .collect();
                    let show = |v: &[(usize, usize)]| {
                        v.iter()
                            .map(|&(s, e)| format!("{:?}", &marked.text[s..e]))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    if !marked.primary.is_empty() && prim != marked.primary {
                        r.problem = Some(format!(
                            "primary span: expected {}, found {}",
                            show(&marked.primary),
                            show(&prim)
                        ));
                    } else if !marked.related.is_empty() && rel != marked.related {
                        r.problem = Some(format!(
                            "related span: expected {}, found {}",
                            show(&marked.related),
                            show(&rel)
                        ));
                    }
                }
                r.findings = findings;
            }
        }
        r.passed = r.problem.is_none();
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let m = strip_markers("a <r>bc</r> d <m>é</m>.").unwrap();
        assert_eq!(m.text, "a bc d é.");
        assert_eq!(m.related, vec![(2, 4)]);
        assert_eq!(m.primary, vec![(7, 9)]);
        assert!(strip_markers("<m>x").is_err());
        assert!(strip_markers("x</r>").is_err());
    }
}
