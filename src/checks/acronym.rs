//! Acronyms: used but never defined; defined twice with different expansions; two acronyms
//! for one body; an acronym that looks like one the draft defined for another body (ODKB /
//! ODIHR); letters that fit the expansion in neither language (CSC for "Conselho de Segurança
//! Nacional").
//!
//! One pass collects the draft's acronyms, their definitions ("Name (ACR)", "ACR (Name)", or an
//! introducer such as "known by its initials ACR") and their uses; each rule (its `mode`)
//! reports one kind of problem. The modes are exclusive: an acronym reported as a look-alike of
//! another is not also reported as undefined.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use super::note::{make, phrase_at, times, tok_span};
use crate::acronyms::{Acronyms, fits, roman};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::names::fold;
use crate::rules::RuleSpec;
use crate::tokens::TokKind;

/// How many distinct acronyms a draft may have before the rest are ignored (bounds the work).
const MAX_ACRONYMS: usize = 256;

#[derive(Clone, Debug)]
struct Def {
    /// Token of the acronym.
    tok: usize,
    /// Token range of the expansion, if written.
    exp: Option<(usize, usize)>,
    /// Introduced by words ("known by its initials"), not by brackets.
    introduced: bool,
}

#[derive(Default)]
struct Facts {
    defs: BTreeMap<String, Vec<Def>>,
    /// Every occurrence outside a definition, in text order.
    uses: BTreeMap<String, Vec<usize>>,
    /// Occurrences that are free (not inside a longer name, not in a heading).
    free: BTreeMap<String, Vec<usize>>,
}

fn is_acronym_tok(a: &Analysis, k: usize) -> bool {
    let t = &a.tokens.toks[k];
    t.kind == TokKind::Word
        && t.upper
        && (2..=10).contains(&(t.end - t.start))
        && a.tokens
            .text(&a.source.text, k)
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            >= 2
}

fn is_char(a: &Analysis, k: usize, c: &str) -> bool {
    k < a.tokens.len() && a.tokens.text(&a.source.text, k) == c
}

fn word_text<'a>(a: &'a Analysis, k: usize) -> &'a str {
    a.tokens.text(&a.source.text, k)
}

/// The expansion before "(ACR)": capitalised words and connectors, back to the first word that
/// is neither; leading connectors dropped.
fn expansion_before(
    a: &Analysis,
    acr: &Acronyms,
    open: usize,
    floor: usize,
) -> Option<(usize, usize)> {
    let mut s = open;
    let mut k = open;
    while k > floor && open - k < 14 {
        let j = k - 1;
        let t = &a.tokens.toks[j];
        if t.kind != TokKind::Word {
            break;
        }
        if t.cap || acr.is_connector(a.tokens.lower(j)) {
            k = j;
            if t.cap {
                s = j;
            }
        } else {
            break;
        }
    }
    if s < open {
        return Some((s, open));
    }
    // a lower-case expansion ("iodine deficiency disorders (IDD)"): the words just before
    let mut k = open;
    while k > floor && open - k < 8 && a.tokens.toks[k - 1].kind == TokKind::Word {
        k -= 1;
    }
    (k < open).then_some((k, open))
}

