//! Helpers for the robustness tests: temporary directories that clean up after themselves, and
//! runs of the real binary with a time limit (a hang fails the test instead of stalling it).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh directory under the system's temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "crosscheck-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Write a file (creating parent directories) and return its path.
    pub fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl TempDir {
    /// `n` drafts of `text` in the directory `rel` (`rel/0000.md`, …, named so that they sort
    /// in their order); returns the directory.
    pub fn drafts(&self, rel: &str, n: usize, text: &str) -> PathBuf {
        for k in 0..n {
            self.file(&format!("{rel}/{k:04}.md"), text);
        }
        self.0.join(rel)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    c.current_dir(root()).env_remove("RUST_BACKTRACE");
    c
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }
    pub fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    /// Exit code 2 with `needle` in the error message, and no panic.
    pub fn assert_error(&self, needle: &str) {
        assert_eq!(
            self.code(),
            Some(2),
            "expected exit 2; stderr: {}",
            self.stderr
        );
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}: {}",
            self.stderr
        );
        self.assert_no_panic();
    }
    pub fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked") && self.code() != Some(101),
            "crosscheck panicked: {}",
            self.stderr
        );
    }
}

fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = r.read_to_end(&mut v);
        v
    })
}

/// Wait for a child, killing it (and failing) past `limit`.
pub fn wait(mut child: Child, limit: Duration) -> Run {
    let t0 = Instant::now();
    let out = child.stdout.take().map(drain);
    let err = child.stderr.take().map(drain);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t0.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("crosscheck did not finish within {limit:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        status,
        stdout: out.map(|h| h.join().unwrap()).unwrap_or_default(),
        stderr: String::from_utf8_lossy(&err.map(|h| h.join().unwrap()).unwrap_or_default())
            .into_owned(),
        elapsed: t0.elapsed(),
    }
}

/// Run the binary with `args`, optional stdin bytes, and a time limit.
pub fn run_limited(args: &[&str], stdin: Option<&[u8]>, limit: Duration) -> Run {
    let mut c = bin();
    c.args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = c.spawn().expect("spawn crosscheck");
    if let Some(bytes) = stdin {
        let mut w = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = w.write_all(&bytes);
        });
    }
    wait(child, limit)
}

/// Run with a generous default limit (the binary is built with optimisations in tests; see
/// `[profile.dev]` in Cargo.toml).
pub fn run(args: &[&str]) -> Run {
    run_limited(args, None, Duration::from_secs(120))
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The README table between `<!-- {marker}:start -->` and `<!-- {marker}:end -->` names, in
/// its last column, one test per row: each must be a `fn` in `sources`. Returns the row count.
pub fn readme_table_rows_are_tests(marker: &str, sources: &str) -> usize {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find(&format!("<!-- {marker}:start -->"))
        .unwrap_or_else(|| panic!("README lacks the {marker} table"));
    let end = readme.find(&format!("<!-- {marker}:end -->")).unwrap();
    let mut rows = 0;
    for line in readme[start..end]
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2)
    {
        let test = line.rsplit('|').nth(1).unwrap().trim().trim_matches('`');
        assert!(
            sources.contains(&format!("fn {test}()")),
            "README row names test {test:?}, which does not exist"
        );
        rows += 1;
    }
    rows
}
