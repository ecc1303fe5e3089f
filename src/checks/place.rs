//! Place contradictions: someone left country C and is later in C (its capital, one of its
//! cities) with no return in between, or "still" there; or in two distant places on one day.

use super::{ClaimIndex, NEIGHBOURS, P, finding, reasons_for, source_desc, subject_desc, weak};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::gazetteer::PlaceId;
use crate::rules::RuleSpec;
use crate::time::Day;

fn day_of(p: &P) -> Option<Day> {
    p.prop.day.or(if p.prop.predicate == "be-in" {
        p.claim.statement_day
    } else {
        None
    })
}

fn place_name(a: &Analysis, p: PlaceId) -> String {
    a.gazetteer_name(p)
}

pub fn run(a: &Analysis, ix: &ClaimIndex, r: &RuleSpec, out: &mut Vec<Finding>) {
    match r.param_str("mode").unwrap_or("left-then-inside") {
        "two-places" => two_places(a, ix, r, out),
        _ => left_then_inside(a, ix, r, out),
    }
}

/// Does a departure `l` conflict with a stay `i` in `ip`? A "leave" conflicts when the stay is
/// inside the place left; a "travel" (to a destination) only with a stay said to be "still"
/// somewhere else than the destination, strictly after the departure.
fn departure_conflicts(a: &Analysis, l: &P, i: &P, ip: PlaceId) -> bool {
    let lp = l.prop.place.unwrap();
    if l.prop.predicate == "travel" {
        let ordered_after = match (day_of(l), day_of(i)) {
            (Some(x), Some(y)) => x.before(&y),
            _ => None,
        };
        return i.prop.continuity
            && ordered_after == Some(true)
            && !a.gazetteer.within(ip, lp)
            && !a.gazetteer.within(lp, ip);
    }
    a.gazetteer.within(ip, lp)
}

fn left_then_inside(a: &Analysis, ix: &ClaimIndex, r: &RuleSpec, out: &mut Vec<Finding>) {
    let mut subjects = ix.subjects_with("leave");
    subjects.extend(ix.subjects_with("travel"));
    subjects.sort_unstable();
    subjects.dedup();
    for s in subjects {
        let mut leaves: Vec<&P> = ix
            .get(s, "leave")
            .iter()
            .chain(ix.get(s, "travel"))
            .filter(|p| p.prop.polarity && p.prop.place.is_some())
            .collect();
        leaves.sort_by_key(|p| (p.claim.content.0, p.prop.trigger.0));
        let ins: Vec<&P> = ix
            .get(s, "be-in")
            .iter()
            .filter(|p| p.prop.polarity && p.prop.place.is_some())
            .collect();
        let returns = ix.get(s, "return");
        for i in &ins {
            let ip = i.prop.place.unwrap_or(PlaceId::Country(0));
            // the nearest leaves in text order (a bounded window: linear overall)
            let at = leaves.partition_point(|l| l.claim.content.0 <= i.claim.content.0);
            let window =
                &leaves[at.saturating_sub(NEIGHBOURS)..(at + NEIGHBOURS).min(leaves.len())];
            let mut cands: Vec<&&P> = window
                .iter()
                .filter(|l| departure_conflicts(a, l, i, ip))
                .collect();
            cands.sort_by_key(|l| l.claim.content.0.abs_diff(i.claim.content.0));
            for l in cands.into_iter().take(NEIGHBOURS) {
                if l.claim.id == i.claim.id {
                    continue;
                }
                let tl = day_of(l);
                let ti = day_of(i);
                let ordered_after = match (tl, ti) {
                    (Some(x), Some(y)) => x.before(&y),
                    _ => None,
                };
                let same_day =
                    matches!((tl, ti), (Some(x), Some(y)) if x.differs(&y) == Some(false));
                // time order: the stay must not be before the departure
                let conflict = if i.prop.continuity {
                    ordered_after != Some(false) || same_day
                } else {
                    ordered_after == Some(true)
                };
                if !conflict {
                    continue;
                }
                // a return in between clears it (returns near the two claims, in text order)
                let (lo, hi) = (
                    l.claim.content.0.min(i.claim.content.0),
                    l.claim.content.0.max(i.claim.content.0),
                );
                let from = returns
                    .partition_point(|r| r.claim.content.0 < lo)
                    .saturating_sub(NEIGHBOURS);
                let to = (returns.partition_point(|r| r.claim.content.0 <= hi) + NEIGHBOURS)
                    .min(returns.len());
                let returned = returns[from..to].iter().any(|rt| {
                    rt.prop.polarity
                        && match (tl, day_of(rt), ti) {
                            (Some(x), Some(y), Some(z)) => {
                                x.before(&y) != Some(false) && z.before(&y) != Some(true)
                            }
                            _ => rt.claim.content.0 > l.claim.content.0.min(i.claim.content.0),
                        }
                });
                if returned {
                    continue;
                }
                let subject = subject_desc(a, i.prop);
                let travel = l.prop.predicate == "travel";
                let place_a = if travel {
                    format!("for {}", place_name(a, l.prop.place.unwrap()))
                } else {
                    place_name(a, l.prop.place.unwrap())
                };
                let place_b = place_name(a, ip);
                let src_a = source_desc(a, l.claim);
                let src_b = source_desc(a, i.claim);
                let day_a = super::day_desc(a, l).unwrap_or_default();
                let day_b = super::day_desc(a, i)
                    .or_else(|| {
                        i.claim
                            .statement_time
                            .map(|t| super::time_text(a, &a.times[t]))
                    })
                    .unwrap_or_default();
                let mut reasoning = reasons_for(a, l);
                reasoning.extend(reasons_for(a, i));
                if travel {
                    reasoning.push(format!(
                        "{place_b} is not {}: still being in {place_b} after setting off means the journey did not start",
                        place_name(a, l.prop.place.unwrap())
                    ));
                } else if ip != l.prop.place.unwrap() {
                    reasoning.push(format!("{place_b} is in {place_a}"));
                }
                if i.prop.continuity {
                    reasoning.push(format!(
                        "'{}' says {} is still there: {} never left",
                        continuity_word(a, i),
                        subject,
                        subject
                    ));
                }
                match (tl, ti) {
                    (Some(_), Some(_)) if !day_a.is_empty() && !day_b.is_empty() => {
                        reasoning.push(format!("the departure ({day_a}) comes before the stay ({day_b}), with no return in between"))
                    }
                    _ => reasoning.push("no return is reported in between".into()),
                }
                reasoning.push(format!("sources: {src_a} / {src_b}"));
                let mut severity = r.severity;
                if weak(a, l) || weak(a, i) || (tl.is_none() && ti.is_none() && !i.prop.continuity)
                {
                    severity = severity.lower();
                }
                let values = [
                    ("subject", subject.clone()),
                    ("place_a", place_a.clone()),
                    ("place_b", place_b.clone()),
                    ("source_a", src_a.clone()),
                    ("source_b", src_b.clone()),
                    ("day_a", day_a.clone()),
                    ("day_b", day_b.clone()),
                ];
                let (first, second) = super::ordered(l, i);
                let still = if i.prop.continuity { "is still" } else { "is" };
                let (lf, ls) = if std::ptr::eq(first, *l) {
                    (
                        format!("{src_a}: {subject} left {place_a}"),
                        format!("{src_b}: {subject} {still} in {place_b}"),
                    )
                } else {
                    (
                        format!("{src_b}: {subject} {still} in {place_b}"),
                        format!("{src_a}: {subject} left {place_a}"),
                    )
                };
                out.push(finding(
                    a, r, first, second, &values, lf, ls, reasoning, severity,
                ));
                break;
            }
        }
    }
}

