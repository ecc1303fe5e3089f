//! Numbers beyond counts (kind `quantity`), each a mode:
//!
//! - `age`: one person given two ages ("Peter Otieno, 58," / "Otieno, 61,"; "de 43 anos" /
//!   "Tanaka, 47,"; "the 21-year-old");
//! - `parts`: parts that do not add up to their total ("164 killed, including 103 in Almaty
//!   and 50 elsewhere"; "a $1.3 billion loan … made up of $800 million and $600 million");
//! - `shares`: shares of one whole that add up to more than 100% ("53.8% of the vote against
//!   49.1%"; a list of results);
//! - `points`: a stated difference in percentage points that the two figures do not give
//!   ("by 0.75 points, from 10.25% to 10.75%"; "a lead of 21 points" with 58.6% and 41.4%);
//! - `currency`: one amount given in two currencies ("4.5 million euros" / "4.5 million
//!   dollars");
//! - `ordinal`: one holder's current numbered thing given two numbers ("now serving his
//!   third term" / "who is in his second term"; "cumpre o segundo mandato").
//!
//! Numbers are read by `numbers.rs` (both conventions, words, scales, approximations); the
//! words these modes look for are in `[contradictions]` of `rules/lang/<code>/`. Each mode
//! looks at each number once, with a bounded window or a bucket by person or value: linear.

use std::collections::BTreeMap;

use super::support::{Place, entity_of, is_word, span_finding, tok_bytes, tok_text};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::lexicon::Approx;
use crate::markup::BlockKind;
use crate::numbers::{NumMention, format_value, interval};
use crate::resolve::EntityKind;
use crate::rules::RuleSpec;
use crate::tokens::TokKind;

pub fn run(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    match r.param_str("mode").unwrap_or("age") {
        "parts" => parts(a, r, out),
        "shares" => shares(a, r, out),
        "points" => points(a, r, out),
        "currency" => currency(a, r, out),
        "amount" => amount(a, r, out),
        "ordinal" => ordinal(a, r, out),
        _ => age(a, r, out),
    }
}

fn num_text(a: &Analysis, n: &NumMention) -> String {
    let (s, e) = amount_span(a, n);
    super::clip(&a.source.text[s..e], 40)
}

/// An amount as written: a currency symbol before it, and the counted noun or the currency
/// name after it ("$800 million", "31 pessoas", "4,5 milhões de euros").
fn amount_span(a: &Analysis, n: &NumMention) -> (usize, usize) {
    let s = &a.sentences[n.sentence];
    let mut start = n.start;
    let num_tok = (n.ts..n.te)
        .find(|&k| a.tokens.toks[k].kind == TokKind::Number)
        .unwrap_or(n.ts);
    if num_tok == n.ts && num_tok > s.tok_start && !is_word(a, num_tok - 1) {
        let k = num_tok - 1;
        if a.lang.contra.currency_at(a, k, k + 1).is_some() {
            start = a.tokens.toks[k].start as usize;
            if k > s.tok_start
                && a.tokens.toks[k - 1].end == a.tokens.toks[k].start
                && a.lang
                    .contra
                    .currency_prefixes
                    .contains_key(a.tokens.lower(k - 1))
            {
                start = a.tokens.toks[k - 1].start as usize;
            }
        }
    }
    let mut end = currency_end(a, n);
    // a counted noun of a known kind ("31 pessoas"), not any word after a number or money
    // (nor one before it: "the number of people detained at 117")
    if end == n.end
        && start == n.start
        && n.unit.is_some_and(|u| u != "thing")
        && let Some(j) = n.noun
        && j <= n.te + 1
        && a.tokens.toks[j].start as usize >= n.end
        && a.lang.contra.remainders.at(a, j, j + 1).is_none()
    {
        end = a.tokens.toks[j].end as usize;
    }
    (start, end.max(start))
}

/// Half a unit of the last written decimal place: the rounding a figure allows.
fn rounding(a: &Analysis, n: &NumMention) -> f64 {
    let k = (n.ts..n.te)
        .find(|&k| a.tokens.toks[k].kind == TokKind::Number)
        .unwrap_or(n.ts);
    let text = tok_text(a, k);
    let decimals = text
        .rfind(a.lang.decimal)
        .map(|p| text.len() - p - 1)
        .filter(|&d| d != 3 || !text.contains(a.lang.group))
        .unwrap_or(0);
    let scale = if n.value.abs() >= 1.0 && text.parse::<f64>().is_ok_and(|v| v != 0.0) {
        (n.value
            / text
                .replace(a.lang.decimal, ".")
                .parse::<f64>()
                .unwrap_or(n.value))
        .abs()
    } else {
        1.0
    };
    0.5 * 10f64.powi(-(decimals as i32)) * scale.max(1.0)
}

// ---------------------------------------------------------------------------------------
// Ages

struct AgeMention {
    entity: usize,
    value: f64,
    start: usize,
    end: usize,
    /// Found through the person last mentioned ("the 21-year-old"), not a name.
    weak: bool,
    how: String,
}

fn age_value(n: &NumMention) -> Option<f64> {
    (!n.percent
        && !n.ordinal
        && n.approx == Approx::Exact
        && n.value.fract() == 0.0
        && (1.0..=120.0).contains(&n.value))
    .then_some(n.value)
}

fn person(a: &Analysis, np: usize) -> Option<usize> {
    let e = entity_of(a, np)?;
    matches!(a.entities[e].kind, EntityKind::Person | EntityKind::Role).then_some(e)
}

