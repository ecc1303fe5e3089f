//! Hostile and broken input through the real binary: each gives a clear message and exit code
//! 2, or a correct result, never a panic, a hang or silent garbage. Each test is one row of the
//! table in the README ("Hostile input"); `readme_table_rows_are_tests` keeps the two in step.
//! Large inputs are generated here, in temporary directories, never committed.
//!
//! Some rows were already covered by `tests/cli.rs` (`bad_input_is_a_clear_error`: invalid
//! UTF-8 in a file, UTF-16 with a byte-order mark, a binary file, an empty file, a blank file);
//! the tests here add the cases it lacks.

mod support;

use std::time::Duration;

use crosscheck::invariants::check_json_labels;
use crosscheck::source::{Source, markup_of};
use support::{TempDir, run, run_limited, s};

const PAIR_EN: &str = "Reports emerged that the ex-president had left Kazakhstan on Friday. But on Saturday a spokesman for the ex-president said he was still in the capital.";

/// Every label of a JSON report is the slice of its draft at its line and column.
fn labels_are_slices(json: &[u8], drafts: &[&std::path::Path]) {
    let sources: Vec<Source> = drafts
        .iter()
        .map(|p| {
            let path = s(p);
            Source::from_bytes(path, std::fs::read(p).unwrap(), markup_of(path)).unwrap()
        })
        .collect();
    let refs: Vec<&Source> = sources.iter().collect();
    if let Err(e) = check_json_labels(std::str::from_utf8(json).unwrap(), &refs) {
        panic!("{e}");
    }
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("valid JSON")
}

/// The finding of a rule in a JSON report (it must be there).
fn finding<'v>(v: &'v serde_json::Value, rule: &str) -> &'v serde_json::Value {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {v}"))
}

#[test]
fn invalid_utf8_names_the_file_and_byte_offset() {
    let d = TempDir::new("utf8");
    // a multi-byte character cut short at the very end
    let cut = d.file("cut.md", b"O Kremlin disse que sim \xc3");
    run(&["check", s(&cut)]).assert_error(&format!(
        "{}: not valid UTF-8 (invalid byte at offset 24)",
        s(&cut)
    ));
    // a Latin-1 byte in the middle of a line, through stdin
    let r = run_limited(
        &["check", "-"],
        Some(b"Tokayev said \xe9 was wrong."),
        Duration::from_secs(60),
    );
    r.assert_error("-: not valid UTF-8 (invalid byte at offset 13)");
}

#[test]
fn utf16_with_or_without_byte_order_mark() {
    let d = TempDir::new("utf16");
    let text: Vec<u8> = "Tokayev said he left."
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let le = d.file("le.txt", &text);
    run(&["check", s(&le)])
        .assert_error("looks like UTF-16 text (little-endian, without a byte-order mark)");
    let be: Vec<u8> = "Tokayev disse que saiu."
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    let bom_be = d.file("be.md", [&[0xFE, 0xFF][..], &be].concat());
    run(&["check", s(&bom_be)]).assert_error("looks like UTF-16 text (byte-order mark FE FF)");
    let no_bom_be = d.file("be2.md", &be);
    run(&["check", s(&no_bom_be)]).assert_error("big-endian, without a byte-order mark");
}