/// Words of a token range as (text, is connector); hyphenated words count as their parts
/// ("Anti-Corruption", "Timor-Leste").
fn words(a: &Analysis, acr: &Acronyms, (s, e): (usize, usize)) -> Vec<(String, bool)> {
    (s..e)
        .filter(|&k| a.tokens.toks[k].kind == TokKind::Word)
        .flat_map(|k| {
            word_text(a, k)
                .split(['-', '‐'])
                .filter(|p| !p.is_empty())
                .map(|p| (p.to_string(), acr.is_connector(p)))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The sub-ranges of an expansion an acronym may start from: each word that is not a connector.
fn suffixes(a: &Analysis, acr: &Acronyms, (s, e): (usize, usize)) -> Vec<(usize, usize)> {
    (s..e)
        .filter(|&k| a.tokens.toks[k].kind == TokKind::Word && !acr.is_connector(a.tokens.lower(k)))
        .map(|k| (k, e))
        .collect()
}

/// Does the acronym fit some tail of the expansion in order?
fn fits_in_order(a: &Analysis, acr: &Acronyms, x: &str, exp: (usize, usize)) -> bool {
    suffixes(a, acr, exp)
        .into_iter()
        .any(|r| fits(x, &words(a, acr, r)))
}

/// Does the acronym fit some tail of the expansion in either language: in order, in reverse
/// (English order of a Romance name: "Conselho de Segurança Nacional" → NSC), with two
/// neighbouring words swapped (noun and adjective: "Federal University" → U, F), or translated
/// word by word through the glossary?
fn fits_expansion(a: &Analysis, acr: &Acronyms, x: &str, exp: (usize, usize)) -> bool {
    suffixes(a, acr, exp).into_iter().any(|r| {
        let w = words(a, acr, r);
        if fits(x, &w) || acr.fits_translated(x, &w) {
            return true;
        }
        let content: Vec<(String, bool)> = w.iter().filter(|(_, c)| !c).cloned().collect();
        let mut rev = content.clone();
        rev.reverse();
        if fits(x, &rev) {
            return true;
        }
        // only neighbours with nothing between them: "Universidade Federal", not "Nacional de Saúde"
        (1..w.len()).any(|i| {
            if w[i - 1].1 || w[i].1 {
                return false;
            }
            let mut sw = w.clone();
            sw.swap(i - 1, i);
            fits(x, &sw)
        })
    })
}

/// The best tail of an expansion: one that fits, else one whose first letter matches, else all.
fn best_expansion(a: &Analysis, acr: &Acronyms, x: &str, exp: (usize, usize)) -> (usize, usize) {
    let tails = suffixes(a, acr, exp);
    if let Some(&t) = tails.iter().find(|&&t| fits(x, &words(a, acr, t))) {
        return t;
    }
    let first = fold(x).chars().next();
    if let Some(&t) = tails
        .iter()
        .find(|&&(s, _)| fold(word_text(a, s)).chars().next() == first)
    {
        return t;
    }
    tails.first().copied().unwrap_or(exp)
}

fn text_of(a: &Analysis, (s, e): (usize, usize)) -> String {
    let (bs, be) = tok_span(a, s, e);
    a.source.text[bs..be]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn collect(a: &Analysis) -> Facts {
    let acr = &a.ruleset.acronyms;
    let n = a.tokens.len();
    let mut sentence_of = vec![usize::MAX; n];
    let mut first_word = vec![false; n];
    let mut heading = vec![false; n];
    for (si, s) in a.sentences.iter().enumerate() {
        sentence_of[s.tok_start..s.tok_end].fill(si);
        heading[s.tok_start..s.tok_end].fill(s.heading);
        if let Some(k) = (s.tok_start..s.tok_end).find(|&k| a.tokens.toks[k].kind == TokKind::Word)
        {
            first_word[k] = true;
        }
    }
    let sent_start = |k: usize| {
        a.sentences
            .get(sentence_of[k])
            .map(|s| s.tok_start)
            .unwrap_or(0)
    };
    let intro = acr.introducers(a.lang.code);
    let mut opens_block = vec![false; n + 1];
    for &(bs, _) in &a.block_toks {
        opens_block[bs.min(n)] = true;
    }
    let mut f = Facts::default();
    for k in 0..n {
        if !is_acronym_tok(a, k) {
            continue;
        }
        let x = word_text(a, k).to_string();
        if !f.defs.contains_key(&x)
            && !f.uses.contains_key(&x)
            && f.defs.len() + f.uses.len() >= MAX_ACRONYMS
        {
            continue;
        }
        let floor = sent_start(k);
        // "Name (ACR)" or "Name (ACR, …)"
        if k >= 1
            && is_char(a, k - 1, "(")
            && (is_char(a, k + 1, ")") || is_char(a, k + 1, ",") || is_char(a, k + 1, ";"))
        {
            let exp = expansion_before(a, acr, k - 1, floor);
            f.defs.entry(x).or_default().push(Def {
                tok: k,
                exp,
                introduced: false,
            });
            continue;
        }
        // "ACR (Name)"
        if is_char(a, k + 1, "(") {
            let mut e = k + 2;
            while e < n && e < k + 16 && a.tokens.toks[e].kind == TokKind::Word {
                e += 1;
            }
            if is_char(a, e, ")") && e >= k + 4 && a.tokens.toks[k + 2].cap {
                f.defs.entry(x).or_default().push(Def {
                    tok: k,
                    exp: Some((k + 2, e)),
                    introduced: false,
                });
                continue;
            }
        }
        // "known by its Indonesian initials ACR", "conhecida pela sigla ACR"
        let introduced = (k.saturating_sub(4).max(floor)..k).any(|j| {
            intro
                .iter()
                .any(|p| phrase_at(a, j, p).is_some_and(|len| j + len <= k))
        });
        if introduced {
            f.defs.entry(x).or_default().push(Def {
                tok: k,
                exp: None,
                introduced: true,
            });
            continue;
        }
        f.uses.entry(x.clone()).or_default().push(k);
        // free: not part of a longer name ("LA Weekly", "PlayStation VR"), not in a heading
        let cap_word = |j: usize| {
            let t = &a.tokens.toks[j];
            t.kind == TokKind::Word && t.cap && !t.upper
        };
        let prev_name = k > floor && cap_word(k - 1) && !first_word[k - 1];
        let next_name = k + 1 < n && sentence_of[k + 1] == sentence_of[k] && cap_word(k + 1);
        // "HO CHI MINH CITY", "SÃO PAULO": a run of capitals is a dateline or a heading
        let upper_word = |j: usize| {
            let t = &a.tokens.toks[j];
            t.kind == TokKind::Word && t.upper
        };
        let caps_run = (k > 0 && upper_word(k - 1)) || (k + 1 < n && upper_word(k + 1));
        // "CONGONHAS (MG) - O rompimento": a dateline opens its paragraph
        let block_start = opens_block[k]
            || (k > 0 && a.tokens.toks[k - 1].kind != TokKind::Word && opens_block[k - 1]);
        let dateline =
            block_start && k + 1 < n && matches!(word_text(a, k + 1), "," | "(" | "—" | "–" | "-");
        if !heading[k] && !prev_name && !next_name && !caps_run && !dateline {
            f.free.entry(x).or_default().push(k);
        }
    }
    f
}

/// The body the draft's definition of an acronym names, if known.
fn body_of_def(a: &Analysis, x: &str, d: &Def) -> Option<usize> {
    let acr = &a.ruleset.acronyms;
    if let Some(exp) = d.exp {
        for t in suffixes(a, acr, exp) {
            if let Some(b) = acr.body_named(&text_of(a, t)) {
                return Some(b);
            }
        }
        return None;
    }
    match acr.bodies_of(x) {
        [b] => Some(*b),
        _ => None,
    }
}

fn describe_body(acr: &Acronyms, b: usize, lang: &str) -> String {
    let name = acr.name_in(b, lang).unwrap_or("?");
    match &acr.bodies[b].what {
        Some(w) => format!("{name}, {w}"),
        None => name.to_string(),
    }
}

/// The definition span for labels: expansion and acronym ("Forças de Apoio Rápido (FAR)").
fn def_span(a: &Analysis, x: &str, d: &Def) -> (usize, usize) {
    let acr = &a.ruleset.acronyms;
    let end = tok_span(a, d.tok, d.tok + 1).1 + usize::from(is_char(a, d.tok + 1, ")"));
    match d.exp {
        Some(exp) if exp.1 <= d.tok => {
            let (s, _) = best_expansion(a, acr, x, exp);
            (tok_span(a, s, s + 1).0, end)
        }
        Some((_, e)) => (tok_span(a, d.tok, d.tok + 1).0, tok_span(a, e, e + 1).1),
        None => tok_span(a, d.tok, d.tok + 1),
    }
}

fn def_expansion(a: &Analysis, x: &str, d: &Def) -> Option<String> {
    let acr = &a.ruleset.acronyms;
    d.exp.map(|exp| {
        if exp.1 <= d.tok {
            text_of(a, best_expansion(a, acr, x, exp))
        } else {
            text_of(a, exp)
        }
    })
}

/// Word tokens that may open a spelled-out name, by folded first letter, with the end of their
/// sentence: built once per draft, so each acronym looks only at words with its initial.
type Openers = BTreeMap<char, Vec<(usize, usize)>>;

fn openers_of(a: &Analysis, wanted: &std::collections::BTreeSet<char>) -> Openers {
    let acr = &a.ruleset.acronyms;
    // only the initials of the acronyms asked about: the other words are not kept (nor
    // tested for being connectors)
    let ascii_wanted: u128 = wanted
        .iter()
        .filter(|c| c.is_ascii())
        .fold(0, |m, &c| m | 1 << (c as u32));
    let is_wanted = |c: char| {
        if c.is_ascii() {
            ascii_wanted & (1 << (c as u32)) != 0
        } else {
            wanted.contains(&c)
        }
    };
    // ASCII initials (most words) are gathered in a table, not a map entry per word
    let mut ascii: Vec<Vec<(usize, usize)>> = vec![Vec::new(); 128];
    let mut m: Openers = BTreeMap::new();
    // whether a word is a connector, by its id in the lexicon (a known word is tested once;
    // an unknown one, id 0, each time): 0 not tested yet, 1 no, 2 yes
    let mut connector: Vec<u8> = Vec::new();
    for s in &a.sentences {
        for k in s.tok_start..s.tok_end {
            let t = &a.tokens.toks[k];
            if t.kind != TokKind::Word || t.upper {
                continue;
            }
            let Some(c) = crate::names::fold_first(word_text(a, k)).filter(|&c| is_wanted(c))
            else {
                continue;
            };
            let lower = a.tokens.lower(k);
            let is_connector = match a.word_ids[k] as usize {
                0 => acr.is_connector(lower),
                id => {
                    if id >= connector.len() {
                        connector.resize(id + 1, 0);
                    }
                    if connector[id] == 0 {
                        connector[id] = 1 + u8::from(acr.is_connector(lower));
                    }
                    connector[id] == 2
                }
            };
            if is_connector {
                continue;
            }
            if c.is_ascii() {
                ascii[c as usize].push((k, s.tok_end));
            } else {
                m.entry(c).or_default().push((k, s.tok_end));
            }
        }
    }
    for (c, v) in ascii.into_iter().enumerate() {
        if !v.is_empty() {
            m.insert(c as u8 as char, v);
        }
    }
    m
}

/// Is the acronym spelled out somewhere without brackets (a run of words whose initials fit it,
/// or a known name of a body it stands for)? `norm_text` is the normalised draft, made when a
/// known name is first looked for.
fn spelled_out(a: &Analysis, x: &str, norm_text: &OnceCell<String>, openers: &Openers) -> bool {
    let acr = &a.ruleset.acronyms;
    for &b in acr.bodies_of(x) {
        for names in acr.bodies[b].names.values() {
            for name in names {
                let nn = acr.normalise(name);
                if nn.is_empty() {
                    continue;
                }
                let norm_text =
                    norm_text.get_or_init(|| format!(" {} ", acr.normalise(&a.source.text)));
                if norm_text.contains(&format!(" {nn} ")) {
                    return true;
                }
            }
        }
    }
    let folded = fold(x);
    let Some(first) = folded.chars().next() else {
        return false;
    };
    let letters: Vec<char> = folded.chars().filter(|c| c.is_alphabetic()).collect();
    let len = x.chars().count();
    for &(k, end) in openers.get(&first).map(|v| v.as_slice()).unwrap_or(&[]) {
        let mut e = k;
        while e < end && e < k + len + 3 && a.tokens.toks[e].kind == TokKind::Word {
            e += 1;
        }
        if run_spells(a, acr, &letters, (k, e)) {
            return true;
        }
    }
    false
}

/// Does some run of [`words`] of `(s, e)` from its first, of at least two words that are not
/// connectors, give exactly the acronym's letters ([`crate::acronyms::fits_strictly`])? Its
/// table grows one word at a time ([`crate::acronyms::StrictFit`]) and a run's table is the
/// start of the next run's, so every run is answered by one pass, which stops once no letter
/// is reached.
fn run_spells(a: &Analysis, acr: &Acronyms, letters: &[char], (s, e): (usize, usize)) -> bool {
    let mut fit = crate::acronyms::StrictFit::new(letters);
    let mut content = 0;
    for k in s..e {
        if a.tokens.toks[k].kind != TokKind::Word {
            continue;
        }
        for p in word_text(a, k).split(['-', '‐']).filter(|p| !p.is_empty()) {
            let f = crate::names::fold_cow(p);
            let conn = acr.is_folded_connector(&f);
            if !fit.push(&f, conn) {
                return false;
            }
            if !conn {
                content += 1;
            }
            if content >= 2 && fit.complete() {
                return true;
            }
        }
    }
    false
}

/// Lower-case words of the draft (an all-capitals "UNLESS" is emphasis, not an acronym).
/// The lower-case forms of the draft's lower-case words that the lexicon does not know (only
/// such a word is asked about: a known one is answered first, by the lexicon), so the set is
/// a small part of the draft's words.
fn unknown_lower_words<'a>(a: &'a Analysis) -> rustc_hash::FxHashSet<&'a str> {
    a.tokens
        .toks
        .iter()
        .enumerate()
        .filter(|&(i, t)| t.kind == TokKind::Word && !t.cap && !a.knows(i))
        .map(|(i, _)| a.tokens.lower(i))
        .collect()
}

/// One typing slip apart: a letter changed, added or dropped, or two neighbours swapped.
fn one_slip(x: &str, y: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        return match diff.as_slice() {
            [_] => true,
            [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
            _ => false,
        };
    }
    crate::names::levenshtein(x, y, 1) == 1
}

/// A defined acronym that an undefined one looks like: same first two letters.
fn look_alike<'f>(x: &str, f: &'f Facts) -> Option<&'f str> {
    let mut best: Option<(usize, &str)> = None;
    for y in f.defs.keys() {
        // versions and families (IE / IE9) are not look-alikes
        if y == x
            || y.starts_with(x)
            || x.starts_with(y.as_str())
            || y.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let common = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
        if common >= 2 && best.is_none_or(|(c, _)| common > c) {
            best = Some((common, y.as_str()));
        }
    }
    best.map(|(_, y)| y)
}

