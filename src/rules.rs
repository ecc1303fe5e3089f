//! Rule files (`rules/checks/*.toml`) and the loading of all language data.
//!
//! A rule file instantiates one Rust check kind with its parameters, message, severity and
//! examples. Every file under `rules/` is embedded at build time; extra directories add to it.
//!
//! This file is also compiled into `build.rs`, which loads and validates the embedded rules
//! with it: it may use only the data modules (`error`, `findings`, `gazetteer`, `lexicon`,
//! `checks::words`, `names`, `acronyms`). What needs the compiled tables is in
//! [`crate::embedded`].

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use serde::{Deserialize, Serialize};

use crate::acronyms::{Acronyms, AcronymsFile};
use crate::error::{RuleError, line_col};
use crate::findings::{Category, Severity};
use crate::gazetteer::Gazetteer;
use crate::lexicon::{Language, LexiconFile, compile};
use crate::names::{NameRules, NamesFile};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Stable,
    Preview,
    Deprecated,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub lang: String,
    /// The rule id expected to fire, or "none".
    pub expect: String,
    pub text: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// One rule, as written in its file.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub category: Category,
    pub status: Status,
    pub severity: Severity,
    pub languages: Vec<String>,
    pub message: String,
    pub what: String,
    pub why: String,
    #[serde(default, with = "params")]
    pub params: BTreeMap<String, toml::Value>,
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Where the rule came from (filled in on load).
    #[serde(skip)]
    pub file: String,
}

impl RuleSpec {
    pub fn param_str(&self, key: &str) -> Option<&str> {
        self.params.get(key).and_then(|v| v.as_str())
    }
    /// A list of strings (`predicates = ["die", "begin"]`); None when the key is absent.
    pub fn param_strs(&self, key: &str) -> Option<Vec<&str>> {
        self.params
            .get(key)
            .and_then(|v| v.as_array())
            .map(|v| v.iter().filter_map(|x| x.as_str()).collect())
    }
    pub fn param_f64(&self, key: &str) -> Option<f64> {
        self.params
            .get(key)
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
    }
}

/// A rule's `params` in a rule file (TOML) or in the build-time compiled rules ([`Compiled`]).
/// `toml::Value` can only be read from a self-describing format, so the compiled form (not
/// human-readable) stores each value as a [`Param`].
mod params {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// A `toml::Value` that any serde format can carry.
    #[derive(Serialize, Deserialize)]
    enum Param {
        String(String),
        Integer(i64),
        Float(f64),
        Boolean(bool),
        Datetime(String),
        Array(Vec<Param>),
        Table(Vec<(String, Param)>),
    }

    fn to_param(v: &toml::Value) -> Param {
        match v {
            toml::Value::String(s) => Param::String(s.clone()),
            toml::Value::Integer(i) => Param::Integer(*i),
            toml::Value::Float(f) => Param::Float(*f),
            toml::Value::Boolean(b) => Param::Boolean(*b),
            toml::Value::Datetime(d) => Param::Datetime(d.to_string()),
            toml::Value::Array(a) => Param::Array(a.iter().map(to_param).collect()),
            toml::Value::Table(t) => {
                Param::Table(t.iter().map(|(k, v)| (k.clone(), to_param(v))).collect())
            }
        }
    }

    fn to_value(p: Param) -> Result<toml::Value, String> {
        Ok(match p {
            Param::String(s) => toml::Value::String(s),
            Param::Integer(i) => toml::Value::Integer(i),
            Param::Float(f) => toml::Value::Float(f),
            Param::Boolean(b) => toml::Value::Boolean(b),
            Param::Datetime(d) => toml::Value::Datetime(d.parse().map_err(|e| format!("{e}"))?),
            Param::Array(a) => {
                toml::Value::Array(a.into_iter().map(to_value).collect::<Result<_, _>>()?)
            }
            Param::Table(t) => {
                let mut m = toml::map::Map::new();
                for (k, v) in t {
                    m.insert(k, to_value(v)?);
                }
                toml::Value::Table(m)
            }
        })
    }

