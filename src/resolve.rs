//! Entity resolution over noun phrases, with the chain of reasons kept.
//!
//! - a full name makes an entity; a surname alone refers to it ("Tokayev" → "Qasim Jomar Tokayev");
//! - a spelling variant ("Tokazhev") is linked to the entity it varies, and recorded as a
//!   variant (never merged silently); a feminine form (Nazarbayeva) is a different person;
//! - roles in apposition attach to the named entity ("o ex-presidente Narsultan Nazarbayev");
//! - a role alone ("um ex-presidente", "the former president") refers to the one entity that
//!   holds it, or becomes an entity of its own;
//! - "a spokesman for X" is X's spokesman; pronouns refer to the nearest compatible person,
//!   and a spokesperson's pronouns to the one they speak for;
//! - "a capital" is the capital of the country in question.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::extract::Frame;
use crate::gazetteer::PlaceId;
use crate::grammar::Ctx;
use crate::names::NameRules;
use crate::np::{Np, NpKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Person,
    Org,
    Place,
    /// An unnamed group: "os manifestantes", "officials".
    Group,
    /// Someone known only by a role: "the ex-president", "a spokesman for X".
    Role,
    /// An event named by a noun: "os protestos".
    Event,
    /// A thing named by a common noun: "o relatório", "the dam" (labelled by its head noun).
    Thing,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct RoleFact {
    pub role: String,
    pub former: bool,
    pub acting: bool,
    pub of: Option<usize>,
    pub nationality: Option<u16>,
    /// Phrase that gave the role.
    pub np: usize,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Entity {
    pub id: usize,
    pub kind: EntityKind,
    pub label: String,
    /// Surface names with their counts (spelling variants included).
    pub names: BTreeMap<String, usize>,
    /// Spelling variants linked to this entity: (variant, reason).
    pub variants: Vec<(String, String)>,
    pub roles: Vec<RoleFact>,
    pub gender: Option<char>,
    pub place: Option<PlaceId>,
    /// Phrases that refer to this entity.
    pub mentions: Vec<usize>,
    /// Single-word surname of a person, used for short references.
    #[serde(skip)]
    pub surname: Option<String>,
    #[serde(skip)]
    pub first_names: Vec<String>,
    /// For a role entity "spokesperson of X": X, and whether the role speaks for X.
    pub of: Option<usize>,
    pub speaks_for: bool,
}

/// How a phrase was resolved.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Resolution {
    pub entity: Option<usize>,
    /// Why, in order: "'ele' → the person the spokesman speaks for".
    pub reasons: Vec<String>,
    /// The link rests on a guess (several candidates, a fuzzy spelling match).
    pub weak: bool,
}

pub struct Resolver<'a> {
    c: &'a Ctx<'a>,
    nps: &'a [Np],
    names: &'a NameRules,
    pub entities: Vec<Entity>,
    pub res: Vec<Resolution>,
    done: Vec<bool>,
    /// For each phrase, the frame whose content holds it (innermost).
    frame_of: Vec<Option<usize>>,
    frames: &'a [Frame],
    /// Entities by lower-case full name.
    by_name: FxHashMap<String, usize>,
    place_entity: BTreeMap<PlaceId, usize>,
    group_entity: FxHashMap<String, usize>,
    /// Last country mentioned before each phrase (by phrase order).
    last_country: Option<(u16, usize)>,
    country_counts: BTreeMap<u16, usize>,
    /// Indexes that keep resolution linear in long drafts (see [`EntityIndex`]).
    index: EntityIndex,
}

/// Look-ups that would otherwise scan every entity for every phrase. Each gives a superset of
/// the entities the scan would accept, in entity order; the callers apply the same tests.
#[derive(Default)]
struct EntityIndex {
    /// Persons by ASCII-lower-case surname.
    by_surname: FxHashMap<String, Vec<usize>>,
    /// Persons by (first letter of the folded surname, skeleton of the surname): spelling
    /// variants share the first letter and are at most two edits apart after romanisation.
    skeletons: Vec<(char, Vec<char>, Vec<usize>)>,
    /// Ids in `skeletons`, by skeleton (whose first letter is the key's first letter).
    skeleton_ids: FxHashMap<Vec<char>, usize>,
    /// Skeletons by every string made by deleting at most two characters from them (hashed
    /// with the first letter): two strings at most two edits apart share one such string.
    /// Each key keeps its latest skeletons (the index's bound).
    skeleton_deletions: crate::names::VariantIndex,
    /// Each indexed person's surname, prepared for spelling comparisons, and their first
    /// names in lower case.
    person_names: FxHashMap<usize, (crate::names::NameForm, Vec<String>)>,
    /// Organisations by lower-case word of their label.
    org_words: FxHashMap<String, Vec<usize>>,
    /// Persons and role entities with a fact of a role, by (role key, former, nationality
    /// key): `ANY_NATIONALITY` holds them all, `NO_NATIONALITY` those with a fact without one.
    role_holders_by: BTreeMap<(String, bool, i32), std::collections::BTreeSet<usize>>,
    /// The first role entity with a fact (role key, of entity), by that pair.
    role_of: BTreeMap<(String, usize), usize>,
    /// Lower-case first names compared as spellings, each prepared once per draft.
    first_name_forms: std::cell::RefCell<FxHashMap<String, crate::names::NameForm>>,
}

