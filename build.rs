//! Embeds every file under `rules/` into the binary, so `cargo install` gives one
//! self-contained program. Adding a rule or a language means adding files: no code changes.
//!
//! The files stay the source of truth. The build also loads them with the library's own loading
//! code (the data modules are compiled into this script) and writes the loaded form as tables
//! the program reads in place (`src/embedded.rs`), so start-up parses no text. An invalid file
//! fails the build with its file:line:column error.

// The data modules are shared with the library; this script uses only their loading side.
#![allow(dead_code)]

#[path = "src/acronyms.rs"]
mod acronyms;
#[path = "src/checks/words.rs"]
mod checks_words;
#[path = "src/error.rs"]
mod error;
#[path = "src/findings.rs"]
mod findings;
#[path = "src/gazetteer.rs"]
mod gazetteer;
#[path = "src/lexicon.rs"]
mod lexicon;
#[path = "src/names.rs"]
mod names;
#[path = "src/rules.rs"]
mod rules;
mod checks {
    pub(crate) use super::checks_words as words;
}

/// The data modules compiled into this script (each says so at its top).
const MODULES: &[&str] = &[
    "acronyms.rs",
    "checks/words.rs",
    "error.rs",
    "findings.rs",
    "gazetteer.rs",
    "lexicon.rs",
    "names.rs",
    "rules.rs",
];

use std::fmt::Write;
use std::path::{Path, PathBuf};

use gazetteer::{Gazetteer, PlaceId};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "tsv")) {
            out.push(p);
        }
    }
}

/// Stop the build with a data file's error.
fn fail(e: impl std::fmt::Display) -> ! {
    eprintln!("error: {e}");
    std::process::exit(1)
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    for f in MODULES {
        println!("cargo:rerun-if-changed=src/{f}");
    }
    let mut files = Vec::new();
    collect(&rules, &mut files);
    let mut code =
        String::from("/// Every file under `rules/`, as (path relative to `rules/`, contents).\n");
    code.push_str("pub static EMBEDDED: &[(&str, &str)] = &[\n");
    let mut texts: Vec<(String, String)> = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&rules)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            rel,
            f.display().to_string()
        )
        .unwrap();
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| fail(format!("{rel}: {e}")));
        texts.push((format!("rules/{rel}"), text));
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("embedded_rules.rs"), code).unwrap();

    // Load and validate everything as the program would at run time.
    let gaz_files: Vec<(String, String)> = texts
        .iter()
        .filter(|(p, _)| p.starts_with("rules/gazetteer/"))
        .cloned()
        .collect();
    let set = rules::RuleSet::from_files(texts).unwrap_or_else(|e| fail(e));
    // The gazetteer is embedded as compact tables (each string once) in Rust source.
    let (compiled, _) = rules::Compiled::from_set(set);
    let gazetteer = Gazetteer::load_compact(&gaz_files).unwrap_or_else(|e| fail(e));
    let bytes = postcard::to_stdvec(&compiled).unwrap_or_else(|e| fail(e));
    std::fs::write(out_dir.join("rules.postcard"), bytes).unwrap();
    std::fs::write(
        out_dir.join("gazetteer_tables.rs"),
        gazetteer_source(&gazetteer),
    )
    .unwrap();
}

