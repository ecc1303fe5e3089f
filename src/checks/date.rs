//! Dates and weekdays (kind `date`):
//!
//! - `weekday`: a date written with a weekday it does not fall on ("Friday, 8 January 2022");
//!   without a year, the year comes from the dateline or front matter, and the finding names it;
//! - `relative`: a relative day written next to a weekday or a date that it is not
//!   ("yesterday, Thursday" in a story dated Saturday), counted from the statement time of
//!   the claim, else from the dateline;
//! - `cause-order`: within one sentence, an event dated before the event the sentence gives
//!   as its cause or its antecedent ("announced on 10 February … because of the surgery he
//!   underwent on 13 February").
//!
//! Every time mention is looked at once, with its neighbour: linear.

use super::support::{Place, WEEKDAYS, span_finding, tok_bytes, tok_text};
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::lexicon::flag;
use crate::rules::RuleSpec;
use crate::time::{
    Anchor, AnchorSource, Day, TimeExpr, TimeMention, civil_from_days, days_from_civil, valid_date,
    weekday_of,
};

pub fn run(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    match r.param_str("mode").unwrap_or("weekday") {
        "relative" => relative(a, r, out),
        "cause-order" => cause_order(a, r, out),
        "event-dates" => event_dates(a, r, out),
        "start-days" => start_days(a, r, out),
        _ => weekday(a, r, out),
    }
}

/// The time phrase without its leading prepositions ("on Friday, 7 January" → "Friday, 7 January").
fn core_span(a: &Analysis, tm: &TimeMention) -> (usize, usize) {
    let mut k = tm.ts;
    while k + 1 < tm.te && a.info(k).has(flag::TIME_PREP) {
        k += 1;
    }
    tok_bytes(a, k, tm.te)
}

fn date_text(y: i32, m: u8, d: u8) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{d} {} {y}", MONTHS[(m - 1) as usize])
}

/// Where the anchor's date is written: the dateline's time phrase, or the front matter line.
fn anchor_place(a: &Analysis) -> Option<Place> {
    match a.anchor {
        Anchor::Date {
            days,
            source: AnchorSource::Dateline,
        } => {
            let tm = a.times.iter().find(|t| {
                t.sentence < 2
                    && matches!(t.expr, TimeExpr::Date { year: Some(y), month, day, .. }
                        if valid_date(y, month, day) && days_from_civil(y, month, day) == days)
            })?;
            let (s, e) = core_span(a, tm);
            Some(Place {
                start: s,
                end: e,
                label: "the dateline gives the year".into(),
            })
        }
        Anchor::Date {
            source: AnchorSource::FrontMatter,
            ..
        } => {
            let range = a.prose.front_matter.range.clone()?;
            let text = &a.source.text[range.clone()];
            let mut off = range.start;
            for line in text.split_inclusive('\n') {
                let t = line.trim_end();
                if t.trim_start().starts_with("date") && t.contains(':') {
                    let lead = t.len() - t.trim_start().len();
                    return Some(Place {
                        start: off + lead,
                        end: off + t.len(),
                        label: "the front matter gives the year".into(),
                    });
                }
                off += line.len();
            }
            None
        }
        _ => None,
    }
}

/// The year of a date written without one: the year that puts it nearest the anchor.
fn year_near(anchor_days: i64, m: u8, d: u8) -> Option<i32> {
    let (y0, _, _) = civil_from_days(anchor_days);
    [y0 - 1, y0, y0 + 1]
        .into_iter()
        .filter(|&y| valid_date(y, m, d))
        .min_by_key(|&y| (days_from_civil(y, m, d) - anchor_days).abs())
}