#[test]
fn binary_file_is_refused_with_the_offset_of_its_first_nul() {
    let d = TempDir::new("binary");
    let png = d.file("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    run(&["check", s(&png)]).assert_error("binary file (NUL byte at offset 8)");
    let late = d.file("late.txt", [PAIR_EN.as_bytes(), b"\0tail"].concat());
    run(&["check", s(&late)]).assert_error(&format!(
        "binary file (NUL byte at offset {})",
        PAIR_EN.len()
    ));
}

#[test]
fn empty_or_blank_drafts_are_refused() {
    let d = TempDir::new("blank");
    for (name, bytes) in [
        ("bom-only.md", "\u{feff}".as_bytes().to_vec()),
        (
            "unicode-spaces.txt",
            "\u{a0}\u{2003}\u{3000}\r\n\t".as_bytes().to_vec(),
        ),
        ("crlf-only.txt", b"\r\n\r\n".to_vec()),
    ] {
        let p = d.file(name, bytes);
        run(&["check", s(&p)]).assert_error(&format!("{}: empty draft", s(&p)));
    }
    // from stdin too
    run_limited(&["check", "-"], Some(b"   \n"), Duration::from_secs(60))
        .assert_error("-: empty draft");
}

#[test]
fn fifty_megabytes_without_a_newline() {
    let d = TempDir::new("50mb");
    // 50 MB on one line: two-word sentences of long words, then the contradiction at the end
    let mut text = String::with_capacity(50 << 20);
    let unit = format!("{} ends. ", "Longword".repeat(125));
    while text.len() + unit.len() + PAIR_EN.len() < 50 << 20 {
        text.push_str(&unit);
    }
    let at = text.len();
    text.push_str(PAIR_EN);
    assert!(!text.contains('\n') && text.len() > 49 << 20);
    let p = d.file("big.txt", &text);
    let r = run_limited(
        &["check", "--color", "never", s(&p)],
        None,
        Duration::from_secs(240),
    );
    r.assert_no_panic();
    assert_eq!(r.code(), Some(1), "{}", r.stderr);
    let out = r.out();
    assert!(
        out.contains("error[CC101]"),
        "{}",
        &out[..out.len().min(2000)]
    );
    // the location is line 1, at the character where "he was still" starts
    let col = text[..at + PAIR_EN.find("he was still").unwrap()]
        .chars()
        .count()
        + 1;
    assert!(out.contains(&format!("{}:1:{col}\n", s(&p))), "{out}");
    // the snippet shows an excerpt of the line, not 50 MB of it
    assert!(out.len() < 20_000, "report is {} bytes", out.len());
}

#[test]
fn one_sentence_of_a_megabyte() {
    let d = TempDir::new("1mb");
    let mut text = String::from("The spokesman said that ");
    while text.len() < 1 << 20 {
        text.push_str("the minister and the president of Kazakhstan and ");
    }
    text.push_str("everyone else had left Almaty on Friday.\n");
    let p = d.file("sentence.md", &text);
    let r = run_limited(
        &["sentences", "--format", "json", s(&p)],
        None,
        Duration::from_secs(120),
    );
    assert_eq!(r.code(), Some(0), "{}", r.stderr);
    let v = json(&r.stdout);
    let sents = v["sentences"].as_array().unwrap();
    assert_eq!(sents.len(), 1, "one sentence expected");
    assert_eq!(sents[0]["start"], 0);
    assert_eq!(sents[0]["end"].as_u64(), Some(text.len() as u64 - 1));
    let r = run_limited(
        &["check", "--format", "json", s(&p)],
        None,
        Duration::from_secs(120),
    );
    r.assert_no_panic();
    assert!(matches!(r.code(), Some(0 | 1)), "{}", r.stderr);
    labels_are_slices(&r.stdout, &[&p]);
    let v = json(&r.stdout);
    assert!(v["files"][0]["claims"].as_u64().unwrap() >= 1);
}

#[test]
fn a_hundred_thousand_quotation_marks() {
    let d = TempDir::new("quotes");
    let mut a = String::from("O Kremlin disse ");
    a.push_str(&"“".repeat(100_000));
    a.push_str(" que sim.\n");
    let mut b = String::from("He said ");
    for _ in 0..50_000 {
        b.push_str("\"x\" ");
    }
    b.push_str(".\n\n");
    b.push_str(PAIR_EN);
    b.push('\n');
    let pa = d.file("curly.md", &a);
    let pb = d.file("straight.md", &b);
    let r = run_limited(
        &["check", "--format", "json", s(&pa), s(&pb)],
        None,
        Duration::from_secs(120),
    );
    r.assert_no_panic();
    assert_eq!(r.code(), Some(1), "{}", r.stderr);
    labels_are_slices(&r.stdout, &[&pa, &pb]);
    // the contradiction after 50,000 quotations is still found
    finding(&json(&r.stdout), "CC101");
}

#[test]
fn unbalanced_quotes_stay_in_their_paragraph() {
    let d = TempDir::new("unbalanced");
    let text = format!(
        "“An opening mark that never closes, said Tokayev.\n\n\
         A closing mark with no opening” said Smith. «Mismatched” marks ’here.\n\n{PAIR_EN}\n"
    );
    let p = d.file("unbalanced.md", &text);
    let r = run(&["check", "--format", "json", s(&p)]);
    r.assert_no_panic();
    assert_eq!(r.code(), Some(1), "{}", r.stderr);
    labels_are_slices(&r.stdout, &[&p]);
    let v = json(&r.stdout);
    let f = finding(&v, "CC101");
    // both labels lie in the last paragraph: the unclosed quotation did not swallow it
    let last = text.rfind("Reports").unwrap() as u64;
    for l in f["labels"].as_array().unwrap() {
        assert!(l["start"].as_u64().unwrap() >= last, "{l}");
    }
    // claims never run across the paragraph break
    let r = run(&["claims", "--format", "json", s(&p)]);
    assert_eq!(r.code(), Some(0), "{}", r.stderr);
    for c in json(&r.stdout)["claims"].as_array().unwrap() {
        let t = c["content"]["text"].as_str().unwrap_or("");
        assert!(!t.contains("\n\n"), "a claim crosses a paragraph: {t:?}");
    }
}

#[test]
fn deeply_nested_quotes() {
    let d = TempDir::new("nested");
    let depth = 10_000;
    let opens = ["“", "«", "‘", "\""];
    let closes = ["”", "»", "’", "\""];
    let mut text = String::from("Smith said ");
    for k in 0..depth {
        text.push_str(opens[k % 4]);
        text.push_str("Jones said ");
    }
    text.push_str("nothing");
    for k in (0..depth).rev() {
        text.push_str(closes[k % 4]);
    }
    text.push_str(".\n\n");
    text.push_str(PAIR_EN);
    text.push('\n');
    let p = d.file("nested.md", &text);
    let r = run_limited(
        &["check", "--format", "json", s(&p)],
        None,
        Duration::from_secs(120),
    );
    r.assert_no_panic();
    assert_eq!(r.code(), Some(1), "{}", r.stderr);
    labels_are_slices(&r.stdout, &[&p]);
    let r = run_limited(
        &["graph", "--format", "json", s(&p)],
        None,
        Duration::from_secs(120),
    );
    assert_eq!(r.code(), Some(0), "{}", r.stderr);
    json(&r.stdout);
}

/// A deterministic name generator (no randomness in tests).
fn names(n: usize) -> Vec<String> {
    let syl = [
        "ka", "zo", "ri", "ma", "te", "lu", "no", "vi", "sa", "de", "po", "gu", "bel", "tor",
        "mir", "an",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut seen = std::collections::BTreeSet::new();
    while seen.len() < n {
        let mut w = |k: usize| {
            let mut s: String = (0..k).map(|_| syl[(next() % 16) as usize]).collect();
            s[..1].make_ascii_uppercase();
            s
        };
        let name = format!("{} {}", w(2), w(4));
        seen.insert(name);
    }
    seen.into_iter().collect()
}

#[test]
fn ten_thousand_different_names() {
    let d = TempDir::new("names");
    let mut text = String::new();
    for (k, n) in names(10_000).iter().enumerate() {
        let place = ["Kazakhstan", "Almaty", "Russia", "Moscow"][k % 4];
        text.push_str(&format!(
            "{n} said on Friday that the minister had left {place}.\n"
        ));
    }
    let p = d.file("names.txt", &text);
    let r = run_limited(
        &["claims", "--format", "json", s(&p)],
        None,
        Duration::from_secs(120),
    );
    assert_eq!(r.code(), Some(0), "{}", r.stderr);
    let v = json(&r.stdout);
    let speakers: std::collections::BTreeSet<String> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["speaker"]["text"].as_str().map(String::from))
        .collect();
    assert_eq!(
        speakers.len(),
        10_000,
        "every name is a speaker of its own claim"
    );
    let r = run_limited(
        &["check", "--format", "json", s(&p)],
        None,
        Duration::from_secs(120),
    );
    r.assert_no_panic();
    labels_are_slices(&r.stdout, &[&p]);
}

/// A draft listed at the start of a run is gone, or unreadable, by the time it is read: the
/// others are still checked, and the lost one is a clear error (exit 2). The timing is made
/// certain with a named pipe: with one thread, drafts are read in order, and the first one is
/// a pipe whose read waits until the test has removed the others.
#[cfg(unix)]
#[test]
fn a_draft_that_disappears_or_becomes_unreadable_during_a_run() {
    use std::io::Write;
    use std::process::Stdio;
    let d = TempDir::new("vanish");
    let fifo = d.path().join("a.md");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(ok.success());
    let gone = d.file("b.md", PAIR_EN);
    let unreadable = d.file("c.md", PAIR_EN);
    let child = support::bin()
        .args(["check", "--threads", "1", "--format", "json"])
        .args([&fifo, &gone, &unreadable])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // opening the pipe for writing waits until crosscheck opens it for reading: by then the
    // drafts are listed, and b.md and c.md are not read yet
    let writer = std::thread::spawn({
        let fifo = fifo.clone();
        let gone = gone.clone();
        let unreadable = unreadable.clone();
        move || {
            let mut w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
            std::fs::remove_file(&gone).unwrap();
            // a directory where the draft was: it cannot be read as a file
            std::fs::remove_file(&unreadable).unwrap();
            std::fs::create_dir(&unreadable).unwrap();
            w.write_all(PAIR_EN.as_bytes()).unwrap();
        }
    });
    let r = support::wait(child, Duration::from_secs(60));
    writer.join().unwrap();
    r.assert_no_panic();
    assert_eq!(r.code(), Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("{}: no such file or directory", s(&gone))),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!("{}: cannot read", s(&unreadable))),
        "{}",
        r.stderr
    );
    // the draft that was there is checked and reported
    let v = json(&r.stdout);
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    assert_eq!(v["files"][0]["path"], s(&fifo));
    finding(&v, "CC101");
}

