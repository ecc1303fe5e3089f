//! Place confusions: a city name standing where a person or body is meant, as machine
//! translation does with names that sound like cities ("em resposta ao pedido de Tóquio" where
//! the draft names Tokayev; "at the request of Milan" where the governor is Milano).
//!
//! A city is reported when (1) it fills an agent slot, after words such as "a pedido de" or
//! "at the request of" (per-language lists in the rule's `agent_cues`), and (2) a person or
//! body in the same draft has a name that sounds like it (the same romanised opening).
//! Capitals used for governments ("at the request of Moscow") pass unless a sound-alike person
//! or body is in the draft.

use super::note::{lang_phrases, make, phrase_before};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::gazetteer::PlaceId;
use crate::names::NameForm;
use crate::np::NpKind;
use crate::resolve::EntityKind;
use crate::rules::RuleSpec;

/// How alike two single names sound: the shared opening of their romanised skeletons, as a
/// share of the shorter one. Returns (shared letters, share).
fn shared_opening(a: &NameForm, b: &NameForm) -> (usize, f64) {
    let (sa, sb) = (&a.skeleton, &b.skeleton);
    let common = sa
        .chars()
        .zip(sb.chars())
        .take_while(|(x, y)| x == y)
        .count();
    let shorter = sa.chars().count().min(sb.chars().count()).max(1);
    (common, common as f64 / shorter as f64)
}

/// Name words kept per three-letter opening (the first met, which a tie goes to): a draft of
/// thousands of similar names stays linear.
const MAX_PER_OPENING: usize = 64;

