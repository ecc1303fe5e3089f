//! Noun phrases (nom over tokens): names, organisations, places, roles with their
//! complements ("um porta-voz do ex-presidente"), pronouns and unnamed groups.
//!
//! The chunker runs left to right over every sentence and keeps each phrase's token range.
//! Entity resolution works on these phrases.

use nom::Parser;
use nom::branch::alt;
use nom::combinator::opt;

use crate::gazetteer::PlaceId;
use crate::grammar::{Ctx, PResult, TokIn, fail, flagged, phrase, punct, tok};
use crate::lexicon::{PhraseKind, RoleRef, flag};
use crate::segment::Sentence;
use crate::tokens::TokKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NpKind {
    /// A proper name of a person (or of something not known to be an organisation).
    Name,
    Org,
    Place,
    /// "a capital", "the Kazakh capital".
    Capital,
    /// "o país", "the country": the country in question.
    Country,
    /// A role without a name: "o ex-presidente", "a spokesman for X".
    Role,
    Pronoun,
    /// An unnamed group or source: "fontes", "officials", "os manifestantes".
    Group,
    /// An event named by a noun: "os protestos", "the vote".
    Event,
    /// An institution named by a common noun: "o gabinete", "the interior ministry".
    Institution,
    /// Any other noun after a determiner: "o relatório", "the dam".
    Common,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RoleMod {
    pub role: u16,
    pub former: bool,
    pub acting: bool,
    pub gender: Option<char>,
    pub ts: usize,
    pub te: usize,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Np {
    pub ts: usize,
    pub te: usize,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub kind: NpKind,
    /// Token range of the proper name, if any.
    pub name: Option<(usize, usize)>,
    pub role: Option<RoleMod>,
    /// Country given by an adjective or possessor ("presidente russo", "Kazakhstan's").
    pub nationality: Option<u16>,
    /// Index of the complement phrase ("do ex-presidente", "of the KNB").
    pub of: Option<usize>,
    pub place: Option<PlaceId>,
    /// Gender/number code of a pronoun or possessive determiner.
    pub pronoun: Option<&'static str>,
    pub possessive: Option<&'static str>,
    /// Token of an acronym defined in brackets right after the name: "(ODKB)".
    pub acronym_def: Option<usize>,
    /// The phrase is an acronym.
    pub acronym: bool,
    pub definite: bool,
    pub indefinite: bool,
    /// Preceded by a preposition: not a clause subject.
    pub after_prep: bool,
    /// Preceded by a copula: a predicate nominal, not a subject.
    pub after_copula: bool,
    /// Set when this phrase is in apposition to another (same entity).
    pub apposition_of: Option<usize>,
    /// Is a complement of another phrase.
    pub complement: bool,
}

impl Np {
    fn new(ctx: &Ctx, ts: usize, te: usize, sentence: usize, kind: NpKind) -> Self {
        Np {
            ts,
            te,
            start: ctx.toks.toks[ts].start as usize,
            end: ctx.toks.toks[te - 1].end as usize,
            sentence,
            kind,
            name: None,
            role: None,
            nationality: None,
            of: None,
            place: None,
            pronoun: None,
            possessive: None,
            acronym_def: None,
            acronym: false,
            definite: false,
            indefinite: false,
            after_prep: false,
            after_copula: false,
            apposition_of: None,
            complement: false,
        }
    }
}

/// Parsed pieces, before they become [`Np`]s.
#[derive(Default, Clone, Debug)]
struct Parts {
    det: Option<usize>,
    possessive: Option<&'static str>,
    possessor: Option<Box<Parts>>,
    former: bool,
    acting: bool,
    nationality: Option<u16>,
    head: Head,
    head_range: (usize, usize),
    name: Option<(usize, usize)>,
    place: Option<PlaceId>,
    org: bool,
    acronym_def: Option<usize>,
    complement: Option<Box<Parts>>,
    end: usize,
}

#[derive(Default, Clone, Copy, Debug, PartialEq)]
enum Head {
    #[default]
    None,
    Role(RoleRef),
    Name,
    Place,
    Acronym,
    Capital,
    Country,
    Group,
    Event,
    Institution,
    Common,
    Pronoun(&'static str),
}

// ---------------------------------------------------------------------------------------------
// Primitive pieces.

fn determiner<'a>(i: TokIn<'a>) -> PResult<'a, usize> {
    // "that" opens a clause more often than it points at a noun: never a determiner here
    tok(|c, k| {
        c.is_word(k)
            && (c.info(k).has(flag::DETERMINER) || c.info(k).has(flag::POSSESSIVE))
            && !c.info(k).has(flag::COMPLEMENTIZER)
    })(i)
}

fn former_word<'a>(i: TokIn<'a>) -> PResult<'a, usize> {
    flagged(flag::FORMER)(i)
}

