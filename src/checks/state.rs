//! States and antonyms (kind `state`): claims about one subject that put it in two states
//! that exclude each other: freed / still detained, arrested / still at large, resigned /
//! still in office, killed / recovering, closed / still open, won / lost.
//!
//! The rule file lists the *dimensions*: two poles, each a list of predicate classes
//! (`rules/lang/<code>/*.toml` give their words in each language). A proposition is a
//! *present state* when a stative word comes before its trigger ("is", "remains", "está",
//! "continua"; `[contradictions] stative`) or when its class is a state in itself (`states`),
//! and an *event* otherwise ("was released on Monday").
//!
//! Two propositions about one subject, on opposite poles of one dimension, conflict when:
//! - both are present states, not on two known different days ("está fechada" / "continua
//!   aberta");
//! - one is an event and the other a state that still holds after it ("was freed" /
//!   "remains in custody"), unless the state is dated before the event or a later event
//!   brings the subject back ("re-arrested"). A state that only says "is", without "still",
//!   gives a lower severity, except on an absorbing pole (death);
//! - on a one-event dimension (won / lost), both are about the same contest: the same day or
//!   the same place ("X beat Y" is read as Y lost).
//!
//! Claims are bucketed by (subject, dimension) and each is compared with a bounded number of
//! earlier ones: linear.

use std::collections::BTreeMap;

use super::support::{
    NpIx, Place, clause_start, entity_of, is_word, present_state, span_finding, tok_bytes, tok_text,
};
use super::{NEIGHBOURS, P, reasons_for, source_desc};
use crate::analysis::Analysis;
use crate::claims::Mode;
use crate::findings::Finding;
use crate::lexicon::flag;
use crate::np::NpKind;
use crate::rules::RuleSpec;
use crate::time::Day;

struct Dimension {
    name: String,
    poles: [Vec<String>; 2],
    /// How each pole reads in a message ("in custody", "free").
    labels: [String; 2],
    /// The pole that cannot be left (death).
    absorbing: Option<usize>,
    /// Both poles describe the outcome of one event (won / lost).
    one_event: bool,
}

fn dimensions(r: &RuleSpec) -> Vec<Dimension> {
    let strings = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let Some(list) = r.params.get("dimensions").and_then(|v| v.as_array()) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|d| {
            let t = d.as_table()?;
            Some(Dimension {
                name: t.get("name")?.as_str()?.to_string(),
                poles: [strings(t.get("a")), strings(t.get("b"))],
                labels: {
                    let l = strings(t.get("labels"));
                    [
                        l.first().cloned().unwrap_or_else(|| "a".into()),
                        l.get(1).cloned().unwrap_or_else(|| "b".into()),
                    ]
                },
                absorbing: match t.get("absorbing").and_then(|v| v.as_str()) {
                    Some("a") => Some(0),
                    Some("b") => Some(1),
                    _ => None,
                },
                one_event: t
                    .get("one-event")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false),
            })
        })
        .collect()
}

/// Who can be the object of "arrested", "freed", "closed".
const PATIENTS: &[NpKind] = &[
    NpKind::Name,
    NpKind::Org,
    NpKind::Role,
    NpKind::Institution,
    NpKind::Place,
    NpKind::Event,
    NpKind::Group,
];
/// Who can be beaten.
const CONTESTANTS: &[NpKind] = &[NpKind::Name, NpKind::Org, NpKind::Place];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Aspect {
    State,
    Event,
}

#[derive(Clone, Copy)]
struct Item<'a> {
    p: P<'a>,
    pole: usize,
    aspect: Aspect,
    continuity: bool,
    day: Option<Day>,
    /// The place's entity.
    place: Option<usize>,
    /// The subject was found by a guess (a relative clause, the object of "beat").
    guessed: bool,
    /// The item is read off another proposition ("X beat Y": Y lost).
    derived: bool,
    /// Token where the item's words start (for ordering and labels).
    at: usize,
    /// Tokens to label: subject (or antecedent) to trigger, object or time phrase.
    span: (usize, usize),
    /// The event is said to happen again ("re-arrested", "novamente").
    again: bool,
}