    pub fn serialize<S: Serializer>(
        v: &BTreeMap<String, toml::Value>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            v.serialize(s)
        } else {
            let p: Vec<(&String, Param)> = v.iter().map(|(k, v)| (k, to_param(v))).collect();
            p.serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, toml::Value>, D::Error> {
        if d.is_human_readable() {
            BTreeMap::deserialize(d)
        } else {
            Vec::<(String, Param)>::deserialize(d)?
                .into_iter()
                .map(|(k, p)| Ok((k, to_value(p).map_err(serde::de::Error::custom)?)))
                .collect()
        }
    }
}

/// The embedded rules as `build.rs` compiles them (everything but the gazetteer, whose tables
/// are generated as Rust source): languages, name rules, acronyms and check rules, loaded and
/// validated. Stored with postcard; see [`crate::embedded`].
#[derive(Serialize, Deserialize)]
pub struct Compiled {
    /// Languages borrow their words from the compiled bytes, which live as long as the program.
    #[serde(bound(deserialize = "'de: 'static"))]
    pub languages: Languages,
    pub names: NameRules,
    pub acronyms: Acronyms,
    pub rules: Vec<RuleSpec>,
    /// Each rule's file (not part of a rule's serde form).
    pub rule_files: Vec<String>,
}

impl Compiled {
    /// Split a loaded rule set into its compiled form and its gazetteer.
    pub fn from_set(set: RuleSet) -> (Compiled, Gazetteer) {
        let rule_files = set.rules.iter().map(|r| r.file.clone()).collect();
        (
            Compiled {
                languages: set.languages,
                names: set.names,
                acronyms: set.acronyms,
                rules: set.rules,
                rule_files,
            },
            set.gazetteer,
        )
    }

