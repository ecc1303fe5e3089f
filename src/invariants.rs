//! Invariants every stage must keep, checked by the fuzz targets (`fuzz/`), the property tests
//! and the span tests: every span lies in bounds and on UTF-8 character boundaries, every
//! label's text is the source slice, the prose keeps the source's offsets, segmentation neither
//! loses nor duplicates a byte, and a second run gives the same output.
//!
//! Each check returns a description of the first broken invariant, so a failing fuzz input
//! says what went wrong, not only that something did.

use crate::analysis::Analysis;
use crate::markup::{Block, Prose};
use crate::segment::Sentence;
use crate::source::Source;
use crate::tokens::Tokens;

/// Is `s..e` a valid slice of `text`?
pub fn span_ok(text: &str, s: usize, e: usize) -> bool {
    s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
}

fn span(text: &str, what: &str, s: usize, e: usize) -> Result<(), String> {
    if span_ok(text, s, e) {
        Ok(())
    } else {
        Err(format!(
            "{what}: span {s}..{e} is out of bounds or not on a character boundary (text is {} bytes)",
            text.len()
        ))
    }
}

/// The prose keeps every offset: same length, each byte is the source's byte or a mask
/// (a space, or a newline where the source has one), and blocks are ordered slices of it.
pub fn check_prose(source: &Source, prose: &Prose) -> Result<(), String> {
    let (t, p) = (source.text.as_bytes(), prose.text.as_bytes());
    if t.len() != p.len() {
        return Err(format!(
            "prose is {} bytes, source {} bytes",
            p.len(),
            t.len()
        ));
    }
    for (i, (&a, &b)) in t.iter().zip(p).enumerate() {
        let masked = b == b' ' || (b == b'\n' && a == b'\n');
        if a != b && !masked {
            return Err(format!(
                "prose byte {i} is {b:#04x}, neither the source byte {a:#04x} nor a mask"
            ));
        }
        if a == b'\n' && b != b'\n' {
            return Err(format!("prose byte {i}: a newline was masked"));
        }
    }
    let mut prev_end = 0;
    for (k, b) in prose.blocks.iter().enumerate() {
        span(&prose.text, &format!("block {k}"), b.start, b.end)?;
        if b.start >= b.end {
            return Err(format!("block {k} is empty ({}..{})", b.start, b.end));
        }
        if b.start < prev_end {
            return Err(format!(
                "block {k} starts at {} before the previous block ends at {prev_end}",
                b.start
            ));
        }
        prev_end = b.end;
    }
    if let Some(r) = &prose.front_matter.range {
        span(&source.text, "front matter", r.start, r.end)?;
    }
    for (k, r) in prose.comments.iter().enumerate() {
        span(&source.text, &format!("comment {k}"), r.start, r.end)?;
    }
    Ok(())
}