fn continuity_word(a: &Analysis, p: &P) -> String {
    a.continuity_word(p.claim, p.prop)
        .unwrap_or_else(|| "still".into())
}

fn two_places(a: &Analysis, ix: &ClaimIndex, r: &RuleSpec, out: &mut Vec<Finding>) {
    for s in ix.subjects_with("be-in") {
        let ins: Vec<&P> = ix
            .get(s, "be-in")
            .iter()
            .filter(|p| p.prop.polarity && p.prop.place.is_some())
            .collect();
        for (k, i) in ins.iter().enumerate() {
            for j in ins[k.saturating_sub(NEIGHBOURS)..k].iter() {
                let (Some(di), Some(dj)) = (i.prop.day, j.prop.day) else {
                    continue;
                };
                if di.differs(&dj) != Some(false) {
                    continue;
                }
                let (pi, pj) = (i.prop.place.unwrap(), j.prop.place.unwrap());
                // different countries: they cannot both hold on one day
                if a.gazetteer.country_of(pi) == a.gazetteer.country_of(pj) {
                    continue;
                }
                let subject = subject_desc(a, i.prop);
                let (src_a, src_b) = (source_desc(a, j.claim), source_desc(a, i.claim));
                let (place_a, place_b) = (place_name(a, pj), place_name(a, pi));
                let day = super::day_desc(a, i).unwrap_or_default();
                let mut reasoning = reasons_for(a, j);
                reasoning.extend(reasons_for(a, i));
                reasoning.push(format!(
                    "{place_a} and {place_b} are in different countries, on the same day ({day})"
                ));
                reasoning.push(format!("sources: {src_a} / {src_b}"));
                let mut severity = r.severity;
                if weak(a, i) || weak(a, j) {
                    severity = severity.lower();
                }
                let values = [
                    ("subject", subject.clone()),
                    ("place_a", place_a.clone()),
                    ("place_b", place_b.clone()),
                    ("source_a", src_a.clone()),
                    ("source_b", src_b.clone()),
                    ("day_a", day.clone()),
                    ("day_b", day.clone()),
                ];
                out.push(finding(
                    a,
                    r,
                    j,
                    i,
                    &values,
                    format!("{src_a}: {subject} is in {place_a}"),
                    format!("{src_b}: {subject} is in {place_b}"),
                    reasoning,
                    severity,
                ));
            }
        }
    }
}
