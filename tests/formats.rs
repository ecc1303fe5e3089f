//! Every output format over the same fixture set (every draft in `tests/fixtures/` and
//! `examples/`), snapshotted in `snapshots/`; SARIF validated against the official SARIF 2.1.0
//! schema kept in `schemas/`; the GitHub and XML formats checked for their escaping rules.

mod common;
mod support;

use crosscheck::report;
use crosscheck::{Analysis, suppress};

fn fixtures() -> Vec<String> {
    let mut v = common::drafts("tests/fixtures");
    v.extend(common::drafts("examples"));
    v
}

/// Every fixture, checked, with suppressions applied (as the binary does).
fn checked() -> Vec<Analysis<'static>> {
    let rules = common::rules();
    let mut known: Vec<String> = rules.rules.iter().map(|r| r.id.clone()).collect();
    known.push(suppress::RULE_ID.into());
    let mut files: Vec<Analysis> = fixtures()
        .iter()
        .map(|f| {
            let mut a = common::check(f);
            suppress::apply(&mut a, &known, Some(suppress::RULE_SEVERITY));
            a
        })
        .collect();
    files.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    files
}

fn sarif(files: &[Analysis]) -> String {
    let metas = report::rule_metas(&common::rules().rules);
    report::sarif::render(files, &metas)
}

/// `check` writes its report draft by draft, a window of drafts at a time
/// (`batch::WINDOW`). Over more drafts than two windows, with one and two threads, every
/// format must give the bytes the library renders from all the drafts at once, and the exit
/// code must say there are findings.
#[test]
fn check_writes_many_drafts_window_by_window() {
    use crosscheck::batch::{Batch, Inputs, WINDOW};
    let d = support::TempDir::new("window");
    let sources = fixtures();
    let mut n = 0;
    while n < 2 * WINDOW + 7 {
        for rel in &sources {
            let text = std::fs::read(common::root().join(rel)).unwrap();
            let name = std::path::Path::new(rel)
                .file_name()
                .unwrap()
                .to_str()
                .unwrap();
            d.file(&format!("c{:03}/{name}", n / sources.len()), text);
            n += 1;
        }
    }
    let dir = support::s(d.path()).to_string();
    let inputs = Inputs {
        paths: vec![d.path().to_path_buf()],
        no_config: true,
        max_file_size: crosscheck::source::DEFAULT_MAX_FILE_SIZE,
        ..Inputs::default()
    };
    let batch = Batch::prepare(&inputs).unwrap();
    let (files, errors) = batch.analyse(true);
    assert_eq!((files.len(), errors), (n, 0));
    assert!(files.iter().filter(|a| !a.findings.is_empty()).count() > WINDOW);
    let rules = batch.all_rules();
    let expected: [(&str, String); 9] = [
        ("sarif", report::sarif::render(&files, &rules)),
        ("github", report::github::render(&files)),
        ("rdjson", report::rdjson::render(&files)),
        ("junit", report::junit::render(&files)),
        ("checkstyle", report::checkstyle::render(&files)),
        ("concise", report::concise::render(&files)),
        ("gitlab", report::gitlab::render(&files)),
        ("json", report::json::render(&files)),
        ("human", report::human::render(&files, false)),
    ];
    for (format, want) in expected {
        for threads in ["1", "2"] {
            let r = support::run_limited(
                &[
                    "check",
                    "--no-config",
                    "--format",
                    format,
                    "--threads",
                    threads,
                    &dir,
                ],
                None,
                std::time::Duration::from_secs(300),
            );
            r.assert_no_panic();
            assert_eq!(r.code(), Some(1), "{format}: {}", r.stderr);
            assert!(
                r.out() == want,
                "{format} with {threads} threads differs from the whole report"
            );
        }
    }
}

#[test]
fn format_snapshots() {
    let files = checked();
    assert!(files.len() >= 10, "fixtures missing");
    assert!(
        files
            .iter()
            .any(|a| a.findings.iter().any(|f| f.rule == "CC001")),
        "the fixture set must exercise CC001"
    );
    let version = format!("\"{}\"", env!("CARGO_PKG_VERSION"));
    common::settings().bind(|| {
        insta::assert_snapshot!(
            "format_sarif",
            sarif(&files).replace(&version, "\"[version]\"")
        );
        insta::assert_snapshot!("format_github", report::github::render(&files));
        insta::assert_snapshot!("format_rdjson", report::rdjson::render(&files));
        insta::assert_snapshot!("format_junit", report::junit::render(&files));
        insta::assert_snapshot!("format_checkstyle", report::checkstyle::render(&files));
        insta::assert_snapshot!("format_concise", report::concise::render(&files));
        insta::assert_snapshot!("format_gitlab", report::gitlab::render(&files));
        insta::assert_snapshot!("format_json", report::json::render(&files));
        insta::assert_snapshot!("format_human", report::human::render(&files, false));
        for a in &files {
            let name = common::snap_name(&a.source.path);
            insta::assert_snapshot!(format!("report_md@{name}"), report::markdown::render(a));
        }
        let html: Vec<&Analysis> = files
            .iter()
            .filter(|a| a.source.path.starts_with("examples/"))
            .collect();
        for a in html {
            let name = common::snap_name(&a.source.path);
            insta::assert_snapshot!(format!("report_html@{name}"), report::html::render(a));
        }
    });
}

