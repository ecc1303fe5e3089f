//! Time contradictions: the same one-off event (a death, the start of the protests, a
//! resignation, a vote) put on two different days.

use super::{ClaimIndex, NEIGHBOURS, finding, reasons_for, source_desc, subject_desc, weak};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::rules::RuleSpec;

pub fn run(a: &Analysis, ix: &ClaimIndex, r: &RuleSpec, out: &mut Vec<Finding>) {
    let one_off: Vec<&str> = r
        .params
        .get("predicates")
        .and_then(|v| v.as_array())
        .map(|v| v.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_else(|| vec!["die", "begin", "resign", "sign", "vote", "win", "lose"]);
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
