//! Benchmark corpora: large English and Portuguese news-like text built from the repository's
//! own fixture articles, or from any directory of real articles.
//!
//! Every generated article is a fixture article with its names, numbers and places varied
//! (deterministically, from a seed), so that a corpus of many megabytes does not repeat the
//! same few names and figures: caches and hash tables see new keys all the time, and entity
//! resolution sees as many distinct people as a real archive would.
//!
//! - Names: capitalised words that never occur in lower case in the source articles, are not
//!   sentence-initial and are not places are replaced by made-up names of random syllables,
//!   consistently within an article ("Tokayev" → "Vesuramo" every time), so that resolution
//!   inside the article still works and the draft names new people.
//! - Places: city and country names from `rules/gazetteer/` are swapped for other gazetteer
//!   names of the same kind, consistently within an article.
//! - Numbers: figures of two or more digits (not years) get new digits of the same length.
//!
//! Used by `benches/pipeline.rs` and by `examples/bench_corpus.rs` (the command the
//! whole-process benchmark script runs). Only the standard library, so it builds in seconds.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Articles to vary, and what the generator knows about their words.
pub struct Corpus {
    pub lang: String,
    pub articles: Vec<String>,
    /// Single-word place names (as written) by kind: 0 = country, 1 = city.
    places: [Vec<String>; 2],
    place_kind: HashMap<String, usize>,
    /// Words seen in lower case anywhere in the source articles.
    lower_words: HashSet<String>,
    /// Whether to vary the articles at all (`false` for real articles read as they are).
    pub vary: bool,
}

fn strip_front_matter(t: &str) -> &str {
    let t = t.strip_prefix('\u{feff}').unwrap_or(t);
    if let Some(rest) = t.strip_prefix("---\n")
        && let Some(i) = rest.find("\n---\n")
    {
        return &rest[i + 5..];
    }
    t
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files_under(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("md" | "txt" | "markdown")
        ) {
            out.push(p);
        }
    }
}