/// Keys of `EntityIndex::role_holders_by`.
const ANY_NATIONALITY: i32 = -2;
const NO_NATIONALITY: i32 = -1;
/// Organisations sharing a phrase's head word that are tried for it, the latest first.
const MAX_ORG_CANDIDATES: usize = 64;
/// Phrases looked back over for a pronoun's antecedent.
const MAX_ANTECEDENT_PHRASES: usize = 128;
/// Surnames longer than this (in characters, once romanised) are not matched as spelling
/// variants: the deletion keys of a name grow with the square of its length, and no real
/// surname is this long.
const MAX_VARIANT_CHARS: usize = crate::names::DELETION_MAX_CHARS;
/// Persons compared per name (the most recent; the deletion keys keep their latest
/// skeletons): the spelling-variant look-up stays bounded when a draft holds thousands of
/// similar names.
const MAX_VARIANT_CANDIDATES: usize = 32;

/// A surname prepared for the spelling-variant look-up and index, once per name: its form,
/// its skeleton's characters and their deletion keys (made if the index needs them).
struct PreparedSurname {
    form: crate::names::NameForm,
    skel: Vec<char>,
    keys: crate::names::LazyKeys,
}

/// The text of tokens `ts..te`, its words joined by single spaces.
fn text_of(c: &Ctx, ts: usize, te: usize) -> String {
    let s = c.toks.toks[ts].start as usize;
    let e = c.toks.toks[te - 1].end as usize;
    let t = &c.src[s..e];
    // most phrases are written so already: copied whole
    if single_spaced(t) {
        return t.to_string();
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is `t` its words joined by single spaces (no other whitespace, none at either end)?
fn single_spaced(t: &str) -> bool {
    let mut after_space = true;
    for c in t.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || t.is_empty()
}

impl<'a> Resolver<'a> {
    pub fn new(c: &'a Ctx<'a>, nps: &'a [Np], frames: &'a [Frame], names: &'a NameRules) -> Self {
        // innermost frame holding each phrase: intervals sorted by start, a short look back
        let mut iv: Vec<(usize, usize, usize)> = Vec::new();
        for (fi, f) in frames.iter().enumerate() {
            iv.push((f.content_toks.0, f.content_toks.1, fi));
            if let Some((s, e)) = f.extra_toks {
                iv.push((s, e, fi));
            }
        }
        iv.sort_unstable();
        let mut frame_of = vec![None; nps.len()];
        for (ni, np) in nps.iter().enumerate() {
            let upto = iv.partition_point(|&(s, _, _)| s <= np.ts);
            let mut best: Option<(usize, usize)> = None; // (width, frame)
            for &(s, e, fi) in iv[..upto].iter().rev().take(8) {
                if np.ts >= s && np.te <= e && best.is_none_or(|(w, _)| e - s < w) {
                    best = Some((e - s, fi));
                }
            }
            frame_of[ni] = best.map(|(_, f)| f);
        }
        Resolver {
            c,
            nps,
            names,
            entities: Vec::new(),
            res: vec![Resolution::default(); nps.len()],
            done: vec![false; nps.len()],
            frame_of,
            frames,
            by_name: FxHashMap::default(),
            place_entity: BTreeMap::new(),
            group_entity: FxHashMap::default(),
            last_country: None,
            country_counts: BTreeMap::new(),
            index: EntityIndex::default(),
        }
    }

    fn text(&self, np: usize) -> String {
        let n = &self.nps[np];
        text_of(self.c, n.ts, n.te)
    }

    fn new_entity(&mut self, kind: EntityKind, label: String, np: usize) -> usize {
        let id = self.entities.len();
        if kind == EntityKind::Org {
            // an organisation's label never changes
            for w in label.split_whitespace() {
                let list = self.index.org_words.entry(w.to_lowercase()).or_default();
                if list.last() != Some(&id) {
                    list.push(id);
                }
            }
        }
        self.entities.push(Entity {
            id,
            kind,
            label,
            names: BTreeMap::new(),
            variants: Vec::new(),
            roles: Vec::new(),
            gender: None,
            place: None,
            mentions: vec![np],
            surname: None,
            first_names: Vec::new(),
            of: None,
            speaks_for: false,
        });
        id
    }

    fn set(&mut self, np: usize, entity: usize, reasons: Vec<String>, weak: bool) {
        if self.entities[entity].mentions.last() != Some(&np) {
            self.entities[entity].mentions.push(np);
        }
        self.res[np] = Resolution {
            entity: Some(entity),
            reasons,
            weak,
        };
        self.done[np] = true;
    }

    pub fn run(mut self) -> (Vec<Entity>, Vec<Resolution>) {
        for i in 0..self.nps.len() {
            self.resolve(i);
        }
        // "the country" / "the capital" named before any country: the one the draft names most
        self.last_country = None;
        for i in 0..self.nps.len() {
            if matches!(self.nps[i].kind, NpKind::Capital | NpKind::Country)
                && self.res[i].entity.is_none()
            {
                self.resolve_capital(i);
            }
        }
        for e in &mut self.entities {
            e.mentions.sort_unstable();
            e.mentions.dedup();
        }
        (self.entities, self.res)
    }

    fn note_country(&mut self, p: PlaceId, np: usize) {
        let c = self.c.gaz.country_of(p);
        self.last_country = Some((c, np));
        *self.country_counts.entry(c).or_default() += 1;
    }

    fn role_key(&self, role: u16) -> String {
        self.c.lang.role(role).key.to_string()
    }

    fn resolve(&mut self, i: usize) {
        if self.done[i] {
            return;
        }
        self.done[i] = true;
        let np = self.nps[i].clone();
        // apposition: the same entity as the other phrase
        if let Some(j) = np.apposition_of {
            self.resolve(j);
            if let Some(e) = self.res[j].entity {
                self.add_role(e, i);
                let reasons = vec![format!(
                    "'{}' is in apposition to '{}'",
                    self.text(i),
                    self.text(j)
                )];
                self.set(i, e, reasons, false);
                return;
            }
        }
        if let Some(of) = np.of {
            self.resolve(of);
        }
        match np.kind {
            // a place name that is also a person's surname here is the person: "Milano"
            NpKind::Place
                if np
                    .name
                    .is_some_and(|(s, e)| e == s + 1 && self.is_surname(self.c.text(s))) =>
            {
                self.resolve_name(i)
            }
            NpKind::Place => {
                if let Some(p) = np.place {
                    self.note_country(p, i);
                    let e = match self.place_entity.get(&p) {
                        Some(&e) => e,
                        None => {
                            // named as the draft first names it
                            let label = np
                                .name
                                .map(|(s, e)| text_of(self.c, s, e))
                                .unwrap_or_else(|| self.c.gaz.name(p, self.c.lang.code));
                            let e = self.new_entity(EntityKind::Place, label, i);
                            self.entities[e].place = Some(p);
                            self.place_entity.insert(p, e);
                            e
                        }
                    };
                    let t = self.text(i);
                    *self.entities[e].names.entry(name_part(&t)).or_default() += 1;
                    self.set(i, e, vec![], false);
                }
            }
            NpKind::Capital | NpKind::Country => self.resolve_capital(i),
            NpKind::Name | NpKind::Org => self.resolve_name(i),
            NpKind::Role => self.resolve_role(i),
            NpKind::Pronoun => self.resolve_pronoun(i),
            NpKind::Institution if self.org_by_head(i).is_some() => {
                let (e, why) = self.org_by_head(i).unwrap_or_default();
                self.set(i, e, vec![why], false);
            }
            NpKind::Common => {
                // the head noun: the last word in English ("the signalling system"), the first
                // in Portuguese ("o sistema de sinalização")
                let words: Vec<usize> = (np.ts..np.te)
                    .filter(|&k| {
                        self.c.is_word(k)
                            && !self.c.info(k).has(crate::lexicon::flag::DETERMINER)
                            && !self.c.info(k).has(crate::lexicon::flag::POSSESSIVE)
                    })
                    .collect();
                let head = if self.c.lang.head_final {
                    words.last()
                } else {
                    words.first()
                };
                let Some(&h) = head else { return };
                let key = format!("thing:{}", self.c.lower(h));
                let e = match self.group_entity.get(&key) {
                    Some(&e) => e,
                    None => {
                        let e = self.new_entity(EntityKind::Thing, self.c.lower(h).to_string(), i);
                        self.group_entity.insert(key, e);
                        e
                    }
                };
                self.set(i, e, vec![], false);
            }
            NpKind::Group | NpKind::Event | NpKind::Institution => {
                let head = self.c.lower(np.te - 1);
                let key = format!("{:?}:{}", np.kind, head.strip_suffix('s').unwrap_or(head));
                let kind = match np.kind {
                    NpKind::Group => EntityKind::Group,
                    NpKind::Event => EntityKind::Event,
                    _ => EntityKind::Org,
                };
                // "a hospital official" is someone new, not the officials named before
                let e = match self.group_entity.get(&key) {
                    Some(&e) if !(np.indefinite && np.kind == NpKind::Group) => e,
                    Some(_) => self.new_entity(kind, self.text(i), i),
                    None => {
                        let e = self.new_entity(kind, self.text(i), i);
                        self.group_entity.insert(key, e);
                        e
                    }
                };
                self.set(i, e, vec![], false);
            }
        }
    }

    fn is_surname(&self, w: &str) -> bool {
        // persons by surname, compared without ASCII case (as `eq_ignore_ascii_case`)
        self.index
            .by_surname
            .get(&w.to_ascii_lowercase())
            .is_some_and(|v| !v.is_empty())
    }

    /// Persons whose surname equals `w` without ASCII case, in entity order.
    fn persons_with_surname(&self, w: &str) -> &[usize] {
        self.index
            .by_surname
            .get(&w.to_ascii_lowercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// `sur` prepared for spelling comparisons; None when its skeleton is too long to be
    /// matched as a variant.
    fn prepare_surname(&self, sur: &str) -> Option<PreparedSurname> {
        // keyed by the first sound once romanised, as `NameRules::variant` compares it
        let form = self.names.form(sur);
        let skel: Vec<char> = form.skeleton.chars().collect();
        if skel.len() > MAX_VARIANT_CHARS {
            return None;
        }
        Some(PreparedSurname {
            form,
            skel,
            keys: Default::default(),
        })
    }

    /// Record the surname of a new person (a person's surname never changes), prepared by
    /// [`Resolver::prepare_surname`].
    fn index_surname(&mut self, e: usize, prepared: Option<PreparedSurname>) {
        let Some(sur) = self.entities[e].surname.as_deref() else {
            return;
        };
        self.index
            .by_surname
            .entry(sur.to_ascii_lowercase())
            .or_default()
            .push(e);
        let Some(PreparedSurname { form, skel, keys }) = prepared else {
            return;
        };
        let first = skel.first().copied().unwrap_or(' ');
        let ix = &mut self.index;
        let id = match ix.skeleton_ids.get(skel.as_slice()) {
            Some(&id) => id,
            None => {
                let id = ix.skeletons.len();
                ix.skeleton_deletions
                    .insert_skeleton_keys(id, &form.skeleton, &keys);
                ix.skeleton_ids.insert(skel.clone(), id);
                ix.skeletons.push((first, skel, Vec::new()));
                id
            }
        };
        ix.skeletons[id].2.push(e);
        let first_lower = self.entities[e]
            .first_names
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        self.index.person_names.insert(e, (form, first_lower));
    }

    /// "a comissão" → the organisation named with that head word ("Comissão Eleitoral …"),
    /// the last one mentioned.
    fn org_by_head(&self, i: usize) -> Option<(usize, String)> {
        let np = &self.nps[i];
        // every word of the phrase (but the determiner) must be in the name
        let words: Vec<&str> = (np.ts..np.te)
            .filter(|&k| {
                self.c.is_word(k)
                    && !self.c.info(k).has(crate::lexicon::flag::DETERMINER)
                    && !self.c.info(k).has(crate::lexicon::flag::POSSESSIVE)
            })
            .map(|k| self.c.lower(k))
            .collect();
        if words.is_empty() {
            return None;
        }
        // only organisations whose label has the first word can match
        let cands = self.index.org_words.get(words[0])?;
        // the latest ones: in a long draft a common head word names hundreds of bodies
        let e = cands
            .iter()
            .rev()
            .take(MAX_ORG_CANDIDATES)
            .map(|&e| &self.entities[e])
            .find(|e| {
                e.kind == EntityKind::Org && {
                    let label: Vec<String> = e
                        .label
                        .split_whitespace()
                        .map(|w| w.to_lowercase())
                        .collect();
                    words.iter().all(|w| label.iter().any(|l| l == w))
                }
            })?;
        Some((
            e.id,
            format!(
                "'{}' → {}, the organisation named with that word",
                self.text(i),
                e.label
            ),
        ))
    }

    fn add_role(&mut self, e: usize, np: usize) {
        let n = &self.nps[np];
        if let Some(r) = n.role {
            let of = n.of.and_then(|o| self.res[o].entity);
            let fact = RoleFact {
                role: self.role_key(r.role),
                former: r.former,
                acting: r.acting,
                of,
                nationality: n.nationality,
                np,
            };
            if self.entities[e].gender.is_none() {
                self.entities[e].gender = r.gender;
            }
            // one fact per distinct role: the first phrase that gave it
            let known = self.entities[e].roles.iter().any(|f| {
                f.role == fact.role
                    && f.former == fact.former
                    && f.acting == fact.acting
                    && f.of == fact.of
                    && f.nationality == fact.nationality
            });
            if !known {
                let kind = self.entities[e].kind;
                if matches!(kind, EntityKind::Person | EntityKind::Role) {
                    let nat = fact.nationality.map_or(NO_NATIONALITY, i32::from);
                    for key in [ANY_NATIONALITY, nat] {
                        self.index
                            .role_holders_by
                            .entry((fact.role.clone(), fact.former, key))
                            .or_default()
                            .insert(e);
                    }
                }
                if let (Some(o), EntityKind::Role) = (fact.of, kind) {
                    let first = self
                        .index
                        .role_of
                        .entry((fact.role.clone(), o))
                        .or_insert(e);
                    *first = (*first).min(e);
                }
                self.entities[e].roles.push(fact);
            }
        }
    }

    fn resolve_name(&mut self, i: usize) {
        let np = self.nps[i].clone();
        let Some((s, e)) = np.name else { return };
        let full = text_of(self.c, s, e);
        let key = full.to_lowercase();
        let words: Vec<&str> = full.split_whitespace().collect();
        let org = np.kind == NpKind::Org;
        let mut reasons = Vec::new();
        let mut weak = false;
        // 1. the same name
        let mut found = self.by_name.get(&key).copied();
        // 2. a surname alone refers to the full name
        if found.is_none() && words.len() == 1 && !org {
            let cands = self.persons_with_surname(words[0]);
            if let Some(&last) = cands.last() {
                let several = cands.len() > 1;
                reasons.push(format!(
                    "'{}' is the surname of {}",
                    full, self.entities[last].label
                ));
                weak = several;
                found = Some(last);
            }
        }
        // 3. a full name that extends an earlier surname
        if found.is_none() && words.len() > 1 && !org {
            let last_word = words.last().unwrap().to_lowercase();
            if let Some(&e0) = self.by_name.get(&last_word)
                && self.entities[e0].kind == EntityKind::Person
                && self.entities[e0].first_names.is_empty()
            {
                found = Some(e0);
                reasons.push(format!(
                    "'{}' is the full name of {}",
                    full, self.entities[e0].label
                ));
                self.entities[e0].label = full.clone();
                self.entities[e0].first_names = owned(&words[..words.len() - 1]);
                if let Some((_, first_lower)) = self.index.person_names.get_mut(&e0) {
                    *first_lower = words[..words.len() - 1]
                        .iter()
                        .map(|w| w.to_lowercase())
                        .collect();
                }
            }
        }
        // 4. a spelling variant (the surname is prepared once, for the look-up and for
        // the index of a new person)
        let prepared = if found.is_none() && !org {
            words.last().and_then(|w| self.prepare_surname(w))
        } else {
            None
        };
        if !np.acronym
            && let Some(p) = &prepared
            && let Some((e0, reason)) = self.variant_of(&words, p)
        {
            found = Some(e0);
            weak = true;
            self.entities[e0]
                .variants
                .push((full.clone(), reason.clone()));
            reasons.push(reason);
        }
        let e = match found {
            Some(e) => e,
            None => {
                let kind = if org {
                    EntityKind::Org
                } else {
                    EntityKind::Person
                };
                let e = self.new_entity(kind, full.clone(), i);
                if !org {
                    self.entities[e].surname = words.last().map(|w| w.to_string());
                    self.entities[e].first_names = owned(&words[..words.len().saturating_sub(1)]);
                    self.index_surname(e, prepared);
                }
                e
            }
        };
        self.by_name.entry(key).or_insert(e);
        // an acronym defined here names the same entity
        if let Some(a) = np.acronym_def {
            let acr = self.c.text(a).to_string();
            self.by_name.entry(acr.to_lowercase()).or_insert(e);
            *self.entities[e].names.entry(acr).or_default() += 1;
        }
        self.add_role(e, i);
        if self.entities[e].gender.is_none() {
            self.entities[e].gender = self.gender_from_name(&words);
        }
        // (last: `words` borrow from `full`)
        *self.entities[e].names.entry(full).or_default() += 1;
        // a country inside a name ("Conselho de Ministros de Timor-Leste") is named too
        if org && let Some((ns, ne)) = np.name {
            for k in ns..ne {
                if let Some(&p) = self.c.gaz.lookup(self.c.lower(k)).first()
                    && matches!(p, PlaceId::Country(_))
                {
                    self.note_country(p, i);
                }
            }
        }
        self.set(i, e, reasons, weak);
    }

    fn gender_from_name(&self, words: &[&str]) -> Option<char> {
        let last = crate::names::fold(words.last()?);
        // some surnames carry gender (Slavic ones: `rules/names.toml`)
        let ends = |list: &[String]| list.iter().any(|s| last.ends_with(s.as_str()));
        if ends(&self.names.gender_endings_feminine) {
            return Some('f');
        }
        if ends(&self.names.gender_endings_masculine) {
            return Some('m');
        }
        None
    }

    /// [`NameRules::variant`] of two lower-case first names, with their forms made once.
    fn first_name_variant(&self, a: &str, b: &str) -> Option<usize> {
        let mut forms = self.index.first_name_forms.borrow_mut();
        for w in [a, b] {
            if !forms.contains_key(w) {
                forms.insert(w.to_string(), self.names.form(w));
            }
        }
        self.names.variant_forms(&forms[a], &forms[b])
    }

    /// A person entity whose surname this name varies.
    fn variant_of(&self, words: &[&str], prepared: &PreparedSurname) -> Option<(usize, String)> {
        let last = words.last()?;
        let first: Vec<String> = words[..words.len() - 1]
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        let mut best: Option<(usize, usize)> = None;
        // Candidates: persons whose surname starts with the same folded letter and whose
        // skeleton is at most two edits away (which `variant` requires), in entity order.
        let PreparedSurname {
            form: last_form,
            skel,
            keys,
        } = prepared;
        let first_letter = skel.first().copied().unwrap_or(' ');
        let (close, _) = self
            .index
            .skeleton_deletions
            .candidates_of_skeleton_keys(&last_form.skeleton, keys);
        // The latest MAX_VARIANT_CANDIDATES persons of the close skeletons. Skeletons are tried
        // from the one with the latest person: once that many persons are kept, a skeleton
        // whose latest person is older than all of them adds none (a person has one skeleton,
        // and a skeleton's persons are in entity order), so the look-up stays bounded when a
        // long draft fills the deletion keys with similar names.
        let mut order: Vec<(usize, usize)> = close
            .iter()
            .map(|&id| {
                let persons = &self.index.skeletons[id].2;
                (persons.last().copied().unwrap_or(0), id)
            })
            .collect();
        order.sort_unstable_by(|x, y| y.cmp(x));
        // the latest persons kept so far, the oldest of them on top
        let mut latest: std::collections::BinaryHeap<std::cmp::Reverse<usize>> =
            std::collections::BinaryHeap::with_capacity(MAX_VARIANT_CANDIDATES + 1);
        let full = |h: &std::collections::BinaryHeap<std::cmp::Reverse<usize>>, p: usize| {
            h.len() == MAX_VARIANT_CANDIDATES && h.peek().is_some_and(|r| p < r.0)
        };
        for (newest, id) in order {
            if full(&latest, newest) {
                break;
            }
            let (f, s, persons) = &self.index.skeletons[id];
            if *f == first_letter && (s == skel || edits_at_most_two(skel, s)) {
                for &p in persons.iter().rev() {
                    if full(&latest, p) {
                        break;
                    }
                    latest.push(std::cmp::Reverse(p));
                    if latest.len() > MAX_VARIANT_CANDIDATES {
                        latest.pop();
                    }
                }
            }
        }
        let mut cands: Vec<usize> = latest.into_iter().map(|r| r.0).collect();
        cands.sort_unstable();
        // persons in a long draft share surnames and first names: each pair of spellings is
        // compared once per look-up
        let mut surname_ds: Vec<(&crate::names::NameForm, Option<usize>)> = Vec::new();
        let mut first_ds: Vec<(usize, &str, Option<usize>)> = Vec::new();
        for &e in &cands {
            let Some((sur, en_first)) = self.index.person_names.get(&e) else {
                continue;
            };
            // the same surname with a first name spelled another way: Abdirahman / Abdurahman
            let same_surname = last_form.lower == sur.lower;
            // another surname must be a spelling of this one (the cheap test comes first)
            let surname_d = if same_surname {
                None
            } else {
                // a form is made from its lower case and folded spellings
                let known = surname_ds
                    .iter()
                    .find(|(f, _)| f.lower == sur.lower && f.folded == sur.folded);
                let d = match known {
                    Some(&(_, d)) => d,
                    None => {
                        let d = self.names.variant_forms(last_form, sur);
                        surname_ds.push((sur, d));
                        d
                    }
                };
                match d {
                    Some(d) => Some(d),
                    None => continue,
                }
            };
            let other_first = !first.is_empty() && first != *en_first;
            // the first names pair by pair, each the same or a spelling of the other: the
            // edits they need (None when the counts differ or one pair is two names); only
            // asked for when the first names differ
            let mut first_d = || -> Option<usize> {
                if first.len() != en_first.len() {
                    return None;
                }
                let mut sum = 0;
                for (k, (a, b)) in first.iter().zip(en_first).enumerate() {
                    if a == b {
                        continue;
                    }
                    let known = first_ds.iter().find(|&&(kk, bb, _)| kk == k && bb == b);
                    let d = match known {
                        Some(&(_, _, d)) => d,
                        None => {
                            let d = self.first_name_variant(a, b);
                            first_ds.push((k, b, d));
                            d
                        }
                    };
                    sum += d?;
                }
                Some(sum)
            };
            let d = match surname_d {
                // different first names: different people
                Some(_) if other_first && !en_first.is_empty() && first_d().is_none() => continue,
                Some(d) => d,
                // the same surname: only a first name spelled another way makes a variant
                None if other_first => match first_d() {
                    Some(d) => d,
                    None => continue,
                },
                None => continue,
            };
            if best.is_none_or(|(_, bd)| d < bd) {
                best = Some((e, d));
                // no later candidate can be closer
                if d == 0 {
                    break;
                }
            }
        }
        let (e, d) = best?;
        Some((
            e,
            if d == 0
                && crate::names::fold(last)
                    == crate::names::fold(self.entities[e].surname.as_deref().unwrap_or(""))
                && first.is_empty()
            {
                format!(
                    "'{}' is a spelling variant of {} (the same letters with other accents)",
                    words.join(" "),
                    self.entities[e].label,
                )
            } else if d == 0 {
                format!(
                    "'{}' is a spelling variant of {} (the same name once romanised)",
                    words.join(" "),
                    self.entities[e].label,
                )
            } else {
                format!(
                    "'{}' is a spelling variant of {} ({} edit{} after romanisation)",
                    words.join(" "),
                    self.entities[e].label,
                    d,
                    if d == 1 { "" } else { "s" }
                )
            },
        ))
    }

    fn resolve_role(&mut self, i: usize) {
        let np = self.nps[i].clone();
        let Some(r) = np.role else { return };
        let key = self.role_key(r.role);
        let role_text = self.text(i);
        let speaks_for = self.c.lang.role(r.role).speaks_for;
        // whose role: "do ex-presidente", "his spokesman"
        let mut of = np.of.and_then(|o| self.res[o].entity);
        let mut reasons: Vec<String> = Vec::new();
        if of.is_none()
            && let Some(code) = np.possessive
            && let Some((e, why)) = self.antecedent(i, code, None)
        {
            of = Some(e);
            reasons.push(why);
        }
        if let Some(o) = of {
            if let Some(oi) = np.of {
                reasons.extend(self.res[oi].reasons.iter().cloned());
            }
            // the same role of the same entity (the first role entity with that fact)
            let existing = self.index.role_of.get(&(key.clone(), o)).copied();
            let e = match existing {
                Some(e) => e,
                None => {
                    let label = format!("{} of {}", key.replace('-', " "), self.entities[o].label);
                    let e = self.new_entity(EntityKind::Role, label, i);
                    self.entities[e].of = Some(o);
                    self.entities[e].speaks_for = speaks_for;
                    e
                }
            };
            self.add_role(e, i);
            reasons.push(format!(
                "'{}' → the {} of {}",
                role_text,
                key.replace('-', " "),
                self.entities[o].label
            ));
            self.set(i, e, reasons, false);
            return;
        }
        // the one entity holding this role: the last two holders (in entity order) with a
        // compatible nationality tell the last one and whether it is the only one
        let holders = |nat: i32| {
            self.index
                .role_holders_by
                .get(&(key.clone(), r.former, nat))
                .into_iter()
                .flat_map(|s| s.iter().rev().take(2).copied())
        };
        let mut cands: Vec<usize> = match np.nationality {
            None => holders(ANY_NATIONALITY).collect(),
            Some(n) => holders(NO_NATIONALITY)
                .chain(holders(i32::from(n)))
                .collect(),
        };
        cands.sort_unstable();
        cands.dedup();
        if let Some(&e) = cands.last() {
            let intro = self.entities[e]
                .roles
                .iter()
                .find(|f| f.role == key)
                .map(|f| f.np)
                .unwrap_or(i);
            let only = cands.len() == 1;
            let why = if only {
                format!(
                    "'{}' → {}, the only {}{} in the draft (introduced as '{}')",
                    role_text,
                    self.entities[e].label,
                    if r.former { "former " } else { "" },
                    key.replace('-', " "),
                    self.text(intro)
                )
            } else {
                format!(
                    "'{}' → {}, the last {} mentioned",
                    role_text,
                    self.entities[e].label,
                    key.replace('-', " ")
                )
            };
            self.add_role(e, i);
            self.set(i, e, vec![why], !only);
            return;
        }
        let label = format!(
            "the {}{}",
            if r.former { "former " } else { "" },
            key.replace('-', " ")
        );
        let e = self.new_entity(EntityKind::Role, label, i);
        self.add_role(e, i);
        self.set(i, e, vec![], false);
    }

    /// The entity a pronoun or possessive at phrase `i` points back to.
    fn antecedent(&self, i: usize, code: &str, speaker: Option<usize>) -> Option<(usize, String)> {
        let plural = code.contains('p');
        let gender = code.chars().next().filter(|c| matches!(c, 'm' | 'f'));
        let ok = |e: &Entity| -> bool {
            let kind_ok = if plural {
                matches!(e.kind, EntityKind::Group | EntityKind::Org)
            } else {
                matches!(e.kind, EntityKind::Person | EntityKind::Role)
            };
            kind_ok && (gender.is_none() || e.gender.is_none() || e.gender == gender)
        };
        let sent = self.nps[i].sentence;
        // the antecedent and why: "'he' → …"
        let to = |e: usize, why: String| Some((e, format!("'{}' → {why}", self.text(i))));
        let label = |e: usize| &self.entities[e].label;
        // nearest compatible in this sentence, other than the speaker (a bounded look back)
        for j in (0..i).rev().take(MAX_ANTECEDENT_PHRASES) {
            if self.nps[j].sentence != sent {
                break;
            }
            if let Some(e) = self.res[j].entity
                && Some(e) != speaker
                && ok(&self.entities[e])
            {
                return to(e, format!("{}, the nearest person before it", label(e)));
            }
        }
        if let Some(s) = speaker
            && ok(&self.entities[s])
        {
            return to(s, format!("the speaker, {}", label(s)));
        }
        // earlier sentences, up to three back: a person named outside a prepositional phrase
        // first ("Asante-Mensah, who grew up in the fishing community of Chorkor, …. He said"),
        // else the last one mentioned
        for oblique in [false, true] {
            for j in (0..i).rev().take(MAX_ANTECEDENT_PHRASES) {
                if self.nps[j].sentence + 3 < sent {
                    break;
                }
                if !oblique && (self.nps[j].after_prep || self.nps[j].complement) {
                    continue;
                }
                if let Some(e) = self.res[j].entity
                    && ok(&self.entities[e])
                {
                    return to(e, format!("{}, the last person mentioned", label(e)));
                }
            }
        }
        None
    }

    fn resolve_pronoun(&mut self, i: usize) {
        let Some(code) = self.nps[i].pronoun else {
            return;
        };
        let speaker = self.frame_of[i]
            .and_then(|f| self.frames[f].speaker)
            .and_then(|s| self.res[s].entity);
        // a spokesperson's "he" is the one they speak for
        if let Some(s) = speaker {
            let en = &self.entities[s];
            if en.speaks_for
                && !code.contains('p')
                && let Some(o) = en.of
            {
                let why = format!(
                    "'{}' → {}, for whom {} speaks",
                    self.text(i),
                    self.entities[o].label,
                    en.label
                );
                let mut reasons = vec![why];
                // how the principal was found
                if let Some(&m) = self.entities[s].mentions.first() {
                    reasons.extend(self.res[m].reasons.iter().cloned());
                }
                self.set(i, o, reasons, false);
                return;
            }
        }
        if let Some((e, why)) = self.antecedent(i, code, speaker) {
            self.set(i, e, vec![why], true);
        }
    }

    fn resolve_capital(&mut self, i: usize) {
        let np = self.nps[i].clone();
        let text = self.text(i);
        let mut reasons = Vec::new();
        let country = if let Some(n) = np.nationality {
            Some(n)
        } else if let Some(o) = np.of {
            self.res[o]
                .entity
                .and_then(|e| self.entities[e].place)
                .map(|p| self.c.gaz.country_of(p))
        } else if let Some((c, at)) = self.last_country {
            reasons.push(format!(
                "'{}' → {}, the country last named (in '{}')",
                text,
                self.c.gaz.name(PlaceId::Country(c), self.c.lang.code),
                self.text(at)
            ));
            Some(c)
        } else {
            let best = self
                .country_counts
                .iter()
                .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
                .map(|(c, _)| *c);
            if let Some(c) = best {
                reasons.push(format!(
                    "'{}' → {}, the country the draft names most",
                    text,
                    self.c.gaz.name(PlaceId::Country(c), self.c.lang.code)
                ));
            }
            best
        };
        let Some(country) = country else { return };
        let place = if np.kind == NpKind::Capital {
            let Some(cap) = self.c.gaz.capital(country) else {
                return;
            };
            reasons.push(format!(
                "the capital of {} is {}",
                self.c.gaz.name(PlaceId::Country(country), self.c.lang.code),
                self.c.gaz.describe_city(cap, self.c.lang.code)
            ));
            PlaceId::City(cap)
        } else {
            PlaceId::Country(country)
        };
        let e = match self.place_entity.get(&place) {
            Some(&e) => e,
            None => {
                let e = self.new_entity(
                    EntityKind::Place,
                    self.c.gaz.name(place, self.c.lang.code),
                    i,
                );
                self.entities[e].place = Some(place);
                self.place_entity.insert(place, e);
                e
            }
        };
        self.set(i, e, reasons, false);
    }
}

/// Owned copies of `words`.
fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

fn name_part(s: &str) -> String {
    // drop a leading determiner: "o Cazaquistão" → "Cazaquistão"
    let mut it = s.split_whitespace();
    let first = it.next().unwrap_or("");
    if first.chars().next().is_some_and(|c| c.is_lowercase()) {
        it.collect::<Vec<_>>().join(" ")
    } else {
        s.to_string()
    }
}

/// Are two character strings at most two edits (Levenshtein) apart? A cheap test before
/// [`NameRules::variant`], which allows at most two. Both are at most [`MAX_VARIANT_CHARS`]
/// long (longer ones are never indexed).
fn edits_at_most_two(a: &[char], b: &[char]) -> bool {
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    // banded dynamic programme: only cells within two of the diagonal matter
    const FAR: usize = 3;
    const CELLS: usize = MAX_VARIANT_CHARS + 1;
    let (mut prev_row, mut cur_row) = ([FAR; CELLS], [FAR; CELLS]);
    let (mut prev, mut cur) = (&mut prev_row[..=b.len()], &mut cur_row[..=b.len()]);
    for (j, p) in prev.iter_mut().enumerate() {
        *p = j.min(FAR);
    }
    for i in 1..=a.len() {
        cur[0] = i.min(FAR);
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(prev[j - 1] + cost)
                .min(FAR);
            row_min = row_min.min(cur[j]);
        }
        if row_min >= FAR {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= 2
}
