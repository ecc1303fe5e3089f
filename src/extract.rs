//! Attribution frames (nom over tokens): who said what, with which cue, when and how.
//!
//! Forms, in both languages (the words come from `rules/lang/*/attribution.toml`):
//! - speaker before the verb: "X disse (no sábado) (em comunicado) que …", "X said (that) …",
//!   "X told Y that …", "X disse: “…”";
//! - speaker after: "…, disse X", "“…”, said X", "…, X said";
//! - split quotes: "“A,” disse X, “B.”";
//! - "segundo X, …", "…, according to X";
//! - unattributed reports: "surgiram notícias de que …", "reports emerged that …";
//! - nested attribution: a frame inside another frame's content.
//!
//! Whatever no frame covers is the article's own voice.

use crate::grammar::{Ctx, PResult, TokIn, fail, phrase};
use crate::lexicon::{PhraseKind, SpeechKind, flag};
use crate::np::{Np, NpKind};
use crate::segment::{Quote, Sentence};
use crate::time::TimeMention;
use crate::tokens::TokKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum FrameForm {
    /// "X disse que …"
    SpeakerFirst,
    /// "…, disse X" / "…, X said"
    SpeakerAfter,
    /// "segundo X, …" / "…, according to X"
    AccordingTo,
    /// "surgiram notícias de que …"
    Report,
    /// A quotation right after another speaker's quotation, with no cue of its own.
    Floating,
    /// A quotation nobody is said to have said.
    UnattributedQuote,
    /// A plain sentence: the article's own voice.
    Article,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Frame {
    pub sentence: usize,
    pub form: FrameForm,
    /// Speaker phrase (index into the phrases).
    pub speaker: Option<usize>,
    /// Cue token range.
    pub cue: Option<(usize, usize)>,
    pub speech: Option<SpeechKind>,
    pub addressee: Option<usize>,
    /// Content as a byte range, and as a token range.
    pub content: (usize, usize),
    pub content_toks: (usize, usize),
    /// The second part of a split quotation.
    pub extra: Option<(usize, usize)>,
    pub extra_toks: Option<(usize, usize)>,
    pub quote: QuoteKind,
    /// Statement time (index into the time mentions).
    pub time: Option<usize>,
    /// Medium phrase ("em comunicado") token range.
    pub medium: Option<(usize, usize)>,
    /// Byte range of the whole frame (speaker, cue and content).
    pub span: (usize, usize),
    pub span_toks: (usize, usize),
    /// The frame whose content holds this one.
    pub parent: Option<usize>,
    /// The speaker is not written ("«…», disse."): it is the one quoted before.
    pub implicit_speaker: bool,
}

/// Per-document indexes the frame grammar uses.
pub struct Index<'a> {
    pub nps: &'a [Np],
    /// For each token, the top-level phrase that ends right before it (+1), or 0.
    np_ending_at: Vec<u32>,
    /// For each token, the top-level phrase that starts at it (+1), or 0.
    np_starting_at: Vec<u32>,
    /// For each token, the time mention covering it (+1), or 0.
    time_at: Vec<u32>,
    pub times: &'a [TimeMention],
    pub quotes: &'a [Quote],
    /// For each token, the innermost quotation containing it (+1), or 0.
    quote_at: Vec<u32>,
    /// Quotation by opening token / closing token.
    quote_by_open: rustc_hash::FxHashMap<usize, usize>,
    quote_by_close: rustc_hash::FxHashMap<usize, usize>,
}

impl<'a> Index<'a> {
    pub fn new(
        ntoks: usize,
        nps: &'a [Np],
        times: &'a [TimeMention],
        quotes: &'a [Quote],
        c: &Ctx,
    ) -> Self {
        let mut np_ending_at = vec![0u32; ntoks + 1];
        let mut np_starting_at = vec![0u32; ntoks + 1];
        for (i, np) in nps.iter().enumerate() {
            if np.complement {
                continue;
            }
            np_ending_at[np.te] = i as u32 + 1;
            np_starting_at[np.ts] = i as u32 + 1;
        }
        let mut time_at = vec![0u32; ntoks + 1];
        for (i, t) in times.iter().enumerate() {
            time_at[t.ts..t.te].fill(i as u32 + 1);
        }
        let mut quote_at = vec![0u32; ntoks + 1];
        let mut quote_by_open = rustc_hash::FxHashMap::default();
        let mut quote_by_close = rustc_hash::FxHashMap::default();
        // The innermost quotation at each token, in one sweep (quotations nest, and are sorted
        // outer first): filling each quotation's range would be quadratic in nested or
        // unclosed quotation marks.
        let mut open: Vec<(usize, u32)> = Vec::new(); // (end token, quote + 1)
        let mut next = 0;
        for (k, slot) in quote_at.iter_mut().enumerate().take(ntoks) {
            while open.last().is_some_and(|&(e, _)| e <= k) {
                open.pop();
            }
            while next < quotes.len() && quotes[next].open <= k {
                let q = &quotes[next];
                let end_tok = match q.close {
                    Some(cl) => cl,
                    // up to the last token inside the block
                    None => {
                        c.toks.toks[q.open + 1..].partition_point(|t| (t.end as usize) <= q.end)
                            + q.open
                            + 1
                    }
                };
                if q.open == k {
                    open.push((end_tok.min(ntoks), next as u32 + 1));
                }
                next += 1;
            }
            *slot = open.last().map_or(0, |&(_, q)| q);
        }
        for (i, q) in quotes.iter().enumerate() {
            quote_by_open.insert(q.open, i);
            if let Some(cl) = q.close {
                quote_by_close.insert(cl, i);
            }
        }
        Index {
            nps,
            np_ending_at,
            np_starting_at,
            time_at,
            times,
            quotes,
            quote_at,
            quote_by_open,
            quote_by_close,
        }
    }

    pub fn np_ending_at(&self, k: usize) -> Option<usize> {
        self.np_ending_at
            .get(k)
            .and_then(|&v| (v > 0).then(|| v as usize - 1))
    }
    pub fn np_starting_at(&self, k: usize) -> Option<usize> {
        self.np_starting_at
            .get(k)
            .and_then(|&v| (v > 0).then(|| v as usize - 1))
    }
    pub fn time_at(&self, k: usize) -> Option<usize> {
        self.time_at
            .get(k)
            .and_then(|&v| (v > 0).then(|| v as usize - 1))
    }
    pub fn quote_at(&self, k: usize) -> Option<usize> {
        self.quote_at
            .get(k)
            .and_then(|&v| (v > 0).then(|| v as usize - 1))
    }
}

fn speaker_ok(np: &Np) -> bool {
    matches!(
        np.kind,
        NpKind::Name
            | NpKind::Org
            | NpKind::Role
            | NpKind::Pronoun
            | NpKind::Group
            | NpKind::Place
            | NpKind::Institution
            | NpKind::Common
    ) && !np.complement
}

