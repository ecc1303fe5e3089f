//! `--format gitlab`: a GitLab Code Quality report (the Code Climate issue subset GitLab
//! reads: `description`, `check_name`, `fingerprint`, `severity`, `location.path`,
//! `location.lines.begin`). Save it as the `codequality` report artifact of a job.
//! Severity: error → `major`, warning → `minor`, info → `info`. The fingerprint is the
//! baseline fingerprint plus the path, so it is unique per draft and survives edits elsewhere.

use serde::Serialize;

use super::{all_findings, place};
use crate::analysis::Analysis;
use crate::findings::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn render(files: &[Analysis]) -> String {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    let issues: Vec<Issue> = all_findings(files)
        .into_iter()
        .map(|(a, f)| {
            let p = place(a, f.primary());
            let mut description = format!("{}: {}", f.rule, f.message);
            for l in f.labels.iter().filter(|l| !l.primary) {
                let r = place(a, l);
                description.push_str(&format!(" (related: line {})", r.line));
            }
            // a repeated finding (same text twice) still needs a unique fingerprint
            let base = format!("{}:{}", a.source.path, crate::baseline::fingerprint(a, f));
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            let fingerprint = if *n == 1 { base } else { format!("{base}:{n}") };
            Issue {
                description,
                check_name: &f.rule,
                fingerprint,
                severity: match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Location {
                    path: &a.source.path,
                    lines: Lines {
                        begin: p.line,
                        end: p.end_line,
                    },
                },
            }
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_default();
    s.push('\n');
    s
}
