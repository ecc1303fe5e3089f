//! Propositions: what a claim's content asserts, normalised — subject (an entity, or a common
//! noun), predicate (a class from `rules/lang/*/predicates.toml`, or a generic verb stem),
//! object, place, number, office, polarity, continuity, mode and time.
//!
//! Generic verbs: a verb negated somewhere in the draft ("was never upgraded", "não chegou a
//! publicar") is compared by its stem with every other use of that stem, so "P / not P" is
//! found even for verbs the lexicon does not know. Stemming suffixes are data
//! (`[stemming]` in `rules/lang/*/language.toml`).

use rustc_hash::FxHashSet;

use crate::claims::{Claim, Mode, Proposition};
use crate::extract::Index;
use crate::gazetteer::PlaceId;
use crate::grammar::Ctx;
use crate::lexicon::{PhraseKind, SpeechKind, flag};
use crate::np::NpKind;
use crate::numbers::NumMention;
use crate::resolve::{Entity, EntityKind, Resolution};
use crate::time::Anchor;
use crate::tokens::TokKind;

/// Everything proposition extraction reads.
pub struct PropCtx<'a> {
    pub c: &'a Ctx<'a>,
    pub ix: &'a Index<'a>,
    pub res: &'a [Resolution],
    pub entities: &'a [Entity],
    pub nums: &'a [NumMention],
    pub nums_by_sentence: &'a [Vec<usize>],
    pub anchor: &'a Anchor,
    /// Stems of verbs that occur negated somewhere in the draft.
    pub negated_stems: NegatedStems,
    /// First token of each sentence.
    pub sentence_starts: Vec<usize>,
}

/// The stem of a word: the longest listed suffix removed, if at least `min` letters remain.
pub fn stem(c: &Ctx, lower: &str) -> Option<String> {
    stem_of(c, lower).map(str::to_string)
}

/// [`stem`] as a slice of the word (nothing allocated: most stems are only compared).
fn stem_of<'w>(c: &Ctx, lower: &'w str) -> Option<&'w str> {
    let lang = c.lang;
    // most words are ASCII: their letters are their bytes (no decoding to count or test them)
    let ascii = lower.is_ascii();
    let letters = |s: &str| if ascii { s.len() } else { s.chars().count() };
    let alphabetic = if ascii {
        lower.bytes().all(|b| b.is_ascii_alphabetic())
    } else {
        !lower.contains('-') && lower.chars().all(|ch| ch.is_alphabetic())
    };
    if letters(lower) < lang.stem_min || !alphabetic {
        return None;
    }
    let last = lower.as_bytes().last();
    for suf in &lang.stem_suffixes {
        // (a suffix whose last byte differs cannot end the word: no comparison made)
        if suf.as_bytes().last().is_some_and(|b| Some(b) != last) {
            continue;
        }
        if let Some(s) = lower.strip_suffix(*suf)
            && letters(s) >= lang.stem_min
        {
            return Some(s);
        }
    }
    Some(lower)
}

/// Could token `k` be a content verb (not a function word, a name or a number)?
fn verbish(c: &Ctx, k: usize) -> bool {
    if !c.is_word(k) || c.toks.toks[k].cap {
        return false;
    }
    let info = c.info(k);
    let function = flag::STOPWORD
        | flag::DETERMINER
        | flag::POSSESSIVE
        | flag::LINKER
        | flag::CONJUNCTION
        | flag::NEGATOR
        | flag::AUXILIARY
        | flag::PREPOSITION
        | flag::COMPLEMENTIZER
        | flag::RELATIVIZER
        | flag::MODAL
        | flag::CONTINUITY
        | flag::HEDGE
        | flag::UNIT
        | flag::EVENT
        | flag::ORG_HEAD;
    info.flags & function == 0
        && info.role.is_none()
        && info.number.is_none()
        && c.demonym(k).is_none()
}

/// Words that may stand between a negator and its verb: "has not been", "não chegou a".
fn negation_filler(c: &Ctx, k: usize) -> bool {
    c.is_word(k) && (c.info(k).has(flag::AUXILIARY) || c.lang.fw.negation_fillers.has(c.lower(k)))
}

/// Stems of verbs negated somewhere in a draft, and the bytes they start with: a stem is a
/// prefix of its word, so a word whose first byte opens none of them is not stemmed at all
/// (most words of a draft, with its few negated stems).
pub struct NegatedStems {
    stems: FxHashSet<String>,
    first_bytes: [bool; 256],
}

impl Default for NegatedStems {
    fn default() -> Self {
        NegatedStems {
            stems: FxHashSet::default(),
            first_bytes: [false; 256],
        }
    }
}

impl NegatedStems {
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    pub fn contains(&self, stem: &str) -> bool {
        self.stems.contains(stem)
    }