/// Skippable material between parts of a frame: time phrases, media, small adverbs, commas
/// around them. Returns (end, statement time, medium).
fn adverbials<'a>(ix: &Index, i: TokIn<'a>) -> (TokIn<'a>, Option<usize>, Option<(usize, usize)>) {
    let c = i.ctx;
    let mut i = i;
    let mut time = None;
    let mut medium = None;
    while let Some(p) = i.peek() {
        if let Some(t) = ix.time_at(p)
            && ix.times[t].ts == p
        {
            time = Some(t);
            i = i.at(ix.times[t].te.min(i.end));
            continue;
        }
        if let Ok((r, (s, n, _))) = phrase(|k| matches!(k, PhraseKind::Medium))(i) {
            medium = Some((s, s + n));
            i = r;
            continue;
        }
        if let Some(n) = skippable_insert(c, ix, p, i.end) {
            i = i.at(p + n);
            continue;
        }
        // where the words were spoken: "disse ontem em Joanesburgo que", "said in Lima that"
        if c.is_word(p)
            && c.info(p).has(flag::LOCATIVE)
            && let Some(np) = ix.np_starting_at(p + 1)
            && ix.nps[np].kind == NpKind::Place
            && ix.nps[np].te <= i.end
        {
            i = i.at(ix.nps[np].te);
            continue;
        }
        break;
    }
    (i, time, medium)
}

/// Material that may sit inside an attribution frame and is skipped: frame adverbs ("também",
/// "later"), connectives between commas (", porém,", ", however,"), a bracketed aside, an age
/// (", 43,"), and a comma before any of these or before a time or a medium.
/// Returns the number of tokens to skip.
fn skippable_insert(c: &Ctx, ix: &Index, p: usize, end: usize) -> Option<usize> {
    if c.is_word(p) && (c.info(p).has(flag::FRAME_ADVERB) || c.info(p).has(flag::HEDGE)) {
        return Some(1);
    }
    if let Some((n, _)) = c.phrase_at(p, end, |k| matches!(k, PhraseKind::Connective)) {
        return Some(n);
    }
    if c.is_word(p) && c.info(p).has(flag::CONNECTIVE) {
        return Some(1);
    }
    if c.text(p) == "(" {
        // a short aside: "(26 anos, 1,85 m)", "(IEBC)"
        let close = (p + 1..(p + 16).min(end)).find(|&k| c.text(k) == ")")?;
        return Some(close + 1 - p);
    }
    if c.kind(p) == TokKind::Number
        && p + 1 < end
        && c.text(p + 1) == ","
        && p > 0
        && c.text(p - 1) == ","
    {
        return Some(1); // ", 43,"
    }
    if c.text(p) == "," && p + 1 < end {
        let q = p + 1;
        let next_ok = ix.time_at(q).is_some_and(|t| ix.times[t].ts == q)
            || c.phrase_at(q, end, |k| {
                matches!(k, PhraseKind::Medium | PhraseKind::Connective)
            })
            .is_some()
            || c.is_word(q)
                && (c.info(q).has(flag::FRAME_ADVERB) || c.info(q).has(flag::CONNECTIVE))
            || c.kind(q) == TokKind::Number && q + 1 < end && c.text(q + 1) == ",";
        if next_ok {
            return Some(1);
        }
    }
    None
}

/// After a speech verb: addressee, adverbials and the opening of the content.
struct AfterVerb {
    content_start: usize,
    time: Option<usize>,
    medium: Option<(usize, usize)>,
    addressee: Option<usize>,
    /// The content opens with "que"/"that" or ":".
    marked: bool,
}

fn after_verb(ix: &Index, i: TokIn<'_>, kind: SpeechKind) -> Option<AfterVerb> {
    let c = i.ctx;
    let verb_end = i.pos;
    let (mut i, mut time, mut medium) = adverbials(ix, i);
    let mut addressee = None;
    // addressee: "told Putin", "disse a Putin", "told reporters"
    // "told Putin", "told reporters", "disse a Putin", "disse aos jornalistas"
    let try_addressee = |i: TokIn<'_>| -> Option<(usize, usize)> {
        let p = i.pos;
        if let Some(np) = ix.np_starting_at(p) {
            return Some((np, ix.nps[np].te));
        }
        if p < i.end && c.is_word(p) && c.info(p).has(flag::ADDRESSEE_PREP) {
            let np = ix.np_starting_at(p + 1)?;
            return Some((np, ix.nps[np].te));
        }
        None
    };
    if (kind == SpeechKind::Tell || c.lang.any_speech_verb_takes_addressee)
        && let Some((np, e)) = try_addressee(i)
    {
        let j = i.at(e);
        if j.peek()
            .is_some_and(|p| c.is_word(p) && c.info(p).has(flag::COMPLEMENTIZER))
            || kind == SpeechKind::Tell
        {
            addressee = Some(np);
            let (j2, t2, m2) = adverbials(ix, j);
            i = j2;
            time = time.or(t2);
            medium = medium.or(m2);
        }
    }
    let p = i.peek()?;
    // "informaram ontem, em nota enviada ao TRE (…), que", "considerou, porém, que": an aside
    // between commas before the complementizer
    if c.text(p) == "," || (verb_end..p).any(|k| c.text(k) == ",") {
        let mut depth = 0i32;
        for k in p..(p + 25).min(i.end.saturating_sub(1)) {
            match c.text(k) {
                "(" => depth += 1,
                ")" => depth -= 1,
                ";" => break,
                _ => {}
            }
            if depth < 0 || c.kind(k) == TokKind::Quote {
                break;
            }
            if k > p
                && c.is_word(k)
                && (c.info(k).speech.is_some() || c.info(k).has(flag::COMPLEMENTIZER))
            {
                break;
            }
            if depth == 0
                && c.text(k) == ","
                && c.is_word(k + 1)
                && c.info(k + 1).has(flag::COMPLEMENTIZER)
            {
                return Some(AfterVerb {
                    content_start: k + 2,
                    time,
                    medium,
                    addressee,
                    marked: true,
                });
            }
        }
    }
    if c.is_word(p) && c.info(p).has(flag::COMPLEMENTIZER) {
        return Some(AfterVerb {
            content_start: p + 1,
            time,
            medium,
            addressee,
            marked: true,
        });
    }
    if c.text(p) == ":" || c.text(p) == "," && kind == SpeechKind::Demand {
        return Some(AfterVerb {
            content_start: p + 1,
            time,
            medium,
            addressee,
            marked: true,
        });
    }
    if c.kind(p) == TokKind::Quote && ix.quote_by_open.contains_key(&p) {
        return Some(AfterVerb {
            content_start: p,
            time,
            medium,
            addressee,
            marked: true,
        });
    }
    // Without a complementizer: English "said he was …", and objects of demands.
    let unmarked_ok = matches!(kind, SpeechKind::Demand | SpeechKind::Ask)
        || (c.lang.code != "pt"
            && matches!(
                kind,
                SpeechKind::Say
                    | SpeechKind::Tell
                    | SpeechKind::Allege
                    | SpeechKind::Deny
                    | SpeechKind::Confirm
            )
            && (ix.np_starting_at(p).is_some()
                || c.is_word(p) && c.info(p).has(flag::DETERMINER)
                || indefinite_clause(c, p)
                || c.kind(p) == TokKind::Number
                || bare_plural_content(c, p)));
    if unmarked_ok && !matches!(c.text(p), "," | "." | ";" | "!" | "?") {
        return Some(AfterVerb {
            content_start: p,
            time,
            medium,
            addressee,
            marked: false,
        });
    }
    None
}

