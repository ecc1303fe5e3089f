//! From a draft to prose: Markdown structure is masked with spaces of the same byte length,
//! so every offset in the prose is the offset in the original file.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::source::{Markup, Source};

/// What kind of block a piece of prose sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Heading,
    Paragraph,
    Item,
    Cell,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

/// Metadata found in YAML-style front matter (`---` … `---`).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct FrontMatter {
    pub lang: Option<String>,
    pub date: Option<String>,
    pub range: Option<Range<usize>>,
}

/// The prose of a draft.
#[derive(Clone, Debug)]
pub struct Prose {
    /// Same length as the source text; non-prose bytes are spaces (newlines kept).
    pub text: String,
    pub blocks: Vec<Block>,
    pub front_matter: FrontMatter,
    /// HTML comments (`<!-- … -->`), kept for inline directives.
    pub comments: Vec<Range<usize>>,
}

pub fn prose(source: &Source) -> Prose {
    let text = &source.text;
    let (fm, body_start) = front_matter(text);
    match source.markup {
        Markup::Markdown => markdown(text, fm, body_start),
        Markup::Plain => plain(text, fm, body_start),
    }
}

/// Parse `---\nkey: value\n---\n` at the very start (after an optional BOM).
fn front_matter(text: &str) -> (FrontMatter, usize) {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..first_line_end].trim_end() != "---" {
        return (FrontMatter::default(), start);
    }
    let mut fm = FrontMatter::default();
    let mut pos = start + first_line_end;
    while pos < text.len() {
        let line_end = text[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        let line = text[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            fm.range = Some(start..line_end);
            return (fm, line_end);
        }
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
            match k.trim() {
                "lang" | "language" => fm.lang = Some(v),
                "date" => fm.date = Some(v),
                _ => {}
            }
        }
        pos = line_end;
    }
    // No closing fence: not front matter.
    (FrontMatter::default(), start)
}

fn blank_mask(text: &str) -> Vec<u8> {
    text.bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect()
}

