//! The whole `check` pipeline on arbitrary bytes: decoding (`Source::from_bytes`), the
//! analysis with language detection, every check, and every renderer. Decoding errors must
//! name the file; a decoded draft must keep every invariant; every JSON label's text must be
//! the source slice at its line and column; a second run must print the same bytes.
#![no_main]

#[path = "common.rs"]
mod common;

use crosscheck::invariants::check_json_labels;
use crosscheck::report;
use crosscheck::source::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let (markup, path) = common::markup_of(sel);
    let lang = match (sel >> 1) % 3 {
        0 => None,
        1 => Some("en"),
        _ => Some("pt"),
    };
    let src = match Source::from_bytes(path, rest.to_vec(), markup) {
        Ok(s) => s,
        Err(e) => {
            assert!(e.to_string().starts_with(path), "error lacks the path: {e}");
            assert!(
                std::str::from_utf8(rest).is_err()
                    || rest.contains(&0)
                    || rest.starts_with(&[0xff, 0xfe])
                    || rest.starts_with(&[0xfe, 0xff])
            );
            return;
        }
    };
    let Some((a, _)) = common::analyse(&src.text, markup, path, lang, true) else {
        return;
    };
    let files = std::slice::from_ref(&a);
    let json = report::json::render(files);
    if let Err(e) = check_json_labels(&json, &[&a.source]) {
        panic!("{e}");
    }
    // the styled renderer too (the fingerprint holds the plain one)
    let styled = report::human::render(files, true);
    assert_eq!(styled, report::human::render(files, true));
    assert!(styled.ends_with('\n'));
});
