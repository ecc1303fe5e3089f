//! Numbers: digits in both conventions ("4.404", "4,404", "3,5", "3.5"), numbers in words
//! ("dois", "vinte e cinco", "twenty-five", "mil"), scales ("4,4 mil", "3 million"),
//! approximations ("cerca de", "more than") and the noun that says what is counted.

use crate::grammar::Ctx;
use crate::lexicon::{Approx, Language, PhraseKind, flag};
use crate::segment::Sentence;
use crate::time::TimeMention;
use crate::tokens::TokKind;

#[derive(Clone, Debug, serde::Serialize)]
pub struct NumMention {
    pub ts: usize,
    pub te: usize,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub value: f64,
    pub approx: Approx,
    /// First token of the approximation phrase, if any.
    pub approx_ts: Option<usize>,
    /// Unit class of the counted noun ("person").
    pub unit: Option<&'static str>,
    /// Token of the counted noun.
    pub noun: Option<usize>,
    /// Predicate implied by the noun ("mortos" → die).
    pub noun_predicate: Option<u16>,
    /// Words that qualify the counted noun ("confirmed", "suspected", "suspeitos"): counts
    /// with different qualifiers count different things.
    pub modifiers: Vec<String>,
    pub percent: bool,
    pub ordinal: bool,
    /// A four-digit number that reads as a year.
    pub year_like: bool,
    /// Part of an enumeration ("three men and a woman"): not a count of its own.
    pub enumeration: bool,
    /// In another scope than the story's event ("so far this year", "em 2015").
    pub scoped: bool,
    /// Marked as provisional ("initially", "o primeiro balanço").
    pub provisional: bool,
}

/// Parse digits with separators in the language's convention. A separator followed by
/// exactly three digits is a group separator unless it is the language's decimal mark.
pub fn parse_digits(text: &str, lang: &Language) -> Option<f64> {
    let t = text
        .trim_end_matches(['º', 'ª'])
        .trim_end_matches(".")
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    let parts: Vec<&str> = t.split(['.', ',', '\u{a0}', '\u{202f}']).collect();
    let seps: Vec<char> = t
        .chars()
        .filter(|c| matches!(c, '.' | ',' | '\u{a0}' | '\u{202f}'))
        .collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut int = String::from(parts[0]);
    let mut frac = String::new();
    for (k, sep) in seps.iter().enumerate() {
        let next = parts[k + 1];
        let last = k + 1 == seps.len();
        let group = if *sep == lang.group || matches!(sep, '\u{a0}' | '\u{202f}') {
            next.len() == 3
        } else if *sep == lang.decimal {
            // a decimal mark is a decimal mark, unless more groups follow ("4,404,000")
            !last && next.len() == 3
        } else {
            next.len() == 3
        };
        if group && frac.is_empty() {
            int.push_str(next);
        } else if last {
            frac.push_str(next);
        } else {
            return None;
        }
    }
    let s = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    s.parse().ok()
}

/// Format a value the way the language writes it ("4.404", "3,5"; "4,404", "3.5").
pub fn format_value(v: f64, lang: &Language) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    // rounded to six decimals first, so 0.9999999 is "1" and 6e-8 is "0", never "0."
    let mut int = v.trunc();
    let mut micro = ((v - int) * 1e6).round() as u64;
    if micro >= 1_000_000 {
        int += 1.0;
        micro = 0;
    }
    let digits = (int as u64).to_string();
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) && digits.len() >= 4 {
            out.push(lang.group);
        }
        out.push(ch);
    }
    if micro > 0 {
        out.push(lang.decimal);
        out.push_str(format!("{micro:06}").trim_end_matches('0'));
    }
    if neg { format!("-{out}") } else { out }
}

/// The value of a number word, or of a hyphenated compound ("twenty-five").
fn word_value(c: &Ctx, k: usize) -> Option<f64> {
    let info = c.info(k);
    if let Some(v) = info.number {
        return Some(v);
    }
    let lw = c.lower(k);
    // (a byte test: most words are short and have no hyphen, and a char search costs more)
    if lw.bytes().any(|b| b == b'-') {
        let mut sum = 0.0;
        for part in lw.split('-') {
            sum += c.lang.word(part).number?;
        }
        return Some(sum);
    }
    None
}

