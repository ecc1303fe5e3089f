//! Renderers: one module per output format. They read analysed drafts and write text.
//! Byte offsets become lines and columns only here.

pub mod checkstyle;
pub mod concise;
pub mod files;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod rdjson;
pub mod sarif;
pub mod stages;
pub mod svg;

use crate::analysis::Analysis;
use crate::findings::{Category, Finding, Label, Severity};
use crate::rules::RuleSpec;

/// What a renderer needs to know about a rule (SARIF `tool.driver.rules`, help links).
#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub severity: Severity,
    pub what: String,
    pub why: String,
}

impl RuleMeta {
    pub fn from_spec(r: &RuleSpec) -> RuleMeta {
        RuleMeta {
            id: r.id.clone(),
            name: r.name.clone(),
            category: r.category,
            severity: r.severity,
            what: one_line(&r.what),
            why: one_line(&r.why),
        }
    }

    /// CC001, the finding about suppression comments.
    pub fn unused_suppression() -> RuleMeta {
        use crate::suppress::*;
        RuleMeta {
            id: RULE_ID.into(),
            name: RULE_NAME.into(),
            category: Category::Directive,
            severity: RULE_SEVERITY,
            what: RULE_WHAT.into(),
            why: RULE_WHY.into(),
        }
    }
}

/// The rules of a rule set plus CC001, sorted by id.
pub fn rule_metas(rules: &[RuleSpec]) -> Vec<RuleMeta> {
    let mut v: Vec<RuleMeta> = rules.iter().map(RuleMeta::from_spec).collect();
    v.push(RuleMeta::unused_suppression());
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

/// Collapse white space (rule texts are wrapped in their files).
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 1-based column counted in UTF-8 bytes (rdjson, checkstyle-free tools that want bytes).
pub fn byte_column(a: &Analysis, offset: usize) -> usize {
    let line = a.source.lines.line_of(offset);
    offset - a.source.lines.line_start(line) + 1
}

/// XML text and attribute escaping (JUnit, checkstyle, HTML, SVG).
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // characters XML 1.0 cannot hold
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Plural "s".
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A label with its position and text, as every renderer shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Place<'a> {
    pub file: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: &'a str,
    pub message: &'a str,
    pub primary: bool,
}

pub fn place<'a>(a: &'a Analysis, l: &'a Label) -> Place<'a> {
    let (line, column) = a.source.line_col(l.start);
    let (end_line, end_column) = a.source.line_col(l.end);
    Place {
        file: &a.source.path,
        start: l.start,
        end: l.end,
        line,
        column,
        end_line,
        end_column,
        text: &a.source.text[l.start..l.end],
        message: &l.message,
        primary: l.primary,
    }
}

/// A finding's first line in the plain-text formats: `path:line:col: severity[rule] message`,
/// at its primary place.
pub fn headline(p: &Place, f: &Finding) -> String {
    format!(
        "{}:{}:{}: {}[{}] {}",
        p.file,
        p.line,
        p.column,
        f.severity.as_str(),
        f.rule,
        f.message
    )
}

/// What a report's head and tail say about the drafts: their counts.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    pub claims: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// How many drafts.
    pub count: usize,
    /// Drafts whose part of the report is not empty (a JSON array's commas depend on it).
    pub parts: usize,
}

