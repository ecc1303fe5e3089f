//! Printers for the pipeline's stages: sentences, claims and entities, as text or JSON.

use std::fmt::Write;

use serde::Serialize;

use super::{Report, Totals, close_array, json_elements, render_all};
use crate::analysis::Analysis;
use crate::claims::{Certainty, Claim, Mode, SourceKind};
use crate::extract::{FrameForm, QuoteKind};
use crate::lexicon::SpeechKind;
use crate::time::{Anchor, Day, weekday_of};

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A day as text: "2022-01-07 (Friday)", "reference day -1 (Friday)", "Friday".
pub fn day_text(anchor: &Anchor, d: &Day) -> String {
    match d {
        Day::Absolute(n) => {
            let (y, m, dd) = crate::time::civil_from_days(*n);
            format!(
                "{y:04}-{m:02}-{dd:02} ({})",
                WEEKDAYS[weekday_of(*n) as usize]
            )
        }
        Day::Relative(n) => match anchor {
            Anchor::Weekday { weekday } => {
                let w = (*weekday as i64 + n).rem_euclid(7) as usize;
                format!("reference day {n:+} ({})", WEEKDAYS[w])
            }
            _ => format!("reference day {n:+}"),
        },
        Day::Weekday(w) => WEEKDAYS[*w as usize].to_string(),
        Day::Month(y, m) => match y {
            Some(y) => format!("{y:04}-{m:02}"),
            None => format!("month {m:02}"),
        },
        Day::Year(y) => format!("{y:04}"),
    }
}

#[derive(Serialize)]
struct Span<'a> {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: &'a str,
}

fn span<'a>(a: &'a Analysis, (s, e): (usize, usize)) -> Span<'a> {
    let (line, column) = a.source.line_col(s);
    Span {
        start: s,
        end: e,
        line,
        column,
        text: &a.source.text[s..e],
    }
}

#[derive(Serialize)]
struct Speaker<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    entity: Option<String>,
}

#[derive(Serialize)]
struct Time<'a> {
    text: &'a str,
    day: Option<String>,
}

#[derive(Serialize)]
struct JsonProp<'a> {
    predicate: &'a str,
    subject: Option<String>,
    subject_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject_noun: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    object: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stem: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    inferred: bool,
    polarity: &'static str,
    continuity: bool,
    mode: Mode,
    place: Option<String>,
    number: Option<f64>,
    event_time: Option<Time<'a>>,
    trigger: Span<'a>,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    id: usize,
    file: &'a str,
    span: Span<'a>,
    speaker: Option<Speaker<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    speaker_implicit: bool,
    source_kind: SourceKind,
    form: FrameForm,
    cue: Option<Span<'a>>,
    speech: Option<SpeechKind>,
    content: Span<'a>,
    /// The rest of the content after an inserted frame ("A, disse X, B" or "“A,” said X, “B”").
    #[serde(skip_serializing_if = "Option::is_none")]
    continuation: Option<Span<'a>>,
    quote: Option<QuoteKind>,
    parent: Option<usize>,
    subject: Option<String>,
    predicate: Option<&'a str>,
    polarity: Option<&'static str>,
    certainty: Certainty,
    hedge: Option<Span<'a>>,
    event_time: Option<Time<'a>>,
    statement_time: Option<Time<'a>>,
    propositions: Vec<JsonProp<'a>>,
}

fn time<'a>(a: &'a Analysis, t: Option<usize>, day: Option<Day>) -> Option<Time<'a>> {
    let t = t?;
    let tm = &a.times[t];
    Some(Time {
        text: &a.source.text[tm.start..tm.end],
        day: day.map(|d| day_text(&a.anchor, &d)),
    })
}

fn json_claim<'a>(a: &'a Analysis, c: &'a Claim) -> JsonClaim<'a> {
    let props: Vec<JsonProp> = c
        .props
        .iter()
        .map(|p| JsonProp {
            predicate: p.predicate,
            subject: p.subject.map(|e| a.entities[e].label.clone()),
            subject_text: p
                .subject_np
                .map(|np| &a.source.text[a.nps[np].start..a.nps[np].end]),
            subject_noun: p.subject_noun.as_deref(),
            object: p.object.as_deref(),
            stem: p.stem.as_deref(),
            inferred: p.inferred,
            polarity: if p.polarity { "positive" } else { "negative" },
            continuity: p.continuity,
            mode: p.mode,
            place: p.place.map(|pl| a.gazetteer_name(pl)),
            number: p.number.map(|n| a.nums[n].value),
            event_time: time(a, p.time, p.day),
            trigger: span(a, p.trigger_span),
        })
        .collect();
    let first = c.props.first();
    JsonClaim {
        id: c.id,
        file: &a.source.path,
        span: span(a, c.span),
        speaker: c.speaker_np.map(|np| {
            let n = &a.nps[np];
            Speaker {
                text: &a.source.text[n.start..n.end],
                start: n.start,
                end: n.end,
                entity: c.speaker.map(|e| a.entities[e].label.clone()),
            }
        }),
        speaker_implicit: c.speaker_implicit,
        source_kind: c.source_kind,
        form: c.form,
        cue: c.cue.map(|s| span(a, s)),
        speech: c.speech,
        content: span(a, c.content),
        continuation: c.extra.map(|x| span(a, x)),
        quote: c.quote,
        parent: c.parent,
        subject: first
            .and_then(|p| p.subject)
            .map(|e| a.entities[e].label.clone()),
        predicate: first.map(|p| p.predicate),
        polarity: first.map(|p| if p.polarity { "positive" } else { "negative" }),
        certainty: c.certainty,
        hedge: c.hedge.map(|s| span(a, s)),
        event_time: first.and_then(|p| time(a, p.time, p.day)),
        statement_time: time(a, c.statement_time, c.statement_day),
        propositions: props,
    }
}

