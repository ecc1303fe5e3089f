//! Check kinds: Rust code instantiated by rule files. Claims are indexed by
//! (subject, predicate class) so each kind compares only within a bucket, and only with a
//! bounded number of neighbours: the work stays linear in the number of claims.

mod acronym;
mod name_drift;
mod note;
mod number;
mod place;
mod place_confusion;
mod polarity;
mod sourcing;
mod time;

// Contradiction-category extensions (CC106–CC199): states, roles, numbers beyond counts,
// dates, quotations, certainty.
mod certainty;
mod date;
mod quantity;
mod quote;
mod role;
mod state;
pub mod support;
pub mod words;
mod words_match;

use std::cell::OnceCell;
use std::collections::BTreeMap;

use crate::analysis::Analysis;
use crate::claims::{Claim, Mode, Proposition, SourceKind};
use crate::findings::{Finding, Label, Severity};
use crate::rules::{RuleSpec, render_message};

/// How many earlier claims in a bucket each claim is compared with.
pub const NEIGHBOURS: usize = 8;

/// A proposition with its claim.
#[derive(Clone, Copy)]
pub struct P<'a> {
    pub claim: &'a Claim,
    pub prop: &'a Proposition,
    pub pi: usize,
}

/// Who a proposition is about: an entity, or a common noun ("the signalling system").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    Entity(usize),
    Noun(String),
}

/// Claims indexed by (subject, predicate), in text order. The predicate is a lexicon class
/// ("leave") or, for verbs the lexicon does not know, "~" and the verb's stem ("~upgrad").
pub struct ClaimIndex<'a> {
    pub by_subject: BTreeMap<(Subject, String), Vec<P<'a>>>,
    /// Counts by predicate (the counted nouns are compared pair by pair).
    pub counts: BTreeMap<String, Vec<P<'a>>>,
}

/// The index key of a proposition's predicate.
pub fn pred_key(p: &Proposition) -> String {
    match &p.stem {
        Some(s) => format!("~{s}"),
        None => p.predicate.to_string(),
    }
}

impl<'a> ClaimIndex<'a> {
    pub fn new(a: &'a Analysis) -> Self {
        let mut by_subject: BTreeMap<(Subject, String), Vec<P<'a>>> = BTreeMap::new();
        let mut counts: BTreeMap<String, Vec<P<'a>>> = BTreeMap::new();
        for claim in &a.claims {
            for (pi, prop) in claim.props.iter().enumerate() {
                if prop.mode != Mode::Assertion {
                    continue;
                }
                let p = P { claim, prop, pi };
                let subject = match (prop.subject, &prop.subject_noun) {
                    // a thing named by a common noun is compared by its head noun
                    (Some(s), _) if a.entities[s].kind == crate::resolve::EntityKind::Thing => {
                        Some(Subject::Noun(a.entities[s].label.clone()))
                    }
                    (Some(s), _) => Some(Subject::Entity(s)),
                    (None, Some(n)) => Some(Subject::Noun(n.clone())),
                    _ => None,
                };
                if let Some(s) = subject {
                    by_subject.entry((s, pred_key(prop))).or_default().push(p);
                }
                if prop.number.is_some() {
                    counts.entry(pred_key(prop)).or_default().push(p);
                }
            }
        }
        ClaimIndex { by_subject, counts }
    }

    pub fn get(&self, subject: usize, predicate: &str) -> &[P<'a>] {
        self.by_subject
            .get(&(Subject::Entity(subject), predicate.to_string()))
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// Entity subjects that have claims with `predicate`.
    pub fn subjects_with(&self, predicate: &str) -> Vec<usize> {
        self.by_subject
            .keys()
            .filter_map(|(s, p)| match s {
                Subject::Entity(e) if p == predicate => Some(*e),
                _ => None,
            })
            .collect()
    }
}

/// Run every enabled rule on one analysed draft.
/// A draft of more than this many sentences runs its kinds of check side by side on the
/// thread pool (as its noun phrases are chunked); a shorter one, where they take well under a
/// millisecond, runs them in turn.
const SENTENCES_FOR_PARALLEL_KINDS: usize = 2 * crate::ranges::PER_TASK;

/// The context a kind of check builds once and shares between its rules.
#[derive(Default)]
struct Shared<'a> {
    acronyms: OnceCell<acronym::Prepared>,
    sourcing: OnceCell<sourcing::Ctx<'a>>,
    quotes: OnceCell<Vec<quote::Q<'a>>>,
}

