//! Property tests (proptest) on the parsers:
//! - numbers round-trip in both conventions (`format_value` then `parse_digits`, and back);
//! - segmentation never loses or duplicates a byte, on any text, Markdown or plain;
//! - extraction is the same with LF or CRLF line ends and with or without a byte-order mark,
//!   only the offsets shift (by one per earlier line end, by three for the mark);
//! - a column on a long line is the count of characters before it.
//!
//! Failing cases are shrunk by proptest and kept in `tests/properties.proptest-regressions`.

mod common;

use crosscheck::invariants::{check_prose, check_segmentation};
use crosscheck::lexicon::Language;
use crosscheck::numbers::{format_value, parse_digits};
use crosscheck::source::{Markup, Source};
use crosscheck::tokens::{Tokens, tokenize_into};
use crosscheck::{markup, segment};
use proptest::prelude::*;

fn lang(code: &str) -> &'static Language {
    common::rules().language(code).expect("language")
}

/// A value with at most three decimals, below 10^12.
fn value() -> impl Strategy<Value = f64> {
    (0u64..1_000_000_000_000, 0u32..=3).prop_map(|(n, k)| {
        let n = if k == 0 { n } else { n % 10u64.pow(9) };
        n as f64 / 10f64.powi(k as i32)
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn numbers_round_trip_in_both_conventions(v in value()) {
        for code in ["en", "pt"] {
            let l = lang(code);
            let text = format_value(v, l);
            let back = parse_digits(&text, l);
            prop_assert!(
                back.is_some_and(|b| close(b, v)),
                "{code}: {v} is written {text:?}, read back as {back:?}"
            );
            // and the text is canonical: formatting what was read gives the same text
            prop_assert_eq!(format_value(back.unwrap(), l), text);
        }
    }

    #[test]
    fn any_float_formats_as_digits(v in any::<f64>()) {
        // never a stray separator at the end, never two decimal marks
        for code in ["en", "pt"] {
            let l = lang(code);
            let text = format_value(v, l);
            if v.is_finite() && v.abs() < 1e12 {
                prop_assert!(!text.ends_with(l.decimal) && !text.ends_with(l.group), "{v}: {text:?}");
                prop_assert!(text.matches(l.decimal).count() <= 1, "{v}: {text:?}");
                let back = parse_digits(text.trim_start_matches('-'), l);
                prop_assert!(back.is_some_and(|b| (b - v.abs()).abs() <= 1e-6 * v.abs().max(1.0)), "{v}: {text:?} read as {back:?}");
            }
        }
    }

    #[test]
    fn grouped_digits_read_the_same_in_the_convention_they_are_written_in(n in 1000u64..10_000_000_000) {
        // "4.404" is four thousand in Portuguese, "4,404" in English
        let s = n.to_string();
        let mut grouped = [String::new(), String::new()];
        for (k, ch) in s.chars().enumerate() {
            if k > 0 && (s.len() - k) % 3 == 0 {
                grouped[0].push(',');
                grouped[1].push('.');
            }
            grouped[0].push(ch);
            grouped[1].push(ch);
        }
        prop_assert_eq!(parse_digits(&grouped[0], lang("en")), Some(n as f64));
        prop_assert_eq!(parse_digits(&grouped[1], lang("pt")), Some(n as f64));
    }
}

/// Text made of what drafts are made of, and what breaks parsers: words, accents, digits with
/// separators, every kind of quotation mark, dashes, ellipses, Markdown marks, line ends of
/// both kinds, byte-order marks, no-break spaces.
fn drafty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-zÀ-ÿ]{1,9}",
        2 => Just(" ".to_string()),
        1 => "[0-9]{1,4}([.,][0-9]{1,3})?",
        1 => prop::sample::select(vec![
            ".", ",", ";", ":", "!", "?", "…", "...", "—", "–", "-", "(", ")", "[", "]",
            "\"", "'", "“", "”", "«", "»", "‘", "’", "„", "‹", "›", "「", "」",
            "*", "_", "`", "#", "> ", "- ", "1. ", "|", "<!-- x -->", "---\n", "```\n",
            "\n", "\n\n", "\r\n", "\u{feff}", "\u{a0}", "\t", "Sr.", "Dr.", "U.S.", "e.g.",
            "said", "disse", "que", "that", "according to", "segundo",
        ]).prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn segmentation_never_loses_or_duplicates_a_byte(text in drafty(), md in any::<bool>()) {
        let src = Source::new(if md { "p.md" } else { "p.txt" }, text.as_str(), if md { Markup::Markdown } else { Markup::Plain });
        let prose = markup::prose(&src);
        if let Err(e) = check_prose(&src, &prose) {
            return Err(TestCaseError::fail(e));
        }
        for code in ["en", "pt"] {
            let mut toks = Tokens::default();
            let mut block_toks = Vec::new();
            for b in &prose.blocks {
                let s = toks.len();
                tokenize_into(&prose.text, b.start, b.end, &mut toks);
                block_toks.push((s, toks.len()));
            }
            let sentences = segment::sentences(&prose.text, &toks, &prose.blocks, &block_toks, lang(code));
            if let Err(e) = check_segmentation(&prose.text, &prose.blocks, &toks, &block_toks, &sentences) {
                return Err(TestCaseError::fail(format!("{code}: {e}")));
            }
            // the sentences and the white space between them spell each block exactly
            for (b, blk) in prose.blocks.iter().enumerate() {
                let mut rebuilt = String::new();
                let mut at = blk.start;
                for s in sentences.iter().filter(|s| s.block == b) {
                    rebuilt.push_str(&prose.text[at..s.start]);
                    rebuilt.push_str(&prose.text[s.start..s.end]);
                    at = s.end;
                }
                rebuilt.push_str(&prose.text[at..blk.end]);
                prop_assert_eq!(&rebuilt, &prose.text[blk.start..blk.end]);
            }
        }
    }

    #[test]
    fn a_column_is_the_count_of_characters_before_it(
        line in prop::collection::vec(prop_oneof!["[a-z ]{1,40}", "[é€𝄞ç]{1,5}"], 0..600),
        pick in any::<prop::sample::Index>(),
    ) {
        let text = format!("first line\n{}\nlast", line.concat());
        let src = Source::new("c.txt", text.as_str(), Markup::Plain);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let off = offsets[pick.index(offsets.len())];
        let before = &text[..off];
        let line_no = before.matches('\n').count() + 1;
        let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
        prop_assert_eq!(src.line_col(off), (line_no, col));
    }
}

