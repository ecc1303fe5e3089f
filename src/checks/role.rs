//! Role drift (kind `role`): one person given two roles that cannot hold at the same time.
//!
//! - mode `former-current`: the same office as a former holder and as the current (or
//!   acting) holder: "the former head of the KNB" / "the head of the KNB", "ex-presidente" /
//!   "presidente em exercício";
//! - mode `exclusive`: two posts of one organisation that one person does not hold at once
//!   (`params.pairs`, language-independent role keys such as leader / secretary).
//!
//! Roles come from resolution (`Entity::roles`, one fact per distinct role). The office must
//! be the same: the same organisation, or an unnamed one ("do hospital") whose head noun is in
//! the named one ("Hospital Universitário …", a weaker match). A sentence that puts the
//! role in the past ("then", "in 2019", "na época") is not compared. Work is per entity, over
//! its few role facts: linear.

use super::support::{Place, np_text, span_finding};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::resolve::{EntityKind, RoleFact};
use crate::rules::RuleSpec;
use crate::tokens::TokKind;

/// Is the organisation of two role facts the same? Some(weak) when it is.
fn same_office(a: &Analysis, x: &RoleFact, y: &RoleFact) -> Option<bool> {
    if x.nationality.is_some() && y.nationality.is_some() && x.nationality != y.nationality {
        return None;
    }
    match (x.of, y.of) {
        (None, None) => Some(false),
        (Some(p), Some(q)) if p == q => Some(false),
        (Some(p), Some(q)) => {
            // "do hospital" and "do Hospital Universitário do Haiti": the common noun is the
            // named body's head
            let (ep, eq) = (&a.entities[p], &a.entities[q]);
            let generic = |e: &crate::resolve::Entity| {
                matches!(e.kind, EntityKind::Group | EntityKind::Role) || e.names.is_empty()
            };
            let head = |e: &crate::resolve::Entity| {
                e.label
                    .split_whitespace()
                    .last()
                    .unwrap_or("")
                    .to_lowercase()
            };
            let contains = |named: &crate::resolve::Entity, noun: &str| {
                noun.chars().count() > 3
                    && named
                        .label
                        .to_lowercase()
                        .split_whitespace()
                        .any(|w| w == noun)
            };
            if generic(ep) && !generic(eq) && contains(eq, &head(ep))
                || generic(eq) && !generic(ep) && contains(ep, &head(eq))
            {
                Some(true)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The role phrase says "former" only through a word that means the holder is still in
/// office ("outgoing", "cessante").
fn current_after_all(a: &Analysis, f: &RoleFact) -> bool {
    let n = &a.nps[f.np];
    let w = &a.lang.contra;
    (n.ts..n.te).any(|k| w.current_markers.at(a, k, n.te).is_some())
}

/// Does the sentence of a phrase put it in the past of the story?
fn in_the_past(a: &Analysis, np: usize) -> bool {
    let s = &a.sentences[a.nps[np].sentence];
    let w = &a.lang.contra;
    if w.past_time.find(a, s.tok_start, s.tok_end).is_some() {
        return true;
    }
    // a year before the story's ("in 2019, the minister …")
    let anchor_year = match a.anchor {
        crate::time::Anchor::Date { days, .. } => Some(crate::time::civil_from_days(days).0),
        _ => None,
    };
    (s.tok_start..s.tok_end).any(|k| {
        let t = &a.tokens.toks[k];
        if t.kind != TokKind::Number {
            return false;
        }
        let text = super::support::tok_text(a, k);
        text.len() == 4
            && text.parse::<i32>().is_ok_and(|y| {
                (1900..=2100).contains(&y) && anchor_year.is_none_or(|ay| y < ay)
            })
    })
}

/// A role phrase with the name it is in apposition to ("Bekov, the former head of …").
fn phrase_span(a: &Analysis, np: usize) -> (usize, usize) {
    let n = &a.nps[np];
    match n.apposition_of.map(|j| &a.nps[j]) {
        Some(m) if m.sentence == n.sentence => (n.start.min(m.start), n.end.max(m.end)),
        _ => (n.start, n.end),
    }
}

fn role_words(a: &Analysis, f: &RoleFact) -> String {
    np_text(a, &a.nps[f.np])
}

pub fn run(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let mode = r.param_str("mode").unwrap_or("former-current");
    let pairs: Vec<(String, String)> = r
        .params
        .get("pairs")
        .and_then(|v| v.as_array())
        .map(|v| {
            v.iter()
                .filter_map(|p| {
                    let p = p.as_array()?;
                    Some((
                        p.first()?.as_str()?.to_string(),
                        p.get(1)?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    for e in &a.entities {
        if e.kind != EntityKind::Person || e.roles.len() < 2 {
            continue;
        }
        // each fact with at most a few others: an entity has a handful of roles
        let facts: Vec<&RoleFact> = e.roles.iter().take(16).collect();
        'pairs: for (i, y) in facts.iter().enumerate() {
            for x in facts[..i].iter() {
                let conflict = match mode {
                    "exclusive" => {
                        x.role != y.role
                            && !x.former
                            && !y.former
                            && x.of.is_some()
                            && pairs.iter().any(|(p, q)| {
                                (x.role == *p && y.role == *q) || (x.role == *q && y.role == *p)
                            })
                    }
                    _ => {
                        x.role == y.role
                            && x.former != y.former
                            && !current_after_all(a, if x.former { x } else { y })
                    }
                };
                if !conflict {
                    continue;
                }
                let Some(weak_office) = same_office(a, x, y) else {
                    continue;
                };
                if mode == "exclusive" && x.of != y.of {
                    continue;
                }
                if in_the_past(a, x.np) || in_the_past(a, y.np) {
                    continue;
                }
                let (first, second) = if a.nps[x.np].start <= a.nps[y.np].start {
                    (*x, *y)
                } else {
                    (*y, *x)
                };
                let (ra, rb) = (role_words(a, first), role_words(a, second));
                // without an organisation on either side, the office is the same by its name only
                let unnamed_office = first.of.is_none() && second.of.is_none();
                let weak = weak_office
                    || unnamed_office
                    || a.res[first.np].weak
                    || a.res[second.np].weak;
                let mut reasoning: Vec<String> = Vec::new();
                for f in [first, second] {
                    reasoning.extend(a.res[f.np].reasons.iter().cloned());
                    if let Some(ap) = a.nps[f.np].apposition_of {
                        reasoning.extend(a.res[ap].reasons.iter().cloned());
                    }
                }
                let desc = |f: &RoleFact| {
                    format!(
                        "{}{}{}",
                        if f.former { "former " } else { "" },
                        if f.acting { "acting " } else { "" },
                        f.role.replace('-', " ")
                    )
                };
                if mode == "exclusive" {
                    reasoning.push(format!(
                        "{} and {} are two posts of one organisation, held by different people",
                        desc(first),
                        desc(second)
                    ));
                } else {
                    reasoning.push(format!(
                        "'{ra}' and '{rb}' give {} the same office as {} and as {}",
                        e.label,
                        desc(first),
                        desc(second)
                    ));
                }
                if weak_office {
                    reasoning.push(
                        "the office is matched by its head noun, not by name: a weaker match"
                            .into(),
                    );
                }
                if unnamed_office {
                    reasoning.push(
                        "neither phrase names the organisation: the same office by its title only"
                            .into(),
                    );
                }
                reasoning.push("neither sentence puts the role in the past".into());
                let mut severity = r.severity;
                if weak {
                    severity = severity.lower();
                }
                let values = [
                    ("subject", e.label.clone()),
                    ("role_a", ra.clone()),
                    ("role_b", rb.clone()),
                ];
                let (na, nb) = (phrase_span(a, first.np), phrase_span(a, second.np));
                out.push(span_finding(
                    r,
                    Place {
                        start: nb.0,
                        end: nb.1,
                        label: format!("{}: {}", e.label, desc(second)),
                    },
                    Some(Place {
                        start: na.0,
                        end: na.1,
                        label: format!("{}: {}", e.label, desc(first)),
                    }),
                    &values,
                    reasoning,
                    severity,
                    Vec::new(),
                ));
                break 'pairs;
            }
        }
    }
}
