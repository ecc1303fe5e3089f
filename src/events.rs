//! Event mentions: the dated events a draft mentions, by predicate class. A verb with a time
//! ("the blockade began on Friday", "collapsed on Tuesday night") and a noun naming the event
//! with a time attached ("Thursday's vote", "Since Monday's collapse", "a assinatura de
//! domingo", "A audiência, realizada na terça-feira") are both event mentions. A definite
//! noun refers back to the event mentioned before it, so the two must agree on the day.

use crate::analysis::Analysis;
use crate::claims::Mode;
use crate::lexicon::flag;
use crate::time::Day;
use crate::tokens::TokKind;

#[derive(Clone, Debug, serde::Serialize)]
pub struct EventMention {
    pub class: &'static str,
    pub day: Day,
    /// Time mention index.
    pub time: usize,
    /// Byte range to show: the claim content (verbal) or the noun phrase with its time.
    pub span: (usize, usize),
    /// First token (for ordering).
    pub at: usize,
    /// A noun naming the event (not a verb).
    pub nominal: bool,
    /// "the vote", "Thursday's vote", "a assinatura": refers back to a known event.
    pub definite: bool,
    /// What the event is of, when the text says: "the start of the blockade" → "blockade".
    pub participant: Option<String>,
    /// The noun of a nominal mention, lower case ("attack").
    pub noun: Option<String>,
    /// The day is attached to the noun itself ("Wednesday's attack", "o atentado de quarta-feira"),
    /// not told by a verb ("the attack happened on Tuesday").
    pub dated_noun: bool,
    /// Claim the mention belongs to (verbal mentions).
    pub claim: Option<usize>,
    /// Words such as "another", "second", "nova", "outra" make it a different event.
    pub other: bool,
}

fn word_at(a: &Analysis, k: usize) -> bool {
    k < a.tokens.len() && matches!(a.tokens.toks[k].kind, TokKind::Word | TokKind::Dotted)
}

