//! Determinism over every draft we have (fixtures, examples, the labelled corpus) and every
//! output: the same bytes with `--threads 1` and `--threads 8`, across runs, and whatever the
//! order of the drafts on the command line (directories, or each file, forwards or backwards).
//! Also checked in process: two analyses of one draft give the same fingerprint of every stage.

mod common;
mod support;

use std::time::Duration;

use support::{TempDir, run_limited};

/// Every draft, by its path relative to the crate root.
fn drafts() -> Vec<String> {
    let mut v = common::drafts("tests/fixtures");
    v.extend(common::drafts("examples"));
    v.extend(common::drafts("tests/corpus"));
    v
}

/// Each output the binary can print: (subcommand and its options).
fn outputs() -> Vec<Vec<&'static str>> {
    let mut v: Vec<Vec<&str>> = [
        "human",
        "json",
        "sarif",
        "github",
        "rdjson",
        "junit",
        "checkstyle",
        "concise",
        "gitlab",
    ]
    .iter()
    .map(|f| {
        vec![
            "check",
            "--fail-on",
            "never",
            "--color",
            "never",
            "--format",
            f,
        ]
    })
    .collect();
    v.push(vec!["check", "--fail-on", "never", "--color", "always"]);
    v.extend([
        vec!["claims", "--format", "table"],
        vec!["claims", "--format", "json"],
        vec!["graph", "--format", "dot"],
        vec!["graph", "--format", "json"],
        vec!["graph", "--format", "mermaid"],
        vec!["sentences", "--format", "text"],
        vec!["sentences", "--format", "json"],
        vec!["entities"],
        vec!["events"],
    ]);
    v
}

fn stdout_of(args: &[&str]) -> Vec<u8> {
    let r = run_limited(args, None, Duration::from_secs(300));
    r.assert_no_panic();
    assert_eq!(r.code(), Some(0), "{args:?}: {}", r.stderr);
    assert!(!r.stdout.is_empty(), "{args:?} printed nothing");
    r.stdout
}

#[test]
fn every_output_is_the_same_for_any_thread_count_run_and_argument_order() {
    let files = drafts();
    assert!(files.len() > 60, "{} drafts", files.len());
    let mut backwards: Vec<&str> = files.iter().map(String::as_str).collect();
    backwards.reverse();
    // every other file first, then the rest: a third order
    let shuffled: Vec<&str> = files
        .iter()
        .step_by(2)
        .chain(files.iter().skip(1).step_by(2))
        .map(String::as_str)
        .collect();
    let dirs = ["tests/fixtures", "examples", "tests/corpus"];
    let dirs_backwards = ["tests/corpus", "examples", "tests/fixtures"];
    for out in outputs() {
        let with = |threads: &str, paths: &[&str]| {
            let mut a = out.clone();
            a.extend(["--threads", threads]);
            a.extend(paths);
            stdout_of(&a)
        };
        let reference = with("1", &dirs);
        for (what, got) in [
            ("--threads 8", with("8", &dirs)),
            ("--threads 8, a second run", with("8", &dirs)),
            ("directories in reverse order", with("2", &dirs_backwards)),
            ("every file, backwards", with("8", &backwards)),
            ("every file, interleaved", with("1", &shuffled)),
        ] {
            assert!(
                got == reference,
                "{out:?}: output differs with {what} ({} bytes against {})",
                got.len(),
                reference.len()
            );
        }
    }
}

#[test]
fn reports_are_the_same_for_any_thread_count_and_order() {
    // `crosscheck report` writes files: compare the trees
    fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                    out.push((rel, std::fs::read(&p).unwrap()));
                }
            }
        }
        out.sort();
        out
    }
    for format in ["markdown", "html"] {
        let a = TempDir::new("det-report-a");
        let b = TempDir::new("det-report-b");
        let ra = run_limited(
            &[
                "report",
                "--format",
                format,
                "--threads",
                "1",
                "--out",
                support::s(a.path()),
                "tests/fixtures",
                "examples",
                "tests/corpus",
            ],
            None,
            Duration::from_secs(300),
        );
        assert_eq!(ra.code(), Some(0), "{}", ra.stderr);
        let rb = run_limited(
            &[
                "report",
                "--format",
                format,
                "--threads",
                "8",
                "--out",
                support::s(b.path()),
                "tests/corpus",
                "tests/fixtures",
                "examples",
            ],
            None,
            Duration::from_secs(300),
        );
        assert_eq!(rb.code(), Some(0), "{}", rb.stderr);
        let (ta, tb) = (tree(a.path()), tree(b.path()));
        assert!(ta.len() > 60, "{format}: {} reports", ta.len());
        assert_eq!(
            ta.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            tb.iter().map(|(p, _)| p).collect::<Vec<_>>()
        );
        for ((p, x), (_, y)) in ta.iter().zip(&tb) {
            assert!(x == y, "{format}: report {p} differs between runs");
        }
    }
}