/// A place in the clause after an outcome ("won in Dambulla"): the entity of a place or name
/// after a locative preposition (a town the gazetteer does not know is still one entity).
fn place_after(a: &Analysis, nps: &NpIx, from: usize, end: usize) -> Option<usize> {
    for j in from..end.min(from + 20) {
        if matches!(tok_text(a, j), "," | ";" | "." | ":") {
            return None;
        }
        if let Some(np) = nps.starting_at(j)
            && matches!(a.nps[np].kind, NpKind::Place | NpKind::Name)
            && j > 0
            && a.info(j - 1).has(flag::LOCATIVE)
        {
            return entity_of(a, np);
        }
    }
    None
}

/// Article-voice claims for relative clauses about a phrase ("X, who remains at large,
/// said …", "Chaves, que continua foragido, diz …") whose words no claim's content covers:
/// the frame reads X as the speaker and skips the clause. Only predicates of the state
/// dimensions are read; the claim borrows the id of the frame it sits in.
fn relative_clause_claims(
    a: &Analysis,
    nps: &NpIx,
    pole_of: &BTreeMap<&str, (usize, usize)>,
) -> Vec<crate::claims::Claim> {
    use crate::claims::{Certainty, Proposition, SourceKind};
    use crate::lexicon::PhraseKind;
    let n = a.tokens.len();
    let mut covered = vec![false; n + 1];
    for c in &a.claims {
        covered[c.content_toks.0..c.content_toks.1.min(n)].fill(true);
    }
    let mut out = Vec::new();
    let mut ci = 0;
    for (si, s) in a.sentences.iter().enumerate() {
        while ci < a.claims.len() && a.claims[ci].sentence < si {
            ci += 1;
        }
        for j in (s.tok_start + 2)..s.tok_end {
            if !is_word(a, j)
                || !a.info(j).has(flag::RELATIVIZER)
                || a.lang.contra.relative_non_subject.at(a, j, j + 1).is_some()
                || tok_text(a, j - 1) != ","
            {
                continue;
            }
            let Some(np) = nps.ending_at(j - 1) else {
                continue;
            };
            if !matches!(
                a.nps[np].kind,
                NpKind::Name | NpKind::Org | NpKind::Role | NpKind::Institution | NpKind::Event
            ) {
                continue;
            }
            let Some(subject) = entity_of(a, np) else {
                continue;
            };
            let end = (j + 1..(j + 15).min(s.tok_end))
                .find(|&k| matches!(tok_text(a, k), "," | ";" | "." | ")" | "—" | "–"))
                .unwrap_or(s.tok_end.min(j + 15));
            // the claim whose frame holds the clause
            let bytes = (
                a.tokens.toks[j].start as usize,
                a.tokens.toks[end.max(j + 2) - 1].end as usize,
            );
            let Some(frame) = a.claims[ci..]
                .iter()
                .take_while(|c| c.sentence == si)
                .find(|c| c.span.0 <= bytes.0 && bytes.1 <= c.span.1)
            else {
                continue;
            };
            let mut k = j + 1;
            while k < end {
                if covered[k] || !is_word(a, k) {
                    k += 1;
                    continue;
                }
                // a predicate phrase or word of one of the dimensions
                let lower = a.tokens.lower(k);
                let phrase = a.lang.phrases(lower).iter().find_map(|p| match p.kind {
                    PhraseKind::Predicate(idx)
                        if k + p.words.len() <= end
                            && p.words
                                .iter()
                                .enumerate()
                                .all(|(i, w)| a.tokens.lower(k + i) == *w) =>
                    {
                        Some((p.words.len(), idx))
                    }
                    _ => None,
                });
                let found = phrase
                    .filter(|&(_, idx)| pole_of.contains_key(a.lang.predicate(idx).class))
                    .or_else(|| {
                        a.lang
                            .word(lower)
                            .predicates
                            .iter()
                            .find(|&&idx| pole_of.contains_key(a.lang.predicate(idx).class))
                            .map(|&idx| (1, idx))
                    });
                let Some((len, idx)) = found else {
                    k += 1;
                    continue;
                };
                let info = |t: usize| a.info(t);
                let mut prop = Proposition::new(
                    a.lang.predicate(idx).class,
                    idx,
                    (k, k + len),
                    super::support::tok_bytes(a, k, k + len),
                );
                prop.subject = Some(subject);
                prop.subject_np = Some(np);
                prop.polarity = !(j + 1..k).any(|t| is_word(a, t) && info(t).has(flag::NEGATOR));
                prop.continuity =
                    (j + 1..=k).any(|t| is_word(a, t) && info(t).has(flag::CONTINUITY));
                let t = a.times.partition_point(|t| t.ts <= j);
                if t < a.times.len() && a.times[t].te <= end {
                    prop.time = Some(t);
                    prop.day = a.anchor.resolve(&a.times[t].expr, frame.statement_day);
                }
                let mut c = frame.clone();
                c.form = crate::extract::FrameForm::Article;
                c.source_kind = SourceKind::Article;
                c.speaker = None;
                c.speaker_np = None;
                c.cue = None;
                c.speech = None;
                c.content = bytes;
                c.content_toks = (j + 1, end);
                c.extra = None;
                c.quote = None;
                c.certainty = Certainty::Asserted;
                c.hedge = None;
                c.parent = None;
                c.props = vec![prop];
                out.push(c);
                break;
            }
        }
    }
    out
}