/// All dated event mentions of a draft, in text order.
pub fn mentions(a: &Analysis) -> Vec<EventMention> {
    let mut out = Vec::new();
    // verbal: propositions with a time
    for c in &a.claims {
        for p in &c.props {
            let (Some(day), Some(t)) = (p.day, p.time) else {
                continue;
            };
            if p.mode != Mode::Assertion || !p.polarity || p.predicate == "generic" || p.inferred {
                continue;
            }
            let participant = p
                .subject
                .map(|e| a.entities[e].label.to_lowercase())
                .or_else(|| p.subject_noun.clone());
            // "an earthquake struck on Saturday" is the quake, not an attack: a subject that is
            // itself an event noun gives the event its class (unless the verb is a phase of it:
            // "the walkout began")
            let class = participant
                .as_deref()
                .and_then(|n| n.split_whitespace().last())
                .and_then(|w| a.lang.word(w).event_noun_of)
                .filter(|_| {
                    !a.lang
                        .predicates
                        .iter()
                        .any(|x| x.class == p.predicate && x.aspectual)
                })
                .map_or(p.predicate, |pr| a.lang.predicate(pr).class);
            out.push(EventMention {
                class,
                day,
                time: t,
                span: c.content,
                at: p.trigger.0,
                nominal: false,
                definite: false,
                participant,
                noun: None,
                dated_noun: false,
                claim: Some(c.id),
                other: false,
            });
        }
    }
    // nominal: an event noun with a time attached
    let toks = &a.tokens;
    let time_at = {
        let mut v = vec![usize::MAX; toks.len() + 1];
        for (i, t) in a.times.iter().enumerate() {
            for slot in &mut v[t.ts..t.te] {
                *slot = i;
            }
        }
        v
    };
    for k in 0..toks.len() {
        if !word_at(a, k) {
            continue;
        }
        let info = a.info(k);
        let Some(pred) = info.event_noun_of else {
            continue;
        };
        let class = a.lang.predicate(pred).class;
        // "Thursday's vote", "Sunday's deadly landfall"
        let mut time = None;
        let mut start = k;
        let mut definite = false;
        let mut dated_noun = false;
        for back in 1..=3usize {
            if k < back + 1 {
                break;
            }
            let j = k - back;
            if toks.toks[j].kind == TokKind::Possessive && time_at[j - 1] != usize::MAX {
                time = Some(time_at[j - 1]);
                start = a.times[time_at[j - 1]].ts;
                definite = true;
                dated_noun = true;
                break;
            }
            if !word_at(a, j) || a.knows(j) {
                break;
            }
        }
        // "a assinatura de domingo", "the vote on Thursday", "A audiência, realizada na terça-feira"
        let mut end = k + 1;
        if time.is_none() {
            let mut j = k + 1;
            let limit = (k + 10).min(toks.len());
            while j < limit {
                if time_at[j] != usize::MAX {
                    let t = &a.times[time_at[j]];
                    time = Some(time_at[j]);
                    end = t.te;
                    // "o atentado de quarta-feira", "the attack on Tuesday": the day names the noun
                    dated_noun = t.ts == k + 1
                        || t.ts == k + 2
                            && word_at(a, k + 1)
                            && a.lang.fw.day_of.has(toks.lower(k + 1));
                    break;
                }
                let t = toks.text(&a.source.text, j);
                // "o rompimento ocorreu por volta das 4h40 da quinta-feira", "em assembleia do
                // Sindicato na noite de terça-feira": links, day parts, numbers, names
                // the event's complement: "o início do julgamento, na terça-feira"
                let complement = j > k + 1
                    && word_at(a, j - 1)
                    && a.info(j - 1).has(flag::LINKER)
                    && word_at(a, j)
                    && !toks.toks[j].cap;
                let skippable = t == ","
                    || complement
                    || toks.toks[j].kind == TokKind::Number
                    || word_at(a, j) && {
                        let w = a.info(j);
                        w.has(flag::EVENT_LINK)
                            || w.has(flag::DAY_PART)
                            || w.has(flag::LINKER)
                            || w.has(flag::DETERMINER)
                            || toks.toks[j].cap
                            || toks.lower(j).len() <= 3 && !w.has(flag::KNOWN)
                    };
                if !skippable {
                    break;
                }
                j += 1;
            }
            if k > 0 && word_at(a, k - 1) {
                let d = a.info(k - 1);
                definite =
                    d.has(flag::DEFINITE) || d.has(flag::DETERMINER) && !d.has(flag::INDEFINITE);
                if definite {
                    start = k - 1;
                }
            }
        }
        let Some(t) = time else { continue };
        let Some(day) = a.anchor.resolve(&a.times[t].expr, None) else {
            continue;
        };
        // "the start of the blockade" / "o início dos protestos"
        let mut participant = None;
        let mut j = k + 1;
        if j < toks.len() && word_at(a, j) && a.lang.fw.of.has(toks.lower(j)) {
            j += 1;
            while j < toks.len() && word_at(a, j) && a.info(j).has(flag::DETERMINER) {
                j += 1;
            }
            if j < toks.len() && word_at(a, j) && time_at[j] == usize::MAX {
                participant = Some(toks.lower(j).to_string());
            }
        }
        let other = (k.saturating_sub(3)..k)
            .any(|j| word_at(a, j) && a.lang.fw.other_occurrence.has(toks.lower(j)));
        let s = toks.toks[start.min(k)].start as usize;
        let e = toks.toks[end.max(k + 1) - 1].end as usize;
        out.push(EventMention {
            class,
            day,
            time: t,
            span: (s, e),
            at: k,
            nominal: true,
            definite,
            participant,
            noun: Some(toks.lower(k).to_string()),
            dated_noun,
            claim: None,
            other,
        });
    }
    out.sort_by_key(|m| (m.at, m.nominal));
    out
}
