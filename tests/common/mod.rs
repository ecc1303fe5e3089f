//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crosscheck::source::{self, Source};
use crosscheck::{Analysis, Options, RuleSet};

/// insta settings: snapshots live in the top-level `snapshots/` folder.
pub fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::embedded().expect("embedded rules load"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Read a draft relative to the crate root, with its path as given.
pub fn load(rel: &str) -> Source {
    let full = root().join(rel);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Source::from_bytes(rel, bytes, source::markup_of(rel)).expect("fixture is valid UTF-8")
}

/// Analyse and check a draft.
pub fn check(rel: &str) -> Analysis<'static> {
    let r = rules();
    let mut a = Analysis::new(load(rel), r, &Options::default()).expect("analysis");
    a.check(&r.rules);
    a
}

pub fn check_text(path: &str, text: &str) -> Analysis<'static> {
    let r = rules();
    let src = Source::new(path, text, source::markup_of(path));
    let mut a = Analysis::new(src, r, &Options::default()).expect("analysis");
    a.check(&r.rules);
    a
}

/// Every draft under a directory (relative paths, sorted).
pub fn drafts(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, d: &Path, out: &mut Vec<String>) {
        let Ok(rd) = std::fs::read_dir(d) else { return };
        let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        v.sort();
        for p in v {
            if p.is_dir() {
                walk(base, &p, out);
            } else if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md" | "txt" | "markdown")
            ) {
                out.push(
                    p.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let base = root();
    walk(&base, &base.join(dir), &mut out);
    out
}

/// The shared data folder next to the checkout, if present.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

/// Say clearly that a test skips because `../shared` is absent.
pub fn skip_without_shared(what: &str) -> Option<PathBuf> {
    match shared() {
        Some(p) => Some(p),
        None => {
            eprintln!(
                "SKIPPED {what}: ../shared is absent (it holds the seed article and the development data)"
            );
            None
        }
    }
}

/// Snapshot-friendly name of a draft path: "tests/fixtures/en/x.md" → "en__x.md".
pub fn snap_name(rel: &str) -> String {
    rel.trim_start_matches("tests/fixtures/")
        .trim_start_matches("examples/")
        .replace('/', "__")
}

/// The paths of the drafts a JSON report lists (`files[].path`), in its order.
pub fn report_paths(v: &serde_json::Value) -> Vec<&str> {
    v["files"]
        .as_array()
        .expect("a JSON report lists its files")
        .iter()
        .map(|f| f["path"].as_str().expect("each file has a path"))
        .collect()
}