/// "said a bridge had collapsed", "said an inquiry was under way": an indefinite article
/// opening a clause, which needs a verb (auxiliary or copula) in the next few words; "said a
/// prayer for the victims" has none.
fn indefinite_clause(c: &Ctx, p: usize) -> bool {
    c.is_word(p)
        && c.info(p).has(flag::INDEFINITE)
        && (p + 2..(p + 9).min(c.toks.len())).any(|k| {
            c.is_word(k) && (c.info(k).has(flag::AUXILIARY) || c.info(k).has(flag::COPULA))
        })
}

/// "said laboratories had confirmed …", "said prices rose": a lower-case word opening a
/// content without a complementizer, when it is not a preposition, conjunction, adverb or one
/// of the language's non-content objects ("said nothing"), and a word follows it.
fn bare_plural_content(c: &Ctx, p: usize) -> bool {
    if !c.is_word(p) || c.toks.toks[p].cap || p + 1 >= c.toks.len() || !c.is_word(p + 1) {
        return false;
    }
    let info = c.info(p);
    let lw = c.lower(p);
    !(info.has(flag::PREPOSITION)
        || info.has(flag::CONJUNCTION)
        || info.has(flag::NON_CONTENT)
        || info.has(flag::LOCATIVE)
        || info.has(flag::TIME_PREP)
        || info.has(flag::FRAME_ADVERB)
        || info.has(flag::COMPLEMENTIZER)
        || info.has(flag::RELATIVIZER)
        || info.has(flag::AUXILIARY)
        || info.speech.is_some()
        || c.lang.adverb_suffixes.iter().any(|s| lw.ends_with(s)))
}

/// The longest content, in tokens. Contents nest (each cue in a run-on sentence opens a
/// content that holds the rest of it), so without a bound the work would be quadratic in the
/// length of a sentence; real contents are far shorter (the longest in the labelled corpus has
/// 66 tokens).
pub const MAX_CONTENT_TOKENS: usize = 256;

/// The end of a content that runs to the right: the sentence end, a clause that starts a new
/// independent frame, or the end of the quotation it opens with.
fn content_end_right(c: &Ctx, ix: &Index, start: usize, s: &Sentence) -> usize {
    // a content that opens with a quotation ends with it (possibly in a later sentence)
    if let Some(&q) = ix.quote_by_open.get(&start)
        && let Some(cl) = ix.quotes[q].close
        && cl < start + MAX_CONTENT_TOKENS
    {
        return cl + 1;
    }
    let mut e = s.tok_end.min(start + MAX_CONTENT_TOKENS);
    // cut at "; " or ", mas/but X disse" (an independent frame)
    // a cue inside a quotation that opened within the content belongs to the quotation
    let outside_quote = |k: usize| {
        ix.quote_at(k)
            .is_none_or(|q| ix.quotes[q].outer_start >= c.toks.toks[start].start as usize)
    };
    // the content follows a complementizer ("disse que …")
    let after_complementizer =
        start > 0 && c.is_word(start - 1) && c.info(start - 1).has(flag::COMPLEMENTIZER);
    let mut k = start;
    while k + 1 < e {
        let t = c.text(k);
        if t == ";" {
            e = k;
            break;
        }
        // "negou que … e disse que …": the speaker goes on with another cue of their own (after
        // a complementizer only: in "Segundo o comunicado, Tokayev … e afirmou que …" the
        // second cue is Tokayev's, inside what the communiqué reports)
        if c.is_word(k)
            && c.info(k).has(flag::CONJUNCTION)
            && k > start
            && after_complementizer
            && c.is_word(k + 1)
            && c.info(k + 1).speech.is_some()
            && k + 2 < e
            && c.is_word(k + 2)
            && c.info(k + 2).has(flag::COMPLEMENTIZER)
            && outside_quote(k)
        {
            e = k;
            break;
        }
        // ", saying …", ", acrescentando que …": the speaker goes on in a frame of its own
        if t == ","
            && c.is_word(k + 1)
            && c.info(k + 1).speech.is_some()
            && !c.toks.toks[k + 1].cap
            && outside_quote(k)
            && c.lang
                .gerund_suffixes
                .iter()
                .any(|g| c.lower(k + 1).ends_with(g))
        {
            e = k;
            break;
        }
        // ", but X said …" starts another attribution; inside a quotation it does not
        if t == ","
            && c.is_word(k + 1)
            && c.info(k + 1).has(flag::CONTRAST)
            && outside_quote(k)
            && (k + 2..(k + 10).min(e)).any(|j| c.is_word(j) && c.info(j).speech.is_some())
        {
            e = k;
            break;
        }
        k += 1;
    }
    trim_end(c, start, e)
}

/// Drop final punctuation (keeping closing quotes that belong to the content).
fn trim_end(c: &Ctx, start: usize, mut e: usize) -> usize {
    while e > start {
        let k = e - 1;
        let t = c.text(k);
        if matches!(
            c.kind(k),
            TokKind::Punct | TokKind::Ellipsis | TokKind::Dash
        ) && !matches!(t, ")" | "]" | "%")
        {
            e -= 1;
            continue;
        }
        break;
    }
    e
}

fn trim_start(c: &Ctx, mut s: usize, e: usize) -> usize {
    // a bounded look: a flood of punctuation before many cues must not cost each cue its length
    let e = e.min(s + MAX_CONTENT_TOKENS);
    while s < e
        && matches!(c.kind(s), TokKind::Punct | TokKind::Dash)
        && !matches!(c.text(s), "(" | "[")
    {
        s += 1;
    }
    s
}

/// Content to the left of a cue at `k` (the token before is a comma or a closing quote):
/// from the clause start (or the quotation's opening) up to `k`.
fn content_left(c: &Ctx, ix: &Index, s: &Sentence, k: usize) -> Option<(usize, usize, QuoteKind)> {
    let mut e = k;
    // skip the comma/dash
    while e > s.tok_start && matches!(c.text(e - 1), "," | "—" | "–" | "-" | "--") {
        e -= 1;
    }
    if e == 0 {
        return None;
    }
    // a closing quotation mark: the content is the quotation
    if let Some(&q) = ix.quote_by_close.get(&(e - 1)) {
        let open = ix.quotes[q].open;
        let qe = e - 1;
        let qs = (open + 1).max(qe.saturating_sub(MAX_CONTENT_TOKENS));
        // quotation plus text before it in the same sentence: mixed
        let ss = trim_start(c, s.tok_start, s.tok_end);
        if open > ss && open >= s.tok_start {
            let ss = ss.max(e.saturating_sub(MAX_CONTENT_TOKENS));
            return Some((ss, e, QuoteKind::Mixed));
        }
        return Some((qs, trim_end(c, qs, qe), QuoteKind::Direct));
    }
    let ss = trim_start(c, s.tok_start.max(e.saturating_sub(MAX_CONTENT_TOKENS)), e);
    if ss >= e {
        return None;
    }
    let has_quote = (ss..e).any(|t| c.kind(t) == TokKind::Quote);
    Some((
        ss,
        trim_end(c, ss, e),
        if has_quote {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        },
    ))
}

