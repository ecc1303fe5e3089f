//! Quotations (kind `quote`):
//!
//! - mode `two-speakers`: the same words, in quotation marks, attributed to two different
//!   speakers (an identical quotation of four words or more, or a shared run of six words).
//!   A sentence that says the second speaker echoes or cites the first is left alone;
//! - mode `reworded`: a quotation the draft presents as a repetition of an earlier one by the
//!   same speaker ("repeated", "repetiu", "voltou a dizer", or "X's promise — “…”"), whose
//!   words differ from it. Partial quoting (one inside the other) is not a change.
//!
//! Quotations are indexed by their words (exact text, six-word runs) and by speaker; each
//! is compared with a bounded number of earlier ones: linear.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::support::{NpIx, Place, entity_of, is_word, span_finding, stem, tok_text};
use super::{NEIGHBOURS, source_desc};
use crate::analysis::Analysis;
use crate::claims::{Claim, SourceKind};
use crate::findings::Finding;
use crate::np::NpKind;
use crate::rules::RuleSpec;
use crate::tokens::TokKind;

/// Quotations nested deeper than this are not compared.
const MAX_QUOTE_DEPTH: usize = 3;

/// A quotation with its words and, when the draft gives one, its speaker.
pub(super) struct Q<'a> {
    qi: usize,
    words: Vec<Cow<'a, str>>,
    claim: Option<&'a Claim>,
    speaker: Option<usize>,
    /// The speaker's phrase and the cue (token ranges), for labels and messages.
    speaker_np: Option<usize>,
    cue: Option<(usize, usize)>,
    /// The speaker is a guess (a pronoun, a weak link, the sentence's first person).
    weak: bool,
}

/// The lower-case words of a quotation, as [`super::support::words_of`] gives them, but
/// borrowed from the draft when already lower case (most are): no String per word.
fn quote_words(text: &str) -> Vec<Cow<'_, str>> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| {
            // (an ASCII word without capitals is its own lower case; any other is converted)
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
        .collect()
}

/// "«…», declarou a juíza X, ao …" / "X said: “…”": a speech verb and a phrase right next to
/// the quotation marks, when no attribution frame was read there.
fn adjacent_speaker(a: &Analysis, nps: &NpIx, qi: usize) -> Option<(usize, usize, (usize, usize))> {
    let q = &a.quotes[qi];
    let si = super::support::sentence_of(a, q.open);
    let s = &a.sentences[si];
    let speech = |k: usize| k < a.tokens.len() && is_word(a, k) && a.info(k).speech.is_some();
    // after: close mark, optional comma, verb, phrase
    if let Some(cl) = q.close {
        let mut k = cl + 1;
        if k < s.tok_end && tok_text(a, k) == "," {
            k += 1;
        }
        if k < s.tok_end && speech(k) {
            let np = nps.starting_at(k + 1)?;
            let e = entity_of(a, np)?;
            return Some((e, np, (k, k + 1)));
        }
    }
    // before: phrase, verb, colon, open mark
    if q.open >= 3
        && q.open > s.tok_start + 2
        && tok_text(a, q.open - 1) == ":"
        && speech(q.open - 2)
    {
        let np = nps.ending_at(q.open - 2)?;
        let e = entity_of(a, np)?;
        return Some((e, np, (q.open - 2, q.open - 1)));
    }
    None
}

