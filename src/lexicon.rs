//! Language knowledge, loaded from `rules/lang/<code>/*.toml`.
//!
//! Every word list lives in data. The files of one language are merged (lists are extended,
//! maps are joined), so a newsroom can add its own words with an extra rules directory.
//! After loading, everything is compiled into one word table: a single hash look-up per
//! token gives all the word's classes.
//!
//! This file is also compiled into `build.rs`, which compiles the embedded languages at build
//! time: it may use only the data modules (`error`, `checks::words`).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::RuleError;

/// One lexicon file as written. Every section is optional so files can be split and merged.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconFile {
    pub language: Option<LanguageMeta>,
    pub detect: Option<Detect>,
    pub numbers: Option<Numbers>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    pub time: Option<TimeWords>,
    pub grammar: Option<Grammar>,
    pub attribution: Option<Attribution>,
    #[serde(default)]
    pub roles: Vec<RoleDef>,
    #[serde(default)]
    pub predicates: Vec<PredicateDef>,
    pub entities: Option<EntityWords>,
    pub stemming: Option<Stemming>,
    /// Words the contradiction checks read (CC106–CC199).
    pub contradictions: Option<crate::checks::words::ContraWordsFile>,
    pub function_words: Option<FunctionWordsFile>,
}

/// The `[function-words]` section as written: small closed classes of words that the
/// extractor looks for in one place each, by their role ("of" after a noun, "and" inside a
/// name). Each language lists what it writes for each role; a role it does not have is left
/// out. Compared in lower case.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FunctionWordsFile {
    /// "of" after a noun, naming what it is of: "the start of the blockade", "o início dos
    /// protestos".
    #[serde(default)]
    pub of: Vec<String>,
    /// Words between an event noun and the day that names it: "the attack on Tuesday".
    #[serde(default)]
    pub day_of: Vec<String>,
    /// Words before a number that joins it to an earlier one in an enumeration: "three men and
    /// a woman", "103 em Almaty e 50 noutras cidades".
    #[serde(default)]
    pub and: Vec<String>,
    /// Words joining two parts of an organisation's name: "Comissão Eleitoral Independente e
    /// de Fronteiras", "Procter & Gamble".
    #[serde(default)]
    pub name_conjunctions: Vec<String>,
    /// Words that add one count to the next: "plus", "mais".
    #[serde(default)]
    pub plus: Vec<String>,
    /// Words joining number words into one number: "vinte e cinco".
    #[serde(default)]
    pub number_joiners: Vec<String>,
    /// Number words too often an article or a pronoun to be a count unless a unit noun
    /// follows: "one", "um", "uma".
    #[serde(default)]
    pub ambiguous_numbers: Vec<String>,
    /// Scale words that are a count by themselves before a unit noun: "mil pessoas".
    #[serde(default)]
    pub bare_scales: Vec<String>,
    /// What ends a number written as an ordinal: "1st", "2º".
    #[serde(default)]
    pub ordinal_suffixes: Vec<String>,
    /// Words joining the day, month and year of a date: "8 de janeiro de 2022".
    #[serde(default)]
    pub date_joiners: Vec<String>,
    /// A number's unit for a percentage, one or more words: "percent", "por cento".
    #[serde(default)]
    pub percent: Vec<String>,
    /// Words after a negator that make it no negation: "not only", "não só".
    #[serde(default)]
    pub only: Vec<String>,
    /// Prepositions of a destination: "left for Madrid", "partiu para Lisboa", "rumo a".
    #[serde(default)]
    pub destination: Vec<String>,
    /// Articles between a destination preposition and its place: "rumo a Pequim".
    #[serde(default)]
    pub destination_articles: Vec<String>,
    /// Words that may stand between a verb of leaving and the place left: "left from",
    /// "went back to", "saiu do".
    #[serde(default)]
    pub departure_fillers: Vec<String>,
    /// Prepositions of motion that make a clause about going, not being, somewhere.
    #[serde(default)]
    pub motion: Vec<String>,
    /// The marker of an infinitive: "to".
    #[serde(default)]
    pub infinitive_markers: Vec<String>,
    /// Indefinite articles: a noun phrase after one is new to the text ("a spokesman").
    #[serde(default)]
    pub indefinite_articles: Vec<String>,
    /// Words that may stand between a negator and its verb: "has not yet been", "não chegou a".
    #[serde(default)]
    pub negation_fillers: Vec<String>,
    /// Words before an event noun that make it another occurrence: "a second strike", "a
    /// próxima reunião".
    #[serde(default)]
    pub other_occurrence: Vec<String>,
}

/// The `[function-words]` of a language, compiled: each role's words as a set.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionWords {
    pub of: WordSet,
    pub day_of: WordSet,
    pub and: WordSet,
    pub name_conjunctions: WordSet,
    pub plus: WordSet,
    pub number_joiners: WordSet,
    pub ambiguous_numbers: WordSet,
    pub bare_scales: WordSet,
    pub ordinal_suffixes: WordSet,
    pub date_joiners: WordSet,
    pub percent: WordSet,
    pub only: WordSet,
    pub destination: WordSet,
    pub destination_articles: WordSet,
    pub departure_fillers: WordSet,
    pub motion: WordSet,
    pub infinitive_markers: WordSet,
    pub indefinite_articles: WordSet,
    pub negation_fillers: WordSet,
    pub other_occurrence: WordSet,
}