    fn insert(&mut self, stem: String) {
        match stem.as_bytes().first() {
            Some(&b) => self.first_bytes[usize::from(b)] = true,
            // (an empty stem is a prefix of every word)
            None => self.first_bytes = [true; 256],
        }
        self.stems.insert(stem);
    }

    /// Could the stem of the lower-case word `lower` be one of these?
    fn may_hold(&self, lower: &str) -> bool {
        lower
            .as_bytes()
            .first()
            .is_none_or(|&b| self.first_bytes[usize::from(b)])
    }
}

/// Stems of verbs negated anywhere in the draft.
pub fn negated_stems(c: &Ctx) -> NegatedStems {
    let mut out = NegatedStems::default();
    let n = c.toks.len();
    for k in 0..n {
        if !c.is_word(k) || !c.info(k).has(flag::NEGATOR) {
            continue;
        }
        // "not only" is not a negation
        if k + 1 < n && c.lang.fw.only.has(c.lower(k + 1)) {
            continue;
        }
        let mut j = k + 1;
        while j < n && j < k + 4 && negation_filler(c, j) {
            j += 1;
        }
        if j < n
            && verbish(c, j)
            && let Some(s) = stem(c, c.lower(j))
        {
            out.insert(s);
        }
    }
    out
}

/// The start of the clause holding token `k` within `[rs, k)`.
pub fn clause_start(c: &Ctx, rs: usize, k: usize) -> usize {
    let mut j = k;
    while j > rs {
        j -= 1;
        let t = c.text(j);
        if t == ";" || t == ":" {
            return j + 1;
        }
        // "that" after a preposition points at a noun ("on that section"): not a clause
        if c.is_word(j)
            && c.info(j).has(flag::COMPLEMENTIZER)
            && j > rs
            && !(c.is_word(j - 1) && c.info(j - 1).has(flag::PREPOSITION))
        {
            return j + 1;
        }
        if c.is_word(j) && c.info(j).has(flag::CONTRAST) {
            return j + 1;
        }
    }
    rs
}

/// The place argument of a predicate: "deixou o Cazaquistão", "estava na capital",
/// "left Kazakhstan", "was still in the capital", "saiu do país".
fn place_arg(c: &Ctx, ix: &Index, class: &str, te: usize, re: usize) -> Option<usize> {
    let mut j = te;
    let limit = (te + 5).min(re);
    while j < limit {
        if let Some(np) = ix.np_starting_at(j) {
            let n = &ix.nps[np];
            if matches!(n.kind, NpKind::Place | NpKind::Capital | NpKind::Country) {
                return Some(np);
            }
            return None;
        }
        if !c.is_word(j) {
            return None;
        }
        let info = c.info(j);
        // "partiu para Lisboa", "left for Madrid": a destination is not the place left
        if class == "leave" && c.lang.fw.destination.has(c.lower(j)) {
            return None;
        }
        let skippable = info.has(flag::LOCATIVE)
            || info.has(flag::CONTINUITY)
            || info.has(flag::PREPOSITION) && class != "be-in"
            || info.has(flag::DETERMINER)
            || c.lang.fw.departure_fillers.has(c.lower(j));
        if !skippable {
            return None;
        }
        j += 1;
    }
    None
}

/// A destination right after a departure verb: "left for Madrid", "partiu para Lisboa",
/// "partiu no domingo rumo a Pequim" (a time phrase may come first).
fn destination_arg(c: &Ctx, ix: &Index, te: usize, re: usize) -> Option<usize> {
    let limit = (te + 6).min(re);
    let mut j = te;
    while j < limit {
        if let Some(t) = ix.time_at(j) {
            j = ix.times[t].te.max(j + 1);
            continue;
        }
        if !c.is_word(j) {
            return None;
        }
        if c.lang.fw.destination.has(c.lower(j)) {
            let mut k = j + 1;
            if k < limit && c.is_word(k) && c.lang.fw.destination_articles.has(c.lower(k)) {
                k += 1;
            }
            let np = ix.np_starting_at(k)?;
            return matches!(
                ix.nps[np].kind,
                NpKind::Place | NpKind::Capital | NpKind::Country
            )
            .then_some(np);
        }
        if !c.info(j).has(flag::FRAME_ADVERB) {
            return None;
        }
        j += 1;
    }
    None
}

