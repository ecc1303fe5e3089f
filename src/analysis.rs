//! The pipeline for one draft: source → prose → tokens → language → sentences → phrases,
//! times, numbers → frames → entities → claims → findings. Each stage's output is kept so it
//! can be printed and snapshot-tested.

use crate::claims::{self, Claim, Proposition};
use crate::error::{Error, SourceError};
use crate::extract::{self, Frame, Index};
use crate::findings::Finding;
use crate::gazetteer::PlaceId;
use crate::grammar::Ctx;
use crate::lexicon::{Language, flag};
use crate::markup::{self, Prose};
use crate::np::{self, Np};
use crate::numbers::{self, NumMention};
use crate::resolve::{Entity, Resolution, Resolver};
use crate::rules::{Languages, RuleSet, RuleSpec};
use crate::segment::{self, Quote, Sentence};
use crate::source::Source;
use crate::time::{self, Anchor, AnchorSource, TimeExpr, TimeMention};
use crate::tokens::{self, Tokens};

/// How the language was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LangChoice {
    Flag,
    FrontMatter,
    Config,
    Detected,
    Default,
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--lang`
    pub lang: Option<String>,
    /// The configured default language, used when detection finds nothing.
    pub default_lang: Option<String>,
}

pub struct Analysis<'r> {
    pub source: Source,
    pub prose: Prose,
    pub lang: &'r Language,
    pub lang_choice: LangChoice,
    pub gazetteer: &'r crate::gazetteer::Gazetteer,
    /// Everything loaded from `rules/` (name rules, acronyms), for the checks.
    pub ruleset: &'r RuleSet,
    pub tokens: Tokens,
    /// Each token's id in the language's word table (see [`Analysis::info`]).
    pub word_ids: Vec<u32>,
    pub block_toks: Vec<(usize, usize)>,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    pub nps: Vec<Np>,
    pub times: Vec<TimeMention>,
    pub nums: Vec<NumMention>,
    pub frames: Vec<Frame>,
    pub entities: Vec<Entity>,
    pub res: Vec<Resolution>,
    pub anchor: Anchor,
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
    /// Top-level noun phrases by first and last token, built the first time a check asks
    /// ([`Analysis::np_index`]): several kinds of check read it.
    np_index: std::sync::OnceLock<crate::checks::support::NpIx>,
}

/// Count stop words of each language; the most used wins.
fn detect(toks: &Tokens, langs: &Languages) -> Option<usize> {
    // only words that are stop words of one language count: "a" is English and Portuguese
    let mut scores = vec![0usize; langs.len()];
    for i in (0..toks.len()).take(20_000) {
        let lw = toks.lower(i);
        let mut only = None;
        for k in 0..langs.len() {
            if langs.is_stopword(k, lw) {
                only = if only.is_none() {
                    Some(k)
                } else {
                    Some(usize::MAX)
                };
            }
        }
        if let Some(k) = only.filter(|&k| k != usize::MAX) {
            scores[k] += 1;
        }
    }
    let best = scores
        .iter()
        .enumerate()
        .max_by_key(|(k, s)| (**s, std::cmp::Reverse(*k)))?;
    (*best.1 > 0).then_some(best.0)
}

impl<'r> Analysis<'r> {
    /// Run the pipeline up to claims (findings are left empty).
    pub fn new(source: Source, rules: &'r RuleSet, opts: &Options) -> Result<Analysis<'r>, Error> {
        if source
            .text
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .is_empty()
        {
            return Err(SourceError::Empty {
                path: source.path.clone(),
            }
            .into());
        }
        let prose = markup::prose(&source);
        let mut toks = Tokens::default();
        let mut block_toks = Vec::with_capacity(prose.blocks.len());
        for b in &prose.blocks {
            let s = toks.len();
            tokens::tokenize_into(&prose.text, b.start, b.end, &mut toks);
            block_toks.push((s, toks.len()));
        }
        // language: flag > front matter > detection > configured default > English
        let pick = |name: &str| rules.languages.named(name);
        let (li, lang_choice) = if let Some(l) = &opts.lang {
            let i = pick(l).ok_or_else(|| {
                Error::Usage(format!("unknown language {l:?} (known: {})", known(rules)))
            })?;
            (i, LangChoice::Flag)
        } else if let Some(i) = prose.front_matter.lang.as_deref().and_then(pick) {
            (i, LangChoice::FrontMatter)
        } else if let Some(i) = detect(&toks, &rules.languages) {
            (i, LangChoice::Detected)
        } else if let Some(i) = opts.default_lang.as_deref().and_then(pick) {
            (i, LangChoice::Config)
        } else {
            (pick("en").unwrap_or(0), LangChoice::Default)
        };
        let lang = rules
            .languages
            .get(li)
            .ok_or_else(|| Error::Usage("no languages loaded".into()))?;
        let gazetteer = &rules.gazetteer;

        let (sentences, quotes, nps, times, nums, frames, entities, res, anchor, claims, word_ids) = {
            let mut ctx = Ctx::new(&prose.text, &toks, lang, gazetteer);
            let sentences =
                segment::sentences(&prose.text, &toks, &prose.blocks, &block_toks, lang);
            let quotes = segment::quotes(&prose.text, &toks, &block_toks);
            let nps = np::chunk(&ctx, &sentences);
            // each sentence's times and numbers are its own: a long draft's are found in
            // ranges of sentences on the thread pool, and joined in order
            let scan = |first: usize, of: &[Sentence]| {
                let (mut times, mut nums) = (Vec::new(), Vec::new());
                for (si, s) in (first..).zip(of) {
                    let from = times.len();
                    time::scan(&ctx, s, si, &mut times);
                    numbers::scan(&ctx, s, si, &times[from..], &mut nums);
                }
                (times, nums)
            };
            let (mut times, mut nums) = (Vec::new(), Vec::new());
            for (t, n) in crate::ranges::map(&sentences, scan) {
                times.extend(t);
                nums.extend(n);
            }
            // a date is not a count: a number inside a time expression is dropped. The time
            // expressions by start, with the furthest end so far, answer "does one that starts
            // at or before this number reach its end?" in a binary search, not a scan of all.
            let mut spans: Vec<(usize, usize)> = times.iter().map(|t| (t.ts, t.te)).collect();
            spans.sort_unstable();
            let mut reach = 0;
            for sp in spans.iter_mut() {
                reach = reach.max(sp.1);
                sp.1 = reach;
            }
            nums.retain(|n| {
                let k = spans.partition_point(|&(ts, _)| ts <= n.ts);
                !(k > 0 && spans[k - 1].1 >= n.te)
            });
            let ix = Index::new(toks.len(), &nps, &times, &quotes, &ctx);
            let frames = extract::frames(&ctx, &ix, &sentences);
            let (entities, res) = Resolver::new(&ctx, &nps, &frames, &rules.names).run();
            let anchor = anchor(&prose, &sentences, &times, &frames);
            let claims = claims::build(
                &ctx, &ix, &sentences, &frames, &res, &entities, &nums, &anchor,
            );
            drop(ix);
            let word_ids = std::mem::take(&mut ctx.ids);
            (
                sentences, quotes, nps, times, nums, frames, entities, res, anchor, claims,
                word_ids,
            )
        };
        Ok(Analysis {
            source,
            prose,
            lang,
            lang_choice,
            gazetteer,
            ruleset: rules,
            tokens: toks,
            word_ids,
            block_toks,
            sentences,
            quotes,
            nps,
            times,
            nums,
            frames,
            entities,
            res,
            anchor,
            claims,
            findings: Vec::new(),
            np_index: std::sync::OnceLock::new(),
        })
    }

    /// The grammars' view of this draft (for running one stage again, as the benchmarks do).
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx::new(&self.prose.text, &self.tokens, self.lang, self.gazetteer)
    }

    /// What the lexicon knows of token `k` (looked up once, when the draft was read).
    #[inline]
    pub fn info(&self, k: usize) -> &'r crate::lexicon::WordInfo {
        self.lang.info(self.word_ids[k])
    }

    /// Does the lexicon know token `k` (id 0 is the unknown word)?
    #[inline]
    pub fn knows(&self, k: usize) -> bool {
        self.word_ids[k] != 0
    }

    /// Top-level noun phrases by their first and last token (built once, on first use).
    pub fn np_index(&self) -> &crate::checks::support::NpIx {
        self.np_index
            .get_or_init(|| crate::checks::support::NpIx::new(self))
    }

    /// How many claims the draft has.
    pub fn claim_count(&self) -> usize {
        self.claims.len()
    }

    /// Run the checks of the given rules.
    pub fn check(&mut self, rules: &[RuleSpec]) {
        self.findings = crate::checks::run(self, rules);
    }

    pub fn text_of(&self, s: usize, e: usize) -> String {
        self.source.text[s..e].to_string()
    }

    pub fn gazetteer_name(&self, p: PlaceId) -> String {
        self.gazetteer.name(p, self.lang.code)
    }

    /// The continuity word near a proposition's trigger ("ainda", "still").
    pub fn continuity_word(&self, c: &Claim, p: &Proposition) -> Option<String> {
        let (rs, re) = (
            p.trigger.0.saturating_sub(4),
            (p.trigger.1 + 2).min(self.tokens.len()),
        );
        let _ = c;
        (rs..re)
            .find(|&k| self.info(k).has(flag::CONTINUITY))
            .map(|k| self.tokens.text(&self.source.text, k).to_string())
    }
}

fn known(rules: &RuleSet) -> String {
    rules.languages.codes().collect::<Vec<_>>().join(", ")
}

/// The timeline's anchor: the front-matter date, a dateline date, or a reference weekday —
/// the latest statement weekday ("disse no sábado"), else the weekday that makes the draft's
/// weekdays the most compact week ending on it. A reference weekday next to a full date
/// anywhere in the draft becomes a date.
fn anchor(
    prose: &Prose,
    sentences: &[Sentence],
    times: &[TimeMention],
    frames: &[Frame],
) -> Anchor {
    if let Some(d) = prose.front_matter.date.as_deref().and_then(time::parse_iso) {
        return Anchor::Date {
            days: d,
            source: AnchorSource::FrontMatter,
        };
    }
    let full_date = |t: &TimeMention| match t.expr {
        TimeExpr::Date {
            year: Some(y),
            month,
            day,
            ..
        } if time::valid_date(y, month, day) => Some(time::days_from_civil(y, month, day)),
        _ => None,
    };
    // a full date in the first two sentences: the dateline
    if let Some(d) = times
        .iter()
        .filter(|t| t.sentence < 2.min(sentences.len()))
        .find_map(full_date)
    {
        return Anchor::Date {
            days: d,
            source: AnchorSource::Dateline,
        };
    }
    // the reference day that keeps every weekday within the shortest span before it
    let compact = |all: &[u8]| {
        // the distinct weekdays (at most seven), so a draft of many weekdays stays linear
        let mut days: Vec<u8> = all.to_vec();
        days.sort_unstable();
        days.dedup();
        days.iter().copied().min_by_key(|&r| {
            (
                days.iter()
                    .map(|&w| (r as i32 - w as i32).rem_euclid(7))
                    .max()
                    .unwrap_or(0),
                r,
            )
        })
    };
    // statements are not made after the draft is written: the reference day is the latest
    // statement weekday ("said on Monday" … "said on Tuesday" → Tuesday)
    let statement_days: Vec<u8> = frames
        .iter()
        .filter_map(|f| f.time)
        .filter(|&t| !times[t].shifted)
        .filter_map(|t| match times[t].expr {
            TimeExpr::Weekday { weekday } => Some(weekday),
            _ => None,
        })
        .collect();
    let weekday = compact(&statement_days).or_else(|| {
        let days: Vec<u8> = times
            .iter()
            .filter(|t| !t.shifted)
            .filter_map(|t| match t.expr {
                TimeExpr::Weekday { weekday } => Some(weekday),
                _ => None,
            })
            .collect();
        compact(&days)
    });
    let Some(weekday) = weekday else {
        return Anchor::None;
    };
    // a full date elsewhere fixes the week: the reference weekday on or after it
    if let Some(d) = times.iter().filter_map(full_date).max() {
        let ahead = (weekday as i64 - time::weekday_of(d) as i64).rem_euclid(7);
        return Anchor::Date {
            days: d + ahead,
            source: AnchorSource::Inferred,
        };
    }
    Anchor::Weekday { weekday }
}
