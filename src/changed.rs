//! `--changed-since REV`: only drafts that git says changed since a revision.
//!
//! git runs as a process: `git diff --name-only -z REV --` (committed and uncommitted
//! changes against REV, in the work tree) plus `git ls-files --others --exclude-standard -z`
//! (new files not yet added). Deleted files are gone and so never checked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::absolute;
use crate::error::Error;

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Error::Usage(format!("--changed-since: cannot run git: {e}")))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(Error::Usage(format!(
            "--changed-since: git {} failed: {}",
            args.join(" "),
            msg.trim()
        )));
    }
    Ok(out.stdout)
}

/// The canonical path (symlinks resolved), or the lexical absolute path if it cannot be had.
fn real(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| absolute(p))
}

/// Absolute paths of the files changed since `rev` in the repository holding `dir`.
pub fn changed_files(dir: &Path, rev: &str) -> Result<BTreeSet<PathBuf>, Error> {
    if rev.starts_with('-') {
        return Err(Error::Usage(format!(
            "--changed-since: {rev:?} is not a revision"
        )));
    }
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
    let verify = format!("{rev}^{{commit}}");
    git(dir, &["rev-parse", "--verify", "--quiet", &verify])
        .map_err(|_| Error::Usage(format!("--changed-since: unknown revision {rev:?}")))?;
    let mut out = BTreeSet::new();
    for bytes in [
        git(
            &top,
            &["diff", "--name-only", "-z", "--diff-filter=d", rev, "--"],
        )?,
        git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?,
    ] {
        for name in bytes.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            out.insert(real(&top.join(String::from_utf8_lossy(name).as_ref())));
        }
    }
    Ok(out)
}

/// The files that changed since a revision (see [`changed_files`]).
pub struct Changed(BTreeSet<PathBuf>);

impl Changed {
    pub fn since(rev: &str) -> Result<Changed, Error> {
        let cwd = std::env::current_dir()
            .map_err(|e| Error::Usage(format!("--changed-since: no current directory: {e}")))?;
        Ok(Changed(changed_files(&cwd, rev)?))
    }

    /// Whether the draft changed. `-` (stdin) always counts as changed.
    pub fn keeps(&self, path: &str) -> bool {
        path == "-" || self.0.contains(&real(Path::new(path)))
    }
}