fn weekday(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    // dates written with a year, in text order: without an anchor, a date without a year takes
    // the year of the nearest one
    let dated: Vec<(usize, i64)> = a
        .times
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match t.expr {
            TimeExpr::Date {
                year: Some(y),
                month,
                day,
                ..
            } if valid_date(y, month, day) => Some((i, days_from_civil(y, month, day))),
            _ => None,
        })
        .collect();
    for (ti, tm) in a.times.iter().enumerate() {
        let TimeExpr::Date {
            year,
            month,
            day,
            weekday: Some(w),
        } = tm.expr
        else {
            continue;
        };
        // where the year comes from: the date itself, the anchor, or the nearest dated phrase
        let mut year_from: Option<usize> = None;
        let (y, from_anchor) = match (year, a.anchor) {
            (Some(y), _) => (y, false),
            (None, Anchor::Date { days, .. }) => match year_near(days, month, day) {
                Some(y) => (y, true),
                None => continue,
            },
            (None, _) => {
                let at = dated.partition_point(|&(i, _)| i < ti);
                let near = [at.checked_sub(1), Some(at)]
                    .into_iter()
                    .flatten()
                    .filter_map(|k| dated.get(k))
                    .min_by_key(|&&(i, _)| a.times[i].ts.abs_diff(tm.ts));
                match near.and_then(|&(i, d)| year_near(d, month, day).map(|y| (i, y))) {
                    Some((i, y)) => {
                        year_from = Some(i);
                        (y, true)
                    }
                    None => continue,
                }
            }
        };
        if !valid_date(y, month, day) {
            continue;
        }
        let actual = weekday_of(days_from_civil(y, month, day));
        if actual == w {
            continue;
        }
        let (s, e) = core_span(a, tm);
        let written = &a.source.text[s..e];
        let date = date_text(y, month, day);
        let mut reasoning = vec![format!(
            "{date} was a {}, not a {}",
            WEEKDAYS[actual as usize], WEEKDAYS[w as usize]
        )];
        let mut severity = r.severity;
        let related = match (from_anchor, year_from) {
            (true, Some(i)) => {
                let (rs, re) = core_span(a, &a.times[i]);
                reasoning.push(format!(
                    "the date has no year: {y} is the year that puts it nearest '{}', the nearest date with a year",
                    &a.source.text[rs..re]
                ));
                severity = severity.lower();
                Some(Place {
                    start: rs,
                    end: re,
                    label: "the year comes from this date".into(),
                })
            }
            (true, None) => {
                reasoning.push(format!(
                    "the date has no year: {y} is the year that puts it nearest the story's date"
                ));
                severity = severity.lower();
                anchor_place(a)
            }
            _ => None,
        };
        let values = [
            ("date", date.clone()),
            ("written", super::clip(written, 60)),
            ("weekday_written", WEEKDAYS[w as usize].to_string()),
            ("weekday_actual", WEEKDAYS[actual as usize].to_string()),
        ];
        out.push(span_finding(
            r,
            Place {
                start: s,
                end: e,
                label: format!("{date} was a {}", WEEKDAYS[actual as usize]),
            },
            related,
            &values,
            reasoning,
            severity,
            Vec::new(),
        ));
    }
}

/// The day a relative expression counts from, for a time mention: the statement day of the
/// claim that holds it (unless it is that statement's own time), else the anchor.
fn base_of(a: &Analysis, ti: usize) -> Option<(Day, String)> {
    let tm = &a.times[ti];
    if let Some(c) = super::support::claim_holding(a, tm.start, tm.end)
        && c.statement_time != Some(ti)
        && let Some(d) = c.statement_day
        && let Some(st) = c.statement_time
    {
        let t = &a.times[st];
        return Some((
            d,
            format!(
                "counted from the statement time '{}'",
                &a.source.text[t.start..t.end]
            ),
        ));
    }
    match a.anchor {
        Anchor::Date { days, source } => Some((
            Day::Absolute(days),
            format!(
                "counted from the story's date ({}, from the {})",
                {
                    let (y, m, d) = civil_from_days(days);
                    date_text(y, m, d)
                },
                match source {
                    AnchorSource::Dateline => "dateline",
                    AnchorSource::FrontMatter => "front matter",
                    AnchorSource::Inferred => "week of a date the draft gives",
                }
            ),
        )),
        Anchor::Weekday { weekday } => Some((
            Day::Weekday(weekday),
            format!(
                "counted from the first statement day ({})",
                WEEKDAYS[weekday as usize]
            ),
        )),
        Anchor::None => None,
    }
}