fn ages(a: &Analysis) -> Vec<AgeMention> {
    let w = &a.lang.contra;
    let nps = a.np_index();
    let mut out = Vec::new();
    // the first person named in each sentence (its likely subject), for "the 21-year-old"
    let mut first_person: Vec<Option<(usize, usize)>> = vec![None; a.sentences.len()];
    for (i, np) in a.nps.iter().enumerate() {
        if np.kind == crate::np::NpKind::Name
            && first_person[np.sentence].is_none()
            && let Some(e) = person(a, i)
            && a.entities[e].kind == EntityKind::Person
        {
            first_person[np.sentence] = Some((e, np.te));
        }
    }
    for n in &a.nums {
        let Some(v) = age_value(n) else { continue };
        let s = &a.sentences[n.sentence];
        let (ts, te) = (n.ts, n.te);
        // 1. "21-year-old", "21 year old": a compound before a name, or about the last person
        let mut j = te;
        if j < s.tok_end && matches!(tok_text(a, j), "-" | "‐") {
            j += 1;
        }
        if let Some(m) = w.age_compound.at(a, j, s.tok_end) {
            let after = j + m;
            // "the 21-year-old Kwame Adjei"; "a 19-year-old student" describes someone unnamed
            let next = nps.starting_at(after);
            if next.is_some_and(|np| a.nps[np].kind != crate::np::NpKind::Name) {
                continue;
            }
            let named = next.and_then(|np| person(a, np).map(|e| (e, a.nps[np].te)));
            let (entity, weak, upto) = match named {
                Some((e, te)) => (Some(e), false, te),
                // the subject of this sentence so far, else of the sentence before
                None => (
                    first_person[n.sentence]
                        .filter(|&(_, te)| te <= n.ts)
                        .or_else(|| n.sentence.checked_sub(1).and_then(|p| first_person[p]))
                        .map(|(e, _)| e),
                    true,
                    after,
                ),
            };
            if let Some(e) = entity {
                let (bs, be) = tok_bytes(a, ts, upto);
                out.push(AgeMention {
                    entity: e,
                    value: v,
                    start: bs,
                    end: be,
                    weak,
                    how: if weak {
                        format!(
                            "'{}' → {}, the first person named in this sentence or the one before",
                            &a.source.text[bs..be],
                            a.entities[e].label
                        )
                    } else {
                        format!(
                            "'{}' describes {}",
                            &a.source.text[bs..be],
                            a.entities[e].label
                        )
                    },
                });
            }
            continue;
        }
        // 2. after a name: "Otieno, 58,", "Tanaka, de 43 anos", "Okafor (52)", "X, aged 40"
        let mut b = ts;
        let mut before_word = false;
        if let Some(k) = w.age_before.ending_at(a, b.saturating_sub(3), b) {
            before_word = true;
            b = k;
        }
        let mut after_word = false;
        let mut e_end = te;
        if let Some(m) = w.age_after.at(a, te, s.tok_end) {
            after_word = true;
            e_end = te + m;
        }
        if b == 0 || b <= s.tok_start {
            continue;
        }
        let sep = tok_text(a, b - 1);
        if !matches!(sep, "," | "(") {
            continue;
        }
        let closing = e_end >= s.tok_end || matches!(tok_text(a, e_end), "," | ")" | "." | ";");
        if !closing || !(before_word || after_word || matches!(sep, "," | "(")) {
            continue;
        }
        // a bare number between commas must follow a name, not a place or a date
        let Some(np) = nps.ending_at(b - 1) else {
            continue;
        };
        if !(before_word || after_word) && a.nps[np].kind != crate::np::NpKind::Name {
            continue;
        }
        let Some(e) = person(a, np) else { continue };
        let (bs, be) = (a.nps[np].start, tok_bytes(a, ts, e_end).1);
        out.push(AgeMention {
            entity: e,
            value: v,
            start: bs,
            end: be,
            weak: a.res[np].weak,
            how: format!(
                "'{}' gives the age of {}",
                &a.source.text[bs..be],
                a.entities[e].label
            ),
        });
    }
    out
}

/// A finding on one holder given two values: the later mention primary, the earlier related.
fn two_values(
    r: &RuleSpec,
    later: (usize, usize, String),
    earlier: (usize, usize, String),
    values: &[(&str, String)],
    reasoning: Vec<String>,
    severity: crate::findings::Severity,
) -> Finding {
    let place = |(start, end, label): (usize, usize, String)| Place { start, end, label };
    span_finding(
        r,
        place(later),
        Some(place(earlier)),
        values,
        reasoning,
        severity,
        Vec::new(),
    )
}

