//! Sentences and quotations.
//!
//! Sentence boundaries come after `.`, `!`, `?` or an ellipsis (with any closing quotes and
//! brackets) when the next token opens a sentence. The abbreviation no-break lists come from
//! `rules/lang/*/language.toml`. Quotations are paired per block, so a quotation may run over
//! several sentences.

use crate::lexicon::Language;
use crate::markup::{Block, BlockKind};
use crate::tokens::{TokKind, Tokens};

#[derive(Clone, Debug, serde::Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub tok_start: usize,
    #[serde(skip)]
    pub tok_end: usize,
    pub block: usize,
    pub heading: bool,
}

/// A quotation: the marks and the text between them.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Quote {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark (None when the block ended first).
    pub close: Option<usize>,
    /// Byte range of the quoted text (marks excluded).
    pub start: usize,
    pub end: usize,
    /// Byte range with the marks.
    pub outer_start: usize,
    pub outer_end: usize,
    pub depth: u8,
    pub block: usize,
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

fn is_terminator(toks: &Tokens, src: &str, i: usize) -> bool {
    let t = &toks.toks[i];
    match t.kind {
        TokKind::Ellipsis => true,
        TokKind::Punct => matches!(&src[t.range()], "." | "!" | "?" | "!?" | "?!"),
        _ => false,
    }
}

fn is_closer(toks: &Tokens, src: &str, i: usize) -> bool {
    let t = &toks.toks[i];
    match t.kind {
        TokKind::Quote => matches!(&src[t.range()], "”" | "»" | "\"" | "’" | "'" | "›"),
        TokKind::Punct => matches!(&src[t.range()], ")" | "]" | "." | "!" | "?"),
        TokKind::Ellipsis => true,
        _ => false,
    }
}

/// Does token `i` open a new sentence?
fn opens_sentence(toks: &Tokens, src: &str, i: usize) -> bool {
    let t = &toks.toks[i];
    match t.kind {
        TokKind::Word | TokKind::Dotted => {
            let c = first_char(&src[t.range()]);
            c.is_uppercase()
        }
        TokKind::Number => true,
        TokKind::Quote => matches!(&src[t.range()], "“" | "«" | "\"" | "„" | "‘" | "'"),
        TokKind::Dash => true,
        TokKind::Punct => matches!(&src[t.range()], "(" | "[" | "¿" | "¡" | "*" | "•"),
        _ => false,
    }
}