fn quotes<'a>(a: &'a Analysis, nps: &NpIx) -> Vec<Q<'a>> {
    // quotations in text order; each gets the narrowest claim with a speaker that holds it
    let mut order: Vec<usize> = (0..a.quotes.len()).collect();
    order.sort_by_key(|&i| (a.quotes[i].start, a.quotes[i].end));
    let mut claims: Vec<&Claim> = a
        .claims
        .iter()
        .filter(|c| {
            c.speaker.is_some()
                && matches!(c.source_kind, SourceKind::Named | SourceKind::Anonymous)
        })
        .collect();
    claims.sort_by_key(|c| (c.span.0, c.span.1));
    let mut out = Vec::with_capacity(order.len());
    for qi in order {
        let q = &a.quotes[qi];
        // quotations nest, and an unclosed one runs to the end of its paragraph: past a few
        // levels (never seen in real drafts) their words would be read again for each level,
        // quadratic in a flood of quotation marks
        if q.end <= q.start || q.depth as usize >= MAX_QUOTE_DEPTH {
            continue;
        }
        let words = quote_words(&a.source.text[q.start..q.end]);
        // the claims that start before the quotation and may hold it: a short look back
        let upto = claims.partition_point(|c| c.span.0 <= q.start);
        let holder = claims[..upto]
            .iter()
            .rev()
            .take(NEIGHBOURS)
            .filter(|c| {
                // the content may leave out the quotation's final punctuation
                let inside = |(s, e): (usize, usize)| q.start >= s && q.start < e && q.end <= e + 3;
                inside(c.content) || c.extra.is_some_and(inside)
            })
            .min_by_key(|c| c.content.1 - c.content.0)
            .copied();
        let tok_range = |(s, e): (usize, usize)| {
            let toks = &a.tokens.toks;
            (
                toks.partition_point(|t| (t.end as usize) <= s),
                toks.partition_point(|t| (t.start as usize) < e),
            )
        };
        let (speaker, speaker_np, cue, weak) = match holder {
            Some(c) => (
                c.speaker,
                c.speaker_np,
                c.cue.map(tok_range),
                c.speaker_np
                    .is_some_and(|np| a.res[np].weak || a.nps[np].kind == NpKind::Pronoun),
            ),
            None => match adjacent_speaker(a, nps, qi) {
                Some((e, np, cue)) => (
                    Some(e),
                    Some(np),
                    Some(cue),
                    a.res[np].weak || a.nps[np].kind == NpKind::Pronoun,
                ),
                None => (None, None, None, false),
            },
        };
        out.push(Q {
            qi,
            words,
            claim: holder,
            speaker,
            speaker_np,
            cue,
            weak,
        });
    }
    out
}

/// `qs`: the draft's quotations, found once for both modes.
pub fn run<'a>(
    a: &'a Analysis<'a>,
    r: &RuleSpec,
    qs: &OnceCell<Vec<Q<'a>>>,
    out: &mut Vec<Finding>,
) {
    let qs = qs.get_or_init(|| quotes(a, a.np_index()));
    match r.param_str("mode").unwrap_or("two-speakers") {
        "reworded" => reworded(a, r, qs, out),
        _ => two_speakers(a, r, qs, out),
    }
}

fn quote_place(a: &Analysis, q: &Q, label: String) -> Place {
    let qt = &a.quotes[q.qi];
    // the quotation with its speaker and cue, so both places name who said it
    let (mut s, mut e) = (qt.outer_start, qt.outer_end);
    if let Some(np) = q.speaker_np {
        s = s.min(a.nps[np].start);
        e = e.max(a.nps[np].end);
    }
    if let Some((cs, ce)) = q.cue {
        let (cs, ce) = super::support::tok_bytes(a, cs, ce);
        s = s.min(cs);
        e = e.max(ce);
    }
    Place {
        start: s,
        end: e,
        label,
    }
}

/// Does the sentence of a quotation say its speaker echoes or cites someone?
fn echoed(a: &Analysis, q: &Q) -> bool {
    let qt = &a.quotes[q.qi];
    let si = super::support::sentence_of(a, qt.open);
    let s = &a.sentences[si];
    // from the sentence start ("Quoting her, X said") to the end of the frame
    let to = match q.claim {
        Some(c) => {
            let fe = c.span.1;
            a.tokens
                .toks
                .partition_point(|t| (t.start as usize) < fe)
                .clamp(s.tok_start, s.tok_end)
        }
        None => s.tok_end,
    };
    let from = s.tok_start;
    a.lang.contra.quote_echoes.find(a, from, to).is_some()
}