    /// The rule set again, with its gazetteer.
    pub fn into_set(self, gazetteer: Gazetteer) -> RuleSet {
        let mut rules = self.rules;
        for (r, f) in rules.iter_mut().zip(self.rule_files) {
            r.file = f;
        }
        RuleSet {
            languages: self.languages,
            gazetteer,
            names: self.names,
            acronyms: self.acronyms,
            rules,
        }
    }
}

/// Every check kind crosscheck implements, with the parameters and placeholders each accepts.
pub const KINDS: &[(&str, &[&str], &[&str])] = &[
    (
        "place",
        &["mode"],
        &[
            "subject", "place_a", "place_b", "source_a", "source_b", "day_a", "day_b", "claim_a",
            "claim_b",
        ],
    ),
    (
        "number",
        &[],
        &[
            "subject", "what", "value_a", "value_b", "source_a", "source_b", "claim_a", "claim_b",
        ],
    ),
    (
        "polarity",
        &[],
        &[
            "subject",
            "predicate",
            "source_a",
            "source_b",
            "claim_a",
            "claim_b",
            "says_a",
            "says_b",
        ],
    ),
    (
        "time",
        &["predicates"],
        &[
            "subject",
            "predicate",
            "day_a",
            "day_b",
            "source_a",
            "source_b",
            "claim_a",
            "claim_b",
        ],
    ),
    (
        "name-drift",
        &[],
        &[
            "entity",
            "variant",
            "variant_count",
            "preferred",
            "preferred_count",
            "spellings",
            "why_preferred",
        ],
    ),
    (
        "acronym",
        &["mode"],
        &[
            "acronym",
            "expansion",
            "other",
            "other_expansion",
            "count",
            "hint",
        ],
    ),
    (
        "place-confusion",
        &["agent_cues"],
        &["place", "country", "entity", "context"],
    ),
    (
        "sourcing",
        &[
            "mode",
            "hearsay",
            "hearsay_before_participle",
            "legal_hedges",
            "participle_endings",
            "title_cues",
            "min_words",
            "silent_predicates",
        ],
        &["claim", "cue", "claim_a", "claim_b", "source_a", "quote"],
    ),
    // CC106–CC199: the contradiction-category extensions (src/checks/{state,role,quantity,
    // date,quote,certainty}.rs).
    (
        "state",
        &["dimensions", "states", "beaten-pole", "object-holds"],
        &[
            "subject",
            "dimension",
            "state_a",
            "state_b",
            "source_a",
            "source_b",
            "claim_a",
            "claim_b",
        ],
    ),
    ("role", &["mode", "pairs"], &["subject", "role_a", "role_b"]),
    (
        "quantity",
        &["mode", "min-amount"],
        &[
            "subject",
            "value_a",
            "value_b",
            "currency_a",
            "currency_b",
            "total",
            "parts",
            "sum",
            "shares",
            "stated",
            "difference",
            "noun",
        ],
    ),
    (
        "date",
        &["mode", "predicates"],
        &[
            "date",
            "written",
            "weekday_written",
            "weekday_actual",
            "relative",
            "meant",
            "effect_day",
            "cause_day",
            "connective",
            "event",
            "day_a",
            "day_b",
        ],
    ),
    (
        "quote",
        &["mode", "min-words", "min-shared", "min-overlap"],
        &[
            "quote", "source_a", "source_b", "subject", "quote_a", "quote_b",
        ],
    ),
    (
        "certainty",
        &[],
        &["subject", "predicate", "source", "claim_a", "claim_b"],
    ),
];

/// The languages of a rule set, in code order. The embedded ones are stored compiled and
/// decoded on first use: a draft needs only its own language, and detecting it reads only the
/// stop words.
#[derive(Debug, Default)]
pub struct Languages {
    list: Vec<LanguageSlot>,
}

#[derive(Debug)]
struct LanguageSlot {
    code: &'static str,
    /// Its other names ([`Language::names`]).
    names: Vec<&'static str>,
    /// The words flagged as stop words (what detection counts).
    stopwords: FxHashSet<&'static str>,
    /// The language in postcard, when it is still to be decoded.
    compiled: &'static [u8],
    lang: OnceLock<Language>,
}

impl Languages {
    /// Languages compiled from their files.
    pub fn loaded(langs: Vec<Language>) -> Languages {
        let list = langs
            .into_iter()
            .map(|l| LanguageSlot {
                code: l.code,
                names: l.names.clone(),
                stopwords: l.words_with(crate::lexicon::flag::STOPWORD).collect(),
                compiled: &[],
                lang: OnceLock::from(l),
            })
            .collect();
        Languages { list }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The language codes, without decoding any language.
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.list.iter().map(|s| s.code)
    }

    /// The index of a language code.
    pub fn position(&self, code: &str) -> Option<usize> {
        self.list.iter().position(|s| s.code == code)
    }

    /// The index of the language a draft or the command line names: its code, with or without
    /// a region ("pt", "pt-BR", "pt_PT"), or one of its names ("Portuguese", "português").
    pub fn named(&self, name: &str) -> Option<usize> {
        let l = name.trim().to_lowercase();
        if let Some(i) = self.list.iter().position(|s| s.names.contains(&l.as_str())) {
            return Some(i);
        }
        self.position(l.split(['-', '_']).next().unwrap_or(""))
    }

    /// The language at an index (decoded on first use).
    pub fn get(&self, i: usize) -> Option<&Language> {
        let s = self.list.get(i)?;
        Some(s.lang.get_or_init(|| {
            postcard::from_bytes(s.compiled)
                .unwrap_or_else(|e| panic!("language {} compiled by build.rs: {e}", s.code))
        }))
    }

    /// Every language (all decoded).
    pub fn iter(&self) -> impl Iterator<Item = &Language> + '_ {
        (0..self.list.len()).filter_map(|i| self.get(i))
    }

    /// Is this lower-case word a stop word of the language at index `i`?
    #[inline]
    pub fn is_stopword(&self, i: usize, lower: &str) -> bool {
        self.list[i].stopwords.contains(lower)
    }
}

