//! Nothing lost, nothing touched: crosscheck never modifies a draft (every command, every
//! format), never writes a report or a baseline over a draft, writes its own files atomically,
//! and reads a draft that is being rewritten as its old or its new content, or says it could
//! not. Rows of the README's hostile-input table.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use support::{TempDir, run, s};

const PAIR_EN: &str = "Reports emerged that the ex-president had left Kazakhstan on Friday. But on Saturday a spokesman for the ex-president said he was still in the capital.";

/// Every file under a directory: its bytes, modification time and permissions.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime, std::fs::Permissions)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.clone(),
                    (
                        std::fs::read(&p).unwrap(),
                        m.modified().unwrap(),
                        m.permissions(),
                    ),
                );
            }
        }
    }
    out
}

/// A checksum to print (FNV-1a), so a failure says which file changed and how.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_tree(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn drafts_are_never_modified() {
    let d = TempDir::new("untouched");
    let drafts = d.path().join("drafts");
    for sub in ["tests/fixtures", "examples", "tests/corpus"] {
        copy_tree(&support::root().join(sub), &drafts.join(sub));
    }
    let before = snapshot(&drafts);
    assert!(before.len() > 60, "{} files", before.len());
    let dr = s(&drafts);
    let out = d.path().join("out");
    let baseline = d.path().join("baseline.json");
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for f in [
        "human",
        "json",
        "sarif",
        "github",
        "rdjson",
        "junit",
        "checkstyle",
        "concise",
        "gitlab",
    ] {
        runs.push(vec!["check", "--format", f, "--fail-on", "never", dr]);
    }
    runs.extend([
        vec!["claims", "--format", "json", dr],
        vec!["claims", dr],
        vec!["graph", "--format", "dot", dr],
        vec!["graph", "--format", "json", dr],
        vec!["graph", "--format", "mermaid", dr],
        vec!["sentences", "--format", "json", dr],
        vec!["sentences", dr],
        vec!["entities", dr],
        vec!["events", dr],
        vec!["report", "--check", dr],
        vec!["report", "--out", s(&out), dr],
        vec!["report", "--format", "html", "--out", s(&out), dr],
        vec!["check", "--write-baseline", s(&baseline), dr],
        vec!["check", "--baseline", s(&baseline), dr],
    ]);
    for args in &runs {
        let r = run(args);
        r.assert_no_panic();
        assert!(matches!(r.code(), Some(0 | 1)), "{args:?}: {}", r.stderr);
    }
    let after = snapshot(&drafts);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files appeared or vanished among the drafts"
    );
    for (p, (bytes, mtime, perm)) in &before {
        let (b2, m2, p2) = &after[p];
        assert!(
            bytes == b2,
            "{}: checksum {:016x} became {:016x}",
            p.display(),
            fnv(bytes),
            fnv(b2)
        );
        assert_eq!(mtime, m2, "{}: modification time changed", p.display());
        assert_eq!(perm, p2, "{}: permissions changed", p.display());
    }
    // the reports and the baseline were written where asked, and no temporary file is left
    assert!(baseline.is_file());
    let written = snapshot(&out);
    assert!(
        written.len() >= 2 * before.len() / 3,
        "{} reports",
        written.len()
    );
    assert!(
        written
            .keys()
            .all(|p| !p.to_string_lossy().ends_with(".tmp")),
        "temporary files left behind"
    );
}

#[test]
fn reports_and_baselines_never_overwrite_a_draft() {
    let d = TempDir::new("overwrite");
    let a = d.file("a.md", PAIR_EN);
    // a draft that sits where a's report would go
    let report = d.file(
        "a.crosscheck.md",
        format!("{PAIR_EN}\n\nA second paragraph.\n"),
    );
    let before = snapshot(d.path());
    let r = run(&["report", s(&a), s(&report)]);
    r.assert_error("is a draft of this run");
    let r = run(&["check", "--write-baseline", s(&a), s(&a)]);
    r.assert_error("is a draft of this run");
    assert_eq!(snapshot(d.path()), before);
}