/// The articles (front matter removed) of every `.md`/`.txt` file under `dirs`.
pub fn read_articles(dirs: &[PathBuf]) -> Vec<String> {
    let mut files = Vec::new();
    for d in dirs {
        files_under(d, &mut files);
    }
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .map(|t| {
            strip_front_matter(&t.replace("\r\n", "\n"))
                .trim()
                .to_string()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            out.push((st, &s[st..i]));
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out.into_iter()
}

impl Corpus {
    /// The repository's own fixture articles in `lang` (`tests/corpus/<lang>`,
    /// `tests/fixtures/<lang>`), varied.
    pub fn fixtures(root: &Path, lang: &str) -> Corpus {
        let dirs = [
            root.join("tests/corpus").join(lang),
            root.join("tests/fixtures").join(lang),
        ];
        let articles = read_articles(&dirs);
        Corpus::new(root, lang, articles, true)
    }

    /// Real articles from any directory, used as they are (not varied).
    pub fn real(root: &Path, lang: &str, dir: &Path) -> Corpus {
        Corpus::new(root, lang, read_articles(&[dir.to_path_buf()]), false)
    }

    pub fn new(root: &Path, lang: &str, articles: Vec<String>, vary: bool) -> Corpus {
        assert!(!articles.is_empty(), "no articles for {lang}");
        let mut places: [Vec<String>; 2] = [Vec::new(), Vec::new()];
        let mut place_kind = HashMap::new();
        // countries.tsv: code state en pt ...; cities.tsv: id country capital population en pt ...
        for (file, kind, cols) in [
            ("countries.tsv", 0usize, [2usize, 3]),
            ("cities.tsv", 1, [4, 5]),
        ] {
            let text = std::fs::read_to_string(root.join("rules/gazetteer").join(file))
                .unwrap_or_default();
            for line in text.lines().skip(1) {
                if line.starts_with('#') {
                    continue;
                }
                let f: Vec<&str> = line.split('\t').collect();
                for &c in &cols {
                    for name in f.get(c).unwrap_or(&"").split('|') {
                        let name = name.trim();
                        let single = !name.is_empty()
                            && name.chars().all(char::is_alphabetic)
                            && name.chars().next().is_some_and(char::is_uppercase);
                        if single && !place_kind.contains_key(name) {
                            place_kind.insert(name.to_string(), kind);
                            places[kind].push(name.to_string());
                        }
                    }
                }
            }
        }
        let mut lower_words = HashSet::new();
        for a in &articles {
            for (_, w) in words(a) {
                if w.chars().next().is_some_and(char::is_lowercase) {
                    lower_words.insert(w.to_string());
                }
            }
        }
        Corpus {
            lang: lang.to_string(),
            articles,
            places,
            place_kind,
            lower_words,
            vary,
        }
    }

    /// Article number `n` of the endless corpus: fixture `n % len`, varied with seed `n`.
    pub fn article(&self, n: u64) -> String {
        let base = &self.articles[(n % self.articles.len() as u64) as usize];
        if !self.vary || n < self.articles.len() as u64 {
            // the first round is the fixtures as they are
            return base.clone();
        }
        self.vary_article(base, n)
    }

    fn vary_article(&self, text: &str, seed: u64) -> String {
        let mut rng = Rng::new(seed);
        let mut names: HashMap<&str, String> = HashMap::new();
        let mut out = String::with_capacity(text.len() + text.len() / 16);
        let mut last = 0;
        let mut prev_end_char = '.';
        for (start, w) in words(text) {
            out.push_str(&text[last..start]);
            last = start + w.len();
            // sentence-initial: the previous non-space character ends a sentence or a line
            let sentence_start = matches!(prev_end_char, '.' | '!' | '?' | '\n' | '#' | '"' | '“');
            prev_end_char = text[last..]
                .chars()
                .find(|c| !c.is_whitespace() || *c == '\n')
                .unwrap_or('.');
            let first = w.chars().next().unwrap_or(' ');
            if first.is_ascii_digit() {
                out.push_str(&self.vary_number(w, &mut rng));
            } else if let Some(&kind) = self.place_kind.get(w) {
                let list = &self.places[kind];
                let pick = names
                    .entry(w)
                    .or_insert_with(|| list[rng.below(list.len())].clone());
                out.push_str(pick);
            } else if first.is_uppercase()
                && !sentence_start
                && w.chars().count() >= 4
                && !w.chars().all(char::is_uppercase)
                && !self.lower_words.contains(&w.to_lowercase())
            {
                let v = names.entry(w).or_insert_with(|| vary_name(w, &mut rng));
                out.push_str(v);
            } else {
                out.push_str(w);
            }
        }
        out.push_str(&text[last..]);
        out
    }

    fn vary_number(&self, w: &str, rng: &mut Rng) -> String {
        let digits = w.chars().filter(char::is_ascii_digit).count();
        let year = w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
        if digits < 2 || year || !w.chars().all(|c| c.is_ascii_digit()) {
            return w.to_string();
        }
        let mut s = String::with_capacity(w.len());
        for (i, _) in w.char_indices() {
            let d = if i == 0 {
                1 + rng.below(9)
            } else {
                rng.below(10)
            };
            s.push(char::from(b'0' + d as u8));
        }
        s
    }

    /// Text of about `bytes` bytes: whole articles separated by blank lines, the last one cut
    /// at a paragraph (or sentence) end so that small sizes stay close to what was asked.
    pub fn text(&self, bytes: usize, first: u64) -> String {
        let mut s = String::with_capacity(bytes + 64 * 1024);
        let mut n = first;
        while s.len() < bytes {
            s.push_str(&self.article(n));
            s.push_str("\n\n");
            n += 1;
        }
        cut(&mut s, bytes);
        s
    }
}

/// Shorten `s` to at most `bytes` at the last paragraph end (or sentence end) in the second half.
pub fn cut(s: &mut String, bytes: usize) {
    if s.len() <= bytes {
        return;
    }
    let mut end = bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let head = &s[..end];
    let at = head
        .rfind("\n\n")
        .filter(|&i| i >= bytes / 2)
        .map(|i| i + 2)
        .or_else(|| head.rfind(". ").filter(|&i| i >= bytes / 2).map(|i| i + 2))
        .unwrap_or(end);
    s.truncate(at);
    if !s.ends_with('\n') {
        s.push('\n');
    }
}

const CONSONANTS: &[&str] = &[
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou"];

/// Another name of about the same length, made of random syllables ("Tokayev" → "Vesuramo"):
/// a different person, not a spelling variant of the first.
fn vary_name(w: &str, rng: &mut Rng) -> String {
    let n = w.chars().count();
    let syllables = (n / 2).clamp(2, 5);
    let mut s = String::with_capacity(n + 4);
    for _ in 0..syllables {
        s.push_str(CONSONANTS[rng.below(CONSONANTS.len())]);
        s.push_str(VOWELS[rng.below(VOWELS.len())]);
    }
    let mut c = s.chars();
    let first: String = c
        .next()
        .map(|f| f.to_uppercase().collect())
        .unwrap_or_default();
    first + c.as_str()
}

/// Parse "2K", "1M", "100M", "1G", "4096".
pub fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let (num, mul) = match s.chars().last()? {
        'K' | 'k' => (&s[..s.len() - 1], 1usize << 10),
        'M' | 'm' => (&s[..s.len() - 1], 1 << 20),
        'G' | 'g' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.parse::<usize>().ok().map(|n| n * mul)
}