/// What every acronym rule reads of a draft, gathered once per draft (see [`run`]).
pub(super) struct Prepared {
    f: Facts,
    /// Two acronyms for one body: undefined X → (defined Y, body).
    same_body: BTreeMap<String, (String, usize)>,
}

fn prepare(a: &Analysis) -> Prepared {
    let acr = &a.ruleset.acronyms;
    let f = collect(a);
    // two acronyms for one body: (defined Y, undefined X) pairs, decided first
    let mut same_body: BTreeMap<String, (String, usize)> = BTreeMap::new(); // X → (Y, body)
    // the body each defined acronym's first definition names, found when first asked (once,
    // not once per undefined acronym)
    let mut def_body: Vec<Option<Option<usize>>> = vec![None; f.defs.len()];
    for (x, uses) in &f.uses {
        if f.defs.contains_key(x) || uses.is_empty() || acr.bodies_of(x).is_empty() {
            continue;
        }
        for (di, (y, defs)) in f.defs.iter().enumerate() {
            if let Some(b) = *def_body[di].get_or_insert_with(|| body_of_def(a, y, &defs[0]))
                && acr.bodies_of(x).contains(&b)
                && y != x
            {
                same_body.entry(x.clone()).or_insert((y.clone(), b));
            }
        }
    }
    Prepared { f, same_body }
}

