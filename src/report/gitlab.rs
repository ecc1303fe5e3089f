//! `--format gitlab`: a GitLab Code Quality report (the Code Climate issue subset GitLab
//! reads: `description`, `check_name`, `fingerprint`, `severity`, `location.path`,
//! `location.lines.begin`). Save it as the `codequality` report artifact of a job.
//! Severity: error → `major`, warning → `minor`, info → `info`. The fingerprint is the
//! baseline fingerprint plus the path, so it is unique per draft and survives edits elsewhere.

use serde::Serialize;

use super::{Report, Totals, close_array, json_elements, place, render_all, sorted_findings};
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

/// The GitLab Code Quality report: one JSON array.
pub struct Gitlab;

pub fn render(files: &[Analysis]) -> String {
    render_all(&Gitlab, files)
}

impl Report for Gitlab {
    fn head(&self, _: &Totals, out: &mut String) {
        out.push('[');
    }

    fn joints(&self) -> (&'static str, &'static str) {
        ("\n", ",\n")
    }

    fn tail(&self, totals: &Totals, out: &mut String) {
        close_array(totals, 0, out);
        out.push('\n');
    }

    fn draft(&self, a: &Analysis) -> String {
        // fingerprints start with the path, so repeats are counted within a draft
        let mut seen = std::collections::BTreeMap::<String, usize>::new();
        let issues = sorted_findings(a).into_iter().map(|f| {
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
        });
        json_elements(issues, 2)
    }
}