fn acting_word<'a>(i: TokIn<'a>) -> PResult<'a, usize> {
    if let Ok((r, (s, _, _))) = phrase(|k| matches!(k, PhraseKind::Acting))(i) {
        return Ok((r, s));
    }
    flagged(flag::ACTING)(i)
}

fn nationality<'a>(i: TokIn<'a>) -> PResult<'a, u16> {
    match i.peek() {
        Some(p) if i.ctx.is_word(p) => match i.ctx.demonym(p) {
            Some(c) => Ok((i.at(p + 1), c)),
            None => fail(i),
        },
        _ => fail(i),
    }
}

/// A role noun, with an "ex-" prefix or as a lexicon phrase ("prime minister").
fn role_word<'a>(i: TokIn<'a>) -> PResult<'a, (RoleRef, bool, usize, usize)> {
    let Some(p) = i.peek() else { return fail(i) };
    if !i.ctx.is_word(p) {
        return fail(i);
    }
    if let Some((n, PhraseKind::Role(r))) = i
        .ctx
        .phrase_at(p, i.end, |k| matches!(k, PhraseKind::Role(_)))
    {
        return Ok((i.at(p + n), (*r, false, p, p + n)));
    }
    if let Some(r) = i.ctx.info(p).role {
        return Ok((i.at(p + 1), (r, false, p, p + 1)));
    }
    // (a role after a former prefix is found once per form, by the context)
    if let Some(r) = i.ctx.former_role(p) {
        return Ok((i.at(p + 1), (r, true, p, p + 1)));
    }
    fail(i)
}

fn is_name_word(c: &Ctx, k: usize) -> bool {
    if !c.is_cap(k) || c.kind(k) == TokKind::Dotted {
        return false;
    }
    let info = c.info(k);
    !info.is_calendar() && !info.has(flag::NEVER_NAME)
}

/// Is token `k` at the start of its sentence (only quotes, dashes or brackets before it)?
fn sentence_initial(c: &Ctx, k: usize, first: usize) -> bool {
    (first..k).all(|j| matches!(c.kind(j), TokKind::Quote | TokKind::Dash | TokKind::Punct))
}

/// A capitalised word that could start a name. Sentence-initial words must not be ordinary words.
fn name_start_ok(c: &Ctx, k: usize, first: usize) -> bool {
    if !is_name_word(c, k) {
        return false;
    }
    let info = c.info(k);
    if info.role.is_some() || info.speech.is_some() || info.has(flag::COMMON) {
        return info.has(flag::ORG_HEAD);
    }
    if sentence_initial(c, k, first) {
        if info.has(flag::KNOWN) && !info.has(flag::ORG_HEAD) {
            return false;
        }
        if c.in_lower_vocab(k) && !info.has(flag::ORG_HEAD) {
            return false;
        }
    }
    true
}