/// One acronym rule. `prepared` holds the draft's facts, shared by the acronym rules of a run.
pub fn run(a: &Analysis, r: &RuleSpec, prepared: &OnceCell<Prepared>, out: &mut Vec<Finding>) {
    let mode = r.param_str("mode").unwrap_or("");
    let lang = a.lang.code;
    let Prepared { f, same_body } = prepared.get_or_init(|| prepare(a));
    match mode {
        "undefined" => undefined(a, r, f, same_body, out),
        "redefined" => redefined(a, r, f, out),
        "two-for-one" => two_for_one(a, r, f, same_body, out),
        "other-body" => other_body(a, r, f, same_body, out),
        "letters" => letters(a, r, f, lang, out),
        _ => {}
    }
}

/// Acronyms the other-body mode reports (so undefined skips them).
fn other_body_pairs<'f>(
    a: &Analysis,
    f: &'f Facts,
    same_body: &BTreeMap<String, (String, usize)>,
) -> Vec<(&'f str, &'f str)> {
    let acr = &a.ruleset.acronyms;
    let mut v = Vec::new();
    for (x, uses) in &f.free {
        if uses.is_empty()
            || f.defs.contains_key(x)
            || same_body.contains_key(x)
            || acr.is_common(x)
            || x.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        if let Some(y) = look_alike(x, f) {
            v.push((x.as_str(), y));
        }
    }
    v
}