/// Split each block's tokens into sentences. `block_toks[b]` is the token range of block `b`.
pub fn sentences(
    src: &str,
    toks: &Tokens,
    blocks: &[Block],
    block_toks: &[(usize, usize)],
    lang: &Language,
) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (b, &(ts, te)) in block_toks.iter().enumerate() {
        let heading = blocks[b].kind == BlockKind::Heading;
        let mut s = ts;
        let mut i = s;
        while i < te {
            if is_terminator(toks, src, i) && !no_break(toks, src, lang, s, i) {
                let mut j = i + 1;
                // Closing marks right after the terminator, and stray periods (`. .`).
                while j < te
                    && ((toks.toks[j].start == toks.toks[j - 1].end && is_closer(toks, src, j))
                        || &src[toks.toks[j].range()] == ".")
                {
                    j += 1;
                }
                if j >= te || opens_sentence(toks, src, j) {
                    push_sentence(toks, &mut out, s, j, b, heading);
                    s = j;
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        if s < te {
            push_sentence(toks, &mut out, s, te, b, heading);
        }
    }
    out
}

/// A period that does not end a sentence: after an abbreviation or an initial.
fn no_break(toks: &Tokens, src: &str, lang: &Language, s: usize, i: usize) -> bool {
    let t = &toks.toks[i];
    if &src[t.range()] != "." || i == s {
        return false;
    }
    let p = &toks.toks[i - 1];
    if p.end != t.start {
        return false; // ". ." — a stray period after a space
    }
    match p.kind {
        TokKind::Word => {
            let w = &src[p.range()];
            // An initial: one upper-case letter ("Qasim J. Tokayev").
            let mut cs = w.chars();
            if let (Some(c), None) = (cs.next(), cs.next())
                && c.is_uppercase()
            {
                return true;
            }
            lang.is_abbreviation(w)
        }
        TokKind::Dotted => true,
        _ => false,
    }
}

fn push_sentence(
    toks: &Tokens,
    out: &mut Vec<Sentence>,
    s: usize,
    e2: usize,
    block: usize,
    heading: bool,
) {
    if e2 <= s {
        return;
    }
    out.push(Sentence {
        start: toks.toks[s].start as usize,
        end: toks.toks[e2 - 1].end as usize,
        tok_start: s,
        tok_end: e2,
        block,
        heading,
    });
}

/// How deep below the innermost open quotation a closing mark looks for its opening mark.
const MAX_QUOTE_SEARCH: usize = 16;

/// Pair quotation marks within each block.
pub fn quotes(src: &str, toks: &Tokens, block_toks: &[(usize, usize)]) -> Vec<Quote> {
    let mut out = Vec::new();
    // a closing mark of this block already paired with an opening in the block before
    let mut consumed: Option<usize> = None;
    for (b, &(ts, te)) in block_toks.iter().enumerate() {
        // stack of (token index, expected closer set)
        let mut stack: Vec<(usize, &'static [&'static str])> = Vec::new();
        for i in ts..te {
            let t = toks.toks[i];
            if t.kind != TokKind::Quote || consumed == Some(i) {
                continue;
            }
            let q = &src[t.range()];
            let prev_space =
                i == ts || toks.toks[i - 1].end < t.start || is_open_punct(src, toks, i - 1);
            let next_space =
                i + 1 >= te || toks.toks[i + 1].start > t.end || is_close_punct(src, toks, i + 1);
            let closes_top = stack
                .last()
                .is_some_and(|(_, closers)| closers.contains(&q));
            match q {
                "“" | "„" | "«" | "‹" | "「" => {
                    // In some styles “ also closes („…“); close if it matches an open „.
                    if q == "“"
                        && closes_top
                        && stack
                            .last()
                            .is_some_and(|(o, _)| &src[toks.toks[*o].range()] == "„")
                    {
                        close(&mut out, &mut stack, toks, i, b);
                    } else {
                        stack.push((i, closers_of(q)));
                    }
                }
                "”" | "»" | "›" | "」" => {
                    if closes_top {
                        close(&mut out, &mut stack, toks, i, b);
                    } else if let Some(pos) = stack
                        .iter()
                        .enumerate()
                        .rev()
                        .take(MAX_QUOTE_SEARCH)
                        .find(|(_, (_, c))| c.contains(&q))
                        .map(|(pos, _)| pos)
                    {
                        // close the matching one, dropping unbalanced inner marks (looking a
                        // bounded depth down, so a flood of stray marks stays linear)
                        stack.truncate(pos + 1);
                        close(&mut out, &mut stack, toks, i, b);
                    }
                }
                "\"" => {
                    if closes_top && (!prev_space || next_space) {
                        close(&mut out, &mut stack, toks, i, b);
                    } else if prev_space && !next_space {
                        stack.push((i, &["\""]));
                    } else if closes_top {
                        close(&mut out, &mut stack, toks, i, b);
                    }
                }
                "‘" | "‚" if prev_space => {
                    stack.push((i, &["’", "‘"]));
                }
                "’" | "'" => {
                    // An apostrophe unless it closes an open single quote.
                    if closes_top && next_space {
                        close(&mut out, &mut stack, toks, i, b);
                    } else if q == "'" && prev_space && !next_space {
                        stack.push((i, &["'"]));
                    }
                }
                _ => {}
            }
        }
        // A quotation left open whose closing mark is the next block's first quotation mark
        // (text with one sentence per line: "«Eu estou … ⏎ Ela está …», conclui.") closes
        // there. A next block that opens a quotation first keeps the multi-paragraph style, and
        // a blank line between the two ends the quotation (a new paragraph, not a new line).
        if let Some(&(o, closers)) = stack.last()
            && let Some(&(nts, nte)) = block_toks.get(b + 1)
            && nts < nte
            && src[toks.toks[te - 1].end as usize..toks.toks[nts].start as usize]
                .matches('\n')
                .count()
                < 2
            && let Some(i) = (nts..nte).find(|&i| toks.toks[i].kind == TokKind::Quote)
            && matches!(&src[toks.toks[i].range()], "”" | "»" | "›" | "」")
            && closers.contains(&&src[toks.toks[i].range()])
        {
            let (ot, ct) = (toks.toks[o], toks.toks[i]);
            stack.pop();
            out.push(Quote {
                open: o,
                close: Some(i),
                start: ot.end as usize,
                end: ct.start as usize,
                outer_start: ot.start as usize,
                outer_end: ct.end as usize,
                depth: stack.len() as u8,
                block: b,
            });
            consumed = Some(i);
        }
        // Unclosed quotations run to the end of the block (multi-paragraph quotes).
        while let Some((o, _)) = stack.pop() {
            let ot = toks.toks[o];
            let end = if te > ts {
                toks.toks[te - 1].end as usize
            } else {
                ot.end as usize
            };
            out.push(Quote {
                open: o,
                close: None,
                start: ot.end as usize,
                end,
                outer_start: ot.start as usize,
                outer_end: end,
                depth: stack.len().min(u8::MAX as usize) as u8,
                block: b,
            });
        }
    }
    out.sort_by_key(|q| (q.outer_start, std::cmp::Reverse(q.outer_end)));
    out
}

fn closers_of(q: &str) -> &'static [&'static str] {
    match q {
        "“" => &["”", "“"],
        "„" => &["“", "”"],
        "«" => &["»"],
        "‹" => &["›"],
        "「" => &["」"],
        _ => &["”"],
    }
}

fn is_open_punct(src: &str, toks: &Tokens, i: usize) -> bool {
    let t = &toks.toks[i];
    matches!(t.kind, TokKind::Punct | TokKind::Dash | TokKind::Quote)
        && matches!(
            &src[t.range()],
            "(" | "[" | "—" | "–" | "“" | "«" | "‘" | ":"
        )
}

fn is_close_punct(src: &str, toks: &Tokens, i: usize) -> bool {
    let t = &toks.toks[i];
    matches!(t.kind, TokKind::Punct | TokKind::Ellipsis | TokKind::Quote)
        && matches!(
            &src[t.range()],
            "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "…" | "..." | "”" | "»"
        )
}

fn close(
    out: &mut Vec<Quote>,
    stack: &mut Vec<(usize, &'static [&'static str])>,
    toks: &Tokens,
    i: usize,
    b: usize,
) {
    if let Some((o, _)) = stack.pop() {
        let ot = toks.toks[o];
        let ct = toks.toks[i];
        out.push(Quote {
            open: o,
            close: Some(i),
            start: ot.end as usize,
            end: ct.start as usize,
            outer_start: ot.start as usize,
            outer_end: ct.end as usize,
            depth: stack.len().min(u8::MAX as usize) as u8,
            block: b,
        });
    }
}