fn byte_range(c: &Ctx, ts: usize, te: usize) -> (usize, usize) {
    if te <= ts {
        let b = c.toks.toks[ts.min(c.toks.len() - 1)].start as usize;
        return (b, b);
    }
    (
        c.toks.toks[ts].start as usize,
        c.toks.toks[te - 1].end as usize,
    )
}

fn quote_kind(c: &Ctx, ix: &Index, ts: usize, te: usize) -> QuoteKind {
    if ts > 0 && ix.quote_by_open.contains_key(&(ts - 1)) {
        return QuoteKind::Direct;
    }
    if ix.quote_by_open.contains_key(&ts) {
        return QuoteKind::Direct;
    }
    if (ts..te).any(|k| c.kind(k) == TokKind::Quote) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// The quotation a content opens with: use its inner range.
fn strip_quote(ix: &Index, ts: usize, te: usize) -> (usize, usize) {
    if let Some(&q) = ix.quote_by_open.get(&ts) {
        if let Some(cl) = ix.quotes[q].close
            && cl < te + 1
        {
            return (ts + 1, cl);
        }
        return (ts + 1, te);
    }
    (ts, te)
}

/// Find the frames of one sentence.
fn sentence_frames(c: &Ctx, ix: &Index, s: &Sentence, si: usize, out: &mut Vec<Frame>) {
    let first_new = out.len();
    let mut k = s.tok_start;
    while k < s.tok_end {
        // every cue below opens with a lexicon phrase or a speech verb: most tokens are
        // neither, and are passed over without trying each frame
        if !(c.has_phrase(k) || c.is_word(k) && c.info(k).speech.is_some()) {
            k += 1;
            continue;
        }
        let i = TokIn::new(c, k, s.tok_end);
        let found = report_cue(c, ix, s, si, i)
            .or_else(|| according_to(c, ix, s, si, i))
            .or_else(|| speech(c, ix, s, si, i));
        match found {
            Some(f) => {
                let next = f.cue.map(|(_, e)| e).unwrap_or(k + 1).max(k + 1);
                out.push(f);
                k = next;
            }
            None => k += 1,
        }
    }
    // a verb that continues an earlier frame of the sentence shares its speaker
    let mut j = first_new;
    while j < out.len() {
        if out[j].implicit_speaker
            && out[j].form == FrameForm::SpeakerFirst
            && out[j].speaker.is_none()
        {
            // (not a cue inside the frame's own content: in "Segundo o comunicado, Tokayev … e
            // afirmou que …" the one who affirms is Tokayev, whom no frame names)
            let cue = out[j].cue.map_or(0, |(s, _)| s);
            match out[first_new..j].last() {
                Some(p) if !(p.content_toks.0 <= cue && cue < p.content_toks.1) => {
                    // an unwritten speaker there is filled in `frames`, in order
                    out[j].speaker = p.speaker;
                }
                _ => {
                    out.remove(j);
                    continue;
                }
            }
        }
        j += 1;
    }
    // sentence-initial time phrases before the speaker are statement times
    for f in &mut out[first_new..] {
        if f.time.is_none() && matches!(f.form, FrameForm::SpeakerFirst | FrameForm::SpeakerAfter) {
            let to = f.span_toks.0;
            // a bounded look back: one long sentence of many frames must stay linear
            let from = s.tok_start.max(to.saturating_sub(MAX_CONTENT_TOKENS));
            f.time = (from..to)
                .rev()
                .filter_map(|k| ix.time_at(k))
                .find(|&t| ix.times[t].te <= to);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn make(
    c: &Ctx,
    si: usize,
    form: FrameForm,
    speaker: Option<usize>,
    cue: Option<(usize, usize)>,
    speech: Option<SpeechKind>,
    content: (usize, usize),
    quote: QuoteKind,
    span: (usize, usize),
) -> Frame {
    Frame {
        sentence: si,
        form,
        speaker,
        cue,
        speech,
        addressee: None,
        content: byte_range(c, content.0, content.1),
        content_toks: content,
        extra: None,
        extra_toks: None,
        quote,
        time: None,
        medium: None,
        span: byte_range(c, span.0, span.1),
        span_toks: span,
        parent: None,
        implicit_speaker: false,
    }
}

fn report_cue(c: &Ctx, ix: &Index, s: &Sentence, si: usize, i: TokIn<'_>) -> Option<Frame> {
    let (_, (k, n, _)) = phrase(|p| matches!(p, PhraseKind::ReportCue))(i).ok()?;
    let after = k + n;
    // "…, according to reports." — content before
    let at_end = after >= s.tok_end || matches!(c.text(after), "." | "!" | "?" | ";");
    if at_end {
        let (cs, ce, q) = content_left(c, ix, s, k)?;
        if ce <= cs {
            return None;
        }
        let mut f = make(
            c,
            si,
            FrameForm::Report,
            None,
            Some((k, after)),
            None,
            (cs, ce),
            q,
            (cs, after),
        );
        f.quote = q;
        return Some(f);
    }
    let mut cs = after;
    if c.text(cs) == "," || c.is_word(cs) && c.info(cs).has(flag::COMPLEMENTIZER) {
        cs += 1;
    }
    let ce = content_end_right(c, ix, cs, s);
    if ce <= cs {
        return None;
    }
    let q = quote_kind(c, ix, cs, ce);
    Some(make(
        c,
        si,
        FrameForm::Report,
        None,
        Some((k, after)),
        None,
        (cs, ce),
        q,
        (k, ce),
    ))
}

fn according_to(c: &Ctx, ix: &Index, s: &Sentence, si: usize, i: TokIn<'_>) -> Option<Frame> {
    let (_, (k, n, _)) = phrase(|p| matches!(p, PhraseKind::AccordingTo))(i).ok()?;
    let np = ix.np_starting_at(k + n)?;
    if !speaker_ok(&ix.nps[np]) {
        return None;
    }
    let np_end = ix.nps[np].te;
    let (r, time, medium) = adverbials(ix, TokIn::new(c, np_end, s.tok_end));
    let after = r.pos;
    let clause_start = k == trim_start(c, s.tok_start, s.tok_end)
        || k > s.tok_start && matches!(c.text(k - 1), "," | "—" | "(");
    let right = |cs: usize| -> Option<(usize, usize, QuoteKind, (usize, usize))> {
        let ce = content_end_right(c, ix, cs, s);
        (ce > cs).then(|| (cs, ce, quote_kind(c, ix, cs, ce), (k, ce)))
    };
    let (cs, ce, q, span) = if after < s.tok_end
        && c.text(after) == ","
        && clause_start
        && (k == s.tok_start || k > s.tok_start && c.text(k - 1) != ",")
    {
        // "Segundo X, CONTENT."
        right(after + 1)?
    } else if k > s.tok_start && matches!(c.text(k - 1), "," | "—" | "(") {
        // "CONTENT, segundo X."
        let (cs, ce, q) = content_left(c, ix, s, k)?;
        if ce <= cs {
            return None;
        }
        (cs, ce, q, (cs, after))
    } else if k == trim_start(c, s.tok_start, s.tok_end) {
        // "According to X CONTENT" without a comma
        right(after)?
    } else {
        return None;
    };
    let mut f = make(
        c,
        si,
        FrameForm::AccordingTo,
        Some(np),
        Some((k, k + n)),
        Some(SpeechKind::Say),
        (cs, ce),
        q,
        span,
    );
    f.time = time;
    f.medium = medium;
    // "Alguns prazos estão, segundo X, a poucos dias do limite"
    if f.content_toks.0 < k && !continue_right(c, ix, s, after, &mut f) {
        return None;
    }
    Some(f)
}

fn speech_cue<'a>(i: TokIn<'a>) -> PResult<'a, (usize, usize, SpeechKind)> {
    let c = i.ctx;
    if let Ok((r, (s, n, PhraseKind::Speech(k)))) =
        phrase(|p| matches!(p, PhraseKind::Speech(_)))(i)
    {
        return Ok((r, (s, s + n, *k)));
    }
    match i.peek() {
        Some(p) if c.is_word(p) => match c.info(p).speech {
            Some(k) => Ok((i.at(p + 1), (p, p + 1, k))),
            None => fail(i),
        },
        _ => fail(i),
    }
}

/// Small words allowed between a speaker and its verb: "o Kremlin também disse".
fn between_speaker_and_verb(c: &Ctx, ix: &Index, from: usize, to: usize) -> (bool, Option<usize>) {
    let mut k = from;
    let mut time = None;
    while k < to {
        if let Some(t) = ix.time_at(k) {
            time = Some(t);
            k = ix.times[t].te.max(k + 1);
            continue;
        }
        if c.is_word(k) && c.info(k).has(flag::AUXILIARY) && !c.info(k).has(flag::PASSIVE) {
            k += 1; // "has said", "had told"
            continue;
        }
        if c.text(k) == "," {
            k += 1;
            continue;
        }
        if let Some((n, _)) = c.phrase_at(k, to, |p| matches!(p, PhraseKind::Medium)) {
            k += n;
            continue;
        }
        if let Some(n) = skippable_insert(c, ix, k, to) {
            k += n;
            continue;
        }
        // "Fontes em Washington disseram", "officials in Kyiv said"
        if c.is_word(k)
            && c.info(k).has(flag::PREPOSITION)
            && let Some(np) = ix.np_starting_at(k + 1)
            && ix.nps[np].kind == NpKind::Place
            && ix.nps[np].te <= to
        {
            k = ix.nps[np].te;
            continue;
        }
        return (false, None);
    }
    (true, time)
}

/// Does a phrase at `ts` open the sentence that starts at `first`, allowing a determiner and
/// up to two lower-case descriptors before a name ("A nadadora Inês Lobo")?
fn opens_sentence(c: &Ctx, first: usize, ts: usize) -> bool {
    if ts == first {
        return true;
    }
    if ts > first + 3 || !(c.is_word(first) && c.info(first).has(flag::DETERMINER)) {
        return false;
    }
    (first + 1..ts).all(|k| {
        c.is_word(k)
            && !c.toks.toks[k].cap
            && c.info(k).speech.is_none()
            && !c.info(k).has(flag::AUXILIARY)
            && !c.info(k).has(flag::COPULA)
            && !c.info(k).has(flag::PREPOSITION)
    })
}

/// The antecedent of a relative pronoun right before a speech verb at `v` (", que disse",
/// ", who said", with adverbs or auxiliaries between): the phrase before the comma, or, when
/// that is a prepositional apposition ("Vitor Dias, da sua Comissão Política, que"), the name
/// before it. Places are not speakers here ("Lisboa, que disse" is not a frame).
fn relative_antecedent(c: &Ctx, ix: &Index, s: &Sentence, v: usize) -> Option<usize> {
    let mut r = v.checked_sub(1)?;
    while r > s.tok_start
        && c.is_word(r)
        && (c.info(r).has(flag::FRAME_ADVERB)
            || c.info(r).has(flag::HEDGE)
            || c.info(r).has(flag::AUXILIARY))
    {
        r -= 1;
    }
    if r < s.tok_start + 2
        || !c.is_word(r)
        || !c.info(r).has(flag::RELATIVIZER)
        || c.text(r - 1) != ","
    {
        return None;
    }
    let np = ix.np_ending_at(r - 1)?;
    let n = &ix.nps[np];
    if n.ts < s.tok_start || !speaker_ok(n) || n.kind == NpKind::Place {
        return None;
    }
    if n.after_prep
        && !matches!(n.kind, NpKind::Name | NpKind::Pronoun)
        && n.ts >= s.tok_start + 2
        && c.text(n.ts - 2) == ","
        && let Some(before) = ix.np_ending_at(n.ts - 2)
        && ix.nps[before].kind == NpKind::Name
        && ix.nps[before].ts >= s.tok_start
    {
        return Some(before);
    }
    Some(np)
}

/// The subject of a speech verb at `v` that stands before an apposition or an aside closed by
/// a comma: "Marius Weiers, alto funcionário do ministério, disse", "Ana Moser (26 anos),
/// revelou". The name must open the sentence, and the material between it and the verb must
/// hold no verb-like word (speech verb, relative pronoun, auxiliary, copula, complementizer) and
/// no quotation.
fn subject_before_apposition(c: &Ctx, ix: &Index, s: &Sentence, v: usize) -> Option<usize> {
    if v < s.tok_start + 3 || c.text(v - 1) != "," {
        return None;
    }
    let first = trim_start(c, s.tok_start, s.tok_end);
    let lo = v.saturating_sub(40).max(first);
    let mut depth = 0i32;
    let mut r = v - 1;
    while r > lo {
        r -= 1;
        let t = c.text(r);
        match t {
            ")" => depth += 1,
            "(" => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return None;
        }
        if c.kind(r) == TokKind::Quote || t == ";" {
            return None;
        }
        if depth == 0
            && c.is_word(r)
            && (c.info(r).speech.is_some()
                || c.info(r).has(flag::RELATIVIZER)
                || c.info(r).has(flag::COMPLEMENTIZER)
                || c.info(r).has(flag::AUXILIARY)
                || c.info(r).has(flag::COPULA))
        {
            return None;
        }
        let boundary = depth == 0 && (t == "," || t == "(" && r + 1 < v);
        if !boundary {
            continue;
        }
        if let Some(np) = ix.np_ending_at(r)
            && opens_sentence(c, first, ix.nps[np].ts)
            && matches!(ix.nps[np].kind, NpKind::Name | NpKind::Org)
            && ix.nps[np].name.is_some()
            && speaker_ok(&ix.nps[np])
            // the aside is a phrase, or an age ("Graça Neto, de 47 anos,", "Otieno, 58,")
            && (t == "("
                || (r + 1..(r + 4).min(v))
                    .any(|k| ix.np_starting_at(k).is_some() || c.kind(k) == TokKind::Number))
        {
            return Some(np);
        }
    }
    None
}

fn speech(c: &Ctx, ix: &Index, s: &Sentence, si: usize, i: TokIn<'_>) -> Option<Frame> {
    let (after_cue, (v, ve, kind)) = speech_cue(i).ok()?;
    // what follows the verb, read once (up to four of the frames below ask for it)
    let after = std::cell::OnceCell::new();
    let after = || {
        after
            .get_or_init(|| after_verb(ix, after_cue, kind))
            .as_ref()
    };
    // 1. speaker before the verb
    let mut sp_np = None;
    let mut sp_time = None;
    for gap in 0..=5usize {
        if v < s.tok_start + gap {
            break;
        }
        let end = v - gap;
        if let Some(np) = ix.np_ending_at(end)
            && speaker_ok(&ix.nps[np])
            && ix.nps[np].ts >= s.tok_start
        {
            // a place after a preposition may belong to the speaker: "Fontes em Washington"
            if ix.nps[np].after_prep && ix.nps[np].kind == NpKind::Place {
                continue;
            }
            // "The damage, said Paul Reed, …": a phrase and a bare comma before the verb is
            // the content of an inverted frame, not its speaker
            let in_apposition = ix.nps[np].apposition_of.is_some()
                || ix.nps[np].ts >= 2
                    && ix
                        .np_ending_at(ix.nps[np].ts - 1)
                        .is_some_and(|a| ix.nps[a].apposition_of == Some(np));
            if end + 1 == v && c.text(end) == "," && !in_apposition {
                break;
            }
            let (ok, t) = between_speaker_and_verb(c, ix, end, v);
            if ok && !ix.nps[np].after_prep {
                // "Dana Whitfield, deputy director of X, said": the name the role stands beside
                sp_np = Some(match ix.nps[np].apposition_of {
                    Some(a) if ix.nps[np].kind == NpKind::Role && ix.nps[a].ts < ix.nps[np].ts => a,
                    _ => np,
                });
                sp_time = t;
            }
            break;
        }
    }
    // "Marius Weiers, alto funcionário do ministério, disse", "Ana Moser (26 anos), revelou":
    // a sentence-initial name before an apposition or an aside
    // "o ministro, que disse que …", "Vitor Dias, da Comissão Política, que salientou que …"
    if sp_np.is_none() {
        sp_np = relative_antecedent(c, ix, s, v);
    }
    // Only with a content that is more than the phrase after the verb ("que", ":", a
    // quotation, or an English clause), so "Silva, líder do partido, venceu a eleição, disse o
    // ministro" and "…, said the minister." stay inverted frames.
    let clause_after = |a: &AfterVerb| {
        a.marked
            || ix.np_starting_at(a.content_start).is_none_or(|np| {
                let e = ix.nps[np].te;
                e < s.tok_end && !matches!(c.text(e), "." | "!" | "?" | ";" | ",")
            })
    };
    if sp_np.is_none() && after().is_some_and(clause_after) {
        sp_np = subject_before_apposition(c, ix, s, v);
    }
    // "Benavides, who flew to Quito and returned to Lima on Sunday, said …": the speaker
    // stands before the relative clause
    if (sp_np.is_none() || sp_np.is_some_and(|n| ix.nps[n].kind == NpKind::Place))
        && v > s.tok_start
        && c.text(v - 1) == ","
    {
        let lo = v.saturating_sub(40).max(s.tok_start + 1);
        for r in (lo..v - 1).rev() {
            if c.is_word(r) && c.info(r).has(flag::RELATIVIZER) && c.text(r - 1) == "," {
                if let Some(np) = ix
                    .np_ending_at(r - 1)
                    .filter(|&np| speaker_ok(&ix.nps[np]) && ix.nps[np].kind != NpKind::Place)
                {
                    sp_np = Some(np);
                    sp_time = None;
                }
                break;
            }
        }
    }
    if let Some(np) = sp_np {
        // content to the right?
        if let Some(av) = after()
            && let Some(mut f) =
                frame_right(c, ix, s, si, Some(np), (v, ve), kind, av, ix.nps[np].ts)
        {
            f.time = f.time.or(sp_time);
            return Some(f);
        }
        // "…, X said." — speaker after the content
        let np_ts = ix.nps[np].ts;
        if np_ts > s.tok_start
            && (matches!(c.text(np_ts - 1), "," | "—" | "–" | "--")
                || ix.quote_by_close.contains_key(&(np_ts - 1)))
        {
            // "…," Pereyra told Radio Nihuil, adding …: skip an addressee
            let after_cue = match ix.np_starting_at(after_cue.pos) {
                Some(a) if kind == SpeechKind::Tell || c.lang.any_speech_verb_takes_addressee => {
                    after_cue.at(ix.nps[a].te)
                }
                _ => after_cue,
            };
            let (r, time, medium) = adverbials(ix, after_cue);
            // after a closed quotation, a short phrase may close the frame ("said after the vote")
            let r = after_quote_tail(c, ix, s, r, np_ts);
            if is_tail(c, s, r.pos) {
                // (an empty content on the left: try the inverted frame below)
                let (cs, ce, _) = content_left(c, ix, s, np_ts)?;
                if ce > cs {
                    let mut f = frame_left(c, ix, s, si, Some(np), (v, ve), kind, np_ts, r.pos)?;
                    f.time = time.or(sp_time);
                    f.medium = medium;
                    return Some(f);
                }
            }
        }
    }
    // "negou que … e disse que …": a cue after a conjunction, with a complementizer, continues
    // the frame before it in the sentence (its speaker is filled in `sentence_frames`)
    if v > s.tok_start + 1
        && c.is_word(v - 1)
        && c.info(v - 1).has(flag::CONJUNCTION)
        && let Some(av) = after().filter(|a| a.marked)
        && let Some(mut f) = frame_right(c, ix, s, si, None, (v, ve), kind, av, v)
    {
        f.implicit_speaker = true;
        return Some(f);
    }
    // 2. inverted: "…, disse X" / "“…”, said X"
    if v > s.tok_start
        && (matches!(c.text(v - 1), "," | "—" | "–" | "--")
            || ix.quote_by_close.contains_key(&(v - 1)))
    {
        let (mut r, mut t1, mut m1) = adverbials(ix, after_cue);
        // "disse ao PÚBLICO o presidente": the one spoken to comes first
        if let Some(p) = r.peek()
            && c.is_word(p)
            && c.info(p).has(flag::ADDRESSEE_PREP)
            && let Some(a) = ix.np_starting_at(p + 1)
            && ix.np_starting_at(ix.nps[a].te).is_some()
        {
            let (r2, t2, m2) = adverbials(ix, r.at(ix.nps[a].te));
            r = r2;
            t1 = t1.or(t2);
            m1 = m1.or(m2);
        }
        let Some(np) = ix
            .np_starting_at(r.pos)
            .filter(|&np| speaker_ok(&ix.nps[np]))
        else {
            // "«…», disse." — the speaker is not written: the one quoted before
            if !is_tail(c, s, r.pos) {
                // "afirmou, revelando que …", "…», acrescentando que …": the verb continues
                // the frame before it in the same sentence (resolved in `sentence_frames`)
                let av = after().filter(|a| a.marked)?;
                if c.text(v - 1) != "," {
                    return None;
                }
                let mut f = frame_right(c, ix, s, si, None, (v, ve), kind, av, v)?;
                f.implicit_speaker = true;
                return Some(f);
            }
            let mut f = frame_left(c, ix, s, si, None, (v, ve), kind, v, r.pos)?;
            f.implicit_speaker = true;
            f.time = t1;
            f.medium = m1;
            return Some(f);
        };
        let (r2, time, medium) = adverbials(ix, TokIn::new(c, ix.nps[np].te, s.tok_end));
        let r2 = after_quote_tail(c, ix, s, r2, v);
        if !is_tail(c, s, r2.pos) {
            return None;
        }
        let mut f = frame_left(c, ix, s, si, Some(np), (v, ve), kind, v, r2.pos)?;
        f.time = time.or(t1);
        f.medium = medium.or(m1);
        return Some(f);
    }
    None
}

/// Does the frame end at `pos` (the sentence end or a punctuation mark)?
fn is_tail(c: &Ctx, s: &Sentence, pos: usize) -> bool {
    pos >= s.tok_end || matches!(c.text(pos), "." | "," | ";" | "!" | "?" | "…" | "...")
}

/// Does a closed quotation end right before token `k` (“…,” X / «…», X)?
/// `r`, past a short phrase that may close the frame after a closed quotation ("“…,” the
/// mayor said after the vote"), when the quotation closes right before token `k`.
fn after_quote_tail<'a>(c: &Ctx, ix: &Index, s: &Sentence, r: TokIn<'a>, k: usize) -> TokIn<'a> {
    if closes_quote(c, ix, k) {
        r.at(trailing_phrase(c, s, r.pos))
    } else {
        r
    }
}