fn undefined(
    a: &Analysis,
    r: &RuleSpec,
    f: &Facts,
    same_body: &BTreeMap<String, (String, usize)>,
    out: &mut Vec<Finding>,
) {
    let acr = &a.ruleset.acronyms;
    let skip: Vec<&str> = other_body_pairs(a, f, same_body)
        .into_iter()
        .map(|(x, _)| x)
        .collect();
    // whole-draft passes, made only when an acronym gets as far as needing them
    let norm_text = OnceCell::new();
    let lower = OnceCell::new();
    let openers = OnceCell::new();
    // the acronyms that get as far as being looked for spelled out, first: the words that may
    // spell them out are gathered for their initials only
    let mut asked: Vec<(&String, usize)> = Vec::new();
    for (x, free) in &f.free {
        let Some(&k) = free.first() else { continue };
        let letters = x.chars().filter(|c| c.is_alphabetic()).count();
        let lower_x = x.to_lowercase();
        if f.defs.contains_key(x)
            || !a.gazetteer.lookup(&lower_x).is_empty()
            || same_body.contains_key(x)
            || skip.contains(&x.as_str())
            || letters < 3
            || x.chars().any(|c| c.is_ascii_digit())
            || roman(x)
            || acr.is_common(x)
            || a.lang.knows(&x.to_lowercase())
            || lower
                .get_or_init(|| unknown_lower_words(a))
                .contains(x.to_lowercase().as_str())
        {
            continue;
        }
        asked.push((x, k));
    }
    let initials = asked
        .iter()
        .filter_map(|(x, _)| fold(x).chars().next())
        .collect();
    for (x, k) in asked {
        if spelled_out(
            a,
            x,
            &norm_text,
            openers.get_or_init(|| openers_of(a, &initials)),
        ) {
            continue;
        }
        let count = f.uses.get(x).map(|u| u.len()).unwrap_or(0);
        let known: Vec<String> = acr
            .bodies_of(x)
            .iter()
            .map(|&b| describe_body(acr, b, a.lang.code))
            .collect();
        let hint = if known.is_empty() {
            String::new()
        } else {
            format!("; it usually stands for {}", known.join(", or "))
        };
        let mut reasoning = vec![format!(
            "no “Name ({x})” or “{x} (Name)” anywhere in the draft, and no run of words whose initials spell {x}"
        )];
        if !known.is_empty() {
            reasoning.push(format!(
                "{x} is not one of the acronyms readers know without a definition"
            ));
        }
        let (s, e) = tok_span(a, k, k + 1);
        let values = [
            ("acronym", x.clone()),
            ("count", times(count)),
            ("hint", hint),
        ];
        out.push(make(
            r,
            r.severity,
            &values,
            (s, e, format!("{x} is not spelled out anywhere")),
            Vec::new(),
            reasoning,
        ));
    }
}