#[cfg(unix)]
#[test]
fn a_directory_loop_through_symlinks() {
    let d = TempDir::new("loop");
    let a = d.file("drafts/a.md", PAIR_EN);
    d.file("drafts/sub/b.txt", PAIR_EN);
    std::os::unix::fs::symlink("..", d.path().join("drafts/sub/up")).unwrap();
    std::os::unix::fs::symlink(".", d.path().join("drafts/self")).unwrap();
    std::os::unix::fs::symlink(d.path().join("drafts"), d.path().join("drafts/sub/abs")).unwrap();
    let r = run(&["check", "--format", "json", s(&d.path().join("drafts"))]);
    r.assert_no_panic();
    assert_eq!(r.code(), Some(1), "{}", r.stderr);
    let v = json(&r.stdout);
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "each draft once: {files:?}");
    assert_eq!(files[0], s(&a));
    assert!(files[1].ends_with("drafts/sub/b.txt"), "{files:?}");
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_valid_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let d = TempDir::new("nonutf8");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    let p = d.path().join(name);
    std::fs::write(&p, PAIR_EN).unwrap();
    // given on the command line
    let r = support::wait(
        support::bin()
            .arg("check")
            .arg(&p)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
        Duration::from_secs(60),
    );
    r.assert_error("caf\u{fffd}.md: path is not valid UTF-8");
    // found while walking a directory
    let r = run(&["check", s(d.path())]);
    r.assert_error("caf\u{fffd}.md: path is not valid UTF-8");
}