fn age(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let mut by_person: BTreeMap<usize, Vec<AgeMention>> = BTreeMap::new();
    for m in ages(a) {
        by_person.entry(m.entity).or_default().push(m);
    }
    for (e, list) in by_person {
        'next: for (k, y) in list.iter().enumerate() {
            for x in list[k.saturating_sub(super::NEIGHBOURS)..k].iter() {
                if x.value == y.value {
                    continue;
                }
                let label = a.entities[e].label.clone();
                let mut severity = r.severity;
                if x.weak || y.weak {
                    severity = severity.lower();
                }
                let reasoning = vec![
                    x.how.clone(),
                    y.how.clone(),
                    format!(
                        "one person has one age in one story: {} and {}",
                        x.value, y.value
                    ),
                ];
                let values = [
                    ("subject", label.clone()),
                    ("value_a", format!("{}", x.value)),
                    ("value_b", format!("{}", y.value)),
                ];
                out.push(two_values(
                    r,
                    (y.start, y.end, format!("{label}: {}", y.value)),
                    (x.start, x.end, format!("{label}: {}", x.value)),
                    &values,
                    reasoning,
                    severity,
                ));
                break 'next;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Currencies

/// The currency of an amount: a symbol before it ("$", "US$", "€") or a name after it
/// ("dollars", "de euros", "Kenyan shillings").
fn currency_of<'a>(a: &'a Analysis, n: &NumMention) -> Option<&'a str> {
    let w = &a.lang.contra;
    let s = &a.sentences[n.sentence];
    let first_num = (n.ts..n.te)
        .find(|&k| a.tokens.toks[k].kind == TokKind::Number || is_word(a, k))
        .unwrap_or(n.ts);
    let num_tok = (n.ts..n.te)
        .find(|&k| a.tokens.toks[k].kind == TokKind::Number)
        .unwrap_or(first_num);
    if num_tok > s.tok_start {
        let k = num_tok - 1;
        if let Some((code, _)) = w.currency_at(a, k, k + 1)
            && !is_word(a, k)
        {
            // "US$", "R$": a prefix glued to the symbol
            if k > s.tok_start
                && a.tokens.toks[k - 1].end == a.tokens.toks[k].start
                && let Some(c) = w.currency_prefixes.get(a.tokens.lower(k - 1))
            {
                return Some(c.as_str());
            }
            return Some(code);
        }
    }
    let mut j = n.te;
    if j < s.tok_end && a.lang.fw.of.has(a.tokens.lower(j)) {
        j += 1;
    }
    w.currency_at(a, j, s.tok_end).map(|(c, _)| c)
}

fn currency(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let min = r.param_f64("min-amount").unwrap_or(100.0);
    let mut by_value: BTreeMap<u64, Vec<(usize, &str)>> = BTreeMap::new();
    for (i, n) in a.nums.iter().enumerate() {
        if n.percent || n.year_like || n.value < min {
            continue;
        }
        if let Some(c) = currency_of(a, n) {
            by_value.entry(n.value.to_bits()).or_default().push((i, c));
        }
    }
    for (_, list) in by_value {
        'next: for (k, &(yi, yc)) in list.iter().enumerate() {
            for &(xi, xc) in list[k.saturating_sub(super::NEIGHBOURS)..k].iter() {
                if xc == yc {
                    continue;
                }
                let (x, y) = (&a.nums[xi], &a.nums[yi]);
                // a conversion given in brackets right after the amount
                let bracketed = y.sentence == x.sentence
                    && (x.te..y.ts).any(|k| tok_text(a, k) == "(")
                    && y.ts - x.te <= 4;
                if bracketed {
                    continue;
                }
                let (tx, ty) = (num_text(a, x), num_text(a, y));
                let (xs, xe) = amount_span(a, x);
                let (ys, ye) = amount_span(a, y);
                let reasoning = vec![
                    format!(
                        "the same amount, {}, is in {xc} in '{}' and in {yc} in '{}'",
                        format_value(x.value, a.lang),
                        &a.source.text[xs..xe],
                        &a.source.text[ys..ye]
                    ),
                    "two currencies do not have the same value; one of them is probably wrong"
                        .into(),
                ];
                let values = [
                    ("value_a", tx.clone()),
                    ("value_b", ty.clone()),
                    ("currency_a", xc.to_string()),
                    ("currency_b", yc.to_string()),
                ];
                out.push(span_finding(
                    r,
                    Place {
                        start: ys,
                        end: ye,
                        label: format!("in {yc}"),
                    },
                    Some(Place {
                        start: xs,
                        end: xe,
                        label: format!("in {xc}"),
                    }),
                    &values,
                    reasoning,
                    r.severity,
                    Vec::new(),
                ));
                break 'next;
            }
        }
    }
}

/// The end of an amount including a currency name after it.
fn currency_end(a: &Analysis, n: &NumMention) -> usize {
    let s = &a.sentences[n.sentence];
    let mut j = n.te;
    if j < s.tok_end && a.lang.fw.of.has(a.tokens.lower(j)) {
        j += 1;
    }
    match a.lang.contra.currency_at(a, j, s.tok_end) {
        Some((_, m)) if is_word(a, j) => tok_bytes(a, j, j + m).1,
        _ => n.end,
    }
}

// ---------------------------------------------------------------------------------------
// Parts and totals

/// The predicate class of each number, from the propositions that use it.
fn num_predicates(a: &Analysis) -> Vec<Option<&'static str>> {
    let mut out = vec![None; a.nums.len()];
    for c in &a.claims {
        for p in &c.props {
            // a verb the lexicon does not know says nothing about what is counted
            if let Some(n) = p.number
                && p.stem.is_none()
                && p.predicate != "generic"
            {
                out[n].get_or_insert(p.predicate);
            }
        }
    }
    for (i, n) in a.nums.iter().enumerate() {
        if out[i].is_none()
            && let Some(p) = n.noun_predicate
        {
            out[i] = Some(a.lang.predicate(p).class);
        }
    }
    out
}

fn usable(n: &NumMention) -> bool {
    !n.percent && !n.year_like && !n.ordinal
}