impl Totals {
    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// One draft, as the head or tail of a report lists it.
#[derive(Clone, Debug)]
pub struct DraftMeta {
    pub path: String,
    pub lang: &'static str,
    pub markup: crate::source::Markup,
    pub claims: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl DraftMeta {
    pub fn of(a: &Analysis) -> DraftMeta {
        let count = |s: Severity| a.findings.iter().filter(|f| f.severity == s).count();
        DraftMeta {
            path: a.source.path.clone(),
            lang: a.lang.code,
            markup: a.source.markup,
            claims: a.claim_count(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

/// A report that is written draft by draft: `check` renders each draft's part as soon as the
/// draft is checked (on any thread) and writes the parts in path order, so it never holds
/// every draft at once. A part reads only its own draft; whatever needs every draft (counts,
/// the list of files) comes from [`Totals`] in the head or the tail.
pub trait Report: Sync {
    /// Written before the first part; with [`Report::totals_first`], once every part is in.
    fn head(&self, _totals: &Totals, _out: &mut String) {}
    /// One draft's part, findings in output order (position, then rule).
    fn draft(&self, a: &Analysis) -> String;
    /// Written before the first non-empty part, and between two non-empty parts.
    fn joints(&self) -> (&'static str, &'static str) {
        ("", "")
    }
    /// Written after the last part.
    fn tail(&self, _totals: &Totals, _out: &mut String) {}
    /// The tail goes on with a JSON array of every draft (JSON's `files`, SARIF's
    /// `artifacts`), `depth` spaces deep, then [`Report::end`]. Each draft's element
    /// ([`Report::listed`]) is rendered when the draft comes, and held in a temporary file
    /// once there are many, so the report keeps no entry per draft in memory.
    fn draft_list(&self) -> Option<usize> {
        None
    }
    /// One draft's element of the tail's array of drafts.
    fn listed(&self, _draft: &DraftMeta, _out: &mut String) {}
    /// Written after the tail's array of drafts.
    fn end(&self, _totals: &Totals, _out: &mut String) {}
    /// The head needs the totals (JUnit's counts come first), so the parts are held (in a
    /// temporary file once they are long) until the end instead of being written at once.
    fn totals_first(&self) -> bool {
        false
    }
}

/// Text is written out in pieces of at least this size (not a system call per draft).
const FLUSH_AT: usize = 64 * 1024;

/// Text held until the end of a report: in memory while it is short, then in an unnamed
/// temporary file (the system deletes it when it is closed, even if crosscheck is killed).
/// A report over a newsroom's archive thus holds a bounded amount of text, whatever the number
/// of drafts.
#[derive(Default)]
struct Held {
    file: Option<std::fs::File>,
    text: String,
}

impl Held {
    /// Move the text to the file once it is long.
    fn keep(&mut self) -> std::io::Result<()> {
        use std::io::Write;
        if self.text.len() < FLUSH_AT {
            return Ok(());
        }
        let file = match &mut self.file {
            Some(f) => f,
            None => self.file.insert(tempfile::tempfile().map_err(|e| {
                std::io::Error::new(
                    e.kind(),
                    format!("cannot create a temporary file for the report (TMPDIR): {e}"),
                )
            })?),
        };
        file.write_all(self.text.as_bytes())?;
        self.text.clear();
        Ok(())
    }

    /// Write everything held to `out`, in order.
    fn write_to(&mut self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        use std::io::Seek;
        if let Some(mut file) = self.file.take() {
            file.seek(std::io::SeekFrom::Start(0))?;
            std::io::copy(&mut file, out)?;
        }
        out.write_all(self.text.as_bytes())?;
        self.text = String::new();
        Ok(())
    }
}

/// Writes a [`Report`] part by part to `out`.
pub struct Writer<'r, W: std::io::Write> {
    report: &'r dyn Report,
    out: W,
    totals: Totals,
    /// Text not yet written (everything, for a report whose head needs the totals).
    held: Held,
    /// The elements of the tail's array of drafts so far ([`Report::draft_list`]).
    list: Held,
}

impl<'r, W: std::io::Write> Writer<'r, W> {
    pub fn new(report: &'r dyn Report, out: W) -> Self {
        let mut held = Held::default();
        if !report.totals_first() {
            report.head(&Totals::default(), &mut held.text);
        }
        Writer {
            report,
            out,
            totals: Totals::default(),
            held,
            list: Held::default(),
        }
    }

    /// The next draft in path order, and its part of the report.
    pub fn push(&mut self, draft: DraftMeta, part: &str) -> std::io::Result<()> {
        if !part.is_empty() {
            let (first, then) = self.report.joints();
            let text = &mut self.held.text;
            text.push_str(if self.totals.parts == 0 { first } else { then });
            text.push_str(part);
            self.totals.parts += 1;
        }
        if let Some(depth) = self.report.draft_list() {
            let text = &mut self.list.text;
            text.push_str(if self.totals.count == 0 { "\n" } else { ",\n" });
            text.extend(std::iter::repeat_n(' ', depth + 2));
            self.report.listed(&draft, text);
            self.list.keep()?;
        }
        self.totals.claims += draft.claims;
        self.totals.errors += draft.errors;
        self.totals.warnings += draft.warnings;
        self.totals.infos += draft.infos;
        self.totals.count += 1;
        if self.report.totals_first() {
            self.held.keep()?;
        } else if self.held.text.len() >= FLUSH_AT {
            self.out.write_all(self.held.text.as_bytes())?;
            self.held.text.clear();
        }
        Ok(())
    }

    /// Write the tail (and, for a report whose head needs the totals, everything).
    pub fn finish(mut self) -> std::io::Result<(W, Totals)> {
        if self.report.totals_first() {
            let mut head = String::new();
            self.report.head(&self.totals, &mut head);
            self.out.write_all(head.as_bytes())?;
        }
        self.held.write_to(&mut self.out)?;
        let mut tail = String::new();
        self.report.tail(&self.totals, &mut tail);
        if let Some(depth) = self.report.draft_list() {
            tail.push('[');
            self.out.write_all(tail.as_bytes())?;
            self.list.write_to(&mut self.out)?;
            tail.clear();
            if self.totals.count > 0 {
                tail.push('\n');
                tail.extend(std::iter::repeat_n(' ', depth));
            }
            tail.push(']');
            self.report.end(&self.totals, &mut tail);
        }
        self.out.write_all(tail.as_bytes())?;
        self.out.flush()?;
        Ok((self.out, self.totals))
    }
}

/// A whole report of drafts already analysed (sorted by path), as one string.
pub fn render_all(report: &dyn Report, files: &[Analysis]) -> String {
    let mut w = Writer::new(report, Vec::new());
    for a in files {
        let part = report.draft(a);
        // writing to a Vec cannot fail
        let _ = w.push(DraftMeta::of(a), &part);
    }
    match w.finish() {
        Ok((bytes, _)) => String::from_utf8(bytes).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// A draft's findings in output order: position, then rule.
pub fn sorted_findings<'a>(a: &'a Analysis) -> Vec<&'a Finding> {
    let mut v: Vec<&Finding> = a.findings.iter().collect();
    v.sort_by_cached_key(|f| f.sort_key());
    v
}

/// A value as pretty JSON (serde_json's layout) nested `depth` spaces deep (an even number):
/// the first line is not indented, the others are.
pub fn nested_json<T: serde::Serialize>(v: &T, depth: usize) -> String {
    let mut out = String::new();
    let mut buf = Vec::new();
    push_nested_json(&mut out, &mut buf, v, depth);
    out
}

/// serde_json's pretty layout (two spaces a level) started `level` levels deep, so a value
/// is written nested in one pass (the same steps as `serde_json::ser::PrettyFormatter`, whose
/// starting level cannot be set).
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b)
    }

    /// `]` or `}`: on a line of its own when something was in it.
    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b)
    }

