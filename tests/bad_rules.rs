//! Bad rule files and bad configuration, through the real binary: each is a clear error that
//! names the file, the line and the column (and the rule id for a rule file), with exit code 2,
//! never a panic. Rule files loaded with `--rules DIR` (or `rules-dirs` in `crosscheck.toml`)
//! have their examples run at load time. Rows of the README's "Bad rules and configuration"
//! table; `readme_table_rows_are_tests` keeps the two in step.

mod support;

use support::{TempDir, run, s};

const DRAFT: &str = "Reports emerged that the ex-president had left Kazakhstan on Friday. But on Saturday a spokesman for the ex-president said he was still in the capital.\n";

/// A valid rule of kind `place` (mode two-places), with its examples; `edit` changes its text.
fn rule(id: &str) -> String {
    format!(
        r#"id = "{id}"
name = "house-two-places"
kind = "place"
category = "contradiction"
status = "preview"
severity = "warning"
languages = ["en"]
message = "{{subject}} is in {{place_a}} and in {{place_b}} on the same day"
what = "A house copy of CC102."
why = "One person cannot be in two countries at once."

[params]
mode = "two-places"

[[examples]]
lang = "en"
expect = "{id}"
text = '''<r>On Tuesday the minister was in Moscow</r>, officials said. Her spokesman said <m>she was in Paris on Tuesday</m>.'''

[[examples]]
lang = "en"
expect = "none"
text = '''On Tuesday the minister was in Moscow. On Wednesday she was in Paris, her spokesman said.'''
"#
    )
}

/// Run `crosscheck check --rules DIR draft` with one extra file and return the run.
fn with_file(rel: &str, text: &str) -> (TempDir, support::Run) {
    let d = TempDir::new("badrules");
    d.file(&format!("house/{rel}"), text);
    let draft = d.file("draft.md", DRAFT);
    let r = run(&["check", "--rules", s(&d.path().join("house")), s(&draft)]);
    (d, r)
}

/// The error names `house/<rel>:line:column: ` and says `needle`.
fn expect_at(rel: &str, text: &str, line: usize, column: usize, needle: &str) {
    let (d, r) = with_file(rel, text);
    let at = format!("{}:{line}:{column}: ", s(&d.path().join("house").join(rel)));
    r.assert_error(&at);
    r.assert_error(needle);
}

#[test]
fn a_valid_house_rule_loads_and_runs() {
    let (_d, r) = with_file("checks/CC901-house.toml", &rule("CC901"));
    assert!(matches!(r.code(), Some(0 | 1)), "{}", r.stderr);
    // and shows in `crosscheck rules`
    let d = TempDir::new("goodrule");
    d.file("house/checks/CC901-house.toml", rule("CC901"));
    let r = run(&["rules", "--rules", s(&d.path().join("house"))]);
    assert_eq!(r.code(), Some(0), "{}", r.stderr);
    assert!(r.out().contains("CC901"), "{}", r.out());
}

#[test]
fn a_malformed_rule_file() {
    // an unterminated string on line 2
    expect_at(
        "checks/CC901-house.toml",
        "id = \"CC901\"\nname = \"house\n",
        2,
        14,
        "invalid basic string",
    );
    // not UTF-8
    let (d, r) = with_file("checks/CC902-house.toml", "id = \"CC902\"\n");
    drop(r);
    std::fs::write(
        d.path().join("house/checks/CC902-house.toml"),
        b"id = \"\xff\"\n",
    )
    .unwrap();
    let r = run(&["rules", "--rules", s(&d.path().join("house"))]);
    r.assert_error(&format!(
        "{}:1:1: cannot read",
        s(&d.path().join("house/checks/CC902-house.toml"))
    ));
    // a field of the wrong type
    let text = rule("CC903").replace("languages = [\"en\"]", "languages = \"en\"");
    expect_at("checks/CC903-house.toml", &text, 7, 13, "invalid type");
    // a field no rule has
    let text = rule("CC904").replace(
        "status = \"preview\"",
        "status = \"preview\"\nsevirity = \"error\"",
    );
    expect_at(
        "checks/CC904-house.toml",
        &text,
        6,
        1,
        "unknown field `sevirity`",
    );
}

#[test]
fn an_unknown_check_kind() {
    let text = rule("CC905").replace("kind = \"place\"", "kind = \"telepathy\"");
    expect_at(
        "checks/CC905-house.toml",
        &text,
        3,
        1,
        "rule CC905: unknown check kind \"telepathy\"",
    );
    // a parameter the kind does not take
    let text = rule("CC906").replace("mode = \"two-places\"", "mood = \"two-places\"");
    expect_at(
        "checks/CC906-house.toml",
        &text,
        13,
        1,
        "rule CC906: unknown parameter \"mood\" for kind place",
    );
}

#[test]
fn a_missing_example() {
    let full = rule("CC907");
    let no_examples = &full[..full.find("[[examples]]").unwrap()];
    expect_at(
        "checks/CC907-house.toml",
        no_examples,
        1,
        1,
        "rule CC907: needs at least one example with expect = its own id",
    );
    // a must-flag example but no must-not-flag one
    let only_flag = &full[..full.rfind("[[examples]]").unwrap()];
    expect_at(
        "checks/CC908-house.toml",
        &only_flag.replace("CC907", "CC908"),
        1,
        1,
        "rule CC908: needs at least one example with expect = \"none\"",
    );
}