/// The head noun of a common-noun subject: for "The signalling system on that section had been
/// upgraded" → "system"; for "The section, whose signalling system was never upgraded" →
/// "system"; for "The boat, which never sent …" → "boat".
fn subject_noun(c: &Ctx, start: usize, k: usize) -> Option<String> {
    // walk back over auxiliaries, negators and adverbs to the clause boundary
    let mut j = k;
    while j > start
        && (negation_filler(c, j - 1)
            || c.is_word(j - 1)
                && (c.info(j - 1).has(flag::NEGATOR)
                    || c.info(j - 1).has(flag::CONTINUITY)
                    || c.info(j - 1).has(flag::HEDGE)))
    {
        j -= 1;
    }
    // a relative clause: "whose X" → X; "which"/"que" → the noun before it
    if j > start && c.is_word(j - 1) && c.info(j - 1).has(flag::RELATIVIZER) {
        let mut a = j - 1;
        while a > start && matches!(c.text(a - 1), ",") {
            a -= 1;
        }
        return (a > start && noun_like(c, a - 1)).then(|| c.lower(a - 1).to_string());
    }
    let head_of = |from: usize, to: usize| -> Option<String> {
        let mut last = None;
        for t in from..to {
            if !c.is_word(t) {
                break;
            }
            let info = c.info(t);
            if info.has(flag::DETERMINER) || info.has(flag::POSSESSIVE) {
                continue;
            }
            if info.has(flag::PREPOSITION)
                || info.has(flag::AUXILIARY)
                || info.has(flag::RELATIVIZER)
                || info.has(flag::CONJUNCTION)
            {
                break;
            }
            if noun_like(c, t) {
                last = Some(t);
            } else {
                break;
            }
        }
        last.map(|t| c.lower(t).to_string())
    };
    // "whose signalling system was"
    let mut w = j;
    while w > start {
        w -= 1;
        if c.is_word(w) && c.info(w).has(flag::POSSESSIVE_RELATIVE) {
            return head_of(w + 1, j);
        }
        if c.text(w) == "," || c.info(w).has(flag::CONJUNCTION) {
            break;
        }
    }
    head_of(start, j)
}

fn noun_like(c: &Ctx, k: usize) -> bool {
    c.is_word(k) && !c.toks.toks[k].cap && {
        let info = c.info(k);
        info.flags
            & (flag::STOPWORD
                | flag::NEGATOR
                | flag::AUXILIARY
                | flag::PREPOSITION
                | flag::CONJUNCTION
                | flag::MODAL
                | flag::COMPLEMENTIZER)
            == 0
            && info.predicates.is_empty()
            && info.speech.is_none()
    } || c.is_word(k) && c.info(k).has(flag::EVENT)
}

/// The object noun right after a verb: "signed the decree" → "decree".
fn object_noun(c: &Ctx, te: usize, re: usize) -> Option<String> {
    let mut j = te;
    while j < re && j < te + 4 {
        if !c.is_word(j) {
            return None;
        }
        let info = c.info(j);
        if info.has(flag::DETERMINER) || info.has(flag::POSSESSIVE) || info.has(flag::AUXILIARY) {
            j += 1;
            continue;
        }
        // the head is the last of a run of nouns: "the emergency decree" → "decree",
        // "o decreto de emergência" → "decreto"
        let mut head = None;
        // (not a time word: "reopened yesterday" has no object)
        while j < re
            && noun_like(c, j)
            && !c.info(j).has(flag::DAY_PART)
            && !c.info(j).is_calendar()
        {
            head = Some(j);
            j += 1;
        }
        return head.map(|h| c.lower(h).to_string());
    }
    None
}