pub fn run(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let cues = lang_phrases(r, "agent_cues", a.lang.code);
    if cues.is_empty() {
        return;
    }
    // speaker phrase → its first frame
    let mut speakers: std::collections::BTreeMap<usize, usize> = Default::default();
    for (fi, f) in a.frames.iter().enumerate() {
        if let Some(sp) = f.speaker {
            speakers.entry(sp).or_insert(fi);
        }
    }
    // cities in an agent slot: (phrase, city, where the cue starts, text, last word)
    let mut slots = Vec::new();
    for (ni, np) in a.nps.iter().enumerate() {
        if np.kind != NpKind::Place {
            continue;
        }
        let Some(PlaceId::City(city)) = np.place else {
            continue;
        };
        // the agent slot: after "a pedido de", or the speaker of a statement ("Tóquio disse")
        let cue_start = match phrase_before(a, np.ts, 0, &cues) {
            Some(k) => k,
            None if speakers.contains_key(&ni) => np.ts,
            None => continue,
        };
        let place_text = a.text_of(np.start, np.end);
        let city_word = place_text
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_string();
        if city_word.chars().count() < 4 {
            continue;
        }
        slots.push((ni, city, cue_start, place_text, city_word));
    }
    if slots.is_empty() {
        return;
    }
    let names = &a.ruleset.names;
    // people and bodies with their name words and first mention, in order of appearance
    let mut people: Vec<(usize, Vec<String>, usize)> = Vec::new();
    for en in &a.entities {
        if !matches!(en.kind, EntityKind::Person | EntityKind::Org) {
            continue;
        }
        let Some(&first) = en
            .mentions
            .iter()
            .find(|&&m| a.nps[m].name.is_some() && a.res[m].entity == Some(en.id))
        else {
            continue;
        };
        let words: Vec<String> = en
            .names
            .keys()
            .flat_map(|n| n.split_whitespace().map(String::from).collect::<Vec<_>>())
            .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        people.push((en.id, words, first));
    }
    // every name word once, folded, with two indexes: by the first three letters of its
    // skeleton (a shared opening of three or more) and by spelling variant; a city is compared
    // with the words these give, never with every person in the draft. Only words that start
    // with the first sound of a city in a slot are indexed: the others never match.
    let letters: std::collections::BTreeSet<Option<char>> = slots
        .iter()
        .map(|s| names.skeleton(&s.4).chars().next())
        .collect();
    let (all, variants, openings) = {
        let mut all: Vec<(usize, &str, NameForm)> = Vec::new(); // (entity, word, its form)
        let mut variants = crate::names::VariantIndex::default();
        let mut openings: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        for (e, words, _) in &people {
            for w in words {
                // a city is only ever compared with words of its first sound
                let form = names.form(w);
                if !letters.contains(&form.skeleton.chars().next()) {
                    continue;
                }
                let id = all.len();
                variants.insert_skeleton(id, &form.skeleton);
                let opening: String = form.skeleton.chars().take(3).collect();
                all.push((*e, w.as_str(), form));
                let list = openings.entry(opening).or_default();
                if list.len() < MAX_PER_OPENING {
                    list.push(id);
                }
            }
        }
        (all, variants, openings)
    };
    for (ni, city, cue_start, place_text, city_word) in slots {
        let np = &a.nps[ni];
        // the sound-alike person or body that comes closest
        let mut best: Option<(usize, f64, usize, String)> = None; // (shared, share, entity, word)
        let city_form = names.form(&city_word);
        let (mut cands, _) = variants.candidates_of_skeleton(&city_form.skeleton);
        let opening: String = city_form.skeleton.chars().take(3).collect();
        if let Some(list) = openings.get(&opening) {
            cands.extend_from_slice(list);
        }
        // in the order of the draft's people and their words, as a scan of all would meet them
        cands.sort_unstable();
        cands.dedup();
        for &(e, w, ref form) in cands.iter().map(|&i| &all[i]) {
            if a.res[ni].entity == Some(e) {
                continue;
            }
            // the same word: the chunker's reading of the city itself ("Paris said")
            if form.folded == city_form.folded {
                continue;
            }
            let (common, share) = shared_opening(&city_form, form);
            let close =
                names.variant_forms(&city_form, form).is_some() || (common >= 3 && share >= 0.6);
            if close && best.as_ref().is_none_or(|b| (common, share) > (b.0, b.1)) {
                best = Some((common, share, e, w.to_string()));
            }
        }
        let Some((common, _, e, word)) = best else {
            continue;
        };
        let en = &a.entities[e];
        let first = people.iter().find(|p| p.0 == e).map(|p| p.2).unwrap_or(0);
        let country = a.gazetteer.name(
            PlaceId::Country(a.gazetteer.country_of(PlaceId::City(city))),
            a.lang.code,
        );
        let cue_text = if cue_start < np.ts {
            a.text_of(a.tokens.toks[cue_start].start as usize, np.end)
        } else {
            // the statement: the city and its speech verb
            let f = speakers.get(&ni).map(|&fi| &a.frames[fi]);
            match f.and_then(|f| f.cue) {
                Some((cs, ce)) => {
                    let (s0, e0) = super::note::tok_span(a, cs, ce);
                    if s0 >= np.end {
                        a.text_of(np.start, e0)
                    } else {
                        a.text_of(s0, np.end)
                    }
                }
                None => place_text.clone(),
            }
        };
        let (rs, re) = match a.nps[first].name {
            Some((s, e)) => super::note::tok_span(a, s, e),
            None => (a.nps[first].start, a.nps[first].end),
        };
        let values = [
            ("place", place_text.clone()),
            ("country", country.clone()),
            ("entity", en.label.clone()),
            ("context", cue_text.clone()),
        ];
        let reasoning = vec![
            format!(
                "“{cue_text}” needs a person or a body, and {place_text} is a city in {country}"
            ),
            format!("{place_text} and {word} share their first {common} letters once romanised"),
            format!(
                "{} is a {} named in the draft",
                en.label,
                if en.kind == EntityKind::Person {
                    "person"
                } else {
                    "body"
                }
            ),
        ];
        out.push(make(
            r,
            r.severity,
            &values,
            (np.start, np.end, format!("the city of {place_text}")),
            vec![(rs, re, format!("{} is named here", en.label))],
            reasoning,
        ));
    }
}