/// A proper-name sequence: capitalised words joined by particles ("Conselho de Segurança Nacional").
fn name_seq<'a>(i: TokIn<'a>, first: usize) -> PResult<'a, (usize, usize)> {
    let Some(p) = i.peek() else { return fail(i) };
    if !name_start_ok(i.ctx, p, first) {
        return fail(i);
    }
    let c = i.ctx;
    // a shouted word ("PÚBLICO", a masthead) does not run into a name beside it
    let shouted = |k: usize| c.toks.toks[k].upper && c.text(k).chars().count() >= 4;
    let mut e = p + 1;
    loop {
        if e < i.end
            && is_name_word(c, e)
            && c.info(e).role.is_none()
            && shouted(e) == shouted(e - 1)
            && (c.demonym(e).is_none()
                // "Associação Portuguesa de Surdos": a demonym inside an organisation's name
                || is_org_name(c, p, e)
                    && e + 2 < i.end
                    && c.is_word(e + 1)
                    && c.info(e + 1).has(flag::PARTICLE)
                    && is_name_word(c, e + 2))
        {
            e += 1;
            continue;
        }
        if e + 1 < i.end
            && i.ctx.is_word(e)
            && !i.ctx.toks.toks[e].cap
            && i.ctx.info(e).has(flag::PARTICLE)
            && is_name_word(i.ctx, e + 1)
        {
            e += 2;
            continue;
        }
        // "Comissão Eleitoral Independente e de Fronteiras": a conjunction inside an
        // organisation's name, followed by particles and a capitalised word
        if e + 1 < i.end
            && is_org_name(i.ctx, p, e)
            && i.ctx.is_word(e)
            && i.ctx.lang.fw.name_conjunctions.has(i.ctx.lower(e))
        {
            let mut j = e + 1;
            while j < i.end
                && i.ctx.is_word(j)
                && !i.ctx.toks.toks[j].cap
                && i.ctx.info(j).has(flag::PARTICLE)
            {
                j += 1;
            }
            if j < i.end && is_name_word(i.ctx, j) && j <= e + 3 {
                e = j + 1;
                continue;
            }
        }
        break;
    }
    // a lone all-capitals word is an acronym, not a name
    if e == p + 1 && i.ctx.is_acronym(p) {
        return fail(i);
    }
    Ok((i.at(e), (p, e)))
}

fn acronym<'a>(i: TokIn<'a>) -> PResult<'a, usize> {
    tok(|c, k| c.is_acronym(k))(i)
}

/// "(ODKB)" right after a name.
fn acronym_def<'a>(i: TokIn<'a>) -> PResult<'a, usize> {
    let (i, _) = punct("(")(i)?;
    let (i, a) = acronym(i)?;
    // "(IEBC, na sigla em inglês)", "(ODKB, in Russian)"
    if let Ok((r, _)) = punct(")")(i) {
        return Ok((r, a));
    }
    let (mut j, _) = alt((punct(","), punct(";"))).parse_complete(i)?;
    for _ in 0..8 {
        if let Ok((r, _)) = punct(")")(j) {
            return Ok((r, a));
        }
        match j.peek() {
            Some(p) if j.ctx.is_word(p) => j = j.at(p + 1),
            _ => break,
        }
    }
    fail(i)
}

fn group_word<'a>(i: TokIn<'a>) -> PResult<'a, (usize, usize)> {
    let Some(p) = i.peek() else { return fail(i) };
    if let Some((n, _)) = i
        .ctx
        .phrase_at(p, i.end, |k| matches!(k, PhraseKind::AnonSource))
    {
        return Ok((i.at(p + n), (p, p + n)));
    }
    if i.ctx.is_word(p) && i.ctx.info(p).has(flag::ANON_SOURCE) {
        return Ok((i.at(p + 1), (p, p + 1)));
    }
    fail(i)
}

fn lookup_place(c: &Ctx, s: usize, e: usize) -> Option<PlaceId> {
    // (a one-word name, the most common, is its own key: nothing to join)
    let joined;
    let key = if e == s + 1 {
        c.lower(s)
    } else {
        let mut k = String::new();
        for t in s..e {
            if t > s {
                k.push(' ');
            }
            k.push_str(c.lower(t));
        }
        joined = k;
        joined.as_str()
    };
    let place = c.gaz.lookup(key).first().copied()?;
    // a city named like an ordinary word counts only after a preposition: "em Natal"
    if e == s + 1 && c.gaz.is_ambiguous(key) {
        let after_prep = s > 0
            && c.is_word(s - 1)
            && (c.info(s - 1).has(flag::PREPOSITION) || c.info(s - 1).has(flag::LOCATIVE));
        if !after_prep {
            return None;
        }
    }
    Some(place)
}

fn is_org_name(c: &Ctx, s: usize, e: usize) -> bool {
    (s..e).any(|k| c.info(k).has(flag::ORG_HEAD))
}

// ---------------------------------------------------------------------------------------------
// Phrases.