#[test]
fn two_analyses_of_a_draft_are_identical() {
    // in process, every stage and renderer: hash maps and thread scheduling must not show
    for d in drafts() {
        let a = common::check(&d);
        let b = common::check(&d);
        if let Err(e) = crosscheck::invariants::check_analysis(&a) {
            panic!("{d}: {e}");
        }
        assert!(
            crosscheck::invariants::fingerprint(&a) == crosscheck::invariants::fingerprint(&b),
            "{d}: two analyses differ"
        );
    }
}

/// A draft long enough that its sentences are chunked into phrases on several threads (ranges
/// of 1,024 sentences, from 2,048 up): every stage is the same with one thread and with two.
#[test]
fn one_long_draft_is_the_same_on_one_thread_and_on_two() {
    let d = TempDir::new("long");
    let mut text = String::new();
    let texts: Vec<String> = common::drafts("tests/corpus")
        .iter()
        .filter(|p| p.contains("/en/"))
        .map(|p| std::fs::read_to_string(common::root().join(p)).unwrap())
        .collect();
    assert!(!texts.is_empty(), "no English corpus drafts");
    while text.len() < 600_000 {
        for t in &texts {
            text.push_str(t);
            text.push_str("\n\n");
        }
    }
    let p = d.file("long.md", &text);
    let path = support::s(&p);
    let v: serde_json::Value = serde_json::from_slice(&stdout_of(&[
        "sentences",
        "--format",
        "json",
        "--no-config",
        path,
    ]))
    .unwrap();
    let n = v["sentences"].as_array().unwrap().len();
    assert!(
        n > 3 * 1024,
        "only {n} sentences: too short to be chunked in parallel"
    );
    for args in [
        vec!["claims", "--format", "json"],
        vec!["entities"],
        vec!["graph", "--format", "json"],
    ] {
        let with = |threads: &str| {
            let mut a = args.clone();
            a.extend(["--no-config", "--threads", threads, path]);
            stdout_of(&a)
        };
        assert!(
            with("1") == with("2"),
            "{args:?} differs between 1 and 2 threads"
        );
    }
    let check = |threads: &str| {
        let r = run_limited(
            &[
                "check",
                "--format",
                "json",
                "--no-config",
                "--threads",
                threads,
                path,
            ],
            None,
            Duration::from_secs(300),
        );
        r.assert_no_panic();
        assert_eq!(r.code(), Some(1), "{}", r.stderr);
        r.stdout
    };
    assert!(
        check("1") == check("2"),
        "check differs between 1 and 2 threads"
    );
}

/// Directories are walked without holding the list of their drafts, in an order that must be
/// the order of the paths as strings (what `sort` gives): `a-b.md` and `a.md` before `a/x.md`,
/// though a walk that visits `a` and then `a-b.md` would give `a/x.md` first.
#[test]
fn walked_drafts_come_in_the_order_of_their_paths_as_strings() {
    let d = TempDir::new("walk-order");
    let names = [
        "a/x.md",
        "a-b.md",
        "a.md",
        "a b/c.md",
        "a/b-c/x.md",
        "a/b/x.md",
        "a/b.txt",
        "a0/y.md",
        "b/a/z.txt",
        "b.md",
        "B.md",
        "é/ü.md",
    ];
    for n in names {
        d.file(
            n,
            "Reports emerged that the minister had left the capital on Friday.",
        );
    }
    // skipped: hidden entries, build folders, crosscheck's own reports, other kinds of file
    d.file(".hidden/x.md", "x");
    d.file("target/x.md", "x");
    d.file("a/x.crosscheck.md", "x");
    d.file("a/notes.rtf", "x");
    let root = support::s(d.path());
    let listed = crosscheck::source::expand_inputs(&[d.path().to_path_buf()]).unwrap();
    let mut expected: Vec<String> = names.iter().map(|n| format!("{root}/{n}")).collect();
    expected.sort();
    assert_eq!(listed, expected);
    // and so is the output of a run over the directory (the report lists the drafts)
    let r = run_limited(
        &["check", "--format", "json", "--fail-on", "never", root],
        None,
        Duration::from_secs(120),
    );
    assert_eq!(r.code(), Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    let paths = common::report_paths(&v);
    assert_eq!(paths, expected);
}