fn sarif_validator() -> (boon::Schemas, boon::SchemaIndex) {
    let path = common::root().join("schemas/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).expect("schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let id = schema["$id"]
        .as_str()
        .expect("the schema has an $id")
        .to_string();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource(&id, schema).unwrap();
    let index = compiler
        .compile(&id, &mut schemas)
        .expect("schema compiles");
    (schemas, index)
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let (schemas, index) = sarif_validator();
    let files = checked();
    let log: serde_json::Value = serde_json::from_str(&sarif(&files)).unwrap();
    if let Err(e) = schemas.validate(&log, index) {
        panic!("SARIF output does not validate:\n{e:#}");
    }
    // also each draft on its own, and a run with no findings
    for a in &files {
        let one: serde_json::Value = serde_json::from_str(&sarif(std::slice::from_ref(a))).unwrap();
        assert!(schemas.validate(&one, index).is_ok(), "{}", a.source.path);
    }
    let empty: serde_json::Value = serde_json::from_str(&sarif(&[])).unwrap();
    assert!(schemas.validate(&empty, index).is_ok());

    // The validator is not vacuous: broken logs are rejected.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(schemas.validate(&bad, index).is_err(), "bad level accepted");
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(schemas.validate(&bad, index).is_err(), "line 0 accepted");
    let mut bad = log.clone();
    bad["runs"][0]["tool"]["driver"]["rules"][0]["unknownKey"] = true.into();
    assert!(
        schemas.validate(&bad, index).is_err(),
        "unknown key accepted"
    );
}

#[test]
fn sarif_content() {
    let files = checked();
    let log: serde_json::Value = serde_json::from_str(&sarif(&files)).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in &common::rules().rules {
        let d = rules.iter().find(|x| x["id"] == r.id.as_str()).unwrap();
        assert_eq!(d["name"], r.name.as_str());
        assert!(!d["fullDescription"]["text"].as_str().unwrap().is_empty());
    }
    assert!(rules.iter().any(|x| x["id"] == "CC001"));
    let results = run["results"].as_array().unwrap();
    let contradictions: Vec<_> = results.iter().filter(|r| r["ruleId"] == "CC101").collect();
    assert!(!contradictions.is_empty());
    for r in contradictions {
        // the second claim is a related location, and its snippet is the draft's text
        let rel = &r["relatedLocations"][0];
        let uri = rel["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        let text = std::fs::read_to_string(common::root().join(uri)).unwrap();
        let region = &rel["physicalLocation"]["region"];
        let (s, n) = (
            region["byteOffset"].as_u64().unwrap() as usize,
            region["byteLength"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..s + n], region["snippet"]["text"].as_str().unwrap());
        // startColumn counts code points
        let line_start = text[..s].rfind('\n').map(|i| i + 1).unwrap_or(0);
        assert_eq!(
            region["startColumn"].as_u64().unwrap() as usize,
            text[line_start..s].chars().count() + 1
        );
        let fp = r["partialFingerprints"]["crosscheck/v1"].as_str().unwrap();
        assert_eq!(fp.len(), 16);
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
    }
}

#[test]
fn rdjson_columns_are_bytes() {
    // "Cazaquistão" has a two-byte letter before the second claim on its line
    let files = checked();
    let v: serde_json::Value = serde_json::from_str(&report::rdjson::render(&files)).unwrap();
    let mut checked_one = false;
    for d in v["diagnostics"].as_array().unwrap() {
        let path = d["location"]["path"].as_str().unwrap();
        let text = std::fs::read_to_string(common::root().join(path)).unwrap();
        let mut locs = vec![&d["location"]];
        for r in d["related_locations"].as_array().unwrap() {
            locs.push(&r["location"]);
        }
        for l in locs {
            let line = l["range"]["start"]["line"].as_u64().unwrap() as usize;
            let col = l["range"]["start"]["column"].as_u64().unwrap() as usize;
            let line_text = text.split('\n').nth(line - 1).unwrap();
            assert!(line_text.is_char_boundary(col - 1), "{path}:{line}:{col}");
            if line_text[..col - 1].len() != line_text[..col - 1].chars().count() {
                checked_one = true;
            }
        }
    }
    assert!(
        checked_one,
        "no fixture has a non-ASCII letter before a place"
    );
}

#[test]
fn github_annotations_are_escaped() {
    let files = checked();
    let out = report::github::render(&files);
    for line in out.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "{line}"
        );
        let (props, message) = line[2..].split_once("::").unwrap();
        let props = props.split_once(' ').unwrap().1;
        for kv in props.split(',') {
            let (k, v) = kv.split_once('=').unwrap();
            assert!(["file", "line", "col", "endLine", "endColumn", "title"].contains(&k));
            assert!(!v.contains(':') && !v.contains(','), "{kv}");
        }
        assert!(!message.contains('\r'));
        if line.contains("CC101") {
            assert!(message.contains("%0Arelated: "), "{message}");
        }
    }
    assert_eq!(
        out.lines().count(),
        files.iter().map(|a| a.findings.len()).sum::<usize>()
    );
}

