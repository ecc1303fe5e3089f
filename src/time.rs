//! Times: weekday names, relative days ("ontem", "yesterday"), dates, and their resolution to
//! days on one timeline anchored at the dateline, the front-matter date, or the first
//! statement time.

use crate::grammar::Ctx;
use crate::lexicon::flag;
use crate::segment::Sentence;
use crate::tokens::TokKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum TimeExpr {
    /// Monday = 0.
    Weekday { weekday: u8 },
    /// Days from the reference: "ontem" = -1.
    Relative { days: i32 },
    Date {
        year: Option<i32>,
        month: u8,
        day: u8,
        weekday: Option<u8>,
    },
    /// A month: "in March", "em março de 2021".
    Month { year: Option<i32>, month: u8 },
    /// A year: "in 2021", "em 2015".
    Year { year: i32 },
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct TimeMention {
    pub ts: usize,
    pub te: usize,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub expr: TimeExpr,
    /// Marked as another week: "na quinta-feira passada", "next Friday".
    pub shifted: bool,
}

/// A resolved day. Days are comparable only within one system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(tag = "system", content = "day", rename_all = "kebab-case")]
pub enum Day {
    /// Days since 1970-01-01.
    Absolute(i64),
    /// Days relative to the article's reference day (0), inferred from its statement times.
    Relative(i64),
    /// Only the weekday is known (Monday = 0): equal or not, never ordered.
    Weekday(u8),
    /// A whole month (the year when known).
    Month(Option<i32>, u8),
    /// A whole year.
    Year(i32),
}

impl Day {
    /// Is `self` strictly before `other`? None when they cannot be ordered.
    pub fn before(&self, other: &Day) -> Option<bool> {
        match (self, other) {
            (Day::Absolute(a), Day::Absolute(b)) | (Day::Relative(a), Day::Relative(b)) => {
                Some(a < b)
            }
            _ => None,
        }
    }

    /// Are the two certainly different days? None when unknown.
    pub fn differs(&self, other: &Day) -> Option<bool> {
        match (self, other) {
            (Day::Absolute(a), Day::Absolute(b)) | (Day::Relative(a), Day::Relative(b)) => {
                Some(a != b)
            }
            (Day::Weekday(a), Day::Weekday(b)) => Some(a != b),
            (Day::Absolute(a), Day::Weekday(w)) | (Day::Weekday(w), Day::Absolute(a)) => {
                Some(weekday_of(*a) != *w)
            }
            (Day::Month(ya, ma), Day::Month(yb, mb)) => match (ya, yb) {
                (Some(ya), Some(yb)) if ya != yb => Some(true),
                _ if ma != mb => Some(true),
                (Some(_), Some(_)) => Some(false),
                _ => None,
            },
            (Day::Absolute(a), Day::Month(y, m)) | (Day::Month(y, m), Day::Absolute(a)) => {
                let (ay, am, _) = civil_from_days(*a);
                (am != *m || y.is_some_and(|y| y != ay)).then_some(true)
            }
            (Day::Year(a), Day::Year(b)) => Some(a != b),
            (Day::Year(a), Day::Month(Some(b), _)) | (Day::Month(Some(b), _), Day::Year(a)) => {
                (a != b).then_some(true)
            }
            (Day::Absolute(d), Day::Year(y)) | (Day::Year(y), Day::Absolute(d)) => {
                (civil_from_days(*d).0 != *y).then_some(true)
            }
            _ => None,
        }
    }

    pub fn weekday(&self) -> Option<u8> {
        match self {
            Day::Absolute(a) => Some(weekday_of(*a)),
            Day::Weekday(w) => Some(*w),
            Day::Relative(_) | Day::Month(..) | Day::Year(_) => None,
        }
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// Monday = 0.
pub fn weekday_of(days: i64) -> u8 {
    // 1970-01-01 was a Thursday (3).
    ((days + 3).rem_euclid(7)) as u8
}

pub fn valid_date(y: i32, m: u8, d: u8) -> bool {
    if !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let max = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][m as usize - 1];
    d <= max
}

/// Parse an ISO date "2022-01-08" (front matter).
pub fn parse_iso(s: &str) -> Option<i64> {
    let s = s.trim();
    let mut it = s.get(..10)?.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u8 = it.next()?.parse().ok()?;
    let d: u8 = it.next()?.parse().ok()?;
    valid_date(y, m, d).then(|| days_from_civil(y, m, d))
}

/// The reference of a document's timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Anchor {
    /// A known date: the front-matter date or the dateline.
    Date {
        days: i64,
        source: AnchorSource,
    },
    /// Only the reference weekday is known (the latest statement weekday, e.g. "disse no sábado").
    Weekday {
        weekday: u8,
    },
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnchorSource {
    FrontMatter,
    Dateline,
    /// A reference weekday placed in the week of a full date the draft gives.
    Inferred,
}

impl Anchor {
    /// Resolve a time expression; relative days count from `base` when given (the statement
    /// day of the claim), else from the anchor.
    pub fn resolve(&self, e: &TimeExpr, base: Option<Day>) -> Option<Day> {
        match (*self, e) {
            (
                _,
                TimeExpr::Date {
                    year: Some(y),
                    month,
                    day,
                    ..
                },
            ) => valid_date(*y, *month, *day)
                .then(|| Day::Absolute(days_from_civil(*y, *month, *day))),
            (
                Anchor::Date { days, .. },
                TimeExpr::Date {
                    year: None,
                    month,
                    day,
                    ..
                },
            ) => {
                let (y, _, _) = civil_from_days(days);
                valid_date(y, *month, *day).then(|| Day::Absolute(days_from_civil(y, *month, *day)))
            }
            (
                _,
                TimeExpr::Date {
                    year: None,
                    weekday: Some(w),
                    ..
                },
            ) => Some(Day::Weekday(*w)),
            (_, TimeExpr::Date { .. }) => None,
            (_, TimeExpr::Month { year, month }) => {
                let year = year.or(match self {
                    Anchor::Date { days, .. } => Some(civil_from_days(*days).0),
                    _ => None,
                });
                Some(Day::Month(year, *month))
            }
            (_, TimeExpr::Year { year }) => Some(Day::Year(*year)),
            (_, TimeExpr::Relative { days }) => match base {
                Some(Day::Absolute(b)) => Some(Day::Absolute(b + *days as i64)),
                Some(Day::Relative(b)) => Some(Day::Relative(b + *days as i64)),
                Some(Day::Weekday(w)) => {
                    Some(Day::Weekday(((w as i32 + days).rem_euclid(7)) as u8))
                }
                Some(Day::Month(..) | Day::Year(_)) => None,
                None => match self {
                    Anchor::Date { days: a, .. } => Some(Day::Absolute(a + *days as i64)),
                    Anchor::Weekday { .. } => Some(Day::Relative(*days as i64)),
                    Anchor::None => None,
                },
            },
            (Anchor::Date { days, .. }, TimeExpr::Weekday { weekday }) => {
                let back = (weekday_of(days) as i64 - *weekday as i64).rem_euclid(7);
                Some(Day::Absolute(days - back))
            }
            (Anchor::Weekday { weekday: r }, TimeExpr::Weekday { weekday }) => {
                let back = (r as i64 - *weekday as i64).rem_euclid(7);
                Some(Day::Relative(-back))
            }
            (Anchor::None, TimeExpr::Weekday { weekday }) => Some(Day::Weekday(*weekday)),
        }
    }
}

/// Find the time expressions of a sentence.
pub fn scan(c: &Ctx, s: &Sentence, si: usize, out: &mut Vec<TimeMention>) {
    let mut k = s.tok_start;
    while k < s.tok_end {
        if let Some((m, next)) = at(c, k, s.tok_start, s.tok_end, si) {
            out.push(m);
            k = next;
        } else {
            k += 1;
        }
    }
}

fn num_at(c: &Ctx, k: usize, end: usize) -> Option<u32> {
    if k >= end || c.kind(k) != TokKind::Number {
        return None;
    }
    let t = c.text(k).trim_end_matches(['º', 'ª', '.']);
    let t = t
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    t.parse().ok()
}

fn month_at(c: &Ctx, k: usize, end: usize) -> Option<(u8, usize)> {
    if k >= end || !c.is_word(k) {
        return None;
    }
    let m = c.info(k).month?;
    // "mar" and "may" are ordinary words too: require a number next to them
    let mut e = k + 1;
    if e < end && c.text(e) == "." && c.toks.toks[e].start == c.toks.toks[k].end {
        e += 1;
    }
    Some((m, e))
}

/// A date at `k`: "8 de janeiro de 2022", "8 January 2022", "January 8, 2022".
fn date_at(c: &Ctx, k: usize, end: usize) -> Option<(u8, u8, Option<i32>, usize)> {
    // day first
    if let Some(d) = num_at(c, k, end) {
        let mut j = k + 1;
        if j < end && c.lang.fw.date_joiners.has(c.lower(j)) {
            j += 1;
        }
        if let Some((m, mut e)) = month_at(c, j, end)
            && (1..=31).contains(&d)
        {
            let mut year = None;
            let mut y = e;
            if y < end && (c.lang.fw.date_joiners.has(c.lower(y)) || c.text(y) == ",") {
                y += 1;
            }
            if let Some(v) = num_at(c, y, end)
                && (1000..=2999).contains(&v)
            {
                year = Some(v as i32);
                e = y + 1;
            }
            return Some((d as u8, m + 1, year, e));
        }
    }
    // month first (English)
    if let Some((m, e)) = month_at(c, k, end)
        && let Some(d) = num_at(c, e, end)
        && (1..=31).contains(&d)
    {
        let mut e2 = e + 1;
        let mut year = None;
        let mut y = e2;
        if y < end && c.text(y) == "," {
            y += 1;
        }
        if let Some(v) = num_at(c, y, end)
            && (1000..=2999).contains(&v)
        {
            year = Some(v as i32);
            e2 = y + 1;
        }
        return Some((d as u8, m + 1, year, e2));
    }
    None
}

fn at(c: &Ctx, k: usize, first: usize, end: usize, si: usize) -> Option<(TimeMention, usize)> {
    if !c.is_word(k) && c.kind(k) != TokKind::Number {
        return None;
    }
    // a word opens a time phrase only as a weekday (or its short form), a relative day or a
    // month: any other word is answered here, without trying each phrase
    if c.is_word(k) && !c.info(k).is_calendar() && c.info(k).weekday_short.is_none() {
        return None;
    }
    let mk = |ts: usize, te: usize, expr: TimeExpr| TimeMention {
        ts,
        te,
        start: c.toks.toks[ts].start as usize,
        end: c.toks.toks[te - 1].end as usize,
        sentence: si,
        expr,
        shifted: (ts.saturating_sub(1).max(first)..(te + 1).min(end))
            .any(|j| c.is_word(j) && c.info(j).has(flag::WEEK_SHIFT)),
    };
    // a preceding time preposition belongs to the phrase ("na sexta-feira", "on Friday")
    let prep_start = |k: usize| -> usize {
        let mut s = k;
        while s > first && c.is_word(s - 1) && c.info(s - 1).has(flag::TIME_PREP) && k - s < 2 {
            s -= 1;
        }
        s
    };
    if c.is_word(k) {
        let info = c.info(k);
        // a short form ("na quarta") is a day after a time preposition, unless a noun follows
        // ("da quarta classe", "na quinta posição")
        let noun_after = || {
            k + 1 < end
                && c.is_word(k + 1)
                && !c.toks.toks[k + 1].cap
                && c.info(k + 1).flags
                    & (flag::TIME_PREP
                        | flag::DAY_PART
                        | flag::PREPOSITION
                        | flag::CONJUNCTION
                        | flag::WEEK_SHIFT)
                    == 0
                && c.info(k + 1).weekday.is_none()
        };
        let weekday = info.weekday.or_else(|| {
            info.weekday_short.filter(|_| {
                k > first && c.is_word(k - 1) && c.info(k - 1).has(flag::TIME_PREP) && !noun_after()
            })
        });
        if let Some(w) = weekday {
            let s = prep_start(k);
            // "sexta-feira, 7 de janeiro de 2022" / "Friday, January 7, 2022"
            let mut j = k + 1;
            if j < end && c.text(j) == "," {
                j += 1;
            }
            if let Some((d, m, y, e)) = date_at(c, j, end) {
                return Some((
                    mk(
                        s,
                        e,
                        TimeExpr::Date {
                            year: y,
                            month: m,
                            day: d,
                            weekday: Some(w),
                        },
                    ),
                    e,
                ));
            }
            return Some((mk(s, k + 1, TimeExpr::Weekday { weekday: w }), k + 1));
        }
        if let Some(d) = info.relative_day {
            return Some((mk(k, k + 1, TimeExpr::Relative { days: d }), k + 1));
        }
    }
    if let Some((d, m, y, e)) = date_at(c, k, end) {
        let s = prep_start(k);
        return Some((
            mk(
                s,
                e,
                TimeExpr::Date {
                    year: y,
                    month: m,
                    day: d,
                    weekday: None,
                },
            ),
            e,
        ));
    }
    // a month after a preposition or before a year: "in March", "em março de 2021"
    let after_prep = k > first
        && c.is_word(k - 1)
        && (c.info(k - 1).has(flag::PREPOSITION) || c.info(k - 1).has(flag::TIME_PREP));
    if let Some((m, e)) = month_at(c, k, end) {
        let mut y = e;
        if y < end && c.lang.fw.date_joiners.has(c.lower(y)) {
            y += 1;
        }
        let year = num_at(c, y, end)
            .filter(|v| (1000..=2999).contains(v))
            .map(|v| v as i32);
        if after_prep || year.is_some() {
            let e2 = if year.is_some() { y + 1 } else { e };
            return Some((
                mk(prep_start(k), e2, TimeExpr::Month { year, month: m + 1 }),
                e2,
            ));
        }
    }
    // a year after a preposition: "in 2021", "em 2015"
    if c.kind(k) == TokKind::Number
        && after_prep
        && let Some(v) =
            num_at(c, k, end).filter(|v| (1800..=2100).contains(v) && c.text(k).len() == 4)
    {
        return Some((
            mk(prep_start(k), k + 1, TimeExpr::Year { year: v as i32 }),
            k + 1,
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_weekdays() {
        let d = days_from_civil(2022, 1, 8);
        assert_eq!(civil_from_days(d), (2022, 1, 8));
        assert_eq!(weekday_of(d), 5); // Saturday
        assert_eq!(weekday_of(days_from_civil(2022, 1, 7)), 4); // Friday
        assert_eq!(parse_iso("2022-01-08"), Some(d));
        assert!(!valid_date(2023, 2, 29));
    }

    #[test]
    fn weekday_resolution() {
        let a = Anchor::Weekday { weekday: 5 };
        assert_eq!(
            a.resolve(&TimeExpr::Weekday { weekday: 4 }, None),
            Some(Day::Relative(-1))
        );
        assert_eq!(
            a.resolve(&TimeExpr::Weekday { weekday: 6 }, None),
            Some(Day::Relative(-6))
        );
        let a = Anchor::Date {
            days: days_from_civil(2022, 1, 8),
            source: AnchorSource::FrontMatter,
        };
        assert_eq!(
            a.resolve(&TimeExpr::Weekday { weekday: 4 }, None),
            Some(Day::Absolute(days_from_civil(2022, 1, 7)))
        );
        assert_eq!(
            a.resolve(
                &TimeExpr::Relative { days: -1 },
                Some(Day::Absolute(days_from_civil(2022, 1, 8)))
            ),
            Some(Day::Absolute(days_from_civil(2022, 1, 7)))
        );
    }
}