/// What a relative expression gives from a base day: an absolute day or a weekday.
fn shift(base: Day, days: i32) -> Option<Day> {
    match base {
        Day::Absolute(b) => Some(Day::Absolute(b + days as i64)),
        Day::Weekday(w) => Some(Day::Weekday(((w as i32 + days).rem_euclid(7)) as u8)),
        Day::Relative(_) | Day::Month(..) | Day::Year(_) => None,
    }
}

fn day_desc(d: Day) -> String {
    match d {
        Day::Absolute(x) => {
            let (y, m, dd) = civil_from_days(x);
            format!(
                "{}, {}",
                WEEKDAYS[weekday_of(x) as usize],
                date_text(y, m, dd)
            )
        }
        Day::Weekday(w) => WEEKDAYS[w as usize].to_string(),
        Day::Relative(r) => format!("day {r}"),
        Day::Month(Some(y), m) => {
            format!("{} {y}", date_text(y, m, 1).split(' ').nth(1).unwrap_or(""))
        }
        Day::Month(None, m) => date_text(2000, m, 1)
            .split(' ')
            .nth(1)
            .unwrap_or("")
            .to_string(),
        Day::Year(y) => y.to_string(),
    }
}

fn relative(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    for i in 1..a.times.len() {
        let (p, q) = (&a.times[i - 1], &a.times[i]);
        if p.sentence != q.sentence || q.ts < p.te {
            continue;
        }
        // only punctuation between: "ontem, sexta-feira", "yesterday (Friday)"
        let glued = (p.te..q.ts).all(|k| matches!(tok_text(a, k), "," | "(" | "—" | "–" | "-"));
        if !glued || q.ts - p.te > 2 {
            continue;
        }
        let (rel, rel_i, other, other_i) = match (p.expr, q.expr) {
            (TimeExpr::Relative { days }, _) => (days, i - 1, q, i),
            (_, TimeExpr::Relative { days }) => (days, i, p, i - 1),
            _ => continue,
        };
        let Some((base, why)) = base_of(a, rel_i) else {
            continue;
        };
        let Some(meant) = shift(base, rel) else {
            continue;
        };
        let written = match other.expr {
            TimeExpr::Weekday { weekday } => Day::Weekday(weekday),
            TimeExpr::Date {
                year,
                month,
                day,
                weekday,
            } => {
                let y = match (year, meant) {
                    (Some(y), _) => Some(y),
                    (None, Day::Absolute(x)) => year_near(x, month, day),
                    _ => None,
                };
                match y {
                    Some(y) if valid_date(y, month, day) => {
                        Day::Absolute(days_from_civil(y, month, day))
                    }
                    _ => match weekday {
                        Some(w) => Day::Weekday(w),
                        None => continue,
                    },
                }
            }
            TimeExpr::Relative { .. } | TimeExpr::Month { .. } | TimeExpr::Year { .. } => continue,
        };
        if meant.differs(&written) != Some(true) {
            continue;
        }
        let rel_tm = &a.times[rel_i];
        let (rs, re) = core_span(a, rel_tm);
        let (os, oe) = core_span(a, &a.times[other_i]);
        let (s, e) = (rs.min(os), re.max(oe));
        let rel_text = a.source.text[rs..re].to_string();
        let other_text = a.source.text[os..oe].to_string();
        let mut severity = r.severity;
        // counted from a weekday only, or from a day the analysis inferred: a guess
        let inferred_anchor = matches!(
            a.anchor,
            Anchor::Date {
                source: AnchorSource::Inferred,
                ..
            }
        ) && why.starts_with("counted from the story's date");
        if matches!(base, Day::Weekday(_)) || inferred_anchor {
            severity = severity.lower();
        }
        let reasoning = vec![
            format!("'{rel_text}' is {}, {why}", day_desc(meant)),
            format!("'{other_text}' is {}", day_desc(written)),
        ];
        let values = [
            ("relative", rel_text.clone()),
            ("written", other_text.clone()),
            ("meant", day_desc(meant)),
        ];
        out.push(span_finding(
            r,
            Place {
                start: s,
                end: e,
                label: format!("'{rel_text}' is {}", day_desc(meant)),
            },
            None,
            &values,
            reasoning,
            severity,
            Vec::new(),
        ));
    }
}