fn closes_quote(c: &Ctx, ix: &Index, k: usize) -> bool {
    k >= 1 && ix.quote_by_close.contains_key(&(k - 1))
        || k >= 2 && c.text(k - 1) == "," && ix.quote_by_close.contains_key(&(k - 2))
}

/// The end of a short prepositional phrase closing a frame whose content is a closed
/// quotation: "“…,” the mayor said after the vote." A preposition, then at most eight words
/// with no verb-like word (speech verb, auxiliary, complementizer, relative), no quotation
/// mark, up to the end of the sentence or a punctuation mark. `pos` itself when there is none.
fn trailing_phrase(c: &Ctx, s: &Sentence, pos: usize) -> usize {
    if pos >= s.tok_end || !c.is_word(pos) || !c.info(pos).has(flag::PREPOSITION) {
        return pos;
    }
    let mut k = pos + 1;
    while k < s.tok_end && k <= pos + 8 {
        if is_tail(c, s, k) {
            return k;
        }
        if c.kind(k) == TokKind::Quote {
            return pos;
        }
        if c.is_word(k) {
            let info = c.info(k);
            if info.speech.is_some()
                || info.has(flag::AUXILIARY)
                || info.has(flag::COMPLEMENTIZER)
                || info.has(flag::RELATIVIZER)
            {
                return pos;
            }
        }
        k += 1;
    }
    if k >= s.tok_end { k } else { pos }
}