fn run_rule<'a>(
    a: &'a Analysis<'a>,
    ix: &ClaimIndex,
    r: &RuleSpec,
    shared: &Shared<'a>,
    out: &mut Vec<Finding>,
) {
    match r.kind.as_str() {
        "place" => place::run(a, ix, r, out),
        "number" => number::run(a, ix, r, out),
        "polarity" => polarity::run(a, ix, r, out),
        "time" => time::run(a, ix, r, out),
        "name-drift" => name_drift::run(a, r, out),
        "acronym" => acronym::run(a, r, &shared.acronyms, out),
        "place-confusion" => place_confusion::run(a, r, out),
        "sourcing" => sourcing::run(a, r, &shared.sourcing, out),
        "state" => state::run(a, r, out),
        "role" => role::run(a, r, out),
        "quantity" => quantity::run(a, r, out),
        "date" => date::run(a, r, out),
        "quote" => quote::run(a, r, &shared.quotes, out),
        "certainty" => certainty::run(a, ix, r, out),
        _ => {}
    }
}

pub fn run<'a>(a: &'a Analysis<'a>, rules: &[RuleSpec]) -> Vec<Finding> {
    let ix = ClaimIndex::new(a);
    let active: Vec<&RuleSpec> = rules
        .iter()
        .filter(|r| r.languages.iter().any(|l| l == a.lang.code))
        .collect();
    let mut out = Vec::new();
    if a.sentences.len() <= SENTENCES_FOR_PARALLEL_KINDS || rayon::current_num_threads() <= 1 {
        let shared = Shared::default();
        for r in &active {
            run_rule(a, &ix, r, &shared, &mut out);
        }
    } else {
        // one task per kind (its rules share what the kind builds once); the findings are
        // put back in the order of the rules, so the output is the one of the loop above
        use rayon::prelude::*;
        let mut kinds: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, r) in active.iter().enumerate() {
            kinds.entry(r.kind.as_str()).or_default().push(i);
        }
        let kinds: Vec<Vec<usize>> = kinds.into_values().collect();
        let mut parts: Vec<(usize, Vec<Finding>)> = kinds
            .par_iter()
            .flat_map_iter(|of_kind| {
                let shared = Shared::default();
                of_kind
                    .iter()
                    .map(|&i| {
                        let mut found = Vec::new();
                        run_rule(a, &ix, active[i], &shared, &mut found);
                        (i, found)
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        parts.sort_unstable_by_key(|(i, _)| *i);
        out = parts.into_iter().flat_map(|(_, f)| f).collect();
    }
    drop_disputes_from_polarity(rules, &mut out);
    drop_dates_reported_by_time(rules, &mut out);
    out.sort_by_key(|f| f.sort_key());
    out.dedup_by(|a, b| a.rule == b.rule && a.labels == b.labels);
    out
}

/// The check kind of the rule with this id ("" for none).
fn kind_of<'r>(rules: &'r [RuleSpec], id: &str) -> &'r str {
    rules
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.kind.as_str())
        .unwrap_or("")
}

