//! Sourcing notes: a claim that rests only on unattributed reports ("surgiram notícias de que",
//! "reports emerged that"); a claim the article hedges with hearsay words ("supostamente",
//! "reportedly"); a claim first attributed and later stated as bare fact; a quotation nobody in
//! the draft can be found to have said.
//!
//! Claims are compared by their content words (a short stem of each) and numbers. An inverted
//! index from stem to the attributed claims that use it keeps the comparison linear: each claim
//! looks only at the claims that share a word with it, and very common words are ignored.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use super::note::{lang_phrases, lexicon_phrase_at, make, phrase_at, tok_span};
use crate::analysis::Analysis;
use crate::claims::{Claim, SourceKind};
use crate::extract::FrameForm;
use crate::findings::Finding;
use crate::lexicon::{PhraseKind, SpeechKind, flag};
use crate::names::fold_cow;
use crate::np::NpKind;
use crate::rules::RuleSpec;
use crate::tokens::TokKind;

/// How many sentences back a quotation's unnamed speaker is looked for.
const LOOK_BACK: usize = 4;

/// A stem shared by more claims than this is too common to link claims.
const MAX_POSTINGS: usize = 24;

/// Content words of a claim: stems, with the distinctive ones (names, numbers) marked. Stems
/// are ids into the draft's [`Stems`] table, each list sorted and each id once.
#[derive(Default)]
struct Bag {
    stems: Vec<u32>,
    distinctive: Vec<u32>,
    /// Where each stem is first written in the claim (sorted by stem), for messages.
    surface: Vec<(u32, Surface)>,
}

/// Where a stem's word is written: a token, or the label of a resolved name (`u32`: a bag
/// keeps one per stem of every claim).
#[derive(Clone, Copy)]
enum Surface {
    Tok(u32),
    Entity(u32),
}

/// The draft's stems: "@" and an entity's label, "#" and a number's digits, or the first five
/// letters of a folded word. Interned so bags hold ids, not strings.
#[derive(Default)]
struct Stems {
    ids: FxHashMap<String, u32>,
    /// Each stem's text, in `text` (one string for all: a stem allocates only its key).
    spans: Vec<(u32, u32)>,
    text: String,
}

impl Stems {
    fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.spans.len() as u32;
        let start = self.text.len() as u32;
        self.text.push_str(key);
        self.spans.push((start, self.text.len() as u32));
        self.ids.insert(key.to_string(), id);
        id
    }

    fn name(&self, id: u32) -> &str {
        let (s, e) = self.spans[id as usize];
        &self.text[s as usize..e as usize]
    }

    fn len(&self) -> usize {
        self.spans.len()
    }
}

const FUNCTION: u64 = flag::STOPWORD
    | flag::DETERMINER
    | flag::POSSESSIVE
    | flag::LINKER
    | flag::PARTICLE
    | flag::CONJUNCTION
    | flag::NEGATOR
    | flag::CONTINUITY
    | flag::AUXILIARY
    | flag::CONDITIONAL
    | flag::COMPLEMENTIZER
    | flag::HEDGE
    | flag::RELATIVIZER
    | flag::PREPOSITION
    | flag::COPULA
    | flag::TIME_PREP;

/// For each token inside a resolved name, the entity: a name counts as one word ("Conselho de
/// Segurança Nacional" shares nothing with "Comitê de Segurança Nacional"), and two spellings
/// of one person's name count as the same word.
fn named_entities(a: &Analysis) -> Vec<Option<usize>> {
    let mut v = vec![None; a.tokens.len()];
    for (i, np) in a.nps.iter().enumerate() {
        if let (Some((s, e)), Some(ent)) = (np.name, a.res[i].entity) {
            v[s..e.min(a.tokens.len())].fill(Some(ent));
        }
    }
    v
}

/// What [`bag`] reads of the draft besides the claim's tokens.
struct BagCtx<'c> {
    first_words: &'c [bool],
    timed: &'c [bool],
    named: &'c [Option<usize>],
    /// The stem of each entity's name, once it has been made.
    entity_stem: Vec<Option<u32>>,
    /// The stem of each token, once it has been made (claims overlap: a token is read by
    /// several); [`UNREAD`] before, [`NO_STEM`] for a token that gives none.
    tok_stem: Vec<u32>,
    /// The stem of each lower-case word, once made: a word is folded and cut once per draft.
    form_stem: FxHashMap<&'c str, u32>,
    stems: Stems,
    key: String,
    /// Scratch for the claim being read: kept between claims so a bag is allocated once, at
    /// its size.
    surface: Vec<(u32, Surface)>,
    distinctive: Vec<u32>,
}