fn parts(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let w = &a.lang.contra;
    let preds = num_predicates(a);
    let currencies: Vec<Option<&str>> = a.nums.iter().map(|n| currency_of(a, n)).collect();
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); a.sentences.len()];
    for (i, n) in a.nums.iter().enumerate() {
        if usable(n) {
            by_sentence[n.sentence].push(i);
        }
    }
    for (si, s) in a.sentences.iter().enumerate() {
        // the parts are two numbers or more of this sentence: without them, no cue is sought
        if by_sentence[si].len() < 2 {
            continue;
        }
        // the cue: "including", "made up of", or an opener "Of the dead," at the start
        let mut cue: Option<(usize, usize, bool)> = None; // (start, end, exhaustive)
        let mut k = s.tok_start;
        while k < s.tok_end && cue.is_none() {
            if let Some(m) = w.exhaustive.at(a, k, s.tok_end) {
                cue = Some((k, k + m, true));
            } else if let Some(m) = w.partitions.at(a, k, s.tok_end) {
                cue = Some((k, k + m, false));
            } else if k == s.tok_start
                && let Some(m) = w.part_openers.at(a, k, s.tok_end)
            {
                cue = Some((k, k + m, false));
            }
            k += 1;
        }
        let Some((cs, ce, mut exhaustive)) = cue else {
            continue;
        };
        let clause_end = (ce..s.tok_end)
            .find(|&j| tok_text(a, j) == ";")
            .unwrap_or(s.tok_end);
        // the total: the last number before the cue in the sentence, else in the four before
        let before: Option<usize> = by_sentence[si]
            .iter()
            .rev()
            .find(|&&i| a.nums[i].te <= cs)
            .copied();
        let mut part_ids: Vec<usize> = by_sentence[si]
            .iter()
            .copied()
            .filter(|&i| a.nums[i].ts >= ce && a.nums[i].te <= clause_end)
            .collect();
        if part_ids.len() < 2 {
            continue;
        }
        // the parts share one currency (amounts of money skip other numbers: "from three
        // banks"), or one kind of event (a count of something else ends the list); a new
        // clause ("…, where a five-storey building …") ends the list too
        let cur = part_ids.iter().find_map(|&i| currencies[i]);
        // what is counted: the noun after the opener ("Das vítimas mortais"), else the parts'
        let opener_pred = (ce..(ce + 2).min(s.tok_end)).find_map(|j| {
            a.lang
                .word(a.tokens.lower(j))
                .predicate_nouns
                .first()
                .map(|&p| a.lang.predicate(p).class)
        });
        let pred = opener_pred.or_else(|| part_ids.iter().find_map(|&i| preds[i]));
        let mut kept: Vec<usize> = Vec::new();
        for &i in &part_ids {
            if let Some(&prev) = kept.last() {
                let (pe, ns) = (a.nums[prev].te, a.nums[i].ts);
                let new_clause = ns.saturating_sub(pe) > 10
                    || (pe..ns).any(|j| {
                        tok_text(a, j) == ";"
                            || is_word(a, j)
                                && a.lang
                                    .word(a.tokens.lower(j))
                                    .has(crate::lexicon::flag::RELATIVIZER)
                    });
                if new_clause {
                    break;
                }
            }
            if cur.is_some() {
                if currencies[i] == cur {
                    kept.push(i);
                }
                continue;
            }
            if let (Some(p), Some(q)) = (pred, preds[i])
                && p != q
            {
                break;
            }
            kept.push(i);
        }
        part_ids = kept;
        if part_ids.len() < 2 {
            continue;
        }
        let compatible_total = |i: usize| -> bool {
            let t = &a.nums[i];
            // a count of people needs a total of people: "31 pessoas", not "20 segundos"
            let same_kind = match (pred, preds[i]) {
                (Some(p), Some(q)) => p == q,
                (Some(_), None) => cur.is_some() || t.unit == Some("person"),
                _ => true,
            };
            currencies[i] == cur
                && usable(t)
                && same_kind
                && part_ids.iter().all(|&p| a.nums[p].value <= t.value)
        };
        // a total in the same sentence ("164 killed, including …") needs only the same
        // currency and to be larger than each part; one further back must count the same thing
        let in_sentence_total = |i: usize| {
            let t = &a.nums[i];
            currencies[i] == cur
                && usable(t)
                && part_ids.iter().all(|&p| a.nums[p].value <= t.value)
        };
        let total = match before {
            Some(t) if in_sentence_total(t) => Some(t),
            Some(_) => None,
            None => (si.saturating_sub(4)..si).rev().find_map(|sj| {
                by_sentence[sj]
                    .iter()
                    .rev()
                    .find(|&&i| compatible_total(i))
                    .copied()
            }),
        };
        let Some(ti) = total else { continue };
        let t = &a.nums[ti];
        // a remainder ("50 elsewhere", "os restantes") makes the list complete
        let last = &a.nums[*part_ids.last().unwrap()];
        let tail_end = (last.te + 4).min(clause_end);
        if w.remainders.find(a, ce, tail_end).is_some() {
            exhaustive = true;
        }
        let (mut lo, mut hi) = (0.0, 0.0);
        for &i in &part_ids {
            let n = &a.nums[i];
            let (l, h) = interval(n.value, n.approx);
            lo += l;
            hi += h;
        }
        let tol: f64 = part_ids
            .iter()
            .map(|&i| rounding(a, &a.nums[i]))
            .sum::<f64>()
            + rounding(a, t);
        let (t0, t1) = interval(t.value, t.approx);
        let exceeds = lo > t1 + tol;
        let short = exhaustive && hi + tol < t0;
        let minimum_understated = !exceeds
            && !exhaustive
            && matches!(t.approx, Approx::AtLeast | Approx::MoreThan)
            && lo > t.value + tol;
        if !(exceeds || short || minimum_understated) {
            continue;
        }
        let sum = lo;
        let part_texts: Vec<String> = part_ids.iter().map(|&i| num_text(a, &a.nums[i])).collect();
        let cue_text = a.source.text[tok_bytes(a, cs, ce).0..tok_bytes(a, cs, ce).1].to_string();
        let mut reasoning = vec![format!(
            "'{}' introduces parts of the total '{}': {}",
            cue_text,
            num_text(a, t),
            part_texts.join(" + ")
        )];
        reasoning.push(format!(
            "the parts add up to {}{}",
            format_value(sum, a.lang),
            if hi != lo {
                format!(" to {}", format_value(hi, a.lang))
            } else {
                String::new()
            }
        ));
        let mut severity = r.severity;
        if exceeds {
            reasoning.push(format!(
                "more than the total, {}",
                format_value(t.value, a.lang)
            ));
        } else if short {
            reasoning.push(format!(
                "the list is complete ({}), yet it falls short of the total, {}",
                if w.exhaustive.at(a, cs, ce).is_some() {
                    format!("'{cue_text}'")
                } else {
                    "it names the remainder".to_string()
                },
                format_value(t.value, a.lang)
            ));
        } else {
            reasoning.push(format!(
                "the total is a minimum ('{}'), yet the parts already exceed it",
                num_text(a, t)
            ));
            severity = severity.lower();
        }
        if t.sentence != si {
            severity = severity.lower().max(crate::findings::Severity::Warning);
        }
        let first = &a.nums[part_ids[0]];
        let (ps, mut pe) = (amount_span(a, first).0, amount_span(a, last).1);
        if let Some((k, m)) = w.remainders.find(a, last.te, tail_end) {
            pe = pe.max(tok_bytes(a, k, k + m).1);
        }
        let (ts_, te_) = amount_span(a, t);
        let values = [
            ("total", num_text(a, t)),
            ("parts", part_texts.join(" + ")),
            ("sum", format_value(sum, a.lang)),
        ];
        out.push(span_finding(
            r,
            Place {
                start: ps,
                end: pe,
                label: format!("the parts add up to {}", format_value(sum, a.lang)),
            },
            Some(Place {
                start: ts_,
                end: te_,
                label: format!("the total: {}", format_value(t.value, a.lang)),
            }),
            &values,
            reasoning,
            severity,
            Vec::new(),
        ));
    }
}

