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
    pub cue: Option<(usize, usize)>,
    pub speech: Option<SpeechKind>,
    pub content: (usize, usize),
    #[serde(skip)]
    pub content_toks: (usize, usize),
    pub extra: Option<(usize, usize)>,
    pub quote: Option<QuoteKind>,
    pub span: (usize, usize),
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
                    cue: None,
                    speech: None,
                    content: bytes(c, cs, ce),
                    content_toks: (cs, ce),
                    extra: None,
                    quote: in_quote.then_some(QuoteKind::Direct),
                    span: bytes(c, cs, ce),
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
                cue: f.cue.map(|(a, b)| bytes(c, a, b)),
                speech: f.speech,
                content: f.content,
                content_toks: f.content_toks,
                extra: f.extra,
                quote: Some(f.quote),
                span: f.span,
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
    for i in 0..claims.len() {
        let mut ranges = vec![claims[i].content_toks];
        if let Some((s, e)) = claims[i].extra {
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
            propositions(
                c,
                ix,
                &claims[i],
                rs,
                re,
                &child_ranges[i],
                res,
                entities,
                nums,
                &nums_by_sentence,
                anchor,
                &mut props,
            );
        }
        // a hedge in the frame outside the content ("reportedly said")
        if hedge.is_none() {
            let (fs, fe) = tok_range_of(c, claims[i].span);
            for k in fs..fe {
                if c.is_word(k) && c.info(k).has(flag::HEDGE) {
                    hedge = Some(bytes(c, k, k + 1));
                    break;
                }
            }
        }
        let cl = &mut claims[i];
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

#[allow(clippy::too_many_arguments)]
fn propositions(
    c: &Ctx,
    ix: &Index,
    claim: &Claim,
    rs: usize,
    re: usize,
    skip: &[(usize, usize)],
    res: &[Resolution],
    entities: &[Entity],
    nums: &[NumMention],
    nums_by_sentence: &[Vec<usize>],
    anchor: &Anchor,
    out: &mut Vec<Proposition>,
) {
    let skipped = |k: usize| skip.iter().any(|&(s, e)| k >= s && k < e);
    let deny = claim.speech == Some(SpeechKind::Deny);
    let mut k = rs;
    let mut used_nums: Vec<usize> = Vec::new();
    while k < re {
        if skipped(k) || !c.is_word(k) {
            k += 1;
            continue;
        }
        // predicate trigger: a phrase or a word
        let (n, preds): (usize, Vec<u16>) =
            match c.phrase_at(k, re, |p| matches!(p, PhraseKind::Predicate(_))) {
                Some((n, PhraseKind::Predicate(p))) => (n, vec![*p]),
                _ => {
                    let info = c.info(k);
                    let after_aux = k > rs
                        && c.is_word(k - 1)
                        && (c.info(k - 1).has(flag::AUXILIARY)
                            || c.info(k - 1).has(flag::NEGATOR)
                            || c.info(k - 1).has(flag::MODAL)
                            || c.lower(k - 1) == "to");
                    let mut v = info.predicates.clone();
                    if after_aux {
                        v.extend(info.predicates_after_aux.iter().copied());
                    }
                    (1, v)
                }
            };
        if preds.is_empty() {
            k += 1;
            continue;
        }
        let te = k + n;
        let mut made = false;
        for p in preds {
            let pred = c.lang.predicate(p);
            let mut prop = Proposition {
                predicate: pred.class,
                predicate_index: p,
                trigger: (k, te),
                trigger_span: bytes(c, k, te),
                subject_np: None,
                subject: None,
                subject_is_speaker: false,
                polarity: true,
                continuity: c.info(k).has(flag::CONTINUITY),
                mode: Mode::Assertion,
                place_np: None,
                place: None,
                number: None,
                office_np: None,
                time: None,
                day: None,
                update: false,
                partition: false,
            };
            // place argument
            if pred.arg == Some("place") {
                if let Some(np) = place_arg(c, ix, pred.class, te, re) {
                    prop.place_np = Some(np);
                    prop.place = ix.nps[np]
                        .place
                        .or_else(|| res[np].entity.and_then(|e| entities[e].place));
                }
                if pred.arg_required && prop.place_np.is_none() {
                    continue;
                }
            }
            if pred.arg == Some("office") {
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
            // subject: the nearest phrase before the trigger that can be a subject
            let clause_start = clause_start(c, rs, k);
            let mut j = k;
            while j > clause_start {
                j -= 1;
                if skipped(j) {
                    continue;
                }
                if let Some(np) = ix.np_ending_at(j + 1) {
                    let n = &ix.nps[np];
                    if n.ts < clause_start {
                        break;
                    }
                    let subj_ok = !n.after_prep
                        && !n.after_copula
                        && !matches!(n.kind, NpKind::Place | NpKind::Capital | NpKind::Country)
                        && (n.ts == clause_start
                            || n.ts == 0
                            || !c.is_word(n.ts - 1)
                            || !c.info(n.ts - 1).has(flag::LINKER));
                    if subj_ok {
                        let np_final = n.apposition_of.unwrap_or(np);
                        prop.subject_np = Some(np);
                        prop.subject = res[np].entity.or(res[np_final].entity);
                        break;
                    }
                }
            }
            if prop.subject_np.is_none() {
                // no written subject: the speaker (Portuguese drops it) when nothing else precedes
                let only_aux = (clause_start..k).all(|j| {
                    !c.is_word(j)
                        || c.info(j).has(flag::AUXILIARY)
                        || c.info(j).has(flag::NEGATOR)
                        || c.info(j).has(flag::CONTINUITY)
                        || c.info(j).has(flag::HEDGE)
                        || c.info(j).has(flag::COMPLEMENTIZER)
                });
                if only_aux && claim.speaker.is_some() && c.lang.code == "pt" {
                    prop.subject = claim.speaker;
                    prop.subject_is_speaker = true;
                }
            }
            // negation and continuity just before the trigger
            let from = k.saturating_sub(4).max(clause_start);
            for j in from..k {
                if !c.is_word(j) {
                    continue;
                }
                let info = c.info(j);
                if info.has(flag::NEGATOR) {
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
                if c.is_word(j) && c.info(j).has(flag::CONTINUITY) {
                    prop.continuity = true;
                }
                if c.is_word(j) && c.info(j).has(flag::NEGATOR) && c.lang.code == "en" {
                    prop.polarity = false;
                }
            }
            // conditionals in the clause before the trigger
            if (clause_start..k).any(|j| c.is_word(j) && c.info(j).has(flag::CONDITIONAL))
                || (rs..clause_start)
                    .take(3)
                    .any(|j| c.is_word(j) && c.info(j).has(flag::CONDITIONAL))
            {
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
            // event time: the nearest time phrase in the clause
            let mut best: Option<(usize, usize)> = None;
            for t in (rs..re).filter_map(|j| ix.time_at(j)) {
                let tm = &ix.times[t];
                if tm.ts < rs || skipped(tm.ts) {
                    continue;
                }
                let dist = tm.ts.abs_diff(k);
                if best.is_none_or(|(_, d)| dist < d) {
                    best = Some((t, dist));
                }
            }
            if let Some((t, _)) = best {
                prop.time = Some(t);
                prop.day = anchor.resolve(&ix.times[t].expr, claim.statement_day);
            }
            // number argument: the nearest count in the clause with a person-like unit
            let sent = claim.sentence;
            let mut best_n: Option<(usize, usize)> = None;
            for &ni in &nums_by_sentence[sent] {
                let nm = &nums[ni];
                if nm.ts < rs
                    || nm.te > re
                    || nm.year_like
                    || nm.percent
                    || skipped(nm.ts)
                    || used_nums.contains(&ni)
                {
                    continue;
                }
                if nm.unit.is_none() && nm.noun_predicate.is_none() {
                    continue;
                }
                let dist = if nm.te <= k {
                    k - nm.te
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
                let before = nums[ni].ts;
                prop.update = (clause_start.min(before)..te).any(|j| {
                    c.phrase_at(j, te.max(before), |p| matches!(p, PhraseKind::Update))
                        .is_some()
                });
                prop.partition = (rs..before).rev().take(4).any(|j| {
                    c.phrase_at(j, before, |p| matches!(p, PhraseKind::Partition))
                        .is_some()
                });
            }
            out.push(prop);
            made = true;
        }
        k = if made { te } else { k + 1 };
    }
    // counts with a predicate noun and no verb: "164 mortos", "the 12 dead"
    for &ni in &nums_by_sentence[claim.sentence] {
        let nm = &nums[ni];
        if used_nums.contains(&ni) || nm.ts < rs || nm.te > re || skipped(nm.ts) {
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
        let time = (rs..re).filter_map(|j| ix.time_at(j)).next();
        out.push(Proposition {
            predicate: pred.class,
            predicate_index: p,
            trigger: (noun, noun + 1),
            trigger_span: bytes(c, noun, noun + 1),
            subject_np: None,
            subject: None,
            subject_is_speaker: false,
            polarity: true,
            continuity: false,
            mode: if claim.question {
                Mode::Question
            } else {
                Mode::Assertion
            },
            place_np: None,
            place: None,
            number: Some(ni),
            office_np: None,
            time,
            day: time.and_then(|t| anchor.resolve(&ix.times[t].expr, claim.statement_day)),
            update,
            partition,
        });
    }
}

/// The start of the clause holding token `k`: after the last ";", relativizer-free comma
/// boundary or conjunction followed by a new subject, within the content.
fn clause_start(c: &Ctx, rs: usize, k: usize) -> usize {
    let mut j = k;
    while j > rs {
        j -= 1;
        let t = c.text(j);
        if t == ";" || t == ":" {
            return j + 1;
        }
        if c.is_word(j) && c.info(j).has(flag::COMPLEMENTIZER) && j > rs {
            // "que" opening an embedded clause: "disse que X", "report that X"
            return j + 1;
        }
        if c.is_word(j)
            && c.info(j).has(flag::CONJUNCTION)
            && matches!(
                c.lower(j),
                "mas" | "but" | "enquanto" | "while" | "porém" | "whereas" | "although" | "embora"
            )
        {
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
        let skippable = info.has(flag::LOCATIVE)
            || info.has(flag::CONTINUITY)
            || info.has(flag::PREPOSITION) && class != "be-in"
            || info.has(flag::DETERMINER)
            || matches!(
                c.lower(j),
                "de" | "do" | "da" | "from" | "for" | "back" | "to"
            );
        if !skippable {
            return None;
        }
        j += 1;
    }
    None
}