/// "X beat Y": the phrase right after the trigger (a time phrase may come between).
fn object_after(
    a: &Analysis,
    nps: &NpIx,
    time_end: &[u32],
    te: usize,
    end: usize,
    kinds: &[NpKind],
) -> Option<(usize, usize)> {
    let mut j = te;
    while j < end && j < te + 6 {
        if time_end[j] > 0 {
            j = time_end[j] as usize;
            continue;
        }
        if let Some(mut np) = nps.starting_at(j) {
            // "the strike's organiser, Peter Ochieng": past a possessor, and to the name in
            // apposition
            let mut k = a.nps[np].te;
            if k < end && a.tokens.toks[k].kind == crate::tokens::TokKind::Possessive {
                k += 1;
                while k < end && k < a.nps[np].te + 4 && nps.starting_at(k).is_none() {
                    if !is_word(a, k) {
                        break;
                    }
                    k += 1;
                }
                if let Some(p) = nps.starting_at(k) {
                    np = p;
                    k = a.nps[np].te;
                }
            }
            if k + 1 < end
                && tok_text(a, k) == ","
                && let Some(p) = nps.starting_at(k + 1)
                && a.nps[p].kind == NpKind::Name
                && !matches!(a.nps[np].kind, NpKind::Name | NpKind::Place)
            {
                np = p;
            }
            let n = &a.nps[np];
            return kinds
                .contains(&n.kind)
                .then(|| entity_of(a, np).map(|e| (e, np)))
                .flatten();
        }
        if is_word(a, j) && a.info(j).has(flag::DETERMINER) {
            j += 1;
            continue;
        }
        return None;
    }
    None
}