fn redefined(a: &Analysis, r: &RuleSpec, f: &Facts, out: &mut Vec<Finding>) {
    let acr = &a.ruleset.acronyms;
    for (x, defs) in &f.defs {
        let with_exp: Vec<&Def> = defs.iter().filter(|d| d.exp.is_some()).collect();
        let Some(first) = with_exp.first() else {
            continue;
        };
        let e1 = def_expansion(a, x, first).unwrap_or_default();
        for d in &with_exp[1..] {
            let e2 = def_expansion(a, x, d).unwrap_or_default();
            if acr.normalise(&e1) == acr.normalise(&e2) {
                continue;
            }
            if let (Some(b1), Some(b2)) = (body_of_def(a, x, first), body_of_def(a, x, d))
                && b1 == b2
            {
                continue;
            }
            let (ps, pe) = def_span(a, x, d);
            let (rs, re) = def_span(a, x, first);
            let values = [
                ("acronym", x.clone()),
                ("expansion", e2.clone()),
                ("other_expansion", e1.clone()),
            ];
            out.push(make(
                r,
                r.severity,
                &values,
                (ps, pe, format!("{x} defined as “{e2}”")),
                vec![(rs, re, format!("{x} first defined as “{e1}”"))],
                vec![format!("“{e1}” and “{e2}” are different names")],
            ));
            break;
        }
    }
}