// ---------------------------------------------------------------------------------------
// Shares of one whole

/// A percentage followed by a share phrase ("of the vote", "dos votos").
fn is_share(a: &Analysis, n: &NumMention) -> bool {
    let s = &a.sentences[n.sentence];
    n.percent && a.lang.contra.shares.at(a, n.te, s.tok_end).is_some()
}

/// Percentages in one sentence that are shares of one whole: "X% of the vote against Y%".
fn sentence_groups(a: &Analysis, pcts: &[usize]) -> Option<Vec<usize>> {
    let w = &a.lang.contra;
    let first = pcts.iter().position(|&i| is_share(a, &a.nums[i]))?;
    let mut group = vec![pcts[first]];
    for &i in &pcts[first + 1..] {
        let prev = &a.nums[*group.last().unwrap()];
        let n = &a.nums[i];
        let linked = w.share_links.find(a, prev.te, n.ts).is_some() || is_share(a, n);
        if !linked {
            break;
        }
        group.push(i);
    }
    (group.len() >= 2).then_some(group)
}

fn shares(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let w = &a.lang.contra;
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); a.sentences.len()];
    for (i, n) in a.nums.iter().enumerate() {
        if n.percent {
            by_sentence[n.sentence].push(i);
        }
    }
    let mut groups: Vec<(Vec<usize>, bool)> = Vec::new(); // (numbers, from a list)
    for (si, s) in a.sentences.iter().enumerate() {
        if by_sentence[si].len() < 2 {
            continue;
        }
        if w.share_breakers.find(a, s.tok_start, s.tok_end).is_some()
            || w.points.find(a, s.tok_start, s.tok_end).is_some()
        {
            continue;
        }
        if let Some(g) = sentence_groups(a, &by_sentence[si]) {
            groups.push((g, false));
        }
    }
    // a list whose items each give one percentage, one of them a share: "…: 50,8% dos votos"
    let mut si = 0;
    while si < a.sentences.len() {
        let item = |sj: usize| {
            a.prose.blocks[a.sentences[sj].block].kind == BlockKind::Item
                && by_sentence[sj].len() == 1
        };
        if !item(si) {
            si += 1;
            continue;
        }
        let mut sj = si;
        while sj + 1 < a.sentences.len()
            && item(sj + 1)
            && a.sentences[sj + 1].block == a.sentences[sj].block + 1
        {
            sj += 1;
        }
        let g: Vec<usize> = (si..=sj).map(|k| by_sentence[k][0]).collect();
        if g.len() >= 2
            && g.iter().any(|&i| is_share(a, &a.nums[i]))
            && !(si..=sj).any(|k| {
                w.share_breakers
                    .find(a, a.sentences[k].tok_start, a.sentences[k].tok_end)
                    .is_some()
            })
        {
            groups.push((g, true));
        }
        si = sj + 1;
    }
    for (g, list) in groups {
        let sum: f64 = g.iter().map(|&i| a.nums[i].value).sum();
        let tol: f64 = g.iter().map(|&i| rounding(a, &a.nums[i])).sum();
        if g.iter().any(|&i| a.nums[i].approx != Approx::Exact) || sum <= 100.0 + tol {
            continue;
        }
        let (first, last) = (&a.nums[g[0]], &a.nums[*g.last().unwrap()]);
        let texts: Vec<String> = g.iter().map(|&i| num_text(a, &a.nums[i])).collect();
        let total = format_value((sum * 100.0).round() / 100.0, a.lang);
        let reasoning = vec![
            format!(
                "{} are shares of one whole{}",
                texts.join(", "),
                if list {
                    " (the items of one list)"
                } else {
                    " (linked in one sentence)"
                }
            ),
            format!("they add up to {total}%, more than 100%"),
        ];
        let mut severity = r.severity;
        if list {
            severity = severity.lower();
        }
        let values = [("shares", texts.join(" + ")), ("sum", format!("{total}%"))];
        out.push(span_finding(
            r,
            Place {
                start: last.start,
                end: last.end,
                label: format!("the shares add up to {total}%"),
            },
            Some(Place {
                start: first.start,
                end: first.end,
                label: "the first share".into(),
            }),
            &values,
            reasoning,
            severity,
            Vec::new(),
        ));
    }
}