#[test]
fn a_draft_given_twice_is_checked_once() {
    let d = TempDir::new("twice");
    let a = d.file("dir/a.md", PAIR_EN);
    let dot = format!("{}/./a.md", s(&d.path().join("dir")));
    #[cfg(unix)]
    std::os::unix::fs::symlink(&a, d.path().join("dir/z-link.md")).unwrap();
    // a hard link is the same file too (one device and inode)
    #[cfg(unix)]
    std::fs::hard_link(&a, d.path().join("dir/y-hard.md")).unwrap();
    let once = json(&run(&["check", "--format", "json", s(&a)]).stdout);
    let n = once["findings"].as_array().unwrap().len();
    assert!(n >= 1);
    // one draft in the report, with its findings once, under `smallest`
    let checked_once = |args: &[&str], smallest: &str| {
        let mut full = vec!["check", "--format", "json"];
        full.extend(args.iter().copied());
        let r = run(&full);
        assert_eq!(r.code(), Some(1), "{args:?}: {}", r.stderr);
        let v = json(&r.stdout);
        let files = v["files"].as_array().unwrap();
        assert_eq!(files.len(), 1, "{args:?}: {files:?}");
        assert_eq!(files[0]["path"], smallest, "{args:?}");
        assert_eq!(v["findings"].as_array().unwrap().len(), n, "{args:?}");
    };
    for args in [
        vec![s(&a), s(&a)],
        vec![dot.as_str(), s(&a)],
        vec![s(&a), dot.as_str()],
        vec![s(&d.path().join("dir")), s(&a)],
    ] {
        // under the smallest of its names, whatever the order of the arguments
        let smallest = args
            .iter()
            .copied()
            .filter(|x| x.ends_with(".md"))
            .min()
            .unwrap();
        checked_once(&args, smallest);
    }
    // met twice while walking directories: a hard link and a symlink beside the draft, a
    // symlink to its directory, two input directories one inside the other (every file of
    // the inner one met twice); the names are listed without holding the whole walk, so
    // these are the files it must remember
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.path().join("dir"), d.path().join("a-link")).unwrap();
    let dir = s(&d.path().join("dir")).to_string();
    let dot_dir = format!("{}/./dir", s(d.path()));
    let walked: [(Vec<&str>, String); 4] = [
        (vec![&dir], a.display().to_string()),
        (vec![s(d.path())], format!("{}/a-link/a.md", s(d.path()))),
        (vec![s(d.path()), &dot_dir], format!("{dot_dir}/a.md")),
        (vec![&dot_dir, &dir, s(d.path())], format!("{dot_dir}/a.md")),
    ];
    for (args, smallest) in walked {
        #[cfg(not(unix))]
        let smallest = smallest.replace("a-link", "dir");
        checked_once(&args, &smallest);
    }
    // stdin named twice is read once
    let r = run_limited(
        &["check", "--format", "json", "-", "-"],
        Some(PAIR_EN.as_bytes()),
        Duration::from_secs(60),
    );
    assert_eq!(r.code(), Some(1), "{}", r.stderr);
    assert_eq!(json(&r.stdout)["files"].as_array().unwrap().len(), 1);
}