#[test]
fn atomic_writes_are_whole_under_concurrency() {
    // writers in several threads replace one file over and over while readers read it: every
    // read is one whole version, and no temporary file is left
    let d = TempDir::new("atomic");
    let target = d.path().join("report.md");
    let versions: Vec<Vec<u8>> = (0..8u8)
        .map(|k| vec![b'a' + k; 64 * 1024 + k as usize])
        .collect();
    crosscheck::atomic::write(&target, &versions[0]).unwrap();
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|sc| {
        let writers: Vec<_> = (0..4)
            .map(|k| {
                let (target, versions) = (&target, &versions);
                sc.spawn(move || {
                    for i in 0..50 {
                        crosscheck::atomic::write(target, &versions[(k + i) % versions.len()])
                            .unwrap();
                    }
                })
            })
            .collect();
        let reader = sc.spawn(|| {
            let mut reads = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let got = std::fs::read(&target).unwrap();
                assert!(
                    versions.contains(&got),
                    "a read saw a partial write ({} bytes)",
                    got.len()
                );
                reads += 1;
            }
            reads
        });
        for w in writers {
            w.join().unwrap();
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
    });
    let left: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec!["report.md".to_string()]);
    // a failed write leaves the old file and no temporary file
    let bad = d.path().join("missing-dir").join("r.md");
    assert!(crosscheck::atomic::write(&bad, b"x").is_err());
    let dir_target = d.path().join("a-directory");
    std::fs::create_dir(&dir_target).unwrap();
    assert!(crosscheck::atomic::write(&dir_target, b"x").is_err());
    let mut left: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        vec!["a-directory".to_string(), "report.md".to_string()]
    );
}

/// Sets its flag when dropped, panics included.
struct StopOnDrop<'a>(&'a std::sync::atomic::AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Rewrite `path` over and over, alternating two versions, until `stop`; `in_place` truncates
/// and writes the file itself (a mix is possible while it is written), otherwise a new file is
/// renamed over it (as editors save).
fn rewriter(
    path: PathBuf,
    a: String,
    b: String,
    in_place: bool,
    stop: &std::sync::atomic::AtomicBool,
) {
    use std::io::Write;
    let mut k = 0u64;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        let text = if k.is_multiple_of(2) { &a } else { &b };
        if in_place {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&path)
                .unwrap();
            for chunk in text.as_bytes().chunks(4096) {
                f.write_all(chunk).unwrap();
            }
        } else {
            let tmp = path.with_extension("tmp-editor");
            std::fs::write(&tmp, text).unwrap();
            std::fs::rename(&tmp, &path).unwrap();
        }
        k += 1;
    }
}

#[test]
fn a_draft_rewritten_while_it_is_read() {
    // two versions of one draft, each a known number of sentences of one word
    let n = 20_000;
    let a: String = "Alpha went home. ".repeat(n);
    let b: String = "Bravo went home. ".repeat(n);
    for in_place in [false, true] {
        let d = TempDir::new("rewrite");
        let p = d.file("draft.txt", &a);
        let stop = std::sync::atomic::AtomicBool::new(false);
        let (mut old, mut new, mut refused, mut part) = (0, 0, 0, 0);
        std::thread::scope(|sc| {
            let (pa, aa, bb, st) = (p.clone(), a.clone(), b.clone(), &stop);
            sc.spawn(move || rewriter(pa, aa, bb, in_place, st));
            // the rewriter stops when this body ends, also by a failed assertion (else the
            // scope would wait for it forever and the test would hang instead of failing)
            let _stop = StopOnDrop(&stop);
            for _ in 0..12 {
                let r = run(&["sentences", "--format", "json", s(&p)]);
                r.assert_no_panic();
                if r.code() == Some(2) {
                    // the only acceptable errors say what happened
                    assert!(
                        r.stderr.contains("changed while it was being read")
                            || r.stderr.contains("empty draft"),
                        "{}",
                        r.stderr
                    );
                    refused += 1;
                    continue;
                }
                assert_eq!(r.code(), Some(0), "{}", r.stderr);
                let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
                let sents = v["sentences"].as_array().unwrap();
                let alpha = sents
                    .iter()
                    .filter(|x| x["text"] == "Alpha went home.")
                    .count();
                let bravo = sents
                    .iter()
                    .filter(|x| x["text"] == "Bravo went home.")
                    .count();
                // one whole version, never a mix. A file rewritten in place holds the
                // first part of its new version while it is written: if the writer stalls
                // (the machine is busy) for longer than two reads, that part is what the file
                // is, and no reader can tell it from a finished file. Only in place.
                match (alpha, bravo) {
                    (x, 0) if x == n => old += 1,
                    (0, x) if x == n => new += 1,
                    (x, 0) | (0, x) if in_place && x < n => part += 1,
                    _ => panic!(
                        "in place = {in_place}: read {alpha} Alpha and {bravo} Bravo sentences of {n}"
                    ),
                }
            }
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        eprintln!(
            "in place = {in_place}: {old} old, {new} new, {part} part of one, {refused} refused"
        );
        assert_eq!(old + new + part + refused, 12);
        if !in_place {
            assert_eq!(refused, 0, "an atomic replacement is always readable");
        }
    }
}
