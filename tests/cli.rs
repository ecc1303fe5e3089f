//! The binary: exit codes, formats, and clear errors (exit 2, never a panic) on bad input.

mod common;

use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(common::root())
        .output()
        .expect("run crosscheck")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn findings_exit_1_and_clean_exit_0() {
    let o = run(&["check", "--color", "never", "examples/kazakhstan.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("error[CC101]"), "{out}");
    assert!(out.contains("examples/kazakhstan.md:"), "{out}");
    let o = run(&["check", "tests/fixtures/en/return-trip.md"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // --fail-on error ignores warnings; --fail-on never always passes
    let o = run(&["check", "--fail-on", "never", "examples/kazakhstan.md"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn json_contract() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "examples/cazaquistao.md",
        "examples/kazakhstan.md",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "examples/cazaquistao.md");
    assert_eq!(files[0]["lang"], "pt");
    assert_eq!(files[1]["lang"], "en");
    let f = &v["findings"][0];
    for key in [
        "rule",
        "name",
        "category",
        "severity",
        "message",
        "reasoning",
        "labels",
    ] {
        assert!(!f[key].is_null(), "finding lacks {key}: {f}");
    }
    let text = std::fs::read_to_string(common::root().join("examples/cazaquistao.md")).unwrap();
    for l in f["labels"].as_array().unwrap() {
        let (s, e) = (
            l["start"].as_u64().unwrap() as usize,
            l["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], l["text"].as_str().unwrap());
        assert!(l["line"].as_u64().unwrap() >= 1 && l["column"].as_u64().unwrap() >= 1);
    }
    assert_eq!(
        f["labels"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["primary"] == true)
            .count(),
        1
    );
}

#[test]
fn claims_and_graph_commands() {
    let o = run(&["claims", "--format", "json", "examples/kazakhstan.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let c = &v["claims"][0];
    for key in [
        "id",
        "file",
        "span",
        "speaker",
        "source_kind",
        "cue",
        "content",
        "subject",
        "predicate",
        "polarity",
        "certainty",
        "event_time",
        "statement_time",
    ] {
        assert!(c.get(key).is_some(), "claim lacks {key}: {c}");
    }
    for fmt in ["dot", "json", "mermaid"] {
        let o = run(&["graph", "--format", fmt, "examples/kazakhstan.md"]);
        assert_eq!(o.status.code(), Some(0), "{fmt}: {}", stderr(&o));
        assert!(!o.stdout.is_empty());
    }
    let o = run(&["graph", "--format", "mermaid", "examples/kazakhstan.md"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("contradicts"));
}

#[test]
fn rules_and_explain() {
    let o = run(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s.contains("CC101") && s.contains("left-country-but-still-there"));
    let o = run(&["explain", "cc101"]);
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s.contains("What it catches") && s.contains("must not flag"));
    let o = run(&["explain", "CC999"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn stdin_is_read() {
    use std::io::Write;
    let mut child = bin()
        .args(["check", "--lang", "en", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Reports emerged that the ex-president had left Kazakhstan on Friday. But on Saturday a spokesman for the ex-president said he was still in the capital.\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("CC101"));
}

fn expect_error(args: &[&str], needle: &str) {
    let o = run(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains(needle), "{args:?}: stderr lacks {needle:?}: {e}");
    assert!(!e.contains("panicked"), "{e}");
}

#[test]
fn bad_input_is_a_clear_error() {
    let bad = tmp("bad.md", b"O Kremlin disse \xff\xfe que sim.");
    expect_error(
        &["check", bad.to_str().unwrap()],
        "not valid UTF-8 (invalid byte at offset 16)",
    );
    let bin_file = tmp("binary.txt", b"\x7fELF\x00\x01\x02");
    expect_error(&["check", bin_file.to_str().unwrap()], "binary file");
    let utf16 = tmp("utf16.txt", b"\xff\xfeO\x00i\x00");
    expect_error(&["check", utf16.to_str().unwrap()], "UTF-16");
    expect_error(&["check", "no/such/draft.md"], "no such file or directory");
    let empty = tmp("empty.md", b"");
    expect_error(&["check", empty.to_str().unwrap()], "empty draft");
    let blank = tmp("blank.md", b"  \n\n\t \n");
    expect_error(&["check", blank.to_str().unwrap()], "empty draft");
    let dir = std::env::temp_dir().join(format!("crosscheck-nodrafts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.json"), "{}").unwrap();
    expect_error(&["check", dir.to_str().unwrap()], "contains no drafts");
    expect_error(
        &["check", "--lang", "xx", "examples/kazakhstan.md"],
        "unknown language",
    );
}

#[test]
fn directories_are_walked_and_sorted() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        "tests/fixtures",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths = common::report_paths(&v);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(paths.iter().any(|p| p.ends_with(".txt")) && paths.iter().any(|p| p.ends_with(".md")));
}

#[test]
fn output_is_the_same_for_any_thread_count() {
    let a = run(&[
        "check",
        "--format",
        "json",
        "--threads",
        "1",
        "tests/fixtures",
        "examples",
    ]);
    let b = run(&[
        "check",
        "--format",
        "json",
        "--threads",
        "8",
        "examples",
        "tests/fixtures",
    ]);
    assert_eq!(a.stdout, b.stdout);
}

/// A draft's front matter or `--lang` may name its language by code, by code and region, or by
/// one of its names, in any case. The names are data (`names` in each `language.toml`), kept
/// through the compiled rules.
#[test]
fn languages_are_named_by_code_region_or_name() {
    let langs = &common::rules().languages;
    let code = |n: &str| langs.named(n).map(|i| langs.get(i).unwrap().code);
    for (name, expected) in [
        ("pt", Some("pt")),
        ("pt-BR", Some("pt")),
        ("PT_pt", Some("pt")),
        ("Portuguese", Some("pt")),
        (" português ", Some("pt")),
        ("portugues", Some("pt")),
        ("en", Some("en")),
        ("en-GB", Some("en")),
        ("English", Some("en")),
        ("inglês", Some("en")),
        ("xx", None),
        ("", None),
        ("portugal", None),
    ] {
        assert_eq!(code(name), expected, "{name:?}");
    }
}
