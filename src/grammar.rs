//! nom over tokens: the input type and the primitive parsers the extractor is built from.
//!
//! The extractor's grammars (noun phrases, attribution frames) are nom parsers over a token
//! slice. Each primitive looks a token up once in the compiled lexicon.

use nom::error::{Error, ErrorKind};
use nom::{IResult, Needed};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::gazetteer::Gazetteer;
use crate::lexicon::{Language, PhraseKind, RoleRef, WordInfo};
use crate::tokens::{TokKind, Tokens};

/// What the grammars read: the prose, its tokens and the language data.
pub struct Ctx<'a> {
    pub src: &'a str,
    pub toks: &'a Tokens,
    pub lang: &'a Language,
    pub gaz: &'a Gazetteer,
    /// Each token's id in the language's word table, looked up once.
    pub ids: Vec<u32>,
    /// Each token's lower-case form, numbered by first appearance in the document: what is
    /// asked of a word's form (lexicon id, demonym, lower-case use) is found once per form.
    forms: Vec<u32>,
    /// For each form: does it occur as a lower-case word somewhere in the document?
    lower_vocab: Vec<bool>,
    /// For each form: does it start with a former prefix ("ex-"), and the role it names
    /// after one ("ex-presidente"), if any (asked of most words by the noun phrases).
    former: Vec<(bool, Option<RoleRef>)>,
    /// For each token, and one past the last: the first possessive token ("'s") at or after
    /// it (`u32::MAX` for none), so that a phrase asks in one step whether one follows.
    next_possessive: Vec<u32>,
    /// The lexicon phrases that match at each token (ignoring sentence ends), longest first:
    /// token `i`'s are `matches[match_start[i]..match_start[i + 1]]`.
    match_start: Vec<u32>,
    matches: Vec<(u32, &'a PhraseKind)>,
    /// Each form's demonym look-up, made when first asked ([`DEMONYM_UNASKED`] until then).
    /// Atomic so a context is shared by the threads that chunk one draft's sentences (two
    /// threads asking at once store the same answer).
    demonyms: Vec<AtomicU32>,
}

/// A form whose demonym has not been looked up yet.
const DEMONYM_UNASKED: u32 = u32::MAX;
/// A form that is no demonym.
const DEMONYM_NONE: u32 = u32::MAX - 1;

