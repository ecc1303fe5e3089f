//! Language knowledge the contradiction checks (CC106–CC199) read, loaded from the
//! `[contradictions]` section of `rules/lang/<code>/*.toml`: state markers, quote cues, causal
//! connectives, age and currency words, share and point words. Every list is data; adding a
//! language means adding a file.
//!
//! This file is also compiled into `build.rs` (which loads the lexicons at build time): it
//! must not depend on the analysis. Matching against a draft is in `words_match.rs`.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The `[contradictions]` section as written. Every list is optional so files can be split.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ContraWordsFile {
    /// Words before a participle or adjective that make it a present state, not an event:
    /// "is closed", "está fechada", "remains in custody".
    #[serde(default)]
    pub stative: Vec<String>,
    /// Words that put a state in the past or in the future: "was", "had been", "foi".
    #[serde(default)]
    pub non_stative: Vec<String>,
    /// Cues that a quotation repeats an earlier one: "repeated", "repetiu", "again".
    #[serde(default)]
    pub quote_repeats: Vec<String>,
    /// Nouns that refer back to something said: "promise", "words", "promessa".
    #[serde(default)]
    pub quote_references: Vec<String>,
    /// Cues that a speaker knowingly repeats someone else's words: "echoing", "citando".
    #[serde(default)]
    pub quote_echoes: Vec<String>,
    /// Connectives after which a clause gives the cause or an earlier event:
    /// "because of", "after", "por causa de", "após".
    #[serde(default)]
    pub causes: Vec<String>,
    /// Words that make a cause or event planned, not past: "scheduled", "prevista", "will".
    #[serde(default)]
    pub planned: Vec<String>,
    /// Words after a number that make it an age: "years old", "anos".
    #[serde(default)]
    pub age_after: Vec<String>,
    /// Words before a number that make it an age: "aged", "de" (with `age-after`).
    #[serde(default)]
    pub age_before: Vec<String>,
    /// The "-year-old" compound ("21-year-old").
    #[serde(default)]
    pub age_compound: Vec<String>,
    /// Currency symbols and words with their code: "$" = "USD", "euros" = "EUR".
    #[serde(default)]
    pub currencies: BTreeMap<String, String>,
    /// Words that make a currency symbol another country's: "US" before "$" = "USD".
    #[serde(default)]
    pub currency_prefixes: BTreeMap<String, String>,
    /// Nouns after a percentage that make it a share of one whole: "of the vote", "dos votos".
    #[serde(default)]
    pub shares: Vec<String>,
    /// Words between two shares that compare them: "against", "contra".
    #[serde(default)]
    pub share_links: Vec<String>,
    /// Words that put two percentages in different wholes or times: "up from", "em 2019".
    #[serde(default)]
    pub share_breakers: Vec<String>,
    /// Percentage points: "percentage points", "pontos percentuais".
    #[serde(default)]
    pub points: Vec<String>,
    /// Words that state a difference between two shares: "lead", "margin", "vantagem".
    #[serde(default)]
    pub margins: Vec<String>,
    /// "from X% to Y%": the words before each value.
    #[serde(default)]
    pub change_from: Vec<String>,
    #[serde(default)]
    pub change_to: Vec<String>,
    /// "by Z points", "em Z pontos": the word before a stated change.
    #[serde(default)]
    pub change_by: Vec<String>,
    /// Cues that parts of a total follow: "including", "of whom", "incluindo".
    #[serde(default)]
    pub partitions: Vec<String>,
    /// Cues that the parts that follow make up a whole: "made up of", "divided into".
    #[serde(default)]
    pub exhaustive: Vec<String>,
    /// Words naming a remainder, which makes a list of parts complete: "elsewhere", "restantes".
    #[serde(default)]
    pub remainders: Vec<String>,
    /// Words that open a list of parts at the start of a sentence: "of the dead" is
    /// "of" + a noun, "das vítimas" is "das" + a noun.
    #[serde(default)]
    pub part_openers: Vec<String>,
    /// Words that put a role in the past of the story: "then", "at the time", "na época".
    #[serde(default)]
    pub past_time: Vec<String>,
    /// Words that make a state claim about someone else's view, not a fact: "whether".
    #[serde(default)]
    pub state_blockers: Vec<String>,
    /// Words read as "former" that mean the holder is still in office: "outgoing".
    #[serde(default)]
    pub current_markers: Vec<String>,
    /// Relative words whose antecedent is not the clause's subject: "whose", "where", "cujo".
    #[serde(default)]
    pub relative_non_subject: Vec<String>,
    /// Words that mark an event as happening again: "again", "re-arrested", "novamente".
    #[serde(default)]
    pub again: Vec<String>,
    /// Verbs whose object is the loser ("beat", "defeated", "derrotou"), unlike "won the cup".
    #[serde(default)]
    pub beat_verbs: Vec<String>,
    /// Nouns for events that happen once, on one day: "vote", "funeral", "pico", "votação".
    #[serde(default)]
    pub one_off_events: Vec<String>,
    /// Words before an event noun or an amount that make it another one: "another", "outro".
    #[serde(default)]
    pub another: Vec<String>,
    /// Time prepositions that do not date an event but bound a period: "since", "until", "desde".
    #[serde(default)]
    pub period_bounds: Vec<String>,
    /// Definite words before an amount or its noun that refer back to one already named:
    /// "the", "o", "os".
    #[serde(default)]
    pub definite: Vec<String>,
    /// Words between a noun and the amount it is for: "the loan *of* $1.3 billion", "o resgate
    /// *de* 4,5 milhões".
    #[serde(default)]
    pub amount_of: Vec<String>,
    /// Words right before a state's trigger that make it wished, due or possible, not
    /// asserted: "(demanded that he) be (dismissed)", "to be", "deve ser".
    #[serde(default)]
    pub unreal: Vec<String>,
    /// Ordinal words and their value: "second" = 2, "segundo" = 2, "segunda" = 2.
    #[serde(default)]
    pub ordinals: BTreeMap<String, u32>,
    /// Nouns counted in sequence, of which one holder has one current one: "term", "mandato".
    #[serde(default)]
    pub ordinal_nouns: Vec<String>,
    /// Words right before the determiner that make the numbered thing the current one:
    /// "serving", "now in", "cumpre".
    #[serde(default)]
    pub ordinal_current: Vec<String>,
    /// Words after the noun that name its holder: "of", "de".
    #[serde(default)]
    pub ordinal_of: Vec<String>,
}