/// A frame whose content runs to the right of the verb, from what `after_verb` found; the
/// frame's span starts at `span_start`.
#[allow(clippy::too_many_arguments)]
fn frame_right(
    c: &Ctx,
    ix: &Index,
    s: &Sentence,
    si: usize,
    speaker: Option<usize>,
    cue: (usize, usize),
    kind: SpeechKind,
    av: &AfterVerb,
    span_start: usize,
) -> Option<Frame> {
    let ce = content_end_right(c, ix, av.content_start, s);
    let cs = trim_start(c, av.content_start, ce);
    if ce <= cs {
        return None;
    }
    let q = quote_kind(c, ix, cs, ce);
    let (qs, qe) = if q == QuoteKind::Direct {
        strip_quote(ix, cs, ce)
    } else {
        (cs, ce)
    };
    let form = FrameForm::SpeakerFirst;
    let mut f = make(
        c,
        si,
        form,
        speaker,
        Some(cue),
        Some(kind),
        (qs, qe),
        q,
        (span_start, ce),
    );
    f.time = av.time;
    f.medium = av.medium;
    f.addressee = av.addressee;
    Some(f)
}

/// A frame whose content lies to the left of `left_of` (the speaker or the verb), ending at
/// `tail`; the content continues after an inserted frame (`continue_right`).
#[allow(clippy::too_many_arguments)]
fn frame_left(
    c: &Ctx,
    ix: &Index,
    s: &Sentence,
    si: usize,
    speaker: Option<usize>,
    cue: (usize, usize),
    kind: SpeechKind,
    left_of: usize,
    tail: usize,
) -> Option<Frame> {
    let (cs, ce, q) = content_left(c, ix, s, left_of)?;
    if ce <= cs {
        return None;
    }
    let form = FrameForm::SpeakerAfter;
    let mut f = make(
        c,
        si,
        form,
        speaker,
        Some(cue),
        Some(kind),
        (cs, ce),
        q,
        (cs, tail),
    );
    continue_right(c, ix, s, tail, &mut f).then_some(f)
}