/// The head of a phrase, with the name that may follow a role.
fn head<'a>(i: TokIn<'a>, first: usize, parts: &mut Parts) -> PResult<'a, ()> {
    let c = i.ctx;
    if let Ok((r, (role, former, s, e))) = role_word(i) {
        parts.head = Head::Role(role);
        parts.head_range = (s, e);
        parts.former |= former;
        return Ok((r, ()));
    }
    // "central bank governor", "union general secretary": English compounds naming the body
    // of a role, one or two unknown or body words before it (lower case, but for the first
    // word of a sentence)
    if c.lang.head_final {
        for skip in 1..=2usize {
            let k = i.pos + skip;
            if k >= i.end
                || !(i.pos..k).all(|j| {
                    c.is_word(j)
                        && (!c.toks.toks[j].cap || sentence_initial(c, j, first))
                        && (!c.knows(j) || c.info(j).has(flag::ORG_HEAD))
                })
            {
                break;
            }
            if let Ok((r, (role, former, _, e))) = role_word(i.at(k)) {
                parts.head = Head::Role(role);
                parts.head_range = (i.pos, e);
                parts.former |= former;
                return Ok((r, ()));
            }
        }
    }
    // a nationality standing for a person: "disse o alemão", "the German said"
    if parts.det.is_some()
        && let Ok((r, n)) = nationality(i)
        && !r.peek().is_some_and(|k| {
            c.is_word(k) && (c.info(k).role.is_some() || is_name_word(c, k) || common_word(c, k))
        })
        && let Some(person) = c.lang.roles.iter().position(|x| x.key == "person")
    {
        parts.head = Head::Role(RoleRef {
            role: person as u16,
            gender: None,
        });
        parts.head_range = (i.pos, r.pos);
        parts.nationality = Some(n);
        return Ok((r, ()));
    }
    if let Ok((r, k)) = flagged(flag::CAPITAL)(i)
        && (!c.toks.toks[k].cap || parts.det.is_some())
    {
        parts.head = Head::Capital;
        parts.head_range = (k, k + 1);
        return Ok((r, ()));
    }
    if let Ok((r, k)) = flagged(flag::COUNTRY_WORD)(i)
        && (!c.toks.toks[k].cap || parts.det.is_some())
    {
        parts.head = Head::Country;
        parts.head_range = (k, k + 1);
        return Ok((r, ()));
    }
    // (not right after a copula without a determiner: "a vida era cheia de …" is "full")
    if let Ok((r, k)) = flagged(flag::EVENT)(i)
        && !(parts.det.is_none() && k > 0 && c.is_word(k - 1) && c.info(k - 1).has(flag::COPULA))
    {
        parts.head = Head::Event;
        parts.head_range = (k, k + 1);
        return Ok((r, ()));
    }
    if let Ok((r, (s, e))) = group_word(i) {
        parts.head = Head::Group;
        parts.head_range = (s, e);
        return Ok((r, ()));
    }
    // "union officials", "health officials": one or two unknown lower-case nouns before a
    // group word (English compounds; a determiner may be missing)
    for skip in 1..=2usize {
        let k = i.pos + skip;
        if k >= i.end
            || !(i.pos..k).all(|j| {
                c.is_word(j)
                    && !c.toks.toks[j].cap
                    && (!c.knows(j) || c.info(j).has(flag::ORG_HEAD))
            })
        {
            break;
        }
        if let Ok((r, (_, e))) = group_word(i.at(k)) {
            parts.head = Head::Group;
            parts.head_range = (i.pos, e);
            return Ok((r, ()));
        }
    }
    // an institution named by a common noun: "o gabinete", "the interior ministry", "her office"
    // (a definite one: "a video conference" is not a body)
    if parts.det.is_some_and(|d| !c.info(d).has(flag::INDEFINITE)) {
        for skip in 0..=2usize {
            let k = i.pos + skip;
            if k >= i.end || !c.is_word(k) || c.toks.toks[k].cap {
                break;
            }
            if c.info(k).has(flag::ORG_HEAD) {
                // "the defence ministry": a compound of body words
                let mut h = k + 1;
                while h < i.end
                    && h < k + 3
                    && c.is_word(h)
                    && !c.toks.toks[h].cap
                    && c.info(h).has(flag::ORG_HEAD)
                {
                    h += 1;
                }
                // "the hospital director", "the ministry spokesman": a role after it is the head
                if let Ok((r, (role, former, s, e))) = role_word(i.at(h)) {
                    parts.head = Head::Role(role);
                    parts.head_range = (s, e);
                    parts.former |= former;
                    return Ok((r, ()));
                }
                parts.head = Head::Institution;
                parts.head_range = (i.pos, h);
                return Ok((i.at(h), ()));
            }
            // only unknown words (adjectives such as "interior", "foreign") or known content
            // words ("state" in "the state news agency") may come first
            let info = c.info(k);
            if c.knows(k)
                && (info.flags
                    & (flag::STOPWORD
                        | flag::PREPOSITION
                        | flag::CONJUNCTION
                        | flag::DETERMINER
                        | flag::AUXILIARY
                        | flag::COPULA
                        | flag::COMPLEMENTIZER
                        | flag::RELATIVIZER)
                    != 0
                    || info.speech.is_some()
                    || info.role.is_some()
                    || !info.predicates.is_empty())
            {
                break;
            }
        }
    }
    if let Ok((r, (s, e))) = name_seq(i, first) {
        parts.head_range = (s, e);
        parts.name = Some((s, e));
        if let Some(p) = lookup_place(c, s, e) {
            parts.head = Head::Place;
            parts.place = Some(p);
        } else {
            parts.head = Head::Name;
            parts.org = is_org_name(c, s, e);
        }
        return Ok((r, ()));
    }
    if let Ok((r, k)) = acronym(i) {
        parts.head = Head::Acronym;
        parts.head_range = (k, k + 1);
        parts.name = Some((k, k + 1));
        parts.org = true;
        return Ok((r, ()));
    }
    // a common noun after a determiner: "o relatório", "the report", "os criadores"; at most
    // two content words ("the signalling system", "o relatório final")
    if parts.det.is_some() && depth_ok(parts) {
        let mut k = i.pos;
        while k < i.end && k < i.pos + 2 && common_word(c, k) {
            k += 1;
        }
        if k > i.pos {
            parts.head = Head::Common;
            parts.head_range = (i.pos, k);
            return Ok((i.at(k), ()));
        }
    }
    fail(i)
}

