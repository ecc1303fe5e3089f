//! Attribution extraction in the language "pt" (the whole analysis up to claims, language
//! forced): every span of every stage in bounds and on character boundaries, indexes in range,
//! and a second run with the same output.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (markup, path) = common::markup_of(sel);
    common::analyse(text, markup, path, Some("pt"), false);
});