/// A pair the certainty kind reports as a dispute is not reported again by the polarity kind
/// (see `certainty.rs` for how the two divide the work).
fn drop_disputes_from_polarity(rules: &[RuleSpec], out: &mut Vec<Finding>) {
    let mut disputes: Vec<Vec<usize>> = out
        .iter()
        .filter(|f| kind_of(rules, &f.rule) == "certainty")
        .map(|f| {
            let mut c = f.claims.clone();
            c.sort_unstable();
            c
        })
        .collect();
    if disputes.is_empty() {
        return;
    }
    disputes.sort();
    out.retain(|f| {
        if kind_of(rules, &f.rule) != "polarity" {
            return true;
        }
        let mut c = f.claims.clone();
        c.sort_unstable();
        disputes.binary_search(&c).is_err()
    });
}

/// The date kind's event checks (CC119, CC121) add what CC105 (kind `time`) cannot see; a
/// pair CC105 already reports, on the same two places, is not reported again.
fn drop_dates_reported_by_time(rules: &[RuleSpec], out: &mut Vec<Finding>) {
    let time: Vec<Vec<(usize, usize)>> = out
        .iter()
        .filter(|f| kind_of(rules, &f.rule) == "time")
        .map(|f| f.labels.iter().map(|l| (l.start, l.end)).collect())
        .collect();
    if time.is_empty() {
        return;
    }
    let overlaps = |(s, e): (usize, usize), (s2, e2): (usize, usize)| s < e2 && s2 < e;
    out.retain(|f| {
        if kind_of(rules, &f.rule) != "date" || f.labels.len() < 2 {
            return true;
        }
        !time.iter().any(|t| {
            f.labels
                .iter()
                .all(|l| t.iter().any(|&x| overlaps((l.start, l.end), x)))
        })
    });
}

/// Text of a byte range of the draft.
pub fn text<'a>(a: &'a Analysis, (s, e): (usize, usize)) -> &'a str {
    &a.source.text[s..e]
}