fn depth_ok(parts: &Parts) -> bool {
    parts.possessor.is_none()
}

/// A lower-case content word that can be (part of) a common noun phrase.
fn common_word(c: &Ctx, k: usize) -> bool {
    if !c.is_word(k) || c.toks.toks[k].cap || c.kind(k) != TokKind::Word {
        return false;
    }
    let info = c.info(k);
    let function = flag::STOPWORD
        | flag::DETERMINER
        | flag::POSSESSIVE
        | flag::PREPOSITION
        | flag::CONJUNCTION
        | flag::NEGATOR
        | flag::AUXILIARY
        | flag::MODAL
        | flag::COMPLEMENTIZER
        | flag::RELATIVIZER
        | flag::COPULA
        | flag::CONTINUITY
        | flag::HEDGE
        | flag::CONDITIONAL
        | flag::LOCATIVE
        | flag::TIME_PREP;
    info.flags & function == 0
        && info.speech.is_none()
        && info.predicates.is_empty()
        && !info.is_calendar()
        && info.number.is_none()
        && info.scale.is_none()
        && c.demonym(k).is_none()
        && !c
            .lang
            .adverb_suffixes
            .iter()
            .any(|s| c.lower(k).ends_with(s))
}

/// A complement after a linker: "do ex-presidente", "of the Interior", "for the ex-president".
fn complement<'a>(i: TokIn<'a>, first: usize, depth: u8) -> PResult<'a, Parts> {
    let (i, l) = flagged(flag::LINKER)(i)?;
    let (i, p) = match np_parts(i, first, depth + 1) {
        Ok(ok) => ok,
        // "do policiamento": the linker carries the article, so a common noun may follow
        Err(_) if i.ctx.info(l).has(flag::DEFINITE) => {
            let mut parts = Parts {
                det: Some(l),
                ..Default::default()
            };
            let (r, ()) = head(i, first, &mut parts)?;
            // "do policiamento", "da empresa", "do clube", "da federação"
            if !matches!(parts.head, Head::Common | Head::Institution) {
                return fail(i);
            }
            // the phrase itself starts after the linker
            parts.det = None;
            parts.end = r.pos;
            (r, parts)
        }
        Err(e) => return Err(e),
    };
    if p.head == Head::Group {
        return fail(i);
    }
    Ok((i, p))
}