/// A time mention resolved against the anchor, when it can be ordered. Weekdays and relative
/// days count only from a front-matter date: a date near the top of the story may be an
/// event's, not the story's ("nesta quarta-feira … depois de … terça-feira, 14 de novembro").
fn ordered_day(a: &Analysis, ti: usize) -> Option<Day> {
    let tm = &a.times[ti];
    let trusted = matches!(
        a.anchor,
        Anchor::Date {
            source: AnchorSource::FrontMatter,
            ..
        }
    );
    if !matches!(tm.expr, TimeExpr::Date { .. }) && !trusted {
        return None;
    }
    let base = base_of(a, ti).map(|(d, _)| d);
    let d = a.anchor.resolve(&tm.expr, base)?;
    matches!(d, Day::Absolute(_) | Day::Relative(_)).then_some(d)
}

fn cause_order(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let w = &a.lang.contra;
    // time mentions by sentence, in order
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); a.sentences.len()];
    let mut in_time = vec![false; a.tokens.len() + 1];
    for (i, t) in a.times.iter().enumerate() {
        by_sentence[t.sentence].push(i);
        in_time[t.ts..t.te].fill(true);
    }
    for (si, s) in a.sentences.iter().enumerate() {
        let times = &by_sentence[si];
        if times.len() < 2 {
            continue;
        }
        let mut k = s.tok_start;
        while k < s.tok_end {
            // a time preposition ("after Monday") is part of a time phrase, not a connective
            if in_time[k] {
                k += 1;
                continue;
            }
            let Some(n) = w.causes.at(a, k, s.tok_end) else {
                k += 1;
                continue;
            };
            let conn_end = k + n;
            // the effect: the nearest dated phrase before the connective
            let Some(&effect) = times.iter().rev().find(|&&t| a.times[t].te <= k) else {
                k = conn_end;
                continue;
            };
            // the cause: the first dated phrase after it, in the same clause
            let clause_end = (conn_end..s.tok_end)
                .find(|&j| matches!(tok_text(a, j), ";" | "." | "!" | "?"))
                .unwrap_or(s.tok_end);
            let Some(&cause) = times
                .iter()
                .find(|&&t| a.times[t].ts >= conn_end && a.times[t].te <= clause_end)
            else {
                k = conn_end;
                continue;
            };
            let cause_tm = &a.times[cause];
            // a planned or future cause may well come later
            let planned = (conn_end..cause_tm.ts)
                .any(|j| w.planned.at(a, j, cause_tm.ts).is_some() || a.info(j).has(flag::MODAL));
            if planned {
                k = conn_end;
                continue;
            }
            let (Some(de), Some(dc)) = (ordered_day(a, effect), ordered_day(a, cause)) else {
                k = conn_end;
                continue;
            };
            if dc.before(&de) != Some(false) || dc == de {
                k = conn_end;
                continue;
            }
            let eff_tm = &a.times[effect];
            let (es, ee) = core_span(a, eff_tm);
            let (cs, ce) = core_span(a, cause_tm);
            let connective =
                a.source.text[tok_bytes(a, k, conn_end).0..tok_bytes(a, k, conn_end).1].to_string();
            let (et, ct) = (
                a.source.text[es..ee].to_string(),
                a.source.text[cs..ce].to_string(),
            );
            let reasoning = vec![
                format!(
                    "'{connective}' makes what follows the cause or the antecedent of what precedes it"
                ),
                format!(
                    "the event is dated '{et}' ({}), its cause '{ct}' ({}), which is later",
                    day_desc(de),
                    day_desc(dc)
                ),
            ];
            let values = [
                ("effect_day", et.clone()),
                ("cause_day", ct.clone()),
                ("connective", connective.clone()),
            ];
            out.push(span_finding(
                r,
                Place {
                    start: cs,
                    end: ce,
                    label: format!("the cause ('{connective}'): {ct}"),
                },
                Some(Place {
                    start: es,
                    end: ee,
                    label: format!("the event: {et}"),
                }),
                &values,
                reasoning,
                r.severity,
                Vec::new(),
            ));
            k = conn_end;
        }
    }
}

