//! Acronym knowledge (`rules/acronyms.toml`) and the test of whether an acronym's letters fit
//! its expansion.
//!
//! The data lists well-known bodies with their names and acronyms per language (UN / ONU,
//! CSTO / OTSC / ODKB), acronyms readers know without a definition (CEO, PIB), the words that
//! introduce an acronym without brackets ("known by its initials", "sigla"), and the connecting
//! words an acronym may skip ("of", "dos").
//!
//! This file is also compiled into `build.rs` (which loads the rules at build time): it may
//! use only `crate::names`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::names::{fold, fold_cow};

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AcronymsFile {
    /// Names of languages by code, for messages: "ru" = "Russian".
    #[serde(default)]
    pub languages: BTreeMap<String, String>,
    /// Connecting words an acronym may skip or use: "of", "the", "dos", "para".
    #[serde(default)]
    pub connectors: Vec<String>,
    /// Acronyms used as common nouns, known to readers: "CEO", "PIB".
    #[serde(default)]
    pub common: BTreeMap<String, Vec<String>>,
    /// Words shortly before an acronym that introduce it without brackets, per language.
    #[serde(default)]
    pub introducers: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub body: Vec<Body>,
    /// Portuguese institutional words with their English equivalents ("comissão" = ["commission"]).
    #[serde(default)]
    pub glossary: BTreeMap<String, Vec<String>>,
}

/// A well-known body.
#[derive(Debug, Default, Deserialize, Clone, PartialEq, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Body {
    /// Names by language code.
    #[serde(default)]
    pub names: BTreeMap<String, Vec<String>>,
    /// Acronyms by language code.
    #[serde(default)]
    pub acronyms: BTreeMap<String, Vec<String>>,
    /// Readers know it without a definition (UN, NATO).
    #[serde(default)]
    pub common: bool,
    /// A short description for messages.
    #[serde(default)]
    pub what: Option<String>,
}

/// The loaded, indexed acronym knowledge.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acronyms {
    pub bodies: Vec<Body>,
    languages: BTreeMap<String, String>,
    // looked up for every word of a draft: hashed, not a tree
    connectors: rustc_hash::FxHashSet<String>,
    /// The longest folded connector, in bytes: a longer word is no connector (no look-up).
    connector_len: usize,
    common: BTreeSet<String>,
    introducers: BTreeMap<String, Vec<Vec<String>>>,
    by_acronym: BTreeMap<String, Vec<usize>>,
    by_name: BTreeMap<String, usize>,
    /// Folded word → folded translations, both ways.
    translations: BTreeMap<String, Vec<String>>,
}

impl Acronyms {
    /// Merge one file into the knowledge (files add to each other).
    pub fn add(&mut self, f: AcronymsFile) {
        self.languages.extend(f.languages);
        self.connectors.extend(f.connectors.iter().map(|w| fold(w)));
        self.connector_len = self.connectors.iter().map(String::len).max().unwrap_or(0);
        for list in f.common.into_values() {
            self.common.extend(list);
        }
        for (lang, list) in f.introducers {
            let e = self.introducers.entry(lang).or_default();
            for phrase in list {
                e.push(phrase.split_whitespace().map(fold).collect());
            }
        }
        for (word, list) in f.glossary {
            let w = fold(&word);
            for t in list {
                let t = fold(&t);
                let e = self.translations.entry(w.clone()).or_default();
                if !e.contains(&t) {
                    e.push(t.clone());
                }
                let e = self.translations.entry(t).or_default();
                if !e.contains(&w) {
                    e.push(w.clone());
                }
            }
        }
        for b in f.body {
            let id = self.bodies.len();
            for list in b.acronyms.values() {
                for a in list {
                    let v = self.by_acronym.entry(a.clone()).or_default();
                    if !v.contains(&id) {
                        v.push(id);
                    }
                }
            }
            self.bodies.push(b);
        }
        // names are normalised with every connector known so far
        self.by_name.clear();
        for (id, b) in self.bodies.iter().enumerate() {
            for list in b.names.values() {
                for n in list {
                    self.by_name.entry(self.normalise(n)).or_insert(id);
                }
            }
        }
    }