#[test]
fn stdin_closed_early() {
    // closed before anything is written
    run_limited(&["check", "-"], None, Duration::from_secs(60)).assert_error("-: empty draft");
    // closed in the middle of a sentence: what arrived is checked
    let half = &PAIR_EN[..PAIR_EN.find("still").unwrap()];
    let r = run_limited(
        &["check", "--format", "json", "--lang", "en", "-"],
        Some(half.as_bytes()),
        Duration::from_secs(60),
    );
    assert_eq!(r.code(), Some(0), "{}", r.stderr);
    assert_eq!(json(&r.stdout)["files"][0]["path"], "-");
    // closed in the middle of a UTF-8 character: a clear error with the offset
    let cut = "Tokayev disse não".as_bytes();
    let r = run_limited(
        &["check", "-"],
        Some(&cut[..cut.len() - 2]),
        Duration::from_secs(60),
    );
    r.assert_error(&format!(
        "-: not valid UTF-8 (invalid byte at offset {})",
        cut.len() - 3
    ));
}

#[test]
fn output_to_a_closed_pipe_exits_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let d = TempDir::new("pipe");
    let big = d.drafts("big", 200, &format!("{PAIR_EN}\n"));
    for args in [
        vec!["check", "--color", "never"],
        vec!["check", "--format", "json"],
        vec!["claims"],
        vec!["graph", "--format", "dot"],
        vec!["sentences"],
    ] {
        // `crosscheck … big/ | head -1`
        let mut child = support::bin()
            .args(&args)
            .arg(&big)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty(), "{args:?}");
        // the reader is dropped: the pipe is closed
        let r = support::wait(child, Duration::from_secs(120));
        assert_eq!(r.code(), Some(0), "{args:?}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{args:?}: {}", r.stderr);
    }
    // errors to a closed stderr: still exit 2, no panic
    let bad = d.file("bad.md", b"\xff");
    let mut child = support::bin()
        .args(["check", s(&bad)])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2));
}

