//! Language knowledge is data in `rules/`, never Rust: adding a language means adding files.
//! This test reads the analysis code and fails on the shapes that put words of a language in
//! it: a token's lower-case form compared with a word (`lower(k) == "de"`, `matches!(c.lower(k),
//! "and" | "e")`, `c.is(k, "percent")`), and behaviour switched on a language's code
//! (`lang.code == "pt"`). Such words go in a list of `rules/lang/<code>/*.toml` (see
//! `[function-words]`), and such switches in a property of the language (`null-subject`).

use std::path::Path;

/// Every `.rs` file under `dir`, with its text up to its unit tests.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&p).unwrap();
            let code = match text.find("#[cfg(test)]") {
                Some(i) => &text[..i],
                None => &text[..],
            };
            out.push((p.display().to_string(), code.to_string()));
        }
    }
}

/// The places in `code` (white space collapsed) where a word is written next to a token's text
/// or lower-case form, or a language code.
fn words_in_code(code: &str) -> Vec<String> {
    let flat: String = code
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let starts_word = |rest: &str| {
        rest.strip_prefix('"')
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_alphabetic)
    };
    let mut found = Vec::new();
    let calls = flat
        .match_indices("lower(")
        .chain(flat.match_indices("text("))
        .map(|(i, m)| (i, m.len() - 1));
    for (i, name) in calls {
        // the end of the call: its parentheses balanced
        let mut depth = 0;
        let mut end = None;
        for (j, ch) in flat[i + name..].char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i + name + j + 1);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { continue };
        let rest = flat[end..].trim_start();
        let compared = rest
            .strip_prefix("==")
            .or_else(|| rest.strip_prefix("!="))
            .or_else(|| rest.strip_prefix(','))
            .map(str::trim_start);
        if compared.is_some_and(starts_word) {
            found.push(flat[i.saturating_sub(30)..(end + 20).min(flat.len())].to_string());
        }
    }
    for (i, _) in flat.match_indices(".is(") {
        let rest = &flat[i + 4..];
        if let Some(comma) = rest.find(", ")
            && !rest[..comma].contains(')')
            && starts_word(&rest[comma + 2..])
        {
            found.push(flat[i..(i + 40).min(flat.len())].to_string());
        }
    }
    for (i, _) in flat.match_indices("lang.code ==") {
        found.push(flat[i..(i + 30).min(flat.len())].to_string());
    }
    found
}

#[test]
fn no_words_of_a_language_in_the_analysis_code() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 30, "read {} source files", files.len());
    let mut bad = Vec::new();
    for (path, code) in &files {
        for place in words_in_code(code) {
            bad.push(format!("{path}: …{place}…"));
        }
    }
    assert!(
        bad.is_empty(),
        "words of a language written in Rust (put them in rules/):\n{}",
        bad.join("\n")
    );
}

/// The scan finds each shape it looks for (so the test above can fail).
#[test]
fn the_scan_finds_words_next_to_lower_case_forms() {
    for (code, n) in [
        (r#"if c.lower(k) == "de" { }"#, 1),
        ("matches!(\n  c.lower(j + 1),\n  \"only\" | \"só\"\n)", 1),
        (r#"a.tokens.lower(j) != "of""#, 1),
        (r#"c.is(j, "percent")"#, 1),
        (r#"c.lang.code == "pt""#, 1),
        (r#"c.lower(k) == "&""#, 0),
        (r#"c.lang.fw.of.has(c.lower(k))"#, 0),
        (r#"c.text(k) == ",""#, 0),
        (r#"c.text(k) == "said""#, 1),
        (r#"// c.lower(k) == "de""#, 0),
    ] {
        assert_eq!(words_in_code(code).len(), n, "{code}");
    }
}