impl FunctionWords {
    fn merge(&mut self, f: &FunctionWordsFile) {
        // every field named: a role added to the file but not merged here does not compile
        let FunctionWordsFile {
            of,
            day_of,
            and,
            name_conjunctions,
            plus,
            number_joiners,
            ambiguous_numbers,
            bare_scales,
            ordinal_suffixes,
            date_joiners,
            percent,
            only,
            destination,
            destination_articles,
            departure_fillers,
            motion,
            infinitive_markers,
            indefinite_articles,
            negation_fillers,
            other_occurrence,
        } = f;
        self.of.extend(of);
        self.day_of.extend(day_of);
        self.and.extend(and);
        self.name_conjunctions.extend(name_conjunctions);
        self.plus.extend(plus);
        self.number_joiners.extend(number_joiners);
        self.ambiguous_numbers.extend(ambiguous_numbers);
        self.bare_scales.extend(bare_scales);
        self.ordinal_suffixes.extend(ordinal_suffixes);
        self.date_joiners.extend(date_joiners);
        self.percent.extend(percent);
        self.only.extend(only);
        self.destination.extend(destination);
        self.destination_articles.extend(destination_articles);
        self.departure_fillers.extend(departure_fillers);
        self.motion.extend(motion);
        self.infinitive_markers.extend(infinitive_markers);
        self.indefinite_articles.extend(indefinite_articles);
        self.negation_fillers.extend(negation_fillers);
        self.other_occurrence.extend(other_occurrence);
    }
}

/// A set of lower-case words.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct WordSet(Vec<String>);

impl WordSet {
    fn extend(&mut self, words: &[String]) {
        for w in words {
            let w = w.to_lowercase();
            if !self.0.contains(&w) {
                self.0.push(w);
            }
        }
        self.0.sort();
    }