fn two_for_one(
    a: &Analysis,
    r: &RuleSpec,
    f: &Facts,
    same_body: &BTreeMap<String, (String, usize)>,
    out: &mut Vec<Finding>,
) {
    let acr = &a.ruleset.acronyms;
    let lang = a.lang.code;
    // two definitions of one body with different acronyms
    let mut seen: BTreeMap<String, (String, &Def)> = BTreeMap::new(); // key → first (acronym, def)
    let mut all: Vec<(&String, &Def)> = f
        .defs
        .iter()
        .flat_map(|(x, ds)| ds.iter().map(move |d| (x, d)))
        .filter(|(_, d)| d.exp.is_some())
        .collect();
    all.sort_by_key(|(_, d)| d.tok);
    for (x, d) in all {
        let exp = def_expansion(a, x, d).unwrap_or_default();
        let key = match body_of_def(a, x, d) {
            Some(b) => format!("#body{b}"),
            None => acr.normalise(&exp),
        };
        match seen.get(&key) {
            Some((y, d0)) if y != x => {
                let e0 = def_expansion(a, y, d0).unwrap_or_default();
                let (ps, pe) = def_span(a, x, d);
                let (rs, re) = def_span(a, y, d0);
                let mut reasoning = Vec::new();
                if let Some(b) = key.strip_prefix("#body") {
                    let b: usize = b.parse().unwrap_or(0);
                    reasoning.push(format!(
                        "“{e0}” and “{exp}” are names of one body: {}",
                        describe_body(acr, b, lang)
                    ));
                } else {
                    reasoning.push(format!("both acronyms are defined as “{exp}”"));
                }
                let values = [
                    ("acronym", x.clone()),
                    ("expansion", exp.clone()),
                    ("other", y.clone()),
                    ("other_expansion", e0),
                    ("hint", String::new()),
                ];
                out.push(make(
                    r,
                    r.severity,
                    &values,
                    (ps, pe, format!("introduced again as {x}")),
                    vec![(rs, re, format!("introduced as {y}"))],
                    reasoning,
                ));
            }
            Some(_) => {}
            None => {
                seen.insert(key, (x.clone(), d));
            }
        }
    }
    // an undefined acronym that is another name of a body the draft defined
    for (x, (y, b)) in same_body {
        let Some(&k) = f.uses.get(x).and_then(|u| u.first()) else {
            continue;
        };
        let d0 = &f.defs[y][0];
        let e0 = def_expansion(a, y, d0).unwrap_or_else(|| y.clone());
        let xl = acr
            .acronym_lang(*b, x)
            .map(|l| acr.language_name(l).to_string())
            .unwrap_or_default();
        let hint = if xl.is_empty() {
            String::new()
        } else {
            format!(" ({x} is its {xl} acronym)")
        };
        let (ps, pe) = tok_span(a, k, k + 1);
        let (rs, re) = def_span(a, y, d0);
        let values = [
            ("acronym", x.clone()),
            ("expansion", acr.name_in(*b, lang).unwrap_or("").to_string()),
            ("other", y.clone()),
            ("other_expansion", e0.clone()),
            ("hint", hint),
        ];
        out.push(make(
            r,
            r.severity,
            &values,
            (ps, pe, format!("{x}, never defined")),
            vec![(rs, re, format!("introduced as {y}"))],
            vec![
                format!("{x} is an acronym of {}", describe_body(acr, *b, lang)),
                format!("the draft defined {y} as “{e0}”, the same body"),
            ],
        ));
    }
}

fn other_body(
    a: &Analysis,
    r: &RuleSpec,
    f: &Facts,
    same_body: &BTreeMap<String, (String, usize)>,
    out: &mut Vec<Finding>,
) {
    let acr = &a.ruleset.acronyms;
    let lang = a.lang.code;
    for (x, y) in other_body_pairs(a, f, same_body) {
        let k = f.free[x][0];
        let d0 = &f.defs[y][0];
        let e0 = def_expansion(a, y, d0).unwrap_or_else(|| y.to_string());
        let mut known = Vec::new();
        let mut reasoning = vec![
            format!("{x} is used but never defined"),
            format!("{y} was defined earlier as “{e0}”, and {x} shares its first letters"),
        ];
        for &b in acr.bodies_of(x) {
            known.push(format!("{x} usually means {}", describe_body(acr, b, lang)));
        }
        for &b in acr.bodies_of(y) {
            let l = acr.acronym_lang(b, y).unwrap_or(lang);
            let what = describe_body(acr, b, lang);
            if l != lang {
                known.push(format!(
                    "{y} is the {} acronym of {what}",
                    acr.language_name(l)
                ));
            } else {
                known.push(format!("{y} usually means {what}"));
            }
        }
        let known_text = if known.is_empty() {
            String::new()
        } else {
            format!(" ({})", known.join("; "))
        };
        reasoning.extend(known.iter().cloned());
        let nx = f.uses.get(x).map(|u| u.len()).unwrap_or(0);
        let ny = f.uses.get(y).map(|u| u.len()).unwrap_or(0) + f.defs[y].len();
        // a typo of the defined acronym (one letter changed, added, dropped or two swapped), or
        // an isolated look-alike of a body the draft keeps naming: likely a slip
        let typo = one_slip(x, y);
        if typo {
            reasoning.push(format!(
                "{x} is {y} with one letter changed, added, dropped or swapped"
            ));
        }
        let severity = if nx < ny || typo {
            reasoning.push(format!("{x} appears {}, {y} {}", times(nx), times(ny)));
            r.severity
        } else {
            r.severity.lower()
        };
        let (ps, pe) = tok_span(a, k, k + 1);
        let (rs, re) = def_span(a, y, d0);
        let values = [
            ("acronym", x.to_string()),
            ("other", y.to_string()),
            ("other_expansion", e0.clone()),
            ("hint", known_text),
        ];
        out.push(make(
            r,
            severity,
            &values,
            (ps, pe, format!("{x}, never defined")),
            vec![(rs, re, format!("{y} defined here"))],
            reasoning,
        ));
    }
}

