//! Claims: each frame (or plain sentence) becomes a claim with a source, a cue, a content and
//! normalised propositions: subject, predicate class, arguments, polarity, continuity, mode,
//! certainty and times.

use crate::extract::{Frame, FrameForm, Index, QuoteKind};
use crate::gazetteer::PlaceId;
use crate::grammar::Ctx;
use crate::lexicon::{PhraseKind, SpeechKind, flag};
use crate::np::NpKind;
use crate::numbers::NumMention;
use crate::resolve::{Entity, EntityKind, Resolution};
use crate::segment::Sentence;
use crate::time::{Anchor, Day};
use crate::tokens::TokKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Named,
    Anonymous,
    UnattributedReport,
    Article,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Certainty {
    Asserted,
    Hedged,
    Reported,
}

/// What the claim does with its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    Assertion,
    Demand,
    Question,
    Conditional,
    Intention,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Proposition {
    /// Predicate class ("leave", "be-in", "arrest", …).
    pub predicate: &'static str,
    #[serde(skip)]
    pub predicate_index: u16,
    /// Token range of the trigger.
    #[serde(skip)]
    pub trigger: (usize, usize),
    /// Byte range of the trigger.
    pub trigger_span: (usize, usize),
    /// Subject phrase and entity.
    #[serde(skip)]
    pub subject_np: Option<usize>,
    pub subject: Option<usize>,
    /// The subject is the speaker (no subject written: "disse que deixou o país").
    pub subject_is_speaker: bool,
    pub polarity: bool,
    pub continuity: bool,
    pub mode: Mode,
    /// Place argument: the phrase and the resolved place.
    #[serde(skip)]
    pub place_np: Option<usize>,
    pub place: Option<PlaceId>,
    /// Number argument (index into number mentions).
    pub number: Option<usize>,
    /// Office argument (role phrase).
    #[serde(skip)]
    pub office_np: Option<usize>,
    /// Event time mention and resolved day.
    pub time: Option<usize>,
    pub day: Option<Day>,
    /// Marked as a new value of a figure ("subiu para").
    pub update: bool,
    /// Marked as part of a total ("incluindo").
    pub partition: bool,
    /// Stem of a generic verb (predicate "generic").
    pub stem: Option<String>,
    /// A common-noun subject when no entity is the subject ("the signalling system" → "system").
    pub subject_noun: Option<String>,
    /// The object noun ("signed the decree" → "decree").
    pub object: Option<String>,
    /// Inferred, not stated (presence from "told reporters in Lima").
    pub inferred: bool,
}