/// A set of phrases (sequences of lower-case words) indexed by their first word.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhraseSet {
    pub(crate) by_first: FxHashMap<String, Vec<Vec<String>>>,
    /// The byte lengths of the first words (bit `min(len, 63)`) and their first bytes: a word
    /// missing from either opens no phrase, without a look-up.
    pub(crate) first_lens: u64,
    pub(crate) first_bytes: [u64; 4],
}

impl PhraseSet {
    fn add(&mut self, phrase: &str) {
        let words: Vec<String> = phrase
            .to_lowercase()
            .split_whitespace()
            .map(String::from)
            .collect();
        if words.is_empty() {
            return;
        }
        let first = words[0].as_bytes();
        self.first_lens |= 1 << first.len().min(63);
        if let Some(&b) = first.first() {
            self.first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        let list = self.by_first.entry(words[0].clone()).or_default();
        if !list.contains(&words) {
            list.push(words);
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
    }

    fn extend(&mut self, phrases: &[String]) {
        for p in phrases {
            self.add(p);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Can a phrase start with this lower-case word? (No means no; yes means look it up.)
    #[inline]
    pub fn may_open(&self, word: &str) -> bool {
        let w = word.as_bytes();
        self.first_lens & (1 << w.len().min(63)) != 0
            && w.first()
                .is_some_and(|&b| self.first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
    }

    /// Does a phrase start with this lower-case word?
    #[inline]
    pub fn opens(&self, word: &str) -> bool {
        self.may_open(word) && self.by_first.contains_key(word)
    }
}

/// The compiled form, one per language.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContraWords {
    pub stative: PhraseSet,
    pub non_stative: PhraseSet,
    pub quote_repeats: PhraseSet,
    pub quote_references: PhraseSet,
    pub quote_echoes: PhraseSet,
    pub causes: PhraseSet,
    pub planned: PhraseSet,
    pub age_after: PhraseSet,
    pub age_before: PhraseSet,
    pub age_compound: PhraseSet,
    pub currencies: FxHashMap<String, String>,
    pub currency_prefixes: FxHashMap<String, String>,
    /// Multi-word currency names ("kenyan shillings"), longest first.
    pub currency_phrases: Vec<(Vec<String>, String)>,
    pub shares: PhraseSet,
    pub share_links: PhraseSet,
    pub share_breakers: PhraseSet,
    pub points: PhraseSet,
    pub margins: PhraseSet,
    pub change_from: PhraseSet,
    pub change_to: PhraseSet,
    pub change_by: PhraseSet,
    pub partitions: PhraseSet,
    pub exhaustive: PhraseSet,
    pub remainders: PhraseSet,
    pub part_openers: PhraseSet,
    pub past_time: PhraseSet,
    pub state_blockers: PhraseSet,
    pub current_markers: PhraseSet,
    pub relative_non_subject: PhraseSet,
    pub again: PhraseSet,
    pub beat_verbs: PhraseSet,
    pub one_off_events: PhraseSet,
    pub another: PhraseSet,
    pub period_bounds: PhraseSet,
    pub definite: PhraseSet,
    pub amount_of: PhraseSet,
    pub unreal: PhraseSet,
    pub ordinals: FxHashMap<String, u32>,
    pub ordinal_nouns: PhraseSet,
    pub ordinal_current: PhraseSet,
    pub ordinal_of: PhraseSet,
}

impl ContraWords {
    /// Add one file's section (lists extend, maps join).
    pub fn merge(&mut self, f: &ContraWordsFile) {
        self.stative.extend(&f.stative);
        self.non_stative.extend(&f.non_stative);
        self.quote_repeats.extend(&f.quote_repeats);
        self.quote_references.extend(&f.quote_references);
        self.quote_echoes.extend(&f.quote_echoes);
        self.causes.extend(&f.causes);
        self.planned.extend(&f.planned);
        self.age_after.extend(&f.age_after);
        self.age_before.extend(&f.age_before);
        self.age_compound.extend(&f.age_compound);
        for (w, c) in &f.currencies {
            let lw = w.to_lowercase();
            if lw.contains(' ') {
                let words: Vec<String> = lw.split_whitespace().map(String::from).collect();
                self.currency_phrases.push((words, c.clone()));
                self.currency_phrases
                    .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
            } else {
                self.currencies.insert(lw, c.clone());
            }
        }
        for (w, c) in &f.currency_prefixes {
            self.currency_prefixes.insert(w.to_lowercase(), c.clone());
        }
        self.shares.extend(&f.shares);
        self.share_links.extend(&f.share_links);
        self.share_breakers.extend(&f.share_breakers);
        self.points.extend(&f.points);
        self.margins.extend(&f.margins);
        self.change_from.extend(&f.change_from);
        self.change_to.extend(&f.change_to);
        self.change_by.extend(&f.change_by);
        self.partitions.extend(&f.partitions);
        self.exhaustive.extend(&f.exhaustive);
        self.remainders.extend(&f.remainders);
        self.part_openers.extend(&f.part_openers);
        self.past_time.extend(&f.past_time);
        self.state_blockers.extend(&f.state_blockers);
        self.current_markers.extend(&f.current_markers);
        self.relative_non_subject.extend(&f.relative_non_subject);
        self.again.extend(&f.again);
        self.beat_verbs.extend(&f.beat_verbs);
        self.one_off_events.extend(&f.one_off_events);
        self.another.extend(&f.another);
        self.period_bounds.extend(&f.period_bounds);
        self.definite.extend(&f.definite);
        self.amount_of.extend(&f.amount_of);
        self.unreal.extend(&f.unreal);
        for (w, v) in &f.ordinals {
            self.ordinals.insert(w.to_lowercase(), *v);
        }
        self.ordinal_nouns.extend(&f.ordinal_nouns);
        self.ordinal_current.extend(&f.ordinal_current);
        self.ordinal_of.extend(&f.ordinal_of);
    }
}