    /// Before an element or a key: a comma after the one before, a new line, the indent.
    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// [`nested_json`] appended to `out`.
pub fn push_json_value<T: serde::Serialize>(out: &mut String, v: &T, depth: usize) {
    push_nested_json(out, &mut Vec::new(), v, depth);
}

/// [`nested_json`] appended to `out`, through the scratch buffer `buf`.
fn push_nested_json<T: serde::Serialize>(out: &mut String, buf: &mut Vec<u8>, v: &T, depth: usize) {
    buf.clear();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *buf,
        Nested {
            level: depth / 2,
            has_value: false,
        },
    );
    if v.serialize(&mut ser).is_ok() {
        // serde_json writes UTF-8
        out.push_str(std::str::from_utf8(buf).unwrap_or_default());
    }
}

/// Array elements as pretty JSON, `depth` spaces deep, joined by commas (one draft's part of
/// a JSON array).
pub fn json_elements<T: serde::Serialize>(
    items: impl IntoIterator<Item = T>,
    depth: usize,
) -> String {
    let mut out = String::new();
    push_json_elements(&mut out, items, depth);
    out
}

/// [`json_elements`], appended to `out`.
pub fn push_json_elements<T: serde::Serialize>(
    out: &mut String,
    items: impl IntoIterator<Item = T>,
    depth: usize,
) {
    let mut buf = Vec::new();
    for (i, v) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.extend(std::iter::repeat_n(' ', depth));
        push_nested_json(out, &mut buf, &v, depth);
    }
}