/// Rust source for the gazetteer's tables (included by `src/embedded.rs`).
fn gazetteer_source(g: &Gazetteer) -> String {
    use gazetteer::{Index, Run, Span};
    fn spans(out: &mut String, name: &str, v: &[Span]) {
        write!(out, "static {name}: [S; {}] = [", v.len()).unwrap();
        for s in v {
            write!(out, "S({},{}),", s.0, s.1).unwrap();
        }
        out.push_str("];\n");
    }
    fn runs(out: &mut String, name: &str, v: &[Run]) {
        write!(out, "static {name}: [R; {}] = [", v.len()).unwrap();
        for r in v {
            write!(out, "R({},{}),", r.0, r.1).unwrap();
        }
        out.push_str("];\n");
    }
    fn ints<T: std::fmt::Display>(out: &mut String, name: &str, ty: &str, v: &[T]) {
        write!(out, "static {name}: [{ty}; {}] = [", v.len()).unwrap();
        for x in v {
            write!(out, "{x},").unwrap();
        }
        out.push_str("];\n");
    }
    fn index(out: &mut String, name: &str, i: &Index) {
        spans(out, &format!("{name}_KEYS"), &i.keys);
        ints(out, &format!("{name}_SLOTS"), "u32", &i.slots);
    }
    let mut out = String::from(
        "// Generated by build.rs from rules/gazetteer/*.tsv: do not edit.\n\
         use std::borrow::Cow;\n\
         use crate::gazetteer::{CityRow, CountryRow, Gazetteer, Index, PlaceId, Run as R, Span as S};\n\
         use PlaceId::{City as Y, Country as K};\n",
    );
    writeln!(out, "static POOL: &str = {:?};", g.pool).unwrap();
    spans(&mut out, "SPANS", &g.spans);
    ints(&mut out, "CAPITALS", "u32", &g.capitals);
    write!(
        out,
        "static COUNTRIES: [CountryRow; {}] = [",
        g.countries.len()
    )
    .unwrap();
    for c in g.countries.iter() {
        write!(
            out,
            "CountryRow{{code:S({},{}),state:{},en:R({},{}),pt:R({},{}),capitals:R({},{})}},",
            c.code.0, c.code.1, c.state, c.en.0, c.en.1, c.pt.0, c.pt.1, c.capitals.0, c.capitals.1
        )
        .unwrap();
    }
    out.push_str("];\n");
    write!(out, "static CITIES: [CityRow; {}] = [", g.cities.len()).unwrap();
    for c in g.cities.iter() {
        writeln!(
            out,
            "CityRow{{id:S({},{}),country:{},capital:{},capital_note:S({},{}),population:{},\
             en:R({},{}),pt:R({},{}),former:R({},{})}},",
            c.id.0,
            c.id.1,
            c.country,
            c.capital,
            c.capital_note.0,
            c.capital_note.1,
            c.population,
            c.en.0,
            c.en.1,
            c.pt.0,
            c.pt.1,
            c.former.0,
            c.former.1
        )
        .unwrap();
    }
    out.push_str("];\n");
    index(&mut out, "NAMES", &g.names);
    runs(&mut out, "NAME_PLACES", &g.name_places);
    write!(out, "static PLACES: [PlaceId; {}] = [", g.places.len()).unwrap();
    for p in g.places.iter() {
        match p {
            PlaceId::Country(c) => write!(out, "K({c}),").unwrap(),
            PlaceId::City(c) => write!(out, "Y({c}),").unwrap(),
        }
    }
    out.push_str("];\n");
    index(&mut out, "DEMONYMS", &g.demonyms);
    ints(&mut out, "DEMONYM_COUNTRY", "u16", &g.demonym_country);
    index(&mut out, "CODES", &g.codes);
    ints(&mut out, "CODE_COUNTRY", "u16", &g.code_country);
    index(&mut out, "AMBIGUOUS", &g.ambiguous);
    let idx = |name: &str| {
        format!(
            "Index {{ keys: Cow::Borrowed(&{name}_KEYS), slots: Cow::Borrowed(&{name}_SLOTS) }}"
        )
    };
    write!(
        out,
        "pub(crate) fn gazetteer() -> Gazetteer {{\n    Gazetteer {{\n        \
         pool: Cow::Borrowed(POOL),\n        spans: Cow::Borrowed(&SPANS),\n        \
         capitals: Cow::Borrowed(&CAPITALS),\n        countries: Cow::Borrowed(&COUNTRIES),\n        \
         cities: Cow::Borrowed(&CITIES),\n        names: {},\n        \
         name_places: Cow::Borrowed(&NAME_PLACES),\n        places: Cow::Borrowed(&PLACES),\n        \
         demonyms: {},\n        demonym_country: Cow::Borrowed(&DEMONYM_COUNTRY),\n        \
         codes: {},\n        code_country: Cow::Borrowed(&CODE_COUNTRY),\n        \
         ambiguous: {},\n        max_words: {},\n    }}\n}}\n",
        idx("NAMES"),
        idx("DEMONYMS"),
        idx("CODES"),
        idx("AMBIGUOUS"),
        g.max_words
    )
    .unwrap();
    out
}