/// A token that is no content word (a function word, a speech verb, a short word, a small
/// number, a mark).
const NO_STEM: u32 = u32::MAX;
/// A token whose stem has not been made yet.
const UNREAD: u32 = u32::MAX - 1;

/// The stem of token `k` (not a day or date), or [`NO_STEM`].
fn token_stem<'c>(a: &'c Analysis, k: usize, bc: &mut BagCtx<'c>) -> u32 {
    if let Some(ent) = bc.named[k] {
        if let Some(id) = bc.entity_stem[ent] {
            return id;
        }
        bc.key.clear();
        bc.key.push('@');
        bc.key.push_str(&a.entities[ent].label);
        let id = bc.stems.id(&bc.key);
        bc.entity_stem[ent] = Some(id);
        return id;
    }
    match a.tokens.toks[k].kind {
        TokKind::Number => {
            bc.key.clear();
            bc.key.push('#');
            let digits = a
                .tokens
                .text(&a.source.text, k)
                .chars()
                .filter(|c| c.is_ascii_digit());
            bc.key.extend(digits);
            // small numbers are everywhere
            if bc.key.len() < 3 {
                return NO_STEM;
            }
            let lead = bc.key[1..].len() - bc.key[1..].trim_start_matches('0').len();
            bc.key.replace_range(1..1 + lead, "");
            bc.stems.id(&bc.key)
        }
        TokKind::Word => {
            let lw = a.tokens.lower(k);
            if let Some(&id) = bc.form_stem.get(lw) {
                return id;
            }
            let info = a.info(k);
            let id =
                if info.flags & FUNCTION != 0 || info.speech.is_some() || lw.chars().count() < 4 {
                    NO_STEM
                } else {
                    bc.key.clear();
                    bc.key.extend(fold_cow(lw).chars().take(5));
                    bc.stems.id(&bc.key)
                };
            bc.form_stem.insert(lw, id);
            id
        }
        _ => NO_STEM,
    }
}

fn bag<'c>(a: &'c Analysis, (s, e): (usize, usize), bc: &mut BagCtx<'c>) -> Bag {
    bc.surface.clear();
    bc.distinctive.clear();
    for k in s..e.min(a.tokens.len()) {
        // days and dates are shared by unrelated claims of one week
        if bc.timed[k] {
            continue;
        }
        let mut id = bc.tok_stem[k];
        if id == UNREAD {
            id = token_stem(a, k, bc);
            bc.tok_stem[k] = id;
        }
        if id == NO_STEM {
            continue;
        }
        let t = &a.tokens.toks[k];
        if let Some(ent) = bc.named[k] {
            bc.surface.push((id, Surface::Entity(ent as u32)));
            bc.distinctive.push(id);
        } else {
            // numbers, and capitalised words that do not open a sentence, are distinctive
            if t.kind == TokKind::Number || (t.cap && !bc.first_words[k]) {
                bc.distinctive.push(id);
            }
            bc.surface.push((id, Surface::Tok(k as u32)));
        }
    }
    // the first place each stem is written (a stable sort keeps the first of equal stems first)
    bc.surface.sort_by_key(|&(id, _)| id);
    bc.surface.dedup_by_key(|&mut (id, _)| id);
    bc.distinctive.sort_unstable();
    bc.distinctive.dedup();
    // copied out at their size: kept for the whole check
    Bag {
        stems: bc.surface.iter().map(|&(id, _)| id).collect(),
        distinctive: bc.distinctive.clone(),
        surface: bc.surface.clone(),
    }
}