// ---------------------------------------------------------------------------------------
// Percentage points

fn points(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let w = &a.lang.contra;
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); a.sentences.len()];
    for (i, n) in a.nums.iter().enumerate() {
        by_sentence[n.sentence].push(i);
    }
    for (si, s) in a.sentences.iter().enumerate() {
        let ids = &by_sentence[si];
        if ids.len() < 3 {
            continue;
        }
        // the stated difference: a number followed by "points"
        let Some(&zi) = ids.iter().find(|&&i| {
            let n = &a.nums[i];
            !n.percent && w.points.at(a, n.te, s.tok_end).is_some()
        }) else {
            continue;
        };
        let z = &a.nums[zi];
        let pcts: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&i| a.nums[i].percent && a.nums[i].approx == Approx::Exact)
            .collect();
        // "from X% to Y%"
        let change = pcts.windows(2).find(|p| {
            let (x, y) = (&a.nums[p[0]], &a.nums[p[1]]);
            w.change_from
                .ending_at(a, x.ts.saturating_sub(3), x.ts)
                .is_some()
                && w.change_to
                    .ending_at(a, y.ts.saturating_sub(3), y.ts)
                    .is_some()
                && y.ts.saturating_sub(x.te) <= 3
        });
        // "X% … against Y%, a lead of Z points"
        let margin = w.margins.find(a, s.tok_start, z.ts).is_some()
            || w.margins.find(a, z.ts.saturating_sub(4), z.ts).is_some();
        let pair = match change {
            Some(p) => Some((p[0], p[1], "change")),
            None if margin => {
                let shares: Vec<usize> = pcts.iter().copied().filter(|&i| i != zi).collect();
                (shares.len() == 2).then(|| (shares[0], shares[1], "margin"))
            }
            None => None,
        };
        let Some((xi, yi, how)) = pair else { continue };
        let (x, y) = (&a.nums[xi], &a.nums[yi]);
        let diff = (y.value - x.value).abs();
        let tol = rounding(a, x) + rounding(a, y) + rounding(a, z);
        if (diff - z.value).abs() <= tol {
            continue;
        }
        let d = format_value((diff * 1000.0).round() / 1000.0, a.lang);
        let (ztext, xtext, ytext) = (num_text(a, z), num_text(a, x), num_text(a, y));
        let z_end = tok_bytes(a, z.te, z.te + w.points.at(a, z.te, s.tok_end).unwrap_or(1)).1;
        let reasoning = vec![
            if how == "change" {
                format!("from {xtext} to {ytext} is a change of {d} points")
            } else {
                format!("between {xtext} and {ytext} the difference is {d} points")
            },
            format!("the text states {ztext} points"),
        ];
        let values = [
            ("stated", ztext.clone()),
            ("value_a", xtext.clone()),
            ("value_b", ytext.clone()),
            ("difference", d.clone()),
        ];
        out.push(span_finding(
            r,
            Place {
                start: z.start,
                end: z_end,
                label: format!("stated: {ztext}"),
            },
            Some(Place {
                start: match how {
                    "change" => w
                        .change_from
                        .ending_at(a, x.ts.saturating_sub(3), x.ts)
                        .map(|k| a.tokens.toks[k].start as usize)
                        .unwrap_or(x.start),
                    _ => x.start,
                },
                end: amount_span(a, y).1.max(x.end),
                label: format!("the figures give {d}"),
            }),
            &values,
            reasoning,
            r.severity,
            Vec::new(),
        ));
    }
}

// ---------------------------------------------------------------------------------------
// One sum of money, two amounts

/// A word that can name what an amount is for ("loan", "ransom", "resgate"): not a function
/// word, a speech verb or a number.
fn content_noun(a: &Analysis, k: usize) -> bool {
    use crate::lexicon::flag;
    if !is_word(a, k) || a.tokens.toks[k].cap {
        return false;
    }
    let info = a.info(k);
    let function = flag::DETERMINER
        | flag::POSSESSIVE
        | flag::PREPOSITION
        | flag::CONJUNCTION
        | flag::AUXILIARY
        | flag::COPULA
        | flag::LINKER
        | flag::COMPLEMENTIZER
        | flag::RELATIVIZER
        | flag::NEGATOR
        | flag::LOCATIVE
        | flag::TIME_PREP
        | flag::MODAL
        | flag::STOPWORD;
    info.flags & function == 0
        && info.speech.is_none()
        && info.number.is_none()
        && info.scale.is_none()
        && a.lang.contra.currency_at(a, k, k + 1).is_none()
        && a.tokens.lower(k).chars().count() > 2
}