/// After a frame inserted in the middle of its content ("Os prejuízos, disse X, estão
/// cobertos", "A,” disse X, “B."), the rest of the sentence continues the content. Returns
/// false when the frame is not a speech frame at all: a lone fronted phrase before it and more
/// text after ("No cargo desde Outubro, ela assegurava, entre outras coisas, a ligação…" is
/// "assegurar" = to handle).
fn continue_right(c: &Ctx, ix: &Index, s: &Sentence, after: usize, f: &mut Frame) -> bool {
    if after + 1 >= s.tok_end || c.text(after) != "," {
        return true;
    }
    if ix.quote_by_open.contains_key(&(after + 1)) {
        split_quote(c, ix, s, after, f);
        return true;
    }
    if f.quote != QuoteKind::Indirect {
        return true;
    }
    let (cs, ce) = f.content_toks;
    let fronted_phrase =
        c.is_word(cs) && c.info(cs).has(flag::PREPOSITION) && !(cs..ce).any(|k| c.text(k) == ",");
    let rest = after + 1;
    let rest_end = content_end_right(c, ix, rest, s);
    let clause_like = c.is_word(rest)
        && !c.info(rest).has(flag::RELATIVIZER)
        && !c.info(rest).has(flag::CONJUNCTION)
        && !c.info(rest).has(flag::CONTRAST)
        && !(rest..rest_end).any(|k| c.is_word(k) && c.info(k).speech.is_some());
    if fronted_phrase {
        return false;
    }
    if clause_like && rest_end > rest {
        f.extra_toks = Some((rest, rest_end));
        f.extra = Some(byte_range(c, rest, rest_end));
        f.span_toks.1 = f.span_toks.1.max(rest_end);
        f.span = byte_range(c, f.span_toks.0, f.span_toks.1);
    }
    true
}