/// A window of lines from one of our drafts (never third-party text).
fn window() -> impl Strategy<Value = String> {
    let drafts: Vec<String> = {
        let mut v = common::drafts("tests/fixtures");
        v.extend(common::drafts("examples"));
        v.extend(common::drafts("tests/corpus"));
        v.into_iter()
            .map(|p| {
                std::fs::read_to_string(common::root().join(p))
                    .unwrap()
                    .replace("\r\n", "\n")
                    .trim_start_matches('\u{feff}')
                    .to_string()
            })
            .collect()
    };
    (
        prop::sample::select(drafts),
        any::<prop::sample::Index>(),
        1usize..30,
    )
        .prop_map(|(d, at, n)| {
            let lines: Vec<&str> = d.lines().collect();
            let s = at.index(lines.len().max(1));
            lines[s.min(lines.len())..(s + n).min(lines.len())].join("\n") + "\n"
        })
}

/// What an analysis found, with offsets made comparable: `(rule or claim, start, end, text)`.
fn found(
    text: &str,
    md: bool,
    lang: &str,
    map: &dyn Fn(usize) -> usize,
) -> Vec<(String, usize, usize, String)> {
    let r = common::rules();
    let src = Source::new(
        if md { "w.md" } else { "w.txt" },
        text,
        if md { Markup::Markdown } else { Markup::Plain },
    );
    let opts = crosscheck::Options {
        lang: Some(lang.to_string()),
        ..Default::default()
    };
    let Ok(mut a) = crosscheck::Analysis::new(src, r, &opts) else {
        return Vec::new();
    };
    a.check(&r.rules);
    let t = |s: usize, e: usize| a.source.text[s..e].replace('\r', "");
    let mut out = Vec::new();
    for f in &a.findings {
        for l in &f.labels {
            out.push((f.rule.clone(), map(l.start), map(l.end), t(l.start, l.end)));
        }
    }
    for c in &a.claims {
        out.push((
            format!("claim {:?}", c.source_kind),
            map(c.content.0),
            map(c.content.1),
            t(c.content.0, c.content.1),
        ));
    }
    for s in &a.sentences {
        out.push((
            "sentence".into(),
            map(s.start),
            map(s.end),
            t(s.start, s.end),
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn extraction_ignores_line_ends_and_byte_order_marks(lf in window(), md in any::<bool>(), pt in any::<bool>()) {
        let lang = if pt { "pt" } else { "en" };
        let crlf = lf.replace('\n', "\r\n");
        let bom = format!("\u{feff}{lf}");
        let bom_crlf = format!("\u{feff}{crlf}");
        // an offset in the LF text, in the others
        let newlines_before: Vec<usize> = {
            let mut v = Vec::with_capacity(lf.len() + 1);
            let mut n = 0;
            for b in lf.bytes() {
                v.push(n);
                n += usize::from(b == b'\n');
            }
            v.push(n);
            v
        };
        let base = found(&lf, md, lang, &|o| o);
        // CRLF text offsets back to LF: drop one byte per earlier CR
        let from_crlf = |o: usize| {
            let (mut lo, mut hi) = (0, lf.len());
            while lo < hi {
                let m = (lo + hi).div_ceil(2);
                if m + newlines_before[m] <= o { lo = m } else { hi = m - 1 }
            }
            lo
        };
        prop_assert_eq!(&found(&crlf, md, lang, &from_crlf), &base, "CRLF");
        prop_assert_eq!(&found(&bom, md, lang, &|o| o - 3), &base, "BOM");
        prop_assert_eq!(&found(&bom_crlf, md, lang, &|o| from_crlf(o - 3)), &base, "BOM and CRLF");
    }
}