/// Tokens are ordered, non-empty, non-overlapping slices inside their block that cover every
/// byte of the block but white space, and the sentences partition each block's tokens: every
/// token is in exactly one sentence, in order, so no byte of prose is lost or counted twice.
pub fn check_segmentation(
    text: &str,
    blocks: &[Block],
    toks: &Tokens,
    block_toks: &[(usize, usize)],
    sentences: &[Sentence],
) -> Result<(), String> {
    if blocks.len() != block_toks.len() {
        return Err(format!(
            "{} blocks but {} token ranges",
            blocks.len(),
            block_toks.len()
        ));
    }
    // every byte of a block is in exactly one token, or is white space (or a BOM)
    for (b, (blk, &(ts, te))) in blocks.iter().zip(block_toks).enumerate() {
        let mut at = blk.start;
        for (i, t) in toks.toks[ts..te].iter().enumerate() {
            let (s, e) = (t.start as usize, t.end as usize);
            if s < at || e > blk.end {
                return Err(format!(
                    "token {} ({s}..{e}) outside block {b} ({}..{}) or before {at}",
                    ts + i,
                    blk.start,
                    blk.end
                ));
            }
            if let Some(c) = text[at..s]
                .chars()
                .find(|c| !c.is_whitespace() && *c != '\u{feff}')
            {
                return Err(format!(
                    "{c:?} between {at} and {s} in block {b} is in no token"
                ));
            }
            at = e;
        }
        if let Some(c) = text[at.min(blk.end)..blk.end]
            .chars()
            .find(|c| !c.is_whitespace() && *c != '\u{feff}')
        {
            return Err(format!("{c:?} at the end of block {b} is in no token"));
        }
    }
    let mut prev_end = 0usize;
    for (i, t) in toks.toks.iter().enumerate() {
        let (s, e) = (t.start as usize, t.end as usize);
        span(text, &format!("token {i}"), s, e)?;
        if s >= e {
            return Err(format!("token {i} is empty"));
        }
        if s < prev_end {
            return Err(format!(
                "token {i} ({s}..{e}) overlaps the one before (ends {prev_end})"
            ));
        }
        // a number may hold a no-break space as its group separator, nothing else may
        if text[s..e]
            .chars()
            .any(|c| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}')
        {
            return Err(format!("token {i} {:?} holds white space", &text[s..e]));
        }
        prev_end = e;
    }
    // the sentences' token ranges, in order, are exactly the blocks' token ranges
    let mut si = 0;
    for (b, &(ts, te)) in block_toks.iter().enumerate() {
        let mut k = ts;
        while k < te {
            let Some(s) = sentences.get(si) else {
                return Err(format!("token {k} of block {b} is in no sentence"));
            };
            if s.tok_start != k || s.block != b {
                return Err(format!(
                    "sentence {si} starts at token {} of block {}, expected token {k} of block {b}",
                    s.tok_start, s.block
                ));
            }
            if s.tok_end <= s.tok_start || s.tok_end > te {
                return Err(format!(
                    "sentence {si} has tokens {}..{} outside block {b} ({ts}..{te})",
                    s.tok_start, s.tok_end
                ));
            }
            span(text, &format!("sentence {si}"), s.start, s.end)?;
            if s.start != toks.toks[s.tok_start].start as usize
                || s.end != toks.toks[s.tok_end - 1].end as usize
            {
                return Err(format!(
                    "sentence {si}: bytes {}..{} do not match its tokens",
                    s.start, s.end
                ));
            }
            k = s.tok_end;
            si += 1;
        }
    }
    if si != sentences.len() {
        return Err(format!(
            "{} sentences cover no block token",
            sentences.len() - si
        ));
    }
    Ok(())
}

/// Every span of every stage of an analysed draft, and every finding label.
pub fn check_analysis(a: &Analysis) -> Result<(), String> {
    let t = a.source.text.as_str();
    let ntoks = a.tokens.len();
    check_prose(&a.source, &a.prose)?;
    check_segmentation(
        &a.prose.text,
        &a.prose.blocks,
        &a.tokens,
        &a.block_toks,
        &a.sentences,
    )?;
    let toks = |what: &str, s: usize, e: usize| -> Result<(), String> {
        if s <= e && e <= ntoks {
            Ok(())
        } else {
            Err(format!("{what}: token range {s}..{e} outside 0..{ntoks}"))
        }
    };
    for (i, q) in a.quotes.iter().enumerate() {
        span(t, &format!("quote {i}"), q.start, q.end)?;
        span(t, &format!("quote {i} (outer)"), q.outer_start, q.outer_end)?;
        if q.outer_start > q.start || q.end > q.outer_end {
            return Err(format!("quote {i}: inner range outside its marks"));
        }
    }
    for (i, n) in a.nps.iter().enumerate() {
        span(t, &format!("phrase {i}"), n.start, n.end)?;
        toks(&format!("phrase {i}"), n.ts, n.te)?;
        if n.sentence >= a.sentences.len() {
            return Err(format!(
                "phrase {i} in sentence {} of {}",
                n.sentence,
                a.sentences.len()
            ));
        }
    }
    for (i, m) in a.times.iter().enumerate() {
        span(t, &format!("time {i}"), m.start, m.end)?;
        toks(&format!("time {i}"), m.ts, m.te)?;
    }
    for (i, m) in a.nums.iter().enumerate() {
        span(t, &format!("number {i}"), m.start, m.end)?;
        toks(&format!("number {i}"), m.ts, m.te)?;
        if !m.value.is_finite() {
            return Err(format!("number {i} has value {}", m.value));
        }
    }
    for (i, f) in a.frames.iter().enumerate() {
        span(t, &format!("frame {i} content"), f.content.0, f.content.1)?;
        span(t, &format!("frame {i}"), f.span.0, f.span.1)?;
        toks(
            &format!("frame {i} content"),
            f.content_toks.0,
            f.content_toks.1,
        )?;
        if let Some((s, e)) = f.extra {
            span(t, &format!("frame {i} extra"), s, e)?;
        }
        if f.speaker.is_some_and(|s| s >= a.nps.len()) {
            return Err(format!("frame {i}: speaker phrase out of range"));
        }
        if f.parent.is_some_and(|p| p >= i) {
            return Err(format!("frame {i}: parent is not an earlier frame"));
        }
    }
    for (i, e) in a.entities.iter().enumerate() {
        if e.id != i {
            return Err(format!("entity {i} has id {}", e.id));
        }
        if e.mentions.iter().any(|&m| m >= a.nps.len()) {
            return Err(format!("entity {i}: a mention is out of range"));
        }
    }
    for (i, c) in a.claims.iter().enumerate() {
        if c.id != i {
            return Err(format!("claim {i} has id {}", c.id));
        }
        span(t, &format!("claim {i} content"), c.content.0, c.content.1)?;
        span(t, &format!("claim {i}"), c.span.0, c.span.1)?;
        for (what, r) in [("cue", c.cue), ("extra", c.extra), ("hedge", c.hedge)] {
            if let Some((s, e)) = r {
                span(t, &format!("claim {i} {what}"), s, e)?;
            }
        }
        if c.parent.is_some_and(|p| p >= i) {
            return Err(format!("claim {i}: parent is not an earlier claim"));
        }
        for (k, p) in c.props.iter().enumerate() {
            span(
                t,
                &format!("claim {i} proposition {k}"),
                p.trigger_span.0,
                p.trigger_span.1,
            )?;
            if p.subject.is_some_and(|s| s >= a.entities.len())
                || p.number.is_some_and(|n| n >= a.nums.len())
                || p.time.is_some_and(|m| m >= a.times.len())
            {
                return Err(format!(
                    "claim {i} proposition {k}: an index is out of range"
                ));
            }
        }
    }
    for (i, f) in a.findings.iter().enumerate() {
        if f.labels.iter().filter(|l| l.primary).count() != 1 {
            return Err(format!(
                "finding {i} ({}) lacks exactly one primary label",
                f.rule
            ));
        }
        for l in &f.labels {
            span(
                t,
                &format!("finding {i} ({}) label", f.rule),
                l.start,
                l.end,
            )?;
            if l.start == l.end {
                return Err(format!("finding {i} ({}) has an empty label", f.rule));
            }
        }
        if f.claims.iter().any(|&c| c >= a.claims.len()) {
            return Err(format!("finding {i}: a claim index is out of range"));
        }
    }
    Ok(())
}