/// A full noun phrase.
fn np_parts<'a>(i0: TokIn<'a>, first: usize, depth: u8) -> PResult<'a, Parts> {
    let c = i0.ctx;
    let mut parts = Parts::default();
    // A pronoun stands alone, unless it is a possessive before a noun ("her spokesman").
    if let Some(p) = i0.peek()
        && c.is_word(p)
        && let Some(code) = c.info(p).pronoun
    {
        // (the head after it is parsed only for a possessive: the answer matters only then)
        let possessive_before_head = c.info(p).possessive_of.is_some() && {
            let mut tmp = Parts {
                det: Some(p),
                ..Default::default()
            };
            head(i0.at(p + 1), first, &mut tmp).is_ok()
        };
        if !possessive_before_head {
            parts.head = Head::Pronoun(code);
            parts.head_range = (p, p + 1);
            parts.end = p + 1;
            return Ok((i0.at(p + 1), parts));
        }
    }
    let (mut i, det) = opt(determiner).parse_complete(i0)?;
    if let Some(d) = det {
        parts.det = Some(d);
        parts.possessive = c.info(d).possessive_of;
        // "o seu gabinete", "a sua família": an article before a possessive
        if !c.info(d).has(flag::POSSESSIVE)
            && let Some(p) = i.peek()
            && c.is_word(p)
            && c.info(p).has(flag::POSSESSIVE)
            && c.info(p).pronoun.is_none()
        {
            parts.possessive = c.info(p).possessive_of;
            i = i.at(p + 1);
        }
    }
    // "Kazakhstan's", "Nazarbayev's"
    let i = if depth == 0 {
        match possessor(i, first) {
            Ok((r, p)) => {
                if let (Head::Place, Some(pl)) = (p.head, p.place) {
                    parts.nationality = Some(c.gaz.country_of(pl));
                } else {
                    parts.possessor = Some(Box::new(p));
                }
                r
            }
            Err(_) => i,
        }
    } else {
        i
    };
    // pre-modifiers: former, acting, nationality (English order), read in place (no list)
    let mut i = i;
    loop {
        if let Ok((r, _)) = former_word(i) {
            parts.former = true;
            i = r;
            continue;
        }
        if let Ok((r, _)) = acting_word(i) {
            parts.acting = true;
            i = r;
            continue;
        }
        // a capitalised demonym before a noun ("Russian President")
        if let Ok((r, n)) = nationality(i)
            && r.peek().is_some_and(|k| c.is_word(k))
        {
            parts.nationality = Some(n);
            i = r;
            continue;
        }
        break;
    }
    let (mut i, ()) = head(i, first, &mut parts)?;
    // post-modifiers
    loop {
        if let Ok((r, n)) = nationality(i)
            && matches!(parts.head, Head::Role(_) | Head::Capital)
        {
            parts.nationality = Some(n);
            i = r;
            continue;
        }
        if let Ok((r, _)) = acting_word(i)
            && matches!(parts.head, Head::Role(_))
        {
            parts.acting = true;
            i = r;
            continue;
        }
        if let Ok((r, a)) = acronym_def(i)
            && parts.acronym_def.is_none()
            && matches!(parts.head, Head::Name | Head::Place)
        {
            parts.acronym_def = Some(a);
            i = r;
            continue;
        }
        if parts.complement.is_none()
            && depth < 2
            && matches!(
                parts.head,
                Head::Role(_) | Head::Capital | Head::Group | Head::Institution
            )
        {
            if let Ok((r, comp)) = complement(i, first, depth) {
                parts.complement = Some(Box::new(comp));
                i = r;
                continue;
            }
            // one adjective before the complement: "aliado próximo de X"
            if let Some(p) = i.peek()
                && c.is_word(p)
                && !c.toks.toks[p].cap
                && !c.knows(p)
                && let Ok((r, comp)) = complement(i.at(p + 1), first, depth)
            {
                parts.complement = Some(Box::new(comp));
                i = r;
                continue;
            }
        }
        // a name right after a role: "presidente russo Vladimir Putin", "President Putin"
        if parts.name.is_none()
            && matches!(parts.head, Head::Role(_))
            && let Ok((r, (s, e))) = name_seq(i, first)
            && lookup_place(c, s, e).is_none()
        {
            parts.name = Some((s, e));
            parts.org = is_org_name(c, s, e);
            i = r;
            continue;
        }
        break;
    }
    parts.end = i.pos;
    Ok((i, parts))
}

