//! Through the real binary: inline suppressions, `crosscheck.toml` discovery, baselines,
//! `--changed-since` (in temporary git repositories), and `report` (deterministic bytes,
//! `--check` on stale and fresh reports).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run crosscheck")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh temporary directory for one test.
fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("crosscheck-ci-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const COUNT: &str = "The interior ministry said on Saturday that 4,404 people were detained. Police said on Saturday that 5,200 people were detained.\n";
// Two sources disagree (CC104). Had the article stated the first claim itself, the pair
// would be a dispute between the article and a named source, which CC118 reports instead.
const DECREE: &str = "Officials said Governor Lina Park signed the emergency decree on Monday. A spokesman for the governor said on Tuesday that Park did not sign the decree.\n";

fn rules_of(o: &Output) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", out(o), err(o)));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn suppressions() {
    let d = tempdir("suppress");
    write(&d, "plain.md", &format!("{COUNT}\n{DECREE}"));
    let o = run_in(&d, &["check", "--format", "json", "plain.md"]);
    assert_eq!(rules_of(&o), ["CC103", "CC104"]);

    // a region and a next-line comment, each used
    write(
        &d,
        "a.md",
        &format!(
            "<!-- crosscheck-disable CC103 -->\n{COUNT}<!-- crosscheck-enable -->\n\n<!-- crosscheck-disable-next-line -->\n{DECREE}"
        ),
    );
    let o = run_in(&d, &["check", "--format", "json", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(rules_of(&o).is_empty(), "{}", out(&o));

    // a disable for another rule suppresses nothing: the finding stays and CC001 reports it
    write(
        &d,
        "b.md",
        &format!("<!-- crosscheck-disable CC101 -->\n{COUNT}<!-- crosscheck-enable -->\n"),
    );
    let o = run_in(&d, &["check", "--format", "concise", "b.md"]);
    assert_eq!(o.status.code(), Some(1));
    let s = out(&o);
    assert!(s.contains("error[CC103]"), "{s}");
    assert!(
        s.contains("b.md:1:1: info[CC001] <!-- crosscheck-disable CC101 --> suppresses nothing"),
        "{s}"
    );
    // info does not fail the run on its own
    write(
        &d,
        "c.md",
        "<!-- crosscheck-disable-next-line -->\nThe council met on Monday.\n",
    );
    let o = run_in(&d, &["check", "--format", "concise", "c.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("info[CC001]"));
    let o = run_in(&d, &["check", "--fail-on", "info", "c.md"]);
    assert_eq!(o.status.code(), Some(1));

    // plain text: a line holding only the comment
    write(
        &d,
        "d.txt",
        &format!("<!-- crosscheck-disable-next-line CC103 -->\n{COUNT}{DECREE}"),
    );
    let o = run_in(&d, &["check", "--format", "json", "d.txt"]);
    assert_eq!(rules_of(&o), ["CC104"]);
}

#[test]
fn config_discovery() {
    let d = tempdir("config");
    write(
        &d,
        "crosscheck.toml",
        "fail-on = \"never\"\nexclude = [\"drafts/archive/**\"]\n\n[rules]\nCC104 = \"off\"\nCC103 = \"warning\"\n",
    );
    write(&d, "drafts/a.md", &format!("{COUNT}\n{DECREE}"));
    write(&d, "drafts/archive/old.md", COUNT);
    // a nested configuration wins for the drafts below it
    write(&d, "drafts/strict/crosscheck.toml", "fail-on = \"info\"\n");
    write(&d, "drafts/strict/b.md", COUNT);

    let o = run_in(&d, &["check", "--format", "json", "drafts"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["drafts/a.md", "drafts/strict/b.md"],
        "archive excluded"
    );
    let findings: Vec<(String, String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["labels"][0]["file"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        [
            ("drafts/a.md".into(), "CC103".into(), "warning".into()),
            ("drafts/strict/b.md".into(), "CC103".into(), "error".into()),
        ]
    );
    // b.md's configuration fails on anything
    assert_eq!(o.status.code(), Some(1));
    // run from inside the tree, on a.md alone: fail-on never
    let o = run_in(&d.join("drafts"), &["check", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    // --fail-on on the command line wins
    let o = run_in(
        &d.join("drafts"),
        &["check", "--fail-on", "warning", "a.md"],
    );
    assert_eq!(o.status.code(), Some(1));
    // --no-config: every rule at its default severity
    let o = run_in(
        &d,
        &["check", "--no-config", "--format", "json", "drafts/a.md"],
    );
    assert_eq!(rules_of(&o), ["CC103", "CC104"]);

    // config --show prints the effective configuration
    let o = run_in(&d, &["config", "--show", "drafts/a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let s = out(&o);
    assert!(s.contains("fail-on = \"never\""), "{s}");
    assert!(
        s.contains("CC104 = \"off\"") && s.contains("CC103 = \"warning\""),
        "{s}"
    );
    assert!(s.contains("CC101 = \"error\""), "{s}");
    let shown: toml::Value = toml::from_str(&s).expect("config --show prints TOML");
    assert_eq!(shown["default-lang"].as_str(), Some("en"));

    // unknown keys and rules are errors with file:line:column (exit 2)
    let bad = tempdir("config-bad");
    write(
        &bad,
        "crosscheck.toml",
        "fail-on = \"error\"\nfial-on = \"x\"\n",
    );
    write(&bad, "a.md", COUNT);
    let o = run_in(&bad, &["check", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("crosscheck.toml:2:1: unknown field `fial-on`"),
        "{}",
        err(&o)
    );
    write(
        &bad,
        "crosscheck.toml",
        "[rules]\nCC101 = \"error\"\nCC777 = \"off\"\n",
    );
    let o = run_in(&bad, &["check", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("crosscheck.toml:3:1: unknown rule \"CC777\""),
        "{}",
        err(&o)
    );
    write(&bad, "crosscheck.toml", "default-lang = \"xx\"\n");
    let o = run_in(&bad, &["config", "--show"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("crosscheck.toml:1:1: unknown language \"xx\""),
        "{}",
        err(&o)
    );
    assert!(!err(&o).contains("panicked"));

    // extra rule directories: a newsroom's own place name
    let news = tempdir("config-rules");
    write(&news, "crosscheck.toml", "rules-dirs = [\"house\"]\n");
    write(&news, "house/gazetteer/extra.tsv", "");
    let o = run_in(&news, &["config", "--show"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("house"), "{}", out(&o));
    write(&news, "crosscheck.toml", "rules-dirs = [\"missing\"]\n");
    let o = run_in(&news, &["config", "--show"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("crosscheck.toml:1:15: rules directory \"missing\" does not exist"),
        "{}",
        err(&o)
    );
}

#[test]
fn baselines() {
    let d = tempdir("baseline");
    write(&d, "a.md", &format!("# Title\n\n{COUNT}"));
    let o = run_in(&d, &["check", "--write-baseline", "base.json", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("base.json")).unwrap()).unwrap();
    assert_eq!(b["version"], 1);
    assert_eq!(b["findings"].as_array().unwrap().len(), 1);
    let o = run_in(&d, &["check", "--baseline", "base.json", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(err(&o).contains("1 finding already in the baseline is not shown"));

    // edits elsewhere (new lines above, reflowed white space) keep the fingerprint
    write(
        &d,
        "a.md",
        &format!(
            "# A longer title\n\nA new first paragraph with no claims in it at all.\n\n{}",
            COUNT.replace(" people", "  people")
        ),
    );
    let o = run_in(
        &d,
        &[
            "check",
            "--baseline",
            "base.json",
            "--format",
            "json",
            "a.md",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(rules_of(&o).is_empty());

    // a new finding is reported
    write(&d, "a.md", &format!("# Title\n\n{COUNT}\n{DECREE}"));
    let o = run_in(
        &d,
        &[
            "check",
            "--baseline",
            "base.json",
            "--format",
            "json",
            "a.md",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(rules_of(&o), ["CC104"]);

    // changing the claim's text makes it a new finding
    write(&d, "a.md", &COUNT.replace("5,200", "5,300"));
    let o = run_in(
        &d,
        &[
            "check",
            "--baseline",
            "base.json",
            "--format",
            "json",
            "a.md",
        ],
    );
    assert_eq!(rules_of(&o), ["CC103"]);

    // a broken baseline is an error with its position
    write(&d, "bad.json", "{\"version\": 1,\n \"findings\": 3}\n");
    let o = run_in(&d, &["check", "--baseline", "bad.json", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("bad.json:2:"), "{}", err(&o));
    // no temporary files left behind by the atomic write
    let left: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty());
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(o.status.success(), "git {args:?}: {}", err(&o));
}

#[test]
fn changed_since() {
    let d = tempdir("git");
    git(&d, &["init", "-q", "-b", "main"]);
    write(&d, "drafts/old.md", COUNT);
    write(&d, "drafts/edited.md", "The council met on Monday.\n");
    write(&d, "drafts/removed.md", "The council met on Tuesday.\n");
    git(&d, &["add", "."]);
    git(&d, &["commit", "-q", "-m", "one"]);
    git(&d, &["tag", "v1"]);
    // a committed edit, an uncommitted edit, a new untracked draft, a deletion
    write(
        &d,
        "drafts/edited.md",
        &format!("The council met on Monday.\n{DECREE}"),
    );
    git(&d, &["commit", "-q", "-am", "two"]);
    write(&d, "drafts/new.md", "A new draft.\n");
    std::fs::remove_file(d.join("drafts/removed.md")).unwrap();
    let o = run_in(
        &d,
        &[
            "check",
            "--changed-since",
            "v1",
            "--format",
            "json",
            "drafts",
        ],
    );
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", err(&o)));
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["drafts/edited.md", "drafts/new.md"]);
    assert_eq!(o.status.code(), Some(1), "the edit brought CC104");
    // from a subdirectory, with paths relative to it
    let o = run_in(
        &d.join("drafts"),
        &["check", "--changed-since", "HEAD", "--format", "json", "."],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(o.status.code(), Some(0));
    // nothing changed since HEAD after committing everything: no drafts, exit 0
    git(&d, &["add", "-A"]);
    git(&d, &["commit", "-q", "-m", "three"]);
    let o = run_in(&d, &["check", "--changed-since", "HEAD", "drafts"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("0 drafts"), "{}", out(&o));
    // a bad revision is an error
    let o = run_in(&d, &["check", "--changed-since", "no-such-rev", "drafts"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("unknown revision"), "{}", err(&o));
    // outside a repository
    let plain = tempdir("nogit");
    write(&plain, "a.md", COUNT);
    let o = run_in(&plain, &["check", "--changed-since", "HEAD", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--changed-since"), "{}", err(&o));
}

#[test]
fn reports_are_deterministic_and_checked() {
    let d = tempdir("report");
    let root = common::root();
    let args = |out: &str, threads: &str| -> Vec<String> {
        vec![
            "report".into(),
            "--out".into(),
            d.join(out).display().to_string(),
            "--threads".into(),
            threads.into(),
            "examples".into(),
            "tests/fixtures".into(),
        ]
    };
    let a: Vec<String> = args("one", "1");
    let o = bin().args(&a).current_dir(&root).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let b: Vec<String> = args("two", "4");
    let o = bin().args(&b).current_dir(&root).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let mut count = 0;
    for f in common::drafts("examples")
        .into_iter()
        .chain(common::drafts("tests/fixtures"))
    {
        let stem = Path::new(&f)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let rel = Path::new(&f).with_file_name(format!("{stem}.crosscheck.md"));
        let x = std::fs::read(d.join("one").join(&rel)).unwrap();
        let y = std::fs::read(d.join("two").join(&rel)).unwrap();
        assert_eq!(x, y, "{f}: report differs across thread counts");
        count += 1;
    }
    assert!(count >= 10);
    // a second run writes the same bytes
    let o = bin().args(&a).current_dir(&root).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let again = std::fs::read(d.join("one/examples/kazakhstan.crosscheck.md")).unwrap();
    let first = std::fs::read(d.join("two/examples/kazakhstan.crosscheck.md")).unwrap();
    assert_eq!(again, first);
    let md = String::from_utf8(first).unwrap();
    assert!(
        md.contains("```mermaid")
            && md.contains("linkStyle")
            && md.contains("| claim | line | speaker | cue | content | time | certainty |")
    );

    // --check passes on fresh reports, fails with a diff on a stale one
    let mut check = a.clone();
    check.push("--check".into());
    let o = bin().args(&check).current_dir(&root).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let stale = d.join("one/examples/kazakhstan.crosscheck.md");
    let text = std::fs::read_to_string(&stale).unwrap();
    std::fs::write(&stale, text.replace("**Summary:**", "**Old summary:**")).unwrap();
    let o = bin().args(&check).current_dir(&root).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let diff = out(&o);
    assert!(
        diff.contains("-**Old summary:**") && diff.contains("+**Summary:**"),
        "{diff}"
    );
    assert!(err(&o).contains("1 report out of date"), "{}", err(&o));
    // a missing report is stale too
    std::fs::remove_file(&stale).unwrap();
    let o = bin().args(&check).current_dir(&root).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("missing"));

    // default place: next to the draft; directory walks skip reports
    let w = tempdir("report-next");
    write(&w, "drafts/a.md", COUNT);
    let o = run_in(&w, &["report", "drafts"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(w.join("drafts/a.crosscheck.md").is_file());
    let o = run_in(&w, &["report", "--check", "drafts"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let o = run_in(&w, &["check", "--format", "json", "drafts"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["files"].as_array().unwrap().len(),
        1,
        "the report is not a draft"
    );
    // HTML
    let o = run_in(&w, &["report", "--format", "html", "drafts/a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let html = std::fs::read_to_string(w.join("drafts/a.crosscheck.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("class=\"finding error\""));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("https://"));
}

/// `report` writes and compares draft by draft, a window of drafts at a time: over more drafts
/// than two windows every report is written, `--check` counts them all, and a stale report
/// in a later window is found.
#[test]
fn report_over_more_drafts_than_a_window() {
    let n = 2 * crosscheck::batch::WINDOW + 3;
    let w = tempdir("report-window");
    for i in 0..n {
        write(&w, &format!("drafts/d{i:04}.md"), COUNT);
    }
    let o = run_in(&w, &["report", "drafts"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(err(&o).matches("crosscheck: wrote ").count(), n);
    let o = run_in(&w, &["report", "--check", "drafts"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    assert!(
        err(&o).contains(&format!("{n} reports up to date")),
        "{}",
        err(&o)
    );
    let late = w.join(format!("drafts/d{:04}.crosscheck.md", n - 2));
    let text = std::fs::read_to_string(&late).unwrap();
    std::fs::write(&late, text.replace("**Summary:**", "**Old summary:**")).unwrap();
    let o = run_in(&w, &["report", "--check", "drafts"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).contains(&format!("d{:04}.crosscheck.md", n - 2)),
        "{}",
        out(&o)
    );
    assert!(err(&o).contains("1 report out of date"), "{}", err(&o));
}