/// In the compiled rules, each language is (code, other names, stop words, the language in
/// postcard), so that it can be decoded on its own when a draft needs it.
impl Serialize for Languages {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut list = Vec::with_capacity(self.list.len());
        for (i, slot) in self.list.iter().enumerate() {
            let lang = self.get(i).expect("a language at every index");
            let bytes = postcard::to_stdvec(lang).map_err(serde::ser::Error::custom)?;
            let mut stop: Vec<&str> = slot.stopwords.iter().copied().collect();
            stop.sort_unstable();
            list.push((slot.code, &slot.names, stop, bytes));
        }
        list.serialize(s)
    }
}

impl<'de: 'static> Deserialize<'de> for Languages {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        type Slot = (
            &'static str,
            Vec<&'static str>,
            Vec<&'static str>,
            &'static [u8],
        );
        let list: Vec<Slot> = Deserialize::deserialize(d)?;
        Ok(Languages {
            list: list
                .into_iter()
                .map(|(code, names, stop, compiled)| LanguageSlot {
                    code,
                    names,
                    stopwords: stop.into_iter().collect(),
                    compiled,
                    lang: OnceLock::new(),
                })
                .collect(),
        })
    }
}

/// Everything loaded: languages, places, name rules and check rules.
pub struct RuleSet {
    pub languages: Languages,
    pub gazetteer: Gazetteer,
    pub names: NameRules,
    /// Well-known acronyms and bodies (`rules/acronyms.toml`).
    pub acronyms: Acronyms,
    pub rules: Vec<RuleSpec>,
}

impl RuleSet {
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.get(self.languages.position(code)?)
    }

    pub fn rule(&self, id: &str) -> Option<&RuleSpec> {
        self.rules.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }

    /// Build from (path, contents). Paths decide the role of each file:
    /// `…/lang/<code>/*.toml`, `…/gazetteer/*.tsv`, `…/names.toml`, `…/checks/*.toml`.
    pub fn from_files(files: Vec<(String, String)>) -> Result<RuleSet, RuleError> {
        let mut lang_files: BTreeMap<String, Vec<(String, LexiconFile)>> = BTreeMap::new();
        let mut gaz_files = Vec::new();
        let mut names = NameRules::default();
        let mut acronyms = Acronyms::default();
        let mut rules: Vec<RuleSpec> = Vec::new();
        for (path, text) in files {
            if let Some(code) = lang_dir(&path) {
                let f: LexiconFile = parse_toml(&path, &text)?;
                lang_files.entry(code).or_default().push((path, f));
            } else if path.contains("/gazetteer/") && path.ends_with(".tsv") {
                gaz_files.push((path, text));
            } else if path.ends_with("names.toml") {
                let f: NamesFile = parse_toml(&path, &text)?;
                if let Some(n) = f.names {
                    names.merge(n);
                }
            } else if path.ends_with("acronyms.toml") {
                let f: AcronymsFile = parse_toml(&path, &text)?;
                acronyms.add(f);
            } else if path.contains("/checks/") && path.ends_with(".toml") {
                let mut r: RuleSpec = parse_toml(&path, &text)?;
                r.file = path.clone();
                validate(&r, &text)?;
                if let Some(prev) = rules.iter().find(|x| x.id == r.id) {
                    let (line, column) = find_pos(&text, "id");
                    return Err(RuleError::Invalid {
                        file: path,
                        line,
                        column,
                        id: r.id.clone(),
                        message: format!("duplicate rule id (also in {})", prev.file),
                    });
                }
                rules.push(r);
            }
        }
        let mut languages = Vec::new();
        for (_, files) in lang_files {
            languages.push(compile(&files)?);
        }
        let languages = Languages::loaded(languages);
        let gazetteer = Gazetteer::load(&gaz_files)?;
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(RuleSet {
            languages,
            gazetteer,
            names,
            acronyms,
            rules,
        })
    }
}