/// "Kazakhstan's" / "Nazarbayev's": a name followed by a possessive `'s`.
fn possessor<'a>(i: TokIn<'a>, first: usize) -> PResult<'a, Parts> {
    // most phrases have no "'s" after them in their sentence: skip parsing the head twice
    if !i.ctx.possessive_in(i.pos + 1, i.end) {
        return fail(i);
    }
    let mut parts = Parts::default();
    let (r, ()) = head(i, first, &mut parts)?;
    if !matches!(parts.head, Head::Name | Head::Place | Head::Acronym) {
        return fail(i);
    }
    let (r, _) = tok(|c, k| c.kind(k) == TokKind::Possessive)(r)?;
    parts.end = r.pos;
    Ok((r, parts))
}

/// Turn parsed parts into phrases; complements are pushed first. Returns the phrase index.
fn build(c: &Ctx, parts: &Parts, start: usize, sentence: usize, out: &mut Vec<Np>) -> usize {
    let possessor_idx = parts.possessor.as_ref().map(|p| {
        let s = p.head_range.0;
        let i = build(c, p, s, sentence, out);
        out[i].complement = true;
        i
    });
    let comp_idx = parts.complement.as_ref().map(|p| {
        let s = p.det.unwrap_or(p.head_range.0);
        let i = build(c, p, s, sentence, out);
        out[i].complement = true;
        i
    });
    let kind = match parts.head {
        Head::Role(_) if parts.name.is_some() => {
            if parts.org {
                NpKind::Org
            } else {
                NpKind::Name
            }
        }
        Head::Role(_) => NpKind::Role,
        Head::Name if parts.org => NpKind::Org,
        Head::Name => NpKind::Name,
        Head::Acronym => NpKind::Org,
        Head::Place => NpKind::Place,
        Head::Capital => NpKind::Capital,
        Head::Country => NpKind::Country,
        Head::Group => NpKind::Group,
        Head::Event => NpKind::Event,
        Head::Institution => NpKind::Institution,
        Head::Common => NpKind::Common,
        Head::Pronoun(_) => NpKind::Pronoun,
        Head::None => NpKind::Name,
    };
    let end = parts.end.max(start + 1);
    let mut np = Np::new(c, start, end, sentence, kind);
    np.name = parts.name;
    if let Head::Role(r) = parts.head {
        np.role = Some(RoleMod {
            role: r.role,
            former: parts.former,
            acting: parts.acting,
            gender: r.gender,
            ts: parts.head_range.0,
            te: parts.head_range.1,
        });
    }
    np.nationality = parts.nationality;
    np.of = comp_idx.or(possessor_idx);
    np.place = parts.place;
    if let Head::Pronoun(code) = parts.head {
        np.pronoun = Some(code);
    }
    np.possessive = parts.possessive;
    np.acronym_def = parts.acronym_def;
    np.acronym = parts.head == Head::Acronym;
    if let Some(d) = parts.det {
        let info = c.info(d);
        np.indefinite =
            c.lang.fw.indefinite_articles.has(c.lower(d)) && !info.has(flag::POSSESSIVE);
        np.definite = !np.indefinite;
    }
    out.push(np);
    out.len() - 1
}

/// Can no phrase start at token `k`? True for a token that is no word, and for a known
/// lower-case word that is nothing a phrase opens with: no pronoun, determiner, modifier, role
/// (also with a former prefix), demonym, capital/country/event/group/body word, nor the first
/// word of a lexicon phrase. Every branch of [`np_parts`] needs one of these at its first token
/// (an unknown or body word may open an English compound; a capitalised one, a name), so the
/// chunker skips such tokens without parsing: the same phrases, found with less work.
fn cannot_open(c: &Ctx, k: usize) -> bool {
    if !c.is_word(k) {
        return true;
    }
    if c.toks.toks[k].cap || !c.knows(k) {
        return false;
    }
    const OPENERS: u64 = flag::DETERMINER
        | flag::POSSESSIVE
        | flag::FORMER
        | flag::ACTING
        | flag::CAPITAL
        | flag::COUNTRY_WORD
        | flag::EVENT
        | flag::ANON_SOURCE
        | flag::ORG_HEAD;
    let info = c.info(k);
    if info.flags & OPENERS != 0
        || info.pronoun.is_some()
        || info.role.is_some()
        || c.has_phrase(k)
        || c.demonym(k).is_some()
    {
        return false;
    }
    !c.has_former_prefix(k)
}