/// `claims --format json`: `{"version": 1, "claims": [...]}`.
pub struct ClaimsJson;

impl Report for ClaimsJson {
    fn head(&self, _: &Totals, out: &mut String) {
        out.push_str("{\n  \"version\": 1,\n  \"claims\": [");
    }

    fn draft(&self, a: &Analysis) -> String {
        json_elements(a.claims.iter().map(|c| json_claim(a, c)), 4)
    }

    fn joints(&self) -> (&'static str, &'static str) {
        ("\n", ",\n")
    }

    fn tail(&self, totals: &Totals, out: &mut String) {
        close_array(totals, 2, out);
        out.push_str("\n}\n");
    }
}

pub fn claims_json(files: &[Analysis]) -> String {
    render_all(&ClaimsJson, files)
}

/// A stage printed draft by draft: each draft's text, one after the other.
pub struct Each<F>(pub F);

impl<F: Fn(&Analysis) -> String + Sync> Report for Each<F> {
    fn draft(&self, a: &Analysis) -> String {
        (self.0)(a)
    }
}

fn clip(s: &str, n: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

fn source_text(a: &Analysis, c: &Claim) -> String {
    match c.source_kind {
        SourceKind::Article => "(article)".into(),
        SourceKind::UnattributedReport => "(unattributed reports)".into(),
        _ => match c.speaker_np {
            Some(np) => {
                let t = clip(&a.source.text[a.nps[np].start..a.nps[np].end], 40);
                match c.speaker.map(|e| &a.entities[e].label) {
                    Some(l) if !t.contains(l.as_str()) => format!("{t} → {l}"),
                    _ => t,
                }
            }
            None => "(unknown)".into(),
        },
    }
}

/// A table of who said what: one block per claim.
pub fn claims_table(files: &[Analysis]) -> String {
    render_all(&Each(claims_table_of), files)
}

/// [`claims_table`] of one draft.
pub fn claims_table_of(a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}, {} claims, timeline: {})",
        a.source.path,
        a.lang.code,
        a.claims.len(),
        anchor_text(&a.anchor)
    );
    for c in &a.claims {
        let (line, col) = a.source.line_col(c.content.0);
        let kind = match c.source_kind {
            SourceKind::Named => "named",
            SourceKind::Anonymous => "anonymous",
            SourceKind::UnattributedReport => "report",
            SourceKind::Article => "article",
        };
        let cue = c
            .cue
            .map(|s| a.source.text[s.0..s.1].to_string())
            .unwrap_or_else(|| "-".into());
        let when = c
            .statement_day
            .map(|d| day_text(&a.anchor, &d))
            .unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "  c{:<3} {}:{:<4} {:<9} {} | cue: {} | said: {} | {:?}{}",
            c.id,
            line,
            col,
            kind,
            source_text(a, c),
            cue,
            when,
            c.certainty,
            c.parent
                .map(|p| format!(" | inside c{p}"))
                .unwrap_or_default()
        );
        let _ = writeln!(
            out,
            "         “{}”{}",
            clip(&a.source.text[c.content.0..c.content.1], 100),
            c.extra
                .map(|(s, e)| format!(" … “{}”", clip(&a.source.text[s..e], 60)))
                .unwrap_or_default()
        );
        for p in &c.props {
            let subject = p
                .subject
                .map(|e| a.entities[e].label.clone())
                .unwrap_or_else(|| "-".into());
            let mut extra = String::new();
            if let Some(pl) = p.place {
                let _ = write!(extra, " place={}", a.gazetteer_name(pl));
            }
            if let Some(n) = p.number {
                let _ = write!(
                    extra,
                    " number={}",
                    crate::numbers::format_value(a.nums[n].value, a.lang)
                );
            }
            if let Some(d) = p.day {
                let _ = write!(extra, " when={}", day_text(&a.anchor, &d));
            }
            if p.continuity {
                extra.push_str(" still");
            }
            if p.mode != Mode::Assertion {
                let _ = write!(extra, " mode={:?}", p.mode);
            }
            let _ = writeln!(
                out,
                "         → {}({}){}{}",
                p.predicate,
                subject,
                if p.polarity { "" } else { " NOT" },
                extra
            );
        }
    }
    out
}