#[test]
fn a_rule_whose_examples_fail() {
    // the must-flag example does not flag (different days), so the example fails at load time,
    // saying which example and what was found
    let text = rule("CC909").replacen(
        "she was in Paris on Tuesday",
        "she was in Paris on Wednesday",
        1,
    );
    expect_at(
        "checks/CC909-house.toml",
        &text,
        15,
        1,
        "rule CC909: example 1 of 2 (en, expect CC909) fails: expected 1 finding, found 0",
    );
    // the must-not-flag example flags: the error shows the finding
    let text = rule("CC910").replace(
        "On Wednesday she was in Paris, her spokesman said.",
        "On Tuesday she was in Paris, her spokesman said.",
    );
    expect_at(
        "checks/CC910-house.toml",
        &text,
        20,
        1,
        "rule CC910: example 2 of 2 (en, expect none) fails: expected no finding, found:",
    );
    // the marked spans are wrong
    let text = rule("CC911").replace(
        "<r>On Tuesday the minister was in Moscow</r>",
        "On Tuesday <r>the minister</r> was in Moscow",
    );
    expect_at(
        "checks/CC911-house.toml",
        &text,
        15,
        1,
        "rule CC911: example 1 of 2 (en, expect CC911) fails: related span: expected \"the minister\"",
    );
}

#[test]
fn a_duplicate_rule_id() {
    expect_at(
        "checks/CC102-mine.toml",
        &rule("CC102"),
        1,
        1,
        "rule CC102: duplicate rule id (also in rules/checks/CC102-in-two-places-at-once.toml)",
    );
}

#[test]
fn no_regular_expressions_in_rule_files() {
    // rule files hold words and parameters, never patterns: a pattern field is refused as an
    // unknown field, so no rule can bring a pathological regular expression
    let text = rule("CC912").replace("[params]", "pattern = \"(a+)+$\"\n\n[params]");
    expect_at(
        "checks/CC912-house.toml",
        &text,
        12,
        1,
        "unknown field `pattern`",
    );
    // nor a lexicon
    expect_at(
        "lang/en/house.toml",
        "[grammar]\nregex = \"(a|aa)*b\"\n",
        2,
        1,
        "unknown field `regex`",
    );
}

#[test]
fn bad_lexicon_gazetteer_and_name_files() {
    // a lexicon that is not TOML
    expect_at("lang/en/house.toml", "[speech\nverbs = 1\n", 1, 8, "");
    // a gazetteer row with too few columns
    let (d, r) = with_file("gazetteer/cities.tsv", "XX\tonly two\n");
    let f = s(&d.path().join("house/gazetteer/cities.tsv")).to_string();
    r.assert_error(&format!("{f}:1:1: "));
    // name rules with a wrong type
    expect_at(
        "names.toml",
        "[names]\nmin-length-one-edit = \"six\"\n",
        2,
        23,
        "invalid type",
    );
}

#[test]
fn bad_configuration() {
    let d = TempDir::new("badconfig");
    let draft = d.file("draft.md", DRAFT);
    let cfg = d.path().join("crosscheck.toml");
    let cases: &[(&str, (usize, usize), &str)] = &[
        // unknown key, in a table and at the top
        (
            "fail-on = \"warning\"\n[output]\ncolor = \"never\"\n",
            (2, 2),
            "unknown field `output`",
        ),
        ("fail_on = \"warning\"\n", (1, 1), "unknown field `fail_on`"),
        // wrong types
        ("fail-on = 3\n", (1, 11), "wanted string or table"),
        (
            "include = \"drafts/**\"\n",
            (1, 11),
            "invalid type: string \"drafts/**\", expected a sequence",
        ),
        (
            "fail-on = \"sometimes\"\n",
            (1, 11),
            "unknown variant `sometimes`",
        ),
        ("[rules]\nCC101 = 2\n", (2, 9), "invalid type: integer `2`"),
        (
            "[rules]\nCC101 = \"loud\"\n",
            (2, 1),
            "rule CC101: unknown setting \"loud\"",
        ),
        // a bad glob
        (
            "include = [\"drafts/[a\"]\n",
            (1, 12),
            "bad glob \"drafts/[a\"",
        ),
        // malformed TOML
        ("fail-on = \"warning\n", (1, 19), "invalid basic string"),
    ];
    for (text, (line, column), needle) in cases {
        std::fs::write(&cfg, text).unwrap();
        let r = run(&["check", s(&draft)]);
        r.assert_error(&format!("{}:{line}:{column}: ", s(&cfg)));
        r.assert_error(needle);
        // `--config FILE` reads the same file the same way
        let r = run(&["check", "--config", s(&cfg), s(&draft)]);
        r.assert_error(&format!("{}:{line}:{column}: ", s(&cfg)));
    }
    // rules-dirs in the configuration load house rules, examples checked
    d.file(
        "house/checks/CC913-house.toml",
        rule("CC913").replacen("on Tuesday</m>", "on Wednesday</m>", 1),
    );
    std::fs::write(&cfg, "rules-dirs = [\"house\"]\n").unwrap();
    let r = run(&["check", s(&draft)]);
    r.assert_error("rule CC913: example 1 of 2 (en, expect CC913) fails");
}

/// The README's table of bad rule and configuration inputs names a test for each row.
#[test]
fn readme_table_rows_are_tests() {
    let sources = [include_str!("bad_rules.rs"), include_str!("ci.rs")].concat();
    let rows = support::readme_table_rows_are_tests("bad-rules", &sources);
    assert!(rows >= 8, "the table has {rows} rows");
}
