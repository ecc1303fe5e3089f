//! `crosscheck report`: writes one report file per draft, or with `--check` compares the
//! files on disk with what would be written and prints a unified diff of each stale one
//! (exit 1), as `cargo insta test --check` does.
//!
//! Where reports go: next to each draft as `NAME.crosscheck.md` (or `.html`); with
//! `--out DIR`, under DIR at the draft's relative path (an absolute path, or one that climbs
//! out with `..`, keeps only its file name). Directory walks never read `*.crosscheck.md`.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use crate::batch::Batch;
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::Error;

/// The report file of a draft.
pub fn report_path(draft: &str, out: Option<&Path>, format: ReportFormat) -> PathBuf {
    let ext = match format {
        ReportFormat::Markdown => "crosscheck.md",
        ReportFormat::Html => "crosscheck.html",
    };
    let p = Path::new(draft);
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".into());
    let name = format!("{stem}.{ext}");
    match out {
        None => p.with_file_name(name),
        Some(dir) => {
            let inside = p.is_relative()
                && p.components()
                    .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
            if inside {
                dir.join(p).with_file_name(name)
            } else {
                dir.join(name)
            }
        }
    }
}

/// A unified diff, old (on disk) to new (fresh).
pub fn diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("{path} (on disk)"), &format!("{path} (fresh)"))
        .to_string()
}

pub fn run(args: &ReportArgs) -> Result<ExitCode, Error> {
    let inputs = args.common.inputs();
    let batch = Batch::prepare(&inputs)?;
    // every report is a file of its own, so the list of drafts is held here
    let drafts: Vec<String> = batch
        .drafts()
        .map(|d| d.map(|(p, _)| p))
        .collect::<Result<_, _>>()?;
    if drafts.iter().any(|p| p == "-") {
        return Err(Error::Usage(
            "report needs draft files, not standard input".into(),
        ));
    }
    // two drafts must not write one report, nor a report write over a draft (checked before
    // anything is read or written)
    let files =
        (!args.check).then(|| crate::source::DraftFiles::new(drafts.iter().map(|p| p.as_str())));
    let mut targets = std::collections::BTreeMap::new();
    for path in &drafts {
        let t = report_path(path, args.out.as_deref(), args.format);
        if let Some(d) = files.as_ref().and_then(|f| f.at(&t)) {
            return Err(Error::Usage(format!(
                "{}: is a draft of this run ({d}); crosscheck never writes over a draft",
                t.display()
            )));
        }
        if let Some(prev) = targets.insert(t.clone(), path.as_str()) {
            return Err(Error::Usage(format!(
                "{} and {} would both write {}",
                prev,
                path,
                t.display()
            )));
        }
    }
    drop(targets);
    drop(files);
    drop(drafts);
    // each draft is analysed and its report rendered on a worker; reports are compared or
    // written in path order, a window of drafts at a time (memory does not grow with the
    // number of drafts)
    let render = |path: &str, _: &_, a: crate::Analysis| {
        let text = match args.format {
            ReportFormat::Markdown => super::markdown::render(&a),
            ReportFormat::Html => super::html::render(&a),
        };
        (report_path(path, args.out.as_deref(), args.format), text)
    };
    let (mut stale, mut fresh) = (0usize, 0usize);
    let errors = batch.stream(true, render, |(target, text)| -> Result<(), Error> {
        if args.check {
            let shown = target.display().to_string();
            match std::fs::read(&target) {
                Ok(bytes) if bytes == text.as_bytes() => fresh += 1,
                Ok(bytes) => {
                    stale += 1;
                    let d = diff(&shown, &String::from_utf8_lossy(&bytes), &text);
                    super::super::cli::emit_pub(&d).map_err(Error::Output)?;
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    stale += 1;
                    super::super::cli::emit_pub(&format!("{shown}: missing\n"))
                        .map_err(Error::Output)?;
                }
                Err(e) => {
                    return Err(Error::Usage(format!("{shown}: cannot read: {e}")));
                }
            }
        } else {
            if let Some(dir) = target.parent()
                && !dir.as_os_str().is_empty()
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::Usage(format!("{}: cannot create: {e}", dir.display())))?;
            }
            crate::atomic::write(&target, text.as_bytes())
                .map_err(|e| Error::Usage(format!("{}: cannot write: {e}", target.display())))?;
            crate::cli::stderr_line(format_args!("crosscheck: wrote {}", target.display()));
        }
        Ok(())
    })?;
    if errors > 0 {
        return Ok(ExitCode::from(2));
    }
    if args.check {
        if stale > 0 {
            crate::cli::stderr_line(format_args!(
                "crosscheck: {stale} report{} out of date; run `crosscheck report` without --check and commit the result",
                super::plural(stale)
            ));
            return Ok(ExitCode::from(1));
        }
        crate::cli::stderr_line(format_args!(
            "crosscheck: {} report{} up to date",
            fresh,
            super::plural(fresh)
        ));
    }
    Ok(ExitCode::from(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_paths() {
        let md = ReportFormat::Markdown;
        assert_eq!(
            report_path("drafts/a.md", None, md),
            PathBuf::from("drafts/a.crosscheck.md")
        );
        assert_eq!(
            report_path("drafts/a.txt", Some(Path::new("out")), ReportFormat::Html),
            PathBuf::from("out/drafts/a.crosscheck.html")
        );
        assert_eq!(
            report_path("/abs/b.md", Some(Path::new("out")), md),
            PathBuf::from("out/b.crosscheck.md")
        );
        assert_eq!(
            report_path("../up/c.md", Some(Path::new("out")), md),
            PathBuf::from("out/c.crosscheck.md")
        );
    }
}
