//! Helpers shared by the entity and sourcing check kinds: findings built from labelled spans,
//! per-language lists in rule parameters, and token spans.

use crate::analysis::Analysis;
use crate::findings::{Finding, Label, Severity};
use crate::lexicon::PhraseKind;
use crate::rules::RuleSpec;

/// A labelled span for [`make`]: (start, end, message).
pub type Span = (usize, usize, String);

/// A finding with one primary span and any number of related ones.
pub fn make(
    r: &RuleSpec,
    severity: Severity,
    values: &[(&str, String)],
    primary: Span,
    related: Vec<Span>,
    reasoning: Vec<String>,
) -> Finding {
    let mut labels = vec![Label {
        start: primary.0,
        end: primary.1,
        message: primary.2,
        primary: true,
    }];
    for (start, end, message) in related {
        labels.push(Label {
            start,
            end,
            message,
            primary: false,
        });
    }
    super::build(r, severity, values, reasoning, labels, Vec::new())
}

/// Byte span of tokens `s..e`.
pub fn tok_span(a: &Analysis, s: usize, e: usize) -> (usize, usize) {
    (
        a.tokens.toks[s].start as usize,
        a.tokens.toks[e - 1].end as usize,
    )
}

/// A per-language list parameter: `key = { en = [...], pt = [...] }`, as lower-case word lists.
pub fn lang_phrases(r: &RuleSpec, key: &str, lang: &str) -> Vec<Vec<String>> {
    let Some(v) = r.params.get(key) else {
        return Vec::new();
    };
    let list = v
        .as_table()
        .and_then(|t| t.get(lang))
        .and_then(|l| l.as_array());
    list.map(|l| {
        l.iter()
            .filter_map(|x| x.as_str())
            .map(|p| p.split_whitespace().map(|w| w.to_lowercase()).collect())
            .collect()
    })
    .unwrap_or_default()
}

/// Does the phrase (lower-case words) occur at token `k`? Returns its token count.
pub fn phrase_at(a: &Analysis, k: usize, phrase: &[String]) -> Option<usize> {
    if phrase.is_empty() || k + phrase.len() > a.tokens.len() {
        return None;
    }
    phrase
        .iter()
        .enumerate()
        .all(|(i, w)| a.tokens.lower(k + i) == w)
        .then_some(phrase.len())
}

/// Does one of the phrases end right before token `k` (within `min` tokens)? Returns its start.
pub fn phrase_before(a: &Analysis, k: usize, min: usize, phrases: &[Vec<String>]) -> Option<usize> {
    phrases
        .iter()
        .filter(|p| p.len() <= k && k - p.len() >= min)
        .filter_map(|p| phrase_at(a, k - p.len(), p).map(|_| k - p.len()))
        .min()
}

/// Is one of the lexicon's phrases of a kind `want` accepts written at token `k`, ending at
/// or before token `end`? Words are compared by their ids in the word table (every word of a
/// lexicon phrase is in it), so no word is hashed or compared as text.
pub fn lexicon_phrase_at(
    a: &Analysis,
    k: usize,
    end: usize,
    want: impl Fn(&PhraseKind) -> bool,
) -> bool {
    let ids = &a.word_ids;
    a.lang
        .phrases_by_id(ids[k])
        .iter()
        .any(|p| want(&p.kind) && k + p.ids.len() <= end && ids[k..k + p.ids.len()] == p.ids[..])
}

/// "×1 time" / "×3 times" style counts for messages.
pub fn times(n: usize) -> String {
    if n == 1 {
        "once".into()
    } else {
        format!("{n} times")
    }
}
