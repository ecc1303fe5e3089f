//! Helpers shared by the contradiction-category checks CC106–CC199: findings built from raw
//! spans, token and phrase look-ups, and the present-state test.

use crate::analysis::Analysis;
use crate::claims::Claim;
use crate::findings::{Finding, Label, Severity};
use crate::lexicon::flag;
use crate::np::Np;
use crate::np::NpKind;
use crate::rules::RuleSpec;
use crate::tokens::TokKind;

pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A labelled place in the draft.
pub struct Place {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// Build a finding from a primary place and, when there is one, a related place.
#[allow(clippy::too_many_arguments)]
pub fn span_finding(
    r: &RuleSpec,
    primary: Place,
    related: Option<Place>,
    values: &[(&str, String)],
    reasoning: Vec<String>,
    severity: Severity,
    claims: Vec<usize>,
) -> Finding {
    let mut labels = vec![Label {
        start: primary.start,
        end: primary.end,
        message: primary.label,
        primary: true,
    }];
    if let Some(p) = related {
        labels.push(Label {
            start: p.start,
            end: p.end,
            message: p.label,
            primary: false,
        });
    }
    super::build(r, severity, values, reasoning, labels, claims)
}

/// Byte range of tokens `[ts, te)`.
pub fn tok_bytes(a: &Analysis, ts: usize, te: usize) -> (usize, usize) {
    (
        a.tokens.toks[ts].start as usize,
        a.tokens.toks[te.max(ts + 1) - 1].end as usize,
    )
}

pub fn is_word(a: &Analysis, k: usize) -> bool {
    matches!(a.tokens.toks[k].kind, TokKind::Word | TokKind::Dotted)
}

pub fn tok_text<'a>(a: &'a Analysis, k: usize) -> &'a str {
    a.tokens.text(&a.source.text, k)
}

/// Index of the sentence holding token `k`.
pub fn sentence_of(a: &Analysis, k: usize) -> usize {
    a.sentences
        .partition_point(|s| s.tok_end <= k)
        .min(a.sentences.len().saturating_sub(1))
}

/// Top-level noun phrases by their first and last token.
pub struct NpIx {
    ending: Vec<u32>,
    starting: Vec<u32>,
}

impl NpIx {
    pub fn new(a: &Analysis) -> Self {
        let n = a.tokens.len() + 1;
        let mut ending = vec![0u32; n];
        let mut starting = vec![0u32; n];
        for (i, np) in a.nps.iter().enumerate() {
            if np.complement {
                continue;
            }
            ending[np.te] = i as u32 + 1;
            starting[np.ts] = i as u32 + 1;
        }
        NpIx { ending, starting }
    }

    /// The phrase that ends right before token `k`.
    pub fn ending_at(&self, k: usize) -> Option<usize> {
        self.ending
            .get(k)
            .and_then(|&v| (v > 0).then(|| v as usize - 1))
    }

    pub fn starting_at(&self, k: usize) -> Option<usize> {
        self.starting
            .get(k)
            .and_then(|&v| (v > 0).then(|| v as usize - 1))
    }
}

/// The entity a phrase refers to (through its apposition when it has none itself).
pub fn entity_of(a: &Analysis, np: usize) -> Option<usize> {
    a.res[np]
        .entity
        .or_else(|| a.nps[np].apposition_of.and_then(|j| a.res[j].entity))
}

/// The entities by each of their names and surnames, for [`EntityWords::named`]: one look-up
/// per word instead of a scan of every entity.
pub struct EntityWords<'a> {
    /// Word → (the first entity it names, how many entities it names).
    by_word: rustc_hash::FxHashMap<&'a str, (usize, usize)>,
}

impl<'a> EntityWords<'a> {
    pub fn new(a: &'a Analysis) -> Self {
        let mut by_word: rustc_hash::FxHashMap<&'a str, (usize, usize)> = Default::default();
        for e in &a.entities {
            let mut words: Vec<&str> = e.names.keys().map(String::as_str).collect();
            words.extend(e.surname.as_deref());
            words.sort_unstable();
            words.dedup();
            for w in words {
                by_word.entry(w).or_insert((e.id, 0)).1 += 1;
            }
        }
        EntityWords { by_word }
    }

    /// The one entity a bare word names ("Pakistan" in "Pakistan's victory", "Fuentes" in
    /// "Fuentes’s promise"), when no phrase was read there: a unique name or surname.
    pub fn named(&self, word: &str) -> Option<usize> {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        match self.by_word.get(word) {
            Some(&(e, 1)) => Some(e),
            _ => None,
        }
    }
}

/// The text of a phrase, white space collapsed.
pub fn np_text(a: &Analysis, np: &Np) -> String {
    super::clip(&a.source.text[np.start..np.end], 60)
}

/// The innermost claim whose content (or second quoted part) holds the byte range. Claims are
/// in sentence order: only those of the range's sentence (and the one before, for quotations
/// that run on) are looked at.
pub fn claim_holding<'a>(a: &'a Analysis, start: usize, end: usize) -> Option<&'a Claim> {
    let k = a.tokens.toks.partition_point(|t| (t.end as usize) <= start);
    let si = sentence_of(a, k.min(a.tokens.len().saturating_sub(1)));
    let from = a.claims.partition_point(|c| c.sentence + 1 < si);
    let to = a.claims.partition_point(|c| c.sentence <= si);
    a.claims[from..to.max(from)]
        .iter()
        .filter(|c| {
            let inside = |(s, e): (usize, usize)| s <= start && end <= e;
            inside(c.content) || c.extra.is_some_and(inside)
        })
        .min_by_key(|c| c.content.1 - c.content.0)
}

