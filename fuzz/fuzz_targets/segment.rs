//! Tokens, sentences and quotations for each language: tokens are ordered slices without
//! white space, the sentences partition each block's tokens (no byte of prose lost or counted
//! twice), quotations are slices on character boundaries, and a second run is identical.
#![no_main]

#[path = "common.rs"]
mod common;

use crosscheck::invariants::{check_segmentation, span_ok};
use crosscheck::markup;
use crosscheck::segment;
use crosscheck::source::Source;
use crosscheck::tokens::{self, Tokens};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (markup, path) = common::markup_of(sel);
    let src = Source::new(path, text, markup);
    let prose = markup::prose(&src);
    let run = |lang| {
        let mut toks = Tokens::default();
        let mut block_toks = Vec::new();
        for b in &prose.blocks {
            let s = toks.len();
            tokens::tokenize_into(&prose.text, b.start, b.end, &mut toks);
            block_toks.push((s, toks.len()));
        }
        let sentences = segment::sentences(&prose.text, &toks, &prose.blocks, &block_toks, lang);
        let quotes = segment::quotes(&prose.text, &toks, &block_toks);
        (toks, block_toks, sentences, quotes)
    };
    for lang in common::rules().languages.iter() {
        let (toks, block_toks, sentences, quotes) = run(lang);
        if let Err(e) =
            check_segmentation(&prose.text, &prose.blocks, &toks, &block_toks, &sentences)
        {
            panic!("{}: {e}", lang.code);
        }
        for q in &quotes {
            assert!(span_ok(text, q.start, q.end) && span_ok(text, q.outer_start, q.outer_end));
            assert!(q.outer_start <= q.start && q.end <= q.outer_end);
            assert!(q.open < toks.len() && q.close.is_none_or(|c| c > q.open && c < toks.len()));
        }
        let again = run(lang);
        assert_eq!(
            format!("{sentences:?}{quotes:?}"),
            format!("{:?}{:?}", again.2, again.3)
        );
    }
});