/// Check a `check --format json` document against the drafts it is about: each label's
/// `text` equals the source slice `start..end`, and its line and column are where that
/// offset is.
pub fn check_json_labels(json: &str, sources: &[&Source]) -> Result<(), String> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("JSON output does not parse: {e}"))?;
    let findings = v["findings"]
        .as_array()
        .ok_or("JSON output has no findings array")?;
    for (i, f) in findings.iter().enumerate() {
        for l in f["labels"].as_array().ok_or("finding without labels")? {
            let file = l["file"].as_str().ok_or("label without file")?;
            let src = sources
                .iter()
                .find(|s| s.path == file)
                .ok_or_else(|| format!("label names an unknown file {file:?}"))?;
            let (s, e) = (
                l["start"].as_u64().unwrap_or(u64::MAX) as usize,
                l["end"].as_u64().unwrap_or(u64::MAX) as usize,
            );
            span(&src.text, &format!("JSON finding {i} label"), s, e)?;
            if l["text"].as_str() != Some(&src.text[s..e]) {
                return Err(format!(
                    "JSON finding {i}: label text {:?} is not the source slice {:?}",
                    l["text"],
                    &src.text[s..e]
                ));
            }
            let (line, column) = src.line_col(s);
            if l["line"].as_u64() != Some(line as u64)
                || l["column"].as_u64() != Some(column as u64)
            {
                return Err(format!(
                    "JSON finding {i}: label at {}:{} but offset {s} is at {line}:{column}",
                    l["line"], l["column"]
                ));
            }
        }
    }
    Ok(())
}

/// Everything an analysis produced, as text: two runs on the same input must give the same
/// fingerprint (determinism), whatever the hash seeds or thread scheduling.
pub fn fingerprint(a: &Analysis) -> String {
    let files = std::slice::from_ref(a);
    let mut s = String::new();
    s.push_str(&crate::report::json::render(files));
    s.push_str(&crate::report::human::render(files, false));
    s.push_str(&crate::report::stages::claims_json(files));
    s.push_str(&crate::report::stages::claims_table(files));
    s.push_str(&crate::report::stages::sentences_json(files));
    s.push_str(&crate::report::stages::sentences_text(files));
    s.push_str(&crate::report::stages::entities_text(files));
    let g = crate::graph::build(a);
    s.push_str(&crate::graph::to_dot(&g));
    s.push_str(&crate::graph::to_json(&g));
    s.push_str(&crate::graph::to_mermaid(&g));
    s
}
