//! `crosscheck.toml`: a fuzzed configuration is parsed and, when it parses, applied to the
//! rules, checked against paths and shown. Every error names the file with a line and column
//! inside the text, and the same text gives the same result twice; never a panic.
#![no_main]

use std::path::Path;
use std::sync::{Mutex, OnceLock};

use crosscheck::RuleSet;
use crosscheck::config::Config;
use crosscheck::error::RuleError;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const PATH: &str = "/nonexistent-fuzz/crosscheck.toml";

/// The check rules and languages (no gazetteer: `apply` needs neither places nor names),
/// loaded once: the lexicons intern their words for the life of the process, so loading them
/// per input would grow without bound (LeakSanitizer reports it). `apply` changes only the
/// check rules, which each input restores.
fn rules() -> &'static Mutex<RuleSet> {
    static RULES: OnceLock<Mutex<RuleSet>> = OnceLock::new();
    RULES.get_or_init(|| {
        let files = crosscheck::embedded::embedded_files()
            .iter()
            .filter(|(p, _)| p.starts_with("checks/") || p.starts_with("lang/"))
            .map(|(p, t)| (format!("rules/{p}"), t.to_string()))
            .collect();
        Mutex::new(RuleSet::from_files(files).expect("embedded rules load"))
    })
}

fn position_ok(e: &RuleError, text: &str) {
    common::assert_error_position(e, PATH, text);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = Config::parse(Path::new(PATH), text);
    let again = Config::parse(Path::new(PATH), text);
    assert_eq!(
        parsed.as_ref().err().map(|e| e.to_string()),
        again.as_ref().err().map(|e| e.to_string())
    );
    let config = match parsed {
        Ok(c) => c,
        Err(e) => return position_ok(&e, text),
    };
    let mut guard = rules().lock().unwrap_or_else(|e| e.into_inner());
    let rules: &mut RuleSet = &mut guard;
    let saved = rules.rules.clone();
    let result = config.apply(rules, &["CC001"]);
    match result {
        Ok(()) => {
            for p in [
                "/nonexistent-fuzz/a.md",
                "/nonexistent-fuzz/d/b.txt",
                "/elsewhere/c.md",
            ] {
                let _ = config.admits(Path::new(p));
            }
            let shown = config.show(rules, &[("CC001", crosscheck::findings::Severity::Info)]);
            assert_eq!(
                shown,
                config.show(rules, &[("CC001", crosscheck::findings::Severity::Info)])
            );
        }
        Err(e) => position_ok(&e, text),
    }
    rules.rules = saved;
});