pub fn run(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let dims = dimensions(r);
    if dims.is_empty() {
        return;
    }
    // entities by name, built on the first bare possessor ("Pakistan's victory")
    let entity_words = std::cell::OnceCell::new();
    let inherent: Vec<String> = r
        .param_strs("states")
        .unwrap_or_default()
        .into_iter()
        .map(String::from)
        .collect();
    let transitive_win = r.param_str("beaten-pole").is_some();
    let object_holds: Vec<String> = r
        .param_strs("object-holds")
        .unwrap_or_default()
        .into_iter()
        .map(String::from)
        .collect();
    let nps = a.np_index();
    let mut time_end = vec![0u32; a.tokens.len() + 1];
    for t in &a.times {
        time_end[t.ts] = t.te as u32;
    }
    let mut in_name = vec![false; a.tokens.len() + 1];
    for n in &a.nps {
        if matches!(n.kind, NpKind::Name | NpKind::Org | NpKind::Place)
            && let Some((s, e)) = n.name
        {
            in_name[s..e].fill(true);
        }
    }
    // class → (dimension, pole)
    let mut pole_of: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (di, d) in dims.iter().enumerate() {
        for (pi, classes) in d.poles.iter().enumerate() {
            for c in classes {
                pole_of.insert(c.as_str(), (di, pi));
            }
        }
    }
    // relative clauses no claim reads ("Chaves, que continua foragido, diz que …"): the
    // article's own description of the antecedent
    let described = relative_clause_claims(a, nps, &pole_of);
    let mut buckets: BTreeMap<(usize, usize), Vec<Item>> = BTreeMap::new();
    for claim in a.claims.iter().chain(described.iter()) {
        if claim.question {
            continue;
        }
        let sent = &a.sentences[claim.sentence];
        for (pi, prop) in claim.props.iter().enumerate() {
            if prop.mode != Mode::Assertion || !prop.polarity {
                continue;
            }
            // a rumour or a hedged claim that the draft may go on to refute is no conflict
            // ("Reports emerged that X had been killed … the commander was alive")
            if claim.certainty != crate::claims::Certainty::Asserted {
                continue;
            }
            let Some(&(di, pole)) = pole_of.get(prop.predicate) else {
                continue;
            };
            let k = prop.trigger.0;
            let cs = clause_start(a, sent.tok_start, k);
            // wished, due or possible: "demanded that he be dismissed", "deve ser libertado"
            if a.lang
                .contra
                .unreal
                .ending_at(a, k.saturating_sub(2).max(cs), k)
                .is_some()
            {
                continue;
            }
            // "whether he is still in custody", "if the border is open"
            if a.lang
                .contra
                .state_blockers
                .find(a, cs.saturating_sub(2), k)
                .is_some()
            {
                continue;
            }
            // "Police arrested X", "prendeu X": in the active voice the state is the object's
            let passive = (k.saturating_sub(2).max(cs)..k).any(|j| {
                is_word(a, j)
                    && (a.info(j).has(flag::COPULA) || a.lang.contra.stative.at(a, j, k).is_some())
            });
            let object = if !passive
                && !dims[di].one_event
                && object_holds.iter().any(|c| c == prop.predicate)
            {
                object_after(a, nps, &time_end, prop.trigger.1, sent.tok_end, PATIENTS)
            } else {
                None
            };
            let mut span = prop.trigger;
            if let Some(np) = prop.subject_np
                && a.nps[np].sentence == claim.sentence
                && a.nps[np].ts < span.0
            {
                span.0 = a.nps[np].ts;
            }
            // "X, who (police say) remains at large": the antecedent holds the state, whatever
            // phrase inside the relative clause the subject finder took
            let relative = super::support::relative_subject(a, nps, sent.tok_start, k).filter(
                |&(_, _, rel)| {
                    prop.subject_np.is_none_or(|np| a.nps[np].ts > rel)
                        || prop.subject_is_speaker
                        || prop.subject.is_none()
                },
            );
            // "Pakistan's victory": the possessor of a noun trigger
            let possessor = (k > sent.tok_start + 1
                && a.tokens.toks[k - 1].kind == crate::tokens::TokKind::Possessive)
                .then(|| {
                    nps.ending_at(k - 1)
                        .and_then(|np| entity_of(a, np).map(|e| (e, Some(np))))
                        .or_else(|| {
                            entity_words
                                .get_or_init(|| super::support::EntityWords::new(a))
                                .named(tok_text(a, k - 2))
                                .map(|e| (e, None))
                        })
                })
                .flatten();
            let (subject, guessed) = match (object, relative, possessor, prop.subject) {
                (Some((o, np)), _, _, _) => {
                    span.1 = span.1.max(a.nps[np].te);
                    (o, false)
                }
                (None, Some((s, np, _)), _, _) => {
                    span.0 = span.0.min(a.nps[np].ts);
                    (s, a.res[np].weak)
                }
                (None, None, Some((s, np)), _) => match np {
                    Some(np) => {
                        span.0 = span.0.min(a.nps[np].ts);
                        (s, a.res[np].weak)
                    }
                    None => {
                        span.0 = span.0.min(k - 2);
                        (s, false)
                    }
                },
                (None, None, None, Some(s)) => {
                    (s, prop.subject_np.is_some_and(|np| a.res[np].weak))
                }
                (None, None, None, None) => {
                    // "Sri Lanka beat Pakistan" with no winner found: Pakistan still lost
                    if dims[di].one_event
                        && transitive_win
                        && pole == 0
                        && a.lang.contra.beat_verbs.at(a, k, prop.trigger.1).is_some()
                        && let Some((obj, onp)) = object_after(
                            a,
                            nps,
                            &time_end,
                            prop.trigger.1,
                            sent.tok_end,
                            CONTESTANTS,
                        )
                    {
                        let place = place_after(a, nps, prop.trigger.1, sent.tok_end);
                        let day = prop.day;
                        buckets.entry((obj, di)).or_default().push(Item {
                            p: P { claim, prop, pi },
                            pole: 1,
                            aspect: Aspect::Event,
                            continuity: false,
                            day,
                            place,
                            guessed: false,
                            derived: true,
                            at: k,
                            span: (span.0, span.1.max(a.nps[onp].te)),
                            again: false,
                        });
                    }
                    continue;
                }
            };
            // a time phrase right after: "was released on Tuesday"
            if span.1 < sent.tok_end && time_end[span.1] > 0 {
                span.1 = time_end[span.1] as usize;
            }
            // a capitalised trigger inside a name ("Vitória de Guimarães") is not a claim
            if k > sent.tok_start && a.tokens.toks[k].cap && in_name[k] {
                continue;
            }
            let stative_class = inherent.iter().any(|c| c == prop.predicate);
            let marked = present_state(a, k, cs, prop.continuity);
            let past = a
                .lang
                .contra
                .non_stative
                .find(a, k.saturating_sub(3).max(cs), k)
                .is_some();
            let aspect = if marked || (stative_class && !past) {
                Aspect::State
            } else {
                Aspect::Event
            };
            let day = prop.day.or(if aspect == Aspect::State {
                claim.statement_day
            } else {
                None
            });
            let p = P { claim, prop, pi };
            let place = prop.place_np.and_then(|np| entity_of(a, np)).or_else(|| {
                dims[di]
                    .one_event
                    .then(|| place_after(a, nps, prop.trigger.1, sent.tok_end))
                    .flatten()
            });
            let item = Item {
                p,
                pole,
                aspect,
                continuity: prop.continuity,
                day,
                place,
                guessed,
                derived: false,
                at: k,
                span,
                again: a
                    .lang
                    .contra
                    .again
                    .find(
                        a,
                        k.saturating_sub(3).max(sent.tok_start),
                        (prop.trigger.1 + 3).min(sent.tok_end),
                    )
                    .is_some(),
            };
            buckets.entry((subject, di)).or_default().push(item);
            // "X beat Y": Y is on the other pole of the same contest
            if dims[di].one_event
                && transitive_win
                && pole == 0
                && aspect == Aspect::Event
                && a.lang.contra.beat_verbs.at(a, k, prop.trigger.1).is_some()
                && let Some((obj, onp)) =
                    object_after(a, nps, &time_end, prop.trigger.1, sent.tok_end, CONTESTANTS)
                && obj != subject
            {
                buckets.entry((obj, di)).or_default().push(Item {
                    pole: 1,
                    span: (item.span.0, item.span.1.max(a.nps[onp].te)),
                    derived: true,
                    ..item
                });
            }
        }
    }
    for ((subject, di), mut items) in buckets {
        let dim = &dims[di];
        if std::env::var("CC_DEBUG_STATE").is_ok() {
            for i in &items {
                eprintln!(
                    "state {} {} pole={} {:?} cont={} day={:?} place={:?} derived={} '{}'",
                    a.entities[subject].label,
                    dim.name,
                    i.pole,
                    i.aspect,
                    i.continuity,
                    i.day,
                    i.place,
                    i.derived,
                    tok_text(a, i.at)
                );
            }
        }
        items.sort_by_key(|i| (i.at, i.p.pi, i.derived));
        // one finding per pair of claims: the strongest of their conflicting propositions
        let mut best: BTreeMap<(usize, usize), Finding> = BTreeMap::new();
        // events that put the subject on each pole, in text order (for "brought back" checks)
        for (k, y) in items.iter().enumerate() {
            for x in items[k.saturating_sub(NEIGHBOURS)..k].iter().rev() {
                if x.pole == y.pole || x.p.claim.id == y.p.claim.id {
                    continue;
                }
                let Some((severity_drop, why)) = conflict(a, dim, &items, x, y) else {
                    continue;
                };
                let (first, second) = (x, y);
                let subject_label = a.entities[subject].label.clone();
                let (sa, sb) = (
                    source_desc(a, first.p.claim),
                    source_desc(a, second.p.claim),
                );
                let desc = |i: &Item| -> String {
                    let w = word(a, i);
                    let label = &dim.labels[i.pole];
                    if i.derived {
                        format!("{label} ('{w}', said of the other side)")
                    } else {
                        format!("{label} ('{w}')")
                    }
                };
                let (da, db) = (desc(first), desc(second));
                let mut reasoning = reasons_for(a, &first.p);
                reasoning.extend(reasons_for(a, &second.p));
                for i in [first, second] {
                    if i.guessed && i.p.prop.subject.is_none() {
                        reasoning.push(format!(
                            "the subject of '{}' is read off the relative clause: {subject_label}",
                            tok_text(a, i.at)
                        ));
                    }
                    if i.derived {
                        reasoning.push(format!(
                            "'{}' has {subject_label} as its object: {subject_label} lost",
                            tok_text(a, i.at)
                        ));
                    }
                }
                reasoning.push(why);
                reasoning.push(format!("sources: {sa} / {sb}"));
                let mut severity = r.severity;
                if severity_drop || first.guessed || second.guessed {
                    severity = severity.lower();
                }
                let values = [
                    ("subject", subject_label.clone()),
                    ("dimension", dim.name.clone()),
                    ("state_a", da.clone()),
                    ("state_b", db.clone()),
                    ("source_a", sa.clone()),
                    ("source_b", sb.clone()),
                ];
                let place = |i: &Item, label: String| {
                    let (s, e) = tok_bytes(a, i.span.0, i.span.1);
                    Place {
                        start: s,
                        end: e,
                        label,
                    }
                };
                let f = span_finding(
                    r,
                    place(second, format!("{sb}: {subject_label} is {db}")),
                    Some(place(first, format!("{sa}: {subject_label} is {da}"))),
                    &values,
                    reasoning,
                    severity,
                    vec![first.p.claim.id, second.p.claim.id],
                );
                let key = (first.p.claim.id, second.p.claim.id);
                if best.get(&key).is_none_or(|g| g.severity < f.severity) {
                    best.insert(key, f);
                }
                break;
            }
        }
        out.extend(best.into_values());
    }
}