/// A day to compare event dates by: an absolute day, or (month, day) when no year is known.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum DateKey {
    Day(i64),
    MonthDay(u8, u8),
}

fn date_key(a: &Analysis, tm: &TimeMention) -> Option<DateKey> {
    let TimeExpr::Date {
        year, month, day, ..
    } = tm.expr
    else {
        return None;
    };
    match a.anchor.resolve(&tm.expr, None) {
        Some(Day::Absolute(d)) => Some(DateKey::Day(d)),
        _ if year.is_none() => Some(DateKey::MonthDay(month, day)),
        _ => None,
    }
}

fn keys_differ(x: DateKey, y: DateKey) -> bool {
    match (x, y) {
        (DateKey::Day(p), DateKey::Day(q)) => p != q,
        (DateKey::MonthDay(m1, d1), DateKey::MonthDay(m2, d2)) => (m1, d1) != (m2, d2),
        (DateKey::Day(p), DateKey::MonthDay(m, d)) | (DateKey::MonthDay(m, d), DateKey::Day(p)) => {
            let (_, pm, pd) = civil_from_days(p);
            (pm, pd) != (m, d)
        }
    }
}

/// One mention of a one-off event with the date the draft gives it.
struct Dated {
    /// The number measured with the event ("o pico de 12,4 metros").
    num: Option<usize>,
    key: DateKey,
    time: usize,
    noun_tok: (usize, usize),
}