    /// Whether `lower` (a word in lower case) is in the set. The sets are a handful of words,
    /// so a scan beats hashing.
    #[inline]
    pub fn has(&self, lower: &str) -> bool {
        self.0.iter().any(|w| w == lower)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

/// Inflection suffixes removed to compare verbs that the lexicon does not know.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Stemming {
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Shortest stem kept.
    pub min_stem: Option<usize>,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageMeta {
    pub code: String,
    pub name: String,
    /// Other names a draft's front matter or `--lang` may give the language (compared in
    /// lower case): "english", "inglês".
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Detect {
    #[serde(default)]
    pub stopwords: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Numbers {
    pub decimal_separator: Option<char>,
    pub group_separator: Option<char>,
    /// Numbers written as words: "dois" = 2.
    #[serde(default)]
    pub words: BTreeMap<String, f64>,
    /// Multipliers: "mil" = 1000, "million" = 1e6.
    #[serde(default)]
    pub scales: BTreeMap<String, f64>,
    /// Phrases that make a number approximate: "cerca de" = "about".
    #[serde(default)]
    pub approximators: BTreeMap<String, Approx>,
    /// Phrases that mark a new value of a figure: "subiu para", "rose to".
    #[serde(default)]
    pub updates: Vec<String>,
    /// Phrases that introduce a part of a total: "incluindo", "including".
    #[serde(default)]
    pub partitions: Vec<String>,
    /// Nouns that name what is counted, with the unit class: "pessoas" = "person".
    #[serde(default)]
    pub units: BTreeMap<String, String>,
    /// Phrases before a number that say what it counts: "death toll" = "die",
    /// "número de mortos" = "die".
    #[serde(default)]
    pub count_nouns: BTreeMap<String, String>,
    /// Phrases that put a figure in another scope than the story's event: "so far this year",
    /// "desde janeiro", "on their side".
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Units of time: after one, a scope word dates a figure ("up from 1,102 a week
    /// earlier") instead of scoping the sentence.
    #[serde(default)]
    pub durations: Vec<String>,
    /// A range of values: "between 30 and 40", "entre 30 e 40". The first word opens it, the
    /// second joins the two ends.
    #[serde(default)]
    pub range_openers: Vec<String>,
    #[serde(default)]
    pub range_joiners: Vec<String>,
    /// Words that put only the figure right after them in another scope: "another 112 deaths",
    /// "outras 12 vítimas". The rest of the sentence keeps its scope.
    #[serde(default)]
    pub scope_determiners: Vec<String>,
    /// Phrases after a figure that make it a rate, not a count: "8,000 victims per day",
    /// "12 mortos por dia".
    #[serde(default)]
    pub rates: Vec<String>,
    /// Phrases that mark a figure as provisional: "initially", "primeiro balanço".
    #[serde(default)]
    pub provisional: Vec<String>,
    /// Words that qualify what is counted: "suspected", "confirmed", "new", "suspeitos".
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// Nouns that count people in general and match any noun of their unit: "people".
    #[serde(default)]
    pub generic_nouns: Vec<String>,
}

/// How a number is qualified.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, serde::Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Approx {
    Exact,
    About,
    MoreThan,
    LessThan,
    AtLeast,
    AtMost,
    Almost,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TimeWords {
    /// Seven entries, Monday first; each lists the full forms.
    #[serde(default)]
    pub weekdays: Vec<Vec<String>>,
    /// Short weekday forms that count only after a time preposition ("na segunda").
    #[serde(default)]
    pub weekdays_short: Vec<Vec<String>>,
    /// Twelve entries, January first.
    #[serde(default)]
    pub months: Vec<Vec<String>>,
    /// "ontem" = -1.
    #[serde(default)]
    pub relative_days: BTreeMap<String, i32>,
    /// Words that open a time phrase: "na", "no", "on", "last".
    #[serde(default)]
    pub prepositions: Vec<String>,
    /// Words that move a weekday to another week: "passada", "last", "próxima", "next".
    #[serde(default)]
    pub week_shifts: Vec<String>,
    /// Parts of a day that may stand before a weekday: "noite", "morning".
    #[serde(default)]
    pub day_parts: Vec<String>,
    /// Words that may stand between a noun naming an event and its time: "held", "realizada",
    /// "ocorreu", "on", "de".
    #[serde(default)]
    pub event_links: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Grammar {
    #[serde(default)]
    pub determiners: Vec<String>,
    #[serde(default)]
    pub possessives: Vec<String>,
    /// Capitalised words that are never a name: "I".
    #[serde(default)]
    pub never_names: Vec<String>,
    /// Prepositions that link the parts of a noun phrase ("porta-voz do ex-presidente").
    #[serde(default)]
    pub linkers: Vec<String>,
    /// Lower-case words allowed inside names ("da", "de", "van").
    #[serde(default)]
    pub name_particles: Vec<String>,
    #[serde(default)]
    pub conjunctions: Vec<String>,
    #[serde(default)]
    pub negators: Vec<String>,
    /// "ainda", "still", "continua", "remains".
    #[serde(default)]
    pub continuity: Vec<String>,
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    /// Words that open a conditional clause.
    #[serde(default)]
    pub conditionals: Vec<String>,
    /// Conjunctions that open a contrasting clause: "mas", "but", "embora".
    #[serde(default)]
    pub contrastives: Vec<String>,
    /// Words that mark intention or future, so the content is not asserted.
    #[serde(default)]
    pub modals: Vec<String>,
    /// Personal pronouns with gender and number: "ele" = "m", "elas" = "fp".
    #[serde(default)]
    pub pronouns: BTreeMap<String, String>,
    /// Possessive determiners that point back to an entity ("seu", "his").
    #[serde(default)]
    pub anaphoric_possessives: BTreeMap<String, String>,
    /// Prepositions that introduce a place ("em", "na", "in", "at").
    #[serde(default)]
    pub locatives: Vec<String>,
    /// Nouns meaning the capital city.
    #[serde(default)]
    pub capital_words: Vec<String>,
    /// Nouns meaning the country in question ("o país", "the country").
    #[serde(default)]
    pub country_words: Vec<String>,
    /// Nouns naming events that can be the subject of a claim ("os protestos", "the vote").
    #[serde(default)]
    pub event_nouns: Vec<String>,
    /// Words that mark the relative clause after a noun ("que", "who", "which").
    #[serde(default)]
    pub relativizers: Vec<String>,
    /// Ordinary words that start sentences and must not be taken for names.
    #[serde(default)]
    pub common_words: Vec<String>,
    /// Prepositions: a noun phrase right after one is not a clause subject.
    #[serde(default)]
    pub prepositions: Vec<String>,
    /// Copulas: a noun phrase right after one is a predicate, not a subject.
    #[serde(default)]
    pub copulas: Vec<String>,
    /// Auxiliaries of the passive voice: "was", "foi".
    #[serde(default)]
    pub passive_auxiliaries: Vec<String>,
    /// Prepositions fused with a definite article: "na", "do", "à".
    #[serde(default)]
    pub definite_contractions: Vec<String>,
    /// Indefinite determiners: "a", "an", "um", "uma".
    #[serde(default)]
    pub indefinites: Vec<String>,
    /// Is the head of a noun phrase its last word ("the signalling system", English) or its
    /// first ("o sistema de sinalização", Portuguese)?
    #[serde(default)]
    pub head_final: Option<bool>,
    /// Can a clause leave out its subject, so that a claim's clause with only auxiliaries
    /// before its verb is about the speaker ("disse que está em Almaty", Portuguese)?
    #[serde(default)]
    pub null_subject: Option<bool>,
    /// Does negation follow the verb it denies ("was not in", English) rather than come
    /// before it ("não está", Portuguese)?
    #[serde(default)]
    pub negation_after_verb: Option<bool>,
    /// Can any speech verb take an addressee ("disse a Putin", Portuguese), or only verbs of
    /// telling ("told Putin", English)?
    #[serde(default)]
    pub any_speech_verb_takes_addressee: Option<bool>,
    /// Endings of adverbs ("-ly", "-mente"): such words are not nouns.
    #[serde(default)]
    pub adverb_suffixes: Vec<String>,
    /// Endings of gerunds ("-ing", "-ando"): ", saying …" after a content goes on in a frame
    /// of its own.
    #[serde(default)]
    pub gerund_suffixes: Vec<String>,
    /// Relative words that own the noun after them: "whose", "cujo".
    #[serde(default)]
    pub possessive_relatives: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Attribution {
    #[serde(default)]
    pub complementizers: Vec<String>,
    /// Inflected speech verbs with their kind: "disse" = "say", "negou" = "deny".
    #[serde(default)]
    pub speech_verbs: BTreeMap<String, SpeechKind>,
    /// "segundo", "de acordo com", "according to".
    #[serde(default)]
    pub according_to: Vec<String>,
    /// Impersonal report cues: "surgiram notícias de que", "reports emerged that".
    #[serde(default)]
    pub report_cues: Vec<String>,
    /// "supostamente", "reportedly".
    #[serde(default)]
    pub hedges: Vec<String>,
    /// "em comunicado", "in a statement".
    #[serde(default)]
    pub media: Vec<String>,
    /// Nouns for unnamed sources: "fontes", "officials".
    #[serde(default)]
    pub anonymous_sources: Vec<String>,
    /// Prepositions before the one spoken to: "to", "a", "aos", "lhe".
    #[serde(default)]
    pub addressee_prepositions: Vec<String>,
    /// Adverbs that may sit inside an attribution frame: "também", "later", "publicly".
    #[serde(default)]
    pub frame_adverbs: Vec<String>,
    /// Connectives set off by commas inside a frame: "porém", "no entanto", "however".
    #[serde(default)]
    pub connectives: Vec<String>,
    /// Words after a speech verb that are its object, not a reported content: "said nothing",
    /// "said goodbye". Languages whose content may open without a complementizer
    /// (English "said prices rose") list them.
    #[serde(default)]
    pub non_content_objects: Vec<String>,
}

/// What a speech verb does to its content.
#[derive(
    Clone, Copy, Debug, Deserialize, PartialEq, Eq, serde::Serialize, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum SpeechKind {
    /// Neutral report: said, disse, announced.
    Say,
    /// The speaker tells an addressee: told, disse a.
    Tell,
    /// The speaker denies the content: denied, negou.
    Deny,
    /// The speaker asks for the content; it is not asserted: demanded, exigiram.
    Demand,
    /// A question: asked, perguntou.
    Ask,
    /// The speaker asserts with distance: claimed, alegou.
    Allege,
    /// The speaker confirms: confirmed, confirmou.
    Confirm,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RoleDef {
    /// Language-independent key: "president", "spokesperson".
    pub key: String,
    pub forms: Vec<String>,
    #[serde(default)]
    pub feminine: Vec<String>,
    #[serde(default)]
    pub masculine: Vec<String>,
    /// A role that speaks for someone else ("spokesperson"): pronouns in its content point
    /// to the one it speaks for.
    #[serde(default)]
    pub speaks_for: bool,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PredicateDef {
    /// Predicate class, shared across languages: "leave", "be-in", "arrest".
    pub class: String,
    /// Inflected forms (single words, or several words separated by spaces).
    pub forms: Vec<String>,
    /// Which argument to look for after the form: "place", "office" or "none".
    #[serde(default)]
    pub arg: Option<String>,
    /// The predicate counts only with that argument.
    #[serde(default)]
    pub arg_required: bool,
    /// The form can stand alone as a noun naming the counted people ("mortos", "detainees").
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Forms that count only after an auxiliary, a negator or a modal ("did not sign").
    #[serde(default)]
    pub after_auxiliary: Vec<String>,
    /// The predicate's claims are about its object (or passive subject): arrest, release, kill.
    #[serde(default)]
    pub patient: bool,
    /// Nouns that name the event itself ("landfall", "a assinatura", "the vote"): with a time
    /// attached ("Thursday's vote", "a assinatura de domingo") they date the event.
    #[serde(default)]
    pub event_nouns: Vec<String>,
    /// The predicate is a phase of the event its subject names ("the walkout began", "a
    /// greve terminou"): it keeps its own class when the subject is an event noun.
    #[serde(default)]
    pub aspectual: bool,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EntityWords {
    /// Capitalised words that make a name an organisation: "Ministério", "Council".
    #[serde(default)]
    pub org_heads: Vec<String>,
    /// Words marking a former holder: "ex", "former".
    #[serde(default)]
    pub former: Vec<String>,
    /// Prefixes marking a former holder: "ex-".
    #[serde(default)]
    pub former_prefixes: Vec<String>,
    /// Words marking an acting holder: "interino", "acting".
    #[serde(default)]
    pub acting: Vec<String>,
    /// Titles before a name with gender: "Sr." = "m".
    #[serde(default)]
    pub titles: BTreeMap<String, String>,
}

// ---------------------------------------------------------------------------------------------
// The compiled form.

/// Flags of a word.
pub mod flag {
    pub const STOPWORD: u64 = 1;
    pub const DETERMINER: u64 = 1 << 1;
    pub const POSSESSIVE: u64 = 1 << 2;
    pub const LINKER: u64 = 1 << 3;
    pub const PARTICLE: u64 = 1 << 4;
    pub const CONJUNCTION: u64 = 1 << 5;
    pub const NEGATOR: u64 = 1 << 6;
    pub const CONTINUITY: u64 = 1 << 7;
    pub const AUXILIARY: u64 = 1 << 8;
    pub const CONDITIONAL: u64 = 1 << 9;
    pub const COMPLEMENTIZER: u64 = 1 << 10;
    pub const HEDGE: u64 = 1 << 11;
    pub const LOCATIVE: u64 = 1 << 12;
    pub const CAPITAL: u64 = 1 << 13;
    pub const ANON_SOURCE: u64 = 1 << 14;
    pub const ORG_HEAD: u64 = 1 << 15;
    pub const FORMER: u64 = 1 << 16;
    pub const ACTING: u64 = 1 << 17;
    pub const TIME_PREP: u64 = 1 << 18;
    pub const ABBREVIATION: u64 = 1 << 19;
    pub const RELATIVIZER: u64 = 1 << 20;
    pub const COMMON: u64 = 1 << 21;
    pub const MODAL: u64 = 1 << 22;
    pub const UNIT: u64 = 1 << 23;
    pub const PREPOSITION: u64 = 1 << 24;
    pub const COPULA: u64 = 1 << 25;
    pub const COUNTRY_WORD: u64 = 1 << 26;
    pub const EVENT: u64 = 1 << 27;
    pub const DAY_PART: u64 = 1 << 28;
    pub const EVENT_LINK: u64 = 1 << 29;
    pub const DEFINITE: u64 = 1 << 30;
    pub const INDEFINITE: u64 = 1 << 32;
    pub const WEEK_SHIFT: u64 = 1 << 33;
    pub const PASSIVE: u64 = 1 << 34;
    pub const ADDRESSEE_PREP: u64 = 1 << 35;
    pub const POSSESSIVE_RELATIVE: u64 = 1 << 36;
    pub const FRAME_ADVERB: u64 = 1 << 37;
    pub const CONNECTIVE: u64 = 1 << 38;
    pub const QUALIFIER: u64 = 1 << 39;
    pub const GENERIC_COUNT: u64 = 1 << 40;
    pub const CONTRAST: u64 = 1 << 41;
    pub const NON_CONTENT: u64 = 1 << 42;
    pub const RANGE_OPEN: u64 = 1 << 43;
    pub const RANGE_JOIN: u64 = 1 << 44;
    pub const DURATION: u64 = 1 << 45;
    pub const NEVER_NAME: u64 = 1 << 46;
    /// Known to the lexicon in any way: never a name when sentence-initial.
    pub const KNOWN: u64 = 1 << 31;
}

/// Everything known about one lower-case word.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WordInfo {
    pub flags: u64,
    pub speech: Option<SpeechKind>,
    /// Gender/number code of a pronoun ("m", "f", "mp", "fp", "p").
    pub pronoun: Option<&'static str>,
    pub possessive_of: Option<&'static str>,
    pub role: Option<RoleRef>,
    pub predicates: Vec<u16>,
    /// Predicates this word triggers only after an auxiliary ("did not sign").
    pub predicates_after_aux: Vec<u16>,
    /// The predicate whose event this noun names ("landfall", "assinatura").
    pub event_noun_of: Option<u16>,
    /// Predicates for which this word is a noun naming the people counted ("mortos").
    pub predicate_nouns: Vec<u16>,
    pub weekday: Option<u8>,
    pub weekday_short: Option<u8>,
    pub month: Option<u8>,
    pub relative_day: Option<i32>,
    pub number: Option<f64>,
    pub scale: Option<f64>,
    pub unit: Option<&'static str>,
    pub title_gender: Option<&'static str>,
}

impl WordInfo {
    pub fn has(&self, f: u64) -> bool {
        self.flags & f != 0
    }

    /// A weekday, a month or a relative day ("Monday", "março", "yesterday").
    pub fn is_calendar(&self) -> bool {
        self.weekday.is_some() || self.month.is_some() || self.relative_day.is_some()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRef {
    pub role: u16,
    pub gender: Option<char>,
}

/// What a multi-word phrase is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PhraseKind {
    AccordingTo,
    ReportCue,
    Medium,
    Hedge,
    Approx(Approx),
    Update,
    Partition,
    Speech(SpeechKind),
    Predicate(u16),
    Negator,
    Continuity,
    AnonSource,
    TimePrep,
    Role(RoleRef),
    Acting,
    Conditional,
    Connective,
    /// A phrase naming what a following number counts, with the predicate class.
    CountNoun(&'static str),
    Scope,
    ScopeDeterminer,
    Rate,
    Provisional,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Phrase {
    #[serde(borrow)]
    pub words: Vec<&'static str>,
    /// The words' ids in the word table (see [`Language::word_id`]).
    pub ids: Vec<u32>,
    pub kind: PhraseKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub key: &'static str,
    pub speaks_for: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Predicate {
    pub class: &'static str,
    pub arg: Option<&'static str>,
    pub arg_required: bool,
    /// Claims are about what the predicate happens to (its object, or its subject in the
    /// passive): "police arrested the suspect" and "the suspect was not arrested" compare.
    pub patient: bool,
    /// A phase of the event its subject names: "began", "começou".
    pub aspectual: bool,
}

/// A compiled language. `build.rs` compiles the embedded languages and stores them in this
/// form (see [`crate::embedded`]), so every field must survive a serde round trip.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Language {
    pub code: &'static str,
    pub name: &'static str,
    /// Its other names, in lower case ([`LanguageMeta::names`]).
    pub names: Vec<&'static str>,
    pub decimal: char,
    pub group: char,
    /// Word → id, an index into `infos` (id 0 is the unknown word).
    words: FxHashMap<&'static str, u32>,
    infos: Vec<WordInfo>,
    /// Multi-word phrases by first word, while the files are compiled (then moved to
    /// `phrases_by_id`, so a compiled language stores them once).
    phrases: FxHashMap<&'static str, Vec<Phrase>>,
    /// The same lists by the id of the first word (empty for most words).
    phrases_by_id: Vec<Vec<Phrase>>,
    pub roles: Vec<Role>,
    pub predicates: Vec<Predicate>,
    /// Case-sensitive abbreviations that do not end a sentence ("Sr", "U.S").
    pub abbreviations: rustc_hash::FxHashSet<&'static str>,
    pub stopword_count: usize,
    /// Prefixes marking a former holder of a role ("ex-").
    pub former_prefixes: Vec<&'static str>,
    /// Noun phrases end with their head (English) rather than start with it (Portuguese).
    pub head_final: bool,
    /// See [`Grammar::null_subject`].
    pub null_subject: bool,
    /// See [`Grammar::negation_after_verb`].
    pub negation_after_verb: bool,
    /// See [`Grammar::any_speech_verb_takes_addressee`].
    pub any_speech_verb_takes_addressee: bool,
    pub adverb_suffixes: Vec<&'static str>,
    pub gerund_suffixes: Vec<&'static str>,
    /// Stemming suffixes, longest first, and the shortest stem.
    pub stem_suffixes: Vec<&'static str>,
    pub stem_min: usize,
    /// Words the contradiction checks read.
    pub contra: crate::checks::words::ContraWords,
    /// Small closed classes of words, by role.
    pub fw: FunctionWords,
}

impl Language {
    /// Look up a lower-case word.
    #[inline]
    pub fn word(&self, lower: &str) -> &WordInfo {
        &self.infos[self.word_id(lower) as usize]
    }

    /// The id of a lower-case word in the word table; 0 for a word the lexicon does not know.
    /// Look a document's words up once and keep the ids (as [`crate::grammar::Ctx`] does).
    #[inline]
    pub fn word_id(&self, lower: &str) -> u32 {
        self.words.get(lower).copied().unwrap_or(0)
    }

    /// What is known about the word with this id.
    #[inline]
    pub fn info(&self, id: u32) -> &WordInfo {
        &self.infos[id as usize]
    }

    /// Phrases whose first word has this id, longest first.
    #[inline]
    pub fn phrases_by_id(&self, id: u32) -> &[Phrase] {
        self.phrases_by_id
            .get(id as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The words that have a flag (in no particular order).
    pub fn words_with(&self, f: u64) -> impl Iterator<Item = &'static str> + '_ {
        self.words
            .iter()
            .filter(move |(_, id)| self.infos[**id as usize].has(f))
            .map(|(w, _)| *w)
    }

    pub fn knows(&self, lower: &str) -> bool {
        self.words.contains_key(lower)
    }

    /// Phrases that start with this lower-case word, longest first.
    #[inline]
    pub fn phrases(&self, lower: &str) -> &[Phrase] {
        self.phrases_by_id(self.word_id(lower))
    }

    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word) || self.word(&word.to_lowercase()).has(flag::ABBREVIATION)
    }

    pub fn role(&self, i: u16) -> &Role {
        &self.roles[i as usize]
    }

    pub fn predicate(&self, i: u16) -> &Predicate {
        &self.predicates[i as usize]
    }

    pub fn predicate_index(&self, class: &str) -> Option<u16> {
        self.predicates
            .iter()
            .position(|p| p.class == class)
            .map(|i| i as u16)
    }
}

fn leak(s: &str) -> &'static str {
    // Lexicons are loaded once per process and live as long as it does.
    Box::leak(s.to_string().into_boxed_str())
}

/// Merge several files of one language. `files` are (path, parsed file).
pub fn compile(files: &[(String, LexiconFile)]) -> Result<Language, RuleError> {
    let mut lang = Language {
        decimal: '.',
        group: ',',
        // id 0: the unknown word
        infos: vec![WordInfo::default()],
        ..Default::default()
    };
    let mut b = Builder {
        lang: &mut lang,
        interned: FxHashMap::default(),
    };
    for (_, f) in files {
        if let Some(m) = &f.language {
            b.lang.code = b.intern(&m.code);
            b.lang.name = b.intern(&m.name);
            b.lang.names = m
                .names
                .iter()
                .map(|n| b.intern(&n.to_lowercase()))
                .collect();
        }
    }
    for (path, f) in files {
        b.file(path, f)?;
    }
    let mut by_id: Vec<Vec<Phrase>> = vec![Vec::new(); lang.infos.len()];
    for (first, mut list) in std::mem::take(&mut lang.phrases) {
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        for p in list.iter_mut() {
            p.ids = p.words.iter().map(|w| lang.words[w]).collect();
        }
        by_id[lang.words[first] as usize] = list;
    }
    lang.phrases_by_id = by_id;
    lang.stem_suffixes
        .sort_by_key(|s| (std::cmp::Reverse(s.chars().count()), *s));
    if lang.stem_min == 0 {
        lang.stem_min = 4;
    }
    Ok(lang)
}

struct Builder<'a> {
    lang: &'a mut Language,
    interned: FxHashMap<String, &'static str>,
}

impl Builder<'_> {
    fn intern(&mut self, s: &str) -> &'static str {
        if let Some(v) = self.interned.get(s) {
            return v;
        }
        let v = leak(s);
        self.interned.insert(s.to_string(), v);
        v
    }

    fn entry(&mut self, w: &str) -> &mut WordInfo {
        let lower = w.to_lowercase();
        let key = self.intern(&lower);
        let next = self.lang.infos.len() as u32;
        let id = *self.lang.words.entry(key).or_insert(next);
        if id == next {
            self.lang.infos.push(WordInfo::default());
        }
        let e = &mut self.lang.infos[id as usize];
        e.flags |= flag::KNOWN;
        e
    }

    fn flag_all(&mut self, words: &[String], f: u64, phrase: Option<PhraseKind>) {
        for w in words {
            if w.contains(' ') {
                if let Some(k) = &phrase {
                    self.phrase(w, k.clone());
                }
            } else {
                self.entry(w).flags |= f;
            }
        }
    }

    fn phrase(&mut self, text: &str, kind: PhraseKind) {
        let lower = text.to_lowercase();
        let words: Vec<&'static str> = lower.split_whitespace().map(|w| self.intern(w)).collect();
        if words.is_empty() {
            return;
        }
        for w in &words {
            self.entry(w);
        }
        self.lang.phrases.entry(words[0]).or_default().push(Phrase {
            words,
            ids: Vec::new(),
            kind,
        });
    }

    fn file(&mut self, path: &str, f: &LexiconFile) -> Result<(), RuleError> {
        let _ = path;
        if let Some(d) = &f.detect {
            self.lang.stopword_count += d.stopwords.len();
            self.flag_all(&d.stopwords, flag::STOPWORD, None);
        }
        if let Some(n) = &f.numbers {
            if let Some(c) = n.decimal_separator {
                self.lang.decimal = c;
            }
            if let Some(c) = n.group_separator {
                self.lang.group = c;
            }
            for (w, v) in &n.words {
                self.entry(w).number = Some(*v);
            }
            for (w, v) in &n.scales {
                self.entry(w).scale = Some(*v);
            }
            for (w, a) in &n.approximators {
                if w.contains(' ') {
                    self.phrase(w, PhraseKind::Approx(*a));
                } else {
                    // single words are phrases of one word
                    self.phrase(w, PhraseKind::Approx(*a));
                }
            }
            for w in &n.updates {
                self.phrase(w, PhraseKind::Update);
            }
            self.flag_all(&n.range_openers, flag::RANGE_OPEN, None);
            self.flag_all(&n.range_joiners, flag::RANGE_JOIN, None);
            for w in &n.partitions {
                self.phrase(w, PhraseKind::Partition);
            }
            for (w, class) in &n.count_nouns {
                let class = self.intern(class);
                self.phrase(w, PhraseKind::CountNoun(class));
            }
            for w in &n.scope_determiners {
                self.phrase(w, PhraseKind::ScopeDeterminer);
            }
            for w in &n.rates {
                self.phrase(w, PhraseKind::Rate);
            }
            for w in &n.scopes {
                self.phrase(w, PhraseKind::Scope);
            }
            for w in &n.provisional {
                self.phrase(w, PhraseKind::Provisional);
            }
            self.flag_all(&n.qualifiers, flag::QUALIFIER, None);
            self.flag_all(&n.generic_nouns, flag::GENERIC_COUNT, None);
            self.flag_all(&n.durations, flag::DURATION, None);
            for (w, u) in &n.units {
                let u = self.intern(u);
                let e = self.entry(w);
                e.unit = Some(u);
                e.flags |= flag::UNIT;
            }
        }
        for a in &f.abbreviations {
            let a = a.trim_end_matches('.');
            let s = self.intern(a);
            self.lang.abbreviations.insert(s);
        }
        if let Some(t) = &f.time {
            for (i, forms) in t.weekdays.iter().enumerate() {
                for w in forms {
                    self.entry(w).weekday = Some(i as u8);
                }
            }
            for (i, forms) in t.weekdays_short.iter().enumerate() {
                for w in forms {
                    self.entry(w).weekday_short = Some(i as u8);
                }
            }
            for (i, forms) in t.months.iter().enumerate() {
                for w in forms {
                    self.entry(w.trim_end_matches('.')).month = Some(i as u8);
                }
            }
            for (w, d) in &t.relative_days {
                self.entry(w).relative_day = Some(*d);
            }
            self.flag_all(&t.day_parts, flag::DAY_PART, None);
            self.flag_all(&t.week_shifts, flag::WEEK_SHIFT, None);
            self.flag_all(&t.event_links, flag::EVENT_LINK, None);
            for w in &t.prepositions {
                if w.contains(' ') {
                    self.phrase(w, PhraseKind::TimePrep);
                } else {
                    self.entry(w).flags |= flag::TIME_PREP;
                }
            }
        }
        if let Some(g) = &f.grammar {
            self.flag_all(&g.determiners, flag::DETERMINER, None);
            self.flag_all(&g.possessives, flag::POSSESSIVE, None);
            self.flag_all(&g.never_names, flag::NEVER_NAME, None);
            self.flag_all(&g.linkers, flag::LINKER, None);
            self.flag_all(&g.name_particles, flag::PARTICLE, None);
            self.flag_all(&g.conjunctions, flag::CONJUNCTION, None);
            self.flag_all(&g.negators, flag::NEGATOR, Some(PhraseKind::Negator));
            self.flag_all(
                &g.continuity,
                flag::CONTINUITY,
                Some(PhraseKind::Continuity),
            );
            self.flag_all(&g.auxiliaries, flag::AUXILIARY, None);
            self.flag_all(
                &g.conditionals,
                flag::CONDITIONAL,
                Some(PhraseKind::Conditional),
            );
            self.flag_all(&g.modals, flag::MODAL, None);
            self.flag_all(&g.contrastives, flag::CONTRAST, None);
            self.flag_all(&g.locatives, flag::LOCATIVE, None);
            self.flag_all(&g.capital_words, flag::CAPITAL, None);
            self.flag_all(&g.country_words, flag::COUNTRY_WORD, None);
            self.flag_all(&g.event_nouns, flag::EVENT, None);
            self.flag_all(&g.relativizers, flag::RELATIVIZER, None);
            self.flag_all(&g.common_words, flag::COMMON, None);
            self.flag_all(&g.prepositions, flag::PREPOSITION, None);
            self.flag_all(&g.copulas, flag::COPULA, None);
            self.flag_all(&g.definite_contractions, flag::DEFINITE, None);
            self.flag_all(&g.passive_auxiliaries, flag::PASSIVE, None);
            self.flag_all(&g.indefinites, flag::INDEFINITE, None);
            self.flag_all(&g.possessive_relatives, flag::POSSESSIVE_RELATIVE, None);
            if let Some(h) = g.head_final {
                self.lang.head_final = h;
            }
            if let Some(v) = g.null_subject {
                self.lang.null_subject = v;
            }
            if let Some(v) = g.negation_after_verb {
                self.lang.negation_after_verb = v;
            }
            if let Some(v) = g.any_speech_verb_takes_addressee {
                self.lang.any_speech_verb_takes_addressee = v;
            }
            for s in &g.adverb_suffixes {
                let s = self.intern(s);
                self.lang.adverb_suffixes.push(s);
            }
            for s in &g.gerund_suffixes {
                let s = self.intern(s);
                self.lang.gerund_suffixes.push(s);
            }
            for (w, code) in &g.pronouns {
                let code = self.intern(code);
                self.entry(w).pronoun = Some(code);
            }
            for (w, code) in &g.anaphoric_possessives {
                let code = self.intern(code);
                let e = self.entry(w);
                e.possessive_of = Some(code);
                e.flags |= flag::POSSESSIVE;
            }
        }
        if let Some(a) = &f.attribution {
            self.flag_all(&a.complementizers, flag::COMPLEMENTIZER, None);
            for (w, k) in &a.speech_verbs {
                if w.contains(' ') {
                    self.phrase(w, PhraseKind::Speech(*k));
                } else {
                    self.entry(w).speech = Some(*k);
                }
            }
            for w in &a.according_to {
                self.phrase(w, PhraseKind::AccordingTo);
            }
            for w in &a.report_cues {
                self.phrase(w, PhraseKind::ReportCue);
            }
            self.flag_all(&a.hedges, flag::HEDGE, Some(PhraseKind::Hedge));
            for w in &a.media {
                self.phrase(w, PhraseKind::Medium);
            }
            self.flag_all(&a.addressee_prepositions, flag::ADDRESSEE_PREP, None);
            self.flag_all(&a.frame_adverbs, flag::FRAME_ADVERB, None);
            self.flag_all(&a.non_content_objects, flag::NON_CONTENT, None);
            self.flag_all(
                &a.connectives,
                flag::CONNECTIVE,
                Some(PhraseKind::Connective),
            );
            self.flag_all(
                &a.anonymous_sources,
                flag::ANON_SOURCE,
                Some(PhraseKind::AnonSource),
            );
        }
        for r in &f.roles {
            let key = self.intern(&r.key);
            let idx = match self.lang.roles.iter().position(|x| x.key == key) {
                Some(i) => i,
                None => {
                    self.lang.roles.push(Role {
                        key,
                        speaks_for: r.speaks_for,
                    });
                    self.lang.roles.len() - 1
                }
            } as u16;
            for w in &r.forms {
                let gender = if r.feminine.contains(w) {
                    Some('f')
                } else if r.masculine.contains(w) {
                    Some('m')
                } else {
                    None
                };
                let rr = RoleRef { role: idx, gender };
                if w.contains(' ') {
                    self.phrase(w, PhraseKind::Role(rr));
                } else {
                    self.entry(w).role = Some(rr);
                }
            }
        }
        for p in &f.predicates {
            let class = self.intern(&p.class);
            let arg = p.arg.as_deref().map(|a| self.intern(a));
            let idx =
                match self.lang.predicates.iter().position(|x| {
                    x.class == class && x.arg == arg && x.arg_required == p.arg_required
                }) {
                    Some(i) => i,
                    None => {
                        self.lang.predicates.push(Predicate {
                            class,
                            arg,
                            arg_required: p.arg_required,
                            patient: p.patient,
                            aspectual: p.aspectual,
                        });
                        self.lang.predicates.len() - 1
                    }
                } as u16;
            for w in &p.forms {
                if w.contains(' ') {
                    self.phrase(w, PhraseKind::Predicate(idx));
                } else {
                    let e = self.entry(w);
                    if !e.predicates.contains(&idx) {
                        e.predicates.push(idx);
                    }
                }
            }
            for w in &p.event_nouns {
                self.entry(w).event_noun_of = Some(idx);
            }
            for w in &p.after_auxiliary {
                let e = self.entry(w);
                if !e.predicates_after_aux.contains(&idx) {
                    e.predicates_after_aux.push(idx);
                }
            }
            for w in &p.nouns {
                let e = self.entry(w);
                if !e.predicate_nouns.contains(&idx) {
                    e.predicate_nouns.push(idx);
                }
            }
        }
        if let Some(st) = &f.stemming {
            for suf in &st.suffixes {
                let suf = self.intern(&suf.to_lowercase());
                if !self.lang.stem_suffixes.contains(&suf) {
                    self.lang.stem_suffixes.push(suf);
                }
            }
            if let Some(m) = st.min_stem {
                self.lang.stem_min = m;
            }
        }
        if let Some(c) = &f.contradictions {
            self.lang.contra.merge(c);
        }
        if let Some(fw) = &f.function_words {
            self.lang.fw.merge(fw);
        }
        if let Some(e) = &f.entities {
            self.flag_all(&e.org_heads, flag::ORG_HEAD, None);
            self.flag_all(&e.former, flag::FORMER, None);
            for p in &e.former_prefixes {
                let p = self.intern(&p.to_lowercase());
                if !self.lang.former_prefixes.contains(&p) {
                    self.lang.former_prefixes.push(p);
                }
            }
            self.flag_all(&e.acting, flag::ACTING, Some(PhraseKind::Acting));
            for (w, g) in &e.titles {
                let g = self.intern(g);
                let e = self.entry(w.trim_end_matches('.'));
                e.title_gender = Some(g);
            }
        }
        Ok(())
    }
}
