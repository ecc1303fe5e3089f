//! Time contradictions: the same one-off event (a death, the start of the protests, a
//! resignation, a vote) put on two different days.

use super::{ClaimIndex, NEIGHBOURS, finding, reasons_for, source_desc, subject_desc, weak};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::rules::RuleSpec;

pub fn run(a: &Analysis, ix: &ClaimIndex, r: &RuleSpec, out: &mut Vec<Finding>) {
    let one_off: Vec<&str> = r
        .param_strs("predicates")
        .unwrap_or_else(|| vec!["die", "begin", "resign", "sign", "vote", "win", "lose"]);
    nominal(a, r, &one_off, out);
    for ((_, pred), props) in &ix.by_subject {
        if !one_off.contains(&pred.as_str()) {
            continue;
        }
        for (k, x) in props.iter().enumerate() {
            for y in props[k.saturating_sub(NEIGHBOURS)..k].iter().rev() {
                if x.claim.id == y.claim.id || !x.prop.polarity || !y.prop.polarity {
                    continue;
                }
                let (Some(dx), Some(dy)) = (x.prop.day, y.prop.day) else {
                    continue;
                };
                if dx.differs(&dy) != Some(true) {
                    continue;
                }
                if x.prop.place.is_some() && y.prop.place.is_some() && x.prop.place != y.prop.place
                {
                    continue;
                }
                let (first, second) = super::ordered(x, y);
                let subject = subject_desc(a, second.prop);
                let (sa, sb) = (source_desc(a, first.claim), source_desc(a, second.claim));
                let (da, db) = (
                    super::day_desc(a, first).unwrap_or_default(),
                    super::day_desc(a, second).unwrap_or_default(),
                );
                let mut reasoning = reasons_for(a, first);
                reasoning.extend(reasons_for(a, second));
                reasoning.push(format!("'{pred}' happens once to {subject}, but on {da} in one claim and on {db} in the other"));
                reasoning.push(format!("sources: {sa} / {sb}"));
                let mut severity = r.severity;
                if weak(a, x) || weak(a, y) {
                    severity = severity.lower();
                }
                let values = [
                    ("subject", subject.clone()),
                    ("predicate", pred.to_string()),
                    ("day_a", da.clone()),
                    ("day_b", db.clone()),
                    ("source_a", sa.clone()),
                    ("source_b", sb.clone()),
                ];
                out.push(finding(
                    a,
                    r,
                    first,
                    second,
                    &values,
                    format!("{sa}: {da}"),
                    format!("{sb}: {db}"),
                    reasoning,
                    severity,
                ));
                break;
            }
        }
    }
}

/// A definite noun naming an event with a day ("Thursday's vote", "a assinatura de domingo")
/// against the event it refers back to: the nearest earlier mention of the same class.
pub fn nominal(a: &Analysis, r: &RuleSpec, one_off: &[&str], out: &mut Vec<Finding>) {
    use crate::events::mentions;
    use crate::findings::Label;
    let ms = mentions(a);
    let mut by_class: std::collections::BTreeMap<&str, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, m) in ms.iter().enumerate() {
        by_class.entry(m.class).or_default().push(i);
    }
    for idx in by_class.values() {
        for (pos, &mi) in idx.iter().enumerate() {
            let m = &ms[mi];
            if m.other {
                continue;
            }
            // the nearest earlier mention with a compatible participant
            let Some(&ei) = idx[..pos]
                .iter()
                .rev()
                .take(super::NEIGHBOURS)
                .find(|&&ei| {
                    let e = &ms[ei];
                    // events that may happen more than once are compared only when both are
                    // "the X" with one noun: "The attack happened on Tuesday" / "Wednesday's attack"
                    // (two nouns each dated by its own day are two events: "Tuesday's attack",
                    // "Wednesday's attack")
                    // ("a televised debate on Thursday" … "Wednesday's debate": the definite
                    // one refers back to the one the draft introduced)
                    let same_definite_noun = e.nominal
                        && m.nominal
                        && m.definite
                        && e.noun == m.noun
                        && !(e.dated_noun && m.dated_noun && e.definite);
                    // a one-off event: any two mentions, one of them a definite noun (two
                    // verbs are compared by subject in `run`)
                    let one_off_pair = one_off.contains(&m.class)
                        && (m.nominal && m.definite || e.nominal && e.definite);
                    (one_off_pair || same_definite_noun)
                        && !e.other
                        && e.span != m.span
                        && match (&e.participant, &m.participant) {
                            (Some(x), Some(y)) => {
                                x == y || x.contains(y.as_str()) || y.contains(x.as_str())
                            }
                            _ => true,
                        }
                })
            else {
                continue;
            };
            let e = &ms[ei];
            if e.day.differs(&m.day) != Some(true) {
                continue;
            }
            let da = super::time_text(a, &a.times[e.time]);
            let db = super::time_text(a, &a.times[m.time]);
            let src_a = e
                .claim
                .map(|c| super::source_desc(a, &a.claims[c]))
                .unwrap_or_else(|| "the article itself".into());
            let src_b = "the article itself".to_string();
            let claim_a = super::clip(&a.source.text[e.span.0..e.span.1], 80);
            let claim_b = super::clip(&a.source.text[m.span.0..m.span.1], 80);
            let values = [
                (
                    "subject",
                    m.participant.clone().unwrap_or_else(|| m.class.to_string()),
                ),
                ("predicate", m.class.to_string()),
                ("day_a", da.clone()),
                ("day_b", db.clone()),
                ("source_a", src_a.clone()),
                ("source_b", src_b.clone()),
                ("claim_a", claim_a.clone()),
                ("claim_b", claim_b.clone()),
            ];
            let noun = a.tokens.text(&a.source.text, m.at).to_string();
            let mut severity = r.severity;
            if !e.nominal && e.participant.is_none() {
                severity = severity.lower();
            }
            let reasoning = vec![
                format!("'{claim_b}' refers back to the {noun} mentioned before ('{claim_a}')"),
                format!(
                    "one puts it on {da}, the other on {db}; an event that happens once cannot happen on both"
                ),
                format!("sources: {src_a} / {src_b}"),
            ];
            let labels = vec![
                Label {
                    start: m.span.0,
                    end: m.span.1,
                    message: db.to_string(),
                    primary: true,
                },
                Label {
                    start: e.span.0,
                    end: e.span.1,
                    message: format!("{src_a}: {da}"),
                    primary: false,
                },
            ];
            out.push(super::build(
                r,
                severity,
                &values,
                reasoning,
                labels,
                e.claim.into_iter().collect(),
            ));
        }
    }
}
