//! Polarity contradictions: P and not-P about the same subject and event, including the
//! denial of a reported claim ("reports said he left" / "his spokesman denied that he left").

use super::{ClaimIndex, NEIGHBOURS, finding, reasons_for, source_desc, subject_desc, weak};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::lexicon::SpeechKind;
use crate::rules::RuleSpec;

/// Are the two propositions P and not-P about one event? (Also used by the certainty kind,
/// so the two divide the same pairs.)
pub(super) fn opposed(x: &super::P, y: &super::P) -> bool {
    if x.prop.polarity == y.prop.polarity || x.claim.id == y.claim.id {
        return false;
    }
    // the same event: same place and object when both give one
    if x.prop.place.is_some() && y.prop.place.is_some() && x.prop.place != y.prop.place {
        return false;
    }
    if x.prop.object.is_some() && y.prop.object.is_some() && x.prop.object != y.prop.object {
        return false;
    }
    if let (Some(dx), Some(dy)) = (x.prop.day, y.prop.day)
        && dx.differs(&dy) != Some(false)
    {
        return false;
    }
    // "still not" / "ainda não" against the event: a conflict only if the event came
    // first (or the draft does not say); "still" on the positive side is a state
    if x.prop.continuity != y.prop.continuity {
        let (pos, neg) = if x.prop.polarity { (x, y) } else { (y, x) };
        if pos.prop.continuity {
            return false;
        }
        let neg_day = neg.prop.day.or(neg.claim.statement_day);
        if let (Some(pd), Some(nd)) = (pos.prop.day, neg_day)
            && pd.before(&nd) == Some(false)
            && pd.differs(&nd) == Some(true)
        {
            return false;
        }
    }
    true
}

pub fn run(a: &Analysis, ix: &ClaimIndex, r: &RuleSpec, out: &mut Vec<Finding>) {
    for ((_, pred), props) in &ix.by_subject {
        let pred = pred.trim_start_matches('~');
        for (k, x) in props.iter().enumerate() {
            for y in props[k.saturating_sub(NEIGHBOURS)..k].iter().rev() {
                if !opposed(x, y) {
                    continue;
                }
                let (first, second) = super::ordered(x, y);
                let subject = subject_desc(a, second.prop);
                let (sa, sb) = (source_desc(a, first.claim), source_desc(a, second.claim));
                let mut reasoning = reasons_for(a, first);
                reasoning.extend(reasons_for(a, second));
                let denial = [first, second]
                    .iter()
                    .any(|p| p.claim.speech == Some(SpeechKind::Deny));
                let (pos, neg) = if first.prop.polarity {
                    (first, second)
                } else {
                    (second, first)
                };
                reasoning.push(format!(
                    "'{}' asserts it; '{}' {} it",
                    a.text_of(
                        a.tokens.toks[pos.prop.trigger.0].start as usize,
                        a.tokens.toks[pos.prop.trigger.1 - 1].end as usize
                    ),
                    a.text_of(neg.claim.content.0, neg.claim.content.1),
                    if neg.claim.speech == Some(SpeechKind::Deny) {
                        "denies"
                    } else {
                        "negates"
                    }
                ));
                reasoning.push(format!("sources: {sa} / {sb}"));
                let mut severity = r.severity;
                // two sources disagreeing, one denying: a dispute to present, not a plain error
                if denial && first.claim.speaker != second.claim.speaker || weak(a, x) || weak(a, y)
                {
                    severity = severity.lower();
                }
                // "says" or "denies": a denial's content is what it denies
                let verb = |p: &super::P| {
                    if p.claim.speech == Some(SpeechKind::Deny) {
                        "denies"
                    } else {
                        "says"
                    }
                    .to_string()
                };
                let values = [
                    ("subject", subject.clone()),
                    ("predicate", pred.to_string()),
                    ("source_a", sa.clone()),
                    ("source_b", sb.clone()),
                    ("says_a", verb(first)),
                    ("says_b", verb(second)),
                ];
                let says = |p: &super::P| if p.prop.polarity { "yes" } else { "no" };
                out.push(finding(
                    a,
                    r,
                    first,
                    second,
                    &values,
                    format!("{sa}: {} ({})", pred, says(first)),
                    format!("{sb}: {} ({})", pred, says(second)),
                    reasoning,
                    severity,
                ));
                break;
            }
        }
    }
}
