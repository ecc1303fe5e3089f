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

/// What a report's head and tail say about the drafts: counts, and one entry per draft.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    pub claims: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// How many drafts.
    pub count: usize,
    /// Every draft, for a report whose tail lists them ([`Report::lists_drafts`]).
    pub drafts: Vec<DraftMeta>,
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
    /// The tail lists every draft ([`Totals::drafts`]); other reports need only the counts,
    /// and keep no entry per draft.
    fn lists_drafts(&self) -> bool {
        false
    }
    /// The head needs the totals (JUnit's counts come first), so the parts are held in memory
    /// until the end instead of being written at once.
    fn totals_first(&self) -> bool {
        false
    }
}

/// Text is written out in pieces of at least this size (not a system call per draft).
const FLUSH_AT: usize = 64 * 1024;

/// Writes a [`Report`] part by part to `out`.
pub struct Writer<'r, W: std::io::Write> {
    report: &'r dyn Report,
    out: W,
    totals: Totals,
    /// Text not yet written (everything, for a report whose head needs the totals).
    buf: String,
}

impl<'r, W: std::io::Write> Writer<'r, W> {
    pub fn new(report: &'r dyn Report, out: W) -> Self {
        let mut buf = String::new();
        if !report.totals_first() {
            report.head(&Totals::default(), &mut buf);
        }
        Writer {
            report,
            out,
            totals: Totals::default(),
            buf,
        }
    }

    /// The next draft in path order, and its part of the report.
    pub fn push(&mut self, draft: DraftMeta, part: &str) -> std::io::Result<()> {
        if !part.is_empty() {
            let (first, then) = self.report.joints();
            self.buf
                .push_str(if self.totals.parts == 0 { first } else { then });
            self.buf.push_str(part);
            self.totals.parts += 1;
        }
        self.totals.claims += draft.claims;
        self.totals.errors += draft.errors;
        self.totals.warnings += draft.warnings;
        self.totals.infos += draft.infos;
        self.totals.count += 1;
        if self.report.lists_drafts() {
            self.totals.drafts.push(draft);
        }
        if !self.report.totals_first() && self.buf.len() >= FLUSH_AT {
            self.out.write_all(self.buf.as_bytes())?;
            self.buf.clear();
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
        self.out.write_all(self.buf.as_bytes())?;
        self.buf = String::new();
        let mut end = String::new();
        self.report.tail(&self.totals, &mut end);
        self.out.write_all(end.as_bytes())?;
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

/// A whole JSON array, written element by element (no copy of the whole list): `[]`, or its
/// elements `depth + 2` spaces deep and `]` at `depth`, as serde_json lays it out.
pub fn push_json_array<T: serde::Serialize>(
    out: &mut String,
    items: impl ExactSizeIterator<Item = T>,
    depth: usize,
) {
    out.push('[');
    if items.len() > 0 {
        out.push('\n');
        push_json_elements(out, items, depth + 2);
        out.push('\n');
        out.push_str(&" ".repeat(depth));
    }
    out.push(']');
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
}
