//! Role drift (kind `role`): one person given two roles that cannot hold at the same time.
//!
//! - mode `former-current`: the same office as a former holder and as the current (or
//!   acting) holder: "the former head of the KNB" / "the head of the KNB", "ex-presidente" /
//!   "presidente em exercício";
//! - mode `exclusive`: two posts of one organisation that one person does not hold at once
//!   (`params.pairs`, language-independent role keys such as leader / secretary).
//!
//! A role mention ties a role phrase to a person: the roles resolution gives an entity
//! (`Entity::roles`), and appositions read here, next to a name ("O presidente da empresa,
//! Daniel Manuel", "Dr Amara Okafor, the trust's chief executive", "o ex-presidente da empresa
//! Daniel Manuel"). The office is the first content word of the role's complement ("da
//! empresa" → empresa) or its possessor ("the trust's" → trust). Two mentions are compared
//! only when both name the same office, or when neither names one (a weaker match, one
//! severity lower). A sentence that puts the role in the past ("then", "in 2019", "na época")
//! is not compared. The work is per person, over a handful of mentions: linear.

use std::collections::BTreeMap;

use super::support::{Place, entity_of, is_word, span_finding, tok_text};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::lexicon::flag;
use crate::np::NpKind;
use crate::resolve::EntityKind;
use crate::rules::RuleSpec;
use crate::tokens::TokKind;

/// A role given to a person somewhere in the draft.
#[derive(Clone, Debug)]
struct Mention {
    role: String,
    former: bool,
    acting: bool,
    /// First content word of the organisation ("empresa", "trust"), lower case.
    office: Option<String>,
    nationality: Option<u16>,
    /// The role phrase.
    np: usize,
    /// Bytes to label: the role phrase with the name next to it.
    span: (usize, usize),
    /// How the role was tied to the person.
    how: String,
    weak: bool,
}

/// The organisation of a role phrase: its complement ("da empresa", "of the border agency") or
/// its possessor ("the trust's chief executive").
fn office_of(a: &Analysis, np: usize) -> Option<String> {
    let n = &a.nps[np];
    let s = &a.sentences[n.sentence];
    // the complement may be inside the phrase or right after it
    let role_end = n.role.map(|r| r.te).unwrap_or(n.te);
    let mut k = role_end;
    let end = (n.te.max(role_end) + 6).min(s.tok_end);
    if k < end && is_word(a, k) && a.info(k).has(flag::LINKER) {
        k += 1;
        while k < end && is_word(a, k) && a.info(k).has(flag::DETERMINER) {
            k += 1;
        }
        if k < end && is_word(a, k) {
            return Some(a.tokens.lower(k).to_string());
        }
        return None;
    }
    // "the trust's chief executive": the word before the possessive mark
    let start = n.role.map(|r| r.ts).unwrap_or(n.ts);
    if start >= s.tok_start + 2 && a.tokens.toks[start - 1].kind == TokKind::Possessive {
        return Some(a.tokens.lower(start - 2).to_string());
    }
    None
}

fn mention(
    a: &Analysis,
    np: usize,
    name_np: Option<usize>,
    how: String,
    weak: bool,
) -> Option<Mention> {
    let n = &a.nps[np];
    let r = n.role?;
    let mut span = (n.start, n.end);
    if let Some(m) = name_np {
        span = (span.0.min(a.nps[m].start), span.1.max(a.nps[m].end));
    }
    Some(Mention {
        role: a.lang.role(r.role).key.to_string(),
        former: r.former,
        acting: r.acting,
        office: office_of(a, np),
        nationality: n.nationality,
        np,
        span,
        how,
        weak,
    })
}

/// Role mentions by person: from resolution, and from appositions next to names.
fn mentions(a: &Analysis) -> BTreeMap<usize, Vec<Mention>> {
    let nps = a.np_index();
    let mut out: BTreeMap<usize, Vec<Mention>> = BTreeMap::new();
    let person = |e: usize| a.entities[e].kind == EntityKind::Person;
    for e in a.entities.iter().filter(|e| e.kind == EntityKind::Person) {
        for f in &e.roles {
            let partner = a.nps[f.np].apposition_of;
            let how = a.res[f.np]
                .reasons
                .first()
                .cloned()
                .unwrap_or_else(|| format!("'{}' names {}", tok_phrase(a, f.np), e.label));
            if let Some(m) = mention(a, f.np, partner, how, a.res[f.np].weak) {
                out.entry(e.id).or_default().push(m);
            }
        }
    }
    for (i, n) in a.nps.iter().enumerate() {
        if n.complement || n.role.is_none() || n.kind != NpKind::Role {
            continue;
        }
        let s = &a.sentences[n.sentence];
        // the role, its complement, then the name: "O presidente da empresa, Daniel Manuel"
        let mut k = n.te;
        let lim = (n.te + 7).min(s.tok_end);
        if k < lim && is_word(a, k) && a.info(k).has(flag::LINKER) {
            while k < lim
                && nps
                    .starting_at(k)
                    .is_none_or(|m| a.nps[m].kind != NpKind::Name)
            {
                if matches!(tok_text(a, k), "," | ";" | ":" | "." | "(" | ")") {
                    break;
                }
                k += 1;
            }
        }
        let mut comma = false;
        if k < lim && tok_text(a, k) == "," {
            comma = true;
            k += 1;
        }
        if let Some(m) = nps.starting_at(k)
            && a.nps[m].kind == NpKind::Name
            && let Some(e) = entity_of(a, m)
            && person(e)
        {
            let how = format!(
                "'{}' is in apposition to '{}'{}",
                tok_phrase(a, i),
                tok_phrase(a, m),
                if comma { "" } else { " (no comma between)" }
            );
            if let Some(x) = mention(a, i, Some(m), how, a.res[m].weak) {
                out.entry(e).or_default().push(x);
            }
            continue;
        }
        // the name, a comma, then the role: "Dr Amara Okafor, the trust's chief executive"
        let mut j = n.ts;
        let lo = n.ts.saturating_sub(4).max(s.tok_start);
        while j > lo && tok_text(a, j - 1) != "," {
            let t = &a.tokens.toks[j - 1];
            let ok = t.kind == TokKind::Possessive
                || is_word(a, j - 1) && !a.info(j - 1).has(flag::LINKER);
            if !ok {
                break;
            }
            j -= 1;
        }
        if j > s.tok_start + 1
            && tok_text(a, j - 1) == ","
            && let Some(m) = nps.ending_at(j - 1)
            && a.nps[m].kind == NpKind::Name
            && let Some(e) = entity_of(a, m)
            && person(e)
        {
            let how = format!(
                "'{}' is in apposition to '{}'",
                tok_phrase(a, i),
                tok_phrase(a, m)
            );
            if let Some(x) = mention(a, i, Some(m), how, a.res[m].weak) {
                out.entry(e).or_default().push(x);
            }
        }
    }
    // one mention per role phrase, in text order
    for list in out.values_mut() {
        list.sort_by_key(|m| (m.span.0, m.np));
        list.dedup_by_key(|m| m.np);
    }
    out
}

