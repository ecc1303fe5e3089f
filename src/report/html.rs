//! `crosscheck report --format html`: one self-contained HTML file per draft with the same
//! content as the Markdown report, and the graph drawn as inline SVG. No script, no network:
//! styles are inline, and fonts are the reader's own.

use std::fmt::Write;

use super::markdown::{claim_rows, findings, summary_line};
use super::{place, xml_escape as x};
use crate::analysis::Analysis;
use crate::findings::Severity;

/// Finding card colours (the HTML test looks for them in a screenshot).
pub const ERROR_BG: &str = "#fce4d6";
pub const WARNING_BG: &str = "#fff4d6";
pub const INFO_BG: &str = "#e8f0fe";

const STYLE: &str = "body{font-family:'DejaVu Sans',Arial,sans-serif;color:#111;background:#fff;margin:0}\
main{max-width:1200px;margin:0 auto;padding:16px 24px}\
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}\
.summary{font-size:15px}\
.finding{border-left:8px solid #b91c1c;padding:10px 14px;margin:12px 0}\
.finding.error{background:#fce4d6;border-color:#b91c1c}\
.finding.warning{background:#fff4d6;border-color:#b45309}\
.finding.info{background:#e8f0fe;border-color:#1d4ed8}\
.finding h3{font-size:15px;margin:0 0 6px}\
blockquote{margin:4px 0 8px 0;padding:4px 10px;background:#fff;border-left:3px solid #999}\
.label{font-size:13px;color:#333}\
table{border-collapse:collapse;font-size:12px;width:100%}\
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}\
tr.flagged td{background:#fff0f0}\
.graph-box{overflow-x:auto}";

/// The HTML report of one checked draft.
pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    let path = x(&a.source.path);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>crosscheck report: {path}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    );
    let _ = writeln!(out, "<h1>crosscheck report: <code>{path}</code></h1>");
    let _ = writeln!(
        out,
        "<p class=\"summary\"><strong>Summary:</strong> {}</p>",
        x(&summary_line(a))
    );
    out.push_str("<h2>Findings</h2>\n");
    let fs = findings(a);
    if fs.is_empty() {
        out.push_str("<p>No findings.</p>\n");
    }
    for (k, f) in fs.iter().enumerate() {
        let class = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let p = place(a, f.primary());
        let _ = writeln!(
            out,
            "<section class=\"finding {class}\" id=\"finding-{}\">\n<h3>{}. {class} {} <code>{}</code> (line {})</h3>\n<p>{}</p>",
            k + 1,
            k + 1,
            x(&f.rule),
            x(&f.name),
            p.line,
            x(&f.message)
        );
        for l in &f.labels {
            let q = place(a, l);
            let _ = writeln!(
                out,
                "<div class=\"label\">line {}, column {}{}: {}</div>\n<blockquote>{}</blockquote>",
                q.line,
                q.column,
                if l.primary { " (reported here)" } else { "" },
                x(&l.message),
                x(&super::one_line(q.text))
            );
        }
        if !f.reasoning.is_empty() {
            out.push_str("<details open><summary>Reasoning</summary><ul>\n");
            for r in &f.reasoning {
                let _ = writeln!(out, "<li>{}</li>", x(r));
            }
            out.push_str("</ul></details>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("<h2>Who said what</h2>\n");
    let rows = claim_rows(a);
    if rows.is_empty() {
        out.push_str("<p>No attributed claims.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th>claim</th><th>line</th><th>speaker</th><th>cue</th><th>content</th><th>time</th><th>certainty</th></tr></thead>\n<tbody>\n");
        for r in &rows {
            let _ = writeln!(
                out,
                "<tr{}><td>c{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                if r.flagged { " class=\"flagged\"" } else { "" },
                r.id,
                r.line,
                x(&r.speaker),
                x(&r.cue),
                x(&r.content),
                x(&r.time),
                r.certainty
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("<h2>Graph</h2>\n<p>Sources, claims, people and places; contradictions are the thick red links.</p>\n<div class=\"graph-box\">\n");
    let g = crate::graph::build(a);
    out.push_str(&super::svg::render(&g));
    out.push_str("</div>\n</main>\n</body>\n</html>\n");
    out
}