#[test]
fn xml_formats_are_well_formed_enough() {
    let files = checked();
    for xml in [
        report::junit::render(&files),
        report::checkstyle::render(&files),
    ] {
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        // every quote and angle bracket from the drafts is escaped: tags balance
        let opens = xml.matches('<').count();
        let closes = xml.matches('>').count();
        assert_eq!(opens, closes);
        assert!(!xml.contains("“<") && !xml.contains("& "));
    }
    let junit = report::junit::render(&files);
    let failures = junit.matches("<failure ").count();
    assert_eq!(
        failures,
        files.iter().map(|a| a.findings.len()).sum::<usize>()
    );
    assert_eq!(junit.matches("<testcase ").count(), files.len());
}

/// Two labels 100 KB apart: the human report shows the lines of each, not the text between
/// them. (It once handed the renderer everything from the first label to the last, which made
/// rendering a long draft quadratic in its length.)
#[test]
fn human_report_of_labels_far_apart_shows_only_their_lines() {
    let mut text =
        String::from("Reports emerged that the ex-president had left Kazakhstan on Friday.\n\n");
    for i in 0..2000 {
        text.push_str(&format!(
            "Line {i} of the appendix lists the river levels.\n\n"
        ));
    }
    text.push_str(
        "But on Saturday a spokesman for the ex-president said he was still in the capital.\n",
    );
    let mut a = common::check_text("far.md", &text);
    a.findings.retain(|f| f.rule == "CC101");
    assert_eq!(a.findings.len(), 1, "the contradiction is found");
    let out = report::human::render(std::slice::from_ref(&a), false);
    assert!(out.contains("   1 | Reports emerged that"), "{out}");
    assert!(out.contains("4003 | But on Saturday"), "{out}");
    assert!(out.contains("--> far.md:4003:55"), "{out}");
    assert!(!out.contains("river levels"), "{out}");
    assert!(out.len() < 4000, "report is {} bytes", out.len());
}

/// The JSON formats are written piece by piece; with no draft at all (every draft excluded by
/// the configuration) and with drafts but no finding, each must still be one valid document
/// with empty arrays.
#[test]
fn json_formats_of_no_drafts_and_no_findings_are_valid() {
    let clean = common::check_text("clean.md", "The council met on Tuesday.\n");
    assert!(clean.findings.is_empty());
    let rules = report::rule_metas(&common::rules().rules);
    for files in [&[][..], std::slice::from_ref(&clean)] {
        for (name, text) in [
            ("json", report::json::render(files)),
            ("sarif", report::sarif::render(files, &rules)),
            ("gitlab", report::gitlab::render(files)),
            ("rdjson", report::rdjson::render(files)),
        ] {
            let _: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{name} of {} drafts: {e}\n{text}", files.len()));
            let empty = match name {
                "json" => "\"findings\": [],",
                "sarif" => "\"results\": [],",
                "gitlab" => "[]\n",
                _ => "\"diagnostics\": []\n",
            };
            assert!(
                text.contains(empty),
                "{name} of {} drafts:\n{text}",
                files.len()
            );
        }
        let v: serde_json::Value = serde_json::from_str(&report::json::render(files)).unwrap();
        assert_eq!(v["findings"], serde_json::json!([]));
        assert_eq!(v["files"].as_array().unwrap().len(), files.len());
    }
    assert_eq!(
        report::json::render(&[]),
        "{\n  \"version\": 1,\n  \"findings\": [],\n  \"files\": []\n}\n"
    );
}
