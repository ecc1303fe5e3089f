//! Name-spelling drift: one person written several ways in one draft (Tokayev / Tokazhev,
//! Abdirahman / Abdurahman). Entity resolution links a spelling variant to the person it varies
//! (romanisation-aware, never a feminine form, never a different first name); this check reads
//! the names of each person's mentions word by word, aligned from the surname, and reports
//! every spelling that differs from the preferred one (the most frequent, else the first).

use std::collections::BTreeMap;

use super::note::{make, times, tok_span};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::names::NameForm;
use crate::np::NpKind;
use crate::resolve::EntityKind;
use crate::rules::RuleSpec;

/// One spelling of one word of a name.
struct Spelling {
    text: String,
    count: usize,
    /// Byte spans of its occurrences, in text order.
    at: Vec<(usize, usize)>,
    /// Phrases (mentions) it occurs in.
    nps: Vec<usize>,
}

/// Spellings of one word listed in a message, at most.
const MAX_LISTED: usize = 12;
/// Spellings reported per word of a person's name, at most (a draft with more spellings of one
/// name than this is not one the editor will fix finding by finding).
const MAX_REPORTED: usize = 32;

pub fn run(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let names = &a.ruleset.names;
    // persons by surname, for "another person has a similar name" without comparing every
    // pair of persons: built on the first variant that needs it (most drafts have none), with
    // each surname prepared for comparisons once
    let surnames = std::cell::OnceCell::new();
    let build = || {
        let mut ix = crate::names::VariantIndex::default();
        let mut forms: rustc_hash::FxHashMap<usize, NameForm> = Default::default();
        for o in &a.entities {
            if o.kind == EntityKind::Person
                && let Some(s) = &o.surname
            {
                let form = names.form(s);
                ix.insert_skeleton(o.id, &form.skeleton);
                forms.insert(o.id, form);
            }
        }
        (ix, forms)
    };
    for en in &a.entities {
        if en.kind != EntityKind::Person || en.variants.is_empty() {
            continue;
        }
        // how resolution linked each word: the first variant whose name has it
        let mut linked: BTreeMap<String, &String> = BTreeMap::new();
        for (full, why) in &en.variants {
            for w in full.split_whitespace() {
                linked.entry(w.to_lowercase()).or_insert(why);
            }
        }
        // position from the right (0 = surname) → folded spelling → occurrences
        let mut slots: BTreeMap<usize, BTreeMap<String, Spelling>> = BTreeMap::new();
        for &m in &en.mentions {
            let np = &a.nps[m];
            if !matches!(np.kind, NpKind::Name | NpKind::Role) || a.res[m].entity != Some(en.id) {
                continue;
            }
            let Some((s, e)) = np.name else { continue };
            let words: Vec<usize> = (s..e)
                .filter(|&k| {
                    a.tokens.toks[k].cap && a.tokens.toks[k].kind == crate::tokens::TokKind::Word
                })
                .collect();
            for (pos, &k) in words.iter().rev().enumerate() {
                let text = a.tokens.text(&a.source.text, k).to_string();
                let sp = slots
                    .entry(pos)
                    .or_default()
                    .entry(text.to_lowercase())
                    .or_insert_with(|| Spelling {
                        text: text.clone(),
                        count: 0,
                        at: Vec::new(),
                        nps: Vec::new(),
                    });
                sp.count += 1;
                sp.at.push(tok_span(a, k, k + 1));
                sp.nps.push(m);
            }
        }
        // the person as the draft names them most fully ("Qasim Jomar Tokayev", even when a
        // shorter variant came first)
        let display = en
            .names
            .keys()
            .max_by_key(|n| (n.split_whitespace().count(), std::cmp::Reverse(n.len())))
            .filter(|n| n.split_whitespace().count() > en.label.split_whitespace().count())
            .cloned()
            .unwrap_or_else(|| en.label.clone());
        for (&pos, spellings) in &slots {
            if spellings.len() < 2 {
                continue;
            }
            let mut list: Vec<&Spelling> = spellings.values().collect();
            // preferred: the most frequent, then the first used
            list.sort_by_key(|s| (std::cmp::Reverse(s.count), s.at[0]));
            let preferred = list[0];
            let tie = list[1].count == preferred.count;
            let why_preferred = if tie {
                "the first used"
            } else {
                "the most frequent"
            };
            let mut by_order = list.clone();
            by_order.sort_by_key(|s| s.at[0]);
            let mut all: Vec<String> = by_order
                .iter()
                .take(MAX_LISTED)
                .map(|s| format!("“{}” ×{}", s.text, s.count))
                .collect();
            if by_order.len() > MAX_LISTED {
                all.push(format!("and {} more", by_order.len() - MAX_LISTED));
            }
            let all = all.join(", ");
            let preferred_form = names.form(&preferred.text);
            for v in list[1..].iter().take(MAX_REPORTED) {
                // only spellings of one name: a different word here is a different name
                let v_form = names.form(&v.text);
                if names.variant_forms(&preferred_form, &v_form).is_none() {
                    continue;
                }
                let mut reasoning = Vec::new();
                // how resolution linked the spellings (either may have come first)
                if let Some(why) = linked
                    .get(&v.text.to_lowercase())
                    .or_else(|| linked.get(&preferred.text.to_lowercase()))
                {
                    reasoning.push((*why).clone());
                }
                reasoning.push(format!("the draft writes {all} ({display})"));
                // context that makes one person likely: the rest of the name, a shared role
                let full = |m: usize| {
                    a.nps[m]
                        .name
                        .map(|(s, e)| {
                            let (bs, be) = tok_span(a, s, e);
                            a.source.text[bs..be].to_string()
                        })
                        .unwrap_or_default()
                };
                let longer = v.nps.iter().copied().find(|&m| {
                    a.nps[m]
                        .name
                        .is_some_and(|(s, e)| (s..e).filter(|&k| a.tokens.toks[k].cap).count() > 1)
                });
                match (pos, longer) {
                    (0, Some(m)) => reasoning.push(format!(
                        "“{}” has the same first name as {}",
                        full(m),
                        display
                    )),
                    (0, None) => reasoning.push(format!(
                        "“{}” comes without a first name, and no other person in the draft has a name like it",
                        v.text
                    )),
                    (_, _) => reasoning.push(format!(
                        "“{}” differs from {} in “{}” only",
                        v.nps.first().map(|&m| full(m)).unwrap_or_default(),
                        display,
                        v.text
                    )),
                }
                let roles_here: Vec<&str> = v
                    .nps
                    .iter()
                    .filter_map(|&m| a.nps[m].role.map(|r| a.lang.role(r.role).key))
                    .collect();
                let roles_there: Vec<&str> = en
                    .roles
                    .iter()
                    .filter(|f| !v.nps.contains(&f.np))
                    .map(|f| f.role.as_str())
                    .collect();
                let mut role_clash = false;
                if let Some(r) = roles_here.iter().find(|r| roles_there.contains(r)) {
                    reasoning.push(format!("both are called {}", r.replace('-', " ")));
                } else if let (Some(r), Some(o)) = (roles_here.first(), roles_there.first()) {
                    // "Minister Tokaev" beside "President Tokayev": perhaps two people
                    role_clash = true;
                    reasoning.push(format!(
                        "“{}” is called {}, {} is called {}: perhaps two people",
                        v.text,
                        r.replace('-', " "),
                        display,
                        o.replace('-', " ")
                    ));
                }
                // another person whose name is also close: the link is a guess (and when the
                // index is too crowded to tell, assume there is one: a lower severity)
                let (ix, forms) = surnames.get_or_init(build);
                let (close, crowded) = ix.candidates_of_skeleton(&v_form.skeleton);
                let rival = crowded
                    || close.iter().any(|&o| {
                        o != en.id
                            && forms.get(&o).is_some_and(|s| {
                                s.folded == v_form.folded
                                    || names.variant_forms(s, &v_form).is_some()
                            })
                    });
                if rival {
                    reasoning.push(format!(
                        "another person in the draft has a similar name, so “{}” may be someone else",
                        v.text
                    ));
                }
                // a guess is a note, not a warning
                let severity = if rival || role_clash {
                    r.severity.lower()
                } else {
                    r.severity
                };
                let values = [
                    ("entity", display.clone()),
                    ("variant", v.text.clone()),
                    ("variant_count", times(v.count)),
                    ("preferred", preferred.text.clone()),
                    ("preferred_count", times(preferred.count)),
                    ("spellings", all.clone()),
                    ("why_preferred", why_preferred.to_string()),
                ];
                let (ps, pe) = v.at[0];
                let (rs, re) = preferred.at[0];
                let mut related = vec![(
                    rs,
                    re,
                    format!(
                        "spelled “{}” here ({})",
                        preferred.text,
                        times(preferred.count)
                    ),
                )];
                for &(s, e) in &v.at[1..] {
                    related.push((s, e, format!("“{}” again", v.text)));
                }
                out.push(make(
                    r,
                    severity,
                    &values,
                    (
                        ps,
                        pe,
                        format!("spelled “{}” here ({})", v.text, times(v.count)),
                    ),
                    related,
                    reasoning,
                ));
            }
        }
    }
}