impl<'a> Ctx<'a> {
    /// The context of a document's tokens in a language.
    pub fn new(src: &'a str, toks: &'a Tokens, lang: &'a Language, gaz: &'a Gazetteer) -> Self {
        // one hash look-up per token (its form); the lexicon is asked once per form
        // (room for the forms of a short draft at once: a table grown from empty is rehashed
        // several times; a long one's forms are far fewer than its tokens)
        let mut form_of: rustc_hash::FxHashMap<&'a str, u32> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(
                toks.len().min(4096),
                Default::default(),
            );
        let mut form_ids: Vec<u32> = Vec::new();
        let mut lower_vocab: Vec<bool> = Vec::new();
        let mut former = Vec::new();
        let mut forms = Vec::with_capacity(toks.len());
        let mut ids = Vec::with_capacity(toks.len());
        for (i, t) in toks.toks.iter().enumerate() {
            let lower = toks.lower(i);
            let f = *form_of.entry(lower).or_insert_with(|| {
                form_ids.push(lang.word_id(lower));
                lower_vocab.push(false);
                former.push(former_of(lang, lower));
                form_ids.len() as u32 - 1
            });
            if !t.cap && t.kind == TokKind::Word {
                lower_vocab[f as usize] = true;
            }
            forms.push(f);
            ids.push(form_ids[f as usize]);
        }
        // every phrase lookup of the grammars reads these, so the table of phrases is
        // walked once per token here and not once per lookup
        let mut match_start = Vec::with_capacity(toks.len() + 1);
        let mut matches = Vec::new();
        for (i, t) in toks.toks.iter().enumerate() {
            match_start.push(matches.len() as u32);
            if !matches!(t.kind, TokKind::Word | TokKind::Dotted) {
                continue;
            }
            for p in lang.phrases_by_id(ids[i]) {
                // (every word compared in place, the first too, though the index found it)
                let n = p.ids.len();
                if i + n <= ids.len() && ids[i..i + n].iter().zip(&p.ids).all(|(x, y)| x == y) {
                    matches.push((n as u32, &p.kind));
                }
            }
        }
        match_start.push(matches.len() as u32);
        let mut next_possessive = vec![u32::MAX; toks.len() + 1];
        for (i, t) in toks.toks.iter().enumerate().rev() {
            next_possessive[i] = if t.kind == TokKind::Possessive {
                i as u32
            } else {
                next_possessive[i + 1]
            };
        }
        Ctx {
            src,
            toks,
            lang,
            gaz,
            ids,
            demonyms: (0..form_ids.len())
                .map(|_| AtomicU32::new(DEMONYM_UNASKED))
                .collect(),
            forms,
            lower_vocab,
            former,
            next_possessive,
            match_start,
            matches,
        }
    }

    /// Is there a possessive token in `from..to`?
    pub fn possessive_in(&self, from: usize, to: usize) -> bool {
        self.next_possessive
            .get(from)
            .is_some_and(|&p| (p as usize) < to)
    }

    #[inline]
    pub fn lower(&self, i: usize) -> &'a str {
        self.toks.lower(i)
    }
    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        &self.src[self.toks.toks[i].range()]
    }
    #[inline]
    pub fn info(&self, i: usize) -> &'a WordInfo {
        self.lang.info(self.ids[i])
    }
    /// Does the lexicon know token `i` (id 0 is the unknown word)?
    #[inline]
    pub fn knows(&self, i: usize) -> bool {
        self.ids[i] != 0
    }
    #[inline]
    pub fn kind(&self, i: usize) -> TokKind {
        self.toks.toks[i].kind
    }
    #[inline]
    pub fn is(&self, i: usize, s: &str) -> bool {
        self.lower(i) == s
    }
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.kind(i), TokKind::Word | TokKind::Dotted)
    }
    #[inline]
    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.toks.toks[i].cap
    }
    /// Does token `i`'s lower-case form occur as a lower-case word somewhere in the document?
    #[inline]
    pub fn in_lower_vocab(&self, i: usize) -> bool {
        self.lower_vocab[self.forms[i] as usize]
    }
    /// Does token `i` start with a former prefix ("ex-")?
    #[inline]
    pub fn has_former_prefix(&self, i: usize) -> bool {
        self.former[self.forms[i] as usize].0
    }
    /// The role token `i` names after a former prefix ("ex-presidente"), if any.
    #[inline]
    pub fn former_role(&self, i: usize) -> Option<RoleRef> {
        self.former[self.forms[i] as usize].1
    }
    /// The country of which token `i`'s lower-case form is a demonym
    /// ([`Gazetteer::demonym`], looked up once per form).
    #[inline]
    pub fn demonym(&self, i: usize) -> Option<u16> {
        let cell = &self.demonyms[self.forms[i] as usize];
        match cell.load(Ordering::Relaxed) {
            DEMONYM_UNASKED => {
                let d = self.gaz.demonym(self.lower(i));
                cell.store(d.map_or(DEMONYM_NONE, u32::from), Ordering::Relaxed);
                d
            }
            DEMONYM_NONE => None,
            c => Some(c as u16),
        }
    }
    /// An acronym: an all-capitals word of 2 to 8 letters ("KNB", "ODKB").
    pub fn is_acronym(&self, i: usize) -> bool {
        let t = &self.toks.toks[i];
        t.kind == TokKind::Word && t.upper && (2..=10).contains(&(t.end - t.start))
    }
    /// Does any lexicon phrase start at token `i` (whatever its kind and length)?
    #[inline]
    pub fn has_phrase(&self, i: usize) -> bool {
        i + 1 < self.match_start.len() && self.match_start[i] < self.match_start[i + 1]
    }
    /// The longest lexicon phrase of a kind starting at token `i` (within `end`).
    /// Returns (number of tokens, kind).
    pub fn phrase_at(
        &self,
        i: usize,
        end: usize,
        want: impl Fn(&PhraseKind) -> bool,
    ) -> Option<(usize, &'a PhraseKind)> {
        if i >= end || i + 1 >= self.match_start.len() {
            return None;
        }
        let (lo, hi) = (
            self.match_start[i] as usize,
            self.match_start[i + 1] as usize,
        );
        self.matches[lo..hi]
            .iter()
            .find(|&&(n, kind)| i + n as usize <= end && want(kind))
            .map(|&(n, kind)| (n as usize, kind))
    }
}