/// Collapse white space and shorten.
pub fn clip(s: &str, n: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// A speaker phrase as it reads inside a sentence: "A spokesman" → "a spokesman".
fn in_sentence(a: &Analysis, s: &str) -> String {
    let mut words = s.split_whitespace();
    let first = words.next().unwrap_or("");
    let lower = first.to_lowercase();
    let info = a.lang.word(&lower);
    let rest: Vec<&str> = words.collect();
    let first = if info.has(crate::lexicon::flag::DETERMINER)
        || info.has(crate::lexicon::flag::POSSESSIVE)
    {
        lower
    } else {
        first.to_string()
    };
    std::iter::once(first.as_str())
        .chain(rest)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Who the claim is from, for messages: "unattributed reports", "o Kremlin", "the article".
pub fn source_desc(a: &Analysis, c: &Claim) -> String {
    match c.source_kind {
        SourceKind::UnattributedReport => {
            let cue = c.cue.map(|s| text(a, s).to_string()).unwrap_or_default();
            if cue.is_empty() {
                "unattributed reports".into()
            } else {
                format!("unattributed reports (\"{cue}\")")
            }
        }
        SourceKind::Article => "the article itself".into(),
        SourceKind::Named | SourceKind::Anonymous => match c.speaker_np {
            Some(np) => {
                let n = &a.nps[np];
                let t = in_sentence(a, &a.source.text[n.start..n.end]);
                match c.speaker.map(|e| &a.entities[e]) {
                    Some(e)
                        if !t.to_lowercase().contains(&e.label.to_lowercase())
                            && !e.label.starts_with("the ") =>
                    {
                        format!("{t} ({})", e.label)
                    }
                    _ => t,
                }
            }
            None => "an unnamed source".into(),
        },
    }
}

/// Label text for a subject.
pub fn subject_desc(a: &Analysis, p: &Proposition) -> String {
    match (p.subject, &p.subject_noun) {
        (Some(e), _) => a.entities[e].label.clone(),
        (None, Some(n)) => format!("the {n}"),
        _ => "it".into(),
    }
}

/// Resolution reasons behind a proposition's subject and place.
pub fn reasons_for(a: &Analysis, p: &P) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(np) = p.prop.subject_np {
        out.extend(a.res[np].reasons.iter().cloned());
        if let Some(ap) = a.nps[np].apposition_of {
            out.extend(a.res[ap].reasons.iter().cloned());
        }
    }
    if p.prop.subject_is_speaker
        && let Some(e) = p.claim.speaker
    {
        out.push(format!(
            "no subject is written: the speaker, {}",
            a.entities[e].label
        ));
    }
    if let Some(np) = p.prop.place_np {
        out.extend(a.res[np].reasons.iter().cloned());
    }
    out
}

/// Did resolution guess anywhere for this proposition?
pub fn weak(a: &Analysis, p: &P) -> bool {
    p.prop.inferred || p.prop.subject_np.is_some_and(|np| a.res[np].weak)
}

/// The span to label for a proposition: its claim's content.
pub fn label_span(p: &P) -> (usize, usize) {
    // an inferred proposition points at its evidence ("in Lima"), not at the claim
    if p.prop.inferred {
        return p.prop.trigger_span;
    }
    p.claim.content
}

/// Assemble a two-claim finding. `first` is earlier in the text (related), `second` primary.
#[allow(clippy::too_many_arguments)]
pub fn finding(
    a: &Analysis,
    r: &RuleSpec,
    first: &P,
    second: &P,
    values: &[(&str, String)],
    label_first: String,
    label_second: String,
    reasoning: Vec<String>,
    severity: Severity,
) -> Finding {
    // the two claims in the order of the draft, unless the rule gave them in its own order
    let mut values = values.to_vec();
    if !values.iter().any(|(k, _)| *k == "claim_a") {
        values.push(("claim_a", clip(text(a, first.claim.content), 80)));
        values.push(("claim_b", clip(text(a, second.claim.content), 80)));
    }
    let (s1, e1) = label_span(first);
    let (s2, e2) = label_span(second);
    let labels = vec![
        Label {
            start: s2,
            end: e2,
            message: label_second,
            primary: true,
        },
        Label {
            start: s1,
            end: e1,
            message: label_first,
            primary: false,
        },
    ];
    let claims = vec![first.claim.id, second.claim.id];
    build(r, severity, &values, reasoning, labels, claims)
}

/// A finding of a rule: its message rendered from `values`, each line of reasoning once, in
/// order. Every check kind builds its findings through here.
pub fn build(
    r: &RuleSpec,
    severity: Severity,
    values: &[(&str, String)],
    mut reasoning: Vec<String>,
    labels: Vec<Label>,
    claims: Vec<usize>,
) -> Finding {
    let mut seen = std::collections::BTreeSet::new();
    reasoning.retain(|x| seen.insert(x.clone()));
    Finding {
        rule: r.id.clone(),
        name: r.name.clone(),
        category: r.category,
        severity,
        message: render_message(&r.message, values),
        reasoning,
        labels,
        claims,
    }
}

/// Describe a day for messages ("na sexta-feira" → "sexta-feira").
pub fn day_desc(a: &Analysis, p: &P) -> Option<String> {
    let tm = &a.times[p.prop.time?];
    Some(time_text(a, tm))
}

/// A time phrase without its leading preposition.
pub fn time_text(a: &Analysis, tm: &crate::time::TimeMention) -> String {
    let mut k = tm.ts;
    while k + 1 < tm.te
        && a.lang
            .word(a.tokens.lower(k))
            .has(crate::lexicon::flag::TIME_PREP)
    {
        k += 1;
    }
    clip(&a.source.text[a.tokens.toks[k].start as usize..tm.end], 60)
}

/// In text order, the earlier of two propositions comes first.
pub fn ordered<'b, 'a>(x: &'b P<'a>, y: &'b P<'a>) -> (&'b P<'a>, &'b P<'a>) {
    if (x.claim.content.0, x.pi) <= (y.claim.content.0, y.pi) {
        (x, y)
    } else {
        (y, x)
    }
}