/// The end of a JSON array written part by part: `]` when it is empty, else a new line and
/// `]` at the array's own depth.
pub fn close_array(totals: &Totals, depth: usize, out: &mut String) {
    if totals.parts > 0 {
        out.push('\n');
        out.push_str(&" ".repeat(depth));
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The nested layout is serde_json's pretty layout with every line after the first moved
    /// `depth` spaces right, for objects, arrays, empty ones and strings with new lines.
    #[test]
    fn nested_json_is_serde_jsons_layout_moved_right() {
        let v = serde_json::json!({
            "a": [1, {"b": [], "c": {}}, "x\ny"],
            "d": {"e": [[], [2, 3]], "f": null},
            "g": "h",
        });
        for depth in [0, 2, 4, 8] {
            let want = serde_json::to_string_pretty(&v)
                .unwrap()
                .replace('\n', &format!("\n{}", " ".repeat(depth)));
            assert_eq!(nested_json(&v, depth), want, "depth {depth}");
        }
        assert_eq!(
            json_elements([1, 2], 4),
            "    1,\n    2",
            "elements are indented and joined"
        );
    }

    fn meta(i: usize) -> DraftMeta {
        DraftMeta {
            path: format!("archive/{:04}/draft-{i:06}.md", i / 100),
            lang: if i.is_multiple_of(3) { "pt" } else { "en" },
            markup: crate::source::Markup::Markdown,
            claims: i % 7,
            errors: 0,
            warnings: 0,
            infos: 0,
        }
    }

    /// JSON's list of files, long enough to be held in a temporary file, comes out whole and
    /// in order: the same bytes as serde_json's pretty layout of the whole report.
    #[test]
    fn a_list_of_drafts_held_in_a_temporary_file_is_written_whole() {
        for n in [0, 1, 5_000] {
            let mut w = Writer::new(&json::Json, Vec::new());
            for i in 0..n {
                w.push(meta(i), "").unwrap();
            }
            // only a long list goes to a file
            assert_eq!(w.list.file.is_some(), n == 5_000, "{n} drafts");
            let (out, totals) = w.finish().unwrap();
            assert_eq!(totals.count, n);
            // typed, so that the keys keep their order
            #[derive(serde::Serialize)]
            struct File {
                path: String,
                lang: &'static str,
                claims: usize,
            }
            #[derive(serde::Serialize)]
            struct Whole {
                version: u32,
                findings: [u8; 0],
                files: Vec<File>,
            }
            let files = (0..n).map(meta);
            let files = files.map(|d| File {
                path: d.path,
                lang: d.lang,
                claims: d.claims,
            });
            let whole = Whole {
                version: 1,
                findings: [],
                files: files.collect(),
            };
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{n} drafts");
        }
    }

    /// JUnit's parts wait for the counts in its head; many of them wait in a temporary file
    /// and come out in order after the head.
    #[test]
    fn parts_held_for_the_totals_come_out_in_order() {
        let n = 5_000;
        let mut w = Writer::new(&junit::Junit, Vec::new());
        let mut parts = String::new();
        for i in 0..n {
            let part = format!("    <testcase name=\"{i}\"/>\n");
            let d = DraftMeta {
                errors: i % 2,
                ..meta(i)
            };
            w.push(d, &part).unwrap();
            parts.push_str(&part);
        }
        assert!(w.held.file.is_some());
        let (out, totals) = w.finish().unwrap();
        let mut head = String::new();
        junit::Junit.head(&totals, &mut head);
        assert!(head.contains(&format!("tests=\"{n}\" failures=\"{}\"", n / 2)));
        let mut tail = String::new();
        junit::Junit.tail(&totals, &mut tail);
        assert!(out == (head + &parts + &tail).as_bytes());
    }
}