fn letters(a: &Analysis, r: &RuleSpec, f: &Facts, lang: &str, out: &mut Vec<Finding>) {
    let acr = &a.ruleset.acronyms;
    for (x, defs) in &f.defs {
        if x.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        for d in defs {
            let Some(exp) = d.exp else { continue };
            if d.introduced {
                continue;
            }
            // "BLUMENAU (SC)": a dateline's state, not a definition
            let caps = (exp.0..exp.1).all(|k| {
                let t = &a.tokens.toks[k];
                t.kind != TokKind::Word || t.upper
            });
            if caps
                || !a
                    .gazetteer
                    .lookup(&text_of(a, exp).to_lowercase())
                    .is_empty()
            {
                continue;
            }
            let body = body_of_def(a, x, d);
            match body {
                // a known body: its own acronyms, or letters that fit in order
                Some(b) => {
                    if acr.bodies[b].acronyms.values().flatten().any(|y| y == x)
                        || fits_in_order(a, acr, x, exp)
                    {
                        continue;
                    }
                }
                None => {
                    if fits_expansion(a, acr, x, exp) {
                        continue;
                    }
                }
            }
            let best = if exp.1 <= d.tok {
                best_expansion(a, acr, x, exp)
            } else {
                exp
            };
            let e = text_of(a, best);
            let w = words(a, acr, best);
            let initials: String = w
                .iter()
                .filter(|(_, c)| !c)
                .filter_map(|(t, _)| t.chars().next())
                .flat_map(char::to_uppercase)
                .collect();
            let rev: String = initials.chars().rev().collect();
            let mut reasoning = vec![format!(
                "the initials of “{e}” give {initials} in this order{}",
                if rev != initials {
                    format!(" and {rev} in reverse (English) order")
                } else {
                    String::new()
                }
            )];
            let mut hint = String::new();
            if let Some(b) = body {
                let usual = acr
                    .acronym_in(b, lang)
                    .or_else(|| acr.acronym_in(b, "en"))
                    .unwrap_or("");
                if !usual.is_empty() {
                    hint = format!("; its usual acronym is {usual}");
                    reasoning.push(format!("“{e}” is {}", describe_body(acr, b, lang)));
                }
            } else if let Some(&b) = acr.bodies_of(x).first() {
                let l = acr.acronym_lang(b, x).unwrap_or("");
                let other = acr.name_in(b, lang).unwrap_or("");
                let local = acr
                    .acronym_in(b, lang)
                    .map(|y| format!(", {y} in {}", acr.language_name(lang)))
                    .unwrap_or_default();
                if l != lang && !l.is_empty() {
                    hint = format!(
                        "; {x} may be the {} acronym of {}{local}",
                        acr.language_name(l),
                        other
                    );
                } else {
                    hint = format!("; {x} usually stands for {other}");
                }
                reasoning.push(format!(
                    "{x} is known as an acronym of {}",
                    describe_body(acr, b, lang)
                ));
            }
            let (ps, pe) = tok_span(a, d.tok, d.tok + 1);
            let (rs, re) = tok_span(a, best.0, best.1);
            let values = [
                ("acronym", x.clone()),
                ("expansion", e.clone()),
                ("hint", hint),
            ];
            out.push(make(
                r,
                r.severity,
                &values,
                (ps, pe, format!("{x} does not fit its expansion")),
                vec![(rs, re, "the expansion".to_string())],
                reasoning,
            ));
        }
    }
}
