//! Shared by the fuzz targets: the embedded rules, loaded once per process, and the analysis
//! of one input with every invariant checked and a second run compared with the first.
#![allow(dead_code)]

use std::sync::OnceLock;

use crosscheck::error::RuleError;
use crosscheck::invariants;
use crosscheck::source::{Markup, Source};
use crosscheck::{Analysis, Error, Options, RuleSet};

pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::embedded().expect("embedded rules load"))
}

/// Markdown or plain text, chosen by the input's first byte (so both are fuzzed).
pub fn markup_of(selector: u8) -> (Markup, &'static str) {
    if selector & 1 == 0 {
        (Markup::Markdown, "fuzz.md")
    } else {
        (Markup::Plain, "fuzz.txt")
    }
}

/// Analyse `text` (checks included when `check`), assert every invariant, and check that a
/// second run gives the same fingerprint. Returns the analysis, or None when the draft is
/// rejected as empty (the only error an in-memory draft may give).
pub fn analyse(
    text: &str,
    markup: Markup,
    path: &str,
    lang: Option<&str>,
    check: bool,
) -> Option<(Analysis<'static>, String)> {
    let run = || -> Result<Analysis<'static>, Error> {
        let r = rules();
        let src = Source::new(path, text, markup);
        let opts = Options {
            lang: lang.map(String::from),
            default_lang: None,
        };
        let mut a = Analysis::new(src, r, &opts)?;
        if check {
            a.check(&r.rules);
        }
        Ok(a)
    };
    let a = match run() {
        Ok(a) => a,
        Err(Error::Source(e)) => {
            let blank = text.chars().all(|c| c.is_whitespace() || c == '\u{feff}');
            assert!(blank, "only a blank draft may be rejected, got: {e}");
            assert!(e.to_string().starts_with(path), "error lacks the path: {e}");
            return None;
        }
        Err(e) => panic!("unexpected error: {e}"),
    };
    if let Err(e) = invariants::check_analysis(&a) {
        panic!("invariant broken: {e}");
    }
    let fp = invariants::fingerprint(&a);
    let b = run().expect("the second run fails where the first succeeded");
    let fp2 = invariants::fingerprint(&b);
    assert!(fp == fp2, "a second run gives a different output");
    Some((a, fp))
}

/// A rule or configuration error names `path` with a line and a column inside `text`, and
/// its message starts with `path:line:column: `.
pub fn assert_error_position(e: &RuleError, path: &str, text: &str) {
    let (file, line, column) = match e {
        RuleError::Syntax {
            file, line, column, ..
        }
        | RuleError::Invalid {
            file, line, column, ..
        } => (file, *line, *column),
        _ => panic!("unknown error kind: {e}"),
    };
    assert_eq!(file, path, "{e}");
    let lines = text.split('\n').count();
    assert!(
        line >= 1 && line <= lines,
        "line {line} outside 1..={lines}: {e}"
    );
    let width = text
        .split('\n')
        .nth(line - 1)
        .map_or(0, |l| l.chars().count());
    assert!(
        column >= 1 && column <= width + 1,
        "column {column} outside 1..={}: {e}",
        width + 1
    );
    assert!(
        e.to_string()
            .starts_with(&format!("{path}:{line}:{column}: ")),
        "{e}"
    );
}