/// What an amount is for, and whether it is referred to as one already named ("the … loan").
fn amount_noun(a: &Analysis, n: &NumMention) -> Option<(usize, bool)> {
    let s = &a.sentences[n.sentence];
    let w = &a.lang.contra;
    let (start, _) = amount_span(a, n);
    let first = a.tokens.toks.partition_point(|t| (t.end as usize) <= start);
    // the amount without its counted noun, which may be the noun we look for
    let end = a
        .tokens
        .toks
        .partition_point(|t| (t.start as usize) < currency_end(a, n));
    // "the loan of $1.3 billion", "o resgate de 4,5 milhões"
    let before = (first >= s.tok_start + 2
        && w.amount_of.at(a, first - 1, first).is_some()
        && content_noun(a, first - 2))
    .then(|| first - 2);
    // "a $1.3 billion loan"
    let after = (end < s.tok_end && content_noun(a, end)).then_some(end);
    let noun = before.or(after)?;
    let from = noun.min(first).saturating_sub(2).max(s.tok_start);
    if w.another.find(a, from, noun.min(first)).is_some() {
        return None;
    }
    let definite = w.definite.find(a, from, noun.min(first)).is_some();
    Some((noun, definite))
}

/// An update phrase in the few words before an amount ("rose to", "subiu para").
fn updated(a: &Analysis, n: &NumMention) -> bool {
    let from =
        n.ts.saturating_sub(6)
            .max(a.sentences[n.sentence].tok_start);
    (from..n.ts).any(|j| {
        super::note::lexicon_phrase_at(a, j, n.ts, |k| *k == crate::lexicon::PhraseKind::Update)
    })
}

