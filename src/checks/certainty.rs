//! Certainty (kind `certainty`): the article states something as fact in its own voice, and a
//! source it quotes denies or negates it ("RSF drones struck the camp" / "its spokesman said
//! its forces had not struck the camp"). That is a dispute the draft should present as one:
//! attribute the first claim, or say who disputes it. Reported as a warning, with both places.
//!
//! How the work is divided with CC104 (kind `polarity`): both look for P and not-P about one
//! subject and event, with the same test of sameness (`polarity::opposed`). A pair where
//! exactly one side is the article's own unhedged assertion and the other is attributed to a
//! named source is a *dispute* and belongs to this kind; every other pair (both in the
//! article's voice, two sources, or an unnamed source) stays with CC104. When a certainty rule runs, `checks::run` drops
//! the CC104 finding for any pair this kind reported, so one pair is never reported twice;
//! when no certainty rule runs, CC104 reports it as before.

use super::{ClaimIndex, NEIGHBOURS, P, finding, reasons_for, source_desc, subject_desc, weak};
use crate::analysis::Analysis;
use crate::claims::{Certainty, SourceKind};
use crate::findings::Finding;
use crate::lexicon::SpeechKind;
use crate::rules::RuleSpec;

/// The article's own voice, stated as fact: no source, no hedge, and no speech verb inside
/// (", engineers told reporters" that no frame read is an attribution all the same).
fn bare_fact(a: &Analysis, p: &P) -> bool {
    p.claim.source_kind == SourceKind::Article
        && p.claim.certainty == Certainty::Asserted
        && p.claim.hedge.is_none()
        && p.claim.parent.is_none()
        && !(p.claim.content_toks.0..p.claim.content_toks.1).any(|k| a.info(k).speech.is_some())
}

/// A named source ("the governor's spokesman", "Ruth Lee"); unnamed ones ("officials",
/// "engineers", "a oposição") leave the pair to CC104.
fn sourced(p: &P) -> bool {
    p.claim.source_kind == SourceKind::Named && p.claim.speaker.is_some()
}

/// Is the pair a dispute between the article and a source? The same tests of sameness as
/// CC104.
pub fn is_dispute(a: &Analysis, x: &P, y: &P) -> bool {
    super::polarity::opposed(x, y)
        && ((bare_fact(a, x) && sourced(y)) || (bare_fact(a, y) && sourced(x)))
}

pub fn run(a: &Analysis, ix: &ClaimIndex, r: &RuleSpec, out: &mut Vec<Finding>) {
    for ((_, pred), props) in &ix.by_subject {
        let pred = pred.trim_start_matches('~');
        for (k, x) in props.iter().enumerate() {
            for y in props[k.saturating_sub(NEIGHBOURS)..k].iter().rev() {
                if !is_dispute(a, x, y) {
                    continue;
                }
                let (first, second) = super::ordered(x, y);
                let (fact, source) = if bare_fact(a, first) {
                    (first, second)
                } else {
                    (second, first)
                };
                let subject = subject_desc(a, second.prop);
                let src = source_desc(a, source.claim);
                let trig = |p: &P| {
                    a.text_of(
                        a.tokens.toks[p.prop.trigger.0].start as usize,
                        a.tokens.toks[p.prop.trigger.1 - 1].end as usize,
                    )
                };
                let mut reasoning = reasons_for(a, first);
                reasoning.extend(reasons_for(a, second));
                reasoning.push(format!(
                    "the article states '{}' as fact, with no source",
                    super::clip(
                        a.text_of(fact.claim.content.0, fact.claim.content.1)
                            .as_str(),
                        80
                    )
                ));
                reasoning.push(format!(
                    "{src} {} it ('{}')",
                    if source.claim.speech == Some(SpeechKind::Deny) {
                        "denies"
                    } else {
                        "says the opposite of"
                    },
                    trig(source)
                ));
                reasoning
                    .push("a disputed claim should be attributed, or the dispute reported".into());
                let mut severity = r.severity;
                if weak(a, x) || weak(a, y) {
                    severity = severity.lower();
                }
                // the message names the article's claim first, wherever it stands in the draft
                let values = [
                    ("subject", subject.clone()),
                    ("predicate", pred.to_string()),
                    ("source", src.clone()),
                    (
                        "claim_a",
                        super::clip(&a.text_of(fact.claim.content.0, fact.claim.content.1), 80),
                    ),
                    (
                        "claim_b",
                        super::clip(
                            &a.text_of(source.claim.content.0, source.claim.content.1),
                            80,
                        ),
                    ),
                ];
                let says = |p: &P| {
                    if std::ptr::eq(p, fact) {
                        format!("the article itself: {pred} (as fact)")
                    } else {
                        format!(
                            "{src}: {pred} ({})",
                            if p.prop.polarity { "yes" } else { "no" }
                        )
                    }
                };
                out.push(finding(
                    a,
                    r,
                    first,
                    second,
                    &values,
                    says(first),
                    says(second),
                    reasoning,
                    severity,
                ));
                break;
            }
        }
    }
}