/// The same one-off event ("the vote", "o pico de 12,4 metros") given two dates.
fn event_dates(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let w = &a.lang.contra;
    // time mentions by first token, and numbers by first token
    let mut time_starting: Vec<u32> = vec![0; a.tokens.len() + 1];
    let mut time_ending: Vec<u32> = vec![0; a.tokens.len() + 1];
    for (i, t) in a.times.iter().enumerate() {
        time_starting[t.ts] = i as u32 + 1;
        time_ending[t.te] = i as u32 + 1;
    }
    let mut num_starting: Vec<u32> = vec![0; a.tokens.len() + 1];
    for (i, n) in a.nums.iter().enumerate() {
        num_starting[n.ts] = i as u32 + 1;
    }
    let mut by_event: std::collections::BTreeMap<(String, Option<u64>), Vec<Dated>> =
        Default::default();
    for s in &a.sentences {
        // an event is dated only by a time phrase that ends right before its noun or starts
        // after it in the sentence: a sentence where none starts or ends is not searched
        if !(s.tok_start..s.tok_end).any(|j| time_starting[j] > 0 || time_ending[j] > 0) {
            continue;
        }
        let mut k = s.tok_start;
        while k < s.tok_end {
            let Some(n) = w.one_off_events.at(a, k, s.tok_end) else {
                k += 1;
                continue;
            };
            let (ns, ne) = (k, k + n);
            k = ne;
            // a noun: after a determiner or a date ("the vote", "the 5 March vote"), and not
            // another one ("another vote", "a segunda votação")
            let before = ns.saturating_sub(3).max(s.tok_start);
            if w.another.find(a, before, ns).is_some() {
                continue;
            }
            let det = (before..ns).any(|j| {
                super::support::is_word(a, j) && {
                    let info = a.info(j);
                    info.has(flag::DETERMINER) || info.has(flag::POSSESSIVE)
                }
            });
            // the date: right before the noun, or in the few words after it
            let mut time = (time_ending[ns] > 0).then(|| time_ending[ns] as usize - 1);
            let mut value = None;
            let mut num = None;
            if time.is_none() {
                for j in ne..(ne + 9).min(s.tok_end) {
                    if matches!(tok_text(a, j), ";" | "." | ":") {
                        break;
                    }
                    if j > ne && w.one_off_events.at(a, j, s.tok_end).is_some() {
                        break;
                    }
                    // "the summit opened on Thursday": the date is of a phase of the event
                    if super::support::is_word(a, j)
                        && a.info(j)
                            .predicates
                            .iter()
                            .any(|&p| a.lang.predicate(p).aspectual)
                    {
                        break;
                    }
                    if value.is_none() && j <= ne + 2 && num_starting[j] > 0 {
                        let ni = num_starting[j] as usize - 1;
                        value = Some(a.nums[ni].value.to_bits());
                        num = Some(ni);
                    }
                    if time_starting[j] > 0 {
                        time = Some(time_starting[j] as usize - 1);
                        break;
                    }
                }
            }
            let Some(ti) = time else { continue };
            if !det && time_ending[ns] == 0 {
                continue;
            }
            let tm = &a.times[ti];
            // "since 5 March", "até 15 de novembro": a period, not the event's date
            if w.period_bounds
                .find(a, tm.ts, (tm.ts + 2).min(tm.te))
                .is_some()
            {
                continue;
            }
            let Some(key) = date_key(a, tm) else { continue };
            let noun = a.tokens.lower(ns).to_string();
            by_event
                .entry((noun.clone(), value))
                .or_default()
                .push(Dated {
                    num,
                    key,
                    time: ti,
                    noun_tok: (ns, ne),
                });
        }
    }
    for ((_, _), list) in by_event {
        for (i, y) in list.iter().enumerate() {
            let Some(x) = list[i.saturating_sub(super::NEIGHBOURS)..i]
                .iter()
                .find(|x| keys_differ(x.key, y.key))
            else {
                continue;
            };
            let place = |d: &Dated, label: String| {
                let tm = &a.times[d.time];
                let (ts, te) = (d.noun_tok.0.min(tm.ts), d.noun_tok.1.max(tm.te));
                let (s, e) = tok_bytes(a, ts, te);
                Place {
                    start: s,
                    end: e,
                    label,
                }
            };
            let (dx, dy) = (
                super::clip(
                    &a.source.text
                        [core_span(a, &a.times[x.time]).0..core_span(a, &a.times[x.time]).1],
                    50,
                ),
                super::clip(
                    &a.source.text
                        [core_span(a, &a.times[y.time]).0..core_span(a, &a.times[y.time]).1],
                    50,
                ),
            );
            // the event as written: the noun, with its measure ("pico de 12,4 metros")
            let what = {
                let mut e = x.noun_tok.1;
                if let Some(ni) = x.num {
                    let n = &a.nums[ni];
                    e = n.noun.map(|u| u + 1).unwrap_or(n.te).max(n.te);
                    // a unit the lexicon does not know ("metros")
                    if n.noun.is_none()
                        && e < a.tokens.len()
                        && super::support::is_word(a, e)
                        && !a.tokens.toks[e].cap
                        && a.info(e).flags
                            & (flag::PREPOSITION
                                | flag::LOCATIVE
                                | flag::TIME_PREP
                                | flag::DETERMINER
                                | flag::CONJUNCTION
                                | flag::STOPWORD)
                            == 0
                    {
                        e += 1;
                    }
                }
                let (bs, be) = tok_bytes(a, x.noun_tok.0, e);
                super::clip(&a.source.text[bs..be], 50)
            };
            let reasoning = vec![
                format!("'{what}' names an event that happens once (a one-off event noun)"),
                format!("it is dated '{dx}' in one place and '{dy}' in another"),
            ];
            let values = [
                ("event", what.clone()),
                ("day_a", dx.clone()),
                ("day_b", dy.clone()),
            ];
            out.push(span_finding(
                r,
                place(y, format!("'{what}': {dy}")),
                Some(place(x, format!("'{what}': {dx}"))),
                &values,
                reasoning,
                r.severity,
                Vec::new(),
            ));
            // one finding per event
            break;
        }
    }
}