fn amount(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let min = r.param_f64("min-amount").unwrap_or(100.0);
    // (noun, currency) → amounts in text order
    // (noun, currency) → (amount, noun token, definite), in text order
    type Amounts = BTreeMap<(String, String), Vec<(usize, usize, bool)>>;
    let mut by_key = Amounts::new();
    for (i, n) in a.nums.iter().enumerate() {
        if n.percent || n.year_like || n.value < min || updated(a, n) {
            continue;
        }
        let Some(c) = currency_of(a, n) else { continue };
        let Some((noun, definite)) = amount_noun(a, n) else {
            continue;
        };
        by_key
            .entry((a.tokens.lower(noun).to_string(), c.to_string()))
            .or_default()
            .push((i, noun, definite));
    }
    for ((noun, cur), list) in by_key {
        for (k, &(yi, ynoun, ydef)) in list.iter().enumerate() {
            // the later mention must refer back: "the $1.4 billion loan", "o resgate de …"
            if !ydef {
                continue;
            }
            let y = &a.nums[yi];
            let Some(&(xi, xnoun, _)) = list[k.saturating_sub(super::NEIGHBOURS)..k]
                .iter()
                .rev()
                .find(|&&(xi, _, _)| a.nums[xi].sentence != y.sentence)
            else {
                continue;
            };
            let x = &a.nums[xi];
            if crate::numbers::compatible(x.value, x.approx, y.value, y.approx) {
                continue;
            }
            let (tx, ty) = (num_text(a, x), num_text(a, y));
            let span_with_noun = |n: &NumMention, noun: usize| {
                let (s, e) = amount_span(a, n);
                let (ns, ne) = tok_bytes(a, noun, noun + 1);
                (s.min(ns), e.max(ne))
            };
            let (xs, xe) = span_with_noun(x, xnoun);
            let (ys, ye) = span_with_noun(y, ynoun);
            let reasoning = vec![
                format!(
                    "'{}' refers back to the {noun} of '{}'",
                    &a.source.text[ys..ye],
                    &a.source.text[xs..xe]
                ),
                format!(
                    "{} and {} ({cur}) cannot both be its amount (no approximation covers both, and no update is stated)",
                    format_value(x.value, a.lang),
                    format_value(y.value, a.lang)
                ),
            ];
            let values = [
                ("subject", noun.clone()),
                ("value_a", tx.clone()),
                ("value_b", ty.clone()),
                ("currency_a", cur.clone()),
                ("currency_b", cur.clone()),
            ];
            out.push(span_finding(
                r,
                Place {
                    start: ys,
                    end: ye,
                    label: format!("the {noun}: {ty}"),
                },
                Some(Place {
                    start: xs,
                    end: xe,
                    label: format!("the {noun}: {tx}"),
                }),
                &values,
                reasoning,
                r.severity,
                Vec::new(),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Ordinals

struct OrdinalMention {
    holder: usize,
    noun: String,
    value: u32,
    start: usize,
    end: usize,
    weak: bool,
    how: String,
}

/// The value of an ordinal at token `k`: a word ("third", "terceiro") or digits with an
/// ordinal suffix ("3rd", "3.º", "3º").
fn ordinal_at(a: &Analysis, k: usize) -> Option<u32> {
    let t = a.tokens.toks[k];
    match t.kind {
        TokKind::Word => a.lang.contra.ordinals.get(a.tokens.lower(k)).copied(),
        // the number reader already knows the ordinal suffixes (`numbers.rs`)
        TokKind::Number => {
            let i = a.nums.partition_point(|n| n.ts < k);
            a.nums
                .get(i)
                .filter(|n| n.ts == k && n.ordinal && n.value.fract() == 0.0)
                .map(|n| n.value as u32)
        }
        _ => None,
    }
}

/// "now serving his third term", "who is in her second term", "que cumpre o seu segundo
/// mandato", "serving the third term of X": a holder's current numbered thing. Only the current
/// one is compared: "in his first term … in his second term" names two terms, not two numbers
/// for one.
fn ordinals(a: &Analysis) -> Vec<OrdinalMention> {
    let w = &a.lang.contra;
    if w.ordinal_nouns.by_first.is_empty() {
        return Vec::new();
    }
    let nps = a.np_index();
    let mut out = Vec::new();
    for s in a.sentences.iter() {
        for k in s.tok_start..s.tok_end {
            let Some(value) = ordinal_at(a, k) else {
                continue;
            };
            let Some(m) = w.ordinal_nouns.at(a, k + 1, s.tok_end) else {
                continue;
            };
            let noun_end = k + 1 + m;
            // the determiner before the ordinal: a possessive ("his", "o seu"), a possessor
            // ("Karimov's") or an article with a holder after the noun ("the … of X")
            let mut d = k;
            let possessive = k > s.tok_start && a.info(k - 1).possessive_of.is_some();
            let mut holder: Option<(usize, bool, String)> = None;
            if possessive {
                d = k - 1;
                // "o seu segundo mandato": an article before the possessive
                if d > s.tok_start && w.definite.at(a, d - 1, d) == Some(1) {
                    d -= 1;
                }
            } else if k > s.tok_start && matches!(tok_text(a, k - 1), "'s" | "’s") {
                if let Some(np) = nps.ending_at(k - 1)
                    && let Some(e) = person(a, np)
                {
                    holder = Some((e, a.res[np].weak, np_text_of(a, np)));
                    d = a.nps[np].ts;
                }
            } else if k > s.tok_start && w.definite.at(a, k - 1, k) == Some(1) {
                d = k - 1;
                if let Some(l) = w.ordinal_of.at(a, noun_end, s.tok_end)
                    && let Some(np) = nps.starting_at(noun_end + l)
                    && let Some(e) = person(a, np)
                {
                    holder = Some((e, a.res[np].weak, np_text_of(a, np)));
                }
            } else {
                continue;
            }
            // only the current one: "serving", "now in", "cumpre" right before the determiner
            let Some(cur) = (d > s.tok_start)
                .then(|| {
                    w.ordinal_current
                        .ending_at(a, s.tok_start.max(d.saturating_sub(4)), d)
                })
                .flatten()
            else {
                continue;
            };
            if holder.is_none() {
                // whoever is serving it: the nearest person named before in this sentence
                // (a bounded look back over the phrases of this sentence, in order)
                let upto = a.nps.partition_point(|np| np.ts < d);
                let near = (0..upto)
                    .rev()
                    .take_while(|&i| a.nps[i].ts >= s.tok_start)
                    .take(16)
                    .find_map(|i| {
                        let e = entity_of(a, i)?;
                        matches!(a.entities[e].kind, EntityKind::Person | EntityKind::Role)
                            .then(|| (e, a.res[i].weak, np_text_of(a, i)))
                    });
                holder = near;
            }
            let Some((e, weak, named)) = holder else {
                continue;
            };
            let (bs, be) = tok_bytes(a, cur, noun_end);
            let noun = (k + 1..noun_end)
                .map(|j| a.tokens.lower(j))
                .collect::<Vec<_>>()
                .join(" ");
            out.push(OrdinalMention {
                holder: e,
                noun,
                value,
                start: bs,
                end: be,
                weak,
                how: format!(
                    "'{}' is the current one of {} ('{named}')",
                    &a.source.text[bs..be],
                    a.entities[e].label
                ),
            });
        }
    }
    out
}

fn np_text_of(a: &Analysis, np: usize) -> String {
    super::clip(&a.source.text[a.nps[np].start..a.nps[np].end], 40)
}

fn ordinal(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let mut by_key: BTreeMap<(usize, String), Vec<OrdinalMention>> = BTreeMap::new();
    for m in ordinals(a) {
        by_key
            .entry((m.holder, m.noun.clone()))
            .or_default()
            .push(m);
    }
    for ((e, noun), list) in by_key {
        'next: for (k, y) in list.iter().enumerate() {
            for x in list[k.saturating_sub(super::NEIGHBOURS)..k].iter() {
                if x.value == y.value {
                    continue;
                }
                let label = a.entities[e].label.clone();
                let severity = if x.weak || y.weak {
                    r.severity.lower()
                } else {
                    r.severity
                };
                let reasoning = vec![
                    x.how.clone(),
                    y.how.clone(),
                    format!(
                        "one holder is in one {noun} at a time: number {} and number {}",
                        x.value, y.value
                    ),
                ];
                let values = [
                    ("subject", label.clone()),
                    ("noun", noun.clone()),
                    ("value_a", x.value.to_string()),
                    ("value_b", y.value.to_string()),
                ];
                out.push(two_values(
                    r,
                    (
                        y.start,
                        y.end,
                        format!("{label}: {noun} number {}", y.value),
                    ),
                    (
                        x.start,
                        x.end,
                        format!("{label}: {noun} number {}", x.value),
                    ),
                    &values,
                    reasoning,
                    severity,
                ));
                break 'next;
            }
        }
    }
}