fn finish(mask: Vec<u8>) -> String {
    // Every copied range lies on char boundaries and every other byte is ASCII.
    String::from_utf8(mask).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn plain(text: &str, front_matter: FrontMatter, body_start: usize) -> Prose {
    let mut mask = blank_mask(text);
    mask[body_start..].copy_from_slice(&text.as_bytes()[body_start..]);
    // Stray BOMs inside the text are masked too.
    for (i, _) in text[body_start..].match_indices('\u{feff}') {
        let i = body_start + i;
        mask[i..i + 3].copy_from_slice(b"   ");
    }
    let body = &text[body_start..];
    // One paragraph per line (no blank lines, or long lines) or blank-line paragraphs.
    let lines: Vec<&str> = body.split('\n').collect();
    let nonempty = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let blank_between = lines
        .windows(3)
        .any(|w| !w[0].trim().is_empty() && w[1].trim().is_empty() && !w[2].trim().is_empty());
    let long =
        nonempty > 0 && lines.iter().map(|l| l.trim().len()).sum::<usize>() / nonempty.max(1) > 110;
    let line_mode = !blank_between || long;
    let mut blocks = Vec::new();
    let mut comments = Vec::new();
    let mut pos = body_start;
    let mut cur: Option<(usize, usize)> = None;
    for line in text[body_start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let start = pos;
        let end = pos + content.len();
        pos += line.len();
        // A line holding only an HTML comment is a directive (see `suppress`), not prose.
        let t = content.trim();
        let comment = t.starts_with("<!--") && t.ends_with("-->") && t.len() >= 7;
        if comment {
            let lead = content.len() - content.trim_start().len();
            comments.push(start + lead..start + lead + t.len());
            mask[start..end].fill(b' ');
        }
        if comment || content.trim().is_empty() {
            if let Some((s, e)) = cur.take() {
                blocks.push(Block {
                    start: s,
                    end: e,
                    kind: BlockKind::Paragraph,
                });
            }
            continue;
        }
        if line_mode {
            blocks.push(Block {
                start,
                end,
                kind: BlockKind::Paragraph,
            });
        } else {
            cur = Some(match cur {
                Some((s, _)) => (s, end),
                None => (start, end),
            });
        }
    }
    if let Some((s, e)) = cur {
        blocks.push(Block {
            start: s,
            end: e,
            kind: BlockKind::Paragraph,
        });
    }
    Prose {
        text: finish(mask),
        blocks,
        front_matter,
        comments,
    }
}

fn markdown(text: &str, front_matter: FrontMatter, body_start: usize) -> Prose {
    let mut mask = blank_mask(text);
    let mut blocks = Vec::new();
    let mut comments = Vec::new();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    // Parse only the body, so front matter is never prose; offsets are shifted back.
    let body = &text[body_start..];
    let parser = Parser::new_ext(body, opts).into_offset_iter();
    let mut in_code = 0usize;
    let mut heading = 0usize;
    let mut item = 0usize;
    let mut cell = 0usize;
    let mut cur: Option<(usize, usize, BlockKind)> = None;
    let close = |cur: &mut Option<(usize, usize, BlockKind)>, blocks: &mut Vec<Block>| {
        if let Some((s, e, kind)) = cur.take() {
            blocks.push(Block {
                start: s,
                end: e,
                kind,
            });
        }
    };
    for (event, range) in parser {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => in_code += 1,
                    Tag::Heading { .. } => heading += 1,
                    Tag::Item => item += 1,
                    Tag::TableCell => cell += 1,
                    _ => {}
                }
                if is_block(&tag) {
                    close(&mut cur, &mut blocks);
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                        in_code = in_code.saturating_sub(1)
                    }
                    TagEnd::Heading(_) => heading = heading.saturating_sub(1),
                    TagEnd::Item => item = item.saturating_sub(1),
                    TagEnd::TableCell => cell = cell.saturating_sub(1),
                    _ => {}
                }
                if is_block_end(&end) {
                    close(&mut cur, &mut blocks);
                }
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak if in_code == 0 => {
                mask[range.clone()].copy_from_slice(&text.as_bytes()[range.clone()]);
                let kind = if heading > 0 {
                    BlockKind::Heading
                } else if cell > 0 {
                    BlockKind::Cell
                } else if item > 0 {
                    BlockKind::Item
                } else {
                    BlockKind::Paragraph
                };
                cur = Some(match cur {
                    Some((s, _, k)) => (s, range.end, k),
                    None => (range.start, range.end, kind),
                });
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let src = &text[range.clone()];
                let mut off = 0;
                while let Some(i) = src[off..].find("<!--") {
                    let s = off + i;
                    let e = src[s..].find("-->").map(|j| s + j + 3).unwrap_or(src.len());
                    comments.push(range.start + s..range.start + e);
                    off = e;
                }
            }
            Event::Code(_) | Event::InlineMath(_) => {
                // Masked, but it stays inside the current block so the sentence goes on.
                if let Some((s, _, k)) = cur {
                    cur = Some((s, range.end, k));
                }
            }
            _ => {}
        }
    }
    close(&mut cur, &mut blocks);
    // A block's end must not include trailing masked bytes; trim spaces.
    for b in &mut blocks {
        while b.end > b.start && mask[b.end - 1].is_ascii_whitespace() {
            b.end -= 1;
        }
    }
    blocks.retain(|b| b.end > b.start);
    Prose {
        text: finish(mask),
        blocks,
        front_matter,
        comments,
    }
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Prose {
        prose(&Source::new("t.md", text, Markup::Markdown))
    }

    #[test]
    fn masks_markdown_keeping_offsets() {
        let t = "# Title\n\nThe *Kremlin* said [it](http://x.y) was `code` fine.\n";
        let p = md(t);
        assert_eq!(p.text.len(), t.len());
        assert_eq!(p.blocks.len(), 2);
        assert_eq!(&p.text[p.blocks[0].start..p.blocks[0].end], "Title");
        let para = &p.text[p.blocks[1].start..p.blocks[1].end];
        assert!(para.starts_with("The  Kremlin  said  it"), "{para:?}");
        assert!(!para.contains("http"));
        assert!(!para.contains("code"));
    }

    #[test]
    fn front_matter_is_read_and_masked() {
        let t = "---\ntitle: x\nlang: pt\ndate: 2022-01-08\n---\nO Kremlin disse.\n";
        let p = md(t);
        assert_eq!(p.front_matter.lang.as_deref(), Some("pt"));
        assert_eq!(p.front_matter.date.as_deref(), Some("2022-01-08"));
        assert_eq!(p.blocks.len(), 1);
        assert_eq!(&t[p.blocks[0].start..p.blocks[0].end], "O Kremlin disse.");
        assert!(!p.text.contains("title"));
    }

    #[test]
    fn plain_line_mode_and_bom() {
        let t = "\u{feff}First line.\nSecond line.\n";
        let p = prose(&Source::new("t.txt", t, Markup::Plain));
        assert_eq!(p.blocks.len(), 2);
        assert!(p.text.starts_with("   First"));
    }

    #[test]
    fn plain_comment_lines_are_directives() {
        let t = "One line.\n  <!-- crosscheck-disable-next-line -->\nTwo line.\n";
        let p = prose(&Source::new("t.txt", t, Markup::Plain));
        assert_eq!(p.comments.len(), 1);
        assert_eq!(
            &t[p.comments[0].clone()],
            "<!-- crosscheck-disable-next-line -->"
        );
        assert!(!p.text.contains("crosscheck"));
        assert_eq!(p.blocks.len(), 2);
    }

    #[test]
    fn plain_paragraph_mode() {
        let t = "A wrapped\nline here.\n\nNext para.\n";
        let p = prose(&Source::new("t.txt", t, Markup::Plain));
        assert_eq!(p.blocks.len(), 2);
        assert_eq!(
            &t[p.blocks[0].start..p.blocks[0].end],
            "A wrapped\nline here."
        );
    }
}