fn tok_phrase(a: &Analysis, np: usize) -> String {
    let n = &a.nps[np];
    super::clip(&a.source.text[n.start..n.end], 60)
}

/// The role phrase says "former" only through a word that means the holder is still in
/// office ("outgoing", "cessante").
fn current_after_all(a: &Analysis, m: &Mention) -> bool {
    let n = &a.nps[m.np];
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
        // "até 2027", "since 2019", "until 2030": a bound of a period that runs now
        if k > s.tok_start && w.period_bounds.at(a, k - 1, k).is_some() {
            return false;
        }
        let text = tok_text(a, k);
        text.len() == 4
            && text
                .parse::<i32>()
                .is_ok_and(|y| (1900..=2100).contains(&y) && anchor_year.is_none_or(|ay| y < ay))
    })
}

fn desc(m: &Mention) -> String {
    format!(
        "{}{}{}{}",
        if m.former { "former " } else { "" },
        if m.acting { "acting " } else { "" },
        m.role.replace('-', " "),
        m.office
            .as_deref()
            .map(|o| format!(" ({o})"))
            .unwrap_or_default()
    )
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
    for (e, list) in mentions(a) {
        let label = a.entities[e].label.clone();
        if std::env::var("CC_DEBUG_ROLE").is_ok() {
            for m in &list {
                eprintln!("role {label}: {} {:?} {}", desc(m), m.span, m.how);
            }
        }
        let list: Vec<&Mention> = list.iter().take(32).collect();
        'pairs: for (i, y) in list.iter().enumerate() {
            for x in list[..i].iter() {
                let conflict = match mode {
                    "exclusive" => {
                        x.role != y.role
                            && !x.former
                            && !y.former
                            && x.office.is_some()
                            && x.office == y.office
                            && pairs.iter().any(|(p, q)| {
                                (x.role == *p && y.role == *q) || (x.role == *q && y.role == *p)
                            })
                    }
                    _ => {
                        x.role == y.role
                            && x.former != y.former
                            && !current_after_all(a, if x.former { x } else { y })
                            && x.office == y.office
                    }
                };
                if !conflict {
                    continue;
                }
                if x.nationality.is_some()
                    && y.nationality.is_some()
                    && x.nationality != y.nationality
                {
                    continue;
                }
                if in_the_past(a, x.np) || in_the_past(a, y.np) {
                    continue;
                }
                let (first, second) = (*x, *y);
                let unnamed_office = first.office.is_none();
                let mut reasoning = vec![first.how.clone(), second.how.clone()];
                if mode == "exclusive" {
                    reasoning.push(format!(
                        "{} and {} are two posts of one organisation, held by different people",
                        desc(first),
                        desc(second)
                    ));
                } else {
                    reasoning.push(format!(
                        "{label} is given the same office as {} and as {}",
                        desc(first),
                        desc(second)
                    ));
                }
                if unnamed_office {
                    reasoning.push(
                        "neither phrase names the organisation: the same office by its title only"
                            .into(),
                    );
                }
                reasoning.push("neither sentence puts the role in the past".into());
                let mut severity = r.severity;
                if unnamed_office || first.weak || second.weak {
                    severity = severity.lower();
                }
                let (ra, rb) = (tok_phrase(a, first.np), tok_phrase(a, second.np));
                let values = [
                    ("subject", label.clone()),
                    ("role_a", ra.clone()),
                    ("role_b", rb.clone()),
                ];
                out.push(span_finding(
                    r,
                    Place {
                        start: second.span.0,
                        end: second.span.1,
                        label: format!("{label}: {}", desc(second)),
                    },
                    Some(Place {
                        start: first.span.0,
                        end: first.span.1,
                        label: format!("{label}: {}", desc(first)),
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
