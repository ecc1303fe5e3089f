//! Loading rule files: a fuzzed file in one of the roles a file under `rules/` can play (a
//! check rule, a lexicon, the name rules, a gazetteer table), chosen by the first byte. Loading
//! must give a rule set or an error at a line and column inside the file, never a panic; a
//! check rule that loads has its examples run against the embedded languages, as
//! `--rules DIR` does at load time.
#![no_main]

#[path = "common.rs"]
mod common;

use crosscheck::RuleSet;
use crosscheck::examples::run_rule;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let path = match sel % 5 {
        0 => "fuzz/checks/CC900-fuzz.toml",
        1 => "fuzz/lang/en/fuzz.toml",
        2 => "fuzz/names.toml",
        3 => "fuzz/gazetteer/countries.tsv",
        _ => "fuzz/gazetteer/cities.tsv",
    };
    let load = || {
        let mut files = vec![(path.to_string(), text.to_string())];
        if path.ends_with("cities.tsv") {
            // cities name their country by code: give them the real country table
            let countries = crosscheck::embedded::embedded_files()
                .iter()
                .find(|(p, _)| p.ends_with("countries.tsv"))
                .map(|(_, t)| t.to_string())
                .unwrap_or_default();
            files.insert(0, ("rules/gazetteer/countries.tsv".to_string(), countries));
        }
        RuleSet::from_files(files)
    };
    match load() {
        Ok(set) => {
            for r in &set.rules {
                // the examples run against the real languages; a failing example is a result,
                // not a crash
                for x in run_rule(common::rules(), r) {
                    assert!(x.passed || x.problem.as_deref().is_some_and(|p| !p.is_empty()));
                }
            }
        }
        Err(e) => {
            common::assert_error_position(&e, path, text);
            // the same error again
            assert_eq!(load().err().map(|e| e.to_string()), Some(e.to_string()));
        }
    }
});