impl PropCtx<'_> {
    /// Propositions of one content range of a claim; `skip` holds nested claims' spans.
    pub fn extract(
        &self,
        claim: &Claim,
        rs: usize,
        re: usize,
        skip: &[(usize, usize)],
        out: &mut Vec<Proposition>,
    ) {
        let c = self.c;
        let skipped = |k: usize| skip.iter().any(|&(s, e)| k >= s && k < e);
        let deny = claim.speech == Some(SpeechKind::Deny);
        let mut k = rs;
        let mut used_nums: Vec<usize> = Vec::new();
        let sentence_start = self.sentence_starts[claim.sentence];
        while k < re {
            if skipped(k) || !c.is_word(k) {
                k += 1;
                continue;
            }
            // a capitalised word inside a sentence is part of a name ("Partido Africano"), not a verb
            if c.toks.toks[k].cap
                && k > sentence_start
                && !(k == rs && k > 0 && matches!(c.kind(k - 1), TokKind::Quote))
            {
                k += 1;
                continue;
            }
            // (asked only of a word with predicates after an auxiliary: few have any)
            let after_aux = || {
                k > rs
                    && c.is_word(k - 1)
                    && (c.info(k - 1).has(flag::AUXILIARY)
                        || c.info(k - 1).has(flag::NEGATOR)
                        || c.info(k - 1).has(flag::MODAL)
                        || c.lang.fw.infinitive_markers.has(c.lower(k - 1)))
            };
            // predicate trigger: a lexicon phrase or word, or a generic negated stem
            let (n, preds, generic): (usize, Vec<u16>, Option<String>) =
                match c.phrase_at(k, re, |p| matches!(p, PhraseKind::Predicate(_))) {
                    Some((n, PhraseKind::Predicate(p))) => (n, vec![*p], None),
                    _ => {
                        let info = c.info(k);
                        let mut v = info.predicates.clone();
                        if !info.predicates_after_aux.is_empty() && after_aux() {
                            v.extend(info.predicates_after_aux.iter().copied());
                        }
                        // (a generic stem counts only if negated somewhere in the draft)
                        if v.is_empty()
                            && !self.negated_stems.is_empty()
                            && self.negated_stems.may_hold(c.lower(k))
                            && verbish(c, k)
                        {
                            match stem_of(c, c.lower(k)).filter(|s| self.negated_stems.contains(s))
                            {
                                Some(s) => (1, vec![u16::MAX], Some(s.to_string())),
                                None => (1, v, None),
                            }
                        } else {
                            (1, v, None)
                        }
                    }
                };
            if preds.is_empty() {
                k += 1;
                continue;
            }
            let te = k + n;
            let mut made = false;
            for p in preds {
                if let Some(prop) = self.one(
                    claim,
                    rs,
                    re,
                    &skipped,
                    k,
                    te,
                    p,
                    generic.clone(),
                    deny,
                    &mut used_nums,
                    out.last(),
                ) {
                    out.push(prop);
                    made = true;
                }
            }
            k = if made { te } else { k + 1 };
        }
        self.noun_counts(claim, rs, re, &skipped, &used_nums, out);
        self.generic_counts(claim, rs, re, &skipped, out);
        self.presence(claim, rs, re, &skipped, out);
    }

    #[allow(clippy::too_many_arguments)]
    fn one(
        &self,
        claim: &Claim,
        rs: usize,
        re: usize,
        skipped: &dyn Fn(usize) -> bool,
        k: usize,
        te: usize,
        p: u16,
        generic: Option<String>,
        deny: bool,
        used_nums: &mut Vec<usize>,
        prev: Option<&Proposition>,
    ) -> Option<Proposition> {
        let c = self.c;
        let ix = self.ix;
        let (class, arg, arg_required) = if p == u16::MAX {
            ("generic", None, false)
        } else {
            let pred = c.lang.predicate(p);
            (pred.class, pred.arg, pred.arg_required)
        };
        let mut prop = Proposition::new(
            class,
            p,
            (k, te),
            (
                c.toks.toks[k].start as usize,
                c.toks.toks[te - 1].end as usize,
            ),
        );
        prop.stem = generic;
        prop.continuity = c.info(k).has(flag::CONTINUITY);
        if arg == Some("place") {
            // a journey's place is its destination ("viajou para Pequim", "flew to Lima")
            let mut place_np = if class == "travel" {
                destination_arg(c, ix, te, re)
            } else {
                place_arg(c, ix, class, te, re)
            };
            // "left for Beijing", "partiu para Pequim": a departure to a destination is travel
            if class == "leave"
                && place_np.is_none()
                && let Some(np) = destination_arg(c, ix, te, re)
                && let Some(t) = c.lang.predicate_index("travel")
            {
                prop.predicate = "travel";
                prop.predicate_index = t;
                place_np = Some(np);
            }
            if let Some(np) = place_np {
                prop.place_np = Some(np);
                prop.place = ix.nps[np]
                    .place
                    .or_else(|| self.res[np].entity.and_then(|e| self.entities[e].place));
            }
            if arg_required && prop.place_np.is_none() {
                return None;
            }
        }
        if arg == Some("office") {
            let mut j = te;
            while j < re && j < te + 3 {
                if let Some(np) = ix.np_starting_at(j) {
                    if ix.nps[np].role.is_some() {
                        prop.office_np = Some(np);
                    }
                    break;
                }
                j += 1;
            }
        }
        prop.object = object_noun(c, te, re);
        // subject: the nearest phrase before the trigger that can be a subject; a verb
        // coordinated with the one before ("…, e regressou") shares its subject
        let clause_start = clause_start(c, rs, k);
        let coordinated = {
            let mut b = k;
            while b > clause_start && negation_filler(c, b - 1) {
                b -= 1;
            }
            b > clause_start && c.is_word(b - 1) && c.lang.fw.and.has(c.lower(b - 1))
        };
        match (coordinated, prev) {
            (true, Some(p)) if p.subject.is_some() => {
                prop.subject_np = p.subject_np;
                prop.subject = p.subject;
            }
            _ => {
                if let Some(np) = self.subject_before(k, clause_start, skipped) {
                    let np_final = ix.nps[np].apposition_of.unwrap_or(np);
                    prop.subject_np = Some(np);
                    prop.subject = self.res[np].entity.or(self.res[np_final].entity);
                }
            }
        }
        if prop.subject_np.is_none() {
            // no written subject: the speaker (Portuguese drops it) when nothing else precedes
            let only_aux = (clause_start..k).all(|j| {
                !c.is_word(j) || {
                    let i = c.info(j);
                    i.has(flag::AUXILIARY)
                        || i.has(flag::NEGATOR)
                        || i.has(flag::CONTINUITY)
                        || i.has(flag::HEDGE)
                        || i.has(flag::COMPLEMENTIZER)
                }
            });
            if only_aux && claim.speaker.is_some() && c.lang.null_subject {
                prop.subject = claim.speaker;
                prop.subject_is_speaker = true;
            } else {
                prop.subject_noun = subject_noun(c, clause_start, k);
            }
        }
        // a predicate about what happens to its object: the claim is about the object in the
        // active voice ("police arrested the suspect") and the subject in the passive ("the
        // suspect was not arrested")
        if p != u16::MAX && c.lang.predicate(p).patient {
            let passive = (k.saturating_sub(3).max(clause_start)..k)
                .any(|j| c.is_word(j) && c.info(j).has(flag::PASSIVE));
            if !passive {
                let mut j = te;
                let mut object_np = None;
                while j < re && j < te + 3 {
                    if let Some(np) = ix.np_starting_at(j) {
                        object_np = Some(np);
                        break;
                    }
                    // "deteve 27 torcedores": a count before the object
                    let count =
                        c.kind(j) == TokKind::Number || c.is_word(j) && c.info(j).number.is_some();
                    if !count && (!c.is_word(j) || !c.info(j).has(flag::DETERMINER)) {
                        break;
                    }
                    j += 1;
                }
                match object_np {
                    Some(np) => {
                        prop.subject_np = Some(np);
                        prop.subject = self.res[np].entity;
                        prop.subject_noun = None;
                    }
                    None if prop.object.is_some() => {
                        prop.subject_np = None;
                        prop.subject = None;
                        prop.subject_noun = prop.object.clone();
                    }
                    None => {}
                }
            }
        }
        // negation and continuity just before the trigger
        let from = k.saturating_sub(4).max(clause_start);
        for j in from..k {
            if !c.is_word(j) {
                continue;
            }
            let info = c.info(j);
            if info.has(flag::NEGATOR) && !(j + 1 < k && c.lang.fw.only.has(c.lower(j + 1))) {
                prop.polarity = false;
            }
            if info.has(flag::CONTINUITY) {
                prop.continuity = true;
            }
            if info.has(flag::MODAL) {
                prop.mode = Mode::Intention;
            }
            if let Some((m, kind)) = c.phrase_at(j, k, |p| {
                matches!(p, PhraseKind::Negator | PhraseKind::Continuity)
            }) && j + m <= k
            {
                match kind {
                    PhraseKind::Negator => prop.polarity = false,
                    _ => prop.continuity = true,
                }
            }
        }
        // "was still in", "estava ainda na"
        for j in te..(te + 2).min(re) {
            if !c.is_word(j) {
                break;
            }
            if c.info(j).has(flag::CONTINUITY) {
                prop.continuity = true;
            }
            if c.info(j).has(flag::NEGATOR) && c.lang.negation_after_verb {
                prop.polarity = false;
            }
        }
        // conditionals in the clause before the trigger
        // (a conditional word right after a noun phrase or a negator is a clitic: "os preços
        // se mantiveram", "não se sabe")
        let clitic = |j: usize| {
            j > 0
                && (ix.np_ending_at(j).is_some()
                    || c.is_word(j - 1) && c.info(j - 1).has(flag::NEGATOR))
        };
        let conditional = |j: usize| {
            c.is_word(j)
                && (c.info(j).has(flag::CONDITIONAL) && !clitic(j)
                    || c.phrase_at(j, k, |p| matches!(p, PhraseKind::Conditional))
                        .is_some())
        };
        if (clause_start..k).any(conditional) || (rs..clause_start).take(3).any(conditional) {
            prop.mode = Mode::Conditional;
        }
        match claim.speech {
            Some(SpeechKind::Demand) => prop.mode = Mode::Demand,
            Some(SpeechKind::Ask) => prop.mode = Mode::Question,
            _ => {}
        }
        if claim.question {
            prop.mode = Mode::Question;
        }
        if deny {
            prop.polarity = !prop.polarity;
        }
        // event time: the nearest time phrase in the same segment (between commas and
        // conjunctions), else the nearest in the clause (a time before "que"/"that" belongs to
        // the main clause: "os resultados, divulgados na terça-feira, mostram que o MR venceu")
        let boundary = |j: usize| {
            matches!(c.text(j), "," | ";") || c.is_word(j) && c.info(j).has(flag::CONJUNCTION)
        };
        let seg_start = (rs..k)
            .rev()
            .find(|&j| boundary(j))
            .map(|j| j + 1)
            .unwrap_or(rs);
        let seg_end = (te..re).find(|&j| boundary(j)).unwrap_or(re);
        let mut best: Option<(usize, usize)> = None;
        for t in (clause_start..re).filter_map(|j| ix.time_at(j)) {
            let tm = &ix.times[t];
            if tm.ts < clause_start || skipped(tm.ts) {
                continue;
            }
            let outside = tm.ts < seg_start || tm.ts >= seg_end;
            let dist = tm.ts.abs_diff(k) + if outside { 1000 } else { 0 };
            if best.is_none_or(|(_, d)| dist < d) {
                best = Some((t, dist));
            }
        }
        // else a time that opens the content, set off by a comma, scopes over all of it: "No
        // sábado, enquanto as delegações assinavam, Abdelrahim estava em Cartum". It also wins
        // over a time outside the verb's segment ("As of Sunday, the ministry had recorded 1,468
        // cases since the outbreak began in October": October is when the outbreak began)
        // a time after "since"/"desde" bounds a period; it is not the day of the verb's event
        let in_period =
            |t: usize| (k..ix.times[t].ts).any(|j| c.lang.contra.period_bounds.opens(c.lower(j)));
        // (the time may follow a short lead-in: "As of Sunday,", "Até domingo,")
        let fronted = (rs..(rs + 3).min(re))
            .take_while(|&j| j == rs || c.is_word(j))
            .find_map(|j| ix.time_at(j).filter(|&t| ix.times[t].ts == j));
        if best.is_none_or(|(t, d)| d >= 1000 || in_period(t))
            && let Some(t) = fronted
            && ix.times[t].te < re
            && c.text(ix.times[t].te) == ","
            && !skipped(rs)
        {
            best = Some((t, 0));
        }
        if let Some((t, _)) = best {
            prop.time = Some(t);
            prop.day = self.anchor.resolve(&ix.times[t].expr, claim.statement_day);
        }
        // number argument: the nearest count in the clause with a counted noun
        let mut best_n: Option<(usize, usize)> = None;
        for &ni in &self.nums_by_sentence[claim.sentence] {
            let nm = &self.nums[ni];
            if nm.ts < rs
                || nm.te > re
                || nm.year_like
                || nm.percent
                || skipped(nm.ts)
                || used_nums.contains(&ni)
            {
                continue;
            }
            if nm.noun.is_none() && nm.noun_predicate.is_none() {
                continue;
            }
            // "o acidente deixou 23 mortos": the noun says what is counted, not the verb
            if nm
                .noun_predicate
                .is_some_and(|q| c.lang.predicate(q).class != class)
            {
                continue;
            }
            // a number after a conjunction or comma belongs to the next clause ("1,240 homes
            // had been destroyed and more than 5,000 damaged")
            let dist = if nm.te <= k {
                k - nm.te
            } else if (te..nm.ts)
                .any(|j| c.text(j) == "," || c.is_word(j) && c.info(j).has(flag::CONJUNCTION))
            {
                nm.ts.saturating_sub(te) + 10
            } else {
                nm.ts.saturating_sub(te)
            };
            if dist <= 6 && best_n.is_none_or(|(_, d)| dist < d) {
                best_n = Some((ni, dist));
            }
        }
        if let Some((ni, _)) = best_n {
            prop.number = Some(ni);
            used_nums.push(ni);
            let before = self.nums[ni].ts;
            // an update phrase between the trigger and the number, or just before the number
            let (lo, hi) = (
                k.min(before.saturating_sub(4)).max(clause_start),
                te.max(before),
            );
            prop.update = (lo..hi).any(|j| {
                c.phrase_at(j, hi, |p| matches!(p, PhraseKind::Update))
                    .is_some()
            });
            prop.partition = (rs..before).rev().take(4).any(|j| {
                c.phrase_at(j, before, |p| matches!(p, PhraseKind::Partition))
                    .is_some()
            });
        }
        Some(prop)
    }

    /// The nearest phrase before token `k` in its clause that can be a subject.
    fn subject_before(
        &self,
        k: usize,
        clause_start: usize,
        skipped: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let c = self.c;
        let ix = self.ix;
        let mut j = k;
        while j > clause_start {
            j -= 1;
            if skipped(j) {
                continue;
            }
            // "The section, whose signalling system was never upgraded": the subject follows
            // "whose", it is not the noun before it
            if c.is_word(j) && c.info(j).has(flag::POSSESSIVE_RELATIVE) {
                return None;
            }
            if let Some(np) = ix.np_ending_at(j + 1) {
                let n = &ix.nps[np];
                if n.ts < clause_start {
                    return None;
                }
                let is_place = matches!(n.kind, NpKind::Capital | NpKind::Country)
                    || self.res[np]
                        .entity
                        .is_some_and(|e| self.entities[e].kind == EntityKind::Place);
                let subj_ok = !n.after_prep
                    && !n.after_copula
                    && !is_place
                    && (n.ts == clause_start
                        || n.ts == 0
                        || !c.is_word(n.ts - 1)
                        || !c.info(n.ts - 1).has(flag::LINKER));
                if subj_ok {
                    return Some(np);
                }
            }
        }
        None
    }

    /// Counts whose verb the lexicon does not know: "12,400 people had been moved to
    /// shelters", "the ministry recorded 1,468 cases". The verb's stem is the predicate.
    fn generic_counts(
        &self,
        claim: &Claim,
        rs: usize,
        re: usize,
        skipped: &dyn Fn(usize) -> bool,
        out: &mut Vec<Proposition>,
    ) {
        let c = self.c;
        for &ni in &self.nums_by_sentence[claim.sentence] {
            let nm = &self.nums[ni];
            if nm.ts < rs
                || nm.te > re
                || skipped(nm.ts)
                || nm.year_like
                || nm.percent
                || nm.ordinal
            {
                continue;
            }
            if out.iter().any(|p| p.number == Some(ni)) {
                continue;
            }
            let Some(noun) = nm.noun else { continue };
            // the verb after the noun ("were waiting", "had been moved") or before the number
            let mut j = noun + 1;
            while j < re
                && (negation_filler(c, j) || c.is_word(j) && c.info(j).has(flag::FRAME_ADVERB))
            {
                j += 1;
            }
            let verb = if j < re && verbish(c, j) {
                Some(j)
            } else {
                let mut b = nm.ts;
                while b > rs && c.is_word(b - 1) && c.info(b - 1).has(flag::DETERMINER) {
                    b -= 1;
                }
                (b > rs && verbish(c, b - 1)).then(|| b - 1)
            };
            let Some(v) = verb else { continue };
            let Some(st) = stem(c, c.lower(v)) else {
                continue;
            };
            let mut prop = Proposition::new(
                "generic",
                u16::MAX,
                (v, v + 1),
                (c.toks.toks[v].start as usize, c.toks.toks[v].end as usize),
            );
            prop.stem = Some(st);
            prop.number = Some(ni);
            prop.subject_noun = Some(c.lower(noun).to_string());
            prop.mode = if claim.question {
                Mode::Question
            } else {
                Mode::Assertion
            };
            let time = (rs..re).find_map(|j| self.ix.time_at(j));
            prop.time = time;
            prop.day = time.and_then(|t| {
                self.anchor
                    .resolve(&self.ix.times[t].expr, claim.statement_day)
            });
            prop.partition = (rs..nm.ts).rev().take(4).any(|j| {
                c.phrase_at(j, nm.ts, |p| matches!(p, PhraseKind::Partition))
                    .is_some()
            });
            out.push(prop);
        }
    }

    /// Counts with a predicate noun and no verb: "164 mortos", "the 12 dead".
    fn noun_counts(
        &self,
        claim: &Claim,
        rs: usize,
        re: usize,
        skipped: &dyn Fn(usize) -> bool,
        used: &[usize],
        out: &mut Vec<Proposition>,
    ) {
        let c = self.c;
        for &ni in &self.nums_by_sentence[claim.sentence] {
            let nm = &self.nums[ni];
            if used.contains(&ni) || nm.ts < rs || nm.te > re || skipped(nm.ts) {
                continue;
            }
            let Some(p) = nm.noun_predicate else { continue };
            let pred = c.lang.predicate(p);
            let noun = nm.noun.unwrap_or(nm.te - 1);
            let partition = (rs..nm.ts).rev().take(4).any(|j| {
                c.phrase_at(j, nm.ts, |p| matches!(p, PhraseKind::Partition))
                    .is_some()
            });
            let update = (rs..nm.ts).rev().take(4).any(|j| {
                c.phrase_at(j, nm.ts, |p| matches!(p, PhraseKind::Update))
                    .is_some()
            });
            let time = (rs..re).find_map(|j| self.ix.time_at(j));
            let mut prop = Proposition::new(
                pred.class,
                p,
                (noun, noun + 1),
                (
                    c.toks.toks[noun].start as usize,
                    c.toks.toks[noun].end as usize,
                ),
            );
            prop.mode = if claim.question {
                Mode::Question
            } else {
                Mode::Assertion
            };
            prop.number = Some(ni);
            prop.time = time;
            prop.day = time.and_then(|t| {
                self.anchor
                    .resolve(&self.ix.times[t].expr, claim.statement_day)
            });
            prop.update = update;
            prop.partition = partition;
            out.push(prop);
        }
    }

    /// Presence: a person doing something "in/em PLACE" was there at that time
    /// ("told reporters in Lima on Tuesday", "reuniu-se em Moscovo", "Ainda em Adis Abeba, …
    /// disse"). These are `be-in` propositions marked `inferred`.
    fn presence(
        &self,
        claim: &Claim,
        rs: usize,
        re: usize,
        skipped: &dyn Fn(usize) -> bool,
        out: &mut Vec<Proposition>,
    ) {
        let c = self.c;
        let ix = self.ix;
        let be_in = c.lang.predicate_index("be-in").unwrap_or(u16::MAX);
        // the frame outside the content (where the speaker speaks), and the content itself
        let (fs, fe) = claim.span_toks;
        // where the speaker speaks: from the sentence start ("Speaking in Lima on Tuesday,
        // Quispe said …"), and after the content
        let before = if claim.speaker.is_some() {
            // a bounded look back: in a run-on sentence of many frames, each would read from
            // the sentence start (quadratic)
            self.sentence_starts[claim.sentence]
                .min(fs)
                .min(rs)
                .max(rs.saturating_sub(crate::extract::MAX_CONTENT_TOKENS))
        } else {
            rs
        };
        let ranges = [(before, rs), (re, fe.max(re)), (rs, re)];
        for (ri, &(a, b)) in ranges.iter().enumerate() {
            let speaker_range = ri < 2;
            for k in a..b {
                if skipped(k) || !c.is_word(k) || !c.info(k).has(flag::LOCATIVE) {
                    continue;
                }
                let Some(np) = ix.np_starting_at(k + 1).or_else(|| {
                    ix.np_starting_at(k + 2)
                        .filter(|_| c.is_word(k + 1) && c.info(k + 1).has(flag::DETERMINER))
                }) else {
                    continue;
                };
                let n = &ix.nps[np];
                let place = n
                    .place
                    .or_else(|| self.res[np].entity.and_then(|e| self.entities[e].place));
                let Some(place) = place else { continue };
                if !matches!(n.kind, NpKind::Place)
                    || matches!(place, PlaceId::Country(_)) && !speaker_range
                {
                    continue;
                }
                // who is there: the speaker (frame part), or the subject of the clause
                let (subject, subject_np) = if speaker_range {
                    (claim.speaker, claim.speaker_np)
                } else {
                    let cs = clause_start(c, rs, k);
                    // motion or an already-made proposition in the clause: not presence
                    let motion = (cs..k).any(|j| {
                        c.is_word(j)
                            && (c.info(j).predicates.iter().any(|&p| {
                                matches!(c.lang.predicate(p).class, "leave" | "return" | "send")
                            }) || c.lang.fw.motion.has(c.lower(j)))
                    });
                    if motion {
                        continue;
                    }
                    let subj = out
                        .iter()
                        .rev()
                        .find(|p| p.trigger.0 >= cs && p.trigger.0 < k)
                        .and_then(|p| p.subject_np.map(|s| (p.subject, Some(s))))
                        .or_else(|| {
                            self.subject_before(k, cs, skipped)
                                .map(|np| (self.res[np].entity, Some(np)))
                        });
                    match subj {
                        Some((s, np)) => (s, np),
                        None => continue,
                    }
                };
                let Some(s) = subject else { continue };
                if !matches!(self.entities[s].kind, EntityKind::Person | EntityKind::Role) {
                    continue;
                }
                // already stated: "estava em Bamako"
                if out.iter().any(|p| {
                    p.predicate == "be-in" && p.subject == Some(s) && p.place == Some(place)
                }) {
                    continue;
                }
                let mut prop = Proposition::new(
                    "be-in",
                    be_in,
                    (k, n.te),
                    (c.toks.toks[k].start as usize, n.end),
                );
                prop.inferred = true;
                // "Ainda em Brasília, Meireles disse", "still in Lima, he told reporters"
                prop.continuity = k > 0 && c.is_word(k - 1) && c.info(k - 1).has(flag::CONTINUITY);
                prop.subject = Some(s);
                prop.subject_np = subject_np;
                prop.place_np = Some(np);
                prop.place = Some(place);
                // time: a time phrase in the same sentence part
                let t = (a..b).find_map(|j| ix.time_at(j)).or(claim.statement_time);
                prop.time = t;
                prop.day = t
                    .and_then(|t| self.anchor.resolve(&ix.times[t].expr, claim.statement_day))
                    .or(claim.statement_day);
                prop.mode = if claim.question {
                    Mode::Question
                } else {
                    Mode::Assertion
                };
                out.push(prop);
            }
        }
    }
}