/// Every `.toml` and `.tsv` file under `dir`, sorted, recursively.
pub fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "tsv")) {
            out.push(p);
        }
    }
    Ok(())
}

/// `rules/lang/pt/grammar.toml` → "pt".
fn lang_dir(path: &str) -> Option<String> {
    let i = path.find("lang/")?;
    let rest = &path[i + 5..];
    let (code, file) = rest.split_once('/')?;
    (file.ends_with(".toml") && !code.is_empty()).then(|| code.to_string())
}

/// Parse TOML with errors as file:line:column.
pub fn parse_toml<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, RuleError> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        RuleError::Syntax {
            file: path.to_string(),
            line,
            column,
            message: e.message().to_string(),
        }
    })
}

/// Position of `key = …` in a TOML text (for errors about a field).
pub fn find_pos(text: &str, key: &str) -> (usize, usize) {
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(key) && t[key.len()..].trim_start().starts_with('=') {
            return line_col(text, off + (line.len() - t.len()));
        }
        off += line.len();
    }
    (1, 1)
}

fn validate(r: &RuleSpec, text: &str) -> Result<(), RuleError> {
    let err = |key: &str, message: String| {
        let (line, column) = find_pos(text, key);
        RuleError::Invalid {
            file: r.file.clone(),
            line,
            column,
            id: r.id.clone(),
            message,
        }
    };
    let valid_id =
        r.id.len() == 5 && r.id.starts_with("CC") && r.id[2..].bytes().all(|b| b.is_ascii_digit());
    if !valid_id {
        return Err(err(
            "id",
            format!("rule id {:?} must look like CC101", r.id),
        ));
    }
    let Some((_, params, placeholders)) = KINDS.iter().find(|(k, _, _)| *k == r.kind) else {
        let known: Vec<&str> = KINDS.iter().map(|(k, _, _)| *k).collect();
        return Err(err(
            "kind",
            format!(
                "unknown check kind {:?} (known: {})",
                r.kind,
                known.join(", ")
            ),
        ));
    };
    for p in r.params.keys() {
        if !params.contains(&p.as_str()) {
            return Err(err(
                p,
                format!("unknown parameter {p:?} for kind {}", r.kind),
            ));
        }
    }
    // placeholders in the message must be ones the kind fills
    let mut rest = r.message.as_str();
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else {
            return Err(err("message", "unclosed '{' in message".into()));
        };
        let name = &rest[i + 1..i + j];
        if !placeholders.contains(&name) {
            return Err(err(
                "message",
                format!(
                    "unknown placeholder {{{name}}} (kind {} offers: {})",
                    r.kind,
                    placeholders.join(", ")
                ),
            ));
        }
        rest = &rest[i + j + 1..];
    }
    if !r.examples.iter().any(|e| e.expect == r.id) {
        return Err(err(
            "id",
            "needs at least one example with expect = its own id".into(),
        ));
    }
    if !r.examples.iter().any(|e| e.expect == "none") {
        return Err(err(
            "id",
            "needs at least one example with expect = \"none\"".into(),
        ));
    }
    for l in &r.languages {
        if !r.examples.iter().any(|e| &e.lang == l && e.expect == r.id) {
            return Err(err("languages", format!("no must-flag example in {l:?}")));
        }
        if !r
            .examples
            .iter()
            .any(|e| &e.lang == l && e.expect == "none")
        {
            return Err(err(
                "languages",
                format!("no must-not-flag example in {l:?}"),
            ));
        }
    }
    for e in &r.examples {
        if e.expect != r.id && e.expect != "none" {
            return Err(err(
                "expect",
                format!(
                    "example expects {:?}: must be {:?} or \"none\"",
                    e.expect, r.id
                ),
            ));
        }
    }
    Ok(())
}

/// Fill `{placeholder}`s.
pub fn render_message(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('}') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let name = &rest[i + 1..i + j];
        match values.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(v),
            None => out.push('?'),
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}