fn anchor_text(a: &Anchor) -> String {
    match a {
        Anchor::Date { days, source } => {
            let (y, m, d) = crate::time::civil_from_days(*days);
            format!("{y:04}-{m:02}-{d:02} from {source:?}").to_lowercase()
        }
        Anchor::Weekday { weekday } => {
            format!("reference day is a {}", WEEKDAYS[*weekday as usize])
        }
        Anchor::None => "no reference day".into(),
    }
}

/// Sentences, one per line: `path:line:column: text`.
pub fn sentences_text(files: &[Analysis]) -> String {
    render_all(&Each(sentences_text_of), files)
}

/// [`sentences_text`] of one draft.
pub fn sentences_text_of(a: &Analysis) -> String {
    let mut out = String::new();
    for s in &a.sentences {
        let (line, col) = a.source.line_col(s.start);
        let _ = writeln!(
            out,
            "{}:{}:{}: {}",
            a.source.path,
            line,
            col,
            clip(&a.source.text[s.start..s.end], 1000)
        );
    }
    out
}

#[derive(Serialize)]
struct JsonSentence<'a> {
    file: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    heading: bool,
    text: &'a str,
}

/// `sentences --format json`: `{"sentences": [...], "version": 1}`, keys sorted.
pub struct SentencesJson;

impl Report for SentencesJson {
    fn head(&self, _: &Totals, out: &mut String) {
        out.push_str("{\n  \"sentences\": [");
    }

    fn draft(&self, a: &Analysis) -> String {
        let sentences = a.sentences.iter().map(|s| {
            let (line, column) = a.source.line_col(s.start);
            // through a `Value`, whose keys are sorted
            serde_json::to_value(JsonSentence {
                file: &a.source.path,
                start: s.start,
                end: s.end,
                line,
                column,
                heading: s.heading,
                text: &a.source.text[s.start..s.end],
            })
            .unwrap_or_default()
        });
        json_elements(sentences, 4)
    }

    fn joints(&self) -> (&'static str, &'static str) {
        ("\n", ",\n")
    }

    fn tail(&self, totals: &Totals, out: &mut String) {
        close_array(totals, 2, out);
        out.push_str(",\n  \"version\": 1\n}\n");
    }
}

pub fn sentences_json(files: &[Analysis]) -> String {
    render_all(&SentencesJson, files)
}

/// Entities with their names, roles, variants and how many phrases refer to them.
pub fn entities_text(files: &[Analysis]) -> String {
    render_all(&Each(entities_text_of), files)
}

/// [`entities_text`] of one draft.
pub fn entities_text_of(a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", a.source.path);
    for e in &a.entities {
        let names: Vec<String> = e.names.iter().map(|(n, c)| format!("{n} ×{c}")).collect();
        let roles: Vec<String> = e
            .roles
            .iter()
            .map(|r| {
                format!(
                    "{}{}{}",
                    if r.former { "former " } else { "" },
                    r.role,
                    if r.acting { " (acting)" } else { "" }
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "  e{:<3} {:?} {} | mentions: {}{}{}{}",
            e.id,
            e.kind,
            e.label,
            e.mentions.len(),
            if names.is_empty() {
                String::new()
            } else {
                format!(" | names: {}", names.join(", "))
            },
            if roles.is_empty() {
                String::new()
            } else {
                format!(" | roles: {}", roles.join(", "))
            },
            if e.variants.is_empty() {
                String::new()
            } else {
                format!(
                    " | variants: {}",
                    e.variants
                        .iter()
                        .map(|(v, _)| v.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
    }
    out
}

/// Dated event mentions: class, day, verbal or nominal, and the text.
pub fn events_text(files: &[Analysis]) -> String {
    render_all(&Each(events_text_of), files)
}

/// [`events_text`] of one draft.
pub fn events_text_of(a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (timeline: {})",
        a.source.path,
        anchor_text(&a.anchor)
    );
    for m in crate::events::mentions(a) {
        let (line, col) = a.source.line_col(m.span.0);
        let _ = writeln!(
            out,
            "  {}:{:<4} {:<10} {:<28} {}{}{}{} “{}”",
            line,
            col,
            m.class,
            day_text(&a.anchor, &m.day),
            if m.nominal { "noun" } else { "verb" },
            if m.definite { " definite" } else { "" },
            if m.other { " other" } else { "" },
            m.participant
                .as_deref()
                .map(|p| format!(" of {p}"))
                .unwrap_or_default(),
            clip(&a.source.text[m.span.0..m.span.1], 70)
        );
    }
    out
}