/// How many tokens the longest of `phrases` (lower-case words, a space between two) takes at
/// `k`, before `end`.
fn words_at(c: &Ctx, k: usize, end: usize, phrases: &crate::lexicon::WordSet) -> Option<usize> {
    phrases
        .iter()
        .filter_map(|p| {
            let mut n = 0;
            for w in p.split(' ') {
                if k + n >= end || c.lower(k + n) != w {
                    return None;
                }
                n += 1;
            }
            Some(n)
        })
        .max()
}

/// Scan a sentence for numbers.
pub fn scan(c: &Ctx, s: &Sentence, si: usize, times: &[TimeMention], out: &mut Vec<NumMention>) {
    let mut k = s.tok_start;
    let end = s.tok_end;
    // scope and provisional markers, and years, once per sentence
    let (mut sent_scope, mut sent_provisional) = (false, false);
    let mut years = Vec::new();
    for j in s.tok_start..end {
        // a scope word inside a time phrase, or after a unit of time, dates a figure; it does
        // not scope the sentence: "up from 1,102 a week earlier"
        // (asked only of a token that opens such a phrase: most open none)
        let in_time = || {
            times.iter().any(|t| t.ts <= j && j < t.te)
                || j > s.tok_start && c.is_word(j - 1) && c.info(j - 1).has(flag::DURATION)
        };
        if let Some((n, kind)) = c.phrase_at(j, end, |p| {
            matches!(
                p,
                PhraseKind::Scope | PhraseKind::ScopeDeterminer | PhraseKind::Provisional
            )
        }) && !in_time()
        {
            match kind {
                PhraseKind::Scope => sent_scope = true,
                // "another crash killed 12": the whole sentence; "another 112 deaths": the
                // figure only (below)
                PhraseKind::ScopeDeterminer => {
                    if !(j + n < end && c.kind(j + n) == TokKind::Number) {
                        sent_scope = true;
                    }
                }
                _ => sent_provisional = true,
            }
        }
        let year = c.kind(j) == TokKind::Number
            && c.text(j).len() == 4
            && c.text(j)
                .parse::<u32>()
                .is_ok_and(|y| (1900..=2100).contains(&y));
        // a year inside a full date ("27 November 2024") dates the event, it does not scope it
        let in_date = || {
            (j.saturating_sub(2)..j)
                .any(|m| m >= s.tok_start && c.is_word(m) && c.info(m).month.is_some())
        };
        if year && years.len() < 3 && !in_date() {
            years.push(j);
        }
    }
    while k < end {
        let start_k = k;
        let mut value: Option<f64> = None;
        let mut ordinal = false;
        let mut year_like = false;
        let mut e = k;
        if c.kind(k) == TokKind::Number {
            let text = c.text(k);
            ordinal = c.lang.fw.ordinal_suffixes.iter().any(|x| text.ends_with(x));
            value = parse_digits(text, c.lang);
            year_like = text.len() == 4
                && text.bytes().all(|b| b.is_ascii_digit())
                && (1800..=2100).contains(&text.parse::<u32>().unwrap_or(0));
            e = k + 1;
        } else if c.is_word(k) && !c.toks.toks[k].cap || c.is_word(k) && k == s.tok_start {
            // words: "vinte e cinco", "twenty-five", "mil"
            if let Some(v) = word_value(c, k) {
                // "um"/"uma"/"one" are too often articles or pronouns: only before a unit noun
                let ambiguous = c.lang.fw.ambiguous_numbers.has(c.lower(k));
                let mut total = v;
                let mut j = k + 1;
                // "vinte e cinco"
                while j + 1 < end
                    && c.lang.fw.number_joiners.has(c.lower(j))
                    && word_value(c, j + 1).is_some()
                    && total >= 20.0
                {
                    total += word_value(c, j + 1).unwrap_or(0.0);
                    j += 2;
                }
                if !ambiguous || (j < end && c.is_word(j) && c.info(j).has(flag::UNIT)) {
                    value = Some(total);
                    e = j;
                }
            } else if let Some(sc) = c.info(k).scale {
                // "mil pessoas"
                if c.lang.fw.bare_scales.has(c.lower(k))
                    && k + 1 < end
                    && c.is_word(k + 1)
                    && c.info(k + 1).has(flag::UNIT)
                {
                    value = Some(sc);
                    e = k + 1;
                }
            }
        }
        let Some(mut v) = value else {
            k += 1;
            continue;
        };
        // scale words: "4,4 mil", "3 million", "1,2 milhão"
        if e < end
            && c.is_word(e)
            && let Some(sc) = c.info(e).scale
        {
            v *= sc;
            e += 1;
            year_like = false;
        }
        // percent
        let mut percent = false;
        if e < end && c.text(e) == "%" {
            percent = true;
            e += 1;
        } else if let Some(n) = words_at(c, e, end, &c.lang.fw.percent) {
            percent = true;
            e += n;
        }
        // approximation phrase right before
        let mut approx = Approx::Exact;
        let mut approx_ts = None;
        for back in 1..=3usize {
            if start_k < s.tok_start + back {
                break;
            }
            let b = start_k - back;
            if let Some((n, PhraseKind::Approx(a))) =
                c.phrase_at(b, start_k, |k| matches!(k, PhraseKind::Approx(_)))
                && b + n == start_k
            {
                approx = *a;
                approx_ts = Some(b);
                break;
            }
        }
        // the counted noun: up to two words on ("4.404 pessoas", "12 people were", "164 mortos")
        let mut unit = None;
        let mut noun = None;
        let mut noun_predicate = None;
        let mut head_noun = None;
        let mut modifiers: Vec<usize> = Vec::new();
        if !percent {
            for j in e..(e + 3).min(end) {
                if !c.is_word(j) || c.toks.toks[j].cap {
                    break;
                }
                let info = c.info(j);
                // "the 221 confirmed cases": a qualifier before the noun
                if info.has(flag::QUALIFIER)
                    && info.unit.is_none()
                    && info.predicate_nouns.is_empty()
                {
                    modifiers.push(j);
                    continue;
                }
                if let Some(u) = info.unit {
                    unit = Some(u);
                    noun = Some(j);
                    if let Some(&p) = info.predicate_nouns.first() {
                        noun_predicate = Some(p);
                    }
                    break;
                }
                if let Some(&p) = info.predicate_nouns.first() {
                    noun_predicate = Some(p);
                    // "os 19 torcedores detidos": the noun before is what is counted
                    noun = Some(head_noun.unwrap_or(j));
                    unit = Some("person");
                    break;
                }
                // allow adjectives and participles in between ("the 221 confirmed cases"),
                // not function words
                let function = flag::STOPWORD
                    | flag::PREPOSITION
                    | flag::AUXILIARY
                    | flag::DETERMINER
                    | flag::CONJUNCTION
                    | flag::COMPLEMENTIZER
                    | flag::NEGATOR;
                if info.flags & function != 0
                    || info.speech.is_some()
                    || !info.predicates.is_empty() && j > e
                {
                    break;
                }
                // any other noun: "47 container ships", "27 torcedores"
                if let Some(h) = head_noun {
                    modifiers.push(h);
                }
                head_noun = Some(j);
            }
            if noun.is_none() {
                noun = head_noun;
            } else if let (Some(n), Some(h)) = (noun, head_noun)
                && h < n
            {
                modifiers.push(h);
            }
            // "casos suspeitos": an adjective right after the noun qualifies it too
            if let Some(n) = noun
                && n + 1 < end
                && c.is_word(n + 1)
                && !c.toks.toks[n + 1].cap
                && c.info(n + 1).has(flag::QUALIFIER)
            {
                modifiers.push(n + 1);
            }
        }
        // "the death toll climbed to 23", "o número de mortos subiu para 48"
        if noun.is_none() && noun_predicate.is_none() && !percent {
            // back to the previous number or semicolon, at most 25 tokens
            let mut from = start_k;
            while from > s.tok_start
                && start_k - from < 25
                && c.kind(from - 1) != TokKind::Number
                && c.text(from - 1) != ";"
            {
                from -= 1;
            }
            for j in from..start_k {
                if let Some((_, PhraseKind::CountNoun(class))) =
                    c.phrase_at(j, start_k, |p| matches!(p, PhraseKind::CountNoun(_)))
                    && let Some(p) = c.lang.predicate_index(class)
                {
                    noun_predicate = Some(p);
                    unit = Some("person");
                    noun = Some(j);
                }
            }
        }
        if unit.is_some() {
            year_like = false;
            // "4,404 pessoas" in a Portuguese text still means four thousand
            if v.fract() != 0.0 {
                let text = c.text(start_k);
                if let Some(pos) = text.rfind([',', '.'])
                    && text.len() - pos - 1 == 3
                {
                    v = (v * 1000.0).round();
                }
            }
        }
        let te = e.max(start_k + 1);
        // an enumeration: "three men and a woman", "103 em Almaty e 50 noutras cidades"
        let after = noun.map(|n| n + 1).unwrap_or(te);
        let enumeration = (after < end
            && c.is_word(after)
            && (c.lang.fw.and.has(c.lower(after)) || c.lang.fw.plus.has(c.lower(after)))
            && (after + 1 < end
                && (c.kind(after + 1) == TokKind::Number
                    || c.is_word(after + 1)
                        && (c.info(after + 1).has(flag::DETERMINER)
                            || c.info(after + 1).number.is_some()))))
            || (start_k > s.tok_start + 1
                && c.is_word(start_k - 1)
                && c.lang.fw.and.has(c.lower(start_k - 1))
                && (start_k.saturating_sub(4)..start_k - 1)
                    .any(|j| j >= s.tok_start && c.kind(j) == TokKind::Number));
        // a range, "between 30 and 40 people" / "entre 30 e 40 pessoas": its ends are bounds,
        // not an enumeration
        let opens =
            |k: usize| k > s.tok_start && c.is_word(k - 1) && c.info(k - 1).has(flag::RANGE_OPEN);
        let joins = |k: usize| k < end && c.is_word(k) && c.info(k).has(flag::RANGE_JOIN);
        let (mut approx, mut enumeration, mut approx_ts) = (approx, enumeration, approx_ts);
        if approx == Approx::Exact && approx_ts.is_none() {
            if opens(start_k) && joins(te) && te + 1 < end && c.kind(te + 1) == TokKind::Number {
                approx = Approx::AtLeast;
                enumeration = false;
            } else if start_k >= s.tok_start + 3
                && joins(start_k - 1)
                && c.kind(start_k - 2) == TokKind::Number
                && opens(start_k - 2)
            {
                approx = Approx::AtMost;
                enumeration = false;
                // the mention reads "between 30 and 40"
                approx_ts = Some(start_k - 3);
            }
        }
        // "another 112 deaths": a scope word right before this figure
        let ns = approx_ts.unwrap_or(start_k);
        let local_scope = (ns.saturating_sub(3).max(s.tok_start)..ns).any(|j| {
            c.phrase_at(j, ns, |p| matches!(p, PhraseKind::ScopeDeterminer))
                .is_some_and(|(n, _)| j + n == ns)
        });
        // "8,000 victims per day": a rate right after the figure and its noun
        let rate = (te..(te + 3).min(end)).any(|j| {
            c.phrase_at(j, end, |p| matches!(p, PhraseKind::Rate))
                .is_some()
        });
        let scoped = sent_scope || local_scope || rate || years.iter().any(|&y| y != start_k);
        let provisional = sent_provisional;
        out.push(NumMention {
            ts: approx_ts.unwrap_or(start_k),
            te,
            start: c.toks.toks[approx_ts.unwrap_or(start_k)].start as usize,
            end: c.toks.toks[te - 1].end as usize,
            sentence: si,
            value: v,
            approx,
            approx_ts,
            unit,
            noun,
            noun_predicate,
            percent,
            ordinal,
            year_like,
            enumeration,
            scoped,
            provisional,
            modifiers: modifiers
                .iter()
                .filter(|&&m| c.info(m).has(flag::QUALIFIER))
                .map(|&m| c.lower(m).to_string())
                .collect(),
        });
        k = te;
    }
}

/// The interval of values a qualified number allows.
pub fn interval(value: f64, approx: Approx) -> (f64, f64) {
    // "cerca de 4.400": the last non-zero digit sets the precision (±5 % at least)
    let round_unit = {
        let mut u = 1.0;
        let mut v = value.abs();
        while v >= 10.0 && (v / 10.0).fract() == 0.0 {
            v /= 10.0;
            u *= 10.0;
        }
        u
    };
    let tol = (value.abs() * 0.05).max(round_unit / 2.0);
    match approx {
        Approx::Exact => (value, value),
        Approx::About => (value - tol * 2.0, value + tol * 2.0),
        Approx::MoreThan => (value, f64::INFINITY),
        Approx::AtLeast => (value, f64::INFINITY),
        Approx::LessThan => (f64::NEG_INFINITY, value),
        Approx::AtMost => (f64::NEG_INFINITY, value),
        Approx::Almost => (value * 0.85, value),
    }
}

/// Can the two qualified numbers describe the same value?
pub fn compatible(a: f64, aa: Approx, b: f64, ba: Approx) -> bool {
    let (a0, a1) = interval(a, aa);
    let (b0, b1) = interval(b, ba);
    a0 <= b1 && b0 <= a1
}