/// Sentences chunked by one task when a long draft is chunked in parallel.
/// Chunk every sentence into noun phrases. A phrase looks only within its sentence, so a long
/// draft's sentences are chunked in ranges on the thread pool and the ranges joined in order
/// (their phrase indices moved by the phrases before them): the same phrases as one pass.
pub fn chunk(c: &Ctx, sentences: &[Sentence]) -> Vec<Np> {
    let mut parts = crate::ranges::map(sentences, |first, range| chunk_range(c, range, first));
    if parts.len() == 1 {
        return parts.pop().unwrap_or_default();
    }
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        let base = out.len();
        out.extend(part.into_iter().map(|mut np| {
            np.of = np.of.map(|i| i + base);
            np.apposition_of = np.apposition_of.map(|i| i + base);
            np
        }));
    }
    out
}

/// Chunk `sentences` (the first of them is sentence number `first_si`); phrase indices count
/// from 0 in the returned list.
fn chunk_range(c: &Ctx, sentences: &[Sentence], first_si: usize) -> Vec<Np> {
    // about one phrase in six tokens in news prose: room for them at once, not grown by copies
    let toks = sentences
        .first()
        .zip(sentences.last())
        .map_or(0, |(f, l)| l.tok_end.saturating_sub(f.tok_start));
    let mut out = Vec::with_capacity(toks / 5);
    for (si, s) in sentences.iter().enumerate() {
        let si = first_si + si;
        let first = s.tok_start;
        let mut p = s.tok_start;
        let sent_first = out.len();
        while p < s.tok_end {
            if cannot_open(c, p) {
                p += 1;
                continue;
            }
            let i = TokIn::new(c, p, s.tok_end);
            match np_parts(i, first, 0) {
                Ok((r, parts)) if r.pos > p => {
                    let idx = build(c, &parts, p, si, &mut out);
                    let _ = idx;
                    p = r.pos;
                }
                _ => p += 1,
            }
        }
        // context of each phrase
        for j in sent_first..out.len() {
            if out[j].complement || out[j].ts <= first {
                continue;
            }
            let prev = out[j].ts - 1;
            let info = c.info(prev);
            let mut after_prep = c.is_word(prev) && info.has(flag::PREPOSITION);
            // "do Comércio e Indústria": the second of two coordinated names shares the
            // preposition of the first
            let named = |k: NpKind| matches!(k, NpKind::Name | NpKind::Org);
            if !after_prep && c.is_word(prev) && info.has(flag::CONJUNCTION) && named(out[j].kind) {
                after_prep = out[sent_first..j]
                    .iter()
                    .rev()
                    .find(|o| o.te == prev)
                    .is_some_and(|o| (o.after_prep || o.complement) && named(o.kind));
            }
            out[j].after_prep = after_prep;
            out[j].after_copula = c.is_word(prev) && info.has(flag::COPULA);
        }
        appositions(c, &mut out, sent_first);
    }
    out
}

/// "Kareem Massimov, ex-líder do KNB," and "seu presidente cazaque, Qasim Jomar Tokayev,".
fn appositions(c: &Ctx, nps: &mut [Np], from: usize) {
    let top: Vec<usize> = (from..nps.len()).filter(|&k| !nps[k].complement).collect();
    for w in top.windows(2) {
        let (a, b) = (w[0], w[1]);
        if nps[b].ts != nps[a].te + 1 || !c.text(nps[a].te).eq(",") {
            continue;
        }
        let a_named = nps[a].name.is_some() && matches!(nps[a].kind, NpKind::Name | NpKind::Org);
        let b_named = nps[b].name.is_some() && matches!(nps[b].kind, NpKind::Name | NpKind::Org);
        let a_role = nps[a].kind == NpKind::Role;
        let b_role = nps[b].kind == NpKind::Role;
        // the second must be followed by a comma, the sentence end, or a verb-like word
        if a_named && b_role {
            nps[b].apposition_of = Some(a);
        } else if a_role && b_named {
            nps[a].apposition_of = Some(b);
        }
    }
}