fn two_speakers(a: &Analysis, r: &RuleSpec, qs: &[Q], out: &mut Vec<Finding>) {
    let min_words = r.param_f64("min-words").unwrap_or(4.0) as usize;
    // keyed by the word lists themselves, not by their text joined with spaces: no string is
    // built per run of words, and (no word holding a space, nor anything that sorts before one)
    // word lists sort as their joined texts would
    type Words<'q> = &'q [Cow<'q, str>];
    let mut exact: FxHashMap<Words, Vec<usize>> = FxHashMap::default();
    let mut runs: FxHashMap<Words, Vec<usize>> = FxHashMap::default();
    for (i, q) in qs.iter().enumerate() {
        if q.speaker.is_none() || q.words.len() < min_words {
            continue;
        }
        // candidates: the same words, or a shared run of six words
        let key = &q.words[..];
        let mut cands: Vec<usize> = exact
            .get(key)
            .map(|v| v.iter().rev().take(NEIGHBOURS).copied().collect())
            .unwrap_or_default();
        let mut shingles: Vec<Words> = q.words.windows(6).collect();
        shingles.sort_unstable();
        shingles.dedup();
        for sh in shingles.iter().take(64) {
            if let Some(v) = runs.get(*sh) {
                cands.extend(v.iter().rev().take(NEIGHBOURS).copied());
            }
        }
        cands.sort_unstable();
        cands.dedup();
        let other = cands
            .into_iter()
            .find(|&j| qs[j].speaker.is_some() && qs[j].speaker != q.speaker);
        if let Some(j) = other
            && !echoed(a, q)
        {
            let p = &qs[j];
            let (sa, sb) = (speaker_desc(a, p), speaker_desc(a, q));
            let identical = p.words == q.words;
            let shared = if identical {
                q.words.len()
            } else {
                longest_common_run(&p.words, &q.words)
            };
            let text = shown(a, q.qi);
            let mut reasoning = vec![if identical {
                format!("the quotation “{text}” is given word for word to both")
            } else {
                format!("the two quotations share a run of {shared} words")
            }];
            reasoning.push(format!(
                "the speakers are two different entities: {} and {}",
                a.entities[p.speaker.unwrap()].label,
                a.entities[q.speaker.unwrap()].label
            ));
            reasoning.push(format!("sources: {sa} / {sb}"));
            let mut severity = r.severity;
            if p.weak || q.weak || !identical {
                severity = severity.lower();
            }
            let values = [
                ("quote", text.clone()),
                ("source_a", sa.clone()),
                ("source_b", sb.clone()),
            ];
            out.push(span_finding(
                r,
                quote_place(a, q, format!("attributed to {sb}")),
                Some(quote_place(a, p, format!("attributed to {sa}"))),
                &values,
                reasoning,
                severity,
                p.claim.iter().chain(q.claim.iter()).map(|c| c.id).collect(),
            ));
        }
        exact.entry(key).or_default().push(i);
        for sh in shingles {
            runs.entry(sh).or_default().push(i);
        }
    }
}

/// Who a quotation is attributed to, for messages.
fn speaker_desc(a: &Analysis, q: &Q) -> String {
    match (q.claim, q.speaker_np, q.speaker) {
        (Some(c), _, _) => source_desc(a, c),
        (None, Some(np), Some(e)) => {
            let t = super::support::np_text(a, &a.nps[np]);
            let label = &a.entities[e].label;
            if t.contains(label.as_str()) {
                t
            } else {
                format!("{t} ({label})")
            }
        }
        _ => "an unnamed source".into(),
    }
}

fn longest_common_run(x: &[Cow<str>], y: &[Cow<str>]) -> usize {
    // short quotations: a small dynamic programme, bounded by the quotation lengths
    let (x, y) = (&x[..x.len().min(200)], &y[..y.len().min(200)]);
    let mut best = 0;
    let mut prev = vec![0usize; y.len() + 1];
    for xi in x {
        let mut cur = vec![0usize; y.len() + 1];
        for (j, yj) in y.iter().enumerate() {
            if xi == yj {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

/// Is the quotation presented as a repetition? Returns the speaker it repeats, whether that
/// speaker is a guess, and the cue's text.
fn repetition(a: &Analysis, nps: &NpIx, in_time: &[bool], q: &Q) -> Option<(usize, bool, String)> {
    let w = &a.lang.contra;
    let qt = &a.quotes[q.qi];
    let si = super::support::sentence_of(a, qt.open);
    let s = &a.sentences[si];
    // 1. a repetition verb in the frame or just before the quotation: "repeated", "repetiu"
    let from = qt.open.saturating_sub(8).max(s.tok_start);
    if let Some((k, n)) = w.quote_repeats.find(a, from, qt.open) {
        let cue = a.source.text
            [a.tokens.toks[k].start as usize..a.tokens.toks[k + n - 1].end as usize]
            .to_string();
        // the cue and the shared words are the evidence here; a pronoun speaker ("he
        // repeated") is not a reason for doubt
        if let Some(sp) = q.speaker {
            return Some((sp, false, cue));
        }
        // the subject of the sentence: its first named person; a guess when another person
        // is named between it and the cue
        let mut found = (s.tok_start..k).filter_map(|j| {
            let np = nps.starting_at(j)?;
            matches!(
                a.nps[np].kind,
                NpKind::Name | NpKind::Pronoun | NpKind::Role
            )
            .then(|| entity_of(a, np))
            .flatten()
        });
        let sp = found.next()?;
        let others = found.any(|e| e != sp);
        return Some((sp, others, cue));
    }
    // 2. a reference to something said: "Fuentes's promise — “…”", "a promessa de X: «…»"
    let from = qt.open.saturating_sub(6).max(s.tok_start);
    let (k, n) = w.quote_references.find(a, from, qt.open)?;
    // nothing but a time phrase, a dash, a colon or a comma between the noun and the quote
    let between_ok = (k + n..qt.open).all(|j| {
        !is_word(a, j) && matches!(tok_text(a, j), "—" | "–" | "-" | ":" | ",") || in_time[j]
    });
    if !between_ok {
        return None;
    }
    let cue = tok_text(a, k).to_string();
    // the possessor before the noun ("Fuentes's promise") or after it ("promessa de Fuentes")
    let mut j = k;
    while j > s.tok_start && a.tokens.toks[j - 1].kind == TokKind::Possessive {
        j -= 1;
    }
    if let Some(np) = nps.ending_at(j)
        && let Some(e) = entity_of(a, np)
    {
        return Some((e, a.res[np].weak, cue));
    }
    // "Pardo's promise" where the possessor is not a phrase of its own (or is one word with
    // its "’s"): a known surname
    let glued = k > s.tok_start
        && a.tokens.toks[k - 1].cap
        && ["'s", "’s"].iter().any(|x| tok_text(a, k - 1).ends_with(x));
    if (j < k && j > s.tok_start && a.tokens.toks[j - 1].cap) || glued {
        let name = if glued {
            let t = tok_text(a, k - 1);
            &t[..t.len() - if t.ends_with("’s") { "’s".len() } else { 2 }]
        } else {
            tok_text(a, j - 1)
        };
        let found: Vec<usize> = a
            .entities
            .iter()
            .filter(|e| {
                e.kind == crate::resolve::EntityKind::Person
                    && (e.surname.as_deref() == Some(name) || e.names.contains_key(name))
            })
            .map(|e| e.id)
            .collect();
        if let Some(&e) = found.last() {
            return Some((e, found.len() > 1, cue));
        }
    }
    if k + n + 1 < s.tok_end
        && a.lang.fw.of.has(a.tokens.lower(k + n))
        && let Some(np) = nps.starting_at(k + n + 1)
        && let Some(e) = entity_of(a, np)
    {
        return Some((e, a.res[np].weak, cue));
    }
    None
}

/// A quotation's text for messages, without its final punctuation.
fn shown(a: &Analysis, qi: usize) -> String {
    let q = &a.quotes[qi];
    let t = a.source.text[q.start..q.end].trim_end_matches([',', '.', ';', ':', ' ']);
    super::clip(t, 70)
}

fn contains(long: &[Cow<str>], short: &[Cow<str>]) -> bool {
    !short.is_empty() && long.windows(short.len()).any(|w| w == short)
}

fn reworded(a: &Analysis, r: &RuleSpec, qs: &[Q], out: &mut Vec<Finding>) {
    let min_shared = r.param_f64("min-shared").unwrap_or(3.0) as usize;
    let min_overlap = r.param_f64("min-overlap").unwrap_or(0.3);
    let nps = a.np_index();
    let mut in_time = vec![false; a.tokens.len() + 1];
    for t in &a.times {
        in_time[t.ts..t.te].fill(true);
    }
    let mut by_speaker: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, q) in qs.iter().enumerate() {
        if q.words.len() >= 3
            && let Some((sp, weak, cue)) = repetition(a, nps, &in_time, q)
        {
            let stems = |ws: &[Cow<str>]| -> std::collections::BTreeSet<String> {
                ws.iter()
                    .filter(|w| w.chars().count() > 2)
                    .map(|w| stem(w))
                    .collect()
            };
            let sy = stems(&q.words);
            let best = by_speaker.get(&sp).and_then(|v| {
                v.iter()
                    .rev()
                    .take(NEIGHBOURS)
                    .map(|&j| {
                        let sx = stems(&qs[j].words);
                        let shared = sx.intersection(&sy).count();
                        let union = sx.union(&sy).count().max(1);
                        (j, shared, shared as f64 / union as f64)
                    })
                    .filter(|&(_, shared, overlap)| shared >= min_shared || overlap >= min_overlap)
                    .max_by(|x, y| x.2.total_cmp(&y.2).then(y.0.cmp(&x.0)))
            });
            if let Some((j, shared, overlap)) = best {
                let p = &qs[j];
                let same = p.words == q.words
                    || contains(&p.words, &q.words)
                    || contains(&q.words, &p.words);
                if !same {
                    let label = a.entities[sp].label.clone();
                    let (ta, tb) = (shown(a, p.qi), shown(a, q.qi));
                    let reasoning = vec![
                        format!("'{cue}' presents “{tb}” as {label}'s earlier words"),
                        format!("{label} was quoted earlier as saying “{ta}”"),
                        format!(
                            "the wording differs ({shared} words in common, {:.0}% overlap): a direct quotation must repeat the words exactly",
                            overlap * 100.0
                        ),
                    ];
                    let mut severity = r.severity;
                    if weak {
                        severity = severity.lower();
                    }
                    let values = [
                        ("subject", label.clone()),
                        ("quote_a", ta.clone()),
                        ("quote_b", tb.clone()),
                    ];
                    let qa = &a.quotes[p.qi];
                    let qb = &a.quotes[q.qi];
                    out.push(span_finding(
                        r,
                        Place {
                            start: qb.outer_start,
                            end: qb.outer_end,
                            label: format!("repeated as: “{tb}”"),
                        },
                        Some(Place {
                            start: qa.outer_start,
                            end: qa.outer_end,
                            label: format!("first quoted as: “{ta}”"),
                        }),
                        &values,
                        reasoning,
                        severity,
                        p.claim.iter().chain(q.claim.iter()).map(|c| c.id).collect(),
                    ));
                }
            }
        }
        if let Some(sp) = q.speaker {
            by_speaker.entry(sp).or_default().push(i);
        }
    }
}