/// The ids in both sorted lists.
fn intersection(x: &[u32], y: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(x[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// A shared word is telling when few claims use it: the people and places a story is about
/// are in most of its claims.
const TELLING_CLAIMS: usize = 3;

/// Do two claims say the same thing? Enough shared content words, with a number or two names
/// among them, at least two telling ones, and a fair share of the shorter claim (long claims
/// share words by chance). `df` counts the claims that use each word. The shared stems come
/// back in the order of their text.
fn same_content(x: &Bag, y: &Bag, df: &[u32], stems: &Stems) -> Option<Vec<u32>> {
    let mut shared = intersection(&x.stems, &y.stems);
    let distinctive = shared
        .iter()
        .filter(|s| {
            x.distinctive.binary_search(s).is_ok() && y.distinctive.binary_search(s).is_ok()
        })
        .count();
    let numbers = shared
        .iter()
        .filter(|&&s| stems.name(s).starts_with('#'))
        .count();
    let telling = shared
        .iter()
        .filter(|&&s| df[s as usize] as usize <= TELLING_CLAIMS)
        .count();
    let smaller = x.stems.len().min(y.stems.len()).max(1);
    let ok = shared.len() * 5 >= smaller
        && shared.len() >= 3
        && telling >= 2
        && (numbers >= 1 || distinctive >= 2);
    ok.then(|| {
        shared.sort_by(|&p, &q| stems.name(p).cmp(stems.name(q)));
        shared
    })
}

pub(super) struct Ctx<'a> {
    a: &'a Analysis<'a>,
    bags: Vec<Bag>,
    stems: Stems,
    /// Stem → claims (attributed ones only) that use it; empty for a stem used by more than
    /// `MAX_POSTINGS` of them.
    attributed: Vec<Vec<u32>>,
    /// Stem → how many claims use it.
    df: Vec<u32>,
    block_of_claim: Vec<usize>,
    /// Scratch for [`Ctx::candidates`]: words shared with each claim (all zero between calls).
    counts: std::cell::RefCell<Vec<u32>>,
    /// [`Ctx::drifts`], found once for the rules that ask.
    drifts: OnceCell<Vec<(usize, usize, Vec<u32>)>>,
}

fn attributed(c: &Claim) -> bool {
    matches!(
        c.source_kind,
        SourceKind::Named | SourceKind::Anonymous | SourceKind::UnattributedReport
    ) && c.form != FrameForm::UnattributedQuote
        && !matches!(c.speech, Some(SpeechKind::Demand | SpeechKind::Ask))
        && !c.question
}

/// In the article's own voice. A hedge elsewhere in the sentence ("a figure that is likely to
/// lengthen waiting lists") does not attribute the claim.
fn bare(c: &Claim) -> bool {
    c.source_kind == SourceKind::Article && c.form == FrameForm::Article && !c.question
}

impl<'a> Ctx<'a> {
    fn new(a: &'a Analysis<'a>) -> Self {
        let mut first_words = vec![false; a.tokens.len()];
        for s in &a.sentences {
            if let Some(k) =
                (s.tok_start..s.tok_end).find(|&k| a.tokens.toks[k].kind == TokKind::Word)
            {
                first_words[k] = true;
            }
        }
        let mut timed = vec![false; a.tokens.len()];
        for t in &a.times {
            timed[t.ts..t.te.min(a.tokens.len())].fill(true);
        }
        let named = named_entities(a);
        // how many words and stems to make room for: a small draft's tables are made at their
        // size, not grown step by step (a long draft's grow from here)
        let expected = a
            .claims
            .iter()
            .map(|c| c.content_toks.1.saturating_sub(c.content_toks.0))
            .sum::<usize>()
            .min(1024);
        let mut bc = BagCtx {
            first_words: &first_words,
            timed: &timed,
            named: &named,
            entity_stem: vec![None; a.entities.len()],
            tok_stem: vec![UNREAD; a.tokens.len()],
            form_stem: FxHashMap::with_capacity_and_hasher(expected, Default::default()),
            stems: Stems {
                ids: FxHashMap::with_capacity_and_hasher(expected, Default::default()),
                ..Stems::default()
            },
            key: String::new(),
            surface: Vec::new(),
            distinctive: Vec::new(),
        };
        let bags: Vec<Bag> = a
            .claims
            .iter()
            .map(|c| bag(a, c.content_toks, &mut bc))
            .collect();
        let stems = bc.stems;
        let mut df = vec![0u32; stems.len()];
        for b in &bags {
            for &st in &b.stems {
                df[st as usize] += 1;
            }
        }
        let mut index: Vec<Vec<u32>> = vec![Vec::new(); stems.len()];
        for (i, c) in a.claims.iter().enumerate() {
            if attributed(c) {
                for &s in &bags[i].stems {
                    index[s as usize].push(i as u32);
                }
            }
        }
        for v in &mut index {
            if v.len() > MAX_POSTINGS {
                *v = Vec::new();
            }
        }
        let block_of_claim = a
            .claims
            .iter()
            .map(|c| a.sentences[c.sentence].block)
            .collect();
        Ctx {
            a,
            bags,
            stems,
            attributed: index,
            df,
            block_of_claim,
            counts: std::cell::RefCell::new(vec![0; a.claims.len()]),
            drifts: OnceCell::new(),
        }
    }

    /// Attributed claims that share at least `min` words with claim `i`, most shared first.
    fn candidates(&self, i: usize, min: usize) -> Vec<usize> {
        // shared words counted per claim in a table (the claims touched are listed, and their
        // counts put back to zero), not by sorting every hit
        let mut counts = self.counts.borrow_mut();
        let mut touched: Vec<u32> = Vec::new();
        for &s in &self.bags[i].stems {
            for &j in &self.attributed[s as usize] {
                if j as usize == i {
                    continue;
                }
                let n = &mut counts[j as usize];
                if *n == 0 {
                    touched.push(j);
                }
                *n += 1;
            }
        }
        let mut v: Vec<(usize, usize)> = Vec::new();
        for &j in &touched {
            let n = std::mem::take(&mut counts[j as usize]) as usize;
            if n >= min {
                v.push((j as usize, n));
            }
        }
        v.sort_unstable_by_key(|&(j, n)| (std::cmp::Reverse(n), j));
        v.into_iter().map(|(j, _)| j).take(8).collect()
    }

    /// An attributed claim `j` restated later, in another paragraph, as bare fact: `(j, i)`,
    /// with the stems both share.
    fn drifts(&self) -> &[(usize, usize, Vec<u32>)] {
        self.drifts.get_or_init(|| self.find_drifts())
    }

    /// [`Ctx::drifts`], found.
    fn find_drifts(&self) -> Vec<(usize, usize, Vec<u32>)> {
        let mut out = Vec::new();
        let mut used = BTreeSet::new();
        for (i, c) in self.a.claims.iter().enumerate() {
            if !bare(c) || self.a.sentences[c.sentence].heading {
                continue;
            }
            for j in self.candidates(i, 3) {
                let cj = &self.a.claims[j];
                if cj.content.0 >= c.content.0
                    || self.block_of_claim[j] == self.block_of_claim[i]
                    || used.contains(&j)
                {
                    continue;
                }
                if let Some(shared) =
                    same_content(&self.bags[j], &self.bags[i], &self.df, &self.stems)
                {
                    used.insert(j);
                    out.push((j, i, shared));
                    break;
                }
            }
        }
        out
    }

    /// A named source that says the same as claim `i` (a looser match than [`same_content`]:
    /// finding support only ever removes a note).
    fn named_support(&self, i: usize) -> Option<usize> {
        self.candidates(i, 2).into_iter().find(|&j| {
            if self.a.claims[j].source_kind != SourceKind::Named {
                return false;
            }
            let (x, y) = (&self.bags[j], &self.bags[i]);
            let shared = intersection(&x.stems, &y.stems).len();
            let distinctive = intersection(&x.distinctive, &y.distinctive).len();
            let smaller = x.stems.len().min(y.stems.len()).max(1);
            shared >= 2 && distinctive >= 1 && shared * 2 >= smaller
        })
    }

    /// How stem `s` is written in claim `i`.
    fn surface(&self, i: usize, s: u32) -> String {
        let bag = &self.bags[i];
        match bag.surface.binary_search_by_key(&s, |&(id, _)| id) {
            Ok(p) => match bag.surface[p].1 {
                Surface::Tok(k) => self
                    .a
                    .tokens
                    .text(&self.a.source.text, k as usize)
                    .to_string(),
                Surface::Entity(e) => self.a.entities[e as usize].label.clone(),
            },
            Err(_) => self.stems.name(s).to_string(),
        }
    }
}

/// A claim's own content: up to a contrasting clause that follows it ("…, mas o Daer disse
/// que…"), which is not part of what the report says.
fn own_span(a: &Analysis, c: &Claim) -> (usize, usize) {
    let (s, e) = c.content_toks;
    for k in s + 1..e.min(a.tokens.len()).saturating_sub(1) {
        if matches!(a.tokens.text(&a.source.text, k), "," | ";")
            && a.tokens.toks[k + 1].kind == TokKind::Word
            && a.info(k + 1).has(flag::CONTRAST)
        {
            return (c.content.0, a.tokens.toks[k - 1].end as usize);
        }
    }
    c.content
}

/// Does the claim's sentence already say the report is unconfirmed ("o que o Ministério não
/// confirma", "officials would not confirm it")? Then the draft has done what the note asks.
fn says_unconfirmed(a: &Analysis, c: &Claim) -> bool {
    let sent = &a.sentences[c.sentence];
    (c.content_toks.0.max(sent.tok_start)..sent.tok_end).any(|k| {
        a.tokens.toks[k].kind == TokKind::Word
            && a.info(k).speech == Some(SpeechKind::Confirm)
            && (k.saturating_sub(3).max(sent.tok_start)..k)
                .any(|j| a.tokens.toks[j].kind == TokKind::Word && a.info(j).has(flag::NEGATOR))
    })
}

fn content_text(a: &Analysis, c: &Claim) -> String {
    let (s, e) = own_span(a, c);
    super::clip(&a.source.text[s..e], 80)
}

/// One sourcing rule. `cx` is the draft's context, built once and shared by the sourcing rules
/// of a run.
pub fn run<'a>(a: &'a Analysis<'a>, r: &RuleSpec, cx: &OnceCell<Ctx<'a>>, out: &mut Vec<Finding>) {
    let mode = r.param_str("mode").unwrap_or("");
    if mode == "orphan-quote" {
        orphan_quotes(a, r, out);
        return;
    }
    let cx = cx.get_or_init(|| Ctx::new(a));
    match mode {
        "unattributed" => unattributed(cx, r, out),
        "hedged" => hedged(cx, r, out),
        "attribution-drift" => drift(cx, r, out),
        _ => {}
    }
}

fn unattributed(cx: &Ctx, r: &RuleSpec, out: &mut Vec<Finding>) {
    let a = cx.a;
    let restated: BTreeSet<usize> = cx.drifts().iter().map(|&(j, _, _)| j).collect();
    for (i, c) in a.claims.iter().enumerate() {
        if c.source_kind != SourceKind::UnattributedReport || c.question || restated.contains(&i) {
            continue;
        }
        if cx.named_support(i).is_some() || says_unconfirmed(a, c) {
            continue;
        }
        let cue = c.cue.map(|(s, e)| a.text_of(s, e)).unwrap_or_default();
        let claim = content_text(a, c);
        let values = [("claim", claim.clone()), ("cue", cue.clone())];
        let related = c
            .cue
            .map(|(s, e)| vec![(s, e, "an unattributed report".to_string())])
            .unwrap_or_default();
        out.push(make(
            r,
            r.severity,
            &values,
            {
                let (os, oe) = own_span(a, c);
                (os, oe, "rests only on unattributed reports".into())
            },
            related,
            vec![
                format!("“{cue}” names no source"),
                "no named source in the draft says the same".into(),
            ],
        ));
    }
}

fn hedged(cx: &Ctx, r: &RuleSpec, out: &mut Vec<Finding>) {
    let a = cx.a;
    let hearsay = lang_phrases(r, "hearsay", a.lang.code);
    let before_participle = lang_phrases(r, "hearsay_before_participle", a.lang.code);
    let legal = lang_phrases(r, "legal_hedges", a.lang.code);
    // paragraphs with an attributed claim: a legal hedge there has its accuser nearby
    let sourced_blocks: BTreeSet<usize> = a
        .claims
        .iter()
        .filter(|c| {
            matches!(c.source_kind, SourceKind::Named | SourceKind::Anonymous)
                && c.speaker.is_some()
        })
        .map(|c| a.sentences[c.sentence].block)
        .collect();
    let endings: Vec<String> = lang_phrases(r, "participle_endings", a.lang.code)
        .into_iter()
        .flatten()
        .collect();
    // the first words of every phrase looked for: other tokens start none of them
    let firsts: rustc_hash::FxHashSet<&str> = hearsay
        .iter()
        .chain(&legal)
        .chain(&before_participle)
        .filter_map(|p| p.first().map(String::as_str))
        .collect();
    for (i, c) in a.claims.iter().enumerate() {
        if c.source_kind != SourceKind::Article || c.question || a.sentences[c.sentence].heading {
            continue;
        }
        let c: &Claim = c;
        let (fs, fe) = (c.content_toks.0, c.content_toks.1);
        let participle = |k: usize| {
            k < fe
                && a.tokens.toks[k].kind == TokKind::Word
                && endings
                    .iter()
                    .any(|e| a.tokens.lower(k).ends_with(e.as_str()))
        };
        let found = (fs..fe).find_map(|k| {
            if !firsts.contains(a.tokens.lower(k)) {
                return None;
            }
            hearsay
                .iter()
                .find_map(|p| phrase_at(a, k, p).map(|n| (k, k + n)))
                .or_else(|| {
                    if sourced_blocks.contains(&a.sentences[c.sentence].block) {
                        return None;
                    }
                    legal
                        .iter()
                        .find_map(|p| phrase_at(a, k, p).map(|n| (k, k + n)))
                })
                .or_else(|| {
                    before_participle
                        .iter()
                        .find(|p| phrase_at(a, k, p).is_some() && participle(k + p.len()))
                        .map(|p| (k, k + p.len() + 1))
                })
        });
        let Some((hs, he)) = found else { continue };
        // "Segundo o despacho de acusação, … terá sido usada": the sentence names its source
        let sent = &a.sentences[c.sentence];
        let attributed_here = (sent.tok_start..sent.tok_end).any(|k| {
            a.tokens.toks[k].kind == TokKind::Word
                && (matches!(
                    a.info(k).speech,
                    Some(SpeechKind::Say | SpeechKind::Tell | SpeechKind::Confirm)
                ) || lexicon_phrase_at(a, k, a.tokens.len(), |p| {
                    matches!(p, PhraseKind::AccordingTo)
                }))
        });
        if attributed_here {
            continue;
        }
        // a conditional sentence ("se …, teria") is a hypothesis, not hearsay
        if (fs..hs)
            .any(|k| a.tokens.toks[k].kind == TokKind::Word && a.info(k).has(flag::CONDITIONAL))
        {
            continue;
        }
        if cx.named_support(i).is_some() {
            continue;
        }
        let (bs, be) = tok_span(a, hs, he);
        let hedge = a.text_of(bs, be);
        let claim = content_text(a, c);
        let values = [("claim", claim), ("cue", hedge.clone())];
        out.push(make(
            r,
            r.severity,
            &values,
            {
                let (os, oe) = own_span(a, c);
                (os, oe, "stated only as hearsay".into())
            },
            vec![(bs, be, "the hedge".into())],
            vec![
                format!("“{hedge}” says the article heard it, not from whom"),
                "no named source in the draft says the same".into(),
            ],
        ));
    }
}

fn drift(cx: &Ctx, r: &RuleSpec, out: &mut Vec<Finding>) {
    let a = cx.a;
    for &(j, i, ref shared) in cx.drifts() {
        let (cj, ci) = (&a.claims[j], &a.claims[i]);
        let source = super::source_desc(a, cj);
        let values = [
            ("claim_a", content_text(a, cj)),
            ("claim_b", content_text(a, ci)),
            ("source_a", source.clone()),
        ];
        let shared: Vec<String> = shared.iter().map(|&s| cx.surface(i, s)).collect();
        out.push(make(
            r,
            r.severity,
            &values,
            (
                ci.content.0,
                ci.content.1,
                "stated as fact, without a source".into(),
            ),
            vec![(
                cj.content.0,
                cj.content.1,
                format!("attributed to {source}"),
            )],
            vec![
                format!("both mention {}", shared.join(", ")),
                format!("the earlier claim is attributed to {source}; the later one to no one"),
            ],
        ));
    }
}

/// Quotations with no speaker in their sentences, their paragraph or the paragraph before.
fn orphan_quotes(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let min_words = r.param_f64("min_words").unwrap_or(5.0) as usize;
    let title_cues = lang_phrases(r, "title_cues", a.lang.code);
    let n = a.tokens.len();
    let mut sentence_of = vec![usize::MAX; n];
    for (si, s) in a.sentences.iter().enumerate() {
        sentence_of[s.tok_start..s.tok_end].fill(si);
    }
    let speaker_kind = |k: NpKind| {
        matches!(
            k,
            NpKind::Name
                | NpKind::Org
                | NpKind::Role
                | NpKind::Pronoun
                | NpKind::Group
                | NpKind::Institution
        )
    };
    // tokens inside a quotation: one sweep over where quotations open and close (filling each
    // quotation's range would be quadratic in nested quotations)
    let mut depth_change = vec![0i32; n + 1];
    for q in &a.quotes {
        let end = q.close.unwrap_or(q.open).min(n.saturating_sub(1));
        if q.open < n && q.open <= end {
            depth_change[q.open] += 1;
            depth_change[end + 1] -= 1;
        }
    }
    let mut quoted = vec![false; n];
    let mut depth = 0;
    for (k, slot) in quoted.iter_mut().enumerate() {
        depth += depth_change[k];
        *slot = depth > 0;
    }
    // the first token of each sentence that is not a mark (quotation, dash, punctuation)
    let lead_end: Vec<usize> = a
        .sentences
        .iter()
        .map(|s| {
            (s.tok_start..s.tok_end)
                .find(|&k| {
                    !matches!(
                        a.tokens.toks[k].kind,
                        TokKind::Quote | TokKind::Dash | TokKind::Punct
                    )
                })
                .unwrap_or(s.tok_end)
        })
        .collect();
    let is_cue = |k: usize| {
        a.tokens.toks[k].kind == TokKind::Word
            && (a.info(k).speech.is_some()
                || lexicon_phrase_at(a, k, n, |p| {
                    matches!(p, PhraseKind::Speech(_) | PhraseKind::AccordingTo)
                }))
    };
    // phrases by sentence
    let mut nps_by_sentence: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, np) in a.nps.iter().enumerate() {
        nps_by_sentence.entry(np.sentence).or_default().push(i);
    }
    // sentences where someone speaks: a frame with a speaker phrase, or, outside quotation
    // marks, a speech verb and a phrase that can speak
    let mut speaks = vec![false; a.sentences.len()];
    for f in &a.frames {
        // a speaker written in this paragraph; one supplied from paragraphs away (an unwritten
        // subject) is the guess this check is about
        if f.speaker.is_some_and(|sp| {
            speaker_kind(a.nps[sp].kind)
                && a.sentences[a.nps[sp].sentence].block == a.sentences[f.sentence].block
        }) {
            speaks[f.sentence] = true;
        }
    }
    for (si, s) in a.sentences.iter().enumerate() {
        if speaks[si] {
            continue;
        }
        // any phrase will do as the subject here ("Milano said", "Moscow said"); the cue is
        // looked for only then
        let who = nps_by_sentence.get(&si).is_some_and(|v| {
            v.iter()
                .any(|&i| !a.nps[i].after_prep && !quoted[a.nps[i].ts])
        });
        speaks[si] = who && (s.tok_start..s.tok_end).any(|k| !quoted[k] && is_cue(k));
    }
    // paragraphs that end with a quotation still open
    let open_blocks: BTreeSet<usize> = a
        .quotes
        .iter()
        .filter(|o| o.close.is_none())
        .map(|o| o.block)
        .collect();
    let mut block_speaks: BTreeSet<usize> = BTreeSet::new();
    for (si, s) in a.sentences.iter().enumerate() {
        if speaks[si] {
            block_speaks.insert(s.block);
        }
    }
    // sentences that report a death (a dead person is not the unnamed speaker of a quotation)
    let silent: Vec<String> = r
        .param_strs("silent_predicates")
        .unwrap_or_default()
        .into_iter()
        .map(String::from)
        .collect();
    let silent_sentence = |si: usize| {
        let s = &a.sentences[si];
        (s.tok_start..s.tok_end).any(|k| {
            let info = a.info(k);
            info.predicates
                .iter()
                .chain(&info.predicate_nouns)
                .any(|&p| silent.iter().any(|c| c == a.lang.predicate(p).class))
        })
    };
    // a paragraph that quotes a named person: the next quotation may be theirs
    let quoted_blocks: BTreeSet<usize> = a.quotes.iter().map(|q| q.block).collect();
    for np in &a.nps {
        let b = a.sentences[np.sentence].block;
        if quoted_blocks.contains(&b)
            && matches!(np.kind, NpKind::Name | NpKind::Role)
            && !quoted[np.ts]
        {
            block_speaks.insert(b);
        }
    }
    for q in &a.quotes {
        let Some(close) = q.close else { continue };
        if q.depth > 0 || q.open >= n || close >= n {
            continue;
        }
        let (s1, s2) = (sentence_of[q.open], sentence_of[close]);
        if s1 == usize::MAX || s2 == usize::MAX || a.sentences[s1].heading {
            continue;
        }
        // a quotation inside a sentence ("a recolha far-se-á «uma vez por semana»") belongs to
        // that sentence's attribution; only quotations that open their sentence can float free
        let opens_sentence = q.open <= lead_end[s1];
        if !opens_sentence {
            continue;
        }
        let inner: Vec<usize> = (q.open + 1..close)
            .filter(|&k| a.tokens.toks[k].kind == TokKind::Word)
            .collect();
        if inner.len() < min_words {
            continue;
        }
        // a title: title case (counting words of four letters or more), or after "titled"
        let long: Vec<usize> = inner
            .iter()
            .copied()
            .filter(|&k| a.tokens.lower(k).chars().count() >= 4)
            .collect();
        let caps = long.iter().filter(|&&k| a.tokens.toks[k].cap).count();
        if !long.is_empty() && caps * 5 >= long.len() * 3 {
            continue;
        }
        if (q.open.saturating_sub(3)..q.open)
            .any(|j| title_cues.iter().any(|p| phrase_at(a, j, p).is_some()))
        {
            continue;
        }
        // the quotation's sentences, and the next one when the quotation ends its sentence
        // (a caption: "“…” Anonymous blogger, in a post")
        let mut last = s2;
        if close + 3 >= a.sentences[s2].tok_end
            && s2 + 1 < a.sentences.len()
            && a.sentences[s2 + 1].block == a.sentences[s2].block
        {
            last = s2 + 1;
        }
        let (rs, re) = (a.sentences[s1].tok_start, a.sentences[last].tok_end);
        let outside = |k: usize| k < q.open || k > close;
        let cue = (rs..re).any(|k| outside(k) && is_cue(k));
        let around: Vec<usize> = (s1..=last)
            .flat_map(|s| nps_by_sentence.get(&s).cloned().unwrap_or_default())
            .filter(|&i| a.nps[i].te <= q.open || a.nps[i].ts > close)
            .collect();
        // someone who can speak ("a frase da juíza" counts too); or a speech verb with any
        // phrase ("said the post")
        let speaker = around.iter().any(|&i| speaker_kind(a.nps[i].kind));
        // "…”, relatou." — a speech verb right after the quotation with no one after it and no
        // subject before: the speaker is left to be guessed
        let s_end = a.sentences[s2].tok_end;
        let bare_trailing_cue = (rs..re).filter(|&k| outside(k) && is_cue(k)).all(|k| {
            k > close
                && k <= close + 2
                && (k + 1..s_end).all(|j| a.tokens.toks[j].kind != TokKind::Word)
        });
        if speaker || (cue && !bare_trailing_cue) {
            continue;
        }
        // "X reasoned, “…”", "X, has called it “dangerous”:": a phrase, at most a few words,
        // then a comma or a colon right before the quotation
        let introduced = q.open > 0
            && matches!(a.tokens.text(&a.source.text, q.open - 1), "," | ":")
            && around.iter().any(|&i| {
                let np = &a.nps[i];
                np.te < q.open && np.te + 4 >= q.open && !np.after_prep
            });
        if introduced {
            continue;
        }
        // the paragraph (or the one before) has someone speaking: the quote continues them
        let block = a.sentences[s1].block;
        if block_speaks.contains(&block) || (block > 0 && block_speaks.contains(&(block - 1))) {
            continue;
        }
        // the paragraph before ends with a colon, or with a quotation left open: this one
        // continues it (a quotation over several paragraphs reopens each of them)
        if block > 0 {
            let (bs, be) = a.block_toks[block - 1];
            let ends_colon = (bs..be)
                .rev()
                .find(|&k| a.tokens.toks[k].kind != TokKind::Quote)
                .is_some_and(|k| a.tokens.text(&a.source.text, k) == ":");
            let open_quote = open_blocks.contains(&(block - 1));
            if ends_colon || open_quote {
                continue;
            }
        }
        // "«…», assegura." or a quotation alone: the reader takes it for the person named last,
        // unless that person is reported dead there (the predicates that silence someone are
        // the rule's silent_predicates)
        let mut related = Vec::new();
        let mut reasons = Vec::new();
        {
            let person_in = |si: usize| {
                nps_by_sentence.get(&si).and_then(|v| {
                    v.iter().rev().copied().find(|&i| {
                        matches!(a.nps[i].kind, NpKind::Name | NpKind::Role) && !quoted[a.nps[i].ts]
                    })
                })
            };
            // the sentence right after may name the speaker by full name ("«…» Joaquim Afonso
            // olha o céu"); a lone capitalised word there may just open the sentence
            let full_name_after = s2 + 1 < a.sentences.len()
                && nps_by_sentence.get(&(s2 + 1)).is_some_and(|v| {
                    v.iter().any(|&i| {
                        a.nps[i].kind == NpKind::Name
                            && a.nps[i].name.is_some_and(|(s, e)| {
                                (s..e).filter(|&k| a.tokens.toks[k].cap).count() >= 2
                            })
                    })
                });
            if full_name_after {
                continue;
            }
            let mut antecedent = None;
            for si in (s1.saturating_sub(LOOK_BACK)..s1).rev() {
                if let Some(i) = person_in(si) {
                    antecedent = Some((i, si));
                    break;
                }
            }
            match antecedent {
                Some((_, si)) if !silent_sentence(si) => continue,
                Some((i, _)) => {
                    let who = a.text_of(a.nps[i].start, a.nps[i].end);
                    reasons.push(format!(
                        "the last person named before it, {who}, is reported dead in that sentence"
                    ));
                    related.push((
                        a.nps[i].start,
                        a.nps[i].end,
                        "the last person named".to_string(),
                    ));
                }
                None => reasons.push(format!(
                    "no person is named in the {LOOK_BACK} sentences before it, nor in the one after"
                )),
            }
        }
        let quote = super::clip(&a.source.text[q.start..q.end], 60);
        let why = if cue {
            "a speech verb follows the quotation, but no one is named as its subject".to_string()
        } else {
            "no speech verb or source goes with the quotation".to_string()
        };
        let mut reasoning = vec![
            why,
            "neither this paragraph nor the one before it names someone speaking".into(),
        ];
        reasoning.extend(reasons);
        let values = [("quote", quote)];
        out.push(make(
            r,
            r.severity,
            &values,
            (q.outer_start, q.outer_end, "who said this?".into()),
            related,
            reasoning,
        ));
    }
}