/// The trigger words of an item, as written.
fn word(a: &Analysis, i: &Item) -> String {
    let t = &i.p.prop.trigger;
    let (s, e) = (
        a.tokens.toks[t.0].start as usize,
        a.tokens.toks[t.1 - 1].end as usize,
    );
    super::clip(&a.source.text[s..e], 40)
}

/// Do the two items exclude each other? Returns (lower the severity, why).
fn conflict(
    a: &Analysis,
    dim: &Dimension,
    items: &[Item],
    x: &Item,
    y: &Item,
) -> Option<(bool, String)> {
    let days = match (x.day, y.day) {
        (Some(dx), Some(dy)) => Some((dx, dy)),
        _ => None,
    };
    let different_days = days.is_some_and(|(dx, dy)| dx.differs(&dy) == Some(true));
    let label = |i: &Item| dim.labels[i.pole].as_str();
    if dim.one_event {
        // the same contest: the same day, or the same place, and never two known different days
        let same_day = days.is_some_and(|(dx, dy)| dx.differs(&dy) == Some(false));
        let same_place = matches!((x.place, y.place), (Some(px), Some(py)) if px == py);
        if different_days || !(same_day || same_place) {
            return None;
        }
        return Some((
            false,
            format!(
                "'{}' and '{}' are about one contest ({}), which has one result",
                word(a, x),
                word(a, y),
                if same_day {
                    "the same day"
                } else {
                    "the same place"
                }
            ),
        ));
    }
    match (x.aspect, y.aspect) {
        (Aspect::State, Aspect::State) => {
            if different_days {
                return None;
            }
            Some((
                false,
                format!(
                    "'{}' and '{}' both describe the present: {} and {} at once",
                    word(a, x),
                    word(a, y),
                    label(x),
                    label(y)
                ),
            ))
        }
        (Aspect::Event, Aspect::Event) => {
            // only an absorbing pole makes two events exclusive: killed / survived
            let abs = dim.absorbing?;
            let (end, other) = if x.pole == abs { (x, y) } else { (y, x) };
            if let Some((de, dother)) = end.day.zip(other.day)
                && dother.before(&de) == Some(true)
            {
                return None;
            }
            if different_days && end.day.is_none() {
                return None;
            }
            Some((
                true,
                format!(
                    "'{}' ({}) cannot be undone, yet '{}' says {}",
                    word(a, end),
                    label(end),
                    word(a, other),
                    label(other)
                ),
            ))
        }
        _ => {
            let (ev, st) = if x.aspect == Aspect::Event {
                (x, y)
            } else {
                (y, x)
            };
            // a state reported before the event is history, not a conflict
            if let (Some(ds), Some(de)) = (st.day, ev.day)
                && ds.before(&de) == Some(true)
            {
                return None;
            }
            let absorbing = dim.absorbing == Some(ev.pole);
            if !absorbing {
                // a later event that brings the subject back to the state's pole clears it
                // (dated after the event, or said to happen again after it: news stories give
                // background after the news, so text order alone is no evidence)
                let at = items.partition_point(|i| i.at < ev.at);
                let window =
                    &items[at.saturating_sub(NEIGHBOURS)..(at + 4 * NEIGHBOURS).min(items.len())];
                let back = window.iter().any(|i| {
                    i.aspect == Aspect::Event
                        && i.pole == st.pole
                        && !std::ptr::eq(i, st)
                        && match (i.day, ev.day) {
                            (Some(di), Some(de)) => de.before(&di) == Some(true),
                            _ => i.again && i.at > ev.at,
                        }
                });
                if back {
                    return None;
                }
            }
            let why = if st.continuity {
                let still = a
                    .continuity_word(st.p.claim, st.p.prop)
                    .unwrap_or_else(|| "still".into());
                format!(
                    "'{still}' says the subject is still {} ('{}'), but '{}' made it {}, and no later change is reported",
                    label(st),
                    word(a, st),
                    word(a, ev),
                    label(ev)
                )
            } else if absorbing {
                format!(
                    "'{}' ({}) cannot be undone, yet '{}' says {} now",
                    word(a, ev),
                    label(ev),
                    word(a, st),
                    label(st)
                )
            } else {
                format!(
                    "'{}' says {} now, after '{}' ({}), and no later change is reported",
                    word(a, st),
                    label(st),
                    word(a, ev),
                    label(ev)
                )
            };
            Some((!st.continuity && !absorbing, why))
        }
    }
}