/// A report that lists every draft at its end (JSON, SARIF) or needs every count at its head
/// (JUnit) holds the long part in a temporary file; when there is no temporary directory to
/// put it in, the run says so and exits 2.
#[test]
fn a_long_report_without_a_temporary_directory() {
    let d = TempDir::new("tmpdir");
    let archive = d.drafts("archive", 1_000, &format!("{PAIR_EN}\n"));
    let missing = d.path().join("no-such-directory");
    for format in ["json", "sarif", "junit"] {
        let r = support::wait(
            support::bin()
                .args(["check", "--format", format, s(&archive)])
                .env("TMPDIR", &missing)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap(),
            Duration::from_secs(120),
        );
        r.assert_error("cannot create a temporary file for the report (TMPDIR)");
    }
    // with one, the report lists all 1,000 drafts, in order
    let r = run(&["check", "--format", "json", s(&archive)]);
    assert_eq!(r.code(), Some(1), "{}", r.stderr);
    let v = json(&r.stdout);
    let paths = v["files"].as_array().unwrap();
    assert_eq!(paths.len(), 1_000);
    assert!(
        paths
            .windows(2)
            .all(|w| w[0]["path"].as_str() < w[1]["path"].as_str())
    );
}

#[test]
fn drafts_over_the_size_limit() {
    let d = TempDir::new("limit");
    let p = d.file("a.md", PAIR_EN);
    let n = PAIR_EN.len();
    run(&["check", "--max-file-size", "100", s(&p)]).assert_error(&format!(
        "{}: file is {n} bytes, over the limit of 100 bytes (raise it with --max-file-size)",
        s(&p)
    ));
    // the limit is inclusive
    let r = run(&["check", "--max-file-size", &n.to_string(), s(&p)]);
    assert_eq!(r.code(), Some(1), "{}", r.stderr);
    // stdin is cut at the limit, not read whole
    let r = run_limited(
        &["check", "--max-file-size", "10", "-"],
        Some(PAIR_EN.as_bytes()),
        Duration::from_secs(60),
    );
    r.assert_error("-: file is 11 bytes, over the limit of 10 bytes");
    // not a number
    let r = run(&["check", "--max-file-size", "lots", s(&p)]);
    assert_eq!(r.code(), Some(2));
    assert!(r.stderr.contains("--max-file-size"), "{}", r.stderr);
}

/// The README's table of hostile inputs names a test for each row; each must exist here or in
/// `tests/cli.rs`.
#[test]
fn readme_table_rows_are_tests() {
    let sources = [
        include_str!("hostile.rs"),
        include_str!("cli.rs"),
        include_str!("integrity.rs"),
    ]
    .concat();
    let rows = support::readme_table_rows_are_tests("hostile", &sources);
    assert!(rows >= 17, "the table has {rows} rows");
}