impl Proposition {
    pub fn new(
        predicate: &'static str,
        predicate_index: u16,
        trigger: (usize, usize),
        trigger_span: (usize, usize),
    ) -> Self {
        Proposition {
            predicate,
            predicate_index,
            trigger,
            trigger_span,
            subject_np: None,
            subject: None,
            subject_is_speaker: false,
            polarity: true,
            continuity: false,
            mode: Mode::Assertion,
            place_np: None,
            place: None,
            number: None,
            office_np: None,
            time: None,
            day: None,
            update: false,
            partition: false,
            stem: None,
            subject_noun: None,
            object: None,
            inferred: false,
        }
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Claim {
    pub id: usize,
    pub sentence: usize,
    pub form: FrameForm,
    pub source_kind: SourceKind,
    /// Speaker phrase and entity.
    pub speaker_np: Option<usize>,
    pub speaker: Option<usize>,
    /// The speaker is not written here ("«…», disse."): the one quoted before.
    pub speaker_implicit: bool,
    pub cue: Option<(usize, usize)>,
    pub speech: Option<SpeechKind>,
    pub content: (usize, usize),
    #[serde(skip)]
    pub content_toks: (usize, usize),
    pub extra: Option<(usize, usize)>,
    pub quote: Option<QuoteKind>,
    pub span: (usize, usize),
    #[serde(skip)]
    pub span_toks: (usize, usize),
    pub parent: Option<usize>,
    pub certainty: Certainty,
    /// Hedge word that lowered the certainty.
    pub hedge: Option<(usize, usize)>,
    pub statement_time: Option<usize>,
    pub statement_day: Option<Day>,
    pub question: bool,
    pub props: Vec<Proposition>,
}

fn bytes(c: &Ctx, ts: usize, te: usize) -> (usize, usize) {
    (
        c.toks.toks[ts].start as usize,
        c.toks.toks[te - 1].end as usize,
    )
}

/// Build claims from frames, and article-voice claims from what no frame covers.
#[allow(clippy::too_many_arguments)]
pub fn build(
    c: &Ctx,
    ix: &Index,
    sentences: &[Sentence],
    frames: &[Frame],
    res: &[Resolution],
    entities: &[Entity],
    nums: &[NumMention],
    anchor: &Anchor,
) -> Vec<Claim> {
    let entity_kind = |e: usize| entities[e].kind;
    let mut claims: Vec<Claim> = Vec::new();
    // tokens covered by a frame (its whole span)
    let ntoks = c.toks.len();
    let mut covered = vec![false; ntoks + 1];
    let mut frame_claim = vec![usize::MAX; frames.len()];
    for f in frames {
        covered[f.span_toks.0..f.span_toks.1.min(ntoks)].fill(true);
        if let Some((s, e)) = f.extra_toks {
            covered[s..e.min(ntoks)].fill(true);
        }
    }
    // number mentions by sentence
    let mut nums_by_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (i, n) in nums.iter().enumerate() {
        nums_by_sentence[n.sentence].push(i);
    }
    let mut fi = 0;
    for (si, s) in sentences.iter().enumerate() {
        if s.heading && crate::extract::is_title_case(c, s) {
            while fi < frames.len() && frames[fi].sentence == si {
                fi += 1;
            }
            continue;
        }
        let question = (s.tok_start..s.tok_end)
            .rev()
            .find(|&k| !matches!(c.kind(k), TokKind::Quote))
            .is_some_and(|k| c.text(k) == "?");
        // article voice: the uncovered start of the sentence
        let mut k = s.tok_start;
        while k < s.tok_end && !covered[k] {
            k += 1;
        }
        let mut seg_end = k;
        if seg_end < s.tok_end {
            // before a frame: cut at the last ", and"/", e" if only adverbials follow it
            let mut j = seg_end;
            while j > s.tok_start + 1 {
                j -= 1;
                if c.text(j - 1) == "," && c.is_word(j) && c.info(j).has(flag::CONJUNCTION) {
                    let tail_adverbial =
                        (j + 1..seg_end).all(|t| ix.time_at(t).is_some() || !c.is_word(t));
                    if tail_adverbial {
                        seg_end = j - 1;
                    }
                    break;
                }
            }
        }
        if seg_end > s.tok_start {
            let cs = trim(c, s.tok_start, seg_end, true);
            let ce = trim_tail(c, cs, seg_end);
            let whole = seg_end == s.tok_end;
            let words = (cs..ce).filter(|&k| c.is_word(k)).count();
            let has_pred = (cs..ce).any(|k| {
                c.is_word(k)
                    && (!c.info(k).predicates.is_empty()
                        || c.phrase_at(k, ce, |p| matches!(p, PhraseKind::Predicate(_)))
                            .is_some())
            });
            // inside a quotation nobody is credited with: an unattributed quote
            let in_quote = (cs..ce).all(|k| ix.quote_at(k).is_some()) && ce > cs;
            if ce > cs && words >= 2 && (whole || has_pred) {
                let form = if in_quote && whole {
                    FrameForm::UnattributedQuote
                } else {
                    FrameForm::Article
                };
                let id = claims.len();
                claims.push(Claim {
                    id,
                    sentence: si,
                    form,
                    source_kind: if form == FrameForm::Article {
                        SourceKind::Article
                    } else {
                        SourceKind::Anonymous
                    },
                    speaker_np: None,
                    speaker: None,
                    speaker_implicit: false,
                    cue: None,
                    speech: None,
                    content: bytes(c, cs, ce),
                    content_toks: (cs, ce),
                    extra: None,
                    quote: in_quote.then_some(QuoteKind::Direct),
                    span: bytes(c, cs, ce),
                    span_toks: (cs, ce),
                    parent: None,
                    certainty: Certainty::Asserted,
                    hedge: None,
                    statement_time: None,
                    statement_day: None,
                    question,
                    props: Vec::new(),
                });
            }
        }
        while fi < frames.len() && frames[fi].sentence == si {
            let f = &frames[fi];
            let speaker = f.speaker.and_then(|np| res[np].entity);
            let source_kind = match f.form {
                FrameForm::Report => SourceKind::UnattributedReport,
                FrameForm::Article => SourceKind::Article,
                _ => match f.speaker.map(|np| &ix.nps[np]) {
                    None => SourceKind::Anonymous,
                    Some(np) if np.kind == NpKind::Group => SourceKind::Anonymous,
                    Some(np) if np.kind == NpKind::Role && np.indefinite && np.of.is_none() => {
                        SourceKind::Anonymous
                    }
                    Some(_) => match speaker.map(entity_kind) {
                        Some(EntityKind::Group) => SourceKind::Anonymous,
                        _ => SourceKind::Named,
                    },
                },
            };
            let id = claims.len();
            frame_claim[fi] = id;
            let statement_day = f.time.and_then(|t| anchor.resolve(&ix.times[t].expr, None));
            claims.push(Claim {
                id,
                sentence: si,
                form: f.form,
                source_kind,
                speaker_np: f.speaker,
                speaker,
                speaker_implicit: f.implicit_speaker,
                cue: f.cue.map(|(a, b)| bytes(c, a, b)),
                speech: f.speech,
                content: f.content,
                content_toks: f.content_toks,
                extra: f.extra,
                quote: Some(f.quote),
                span: f.span,
                span_toks: f.span_toks,
                parent: f.parent.map(|p| frame_claim[p]),
                certainty: match f.form {
                    FrameForm::Report => Certainty::Reported,
                    _ if f.speech == Some(SpeechKind::Allege) => Certainty::Hedged,
                    _ => Certainty::Asserted,
                },
                hedge: None,
                statement_time: f.time,
                statement_day,
                question,
                props: Vec::new(),
            });
            fi += 1;
        }
    }
    // statement times are inherited by nested claims
    for i in 0..claims.len() {
        if claims[i].statement_day.is_none()
            && let Some(p) = claims[i].parent
        {
            claims[i].statement_day = claims[p].statement_day;
        }
    }
    // propositions: from each claim's content minus the content of claims nested in it
    let mut child_ranges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); claims.len()];
    for cl in &claims {
        if let Some(p) = cl.parent {
            let span_toks = tok_range_of(c, cl.span);
            child_ranges[p].push(span_toks);
        }
    }
    let pctx = crate::props::PropCtx {
        c,
        ix,
        res,
        entities,
        nums,
        nums_by_sentence: &nums_by_sentence,
        anchor,
        negated_stems: crate::props::negated_stems(c),
        sentence_starts: sentences.iter().map(|s| s.tok_start).collect(),
    };
    // each claim's propositions read only the claim and the draft: a long draft's claims are
    // done in ranges on the thread pool, and put back in order
    let of_claim = |cl: &Claim, children: &[(usize, usize)]| {
        let mut ranges = vec![cl.content_toks];
        if let Some((s, e)) = cl.extra {
            ranges.push(tok_range_of(c, (s, e)));
        }
        let mut props = Vec::new();
        let mut hedge = None;
        for (rs, re) in ranges {
            // hedges anywhere in the content or the frame
            for k in rs..re {
                if c.is_word(k) && c.info(k).has(flag::HEDGE) && hedge.is_none() {
                    hedge = Some(bytes(c, k, k + 1));
                }
            }
            pctx.extract(cl, rs, re, children, &mut props);
        }
        // a hedge in the frame outside the content ("reportedly said")
        if hedge.is_none() {
            let (fs, fe) = tok_range_of(c, cl.span);
            for k in fs..fe {
                if c.is_word(k) && c.info(k).has(flag::HEDGE) {
                    hedge = Some(bytes(c, k, k + 1));
                    break;
                }
            }
        }
        (hedge, props)
    };
    let done = crate::ranges::map(&claims, |first, range| {
        range
            .iter()
            .zip(&child_ranges[first..])
            .map(|(cl, ch)| of_claim(cl, ch))
            .collect::<Vec<_>>()
    });
    for (cl, (hedge, props)) in claims.iter_mut().zip(done.into_iter().flatten()) {
        if hedge.is_some() && cl.certainty == Certainty::Asserted {
            cl.certainty = Certainty::Hedged;
        }
        cl.hedge = hedge;
        cl.props = props;
    }
    claims
}

/// Token range covering a byte range.
fn tok_range_of(c: &Ctx, (s, e): (usize, usize)) -> (usize, usize) {
    let toks = &c.toks.toks;
    let a = toks.partition_point(|t| (t.end as usize) <= s);
    let b = toks.partition_point(|t| (t.start as usize) < e);
    (a, b.max(a))
}

fn trim(c: &Ctx, mut s: usize, e: usize, _lead: bool) -> usize {
    while s < e
        && matches!(c.kind(s), TokKind::Punct | TokKind::Dash | TokKind::Quote)
        && !matches!(c.text(s), "(")
    {
        s += 1;
    }
    s
}

fn trim_tail(c: &Ctx, s: usize, mut e: usize) -> usize {
    loop {
        if e <= s {
            return e;
        }
        let k = e - 1;
        if matches!(
            c.kind(k),
            TokKind::Punct | TokKind::Dash | TokKind::Ellipsis | TokKind::Quote
        ) && !matches!(c.text(k), ")" | "%")
        {
            e -= 1;
            continue;
        }
        // a dangling conjunction before a frame: "…, e surgiram notícias"
        if c.is_word(k) && c.info(k).has(flag::CONJUNCTION) {
            e -= 1;
            continue;
        }
        return e;
    }
}