/// Does the lower-case form `lower` start with a former prefix, and the role it names after the
/// first prefix that leaves a role word.
fn former_of(lang: &Language, lower: &str) -> (bool, Option<RoleRef>) {
    let mut prefixed = false;
    for pre in &lang.former_prefixes {
        if let Some(rest) = lower.strip_prefix(pre) {
            prefixed = true;
            if let Some(r) = lang.word(rest).role {
                return (true, Some(r));
            }
        }
    }
    (prefixed, None)
}

/// A window of tokens `[pos, end)`; the nom input type.
#[derive(Clone, Copy)]
pub struct TokIn<'a> {
    pub ctx: &'a Ctx<'a>,
    pub pos: usize,
    pub end: usize,
}

impl std::fmt::Debug for TokIn<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokIn({}..{})", self.pos, self.end)
    }
}

impl<'a> TokIn<'a> {
    pub fn new(ctx: &'a Ctx<'a>, pos: usize, end: usize) -> Self {
        TokIn { ctx, pos, end }
    }
    #[inline]
    pub fn at(self, pos: usize) -> Self {
        TokIn { pos, ..self }
    }
    #[inline]
    pub fn peek(&self) -> Option<usize> {
        (self.pos < self.end).then_some(self.pos)
    }
}

pub struct TokIter {
    pos: usize,
    end: usize,
}

impl Iterator for TokIter {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        (self.pos < self.end).then(|| {
            self.pos += 1;
            self.pos - 1
        })
    }
}

impl<'a> nom::Input for TokIn<'a> {
    type Item = usize;
    type Iter = TokIter;
    type IterIndices = std::iter::Enumerate<TokIter>;

    fn input_len(&self) -> usize {
        self.end - self.pos
    }
    fn take(&self, index: usize) -> Self {
        TokIn {
            end: self.pos + index,
            ..*self
        }
    }
    fn take_from(&self, index: usize) -> Self {
        TokIn {
            pos: self.pos + index,
            ..*self
        }
    }
    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }
    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool,
    {
        (self.pos..self.end).position(predicate)
    }
    fn iter_elements(&self) -> Self::Iter {
        TokIter {
            pos: self.pos,
            end: self.end,
        }
    }
    fn iter_indices(&self) -> Self::IterIndices {
        self.iter_elements().enumerate()
    }
    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        if self.input_len() >= count {
            Ok(count)
        } else {
            Err(Needed::new(count - self.input_len()))
        }
    }
}

pub type PResult<'a, O> = IResult<TokIn<'a>, O, Error<TokIn<'a>>>;

#[inline]
pub fn fail<O>(i: TokIn<'_>) -> PResult<'_, O> {
    Err(nom::Err::Error(Error::new(i, ErrorKind::Verify)))
}

/// One token satisfying `pred`; yields its index.
pub fn tok<'a, F>(pred: F) -> impl FnMut(TokIn<'a>) -> PResult<'a, usize>
where
    F: Fn(&Ctx<'a>, usize) -> bool,
{
    move |i: TokIn<'a>| match i.peek() {
        Some(p) if pred(i.ctx, p) => Ok((i.at(p + 1), p)),
        _ => fail(i),
    }
}

/// One word with a lexicon flag.
pub fn flagged<'a>(f: u64) -> impl FnMut(TokIn<'a>) -> PResult<'a, usize> {
    tok(move |c, i| c.is_word(i) && c.info(i).has(f))
}

/// A punctuation token equal to `s`.
pub fn punct<'a>(s: &'static str) -> impl FnMut(TokIn<'a>) -> PResult<'a, usize> {
    tok(move |c, i| !c.is_word(i) && c.text(i) == s)
}

/// A lexicon phrase of a kind; yields (first token, token count, kind).
pub fn phrase<'a, F>(
    want: F,
) -> impl FnMut(TokIn<'a>) -> PResult<'a, (usize, usize, &'a PhraseKind)>
where
    F: Fn(&PhraseKind) -> bool + Copy,
{
    move |i: TokIn<'a>| match i.ctx.phrase_at(i.pos, i.end, want) {
        Some((n, k)) => Ok((i.at(i.pos + n), (i.pos, n, k))),
        None => fail(i),
    }
}
