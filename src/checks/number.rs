//! Count contradictions: the same count (same event, same kind of thing) given with values
//! that cannot both hold. Approximations ("more than 4,000", "cerca de 4.400") are intervals;
//! an explicit update ("rose from 26 to 164") or a part of a total ("including 103 in …") is
//! never a contradiction.

use super::{ClaimIndex, NEIGHBOURS, P, finding, source_desc};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::numbers::{compatible, format_value};
use crate::rules::RuleSpec;

/// Sentences where some figure is marked as an update.
fn update_sentences(a: &Analysis) -> std::collections::BTreeSet<usize> {
    a.claims
        .iter()
        .filter(|c| c.props.iter().any(|q| q.update))
        .map(|c| c.sentence)
        .collect()
}

/// Values named in an explicit update anywhere in the draft ("rose from 26 to 164").
fn updated_values(a: &Analysis) -> Vec<u64> {
    let mut out = Vec::new();
    let toks = &a.tokens;
    for n in &a.nums {
        let from = n.ts.saturating_sub(6);
        let updated = (from..n.ts).any(|j| {
            let first = toks.lower(j);
            a.lang.phrases(first).iter().any(|p| {
                p.kind == crate::lexicon::PhraseKind::Update
                    && j + p.words.len() <= n.ts
                    && p.words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| toks.lower(j + k) == *w)
            })
        });
        if updated {
            out.push(n.value.to_bits());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

pub fn run(a: &Analysis, ix: &ClaimIndex, r: &RuleSpec, out: &mut Vec<Finding>) {
    let updated = updated_values(a);
    let update_sentences = update_sentences(a);
    for ((pred, unit), props) in &ix.counts {
        // only counts of people, things that happened to them (killed, arrested, injured…)
        let props: Vec<&P> = props
            .iter()
            .filter(|p| {
                let n = &a.nums[p.prop.number.unwrap()];
                p.prop.polarity
                    && !p.prop.partition
                    && !p.prop.update
                    && !n.enumeration
                    && !n.scoped
                    && !n.provisional
                    && !update_sentences.contains(&p.claim.sentence)
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
                // a place on one side only may narrow the count ("24 killed in Batken")
                if x.prop.place != y.prop.place {
                    continue;
                }
                if let (Some(dx), Some(dy)) = (x.prop.day, y.prop.day)
                    && dx.differs(&dy) != Some(false)
                {
                    continue;
                }
                // the counted nouns must be the same kind of thing
                if !same_noun(a, nx.noun, ny.noun) {
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
                let what = format!("{} ({})", pred, unit);
                let va = a.text_of(nf.start, nf.end);
                let vb = a.text_of(ns.start, ns.end);
                let (sa, sb) = (source_desc(a, first.claim), source_desc(a, second.claim));
                let reasoning = vec![
                    format!(
                        "both count the people {} ('{}' / '{}')",
                        pred_phrase(pred),
                        a.text_of(
                            a.tokens.toks[first.prop.trigger.0].start as usize,
                            a.tokens.toks[first.prop.trigger.1 - 1].end as usize
                        ),
                        a.text_of(
                            a.tokens.toks[second.prop.trigger.0].start as usize,
                            a.tokens.toks[second.prop.trigger.1 - 1].end as usize
                        )
                    ),
                    format!(
                        "{} and {} cannot both hold (no approximation covers both, and no update is stated)",
                        format_value(nf.value, a.lang),
                        format_value(ns.value, a.lang)
                    ),
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

fn pred_phrase(p: &str) -> &str {
    match p {
        "die" => "killed",
        "arrest" => "arrested",
        "injure" => "injured",
        "release" => "released",
        other => other,
    }
}

/// Counted nouns of one kind: the same noun, or both generic "people" nouns.
fn same_noun(a: &Analysis, x: Option<usize>, y: Option<usize>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => {
            let (lx, ly) = (a.tokens.lower(x), a.tokens.lower(y));
            let generic = |w: &str| {
                matches!(
                    w,
                    "pessoas" | "pessoa" | "people" | "persons" | "vítimas" | "victims"
                )
            };
            let ix = a.lang.word(lx);
            let iy = a.lang.word(ly);
            lx == ly
                || generic(lx)
                || generic(ly)
                || (!ix.predicate_nouns.is_empty() && ix.predicate_nouns == iy.predicate_nouns)
        }
        _ => true,
    }
}