/// Is the predicate at token `k` a present state ("is closed", "remains in custody",
/// "está fechada", "continua presa") rather than an event ("was closed on Monday")?
/// Looks back within the clause, at most four tokens.
pub fn present_state(a: &Analysis, k: usize, clause_start: usize, continuity: bool) -> bool {
    if continuity {
        return true;
    }
    let w = &a.lang.contra;
    // the trigger itself may start with a stative word ("remains in custody")
    if w.stative.at(a, k, k + 1).is_some() {
        return true;
    }
    let from = k.saturating_sub(4).max(clause_start);
    let mut found = false;
    let mut j = from;
    while j < k {
        if !is_word(a, j) {
            // a comma or a dash between marker and trigger breaks the link
            if matches!(tok_text(a, j), "," | ";" | ":" | "—" | "–") {
                found = false;
            }
            j += 1;
            continue;
        }
        if let Some(n) = w.non_stative.at(a, j, k) {
            found = false;
            j += n;
            continue;
        }
        if let Some(n) = w.stative.at(a, j, k) {
            found = true;
            j += n;
            continue;
        }
        j += 1;
    }
    found
}

/// The start of the clause holding token `k`, within the sentence: after the last ";", ":",
/// relative pronoun or complementizer.
pub fn clause_start(a: &Analysis, sent_start: usize, k: usize) -> usize {
    let mut j = k;
    while j > sent_start {
        j -= 1;
        let t = tok_text(a, j);
        if t == ";" || t == ":" {
            return j + 1;
        }
        if is_word(a, j) {
            let info = a.info(j);
            if info.has(flag::COMPLEMENTIZER) || info.has(flag::RELATIVIZER) {
                return j + 1;
            }
        }
    }
    sent_start
}

/// Words of a text for comparing quotations: lower case, letters and digits only.
pub fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// A crude stem for comparing reworded quotations across inflections: the first four
/// characters ("leaving"/"leave" → "leav"; "acreditar"/"acreditou" → "acre").
pub fn stem(w: &str) -> String {
    w.chars().take(4).collect()
}

/// "Otieno, who remains in custody": the subject of a relative clause is the phrase before
/// the comma and the relative pronoun.
pub fn relative_subject(
    a: &Analysis,
    nps: &NpIx,
    sent_start: usize,
    k: usize,
) -> Option<(usize, usize, usize)> {
    let mut j = k;
    let mut words = 0;
    while j > sent_start {
        j -= 1;
        if !is_word(a, j) {
            // "X, who survived the attack, is recovering": after a relative clause, the
            // antecedent is the subject of the main clause
            if tok_text(a, j) == "," && words <= 2 {
                return after_relative_clause(a, nps, sent_start, j);
            }
            return None;
        }
        let info = a.info(j);
        if info.has(flag::RELATIVIZER) {
            break;
        }
        // a name inside is the subject of an embedded clause, not of this one
        if a.tokens.toks[j].cap {
            return None;
        }
        words += 1;
        if words > 4 {
            return None;
        }
    }
    if j <= sent_start
        || !a.info(j).has(flag::RELATIVIZER)
        || a.lang.contra.relative_non_subject.at(a, j, j + 1).is_some()
    {
        return None;
    }
    // "X, who …" (a comma), or "the protests that started …" (none: then the relative word
    // must be the clause's subject, with no phrase between it and the trigger)
    let np = if tok_text(a, j - 1) == "," {
        nps.ending_at(j - 1)?
    } else {
        if (j + 1..k).any(|t| nps.starting_at(t).is_some()) {
            return None;
        }
        nps.ending_at(j)?
    };
    let n = &a.nps[np];
    if !matches!(
        n.kind,
        NpKind::Name
            | NpKind::Org
            | NpKind::Role
            | NpKind::Place
            | NpKind::Institution
            | NpKind::Event
    ) {
        return None;
    }
    entity_of(a, np).map(|e| (e, np, j))
}

/// The antecedent of a relative clause that ends at the comma `close`: "ANTECEDENT, who …,".
fn after_relative_clause(
    a: &Analysis,
    nps: &NpIx,
    sent_start: usize,
    close: usize,
) -> Option<(usize, usize, usize)> {
    let mut j = close;
    let lo = close.saturating_sub(16).max(sent_start + 1);
    while j > lo {
        j -= 1;
        if tok_text(a, j) == "," {
            return None;
        }
        if is_word(a, j)
            && a.info(j).has(flag::RELATIVIZER)
            && a.lang.contra.relative_non_subject.at(a, j, j + 1).is_none()
            && tok_text(a, j - 1) == ","
        {
            let np = nps.ending_at(j - 1)?;
            return matches!(
                a.nps[np].kind,
                NpKind::Name | NpKind::Org | NpKind::Role | NpKind::Institution
            )
            .then(|| entity_of(a, np).map(|e| (e, np, j)))
            .flatten();
        }
    }
    None
}
