//! Count contradictions: the same count (same event, same kind of thing) given with values
//! that cannot both hold. Approximations ("more than 4,000", "cerca de 4.400") are intervals;
//! an explicit update ("rose from 26 to 164") or a part of a total ("including 103 in …") is
//! never a contradiction.

use super::{ClaimIndex, NEIGHBOURS, P, finding, source_desc};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::numbers::{compatible, format_value};
use crate::rules::RuleSpec;

/// Values of a stated update: those right after an update phrase ("rose from 26 to 164",
/// "subiu para 19") and every other count in the same sentence ("… subiu para 19, que no
/// domingo contabilizava 14"). Two such values are one figure changing, not a contradiction.
fn update_chain(a: &Analysis) -> Vec<u64> {
    let toks = &a.tokens;
    // the number of words of the update phrase at `j`, if any
    let update_at = |j: usize, end: usize| {
        a.lang
            .phrases(toks.lower(j))
            .iter()
            .filter(|p| {
                p.kind == crate::lexicon::PhraseKind::Update
                    && j + p.words.len() <= end
                    && p.words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| toks.lower(j + k) == *w)
            })
            .map(|p| p.words.len())
            .max()
    };
    let mut sentences = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for n in &a.nums {
        let from =
            n.ts.saturating_sub(6)
                .max(a.sentences[n.sentence].tok_start);
        if let Some(words) = (from..n.ts).filter_map(|j| update_at(j, n.ts)).max() {
            out.push(n.value.to_bits());
            // a change of figure ("subiu para 19, que no domingo contabilizava 14") takes the
            // sentence's other counts with it; a lone "now"/"agora" only its own figure
            if words > 1 {
                sentences.insert(n.sentence);
            }
        }
    }
    for n in &a.nums {
        if sentences.contains(&n.sentence)
            && (n.unit.is_some() || n.noun_predicate.is_some() || n.noun.is_some())
        {
            out.push(n.value.to_bits());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

pub fn run(a: &Analysis, ix: &ClaimIndex, r: &RuleSpec, out: &mut Vec<Finding>) {
    let updated = update_chain(a);
    for (pred, props) in &ix.counts {
        // only counts of people, things that happened to them (killed, arrested, injured…)
        let props: Vec<&P> = props
            .iter()
            .filter(|p| {
                let n = &a.nums[p.prop.number.unwrap()];
                p.prop.polarity
                    && !p.prop.partition
                    && !n.enumeration
                    && !n.scoped
                    && !n.provisional
            })
            .collect();
        for (k, x) in props.iter().enumerate() {
            for y in props[k.saturating_sub(NEIGHBOURS)..k].iter().rev() {
                if x.claim.id == y.claim.id && x.claim.sentence == y.claim.sentence {
                    continue;
                }
                let (nx, ny) = (
                    &a.nums[x.prop.number.unwrap()],
                    &a.nums[y.prop.number.unwrap()],
                );
                // different subjects or places: different counts
                if x.prop.subject.is_some()
                    && y.prop.subject.is_some()
                    && x.prop.subject != y.prop.subject
                {
                    continue;
                }
                if x.prop.place.is_some() && y.prop.place.is_some() && x.prop.place != y.prop.place
                {
                    continue;
                }
                if let (Some(dx), Some(dy)) = (x.prop.day, y.prop.day)
                    && dx.differs(&dy) != Some(false)
                {
                    continue;
                }
                // the counted nouns must be the same kind of thing
                if !same_noun(a, nx, ny) {
                    continue;
                }
                if compatible(nx.value, nx.approx, ny.value, ny.approx) {
                    continue;
                }
                // a figure the draft says was updated, or figures given on different days
                // both figures belong to a stated update ("rose from 26 to 164")
                if updated.binary_search(&nx.value.to_bits()).is_ok()
                    && updated.binary_search(&ny.value.to_bits()).is_ok()
                {
                    continue;
                }
                if let (Some(dx), Some(dy)) = (x.claim.statement_day, y.claim.statement_day)
                    && dx.differs(&dy) == Some(true)
                {
                    continue;
                }
                let (first, second) = super::ordered(x, y);
                let (nf, ns) = (
                    &a.nums[first.prop.number.unwrap()],
                    &a.nums[second.prop.number.unwrap()],
                );
                let what = pred.trim_start_matches('~').to_string();
                let va = a.text_of(nf.start, nf.end);
                let vb = a.text_of(ns.start, ns.end);
                let (sa, sb) = (source_desc(a, first.claim), source_desc(a, second.claim));
                let noun = |n: &crate::numbers::NumMention| {
                    n.noun
                        .map(|k| a.tokens.lower(k).to_string())
                        .unwrap_or_default()
                };
                let reasoning = vec![
                    format!(
                        "both count the same thing ({}) with the same verb ('{}' / '{}')",
                        noun(nf),
                        a.text_of(
                            a.tokens.toks[first.prop.trigger.0].start as usize,
                            a.tokens.toks[first.prop.trigger.1 - 1].end as usize
                        ),
                        a.text_of(
                            a.tokens.toks[second.prop.trigger.0].start as usize,
                            a.tokens.toks[second.prop.trigger.1 - 1].end as usize
                        )
                    ),
                    {
                        // as written when it is a bound or a range ("between 30 and 40")
                        let shown = |n: &crate::numbers::NumMention, text: &str| {
                            if n.approx == crate::lexicon::Approx::Exact {
                                format_value(n.value, a.lang)
                            } else {
                                format!("'{text}'")
                            }
                        };
                        format!(
                            "{} and {} cannot both hold (no approximation covers both, and no update is stated)",
                            shown(nf, &va),
                            shown(ns, &vb)
                        )
                    },
                    format!("sources: {sa} / {sb}"),
                ];
                let values = [
                    ("subject", super::subject_desc(a, second.prop)),
                    ("what", what),
                    ("value_a", va.clone()),
                    ("value_b", vb.clone()),
                    ("source_a", sa.clone()),
                    ("source_b", sb.clone()),
                ];
                out.push(finding(
                    a,
                    r,
                    first,
                    second,
                    &values,
                    format!("{sa}: {va}"),
                    format!("{sb}: {vb}"),
                    reasoning,
                    r.severity,
                ));
                break;
            }
        }
    }
}

/// Counted nouns of one kind: the same noun; a generic noun ("people", "pessoas") with any
/// noun of its unit; nouns naming the same outcome ("dead", "mortos"); nouns of one class of
/// things ("homes", "houses"). Different qualifiers ("suspected" / "confirmed") count
/// different things.
fn same_noun(a: &Analysis, x: &crate::numbers::NumMention, y: &crate::numbers::NumMention) -> bool {
    if !x.modifiers.is_empty() && !y.modifiers.is_empty() && x.modifiers != y.modifiers {
        return false;
    }
    let (Some(nx), Some(ny)) = (x.noun, y.noun) else {
        return true;
    };
    let (lx, ly) = (a.tokens.lower(nx), a.tokens.lower(ny));
    let (ix, iy) = (a.lang.word(lx), a.lang.word(ly));
    let generic = |i: &crate::lexicon::WordInfo| i.has(crate::lexicon::flag::GENERIC_COUNT);
    lx == ly
        || (generic(ix) || generic(iy)) && x.unit.is_some() && x.unit == y.unit
        || !ix.predicate_nouns.is_empty() && ix.predicate_nouns == iy.predicate_nouns
        || x.unit.is_some() && x.unit == y.unit && x.unit != Some("person")
}