/// The start of one event put on two days, where the start is told in a relative clause
/// ("the protests that started on Monday"), which CC105 (same subject and predicate) cannot
/// see: the subject of the clause is its antecedent.
fn start_days(a: &Analysis, r: &RuleSpec, out: &mut Vec<Finding>) {
    let starts: Vec<&str> = r.param_strs("predicates").unwrap_or_else(|| vec!["begin"]);
    let nps = a.np_index();
    struct Start<'a> {
        claim: &'a crate::claims::Claim,
        prop: &'a crate::claims::Proposition,
        day: Day,
        relative: bool,
    }
    let mut by_subject: std::collections::BTreeMap<usize, Vec<Start>> = Default::default();
    for claim in &a.claims {
        let sent = &a.sentences[claim.sentence];
        for prop in &claim.props {
            if !starts.contains(&prop.predicate)
                || !prop.polarity
                || prop.mode != crate::claims::Mode::Assertion
                || claim.question
            {
                continue;
            }
            let Some(day) = prop
                .day
                .filter(|d| matches!(d, Day::Absolute(_) | Day::Relative(_)))
            else {
                continue;
            };
            let rel = super::support::relative_subject(a, nps, sent.tok_start, prop.trigger.0)
                .filter(|&(_, _, at)| prop.subject_np.is_none_or(|np| a.nps[np].ts > at));
            let (subject, relative) = match (rel, prop.subject) {
                (Some((e, _, _)), _) => (e, true),
                (None, Some(e)) => (e, false),
                (None, None) => continue,
            };
            by_subject.entry(subject).or_default().push(Start {
                claim,
                prop,
                day,
                relative,
            });
        }
    }
    for (subject, list) in by_subject {
        'next: for (i, y) in list.iter().enumerate() {
            for x in list[i.saturating_sub(super::NEIGHBOURS)..i].iter() {
                // CC105 already compares starts with the same written subject
                if !(x.relative || y.relative) {
                    continue;
                }
                if x.day.differs(&y.day) != Some(true) || x.claim.id == y.claim.id {
                    continue;
                }
                let label = a.entities[subject].label.clone();
                let day_text = |p: &crate::claims::Proposition| {
                    p.time
                        .map(|t| {
                            let (s, e) = core_span(a, &a.times[t]);
                            super::clip(&a.source.text[s..e], 40)
                        })
                        .unwrap_or_default()
                };
                let (dx, dy) = (day_text(x.prop), day_text(y.prop));
                let place = |s: &Start, label: String| {
                    let (mut ts, mut te) = s.prop.trigger;
                    if let Some(t) = s.prop.time {
                        ts = ts.min(a.times[t].ts);
                        te = te.max(a.times[t].te);
                    }
                    let (bs, be) = tok_bytes(a, ts, te);
                    Place {
                        start: bs,
                        end: be,
                        label,
                    }
                };
                let mut reasoning = Vec::new();
                for s in [x, y] {
                    if s.relative {
                        reasoning.push(format!(
                            "'{}' is in a relative clause about {label}",
                            super::clip(&a.source.text[s.claim.content.0..s.claim.content.1], 60)
                        ));
                    }
                }
                reasoning.push(format!(
                    "{label} began once, but on {} ('{dx}') in one place and on {} ('{dy}') in the other",
                    day_desc(x.day),
                    day_desc(y.day)
                ));
                let values = [
                    ("event", label.clone()),
                    ("day_a", dx.clone()),
                    ("day_b", dy.clone()),
                ];
                out.push(span_finding(
                    r,
                    place(y, format!("{label} began {dy}")),
                    Some(place(x, format!("{label} began {dx}"))),
                    &values,
                    reasoning,
                    r.severity,
                    vec![x.claim.id, y.claim.id],
                ));
                break 'next;
            }
        }
    }
}