/// "“A,” disse X, “B.”": the second quotation continues the content.
fn split_quote(c: &Ctx, ix: &Index, s: &Sentence, after: usize, f: &mut Frame) {
    if after + 1 < s.tok_end
        && c.text(after) == ","
        && let Some(&q) = ix.quote_by_open.get(&(after + 1))
    {
        let qt = &ix.quotes[q];
        let end = qt
            .close
            .unwrap_or(s.tok_end)
            .min(after + 2 + MAX_CONTENT_TOKENS);
        let (qs, qe) = (after + 2, trim_end(c, after + 2, end));
        if qe > qs {
            f.extra_toks = Some((qs, qe));
            f.extra = Some(byte_range(c, qs, qe));
            // the closing mark belongs to the frame; an unclosed quotation has none (and may
            // end the draft: there is no token after it)
            let span_end = if qt.close == Some(end) { end + 1 } else { end };
            f.span_toks.1 = f.span_toks.1.max(span_end);
            f.span = byte_range(c, f.span_toks.0, f.span_toks.1);
        }
    }
}

/// All frames of a document, with nesting, plus floating and unattributed quotations.
pub fn frames(c: &Ctx, ix: &Index, sentences: &[Sentence]) -> Vec<Frame> {
    let mut out: Vec<Frame> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        if s.heading && is_title_case(c, s) {
            continue;
        }
        sentence_frames(c, ix, s, si, &mut out);
    }
    floating_quotes(c, ix, sentences, &mut out);
    // An unwritten speaker is the last one quoted, in this paragraph or the three before,
    // unless a sentence in between opens with another name (the story moved on: no guess).
    for fi in 0..out.len() {
        if out[fi].implicit_speaker && out[fi].speaker.is_none() {
            let block = sentences[out[fi].sentence].block;
            let prev = out[..fi]
                .iter()
                .rev()
                .take_while(|p| sentences[p.sentence].block + 3 >= block)
                .find(|p| p.speaker.is_some());
            if let Some(p) = prev {
                let moved_on = (p.sentence + 1..out[fi].sentence).any(|si| {
                    let s = &sentences[si];
                    let first = trim_start(c, s.tok_start, s.tok_end);
                    // another name: its last word differs from the speaker's
                    let last = |np: usize| c.lower(ix.nps[np].te - 1);
                    ix.np_starting_at(first).is_some_and(|np| {
                        ix.nps[np].kind == NpKind::Name
                            && p.speaker.is_none_or(|sp| last(sp) != last(np))
                    })
                });
                if !moved_on {
                    out[fi].speaker = p.speaker;
                }
            }
            // no one quoted before: the one person the two sentences before are about
            // ("… nos olhos de Joaquim Afonso um brilho de saudade. «…», garante.")
            if out[fi].speaker.is_none() {
                out[fi].speaker = topic_person(c, ix, sentences, out[fi].sentence);
            }
        }
    }
    out.retain(|f| !(f.implicit_speaker && f.speaker.is_none()));
    // nesting: a frame whose cue lies inside another frame's content
    let mut stack: Vec<usize> = Vec::new();
    for fi in 0..out.len() {
        let cue = out[fi]
            .cue
            .map(|(s, _)| s)
            .unwrap_or(out[fi].content_toks.0);
        while let Some(&top) = stack.last() {
            let (cs, ce) = out[top].content_toks;
            if cue >= cs && cue < ce {
                break;
            }
            stack.pop();
        }
        if let Some(&top) = stack.last() {
            out[fi].parent = Some(top);
        }
        stack.push(fi);
    }
    out
}

/// The only person named (or named by a role) in the two sentences before sentence `si`, in
/// its paragraph or the two before, outside quotations; None when there are none or several.
fn topic_person(c: &Ctx, ix: &Index, sentences: &[Sentence], si: usize) -> Option<usize> {
    let block = sentences[si].block;
    let mut found: Option<usize> = None;
    let mut key: Option<&str> = None;
    for sj in (si.saturating_sub(2)..si).rev() {
        let s = &sentences[sj];
        if s.block + 2 < block || s.heading {
            continue;
        }
        for k in s.tok_start..s.tok_end {
            let Some(np) = ix.np_starting_at(k) else {
                continue;
            };
            let n = &ix.nps[np];
            let person =
                n.kind == NpKind::Name && n.name.is_some() && !n.acronym || n.kind == NpKind::Role;
            if !person || ix.quote_at(k).is_some() {
                continue;
            }
            let last = c.lower(n.te - 1);
            match key {
                None => {
                    key = Some(last);
                    found = Some(np);
                }
                Some(l) if l == last => {}
                Some(_) => return None,
            }
        }
    }
    found
}

/// Sentences that lie wholly inside a quotation right after a direct quotation of speaker S
/// (in the same paragraph or the next) are S's too: "“…,” Milano said. “Nobody likes it.”"
fn floating_quotes(c: &Ctx, ix: &Index, sentences: &[Sentence], out: &mut Vec<Frame>) {
    let mut by_sentence: Vec<Option<usize>> = vec![None; sentences.len()];
    // sentences inside a content that begins in an earlier sentence ("«A. ⏎ B», conclui.")
    let mut covered = vec![false; sentences.len()];
    for (fi, f) in out.iter().enumerate() {
        by_sentence[f.sentence].get_or_insert(fi);
        let (cs, ce) = f.content_toks;
        for si in (0..f.sentence).rev() {
            if sentences[si].tok_end <= cs {
                break;
            }
            if sentences[si].tok_start + 1 >= cs && sentences[si].tok_end <= ce + 1 {
                covered[si] = true;
            }
        }
    }
    let mut added = Vec::new();
    let mut last_direct: Option<usize> = None; // frame index
    for (si, s) in sentences.iter().enumerate() {
        if let Some(fi) = by_sentence[si] {
            let f = &out[fi];
            last_direct = (f.speaker.is_some() && f.quote != QuoteKind::Indirect).then_some(fi);
            continue;
        }
        let Some(prev) = last_direct else { continue };
        if covered[si] {
            continue;
        }
        let (ts, te) = (trim_start(c, s.tok_start, s.tok_end), s.tok_end);
        let quoted = ts < te
            && (ts..te)
                .filter(|&k| c.is_word(k))
                .all(|k| ix.quote_at(k).is_some());
        let near = sentences[out[prev].sentence].block + 1 >= s.block;
        if !quoted || !near {
            last_direct = None;
            continue;
        }
        let (cs, ce) = (
            if c.kind(ts) == TokKind::Quote {
                ts + 1
            } else {
                ts
            },
            trim_end(c, ts, te),
        );
        if ce <= cs {
            continue;
        }
        let p = &out[prev];
        let mut f = make(
            c,
            si,
            FrameForm::Floating,
            p.speaker,
            None,
            p.speech,
            (cs, ce),
            QuoteKind::Direct,
            (cs, ce),
        );
        f.time = p.time;
        added.push(f);
    }
    out.extend(added);
    out.sort_by_key(|f| (f.sentence, f.span_toks.0));
}

/// A heading in Title Case ("Ex-President Left The Country") is not read for claims.
pub fn is_title_case(c: &Ctx, s: &Sentence) -> bool {
    let words: Vec<usize> = (s.tok_start..s.tok_end)
        .filter(|&k| c.is_word(k) && c.lower(k).chars().count() > 3)
        .collect();
    words.len() >= 3 && words.iter().all(|&k| c.toks.toks[k].cap)
}
