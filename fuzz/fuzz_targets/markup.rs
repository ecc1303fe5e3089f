//! The Markdown-to-prose mapping (and the plain-text one): the prose keeps every offset,
//! blocks are ordered slices on character boundaries, and a second run gives the same result.
#![no_main]

use crosscheck::invariants::check_prose;
use crosscheck::markup;
use crosscheck::source::{Markup, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (markup, path) in [(Markup::Markdown, "f.md"), (Markup::Plain, "f.txt")] {
        let src = Source::new(path, text, markup);
        let p = markup::prose(&src);
        if let Err(e) = check_prose(&src, &p) {
            panic!("{path}: {e}");
        }
        let q = markup::prose(&src);
        assert_eq!(format!("{p:?}"), format!("{q:?}"), "second run differs");
        // a BOM or front matter never becomes prose
        if let Some(r) = &p.front_matter.range {
            assert!(
                p.blocks.iter().all(|b| b.start >= r.end),
                "a block inside front matter"
            );
        }
    }
});