    /// A name reduced for comparison: folded, connectors and punctuation dropped.
    pub fn normalise(&self, name: &str) -> String {
        let mut out = String::new();
        for w in name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let f = fold_cow(w);
            if self.is_folded_connector(&f) {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&f);
        }
        out
    }

    pub fn is_connector(&self, word: &str) -> bool {
        // folding gives at least one character (of at least a byte) for each character, and
        // keeps an ASCII word's length: a word of more characters than the longest connector
        // has bytes is none, unfolded
        if word.len() > self.connector_len
            && (word.is_ascii() || word.chars().count() > self.connector_len)
        {
            return false;
        }
        self.is_folded_connector(&fold_cow(word))
    }

    /// [`Acronyms::is_connector`] of a word already folded.
    #[inline]
    pub fn is_folded_connector(&self, folded: &str) -> bool {
        folded.len() <= self.connector_len && self.connectors.contains(folded)
    }

    /// Known to readers without a definition: a common-noun acronym or a common body.
    pub fn is_common(&self, acronym: &str) -> bool {
        self.common.contains(acronym)
            || self
                .bodies_of(acronym)
                .iter()
                .any(|&b| self.bodies[b].common)
    }

    /// Bodies an acronym is known for (an acronym can stand for several).
    pub fn bodies_of(&self, acronym: &str) -> &[usize] {
        self.by_acronym
            .get(acronym)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// The body a name belongs to.
    pub fn body_named(&self, name: &str) -> Option<usize> {
        self.by_name.get(&self.normalise(name)).copied()
    }

    /// The language code under which a body lists an acronym.
    pub fn acronym_lang(&self, body: usize, acronym: &str) -> Option<&str> {
        self.bodies[body]
            .acronyms
            .iter()
            .find(|(_, l)| l.iter().any(|a| a == acronym))
            .map(|(k, _)| k.as_str())
    }

    /// "Russian" for "ru"; the code itself when unknown.
    pub fn language_name<'s>(&'s self, code: &'s str) -> &'s str {
        self.languages.get(code).map(|s| s.as_str()).unwrap_or(code)
    }

    /// A body's name in a language (else English, else any).
    pub fn name_in(&self, body: usize, lang: &str) -> Option<&str> {
        let b = &self.bodies[body];
        b.names
            .get(lang)
            .or_else(|| b.names.get("en"))
            .or_else(|| b.names.values().next())
            .and_then(|v| v.first())
            .map(|s| s.as_str())
    }

    /// A body's acronym in a language, if it has one.
    pub fn acronym_in(&self, body: usize, lang: &str) -> Option<&str> {
        self.bodies[body]
            .acronyms
            .get(lang)
            .and_then(|v| v.first())
            .map(|s| s.as_str())
    }

    /// Do the acronym's letters fit the expansion once its words are translated (the glossary)?
    /// Each word that is not a connector gives its initial, in any order: word order differs
    /// between the languages ("Comissão Eleitoral Independente e de Fronteiras" → IEBC).
    pub fn fits_translated(&self, acronym: &str, words: &[(String, bool)]) -> bool {
        let mut need: BTreeMap<char, usize> = BTreeMap::new();
        for c in fold(acronym).chars().filter(|c| c.is_alphabetic()) {
            *need.entry(c).or_default() += 1;
        }
        let mut translated = 0;
        let options: Vec<Vec<char>> = words
            .iter()
            .filter(|(_, conn)| !conn)
            .map(|(w, _)| {
                let f = fold(w);
                // a translated word gives only its translations' initials: the word's own
                // initial in another order would accept a scrambled acronym (CLPP)
                let v: Vec<char> = match self.translations.get(&f) {
                    Some(ts) => {
                        translated += 1;
                        ts.iter().filter_map(|t| t.chars().next()).collect()
                    }
                    None => f.chars().next().into_iter().collect(),
                };
                let mut v = v;
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        // most words must be translated: otherwise this is the same language in another order
        if translated * 3 < options.len() * 2
            || options.len() != need.values().sum::<usize>()
            || options.len() > 12
        {
            return false;
        }
        fn assign(i: usize, options: &[Vec<char>], need: &mut BTreeMap<char, usize>) -> bool {
            if i == options.len() {
                return need.values().all(|&n| n == 0);
            }
            for &c in &options[i] {
                if let Some(n) = need.get_mut(&c)
                    && *n > 0
                {
                    *n -= 1;
                    let ok = assign(i + 1, options, need);
                    *need.get_mut(&c).unwrap() += 1;
                    if ok {
                        return true;
                    }
                }
            }
            false
        }
        assign(0, &options, &mut need)
    }

    /// Introducer phrases of a language, each as folded words.
    pub fn introducers(&self, lang: &str) -> &[Vec<String>] {
        self.introducers
            .get(lang)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }
}

/// Do the letters of `acronym` fit `words`, in this order? The first letter must open the first
/// word that is not a connector; each later letter opens a later word, or continues the same
/// word's opening (up to three letters of a word: "Interpol"-style blends are not tried).
/// Words may be skipped, connectors may give a letter ("CEDEAO": Comunidade Económica *dos*
/// Estados …).
pub fn fits(acronym: &str, words: &[(String, bool)]) -> bool {
    let letters: Vec<char> = fold(acronym)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    let Some(first) = words.iter().position(|(_, conn)| !conn) else {
        return false;
    };
    let words: Vec<Vec<char>> = words[first..]
        .iter()
        .map(|(w, _)| fold(w).chars().collect())
        .collect();
    if letters.is_empty() || words.is_empty() {
        return false;
    }
    // reachable[i][j]: the first i letters are used up by the first j words
    let (m, n) = (letters.len(), words.len());
    let mut reach = vec![vec![false; n + 1]; m + 1];
    // the first word must give the first letter
    for k in 1..=3.min(words[0].len()).min(m) {
        if words[0][..k] == letters[..k] {
            reach[k][1] = true;
        }
    }
    for j in 1..n {
        for i in 1..=m {
            if !reach[i][j] {
                continue;
            }
            // skip word j
            reach[i][j + 1] = true;
            // take 1..=3 leading letters of word j
            for k in 1..=3.min(words[j].len()).min(m - i) {
                if words[j][..k] == letters[i..i + k] {
                    reach[i + k][j + 1] = true;
                }
            }
        }
    }
    (1..=n).any(|j| reach[m][j])
}

/// [`fits`], with every word that is not a connector giving at least one letter, and no word
/// left over at the end: how an acronym spelled out in running text must look
/// ("iodine deficiency disorders" … IDD).
pub fn fits_strictly(acronym: &str, words: &[(String, bool)]) -> bool {
    let letters: Vec<char> = fold(acronym)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    let mut fit = StrictFit::new(&letters);
    words.iter().all(|(w, conn)| fit.push(&fold(w), *conn)) && fit.complete()
}

/// The strict fit ([`fits_strictly`]) grown one word at a time, so a run of words can be
/// tested as it gets longer: after each word, which first letters of the acronym the words so
/// far (from the first that is not a connector) use up exactly.
pub struct StrictFit<'l> {
    letters: &'l [char],
    /// `col[i]`: the first `i` letters are used up (empty before the first word that counts).
    col: Vec<bool>,
    next: Vec<bool>,
}

impl<'l> StrictFit<'l> {
    pub fn new(letters: &'l [char]) -> Self {
        StrictFit {
            letters,
            col: Vec::new(),
            next: vec![false; letters.len() + 1],
        }
    }

    /// Add the next word, folded; `conn` when it is a connector (it may give no letter).
    /// Returns false once no longer run of words can fit.
    pub fn push(&mut self, folded: &str, conn: bool) -> bool {
        let m = self.letters.len();
        if m == 0 {
            return false;
        }
        let mut head = ['\0'; 3];
        let mut hl = 0;
        for c in folded.chars().take(3) {
            head[hl] = c;
            hl += 1;
        }
        let letters = self.letters;
        if self.col.is_empty() {
            if conn {
                return true;
            }
            // the first word must give the first letter
            self.col = vec![false; m + 1];
            for l in 1..=hl.min(m) {
                if head[..l] == letters[..l] {
                    self.col[l] = true;
                }
            }
        } else {
            self.next.iter_mut().for_each(|v| *v = false);
            for i in 1..=m {
                if !self.col[i] {
                    continue;
                }
                if conn {
                    self.next[i] = true;
                }
                // take 1..=3 leading letters of the word
                for l in 1..=hl.min(m - i) {
                    if head[..l] == letters[i..i + l] {
                        self.next[i + l] = true;
                    }
                }
            }
            std::mem::swap(&mut self.col, &mut self.next);
        }
        self.col.contains(&true)
    }

    /// The words so far give exactly the acronym's letters.
    pub fn complete(&self) -> bool {
        self.col.last() == Some(&true)
    }
}

/// Is `s` a Roman numeral (II, XVII)?
pub fn roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "IVXLCDM".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str, conn: &[&str]) -> Vec<(String, bool)> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(|w| (w.to_string(), conn.contains(&w.to_lowercase().as_str())))
            .collect()
    }

    const CONN: &[&str] = &[
        "de", "da", "do", "dos", "das", "of", "the", "for", "and", "para", "as", "e",
    ];

    #[test]
    fn letters_that_fit() {
        for (a, e) in [
            ("NATO", "North Atlantic Treaty Organization"),
            (
                "CEDEAO",
                "Comunidade Económica dos Estados da África Ocidental",
            ),
            ("CPLP", "Comunidade dos Países de Língua Portuguesa"),
            ("OIM", "Organização Internacional para as Migrações"),
            ("MST", "Movimento dos Trabalhadores Rurais Sem Terra"),
            (
                "ODIHR",
                "Office for Democratic Institutions and Human Rights",
            ),
            ("NASA", "National Aeronautics and Space Administration"),
            ("IDD", "iodine deficiency disorders"),
        ] {
            assert!(fits(a, &words(e, CONN)), "{a} / {e}");
        }
    }

    #[test]
    fn letters_that_do_not_fit() {
        for (a, e) in [
            ("CSC", "Conselho de Segurança Nacional"),
            ("CLPP", "Comunidade dos Países de Língua Portuguesa"),
            ("ODKB", "Acordo de Segurança Conjunta"),
            ("DWB", "Médecins Sans Frontières"),
        ] {
            assert!(!fits(a, &words(e, CONN)), "{a} / {e}");
        }
    }

    #[test]
    fn strict_fit_in_running_text() {
        assert!(fits_strictly(
            "IDD",
            &words("iodine deficiency disorders", CONN)
        ));
        assert!(!fits_strictly(
            "IDD",
            &words("iodine deficiency in many disorders", CONN)
        ));
        assert!(fits_strictly(
            "CPLP",
            &words("Comunidade dos Países de Língua Portuguesa", CONN)
        ));
    }

    #[test]
    fn translated_names() {
        let mut k = Acronyms::default();
        k.add(toml::from_str(include_str!("../rules/acronyms.toml")).unwrap());
        let w = |s: &str| words(s, CONN);
        assert!(k.fits_translated(
            "IEBC",
            &w("Comissão Eleitoral Independente e de Fronteiras")
        ));
        assert!(k.fits_translated("NSC", &w("Conselho de Segurança Nacional")));
        assert!(!k.fits_translated("CSC", &w("Conselho de Segurança Nacional")));
        assert!(!k.fits_translated("CLPP", &w("Comunidade dos Países de Língua Portuguesa")));
        assert!(!k.fits_translated("CSN", &w("Conselho Nacional de Saúde")));
    }

    #[test]
    fn roman_numerals() {
        assert!(roman("XVII"));
        assert!(!roman("KNB"));
    }
}
